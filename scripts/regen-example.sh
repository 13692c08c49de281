#!/usr/bin/env bash
# Regenerate generated_example/ exactly as `scaffold generate` writes the bundled example
# into an empty directory: generate into a temp dir, then copy every file it wrote into
# generated_example/ (the spec, its YAML twin, the lockfile and node_modules are inputs or
# npm's, not generate's). tests/test_generated_example.py checks the result byte for byte.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
"$PY" - <<'PYEOF'
import json
import shutil
import sys
import tempfile
from pathlib import Path

from scaffold.diagnostics import render
from scaffold.generate import generate

example = Path("generated_example")
spec = example / "tech-specs" / "workspace-invites.md"
with tempfile.TemporaryDirectory() as tmp:
    out = Path(tmp) / "app"
    result = generate([spec], out)
    sys.stderr.write(render(result.diagnostics))
    if result.exit_code != 0:
        sys.exit(f"generate failed with exit {result.exit_code}; generated_example/ left as it was")
    old_manifest = example / ".scaffold" / "manifest.json"
    old = set()
    if old_manifest.is_file():
        for entry in json.loads(old_manifest.read_text())["features"].values():
            old |= set(entry["files"])
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    new = {p.as_posix() for p in written}
    for rel in sorted(old - new):
        (example / rel).unlink(missing_ok=True)
        print(f"removed {rel}")
    shutil.rmtree(example / ".scaffold" / "base", ignore_errors=True)
    for rel in written:
        dest = example / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out / rel, dest)
    print(f"generated_example/: {len(written)} files written by generate")
PYEOF
