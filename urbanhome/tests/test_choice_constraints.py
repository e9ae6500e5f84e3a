"""Every column with choices is constrained in the database to exactly them.

The choices are written twice (the field's TextChoices and the named
`<table>_<column>_valid` CHECK): this keeps the two from drifting apart.
"""

from django.apps import apps
from django.db.models import CheckConstraint, Q

import pytest

PROJECT_APPS = (
    "accounts",
    "payments",
    "learning",
    "assessments",
    "forum",
    "store",
    "analytics",
)


def _in_lookups(q, field_name):
    """Yield the value lists of `<field_name>__in` lookups anywhere in `q`."""
    if not isinstance(q, Q):  # a condition may be a bare lookup expression
        return
    for child in q.children:
        if isinstance(child, Q):
            yield from _in_lookups(child, field_name)
        elif isinstance(child, tuple) and child[0] == f"{field_name}__in":
            yield list(child[1])


def _choice_fields():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.local_fields:
            if field.choices and not field.is_relation:
                yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


@pytest.mark.parametrize("model,field", list(_choice_fields()))
def test_choices_column_has_a_check_with_exactly_its_choices(model, field):
    expected = {str(value) for value, _label in field.flatchoices}
    checks = [c for c in model._meta.constraints if isinstance(c, CheckConstraint)]
    found = [
        set(map(str, values))
        for c in checks
        for values in _in_lookups(c.condition, field.name)
    ]

    assert found, (
        f"{model._meta.db_table}.{field.column}: choices but no CHECK constraint"
    )
    assert expected in found, (
        f"{model._meta.db_table}.{field.column}: CHECK values {found} != {expected}"
    )
