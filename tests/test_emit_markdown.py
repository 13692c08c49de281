"""The markdown writer: the template's structure, and a model that reads back the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_yamlform import EXAMPLE, GO, MARKDOWN_SPECS, ROOT, TS, hand_built_spec

from scaffold.writers.markdown import go_source, to_markdown, ts_blocks, ts_source
from scaffold.model import Decision, Meta, Risk, Spec, TsType
from scaffold.read.gocode import parse_go
from scaffold.read.markdown import read_markdown
from scaffold.read.tscode import parse_ts

TEMPLATE_SECTIONS = [
    "1. Overview",
    "2. Architecture & Design Decisions",
    "3. Data Model",
    "4. API Design",
    "5. Component & Module Design",
    "6. Implementation Tasks",
    "7. Testing Strategy",
    "8. Rollout & Operations",
    "9. Open Questions & Risks",
    "10. Assumptions",
]


def _reread(spec: Spec) -> Spec:
    return read_markdown(to_markdown(spec), "out.md")


def _meaning(spec: Spec) -> dict:
    """The semantic model with Go structs in name order: the writer groups each endpoint's
    structs under it, so a struct a spec shows apart from its endpoint (a query struct
    above the response) reads back in another position, with the same declaration."""
    out = spec.semantic()
    out["go_structs"] = sorted(out["go_structs"], key=lambda s: s["name"])
    return out


@pytest.mark.parametrize("path", MARKDOWN_SPECS, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_round_trip(path: Path) -> None:
    spec = read_markdown(path.read_text(encoding="utf-8"), str(path))
    assert _meaning(_reread(spec)) == _meaning(spec)


def test_hand_built_spec_round_trips_through_markdown() -> None:
    spec = hand_built_spec()
    back = _reread(spec)
    assert back.problems == []
    assert back.semantic() == spec.semantic()


def test_yaml_twin_converts_to_markdown_that_reads_the_same() -> None:
    from scaffold.read.yamlform import read_yaml

    twin = EXAMPLE.with_suffix(".yaml")
    spec = read_yaml(twin.read_text(encoding="utf-8"), str(twin))
    assert _reread(spec).semantic() == spec.semantic()


def test_writing_is_stable() -> None:
    spec = read_markdown(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    once = to_markdown(spec)
    assert to_markdown(read_markdown(once, "x.md")) == once


def test_template_structure_and_order() -> None:
    md = to_markdown(read_markdown(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE)))
    assert md.startswith("# Tech Spec: Workspace Invites\n\n**Type:** PRD-driven\n")
    assert re.findall(r"^## (.+)$", md, re.M) == TEMPLATE_SECTIONS
    h3 = re.findall(r"^### (.+)$", md, re.M)
    for a, b in [
        ("Summary", "Requirement Mapping"),
        ("System Context", "Key Decisions"),
        ("New Tables", "Goose Migrations"),
        ("Backend (Go) — New Files", "Backend Interfaces"),
        ("Frontend TypeScript Types", "API Client / Hooks"),
        ("API Client / Hooks", "Error Taxonomy"),
        ("Phase 1: Data Model", "Phase 2: Backend Logic & API"),
        ("Feature Flags", "Rollback Procedure"),
        ("Technical Risks", "Open Questions"),
    ]:
        assert h3.index(a) < h3.index(b)
    assert "**Migration order and compatibility:**" in md
    assert "| Status | Condition | Body |" in md.replace(" Error |", "")


def test_empty_spec_keeps_only_the_required_sections() -> None:
    md = to_markdown(Spec(meta=Meta(title="Nothing", type="PRD-driven")))
    assert re.findall(r"^## (.+)$", md, re.M) == TEMPLATE_SECTIONS
    h3 = re.findall(r"^### (.+)$", md, re.M)
    assert "Dependencies" not in h3 and "Modified Tables" not in h3 and "Feature Flags" not in h3
    assert "Backend Interfaces" not in h3 and "Error Taxonomy" not in h3
    assert {"Summary", "Requirement Mapping", "System Context", "Key Decisions"} <= set(h3)
    assert {"Goose Migrations", "Technical Risks", "Open Questions", "Rollback Procedure"} <= set(
        h3
    )


@pytest.mark.parametrize(
    "text",
    [
        "pipes | inside | a cell",
        "stars *not emphasis* and _underscores_",
        "a `backquote` and a \\ backslash",
        "[brackets](not-a-link) and <angle>",
        "snake_case_name and 2 * 3",
    ],
)
def test_table_cells_keep_their_text(text: str) -> None:
    spec = Spec(
        meta=Meta(title="T"),
        decisions=[Decision(decision=text, alternatives="x", rationale=text)],
        risks=[Risk(risk=text, impact=text, mitigation="m")],
    )
    back = _reread(spec)
    assert back.decisions[0].decision == text
    assert back.decisions[0].rationale == text
    assert back.risks[0].impact == text
    assert "| " + text + " |" not in to_markdown(spec) or "|" not in text


# --------------------------------------------------------------------------- code renderers


def test_go_source_reads_back_to_the_same_declarations() -> None:
    spec = hand_built_spec()
    g = parse_go(go_source(spec), "x.go")
    got = Spec(
        go_structs=g.structs,
        go_interfaces=g.interfaces,
        go_enums=g.enums,
        go_types=g.named_types,
        go_funcs=g.funcs,
    )
    want = Spec(
        go_structs=spec.go_structs,
        go_interfaces=spec.go_interfaces,
        go_enums=spec.go_enums,
        go_types=spec.go_types,
        go_funcs=spec.go_funcs,
    )
    assert got.semantic() == want.semantic()
    assert g.problems == []


@pytest.mark.parametrize(
    "source",
    [
        'type Box[T any] struct {\n\tItems []T `json:"items"`\n\tBase\n}\n',
        "type Level int\n\nconst (\n\tLevelLow  Level = 0\n\tLevelHigh Level = 1\n)\n",
        "type ID uuid.UUID\n",
        'type S struct {\n\t// two\n\t// lines\n\tA string\n\tB *int `json:"b,omitempty"` // one\n}\n',
        "type I interface {\n\tGet(ctx context.Context) (inv *Invite, err error)\n\tAll(a, b int, o ...Opt) []X\n}\n",
        "func New() *Thing\nfunc (s *Service) Do(x int) error\n",
    ],
)
def test_go_renderer_round_trips(source: str) -> None:
    first = parse_go(source, "a.go")
    spec = Spec(
        go_structs=first.structs,
        go_interfaces=first.interfaces,
        go_enums=first.enums,
        go_types=first.named_types,
        go_funcs=first.funcs,
    )
    again = parse_go(go_source(spec), "b.go")
    back = Spec(
        go_structs=again.structs,
        go_interfaces=again.interfaces,
        go_enums=again.enums,
        go_types=again.named_types,
        go_funcs=again.funcs,
    )
    assert back.semantic() == spec.semantic()


@pytest.mark.parametrize(
    "source",
    [
        TS,
        "export interface A extends B, C<D> {\n  readonly x?: string[] | null | undefined;\n}\n",
        'type U = "a" | "b";\nenum E { X = "x", Y = "y" }\n',
        "interface M {\n  [key: string]: number;\n  f(x: number): void;\n  g: (x: number) => void;\n}\n",
        "type O = {\n  a: Record<string, number>;\n};\n",
    ],
)
def test_ts_renderer_round_trips(source: str) -> None:
    first = parse_ts(source, "a.ts").types
    again = parse_ts(ts_source(first), "b.ts").types
    assert Spec(ts_types=again).semantic() == Spec(ts_types=first).semantic()


def test_ts_blocks_restart_when_a_type_has_no_file() -> None:
    types = [
        TsType(name="A", file="src/a.ts"),
        TsType(name="B"),
        TsType(name="C", file="src/c.ts"),
    ]
    blocks = ts_blocks(types)
    assert len(blocks) == 2
    read = [t for b in blocks for t in parse_ts(b, "x.ts").types]
    assert [(t.name, t.file) for t in read] == [("A", "src/a.ts"), ("B", ""), ("C", "src/c.ts")]


def test_go_and_ts_fixtures_parse_cleanly() -> None:
    assert parse_go(GO, "x.go").problems == []
    assert parse_ts(TS, "x.ts").problems == []


# --------------------------------------------------------------------------- newer model fields


def test_new_fields_are_written_where_markdown_has_a_place() -> None:
    from test_yamlform import with_new_fields

    md = to_markdown(with_new_fields(hand_built_spec()))
    assert "| Error (Go) | Error Code | HTTP Status |" in md
    assert "| `auth.ErrForbidden` (existing) | `FORBIDDEN` | 403 |" in md
    assert "### Conventions" in md
    assert '- **Errors:** every error body is `{"error": {"code": "…", "message": "…"}}`.' in md
    assert '- **Success:** every success body is wrapped in `{"data": <payload>}`.' in md
    assert "| Parameter | Type | Required | Default | Rules | Description |" in md
    assert "| per_page | int | no | `20` | min=1, max=100 |   |" in md
    assert "**Auth:** Authenticated user, owner of the invite" in md


def test_taxonomy_codes_round_trip_through_markdown() -> None:
    from test_yamlform import with_new_fields

    spec = with_new_fields(hand_built_spec())
    back = _reread(spec)
    assert [(e.go_name, e.status, e.code, e.existing) for e in back.errors] == [
        (e.go_name, e.status, e.code, e.existing) for e in spec.errors
    ]


def test_query_facts_round_trip_through_markdown() -> None:
    from test_yamlform import with_new_fields

    spec = with_new_fields(hand_built_spec())
    back = _reread(spec)
    assert back.endpoints[1].model_dump(
        include={"query"}, exclude={"query": {"__all__": {"pos"}}}
    ) == (spec.endpoints[1].model_dump(include={"query"}, exclude={"query": {"__all__": {"pos"}}}))
