"""Findings for one Go struct ↔ TS type pair, through the one type mapping (DESIGN §9).

Every finding is a :class:`~scaffold.diagnostics.Diagnostic` at the TS side (the
mirror to fix) with the Go side as ``related``, except a field TS lacks, which is
reported at the TS type's declaration. The expected TS member comes from
:func:`scaffold.typemap.ts_for_go` under the chosen nullability policy and is the
``fix``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Related
from ..typemap import (
    MARSHALERS,
    SQL_NULL_TYPES,
    Marshaler,
    Mismatch,
    string_literals,
    TsTypeRef,
    compatible,
    normalize_ts,
    ts_for_go,
)
from .pair import Pair
from .records import TsTypeRec
from .resolve import GoIndex, TsIndex, TsTypeLoc, WireField

from .rules import RULES  # noqa: E402,F401 - re-exported: compare.RULES

_KIND_RULE = {
    "type": "DRIFT003",
    "optional": "DRIFT004",
    "nullable": "DRIFT005",
    "enum": "DRIFT006",
    "array": "DRIFT008",
}
_IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")
# A nil slice or map under policy `wire` is a policy question, not a contract break (§9).
_POLICY_HINT = (
    " (a policy question, not a contract break: if Go never sends nil here, choose "
    'policy `non-nil`: --policy non-nil or [tool.scaffold.drift] policy = "non-nil")'
)
_QUALIFIED = re.compile(r"\b([a-z_]\w*)\.([A-Z]\w*)")
_QUALIFIED_KNOWN = frozenset({"json.RawMessage", "json.Number"})


@dataclass
class Context:
    """What the mapping needs to know about the whole code base, built once per run."""

    go: GoIndex
    ts: TsIndex
    policy: str = "wire"
    names: dict[str, str] = field(default_factory=dict)  # Go struct name -> paired TS name
    marshalers: dict[str, Marshaler] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)
    warned_marshalers: set[str] = field(default_factory=set)
    nested_done: set[tuple] = field(default_factory=set)
    bare: set[str] = field(default_factory=set)  # type names declared in the Go code read
    _want: dict = field(default_factory=dict)
    _verdicts: dict = field(default_factory=dict)

    def want(self, f, names_key: tuple, known: set, names: dict) -> TsTypeRef:  # noqa: ANN001
        """What the mapping says the TS member for Go field ``f`` is (memoised per run)."""
        omitzero = "omitzero" in f.tag
        key = (f.type, f.omitempty, f.json_string, omitzero, names_key)
        got = self._want.get(key)
        if got is None:
            got = self._want[key] = ts_for_go(
                f.type,
                omitempty=f.omitempty,
                json_string=f.json_string,
                policy=self.policy,  # type: ignore[arg-type]
                enums=self.go.enums,
                known_types=known,
                names=names,
                marshalers=self.marshalers,
                omitzero=omitzero,
                underlying=self.go.underlying,
            )
        return got

    def verdict(  # noqa: ANN201
        self,
        f,  # noqa: ANN001
        t,  # noqa: ANN001
        want: TsTypeRef,
        names_key: tuple,
        known: set,
        names: dict,
        direction: str = "both",
    ):
        """The mismatches between Go field ``f`` and TS field ``t`` (memoised per run).

        ``direction``: the way the pair's JSON flows (DESIGN §9); optional and null are
        judged in that direction only.
        """
        key = (
            direction,
            f.type,
            f.omitempty,
            f.json_string,
            f.json_skip,
            f.tag,
            f.validation,
            t.name,
            t.type,
            t.optional,
            t.nullable,
            tuple(t.literals),
            names_key,
        )
        got = self._verdicts.get(key)
        if got is not None:
            return got
        mismatches = compatible(
            f,
            t,
            policy=self.policy,  # type: ignore[arg-type]
            enums=self.go.enums,
            known_types=known,
            names=names,
            marshalers=self.marshalers,
            underlying=self.go.underlying,
            direction=direction,  # type: ignore[arg-type]
        )
        if not want.known:
            mismatches = [m for m in mismatches if m.kind in ("optional", "nullable")]
        if f.omitempty and f.type.startswith("*") and not t.nullable:
            # encoding/json omits a nil pointer under omitempty: it never writes null, so
            # `x?: T` describes the wire exactly (the mapping's `x?: T | null` also accepts
            # what TS may send back).
            mismatches = [m for m in mismatches if m.kind != "nullable"]
        if any(m.kind == "array" for m in mismatches):  # `| null` follows from the fix
            mismatches = [m for m in mismatches if m.kind != "nullable"]
        if any(m.kind == "type" for m in mismatches) and _elements_agree(f, t, self, known, names):
            mismatches = [m for m in mismatches if m.kind != "type"]
        mismatches = [_as_enum(m, want.type, t.type) for m in mismatches]
        self._verdicts[key] = mismatches
        return mismatches

    def unqualify(self, go_type: str) -> str:
        """``metav1.ObjectMeta`` → ``ObjectMeta`` when the Go code read declares it.

        Packages are imported under any name; types the mapping knows by their
        qualified name (``time.Time``, ``sql.NullString``) keep it.
        """

        def sub(m: re.Match) -> str:
            whole, bare = m.group(0), m.group(2)
            if whole in self.marshalers or whole in SQL_NULL_TYPES or whole in _QUALIFIED_KNOWN:
                return whole
            return bare if bare in self.bare else whole

        return _QUALIFIED.sub(sub, go_type)

    @classmethod
    def build(
        cls,
        go: GoIndex,
        ts: TsIndex,
        pairs: list[Pair],
        policy: str,
        marshalers: dict[str, Marshaler] | None = None,
    ) -> "Context":
        names: dict[str, str] = {}
        for p in pairs:
            if p.go.rec.name != p.ts.rec.name:
                names[p.go.rec.name] = p.ts.rec.name
                if p.go.package:
                    names[f"{p.go.package}.{p.go.rec.name}"] = p.ts.rec.name
        found: dict[str, Marshaler] = {}
        for name, (path, _line) in go.marshalers.items():
            found[name] = Marshaler("unknown")
            if go.packages.get(path):
                found[f"{go.packages[path]}.{name}"] = Marshaler("unknown")
        # A struct embedding a type with a MarshalJSON gets that method promoted
        # (`type Timestamp struct{ time.Time }` marshals as time.Time does).
        known_marshalers = {**MARSHALERS, **found, **(marshalers or {})}
        for name, locs in go.structs.items():
            for loc in locs:
                embeds = [f for f in loc.rec.fields if f.embedded]
                if len(embeds) != 1 or name in found:
                    continue
                inner = embeds[0].type.lstrip("*")
                m = known_marshalers.get(inner) or known_marshalers.get(inner.rsplit(".", 1)[-1])
                if m is not None:
                    found.setdefault(name, m)
                    if loc.package:
                        found.setdefault(f"{loc.package}.{name}", m)
        ctx = cls(
            go,
            ts,
            policy,
            names,
            {**found, **(marshalers or {})},
            go.known_types(),
        )
        ctx.bare = set(go.structs) | {n for n in go.enums if "." not in n}
        ctx.bare |= {n for n in go.underlying if "." not in n}
        ctx.bare |= {n for n in go.marshalers if "." not in n}
        return ctx


def _rel(path: str, line: int, column: int, message: str) -> Related:
    return Related(path=path, line=line, column=column, message=message)


def _go_related(wf: WireField) -> Related:
    f = wf.field
    what = f"Go {wf.owner}.{f.name or f.type} {f.type}"
    if f.tag:
        what += f" `{f.tag}`"
    return _rel(wf.path, f.line, f.column, what)


def _strip_generic(go_type: str) -> str:
    return go_type.lstrip("*").lstrip("[]").split("[", 1)[0]


def compare_pair(pair: Pair, ctx: Context, depth: int = 0) -> list[Diagnostic]:
    """Every difference between what ``pair.go`` sends and what ``pair.ts`` declares.

    A TS field typed with an inline object (``{ … }`` or ``{ … }[]``) facing a Go struct is
    compared field by field, as a pair of its own (``depth`` bounds the recursion).
    """
    out: list[Diagnostic] = []
    go_rec, ts_rec = pair.go.rec, pair.ts.rec
    wire = ctx.go.wire(pair.go)
    shape = ctx.ts.shape(pair.ts)
    label = f"{go_rec.name} ↔ {ts_rec.name}"
    go_decl = _rel(pair.go.path, go_rec.line, go_rec.column, f"Go struct {go_rec.name}")
    own = ctx.go.marshalers.get(go_rec.name)
    if own is not None and own[0].rpartition("/")[0] == pair.go.path.rpartition("/")[0]:
        return [
            Diagnostic(
                rule="DRIFT013",
                severity="warning",
                message=f"{label}: Go {go_rec.name} has its own MarshalJSON, so its wire shape "
                "is not its fields; the pair is not compared",
                path=own[0],
                line=own[1],
                column=1,
                related=[_rel(pair.ts.path, ts_rec.line, ts_rec.column, f"TS {ts_rec.name}")],
            )
        ]

    for type_name, f, path in wire.unresolved:
        out.append(
            Diagnostic(
                rule="DRIFT010",
                severity="warning",
                message=f"{label}: cannot resolve embedded Go type {type_name}: its fields are "
                "not compared; add its package to --go",
                path=path,
                line=f.line,
                column=f.column,
            )
        )
    for what, path, line, column in shape.unresolved:
        out.append(
            Diagnostic(
                rule="DRIFT011",
                severity="warning",
                message=f"{label}: {what}",
                path=path,
                line=line,
                column=column,
            )
        )

    # Go type parameters map to the TS type's, position by position.
    tparams = dict(zip(go_rec.type_params, ts_rec.type_params))
    for p in go_rec.type_params:
        tparams.setdefault(p, p)
    names = {**ctx.names, **tparams} if tparams else ctx.names
    known = ctx.known | set(tparams) if tparams else ctx.known
    names_key = tuple(sorted(tparams.items()))
    lenient = bool(shape.unresolved or wire.unresolved)

    for name, wf in sorted(wire.fields.items(), key=lambda kv: (kv[1].field.line, kv[0])):
        f = wf.field
        if "." in f.type:
            f = f._replace(type=ctx.unqualify(f.type))
        want = ctx.want(f, names_key, known, names)
        tsf = shape.fields.get(name)
        if tsf is None:
            if shape.index or lenient:
                continue  # an index signature or an unresolved base may hold it
            out.append(
                Diagnostic(
                    rule="DRIFT001",
                    severity="error",
                    message=f"{label}: TS lacks `{name}`, which Go "
                    f"{'reads' if pair.direction == 'receive' else 'sends'} ({f.type}); add "
                    f"`{want.declaration(_member(name))}`",
                    path=pair.ts.path,
                    line=ts_rec.line,
                    column=ts_rec.column,
                    related=[_go_related(wf)],
                    fix=want.declaration(_member(name)),
                )
            )
            continue
        t = tsf.field
        marsh = _own_marshaler(f.type, ctx)
        if marsh and marsh not in ctx.warned_marshalers:
            ctx.warned_marshalers.add(marsh)
            mpath, mline = ctx.go.marshalers[marsh]
            out.append(
                Diagnostic(
                    rule="DRIFT013",
                    severity="warning",
                    message=f"Go type {marsh} has its own MarshalJSON, so drift cannot see its "
                    "wire shape and accepts any TS type for it; declare it in "
                    f'[tool.scaffold.drift] marshalers ({marsh} = "string")',
                    path=mpath,
                    line=mline,
                    column=1,
                )
            )
        ts_field = _expanded(t, tsf.path, ctx.ts)
        nested = _nested(wf, tsf, ts_rec.name, want.type, pair, ctx) if depth < 6 else None
        if nested is not None:
            key = (nested.go.path, nested.go.rec.name, nested.ts.path, nested.ts.rec.name)
            if key not in ctx.nested_done:
                ctx.nested_done.add(key)
                out.extend(compare_pair(nested, ctx, depth + 1))
            # The shapes are compared; keep only optional/null/array for the field itself.
            ts_field = ts_field._replace(type=want.type, literals=list(want.literals))
        if not want.known:
            unknown = _strip_generic(f.type)
            out.append(
                Diagnostic(
                    rule="DRIFT010",
                    severity="warning",
                    message=f"{label}: cannot resolve Go type {unknown} of field {f.name or name}; "
                    "only optional and null are compared. Add its package to --go, or declare it "
                    "in [tool.scaffold.drift] marshalers",
                    path=wf.path,
                    line=f.line,
                    column=f.column,
                )
            )
        mismatches = ctx.verdict(f, ts_field, want, names_key, known, names, pair.direction)
        for m in mismatches:
            hint = _POLICY_HINT if m.policy and ctx.policy == "wire" else ""
            out.append(
                Diagnostic(
                    rule=_KIND_RULE[m.kind],
                    severity="warning" if hint else "error",
                    message=f"{label}: {_shorten(m.message, t.type)}{hint}",
                    path=tsf.path,
                    line=t.line,
                    column=t.column,
                    related=[_go_related(wf)],
                    fix=m.fix or None,
                )
            )

    skipped = {w.name.lower(): w for w in wire.skipped}
    unexported = {w.name.lower(): w for w in wire.unexported}
    for name, tsf in sorted(shape.fields.items(), key=lambda kv: (kv[1].path, kv[1].field.line)):
        if name in wire.fields:
            continue
        t = tsf.field
        key = name.lower().replace("_", "")
        skip = skipped.get(name.lower()) or next(
            (w for k, w in skipped.items() if k.replace("_", "") == key), None
        )
        if skip is not None:
            out.append(
                Diagnostic(
                    rule="DRIFT007",
                    severity="error",
                    message=f"{label}: TS declares `{name}` but Go field {skip.field.name} is "
                    'tagged json:"-" and never sent; remove it from the TS type',
                    path=tsf.path,
                    line=t.line,
                    column=t.column,
                    related=[_go_related(skip)],
                )
            )
            continue
        if lenient:
            continue
        hidden = unexported.get(name.lower())
        why = (
            f"Go field {hidden.field.name} is unexported and never sent"
            if hidden is not None
            else f"Go {go_rec.name} has no field with json name {name!r}"
        )
        out.append(
            Diagnostic(
                rule="DRIFT002",
                severity="error",
                message=f"{label}: TS declares `{name}` but {why}; remove it from the TS type "
                "or add it to the Go struct",
                path=tsf.path,
                line=t.line,
                column=t.column,
                related=[_go_related(hidden) if hidden is not None else go_decl],
            )
        )
    return out


def _nested(  # noqa: ANN202
    wf: WireField, tsf, ts_name: str, want: str, pair: Pair, ctx: Context  # noqa: ANN001
):
    """A structural pair for a Go struct field, or None.

    TypeScript types are structural: a field typed with an inline object (``{ … }``,
    ``{ … }[]``) or with an object type of another name than the Go struct's pair
    (``installation: InstallationLite`` for Go ``*Installation``) is compared field by
    field with the Go struct.
    """
    go_type = wf.field.type.lstrip("*")
    go_array = go_type.startswith("[]")
    t = tsf.field
    ts_type = t.type.strip()
    ts_array = ts_type.endswith("[]")
    if go_array != ts_array:
        return None
    go_type = go_type[2:].lstrip("*") if go_array else go_type
    if not _IDENT_GO.match(go_type) or go_type in ctx.marshalers or _own_marshaler(go_type, ctx):
        return None
    loc = ctx.go.struct(go_type, wf.path)
    if loc is None:
        return None
    why = f"field {t.name} of {pair.why}"
    if t.inline:
        rec = TsTypeRec(
            f"{ts_name}.{t.name}",
            "object",
            (),
            (),
            ctx.ts.inline_fields(tsf.path, t.inline),
            "",
            (),
            t.line,
            t.column,
        )
        return Pair(loc, TsTypeLoc(tsf.path, rec), pair.source, why, pair.direction, pair.placed)
    name = ts_type[:-2].strip() if ts_array else ts_type
    expected = want[:-2] if want.endswith("[]") else want
    if not _IDENT.match(name) or name == expected:
        return None
    target = ctx.ts.lookup(name, tsf.path)
    if target is None or target.rec.kind == "alias" and target.rec.literals:
        return None
    return Pair(loc, target, pair.source, why, pair.direction, pair.placed)


_IDENT_GO = re.compile(r"^[A-Za-z_][\w.]*(\[.*\])?$")


def _elements_agree(f, ts_field, ctx: Context, known: set, names: dict) -> bool:  # noqa: ANN001
    """A slice or map whose elements agree by the mapping (narrowed or widened string enums).

    ``[]string`` ↔ ``("a" | "b")[]`` and ``[]Mode`` ↔ ``string[]`` agree as their scalar
    elements do (DESIGN §9); the mapping itself compares collections by their text.
    """
    go_type = f.type.lstrip("*")
    for _ in range(8):  # see through named types: `type ResourceList map[ResourceName]Quantity`
        if go_type not in ctx.go.underlying or go_type in ctx.go.enums:
            break
        go_type = ctx.go.underlying[go_type].lstrip("*")
    have = normalize_ts(ts_field.type)
    if go_type.startswith("[]") and have.endswith("[]"):
        go_elem, ts_elem = go_type[2:], have[:-2]
    elif go_type.startswith("map[") and have.startswith("Record<string,"):
        depth, end = 0, 0
        for i, ch in enumerate(go_type):
            depth += ch == "["
            depth -= ch == "]"
            if depth == 0 and ch == "]":
                end = i
                break
        go_elem, ts_elem = go_type[end + 1 :], have[len("Record<string,") : -1]
    else:
        return False
    if go_elem.startswith(("[]", "map[")) or go_elem.lstrip("*") == "byte":
        return False
    nullable = ts_elem.endswith("|null") or ts_elem.startswith("(") and "|null" in ts_elem
    ts_elem = ts_elem.strip("()").replace("|null", "")
    parts = ts_elem.split("|")
    literals = [p[1:-1] for p in parts if len(p) >= 2 and p[0] == p[-1] and p[0] in "\"'"]
    go_f = f._replace(type=go_elem, omitempty=False, json_string=False, tag="")
    ts_f = ts_field._replace(
        type=ts_elem,
        optional=False,
        nullable=nullable,
        literals=literals if len(literals) == len(parts) else [],
    )
    found = compatible(
        go_f,
        ts_f,
        policy=ctx.policy,  # type: ignore[arg-type]
        enums=ctx.go.enums,
        known_types=known,
        names=names,
        marshalers=ctx.marshalers,
        underlying=ctx.go.underlying,
    )
    return not any(m.kind in ("type", "enum", "array") for m in found)


def _as_enum(m: Mismatch, want: str, have: str) -> Mismatch:
    """A type mismatch between two arrays of string-literal unions is an enum difference."""
    if m.kind != "type":
        return m
    a, b = normalize_ts(want), normalize_ts(have)
    if not (a.endswith("[]") and b.endswith("[]")):
        return m
    go_lits, ts_lits = string_literals(a[:-2]), string_literals(b[:-2])
    if not go_lits or not ts_lits:
        return m
    parts = []
    missing = [v for v in go_lits if v not in ts_lits]
    extra = [v for v in ts_lits if v not in go_lits]
    if missing:
        parts.append("missing " + ", ".join(f'"{v}"' for v in missing))
    if extra:
        parts.append("not in Go: " + ", ".join(f'"{v}"' for v in extra))
    name = m.message.split(":", 1)[0]
    allowed = ", ".join(f'"{v}"' for v in go_lits)
    text = f"{name}: TS union {' and '.join(parts)} (Go allows {allowed})"
    return Mismatch("enum", text, m.fix, m.policy)


def _shorten(message: str, ts_type: str) -> str:
    """Long inline TS types (a whole object literal) are cut in messages."""
    if len(ts_type) <= 120:
        return message
    return message.replace(ts_type, ts_type[:100].rstrip() + " …")


def _member(name: str) -> str:
    return name if _IDENT.match(name) else '"' + name.replace('"', '\\"') + '"'


def _own_marshaler(go_type: str, ctx: Context) -> str:
    """The name of a type with its own MarshalJSON that config does not describe, or ""."""
    if not ctx.go.marshalers:
        return ""
    bare = _strip_generic(go_type)
    for name in (bare, bare.rsplit(".", 1)[-1]):
        declared = ctx.marshalers.get(bare) or ctx.marshalers.get(name)
        if name in ctx.go.marshalers and (declared is None or declared.ts == "unknown"):
            return name
    return ""


_INDEX_OBJECT = re.compile(r"^\{\s*\[\s*[\w$]+\s*:\s*string\s*\]\s*:\s*(.+?)\s*;?\s*\}$")


def _record(ts_type: str) -> str:
    """``{ [key: string]: T }`` is ``Record<string, T>``."""
    m = _INDEX_OBJECT.match(ts_type)
    return f"Record<string, {m.group(1)}>" if m else ts_type


def _expanded(t, path: str, index: TsIndex):  # noqa: ANN001,ANN202 - TsFieldRec in and out
    """See through TS aliases of non-object types: ``id: InviteId`` with ``type InviteId = string``."""
    type_text = _record(t.type)
    literals = t.literals
    nullable = t.nullable
    for _ in range(8):
        array = type_text.endswith("[]")
        name = type_text[:-2] if array else type_text
        if not _IDENT.match(name):
            break
        loc = index.lookup(name, path)
        if loc is None or loc.rec.kind != "alias":
            break
        alias_of = loc.rec.alias_of
        parts = [p.strip() for p in alias_of.split("|")]
        if "null" in parts:
            nullable = True
            parts = [p for p in parts if p != "null" and p != "undefined"]
            alias_of = " | ".join(parts)
        if array:
            if loc.rec.literals:  # `Scope[]` with `type Scope = "a" | "b"`: the inline union
                type_text = f"({alias_of})[]"
                literals = loc.rec.literals
                break
            if "|" in alias_of:
                break
            type_text = alias_of + "[]"
        else:
            type_text = alias_of
            literals = loc.rec.literals
        path = loc.path
    return t._replace(type=type_text, literals=list(literals), nullable=nullable)
