"""``scaffold openapi`` (issue 15): an OpenAPI 3.1 document of the spec's API.

- ``openapi-spec-validator`` accepts the document of every spec we have: the bundled
  example, the test specs (``tests/cases/check-clean*``, ``tests/cases/openapi-*``,
  ``tests/fixtures/specs/*``) and every corpus spec (``tests/corpus.py``);
- golden documents: ``tests/cases/openapi-*/expected.yaml`` (``UPDATE_GOLDEN=1``
  rewrites them); the spec is the case's ``spec.md``, else the files ``specs.txt``
  lists relative to the case;
- the mapping pieces, table-driven; the command's flags and exit codes; the generate
  family (config ``openapi``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from corpus import cases, read_case
from scaffold.config import load_config
from scaffold.model import Spec
from scaffold.openapi import (
    _Schemas,
    _typed_default,
    _validate_keywords,
    build_document,
    document_for,
    dump,
    plan_context,
)
from scaffold.read import load_feature

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
GOLDEN_DIRS = sorted(p for p in CASES.glob("openapi-*") if p.is_dir())


def case_specs(case: Path) -> list[Path]:
    """The spec files of a golden case: its spec.md, else those specs.txt lists."""
    if (case / "spec.md").is_file():
        return [case / "spec.md"]
    lines = (case / "specs.txt").read_text(encoding="utf-8").split()
    return [(case / line).resolve() for line in lines]


def _test_specs() -> list[tuple[str, list[Path]]]:
    out = [("example", [EXAMPLE])]
    for case in sorted(CASES.glob("check-clean*")):
        spec = next(p for p in sorted(case.iterdir()) if p.name.startswith("spec."))
        out.append((case.name, [spec]))
    for case in GOLDEN_DIRS:
        out.append((case.name, case_specs(case)))
    for d in sorted((ROOT / "tests" / "fixtures" / "specs").iterdir()):
        files = sorted((d / "tech-specs").glob("*.md"))
        if files:
            out.append((f"fixture-{d.name}", files))
    return out


TEST_SPECS = _test_specs()
CORPUS = cases()


def document(spec: Spec) -> dict[str, Any]:
    start = Path(spec.sources[0]).parent
    return build_document(plan_context(spec, load_config([start])))


def _valid(doc: dict[str, Any]) -> None:
    """The validator on the document as a reader of the YAML text sees it."""
    reread = yaml.safe_load(dump(doc, "yaml"))
    assert reread == json.loads(dump(doc, "json"))
    validate(reread)


@pytest.mark.parametrize("files", [f for _, f in TEST_SPECS], ids=[n for n, _ in TEST_SPECS])
def test_test_specs_give_valid_documents(files: list[Path]) -> None:
    spec = load_feature(files)
    doc = document(spec)
    _valid(doc)
    assert len([op for item in doc["paths"].values() for op in item]) == len(
        {ep.key for ep in spec.endpoints}
    )


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_corpus_specs_give_valid_documents(case) -> None:  # noqa: ANN001 - a corpus.Case
    spec = read_case(case)
    doc = document(spec)
    _valid(doc)
    ops = [op for item in doc["paths"].values() for op in item.values()]
    ids = [op["operationId"] for op in ops]
    assert len(ids) == len(set(ids)) == len({ep.key for ep in spec.endpoints})
    for ep in spec.endpoints:
        op = doc["paths"][ep.path][ep.method.lower()]
        assert str(ep.success_status) in op["responses"]
        for row in ep.errors:
            assert str(row.status) in op["responses"], f"{ep.key}: {row.status}"


def test_corpus_is_present() -> None:
    if not CORPUS and os.environ.get("CI", "").lower() == "true":
        pytest.fail("the spec corpus (../shared/specs) is missing")
    assert not CORPUS or len(CORPUS) >= 4


@pytest.mark.parametrize("case", GOLDEN_DIRS, ids=[p.name for p in GOLDEN_DIRS])
def test_golden_documents(case: Path) -> None:
    spec = load_feature(case_specs(case))
    got = dump(document(spec), "yaml")
    expected = case / "expected.yaml"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


def test_same_spec_same_bytes() -> None:
    first = dump(document(load_feature([EXAMPLE])), "json")
    second = dump(document(load_feature([EXAMPLE])), "json")
    assert first == second


def test_the_example_maps_what_the_spec_says() -> None:
    doc = document(load_feature([EXAMPLE]))
    invites = doc["paths"]["/api/v1/workspaces/{workspace_id}/invites"]
    post, get = invites["post"], invites["get"]
    assert post["operationId"] == "CreateInvite" and post["tags"] == ["invites"]
    assert post["security"] == [{"bearerAuth": ["workspace admin"]}]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CreateInviteRequest"
    }
    conflict = post["responses"]["409"]["content"]["application/json"]["schema"]
    assert conflict["properties"]["code"]["enum"] == ["invite_exists", "already_member"]
    assert conflict["required"] == ["error", "code"]
    limit = next(p for p in get["parameters"] if p["name"] == "limit")
    assert limit["schema"] == {
        "type": "integer",
        "format": "int64",
        "minimum": 1,
        "maximum": 100,
        "default": 50,
    }
    schemas = doc["components"]["schemas"]
    invite = schemas["InviteResponse"]
    assert invite["properties"]["invited_by"] == {"type": ["string", "null"], "format": "uuid"}
    assert invite["properties"]["role"] == {"$ref": "#/components/schemas/InviteRole"}
    assert schemas["ListInvitesResponse"]["properties"]["invites"]["type"] == ["array", "null"]
    assert "ListInvitesQuery" not in schemas  # query parameters, not a body
    assert schemas["CreateInviteRequest"]["properties"]["email"] == {
        "type": "string",
        "format": "email",
        "maxLength": 254,
    }
    event = doc["x-events"]["invite.accepted"]
    assert event["payload"] == {"$ref": "#/components/schemas/InviteAcceptedEvent"}
    revoke = doc["paths"]["/api/v1/workspaces/{workspace_id}/invites/{invite_id}"]["delete"]
    assert "content" not in revoke["responses"]["204"]


def test_non_nil_policy_drops_null_from_collections(tmp_path: Path) -> None:
    (tmp_path / "scaffold.toml").write_text('nullability = "non-nil"\n', encoding="utf-8")
    spec = load_feature([EXAMPLE])
    doc = build_document(plan_context(spec, load_config([tmp_path])))
    invites = doc["components"]["schemas"]["ListInvitesResponse"]["properties"]["invites"]
    assert invites["type"] == "array"


NAMES = {"Invite", "Role"}


@pytest.mark.parametrize(
    "ts, go, schema",
    [
        ("string", "string", {"type": "string"}),
        ("string", "*time.Time", {"type": "string", "format": "date-time"}),
        ("string", "uuid.UUID", {"type": "string", "format": "uuid"}),
        ("string", "[]byte", {"type": "string", "contentEncoding": "base64"}),
        ("string", "int64", {"type": "string", "format": "int64"}),  # `,string`
        ("number", "int32", {"type": "integer", "format": "int32"}),
        ("number", "float64", {"type": "number", "format": "double"}),
        ("number", "", {"type": "number"}),
        ("boolean", "bool", {"type": "boolean"}),
        ("unknown", "json.RawMessage", {}),
        ("Invite", "Invite", {"$ref": "#/components/schemas/Invite"}),
        ("Elsewhere", "other.Type", {}),
        ('"a" | "b"', "string", {"type": "string", "enum": ["a", "b"]}),
        ('"caf\\u00e9" | "<\\/x>"', "string", {"type": "string", "enum": ["café", "</x>"]}),
        (
            "Invite[]",
            "[]*Invite",
            {"type": "array", "items": {"$ref": "#/components/schemas/Invite"}},
        ),
        (
            "(string | null)[]",
            "[]*uuid.UUID",
            {"type": "array", "items": {"type": ["string", "null"], "format": "uuid"}},
        ),
        (
            '("a" | "b")[]',
            "[]string",
            {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
        ),
        (
            "Record<string, number>",
            "map[string]int",
            {"type": "object", "additionalProperties": {"type": "integer", "format": "int64"}},
        ),
        (
            "{ String: string; Valid: boolean }",
            "sql.NullString",
            {
                "type": "object",
                "properties": {"String": {"type": "string"}, "Valid": {"type": "boolean"}},
                "required": ["String", "Valid"],
            },
        ),
        (
            "Role | null",
            "*Role",
            {"anyOf": [{"$ref": "#/components/schemas/Role"}, {"type": "null"}]},
        ),
    ],
)
def test_ts_types_as_schemas(ts: str, go: str, schema: dict[str, Any]) -> None:
    assert _Schemas(NAMES, {}).of(ts, go) == schema


def test_named_types_are_seen_through_for_formats() -> None:
    assert _Schemas(set(), {"InviteID": "uuid.UUID"}).of("string", "*InviteID") == {
        "type": "string",
        "format": "uuid",
    }


@pytest.mark.parametrize(
    "rules, base, want",
    [
        ("required,email,max=254", {"type": "string"}, {"format": "email", "maxLength": 254}),
        ("min=2,max=40", {"type": "string"}, {"minLength": 2, "maxLength": 40}),
        ("len=6", {"type": "string"}, {"minLength": 6, "maxLength": 6}),
        ("gte=1,lte=100", {"type": "integer"}, {"minimum": 1, "maximum": 100}),
        ("gt=0", {"type": "number"}, {"exclusiveMinimum": 0}),
        ("max=5,dive,max=20", {"type": "array"}, {"maxItems": 5}),
        ("url", {"type": ["string", "null"]}, {"format": "uri"}),
        ("oneof=a b", {"type": "string"}, {}),
        ("min=abc", {"type": "string"}, {}),
    ],
)
def test_validate_tags_as_keywords(rules: str, base: dict, want: dict) -> None:
    assert _validate_keywords(rules, base) == {**base, **want}


@pytest.mark.parametrize(
    "written, schema, value",
    [
        ("50", {"type": "integer"}, 50),
        ("`20`", {"type": "integer"}, 20),
        ("fifty", {"type": "integer"}, None),
        ("0.5", {"type": "number"}, 0.5),
        ("true", {"type": "boolean"}, True),
        ('"updated_desc"', {"type": "string"}, "updated_desc"),
        ("other", {"type": "string", "enum": ["a"]}, None),
        ("", {"type": "string"}, ""),
    ],
)
def test_query_defaults_are_typed(written: str, schema: dict, value: Any) -> None:  # noqa: ANN401
    assert _typed_default(written, schema) == value


def test_the_nested_wire_and_envelope() -> None:
    spec = load_feature([CASES / "openapi-wire" / "spec.md"])
    doc = document(spec)
    post = doc["paths"]["/api/v1/libraries/{library_id}/loans"]["post"]
    ok = post["responses"]["201"]["content"]["application/json"]["schema"]
    assert ok == {
        "type": "object",
        "properties": {"data": {"$ref": "#/components/schemas/LoanResponse"}},
        "required": ["data"],
    }
    bad = post["responses"]["400"]["content"]["application/json"]["schema"]
    assert bad["required"] == ["error"]
    assert bad["properties"]["error"]["properties"]["code"]["enum"] == ["BAD_JSON"]
    get = doc["paths"]["/api/v1/libraries/{library_id}/loans"]["get"]
    assert get["security"] == []
    status = next(p for p in get["parameters"] if p["name"] == "status")
    assert status["schema"]["enum"] == ["out", "returned", "lost"]
    assert status["schema"]["default"] == "out"
    loan = doc["components"]["schemas"]["LoanResponse"]
    assert loan["allOf"][0] == {"$ref": "#/components/schemas/Audit"}


BROKEN = (
    "# Tech Spec: Broken\n\n## 4. API Design\n\n### POST /api/v1/x\n\n"
    "**Request struct:**\n```go\ntype X struct {\n```\n"
)


def test_reader_errors_are_diagnostics_and_the_rest_is_written(tmp_path: Path) -> None:
    spec_file = tmp_path / "broken.md"
    spec_file.write_text(BROKEN, encoding="utf-8")
    doc, diags = document_for(load_feature([spec_file]))
    validate(yaml.safe_load(dump(doc)))
    assert [(d.rule, d.line) for d in diags] == [("SPEC020", 9)]
    assert list(doc["paths"]) == ["/api/v1/x"]
    proc = scaffold("openapi", spec_file, "--out", tmp_path / "openapi.yaml")
    assert proc.returncode == 1
    assert "broken.md:9:1: error SPEC020" in proc.stderr and "Traceback" not in proc.stderr
    assert yaml.safe_load((tmp_path / "openapi.yaml").read_text())["openapi"] == "3.1.0"


# --------------------------------------------------------------------------- the command


def scaffold(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=cwd,
        timeout=120,
    )


def test_cli_help() -> None:
    proc = scaffold("openapi", "--help")
    assert proc.returncode == 0
    for word in ("--out", "--format", "yaml", "json", "OpenAPI 3.1"):
        assert word in proc.stdout


def test_cli_formats_and_out(tmp_path: Path) -> None:
    as_yaml = scaffold("openapi", EXAMPLE)
    as_json = scaffold("openapi", EXAMPLE, "--format", "json")
    assert as_yaml.returncode == as_json.returncode == 0, as_yaml.stderr + as_json.stderr
    assert yaml.safe_load(as_yaml.stdout) == json.loads(as_json.stdout)
    assert as_yaml.stdout == (CASES / "openapi-example" / "expected.yaml").read_text()
    out = tmp_path / "api" / "openapi.json"
    written = scaffold("openapi", EXAMPLE, "--out", out)
    assert written.returncode == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == as_json.stdout  # .json: JSON by default
    assert sorted(p.name for p in out.parent.iterdir()) == ["openapi.json"]  # no temp file left
    forced = scaffold("openapi", EXAMPLE, "--out", out, "--format", "yaml")
    assert forced.returncode == 0 and out.read_text(encoding="utf-8") == as_yaml.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("missing.md",),
        ("EXAMPLE", "--format", "xml"),
        ("EXAMPLE", "--out", "DIR"),
        ("DIR/spec.txt",),
    ],
    ids=["missing-spec", "bad-format", "out-is-a-directory", "unknown-suffix"],
)
def test_cli_bad_input_exits_2(args: tuple[str, ...], tmp_path: Path) -> None:
    (tmp_path / "spec.txt").write_text("x", encoding="utf-8")
    real = [str(EXAMPLE) if a == "EXAMPLE" else a.replace("DIR", str(tmp_path)) for a in args]
    proc = scaffold("openapi", *real)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


# --------------------------------------------------------------------------- generate


def _repo(tmp_path: Path, openapi: str) -> Path:
    repo = tmp_path / "app"
    (repo / "db").mkdir(parents=True)
    (repo / "db" / "schema.sql").write_bytes(
        (ROOT / "generated_example" / "db" / "schema.sql").read_bytes()
    )
    config = (ROOT / "generated_example" / "scaffold.toml").read_text(encoding="utf-8")
    (repo / "scaffold.toml").write_text(config + f'openapi = "{openapi}"\n', encoding="utf-8")
    return repo


@pytest.mark.parametrize("rel", ["api/openapi.yaml", "docs/openapi.json"])
def test_generate_writes_the_document_when_config_asks(rel: str, tmp_path: Path) -> None:
    from scaffold.generate import generate

    repo = _repo(tmp_path, rel)
    result = generate([EXAMPLE], repo)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    written = (repo / rel).read_text(encoding="utf-8")
    record = next(f for f in result.files if f.path == rel)
    assert record.owner == "generated"
    fmt = "json" if rel.endswith(".json") else "yaml"
    body = dump(document(load_feature([EXAMPLE])), fmt)  # type: ignore[arg-type]
    if fmt == "yaml":
        header, _, rest = written.partition("\n")
        assert header.startswith("# Code generated by scaffold from ") and "DO NOT EDIT" in header
        assert rest == body
    else:
        assert written == body
    again = generate([EXAMPLE], repo, check=True)
    assert again.exit_code == 0 and not again.changed()


def test_generate_names_one_document_per_feature(tmp_path: Path) -> None:
    from scaffold.generate import generate

    repo = _repo(tmp_path, "api/{feature}.yaml")
    result = generate([EXAMPLE], repo, name="invites")
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert (repo / "api" / "invites.yaml").is_file()


def test_generate_without_the_key_writes_no_document(tmp_path: Path) -> None:
    from scaffold.generate import generate

    result = generate([EXAMPLE], tmp_path / "app", dry_run=True)
    assert not [f for f in result.files if "openapi" in f.path]


TWO_LISTS = """# Tech Spec: Two lists

**Type:** Engineering

## 4. API Design

### GET /api/v1/releases

**Handler:** `releases.Handler.List` in `internal/releases/handler.go`

**Auth:** none

### GET /api/v1/checklists

**Handler:** `checklists.Handler.List` in `internal/checklists/handler.go`

**Auth:** none
"""


def test_operation_ids_are_unique_and_qualified_by_domain(tmp_path: Path) -> None:
    spec_file = tmp_path / "two-lists.md"
    spec_file.write_text(TWO_LISTS, encoding="utf-8")
    doc = document(load_feature([spec_file]))
    ids = {path: item["get"]["operationId"] for path, item in doc["paths"].items()}
    assert ids == {"/api/v1/releases": "ReleasesList", "/api/v1/checklists": "ChecklistsList"}
    assert [t["name"] for t in doc["tags"]] == ["releases", "checklists"]
    _valid(doc)
