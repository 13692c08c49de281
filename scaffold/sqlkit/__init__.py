"""SQL for the rest of spec-scaffold: the only module that imports sqlglot or pglast.

Both are imported lazily, inside the functions that need them, so importing this
package is cheap. Where each piece lives:

- :mod:`.goose` — :func:`split_goose` (a goose migration into Up/Down statements, with
  positions) and :func:`split_sql` (plain SQL). Rules SQL001–SQL008.
- :mod:`.columns` — :func:`parse_column_constraints` (a spec's constraints cell, read
  by sqlglot).
- :mod:`.validate` — :func:`validate` (PostgreSQL's grammar via pglast). Rule SQL010.
- :mod:`.catalog` — :func:`effects` (what statements create/drop/alter),
  :func:`undo_gaps` (does Down reverse Up), :class:`Catalog` (the schema a spec builds
  on, from ``pg_dump -s`` or migrations). Rules SQL020–SQL023.
- :mod:`.names` — :func:`is_reserved`, :func:`needs_quoting` (SQL identifiers).
- :mod:`.ddl` — :func:`table_ddl` (CREATE TABLE/INDEX and DROP for a spec table, built
  with sqlglot) and :func:`goose_migration` (lay statements out as a goose file).

Every ``SqlStatement.sql`` here has no terminating ``;``.
"""

from scaffold.sqlkit.catalog import (
    Catalog,
    Change,
    ColumnInfo,
    ColumnType,
    Effects,
    IndexInfo,
    ObjectInfo,
    Reference,
    TableInfo,
    TypeInfo,
    UndoGaps,
    effects,
    is_concurrent_index,
    undo_gaps,
)
from scaffold.sqlkit.columns import ColumnFacts, parse_column_constraints
from scaffold.sqlkit.ddl import goose_migration, table_ddl
from scaffold.sqlkit.goose import GooseSections, split_goose, split_sql
from scaffold.sqlkit.names import is_reserved, needs_quoting
from scaffold.sqlkit.validate import validate

from scaffold.sqlkit.catalog import RULES as _CATALOG_RULES  # noqa: E402
from scaffold.sqlkit.goose import RULES as _GOOSE_RULES  # noqa: E402
from scaffold.sqlkit.validate import RULE_INVALID as _RULE_INVALID  # noqa: E402

#: Every rule ID the SQL module reports, with a one-line summary.
RULES: dict[str, str] = {
    **_GOOSE_RULES,
    _RULE_INVALID: "PostgreSQL's grammar rejects the statement",
    **_CATALOG_RULES,
}

__all__ = [
    "Catalog",
    "Change",
    "ColumnFacts",
    "ColumnInfo",
    "ColumnType",
    "Effects",
    "GooseSections",
    "IndexInfo",
    "ObjectInfo",
    "RULES",
    "Reference",
    "TableInfo",
    "TypeInfo",
    "UndoGaps",
    "effects",
    "goose_migration",
    "is_concurrent_index",
    "is_reserved",
    "needs_quoting",
    "parse_column_constraints",
    "split_goose",
    "split_sql",
    "table_ddl",
    "undo_gaps",
    "validate",
]
