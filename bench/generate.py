"""Benchmark `scaffold generate` as a user feels it (DESIGN §13, §15).

Every figure is a whole process from a fresh interpreter (warm OS cache, no cache of
ours), the median of a few runs, printed next to its floors measured in the same run:

- import floor: importing the libraries generate uses (copier, jinja2, pydantic,
  sqlglot, markdown-it, tree-sitter, pglast, ruamel.yaml), nothing else;
- Copier floor: a fresh process rendering the *same files* from precomputed view models
  (the jobs generate planned, saved as JSON) with Copier, as generate calls it;
- jinja2 figure: the same templates and data rendered with plain jinja2 (a figure, not a
  target).

Cases: the bundled example; synthetic specs with 40 and 400 endpoints (10 and 100
resources, one table each) for the flat-per-file check. Targets: example ≤ 2 s,
400 endpoints ≤ 12 s, time per file flat from 40 to 400, and our own work (reading,
checking, planning, view models, writing) ≤ 25 % of the time Copier spends rendering.

Usage: .venv/bin/python bench/generate.py [--runs N] [--only example,40,400]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"

IMPORTS = (
    "import copier, jinja2, pydantic, sqlglot, markdown_it, tree_sitter, tree_sitter_go, "
    "tree_sitter_typescript, pglast, ruamel.yaml"
)


# --------------------------------------------------------------------------- synthetic spec


def synthetic_spec(resources: int) -> str:
    """A valid spec with ``resources`` tables and 4 endpoints per resource."""
    n = resources
    out: list[str] = []

    def w(text: str) -> None:
        """A block, followed by a blank line."""
        out.append(text.rstrip("\n") + "\n\n")

    row = out.append  # a line of a table or list: no blank line after it
    w("# Tech Spec: Catalog Service\n\n")
    w(
        "**Type:** Engineering-initiated\n**Author:** Bench\n**Last updated:** 2026-01-01\n"
        "**Status:** Approved\n\n---\n"
    )
    w("## 1. Overview\n\n### Summary\n\nA catalog of resources, each with a CRUD API.\n\n")
    w("### Requirement Mapping\n\n#### Engineering-initiated: Motivation & Requirements\n\n")
    w("**Problem:** No catalog.\n\n**Why now:** Needed.\n\n**Out of scope:** UI.\n\n")
    w(
        "| Req ID | Requirement | Success Criteria | Priority |\n"
        "|--------|------------|-----------------|----------|\n"
        "| ER-001 | Store resources | `goose status` shows all applied | must |\n"
        "| ER-002 | Serve the API | `go test ./...` passes | must |\n"
    )
    w(
        "**Requirement-to-Task Mapping:**\n\n| Req ID | Implementing Tasks |\n"
        "|--------|-------------------|\n| ER-001 | T-001 |\n| ER-002 | T-002 |\n\n---\n"
    )
    w("## 2. Architecture & Design Decisions\n\n### System Context\n\nOne Go API.\n\n")
    w(
        "### Key Decisions\n\n| Decision | Alternatives Considered | Rationale |\n"
        "|----------|------------------------|-----------|\n"
        "| PostgreSQL | None | Existing (ER-001) |\n"
    )
    w("### New Patterns or Deviations\n\nNo new patterns — follows existing conventions.\n\n")
    w(
        "### Dependencies\n\n| Dependency | Type | Version / Constraint | Notes |\n"
        "|-----------|------|---------------------|-------|\n"
        "| github.com/google/uuid | Go module | >= 1.6 | IDs |\n\n---\n"
    )
    w("## 3. Data Model\n\n### New Tables\n\n")
    for i in range(n):
        w(
            f"#### items_{i}\n\n| Column | Type | Constraints | Notes |\n"
            "|--------|------|------------|-------|\n"
            "| id | UUID | PK, DEFAULT gen_random_uuid() | |\n"
            "| name | TEXT | NOT NULL | |\n"
            "| created_at | TIMESTAMPTZ | NOT NULL, DEFAULT now() | |\n"
        )
    w("### Goose Migrations\n\n")
    order = []
    for i in range(n):
        c = i + 1
        path = (
            f"migrations/20260101{c // 3600:02d}{c // 60 % 60:02d}{c % 60:02d}_create_items_{i}.sql"
        )
        order.append(path)
        w(
            f"#### `{path}`\n\n```sql\n-- +goose Up\nCREATE TABLE items_{i} (\n"
            "    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n    name TEXT NOT NULL,\n"
            "    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n\n"
            f"-- +goose Down\nDROP TABLE IF EXISTS items_{i};\n```\n"
        )
    row(
        "**Migration order and compatibility:**\n\n"
        "| # | Migration File | Backward Compatible | Notes |\n"
        "|---|---------------|-------------------|-------|\n"
    )
    for k, path in enumerate(order, 1):
        row(f"| {k} | `{path}` | yes | New table |\n")
    w("\n---\n\n## 4. API Design\n\n")
    for i in range(n):
        R = f"Item{i}"
        base = f"/api/v1/items{i}"
        errors = (
            "**Error Responses:**\n\n| Status | Condition | Body |\n|--------|-----------|------|\n"
            '| 400 | Invalid (`ErrInvalidRequest`) | `{"error": "Invalid."}` |\n'
            '| 401 | Not signed in (`ErrUnauthenticated`) | `{"error": "Sign in."}` |\n'
            f'| 404 | Missing (`Err{R}NotFound`) | `{{"error": "Not found."}}` |\n'
        )
        ts = (
            "**TypeScript request/response types:**\n```typescript\n"
            f"interface Create{R}Request {{\n  name: string;\n}}\n\n"
            f"interface {R}Response {{\n  id: string;\n  name: string;\n  created_at: string;\n}}\n"
            f"\ninterface List{R}sResponse {{\n  items: {R}Response[] | null;\n"
            "  next_cursor: string | null;\n}\n```\n"
        )
        w(
            f"### POST {base}\n\n**Description:** Creates one item {i}.\n\n"
            f"**Handler:** `handlers.Create{R}` in `internal/handlers/items{i}.go`\n\n"
            "**Auth:** authenticated user\n\n**Request struct:**\n```go\n"
            f'type Create{R}Request struct {{\n\tName string `json:"name" '
            'validate:"required,max=100"`\n}\n```\n\n**Response (201):**\n```go\n'
            f'type {R}Response struct {{\n\tID        uuid.UUID `json:"id"`\n'
            '\tName      string    `json:"name"`\n\tCreatedAt time.Time `json:"created_at"`\n'
            f"}}\n```\n\n{ts}\n{errors}\n---\n"
        )
        w(
            f"### GET {base}\n\n**Description:** Lists items {i}, one cursor page at a time.\n\n"
            f"**Handler:** `handlers.List{R}s` in `internal/handlers/items{i}.go`\n\n"
            "**Auth:** authenticated user\n\n**Response (200):**\n```go\n"
            f'type List{R}sResponse struct {{\n\tItems      []{R}Response `json:"items"`\n'
            '\tNextCursor *string `json:"next_cursor"`\n}\n```\n\n'
            f"{errors}\n---\n"
        )
        w(
            f"### GET {base}/{{id}}\n\n**Description:** Returns one item {i}.\n\n"
            f"**Handler:** `handlers.Get{R}` in `internal/handlers/items{i}.go`\n\n"
            "**Auth:** authenticated user\n\n**Response (200):**\n```go\n"
            f'type Get{R}Response struct {{\n\tID   uuid.UUID `json:"id"`\n'
            '\tName string    `json:"name"`\n}\n```\n\n'
            "**TypeScript request/response types:**\n```typescript\n"
            f"interface Get{R}Response {{\n  id: string;\n  name: string;\n}}\n```\n\n"
            f"{errors}\n---\n"
        )
        w(
            f"### DELETE {base}/{{id}}\n\n**Description:** Deletes one item {i}.\n\n"
            f"**Handler:** `handlers.Delete{R}` in `internal/handlers/items{i}.go`\n\n"
            f"**Auth:** authenticated user\n\n**Success:** 204\n\n{errors}\n---\n"
        )
    row(
        "## 5. Component & Module Design\n\n### Backend (Go) — New Files\n\n"
        "| File Path | Package | Exported Interface |\n|-----------|---------|-------------------|\n"
    )
    for i in range(n):
        row(f"| `internal/handlers/items{i}.go` | handlers | `Create Item{i}` handlers |\n")
    w("\n### Backend Interfaces\n\n```go\n")
    for i in range(n):
        R = f"Item{i}"
        w(
            f"// {R}Store stores items {i}.\ntype {R}Store interface {{\n"
            f"\tCreate{R}(ctx context.Context, name string) (*{R}Response, error)\n"
            f"\tList{R}s(ctx context.Context, cursor string) (*List{R}sResponse, error)\n"
            f"\tGet{R}(ctx context.Context, id uuid.UUID) (*Get{R}Response, error)\n"
            f"\tDelete{R}(ctx context.Context, id uuid.UUID) error\n}}\n\n"
        )
    row(
        "```\n\n### Error Taxonomy\n\n"
        "| Error (Go) | HTTP Status | TypeScript Error | User-Facing Message | Log Level |\n"
        "|------------|-------------|-----------------|---------------------|-----------|\n"
        "| ErrInvalidRequest | 400 | ValidationError | Invalid. | info |\n"
        "| ErrUnauthenticated | 401 | UnauthenticatedError | Sign in. | info |\n"
    )
    for i in range(n):
        row(f"| ErrItem{i}NotFound | 404 | Item{i}NotFoundError | Not found. | info |\n")
    row(
        "\n---\n\n## 6. Implementation Tasks\n\n### Phase 1: Data Model\n\n"
        "- **T-001:** Create the tables\n  - _Implements:_ ER-001\n"
        "  - _Description:_ Migrations.\n  - _Files:_\n"
    )
    for path in order:
        row(f"    - Create: `{path}`\n")
    row(
        "  - _Done condition:_ `goose status` shows all applied\n  - _Dependencies:_ None\n\n"
        "### Phase 2: Backend Logic & API\n\n- **T-002:** Handlers\n  - _Implements:_ ER-002\n"
        "  - _Description:_ Handlers.\n  - _Files:_\n"
    )
    for i in range(n):
        row(f"    - Create: `internal/handlers/items{i}.go`\n")
    w("  - _Done condition:_ `go test ./...` passes\n  - _Dependencies:_ T-001\n\n---\n\n")
    w(
        "## 7. Testing Strategy\n\nNone beyond the generated tests.\n\n"
        "## 8. Rollout & Operations\n\nNone.\n\n## 9. Open Questions & Risks\n\nNone.\n\n"
        "## 10. Assumptions\n\n- [ASSUMPTION] None.\n"
    )
    return "".join(out)


# --------------------------------------------------------------------------- measuring


def _timed(code: str, runs: int, env: dict | None = None) -> tuple[float, str]:
    """Median wall time of ``python -c code`` in fresh interpreters, and the last stdout."""
    times = []
    out = ""
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [PY, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
        )
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(f"benchmark step failed:\n{code}\n{proc.stderr[-3000:]}")
        out = proc.stdout
    return statistics.median(times), out


GENERATE = textwrap.dedent("""
    import json, sys, tempfile
    from pathlib import Path
    from scaffold.generate import generate
    out = Path(tempfile.mkdtemp()) / "app"
    r = generate([Path({spec!r})], out, prewarm=True)  # as the CLI runs it
    if r.exit_code:
        sys.exit("\\n".join(d.text() for d in r.diagnostics if d.severity == "error")[:3000])
    files = sum(1 for f in r.files)
    print(json.dumps({{"files": files, "timings": r.timings}}))
    """)

DUMP_JOBS = textwrap.dedent("""
    import json
    from pathlib import Path
    from scaffold.generate import generate
    jobs = []
    generate([Path({spec!r})], Path({out!r}), dry_run=True, collect=jobs)
    dump = [{{"blueprint": j.blueprint, "data": j.data}} for j in jobs]
    Path({dump!r}).write_text(json.dumps(dump))
    """)

COPIER_FLOOR = textwrap.dedent("""
    import json, tempfile, time
    from pathlib import Path
    import copier, copier._main, copier._template, copier._vcs
    from scaffold.generate.render import BLUEPRINTS_DIR, fast_copier
    jobs = json.loads(Path({dump!r}).read_text())
    out = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    for n, job in enumerate(jobs):
        with fast_copier(copier) if {fast!r} else open(__file__ if False else "/dev/null"):
            copier.run_copy(str(BLUEPRINTS_DIR / job["blueprint"]), str(out / str(n)),
                            data=job["data"], defaults=True, overwrite=True, quiet=True,
                            unsafe=False, skip_tasks=True, cleanup_on_error=False)
    print(time.perf_counter() - t)
    """)

JINJA_FIGURE = textwrap.dedent("""
    import json, re, tempfile, time
    from pathlib import Path
    import jinja2
    from scaffold.generate.render import BLUEPRINTS_DIR
    jobs = json.loads(Path({dump!r}).read_text())
    out = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    name_re = re.compile(r"\\{{% yield (\\w+) from files\\.(\\w+) %\\}}")
    for job in jobs:
        src = BLUEPRINTS_DIR / job["blueprint"]
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(src)),
                                 keep_trailing_newline=True, trim_blocks=True,
                                 lstrip_blocks=True)
        for tpl_path in src.glob("*.jinja"):
            m = name_re.search(tpl_path.name)
            if not m:
                continue
            tpl = env.get_template(tpl_path.name)
            for item in job["data"]["files"].get(m.group(2), []):
                dest = out / item["path"]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(tpl.render(**job["data"], **{{m.group(1): item}}))
    print(time.perf_counter() - t)
    """)


def bench_case(name: str, spec: Path, runs: int, work: Path) -> dict:
    total, out = _timed(GENERATE.format(spec=str(spec)), runs)
    info = json.loads(out.strip().splitlines()[-1])
    dump = work / f"{name}-jobs.json"
    _timed(DUMP_JOBS.format(spec=str(spec), out=str(work / f"{name}-dry"), dump=str(dump)), 1)
    copier_proc, copier_inner = _timed(COPIER_FLOOR.format(dump=str(dump), fast=True), runs)
    copier_raw_proc, copier_raw_inner = _timed(COPIER_FLOOR.format(dump=str(dump), fast=False), 1)
    jinja_proc, jinja_inner = _timed(JINJA_FIGURE.format(dump=str(dump)), runs)
    t = info["timings"]
    ours = sum(t.get(k, 0.0) for k in ("read", "check", "plan", "write")) + (
        t.get("render", 0.0)
        - t.get("copier", 0.0)
        - t.get("copier_import", 0.0)
        - t.get("gofmt", 0.0)
    )
    return {
        "case": name,
        "files": info["files"],
        "total": total,
        "per_file_ms": 1000 * total / max(info["files"], 1),
        "copier_in_generate": t.get("copier", 0.0),
        "ours": ours,
        "gofmt": t.get("gofmt", 0.0),
        "stages": t,
        "copier_floor_proc": copier_proc,
        "copier_floor_render": float(copier_inner.strip()),
        "copier_raw_render": float(copier_raw_inner.strip()),
        "jinja_render": float(jinja_inner.strip()),
        "jinja_proc": jinja_proc,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="example,40,400")
    args = parser.parse_args()
    cases = args.only.split(",")
    work = Path(tempfile.mkdtemp(prefix="scaffold-bench-"))
    try:
        import_floor, _ = _timed(IMPORTS, args.runs)
        print(
            f"import floor (copier, jinja2, pydantic, sqlglot, markdown-it, tree-sitter, "
            f"pglast, ruamel.yaml): {import_floor:.3f} s"
        )
        results = []
        for case in cases:
            if case == "example":
                spec = EXAMPLE
            else:
                endpoints = int(case)
                spec = work / f"synthetic-{endpoints}" / "tech-specs" / "catalog.md"
                spec.parent.mkdir(parents=True)
                spec.write_text(synthetic_spec(endpoints // 4))
            results.append(bench_case(case, spec, args.runs, work))
        print()
        head = (
            f"{'case':>8} {'files':>6} {'generate':>9} {'ms/file':>8} {'copier':>8} "
            f"{'ours':>7} {'ours/copier':>11} {'copier proc':>11} {'gen/copier proc':>15} "
            f"{'jinja2':>7} {'copier/jinja2':>13} {'raw copier':>10}"
        )
        print(head)
        for r in results:
            print(
                f"{r['case']:>8} {r['files']:>6} {r['total']:>8.2f}s {r['per_file_ms']:>7.1f} "
                f"{r['copier_in_generate']:>7.2f}s {r['ours']:>6.2f}s "
                f"{r['ours'] / max(r['copier_in_generate'], 1e-9):>10.0%} "
                f"{r['copier_floor_proc']:>10.2f}s "
                f"{r['total'] / r['copier_floor_proc']:>14.2f}x "
                f"{r['jinja_render']:>6.2f}s "
                f"{r['copier_floor_render'] / max(r['jinja_render'], 1e-9):>12.1f}x "
                f"{r['copier_raw_render']:>9.2f}s"
            )
        print()
        print(
            "generate: whole process; copier: time inside run_copy during generate; ours: "
            "reading, checking, planning, view models and writing (generate minus Copier, "
            "its import and gofmt); copier proc: a fresh process rendering the same files "
            "from saved view models; jinja2: plain jinja2 rendering the same templates "
            "(a figure); raw copier: Copier without skipping its per-file git probes."
        )
        for r in results:
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(r["stages"].items()))
            print(f"  {r['case']}: {stages}")
        targets = {"example": 2.0, "400": 12.0}
        for r in results:
            if r["case"] in targets:
                ok = "ok" if r["total"] <= targets[r["case"]] else "OVER"
                print(f"target {r['case']}: {r['total']:.2f}s ≤ {targets[r['case']]:.0f}s {ok}")
        flat = {r["case"]: r["per_file_ms"] for r in results}
        if "40" in flat and "400" in flat:
            print(
                f"per file: 40 endpoints {flat['40']:.1f} ms, 400 endpoints {flat['400']:.1f} ms "
                f"({flat['400'] / flat['40']:.2f}x)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
