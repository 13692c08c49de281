"""`scaffold bootstrap` with real git: the branch, the commit, refusals, and roll-back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from toolchain import ROOT, git_identity, require_tool, use_git_identity

from scaffold.bootstrap import bootstrap

EXAMPLE = ROOT / "generated_example"
SPEC_REL = "tech-specs/workspace-invites.md"
IDENTITY = git_identity("Dana Okafor", "dana@example.com")


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    use_git_identity(monkeypatch, IDENTITY)


def git(repo: Path, *args: str, env: dict | None = None) -> str:
    import os

    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return proc.stdout.strip()


def make_repo(path: Path, spec_text: str | None = None) -> Path:
    """An app repository whose first commit holds the spec, its config and baseline."""
    path.mkdir(parents=True)
    (path / "tech-specs").mkdir()
    text = spec_text if spec_text is not None else (EXAMPLE / SPEC_REL).read_text()
    (path / SPEC_REL).write_text(text)
    shutil.copy(EXAMPLE / "scaffold.toml", path / "scaffold.toml")
    (path / "db").mkdir()
    shutil.copy(EXAMPLE / "db" / "schema.sql", path / "db" / "schema.sql")
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    date = {"GIT_AUTHOR_DATE": "2026-11-20T09:00:00Z", "GIT_COMMITTER_DATE": "2026-11-20T09:00:00Z"}
    git(path, "commit", "-q", "-m", "Add the invites spec", env=date)
    return path


def snapshot(repo: Path) -> dict:
    """Everything bootstrap may change: branches, HEAD, the status, the files."""
    return {
        "head": git(repo, "rev-parse", "HEAD"),
        "branch": git(repo, "symbolic-ref", "--short", "HEAD"),
        "branches": git(repo, "branch", "--format=%(refname:short)").splitlines(),
        "status": git(repo, "status", "--porcelain", "--untracked-files=all"),
        "files": sorted(
            p.relative_to(repo).as_posix()
            for p in repo.rglob("*")
            if p.is_file() and ".git" not in p.relative_to(repo).parts
        ),
    }


def run_bootstrap(repo: Path, **kw):
    return bootstrap([repo / SPEC_REL], repo, **kw)


def test_bootstrap_commits_on_its_branch(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "app")
    start = git(repo, "rev-parse", "HEAD")
    result = run_bootstrap(repo)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert result.branch == "spec/workspace-invites"
    assert git(repo, "symbolic-ref", "--short", "HEAD") == "spec/workspace-invites"
    assert git(repo, "rev-parse", "HEAD") == result.commit
    assert git(repo, "rev-parse", "HEAD~1") == start
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    # Dates come from the spec (Last updated: 2026-11-24), not the clock.
    assert git(repo, "log", "-1", "--format=%aI|%cI") == (
        "2026-11-24T00:00:00+00:00|2026-11-24T00:00:00+00:00"
    )
    committed = set(git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines())
    for rel in (
        ".scaffold/manifest.json",
        ".scaffold/base/internal/handlers/invites.go",
        "internal/handlers/invites.go",
        "migrations/20261124000001_create_invites.sql",
        "web/src/components/invites/InviteList.tsx",
        "tech-specs/workspace-invites.tasks.md",
    ):
        assert rel in committed, rel
    message = git(repo, "log", "-1", "--format=%B")
    assert message.splitlines()[0] == "Scaffold Workspace Invites from its tech spec"
    assert "- T-006 Add the create and list invite endpoints [US-001, US-002]" in message
    assert "handlers.RegisterWorkspaceInvitesRoutes" in message
    trailers = git(repo, "log", "-1", "--format=%(trailers:only,unfold)").splitlines()
    import hashlib

    sha = hashlib.sha256((repo / SPEC_REL).read_bytes()).hexdigest()
    assert trailers == [
        f"Spec: {SPEC_REL}",
        f"Spec-SHA256: {sha}",
        "Implements: US-001, US-002, US-003, US-004, US-005",
    ]


def test_checklist_lists_tasks_files_commands_and_markers(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "app")
    result = run_bootstrap(repo)
    assert result.exit_code == 0
    text = (repo / "tech-specs/workspace-invites.tasks.md").read_text()
    assert "TODO(" not in text  # names places; is not itself work left to do
    t6 = text[text.index("**T-006:**") : text.index("**T-007:**")]
    assert "  - Implements: US-001, US-002" in t6
    assert "    - Create `internal/handlers/invites.go` (exists)" in t6
    assert "    - Create `internal/handlers/invites_routes.go` (to write)" in t6
    assert "  - By hand: add to internal/server/router.go" in t6
    assert "    - `go test ./internal/handlers/... -run 'TestCreateInvite|TestListInvites'`" in t6
    assert "    - `internal/handlers/workspace_invites_routes.gen.go`" in t6
    # The contract the spec's T-003 describes is generated: the agent is told not to
    # define those types again.
    t3 = text[text.index("**T-003:**") : text.index("**T-004:**")]
    assert "  - Generated by scaffold" in t3
    assert "    - `internal/invites/workspace_invites_types.gen.go`" in t3
    # Each marker with its file:line, and the line really holds that task's marker.
    listed = [ln.split("`")[1] for ln in t6.splitlines() if ln.startswith("    - `internal/")]
    markers = [x for x in listed if x.count(":") == 1 and x.split(":")[1].isdigit()]
    assert markers, t6
    for where in markers:
        path, line = where.split(":")
        assert "TODO(T-006)" in (repo / path).read_text().splitlines()[int(line) - 1]


def test_same_spec_and_repo_state_give_the_same_commit(tmp_path: Path) -> None:
    a = make_repo(tmp_path / "a")
    b = make_repo(tmp_path / "b")
    assert git(a, "rev-parse", "HEAD") == git(b, "rev-parse", "HEAD")
    ra, rb = run_bootstrap(a), run_bootstrap(b)
    assert ra.exit_code == rb.exit_code == 0
    assert ra.tree == rb.tree
    assert ra.commit == rb.commit
    # Again in the same repository, after dropping the branch.
    git(a, "switch", "-q", "main")
    git(a, "branch", "-q", "-D", "spec/workspace-invites")
    again = run_bootstrap(a)
    assert (again.tree, again.commit) == (ra.tree, ra.commit)


@pytest.mark.parametrize(
    ("name", "prepare", "rule", "code"),
    [
        ("untracked file", lambda r: (r / "notes.txt").write_text("wip\n"), "BOOT002", 1),
        (
            "modified file",
            lambda r: (r / "scaffold.toml").write_text("# changed\n", encoding="utf-8"),
            "BOOT002",
            1,
        ),
        ("branch exists", lambda r: git(r, "branch", "spec/workspace-invites"), "BOOT001", 1),
    ],
)
def test_refuses_and_changes_nothing(tmp_path: Path, name, prepare, rule, code) -> None:
    repo = make_repo(tmp_path / "app")
    prepare(repo)
    before = snapshot(repo)
    result = run_bootstrap(repo)
    assert result.exit_code == code, name
    assert [d.rule for d in result.diagnostics if d.severity == "error"] == [rule], name
    assert snapshot(repo) == before, name


def test_refuses_a_spec_with_blocking_errors(tmp_path: Path) -> None:
    text = (EXAMPLE / SPEC_REL).read_text()
    assert "type CreateInviteRequest struct {" in text
    text = text.replace("type CreateInviteRequest struct {", "type CreateInviteRequest struct {{")
    repo = make_repo(tmp_path / "app", text)
    before = snapshot(repo)
    result = run_bootstrap(repo)
    assert result.exit_code == 1
    rules = {d.rule for d in result.diagnostics if d.severity == "error"}
    assert "SPEC020" in rules and "GEN002" in rules
    assert snapshot(repo) == before


def test_a_non_blocking_error_is_counted_not_refused(tmp_path: Path) -> None:
    """DESIGN §17: a status the template does not allow makes no output wrong."""
    text = (EXAMPLE / SPEC_REL).read_text().replace("**Status:** Approved", "**Status:** Finished")
    repo = make_repo(tmp_path / "app", text)
    result = run_bootstrap(repo)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert [d.rule for d in result.diagnostics if d.rule == "GEN004"] == ["GEN004"]


def test_not_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    result = bootstrap([EXAMPLE / SPEC_REL], tmp_path / "plain")
    assert result.exit_code == 2 and result.diagnostics[0].rule == "BOOT001"


def test_fault_mid_write_leaves_the_repo_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "app")
    before = snapshot(repo)
    monkeypatch.setenv("SCAFFOLD_TEST_FAULT_AFTER", "7")
    result = run_bootstrap(repo)
    assert result.exit_code == 1
    assert "GEN032" in {d.rule for d in result.diagnostics}
    assert snapshot(repo) == before


def test_failing_commit_hook_rolls_everything_back(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "app")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'lint failed' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = snapshot(repo)
    result = run_bootstrap(repo)
    assert result.exit_code == 1
    [d] = [d for d in result.diagnostics if d.rule == "BOOT003"]
    assert "lint failed" in d.message and "restored" in d.message
    assert snapshot(repo) == before


def test_commit_message_names_every_spec_of_the_feature() -> None:
    from scaffold.bootstrap import commit_message
    from scaffold.generate import GenerateResult
    from scaffold.read import load_feature

    spec = load_feature([EXAMPLE / SPEC_REL])
    message = commit_message(
        spec,
        [("tech-specs/invites-api.md", "a" * 64), ("tech-specs/invites-web.md", "b" * 64)],
        "tech-specs/invites-api.tasks.md",
        GenerateResult(),
    )
    proc = subprocess.run(
        ["git", "interpret-trailers", "--parse"], input=message, capture_output=True, text=True
    )
    assert proc.stdout.splitlines() == [
        "Spec: tech-specs/invites-api.md",
        f"Spec-SHA256: {'a' * 64}",
        "Spec: tech-specs/invites-web.md",
        f"Spec-SHA256: {'b' * 64}",
        "Implements: US-001, US-002, US-003, US-004, US-005",
    ]
    assert "    scaffold status tech-specs/invites-api.md tech-specs/invites-web.md" in message
    assert all(len(line) <= 100 for line in message.splitlines()[:12])


@pytest.mark.parametrize(
    ("spec", "expect"),
    [
        ("docs/specs/invites.md", "docs/specs/invites.tasks.md"),  # beside a spec in the repo
        (None, "tech-specs/invites.tasks.md"),  # a spec outside the repo
    ],
)
def test_checklist_path(tmp_path: Path, spec, expect) -> None:
    from scaffold.checklist import checklist_path

    repo = tmp_path / "repo"
    repo.mkdir()
    path = repo / spec if spec else tmp_path / "elsewhere" / "invites.md"
    assert checklist_path([path], repo, "invites") == expect
