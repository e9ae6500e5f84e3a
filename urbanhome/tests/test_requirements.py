"""Every package the running site imports is pinned in requirements.txt.

The production image installs only requirements.txt, and development has
every package installed, so a missing production pin shows nowhere else until
a deploy fails (payments' httpx was once dropped this way).
"""

import ast
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "urbanhome",
    "accounts",
    "learning",
    "assessments",
    "payments",
    "forum",
    "store",
    "analytics",
]
# Development-only places inside the apps: tests, and what only local and
# test settings load.
DEV_PARTS = {"tests", "migrations"}
DEV_FILES = {
    "embedded.py",
    "embedded_fallback.py",
    "local.py",
    "test.py",
    "devstack.py",
}


def _pinned(name: str) -> set[str]:
    lines = (ROOT / name).read_text().splitlines()
    return {
        line.split("==")[0].strip().lower().replace("_", "-")
        for line in lines
        if "==" in line and not line.startswith("#")
    }


def _production_imports() -> set[str]:
    found = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if DEV_PARTS & set(path.parts) or path.name in DEV_FILES:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    found |= {alias.name.split(".")[0] for alias in node.names}
                elif (
                    isinstance(node, ast.ImportFrom) and node.module and not node.level
                ):
                    found.add(node.module.split(".")[0])
    local = set(APPS) | {"demo", "bench", "tests", "scripts"}
    return {name for name in found - local if name not in sys.stdlib_module_names}


def test_every_production_import_is_pinned_in_requirements_txt():
    distributions = packages_distributions()
    pinned = _pinned("requirements.txt")

    missing = {
        module: distributions.get(module, ["?"])
        for module in _production_imports()
        if not {
            dist.lower().replace("_", "-") for dist in distributions.get(module, [])
        }
        & pinned
    }

    assert not missing, f"imported by the site but not in requirements.txt: {missing}"
