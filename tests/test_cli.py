"""The command line as CI and users meet it: real processes, exit codes, what is printed.

Each case runs ``python -m scaffold`` in a fresh interpreter (no shared state), on the
bundled example or a copy of it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "generated_example"
SPEC = EXAMPLE / "tech-specs" / "workspace-invites.md"


def scaffold(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin:/usr/local/go/bin"},
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "app"
    proc = scaffold("generate", str(SPEC), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "created" in proc.stdout
    return out


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (("--help",), 0, "generate"),
        (("generate", "--help"), 0, "--check"),
        (("drift", "--help"), 0, "--ts-name"),
        (("status", "--help"), 0, "verified"),
        (("bootstrap", "--help"), 0, "--branch"),
        (("check", "missing.md"), 2, "missing.md"),
        (("generate", "missing.md", "--out", "x"), 2, "missing.md"),
        (("generate", str(SPEC)), 2, "--out"),
        (("schema", "--view", "nope"), 2, "no blueprint 'nope'"),
        (("drift", "--go", "internal"), 2, "--ts"),
    ],
)
def test_usage_and_help(args: tuple[str, ...], code: int, needle: str) -> None:
    proc = scaffold(*args)
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert needle in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_generate_check_is_clean_right_after_generate(generated: Path) -> None:
    proc = scaffold("generate", str(SPEC), "--out", str(generated), "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 would be created, 0 would be updated" in proc.stdout
    assert "  unchanged " not in proc.stdout  # --check lists only what would change


def test_generate_check_lists_a_file_out_of_sync(generated: Path, tmp_path: Path) -> None:
    out = tmp_path / "app"
    shutil.copytree(generated, out)
    routes = next(out.glob("internal/handlers/*_routes.gen.go"))
    routes.write_text(routes.read_text() + "\n// edited by hand\n")
    before = routes.read_bytes()
    proc = scaffold("generate", str(SPEC), "--out", str(out), "--check")
    assert proc.returncode == 1
    assert routes.relative_to(out).as_posix() in proc.stdout
    assert "out of date" in proc.stderr
    assert routes.read_bytes() == before  # --check writes nothing


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "app"
    proc = scaffold("generate", str(SPEC), "--out", str(out), "--diff")
    assert proc.returncode == 0, proc.stderr
    assert "would be created" in proc.stdout
    assert "+++ b/internal/" in proc.stdout
    assert not out.exists()


def test_generate_json_lists_files_and_instructions(tmp_path: Path) -> None:
    proc = scaffold("generate", str(SPEC), "--out", str(tmp_path / "a"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["version"] == 1
    actions = {f["action"] for f in doc["files"]}
    assert actions == {"created"}
    assert any(i["kind"] == "add-line" for i in doc["instructions"])


def test_config_shows_values_and_origins() -> None:
    proc = scaffold("config", "--out", str(EXAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["values"]["go_module"] == {
        "value": "example.com/invites",
        "origin": "scaffold.toml:go_module",
    }
    assert doc["config_file"].endswith("scaffold.toml")


def test_schema_view_describes_what_the_blueprint_receives() -> None:
    proc = scaffold("schema", "--view", "go-api")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["x-view-version"] == 1
    assert "files" in doc["required"]
    handlers = doc["properties"]["files"]["properties"]["handlers"]
    assert handlers["type"] == "array"
    assert "path" in handlers["items"]["required"]


def test_drift_on_the_generated_example_is_clean() -> None:
    proc = scaffold(
        "drift",
        "--go",
        "generated_example/internal",
        "--ts",
        "generated_example/web/src",
        "--spec",
        str(SPEC.relative_to(ROOT)),
        "--no-cache",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_status_on_the_fresh_example_lists_every_task_as_todo(generated: Path) -> None:
    proc = scaffold("status", str(SPEC), "--repo", str(generated), "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(proc.stdout)
    states = {t["id"]: t["state"] for t in doc["tasks"]}
    assert len(states) == 14
    assert "todo" in states.values()


def test_install_runs_the_go_get_it_prints(tmp_path: Path) -> None:
    import os

    from toolchain import go_env, require_tool, run

    go = require_tool("go")
    out = tmp_path / "app"
    out.mkdir()
    (out / "go.mod").write_text("module example.com/mine\n\ngo 1.22\n")
    env = {**os.environ, **go_env(), "PATH": f"{Path(go).parent}:{os.environ.get('PATH', '')}"}
    env.pop("GOFLAGS")  # go get edits go.mod itself; -mod=mod would hide a missing require
    proc = subprocess.run(
        [sys.executable, "-m", "scaffold", "generate", str(SPEC), "--out", str(out), "--install"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "$ go get github.com/google/uuid@v1.6.0" in proc.stderr
    assert "github.com/google/uuid v1.6.0" in (out / "go.mod").read_text()
    run([go, "build", "./..."], cwd=out, env={"GOFLAGS": "-mod=readonly", "GOTOOLCHAIN": "local"})
