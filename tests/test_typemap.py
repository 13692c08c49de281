"""scaffold.typemap: the one PostgreSQL ↔ Go ↔ TS mapping (DESIGN §9)."""

from __future__ import annotations

import pytest

from scaffold.model import GoField, TsField
from scaffold.typemap import (
    MARSHALERS,
    PG_TYPES,
    SQL_NULL_TYPES,
    GoTypeRef,
    Mismatch,
    TsTypeRef,
    compatible,
    go_for_pg,
    is_pg_builtin,
    normalize_ts,
    parse_pg_type,
    pg_canonical,
    pg_extension_for,
    ts_for_go,
)

# --------------------------------------------------------------------------- PostgreSQL names


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("uuid", "uuid"),
        ("UUID", "uuid"),
        ("text", "text"),
        ("VARCHAR(255)", "character varying"),
        ("character varying(20)", "character varying"),
        ("char(2)", "character"),
        ("bpchar", "character"),
        ("bool", "boolean"),
        ("BOOLEAN", "boolean"),
        ("int2", "smallint"),
        ("smallint", "smallint"),
        ("int", "integer"),
        ("int4", "integer"),
        ("INTEGER", "integer"),
        ("int8", "bigint"),
        ("BIGINT", "bigint"),
        ("smallserial", "smallint"),
        ("serial", "integer"),
        ("BIGSERIAL", "bigint"),
        ("numeric(10,2)", "numeric"),
        ("DECIMAL", "numeric"),
        ("real", "real"),
        ("float4", "real"),
        ("float8", "double precision"),
        ("DOUBLE PRECISION", "double precision"),
        ("timestamptz", "timestamp with time zone"),
        ("TIMESTAMPTZ", "timestamp with time zone"),
        ("timestamp(3) with time zone", "timestamp with time zone"),
        ("timestamp", "timestamp without time zone"),
        ("timestamp without time zone", "timestamp without time zone"),
        ("date", "date"),
        ("time", "time without time zone"),
        ("timetz", "time with time zone"),
        ("interval", "interval"),
        ("jsonb", "jsonb"),
        ("JSON", "json"),
        ("bytea", "bytea"),
        ("inet", "inet"),
        ("pg_catalog.int4", "integer"),
        ("TEXT[]", "text[]"),
        ("text [ ]", "text[]"),
        ("int[][]", "integer[][]"),
        ("integer ARRAY", "integer[]"),
        ("varchar(10)[3]", "character varying[]"),
        ("_text", "text[]"),
        ("mood", "mood"),
        ("public.Mood", "mood"),
        ('"Mood"', "Mood"),
        ("audit.level", "audit.level"),
        ("citext", "citext"),
    ],
)
def test_pg_canonical(written: str, canonical: str) -> None:
    assert pg_canonical(written) == canonical


@pytest.mark.parametrize(
    ("written", "builtin"),
    [
        ("uuid", True),
        ("VARCHAR(255)", True),
        ("text[]", True),
        ("bigserial", True),
        ("timestamp with time zone", True),
        ("mood", False),
        ("mood[]", False),
        ("citext", False),  # an extension's type
        ("hstore", False),
        ("tstzrange", True),
        ("point", True),
        ("tsquery", True),
        ("macaddr8", True),
    ],
)
def test_is_pg_builtin(written: str, builtin: bool) -> None:
    assert is_pg_builtin(written) is builtin


@pytest.mark.parametrize(
    ("written", "extension", "go"),
    [
        ("CITEXT", "citext", "string"),
        ("hstore", "hstore", "map[string]*string"),
        ("ltree", "ltree", "string"),
        ("vector(3)", "vector", "[]float32"),
        ("geometry(Point, 4326)", "postgis", "string"),
        ("geography", "postgis", "string"),
        ("text", None, "string"),
        ("mood", None, "string"),
    ],
)
def test_extension_types(written: str, extension: str | None, go: str) -> None:
    assert pg_extension_for(written) == extension
    assert go_for_pg(written, True).expr == (go if go.startswith(("[]", "map[")) else "*" + go)


def test_serial_types() -> None:
    assert parse_pg_type("bigserial").serial and not parse_pg_type("bigint").serial


def test_every_table_row_and_alias_is_canonical_and_maps_to_go() -> None:
    for row in PG_TYPES:
        for name in (row.canonical, *row.aliases):
            assert pg_canonical(name) == row.canonical, name
            assert go_for_pg(name, False).expr == row.go, name
            assert is_pg_builtin(name) == (not row.extension), name


# --------------------------------------------------------------------------- PostgreSQL → Go


@pytest.mark.parametrize(
    ("pg", "nullable", "expr", "imports"),
    [
        ("uuid", False, "uuid.UUID", ("github.com/google/uuid",)),
        ("uuid", True, "*uuid.UUID", ("github.com/google/uuid",)),
        ("text", False, "string", ()),
        ("text", True, "*string", ()),
        ("varchar(255)", True, "*string", ()),
        ("char(1)", False, "string", ()),
        ("citext", False, "string", ()),
        ("boolean", False, "bool", ()),
        ("boolean", True, "*bool", ()),
        ("smallint", False, "int16", ()),
        ("integer", False, "int32", ()),
        ("integer", True, "*int32", ()),
        ("bigint", False, "int64", ()),
        ("serial", False, "int32", ()),
        ("bigserial", False, "int64", ()),
        ("numeric(12,2)", False, "string", ()),
        ("real", False, "float32", ()),
        ("double precision", True, "*float64", ()),
        ("timestamptz", False, "time.Time", ("time",)),
        ("timestamptz", True, "*time.Time", ("time",)),
        ("timestamp", False, "time.Time", ("time",)),
        ("date", False, "time.Time", ("time",)),
        ("time", False, "string", ()),
        ("interval", False, "string", ()),
        ("jsonb", False, "json.RawMessage", ("encoding/json",)),
        ("jsonb", True, "json.RawMessage", ("encoding/json",)),  # nil RawMessage is NULL
        ("json", False, "json.RawMessage", ("encoding/json",)),
        ("bytea", True, "[]byte", ()),
        ("inet", False, "string", ()),
        ("TEXT[]", False, "[]string", ()),
        ("TEXT[]", True, "[]string", ()),  # nil slice is NULL
        ("uuid[]", False, "[]uuid.UUID", ("github.com/google/uuid",)),
        ("integer[][]", False, "[][]int32", ()),
    ],
)
def test_go_for_pg(pg: str, nullable: bool, expr: str, imports: tuple[str, ...]) -> None:
    assert go_for_pg(pg, nullable) == GoTypeRef(expr, imports)


def test_go_for_pg_user_types() -> None:
    assert go_for_pg("invite_status", False, user_types={"invite_status": "InviteStatus"}) == (
        GoTypeRef("InviteStatus")
    )
    assert go_for_pg("invite_status", True, user_types={"invite_status": "InviteStatus"}).expr == (
        "*InviteStatus"
    )
    assert go_for_pg("invite_status[]", False, user_types={"invite_status": "S"}).expr == "[]S"
    unknown = go_for_pg("ghost_type", False)
    assert (unknown.expr, unknown.known) == ("string", False)


# --------------------------------------------------------------------------- Go → TS

T = TsTypeRef


@pytest.mark.parametrize(
    ("go", "options", "wire", "non_nil"),
    [
        # scalars
        ("string", {}, T("string"), T("string")),
        ("bool", {}, T("boolean"), T("boolean")),
        ("int", {}, T("number"), T("number")),
        ("int8", {}, T("number"), T("number")),
        ("int16", {}, T("number"), T("number")),
        ("int32", {}, T("number"), T("number")),
        ("int64", {}, T("number"), T("number")),
        ("uint", {}, T("number"), T("number")),
        ("uint8", {}, T("number"), T("number")),
        ("uint16", {}, T("number"), T("number")),
        ("uint32", {}, T("number"), T("number")),
        ("uint64", {}, T("number"), T("number")),
        ("float32", {}, T("number"), T("number")),
        ("float64", {}, T("number"), T("number")),
        ("byte", {}, T("number"), T("number")),
        ("rune", {}, T("number"), T("number")),
        ("time.Time", {}, T("string"), T("string")),
        ("uuid.UUID", {}, T("string"), T("string")),
        ("time.Duration", {}, T("number"), T("number")),
        ("json.RawMessage", {}, T("unknown"), T("unknown")),
        ("any", {}, T("unknown"), T("unknown")),
        ("interface{}", {}, T("unknown"), T("unknown")),
        ("interface {}", {}, T("unknown"), T("unknown")),
        # pointers: `T | null` under both policies
        ("*string", {}, T("string", nullable=True), T("string", nullable=True)),
        ("*time.Time", {}, T("string", nullable=True), T("string", nullable=True)),
        ("*int64", {}, T("number", nullable=True), T("number", nullable=True)),
        # omitempty: `?`
        ("string", {"omitempty": True}, T("string", optional=True), T("string", optional=True)),
        ("int", {"omitempty": True}, T("number", optional=True), T("number", optional=True)),
        ("bool", {"omitempty": True}, T("boolean", optional=True), T("boolean", optional=True)),
        (
            "*string",
            {"omitempty": True},
            T("string", optional=True, nullable=True),
            T("string", optional=True, nullable=True),
        ),
        # structs and fixed arrays are never empty: omitempty does not omit them
        ("time.Time", {"omitempty": True}, T("string"), T("string")),
        ("uuid.UUID", {"omitempty": True}, T("string"), T("string")),
        ("[4]int", {"omitempty": True}, T("number[]"), T("number[]")),
        ("[0]int", {"omitempty": True}, T("number[]", optional=True), T("number[]", optional=True)),
        # omitzero omits any zero value
        ("time.Time", {"omitzero": True}, T("string", optional=True), T("string", optional=True)),
        # collections: nil marshals to null under wire
        ("[]string", {}, T("string[]", nullable=True), T("string[]")),
        ("[]int64", {}, T("number[]", nullable=True), T("number[]")),
        ("[]*string", {}, T("(string | null)[]", nullable=True), T("(string | null)[]")),
        ("[][]string", {}, T("(string[] | null)[]", nullable=True), T("string[][]")),
        ("[][]byte", {}, T("(string | null)[]", nullable=True), T("string[]")),
        (
            "[]string",
            {"omitempty": True},
            T("string[]", optional=True),
            T("string[]", optional=True),
        ),
        (
            "map[string]int",
            {},
            T("Record<string, number>", nullable=True),
            T("Record<string, number>"),
        ),
        (
            "map[int]string",
            {},
            T("Record<string, string>", nullable=True),
            T("Record<string, string>"),
        ),
        (
            "map[string][]string",
            {},
            T("Record<string, string[] | null>", nullable=True),
            T("Record<string, string[]>"),
        ),
        (
            "map[string]map[string]int",
            {},
            T("Record<string, Record<string, number> | null>", nullable=True),
            T("Record<string, Record<string, number>>"),
        ),
        (
            "map[string]any",
            {"omitempty": True},
            T("Record<string, unknown>", optional=True),
            T("Record<string, unknown>", optional=True),
        ),
        ("*[]string", {}, T("string[]", nullable=True), T("string[]", nullable=True)),
        ("[3]string", {}, T("string[]"), T("string[]")),
        ("[...]int", {}, T("number[]"), T("number[]")),
        # []byte is base64; nil is null
        ("[]byte", {}, T("string", nullable=True), T("string")),
        ("[]uint8", {}, T("string", nullable=True), T("string")),
        ("[]byte", {"omitempty": True}, T("string", optional=True), T("string", optional=True)),
        # ,string
        ("int64", {"json_string": True}, T("string"), T("string")),
        ("float64", {"json_string": True}, T("string"), T("string")),
        ("bool", {"json_string": True}, T("string"), T("string")),
        ("*int64", {"json_string": True}, T("string", nullable=True), T("string", nullable=True)),
        (
            "int64",
            {"json_string": True, "omitempty": True},
            T("string", optional=True),
            T("string", optional=True),
        ),
        ("time.Time", {"json_string": True}, T("string"), T("string")),  # ignored: not a scalar
        ("[]int", {"json_string": True}, T("number[]", nullable=True), T("number[]")),
        # database/sql Null types marshal as their struct
        (
            "sql.NullString",
            {},
            T("{ String: string; Valid: boolean }"),
            T("{ String: string; Valid: boolean }"),
        ),
        (
            "sql.NullInt64",
            {},
            T("{ Int64: number; Valid: boolean }"),
            T("{ Int64: number; Valid: boolean }"),
        ),
        (
            "sql.NullInt32",
            {},
            T("{ Int32: number; Valid: boolean }"),
            T("{ Int32: number; Valid: boolean }"),
        ),
        (
            "sql.NullInt16",
            {},
            T("{ Int16: number; Valid: boolean }"),
            T("{ Int16: number; Valid: boolean }"),
        ),
        (
            "sql.NullByte",
            {},
            T("{ Byte: number; Valid: boolean }"),
            T("{ Byte: number; Valid: boolean }"),
        ),
        (
            "sql.NullFloat64",
            {},
            T("{ Float64: number; Valid: boolean }"),
            T("{ Float64: number; Valid: boolean }"),
        ),
        (
            "sql.NullBool",
            {},
            T("{ Bool: boolean; Valid: boolean }"),
            T("{ Bool: boolean; Valid: boolean }"),
        ),
        (
            "sql.NullTime",
            {},
            T("{ Time: string; Valid: boolean }"),
            T("{ Time: string; Valid: boolean }"),
        ),
        (
            "sql.Null[int64]",
            {},
            T("{ V: number; Valid: boolean }"),
            T("{ V: number; Valid: boolean }"),
        ),
        # types with their own MarshalJSON
        ("pgtype.Text", {}, T("string", nullable=True), T("string", nullable=True)),
        ("pgtype.Int8", {}, T("number", nullable=True), T("number", nullable=True)),
        ("pgtype.Timestamptz", {}, T("string", nullable=True), T("string", nullable=True)),
        ("decimal.Decimal", {}, T("string"), T("string")),
        ("null.String", {}, T("string", nullable=True), T("string", nullable=True)),
        # not representable in JSON
        ("chan int", {}, T("unknown", known=False), T("unknown", known=False)),
        ("func()", {}, T("unknown", known=False), T("unknown", known=False)),
    ],
)
def test_ts_for_go(go: str, options: dict, wire: TsTypeRef, non_nil: TsTypeRef) -> None:
    assert ts_for_go(go, **options) == wire
    assert ts_for_go(go, **options, policy="wire") == wire
    assert ts_for_go(go, **options, policy="non-nil") == non_nil


def test_every_sql_null_type_and_marshaler_is_covered() -> None:
    for name, (field_name, ts) in SQL_NULL_TYPES.items():
        assert ts_for_go(name).type == f"{{ {field_name}: {ts}; Valid: boolean }}"
    for name, marshaler in MARSHALERS.items():
        assert ts_for_go(name) == T(marshaler.ts, nullable=marshaler.nullable)


@pytest.mark.parametrize(
    ("go", "options", "expected"),
    [
        (
            "InviteStatus",
            {"enums": {"InviteStatus": ["pending", "accepted"]}},
            T('"pending" | "accepted"', literals=("pending", "accepted")),
        ),
        (
            "InviteStatus",
            {"enums": {"InviteStatus": ["pending"]}, "known_types": {"InviteStatus"}},
            T("InviteStatus", literals=("pending",)),
        ),
        (
            "*InviteStatus",
            {"enums": {"InviteStatus": ["a", "b"]}},
            T('"a" | "b"', nullable=True, literals=("a", "b")),
        ),
        (
            "InviteStatus",
            {"enums": {"InviteStatus": ["a"]}, "omitempty": True},
            T('"a"', optional=True, literals=("a",)),
        ),
        ("Invite", {"known_types": {"Invite"}}, T("Invite")),
        ("Invite", {"known_types": {"Invite"}, "omitempty": True}, T("Invite")),  # a struct
        (
            "*Invite",
            {"known_types": {"Invite"}, "omitempty": True},
            T("Invite", optional=True, nullable=True),
        ),
        ("[]Invite", {"known_types": {"Invite"}}, T("Invite[]", nullable=True)),
        ("[]Invite", {"known_types": {"Invite"}, "policy": "non-nil"}, T("Invite[]")),
        ("[]*Invite", {"known_types": {"Invite"}}, T("(Invite | null)[]", nullable=True)),
        (
            "map[string]Invite",
            {"known_types": {"Invite"}},
            T("Record<string, Invite>", nullable=True),
        ),
        ("models.Invite", {"known_types": {"models.Invite"}}, T("models.Invite")),
        ("UserExternal", {"names": {"UserExternal": "IUser"}}, T("IUser")),
        ("Page[Invite]", {"known_types": {"Page", "Invite"}}, T("Page<Invite>")),
        ("Mystery", {}, T("Mystery", known=False)),
        ("pkg.Mystery", {}, T("Mystery", known=False)),
        (
            "Money",
            {"marshalers": {"Money": __import__("scaffold.typemap").typemap.Marshaler("string")}},
            T("string"),
        ),
    ],
)
def test_ts_for_go_named_types(go: str, options: dict, expected: TsTypeRef) -> None:
    assert ts_for_go(go, **options) == expected


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="policy"):
        ts_for_go("string", policy="maybe")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ref", "declaration"),
    [
        (T("string"), "email: string"),
        (T("string", optional=True), "email?: string"),
        (T("string", nullable=True), "email: string | null"),
        (T("string", optional=True, nullable=True), "email?: string | null"),
    ],
)
def test_declaration(ref: TsTypeRef, declaration: str) -> None:
    assert ref.declaration("email") == declaration


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Array<string>", "string[]"),
        ("ReadonlyArray<Invite>", "Invite[]"),
        ("readonly string[]", "string[]"),
        ("Array<string | null>", "(string|null)[]"),
        ("Record< string , number >", "Record<string,number>"),
        ("{ String: string; Valid: boolean; }", "{String:string;Valid:boolean}"),
    ],
)
def test_normalize_ts(written: str, normal: str) -> None:
    assert normalize_ts(written) == normal


# --------------------------------------------------------------------------- compatibility


def gof(type_: str, **kw) -> GoField:
    name = kw.pop("name", "Field")
    return GoField(name=name, type=type_, json_name="field", **kw)


def tsf(type_: str, **kw) -> TsField:
    return TsField(name=kw.pop("name", "field"), type=type_, **kw)


@pytest.mark.parametrize(
    ("go", "ts", "options", "kinds"),
    [
        # aligned
        (gof("string"), tsf("string"), {}, []),
        (gof("*string"), tsf("string", nullable=True), {}, []),
        (gof("string", omitempty=True), tsf("string", optional=True), {}, []),
        (gof("*string", omitempty=True), tsf("string", optional=True, nullable=True), {}, []),
        (gof("[]string"), tsf("string[]", nullable=True), {}, []),
        (gof("[]string"), tsf("Array<string>", nullable=True), {}, []),
        (gof("[]string"), tsf("string[]"), {"policy": "non-nil"}, []),
        (gof("[]string", omitempty=True), tsf("string[]", optional=True), {}, []),
        (gof("int64", json_string=True), tsf("string"), {}, []),
        (gof("time.Time"), tsf("string"), {}, []),
        (gof("uuid.UUID"), tsf("string"), {}, []),
        (gof("json.RawMessage"), tsf("Record<string, unknown>"), {}, []),
        (gof("map[string]int"), tsf("Record<string, number>", nullable=True), {}, []),
        (gof("[]Invite"), tsf("Invite[]", nullable=True), {"known_types": {"Invite"}}, []),
        (gof("Invite"), tsf("unknown"), {"known_types": {"Invite"}}, []),
        (gof("string", json_skip=True), tsf("number"), {}, []),
        # a Go string without enum evidence: TS may narrow it
        (gof("string"), tsf('"a" | "b"', literals=["a", "b"]), {}, []),
        # enum evidence: members compared
        (
            gof("Status"),
            tsf('"a" | "b"', literals=["b", "a"]),
            {"enums": {"Status": ["a", "b"]}},
            [],
        ),
        (gof("Status"), tsf('"a"', literals=["a"]), {"enums": {"Status": ["a", "b"]}}, ["enum"]),
        (
            gof("Status"),
            tsf('"a" | "c"', literals=["a", "c"]),
            {"enums": {"Status": ["a"]}},
            ["enum"],
        ),
        (gof("Status"), tsf("string"), {"enums": {"Status": ["a"]}}, []),
        (gof("string", validation="required,oneof=a b"), tsf('"a"', literals=["a"]), {}, ["enum"]),
        (gof("string", validation="oneof=a b"), tsf('"a" | "b"', literals=["a", "b"]), {}, []),
        (gof("string"), tsf('"x"', literals=["x"]), {"evidence": ["x", "y"]}, ["enum"]),
        # misaligned
        (gof("string"), tsf("number"), {}, ["type"]),
        (gof("int"), tsf("string"), {}, ["type"]),
        (gof("*string"), tsf("string"), {}, ["nullable"]),
        (gof("string"), tsf("string", nullable=True), {}, ["nullable"]),
        (gof("[]string"), tsf("string[]"), {}, ["nullable"]),
        (gof("[]string"), tsf("string[]", nullable=True), {"policy": "non-nil"}, ["nullable"]),
        (gof("string", omitempty=True), tsf("string"), {}, ["optional"]),
        (gof("string"), tsf("string", optional=True), {}, ["optional"]),
        (gof("[]string"), tsf("string", nullable=True), {}, ["array"]),
        (gof("string"), tsf("string[]"), {}, ["array"]),
        (gof("[]int"), tsf("string[]", nullable=True), {}, ["type"]),
        (gof("int64", json_string=True), tsf("number"), {}, ["type"]),
        (gof("sql.NullString"), tsf("string", nullable=True), {}, ["type", "nullable"]),
        (gof("*int", omitempty=True), tsf("number"), {}, ["optional", "nullable"]),
    ],
)
def test_compatible(go: GoField, ts: TsField, options: dict, kinds: list[str]) -> None:
    mismatches = compatible(go, ts, **options)
    assert [m.kind for m in mismatches] == kinds
    for m in mismatches:
        assert (
            isinstance(m, Mismatch) and m.message.startswith(ts.name) and m.fix.startswith(ts.name)
        )


def test_compatible_fix_is_the_expected_declaration() -> None:
    [m] = compatible(gof("*string", omitempty=True), tsf("string", optional=True, name="email"))
    assert m.fix == "email?: string | null"
    assert "add `| null`" in m.message


def test_compatible_reads_omitzero_from_the_tag() -> None:
    go = gof("time.Time", tag='json:"at,omitzero"')
    assert compatible(go, tsf("string", optional=True)) == []
    assert [m.kind for m in compatible(go, tsf("string"))] == ["optional"]


@pytest.mark.parametrize(
    ("go", "underlying", "options", "expected"),
    [
        ("InviteID", {"InviteID": "uuid.UUID"}, {}, T("string")),
        ("*InviteID", {"InviteID": "uuid.UUID"}, {}, T("string", nullable=True)),
        ("Tags", {"Tags": "[]string"}, {}, T("string[]", nullable=True)),
        ("Tags", {"Tags": "[]string"}, {"omitempty": True}, T("string[]", optional=True)),
        ("Tags", {"Tags": "[]string"}, {"policy": "non-nil"}, T("string[]")),
        ("[]Cents", {"Cents": "int64"}, {}, T("number[]", nullable=True)),
        ("Loop", {"Loop": "Loop"}, {}, T("Loop", known=False)),
        # a known TS name wins over seeing through
        ("Tags", {"Tags": "[]string"}, {"known_types": {"Tags"}}, T("Tags")),
    ],
)
def test_ts_for_go_sees_through_named_types(
    go: str, underlying: dict, options: dict, expected: TsTypeRef
) -> None:
    assert ts_for_go(go, underlying=underlying, **options) == expected


@pytest.mark.parametrize(
    ("validation", "members"),
    [
        ("oneof=a b", ["a", "b"]),
        ("required,oneof='in progress' done,max=10", ["in progress", "done"]),
        ("required", []),
    ],
)
def test_oneof_is_enum_evidence(validation: str, members: list[str]) -> None:
    go = gof("string", validation=validation)
    union = " | ".join(f'"{m}"' for m in members) or "string"
    assert compatible(go, tsf(union, literals=members)) == []
    if members:
        [m] = compatible(go, tsf('"zzz"', literals=["zzz"]))
        assert m.kind == "enum"


def test_enum_evidence_fix_names_the_members() -> None:
    [m] = compatible(gof("string"), tsf('"x"', literals=["x"], name="color"), evidence=["x", "y"])
    assert m.fix == 'color: "x" | "y"'
    mismatches = compatible(gof("*string"), tsf("number", name="color"))
    assert [(m.kind, m.fix) for m in mismatches] == [
        ("type", "color: string | null"),
        ("nullable", "color: string | null"),
    ]
