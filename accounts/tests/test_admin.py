"""Admin changelist and search smoke tests for the accounts models."""

import pytest

from accounts.services import account_delete, child_create, pairing_code_create
from accounts.tests.factories import (
    ContactMessageFactory,
    InstructorApplicationFactory,
    ParentFactory,
    StudentFactory,
)

MODELS = [
    "user",
    "student",
    "notification",
    "contactmessage",
    "instructorapplication",
    "parentalconsent",
    "pairingcode",
    "accountdeletion",
]


@pytest.fixture
def data(db):
    parent = ParentFactory()
    child_create(
        parent=parent,
        first_name="Amani",
        last_name="K",
        grade_level="Grade 5",
        password="Twiga-Mrefu-55",
        consent=True,
    )
    pairing_code_create(student_user=StudentFactory(parent=None).user)
    account_delete(user=ParentFactory())
    ContactMessageFactory()
    InstructorApplicationFactory()


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_search(staff_client, data, model):
    assert staff_client.get(f"/admin/accounts/{model}/").status_code == 200
    assert staff_client.get(f"/admin/accounts/{model}/?q=amani").status_code == 200


@pytest.mark.parametrize(
    "model",
    [
        "parentalconsent",
        "pairingcode",
        "accountdeletion",
        "contactmessage",
        "instructorapplication",
    ],
)
def test_records_from_the_site_cannot_be_added_in_the_admin(staff_client, data, model):
    assert staff_client.get(f"/admin/accounts/{model}/add/").status_code == 403


def test_opening_a_contact_message_marks_it_read(staff_client, data):
    from accounts.models import ContactMessage

    contact = ContactMessage.objects.get()

    staff_client.get(f"/admin/accounts/contactmessage/{contact.pk}/change/")

    contact.refresh_from_db()
    assert contact.is_read and contact.read_at
