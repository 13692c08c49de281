"""Name resolution for ``scaffold drift``: which fields a Go struct and a TS type put on the wire.

Go (:class:`GoIndex`): embedded structs are flattened as ``encoding/json`` does
(``typeFields``): an embedded struct without a json name promotes its exported fields
one level deeper; for each wire name the shallowest fields win, and among several at
that depth a json-tagged one wins, else the name is dropped (Go sends none of them).
An embedded field with a json name is an ordinary field of that name; an embedded
non-struct type is a field named after the type; unexported fields and ``json:"-"``
are not sent. Type names are resolved by name (``pkg.Name`` as ``Name``), preferring
the struct's own package.

TypeScript (:class:`TsIndex`): ``interface X extends A, B<T>`` and intersection
aliases (``A & { … }``) take the fields of their bases, own fields winning;
``Omit``/``Pick``/``Partial``/``Required``/``Readonly`` of a base are applied; names
imported from other files are resolved by the imported name (``import { A as B }``),
preferring the file the import names, then the only type of that name. Type
arguments of a base replace its type parameters in field types.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .records import GoFieldRec, GoFileRec, GoStructRec, TsFieldRec, TsFileRec, TsTypeRec


@dataclass(frozen=True)
class GoStructLoc:
    path: str
    package: str
    rec: GoStructRec
    # An alias or defined type over a struct: (path, name) of the struct declaring the fields.
    origin: tuple[str, str] | None = None


@dataclass(frozen=True)
class WireField:
    """A Go field as the wire sees it: its JSON name, the field, where it is declared."""

    name: str
    field: GoFieldRec
    path: str
    owner: str  # the struct that declares it (an embedded one, when promoted)


@dataclass
class GoWire:
    fields: dict[str, WireField] = field(default_factory=dict)
    skipped: list[WireField] = field(default_factory=list)  # json:"-" fields (by Go name)
    unexported: list[WireField] = field(default_factory=list)
    unresolved: list[tuple[str, GoFieldRec, str]] = field(default_factory=list)  # type, f, path


_EXTERNAL_EMBEDS_WITHOUT_FIELDS = frozenset({"sync.Mutex", "sync.RWMutex", "sync.Once"})


class GoIndex:
    """Every Go file's record, indexed by type name."""

    def __init__(self, records: dict[str, GoFileRec]) -> None:
        self.structs: dict[str, list[GoStructLoc]] = {}
        self.enums: dict[str, list[str]] = {}  # string enums: name -> values
        self.enum_locs: dict[str, tuple[str, int, int]] = {}
        self.underlying: dict[str, str] = {}  # named non-struct types (and int enums)
        self.marshalers: dict[str, tuple[str, int]] = {}  # own MarshalJSON: name -> (path, line)
        self.packages: dict[str, str] = {}  # path -> package
        self._lower: dict[str, list[str]] | None = None
        self._memo: dict[tuple[str, str, str], GoStructLoc] = {}
        for path, rec in sorted(records.items()):
            self.packages[path] = rec.package
            for s in rec.structs:
                self.structs.setdefault(s.name, []).append(GoStructLoc(path, rec.package, s))
            # Types are also known by their package-qualified name (`models.InviteStatus`).
            for name, underlying, values, line, col in rec.enums:
                for key in _keys(name, rec.package):
                    if underlying == "string":
                        self.enums.setdefault(key, list(values))
                        self.enum_locs.setdefault(key, (path, line, col))
                    else:
                        self.underlying.setdefault(key, underlying)
            for name, underlying, _line, _col in rec.named:
                for key in _keys(name, rec.package):
                    self.underlying.setdefault(key, underlying)
            for name, line, _col in rec.marshalers:
                for key in _keys(name, rec.package):
                    self.marshalers.setdefault(key, (path, line))
        self._aliases(records)
        self.sends: set[str] = set()  # struct names whose values Go encodes
        self.receives: set[str] = set()  # struct names Go decodes into
        self.evidence = False  # the code read encodes or decodes anything at all
        self._flows(records)

    # ------------------------------------------------------------------ aliases

    def _aliases(self, records: dict[str, GoFileRec]) -> None:
        """Aliases and defined types over structs are structs with the same fields.

        ``type A = B``, ``type A B``, ``type A = pkg.B``, ``type A = G[T]`` (fields of
        the generic struct with ``T`` substituted), chains of them (``type C = A``),
        across files and packages, as the Go compiler resolves them.
        """
        pending = [
            (path, rec.package, name, underlying, line, col)
            for path, rec in sorted(records.items())
            for name, underlying, line, col in rec.named
            if _IDENT_TYPE.match(underlying)
        ]
        for _ in range(8):  # chains resolve one link per round
            left = []
            for path, package, name, underlying, line, col in pending:
                target = self.struct(underlying, path)
                if target is None or target.rec.name == name and target.path == path:
                    left.append((path, package, name, underlying, line, col))
                    continue
                fields = target.rec.fields
                if "[" in underlying and target.rec.type_params:
                    subst = dict(zip(target.rec.type_params, _go_args(underlying)))
                    fields = tuple(f._replace(type=_go_substitute(f.type, subst)) for f in fields)
                rec = GoStructRec(name, line, col, (), fields, target.rec.json_tags)
                origin = target.origin or (target.path, target.rec.name)
                self.structs.setdefault(name, []).append(GoStructLoc(path, package, rec, origin))
                self._memo.clear()
                for key in _keys(name, package):
                    self.underlying.pop(key, None)
            if len(left) == len(pending):
                break
            pending = left

    # ------------------------------------------------------------------ flows

    def _flows(self, records: dict[str, GoFileRec]) -> None:
        """Which structs Go sends and receives, from the flows of every file (:mod:`.flows`)."""
        funcs: dict[str, str] = {}
        helpers: dict[str, dict[int, set[str]]] = {}
        passes: list[tuple] = []
        calls: list[tuple] = []
        direct: list[tuple[str, str]] = []
        for rec in records.values():
            for name, result in rec.funcs:
                funcs.setdefault(name, result)
            for flow in rec.flows:
                kind = flow[0]
                if kind == "send" or kind == "recv":
                    direct.append((kind, flow[1]))
                elif kind == "helper":
                    helpers.setdefault(flow[1], {}).setdefault(flow[2], set()).add(flow[3])
                elif kind == "pass":
                    passes.append(flow)
                elif kind == "call":
                    calls.append(flow)
        for _ in range(8):  # helpers that call helpers
            changed = False
            for _k, func, index, callee, callee_index in passes:
                got = helpers.get(callee, {}).get(callee_index)
                if not got:
                    continue
                mine = helpers.setdefault(func, {}).setdefault(index, set())
                if not got <= mine:
                    mine |= got
                    changed = True
            if not changed:
                break
        for _k, callee, index, typ, _line in calls:
            for direction in helpers.get(callee, {}).get(index, ()):
                direct.append((direction, typ))
        self.evidence = bool(direct)
        for direction, typ in direct:
            for _ in range(4):  # x := toResp(u) → the result type of toResp
                if not typ.startswith("()"):
                    break
                typ = funcs.get(typ[2:], "")
            if typ:
                self._reach(typ, self.sends if direction == "send" else self.receives)

    def _reach(self, type_text: str, into: set[str]) -> None:
        """``type_text`` and every struct its fields reach, into ``into`` (by name)."""
        todo = [type_text]
        while todo:
            text = todo.pop()
            for m in _TYPE_NAMES.finditer(text):
                name = m.group(1)
                if name in into:
                    continue
                loc = self.struct(name)
                if loc is not None:
                    into.add(loc.rec.name)
                    todo.extend(f.type for f in loc.rec.fields)
                    continue
                under = self.underlying.get(name)
                if under is not None:
                    into.add(name)
                    todo.append(under)

    def direction(self, name: str) -> str:
        """``send``, ``receive``, ``both``, or "" when no flow reaches struct ``name``."""
        sent, received = name in self.sends, name in self.receives
        return "both" if sent and received else "send" if sent else "receive" if received else ""

    def struct(self, name: str, near: str = "") -> GoStructLoc | None:
        """The struct called ``name`` (``pkg.Name`` or ``Name[T]`` too), nearest ``near`` first."""
        head = name.split("[", 1)[0]
        pkg, _, bare = head.rpartition(".")
        found = self.structs.get(bare)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        near_dir = "" if pkg else near.rpartition("/")[0]
        key = (bare, pkg, near_dir)
        got = self._memo.get(key)
        if got is None:
            if pkg:
                same = [s for s in found if s.package == pkg]
            else:
                same = [s for s in found if s.path.rpartition("/")[0] == near_dir]
            got = self._memo[key] = (same or found)[0]
        return got

    def struct_any_case(self, name: str) -> GoStructLoc | None:
        """:meth:`struct`, else the one struct whose name differs only in case (DESIGN §11).

        A spec's ``SignupRequest`` is the code's unexported ``signupRequest``.
        """
        found = self.struct(name)
        if found is not None:
            return found
        bare = name.rpartition(".")[2].split("[", 1)[0].lower()
        if self._lower is None:
            self._lower = {}
            for key in self.structs:
                self._lower.setdefault(key.lower(), []).append(key)
        keys = self._lower.get(bare, [])
        return self.struct(keys[0]) if len(keys) == 1 else None

    def known_types(self) -> set[str]:
        """Every type name drift can see through (bare and ``pkg.``-qualified)."""
        names: set[str] = set()
        for name, locs in self.structs.items():
            names.add(name)
            for loc in locs:
                if loc.package:
                    names.add(f"{loc.package}.{name}")
        return names

    def wire(self, loc: GoStructLoc) -> GoWire:
        """The fields ``loc``'s struct sends, as ``encoding/json`` flattens them."""
        out = GoWire()
        # name -> [(depth, tagged, WireField)]
        candidates: dict[str, list[tuple[int, bool, WireField]]] = {}
        queue: list[tuple[GoStructLoc, int]] = [(loc, 0)]
        visited: set[tuple[str, str]] = set()
        args: dict[tuple[str, str], dict[str, str]] = {}  # embedded generic: param -> argument
        while queue:
            cur, depth = queue.pop(0)
            key = (cur.path, cur.rec.name)
            if key in visited:
                continue
            visited.add(key)
            subst = args.get(key, {})
            fpath, owner = cur.origin or (cur.path, cur.rec.name)
            for f in cur.rec.fields:
                if subst:
                    f = f._replace(type=_go_substitute(f.type, subst))
                if f.embedded:
                    type_name = f.type.lstrip("*").strip()
                    bare = type_name.rsplit(".", 1)[-1].split("[", 1)[0]
                    if f.json_skip:
                        continue
                    if f.json_name:  # an embedded field with a json name is a named field
                        wf = WireField(f.json_name, f, fpath, owner)
                        candidates.setdefault(f.json_name, []).append((depth, True, wf))
                        continue
                    inner = self.struct(type_name, cur.path)
                    if inner is not None:
                        if "[" in type_name and inner.rec.type_params:
                            given = _go_args(type_name)
                            args[(inner.path, inner.rec.name)] = dict(
                                zip(inner.rec.type_params, given)
                            )
                        queue.append((inner, depth + 1))
                        continue
                    if type_name in _EXTERNAL_EMBEDS_WITHOUT_FIELDS:
                        continue
                    if bare[:1].isupper() and (
                        bare in self.underlying or bare in self.enums or bare in self.marshalers
                    ):
                        wf = WireField(bare, f, fpath, owner)
                        candidates.setdefault(bare, []).append((depth, False, wf))
                        continue
                    out.unresolved.append((type_name, f, fpath))
                    continue
                if not f.name[:1].isupper():
                    if f.name != "_":
                        out.unexported.append(WireField(f.name, f, fpath, owner))
                    continue
                if f.json_skip:
                    out.skipped.append(WireField(f.name, f, fpath, owner))
                    continue
                name = f.json_name or f.name
                wf = WireField(name, f, fpath, owner)
                candidates.setdefault(name, []).append((depth, f.json_name is not None, wf))
        for name, found in candidates.items():
            top = min(d for d, _, _ in found)
            level = [c for c in found if c[0] == top]
            if len(level) == 1:
                out.fields[name] = level[0][2]
                continue
            tagged = [c for c in level if c[1]]
            if len(tagged) == 1:
                out.fields[name] = tagged[0][2]
            # else: Go drops the ambiguous name entirely (encoding/json's dominantField)
        return out


_IDENT_TYPE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?(?:\[.*\])?$")
_TYPE_NAMES = re.compile(r"(?:\b[A-Za-z_]\w*\.)?\b([A-Za-z_]\w*)\b")


def _keys(name: str, package: str) -> tuple[str, ...]:
    return (name, f"{package}.{name}") if package else (name,)


def _go_args(type_name: str) -> list[str]:
    """The type arguments of ``Page[Invite, int]``."""
    inner = type_name[type_name.index("[") + 1 : type_name.rindex("]")]
    out, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return out + ([cur.strip()] if cur.strip() else [])


def _go_substitute(type_text: str, subst: dict[str, str]) -> str:
    return re.sub(
        r"\b(" + "|".join(re.escape(k) for k in subst) + r")\b(?!\.)",
        lambda m: subst[m.group(1)],
        type_text,
    )


# --------------------------------------------------------------------------- TypeScript


@dataclass(frozen=True)
class TsTypeLoc:
    path: str
    rec: TsTypeRec


@dataclass(frozen=True)
class TsFieldLoc:
    field: TsFieldRec
    path: str


@dataclass
class TsShape:
    fields: dict[str, TsFieldLoc] = field(default_factory=dict)
    index: list[TsFieldLoc] = field(default_factory=list)  # index signatures
    unresolved: list[tuple[str, str, int, int]] = field(default_factory=list)  # message, path, l, c


_TS_SUFFIXES = (".ts", ".tsx", ".d.ts", ".mts", ".cts", "/index.ts", "/index.tsx", "/index.d.ts")


class TsIndex:
    """Every TS file's record, indexed by type name."""

    def __init__(self, records: dict[str, TsFileRec], real: dict[str, Path] | None = None) -> None:
        self.real = real or {}  # shown path -> path to read (inline objects)
        self._bytes: dict[str, bytes] = {}
        self.types: dict[str, list[TsTypeLoc]] = {}
        self.imports: dict[str, dict[str, tuple[str, str]]] = {}
        self.paths = set(records)
        for path, rec in records.items():
            for t in rec.types:
                self.types.setdefault(t.name, []).append(TsTypeLoc(path, t))
            self.imports[path] = {local: (mod, name) for local, mod, name in rec.imports}

    def lookup(self, name: str, near: str) -> TsTypeLoc | None:
        """The type ``name`` as seen from file ``near``: local, imported, or the only one."""
        name = name.rsplit(".", 1)[-1]
        imported = self.imports.get(near, {}).get(name)
        module = ""
        if imported is not None:
            module, original = imported
            if original not in ("default", "*"):
                name = original
        found = self.types.get(name)
        if not found:
            return None
        same = [t for t in found if t.path == near]
        if same:
            return same[0]
        if module.startswith("."):
            base = posixpath.normpath(posixpath.join(posixpath.dirname(near), module))
            for t in found:
                stem = t.path
                for suffix in _TS_SUFFIXES:
                    if stem.endswith(suffix) and stem[: -len(suffix)] == base:
                        return t
        return found[0]

    def inline_fields(self, path: str, ref: tuple) -> tuple[TsFieldRec, ...]:
        """The members of the inline object ``ref`` (from :meth:`extract._TsWalk.inline`)."""
        from .extract import extract_ts
        from .records import ts_record

        data = self._bytes.get(path)
        if data is None:
            try:
                data = Path(self.real.get(path, path)).read_bytes()
            except OSError:
                data = b""
            self._bytes[path] = data
        _, start, end, line, column = ref
        prefix = b"type _ = "
        snippet = data[start:end]
        if not snippet.startswith(b"{"):
            return ()
        rec = ts_record(extract_ts(prefix + snippet, tsx=path.endswith(".tsx")))
        if not rec.types:
            return ()
        shift = len(prefix)

        def place(ln: int, col: int) -> tuple[int, int]:
            return (line, column + col - 1 - shift) if ln == 1 else (line + ln - 1, col)

        out = []
        for f in rec.types[0].fields:
            ln, col = place(f.line, f.column)
            inner = f.inline
            if inner:
                iln, icol = place(inner[3], inner[4])
                inner = ("@", inner[1] - shift + start, inner[2] - shift + start, iln, icol)
            out.append(f._replace(line=ln, column=col, inline=inner))
        return tuple(out)

    def is_imported(self, name: str, near: str) -> bool:
        return name in self.imports.get(near, {})

    def shape(self, loc: TsTypeLoc) -> TsShape:
        out = TsShape()
        self._collect(loc, out, {}, set())
        return out

    def _collect(
        self, loc: TsTypeLoc, out: TsShape, subst: dict[str, str], active: set[tuple[str, str]]
    ) -> None:
        key = (loc.path, loc.rec.name)
        if key in active:
            return
        active = active | {key}
        rec = loc.rec
        if rec.kind == "alias":
            target = rec.alias_of.strip()
            m = re.match(r"^([A-Za-z_$][\w$.]*)(?:<(.*)>)?$", target)
            if m:
                self._base(
                    ("ref", m.group(1), tuple(_split_args(m.group(2) or ""))),
                    loc,
                    out,
                    subst,
                    active,
                    rec.line,
                    rec.column,
                )
            elif "|" in target:
                out.unresolved.append(
                    (
                        f"TS {rec.name} is a union of object types ({_cut(target)}); drift "
                        "compares one object type: pair the Go struct with one member (--pair)",
                        loc.path,
                        rec.line,
                        rec.column,
                    )
                )
            else:
                out.unresolved.append(
                    (
                        f"cannot resolve TS type {rec.name} = {_cut(target)}: its fields are not "
                        "compared",
                        loc.path,
                        rec.line,
                        rec.column,
                    )
                )
            return
        for base in rec.bases:
            self._base(base, loc, out, subst, active, rec.line, rec.column)
        self._own(rec.fields, loc.path, out, subst)

    def _own(self, fields, path: str, out: TsShape, subst: dict[str, str]) -> None:
        for f in fields:
            if subst:
                f = f._replace(type=_substitute(f.type, subst))
            if f.name.startswith("["):
                out.index.append(TsFieldLoc(f, path))
            else:
                out.fields[f.name] = TsFieldLoc(f, path)

    def _base(
        self,
        base: tuple,
        loc: TsTypeLoc,
        out: TsShape,
        subst: dict[str, str],
        active: set,
        line: int,
        column: int,
    ) -> None:
        kind = base[0]
        if kind == "object":
            self._own(base[1], loc.path, out, subst)
            return
        if kind == "ref":
            name, args = base[1], base[2]
            name = subst.get(name, name)
            target = self.lookup(name, loc.path)
            if target is None:
                how = "imported " if self.is_imported(name, loc.path) else ""
                out.unresolved.append(
                    (
                        f"cannot resolve TS {how}type {name}: its fields are not compared; add "
                        "the file that declares it to --ts",
                        loc.path,
                        line,
                        column,
                    )
                )
                return
            inner_subst = dict(zip(target.rec.type_params, (_substitute(a, subst) for a in args)))
            self._collect(target, out, inner_subst, active)
            return
        if kind in ("omit", "pick", "partial", "required", "readonly"):
            sub = TsShape()
            self._base(base[1], loc, sub, subst, active, line, column)
            out.unresolved.extend(sub.unresolved)
            out.index.extend(sub.index)
            for name, f in sub.fields.items():
                if kind == "omit" and name in base[2]:
                    continue
                if kind == "pick" and name not in base[2]:
                    continue
                if kind == "partial":
                    f = TsFieldLoc(f.field._replace(optional=True), f.path)
                elif kind == "required":
                    f = TsFieldLoc(f.field._replace(optional=False), f.path)
                out.fields[name] = f
            return
        out.unresolved.append(
            (
                f"cannot resolve TS type {_cut(base[1])}: its fields are not compared",
                loc.path,
                line,
                column,
            )
        )


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 2].rstrip() + " …"


def _split_args(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "<([{":
            depth += 1
        elif ch in ">)]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return out + ([cur.strip()] if cur.strip() else [])


def _substitute(type_text: str, subst: dict[str, str]) -> str:
    if not subst:
        return type_text
    return re.sub(
        r"\b(" + "|".join(re.escape(k) for k in subst) + r")\b",
        lambda m: subst[m.group(1)],
        type_text,
    )


def displayer(base: Path | None = None):  # noqa: ANN201 - Callable[[Path], str]
    """Paths as drift reports them: relative to ``base`` (else the working dir) when below it."""
    root = os.path.abspath(base or os.getcwd())
    prefix = root.rstrip(os.sep) + os.sep

    def display(path: Path) -> str:
        full = os.path.abspath(path)
        if full.startswith(prefix):
            full = full[len(prefix) :]
        elif full != root:
            return Path(path).as_posix()
        return full.replace(os.sep, "/")

    return display
