"""Three-way merge of user-owned files when the spec changed (DESIGN §4).

A user-owned file (handler stub, component skeleton, test file) is created once and then
belongs to its user. When the spec changes what scaffold would write into it, the change
is merged three ways, with real ``git merge-file --diff3``:

- *base*: the exact text scaffold generated last time (``.scaffold/base/<path>``),
- *ours*: the file as it is now (the user's edits),
- *theirs*: what scaffold renders from the spec now.

:func:`update_user_file` is the whole policy for one existing user-owned file; the
generate engine calls it and writes what it returns (or nothing). A conflict keeps
git's standard markers in the file and becomes a ``MERGE001`` error at its line, so the
run exits 1. :func:`stale_file` is the policy for a file whose spec element is gone:
reported, deleted only with ``--prune`` and only when unmodified; migrations never.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .diagnostics import Diagnostic

MERGE_CONFLICT = "MERGE001"
MERGE_FAILED = "MERGE002"
STALE_FILE = "GEN042"

UserAction = Literal["unchanged", "updated", "merged", "conflict", "kept"]
StaleAction = Literal["deleted", "stale", "forget"]

# The labels git writes after the conflict markers (`<<<<<<< yours`, `||||||| …`).
LABEL_OURS = "yours"
LABEL_BASE = "generated before"
LABEL_THEIRS = "generated now"


class MergeError(Exception):
    """git merge-file could not run (git missing, an unreadable input)."""


@dataclass(frozen=True)
class Conflict:
    """One conflict hunk in the merged text; lines are 1-based, inclusive."""

    line: int  # the `<<<<<<<` line
    end_line: int  # the `>>>>>>>` line


@dataclass
class MergeResult:
    """The merged bytes (with conflict markers when there are conflicts)."""

    content: bytes
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _git() -> str:
    git = shutil.which("git")
    if git is None:
        raise MergeError("git is not on PATH; a three-way merge needs `git merge-file`")
    return git


def merge3(base: bytes, ours: bytes, theirs: bytes) -> MergeResult:
    """Merge ``ours`` and ``theirs`` from their common ``base`` with ``git merge-file``.

    Conflicts keep git's diff3-style markers (``<<<<<<< yours`` / ``||||||| generated
    before`` / ``=======`` / ``>>>>>>> generated now``) and are listed with their lines.
    """
    if ours == theirs:
        return MergeResult(ours)
    if base == ours:
        return MergeResult(theirs)
    if base == theirs:
        return MergeResult(ours)
    git = _git()
    with tempfile.TemporaryDirectory(prefix="scaffold-merge-") as tmp:
        d = Path(tmp)
        (d / "ours").write_bytes(ours)
        (d / "base").write_bytes(base)
        (d / "theirs").write_bytes(theirs)
        proc = subprocess.run(
            [
                git,
                "merge-file",
                "-p",
                "--diff3",
                "-L",
                LABEL_OURS,
                "-L",
                LABEL_BASE,
                "-L",
                LABEL_THEIRS,
                str(d / "ours"),
                str(d / "base"),
                str(d / "theirs"),
            ],
            capture_output=True,
            check=False,
        )
    # Exit status: the number of conflicts (capped at 127), negative/255 on error.
    if proc.returncode < 0 or proc.returncode > 127:
        raise MergeError(proc.stderr.decode("utf-8", "replace").strip() or "git merge-file failed")
    content = proc.stdout
    return MergeResult(content, find_conflicts(content))


def find_conflicts(content: bytes) -> list[Conflict]:
    """The conflict hunks scaffold's merge wrote (by their labelled markers)."""
    start_marker = b"<<<<<<< " + LABEL_OURS.encode()
    end_marker = b">>>>>>> " + LABEL_THEIRS.encode()
    out: list[Conflict] = []
    start = 0
    for n, line in enumerate(content.split(b"\n"), 1):
        text = line.rstrip(b"\r")
        if text == start_marker:
            start = n
        elif text == end_marker and start:
            out.append(Conflict(start, n))
            start = 0
    return out


def conflict_diagnostics(rel: str, conflicts: list[Conflict]) -> list[Diagnostic]:
    """One ``MERGE001`` error per conflict, at its ``<<<<<<<`` line."""
    return [
        Diagnostic(
            rule=MERGE_CONFLICT,
            severity="error",
            message=f"merge conflict (lines {c.line}-{c.end_line}): your edit and the spec's "
            f"change touch the same lines. Keep what is right between `<<<<<<< {LABEL_OURS}` "
            f"and `>>>>>>> {LABEL_THEIRS}`, delete the markers, and run again.",
            path=rel,
            line=c.line,
            column=1,
        )
        for c in conflicts
    ]


@dataclass
class UserFileUpdate:
    """What to do with one existing user-owned file. ``content`` None: leave it as it is."""

    action: UserAction
    content: bytes | None = None
    note: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def base_moves_on(self) -> bool:
        """Whether ``.scaffold/base/<path>`` must now hold the new rendering: it does
        whenever the new rendering was taken into the file (rewritten or merged)."""
        return self.action in ("updated", "merged", "conflict", "unchanged")


def update_user_file(rel: str, *, base: bytes | None, ours: bytes, theirs: bytes) -> UserFileUpdate:
    """The policy for an existing user-owned file ``rel`` (DESIGN §4).

    - ``ours == theirs``: unchanged.
    - ``ours`` still holds a conflict of an earlier run: kept, the conflict reported again.
    - no base (scaffold never generated this file, or its base copy is lost): kept.
    - the user never edited it (``ours == base``): rewritten with the new rendering.
    - the spec did not change what scaffold writes (``base == theirs``): kept.
    - otherwise merged three ways: a clean merge is written; conflicts are written with
      markers and reported as ``MERGE001`` errors.
    """
    if ours == theirs:
        return UserFileUpdate("unchanged")
    unresolved = find_conflicts(ours)
    if unresolved:
        # An earlier run's conflict is still in the file: report it again, merge nothing.
        return UserFileUpdate(
            "kept",
            note=f"{len(unresolved)} unresolved conflict(s) from an earlier run; left as it is",
            diagnostics=[
                d.model_copy(
                    update={
                        "message": "unresolved merge conflict from an earlier run. " + d.message
                    }
                )
                for d in conflict_diagnostics(rel, unresolved)
            ],
        )
    if base is None:
        return UserFileUpdate(
            "kept",
            note="not generated by scaffold before (no .scaffold/base copy); left as it is",
        )
    if ours == base:
        return UserFileUpdate("updated", theirs, note="not edited since generated; rewritten")
    if base == theirs:
        return UserFileUpdate("kept", note="edited by you; the spec did not change it")
    try:
        merged = merge3(base, ours, theirs)
    except MergeError as exc:
        return UserFileUpdate(
            "kept",
            note="merge failed; left as it is",
            diagnostics=[
                Diagnostic(
                    rule=MERGE_FAILED,
                    severity="error",
                    message=f"cannot merge the spec's change into {rel}: {exc}",
                    path=rel,
                )
            ],
        )
    if merged.clean:
        return UserFileUpdate("merged", merged.content, note="your edits merged with the spec's")
    n = len(merged.conflicts)
    return UserFileUpdate(
        "conflict",
        merged.content,
        note=f"{n} conflict(s) marked in the file",
        diagnostics=conflict_diagnostics(rel, merged.conflicts),
    )


# --------------------------------------------------------------------------- stale files


@dataclass
class StaleDecision:
    """What to do with a file scaffold wrote before whose spec element is gone.

    ``deleted``: delete it (and its base copy); ``stale``: leave it, keep it in the
    manifest so a later ``--prune`` can still delete it; ``forget``: it is already gone,
    drop it from the manifest.
    """

    action: StaleAction
    diagnostics: list[Diagnostic] = field(default_factory=list)
    note: str = ""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stale_file(
    rel: str,
    *,
    owner: str,
    recorded_sha256: str,
    current: bytes | None,
    base: bytes | None,
    prune: bool,
) -> StaleDecision:
    """The policy for a file the previous run wrote and this run no longer plans.

    Unmodified means: its bytes are what scaffold wrote (the manifest's hash), or for a
    user-owned file, its base copy. Migrations are never deleted (write a new migration).
    """
    if current is None:
        return StaleDecision("forget")
    if owner == "migration":
        return StaleDecision(
            "stale",
            [
                Diagnostic(
                    rule=STALE_FILE,
                    severity="warning",
                    message=f"migration {rel} is no longer in the spec; migrations are never "
                    "deleted: write a new migration that undoes it if it must go",
                    path=rel,
                )
            ],
            note="no longer in the spec; migrations are never deleted",
        )
    unmodified = _sha(current) == recorded_sha256 or (base is not None and current == base)
    if unmodified and prune:
        return StaleDecision("deleted", note="its spec element is gone; pruned")
    if unmodified:
        message = (
            "its spec element is gone (removed from the spec, or moved to another file); "
            "the file is as scaffold wrote it: `scaffold generate --prune` deletes it"
        )
        note = "its spec element is gone; --prune deletes it"
    else:
        message = (
            "its spec element is gone (removed from the spec, or moved to another file), and "
            "the file was edited since scaffold wrote it: left in place even with --prune; "
            "move what you need and delete it by hand"
        )
        note = "its spec element is gone; edited, so never pruned"
    return StaleDecision(
        "stale",
        [Diagnostic(rule=STALE_FILE, severity="warning", message=message, path=rel)],
        note=note,
    )
