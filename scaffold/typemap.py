"""The one PostgreSQL ↔ Go ↔ TypeScript type mapping (DESIGN §9).

check (Go ↔ TS alignment inside a spec), generate (Go for columns, TS for Go structs)
and drift all read types through this module, so a change here changes them all.

PostgreSQL → Go (:func:`go_for_pg`), table :data:`PG_TYPES`. Generated Go uses ``*T``
for a NULL column; slices (``[]byte``, arrays, ``json.RawMessage``) stay slices, their
nil is NULL. Documented choices: ``numeric`` → ``string`` (exact; no float rounding,
the wire carries a JSON string); ``integer`` → ``int32`` (``int16``/``int64`` for
``smallint``/``bigint``); ``time``, ``interval``, ``inet``, ``money``, ranges and geometric types → ``string``
(their text form); ``hstore`` → ``map[string]*string``, ``vector`` → ``[]float32``;
a user enum → ``string`` unless the caller names its Go type.

Go → TypeScript (:func:`ts_for_go`) follows the wire as ``encoding/json`` writes it,
under one of two policies, never guessed:

=======================================  ======================  =====================
Go field                                 policy ``wire``         policy ``non-nil``
=======================================  ======================  =====================
``T``                                    ``x: T``                ``x: T``
``*T``                                   ``x: T | null``         ``x: T | null``
``T`` ``omitempty``                      ``x?: T``               ``x?: T``
``*T`` ``omitempty``                     ``x?: T | null``        ``x?: T | null``
``[]T`` / ``map[K]V`` / ``[]byte``       ``x: T[] | null``       ``x: T[]``
… ``omitempty``                          ``x?: T[]``             ``x?: T[]``
``T`` ``,string`` (numbers, bool)        ``x: string``           ``x: string``
=======================================  ======================  =====================

Scalars: ``int*``/``uint*``/``float*``/``byte``/``rune`` → ``number``; ``bool`` →
``boolean``; ``string``, ``time.Time``, ``uuid.UUID`` → ``string``; ``[]byte`` →
``string`` (base64); ``json.RawMessage``, ``any``, ``interface{}`` → ``unknown``;
``map[K]V`` → ``Record<string, V>`` (JSON keys are strings; a nested slice or map
is ``| null`` under ``wire`` too); ``[N]T`` → ``T[]``
(never null, never omitted by ``omitempty`` when N > 0); ``sql.NullString`` and kin →
the object they marshal to (``{ String: string; Valid: boolean }``) unless the type has
a known ``MarshalJSON`` (:data:`MARSHALERS`: ``pgtype.Text`` → ``string | null``, …).
Struct values (``time.Time``, named structs) are never omitted by ``omitempty``.

A Go ``string`` facing a TS union of string literals is compatible (TS narrows it)
unless the Go side has enum evidence (a named type with consts, ``oneof``, a CHECK
constraint): then the members are compared (:func:`compatible`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Protocol

Policy = Literal["wire", "non-nil"]
POLICIES: tuple[str, ...] = ("wire", "non-nil")

# --------------------------------------------------------------------------- PostgreSQL


@dataclass(frozen=True)
class PgType:
    """One row of the PostgreSQL table: canonical name → Go type."""

    canonical: str  # as PostgreSQL's format_type() names it
    go: str  # Go type for a NOT NULL column
    imports: tuple[str, ...] = ()
    slice_like: bool = False  # Go value is a slice: nil is NULL, no pointer needed
    aliases: tuple[str, ...] = ()
    extension: str = ""  # the extension that provides it (not built in)


PG_TYPES: tuple[PgType, ...] = (
    PgType("uuid", "uuid.UUID", ("github.com/google/uuid",)),
    PgType("text", "string"),
    PgType("character varying", "string", aliases=("varchar",)),
    PgType("character", "string", aliases=("char", "bpchar")),
    PgType("name", "string"),
    PgType("boolean", "bool", aliases=("bool",)),
    PgType("smallint", "int16", aliases=("int2", "smallserial", "serial2")),
    PgType("integer", "int32", aliases=("int", "int4", "serial", "serial4")),
    PgType("bigint", "int64", aliases=("int8", "bigserial", "serial8")),
    PgType("numeric", "string", aliases=("decimal",)),
    PgType("real", "float32", aliases=("float4",)),
    PgType("double precision", "float64", aliases=("float8", "float")),
    PgType("money", "string"),
    PgType("timestamp with time zone", "time.Time", ("time",), aliases=("timestamptz",)),
    PgType("timestamp without time zone", "time.Time", ("time",), aliases=("timestamp",)),
    PgType("date", "time.Time", ("time",)),
    PgType("time without time zone", "string", aliases=("time",)),
    PgType("time with time zone", "string", aliases=("timetz",)),
    PgType("interval", "string"),
    PgType("jsonb", "json.RawMessage", ("encoding/json",), slice_like=True),
    PgType("json", "json.RawMessage", ("encoding/json",), slice_like=True),
    PgType("bytea", "[]byte", slice_like=True),
    PgType("inet", "string"),
    PgType("cidr", "string"),
    PgType("macaddr", "string"),
    PgType("xml", "string"),
    PgType("tsvector", "string"),
    PgType("oid", "uint32"),
    PgType("bit", "string"),
    PgType("bit varying", "string", aliases=("varbit",)),
    PgType("macaddr8", "string"),
    PgType("tsquery", "string"),
    PgType("jsonpath", "string"),
    PgType("pg_lsn", "string"),
    PgType("xid", "uint32"),
    PgType("xid8", "uint64"),
    PgType("regclass", "string"),
    PgType("regtype", "string"),
    PgType("regproc", "string"),
    # ranges and multiranges: their text form ("[1,10)")
    *(
        PgType(name, "string")
        for name in (
            "int4range",
            "int8range",
            "numrange",
            "tsrange",
            "tstzrange",
            "daterange",
            "int4multirange",
            "int8multirange",
            "nummultirange",
            "tsmultirange",
            "tstzmultirange",
            "datemultirange",
        )
    ),
    # geometric types: their text form ("(1,2)")
    *(
        PgType(name, "string")
        for name in ("point", "line", "lseg", "box", "path", "polygon", "circle")
    ),
    # types an extension adds (not built in: `is_pg_builtin` is False, `pg_extension_for` names it)
    PgType("citext", "string", extension="citext"),
    PgType("hstore", "map[string]*string", extension="hstore", slice_like=True),
    PgType("ltree", "string", extension="ltree"),
    PgType("vector", "[]float32", extension="vector", slice_like=True),  # pgvector
    PgType("geometry", "string", extension="postgis"),  # hex EWKB as PostGIS prints it
    PgType("geography", "string", extension="postgis"),
)

_PG_BY_NAME: dict[str, PgType] = {}
for _row in PG_TYPES:
    _PG_BY_NAME[_row.canonical] = _row
    for _alias in _row.aliases:
        _PG_BY_NAME.setdefault(_alias, _row)
# `time` alone is `time without time zone`; `float` alone is `double precision`.
_SERIALS = {"smallserial", "serial2", "serial", "serial4", "bigserial", "serial8"}


@dataclass(frozen=True)
class PgTypeName:
    """A PostgreSQL type as written, taken apart."""

    base: str  # canonical base name ("character varying", "mood", "audit.level")
    array_dims: int = 0
    builtin: bool = False
    serial: bool = False
    extension: str = ""  # the extension that provides the type, for extension types we know

    def __str__(self) -> str:
        return self.base + "[]" * self.array_dims


def parse_pg_type(pg_type: str) -> PgTypeName:
    """Take a written type apart: ``VARCHAR(255)``, ``text[]``, ``pg_catalog.int4``, ``"Mood"``."""
    text = " ".join(pg_type.strip().split())
    dims = 0
    while True:
        stripped = re.sub(r"\s*\[\s*\d*\s*\]\s*$", "", text)
        if stripped != text:
            dims += 1
            text = stripped
            continue
        match = re.match(r"^(.*?)\s+array(\s*\[\s*\d*\s*\])?$", text, re.IGNORECASE)
        if match:
            dims += 1
            text = match.group(1)
            continue
        break
    if text.startswith("_") and text[1:].lower() in _PG_BY_NAME:  # internal array name: _text
        dims += 1
        text = text[1:]
    quoted = text.startswith('"')
    if not quoted:
        text = text.lower()
    text = re.sub(r"\s*\([^)]*\)", "", text)  # type modifiers: (255), (10, 2), (3)
    for prefix in ("pg_catalog.", "public."):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if quoted:
        return PgTypeName(base=text.strip('"'), array_dims=dims)
    text = " ".join(text.split())
    zone = ""
    for suffix, canon in ((" with time zone", "with time zone"), (" without time zone", "")):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            zone = canon or "without"
    if text in ("timestamp", "time") and zone:
        text = f"{text} {'with time zone' if zone == 'with time zone' else 'without time zone'}"
    row = _PG_BY_NAME.get(text)
    if row is None:
        return PgTypeName(base=text, array_dims=dims)
    return PgTypeName(
        base=row.canonical,
        array_dims=dims,
        builtin=not row.extension,
        serial=text in _SERIALS,
        extension=row.extension,
    )


def pg_canonical(pg_type: str) -> str:
    """The canonical spelling: ``int4`` → ``integer``, ``VARCHAR(255)`` → ``character varying``,
    ``timestamptz`` → ``timestamp with time zone``, ``TEXT[]`` → ``text[]``, ``bigserial`` →
    ``bigint``; a user type → its name (lower-case unless quoted, ``public.`` dropped)."""
    return str(parse_pg_type(pg_type))


def is_pg_builtin(pg_type: str) -> bool:
    """True for PostgreSQL's own types (and arrays of them); False for user types."""
    return parse_pg_type(pg_type).builtin


def pg_extension_for(pg_type: str) -> str | None:
    """The extension a known non-built-in type needs (``citext`` → ``citext``), else None."""
    return parse_pg_type(pg_type).extension or None


# --------------------------------------------------------------------------- PostgreSQL → Go


@dataclass(frozen=True)
class GoTypeRef:
    expr: str  # "*time.Time", "uuid.UUID", "json.RawMessage", "[]string"
    imports: tuple[str, ...] = ()
    known: bool = True  # False: the PostgreSQL type is not in the table nor a named user type


def go_for_pg(
    pg_type: str, nullable: bool, *, user_types: dict[str, str] | None = None
) -> GoTypeRef:
    """The Go type for a column. ``user_types`` names Go types for user types (``mood`` → ``Mood``).

    A NULL column is ``*T``, except slices (arrays, ``bytea``, ``json``/``jsonb``) whose nil
    is NULL. An unknown type gives ``string`` with ``known=False`` (the caller warns).
    """
    parsed = parse_pg_type(pg_type)
    row = _PG_BY_NAME.get(parsed.base) if parsed.builtin or parsed.extension else None
    known = True
    if row is not None:
        base, imports, slice_like = row.go, row.imports, row.slice_like
    elif user_types and parsed.base in user_types:
        base, imports, slice_like = user_types[parsed.base], (), False
    else:
        base, imports, slice_like, known = "string", (), False, False
    if parsed.array_dims:
        return GoTypeRef("[]" * parsed.array_dims + base, imports, known)
    if nullable and not slice_like:
        return GoTypeRef("*" + base, imports, known)
    return GoTypeRef(base, imports, known)


# --------------------------------------------------------------------------- Go → TypeScript


@dataclass(frozen=True)
class Marshaler:
    """A Go type with its own JSON encoding: the TS type it writes."""

    ts: str
    nullable: bool = False  # writes `null` for its zero/invalid value


#: Go types whose JSON form is not their struct shape. Extend per call with ``marshalers=``.
MARSHALERS: dict[str, Marshaler] = {
    "time.Time": Marshaler("string"),
    "time.Duration": Marshaler("number"),
    "uuid.UUID": Marshaler("string"),
    "uuid.NullUUID": Marshaler("string", nullable=True),
    "json.Number": Marshaler("number"),
    "netip.Addr": Marshaler("string"),
    "netip.Prefix": Marshaler("string"),
    "big.Int": Marshaler("number"),
    "decimal.Decimal": Marshaler("string"),  # shopspring/decimal
    "decimal.NullDecimal": Marshaler("string", nullable=True),
    "pgtype.Text": Marshaler("string", nullable=True),
    "pgtype.Int2": Marshaler("number", nullable=True),
    "pgtype.Int4": Marshaler("number", nullable=True),
    "pgtype.Int8": Marshaler("number", nullable=True),
    "pgtype.Float4": Marshaler("number", nullable=True),
    "pgtype.Float8": Marshaler("number", nullable=True),
    "pgtype.Numeric": Marshaler("number", nullable=True),
    "pgtype.Bool": Marshaler("boolean", nullable=True),
    "pgtype.UUID": Marshaler("string", nullable=True),
    "pgtype.Timestamptz": Marshaler("string", nullable=True),
    "pgtype.Timestamp": Marshaler("string", nullable=True),
    "pgtype.Date": Marshaler("string", nullable=True),
    "null.String": Marshaler("string", nullable=True),  # gopkg.in/guregu/null
    "null.Int": Marshaler("number", nullable=True),
    "null.Float": Marshaler("number", nullable=True),
    "null.Bool": Marshaler("boolean", nullable=True),
    "null.Time": Marshaler("string", nullable=True),
}

#: database/sql's Null types marshal as their struct: { <Field>: T; Valid: boolean }.
SQL_NULL_TYPES: dict[str, tuple[str, str]] = {
    "sql.NullString": ("String", "string"),
    "sql.NullInt64": ("Int64", "number"),
    "sql.NullInt32": ("Int32", "number"),
    "sql.NullInt16": ("Int16", "number"),
    "sql.NullByte": ("Byte", "number"),
    "sql.NullFloat64": ("Float64", "number"),
    "sql.NullBool": ("Bool", "boolean"),
    "sql.NullTime": ("Time", "string"),
}

_NUMBER = {
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "byte",
    "rune",
}
_UNKNOWN = {"any", "interface{}", "interface {}", "json.RawMessage"}
# `,string` applies to these (and pointers to them); other kinds ignore it.
_STRING_OPTION_KINDS = _NUMBER | {"bool", "string"}


def query_go_type(written: str) -> str:
    """The Go type of a path or query parameter as a spec writes its type (``int``,
    ``integer``, ``int64``, ``uuid``, ``uuid.UUID``, ``bool``, ``timestamp``, ``string``):
    the one reading every generator (Go parsing, TS params, OpenAPI schemas) uses."""
    t = (written or "").strip()
    if t in _NUMBER or t in ("bool", "string", "time.Time", "uuid.UUID"):
        return t
    low = t.lower()
    if "uuid" in low:
        return "uuid.UUID"
    if "int" in low:
        return "int64" if "64" in low else "int"
    if any(w in low for w in ("float", "number", "decimal", "double")):
        return "float64"
    if "bool" in low:
        return "bool"
    if "time" in low:
        return "time.Time"
    return "string"  # a date ("2024-05-01") stays the string it is written as


def query_ts_type(written: str) -> str:
    """The TS type of a query parameter's value (:func:`query_go_type` on the wire)."""
    go = query_go_type(written)
    return "number" if go in _NUMBER else "boolean" if go == "bool" else "string"


@dataclass(frozen=True)
class TsTypeRef:
    type: str  # "string", "number", "Invite[]", "Record<string, number>", "unknown"
    optional: bool = False  # `?`
    nullable: bool = False  # `| null`
    literals: tuple[str, ...] = ()  # string-literal members when the Go type is an enum
    known: bool = True  # False: a Go type this mapping cannot see through

    def declaration(self, name: str) -> str:
        """``name?: T | null`` as a TS interface member (without ``;``)."""
        return (
            f"{name}{'?' if self.optional else ''}: {self.type}{' | null' if self.nullable else ''}"
        )


@dataclass
class _GoType:
    """A Go type expression taken apart (small, local: no whole-language parsing)."""

    kind: Literal["pointer", "slice", "array", "map", "named", "unknown"]
    name: str = ""  # for named: "string", "time.Time", "Invite", "Page[Invite]"
    elem: "_GoType | None" = None
    key: "_GoType | None" = None
    length: int = 0


def _parse_go(text: str) -> _GoType:
    t = text.strip()
    if t.startswith("*"):
        return _GoType("pointer", elem=_parse_go(t[1:]))
    if t.startswith("[]"):
        return _GoType("slice", elem=_parse_go(t[2:]))
    match = re.match(r"^\[\s*(\d*|\.\.\.)\s*\]", t)
    if match:
        length = int(match.group(1)) if match.group(1).isdigit() else 1
        return _GoType("array", elem=_parse_go(t[match.end() :]), length=length)
    if t.startswith("map["):
        depth, i = 0, 3
        for i in range(3, len(t)):
            if t[i] == "[":
                depth += 1
            elif t[i] == "]":
                depth -= 1
                if depth == 0:
                    break
        return _GoType("map", key=_parse_go(t[4:i]), elem=_parse_go(t[i + 1 :]))
    compact = re.sub(r"\s+", "", t)
    if compact in ("interface{}", "any"):
        return _GoType("named", name="any")
    if re.match(r"^(chan\b|<-|func\b|struct\s*\{|interface\s*\{)", t) or not t:
        return _GoType("unknown", name=t)
    return _GoType("named", name=compact)


def ts_for_go(
    go_type: str,
    *,
    omitempty: bool = False,
    json_string: bool = False,
    policy: Policy = "wire",
    enums: dict[str, list[str]] | None = None,
    known_types: set[str] | None = None,
    names: dict[str, str] | None = None,
    marshalers: dict[str, Marshaler] | None = None,
    omitzero: bool = False,
    underlying: dict[str, str] | None = None,
) -> TsTypeRef:
    """The TS type of a Go struct field as ``encoding/json`` writes it (see the module table).

    ``enums``: Go named type → its string values (a const block); ``known_types``: Go
    struct/type names that have a TS counterpart; ``names``: Go name → TS name where they
    differ (``UserExternal`` → ``IUser``); ``marshalers``: more types with their own
    ``MarshalJSON``; ``omitzero``: the Go 1.24 tag option (omits any zero value);
    ``underlying``: named non-struct types → their underlying type (``InviteID`` →
    ``uuid.UUID``, ``Tags`` → ``[]string``), seen through unless the name is an enum, a
    known type or has a marshaler.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown nullability policy {policy!r}; expected one of {POLICIES}")
    ctx = _Ctx(
        policy,
        enums or {},
        known_types or set(),
        names or {},
        {**MARSHALERS, **(marshalers or {})},
        underlying or {},
    )
    node = ctx.resolve(_parse_go(go_type))
    pointer = node.kind == "pointer"
    inner = ctx.resolve(node.elem) if pointer and node.elem is not None else node

    if json_string and inner.kind == "named" and inner.name in _STRING_OPTION_KINDS:
        return TsTypeRef("string", optional=omitempty or omitzero, nullable=pointer)

    ts, nullable, literals, known = ctx.convert(inner)
    collection = inner.kind in ("slice", "map") and not pointer
    if pointer:
        nullable = True
        optional = omitempty or omitzero
    elif collection:
        optional = omitempty or omitzero
        nullable = (
            policy == "wire" and not optional and (nullable or inner.kind in ("slice", "map"))
        )
    else:
        optional = omitzero or (omitempty and _omitted_when_empty(inner, ctx))
    if ts == "unknown":
        nullable = False  # unknown already admits null
    return TsTypeRef(ts, optional=optional, nullable=nullable, literals=literals, known=known)


def _omitted_when_empty(node: _GoType, ctx: "_Ctx") -> bool:
    """encoding/json's omitempty: false, 0, "", nil pointer/interface, empty slice/map/array."""
    if node.kind == "array":
        return node.length == 0
    if node.kind != "named":
        return True
    if node.name in _NUMBER or node.name in ("string", "bool", "any") or node.name in _UNKNOWN:
        return True
    if node.name in ctx.enums:  # a named string/int type
        return True
    return False  # structs (time.Time, uuid.UUID is an array, named structs) are never empty


@dataclass
class _Ctx:
    policy: Policy
    enums: dict[str, list[str]]
    known: set[str]
    names: dict[str, str]
    marshalers: dict[str, Marshaler]
    underlying: dict[str, str] = field(default_factory=dict)

    def resolve(self, node: _GoType) -> _GoType:
        """See through named types to their underlying type (``type Tags []string``)."""
        seen: set[str] = set()
        while (
            node.kind == "named"
            and node.name in self.underlying
            and node.name not in seen
            and node.name not in self.enums
            and node.name not in self.known
            and node.name not in self.names
            and node.name not in self.marshalers
        ):
            seen.add(node.name)
            node = _parse_go(self.underlying[node.name])
        return node

    def convert(self, node: _GoType) -> tuple[str, bool, tuple[str, ...], bool]:
        """(TS type, nullable, literals, known) of a Go type, ignoring field options."""
        node = self.resolve(node)
        if node.kind == "pointer" and node.elem is not None:
            ts, _nullable, literals, known = self.convert(node.elem)
            return ts, True, literals, known
        if node.kind in ("slice", "array") and node.elem is not None:
            if (
                node.kind == "slice"
                and node.elem.kind == "named"
                and node.elem.name in ("byte", "uint8")
            ):
                return "string", self._nil_is_null(node), (), True  # base64
            ts, nullable, literals, known = self.convert(node.elem)
            elem = f"{ts} | null" if nullable and ts != "unknown" else ts
            return f"{_wrap(elem)}[]", self._nil_is_null(node), (), known
        if node.kind == "map" and node.elem is not None:
            ts, nullable, _literals, known = self.convert(node.elem)
            value = f"{ts} | null" if nullable and ts != "unknown" else ts
            return f"Record<string, {value}>", self._nil_is_null(node), (), known
        if node.kind == "unknown":
            return "unknown", False, (), False
        return self.named(node.name)

    def _nil_is_null(self, node: _GoType) -> bool:
        """A nested slice or map: its nil is `null` on the wire, unless policy non-nil."""
        return node.kind in ("slice", "map") and self.policy == "wire"

    def named(self, name: str) -> tuple[str, bool, tuple[str, ...], bool]:
        if name in _NUMBER:
            return "number", False, (), True
        if name == "bool":
            return "boolean", False, (), True
        if name == "string":
            return "string", False, (), True
        if name in _UNKNOWN:
            return "unknown", False, (), True
        if name in self.marshalers:
            m = self.marshalers[name]
            return m.ts, m.nullable, (), True
        if name in SQL_NULL_TYPES:
            field_name, ts = SQL_NULL_TYPES[name]
            return f"{{ {field_name}: {ts}; Valid: boolean }}", False, (), True
        generic = re.match(r"^sql\.Null\[(.+)\]$", name)
        if generic:
            ts, nullable, _lits, known = self.convert(_parse_go(generic.group(1)))
            return f"{{ V: {ts}{' | null' if nullable else ''}; Valid: boolean }}", False, (), known
        if name in self.enums:
            values = tuple(self.enums[name])
            ts_name = self.names.get(name, name)
            if name in self.known or name in self.names:
                return ts_name, False, values, True
            return " | ".join(_ts_string(v) for v in values) or "string", False, values, True
        base, _, args = name.partition("[")
        if base in self.known or base in self.names:
            ts_name = self.names.get(base, base)
            if args:
                params = [self.convert(_parse_go(a))[0] for a in _split_args(args[:-1])]
                ts_name = f"{ts_name}<{', '.join(params)}>"
            return ts_name, False, (), True
        return self.names.get(name, name.rsplit(".", 1)[-1]), False, (), False


def _split_args(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + ([cur] if cur.strip() else [])


def _wrap(ts: str) -> str:
    """Parenthesise a union before `[]`: `(string | null)[]`."""
    return f"({ts})" if "|" in ts and not ts.startswith("{") else ts


def _ts_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------- compatibility


MismatchKind = Literal["type", "optional", "nullable", "enum", "array"]


@dataclass(frozen=True)
class Mismatch:
    kind: MismatchKind
    message: str
    fix: str = ""  # the TS member as it should read, e.g. "email?: string | null"
    # A nil slice or map under policy `wire`: a policy question, not a contract break
    # (DESIGN §9): callers report it as a warning with the `non-nil` hint.
    policy: bool = False


#: Which way a Go type's JSON flows: Go encodes it (``send``: responses, events), decodes
#: it (``receive``: request bodies), or both (DESIGN §9, "the direction the data flows").
Direction = Literal["send", "receive", "both"]


def normalize_ts(ts: str) -> str:
    """A TS type in one spelling: no spaces, ``Array<T>`` → ``T[]``, ``readonly T[]`` → ``T[]``."""
    t = re.sub(r"\s+", " ", ts.strip())
    t = re.sub(r"^readonly\s+", "", t)
    while True:
        match = re.match(r"^(?:Readonly)?Array<(.+)>$", t)
        if not match:
            break
        t = f"{_wrap(match.group(1))}[]"
    t = re.sub(r"\s*([<>,;:|{}\[\]()])\s*", r"\1", t)
    t = re.sub(r";}", "}", t)
    return t


def compatible(
    go: GoFieldLike,
    ts: TsFieldLike,
    *,
    policy: Policy = "wire",
    enums: dict[str, list[str]] | None = None,
    known_types: set[str] | None = None,
    names: dict[str, str] | None = None,
    marshalers: dict[str, Marshaler] | None = None,
    evidence: list[str] | None = None,
    underlying: dict[str, str] | None = None,
    direction: Direction = "send",
) -> list[Mismatch]:
    """How a TS field fails to describe a Go field on the wire ([] when it does).

    ``go`` and ``ts`` are :class:`scaffold.model.GoField` / :class:`scaffold.model.TsField`
    (or anything with the same attributes). ``evidence``: enum members the Go side is known
    to allow from elsewhere (a ``CHECK (x IN …)`` on its column); ``oneof=`` in the field's
    ``validate`` tag and ``enums`` entries for its named type count too.

    ``direction``: what Go sends must be typed in TS to accept every JSON Go can write;
    what Go receives must accept everything the TS type allows (a request ``*T`` or
    ``omitempty`` field facing TS ``T`` or ``T?`` is fine; TS ``T?`` facing a Go value
    field that is ``required`` is not). A Go type the mapping cannot see through (a
    package's named type) is compatible with any TS type unless both sides list members.
    """
    if getattr(go, "json_skip", False):
        return []
    tag = getattr(go, "tag", "") or ""
    want = ts_for_go(
        go.type,
        omitempty=go.omitempty,
        json_string=go.json_string,
        policy=policy,
        enums=enums,
        known_types=known_types,
        names=names,
        marshalers=marshalers,
        omitzero="omitzero" in _json_options(tag),
        underlying=underlying,
    )
    name = ts.name
    literals = list(want.literals) or list(evidence or []) or _oneof(getattr(go, "validation", ""))
    if literals and not want.literals and want.type in ("string", "string[]"):
        want_lits = literals
        # the Go side allows only these: the TS field can say so
        union = " | ".join(_ts_string(v) for v in want_lits)
        union = f"({union})[]" if want.type.endswith("[]") else union
        fix = TsTypeRef(union, want.optional, want.nullable, tuple(want_lits)).declaration(name)
    else:
        want_lits = list(want.literals)
        fix = want.declaration(name)
    out: list[Mismatch] = []

    have = normalize_ts(ts.type)
    expected = normalize_ts(want.type)
    ts_literals = list(getattr(ts, "literals", []) or [])
    opaque = not want.known and not (want_lits and ts_literals)
    if not opaque and not _types_match(expected, have, want, ts_literals, want_lits):
        if want_lits and ts_literals:
            missing = [v for v in want_lits if v not in ts_literals]
            extra = [v for v in ts_literals if v not in want_lits]
            parts = []
            if missing:
                parts.append(f"missing {', '.join(_ts_string(v) for v in missing)}")
            if extra:
                parts.append(f"not in Go: {', '.join(_ts_string(v) for v in extra)}")
            out.append(
                Mismatch(
                    "enum",
                    f"{name}: TS union {' and '.join(parts)} (Go {go.type} allows "
                    f"{', '.join(_ts_string(v) for v in want_lits)})",
                    fix,
                )
            )
        elif expected.endswith("[]") != have.endswith("[]"):
            out.append(
                Mismatch(
                    "array",
                    f"{name}: Go {go.type} is {'an array' if expected.endswith('[]') else 'not an array'}"
                    f" on the wire ({want.type}) but TS says {ts.type}",
                    fix,
                )
            )
        else:
            out.append(
                Mismatch(
                    "type",
                    f"{name}: Go {go.type} is {want.type} on the wire, TS says {ts.type}",
                    fix,
                )
            )
    if direction in ("send", "both"):
        out.extend(_sent(go, ts, want, have, name, fix))
    if direction in ("receive", "both"):
        out.extend(m for m in _received(go, ts, name, fix) if m not in out)
    return out


def _sent(
    go: GoFieldLike, ts: TsFieldLike, want: TsTypeRef, have: str, name: str, fix: str
) -> list[Mismatch]:
    """Optional and null where Go writes the JSON: TS must accept all Go can write."""
    out: list[Mismatch] = []
    if want.optional != ts.optional:
        if want.optional:
            msg = f"{name}: Go omits it when empty (omitempty) but TS declares it required; add `?`"
        else:
            msg = f"{name}: Go always sends it but TS declares it optional; drop `?`"
        out.append(Mismatch("optional", msg, fix))
    if want.nullable != ts.nullable and want.type != "unknown" and have not in ("any", "unknown"):
        policy = False
        if want.nullable:
            nil_collection = _is_collection(go.type)
            why = "a nil slice or map" if nil_collection else "a nil pointer"
            msg = f"{name}: Go sends null for {why} ({go.type}) but TS does not allow null; add `| null`"
            policy = nil_collection
        else:
            msg = f"{name}: Go {go.type} is never null but TS allows null; drop `| null`"
        out.append(Mismatch("nullable", msg, fix, policy=policy))
    return out


def _received(go: GoFieldLike, ts: TsFieldLike, name: str, fix: str) -> list[Mismatch]:
    """Optional and null where Go decodes the JSON: Go must accept all TS may send.

    encoding/json leaves a field absent from the JSON, or null into a value field, at its
    zero value; only a ``required`` rule then rejects it."""
    rules = [r.strip() for r in (getattr(go, "validation", "") or "").split(",")]
    required = "required" in rules and not go.type.startswith(("*", "[]", "map["))
    out: list[Mismatch] = []
    if required and ts.optional:
        msg = (
            f"{name}: Go requires it (validate `required`) but TS lets the client omit it; drop `?`"
        )
        out.append(Mismatch("optional", msg, fix))
    if required and ts.nullable:
        msg = f"{name}: Go requires a value ({go.type}) but TS lets the client send null; drop `| null`"
        out.append(Mismatch("nullable", msg, fix))
    return out


_NUMBER_LITERAL = re.compile(r"^-?\d+(?:\.\d+)?(?:\|-?\d+(?:\.\d+)?)*$")
_BOOL_LITERAL = re.compile(r"^(?:true|false)(?:\|(?:true|false))*$")


def _types_match(
    expected: str, have: str, want: TsTypeRef, ts_literals: list[str], want_lits: list[str]
) -> bool:
    if expected == "unknown" or have in ("any", "unknown"):
        return True
    if expected == have:
        return True
    # TS narrows: a number or boolean literal type (`version: 1`) for a Go number or bool.
    if expected == "number" and _NUMBER_LITERAL.match(have):
        return True
    if expected == "boolean" and _BOOL_LITERAL.match(have):
        return True
    if ts_literals:
        if want_lits:
            return sorted(set(ts_literals)) == sorted(set(want_lits))
        return expected == "string"  # TS narrows a plain Go string
    if want_lits and have == "string":
        return True  # TS wider than the Go enum: reading still type-checks
    if expected.endswith("[]") and have.endswith("[]"):
        want_elem = normalize_ts(expected[:-2].strip("()"))
        have_elem = normalize_ts(have[:-2].strip("()"))
        if want_elem == have_elem:
            return True
        # `("a" | "b")[]` facing Go `[]string` (with `dive,oneof=…`): compare the elements.
        elem_lits = string_literals(have_elem)
        if elem_lits and want_elem == "string":
            return not want_lits or sorted(set(elem_lits)) == sorted(set(want_lits))
        return False
    return False


def string_literals(ts: str) -> list[str]:
    """The members of a union of string literals (``"a" | 'b'``), else []."""
    parts = [p.strip() for p in ts.strip().strip("()").split("|") if p.strip()]
    if not parts or not all(len(p) >= 2 and p[0] == p[-1] and p[0] in "\"'" for p in parts):
        return []
    return [p[1:-1] for p in parts]


def _is_collection(go_type: str) -> bool:
    return _parse_go(go_type).kind in ("slice", "map")


def _json_options(tag: str) -> list[str]:
    match = re.search(r'json:"([^"]*)"', tag)
    return match.group(1).split(",")[1:] if match else []


def _oneof(validation: str) -> list[str]:
    """The members of a go-playground ``oneof=`` rule: ``oneof=a b 'c d'``."""
    match = re.search(r"(?:^|,)oneof=([^,]*)", validation or "")
    if not match:
        return []
    return [quoted or bare for quoted, bare in re.findall(r"'([^']*)'|(\S+)", match.group(1))]


#: Public name of the one ``oneof=`` parser (generate and check use it).
oneof_members = _oneof


class GoFieldLike(Protocol):
    """What :func:`compatible` reads of a Go field (:class:`scaffold.model.GoField`)."""

    name: str
    type: str
    omitempty: bool
    json_string: bool
    json_skip: bool
    tag: str
    validation: str


class TsFieldLike(Protocol):
    """What :func:`compatible` reads of a TS field (:class:`scaffold.model.TsField`)."""

    name: str
    type: str
    optional: bool
    nullable: bool
    literals: list[str]


# --------------------------------------------------------------------------- Go packages

CHI_MODULE = "github.com/go-chi/chi/v5"
UUID_MODULE = "github.com/google/uuid"

# Qualifier → (module, package inside it) for packages of well-known modules whose name is
# not the module's last element; used only when the target's go.mod requires the module.
GO_MODULE_PACKAGES: dict[str, tuple[str, str]] = {
    "pgx": ("github.com/jackc/pgx/v5", ""),
    "pgconn": ("github.com/jackc/pgx/v5", "pgconn"),
    "pgxpool": ("github.com/jackc/pgx/v5", "pgxpool"),
    "pgtype": ("github.com/jackc/pgx/v5", "pgtype"),
    "chi": (CHI_MODULE, ""),
    "middleware": (CHI_MODULE, "middleware"),
    "uuid": (UUID_MODULE, ""),
    "validator": ("github.com/go-playground/validator/v10", ""),
    "mux": ("github.com/gorilla/mux", ""),
    "zap": ("go.uber.org/zap", ""),
    "sqlx": ("github.com/jmoiron/sqlx", ""),
    "pq": ("github.com/lib/pq", ""),
}

# Qualifier → import path for types a spec writes as pkg.Type.
GO_PACKAGES: dict[str, str] = {
    "context": "context",
    "time": "time",
    "json": "encoding/json",
    "sql": "database/sql",
    "http": "net/http",
    "url": "net/url",
    "netip": "net/netip",
    "net": "net",
    "big": "math/big",
    "uuid": UUID_MODULE,
    "chi": CHI_MODULE,
    "io": "io",
    "fs": "io/fs",
    "bytes": "bytes",
    "strings": "strings",
    "errors": "errors",
    "fmt": "fmt",
    "os": "os",
    "slog": "log/slog",
}
