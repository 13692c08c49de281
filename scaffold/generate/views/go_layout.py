"""Where each Go declaration of a feature goes (DESIGN §19): the package of the file the
spec names for it.

A declaration's home, first that applies:

1. the file or ``package`` clause the model records for it (``GoStruct.file/package``),
   else the block's own ``// path/to/file.go`` comment or ``package`` clause, read from
   the spec at the declaration's position;
2. the one New Files row whose exports name it;
3. for a request or response struct, the package of the endpoint's handler;
4. the package of the placed declarations that use it (an item struct beside the list
   response holding it), when they all live in one;
5. the default package: the package of the New Files row that exports the spec's
   interfaces (else structs), else the first handler's, else ``internal/<feature>`` (a
   catch-all only when the spec names no package).

Handlers go to the package of their own file. A taxonomy error qualified with a package
the spec creates (``tags.ErrNotFound``) goes there, an unqualified one to the row that
exports it (else the default package); one qualified with a package the spec does not
create (``httpx.ErrValidation (existing)``) is *unhomed*: each handler package gets its
own sentinel for it, so no package imports another just for an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from ...model import Endpoint, Spec, TaxonomyError
from ..naming import go_package_name
from . import under

_FILE_COMMENT = re.compile(r"^\s*//\s*`?([\w./-]+\.go)`?(?:[\s(—:-].*)?$")
_PACKAGE_CLAUSE = re.compile(r"^\s*package\s+([A-Za-z_][A-Za-z0-9_]*)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class GoPackage:
    """One package the feature's Go goes into."""

    dir: str  # target-relative
    name: str
    import_path: str
    structs: list[Any] = field(default_factory=list)
    interfaces: list[Any] = field(default_factory=list)
    enums: list[Any] = field(default_factory=list)
    named: list[Any] = field(default_factory=list)
    errors: list[TaxonomyError] = field(default_factory=list)  # homed here
    endpoints: list[Endpoint] = field(default_factory=list)  # handlers here

    def declares(self) -> set[str]:
        out = {x.name for x in self.structs} | {x.name for x in self.interfaces}
        out |= {x.name for x in self.enums} | {x.name for x in self.named}
        return out | {e.ident for e in self.errors}


@lru_cache(maxsize=32)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        return ()


def block_origin(elem: Any) -> tuple[str, str]:
    """(file, package) the spec states for a Go declaration: the model's fields, else the
    last ``// file.go`` comment and the ``package`` clause of its code block above it."""
    file, package = getattr(elem, "file", "") or "", getattr(elem, "package", "") or ""
    if file and package:
        return file, package
    pos = getattr(elem, "pos", None)
    src, line = getattr(pos, "file", ""), getattr(pos, "line", 0)
    lines = _lines(src) if src else ()
    if not lines or not (0 < line <= len(lines)):
        return file, package
    found_file, found_pkg = "", ""
    for i in range(line - 2, -1, -1):  # from the line above the declaration up to the fence
        text = lines[i]
        if _FENCE.match(text):
            break
        if not found_file:
            m = _FILE_COMMENT.match(text)
            if m:
                found_file = m.group(1)
        if not found_pkg:
            m = _PACKAGE_CLAUSE.match(text)
            if m:
                found_pkg = m.group(1)
    return file or found_file, package or found_pkg


class GoLayout:
    """The feature's Go packages and the home of every declaration."""

    def __init__(self, spec: Spec, backend: str, module: str, feature_snake: str) -> None:
        self.spec = spec
        self.backend = backend
        self.module = module
        self.packages: dict[str, GoPackage] = {}  # by dir
        self.home: dict[int, str] = {}  # id(element) → dir
        self.unhomed: list[TaxonomyError] = []
        rows = [
            f
            for f in spec.files
            if f.side == "backend" and f.path.endswith(".go") and f.action == "create"
        ]
        self._rows = rows
        handler_dirs: list[tuple[str, str]] = []
        for ep in spec.endpoints:
            h = ep.handler
            if h and h.file:
                d = self.dir_of(h.file)
                handler_dirs.append((d, h.package or go_package_name(PurePosixPath(d).name)))
            elif h and h.package:
                handler_dirs.append((under(backend, f"internal/{h.package}"), h.package))
        # Packages the spec creates: its handlers' and its New Files rows'.
        self._named: dict[str, str] = {}
        for d, name in handler_dirs:
            self._named.setdefault(name, d)
        for f in rows:
            d = self.dir_of(f.path)
            name = f.package if go_ident_like(f.package) else ""
            self._named.setdefault(name or go_package_name(PurePosixPath(d).name), d)
        self.default = self._default_dir(handler_dirs, feature_snake)

        decls: list[tuple[Any, str]] = []
        stated: dict[int, str] = {}
        for attr, kind in (
            ("go_structs", "structs"),
            ("go_interfaces", "interfaces"),
            ("go_enums", "enums"),
            ("go_types", "named"),
        ):
            for elem in getattr(spec, attr):
                d = self._decl_home(elem)
                decls.append((elem, kind))
                if d is not None:
                    stated[id(elem)] = d
        self._follow_users(decls, stated)
        for elem, kind in decls:
            d = stated.get(id(elem), self.default)
            self.home[id(elem)] = d
            getattr(self.package(d), kind).append(elem)
        seen: set[tuple[str, str]] = set()
        for e in spec.errors:
            d = self._error_home(e)
            if d is None:
                if all(u.ident != e.ident for u in self.unhomed):
                    self.unhomed.append(e)
                continue
            if (d, e.ident) in seen:
                continue
            seen.add((d, e.ident))
            self.home[id(e)] = d
            self.package(d).errors.append(e)
        for ep in spec.endpoints:
            h = ep.handler
            if h and h.file:
                d = self.dir_of(h.file)
            elif h and h.package:
                d = self._named.get(h.package) or under(backend, f"internal/{h.package}")
            else:
                d = self.default
            self.home[id(ep)] = d
            self.package(d, h.package if h else "").endpoints.append(ep)
        if not self.packages:
            self.package(self.default)

    # ------------------------------------------------------------------ helpers

    def dir_of(self, file: str) -> str:
        return str(PurePosixPath(under(self.backend, file)).parent)

    def import_path(self, rel_dir: str) -> str:
        inner = rel_dir
        if self.backend not in ("", "."):
            inner = (
                rel_dir[len(self.backend) + 1 :]
                if rel_dir.startswith(self.backend + "/")
                else rel_dir
            )
        return f"{self.module}/{inner}" if inner not in ("", ".") else self.module

    def package(self, d: str, name: str = "") -> GoPackage:
        pkg = self.packages.get(d)
        if pkg is None:
            name = name or next((n for n, nd in self._named.items() if nd == d), "")
            pkg = GoPackage(
                dir=d,
                name=name or go_package_name(PurePosixPath(d).name),
                import_path=self.import_path(d),
            )
            self.packages[d] = pkg
        return pkg

    def dir_for_package(self, name: str) -> str | None:
        """The directory of a package the spec creates, by name."""
        return self._named.get(name)

    def ordered(self) -> list[GoPackage]:
        """Packages in a stable order: the default first, then by directory."""
        return sorted(self.packages.values(), key=lambda p: (p.dir != self.default, p.dir))

    def by_name(self, name: str) -> GoPackage | None:
        for p in self.ordered():
            if p.name == name:
                return p
        return None

    def _default_dir(self, handler_dirs: list[tuple[str, str]], feature_snake: str) -> str:
        spec = self.spec
        for names in (
            [i.name for i in spec.go_interfaces],
            [s.name for s in spec.go_structs],
        ):
            if not names:
                continue
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
            hit = next((f for f in self._rows if pattern.search(f.exports)), None)
            if hit is not None:
                return self.dir_of(hit.path)
        if handler_dirs:
            return handler_dirs[0][0]
        pkg = go_package_name(feature_snake.replace("_", ""))
        return under(self.backend, f"internal/{pkg}")

    def _row_dirs(self, name: str) -> list[str]:
        pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
        dirs: list[str] = []
        for f in self._rows:
            if pattern.search(f.exports):
                d = self.dir_of(f.path)
                if d not in dirs:
                    dirs.append(d)
        return dirs

    def _follow_users(self, decls: list[tuple[Any, str]], stated: dict[int, str]) -> None:
        """A declaration the spec places nowhere goes with the placed declarations that
        use it (a response's item struct beside the response), so packages do not import
        each other for one type; repeated until nothing moves."""
        token = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
        uses: list[tuple[Any, set[str]]] = []
        for elem, _ in decls:
            names: set[str] = set()
            for f in getattr(elem, "fields", []):
                names.update(token.findall(f.type))
            for m in getattr(elem, "methods", []):
                for p in m.params + m.results:
                    names.update(token.findall(p.type))
            if hasattr(elem, "underlying"):
                names.update(token.findall(elem.underlying))
            uses.append((elem, names))
        moved = True
        while moved:
            moved = False
            for elem, _ in decls:
                if id(elem) in stated:
                    continue
                homes = sorted(
                    {stated[id(u)] for u, names in uses if id(u) in stated and elem.name in names}
                )
                if len(homes) == 1:
                    stated[id(elem)] = homes[0]
                    moved = True

    def _decl_home(self, elem: Any) -> str | None:
        file, package = block_origin(elem)
        if file and file.endswith(".go"):
            return self.dir_of(file)
        rows = self._row_dirs(elem.name)
        if package:
            named = self.dir_for_package(package)
            in_pkg = [
                d for d in rows if go_package_name(PurePosixPath(d).name) == package or d == named
            ]
            if in_pkg:
                return in_pkg[0]
            if named:
                return named
            return under(self.backend, f"internal/{package}")
        if len(rows) == 1:
            return rows[0]
        for ep in self.spec.endpoints:
            if elem.name in (ep.request, ep.response) and ep.handler and ep.handler.file:
                return self.dir_of(ep.handler.file)
        return None

    def _error_home(self, e: TaxonomyError) -> str | None:
        qual = e.package
        if qual:
            return self.dir_for_package(qual)
        rows = self._row_dirs(e.ident)
        if len(rows) == 1:
            return rows[0]
        return self.default


def go_ident_like(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name))
