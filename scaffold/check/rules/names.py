"""Identifiers: spec names that become Go, TypeScript or SQL identifiers (``NAME0xx``).

DESIGN.md §8: a name that is not a valid identifier, or is reserved in its
language, is an error with a suggested name; generate never silently renames.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...diagnostics import Diagnostic
from ...model import Pos
from ..engine import Context, rule, this

GO_KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if "
    "import interface map package range return select struct switch type var".split()
)
GO_PREDECLARED = frozenset(
    "any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 "
    "int64 rune string uint uint8 uint16 uint32 uint64 uintptr true false iota nil append cap "
    "clear close complex copy delete imag len make max min new panic print println real "
    "recover".split()
)
TS_RESERVED = frozenset(
    "break case catch class const continue debugger default delete do else enum export extends "
    "false finally for function if import in instanceof new null return super switch this "
    "throw true try typeof var void while with implements interface let package private "
    "protected public static yield await".split()
)
# Names a TypeScript type cannot take (TS2457 and the primitive keywords).
TS_TYPE_RESERVED = frozenset(
    "any bigint boolean never number object string symbol undefined unknown void".split()
)
# PostgreSQL's reserved key words (Appendix C, "reserved" in the PostgreSQL column), which
# cannot be a table or column name unquoted.
PG_RESERVED = frozenset(
    "all analyse analyze and any array as asc asymmetric authorization binary both case cast "
    "check collate collation column concurrently constraint create cross current_catalog "
    "current_date current_role current_schema current_time current_timestamp current_user "
    "default deferrable desc distinct do else end except false fetch for foreign freeze from "
    "full grant group having ilike in initially inner intersect into is isnull join lateral "
    "leading left like limit localtime localtimestamp natural not notnull null offset on only "
    "or order outer overlaps placing primary references returning right select session_user "
    "similar some symmetric system_user table tablesample then to trailing true union unique "
    "user using variadic verbose when where window with".split()
)
PG_MAX_IDENT = 63
_SQL_SUGGEST = {
    "user": "user_id",
    "order": "sort_order",
    "group": "group_name",
    "default": "is_default",
    "check": "check_value",
    "limit": "limit_value",
    "from": "from_at",
    "to": "to_at",
    "end": "ends_at",
    "desc": "description",
    "table": "table_name",
    "column": "column_name",
    "primary": "is_primary",
    "references": "reference",
    "unique": "is_unique",
    "offset": "offset_value",
    "window": "time_window",
    "analyze": "analysis",
    "all": "all_items",
}
_GO_IDENT = re.compile(r"^[^\W\d]\w*$", re.UNICODE)
_TS_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_SQL_IDENT = re.compile(r"^[a-z_][a-z0-9_$]*$")
_GO_PACKAGE = re.compile(r"^[a-z][a-z0-9]*$")


def _pascal(name: str) -> str:
    parts = re.findall(r"[A-Za-z0-9]+", name)
    out = "".join(p[:1].upper() + p[1:] for p in parts)
    if not out or out[0].isdigit():
        out = "X" + out
    return out


def suggest_go(name: str, exported: bool = True) -> str:
    """A valid, unreserved Go name close to ``name``."""
    if _GO_IDENT.match(name):
        base = name[:1].upper() + name[1:] if exported else name
    else:
        base = _pascal(name)
        if not exported:
            base = base[:1].lower() + base[1:]
    if base in GO_KEYWORDS or base in GO_PREDECLARED:
        base = base[:1].upper() + base[1:] if exported else base + "Value"
    if base in GO_KEYWORDS or base in GO_PREDECLARED:
        base += "Value"
    return base


def suggest_ts(name: str) -> str:
    base = _pascal(name) if not _TS_IDENT.match(name) else name[:1].upper() + name[1:]
    if base in TS_RESERVED or base in TS_TYPE_RESERVED:
        base += "Type"
    return base


def suggest_sql(name: str) -> str:
    low = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "name"
    if low[0].isdigit():
        low = "n_" + low
    if low in _SQL_SUGGEST:
        return _SQL_SUGGEST[low]
    if low in PG_RESERVED:
        return low + "_value"
    return low[:PG_MAX_IDENT]


def go_names(ctx: Context) -> Iterator[tuple[Pos, str, str, bool]]:
    """(position, name, what, is a type name) for every Go identifier the spec defines."""
    spec = ctx.spec
    for s in spec.go_structs:
        yield s.pos, s.name, "struct", True
        for f in s.fields:
            if not f.embedded and f.name:
                yield f.pos, f.name, f"field of {s.name}", False
    for i in spec.go_interfaces:
        yield i.pos, i.name, "interface", True
        for m in i.methods:
            yield m.pos, m.name, f"method of {i.name}", False
    for e in spec.go_enums:
        yield e.pos, e.name, "type", True
        for c in e.consts:
            yield e.pos, c, f"constant of {e.name}", False
    for t in spec.go_types:
        yield t.pos, t.name, "type", True
    for fn in spec.go_funcs:
        yield fn.pos, fn.name, "function", False
    for err in spec.errors:
        # `auth.ErrForbidden`: the package is judged as a package name, the rest as a name.
        yield err.pos, err.ident, "error", False
        if err.package:
            yield err.pos, err.package, "error package", False
    for ep in spec.endpoints:
        h = ep.handler
        if h is not None:
            yield h.pos, h.function, "handler", False
            if h.receiver:
                yield h.pos, h.receiver, "handler type", True


@rule("NAME001", "error", "Go names are valid identifiers, not keywords or predeclared names")
def go_identifiers(ctx: Context) -> Iterator[Diagnostic]:
    for pos, name, what, is_type in go_names(ctx):
        if not name:
            continue
        # Spec types are API types: suggest an exported name for them.
        exported = is_type or name[:1].isupper() or what in {"error", "handler"}
        suggestion = suggest_go(name, exported)
        if what == "error package":
            suggestion = re.sub(r"[^a-z0-9]", "", name.lower()) or "pkg"
            if suggestion in GO_KEYWORDS or not suggestion[0].isalpha():
                suggestion = "pkg" + suggestion
        if not _GO_IDENT.match(name):
            problem = "is not a valid Go identifier"
        elif name in GO_KEYWORDS:
            problem = "is a Go keyword"
        elif is_type and name in GO_PREDECLARED:
            problem = "shadows a predeclared Go identifier"
        else:
            continue
        yield this("NAME001").at(
            pos,
            f"Go {what} name '{name}' {problem}; it should be a valid name, such as "
            f"{suggestion}",
        )


def ts_names(ctx: Context) -> Iterator[tuple[Pos, str, str]]:
    spec = ctx.spec
    for t in spec.ts_types:
        yield t.pos, t.name, "type"
    for err in spec.errors:
        if err.ts_name:
            yield err.pos, err.ts_name, "error class"
    for comp in spec.components:
        if comp.name:
            yield comp.pos, comp.name, "component"
        if comp.props:
            yield comp.pos, comp.props, "props interface"
    for hook in spec.hooks:
        yield hook.pos, re.sub(r"\(.*$", "", hook.name).strip(), "hook"


@rule("NAME002", "error", "TypeScript names are valid identifiers, not reserved words")
def ts_identifiers(ctx: Context) -> Iterator[Diagnostic]:
    for pos, name, what in ts_names(ctx):
        if not name:
            continue
        if not _TS_IDENT.match(name):
            problem = "is not a valid TypeScript identifier"
        elif name in TS_RESERVED or (what != "hook" and name in TS_TYPE_RESERVED):
            problem = "is reserved in TypeScript"
        elif what == "component" and not name[:1].isupper():
            problem = "starts lowercase, so React would treat it as an HTML element"
        else:
            continue
        suggestion = suggest_ts(name) if what != "hook" else _hook_name(name)
        yield this("NAME002").at(
            pos, f"TypeScript {what} name '{name}' {problem}; use a name such as {suggestion}"
        )


def _hook_name(name: str) -> str:
    base = _pascal(name)
    return "use" + base if not base.lower().startswith("use") else base[:1].lower() + base[1:]


def sql_names(ctx: Context) -> Iterator[tuple[Pos, str, str]]:
    for table in ctx.spec.tables:
        yield table.pos, table.name, "table"
        for col in table.columns:
            yield col.pos, col.name, f"column of {table.name}"
        for idx in table.indexes:
            yield idx.pos, idx.name, "index"


@rule("NAME003", "error", "SQL names are valid, unreserved and at most 63 bytes")
def sql_identifiers(ctx: Context) -> Iterator[Diagnostic]:
    for pos, name, what in sql_names(ctx):
        bare = name.strip()
        if not bare or (bare.startswith('"') and bare.endswith('"')):
            continue
        if bare.lower() in PG_RESERVED:
            problem = "is a reserved word in PostgreSQL"
        elif not _SQL_IDENT.match(bare):
            problem = (
                "is not a plain lowercase SQL identifier"
                if re.match(r"^[A-Za-z_][A-Za-z0-9_$]*$", bare)
                else "is not a valid SQL identifier"
            )
        elif len(bare.encode()) > PG_MAX_IDENT:
            problem = f"is longer than {PG_MAX_IDENT} bytes, so PostgreSQL truncates it"
        else:
            continue
        yield this("NAME003").at(
            pos, f"SQL {what} name '{bare}' {problem}; use a name such as {suggest_sql(bare)}"
        )


@rule("NAME004", "error", "a Go field with a json tag is exported (encoding/json skips others)")
def unexported_json_field(ctx: Context) -> Iterator[Diagnostic]:
    for s in ctx.spec.go_structs:
        for f in s.fields:
            if f.embedded or not f.name or f.json_skip or f.json_name is None:
                continue
            if _GO_IDENT.match(f.name) and not f.name[:1].isupper():
                yield this("NAME004").at(
                    f.pos,
                    f"field {s.name}.{f.name} is unexported, so encoding/json ignores it and "
                    f"its json tag; export it, such as {f.name[:1].upper() + f.name[1:]}",
                )


@rule("NAME005", "warning", "Go package names are lowercase single words")
def package_names(ctx: Context) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for ep in ctx.spec.endpoints:
        h = ep.handler
        if h is None or not h.package or h.package in seen:
            continue
        seen.add(h.package)
        if not _GO_PACKAGE.match(h.package) or h.package in GO_KEYWORDS:
            good = re.sub(r"[^a-z0-9]", "", h.package.lower()) or "handlers"
            if good in GO_KEYWORDS or not good[0].isalpha():
                good = "handlers"
            yield this("NAME005").at(
                h.pos,
                f"Go package name '{h.package}' should be one lowercase word, such as {good}",
            )
