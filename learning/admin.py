from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _, ngettext

from urbanhome.core.admin import BaseAdmin, ReadOnlyAdmin, SoftDeleteAdmin, WriteOnlySecretsForm
from urbanhome.core.cbc import GradeLevel

from .models import (
    AIProvider,
    AITutor,
    Category,
    Certificate,
    Course,
    Enrollment,
    InstructorCBCAnalysis,
    InstructorRevenueSplit,
    RevenueSplitEntry,
)
from .services import certificate_reinstate, certificate_revoke


class GradeLevelsFormMixin(forms.ModelForm):
    """Tick boxes instead of a comma-separated text box for `grade_levels`."""

    grade_levels = forms.TypedMultipleChoiceField(
        label=_("grade levels"),
        choices=GradeLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class CourseAdminForm(GradeLevelsFormMixin):
    class Meta:
        model = Course
        fields = "__all__"


class CBCAnalysisAdminForm(GradeLevelsFormMixin):
    class Meta:
        model = InstructorCBCAnalysis
        fields = "__all__"


class AIProviderAdminForm(WriteOnlySecretsForm):
    secret_fields = ("api_key_encrypted",)

    class Meta:
        model = AIProvider
        fields = "__all__"


@admin.register(Category)
class CategoryAdmin(BaseAdmin):
    list_display = ("name", "slug", "parent", "display_order", "is_active", "course_count")
    list_filter = ("is_active",)
    search_fields = ("name", "slug", "description")
    date_hierarchy = "created_at"
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("course_count",)


@admin.register(Course)
class CourseAdmin(BaseAdmin):
    form = CourseAdminForm
    list_display = (
        "title",
        "learning_area",
        "instructor",
        "category",
        "price",
        "currency",
        "is_published",
        "is_featured",
        "enrollment_count",
        "created_at",
    )
    list_filter = ("is_published", "is_featured", "is_platform_created", "learning_area")
    search_fields = ("title", "slug", "description", "instructor__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("instructor", "category", "revenue_split", "cbc_analysis")
    list_select_related = ("instructor", "category")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("enrollment_count", "average_rating", "total_reviews", "lessons_version")


@admin.register(Enrollment)
class EnrollmentAdmin(SoftDeleteAdmin):
    list_display = (
        "student",
        "course",
        "status",
        "progress_percentage",
        "payment_amount",
        "enrolled_at",
        "is_deleted",
    )
    list_filter = ("status", "is_completed")
    search_fields = ("student__admission_number", "student__user__email", "course__title")
    date_hierarchy = "enrolled_at"
    autocomplete_fields = ("student", "course", "payment")
    list_select_related = ("student", "course")
    readonly_fields = ("enrolled_at", "deleted_at")


@admin.action(description=_("Revoke selected certificates"))
def revoke_certificates(modeladmin, request, queryset):
    count = 0
    for certificate in queryset.filter(is_valid=True):
        certificate_revoke(certificate=certificate)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d certificate revoked.", "%d certificates revoked.", count) % count,
        messages.SUCCESS,
    )


@admin.action(description=_("Reinstate selected certificates"))
def reinstate_certificates(modeladmin, request, queryset):
    count = 0
    for certificate in queryset.filter(is_valid=False):
        certificate_reinstate(certificate=certificate)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d certificate reinstated.", "%d certificates reinstated.", count) % count,
        messages.SUCCESS,
    )


@admin.register(Certificate)
class CertificateAdmin(BaseAdmin):
    list_display = (
        "serial_number",
        "student_name",
        "course_name",
        "grade",
        "issued_at",
        "is_valid",
    )
    list_filter = ("is_valid",)
    search_fields = ("serial_number", "student_name", "course_name", "student__email")
    date_hierarchy = "issued_at"
    autocomplete_fields = ("student", "course")
    list_select_related = ("student", "course")
    # Validity changes only through the actions, which keep revoked_at in step.
    readonly_fields = ("issued_at", "is_valid", "revoked_at")
    actions = (revoke_certificates, reinstate_certificates)


@admin.register(InstructorRevenueSplit)
class InstructorRevenueSplitAdmin(BaseAdmin):
    list_display = (
        "name",
        "instructor",
        "partner",
        "instructor_percent",
        "platform_percent",
        "partner_percent",
        "is_active",
    )
    list_filter = ("is_active",)
    search_fields = ("name", "instructor__email", "partner__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("instructor", "partner")
    list_select_related = ("instructor", "partner")


@admin.register(RevenueSplitEntry)
class RevenueSplitEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "course",
        "instructor",
        "gross_amount",
        "instructor_amount",
        "platform_amount",
        "partner_amount",
        "currency",
    )
    list_filter = ("currency",)
    search_fields = ("course__title", "instructor__email", "transaction__transaction_reference")
    date_hierarchy = "created_at"
    list_select_related = ("course", "instructor")


@admin.register(InstructorCBCAnalysis)
class InstructorCBCAnalysisAdmin(BaseAdmin):
    form = CBCAnalysisAdminForm
    list_display = ("course", "instructor", "learning_area", "alignment_score", "analyzed_at")
    list_filter = ("learning_area",)
    search_fields = ("course__title", "instructor__email", "learning_area")
    date_hierarchy = "analyzed_at"
    autocomplete_fields = ("course", "instructor")
    list_select_related = ("course", "instructor")


@admin.register(AITutor)
class AITutorAdmin(BaseAdmin):
    list_display = ("name", "student", "response_mode", "total_interactions", "last_interaction")
    list_filter = ("response_mode",)
    search_fields = ("name", "student__admission_number", "student__user__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("student",)
    list_select_related = ("student", "student__user")


@admin.register(AIProvider)
class AIProviderAdmin(BaseAdmin):
    form = AIProviderAdminForm
    list_display = (
        "name",
        "provider_type",
        "specialization",
        "is_active",
        "is_recommended",
        "cost_per_request",
    )
    list_filter = ("provider_type", "specialization", "is_active", "is_recommended")
    search_fields = ("name", "api_endpoint", "description")  # never the key
    date_hierarchy = "created_at"
