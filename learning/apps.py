from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What course authors may do in the admin with this app's models; publishing,
# deleting courses and everything else stays with staff (see learning/admin.py).
INSTRUCTOR_PERMISSIONS = [
    "add_course",
    "change_course",
    "view_course",
    "view_category",
    "view_enrollment",
]


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")

    def ready(self):
        # This app's extensions of the apps below it (see docs/architecture.md).
        from django.db.models.signals import post_delete, post_save

        from accounts.admin_scope import register_instructor_student_filter
        from accounts.models import Student
        from accounts.services import register_instructor_permissions
        from payments.entitlements import register_subscription_end
        from payments.fulfilment import register_fulfilment
        from payments.models import Purpose

        from . import dashboard
        from .cache import catalogue_changed, certificate_changed, learner_changed
        from .payment_handlers import (
            course_enrollment_describe,
            course_enrollment_paid,
            course_enrollment_refunded,
        )
        from .selectors import students_of_instructor
        from .services import enrollments_subscription_ended
        from .tutor.signals import student_saved

        dashboard.register()
        post_save.connect(
            student_saved, sender=Student, dispatch_uid="learning_tutor_for_student"
        )
        register_fulfilment(
            purpose=Purpose.COURSE_ENROLLMENT,
            handler=course_enrollment_paid,
            reverse=course_enrollment_refunded,
            describe=course_enrollment_describe,
        )
        register_subscription_end(
            key="learning.course_access", listener=enrollments_subscription_ended
        )
        register_instructor_student_filter(
            key="learning.course_students", student_filter=students_of_instructor
        )
        register_instructor_permissions(
            app_label="learning", codenames=INSTRUCTOR_PERMISSIONS
        )
        # Bulk updates (ratings, category counts) call catalogue_invalidate().
        for model in ("Course", "Category"):
            for signal in (post_save, post_delete):
                signal.connect(
                    catalogue_changed,
                    sender=self.get_model(model),
                    dispatch_uid=f"learning_catalogue_{model}_{signal is post_save}",
                )
        # The offline tutor searches lesson passages: rebuilt with the lessons.
        from .tutor.retrieval import course_saved

        post_save.connect(
            course_saved,
            sender=self.get_model("Course"),
            dispatch_uid="learning_tutor_passages",
        )
        # A learner's dashboard blocks; bulk UPDATEs call learner_invalidate().
        learner_models = {
            "Enrollment": learner_changed,
            "StudyDay": learner_changed,
            "AITutor": learner_changed,
            "Certificate": certificate_changed,
        }
        for model, receiver in learner_models.items():
            for signal in (post_save, post_delete):
                signal.connect(
                    receiver,
                    sender=self.get_model(model),
                    dispatch_uid=f"learning_learner_{model}_{signal is post_save}",
                )
