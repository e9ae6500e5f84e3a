"""Function calls per request of the logged-in pages and their bare views.

    .venv/bin/python bench/profile_pages.py [--db bench] [--requests 5]
        [--pages lesson,student-dashboard,parent-dashboard]

Counts, unlike req/s, do not depend on how busy the machine is. Same
settings, database and page addresses as bench/load.py (production
settings, `DEBUG=false`, the `seed_demo --scale 100` database, seeded on
first use); the bare view runs the SQL the product page ran with caches off
(as load.py records it). Each page is requested through Django's test
client, the whole middleware stack included: three warm-up requests (the
caches fill), then `--requests` under cProfile. It prints the primitive and
total function calls per request and the queries of one warm request.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.load import (  # noqa: E402
    DEMO_DOMAIN,
    HOST,
    Page,
    choose_paths,
    prepare_database,
    record_queries,
    server_env,
)

LOGGED_IN = ["lesson", "student-dashboard", "parent-dashboard"]


def _session(role: str) -> dict[str, str]:
    from django.test import Client

    from accounts.models import User

    client = Client(SERVER_NAME=HOST)
    client.force_login(User.objects.get(email=f"{role}@{DEMO_DOMAIN}"))
    return {"sessionid": client.cookies["sessionid"].value}


def _calls(
    client, path: str, *, requests: int, dump: str | None = None
) -> tuple[float, float, int]:
    from django.db import connection

    for _ in range(3):
        assert client.get(path).status_code == 200, path
    executed = []
    # Not CaptureQueriesContext: a request's start empties connection.queries.
    with connection.execute_wrapper(
        lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)
    ):
        client.get(path)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        client.get(path)
    profile.disable()
    if dump:
        profile.dump_stats(dump)
    stats = pstats.Stats(profile)
    return (
        stats.prim_calls / requests,
        stats.total_calls / requests,
        len(executed),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench", help="embedded database name")
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--pages", default=",".join(LOGGED_IN))
    parser.add_argument("--no-bare", action="store_true", help="product pages only")
    parser.add_argument("--dump", help="folder for each page's cProfile stats")
    args = parser.parse_args()

    from urbanhome.embedded import postgres_url, redis_url

    os.environ.update(
        server_env(database_url=postgres_url(args.db), redis_url=redis_url("bench"))
    )
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings

    prepare_database(dbname=args.db)
    paths = choose_paths()
    pages = [Page(name, *paths[name]) for name in args.pages.split(",")]
    sessions = {role: _session(role) for role in {p.login for p in pages if p.login}}
    workdir = Path(tempfile.mkdtemp(prefix="uhs-profile-"))
    queries = workdir / "queries.json"
    recorded = record_queries(pages, sessions)
    queries.write_text(json.dumps(recorded))
    os.environ["BENCH_QUERIES"] = str(queries)
    templates = [{**settings.TEMPLATES[0], "DIRS": [BASE_DIR / "bench" / "templates"]}]

    print(
        "| Page | Calls/request (total) | primitive | queries (warm) "
        "| bare calls | bare SELECTs | ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for page in pages:
        client = Client(SERVER_NAME=HOST)
        if page.login:
            client.cookies["sessionid"] = sessions[page.login]["sessionid"]
        dump = f"{args.dump}/{page.name}.prof" if args.dump else None
        prim, total, count = _calls(
            client, page.path, requests=args.requests, dump=dump
        )
        bare_total = ratio = ""
        if not args.no_bare:
            with override_settings(ROOT_URLCONF="bench.urls", TEMPLATES=templates):
                _p, bare, _c = _calls(
                    client, f"/bare/{page.name}/", requests=args.requests
                )
            bare_total, ratio = f"{bare:,.0f}", f"{total / bare:.2f}×"
        print(
            f"| {page.name} | {total:,.0f} | {prim:,.0f} | {count} "
            f"| {bare_total} | {len(recorded[page.name])} | {ratio} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
