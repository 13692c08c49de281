"""Project files for a target that has none: ``go.mod`` and ``go.sum`` from the pinned
set (``blueprints/pins.toml``; no network), ``scaffold.toml`` with the resolved
configuration, and a copy of the baseline schema it names. All user-owned: created
when absent, then kept. An existing ``go.mod`` is never edited: the Go family prints
the ``go get`` commands it needs instead.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..pins import go_pins, go_version
from ..plan import PlanContext, PlannedFile, RenderJob
from . import under
from .go import has_go_output, needed_go_modules

BLUEPRINT = "go-project"


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


class ProjectFamily:
    """Plans go.mod/go.sum, scaffold.toml and the baseline copy for a bare target."""

    name = "project"

    def plan(self, ctx: PlanContext) -> list[RenderJob]:
        config, target = ctx.config, ctx.target
        items: dict[str, list[dict]] = {"gomod": [], "gosum": [], "config": [], "verbatim": []}
        files: list[PlannedFile] = []

        def add(kind: str, item: dict, section: str) -> None:
            items[kind].append(item)
            files.append(PlannedFile(item["path"], "user", BLUEPRINT, ctx.source(section)))

        gomod_rel = under(config.backend_root, "go.mod")
        if has_go_output(ctx.spec) and (
            not target.exists(gomod_rel) or target.previous_file(gomod_rel)
        ):
            pins = go_pins()
            mods = sorted(needed_go_modules(ctx.spec, config.router == "chi"))
            requires = [{"module": m, "version": pins[m]["version"]} for m in mods if m in pins]
            sums = sorted(line for m in mods if m in pins for line in pins[m].get("sum", []))
            add(
                "gomod",
                {
                    "path": gomod_rel,
                    "module": config.go_module,
                    "go": go_version(),
                    "requires": requires,
                },
                "project: go.mod from blueprints/pins.toml",
            )
            if sums:
                add(
                    "gosum",
                    {"path": under(config.backend_root, "go.sum"), "lines": sums},
                    "project: go.sum from blueprints/pins.toml",
                )

        own_config = config.config_file is not None and _inside(config.config_file, target.root)
        recorded = [
            rel
            for rel, rec in sorted((target.manifest.get("files") or {}).items())
            if rec.get("blueprint") == BLUEPRINT and rel != gomod_rel and target.exists(rel)
        ]
        if own_config and recorded:
            # Written by an earlier run into a bare target (its config and baseline): the
            # files are the user's now; keep them recorded, never rewrite them.
            for rel in recorded:
                if rel != under(config.backend_root, "go.sum"):
                    ctx.keep(rel)
        elif not own_config and not target.exists("scaffold.toml"):
            baseline_rel = ""
            if config.baseline is not None and config.baseline.is_file():
                if _inside(config.baseline, target.root):
                    baseline_rel = (
                        config.baseline.resolve().relative_to(target.root.resolve()).as_posix()
                    )
                else:
                    base_dir = config.config_file.parent if config.config_file else None
                    if base_dir is not None and _inside(config.baseline, base_dir):
                        baseline_rel = (
                            config.baseline.resolve().relative_to(base_dir.resolve()).as_posix()
                        )
                    else:
                        baseline_rel = "db/schema.sql"
                    if not target.exists(baseline_rel):
                        add(
                            "verbatim",
                            {
                                "path": baseline_rel,
                                "content": config.baseline.read_text(encoding="utf-8"),
                            },
                            "project: the existing schema this feature builds on",
                        )
            keys = [
                ("go_module", config.go_module),
                ("backend_root", config.backend_root),
                ("frontend_root", config.frontend_root),
                ("migrations_dir", config.migrations_dir),
                ("migration_numbering", config.migration_numbering),
                ("router", config.router),
                ("nullability", config.nullability),
            ]
            if baseline_rel:
                keys.append(("baseline", baseline_rel))
            flagged = any(origin == "flag" for origin in config.origin.values())
            if (
                config.config_file is not None
                and config.config_file.name == "scaffold.toml"
                and (not flagged)
            ):
                # The spec's project config, as its authors wrote it: its relative paths
                # hold in the target too (the baseline is copied to the same place).
                add(
                    "verbatim",
                    {
                        "path": "scaffold.toml",
                        "content": config.config_file.read_text(encoding="utf-8"),
                    },
                    "project: scaffold.toml (the spec's project configuration)",
                )
            else:
                add(
                    "config",
                    {
                        "path": "scaffold.toml",
                        "entries": [{"key": k, "value": _toml_string(v)} for k, v in keys],
                    },
                    "project: scaffold.toml (resolved configuration)",
                )
        if not files:
            return []
        return [RenderJob(blueprint=BLUEPRINT, data={"files": items}, files=files)]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


FAMILY = ProjectFamily()
