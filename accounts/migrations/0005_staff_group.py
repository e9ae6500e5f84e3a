"""Create the "Staff" group and put every staff-role user in it.

On an existing database every permission already exists and the group gets
them here; on a new one, permissions are made after `migrate`, and the
post_migrate receiver (accounts.services.staff.staff_group_ensure) fills the
group then. Later users get it from User.save() when they take the role.
"""

from django.db import migrations

GROUP_NAME = "Staff"
STAFF_ROLES = ["staff", "admin"]
# As accounts.services.staff.STAFF_APP_LABELS at the time of writing.
STAFF_APP_LABELS = [
    "accounts",
    "learning",
    "assessments",
    "payments",
    "forum",
    "store",
    "analytics",
    "account",
    "usersessions",
]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("accounts", "User")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=STAFF_APP_LABELS)
    )
    staff = User.objects.filter(role__in=STAFF_ROLES)
    staff.filter(is_staff=False).update(is_staff=True)
    group.user_set.add(*staff)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0004_choice_checks"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
