from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from urbanhome.core.admin import BaseAdmin, SoftDeleteAdmin

from .models import (
    AIAgentProfile,
    ContactMessage,
    InstructorApplication,
    InstructorProfile,
    Notification,
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
    list_display = ("email", "display_name", "role", "is_active", "is_verified", "is_staff", "is_deleted", "created_at")
    list_filter = ("role", "is_active", "is_verified", "is_staff")
    search_fields = ("email", "profile_data__first_name", "profile_data__last_name", "profile_data__phone")
    date_hierarchy = "created_at"
    readonly_fields = ("created_at", "updated_at", "last_login", "deleted_at")
    fieldsets = (
        (None, {"fields": ("email", "password", "role")}),
        (_("Profile"), {"fields": ("profile_data",)}),
        (_("Status"), {"fields": ("is_active", "is_verified", "is_deleted", "deleted_at")}),
        (_("Permissions"), {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "created_at", "updated_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),)
    filter_horizontal = ("groups", "user_permissions")

    @admin.display(description=_("name"))
    def display_name(self, obj):
        return obj.get_full_name()


@admin.register(Student)
class StudentAdmin(BaseAdmin):
    list_display = ("admission_number", "user", "grade_level", "parent", "is_active", "enrollment_date")
    list_filter = ("grade_level", "is_active")
    search_fields = ("admission_number", "user__email", "parent__email", "user__profile_data__first_name")
    date_hierarchy = "enrollment_date"
    autocomplete_fields = ("user", "parent")
    list_select_related = ("user", "parent")


@admin.register(AIAgentProfile)
class AIAgentProfileAdmin(BaseAdmin):
    list_display = ("user", "agent_name", "preferred_language", "response_style", "updated_at")
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


@admin.register(ContactMessage)
class ContactMessageAdmin(BaseAdmin):
    list_display = ("subject", "name", "email", "is_read", "replied_at", "created_at")
    list_filter = ("is_read",)
    search_fields = ("subject", "name", "email", "message")
    date_hierarchy = "created_at"
    readonly_fields = ("read_at", "replied_at")


class InstructorApplicationAdminForm(forms.ModelForm):
    class Meta:
        model = InstructorApplication
        fields = "__all__"


@admin.register(InstructorApplication)
class InstructorApplicationAdmin(BaseAdmin):
    form = InstructorApplicationAdminForm
    list_display = ("full_name", "email", "status", "experience_years", "reviewed_by", "created_at")
    list_filter = ("status",)
    search_fields = ("full_name", "email", "phone")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user", "reviewed_by")
    list_select_related = ("reviewed_by",)
    readonly_fields = ("reviewed_at",)


@admin.register(InstructorProfile)
class InstructorProfileAdmin(BaseAdmin):
    list_display = ("user", "headline", "experience_years", "is_verified", "approved_at")
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
