"""File discovery for ``scaffold drift``: the Go and TypeScript files under the given paths.

Directories are walked recursively, honouring every ``.gitignore`` met on the way
(and the ones above the walked directory up to the repository root, as git does),
plus ``.git/info/exclude``. Always skipped: ``.git``, ``vendor`` (Go), ``node_modules``
(so the generated ``.d.ts`` of installed packages are never read), ``testdata`` and
hidden directories. Go test files (``_test.go``) are not API types and are skipped.
A file given explicitly is always read, whatever the ignore rules say.
``exclude`` adds gitignore-style patterns (config ``[tool.scaffold.drift] exclude``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SKIP_DIRS = frozenset({".git", "vendor", "node_modules", "testdata", ".scaffold"})
GO_SUFFIXES = (".go",)
TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")


@dataclass
class Walked:
    files: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)  # paths given that do not exist


def _is_source(name: str, language: str) -> bool:
    if language == "go":
        return name.endswith(".go") and not name.endswith("_test.go")
    return name.endswith(TS_SUFFIXES)


def _spec(lines: list[str]):  # noqa: ANN202 - pathspec.PathSpec
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", lines)


def _read_ignore(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _repo_root(start: Path) -> Path | None:
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return None


class _Ignore:
    """gitignore rules in force for one directory: (base dir, spec) pairs, outermost first."""

    __slots__ = ("rules",)

    def __init__(self, rules: tuple = ()) -> None:
        self.rules = rules

    def child(self, directory: str) -> "_Ignore":
        lines = [ln for ln in _read_ignore(Path(directory) / ".gitignore") if ln.strip()]
        if not lines:
            return self
        return _Ignore(self.rules + ((directory.rstrip(os.sep) + os.sep, _spec(lines)),))

    def ignored(self, path: str, is_dir: bool) -> bool:
        verdict = False
        for base, spec in self.rules:
            if not path.startswith(base):
                continue
            rel = path[len(base) :].replace(os.sep, "/")
            if is_dir:
                rel += "/"
            # Deeper files override outer ones, as in git; within one file the last
            # matching pattern wins (check_file applies that).
            include = spec.check_file(rel).include
            if include is not None:
                verdict = include
        return verdict


def _inherited(directory: Path) -> _Ignore:
    """The ignore rules of the directories above ``directory`` inside its repository."""
    root = _repo_root(directory)
    ignore = _Ignore()
    if root is None:
        return ignore
    exclude = [ln for ln in _read_ignore(root / ".git" / "info" / "exclude") if ln.strip()]
    if exclude:
        ignore = _Ignore(((str(root).rstrip(os.sep) + os.sep, _spec(exclude)),))
    chain = [directory, *directory.parents]
    above = chain[1 : chain.index(root) + 1] if root in chain else []
    for d in reversed(above):
        ignore = ignore.child(str(d))
    return ignore


def _shown_anyway(ignore: _Ignore, directory: str) -> _Ignore:
    """The rules above an explicit ``directory`` without those that hide it (DESIGN §11).

    A path given on the command line is read even where a ``.gitignore`` above it
    ignores it (``gen/`` in the repository's ``.gitignore``, ``--go gen/api``), as
    ripgrep does; the other rules of that file, and every rule below, still apply.
    """
    if not ignore.rules or not ignore.ignored(directory, True):
        return ignore
    kept = []
    for base, spec in ignore.rules:
        if directory.startswith(base):
            rel = directory[len(base) :].replace(os.sep, "/") + "/"
            parts = rel.rstrip("/").split("/")
            prefixes = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
            if any(spec.match_file(p) for p in prefixes):
                lines = [
                    str(getattr(pat, "pattern", ""))
                    for pat in spec.patterns
                    if not any(
                        getattr(pat, "include", None) and pat.match_file(p) for p in prefixes
                    )
                ]
                lines = [ln for ln in lines if ln]
                if lines:
                    kept.append((base, _spec(lines)))
                continue
        kept.append((base, spec))
    return _Ignore(tuple(kept))


def walk(paths: list[str | Path], language: str, exclude: list[str] | None = None) -> Walked:
    """The ``language`` ("go" or "ts") source files under ``paths``, sorted, without duplicates."""
    out = Walked()
    extra = _spec(exclude) if exclude else None
    seen: set[str] = set()
    found: list[str] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            out.missing.append(p)
            continue
        if p.is_file():
            if str(p) not in seen:
                seen.add(str(p))
                found.append(str(p))
            continue
        start = str(p.resolve())
        shown = str(p)
        cut = len(start) + 1
        stack: list[tuple[str, _Ignore]] = [(start, _shown_anyway(_inherited(Path(start)), start))]
        while stack:
            directory, ignore = stack.pop()
            ignore = ignore.child(directory)
            try:
                with os.scandir(directory) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            subdirs = []
            for e in entries:
                name = e.name
                try:
                    is_dir = e.is_dir()
                except OSError:
                    continue
                path = e.path
                if is_dir:
                    if name in SKIP_DIRS or name.startswith("."):
                        continue
                    if ignore.rules and ignore.ignored(path, True):
                        continue
                    if extra is not None and extra.match_file(
                        path[cut:].replace(os.sep, "/") + "/"
                    ):
                        continue
                    subdirs.append((path, ignore))
                elif _is_source(name, language):
                    if ignore.rules and ignore.ignored(path, False):
                        continue
                    rel = path[cut:]
                    if extra is not None and extra.match_file(rel.replace(os.sep, "/")):
                        continue
                    full = os.path.join(shown, rel)
                    if full not in seen:
                        seen.add(full)
                        found.append(full)
            stack.extend(reversed(subdirs))
    out.files = [Path(f) for f in sorted(found)]
    return out
