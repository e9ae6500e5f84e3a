import pytest

from accounts.tests.factories import StudentFactory


@pytest.mark.django_db
def test_managed_child_is_not_offered_password_or_email_links(client):
    child = StudentFactory()
    client.force_login(child.user)

    page = client.get("/dashboard/").content.decode()

    assert "/accounts/password/change/" not in page
    assert "/accounts/email/" not in page


@pytest.mark.django_db
def test_parent_and_adult_learner_see_password_and_email_links(client):
    adult = StudentFactory(parent=None)
    for user in (adult.user, StudentFactory().parent):
        client.force_login(user)

        page = client.get("/dashboard/").content.decode()

        assert "/accounts/password/change/" in page
        assert "/accounts/email/" in page
