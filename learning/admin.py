from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from urbanhome.core.admin import (
    BaseAdmin,
    ReadOnlyAdmin,
    SoftDeleteAdmin,
    WriteOnlySecretsForm,
    service_action,
)
from urbanhome.core.cbc import GradeLevel

from .forms import CompetenciesField, LessonsField, SyllabusField
from .models import (
    AIProvider,
    AITutor,
    Category,
    Certificate,
    Course,
    Enrollment,
    InstructorCBCAnalysis,
    InstructorRevenueSplit,
    LessonPassage,
    LessonTerm,
    RevenueSplitEntry,
    StudyDay,
)
from .services import (
    category_course_counts_refresh,
    certificate_reinstate,
    certificate_revoke,
    course_publish,
    course_review_approve,
    course_review_send_back,
    course_submit_for_review,
    course_unpublish,
    enrollment_delete,
)
from .tutor import admin as tutor_admin


class InstructorOwnedAdminMixin:
    """Scope an admin to the rows an instructor owns.

    `owner_field` is the lookup from the model to its instructor (a user);
    `course_fields` are foreign keys to Course limited to the instructor's
    own courses. Staff see and edit everything.
    """

    owner_field = "instructor"
    course_fields: tuple[str, ...] = ()

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_instructor_only:
            qs = qs.filter(**{self.owner_field: request.user})
        return qs

    def _owns(self, request, obj) -> bool:
        if obj is None or not request.user.is_instructor_only:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._owns(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._owns(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.course_fields and request.user.is_instructor_only:
            kwargs["queryset"] = Course.objects.filter(instructor=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class GradeLevelsFormMixin(forms.ModelForm):
    """Tick boxes instead of a comma-separated text box for `grade_levels`."""

    grade_levels = forms.TypedMultipleChoiceField(
        label=_("grade levels"),
        choices=GradeLevel.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class CourseAdminForm(GradeLevelsFormMixin):
    syllabus = SyllabusField(label=_("syllabus"))
    lessons = LessonsField(label=_("lessons"), required=False)
    competencies = CompetenciesField(
        label=_("CBC core competencies"),
        help_text=_("The core competencies this course develops."),
    )
    # Staff only, while the course waits for review (see CourseAdmin).
    review_decision = forms.ChoiceField(
        label=_("Review decision"),
        required=False,
        choices=[
            ("", _("Not decided yet")),
            ("approve", _("Approve and publish")),
            ("send_back", _("Send back to the instructor")),
        ],
    )
    review_reason = forms.CharField(
        label=_("What should change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to send the course back: the instructor is told this."),
    )

    class Meta:
        model = Course
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin's fieldsets choose

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "syllabus" in self.fields:
            self.fields["syllabus"].stored = dict(self.instance.syllabus or {})
        if "competencies" in self.fields:
            self.fields["competencies"].allow_stored(self.instance.competencies)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("review_decision") == "send_back"
            and not (cleaned.get("review_reason") or "").strip()
        ):
            self.add_error("review_reason", _("Say what the instructor should change."))
        return cleaned


class CBCAnalysisAdminForm(GradeLevelsFormMixin):
    class Meta:
        model = InstructorCBCAnalysis
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin's fieldsets choose


class AIProviderAdminForm(WriteOnlySecretsForm):
    secret_fields = ("api_key_encrypted",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["configuration"].help_text = _(
            'JSON: {"api": "openai", "gemini" or "anthropic", "model": "…", '
            '"temperature": 0–2, "max_tokens": 1–8192, "timeout": seconds 1–120}. '
            "The endpoint is the API base, e.g. https://api.openai.com/v1, "
            "https://generativelanguage.googleapis.com/v1beta, "
            "https://api.anthropic.com/v1 or a school's own server."
        )

    class Meta:
        model = AIProvider
        fields = "__all__"


class CategoryCountsOnDeleteMixin:
    """Deleting a course or a category (its courses become uncategorised)
    changes what the ancestors count: refresh the course counts."""

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        category_course_counts_refresh()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        category_course_counts_refresh()


@admin.register(Category)
class CategoryAdmin(CategoryCountsOnDeleteMixin, BaseAdmin):
    list_display = (
        "name",
        "slug",
        "parent",
        "display_order",
        "is_active",
        "course_count",
    )
    list_filter = ("is_active",)
    search_fields = ("name", "slug", "description")
    date_hierarchy = "created_at"
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("course_count",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        category_course_counts_refresh()  # moving a category moves its courses up the tree


@admin.action(description=_("Publish selected courses"))
def publish_courses(modeladmin, request, queryset):
    published = 0
    for course in queryset.filter(is_published=False):
        try:
            course_publish(course=course, by=request.user)
        except ValidationError as exc:
            modeladmin.message_user(
                request, f"{course}: {exc.messages[0]}", messages.ERROR
            )
        else:
            published += 1
    modeladmin.message_user(
        request,
        ngettext("%d course published.", "%d courses published.", published)
        % published,
        messages.SUCCESS,
    )


@admin.action(description=_("Unpublish selected courses"))
def unpublish_courses(modeladmin, request, queryset):
    count = 0
    for course in queryset.filter(is_published=True):
        course_unpublish(course=course, by=request.user)
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%d course unpublished.", "%d courses unpublished.", count) % count,
        messages.SUCCESS,
    )


@admin.action(description=_("Submit selected courses for review"))
def submit_courses_for_review(modeladmin, request, queryset):
    submitted = 0
    for course in queryset:
        try:
            course_submit_for_review(course=course, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            reason = exc.messages[0] if isinstance(exc, ValidationError) else exc
            modeladmin.message_user(request, f"{course}: {reason}", messages.ERROR)
        else:
            submitted += 1
    if submitted:
        modeladmin.message_user(
            request,
            ngettext(
                "%d course sent to staff for review.",
                "%d courses sent to staff for review.",
                submitted,
            )
            % submitted,
            messages.SUCCESS,
        )


REVIEW_FIELDS = ("review_decision", "review_reason")


@admin.register(Course)
class CourseAdmin(CategoryCountsOnDeleteMixin, InstructorOwnedAdminMixin, BaseAdmin):
    form = CourseAdminForm
    actions = (publish_courses, unpublish_courses, submit_courses_for_review)
    # Only staff decide these; instructors see them read-only.
    staff_only_fields = (
        "instructor",
        "is_platform_created",
        "is_featured",
        "revenue_split",
        "cbc_analysis",
    )
    list_display = (
        "title",
        "learning_area",
        "instructor",
        "category",
        "price",
        "currency",
        "is_published",
        "review_status",
        "is_featured",
        "enrollment_count",
        "created_at",
    )
    list_filter = (
        "is_published",
        "review_status",
        "is_featured",
        "is_platform_created",
        "learning_area",
    )
    search_fields = ("title", "slug", "description", "instructor__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("instructor", "category", "revenue_split", "cbc_analysis")
    list_select_related = ("instructor", "category")
    prepopulated_fields = {"slug": ("title",)}
    # Publishing goes through the actions (course_publish sets published_at).
    readonly_fields = (
        "is_published",
        "published_at",
        "enrollment_count",
        "average_rating",
        "total_reviews",
        "lessons_version",
        "review_status",
        "submitted_for_review_at",
        "review_feedback",
    )

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        in_review = obj is not None and (
            obj.review_status == Course.ReviewStatus.IN_REVIEW
        )
        if not (in_review and request.user.is_platform_staff):
            fields = [name for name in fields if name not in REVIEW_FIELDS]
        return fields

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if request.user.is_instructor_only:
            fields += [name for name in self.staff_only_fields if name not in fields]
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_platform_staff:
            actions.pop("publish_courses", None)
            actions.pop("unpublish_courses", None)
        if not request.user.is_instructor_only:
            actions.pop("submit_courses_for_review", None)
        return actions

    def save_model(self, request, obj, form, change):
        if not change and request.user.is_instructor_only:
            obj.instructor = request.user
        decision = form.cleaned_data.get("review_decision")
        if not decision:
            super().save_model(request, obj, form, change)
            category_course_counts_refresh()
            return
        # The edits and the decision are saved together, or neither is.
        try:
            with transaction.atomic():
                super().save_model(request, obj, form, change)
                if decision == "approve":
                    course_review_approve(course=obj, by=request.user)
                else:
                    course_review_send_back(
                        course=obj,
                        by=request.user,
                        reason=form.cleaned_data.get("review_reason", ""),
                    )
        except ValidationError as exc:
            request._course_review_failed = True
            self.message_user(
                request,
                _("Nothing was saved: %(reason)s") % {"reason": exc.messages[0]},
                messages.ERROR,
            )
            return
        category_course_counts_refresh()
        if decision == "approve":
            self.message_user(
                request, _("Approved and published; the instructor was told.")
            )
        else:
            self.message_user(request, _("Sent back; the instructor was told why."))

    def response_change(self, request, obj):
        if getattr(request, "_course_review_failed", False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


soft_delete_enrollments = service_action(
    name="soft_delete_enrollments",
    description=_("Soft-delete selected rows"),
    only={"is_deleted": False},
    service=lambda enrollment: enrollment_delete(enrollment=enrollment),
    singular="%d row soft-deleted.",
    plural="%d rows soft-deleted.",
)


@admin.register(Enrollment)
class EnrollmentAdmin(InstructorOwnedAdminMixin, SoftDeleteAdmin):
    # Instructors view (never change) the enrolments of their own courses;
    # soft-deleted rows stay with staff.
    owner_field = "course__instructor"

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
    search_fields = (
        "student__admission_number",
        "student__user__email",
        "course__title",
    )
    date_hierarchy = "enrolled_at"
    autocomplete_fields = ("student", "course", "payment")
    list_select_related = ("student", "course")
    readonly_fields = ("enrolled_at", "deleted_at")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(is_deleted=False) if request.user.is_instructor_only else qs

    def has_add_permission(self, request):
        return not request.user.is_instructor_only and super().has_add_permission(
            request
        )

    def has_change_permission(self, request, obj=None):
        return not request.user.is_instructor_only and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return not request.user.is_instructor_only and super().has_delete_permission(
            request, obj
        )

    def get_list_filter(self, request):
        if request.user.is_instructor_only:
            return self.list_filter  # no "deleted" filter: they never see such rows
        return super().get_list_filter(request)

    def get_actions(self, request):
        if request.user.is_instructor_only:
            return {}  # the soft-delete and restore actions are staff work
        actions = super().get_actions(request)
        if "soft_delete_selected" in actions:
            # The enrollment service also keeps the course counters right.
            actions["soft_delete_selected"] = (
                soft_delete_enrollments,
                "soft_delete_selected",
                soft_delete_enrollments.short_description,
            )
        return actions

    def delete_model(self, request, obj):
        enrollment_delete(enrollment=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            enrollment_delete(enrollment=obj)


revoke_certificates = service_action(
    name="revoke_certificates",
    description=_("Revoke selected certificates"),
    only={"is_valid": True},
    service=lambda certificate: certificate_revoke(certificate=certificate),
    singular="%d certificate revoked.",
    plural="%d certificates revoked.",
)

reinstate_certificates = service_action(
    name="reinstate_certificates",
    description=_("Reinstate selected certificates"),
    only={"is_valid": False},
    service=lambda certificate: certificate_reinstate(certificate=certificate),
    singular="%d certificate reinstated.",
    plural="%d certificates reinstated.",
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
        "reversed_at",
    )
    list_filter = ("currency", ("reversed_at", admin.EmptyFieldListFilter))
    search_fields = (
        "course__title",
        "instructor__email",
        "transaction__transaction_reference",
    )
    date_hierarchy = "created_at"
    list_select_related = ("course", "instructor")


@admin.register(InstructorCBCAnalysis)
class InstructorCBCAnalysisAdmin(BaseAdmin):
    form = CBCAnalysisAdminForm
    list_display = (
        "course",
        "instructor",
        "learning_area",
        "alignment_score",
        "analyzed_at",
    )
    list_filter = ("learning_area",)
    search_fields = ("course__title", "instructor__email", "learning_area")
    date_hierarchy = "analyzed_at"
    autocomplete_fields = ("course", "instructor")
    list_select_related = ("course", "instructor")


@admin.register(AITutor)
class AITutorAdmin(BaseAdmin):
    list_display = (
        "name",
        "student",
        "response_mode",
        "total_interactions",
        "last_interaction",
    )
    list_filter = ("response_mode",)
    search_fields = ("name", "student__admission_number", "student__user__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("student",)
    list_select_related = ("student", "student__user")
    actions = [tutor_admin.clear_conversation]


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
    actions = [tutor_admin.test_connection, tutor_admin.reencrypt_keys]


@admin.register(StudyDay)
class StudyDayAdmin(ReadOnlyAdmin):
    list_display = ("day", "student", "enrollment", "minutes")
    list_filter = ("day",)
    search_fields = (
        "student__admission_number",
        "student__user__email",
        "enrollment__course__title",
    )
    date_hierarchy = "day"
    list_select_related = ("student__user", "enrollment__course")


# The offline tutor's search table: derived from the courses' lessons on every
# save (and by `manage.py reindex_lessons`), so it is shown, never edited.
@admin.register(LessonPassage)
class LessonPassageAdmin(ReadOnlyAdmin):
    list_display = ("course", "lesson_title", "heading", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("course__title", "course__slug", "lesson_title", "heading")
    list_select_related = ("course",)
    exclude = ("search_vector",)


@admin.register(LessonTerm)
class LessonTermAdmin(ReadOnlyAdmin):
    list_display = ("word",)
    search_fields = ("word",)
    readonly_fields = ("word", "trigrams")  # no timestamps on this table
