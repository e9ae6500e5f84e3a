"""Create the "Instructors" group: the admin permissions course authors get."""

from django.db import migrations

GROUP_NAME = "Instructors"
# Instructors author their own courses and assessments; publishing, deleting
# courses and everything else stays with staff (see learning/admin.py).
PERMISSIONS = [
    ("learning", "course", ["add", "change", "view"]),
    ("learning", "category", ["view"]),
    ("assessments", "assessment", ["add", "change", "delete", "view"]),
]


def _ensure_permissions(apps):
    # Permissions are normally created after `migrate` finishes; make them now
    # so the group can reference them on a fresh database.
    from django.contrib.auth.management import create_permissions

    for label in ("learning", "assessments"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _ensure_permissions(apps)
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, actions in PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
    # Instructors who already exist get the group too.
    User = apps.get_model("accounts", "User")
    group.user_set.add(*User.objects.filter(role="instructor", is_staff=True))


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("assessments", "0001_initial"),
        ("learning", "0002_course_search_and_newest"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
