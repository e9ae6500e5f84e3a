from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from accounts.models import AIAgentProfile, InstructorApplication, Student, User
from accounts.tests.factories import (
    InstructorApplicationFactory,
    InstructorFactory,
    NotificationFactory,
    ParentFactory,
    StaffFactory,
    StudentFactory,
    UserFactory,
)
from urbanhome.core.softdelete import restore, soft_delete


@pytest.mark.django_db
def test_user_email_is_stored_lowercase_and_unique():
    UserFactory(email="Mama.Amani@Example.co.ke")

    assert User.objects.filter(email="mama.amani@example.co.ke").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(
            email="MAMA.AMANI@example.co.ke", password="x", role="parent"
        )


@pytest.mark.django_db
def test_password_hash_is_bcrypt_in_the_password_hash_column(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher"
    ]

    user = User.objects.create_user(
        email="hash@example.co.ke", password="Karibu-sana-1", role="parent"
    )

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT password_hash FROM users WHERE id = %s", [user.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("bcrypt_sha256$")
    assert user.check_password("Karibu-sana-1")


@pytest.mark.django_db
def test_role_must_be_one_of_the_six_roles():
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(role="headteacher")


@pytest.mark.django_db
def test_soft_deleted_user_is_hidden_by_default_manager_and_can_be_restored():
    user = UserFactory()

    soft_delete(instance=user)

    assert not User.objects.filter(pk=user.pk).exists()
    assert User.all_objects.get(pk=user.pk).deleted_at is not None
    restore(instance=User.all_objects.get(pk=user.pk))
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.django_db
def test_deleted_flag_and_deleted_at_must_agree():
    user = UserFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        User.all_objects.filter(pk=user.pk).update(is_deleted=True)


@pytest.mark.django_db
def test_admission_number_is_unique():
    StudentFactory(admission_number="UHS-2026-000123")

    with pytest.raises(IntegrityError), transaction.atomic():
        StudentFactory(admission_number="UHS-2026-000123")


@pytest.mark.django_db
def test_student_grade_level_must_be_a_cbc_grade():
    with pytest.raises(IntegrityError), transaction.atomic():
        StudentFactory(grade_level="Form 2")


@pytest.mark.django_db
def test_deleting_a_parent_in_the_database_keeps_the_child_with_no_parent():
    student = StudentFactory()
    parent_id = student.parent_id

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM users WHERE id = %s", [parent_id])
    student.refresh_from_db()

    assert student.parent_id is None


@pytest.mark.django_db
def test_ai_agent_profile_gets_documented_defaults_from_the_database():
    user = UserFactory()

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO ai_agent_profiles (id, user_id) VALUES (gen_random_uuid(), %s)",
            [user.pk],
        )
    profile = AIAgentProfile.objects.get(user=user)

    assert profile.agent_name == "The Bird AI"
    assert profile.preferred_language == "en"
    assert profile.response_style == "conversational"
    assert profile.expertise_focus == []


@pytest.mark.django_db
def test_quick_action_shortcuts_must_have_label_and_prompt():
    profile = AIAgentProfile(
        user=UserFactory(), quick_action_shortcuts=[{"label": "Quiz me"}]
    )

    with pytest.raises(ValidationError, match="label and a text prompt"):
        profile.full_clean()


@pytest.mark.django_db
def test_only_one_open_instructor_application_per_email():
    InstructorApplicationFactory(email="teacher@example.co.ke")

    with pytest.raises(IntegrityError), transaction.atomic():
        InstructorApplicationFactory(email="Teacher@example.co.ke")

    InstructorApplication.objects.update(status="rejected")
    InstructorApplicationFactory(email="teacher@example.co.ke")


@pytest.mark.django_db
def test_notification_marked_read_needs_a_read_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationFactory(is_read=True, read_at=None)


@pytest.mark.django_db
def test_student_str_names_admission_number():
    student = StudentFactory(admission_number="UHS-2026-000777")

    assert str(student).startswith("UHS-2026-000777")
    assert Student.objects.count() == 1


@pytest.mark.parametrize(
    ("factory", "extra", "expected"),
    [
        (InstructorFactory, {}, True),
        (InstructorFactory, {"is_superuser": True}, False),
        (StaffFactory, {}, False),
        (ParentFactory, {}, False),
    ],
)
def test_is_instructor_only_is_true_for_a_course_author_who_is_not_staff(
    factory, extra, expected
):
    user = factory.build(**extra)

    assert user.is_instructor_only is expected
