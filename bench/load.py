"""Side by side under load: each main page against a bare Django view.

    .venv/bin/python bench/load.py [--rounds 3] [--duration 10s]
        [--connections 32] [--threads 2] [--pages catalogue,home,...]

It serves the product as in production (gunicorn, 2 sync workers,
urbanhome.settings.production, DEBUG=false) on 127.0.0.1:--port and, beside
it on 127.0.0.1:--bare-port, the bare server (bench/settings.py): for every
measured page one plain view running the SQL the product page runs and
rendering a minimal template. Both use the same database (the embedded
PostgreSQL's `--db`, `bench` by default, filled by `seed_demo --scale 100`
on first use, about 1.5 minutes) and the same Redis (an embedded one kept
alive by this process).

The bare SQL is recorded from the product itself: each page is requested
once in this process with every cache off (Django's dummy cache), and the
read statements its view ran, apart from session reads, are what the bare
view runs as they are, so it is the product's cold, uncached SQL.

Logged-in pages log in through the real login form; wrk sends the cookies
a browser would send back (session and CSRF). Each round runs every page on both servers (`wrk --latency`),
alternating which goes first; the table shows the medians of the rounds,
the ratio of the product's req/s to the bare view's, errors (socket
errors, timeouts, non-2xx/3xx answers) and the load average. Loopback
addresses only. Needs wrk (Debian: `apt-get install -y wrk`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

HOST = "127.0.0.1"
DEMO_PASSWORD = "Karibu-Demo-2026"
DEMO_DOMAIN = "demo.urbanhomeschool.co.ke"
# Encrypts the bench database's phone numbers: throwaway data, a fixed key
# so that a rerun reads what the first run's seeding wrote.
BENCH_FERNET_KEY = "tU_TCoWhPOr7dn6gEHDlUeIEzaKHhBFBLLUjZ0hQQ0I="
PAGES = [
    "catalogue",
    "catalogue-search",
    "catalogue-filter",
    "course",
    "home",
    "lesson",
    "student-dashboard",
    "parent-dashboard",
]


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: dict  # {"timeout": n, "read": n, "non-2xx": n, ...}; empty if none


@dataclass
class Page:
    name: str
    path: str
    login: str | None = None  # "student" or "parent"
    product: list[Run] = field(default_factory=list)
    bare: list[Run] = field(default_factory=list)


# ------------------------------------------------------------ environment
def server_env(*, database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "urbanhome.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "FIELD_ENCRYPTION_KEYS": BENCH_FERNET_KEY,
        # Plain http on loopback: no TLS proxy in front of it here.
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(BASE_DIR),
    }


def prepare_database(*, dbname: str) -> None:
    """Migrate, collect static files, seed `--scale 100` unless already there."""
    from django.core.management import call_command

    from learning.models import Course

    call_command("migrate", verbosity=0)
    # The manifest storage of production needs collected static files.
    call_command("collectstatic", interactive=False, verbosity=0)
    if Course.objects.count() < 10_000:
        print(f"Seeding {dbname} with seed_demo --scale 100 (about 2.5 min)…")
        # The demo app is installed by the development settings only, so the
        # seeding runs there, against the same database and Redis.
        subprocess.run(
            [sys.executable, "manage.py", "seed_demo", "--scale", "100"],
            cwd=BASE_DIR,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "urbanhome.settings.local"},
            check=True,
        )


def choose_paths() -> dict[str, tuple[str, str | None]]:
    """Return {page: (path, login)} on the seeded data."""
    from accounts.models import User
    from learning.models import Course, Enrollment

    course = Course.objects.published().order_by("-total_reviews", "slug").first()
    student = User.objects.get(email=f"student@{DEMO_DOMAIN}")
    enrollment = (
        Enrollment.objects.live()
        .filter(student__user=student, status=Enrollment.Status.ACTIVE)
        .select_related("course")
        .order_by("enrolled_at")
        .first()
    )
    lesson = enrollment.course.lessons[0]["id"]
    filters = urlencode({"grade": "Grade 7", "price": "free", "sort": "popularity"})
    return {
        "catalogue": ("/courses/", None),
        "catalogue-search": ("/courses/?q=mathematics", None),
        "catalogue-filter": (f"/courses/?{filters}", None),
        "course": (f"/courses/{course.slug}/", None),
        "home": ("/", None),
        "lesson": (f"/courses/{enrollment.course.slug}/lessons/{lesson}/", "student"),
        "student-dashboard": ("/dashboard/", "student"),
        "parent-dashboard": ("/dashboard/", "parent"),
    }


# ------------------------------------------------------------------ servers
def start_gunicorn(*, app: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    command = [
        str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
        app,
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--timeout",
        "60",
        "--error-logfile",
        str(log),
    ]
    process = subprocess.Popen(command, env=env, cwd=BASE_DIR)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn {app} exited; see {log}")
        try:
            status, _headers, _body = fetch(port, "/healthz/")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    sys.exit(f"gunicorn {app} did not answer on port {port}; see {log}")


def fetch(port, path, *, method="GET", body=None, cookies=None, headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    all_headers = dict(headers or {})
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    result = response.status, response.getheaders(), response.read().decode()
    connection.close()
    return result


def set_cookies(headers) -> dict[str, str]:
    cookies = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _sep, rest = value.partition("=")
            cookies[key] = rest.split(";", 1)[0]
    return cookies


def login(port: int, email: str) -> dict[str, str]:
    """Log in through the real login form; return the cookies a browser keeps
    (the session, and the CSRF cookie the login rotated)."""
    status, headers, html = fetch(port, "/accounts/login/")
    cookies = set_cookies(headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if status != 200 or token is None or "csrftoken" not in cookies:
        sys.exit(f"The login page did not answer as expected ({status}).")
    body = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "login": email,
            "password": DEMO_PASSWORD,
        }
    )
    status, headers, _html = fetch(
        port,
        "/accounts/login/",
        method="POST",
        body=body,
        cookies=cookies,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    kept = {**cookies, **set_cookies(headers)}
    session = kept.get("sessionid")
    if status != 302 or not session:
        sys.exit(f"Login as {email} failed ({status}).")
    return kept


# ------------------------------------------------------------ bare queries
# Reads only: no writes, no transaction control (a bare view is autocommit).
READ = re.compile(r"^\s*(SELECT|WITH)\b", re.I)


def record_queries(pages: list[Page], sessions: dict[str, dict]) -> dict[str, list]:
    """Return {page: [SQL]}: what each product page reads with caches off."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    recorded = {}
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        for page in pages:
            client = Client(SERVER_NAME=HOST)
            if page.login:
                for name, value in sessions[page.login].items():
                    client.cookies[name] = value
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.path)
            if response.status_code != 200:
                sys.exit(f"{page.name}: {page.path} answered {response.status_code}.")
            recorded[page.name] = [
                query["sql"]
                for query in captured.captured_queries
                if READ.match(query["sql"]) and "django_session" not in query["sql"]
            ]
    return recorded


# -------------------------------------------------------------------- wrk
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, *, session: dict | None, args) -> Run:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}"]
    command += [f"-d{args.duration}", "--latency"]
    if session:
        cookies = "; ".join(f"{k}={v}" for k, v in session.items())
        command += ["-H", f"Cookie: {cookies}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    if set(latency) != {"50", "99"}:
        sys.exit(f"Unexpected wrk output for {url}:\n{output}")
    socket = re.search(r"Socket errors: (.*)", output)
    errors = dict(
        re.findall(
            r"(connect|read|write|timeout) (\d+)", socket.group(1) if socket else ""
        )
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = {kind: int(n) for kind, n in errors.items() if int(n)}
    if non_2xx:
        errors["non-2xx"] = int(non_2xx.group(1))
    return Run(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(latency["50"]),
        p99_ms=_ms(latency["99"]),
        errors=errors,
    )


def check_page(port: int, path: str, session: dict | None, name: str) -> None:
    status, _headers, _body = fetch(port, path, cookies=session)
    if status != 200:
        sys.exit(f"{name}: {path} on port {port} answered {status}, not 200.")


# ------------------------------------------------------------------ report
def _errors(runs: list[Run]) -> str:
    total: dict = {}
    for run in runs:
        for kind, n in run.errors.items():
            total[kind] = total.get(kind, 0) + n
    return ", ".join(f"{n} {kind}" for kind, n in sorted(total.items())) or "0"


def report(pages: list[Page], *, load_before, load_after, args) -> None:
    def med(runs, attr):
        return statistics.median(getattr(run, attr) for run in runs)

    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}, "
        f"{args.rounds} rounds, medians; {os.cpu_count()} CPUs; load average "
        f"before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
        f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}"
    )
    print()
    print(
        "| Page | Product req/s | p50 ms | p99 ms | Bare req/s | p50 ms | p99 ms "
        "| Ratio | Ratio per round | Errors (product/bare) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for page in pages:
        product, bare = med(page.product, "rps"), med(page.bare, "rps")
        rounds = " ".join(
            f"{p.rps / b.rps:.2f}" for p, b in zip(page.product, page.bare, strict=True)
        )
        print(
            f"| {page.name} | {product:.0f} | {med(page.product, 'p50_ms'):.0f} "
            f"| {med(page.product, 'p99_ms'):.0f} | {bare:.0f} "
            f"| {med(page.bare, 'p50_ms'):.0f} | {med(page.bare, 'p99_ms'):.0f} "
            f"| **{product / bare:.2f}×** | {rounds} "
            f"| {_errors(page.product)} / {_errors(page.bare)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--warmup", default="3s")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--bare-port", type=int, default=8108)
    parser.add_argument("--db", default="bench", help="embedded database name")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing. On Debian: apt-get install -y wrk")

    from urbanhome.embedded import postgres_url, redis_url

    env = server_env(database_url=postgres_url(args.db), redis_url=redis_url("bench"))
    os.environ.update(env)
    import django

    django.setup()
    prepare_database(dbname=args.db)
    paths = choose_paths()
    pages = [Page(name, *paths[name]) for name in args.pages.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="uhs-bench-"))
    servers = []
    try:
        servers.append(
            start_gunicorn(
                app="urbanhome.wsgi:application",
                port=args.port,
                env=env,
                log=workdir / "product.log",
            )
        )
        sessions = {
            role: login(args.port, f"{role}@{DEMO_DOMAIN}")
            for role in {page.login for page in pages if page.login}
        }
        queries = workdir / "queries.json"
        queries.write_text(json.dumps(record_queries(pages, sessions), indent=1))
        servers.append(
            start_gunicorn(
                app="bench.wsgi:application",
                port=args.bare_port,
                env={
                    **env,
                    "DJANGO_SETTINGS_MODULE": "bench.settings",
                    "BENCH_QUERIES": str(queries),
                },
                log=workdir / "bare.log",
            )
        )
        targets = {}
        for page in pages:
            session = sessions.get(page.login)
            bare_path = f"/bare/{page.name}/"
            check_page(args.port, page.path, session, page.name)
            check_page(args.bare_port, bare_path, session, page.name)
            targets[page.name] = (
                (f"http://{HOST}:{args.port}{page.path}", page.product),
                (f"http://{HOST}:{args.bare_port}{bare_path}", page.bare),
            )
            for url, _runs in targets[page.name]:  # warm both servers
                warm = argparse.Namespace(**{**vars(args), "duration": args.warmup})
                wrk(url, session=session, args=warm)
        print(f"Queries per page: {workdir / 'queries.json'}")
        load_before = os.getloadavg()
        for number in range(args.rounds):
            for page in pages:
                order = targets[page.name]
                for url, runs in order if number % 2 == 0 else order[::-1]:
                    runs.append(wrk(url, session=sessions.get(page.login), args=args))
                print(
                    f"round {number + 1} {page.name}: product "
                    f"{page.product[-1].rps:.0f} req/s, bare {page.bare[-1].rps:.0f}"
                    f" req/s, ratio {page.product[-1].rps / page.bare[-1].rps:.2f}",
                    flush=True,
                )
        load_after = os.getloadavg()
        for page in pages:  # still answering as it should after the load
            check_page(args.port, page.path, sessions.get(page.login), page.name)
        report(pages, load_before=load_before, load_after=load_after, args=args)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
