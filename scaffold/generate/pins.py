"""The pinned dependency set of generated projects: ``blueprints/pins.toml`` (DESIGN §7)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from typing import Any

from .render import BLUEPRINTS_DIR

PINS_FILE = BLUEPRINTS_DIR / "pins.toml"


@lru_cache(maxsize=1)
def load_pins() -> dict[str, Any]:
    """The whole pins file (empty when missing)."""
    try:
        return tomllib.loads(PINS_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def go_version() -> str:
    """The ``go`` directive written into a new go.mod."""
    return str(load_pins().get("go", {}).get("version", "1.22"))


def go_pins() -> dict[str, dict[str, Any]]:
    """Go module path → {"version": …, "sum": [go.sum lines]}."""
    return dict(load_pins().get("go", {}).get("modules", {}))
