"""Every POST form rendered through an `{% include … only %}` gets the token.

`only` drops the context, so `{% csrf_token %}` inside the partial renders
nothing and each click is a 403 the test client never sees (it skips CSRF
by default). This scan keeps every such include passing `csrf_token`.
"""

import re
from pathlib import Path

from django.conf import settings

INCLUDE_ONLY = re.compile(r'{%\s*include\s+"([^"]+)"(.*?)\bonly\s*%}', re.S)
POST_FORM = re.compile(r'<form[^>]*method="post"', re.I)


def _templates() -> dict[str, Path]:
    base = Path(settings.BASE_DIR)
    found = {}
    for path in base.glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        name = str(path).split("/templates/", 1)[1]
        found.setdefault(name, path)
    return found


def test_partials_with_a_post_form_included_with_only_get_the_csrf_token():
    templates = _templates()
    missing = []
    for name, path in templates.items():
        for partial, arguments in INCLUDE_ONLY.findall(path.read_text()):
            target = templates.get(partial)
            if target is None or not POST_FORM.search(target.read_text()):
                continue
            if "csrf_token=csrf_token" not in arguments:
                missing.append(f"{name} includes {partial}")

    assert not missing, "POST form partials included without csrf_token: " + (
        "; ".join(missing)
    )


def test_the_scan_finds_the_notification_partial():
    # Guards the scan itself: a broken glob would pass the test above vacuously.
    templates = _templates()

    assert POST_FORM.search(
        templates["accounts/partials/_notification_item.html"].read_text()
    )
