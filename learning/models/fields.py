"""Column helpers shared by the learning models."""

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from urbanhome.core.cbc import GradeLevel

from ..validators import (
    validate_grade_levels,
)

ZERO = Decimal("0.00")


def grade_array(**kwargs):
    return ArrayField(
        models.CharField(max_length=20, choices=GradeLevel.choices),
        validators=[validate_grade_levels],
        **kwargs,
    )


def grades_known(field: str) -> Q:
    return Q(**{f"{field}__contained_by": GradeLevel.values})
