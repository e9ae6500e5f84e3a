"""Stopping the embedded PostgreSQL: `make stop-services`, and after `make test`.

Each test starts its own throwaway server in a temporary data directory
(`UHS_DATA_DIR`), never the one the tests themselves run on. Run as root
(as on CI), this is also the "pg_ctl cannot be run as root" case.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
START = "from urbanhome.embedded import postgres_url; postgres_url('probe')"
HOLD = START + "; import sys; sys.stdin.read()"

pytestmark = pytest.mark.xdist_group("embedded_postgres")


@pytest.fixture
def data_dir():
    # Directly under /tmp: as root, pgserver opens the path to its own user.
    path = Path(tempfile.mkdtemp(prefix="uhs-pg-"))
    yield path
    subprocess.run(
        [sys.executable, "-m", "urbanhome.embedded", "stop"],
        cwd=BASE_DIR,
        env=_env(path),
        capture_output=True,
        timeout=120,
    )
    shutil.rmtree(path, ignore_errors=True)


def _env(data_dir: Path) -> dict:
    return {**os.environ, "UHS_DATA_DIR": str(data_dir)}


def _python(code: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=180,
    )


def _stop(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "urbanhome.embedded", "stop", *args],
        cwd=BASE_DIR,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _postmaster_pid(data_dir: Path) -> int | None:
    pidfile = data_dir / "pg" / "postmaster.pid"
    return int(pidfile.read_text().split()[0]) if pidfile.exists() else None


def _handles(data_dir: Path) -> list[int]:
    try:
        return json.loads((data_dir / "pg" / ".handle_pids.json").read_text())
    except (FileNotFoundError, ValueError):
        return []


def _running(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_stop_ends_the_embedded_postgresql_left_running(data_dir):
    started = _python(START, data_dir)
    assert started.returncode == 0, started.stderr
    pid = _postmaster_pid(data_dir)
    assert pid and _running(pid)  # pgserver leaves it running for the next command

    result = _stop(data_dir)

    assert result.returncode == 0, result.stderr
    assert "Stopped the embedded PostgreSQL" in result.stdout
    assert _postmaster_pid(data_dir) is None
    assert not _running(pid)


def test_stop_if_unused_leaves_a_server_a_live_process_holds(data_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD],
        cwd=BASE_DIR,
        env=_env(data_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while holder.pid not in _handles(data_dir) and time.monotonic() < deadline:
            time.sleep(0.5)  # registered once the server is up

        held = _stop(data_dir, "--if-unused")

        assert held.returncode == 0, held.stderr
        assert f"in use by PID {holder.pid}" in held.stdout
        assert _running(_postmaster_pid(data_dir))
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)

    freed = _stop(data_dir, "--if-unused")

    assert "Stopped the embedded PostgreSQL" in freed.stdout
    assert _postmaster_pid(data_dir) is None


def test_stop_with_nothing_running_says_so(data_dir):
    result = _stop(data_dir)

    assert result.returncode == 0
    assert "No embedded PostgreSQL running" in result.stdout
