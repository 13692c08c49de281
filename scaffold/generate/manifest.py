"""``.scaffold/manifest.json`` and ``.scaffold/base/`` (DESIGN §4).

Per feature: its spec files (relative to the target) and their hashes, the scaffold
version, every file written with owner and hash, and the names chosen (migration
file names the spec did not give). Keys are sorted and nothing depends on the clock,
so the same input gives the same bytes. ``.scaffold/base/<path>`` keeps the exact
text last generated for each user-owned file, for a three-way merge later.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = ".scaffold/manifest.json"
BASE_DIR = ".scaffold/base"
MANIFEST_VERSION = 1


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def load(root: Path) -> dict[str, Any]:
    """The manifest of ``root`` (an empty one when absent or unreadable)."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return {"version": MANIFEST_VERSION, "features": {}}
    if not isinstance(data, dict) or not isinstance(data.get("features"), dict):
        return {"version": MANIFEST_VERSION, "features": {}}
    return data


def feature_entry(
    *,
    specs: list[tuple[str, str]],
    files: dict[str, dict[str, str]],
    names: dict[str, str],
    version: str,
) -> dict[str, Any]:
    """One feature's record: ``specs`` as (path, sha256), ``files`` by path."""
    return {
        "scaffold_version": version,
        "specs": [{"path": p, "sha256": h} for p, h in specs],
        "files": {k: files[k] for k in sorted(files)},
        "names": {k: names[k] for k in sorted(names)},
    }


def dumps(manifest: dict[str, Any]) -> bytes:
    """Canonical bytes: sorted keys, two-space indent, final newline."""
    out = {
        "version": MANIFEST_VERSION,
        "features": {k: manifest["features"][k] for k in sorted(manifest["features"])},
    }
    return (json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
