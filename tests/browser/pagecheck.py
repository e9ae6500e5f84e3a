"""Page checks shared by the browser tests and `scripts/screenshots.py`.

Plain Playwright (sync API), no Django, so the screenshot script can use them
against any running site:

- `axe_violations(page)`: axe-core's violations of the given impacts. axe-core
  4.12.1 comes inside the pinned `axe-playwright-python` package
  (requirements-dev.txt, MPL-2.0 for axe-core, MIT for the wrapper), so
  nothing is fetched from a CDN or npm at test time.
- `sign_in(page, site_url, email, password)`: through the real login form.
- `assert_fits(page)`: the page is no wider than its viewport (no sideways
  scroll on a phone), or the elements that stick out.
- `PageTraffic`: every response a browser context receives, with the bytes it
  would cost on a phone, every request that tried to leave the site, and the
  warnings and errors the browser logged to the console.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Error as PlaywrightError

SERIOUS_IMPACTS = ("serious", "critical")
# Required fields carry a "*" in their label; "Password (again)" must not match.
PASSWORD_LABEL = re.compile(r"^\s*Password[\s*]*$")
SIGN_IN = re.compile(r"^\s*(sign|log)\s*in\b", re.IGNORECASE)
# Media types a server or proxy compresses; images and fonts are compressed
# already and travel as they are (as WhiteNoise and nginx treat them).
COMPRESSIBLE = ("text/", "javascript", "json", "xml", "svg")
# Django's GZipMiddleware and nginx's usual setting; WhiteNoise's
# precompressed static files (level 9, or Brotli) come out a little smaller.
GZIP_LEVEL = 6


def sign_in(page, site_url: str, email: str, password: str) -> None:
    """Sign in through the login form and wait until it has let the user in."""
    page.goto(f"{site_url.rstrip('/')}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/accounts/login/" in r.url
    ) as posted:
        page.get_by_role("button", name=SIGN_IN).click()
    if posted.value.status // 100 != 3:  # the form came back with its errors
        page.wait_for_load_state()
        said = " ".join(page.locator("main").inner_text().split())[:300]
        raise AssertionError(f"Signing in as {email} failed: {said}")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def axe_violations(page, *, impacts=SERIOUS_IMPACTS) -> list[dict]:
    """Return axe-core's violations on the page whose impact is in `impacts`."""
    # Injected once per document: a second run (another width) reuses it.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in impacts]


def assert_accessible(page, *, impacts=SERIOUS_IMPACTS, label: str = "") -> None:
    """Fail with a readable list if axe-core finds violations of `impacts`."""
    violations = axe_violations(page, impacts=impacts)
    assert not violations, (
        f"{len(violations)} {'/'.join(impacts)} accessibility violation(s) on"
        f" {label or page.url}:\n{format_violations(violations)}"
    )


def format_violations(violations: list[dict], *, max_targets: int = 5) -> str:
    """Describe violations one per line: rule, impact, help, then the targets."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{len(violation['nodes'])} element(s)] {violation['helpUrl']}"
        )
        for node in violation["nodes"][:max_targets]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node['html'][:160]}")
        if len(violation["nodes"]) > max_targets:
            lines.append(f"    … and {len(violation['nodes']) - max_targets} more")
    return "\n".join(lines)


# The page's width and the outermost elements reaching past the viewport's
# right edge (an element inside one already listed is left out).
_OVERFLOW_SCRIPT = """() => {
  const edge = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (wide.some((outer) => outer.contains(el))) continue;
    if (el.getBoundingClientRect().right > edge + 0.5) wide.push(el);
  }
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map((c) => '.' + c).join('');
  return {
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 8).map((el) => [name(el),
      Math.round(el.getBoundingClientRect().right),
      (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60)]),
  };
}"""


def assert_fits(page, *, label: str = "") -> None:
    """Fail if the page scrolls sideways: wider than its viewport."""
    width = page.viewport_size["width"]
    found = page.evaluate(_OVERFLOW_SCRIPT)
    assert found["scrollWidth"] <= width, (
        f"{label or page.url} is {found['scrollWidth']} px wide at {width} px;"
        " sticking out:\n"
        + "\n".join(
            f"    {name} (to {right} px): {text}" for name, right, text in found["wide"]
        )
    )


@dataclass
class Resource:
    url: str
    resource_type: str
    status: int
    body_bytes: int  # decoded, as the page uses it
    transferred_bytes: int  # headers + body as sent compressed


@dataclass
class PageTraffic:
    """Record a context's traffic; requests to other hosts are refused.

    Attach it to a fresh context (an empty cache) before the first
    navigation, load the page, then call `collect()` once the network is idle.
    """

    context: object
    site_url: str
    responses: list = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    # "warning: …" / "error: …" as the console shows them (a header the
    # browser rejects, a script error, a refused inline style).
    console: list[str] = field(default_factory=list)
    page: object = None  # set by measure_first_load
    response: object = None  # the document's response, ditto

    def __post_init__(self):
        site = urlsplit(self.site_url)
        self._origin = (site.scheme, site.netloc)
        self.context.on("response", self._on_response)
        self.context.on("console", self._on_console)
        # A request elsewhere is refused at once (this network is closed
        # anyway) and noted, so a CDN link fails the check instead of hanging.
        self.context.route(self._is_foreign, self._refuse)

    def _on_response(self, response):
        self.responses.append(response)

    def _on_console(self, message):
        if message.type in ("warning", "error"):
            self.console.append(f"{message.type}: {message.text}")

    def _is_foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", "ws", "wss"):
            return False  # data:, blob:, about: never leave the browser
        return (parts.scheme, parts.netloc) != self._origin

    def _refuse(self, route):
        self.foreign_requests.append(route.request.url)
        route.abort("blockedbyclient")

    def collect(self) -> list[Resource]:
        """Measure the responses received so far (call once the page is idle)."""
        for response in self.responses[len(self.resources) :]:
            self.resources.append(_measure(response))
        return self.resources

    @property
    def transferred_bytes(self) -> int:
        return sum(r.transferred_bytes for r in self.resources)

    def largest(self, n: int = 8) -> str:
        """Describe the `n` heaviest resources, one per line."""
        heaviest = sorted(self.resources, key=lambda r: -r.transferred_bytes)[:n]
        return "\n".join(
            f"    {r.transferred_bytes / 1024:7.1f} KB  ({r.body_bytes / 1024:.1f} KB"
            f" raw)  {r.resource_type:<10} {r.status} {r.url}"
            for r in heaviest
        )


def measure_first_load(
    browser, url: str, *, storage_state=None, width: int = 360, **context_args
) -> PageTraffic:
    """Load `url` in a new context (empty cache) and return its traffic.

    The context stays open (`traffic.page`) for further checks; close it
    with `traffic.context.close()`.
    """
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        storage_state=storage_state,
        **context_args,
    )
    traffic = PageTraffic(context, url)
    traffic.page = context.new_page()
    traffic.response = traffic.page.goto(url, wait_until="load")
    traffic.page.wait_for_load_state("networkidle")
    traffic.collect()
    return traffic


def _measure(response) -> Resource:
    sizes = response.request.sizes()
    headers = response.headers
    try:
        body = response.body()
    except PlaywrightError:  # a redirect or an aborted load has no body
        body = b""
    if headers.get("content-encoding"):
        sent = sizes["responseBodySize"]  # the server compressed it already
    elif any(kind in headers.get("content-type", "") for kind in COMPRESSIBLE):
        sent = min(len(body), len(gzip.compress(body, compresslevel=GZIP_LEVEL)))
    else:
        sent = len(body)
    return Resource(
        url=response.url,
        resource_type=response.request.resource_type,
        status=response.status,
        body_bytes=len(body),
        transferred_bytes=sizes["responseHeadersSize"] + sent,
    )
