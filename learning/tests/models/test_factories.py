"""Every learning factory builds a valid row."""

import pytest

from learning.tests.factories import (
    AIProviderFactory,
    AITutorFactory,
    CategoryFactory,
    CertificateFactory,
    CourseFactory,
    EnrollmentFactory,
    InstructorCBCAnalysisFactory,
    InstructorRevenueSplitFactory,
    RevenueSplitEntryFactory,
    TutorPolicyAcceptanceFactory,
    TutorUsageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [
        CategoryFactory,
        CourseFactory,
        InstructorRevenueSplitFactory,
        InstructorCBCAnalysisFactory,
        EnrollmentFactory,
        CertificateFactory,
        RevenueSplitEntryFactory,
        AITutorFactory,
        AIProviderFactory,
        TutorUsageFactory,
        TutorPolicyAcceptanceFactory,
    ],
)
def test_each_factory_builds_a_row_that_passes_full_clean(factory):
    obj = factory()

    obj.full_clean()


def test_enrollment_traits_give_coherent_rows():
    paid = EnrollmentFactory(paid=True, completed=True, reviewed=True)

    paid.full_clean()
    assert paid.payment.amount == paid.course.price == paid.payment_amount
    assert paid.payment.user == paid.student.parent
    assert paid.completed_lessons == ["lesson-1", "lesson-2"]
