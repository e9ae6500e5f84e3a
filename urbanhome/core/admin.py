"""Admin building blocks shared by every app's admin."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models as django_models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .softdelete import restore, soft_delete


class FlagListFilter(admin.BooleanFieldListFilter):
    """A yes/no filter titled after what the flag means: "By published",
    not "By is published" (Django titles a filter by the field's name when
    the field has no verbose_name of its own)."""

    PREFIXES = ("is ", "has ")

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        title = str(self.title)
        if title == field.name.replace("_", " "):
            for prefix in self.PREFIXES:
                if title.startswith(prefix):
                    self.title = title[len(prefix) :]
                    break


# Every admin's plain boolean filters (list_filter = ["is_published"]).
admin.FieldListFilter.register(
    lambda field: isinstance(field, django_models.BooleanField),
    FlagListFilter,
    take_priority=True,
)


class _ValidIdsAutocompleteMixin:
    """Drop submitted ids that are not ids before looking them up.

    A form re-displayed with `category=abc` already says "Select a valid
    choice"; Django's widget would then crash looking "abc" up as a UUID.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        valid = []
        for item in value:
            try:
                target.to_python(item)
            except (ValidationError, ValueError, TypeError):
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class ValidIdsAutocompleteSelect(_ValidIdsAutocompleteMixin, AutocompleteSelect):
    pass


class ValidIdsAutocompleteSelectMultiple(
    _ValidIdsAutocompleteMixin, AutocompleteSelectMultiple
):
    pass


class BaseAdmin(admin.ModelAdmin):
    """Timestamps read-only; counts skipped on big tables."""

    readonly_fields = ("created_at", "updated_at")
    list_per_page = 50
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        model_fields = {f.name for f in self.model._meta.get_fields()}
        for name in ("created_at", "updated_at"):
            if name in model_fields and name not in fields:
                fields.append(name)
        return fields

    def get_fieldsets(self, request, obj=None):
        """On an add form, leave out read-only columns: they have no value yet.

        An unsaved row's timestamps and counters are only database defaults
        (shown as "<DatabaseDefault object …>"); read-only displays that are
        methods stay, they handle a missing object themselves.
        """
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        columns = {f.name for f in self.model._meta.get_fields() if f.concrete}
        hidden = set(self.get_readonly_fields(request, obj)) & columns

        def keep(fields):
            kept = []
            for item in fields:
                if isinstance(item, (list, tuple)):
                    row = [name for name in item if name not in hidden]
                    if row:
                        kept.append(tuple(row))
                elif item not in hidden:
                    kept.append(item)
            return kept

        result = []
        for title, options in fieldsets:
            fields = keep(options.get("fields", ()))
            if fields:
                result.append((title, {**options, "fields": fields}))
        return result

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is AutocompleteSelect:
            formfield.widget.__class__ = ValidIdsAutocompleteSelect
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if (
            formfield is not None
            and type(formfield.widget) is AutocompleteSelectMultiple
        ):
            formfield.widget.__class__ = ValidIdsAutocompleteSelectMultiple
        return formfield


class IsDeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return (("no", _("Not deleted")), ("yes", _("Deleted")), ("all", _("All")))

    def choices(self, changelist):
        value = self.value() or "no"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "no"
        if value == "yes":
            return queryset.filter(is_deleted=True)
        if value == "all":
            return queryset
        return queryset.filter(is_deleted=False)


def service_action(*, name, description, only, service, singular, plural):
    """Build an admin action that calls `service(instance=...)` for each row.

    `only` filters the selection to the rows the action applies to (e.g. not
    already deleted); `singular`/`plural` are messages with one %d.
    """

    def action(modeladmin, request, queryset):
        count = 0
        for obj in queryset.filter(**only):
            service(obj)
            count += 1
        modeladmin.message_user(
            request, ngettext(singular, plural, count) % count, messages.SUCCESS
        )

    action.__name__ = name
    return admin.action(description=description)(action)


soft_delete_selected = service_action(
    name="soft_delete_selected",
    description=_("Soft-delete selected rows"),
    only={"is_deleted": False},
    service=lambda obj: soft_delete(instance=obj),
    singular="%d row soft-deleted.",
    plural="%d rows soft-deleted.",
)

restore_selected = service_action(
    name="restore_selected",
    description=_("Restore selected rows"),
    only={"is_deleted": True},
    service=lambda obj: restore(instance=obj),
    singular="%d row restored.",
    plural="%d rows restored.",
)


class SoftDeleteAdmin(BaseAdmin):
    """Admin over `all_objects`: deleting soft-deletes; rows can be restored."""

    actions = (soft_delete_selected, restore_selected)

    def get_queryset(self, request):
        qs = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        return qs.order_by(*ordering) if ordering else qs

    def get_list_filter(self, request):
        return (IsDeletedFilter, *super().get_list_filter(request))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # hard delete is not offered
        return actions

    def delete_model(self, request, obj):
        soft_delete(instance=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            soft_delete(instance=obj)


class ReadOnlyAdmin(BaseAdmin):
    """Ledgers and payment records: viewable, never edited or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WriteOnlySecretWidget(forms.PasswordInput):
    """Never renders the stored secret back into the page."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"autocomplete": "new-password", **(attrs or {})}, render_value=False
        )


class WriteOnlySecretsForm(forms.ModelForm):
    """ModelForm whose `secret_fields` are write-only: blank keeps the old value."""

    secret_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.secret_fields:
            field = self.fields[name]
            field.widget = WriteOnlySecretWidget()
            field.initial = ""
            if self.instance.pk:
                field.required = False
                field.help_text = _(
                    "Stored encrypted. Leave blank to keep the current value."
                )

    def clean(self):
        cleaned = super().clean()
        for name in self.secret_fields:
            if self.instance.pk and not cleaned.get(name):
                cleaned[name] = getattr(
                    type(self.instance)._base_manager.get(pk=self.instance.pk), name
                )
        return cleaned
