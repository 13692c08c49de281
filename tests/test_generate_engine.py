"""The generate engine: ownership, idempotence, all-or-nothing writes, path safety,
--check/--dry-run/--diff, the manifest. Runs on the bundled example (backend families)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from toolchain import ROOT

from scaffold.generate import generate
from scaffold.generate.plan import check_relpath
from scaffold.generate.write import FAULT_ENV, KILL_ENV, JOURNAL, STATE_DIR

EXAMPLE_SPEC = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
BACKEND = ("sql", "go", "project")
HANDLERS = "internal/handlers/invites.go"
TYPES = "internal/invites/workspace_invites_types.gen.go"
MIGRATION = "migrations/20261124000001_create_invites.sql"


def gen(out: Path, **kw):
    return generate([EXAMPLE_SPEC], out, families=BACKEND, **kw)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("engine") / "app"
    result = gen(out)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert {f.action for f in result.files} == {"created"}
    return out


@pytest.fixture
def target(first_run: Path, tmp_path: Path) -> Path:
    out = tmp_path / "app"
    shutil.copytree(first_run, out)
    return out


def test_second_run_changes_zero_bytes(target: Path) -> None:
    before = snapshot(target)
    result = gen(target)
    assert result.exit_code == 0
    assert result.counts() == {"unchanged": len(result.files)}
    assert snapshot(target) == before
    assert not (target / STATE_DIR / JOURNAL).exists()
    assert not list((target / STATE_DIR).glob("staging-*"))


def test_same_input_same_bytes_in_two_targets(first_run: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "app"
    assert gen(other).exit_code == 0
    assert snapshot(other) == snapshot(first_run)


def test_manifest_records_owners_hashes_names_and_no_clock(first_run: Path) -> None:
    manifest = json.loads((first_run / ".scaffold" / "manifest.json").read_text())
    entry = manifest["features"]["workspace-invites"]
    assert entry["specs"][0]["path"] == "tech-specs/workspace-invites.md"
    assert len(entry["specs"][0]["sha256"]) == 64
    assert entry["files"][HANDLERS]["owner"] == "user"
    assert entry["files"][TYPES]["owner"] == "generated"
    assert entry["files"][MIGRATION]["owner"] == "migration"
    text = json.dumps(manifest)
    assert "2026-11-25" not in text and "T1" not in text  # no timestamps of the run
    # The base copy of every user-owned file is the text last generated.
    for rel, rec in entry["files"].items():
        if rec["owner"] == "user":
            assert (first_run / ".scaffold" / "base" / rel).read_bytes() == (
                first_run / rel
            ).read_bytes()


def test_user_owned_file_edited_by_hand_survives(target: Path) -> None:
    handlers = target / HANDLERS
    edited = handlers.read_text() + "\n// my own code\n"
    handlers.write_text(edited)
    result = gen(target)
    assert result.exit_code == 0
    action = {f.path: f.action for f in result.files}
    assert action[HANDLERS] == "kept"
    assert handlers.read_text() == edited


def test_force_overwrites_user_files_but_never_migrations(target: Path) -> None:
    (target / HANDLERS).write_text("package handlers\n")
    migration = target / MIGRATION
    migration.write_text(migration.read_text() + "-- edited\n")
    result = gen(target, force=True)
    action = {f.path: f.action for f in result.files}
    assert action[HANDLERS] == "updated"
    assert action[MIGRATION] == "changed"
    assert migration.read_text().endswith("-- edited\n")


def test_generated_file_edited_by_hand_is_regenerated(target: Path, first_run: Path) -> None:
    (target / TYPES).write_text("package invites\n")
    result = gen(target)
    action = {f.path: (f.action, f.note) for f in result.files}
    assert action[TYPES] == ("updated", "edited by hand; regenerated")
    assert (target / TYPES).read_bytes() == (first_run / TYPES).read_bytes()


def test_changed_migration_is_reported_never_rewritten(target: Path) -> None:
    migration = target / MIGRATION
    migration.write_text(migration.read_text().replace("invites", "invitations"))
    edited = migration.read_bytes()
    result = gen(target)
    assert migration.read_bytes() == edited
    assert any(d.rule == "GEN040" for d in result.diagnostics)
    assert any(i.kind == "migration-changed" for i in result.instructions)


def test_migration_is_the_same_when_only_its_place_in_the_spec_moved(
    target: Path, tmp_path: Path
) -> None:
    """An edit above the data model shifts every line after it; the migrations do not
    change, so nothing is reported and ``--check`` stays green (issue 12)."""
    spec = tmp_path / "tech-specs" / EXAMPLE_SPEC.name
    spec.parent.mkdir()
    text = EXAMPLE_SPEC.read_text()
    head, sep, tail = text.partition("\n## ")
    spec.write_text(head + "\n\nA paragraph added later.\n\nAnd another one.\n" + sep + tail)
    before = (target / MIGRATION).read_bytes()
    result = generate([spec], target, families=BACKEND, check=True)
    assert not [d for d in result.diagnostics if d.rule == "GEN040"]
    assert {f.path: f.action for f in result.files}[MIGRATION] == "unchanged"
    assert (target / MIGRATION).read_bytes() == before


def test_migration_with_an_older_header_but_the_same_sql_is_unchanged(target: Path) -> None:
    migration = target / MIGRATION
    lines = migration.read_text().splitlines(keepends=True)
    lines[0] = "-- Generated by scaffold from tech-specs/workspace-invites.md:999 §3 (T-001).\n"
    migration.write_text("".join(lines))
    edited = migration.read_bytes()
    result = gen(target, check=True)
    assert result.exit_code == 0
    assert not [d for d in result.diagnostics if d.rule == "GEN040"]
    assert migration.read_bytes() == edited


def test_check_lists_what_would_change_and_writes_nothing(target: Path) -> None:
    assert gen(target, check=True).exit_code == 0
    (target / TYPES).write_text("package invites\n")
    (target / "internal/scaffoldrt/scaffoldrt.go").unlink()
    before = snapshot(target)
    result = gen(target, check=True)
    assert result.exit_code == 1
    assert {f.path for f in result.changed()} == {TYPES, "internal/scaffoldrt/scaffoldrt.go"}
    assert "would update" in result.summary_table()
    assert snapshot(target) == before


def test_dry_run_and_diff_write_nothing(target: Path) -> None:
    (target / TYPES).write_text("package invites // edited\n")
    before = snapshot(target)
    result = gen(target, dry_run=True, diff=True)
    assert result.exit_code == 0
    assert snapshot(target) == before
    text = "".join(result.diffs)
    assert f"--- a/{TYPES}" in text and f"+++ b/{TYPES}" in text
    assert "-package invites // edited" in text


def test_dry_run_into_a_missing_directory_creates_nothing(tmp_path: Path) -> None:
    out = tmp_path / "nothing-here"
    result = gen(out, dry_run=True)
    assert result.exit_code == 0
    assert result.counts()["created"] > 5
    assert not out.exists()


def _prepare_changes(target: Path) -> dict[str, bytes]:
    """Make a rerun update several files and create others; return the tree before it."""
    (target / TYPES).write_text("package invites\n")
    (target / "internal/scaffoldrt/scaffoldrt.go").write_text("package scaffoldrt\n")
    shutil.rmtree(target / "internal" / "handlers")
    return snapshot(target)


def test_fault_mid_write_leaves_the_target_as_it_was(target: Path, monkeypatch) -> None:
    before = _prepare_changes(target)
    monkeypatch.setenv(FAULT_ENV, "3")
    result = gen(target)
    assert result.exit_code == 1
    assert any(d.rule == "GEN032" for d in result.diagnostics)
    assert snapshot(target) == before
    assert not (target / "internal" / "handlers").exists()


def test_run_killed_midway_is_rolled_back_by_the_next_run(target: Path) -> None:
    before = _prepare_changes(target)
    code = (
        "import sys; from pathlib import Path; from scaffold.generate import generate; "
        f"generate([Path({str(EXAMPLE_SPEC)!r})], Path({str(target)!r}), families={BACKEND!r})"
    )
    env = {**os.environ, KILL_ENV: "4"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    assert proc.returncode == 137, proc.stderr
    assert (target / STATE_DIR / JOURNAL).exists()
    assert snapshot(target) != before  # half written
    # A read-only run does not touch the interrupted state; the next writing run rolls back.
    result = gen(target)
    assert any(d.rule == "GEN031" for d in result.diagnostics)
    assert result.exit_code == 0
    assert not (target / STATE_DIR / JOURNAL).exists()
    assert gen(target, check=True).exit_code == 0


def test_recovery_restores_the_exact_old_tree(target: Path) -> None:
    from scaffold.generate.write import recover

    before = _prepare_changes(target)
    code = (
        "from pathlib import Path; from scaffold.generate import generate; "
        f"generate([Path({str(EXAMPLE_SPEC)!r})], Path({str(target)!r}), families={BACKEND!r})"
    )
    env = {**os.environ, KILL_ENV: "5"}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 137
    diags = recover(target)
    assert [d.rule for d in diags] == ["GEN031"]
    after = snapshot(target)
    assert {k: v for k, v in after.items() if not k.startswith(".scaffold/staging")} == before


def test_symlink_leading_out_of_the_target_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "app"
    out.mkdir()
    (out / "internal").symlink_to(outside, target_is_directory=True)
    result = gen(out)
    assert result.exit_code == 1
    refused = [d for d in result.diagnostics if d.rule == "GEN030"]
    assert refused and all(d.path.startswith("internal/") for d in refused)
    assert "symlink leading out of the target" in refused[0].message
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["internal"]


@pytest.mark.parametrize(
    "path, problem",
    [
        ("../escape.go", "leaves the target"),
        ("a/../../escape.go", "leaves the target"),
        ("/etc/passwd", "absolute"),
        ("C:/x.go", "absolute"),
        (".scaffold/manifest.json", "only scaffold itself writes"),
        (".git/config", ".git"),
        ("internal/ok.go", None),
    ],
)
def test_planned_paths_are_checked(path: str, problem: str | None) -> None:
    found = check_relpath(path)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_existing_go_mod_gets_go_get_commands_and_is_not_edited(tmp_path: Path) -> None:
    out = tmp_path / "app"
    out.mkdir()
    gomod = "module example.com/mine\n\ngo 1.22\n"
    (out / "go.mod").write_text(gomod)
    result = gen(out)
    assert result.exit_code == 0
    assert (out / "go.mod").read_text() == gomod
    commands = [i.command for i in result.instructions if i.kind == "go-get"]
    assert commands == ["go get github.com/google/uuid@v1.6.0"]
    text = (out / "internal/handlers/workspace_invites_routes.gen.go").read_text()
    assert '"example.com/mine/internal/invites"' in text


def test_router_file_the_spec_modifies_is_never_edited(tmp_path: Path) -> None:
    out = tmp_path / "app"
    router = out / "internal" / "server" / "router.go"
    router.parent.mkdir(parents=True)
    router.write_text("package server\n")
    result = gen(out)
    assert router.read_text() == "package server\n"
    lines = [i.message for i in result.instructions if i.kind == "add-line"]
    assert lines == [
        "add to internal/server/router.go, where the API routes are registered: "
        "handlers.RegisterWorkspaceInvitesRoutes(mux, &handlers.WorkspaceInvitesDeps{…})"
    ]


def test_existing_handler_file_not_ours_is_not_touched(tmp_path: Path) -> None:
    out = tmp_path / "app"
    (out / "internal" / "handlers").mkdir(parents=True)
    (out / HANDLERS).write_text("package handlers\n")
    result = gen(out)
    assert (out / HANDLERS).read_text() == "package handlers\n"
    moved = "internal/handlers/workspace_invites_handlers.go"
    assert (out / moved).is_file()
    assert any(moved in i.message for i in result.instructions)


def test_stale_generated_file_is_deleted_only_with_prune(target: Path) -> None:
    manifest_path = target / ".scaffold" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    stale = "internal/invites/old_feature.gen.go"
    (target / stale).write_text("package invites\n")
    from scaffold.generate.manifest import sha256_file

    manifest["features"]["workspace-invites"]["files"][stale] = {
        "owner": "generated",
        "sha256": sha256_file(target / stale),
        "blueprint": "go-api",
    }
    manifest_path.write_text(json.dumps(manifest))
    result = gen(target)
    assert {f.path: f.action for f in result.files}[stale] == "stale"
    assert (target / stale).exists()
    result = gen(target, prune=True)
    assert {f.path: f.action for f in result.files}[stale] == "deleted"
    assert not (target / stale).exists()
    assert stale not in {f.path for f in gen(target).files}


def test_feature_name_from_flag(tmp_path: Path) -> None:
    out = tmp_path / "app"
    result = gen(out, name="team-invites")
    assert result.exit_code == 0
    assert (out / "internal/handlers/team_invites_routes.gen.go").is_file()
    manifest = json.loads((out / ".scaffold" / "manifest.json").read_text())
    assert list(manifest["features"]) == ["team-invites"]


def test_prewarmed_render_worker_writes_the_same_bytes(first_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "app"
    result = gen(out, prewarm=True)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert snapshot(out) == snapshot(first_run)


def test_render_error_in_the_worker_is_a_diagnostic(tmp_path: Path) -> None:
    broken = tmp_path / "go-api"
    shutil.copytree(ROOT / "blueprints" / "go-api", broken)
    (broken / "blueprint.toml").write_text('view = "go-api"\nversion = 99\n')
    out = tmp_path / "app"
    result = gen(out, prewarm=True, overrides={"blueprints": {"go-api": broken}})
    assert result.exit_code == 1
    assert "GEN011" in {d.rule for d in result.diagnostics}
    assert not (out / HANDLERS).exists()


def test_a_shared_render_writes_the_same_bytes(
    first_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large batches are rendered by the worker and this process together."""
    from scaffold.generate import worker

    monkeypatch.setattr(worker, "SHARE_MIN_FILES", 1)
    out = tmp_path / "app"
    result = gen(out, prewarm=True)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert snapshot(out) == snapshot(first_run)


def test_sharing_splits_whole_jobs_by_file_count() -> None:
    from types import SimpleNamespace

    from scaffold.generate.worker import PARENT_SHARE, share

    jobs = [SimpleNamespace(files=[0] * n, name=n) for n in (120, 60, 50, 40, 20, 10)]
    theirs, mine = share(jobs)
    assert sorted(j.name for j in theirs + mine) == [10, 20, 40, 50, 60, 120]
    parent = sum(len(j.files) for j in mine) / 300
    assert abs(parent - PARENT_SHARE) < 0.1
