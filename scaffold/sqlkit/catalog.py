"""What SQL statements do to a schema, and the schema a spec builds on (DESIGN §2, §3).

:func:`effects` reads statements into an ordered list of :class:`Change` (create, drop,
alter, rename of tables, columns, indexes, types, functions, triggers, extensions,
sequences, views, constraints), plus what they need to exist (:class:`Reference`) and
the column types they write (:class:`ColumnType`). :class:`Catalog` is a schema
(``pg_dump -s`` output or migrations applied in order) that applies those changes.
:func:`undo_gaps` compares an Up section's effects with its Down section's.

Structure is read from PostgreSQL's own parse tree (libpg_query, through pglast),
not from sqlglot: sqlglot turns ``CREATE EXTENSION``, ``CREATE FUNCTION``,
``DROP EXTENSION``, ``ALTER TYPE … ADD VALUE`` and ``ALTER SEQUENCE`` into opaque
commands, rewrites ``bigserial`` to an identity column and ``now()`` to
``CURRENT_TIMESTAMP``, and accepts ``ALTER TABLE`` forms PostgreSQL rejects. The parse
tree is exact and carries the offset of every element, so every change has its line.

Names: unquoted identifiers are lower-case (PostgreSQL folds them), the ``public.``
schema is dropped (``public.users`` is ``users``), other schemas stay (``audit.log``).

Catalog rule IDs (warnings; a missing table is a warning, DESIGN §2):

SQL020  the object already exists (CREATE without IF NOT EXISTS)
SQL021  the table does not exist
SQL022  the column does not exist
SQL023  the index, type, function, trigger, extension, sequence or view does not exist
SQL024  a migration file cannot be read (error)
"""

from __future__ import annotations

import re

import copy as _copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal

from scaffold.model import Pos, Problem, SqlStatement
from scaffold.sqlkit import _engines
from scaffold.sqlkit.validate import offset_pos

RULES: dict[str, str] = {
    "SQL020": "object already exists",
    "SQL021": "table does not exist",
    "SQL022": "column does not exist",
    "SQL023": "object does not exist",
    "SQL024": "migration file cannot be read",
}

ObjectKind = Literal[
    "table",
    "column",
    "index",
    "type",
    "enum_value",
    "function",
    "trigger",
    "extension",
    "sequence",
    "view",
    "schema",
    "constraint",
]
Action = Literal["create", "drop", "alter", "rename"]


# --------------------------------------------------------------------------- schema objects


@dataclass
class ColumnInfo:
    name: str
    type: str  # as PostgreSQL's parser read it, lower-case: "uuid", "varchar(255)", "text[]"
    nullable: bool = True
    check_values: list[str] = field(default_factory=list)
    default: str | None = None
    primary_key: bool = False
    unique: bool = False
    references: str | None = None  # "table(column)"
    on_delete: str | None = None  # "CASCADE", "SET NULL", ...
    pos: Pos = field(default_factory=Pos)
    # Every kind of constraint on the column, its own or a table constraint naming it:
    # "check", "generated", "primary key", "unique", "default", "foreign key", …
    kinds: list[str] = field(default_factory=list)


@dataclass
class TableInfo:
    name: str
    columns: dict[str, ColumnInfo] = field(default_factory=dict)
    pos: Pos = field(default_factory=Pos)
    constraints: dict[str, str] = field(default_factory=dict)  # name -> kind ("primary key", …)
    # The indexes PostgreSQL creates for the table's PRIMARY KEY and UNIQUE constraints.
    indexes: list["IndexInfo"] = field(default_factory=list)


@dataclass
class IndexInfo:
    name: str
    table: str
    columns: list[str] = field(default_factory=list)  # column names; expressions as SQL
    unique: bool = False
    pos: Pos = field(default_factory=Pos)


@dataclass
class ConstraintInfo:
    """A constraint added by ALTER TABLE: its kind ("unique", …) and its key columns."""

    kind: str
    columns: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.kind


@dataclass
class TypeInfo:
    name: str
    kind: Literal["enum", "composite", "domain"] = "enum"
    values: list[str] = field(default_factory=list)  # enum labels in order
    pos: Pos = field(default_factory=Pos)


@dataclass
class ObjectInfo:
    """A function, trigger, extension, sequence or view."""

    name: str
    pos: Pos = field(default_factory=Pos)
    table: str = ""  # a trigger's table


# --------------------------------------------------------------------------- effects


@dataclass
class Change:
    """One thing a statement does to the schema.

    ``detail`` holds, for a create: the :class:`TableInfo`, :class:`ColumnInfo`,
    :class:`IndexInfo` or :class:`TypeInfo` created; for a rename: the new name;
    for an alter of a column: what changed (``"type bigint"``, ``"set not null"``, …).
    """

    action: Action
    kind: ObjectKind
    name: str
    table: str = ""  # owning table of a column, index, trigger or constraint; a value's type
    pos: Pos = field(default_factory=Pos)
    if_exists: bool = False  # IF EXISTS (drop/alter) or IF NOT EXISTS (create)
    cascade: bool = False
    concurrent: bool = False
    detail: Any = None
    # What the statement needs to exist (foreign-key targets, indexed columns).
    needs: list["Reference"] = field(default_factory=list, repr=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.table, self.name)

    def __str__(self) -> str:
        where = f"{self.table}." if self.table and self.kind in ("column", "constraint") else ""
        on = f" on {self.table}" if self.table and self.kind in ("index", "trigger") else ""
        return f"{self.kind} {where}{self.name}{on}"


@dataclass
class Reference:
    """Something a statement needs to exist: a table, or a column of one (``column`` set)."""

    table: str
    column: str = ""
    pos: Pos = field(default_factory=Pos)
    context: Literal["foreign key", "alter", "index", "trigger", "drop"] = "foreign key"


@dataclass
class ColumnType:
    table: str
    column: str
    type: str
    pos: Pos = field(default_factory=Pos)


@dataclass
class Effects:
    changes: list[Change] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    column_types: list[ColumnType] = field(default_factory=list)
    # Statements that may change the schema in ways not modelled here (e.g. CREATE POLICY).
    unknown: list[SqlStatement] = field(default_factory=list)
    # Statements PostgreSQL's grammar rejects (SQL010).
    problems: list[Problem] = field(default_factory=list)

    @property
    def creates(self) -> list[Change]:
        return [c for c in self.changes if c.action == "create"]

    @property
    def drops(self) -> list[Change]:
        return [c for c in self.changes if c.action == "drop"]

    @property
    def alters(self) -> list[Change]:
        return [c for c in self.changes if c.action in ("alter", "rename")]

    @property
    def tables(self) -> dict[str, TableInfo]:
        """Tables created (CREATE TABLE), with their columns."""
        return {
            c.name: c.detail for c in self.changes if c.action == "create" and c.kind == "table"
        }

    @property
    def added_columns(self) -> list[tuple[str, ColumnInfo]]:
        """Columns added to tables by ALTER TABLE … ADD COLUMN: (table, column)."""
        return [
            (c.table, c.detail)
            for c in self.changes
            if c.action == "create" and c.kind == "column" and isinstance(c.detail, ColumnInfo)
        ]

    @property
    def concurrent_indexes(self) -> list[Change]:
        """CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY (need NO TRANSACTION)."""
        return [c for c in self.changes if c.kind == "index" and c.concurrent]


def effects(stmts: list[SqlStatement]) -> Effects:
    """What ``stmts`` create, drop and alter, in order, with positions."""
    out = Effects()
    for stmt in stmts:
        _Reader(stmt, out).read()
    return out


def is_concurrent_index(stmt: SqlStatement) -> bool:
    """True when the statement is CREATE INDEX CONCURRENTLY or DROP INDEX CONCURRENTLY."""
    return bool(effects([stmt]).concurrent_indexes)


# --------------------------------------------------------------------------- undo


@dataclass
class UndoGaps:
    """How a Down section fails to reverse its Up section."""

    not_undone: list[Change] = field(default_factory=list)  # Up creates, Down leaves in place
    not_restored: list[Change] = field(
        default_factory=list
    )  # Up drops/renames, Down never recreates
    unexpected_drops: list[Change] = field(
        default_factory=list
    )  # Down drops what Up did not create

    @property
    def ok(self) -> bool:
        return not (self.not_undone or self.not_restored or self.unexpected_drops)


def _undo_key(c: Change) -> tuple[str, str, str]:
    return (c.kind, "" if c.kind == "index" else c.table, c.name)


def undo_gaps(up: Effects, down: Effects) -> UndoGaps:
    """Compare Up's effects with Down's: what Down leaves, fails to restore, or drops beyond Up.

    Index names are unique in a schema and ``DROP INDEX`` names no table, so indexes match
    by name. A rename counts as removing the old name and creating the new one. An object counts
    as undone when Down drops it, renames it away, or drops the table it belongs to. Enum
    values cannot be dropped in PostgreSQL, so an added value is never reported.
    """
    gaps = UndoGaps()
    up_created, up_removed = _created(up), _removed(up)
    down_created, down_removed = _created(down), _removed(down)
    down_removed_keys = {_undo_key(c) for c in down_removed}
    down_created_keys = {_undo_key(c) for c in down_created}
    up_created_keys = {_undo_key(c) for c in up_created}
    down_dropped_tables = {c.name for c in down_removed if c.kind == "table"}
    up_tables = {c.name for c in up_created if c.kind == "table"}
    up_types = {c.name for c in up_created if c.kind == "type"}
    members = ("column", "index", "trigger", "constraint")

    for c in up_created:
        if c.kind in ("enum_value", "schema"):
            continue
        if _undo_key(c) in down_removed_keys:
            continue
        if c.kind in members and c.table in down_dropped_tables:
            continue
        gaps.not_undone.append(c)
    for c in up_removed:
        if c.kind != "enum_value" and _undo_key(c) not in down_created_keys:
            gaps.not_restored.append(c)
    for c in down.changes:
        if c.action != "drop" or _undo_key(c) in up_created_keys:
            continue
        if c.kind in members and c.table in up_tables:
            continue
        if c.kind == "enum_value" and c.table in up_types:
            continue
        gaps.unexpected_drops.append(c)
    return gaps


def _created(eff: Effects) -> list[Change]:
    """Creates, and the new names of renames (as creates)."""
    out: list[Change] = []
    for c in eff.changes:
        if c.action == "create":
            out.append(c)
        elif c.action == "rename" and isinstance(c.detail, str):
            out.append(Change("create", c.kind, c.detail, table=c.table, pos=c.pos))
    return out


def _removed(eff: Effects) -> list[Change]:
    """Drops, and the old names of renames."""
    return [c for c in eff.changes if c.action in ("drop", "rename")]


# --------------------------------------------------------------------------- catalog


class Catalog:
    """The schema a spec builds on: tables, indexes, types, functions, triggers, extensions."""

    def __init__(self) -> None:
        self.tables: dict[str, TableInfo] = {}
        self.indexes: dict[str, IndexInfo] = {}
        self.types: dict[str, TypeInfo] = {}
        self.functions: dict[str, ObjectInfo] = {}
        self.triggers: dict[str, ObjectInfo] = {}  # key "table.trigger"
        self.extensions: dict[str, ObjectInfo] = {}
        self.sequences: dict[str, ObjectInfo] = {}
        self.views: dict[str, ObjectInfo] = {}

    # ------------------------------------------------------------------ building

    @classmethod
    def from_sql(cls, text: str, file: str) -> tuple["Catalog", list[Problem]]:
        """Read a schema from ``pg_dump -s`` output, plain DDL, or a goose migration (its Up).

        psql meta-commands (``\\restrict …``, ``\\connect``) are skipped.
        """
        from scaffold.sqlkit.goose import split_goose, split_sql

        lines = ["" if ln.lstrip().startswith("\\") else ln for ln in text.splitlines()]
        clean = "\n".join(lines)
        problems: list[Problem] = []
        if any(_is_goose_up(ln) for ln in lines):
            sections = split_goose(clean, file)
            problems.extend(p for p in sections.problems if p.rule not in ("SQL002",))
            stmts = sections.up
        else:
            stmts, split_problems = split_sql(clean, file)
            problems.extend(split_problems)
        catalog = cls()
        problems.extend(catalog.apply(stmts))
        return catalog, problems

    @classmethod
    def from_migrations(cls, paths: Iterable[str | Path]) -> tuple["Catalog", list[Problem]]:
        """Apply the Up sections of goose migration files in goose's order (version number).

        Files whose name does not start with a version (``20260216120000_x.sql``,
        ``00002_x.sql``) are skipped, as goose skips them.
        """
        from scaffold.sqlkit.goose import split_goose

        versioned: list[tuple[int, str, Path]] = []
        for raw in paths:
            path = Path(raw)
            head = path.name.split("_", 1)[0]
            if path.suffix == ".sql" and head.isdigit():
                versioned.append((int(head), path.name, path))
        catalog = cls()
        problems: list[Problem] = []
        for _version, _name, path in sorted(versioned):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(
                    Problem(
                        rule="SQL024",
                        severity="error",
                        message=f"cannot read migration: {exc}",
                        pos=Pos(file=str(path), line=1, column=1),
                    )
                )
                continue
            sections = split_goose(text, str(path))
            problems.extend(sections.problems)
            problems.extend(catalog.apply(sections.up))
        return catalog, problems

    def copy(self) -> "Catalog":
        return _copy.deepcopy(self)

    def apply(self, stmts: list[SqlStatement]) -> list[Problem]:
        """Apply statements (a migration's Up or Down) in order; what would fail, as problems."""
        eff = effects(stmts)
        return eff.problems + self.apply_effects(eff)

    def apply_effects(self, eff: Effects) -> list[Problem]:
        problems: list[Problem] = []
        for change in eff.changes:
            problems.extend(self._apply(change))
            problems.extend(self._check_needs(change))
        return problems

    def _near(self, name: str, store: dict[str, Any] | None = None) -> str:
        """ " — did you mean widgets?" for a name one typo away from a known one."""
        import difflib

        known = list((self.tables if store is None else store).keys())
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        return f" — did you mean {close[0]}?" if close else ""

    def _check_needs(self, change: Change) -> list[Problem]:
        """Foreign-key targets and indexed columns, checked after the change (self-references)."""
        out: list[Problem] = []
        seen: set[tuple[str, str]] = set()
        for need in change.needs:
            if need.context not in ("foreign key", "index") or (need.table, need.column) in seen:
                continue
            seen.add((need.table, need.column))
            table = self.tables.get(need.table)
            if table is None:
                if need.context == "foreign key" and not need.column:
                    out.append(
                        Problem(
                            rule="SQL021",
                            severity="warning",
                            message=f"table {need.table} does not exist"
                            f"{self._near(need.table)} (referenced by a foreign key)",
                            pos=need.pos,
                        )
                    )
                continue
            if need.column and need.column not in table.columns:
                out.append(
                    Problem(
                        rule="SQL022",
                        severity="warning",
                        message=f"column {need.table}.{need.column} does not exist"
                        f"{self._near(need.column, table.columns)}",
                        pos=need.pos,
                    )
                )
        return out

    def shape(self) -> dict[str, Any]:
        """The schema without positions: equal shapes mean equal schemas (Up then Down = before)."""
        return {
            "tables": {
                name: {
                    "columns": {
                        c.name: (
                            c.type,
                            c.nullable,
                            c.default,
                            c.primary_key,
                            c.unique,
                            c.references,
                            c.on_delete,
                            tuple(c.check_values),
                        )
                        for c in t.columns.values()
                    },
                    "constraints": dict(sorted(t.constraints.items())),
                }
                for name, t in sorted(self.tables.items())
            },
            "indexes": {
                n: (i.table, tuple(i.columns), i.unique) for n, i in sorted(self.indexes.items())
            },
            "types": {n: (t.kind, tuple(t.values)) for n, t in sorted(self.types.items())},
            "functions": sorted(self.functions),
            "triggers": sorted(self.triggers),
            "extensions": sorted(self.extensions),
            "sequences": sorted(self.sequences),
            "views": sorted(self.views),
        }

    # ------------------------------------------------------------------ lookups

    def has_table(self, name: str) -> bool:
        return _strip_public(name) in self.tables

    def column(self, table: str, column: str) -> ColumnInfo | None:
        info = self.tables.get(_strip_public(table))
        return info.columns.get(column) if info else None

    def enum_values(self, type_name: str) -> list[str] | None:
        info = self.types.get(_strip_public(type_name))
        return list(info.values) if info and info.kind == "enum" else None

    # ------------------------------------------------------------------ internals

    def _store(self, kind: str) -> dict[str, Any] | None:
        return {
            "table": self.tables,
            "index": self.indexes,
            "type": self.types,
            "function": self.functions,
            "trigger": self.triggers,
            "extension": self.extensions,
            "sequence": self.sequences,
            "view": self.views,
        }.get(kind)

    @staticmethod
    def _key(change: Change) -> str:
        return f"{change.table}.{change.name}" if change.kind == "trigger" else change.name

    def _apply(self, c: Change) -> list[Problem]:
        def warn(rule: str, message: str) -> list[Problem]:
            return [Problem(rule=rule, severity="warning", message=message, pos=c.pos)]

        if c.kind in ("column", "constraint", "enum_value"):
            return self._apply_member(c, warn)
        store = self._store(c.kind)
        if store is None:  # schema
            return []
        key = self._key(c)
        missing_rule = "SQL021" if c.kind == "table" else "SQL023"
        if c.action == "create":
            if key in store and not c.if_exists:
                return warn("SQL020", f"{c.kind} {key} already exists")
            if key in store and c.if_exists:
                return []
            store[key] = _copy.deepcopy(c.detail) if c.detail is not None else self._info(c)
            if c.kind == "table" and isinstance(c.detail, TableInfo):
                for index in c.detail.indexes:
                    self.indexes.setdefault(index.name, _copy.deepcopy(index))
            if c.kind == "index" and c.table and c.table not in self.tables:
                near = self._near(c.table)
                return warn("SQL021", f"table {c.table} does not exist{near} (index {c.name})")
            if c.kind == "trigger" and c.table and c.table not in self.tables:
                near = self._near(c.table)
                return warn("SQL021", f"table {c.table} does not exist{near} (trigger {c.name})")
            return []
        if key not in store:
            if c.if_exists:
                return []
            return warn(missing_rule, f"{c.kind} {key} does not exist{self._near(key, store)}")
        if c.action == "drop":
            del store[key]
            if c.kind == "table":
                self._drop_dependents(c.name)
            return []
        if c.action == "rename":
            info = store.pop(key)
            info.name = c.detail
            new_key = f"{c.table}.{c.detail}" if c.kind == "trigger" else c.detail
            store[new_key] = info
            if c.kind == "table":
                for index in self.indexes.values():
                    if index.table == c.name:
                        index.table = c.detail
                for trig_key in [k for k, t in self.triggers.items() if t.table == c.name]:
                    trig = self.triggers.pop(trig_key)
                    trig.table = c.detail
                    self.triggers[f"{c.detail}.{trig.name}"] = trig
        return []

    def _info(self, c: Change) -> Any:
        return ObjectInfo(name=c.name, pos=c.pos, table=c.table)

    def _drop_dependents(self, table: str) -> None:
        for name in [n for n, i in self.indexes.items() if i.table == table]:
            del self.indexes[name]
        for name in [n for n, t in self.triggers.items() if t.table == table]:
            del self.triggers[name]

    def _apply_member(self, c: Change, warn) -> list[Problem]:
        if c.kind == "enum_value":
            info = self.types.get(c.table)
            if info is None:
                return [] if c.if_exists else warn("SQL023", f"type {c.table} does not exist")
            if c.action == "create" and c.name not in info.values:
                info.values.append(c.name)
            elif c.action == "rename" and c.name in info.values:
                info.values[info.values.index(c.name)] = c.detail
            return []
        table = self.tables.get(c.table)
        if table is None:
            return (
                []
                if c.if_exists and c.action == "drop"
                else warn("SQL021", f"table {c.table} does not exist{self._near(c.table)}")
            )
        if c.kind == "constraint":
            if c.action == "create":
                table.constraints[c.name] = str(c.detail or "")
                if str(c.detail) in ("primary key", "unique"):
                    cols = list(getattr(c.detail, "columns", []))
                    self.indexes.setdefault(
                        c.name,
                        IndexInfo(name=c.name, table=c.table, columns=cols, unique=True, pos=c.pos),
                    )
            elif c.action == "drop":
                if c.name not in table.constraints and not c.if_exists:
                    return warn("SQL023", f"constraint {c.name} on {c.table} does not exist")
                table.constraints.pop(c.name, None)
                index = self.indexes.get(c.name)
                if index is not None and index.table == c.table:
                    del self.indexes[c.name]
            elif c.action == "rename" and c.name in table.constraints:
                table.constraints[c.detail] = table.constraints.pop(c.name)
            return []
        column = table.columns.get(c.name)
        if c.action == "create":
            if column is not None:
                return (
                    []
                    if c.if_exists
                    else warn("SQL020", f"column {c.table}.{c.name} already exists")
                )
            table.columns[c.name] = _copy.deepcopy(c.detail)
            return []
        if column is None:
            if c.if_exists:
                return []
            return warn("SQL022", f"column {c.table}.{c.name} does not exist")
        if c.action == "drop":
            del table.columns[c.name]
            # PostgreSQL drops the indexes on a dropped column with it.
            for iname in [
                n for n, i in self.indexes.items() if i.table == c.table and c.name in i.columns
            ]:
                del self.indexes[iname]
        elif c.action == "rename":
            column.name = c.detail
            table.columns = {(c.detail if k == c.name else k): v for k, v in table.columns.items()}
        elif c.action == "alter" and isinstance(c.detail, dict):
            for attr, value in c.detail.items():
                setattr(column, attr, value)
        return []


def constraint_index_name(table: str, columns: list[str], primary_key: bool) -> str:
    """PostgreSQL's name for an unnamed constraint's index: ``t_pkey``, ``t_a_b_key``."""
    bare = table.rsplit(".", 1)[-1]
    name = f"{bare}_pkey" if primary_key else "_".join([bare, *columns, "key"])
    return name[:63]


def _is_goose_up(line: str) -> bool:
    from scaffold.sqlkit.goose import _ANNOTATION

    match = _ANNOTATION.match(line)
    return bool(match and match.group("cmd").strip().upper() == "UP")


def _strip_public(name: str) -> str:
    return name[7:] if name.startswith("public.") else name


# --------------------------------------------------------------------------- reading


_FK_ACTIONS = {"a": None, "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_SERIAL = {"smallserial", "serial", "bigserial", "serial2", "serial4", "serial8"}
# Statements with no effect on the schema's shape.
_NO_EFFECT = {
    "CommentStmt",
    "VariableSetStmt",
    "VariableShowStmt",
    "SelectStmt",
    "InsertStmt",
    "UpdateStmt",
    "DeleteStmt",
    "MergeStmt",
    "GrantStmt",
    "GrantRoleStmt",
    "AlterOwnerStmt",
    "AlterSeqStmt",
    "AlterDefaultPrivilegesStmt",
    "TransactionStmt",
    "DoStmt",
    "LockStmt",
    "VacuumStmt",
    "ExplainStmt",
    "CopyStmt",
    "NotifyStmt",
    "ReindexStmt",
    "ClusterStmt",
    "RefreshMatViewStmt",
    "CallStmt",
    "CheckPointStmt",
    "SecLabelStmt",
}


_CONSTRAINT_KINDS = {
    "CONSTR_PRIMARY": "primary key",
    "CONSTR_FOREIGN": "foreign key",
    "CONSTR_NOTNULL": "not null",
}


def _rel(rangevar: Any) -> str:
    schema = getattr(rangevar, "schemaname", None)
    name = rangevar.relname
    return f"{schema}.{name}" if schema and schema != "public" else name


def _qualified(names: Any) -> str:
    parts = [n.sval for n in names if hasattr(n, "sval")]
    if len(parts) > 1 and parts[0] == "public":
        parts = parts[1:]
    return ".".join(parts)


def type_text(type_name: Any) -> str:
    """A pglast TypeName as SQL (``varchar(255)``, ``text[]``, ``mood``), ``public.`` dropped."""
    stream = _engines.pglast().stream.RawStream()
    text = stream(type_name)
    if text.startswith("public."):
        text = text[7:]
    return text


def _expr_sql(node: Any) -> str:
    return _engines.pglast().stream.RawStream()(node)


def _check_values(expr: Any) -> tuple[str, list[str]]:
    """(column, values) for ``col IN ('a', 'b')`` / ``col = ANY (ARRAY['a'::text, …])``."""
    ast = _engines.pglast().ast
    if not isinstance(expr, ast.A_Expr) or not isinstance(expr.lexpr, ast.ColumnRef):
        return "", []
    column = expr.lexpr.fields[-1].sval if hasattr(expr.lexpr.fields[-1], "sval") else ""
    kind = expr.kind.name
    items: Any = ()
    if kind == "AEXPR_IN":
        items = expr.rexpr
    elif kind == "AEXPR_OP_ANY" and isinstance(expr.rexpr, ast.A_ArrayExpr):
        items = expr.rexpr.elements or ()
    else:
        return "", []
    values: list[str] = []
    for item in items or ():
        while isinstance(item, ast.TypeCast):
            item = item.arg
        if not isinstance(item, ast.A_Const) or not isinstance(item.val, ast.String):
            return "", []
        values.append(item.val.sval)
    return column, values


class _Reader:
    """Reads one SqlStatement (which may hold several, in a StatementBegin block)."""

    def __init__(self, stmt: SqlStatement, out: Effects) -> None:
        self.stmt = stmt
        self.out = out

    def pos(self, offset: int | None) -> Pos:
        if offset is None or offset < 0:
            return self.stmt.pos
        return offset_pos(self.stmt, offset)

    def read(self) -> None:
        pglast = _engines.pglast()
        try:
            raws = pglast.parser.parse_sql(self.stmt.sql)
        except pglast.parser.ParseError:
            from scaffold.sqlkit.validate import validate

            self.out.problems.extend(validate(self.stmt))
            return
        for raw in raws:
            node = raw.stmt
            self.base = raw.stmt_location or 0
            handler = getattr(self, "_" + type(node).__name__, None)
            if handler is not None:
                n_changes, n_refs = len(self.out.changes), len(self.out.references)
                handler(node)
                new = self.out.changes[n_changes:]
                if new:
                    new[0].needs = self.out.references[n_refs:]
            elif type(node).__name__ not in _NO_EFFECT:
                self.out.unknown.append(self.stmt)

    def at(self, node: Any) -> Pos:
        loc = getattr(node, "location", None)
        return self.pos(loc if isinstance(loc, int) and loc >= 0 else self.base)

    def add(
        self, action: Action, kind: ObjectKind, name: str, node: Any = None, **kw: Any
    ) -> Change:
        change = Change(action=action, kind=kind, name=name, pos=self.at(node), **kw)
        self.out.changes.append(change)
        return change

    def ref(self, table: str, column: str, node: Any, context: str) -> None:
        self.out.references.append(
            Reference(table=table, column=column, pos=self.at(node), context=context)  # type: ignore[arg-type]
        )

    # ------------------------------------------------------------------ columns

    def column(self, table: str, coldef: Any) -> tuple[ColumnInfo, list[tuple[str, Any]]]:
        """A ColumnDef as ColumnInfo; also its named constraints (name, Constraint)."""
        ctype = type_text(coldef.typeName)
        info = ColumnInfo(name=coldef.colname, type=ctype, pos=self.at(coldef))
        if ctype.lower() in _SERIAL:
            info.nullable = False
        named: list[tuple[str, Any]] = []
        for con in coldef.constraints or ():
            self.constraint(table, info, con)
            if getattr(con, "conname", None):
                named.append((con.conname, con))
        self.out.column_types.append(
            ColumnType(table=table, column=info.name, type=ctype, pos=self.at(coldef.typeName))
        )
        return info, named

    def constraint(self, table: str, info: ColumnInfo, con: Any) -> None:
        kind = con.contype.name
        label = _CONSTRAINT_KINDS.get(kind, kind.removeprefix("CONSTR_").lower())
        if label not in info.kinds:
            info.kinds.append(label)
        if kind == "CONSTR_NOTNULL":
            info.nullable = False
        elif kind == "CONSTR_NULL":
            info.nullable = True
        elif kind == "CONSTR_PRIMARY":
            info.primary_key = True
            info.nullable = False
        elif kind == "CONSTR_UNIQUE":
            info.unique = True
        elif kind == "CONSTR_IDENTITY":
            info.nullable = False
        elif kind == "CONSTR_DEFAULT" and con.raw_expr is not None:
            info.default = _expr_sql(con.raw_expr)
        elif kind == "CONSTR_CHECK" and con.raw_expr is not None:
            _col, values = _check_values(con.raw_expr)
            if values:
                info.check_values = values
        elif kind == "CONSTR_FOREIGN":
            target = _rel(con.pktable)
            cols = [a.sval for a in con.pk_attrs or ()]
            info.references = f"{target}({', '.join(cols or ['id'])})"
            info.on_delete = _FK_ACTIONS.get(con.fk_del_action or "a")
            self.ref(target, "", con.pktable, "foreign key")
            for col in cols:
                self.ref(target, col, con, "foreign key")

    def table_constraint(self, table: TableInfo | None, table_name: str, con: Any) -> str:
        """A table-level constraint; applied to ``table`` when it is being created here."""
        kind = con.contype.name
        cols = [k.sval for k in (con.keys or ())]
        if kind == "CONSTR_FOREIGN":
            cols = [k.sval for k in (con.fk_attrs or ())]
            target = _rel(con.pktable)
            pk = [a.sval for a in con.pk_attrs or ()]
            self.ref(target, "", con.pktable, "foreign key")
            for col in pk:
                self.ref(target, col, con, "foreign key")
            if table is None:
                for col in cols:
                    self.ref(table_name, col, con, "alter")
            if table is not None and len(cols) == 1 and cols[0] in table.columns:
                column = table.columns[cols[0]]
                column.references = f"{target}({', '.join(pk or ['id'])})"
                column.on_delete = _FK_ACTIONS.get(con.fk_del_action or "a")
            return "foreign key"
        if kind == "CONSTR_CHECK" and con.raw_expr is not None:
            col, values = _check_values(con.raw_expr)
            if table is not None and col in table.columns and values:
                table.columns[col].check_values = values
            if table is not None:
                words = set(re.findall(r"[A-Za-z_]\w*", _expr_sql(con.raw_expr)))
                for name, column in table.columns.items():
                    if name in words and "check" not in column.kinds:
                        column.kinds.append("check")
            return "check"
        if kind in ("CONSTR_PRIMARY", "CONSTR_UNIQUE"):
            if table is None:
                for col in cols:
                    self.ref(table_name, col, con, "alter")
            else:
                for col in cols:
                    column = table.columns.get(col)
                    if column is None:
                        continue
                    label = "primary key" if kind == "CONSTR_PRIMARY" else "unique"
                    if label not in column.kinds:
                        column.kinds.append(label)
                    if kind == "CONSTR_PRIMARY":
                        column.primary_key = len(cols) == 1
                        column.nullable = False
                    elif len(cols) == 1:
                        column.unique = True
            return "primary key" if kind == "CONSTR_PRIMARY" else "unique"
        return kind.removeprefix("CONSTR_").lower()

    # ------------------------------------------------------------------ statements

    def _CreateStmt(self, node: Any) -> None:
        name = _rel(node.relation)
        table = TableInfo(name=name, pos=self.at(node.relation))
        named: list[tuple[str, Any, str]] = []
        pending: list[Any] = []
        for element in node.tableElts or ():
            kind = type(element).__name__
            if kind == "ColumnDef":
                info, cons = self.column(name, element)
                table.columns[info.name] = info
                named.extend((n, c, c.contype.name) for n, c in cons)
            elif kind == "Constraint":
                pending.append(element)
        for con in pending:
            label = self.table_constraint(table, name, con)
            if con.conname:
                table.constraints[con.conname] = label
            if label in ("primary key", "unique"):
                cols = [k.sval for k in (con.keys or ())]
                self._constraint_index(table, con, cols)
        for cname, _con, kind in named:
            table.constraints[cname] = kind.removeprefix("CONSTR_").lower()
        for element in node.tableElts or ():
            if type(element).__name__ == "ColumnDef":
                for con in element.constraints or ():
                    if con.contype.name in ("CONSTR_PRIMARY", "CONSTR_UNIQUE"):
                        self._constraint_index(table, con, [element.colname])
        self.add(
            "create", "table", name, node.relation, if_exists=bool(node.if_not_exists), detail=table
        )

    def _constraint_index(self, table: TableInfo, con: Any, cols: list[str]) -> None:
        """The index PostgreSQL builds for a PRIMARY KEY or UNIQUE constraint, by its name."""
        name = con.conname or constraint_index_name(
            table.name, cols, con.contype.name == "CONSTR_PRIMARY"
        )
        table.indexes.append(
            IndexInfo(name=name, table=table.name, columns=cols, unique=True, pos=self.at(con))
        )

    def _AlterTableStmt(self, node: Any) -> None:
        if node.objtype.name not in ("OBJECT_TABLE",):
            if node.objtype.name in ("OBJECT_INDEX", "OBJECT_SEQUENCE", "OBJECT_VIEW"):
                return  # owner, storage or tablespace changes
            self.out.unknown.append(self.stmt)
            return
        table = _rel(node.relation)
        if_exists = bool(node.missing_ok)
        affects = False
        for cmd in node.cmds or ():
            sub = cmd.subtype.name
            if sub == "AT_AddColumn":
                info, _ = self.column(table, cmd.def_)
                self.add(
                    "create",
                    "column",
                    info.name,
                    cmd.def_,
                    table=table,
                    if_exists=bool(cmd.missing_ok),
                    detail=info,
                )
                affects = True
            elif sub == "AT_DropColumn":
                self.add(
                    "drop",
                    "column",
                    cmd.name,
                    node.relation,
                    table=table,
                    if_exists=bool(cmd.missing_ok) or if_exists,
                    cascade=cmd.behavior.name == "DROP_CASCADE",
                )
                affects = True
            elif sub == "AT_AlterColumnType":
                ctype = type_text(cmd.def_.typeName)
                self.add("alter", "column", cmd.name, cmd.def_, table=table, detail={"type": ctype})
                self.out.column_types.append(
                    ColumnType(table=table, column=cmd.name, type=ctype, pos=self.at(cmd.def_))
                )
                affects = True
            elif sub in ("AT_SetNotNull", "AT_DropNotNull"):
                self.add(
                    "alter",
                    "column",
                    cmd.name,
                    node.relation,
                    table=table,
                    detail={"nullable": sub == "AT_DropNotNull"},
                )
                affects = True
            elif sub == "AT_ColumnDefault":
                default = _expr_sql(cmd.def_) if cmd.def_ is not None else None
                self.add(
                    "alter",
                    "column",
                    cmd.name,
                    node.relation,
                    table=table,
                    detail={"default": default},
                )
                affects = True
            elif sub == "AT_AddConstraint":
                con = cmd.def_
                label = self.table_constraint(None, table, con)
                if con.contype.name in (
                    "CONSTR_PRIMARY",
                    "CONSTR_UNIQUE",
                    "CONSTR_FOREIGN",
                    "CONSTR_CHECK",
                ):
                    self._constraint_columns(table, con)
                self.add(
                    "create",
                    "constraint",
                    con.conname
                    or (
                        constraint_index_name(
                            table, [k.sval for k in con.keys or ()], label == "primary key"
                        )
                        if label in ("primary key", "unique")
                        else f"{table}_{label.replace(' ', '_')}"
                    ),
                    con,
                    table=table,
                    detail=ConstraintInfo(label, [k.sval for k in con.keys or ()]),
                )
                affects = True
            elif sub == "AT_DropConstraint":
                self.add(
                    "drop",
                    "constraint",
                    cmd.name,
                    node.relation,
                    table=table,
                    if_exists=bool(cmd.missing_ok) or if_exists,
                )
                affects = True
            elif sub in (
                "AT_ChangeOwner",
                "AT_SetRelOptions",
                "AT_ResetRelOptions",
                "AT_ReplicaIdentity",
                "AT_EnableRowSecurity",
                "AT_DisableRowSecurity",
                "AT_ForceRowSecurity",
                "AT_NoForceRowSecurity",
                "AT_SetStatistics",
                "AT_SetStorage",
                "AT_ClusterOn",
                "AT_SetTableSpace",
                "AT_ValidateConstraint",
            ):
                continue
            else:
                self.out.unknown.append(self.stmt)
        if affects:
            self.ref(table, "", node.relation, "alter")

    def _constraint_columns(self, table: str, con: Any) -> None:
        """ALTER TABLE … ADD CONSTRAINT: what it changes on its columns, as column alters."""
        kind = con.contype.name
        if kind == "CONSTR_PRIMARY":
            keys = [k.sval for k in con.keys or ()]
            for key in keys:
                detail = {"nullable": False}
                if len(keys) == 1:
                    detail["primary_key"] = True
                self.add("alter", "column", key, con, table=table, detail=detail)
        elif kind == "CONSTR_UNIQUE":
            keys = [k.sval for k in con.keys or ()]
            if len(keys) == 1:
                self.add("alter", "column", keys[0], con, table=table, detail={"unique": True})
        elif kind == "CONSTR_FOREIGN":
            cols = [k.sval for k in con.fk_attrs or ()]
            pk = [a.sval for a in con.pk_attrs or ()]
            if len(cols) == 1:
                self.add(
                    "alter",
                    "column",
                    cols[0],
                    con,
                    table=table,
                    detail={
                        "references": f"{_rel(con.pktable)}({', '.join(pk or ['id'])})",
                        "on_delete": _FK_ACTIONS.get(con.fk_del_action or "a"),
                    },
                )
        elif kind == "CONSTR_CHECK" and con.raw_expr is not None:
            col, values = _check_values(con.raw_expr)
            if col and values:
                self.add("alter", "column", col, con, table=table, detail={"check_values": values})

    def _IndexStmt(self, node: Any) -> None:
        table = _rel(node.relation)
        cols: list[str] = []
        for elem in node.indexParams or ():
            if elem.name:
                cols.append(elem.name)
                self.ref(table, elem.name, node.relation, "index")
            elif elem.expr is not None:
                cols.append(_expr_sql(elem.expr))
        self.ref(table, "", node.relation, "index")
        name = node.idxname or f"{table}_{'_'.join(c for c in cols if c.isidentifier())}_idx"
        info = IndexInfo(name=name, table=table, columns=cols, unique=bool(node.unique))
        change = self.add(
            "create",
            "index",
            name,
            node.relation,
            table=table,
            if_exists=bool(node.if_not_exists),
            concurrent=bool(node.concurrent),
            detail=info,
        )
        info.pos = change.pos

    def _CreateEnumStmt(self, node: Any) -> None:
        name = _qualified(node.typeName)
        info = TypeInfo(name=name, kind="enum", values=[v.sval for v in node.vals or ()])
        info.pos = self.add("create", "type", name, None, detail=info).pos

    def _CompositeTypeStmt(self, node: Any) -> None:
        name = _rel(node.typevar)
        info = TypeInfo(name=name, kind="composite")
        info.pos = self.add("create", "type", name, node.typevar, detail=info).pos

    def _CreateDomainStmt(self, node: Any) -> None:
        name = _qualified(node.domainname)
        info = TypeInfo(name=name, kind="domain")
        info.pos = self.add("create", "type", name, None, detail=info).pos

    def _AlterEnumStmt(self, node: Any) -> None:
        name = _qualified(node.typeName)
        if node.oldVal:
            self.add("rename", "enum_value", node.oldVal, None, table=name, detail=node.newVal)
        else:
            self.add(
                "create",
                "enum_value",
                node.newVal,
                None,
                table=name,
                if_exists=bool(node.skipIfNewValExists),
            )

    def _CreateFunctionStmt(self, node: Any) -> None:
        name = _qualified(node.funcname)
        self.add(
            "create",
            "function",
            name,
            None,
            if_exists=bool(node.replace),
            detail=ObjectInfo(name=name, pos=self.at(None)),
        )

    def _CreateTrigStmt(self, node: Any) -> None:
        table = _rel(node.relation)
        self.ref(table, "", node.relation, "trigger")
        self.add(
            "create",
            "trigger",
            node.trigname,
            node.relation,
            table=table,
            if_exists=bool(node.replace),
            detail=ObjectInfo(name=node.trigname, pos=self.at(node.relation), table=table),
        )

    def _CreateExtensionStmt(self, node: Any) -> None:
        self.add(
            "create",
            "extension",
            node.extname,
            None,
            if_exists=bool(node.if_not_exists),
            detail=ObjectInfo(name=node.extname, pos=self.at(None)),
        )

    def _CreateSeqStmt(self, node: Any) -> None:
        name = _rel(node.sequence)
        self.add(
            "create",
            "sequence",
            name,
            node.sequence,
            if_exists=bool(node.if_not_exists),
            detail=ObjectInfo(name=name, pos=self.at(node.sequence)),
        )

    def _ViewStmt(self, node: Any) -> None:
        name = _rel(node.view)
        self.add(
            "create",
            "view",
            name,
            node.view,
            if_exists=bool(node.replace),
            detail=ObjectInfo(name=name, pos=self.at(node.view)),
        )

    def _CreateTableAsStmt(self, node: Any) -> None:
        if node.objtype.name == "OBJECT_MATVIEW":
            name = _rel(node.into.rel)
            self.add(
                "create",
                "view",
                name,
                node.into.rel,
                if_exists=bool(node.if_not_exists),
                detail=ObjectInfo(name=name, pos=self.at(node.into.rel)),
            )
        else:
            self.out.unknown.append(self.stmt)

    def _CreateSchemaStmt(self, node: Any) -> None:
        self.add("create", "schema", node.schemaname, None, if_exists=bool(node.if_not_exists))

    def _DropStmt(self, node: Any) -> None:
        kind = {
            "OBJECT_TABLE": "table",
            "OBJECT_INDEX": "index",
            "OBJECT_TYPE": "type",
            "OBJECT_DOMAIN": "type",
            "OBJECT_FUNCTION": "function",
            "OBJECT_PROCEDURE": "function",
            "OBJECT_TRIGGER": "trigger",
            "OBJECT_EXTENSION": "extension",
            "OBJECT_SEQUENCE": "sequence",
            "OBJECT_VIEW": "view",
            "OBJECT_MATVIEW": "view",
            "OBJECT_SCHEMA": "schema",
        }.get(node.removeType.name)
        if kind is None:
            self.out.unknown.append(self.stmt)
            return
        ast = _engines.pglast().ast
        for obj in node.objects or ():
            table = ""
            if isinstance(obj, ast.String):
                name = obj.sval
            elif isinstance(obj, ast.TypeName):
                name = _qualified(obj.names)
            elif isinstance(obj, ast.ObjectWithArgs):
                name = _qualified(obj.objname)
            else:
                parts = list(obj)
                if kind == "trigger":
                    table = _qualified(parts[:-1])
                    name = parts[-1].sval
                else:
                    name = _qualified(parts)
            if kind == "index":
                # the index's table, when the index was created by these same statements
                table = next(
                    (c.table for c in self.out.changes if c.kind == "index" and c.name == name), ""
                )
            self.add(
                "drop",
                kind,  # type: ignore[arg-type]
                name,
                None,
                table=table,
                if_exists=bool(node.missing_ok),
                cascade=node.behavior.name == "DROP_CASCADE",
                concurrent=bool(node.concurrent),
            )

    def _RenameStmt(self, node: Any) -> None:
        kind = node.renameType.name
        if kind == "OBJECT_TABLE":
            self.add(
                "rename",
                "table",
                _rel(node.relation),
                node.relation,
                detail=node.newname,
                if_exists=bool(node.missing_ok),
            )
        elif kind == "OBJECT_COLUMN":
            table = _rel(node.relation)
            self.ref(table, node.subname, node.relation, "alter")
            self.add(
                "rename", "column", node.subname, node.relation, table=table, detail=node.newname
            )
        elif kind == "OBJECT_INDEX":
            self.add("rename", "index", _rel(node.relation), node.relation, detail=node.newname)
        elif kind == "OBJECT_TYPE":
            self.add("rename", "type", _qualified(node.object), None, detail=node.newname)
        elif kind == "OBJECT_TRIGGER":
            self.add(
                "rename",
                "trigger",
                node.subname,
                node.relation,
                table=_rel(node.relation),
                detail=node.newname,
            )
        elif kind == "OBJECT_TABCONSTRAINT":
            self.add(
                "rename",
                "constraint",
                node.subname,
                node.relation,
                table=_rel(node.relation),
                detail=node.newname,
            )
        elif kind in ("OBJECT_SEQUENCE", "OBJECT_VIEW"):
            self.add(
                "rename",
                kind.removeprefix("OBJECT_").lower(),
                _rel(node.relation),  # type: ignore[arg-type]
                node.relation,
                detail=node.newname,
            )
        else:
            self.out.unknown.append(self.stmt)
