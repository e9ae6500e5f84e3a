from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection

import pytest

from urbanhome.core.cbc import (
    COUNTIES,
    RUBRIC_8,
    GradeLevel,
    learning_areas_for_grade,
    normalize_grade,
    rubric_level,
)
from urbanhome.core.dbrules import wanted_rules
from urbanhome.core.fields import decrypt_text, encrypt_text
from urbanhome.core.phone import normalize_ke_phone
from urbanhome.envfile import ensure_env_file


def test_fourteen_grades_from_pp1_to_grade_12():
    assert GradeLevel.values[0] == "PP1"
    assert GradeLevel.values[-1] == "Grade 12"
    assert len(GradeLevel.values) == 14


@pytest.mark.parametrize(
    "raw,expected",
    [("grade 7", "Grade 7"), ("ECD 1", "PP1"), ("JSS 2", None), ("jss 8", "Grade 8")],
)
def test_normalize_grade_accepts_aliases(raw, expected):
    assert normalize_grade(raw) == expected


def test_junior_school_has_the_nine_rationalised_learning_areas():
    areas = learning_areas_for_grade("Grade 8")

    assert len(areas) == 9
    assert "Integrated Science" in areas and "Pre-Technical Studies" in areas


@pytest.mark.parametrize(
    "percent,code",
    [
        (100, "EE"),
        (75, "EE"),
        (74.4, "ME"),
        (41, "ME"),
        (40, "AE"),
        (20, "BE"),
        (0, "BE"),
    ],
)
def test_rubric_level_uses_knec_derived_bands(percent, code):
    assert rubric_level(percent).code == code


def test_eight_level_scale_maps_zero_to_be2():
    assert rubric_level(Decimal("0"), scale=RUBRIC_8).code == "BE2"
    assert rubric_level(90, scale=RUBRIC_8).code == "EE1"


def test_counties_are_the_47_constitutional_codes():
    assert len(COUNTIES) == 47
    assert COUNTIES[0] == ("001", "Mombasa") and COUNTIES[-1] == ("047", "Nairobi")


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("0712 345 678", "+254712345678"),
        ("+254 712-345-678", "+254712345678"),
        ("254110123456", "+254110123456"),
        ("712345678", "+254712345678"),
        ("00254712345678", "+254712345678"),
    ],
)
def test_kenyan_mobile_numbers_normalise_to_e164(raw, expected):
    assert normalize_ke_phone(raw) == expected


@pytest.mark.parametrize(
    "raw", ["0201234567", "2540712345678", "12345", "", "07123456789"]
)
def test_non_mobile_numbers_are_rejected_with_a_clear_message(raw):
    with pytest.raises(ValidationError, match="Kenyan mobile number"):
        normalize_ke_phone(raw)


def test_encryption_round_trips_and_hides_the_plain_text():
    token = encrypt_text("sk-live-secret")

    assert "sk-live-secret" not in token
    assert decrypt_text(token) == "sk-live-secret"


def test_old_keys_still_decrypt_after_rotation(settings):
    from cryptography.fernet import Fernet

    old = settings.FIELD_ENCRYPTION_KEYS[0]
    token = encrypt_text("rotate-me")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old]

    assert decrypt_text(token) == "rotate-me"


@pytest.mark.django_db
def test_database_foreign_keys_carry_the_models_on_delete_rules():
    rules = {(t, c): r for t, c, _rt, _rc, r in wanted_rules()}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT rel.relname, att.attname, con.confdeltype
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = con.conkey[1]
            WHERE con.contype = 'f'
            """
        )
        live = {(t, c): r for t, c, r in cursor.fetchall()}

    assert rules[("students", "parent_id")] == "n"
    assert {key: live.get(key) for key in rules} == rules


def test_env_file_is_written_once_with_fresh_secrets(tmp_path):
    path = tmp_path / ".env"

    assert ensure_env_file(path) is True
    first = path.read_text()
    assert ensure_env_file(path) is False
    assert "SECRET_KEY=" in first and "FIELD_ENCRYPTION_KEYS=" in first
    assert oct(path.stat().st_mode)[-3:] == "600"
