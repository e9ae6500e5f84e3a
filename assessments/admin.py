from django import forms
from django.contrib import admin, messages
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from learning.admin import InstructorOwnedAdminMixin
from urbanhome.core.admin import BaseAdmin

from .forms import AssessmentAdminForm, MarkingField
from .models import (
    Accommodation,
    Assessment,
    AssessmentSubmission,
    BankQuestion,
    GradeOverride,
)
from .selectors import marking_rows
from .services import (
    assessment_is_auto_gradable,
    assessment_stats_recompute,
    submission_autograde,
    submission_grade,
    submission_mark,
)


class AccommodationInline(admin.TabularInline):
    """Per-learner extra time, attempts or dates (the others keep the rules)."""

    model = Accommodation
    extra = 0
    autocomplete_fields = ("student",)
    fields = (
        "student",
        "extra_minutes",
        "extra_attempts",
        "available_from",
        "available_until",
        "reason",
    )


@admin.register(Assessment)
class AssessmentAdmin(InstructorOwnedAdminMixin, BaseAdmin):
    # Instructors see and write assessments of their own courses only.
    owner_field = "course__instructor"
    course_fields = ("course",)
    form = AssessmentAdminForm
    inlines = (AccommodationInline,)

    list_display = (
        "title",
        "course",
        "assessment_type",
        "total_points",
        "passing_score",
        "is_published",
        "total_submissions",
        "created_at",
    )
    list_filter = ("assessment_type", "is_published", "auto_gradable")
    search_fields = ("title", "description", "course__title")
    date_hierarchy = "created_at"
    autocomplete_fields = ("course", "creator")
    list_select_related = ("course",)
    readonly_fields = (
        "auto_gradable",
        "total_submissions",
        "average_score",
        "questions_version",
    )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if request.user.is_instructor_only:
            fields.append("creator")
        return fields

    def save_model(self, request, obj, form, change):
        if not change and request.user.is_instructor_only:
            obj.creator = request.user
        super().save_model(request, obj, form, change)


class SubmissionGradeForm(forms.ModelForm):
    """Points and feedback per question (saved by `submission_mark()`), or one
    overall score and feedback (saved by `submission_grade()`)."""

    marks = MarkingField(label=_("Paper, question by question"))
    score = forms.IntegerField(label=_("score"), required=False, min_value=0)

    class Meta:
        model = AssessmentSubmission
        fields = ("score", "feedback")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "marks" in self.fields:
            rows = marking_rows(submission=self.instance) if self.instance.pk else []
            self.fields["marks"].set_rows(rows)

    def clean(self):
        cleaned = super().clean()
        submission = self.instance
        if "marks" in self.changed_data:
            if not submission.is_submitted:
                self.add_error("marks", _("Only handed-in work can be graded."))
            elif "score" in self.changed_data:
                self.add_error(
                    "score",
                    _(
                        "Give points per question or one overall score, not both: "
                        "the per-question points add up to the score."
                    ),
                )
            return cleaned
        if cleaned.get("score") is None:
            if submission.is_graded:
                self.add_error("score", _("A graded submission keeps a score."))
            elif cleaned.get("feedback"):
                self.add_error("score", _("Give a score to release the feedback."))
        elif not submission.is_submitted:
            self.add_error("score", _("Only handed-in work can be graded."))
        return cleaned


@admin.action(
    description=_("Grade selected submissions automatically"), permissions=["change"]
)
def autograde_submissions(modeladmin, request, queryset):
    graded = 0
    for submission in queryset.filter(
        is_submitted=True, is_graded=False
    ).select_related("assessment"):
        if not assessment_is_auto_gradable(assessment=submission.assessment):
            continue
        submission_autograde(submission=submission)
        graded += 1
    modeladmin.message_user(
        request,
        ngettext("%d submission graded.", "%d submissions graded.", graded) % graded,
        messages.SUCCESS,
    )


@admin.register(AssessmentSubmission)
class AssessmentSubmissionAdmin(InstructorOwnedAdminMixin, BaseAdmin):
    # Instructors see and grade the submissions of their own courses only;
    # submissions come from students, and grades go through the service so
    # statistics, course completion and notifications follow.
    owner_field = "assessment__course__instructor"
    form = SubmissionGradeForm
    actions = (autograde_submissions,)

    list_display = (
        "assessment",
        "student",
        "attempt_number",
        "score",
        "is_submitted",
        "is_graded",
        "submitted_at",
    )
    list_filter = ("is_graded", "is_submitted", "assessment__assessment_type")
    search_fields = (
        "assessment__title",
        "student__admission_number",
        "student__user__email",
    )
    date_hierarchy = "created_at"
    list_select_related = ("assessment", "student__user")
    fields = (
        "assessment",
        "student",
        "attempt_number",
        "marks",
        "is_submitted",
        "started_at",
        "submitted_at",
        "score",
        "feedback",
        "is_graded",
        "graded_at",
        "graded_by",
        "override_history",
    )
    readonly_fields = (
        "assessment",
        "student",
        "attempt_number",
        "is_submitted",
        "started_at",
        "submitted_at",
        "is_graded",
        "graded_at",
        "graded_by",
        "override_history",
    )

    def has_add_permission(self, request):
        return False  # students hand work in; the admin only grades it

    @admin.display(description=_("score changes"))
    def override_history(self, obj):
        # The audit trail, read only here (gradebook overrides write it).
        rows = obj.overrides.select_related("changed_by") if obj.pk else []
        return (
            format_html_join(
                mark_safe("<br>"),
                "{}: {} → {} ({}) — {}",
                (
                    (
                        date_format(localtime(r.created_at), "j M Y, H:i"),
                        r.old_score,
                        r.new_score,
                        r.changed_by or "—",
                        r.reason,
                    )
                    for r in rows
                ),
            )
            or "—"
        )

    def save_model(self, request, obj, form, change):
        if "marks" in form.changed_data:
            marks = form.cleaned_data["marks"]
            submission_mark(
                submission=obj,
                grader=request.user,
                scores=marks["scores"],
                feedback=marks["feedback"],
                overall_feedback=form.cleaned_data.get("feedback"),
            )
            return
        if not {"score", "feedback"} & set(form.changed_data):
            return  # nothing to grade; every other field is read-only
        submission_grade(
            submission=obj,
            score=form.cleaned_data["score"],
            feedback=form.cleaned_data.get("feedback"),
            graded_by=request.user,
        )

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        assessment_stats_recompute(assessment=obj.assessment)

    def delete_queryset(self, request, queryset):
        assessments = list(
            Assessment.objects.filter(submissions__in=queryset).distinct()
        )
        super().delete_queryset(request, queryset)
        for assessment in assessments:
            assessment_stats_recompute(assessment=assessment)


@admin.register(BankQuestion)
class BankQuestionAdmin(InstructorOwnedAdminMixin, BaseAdmin):
    owner_field = "course__instructor"
    course_fields = ("course",)
    list_display = ("__str__", "course", "strand", "created_at")
    list_filter = ("strand",)
    search_fields = ("strand", "course__title")
    autocomplete_fields = ("course",)
    list_select_related = ("course",)


@admin.register(GradeOverride)
class GradeOverrideAdmin(InstructorOwnedAdminMixin, BaseAdmin):
    owner_field = "submission__assessment__course__instructor"
    list_display = ("submission", "old_score", "new_score", "changed_by", "created_at")
    search_fields = ("submission__student__admission_number", "reason")
    list_select_related = ("submission__assessment", "submission__student")
    readonly_fields = (
        "submission",
        "changed_by",
        "old_score",
        "new_score",
        "reason",
        "created_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Accommodation)
class AccommodationAdmin(InstructorOwnedAdminMixin, BaseAdmin):
    owner_field = "assessment__course__instructor"
    list_display = (
        "student",
        "assessment",
        "extra_minutes",
        "extra_attempts",
        "available_until",
    )
    search_fields = ("student__admission_number", "assessment__title", "reason")
    autocomplete_fields = ("assessment", "student")
    list_select_related = ("student", "assessment")
