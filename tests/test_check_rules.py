"""Each check rule on a hand-built spec: the clean spec passes, one break fires the rule."""

from __future__ import annotations

import itertools
from typing import Callable

import pytest

from scaffold.check import RULES, rules_table, run_checks
from scaffold.model import (
    Row,
    TestTable as StrategyTable,
    Auth,
    Column,
    Component,
    Endpoint,
    ErrorResponse,
    GoEnum,
    GoField,
    GoInterface,
    GoMethod,
    GoParam,
    GoStruct,
    HandlerRef,
    Hook,
    Index,
    Meta,
    Migration,
    Pos,
    Relationship,
    Requirement,
    Section,
    Spec,
    SqlStatement,
    Table,
    TableChange,
    Task,
    TaskFile,
    TaxonomyError,
    TsField,
    TsType,
)
from scaffold.read.link import link

# --------------------------------------------------------------------------- fixture

FILE = "spec.md"
SECTIONS = [
    "Overview",
    "Architecture & Design Decisions",
    "Data Model",
    "API Design",
    "Component & Module Design",
    "Implementation Tasks",
    "Testing Strategy",
    "Rollout & Operations",
    "Open Questions & Risks",
    "Assumptions",
]

UP = """CREATE TABLE invites (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
)"""
INDEX = "CREATE INDEX idx_invites_workspace_id ON invites(workspace_id)"
DOWN = "DROP TABLE IF EXISTS invites"


def clean_spec() -> Spec:
    """A spec every rule accepts (given the :func:`baseline_sql` schema)."""
    line = itertools.count(1)

    def pos() -> Pos:
        return Pos(file=FILE, line=next(line), column=1)

    meta = Meta(
        pos=pos(),
        title="Workspace Invites",
        type="PRD-driven",
        prd="prds/workspace-invites.md",
        author="Ada",
        date="2026-11-24",
        status="Approved",
    )
    sections = [
        Section(pos=pos(), title=t, level=2, number=str(i + 1)) for i, t in enumerate(SECTIONS)
    ]
    reqs = [
        Requirement(
            pos=pos(), id="US-001", summary="Admin invites by email", tasks=["T-001", "T-002"]
        ),
        Requirement(pos=pos(), id="US-002", summary="Admin sees invites", tasks=["T-002", "T-003"]),
    ]
    table = Table(
        pos=pos(),
        name="invites",
        columns=[
            Column(pos=pos(), name="id", type="UUID", nullable=False, primary_key=True),
            Column(
                pos=pos(),
                name="workspace_id",
                type="UUID",
                nullable=False,
                references="workspaces(id)",
            ),
            Column(pos=pos(), name="email", type="TEXT", nullable=False),
            Column(
                pos=pos(),
                name="status",
                type="TEXT",
                nullable=False,
                check_values=["pending", "accepted"],
            ),
            Column(pos=pos(), name="created_at", type="TIMESTAMPTZ", nullable=False),
        ],
        indexes=[Index(pos=pos(), name="idx_invites_workspace_id", columns=["workspace_id"])],
        relationships=[
            Relationship(
                pos=pos(),
                from_table="invites",
                from_column="workspace_id",
                to_table="workspaces",
                to_column="id",
                on_delete="CASCADE",
            )
        ],
    )
    mig_pos = pos()
    up_line = next(line)
    mig = Migration(
        pos=mig_pos,
        path="migrations/20261124120000_create_invites.sql",
        version="20261124120000",
        description="create_invites",
        up=[
            SqlStatement(pos=Pos(file=FILE, line=up_line, column=1), sql=UP),
            SqlStatement(pos=Pos(file=FILE, line=up_line + 8, column=1), sql=INDEX),
        ],
        down=[SqlStatement(pos=Pos(file=FILE, line=up_line + 10, column=1), sql=DOWN)],
        has_up=True,
        has_down=True,
        backward_compatible=True,
        text=f"-- +goose Up\n{UP};\n{INDEX};\n\n-- +goose Down\n{DOWN};\n",
    )
    for _ in range(12):
        next(line)
    req_struct = GoStruct(
        pos=pos(),
        name="CreateInviteRequest",
        fields=[
            GoField(
                pos=pos(),
                name="Email",
                type="string",
                tag='json:"email" validate:"required,email"',
                json_name="email",
                validation="required,email",
            ),
        ],
    )
    resp_struct = GoStruct(
        pos=pos(),
        name="InviteResponse",
        fields=[
            GoField(pos=pos(), name="ID", type="uuid.UUID", tag='json:"id"', json_name="id"),
            GoField(pos=pos(), name="Email", type="string", tag='json:"email"', json_name="email"),
            GoField(
                pos=pos(), name="Status", type="string", tag='json:"status"', json_name="status"
            ),
            GoField(
                pos=pos(),
                name="CreatedAt",
                type="time.Time",
                tag='json:"created_at"',
                json_name="created_at",
            ),
        ],
    )
    list_struct = GoStruct(
        pos=pos(),
        name="ListInvitesResponse",
        fields=[
            GoField(
                pos=pos(),
                name="Invites",
                type="[]InviteResponse",
                tag='json:"invites"',
                json_name="invites",
            ),
            GoField(
                pos=pos(),
                name="NextCursor",
                type="*string",
                tag='json:"next_cursor,omitempty"',
                json_name="next_cursor",
                omitempty=True,
            ),
        ],
    )
    ts_req = TsType(
        pos=pos(),
        name="CreateInviteRequest",
        fields=[TsField(pos=pos(), name="email", type="string")],
    )
    ts_resp = TsType(
        pos=pos(),
        name="InviteResponse",
        fields=[
            TsField(pos=pos(), name="id", type="string"),
            TsField(pos=pos(), name="email", type="string"),
            TsField(
                pos=pos(),
                name="status",
                type='"pending" | "accepted"',
                literals=["pending", "accepted"],
            ),
            TsField(pos=pos(), name="created_at", type="string"),
        ],
    )
    ts_list = TsType(
        pos=pos(),
        name="ListInvitesResponse",
        fields=[
            TsField(pos=pos(), name="invites", type="InviteResponse[]", nullable=True),
            TsField(pos=pos(), name="next_cursor", type="string", optional=True, nullable=True),
        ],
    )
    store = GoInterface(
        pos=pos(),
        name="InviteStore",
        methods=[
            GoMethod(
                pos=pos(),
                name="Create",
                params=[
                    GoParam(name="ctx", type="context.Context"),
                    GoParam(name="req", type="CreateInviteRequest"),
                ],
                results=[GoParam(type="*InviteResponse"), GoParam(type="error")],
            )
        ],
    )

    def errors(*rows: tuple[int, str]) -> list[ErrorResponse]:
        return [
            ErrorResponse(pos=pos(), status=s, condition=c, body='{"error": "x"}') for s, c in rows
        ]

    create = Endpoint(
        pos=pos(),
        method="POST",
        path="/api/v1/workspaces/{workspace_id}/invites",
        path_params=["workspace_id"],
        description="Creates an invite via InviteStore.Create.",
        handler=HandlerRef(
            pos=pos(),
            package="handlers",
            function="CreateInvite",
            file="internal/handlers/invites.go",
        ),
        auth=Auth(pos=pos(), text="workspace admin", required=True, role="workspace admin"),
        request="CreateInviteRequest",
        response="InviteResponse",
        ts_request="CreateInviteRequest",
        ts_response="InviteResponse",
        success_status=201,
        success_status_explicit=True,
        errors=errors(
            (400, "Invalid email"),
            (401, "No session"),
            (403, "Not an admin"),
            (409, "Already invited"),
        ),
    )
    listing = Endpoint(
        pos=pos(),
        method="GET",
        path="/api/v1/workspaces/{workspace_id}/invites",
        path_params=["workspace_id"],
        description="Lists invites, newest first, with a cursor.",
        handler=HandlerRef(
            pos=pos(),
            package="handlers",
            function="ListInvites",
            file="internal/handlers/invites.go",
        ),
        auth=Auth(pos=pos(), text="workspace member", required=True, role="workspace member"),
        response="ListInvitesResponse",
        ts_response="ListInvitesResponse",
        cursor_pagination=True,
        errors=errors((401, "No session"), (404, "Workspace not found")),
    )
    taxonomy = [
        TaxonomyError(
            pos=pos(),
            go_name="ErrInviteExists",
            status=409,
            ts_name="InviteConflictError",
            message="This user has already been invited",
            log_level="warn",
        ),
        TaxonomyError(
            pos=pos(),
            go_name="ErrWorkspaceNotFound",
            status=404,
            ts_name="WorkspaceNotFoundError",
            message="Workspace not found",
            log_level="info",
        ),
    ]
    hooks = [
        Hook(
            pos=pos(),
            name="useInvites()",
            path="src/hooks/useInvites.ts",
            description="Lists the workspace's invites",
        ),
        Hook(
            pos=pos(),
            name="useCreateInvite()",
            path="src/hooks/useCreateInvite.ts",
            description="Creates an invite",
        ),
    ]
    components = [
        Component(
            pos=pos(),
            path="src/components/invites/InviteDialog.tsx",
            name="InviteDialog",
            kind="Feature",
            shadcn=["Button", "Dialog", "Input"],
            props="InviteDialogProps",
            description="Form that calls useCreateInvite",
        ),
    ]

    def task(
        tid: str, implements: list[str], files: list[tuple[str, str]], done: str, deps: list[str]
    ) -> Task:
        p = pos()
        return Task(
            pos=p,
            id=tid,
            title=f"Task {tid}",
            implements=implements,
            description="Build it.",
            files=[TaskFile(pos=pos(), action=a, path=f) for a, f in files],  # type: ignore[arg-type]
            done=done,
            done_commands=[c for c in done.split("`")[1::2]],
            dependencies=deps,
        )

    tasks = [
        task("T-001", ["US-001"], [("create", mig.path)], "`goose status` shows it applied", []),
        task(
            "T-002",
            ["US-001", "US-002"],
            [
                ("create", "internal/handlers/invites.go"),
                ("create", "internal/handlers/invites_test.go"),
            ],
            "`go test ./internal/handlers/... -run TestCreateInvite` passes",
            ["T-001"],
        ),
        task(
            "T-003",
            ["US-002"],
            [
                ("create", "src/components/invites/InviteDialog.tsx"),
                ("modify", "internal/handlers/invites.go"),
            ],
            "`npm run test -- src/components/invites` passes",
            ["T-002"],
        ),
    ]
    return Spec(
        sources=[FILE],
        meta=meta,
        sections=sections,
        requirements=reqs,
        tables=[table],
        migrations=[mig],
        go_structs=[req_struct, resp_struct, list_struct],
        go_interfaces=[store],
        ts_types=[ts_req, ts_resp, ts_list],
        endpoints=[create, listing],
        errors=taxonomy,
        hooks=hooks,
        components=components,
        tasks=tasks,
    )


BASELINE_SQL = """
CREATE TABLE users (id UUID PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE workspaces (id UUID PRIMARY KEY, name TEXT NOT NULL);
"""


def baseline():
    from scaffold.sqlkit import Catalog

    catalog, problems = Catalog.from_sql(BASELINE_SQL, "baseline.sql")
    assert not problems
    return catalog


def check(spec: Spec, **kw) -> list:
    return run_checks(link(spec), kw.pop("catalog", baseline()), **kw)


def rules_of(spec: Spec, **kw) -> set[str]:
    return {d.rule for d in check(spec, **kw) if d.severity != "info"}


def test_clean_spec_has_no_findings() -> None:
    assert [d.text() for d in check(clean_spec())] == []


# --------------------------------------------------------------------------- mutations


def _set(attr: str, value) -> Callable[[Spec], None]:
    def go(spec: Spec) -> None:
        obj = spec
        *path, last = attr.split(".")
        for part in path:
            obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
        setattr(obj, last, value)

    return go


def _sql(index: int, section: str, sql: str) -> Callable[[Spec], None]:
    def go(spec: Spec) -> None:
        mig = spec.migrations[0]
        stmts = getattr(mig, section)
        line = stmts[0].pos.line if stmts else mig.pos.line + 1
        stmt = SqlStatement(
            pos=stmts[0].pos.model_copy(update={"line": line + 20 + index}), sql=sql
        )
        stmts.insert(index, stmt) if index >= 0 else stmts.append(stmt)

    return go


def _second_migration(name: str, up: list[str], down: list[str], **kw) -> Callable[[Spec], None]:
    def go(spec: Spec) -> None:
        first = spec.migrations[0]
        pos = first.pos.model_copy(update={"line": 500})
        spec.migrations.append(
            first.model_copy(
                update=dict(
                    pos=pos,
                    path=f"migrations/{name}",
                    up=[
                        SqlStatement(pos=pos.model_copy(update={"line": 501 + i}), sql=s)
                        for i, s in enumerate(up)
                    ],
                    down=[
                        SqlStatement(pos=pos.model_copy(update={"line": 520 + i}), sql=s)
                        for i, s in enumerate(down)
                    ],
                    **kw,
                )
            )
        )

    return go


def _add_task_dep(i: int, dep: str) -> Callable[[Spec], None]:
    return lambda spec: spec.tasks[i].dependencies.append(dep)


def _dup_struct(spec: Spec) -> None:
    twin = spec.go_structs[0].model_copy(deep=True)
    twin.fields.append(GoField(name="Role", type="string", json_name="role"))
    spec.go_structs.append(twin)


def _ts_field(type_name: str, field: str, **kw) -> Callable[[Spec], None]:
    def go(spec: Spec) -> None:
        t = spec.ts_type(type_name)
        f = next(f for f in t.fields if f.name == field)
        for k, v in kw.items():
            setattr(f, k, v)

    return go


CASES: list[tuple[str, Callable[[Spec], None], set[str], dict]] = [
    # structure / metadata
    ("no sections", lambda s: s.sections.clear(), {"STRUCT001"}, {}),
    (
        "yaml has no sections",
        lambda s: (s.sections.clear(), s.sources.__setitem__(0, "spec.yaml")),
        set(),
        {},
    ),
    ("no tasks section", lambda s: s.sections.pop(5), {"STRUCT001"}, {}),
    ("no testing section", lambda s: s.sections.pop(6), {"STRUCT002"}, {}),
    ("no title", _set("meta.title", ""), {"META001"}, {}),
    ("no type", _set("meta.type", None), {"META002"}, {}),
    ("no author", _set("meta.author", ""), {"META003"}, {}),
    ("bad date", _set("meta.date", "Nov 24"), {"META004"}, {}),
    ("bad status", _set("meta.status", "Done"), {"META005"}, {}),
    ("no prd", _set("meta.prd", ""), {"META007"}, {}),
    # traceability
    (
        "req without task",
        lambda s: s.requirements.append(Requirement(id="US-003")),
        {"TRACE001"},
        {},
    ),
    ("task without req", _set("tasks.2.implements", []), {"TRACE002", "TRACE005"}, {}),
    ("unknown req", lambda s: s.tasks[2].implements.append("US-009"), {"TRACE003"}, {}),
    (
        "ER without criteria",
        lambda s: (
            setattr(s.meta, "type", "Engineering-initiated"),
            [
                setattr(r, "id", r.id.replace("US", "ER"))
                or setattr(r, "success_criteria", "p95 < 50ms")
                or setattr(r, "priority", "must")
                for r in s.requirements
            ],
            [
                setattr(t, "implements", [i.replace("US", "ER") for i in t.implements])
                for t in s.tasks
            ],
            setattr(s.requirements[1], "success_criteria", ""),
        ),
        {"TRACE004"},
        {},
    ),
    ("mapping disagrees", lambda s: s.requirements[0].tasks.append("T-003"), {"TRACE005"}, {}),
    (
        "dup requirement",
        lambda s: s.requirements.append(s.requirements[0].model_copy()),
        {"TRACE006"},
        {},
    ),
    ("mapping unknown task", lambda s: s.requirements[0].tasks.append("T-009"), {"TRACE007"}, {}),
    ("no mapping", lambda s: [r.tasks.clear() for r in s.requirements], {"TRACE008"}, {}),
    (
        "ER no priority",
        lambda s: s.requirements.append(
            Requirement(id="ER-001", success_criteria="x", tasks=["T-001"])
        ),
        {"TRACE005", "TRACE009", "TRACE010"},
        {},
    ),
    # tasks
    (
        "dup task",
        lambda s: s.tasks.append(s.tasks[2].model_copy(deep=True)),
        {"TASK001", "TASK009"},
        {},
    ),
    ("gap in ids", _set("tasks.2.id", "T-005"), {"TASK002", "TRACE005", "TRACE007"}, {}),
    ("unknown dep", _add_task_dep(1, "T-042"), {"TASK003"}, {}),
    ("later dep", _add_task_dep(0, "T-002"), {"TASK004", "TASK005"}, {}),
    ("self dep", _add_task_dep(0, "T-001"), {"TASK004"}, {}),
    (
        "no done",
        lambda s: (setattr(s.tasks[0], "done", ""), s.tasks[0].done_commands.clear()),
        {"TASK006"},
        {},
    ),
    (
        "done not runnable",
        lambda s: (setattr(s.tasks[0], "done", "It works."), s.tasks[0].done_commands.clear()),
        {"TASK007"},
        {},
    ),
    ("no files", lambda s: s.tasks[0].files.clear(), {"TASK008"}, {}),
    (
        "created twice",
        lambda s: s.tasks[2].files.append(
            TaskFile(action="create", path="internal/handlers/invites.go")
        ),
        {"TASK009"},
        {},
    ),
    (
        "modify before create",
        lambda s: s.tasks[0].files.append(
            TaskFile(action="modify", path="internal/handlers/invites.go")
        ),
        {"TASK010"},
        {},
    ),
    (
        "files disagree",
        lambda s: s.endpoints.append(
            s.endpoints[0].model_copy(
                update={
                    "pos": s.endpoints[0].pos.model_copy(update={"file": "web.md"}),
                    "auth": Auth(text="none", required=False),
                }
            )
        ),
        # A hook of that endpoint now matches both definitions (LINK004), and the public
        # copy's 401 row is no longer answered by generated auth (LINK001).
        {"API014", "LINK001", "LINK004"},
        {},
    ),
    (
        "untested package",
        lambda s: s.tests.append(
            StrategyTable(
                kind="Backend Unit Tests (Go)",
                rows=[Row(cells={"Test Command": "`go test ./internal/billing/...`"})],
            )
        ),
        {"TASK012"},
        {},
    ),
    # paths
    ("placeholder path", _set("tasks.1.files.0.path", "[exact/path/to/file.go]"), {"PATH001"}, {}),
    ("ellipsis path", _set("tasks.1.files.0.path", "internal/.../invites.go"), {"PATH002"}, {}),
    ("prose path", _set("tasks.1.files.0.path", "somewhere in the api folder"), {"PATH003"}, {}),
    ("absolute path", _set("tasks.1.files.0.path", "/srv/app/invites.go"), {"PATH004"}, {}),
    ("escaping path", _set("tasks.1.files.0.path", "../other/invites.go"), {"PATH005"}, {}),
    # migrations
    (
        "bad migration name",
        _set("migrations.0.path", "migrations/create_invites.sql"),
        {"MIG001"},
        {},
    ),
    (
        "sequential not configured",
        _set("migrations.0.path", "migrations/00002_create_invites.sql"),
        {"MIG001"},
        {},
    ),
    (
        "sequential configured",
        lambda s: (
            setattr(s.migrations[0], "path", "migrations/00002_create_invites.sql"),
            setattr(s.tasks[0].files[0], "path", "migrations/00002_create_invites.sql"),
        ),
        set(),
        {"migrations_numbering": "sequential"},
    ),
    (
        "timestamp when sequential",
        lambda s: None,
        {"MIG001"},
        {"migrations_numbering": "sequential"},
    ),
    (
        "not increasing",
        _second_migration(
            "20261101000000_add_role.sql",
            ["ALTER TABLE invites ADD COLUMN role TEXT"],
            ["ALTER TABLE invites DROP COLUMN role"],
        ),
        {"MIG002", "MIG011"},
        {},
    ),
    ("empty up", lambda s: s.migrations[0].up.clear(), {"MIG003", "MIG008", "MIG012"}, {}),
    ("invalid sql", _sql(-1, "up", "CREATE TABEL oops (id int)"), {"MIG005"}, {}),
    (
        "unknown type",
        _sql(-1, "up", "ALTER TABLE invites ADD COLUMN role invite_role"),
        {"MIG006", "MIG011"},
        {},
    ),
    (
        "type created earlier",
        lambda s: (
            _sql(0, "up", "CREATE TYPE invite_role AS ENUM ('a', 'b')")(s),
            _sql(-1, "up", "ALTER TABLE invites ADD COLUMN role invite_role")(s),
            _sql(-1, "down", "DROP TYPE invite_role")(s),
        ),
        {"MIG011"},
        {},
    ),
    ("down leaves index", _sql(-1, "up", "CREATE TABLE extra (id int)"), {"MIG007"}, {}),
    ("down drops more", _sql(-1, "down", "DROP TABLE users"), {"MIG008"}, {}),
    (
        "concurrently",
        _sql(-1, "up", "CREATE INDEX CONCURRENTLY idx_invites_email ON invites(email)"),
        {"MIG009"},
        {},
    ),
    (
        "concurrently ok",
        lambda s: (
            _sql(-1, "up", "CREATE INDEX CONCURRENTLY idx_invites_email ON invites(email)")(s),
            _sql(0, "down", "DROP INDEX CONCURRENTLY IF EXISTS idx_invites_email")(s),
            setattr(s.migrations[0], "no_transaction", True),
        ),
        set(),
        {},
    ),
    ("missing fk table", lambda s: None, {"MIG010"}, {"catalog": None}),
    (
        "fk column missing",
        _sql(-1, "up", "ALTER TABLE invites ADD COLUMN owner UUID REFERENCES users(uid)"),
        {"MIG010", "MIG011"},
        {},
    ),
    ("model type differs", _set("tables.0.columns.2.type", "VARCHAR(255)"), {"MIG011"}, {}),
    ("model nullability differs", _set("tables.0.columns.2.nullable", True), {"MIG011"}, {}),
    (
        "model check differs",
        _set("tables.0.columns.3.check_values", ["pending"]),
        {"MIG011", "ALIGN005"},
        {},
    ),
    ("model lacks column", lambda s: s.tables[0].columns.pop(), {"MIG011"}, {}),
    ("no migration for table", _set("tables.0.name", "invitations"), {"MIG012"}, {}),
    (
        "modified table without migration",
        lambda s: s.modified_tables.append(TableChange(table="workspaces", change="Add column x")),
        {"MIG012"},
        {},
    ),
    ("no compat", _set("migrations.0.backward_compatible", None), {"MIG013"}, {}),
    (
        "already exists",
        _sql(0, "up", "CREATE TABLE users (id UUID)"),
        {"MIG014", "MIG007"},
        {},
    ),
    # api
    ("no handler", _set("endpoints.0.handler", None), {"API001"}, {}),
    (
        "no request",
        lambda s: (
            setattr(s.endpoints[0], "request", ""),
            setattr(s.endpoints[0], "ts_request", ""),
        ),
        {"API002"},
        {},
    ),
    (
        "no request, request_none",
        lambda s: (
            setattr(s.endpoints[0], "request", ""),
            setattr(s.endpoints[0], "ts_request", ""),
            setattr(s.endpoints[0], "request_none", True),
        ),
        set(),
        {},
    ),
    (
        "no request, said so",
        lambda s: (
            setattr(s.endpoints[0], "request", ""),
            setattr(s.endpoints[0], "ts_request", ""),
            setattr(s.endpoints[0], "description", "Accepts; no request body."),
        ),
        set(),
        {},
    ),
    (
        "no response",
        lambda s: (
            setattr(s.endpoints[1], "response", ""),
            setattr(s.endpoints[1], "ts_response", ""),
        ),
        {"API003"},
        {},
    ),
    ("204 with body", _set("endpoints.0.success_status", 204), {"API003"}, {}),
    ("undefined go struct", _set("endpoints.0.request", "NewInvite"), {"API004"}, {}),
    (
        "no ts mirror",
        lambda s: (setattr(s.endpoints[0], "ts_request", ""), s.ts_types.pop(0)),
        {"API005"},
        {},
    ),
    ("undefined ts type", _set("endpoints.0.ts_request", "NewInviteBody"), {"API006"}, {}),
    ("no error table", lambda s: s.endpoints[1].errors.clear(), {"API007"}, {}),
    ("struct defined twice", _dup_struct, {"API008"}, {}),
    ("no 401", lambda s: s.endpoints[1].errors.pop(0), {"API009"}, {}),
    (
        "dup endpoint",
        lambda s: s.endpoints.append(
            s.endpoints[1].model_copy(update={"path": "/api/v1/workspaces/{id}/invites"})
        ),
        {"API010", "LINK004"},
        {},
    ),
    (
        "2xx error row",
        lambda s: s.endpoints[1].errors.append(ErrorResponse(status=200, condition="ok")),
        {"API011", "LINK001"},
        {},
    ),
    ("no auth", _set("endpoints.1.auth", None), {"API012"}, {}),
    (
        "bad path param",
        _set("endpoints.1.path", "/api/v1/workspaces/{workspace id}/invites"),
        {"API013"},
        {},
    ),
    # alignment
    ("ts missing field", lambda s: s.ts_types[1].fields.pop(0), {"ALIGN001"}, {}),
    (
        "ts extra field",
        lambda s: s.ts_types[1].fields.append(TsField(name="role", type="string")),
        {"ALIGN001"},
        {},
    ),
    ("ts type wrong", _ts_field("InviteResponse", "created_at", type="number"), {"ALIGN002"}, {}),
    ("ts optional wrong", _ts_field("InviteResponse", "email", optional=True), {"ALIGN003"}, {}),
    (
        "ts nullable wrong",
        _ts_field("ListInvitesResponse", "invites", nullable=False),
        {"ALIGN004"},
        {},
    ),
    (
        "ts enum wrong",
        _ts_field(
            "InviteResponse",
            "status",
            type='"pending" | "revoked"',
            literals=["pending", "revoked"],
        ),
        {"ALIGN005"},
        {},
    ),
    # types
    (
        "undefined go type",
        lambda s: s.go_structs[1].fields.append(
            GoField(name="Owner", type="*Member", json_name="owner")
        ),
        {"TYPE001", "ALIGN001"},
        {},
    ),
    (
        "undefined ts type used",
        lambda s: s.ts_types[1].fields.append(TsField(name="owner", type="Member")),
        {"TYPE002", "ALIGN001"},
        {},
    ),
    ("ts any", _ts_field("InviteResponse", "email", type="any"), {"TYPE003"}, {}),
    (
        "ts any documented",
        lambda s: (
            _ts_field("InviteResponse", "email", type="any")(s),
            setattr(s, "new_patterns", "InviteResponse.email is any: the upstream sends anything."),
        ),
        set(),
        {},
    ),
    # names
    ("go keyword", _set("go_structs.0.name", "type"), {"NAME001", "API004", "TYPE001"}, {}),
    ("go predeclared", _set("go_interfaces.0.name", "string"), {"NAME001"}, {}),
    ("ts reserved", _set("hooks.0.name", "delete"), {"NAME002", "LINK003"}, {}),
    ("component lowercase", _set("components.0.name", "inviteDialog"), {"NAME002"}, {}),
    (
        "sql reserved",
        lambda s: s.tables[0].columns.append(Column(name="user", type="UUID")),
        {"NAME003", "MIG011"},
        {},
    ),
    ("unexported json field", _set("go_structs.0.fields.0.name", "email"), {"NAME004"}, {}),
    (
        "package name",
        lambda s: [setattr(e.handler, "package", "api_handlers") for e in s.endpoints],
        {"NAME005"},
        {},
    ),
    # taxonomy
    (
        "dup go error",
        lambda s: s.errors.append(s.errors[0].model_copy()),
        {"TAX001", "LINK002"},
        {},
    ),
    (
        "dup ts error",
        lambda s: s.errors.append(
            TaxonomyError(
                go_name="ErrInviteGone", status=409, ts_name="InviteConflictError", log_level="warn"
            )
        ),
        {"TAX002"},
        {},
    ),
    ("bad taxonomy status", _set("errors.0.status", 200), {"TAX003", "LINK001"}, {}),
    ("taxonomy naming", _set("errors.0.ts_name", "InviteConflict"), {"TAX004"}, {}),
    (
        "row names other status",
        lambda s: s.endpoints[1].errors.append(
            ErrorResponse(status=404, condition="Invite exists (ErrInviteExists)")
        ),
        {"TAX005"},
        {},
    ),
    ("log level", _set("errors.0.log_level", "loud"), {"TAX006"}, {}),
    # links
    (
        "ambiguous error row",
        lambda s: s.errors.append(
            TaxonomyError(
                go_name="ErrInviteNotFound",
                status=404,
                ts_name="InviteNotFoundError",
                message="Invite not found",
            )
        )
        or s.endpoints[1].errors.append(ErrorResponse(status=404, condition="Gone")),
        {"LINK002"},
        {},
    ),
    (
        "hook endpoint column unknown",
        _set("hooks.0.endpoint", "GET /api/v1/nowhere"),
        {"LINK005"},
        {},
    ),
    (
        "hook endpoint column ok",
        _set("hooks.0.endpoint", "GET /api/v1/workspaces/{id}/invites"),
        set(),
        {},
    ),
    (
        "component unknown hook",
        _set("components.0.description", "Calls useRevokeInvite"),
        {"LINK006"},
        {},
    ),
    (
        "interface method unknown",
        _set("endpoints.0.description", "Calls InviteStore.Insert"),
        {"LINK007"},
        {},
    ),
]


@pytest.mark.parametrize("name,mutate,expected,kw", CASES, ids=[c[0] for c in CASES])
def test_rule_fires(name: str, mutate, expected: set[str], kw: dict) -> None:
    spec = clean_spec()
    mutate(spec)
    assert rules_of(spec, **kw) == expected


def test_every_rule_has_a_failing_unit_case() -> None:
    fired = set().union(*(c[2] for c in CASES))
    untested = {rid for rid in RULES if rid not in fired and RULES[rid].severity != "info"}
    assert untested == set()


def test_info_rules() -> None:
    spec = clean_spec()
    spec.meta.status = "Draft"
    spec.errors.append(TaxonomyError(go_name="ErrInternal", status=500, ts_name="InternalError"))
    rules = {d.rule for d in check(spec)}
    assert rules == {"META006", "TAX007"}


def test_diagnostic_position_and_message() -> None:
    spec = clean_spec()
    spec.tasks[1].dependencies.append("T-003")
    [d] = [d for d in check(spec) if d.rule == "TASK004"]
    assert (d.path, d.line) == ("spec.md", spec.tasks[1].pos.line)
    assert d.message.startswith("T-002 depends on T-003, which comes later")
    assert "move T-003 before T-002" in d.message


def test_alignment_reports_both_sides() -> None:
    spec = clean_spec()
    _ts_field("InviteResponse", "created_at", type="number")(spec)
    [d] = [d for d in check(spec) if d.rule == "ALIGN002"]
    created = next(f for f in spec.go_structs[1].fields if f.name == "CreatedAt")
    assert d.related[0].line == created.pos.line
    assert "created_at: string" in d.message


def test_enum_evidence_from_go_consts() -> None:
    spec = clean_spec()
    spec.go_enums.append(
        GoEnum(
            name="InviteStatus", values=["pending", "accepted", "revoked"], consts=["A", "B", "C"]
        )
    )
    spec.go_structs[1].fields[2].type = "InviteStatus"
    assert rules_of(spec) == {"ALIGN005"}


def test_struct_without_json_tags_is_not_paired_by_name() -> None:
    spec = clean_spec()
    spec.go_structs.append(
        GoStruct(name="Invite", fields=[GoField(name="ID", type="uuid.UUID", db="id")])
    )
    spec.ts_types.append(TsType(name="Invite", fields=[TsField(name="id", type="string")]))
    assert rules_of(spec) == set()
    spec.go_structs[-1].fields[0].json_name = "uid"
    assert rules_of(spec) == {"ALIGN001"}


def test_cycle_reported_once() -> None:
    spec = clean_spec()
    spec.tasks[0].dependencies.append("T-003")
    diags = [d for d in check(spec) if d.rule == "TASK005"]
    assert len(diags) == 1
    assert "(T-001 → T-003 → T-002 → T-001)" in diags[0].message


def test_link_resolves_hooks_errors_components() -> None:
    spec = link(clean_spec())
    assert [h.endpoint for h in spec.hooks] == [
        "GET /api/v1/workspaces/{workspace_id}/invites",
        "POST /api/v1/workspaces/{workspace_id}/invites",
    ]
    assert [r.error for r in spec.endpoints[0].errors] == ["", "", "", "ErrInviteExists"]
    assert spec.components[0].hooks == ["useCreateInvite"]
    assert spec.components[0].types == ["InviteResponse", "CreateInviteRequest"]
    assert spec.endpoints[0].calls == ["InviteStore.Create"]


def test_link_takes_a_missing_wire_code_from_the_bodies_that_show_it() -> None:
    # A taxonomy without a Code column: the code is in the rows' error bodies.
    def row(status: int, name: str, body: str) -> ErrorResponse:
        return ErrorResponse(status=status, condition=f"(`{name}`)", body=body)

    nested = '{"error": {"code": "%s", "message": "m"}}'
    spec = Spec(
        endpoints=[
            Endpoint(
                method="GET",
                path="/a",
                errors=[
                    row(404, "ErrSaveNotFound", nested % "save_not_found"),
                    row(409, "ErrTaken", nested % "taken"),
                    row(400, "ErrBad", nested % "bad_page"),
                    row(401, "ErrNoBody", '{"error": "sign in"}'),
                ],
            ),
            Endpoint(method="POST", path="/a", errors=[row(400, "ErrBad", nested % "bad_body")]),
        ],
        errors=[
            TaxonomyError(go_name="ErrSaveNotFound", status=404),
            TaxonomyError(go_name="ErrTaken", status=409, code="TAKEN"),
            TaxonomyError(go_name="ErrBad", status=400),
            TaxonomyError(go_name="ErrNoBody", status=401),
        ],
    )
    link(spec)
    # One code shown: taken. A code the taxonomy gives stands. Bodies that disagree
    # (bad_page, bad_body) or show none leave it to the Go name.
    assert [e.code for e in spec.errors] == ["save_not_found", "TAKEN", "", ""]
    # One-word messages ("m", "sign in" is two: it stands) read as placeholders.
    assert [e.wire_message for e in spec.errors] == ["", "", "", "sign in"]


def test_link_is_idempotent() -> None:
    spec = clean_spec()
    spec.hooks.append(Hook(name="useNothing", description="nothing"))
    once = link(spec).model_dump()
    assert link(spec).model_dump() == once
    assert [p.rule for p in spec.problems] == ["LINK003"]


def test_link_never_raises_on_odd_models() -> None:
    spec = Spec(
        endpoints=[Endpoint(method="", path="", errors=[ErrorResponse(status=0)])],
        hooks=[Hook(name="", endpoint="???"), Hook(name="(", description="GET /")],
        errors=[TaxonomyError(go_name="", status=0)],
    )
    link(spec)
    assert all(p.rule.startswith("LINK") and p.rule != "LINK000" for p in spec.problems)


def test_rules_table_lists_catalogue_and_reader_rules() -> None:
    table = rules_table()
    ids = [r[0] for r in table]
    assert ids == sorted(ids)
    assert {"TRACE001", "MIG007", "ALIGN005", "LINK003", "SQL001"} <= set(ids)
    for rid, severity, purpose, _blocks in table:
        assert severity in {"error", "warning", "info"} and purpose and "\n" not in purpose


def test_problems_become_diagnostics() -> None:
    from scaffold.model import Pos, Problem

    spec = clean_spec()
    spec.problems.append(
        Problem(pos=Pos(file="spec.md", line=3, column=2), rule="SPEC051", message="bad row")
    )
    [d] = check(spec)
    assert (d.rule, d.severity, d.line, d.column) == ("SPEC051", "error", 3, 2)


def test_crashing_rule_becomes_check000(monkeypatch) -> None:
    from scaffold.check import engine

    def boom(ctx):
        raise RuntimeError("boom")
        yield

    monkeypatch.setitem(RULES, "TASK001", engine.Rule("TASK001", "error", "x", boom))
    diags = check(clean_spec())
    assert [d.rule for d in diags] == ["CHECK000"]
    assert "TASK001" in diags[0].message


def test_check_path_imports_no_copier_or_jinja() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path;"
        "from scaffold.read import load_spec; from scaffold.read.link import link;"
        "from scaffold.check import run_checks;"
        "run_checks(link(load_spec('tests/cases/check-clean/spec.md')));"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('copier', 'jinja2')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_feature_split_over_two_files() -> None:
    from scaffold.model import Pos, merge_specs

    back, front = clean_spec(), clean_spec()
    front.sources = ["front.md"]
    for req in front.requirements:
        req.pos = Pos(file="front.md", line=req.pos.line, column=1)
    front.tasks = []  # the frontend file repeats the story table only
    merged = merge_specs([back, front])
    assert "TRACE006" not in rules_of(merged)
    front.requirements[0].summary = "Something else"
    merged = merge_specs([back, front])
    [d] = [d for d in check(merged) if d.rule == "TRACE006"]
    assert d.path == "front.md" and "of spec.md" in d.message


def test_non_nil_policy() -> None:
    spec = clean_spec()
    assert rules_of(spec, policy="non-nil") == {"ALIGN004"}  # `invites: InviteResponse[] | null`
    _ts_field("ListInvitesResponse", "invites", nullable=False)(spec)
    assert rules_of(spec, policy="non-nil") == set()


@pytest.mark.parametrize(
    "body, message",
    [
        (
            '`{"error": "Request validation failed.", "code": "validation_failed"}`',
            "Request validation failed.",
        ),
        ('{"error": {"code": "NOT_FOUND", "message": "No such save."}}', "No such save."),
        ('{"message": "Too many requests.", "code": "rate_limited"}', "Too many requests."),
        ('{"error": "description"}', ""),  # the template's placeholder
        ("Validation failure", ""),  # not JSON
        ('{"error": {"code": "x"}}', ""),
    ],
)
def test_body_message(body: str, message: str) -> None:
    from scaffold.read.link import body_message

    assert body_message(body) == message


def test_link_takes_the_wire_message_from_the_bodies_that_agree() -> None:
    """The taxonomy's message is what users see; the server writes the bodies' message."""
    body = '{"error": "Request validation failed.", "code": "validation_failed"}'
    spec = Spec(
        endpoints=[
            Endpoint(
                method=m,
                path="/t",
                errors=[ErrorResponse(status=400, condition="(`ErrValidation`)", body=body)],
            )
            for m in ("GET", "POST")
        ],
        errors=[
            TaxonomyError(go_name="ErrValidation", status=400, message="Inline under the input.")
        ],
    )
    link(spec)
    assert spec.errors[0].wire_message == "Request validation failed."
    assert spec.errors[0].message == "Inline under the input."
