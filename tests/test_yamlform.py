"""The YAML form: reading, writing, round trips, positions, errors, JSON, schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold import model
from scaffold.model import (
    Assumption,
    Auth,
    ChecklistItem,
    Column,
    Component,
    Decision,
    Dependency,
    Endpoint,
    ErrorResponse,
    Event,
    FeatureFlag,
    FileEntry,
    HandlerRef,
    Hook,
    Index,
    Meta,
    Migration,
    OpenQuestion,
    QueryParam,
    Relationship,
    Requirement,
    Risk,
    Row,
    Spec,
    Table,
    TableChange,
    Task,
    TaskFile,
    TaxonomyError,
)
from scaffold.read.gocode import parse_go
from scaffold.read.tscode import parse_ts
from scaffold.read.yamlform import RULES, json_schema, read_yaml
from scaffold.writers.yaml import to_yaml
from scaffold.sqlkit.goose import split_goose

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
TWIN = EXAMPLE.with_suffix(".yaml")
MARKDOWN_SPECS = sorted(
    [EXAMPLE]
    + list((ROOT / "tests" / "fixtures" / "markdown").glob("*.md"))
    + list((ROOT / "tests" / "fixtures" / "specs").rglob("tech-specs/*.md"))
    + list((ROOT / "tests" / "cases").glob("*/*.md"))
)

GO = """// CreateInviteRequest is the body of POST /invites.
type CreateInviteRequest struct {
	Email string `json:"email" validate:"required,email"` // the invitee
	Role  string `json:"role,omitempty" validate:"omitempty,oneof=admin member"`
}

type InviteResponse struct {
	ID        uuid.UUID    `json:"id"`
	Email     string       `json:"email"`
	Status    InviteStatus `json:"status"`
	ExpiresAt time.Time    `json:"expires_at"`
	RevokedAt *time.Time   `json:"revoked_at,omitempty"`
}

type ListInvitesRequest struct {
	Cursor string `query:"cursor"`
	Limit  int    `query:"limit" validate:"required"` // page size
}

type ListInvitesResponse struct {
	Invites    []InviteResponse `json:"invites"`
	NextCursor *string          `json:"next_cursor"`
}

type InviteStatus string

const (
	InviteStatusPending  InviteStatus = "pending"
	InviteStatusAccepted InviteStatus = "accepted"
)

// InviteStore persists invites.
type InviteStore interface {
	// Create stores a new invite.
	Create(ctx context.Context, invite *Invite) error
	List(ctx context.Context, workspaceID uuid.UUID) ([]Invite, error)
}

func (s *InviteService) Create(ctx context.Context, req CreateInviteRequest) (*Invite, error)
"""

TS = """interface CreateInviteRequest {
  email: string;
  role?: "admin" | "member";
}

interface InviteResponse {
  id: string;
  status: "pending" | "accepted";
  revoked_at?: string | null;
}

// src/types/invites.ts
export type InviteStatus = "pending" | "accepted";
"""

SQL = """-- +goose Up
CREATE TABLE invites (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email TEXT NOT NULL
);

CREATE INDEX idx_invites_email ON invites(email);

-- +goose Down
DROP TABLE IF EXISTS invites;
"""

POST = "/api/v1/workspaces/{workspace_id}/invites"


def hand_built_spec() -> Spec:
    """A spec touching every part of the model, consistent enough to survive markdown too."""
    g = parse_go(GO, "x.md")
    t = parse_ts(TS, "x.md")
    sql = split_goose(SQL, "x.md")
    return Spec(
        meta=Meta(
            title="Workspace Invites",
            type="PRD-driven",
            prd="prds/invites.md",
            author="Dana",
            date="2026-11-24",
            status="Approved",
        ),
        summary="Admins invite teammates by email.\n\nInvites expire after 72 hours.",
        requirements=[
            Requirement(id="US-001", summary="Invite by email", tasks=["T-001", "T-002"]),
            Requirement(id="US-002", summary="Accept an invite", tasks=["T-002"]),
        ],
        system_context="API service and PostgreSQL.",
        decisions=[
            Decision(decision="PostgreSQL, not Redis", alternatives="Redis", rationale="history")
        ],
        new_patterns="No new patterns — follows existing conventions.",
        dependencies=[
            Dependency(name="github.com/google/uuid", kind="go", version=">= 1.6", notes="tokens")
        ],
        tables=[
            Table(
                name="invites",
                columns=[
                    Column(
                        name="id",
                        type="UUID",
                        constraints="PK, DEFAULT gen_random_uuid()",
                        nullable=False,
                        primary_key=True,
                        default="gen_random_uuid()",
                    ),
                    Column(name="email", type="TEXT", constraints="NOT NULL", nullable=False),
                    Column(name="note", type="TEXT", notes="free text"),
                ],
                indexes=[
                    Index(name="idx_invites_email", columns=["email"], note="lookup"),
                    Index(name="idx_invites_token", columns=["token"], unique=True, note="unique"),
                ],
                relationships=[
                    Relationship(
                        from_table="invites",
                        from_column="workspace_id",
                        to_table="workspaces",
                        to_column="id",
                        on_delete="CASCADE",
                        kind="FK",
                    )
                ],
            )
        ],
        modified_tables=[
            TableChange(table="users", change="Add column invited_by UUID", notes="nullable")
        ],
        migrations=[
            Migration(
                path="migrations/20261124120000_create_invites.sql",
                version="20261124120000",
                description="create_invites",
                up=sql.up,
                down=sql.down,
                has_up=True,
                has_down=True,
                backward_compatible=True,
                order_notes="safe",
                text=SQL,
            )
        ],
        endpoints=[
            Endpoint(
                method="POST",
                path=POST,
                path_params=["workspace_id"],
                description="Create an invite.",
                handler=HandlerRef(
                    package="handlers", function="CreateInvite", file="internal/handlers/invites.go"
                ),
                auth=Auth(text="workspace admin", required=True, role="workspace admin"),
                request="CreateInviteRequest",
                response="InviteResponse",
                ts_request="CreateInviteRequest",
                ts_response="InviteResponse",
                success_status=201,
                success_status_explicit=True,
                errors=[
                    ErrorResponse(status=400, condition="bad email", body='{"error": "bad"}'),
                    ErrorResponse(
                        status=409,
                        condition="exists (ErrInviteExists)",
                        body='{"error": "Already invited"}',
                        error="ErrInviteExists",
                    ),
                ],
                calls=["InviteStore.Create"],
            ),
            Endpoint(
                method="GET",
                path=POST,
                path_params=["workspace_id"],
                description="List invites, one cursor page at a time.",
                handler=HandlerRef(
                    package="handlers", receiver="InviteHandler", function="List", file="h.go"
                ),
                auth=Auth(text="none", required=False),
                request="ListInvitesRequest",
                response="ListInvitesResponse",
                query=[
                    QueryParam(name="cursor", description="opaque"),
                    QueryParam(name="limit", type="int", required=True, description="page size"),
                ],
                cursor_pagination=True,
            ),
            Endpoint(
                method="DELETE",
                path=POST + "/{invite_id}",
                path_params=["workspace_id", "invite_id"],
                description="Revoke.",
                success_status=204,
            ),
        ],
        wire=model.Wire(error_body='{"error": "bad"}'),  # as its error tables show it
        events=[
            Event(
                name="invite.created",
                channel="workspace:{id}",
                payload='{\n  "invite_id": "string"\n}',
                payload_fields={"invite_id": "string"},
                delivery="at-least-once",
                trigger="create",
            )
        ],
        go_structs=g.structs,
        go_interfaces=g.interfaces,
        go_enums=g.enums,
        go_types=g.named_types,
        go_funcs=g.funcs,
        ts_types=t.types,
        files=[
            FileEntry(path="internal/invites/store.go", package="invites", exports="InviteStore"),
            FileEntry(path="cmd/api/router.go", action="modify", description="register routes"),
            FileEntry(path="src/components/invites/InviteDialog.tsx", side="frontend"),
            FileEntry(path="src/App.tsx", side="frontend", action="modify", description="route"),
        ],
        components=[
            Component(
                path="src/components/invites/InviteDialog.tsx",
                name="InviteDialog",
                kind="Feature",
                shadcn=["Button", "Dialog"],
                props="InviteDialogProps",
            )
        ],
        shadcn_install=["dialog", "button"],
        hooks=[Hook(name="useInvites", path="src/hooks/useInvites.ts", description="list")],
        errors=[
            TaxonomyError(
                go_name="ErrInviteExists",
                status=409,
                ts_name="InviteConflictError",
                message="Already invited",
                log_level="warn",
            )
        ],
        tasks=[
            Task(
                id="T-001",
                title="Migration",
                implements=["US-001"],
                description="Create the table.",
                phase="Phase 1: Data Model",
                files=[TaskFile(action="create", path="migrations/x.sql")],
                done="goose status shows it applied",
                done_commands=["goose status"],
            ),
            Task(
                id="T-002",
                title="API",
                implements=["US-001", "US-002"],
                phase="Phase 2: Backend Logic & API",
                dependencies=["T-001"],
                checked=True,
                files=[
                    TaskFile(action="create", path="a.go"),
                    TaskFile(action="modify", path="router.go", note="register"),
                ],
                done="go test ./... passes",
                done_commands=["go test ./..."],
            ),
        ],
        tests=[
            model.TestTable(
                kind="Backend Unit Tests (Go)",
                rows=[
                    Row(
                        cells={
                            "Package / Function": "handlers.CreateInvite",
                            "Key Cases": "duplicate, bad email",
                            "Test Command": "go test ./...",
                        }
                    )
                ],
            )
        ],
        manual_checks=[
            ChecklistItem(text="Check the email"),
            ChecklistItem(text="Done", checked=True),
        ],
        feature_flags=[FeatureFlag(name="invites_v1", default="off", cleanup="GA")],
        monitoring=[
            Row(
                cells={
                    "Metric": "invites_created",
                    "Alert Threshold": "> 100/min",
                    "Dashboard": "Invites",
                }
            )
        ],
        backward_compatibility="Yes.",
        rollback="Deploy rollback.",
        risks=[Risk(risk="Spam", impact="abuse", mitigation="rate limit")],
        open_questions=[OpenQuestion(question="Expiry?", owner="PM", target="2026-12-01")],
        assumptions=[Assumption(text="Email service exists")],
    )


@pytest.fixture(autouse=True, params=["libyaml", "ruamel"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with both loaders: libyaml's composer (fast) and ruamel's."""
    if request.param == "ruamel":
        monkeypatch.setitem(sys.modules, "yaml", None)  # `import yaml` fails
    else:
        pytest.importorskip("yaml")
    return request.param


def _yaml_problems(spec: Spec) -> list:
    return [p for p in spec.problems if p.rule.startswith("YAML")]


# --------------------------------------------------------------------------- round trips


def test_hand_built_spec_round_trips() -> None:
    spec = hand_built_spec()
    back = read_yaml(to_yaml(spec), "x.yaml")
    assert back.problems == []
    assert back.semantic() == spec.semantic()


def test_values_that_differ_from_their_derivation_are_kept() -> None:
    spec = hand_built_spec()
    col = spec.tables[0].columns[2]
    col.default, col.nullable = "odd", False  # not what the (empty) constraints say
    spec.endpoints[1].success_status = 202  # not explicit, and not the derived 200
    spec.requirements[1].tasks = []  # T-002 implements it, the mapping says nothing
    spec.tasks[0].done_commands = []  # the text names no command
    spec.endpoints[0].errors[1].error = ""  # the condition names ErrInviteExists
    spec.files = spec.files[:2] + spec.files[3:] + spec.files[2:3]  # component file last
    text = to_yaml(spec)
    back = read_yaml(text, "x.yaml")
    assert back.problems == []
    assert back.semantic() == spec.semantic()


@pytest.mark.parametrize("path", MARKDOWN_SPECS, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_to_yaml_to_model_equals_markdown_to_model(path: Path) -> None:
    from scaffold.read.markdown import read_markdown

    md = read_markdown(path.read_text(encoding="utf-8"), str(path))
    back = read_yaml(to_yaml(md), "twin.yaml")
    assert _yaml_problems(back) == []
    assert back.semantic() == md.semantic()


def test_yaml_twin_reads_the_same_as_the_markdown() -> None:
    from scaffold.read.link import link
    from scaffold.read.markdown import read_markdown

    md = read_markdown(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    twin = read_yaml(TWIN.read_text(encoding="utf-8"), str(TWIN))
    assert twin.problems == []
    assert link(twin).semantic() == link(md).semantic(), (
        "the YAML twin is stale: regenerate it with `scaffold convert "
        "generated_example/tech-specs/workspace-invites.md --to yaml "
        "-o generated_example/tech-specs/workspace-invites.yaml`"
    )


def test_to_yaml_is_stable() -> None:
    spec = hand_built_spec()
    once = to_yaml(spec)
    assert to_yaml(read_yaml(once, "x.yaml")) == once


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85"),
    max_size=40,
)
_WORDS = st.sampled_from(
    ["", "true", "null", "~", "201", "1.10", "0x1F", "- item", "a: b", "#x", "'q'", '"d"', "  lead",
     "trail ", "line\nline", "\ttab", "yes", "2026-11-24", "{a}", "[b]", "|", ">", "@x", "`code`"]
)  # fmt: skip


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(texts=st.lists(st.one_of(_TEXT, _WORDS), min_size=6, max_size=6))
def test_any_text_round_trips(texts: list[str]) -> None:
    a, b, c, d, e, f = texts
    spec = Spec(
        meta=Meta(title=a, author=b, date=c),
        summary=d,
        decisions=[Decision(decision=e or "x", alternatives=f, rationale=a)],
        risks=[Risk(risk=b or "r", impact=c, mitigation=d)],
        assumptions=[Assumption(text=e)],
        monitoring=[Row(cells={"Metric": f, "Dashboard": a})],
        manual_checks=[ChecklistItem(text=b, checked=True)],
    )
    back = read_yaml(to_yaml(spec), "x.yaml")
    assert _yaml_problems(back) == []
    assert back.semantic() == spec.semantic()


# --------------------------------------------------------------------------- hand-written YAML

MINIMAL = """\
title: Invites
type: prd-driven
requirements:
  US-001: Invite by email
tables:
  invites:
    columns:
      id: {type: UUID, constraints: "PK, DEFAULT gen_random_uuid()"}
      email: {type: TEXT, constraints: NOT NULL}
      note: TEXT
    indexes:
      idx_invites_email: [email]
endpoints:
  POST /api/v1/workspaces/{workspace_id}/invites:
    handler: handlers.CreateInvite in internal/handlers/invites.go
    auth: workspace admin
    request: CreateInviteRequest
    response: InviteResponse
    status: 201
    errors:
      - {status: 409, condition: Already invited (ErrInviteExists)}
  DELETE /api/v1/invites/{invite_id}:
    auth: none
go: |
  type CreateInviteRequest struct {
  	Email string `json:"email"`
  }

  type InviteResponse struct {
  	ID string `json:"id"`
  }
typescript: |
  interface InviteResponse {
    id: string;
  }
components:
  src/components/InviteDialog.tsx: {kind: Feature, shadcn: [Button, Dialog]}
errors:
  ErrInviteExists: {status: 409, message: Already invited}
phases:
  "Phase 1: Data Model":
    T-001:
      title: Create the table
      implements: US-001
      files:
        create: [migrations/001_invites.sql]
        modify:
          - internal/db/db.go: register
      done: "`goose status` shows it applied"
"""


def test_minimal_yaml_derives_what_markdown_derives() -> None:
    spec = read_yaml(MINIMAL, "min.yaml")
    assert spec.problems == []
    assert spec.meta.type == "PRD-driven"
    assert spec.requirements[0].tasks == ["T-001"]
    cols = {c.name: c for c in spec.tables[0].columns}
    assert (cols["id"].primary_key, cols["id"].nullable, cols["id"].default) == (
        True,
        False,
        "gen_random_uuid()",
    )
    assert (cols["email"].nullable, cols["note"].type, cols["note"].nullable) == (
        False,
        "TEXT",
        True,
    )
    assert spec.tables[0].indexes[0].columns == ["email"]
    post, delete = spec.endpoints
    assert post.path_params == ["workspace_id"]
    assert (post.success_status, post.success_status_explicit) == (201, True)
    assert (delete.success_status, delete.success_status_explicit) == (204, False)
    assert (post.auth.required, post.auth.role) == (True, "workspace admin")
    assert delete.auth.required is False
    assert (post.handler.package, post.handler.function) == ("handlers", "CreateInvite")
    assert post.handler.file == "internal/handlers/invites.go"
    assert post.errors[0].error == ""  # resolved by link, not by the reader
    from scaffold.read.link import link

    assert link(spec).endpoints[0].errors[0].error == "ErrInviteExists"
    assert (post.ts_request, post.ts_response) == ("", "InviteResponse")
    assert [s.name for s in spec.go_structs] == ["CreateInviteRequest", "InviteResponse"]
    assert spec.components[0].name == "InviteDialog"
    assert [(f.side, f.action, f.path) for f in spec.files] == [
        ("frontend", "create", "src/components/InviteDialog.tsx")
    ]
    task = spec.tasks[0]
    assert task.phase == "Phase 1: Data Model"
    assert task.done == "goose status shows it applied"
    assert task.done_commands == ["goose status"]
    assert [(f.action, f.path, f.note) for f in task.files] == [
        ("create", "migrations/001_invites.sql", ""),
        ("modify", "internal/db/db.go", "register"),
    ]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@pytest.mark.parametrize(
    "find, needle",
    [
        (lambda s: s.endpoints[0].pos, "POST /api/v1/workspaces/{workspace_id}/invites:"),
        (lambda s: s.endpoints[0].errors[0].pos, "{status: 409"),
        (lambda s: s.tables[0].columns[1].pos, "email: {type: TEXT"),
        (lambda s: s.tables[0].indexes[0].pos, "idx_invites_email"),
        (lambda s: s.go_structs[1].pos, "type InviteResponse struct"),
        (lambda s: s.go_structs[0].fields[0].pos, "Email string"),
        (lambda s: s.ts_types[0].pos, "interface InviteResponse"),
        (lambda s: s.tasks[0].pos, "T-001:"),
        (lambda s: s.tasks[0].files[1].pos, "internal/db/db.go: register"),
        (lambda s: s.requirements[0].pos, "US-001: Invite"),
        (lambda s: s.errors[0].pos, "ErrInviteExists: {status"),
    ],
)
def test_every_element_has_its_yaml_line(find, needle: str) -> None:
    spec = read_yaml(MINIMAL, "min.yaml")
    pos = find(spec)
    assert pos.file == "min.yaml"
    assert pos.line == _line_of(MINIMAL, needle)
    assert pos.column > 0


def test_go_block_elements_get_their_real_column() -> None:
    spec = read_yaml(MINIMAL, "min.yaml")
    line = MINIMAL.splitlines()[spec.go_structs[0].pos.line - 1]
    assert line[spec.go_structs[0].pos.column - 1 :].startswith("CreateInviteRequest")


def test_migration_statements_get_their_yaml_lines() -> None:
    spec = hand_built_spec()
    text = to_yaml(spec)
    back = read_yaml(text, "x.yaml")
    assert back.migrations[0].up[0].pos.line == _line_of(text, "CREATE TABLE invites")
    assert back.migrations[0].down[0].pos.line == _line_of(text, "DROP TABLE IF EXISTS")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text, rule, line, words",
    [
        ("title: [unclosed\n", "YAML001", 2, ""),
        ("title: a\ntitle: b\n", "YAML001", 2, "duplicate key"),
        ("- just\n- a list\n", "YAML002", 1, "mapping of spec sections"),
        ("titel: X\n", "YAML003", 1, "did you mean `title`"),
        ("author: [a, b]\n", "YAML004", 1, "`author` should be a string, not a list"),
        ("requirements:\n  US-001: {summary: x, priority: sometimes}\n", "YAML004", 2,
         "`requirements.US-001.priority` should be one of `must`, `should`, `may`"),
        ("tables:\n  t:\n    columns:\n      id: {constraints: PK}\n", "YAML005", 4,
         "`tables.t.columns.id` needs `type`"),
        ("tables:\n  t:\n    columns:\n      id: {type: UUID, nulable: false}\n", "YAML003", 4,
         "did you mean `nullable`"),
        ("endpoints:\n  POST /x:\n    status: created\n", "YAML004", 3,
         "should be an HTTP status (a whole number), such as `201`"),
        ("endpoints:\n  POST /x:\n    errors:\n      - {status: x409}\n", "YAML004", 4,
         '`endpoints["POST /x"].errors[0].status` should be a whole number'),
        ("endpoints:\n  POST /x:\n    handler: CreateInvite\n", "YAML006", 3,
         "should be `package.Function in file`"),
        ("endpoints:\n  nothing: {}\n", "YAML006", 2, "should be `METHOD path`"),
        ("tasks:\n  T-001:\n    depends_on: {a: 1}\n", "YAML004", 3,
         "`tasks.T-001.depends_on` should be a list"),
        ("tasks:\n  T-001:\n    files:\n      delete: [x.go]\n", "YAML003", 4,
         "expected one of `create`, `modify`"),
        ("tables:\n  t:\n    relationships:\n      - {from: a.b, to: nowhere here}\n", "YAML006",
         4, "should be `table.column`"),
        ("tables:\n  t:\n    columns:\n      id: {type: UUID, constraints: FROBNICATE}\n",
         "YAML007", 4, "not understood"),
        ("schema_version: 7\n", "YAML004", 1, "reads version 1"),
        ("summary: {a: b}\n", "YAML004", 1, "`summary` should be text"),
    ],
)  # fmt: skip
def test_errors_are_positioned_plain_messages(text: str, rule: str, line: int, words: str) -> None:
    spec = read_yaml(text, "bad.yaml")
    found = [p for p in spec.problems if p.rule == rule]
    assert found, spec.problems
    p = found[0]
    assert (p.pos.file, p.pos.line) == ("bad.yaml", line)
    assert words in p.message
    assert "pydantic" not in p.message and "input_value" not in p.message
    assert rule in RULES


def test_a_bad_value_drops_only_itself() -> None:
    spec = read_yaml(
        "title: X\nendpoints:\n  POST /x:\n    status: created\n    response: R\n", "b.yaml"
    )
    ep = spec.endpoints[0]
    assert (ep.response, ep.success_status, ep.success_status_explicit) == ("R", 200, False)
    assert spec.meta.title == "X"


def test_go_syntax_errors_point_into_the_block() -> None:
    text = "go: |\n  type X struct {\n    A string\n  }\n  type Broken struct {\n"
    spec = read_yaml(text, "b.yaml")
    assert [s.name for s in spec.go_structs] == ["X"]
    assert any(p.rule == "SPEC020" and p.pos.line >= 5 for p in spec.problems)


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(data=st.data())
def test_never_raises_on_mutated_yaml(data: st.DataObject) -> None:
    lines = MINIMAL.splitlines()
    op = data.draw(st.sampled_from(["drop", "dup", "swap", "bytes", "indent"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if op == "drop":
        del lines[i]
    elif op == "dup":
        lines.insert(j, lines[i])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = " " * data.draw(st.integers(0, 7)) + lines[i].lstrip()
    else:
        lines[i] = data.draw(st.text(max_size=20)) + lines[i]
    spec = read_yaml("\n".join(lines), "m.yaml")
    assert isinstance(spec, Spec)
    for p in spec.problems:
        assert p.pos.line >= 1


@settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None)
@given(text=st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    assert isinstance(read_yaml(text, "t.yaml"), Spec)


# --------------------------------------------------------------------------- JSON


def test_model_dump_json_loads_as_the_model() -> None:
    spec = hand_built_spec()
    text = spec.model_dump_json(indent=2, exclude={"problems"})
    back = read_yaml(text, "spec.json")
    assert back.problems == []
    assert back.semantic() == spec.semantic()
    # Positions are this file's: an element is where its object starts.
    lines = text.splitlines()
    for ep in back.endpoints:
        assert ep.pos.file == "spec.json"
        assert lines[ep.pos.line - 1].strip() == "{"
        assert '"pos"' in lines[ep.pos.line]


def test_model_dump_with_a_wrong_type_is_positioned() -> None:
    data = json.loads(hand_built_spec().model_dump_json(exclude={"problems"}))
    data["endpoints"][1]["success_status"] = "lots"
    text = json.dumps(data, indent=2)
    back = read_yaml(text, "spec.json")
    [p] = back.problems
    assert p.rule == "YAML004" and "endpoints[1].success_status" in p.message
    assert '"success_status": "lots"' in text.splitlines()[p.pos.line - 1]
    assert len(back.endpoints) == 3


def test_the_yaml_form_written_as_json_reads_the_same() -> None:
    from ruamel.yaml import YAML

    spec = read_yaml(MINIMAL, "min.yaml")
    as_json = json.dumps(YAML(typ="safe").load(MINIMAL))
    assert read_yaml(as_json, "min.json").semantic() == spec.semantic()


# --------------------------------------------------------------------------- schema


def test_schema_describes_every_top_level_key() -> None:
    from scaffold.read import yamlform

    schema = json_schema()
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(yamlform._TOP_KEYS)
    assert all("description" in v for v in schema["properties"].values())
    json.dumps(schema)  # serialisable


def _check(schema: dict, value: object, root: dict, path: str) -> None:
    """Enough of JSON Schema to check our own output against our own schema."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        errors = []
        for option in schema["anyOf"]:
            try:
                _check(option, value, root, path)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        raise AssertionError(f"{path}: no option fits: {errors}")
    kind = schema.get("type")
    if kind == "object":
        assert isinstance(value, dict), path
        props = schema.get("properties", {})
        for k, v in value.items():
            if k in props:
                _check(props[k], v, root, f"{path}.{k}")
            else:
                extra = schema.get("additionalProperties", True)
                assert extra is not False, f"{path}: unexpected key {k!r}"
                if isinstance(extra, dict):
                    _check(extra, v, root, f"{path}.{k}")
        for k in schema.get("required", []):
            assert k in value, f"{path}: missing {k}"
    elif kind == "array":
        assert isinstance(value, list), path
        for i, item in enumerate(value):
            _check(schema.get("items", {}), item, root, f"{path}[{i}]")
    elif kind == "string":
        assert isinstance(value, str), path
    elif kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), path
    elif kind == "boolean":
        assert isinstance(value, bool), path
    elif "enum" in schema:
        assert value in schema["enum"], path
    elif "const" in schema:
        assert value == schema["const"], path


@pytest.mark.parametrize("which", ["hand-built", "example", "minimal"])
def test_yaml_output_validates_against_the_schema(which: str) -> None:
    from ruamel.yaml import YAML

    if which == "hand-built":
        text = to_yaml(hand_built_spec())
    elif which == "example":
        text = TWIN.read_text(encoding="utf-8")
    else:
        text = MINIMAL
    data = YAML(typ="safe", pure=True).load(text)

    def iso(v: object) -> object:  # YAML 1.1 timestamps: the schema reads them as text
        if isinstance(v, dict):
            return {str(k): iso(x) for k, x in v.items()}
        if isinstance(v, list):
            return [iso(x) for x in v]
        return v.isoformat() if hasattr(v, "isoformat") else v

    schema = json_schema()
    _check(schema, iso(data), schema, "$")


def test_the_documented_example_reads_cleanly() -> None:
    import re

    doc = (ROOT / "docs" / "yaml-form.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.S).group(1)
    spec = read_yaml(example, "docs.yaml")
    assert spec.problems == []
    assert [e.key for e in spec.endpoints] == [
        "POST /api/v1/workspaces/{workspace_id}/invites",
        "POST /api/v1/invites/{token}/accept",
    ]
    from scaffold.read.link import link

    assert link(spec.model_copy(deep=True)).endpoints[0].errors[1].error == "ErrInviteExists"
    assert spec.requirements[0].tasks == ["T-001", "T-002"]
    assert spec.tasks[1].done_commands == ["go test ./internal/handlers/... -run TestCreateInvite"]
    # Every rule the reader reports is documented.
    for rule in RULES:
        assert f"`{rule}`" in doc
    # And the example survives the trip to markdown and back.
    from scaffold.writers.markdown import to_markdown
    from scaffold.read.markdown import read_markdown

    assert read_markdown(to_markdown(spec), "docs.md").semantic() == spec.semantic()


# --------------------------------------------------------------------------- newer model fields


def with_new_fields(spec: Spec) -> Spec:
    """``spec`` with query bounds, ownership, wire codes and conventions set."""
    spec = spec.model_copy(deep=True)
    listing = spec.endpoints[1]
    listing.query = [
        QueryParam(name="per_page", type="int", default="20", minimum=1, maximum=100),
        QueryParam(name="sort", default="updated_desc", enum=["updated_desc", "title_asc"]),
        QueryParam(name="q", default=""),  # an empty default is a default
        QueryParam(name="tag_id", type="[]string", repeated=True, maximum=10, minimum=-1),
    ] + listing.query
    spec.endpoints[2].auth = Auth(text="Authenticated user, owner of the invite", ownership=True)
    spec.endpoints[0].errors[0].error = "ErrInviteExists"  # explicit, kept as written
    spec.errors[0].code = "INVITE_EXISTS"
    spec.errors.append(
        TaxonomyError(go_name="auth.ErrForbidden", status=403, code="FORBIDDEN", existing=True)
    )
    spec.wire = model.Wire(
        error_body='{"error": {"code": "…", "message": "…"}}',
        error_nested=True,
        success_envelope="data",
    )
    return spec


def test_new_fields_round_trip() -> None:
    spec = with_new_fields(hand_built_spec())
    text = to_yaml(spec)
    back = read_yaml(text, "x.yaml")
    assert _yaml_problems(back) == []
    assert back.semantic() == spec.semantic()
    assert "error_nested" not in text  # derived from the body
    assert to_yaml(back) == text


def test_new_fields_that_differ_from_their_derivation_are_kept() -> None:
    spec = with_new_fields(hand_built_spec())
    spec.wire.error_nested = False  # the body nests, the model says not
    spec.endpoints[2].auth = Auth(text="owner of the invite", required=False, ownership=False)
    back = read_yaml(to_yaml(spec), "x.yaml")
    assert _yaml_problems(back) == []
    assert back.semantic() == spec.semantic()


NEW_FIELDS = """\
title: Tags
endpoints:
  GET /api/v1/tags:
    auth: {text: "Authenticated user, owner of the tags", ownership: true}
    query:
      limit: {type: int, default: 20, min: 1, max: 100}
      sort: {default: name_asc, enum: [name_asc, name_desc]}
      tag_id: {type: "[]string", repeated: true, max: 5}
      q: {default: ""}
    errors:
      - {status: 404, condition: No such tag, error: ErrTagNotFound}
wire:
  error_body: '{"error": {"code": "NOT_FOUND", "message": "Tag not found."}}'
  success_envelope: data
errors:
  ErrTagNotFound: {status: 404, code: NOT_FOUND}
  auth.ErrUnauthenticated: {status: 401, code: UNAUTHORIZED, existing: true}
"""


def test_hand_written_new_fields() -> None:
    spec = read_yaml(NEW_FIELDS, "tags.yaml")
    assert spec.problems == []
    ep = spec.endpoints[0]
    assert ep.auth.ownership is True
    q = {p.name: p for p in ep.query}
    assert (q["limit"].default, q["limit"].minimum, q["limit"].maximum) == ("20", 1, 100)
    assert q["sort"].enum == ["name_asc", "name_desc"]
    assert (q["tag_id"].repeated, q["tag_id"].maximum) == (True, 5)
    assert q["q"].default == ""
    assert ep.errors[0].error == "ErrTagNotFound"  # as written, before link
    assert spec.wire.error_nested is True and spec.wire.success_envelope == "data"
    assert [(e.go_name, e.code, e.existing) for e in spec.errors] == [
        ("ErrTagNotFound", "NOT_FOUND", False),
        ("auth.ErrUnauthenticated", "UNAUTHORIZED", True),
    ]


def test_new_fields_of_the_wrong_type_are_positioned() -> None:
    text = "title: X\nendpoints:\n  GET /x:\n    query:\n      limit: {type: int, min: lots}\n"
    spec = read_yaml(text, "b.yaml")
    [p] = spec.problems
    assert p.rule == "YAML004" and "min" in p.message and p.pos.line == 5
    assert spec.endpoints[0].query[0].minimum is None


def test_the_reader_does_not_resolve_error_rows() -> None:
    """``error:`` is kept as written; a row without one is left to ``link``."""
    text = (
        "title: X\nendpoints:\n  POST /x:\n    errors:\n"
        "      - {status: 409, condition: exists (ErrA)}\n"
        "      - {status: 409, condition: other, error: ErrB}\n"
        "errors:\n  ErrA: {status: 409}\n  ErrB: {status: 409}\n"
    )
    spec = read_yaml(text, "e.yaml")
    assert [r.error for r in spec.endpoints[0].errors] == ["", "ErrB"]


def test_new_fields_validate_against_the_schema() -> None:
    from ruamel.yaml import YAML

    for text in (to_yaml(with_new_fields(hand_built_spec())), NEW_FIELDS):
        data = YAML(typ="safe", pure=True).load(text)
        schema = json_schema()
        _check(schema, _iso(data), schema, "$")


def _iso(v: object) -> object:
    """YAML 1.1 timestamps, as the safe loader types them, back to text."""
    if isinstance(v, dict):
        return {str(k): _iso(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_iso(x) for x in v]
    return v.isoformat() if hasattr(v, "isoformat") else v


CORPUS = sorted(p for p in (ROOT.parent / "shared" / "specs").glob("*.md") if p.stem != "README")


@pytest.mark.skipif(not CORPUS, reason="no corpus next to the repository")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_markdown_to_yaml_to_model(path: Path) -> None:
    from scaffold.read import load_spec

    md = load_spec(path)
    back = read_yaml(to_yaml(md), "twin.yaml")
    assert [p for p in _yaml_problems(back) if p.severity == "error"] == []
    assert back.semantic() == md.semantic()
