"""Celery tasks of the assessments app: load by id, call one service."""

from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def submission_finalise(submission_id: str) -> None:
    """Hand in an attempt whose time ran out (idempotent; early runs do nothing)."""
    from .models import AssessmentSubmission
    from .services import submission_finalise as finalise

    submission = (
        AssessmentSubmission.objects.select_related("student")
        .filter(pk=submission_id)
        .first()
    )
    if submission is not None:
        finalise(submission=submission)


@shared_task
def submissions_overdue_finalise() -> int:
    """Sweep: finalise open attempts whose deadline passed (lost ETAs, restarts)."""
    from .services import submissions_overdue_finalise as sweep

    return sweep()
