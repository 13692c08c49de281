"""generated_example/ is exactly what `scaffold generate` writes for the bundled example into
an empty directory (DESIGN §7): every file generate writes equals the committed one, byte for
byte. Files generate does not write (the spec, its YAML twin, the lockfile, node_modules) are
not compared. Refresh with `bash scripts/regen-example.sh`."""

from __future__ import annotations

from pathlib import Path

import pytest
from toolchain import ROOT, require_tool

from scaffold.generate import generate

EXAMPLE = ROOT / "generated_example"
SPEC = EXAMPLE / "tech-specs" / "workspace-invites.md"


@pytest.mark.toolchain
def test_generated_example_is_byte_for_byte_what_generate_writes(tmp_path: Path) -> None:
    require_tool("gofmt")  # generated Go is gofmt-formatted; without gofmt it differs
    out = tmp_path / "app"
    result = generate([SPEC], out)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written, "generate wrote nothing"
    missing = [rel for rel in written if not (EXAMPLE / rel).is_file()]
    differ = [
        rel
        for rel in written
        if (EXAMPLE / rel).is_file() and (EXAMPLE / rel).read_bytes() != (out / rel).read_bytes()
    ]
    assert not missing and not differ, (
        f"generated_example/ is out of date (run `bash scripts/regen-example.sh`): "
        f"missing {missing[:10]}, different {differ[:10]}"
    )


def test_generated_example_check_mode_is_clean() -> None:
    """`scaffold generate --check` on the committed example itself finds nothing to change."""
    result = generate([SPEC], EXAMPLE, check=True)
    assert result.exit_code == 0, (
        [f.path for f in result.changed()],
        [d.text() for d in result.diagnostics if d.severity == "error"],
    )
