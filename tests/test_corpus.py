"""The corpus (``../shared/specs/``): every spec read as its key says, checked clean,
converted and generated, through the CLI as a user runs it (DESIGN §16, §17).

``tests/corpus.py`` compares a reading with its key; each facet is its own test so a
failure names what was misread. The toolchain run of each generated project lives in
``test_corpus_toolchain.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import CORPUS, FACETS, Case, cases, corpus_cases, read_case, write_repo

CASES = cases()

if not corpus_cases():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"the spec corpus is missing: {CORPUS} (CI needs ../shared/specs)")
    pytest.skip(f"no spec corpus at {CORPUS}", allow_module_level=True)


def scaffold(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
    )


def test_the_corpus_is_all_here() -> None:
    """Every spec file in the corpus belongs to a key, so none goes untested."""
    keyed = {f.name for c in corpus_cases() for f in c.files}
    specs = {p.name for p in CORPUS.glob("*.md") if p.name != "README.md"}
    assert specs <= keyed, f"specs without a reading key: {sorted(specs - keyed)}"
    for c in CASES:
        assert all(f.exists() for f in c.files), c.name
    assert len(CASES) > len(corpus_cases()), "our own keyed spec runs with the corpus"


@pytest.mark.parametrize(
    "case,facet",
    [(c, f) for c in CASES for f in FACETS],
    ids=[f"{c.name}-{f}" for c in CASES for f in FACETS],
)
def test_read_as_the_key_says(case: Case, facet: str) -> None:
    spec = read_case(case)
    assert FACETS[facet](case, spec) == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_no_error(case: Case, tmp_path: Path) -> None:
    write_repo(case, tmp_path)
    res = scaffold("check", *case.files, "--repo", tmp_path, "--format", "json")
    assert "Traceback" not in res.stderr, res.stderr
    report = json.loads(res.stdout)
    errors = [
        f"{d['path']}:{d['line']}: {d['rule']} {d['message']}"
        for d in report["diagnostics"]
        if d["severity"] == "error"
    ]
    assert errors == []
    assert res.returncode == 0, res.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_convert_writes_the_reading(case: Case, tmp_path: Path) -> None:
    """``convert --to json`` is the model: the same facts the key compares."""
    res = scaffold("convert", *case.files, "--to", "json")
    assert "Traceback" not in res.stderr, res.stderr
    model = json.loads(res.stdout)
    want = {f"{e['method']} {e['path']}" for e in case.key.get("endpoints") or []}
    assert {f"{e['method']} {e['path']}" for e in model["endpoints"]} == want
    assert len(model["tasks"]) == len(case.key.get("tasks") or [])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_generate_writes_the_project(case: Case, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_repo(case, repo)
    res = scaffold("generate", *case.files, "--out", repo)
    assert "Traceback" not in res.stderr, res.stderr
    assert res.returncode == 0, res.stdout + res.stderr
    manifest = json.loads((repo / ".scaffold" / "manifest.json").read_text())
    assert manifest
    written = [p for p in repo.rglob("*") if p.is_file() and ".scaffold" not in p.parts]
    assert any(p.suffix == ".go" for p in written)
    assert any(p.suffix == ".sql" for p in written)
