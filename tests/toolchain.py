"""Pytest helpers for tests that run real toolchains (Go, goose, PostgreSQL).

``require_tool(name)`` skips with a clear reason when a tool is missing locally, and
fails under ``CI=true`` (CI must have run ``scripts/setup-toolchain.sh``). The
``postgres`` fixture starts one throwaway PostgreSQL 15 cluster per test session on a
Unix socket in a temp dir (no TCP), and gives each test its own database.

Use from a test module::

    from toolchain import postgres, require_tool  # noqa: F401 (fixture)
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("SCAFFOLD_PG_BIN", "/usr/lib/postgresql/15/bin"))
TOOLS_BIN = ROOT / ".tools" / "bin"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def find_tool(name: str) -> str | None:
    """A tool from .tools/bin, the PostgreSQL bin dir, or PATH."""
    for d in (TOOLS_BIN, PG_BIN):
        p = d / name
        if p.is_file() and os.access(p, os.X_OK):
            return str(p)
    return shutil.which(name)


def require_tool(name: str) -> str:
    """The tool's path; skip (locally) or fail (CI=true) when it is missing."""
    path = find_tool(name)
    if path is None:
        msg = (
            f"{name} not found (looked in .tools/bin, {PG_BIN}, PATH); "
            "run `bash scripts/setup-toolchain.sh`"
        )
        if in_ci():
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None, timeout: int = 600):
    """Run a command; on failure, fail the test with its output."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        pytest.fail(
            f"`{' '.join(cmd)}` exited {proc.returncode} in {cwd}\n"
            f"--- stdout\n{proc.stdout[-6000:]}\n--- stderr\n{proc.stderr[-6000:]}"
        )
    return proc


def go_env(home: Path | None = None) -> dict[str, str]:
    """Environment for `go` in generated projects: module mode, the shared module cache."""
    return {"GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "local"}


def go_checks(root: Path, env: dict[str, str]) -> None:
    """What a Go developer runs on a generated project: gofmt lists nothing, then build,
    vet and test pass."""
    go, gofmt = require_tool("go"), require_tool("gofmt")
    unformatted = run([gofmt, "-l", "."], cwd=root).stdout.strip()
    assert unformatted == "", f"gofmt -l lists:\n{unformatted}"
    for step in ("build", "vet", "test"):
        run([go, step, "./..."], cwd=root, env=env)


def git_identity(name: str, email: str) -> dict[str, str]:
    """The environment that makes git commit as ``name <email>``."""
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def use_git_identity(monkeypatch: pytest.MonkeyPatch, identity: dict[str, str]) -> None:
    """Commit as ``identity`` in this test (git must be there), with no injected write
    fault left over."""
    require_tool("git")
    for key, value in identity.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("SCAFFOLD_TEST_FAULT_AFTER", raising=False)


# --------------------------------------------------------------------------- PostgreSQL


@dataclass
class Postgres:
    """A running throwaway cluster: connect through its Unix socket directory."""

    socket_dir: Path
    port: int
    user: str = "postgres"
    _counter: itertools.count = itertools.count(1)

    def dsn(self, db: str = "postgres") -> str:
        return (
            f"host={self.socket_dir} port={self.port} user={self.user} dbname={db} sslmode=disable"
        )

    def env(self) -> dict[str, str]:
        return {"PGHOST": str(self.socket_dir), "PGPORT": str(self.port), "PGUSER": self.user}

    def psql(self, db: str, sql: str | None = None, file: Path | None = None) -> str:
        cmd = [str(PG_BIN / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db]
        if file is not None:
            cmd += ["-f", str(file)]
        else:
            cmd += ["-c", sql or ""]
        return run(cmd, env=self.env()).stdout

    def create_db(self, prefix: str = "t") -> str:
        name = f"{prefix}_{os.getpid()}_{next(self._counter)}"
        self.psql("postgres", f'CREATE DATABASE "{name}"')
        return name

    def schema(self, db: str, exclude: tuple[str, ...] = ("goose_db_version*",)) -> str:
        """``pg_dump -s`` of db, without the version-specific ``\\restrict`` lines, the dump
        header comments and the ``exclude`` tables (goose's own), for comparisons."""
        cmd = [str(PG_BIN / "pg_dump"), "-s", "--no-owner", "-d", db]
        for pattern in exclude:
            cmd += ["-T", pattern]
        out = run(cmd, env=self.env()).stdout
        lines = [
            ln
            for ln in out.splitlines()
            if not ln.startswith(("\\restrict", "\\unrestrict", "-- Dumped "))
        ]
        return "\n".join(lines)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def postgres() -> Postgres:
    """One PostgreSQL 15 cluster for the session, stopped at exit."""
    for tool in ("initdb", "pg_ctl", "psql", "pg_dump"):
        if not (PG_BIN / tool).exists():
            msg = f"PostgreSQL 15 {tool} missing at {PG_BIN}; run `bash scripts/setup-toolchain.sh`"
            if in_ci():
                pytest.fail(msg)
            pytest.skip(msg)
    base = Path(tempfile.mkdtemp(prefix="scaffold-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
        base.chmod(0o755)
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    subprocess.run(
        _as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
        env=env,
    )
    opts = f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off"
    proc = subprocess.run(
        _as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(base / "log"),
                "-w",
                "start",
            ]
        ),
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode != 0:
        log = (base / "log").read_text() if (base / "log").exists() else ""
        pytest.fail(f"pg_ctl start failed: {proc.stderr}\n{log}")
    try:
        yield Postgres(socket_dir=sock, port=port)
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            env=env,
        )
        shutil.rmtree(base, ignore_errors=True)


def goose(postgres: Postgres, db: str, migrations: Path, *args: str) -> str:
    """Run goose against db; returns stdout + stderr (goose logs to stderr)."""
    exe = require_tool("goose")
    proc = run(
        [exe, "-dir", str(migrations), "postgres", postgres.dsn(db), *args],
        env={"GOOSE_NO_COLOR": "1"},
    )
    return proc.stdout + proc.stderr


def goose_pending(status_output: str) -> list[str]:
    """Migrations ``goose status`` lists as pending (its exit code says nothing about it)."""
    return [m.group(1) for m in re.finditer(r"Pending\s+--\s+(\S+)", status_output)]
