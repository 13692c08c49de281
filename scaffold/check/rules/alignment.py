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

from ...diagnostics import Diagnostic, Related
from ...generate.naming import snake
from ...model import GoField, GoStruct, TsField, TsType
from ...typemap import oneof_members
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
    out = {f.name: f for f in t.fields}
    for parent in t.extends:
        p = ctx.spec.ts_type(parent.split("<", 1)[0].strip())
        if p is not None and depth < 8:
            for name, f in ts_wire_fields(ctx, p, depth + 1).items():
                out.setdefault(name, f)
    return out


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
    from ...typemap import compatible

    spec = ctx.spec
    enums = {e.name: list(e.values) for e in spec.go_enums}
    known = {s.name for s in spec.go_structs} | {t.name for t in spec.go_types} | set(enums)
    names = {g.name: t.name for g, t in pairs(ctx) if g.name != t.name}
    out = []
    for g, t in pairs(ctx):
        go_fields = go_wire_fields(ctx, g)
        ts_fields = ts_wire_fields(ctx, t)
        for name, gf in go_fields.items():
            tf = ts_fields.get(name)
            if tf is None or gf.json_skip or re.search(r"(?<![\w$])any(?![\w$])", tf.type):
                continue  # `any` is TYPE003's finding
            evidence = _evidence(ctx, g, gf)
            for m in compatible(
                gf,
                tf,
                policy=ctx.policy,  # type: ignore[arg-type]
                enums=enums,
                known_types=known,
                names=names,
                evidence=evidence,
            ):
                fix = m.fix
                if m.kind == "enum":
                    members = (
                        enums.get(gf.type.lstrip("*")) or evidence or oneof_members(gf.validation)
                    )
                    if members:
                        union = " | ".join(json.dumps(v) for v in members)
                        fix = f"{tf.name}{'?' if tf.optional else ''}: {union}"
                        fix += " | null" if tf.nullable else ""
                rid = _KIND_RULE.get(m.kind, "ALIGN002")
                out.append((rid, g, t, gf, tf, m.message, fix))
    ctx.cache["align_mismatches"] = out
    return out


def _emit(ctx: Context, rule_id: str) -> Iterator[Diagnostic]:
    for rid, g, t, gf, tf, message, fix in _mismatches(ctx):
        if rid != rule_id:
            continue
        message = message.rstrip(".")
        yield this(rule_id).at(
            tf.pos if tf.pos.line else t.pos,
            f"{t.name}.{message}; the TS field should mirror Go {g.name}.{gf.name}"
            + (f", such as `{fix}`" if fix else ""),
            related=[
                Related(
                    path=gf.pos.file,
                    line=gf.pos.line,
                    column=gf.pos.column,
                    message=f"Go field {g.name}.{gf.name} {gf.type}",
                )
            ],
        )


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
                    related=[
                        Related(
                            path=gf.pos.file,
                            line=gf.pos.line,
                            column=gf.pos.column,
                            message=f"Go field {g.name}.{gf.name}",
                        )
                    ],
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


@rule("ALIGN004", "error", "a TS field allows null exactly when Go can send null (pointer, nil)")
def nullable_match(ctx: Context) -> Iterator[Diagnostic]:
    yield from _emit(ctx, "ALIGN004")


@rule("ALIGN005", "error", "TS string unions list the Go enum's values (consts, oneof, CHECK)")
def enum_match(ctx: Context) -> Iterator[Diagnostic]:
    yield from _emit(ctx, "ALIGN005")
