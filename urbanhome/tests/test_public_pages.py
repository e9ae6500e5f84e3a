"""About, privacy and terms pages, robots.txt and the sitemap (issue 8, item 17)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from accounts.tests.factories import ParentFactory
from accounts.tests.helpers import verified_email
from learning.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/about/", "About Urban Home School"),
        ("/privacy/", "Privacy policy"),
        ("/terms/", "Terms of use"),
    ],
)
def test_the_public_pages_open_for_anyone(client, path, heading):
    response = client.get(path)

    assert response.status_code == 200
    assert f">{heading}</h1>" in response.content.decode()


def test_the_privacy_policy_says_what_is_stored_and_who_sees_it(client):
    body = client.get("/privacy/").content.decode()

    assert "What we store about children" in body
    assert "Data Protection Act, 2019" in body
    assert "consent of their parent or guardian" in body
    assert "not special-needs notes" in body  # instructors see only what teaching needs
    assert "Everything about their own children" in body  # parents
    assert 'href="/account/export/"' in body
    assert 'href="/account/delete/"' in body


def test_every_page_links_the_policies_in_the_footer(client):
    body = client.get("/").content.decode()
    footer = body[body.index("<footer") :]

    for path in ("/about/", "/privacy/", "/terms/", "/contact/"):
        assert f'href="{path}"' in footer


def test_the_child_consent_checkbox_links_to_the_privacy_policy(client):
    client.force_login(verified_email(ParentFactory()))

    for path in ("/children/add/", "/children/link/"):
        body = client.get(path).content.decode()

        assert (
            '<a href="/privacy/" target="_blank" rel="noopener">privacy policy</a>'
            in (body)
        ), path


def test_robots_txt_keeps_crawlers_out_of_private_pages(client, settings):
    settings.SITE_URL = "https://urbanhomeschool.co.ke"

    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in lines
    for path in (f"/{settings.ADMIN_URL}", "/accounts/", "/dashboard/", "/children/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /courses/" not in lines
    assert "Sitemap: https://urbanhomeschool.co.ke/sitemap.xml" in lines


def test_the_sitemap_lists_public_pages_and_published_courses_only(client, settings):
    settings.SITE_URL = "https://urbanhomeschool.co.ke"
    published = CourseFactory(published=True, slug="grade-4-science")
    draft = CourseFactory(slug="secret-draft")

    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<loc>https://urbanhomeschool.co.ke/courses/grade-4-science/</loc>" in body
    assert draft.slug not in body
    for path in ("/", "/courses/", "/about/", "/privacy/", "/terms/", "/contact/"):
        assert f"<loc>https://urbanhomeschool.co.ke{path}</loc>" in body
    assert f"<lastmod>{timezone.localdate(published.updated_at)}</lastmod>" in body
    assert "/dashboard/" not in body


def test_sitemap_queries_do_not_grow_with_courses(client):
    CourseFactory.create_batch(2, published=True)
    client.get("/sitemap.xml")  # the Sites framework caches its row
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")

    CourseFactory.create_batch(10, published=True)
    with CaptureQueriesContext(connection) as many:
        client.get("/sitemap.xml")

    assert len(many) == len(few)
