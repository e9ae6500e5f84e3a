"""A signed-in device described for people: "Chrome on Android", not its
raw user-agent string.

A few patterns cover the browsers and systems families use (no new
dependency); what they miss is described as far as it is known, down to
"Unknown browser". Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and
Android also says "Linux".
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

BROWSERS = [
    (re.compile(r"\bEdg(e|A|iOS)?/"), "Edge"),
    (re.compile(r"\b(OPR|Opera|OPX)/|Opera Mini"), "Opera"),
    (re.compile(r"\bSamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"\bUCBrowser/"), "UC Browser"),
    (re.compile(r"\b(Firefox|FxiOS)/"), "Firefox"),
    (re.compile(r"\b(HeadlessChrome|Chrome|CriOS|Chromium)/"), "Chrome"),
    (re.compile(r"\bVersion/[\d.]+.*\bSafari/"), "Safari"),
]
SYSTEMS = [
    (re.compile(r"\bAndroid\b"), "Android"),
    (re.compile(r"\b(iPhone|iPod)\b"), "iPhone"),
    (re.compile(r"\biPad\b"), "iPad"),
    (re.compile(r"\bCrOS\b"), "ChromeOS"),
    (re.compile(r"\bWindows\b"), "Windows"),
    (re.compile(r"\bMac OS X\b|\bMacintosh\b"), "macOS"),
    (re.compile(r"\bLinux\b"), "Linux"),
]
UNKNOWN_BROWSER = gettext_lazy("Unknown browser")


def device_describe(user_agent: str) -> str:
    """Return "<browser> on <system>" for a user-agent string, as far as known."""
    browser = next((name for rx, name in BROWSERS if rx.search(user_agent or "")), None)
    system = next((name for rx, name in SYSTEMS if rx.search(user_agent or "")), None)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser:
        return browser
    if system:
        return _("A browser on %(system)s") % {"system": system}
    return str(UNKNOWN_BROWSER)
