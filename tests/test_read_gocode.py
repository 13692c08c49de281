"""Go code reader: struct fields and tags, enums, interfaces, signatures, errors, positions."""

from __future__ import annotations

import pytest

from scaffold.model import GoField, GoParam, Pos
from scaffold.read.gocode import parse_go, parse_struct_tag

FILE = "docs/specs/invites.md"


def one_field(line: str) -> GoField:
    go = parse_go(f"type T struct {{\n\t{line}\n}}\n", FILE)
    assert go.problems == []
    assert len(go.structs) == 1 and len(go.structs[0].fields) == 1
    return go.structs[0].fields[0]


def params(ps: list[GoParam]) -> list[tuple[str, str]]:
    return [(p.name, p.type) for p in ps]


# --------------------------------------------------------------------------- fields and tags

FIELD_CASES = [
    (
        'Email string `json:"email" validate:"required,email"`',
        dict(
            name="Email",
            type="string",
            tag='json:"email" validate:"required,email"',
            json_name="email",
            validation="required,email",
        ),
    ),
    ('ID uuid.UUID `json:"id" db:"id"`', dict(type="uuid.UUID", json_name="id", db="id")),
    ('Note *string `json:"note,omitempty"`', dict(type="*string", omitempty=True)),
    ('Count int64 `json:"count,string"`', dict(json_name="count", json_string=True)),
    (
        'Both int64 `json:"both,omitempty,string"`',
        dict(json_name="both", omitempty=True, json_string=True),
    ),
    ('At time.Time `json:"at,omitzero"`', dict(omitempty=True)),
    ('Secret string `json:"-"`', dict(json_skip=True, json_name=None)),
    ('Dash string `json:"-,"`', dict(json_skip=False, json_name="-")),
    ('Name string `json:",omitempty"`', dict(json_name="Name", omitempty=True)),
    ("Plain string", dict(tag="", json_name=None, db=None, query=None, validation="")),
    ('Q string `query:"q"`', dict(query="q", json_name=None)),
    ('F string `form:"f,omitempty"`', dict(query="f")),
    ('D string `db:"d_col,omitempty"`', dict(db="d_col")),
    ('B string `binding:"required,max=10"`', dict(validation="required,max=10")),
    ('V string `validate:"oneof=a b" binding:"x"`', dict(validation="oneof=a b")),
    ('Odd string `json:"odd" x:"a\\"b"`', dict(json_name="odd")),
    ('I int "json:\\"i\\""', dict(tag='json:"i"', json_name="i")),
    ('Tags []string `json:"tags"`', dict(type="[]string")),
    ("Ptrs []*Invite", dict(type="[]*Invite")),
    ("M map[string]any", dict(type="map[string]any")),
    ("Raw json.RawMessage", dict(type="json.RawMessage")),
    ("Fn func(ctx context.Context) error", dict(type="func(ctx context.Context) error")),
    ("Ch <-chan int", dict(type="<-chan int")),
    ("Arr [4]byte", dict(type="[4]byte")),
    ("G Page[Invite]", dict(type="Page[Invite]")),
    ("Nested struct {\n\t\tA int\n\t}", dict(type="struct { A int }")),
    ("T time.Time // when it was made", dict(comment="when it was made")),
    ('N int `json:"n"` // trailing', dict(json_name="n", comment="trailing")),
    ("X int /* block */", dict(comment="block")),
    ('NullName sql.NullString `json:"name"`', dict(type="sql.NullString")),
]


@pytest.mark.parametrize("line,expected", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_field(line: str, expected: dict) -> None:
    f = one_field(line)
    assert not f.embedded
    for key, value in expected.items():
        assert getattr(f, key) == value, key


EMBEDDED_CASES = [
    ("*Base", "*Base", ""),
    ("Base", "Base", ""),
    ("pkg.Base", "pkg.Base", ""),
    ("*pkg.Base", "*pkg.Base", ""),
    ('Base `json:"base"`', "Base", "base"),
    ("List[int]", "List[int]", ""),
]


@pytest.mark.parametrize("line,type_,json_name", EMBEDDED_CASES)
def test_embedded_field(line: str, type_: str, json_name: str) -> None:
    f = one_field(line)
    assert f.embedded and f.name == "" and f.type == type_
    assert f.json_name == (json_name or None)
    assert f.pos == Pos(file=FILE, line=2, column=2)


def test_several_names_on_one_line_are_several_fields() -> None:
    go = parse_go('type T struct {\n\tA, B string `json:"x"` // both\n\tC int\n}\n', FILE)
    fields = go.structs[0].fields
    assert [(f.name, f.type, f.json_name, f.comment) for f in fields] == [
        ("A", "string", "x", "both"),
        ("B", "string", "x", "both"),
        ("C", "int", None, ""),
    ]
    assert [f.pos.column for f in fields] == [2, 5, 2]


def test_leading_comment_is_the_field_comment_unless_trailing_one() -> None:
    src = "type T struct {\n\t// The address.\n\t// Lowercased.\n\tEmail string\n\n\t// lead\n\tN int // trail\n\n\t// far away\n\n\tZ int\n}\n"
    fields = parse_go(src, FILE).structs[0].fields
    assert [(f.name, f.comment) for f in fields] == [
        ("Email", "The address.\nLowercased."),
        ("N", "trail"),
        ("Z", ""),
    ]


@pytest.mark.parametrize(
    "tag,expected",
    [
        ('json:"id,omitempty" db:"id"', {"json": "id,omitempty", "db": "id"}),
        ('json:"a"  validate:"required"', {"json": "a", "validate": "required"}),
        ('x:"q\\"z"', {"x": 'q"z'}),
        ('json:"a" json:"b"', {"json": "a"}),
        ("", {}),
        ("not a tag", {}),
    ],
)
def test_parse_struct_tag(tag: str, expected: dict) -> None:
    assert parse_struct_tag(tag) == expected


# --------------------------------------------------------------------------- structs


@pytest.mark.parametrize(
    "src,name,type_params",
    [
        ('type Page[T any] struct {\n\tItems []T `json:"items"`\n}\n', "Page", "[T any]"),
        ("type M[K comparable, V any] struct{ m map[K]V }\n", "M", "[K comparable, V any]"),
        ("type Invite struct{}\n", "Invite", ""),
    ],
)
def test_struct_type_params(src: str, name: str, type_params: str) -> None:
    s = parse_go(src, FILE).structs[0]
    assert (s.name, s.type_params) == (name, type_params)


@pytest.mark.parametrize(
    "src,doc",
    [
        (
            "// Invite is an invite.\n// Second line.\ntype Invite struct{}\n",
            "Invite is an invite.\nSecond line.",
        ),
        ("// Detached.\n\ntype Invite struct{}\n", ""),
        ("/* Block doc.\n * More. */\ntype Invite struct{}\n", "Block doc.\nMore."),
        ("type X int // trailing of X\ntype Invite struct{}\n", ""),
        ("type Invite struct{}\n", ""),
    ],
)
def test_struct_doc(src: str, doc: str) -> None:
    assert parse_go(src, FILE).structs[0].doc == doc


def test_grouped_type_declaration() -> None:
    src = (
        "type (\n\t// A is a.\n\tA struct{ X int }\n\tB int\n\t// C doc\n\tC interface{ M() }\n)\n"
    )
    go = parse_go(src, FILE)
    assert [(s.name, s.doc, s.pos.line) for s in go.structs] == [("A", "A is a.", 3)]
    assert [(t.name, t.underlying) for t in go.named_types] == [("B", "int")]
    assert [(i.name, i.doc) for i in go.interfaces] == [("C", "C doc")]


def test_template_response_struct() -> None:
    src = (
        "type InviteResponse struct {\n"
        '    ID          uuid.UUID `json:"id"`\n'
        '    Email       string    `json:"email"`\n'
        '    ExpiresAt   time.Time `json:"expires_at"`\n'
        "}"  # no final newline, as a fence body may end
    )
    go = parse_go(src, FILE, line=40)
    assert go.problems == []
    s = go.structs[0]
    assert s.pos == Pos(file=FILE, line=40, column=6)
    assert [(f.name, f.type, f.json_name, f.pos.line) for f in s.fields] == [
        ("ID", "uuid.UUID", "id", 41),
        ("Email", "string", "email", 42),
        ("ExpiresAt", "time.Time", "expires_at", 43),
    ]


# --------------------------------------------------------------------------- enums and named types

ENUM_CASES = [
    (
        'type InviteStatus string\n\nconst (\n\tInvitePending InviteStatus = "pending"\n'
        '\tInviteAccepted InviteStatus = "accepted"\n)\n',
        "InviteStatus",
        "string",
        ["pending", "accepted"],
        ["InvitePending", "InviteAccepted"],
    ),
    (
        "type Role int\n\nconst (\n\tRoleAdmin Role = iota\n\tRoleMember\n\tRoleGuest\n)\n",
        "Role",
        "int",
        ["0", "1", "2"],
        ["RoleAdmin", "RoleMember", "RoleGuest"],
    ),
    (
        "type Level uint8\nconst (\n\t_ Level = iota\n\tLow\n\tHigh\n)\n",
        "Level",
        "uint8",
        ["1", "2"],
        ["Low", "High"],
    ),
    (
        "type P int\nconst (\n\tP1 P = iota + 1\n\tP2\n)\n",
        "P",
        "int",
        ["1", "2"],
        ["P1", "P2"],
    ),
    (
        "type Flag uint\nconst (\n\tFA Flag = 1 << iota\n\tFB\n\tFC\n)\n",
        "Flag",
        "uint",
        ["1", "2", "4"],
        ["FA", "FB", "FC"],
    ),
    (
        "type K int\nconst (\n\tKA K = -(iota * 2)\n\tKB\n)\n",
        "K",
        "int",
        ["0", "-2"],
        ["KA", "KB"],
    ),
    (
        'const (\n\tSA = S("a")\n\tSB = S(`b`)\n)\ntype S string\n',
        "S",
        "string",
        ["a", "b"],
        ["SA", "SB"],
    ),
    (
        'type S string\nconst One S = "one"\nconst (\n\tTwo S = "two"\n\tUntyped = "x"\n)\n',
        "S",
        "string",
        ["one", "two"],
        ["One", "Two"],
    ),
    (
        'type S string\nconst (\n\tA, B S = "a", "b"\n)\n',
        "S",
        "string",
        ["a", "b"],
        ["A", "B"],
    ),
    (
        'type E string\nconst Esc E = "tab\\there"\n',
        "E",
        "string",
        ["tab\there"],
        ["Esc"],
    ),
    (
        "type Oct int\nconst (\n\tO Oct = 010\n\tH Oct = 0x10\n\tB Oct = 1_000\n)\n",
        "Oct",
        "int",
        ["8", "16", "1000"],
        ["O", "H", "B"],
    ),
    (
        "type W int\nconst (\n\tWA W = len(x)\n)\n",
        "W",
        "int",
        ["len(x)"],
        ["WA"],
    ),
]


@pytest.mark.parametrize("src,name,underlying,values,consts", ENUM_CASES)
def test_enum(src: str, name: str, underlying: str, values: list, consts: list) -> None:
    go = parse_go(src, FILE)
    assert go.problems == []
    assert [e.name for e in go.enums] == [name]
    e = go.enums[0]
    assert (e.underlying, e.values, e.consts) == (underlying, values, consts)
    assert go.named_types == []


def test_enum_position_is_its_type() -> None:
    src = 'const X S = "x"\n\ntype S string\n'
    assert parse_go(src, FILE, line=7).enums[0].pos == Pos(file=FILE, line=9, column=6)


NAMED_CASES = [
    ("type InviteID uuid.UUID\n", "InviteID", "uuid.UUID"),
    ("type IDs []InviteID\n", "IDs", "[]InviteID"),
    ("type M map[string]int\n", "M", "map[string]int"),
    ("type Alias = time.Time\n", "Alias", "time.Time"),
    (
        "type H func(w http.ResponseWriter,\n\tr *http.Request)\n",
        "H",
        "func(w http.ResponseWriter, r *http.Request)",
    ),
    ("type Status string\n", "Status", "string"),
    ("type Set[T comparable] map[T]struct{}\n", "Set", "map[T]struct{}"),
    ("type P *Invite\n", "P", "*Invite"),
]


@pytest.mark.parametrize("src,name,underlying", NAMED_CASES)
def test_named_type(src: str, name: str, underlying: str) -> None:
    go = parse_go(src, FILE)
    assert go.problems == [] and go.enums == [] and go.structs == []
    assert [(t.name, t.underlying) for t in go.named_types] == [(name, underlying)]


# --------------------------------------------------------------------------- interfaces

INTERFACE_SRC = """// InviteStore — persistence for invites, injected for tests.
type InviteStore interface {
\t// Create stores a new invite.
\tCreate(ctx context.Context, invite *Invite) error
\tGetByToken(ctx context.Context, token uuid.UUID) (*Invite, error)
\tList(context.Context, ListOpts) ([]Invite, string, error) // page + cursor
\tDelete(ctx context.Context, ids ...uuid.UUID) (n int, err error)
\tPing()
\tio.Closer
\tfmt.Stringer

\tCount(a, b int) int
}
"""


def test_interface() -> None:
    go = parse_go(INTERFACE_SRC, FILE, line=100)
    assert go.problems == []
    (iface,) = go.interfaces
    assert iface.name == "InviteStore"
    assert iface.doc == "InviteStore — persistence for invites, injected for tests."
    assert iface.pos == Pos(file=FILE, line=101, column=6)
    got = [(m.name, params(m.params), params(m.results), m.doc, m.pos.line) for m in iface.methods]
    assert got == [
        (
            "Create",
            [("ctx", "context.Context"), ("invite", "*Invite")],
            [("", "error")],
            "Create stores a new invite.",
            103,
        ),
        (
            "GetByToken",
            [("ctx", "context.Context"), ("token", "uuid.UUID")],
            [("", "*Invite"), ("", "error")],
            "",
            104,
        ),
        (
            "List",
            [("", "context.Context"), ("", "ListOpts")],
            [("", "[]Invite"), ("", "string"), ("", "error")],
            "page + cursor",
            105,
        ),
        (
            "Delete",
            [("ctx", "context.Context"), ("ids", "...uuid.UUID")],
            [("n", "int"), ("err", "error")],
            "",
            106,
        ),
        ("Ping", [], [], "", 107),
        ("Count", [("a", "int"), ("b", "int")], [("", "int")], "", 111),
    ]
    create = iface.methods[0]
    assert [p.pos for p in create.params] == [
        Pos(file=FILE, line=103, column=9),
        Pos(file=FILE, line=103, column=30),
    ]


def test_constraint_interface_has_no_methods() -> None:
    go = parse_go("type Number interface {\n\t~int | ~float64\n}\n", FILE)
    assert go.problems == []
    assert [(i.name, i.methods) for i in go.interfaces] == [("Number", [])]


# --------------------------------------------------------------------------- funcs

FUNC_CASES = [
    (
        "func (s *InviteService) Create(ctx context.Context, req CreateInviteRequest) (*Invite, error)\n",
        "Create",
        "*InviteService",
        [("ctx", "context.Context"), ("req", "CreateInviteRequest")],
        [("", "*Invite"), ("", "error")],
    ),
    (
        "func (h InviteHandler) List(w http.ResponseWriter, r *http.Request) {\n\tw.WriteHeader(200)\n}\n",
        "List",
        "InviteHandler",
        [("w", "http.ResponseWriter"), ("r", "*http.Request")],
        [],
    ),
    ("func (*S) M() error\n", "M", "*S", [], [("", "error")]),
    ("func (l *List[T]) Len() int\n", "Len", "*List[T]", [], [("", "int")]),
    (
        "func Map[T, U any](xs []T, f func(T) U) []U { return nil }\n",
        "Map",
        "",
        [("xs", "[]T"), ("f", "func(T) U")],
        [("", "[]U")],
    ),
    (
        "func NewInviteService(store InviteStore, opts ...Option) *InviteService\n",
        "NewInviteService",
        "",
        [("store", "InviteStore"), ("opts", "...Option")],
        [("", "*InviteService")],
    ),
    ("func main() {}\n", "main", "", [], []),
]


@pytest.mark.parametrize("src,name,receiver,ps,rs", FUNC_CASES)
def test_func(src: str, name: str, receiver: str, ps: list, rs: list) -> None:
    go = parse_go(src, FILE, line=3)
    assert go.problems == []
    (fn,) = go.funcs
    assert (fn.name, fn.receiver, params(fn.params), params(fn.results)) == (
        name,
        receiver,
        ps,
        rs,
    )
    assert fn.pos == Pos(file=FILE, line=3, column=1)


def test_funcs_false_skips_functions_only() -> None:
    src = "type A struct{ X int }\nfunc F() {}\nfunc (a A) M() {}\n"
    go = parse_go(src, FILE, funcs=False)
    assert go.funcs == [] and [s.name for s in go.structs] == ["A"]
    assert [f.name for f in parse_go(src, FILE).funcs] == ["F", "M"]


def test_function_bodies_declare_nothing() -> None:
    src = "func F() {\n\ttype local struct{ X int }\n\tconst c local = 1\n}\n"
    go = parse_go(src, FILE)
    assert go.structs == [] and go.enums == [] and [f.name for f in go.funcs] == ["F"]


# --------------------------------------------------------------------------- package and imports


@pytest.mark.parametrize(
    "src,package,imports",
    [
        ("package invites\n", "invites", {}),
        ('package p\nimport "context"\n', "p", {"context": "context"}),
        (
            'package p\n\nimport (\n\t"net/http"\n\tchi "github.com/go-chi/chi/v5"\n'
            '\t_ "embed"\n\t. "strings"\n\t"gopkg.in/yaml.v3"\n\t"github.com/go-chi/chi/v5/middleware"\n'
            '\t"github.com/mattn/go-sqlite3"\n)\n',
            "p",
            {
                "http": "net/http",
                "chi": "github.com/go-chi/chi/v5",
                ".": "strings",
                "yaml": "gopkg.in/yaml.v3",
                "middleware": "github.com/go-chi/chi/v5/middleware",
                "sqlite3": "github.com/mattn/go-sqlite3",
            },
        ),
        ('import "github.com/google/uuid"\n', "", {"uuid": "github.com/google/uuid"}),
        ("type A struct{}\n", "", {}),
    ],
)
def test_package_and_imports(src: str, package: str, imports: dict) -> None:
    go = parse_go(src, FILE)
    assert go.problems == []
    assert (go.package, go.imports) == (package, imports)


# --------------------------------------------------------------------------- positions


@pytest.mark.parametrize(
    "line,column,struct_pos,field_pos",
    [
        (1, 1, (1, 6), (2, 2)),
        (57, 1, (57, 6), (58, 2)),
        (10, 5, (10, 10), (11, 6)),  # an indented block: every line shifted right
    ],
)
def test_positions_follow_the_snippet_start(
    line: int, column: int, struct_pos: tuple, field_pos: tuple
) -> None:
    go = parse_go("type A struct {\n\tX int\n}\n", FILE, line=line, column=column)
    s = go.structs[0]
    assert (s.pos.file, s.pos.line, s.pos.column) == (FILE, *struct_pos)
    assert (s.fields[0].pos.line, s.fields[0].pos.column) == field_pos


def test_columns_count_characters_not_bytes() -> None:
    src = "type A struct {\n\t/* é */ Név int\n}\n"
    f = parse_go(src, FILE).structs[0].fields[0]
    assert (f.name, f.pos.line, f.pos.column) == ("Név", 2, 10)


def test_bytes_and_crlf_input() -> None:
    go = parse_go(b'type A struct {\r\n\tX int `json:"x"`\r\n}\r\n', FILE, line=4)
    assert go.problems == []
    f = go.structs[0].fields[0]
    assert (f.name, f.json_name, f.pos.line, f.pos.column) == ("X", "x", 5, 2)


# --------------------------------------------------------------------------- syntax errors

ERROR_CASES = [
    ("type A struct {\n\tX int\n\tY ...\n}\n", 10, 12, 4, "unexpected `.` near `Y ...`"),
    ("type A struct {\n\tX map[string]\n}\n", 10, 11, 15, "missing a type near `X map[string]`"),
    (
        "type I interface {\n\tGet(id string) (*X, error\n}\n",
        1,
        2,
        27,
        "missing `)` near `Get(id string) (*X, error`",
    ),
    ("type A struct {\n\tX int\n}\n...\n", 20, 23, 1, "unexpected `...` near `...`"),
    ("type A struct {\n\tX int\n", 5, 5, 1, "unexpected `type` near `type A struct {`"),
]


@pytest.mark.parametrize("src,start,line,column,detail", ERROR_CASES)
def test_syntax_error_is_one_positioned_problem(
    src: str, start: int, line: int, column: int, detail: str
) -> None:
    go = parse_go(src, FILE, line=start)
    assert len(go.problems) == 1
    p = go.problems[0]
    assert (p.rule, p.severity) == ("SPEC020", "error")
    assert p.pos == Pos(file=FILE, line=line, column=column)
    assert p.message == f"Go code does not parse: {detail}; fix the syntax"


def test_what_parsed_is_kept_after_an_error() -> None:
    src = 'type A struct {\n\tX int `json:"x"`\n}\n\ntype B struct {\n\tY ...\n}\n\ntype C int\n'
    go = parse_go(src, FILE)
    assert [p.rule for p in go.problems] == ["SPEC020"]
    assert go.structs[0].name == "A" and go.structs[0].fields[0].json_name == "x"
    assert "B" in [s.name for s in go.structs]
    assert [t.name for t in go.named_types] == ["C"]


@pytest.mark.parametrize("src", ["", "\n\n", "// only a comment\n", "}}}}", "type", "\x00\xff"])
def test_odd_input_never_raises(src: str) -> None:
    go = parse_go(src, FILE)
    assert go.structs == [] and go.funcs == []


POSITIONS_SRC = """package invites

// Status of an invite.
type Status string

const (
\tPending Status = "pending"
)

type InviteID uuid.UUID

type Store interface {
\tGet(ctx context.Context, id InviteID) (*Invite, error)
}

type Invite struct {
\tID InviteID `json:"id"`
}

func (s *Service) Get(ctx context.Context) error
"""


def test_every_element_has_its_real_position() -> None:
    go = parse_go(POSITIONS_SRC, FILE, line=50, column=3)
    at = lambda p: (p.file, p.line, p.column)  # noqa: E731
    assert at(go.enums[0].pos) == (FILE, 53, 8)
    assert at(go.named_types[0].pos) == (FILE, 59, 8)
    iface = go.interfaces[0]
    assert at(iface.pos) == (FILE, 61, 8)
    method = iface.methods[0]
    assert at(method.pos) == (FILE, 62, 4)
    assert [at(p.pos) for p in method.params] == [(FILE, 62, 8), (FILE, 62, 29)]
    assert [at(p.pos) for p in method.results] == [(FILE, 62, 43), (FILE, 62, 52)]
    assert at(go.structs[0].pos) == (FILE, 65, 8)
    assert at(go.structs[0].fields[0].pos) == (FILE, 66, 4)
    fn = go.funcs[0]
    assert at(fn.pos) == (FILE, 69, 3)
    assert [at(p.pos) for p in fn.params] == [(FILE, 69, 25)]
    assert [at(p.pos) for p in fn.results] == [(FILE, 69, 46)]


def test_template_placeholder_comments_are_harmless() -> None:
    src = "// [InterfaceName] — [purpose, used for dependency injection/testing]\ntype InviteStore interface {\n\t// ...\n}\n\ntype Invite struct {\n\tID uuid.UUID\n\t// ...\n}\n"
    go = parse_go(src, FILE)
    assert go.problems == []
    assert go.interfaces[0].methods == []
    assert (
        go.interfaces[0].doc == "[InterfaceName] — [purpose, used for dependency injection/testing]"
    )
    assert [(f.name, f.comment) for f in go.structs[0].fields] == [("ID", "")]


@pytest.mark.parametrize(
    "literal,value",
    [
        ('"plain"', "plain"),
        ("`raw\\n`", "raw\\n"),
        ('"tab\\there"', "tab\there"),
        ('"q\\"uote"', 'q"uote'),
        ('"été"', "été"),
        ('"été\\n"', "été\n"),
        ('"\\xc3\\xa9"', "é"),
        ('"\\u00e9"', "é"),
    ],
)
def test_enum_string_values(literal: str, value: str) -> None:
    go = parse_go(f"type S string\nconst X S = {literal}\n", FILE)
    assert go.enums[0].values == [value]


# --------------------------------------------------------------------------- shared plumbing


def test_parsers_are_cached_per_thread_and_grammar() -> None:
    import threading

    from scaffold.read.treesitter import get_parser

    assert get_parser("go") is get_parser("go")
    assert get_parser("go") is not get_parser("typescript")
    assert get_parser("tsx") is not get_parser("typescript")
    other: list = []
    t = threading.Thread(target=lambda: other.append(get_parser("go")))
    t.start()
    t.join()
    assert other[0] is not get_parser("go")


def test_importing_the_readers_loads_no_grammar() -> None:
    import subprocess
    import sys

    code = (
        "import sys, scaffold.read.gocode, scaffold.read.tscode; "
        "print(sorted(m for m in sys.modules if m.startswith('tree_sitter')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_gc_state_is_restored() -> None:
    import gc

    assert gc.isenabled()
    parse_go("type A struct{ X int }\n", FILE)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_go("type A struct{ X int }\n", FILE)
        assert not gc.isenabled()
    finally:
        gc.enable()
