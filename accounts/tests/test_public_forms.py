import io

from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from accounts.models import (
    ContactMessage,
    InstructorApplication,
    InstructorProfile,
    Notification,
    User,
)
from accounts.services import (
    contact_message_reply,
    instructor_application_approve,
    instructor_application_reject,
    instructor_application_submit,
)
from accounts.tests.factories import (
    ContactMessageFactory,
    InstructorApplicationFactory,
    ParentFactory,
    StaffFactory,
)

CONTACT = {
    "name": "Achieng",
    "email": "achieng@example.com",
    "subject": "Fees",
    "message": "How much is Grade 4?",
}


def pdf(name="cv.pdf", size=None):
    content = b"%PDF-1.4\n" + b"0" * (size or 100)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name="id.png"):
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


# ------------------------------------------------------------------ contact
@pytest.mark.django_db
def test_contact_form_stores_the_message(client):
    response = client.post("/contact/", CONTACT)

    assert response.status_code == 302
    assert ContactMessage.objects.get().subject == "Fees"


@pytest.mark.django_db
def test_contact_form_honeypot_stores_nothing(client):
    response = client.post("/contact/", {**CONTACT, "website": "http://spam.example"})

    assert response.status_code == 302
    assert not ContactMessage.objects.exists()


@pytest.mark.django_db
def test_contact_form_shows_errors(client):
    response = client.post("/contact/", {**CONTACT, "email": "not-an-email"})

    assert response.status_code == 200
    assert not ContactMessage.objects.exists()


@pytest.mark.django_db
def test_contact_form_is_rate_limited(client):
    for _ in range(5):
        client.post("/contact/", CONTACT)

    response = client.post("/contact/", CONTACT)

    assert response.status_code == 429
    assert ContactMessage.objects.count() == 5


@pytest.mark.django_db
def test_contact_rate_limit_ignores_a_spoofed_forwarded_for(client):
    for n in range(5):
        client.post("/contact/", CONTACT, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    assert (
        client.post("/contact/", CONTACT, HTTP_X_FORWARDED_FOR="10.1.1.1").status_code
        == 429
    )


@pytest.mark.django_db
def test_staff_reply_is_emailed_and_recorded(django_capture_on_commit_callbacks):
    contact = ContactMessageFactory()

    with django_capture_on_commit_callbacks(execute=True):
        contact_message_reply(contact=contact, reply="Grade 4 is KES 1,500 a term.")

    contact.refresh_from_db()
    assert contact.is_read and contact.read_at and contact.replied_at
    assert contact.reply_message == "Grade 4 is KES 1,500 a term."
    assert mail.outbox[0].to == [contact.email]
    assert "KES 1,500" in mail.outbox[0].body


@pytest.mark.django_db
def test_reply_from_the_admin_change_form(
    admin_client_staff, django_capture_on_commit_callbacks
):
    contact = ContactMessageFactory()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client_staff.get(f"/admin/accounts/contactmessage/{contact.pk}/change/")
        response = admin_client_staff.post(
            f"/admin/accounts/contactmessage/{contact.pk}/change/",
            {"reply": "Karibu! Yes we do."},
        )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.reply_message == "Karibu! Yes we do."
    assert len(mail.outbox) == 1


@pytest.fixture
def admin_client_staff(client):
    client.force_login(StaffFactory())
    return client


# ----------------------------------------------------- instructor application
def _apply(**overrides):
    data = {
        "full_name": "Grace Wairimu",
        "email": "grace@example.co.ke",
        "phone": "0712 345 678",
        "qualifications": "B.Ed",
        "experience_years": 4,
        "subjects": ["Mathematics"],
        "cv": pdf(),
        "id_front": png(),
    }
    return instructor_application_submit(**{**data, **overrides})


@pytest.mark.django_db
def test_application_stores_documents_privately():
    application = _apply()

    assert application.cv_url.startswith(f"instructor_applications/{application.pk}/")
    assert default_storage.exists(application.cv_url)
    assert application.phone == "+254712345678"


@pytest.mark.django_db
def test_a_cv_that_is_not_really_a_pdf_is_refused():
    fake = SimpleUploadedFile(
        "cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    with pytest.raises(Exception, match="PDF"):
        _apply(cv=fake)

    assert not InstructorApplication.objects.exists()


@pytest.mark.django_db
def test_an_id_that_is_not_an_image_is_refused():
    with pytest.raises(Exception, match="JPEG or PNG"):
        _apply(id_front=pdf("id.png"))


@pytest.mark.django_db
def test_a_too_large_cv_is_refused():
    with pytest.raises(Exception, match="too large"):
        _apply(cv=pdf(size=5 * 1024 * 1024 + 1))


@pytest.mark.django_db
def test_one_open_application_per_email_is_a_form_error(client):
    _apply()

    response = client.post(
        "/instructors/apply/",
        {
            "full_name": "Grace W",
            "email": "GRACE@example.co.ke",
            "qualifications": "B.Ed",
            "experience_years": 3,
            "subjects": "Maths",
            "cv": pdf(),
            "id_front": png(),
        },
    )

    assert response.status_code == 200
    assert "already being reviewed" in response.content.decode()
    assert InstructorApplication.objects.count() == 1


@pytest.mark.django_db
def test_apply_page_accepts_a_valid_application(client):
    response = client.post(
        "/instructors/apply/",
        {
            "full_name": "Otieno Juma",
            "email": "otieno@example.co.ke",
            "qualifications": "B.Sc",
            "experience_years": 2,
            "subjects": "Physics, Chemistry",
            "cv": pdf(),
            "id_front": png(),
            "id_back": png("b.png"),
        },
    )

    assert response.status_code == 200
    application = InstructorApplication.objects.get()
    assert application.subjects == ["Physics", "Chemistry"]
    assert application.id_document_back_url.endswith(".png")


@pytest.mark.django_db
def test_apply_page_shows_file_errors(client):
    response = client.post(
        "/instructors/apply/",
        {
            "full_name": "X",
            "email": "x@example.co.ke",
            "qualifications": "Q",
            "experience_years": 1,
            "subjects": "Art",
            "cv": SimpleUploadedFile("cv.pdf", b"hello"),
            "id_front": png(),
        },
    )

    assert response.status_code == 200
    assert "Upload your CV as a PDF file." in response.content.decode()


@pytest.mark.django_db
def test_approval_makes_the_applicant_an_instructor_and_emails_them(
    django_capture_on_commit_callbacks,
):
    application = _apply()
    staff = StaffFactory()

    with django_capture_on_commit_callbacks(execute=True):
        instructor_application_approve(
            application=application, reviewer=staff, notes="Strong maths background"
        )

    user = User.objects.get(email="grace@example.co.ke")
    assert (user.role, user.is_staff, user.has_usable_password()) == (
        "instructor",
        True,
        False,
    )
    assert InstructorProfile.objects.get(user=user).subjects == ["Mathematics"]
    assert user.groups.filter(name="Instructors").exists()
    assert Notification.objects.filter(user=user, type="instructor").exists()
    assert "approved" in mail.outbox[0].subject
    application.refresh_from_db()
    assert (application.status, application.reviewed_by) == ("approved", staff)


@pytest.mark.django_db
def test_rejection_emails_the_reason(django_capture_on_commit_callbacks):
    application = InstructorApplicationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        instructor_application_reject(
            application=application,
            reviewer=StaffFactory(),
            notes="Please add a TSC number.",
        )

    assert "Please add a TSC number." in mail.outbox[0].body
    application.refresh_from_db()
    assert application.status == "rejected"


@pytest.mark.django_db
def test_rejection_needs_a_reason():
    application = InstructorApplicationFactory()

    with pytest.raises(Exception, match="reason"):
        instructor_application_reject(
            application=application, reviewer=StaffFactory(), notes=" "
        )

    application.refresh_from_db()
    assert application.status == "pending"


@pytest.mark.django_db
def test_a_decided_application_cannot_be_decided_again():
    application = InstructorApplicationFactory()
    instructor_application_reject(
        application=application, reviewer=StaffFactory(), notes="No"
    )

    with pytest.raises(Exception, match="already decided"):
        instructor_application_approve(application=application, reviewer=StaffFactory())


@pytest.mark.django_db
def test_a_parent_account_is_not_turned_into_an_instructor():
    parent = ParentFactory(email="mama@example.co.ke")
    application = InstructorApplicationFactory(email="mama@example.co.ke")

    with pytest.raises(Exception, match="family account"):
        instructor_application_approve(application=application, reviewer=StaffFactory())

    parent.refresh_from_db()
    assert parent.role == "parent"


@pytest.mark.django_db
def test_admin_change_form_rejects_with_notes(
    admin_client_staff, django_capture_on_commit_callbacks
):
    application = InstructorApplicationFactory()
    form = {
        "full_name": application.full_name,
        "email": application.email,
        "phone": application.phone,
        "qualifications": application.qualifications,
        "experience_years": 5,
        "subjects": '["Mathematics"]',
        "bio": "",
        "decision": "reject",
        "notes": "Incomplete ID",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_staff.post(
            f"/admin/accounts/instructorapplication/{application.pk}/change/", form
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.review_notes) == (
        "rejected",
        "Incomplete ID",
    )
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_admin_action_approves(admin_client_staff):
    application = InstructorApplicationFactory()

    admin_client_staff.post(
        "/admin/accounts/instructorapplication/",
        {"action": "approve_selected", "_selected_action": [str(application.pk)]},
    )

    application.refresh_from_db()
    assert application.status == "approved"


@pytest.mark.django_db
def test_staff_downloads_a_document(admin_client_staff):
    application = _apply()

    response = admin_client_staff.get(
        f"/instructors/applications/{application.pk}/files/cv/"
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
def test_unknown_document_kind_is_404(admin_client_staff):
    application = _apply()

    assert (
        admin_client_staff.get(
            f"/instructors/applications/{application.pk}/files/passport/"
        ).status_code
        == 404
    )


# ------------------------------------------- reply emails that must not be lost
def _failing_once(monkeypatch, module, exc=None):
    """Make `module.send_mail` fail on its first call only (a flaky server)."""
    exc = exc or OSError("SMTP down")
    real = module.send_mail
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise exc
        return real(**kwargs)

    monkeypatch.setattr(module, "send_mail", flaky)
    return calls


@pytest.mark.django_db
def test_contact_reply_is_recorded_as_sent_only_after_the_mail_goes_out(monkeypatch):
    from accounts import emails

    contact = ContactMessageFactory()
    contact_message_reply(contact=contact, reply="Grade 4 is KES 1,500 a term.")
    _failing_once(monkeypatch, emails)

    with pytest.raises(OSError):
        emails.contact_reply_email_send(contact_message_id=str(contact.pk))

    contact.refresh_from_db()
    assert contact.replied_at is None
    assert contact.reply_message == "Grade 4 is KES 1,500 a term."
    assert mail.outbox == []


@pytest.mark.django_db
def test_contact_reply_retry_after_a_failed_send_delivers_it_once(monkeypatch):
    from accounts import emails

    contact = ContactMessageFactory()
    contact_message_reply(contact=contact, reply="Grade 4 is KES 1,500 a term.")
    _failing_once(monkeypatch, emails)
    with pytest.raises(OSError):
        emails.contact_reply_email_send(contact_message_id=str(contact.pk))

    assert emails.contact_reply_email_send(contact_message_id=str(contact.pk)) is True
    assert emails.contact_reply_email_send(contact_message_id=str(contact.pk)) is False

    assert len(mail.outbox) == 1
    contact.refresh_from_db()
    assert contact.replied_at is not None


@pytest.mark.django_db
def test_a_second_reply_is_emailed_too(django_capture_on_commit_callbacks):
    contact = ContactMessageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        contact_message_reply(contact=contact, reply="First answer.")

    with django_capture_on_commit_callbacks(execute=True):
        contact_message_reply(contact=contact, reply="A correction.")

    assert [m.body.count("A correction.") for m in mail.outbox] == [0, 1]


@pytest.mark.django_db
def test_a_stored_subject_with_a_line_break_is_still_replied_to_on_one_line():
    from accounts import emails

    contact = ContactMessageFactory(subject="Hi\r\nBcc: victim@example.com")
    contact_message_reply(contact=contact, reply="Hello.")

    assert emails.contact_reply_email_send(contact_message_id=str(contact.pk)) is True

    message = mail.outbox[0]
    assert message.subject == "Re: Hi Bcc: victim@example.com"
    assert message.bcc == [] and "Bcc" not in message.message()
    contact.refresh_from_db()
    assert contact.replied_at is not None


@pytest.mark.django_db
def test_contact_form_refuses_a_subject_with_a_line_break(client):
    response = client.post(
        "/contact/", {**CONTACT, "subject": "Hi\r\nBcc: victim@example.com"}
    )

    assert response.status_code == 200
    assert "Keep this on one line." in response.content.decode()
    assert not ContactMessage.objects.exists()


@pytest.mark.django_db
def test_contact_message_create_keeps_the_subject_on_one_line():
    from accounts.services import contact_message_create

    contact = contact_message_create(
        name="Achieng\nOtieno",
        email="a@example.com",
        subject="Hi\r\nBcc: victim@example.com",
        message="m",
    )

    assert (contact.name, contact.subject) == (
        "Achieng Otieno",
        "Hi Bcc: victim@example.com",
    )


@pytest.mark.django_db
def test_instructor_decision_email_is_sent_on_the_retry_after_a_failure(monkeypatch):
    from accounts import emails

    application = InstructorApplicationFactory()
    instructor_application_reject(
        application=application, reviewer=StaffFactory(), notes="Add a TSC number."
    )
    _failing_once(monkeypatch, emails)
    with pytest.raises(OSError):
        emails.instructor_decision_email_send(application_id=str(application.pk))

    assert (
        emails.instructor_decision_email_send(application_id=str(application.pk))
        is True
    )
    assert (
        emails.instructor_decision_email_send(application_id=str(application.pk))
        is False
    )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.email]


# --------------------------------------- admin decisions: all or nothing
def _decide(client, application, **data):
    fields = {
        "full_name": application.full_name,
        "email": application.email,
        "phone": application.phone,
        "qualifications": application.qualifications,
        "experience_years": application.experience_years,
        "subjects": '["Mathematics"]',
        "bio": "",
        "decision": "",
        "notes": "",
    }
    return client.post(
        f"/admin/accounts/instructorapplication/{application.pk}/change/",
        {**fields, **data},
    )


@pytest.mark.django_db
def test_admin_refuses_an_approval_that_cannot_succeed_and_saves_no_edit(
    admin_client_staff,
):
    ParentFactory(email="mama@example.co.ke")
    application = InstructorApplicationFactory(
        email="mama@example.co.ke", full_name="Mama Njeri"
    )

    response = _decide(
        admin_client_staff, application, full_name="Edited Name", decision="approve"
    )

    assert response.status_code == 200
    assert "family account" in response.content.decode()
    application.refresh_from_db()
    assert (application.full_name, application.status) == ("Mama Njeri", "pending")


@pytest.mark.django_db
def test_admin_rolls_the_edits_back_when_the_decision_fails_at_save(
    admin_client_staff, monkeypatch
):
    from django.core.exceptions import ValidationError

    from accounts import services

    application = InstructorApplicationFactory(full_name="Jane Doe")

    def fails(**kwargs):
        raise ValidationError(
            "The applicant's account is deleted.", code="user_deleted"
        )

    # The form's check passes; the service then fails (the state changed meanwhile).
    monkeypatch.setattr(services, "instructor_application_approve", fails)

    response = _decide(
        admin_client_staff, application, full_name="Edited Name", decision="approve"
    )

    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/admin/accounts/instructorapplication/{application.pk}/change/"
    )
    application.refresh_from_db()
    assert (application.full_name, application.status) == ("Jane Doe", "pending")
    messages = [
        str(m) for m in admin_client_staff.get(response["Location"]).context["messages"]
    ]
    assert any(
        "Nothing was saved: The applicant's account is deleted." in m for m in messages
    )


@pytest.mark.django_db
def test_admin_saves_the_edits_with_a_successful_approval(
    admin_client_staff, django_capture_on_commit_callbacks
):
    application = InstructorApplicationFactory(full_name="Jane Doe")

    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(
            admin_client_staff, application, full_name="Jane W. Doe", decision="approve"
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.full_name, application.status) == ("Jane W. Doe", "approved")
