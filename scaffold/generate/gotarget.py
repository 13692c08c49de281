"""What the target's Go code offers to generated code (DESIGN §19): its own packages (name →
import path, with the type names each declares) and its ``go.mod`` requirements, so a
qualified type a spec writes (``database.DBTX``, ``pgx.Tx``, ``invites.Invite``) is imported
from where the target has it.

Read-only, with the one Go reader (:func:`scaffold.read.gocode.parse_go`, tree-sitter): a
package is its ``package`` clause, its names are its top-level types, functions and
methods (``Middleware.RequireOrgMember``), each with where it is declared, so a middleware
the spec names is found where the target has it. Test files, ``vendor/``, ``testdata/``
and hidden directories are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..read.gocode import parse_go
from ..typemap import GO_MODULE_PACKAGES, GO_PACKAGES

_SKIP_DIRS = {"vendor", "testdata", "node_modules"}
_MAX_FILES = 5000  # a huge tree is read no further (the lookup then falls back to go.mod)


@dataclass
class GoPackageInfo:
    """One package of the target: its import path and the type names it declares."""

    import_path: str
    dir: str  # target-relative
    types: set[str] = field(default_factory=set)
    # Functions (``RequireUser``) and methods (``Middleware.RequireOrgMember``) → "file:line".
    funcs: dict[str, str] = field(default_factory=dict)


@dataclass
class GoTarget:
    """The target's Go packages and module requirements."""

    module: str
    packages: dict[str, list[GoPackageInfo]] = field(default_factory=dict)  # by package name
    requires: dict[str, str] = field(default_factory=dict)  # module → version

    def package(self, name: str, skip_dirs: set[str] | None = None) -> GoPackageInfo | None:
        """The target's package called ``name`` (the first by import path), outside
        ``skip_dirs`` (the directories generate plans itself)."""
        for info in self.packages.get(name, []):
            if skip_dirs and info.dir in skip_dirs:
                continue
            return info
        return None

    def module_package(self, qualifier: str) -> str | None:
        """The import path of ``qualifier`` in a module ``go.mod`` requires
        (``pgconn`` → ``github.com/jackc/pgx/v5/pgconn`` when pgx/v5 is required)."""
        known = GO_MODULE_PACKAGES.get(qualifier)
        if known is not None:
            module, sub = known
            stem = re.sub(r"/v\d+$", "", module)
            for req in sorted(self.requires):
                if req == module or re.sub(r"/v\d+$", "", req) == stem:
                    return f"{req}/{sub}" if sub else req
            return None
        for req in sorted(self.requires):
            last = re.sub(r"/v\d+$", "", req).rsplit("/", 1)[-1]
            if last.removeprefix("go-") == qualifier or last == qualifier:
                return req
        return None

    def resolve(self, qualifier: str, name: str, skip_dirs: set[str]) -> str | None:
        """Import path for ``qualifier.name``: the target's own package declaring the type,
        a module the target requires, else None (found nowhere)."""
        info = self.package(qualifier, skip_dirs)
        if info is not None:
            return info.import_path if name in info.types else None
        return self.module_package(qualifier)


def standard_or_pinned(qualifier: str) -> str | None:
    """The import path of a standard-library or pinned package (``time``, ``uuid``)."""
    return GO_PACKAGES.get(qualifier)


def scan_target(root: Path, backend_root: str, module: str, requires: dict[str, str]) -> GoTarget:
    """The Go packages under ``root/backend_root`` (target-relative dirs) and ``requires``."""
    target = GoTarget(module=module, requires=dict(requires))
    base = root / backend_root if backend_root not in ("", ".") else root
    if not base.is_dir():
        return target
    seen = 0
    by_dir: dict[str, GoPackageInfo] = {}
    for path in sorted(base.rglob("*.go")):
        rel_parts = path.relative_to(base).parts
        if any(p.startswith(".") or p in _SKIP_DIRS for p in rel_parts[:-1]):
            continue
        if path.name.endswith("_test.go"):
            continue
        seen += 1
        if seen > _MAX_FILES:
            break
        try:
            data = path.read_bytes()
        except OSError:
            continue
        rel_file = path.relative_to(root).as_posix()
        parsed = parse_go(data, rel_file)
        if not parsed.package or parsed.package == "main":
            continue
        inner = str(PurePosixPath(*rel_parts[:-1])) if len(rel_parts) > 1 else ""
        rel_dir = str(PurePosixPath(path.parent.relative_to(root).as_posix()))
        info = by_dir.get(rel_dir)
        if info is None:
            import_path = f"{module}/{inner}" if inner else module
            info = GoPackageInfo(import_path=import_path, dir=rel_dir)
            by_dir[rel_dir] = info
            target.packages.setdefault(parsed.package, []).append(info)
        for decls in (parsed.structs, parsed.interfaces, parsed.enums, parsed.named_types):
            info.types.update(d.name for d in decls)
        for fn in parsed.funcs:
            receiver = fn.receiver.lstrip("*").split("[", 1)[0].strip()
            key = f"{receiver}.{fn.name}" if receiver else fn.name
            info.funcs.setdefault(key, f"{rel_file}:{fn.pos.line}")
    for infos in target.packages.values():
        infos.sort(key=lambda i: i.import_path)
    return target
