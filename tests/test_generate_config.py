"""Configuration: where it is found, precedence, inference from the target, origins."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.config import infer_numbering, load_config, read_go_mod


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_defaults_with_origins(tmp_path: Path) -> None:
    cfg = load_config([tmp_path], {})
    assert (cfg.go_module, cfg.router, cfg.migrations_dir, cfg.migration_numbering) == (
        "example.com/app",
        "net/http",
        "migrations",
        "timestamp",
    )
    assert cfg.nullability == "wire" and cfg.baseline is None and cfg.blueprints == {}
    assert set(cfg.origin.values()) == {"default"}
    assert cfg.config_file is None and cfg.diagnostics == []


def test_scaffold_toml_found_upward(tmp_path: Path) -> None:
    write(tmp_path / "scaffold.toml", 'go_module = "example.com/x"\nbaseline = "db/s.sql"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    cfg = load_config([deep], {})
    assert cfg.go_module == "example.com/x"
    assert cfg.origin["go_module"] == "scaffold.toml:go_module"
    assert cfg.baseline == (tmp_path / "db" / "s.sql").resolve()


def test_pyproject_tool_scaffold(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.scaffold]\nrouter = "chi"\n')
    cfg = load_config([tmp_path], {})
    assert cfg.router == "chi"
    assert cfg.origin["router"] == "pyproject.toml:tool.scaffold.router"


def test_pyproject_without_scaffold_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    assert load_config([tmp_path], {}).config_file is None


def test_flag_beats_file_beats_target_beats_default(tmp_path: Path) -> None:
    write(tmp_path / "go.mod", "module example.com/from-gomod\n\ngo 1.22\n")
    write(tmp_path / "scaffold.toml", 'go_module = "example.com/from-file"\n')
    assert load_config([tmp_path], {}).go_module == "example.com/from-file"
    cfg = load_config([tmp_path], {"go_module": "example.com/flag"})
    assert (cfg.go_module, cfg.origin["go_module"]) == ("example.com/flag", "flag")
    (tmp_path / "scaffold.toml").unlink()
    cfg = load_config([tmp_path], {})
    assert (cfg.go_module, cfg.origin["go_module"]) == ("example.com/from-gomod", "target:go.mod")


def test_target_beats_a_config_found_from_the_spec_directory(tmp_path: Path) -> None:
    spec_dir = tmp_path / "specs"
    write(spec_dir / "scaffold.toml", 'go_module = "example.com/spec-project"\n')
    target = tmp_path / "target"
    write(target / "go.mod", "module example.com/target\n\ngo 1.22\n")
    cfg = load_config([target, spec_dir], {}, target=target)
    assert cfg.go_module == "example.com/target"


def test_router_inferred_from_go_mod(tmp_path: Path) -> None:
    write(
        tmp_path / "go.mod",
        "module example.com/a\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.2.3 // x\n)\n",
    )
    cfg = load_config([tmp_path], {})
    assert (cfg.router, cfg.origin["router"]) == ("chi", "target:go.mod")
    mod = read_go_mod(tmp_path)
    assert mod is not None and mod.requires == {"github.com/go-chi/chi/v5": "v5.2.3"}


@pytest.mark.parametrize(
    "names, expected",
    [
        (["00001_init.sql", "00002_x.sql"], "sequential"),
        (["20260101000000_init.sql"], "timestamp"),
        (["00001_a.sql", "20260101000000_b.sql"], None),
        (["README.md"], None),
        ([], None),
    ],
)
def test_numbering_inference(names: list[str], expected: str | None) -> None:
    assert infer_numbering(names) == expected


def test_migrations_dir_and_numbering_from_target(tmp_path: Path) -> None:
    write(tmp_path / "db" / "migrations" / "00001_init.sql", "-- +goose Up\n")
    cfg = load_config([tmp_path], {})
    assert cfg.migrations_dir == "db/migrations"
    assert cfg.migration_numbering == "sequential"
    assert cfg.origin["migration_numbering"] == "target:db/migrations/"


@pytest.mark.parametrize(
    "text, rule, severity",
    [
        ('router = "gin"\n', "CFG003", "error"),
        ('nullability = "maybe"\n', "CFG003", "error"),
        ('colour = "blue"\n', "CFG002", "warning"),
        ('migrations_dir = "../x"\n', "CFG003", "error"),
        ("go_module = [\n", "CFG001", "error"),
    ],
)
def test_bad_config_is_a_positioned_diagnostic(
    tmp_path: Path, text: str, rule: str, severity: str
) -> None:
    write(tmp_path / "scaffold.toml", "# header\n" + text)
    cfg = load_config([tmp_path], {})
    assert [(d.rule, d.severity) for d in cfg.diagnostics] == [(rule, severity)]
    assert cfg.diagnostics[0].path.endswith("scaffold.toml")
    if rule != "CFG001":
        assert cfg.diagnostics[0].line == 2


def test_blueprint_overrides_resolve_relative_to_the_config(tmp_path: Path) -> None:
    write(tmp_path / "scaffold.toml", '[blueprints]\ngo-api = "my/go-api"\n')
    cfg = load_config([tmp_path], {})
    assert cfg.blueprints == {"go-api": (tmp_path / "my" / "go-api").resolve()}


def test_describe_rows(tmp_path: Path) -> None:
    rows = load_config([tmp_path], {"router": "chi"}).describe()
    assert ("router", "chi", "flag") in rows
    assert [r[0] for r in rows][:2] == ["go_module", "backend_root"]
