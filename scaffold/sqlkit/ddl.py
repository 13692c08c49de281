"""DDL for a table the spec describes only by its column table (DESIGN §3).

Statements are built as sqlglot expressions and printed in the style of the
template's example migration: uppercase keywords, one 4-space indented line per
column, ``REFERENCES workspaces(id) ON DELETE CASCADE`` on the column's line,
PostgreSQL spellings (``now()``, ``gen_random_uuid()``, ``'{}'::jsonb``). Column types
are kept as the spec writes them (built-in types upper-cased). Statements carry no
terminating ``;``.
"""

from __future__ import annotations

import re
from typing import Any

from scaffold.model import Column, Table
from scaffold.sqlkit import _engines
from scaffold.sqlkit.columns import ColumnFacts, parse_column_constraints
from scaffold.sqlkit.names import needs_quoting


def table_ddl(table: Table) -> tuple[list[str], list[str]]:
    """(Up, Down) for ``table``: CREATE TABLE + CREATE INDEX …; DROP TABLE IF EXISTS."""
    e = _engines.exp()
    on_delete = {
        r.from_column: r.on_delete for r in table.relationships if r.from_table in ("", table.name)
    }
    targets = {
        r.from_column: f"{r.to_table}({r.to_column})"
        for r in table.relationships
        if r.from_table in ("", table.name) and r.to_table
    }
    columns = [
        _column_def(col, on_delete.get(col.name), targets.get(col.name)) for col in table.columns
    ]
    from scaffold.sqlkit.catalog import constraint_index_name

    indexes = []
    for index in table.indexes:
        if index.name == constraint_index_name(table.name, index.columns, True):
            # the primary key's own index ("PK (a, b)" in the Indexes list)
            if not any(c.primary_key for c in table.columns):
                columns.append(e.PrimaryKey(expressions=[_ident(c) for c in index.columns]))
            continue
        if index.name == constraint_index_name(table.name, index.columns, False) and any(
            c.unique and [c.name] == index.columns for c in table.columns
        ):
            continue  # the index of a column's UNIQUE, which PostgreSQL creates
        indexes.append(index)
    create = e.Create(
        kind="TABLE",
        this=e.Schema(this=_table(table.name), expressions=columns),
    )
    up = [_engines.to_sql(create, pretty=True)]
    for index in indexes:
        cols = []
        for c in index.columns:
            m = re.match(r"^(.*?)\s+(ASC|DESC)$", c.strip(), re.I)
            body, desc = (m.group(1), m.group(2).upper() == "DESC") if m else (c, False)
            cols.append(e.Ordered(this=_index_element(body), desc=desc or None, nulls_first=desc))
        name = index.name or f"idx_{table.name}_{'_'.join(index.columns)}"
        stmt = e.Create(
            kind="INDEX",
            unique=index.unique,
            this=e.Index(
                this=_ident(name),
                table=_table(table.name),
                params=e.IndexParameters(columns=cols),
            ),
        )
        up.append(_engines.to_sql(stmt))
    drop = e.Drop(kind="TABLE", exists=True, tables=[_table(table.name)])
    return up, [_engines.to_sql(drop)]


def goose_migration(up: list[str], down: list[str], *, no_transaction: bool = False) -> str:
    """A goose migration file from Up and Down statements, laid out as the template's example.

    Multi-line statements are separated by a blank line; the one-line statements that
    follow one (its indexes) are grouped under it. A statement goose would cut at a line
    ending in ``;`` (a function body) is wrapped in StatementBegin/StatementEnd.
    """
    from scaffold.sqlkit.goose import goose_ends_statement

    def section(stmts: list[str]) -> str:
        out: list[str] = []
        for i, stmt in enumerate(stmts):
            if i and ("\n" in stmt or "\n" in stmts[i - 1]):
                out.append("")
            lines = stmt.split("\n")
            if any(goose_ends_statement(line) for line in lines[:-1]):
                out.extend(["-- +goose StatementBegin", stmt + ";", "-- +goose StatementEnd"])
            else:
                out.append(stmt + ";")
        return "\n".join(out)

    head = "-- +goose NO TRANSACTION\n" if no_transaction else ""
    return f"{head}-- +goose Up\n{section(up)}\n\n-- +goose Down\n{section(down)}\n"


def _index_element(text: str) -> Any:
    """An index column: a name (quoted when needed) or an expression (``lower(name)``)."""
    e = _engines.exp()
    if re.fullmatch(r"[A-Za-z_][\w$]*", text.strip()):
        return e.Column(this=_ident(text.strip()))
    return _expression(text)


def _ident(name: str) -> Any:
    """An identifier, double-quoted when PostgreSQL would not read it back unchanged."""
    return _engines.exp().to_identifier(name, quoted=needs_quoting(name))


def _table(name: str) -> Any:
    e = _engines.exp()
    parts = name.split(".")
    if len(parts) == 2:
        return e.Table(this=_ident(parts[1]), db=_ident(parts[0]))
    return e.Table(this=_ident(name))


def _column_def(col: Column, on_delete: str | None, target: str | None) -> Any:
    from scaffold.typemap import is_pg_builtin

    e = _engines.exp()
    facts = (
        parse_column_constraints(col.constraints, col.type) if col.constraints else ColumnFacts()
    )
    type_text = " ".join(col.type.split())
    if is_pg_builtin(type_text):
        type_text = type_text.upper()
    kind = e.DataType(this=e.DataType.Type.USERDEFINED, kind=type_text)
    constraints: list[Any] = []

    def add(kind_: Any) -> None:
        constraints.append(e.ColumnConstraint(kind=kind_))

    # The structured fields and the constraints text agree when a reader filled both; where
    # only one is set (a YAML spec, a hand-built model), either says it.
    primary_key = col.primary_key or facts.primary_key
    nullable = col.nullable and facts.nullable and not primary_key
    default = col.default if col.default is not None else facts.default
    check_values = col.check_values or facts.check_values
    if primary_key:
        add(e.PrimaryKeyColumnConstraint())
    elif not nullable:
        add(e.NotNullColumnConstraint())
    if (col.unique or facts.unique) and not primary_key:
        add(e.UniqueColumnConstraint())
    references = col.references or facts.references or target
    if references:
        add(_reference(references, facts.on_delete or on_delete, facts.on_update))
    if default is not None:
        add(e.DefaultColumnConstraint(this=_expression(default)))
    if check_values:
        check = e.In(
            this=e.Column(this=_ident(col.name)),
            expressions=[e.Literal.string(v) for v in check_values],
        )
        add(e.CheckColumnConstraint(this=check))
    elif facts.check:
        add(e.CheckColumnConstraint(this=_expression(facts.check)))
    return e.ColumnDef(this=_ident(col.name), kind=kind, constraints=constraints)


def _reference(references: str, on_delete: str | None, on_update: str | None) -> Any:
    e = _engines.exp()
    table, _, rest = references.partition("(")
    cols = [c.strip() for c in rest.rstrip(")").split(",") if c.strip()] or ["id"]
    options = []
    if on_delete and on_delete.upper() != "NO ACTION":
        options.append(f"ON DELETE {on_delete.upper()}")
    if on_update and on_update.upper() != "NO ACTION":
        options.append(f"ON UPDATE {on_update.upper()}")
    target = e.Schema(this=_table(table.strip()), expressions=[_ident(c) for c in cols])
    return e.Reference(this=target, options=options)


def _expression(sql: str) -> Any:
    """A default or check expression as sqlglot reads it; kept verbatim if it cannot."""
    e = _engines.exp()
    try:
        return _engines.sqlglot().parse_one(sql, dialect=_engines.dialect())
    except Exception:
        return e.Var(this=sql)
