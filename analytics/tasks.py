"""Celery tasks of the analytics app: call one roll-up service.

Safe to run twice: a roll-up rewrites the same rows.
"""

from celery import shared_task


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def metrics_roll_up_task() -> int:
    """Every 15 minutes: recompute yesterday's and today's periods.

    Yesterday too, so a late callback settling a payment just after
    midnight (or a refund made since) still lands in the day it belongs to.
    """
    from datetime import timedelta

    from django.utils import timezone

    from .services import metrics_roll_up

    today = timezone.localdate()
    return metrics_roll_up(start=today - timedelta(days=1), end=today)
