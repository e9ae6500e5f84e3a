"""scripts/screenshots.py refuses a page it does not know before doing anything."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "screenshots.py"


def test_screenshot_script_refuses_an_unknown_page_name(tmp_path):
    run = subprocess.run(
        [sys.executable, SCRIPT, "--url", "http://127.0.0.1:9", "--pages", "home,nope"]
        + ["--out", tmp_path / "shots"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 2
    assert "unknown page(s): nope" in run.stderr
    assert not (tmp_path / "shots").exists()
