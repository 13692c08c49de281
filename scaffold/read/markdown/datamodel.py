"""Data model sections: new tables, modified tables, goose migrations."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from ...model import Column, Index, Migration, Problem, Relationship, Table, TableChange
from .. import derive
from .blocks import BList, Fence, Heading, Line, Para, Sec
from .blocks import Table as MdTable
from .blocks import norm_header
from .context import Ctx, sniff

_IDENT = r"[A-Za-z_][\w$]*"
_REL = re.compile(
    rf"^\s*(?:({_IDENT})\.)?({_IDENT})\s*(?:→|->|⟶|=>)\s*"
    rf"({_IDENT})\s*[.(]\s*({_IDENT})\s*\)?\s*(.*)$"
)
_ON_DELETE = re.compile(
    r"ON\s+DELETE\s+(CASCADE|SET\s+NULL|SET\s+DEFAULT|RESTRICT|NO\s+ACTION)", re.I
)
_DASH = re.compile(r"\s+(?:—|–|-{1,2}|:)\s+")
_GOOSE_NAME = re.compile(r"^(\d+)_([\w.-]+?)\.sql$")


def _sqlkit() -> tuple[Any, Any]:
    from ...sqlkit import goose, columns

    return goose.split_goose, columns.parse_column_constraints


# --------------------------------------------------------------------------- new tables


def read_new_tables(ctx: Ctx, sec: Sec) -> None:
    """A `### New Tables` section whose tables have no `####` headings of their own."""
    for b in sec.blocks:
        if isinstance(b, MdTable) and b.column("column") >= 0:
            ctx.warn(
                b.line,
                "SPEC061",
                "a column table directly under New Tables has no table name; put it under a "
                "`#### table_name` heading.",
            )


def _table_name(sec: Sec) -> str:
    if sec.heading and sec.heading.codes:
        return sec.heading.codes[0].strip()
    name = sec.title.strip().strip("`").strip()
    name = re.sub(r"^(new\s+)?table\s*[:—–-]?\s*", "", name, flags=re.I).strip().strip("`")
    m = re.match(rf"^({_IDENT}(?:\.{_IDENT})?)", name)
    return m.group(1) if m else name


def read_table(ctx: Ctx, sec: Sec) -> None:
    table = Table(pos=ctx.pos(sec.line, "#"), name=_table_name(sec))
    ctx.spec.tables.append(table)
    mode = ""
    for _, b in sec.walk_unclaimed():
        if isinstance(b, Heading):
            mode = _list_mode(b.title)
            continue
        if isinstance(b, Para):
            for ln in b.lines:
                m = _list_mode(ln.label or ln.lead or ln.text)
                if m:
                    mode = m
                    if ln.value and mode == "index" and ln.label:
                        _index(ctx, table, ln, ln.value)
            continue
        if isinstance(b, MdTable):
            if b.column("index", "index name") >= 0:
                _index_table(ctx, table, b)
            elif is_column_table(b):
                _columns(ctx, table, b)
            continue
        if isinstance(b, BList):
            for item in b.items:
                ln = item.first
                if ln is None:
                    continue
                if mode == "index":
                    _index(ctx, table, ln, ln.text)
                elif mode == "rel":
                    _relationship(ctx, table, ln)
    # Relationship bullets name FKs the constraints cell may not spell out.
    for rel in table.relationships:
        if rel.from_table != table.name:
            continue
        col = next((c for c in table.columns if c.name == rel.from_column), None)
        if col is not None and col.references is None:
            col.references = f"{rel.to_table}({rel.to_column})"


def _sql_cell(row: Any, idx: int) -> str:
    """The constraints cell as SQL, when a code span sits inside a string literal.

    Markdown reads `` `tick` `` in ``CHECK (x IN ('a `tick`'))`` as a code span and drops the
    backticks, changing the literal. When every backtick in the cell's source is inside a
    single-quoted literal, the source is the SQL; otherwise ("" here) the plain text is.
    """
    if not 0 <= idx < len(row.cells):
        return ""
    raw = row.cells[idx].line.raw
    if "`" not in raw:
        return ""
    in_quote = False
    for ch in raw:
        if ch == "'":
            in_quote = not in_quote
        elif ch == "`" and not in_quote:
            return ""
    return re.sub(r"\\([|\\`*_\[\]<>#])", r"\1", raw.replace("<br>", " ")).strip()


def is_column_table(md: MdTable) -> bool:
    """| Column | Type | Constraints | Notes | (or Name/Data type)."""
    if md.column("column", "column name") >= 0:
        return True
    return md.column("name") >= 0 and md.column("type", "data type") >= 0


def _list_mode(text: str) -> str:
    n = norm_header(text)
    if n.startswith("index") or n == "unique indexes" or n == "unique index":
        return "index"
    if n.startswith("relationship") or n.startswith("foreign key"):
        return "rel"
    if n.startswith("constraint") or n.startswith("check"):
        return "other"
    return ""


def _columns(ctx: Ctx, table: Table, md: MdTable) -> None:
    nc = md.column("column", "column name", "name")
    tc = md.column("type", "data type", "postgres type", "sql type")
    cc = md.column("constraints", "constraint", "modifiers")
    notes = md.column("notes", "description", "note", "comment")
    if not ctx.need_column(md, nc, "Column", f"table `{table.name}`"):
        return
    ctx.need_column(md, tc, "Type", f"table `{table.name}`")
    _, parse_constraints = _sqlkit()
    seen = ctx.constraint_facts  # many columns share a constraints cell
    for row in ctx.rows(md, "column"):
        name = ctx.cell(row, nc).strip("`").strip()
        typ = ctx.cell(row, tc)
        constraints = _sql_cell(row, cc) or ctx.cell(row, cc)
        col = Column(
            pos=ctx.row_pos(row),
            name=name,
            type=typ,
            constraints=constraints,
            notes=ctx.cell(row, notes),
        )
        if constraints.strip() and constraints.strip() not in ("-", "—"):
            key = (constraints, typ or "TEXT")
            try:
                facts = seen[key] if key in seen else parse_constraints(*key)
                seen[key] = facts
            except Exception as exc:  # the SQL module must not take the reader down
                ctx.warn(row.line, "SPEC061", f"constraints of `{name}` unreadable: {exc}")
                facts = None
            if facts is not None:
                col.nullable = facts.nullable
                col.primary_key = facts.primary_key
                col.unique = facts.unique
                col.default = facts.default
                col.references = facts.references
                col.check_values = list(facts.check_values)
                for piece in getattr(facts, "unknown", []) or []:
                    ctx.warn(
                        row.line,
                        "SPEC061",
                        f"constraint {piece!r} of column `{name}` is not understood; write it as "
                        "SQL (NOT NULL, UNIQUE, DEFAULT now(), REFERENCES users(id), "
                        "CHECK (x IN ('a'))).",
                        needle=piece,
                    )
                    kind = described_kind(piece)
                    if kind:
                        ctx.described_constraints.append(
                            (ctx.spec.problems[-1], table.name, name, kind)
                        )
        table.columns.append(col)


_PK_LINE = re.compile(r"^\s*`?(?:pk|primary\s+key)`?\s*[:(]", re.I)


def _paren_group(text: str, start: int) -> tuple[str, int] | None:
    """The balanced ``( … )`` opening at or after ``start``: (its inside, the end offset)."""
    open_at = text.find("(", start)
    if open_at < 0:
        return None
    depth = 0
    quote = False
    for i in range(open_at, len(text)):
        ch = text[i]
        if ch == "'":
            quote = not quote
        elif quote:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return text[open_at + 1 : i], i + 1
    return None


def _index_columns(text: str) -> tuple[list[str], int] | None:
    """An index line's columns, expressions kept whole, and where they end in ``text``."""
    m = re.search(r"\bon\s+(?:" + _IDENT + r"\s*)?\(", text, re.I)
    group = _paren_group(text, m.end() - 1 if m else 0)
    if group is None:
        return None
    return derive.split_top(group[0], ","), group[1]


# A constraint described in words ("CHECK 1–64 chars", "GENERATED ALWAYS AS (...) STORED",
# "PK (1st column)"): the kind of constraint the migration's exact SQL must then hold.
_DESCRIBED = (
    (re.compile(r"^check\b", re.I), "check"),
    (re.compile(r"^generated\b", re.I), "generated"),
    (re.compile(r"^(?:pk|primary\s+key)\b", re.I), "primary key"),
    (re.compile(r"^unique\b", re.I), "unique"),
)


def described_kind(piece: str) -> str:
    """The kind of a constraint described in words ("CHECK 1–64 chars"), "" for SQL."""
    return next((kind for pat, kind in _DESCRIBED if pat.match(piece.strip())), "")


def drop_answered(
    problems: list[Problem], migrations: list[Migration], pending: list[tuple[Any, str, str, str]]
) -> None:
    """A constraint the column table describes in words (``pending``: problem, table,
    column, kind) is not a problem when the migration creating the column holds it as
    SQL (the migration is the exact text). Drops those from ``problems``; empties
    ``pending``. Both readers call it."""
    if not pending:
        return
    from ...sqlkit.catalog import effects

    columns: dict[tuple[str, str], Any] = {}
    for mig in migrations:
        try:
            eff = effects(mig.up)
        except Exception:  # the SQL module must not take the reader down
            continue
        for tname, info in eff.tables.items():
            for cname, col in info.columns.items():
                columns[(tname, cname)] = col
        for tname, col in eff.added_columns:
            columns[(tname, col.name)] = col
    answered = {
        id(problem)
        for problem, table, column, kind in pending
        if kind in getattr(columns.get((table, column)), "kinds", [])
    }
    if answered:
        problems[:] = [p for p in problems if id(p) not in answered]
    pending.clear()


def _index(ctx: Ctx, table: Table, ln: Line, text: str) -> None:
    if any("[" in c for c in ln.codes) or text.lstrip().startswith("["):
        ctx.warn(
            ln.line,
            "SPEC053",
            f"index line {text!r} is the template placeholder; name the index and its columns.",
        )
        return
    if _PK_LINE.match(text):
        # "PK (a, b) — why": the primary key's index, which PostgreSQL names <table>_pkey.
        from ...sqlkit.catalog import constraint_index_name

        found = _index_columns(text)
        if found is not None:
            cols, end = found
            table.indexes.append(
                Index(
                    pos=ctx.pos(ln.line, text.strip()[:2]),
                    name=constraint_index_name(table.name, cols, True),
                    columns=cols,
                    unique=True,
                    note=_index_note(text[end:]),
                )
            )
            return
    codes = [c for c in ln.codes if re.fullmatch(_IDENT, c.strip())]
    name = codes[0] if codes else ""
    if not name:
        m = re.match(rf"^\s*(?:unique\s+)?({_IDENT})\b", text, re.I)
        name = m.group(1) if m and m.group(1).lower() not in ("on", "unique", "index") else ""
    found = _index_columns(text)
    if not name or found is None:
        ctx.warn(
            ln.line,
            "SPEC061",
            f"index line {text!r} is not `` `idx_name` on (col_a, col_b) — reason ``; it was "
            "skipped.",
        )
        return
    cols, end = found
    note = _index_note(text[end:])
    low = text.lower()
    unique = "unique" in low or bool(re.search(r"(^|_)(uq|ux|uniq|unique|key)(_|$)", name.lower()))
    table.indexes.append(
        Index(pos=ctx.pos(ln.line, name), name=name, columns=cols, unique=unique, note=note)
    )


def _index_note(rest: str) -> str:
    """What follows an index's columns: a partial index's ``WHERE …`` kept whole, then the
    reason after the dash."""
    rest = rest.strip()
    where = ""
    wm = re.match(r"^`?(WHERE\b[^`—–]*?)`?\s*(?=(?:—|–|-{1,2}|:)\s|$)", rest, re.I)
    if wm:
        where = " ".join(wm.group(1).split())
        rest = rest[wm.end() :].strip()
    dm = _DASH.search(" " + rest)
    note = (" " + rest)[dm.end() :].strip() if dm else rest.strip(" —–-:")
    return f"{where} — {note}" if where and note else where or note


def _index_table(ctx: Ctx, table: Table, md: MdTable) -> None:
    ic = md.column("index", "index name", "name")
    cc = md.column("columns", "column")
    uc = md.column("unique")
    nc = md.column("notes", "reason", "purpose")
    for row in ctx.rows(md, "index"):
        name = ctx.cell(row, ic)
        cols = [
            c.strip().strip("`()") for c in ctx.cell(row, cc).strip("()").split(",") if c.strip()
        ]
        uv = ctx.cell(row, uc).lower()
        unique = uv in ("yes", "true", "y", "unique", "✓", "✅") or "unique" in name.lower()
        table.indexes.append(
            Index(
                pos=ctx.row_pos(row),
                name=name,
                columns=cols,
                unique=unique,
                note=ctx.cell(row, nc),
            )
        )


def _relationship(ctx: Ctx, table: Table, ln: Line) -> None:
    if ln.text.lstrip().startswith("["):
        ctx.warn(
            ln.line,
            "SPEC053",
            f"relationship {ln.text!r} is the template placeholder; write it or delete it.",
        )
        return
    m = _REL.match(ln.text)
    if not m:
        ctx.warn(
            ln.line,
            "SPEC061",
            f"relationship {ln.text!r} is not `table.column → other_table.column (FK, ON DELETE "
            "CASCADE)`; it was skipped.",
        )
        return
    from_table, from_col, to_table, to_col, rest = m.groups()
    od = _ON_DELETE.search(rest)
    kind = ""
    km = re.search(
        r"\b(FK|foreign key|1:1|1:N|N:1|N:M|one-to-many|many-to-one|one-to-one)\b", rest, re.I
    )
    if km:
        kind = "FK" if km.group(1).lower() in ("fk", "foreign key") else km.group(1)
    table.relationships.append(
        Relationship(
            pos=ctx.line_pos(ln),
            from_table=from_table or table.name,
            from_column=from_col,
            to_table=to_table,
            to_column=to_col,
            on_delete=" ".join(od.group(1).upper().split()) if od else "",
            kind=kind,
        )
    )


# --------------------------------------------------------------------------- modified tables


def read_modified_tables(ctx: Ctx, sec: Sec) -> None:
    for _, b in sec.walk():
        if not isinstance(b, MdTable):
            continue
        tc = b.column("table", "table name")
        if not ctx.need_column(b, tc, "Table", "modified tables"):
            continue
        cc = b.column("change", "changes", "alteration", "description")
        nc = b.column("migration notes", "notes", "note")
        for row in ctx.rows(b, "modified table"):
            ctx.spec.modified_tables.append(
                TableChange(
                    pos=ctx.row_pos(row),
                    table=ctx.cell(row, tc).strip("`"),
                    change=ctx.cell(row, cc),
                    notes=ctx.cell(row, nc),
                )
            )


# --------------------------------------------------------------------------- migrations


def _path_of(codes: list[str], text: str) -> str:
    for c in codes:
        if c.strip().endswith(".sql"):
            return c.strip()
    m = re.search(r"([\w./-]+\.sql)\b", text)
    return m.group(1) if m else ""


def read_migrations(ctx: Ctx, sec: Sec) -> None:
    """SQL fences directly under Goose Migrations, named by the paragraph before or a comment.

    Each `#### `migrations/…sql`` subsection is a migration of its own (:func:`read_migration`).
    """
    pending_path = ""
    pending_line = 0
    for b in sec.blocks:
        if isinstance(b, Para):
            for ln in b.lines:
                p = _path_of(ln.codes, ln.text)
                if p:
                    pending_path, pending_line = p, ln.line
        elif isinstance(b, Fence) and sniff(b) in ("sql", ""):
            path = pending_path or _comment_path(b.content)
            _migration(ctx, path, pending_line or b.line, b, b.line)
            pending_path, pending_line = "", 0
        elif isinstance(b, MdTable):
            ctx.order_tables.append(b)
        elif isinstance(b, BList):
            _order_list(ctx, b)


def read_migration(ctx: Ctx, sec: Sec) -> None:
    """A `#### `migrations/20260216120000_create_invites.sql`` heading and its SQL fence."""
    path = _path_of(sec.heading.codes if sec.heading else [], sec.title)
    sql: list[Fence] = []
    for _, b in sec.walk():
        if isinstance(b, MdTable):
            ctx.order_tables.append(b)
        elif isinstance(b, BList):
            _order_list(ctx, b)
        elif isinstance(b, Fence) and sniff(b) in ("sql", ""):
            sql.append(b)
    if not path and not sql:
        return
    _migration(ctx, path, sec.line, sql[0] if sql else None, sec.line)
    for extra in sql[1:]:
        ctx.warn(
            extra.line,
            "SPEC058",
            "a second SQL block under one migration heading was ignored; give each migration "
            "its own `#### migrations/<file>.sql` heading.",
        )


def apply_migration_order(ctx: Ctx) -> None:
    """The migration order table(s): backward compatibility and notes per migration."""
    for t in ctx.order_tables:
        _order_table(ctx, t)
    for ln in ctx.order_lines:
        _order_line(ctx, ln)
    drop_answered(ctx.spec.problems, ctx.spec.migrations, ctx.described_constraints)


def _comment_path(content: str) -> str:
    for raw in content.split("\n")[:3]:
        m = re.match(r"^\s*--\s*(?:file:\s*)?([\w./-]+\.sql)\s*$", raw)
        if m:
            return m.group(1)
    return ""


def _migration(ctx: Ctx, path: str, line: int, fence: Fence | None, heading_line: int) -> None:
    mig = Migration(pos=ctx.pos(line, path or "#"), path=path)
    base = PurePosixPath(path).name if path else ""
    m = _GOOSE_NAME.match(base)
    if m:
        mig.version, mig.description = m.group(1), m.group(2)
    elif path:
        ctx.warn(
            line,
            "SPEC058",
            f"migration file name {base!r} is not goose's `YYYYMMDDHHMMSS_description.sql`; "
            "rename it.",
            needle=path,
        )
    if fence is None:
        ctx.problem(
            heading_line,
            "SPEC058",
            f"migration {path or '(unnamed)'} has no SQL block; add a ```sql fence with "
            "`-- +goose Up` and `-- +goose Down` sections.",
            needle=path,
        )
    else:
        mig.text = fence.content
        split_goose, _ = _sqlkit()
        try:
            sections = split_goose(fence.content, ctx.path, fence.content_line)
        except Exception as exc:
            ctx.problem(fence.line, "SPEC058", f"migration SQL could not be split: {exc}")
            sections = None
        if sections is not None:
            mig.up = list(sections.up)
            mig.down = list(sections.down)
            mig.has_up = sections.has_up
            mig.has_down = sections.has_down
            mig.no_transaction = sections.no_transaction
            ctx.spec.problems.extend(sections.problems)
    ctx.spec.migrations.append(mig)


def _same_file(a: str, b: str) -> bool:
    a, b = a.strip().strip("`"), b.strip().strip("`")
    return a == b or PurePosixPath(a).name == PurePosixPath(b).name


_ORDER_LINE = re.compile(r"backward[- ]compatib\w*\s*[:?]?\s*", re.I)


def _order_list(ctx: Ctx, md: BList) -> None:
    """The migration order as a list: "1. `migrations/x.sql` — backward compatible: yes. …"."""
    for item in md.items:
        ln = item.first
        if ln is not None and _path_of(ln.codes, ln.text) and _ORDER_LINE.search(ln.text):
            ctx.order_lines.append(ln)


def _order_line(ctx: Ctx, ln: Line) -> None:
    path = _path_of(ln.codes, ln.text)
    mig = next((m for m in ctx.spec.migrations if m.path and _same_file(m.path, path)), None)
    if mig is None:
        ctx.warn(
            ln.line,
            "SPEC059",
            f"the migration order names {path!r}, which no migration heading defines; add its "
            "`#### `" + path + "`` section with its SQL.",
            needle=path,
        )
        return
    m = _ORDER_LINE.search(ln.text)
    rest = ln.text[m.end() :].strip() if m else ""
    word = re.match(r"^(yes|no|y|n|true|false)\b[.;,]?\s*", rest, re.I)
    if word is None:
        ctx.warn(
            ln.line,
            "SPEC060",
            f"backward compatible is {rest[:30]!r} for {path}; write yes or no.",
            needle=path,
        )
        return
    mig.backward_compatible = word.group(1).lower() in ("yes", "y", "true")
    mig.order_notes = rest[word.end() :].strip()


def _order_table(ctx: Ctx, md: MdTable) -> None:
    fc = md.column("migration file", "migration", "file", "path")
    bc = md.column("backward compatible", "backward compatibility", "backward", "compatible")
    nc = md.column("notes", "deployment notes", "note")
    if fc < 0 or bc < 0:
        return
    for row in ctx.rows(md, "migration order"):
        codes = ctx.cell_codes(row, fc)
        path = _path_of(codes, ctx.cell(row, fc)) or ctx.cell(row, fc)
        mig = next((m for m in ctx.spec.migrations if m.path and _same_file(m.path, path)), None)
        if mig is None:
            ctx.warn(
                row.line,
                "SPEC059",
                f"the migration order table names {path!r}, which no migration heading defines; "
                "add its `#### `" + (path or "migrations/<file>.sql") + "`` section with its SQL.",
                needle=path or "|",
            )
            continue
        value = ctx.cell(row, bc).strip().lower()
        word = re.match(r"^(?:(yes|no|y|n|true|false)\b|(✅|❌|✓|✔|✗|✘))", value)
        if word:
            mig.backward_compatible = (word.group(1) or word.group(2)) in (
                "yes",
                "y",
                "true",
                "✅",
                "✓",
                "✔",
            )
        elif value:
            ctx.warn(
                row.line,
                "SPEC060",
                f"backward compatible is {ctx.cell(row, bc)!r}; write yes or no.",
                needle=ctx.cell(row, bc),
            )
        mig.order_notes = ctx.cell(row, nc)


__all__ = ["read_new_tables", "read_table", "read_modified_tables", "read_migrations"]
