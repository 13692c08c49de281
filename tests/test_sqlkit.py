"""scaffold.sqlkit: goose splitting, constraint parsing, validity, catalog, effects, DDL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold.model import Column, Index, Pos, Relationship, SqlStatement, Table
from scaffold.sqlkit import (
    RULES,
    Catalog,
    ColumnFacts,
    effects,
    goose_migration,
    is_concurrent_index,
    is_reserved,
    needs_quoting,
    parse_column_constraints,
    split_goose,
    split_sql,
    table_ddl,
    undo_gaps,
    validate,
)

from toolchain import postgres  # noqa: F401 (pytest fixture)

CASES = Path(__file__).parent / "sqlkit_cases"
TEMPLATE = Path("/work/shared/seeds/create-tech-spec.md")


def stmt(sql: str, line: int = 1, column: int = 1, file: str = "m.sql") -> SqlStatement:
    return SqlStatement(sql=sql, pos=Pos(file=file, line=line, column=column))


def rules(problems) -> list[str]:
    return [p.rule for p in problems]


# --------------------------------------------------------------------------- import cost


def test_import_does_not_load_sqlglot_or_pglast() -> None:
    code = (
        "import sys, scaffold.sqlkit, scaffold.typemap; "
        "print(sorted(m for m in ('sqlglot', 'pglast') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_sqlkit_imports_sql_libraries() -> None:
    root = Path(__file__).parent.parent / "scaffold"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "sqlkit" not in path.parts
        and re.search(r"^\s*(import|from)\s+(sqlglot|pglast)\b", path.read_text(), re.M)
    ]
    assert offenders == []


def test_rules_are_documented() -> None:
    assert set(RULES) >= {f"SQL00{i}" for i in range(1, 9)} | {"SQL010", "SQL020", "SQL021"}


# --------------------------------------------------------------------------- goose splitting

TEMPLATE_MIGRATION = """\
-- +goose Up
CREATE TABLE invites (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token UUID NOT NULL DEFAULT gen_random_uuid(),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'expired', 'revoked')),
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_invites_workspace_id ON invites(workspace_id);
CREATE UNIQUE INDEX idx_invites_token ON invites(token);
CREATE INDEX idx_invites_email_workspace ON invites(email, workspace_id);

-- +goose Down
DROP TABLE IF EXISTS invites;
"""


def test_template_example_splits_with_positions() -> None:
    s = split_goose(TEMPLATE_MIGRATION, "spec.md", line=173)
    assert (s.has_up, s.has_down, s.no_transaction, s.problems) == (True, True, False, [])
    assert [(x.pos.line, x.sql.split("\n")[0]) for x in s.up] == [
        (174, "CREATE TABLE invites ("),
        (185, "CREATE INDEX idx_invites_workspace_id ON invites(workspace_id)"),
        (186, "CREATE UNIQUE INDEX idx_invites_token ON invites(token)"),
        (187, "CREATE INDEX idx_invites_email_workspace ON invites(email, workspace_id)"),
    ]
    assert [(x.pos.line, x.sql) for x in s.down] == [(190, "DROP TABLE IF EXISTS invites")]
    assert all(x.pos.file == "spec.md" and x.pos.column == 1 for x in s.up + s.down)
    assert s.up[0].sql.endswith("updated_at TIMESTAMPTZ NOT NULL DEFAULT now()\n)")


def test_the_template_file_still_holds_that_example() -> None:
    if not TEMPLATE.exists():
        pytest.skip("template not present")
    assert TEMPLATE_MIGRATION in TEMPLATE.read_text()


FUNCTION_BLOCK = """\
-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER invites_touch BEFORE UPDATE ON invites
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- +goose Down
DROP TRIGGER IF EXISTS invites_touch ON invites;
-- +goose StatementBegin
DROP FUNCTION IF EXISTS touch_updated_at();
-- +goose StatementEnd
"""


def test_statement_begin_block_is_one_statement() -> None:
    s = split_goose(FUNCTION_BLOCK, "m.sql")
    assert s.problems == []
    assert [(x.pos.line, x.block) for x in s.up] == [(3, True), (10, False)]
    assert s.up[0].sql.startswith("CREATE FUNCTION touch_updated_at()")
    assert s.up[0].sql.endswith("$$ LANGUAGE plpgsql")
    assert "RETURN NEW;" in s.up[0].sql
    assert [(x.pos.line, x.block) for x in s.down] == [(14, False), (16, True)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # semicolons inside strings, dollar quotes, quoted identifiers and comments do not split
        ("SELECT 'a;b';\nSELECT 2;", ["SELECT 'a;b'", "SELECT 2"]),
        ("SELECT $$a;b$$; SELECT 2;", ["SELECT $$a;b$$", "SELECT 2"]),
        ("SELECT $tag$ x; $$ y; $tag$;", ["SELECT $tag$ x; $$ y; $tag$"]),
        ('SELECT "a;b" FROM t;', ['SELECT "a;b" FROM t']),
        ("SELECT 1 /* ; */ + 1;", ["SELECT 1 /* ; */ + 1"]),
        ("SELECT 1; -- trailing; comment\nSELECT 2;", ["SELECT 1", "SELECT 2"]),
        ("SELECT E'it\\'s;';", ["SELECT E'it\\'s;'"]),
        # comments before a statement are not part of it; empty statements vanish
        ("-- note\n;;\nSELECT 1;", ["SELECT 1"]),
    ],
)
def test_split_respects_sql_lexing(body: str, expected: list[str]) -> None:
    s = split_goose(f"-- +goose Up\n{body}\n-- +goose Down\nSELECT 0;\n", "m.sql")
    assert [x.sql for x in s.up] == expected
    assert s.problems == []


def test_positions_point_at_first_token() -> None:
    text = "-- +goose Up\n\n  -- leading comment\n   CREATE TABLE a (id int);  CREATE TABLE b (\n id int);\n-- +goose Down\nDROP TABLE b;DROP TABLE a;\n"
    s = split_goose(text, "m.sql", line=10)
    assert [(x.pos.line, x.pos.column) for x in s.up] == [(13, 4), (13, 30)]
    assert [(x.pos.line, x.pos.column) for x in s.down] == [(16, 1), (16, 14)]


def test_non_ascii_text_keeps_columns() -> None:
    s = split_goose("-- +goose Up\nSELECT 'é';  SELECT 2;\n-- +goose Down\nSELECT 3;", "m.sql")
    assert [(x.sql, x.pos.column) for x in s.up] == [("SELECT 'é'", 1), ("SELECT 2", 14)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CREATE TABLE a (id int);\n", [("SQL001", 1), ("SQL002", 1), ("SQL003", 1)]),
        ("-- +goose Up\nCREATE TABLE a (id int);\n", [("SQL002", 1)]),
        ("-- +goose Down\nDROP TABLE a;\n", [("SQL001", 1)]),
        (
            "CREATE TABLE a (id int);\n-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n",
            [("SQL003", 1)],
        ),
        (
            "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\nSELECT 2;\n",
            [("SQL004", 2)],
        ),
        (
            "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n",
            [("SQL002", 1), ("SQL004", 2)],
        ),
        (
            "-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n-- +goose Down\nSELECT 2;\n",
            [("SQL004", 3)],
        ),
        ("-- +goose Up\nSELECT 1\n-- +goose Down\nSELECT 2;\n", [("SQL005", 2)]),
        (
            "-- +goose Up\nCREATE FUNCTION f() RETURNS int AS $$\n  SELECT 1;\n$$ LANGUAGE sql;\n"
            "-- +goose Down\nDROP FUNCTION f();\n",
            [("SQL006", 3)],
        ),
        (
            "-- +goose Up\n-- +goose Sideways\nSELECT 1;\n-- +goose Down\nSELECT 2;\n",
            [("SQL007", 2)],
        ),
        (
            "-- +goose Up\nSELECT 1;\n-- +goose Up\n-- +goose Down\nSELECT 2;\n",
            [("SQL007", 3)],
        ),
        ("-- +goose Up\nSELECT 'oops;\n-- +goose Down\nSELECT 2;\n", [("SQL008", 2)]),
        ("-- +goose Up\nSELECT $$ never closed;\n-- +goose Down\nSELECT 2;\n", [("SQL008", 2)]),
    ],
)
def test_goose_problems(text: str, expected: list[tuple[str, int]]) -> None:
    s = split_goose(text, "m.sql")
    assert [(p.rule, p.pos.line) for p in s.problems] == expected
    assert all(p.pos.file == "m.sql" and p.message for p in s.problems)


def test_one_line_dollar_quoted_function_needs_no_block() -> None:
    text = "-- +goose Up\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n-- +goose Down\nDROP FUNCTION f();\n"
    s = split_goose(text, "m.sql")
    assert s.problems == []
    assert s.up[0].sql == "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"


def test_unterminated_string_keeps_the_rest_as_one_statement() -> None:
    s = split_goose("-- +goose Up\nSELECT 1;\nSELECT 'oops;\nSELECT 3;\n", "m.sql")
    assert [x.sql for x in s.up] == ["SELECT 1", "SELECT 'oops;\nSELECT 3;"]


@pytest.mark.parametrize(
    ("annotation", "attr"),
    [
        ("-- +goose NO TRANSACTION", "no_transaction"),
        ("--+goose no transaction", "no_transaction"),
        ("-- +goose ENVSUB ON", "envsub"),
    ],
)
def test_flags(annotation: str, attr: str) -> None:
    s = split_goose(f"{annotation}\n-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n", "m.sql")
    assert getattr(s, attr) is True
    assert s.problems == []


def test_annotations_are_case_insensitive() -> None:
    s = split_goose("-- +goose up\nSELECT 1;\n-- +goose down\nSELECT 2;\n", "m.sql")
    assert (s.has_up, s.has_down, len(s.up), len(s.down)) == (True, True, 1, 1)


def test_split_sql_accepts_a_last_statement_without_semicolon() -> None:
    stmts, problems = split_sql("SET a = 1;\nSELECT 2", "x.sql", line=5)
    assert [(x.sql, x.pos.line) for x in stmts] == [("SET a = 1", 5), ("SELECT 2", 6)]
    assert problems == []


# --------------------------------------------------------------------------- constraints


@pytest.mark.parametrize(
    ("constraints", "expected"),
    [
        ("", ColumnFacts()),
        ("NULL", ColumnFacts(nullable=True)),
        ("Nullable", ColumnFacts(nullable=True)),
        ("NOT NULL", ColumnFacts(nullable=False)),
        ("UNIQUE", ColumnFacts(unique=True)),
        ("PK", ColumnFacts(nullable=False, primary_key=True)),
        ("PRIMARY KEY", ColumnFacts(nullable=False, primary_key=True)),
        (
            "PK, DEFAULT gen_random_uuid()",
            ColumnFacts(nullable=False, primary_key=True, default="gen_random_uuid()"),
        ),
        ("NOT NULL, DEFAULT now()", ColumnFacts(nullable=False, default="now()")),
        ("NOT NULL DEFAULT now()", ColumnFacts(nullable=False, default="now()")),
        ("DEFAULT '{}'::jsonb", ColumnFacts(default="'{}'::JSONB")),
        ("DEFAULT 'a,b'", ColumnFacts(default="'a,b'")),
        ("DEFAULT 0", ColumnFacts(default="0")),
        ("NOT NULL, FK → workspaces(id)", ColumnFacts(nullable=False, references="workspaces(id)")),
        ("FK -> users(id)", ColumnFacts(references="users(id)")),
        ("→ users(id)", ColumnFacts(references="users(id)")),
        ("FK → users.id", ColumnFacts(references="users(id)")),
        ("FK REFERENCES users(id)", ColumnFacts(references="users(id)")),
        (
            "NOT NULL, FK → workspaces(id), ON DELETE CASCADE",
            ColumnFacts(nullable=False, references="workspaces(id)", on_delete="CASCADE"),
        ),
        (
            "REFERENCES public.users(id) ON DELETE SET NULL",
            ColumnFacts(references="users(id)", on_delete="SET NULL"),
        ),
        (
            "NOT NULL, DEFAULT 'pending', CHECK (status IN ('pending','accepted'))",
            ColumnFacts(
                nullable=False,
                default="'pending'",
                check_values=["pending", "accepted"],
                check="status IN ('pending', 'accepted')",
            ),
        ),
        (
            "CHECK (status = ANY (ARRAY['a'::text, 'b'::text]))",
            ColumnFacts(check_values=["a", "b"], check="status = ANY(ARRAY['a'::TEXT, 'b'::TEXT])"),
        ),
        ("CHECK (amount > 0)", ColumnFacts(check="amount > 0")),
        ("UNIQUE, NOT NULL", ColumnFacts(nullable=False, unique=True)),
        ("NOT NULL, sorted by hand", ColumnFacts(nullable=False, unknown=["sorted by hand"])),
        ("DEFAULT 'unterminated", ColumnFacts(unknown=["DEFAULT 'unterminated"])),
    ],
)
def test_parse_column_constraints(constraints: str, expected: ColumnFacts) -> None:
    assert parse_column_constraints(constraints) == expected


def test_parse_column_constraints_uses_the_type_when_it_can() -> None:
    facts = parse_column_constraints("NOT NULL, DEFAULT '{}'", "TEXT[]")
    assert facts == ColumnFacts(nullable=False, default="'{}'")
    # a type sqlglot cannot read does not hide the constraints
    assert parse_column_constraints("NOT NULL", "weird type(") == ColumnFacts(nullable=False)


# --------------------------------------------------------------------------- validity


@pytest.mark.parametrize(
    ("sql", "line", "column", "fragment"),
    [
        ("CREATE TABLE a (id int)", None, None, None),
        ("CREATE TABEL a (id int)", 7, 15, 'syntax error at or near "TABEL"'),
        ("CREATE TABLE a (\n    id int,\n    name text,\n)", 10, 1, 'syntax error at or near ")"'),
        ("SELECT 'open", 7, 15, "unterminated quoted string"),
        ("CREATE INDEX ON", 7, 23, "syntax error at end of input"),
        ("CREATE TABLE a (\n    id int,", 8, 12, "syntax error at end of input"),
    ],
)
def test_validate(sql: str, line: int | None, column: int | None, fragment: str | None) -> None:
    problems = validate(stmt(sql, line=7, column=8))
    if line is None:
        assert problems == []
        return
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.rule, problem.severity) == ("SQL010", "error")
    assert (problem.pos.line, problem.pos.column) == (line, column)
    assert fragment in problem.message


def test_validate_accepts_a_block_of_statements() -> None:
    s = split_goose(FUNCTION_BLOCK, "m.sql")
    assert [p for x in s.up + s.down for p in validate(x)] == []


def test_sqlglot_garbage_is_rejected_by_postgres_grammar() -> None:
    # sqlglot reads this leniently; PostgreSQL does not allow RENAME among other actions
    problems = validate(stmt("ALTER TABLE t ADD COLUMN x int, RENAME COLUMN a TO b"))
    assert rules(problems) == ["SQL010"]


# --------------------------------------------------------------------------- catalog


@pytest.fixture(scope="module")
def dump_catalog() -> Catalog:
    catalog, problems = Catalog.from_sql((CASES / "pg_dump_s.sql").read_text(), "schema.sql")
    assert problems == []
    return catalog


def test_catalog_from_pg_dump_tables(dump_catalog: Catalog) -> None:
    assert sorted(dump_catalog.tables) == ["users", "workspace_members", "workspaces"]
    users = dump_catalog.tables["users"]
    assert users.pos == Pos(file="schema.sql", line=72, column=14)
    assert [(c.name, c.type, c.nullable) for c in users.columns.values()] == [
        ("id", "uuid", False),
        ("email", "text", False),
        ("display_name", "varchar(255)", True),
        ("created_at", "timestamp with time zone", False),
    ]
    assert users.columns["id"].primary_key and users.columns["email"].unique
    assert users.columns["id"].pos.line == 73


def test_catalog_from_pg_dump_constraints(dump_catalog: Catalog) -> None:
    ws = dump_catalog.tables["workspaces"]
    assert ws.columns["plan"].check_values == ["free", "pro"]
    assert (ws.columns["owner_id"].references, ws.columns["owner_id"].on_delete) == (
        "users(id)",
        "CASCADE",
    )
    assert (ws.columns["counter"].type, ws.columns["counter"].nullable) == ("bigint", False)
    members = dump_catalog.tables["workspace_members"]
    # a composite primary key makes each column NOT NULL, none of them the key alone
    assert [(c.primary_key, c.nullable) for c in members.columns.values()] == [
        (False, False),
        (False, False),
        (False, False),
    ]
    assert members.columns["role"].type == "member_role"
    assert dump_catalog.column("public.workspaces", "seats").type == "integer"


def test_catalog_from_pg_dump_other_objects(dump_catalog: Catalog) -> None:
    assert dump_catalog.enum_values("member_role") == ["owner", "admin", "member"]
    # the explicit index and those PostgreSQL builds for PRIMARY KEY / UNIQUE constraints
    assert sorted(dump_catalog.indexes) == [
        "idx_workspaces_owner_id",
        "users_email_key",
        "users_pkey",
        "workspace_members_pkey",
        "workspaces_pkey",
    ]
    assert dump_catalog.indexes["idx_workspaces_owner_id"].columns == ["owner_id"]
    assert list(dump_catalog.functions) == ["touch_updated_at"]
    assert list(dump_catalog.triggers) == ["workspaces.workspaces_touch"]
    assert list(dump_catalog.extensions) == ["pgcrypto"]
    assert list(dump_catalog.sequences) == ["workspaces_counter_seq"]


def test_catalog_from_a_goose_migration_reads_its_up_section() -> None:
    catalog, problems = Catalog.from_sql(TEMPLATE_MIGRATION, "m.sql")
    # workspaces is not in this catalog: the foreign key's target is missing
    assert [(p.rule, p.pos.line, p.message) for p in problems] == [
        ("SQL021", 4, "table workspaces does not exist (referenced by a foreign key)")
    ]
    assert list(catalog.tables["invites"].columns)[:3] == ["id", "workspace_id", "email"]
    assert sorted(catalog.indexes) == [
        "idx_invites_email_workspace",
        "idx_invites_token",
        "idx_invites_workspace_id",
        "invites_pkey",
    ]


def test_apply_migration_then_its_down(dump_catalog: Catalog) -> None:
    catalog = dump_catalog.copy()
    s = split_goose(TEMPLATE_MIGRATION, "m.sql")
    assert catalog.apply(s.up) == []
    assert "invites" in catalog.tables and "invites" not in dump_catalog.tables
    assert catalog.apply(s.down) == []
    assert "invites" not in catalog.tables
    assert not any(i.table == "invites" for i in catalog.indexes.values())
    assert catalog.shape() == dump_catalog.shape()


def test_shape_shows_what_a_down_section_leaves_behind(dump_catalog: Catalog) -> None:
    catalog = dump_catalog.copy()
    s = split_goose(
        "-- +goose Up\nALTER TABLE users ADD COLUMN locale text;\nCREATE INDEX idx_l ON users(locale);\n"
        "-- +goose Down\nDROP INDEX idx_l;\n",
        "m.sql",
    )
    assert catalog.apply(s.up) + catalog.apply(s.down) == []
    after, before = catalog.shape(), dump_catalog.shape()
    assert after != before
    assert set(after["tables"]["users"]["columns"]) - set(before["tables"]["users"]["columns"]) == {
        "locale"
    }


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("CREATE TABLE users (id int)", [("SQL020", "table users already exists")]),
        ("CREATE TABLE IF NOT EXISTS users (id int)", []),
        ("ALTER TABLE ghosts ADD COLUMN x int", [("SQL021", "table ghosts does not exist")]),
        ("ALTER TABLE users DROP COLUMN nope", [("SQL022", "column users.nope does not exist")]),
        ("ALTER TABLE users DROP COLUMN IF EXISTS nope", []),
        (
            "ALTER TABLE users ADD COLUMN email text",
            [("SQL020", "column users.email already exists")],
        ),
        ("DROP TABLE ghosts", [("SQL021", "table ghosts does not exist")]),
        ("DROP TABLE IF EXISTS ghosts", []),
        ("DROP INDEX idx_nope", [("SQL023", "index idx_nope does not exist")]),
        ("DROP TYPE member_role", []),
        (
            "CREATE INDEX idx_x ON ghosts(a)",
            [("SQL021", "table ghosts does not exist (index idx_x)")],
        ),
        ("CREATE EXTENSION IF NOT EXISTS pgcrypto", []),
        ("CREATE EXTENSION pgcrypto", [("SQL020", "extension pgcrypto already exists")]),
        ("CREATE TABL users (id int)", [("SQL010", None)]),
        (
            "CREATE TABLE a (id int PRIMARY KEY, parent_id int REFERENCES a(id), u uuid REFERENCES users(nope))",
            [("SQL022", "column users.nope does not exist")],
        ),
        (
            "CREATE TABLE a (id int, team_id uuid REFERENCES teams(id))",
            [("SQL021", "table teams does not exist (referenced by a foreign key)")],
        ),
        ("CREATE INDEX idx_x ON users(nope)", [("SQL022", "column users.nope does not exist")]),
    ],
)
def test_apply_problems(dump_catalog: Catalog, sql: str, expected: list) -> None:
    problems = dump_catalog.copy().apply([stmt(sql, line=3)])
    assert [(p.rule, p.message if expected and expected[0][1] else None) for p in problems] == [
        (rule, message) for rule, message in expected
    ]
    assert all(p.pos.line == 3 for p in problems)


def test_apply_changes_columns(dump_catalog: Catalog) -> None:
    catalog = dump_catalog.copy()
    s = split_goose(
        "-- +goose Up\n"
        "ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';\n"
        "ALTER TABLE users ALTER COLUMN display_name TYPE text, ALTER COLUMN display_name SET NOT NULL;\n"
        "ALTER TABLE users RENAME COLUMN email TO email_address;\n"
        "ALTER TABLE workspaces RENAME TO teams;\n"
        "ALTER TYPE member_role ADD VALUE 'guest';\n"
        "-- +goose Down\n",
        "m.sql",
    )
    assert catalog.apply(s.up) == []
    users = catalog.tables["users"]
    assert users.columns["locale"].nullable is False and users.columns["locale"].default == "'en'"
    assert (users.columns["display_name"].type, users.columns["display_name"].nullable) == (
        "text",
        False,
    )
    assert list(users.columns) == ["id", "email_address", "display_name", "created_at", "locale"]
    assert "teams" in catalog.tables and "workspaces" not in catalog.tables
    assert catalog.indexes["idx_workspaces_owner_id"].table == "teams"
    assert list(catalog.triggers) == ["teams.workspaces_touch"]
    assert catalog.enum_values("member_role") == ["owner", "admin", "member", "guest"]


# --------------------------------------------------------------------------- effects


def up_down(text: str):
    s = split_goose(text, "m.sql")
    return effects(s.up), effects(s.down)


def test_effects_of_the_template_migration() -> None:
    up, down = up_down(TEMPLATE_MIGRATION)
    assert [str(c) for c in up.creates] == [
        "table invites",
        "index idx_invites_workspace_id on invites",
        "index idx_invites_token on invites",
        "index idx_invites_email_workspace on invites",
    ]
    assert [(c.pos.line, c.pos.column) for c in up.creates] == [
        (2, 14),
        (13, 42),
        (14, 42),
        (15, 45),
    ]
    invites = up.tables["invites"]
    assert invites.columns["status"].check_values == ["pending", "accepted", "expired", "revoked"]
    assert invites.columns["workspace_id"].references == "workspaces(id)"
    assert [(r.table, r.column, r.context, r.pos.line) for r in up.references][:2] == [
        ("workspaces", "", "foreign key", 4),
        ("workspaces", "id", "foreign key", 4),
    ]
    assert [(t.column, t.type) for t in up.column_types][:3] == [
        ("id", "uuid"),
        ("workspace_id", "uuid"),
        ("email", "text"),
    ]
    assert [str(c) for c in down.drops] == ["table invites"]
    assert undo_gaps(up, down).ok


@pytest.mark.parametrize(
    ("migration", "not_undone", "not_restored", "unexpected"),
    [
        (
            "-- +goose Up\nCREATE TABLE a (id int);\nCREATE INDEX idx_a ON a(id);\n"
            "-- +goose Down\nDROP TABLE a;\n",
            [],
            [],
            [],
        ),
        (
            "-- +goose Up\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"
            "-- +goose Down\nDROP TABLE a;\n",
            ["table b"],
            [],
            [],
        ),
        (
            "-- +goose Up\nALTER TABLE users ADD COLUMN locale text;\n"
            "CREATE INDEX idx_users_locale ON users(locale);\n"
            "-- +goose Down\nALTER TABLE users DROP COLUMN locale;\n",
            ["index idx_users_locale on users"],
            [],
            [],
        ),
        (
            "-- +goose Up\nALTER TABLE users ADD COLUMN locale text;\n"
            "-- +goose Down\nALTER TABLE users DROP COLUMN locale;\nDROP TABLE users;\n",
            [],
            [],
            ["table users"],
        ),
        (
            "-- +goose Up\nALTER TABLE users DROP COLUMN legacy;\n" "-- +goose Down\nSELECT 1;\n",
            [],
            ["column users.legacy"],
            [],
        ),
        (
            "-- +goose Up\nALTER TABLE users DROP COLUMN legacy;\n"
            "-- +goose Down\nALTER TABLE users ADD COLUMN legacy text;\n",
            [],
            [],
            [],
        ),
        (
            "-- +goose Up\nALTER TABLE users RENAME TO people;\n"
            "-- +goose Down\nALTER TABLE people RENAME TO users;\n",
            [],
            [],
            [],
        ),
        (
            "-- +goose Up\nALTER TABLE users RENAME TO people;\n-- +goose Down\n",
            ["table people"],
            ["table users"],
            [],
        ),
        (
            "-- +goose Up\nCREATE TYPE mood AS ENUM ('a');\nCREATE EXTENSION citext;\n"
            "-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
            "-- +goose StatementEnd\n"
            "CREATE TRIGGER trg BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f();\n"
            "-- +goose Down\nDROP TRIGGER trg ON users;\nDROP FUNCTION f();\nDROP TYPE mood;\n",
            ["extension citext"],
            [],
            [],
        ),
        (
            "-- +goose Up\nALTER TYPE member_role ADD VALUE 'guest';\n-- +goose Down\n",
            [],
            [],
            [],
        ),
        (
            "-- +goose Up\nALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> '');\n"
            "-- +goose Down\nALTER TABLE users DROP CONSTRAINT users_email_check;\n"
            "DROP INDEX idx_other;\n",
            [],
            [],
            ["index idx_other"],
        ),
    ],
)
def test_undo_gaps(
    migration: str, not_undone: list[str], not_restored: list[str], unexpected: list[str]
) -> None:
    up, down = up_down(migration)
    gaps = undo_gaps(up, down)
    assert [str(c) for c in gaps.not_undone] == not_undone
    assert [str(c) for c in gaps.not_restored] == not_restored
    assert [str(c) for c in gaps.unexpected_drops] == unexpected
    assert gaps.ok == (not not_undone and not not_restored and not unexpected)


def test_effects_of_alter_table() -> None:
    eff = effects(
        [
            stmt(
                "ALTER TABLE users ADD COLUMN team_id UUID REFERENCES teams(id), "
                "ALTER COLUMN email TYPE citext, ALTER COLUMN email DROP NOT NULL",
                line=4,
            )
        ]
    )
    assert [(c.action, str(c), c.detail if c.action == "alter" else None) for c in eff.changes] == [
        ("create", "column users.team_id", None),
        ("alter", "column users.email", {"type": "citext"}),
        ("alter", "column users.email", {"nullable": True}),
    ]
    table, column = eff.added_columns[0]
    assert (table, column.name, column.type, column.references) == (
        "users",
        "team_id",
        "uuid",
        "teams(id)",
    )
    assert [(t.table, t.column, t.type) for t in eff.column_types] == [
        ("users", "team_id", "uuid"),
        ("users", "email", "citext"),
    ]
    assert {(r.table, r.column, r.context) for r in eff.references} == {
        ("teams", "", "foreign key"),
        ("teams", "id", "foreign key"),
        ("users", "", "alter"),
    }


@pytest.mark.parametrize(
    ("sql", "concurrent"),
    [
        ("CREATE INDEX CONCURRENTLY idx_a ON a(b)", True),
        ("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON a(b)", True),
        ("DROP INDEX CONCURRENTLY idx_a", True),
        ("CREATE INDEX idx_a ON a(b)", False),
        ("SELECT 'CREATE INDEX CONCURRENTLY'", False),
        ("CREATE INDEX CONCURRENTLY ON", False),  # not valid SQL: not an index
    ],
)
def test_is_concurrent_index(sql: str, concurrent: bool) -> None:
    assert is_concurrent_index(stmt(sql)) is concurrent


def test_effects_report_invalid_and_unknown_statements() -> None:
    eff = effects(
        [
            stmt("CREATE TABL a (id int)", line=2),
            stmt("CREATE POLICY p ON users USING (true)", line=3),
            stmt("UPDATE users SET email = lower(email)", line=4),
            stmt("COMMENT ON TABLE users IS 'x'", line=5),
        ]
    )
    assert [(p.rule, p.pos.line) for p in eff.problems] == [("SQL010", 2)]
    assert [s.pos.line for s in eff.unknown] == [3]
    assert eff.changes == []


def test_effects_types_keep_user_types_and_arrays() -> None:
    eff = effects(
        [
            stmt(
                "CREATE TABLE t (a mood, b public.mood[], c text[], d int4, e bigserial, f numeric(10,2))"
            )
        ]
    )
    assert [t.type for t in eff.column_types] == [
        "mood",
        "mood[]",
        "text[]",
        "int4",
        "bigserial",
        "numeric(10, 2)",
    ]
    assert eff.tables["t"].columns["e"].nullable is False


# --------------------------------------------------------------------------- DDL

TEMPLATE_TABLE = Table(
    name="invites",
    columns=[
        Column(name="id", type="UUID", constraints="PK, DEFAULT gen_random_uuid()"),
        Column(name="workspace_id", type="UUID", constraints="NOT NULL, FK → workspaces(id)"),
        Column(name="email", type="TEXT", constraints="NOT NULL"),
        Column(name="token", type="UUID", constraints="NOT NULL, DEFAULT gen_random_uuid()"),
        Column(
            name="status",
            type="TEXT",
            constraints="NOT NULL, DEFAULT 'pending', "
            "CHECK (status IN ('pending', 'accepted', 'expired', 'revoked'))",
        ),
        Column(name="expires_at", type="TIMESTAMPTZ", constraints="NOT NULL"),
        Column(name="created_at", type="TIMESTAMPTZ", constraints="NOT NULL, DEFAULT now()"),
        Column(name="updated_at", type="TIMESTAMPTZ", constraints="NOT NULL, DEFAULT now()"),
    ],
    indexes=[
        Index(name="idx_invites_workspace_id", columns=["workspace_id"]),
        Index(name="idx_invites_token", columns=["token"], unique=True),
        Index(name="idx_invites_email_workspace", columns=["email", "workspace_id"]),
    ],
    relationships=[
        Relationship(
            from_table="invites",
            from_column="workspace_id",
            to_table="workspaces",
            to_column="id",
            on_delete="CASCADE",
        )
    ],
)


def test_table_ddl_reproduces_the_template_example() -> None:
    up, down = table_ddl(TEMPLATE_TABLE)
    assert goose_migration(up, down) == TEMPLATE_MIGRATION


def test_table_ddl_from_structured_fields_matches_golden() -> None:
    table = Table(
        name="audit_events",
        columns=[
            Column(name="id", type="bigserial", primary_key=True, nullable=False),
            Column(name="actor_id", type="uuid", references="users(id)", nullable=True),
            Column(name="kind", type="text", nullable=False, check_values=["login", "it's"]),
            Column(name="payload", type="jsonb", nullable=False, default="'{}'::jsonb"),
            Column(name="tags", type="text[]", nullable=False, default="'{}'"),
            Column(name="amount", type="numeric(12, 2)", constraints="CHECK (amount >= 0)"),
            Column(name="mood", type="mood"),
            Column(name="slug", type="varchar(64)", unique=True, nullable=False),
        ],
        indexes=[Index(name="", columns=["actor_id", "kind"])],
    )
    up, down = table_ddl(table)
    golden = (CASES / "audit_events.sql").read_text()
    assert goose_migration(up, down) == golden


@pytest.mark.parametrize("table", [TEMPLATE_TABLE], ids=["template"])
def test_table_ddl_is_valid_postgres(table: Table) -> None:
    up, down = table_ddl(table)
    assert [p for sql in up + down for p in validate(stmt(sql))] == []


def test_table_ddl_round_trips_through_effects() -> None:
    up, down = table_ddl(TEMPLATE_TABLE)
    eff = effects([stmt(sql) for sql in up])
    cols = eff.tables["invites"].columns
    assert (cols["id"].primary_key, cols["workspace_id"].on_delete) == (True, "CASCADE")
    assert cols["status"].check_values == ["pending", "accepted", "expired", "revoked"]
    assert undo_gaps(eff, effects([stmt(sql) for sql in down])).ok


def test_goose_migration_no_transaction() -> None:
    text = goose_migration(
        ["CREATE INDEX CONCURRENTLY idx ON t(a)"],
        ["DROP INDEX CONCURRENTLY idx"],
        no_transaction=True,
    )
    s = split_goose(text, "m.sql")
    assert s.no_transaction and s.problems == []
    assert text.startswith("-- +goose NO TRANSACTION\n-- +goose Up\n")


def test_catalog_from_migrations_applies_up_sections_in_version_order(tmp_path: Path) -> None:
    (tmp_path / "00002_add_locale.sql").write_text(
        "-- +goose Up\nALTER TABLE people ADD COLUMN locale text;\n"
        "-- +goose Down\nALTER TABLE people DROP COLUMN locale;\n"
    )
    (tmp_path / "00001_people.sql").write_text(
        "-- +goose Up\nCREATE TABLE people (id bigserial PRIMARY KEY);\n"
        "-- +goose Down\nDROP TABLE people;\n"
    )
    (tmp_path / "README.sql").write_text("this is not a migration")
    catalog, problems = Catalog.from_migrations(sorted(tmp_path.iterdir()))
    assert problems == []
    assert list(catalog.tables["people"].columns) == ["id", "locale"]
    (tmp_path / "00003_broken.sql").write_bytes(b"\xff\xfe-- +goose Up\n")
    _catalog, problems = Catalog.from_migrations(sorted(tmp_path.iterdir()))
    assert [(p.rule, p.pos.file.endswith("00003_broken.sql")) for p in problems] == [
        ("SQL024", True)
    ]


@pytest.mark.parametrize(
    ("name", "reserved", "quoted"),
    [
        ("users", False, False),
        ("user", True, True),
        ("order", True, True),
        ("left", True, True),  # a type/function-name keyword
        ("name", False, False),  # unreserved
        ("int", False, False),  # a column-name keyword is a valid column name
        ("Name", False, True),  # mixed case would fold to lower case
        ("first name", False, True),
        ("_private$1", False, False),
    ],
)
def test_identifier_rules(name: str, reserved: bool, quoted: bool) -> None:
    assert is_reserved(name) is reserved
    assert needs_quoting(name) is quoted


def test_table_ddl_quotes_identifiers_postgres_would_not_read_back() -> None:
    table = Table(
        name="user",
        columns=[
            Column(name="order", type="int", constraints='NOT NULL, CHECK ("order" > 0)'),
            Column(name="Name", type="text", check_values=["a"]),
        ],
        indexes=[Index(name="idx_user_order", columns=["order"])],
    )
    up, down = table_ddl(table)
    assert up == [
        'CREATE TABLE "user" (\n'
        '    "order" INT NOT NULL CHECK ("order" > 0),\n'
        '    "Name" TEXT CHECK ("Name" IN (\'a\'))\n'
        ")",
        'CREATE INDEX idx_user_order ON "user"("order")',
    ]
    assert down == ['DROP TABLE IF EXISTS "user"']
    assert [p for sql in up + down for p in validate(stmt(sql))] == []


def test_goose_migration_wraps_statements_goose_would_cut() -> None:
    body = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n    RETURN 1;\nEND\n$$ LANGUAGE plpgsql"
    text = goose_migration([body], ["DROP FUNCTION f()"])
    assert text == (
        "-- +goose Up\n-- +goose StatementBegin\n" + body + ";\n-- +goose StatementEnd\n\n"
        "-- +goose Down\nDROP FUNCTION f();\n"
    )
    s = split_goose(text, "m.sql")
    assert s.problems == [] and [x.sql for x in s.up] == [body] and s.up[0].block


def test_drop_index_in_down_undoes_create_index_by_name() -> None:
    up, down = up_down(
        "-- +goose Up\nCREATE INDEX CONCURRENTLY idx_users_email ON users(email);\n"
        "-- +goose Down\nDROP INDEX CONCURRENTLY idx_users_email;\n"
    )
    assert undo_gaps(up, down).ok
    assert [str(c) for c in up.concurrent_indexes + down.concurrent_indexes] == [
        "index idx_users_email on users",
        "index idx_users_email",
    ]


# --------------------------------------------------------------------------- never crash

_PIECES = [
    "-- +goose Up\n",
    "-- +goose Down\n",
    "-- +goose StatementBegin\n",
    "-- +goose StatementEnd\n",
    "CREATE TABLE a (id int REFERENCES b(id));\n",
    "ALTER TABLE a ADD COLUMN b text, DROP COLUMN c;",
    "ALTER TABLE a RENAME TO b;",
    "CREATE UNIQUE INDEX CONCURRENTLY i ON a(b);",
    "DROP INDEX i;",
    "CREATE TYPE m AS ENUM ('x');",
    "ALTER TYPE m ADD VALUE 'y';",
    "CREATE TABLE c (a int, PRIMARY KEY (a), CHECK (a IN (1, 2)));",
    "$$",
    "'",
    '"',
    ";",
    "\n",
    "/*",
    "*/",
    "--",
    "é",
    "\\restrict x\n",
]


def test_nothing_crashes_on_arbitrary_migrations() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=20))
    def run(parts: list[str]) -> None:
        text = "".join(parts)
        sections = split_goose(text, "f.sql", line=3)
        for problem in sections.problems:
            assert problem.pos.line >= 3 and problem.rule in RULES
        for stmts in (sections.up, sections.down):
            eff = effects(stmts)
            undo_gaps(eff, eff)
            catalog = Catalog()
            for problem in catalog.apply(stmts):
                assert problem.rule in RULES
            for one in stmts:
                validate(one)
        Catalog.from_sql(text, "f.sql")

    run()


def test_nothing_crashes_on_arbitrary_columns() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.text(max_size=30), st.text(max_size=10))
    def run(constraints: str, name: str) -> None:
        parse_column_constraints(constraints, name)
        table_ddl(
            Table(
                name=name or "t",
                columns=[Column(name=name or "c", type=name or "int", constraints=constraints)],
                indexes=[Index(name=name, columns=[name or "c"])],
            )
        )

    run()


# --------------------------------------------------------------------------- real PostgreSQL


def _comparable(catalog: Catalog) -> dict:
    """What both a migration replay and a pg_dump of the result must agree on."""
    from scaffold.typemap import pg_canonical

    return {
        "tables": {
            name: {
                c.name: (
                    pg_canonical(c.type),
                    c.nullable,
                    c.primary_key,
                    c.references,
                    c.on_delete,
                    tuple(c.check_values),
                )
                for c in t.columns.values()
            }
            for name, t in sorted(catalog.tables.items())
        },
        "indexes": {n: (i.table, tuple(i.columns), i.unique) for n, i in catalog.indexes.items()},
        "types": {n: tuple(t.values) for n, t in catalog.types.items()},
        "functions": sorted(catalog.functions),
        "triggers": sorted(catalog.triggers),
    }


@pytest.mark.toolchain
def test_migrations_on_real_postgres_match_the_catalog(tmp_path: Path, postgres) -> None:
    """goose applies what sqlkit emits; the catalog sqlkit predicts is what pg_dump shows."""
    from toolchain import goose

    db = postgres.create_db("sqlkit")
    postgres.psql(db, file=CASES / "pg_dump_s.sql")
    function = (
        "CREATE FUNCTION audit_touch() RETURNS trigger AS $$\nBEGIN\n"
        "    NEW.kind = lower(NEW.kind);\n    RETURN NEW;\nEND\n$$ LANGUAGE plpgsql"
    )
    migrations = {
        "00001_create_invites.sql": TEMPLATE_MIGRATION,
        "00002_create_mood.sql": goose_migration(
            ["CREATE TYPE mood AS ENUM ('calm', 'busy')"], ["DROP TYPE IF EXISTS mood"]
        ),
        "00003_create_audit_events.sql": (CASES / "audit_events.sql").read_text(),
        "00004_audit_trigger.sql": goose_migration(
            [
                function,
                "CREATE TRIGGER audit_touch BEFORE INSERT ON audit_events "
                "FOR EACH ROW EXECUTE FUNCTION audit_touch()",
            ],
            ["DROP TRIGGER IF EXISTS audit_touch ON audit_events", "DROP FUNCTION audit_touch()"],
        ),
        "00005_concurrent_index.sql": goose_migration(
            ["CREATE INDEX CONCURRENTLY idx_users_display_name ON users(display_name)"],
            ["DROP INDEX CONCURRENTLY IF EXISTS idx_users_display_name"],
            no_transaction=True,
        ),
    }
    mig_dir = tmp_path / "migrations"
    mig_dir.mkdir()
    for name, text in migrations.items():
        (mig_dir / name).write_text(text)

    predicted, problems = Catalog.from_sql((CASES / "pg_dump_s.sql").read_text(), "schema.sql")
    for name, text in migrations.items():
        sections = split_goose(text, name)
        assert sections.problems == []
        problems += predicted.apply(sections.up)
    assert problems == []

    before = postgres.schema(db)
    goose(postgres, db, mig_dir, "up")
    actual, dump_problems = Catalog.from_sql(postgres.schema(db), "dump.sql")
    assert dump_problems == []
    assert _comparable(actual) == _comparable(predicted)

    goose(postgres, db, mig_dir, "reset")
    reset, _ = Catalog.from_sql(postgres.schema(db), "dump.sql")
    baseline, _ = Catalog.from_sql((CASES / "pg_dump_s.sql").read_text(), "schema.sql")
    assert reset.shape() == baseline.shape()
    # postgres.schema leaves goose's own table out: reset is back to the baseline.
    assert before.count("CREATE TABLE") == postgres.schema(db).count("CREATE TABLE")


def test_catalog_constraint_indexes_named_as_postgresql_names_them() -> None:
    catalog, problems = Catalog.from_sql(
        "CREATE TABLE t (id uuid PRIMARY KEY, email text UNIQUE, a int, b int,"
        " UNIQUE (a, b), CONSTRAINT t_b_uq UNIQUE (b));\n"
        "CREATE TABLE m (x int, y int, PRIMARY KEY (x, y));\n"
        "ALTER TABLE m ADD CONSTRAINT m_y_key UNIQUE (y);\n",
        "schema.sql",
    )
    assert not problems
    assert sorted(catalog.indexes) == [
        "m_pkey",
        "m_y_key",
        "t_a_b_key",
        "t_b_uq",
        "t_email_key",
        "t_pkey",
    ]
    assert catalog.indexes["t_a_b_key"].columns == ["a", "b"]
    catalog.apply([stmt("ALTER TABLE m DROP CONSTRAINT m_y_key")])
    assert "m_y_key" not in catalog.indexes


def test_table_ddl_primary_key_bullet_and_expression_indexes() -> None:
    table = Table(
        name="pins",
        columns=[
            Column(name="a", type="uuid", nullable=False),
            Column(name="b", type="text", nullable=False),
        ],
        indexes=[
            Index(name="pins_pkey", columns=["a", "b"], unique=True),
            Index(name="idx_pins_lower_b", columns=["a", "lower(b)", "b DESC"]),
        ],
    )
    up, _ = table_ddl(table)
    assert "PRIMARY KEY (a, b)" in up[0]
    assert up[1:] == ["CREATE INDEX idx_pins_lower_b ON pins(a, LOWER(b), b DESC)"]
