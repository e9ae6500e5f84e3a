"""Every table sits in its own sideways-scrolling frame that keyboards reach.

A table wider than a phone scrolls inside the design system's data-table
frame (`.table-scroll`) instead of widening the page; the frame is a labelled
region with tabindex="0", so someone without a mouse or touch screen can
focus it and scroll it with the arrow keys (axe's scrollable-region-focusable).
"""

import re

from urbanhome.tests.test_template_csrf import _templates

TABLE = re.compile(r"<table\b")
# The element opened just before the table, nothing but blanks between.
FRAME = re.compile(r"<div\b([^>]*)>\s*$")
SCROLLING = re.compile(r'class="[^"]*\b(table-scroll|ledger-wrap|table-responsive)\b')


def _unframed(text: str) -> list[str]:
    problems = []
    for table in TABLE.finditer(text):
        frame = FRAME.search(text[: table.start()])
        attrs = frame.group(1) if frame else ""
        line = text.count("\n", 0, table.start()) + 1
        if not SCROLLING.search(attrs):
            problems.append(f"line {line}: not in a scrolling frame")
        elif not (
            'tabindex="0"' in attrs
            and 'role="region"' in attrs
            and re.search(r"\baria-label(ledby)?=", attrs)
        ):
            problems.append(f"line {line}: frame not a focusable, labelled region")
    return problems


def test_every_table_scrolls_in_a_focusable_labelled_region():
    problems = [
        f"{name} {problem}"
        for name, path in _templates().items()
        for problem in _unframed(path.read_text())
    ]

    assert not problems, "; ".join(problems)


def test_the_scan_tells_a_bare_frame_from_a_focusable_region():
    # Guards the scan itself, so the test above cannot pass vacuously.
    assert _unframed("<table></table>") == ["line 1: not in a scrolling frame"]
    assert _unframed('<div class="table-responsive">\n  <table>') == [
        "line 2: frame not a focusable, labelled region"
    ]
    assert not _unframed(
        '<div class="table-scroll" tabindex="0" role="region" aria-label="x"><table>'
    )
