"""Roll transactions and subscriptions up into the analytics tables.

`metrics_roll_up` recomputes whole periods with set-based SQL (a few
statements whatever the number of transactions) and upserts one row per
period on the tables' unique keys, so a re-run rewrites the same rows.

Periods are calendar days, ISO weeks (keyed by their Monday) and months
(keyed by the 1st) in the site's time zone, `settings.TIME_ZONE`
(Africa/Nairobi): a payment at 23:30 Nairobi time belongs to that Nairobi
day although it is 20:30 UTC.

RevenueMetrics, one row per period and currency in which any transaction
was created, paid or refunded:

- total_revenue: money received through the gateways (M-Pesa, Stripe,
  PayPal): transactions paid (`paid_at`) in the period whose status is
  completed or, later, refunded. Payments funded from the wallet
  (gateway "wallet") are left out: the top-up that funded them was already
  counted when it was paid.
- course_revenue, store_revenue, subscription_revenue: what was sold, by
  `transaction_metadata["purpose"]` (course_enrollment, store_order,
  subscription), paid in the period, wallet-funded payments included.
  Wallet top-ups are money received (in total_revenue) but sell nothing, so
  they are in no purpose bucket; the buckets therefore need not add up to
  the total.
- refund_amount, refunded_count: gateway payments refunded (`refunded_at`)
  in the period, on the same basis as the total. A refunded wallet payment
  goes back to the wallet, not out of the business, so it is not counted.
- gateway_fees: always 0. No gateway integration here records a fee (the
  M-Pesa, Stripe and PayPal callbacks this site handles carry none), and an
  estimated rate would be an invented figure.
- net_revenue: total_revenue - refund_amount - gateway_fees, floored at 0.
- transaction_count: attempts created in the period, any status and
  gateway; successful_count: of those, completed or refunded;
  failed_count: of those, failed (pending ones are in the count only).
- average_transaction_value: total_revenue / the number of gateway payments
  counted in it, rounded to 2 places (0 when there are none).
- new_customers: users whose first completed-or-refunded payment (any
  gateway, any currency) was paid in the period, counted in that payment's
  currency.

PaymentAnalytics, one row per period (amounts in KES; subscriptions and
payments in other currencies are left out):

- active_subscriptions: subscriptions live at the period's end, that is
  created before it with `current_period_end` after it. The status is not
  filtered on: the live statuses (active, trialing, past_due) have their paid
  period ahead, and canceled or expired rows keep the end of the period
  they were live for (cancel at period end keeps it; a refund moves it to
  the refund's time), so past periods still count them while they lasted.
- mrr: the sum of those subscriptions' locked-in prices normalised to a
  month (month: price; term: price * 3 / 12, a Kenyan school year has three
  terms; year: price / 12), rounded to 2 places; arr = mrr * 12.
- new_subscriptions: created in the period; canceled_subscriptions:
  `canceled_at` in the period (a cancellation asked for, or a refund).
- churn_rate: of the subscriptions active at the period's start, the share
  whose `canceled_at` falls in the period, in percent (0 when none were
  active).
- mpesa/stripe/paypal count and amount: completed-or-refunded payments
  through that gateway paid in the period, in KES.
- success_rate: attempts created in the period (any gateway and currency)
  that are completed or refunded, over those plus the failed ones, in
  percent (0 when none ended); pending attempts are not counted.
- average_revenue_per_user: mrr / active_subscriptions (0 when none).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from .models import PeriodType

# Completed payments stay money received when they are refunded later.
PAID = "('completed', 'refunded')"

# One transaction lock for every roll-up: the beat task and a backfill from
# the command never interleave their upserts (no deadlock, no lost rows).
_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('analytics.metrics_roll_up'))"

# The periods to recompute: arrays of period type, first and last day.
_PERIODS_SQL = """
    periods AS (
        SELECT p.period_type, p.metric_date, p.last_day,
            (p.metric_date::timestamp AT TIME ZONE %(tz)s) AS starts,
            ((p.last_day + 1)::timestamp AT TIME ZONE %(tz)s) AS ends
        FROM unnest(%(period_types)s::text[], %(first_days)s::date[],
                    %(last_days)s::date[]) AS p(period_type, metric_date, last_day)
    ),
    win AS (SELECT min(starts) AS lo, max(ends) AS hi FROM periods)
"""

# Every transaction yields an event per timestamp that matters to the figures
# (created, paid, refunded; and each user's first payment), bucketed by its day
# in the site's time zone; periods then add their days up. Reading each
# transaction once keeps it one scan, however many periods are recomputed.
_REVENUE_SQL = f"""
WITH {_PERIODS_SQL},
first_payments AS MATERIALIZED (
    -- Each payer's first completed-or-refunded payment (a sort, not a join
    -- per transaction: its plan cannot go quadratic on a table that has no
    -- statistics yet, as in a test database).
    SELECT DISTINCT ON (t.user_id) t.paid_at, t.currency
    FROM transactions t, win
    WHERE t.status IN {PAID} AND t.paid_at < win.hi
    ORDER BY t.user_id, t.paid_at, t.id
),
events AS (
    SELECT (e.at AT TIME ZONE %(tz)s)::date AS day, e.kind, t.currency, t.amount,
        t.gateway <> 'wallet' AS via_gateway, t.status,
        t.transaction_metadata ->> 'purpose' AS purpose
    FROM transactions t
    CROSS JOIN win
    CROSS JOIN LATERAL (VALUES
        ('created', t.created_at),
        ('paid', CASE WHEN t.status IN {PAID} THEN t.paid_at END),
        ('refunded', CASE WHEN t.status = 'refunded' THEN t.refunded_at END)
    ) AS e(kind, at)
    WHERE (t.created_at >= win.lo OR t.paid_at >= win.lo OR t.refunded_at >= win.lo)
      AND e.at >= win.lo AND e.at < win.hi
    UNION ALL
    SELECT (f.paid_at AT TIME ZONE %(tz)s)::date, 'first', f.currency, 0, false,
        '', ''
    FROM first_payments f, win
    WHERE f.paid_at >= win.lo
),
daily AS (
    SELECT day, currency,
        coalesce(sum(amount) FILTER (WHERE kind = 'paid' AND via_gateway), 0)
            AS total_revenue,
        count(*) FILTER (WHERE kind = 'paid' AND via_gateway) AS gateway_payments,
        coalesce(sum(amount) FILTER (
            WHERE kind = 'paid' AND purpose = 'course_enrollment'), 0)
            AS course_revenue,
        coalesce(sum(amount) FILTER (
            WHERE kind = 'paid' AND purpose = 'store_order'), 0) AS store_revenue,
        coalesce(sum(amount) FILTER (
            WHERE kind = 'paid' AND purpose = 'subscription'), 0)
            AS subscription_revenue,
        coalesce(sum(amount) FILTER (WHERE kind = 'refunded' AND via_gateway), 0)
            AS refund_amount,
        count(*) FILTER (WHERE kind = 'refunded' AND via_gateway) AS refunded_count,
        count(*) FILTER (WHERE kind = 'created') AS transaction_count,
        count(*) FILTER (WHERE kind = 'created' AND status IN {PAID})
            AS successful_count,
        count(*) FILTER (WHERE kind = 'created' AND status = 'failed')
            AS failed_count,
        count(*) FILTER (WHERE kind = 'first') AS new_customers
    FROM events
    GROUP BY day, currency
),
rolled AS (
    SELECT p.period_type, p.metric_date, d.currency,
        sum(d.total_revenue) AS total_revenue,
        sum(d.gateway_payments) AS gateway_payments,
        sum(d.course_revenue) AS course_revenue,
        sum(d.store_revenue) AS store_revenue,
        sum(d.subscription_revenue) AS subscription_revenue,
        sum(d.refund_amount) AS refund_amount,
        sum(d.refunded_count) AS refunded_count,
        sum(d.transaction_count) AS transaction_count,
        sum(d.successful_count) AS successful_count,
        sum(d.failed_count) AS failed_count,
        sum(d.new_customers) AS new_customers
    FROM periods p
    JOIN daily d ON d.day BETWEEN p.metric_date AND p.last_day
    GROUP BY p.period_type, p.metric_date, d.currency
)
INSERT INTO revenue_metrics (
    id, metric_date, period_type, currency, total_revenue, refund_amount,
    gateway_fees, net_revenue, course_revenue, store_revenue,
    subscription_revenue, transaction_count, successful_count, failed_count,
    refunded_count, average_transaction_value, new_customers, computed_at,
    created_at, updated_at
)
SELECT gen_random_uuid(), metric_date, period_type, currency, total_revenue,
    refund_amount,
    0,  -- gateway_fees: not reported by the gateways (module docstring)
    greatest(total_revenue - refund_amount, 0),
    course_revenue, store_revenue, subscription_revenue, transaction_count,
    successful_count, failed_count, refunded_count,
    CASE WHEN gateway_payments > 0
        THEN round(total_revenue / gateway_payments, 2) ELSE 0 END,
    new_customers, %(now)s, %(now)s, %(now)s
FROM rolled
ON CONFLICT ON CONSTRAINT revenue_metrics_period_currency_uniq DO UPDATE SET
    total_revenue = EXCLUDED.total_revenue,
    refund_amount = EXCLUDED.refund_amount,
    gateway_fees = EXCLUDED.gateway_fees,
    net_revenue = EXCLUDED.net_revenue,
    course_revenue = EXCLUDED.course_revenue,
    store_revenue = EXCLUDED.store_revenue,
    subscription_revenue = EXCLUDED.subscription_revenue,
    transaction_count = EXCLUDED.transaction_count,
    successful_count = EXCLUDED.successful_count,
    failed_count = EXCLUDED.failed_count,
    refunded_count = EXCLUDED.refunded_count,
    average_transaction_value = EXCLUDED.average_transaction_value,
    new_customers = EXCLUDED.new_customers,
    computed_at = EXCLUDED.computed_at,
    updated_at = EXCLUDED.updated_at
"""

# A currency whose transactions are gone from a recomputed period (a user
# deleted with them) loses its row rather than keeping stale figures.
_REVENUE_PRUNE_SQL = """
DELETE FROM revenue_metrics r
USING unnest(%(period_types)s::text[], %(first_days)s::date[])
    AS p(period_type, metric_date)
WHERE r.period_type = p.period_type AND r.metric_date = p.metric_date
  AND r.computed_at <> %(now)s
"""

_PAYMENT_SQL = f"""
WITH {_PERIODS_SQL},
subs AS (
    SELECT s.created_at, s.current_period_end, s.canceled_at,
        CASE pl.interval
            WHEN 'month' THEN s.price
            WHEN 'term' THEN s.price * 3 / 12
            WHEN 'year' THEN s.price / 12
        END AS monthly_price
    FROM subscriptions s
    JOIN subscription_plans pl ON pl.id = s.plan_id
    WHERE s.currency = 'KES'
),
subscription_figures AS (
    SELECT p.period_type, p.metric_date,
        count(s.created_at) FILTER (
            WHERE s.created_at < p.ends AND s.current_period_end > p.ends)
            AS active_subscriptions,
        coalesce(sum(s.monthly_price) FILTER (
            WHERE s.created_at < p.ends AND s.current_period_end > p.ends), 0)
            AS mrr,
        count(s.created_at) FILTER (WHERE s.created_at >= p.starts)
            AS new_subscriptions,
        count(s.created_at) FILTER (
            WHERE s.canceled_at >= p.starts AND s.canceled_at < p.ends)
            AS canceled_subscriptions,
        count(s.created_at) FILTER (
            WHERE s.created_at < p.starts AND s.current_period_end > p.starts)
            AS active_at_start,
        count(s.created_at) FILTER (
            WHERE s.created_at < p.starts AND s.current_period_end > p.starts
              AND s.canceled_at >= p.starts AND s.canceled_at < p.ends)
            AS churned
    FROM periods p
    LEFT JOIN subs s ON s.created_at < p.ends AND (
        s.created_at >= p.starts OR s.current_period_end > p.starts
        OR s.canceled_at >= p.starts)
    GROUP BY p.period_type, p.metric_date
),
events AS (
    SELECT (e.at AT TIME ZONE %(tz)s)::date AS day, e.kind, t.gateway, t.amount,
        t.status
    FROM transactions t
    CROSS JOIN win
    CROSS JOIN LATERAL (VALUES
        ('created', t.created_at),
        ('paid', CASE WHEN t.status IN {PAID} AND t.currency = 'KES'
            THEN t.paid_at END)
    ) AS e(kind, at)
    WHERE (t.created_at >= win.lo OR t.paid_at >= win.lo)
      AND e.at >= win.lo AND e.at < win.hi
),
daily AS (
    SELECT day,
        count(*) FILTER (WHERE kind = 'paid' AND gateway = 'mpesa') AS mpesa_count,
        coalesce(sum(amount) FILTER (
            WHERE kind = 'paid' AND gateway = 'mpesa'), 0) AS mpesa_amount,
        count(*) FILTER (WHERE kind = 'paid' AND gateway = 'stripe') AS stripe_count,
        coalesce(sum(amount) FILTER (
            WHERE kind = 'paid' AND gateway = 'stripe'), 0) AS stripe_amount,
        count(*) FILTER (WHERE kind = 'paid' AND gateway = 'paypal') AS paypal_count,
        coalesce(sum(amount) FILTER (
            WHERE kind = 'paid' AND gateway = 'paypal'), 0) AS paypal_amount,
        count(*) FILTER (WHERE kind = 'created' AND status IN {PAID}) AS succeeded,
        count(*) FILTER (WHERE kind = 'created' AND status = 'failed') AS failed
    FROM events
    GROUP BY day
),
payment_figures AS (
    SELECT p.period_type, p.metric_date,
        coalesce(sum(d.mpesa_count), 0) AS mpesa_count,
        coalesce(sum(d.mpesa_amount), 0) AS mpesa_amount,
        coalesce(sum(d.stripe_count), 0) AS stripe_count,
        coalesce(sum(d.stripe_amount), 0) AS stripe_amount,
        coalesce(sum(d.paypal_count), 0) AS paypal_count,
        coalesce(sum(d.paypal_amount), 0) AS paypal_amount,
        coalesce(sum(d.succeeded), 0) AS succeeded,
        coalesce(sum(d.failed), 0) AS failed
    FROM periods p
    LEFT JOIN daily d ON d.day BETWEEN p.metric_date AND p.last_day
    GROUP BY p.period_type, p.metric_date
),
figures AS (
    SELECT s.*, round(s.mrr, 2) AS mrr_rounded, g.mpesa_count, g.mpesa_amount,
        g.stripe_count, g.stripe_amount, g.paypal_count, g.paypal_amount,
        g.succeeded, g.failed
    FROM subscription_figures s
    JOIN payment_figures g USING (period_type, metric_date)
)
INSERT INTO payment_analytics (
    id, metric_date, period_type, mrr, arr, churn_rate, active_subscriptions,
    new_subscriptions, canceled_subscriptions, mpesa_count, mpesa_amount,
    stripe_count, stripe_amount, paypal_count, paypal_amount, success_rate,
    average_revenue_per_user, computed_at, created_at, updated_at
)
SELECT gen_random_uuid(), metric_date, period_type, mrr_rounded,
    mrr_rounded * 12,
    CASE WHEN active_at_start > 0
        THEN round(churned * 100.0 / active_at_start, 2) ELSE 0 END,
    active_subscriptions, new_subscriptions, canceled_subscriptions,
    mpesa_count, mpesa_amount, stripe_count, stripe_amount, paypal_count,
    paypal_amount,
    CASE WHEN succeeded + failed > 0
        THEN round(succeeded * 100.0 / (succeeded + failed), 2) ELSE 0 END,
    CASE WHEN active_subscriptions > 0
        THEN round(mrr / active_subscriptions, 2) ELSE 0 END,
    %(now)s, %(now)s, %(now)s
FROM figures
ON CONFLICT ON CONSTRAINT payment_analytics_period_uniq DO UPDATE SET
    mrr = EXCLUDED.mrr,
    arr = EXCLUDED.arr,
    churn_rate = EXCLUDED.churn_rate,
    active_subscriptions = EXCLUDED.active_subscriptions,
    new_subscriptions = EXCLUDED.new_subscriptions,
    canceled_subscriptions = EXCLUDED.canceled_subscriptions,
    mpesa_count = EXCLUDED.mpesa_count,
    mpesa_amount = EXCLUDED.mpesa_amount,
    stripe_count = EXCLUDED.stripe_count,
    stripe_amount = EXCLUDED.stripe_amount,
    paypal_count = EXCLUDED.paypal_count,
    paypal_amount = EXCLUDED.paypal_amount,
    success_rate = EXCLUDED.success_rate,
    average_revenue_per_user = EXCLUDED.average_revenue_per_user,
    computed_at = EXCLUDED.computed_at,
    updated_at = EXCLUDED.updated_at
"""


def periods_touching(*, start: date, end: date) -> list[tuple[str, date, date]]:
    """Return (period type, first day, last day) of every period in range.

    Every day from `start` to `end`, every ISO week (from its Monday) and
    every month (from its 1st) that contains one of those days.
    """
    periods = []
    day = start
    while day <= end:
        periods.append((PeriodType.DAILY.value, day, day))
        day += timedelta(days=1)
    week = start - timedelta(days=start.weekday())
    while week <= end:
        periods.append((PeriodType.WEEKLY.value, week, week + timedelta(days=6)))
        week += timedelta(days=7)
    month = start.replace(day=1)
    while month <= end:
        following = month + relativedelta(months=1)
        periods.append((PeriodType.MONTHLY.value, month, following - timedelta(days=1)))
        month = following
    return periods


@transaction.atomic
def metrics_roll_up(*, start: date, end: date) -> int:
    """Recompute every period touching [start, end]; return the rows written.

    Writes the RevenueMetrics rows (per period and currency with any
    transaction) and the PaymentAnalytics rows (one per period) of every
    daily, weekly and monthly period that contains a day from `start` to
    `end`, upserting on the unique keys with `computed_at` set to now.
    The figures are defined in this module's docstring.
    """
    if start > end:
        raise ValidationError(
            _("The start date %(start)s is after the end date %(end)s."),
            code="invalid_range",
            params={"start": start, "end": end},
        )
    periods = periods_touching(start=start, end=end)
    params = {
        "tz": settings.TIME_ZONE,
        "period_types": [p[0] for p in periods],
        "first_days": [p[1] for p in periods],
        "last_days": [p[2] for p in periods],
        "now": timezone.now(),
    }
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_SQL)
        cursor.execute(_REVENUE_SQL, params)
        written = cursor.rowcount
        cursor.execute(_REVENUE_PRUNE_SQL, params)
        cursor.execute(_PAYMENT_SQL, params)
        written += cursor.rowcount
    return written


def month_ranges(*, start: date, end: date) -> list[tuple[date, date]]:
    """Split [start, end] into ranges of at most one calendar month each."""
    ranges = []
    first = start
    while first <= end:
        next_month = first.replace(day=1) + relativedelta(months=1)
        last = min(end, next_month - timedelta(days=1))
        ranges.append((first, last))
        first = next_month
    return ranges


def metrics_roll_up_history(
    *,
    start: date,
    end: date,
    progress: Callable[[date, date, int], None] | None = None,
) -> int:
    """Recompute [start, end] month by month; return the rows written.

    Each month is its own database transaction, so a long backfill keeps no
    lock for long, shows its progress (`progress(first, last, rows)` after
    each month) and keeps the months done if it is interrupted.
    """
    if start > end:
        raise ValidationError(
            _("The start date %(start)s is after the end date %(end)s."),
            code="invalid_range",
            params={"start": start, "end": end},
        )
    written = 0
    for first, last in month_ranges(start=start, end=end):
        rows = metrics_roll_up(start=first, end=last)
        written += rows
        if progress is not None:
            progress(first, last, rows)
    return written
