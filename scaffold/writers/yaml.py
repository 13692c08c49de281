"""Write a spec model in the YAML form (``scaffold convert --to yaml``).

The form is documented in ``docs/yaml-form.md`` and read by
:mod:`scaffold.read.yamlform`, whose key tables and derivations this writer uses:
a value is written only where it differs from what the reader would derive, so
``read_yaml(to_yaml(s))`` has ``s``'s ``semantic()``.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from ..model import (
    ChecklistItem,
    Component,
    Endpoint,
    Event,
    FileEntry,
    Migration,
    QueryParam,
    Requirement,
    Row,
    Spec,
    Table,
    Task,
)
from ..read.yamlform import (
    _ACTIONS,
    _AUTH,
    _COLUMN,
    _COMPONENT,
    _CORE_TYPED,
    _DECISION,
    _DEPENDENCY,
    _ENDPOINT,
    _ERROR_RESPONSE,
    _EVENT,
    _FILE,
    _FILE_FLAT,
    _FLAG,
    _HANDLER,
    _HOOK,
    _INDEX,
    _META,
    _MIGRATION,
    _MOTIVATION,
    _QUERY,
    _QUESTION,
    _RELATIONSHIP,
    _REQ,
    _RISK,
    _CONSUMED,
    _SIDES,
    _TABLE_CHANGE,
    _TASK,
    _TAXONOMY,
    _WIRE,
    _is_map,
    _is_seq,
    _split_handler,
    _unwrap_optional,
    _yaml,
    column_facts,
    default_ts_type,
    derive_auth,
    derive_component_name,
    derive_error_body,
    derive_error_nested,
    derive_migration_name,
    derive_path_params,
    derive_payload_fields,
    derive_requirement_tasks,
    derive_success_status,
    handler_text,
    mark_done,
    struct_query,
    with_component_files,
)

__all__ = ["to_yaml", "explicit_query"]


def to_yaml(spec: Spec) -> str:
    """The spec in the YAML form. ``read_yaml(to_yaml(s))`` has ``s``'s ``semantic()``."""
    import io

    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap()
    for key, attr in _META.items():
        value = getattr(spec.meta, attr)
        if value:
            doc[key] = _s(value)
    if spec.schema_version != 1:
        doc["schema_version"] = str(spec.schema_version)
    sections: list[tuple[str, str]] = []  # (first key, comment) for section headings

    def put(key: str, value: Any, section: str = "") -> None:
        if value is None or value == [] or value == {} or value == "":
            return
        doc[key] = value
        if section:
            sections.append((key, section))

    put("summary", _text(spec.summary), "1. Overview")
    if spec.motivation is not None:
        m = _emit(spec.motivation, _MOTIVATION)
        doc["motivation"] = m
        if not any(k == "summary" for k, _ in sections):
            sections.append(("motivation", "1. Overview"))
    put("requirements", _w_requirements(spec))
    put("system_context", _text(spec.system_context), "2. Architecture & Design Decisions")
    put("decisions", _seq([_emit(d, _DECISION) for d in spec.decisions]))
    put("new_patterns", _text(spec.new_patterns))
    put("dependencies", _w_keyed(spec.dependencies, "name", _DEPENDENCY, "notes"))
    put("tables", _w_tables(spec), "3. Data Model")
    put("modified_tables", _seq([_emit(t, _TABLE_CHANGE) for t in spec.modified_tables]))
    put("migrations", _w_migrations(spec))
    put("endpoints", _w_endpoints(spec), "4. API Design")
    derived_wire = {
        "error_body": derive_error_body(spec.endpoints),
        "error_nested": derive_error_nested(spec.wire.error_body),
    }
    wire = _emit(spec.wire, _WIRE, derived_wire)
    put("wire", wire if wire else None)
    put("events", _w_events(spec))
    go = _go_text(spec)
    put("go", go, "Go declarations: request/response structs, interfaces, enums")
    put("typescript", _ts_text(spec), "TypeScript types")
    put("files", _w_files(spec), "5. Component & Module Design")
    put(
        "components",
        _w_keyed(spec.components, "path", _COMPONENT, "description", _component_derived),
    )
    put("shadcn_install", _flow_seq(spec.shadcn_install))
    put("hooks", _w_keyed(spec.hooks, "name", _HOOK, "description"))
    put("errors", _w_keyed(spec.errors, "go_name", _TAXONOMY, ""))
    task_key, tasks = _w_tasks(spec)
    put(task_key, tasks, "6. Implementation Tasks")
    put("shorthands", _seq([_text(s.code) for s in spec.shorthands]))
    put("consumed", _seq([_emit(c, _CONSUMED) for c in spec.consumed]))
    put("tests", _w_tests(spec), "7. Testing Strategy")
    put("manual_checks", _seq([_w_check(c) for c in spec.manual_checks]))
    put("feature_flags", _w_keyed(spec.feature_flags, "name", _FLAG, ""), "8. Rollout & Operations")
    put("monitoring", _seq([_cells(r) for r in spec.monitoring]))
    put("backward_compatibility", _text(spec.backward_compatibility))
    put("rollback", _text(spec.rollback))
    put("risks", _seq([_emit(r, _RISK) for r in spec.risks]), "9. Open Questions & Risks")
    put("open_questions", _seq([_emit(q, _QUESTION) for q in spec.open_questions]))
    put("assumptions", _seq([_text(a.text) for a in spec.assumptions]), "10. Assumptions")
    seen: set[str] = set()
    for key, comment in sections:
        if comment in seen or key not in doc:
            continue
        seen.add(comment)
        doc.yaml_set_comment_before_after_key(key, before="\n" + comment)
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


_INDICATORS = frozenset("?:-,[]{}#&*!|>'\"%@`")


def _s(value: str) -> Any:
    """A string value: quoted where YAML 1.2 would read it as another type."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if _CORE_TYPED.match(value) or value[:1] in _INDICATORS:
        # Plain `?x`, `:x`, `-x` are valid YAML 1.2 but not read back the same by every
        # reader inside `{…}` / `[…]`: quote every value that starts with an indicator.
        return DoubleQuotedScalarString(value)
    return value


def _text(value: str) -> Any:
    """Prose: a literal block when it spans lines (and YAML can hold it as one)."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if "\n" in value and _literal_ok(value):
        return LiteralScalarString(value)
    return _s(value)


_NOT_LITERAL = re.compile(
    "[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufeff\ufeff-\ufffd\U00010000-\U0010ffff]|\ufeff"
)


def _literal_ok(value: str) -> bool:
    """Whether a literal block (``|``) holds ``value`` exactly; else it is double-quoted."""
    if _NOT_LITERAL.search(value) or not value.strip("\n"):
        return False  # (a value of newlines only reads back with one more)
    lines = value.split("\n")
    # Leading or trailing blanks on a line are not kept the same by every reader.
    return not any(ln != ln.rstrip(" \t") for ln in lines) and not value.startswith((" ", "\t"))


def _value(v: Any, ann: Any) -> Any:
    ann = _unwrap_optional(ann)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return _text(v)
    if isinstance(v, list):
        return _flow_seq([_value(x, str) for x in v])
    if isinstance(v, dict):
        from ruamel.yaml.comments import CommentedMap

        m = CommentedMap((str(k), _value(x, str)) for k, x in v.items())
        return m
    return v


def _flow_seq(items: list) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(_s(x) if isinstance(x, str) else x for x in items)
    if (
        all(isinstance(x, str) and "\n" not in x for x in items)
        and sum(len(x) + 2 for x in items) < 80
    ):
        seq.fa.set_flow_style()
    return seq


def _seq(items: list) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def _emit(el: BaseModel, form: dict[str, str], derived: dict[str, Any] | None = None) -> Any:
    """The form's fields of ``el`` that differ from their default (or derivation)."""
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    fields = type(el).model_fields
    for key, attr in form.items():
        value = getattr(el, attr)
        if derived is not None and attr in derived:
            if value == derived[attr]:
                continue
        elif value == fields[attr].get_default(call_default_factory=True):
            continue
        if value is None:  # differs from a derived value: say so explicitly
            m[key] = None
            continue
        m[key] = _value(value, fields[attr].annotation)
    _flow(m)
    return m


def _flow(m: Any) -> None:
    """Short mappings of scalars read best on one line."""
    simple = all(
        isinstance(v, str)
        and "\n" not in v
        or v is None
        or _is_seq(v)
        and getattr(v.fa, "_flow_style", False)
        for v in m.values()
    )
    size = sum(len(str(k)) + len(str(v)) + 4 for k, v in m.items())
    if any(str(k)[:1] in _INDICATORS for k in m):
        return
    if m and simple and size < 60:
        m.fa.set_flow_style()


def _shorthand(m: Any, short: str, form: dict[str, str]) -> Any:
    """``{notes: x}`` → ``x`` when the only field is the shorthand one."""
    key = next((k for k, a in form.items() if a == short), None)
    if key and list(m.keys()) == [key] and isinstance(m[key], str):
        return m[key]
    return m


def _unique(items: list, key: str) -> bool:
    keys = [getattr(i, key) for i in items]
    return len(keys) == len(set(keys))


def _w_keyed(
    items: list, key_attr: str, form: dict[str, str], short: str, derive: Any = None
) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if not items:
        return None
    key_name = {"go_name": "name"}.get(key_attr, key_attr)
    if not _unique(items, key_attr):  # the list form keeps every element
        out = []
        for it in items:
            m = CommentedMap([(key_name, _s(getattr(it, key_attr)))])
            m.update(_emit(it, form, derive(it) if derive else None))
            _flow(m)
            out.append(m)
        return _seq(out)
    doc = CommentedMap()
    for it in items:
        m = _emit(it, form, derive(it) if derive else None)
        doc[getattr(it, key_attr)] = _shorthand(m, short, form) if short else m
    return doc


def _component_derived(c: Component) -> dict[str, Any]:
    return {"name": derive_component_name(c.path)}


def _w_requirements(spec: Spec) -> Any:
    def derive(r: Requirement) -> dict[str, Any]:
        return {"tasks": derive_requirement_tasks(r.id, spec.tasks)}

    return _w_keyed(spec.requirements, "id", _REQ, "summary", derive)


def _w_tables(spec: Spec) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if not spec.tables:
        return None
    if not _unique(spec.tables, "name"):
        return _seq([CommentedMap([("name", t.name), *_w_table(t).items()]) for t in spec.tables])
    doc = CommentedMap()
    for t in spec.tables:
        doc[t.name] = _w_table(t)
    return doc


def _w_table(t: Table) -> Any:
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    cols = _w_keyed(
        t.columns, "name", _COLUMN, "", lambda c: column_facts(c.constraints, c.type)[0]
    )
    if cols is not None:
        if _is_map(cols):
            for k, v in cols.items():
                if list(v.keys()) == ["type"]:
                    cols[k] = v["type"]
        m["columns"] = cols
    idx = _w_keyed(t.indexes, "name", _INDEX, "")
    if idx is not None:
        if _is_map(idx):
            for k, v in idx.items():
                if list(v.keys()) == ["columns"]:
                    idx[k] = v["columns"]
        m["indexes"] = idx
    if t.relationships:
        rels = []
        for r in t.relationships:
            rm = CommentedMap()
            rm["from"] = f"{r.from_table}.{r.from_column}"
            rm["to"] = f"{r.to_table}.{r.to_column}"
            rm.update(_emit(r, _RELATIONSHIP))
            _flow(rm)
            rels.append(rm)
        m["relationships"] = _seq(rels)
    return m


def _w_migrations(spec: Spec) -> Any:
    from ..sqlkit.goose import split_goose

    def derive(mg: Migration) -> dict[str, Any]:
        d: dict[str, Any] = dict(derive_migration_name(mg.path))
        sections = split_goose(mg.text, "", 1) if mg.text else None
        d["has_up"] = sections.has_up if sections else False
        d["has_down"] = sections.has_down if sections else False
        d["no_transaction"] = sections.no_transaction if sections else False
        return d

    if not spec.migrations:
        return None
    out = _w_keyed(spec.migrations, "path", _MIGRATION, "", derive)
    entries = out.values() if _is_map(out) else out
    for mg, m in zip(spec.migrations, entries):
        if "sql" in m:  # the SQL last: the short facts read first
            sql = m.pop("sql")
            m["sql"] = sql
        m.fa.set_block_style()
        sections = split_goose(mg.text, "", 1) if mg.text else None
        for part in ("up", "down"):
            mine = [(s.sql, s.block) for s in getattr(mg, part)]
            derived = [(s.sql, s.block) for s in getattr(sections, part)] if sections else []
            if mine != derived:
                from ruamel.yaml.comments import CommentedMap

                m[part] = _seq(
                    [
                        CommentedMap([("sql", _text(s)), ("block", "true")]) if b else _text(s)
                        for s, b in mine
                    ]
                )
    return out


def _w_endpoints(spec: Spec) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if not spec.endpoints:
        return None
    doc = CommentedMap()
    flat = []
    for ep in spec.endpoints:
        m = CommentedMap()
        if ep.description:
            m["description"] = _text(ep.description)
        if ep.handler is not None:
            h = ep.handler
            parts = _split_handler(handler_text(h))
            if parts == {k: getattr(h, k) for k in _HANDLER}:
                m["handler"] = handler_text(h)
            else:
                m["handler"] = _emit(h, _HANDLER)
        if ep.auth is not None:
            a = ep.auth
            derived = derive_auth(a.text)
            if all(getattr(a, k) == v for k, v in derived.items()):
                m["auth"] = _s(a.text)
            else:
                m["auth"] = _emit(a, _AUTH, derived)
        derived = {
            "ts_request": default_ts_type(spec, ep, "ts_request"),
            "ts_response": default_ts_type(spec, ep, "ts_response"),
            "description": ep.description,  # written above
            "path_params": derive_path_params(ep.path),
            "success_status": ep.success_status,  # written below
            "success_status_explicit": ep.success_status_explicit,
        }
        rest = _emit(ep, _ENDPOINT, derived)
        if ep.success_status_explicit:
            rest["status"] = str(ep.success_status)
        elif ep.success_status != derive_success_status(ep.response):
            rest["status"] = str(ep.success_status)
            rest["status_explicit"] = "false"
        for k in _ENDPOINT:  # keep the form's key order
            if k in rest:
                m[k] = rest[k]
        query = explicit_query(spec, ep)
        if query:
            m["query"] = _w_keyed(query, "name", _QUERY, "type")
        if ep.errors:
            m["errors"] = _seq([_emit(e, _ERROR_RESPONSE) for e in ep.errors])
        if not _unique(spec.endpoints, "key"):
            fm = CommentedMap([("endpoint", ep.key)])
            fm.update(m)
            flat.append(fm)
        else:
            doc[ep.key] = m
    return _seq(flat) if flat else doc


def explicit_query(spec: Spec, ep: Endpoint) -> list[QueryParam]:
    """The endpoint's query parameters less the trailing ones its request struct implies."""

    def bare(items: list[QueryParam]) -> list[dict]:
        return [q.model_dump(exclude={"pos"}) for q in items]

    for k in range(len(ep.query) + 1):
        prefix = ep.query[:k]
        implied = struct_query(spec, ep, {q.name for q in prefix})
        if bare(implied) == bare(ep.query[k:]):
            return prefix
    return ep.query


def _w_events(spec: Spec) -> Any:
    def derive(ev: Event) -> dict[str, Any]:
        return {"payload_fields": derive_payload_fields(ev.payload)}

    out = _w_keyed(spec.events, "name", _EVENT, "", derive)
    if out is not None:
        for v in out.values() if _is_map(out) else out:
            v.fa.set_block_style()
    return out


def _go_text(spec: Spec) -> Any:
    from .markdown import go_source

    blocks = go_source(spec)
    return _text(blocks) if blocks else None


def _ts_text(spec: Spec) -> Any:
    from .markdown import ts_blocks

    blocks = ts_blocks(spec.ts_types)
    if not blocks:
        return None
    if len(blocks) == 1:
        return _text(blocks[0])
    return _seq([_text(b) for b in blocks])


def _w_files(spec: Spec) -> Any:
    from ruamel.yaml.comments import CommentedMap

    files = _explicit_files(spec)
    if not files:
        return None
    order = {(s, a): i for i, (s, a) in enumerate((s, a) for s in _SIDES for a in _ACTIONS)}
    keys = [order[(f.side, f.action)] for f in files]
    grouped_ok = keys == sorted(keys) and all(
        _unique([f for f in files if (f.side, f.action) == g], "path") for g in order
    )
    if not grouped_ok:
        return _seq([_emit(f, _FILE_FLAT, {"side": None, "action": None}) for f in files])
    doc = CommentedMap()
    for f in files:
        side = doc.setdefault(f.side, CommentedMap())
        group = side.setdefault(f.action, CommentedMap())
        short = "exports" if f.action == "create" else "description"
        group[f.path] = _shorthand(_emit(f, _FILE), short, _FILE)
    return doc


def _explicit_files(spec: Spec) -> list[FileEntry]:
    """The files less those the components imply, when the reader would put them back."""

    def bare(items: list[FileEntry]) -> list[dict]:
        return [f.model_dump(exclude={"pos"}) for f in items]

    implied = {
        c.path: FileEntry(path=c.path, side="frontend", description=c.description)
        for c in spec.components
    }
    fewer = [
        f for f in spec.files if not (f.path in implied and bare([f]) == bare([implied[f.path]]))
    ]
    if bare(with_component_files(fewer, spec.components)) == bare(spec.files):
        return fewer
    return spec.files


def _w_tasks(spec: Spec) -> tuple[str, Any]:
    from ruamel.yaml.comments import CommentedMap

    if not spec.tasks:
        return "tasks", None
    phases: list[str] = []
    for t in spec.tasks:
        if not phases or phases[-1] != t.phase:
            phases.append(t.phase)
    by_phase = all(phases) and len(phases) == len(set(phases)) and _unique(spec.tasks, "id")
    if by_phase:
        doc = CommentedMap()
        for t in spec.tasks:
            group = doc.setdefault(t.phase, CommentedMap())
            group[t.id] = _w_task(t, with_phase=False)
        return "phases", doc
    if _unique(spec.tasks, "id"):
        doc = CommentedMap()
        for t in spec.tasks:
            doc[t.id] = _w_task(t, with_phase=True)
        return "tasks", doc
    out = []
    for t in spec.tasks:
        m = CommentedMap([("id", t.id)])
        m.update(_w_task(t, with_phase=True))
        out.append(m)
    return "tasks", _seq(out)


def _w_task(t: Task, with_phase: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap

    derived: dict[str, Any] = {}
    if not with_phase:
        derived["phase"] = t.phase
    m = _emit(t, _TASK, derived)
    if t.done or t.done_commands:
        raw = mark_done(t.done, t.done_commands)
        if raw is not None:
            m["done"] = _text(raw)
        else:
            dm = CommentedMap([("text", _text(t.done)), ("commands", _flow_seq(t.done_commands))])
            m["done"] = dm
        if "depends_on" in m:  # the template's order: done condition, then dependencies
            m.move_to_end("depends_on")
        if "checked" in m:
            m.move_to_end("checked")
    if t.files:
        creates_first = [f.action for f in t.files] == sorted(
            (f.action for f in t.files), key=_ACTIONS.index
        )
        if creates_first:
            fm = CommentedMap()
            for f in t.files:
                entry = CommentedMap([(f.path, _text(f.note))]) if f.note else f.path
                fm.setdefault(f.action, []).append(entry)
            for action, entries in fm.items():
                plain = all(isinstance(e, str) for e in entries)
                fm[action] = (
                    _flow_seq(entries)
                    if plain
                    else _seq([_s(e) if isinstance(e, str) else e for e in entries])
                )
            files: Any = fm
        else:
            items = []
            for f in t.files:
                im = CommentedMap([(f.action, _s(f.path))])
                if f.note:
                    im["note"] = _text(f.note)
                im.fa.set_flow_style()
                items.append(im)
            files = _seq(items)
        # Files after the description, before the done condition (the template's order).
        ordered = CommentedMap()
        for k, v in m.items():
            if k in ("done", "depends_on", "checked") and "files" not in ordered:
                ordered["files"] = files
            ordered[k] = v
        if "files" not in ordered:
            ordered["files"] = files
        m = ordered
    m.fa.set_block_style()
    return m


def _w_tests(spec: Spec) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if not spec.tests:
        return None
    kinds = [t.kind for t in spec.tests]
    if len(kinds) != len(set(kinds)):
        return _seq(
            [CommentedMap([(t.kind, _seq([_cells(r) for r in t.rows]))]) for t in spec.tests]
        )
    doc = CommentedMap()
    for t in spec.tests:
        doc[t.kind] = _seq([_cells(r) for r in t.rows])
    return doc


def _cells(r: Row) -> Any:
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap((k, _text(v)) for k, v in r.cells.items())
    return m


def _w_check(c: ChecklistItem) -> Any:
    if not c.checked:
        return _text(c.text)
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap([("text", _text(c.text)), ("checked", "true")])
    m.fa.set_flow_style()
    return m
