"""The markdown reader: fixture specs per section and per variation real specs have."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from scaffold.model import Spec
from scaffold.read.markdown import RULES, read_markdown
from scaffold.read.markdown.api import parse_auth, path_params
from scaffold.read.markdown.blocks import Fence
from scaffold.read.markdown.context import sniff
from scaffold.read.markdown.modules import component_name, split_names
from scaffold.read.markdown.overview import dependency_kind, task_ids
from scaffold.read.markdown.tasks import is_command

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"

_cache: dict[str, Spec] = {}


def read(name: str) -> Spec:
    if name not in _cache:
        _cache[name] = read_markdown((FIXTURES / name).read_text(encoding="utf-8"), name)
    return _cache[name]


def problems(spec: Spec) -> list[tuple[str, int]]:
    return [(p.rule, p.pos.line) for p in spec.problems]


def example() -> Spec:
    if not EXAMPLE.exists():
        pytest.skip("generated_example spec not present")
    if "example" not in _cache:
        _cache["example"] = read_markdown(EXAMPLE.read_text(encoding="utf-8"), "ws.md")
    return _cache["example"]


# --------------------------------------------------------------------------- section values

E = Callable[[Spec], Any]

CASES: list[tuple[str, E, Any]] = [
    # metadata
    ("prd_numbered.md", lambda s: s.meta.title, "Team Badges"),
    ("prd_numbered.md", lambda s: s.meta.type, "PRD-driven"),
    ("prd_numbered.md", lambda s: s.meta.prd, "prds/team-badges.md"),  # from a link
    ("prd_numbered.md", lambda s: s.meta.author, "Ana Lima"),
    ("prd_numbered.md", lambda s: s.meta.date, "2026-10-02"),
    ("prd_numbered.md", lambda s: s.meta.status, "In Review"),
    ("columns_reordered.md", lambda s: s.meta.type, "PRD-driven"),  # lower-case "prd-driven"
    ("columns_reordered.md", lambda s: s.meta.status, "Approved"),  # lower-case "approved"
    ("columns_reordered.md", lambda s: s.meta.prd, "prds/reordered.md"),  # code span
    ("engineering_plain.md", lambda s: s.meta.type, "Engineering-initiated"),
    ("malformed.md", lambda s: s.meta.type, None),  # "Sideways": META002 reports it
    ("template.md", lambda s: s.meta.type, None),  # both choices left in
    # summary and prose sections
    (
        "prd_numbered.md",
        lambda s: s.summary,
        "Shows a badge next to each team member who finished onboarding.",
    ),
    (
        "prd_numbered.md",
        lambda s: s.system_context,
        "The API server and its database.\n\n```\nbrowser -> api -> postgres\n```",
    ),
    ("prd_numbered.md", lambda s: s.new_patterns.startswith("No new patterns"), True),
    # story mapping, task ranges expanded
    (
        "prd_numbered.md",
        lambda s: [(r.id, r.tasks) for r in s.requirements],
        [("US-001", ["T-001", "T-002"]), ("US-002", ["T-001", "T-002", "T-003"])],
    ),
    # engineering-initiated: motivation, ER table, mapping, block quote form
    (
        "engineering_plain.md",
        lambda s: (s.motivation.problem, s.motivation.why_now, s.motivation.out_of_scope),
        (
            "Fanout makes N+1 queries per channel; p95 is 800ms.",
            "Channel sizes double next quarter.",
            "- Changing the delivery protocol\n- Read receipts",
        ),
    ),
    (
        "engineering_plain.md",
        lambda s: [(r.id, r.priority, r.tasks) for r in s.requirements],
        [
            ("ER-001", "must", ["T-001", "T-002"]),
            ("ER-002", "should", ["T-002"]),
            ("ER-003", None, []),
            ("ER-004", None, ["T-003"]),
            ("ER-005", "may", []),
        ],
    ),
    (
        "engineering_plain.md",
        lambda s: (s.requirements[0].summary, s.requirements[0].success_criteria),
        ("Eliminate N+1 queries in fanout", "≤ 2 SQL queries per broadcast"),
    ),
    (
        "engineering_plain.md",
        lambda s: s.requirements[4].success_criteria,
        "Open, close and error events emit JSON logs.",
    ),
    # both requirement sections present: real rows read, placeholders skipped
    (
        "both_requirements.md",
        lambda s: [(r.id, r.summary, r.tasks) for r in s.requirements],
        [("US-001", "Members export their data", ["T-001", "T-002"])],
    ),
    # columns in another order, synonyms
    (
        "columns_reordered.md",
        lambda s: [(r.id, r.tasks) for r in s.requirements],
        [("US-001", ["T-001"])],
    ),
    ("columns_reordered.md", lambda s: s.requirements[0].summary, "Users pin a message"),
    (
        "columns_reordered.md",
        lambda s: [(d.name, d.kind, d.version, d.notes) for d in s.dependencies],
        [
            ("golang.org/x/sync", "go", "v1.2.0", "errgroup"),
            ("@tanstack/react-query", "npm", "5.0.0", "queries"),
        ],
    ),
    (
        "columns_reordered.md",
        lambda s: [(f.path, f.side, f.action, f.package, f.exports) for f in s.files][:1],
        [("internal/pins/store.go", "backend", "create", "pins", "PinStore")],
    ),
    (
        "columns_reordered.md",
        lambda s: [(c.name, c.kind, c.shadcn, c.props) for c in s.components],
        [
            ("PinButton", "Reusable", ["Button", "Tooltip", "Popover"], "PinButtonProps"),
            ("PinsPage", "Page", [], ""),
        ],
    ),
    (
        "columns_reordered.md",
        lambda s: [(h.name, h.path, h.endpoint) for h in s.hooks],
        [("usePins", "src/hooks/usePins.ts", "")],
    ),
    (
        "columns_reordered.md",
        lambda s: [(e.go_name, e.status, e.ts_name, e.message, e.log_level) for e in s.errors],
        [("ErrPinExists", 409, "PinConflictError", "Already pinned.", "warn")],
    ),
    # architecture
    (
        "prd_numbered.md",
        lambda s: [(d.decision, d.alternatives, d.rationale) for d in s.decisions],
        [("Compute badges on read", "Store a flag", "Fewer writes (US-001)")],
    ),
    (
        "prd_numbered.md",
        lambda s: [(d.name, d.kind) for d in s.dependencies],
        [
            ("github.com/google/uuid", "go"),
            ("@radix-ui/react-tooltip", "npm"),
            ("Redis", "other"),
        ],
    ),
    # data model: tables, columns (constraints via sqlkit), indexes, relationships
    ("data_model.md", lambda s: [t.name for t in s.tables], ["pins", "pin_audit"]),
    (
        "data_model.md",
        lambda s: [
            (c.name, c.type, c.nullable, c.primary_key, c.default) for c in s.tables[0].columns
        ],
        [
            ("id", "UUID", False, True, "gen_random_uuid()"),
            ("message_id", "UUID", False, False, None),
            ("state", "TEXT", False, False, "'active'"),
            ("note", "TEXT", True, False, None),
        ],
    ),
    ("data_model.md", lambda s: s.tables[0].columns[1].notes, "the pinned message"),
    # a relationship bullet fills the FK the constraints cell leaves out
    ("data_model.md", lambda s: s.tables[0].columns[1].references, "messages(id)"),
    ("data_model.md", lambda s: s.tables[1].columns[1].references, "pins(id)"),
    (
        "data_model.md",
        lambda s: [(i.name, i.columns, i.unique, i.note) for i in s.tables[0].indexes],
        [
            ("idx_pins_message", ["message_id"], False, "lookup by message"),
            ("uq_pins_message_state", ["message_id", "state"], True, "one pin per state"),
            ("idx_pins_note", ["note"], True, ""),
            ("idx_pins_state", ["state"], True, "unique per state"),
        ],
    ),
    (
        "data_model.md",
        lambda s: [
            (r.from_table, r.from_column, r.to_table, r.to_column, r.on_delete, r.kind)
            for r in s.tables[0].relationships
        ],
        [
            ("pins", "message_id", "messages", "id", "CASCADE", "FK"),
            ("pins", "note", "notes", "id", "", ""),
        ],
    ),
    (
        "data_model.md",
        lambda s: [(m.table, m.change, m.notes) for m in s.modified_tables],
        [("messages", "Add column pinned_count INT NOT NULL DEFAULT 0", "Backward-compatible")],
    ),
    # migrations: heading, paragraph or comment names the file; fence with or without language
    (
        "data_model.md",
        lambda s: [(m.path, m.version, m.description, m.backward_compatible) for m in s.migrations],
        [
            (
                "migrations/20260801090200_add_pinned_count.sql",
                "20260801090200",
                "add_pinned_count",
                None,
            ),
            ("migrations/20260801090000_create_pins.sql", "20260801090000", "create_pins", True),
            (
                "db/migrations/20260801090100_create_pin_audit.sql",
                "20260801090100",
                "create_pin_audit",
                False,
            ),
            ("migrations/add_pinned_count.sql", "", "", None),
        ],
    ),
    (
        "data_model.md",
        lambda s: [(len(m.up), len(m.down), m.has_up, m.has_down) for m in s.migrations[:3]],
        [(1, 1, True, True)] * 3,
    ),
    ("data_model.md", lambda s: s.migrations[1].order_notes, "first"),
    (
        "data_model.md",
        lambda s: s.migrations[1].text.startswith("-- +goose Up\nCREATE TABLE pins"),
        True,
    ),
    # endpoints
    (
        "endpoints.md",
        lambda s: [e.key for e in s.endpoints],
        [
            "POST /api/v1/channels/{channel_id}/pins",
            "GET /api/v1/channels/:channel_id/pins",
            "DELETE /api/v1/pins/{pin_id}",
            "PUT /api/v1/pins/{pin_id}/note",
            "GET /api/v1/search",
            "PATCH /api/v1/broken",
        ],
    ),
    (
        "endpoints.md",
        lambda s: [e.path_params for e in s.endpoints][:3],
        [["channel_id"]] * 2 + [["pin_id"]],
    ),
    (
        "endpoints.md",
        lambda s: [
            (h.package, h.receiver, h.function, h.file) if (h := e.handler) else None
            for e in s.endpoints
        ],
        [
            ("handlers", "PinHandler", "Create", "internal/handlers/pins.go"),
            ("handlers", "", "ListPins", "internal/handlers/pins.go"),
            ("handlers", "PinHandler", "Delete", "internal/handlers/pins.go"),
            ("pinapi", "", "UpdatePinNote", "internal/api/pinapi/note.go"),  # package from the file
            ("handlers", "", "Search", "internal/handlers/search.go"),
            None,
        ],
    ),
    (
        "endpoints.md",
        lambda s: [(a.required, a.role) if (a := e.auth) else None for e in s.endpoints],
        [
            (True, "channel owner or workspace admin"),
            (False, ""),  # none
            (False, ""),  # public
            (False, ""),  # -
            (True, ""),  # authenticated user
            None,
        ],
    ),
    (
        "endpoints.md",
        lambda s: (s.endpoints[0].rate_limit, s.endpoints[0].idempotency),
        ("10 per minute per user", "Repeating returns 200 with the existing pin."),
    ),
    (
        "endpoints.md",
        lambda s: [(e.request, e.response) for e in s.endpoints],
        [
            ("CreatePinRequest", "PinResponse"),  # PinResponse, not the nested UserSummary
            ("", "ListPinsResponse"),
            ("", ""),
            ("UpdateNoteRequest", ""),  # fence without a language tag
            ("SearchRequest", "SearchResponse"),
            ("", ""),
        ],
    ),
    (
        "endpoints.md",
        lambda s: [(e.ts_request, e.ts_response) for e in s.endpoints[:2]],
        [("CreatePinRequest", "PinResponse"), ("", "ListPinsResponse")],
    ),
    (
        "endpoints.md",
        lambda s: [(e.success_status, e.success_status_explicit) for e in s.endpoints],
        [(201, True), (200, True), (204, False), (202, True), (200, False), (204, False)],
    ),
    (
        "endpoints.md",
        lambda s: [[(q.name, q.type, q.required) for q in e.query] for e in s.endpoints],
        [
            [],
            [("cursor", "string", False), ("limit", "int", True)],  # query table
            [],
            [],
            [("q", "string", True), ("limit", "int", False)],  # query:"…" / form:"…" tags
            [("page", "int", True), ("size", "int", False)],  # **Query:** line
        ],
    ),
    (
        "endpoints.md",
        lambda s: [e.cursor_pagination for e in s.endpoints],
        [False, True, False, False, False, False],
    ),
    (
        "endpoints.md",
        lambda s: [(x.status, x.condition, x.body) for x in s.endpoints[0].errors],
        [
            (400, "Invalid body", '{"error": "bad"}'),
            (403, "Not a member (ErrForbidden)", '{"error": "no"}'),
            (409, "Already pinned", '{"error": "Already pinned."}'),
        ],
    ),
    ("endpoints.md", lambda s: s.endpoints[0].calls, ["PinStore.Create"]),
    ("endpoints.md", lambda s: s.endpoints[2].description, "Removes the pin."),
    # validation prose: the struct tags stay the truth
    (
        "endpoints.md",
        lambda s: [f.validation for f in s.struct("CreatePinRequest").fields],
        ["required,uuid", "max=200"],
    ),
    # events
    (
        "endpoints.md",
        lambda s: [(e.name, e.channel, e.delivery, e.trigger, e.payload_fields) for e in s.events],
        [
            (
                "pin.created",
                "channel:{channel_id}",
                "at-least-once",
                "A pin is created.",
                {"pin_id": "string"},
            ),
            ("pin.deleted", "", "", "", {"pin_id": "string"}),
        ],
    ),
    # Go declarations of every fence
    (
        "endpoints.md",
        lambda s: sorted(x.name for x in s.go_structs),
        sorted(
            [
                "CreatePinRequest",
                "PinResponse",
                "UserSummary",
                "ListPinsResponse",
                "UpdateNoteRequest",
                "SearchRequest",
                "SearchResponse",
                "PinCreatedEvent",
            ]
        ),
    ),
    ("endpoints.md", lambda s: [i.name for i in s.go_interfaces], ["PinStore"]),
    # frontend: components, shadcn install lines, TS types and their files, hooks, taxonomy
    (
        "frontend.md",
        lambda s: [(c.name, c.path, c.kind, c.shadcn, c.props) for c in s.components],
        [
            (
                "PinList",
                "src/components/pins/PinList.tsx",
                "Feature",
                ["Table", "Badge"],
                "PinListProps",
            ),
            ("PinCard", "src/components/pins/pin-card.tsx", "Reusable", ["Card"], "PinCardProps"),
            ("Pins", "src/components/pins/index.tsx", "Reusable", [], ""),
        ],
    ),
    ("frontend.md", lambda s: s.components[0].description, "the table of pins."),
    (
        "frontend.md",
        lambda s: [(f.path, f.side, f.action) for f in s.files if f.action == "modify"],
        [("internal/server/router.go", "backend", "modify"), ("src/App.tsx", "frontend", "modify")],
    ),
    ("frontend.md", lambda s: s.shadcn_install, ["table", "badge", "card", "tooltip", "dialog"]),
    (
        "frontend.md",
        lambda s: [(t.name, t.file) for t in s.ts_types],
        [
            ("PinState", "src/types/pins.ts"),  # file named in the paragraph before the fence
            ("Pin", "src/types/pins.ts"),
            ("PinListProps", "src/types/pin-props.ts"),  # `// [path]` comment
        ],
    ),
    (
        "frontend.md",
        lambda s: [(h.name, h.path, h.endpoint) for h in s.hooks],
        [
            ("usePins", "src/hooks/usePins.ts", "GET /api/v1/pins"),
            # createPin is a client function the table lists, not a hook (issue 11, class 25)
            ("usePin", "src/hooks/usePin.ts", ""),
        ],
    ),
    (
        "frontend.md",
        lambda s: [(e.go_name, e.status, e.ts_name) for e in s.errors],
        [("ErrPinExists", 409, "PinConflictError"), ("ErrPinNotFound", 404, "PinNotFoundError")],
    ),
    # tasks in every form
    (
        "tasks_forms.md",
        lambda s: [t.id for t in s.tasks],
        ["T-001", "T-002", "T-003", "T-004", "T-005"],
    ),
    (
        "tasks_forms.md",
        lambda s: [t.phase for t in s.tasks],
        ["Phase 1: Data Model"] * 2 + ["Phase 2: Backend Logic & API"] + ["Phase 4: Frontend"] * 2,
    ),
    ("tasks_forms.md", lambda s: [t.checked for t in s.tasks], [True, False, None, None, None]),
    (
        "tasks_forms.md",
        lambda s: [t.title for t in s.tasks],
        [
            "Add the pins table",
            "Add the store",
            "Create the pin endpoint",
            "Build the pin button",
            "Paragraph-form task",
        ],
    ),
    (
        "tasks_forms.md",
        lambda s: [t.implements for t in s.tasks],
        [["ER-001", "ER-002"], ["ER-001"], ["ER-002"], ["ER-002"], ["ER-001"]],
    ),
    (
        "tasks_forms.md",
        lambda s: s.tasks[0].description,
        "Create the migration. It spans two lines.",
    ),
    (
        "tasks_forms.md",
        lambda s: [[(f.action, f.path, f.note) for f in t.files] for t in s.tasks],
        [
            [
                ("create", "migrations/20260801090000_create_pins.sql", ""),
                ("create", "internal/pins/a.go", ""),
                ("create", "internal/pins/a_test.go", ""),
            ],
            [
                ("modify", "internal/server/router.go", "register RegisterPinRoutes"),
                ("modify", "internal/pins/store.go", "add List"),
                ("create", "internal/pins/extra.go", ""),
            ],
            [
                ("create", "internal/handlers/pins.go", ""),
                ("modify", "internal/api/router.go", "register the new route"),
            ],
            [("create", "src/components/PinButton.tsx", "")],
            [],
        ],
    ),
    (
        "tasks_forms.md",
        lambda s: [t.done_commands for t in s.tasks],
        [
            ["goose status", "CGO_ENABLED=0 go test ./internal/pins/..."],
            ["go test ./internal/pins/... -run TestStore"],
            ["go test ./internal/handlers/... -run TestCreatePin"],
            ["npm run test -- src/components/PinButton.test.tsx", "npx vitest run"],
            ["make test"],
        ],
    ),
    (
        "tasks_forms.md",
        lambda s: [t.dependencies for t in s.tasks],
        [[], ["T-001"], ["T-001", "T-002"], ["T-003"], ["T-001", "T-002", "T-003"]],
    ),
    ("tasks_forms.md", lambda s: s.tasks[2].done.endswith("Manual test: POST returns 201."), True),
    # testing, ops, risks, questions, assumptions
    (
        "ops.md",
        lambda s: [(t.kind, len(t.rows)) for t in s.tests],
        [("Backend Unit Tests (Go)", 2), ("End-to-End Tests", 1)],
    ),
    (
        "ops.md",
        lambda s: s.tests[1].rows[0].cells,
        {
            "Framework": "Playwright",
            "User Flow / Scenario": "Pin a message",
            "Steps": "open → pin",
            "Maps to Requirement": "US-001",
        },
    ),
    (
        "ops.md",
        lambda s: [(c.text, c.checked) for c in s.manual_checks],
        [
            ("Badge colours in dark mode", False),
            ("Tooltip on touch devices", True),
            ("Screen reader announces the pin", False),
        ],
    ),
    (
        "ops.md",
        lambda s: [(f.name, f.default, f.cleanup) for f in s.feature_flags],
        [("pins_enabled", "off", "2026-12-01")],
    ),
    (
        "ops.md",
        lambda s: [r.cells for r in s.monitoring],
        [{"Metric": "pin_create_errors", "Alert Threshold": "> 1%", "Dashboard": "Pins"}],
    ),
    (
        "ops.md",
        lambda s: s.backward_compatibility,
        "New tables only.\n\nOld clients ignore the new field.",
    ),
    ("ops.md", lambda s: s.rollback, "1. Turn `pins_enabled` off.\n2. `goose down` once."),
    (
        "ops.md",
        lambda s: [(r.risk, r.impact, r.mitigation) for r in s.risks],
        [("Hot channel", "Slow list", "Index")],
    ),
    (
        "ops.md",
        lambda s: [(q.question, q.owner, q.target) for q in s.open_questions],
        [("Cap pins per channel?", "Ana", "2026-11-30")],
    ),
    (
        "ops.md",
        lambda s: [a.text for a in s.assumptions],
        [
            "Channels have at most 1000 pins.",
            "Members can see pins.",
            "Plain assumption without prefix.",
        ],
    ),
    # every heading is recorded, with its number; extra sections are kept
    (
        "ops.md",
        lambda s: [(x.level, x.number, x.title) for x in s.sections if x.level <= 2],
        [
            (1, "", "Tech Spec: Ops Sections"),
            (2, "7", "Testing Strategy"),
            (2, "8", "Rollout & Operations"),
            (2, "9", "Open Questions & Risks"),
            (2, "10", "Assumptions"),
            (2, "11", "Glossary"),
        ],
    ),
    # loose layout: no New Tables / Goose Migrations headings, endpoint sub-headings
    (
        "loose_layout.md",
        lambda s: [(t.name, [c.name for c in t.columns]) for t in s.tables],
        [("invites", ["id"])],
    ),
    (
        "loose_layout.md",
        lambda s: [(m.path, m.backward_compatible, len(m.up)) for m in s.migrations],
        [("migrations/20261001000000_create_invites.sql", True, 1)],  # ✅ in the order table
    ),
    (
        "loose_layout.md",
        lambda s: [
            (e.key, e.response, e.success_status, [x.status for x in e.errors]) for e in s.endpoints
        ],
        [("GET /api/v1/invites/{id}", "InviteResponse", 200, [404])],
    ),
    # the template's own example snippets
    (
        "template_snippets.md",
        lambda s: [(r.id, r.priority) for r in s.requirements],
        [("ER-001", "must"), ("ER-002", "must"), ("ER-003", "should"), ("ER-004", "may")],
    ),
    (
        "template_snippets.md",
        lambda s: [(m.path, m.version, len(m.up), len(m.down)) for m in s.migrations],
        [("migrations/20260216120000_create_invites.sql", "20260216120000", 4, 1)],
    ),
    (
        "template_snippets.md",
        lambda s: (
            s.endpoints[0].request,
            s.endpoints[0].response,
            s.endpoints[0].ts_request,
            s.endpoints[0].ts_response,
            s.endpoints[0].auth.role,
            [x.status for x in s.endpoints[0].errors],
        ),
        (
            "CreateInviteRequest",
            "InviteResponse",
            "CreateInviteRequest",
            "InviteResponse",
            "workspace:admin",
            [400, 403, 409],
        ),
    ),
    (
        "template_snippets.md",
        lambda s: [m.name for m in s.interface("InviteStore").methods],
        ["Create", "GetByToken"],
    ),
    ("template_snippets.md", lambda s: s.shadcn_install, ["dialog"]),
    ("template_snippets.md", lambda s: s.ts_type("Invite").file, "src/types/invites.ts"),
    (
        "template_snippets.md",
        lambda s: [(t.id, t.implements, t.dependencies, t.done_commands) for t in s.tasks],
        [
            ("T-001", ["ER-002"], [], ["goose status"]),
            (
                "T-002",
                ["ER-001"],
                ["T-001"],
                ["go test ./src/messaging/... -run TestBroadcastToChannel"],
            ),
            (
                "T-003",
                ["ER-003", "ER-004"],
                ["T-001", "T-002"],
                ["go test ./src/api/handlers/... -run TestCreateInvite"],
            ),
        ],
    ),
    (
        "template_snippets.md",
        lambda s: [(f.action, f.path, f.note) for f in s.tasks[1].files],
        [
            ("create", "src/messaging/members.go", ""),
            ("create", "src/messaging/members_test.go", ""),
            (
                "modify",
                "src/messaging/fanout.go",
                "replace member lookup loop with call to getActiveMembers",
            ),
        ],
    ),
]


@pytest.mark.parametrize(
    "fixture,get,expected",
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_section_values(fixture: str, get: E, expected: Any) -> None:
    assert get(read(fixture)) == expected


# --------------------------------------------------------------------------- problems

PROBLEMS: list[tuple[str, list[tuple[str, int]]]] = [
    ("prd_numbered.md", []),
    ("template_snippets.md", []),
    ("ops.md", []),
    ("loose_layout.md", []),
    ("tasks_forms.md", [("SPEC062", 24), ("SPEC062", 48)]),
    ("engineering_plain.md", [("SPEC064", 31), ("SPEC063", 39)]),
    ("both_requirements.md", [("SPEC053", 10), ("SPEC053", 20), ("SPEC053", 24)]),
    ("columns_reordered.md", [("SPEC054", 53)]),
    (
        "data_model.md",
        [("SPEC061", 27), ("SPEC058", 74), ("SPEC058", 74), ("SPEC060", 84), ("SPEC059", 85)],
    ),
    (
        "endpoints.md",
        [("SPEC054", 63), ("SPEC056", 154), ("SPEC057", 157)],
    ),
    (
        "malformed.md",
        [
            ("SPEC051", 11),
            ("SPEC051", 12),
            ("SPEC054", 13),
            ("SPEC050", 16),
            ("SPEC057", 16),
            ("SPEC020", 17),  # Go syntax, from the Go reader
        ],
    ),
]


@pytest.mark.parametrize("fixture,expected", PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_problems(fixture: str, expected: list[tuple[str, int]]) -> None:
    assert problems(read(fixture)) == expected


def test_problem_messages_say_what_to_do() -> None:
    for name in ("malformed.md", "data_model.md", "endpoints.md", "tasks_forms.md"):
        for p in read(name).problems:
            assert p.pos.file == name and p.pos.line > 0 and p.pos.column > 0
            assert p.severity in ("error", "warning")
            assert len(p.message) > 30, p.message


def test_rule_ids_are_documented() -> None:
    used: set[str] = set()
    for path in (ROOT / "scaffold" / "read" / "markdown").glob("*.py"):
        used |= set(re.findall(r'"(SPEC0\d\d)"', path.read_text()))
    assert used <= set(RULES), used - set(RULES)
    assert all(r.startswith("SPEC0") and 50 <= int(r[4:]) <= 69 for r in RULES)


def test_template_itself_reads_with_placeholder_warnings_only() -> None:
    spec = read("template.md")
    rules = {p.rule for p in spec.problems}
    # placeholders, template note, placeholder migration names; the placeholder SQL is not SQL
    assert rules <= {"SPEC053", "SPEC058", "SPEC059", "SPEC061", "SPEC062", "SPEC063", "SQL005"}
    assert all(p.severity == "warning" for p in spec.problems if p.rule.startswith("SPEC"))
    titles = [s.title for s in spec.sections if s.level == 2]
    assert titles[0] == "Overview" and titles[-1] == "Assumptions" and len(titles) == 10
    assert [s.name for s in spec.go_structs] == ["CreateInviteRequest", "InviteResponse"]
    assert [i.name for i in spec.go_interfaces] == ["InviteStore"]
    assert spec.ts_type("Invite").file == "src/types/invites.ts"
    assert spec.endpoints == [] and spec.events == []
    assert [t.id for t in spec.tasks] == ["T-001", "T-002"]


# --------------------------------------------------------------------------- the bundled example


def test_example_reads_without_problems() -> None:
    spec = example()
    assert [(p.rule, p.pos.line, p.message) for p in spec.problems] == []


def test_example_counts() -> None:
    spec = example()
    counts = {
        name: len(getattr(spec, name))
        for name in (
            "requirements",
            "decisions",
            "dependencies",
            "tables",
            "migrations",
            "endpoints",
            "events",
            "go_structs",
            "go_interfaces",
            "go_enums",
            "ts_types",
            "components",
            "shadcn_install",
            "hooks",
            "errors",
            "tasks",
            "tests",
            "manual_checks",
            "feature_flags",
            "monitoring",
            "risks",
            "open_questions",
            "assumptions",
        )
    }
    assert counts == {
        "requirements": 5,
        "decisions": 7,
        "dependencies": 7,
        "tables": 2,
        "migrations": 2,
        "endpoints": 4,
        "events": 1,
        "go_structs": 10,
        "go_interfaces": 4,
        "go_enums": 3,
        "ts_types": 11,
        "components": 3,
        "shadcn_install": 4,
        "hooks": 4,
        "errors": 10,
        "tasks": 14,
        "tests": 5,
        "manual_checks": 3,
        "feature_flags": 1,
        "monitoring": 3,
        "risks": 3,
        "open_questions": 3,
        "assumptions": 6,
    }


def test_example_details() -> None:
    spec = example()
    assert spec.meta.type == "PRD-driven" and spec.meta.status == "Approved"
    create, lst, accept, revoke = spec.endpoints
    assert (create.success_status, lst.success_status, accept.success_status) == (201, 200, 200)
    assert (revoke.success_status, revoke.success_status_explicit, revoke.response) == (
        204,
        True,
        "",
    )
    assert [q.name for q in lst.query] == ["cursor", "limit"] and lst.cursor_pagination
    assert create.auth.role == "workspace admin" and accept.auth.role == ""
    assert [e.status for e in accept.errors] == [401, 403, 404, 409, 409, 410, 410]
    assert accept.errors[0].condition == "No signed-in user (ErrUnauthenticated)"
    assert accept.errors[0].body == '{"error": "Sign in to continue."}'
    assert [m.backward_compatible for m in spec.migrations] == [True, True]
    assert [t.id for t in spec.tasks] == [f"T-{i:03d}" for i in range(1, 15)]
    assert spec.tasks[0].done_commands == ["goose up", "goose status", "goose down && goose up"]
    assert spec.ts_type("InviteStatus").file == "web/src/types/invites.ts"
    assert spec.components[0].description.startswith("a form")


def test_example_positions_point_at_their_source() -> None:
    spec = example()
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")

    def at(node: Any) -> str:
        assert node.pos.file == "ws.md"
        return lines[node.pos.line - 1]

    assert at(spec.endpoints[0]).startswith("### POST")
    assert at(spec.tables[0]) == "#### invites"
    assert at(spec.tables[0].columns[2]).startswith("| email |")
    assert "idx_invites_token" in at(spec.tables[0].indexes[0])
    assert at(spec.migrations[0]).startswith("#### `migrations/20261124000001")
    assert at(spec.migrations[0].up[0]).startswith("CREATE TABLE invites")
    assert at(spec.struct("CreateInviteRequest")).startswith("type CreateInviteRequest struct")
    assert at(spec.tasks[3]).startswith("- **T-004:**")
    assert at(spec.tasks[3].files[0]).strip() == "- Create: `internal/store/invites.go`"
    assert at(spec.errors[0]).startswith("| ErrInvalidRequest")
    assert at(spec.hooks[0]).startswith("| `useInvites")
    assert at(spec.assumptions[0]).startswith("- [ASSUMPTION]")
    assert at(spec.requirements[0]).startswith("| US-001")
    col = spec.tasks[0].pos.column
    assert lines[spec.tasks[0].pos.line - 1][col - 1 :].startswith("T-001")


def _nodes(value: Any, where: str = "spec") -> list[tuple[str, Any]]:
    from pydantic import BaseModel

    out: list[tuple[str, Any]] = []
    if isinstance(value, BaseModel):
        if "pos" in type(value).model_fields:
            out.append((where, value))
        for name in type(value).model_fields:
            if name != "pos":
                out.extend(_nodes(getattr(value, name), f"{where}.{name}"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_nodes(v, f"{where}[{i}]"))
    return out


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_every_element_has_a_position(fixture: str) -> None:
    spec = read(fixture)
    n = (FIXTURES / fixture).read_text(encoding="utf-8").count("\n") + 1
    for where, node in _nodes(spec):
        assert node.pos.file == fixture, where
        assert 1 <= node.pos.line <= n and node.pos.column >= 1, (where, node.pos)


# --------------------------------------------------------------------------- variations


def _variant(edit: Callable[[str], str]) -> Spec:
    return read_markdown(edit(EXAMPLE.read_text(encoding="utf-8")), "ws.md")


VARIANTS: list[tuple[str, Callable[[str], str]]] = [
    ("unnumbered headings", lambda t: re.sub(r"^(#{2,3}) \d+(\.\d+)*\.? ", r"\1 ", t, flags=re.M)),
    ("ascii arrows", lambda t: re.sub(r"^(- \w+\.\w+) → ", r"\1 -> ", t, flags=re.M)),
    (
        "fences without language",
        lambda t: re.sub(r"^```(go|typescript|sql|json|bash)$", "```", t, flags=re.M),
    ),
    ("CRLF line ends", lambda t: t.replace("\n", "\r\n")),
    ("headings one level deeper", lambda t: re.sub(r"^(#{2,5}) ", r"#\1 ", t, flags=re.M)),
    (
        "tasks as checkboxes",
        lambda t: re.sub(r"^- \*\*(T-\d+):\*\*", r"- [ ] **\1:**", t, flags=re.M),
    ),
]


@pytest.mark.parametrize("name,edit", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_variations_read_the_same(name: str, edit: Callable[[str], str]) -> None:
    base = example().semantic()
    spec = _variant(edit)
    assert [p.rule for p in spec.problems] == []
    got = spec.semantic()
    if name == "tasks as checkboxes":
        assert [t["checked"] for t in got["tasks"]] == [False] * 14
        for t in got["tasks"]:
            t["checked"] = None
    if name == "CRLF line ends":
        # prose keeps the file's line ends; everything else reads the same
        for key in (
            "summary",
            "system_context",
            "new_patterns",
            "backward_compatibility",
            "rollback",
        ):
            got[key] = got[key].replace("\r", "")
        for m in got["migrations"]:
            m["text"] = m["text"].replace("\r", "")
        for e in got["events"]:
            e["payload"] = e["payload"].replace("\r", "")
    assert got == base


def test_delete_the_other_note_is_reported() -> None:
    spec = read("both_requirements.md")
    assert any(p.rule == "SPEC053" and "Delete the other" in p.message for p in spec.problems)


# --------------------------------------------------------------------------- robustness

NASTY: list[tuple[str, str]] = [
    ("empty", ""),
    ("only blank lines", "\n\n\n"),
    ("nul and control bytes", "\x00\x01\x02# T\x00\n|\x00|\n"),
    ("lone fence", "```"),
    ("lone table", "|a|\n|-|\n|"),
    (
        "table header only",
        "## API Design\n### GET /x\n| Status | Condition | Body |\n|---|---|---|\n",
    ),
    ("endpoint heading only", "### DELETE /"),
    ("migration heading without sql", "## Data Model\n### Goose Migrations\n#### `x.sql`\n"),
    ("deep quotes", "> " * 500 + "x\n"),
    ("deep lists", "".join("  " * i + "- x\n" for i in range(300))),
    ("brackets", "[" * 200_000),
    ("emphasis", "*a **b " * 30_000),
    (
        "unicode",
        "# Tech Spec: 招待\n\n**Type:** PRD-driven\n\n"
        "## 6. Implementation Tasks\n\n- **T-001:** 作る 🚀\n",
    ),
    ("headings without text", "#\n##\n###\n####\n"),
    ("task without fields", "## Implementation Tasks\n- **T-001:**\n- **T-002**\n"),
    ("bad go and ts", "```go\ntype struct {\n```\n```ts\ninterface {\n```\n"),
    (
        "sql garbage",
        "## Data Model\n### Goose Migrations\n```sql\n-- +goose Up\nCREATE TABLE (\n```\n",
    ),
    (
        "labels without values",
        "**Type:**\n**Status:**\n## API Design\n### GET /a\n**Handler:**\n**Auth:**\n",
    ),
]


@pytest.mark.parametrize("name,text", NASTY, ids=[n[0] for n in NASTY])
def test_never_crashes(name: str, text: str) -> None:
    spec = read_markdown(text, "bad.md")
    n = text.count("\n") + 1
    for p in spec.problems:
        assert 1 <= p.pos.line <= n, (p.rule, p.pos)
        assert p.severity in ("error", "warning", "info")


def test_random_garbage_never_crashes() -> None:
    rng = random.Random(1234)
    alphabet = "#|-*_`>[]()!:\n \tT0123456789ERUSabcxyz→{}/.;,\\"
    snippets = (FIXTURES / "endpoints.md").read_text().split("\n")
    for _ in range(150):
        if rng.random() < 0.5:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        else:
            text = "\n".join(rng.choice(snippets) for _ in range(rng.randint(1, 80)))
        read_markdown(text, "fuzz.md")


def test_pathological_paragraphs_are_read_as_plain_text() -> None:
    spec = read_markdown("# Tech Spec: X\n\n" + "[" * 50_000 + "\n", "x.md")
    assert [p.rule for p in spec.problems] == ["SPEC069"]
    assert spec.meta.title == "X"


def test_huge_input_reads_a_prefix_and_says_so() -> None:
    text = "# Tech Spec: Big\n\n" + "word " * (11 * 1024 * 1024 // 5)
    start = time.perf_counter()
    spec = read_markdown(text, "big.md")
    assert time.perf_counter() - start < 30
    assert spec.meta.title == "Big"
    assert any(p.rule == "SPEC069" and "MiB" in p.message for p in spec.problems)


def test_reading_is_deterministic() -> None:
    text = (FIXTURES / "endpoints.md").read_text()
    assert read_markdown(text, "a.md").model_dump() == read_markdown(text, "a.md").model_dump()


# --------------------------------------------------------------------------- speed and imports


def test_example_reads_fast() -> None:
    text = EXAMPLE.read_text(encoding="utf-8") if EXAMPLE.exists() else ""
    if not text:
        pytest.skip("generated_example spec not present")
    read_markdown(text, "ws.md")  # warm: grammars loaded, regexes compiled
    best = min(_timed(lambda: read_markdown(text, "ws.md")) for _ in range(5))
    assert best < 0.25, f"{best * 1000:.1f} ms"


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def test_reader_does_not_import_renderers() -> None:
    code = (
        "import sys\n"
        "from scaffold.read.markdown import read_markdown\n"
        f"read_markdown(open({str(FIXTURES / 'endpoints.md')!r}).read(), 'x')\n"
        "print(sorted(m for m in ('copier', 'jinja2') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- small helpers


@pytest.mark.parametrize(
    "text,required,role",
    [
        ("none", False, ""),
        ("None — public endpoint", False, ""),
        ("public", False, ""),
        ("-", False, ""),
        ("N/A", False, ""),
        ("workspace admin", True, "workspace admin"),
        (
            "Authenticated; caller must be a workspace admin or owner",
            True,
            "workspace admin or owner",
        ),
        ("authenticated user", True, ""),
        ("Bearer token with `workspace:admin` role", True, "workspace:admin"),
        ("any workspace member", True, "workspace member"),
        ("Required", True, ""),
    ],
)
def test_parse_auth(text: str, required: bool, role: str) -> None:
    auth = parse_auth(text)
    assert (auth.text, auth.required, auth.role) == (text, required, role)


@pytest.mark.parametrize(
    "path,params",
    [
        ("/api/v1/workspaces/{workspace_id}/invites/{invite_id}", ["workspace_id", "invite_id"]),
        ("/api/v1/channels/:channel_id/pins", ["channel_id"]),
        ("/health", []),
    ],
)
def test_path_params(path: str, params: list[str]) -> None:
    assert path_params(path) == params


@pytest.mark.parametrize(
    "text,ids",
    [
        ("T-001, T-003, T-005", ["T-001", "T-003", "T-005"]),
        ("T-001–T-003", ["T-001", "T-002", "T-003"]),
        ("T-001 to T-002, T-002", ["T-001", "T-002"]),
        ("T-001 (schema migration), T-002 (invite model)", ["T-001", "T-002"]),
        ("None", []),
    ],
)
def test_task_ids(text: str, ids: list[str]) -> None:
    assert task_ids(text) == ids


@pytest.mark.parametrize(
    "code,expected",
    [
        ("go test ./...", True),
        ("npm run test -- src/x.test.tsx", True),
        ("npm --prefix web run build", True),
        ("goose status", True),
        ("npx vitest run", True),
        ("CGO_ENABLED=0 go test ./x", True),
        ("./scripts/check.sh", True),
        ("BenchmarkMessageFanout", False),
        ("idx_invites_token", False),
        ("", False),
    ],
)
def test_is_command(code: str, expected: bool) -> None:
    assert is_command(code) is expected


@pytest.mark.parametrize(
    "path,name",
    [
        ("src/components/invites/InviteDialog.tsx", "InviteDialog"),
        ("src/components/invites/invite-dialog.tsx", "InviteDialog"),
        ("src/pages/accept_invite_page.tsx", "AcceptInvitePage"),
        ("src/components/invites/index.tsx", "Invites"),
    ],
)
def test_component_name(path: str, name: str) -> None:
    assert component_name(path) == name


@pytest.mark.parametrize(
    "text,names",
    [
        ("Button, Dialog, Input", ["Button", "Dialog", "Input"]),
        ("`Button`; `Tooltip` and Popover", ["Button", "Tooltip", "Popover"]),
        ("Dialog / AlertDialog", ["Dialog", "AlertDialog"]),
        ("none", []),
        ("—", []),
        ("", []),
    ],
)
def test_split_names(text: str, names: list[str]) -> None:
    assert split_names(text) == names


@pytest.mark.parametrize(
    "kind,name,expected",
    [
        ("Go module", "github.com/google/uuid", "go"),
        ("Go standard library", "net/http", "go"),
        ("npm (via shadcn)", "@radix-ui/react-dialog", "npm"),
        ("npm", "react", "npm"),
        ("", "golang.org/x/sync", "go"),
        ("", "@tanstack/react-query", "npm"),
        ("Service", "Redis", "other"),
    ],
)
def test_dependency_kind(kind: str, name: str, expected: str) -> None:
    assert dependency_kind(kind, name) == expected


@pytest.mark.parametrize(
    "info,content,lang",
    [
        ("go", "x", "go"),
        ("golang", "x", "go"),
        ("typescript", "x", "ts"),
        ("tsx", "x", "tsx"),
        ("sql", "x", "sql"),
        ("", "-- +goose Up\nSELECT 1;\n", "sql"),
        ("", "type A struct {\n}\n", "go"),
        ("", "type State string\n", "go"),
        ("", "func (s *S) Do() error\n", "go"),
        ("", "interface A {\n  a: string;\n}\n", "ts"),
        ("", 'export type S = "a" | "b";\n', "ts"),
        ("", '{"a": "string"}\n', "json"),
        ("", "npx shadcn@latest add dialog\n", "shell"),
        ("", "browser -> api -> db\n", ""),
        ("mermaid", "graph TD\n", "mermaid"),
    ],
)
def test_sniff(info: str, content: str, lang: str) -> None:
    assert sniff(Fence(1, 1, info, content, True)) == lang


def test_go_and_ts_declarations_are_deduplicated_only_when_identical() -> None:
    text = (
        "## API Design\n\n### POST /a\n\n**Request struct:**\n```go\n"
        'type A struct {\n\tX string `json:"x"`\n}\n```\n\n'
        "### POST /b\n\n**Request struct:**\n```go\n"
        'type A struct {\n\tX string `json:"x"`\n}\n```\n\n'
        "### POST /c\n\n**Request struct:**\n```go\n"
        'type A struct {\n\tX int `json:"x"`\n}\n```\n\n'
        "```typescript\ninterface T { x: string; }\n```\n\n"
        "```typescript\n// src/types/t.ts\ninterface T { x: string; }\n```\n"
    )
    spec = read_markdown(text, "d.md")
    assert [(s.name, s.fields[0].type, s.pos.line) for s in spec.go_structs] == [
        ("A", "string", 7),
        ("A", "int", 25),
    ]
    assert [e.request for e in spec.endpoints] == ["A", "A", "A"]
    # identical TS types are one; the file named by the repeat is kept
    assert [(t.name, t.file) for t in spec.ts_types] == [("T", "src/types/t.ts")]


def test_list_forms_and_event_table() -> None:
    text = (
        "## API Design\n\n"
        "### GET /api/v1/items\n\n"
        "**Query parameters:**\n\n"
        "- `cursor` (string, optional) — where to start\n"
        "- `limit` (int, required)\n\n"
        '**Returns:**\n```go\ntype ItemPage struct {\n\tItems []Item `json:"items"`\n}\n\n'
        'type Item struct {\n\tID string `json:"id"`\n}\n```\n\n'
        "**Errors:**\n\n- 400 — bad limit\n- 404: no such list\n\n"
        "### POST /api/v1/items\n\n**Success (201):** created\n\n"
        "### Real-Time Events\n\n"
        "| Event | Channel | Payload | Delivery | Trigger |\n"
        "|-------|---------|---------|----------|---------|\n"
        "| item.created | `items` | `{id}` | best-effort | POST /api/v1/items |\n"
    )
    spec = read_markdown(text, "l.md")
    assert spec.problems == []
    get, post = spec.endpoints
    assert [(q.name, q.type, q.required, q.description) for q in get.query] == [
        ("cursor", "string", False, "where to start"),
        ("limit", "int", True, ""),
    ]
    assert get.cursor_pagination
    assert (get.response, get.success_status) == ("ItemPage", 200)
    assert [(e.status, e.condition) for e in get.errors] == [
        (400, "bad limit"),
        (404, "no such list"),
    ]
    assert (post.success_status, post.success_status_explicit) == (201, True)
    assert [(e.name, e.channel, e.payload, e.delivery, e.trigger) for e in spec.events] == [
        ("item.created", "items", "{id}", "best-effort", "POST /api/v1/items")
    ]
