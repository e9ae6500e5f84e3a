"""Dependencies point one way: the import-linter contracts in pyproject.toml.

`make lint` runs `lint-imports` on the tree; these tests show the contracts
hold today and that they catch an import against the direction, on a
throwaway copy of the code with one forbidden import added.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_of_the_code(target: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    for package in _packages():
        shutil.copytree(
            ROOT / package,
            target / package,
            ignore=shutil.ignore_patterns(
                "*.pyc", "__pycache__", "templates", "static"
            ),
        )
    return target


def test_the_code_keeps_every_import_contract():
    result = _lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# (module, import added to it, what lint-imports reports)
AGAINST_THE_DIRECTION = [
    # Course completion asks learning.completion; it never imports assessments.
    (
        "learning/services/progress.py",
        "from assessments import selectors",
        "learning is not allowed to import assessments",
    ),
    (
        "accounts/selectors.py",
        "from learning import selectors",
        "accounts is not allowed to import learning",
    ),
    (
        "urbanhome/core/money.py",
        "import accounts.models",
        "urbanhome is not allowed to import accounts",
    ),
    (
        "payments/services/settlement.py",
        "import store.models",
        "payments is not allowed to import store",
    ),
    (
        "learning/views.py",
        "import analytics",
        "learning is not allowed to import analytics",
    ),
    (
        "store/services.py",
        "import forum.models",
        "store is not allowed to import forum",
    ),
    (
        "forum/services.py",
        "import payments.models",
        "forum is not allowed to import payments",
    ),
]


def test_an_import_against_the_direction_breaks_the_contract(tmp_path):
    copy = _copy_of_the_code(tmp_path)
    for module, forbidden_import, _message in AGAINST_THE_DIRECTION:
        path = copy / module
        path.write_text(path.read_text() + f"\n{forbidden_import}  # noqa\n")

    result = _lint_imports(copy)

    assert result.returncode == 1
    for _module, _import, message in AGAINST_THE_DIRECTION:
        assert message in result.stdout, result.stdout


def test_an_import_in_a_test_module_is_allowed(tmp_path):
    copy = _copy_of_the_code(tmp_path)
    path = copy / "accounts/tests/test_models.py"
    path.write_text(path.read_text() + "\nimport learning.models  # noqa\n")

    assert _lint_imports(copy).returncode == 0


def test_the_demo_app_is_the_top_layer_and_needs_no_ignore():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = next(
        c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers"
    )

    assert contract["layers"][0] == "demo"
    assert not [rule for rule in contract["ignore_imports"] if "demo" in rule]
