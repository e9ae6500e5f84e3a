"""The browser-test helpers themselves: each must be able to fail.

A check that can never fail would let every page through, so each runs here
on a page made to fail it.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pagecheck import (
    PageTraffic,
    assert_accessible,
    assert_fits,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_assert_accessible_lists_each_violation_with_its_rule_impact_and_target(
    page,
):
    # Served with the site's strict script policy: axe must still run.
    page.route(
        "http://school.test/bad/",
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'"},
            body='<html lang="en"><head><title>Bad</title></head><body><main>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="cover">'
            '<input type="text" id="nameless"></main></body></html>',
        ),
    )
    page.goto("http://school.test/bad/")

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, label="the bad page")

    message = str(failure.value)
    assert "on the bad page" in message
    assert "image-alt (critical)" in message
    assert "#cover" in message
    assert "label (critical)" in message
    assert "#nameless" in message


def test_assert_fits_names_what_makes_a_page_wider_than_a_phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.route(
            "http://school.test/wide/",
            lambda route: route.fulfill(
                content_type="text/html",
                body='<html lang="en"><body><main><p>Karibu</p>'
                "<table><tr><td><span>" + "x" * 80 + "</span></td></tr></table>"
                "</main></body></html>",
            ),
        )
        page.goto("http://school.test/wide/")

        with pytest.raises(AssertionError) as failure:
            assert_fits(page, label="the wide page")
    finally:
        context.close()

    message = str(failure.value)
    assert re.match(r"the wide page is \d+ px wide at 360 px", message)
    # The outermost element sticking out, not each one inside it, nor the
    # ones that fit.
    (culprit,) = message.split("sticking out:\n")[1].splitlines()
    assert re.match(r"^ +table \(to \d+ px\): x{60}$", culprit)


def test_assert_fits_lets_a_wide_table_scroll_inside_its_own_frame(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.route(
            "http://school.test/framed/",
            lambda route: route.fulfill(
                content_type="text/html",
                body='<html lang="en"><body><div style="overflow-x: auto">'
                "<table><tr><td>" + "x" * 80 + "</td></tr></table>"
                "</div></body></html>",
            ),
        )
        page.goto("http://school.test/framed/")

        assert_fits(page)
    finally:
        context.close()


def test_page_traffic_counts_compressed_bytes_and_refuses_other_hosts(browser):
    context = browser.new_context()
    try:
        traffic = PageTraffic(context, "http://school.test")
        page = context.new_page()
        # A made-up site's page that pulls a stylesheet from a CDN.
        page.route(
            "http://school.test/weighed/",
            lambda route: route.fulfill(
                content_type="text/html",
                body="<!doctype html><html><head>"
                '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
                "</head><body>" + "<p>Habari</p>" * 5000 + "</body></html>",
            ),
        )
        page.goto("http://school.test/weighed/")
        page.wait_for_load_state("networkidle")

        resources = traffic.collect()
    finally:
        context.close()

    assert traffic.foreign_requests == ["https://cdn.example.com/x.css"]
    (document,) = resources
    assert document.body_bytes > 60_000
    # Repetitive HTML compresses to a small fraction of its size.
    assert document.transferred_bytes < document.body_bytes / 10
    assert traffic.transferred_bytes == document.transferred_bytes
    assert re.search(
        r"^ +\d+\.\d KB +\(\d+\.\d KB raw\) +document +200 http://school.test/weighed/$",
        traffic.largest(),
    )


@pytest.mark.django_db(transaction=True)
def test_log_in_as_makes_a_user_of_the_role_and_signs_in_through_the_form(
    log_in_as, page
):
    parent = log_in_as("parent", profile_data={"first_name": "Grace"})

    assert parent.role == "parent"
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grace")


@pytest.mark.django_db(transaction=True)
def test_sign_in_with_a_wrong_password_fails_with_what_the_login_page_said(
    live_server, page
):
    from accounts.tests.factories import ParentFactory

    parent = ParentFactory()

    with pytest.raises(AssertionError, match=f"Signing in as {parent.email} failed"):
        sign_in(page, live_server.url, parent.email, "not-the-password")
