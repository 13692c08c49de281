"""Configuration: ``scaffold.toml`` or ``[tool.scaffold]`` in ``pyproject.toml`` (DESIGN §2, §14).

Found as black and ruff find theirs: searched upward from ``--out``/``--repo``, else
from the spec's own directory; the first directory that has either file wins.
Precedence: command-line flag > config file > what the target shows, read from its
root by :mod:`scaffold.layout` (the backend's ``go.mod``: module path and router; the
migrations dir and its numbering; the React frontend: its root, aliases, package
manager, test runner and radix package) > defaults. Every resolved value records
where it came from (``target:<file>`` for a detected one), for ``scaffold config``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .layout import detect_layout, infer_numbering, parse_go_mod
from .typemap import CHI_MODULE

__all__ = ["Config", "GoMod", "infer_numbering", "load_config", "read_go_mod"]

CONFIG_FILE = "scaffold.toml"
KEYS: tuple[str, ...] = (
    "go_module",
    "backend_root",
    "frontend_root",
    "migrations_dir",
    "migration_numbering",
    "baseline",
    "blueprints",
    "nullability",
    "router",
    "openapi",
    "radix",
    "test_runner",
    "package_manager",
    "aliases",
)
CHOICES: dict[str, tuple[str, ...]] = {
    "migration_numbering": ("timestamp", "sequential"),
    "nullability": ("wire", "non-nil"),
    "router": ("net/http", "chi"),
    # How the frontend imports Radix: the one ``radix-ui`` package, or one
    # ``@radix-ui/react-<primitive>`` package per primitive.
    "radix": ("@radix-ui", "radix-ui"),
    "test_runner": ("vitest", "jest", "none"),
    "package_manager": ("npm", "pnpm", "yarn", "bun"),
}
DEFAULTS: dict[str, Any] = {
    "go_module": "example.com/app",
    "backend_root": ".",
    "frontend_root": "web",
    "migrations_dir": "migrations",
    "migration_numbering": "timestamp",
    "baseline": None,
    "blueprints": {},
    "nullability": "wire",
    "router": "net/http",
    "openapi": None,  # a path for the OpenAPI document generate writes; None = none
    "radix": "@radix-ui",
    "test_runner": "vitest",
    "package_manager": "npm",
    # The frontend's import aliases: tsconfig ``paths`` (``@/*`` → ``./src/*``) and the
    # ``aliases`` of its ``components.json`` (``ui`` → ``@/components/ui``).
    "aliases": {},
}
# Sub-tables other commands read; not errors here.
_OTHER_TABLES = {"drift", "check", "status"}


@dataclass
class GoMod:
    """The little of a ``go.mod`` that generate needs."""

    path: str  # relative to the target
    module: str = ""
    go: str = ""
    requires: dict[str, str] = field(default_factory=dict)  # module → version


@dataclass
class Config:
    """Resolved configuration; ``origin[key]`` says where each value came from."""

    go_module: str
    backend_root: str
    frontend_root: str
    migrations_dir: str
    migration_numbering: str
    baseline: Path | None
    blueprints: dict[str, Path]
    nullability: str
    router: str
    openapi: str | None
    radix: str
    test_runner: str
    package_manager: str
    aliases: dict[str, str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    config_file: Path | None = None
    go_mod: GoMod | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def describe(self) -> list[tuple[str, str, str]]:
        """(key, value, origin) rows for ``scaffold config``."""
        rows = []
        for key in KEYS:
            value = getattr(self, key)
            if isinstance(value, dict):
                shown = ", ".join(f"{k}={v}" for k, v in sorted(value.items())) or "{}"
            else:
                shown = "" if value is None else str(value)
            rows.append((key, shown, self.origin.get(key, "default")))
        return rows


def find_config_file(start_dirs: list[Path]) -> tuple[Path, dict[str, Any]] | None:
    """The first ``scaffold.toml`` / ``pyproject.toml [tool.scaffold]`` upward of a start dir."""
    found = _find_config(start_dirs)
    return None if found is None else (found[0], found[1])


def _find_config(start_dirs: list[Path]) -> tuple[Path, dict[str, Any], int] | None:
    for index, start in enumerate(start_dirs):
        d = Path(start).resolve()
        if d.is_file():
            d = d.parent
        while not d.exists() and d != d.parent:
            d = d.parent
        for directory in (d, *d.parents):
            own = directory / CONFIG_FILE
            if own.is_file():
                return own, _read_toml(own), index
            pyproject = directory / "pyproject.toml"
            if pyproject.is_file():
                data = _read_toml(pyproject)
                tool = data.get("tool", {}) if isinstance(data, dict) else {}
                if isinstance(tool, dict) and "scaffold" in tool:
                    return pyproject, {"tool": {"scaffold": tool["scaffold"]}}, index
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {"__error__": str(exc)}


def read_go_mod(root: Path, backend_root: str = ".") -> GoMod | None:
    """Module path, go version and requirements of ``<backend_root>/go.mod``."""
    rel = (Path(backend_root) / "go.mod").as_posix()
    if rel.startswith("./"):
        rel = rel[2:]
    try:
        text = (root / rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    module, go, requires = parse_go_mod(text)
    return GoMod(path=rel, module=module, go=go, requires=requires)


def _line_of(path: Path, key: str) -> int:
    try:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"^\s*{re.escape(key)}\s*=", line):
                return n
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def load_config(
    start_dirs: list[Path],
    overrides: dict[str, Any] | None = None,
    *,
    target: Path | None = None,
    hints: list[str] | None = None,
) -> Config:
    """Resolve the configuration (flag > file > target > default).

    ``start_dirs``: where to search upward for the config file, in order
    (``--out``/``--repo`` first, then the spec's directory). ``target``: the
    directory whose ``go.mod`` and migrations are inspected (default: the first
    start dir); :func:`scaffold.layout.detect_layout` reads it from its root.
    ``hints``: repository-relative paths the spec names (they choose among several
    ``go.mod`` or React ``package.json``). ``overrides``: command-line values by key
    (``None`` = not given).
    Problems in the config file become diagnostics on the result; it never raises.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    diags: list[Diagnostic] = []
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}

    for key, value in overrides.items():
        if key in KEYS:
            values[key] = value
            origin[key] = "flag"

    found = _find_config([Path(d) for d in start_dirs])
    config_file: Path | None = None
    # A config found from the spec's directory (not from the target) describes the spec's
    # project; what the target itself shows (its go.mod, its migrations) beats it.
    foreign = False
    if found is not None:
        config_file, data, index = found
        foreign = index > 0 and target is not None
        shown = str(config_file)
        if "__error__" in data:
            diags.append(
                Diagnostic(
                    rule="CFG001",
                    severity="error",
                    message=f"cannot read the config: {data['__error__']}",
                    path=shown,
                    line=1,
                    column=1,
                )
            )
            data = {}
        table = data.get("tool", {}).get("scaffold", {}) if "tool" in data else data
        prefix = "tool.scaffold." if config_file.name == "pyproject.toml" else ""
        for key, value in (table or {}).items():
            line = _line_of(config_file, key)
            if key in _OTHER_TABLES and isinstance(value, dict):
                continue
            if key not in KEYS:
                diags.append(
                    Diagnostic(
                        rule="CFG002",
                        severity="warning",
                        message=f"unknown config key {prefix}{key!r}; known keys: "
                        + ", ".join(KEYS),
                        path=shown,
                        line=line,
                        column=1,
                    )
                )
                continue
            problem = _validate(key, value)
            if problem:
                diags.append(
                    Diagnostic(
                        rule="CFG003",
                        severity="error",
                        message=f"{prefix}{key}: {problem}",
                        path=shown,
                        line=line,
                        column=1,
                    )
                )
                continue
            if key not in values:
                if key == "baseline":
                    value = (config_file.parent / value).resolve()
                elif key == "blueprints":
                    value = {k: (config_file.parent / v).resolve() for k, v in value.items()}
                values[key] = value
                origin[key] = f"{config_file.name}:{prefix}{key}"

    root = Path(target if target is not None else (start_dirs[0] if start_dirs else ".")).resolve()

    def open_to_target(key: str) -> bool:
        return key not in values or (
            foreign and origin.get(key, "").startswith(str(config_file.name))
        )

    decided = {
        key: _norm_rel(values[key])
        for key in ("backend_root", "frontend_root", "migrations_dir")
        if not open_to_target(key)
    }
    layout = detect_layout(root, hints=list(hints or []), chi_module=CHI_MODULE, **decided)
    diags.extend(layout.diagnostics)
    for key, found_value in layout.values.items():
        if open_to_target(key):
            values[key] = found_value.value
            origin[key] = found_value.shown_origin
    go_mod = read_go_mod(root, values.get("backend_root", DEFAULTS["backend_root"]))

    for key in KEYS:
        if key not in values:
            default = DEFAULTS[key]
            values[key] = dict(default) if isinstance(default, dict) else default
            origin[key] = "default"
    if isinstance(values["baseline"], str):
        values["baseline"] = Path(values["baseline"]).resolve()
    values["blueprints"] = {k: Path(v) for k, v in values["blueprints"].items()}
    for key in ("backend_root", "frontend_root", "migrations_dir", "openapi"):
        if values[key] is not None:
            values[key] = _norm_rel(values[key])

    return Config(
        **values,
        origin=origin,
        config_file=config_file,
        go_mod=go_mod,
        diagnostics=diags,
    )


def _norm_rel(value: str) -> str:
    value = str(value).replace("\\", "/").strip()
    while value.startswith("./"):
        value = value[2:]
    return value.rstrip("/") or "."


def _validate(key: str, value: Any) -> str | None:
    if key in CHOICES:
        if value not in CHOICES[key]:
            return f"{value!r} is not one of " + ", ".join(repr(c) for c in CHOICES[key])
        return None
    if key in ("blueprints", "aliases"):
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            what = "family" if key == "blueprints" else "alias"
            return (
                f'expected a table of {what} = "{"directory" if key == "blueprints" else "path"}"'
            )
        return None
    if not isinstance(value, str) or not value.strip():
        return "expected a non-empty string"
    if key in ("backend_root", "frontend_root", "migrations_dir", "openapi"):
        norm = value.replace("\\", "/")
        if norm.startswith("/") or ".." in norm.split("/"):
            return f"{value!r} must be a path inside the repository"
    return None
