"""Regeneration after a spec change, through `generate` (Go families only, no toolchain):
untouched stubs rewritten, edited stubs merged, conflicts marked and reported, migrations
left alone, files of a dropped spec element pruned only on request."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from toolchain import ROOT, require_tool

from scaffold.generate import generate
from scaffold.generate.manifest import BASE_DIR

EXAMPLE = ROOT / "generated_example"
SPEC_REL = "tech-specs/workspace-invites.md"
FAMILIES = ("sql", "go", "project")
HANDLER = "internal/handlers/invites.go"


@pytest.fixture(autouse=True)
def _git() -> None:
    require_tool("git")  # the merge runs `git merge-file`


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """The example generated into an app directory whose spec lives inside it."""
    root = tmp_path / "app"
    (root / "tech-specs").mkdir(parents=True)
    shutil.copy(EXAMPLE / SPEC_REL, root / SPEC_REL)
    shutil.copy(EXAMPLE / "scaffold.toml", root / "scaffold.toml")
    (root / "db").mkdir()
    shutil.copy(EXAMPLE / "db/schema.sql", root / "db/schema.sql")
    first = regenerate(root)
    assert first.exit_code == 0, [d.text() for d in first.diagnostics]
    return root


def regenerate(root: Path, **kw):
    return generate([root / SPEC_REL], root, families=FAMILIES, **kw)


def edit_spec(root: Path, old: str, new: str) -> None:
    spec = root / SPEC_REL
    text = spec.read_text()
    assert text.count(old) == 1, old
    spec.write_text(text.replace(old, new))


def edit_file(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def actions(result) -> dict[str, str]:
    return {f.path: f.action for f in result.files}


# The success status of CreateInvite: 201 -> 200 changes the stub's last line of CreateInvite.
STATUS_201 = "**Response (201):**\n```go\ntype InviteResponse struct"
STATUS_200 = "**Response (200):**\n```go\ntype InviteResponse struct"
# A new description line for ListInvites changes only its doc comment.
LIST_DESC = "**Description:** Lists the workspace's invites of every status, newest first,"
LIST_DESC_NEW = (
    "**Description:** Lists the workspace's invites (all of them) of every status, newest first,"
)


def test_an_untouched_stub_is_rewritten(app: Path) -> None:
    edit_spec(app, STATUS_201, STATUS_200)
    result = regenerate(app)
    assert result.exit_code == 0
    assert actions(result)[HANDLER] == "updated"
    text = (app / HANDLER).read_text()
    assert "scaffoldrt.WriteJSON(w, http.StatusOK, resp)" in text
    assert (app / BASE_DIR / HANDLER).read_text() == text


def test_an_edited_stub_is_merged(app: Path) -> None:
    edit_file(app, HANDLER, "\t\t_ = req\n", "\t\t_ = req // checked by the service\n")
    edit_spec(app, LIST_DESC, LIST_DESC_NEW)
    result = regenerate(app)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert actions(result)[HANDLER] == "merged"
    text = (app / HANDLER).read_text()
    assert "_ = req // checked by the service" in text
    assert "invites (all of them) of every status" in text
    # The base copy is the new rendering, not the merge: the next merge starts from it.
    base = (app / BASE_DIR / HANDLER).read_text()
    assert "invites (all of them) of every status" in base
    assert "checked by the service" not in base
    again = regenerate(app)
    assert actions(again)[HANDLER] == "kept" and again.exit_code == 0


def test_a_conflict_is_marked_reported_and_resolvable(app: Path) -> None:
    edit_file(
        app,
        HANDLER,
        "\t\tscaffoldrt.WriteJSON(w, http.StatusCreated, resp)\n",
        "\t\tscaffoldrt.WriteJSON(w, http.StatusCreated, resp) // 201 as the API guide says\n",
    )
    edit_spec(app, STATUS_201, STATUS_200)
    result = regenerate(app)
    assert result.exit_code == 1
    assert actions(result)[HANDLER] == "conflict"
    lines = (app / HANDLER).read_text().splitlines()
    start = lines.index("<<<<<<< yours") + 1
    [diag] = [d for d in result.diagnostics if d.rule == "MERGE001"]
    assert (diag.path, diag.line, diag.severity) == (HANDLER, start, "error")
    assert "\t\tscaffoldrt.WriteJSON(w, http.StatusOK, resp)" in lines
    assert "||||||| generated before" in lines and ">>>>>>> generated now" in lines

    # Not resolved yet: the next run says so again, and changes nothing.
    unresolved = regenerate(app)
    assert unresolved.exit_code == 1
    assert [d.line for d in unresolved.diagnostics if d.rule == "MERGE001"] == [start]
    assert (app / HANDLER).read_text().splitlines() == lines

    # Resolve it as a user would: keep one side, drop the markers.
    text = (app / HANDLER).read_text()
    head, rest = text.split("<<<<<<< yours\n", 1)
    ours, rest = rest.split("||||||| generated before\n", 1)
    _, rest = rest.split(">>>>>>> generated now\n", 1)
    (app / HANDLER).write_text(head + ours.replace("StatusCreated", "StatusOK") + rest)
    after = regenerate(app)
    assert after.exit_code == 0, [d.text() for d in after.diagnostics]
    assert actions(after)[HANDLER] == "kept"


def test_a_changed_migration_is_reported_never_rewritten(app: Path) -> None:
    mig = "migrations/20261124000002_create_invite_events.sql"
    before = (app / mig).read_bytes()
    edit_spec(
        app,
        "CREATE INDEX idx_invite_events_invite_created ON invite_events(invite_id, created_at);",
        "CREATE INDEX idx_invite_events_invite_created ON invite_events(invite_id, created_at, id);",
    )
    result = regenerate(app)
    assert actions(result)[mig] == "changed"
    assert any(d.rule == "GEN040" and d.path == mig for d in result.diagnostics)
    assert (app / mig).read_bytes() == before


LIST_IN_MAIN = "**Handler:** `handlers.ListInvites` in `internal/handlers/invites.go`"
LIST_APART = "**Handler:** `handlers.ListInvites` in `internal/handlers/invites_list.go`"
LIST_FILE = "internal/handlers/invites_list.go"


@pytest.mark.parametrize("edited", [False, True])
def test_a_file_whose_spec_element_is_gone_is_pruned_only_on_request(app: Path, edited) -> None:
    # ListInvites moves to a file of its own, then back: the own file's element is gone.
    edit_spec(app, LIST_IN_MAIN, LIST_APART)
    moved = regenerate(app)
    assert actions(moved)[LIST_FILE] == "created"
    assert actions(moved)[HANDLER] == "updated"  # untouched: rewritten without ListInvites
    if edited:
        edit_file(app, LIST_FILE, "package handlers\n", "package handlers\n\n// Reviewed.\n")
    edit_spec(app, LIST_APART, LIST_IN_MAIN)

    back = regenerate(app)
    assert back.exit_code == 0
    assert actions(back)[LIST_FILE] == "stale"
    [warn] = [d for d in back.diagnostics if d.rule == "GEN042" and d.path == LIST_FILE]
    assert warn.severity == "warning" and "--prune" in warn.message
    assert (app / LIST_FILE).is_file()

    pruned = regenerate(app, prune=True)
    assert pruned.exit_code == 0
    if edited:  # never deleted: it holds the user's work
        assert actions(pruned)[LIST_FILE] == "stale"
        assert (app / LIST_FILE).is_file()
        assert "edited" in next(
            d.message for d in pruned.diagnostics if d.rule == "GEN042" and d.path == LIST_FILE
        )
    else:
        assert actions(pruned)[LIST_FILE] == "deleted"
        assert not (app / LIST_FILE).exists()
        assert not (app / BASE_DIR / LIST_FILE).exists()
        assert LIST_FILE not in actions(regenerate(app))  # forgotten by the manifest


def test_prune_on_an_unchanged_spec_deletes_nothing(tmp_path: Path) -> None:
    """Project files a family writes only into a bare target (package.json, App.tsx, the
    shadcn primitives, go.mod) are the user's afterwards: never stale, never pruned."""
    root = tmp_path / "app"
    (root / "tech-specs").mkdir(parents=True)
    shutil.copy(EXAMPLE / SPEC_REL, root / SPEC_REL)
    shutil.copy(EXAMPLE / "scaffold.toml", root / "scaffold.toml")
    (root / "db").mkdir()
    shutil.copy(EXAMPLE / "db/schema.sql", root / "db/schema.sql")
    assert generate([root / SPEC_REL], root).exit_code == 0
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    again = generate([root / SPEC_REL], root, prune=True)
    assert again.exit_code == 0
    assert {f.path: f.action for f in again.files if f.action != "unchanged"} == {}
    assert not [d.text() for d in again.diagnostics if d.rule == "GEN042"]
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before
