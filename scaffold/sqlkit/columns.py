"""Constraints of a spec's column table, read into facts.

Specs write constraints in a shorthand (``PK, DEFAULT gen_random_uuid()``,
``NOT NULL, FK → workspaces(id)``, ``NULL``). Each comma-separated piece (commas
inside parentheses and strings do not split) has the shorthand rewritten to SQL
(``PK`` → ``PRIMARY KEY``, ``FK →``/``FK ->``/``→`` → ``REFERENCES``; a lone
``ON DELETE …`` piece joins the reference before it), then the whole is parsed as a
column definition by sqlglot. A piece sqlglot cannot read is kept in
``ColumnFacts.unknown`` rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from scaffold.sqlkit import _engines


@dataclass
class ColumnFacts:
    nullable: bool = True
    primary_key: bool = False
    unique: bool = False
    default: str | None = None  # SQL expression, e.g. "gen_random_uuid()", "'pending'"
    references: str | None = None  # "table(column)"
    check_values: list[str] = field(default_factory=list)  # CHECK (col IN ('a', 'b'))
    on_delete: str | None = None  # "CASCADE", "SET NULL", ...
    on_update: str | None = None
    check: str | None = None  # the CHECK expression, e.g. "status IN ('a', 'b')"
    unknown: list[str] = field(default_factory=list)  # pieces not understood, as written


_PK = re.compile(r"^\s*PK\b", re.IGNORECASE)
_FK = re.compile(r"^\s*(?:FK\b\s*(?:->|REFERENCES\b)?|->)\s*", re.IGNORECASE)
_ON_ACTION = re.compile(r"^\s*ON\s+(DELETE|UPDATE)\b", re.IGNORECASE)
_NULLABLE = re.compile(r"^\s*NULLABLE\s*$", re.IGNORECASE)
_REF_TARGET = re.compile(r"^\s*([\w.\"]+)\s*\.\s*([\w\"]+)\s*$")  # FK → users.id


def parse_column_constraints(constraints: str, type_: str = "TEXT") -> ColumnFacts:
    """Read a spec's constraints cell (``NOT NULL, FK → users(id)``) into :class:`ColumnFacts`."""
    facts = ColumnFacts()
    pieces = _pieces(constraints.replace("→", "->"))
    sql_pieces: list[tuple[str, str]] = []  # (as written, as SQL)
    for written in pieces:
        sql = _shorthand(written)
        if _ON_ACTION.match(sql) and sql_pieces and "REFERENCES" in sql_pieces[-1][1].upper():
            prev_written, prev_sql = sql_pieces.pop()
            sql_pieces.append((f"{prev_written}, {written}", f"{prev_sql} {sql}"))
            continue
        sql_pieces.append((written, sql))
    defs = []
    for written, sql in sql_pieces:
        column = _parse_column(sql, type_)
        if column is None:
            facts.unknown.append(written)
        else:
            defs.append(column)
    for column in defs:
        _collect(column, facts)
    if facts.primary_key:
        facts.nullable = False
    return facts


def _pieces(text: str) -> list[str]:
    """Split at commas outside parentheses and quotes (sqlglot's tokenizer finds them)."""
    text = text.strip()
    if not text:
        return []
    try:
        tokens = _engines.dialect().tokenize(text)
    except Exception:  # an unterminated quote: keep the cell whole
        return [text]
    TokenType = _engines.sqlglot().tokens.TokenType
    cuts: list[int] = []
    depth = 0
    for tok in tokens:
        if tok.token_type in (TokenType.L_PAREN, TokenType.L_BRACKET):
            depth += 1
        elif tok.token_type in (TokenType.R_PAREN, TokenType.R_BRACKET):
            depth -= 1
        elif tok.token_type == TokenType.COMMA and depth == 0:
            cuts.append(tok.start)
    out, start = [], 0
    for cut in cuts + [len(text)]:
        piece = text[start:cut].strip()
        if piece:
            out.append(piece)
        start = cut + 1
    return out


def _shorthand(piece: str) -> str:
    if _NULLABLE.match(piece):
        return "NULL"
    piece = _PK.sub("PRIMARY KEY", piece, count=1)
    match = _FK.match(piece)
    if match:
        rest = piece[match.end() :]
        target = _REF_TARGET.match(rest)
        if target:  # FK → users.id
            rest = f"{target.group(1)}({target.group(2)})"
        piece = "REFERENCES " + rest
    return piece


def _parse_column(constraint_sql: str, type_: str) -> Any | None:
    """Parse ``_c <type> <constraint>`` with sqlglot; the ColumnDef, or None if it does not parse."""
    sqlglot = _engines.sqlglot()
    e = _engines.exp()
    for typ in (type_ or "TEXT", "TEXT"):
        try:
            tree = sqlglot.parse_one(
                f"CREATE TABLE _t (_c {typ} {constraint_sql})", dialect=_engines.dialect()
            )
        except Exception:
            continue
        if not isinstance(tree, e.Create) or not isinstance(tree.this, e.Schema):
            continue
        cols = tree.this.expressions
        if len(cols) != 1 or not isinstance(cols[0], e.ColumnDef):
            continue
        column = cols[0]
        if not column.args.get("constraints"):
            continue  # sqlglot read the piece as part of the type: not a constraint
        return column
    return None


def _collect(column: Any, facts: ColumnFacts) -> None:
    e = _engines.exp()
    for constraint in column.args.get("constraints") or []:
        kind = constraint.args.get("kind")
        if isinstance(kind, e.NotNullColumnConstraint):
            facts.nullable = bool(kind.args.get("allow_null"))
        elif isinstance(kind, e.PrimaryKeyColumnConstraint):
            facts.primary_key = True
            facts.nullable = False
        elif isinstance(kind, e.UniqueColumnConstraint):
            facts.unique = True
        elif isinstance(kind, e.DefaultColumnConstraint):
            facts.default = _engines.to_sql(kind.this)
        elif isinstance(kind, e.CheckColumnConstraint):
            facts.check = _engines.to_sql(kind.this)
            facts.check_values = check_values(kind.this)
        elif isinstance(kind, e.Reference):
            _reference(kind, facts)
        elif isinstance(kind, e.GeneratedAsIdentityColumnConstraint):
            facts.nullable = False
        else:
            facts.unknown.append(_engines.to_sql(constraint))


def _reference(ref: Any, facts: ColumnFacts) -> None:
    e = _engines.exp()
    target = ref.this
    if isinstance(target, e.Schema):
        table = _name(target.this)
        cols = [c.name for c in target.expressions]
        facts.references = f"{table}({', '.join(cols)})"
    else:
        facts.references = _name(target)
    for option in ref.args.get("options") or []:
        text = _engines.to_sql(option) if not isinstance(option, str) else option
        match = re.match(r"ON\s+(DELETE|UPDATE)\s+(.+)$", text.strip(), re.IGNORECASE)
        if match:
            action = " ".join(match.group(2).upper().split())
            if match.group(1).upper() == "DELETE":
                facts.on_delete = action
            else:
                facts.on_update = action


def _name(table: Any) -> str:
    """A table name without the ``public.`` schema."""
    e = _engines.exp()
    if isinstance(table, e.Table):
        parts = [p.name for p in table.parts]
    else:
        parts = [table.name]
    if len(parts) > 1 and parts[0] == "public":
        parts = parts[1:]
    return ".".join(parts)


def check_values(expression: Any) -> list[str]:
    """String members of ``col IN ('a', 'b')`` or ``col = ANY (ARRAY['a'::text, …])``; else []."""
    e = _engines.exp()
    node = expression
    while isinstance(node, e.Paren):
        node = node.this
    items: list[Any] = []
    if isinstance(node, e.In) and isinstance(node.this, e.Column):
        items = list(node.expressions)
    elif isinstance(node, e.EQ) and isinstance(node.this, e.Column):
        right = node.expression
        if isinstance(right, e.Any):
            inner = right.this
            while isinstance(inner, e.Paren):
                inner = inner.this
            if isinstance(inner, e.Array):
                items = list(inner.expressions)
    values: list[str] = []
    for item in items:
        while isinstance(item, e.Cast):
            item = item.this
        if not (isinstance(item, e.Literal) and item.is_string):
            return []
        values.append(item.this)
    return values
