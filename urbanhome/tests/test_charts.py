"""The horizontal bar chart's geometry (templates/components/_bar_chart.html)."""

from urbanhome.core.charts import HBAR_WIDTH, horizontal_bars


def test_the_largest_count_is_full_width_and_a_zero_a_hairline():
    chart = horizontal_bars(rows=[("0–9%", 0), ("10–19%", 4), ("20–29%", 2)])

    widths = [bar["width"] for bar in chart["bars"]]
    assert widths == [2, HBAR_WIDTH, HBAR_WIDTH // 2]
    assert [bar["y"] for bar in chart["bars"]] == [0, 24, 48]
    assert chart["height"] == 72


def test_the_chart_is_spoken_for_screen_readers():
    chart = horizontal_bars(rows=[("EE", 3), ("BE", 1)])

    assert chart["spoken"] == "EE: 3; BE: 1"


def test_an_empty_chart_has_no_bars_and_a_height():
    chart = horizontal_bars(rows=[])

    assert chart["bars"] == [] and chart["height"] > 0
