"""The life of a feature, as its implementer lives it, with real git, Go, Node and PostgreSQL.

1. Bootstrap the bundled example into a fresh app repository (its first commit holds the spec).
2. Implement a handler (with its happy-path test) and a component by hand, and commit.
3. Change the spec: a request field, an endpoint, an error added and an existing error's
   HTTP status changed, a component dropped (with its task).
4. Regenerate: first with a fault injected mid-write (the repository stays as it was), then
   for real. The hand-written code is still there, merged with the spec's changes; the new
   field and endpoint exist; Go builds, vets and its tests pass; TypeScript type-checks and
   Vitest passes; the dropped component is reported, and deleted only with --prune.
5. `scaffold status` reflects all of it; with --run the migrations' done commands pass on a
   real PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from toolchain import ROOT, git_identity, go_env, postgres, require_tool, run  # noqa: F401

from scaffold.bootstrap import bootstrap
from scaffold.generate import generate
from scaffold.status import status

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

EXAMPLE = ROOT / "generated_example"
SPEC_REL = "tech-specs/workspace-invites.md"
IDENTITY = git_identity("Dana Okafor", "dana@example.com")

# --------------------------------------------------------------------------- the hand edits

HANDLER_CODE = """\
		// Implemented by hand: the service decides, the handler translates.
		wsID, err := uuid.Parse(workspaceID)
		if err != nil {
			writeWorkspaceInvitesError(w, invites.ErrInvalidRequest)
			return
		}
		invitedBy, _ := uuid.Parse(caller.ID)
		params := invites.CreateInviteParams{
			WorkspaceID: wsID,
			InvitedBy:   invitedBy,
			Email:       req.Email,
			Role:        invites.InviteRole(req.Role),
		}
		inv, err := d.InviteService.Create(r.Context(), params)
		if err != nil {
			writeWorkspaceInvitesError(w, err)
			return
		}
		resp := invites.InviteResponse{WorkspaceID: wsID, Email: params.Email, Role: params.Role, Status: invites.InviteStatusPending}
		if inv != nil {
			resp.ID = inv.ID
		}
		scaffoldrt.WriteJSON(w, http.StatusCreated, resp)
"""

HAPPY_TEST = """\
	admin := &scaffoldrt.Caller{ID: "00000000-0000-4000-8000-000000000009", Roles: []string{"workspace admin"}}
	rec := serveWorkspaceInvites(t, newTestWorkspaceInvitesDeps(admin, nil), "POST", "/api/v1/workspaces/00000000-0000-4000-8000-000000000001/invites", `{"email": "new@example.com", "role": "member"}`)
	if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), `"email":"new@example.com"`) {
		t.Fatalf("status = %d, body: %s; want 201 with the invite", rec.Code, rec.Body.String())
	}
"""

DIALOG_SUBMIT = """\
    createInviteMutation.mutate(body, {
      onSuccess: () => {
        formElement.reset();
        onOpenChange(false);
      },
    });
"""


def replace_block(text: str, start_has: str, end_has: str, new: str) -> str:
    """Replace the lines from the one containing ``start_has`` through the next one
    containing ``end_has`` with ``new``."""
    lines = text.splitlines(keepends=True)
    i = next(n for n, ln in enumerate(lines) if start_has in ln)
    j = next(n for n in range(i, len(lines)) if end_has in lines[n])
    return "".join(lines[:i]) + new + "".join(lines[j + 1 :])


def implement_by_hand(repo: Path) -> None:
    handler = repo / "internal/handlers/invites.go"
    handler.write_text(
        replace_block(
            handler.read_text(),
            "TODO(T-006): implement CreateInvite",
            "WriteJSON(w, http.StatusCreated",
            HANDLER_CODE,
        )
    )
    tests = repo / "internal/handlers/invites_test.go"
    tests.write_text(
        replace_block(
            tests.read_text(),
            't.Skip("TODO(T-006): implement CreateInvite',
            't.Skip("TODO(T-006): implement CreateInvite',
            HAPPY_TEST,
        )
    )
    dialog = repo / "web/src/components/invites/InviteDialog.tsx"
    text = replace_block(
        dialog.read_text(),
        "TODO(T-010): validate the fields",
        "TODO(T-010): validate the fields",
        "    const formElement = event.currentTarget;\n",
    )
    dialog.write_text(
        replace_block(text, "createInviteMutation.mutate(body);", "mutate(body);", DIALOG_SUBMIT)
    )


# --------------------------------------------------------------------------- the spec change

RESEND = """### POST /api/v1/workspaces/{workspace_id}/invites/{invite_id}/resend

**Description:** Sends the invite email of a pending invite again, at most three times an hour.

**Handler:** `handlers.ResendInvite` in `internal/handlers/invites.go`

**Auth:** workspace admin

**Idempotency:** Each call sends one email.

**Request struct:** none — the invite is identified by the path.

**Success:** 204 — no response body.

**Error Responses:**

| Status | Condition | Body |
|--------|-----------|------|
| 400 | `invite_id` is not a UUID (`ErrInvalidRequest`) | `{"error": "The request is invalid. Check the fields and try again."}` |
| 401 | No signed-in user (`ErrUnauthenticated`) | `{"error": "Sign in to continue."}` |
| 403 | Caller is not an owner or admin of the workspace, or the workspace does not exist (`ErrForbidden`) | `{"error": "Only workspace admins can manage invites."}` |
| 404 | No invite with this ID in this workspace (`ErrInviteNotFound`) | `{"error": "This invite does not exist."}` |
| 422 | The invite is not pending (`ErrInviteNotPending`) | `{"error": "This invite is no longer pending."}` |
| 429 | The invite was resent three times in the last hour (`ErrResendLimit`) | `{"error": "This invite was resent too often. Try again later."}` |

---

### WebSocket / Real-Time Events
"""

SPEC_EDITS = [
    # A request field.
    (
        '\tRole  string `json:"role" validate:"required,oneof=admin member"`\n}',
        '\tRole  string `json:"role" validate:"required,oneof=admin member"`\n'
        '\tNote  string `json:"note,omitempty" validate:"max=500"`\n}',
    ),
    (
        '  role: "admin" | "member";\n}\n\ninterface InviteResponse',
        '  role: "admin" | "member";\n  note?: string;\n}\n\ninterface InviteResponse',
    ),
    # An endpoint, and the service method it calls.
    ("### WebSocket / Real-Time Events\n", RESEND),
    (
        "\tRevoke(ctx context.Context, workspaceID, inviteID, actorID uuid.UUID) error\n}",
        "\tRevoke(ctx context.Context, workspaceID, inviteID, actorID uuid.UUID) error\n"
        "\tResend(ctx context.Context, workspaceID, inviteID, actorID uuid.UUID) error\n}",
    ),
    # An error added, and an existing error's HTTP status changed (409 -> 422).
    (
        "| ErrInviteRevoked | 410 | InviteRevokedError | This invite was revoked. | info |\n",
        "| ErrInviteRevoked | 410 | InviteRevokedError | This invite was revoked. | info |\n"
        "| ErrResendLimit | 429 | ResendLimitError | This invite was resent too often. "
        "Try again later. | warn |\n",
    ),
    ("| ErrInviteNotPending | 409 |", "| ErrInviteNotPending | 422 |"),
    (
        "| 409 | The invite was accepted by another user (`ErrInviteNotPending`)",
        "| 422 | The invite was accepted by another user (`ErrInviteNotPending`)",
    ),
    (
        "| 409 | The invite was accepted, or expired and replaced by a newer invite "
        "(`ErrInviteNotPending`)",
        "| 422 | The invite was accepted, or expired and replaced by a newer invite "
        "(`ErrInviteNotPending`)",
    ),
    # A component dropped: AcceptInvitePage (its row, props, description, test row, task).
    (
        "| `web/src/pages/AcceptInvitePage.tsx` | Page | Card, Button | AcceptInvitePageProps |\n",
        "",
    ),
    ("\ninterface AcceptInvitePageProps {\n  token: string;\n}\n", ""),
]


def change_spec(text: str) -> str:
    for old, new in SPEC_EDITS:
        assert text.count(old) == 1, f"the example spec changed; update the scenario: {old!r}"
        text = text.replace(old, new)
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith(("- `AcceptInvitePage` —", "| AcceptInvitePage |")):
            continue
        if line.startswith("- **T-012:**"):
            skipping = True
            continue
        if skipping and line.startswith(("- **T-", "### ")):
            skipping = False
        if not skipping:
            out.append(line)
    text = "".join(out)
    # Tasks stay sequential: T-013 and T-014 become T-012 and T-013.
    text = text.replace("_Dependencies:_ T-010, T-011, T-012", "_Dependencies:_ T-010, T-011")
    text = text.replace("T-009, T-012, T-013", "T-009, T-013")
    assert "T-012" not in text
    return text.replace("T-013", "T-012").replace("T-014", "T-013")


# --------------------------------------------------------------------------- the story


def git(repo: Path, *args: str, env: dict | None = None) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **IDENTITY, **(env or {})},
    )
    return proc.stdout.strip()


def new_app_repo(path: Path) -> Path:
    (path / "tech-specs").mkdir(parents=True)
    shutil.copy(EXAMPLE / SPEC_REL, path / SPEC_REL)
    shutil.copy(EXAMPLE / "scaffold.toml", path / "scaffold.toml")
    (path / "db").mkdir()
    shutil.copy(EXAMPLE / "db" / "schema.sql", path / "db" / "schema.sql")
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    when = {"GIT_AUTHOR_DATE": "2026-11-20T09:00:00Z", "GIT_COMMITTER_DATE": "2026-11-20T09:00:00Z"}
    git(path, "commit", "-q", "-m", "Add the invites spec", env=when)
    return path


def tree_state(repo: Path) -> dict[str, bytes]:
    return {
        p.relative_to(repo).as_posix(): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }


@dataclass
class Story:
    repo: Path
    boot: object
    boot_again: object
    status_boot: object
    status_before: object
    faulted: object
    fault_kept_tree: bool
    fault_git_status: str
    regen: object
    regen_again: object
    pruned: object
    status_after: object
    notes: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    require_tool("git")
    base = tmp_path_factory.mktemp("scenario")
    saved = {k: os.environ.get(k) for k in IDENTITY}
    os.environ.update(IDENTITY)
    try:
        repo = new_app_repo(base / "app")
        boot = bootstrap([repo / SPEC_REL], repo)
        assert boot.exit_code == 0, [d.text() for d in boot.diagnostics]
        status_boot = status([repo / SPEC_REL], repo)
        # The same spec and repository state, bootstrapped again elsewhere.
        twin = new_app_repo(base / "twin")
        boot_again = bootstrap([twin / SPEC_REL], twin)

        implement_by_hand(repo)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "Implement CreateInvite and InviteDialog submit")
        status_before = status([repo / SPEC_REL], repo)

        spec = repo / SPEC_REL
        spec.write_text(change_spec(spec.read_text()))
        git(repo, "commit", "-q", "-am", "Spec: resend invites, note field, 422, no accept page")

        before = tree_state(repo)
        os.environ["SCAFFOLD_TEST_FAULT_AFTER"] = "3"
        try:
            faulted = generate([spec], repo)
        finally:
            del os.environ["SCAFFOLD_TEST_FAULT_AFTER"]
        fault_kept_tree = tree_state(repo) == before
        fault_git_status = git(repo, "status", "--porcelain", "--untracked-files=all")

        regen = generate([spec], repo)
        regen_again = generate([spec], repo)
        pruned = generate([spec], repo, prune=True)
        status_after = status([spec], repo)
        return Story(
            repo,
            boot,
            boot_again,
            status_boot,
            status_before,
            faulted,
            fault_kept_tree,
            fault_git_status,
            regen,
            regen_again,
            pruned,
            status_after,
        )
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def actions(result) -> dict[str, str]:
    return {f.path: f.action for f in result.files}


# --------------------------------------------------------------------------- what must hold


def test_bootstrapping_twice_gives_the_same_tree(story: Story) -> None:
    assert story.boot_again.exit_code == 0
    assert story.boot_again.tree == story.boot.tree
    assert story.boot_again.commit == story.boot.commit


def test_a_fault_mid_write_leaves_the_repo_as_it_was(story: Story) -> None:
    assert story.faulted.exit_code == 1
    assert "GEN032" in {d.rule for d in story.faulted.diagnostics}
    assert story.fault_kept_tree
    assert story.fault_git_status == ""


def test_regeneration_merges_hand_written_code(story: Story) -> None:
    regen = story.regen
    errors = [d.text() for d in regen.diagnostics if d.severity == "error"]
    assert regen.exit_code == 0, errors
    got = actions(regen)
    assert got["internal/handlers/invites.go"] == "merged"
    assert got["internal/handlers/invites_test.go"] == "merged"
    assert got["internal/handlers/workspace_invites_routes.gen.go"] == "updated"
    repo = story.repo
    handler = (repo / "internal/handlers/invites.go").read_text()
    assert "// Implemented by hand: the service decides, the handler translates." in handler
    assert "TODO(T-006): implement CreateInvite" not in handler
    assert "func ResendInvite(" in handler  # the new endpoint, merged in
    assert "<<<<<<<" not in handler
    tests = (repo / "internal/handlers/invites_test.go").read_text()
    assert "want 201 with the invite" in tests and "func TestResendInvite(" in tests
    dialog = (repo / "web/src/components/invites/InviteDialog.tsx").read_text()
    assert "formElement.reset();" in dialog and "TODO(T-010): validate" not in dialog
    # A second run changes nothing.
    # The dropped component and the one shadcn part only it used stay reported as stale
    # (they are deleted only with --prune); everything else is untouched.
    again = actions(story.regen_again)
    dropped = {p for p in again if "AcceptInvitePage" in p} | {"web/src/components/ui/card.tsx"}
    assert {p: again[p] for p in dropped if p in again} == {p: "stale" for p in dropped}
    assert {
        p: a for p, a in again.items() if p not in dropped and a not in ("unchanged", "kept")
    } == {}


def test_the_spec_changes_are_in_the_code(story: Story) -> None:
    repo = story.repo
    go = "".join(p.read_text() for p in sorted((repo / "internal").rglob("*.gen.go")))
    assert 'json:"note,omitempty"' in go
    assert "ErrResendLimit" in go
    assert "POST /api/v1/workspaces/{workspace_id}/invites/{invite_id}/resend" in go
    assert "http.StatusTooManyRequests" in go or "429" in go
    assert "http.StatusUnprocessableEntity" in go or "422" in go
    ts = "".join(p.read_text() for p in sorted((repo / "web/src").rglob("*.ts")))
    assert "note?: string" in ts
    assert "ResendLimitError" in ts and "422" in ts


def test_a_dropped_component_is_reported_and_pruned_only_on_request(story: Story) -> None:
    page = "web/src/pages/AcceptInvitePage.tsx"
    assert actions(story.regen)[page] == "stale"
    assert any(d.rule == "GEN042" and d.path == page for d in story.regen.diagnostics)
    assert actions(story.pruned)[page] == "deleted"
    assert not (story.repo / page).exists()
    assert not (story.repo / ".scaffold/base" / page).exists()


def test_go_builds_vets_and_tests(story: Story, tmp_path: Path) -> None:
    go, gofmt = require_tool("go"), require_tool("gofmt")
    env = go_env(tmp_path)
    repo = story.repo
    assert run([gofmt, "-l", "."], cwd=repo).stdout.strip() == ""
    run([go, "vet", "./..."], cwd=repo, env=env)
    out = run([go, "test", "-count=1", "-v", "./internal/..."], cwd=repo, env=env).stdout
    assert "--- FAIL" not in out
    assert "--- PASS: TestCreateInviteHappyPath" in out  # the hand-written test
    assert "--- PASS: TestResendInvite/" in out  # the new endpoint's generated tests


def test_typescript_type_checks_and_vitest_passes(story: Story) -> None:
    npm = require_tool("npm")
    from wire.node import bin_path, link_node_modules

    web = story.repo / "web"
    link_node_modules(npm, web)
    try:
        run([bin_path(web, "tsc"), "--noEmit", "-p", "."], cwd=web)
        out = run([bin_path(web, "vitest"), "run"], cwd=web).stdout
        assert " failed" not in out
    finally:
        (web / "node_modules").unlink()


def test_status_reflects_the_work(story: Story) -> None:
    boot = {t.id: t for t in story.status_boot.tasks}
    before = {t.id: t for t in story.status_before.tasks}
    after = {t.id: t for t in story.status_after.tasks}
    assert boot["T-012"].title == "Build AcceptInvitePage"
    # The dropped task is gone; the old T-013 is now T-012.
    assert [t for t in after] == [f"T-{n:03d}" for n in range(1, 14)]

    def handler_markers(task) -> set[str]:
        return {m.text.split(":")[0] for m in task.markers if m.path.endswith("invites.go")}

    assert "implement CreateInvite" in handler_markers(boot["T-006"])
    assert "implement CreateInvite" not in handler_markers(before["T-006"])
    assert len(before["T-006"].markers) == len(boot["T-006"].markers) - 2  # handler + test
    assert "implement CreateInvite" not in handler_markers(after["T-006"])
    assert "implement ResendInvite" in handler_markers(after["T-006"])
    for m in after["T-006"].markers:
        line = (story.repo / m.path).read_text().splitlines()[m.line - 1]
        assert "TODO(T-006)" in line
    # InviteDialog: its own marker is gone, and its generated test submits the form for
    # real (no skipped placeholder), so nothing of T-010 is left to mark.
    assert [m.path for m in boot["T-010"].markers] != []
    assert after["T-010"].markers == []
    assert after["T-001"].state == "implemented"


def test_status_run_verifies_the_migrations(story: Story, postgres) -> None:  # noqa: F811
    goose = require_tool("goose")
    db = postgres.create_db("scenario")
    postgres.psql(db, file=story.repo / "db" / "schema.sql")
    env = {
        "GOOSE_DRIVER": "postgres",
        "GOOSE_DBSTRING": postgres.dsn(db),
        "GOOSE_MIGRATION_DIR": "migrations",
        "GOOSE_NO_COLOR": "1",
        "PATH": f"{Path(goose).parent}{os.pathsep}{os.environ['PATH']}",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    printed: list[str] = []
    try:
        result = status(
            [story.repo / SPEC_REL],
            story.repo,
            run=True,
            echo=printed.append,
            only=["T-001", "T-002"],
            yes=True,  # `goose down && goose up` destroys data: the user says yes
        )
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert printed[:3] == [
        "$ goose up    # T-001",
        "$ goose status    # T-001",
        "$ goose down && goose up    # T-001",
    ]
    states = {t.id: t.state for t in result.tasks}
    assert states == {"T-001": "verified", "T-002": "verified"}, result.text()
