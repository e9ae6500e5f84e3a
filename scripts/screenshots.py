"""Screenshots of the main pages at 360 px and 1280 px, with weight and axe.

    .venv/bin/python scripts/screenshots.py   # starts the site itself
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000

Drives the demo site in headless Chromium (Debian's /usr/bin/chromium), signs
in through the real login form as the demo student and parent, and writes a
full-page PNG per page and width to docs/screenshots/ (<page>-<width>.png,
palette-reduced so each stays small). For every page and width it prints what
the first load with an empty cache transfers (compressed, as production
serves it), the requests that tried to reach another host, and axe-core's
serious or critical violations; it exits with 1 if a page fails one of those
checks (the browser tests in tests/browser/test_page_quality.py hold them
too). Without --url it starts the site itself (`python -m urbanhome.devstack`,
which migrates and seeds the demo data on the first run) on --port and stops
it at the end.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from demo.logins import DEMO_LOGINS, DEMO_PASSWORD  # noqa: E402
from tests.browser.pagecheck import (  # noqa: E402
    axe_violations,
    format_violations,
    measure_first_load,
    sign_in,
)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The demo student's course with lessons done and lessons to go (demo/content.py).
DEFAULT_COURSE = "grade-7-mathematics-numbers-algebra-and-geometry"
BUDGET_BYTES = 300 * 1024
SITE_LOG = BASE_DIR / ".data" / "screenshots-site.log"
WIDTHS = (360, 1280)
# (name, who is signed in, path); the lesson's path is found on the course page.
PAGES = [
    ("home", None, "/"),
    ("catalogue", None, "/courses/"),
    ("course", None, "/courses/{course}/"),
    ("lesson", "student", None),
    ("student-dashboard", "student", "/dashboard/"),
    ("parent-dashboard", "parent", "/dashboard/"),
    ("wallet", "parent", "/payments/wallet/"),
    ("payment-methods", "parent", "/payments/methods/"),
    ("subscriptions", "parent", "/payments/subscriptions/"),
]
CONTINUE = re.compile(r"^\s*(continue|start|resume)", re.IGNORECASE)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    site = None
    url = args.url
    if url is None:
        url = f"http://127.0.0.1:{args.port}"
        site = _start_site(args.port)
    try:
        _wait_until_up(url, timeout=args.start_timeout)
        return _run(args, url.rstrip("/"))
    finally:
        if site is not None:
            _stop_site(site)


def _parse_args(argv):
    names = [name for name, _, _ in PAGES]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running site (default: start one)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port for the site it starts"
    )
    parser.add_argument("--out", type=Path, default=BASE_DIR / "docs" / "screenshots")
    parser.add_argument("--course", default=DEFAULT_COURSE, help="course slug")
    parser.add_argument(
        "--pages",
        default=",".join(names),
        help="comma-separated subset of: %(default)s",
    )
    parser.add_argument("--start-timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    unknown = set(args.pages.split(",")) - set(names)
    if unknown:
        parser.error(f"unknown page(s): {', '.join(sorted(unknown))}")
    return args


def _run(args, url: str) -> int:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            problems = capture(
                browser,
                url,
                out=args.out,
                pages=args.pages.split(","),
                course=args.course,
            )
        finally:
            browser.close()
    return 1 if problems else 0


def capture(browser, url: str, *, out: Path, pages: list[str], course: str) -> int:
    """Screenshot and check `pages` at every width; return how many failed."""
    out.mkdir(parents=True, exist_ok=True)
    logins = dict(DEMO_LOGINS)
    problems = 0
    states = {}  # one sign-in per role, reused by every page and width
    for name, role, path in PAGES:
        if name not in pages:
            continue
        if role and role not in states:
            states[role] = _sign_in(browser, url, logins[role])
        if name == "lesson":
            path = _lesson_path(browser, url, course, states[role])
        for width in WIDTHS:
            problems += _shoot(
                browser,
                url + path.format(course=course),
                out / f"{name}-{width}.png",
                label=f"{name} {width}px",
                width=width,
                state=states.get(role),
            )
    return problems


def _sign_in(browser, url: str, email: str) -> dict:
    """Sign in through the login form; return the session as storage state."""
    context = browser.new_context()
    sign_in(context.new_page(), url, email, DEMO_PASSWORD)
    state = context.storage_state()
    context.close()
    return state


def _lesson_path(browser, url: str, course: str, state: dict) -> str:
    """Return the lesson the student's course page leads to.

    The course page's "Continue"/"Start"/"Resume" action if it points at a
    lesson, else its first lesson link.
    """
    context = browser.new_context(storage_state=state)
    page = context.new_page()
    page.goto(f"{url}/courses/{course}/")
    lessons = page.locator(f'a[href*="/courses/{course}/lessons/"]')
    action = lessons.filter(has_text=CONTINUE)
    href = (action if action.count() else lessons).first.get_attribute("href")
    context.close()
    return href


def _shoot(browser, page_url, png: Path, *, label, width, state) -> int:
    """Screenshot one page at one width, print its weight and axe result."""
    traffic = measure_first_load(
        browser,
        page_url,
        storage_state=state,
        width=width,
        device_scale_factor=1,
        reduced_motion="reduce",
    )
    try:
        violations = axe_violations(traffic.page)
        shot = traffic.page.screenshot(full_page=True, animations="disabled")
        landed = traffic.page.url
    finally:
        traffic.context.close()
    size = _save_small_png(shot, png)

    status = traffic.response.status
    redirected = landed != page_url
    over = traffic.transferred_bytes > BUDGET_BYTES
    shown = png.relative_to(BASE_DIR) if png.is_relative_to(BASE_DIR) else png
    print(
        f"{label:<24} HTTP {status}  {traffic.transferred_bytes / 1024:6.1f} KB in"
        f" {len(traffic.resources)} requests{' (OVER 300 KB)' if over else ''}"
        f"  axe: {len(violations)} serious/critical  -> {shown} ({size / 1024:.0f} KB)"
    )
    if redirected:
        print(f"    redirected to {landed}")
    if over:
        print(traffic.largest())
    for foreign in traffic.foreign_requests:
        print(f"    request to another host (refused): {foreign}")
    if violations:
        print(format_violations(violations))
    failed = status >= 400 or redirected or over or traffic.foreign_requests
    return 1 if failed or violations else 0


def _save_small_png(data: bytes, png: Path) -> int:
    """Write the screenshot with a 256-colour palette; return its size."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    small = image.quantize(
        colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    small.save(png, optimize=True)
    return png.stat().st_size


def _start_site(port: int) -> subprocess.Popen:
    SITE_LOG.parent.mkdir(exist_ok=True)
    print(
        f"Starting the site on port {port} (python -m urbanhome.devstack,"
        f" output in {SITE_LOG.relative_to(BASE_DIR)})…"
    )
    with SITE_LOG.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "urbanhome.devstack"],
            cwd=BASE_DIR,
            env={**os.environ, "HOST": "127.0.0.1", "PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C here stops it once, through finally
        )


def _stop_site(site: subprocess.Popen) -> None:
    site.send_signal(signal.SIGTERM)  # devstack stops its server, worker, beat
    try:
        site.wait(timeout=30)
    except subprocess.TimeoutExpired:
        site.kill()


def _wait_until_up(url: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url.rstrip('/')}/healthz/", timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"The site at {url} did not answer in {timeout:.0f} s"
                ) from None
            time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
