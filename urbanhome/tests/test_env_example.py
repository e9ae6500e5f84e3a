"""Every variable the settings read has a line in `.env.example` and the README.

The names come from the settings modules' own `env(...)` / `env.bool(...)`
calls (parsed, not imported), so a new variable without its documentation
fails here.
"""

import ast
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_DIR = BASE_DIR / "urbanhome" / "settings"
# django-environ readers that take a variable name first.
READERS = {
    None,  # env("NAME")
    "str",
    "bool",
    "int",
    "float",
    "list",
    "tuple",
    "dict",
    "json",
    "url",
    "path",
    "db",
    "db_url",
    "cache",
    "cache_url",
    "email",
    "email_url",
    "search_url",
}


def env_variables(source: str) -> set[str]:
    """Return the names `source` reads through an `env` object of django-environ."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, reader = node.func, None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            func, reader = func.value, func.attr
        if not (isinstance(func, ast.Name) and func.id == "env" and reader in READERS):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
    return names


def settings_variables() -> set[str]:
    return set().union(
        *(env_variables(path.read_text()) for path in SETTINGS_DIR.glob("*.py"))
    )


def example_variables() -> set[str]:
    text = (BASE_DIR / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def readme_variables() -> set[str]:
    """The backticked names in the first column of the README's variable table."""
    text = (BASE_DIR / "README.md").read_text()
    table = text.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in re.findall(r"^\| ([^|]+) \|", table, flags=re.MULTILINE):
        names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", row))
    return names


def test_the_parser_finds_every_kind_of_env_call():
    source = (
        'A = env("PLAIN")\n'
        'B = env.bool("FLAG", default=False)\n'
        'C = env.db("DB_URL")\n'
        'D = env.list("HOSTS", default=[])\n'
        'E = os.environ.get("NOT_SETTINGS")\n'
        "environ.Env.read_env(BASE_DIR / '.env')\n"
    )

    assert env_variables(source) == {"PLAIN", "FLAG", "DB_URL", "HOSTS"}


def test_a_new_setting_without_an_example_line_is_caught():
    source = 'NEW = env("A_BRAND_NEW_VARIABLE", default="x")\n'

    assert env_variables(source) - example_variables() == {"A_BRAND_NEW_VARIABLE"}


def test_the_settings_read_the_variables_we_know_of():
    found = settings_variables()

    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "FIELD_ENCRYPTION_KEYS"} <= found


def test_every_variable_the_settings_read_is_in_env_example():
    missing = settings_variables() - example_variables()

    assert not missing, f"Add these to .env.example: {sorted(missing)}"


def test_env_example_lists_nothing_the_settings_do_not_read():
    unread = example_variables() - settings_variables()

    assert not unread, f"Not read by any settings module: {sorted(unread)}"


def test_the_readme_table_lists_exactly_the_variables_the_settings_read():
    assert readme_variables() == settings_variables()
