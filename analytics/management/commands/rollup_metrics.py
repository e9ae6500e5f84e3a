"""`python manage.py rollup_metrics [--from YYYY-MM-DD] [--to YYYY-MM-DD]`.

Recompute the revenue_metrics and payment_analytics rows of every period
touching the range, month by month, one progress line per month. Without
--from it starts on the first transaction's day, without --to it ends
today (Nairobi time). Idempotent: a rerun rewrites the same rows.
"""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.selectors import transaction_first_day
from analytics.services import metrics_roll_up_history


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s must be a date as YYYY-MM-DD, not %(value)r.")
            % {"option": option, "value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Recompute the revenue and payment analytics of every day, week and "
        "month touching the range, month by month (also every 15 minutes "
        "from Celery beat for yesterday and today)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="start",
            metavar="YYYY-MM-DD",
            help="First day (default: the first transaction's day).",
        )
        parser.add_argument(
            "--to", dest="end", metavar="YYYY-MM-DD", help="Last day (default: today)."
        )

    def handle(self, *args, start: str | None, end: str | None, **options):
        today = timezone.localdate()
        last = _day(end, "--to") if end else today
        if start:
            first = _day(start, "--from")
        else:
            first = min(transaction_first_day() or today, last)
        if first > last:
            raise CommandError(
                _("--from %(start)s is after --to %(end)s: nothing to roll up.")
                % {"start": first, "end": last}
            )
        started = time.monotonic()

        def progress(month_first: date, month_last: date, rows: int) -> None:
            line = _("%(first)s to %(last)s: %(rows)s rows") % {
                "first": month_first,
                "last": month_last,
                "rows": f"{rows:,}",
            }
            self.stdout.write(f"  {line}")

        written = metrics_roll_up_history(start=first, end=last, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                _("Rolled up %(first)s to %(last)s: %(rows)s rows in %(sec).1f s.")
                % {
                    "first": first,
                    "last": last,
                    "rows": f"{written:,}",
                    "sec": time.monotonic() - started,
                }
            )
        )
