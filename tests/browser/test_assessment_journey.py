"""A timed mixed quiz: the student takes it, the teacher marks the essay,
student and parent see the final score and CBC level."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pagecheck import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = [
    {
        "id": "q1",
        "type": "multiple_choice",
        "question": "Which animal gives us milk?",
        "options": ["Lion", "Cow", "Eagle"],
        "correct_answer": "Cow",
        "points": 4,
        "explanation": "Cows, goats and camels are milked in Kenya.",
    },
    {
        "id": "q2",
        "type": "true_false",
        "question": "Fish breathe with gills.",
        "correct_answer": True,
        "points": 2,
    },
    {
        "id": "q3",
        "type": "short_answer",
        "question": "What is the capital city of Kenya?",
        "correct_answer": "Nairobi",
        "points": 4,
    },
    {
        "id": "q4",
        "type": "essay",
        "question": "Why should we plant trees?",
        "points": 10,
    },
]


def test_timed_mixed_quiz_from_start_to_the_parents_view(
    live_server, page, browser, log_in
):
    from assessments.tests.factories import AssessmentFactory
    from learning.tests.factories import EnrollmentFactory

    assessment = AssessmentFactory(
        published=True,
        title="Grade 4 Science: Living things",
        questions=QUESTIONS,
        total_points=20,
        passing_score=10,
        duration_minutes=20,
    )
    student = EnrollmentFactory(course=assessment.course).student
    url = f"{live_server.url}/assessments/{assessment.pk}/"

    # The student reads the rules and starts: the clock runs.
    log_in(student.user)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text(assessment.title)
    expect(page.get_by_role("main")).to_contain_text("20 minutes")
    assert_accessible(page, label="intro at 360 px")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("timer")).to_contain_text("Hand in by")
    expect(page.locator("[data-countdown]")).to_contain_text(re.compile(r"1?\d:\d\d"))
    assert "Nairobi" not in page.content()

    page.get_by_label("Cow").check()
    expect(page.get_by_text(re.compile(r"Saved at \d\d:\d\d"))).to_be_visible()
    page.get_by_label("True").check()
    page.get_by_label("Your answer").first.fill("  nairobi ")
    page.get_by_label("Your answer").last.fill("Trees give shade, rain and clean air.")
    assert_accessible(page, label="paper at 360 px")
    page.get_by_role("button", name="Hand in").click()

    # Hand in asks first; "Keep working" goes back with the answers kept.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hand in now?")
    expect(page.get_by_role("main")).to_contain_text("cannot change")
    assert_accessible(page, label="hand-in step at 360 px")
    page.get_by_role("link", name="Keep working").click()
    expect(page.get_by_label("Cow")).to_be_checked()
    page.get_by_role("button", name="Hand in").click()
    page.get_by_role("button", name="Yes, hand in").click()

    # The machine-marked part shows at once; the essay waits.
    expect(page.get_by_role("main")).to_contain_text("Marked so far: 10 of 20 points.")
    expect(page.get_by_role("main")).to_contain_text("Cows, goats and camels")

    # The teacher marks the essay from the grading queue.
    teacher_page = browser.new_context().new_page()
    log_in(assessment.course.instructor, on=teacher_page)
    teacher_page.goto(f"{live_server.url}/assessments/grading/")
    teacher_page.get_by_role("link", name="Mark").click()
    teacher_page.get_by_label("Points (0 to 10)").last.fill("7")
    teacher_page.get_by_label("Feedback on this answer").last.fill("Good reasons.")
    teacher_page.get_by_role("button", name="Save marks").click()
    expect(teacher_page.get_by_role("main")).to_contain_text("Graded")

    # The student sees the final score and level.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("17 / 20")
    expect(page.get_by_text("EE · Exceeding Expectations")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Good reasons.")
    assert_accessible(page, label="result at 1280 px")

    # The parent follows the notification to the same result.
    parent_page = browser.new_context().new_page()
    log_in(student.parent, on=parent_page)
    parent_page.goto(f"{live_server.url}/notifications/")
    parent_page.get_by_role("button", name="See the result").first.click()
    expect(parent_page.get_by_role("main")).to_contain_text("17 / 20")
    expect(parent_page.get_by_text("EE · Exceeding Expectations")).to_be_visible()


def test_a_timed_attempt_hands_itself_in_at_the_deadline(live_server, page, log_in):
    from datetime import timedelta

    from django.utils import timezone

    from assessments.models import AssessmentSubmission
    from assessments.services import submission_start
    from assessments.tests.factories import AssessmentFactory
    from learning.tests.factories import EnrollmentFactory

    assessment = AssessmentFactory(
        published=True, questions=QUESTIONS[:2], total_points=6, passing_score=3
    )
    student = EnrollmentFactory(course=assessment.course).student
    submission = submission_start(assessment=assessment, student=student)
    AssessmentSubmission.objects.filter(pk=submission.pk).update(
        deadline_at=timezone.now() + timedelta(seconds=4)
    )

    log_in(student.user)
    page.goto(f"{live_server.url}/assessments/attempts/{submission.pk}/")
    page.get_by_label("Cow").check()

    # No confirm step when the time is up: the page hands in by itself.
    expect(page).to_have_url(re.compile(r"/result/$"), timeout=15_000)
    submission.refresh_from_db()
    assert submission.is_submitted
    assert submission.answers.get("q1") == "Cow"
