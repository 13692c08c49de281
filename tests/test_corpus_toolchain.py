"""The invariant on every corpus spec (issue 12): what generate writes for a real user's spec
passes its own backend toolchain with no hand edit: ``gofmt -l`` empty, ``go vet``, ``go build``,
``go test``, and goose up / down-to 0 / up on PostgreSQL 15 with the key's baseline loaded.

Every case of ``corpus.cases()`` runs; the Go module and build caches are shared across cases
(``go_env`` leaves GOMODCACHE and GOCACHE at the user's defaults). A missing tool skips
locally and fails under ``CI=true`` (tests/toolchain.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import cases, write_repo
from scaffold.generate import generate
from toolchain import go_checks, go_env, goose, postgres, require_tool  # noqa: F401 (fixture)

CASES = cases()
SPECS = Path(__file__).resolve().parent.parent.parent / "shared" / "specs"


def _generated(case, tmp_path: Path) -> Path:
    """The case's stand-in repository with generate's output in it (generate refuses
    nothing: issue 11)."""
    repo = tmp_path / case.name
    write_repo(case, repo)
    result = generate(case.files, repo)
    errors = [d.text() for d in result.diagnostics if d.severity == "error"]
    assert not errors, "generate refused:\n" + "\n".join(errors)
    return repo


def _go_root(repo: Path) -> Path:
    mods = sorted(p.parent for p in repo.rglob("go.mod") if ".scaffold" not in p.parts)
    assert mods, "generate wrote no go.mod"
    return mods[0]


def _migrations(repo: Path) -> Path | None:
    for p in sorted(repo.rglob("*.sql")):
        if ".scaffold" in p.parts or p.name == "baseline.sql":
            continue
        if "-- +goose Up" in p.read_text(encoding="utf-8"):
            return p.parent
    return None


def test_corpus_cases_cover_every_spec() -> None:
    """The parametrized list runs every spec in ../shared/specs (none is skipped)."""
    if not SPECS.is_dir():
        pytest.skip(f"{SPECS} not present")
    on_disk = {p.name for p in SPECS.glob("*.md") if p.name != "README.md"}
    covered = {f.name for c in CASES for f in c.files if f.parent.resolve() == SPECS.resolve()}
    assert on_disk <= covered


@pytest.mark.toolchain
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_go_toolchain(case, tmp_path: Path) -> None:
    require_tool("go")
    go_checks(_go_root(_generated(case, tmp_path)), go_env())


@pytest.mark.toolchain
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_migrations_round_trip(case, tmp_path: Path, postgres) -> None:  # noqa: F811
    require_tool("goose")
    repo = _generated(case, tmp_path)
    migrations = _migrations(repo)
    if migrations is None:
        pytest.skip(f"{case.name} changes no schema")
    db = postgres.create_db("corpus")
    if (repo / "baseline.sql").exists():
        postgres.psql(db, file=repo / "baseline.sql")
    before = postgres.schema(db)
    goose(postgres, db, migrations, "up")
    after = postgres.schema(db)
    goose(postgres, db, migrations, "down-to", "0")
    assert postgres.schema(db) == before, "down-to 0 does not restore the baseline"
    goose(postgres, db, migrations, "up")
    assert postgres.schema(db) == after, "up after down differs from the first up"
