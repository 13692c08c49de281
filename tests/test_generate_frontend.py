"""The frontend half of generate, without Node: escaping, the view model, planning.

The toolchain proof (tsc, Vitest) is in ``test_generate_frontend_toolchain.py``; the
Go ↔ TS wire test in ``test_wire.py``.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from scaffold.generate import generate
from scaffold.generate.views.ts import (
    import_path,
    ts_camel,
    ts_comment,
    ts_ident_problem,
    ts_key,
    ts_string,
    ts_template_text,
)
from scaffold.generate.views.web import jsx_attr, jsx_text, part_module

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
HOSTILE = ROOT / "tests" / "fixtures" / "specs" / "hostile" / "tech-specs" / "hostile-text.md"
FRONTEND = ("ts", "web")

HOSTILE_TEXTS = [
    'say "hi"',
    "it's",
    "back`tick` and ${injection}",
    "a */ comment end",
    "</script><script>alert(1)</script>",
    "<!-- html comment",
    "café ☕ 開心 😀",
    "line\nbreak\r\nand\ttab",
    "separators \u2028 \u2029",
    "bidi \u202e override \u2066",
    "back\\slash",
    "nul\x00byte",
    "",
]


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_ts_string_is_ascii_and_round_trips(text: str) -> None:
    lit = ts_string(text)
    assert lit.isascii() and lit.startswith('"') and lit.endswith('"')
    assert "\n" not in lit and "\r" not in lit
    assert "</" not in lit and "<!--" not in lit
    assert json.loads(lit.replace("<\\!--", "<!--")) == text  # JSON ⊂ JS string syntax here


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_template_text_cannot_end_or_interpolate(text: str) -> None:
    out = ts_template_text(text)
    assert out.isascii() and "\n" not in out
    assert re.search(r"(?<!\\)`", out) is None  # every backtick escaped
    assert re.search(r"(?<!\\)\$\{", out) is None  # no interpolation
    assert "</" not in out


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_comment_text_stays_one_comment_line(text: str) -> None:
    out = ts_comment(text)
    assert "*/" not in out and "</" not in out
    for ch in "\n\r\u2028\u2029\u202e\u2066\x00":
        assert ch not in out


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_jsx_text_and_attributes_are_literal(text: str) -> None:
    child = jsx_text(text)
    if child.startswith("{"):
        assert child.endswith("}") and json.loads(child[1:-1].replace("<\\!--", "<!--")) == text
    else:
        assert re.fullmatch(r"[A-Za-z0-9 .,:;!?()_/-]+", child)
    attr = jsx_attr(text)
    assert attr.startswith('"') or attr.startswith("{")
    if attr.startswith('"'):
        assert attr[1:-1] == text and '"' not in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("workspace_id", "workspaceId"),
        ("invite-id", "inviteId"),
        ("ID", "id"),
        ("default", "default_"),
        ("2fa_code", "_2faCode"),
    ],
)
def test_ts_camel(name: str, expected: str) -> None:
    assert ts_camel(name) == expected


@pytest.mark.parametrize(
    ("name", "ok"),
    [("InviteResponse", True), ("class", False), ("Bad-Name", False), ("$x", True), ("", False)],
)
def test_ts_ident_problem(name: str, ok: bool) -> None:
    assert (ts_ident_problem(name) is None) is ok


@pytest.mark.parametrize(
    ("name", "key"), [("email", "email"), ("x-request-id", '"x-request-id"'), ("a b", '"a b"')]
)
def test_ts_key_quotes_only_when_needed(name: str, key: str) -> None:
    assert ts_key(name) == key


@pytest.mark.parametrize(
    ("src", "dst", "spec"),
    [
        ("web/src/hooks/useInvites.ts", "web/src/api/http.ts", "../api/http"),
        ("web/src/api/invites.ts", "web/src/api/http.ts", "./http"),
        ("web/src/components/a/B.tsx", "web/src/types/invites.ts", "../../types/invites"),
    ],
)
def test_import_path(src: str, dst: str, spec: str) -> None:
    assert import_path(src, dst) == spec


@pytest.mark.parametrize(
    ("part", "module"),
    [("AlertDialog", "alert-dialog"), ("Dropdown Menu", "dropdown-menu"), ("button", "button")],
)
def test_part_module(part: str, module: str) -> None:
    assert part_module(part) == module


# --------------------------------------------------------------------------- the example


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("frontend") / "app"
    result = generate([EXAMPLE], out, families=FRONTEND)
    assert result.exit_code == 0, [d.message for d in result.diagnostics]
    return out


def _read(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def test_example_files_and_owners(example: Path) -> None:
    manifest = json.loads(_read(example, ".scaffold/manifest.json"))
    files = next(iter(manifest["features"].values()))["files"]
    generated = sorted(p for p, rec in files.items() if rec["owner"] == "generated")
    assert generated == [
        "web/src/api/http.ts",
        "web/src/api/invites-errors.ts",
        "web/src/api/invites-events.ts",
        "web/src/api/invites-keys.ts",
        "web/src/api/invites.ts",
        "web/src/hooks/useInvites.ts",
        "web/src/types/invites.ts",
    ]
    for rel in generated:
        assert _read(example, rel).splitlines()[0].endswith("DO NOT EDIT.")
    user = {p for p, rec in files.items() if rec["owner"] == "user"}
    assert {
        "web/src/components/invites/InviteDialog.tsx",
        "web/src/components/invites/InviteDialog.test.tsx",
        "web/src/components/invites/InviteList.tsx",
        "web/src/components/invites/InviteList.test.tsx",
        "web/src/pages/AcceptInvitePage.tsx",
        "web/src/pages/AcceptInvitePage.test.tsx",
        "web/src/hooks/useInvites.test.tsx",
        "web/src/components/ui/dialog.tsx",
        "web/src/components/ui/select.tsx",
        "web/src/lib/utils.ts",
        "web/package.json",
        "web/tsconfig.json",
        "web/components.json",
        "web/.npmrc",
        "web/vitest.config.ts",
    } <= user
    assert not (example / "web" / "package-lock.json").exists()


def test_example_types_mirror_go(example: Path) -> None:
    types = _read(example, "web/src/types/invites.ts")
    assert 'export type InviteRole = "admin" | "member";' in types
    assert "  invited_by: string | null;" in types  # *uuid.UUID
    assert "  invites: InviteResponse[] | null;" in types  # a slice without omitempty
    assert "  status: InviteStatus;" in types  # the Go enum's TS alias
    assert '  role: "admin" | "member";' in types  # oneof on a plain string
    assert "any" not in re.sub(r"//.*|/\*\*.*?\*/", "", types)


def test_example_hooks_follow_the_spec(example: Path) -> None:
    hooks = _read(example, "web/src/hooks/useInvites.ts")
    assert "export function useInvites(workspaceId: string, query?: ListInvitesQuery)" in hooks
    assert "useInfiniteQuery(" in hooks and "lastPage.next_cursor || undefined" in hooks
    # Mutations take the collection's parameters; the item's parameter is the variable.
    assert "export function useCreateInvite(workspaceId: string)" in hooks
    assert "useMutation<InviteResponse, ApiError, CreateInviteRequest>" in hooks
    assert "export function useRevokeInvite(workspaceId: string)" in hooks
    assert "useMutation<void, ApiError, string>" in hooks
    assert "export function useAcceptInvite()" in hooks
    # Both list mutations invalidate the list's key (a prefix of every page and filter);
    # accept changes no list it can name, so it invalidates the feature's keys.
    list_key = 'queryKey: [...workspaceInvitesKeys.all, "workspaces", workspaceId, "invites"]'
    assert hooks.count(list_key) == 3  # create, revoke, and the event
    assert "queryKey: workspaceInvitesKeys.all }" in hooks
    assert '["invites"]' not in hooks
    # One key factory whose `all` prefixes every key.
    keys = _read(example, "web/src/api/invites-keys.ts")
    assert 'const all = ["workspace-invites"] as const;' in keys
    assert '[...all, "workspaces", workspaceId, "invites", query ?? {}] as const' in keys
    # The list refetches on the event the spec names, through the feature's events module.
    block = hooks[hooks.index("export function useInvites(") :].split("\n}\n")[0]
    assert 'useWorkspaceInvitesEvents(["invite.accepted"], () => {' in block
    assert 'import { useWorkspaceInvitesEvents } from "../api/invites-events";' in hooks
    test = _read(example, "web/src/hooks/useInvites.test.tsx")
    assert 'it("refetches on invite.accepted"' in test
    assert test.count('it("refetches useInvites on success"') == 3


def test_example_errors_match_status_then_message(example: Path) -> None:
    errors = _read(example, "web/src/api/invites-errors.ts")
    spec_rows = [
        ("InviteConflictError", 409, "This user has already been invited."),
        ("AlreadyMemberError", 409, "This user is already a member of the workspace."),
        (
            "InviteExpiredError",
            410,
            "This invite has expired. Ask a workspace admin to send a new one.",
        ),
    ]
    for name, status, message in spec_rows:
        assert f"export class {name} extends ApiError" in errors
        block = errors[errors.index(f"export class {name} ") :]
        assert f"static readonly status = {status};" in block.split("}")[0]
        assert f"static readonly userMessage = {ts_string(message)};" in block
    client = _read(example, "web/src/api/invites.ts")
    assert "`/api/v1/workspaces/${encodeURIComponent(args.workspaceId)}/invites`" in client
    assert "export async function* listInvitesPages(" in client


def test_example_components_use_real_parts(example: Path) -> None:
    dialog = _read(example, "web/src/components/invites/InviteDialog.tsx")
    for line in [
        'import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";',
        'import { Input } from "@/components/ui/input";',
        "export interface InviteDialogProps {",
        "  onOpenChange: (open: boolean) => void;",
        "<Dialog open={open} onOpenChange={onOpenChange}>",
        '<Select name="role" defaultValue="member" required>',  # the column's DEFAULT
    ]:
        assert line in dialog
    test = _read(example, "web/src/components/invites/InviteDialog.test.tsx")
    assert 'expect(screen.getByLabelText("Email")).toBeInTheDocument();' in test
    # Behaviour the spec states, not the skeleton's own text: the submit sends the form's
    # values (the role keeps the column's DEFAULT), and nothing is skipped.
    assert 'it("submits the form\'s values with useCreateInvite"' in test
    assert 'await user.type(screen.getByLabelText("Email"), "ada@example.com");' in test
    assert 'toEqual({ email: "ada@example.com", role: "member" });' in test
    assert "it.skip" not in test and "vi.mock" not in test
    listing = _read(example, "web/src/components/invites/InviteList.tsx")
    assert "No invites yet." in listing and "fetchNextPage" in listing
    list_test = _read(example, "web/src/components/invites/InviteList.test.tsx")
    assert 'it("shows one row per item"' in list_test
    assert 'it("Revoke invite on a row calls the API"' in list_test
    assert 'expect(await screen.findByText("No invites yet.")).toBeInTheDocument();' in list_test


def test_example_project_pins(example: Path) -> None:
    pins = tomllib.loads((ROOT / "blueprints" / "pins.toml").read_text(encoding="utf-8"))["npm"]
    package = json.loads(_read(example, "web/package.json"))
    for section in ("dependencies", "devDependencies"):
        for name, version in package[section].items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), (name, version)
            assert pins[section][name] == version
    assert package["engines"]["node"] == pins["node"]
    assert "@radix-ui/react-dialog" in package["dependencies"]
    assert "omit-lockfile-registry-resolved=true" in _read(example, "web/.npmrc")
    tsconfig = json.loads(_read(example, "web/tsconfig.json"))
    assert tsconfig["compilerOptions"]["strict"] is True
    assert tsconfig["compilerOptions"]["paths"] == {"@/*": ["./src/*"]}


def test_second_run_changes_nothing(example: Path) -> None:
    result = generate([EXAMPLE], example, families=FRONTEND)
    assert result.exit_code == 0
    assert result.changed() == [], [f.path for f in result.changed()]


# --------------------------------------------------------------------------- existing targets


def _existing_web(root: Path, components_json: bool, deps: dict[str, str]) -> None:
    web = root / "web"
    (web / "src" / "components" / "ui").mkdir(parents=True)
    (web / "package.json").write_text(
        json.dumps({"name": "app", "dependencies": deps}), encoding="utf-8"
    )
    (web / "src" / "components" / "ui" / "button.tsx").write_text("// mine\n", encoding="utf-8")
    if components_json:
        (web / "components.json").write_text(
            json.dumps({"aliases": {"components": "@/components", "utils": "@/lib/utils"}}),
            encoding="utf-8",
        )


def test_target_with_components_json_gets_the_shadcn_command(tmp_path: Path) -> None:
    _existing_web(tmp_path, True, {"react": "19.0.0", "@tanstack/react-query": "5.0.0"})
    result = generate([EXAMPLE], tmp_path, families=FRONTEND)
    assert result.exit_code == 0
    shadcn = [i for i in result.instructions if i.kind == "shadcn-add"]
    assert [i.command for i in shadcn] == [
        "cd web && npx shadcn@latest add badge card dialog input label select table"
    ]
    written = {f.path for f in result.files}
    assert not any("/components/ui/" in p for p in written)
    assert "web/package.json" not in written and "web/tsconfig.json" not in written
    assert (tmp_path / "web/src/components/ui/button.tsx").read_text() == "// mine\n"
    npm = [i.command for i in result.instructions if i.kind == "npm-install"]
    assert npm and "@radix-ui/react-dialog@" in npm[0] and "react@" not in npm[0].split()[4:]


def test_target_without_components_json_gets_primitives_but_keeps_its_own(tmp_path: Path) -> None:
    _existing_web(tmp_path, False, {})
    result = generate([EXAMPLE], tmp_path, families=FRONTEND)
    assert result.exit_code == 0
    assert (tmp_path / "web/src/components/ui/dialog.tsx").is_file()
    assert (tmp_path / "web/src/components/ui/button.tsx").read_text() == "// mine\n"
    assert not any(i.kind == "shadcn-add" for i in result.instructions)


# --------------------------------------------------------------------------- hostile text


def test_hostile_text_lands_escaped(tmp_path: Path) -> None:
    result = generate([HOSTILE], tmp_path, families=FRONTEND)
    assert result.exit_code == 0, [d.message for d in result.diagnostics]
    sources = [p for p in (tmp_path / "web" / "src").rglob("*.ts*") if "/ui/" not in p.as_posix()]
    assert sources
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "</script>" not in text, path
        for line in text.splitlines():
            code = line.split("//", 1)[0] if not line.lstrip().startswith(("/*", "*")) else ""
            assert code.isascii(), (path, line)  # non-ASCII only in comments
    types = (tmp_path / "web/src/types/guestbook.ts").read_text(encoding="utf-8")
    assert '"caf\\u00e9 \\u2615"' in types


# --------------------------------------------------------------------------- view schemas

_JSON_TYPES = {"string": str, "array": list, "object": dict, "boolean": bool, "integer": int}


def _check(schema: dict, value, where: str) -> None:
    """The part of JSON Schema the view schemas use: type, required, properties, items."""
    t = schema.get("type")
    if t:
        assert isinstance(value, _JSON_TYPES[t]) and not (
            t == "integer" and isinstance(value, bool)
        ), f"{where}: expected {t}, got {type(value).__name__}"
    for key in schema.get("required", []):
        assert key in value, f"{where}: missing {key!r}"
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            _check(sub, value[key], f"{where}.{key}")
    if "items" in schema and isinstance(value, list):
        for i, item in enumerate(value):
            _check(schema["items"], item, f"{where}[{i}]")


@pytest.mark.parametrize("spec_path", [EXAMPLE, HOSTILE], ids=["example", "hostile"])
def test_view_models_fit_their_schemas(spec_path: Path, tmp_path: Path) -> None:
    from scaffold.config import load_config
    from scaffold.generate.plan import PlanContext, TargetState
    from scaffold.generate.views import ts, web
    from scaffold.read import load_feature

    spec = load_feature([spec_path])
    ctx = PlanContext(
        spec=spec,
        config=load_config([tmp_path, spec_path.parent], {}, target=tmp_path),
        target=TargetState(root=tmp_path),
        feature=spec.slug,
        spec_paths=[spec_path.name],
    )
    schemas = {**ts.VIEW_SCHEMAS, **web.VIEW_SCHEMAS}
    jobs = ts.FAMILY.plan(ctx) + web.FAMILY.plan(ctx)
    assert {j.blueprint for j in jobs} == set(schemas)
    for job in jobs:
        json.dumps(job.data)  # JSON-able
        _check(schemas[job.blueprint], job.data, job.blueprint)
        planned = sorted(f.path for f in job.files)
        listed = sorted(item["path"] for items in job.data["files"].values() for item in items)
        assert planned == listed, job.blueprint


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("| InviteConflictError |", "| ApiConfig |", "GEN061"),  # a name the runtime declares
        ("| InviteConflictError |", "| class |", "NAME002"),  # a reserved word: check says so
        ("| InviteConflictError |", "| InviteResponse |", "GEN061"),  # a type's name
    ],
)
def test_error_names_that_would_break_the_output_are_errors(
    old: str, new: str, rule: str, tmp_path: Path
) -> None:
    spec = tmp_path / "tech-specs" / "workspace-invites.md"
    spec.parent.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")
    for extra in ("scaffold.toml",):
        (tmp_path / extra).write_text((EXAMPLE.parent.parent / extra).read_text())
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "schema.sql").write_text(
        (EXAMPLE.parent.parent / "db" / "schema.sql").read_text()
    )
    result = generate([spec], tmp_path / "out", families=FRONTEND)
    assert result.exit_code == 1
    assert rule in {d.rule for d in result.diagnostics if d.severity == "error"}
    assert not (tmp_path / "out" / "web").exists()


def test_one_shared_api_error_class_maps_by_status_and_code(tmp_path: Path) -> None:
    """Every taxonomy row naming `ApiError`: no class per row, rows told apart by code."""
    import re

    spec = tmp_path / "tech-specs" / "workspace-invites.md"
    spec.parent.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    text, n = re.subn(r"\| `?[A-Z][A-Za-z]*Error`? \|", "| `ApiError` |", text)
    assert n > 3
    spec.write_text(text, encoding="utf-8")
    (tmp_path / "scaffold.toml").write_text((EXAMPLE.parent.parent / "scaffold.toml").read_text())
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "schema.sql").write_text(
        (EXAMPLE.parent.parent / "db" / "schema.sql").read_text()
    )
    result = generate([spec], tmp_path / "out", families=FRONTEND)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    errors = next((tmp_path / "out").rglob("*-errors.ts")).read_text(encoding="utf-8")
    assert "export class" not in errors  # the runtime's ApiError is the one class
    assert 'new ApiError(message, 409, "invite_exists", body)' in errors
    assert "userMessage === message" not in errors  # never matched by message text
    hook_test = next((tmp_path / "out").rglob("use*.test.tsx")).read_text(encoding="utf-8")
    assert 'code: "invite_exists"' in hook_test


def _plan_context(spec_path: Path, root: Path):
    from scaffold.config import load_config
    from scaffold.generate.plan import PlanContext, TargetState
    from scaffold.read import load_feature

    spec = load_feature([spec_path])
    return PlanContext(
        spec=spec,
        config=load_config([root, spec_path.parent], {}, target=root),
        target=TargetState(root=root),
        feature=spec.slug,
        spec_paths=[spec_path.name],
    )


def test_get_request_struct_is_a_query_type(tmp_path: Path) -> None:
    """`query:"…"` tags name the members; every member is optional and never null."""
    from scaffold.generate.views.ts import build_frontend

    spec_path = ROOT / "tests/fixtures/specs/session-audit/tech-specs/session-audit.md"
    fe = build_frontend(_plan_context(spec_path, tmp_path))
    query = fe.decl_by_name["ListSessionEventsRequest"]
    assert [(p.name, p.optional, p.nullable) for p in query.props] == [
        ("cursor", True, False),
        ("limit", True, False),
        ("kind", True, False),
    ]
    assert query.go == ""  # not a JSON mirror: the wire test skips it
    fn = next(f for f in fe.fns if f.query_type == "ListSessionEventsRequest")
    assert fn.cursor is not None and fn.cursor["query"] == "cursor"


def test_target_on_swr_is_warned(tmp_path: Path) -> None:
    web = tmp_path / "web"
    web.mkdir()
    (web / "package.json").write_text(
        json.dumps({"dependencies": {"swr": "2.5.1", "react": "19.3.1"}}), encoding="utf-8"
    )
    result = generate([EXAMPLE], tmp_path, families=FRONTEND)
    assert result.exit_code == 0
    assert "GEN065" in {d.rule for d in result.diagnostics if d.severity == "warning"}
    npm = [i.command for i in result.instructions if i.kind == "npm-install"]
    assert "@tanstack/react-query@5.108.0" in npm[0]


# --------------------------------------------------------------------------- the target's stack


@pytest.mark.parametrize(
    "manager, root, dev, expected",
    [
        ("npm", "web", False, "npm install --prefix web --save-exact a@1 b@2"),
        ("npm", ".", True, "npm install --save-exact --save-dev a@1 b@2"),
        ("pnpm", "web", True, "cd web && pnpm add --save-exact --save-dev a@1 b@2"),
        ("yarn", "frontend", False, "cd frontend && yarn add --exact a@1 b@2"),
        ("bun", ".", True, "bun add --exact --dev a@1 b@2"),
    ],
)
def test_install_command_follows_the_package_manager(
    manager: str, root: str, dev: bool, expected: str
) -> None:
    from scaffold.generate.views.web import install_command

    assert install_command(manager, root, ["a@1", "b@2"], dev) == expected


@pytest.mark.parametrize(
    "radix, dialog_import, package",
    [
        (
            "@radix-ui",
            'import * as DialogPrimitive from "@radix-ui/react-dialog";',
            "@radix-ui/react-dialog",
        ),
        ("radix-ui", 'import { Dialog as DialogPrimitive } from "radix-ui";', "radix-ui"),
    ],
)
def test_primitives_and_packages_follow_the_radix_setting(
    tmp_path: Path, radix: str, dialog_import: str, package: str
) -> None:
    (tmp_path / "scaffold.toml").write_text(f'radix = "{radix}"\n', encoding="utf-8")
    result = generate([EXAMPLE], tmp_path, families=("project", *FRONTEND))
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    dialog = _read(tmp_path, "web/src/components/ui/dialog.tsx")
    assert dialog.splitlines()[1] == dialog_import
    button = _read(tmp_path, "web/src/components/ui/button.tsx")
    assert "SlotPrimitive.Slot" in button
    deps = json.loads(_read(tmp_path, "web/package.json"))["dependencies"]
    assert package in deps
    other = "radix-ui" if radix == "@radix-ui" else "@radix-ui/react-dialog"
    assert other not in deps
    assert not [p for p in deps if p.startswith("@radix-ui/")] or radix == "@radix-ui"


def test_target_without_vitest_gets_the_test_stack_and_script(tmp_path: Path) -> None:
    _existing_web(tmp_path, True, {"react": "19.3.1", "react-dom": "19.3.1"})
    (tmp_path / "scaffold.toml").write_text(
        'test_runner = "none"\npackage_manager = "pnpm"\nradix = "radix-ui"\n', encoding="utf-8"
    )
    result = generate([EXAMPLE], tmp_path, families=FRONTEND)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    pins = tomllib.loads((ROOT / "blueprints" / "pins.toml").read_text(encoding="utf-8"))["npm"]
    dev = pins["devDependencies"]
    commands = [i.command for i in result.instructions if i.kind == "npm-install"]
    assert commands[0].startswith("cd web && pnpm add --save-exact ")
    assert f"radix-ui@{pins['dependencies']['radix-ui']}" in commands[0].split()
    assert not any("@radix-ui/" in c for c in commands)
    from scaffold.generate.views.web import TEST_STACK

    assert {"vitest", "jsdom", "@testing-library/react", "@types/node"} <= set(TEST_STACK)
    assert commands[1] == "cd web && pnpm add --save-exact --save-dev " + " ".join(
        f"{name}@{dev[name]}" for name in TEST_STACK
    )
    assert commands[2] == 'npm pkg set --prefix web scripts.test="vitest run"'
    written = {f.path for f in result.files}
    assert {"web/vitest.config.ts", "web/src/test/setup.ts"} <= written
    assert "web/package.json" not in written


def test_target_on_vitest_gets_no_test_stack(tmp_path: Path) -> None:
    _existing_web(tmp_path, True, {"react": "19.3.1", "vitest": "4.1.12"})
    result = generate([EXAMPLE], tmp_path, families=FRONTEND)
    assert result.exit_code == 0
    commands = [i.command for i in result.instructions if i.kind == "npm-install"]
    assert len(commands) == 1 and "vitest" not in commands[0]
    assert "web/vitest.config.ts" not in {f.path for f in result.files}
