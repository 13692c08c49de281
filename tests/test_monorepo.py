"""Bootstrap into a repository as its team laid it out (issue 13, DESIGN §19).

The fixture monorepo (``tests/fixtures/monorepo/``, plain files) has a Go backend in
``backend/`` (its own go.mod with chi, pgx v5 and google/uuid, a ``database.DBTX``
interface over pgx, chi route groups with ``RequireOrgMember`` / ``RequireOrgAdmin``, six
sequential migrations) and a Vite + React frontend in ``frontend/`` (``radix-ui``, a
``components.json``, tsconfig paths, a package-lock.json, no test runner).
:func:`build_monorepo` copies it into a git repository with a spec committed in
``tech-specs/``: our own (``tests/fixtures/monorepo-spec/org-access.md``: handlers in
two domain packages, interfaces over ``pgx`` and ``database.DBTX``) or a corpus spec
whose key records a monorepo layout, the fixture then laid out as that key says.

Every test runs ``scaffold`` with no flag beyond ``--repo``: what it needs, it detects.
Toolchain tests (Go, goose + PostgreSQL, node) skip locally when a tool is missing and
fail under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpus import Case, corpus_cases
from toolchain import ROOT, git_identity, go_checks, goose, require_tool, run, use_git_identity
from toolchain import postgres  # noqa: F401 (a fixture)
from wire.node import apply_printed_npm, bin_path, node_modules_for

from scaffold.bootstrap import bootstrap
from scaffold.config import load_config, read_go_mod
from scaffold.layout import spec_hints
from scaffold.read import load_feature

FIXTURE = ROOT / "tests" / "fixtures" / "monorepo"
OWN_SPEC = ROOT / "tests" / "fixtures" / "monorepo-spec" / "org-access.md"
FIXTURE_MODULE = "github.com/acme/teamhub/backend"
FIXTURE_MIGRATIONS = "backend/migrations"
IDENTITY = git_identity("Priya Raman", "priya@example.com")
# What `scaffold config` shows at the fixture's root: (value, origin) by key.
FIXTURE_DETECTED = {
    "go_module": (FIXTURE_MODULE, "target:backend/go.mod"),
    "backend_root": ("backend", "target:backend/go.mod"),
    "router": ("chi", "target:backend/go.mod"),
    "migrations_dir": ("backend/migrations", "target:backend/migrations/"),
    "migration_numbering": ("sequential", "target:backend/migrations/"),
    "frontend_root": ("frontend", "target:frontend/package.json"),
    "radix": ("radix-ui", "target:frontend/package.json"),
    "test_runner": ("none", "target:frontend/package.json"),
    "package_manager": ("npm", "target:frontend/package-lock.json"),
    "aliases": (
        "@/*=./src/*, components=@/components, hooks=@/hooks, lib=@/lib, "
        "ui=@/components/ui, utils=@/lib/utils",
        "target:frontend/tsconfig.json, frontend/components.json",
    ),
}


@dataclass
class Variant:
    """A spec and the layout the fixture takes for it."""

    name: str
    spec: Path
    module: str = FIXTURE_MODULE
    migrations_dir: str = FIXTURE_MIGRATIONS
    key: dict = field(default_factory=dict)


def _monorepo_cases() -> list[Case]:
    """Corpus specs whose key puts the backend and the frontend in their own roots."""
    return [
        c
        for c in corpus_cases()
        if c.layout.get("backend_root") not in (None, "", ".")
        and c.layout.get("frontend_root") not in (None, "", ".")
        and len(c.files) == 1
    ]


OWN = Variant("org-access", OWN_SPEC)
CORPUS = [
    Variant(
        c.name,
        c.files[0],
        module=c.layout.get("go_module") or FIXTURE_MODULE,
        migrations_dir=c.layout.get("migrations_dir") or FIXTURE_MIGRATIONS,
        key=c.key,
    )
    for c in _monorepo_cases()
]


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            **IDENTITY,
            "GIT_AUTHOR_DATE": "2026-11-20T09:00:00Z",
            "GIT_COMMITTER_DATE": "2026-11-20T09:00:00Z",
        },
    )
    return proc.stdout.strip()


# The shadcn parts the fixture's team installed (`npx shadcn add …`, the single
# `radix-ui` package), written from our own copies of them; its button.tsx is an older
# one of its own and stays in the fixture.
FIXTURE_PARTS = ("dialog", "input", "label", "select", "table")


def install_shadcn_parts(ui_dir: Path) -> None:
    """Write the fixture's installed shadcn parts as shadcn writes them for ``radix-ui``."""
    from scaffold.generate.views.web import PRIMITIVES

    parts = ROOT / "blueprints" / "ui-primitives" / "parts"
    for m in FIXTURE_PARTS:
        text = (parts / f"{m}.tsx").read_text(encoding="utf-8")
        text = text.replace("{{ f.radix_import }}", PRIMITIVES[m].radix_import("radix-ui"))
        assert "{{" not in text and "{%" not in text, m
        (ui_dir / f"{m}.tsx").write_text(text, encoding="utf-8")


def build_monorepo(dest: Path, variant: Variant = OWN) -> Path:
    """The fixture monorepo as a git repository with the variant's spec committed in
    ``tech-specs/``; its module path and migrations dir as the variant says."""
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("node_modules"))
    install_shadcn_parts(dest / "frontend" / "src" / "components" / "ui")
    if variant.migrations_dir != FIXTURE_MIGRATIONS:
        target = dest / variant.migrations_dir
        target.parent.mkdir(parents=True, exist_ok=True)
        (dest / FIXTURE_MIGRATIONS).rename(target)
    if variant.module != FIXTURE_MODULE:
        for path in [dest / "backend" / "go.mod", *(dest / "backend").rglob("*.go")]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(FIXTURE_MODULE, variant.module), encoding="utf-8")
    (dest / "tech-specs").mkdir()
    shutil.copy(variant.spec, dest / "tech-specs" / variant.spec.name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "The app as it is")
    return dest


def spec_in(repo: Path, variant: Variant) -> Path:
    return repo / "tech-specs" / variant.spec.name


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    use_git_identity(monkeypatch, IDENTITY)


@pytest.fixture(scope="module")
def bootstrapped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, object]]:
    """Each variant bootstrapped once (the toolchain tests copy the result)."""
    done: dict[str, tuple[Path, object]] = {}
    for variant in [OWN, *CORPUS]:
        repo = build_monorepo(tmp_path_factory.mktemp(variant.name) / "repo", variant)
        done[variant.name] = (repo, bootstrap([spec_in(repo, variant)], repo))
    return done


def scaffold_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


# --------------------------------------------------------------------------- detection


def test_config_at_the_fixture_root_shows_every_detected_value(tmp_path: Path) -> None:
    repo = build_monorepo(tmp_path / "repo")
    text = scaffold_cli("config", cwd=repo)
    assert text.returncode == 0, text.stderr
    rows = {}
    for line in text.stdout.splitlines()[1:]:
        key, rest = line.split(None, 1)
        value, _, origin = rest.rpartition("(")
        rows[key] = (value.strip(), origin.rstrip(")"))
    for key, want in FIXTURE_DETECTED.items():
        assert rows[key] == want, key
    doc = json.loads(scaffold_cli("config", "--repo", ".", "--format", "json", cwd=repo).stdout)
    values = doc["values"]
    assert doc["config_file"] is None
    for key, (value, origin) in FIXTURE_DETECTED.items():
        assert values[key]["origin"] == origin, key
    assert values["aliases"]["value"]["ui"] == "@/components/ui"
    assert values["go_module"]["value"] == FIXTURE_MODULE


@pytest.mark.parametrize("variant", CORPUS, ids=[v.name for v in CORPUS])
def test_detection_reads_the_layout_the_corpus_key_records(
    variant: Variant, tmp_path: Path
) -> None:
    repo = build_monorepo(tmp_path / "repo", variant)
    cfg = load_config([repo], {}, target=repo)
    layout = variant.key["layout"]
    got = {
        "go_module": cfg.go_module,
        "backend_root": cfg.backend_root,
        "frontend_root": cfg.frontend_root,
        "migrations_dir": cfg.migrations_dir,
        "numbering": cfg.migration_numbering,
        "router": cfg.router,
    }
    assert got == {k: layout[k] for k in got if k in layout}
    assert all(cfg.origin[k].startswith("target:") for k in ("go_module", "migrations_dir"))


def test_corpus_has_a_monorepo_spec() -> None:
    if not corpus_cases():
        pytest.skip("the shared corpus is missing")
    assert CORPUS, "no corpus key records a backend_root and frontend_root of their own"


def test_spec_hints_name_the_spec_paths() -> None:
    hints = spec_hints(load_feature([OWN_SPEC]))
    for path in (
        "backend/internal/members/handler.go",
        "backend/internal/tokens/handler.go",
        "backend/migrations/create_api_tokens.sql",
        "frontend/src/components/members/MemberTable.tsx",
    ):
        assert path in hints


# --------------------------------------------------------------------------- bootstrap


def test_bootstrap_with_no_flag_follows_the_repository_layout(bootstrapped) -> None:
    repo, result = bootstrapped[OWN.name]
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert result.commit and git(repo, "rev-parse", "HEAD") == result.commit
    tree = set(git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines())
    new = sorted(tree - set(git(repo, "ls-tree", "-r", "--name-only", "main").splitlines()))
    # The migration lands as the next sequential file after the six the repository has.
    migrations = [p for p in new if p.startswith("backend/migrations/")]
    assert migrations == ["backend/migrations/00007_create_api_tokens.sql"]
    # Everything else goes under the backend and frontend roots (plus scaffold's own files).
    outside = [
        p
        for p in new
        if not p.startswith(("backend/", "frontend/", ".scaffold/", "tech-specs/"))
        and p != "scaffold.toml"
    ]
    assert outside == []
    assert "backend/internal/members/handler.go" in new
    assert "backend/internal/tokens/handler.go" in new
    # Nothing the user wrote into the fixture was rewritten.
    changed = git(repo, "diff", "--name-only", "main", "HEAD", "--diff-filter=M").splitlines()
    assert changed == []


def test_routes_use_the_middleware_the_spec_names(bootstrapped) -> None:
    """Each endpoint is registered behind the auth middleware its spec names, found in the
    target (``auth.Middleware.RequireOrgMember`` / ``RequireOrgAdmin``), as the repository's
    own router does with chi groups."""
    repo, result = bootstrapped[OWN.name]
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    spec = load_feature([spec_in(repo, OWN)])
    routes = {
        pkg: "\n".join(
            p.read_text(encoding="utf-8") for p in (repo / "backend/internal" / pkg).glob("*.go")
        )
        for pkg in ("members", "tokens")
    }
    for ep in spec.endpoints:
        pkg = Path(ep.handler.file).parent.name
        middleware = "RequireOrgAdmin" if "RequireOrgAdmin" in ep.auth.text else "RequireOrgMember"
        assert middleware in routes[pkg], f"{ep.method} {ep.path}: no {middleware} in {pkg}"


@pytest.mark.parametrize("variant", CORPUS, ids=[v.name for v in CORPUS])
def test_bootstrap_of_the_corpus_spec_with_no_flag(variant: Variant, bootstrapped) -> None:
    repo, result = bootstrapped[variant.name]
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    tree = set(git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines())
    for path in variant.key.get("migrations") or []:
        assert path in tree, path
    for endpoint in variant.key.get("endpoints") or []:
        assert endpoint["handler_file"] in tree, endpoint["handler_file"]


# --------------------------------------------------------------------------- toolchain


def _copy(bootstrapped, name: str, tmp_path: Path) -> Path:
    repo, result = bootstrapped[name]
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    dest = tmp_path / "repo"
    shutil.copytree(repo, dest, symlinks=True)
    return dest


def _instructions(bootstrapped, name: str, kind: str) -> list:
    _, result = bootstrapped[name]
    return [i for i in result.generate.instructions if i.kind == kind and i.command]


@pytest.mark.toolchain
def test_backend_builds_vets_and_tests_in_place(bootstrapped, tmp_path: Path) -> None:
    require_tool("go")
    repo = _copy(bootstrapped, OWN.name, tmp_path)
    backend = repo / "backend"
    env = {"GOTOOLCHAIN": "local", "GOFLAGS": "-mod=mod"}
    required = set(read_go_mod(repo, "backend").requires)  # type: ignore[union-attr]
    for ins in _instructions(bootstrapped, OWN.name, "go-get"):
        module, _, version = ins.command.split()[-1].rpartition("@")
        assert re.match(r"^v\d+\.\d+\.\d+", version), f"not an exact version: {ins.command}"
        assert not any(
            module == m or module.startswith(m + "/") for m in required
        ), f"{ins.command}: backend/go.mod already requires the module of {module}"
        run(shlex.split(ins.command), cwd=repo / Path(ins.path).parent, env=env)
    go_checks(backend, {"GOTOOLCHAIN": "local", "GOFLAGS": "-mod=readonly"})


@pytest.mark.toolchain
@pytest.mark.parametrize("variant", [OWN, *CORPUS], ids=[v.name for v in [OWN, *CORPUS]])
def test_migrations_round_trip_after_the_existing_ones(
    variant: Variant, bootstrapped, postgres  # noqa: F811
) -> None:
    require_tool("goose")
    repo, result = bootstrapped[variant.name]
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    migrations = repo / variant.migrations_dir
    existing = sorted(p.name for p in (FIXTURE / FIXTURE_MIGRATIONS).glob("*.sql"))
    db = postgres.create_db("mono")
    goose(postgres, db, migrations, "up-to", existing[-1].split("_", 1)[0])
    before = postgres.schema(db)
    goose(postgres, db, migrations, "up")
    after = postgres.schema(db)
    assert after != before, "the new migrations change nothing"
    goose(postgres, db, migrations, "down-to", existing[-1].split("_", 1)[0])
    assert postgres.schema(db) == before, "down to the existing migrations does not restore them"
    goose(postgres, db, migrations, "up")
    assert postgres.schema(db) == after, "up after down differs from the first up"


@pytest.mark.toolchain
@pytest.mark.slow
def test_frontend_typechecks_and_its_tests_pass_after_the_printed_installs(
    bootstrapped, tmp_path: Path
) -> None:
    require_tool("node")
    npm = require_tool("npm")
    repo = _copy(bootstrapped, OWN.name, tmp_path)
    web = repo / "frontend"
    package = json.loads((web / "package.json").read_text(encoding="utf-8"))
    _, result = bootstrapped[OWN.name]
    for ins in result.generate.instructions:
        if ins.kind in ("npm-install", "shadcn-add") and ins.command:
            for part in ins.command.split("&&"):
                if not part.strip().startswith("cd "):
                    apply_printed_npm(part.strip(), package)
    data = (json.dumps(package, indent=2) + "\n").encode()
    (web / "package.json").write_bytes(data)
    (web / "package-lock.json").unlink()
    (web / "node_modules").symlink_to(node_modules_for(npm, data), target_is_directory=True)
    run([bin_path(web, "tsc"), "--noEmit", "-p", "."], cwd=web)
    generated_tests = sorted(p.relative_to(web).as_posix() for p in web.rglob("*.test.tsx"))
    assert generated_tests, "generate wrote no frontend test"
    assert "test" in package.get("scripts", {}), (
        "the repository has no `test` script and no printed command adds one; generated "
        f"tests: {generated_tests}"
    )
    runner = bin_path(web, "vitest")
    assert Path(runner).exists(), "vitest, which the generated tests import, is not installed"
    proc = run([runner, "run", "--reporter=json"], cwd=web)
    report = json.loads(proc.stdout[proc.stdout.index("{") :])
    assert report["numFailedTests"] == 0 and report["numPassedTests"] > 0, report
