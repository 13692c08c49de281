"""What a repository's own layout shows, read from its root (DESIGN §14, §19).

:func:`detect_layout` walks a few levels below the repository root (never into
``node_modules``, ``vendor``, ``.git`` or hidden directories) and finds:

- the backend root: the directory holding ``go.mod`` (when there are several: the
  one the spec's paths fall under, else the one holding migrations, else the first,
  with a note naming the others), its module path and its router (``chi``,
  ``gorilla/mux``, else ``net/http``);
- the migrations dir (under the backend root first, then the repository root) and
  its numbering (``00001_init.sql`` → sequential);
- the frontend root: the directory whose ``package.json`` depends on ``react`` (the
  same tie-breaks), its aliases (``tsconfig`` ``paths``, ``components.json``
  ``aliases``), its package manager (from the lockfile), its test runner (``vitest``
  or ``jest`` in its dependencies, else ``none``) and its radix package.

Every value comes with its origin, ``target:<file>``. :mod:`scaffold.config` decides
what a flag or a config file overrides; this module only reads.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic

if TYPE_CHECKING:  # pragma: no cover
    from .model import Spec

RULE_CHOICE = "CFG005"  # several candidates: which one was taken and how to choose another
MAX_DEPTH = 3  # directory levels below the root searched for go.mod / package.json
_SKIP_DIRS = {"node_modules", "vendor", "testdata", "dist", "build", "coverage", "__pycache__"}
MIGRATION_DIRS = ("migrations", "db/migrations", "sql/migrations", "database/migrations")
GORILLA_MUX_MODULE = "github.com/gorilla/mux"
# Lockfile → package manager, in the order a directory is looked at.
LOCKFILES: tuple[tuple[str, str], ...] = (
    ("pnpm-lock.yaml", "pnpm"),
    ("yarn.lock", "yarn"),
    ("bun.lockb", "bun"),
    ("bun.lock", "bun"),
    ("package-lock.json", "npm"),
)
TEST_RUNNERS = ("vitest", "jest")


@dataclass(frozen=True)
class Found:
    """One detected value and the file (or directory) it was read from."""

    value: Any
    origin: str  # "target:backend/go.mod"
    note: str = ""  # e.g. why the value differs from what the file names

    @property
    def shown_origin(self) -> str:
        return f"{self.origin} ({self.note})" if self.note else self.origin


@dataclass
class Layout:
    """What the target shows, by config key; absent keys were not detected."""

    values: dict[str, Found] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    backend_candidates: list[str] = field(default_factory=list)
    frontend_candidates: list[str] = field(default_factory=list)


def _rel(root: str, name: str) -> str:
    return name if root in ("", ".") else f"{root}/{name}"


def find_dirs_with(root: Path, filename: str, max_depth: int = MAX_DEPTH) -> list[str]:
    """Directories (relative, ``.`` for the root) at most ``max_depth`` below ``root``
    that hold ``filename``, sorted shallowest first, then by name."""
    found: list[str] = []
    base = root.resolve()
    for current, dirs, files in os.walk(base):
        rel = Path(current).relative_to(base)
        depth = len(rel.parts)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS and depth < max_depth
        )
        if filename in files:
            found.append(rel.as_posix() if rel.parts else ".")
    return sorted(found, key=lambda d: (0 if d == "." else d.count("/") + 1, d))


def _norm_hint(path: str) -> str:
    path = path.strip().strip("`").replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _contains(directory: str, path: str) -> bool:
    return directory in ("", ".") or path == directory or path.startswith(directory + "/")


def choose_root(
    candidates: list[str],
    hints: list[str],
    prefer: list[str],
    *,
    what: str,
    key: str,
    marker: str,
) -> tuple[str | None, Diagnostic | None]:
    """Pick one candidate directory: the only one; else the one the most ``hints`` (paths
    the spec names) fall under, deepest first; else the only one in ``prefer``; else the
    first, with an info diagnostic naming the others and the config key that chooses."""
    if not candidates:
        return None, None
    if len(candidates) == 1:
        return candidates[0], None
    scored = [
        (sum(1 for h in hints if _contains(c, h) and c not in (".", "")), c.count("/"), c)
        for c in candidates
    ]
    best = max(scored, key=lambda s: (s[0], s[1]))
    if best[0] > 0 and [s for s in scored if s[:2] == best[:2]] == [best]:
        return best[2], None
    preferred = [c for c in candidates if c in prefer]
    if len(preferred) == 1:
        return preferred[0], None
    chosen = candidates[0]
    others = ", ".join(_rel(c, marker) for c in candidates if c != chosen)
    return chosen, Diagnostic(
        rule=RULE_CHOICE,
        severity="info",
        message=f"several {what}s: took {_rel(chosen, marker)} (also {others}); set "
        f"{key} in scaffold.toml to choose another",
        path=_rel(chosen, marker),
    )


def parse_go_mod(text: str) -> tuple[str, str, dict[str, str]]:
    """Module path, go version and requirements (module → version) of a ``go.mod``."""
    module, go = "", ""
    requires: dict[str, str] = {}
    in_block = False
    for raw in text.splitlines():
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        if in_block:
            if line == ")":
                in_block = False
                continue
            parts = line.split()
            if len(parts) >= 2:
                requires[parts[0]] = parts[1]
            continue
        m = re.match(r"^(module|go|require)\s+(.*)$", line)
        if not m:
            continue
        word, rest = m.group(1), m.group(2).strip()
        if word == "module":
            module = rest.strip('"')
        elif word == "go":
            go = rest
        elif rest == "(":
            in_block = True
        else:
            parts = rest.split()
            if len(parts) >= 2:
                requires[parts[0]] = parts[1]
    return module, go, requires


def router_of(requires: dict[str, str], chi_module: str) -> tuple[str, str]:
    """(router as generate writes it, note): chi, else net/http; a gorilla/mux target is
    shown as such and generated as net/http (its handlers are plain http.Handlers)."""
    if chi_module in requires:
        return "chi", ""
    if GORILLA_MUX_MODULE in requires:
        return "net/http", "gorilla/mux found; generated as net/http handlers"
    return "net/http", ""


def infer_numbering(names: list[str]) -> str | None:
    """``timestamp`` (12+ digits) or ``sequential`` (fewer) from existing goose files."""
    kinds = set()
    for name in names:
        m = re.match(r"^(\d+)_.*\.(sql|go)$", name)
        if m:
            kinds.add("timestamp" if len(m.group(1)) >= 12 else "sequential")
    if len(kinds) == 1:
        return kinds.pop()
    return None


def find_migrations_dir(root: Path, backend_root: str) -> str | None:
    """The first conventional migrations dir under the backend root, else under the root."""
    bases = [backend_root] if backend_root in ("", ".") else [backend_root, "."]
    for base in bases:
        for candidate in MIGRATION_DIRS:
            rel = _rel(base, candidate)
            if (root / rel).is_dir():
                return rel
    return None


def migration_names(root: Path, migrations_dir: str) -> list[str]:
    try:
        return sorted(p.name for p in (root / migrations_dir).iterdir())
    except OSError:
        return []


# --------------------------------------------------------------------------- JSON files


def _strip_jsonc(text: str) -> str:
    """JSON with comments and trailing commas (``tsconfig.json``) as plain JSON."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(ch)
            i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON (or JSONC) object file, or None when missing or not an object."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for candidate in (text, _strip_jsonc(text)):
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        return data if isinstance(data, dict) else None
    return None


def _deps(package: dict[str, Any]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for section in ("dependencies", "devDependencies", "peerDependencies"):
        table = package.get(section)
        if isinstance(table, dict):
            merged.update({str(k): str(v) for k, v in table.items()})
    return merged


def is_react_package(package: dict[str, Any] | None) -> bool:
    return package is not None and "react" in _deps(package)


def runner_of(package: dict[str, Any]) -> str:
    """``vitest`` or ``jest`` when the package depends on one, else ``none``."""
    deps = _deps(package)
    return next((r for r in TEST_RUNNERS if r in deps), "none")


def radix_of(package: dict[str, Any]) -> str | None:
    """``radix-ui`` (the one package) or ``@radix-ui`` (per-primitive packages), or None."""
    deps = _deps(package)
    if "radix-ui" in deps:
        return "radix-ui"
    if any(name.startswith("@radix-ui/react-") for name in deps):
        return "@radix-ui"
    return None


def package_manager_of(root: Path, dirs: list[str]) -> tuple[str, str] | None:
    """(manager, lockfile path) from the first lockfile in ``dirs`` (frontend, then root)."""
    for directory in dirs:
        for lockfile, manager in LOCKFILES:
            rel = _rel(directory, lockfile)
            if (root / rel).is_file():
                return manager, rel
    return None


def ts_paths(root: Path, frontend_root: str) -> tuple[dict[str, str], str] | None:
    """``compilerOptions.paths`` (alias → first target) of the frontend's tsconfig, following
    its ``references`` and ``extends`` one level (Vite keeps them in ``tsconfig.app.json``)."""
    first = _rel(frontend_root, "tsconfig.json")
    queue, seen = [first], set()
    while queue:
        rel = queue.pop(0)
        if rel in seen:
            continue
        seen.add(rel)
        data = read_json(root / rel)
        if data is None:
            continue
        paths = (data.get("compilerOptions") or {}).get("paths")
        if isinstance(paths, dict) and paths:
            shown = {
                str(k): str(v[0]) if isinstance(v, list) and v else str(v)
                for k, v in sorted(paths.items())
            }
            return shown, rel
        if len(seen) > 1:
            continue
        here = Path(rel).parent
        linked = [r.get("path") for r in data.get("references") or [] if isinstance(r, dict)]
        extends = data.get("extends")
        linked += extends if isinstance(extends, list) else [extends]
        for link in linked:
            if isinstance(link, str) and link.startswith("."):
                target = os.path.normpath((here / link).as_posix())
                if not target.endswith(".json"):
                    target = f"{target}/tsconfig.json"
                queue.append(Path(target).as_posix())
    return None


def component_aliases(root: Path, frontend_root: str) -> tuple[dict[str, str], str] | None:
    """``aliases`` of the frontend's ``components.json`` (shadcn/ui)."""
    rel = _rel(frontend_root, "components.json")
    data = read_json(root / rel)
    if data is None:
        return None
    aliases = data.get("aliases")
    if not isinstance(aliases, dict):
        return {}, rel
    return {str(k): str(v) for k, v in sorted(aliases.items())}, rel


# --------------------------------------------------------------------------- detection


def spec_hints(spec: Spec) -> list[str]:
    """The repository paths a spec names (files, handler files, migrations, components,
    task files): the ``hints`` that choose among several backends or frontends."""
    paths: list[str] = [f.path for f in spec.files]
    paths += [e.handler.file for e in spec.endpoints if e.handler is not None and e.handler.file]
    paths += [m.path for m in spec.migrations if "/" in m.path]
    paths += [c.path for c in spec.components]
    paths += [f.path for t in spec.tasks for f in t.files]
    return sorted({_norm_hint(p) for p in paths if p and p.strip()})


def detect_layout(
    root: Path,
    *,
    hints: list[str] | None = None,
    backend_root: str | None = None,
    frontend_root: str | None = None,
    migrations_dir: str | None = None,
    chi_module: str = "github.com/go-chi/chi/v5",
) -> Layout:
    """What ``root`` shows, by config key (see the module docstring).

    ``hints``: repository-relative paths the spec names (they choose among several
    backends or frontends). ``backend_root`` / ``frontend_root`` / ``migrations_dir``:
    values already decided by a flag or the config file; detection goes on from them.
    """
    root = Path(root)
    hints = [_norm_hint(h) for h in (hints or []) if h.strip()]
    layout = Layout()
    found = layout.values

    def pick(
        candidates: list[str], prefer: list[str], marker: str, key: str, what: str = ""
    ) -> str | None:
        """The chosen root among ``candidates`` (recorded under ``key``), noting a choice."""
        chosen, note = choose_root(
            candidates, hints, prefer, what=what or marker, key=key, marker=marker
        )
        if chosen is not None:
            found[key] = Found(chosen, f"target:{_rel(chosen, marker)}")
        if note is not None:
            layout.diagnostics.append(note)
        return chosen

    # Backend: go.mod.
    layout.backend_candidates = find_dirs_with(root, "go.mod") if root.is_dir() else []
    if backend_root is None:
        with_migrations = [
            c
            for c in layout.backend_candidates
            if any((root / _rel(c, m)).is_dir() for m in MIGRATION_DIRS)
        ]
        backend_root = pick(layout.backend_candidates, with_migrations, "go.mod", "backend_root")
    backend = backend_root if backend_root is not None else "."
    gomod_rel = _rel(backend, "go.mod")
    try:
        text = (root / gomod_rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    if text is not None:
        module, _, requires = parse_go_mod(text)
        if module:
            found["go_module"] = Found(module, f"target:{gomod_rel}")
        router, why = router_of(requires, chi_module)
        found["router"] = Found(router, f"target:{gomod_rel}", why)

    # Migrations.
    if migrations_dir is None:
        migrations_dir = find_migrations_dir(root, backend)
        if migrations_dir is not None:
            found["migrations_dir"] = Found(migrations_dir, f"target:{migrations_dir}/")
    if migrations_dir is not None:
        numbering = infer_numbering(migration_names(root, migrations_dir))
        if numbering:
            found["migration_numbering"] = Found(numbering, f"target:{migrations_dir}/")

    # Frontend: package.json with react.
    if root.is_dir():
        layout.frontend_candidates = [
            d
            for d in find_dirs_with(root, "package.json")
            if is_react_package(read_json(root / _rel(d, "package.json")))
        ]
    if frontend_root is None:
        with_shadcn = [
            c for c in layout.frontend_candidates if (root / _rel(c, "components.json")).is_file()
        ]
        frontend_root = pick(
            layout.frontend_candidates,
            with_shadcn,
            "package.json",
            "frontend_root",
            what="React package.json",
        )
    if frontend_root is not None:
        pkg_rel = _rel(frontend_root, "package.json")
        package = read_json(root / pkg_rel)
        if package is not None:
            found["test_runner"] = Found(runner_of(package), f"target:{pkg_rel}")
            radix = radix_of(package)
            if radix is not None:
                found["radix"] = Found(radix, f"target:{pkg_rel}")
            dirs = [frontend_root] if frontend_root in ("", ".") else [frontend_root, "."]
            manager = package_manager_of(root, dirs)
            if manager is not None:
                found["package_manager"] = Found(manager[0], f"target:{manager[1]}")
        aliases: dict[str, str] = {}
        sources: list[str] = []
        for part in (ts_paths(root, frontend_root), component_aliases(root, frontend_root)):
            if part is not None and part[0]:
                aliases.update(part[0])
                sources.append(part[1])
        if aliases:
            found["aliases"] = Found(aliases, "target:" + ", ".join(sources))
    return layout
