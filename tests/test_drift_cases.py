"""Golden cases for ``scaffold drift``: ``tests/cases/drift-*/``.

Each case dir holds a ``go/`` tree and a ``ts/`` tree, optionally ``scaffold.toml``
(its ``[drift]`` table: pairs, ts_name, policy, marshalers, exclude), ``spec.md``
(then drift runs with ``--spec``) and ``args.txt`` (more command-line words, one
per line: ``--pair=A=B``, ``--ts-name=I{}``, ``--policy=non-nil``), and
``expected.txt``: the exact text output, paths relative to the case dir.
``UPDATE_GOLDEN=1`` rewrites the expected files from the current output.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from scaffold.drift import RULES, DriftOptions, drift_command

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES.glob("drift-*") if p.is_dir())


def case_options(case: Path, tmp: Path) -> DriftOptions:
    opts = DriftOptions(go=["go"], ts=["ts"], config_start=case, cache_dir=tmp)
    if (case / "spec.md").exists():
        opts.spec = ["spec.md"]
    args = case / "args.txt"
    for word in args.read_text().split() if args.exists() else []:
        flag, _, value = word.partition("=")
        if flag == "--pair":
            opts.pair.append(value)
        elif flag == "--ts-name":
            opts.ts_name.append(value)
        elif flag == "--policy":
            opts.policy = value
        elif flag == "--strict":
            opts.strict = True
        else:  # pragma: no cover - a typo in a case file
            raise ValueError(f"{args}: unknown argument {word!r}")
    return opts


def run_case(case: Path, tmp: Path, fmt: str = "text") -> tuple[int, str]:
    opts = case_options(case, tmp)
    opts.fmt = fmt
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(case)
    try:
        code = drift_command(opts, out, err)
    finally:
        os.chdir(cwd)
    assert err.getvalue() == ""
    return code, out.getvalue()


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(case: Path, tmp_path: Path) -> None:
    code, got = run_case(case, tmp_path)
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(got)
    assert got == expected_file.read_text()
    has_errors = " error DRIFT" in got or " error CFG" in got
    assert code == (1 if has_errors else 0)


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_warm_cache_same_output(case: Path, tmp_path: Path) -> None:
    """A second run reads every record from the cache and says exactly the same."""
    first = run_case(case, tmp_path)
    second = run_case(case, tmp_path)
    assert first == second


def _expected_rules() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for case in CASE_DIRS:
        for line in (case / "expected.txt").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and parts[1] in ("error", "warning", "info"):
                out.setdefault(parts[2], set()).add(case.name)
    return out


def test_every_rule_has_a_case() -> None:
    covered = _expected_rules()
    assert sorted(rule for rule in RULES if rule not in covered) == []


def test_clean_cases_exist() -> None:
    clean = [
        c.name for c in CASE_DIRS if " 0 error(s), 0 warning(s)" in (c / "expected.txt").read_text()
    ]
    assert "drift-clean" in clean
