"""`python manage.py seed_demo [--scale N] [--if-empty] [--no-progress] [--no-logins]`.

Always loads the base demo set (`demo/base.py`): one login
per role, a CBC catalogue from PP1 to Grade 12, families with children,
enrollments, assessments, payments, orders and forum threads. `--scale N`
adds N units of volume with COPY (`demo/scale.py`): per unit 100 courses,
1,000 enrollments and 10,000 transactions; `--scale 100` takes about a
minute and a half on two cores (docs/benchmarks.md). Last, the analytics
roll-ups are computed over the whole demo history, month by month.

Idempotent: every demo row has a fixed natural key (email, slug, reference,
admission number) or a stable id, so a rerun adds nothing and an interrupted
`--scale` run resumes where it stopped.
"""

from __future__ import annotations

import sys
import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from analytics.selectors import transaction_first_day
from analytics.services import metrics_roll_up_history
from demo.accounts import seed_demo_accounts
from demo.base import seed_base
from demo.bulk import project_tables, refresh_counters, table_counts
from demo.logins import DEMO_DOMAIN, DEMO_PASSWORD, logins_text
from demo.scale import seed_scale


class Command(BaseCommand):
    help = "Load realistic Kenyan CBC demo data (idempotent). --scale N adds volume."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Volume multiplier: per unit 100 courses, 1,000 enrollments and 10,000 "
            "transactions (100 = ~1M transactions).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the demo data is already there.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Hide the progress bars."
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Do not list the demo logins (make run prints them in its banner).",
        )

    def handle(
        self,
        *args,
        scale: int,
        if_empty: bool,
        no_progress: bool = False,
        no_logins: bool = False,
        **options,
    ):
        if if_empty and User.objects.filter(email=f"admin@{DEMO_DOMAIN}").exists():
            self.stdout.write("Demo data already loaded; skipping.")
            return
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        started = time.monotonic()
        tables = project_tables()
        before = table_counts(tables)
        # Hashing is deliberately slow: hash the demo password once for every new user.
        password_hash = make_password(DEMO_PASSWORD)
        users = seed_demo_accounts()
        seed_base(users=users, password_hash=password_hash)
        timings = {"base": time.monotonic() - started}
        if scale:
            # tqdm rewrites its line with "\r": give it the raw stream, not Django's
            # OutputWrapper (which appends a newline to every write).
            stream = getattr(self.stderr, "_out", sys.stderr)
            timings |= seed_scale(
                scale=scale,
                password_hash=password_hash,
                progress=not no_progress,
                stream=stream,
            )
        mark = time.monotonic()
        with transaction.atomic():
            refresh_counters()
        timings["counters"] = time.monotonic() - mark
        mark = time.monotonic()
        self._roll_up(progress=not no_progress)
        timings["analytics"] = time.monotonic() - mark
        after = table_counts(tables)
        self._summary(before, after, time.monotonic() - started, scale, timings)
        if not no_logins:
            self.stdout.write(self.style.SUCCESS(logins_text()))

    def _roll_up(self, *, progress: bool) -> None:
        """Fill the finance roll-ups over the demo history, month by month.

        Staff then see real figures in the admin on a fresh machine instead
        of waiting for Celery beat (which only recomputes the last two days).
        """
        first = transaction_first_day()
        if first is None:
            return

        def report(month_first, month_last, rows: int) -> None:
            if progress:
                self.stderr.write(
                    f"Analytics {month_first:%b %Y}: {rows:,} roll-up rows"
                )

        metrics_roll_up_history(start=first, end=timezone.localdate(), progress=report)

    def _summary(
        self, before: dict, after: dict, elapsed: float, scale: int, timings: dict
    ) -> None:
        self.stdout.write(
            f"\nDemo data (scale {scale}): rows per table, (+ added by this run)"
        )
        width = max(len(t) for t in after)
        for table, count in sorted(after.items()):
            if count:
                added = count - before.get(table, 0)
                extra = f"  (+{added:,})" if added else ""
                self.stdout.write(f"  {table:<{width}}  {count:>10,}{extra}")
        total_added = sum(after.values()) - sum(before.values())
        self.stdout.write(f"Added {total_added:,} rows in {elapsed:.1f} s.")
        self.stdout.write(
            "Time per phase: "
            + ", ".join(f"{name} {sec:.1f} s" for name, sec in timings.items())
        )
