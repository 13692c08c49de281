"""A real peer as the cross-check of ``scaffold openapi`` (issue 15): for every corpus spec
(and the example and ``tests/cases/openapi-*``), ``scaffold generate`` with config
``openapi = "api/openapi.yaml"`` writes the document next to the TS types; pinned
``openapi-typescript`` turns the document into TS, and a type-level test compiled with
``tsc --strict`` (TypeScript from the same install) asserts that each component type and
each operation's query parameters agree with the TS type generate wrote: same keys, same
optional keys, same nullable keys, and each assignable to the other.

npm installs go through ``tests/wire/node.py`` (once per package.json, cached). A missing
node or npm skips locally and fails under ``CI=true`` (tests/toolchain.py).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from corpus import cases, write_repo
from scaffold.config import load_config
from scaffold.generate import generate
from scaffold.generate.views.ts import build_frontend
from scaffold.openapi import plan_context
from scaffold.read import load_feature
from toolchain import require_tool, run
from wire.node import node_modules_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
DOCUMENT = "api/openapi.yaml"
# Exact versions: openapi-typescript 7 prints through the TypeScript 5 compiler API.
PACKAGE = {
    "name": "scaffold-openapi-check",
    "version": "0.0.0",
    "private": True,
    "devDependencies": {"openapi-typescript": "7.13.0", "typescript": "5.9.3"},
}
TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "target": "ES2022",
        "module": "ESNext",
        "moduleResolution": "Bundler",
        "skipLibCheck": True,
        "types": [],
    },
    "files": ["check.ts"],
}
HELPERS = """\
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
/** What must agree between the openapi-typescript type (A) and scaffold's TS type (B). */
type Agree<A, B> = {
  keys: Same<keyof A, keyof B>;
  optional: Same<OptionalKeys<A>, OptionalKeys<B>>;
  nullable: Same<NullableKeys<A>, NullableKeys<B>>;
  types: Same<A, B>;
};
type Ok<C extends { keys: true; optional: true; nullable: true; types: true }> = C;
/** A known gap on the TS side: the shape agrees, the member types do not (yet). */
type Gap<C extends { keys: true; optional: true; nullable: true; types: false }> = C;
"""


def _cases() -> list[tuple[str, list[Path], object]]:
    out: list[tuple[str, list[Path], object]] = [(c.name, c.files, c) for c in cases()]
    out.append(("example", [EXAMPLE], None))
    for d in sorted((ROOT / "tests" / "cases").glob("openapi-*")):
        if (d / "spec.md").is_file():
            out.append((d.name, [d / "spec.md"], None))
    return out


CASES = _cases()


@pytest.fixture(scope="module")
def peer() -> Path:
    """node_modules with the pinned openapi-typescript and typescript."""
    require_tool("node")
    npm = require_tool("npm")
    return node_modules_for(npm, (json.dumps(PACKAGE, indent=2) + "\n").encode())


def _repo(name: str, case: object, tmp_path: Path) -> Path:
    repo = tmp_path / name
    if case is not None:
        config = write_repo(case, repo)  # type: ignore[arg-type]
    else:
        repo.mkdir(parents=True)
        config = repo / "scaffold.toml"
        if name == "example":
            (repo / "db").mkdir()
            (repo / "db" / "schema.sql").write_bytes(
                (ROOT / "generated_example" / "db" / "schema.sql").read_bytes()
            )
            config.write_bytes((ROOT / "generated_example" / "scaffold.toml").read_bytes())
        else:
            config.write_text("", encoding="utf-8")
    with config.open("a", encoding="utf-8") as fh:
        fh.write(f'openapi = "{DOCUMENT}"\n')
    return repo


def _check_source(repo: Path, files: list[Path], doc: dict) -> tuple[str, list[str]]:
    """check.ts, and the names it compares."""
    spec = load_feature(files)
    fe = build_frontend(plan_context(spec, load_config([repo]), repo))
    types_file = repo / fe.paths["types"]
    exported = re.findall(r"^export (?:interface|type) (\w+)", types_file.read_text(), re.M)
    schemas = doc["components"]["schemas"]
    op_ids = {
        f"{method.upper()} {path}": op["operationId"]
        for path, item in doc["paths"].items()
        for method, op in item.items()
    }
    queries = {f.query_type: op_ids[f.endpoint.key] for f in fe.fns if f.query_type}
    gaps = {f.query_type for f in fe.fns if f.query_type and _ts_query_gap(fe, f)}
    missing = [n for n in exported if n not in schemas and n not in queries]
    assert not missing, f"TS types with no component in the document: {missing}"
    error_body = [n for n in schemas if n.endswith("ErrorBody")]
    extra = [n for n in schemas if n not in exported and n not in error_body]
    assert not extra, f"components with no TS type: {extra}"
    rel = posixpath.relpath(types_file.with_suffix("").as_posix(), (repo / "check").as_posix())
    lines = [
        'import type { components, operations } from "./openapi";',
        f'import type * as T from "{rel}";',
        "",
        HELPERS,
        'type S = components["schemas"];',
    ]
    compared = []
    for name in exported:
        if name in queries:
            ours = f'NonNullable<operations["{queries[name]}"]["parameters"]["query"]>'
        else:
            ours = f'S["{name}"]'
        check = "Gap" if name in gaps else "Ok"
        lines.append(f"export type {name}_agrees = {check}<Agree<{ours}, T.{name}>>;")
        compared.append(name)
    return "\n".join(lines) + "\n", compared


def _ts_query_gap(fe, fn) -> bool:  # noqa: ANN001 - Frontend, ClientFn
    """The TS side's known gap (reported on issue 15): a query interface scaffold builds
    from the spec's **Query** list (no Go query struct) types every parameter with
    ``_query_ts`` (``string``/``number``/``boolean``), so it drops the allowed values of an
    enum parameter and types a repeated one ``string`` instead of ``string[]``. The
    document keeps both; the check then asserts the same keys, optional keys and nullable
    keys, and that the member types still differ: when the TS side is fixed, the check
    fails until this gap is removed."""
    decl = fe.decl_by_name.get(fn.query_type)
    if decl is None or decl.go:
        return False  # mirrors a Go struct through the type map
    return any(q.enum or q.repeated or q.type.startswith("[]") for q in fn.endpoint.query)


@pytest.mark.toolchain
@pytest.mark.parametrize("name, files, case", CASES, ids=[c[0] for c in CASES])
def test_openapi_typescript_agrees_with_generated_ts(
    name: str, files: list[Path], case: object, peer: Path, tmp_path: Path
) -> None:
    repo = _repo(name, case, tmp_path)
    result = generate(files, repo)
    errors = [d.text() for d in result.diagnostics if d.severity == "error"]
    assert not errors, "generate refused:\n" + "\n".join(errors)
    document = repo / DOCUMENT
    doc = yaml.safe_load(document.read_text(encoding="utf-8"))
    check = repo / "check"
    check.mkdir()
    node = require_tool("node")
    run(
        [
            node,
            str(peer / "openapi-typescript" / "bin" / "cli.js"),
            str(document),
            "-o",
            str(check / "openapi.d.ts"),
        ]
    )
    source, compared = _check_source(repo, files, doc)
    assert compared, "nothing to compare"
    (check / "check.ts").write_text(source, encoding="utf-8")
    (check / "tsconfig.json").write_text(json.dumps(TSCONFIG, indent=2), encoding="utf-8")
    run([node, str(peer / "typescript" / "bin" / "tsc"), "-p", str(check)])
