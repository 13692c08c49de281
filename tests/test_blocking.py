"""What stops ``scaffold generate`` (DESIGN.md §17): only blocking rules; the rest of
``check``'s findings are counted and generation goes on; ``--strict`` refuses on any."""

from __future__ import annotations

from pathlib import Path

import pytest
from toolchain import ROOT

from scaffold.check import rules_table
from scaffold.check.blocking import BLOCKS_GENERATION
from scaffold.generate import generate

EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
BACKEND = ("sql", "go", "project")


def test_every_blocking_rule_is_a_known_error_rule() -> None:
    table = {rid: (sev, blocks) for rid, sev, _, blocks in rules_table()}
    for rid in BLOCKS_GENERATION:
        assert rid in table, f"{rid} blocks generation but no rule has that ID"
        assert table[rid] == ("error", True), rid
    assert not table["TRACE001"][1] and not table["MIG007"][1]


def _spec_with(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    spec = tmp_path / "tech-specs" / "workspace-invites.md"
    spec.parent.mkdir(parents=True)
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")
    for extra in ("db/schema.sql", "scaffold.toml"):
        (tmp_path / extra).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / extra).write_bytes((ROOT / "generated_example" / extra).read_bytes())
    return spec


def _rules(result) -> list[str]:
    return [d.rule for d in result.diagnostics]


@pytest.fixture
def gap_spec(tmp_path: Path) -> Path:
    """A traceability gap (a task that implements no requirement: TRACE002), which
    does not make the output wrong."""
    return _spec_with(tmp_path, "  - _Implements:_ US-001, US-002, US-003, US-004\n", "")


def test_a_non_blocking_error_is_counted_and_generation_goes_on(
    gap_spec: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = generate([gap_spec], out, families=BACKEND)
    assert "GEN002" not in _rules(result)
    summary = [d for d in result.diagnostics if d.rule == "GEN004"]
    assert len(summary) == 1 and "error(s)" in summary[0].message
    assert "scaffold check" in summary[0].message
    # Only the count is printed, not each finding.
    assert not any(d.rule.startswith("TRACE") for d in result.diagnostics)
    assert result.exit_code == 0
    assert any(out.rglob("*.go"))


def test_strict_refuses_on_a_non_blocking_error(gap_spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = generate([gap_spec], out, families=BACKEND, strict=True)
    assert "GEN002" in _rules(result)
    assert any(d.rule.startswith("TRACE") for d in result.diagnostics)
    assert result.exit_code == 1
    assert not out.exists() or not any(out.rglob("*.go"))


def test_a_blocking_error_stops_generation(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "type CreateInviteRequest struct {" in text
    spec = _spec_with(
        tmp_path, "type CreateInviteRequest struct {", "type CreateInviteRequest struct {{"
    )
    out = tmp_path / "out"
    result = generate([spec], out, families=BACKEND)
    rules = _rules(result)
    assert "GEN002" in rules and "SPEC020" in rules
    assert result.exit_code == 1
    assert not out.exists() or not any(out.rglob("*.go"))
