import json

import pytest

from accounts.tests.factories import StudentFactory
from learning.tests.factories import (
    AITutorFactory,
    CertificateFactory,
    EnrollmentFactory,
)


@pytest.mark.django_db
def test_family_export_includes_the_childrens_learning_records(client):
    student = StudentFactory()
    EnrollmentFactory(student=student, rating=5, review="Very clear lessons")
    CertificateFactory(student=student.user, serial_number="UHS-CERT-EXPORT1")
    AITutorFactory(student=student)
    other = StudentFactory()
    EnrollmentFactory(student=other, review="Not ours")
    client.force_login(student.parent)

    data = json.loads(client.get("/account/export/").content)

    learning = data["other_records"]["learning"]
    assert [e["review"] for e in learning["enrollments"]] == ["Very clear lessons"]
    assert learning["certificates"][0]["serial_number"] == "UHS-CERT-EXPORT1"
    assert learning["ai_tutors"][0]["conversation_history"][0]["role"] == "user"
    assert "Not ours" not in json.dumps(data)
