"""Benchmark `scaffold check` as a user feels it (DESIGN §13, §15).

Each figure is a whole process from a fresh interpreter (warm OS cache), the median of
``--runs`` interleaved rounds, printed next to its floors measured in the same rounds:

- interpreter floor: ``python -c pass``;
- import floor: importing exactly the library modules a check run ends up with in
  ``sys.modules`` (pydantic, sqlglot with its postgres dialect, markdown-it, tree-sitter
  with its Go and TS grammars, pglast, the YAML libraries, click: everything but
  ``scaffold`` itself, listed by a probe run), nothing else. Listing them matters: these
  libraries import lazily, so ``import pydantic`` alone loads a fraction of what using
  ``BaseModel`` does;
- ``scaffold --help``;
- ``scaffold check`` on the bundled example (markdown) and on its YAML twin.

Targets: ``--help`` ≤ 0.2 s; check ≤ 1.5x the import floor. The check path must not
import copier or jinja2: the bench asserts it.

Usage: .venv/bin/python bench/check.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SPEC = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
BASE = "import sys; print('\\n'.join(sorted(sys.modules)))"


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"`{' '.join(cmd)}` exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    probe = (
        "import sys, runpy; sys.argv = ['scaffold', 'check', %r]\n"
        "try:\n    runpy.run_module('scaffold', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "bad = sorted(m for m in ('copier', 'jinja2') if m in sys.modules)\n"
        "print(','.join(bad))" % str(SPEC)
    )
    probe += "\nprint('\\n'.join(sorted(sys.modules)))"
    lines = subprocess.run([PY, "-c", probe], capture_output=True, text=True).stdout.splitlines()
    bad = [ln for ln in lines if ln.split(".")[0] in ("copier", "jinja2")]
    if bad:
        sys.exit(f"check imported {', '.join(bad[:3])}: keep it off the check path")
    interpreter = set(
        subprocess.run([PY, "-c", BASE], capture_output=True, text=True).stdout.split()
    )
    used = [
        m
        for m in lines
        if m and m not in interpreter and m.split(".")[0] not in ("scaffold", "runpy", "__main__")
    ]
    imports = (
        "import importlib\n"
        f"for m in {used!r}:\n"
        "    try:\n        importlib.import_module(m)\n"
        "    except Exception:\n        pass\n"
    )

    rows = [
        ("python -c pass", [PY, "-c", "pass"]),
        ("import floor (libraries check uses)", [PY, "-c", imports]),
        ("scaffold --help", [PY, "-m", "scaffold", "--help"]),
        ("scaffold check example.md", [PY, "-m", "scaffold", "check", str(SPEC)]),
        (
            "scaffold check example.yaml",
            [PY, "-m", "scaffold", "check", str(SPEC.with_suffix(".yaml"))],
        ),
    ]
    # Rounds interleave the commands, so load on a shared machine hits floor and check
    # alike; the ratio reported is the median of the per-round ratios.
    times: dict[str, list[float]] = {name: [] for name, _ in rows}
    for _ in range(args.runs):
        for name, cmd in rows:
            times[name].append(wall(cmd, 1))
    floor_name = "import floor (libraries check uses)"
    results = {name: statistics.median(ts) for name, ts in times.items()}
    ratios = {
        name: statistics.median(t / f for t, f in zip(ts, times[floor_name]))
        for name, ts in times.items()
    }
    print(f"median of {args.runs} interleaved rounds of fresh processes (warm OS cache)")
    for name, seconds in results.items():
        print(f"  {name:<38} {seconds * 1000:7.0f} ms   {ratios[name]:5.2f}x import floor")
    md = ratios["scaffold check example.md"]
    print(
        f"target: check ≤ 1.5x import floor → {md:.2f}x "
        f"({'met' if md <= 1.5 else 'NOT met'}); "
        f"--help ≤ 200 ms → {results['scaffold --help'] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
