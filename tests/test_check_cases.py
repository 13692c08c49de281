"""Golden cases for ``scaffold check``: ``tests/cases/check-*/``.

Each case dir holds ``spec.md`` (or ``spec.yaml``; a feature split over several files adds
``spec-*.md``), optionally ``baseline.sql`` (the
schema the spec builds on) and ``scaffold.toml`` (``migration_numbering``), and
``expected.txt``: the exact text output (``path:line:col: severity RULE message``,
paths relative to the case dir; empty for a passing case). ``UPDATE_GOLDEN=1``
rewrites the expected files from the current output.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from scaffold.check import RULES
from scaffold.diagnostics import render
from scaffold.model import merge_specs
from scaffold.read import read_spec_bytes
from scaffold.read.link import link

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES.glob("check-*") if p.is_dir())


def check_case(case: Path) -> str:
    """The text output of checking a case dir, paths relative to it."""
    from scaffold.check import run_checks
    from scaffold.sqlkit import Catalog

    spec_file = next(p for p in (case / "spec.md", case / "spec.yaml") if p.exists())
    # A feature split over several files: spec.md, then spec-*.md in name order.
    files = [spec_file, *sorted(case.glob("spec-*.md"))]
    spec = link(merge_specs([read_spec_bytes(f.read_bytes(), f.name, f.suffix) for f in files]))
    catalog = None
    baseline = case / "baseline.sql"
    if baseline.exists():
        catalog, problems = Catalog.from_sql(baseline.read_text(), baseline.name)
        spec.problems.extend(problems)
    numbering = None
    config = case / "scaffold.toml"
    if config.exists():
        numbering = tomllib.loads(config.read_text()).get("migration_numbering")
    return render(run_checks(spec, catalog, migrations_numbering=numbering))


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(case: Path) -> None:
    got = check_case(case)
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(got)
    assert got == expected_file.read_text()


def _expected_rules() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for case in CASE_DIRS:
        for line in (case / "expected.txt").read_text().splitlines():
            parts = line.split(" ")
            if len(parts) > 2 and parts[1] in ("error", "warning", "info"):
                out.setdefault(parts[2], set()).add(case.name)
    return out


def test_every_rule_has_a_failing_case() -> None:
    from scaffold.read.link import RULES as LINK_RULES

    covered = _expected_rules()
    assert sorted(rid for rid in [*RULES, *LINK_RULES] if rid not in covered) == []


def test_passing_cases_exist() -> None:
    clean = [c.name for c in CASE_DIRS if not (c / "expected.txt").read_text()]
    assert "check-clean" in clean and len(clean) >= 2


EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "generated_example"


@pytest.mark.skipif(not (EXAMPLE_DIR / "tech-specs").exists(), reason="example not written yet")
@pytest.mark.parametrize("name", ["workspace-invites.md", "workspace-invites.yaml"])
def test_bundled_example_checks_clean(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold.check import run_checks
    from scaffold.read import load_spec
    from scaffold.sqlkit import Catalog

    monkeypatch.chdir(EXAMPLE_DIR)
    spec = link(load_spec(Path("tech-specs") / name))
    catalog, problems = Catalog.from_sql(Path("db/schema.sql").read_text(), "db/schema.sql")
    spec.problems.extend(problems)
    diags = run_checks(spec, catalog)
    assert [d.text() for d in diags if d.severity != "info"] == []


def test_bundled_example_links_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold.read import load_spec

    if not (EXAMPLE_DIR / "tech-specs").exists():
        pytest.skip("example not written yet")
    monkeypatch.chdir(EXAMPLE_DIR)
    spec = link(load_spec("tech-specs/workspace-invites.md"))
    assert all(h.endpoint for h in spec.hooks)
    assert all(c.hooks for c in spec.components)
    assert all(row.error for ep in spec.endpoints for row in ep.errors)
    assert not [p for p in spec.problems if p.rule.startswith("LINK")]
