"""The design system's pages: home, catalogue cards, course page, lesson
reading and the dashboards built from the shared components."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.dashboard import child_parts_for, sections_for
from accounts.tests.factories import ParentFactory, StudentFactory
from learning import selectors
from learning.content import render_markdown
from learning.models import Enrollment
from learning.tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    StudyDayFactory,
    lesson,
)
from urbanhome.core.cbc import AREA_FAMILIES, LearningArea, area_family, grade_span

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------- course art
@pytest.mark.parametrize("area", LearningArea.values)
def test_every_learning_area_has_a_family_with_art(area):
    family = area_family(area)

    assert family in AREA_FAMILIES and family != "general"
    assert finders.find(f"img/art/{family}.svg")


def test_an_unknown_area_gets_the_general_art():
    assert area_family("Astrology") == "general"
    assert finders.find("img/art/general.svg")


@pytest.mark.parametrize(
    ("grades", "label"),
    [
        (["Grade 4"], "Grade 4"),
        (["Grade 6", "Grade 4", "Grade 5"], "Grades 4–6"),
        (["PP2", "PP1"], "PP1–PP2"),
        (["PP2", "Grade 1"], "PP2–Grade 1"),
        ([], ""),
        (["Form 9"], ""),
    ],
)
def test_grade_span_reads_as_people_say_it(grades, label):
    assert grade_span(grades) == label


def test_course_cards_compute_every_card_value_once():
    free = CourseFactory(published=True, learning_area=LearningArea.KISWAHILI)
    paid = CourseFactory(
        published=True,
        paid=True,
        grade_levels=["Grade 4", "Grade 5"],
        total_reviews=3,
        average_rating=Decimal("4.50"),
    )

    cards = {c.pk: c for c in selectors.course_cards([free, paid], child_id="abc")}

    assert cards[free.pk].card_url == f"/courses/{free.slug}/?child=abc"
    assert cards[free.pk].family == "kiswahili"
    assert cards[free.pk].art_url.endswith("img/art/kiswahili.svg")
    assert cards[free.pk].price_text == "Free"
    assert cards[free.pk].rating_text is None  # no stars until someone rates it
    assert cards[free.pk].lesson_text == "2 lessons"
    assert cards[paid.pk].price_text == "KES 1,500"
    assert cards[paid.pk].grade_label == "Grades 4–5"
    assert cards[paid.pk].rating_text == "4.5 · 3 reviews"


def test_catalogue_cards_show_art_and_no_stars_for_unrated_courses(client):
    CourseFactory(published=True, title="Hadithi", learning_area="Kiswahili")

    html = client.get(reverse("learning:course_list")).content.decode()

    assert "img/art/kiswahili.svg" in html
    assert 'class="art area-kiswahili"' in html
    assert "☆" not in html and "0 reviews" not in html


def test_catalogue_rated_course_shows_its_rating(client):
    CourseFactory(published=True, total_reviews=1, average_rating=Decimal("5.00"))

    html = client.get(reverse("learning:course_list")).content.decode()

    assert "5.0 · 1 review<" in html


def test_catalogue_filters_sit_behind_a_filters_button_with_a_count(client):
    CourseFactory(published=True)

    html = client.get(
        reverse("learning:course_list"), {"grade": "Grade 7", "price": "free"}
    ).content.decode()

    assert 'aria-controls="catalogue-filters"' in html
    assert 'aria-expanded="false"' in html
    assert "Filters (2)" in html
    assert '<option value="Grade 7" selected>' in html
    assert 'id="catalogue-filters" class="collapsible"' in html


def test_catalogue_query_count_stays_flat_with_cards(
    client, django_assert_max_num_queries
):
    for _ in range(12):
        CourseFactory(published=True)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("learning:course_list"))

    assert response.status_code == 200


# -------------------------------------------------------------------- home
def test_home_leads_to_the_catalogue_by_level_and_featured_courses(client):
    CourseFactory(published=True, is_featured=True, title="Fractions at the market")

    html = client.get(reverse("home")).content.decode()

    assert 'href="/courses/"' in html  # Browse courses, header and footer
    assert 'href="/courses/?grade=PP1"' in html
    assert 'href="/courses/?grade=Grade+12"' in html
    assert "Fractions at the market" in html
    assert "M-Pesa" in html
    assert reverse("account_signup") in html


def test_home_shows_no_unpublished_course(client):
    CourseFactory(is_featured=True, title="Secret draft")

    assert "Secret draft" not in client.get(reverse("home")).content.decode()


def test_home_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(6):
        CourseFactory(published=True, is_featured=True)

    with django_assert_max_num_queries(2):
        assert client.get(reverse("home")).status_code == 200


def test_header_has_courses_a_menu_button_and_a_skip_link(client):
    html = client.get(reverse("home")).content.decode()

    assert '<a class="skip-link visually-hidden-focusable" href="#content">' in html
    assert 'aria-controls="site-nav"' in html and 'aria-expanded="false"' in html
    assert '<main id="content"' in html
    assert (
        'aria-hidden="true"' not in html.split("<main")[0].split("nav-toggle")[1][:200]
    )


# ------------------------------------------------------------- course page
def test_course_page_marks_locked_and_preview_lessons_for_a_visitor(client):
    course = CourseFactory(
        published=True,
        lessons=[lesson(1), lesson(2, is_free_preview=False)],
    )

    html = client.get(course.get_absolute_url()).content.decode()

    assert "Free preview" in html
    assert "Locked" in html
    assert f'href="/courses/{course.slug}/lessons/lesson-1/"' in html
    assert f'href="/courses/{course.slug}/lessons/lesson-2/"' not in html
    assert "What you&#x27;ll learn" in html or "What you'll learn" in html
    assert "Log in to enrol" in html


def test_course_page_continue_opens_the_first_unfinished_lesson(client):
    enrollment = EnrollmentFactory(completed_lessons=["lesson-1"])
    client.force_login(enrollment.student.user)

    html = client.get(enrollment.course.get_absolute_url()).content.decode()

    slug = enrollment.course.slug
    assert f'href="/courses/{slug}/lessons/lesson-2/">Continue learning' in html


# ------------------------------------------------------------------ lesson
def test_callouts_render_with_their_titles_and_only_allowed_classes():
    html = render_markdown(
        "!!! key-idea\n    Halves are equal parts.\n\n"
        '!!! try-at-home "Kitchen maths"\n    Cut a chapati.\n\n'
        '<div class="admonition evil" onclick="alert(1)">x</div>'
    )

    assert '<div class="admonition key-idea">' in html
    assert '<p class="admonition-title">Key idea</p>' in html
    assert '<p class="admonition-title">Kitchen maths</p>' in html
    assert "evil" not in html and "onclick" not in html


def test_lesson_page_has_the_reading_bar_with_progress_and_next(client):
    enrollment = EnrollmentFactory(progress_percentage=Decimal("50.00"))
    client.force_login(enrollment.student.user)
    slug = enrollment.course.slug

    html = client.get(
        reverse("learning:lesson_detail", args=[slug, "lesson-1"])
    ).content.decode()

    assert 'class="lesson-bar"' in html
    assert '<progress max="100" value="50"' in html
    assert f'href="/courses/{slug}/lessons/lesson-2/" rel="next"' in html


def test_mark_complete_celebrates_on_the_next_lesson():
    enrollment = EnrollmentFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(enrollment.student.user)
    slug = enrollment.course.slug
    page = client.get(reverse("learning:lesson_detail", args=[slug, "lesson-1"]))
    token = page.cookies["csrftoken"].value

    response = client.post(
        reverse("learning:lesson_complete", args=[slug, "lesson-1"]),
        {"csrfmiddlewaretoken": token},
        follow=True,
    )

    html = response.content.decode()
    assert 'class="alert alert-success alert-celebrate"' in html
    assert "Lesson complete. Well done!" in html


# -------------------------------------------------------------- dashboards
def test_student_continue_card_resumes_the_first_unfinished_lesson():
    enrollment = EnrollmentFactory(
        completed_lessons=["lesson-1"], progress_percentage=Decimal("50.00")
    )
    sections = {s.key: (s, c) for s, c in sections_for(user=enrollment.student.user)}

    section, context = sections["learning.continue"]
    html = render_to_string(section.template, context)

    slug = enrollment.course.slug
    assert context["resume"]["url"] == f"/courses/{slug}/lessons/lesson-2/"
    assert "Lesson 2: Fractions" in html
    assert "Lesson 2 of 2" in html
    assert 'stroke-dasharray="50 100"' in html
    assert "img/art/maths.svg" in html


def test_student_continue_card_waits_for_a_pending_payment():
    enrollment = EnrollmentFactory(status=Enrollment.Status.PENDING_PAYMENT)
    sections = {s.key: (s, c) for s, c in sections_for(user=enrollment.student.user)}

    _section, context = sections["learning.continue"]

    assert context["first"] == enrollment
    assert context["resume"] is None


def test_enrollment_resume_names_the_lesson_opened_last_when_all_are_done():
    enrollment = EnrollmentFactory(
        completed_lessons=["lesson-1", "lesson-2"], last_lesson_id="lesson-1"
    )
    [row] = selectors.enrollment_continue_list(user=enrollment.student.user)

    resume = selectors.enrollment_resume(enrollment=row)

    assert (resume["position"], resume["total"]) == (1, 2)
    assert resume["title"] == "Lesson 1: Fractions"
    assert resume["url"] == row.resume_url


def test_parent_card_shows_payment_due_and_a_week_of_study():
    parent = ParentFactory()
    child = StudentFactory(parent=parent)
    EnrollmentFactory(student=child, status=Enrollment.Status.PENDING_PAYMENT)
    studying = EnrollmentFactory(student=child)
    today = timezone.localdate()
    StudyDayFactory(enrollment=studying, day=today, minutes=25)

    parts = {p.key: (p, c) for p, c in child_parts_for(children=[child])}

    part, by_child = parts["learning.courses"]
    assert len(by_child[child.pk]["payment_due"]) == 1
    assert [e.pk for e in by_child[child.pk]["enrollments"]] == [studying.pk]
    html = render_to_string(part.template, {**by_child[child.pk], "child": child})
    assert "Payment due:" in html
    time_part, time_by_child = parts["learning.time"]
    week = time_by_child[child.pk]["week"]
    assert len(week["days"]) == 7
    assert [d["minutes"] for d in week["days"] if d["is_today"]] == [25]
    chart = render_to_string(time_part.template, time_by_child[child.pk])
    assert 'role="img"' in chart and "25 min" in chart


def test_study_week_leaves_out_last_week():
    child = StudentFactory()
    enrollment = EnrollmentFactory(student=child)
    today = timezone.localdate()
    StudyDayFactory(enrollment=enrollment, day=today - timedelta(days=8), minutes=40)

    week = selectors.study_week_by_child(children=[child])[child.pk]

    assert week["minutes_by_day"] == {}


def test_parent_dashboard_wraps_long_logins_and_keeps_details_one_tap_away(client):
    parent = ParentFactory()
    child = StudentFactory(parent=parent)
    client.force_login(parent)

    html = client.get(reverse("dashboard")).content.decode()

    assert '<div class="break-anywhere">' in html
    assert f'href="{child.get_absolute_url()}">View report' in html


def test_another_familys_child_is_not_on_the_parent_dashboard(client):
    parent = ParentFactory()
    stranger = StudentFactory()
    client.force_login(parent)

    html = client.get(reverse("dashboard")).content.decode()

    assert stranger.user.display_name not in html
