"""The spec model: the one thing every later stage reads.

A tech spec (markdown or YAML) is read into a :class:`Spec`. Every element keeps
the position it was read from (:class:`Pos`), so every diagnostic can point at a
``file:line:column``. Several spec files given together form one *feature*;
:func:`merge_specs` folds them into one :class:`Spec` whose elements still carry
their own file.

Readers fill the model; they never render. Later stages (check, plan, render,
drift) read it and never re-parse the spec.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

SpecType = Literal["PRD-driven", "Engineering-initiated"]
Priority = Literal["must", "should", "may"]
FileAction = Literal["create", "modify"]
Severity = Literal["error", "warning", "info"]


class Pos(BaseModel):
    """A position in a source file. Lines and columns are 1-based; 0 means unknown."""

    model_config = ConfigDict(frozen=True)

    file: str = ""
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Node(BaseModel):
    """Base of every model element: it knows where it came from."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    pos: Pos = Field(default_factory=Pos)


# --------------------------------------------------------------------------- metadata


class Meta(Node):
    title: str = ""
    type: SpecType | None = None
    prd: str = ""
    author: str = ""
    date: str = ""  # as written (ISO date expected: YYYY-MM-DD)
    status: str = ""


# --------------------------------------------------------------------------- requirements


class Requirement(Node):
    """A user story (US-001) or an engineering requirement (ER-001)."""

    id: str
    summary: str = ""
    success_criteria: str = ""
    priority: Priority | None = None
    # Task IDs the requirement-mapping table names for this requirement.
    tasks: list[str] = Field(default_factory=list)


class Motivation(Node):
    """Engineering-initiated specs: the problem statement."""

    problem: str = ""
    why_now: str = ""
    out_of_scope: str = ""


class Decision(Node):
    decision: str
    alternatives: str = ""
    rationale: str = ""


class Dependency(Node):
    name: str
    kind: Literal["go", "npm", "other"] = "other"
    version: str = ""
    notes: str = ""


# --------------------------------------------------------------------------- data model


class Column(Node):
    name: str
    type: str  # PostgreSQL type as written, e.g. "UUID", "TEXT", "VARCHAR(255)"
    constraints: str = ""  # as written, e.g. "PK, DEFAULT gen_random_uuid()"
    notes: str = ""
    nullable: bool = True
    primary_key: bool = False
    unique: bool = False
    default: str | None = None
    references: str | None = None  # "table(column)"
    check_values: list[str] = Field(default_factory=list)  # CHECK (x IN (...))


class Index(Node):
    name: str
    columns: list[str] = Field(default_factory=list)
    unique: bool = False
    note: str = ""


class Relationship(Node):
    from_table: str
    from_column: str
    to_table: str
    to_column: str
    on_delete: str = ""  # e.g. "CASCADE"
    kind: str = ""  # e.g. "FK"


class Table(Node):
    name: str
    columns: list[Column] = Field(default_factory=list)
    indexes: list[Index] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)


class TableChange(Node):
    table: str
    change: str
    notes: str = ""


class SqlStatement(Node):
    """One SQL statement of a migration section, as written."""

    sql: str
    # Inside a `-- +goose StatementBegin` / `StatementEnd` block.
    block: bool = False


class Migration(Node):
    path: str  # as the spec names it, e.g. "migrations/20260216120000_create_invites.sql"
    version: str = ""  # "20260216120000" or "00002"
    description: str = ""  # "create_invites"
    up: list[SqlStatement] = Field(default_factory=list)
    down: list[SqlStatement] = Field(default_factory=list)
    has_up: bool = False
    has_down: bool = False
    no_transaction: bool = False
    # From the migration order table; None when the table does not say.
    backward_compatible: bool | None = None
    order_notes: str = ""
    # The whole SQL block as written (goose annotations included).
    text: str = ""


# --------------------------------------------------------------------------- Go code


class GoField(Node):
    name: str  # Go field name; "" for an embedded field
    type: str  # Go type as written, e.g. "*time.Time", "[]string", "uuid.UUID"
    embedded: bool = False
    tag: str = ""  # raw struct tag without backquotes
    json_name: str | None = None  # None: no json tag
    omitempty: bool = False
    json_string: bool = False  # ",string"
    json_skip: bool = False  # json:"-"
    validation: str = ""  # the `validate` tag, e.g. "required,email"
    db: str | None = None
    query: str | None = None  # query:"…" or form:"…"
    comment: str = ""


class GoStruct(Node):
    name: str
    type_params: str = ""  # "[T any]" for generic structs
    fields: list[GoField] = Field(default_factory=list)
    doc: str = ""
    # Where the spec puts the declaration (DESIGN §19): the file its block names
    # (``// internal/tags/store.go``) and the block's ``package`` clause; "" when unstated.
    file: str = ""
    package: str = ""


class GoParam(Node):
    name: str = ""
    type: str


class GoMethod(Node):
    name: str
    params: list[GoParam] = Field(default_factory=list)
    results: list[GoParam] = Field(default_factory=list)
    doc: str = ""


class GoInterface(Node):
    name: str
    methods: list[GoMethod] = Field(default_factory=list)
    doc: str = ""
    # Where the spec puts the declaration (DESIGN §19): the file its block names
    # (``// internal/tags/store.go``) and the block's ``package`` clause; "" when unstated.
    file: str = ""
    package: str = ""


class GoEnum(Node):
    """A named type with a const block of values: `type Status string` + consts."""

    name: str
    underlying: str = "string"
    values: list[str] = Field(default_factory=list)  # the constant *values*
    consts: list[str] = Field(default_factory=list)  # the constant names
    # Where the spec puts the declaration (DESIGN §19): the file its block names
    # (``// internal/tags/store.go``) and the block's ``package`` clause; "" when unstated.
    file: str = ""
    package: str = ""


class GoNamedType(Node):
    """Any other named type declaration: `type InviteID uuid.UUID`."""

    name: str
    underlying: str
    # Where the spec puts the declaration (DESIGN §19): the file its block names
    # (``// internal/tags/store.go``) and the block's ``package`` clause; "" when unstated.
    file: str = ""
    package: str = ""


class GoFunc(Node):
    """A function or method signature written in a spec code block."""

    name: str
    receiver: str = ""  # "*InviteService"
    params: list[GoParam] = Field(default_factory=list)
    results: list[GoParam] = Field(default_factory=list)


# --------------------------------------------------------------------------- TypeScript


class TsField(Node):
    name: str
    type: str  # as written, without `| null` / `| undefined`, e.g. "string", "Invite[]"
    optional: bool = False  # `?`
    nullable: bool = False  # `| null`
    undefinable: bool = False  # `| undefined`
    # String-literal union members when the type is one: ["pending", "accepted"].
    literals: list[str] = Field(default_factory=list)
    readonly: bool = False


class TsType(Node):
    name: str
    kind: Literal["interface", "alias"] = "interface"
    extends: list[str] = Field(default_factory=list)
    fields: list[TsField] = Field(default_factory=list)
    # For an alias that is not an object type: its right-hand side as written.
    alias_of: str = ""
    # For an alias that is a union of string literals.
    literals: list[str] = Field(default_factory=list)
    exported: bool = False
    file: str = ""  # the file the spec says it lives in ("// src/types/invites.ts")


# --------------------------------------------------------------------------- API


class HandlerRef(Node):
    """`handlers.CreateInvite` or `handlers.InviteHandler.Create`, `in path/to/file.go`."""

    package: str
    function: str
    receiver: str = ""  # handler type for methods, e.g. "InviteHandler"
    file: str = ""


class ErrorResponse(Node):
    status: int
    condition: str = ""
    body: str = ""
    # Resolved: the Error Taxonomy entry (its Go name) this row maps to, if any.
    error: str = ""


class QueryParam(Node):
    name: str
    type: str = "string"  # Go type as the spec implies it: "int", "string", "uuid.UUID", "[]string"
    required: bool = False
    description: str = ""
    # Defaults and bounds where the spec states them (a table, a `validate` tag, prose).
    # ``minimum``/``maximum`` follow the validator's meaning: the value for numbers, the
    # length for strings, the item count for repeated parameters.
    default: str | None = None  # as written: "50", "updated_desc", "" (empty string)
    minimum: int | None = None
    maximum: int | None = None
    enum: list[str] = Field(default_factory=list)  # the values a `oneof` or a list allows
    repeated: bool = False  # `?tag_id=a&tag_id=b`


class Auth(Node):
    text: str = ""  # as written
    required: bool = True
    role: str = ""  # e.g. "workspace admin"; several roles joined with " or "
    # The caller must own the resource ("owner of the key"): checked in code, not a role.
    ownership: bool = False
    # Go middleware the text names, as written (`auth.Middleware.RequireOrgMember`,
    # `auth.RequireTeamRole(auth.RoleMember)`): the routes are registered behind them.
    middleware: list[str] = Field(default_factory=list)


class Endpoint(Node):
    method: str
    path: str
    path_params: list[str] = Field(default_factory=list)
    description: str = ""
    handler: HandlerRef | None = None
    auth: Auth | None = None
    rate_limit: str = ""
    idempotency: str = ""
    request: str = ""  # Go struct name
    # The spec says explicitly that there is no request body (`**Request struct:** none`).
    request_none: bool = False
    response: str = ""  # Go struct name
    ts_request: str = ""  # TS type name
    ts_response: str = ""
    success_status: int = 200
    success_status_explicit: bool = False
    query: list[QueryParam] = Field(default_factory=list)
    cursor_pagination: bool = False
    errors: list[ErrorResponse] = Field(default_factory=list)
    # Interface methods the endpoint calls ("InviteStore.Create"), where the spec names them.
    calls: list[str] = Field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


class Wire(BaseModel):
    """How the spec's JSON looks on the wire, as its error tables or conventions show it.

    A convention of the whole spec, not an element at one line.
    """

    model_config = ConfigDict(extra="forbid")

    # The error body as the spec shows it, e.g. '{"error": "…"}' or
    # '{"error": {"code": "…", "message": "…"}}'; "" when the spec shows none.
    error_body: str = ""
    error_nested: bool = False  # {"error": {…}} rather than {"error": "…"}
    # The key a success envelope wraps bodies in ("data" for {"data": …}); "" for none.
    success_envelope: str = ""


class ConsumedEndpoint(Node):
    """A row of a frontend file's "Endpoints Consumed" table: which TS types the client
    uses for an endpoint the backend file defines (`User` for `UserResponse`)."""

    method: str
    path: str
    ts_request: str = ""
    ts_response: str = ""


class Event(Node):
    name: str
    channel: str = ""
    payload: str = ""  # as written (JSON or Go/TS)
    payload_fields: dict[str, str] = Field(default_factory=dict)
    delivery: str = ""
    trigger: str = ""


# --------------------------------------------------------------------------- modules


class FileEntry(Node):
    """A row of a "New Files" / "Modified Files" table (backend or frontend)."""

    path: str
    side: Literal["backend", "frontend"] = "backend"
    action: FileAction = "create"
    package: str = ""
    exports: str = ""  # "Exported Interface" column
    description: str = ""  # change description (modified files)


class Component(Node):
    path: str
    name: str = ""  # derived from the file name: "InviteDialog"
    kind: str = ""  # Page / Reusable / Feature
    shadcn: list[str] = Field(default_factory=list)  # ["Button", "Dialog", "Input"]
    props: str = ""  # props interface name
    description: str = ""
    # Resolved links.
    hooks: list[str] = Field(default_factory=list)
    types: list[str] = Field(default_factory=list)


class Hook(Node):
    name: str  # "useInvites" or "createInvite"
    path: str = ""
    description: str = ""
    endpoint: str = ""  # resolved: "METHOD path"


class TaxonomyError(Node):
    go_name: str  # ErrInviteExists, or package-qualified as written: "auth.ErrForbidden"
    status: int
    ts_name: str = ""  # InviteConflictError, or one shared class ("ApiError")
    message: str = ""
    log_level: str = ""
    code: str = ""  # the wire's machine code where the spec gives one ("NOT_FOUND")
    # The message its rows' error bodies show (`{"error": "Request validation failed."}`),
    # when they agree: what the server writes. ``message`` is what the user is shown.
    wire_message: str = ""
    existing: bool = False  # the spec marks it as already defined in the app

    @property
    def ident(self) -> str:
        """The Go identifier without its package: ``auth.ErrForbidden`` → ``ErrForbidden``."""
        return self.go_name.rsplit(".", 1)[-1]

    @property
    def package(self) -> str:
        """The package a qualified name names (``auth``), else ``""``."""
        return self.go_name.rsplit(".", 1)[0] if "." in self.go_name else ""


# --------------------------------------------------------------------------- tasks


class TaskFile(Node):
    action: FileAction
    path: str
    note: str = ""


class Shorthand(Node):
    """A shell function or alias the spec defines once for its done commands
    (`goosec() { goose -dir migrations postgres "$DATABASE_URL" "$@"; }`)."""

    code: str  # as written
    name: str  # goosec
    body: str  # what it stands for, `"$@"` where its arguments go


class Task(Node):
    id: str  # T-001
    title: str = ""
    implements: list[str] = Field(default_factory=list)
    description: str = ""
    files: list[TaskFile] = Field(default_factory=list)
    done: str = ""  # the done condition as written
    done_commands: list[str] = Field(default_factory=list)  # commands found in `code spans`
    dependencies: list[str] = Field(default_factory=list)
    phase: str = ""  # "Phase 1: Data Model"
    checked: bool | None = None  # `- [x] **T-001:**` claims done; None when no checkbox


# --------------------------------------------------------------------------- testing/ops


class Row(Node):
    """A table row kept by column header (testing, monitoring, … tables)."""

    cells: dict[str, str] = Field(default_factory=dict)


class TestTable(Node):
    kind: str  # "Backend Unit Tests (Go)", … as the heading says
    rows: list[Row] = Field(default_factory=list)


class ChecklistItem(Node):
    text: str
    checked: bool = False


class FeatureFlag(Node):
    name: str
    default: str = ""
    cleanup: str = ""


class Risk(Node):
    risk: str
    impact: str = ""
    mitigation: str = ""


class OpenQuestion(Node):
    question: str
    owner: str = ""
    target: str = ""


class Assumption(Node):
    text: str


class Section(Node):
    """A heading the reader saw, for rules about structure (missing/extra sections)."""

    title: str
    level: int
    number: str = ""  # "4" for "## 4. API Design"


# --------------------------------------------------------------------------- problems


class Problem(Node):
    """Something a reader could not make sense of; `check` reports it as a diagnostic."""

    rule: str
    severity: Severity = "error"
    message: str


# --------------------------------------------------------------------------- the spec


class Spec(Node):
    """One tech spec, or several merged into one feature (see :func:`merge_specs`)."""

    schema_version: int = SCHEMA_VERSION
    sources: list[str] = Field(default_factory=list)
    meta: Meta = Field(default_factory=Meta)
    summary: str = ""
    motivation: Motivation | None = None
    requirements: list[Requirement] = Field(default_factory=list)
    system_context: str = ""
    decisions: list[Decision] = Field(default_factory=list)
    new_patterns: str = ""
    dependencies: list[Dependency] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    modified_tables: list[TableChange] = Field(default_factory=list)
    migrations: list[Migration] = Field(default_factory=list)
    endpoints: list[Endpoint] = Field(default_factory=list)
    wire: Wire = Field(default_factory=Wire)
    consumed: list[ConsumedEndpoint] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    go_structs: list[GoStruct] = Field(default_factory=list)
    go_interfaces: list[GoInterface] = Field(default_factory=list)
    go_enums: list[GoEnum] = Field(default_factory=list)
    go_types: list[GoNamedType] = Field(default_factory=list)
    go_funcs: list[GoFunc] = Field(default_factory=list)
    ts_types: list[TsType] = Field(default_factory=list)
    files: list[FileEntry] = Field(default_factory=list)
    components: list[Component] = Field(default_factory=list)
    shadcn_install: list[str] = Field(default_factory=list)
    hooks: list[Hook] = Field(default_factory=list)
    errors: list[TaxonomyError] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    shorthands: list[Shorthand] = Field(default_factory=list)
    tests: list[TestTable] = Field(default_factory=list)
    manual_checks: list[ChecklistItem] = Field(default_factory=list)
    feature_flags: list[FeatureFlag] = Field(default_factory=list)
    monitoring: list[Row] = Field(default_factory=list)
    backward_compatibility: str = ""
    rollback: str = ""
    risks: list[Risk] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    assumptions: list[Assumption] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    # What the reader could not make sense of. Not part of the spec's meaning.
    problems: list[Problem] = Field(default_factory=list)

    # ------------------------------------------------------------------ lookups

    def struct(self, name: str) -> GoStruct | None:
        return next((s for s in self.go_structs if s.name == name), None)

    def interface(self, name: str) -> GoInterface | None:
        return next((i for i in self.go_interfaces if i.name == name), None)

    def ts_type(self, name: str) -> TsType | None:
        return next((t for t in self.ts_types if t.name == name), None)

    def table(self, name: str) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def error(self, go_name: str) -> TaxonomyError | None:
        """The taxonomy entry named ``go_name``: exactly, else by its bare identifier when
        that is unique (``ErrForbidden`` finds ``auth.ErrForbidden``)."""
        exact = next((e for e in self.errors if e.go_name == go_name), None)
        if exact is not None:
            return exact
        bare = go_name.rsplit(".", 1)[-1]
        hits = [e for e in self.errors if e.ident == bare]
        return hits[0] if len(hits) == 1 else None

    def endpoint(self, key: str) -> Endpoint | None:
        return next((e for e in self.endpoints if e.key == key), None)

    @property
    def slug(self) -> str:
        """The feature's name: the first spec file's stem (``workspace-invites``)."""
        from pathlib import PurePath

        if self.sources:
            return PurePath(self.sources[0]).stem
        return slugify(self.meta.title) or "feature"

    def semantic(self) -> dict:
        """The model without positions, sources and reader problems.

        Two readings of the same spec in two forms (markdown, YAML) are equal
        exactly when their ``semantic()`` dumps are equal.
        """
        return _strip(self.model_dump(exclude={"sources", "problems", "sections"}))


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "pos"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def slugify(text: str) -> str:
    out: list[str] = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


_LIST_FIELDS = [
    name
    for name, field in Spec.model_fields.items()
    if name not in {"sources", "sections", "problems"}
    and getattr(field.annotation, "__origin__", None) is list
]


def merge_specs(specs: list[Spec]) -> Spec:
    """Fold the spec files of one feature into one model.

    Metadata, summary and prose come from the first file that has them; every
    list is the concatenation in file order (IDs continue from one file to the
    next). Elements keep their own file in ``pos``.
    """
    if not specs:
        return Spec()
    if len(specs) == 1:
        return specs[0]
    first = specs[0]
    merged = first.model_copy(deep=True)
    merged.sources = [src for s in specs for src in s.sources]
    for name in _LIST_FIELDS + ["sections", "problems"]:
        setattr(merged, name, [item for s in specs for item in getattr(s, name)])
    for name in (
        "summary",
        "system_context",
        "new_patterns",
        "backward_compatibility",
        "rollback",
    ):
        if not getattr(merged, name):
            setattr(merged, name, next((getattr(s, name) for s in specs if getattr(s, name)), ""))
    if merged.motivation is None:
        merged.motivation = next((s.motivation for s in specs if s.motivation), None)
    if merged.wire == Wire():
        merged.wire = next((s.wire for s in specs if s.wire != Wire()), Wire())
    return merged
