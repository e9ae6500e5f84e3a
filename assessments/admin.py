from django.contrib import admin

from learning.admin import InstructorOwnedAdminMixin, is_instructor_only
from urbanhome.core.admin import BaseAdmin

from .models import Assessment, AssessmentSubmission


@admin.register(Assessment)
class AssessmentAdmin(InstructorOwnedAdminMixin, BaseAdmin):
    # Instructors see and write assessments of their own courses only.
    owner_field = "course__instructor"
    course_fields = ("course",)

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
    readonly_fields = ("total_submissions", "average_score", "questions_version")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if is_instructor_only(request):
            fields.append("creator")
        return fields

    def save_model(self, request, obj, form, change):
        if not change and is_instructor_only(request):
            obj.creator = request.user
        super().save_model(request, obj, form, change)


@admin.register(AssessmentSubmission)
class AssessmentSubmissionAdmin(BaseAdmin):
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
    autocomplete_fields = ("assessment", "student", "graded_by")
    list_select_related = ("assessment", "student")
