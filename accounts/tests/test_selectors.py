"""The one copy of the learner and child look-ups every app uses."""

import pytest

from accounts.selectors import child_get_for_parent, student_for_user
from accounts.tests.factories import (
    InstructorFactory,
    ParentFactory,
    StudentFactory,
)
from urbanhome.core.softdelete import soft_delete

pytestmark = pytest.mark.django_db


def test_child_get_for_parent_returns_the_parents_own_child():
    child = StudentFactory()

    assert child_get_for_parent(parent=child.parent, pk=child.pk) == child


def test_child_get_for_parent_accepts_the_id_as_text():
    child = StudentFactory()

    assert child_get_for_parent(parent=child.parent, pk=str(child.pk)) == child


def test_child_get_for_parent_hides_another_familys_child():
    child = StudentFactory()

    assert child_get_for_parent(parent=ParentFactory(), pk=child.pk) is None


def test_child_get_for_parent_hides_a_child_whose_account_is_deleted():
    child = StudentFactory()
    soft_delete(instance=child.user)

    assert child_get_for_parent(parent=child.parent, pk=child.pk) is None


def test_child_get_for_parent_returns_none_for_a_malformed_id():
    child = StudentFactory()

    assert child_get_for_parent(parent=child.parent, pk="not-a-uuid") is None


def test_child_get_for_parent_returns_none_for_a_user_who_is_not_a_parent():
    child = StudentFactory()

    assert child_get_for_parent(parent=child.user, pk=child.pk) is None
    assert child_get_for_parent(parent=InstructorFactory(), pk=child.pk) is None


def test_student_for_user_returns_the_learner_profile_of_a_student():
    child = StudentFactory()

    assert student_for_user(user=child.user) == child


def test_student_for_user_returns_none_for_a_parent():
    child = StudentFactory()

    assert student_for_user(user=child.parent) is None
