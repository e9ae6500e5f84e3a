import datetime
from decimal import Decimal

from analytics.charts import revenue_chart

from .factories import RevenueMetricsFactory

ZERO = Decimal("0.00")


def test_no_rows_draw_no_chart():
    assert revenue_chart(rows=[]) is None


def test_a_single_day_of_zeros_is_drawn_on_the_axis_in_the_middle():
    row = RevenueMetricsFactory.build(
        metric_date=datetime.date(2026, 3, 4),
        course_revenue=ZERO,
        store_revenue=ZERO,
        subscription_revenue=ZERO,
        refund_amount=ZERO,
        gateway_fees=ZERO,
    )

    chart = revenue_chart(rows=[row])

    total = chart.series[0].points[0]
    assert (total.x, total.y) == ((chart.left + chart.right) / 2, chart.bottom)
    assert total.title == "4 Mar 2026, Total: KES 0"
    assert chart.rows == [["4 Mar 2026", "KES 0", "KES 0"]]


def test_the_axis_tops_out_at_a_round_figure_above_the_highest_value():
    rows = RevenueMetricsFactory.build_batch(3, total_revenue=Decimal("8600.00"))

    chart = revenue_chart(rows=rows)

    assert [tick.label for tick in chart.y_ticks] == [
        "KES 0",
        "KES 2,500",
        "KES 5,000",
        "KES 7,500",
        "KES 10,000",
    ]
