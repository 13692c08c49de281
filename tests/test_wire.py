"""The Go ↔ JSON ↔ TS wire test (DESIGN §9, §16): one test, under the default policy.

For the bundled example: generate the backend and the frontend into a fresh directory;
marshal every Go struct the TS mirrors (zero and filled values, see ``tests/wire/gowire.py``)
with ``encoding/json`` in the generated Go package itself; type-check each JSON document
with ``tsc --strict`` as a literal of its mirrored TS type (``const x: InviteResponse =
<json>;``). Excess properties, missing members, ``null`` where the TS type has none and
strings outside a union are all type errors. A control document with a field Go never
sends must be rejected, so the check cannot pass vacuously.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from toolchain import go_env, require_tool
from wire.gowire import dump_program
from wire.node import bin_path, link_node_modules

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> str:
    import os

    proc = subprocess.run(
        cmd,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"`{' '.join(cmd)}` exited {proc.returncode} in {cwd}\n"
            f"--- stdout\n{proc.stdout[-8000:]}\n--- stderr\n{proc.stderr[-8000:]}"
        )
    return proc.stdout


def _frontend(out: Path):
    """The TS view of the example as generate computed it (policy `wire`, the default)."""
    from scaffold.config import load_config
    from scaffold.generate.plan import PlanContext, TargetState
    from scaffold.generate.views.ts import build_frontend
    from scaffold.read import load_feature

    spec = load_feature([SPEC])
    config = load_config([out, SPEC.parent], {}, target=out)
    assert config.nullability == "wire"
    ctx = PlanContext(
        spec=spec,
        config=config,
        target=TargetState(root=out),
        feature=spec.slug,
        spec_paths=[str(SPEC)],
    )
    return spec, build_frontend(ctx)


def _go_packages(out: Path, names: set[str]) -> dict[Path, tuple[str, list[str]]]:
    """Package dir → (package name, structs of ``names`` it declares)."""
    found: dict[Path, tuple[str, list[str]]] = {}
    for path in sorted(out.rglob("*.go")):
        if ".scaffold" in path.parts or path.name.endswith("_test.go"):
            continue
        text = path.read_text(encoding="utf-8")
        declared = [n for n in sorted(names) if re.search(rf"(?m)^type\s+{n}\s+struct\b", text)]
        if not declared:
            continue
        package = re.search(r"(?m)^package\s+(\w+)", text).group(1)
        pkg, structs = found.get(path.parent, (package, []))
        found[path.parent] = (pkg, structs + declared)
    return found


def test_go_json_typechecks_against_mirrored_ts(tmp_path: Path) -> None:
    go = require_tool("go")
    require_tool("node")
    npm = require_tool("npm")
    from scaffold.generate import generate

    out = tmp_path / "out"
    result = generate([SPEC], out)
    assert result.exit_code == 0, [d.message for d in result.diagnostics if d.severity == "error"]
    spec, fe = _frontend(out)

    mirrored = {d.name: d for d in fe.decls if d.kind == "interface" and d.go}
    assert {"InviteResponse", "ListInvitesResponse", "CreateInviteRequest"} <= set(mirrored)
    type_enums = {e.name: e.values[0] for e in spec.go_enums if e.values}
    field_enums: dict[str, str] = {}
    for name, decl in mirrored.items():
        struct = spec.struct(name)
        for prop in decl.props:
            if prop.literals and prop.go_type.lstrip("*") == "string":
                go_field = next(
                    f.name for f in struct.fields if (f.json_name or f.name) == prop.name
                )
                field_enums[f"{name}.{go_field}"] = prop.literals[0]

    packages = _go_packages(out, set(mirrored))
    declared = {n for _pkg, structs in packages.values() for n in structs}
    assert declared == set(mirrored), f"Go does not declare {set(mirrored) - declared}"

    docs: list[dict] = []
    for pkg_dir, (package, structs) in sorted(packages.items()):
        test_file = pkg_dir / "zz_scaffold_wire_test.go"
        test_file.write_text(
            dump_program(package, structs, type_enums, field_enums), encoding="utf-8"
        )
        dump = tmp_path / f"wire-{package}.json"
        rel = "./" + pkg_dir.relative_to(out).as_posix()
        _run(
            [go, "test", "-count=1", "-run", "^TestScaffoldWireDump$", rel],
            out,
            {**go_env(tmp_path), "SCAFFOLD_WIRE_OUT": str(dump)},
        )
        test_file.unlink()
        docs.extend(json.loads(dump.read_text(encoding="utf-8")))
    assert len(docs) == 2 * len(mirrored)

    # A TS project holding the generated types and one literal per document.
    check = tmp_path / "check"
    check.mkdir()
    web = out / "web"
    shutil.copyfile(web / "package.json", check / "package.json")
    shutil.copyfile(out / fe.paths["types"], check / "types.ts")
    lines = [f"import type {{ {', '.join(sorted(mirrored))} }} from \"./types\";", ""]
    for i, doc in enumerate(docs):
        literal = json.dumps(doc["json"], ensure_ascii=True, indent=2)
        lines.append(f"// {doc['type']}, {doc['value']} value, as encoding/json writes it")
        lines.append(f"export const doc{i}: {doc['type']} = {literal};")
        lines.append("")
    # The control: a document with a member Go never sends must not type-check.
    filled = next(d for d in docs if d["type"] == "InviteResponse" and d["value"] == "filled")
    bad = dict(filled["json"], scaffold_wire_unexpected=1)
    lines.append("// @ts-expect-error: a member the Go struct never sends")
    lines.append(f"export const control: InviteResponse = {json.dumps(bad, ensure_ascii=True)};")
    (check / "check.ts").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (check / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "strict": True,
                    "noEmit": True,
                    "target": "ES2022",
                    "module": "ESNext",
                    "moduleResolution": "bundler",
                    "verbatimModuleSyntax": True,
                    "types": [],
                },
                "files": ["check.ts"],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    link_node_modules(npm, check)
    _run([bin_path(check, "tsc"), "--noEmit", "-p", "."], check)
