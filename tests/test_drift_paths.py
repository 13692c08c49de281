"""Paths given to ``scaffold drift``: read even where a ``.gitignore`` above hides them (§11)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from scaffold.drift import DriftOptions, drift_command
from scaffold.drift.walk import walk

GO = 'package api\n\ntype User struct {\n\tID string `json:"id"`\n}\n'
TS = "export interface User {\n  id: string;\n}\n"


def _tree(root: Path, gitignore: str) -> None:
    (root / ".git").mkdir()
    (root / ".gitignore").write_text(gitignore)
    for rel, text in {
        "gen/api/types.go": GO,
        "gen/api/scratch.tmp.go": GO.replace("User", "Scratch"),
        "gen/api/sub/more.go": GO.replace("User", "More"),
        "web/user.ts": TS,
    }.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.mark.parametrize(
    ("gitignore", "given", "expected"),
    [
        # The path itself is ignored: read anyway, other rules of the same file still apply.
        ("gen/\n*.tmp.go\n", "gen/api", ["gen/api/sub/more.go", "gen/api/types.go"]),
        # A parent of the path is ignored.
        (
            "/gen\n",
            "gen/api",
            ["gen/api/scratch.tmp.go", "gen/api/sub/more.go", "gen/api/types.go"],
        ),
        # Below the given path, ignore rules apply as usual.
        ("sub/\n", "gen", ["gen/api/scratch.tmp.go", "gen/api/types.go"]),
        # Walking from above the ignored dir: it stays ignored.
        ("gen/\n", ".", []),
    ],
)
def test_explicit_paths_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gitignore: str, given: str, expected: list
) -> None:
    _tree(tmp_path, gitignore)
    monkeypatch.chdir(tmp_path)
    got = [p.as_posix().removeprefix("./") for p in walk([given], "go").files]
    assert got == expected


def test_ignored_explicit_path_is_compared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, "gen/\n")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    opts = DriftOptions(go=["gen/api"], ts=["web"], cache_dir=tmp_path / "cache")
    code = drift_command(opts, out, io.StringIO())
    assert code == 0
    assert out.getvalue().endswith("1 pair(s) compared: 0 error(s), 0 warning(s)\n")


@pytest.mark.parametrize(
    ("go", "message"),
    [
        ("empty", "--go empty: no Go file found"),
        ("funcs", "--go funcs: 1 Go file(s) read, none declares a type"),
    ],
)
def test_path_without_types_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, go: str, message: str
) -> None:
    _tree(tmp_path, "")
    (tmp_path / "empty").mkdir()
    (tmp_path / "funcs").mkdir()
    (tmp_path / "funcs" / "main.go").write_text("package main\n\nfunc main() {}\n")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    opts = DriftOptions(go=["gen", go], ts=["web"], cache_dir=tmp_path / "cache")
    code = drift_command(opts, out, io.StringIO())
    assert code == 1
    line = next(ln for ln in out.getvalue().splitlines() if "DRIFT016" in ln)
    assert line.startswith(f"{go}: error DRIFT016 {message}")
