"""Give every existing student a tutor (new students get one on creation).

The name follows the student's assistant settings, "Birdy" unless renamed.
"""

from django.db import migrations

PROFILE_DEFAULT_NAME = "The Bird AI"


def create_tutors(apps, schema_editor):
    Student = apps.get_model("accounts", "Student")
    AITutor = apps.get_model("learning", "AITutor")
    AIAgentProfile = apps.get_model("accounts", "AIAgentProfile")
    names = dict(AIAgentProfile.objects.values_list("user_id", "agent_name"))
    missing = Student.objects.filter(ai_tutor__isnull=True).values_list("pk", "user_id")
    tutors = []
    for student_id, user_id in missing.iterator():
        name = (names.get(user_id) or "").strip()
        if not name or name == PROFILE_DEFAULT_NAME:
            name = "Birdy"
        tutors.append(AITutor(student_id=student_id, name=name[:100]))
        if len(tutors) >= 1000:
            AITutor.objects.bulk_create(tutors, ignore_conflicts=True)
            tutors = []
    AITutor.objects.bulk_create(tutors, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_admin_help_texts"),
        ("learning", "0009_tutor_usage_policy_summary"),
    ]

    operations = [migrations.RunPython(create_tutors, migrations.RunPython.noop)]
