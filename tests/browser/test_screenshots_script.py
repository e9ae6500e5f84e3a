"""scripts/screenshots.py's capture() against the live server."""

import pytest
from PIL import Image

from scripts.screenshots import capture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_screenshots_sign_in_through_the_form_and_are_small_pngs_at_both_widths(
    live_server, browser, tmp_path, capsys
):
    from demo.accounts import seed_demo_accounts

    seed_demo_accounts()

    # The dashboard needs the demo student signed in: a failed login would
    # land on the login page and count as a failure.
    failed = capture(
        browser,
        live_server.url,
        out=tmp_path,
        pages=["student-dashboard"],
        course="unused",
    )

    report = capsys.readouterr().out
    assert failed == 0, report
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "student-dashboard-1280.png",
        "student-dashboard-360.png",
    ]
    for width in (360, 1280):
        with Image.open(tmp_path / f"student-dashboard-{width}.png") as png:
            assert (png.width, png.mode) == (width, "P")  # palette-reduced
        assert f"student-dashboard {width}px" in report
    assert report.count("HTTP 200") == 2
    assert report.count("axe: 0 serious/critical") == 2
    assert "redirected" not in report
