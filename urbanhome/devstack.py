"""`make run`: the whole site on one machine with nothing installed.

Starts the embedded PostgreSQL and Redis when DATABASE_URL / REDIS_URL are
not configured, migrates, loads the demo data on the first run, then runs the
web server, a Celery worker and Celery beat together. Once all three are up
it prints one banner (the URL and the demo logins), last. Ctrl-C stops them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from urbanhome.devserver import dev_site_url

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
READY_TIMEOUT = 120  # seconds to wait for the three processes


def _load_dotenv() -> None:
    """Copy .env into os.environ (real environment variables still win)."""
    import environ

    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, check=True)


def web_is_up(url: str) -> Callable[[], bool]:
    """Return a check that the web server answers `url` (any HTTP status)."""

    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answered
        except OSError:
            return False

    return check


def file_exists(path: Path) -> Callable[[], bool]:
    return path.exists


def wait_until_ready(
    checks: dict[str, Callable[[], bool]],
    *,
    timeout: float = READY_TIMEOUT,
    interval: float = 0.5,
    alive: Callable[[], bool] = lambda: True,
) -> list[str]:
    """Poll `checks` until all pass; return the names still not ready.

    Stops early (returning what is missing) when `alive()` turns false, so a
    process that died is reported instead of waited for.
    """
    waiting = dict(checks)
    deadline = time.monotonic() + timeout
    while waiting and time.monotonic() < deadline and alive():
        for name, check in list(waiting.items()):
            if check():
                del waiting[name]
        if waiting:
            time.sleep(interval)
    return list(waiting)


def banner(*, site_url: str, logins: str) -> str:
    """Return the lines `make run` prints once everything is up."""
    lines = [
        "",
        "=" * 72,
        f"  Urban Home School is running at {site_url}/",
        f"  Admin: {site_url}/admin/",
        *(f"  {line}" for line in logins.strip().splitlines()),
        "  Press Ctrl-C to stop the web server, worker, beat and embedded services.",
        "=" * 72,
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    from urbanhome.envfile import ensure_env_file

    if ensure_env_file(BASE_DIR / ".env"):
        print("• Wrote .env with fresh development secrets.")
    _load_dotenv()  # so DATABASE_URL / REDIS_URL from .env count as configured
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanhome.settings.local")

    from urbanhome import embedded

    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = embedded.postgres_url(
            "urbanhome", stop_on_exit=True
        )
        print(f"• Embedded PostgreSQL 16 running (data in {embedded.DATA_DIR / 'pg'}).")
    else:
        print("• Using the configured DATABASE_URL.")
    if not os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = embedded.redis_url()
        print("• Embedded Redis running.")
    else:
        print("• Using the configured REDIS_URL.")

    print("• Migrating the database…")
    _manage("migrate", "--noinput", "-v", "0")
    print("• Loading demo data (first run only)…")
    _manage("seed_demo", "--if-empty", "--no-logins")

    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    site_url = os.environ.get("SITE_URL") or dev_site_url(host, port)
    ready_dir = Path(tempfile.mkdtemp(prefix="uhs-ready-"))
    env = {**os.environ, "UHS_READY_DIR": str(ready_dir)}
    celery = [PYTHON, "-m", "celery", "-A", "urbanhome"]
    print("• Starting the web server, the Celery worker and beat…")
    procs = {
        "web": subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
            cwd=BASE_DIR,
            env=env,
        ),
        "worker": subprocess.Popen(
            [*celery, "worker", "-l", "warning", "--concurrency", "2"]
            + ["-n", "worker@%h"],
            cwd=BASE_DIR,
            env=env,
        ),
        "beat": subprocess.Popen(
            [*celery, "beat", "-l", "warning"], cwd=BASE_DIR, env=env
        ),
    }
    # The logins come from the demo app (urbanhome imports no app): ask it
    # while the three processes start.
    logins = subprocess.Popen(
        [PYTHON, "manage.py", "demo_logins"],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )

    stopping = False

    def stop(*_args):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    local = dev_site_url("127.0.0.1" if host in ("0.0.0.0", "") else host, port)
    missing = wait_until_ready(
        {
            "web": web_is_up(f"{local}/healthz/"),
            "worker": file_exists(ready_dir / "worker"),
            "beat": file_exists(ready_dir / "beat"),
        },
        alive=lambda: not stopping and all(p.poll() is None for p in procs.values()),
    )
    logins_text = logins.communicate(timeout=60)[0]
    if not stopping and all(p.poll() is None for p in procs.values()):
        if missing:
            print(f"! Not ready after {READY_TIMEOUT} s: {', '.join(missing)}.")
        print(banner(site_url=site_url, logins=logins_text), flush=True)

    exit_code = 0
    while not stopping:
        for name, proc in procs.items():
            if proc.poll() is not None:
                print(
                    f"! {name} exited with status {proc.returncode}; stopping everything."
                )
                exit_code = proc.returncode or 1
                stopping = True
        time.sleep(0.5)

    for proc in procs.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for proc in procs.values():
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
    for path in ready_dir.iterdir():
        path.unlink()
    ready_dir.rmdir()
    print("Stopped.")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
