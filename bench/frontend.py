"""Benchmark the frontend half of `scaffold generate` as a user feels it (DESIGN §13, §15).

The spec: bench/generate.py's synthetic spec with 100 resources (100 tables, 400
endpoints with their TypeScript request/response types), plus a frontend part shaped
like the bundled example's: a frontend new-files table of 100 components (a form in a
dialog, a list table or a detail page per resource, with their Props interfaces), the
shadcn/ui components to install, a TypeScript types block, a hooks table with one hook
per endpoint (its ``Endpoint`` column naming it) and a frontend task creating every file.
The spec must pass ``scaffold check``; the bench stops if it does not.

Every generate figure is a whole process from a fresh interpreter (warm OS cache), the
median of ``--runs``:

- backend: ``generate(..., families=("sql", "go", "project"), prewarm=True)``;
- full: ``generate(..., prewarm=True)``, every family, as the CLI runs it.

The frontend half is full minus backend; target: it adds ≤ 50 % to the backend's time.
The per-stage timings of the last full run are printed too.

Then the generated web project is type-checked: ``tsc --noEmit -p .`` in ``<out>/web``
(median of ``--runs``), on a ``node_modules`` from tests/wire/node.py's cache keyed by
the package.json (installed once when not cached), with the number of .ts/.tsx files of
the project it checks. Type errors are printed (first 40 lines): they are findings.

Usage: .venv/bin/python bench/frontend.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import synthetic_spec  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
RESOURCES = 100
BACKEND = ("sql", "go", "project")
EXAMPLE_PACKAGE = ROOT / "generated_example" / "web" / "package.json"
TARGET = 0.50  # what the frontend half may add to the backend's time

# --------------------------------------------------------------------------- synthetic spec


def _component(i: int) -> tuple[str, str, str, str, str, str]:
    """Resource ``i``'s component: path, type, shadcn parts, name, props block, description."""
    R = f"Item{i}"
    kind = i % 3
    if kind == 0:
        name = f"{R}Dialog"
        props = (
            f"interface {name}Props {{\n  open: boolean;\n"
            "  onOpenChange: (open: boolean) => void;\n}\n"
        )
        text = (
            f"- `{name}` — a form (name `Input` with `Label`, kind `Select`) in a `Dialog`; "
            f"submits with `useCreate{R}`, shows the error's user-facing message inline under "
            "the form, closes and resets on success.\n"
        )
        return (
            f"web/src/components/items{i}/{name}.tsx",
            "Feature",
            "Dialog, Input, Select, Button, Label",
            name,
            props,
            text,
        )
    if kind == 1:
        name = f"{R}List"
        props = f"interface {name}Props {{\n  title: string;\n}}\n"
        text = (
            f"- `{name}` — a `Table` of items {i} (name, created, a `Badge`) from `use{R}s`, "
            'with a "Load more" `Button` while there is a next page and a "Delete" `Button` '
            f"on each row (calls `useDelete{R}`).\n"
        )
        return (
            f"web/src/components/items{i}/{name}.tsx",
            "Feature",
            "Table, Badge, Button",
            name,
            props,
            text,
        )
    name = f"{R}Page"
    props = f"interface {name}Props {{\n  id: string;\n}}\n"
    text = (
        f'- `{name}` — a `Card` showing one item {i} from `use{R}` with a "Delete" `Button` '
        f"(calls `useDelete{R}`); errors show their message in the card.\n"
    )
    return (f"web/src/pages/{name}.tsx", "Page", "Card, Button", name, props, text)


def frontend_part(resources: int) -> tuple[str, str]:
    """The frontend subsections of section 5 and the Phase 4 frontend task of section 6."""
    comps = [_component(i) for i in range(resources)]
    out: list[str] = [
        "### Frontend (React/TypeScript) — New Files\n\n"
        "| File Path | Type | shadcn Components Used | Props Interface |\n"
        "|-----------|------|----------------------|----------------|\n"
    ]
    for path, kind, parts, name, _, _ in comps:
        out.append(f"| `{path}` | {kind} | {parts} | {name}Props |\n")
    out.append("\n**Props interfaces:**\n```typescript\n")
    out.append("\n".join(c[4] for c in comps))
    out.append("```\n\n")
    out.extend(c[5] for c in comps)
    out.append(
        "\n### shadcn/ui Components to Install\n\n```bash\n"
        "npx shadcn@latest add dialog select table badge button input label card\n```\n\n"
        "### Frontend TypeScript Types\n\n```typescript\n"
        "// web/src/types/catalog.ts (also exports the request/response interfaces of "
        "section 4)\nexport interface ListQuery {\n  cursor?: string;\n  limit?: number;\n}\n"
        "```\n\n### API Client / Hooks\n\n"
        "| Hook / Function | File Path | Endpoint | Description |\n"
        "|----------------|-----------|----------|-------------|\n"
    )
    for i in range(resources):
        R = f"Item{i}"
        hooks = f"web/src/hooks/useItems{i}.ts"
        base = f"/api/v1/items{i}"
        out.append(
            f"| `use{R}s()` | `{hooks}` | `GET {base}` | Infinite query over cursor pages "
            f'(query key `["items{i}"]`) |\n'
            f"| `useCreate{R}()` | `{hooks}` | `POST {base}` | Mutation taking "
            f"`Create{R}Request`, returns `{R}Response`; invalidates the list |\n"
            f"| `use{R}(id: string)` | `{hooks}` | `GET {base}/{{id}}` | Query of one item "
            f"{i}, returns `Get{R}Response` |\n"
            f"| `useDelete{R}()` | `{hooks}` | `DELETE {base}/{{id}}` | Mutation taking the "
            "ID; invalidates the list |\n"
        )
    out.append(
        "\nData flow: items live in PostgreSQL and in the TanStack Query cache only; no "
        "component keeps a copy. Mutations invalidate the list.\n\n"
    )
    files = ["web/src/types/catalog.ts", "web/src/api/catalog.ts"]
    files += [f"web/src/hooks/useItems{i}.ts" for i in range(resources)]
    files += [f"web/src/components/ui/{p}.tsx" for p in UI_PARTS]
    for path, *_ in comps:
        files += [path, path.removesuffix(".tsx") + ".test.tsx"]
    task = [
        "### Phase 4: Frontend\n\n- **T-003:** Build the catalog UI\n"
        "  - _Implements:_ ER-003\n"
        "  - _Description:_ Add the types of sections 4 and 5, the API client and the hooks "
        'of "API Client / Hooks"; install the shadcn components and build each component '
        "of section 5 with its test.\n  - _Files:_\n"
    ]
    task += [f"    - Create: `{f}`\n" for f in files]
    task.append(
        "  - _Done condition:_ `npm --prefix web run typecheck` exits 0 and "
        "`npm --prefix web run test` passes.\n  - _Dependencies:_ T-002\n\n"
    )
    return "".join(out), "".join(task)


UI_PARTS = ("dialog", "select", "table", "badge", "button", "input", "label", "card")


def frontend_spec(resources: int) -> str:
    """bench/generate.py's synthetic spec with the frontend part inserted."""
    spec = synthetic_spec(resources)
    section5, task = frontend_part(resources)

    def insert(before: str, text: str) -> None:
        nonlocal spec
        at = spec.index(before)
        spec = spec[:at] + text + spec[at:]

    spec = spec.replace("**Out of scope:** UI.", "**Out of scope:** None.")
    insert(
        "\n**Requirement-to-Task Mapping:**",
        "| ER-003 | Show the catalog | `tsc` passes | must |\n",
    )
    insert("\n\n---\n\n## 2.", "\n| ER-003 | T-003 |")
    insert("### Error Taxonomy\n", section5)
    insert("---\n\n## 7. Testing Strategy", task)
    return spec


# --------------------------------------------------------------------------- measuring

GENERATE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from scaffold.generate import generate
    r = generate([Path({spec!r})], Path({out!r}), families={families!r}, prewarm=True)
    if r.exit_code:
        sys.exit("\\n".join(d.text() for d in r.diagnostics if d.severity == "error")[:3000])
    warnings = sum(1 for d in r.diagnostics if d.severity == "warning")
    print(json.dumps({{"files": len(r.files), "warnings": warnings, "timings": r.timings}}))
    """)


def run_generate(
    spec: Path, families: tuple[str, ...] | None, runs: int, work: Path, name: str
) -> tuple[float, dict, Path]:
    """Median wall time of fresh generate processes, the last one's report and target."""
    times = []
    info: dict = {}
    out = work
    for n in range(runs):
        out = work / f"{name}-{n}"
        code = GENERATE.format(spec=str(spec), out=str(out), families=families)
        start = time.perf_counter()
        proc = subprocess.run([PY, "-c", code], cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"generate ({name}) failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
        info = json.loads(proc.stdout.strip().splitlines()[-1])
        if n < runs - 1:
            shutil.rmtree(out, ignore_errors=True)
    return statistics.median(times), info, out


def check_spec(spec: Path) -> None:
    """``scaffold check`` must pass (exit 0) before anything is timed."""
    proc = subprocess.run(
        [PY, "-m", "scaffold", "check", str(spec)], cwd=ROOT, capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.exit(f"scaffold check exited {proc.returncode}:\n{proc.stdout[-4000:]}{proc.stderr}")


def typecheck(web: Path, runs: int) -> tuple[float, int, str, int]:
    """Median wall time of ``tsc --noEmit -p .`` in ``web``, files it checks, output, exit."""
    sys.path.insert(0, str(ROOT / "tests" / "wire"))
    from node import link_node_modules  # noqa: E402 - needs the path above

    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not on PATH")
    same = (web / "package.json").read_bytes() == EXAMPLE_PACKAGE.read_bytes()
    start = time.perf_counter()
    link_node_modules(npm, web)
    print(
        f"node_modules ready in {time.perf_counter() - start:.1f} s "
        f"(package.json {'same as' if same else 'differs from'} generated_example's; "
        "cached by its hash; a new one is installed once)"
    )
    tsc = web / "node_modules" / ".bin" / "tsc"
    times = []
    proc = None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [str(tsc), "--noEmit", "-p", "."], cwd=web, capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
    assert proc is not None
    files = sum(
        1
        for top in ("src", "vite.config.ts", "vitest.config.ts")
        for p in ([web / top] if (web / top).is_file() else (web / top).rglob("*"))
        if p.suffix in (".ts", ".tsx") and p.is_file()
    )
    return statistics.median(times), files, proc.stdout + proc.stderr, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scaffold-bench-frontend-"))
    try:
        spec = work / "spec" / "tech-specs" / "catalog.md"
        spec.parent.mkdir(parents=True)
        spec.write_text(frontend_spec(RESOURCES), encoding="utf-8")
        check_spec(spec)
        print(
            f"spec: {RESOURCES} resources, {4 * RESOURCES} endpoints, {RESOURCES} components, "
            f"{4 * RESOURCES} hooks ({len(spec.read_text().splitlines())} lines); "
            f"median of {args.runs} fresh processes each (2 cores; numbers may be noisy "
            "when something else runs)"
        )
        backend, b_info, _ = run_generate(spec, BACKEND, args.runs, work, "backend")
        full, f_info, full_out = run_generate(spec, None, args.runs, work, "full")
        added = (full - backend) / backend
        for label, seconds, info in (
            ("backend (sql, go, project)", backend, b_info),
            ("full (every family)", full, f_info),
        ):
            print(
                f"  {label:<27} {seconds:6.2f} s  {info['files']:5d} files  "
                f"({info['warnings']} warnings)"
            )
        print(
            f"  frontend half               {full - backend:6.2f} s  "
            f"{f_info['files'] - b_info['files']:5d} files  "
            f"(+{added:.0%} of backend; target ≤ {TARGET:.0%}: "
            f"{'met' if added <= TARGET else 'NOT met'})"
        )
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(f_info["timings"].items()))
        print(f"  full run stages: {stages}")
        b_stages = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(b_info["timings"].items()))
        print(f"  backend run stages: {b_stages}")

        seconds, files, output, code = typecheck(full_out / "web", args.runs)
        print(
            f"tsc --noEmit -p . in <out>/web: {seconds:.2f} s, {files} .ts/.tsx files, "
            f"exit {code}"
        )
        if code != 0:
            lines = output.splitlines()
            errors = sum(1 for ln in lines if ": error TS" in ln)
            print(f"tsc reported {errors} error line(s); first 40 lines:")
            print("\n".join(lines[:40]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
