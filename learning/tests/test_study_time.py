"""Study time: the heartbeat's daily rows, the daily cap and the parent's week."""

import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

import pytest

from accounts.tests.factories import ParentFactory, StudentFactory
from learning.models import Enrollment, StudyDay
from learning.selectors import time_spent_this_week_by_child
from learning.services import enrollment_heartbeat, study_day_of
from learning.tests.factories import EnrollmentFactory, StudyDayFactory

pytestmark = pytest.mark.django_db

NAIROBI = ZoneInfo("Africa/Nairobi")
MINUTE_AGO = timedelta(seconds=60)


def _freeze(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


# ---------------------------------------------------------------- heartbeat
def test_a_credited_minute_goes_to_the_total_and_to_todays_row():
    enrollment = EnrollmentFactory(last_accessed_at=timezone.now() - MINUTE_AGO)

    credited = enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    day = StudyDay.objects.get(enrollment=enrollment)
    assert credited is True
    assert enrollment.total_time_spent_minutes == 1
    assert (day.day, day.minutes, day.student_id) == (
        study_day_of(timezone.now()),
        1,
        enrollment.student_id,
    )


def test_later_minutes_add_to_the_same_days_row():
    enrollment = EnrollmentFactory(
        last_accessed_at=timezone.now() - MINUTE_AGO, total_time_spent_minutes=100
    )
    StudyDayFactory(enrollment=enrollment, day=study_day_of(timezone.now()), minutes=7)

    enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    assert StudyDay.objects.get(enrollment=enrollment).minutes == 8
    assert enrollment.total_time_spent_minutes == 101


def test_a_beat_after_a_long_silence_writes_no_study_day():
    enrollment = EnrollmentFactory(last_accessed_at=timezone.now() - timedelta(hours=8))

    credited = enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    assert credited is False
    assert not StudyDay.objects.exists()
    assert enrollment.total_time_spent_minutes == 0
    assert timezone.now() - enrollment.last_accessed_at < timedelta(seconds=5)


def test_a_beat_too_soon_changes_nothing():
    recent = timezone.now() - timedelta(seconds=20)
    enrollment = EnrollmentFactory(last_accessed_at=recent)

    assert enrollment_heartbeat(enrollment=enrollment) is False

    enrollment.refresh_from_db()
    assert enrollment.last_accessed_at == recent
    assert not StudyDay.objects.exists()


def test_a_dropped_enrollment_earns_no_time():
    enrollment = EnrollmentFactory(
        dropped=True, last_accessed_at=timezone.now() - MINUTE_AGO
    )

    assert enrollment_heartbeat(enrollment=enrollment) is False

    assert not StudyDay.objects.exists()


def test_the_day_is_the_nairobi_date_not_the_utc_one(monkeypatch):
    # 22:30 UTC on 2 March is 01:30 on 3 March in Nairobi (UTC+3).
    moment = datetime(2026, 3, 2, 22, 30, tzinfo=ZoneInfo("UTC"))
    enrollment = EnrollmentFactory(last_accessed_at=moment - MINUTE_AGO)
    _freeze(monkeypatch, moment)

    enrollment_heartbeat(enrollment=enrollment)

    assert StudyDay.objects.get(enrollment=enrollment).day == date(2026, 3, 3)


# ----------------------------------------------------------------- the cap
def test_the_daily_cap_stops_crediting_but_keeps_the_clock(settings):
    settings.LEARNING_DAILY_STUDY_CAP_MINUTES = 240
    enrollment = EnrollmentFactory(
        last_accessed_at=timezone.now() - MINUTE_AGO, total_time_spent_minutes=500
    )
    StudyDayFactory(
        enrollment=enrollment, day=study_day_of(timezone.now()), minutes=240
    )

    credited = enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    assert credited is False
    assert StudyDay.objects.get(enrollment=enrollment).minutes == 240
    assert enrollment.total_time_spent_minutes == 500
    assert timezone.now() - enrollment.last_accessed_at < timedelta(seconds=5)


def test_the_cap_comes_from_settings(settings):
    settings.LEARNING_DAILY_STUDY_CAP_MINUTES = 30
    enrollment = EnrollmentFactory(last_accessed_at=timezone.now() - MINUTE_AGO)
    StudyDayFactory(enrollment=enrollment, day=study_day_of(timezone.now()), minutes=30)

    assert enrollment_heartbeat(enrollment=enrollment) is False

    assert StudyDay.objects.get(enrollment=enrollment).minutes == 30


def test_the_cap_is_per_day(settings, monkeypatch):
    settings.LEARNING_DAILY_STUDY_CAP_MINUTES = 240
    now = timezone.now()
    enrollment = EnrollmentFactory(last_accessed_at=now - MINUTE_AGO)
    StudyDayFactory(
        enrollment=enrollment, day=study_day_of(now) - timedelta(days=1), minutes=240
    )

    assert enrollment_heartbeat(enrollment=enrollment) is True

    assert (
        StudyDay.objects.get(enrollment=enrollment, day=study_day_of(now)).minutes == 1
    )


def test_a_tab_beating_all_day_earns_at_most_the_cap(settings, monkeypatch):
    settings.LEARNING_DAILY_STUDY_CAP_MINUTES = 60
    start = datetime(2026, 3, 4, 6, 0, tzinfo=NAIROBI)  # 06:00 to 08:30, one day
    enrollment = EnrollmentFactory(last_accessed_at=start)

    for minute in range(1, 151):
        _freeze(monkeypatch, start + timedelta(seconds=60 * minute))
        enrollment_heartbeat(enrollment=enrollment)

    enrollment.refresh_from_db()
    assert enrollment.total_time_spent_minutes == 60
    assert StudyDay.objects.get(enrollment=enrollment).minutes == 60
    assert enrollment.last_accessed_at == start + timedelta(minutes=150)


@pytest.mark.django_db(transaction=True)
def test_parallel_tabs_credit_one_minute_not_two():
    enrollment = EnrollmentFactory(last_accessed_at=timezone.now() - MINUTE_AGO)
    barrier = threading.Barrier(2)
    results = []

    def beat():
        try:
            barrier.wait()
            results.append(enrollment_heartbeat(enrollment=enrollment))
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    enrollment.refresh_from_db()
    assert sorted(results) == [False, True]
    assert enrollment.total_time_spent_minutes == 1
    assert StudyDay.objects.get(enrollment=enrollment).minutes == 1


# ---------------------------------------------------- the parent's week
def test_the_week_sums_study_days_since_monday(monkeypatch):
    # Thursday 5 March 2026, mid-morning in Nairobi.
    _freeze(monkeypatch, datetime(2026, 3, 5, 10, 0, tzinfo=NAIROBI))
    child = StudentFactory()
    maths = EnrollmentFactory(student=child, total_time_spent_minutes=5000)
    science = EnrollmentFactory(student=child)
    StudyDayFactory(enrollment=maths, day=date(2026, 3, 2), minutes=20)  # Monday
    StudyDayFactory(enrollment=maths, day=date(2026, 3, 5), minutes=15)  # today
    StudyDayFactory(enrollment=science, day=date(2026, 3, 4), minutes=10)
    StudyDayFactory(enrollment=maths, day=date(2026, 3, 1), minutes=90)  # last Sunday

    minutes = time_spent_this_week_by_child(children=[child])

    assert minutes == {child.pk: 45}


def test_the_week_starts_again_on_monday(monkeypatch):
    # Monday 9 March 2026, 00:30 in Nairobi (still Sunday in UTC).
    _freeze(monkeypatch, datetime(2026, 3, 9, 0, 30, tzinfo=NAIROBI))
    enrollment = EnrollmentFactory()
    StudyDayFactory(enrollment=enrollment, day=date(2026, 3, 8), minutes=60)

    minutes = time_spent_this_week_by_child(children=[enrollment.student])

    assert minutes == {enrollment.student.pk: 0}


def test_the_week_counts_each_child_apart_and_skips_deleted_enrollments():
    parent = ParentFactory()
    first, second, quiet = (StudentFactory(parent=parent) for _ in range(3))
    today = study_day_of(timezone.now())
    StudyDayFactory(enrollment=EnrollmentFactory(student=first), day=today, minutes=30)
    StudyDayFactory(enrollment=EnrollmentFactory(student=second), day=today, minutes=12)
    deleted = EnrollmentFactory(student=second, deleted=True)
    StudyDayFactory(enrollment=deleted, day=today, minutes=99)
    StudyDayFactory(day=today, minutes=50)  # another family's child

    minutes = time_spent_this_week_by_child(children=[first, second, quiet])

    assert minutes == {first.pk: 30, second.pk: 12, quiet.pk: 0}


def test_the_week_is_one_query_for_any_number_of_children(django_assert_num_queries):
    children = [StudentFactory() for _ in range(5)]
    for child in children:
        StudyDayFactory(enrollment=EnrollmentFactory(student=child), minutes=10)

    with django_assert_num_queries(1):
        minutes = time_spent_this_week_by_child(children=children)

    assert set(minutes.values()) == {10}


def test_lifetime_minutes_no_longer_count_as_this_week():
    enrollment = EnrollmentFactory(
        total_time_spent_minutes=600, last_accessed_at=timezone.now()
    )

    minutes = time_spent_this_week_by_child(children=[enrollment.student])

    assert minutes == {enrollment.student.pk: 0}
    assert Enrollment.objects.get(pk=enrollment.pk).total_time_spent_minutes == 600
