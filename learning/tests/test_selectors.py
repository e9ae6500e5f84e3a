from django.contrib.auth.models import AnonymousUser
from django.http import Http404

import pytest

from accounts.tests.factories import InstructorFactory, StaffFactory, StudentFactory
from learning import selectors
from learning.services import category_course_counts_refresh
from learning.tests.factories import (
    CategoryFactory,
    CertificateFactory,
    CourseFactory,
    EnrollmentFactory,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- categories
def test_a_category_holds_the_courses_of_its_inactive_subcategories():
    root = CategoryFactory()
    hidden = CategoryFactory(parent=root, is_active=False)
    below_hidden = CategoryFactory(parent=hidden)
    CourseFactory(published=True, category=hidden)
    CourseFactory(published=True, category=below_hidden)
    category_course_counts_refresh()

    ids = selectors.category_descendant_ids(category=root)

    assert ids == {root.pk, hidden.pk, below_hidden.pk}
    root.refresh_from_db()
    courses = selectors.course_catalog_list(category_ids=ids)
    assert courses.count() == root.course_count == 2


def test_category_descendant_ids_survives_a_parent_cycle():
    first = CategoryFactory()
    second = CategoryFactory(parent=first)
    first.parent = second
    first.save(update_fields=["parent"])

    assert selectors.category_descendant_ids(category=first) == {first.pk, second.pk}


# ------------------------------------------------------------------- courses
def test_course_get_for_user_finds_a_course_by_its_id():
    course = CourseFactory(published=True)

    found = selectors.course_get_for_user(slug=str(course.pk), user=AnonymousUser())

    assert found == course


def test_course_get_for_user_prefers_a_slug_that_looks_like_another_courses_id():
    target = CourseFactory(published=True)
    lookalike = CourseFactory(published=True, slug=str(target.pk))

    found = selectors.course_get_for_user(slug=str(target.pk), user=AnonymousUser())

    assert found == lookalike


def test_an_unpublished_course_stays_visible_to_its_enrolled_student_and_parent():
    enrollment = EnrollmentFactory(course=CourseFactory())  # unpublished

    for user in (enrollment.student.user, enrollment.student.parent):
        found = selectors.course_get_for_user(slug=enrollment.course.slug, user=user)
        assert found == enrollment.course


@pytest.mark.parametrize(
    "user",
    [
        AnonymousUser,
        lambda: StudentFactory().user,
        lambda: StudentFactory().parent,
        InstructorFactory,
    ],
    ids=["anonymous", "other student", "other parent", "other instructor"],
)
def test_an_unpublished_course_is_404_for_everyone_else(user):
    enrollment = EnrollmentFactory(course=CourseFactory())

    with pytest.raises(Http404):
        selectors.course_get_for_user(slug=enrollment.course.slug, user=user())


def test_an_unpublished_course_is_404_after_the_student_dropped_it():
    enrollment = EnrollmentFactory(course=CourseFactory(), dropped=True)

    with pytest.raises(Http404):
        selectors.course_get_for_user(
            slug=enrollment.course.slug, user=enrollment.student.user
        )


def test_staff_and_the_author_see_an_unpublished_course():
    course = CourseFactory()

    for user in (StaffFactory(), course.instructor):
        assert selectors.course_get_for_user(slug=course.slug, user=user) == course


# -------------------------------------------------------------- certificates
@pytest.mark.parametrize("serial", ["ABC\x00DEF", "A" * 51, "UHS CERT", "../x", ""])
def test_certificate_lookups_treat_a_malformed_serial_as_unknown(serial):
    certificate = CertificateFactory()

    with pytest.raises(Http404):
        selectors.certificate_get_public(serial=serial)
    with pytest.raises(Http404):
        selectors.certificate_get_for_user(user=certificate.student, serial=serial)


def test_certificate_list_for_user_has_a_stable_order_for_paging():
    student = StudentFactory().user
    certificates = [CertificateFactory(student=student) for _ in range(3)]
    same_time = certificates[0].issued_at
    for certificate in certificates:
        type(certificate).objects.filter(pk=certificate.pk).update(issued_at=same_time)

    listed = list(selectors.certificate_list_for_user(user=student))

    assert listed == sorted(certificates, key=lambda c: str(c.pk))


# ------------------------------------------------------------ lesson outline
def _openable(course, user, enrollment):
    return [
        lesson["can_open"]
        for lesson in selectors.lesson_outline(
            course=course, user=user, enrollment=enrollment
        )
    ]


@pytest.mark.django_db
def test_lesson_outline_opens_only_free_previews_to_visitors_and_unpaid_students():
    course = CourseFactory(published=True, paid=True)
    pending = EnrollmentFactory(course=course, status="pending_payment")
    previews = [lesson["is_free_preview"] for lesson in course.lessons]

    assert _openable(course, AnonymousUser(), None) == previews
    assert _openable(course, pending.student.user, pending) == previews
    assert any(previews) and not all(previews)


@pytest.mark.django_db
def test_lesson_outline_opens_every_lesson_to_studying_students_author_and_staff():
    course = CourseFactory(published=True, instructor=InstructorFactory())
    active = EnrollmentFactory(
        course=course, completed_lessons=[course.lessons[0]["id"]]
    )

    assert all(_openable(course, active.student.user, active))
    assert all(_openable(course, course.instructor, None))
    assert all(_openable(course, StaffFactory(), None))
    assert [
        lesson["done"]
        for lesson in selectors.lesson_outline(
            course=course, user=active.student.user, enrollment=active
        )
    ][:2] == [True, False]
