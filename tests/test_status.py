"""`scaffold status`: task and requirement states from files, markers and done commands."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from scaffold.status import scan_markers, status, weakest

SPEC = """\
# Tech Spec: Mini Notes

**Type:** Engineering-initiated
**Author:** Test
**Last updated:** 2026-11-20
**Status:** Approved

---

## 1. Overview

### Summary

Adds notes.

### Requirement Mapping

#### Engineering-initiated: Requirements

| Req ID | Requirement | Success Criteria | Priority | Implementing Tasks |
|--------|------------|-----------------|----------|-------------------|
| ER-001 | Store notes | notes saved | must | T-001, T-002 |
| ER-002 | Show notes | notes shown | should | T-003 |

---

## 6. Implementation Tasks

### Phase 1: Backend

- [x] **T-001:** Write the note store
  - _Implements:_ ER-001
  - _Description:_ Store notes.
  - _Files:_
    - Create: `internal/notes/store.go`
  - _Done condition:_ `./check.sh store` passes and `goose status` shows nothing pending.
  - _Dependencies:_ none

- [ ] **T-002:** Write the note handler
  - _Implements:_ ER-001
  - _Description:_ Serve notes.
  - _Files:_
    - Create: `internal/notes/handler.go`
    - Modify: `internal/server/router.go` — register the route
  - _Done condition:_ `./check.sh handler` passes.
  - _Dependencies:_ T-001

### Phase 2: Frontend

- [x] **T-003:** Show notes
  - _Implements:_ ER-002
  - _Description:_ A list.
  - _Files:_
    - Create: `web/src/Notes.tsx`
  - _Done condition:_ `bash check.sh web` passes.
  - _Dependencies:_ T-002
"""

# check.sh NAME exits with the code written in .results/NAME (0 when absent).
CHECK_SH = """#!/bin/bash
f=".results/$1"
if [ -f "$f" ]; then exit "$(cat "$f")"; fi
exit 0
"""

# A stand-in for goose: `goose status` prints what .results/goose says, and exits 0.
GOOSE = """#!/bin/bash
echo "    Applied At                  Migration"
echo "    ======================================="
cat "$PWD/.results/goose" 2>/dev/null
exit 0
"""


def _write(root: Path, rel: str, text: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    _write(root, "tech-specs/mini.md", SPEC)
    _write(root, "check.sh", CHECK_SH).chmod(0o755)
    bindir = tmp_path / "bin"
    _write(bindir, "goose", GOOSE).chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return root


def _status(repo: Path, run: bool = False, echo=None):
    return status([repo / "tech-specs" / "mini.md"], repo, run=run, echo=echo or (lambda s: None))


def _states(result) -> dict[str, str]:
    return {t.id: t.state for t in result.tasks}


IMPLEMENTED = {
    "internal/notes/store.go": "package notes\n",
    "internal/notes/handler.go": "package notes\n",
    "web/src/Notes.tsx": "export function Notes() { return null; }\n",
}


@pytest.mark.parametrize(
    ("name", "files", "expect"),
    [
        ("nothing written", {}, {"T-001": "todo", "T-002": "todo", "T-003": "todo"}),
        (
            "all files, no markers",
            IMPLEMENTED,
            {"T-001": "implemented", "T-002": "implemented", "T-003": "implemented"},
        ),
        (
            "a marker remains",
            {**IMPLEMENTED, "internal/notes/handler.go": "package notes\n// TODO(T-002): serve\n"},
            {"T-001": "implemented", "T-002": "todo", "T-003": "implemented"},
        ),
        (
            "a marker in a string, in a test",
            {
                **IMPLEMENTED,
                "web/src/Notes.test.tsx": 'it.skip("TODO(T-003): renders", () => {});\n',
            },
            {"T-001": "implemented", "T-002": "implemented", "T-003": "todo"},
        ),
        (
            "markers that are not work left",
            {
                **IMPLEMENTED,
                # scaffold's own stub header explains markers without being one
                "web/src/Other.tsx": "// Yours to edit. TODO(T-003) marks what is left to do.\n",
                # scaffold's base copies, dependencies, the checklist
                ".scaffold/base/internal/notes/handler.go": "// TODO(T-002): x\n",
                "web/node_modules/x/index.js": "// TODO(T-003): x\n",
                "tech-specs/mini.tasks.md": "- TODO(T-001): listed\n",
            },
            {"T-001": "implemented", "T-002": "implemented", "T-003": "implemented"},
        ),
    ],
)
def test_task_states_from_evidence(repo: Path, name, files, expect) -> None:
    for rel, text in files.items():
        _write(repo, rel, text)
    result = _status(repo)
    assert _states(result) == expect, name
    assert result.exit_code == 0


def test_markers_are_listed_with_file_and_line(repo: Path) -> None:
    for rel, text in IMPLEMENTED.items():
        _write(repo, rel, text)
    _write(
        repo,
        "internal/notes/handler.go",
        "package notes\n\nfunc H() {\n\t// TODO(T-002): serve\n}\n",
    )
    [t2] = [t for t in _status(repo).tasks if t.id == "T-002"]
    [m] = t2.markers
    assert (m.path, m.line, m.column, m.text) == ("internal/notes/handler.go", 4, 5, "serve")


def test_ticked_task_contradicted_by_evidence_warns(repo: Path) -> None:
    _write(repo, "internal/notes/handler.go", "package notes\n")
    result = _status(repo)
    warnings = [d for d in result.diagnostics if d.rule == "STATUS001"]
    messages = sorted(d.message for d in warnings)
    assert messages == [
        "T-001 is ticked done, but internal/notes/store.go, which it creates, does not exist",
        "T-003 is ticked done, but web/src/Notes.tsx, which it creates, does not exist",
    ]
    assert all(d.severity == "warning" and d.path.endswith("mini.md") and d.line for d in warnings)
    # The unticked T-002 is not a claim, so it is not contradicted.
    assert result.exit_code == 0


def test_unknown_task_in_a_marker_warns(repo: Path) -> None:
    _write(repo, "internal/x.go", "package x\n// TODO(T-099): what\n")
    [d] = [d for d in _status(repo).diagnostics if d.rule == "STATUS002"]
    assert (d.path, d.line, d.severity) == ("internal/x.go", 2, "warning")


def test_requirements_take_their_weakest_task(repo: Path) -> None:
    for rel, text in IMPLEMENTED.items():
        _write(repo, rel, text)
    _write(repo, "internal/notes/handler.go", "// TODO(T-002): serve\n")
    reqs = {r.id: (r.state, r.tasks) for r in _status(repo).requirements}
    assert reqs == {"ER-001": ("todo", ["T-001", "T-002"]), "ER-002": ("implemented", ["T-003"])}


@pytest.mark.parametrize(
    ("states", "expect"),
    [
        ([], "no tasks"),
        (["verified", "implemented"], "implemented"),
        (["verified", "failing", "implemented"], "failing"),
        (["todo", "failing"], "todo"),
        (["verified"], "verified"),
    ],
)
def test_weakest(states, expect) -> None:
    assert weakest(states) == expect


@pytest.mark.parametrize(
    ("results", "expect"),
    [
        ({}, {"T-001": "verified", "T-002": "verified", "T-003": "verified"}),
        ({"handler": "1"}, {"T-001": "verified", "T-002": "failing", "T-003": "verified"}),
        # goose status exits 0 with a pending migration: read, not trusted.
        (
            {"goose": "    Pending                  -- 00002_notes.sql\n"},
            {"T-001": "failing", "T-002": "verified", "T-003": "verified"},
        ),
    ],
)
def test_run_done_commands(repo: Path, results, expect) -> None:
    for rel, text in IMPLEMENTED.items():
        _write(repo, rel, text)
    for name, value in results.items():
        _write(repo, f".results/{name}", value)
    printed: list[str] = []
    result = _status(repo, run=True, echo=printed.append)
    assert _states(result) == expect
    # Every command is printed before it runs.
    assert printed == [
        "$ ./check.sh store    # T-001",
        "$ goose status    # T-001",
        "$ ./check.sh handler    # T-002",
        "$ bash check.sh web    # T-003",
    ]
    failing = [d for d in result.diagnostics if d.rule == "STATUS010"]
    assert len(failing) == list(expect.values()).count("failing")
    assert result.exit_code == (1 if failing else 0)
    if "goose" in results:
        [goose_run] = [c for t in result.tasks for c in t.commands if c.command == "goose status"]
        assert goose_run.exit_code == 0 and goose_run.pending == ["00002_notes.sql"]


def test_run_skips_tasks_that_are_still_todo(repo: Path) -> None:
    printed: list[str] = []
    result = _status(repo, run=True, echo=printed.append)
    assert printed == [] and _states(result)["T-001"] == "todo"


def test_json_output(repo: Path) -> None:
    _write(repo, "internal/notes/store.go", "// TODO(T-001): store\n")
    doc = json.loads(_status(repo).json())
    assert doc["version"] == 1 and doc["feature"] == "mini"
    t1 = doc["tasks"][0]
    assert t1["id"] == "T-001" and t1["state"] == "todo" and t1["checked"] is True
    assert t1["markers"] == [
        {
            "task": "T-001",
            "path": "internal/notes/store.go",
            "line": 1,
            "column": 4,
            "text": "store",
        }
    ]
    assert doc["requirements"][0] == {
        "id": "ER-001",
        "summary": "Store notes",
        "state": "todo",
        "tasks": ["T-001", "T-002"],
    }
    assert doc["counts"] == {"todo": 3, "failing": 0, "implemented": 0, "verified": 0}
    assert doc["summary"]["warnings"] == 2


def test_text_table(repo: Path) -> None:
    _write(repo, "internal/notes/handler.go", "// TODO(T-002): serve\n")
    text = _status(repo).text()
    assert "[x] T-001  todo" in text
    assert "missing  internal/notes/store.go" in text
    assert "marker   internal/notes/handler.go:1  serve" in text
    assert "ER-001  todo         T-001, T-002" in text
    assert "3 task(s): 0 verified, 0 implemented, 0 failing, 3 todo" in text


def test_git_repo_skips_ignored_files(repo: Path) -> None:
    from toolchain import require_tool

    git = require_tool("git")
    subprocess.run([git, "init", "-q", str(repo)], check=True)
    _write(repo, ".gitignore", "generated-out/\n")
    _write(repo, "generated-out/a.go", "// TODO(T-002): ignored\n")
    _write(repo, "src/b.go", "// TODO(T-002): counted (untracked, not ignored)\n")
    markers = scan_markers(repo)
    assert [(m.path, m.task) for m in markers] == [("src/b.go", "T-002")]


def test_unreadable_spec_is_a_usage_error(tmp_path: Path) -> None:
    result = status([tmp_path / "missing.md"], tmp_path)
    assert result.exit_code == 2 and result.diagnostics[0].rule == "SPEC000"


def test_only_some_tasks(repo: Path) -> None:
    for rel, text in IMPLEMENTED.items():
        _write(repo, rel, text)
    printed: list[str] = []
    result = status(
        [repo / "tech-specs" / "mini.md"], repo, run=True, echo=printed.append, only=["T-002"]
    )
    assert _states(result) == {"T-002": "verified"}
    assert printed == ["$ ./check.sh handler    # T-002"]
    assert [(r.id, r.tasks) for r in result.requirements] == [("ER-001", ["T-002"])]
    bad = status([repo / "tech-specs" / "mini.md"], repo, only=["T-042"])
    assert bad.exit_code == 2 and "no task T-042" in bad.diagnostics[0].message


@pytest.mark.parametrize(
    ("yes", "answer", "ran"),
    [(False, None, False), (False, False, False), (False, True, True), (True, None, True)],
)
def test_run_asks_before_a_command_that_destroys_data(
    repo: Path, yes: bool, answer: bool | None, ran: bool
) -> None:
    spec = repo / "tech-specs" / "mini.md"
    spec.write_text(
        spec.read_text().replace(
            "`./check.sh handler` passes.", "`goose down` then `./check.sh handler` passes."
        ),
        encoding="utf-8",
    )
    for rel, text in IMPLEMENTED.items():
        _write(repo, rel, text)
    asked: list[str] = []

    def confirm(command: str) -> bool:
        asked.append(command)
        return bool(answer)

    printed: list[str] = []
    result = status(
        [spec],
        repo,
        run=True,
        echo=printed.append,
        yes=yes,
        confirm=None if answer is None else confirm,
    )
    assert ("$ goose down    # T-002" in printed) == ran
    assert asked == ([] if answer is None else ["goose down"])
    not_run = [d for d in result.diagnostics if d.rule == "STATUS011"]
    assert len(not_run) == (0 if ran else 1)
    # A task whose destructive command was not run is not verified.
    assert _states(result)["T-002"] == ("verified" if ran else "implemented")
