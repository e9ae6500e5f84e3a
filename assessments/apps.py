from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What course authors may do in the admin with this app's models.
INSTRUCTOR_PERMISSIONS = [
    "add_assessment",
    "change_assessment",
    "delete_assessment",
    "view_assessment",
    # Grading: the admin lets them change only the score and feedback.
    "change_assessmentsubmission",
    "view_assessmentsubmission",
    # Question banks and one learner's accommodations of their own courses.
    "add_bankquestion",
    "change_bankquestion",
    "delete_bankquestion",
    "view_bankquestion",
    "add_accommodation",
    "change_accommodation",
    "delete_accommodation",
    "view_accommodation",
    "view_gradeoverride",
]


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # This app's extensions of the apps below it (see docs/architecture.md).
        from django.db.models.signals import post_delete, post_save

        from accounts.services import register_instructor_permissions
        from learning.completion import register_completion_requirement
        from learning.tutor.busy import register_tutor_busy_check

        from . import dashboard
        from .cache import assessment_changed, learner_changed
        from .completion import assessments_passed
        from .selectors import tutor_busy_during_timed_attempt

        dashboard.register()
        register_completion_requirement(
            key="assessments.passed", requirement=assessments_passed
        )
        register_instructor_permissions(
            app_label="assessments", codenames=INSTRUCTOR_PERMISSIONS
        )
        register_tutor_busy_check(
            key="assessments.timed_attempt", check=tutor_busy_during_timed_attempt
        )
        # The cached dashboards (assessments/cache.py).
        receivers = {
            "Assessment": assessment_changed,
            "AssessmentSubmission": learner_changed,
            "Accommodation": learner_changed,
        }
        for model, receiver in receivers.items():
            for signal in (post_save, post_delete):
                signal.connect(
                    receiver,
                    sender=self.get_model(model),
                    dispatch_uid=f"assessments_cache_{model}_{signal is post_save}",
                )
