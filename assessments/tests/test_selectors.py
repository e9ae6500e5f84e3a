from datetime import timedelta

from django.utils import timezone

import pytest

from accounts.tests.factories import StudentFactory
from assessments.dashboard import upcoming_assessments
from assessments.models import Accommodation
from assessments.selectors import (
    assessment_upcoming_for_student,
    graded_results_for_student,
    graded_results_for_students,
)
from assessments.tests.factories import AssessmentFactory, AssessmentSubmissionFactory
from learning.tests.factories import EnrollmentFactory


def _graded(student, score, **kwargs):
    submission = AssessmentSubmissionFactory(
        student=student, is_submitted=True, submitted_at=timezone.now(), **kwargs
    )
    submission.score = score
    submission.is_graded = True
    submission.graded_at = timezone.now()
    submission.save()
    return submission


@pytest.mark.django_db
def test_upcoming_lists_open_assessments_of_enrolled_courses_soonest_first():
    student = StudentFactory()
    enrollment = EnrollmentFactory(student=student)
    now = timezone.now()
    later = AssessmentFactory(
        course=enrollment.course,
        published=True,
        available_until=now + timedelta(days=5),
    )
    sooner = AssessmentFactory(
        course=enrollment.course,
        published=True,
        available_until=now + timedelta(days=1),
    )
    AssessmentFactory(
        course=enrollment.course,
        published=True,
        available_from=now - timedelta(days=3),
        available_until=now - timedelta(days=1),
    )
    AssessmentFactory(course=enrollment.course, published=False)
    AssessmentFactory(published=True)  # a course the learner is not in
    done = AssessmentFactory(course=enrollment.course, published=True)
    AssessmentSubmissionFactory(
        assessment=done, student=student, is_submitted=True, submitted_at=now
    )

    assert list(assessment_upcoming_for_student(student=student)) == [sooner, later]


@pytest.mark.django_db
def test_upcoming_uses_the_learner_s_own_dates_from_an_accommodation():
    student = StudentFactory()
    classmate = StudentFactory()
    enrollment = EnrollmentFactory(student=student)
    EnrollmentFactory(student=classmate, course=enrollment.course)
    now = timezone.now()
    closed = AssessmentFactory(
        course=enrollment.course,
        published=True,
        available_until=now - timedelta(hours=1),
    )
    Accommodation.objects.create(
        assessment=closed,
        student=student,
        available_until=now + timedelta(days=2),
    )

    mine = list(assessment_upcoming_for_student(student=student))
    theirs = list(assessment_upcoming_for_student(student=classmate))

    assert mine == [closed]
    assert mine[0].own_until == closed.available_until + timedelta(days=2, hours=1)
    assert theirs == []  # the extension is this learner's only


@pytest.mark.django_db
def test_the_dashboard_reads_the_extended_closing_date():
    student = StudentFactory()
    enrollment = EnrollmentFactory(student=student)
    now = timezone.now()
    assessment = AssessmentFactory(
        course=enrollment.course,
        published=True,
        available_until=now + timedelta(days=1),
    )
    extended = now + timedelta(days=9)
    Accommodation.objects.create(
        assessment=assessment, student=student, available_until=extended
    )

    block = upcoming_assessments(user=student.user)

    label = block["assessments"][0].window_label
    shown = timezone.localtime(extended).strftime("%d %b %Y").lstrip("0")
    assert label.startswith("Open now, until")
    assert shown in label


@pytest.mark.django_db
def test_graded_results_carry_the_cbc_rubric_level():
    student = StudentFactory()
    submission = _graded(student, 0)
    total = submission.assessment.total_points
    _graded(student, total)

    results = graded_results_for_student(student=student)

    assert {r.level.code for r in results} == {"EE", "BE"}
    assert all(r.total_points == total for r in results)


@pytest.mark.django_db
def test_results_for_many_children_take_one_query(django_assert_num_queries):
    kids = [StudentFactory() for _ in range(3)]
    for kid in kids:
        for _ in range(4):
            _graded(kid, 1)

    with django_assert_num_queries(1):
        results = graded_results_for_students(students=kids, per_student=3)

    assert {
        k.pk: len(v) for k, v in zip(kids, [results[k.pk] for k in kids], strict=True)
    } == {k.pk: 3 for k in kids}


@pytest.mark.django_db
def test_ungraded_work_is_not_a_result():
    student = StudentFactory()
    AssessmentSubmissionFactory(student=student)

    assert graded_results_for_student(student=student) == []


# ------------------------------------------------- window labels (issue 8)
def _window(start_days, end_days):
    from datetime import timedelta

    from assessments.models import Assessment

    now = timezone.now()
    return Assessment(
        available_from=now + timedelta(days=start_days)
        if start_days is not None
        else None,
        available_until=now + timedelta(days=end_days)
        if end_days is not None
        else None,
    ), now


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (-3, 4, r"^Open now, until \d+ \w+ \d{4}, \d\d:\d\d$"),
        (-3, None, r"^Open now$"),
        (None, 4, r"^Open now, until "),
        (2, 9, r"^Opens \d+ \w+ \d{4}, \d\d:\d\d, until "),
        (2, None, r"^Opens \d+ \w+ \d{4}, \d\d:\d\d$"),
        (None, None, r"^Open any time$"),
    ],
)
def test_assessment_window_label_never_shows_a_past_opening_date(start, end, expected):
    import re

    from assessments.selectors import assessment_window_label

    assessment, now = _window(start, end)

    label = assessment_window_label(assessment=assessment, now=now)

    assert re.match(expected, label), label


@pytest.mark.django_db
def test_dashboard_says_open_now_for_a_window_that_opened_already(client):
    from datetime import timedelta

    from assessments.tests.factories import AssessmentFactory
    from learning.tests.factories import EnrollmentFactory

    enrollment = EnrollmentFactory()
    opened = timezone.now() - timedelta(days=10)
    AssessmentFactory(
        course=enrollment.course,
        published=True,
        available_from=opened,
        available_until=opened + timedelta(days=30),
    )
    client.force_login(enrollment.student.user)

    body = client.get("/dashboard/").content.decode()

    assert "Open now, until" in body
    assert "Opens " not in body
    assert "Open " + opened.strftime("%-d") not in body


def _graded_at(student, score, graded_at, **kwargs):
    submission = _graded(student, score, **kwargs)
    type(submission).objects.filter(pk=submission.pk).update(graded_at=graded_at)
    return submission


@pytest.mark.django_db
def test_recent_results_show_each_assessment_once_with_its_best_attempt():
    student = StudentFactory()
    quiz = AssessmentFactory(published=True, total_points=8, passing_score=4)
    now = timezone.now()
    best = _graded_at(student, 7, now - timedelta(hours=2), assessment=quiz)
    _graded_at(student, 1, now - timedelta(hours=1), assessment=quiz, attempt_number=2)

    results = graded_results_for_student(student=student)

    assert [(r.submission_id, r.score, r.level.code, r.passed) for r in results] == [
        (best.pk, 7, "EE", True)
    ]


@pytest.mark.django_db
def test_a_childs_recent_results_show_each_assessment_once_with_its_best_attempt():
    student = StudentFactory()
    quiz = AssessmentFactory(published=True, total_points=8, passing_score=4)
    older = AssessmentFactory(published=True, total_points=8, passing_score=4)
    now = timezone.now()
    _graded_at(student, 5, now - timedelta(hours=5), assessment=older)
    _graded_at(student, 7, now - timedelta(hours=3), assessment=quiz)
    _graded_at(student, 1, now - timedelta(hours=1), assessment=quiz, attempt_number=2)

    results = graded_results_for_students(students=[student])[student.pk]

    assert [(r.assessment_title, r.score) for r in results] == [
        (quiz.title, 7),
        (older.title, 5),
    ]
