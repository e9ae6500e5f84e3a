"""`make run`: the whole site on one machine with nothing installed.

Starts the embedded PostgreSQL and Redis when DATABASE_URL / REDIS_URL are
not configured, migrates, loads the demo data on the first run, then runs the
web server, a Celery worker and Celery beat together. Ctrl-C stops them all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _load_dotenv() -> None:
    """Copy .env into os.environ (real environment variables still win)."""
    import environ

    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, check=True)


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
    _manage("seed_demo", "--if-empty")

    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    procs = {
        "web": subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
            cwd=BASE_DIR,
        ),
        "worker": subprocess.Popen(
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "urbanhome",
                "worker",
                "-l",
                "warning",
                "--concurrency",
                "2",
                "-n",
                "worker@%h",
            ],
            cwd=BASE_DIR,
        ),
        "beat": subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "urbanhome", "beat", "-l", "warning"],
            cwd=BASE_DIR,
        ),
    }

    from demo.logins import DEMO_LOGINS, DEMO_PASSWORD

    time.sleep(2)
    print()
    print(f"  Urban Home School is running at http://{host}:{port}/")
    print(f"  Admin: http://{host}:{port}/admin/")
    print(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, email in DEMO_LOGINS:
        print(f"    {role:<11} {email}")
    print("  Press Ctrl-C to stop the web server, worker, beat and embedded services.")
    print()

    stopping = False

    def stop(*_args):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
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
    print("Stopped.")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
