"""Write: move staged files into the target, all or nothing (DESIGN §6).

Every path is checked first (no ``..``, not absolute, no symlink leading out of the
target). A journal (``.scaffold/journal.json``) lists every move before the first
one; each file a move replaces is kept as a backup until all moves succeed. Any
failure restores the old tree. A run killed midway leaves the journal behind; the
next run finds it and rolls the target back before doing anything else.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..diagnostics import Diagnostic
from .plan import check_relpath

STATE_DIR = ".scaffold"
JOURNAL = "journal.json"
# Test seams: raise (fault) or die (kill) after N moves. Never set outside tests.
FAULT_ENV = "SCAFFOLD_TEST_FAULT_AFTER"
KILL_ENV = "SCAFFOLD_TEST_KILL_AFTER"


class WriteError(Exception):
    """A write was refused or failed; the target is as it was. Carries diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class Move:
    rel: str  # POSIX path relative to the target
    staged: Path | None  # new content; None = delete the file
    state: bool = False  # scaffold's own file under .scaffold/


def path_problem(root: Path, rel: str, state: bool = False) -> str | None:
    """Why writing ``rel`` under ``root`` is refused, or None."""
    problem = check_relpath(rel, state)
    if problem:
        return problem
    root_real = root.resolve()
    current = root
    parts = rel.split("/")
    for i, part in enumerate(parts):
        current = current / part
        if current.is_symlink():
            real = current.resolve()
            if real != root_real and root_real not in real.parents:
                return f"{'/'.join(parts[: i + 1])} is a symlink leading out of the target ({real})"
            if i == len(parts) - 1:
                return f"{rel} is a symlink; scaffold replaces files, not links"
        elif not current.exists():
            break
        elif i < len(parts) - 1 and not current.is_dir():
            return f"{'/'.join(parts[: i + 1])} is a file, but {rel} needs it to be a directory"
    return None


def check_paths(root: Path, rels: list[str], state: bool = False) -> list[Diagnostic]:
    """One positioned error per refused path."""
    diags = []
    for rel in rels:
        problem = path_problem(root, rel, state)
        if problem:
            diags.append(
                Diagnostic(rule="GEN030", severity="error", message=problem, path=rel, line=0)
            )
    return diags


def recover(root: Path) -> list[Diagnostic]:
    """Roll back a run that was killed midway (its journal is still there)."""
    journal = root / STATE_DIR / JOURNAL
    if not journal.is_file():
        return []
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        data = {"entries": [], "staging": ""}
    _rollback(root, data.get("entries", []), data.get("created_dirs", []))
    staging = data.get("staging", "")
    if staging and check_relpath(staging, state=True) is None:
        shutil.rmtree(root / staging, ignore_errors=True)
    journal.unlink(missing_ok=True)
    return [
        Diagnostic(
            rule="GEN031",
            severity="warning",
            message="an earlier scaffold run was interrupted while writing; its changes were "
            "rolled back before this run",
            path=f"{STATE_DIR}/{JOURNAL}",
        )
    ]


def _rollback(root: Path, entries: list[dict], created_dirs: list[str]) -> None:
    for entry in reversed(entries):
        target = root / entry["rel"]
        backup = entry.get("backup")
        if backup and (root / backup).exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(root / backup, target)
        elif not entry.get("existed"):
            try:
                target.unlink()
            except FileNotFoundError:
                pass
    for rel in sorted(created_dirs, key=lambda d: -d.count("/")):
        try:
            (root / rel).rmdir()
        except OSError:
            pass


def _fsync_write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def apply(root: Path, moves: list[Move], staging: Path) -> None:
    """Move staged files into ``root`` atomically as a set; raise :class:`WriteError`."""
    if not moves:
        return
    diags = check_paths(root, [m.rel for m in moves if not m.state])
    diags += check_paths(root, [m.rel for m in moves if m.state], state=True)
    if diags:
        raise WriteError(diags)
    state = root / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    backup_dir = staging / "backup"
    staging_rel = staging.relative_to(root).as_posix()
    entries: list[dict] = []
    created_dirs: list[str] = []
    for m in moves:
        target = root / m.rel
        existed = target.exists()
        entries.append(
            {
                "rel": m.rel,
                "existed": existed,
                "backup": f"{staging_rel}/backup/{m.rel}" if existed else None,
            }
        )
    # Every directory the moves need, parents first, recorded before the first move: the
    # journal is written once (a run killed midway removes the ones that exist, empty).
    seen_dirs: set[str] = {"."}
    for m in moves:
        for parent in reversed(PurePosixPath(m.rel).parents):
            rel = parent.as_posix()
            if rel not in seen_dirs:
                seen_dirs.add(rel)
                if not (root / rel).exists():
                    created_dirs.append(rel)
    journal = state / JOURNAL
    record = {"staging": staging_rel, "entries": entries, "created_dirs": created_dirs}
    _fsync_write(journal, json.dumps(record))
    fault_after = int(os.environ.get(FAULT_ENV, "-1"))
    kill_after = int(os.environ.get(KILL_ENV, "-1"))
    done = 0
    try:
        for m, entry in zip(moves, entries):
            target = root / m.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if entry["existed"]:
                backup = backup_dir / m.rel
                backup.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, backup)
            if m.staged is not None:
                os.replace(m.staged, target)
            done += 1
            if done == kill_after:
                os._exit(137)
            if done == fault_after:
                raise OSError(f"injected fault after {done} moves")
    except BaseException as exc:
        _rollback(root, entries, created_dirs)
        journal.unlink(missing_ok=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise WriteError(
            [
                Diagnostic(
                    rule="GEN032",
                    severity="error",
                    message=f"writing failed ({type(exc).__name__}: {exc}); the target was "
                    "restored as it was",
                )
            ]
        ) from exc
    journal.unlink(missing_ok=True)
