import re
import threading
from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest

from accounts.models import Notification, PairingCode, ParentalConsent, Student, User
from accounts.services import (
    ConsentContext,
    admission_number_next,
    child_create,
    child_password_set,
    pairing_code_create,
    pairing_code_redeem,
)
from accounts.tests.factories import ParentFactory, StudentFactory, UserFactory
from accounts.tests.helpers import login_through_form

CHILD = {
    "first_name": "Amani",
    "last_name": "Kamau",
    "grade_level": "Grade 5",
    "password": "Twiga-Mrefu-55",
    "consent": True,
}


@pytest.mark.django_db
def test_child_create_makes_a_student_login_with_a_generated_address():
    parent = ParentFactory()

    student = child_create(
        parent=parent,
        **CHILD,
        consent_context=ConsentContext(ip_address="198.51.100.4"),
    )

    child = student.user
    assert child.role == User.Role.STUDENT
    assert re.fullmatch(r"amani\.\d{4}@kids\.urbanhomeschool\.co\.ke", child.email)
    assert child.check_password("Twiga-Mrefu-55")
    assert student.parent == parent
    assert re.fullmatch(
        rf"UHS-{timezone.localdate().year}-\d{{6}}", student.admission_number
    )
    assert student.forum_access == "read"


@pytest.mark.django_db
def test_child_create_records_the_parents_consent():
    parent = ParentFactory()

    student = child_create(
        parent=parent,
        **CHILD,
        consent_context=ConsentContext(ip_address="198.51.100.4", user_agent="UA"),
    )

    consent = ParentalConsent.objects.get(student=student)
    assert consent.parent == parent
    assert consent.parent_email == parent.email
    assert consent.policy_version == "2026-01"
    assert consent.ip_address == "198.51.100.4"
    assert consent.method == "child_added"


@pytest.mark.django_db
def test_child_create_uses_the_chosen_login_name():
    student = child_create(parent=ParentFactory(), login_name="Amani.K", **CHILD)

    assert student.user.email == "amani.k@kids.urbanhomeschool.co.ke"


@pytest.mark.django_db
def test_child_create_refuses_a_taken_login_name():
    parent = ParentFactory()
    child_create(parent=parent, login_name="amani", **CHILD)

    with pytest.raises(ValidationError, match="taken"):
        child_create(parent=parent, login_name="amani", **CHILD)

    assert Student.objects.filter(parent=parent).count() == 1


@pytest.mark.django_db
def test_child_create_refuses_an_unverified_parent():
    parent = ParentFactory(is_verified=False)

    with pytest.raises(ValidationError, match="confirm your email") as info:
        child_create(parent=parent, **CHILD)

    assert info.value.code == "email_unverified"
    assert not Student.objects.exists()
    assert not User.objects.filter(role="student").exists()


@pytest.mark.django_db
def test_child_create_needs_consent():
    with pytest.raises(ValidationError, match="consent"):
        child_create(parent=ParentFactory(), **{**CHILD, "consent": False})

    assert not Student.objects.exists()


@pytest.mark.django_db
def test_child_create_refuses_non_parents():
    with pytest.raises(ValidationError, match="Only a parent"):
        child_create(parent=UserFactory(role="instructor"), **CHILD)


@pytest.mark.django_db
def test_child_create_refuses_a_grade_outside_the_cbc():
    with pytest.raises(ValidationError):
        child_create(parent=ParentFactory(), **{**CHILD, "grade_level": "Form 2"})

    assert not User.objects.filter(role="student").exists()


@pytest.mark.django_db
def test_child_create_notifies_and_emails_the_parent(
    django_capture_on_commit_callbacks,
):
    parent = ParentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        student = child_create(parent=parent, **CHILD)

    notification = Notification.objects.get(user=parent, type="child_added")
    assert notification.action_url == f"/children/{student.pk}/"
    assert [m.to for m in mail.outbox] == [[parent.email]]


@pytest.mark.django_db
def test_child_login_address_gets_a_confirmed_allauth_email():
    from allauth.account.models import EmailAddress

    student = child_create(parent=ParentFactory(), **CHILD)

    assert EmailAddress.objects.get(user=student.user).verified is True


@pytest.mark.django_db
def test_admission_numbers_come_from_a_sequence():
    first, second = admission_number_next(), admission_number_next()

    assert int(second[-6:]) == int(first[-6:]) + 1


@pytest.mark.django_db(transaction=True)
def test_parallel_admission_numbers_never_collide():
    numbers, errors = [], []

    def take():
        try:
            for _ in range(10):
                numbers.append(admission_number_next())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not errors
    assert len(set(numbers)) == 40


@pytest.mark.django_db
def test_parent_sets_a_childs_password_and_the_childs_sessions_end(
    django_capture_on_commit_callbacks,
):
    parent = ParentFactory()
    student = child_create(parent=parent, **CHILD)
    child_browser = Client()
    login_through_form(child_browser, student.user.email, password=CHILD["password"])
    assert child_browser.get("/dashboard/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        child_password_set(parent=parent, student=student, password="Simba-Mpya-77")

    student.user.refresh_from_db()
    assert student.user.check_password("Simba-Mpya-77")
    assert child_browser.get("/dashboard/").status_code == 302


@pytest.mark.django_db
def test_another_parent_cannot_set_the_password():
    student = StudentFactory()

    with pytest.raises(ValidationError, match="not one of your children"):
        child_password_set(
            parent=ParentFactory(), student=student, password="Simba-Mpya-77"
        )


# ------------------------------------------------------------------ pairing
@pytest.mark.django_db
def test_pairing_code_is_six_unambiguous_characters_valid_seven_days():
    student = StudentFactory(parent=None)

    code = pairing_code_create(student_user=student.user)

    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code.code)
    assert (
        timedelta(days=6, hours=23)
        < code.expires_at - timezone.now()
        <= timedelta(days=7)
    )


@pytest.mark.django_db
def test_a_new_pairing_code_retires_the_old_one():
    student = StudentFactory(parent=None)
    old = pairing_code_create(student_user=student.user)

    pairing_code_create(student_user=student.user)

    old.refresh_from_db()
    assert not old.is_usable()


@pytest.mark.django_db
def test_a_linked_student_cannot_make_a_pairing_code():
    with pytest.raises(ValidationError, match="already linked"):
        pairing_code_create(student_user=StudentFactory().user)


@pytest.mark.django_db
def test_redeeming_a_code_links_the_student_and_records_consent():
    student = StudentFactory(parent=None)
    code = pairing_code_create(student_user=student.user)
    parent = ParentFactory()

    pairing_code_redeem(parent=parent, code=code.code.lower(), consent=True)

    student.refresh_from_db()
    code.refresh_from_db()
    assert student.parent == parent
    assert code.used_by == parent and code.used_at is not None
    assert ParentalConsent.objects.get(student=student).method == "pairing_code"


@pytest.mark.django_db
def test_a_code_works_only_once():
    student = StudentFactory(parent=None)
    code = pairing_code_create(student_user=student.user)
    pairing_code_redeem(parent=ParentFactory(), code=code.code, consent=True)

    with pytest.raises(ValidationError, match="not valid"):
        pairing_code_redeem(parent=ParentFactory(), code=code.code, consent=True)


@pytest.mark.django_db
def test_an_expired_code_is_refused():
    student = StudentFactory(parent=None)
    code = pairing_code_create(student_user=student.user)
    PairingCode.objects.filter(pk=code.pk).update(
        created_at=timezone.now() - timedelta(days=9),
        expires_at=timezone.now() - timedelta(days=1),
    )
    parent = ParentFactory()

    with pytest.raises(ValidationError, match="expired"):
        pairing_code_redeem(parent=parent, code=code.code, consent=True)

    student.refresh_from_db()
    assert student.parent is None


@pytest.mark.django_db
def test_an_unverified_parent_cannot_redeem_a_code():
    code = pairing_code_create(student_user=StudentFactory(parent=None).user)

    with pytest.raises(ValidationError, match="confirm your email"):
        pairing_code_redeem(
            parent=ParentFactory(is_verified=False), code=code.code, consent=True
        )


# -------------------------------------------------------------------- views
@pytest.mark.django_db
def test_add_child_page_creates_the_child(client, parent):
    client.force_login(parent)

    response = client.post(
        "/children/add/",
        {
            "first_name": "Baraka",
            "last_name": "Otieno",
            "grade_level": "Grade 3",
            "password1": "Ndovu-Kubwa-33",
            "password2": "Ndovu-Kubwa-33",
            "forum_access": "none",
            "consent": "on",
            "interests": "football, drawing",
        },
    )

    assert response.status_code == 302
    student = Student.objects.get(parent=parent)
    assert student.forum_access == "none"
    assert student.learning_profile["interests"] == ["football", "drawing"]


@pytest.mark.django_db
def test_add_child_page_shows_errors_for_bad_input(client, parent):
    client.force_login(parent)

    response = client.post(
        "/children/add/",
        {"first_name": "", "grade_level": "Form 9", "password1": "a", "password2": "b"},
    )

    assert response.status_code == 200
    assert b"is-invalid" in response.content
    assert not Student.objects.exists()


@pytest.mark.django_db
def test_add_child_page_is_refused_to_an_unverified_parent(client):
    client.force_login(ParentFactory(is_verified=False))

    response = client.get("/children/add/")

    assert response.status_code == 403
    assert b"Confirm your email" in response.content


@pytest.mark.django_db
def test_add_child_page_is_404_for_students(client, student):
    client.force_login(student.user)

    assert client.get("/children/add/").status_code == 404


@pytest.mark.django_db
def test_child_edit_changes_forum_access(client):
    student = StudentFactory()
    client.force_login(student.parent)

    client.post(
        f"/children/{student.pk}/edit/",
        {
            "first_name": "Neema",
            "last_name": "W",
            "grade_level": "Grade 8",
            "forum_access": "post",
        },
    )

    student.refresh_from_db()
    assert (student.forum_access, student.grade_level, student.user.first_name) == (
        "post",
        "Grade 8",
        "Neema",
    )


@pytest.mark.django_db
def test_student_makes_and_parent_redeems_a_code_through_the_pages(client):
    student = StudentFactory(parent=None)
    client.force_login(student.user)
    client.post("/account/pairing-code/")
    code = PairingCode.objects.get(student=student).code
    assert code in client.get("/account/pairing-code/").content.decode()
    parent = ParentFactory()
    client.force_login(parent)

    response = client.post("/children/link/", {"code": code, "consent": "on"})

    assert response.status_code == 302
    student.refresh_from_db()
    assert student.parent == parent


@pytest.mark.django_db
def test_wrong_pairing_code_shows_a_form_error(client, parent):
    client.force_login(parent)

    response = client.post("/children/link/", {"code": "ZZZZZZ", "consent": "on"})

    assert response.status_code == 200
    assert "not valid or has expired" in response.content.decode()


@pytest.mark.django_db
def test_guessing_pairing_codes_is_rate_limited(client, parent):
    client.force_login(parent)
    for _ in range(10):
        client.post("/children/link/", {"code": "ZZZZZZ", "consent": "on"})

    assert (
        client.post("/children/link/", {"code": "ZZZZZZ", "consent": "on"}).status_code
        == 429
    )


@pytest.mark.django_db
def test_forum_access_selector_follows_the_parents_choice():
    from accounts.selectors import student_forum_access

    student = StudentFactory(forum_access="none")

    assert student_forum_access(user=student.user) == "none"
    assert student_forum_access(user=student.parent) == "post"


@pytest.mark.django_db
def test_guessing_pairing_codes_is_limited_per_address_across_parent_accounts():
    first, second = Client(), Client()
    first.force_login(ParentFactory())
    second.force_login(ParentFactory())
    for _ in range(10):
        first.post(
            "/children/link/",
            {"code": "ZZZZZZ", "consent": "on"},
            REMOTE_ADDR="203.0.113.5",
        )

    response = second.post(
        "/children/link/",
        {"code": "ZZZZZZ", "consent": "on"},
        REMOTE_ADDR="203.0.113.5",
    )

    assert response.status_code == 429


@pytest.mark.django_db
def test_a_parent_elsewhere_can_still_redeem_a_code_while_one_address_is_throttled():
    attacker, parent_client = Client(), Client()
    attacker.force_login(ParentFactory())
    for _ in range(11):
        attacker.post(
            "/children/link/",
            {"code": "ZZZZZZ", "consent": "on"},
            REMOTE_ADDR="203.0.113.5",
        )
    code = PairingCode.objects.create(
        student=StudentFactory(parent=None),
        code="ABCDEF",
        expires_at=timezone.now() + timedelta(days=7),
    )
    parent = ParentFactory()
    parent_client.force_login(parent)

    response = parent_client.post(
        "/children/link/",
        {"code": code.code, "consent": "on"},
        REMOTE_ADDR="198.51.100.9",
    )

    assert response.status_code == 302
    assert Student.objects.get(pk=code.student_id).parent == parent


# ----------------------------------------------------- one-line child names
@pytest.mark.django_db
def test_child_create_keeps_the_names_on_one_line():
    student = child_create(
        parent=ParentFactory(),
        **{**CHILD, "first_name": "Line\nBreak", "last_name": "K\r\nX"},
    )

    assert (student.user.first_name, student.user.last_name) == ("Line Break", "K X")
    assert (
        Notification.objects.get(type="child_added").title
        == "Line Break K X has been added"
    )


@pytest.mark.django_db
def test_add_child_page_refuses_a_name_with_a_line_break(client, parent):
    client.force_login(parent)

    response = client.post(
        "/children/add/", {**_CHILD_FORM, "first_name": "Line\nBreak"}
    )

    assert response.status_code == 200
    assert "Keep this on one line." in response.content.decode()
    assert not Student.objects.exists()


# --------------------------------------------------- learning-profile sizes
_CHILD_FORM = {
    "first_name": "Baraka",
    "last_name": "Otieno",
    "grade_level": "Grade 3",
    "password1": "Ndovu-Kubwa-33",
    "password2": "Ndovu-Kubwa-33",
    "forum_access": "read",
    "consent": "on",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value, message",
    [
        ("special_needs", "s" * 200_000, "at most 2000 characters"),
        ("strengths", "x," * 5000, "at most 1000 characters"),
        ("goals", "g\n" * 1500, "at most 2000 characters"),
        ("interests", ",".join(f"hobby{n}" for n in range(21)), "At most 20 entries."),
        ("goals", "a" * 201, "at most 200 characters"),
    ],
)
def test_add_child_page_refuses_an_oversized_learning_profile(
    client, parent, field, value, message
):
    client.force_login(parent)

    response = client.post("/children/add/", {**_CHILD_FORM, field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Student.objects.exists()


@pytest.mark.django_db
def test_child_edit_refuses_an_oversized_special_needs(client):
    student = StudentFactory()
    client.force_login(student.parent)

    response = client.post(
        f"/children/{student.pk}/edit/",
        {
            "first_name": "Neema",
            "grade_level": "Grade 8",
            "forum_access": "read",
            "special_needs": "s" * 3000,
        },
    )

    assert response.status_code == 200
    student.refresh_from_db()
    assert student.learning_profile.get("special_needs", "") == ""


@pytest.mark.django_db
def test_child_create_refuses_an_oversized_learning_profile_from_any_caller():
    parent = ParentFactory()

    with pytest.raises(ValidationError, match="at most 2000 characters"):
        child_create(
            parent=parent, **CHILD, learning_profile={"special_needs": "s" * 2001}
        )

    assert not Student.objects.exists()
    assert not User.objects.filter(role="student").exists()


@pytest.mark.parametrize(
    "profile, code",
    [
        ([], "not_object"),
        ({"mood": "happy"}, "unknown_key"),
        ({"style": 3}, "bad_style"),
        ({"special_needs": ["a"]}, "bad_special_needs"),
        ({"interests": "football"}, "not_string_list"),
        ({"strengths": ["x"] * 21}, "too_many_items"),
        ({"weaknesses": ["x" * 201]}, "item_too_long"),
    ],
)
def test_learning_profile_validator_refuses_bad_shapes(profile, code):
    from accounts.validators import validate_learning_profile

    with pytest.raises(ValidationError) as excinfo:
        validate_learning_profile(profile)

    assert excinfo.value.code == code


def test_learning_profile_validator_accepts_a_full_profile():
    from accounts.validators import validate_learning_profile

    validate_learning_profile(
        {
            "style": "visual",
            "strengths": ["Mathematics"],
            "weaknesses": ["Spelling"],
            "interests": ["football"],
            "goals": ["Join STEM"],
            "special_needs": "",
        }
    )
