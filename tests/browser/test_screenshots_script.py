"""scripts/screenshots.py against the live server, as a person runs it."""

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


def test_script_signs_in_through_the_form_and_writes_small_pngs_at_both_widths(
    live_server, tmp_path
):
    from urbanhome.core.management.commands.seed_demo import seed_demo_accounts

    seed_demo_accounts()

    run = subprocess.run(
        [sys.executable, SCRIPT, "--url", live_server.url, "--out", tmp_path]
        + ["--pages", "home,student-dashboard"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    for name in ("home", "student-dashboard"):
        for width in (360, 1280):
            assert f"{name} {width}px" in run.stdout
            with Image.open(tmp_path / f"{name}-{width}.png") as png:
                assert png.width == width
                assert png.mode == "P"  # palette-reduced
    assert run.stdout.count("HTTP 200") == 4
    assert run.stdout.count("axe: 0 serious/critical") == 4
    # Signed out, the dashboard would have been a redirect to the login page.
    assert "redirected" not in run.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "home-1280.png",
        "home-360.png",
        "student-dashboard-1280.png",
        "student-dashboard-360.png",
    ]
