"""Celery really talks to Redis: a worker consumes a task sent through the broker."""

import pytest
from celery.contrib.testing.worker import start_worker

from urbanhome.celery import app
from urbanhome.core.tasks import ping


def test_celery_is_configured_for_reliable_delivery():
    conf = app.conf

    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.broker_transport_options["visibility_timeout"] >= 60 * 60


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_sent_through_redis():
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ):
            result = ping.delay()
            assert result.get(timeout=20) == "pong"
    finally:
        app.conf.task_always_eager = True
