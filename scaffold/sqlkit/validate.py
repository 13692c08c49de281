"""Validity of a statement by PostgreSQL's own grammar (libpg_query, through pglast)."""

from __future__ import annotations

from scaffold.model import Pos, Problem, SqlStatement
from scaffold.sqlkit import _engines

RULE_INVALID = "SQL010"


def offset_pos(stmt: SqlStatement, offset: int) -> Pos:
    """The file position of character ``offset`` inside ``stmt.sql``."""
    offset = max(0, min(offset, len(stmt.sql)))
    before = stmt.sql[:offset]
    newlines = before.count("\n")
    if newlines == 0:
        column = (stmt.pos.column or 1) + offset
    else:
        column = offset - before.rfind("\n")
    return Pos(file=stmt.pos.file, line=stmt.pos.line + newlines, column=column)


def validate(stmt: SqlStatement) -> list[Problem]:
    """An error Problem (rule SQL010) if PostgreSQL's grammar rejects the statement, else []."""
    pglast = _engines.pglast()
    try:
        pglast.parser.parse_sql(stmt.sql)
    except pglast.parser.ParseError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        offset = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
        if offset is None:  # "at end of input": point just past the statement's last character
            offset = len(stmt.sql.rstrip()) if "end of input" in message else 0
        return [
            Problem(
                rule=RULE_INVALID,
                severity="error",
                message=f"PostgreSQL rejects this statement: {message}",
                pos=offset_pos(stmt, offset),
            )
        ]
    return []
