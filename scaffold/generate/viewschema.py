"""JSON Schemas of the view models blueprints receive (``scaffold schema --view NAME``).

A user who overrides a blueprint copies it; the contract between scaffold and the copy
is the view model (DESIGN §14). View models are plain JSON data built in
``scaffold/generate/views/``; their schema is derived here from the view models the
planner builds for the bundled example spec, so it always describes what scaffold
really sends: every key with its JSON type, required where every sample has it, and the
view-model version the blueprint's ``blueprint.toml`` must declare.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from .render import BLUEPRINTS_DIR, blueprint_view_version

EXAMPLE_SPEC = Path(__file__).resolve().parent.parent / "examples" / "workspace-invites.md"


def view_names() -> list[str]:
    """Every bundled blueprint (each receives the view model of the same name)."""
    return sorted(p.parent.name for p in BLUEPRINTS_DIR.glob("*/blueprint.toml"))


def view_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of blueprint ``name``'s view model; KeyError for an unknown name."""
    if name not in view_names():
        raise KeyError(f"no blueprint {name!r}; views: {', '.join(view_names())}")
    from . import generate
    from .plan import RenderJob

    jobs: list[RenderJob] = []
    with tempfile.TemporaryDirectory() as tmp:
        generate([EXAMPLE_SPEC], Path(tmp) / "app", dry_run=True, collect=jobs)
    samples = [job.data for job in jobs if job.blueprint == name]
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"view model of blueprint {name}",
        "description": "What scaffold passes to the blueprint's Copier templates. A copied "
        "blueprint declares the version in its blueprint.toml; scaffold refuses a copy "
        "written for another version.",
        "x-view-version": blueprint_view_version(BLUEPRINTS_DIR / name),
    }
    schema.update(infer(samples) if samples else {"type": "object"})
    return schema


def infer(samples: list[Any]) -> dict[str, Any]:
    """A schema every sample satisfies: types merged, object keys required when always set."""
    types = sorted({_json_type(s) for s in samples})
    if len(types) > 1:
        return {"anyOf": [infer([s for s in samples if _json_type(s) == t]) for t in types]}
    kind = types[0]
    if kind == "object":
        keys = sorted({k for s in samples for k in s})
        return {
            "type": "object",
            "properties": {k: infer([s[k] for s in samples if k in s]) for k in keys},
            "required": [k for k in keys if all(k in s for s in samples)],
        }
    if kind == "array":
        items = [item for s in samples for item in s]
        return {"type": "array", "items": infer(items)} if items else {"type": "array"}
    return {"type": kind}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "object"
