"""Three-way merge of user-owned files (scaffold.merge), with real `git merge-file`."""

from __future__ import annotations

import hashlib

import pytest

from scaffold.merge import (
    LABEL_BASE,
    LABEL_OURS,
    LABEL_THEIRS,
    find_conflicts,
    merge3,
    stale_file,
    update_user_file,
)

pytestmark = pytest.mark.usefixtures("git_available")


@pytest.fixture
def git_available() -> None:
    from toolchain import require_tool

    require_tool("git")


BASE = b"""package handlers

func Create() {
\t// TODO(T-006): implement Create
\treturn
}

func List() {
\t// TODO(T-006): implement List
\treturn
}
"""

# The user implemented Create.
OURS = BASE.replace(
    b"\t// TODO(T-006): implement Create\n\treturn\n", b"\tsvc.Create(ctx)\n\treturn\n"
)
# The spec added an endpoint: a new function at the end.
THEIRS_ADD = BASE + b"\nfunc Revoke() {\n\t// TODO(T-007): implement Revoke\n\treturn\n}\n"
# The spec changed the very lines the user rewrote.
THEIRS_CLASH = BASE.replace(
    b"\t// TODO(T-006): implement Create\n", b"\t// TODO(T-006): implement Create (now 201)\n"
)


@pytest.mark.parametrize(
    ("name", "base", "ours", "theirs", "action", "expect"),
    [
        ("identical", BASE, BASE, BASE, "unchanged", None),
        ("no base copy", None, OURS, THEIRS_ADD, "kept", None),
        ("never edited", BASE, BASE, THEIRS_ADD, "updated", THEIRS_ADD),
        ("spec did not change it", BASE, OURS, BASE, "kept", None),
        ("user applied the change by hand", BASE, THEIRS_ADD, THEIRS_ADD, "unchanged", None),
        (
            "clean merge",
            BASE,
            OURS,
            THEIRS_ADD,
            "merged",
            OURS + b"\nfunc Revoke() {\n\t// TODO(T-007): implement Revoke\n\treturn\n}\n",
        ),
    ],
)
def test_update_user_file_policy(name, base, ours, theirs, action, expect) -> None:
    upd = update_user_file("internal/handlers/invites.go", base=base, ours=ours, theirs=theirs)
    assert upd.action == action, name
    assert upd.content == expect, name
    assert upd.diagnostics == []


def test_conflict_keeps_markers_and_reports_its_line() -> None:
    upd = update_user_file(
        "internal/handlers/invites.go", base=BASE, ours=OURS, theirs=THEIRS_CLASH
    )
    assert upd.action == "conflict"
    text = upd.content.decode()
    lines = text.splitlines()
    start = lines.index(f"<<<<<<< {LABEL_OURS}") + 1
    assert f"||||||| {LABEL_BASE}" in lines
    assert f">>>>>>> {LABEL_THEIRS}" in lines
    assert "\tsvc.Create(ctx)" in lines  # the user's line is kept inside the conflict
    assert "\t// TODO(T-006): implement Create (now 201)" in lines
    # The untouched function stays as it was, outside the conflict.
    assert text.count("func List()") == 1
    [diag] = upd.diagnostics
    assert (diag.rule, diag.severity, diag.path, diag.line) == (
        "MERGE001",
        "error",
        "internal/handlers/invites.go",
        start,
    )
    assert upd.base_moves_on  # the next run merges from the new rendering


def test_merge3_counts_every_conflict() -> None:
    base = b"a\nb\nc\nd\ne\nf\ng\n"
    ours = b"A\nb\nc\nd\ne\nf\nG\n"
    theirs = b"a2\nb\nc\nd\ne\nf\ng2\n"
    result = merge3(base, ours, theirs)
    assert [(c.line, c.end_line) for c in result.conflicts] == [(1, 7), (13, 19)]
    assert find_conflicts(result.content) == result.conflicts


def test_merge3_keeps_crlf_and_missing_final_newline() -> None:
    base = b"one\r\ntwo\r\nthree"
    ours = b"ONE\r\ntwo\r\nthree"
    theirs = b"one\r\ntwo\r\nthree\r\nfour"
    assert merge3(base, ours, theirs).content == b"ONE\r\ntwo\r\nthree\r\nfour"


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


@pytest.mark.parametrize(
    ("owner", "recorded", "current", "base", "prune", "action", "warned"),
    [
        ("user", _sha(BASE), BASE, BASE, False, "stale", True),
        ("user", _sha(BASE), BASE, BASE, True, "deleted", False),
        ("user", _sha(BASE), OURS, BASE, True, "stale", True),
        ("generated", _sha(BASE), BASE, None, True, "deleted", False),
        ("generated", _sha(BASE), OURS, None, True, "stale", True),
        ("migration", _sha(BASE), BASE, None, True, "stale", True),
        ("user", _sha(BASE), None, BASE, True, "forget", False),
    ],
)
def test_stale_file_policy(owner, recorded, current, base, prune, action, warned) -> None:
    decision = stale_file(
        "web/src/pages/AcceptInvitePage.tsx",
        owner=owner,
        recorded_sha256=recorded,
        current=current,
        base=base,
        prune=prune,
    )
    assert decision.action == action
    assert bool(decision.diagnostics) == warned
    for d in decision.diagnostics:
        assert d.rule == "GEN042" and d.path == "web/src/pages/AcceptInvitePage.tsx"


def test_an_unresolved_conflict_is_reported_again_not_merged() -> None:
    first = update_user_file("h.go", base=BASE, ours=OURS, theirs=THEIRS_CLASH)
    # Next run: the file still has the markers; the base copy is now THEIRS_CLASH, and the
    # spec changed again.
    again = update_user_file("h.go", base=THEIRS_CLASH, ours=first.content, theirs=THEIRS_ADD)
    assert again.action == "kept" and again.content is None
    assert not again.base_moves_on
    [diag] = again.diagnostics
    assert diag.rule == "MERGE001" and diag.line == first.diagnostics[0].line
    assert diag.message.startswith("unresolved merge conflict from an earlier run")
