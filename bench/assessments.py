"""2,000 students start and autosave one quiz against the served site (Locust).

    .venv/bin/python bench/assessments.py [--users 2000] [--spawn-rate 40] [--time 60s]

Starts the embedded PostgreSQL (database "bench_assessments", its own) and
Redis, migrates, creates one course with a timed mixed quiz and N enrolled
students with a signed-in session each (sessions written directly, so the
login form's password hashing is not what is measured), serves the site with
gunicorn on 127.0.0.1:8109 (DEBUG off) with production's settings
(gunicorn_web.py: 2 gthread workers × 4 threads), then runs Locust headless against it
(bench/locustfile_assessments.py): every student starts the quiz (POST, 302)
and autosaves twice (POST, JSON), all inside --time. Prints Locust's table,
then a verdict per path (every request served, none failed, p95 under
--target-ms) and exits 1 when one misses; the CSV files land in
bench/results/. Loopback only; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
CREDENTIALS = ROOT / "bench" / "results" / "assessment_sessions.json"


def _setup(users: int) -> None:
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.test.utils import override_settings
    from django.utils.crypto import get_random_string

    from accounts.tests.factories import StudentFactory
    from assessments.models import Assessment
    from assessments.tests.factories import AssessmentFactory, sample_questions
    from learning.models import Enrollment
    from learning.tests.factories import CourseFactory

    # Bench users never type a password: store a cheap hash, not 2,000
    # production-strength ones (the sessions below sign them in).
    override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ).enable()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    Assessment.objects.filter(title="Bench quiz").delete()
    course = CourseFactory(published=True, title="Bench course")
    assessment = AssessmentFactory(
        course=course,
        title="Bench quiz",
        published=True,
        questions=sample_questions(),
        duration_minutes=30,
        max_attempts=1,
    )
    rows = []
    for n in range(users):
        student = StudentFactory()
        Enrollment.objects.create(student=student, course=course, status="active")
        session = store()
        user = student.user
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        rows.append({"session": session.session_key, "csrf": get_random_string(32)})
        if n % 500 == 499:
            print(f"  {n + 1} students")
    CREDENTIALS.parent.mkdir(exist_ok=True)
    CREDENTIALS.write_text(
        json.dumps({"assessment": str(assessment.pk), "students": rows})
    )


def _verdict(results: Path, users: int, target_ms: int, duration: str) -> int:
    """Print whether every student started and autosaved twice inside the
    run with no error and p95 under the target; 0 when they did."""
    import csv

    with open(f"{results}_stats.csv", newline="", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    ok = True
    for name, wanted in (("start", users), ("autosave", 2 * users)):
        row = rows.get(name)
        if row is None:
            print(f"✗ {name}: no requests")
            ok = False
            continue
        count, failures = int(row["Request Count"]), int(row["Failure Count"])
        p95 = int(float(row["95%"]))
        good = count == wanted and failures == 0 and p95 < target_ms
        ok = ok and good
        print(
            f"{'✓' if good else '✗'} {name}: {count}/{wanted} in {duration}, "
            f"{failures} failed, p50 {row['50%']} ms, p95 {p95} ms "
            f"(target < {target_ms} ms)"
        )
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--spawn-rate", type=float, default=40)
    parser.add_argument(
        "--time", default="60s", help="the whole run, ramp included (default 60s)"
    )
    parser.add_argument(
        "--target-ms", type=int, default=500, help="p95 each path must stay under"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gunicorn worker processes (default: gunicorn_web.py's, 2)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads per worker (default: gunicorn_web.py's, 4)",
    )
    parser.add_argument("--port", default=os.environ.get("PORT", "8109"))
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanhome.settings.local")
    os.environ["DEBUG"] = "false"
    import environ

    from urbanhome.envfile import ensure_env_file

    ensure_env_file(ROOT / ".env")  # development secrets, as `make run` makes
    environ.Env.read_env(ROOT / ".env")
    import pgserver

    from urbanhome import embedded

    # A fresh database each run: the factories' numbering starts again
    # (postgres_url starts the embedded server first, on a new machine too).
    embedded.postgres_url("postgres")
    pgserver.get_server(embedded.DATA_DIR / "pg").psql(
        "DROP DATABASE IF EXISTS bench_assessments WITH (FORCE);"
    )
    os.environ["DATABASE_URL"] = embedded.postgres_url("bench_assessments")
    os.environ["REDIS_URL"] = embedded.redis_url("bench")
    subprocess.run([PY, "manage.py", "migrate", "-v", "0"], cwd=ROOT, check=True)
    print(f"• Creating {args.users} students…")
    _setup(args.users)

    log = ROOT / "bench" / "results" / "assessments-gunicorn.log"
    # Production's gunicorn settings (gunicorn_web.py: threaded workers and
    # their access log), on loopback.
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "urbanhome.wsgi",
            "--config",
            str(ROOT / "gunicorn_web.py"),
            "-b",
            f"127.0.0.1:{args.port}",
            *(["-w", str(args.workers)] if args.workers else []),
            *(["--threads", str(args.threads)] if args.threads else []),
        ],
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz/")
                break
            except OSError:
                time.sleep(0.5)
        results = ROOT / "bench" / "results" / "assessments"
        code = subprocess.run(
            [
                PY,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile_assessments.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                args.time,
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(results),
                "--only-summary",
            ],
            cwd=ROOT,
            env={**os.environ, "BENCH_CREDENTIALS": str(CREDENTIALS)},
        ).returncode
        return code or _verdict(results, args.users, args.target_ms, args.time)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
