"""Dates and times as Kenya writes them: day first, 24-hour clock."""

from datetime import date, datetime

from django.utils import formats, timezone, translation

import pytest

from accounts.tests.factories import ContactMessageFactory

NAIROBI_AFTERNOON = datetime(
    2026, 12, 2, 15, 5, tzinfo=timezone.get_fixed_timezone(180)
)


@pytest.mark.parametrize("language", ["en", "sw"])
def test_dates_are_day_first_and_times_on_the_24_hour_clock(language):
    with translation.override(language):
        assert formats.date_format(date(2026, 12, 2)) == "02/12/2026"
        assert formats.date_format(NAIROBI_AFTERNOON, "DATETIME_FORMAT") == (
            "02/12/2026 15:05"
        )
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_a_day_first_date_is_read_as_typed():
    from django import forms

    field = forms.DateField()

    assert field.clean("02/12/2026") == date(2026, 12, 2)
    assert field.clean("2026-12-02") == date(2026, 12, 2)


@pytest.mark.django_db
def test_the_admin_lists_times_the_kenyan_way(staff_client):
    message = ContactMessageFactory()
    type(message).objects.filter(pk=message.pk).update(created_at=NAIROBI_AFTERNOON)

    page = staff_client.get("/admin/accounts/contactmessage/").content.decode()

    assert "02/12/2026 15:05" in page
    assert "p.m." not in page
