"""``scaffold drift --spec``: the spec is the contract for the code, and its migrations for SQL.

Spec ↔ code: every Go struct, string enum and TS type the spec declares must exist in
the code with the same fields (Go: type as written, json name and options; TS: type,
``?`` and ``| null``). SQL ↔ Go: a Go struct with ``db`` tags is matched with the
table the spec's migrations create (by name: ``Invite``/``InviteRow`` → ``invites``,
else the table holding most of its columns); each ``db`` column must exist, and a
NULL column needs a field that can hold NULL (a pointer, slice, map, ``sql.Null*``
or a type whose marshaler is nullable).
"""

from __future__ import annotations


from ..diagnostics import Diagnostic, Related
from ..model import GoField, Spec, TsField
from ..generate.naming import snake as to_snake
from ..typemap import MARSHALERS, SQL_NULL_TYPES, normalize_ts
from .records import GoFieldRec, TsFieldRec
from .resolve import GoIndex, GoStructLoc, TsIndex


def _ts_named(ts: TsIndex, name: str) -> str:
    """The code's TS type name for the spec's ``name``: the same, else the one in another case."""
    if ts.types.get(name):
        return name
    lower = name.lower()
    found = [n for n in ts.types if n.lower() == lower]
    return found[0] if len(found) == 1 else ""


def spec_pairs(spec: Spec, go: GoIndex, ts: TsIndex) -> list[tuple[str, str, str, object]]:
    """(Go name, TS name, why, position) for each endpoint type pair found in the code.

    Names match in any case (DESIGN §11): the spec's ``SignupRequest`` pairs the code's
    unexported ``signupRequest``; the names returned are the code's.
    """
    out: list[tuple[str, str, str, object]] = []
    seen: set[str] = set()

    def add(g: str, t: str, why: str, pos: object) -> None:
        loc = go.struct_any_case(g)
        t_name = _ts_named(ts, t)
        if loc is None or not t_name or loc.rec.name in seen:
            return
        seen.add(loc.rec.name)
        out.append((loc.rec.name, t_name, why, pos))

    for ep in spec.endpoints:
        for kind, g, t in (
            ("request", ep.request, ep.ts_request),
            ("response", ep.response, ep.ts_response),
        ):
            if g and t:
                add(g, t, f"spec {ep.method} {ep.path} {kind}", ep.pos)
    ts_names = {t.name for t in spec.ts_types}
    for s in spec.go_structs:
        if s.name in ts_names:
            add(s.name, s.name, "spec (declared in both languages)", s.pos)
    return out


def spec_directions(spec: Spec) -> dict[str, str]:
    """Lower-cased Go struct name → the way the spec says it flows (DESIGN §9).

    A request body is received, a response and an event payload are sent.
    """
    out: dict[str, str] = {}

    def add(name: str, direction: str) -> None:
        key = name.strip().lower()
        if not key:
            return
        have = out.get(key)
        out[key] = direction if have in (None, direction) else "both"

    for ep in spec.endpoints:
        add(ep.request, "receive")
        add(ep.response, "send")
    for ev in spec.events:
        payload = ev.payload.strip()
        if payload.isidentifier():
            add(payload, "send")
    return out


def _spec_rel(pos: object, message: str) -> Related:
    return Related(
        path=getattr(pos, "file", ""),
        line=getattr(pos, "line", 0),
        column=getattr(pos, "column", 0),
        message=message,
    )


def _go_key(f: GoField | GoFieldRec) -> str:
    return f.name if not f.embedded else "embedded " + f.type


def _go_desc(f: GoField | GoFieldRec) -> str:
    if f.json_skip:
        return 'json:"-"'
    opts = []
    if f.omitempty:
        opts.append("omitempty")
    if f.json_string:
        opts.append("string")
    name = f.json_name if f.json_name is not None else "(no json tag)"
    return f"json {name}" + (f" ({', '.join(opts)})" if opts else "")


def spec_vs_code(spec: Spec, go: GoIndex, ts: TsIndex) -> list[Diagnostic]:
    """Findings where the code differs from the spec's Go structs, enums and TS types."""
    out: list[Diagnostic] = []
    for s in spec.go_structs:
        loc = go.struct_any_case(s.name)
        if loc is None:
            out.append(_missing(s.pos, f"Go struct {s.name}"))
            continue
        out.extend(_go_struct_vs(s, loc))
    for e in spec.go_enums:
        values = go.enums.get(e.name)
        where = go.enum_locs.get(e.name)
        if values is None or where is None:
            if e.underlying == "string":
                out.append(_missing(e.pos, f"Go enum {e.name}"))
            continue
        if sorted(values) != sorted(e.values):
            missing = [v for v in e.values if v not in values]
            extra = [v for v in values if v not in e.values]
            parts = []
            if missing:
                parts.append(f"lacks {', '.join(missing)}")
            if extra:
                parts.append(f"adds {', '.join(extra)}")
            out.append(
                Diagnostic(
                    rule="DRIFT023",
                    severity="error",
                    message=f"Go enum {e.name} differs from the spec: the code "
                    + " and ".join(parts),
                    path=where[0],
                    line=where[1],
                    column=where[2],
                    related=[_spec_rel(e.pos, f"spec enum {e.name}")],
                )
            )
    for t in spec.ts_types:
        if t.kind == "alias" and not t.fields:
            continue
        code_name = _ts_named(ts, t.name) or t.name
        found = [x for x in ts.types.get(code_name, []) if x.rec.kind != "alias"]
        if not found:
            out.append(_missing(t.pos, f"TS type {t.name}"))
            continue
        shape = ts.shape(found[0])
        spec_aliases = {a.name: a.literals for a in spec.ts_types if a.literals}
        out.extend(
            _ts_type_vs(
                t.name, t.fields, shape.fields, found[0].path, found[0].rec, ts, spec_aliases
            )
        )
    return out


def _missing(pos: object, what: str) -> Diagnostic:
    return Diagnostic(
        rule="DRIFT020",
        severity="error",
        message=f"the spec declares {what} but the code drift read has none; write it (or "
        "`scaffold generate`), or check the --go/--ts paths",
        path=getattr(pos, "file", ""),
        line=getattr(pos, "line", 0),
        column=getattr(pos, "column", 0),
    )


def _go_struct_vs(s, loc: GoStructLoc) -> list[Diagnostic]:  # noqa: ANN001 - GoStruct
    out: list[Diagnostic] = []
    code = {_go_key(f): f for f in loc.rec.fields}
    want = {_go_key(f): f for f in s.fields}
    for key, f in want.items():
        c = code.get(key)
        if c is None:
            out.append(
                Diagnostic(
                    rule="DRIFT021",
                    severity="error",
                    message=f"Go {s.name}: the spec declares field {key} {f.type} "
                    f"({_go_desc(f)}) but the code lacks it",
                    path=loc.path,
                    line=loc.rec.line,
                    column=loc.rec.column,
                    related=[_spec_rel(f.pos, f"spec {s.name}.{key}")],
                )
            )
            continue
        diffs = []
        if " ".join(c.type.split()) != " ".join(f.type.split()):
            diffs.append(f"type {c.type}, spec {f.type}")
        if _go_desc(c) != _go_desc(f):
            diffs.append(f"{_go_desc(c)}, spec {_go_desc(f)}")
        if diffs:
            out.append(
                Diagnostic(
                    rule="DRIFT023",
                    severity="error",
                    message=f"Go {s.name}.{key} differs from the spec: " + "; ".join(diffs),
                    path=loc.path,
                    line=c.line,
                    column=c.column,
                    related=[_spec_rel(f.pos, f"spec {s.name}.{key}")],
                )
            )
    for key, c in code.items():
        if key not in want and (c.embedded or c.name[:1].isupper()):
            out.append(
                Diagnostic(
                    rule="DRIFT022",
                    severity="error",
                    message=f"Go {s.name}.{key} is not in the spec; add it to the spec or "
                    "remove it from the code",
                    path=loc.path,
                    line=c.line,
                    column=c.column,
                    related=[_spec_rel(s.pos, f"spec struct {s.name}")],
                )
            )
    return out


def _ts_desc(f: TsField | TsFieldRec) -> str:
    return f"{'?' if f.optional else ''}: {normalize_ts(f.type)}{' | null' if f.nullable else ''}"


def _same_ts(code: TsFieldRec, path: str, spec_f: TsField, ts: TsIndex, aliases: dict) -> bool:
    """Code and spec declare the same member: aliases seen through, unions compared as sets."""
    from .compare import _expanded

    c = _expanded(code, path, ts)
    if c.optional != spec_f.optional or c.nullable != spec_f.nullable:
        return False
    spec_lits = list(spec_f.literals) or list(aliases.get(spec_f.type.strip(), []))
    if c.literals or spec_lits:
        return sorted(set(c.literals)) == sorted(set(spec_lits))
    return normalize_ts(c.type) == normalize_ts(spec_f.type)


def _ts_type_vs(  # noqa: ANN001
    name, spec_fields, code_fields, path, rec, ts, aliases
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for f in spec_fields:
        if f.name.startswith("["):
            continue
        loc = code_fields.get(f.name)
        if loc is None:
            out.append(
                Diagnostic(
                    rule="DRIFT021",
                    severity="error",
                    message=f"TS {name}: the spec declares `{f.name}{_ts_desc(f)}` but the code "
                    "lacks it",
                    path=path,
                    line=rec.line,
                    column=rec.column,
                    related=[_spec_rel(f.pos, f"spec {name}.{f.name}")],
                )
            )
            continue
        c = loc.field
        if not _same_ts(c, loc.path, f, ts, aliases):
            out.append(
                Diagnostic(
                    rule="DRIFT023",
                    severity="error",
                    message=f"TS {name}.{f.name} differs from the spec: code "
                    f"`{f.name}{_ts_desc(c)}`, spec `{f.name}{_ts_desc(f)}`",
                    path=loc.path,
                    line=c.line,
                    column=c.column,
                    related=[_spec_rel(f.pos, f"spec {name}.{f.name}")],
                    fix=f"{f.name}{_ts_desc(f)}",
                )
            )
    declared = {f.name for f in spec_fields}
    for key, loc in code_fields.items():
        if key not in declared:
            out.append(
                Diagnostic(
                    rule="DRIFT022",
                    severity="error",
                    message=f"TS {name}.{key} is not in the spec; add it to the spec or remove "
                    "it from the code",
                    path=loc.path,
                    line=loc.field.line,
                    column=loc.field.column,
                )
            )
    return out


# --------------------------------------------------------------------------- SQL ↔ Go


def _plural(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


_SUFFIXES = ("Row", "Record", "Model", "Entity", "DB", "Db")


def _table_for(name: str, columns: set[str], tables: dict) -> str | None:  # noqa: ANN001
    base = name
    for suffix in _SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    snake = to_snake(base)
    for cand in (_plural(snake), snake):
        if cand in tables:
            return cand
    best, best_n = None, 0
    for tname, info in sorted(tables.items()):
        n = len(columns & set(info.columns))
        if n > best_n:
            best, best_n = tname, n
    if best is not None and best_n * 2 > len(columns) and best_n >= 2:
        return best
    return None


def _can_hold_null(go_type: str) -> bool:
    t = go_type.strip()
    if t.startswith(("*", "[]", "map[")) or t in ("json.RawMessage", "any", "interface{}"):
        return True
    if t in SQL_NULL_TYPES or t.startswith(("sql.Null", "null.", "pgtype.", "zero.")):
        return True
    m = MARSHALERS.get(t)
    return bool(m and m.nullable)


def sql_vs_go(spec: Spec, go: GoIndex) -> list[Diagnostic]:
    """db-tagged Go structs against the tables the spec's migrations create."""
    from ..sqlkit import Catalog, effects

    if not spec.migrations:
        return []
    catalog = Catalog()
    created: set[str] = set()
    for m in sorted(spec.migrations, key=lambda m: (m.version, m.path)):
        created.update(effects(m.up).tables)
        catalog.apply(m.up)
    tables = {n: t for n, t in catalog.tables.items() if n in created}
    if not tables:
        return []
    out: list[Diagnostic] = []
    for name, locs in sorted(go.structs.items()):
        for loc in locs:
            db_fields = [f for f in loc.rec.fields if f.db and f.db != "-"]
            if not db_fields:
                continue
            table_name = _table_for(name, {f.db for f in db_fields}, tables)  # type: ignore[misc]
            if table_name is None:
                continue
            table = tables[table_name]
            for f in db_fields:
                col = table.columns.get(f.db)  # type: ignore[arg-type]
                if col is None:
                    out.append(
                        Diagnostic(
                            rule="DRIFT030",
                            severity="error",
                            message=f"Go {name}.{f.name} reads column {f.db!r}, which table "
                            f"{table_name} (created by the spec's migrations) does not have",
                            path=loc.path,
                            line=f.line,
                            column=f.column,
                            related=[Related.at(table.pos, f"CREATE TABLE {table_name}")],
                        )
                    )
                elif col.nullable and not col.primary_key and not _can_hold_null(f.type):
                    out.append(
                        Diagnostic(
                            rule="DRIFT031",
                            severity="error",
                            message=f"Go {name}.{f.name} is {f.type}, but column "
                            f"{table_name}.{f.db} is NULL; scanning a NULL fails. Use *{f.type} "
                            "or make the column NOT NULL",
                            path=loc.path,
                            line=f.line,
                            column=f.column,
                            related=[
                                Related.at(col.pos, f"column {table_name}.{f.db} {col.type} NULL")
                            ],
                            fix=f"*{f.type}",
                        )
                    )
    return out
