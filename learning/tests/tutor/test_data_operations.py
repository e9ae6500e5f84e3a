"""Export, the migration for existing students, and concurrent sends."""

import importlib
import json

from django.apps import apps
from django.core.management import CommandError, call_command

import pytest

from accounts.tests.factories import AIAgentProfileFactory, StudentFactory
from learning.models import AITutor
from learning.tests.factories import AITutorFactory, TutorPolicyAcceptanceFactory
from learning.tutor import services
from tests.races import run_together


@pytest.mark.django_db
def test_export_tutor_history_writes_the_conversation_as_json(capsys):
    tutor = AITutorFactory()
    TutorPolicyAcceptanceFactory(student=tutor.student)

    call_command("export_tutor_history", tutor.student.admission_number)

    data = json.loads(capsys.readouterr().out)
    assert data["admission_number"] == tutor.student.admission_number
    assert data["tutor"]["conversation_history"] == tutor.conversation_history
    assert data["policy_acceptances"][0]["accepted_by"] == tutor.student.parent.email


@pytest.mark.django_db
def test_export_tutor_history_writes_a_file(tmp_path):
    tutor = AITutorFactory()
    target = tmp_path / "history.json"

    call_command(
        "export_tutor_history", tutor.student.admission_number, output=str(target)
    )

    assert json.loads(target.read_text())["tutor"]["name"] == tutor.name


@pytest.mark.django_db
def test_export_tutor_history_names_an_unknown_admission_number():
    with pytest.raises(CommandError, match="No student with admission number X-1"):
        call_command("export_tutor_history", "X-1")


@pytest.mark.django_db
def test_the_family_export_includes_the_conversations():
    from accounts.selectors import family_export

    tutor = AITutorFactory()

    data = family_export(user=tutor.student.parent)

    assert "What is the area of a circle?" in json.dumps(data, default=str)


@pytest.mark.django_db
def test_the_migration_gives_existing_students_a_tutor_named_from_their_settings():
    named = StudentFactory()
    plain = StudentFactory()
    AIAgentProfileFactory(user=named.user, agent_name="Kasuku")
    AITutor.objects.all().delete()
    migration = importlib.import_module(
        "learning.migrations.0010_tutor_for_every_student"
    )

    migration.create_tutors(apps, None)
    migration.create_tutors(apps, None)  # twice: nothing doubled

    assert AITutor.objects.get(student=named).name == "Kasuku"
    assert AITutor.objects.get(student=plain).name == "Birdy"
    assert AITutor.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_messages_sent_at_once_are_both_appended():
    student = StudentFactory()
    TutorPolicyAcceptanceFactory(student=student)

    errors = run_together(
        [
            lambda: services.tutor_message_send(student=student, message="First?"),
            lambda: services.tutor_message_send(student=student, message="Second?"),
        ]
    )

    tutor = AITutor.objects.get(student=student)
    assert errors == []
    assert tutor.total_interactions == 2
    assert len(tutor.conversation_history) == 4
    assert {m["content"] for m in tutor.conversation_history[::2]} == {
        "First?",
        "Second?",
    }
