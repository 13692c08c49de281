"""The spec corpus (``../shared/specs/``): users' specs with reading keys.

Each ``NAME.key.yaml`` says what its spec means (the folder's README gives the format).
This module loads a key, reads its spec files the way the CLI does, and compares the
reading with the key facet by facet, returning the differences as plain sentences, so
a failing test says exactly what was misread.

The corpus lives beside the repository (``../shared/specs``, or ``$SCAFFOLD_CORPUS``).
Under ``CI=true`` a missing corpus is a failure, elsewhere the tests skip.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scaffold.model import Endpoint, Spec, merge_specs
from scaffold.read import load_spec
from scaffold.read.link import link

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("SCAFFOLD_CORPUS", ROOT.parent / "shared" / "specs"))


@dataclass
class Case:
    """One corpus feature: its key and the spec files it names."""

    name: str
    key: dict[str, Any]
    files: list[Path] = field(default_factory=list)

    @property
    def layout(self) -> dict[str, Any]:
        return self.key.get("layout") or {}


# Specs of our own written from the template alone, each with a key in the same format
# (``tests/fixtures/specs/NAME/key.yaml``, its files relative to that dir).
OWN = ROOT / "tests" / "fixtures" / "specs"


def corpus_cases() -> list[Case]:
    """Every key in the shared corpus, sorted by name."""
    if not CORPUS.is_dir():
        return []
    out = []
    for key_file in sorted(CORPUS.glob("*.key.yaml")):
        key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
        files = [CORPUS / f for f in key.get("files") or []]
        out.append(Case(key_file.name[: -len(".key.yaml")], key, files))
    return out


def own_cases() -> list[Case]:
    """Our own specs that carry a reading key."""
    out = []
    for key_file in sorted(OWN.glob("*/key.yaml")):
        key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
        files = [key_file.parent / f for f in key.get("files") or []]
        out.append(Case(key_file.parent.name, key, files))
    return out


def cases() -> list[Case]:
    """The shared corpus and our own keyed specs: every spec the invariants run on."""
    return corpus_cases() + own_cases()


def read_case(case: Case) -> Spec:
    """The linked model of a case's spec files, as every command reads them."""
    return link(merge_specs([load_spec(f) for f in case.files]))


def write_repo(case: Case, target: Path) -> Path:
    """A stand-in for the user's repository: the baseline schema and a config naming the
    layout the key records (numbering, migrations dir). Returns the config file."""
    target.mkdir(parents=True, exist_ok=True)
    lines = []
    if case.key.get("baseline_sql"):
        (target / "baseline.sql").write_text(case.key["baseline_sql"], encoding="utf-8")
        lines.append('baseline = "baseline.sql"')
    layout = case.layout
    if layout.get("numbering"):
        lines.append(f'migration_numbering = "{layout["numbering"]}"')
    if layout.get("migrations_dir"):
        lines.append(f'migrations_dir = "{layout["migrations_dir"]}"')
    for key in ("go_module", "backend_root", "frontend_root"):
        if layout.get(key):
            lines.append(f'{key} = "{layout[key]}"')
    config = target / "scaffold.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


# --------------------------------------------------------------------------- comparing


def _bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _same_name(key_name: str, got: str) -> bool:
    """A key name matches the reading exactly, or by its bare identifier when the key
    writes it bare (the key says bare names are unique there)."""
    if not key_name or not got:
        return key_name == got
    return key_name == got or ("." not in key_name and _bare(got) == key_name)


def _role_words(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


def _auth(ep: Endpoint) -> str:
    auth = ep.auth
    if auth is None or not auth.required:
        return "none"
    if auth.ownership:
        return "ownership"
    if auth.role:
        roles = sorted(_role_words(r) for r in auth.role.split(" or "))
        return "role:" + "|".join(roles)
    return "authenticated"


def _same_roles(got: str, want: str) -> bool:
    """Role sets agree, a role written with its scope (`workspace owner`) matching the
    bare role (`owner`): the scope names whose role it is, not another role."""
    if got == want:
        return True
    if not (got.startswith("role:") and want.startswith("role:")):
        return False
    a, b = got[5:].split("|"), want[5:].split("|")
    fits = lambda x, y: x == y or x.endswith(" " + y) or y.endswith(" " + x)  # noqa: E731
    return len(a) == len(b) and all(any(fits(x, y) for y in b) for x in a)


def _key_auth(text: str) -> str:
    text = str(text).strip()
    if text.startswith("role:"):
        roles = sorted(_role_words(r) for r in text[len("role:") :].split("|"))
        return "role:" + "|".join(roles)
    return text


def _handler(ep: Endpoint) -> tuple[str, str]:
    h = ep.handler
    if h is None:
        return "", ""
    parts = [p for p in (h.package, h.receiver.lstrip("*"), h.function) if p]
    return ".".join(parts), h.file


_INT = {"int", "int8", "int16", "int32", "int64", "uint", "uint32", "uint64"}


def _type_class(go_type: str) -> str:
    """A query parameter's type, coarsely: int, string, uuid, bool, time, or list of one."""
    t = go_type.strip()
    if t.startswith("[]"):
        return "[]" + _type_class(t[2:])
    t = t.lstrip("*")
    if t in _INT:
        return "int"
    if t in {"uuid.UUID", "uuid"}:
        return "uuid"
    if t in {"bool"}:
        return "bool"
    if t in {"time.Time"}:
        return "time"
    return "string"


def _key_type_class(text: str) -> str:
    t = str(text).strip()
    if t.endswith("[]"):
        return "[]" + _key_type_class(t[:-2])
    if t.startswith("enum("):
        return "string"
    if "|" in t:  # "uuid | literal none": a string that is a UUID or a word
        return "string"
    return _type_class(t)


def _key_enum(q: dict[str, Any]) -> list[str]:
    if q.get("enum"):
        return [str(v) for v in q["enum"]]
    t = str(q.get("type", ""))
    m = re.fullmatch(r"enum\((.*)\)", t.strip())
    return m.group(1).split("|") if m else []


def _default(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def compare_endpoints(case: Case, spec: Spec) -> list[str]:
    out: list[str] = []
    want_keys = [f"{e['method']} {e['path']}" for e in case.key.get("endpoints") or []]
    got_keys = [ep.key for ep in spec.endpoints]
    for k in want_keys:
        if k not in got_keys:
            out.append(f"endpoint {k}: not read")
    for k in got_keys:
        if k not in want_keys:
            out.append(f"endpoint {k}: read, but the key has no such endpoint")
    for want in case.key.get("endpoints") or []:
        ep = spec.endpoint(f"{want['method']} {want['path']}")
        if ep is None:
            continue
        where = f"{ep.key} (line {ep.pos.line})"
        handler, handler_file = _handler(ep)
        if want.get("handler") and handler != want["handler"]:
            out.append(f"{where}: handler {handler!r}, key {want['handler']!r}")
        if want.get("handler_file") and handler_file != want["handler_file"]:
            out.append(f"{where}: handler file {handler_file!r}, key {want['handler_file']!r}")
        if "auth" in want and not _same_roles(_auth(ep), _key_auth(want["auth"])):
            out.append(f"{where}: auth {_auth(ep)!r}, key {_key_auth(want['auth'])!r}")
        for side in ("request", "response"):
            if side not in want:
                continue
            key_v = want[side] or ""
            got_v = getattr(ep, side)
            if key_v and not re.fullmatch(r"[A-Za-z_][\w.]*", key_v):
                if not got_v:
                    out.append(f"{where}: {side} not read, key {key_v!r}")
            elif not _same_name(key_v, got_v):
                out.append(f"{where}: {side} {got_v!r}, key {key_v!r}")
        for side in ("ts_request", "ts_response"):
            if side in want and getattr(ep, side) != (want[side] or ""):
                out.append(f"{where}: {side} {getattr(ep, side)!r}, key {want[side]!r}")
        if "success_status" in want and ep.success_status != want["success_status"]:
            out.append(f"{where}: success {ep.success_status}, key {want['success_status']}")
        out.extend(_compare_query(where, want.get("query") or [], ep))
        want_errors = sorted((int(e["status"]), e["error"]) for e in want.get("errors") or [])
        got_errors = sorted((r.status, r.error) for r in ep.errors)
        for status, name in want_errors:
            if not any(s == status and _same_name(name, g) for s, g in got_errors):
                out.append(f"{where}: error {status} {name} not read")
        for status, name in got_errors:
            if not any(s == status and _same_name(w, name) for s, w in want_errors):
                if status == 500 and not any(s == 500 for s, _ in want_errors):
                    continue  # a 500 row the key leaves out (it lists the spec's 4xx)
                out.append(f"{where}: error {status} {name or '(unresolved)'} read, not in key")
    return out


def _compare_query(where: str, want_query: list[dict[str, Any]], ep: Endpoint) -> list[str]:
    out: list[str] = []
    got = {q.name: q for q in ep.query}
    want_names = [q["name"] for q in want_query]
    for name in want_names:
        if name not in got:
            out.append(f"{where}: query parameter {name} not read")
    for name in got:
        if name not in want_names:
            out.append(f"{where}: query parameter {name} read, not in key")
    for want in want_query:
        q = got.get(want["name"])
        if q is None:
            continue
        here = f"{where}: query {q.name}"
        t = _type_class(q.type)
        if q.repeated and not t.startswith("[]"):
            t = "[]" + t
        if t != _key_type_class(want.get("type", "string")):
            out.append(f"{here}: type {q.type!r}, key {want.get('type')!r}")
        if "default" in want and q.default != _default(want["default"]):
            out.append(f"{here}: default {q.default!r}, key {_default(want['default'])!r}")
        lo = want.get("min")
        hi = next((want[k] for k in ("max", "max_length", "max_items") if k in want), None)
        if lo is not None and q.minimum != lo:
            out.append(f"{here}: minimum {q.minimum!r}, key {lo!r}")
        if hi is not None and q.maximum != hi:
            out.append(f"{here}: maximum {q.maximum!r}, key {hi!r}")
        enum = _key_enum(want)
        if enum and sorted(q.enum) != sorted(enum):
            out.append(f"{here}: values {q.enum!r}, key {enum!r}")
    return out


def compare_data(case: Case, spec: Spec) -> list[str]:
    out: list[str] = []
    want_tables = sorted(case.key.get("tables") or [])
    got_tables = sorted(t.name for t in spec.tables)
    if want_tables != got_tables:
        out.append(f"tables {got_tables}, key {want_tables}")
    want_migrations = sorted(case.key.get("migrations") or [])
    got_migrations = sorted(m.path for m in spec.migrations)
    if want_migrations != got_migrations:
        out.append(f"migrations {got_migrations}, key {want_migrations}")
    return out


def compare_taxonomy(case: Case, spec: Spec) -> list[str]:
    out: list[str] = []
    want = case.key.get("taxonomy") or []
    for w in want:
        hits = [e for e in spec.errors if _same_name(w["name"], e.go_name)]
        if not hits:
            out.append(f"taxonomy {w['name']}: not read")
            continue
        e = hits[0]
        if e.status != int(w["status"]):
            out.append(f"taxonomy {w['name']}: status {e.status}, key {w['status']}")
        if w.get("code") and e.code != w["code"]:
            out.append(f"taxonomy {w['name']}: code {e.code!r}, key {w['code']!r}")
    if len(spec.errors) != len(want):
        got = [e.go_name for e in spec.errors]
        out.append(f"taxonomy: {len(got)} errors read ({', '.join(got)}), key has {len(want)}")
    return out


def compare_frontend(case: Case, spec: Spec) -> list[str]:
    out: list[str] = []
    want_components = case.key.get("components") or []
    got = {c.name: c for c in spec.components}
    for w in want_components:
        c = got.get(w["name"])
        if c is None:
            out.append(f"component {w['name']}: not read")
            continue
        if w.get("file") and c.path != w["file"]:
            out.append(f"component {c.name}: file {c.path!r}, key {w['file']!r}")
        props = "" if w.get("props") in (None, "none") else w["props"]
        if c.props != props:
            out.append(f"component {c.name}: props {c.props!r}, key {props or 'none'!r}")
    for name in got:
        if name not in {w["name"] for w in want_components}:
            out.append(f"component {name}: read, not in key")
    want_hooks = case.key.get("hooks") or []
    hooks = {h.name: h for h in spec.hooks}
    for w in want_hooks:
        h = hooks.get(w["name"])
        if h is None:
            out.append(f"hook {w['name']}: not read")
            continue
        want_ep = str(w.get("endpoint", ""))
        if want_ep.startswith("WS "):
            ws_path = want_ep.split()[1]
            if not h.endpoint.startswith(f"WS {ws_path}"):
                out.append(f"hook {h.name}: endpoint {h.endpoint!r}, key {want_ep!r}")
        elif h.endpoint != want_ep:
            out.append(f"hook {h.name}: endpoint {h.endpoint!r}, key {want_ep!r}")
    for name in hooks:
        if name not in {w["name"] for w in want_hooks}:
            out.append(f"hook {name}: read, not in key")
    return out


def compare_tasks(case: Case, spec: Spec) -> list[str]:
    want = list(case.key.get("tasks") or [])
    got = [t.id for t in spec.tasks]
    return [] if want == got else [f"tasks {got}, key {want}"]


def compare_events(case: Case, spec: Spec) -> list[str]:
    want = sorted(case.key.get("events") or [])
    got = sorted(e.name for e in spec.events)
    return [] if want == got else [f"events {got}, key {want}"]


def compare_wire(case: Case, spec: Spec) -> list[str]:
    wire = case.key.get("wire") or {}
    out: list[str] = []
    envelope = str(wire.get("success_envelope") or "none")
    want_env = "" if envelope == "none" else re.match(r'\{\s*"(\w+)"', envelope).group(1)
    if spec.wire.success_envelope != want_env:
        out.append(f"success envelope {spec.wire.success_envelope!r}, key {want_env!r}")
    body = str(wire.get("error_body") or "")
    want_nested = bool(re.match(r'\{\s*"error"\s*:\s*\{', body))
    if body and spec.wire.error_nested != want_nested:
        out.append(f"error body nested={spec.wire.error_nested}, key {body}")
    return out


FACETS = {
    "endpoints": compare_endpoints,
    "data": compare_data,
    "taxonomy": compare_taxonomy,
    "frontend": compare_frontend,
    "tasks": compare_tasks,
    "events": compare_events,
    "wire": compare_wire,
}


# Which key fields each facet compares: a golden ``read-*`` case compares only the
# facets whose fields its key gives.
FACET_FIELDS = {
    "endpoints": ("endpoints",),
    "data": ("tables", "migrations"),
    "taxonomy": ("taxonomy",),
    "frontend": ("components", "hooks"),
    "tasks": ("tasks",),
    "events": ("events",),
    "wire": ("wire",),
}


def case_from_dir(path: Path) -> Case:
    """A golden ``tests/cases/read-*`` dir: ``spec.md`` (or the files its key names) and
    ``key.yaml`` in the corpus key format, giving only the facts the case is about."""
    key = yaml.safe_load((path / "key.yaml").read_text(encoding="utf-8")) or {}
    files = [path / f for f in key.get("files") or ["spec.md"]]
    return Case(path.name, key, files)


def facets_of(case: Case) -> list[str]:
    return [f for f, fields in FACET_FIELDS.items() if any(k in case.key for k in fields)]
