"""Every periodic job is scheduled, and each names a task Celery knows."""

from django.conf import settings

from urbanhome.celery import app

EXPECTED = {
    "payments-reconcile": "payments.tasks.reconcile_payments_task",
    "payments-subscriptions-daily": "payments.tasks.subscriptions_renew_task",
    "assessments-overdue-finalise": "assessments.tasks.submissions_overdue_finalise",
    "tutor-conversations-purge": "learning.tutor.tasks.tutor_conversations_purge_task",
    "analytics-metrics-roll-up": "analytics.tasks.metrics_roll_up_task",
}


def test_every_periodic_job_is_in_the_one_schedule():
    # An app's settings block once replaced the dict instead of adding to it,
    # which silently unscheduled payment reconciliation and renewals.
    scheduled = {
        name: entry["task"] for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
    }

    assert scheduled == EXPECTED


def test_every_scheduled_task_is_registered_with_celery():
    app.loader.import_default_modules()

    missing = [task for task in EXPECTED.values() if task not in app.tasks]

    assert missing == []
