"""Layout detection from the repository root (issue 13, DESIGN §14, §19): one row per
detected value and the file it says it came from, then precedence and tie-breaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold.config import load_config
from scaffold.layout import detect_layout

CHI_GOMOD = (
    "module github.com/acme/app/backend\n\ngo 1.25\n\nrequire github.com/go-chi/chi/v5 v5.2.3\n"
)
MUX_GOMOD = "module example.com/mux\n\ngo 1.22\n\nrequire (\n\tgithub.com/gorilla/mux v1.8.1\n)\n"
REACT = {"dependencies": {"react": "19.3.1", "react-dom": "19.3.1"}}


def pkg(**sections: dict[str, str]) -> str:
    data = {"name": "web", "dependencies": {"react": "19.3.1"}}
    for name, table in sections.items():
        data.setdefault(name, {}).update(table)
    return json.dumps(data)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


MONO = {
    "backend/go.mod": CHI_GOMOD,
    "backend/migrations/00001_init.sql": "-- +goose Up\n",
    "frontend/package.json": json.dumps(REACT),
}

# (case id, files, key, expected value, expected origin)
DETECTED = [
    ("backend root", MONO, "backend_root", "backend", "target:backend/go.mod"),
    (
        "module path",
        MONO,
        "go_module",
        "github.com/acme/app/backend",
        "target:backend/go.mod",
    ),
    ("router chi", MONO, "router", "chi", "target:backend/go.mod"),
    (
        "router gorilla/mux, generated as net/http",
        {"go.mod": MUX_GOMOD},
        "router",
        "net/http",
        "target:go.mod (gorilla/mux found; generated as net/http handlers)",
    ),
    (
        "router net/http",
        {"go.mod": "module example.com/plain\n\ngo 1.22\n"},
        "router",
        "net/http",
        "target:go.mod",
    ),
    ("migrations under the backend", MONO, "migrations_dir", "backend/migrations", None),
    (
        "migrations at the root when the backend has none",
        {"backend/go.mod": CHI_GOMOD, "db/migrations/20260101000000_a.sql": ""},
        "migrations_dir",
        "db/migrations",
        "target:db/migrations/",
    ),
    (
        "sequential numbering",
        MONO,
        "migration_numbering",
        "sequential",
        "target:backend/migrations/",
    ),
    (
        "timestamp numbering",
        {"migrations/20261124000001_a.sql": ""},
        "migration_numbering",
        "timestamp",
        "target:migrations/",
    ),
    ("frontend root", MONO, "frontend_root", "frontend", "target:frontend/package.json"),
    (
        "a package.json without react is no frontend",
        {"tools/package.json": json.dumps({"dependencies": {"lodash": "4"}})},
        "frontend_root",
        None,
        None,
    ),
    (
        "radix-ui package",
        {"frontend/package.json": pkg(dependencies={"radix-ui": "1.8.1"})},
        "radix",
        "radix-ui",
        "target:frontend/package.json",
    ),
    (
        "per-primitive radix packages",
        {"web/package.json": pkg(dependencies={"@radix-ui/react-dialog": "1.3.1"})},
        "radix",
        "@radix-ui",
        "target:web/package.json",
    ),
    ("no radix package: not detected", MONO, "radix", None, None),
    (
        "vitest",
        {"frontend/package.json": pkg(devDependencies={"vitest": "4.1.12"})},
        "test_runner",
        "vitest",
        "target:frontend/package.json",
    ),
    (
        "jest",
        {"frontend/package.json": pkg(devDependencies={"jest": "30.0.0"})},
        "test_runner",
        "jest",
        "target:frontend/package.json",
    ),
    ("no test runner", MONO, "test_runner", "none", "target:frontend/package.json"),
    (
        "package-lock.json",
        {**MONO, "frontend/package-lock.json": "{}"},
        "package_manager",
        "npm",
        "target:frontend/package-lock.json",
    ),
    (
        "pnpm-lock.yaml",
        {**MONO, "frontend/pnpm-lock.yaml": ""},
        "package_manager",
        "pnpm",
        "target:frontend/pnpm-lock.yaml",
    ),
    (
        "yarn.lock at the workspace root",
        {**MONO, "yarn.lock": ""},
        "package_manager",
        "yarn",
        "target:yarn.lock",
    ),
    (
        "bun.lockb",
        {**MONO, "frontend/bun.lockb": ""},
        "package_manager",
        "bun",
        "target:frontend/bun.lockb",
    ),
    (
        "bun.lock",
        {**MONO, "frontend/bun.lock": ""},
        "package_manager",
        "bun",
        "target:frontend/bun.lock",
    ),
    ("no lockfile: not detected", MONO, "package_manager", None, None),
    (
        "tsconfig paths (JSON with comments and trailing commas)",
        {
            **MONO,
            "frontend/tsconfig.json": '{\n  // strict\n  "compilerOptions": {"paths": '
            '{"@/*": ["./src/*"],},},\n}\n',
        },
        "aliases",
        {"@/*": "./src/*"},
        "target:frontend/tsconfig.json",
    ),
    (
        "tsconfig paths in a referenced tsconfig.app.json (Vite's layout)",
        {
            **MONO,
            "frontend/tsconfig.json": '{"files": [], "references": [{"path": "./tsconfig.app.json"}]}',
            "frontend/tsconfig.app.json": '{"compilerOptions": {"paths": {"~/*": ["./src/*"]}}}',
        },
        "aliases",
        {"~/*": "./src/*"},
        "target:frontend/tsconfig.app.json",
    ),
    (
        "components.json aliases and tsconfig paths together",
        {
            **MONO,
            "frontend/tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}',
            "frontend/components.json": '{"aliases": {"ui": "@/components/ui"}}',
        },
        "aliases",
        {"@/*": "./src/*", "ui": "@/components/ui"},
        "target:frontend/tsconfig.json, frontend/components.json",
    ),
]


@pytest.mark.parametrize(
    "files, key, value, origin", [c[1:] for c in DETECTED], ids=[c[0] for c in DETECTED]
)
def test_detected_value_and_origin(
    tmp_path: Path, files: dict[str, str], key: str, value: object, origin: str | None
) -> None:
    write_tree(tmp_path, files)
    layout = detect_layout(tmp_path)
    if value is None:
        assert key not in layout.values
        cfg = load_config([tmp_path], {})
        assert cfg.origin[key] == "default"
        return
    assert layout.values[key].value == value
    cfg = load_config([tmp_path], {})
    assert getattr(cfg, key) == value
    want = origin if origin is not None else f"target:{value}/"
    assert cfg.origin[key] == want


def test_skips_node_modules_hidden_dirs_and_deep_trees(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "frontend/node_modules/some-lib/package.json": json.dumps(REACT),
            ".storybook/package.json": json.dumps(REACT),
            "a/b/c/d/go.mod": "module example.com/deep\n",
            "vendor/x/go.mod": "module example.com/vendored\n",
        },
    )
    layout = detect_layout(tmp_path)
    assert layout.frontend_candidates == [] and layout.backend_candidates == []


@pytest.mark.parametrize(
    "files, hints, chosen, noted",
    [
        (  # the spec's paths fall under one of them
            {"api/go.mod": "module a\n", "worker/go.mod": "module w\n"},
            ["worker/internal/jobs/handler.go"],
            "worker",
            False,
        ),
        (  # the one that holds migrations
            {"api/go.mod": "module a\n", "tools/go.mod": "module t\n", "api/migrations/x": ""},
            [],
            "api",
            False,
        ),
        (  # nothing decides: the first, and a note naming the others
            {"api/go.mod": "module a\n", "worker/go.mod": "module w\n"},
            [],
            "api",
            True,
        ),
    ],
    ids=["by the spec's paths", "by migrations", "reported"],
)
def test_several_go_mods(
    tmp_path: Path, files: dict[str, str], hints: list[str], chosen: str, noted: bool
) -> None:
    write_tree(tmp_path, files)
    layout = detect_layout(tmp_path, hints=hints)
    assert layout.values["backend_root"].value == chosen
    notes = [d for d in layout.diagnostics if d.rule == "CFG005"]
    assert bool(notes) is noted
    if noted:
        assert notes[0].severity == "info"
        assert "worker/go.mod" in notes[0].message and "backend_root" in notes[0].message
    cfg = load_config([tmp_path], {}, hints=hints)
    assert cfg.backend_root == chosen
    assert [d.rule for d in cfg.diagnostics] == (["CFG005"] if noted else [])


def test_several_frontends_prefer_the_one_with_components_json(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "apps/admin/package.json": json.dumps(REACT),
            "apps/site/package.json": json.dumps(REACT),
            "apps/site/components.json": "{}",
        },
    )
    assert detect_layout(tmp_path).values["frontend_root"].value == "apps/site"


def test_config_file_beats_what_the_target_shows(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            **MONO,
            "frontend/package-lock.json": "{}",
            "scaffold.toml": 'frontend_root = "web"\ntest_runner = "vitest"\n',
            "web/package.json": pkg(dependencies={"radix-ui": "1.8.1"}),
        },
    )
    cfg = load_config([tmp_path], {})
    # The file's frontend root wins, and detection goes on from it (radix of web/).
    assert (cfg.frontend_root, cfg.origin["frontend_root"]) == (
        "web",
        "scaffold.toml:frontend_root",
    )
    assert (cfg.test_runner, cfg.origin["test_runner"]) == ("vitest", "scaffold.toml:test_runner")
    assert (cfg.radix, cfg.origin["radix"]) == ("radix-ui", "target:web/package.json")
    assert cfg.origin["package_manager"] == "default"  # web/ has no lockfile, nor the root
    # The backend is still found from the root.
    assert (cfg.backend_root, cfg.migrations_dir) == ("backend", "backend/migrations")


def test_flag_beats_the_target(tmp_path: Path) -> None:
    write_tree(tmp_path, MONO)
    cfg = load_config([tmp_path], {"router": "net/http", "backend_root": "backend"})
    assert (cfg.router, cfg.origin["router"]) == ("net/http", "flag")
    assert cfg.origin["backend_root"] == "flag"
    assert cfg.origin["go_module"] == "target:backend/go.mod"


def test_aliases_from_the_config_file_are_validated(tmp_path: Path) -> None:
    write_tree(tmp_path, {"scaffold.toml": 'aliases = "@/"\n'})
    cfg = load_config([tmp_path], {})
    assert [(d.rule, d.line) for d in cfg.diagnostics] == [("CFG003", 1)]
    write_tree(tmp_path, {"scaffold.toml": '[aliases]\n"@/*" = "./src/*"\n'})
    cfg = load_config([tmp_path], {})
    assert cfg.aliases == {"@/*": "./src/*"} and cfg.diagnostics == []
