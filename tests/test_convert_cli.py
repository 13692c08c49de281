"""``scaffold convert``: several files are one feature; errors are listed and exit 1,
but what was read is still written (DESIGN.md §17)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def convert(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", "convert", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


BACKEND = """# Tech Spec: Notes (backend)

**Type:** Engineering-initiated

## 4. API Design

### POST /api/v1/notes

**Handler:** `handlers.CreateNote` in `internal/handlers/notes.go`

**Auth:** authenticated user

## 9. Implementation Tasks

- [ ] **T-001:** Notes endpoint
"""

FRONTEND = """# Tech Spec: Notes (frontend)

**Type:** Engineering-initiated

## 5. Component & Module Design

### Frontend (React/TypeScript) — New Files

| File Path | Type | Props Interface | shadcn Components |
| --- | --- | --- | --- |
| `web/src/components/NoteForm.tsx` | Reusable | `NoteFormProps` | Button |

## 9. Implementation Tasks

- [ ] **T-002:** Note form
"""


def test_two_files_are_one_feature(tmp_path: Path) -> None:
    backend, frontend = tmp_path / "notes-api.md", tmp_path / "notes-web.md"
    backend.write_text(BACKEND, encoding="utf-8")
    frontend.write_text(FRONTEND, encoding="utf-8")
    res = convert(backend, frontend, "--to", "json")
    assert res.returncode == 0, res.stderr
    model = json.loads(res.stdout)
    assert [Path(s).name for s in model["sources"]] == ["notes-api.md", "notes-web.md"]
    assert [e["path"] for e in model["endpoints"]] == ["/api/v1/notes"]
    assert [Path(c["pos"]["file"]).name for c in model["components"]] == ["notes-web.md"]
    assert [t["id"] for t in model["tasks"]] == ["T-001", "T-002"]


def test_errors_are_listed_and_the_reading_is_still_written(tmp_path: Path) -> None:
    spec = tmp_path / "broken.md"
    spec.write_text(
        "# Tech Spec: Broken\n\n**Type:** Engineering-initiated\n\n"
        "## 4. API Design\n\n### POST /api/v1/things\n\n"
        "```go\ntype CreateThingRequest struct {{\n```\n",
        encoding="utf-8",
    )
    res = convert(spec, "--to", "json")
    assert res.returncode == 1
    assert "SPEC020" in res.stderr and "broken.md:" in res.stderr
    model = json.loads(res.stdout)
    assert [e["path"] for e in model["endpoints"]] == ["/api/v1/things"]
