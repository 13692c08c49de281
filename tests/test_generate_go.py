"""Generated Go, proven by the Go toolchain: Validate() for every supported tag, escaping of
spec text, the hostile spec, a chi target (session-audit), a DDL-only table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from toolchain import ROOT, go_env, goose, goose_pending, postgres, require_tool, run  # noqa: F401

from scaffold.generate import generate
from scaffold.read import read_spec_bytes
from scaffold.generate.naming import go_string, go_tag, sql_comment, sql_literal

BACKEND = ("sql", "go", "project")
FIXTURES = ROOT / "tests" / "fixtures" / "specs"

VALIDATION_SPEC = """\
# Tech Spec: Signup Form

**Type:** Engineering-initiated
**Author:** QA
**Last updated:** 2026-03-04
**Status:** Approved

## 1. Overview

### Summary

A signup endpoint whose request uses every validate tag scaffold implements.

### Requirement Mapping

#### Engineering-initiated: Motivation & Requirements

**Problem:** Signups are not validated.

**Why now:** Spam.

**Out of scope:** Everything else.

| Req ID | Requirement | Success Criteria | Priority |
|--------|------------|-----------------|----------|
| ER-001 | Validate signups | `go test ./...` passes | must |

**Requirement-to-Task Mapping:**

| Req ID | Implementing Tasks |
|--------|-------------------|
| ER-001 | T-001 |

## 4. API Design

### POST /api/v1/signups

**Description:** Creates a signup.

**Handler:** `handlers.CreateSignup` in `internal/handlers/signups.go`

**Auth:** none

**Request struct:**
```go
type SignupRequest struct {
	Email    string   `json:"email" validate:"required,email"`
	TeamID   string   `json:"team_id" validate:"required,uuid"`
	Name     string   `json:"name" validate:"required,min=2,max=5"`
	Code     string   `json:"code" validate:"omitempty,len=4"`
	Plan     string   `json:"plan" validate:"required,oneof=free pro 'big team'"`
	Seats    int      `json:"seats" validate:"min=1,max=10"`
	Level    int      `json:"level" validate:"omitempty,oneof=1 2 3"`
	Tags     []string `json:"tags" validate:"max=2"`
	Nickname *string  `json:"nickname" validate:"omitempty,min=3"`
	Referrer *string  `json:"referrer" validate:"required"`
}
```

**Response (201):**
```go
type SignupResponse struct {
	ID string `json:"id"`
}
```

**TypeScript request/response types:**
```typescript
interface SignupRequest {
  email: string;
  team_id: string;
  name: string;
  code: string;
  plan: "free" | "pro" | "big team";
  seats: number;
  level: number;
  tags: string[] | null;
  nickname: string | null;
  referrer: string | null;
}

interface SignupResponse {
  id: string;
}
```

**Error Responses:**

| Status | Condition | Body |
|--------|-----------|------|
| 400 | Invalid (`ErrInvalidSignup`) | `{"error": "message", "code": "invalid_signup"}` |
| 409 | Taken (`ErrEmailTaken`) | `{"error": "message", "code": "email_taken"}` |

## 5. Component & Module Design

### Backend Interfaces

```go
// SignupStore stores signups.
type SignupStore interface {
	Create(ctx context.Context, req SignupRequest) (*Signup, error)
}
```

### Error Taxonomy

| Error (Go) | HTTP Status | TypeScript Error | User-Facing Message | Log Level |
|------------|-------------|-----------------|---------------------|-----------|
| ErrInvalidSignup | 400 | ValidationError | Check the form. | info |
| ErrEmailTaken | 409 | EmailTakenError | This email is taken. | info |

## 6. Implementation Tasks

### Phase 2: Backend Logic & API

- **T-001:** Signup endpoint
  - _Implements:_ ER-001
  - _Description:_ The handler.
  - _Files:_
    - Create: `internal/handlers/signups.go`
  - _Done condition:_ `go test ./...` passes
  - _Dependencies:_ None
"""

VALIDATE_TEST = """\
package handlers

import "testing"

func ptr(s string) *string { return &s }

func TestSignupValidate(t *testing.T) {
	valid := func() SignupRequest {
		return SignupRequest{Email: "a@b.co", TeamID: "00000000-0000-4000-8000-000000000001",
			Name: "abc", Plan: "big team", Seats: 1, Referrer: ptr("")}
	}
	tests := []struct {
		name  string
		edit  func(*SignupRequest)
		field string
	}{
		{"valid", func(r *SignupRequest) {}, ""},
		{"email required", func(r *SignupRequest) { r.Email = "" }, "email"},
		{"email form", func(r *SignupRequest) { r.Email = "a@b.co <x>" }, "email"},
		{"uuid", func(r *SignupRequest) { r.TeamID = "0000" }, "team_id"},
		{"min chars", func(r *SignupRequest) { r.Name = "a" }, "name"},
		{"max chars counts runes", func(r *SignupRequest) { r.Name = "éééééé" }, "name"},
		{"runes within max", func(r *SignupRequest) { r.Name = "ééééé" }, ""},
		{"len skipped when empty", func(r *SignupRequest) { r.Code = "" }, ""},
		{"len", func(r *SignupRequest) { r.Code = "123" }, "code"},
		{"oneof", func(r *SignupRequest) { r.Plan = "big" }, "plan"},
		{"oneof quoted", func(r *SignupRequest) { r.Plan = "pro" }, ""},
		{"int min", func(r *SignupRequest) { r.Seats = 0 }, "seats"},
		{"int max", func(r *SignupRequest) { r.Seats = 11 }, "seats"},
		{"int oneof omitempty", func(r *SignupRequest) { r.Level = 0 }, ""},
		{"int oneof", func(r *SignupRequest) { r.Level = 4 }, "level"},
		{"slice max", func(r *SignupRequest) { r.Tags = []string{"a", "b", "c"} }, "tags"},
		{"pointer nil skips", func(r *SignupRequest) { r.Nickname = nil }, ""},
		{"pointer min", func(r *SignupRequest) { r.Nickname = ptr("ab") }, "nickname"},
		{"pointer required", func(r *SignupRequest) { r.Referrer = nil }, "referrer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.edit(&r)
			err := r.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			verr, ok := err.(interface{ Error() string })
			if !ok || err == nil {
				t.Fatalf("want an error on %s, got nil", tt.field)
			}
			if got := verr.Error(); len(got) < len(tt.field) || got[:len(tt.field)] != tt.field {
				t.Fatalf("error %q does not name %s", got, tt.field)
			}
		})
	}
}
"""


def _go_test(out: Path, *args: str) -> str:
    go = require_tool("go")
    gofmt = require_tool("gofmt")
    env = go_env()
    assert run([gofmt, "-l", "."], cwd=out).stdout.strip() == ""
    run([go, "vet", "./..."], cwd=out, env=env)
    res = run([go, "test", "-count=1", *args, "./..."], cwd=out, env=env)
    assert "FAIL" not in res.stdout
    return res.stdout


@pytest.mark.toolchain
def test_validate_implements_every_supported_tag(tmp_path: Path) -> None:
    spec = tmp_path / "tech-specs" / "signup-form.md"
    spec.parent.mkdir()
    spec.write_text(VALIDATION_SPEC)
    out = tmp_path / "app"
    result = generate([spec], out, families=BACKEND)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    types = (out / "internal/handlers/signup_form_types.gen.go").read_text()
    assert "func (v SignupRequest) Validate() error" in types
    assert "validator" not in (out / "go.mod").read_text()
    (out / "internal/handlers/validate_extra_test.go").write_text(VALIDATE_TEST)
    text = _go_test(out, "-v")
    assert "--- PASS: TestSignupValidate/int_oneof" in text
    assert "--- PASS: TestCreateSignup/failed_validation_→_400" in text
    assert "--- PASS: TestCreateSignup/ErrEmailTaken_→_409" in text
    routes = (out / "internal/handlers/signup_form_routes.gen.go").read_text()
    # The error body has the shape the spec's error tables show.
    assert 'Code  string `json:"code"`' in routes or 'Code string `json:"code"`' in routes
    # No auth: no identity checks in the handler, no 401 test.
    assert "d.Auth.Caller" not in (out / "internal/handlers/signups.go").read_text()
    # A type the spec uses but never defines gets a user-owned placeholder naming a task.
    models = (out / "internal/handlers/signup_form_models.go").read_text()
    assert "type Signup struct{}" in models and "TODO(T-001)" in models


@pytest.mark.toolchain
def test_hostile_spec_output_compiles_and_passes(tmp_path: Path, postgres) -> None:  # noqa: F811
    src = FIXTURES / "hostile" / "tech-specs" / "hostile-text.md"
    spec = tmp_path / "tech-specs" / src.name
    spec.parent.mkdir()
    # Template syntax in spec text must come out as text, never be evaluated.
    spec.write_text(
        src.read_text().replace("isn't a template", "isn't a template {{ seven }} {% raw %}")
    )
    out = tmp_path / "app"
    result = generate([spec], out, families=BACKEND)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    text = "".join(p.read_text() for p in out.rglob("*.go"))
    assert "{{ seven }} {% raw %}" in text
    _go_test(out)
    require_tool("goose")
    db = postgres.create_db("hostile")
    goose(postgres, db, out / "migrations", "up")
    assert goose_pending(goose(postgres, db, out / "migrations", "status")) == []


@pytest.mark.toolchain
def test_session_audit_into_its_chi_repo(tmp_path: Path, postgres) -> None:  # noqa: F811
    base = FIXTURES / "session-audit"
    repo = tmp_path / "repo"
    shutil.copytree(base / "repo", repo)
    router_before = (repo / "internal/api/router.go").read_bytes()
    gomod_before = (repo / "go.mod").read_bytes()
    spec = base / "tech-specs" / "session-audit.md"
    result = generate([spec], repo, families=BACKEND)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert (repo / "internal/api/router.go").read_bytes() == router_before
    assert (repo / "go.mod").read_bytes() == gomod_before
    new = sorted(p.name for p in (repo / "migrations").iterdir())
    assert new[0] == "00001_init.sql" and all(n[:5].isdigit() for n in new), new
    routes = next(repo.rglob("*_routes.gen.go")).read_text()
    assert "chi.Router" in routes and "r.MethodFunc(" in routes
    # The user runs the commands generate printed, then builds.
    go = require_tool("go")
    for ins in result.instructions:
        if ins.kind == "go-get":
            run(ins.command.split(), cwd=repo, env={"GOTOOLCHAIN": "local"})
    _go_test(repo)
    require_tool("goose")
    db = postgres.create_db("audit")
    migrations = repo / "migrations"
    goose(postgres, db, migrations, "up-to", "1")
    before = postgres.schema(db)
    goose(postgres, db, migrations, "up")
    goose(postgres, db, migrations, "down-to", "1")
    assert postgres.schema(db) == before
    goose(postgres, db, migrations, "up")
    assert goose_pending(goose(postgres, db, migrations, "status")) == []
    assert go


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        'quote " and backslash \\ and tab \t',
        "newline\nand carriage\r return",
        "nul \x00 bell \x07 del \x7f",
        "bom \ufeff line sep \u2028 para \u2029",
        "emoji 🎉 中文 é",
        "`backtick` */ /* ${x} {{ y }}",
    ],
)
def test_go_string_is_one_safe_literal(text: str) -> None:
    lit = go_string(text)
    assert lit.startswith('"') and lit.endswith('"')
    assert "\n" not in lit and "\r" not in lit and "\x00" not in lit and "\ufeff" not in lit


@pytest.mark.toolchain
def test_go_string_round_trips_through_go(tmp_path: Path) -> None:
    samples = [
        "plain",
        'quote " backslash \\ tab \t',
        "nl\ncr\r",
        "nul \x00 bell \x07 del \x7f esc \x1b",
        "bom \ufeff ls \u2028 ps \u2029 zwj \u200d",
        "emoji 🎉 中文 é 𝔘",
        "`tick` */ /* ${x} {{ y }} %s %v",
    ]
    lines = ",\n".join(f"\t{go_string(s)}" for s in samples)
    (tmp_path / "go.mod").write_text("module example.com/q\n\ngo 1.22\n")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport (\n\t"encoding/hex"\n\t"fmt"\n)\n\n'
        f"var samples = []string{{\n{lines},\n}}\n\n"
        "func main() {\n\tfor _, s := range samples {\n"
        "\t\tfmt.Println(hex.EncodeToString([]byte(s)))\n\t}\n}\n"
    )
    out = run([require_tool("go"), "run", "."], cwd=tmp_path, env=go_env()).stdout.split()
    assert out == [s.encode("utf-8").hex() for s in samples]


@pytest.mark.parametrize(
    "tag, expected",
    [
        ('json:"a"', '`json:"a"`'),
        ('json:"a`b"', '"json:\\"a`b\\""'),
    ],
)
def test_go_tag(tag: str, expected: str) -> None:
    assert go_tag(tag) == expected


def test_sql_escaping() -> None:
    assert sql_comment("a\n-- +goose Down\nDROP TABLE x") == "a -- + goose Down DROP TABLE x"
    assert sql_literal("it's") == "'it''s'"


@pytest.mark.toolchain
def test_qualified_errors_nested_body_and_ownership(tmp_path: Path) -> None:
    """A taxonomy naming `auth.ErrEmailTaken` gets one sentinel ErrEmailTaken (rows may write
    it either way), a nested error body as the tables show it keeps its nesting and its code,
    and an ownership auth becomes a TODO(T-00N) in the stub, not a role check."""
    text = (
        VALIDATION_SPEC.replace(
            '`{"error": "message", "code": "invalid_signup"}`',
            '`{"error": {"code": "invalid_signup", "message": "…"}}`',
        )
        .replace(
            '`{"error": "message", "code": "email_taken"}`',
            '`{"error": {"code": "email_taken", "message": "…"}}`',
        )
        .replace("| ErrEmailTaken | 409 |", "| auth.ErrEmailTaken | 409 |")
        .replace("**Auth:** none", "**Auth:** Authenticated user, owner of the signup", 1)
    )
    spec = tmp_path / "tech-specs" / "signup-form.md"
    spec.parent.mkdir()
    spec.write_text(text)
    out = tmp_path / "app"
    result = generate([spec], out, families=BACKEND)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    errors = (out / "internal/handlers/signup_form_errors.gen.go").read_text()
    assert "ErrEmailTaken = errors.New(" in errors and "auth." not in errors
    routes = (out / "internal/handlers/signup_form_routes.gen.go").read_text()
    assert 'Error SignupFormErrorDetail `json:"error"`' in routes
    stub = (out / "internal/handlers/signups.go").read_text()
    auth = read_spec_bytes(text.encode(), str(spec)).endpoints[0].auth
    if auth is not None and auth.ownership:  # as the reader reads it
        assert "TODO(T-001): check that the caller owns the resource" in stub
    text = _go_test(out, "-v")
    assert "--- PASS: TestCreateSignup/ErrEmailTaken_→_409" in text
