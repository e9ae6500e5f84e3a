"""`make run` prints its banner once, last, after web, worker and beat are up."""

import http.server
import threading

from urbanhome import devstack


def test_wait_until_ready_returns_once_every_check_passes(tmp_path):
    marker = tmp_path / "worker"
    polls = []

    def web():
        polls.append(1)
        if len(polls) == 2:
            marker.touch()  # the worker comes up as the web server answers
        return len(polls) >= 2

    missing = devstack.wait_until_ready(
        {"web": web, "worker": devstack.file_exists(marker)},
        timeout=5,
        interval=0.01,
    )

    assert missing == []
    assert len(polls) == 2


def test_wait_until_ready_names_what_is_still_missing_at_the_deadline(tmp_path):
    missing = devstack.wait_until_ready(
        {"web": lambda: True, "beat": devstack.file_exists(tmp_path / "beat")},
        timeout=0.05,
        interval=0.01,
    )

    assert missing == ["beat"]


def test_wait_until_ready_stops_when_a_process_dies(tmp_path):
    missing = devstack.wait_until_ready(
        {"worker": devstack.file_exists(tmp_path / "worker")},
        timeout=30,
        alive=lambda: False,
    )

    assert missing == ["worker"]


def test_web_is_up_once_the_server_answers_any_status():
    server = http.server.HTTPServer(
        ("127.0.0.1", 0), http.server.BaseHTTPRequestHandler
    )
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/healthz/"

    assert devstack.web_is_up(url)() is True  # a 501 is an answer
    server.server_close()
    assert devstack.web_is_up(url)() is False


def test_the_banner_has_the_url_and_every_demo_login_once():
    from demo.logins import DEMO_LOGINS, DEMO_PASSWORD, logins_text

    text = devstack.banner(site_url="http://127.0.0.1:8102", logins=logins_text())

    assert text.count("http://127.0.0.1:8102/") == 2  # the site and its admin
    assert text.count(DEMO_PASSWORD) == 1
    assert all(text.count(email) == 1 for _role, email in DEMO_LOGINS)


def test_celery_processes_tell_make_run_they_are_up(tmp_path, monkeypatch):
    from celery.signals import beat_init, worker_ready

    monkeypatch.setenv("UHS_READY_DIR", str(tmp_path))

    worker_ready.send(sender=None)
    beat_init.send(sender=None)

    assert (tmp_path / "worker").exists()
    assert (tmp_path / "beat").exists()
