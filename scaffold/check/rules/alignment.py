"""Go ↔ TypeScript alignment inside the spec (``ALIGN0xx``).

Pairs: a Go struct with json tags and the TS type of the same name, and each endpoint's Go
request/response struct with the TS type the endpoint names. Fields pair by
their JSON name (embedded Go structs flattened, TS ``extends`` followed) and are
compared through the one mapping, :func:`scaffold.typemap.compatible`, under the
default wire policy (DESIGN.md §9). Enum evidence for a Go ``string``: a named
type with consts, ``oneof=``, or a ``CHECK (x IN …)`` on the column it maps to.
"""

from __future__ import annotations

import json
import re
from typing import Iterator

from ...diagnostics import Diagnostic, Related, at
from ...generate.naming import snake
from ...model import GoField, GoStruct, TsField, TsType
from ...typemap import oneof_members, string_literals
from ..engine import Context, rule, this

_KIND_RULE = {
    "type": "ALIGN002",
    "array": "ALIGN002",
    "optional": "ALIGN003",
    "nullable": "ALIGN004",
    "enum": "ALIGN005",
}


def pairs(ctx: Context) -> list[tuple[GoStruct, TsType]]:
    """(Go struct, TS type) pairs to compare, each once, in spec order."""
    cached = ctx.cache.get("align_pairs")
    if cached is not None:
        return cached
    spec = ctx.spec
    go = {}
    for s in spec.go_structs:
        go.setdefault(s.name, s)
    ts = {}
    for t in spec.ts_types:
        ts.setdefault(t.name, t)
    out: list[tuple[GoStruct, TsType]] = []
    seen: set[tuple[str, str]] = set()

    def add(go_name: str, ts_name: str) -> None:
        g, t = go.get(go_name), ts.get(ts_name)
        if g is not None and t is not None and (go_name, ts_name) not in seen:
            seen.add((go_name, ts_name))
            out.append((g, t))

    for s in spec.go_structs:
        # A struct without json tags is not an API type unless an endpoint pairs it
        # (DESIGN.md §11): a `db`-tagged model and a TS view of the same name may differ.
        if any(f.json_name is not None or f.json_skip for f in s.fields):
            add(s.name, s.name)
    for ep in spec.endpoints:
        if ep.request and ep.ts_request:
            add(ep.request, ep.ts_request)
        if ep.response and ep.ts_response:
            add(ep.response, ep.ts_response)
    ctx.cache["align_pairs"] = out
    return out


def go_wire_fields(ctx: Context, struct: GoStruct, depth: int = 0) -> dict[str, GoField]:
    """JSON name → field, as encoding/json writes the struct (embedded flattened, outer wins)."""
    out: dict[str, GoField] = {}
    embedded: list[dict[str, GoField]] = []
    for f in struct.fields:
        if f.embedded and f.json_name is None:
            inner = ctx.spec.struct(f.type.lstrip("*").split("[", 1)[0])
            if inner is not None and depth < 8:
                embedded.append(go_wire_fields(ctx, inner, depth + 1))
            continue
        name = f.json_name if f.json_name else f.name
        if not name or (not f.json_name and not f.name[:1].isupper()):
            continue
        if f.json_name is None and f.name and not f.name[:1].isupper():
            continue
        out.setdefault(name, f)
    for inner in embedded:
        for name, f in inner.items():
            out.setdefault(name, f)
    return out


def ts_wire_fields(ctx: Context, t: TsType, depth: int = 0) -> dict[str, TsField]:
    """JSON name → field of a TS type: its members, its ``extends`` followed, and for an
    alias of an intersection or a discriminated union the fields it carries."""
    out = {f.name: f for f in t.fields}
    for parent in t.extends:
        p = ctx.spec.ts_type(parent.split("<", 1)[0].strip())
        if p is not None and depth < 8:
            for name, f in ts_wire_fields(ctx, p, depth + 1).items():
                out.setdefault(name, f)
    if t.kind == "alias" and not t.fields and t.alias_of and not t.literals and depth < 8:
        cache = ctx.cache.setdefault("align_alias_fields", {})
        if t.name not in cache:
            from ...read.tscode import object_fields

            def resolve(name: str) -> dict[str, TsField] | None:
                other = ctx.spec.ts_type(name)
                if other is None or other is t:
                    return None
                return ts_wire_fields(ctx, other, depth + 1) or None

            found = object_fields(t.alias_of, resolve) or {}
            cache[t.name] = {
                n: f.model_copy(update={"pos": t.pos}) if not f.pos.line else f
                for n, f in found.items()
            }
        out.update(cache[t.name])
    return out


def directions(ctx: Context) -> dict[str, str]:
    """Go struct → the way its JSON flows (DESIGN §9): ``receive`` for request structs and
    the structs inside them, ``send`` for everything else Go encodes, ``both`` for a struct
    used both ways."""
    cached = ctx.cache.get("align_directions")
    if cached is not None:
        return cached
    from .types import go_type_names

    spec = ctx.spec

    def closure(roots: list[str]) -> set[str]:
        seen: set[str] = set()
        todo = [r for r in roots if r]
        while todo:
            name = todo.pop()
            s = spec.struct(name)
            if s is None or name in seen:
                continue
            seen.add(name)
            for f in s.fields:
                todo.extend(n.rsplit(".", 1)[-1] for n in go_type_names(f.type))
        return seen

    received = closure([ep.request for ep in spec.endpoints if ep.request])
    sent = closure([ep.response for ep in spec.endpoints if ep.response])
    # Anything no request uses is taken as encoded (events, payloads, nested responses).
    sent |= closure([s.name for s in spec.go_structs if s.name not in received])
    out = {n: ("both" if n in sent else "receive") for n in received}
    ctx.cache["align_directions"] = out
    return out


_SIMPLE_ALIAS = re.compile(r"^[\w.$\s|\"'\[\]-]+$")


def expand_ts(ctx: Context, tf: TsField) -> TsField:
    """A TS field with the aliases of its type resolved like the inline type (DESIGN §9):
    ``scope: Scope`` with ``type Scope = "a" | "b"``, ``scopes: Scope[]``, ``id: UserId``."""
    typ, nullable, literals = tf.type.strip(), tf.nullable, list(tf.literals)
    for _ in range(8):
        array = typ.endswith("[]")
        name = typ[:-2].strip() if array else typ
        alias = ctx.spec.ts_type(name)
        if alias is None or alias.kind != "alias" or alias.fields or not alias.alias_of:
            break
        if not _SIMPLE_ALIAS.match(alias.alias_of):
            break
        parts = [p.strip() for p in alias.alias_of.split("|") if p.strip()]
        if "null" in parts or "undefined" in parts:
            if array:
                break
            nullable = nullable or "null" in parts
            parts = [p for p in parts if p not in ("null", "undefined")]
        rhs = " | ".join(parts)
        if array:
            typ = f"({rhs})[]" if len(parts) > 1 else f"{rhs}[]"
        else:
            typ, literals = rhs, list(alias.literals) or string_literals(rhs)
    if typ == tf.type and nullable == tf.nullable:
        return tf
    return tf.model_copy(update={"type": typ, "nullable": nullable, "literals": literals})


_QUALIFIED = re.compile(r"\b[a-z_]\w*\.([A-Z]\w*)")


def _evidence(ctx: Context, struct: GoStruct, field: GoField) -> list[str] | None:
    column = field.db or field.json_name or snake(field.name)
    found: list[list[str]] = []
    stem = snake(struct.name).split("_")
    for table in ctx.spec.tables:
        singular = table.name[:-1] if table.name.endswith("s") else table.name
        for col in table.columns:
            if col.name == column and col.check_values:
                score = 1 if singular in stem or table.name in stem else 0
                found.append([score, col.check_values])  # type: ignore[list-item]
    if not found:
        return None
    best = [vals for score, vals in found if score] or [vals for _, vals in found]
    first = best[0]
    return first if all(v == first for v in best) else None  # type: ignore[return-value]


def _mismatches(ctx: Context) -> list[tuple[str, GoStruct, TsType, GoField, TsField, str, str]]:
    cached = ctx.cache.get("align_mismatches")
    if cached is not None:
        return cached

    spec = ctx.spec
    enums = {e.name: list(e.values) for e in spec.go_enums}
    known = {s.name for s in spec.go_structs} | {t.name for t in spec.go_types} | set(enums)
    names = {g.name: t.name for g, t in pairs(ctx) if g.name != t.name}
    ways = directions(ctx)
    out = []
    for g, t in pairs(ctx):
        go_fields = go_wire_fields(ctx, g)
        ts_fields = ts_wire_fields(ctx, t)
        for name, gf in go_fields.items():
            tf = ts_fields.get(name)
            if tf is None or gf.json_skip or re.search(r"(?<![\w$])any(?![\w$])", tf.type):
                continue  # `any` is TYPE003's finding
            for m, gf2, tf2 in _compare(ctx, g, gf, tf, enums, known, names, ways):
                fix = m.fix
                if m.kind == "enum":
                    members = (
                        enums.get(gf2.type.lstrip("*"))
                        or _evidence(ctx, g, gf)
                        or oneof_members(gf.validation)
                    )
                    if members:
                        union = " | ".join(json.dumps(v) for v in members)
                        fix = f"{tf.name}{'?' if tf.optional else ''}: {union}"
                        fix += " | null" if tf.nullable else ""
                rid = _KIND_RULE.get(m.kind, "ALIGN002")
                out.append((rid, g, t, gf, tf, m.message, fix, m.policy))
    ctx.cache["align_mismatches"] = out
    return out


def _compare(ctx: Context, g: GoStruct, gf: GoField, tf: TsField, enums, known, names, ways):  # type: ignore[no-untyped-def]
    """The mismatches of one Go field and its TS mirror, through the one mapping."""
    from ...typemap import compatible

    # `tickets.Status` where the spec declares `Status`: the same type.
    gtype = _QUALIFIED.sub(lambda m: m.group(1) if m.group(1) in known else m.group(0), gf.type)
    gf2 = gf.model_copy(update={"type": gtype}) if gtype != gf.type else gf
    tf2 = expand_ts(ctx, tf)
    found = compatible(
        gf2,
        tf2,
        policy=ctx.policy,  # type: ignore[arg-type]
        enums=enums,
        known_types=known,
        names=names,
        evidence=_evidence(ctx, g, gf),
        direction=ways.get(g.name, "send"),  # type: ignore[arg-type]
    )
    if any(m.kind in ("type", "array") for m in found) and _same_shape(ctx, gtype, tf2.type):
        found = [m for m in found if m.kind not in ("type", "array")]
    return [(m, gf2, tf2) for m in found]


def _same_shape(ctx: Context, go_type: str, ts_type: str, depth: int = 0) -> bool:
    """A TS type reusing another name of the same JSON shape (TS `TagSummary[]` for Go
    `[]DocumentTag` where both have the same JSON fields, each compatible)."""
    g = go_type.lstrip("*")
    t = ts_type.strip()
    while g.startswith("[]") and t.endswith("[]"):
        g, t = g[2:].lstrip("*"), t[:-2].strip()
    gs, ts = ctx.spec.struct(g), ctx.spec.ts_type(t)
    if gs is None or ts is None or depth > 4:
        return False
    go_fields = {n: f for n, f in go_wire_fields(ctx, gs).items() if not f.json_skip}
    ts_fields = ts_wire_fields(ctx, ts)
    if set(go_fields) != set(ts_fields):
        return False
    from ...typemap import compatible

    for n, gf in go_fields.items():
        tf = expand_ts(ctx, ts_fields[n])
        found = compatible(gf, tf, policy=ctx.policy)  # type: ignore[arg-type]
        if any(m.kind in ("type", "array") for m in found) and not _same_shape(
            ctx, gf.type, tf.type, depth + 1
        ):
            return False
    return True


def _emit(ctx: Context, rule_id: str) -> Iterator[Diagnostic]:
    for rid, g, t, gf, tf, message, fix, policy in _mismatches(ctx):
        if rid != rule_id:
            continue
        message = message.rstrip(".")
        if policy:
            # A nil slice or map is a policy question, not a contract break (DESIGN §9).
            message += (
                ", or choose nullability policy `non-nil` in config if the code never "
                "leaves it nil"
            )
        text = f"{t.name}.{message}; the TS field should mirror Go {g.name}.{gf.name}" + (
            f", such as `{fix}`" if fix else ""
        )
        related = [Related.at(gf.pos, f"Go field {g.name}.{gf.name} {gf.type}")]
        pos = tf.pos if tf.pos.line else t.pos
        if policy:
            yield at(pos, rule_id, "warning", text, related=related)
        else:
            yield this(rule_id).at(pos, text, related=related)


@rule("ALIGN001", "error", "a Go struct and its TS mirror have the same JSON fields")
def same_fields(ctx: Context) -> Iterator[Diagnostic]:
    for g, t in pairs(ctx):
        go_fields = go_wire_fields(ctx, g)
        skipped = {f.name: f for f in g.fields if f.json_skip}
        ts_fields = ts_wire_fields(ctx, t)
        for name, gf in go_fields.items():
            if gf.json_skip:
                continue
            if name not in ts_fields:
                yield this("ALIGN001").at(
                    t.pos,
                    f"{t.name} lacks field '{name}' that Go {g.name}.{gf.name} sends; add it, "
                    f"such as `{name}: …` (see the Go type {gf.type})",
                    related=[Related.at(gf.pos, f"Go field {g.name}.{gf.name}")],
                )
        for name, tf in ts_fields.items():
            if name in go_fields and not go_fields[name].json_skip:
                continue
            why = (
                f'Go {g.name}.{skipped[_go_name_for(name, skipped)].name} is tagged json:"-"'
                if _go_name_for(name, skipped)
                else f"Go {g.name} has no field with json name '{name}'"
            )
            yield this("ALIGN001").at(
                tf.pos if tf.pos.line else t.pos,
                f"{t.name}.{name} is never on the wire ({why}); remove it from {t.name} or add "
                f'the Go field, such as `{_pascal(name)} string `json:"{name}"``',
            )


def _go_name_for(json_name: str, skipped: dict[str, GoField]) -> str:
    for go_name in skipped:
        if go_name.lower() == json_name.replace("_", "").lower():
            return go_name
    return ""


def _pascal(name: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\-\s]+", name) if p) or "Field"


@rule("ALIGN002", "error", "a TS field's type is what the Go field marshals to (one mapping)")
def types_match(ctx: Context) -> Iterator[Diagnostic]:
    yield from _emit(ctx, "ALIGN002")


@rule("ALIGN003", "error", "a TS field is optional (`?`) exactly when the Go field is omitempty")
def optional_match(ctx: Context) -> Iterator[Diagnostic]:
    yield from _emit(ctx, "ALIGN003")


@rule(
    "ALIGN004",
    "error",
    "a TS field allows null exactly when Go can send null (a nil slice or map under policy "
    "`wire` is a warning)",
)
def nullable_match(ctx: Context) -> Iterator[Diagnostic]:
    yield from _emit(ctx, "ALIGN004")


@rule("ALIGN005", "error", "TS string unions list the Go enum's values (consts, oneof, CHECK)")
def enum_match(ctx: Context) -> Iterator[Diagnostic]:
    yield from _emit(ctx, "ALIGN005")
