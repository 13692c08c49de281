"""Golden reading cases: ``tests/cases/read-*/`` hold a spec text and a ``key.yaml`` in
the corpus key format (``../shared/specs/README.md``) giving what the spec means; the
reading must agree on every fact the key gives. One case per way of writing a fact
(issue: what authors write), each from a spec text of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import FACETS, case_from_dir, facets_of, read_case

CASES = Path(__file__).parent / "cases"
READ_DIRS = sorted(p for p in CASES.glob("read-*") if p.is_dir())


@pytest.mark.parametrize("path", READ_DIRS, ids=[p.name for p in READ_DIRS])
def test_read_case(path: Path) -> None:
    case = case_from_dir(path)
    facets = facets_of(case)
    assert facets, f"{path.name}/key.yaml gives no fact to compare"
    spec = read_case(case)
    problems = [line for f in facets for line in FACETS[f](case, spec)]
    assert problems == []
    # Nothing the reader could not place goes unsaid, and nothing is an error.
    errors = [f"{p.pos.line}: {p.rule} {p.message}" for p in spec.problems if p.severity == "error"]
    assert errors == []
