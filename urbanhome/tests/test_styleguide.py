"""The /styleguide/ page shows every component, to staff only (or under DEBUG)."""

from django.urls import reverse

import pytest

from accounts.tests.factories import InstructorFactory, ParentFactory, StudentFactory

pytestmark = pytest.mark.django_db

COMPONENT_MARKERS = [
    'class="btn btn-uhs"',  # button
    'class="card"',  # card
    "course-card",  # course card
    '<progress max="100" value="40"',  # progress bar
    'class="ring',  # progress ring
    "rubric rubric-ee",  # rubric badge, EE to BE
    "rubric rubric-be",
    'class="stat"',  # stat tile
    'class="empty-state"',  # empty state
    "alert alert-danger",  # alert
    'class="tabs"',  # tabs
    'class="breadcrumb"',  # breadcrumb
    'class="pagination"',  # pagination
    "avatar avatar-",  # avatar with initials
    'class="week-chart"',  # a week of study time
    "img/art/maths.svg",  # course art
    '<dl class="facts',  # facts list (checkout, receipt, certificate check)
]


def test_staff_see_every_component(staff_client):
    response = staff_client.get(reverse("styleguide"))

    html = response.content.decode()
    assert response.status_code == 200
    missing = [marker for marker in COMPONENT_MARKERS if marker not in html]
    assert missing == []


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: StudentFactory().user,
        lambda: ParentFactory(),
        lambda: InstructorFactory(),
    ],
)
def test_others_get_a_404(client, make_user):
    client.force_login(make_user())

    assert client.get(reverse("styleguide")).status_code == 404


def test_anonymous_visitors_get_a_404(client):
    assert client.get(reverse("styleguide")).status_code == 404


def test_under_debug_anyone_may_look(client, settings):
    settings.DEBUG = True

    assert client.get(reverse("styleguide")).status_code == 200


def test_the_footer_links_the_catalogue_on_every_page(client):
    html = client.get(reverse("account_login")).content.decode()

    footer = html.split('<footer class="site-footer">')[1]
    assert 'href="/courses/"' in footer
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    assert 'href="/courses/"' in header
