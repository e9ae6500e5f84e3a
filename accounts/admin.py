from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from allauth.usersessions.models import UserSession

from urbanhome.core.admin import (
    BaseAdmin,
    ReadOnlyAdmin,
    SoftDeleteAdmin,
    restore_selected,
)

from . import services
from .admin_scope import instructor_students_q
from .models import (
    AccountDeletion,
    AIAgentProfile,
    ContactMessage,
    InstructorApplication,
    InstructorProfile,
    Notification,
    PairingCode,
    ParentalConsent,
    PartnerProfile,
    Student,
    User,
)


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "role")


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SoftDeleteAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ("email",)
    list_display = (
        "email",
        "display_name",
        "role",
        "is_active",
        "is_verified",
        "is_staff",
        "is_deleted",
        "created_at",
    )
    list_filter = ("role", "is_active", "is_verified", "is_staff")
    search_fields = (
        "email",
        "profile_data__first_name",
        "profile_data__last_name",
        "profile_data__phone",
    )
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "updated_at", "last_login", "deleted_at")
    fieldsets = (
        (None, {"fields": ("email", "password", "role")}),
        (_("Profile"), {"fields": ("profile_data",)}),
        (
            _("Status"),
            {"fields": ("is_active", "is_verified", "is_deleted", "deleted_at")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ("groups", "user_permissions")
    actions = ("soft_delete_selected", restore_selected)
    # Who may do what in the admin is for superusers to decide; staff manage
    # families, learners and instructors, not other staff.
    superuser_only_fields = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in self.superuser_only_fields if f not in fields]
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not request.user.is_superuser:
            kwargs["choices"] = [
                (value, label)
                for value, label in db_field.choices
                if value not in (User.Role.STAFF, User.Role.ADMIN)
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def _is_staff_account(self, obj) -> bool:
        return obj is not None and (obj.is_superuser or obj.is_platform_staff)

    def has_change_permission(self, request, obj=None):
        if not request.user.is_superuser and self._is_staff_account(obj):
            return False  # view only: no password, role or email changes
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not request.user.is_superuser and self._is_staff_account(obj):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return obj.get_full_name()

    @admin.action(description=_("Soft-delete selected users and sign them out"))
    def soft_delete_selected(self, request, queryset):
        count = 0
        if not request.user.is_superuser:
            queryset = queryset.exclude(is_superuser=True).exclude(
                role__in=(User.Role.STAFF, User.Role.ADMIN)
            )
        for user in queryset.filter(is_deleted=False):
            services.user_soft_delete(user=user)
            count += 1
        self.message_user(
            request, _("%(n)d users soft-deleted.") % {"n": count}, messages.SUCCESS
        )

    def delete_model(self, request, obj):
        services.user_soft_delete(user=obj)

    def delete_queryset(self, request, queryset):
        for user in queryset.filter(is_deleted=False):
            services.user_soft_delete(user=user)


@admin.register(Student)
class StudentAdmin(BaseAdmin):
    list_display = (
        "admission_number",
        "user",
        "grade_level",
        "parent",
        "forum_access",
        "is_active",
        "enrollment_date",
    )
    list_filter = ("grade_level", "is_active", "forum_access")
    search_fields = (
        "admission_number",
        "user__email",
        "parent__email",
        "user__profile_data__first_name",
    )
    date_hierarchy = "enrollment_date"
    autocomplete_fields = ("user", "parent")
    list_select_related = ("user", "parent")
    # What an instructor sees of their learners is what teaching needs: the
    # name, the grade and the accommodations the parent chose to share. Not
    # the login, the family, the learning profile or special-needs notes,
    # and nothing to edit.
    instructor_fields = ("learner_name", "grade_level", "accommodations")

    @admin.display(description=_("name"), ordering="user__profile_data__first_name")
    def learner_name(self, obj):
        return obj.user.get_full_name() or "-"

    @admin.display(description=_("accommodations"))
    def accommodations(self, obj):
        return (obj.learning_profile or {}).get("accommodations") or "-"

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_instructor_only:
            return self.instructor_fields
        return super().get_readonly_fields(request, obj)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not request.user.is_instructor_only:
            return qs
        allowed = instructor_students_q(user=request.user)
        return qs.none() if allowed is None else qs.filter(allowed)

    def _instructor_may_see(self, request, obj) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        if request.user.is_instructor_only:
            return super().has_view_permission(
                request, obj
            ) and self._instructor_may_see(request, obj)
        return super().has_view_permission(request, obj)

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

    def get_list_display(self, request):
        if request.user.is_instructor_only:
            return self.instructor_fields
        return super().get_list_display(request)

    def get_list_filter(self, request):
        if request.user.is_instructor_only:
            return ("grade_level",)
        return super().get_list_filter(request)

    def get_search_fields(self, request):
        if request.user.is_instructor_only:
            return ("user__profile_data__first_name", "user__profile_data__last_name")
        return super().get_search_fields(request)

    def get_fields(self, request, obj=None):
        if request.user.is_instructor_only:
            return self.instructor_fields
        return super().get_fields(request, obj)

    def get_actions(self, request):
        if request.user.is_instructor_only:
            return {}
        return super().get_actions(request)


@admin.register(AIAgentProfile)
class AIAgentProfileAdmin(BaseAdmin):
    list_display = (
        "user",
        "agent_name",
        "preferred_language",
        "response_style",
        "updated_at",
    )
    list_filter = ("preferred_language", "response_style")
    search_fields = ("user__email", "agent_name")
    autocomplete_fields = ("user",)
    list_select_related = ("user",)


@admin.register(Notification)
class NotificationAdmin(BaseAdmin):
    list_display = ("title", "user", "type", "is_read", "created_at")
    list_filter = ("type", "is_read")
    search_fields = ("title", "message", "user__email")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
    readonly_fields = ("read_at",)


class ContactMessageAdminForm(forms.ModelForm):
    reply = forms.CharField(
        label=_("Reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Filled in: emailed to the sender when you save."),
    )

    class Meta:
        model = ContactMessage
        fields = ("name", "email", "subject", "message")


@admin.register(ContactMessage)
class ContactMessageAdmin(BaseAdmin):
    form = ContactMessageAdminForm
    list_display = ("subject", "name", "email", "is_read", "replied_at", "created_at")
    list_filter = ("is_read",)
    search_fields = ("subject", "name", "email", "message")
    date_hierarchy = "created_at"
    readonly_fields = (
        "name",
        "email",
        "subject",
        "message",
        "is_read",
        "read_at",
        "replied_at",
        "reply_message",
    )
    fields = (
        "name",
        "email",
        "subject",
        "message",
        "is_read",
        "read_at",
        "replied_at",
        "reply_message",
        "reply",
    )
    actions = ("mark_read",)

    def has_add_permission(self, request):
        return False  # messages come from the public form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            contact = self.get_object(request, object_id)
            if contact is not None and self.has_change_permission(request, contact):
                services.contact_message_mark_read(contact=contact)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        reply = form.cleaned_data.get("reply")
        if reply:
            services.contact_message_reply(contact=obj, reply=reply)
            # The email task records replied_at once the mail is really sent.
            self.message_user(
                request,
                _("Your reply to %(email)s is being sent.") % {"email": obj.email},
                messages.SUCCESS,
            )

    @admin.action(description=_("Mark selected messages read"))
    def mark_read(self, request, queryset):
        for contact in queryset.filter(is_read=False):
            services.contact_message_mark_read(contact=contact)


class InstructorApplicationAdminForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[
            ("", _("Undecided")),
            ("approve", _("Approve")),
            ("reject", _("Reject")),
        ],
    )
    notes = forms.CharField(
        label=_("Review notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject: the reason is emailed to the applicant."),
    )

    class Meta:
        model = InstructorApplication
        fields = (
            "full_name",
            "email",
            "phone",
            "qualifications",
            "experience_years",
            "subjects",
            "bio",
        )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and self.instance.status != InstructorApplication.Status.PENDING:
            raise ValidationError(_("This application was already decided."))
        if decision == "reject" and not (cleaned.get("notes") or "").strip():
            self.add_error("notes", _("Give the reason for the rejection."))
        if decision == "approve" and "email" in cleaned:
            # Refuse here a decision that cannot succeed, before any edit is saved.
            try:
                services.instructor_application_approval_check(
                    application=self.instance, email=cleaned["email"]
                )
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return cleaned


@admin.register(InstructorApplication)
class InstructorApplicationAdmin(BaseAdmin):
    form = InstructorApplicationAdminForm
    list_display = (
        "full_name",
        "email",
        "status",
        "experience_years",
        "reviewed_by",
        "created_at",
    )
    list_filter = ("status",)
    search_fields = ("full_name", "email", "phone")
    date_hierarchy = "created_at"
    list_select_related = ("reviewed_by",)
    readonly_fields = (
        "user",
        "status",
        "documents",
        "reviewed_by",
        "reviewed_at",
        "review_notes",
    )
    fields = (
        "full_name",
        "email",
        "phone",
        "qualifications",
        "experience_years",
        "subjects",
        "bio",
        "documents",
        "user",
        "status",
        "reviewed_by",
        "reviewed_at",
        "review_notes",
        "decision",
        "notes",
    )
    actions = ("approve_selected",)

    def has_add_permission(self, request):
        return False  # applications come from the public form

    @admin.display(description=_("documents"))
    def documents(self, obj):
        links = [
            (reverse("instructor_application_file", args=[obj.pk, kind]), label)
            for kind, field, label in (
                ("cv", "cv_url", _("CV")),
                ("id_front", "id_document_front_url", _("ID front")),
                ("id_back", "id_document_back_url", _("ID back")),
            )
            if getattr(obj, field)
        ]
        if not links:
            return "-"
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def save_model(self, request, obj, form, change):
        """Save the edits and the decision together, or neither.

        The form already refused a decision known to fail; if one still fails
        (the application changed meanwhile), the edits are rolled back too and
        response_change() sends staff back to the form with the reason.
        """
        decision, notes = (
            form.cleaned_data.get("decision"),
            form.cleaned_data.get("notes", ""),
        )
        if not decision:
            super().save_model(request, obj, form, change)
            return
        try:
            with transaction.atomic():
                super().save_model(request, obj, form, change)
                if decision == "approve":
                    services.instructor_application_approve(
                        application=obj, reviewer=request.user, notes=notes
                    )
                else:
                    services.instructor_application_reject(
                        application=obj, reviewer=request.user, notes=notes
                    )
        except ValidationError as exc:
            request._instructor_decision_failed = True
            self.message_user(
                request,
                _("Nothing was saved: %(reason)s") % {"reason": exc.messages[0]},
                messages.ERROR,
            )
            return
        if decision == "approve":
            self.message_user(
                request,
                _("Approved: %(email)s is now an instructor.") % {"email": obj.email},
            )
        else:
            self.message_user(request, _("Rejected; the reason was emailed."))

    def response_change(self, request, obj):
        if getattr(request, "_instructor_decision_failed", False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description=_("Approve selected applications"))
    def approve_selected(self, request, queryset):
        approved = 0
        for application in queryset.filter(status=InstructorApplication.Status.PENDING):
            try:
                services.instructor_application_approve(
                    application=application, reviewer=request.user
                )
            except ValidationError as exc:
                self.message_user(
                    request, f"{application.email}: {exc.messages[0]}", messages.ERROR
                )
            else:
                approved += 1
        self.message_user(
            request,
            _("%(n)d applications approved.") % {"n": approved},
            messages.SUCCESS,
        )


@admin.register(InstructorProfile)
class InstructorProfileAdmin(BaseAdmin):
    list_display = (
        "user",
        "headline",
        "experience_years",
        "is_verified",
        "approved_at",
    )
    list_filter = ("is_verified",)
    search_fields = ("user__email", "headline")
    autocomplete_fields = ("user",)
    list_select_related = ("user",)


@admin.register(PartnerProfile)
class PartnerProfileAdmin(BaseAdmin):
    list_display = ("organization_name", "user", "referral_code", "is_active")
    list_filter = ("is_active",)
    search_fields = ("organization_name", "referral_code", "user__email")
    autocomplete_fields = ("user",)
    list_select_related = ("user",)


@admin.register(ParentalConsent)
class ParentalConsentAdmin(ReadOnlyAdmin):
    list_display = (
        "parent_email",
        "child_name",
        "admission_number",
        "policy_version",
        "method",
        "consented_at",
    )
    list_filter = ("policy_version", "method")
    search_fields = ("parent_email", "child_name", "admission_number")
    date_hierarchy = "consented_at"


@admin.register(PairingCode)
class PairingCodeAdmin(ReadOnlyAdmin):
    list_display = ("code", "student", "expires_at", "used_at", "used_by")
    search_fields = ("code", "student__admission_number", "student__user__email")
    list_select_related = ("student__user", "used_by")


@admin.register(AccountDeletion)
class AccountDeletionAdmin(BaseAdmin):
    list_display = (
        "user_email",
        "created_at",
        "covered_count",
        "restored_at",
        "restored_by",
    )
    list_filter = (("restored_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__email",)
    date_hierarchy = "created_at"
    list_select_related = ("user", "restored_by")
    readonly_fields = (
        "user",
        "covered_user_ids",
        "reason",
        "restored_at",
        "restored_by",
    )
    actions = ("restore_accounts",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("user"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    @admin.display(description=_("accounts"))
    def covered_count(self, obj):
        return len(obj.covered_user_ids or [])

    @admin.action(description=_("Restore the accounts of selected requests"))
    def restore_accounts(self, request, queryset):
        restored = 0
        for deletion in queryset.filter(restored_at__isnull=True):
            restored += len(
                services.account_restore(deletion=deletion, by=request.user)
            )
        self.message_user(
            request, _("%(n)d accounts restored.") % {"n": restored}, messages.SUCCESS
        )


# allauth's own admin searches `user__username`, which this user model does
# not have: every search of the sessions list was a 500.
admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    """Signed-in devices; deleting one signs that device out."""

    raw_id_fields = ("user",)
    list_display = ("user", "created_at", "last_seen_at", "ip", "user_agent")
    list_select_related = ("user",)
    search_fields = ("user__email", "ip", "user_agent")
    date_hierarchy = "last_seen_at"
