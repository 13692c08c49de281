"""File paths are exact, relative and inside the repo (``PATH0xx``)."""

from __future__ import annotations

import re
from typing import Iterator

from ...diagnostics import Diagnostic
from ...model import Pos
from ..engine import Context, rule, this

_PLACEHOLDER = re.compile(r"\[[^\]]*\]|<[^>]*>|\{\{[^}]*\}\}|\bYYYY|\bXXX\b|\bTODO\b|\bTBD\b")
_ELLIPSIS = re.compile(r"\.\.\.|…")
_PROSE_WORDS = re.compile(
    r"\b(somewhere|appropriate|relevant|wherever|folder|directory|etc|existing|some|"
    r"the\s+\w+\s+(?:file|folder|package|module))\b",
    re.IGNORECASE,
)
_WINDOWS_ABS = re.compile(r"^[A-Za-z]:[\\/]")


def spec_paths(ctx: Context) -> list[tuple[Pos, str, str]]:
    """Every file path the spec names: (position, path, what names it)."""
    spec = ctx.spec
    out: list[tuple[Pos, str, str]] = []
    for task in spec.tasks:
        for f in task.files:
            out.append((f.pos if f.pos.line else task.pos, f.path, f"{task.id} file"))
    for entry in spec.files:
        out.append((entry.pos, entry.path, "file table"))
    for comp in spec.components:
        out.append((comp.pos, comp.path, "component"))
    for hook in spec.hooks:
        if hook.path:
            out.append((hook.pos, hook.path, "hook"))
    for ep in spec.endpoints:
        if ep.handler is not None and ep.handler.file:
            out.append((ep.handler.pos, ep.handler.file, "handler"))
    for mig in spec.migrations:
        out.append((mig.pos, mig.path, "migration"))
    for ts in spec.ts_types:
        if ts.file:
            out.append((ts.pos, ts.file, "TypeScript type"))
    return out


def _escapes(path: str) -> bool:
    depth = 0
    for part in re.split(r"[\\/]+", path):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in {"", "."}:
            depth += 1
    return False


def _example(what: str) -> str:
    return {
        "migration": "migrations/20260216120000_create_invites.sql",
        "component": "src/components/invites/InviteDialog.tsx",
        "hook": "src/hooks/useInvites.ts",
        "TypeScript type": "src/types/invites.ts",
    }.get(what, "internal/invites/handler.go")


def _findings(ctx: Context, rule_id: str, test) -> Iterator[Diagnostic]:
    seen: set[tuple] = set()
    for pos, path, what in spec_paths(ctx):
        message = test(path.strip(), what)
        if message and (pos, path) not in seen:
            seen.add((pos, path))
            yield this(rule_id).at(pos, message)


@rule("PATH001", "error", "file paths have no placeholders (`[path]`, `<name>`, YYYY…)")
def placeholders(ctx: Context) -> Iterator[Diagnostic]:
    def test(path: str, what: str) -> str | None:
        m = _PLACEHOLDER.search(path)
        if m:
            return (
                f"{what} path '{path}' has the placeholder '{m.group(0)}'; write the exact "
                f"path, such as {_example(what)}"
            )
        return None

    yield from _findings(ctx, "PATH001", test)


@rule("PATH002", "error", "file paths have no ellipsis (`…`, `...`)")
def ellipsis(ctx: Context) -> Iterator[Diagnostic]:
    def test(path: str, what: str) -> str | None:
        if _ELLIPSIS.search(path) and not _PLACEHOLDER.search(path):
            return (
                f"{what} path '{path}' is elided; write the whole path, such as "
                f"{_example(what)}"
            )
        return None

    yield from _findings(ctx, "PATH002", test)


@rule("PATH003", "error", "file paths are paths, not prose (no 'somewhere in the api folder')")
def prose(ctx: Context) -> Iterator[Diagnostic]:
    def test(path: str, what: str) -> str | None:
        if not path:
            return f"{what} path is empty; write the exact path, such as {_example(what)}"
        if _PLACEHOLDER.search(path) or _ELLIPSIS.search(path):
            return None
        if re.search(r"\s", path) or _PROSE_WORDS.search(path) and "/" not in path:
            return (
                f"{what} path '{path}' reads as prose; it should be an exact path, such as "
                f"{_example(what)}"
            )
        if path.endswith(("/", "\\")):
            return f"{what} path '{path}' is a directory; name the file, such as {_example(what)}"
        return None

    yield from _findings(ctx, "PATH003", test)


@rule("PATH004", "error", "file paths are relative to the repo root, not absolute")
def absolute(ctx: Context) -> Iterator[Diagnostic]:
    def test(path: str, what: str) -> str | None:
        if path.startswith(("/", "\\", "~")) or _WINDOWS_ABS.match(path):
            rel = re.sub(r"^(~[^/\\]*|[A-Za-z]:)?[\\/]+", "", path)
            return (
                f"{what} path '{path}' is absolute; it should be relative to the repo root, "
                f"such as {rel or _example(what)}"
            )
        return None

    yield from _findings(ctx, "PATH004", test)


@rule("PATH005", "error", "file paths stay inside the repo (no `..` climbing out)")
def escapes(ctx: Context) -> Iterator[Diagnostic]:
    def test(path: str, what: str) -> str | None:
        if _escapes(path):
            return (
                f"{what} path '{path}' leaves the repo through '..'; it should be a path "
                f"inside it, such as {_example(what)}"
            )
        return None

    yield from _findings(ctx, "PATH005", test)
