"""Goose migrations: names, order, Up/Down, PostgreSQL validity, schema references (``MIG0xx``).

The migrations are replayed in spec order on top of the baseline schema
(DESIGN.md §2): what a migration references must exist in the baseline or come
from an earlier migration; what Down drops must be what Up created. SQL is read
only through :mod:`scaffold.sqlkit` (pglast/sqlglot stay behind it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Iterator

from ...diagnostics import Diagnostic, at
from ...model import Migration, Pos, Problem, SqlStatement
from ..engine import Context, rule, this

if TYPE_CHECKING:  # pragma: no cover
    from ...sqlkit.catalog import Catalog, Effects

_TIMESTAMP_NAME = re.compile(r"^(\d{14})_([a-z0-9][a-z0-9_]*)\.sql$")
_SEQUENTIAL_NAME = re.compile(r"^(\d{1,13})_([a-z0-9][a-z0-9_]*)\.sql$")
# Types an extension adds, accepted when the extension exists in the baseline or earlier.
EXTENSION_TYPES = {
    "citext": "citext",
    "hstore": "hstore",
    "ltree": "ltree",
    "vector": "vector",
    "geometry": "postgis",
    "geography": "postgis",
}


@dataclass
class MigrationFacts:
    migration: Migration
    up: "Effects"
    down: "Effects"
    # Problems from replaying Up on the schema as it stood before this migration.
    apply_problems: list[Problem] = field(default_factory=list)
    # The schema before this migration's Up (after it: the next migration's, or the final).
    before_up: "Catalog | None" = None
    bad_types: list[tuple[Pos, str, str]] = field(default_factory=list)  # pos, column, type


@dataclass
class Replay:
    facts: list[MigrationFacts]
    final: "Catalog"
    before: "Catalog"  # the baseline (empty when there is none)


def replay(ctx: Context) -> Replay:
    """Apply the spec's migrations in order on the baseline (computed once per check)."""
    cached = ctx.cache.get("replay")
    if cached is not None:
        return cached
    from ...sqlkit.catalog import Catalog, effects

    state = ctx.baseline.copy() if ctx.baseline is not None else Catalog()
    before = state.copy()
    facts: list[MigrationFacts] = []
    for mig in ctx.spec.migrations:
        up = effects(mig.up)
        down = effects(mig.down)
        item = MigrationFacts(mig, up, down)
        item.before_up = state.copy()
        item.apply_problems = state.apply_effects(up)
        for ct in up.column_types:
            if not _known_type(state, ct.type):
                item.bad_types.append((ct.pos, f"{ct.table}.{ct.column}", ct.type))
        facts.append(item)
    result = Replay(facts=facts, final=state, before=before)
    ctx.cache["replay"] = result
    return result


def _known_type(state: "Catalog", type_text: str) -> bool:
    from ...typemap import is_pg_builtin

    t = type_text.strip().lower()
    base = re.sub(r"(\s*\[\s*\d*\s*\])+$", "", t).strip()
    base = re.sub(r"^pg_catalog\.", "", base)
    if is_pg_builtin(t) or is_pg_builtin(base):
        return True
    name = re.sub(r"\s*\(.*\)$", "", base).strip('"')
    if name in state.types:
        return True
    ext = EXTENSION_TYPES.get(name)
    return ext is not None and ext in state.extensions


def _reader_reported(ctx: Context, mig: Migration, rules: tuple[str, ...], word: str = "") -> bool:
    lines = max(1, mig.text.count("\n") + 4)
    for p in ctx.spec.problems:
        if p.rule in rules and p.pos.file == mig.pos.file and word in p.message:
            if mig.pos.line <= p.pos.line <= mig.pos.line + lines or p.pos.line == mig.pos.line:
                return True
    return False


def _name_parts(mig: Migration) -> tuple[str, str]:
    base = PurePosixPath(mig.path.strip().strip("`")).name
    m = re.match(r"^(\d+)_(.+)\.sql$", base)
    return (m.group(1), m.group(2)) if m else ("", "")


@rule("MIG001", "error", "migration files are named YYYYMMDDHHMMSS_description.sql (or 00002_…)")
def file_name(ctx: Context) -> Iterator[Diagnostic]:
    sequential = (ctx.migrations_numbering or "timestamp") == "sequential"
    for mig in ctx.spec.migrations:
        base = PurePosixPath(mig.path.strip().strip("`")).name
        if not base or _reader_reported(ctx, mig, ("SPEC058",), "name"):
            continue
        slug = re.sub(r"[^a-z0-9]+", "_", re.sub(r"^\d+_?|\.sql$", "", base.lower())).strip("_")
        slug = slug or "create_invites"
        if sequential:
            if _SEQUENTIAL_NAME.match(base):
                continue
            yield this("MIG001").at(
                mig.pos,
                f"migration file name '{base}' should be goose's sequential "
                f"NNNNN_description.sql (this project numbers migrations), such as "
                f"00002_{slug}.sql",
            )
            continue
        m = _TIMESTAMP_NAME.match(base)
        if m and _valid_timestamp(m.group(1)):
            continue
        date = re.sub(r"\D", "", ctx.spec.meta.date)[:8] if ctx.spec.meta.date else ""
        stamp = (date if len(date) == 8 else "20260216") + "120000"
        if m:
            why = f"'{m.group(1)}' is not a real date and time"
        elif _SEQUENTIAL_NAME.match(base):
            why = (
                'sequential numbering needs `migration_numbering = "sequential"` in the '
                "config (or existing sequential migrations)"
            )
        else:
            why = "it is not goose's timestamp format"
        yield this("MIG001").at(
            mig.pos,
            f"migration file name '{base}' should be YYYYMMDDHHMMSS_description.sql ({why}), "
            f"such as {stamp}_{slug}.sql",
        )


def _valid_timestamp(stamp: str) -> bool:
    try:
        datetime.strptime(stamp, "%Y%m%d%H%M%S")
    except ValueError:
        return False
    return True


@rule("MIG002", "error", "migration versions are unique and increase in spec order")
def increasing(ctx: Context) -> Iterator[Diagnostic]:
    previous: tuple[int, Migration] | None = None
    for mig in ctx.spec.migrations:
        version, _ = _name_parts(mig)
        if not version:
            continue
        n = int(version)
        if previous is not None and n <= previous[0]:
            prev_mig = previous[1]
            word = "repeats" if n == previous[0] else "is lower than"
            yield this("MIG002").at(
                mig.pos,
                f"migration version {version} {word} the one before it "
                f"({_name_parts(prev_mig)[0]}, line {prev_mig.pos.line}); versions should "
                f"increase in the order migrations run, such as {previous[0] + 1}",
            )
            continue
        previous = (n, mig)


@rule("MIG003", "error", "a migration's `-- +goose Up` section is not empty")
def has_up(ctx: Context) -> Iterator[Diagnostic]:
    # A missing Up or Down section is the goose reader's SQL001/SQL002.
    for mig in ctx.spec.migrations:
        if mig.has_up and not mig.up and mig.text.strip():
            yield this("MIG003").at(
                mig.pos,
                f"the Up section of {mig.path or 'the migration'} is empty; it should hold the "
                "schema change, such as `CREATE TABLE invites (…);`",
            )


@rule("MIG005", "error", "migration SQL parses as PostgreSQL")
def valid_sql(ctx: Context) -> Iterator[Diagnostic]:
    from ...sqlkit.validate import validate

    for mig in ctx.spec.migrations:
        for stmt in [*mig.up, *mig.down]:
            for p in validate(stmt):
                yield this("MIG005").at(
                    p.pos,
                    f"{p.message.rstrip('.')}; it should be valid PostgreSQL, as `psql` would "
                    "accept it",
                )


@rule("MIG006", "error", "column types are PostgreSQL types or types created earlier")
def column_types(ctx: Context) -> Iterator[Diagnostic]:
    for item in replay(ctx).facts:
        for pos, column, type_text in item.bad_types:
            yield this("MIG006").at(
                pos,
                f"column {column} has type '{type_text}', which is neither a PostgreSQL type "
                "nor one created by the baseline or an earlier statement; use a PostgreSQL "
                f"type, such as TEXT or UUID, or `CREATE TYPE {type_text} …` first",
            )


def _gaps(item: MigrationFacts) -> Any:
    """sqlkit's undo gaps; a `DROP INDEX name` (which names no table) undoes `CREATE INDEX name`."""
    from ...sqlkit.catalog import undo_gaps

    gaps = undo_gaps(item.up, item.down)
    up_indexes = {c.name for c in item.up.creates if c.kind == "index"}
    down_indexes = {c.name for c in item.down.drops if c.kind == "index"}
    gaps.not_undone = [
        c for c in gaps.not_undone if not (c.kind == "index" and c.name in down_indexes)
    ]
    gaps.unexpected_drops = [
        c for c in gaps.unexpected_drops if not (c.kind == "index" and c.name in up_indexes)
    ]
    return gaps


@rule("MIG007", "error", "Down undoes what Up does (tables, columns, indexes, types, functions…)")
def down_undoes(ctx: Context) -> Iterator[Diagnostic]:
    rp = replay(ctx)
    for i, item in enumerate(rp.facts):
        mig = item.migration
        if not mig.has_down or not mig.has_up or item.up.problems or item.down.problems:
            continue
        gaps = _gaps(item)
        for change in gaps.not_undone:
            if change.kind == "extension" and change.if_exists:
                # `CREATE EXTENSION IF NOT EXISTS` kept by Down is a common, deliberate
                # idiom (other schema may use it): worth a look, not a defect.
                yield at(
                    change.pos,
                    "MIG007",
                    "warning",
                    f"Up creates {change} if it is missing, and Down keeps it; that is usual "
                    "when other schema may use it, else Down should drop it, such as "
                    f"`{_drop_sql(change)}`",
                )
                continue
            yield this("MIG007").at(
                change.pos,
                f"Up creates {change}, but Down leaves it in place; Down should drop it, such "
                f"as `{_drop_sql(change)}`",
            )
        for change in gaps.not_restored:
            verb = "renames" if change.action == "rename" else "drops"
            yield this("MIG007").at(
                change.pos,
                f"Up {verb} {change}, but Down never restores it; Down should recreate it (or "
                "say in the order table that this migration is not reversible)",
            )
        # What the statement-level gaps (and MIG008's unexpected drops) already name.
        reported = {c.name for c in [*gaps.not_undone, *gaps.not_restored, *gaps.unexpected_drops]}
        after_up = rp.facts[i + 1].before_up if i + 1 < len(rp.facts) else rp.final
        yield from _round_trip_losses(item, after_up, reported)


_COLUMN_FACETS = ("type", "NOT NULL", "default", "primary key", "unique", "reference")


def _round_trip_losses(
    item: MigrationFacts, after_up: "Catalog | None", reported: set[str]
) -> Iterator[Diagnostic]:
    """What Up then Down leaves different from before, that no statement-level gap names:
    a column's NOT NULL or default Up changed, an index that went with a dropped column."""
    if item.before_up is None or after_up is None:
        return
    after_down = after_up.copy()
    after_down.apply_effects(item.down)
    before, after = item.before_up.shape(), after_down.shape()

    def at_up(word: str) -> Any:
        """The Up statement that names ``word`` (the cause), else the migration."""
        hit = next(
            (st for st in item.migration.up if re.search(rf"\b{re.escape(word)}\b", st.sql)),
            None,
        )
        return hit.pos if hit is not None else item.migration.pos

    for tname, table in before["tables"].items():
        again = after["tables"].get(tname)
        if again is None or tname in reported:
            continue
        for cname, facts in table["columns"].items():
            now = again["columns"].get(cname)
            if now is None or now == facts or cname in reported:
                continue
            lost = [f for f, a, b in zip(_COLUMN_FACETS, facts, now) if a != b]
            if "NOT NULL" in lost:
                was = "NOT NULL" if not facts[1] else "nullable"
                fix = "SET NOT NULL" if not facts[1] else "DROP NOT NULL"
                yield this("MIG007").at(
                    at_up(cname),
                    f"after Up and Down, {tname}.{cname} is no longer {was}; Down should "
                    f"restore it, such as `ALTER TABLE {tname} ALTER COLUMN {cname} {fix};`",
                )
                lost.remove("NOT NULL")
            if lost:
                yield this("MIG007").at(
                    at_up(cname),
                    f"after Up and Down, {tname}.{cname} differs from before in its "
                    f"{', '.join(lost)}; Down should restore what Up changed",
                )
    for iname, (table, cols, unique) in before["indexes"].items():
        if iname in after["indexes"] or iname in reported or table in reported:
            continue
        kind = "UNIQUE INDEX" if unique else "INDEX"
        yield this("MIG007").at(
            at_up(cols[0] if cols else table),
            f"after Up and Down, index {iname} on {table} ({', '.join(cols)}) is gone; Down "
            f"should recreate it, such as `CREATE {kind} {iname} ON {table} "
            f"({', '.join(cols)});`",
        )


def _drop_sql(change: Any) -> str:
    kind, name, table = change.kind, change.name, change.table
    if kind == "column":
        return f"ALTER TABLE {table} DROP COLUMN IF EXISTS {name};"
    if kind == "constraint":
        return f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name};"
    if kind == "trigger":
        return f"DROP TRIGGER IF EXISTS {name} ON {table};"
    if kind == "function":
        return f"DROP FUNCTION IF EXISTS {name};"
    return f"DROP {kind.upper()} IF EXISTS {name};"


@rule("MIG008", "error", "Down drops nothing that Up did not create")
def down_only_undoes(ctx: Context) -> Iterator[Diagnostic]:
    for item in replay(ctx).facts:
        mig = item.migration
        if not mig.has_down or item.up.problems or item.down.problems:
            continue
        for change in _gaps(item).unexpected_drops:
            yield this("MIG008").at(
                change.pos,
                f"Down drops {change}, which Up did not create; Down should only reverse this "
                "migration's Up, so remove this statement",
            )


@rule("MIG009", "error", "CREATE INDEX CONCURRENTLY only in a `-- +goose NO TRANSACTION` file")
def concurrently(ctx: Context) -> Iterator[Diagnostic]:
    for item in replay(ctx).facts:
        if item.migration.no_transaction:
            continue
        for eff in (item.up, item.down):
            for change in eff.concurrent_indexes:
                yield this("MIG009").at(
                    change.pos,
                    f"{change.action.upper()} INDEX CONCURRENTLY ({change.name}) cannot run in "
                    "a transaction; the file should start with `-- +goose NO TRANSACTION`",
                )


@rule("MIG010", "warning", "tables and columns a migration uses exist (baseline or earlier)")
def references_exist(ctx: Context) -> Iterator[Diagnostic]:
    rp = replay(ctx)
    hint = "pass the schema with --baseline, or create it in an earlier migration"
    for item in rp.facts:
        for p in item.apply_problems:
            if p.rule in ("SQL021", "SQL022", "SQL023"):
                if "did you mean" in p.message:  # a typo: the cause, not a missing baseline
                    yield this("MIG010").at(p.pos, f"{p.message}")
                else:
                    yield this("MIG010").at(p.pos, f"{p.message}, before this migration; {hint}")
    # Relationships and modified tables the Data Model section names.
    known = set(rp.final.tables)
    for table in ctx.spec.tables:
        for rel in table.relationships:
            target = rp.final.tables.get(rel.to_table)
            if target is None and rel.to_table not in known:
                yield this("MIG010").at(
                    rel.pos,
                    f"relationship {rel.from_table}.{rel.from_column} → {rel.to_table}."
                    f"{rel.to_column} names table {rel.to_table}, which exists nowhere; {hint}",
                )
            elif target is not None and rel.to_column and rel.to_column not in target.columns:
                yield this("MIG010").at(
                    rel.pos,
                    f"relationship {rel.from_table}.{rel.from_column} → {rel.to_table}."
                    f"{rel.to_column} names column {rel.to_table}.{rel.to_column}, which "
                    f"exists nowhere; {hint}",
                )
    for change in ctx.spec.modified_tables:
        name = change.table.strip().strip("`")
        if name and name not in rp.before.tables and name not in known:
            yield this("MIG010").at(
                change.pos,
                f"Modified Tables names table {name}, which exists nowhere; {hint}",
            )


@rule("MIG011", "error", "the Data Model's column tables agree with the migrations' DDL")
def model_matches_ddl(ctx: Context) -> Iterator[Diagnostic]:
    rp = replay(ctx)
    if not ctx.spec.migrations:
        return
    created = {c.name for item in rp.facts for c in item.up.creates if c.kind == "table"}
    for table in ctx.spec.tables:
        ddl = rp.final.tables.get(table.name)
        if ddl is None or table.name not in created and table.name not in _altered(rp):
            continue
        only_added = table.name not in created
        spec_cols = {c.name: c for c in table.columns}
        for col in table.columns:
            info = ddl.columns.get(col.name)
            if info is None:
                yield this("MIG011").at(
                    col.pos,
                    f"column {table.name}.{col.name} is in the Data Model but no migration "
                    f"creates it; add it to the DDL, such as `{col.name} {col.type}`",
                )
                continue
            want = _norm_type(ctx, col.type)
            if want and want != _norm_type(ctx, info.type):
                yield this("MIG011").at(
                    col.pos,
                    f"column {table.name}.{col.name} is {col.type} in the Data Model but "
                    f"{info.type.upper()} in the migration; make them the same, such as "
                    f"{info.type.upper()} in both",
                )
            if col.check_values and info.check_values and col.check_values != info.check_values:
                ddl_values = ", ".join(f"'{v}'" for v in info.check_values)
                yield this("MIG011").at(
                    col.pos,
                    f"column {table.name}.{col.name} allows "
                    + ", ".join(f"'{v}'" for v in col.check_values)
                    + f" in the Data Model but {ddl_values} in the migration; make them the "
                    f"same, such as CHECK ({col.name} IN ({ddl_values})) in both",
                )
            if col.nullable != info.nullable and not col.primary_key:
                said = "NULL" if col.nullable else "NOT NULL"
                ddl_said = "NULL" if info.nullable else "NOT NULL"
                yield this("MIG011").at(
                    col.pos,
                    f"column {table.name}.{col.name} is {said} in the Data Model but "
                    f"{ddl_said} in the migration; make them the same, such as {ddl_said} "
                    "in both",
                )
        if only_added:
            continue
        for name, info in ddl.columns.items():
            if name not in spec_cols:
                yield this("MIG011").at(
                    table.pos,
                    f"the migration gives {table.name} column {name} ({info.type.upper()}), "
                    f"which the Data Model table lacks; add the row `| {name} | "
                    f"{info.type.upper()} | … |`",
                )
        indexes = {i.name for i in rp.final.indexes.values()}
        for idx in table.indexes:
            if idx.name and idx.name not in indexes:
                yield this("MIG011").at(
                    idx.pos,
                    f"index {idx.name} is in the Data Model but no migration creates it; add "
                    f"`CREATE INDEX {idx.name} ON {table.name} (…);` to the Up section",
                )


def _altered(rp: Replay) -> set[str]:
    return {t for item in rp.facts for t, _ in item.up.added_columns}


_TYPE_ALIASES = {
    "int": "integer",
    "int4": "integer",
    "int8": "bigint",
    "int2": "smallint",
    "bool": "boolean",
    "float8": "double precision",
    "float4": "real",
    "timestamptz": "timestamp with time zone",
    "timestamp without time zone": "timestamp",
    "timetz": "time with time zone",
    "varchar": "character varying",
    "char": "character",
    "decimal": "numeric",
    "serial4": "serial",
    "serial8": "bigserial",
}


def _norm_type(ctx: Context, text: str) -> str:
    """A type as PostgreSQL's parser reads it, aliases folded (`TIMESTAMPTZ` = `timestamptz`)."""
    cache = ctx.cache.setdefault("norm_type", {})
    if text in cache:
        return cache[text]
    from ...sqlkit.catalog import effects

    raw = text.strip()
    out = ""
    if raw and not raw.startswith("["):
        eff = effects([SqlStatement(sql=f"CREATE TABLE t_ (c_ {raw})")])
        table = eff.tables.get("t_")
        if table is not None and "c_" in table.columns:
            out = table.columns["c_"].type.lower()
    out = re.sub(r"^pg_catalog\.", "", out)
    m = re.match(r"^([a-z ]+?)(\s*\(.*\))?((?:\[\])*)$", out)
    if m:
        out = _TYPE_ALIASES.get(m.group(1), m.group(1)) + (m.group(2) or "") + m.group(3)
    cache[text] = out
    return out


@rule("MIG012", "warning", "every new or modified Data Model table has a migration")
def table_has_migration(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.spec.tables and not ctx.spec.modified_tables:
        return
    rp = replay(ctx)
    touched = {c.name for item in rp.facts for c in item.up.changes if c.kind == "table"}
    touched |= {c.table for item in rp.facts for c in item.up.changes if c.table}
    for change in ctx.spec.modified_tables:
        name = change.table.strip().strip("`")
        if name and name not in touched:
            yield this("MIG012").at(
                change.pos,
                f"Modified Tables changes {name} ({change.change}), but no migration alters it; "
                f"add a goose migration, such as `ALTER TABLE {name} …;` in its Up section",
            )
    for table in ctx.spec.tables:
        if table.name not in rp.final.tables:
            yield this("MIG012").at(
                table.pos,
                f"table {table.name} is in the Data Model but no migration creates it; add a "
                f"goose migration, such as `migrations/20260216120000_create_{table.name}.sql`",
            )


@rule("MIG013", "warning", "the migration order table says whether each is backward-compatible")
def backward_compatible(ctx: Context) -> Iterator[Diagnostic]:
    for mig in ctx.spec.migrations:
        if mig.backward_compatible is None:
            yield this("MIG013").at(
                mig.pos,
                f"no row of the migration order table says whether {mig.path or 'it'} is "
                f"backward-compatible; add one, such as `| 1 | `{mig.path}` | yes | … |`",
            )


@rule("MIG014", "warning", "a migration does not create what already exists")
def already_exists(ctx: Context) -> Iterator[Diagnostic]:
    for item in replay(ctx).facts:
        for p in item.apply_problems:
            if p.rule == "SQL020":
                yield this("MIG014").at(
                    p.pos,
                    f"{p.message} (in the baseline or an earlier migration); drop this "
                    "statement or write `IF NOT EXISTS`",
                )
