"""Write a spec model back as markdown, in the template's exact output structure.

``to_markdown(spec)`` renders the headings, tables and fences of the template's
"Tech spec output template" (``scaffold convert --to md``), so that reading the
result gives the same model (``semantic()``) back. Sections with no content are
left out, except the ones the template requires of every spec.

The code renderers here (:func:`go_source`, :func:`ts_source`, :func:`ts_blocks`)
turn model elements back into Go and TypeScript that the code readers parse to
the same elements; the YAML form uses them for its ``go:`` and ``typescript:``
blocks.
"""

from __future__ import annotations

import json
import re
from typing import Callable

from ..model import (
    FileEntry,
    GoEnum,
    GoField,
    GoFunc,
    GoInterface,
    GoMethod,
    GoNamedType,
    GoParam,
    GoStruct,
    QueryParam,
    Spec,
    TsField,
    TsType,
)

__all__ = ["to_markdown", "go_source", "go_decls", "ts_source", "ts_blocks"]


# --------------------------------------------------------------------------- Go


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}// {ln}".rstrip() for ln in text.split("\n")]


def _go_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def go_struct(s: GoStruct) -> str:
    """``type Name struct { … }`` with gofmt-aligned fields and their comments."""
    lines = _comment(s.doc) if s.doc else []
    lines.append(f"type {s.name}{s.type_params} struct {{")
    named = [f for f in s.fields if not f.embedded]
    wname = max((len(f.name) for f in named), default=0)
    wtype = max((len(f.type) for f in named if f.tag), default=0)
    for f in s.fields:
        trailing = f.comment and "\n" not in f.comment
        if f.comment and not trailing:
            lines += _comment(f.comment, "\t")
        lines.append("\t" + _go_field(f, wname, wtype) + (f" // {f.comment}" if trailing else ""))
    lines.append("}")
    return "\n".join(lines)


def _go_field(f: GoField, wname: int, wtype: int) -> str:
    tag = f" `{f.tag}`" if f.tag else ""
    if f.embedded:
        return f"{f.type}{tag}"
    if tag:
        return f"{f.name.ljust(wname)} {f.type.ljust(wtype)}{tag}"
    return f"{f.name.ljust(wname)} {f.type}"


def _params(params: list[GoParam]) -> str:
    return ", ".join(f"{p.name} {p.type}" if p.name else p.type for p in params)


def _results(results: list[GoParam]) -> str:
    if not results:
        return ""
    if len(results) == 1 and not results[0].name:
        return " " + results[0].type
    return f" ({_params(results)})"


def _signature(m: GoMethod | GoFunc) -> str:
    return f"{m.name}({_params(m.params)}){_results(m.results)}"


def go_interface(i: GoInterface) -> str:
    lines = _comment(i.doc) if i.doc else []
    lines.append(f"type {i.name} interface {{")
    for m in i.methods:
        if m.doc:
            lines += _comment(m.doc, "\t")
        lines.append("\t" + _signature(m))
    lines.append("}")
    return "\n".join(lines)


def go_enum(e: GoEnum) -> str:
    lines = [f"type {e.name} {e.underlying}", "", "const ("]
    width = max((len(c) for c in e.consts), default=0)
    for const, value in zip(e.consts, e.values):
        literal = _go_string(value) if e.underlying == "string" else value
        lines.append(f"\t{const.ljust(width)} {e.name} = {literal}")
    lines.append(")")
    return "\n".join(lines)


def go_named_type(t: GoNamedType) -> str:
    return f"type {t.name} {t.underlying}"


def go_func(f: GoFunc) -> str:
    if f.receiver:
        base = f.receiver.lstrip("*").split("[", 1)[0]
        name = (base[:1].lower() or "r") if base else "r"
        return f"func ({name} {f.receiver}) {_signature(f)}"
    return f"func {_signature(f)}"


def go_decls(
    structs: list[GoStruct] = (),  # type: ignore[assignment]
    interfaces: list[GoInterface] = (),  # type: ignore[assignment]
    enums: list[GoEnum] = (),  # type: ignore[assignment]
    named: list[GoNamedType] = (),  # type: ignore[assignment]
    funcs: list[GoFunc] = (),  # type: ignore[assignment]
) -> str:
    """Go declarations as one source: types first, then structs, interfaces, functions."""
    parts = [go_named_type(t) for t in named]
    parts += [go_enum(e) for e in enums]
    parts += [go_struct(s) for s in structs]
    parts += [go_interface(i) for i in interfaces]
    funcs_text = "\n".join(go_func(f) for f in funcs)
    if funcs_text:
        parts.append(funcs_text)
    return "\n\n".join(parts) + ("\n" if parts else "")


def go_source(spec: Spec) -> str:
    """Every Go declaration of the spec, as one source the Go reader reads back."""
    return go_decls(
        spec.go_structs, spec.go_interfaces, spec.go_enums, spec.go_types, spec.go_funcs
    )


# --------------------------------------------------------------------------- TypeScript


def _ts_field(f: TsField) -> str:
    prefix = "readonly " if f.readonly else ""
    opt = "?" if f.optional else ""
    if f.name.startswith("["):  # index signature
        return f"{prefix}{f.name}: {_ts_type(f)};"
    if f.type.startswith(("(", "<")) and "=>" not in f.type:  # method signature
        return f"{prefix}{f.name}{opt}{f.type};"
    name = f.name if re.fullmatch(r"[A-Za-z_$][\w$]*", f.name) else _go_string(f.name)
    return f"{prefix}{name}{opt}: {_ts_type(f)};"


def _ts_type(f: TsField) -> str:
    parts = [f.type] if f.type else []
    if f.nullable:
        parts.append("null")
    if f.undefinable:
        parts.append("undefined")
    return " | ".join(parts) or "unknown"


def ts_type(t: TsType) -> str:
    export = "export " if t.exported else ""
    body = "\n".join("  " + _ts_field(f) for f in t.fields)
    if t.kind == "interface":
        ext = f" extends {', '.join(t.extends)}" if t.extends else ""
        return (
            f"{export}interface {t.name}{ext} {{\n{body}\n}}"
            if body
            else (f"{export}interface {t.name}{ext} {{}}")
        )
    if t.alias_of and not t.fields:
        return f"{export}type {t.name} = {t.alias_of};"
    return f"{export}type {t.name} = {{\n{body}\n}};" if body else f"{export}type {t.name} = {{}};"


def ts_source(types: list[TsType]) -> str:
    """TypeScript declarations; a ``// path`` line before the types of each file."""
    out: list[str] = []
    current = ""
    for t in types:
        if t.file != current:
            out.append(f"// {t.file}")
            current = t.file
        out.append(ts_type(t))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n" if out else ""


def ts_blocks(types: list[TsType]) -> list[str]:
    """``types`` split into sources the TS reader reads back with the same ``file``s.

    A ``// path`` comment sets the file of the types after it; nothing resets it
    to "no file", so a type without a file after one with a file starts a block.
    """
    blocks: list[list[TsType]] = []
    current = ""
    for t in types:
        if not blocks or (t.file == "" and current != ""):
            blocks.append([])
        blocks[-1].append(t)
        current = t.file
    return [ts_source(b) for b in blocks]


# --------------------------------------------------------------------------- markdown helpers

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _inline(text: str) -> str:
    """Free text as one markdown line: special characters escaped, lines joined."""
    text = " ".join(text.split("\n"))
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return _inline(text).strip() if text else ""


def _code(text: str) -> str:
    """``text`` as a code span (with enough backquotes around it)."""
    ticks = "`"
    while ticks in text:
        ticks += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("-" * (len(h) + 2) for h in header) + "|",
    ]
    for row in rows:
        out.append("| " + " | ".join(c if c else " " for c in row).replace("|  |", "| |") + " |")
    return out


def _fence(lang: str, text: str) -> list[str]:
    body = text[:-1] if text.endswith("\n") else text
    fence = "```"
    while fence in body:
        fence += "`"
    return [fence + lang, *body.split("\n"), fence] if text else [fence + lang, fence]


def _prose(text: str) -> list[str]:
    """Prose kept as written (it is markdown already)."""
    return text.rstrip("\n").split("\n") if text else []


class _Doc:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def block(self, lines: list[str]) -> None:
        if not lines:
            return
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines.extend(lines)
        self.lines.append("")

    def heading(self, level: int, title: str) -> None:
        self.block(["#" * level + " " + title])

    def rule(self) -> None:
        self.block(["---"])

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


# --------------------------------------------------------------------------- markdown


def to_markdown(spec: Spec) -> str:
    """The spec as markdown in the template's structure; reads back to the same model."""
    d = _Doc()
    m = spec.meta
    d.block([f"# Tech Spec: {m.title}".rstrip()])
    header = [
        ("Type", m.type or ""),
        ("PRD", m.prd),
        ("Author", m.author),
        ("Last updated", m.date),
        ("Status", m.status),
    ]
    d.block([f"**{k}:** {v}" for k, v in header if v])
    d.rule()
    _overview(d, spec)
    d.rule()
    _architecture(d, spec)
    d.rule()
    _data_model(d, spec)
    d.rule()
    emitted_go: set[int] = set()  # indexes of the Go structs written so far
    _api(d, spec, emitted_go)
    d.rule()
    _modules(d, spec, emitted_go)
    d.rule()
    _tasks(d, spec)
    d.rule()
    _testing(d, spec)
    d.rule()
    _rollout(d, spec)
    d.rule()
    _risks(d, spec)
    d.rule()
    d.heading(2, "10. Assumptions")
    d.block([f"- [ASSUMPTION] {_inline(a.text)}" for a in spec.assumptions])
    return d.text()


def _overview(d: _Doc, spec: Spec) -> None:
    d.heading(2, "1. Overview")
    d.heading(3, "Summary")
    d.block(_prose(spec.summary))
    d.heading(3, "Requirement Mapping")
    stories = [r for r in spec.requirements if not r.id.startswith("ER-")]
    ers = [r for r in spec.requirements if r.id.startswith("ER-")]
    kinds = ["ER" if r.id.startswith("ER-") else "US" for r in spec.requirements]
    runs = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    if len(runs) > 2:  # stories and requirements interleaved: one table keeps the order
        d.heading(4, "PRD-driven: Story Mapping")
        d.block(_requirement_table(spec.requirements, True, True, "Req ID", "Requirement"))
        _motivation(d, spec, [])
        return
    er_first = runs[:1] == ["ER"]
    if er_first or spec.motivation is not None and not stories:
        _motivation(d, spec, ers)
    if stories or (not ers and spec.meta.type != "Engineering-initiated"):
        d.heading(4, "PRD-driven: Story Mapping")
        sc = any(r.success_criteria for r in stories)
        pr = any(r.priority for r in stories)
        d.block(_requirement_table(stories, sc, pr, "Story ID", "Story Summary"))
    if not er_first and (ers or spec.motivation is not None and stories):
        _motivation(d, spec, ers)


def _requirement_table(
    reqs: list, sc: bool, pr: bool, id_head: str, summary_head: str
) -> list[str]:
    head = [id_head, summary_head] + (["Success Criteria"] if sc else [])
    head += (["Priority"] if pr else []) + ["Implementing Tasks"]
    rows = []
    for r in reqs:
        row = [r.id, _cell(r.summary)] + ([_cell(r.success_criteria)] if sc else [])
        rows.append(row + ([r.priority or ""] if pr else []) + [", ".join(r.tasks)])
    return _table(head, rows)


def _motivation(d: _Doc, spec: Spec, ers: list) -> None:
    if not ers and spec.motivation is None:
        return
    d.heading(4, "Engineering-initiated: Motivation & Requirements")
    mo = spec.motivation
    if mo is not None:
        fields = [("Problem", mo.problem), ("Why now", mo.why_now)]
        fields.append(("Out of scope", mo.out_of_scope))
        shown = [(k, v) for k, v in fields if v] or fields[:1]
        lines: list[str] = []
        for label, value in shown:
            items = value.split("\n")
            if len(items) > 1 and all(i.startswith("- ") for i in items):  # a list, as written
                d.block(lines + [f"**{label}:**"])
                d.block(items)
                lines = []
            else:
                lines.append(f"**{label}:** {_inline(value)}".rstrip())
        d.block(lines)
    if ers:
        rows = [[r.id, _cell(r.summary), _cell(r.success_criteria), r.priority or ""] for r in ers]
        d.block(_table(["Req ID", "Requirement", "Success Criteria", "Priority"], rows))
        d.block(["**Requirement-to-Task Mapping:**"])
        d.block(_table(["Req ID", "Implementing Tasks"], [[r.id, ", ".join(r.tasks)] for r in ers]))


_DEP_KIND = {"go": "Go module", "npm": "npm", "other": "other"}


def _architecture(d: _Doc, spec: Spec) -> None:
    d.heading(2, "2. Architecture & Design Decisions")
    d.heading(3, "System Context")
    d.block(_prose(spec.system_context))
    d.heading(3, "Key Decisions")
    rows = [[_cell(x.decision), _cell(x.alternatives), _cell(x.rationale)] for x in spec.decisions]
    d.block(_table(["Decision", "Alternatives Considered", "Rationale"], rows))
    d.heading(3, "New Patterns or Deviations")
    d.block(_prose(spec.new_patterns))
    if spec.dependencies:
        d.heading(3, "Dependencies")
        rows = [
            [_cell(x.name), _DEP_KIND[x.kind], _cell(x.version), _cell(x.notes)]
            for x in spec.dependencies
        ]
        d.block(_table(["Dependency", "Type", "Version / Constraint", "Notes"], rows))


def _index_line(ix) -> str:  # noqa: ANN001 - model.Index
    line = f"{_code(ix.name)} on ({', '.join(ix.columns)})"
    return line + (f" — {_inline(ix.note)}" if ix.note else "")


def _index_unique_read(ix) -> bool:  # noqa: ANN001
    text = f"{ix.name} on ({', '.join(ix.columns)})" + (f" — {ix.note}" if ix.note else "")
    return "unique" in text.lower() or bool(
        re.search(r"(^|_)(uq|ux|uniq|unique|key)(_|$)", ix.name.lower())
    )


def _data_model(d: _Doc, spec: Spec) -> None:
    d.heading(2, "3. Data Model")
    if spec.tables:
        d.heading(3, "New Tables")
    for t in spec.tables:
        d.heading(4, t.name)
        rows = [[c.name, _cell(c.type), _cell(c.constraints), _cell(c.notes)] for c in t.columns]
        d.block(_table(["Column", "Type", "Constraints", "Notes"], rows))
        if t.indexes:
            d.block(["**Indexes:**"])
            if all(_index_unique_read(ix) == ix.unique for ix in t.indexes):
                d.block([f"- {_index_line(ix)}" for ix in t.indexes])
            else:
                rows = [
                    [ix.name, ", ".join(ix.columns), "yes" if ix.unique else "no", _cell(ix.note)]
                    for ix in t.indexes
                ]
                d.block(_table(["Index", "Columns", "Unique", "Notes"], rows))
        if t.relationships:
            d.block(["**Relationships:**"])
            lines = []
            for r in t.relationships:
                extra = ", ".join(
                    x for x in (r.kind, f"ON DELETE {r.on_delete}" if r.on_delete else "") if x
                )
                lines.append(
                    f"- {r.from_table}.{r.from_column} → {r.to_table}.{r.to_column}"
                    + (f" ({extra})" if extra else "")
                )
            d.block(lines)
    if spec.modified_tables:
        d.heading(3, "Modified Tables")
        rows = [[_cell(x.table), _cell(x.change), _cell(x.notes)] for x in spec.modified_tables]
        d.block(_table(["Table", "Change", "Migration Notes"], rows))
    d.heading(3, "Goose Migrations")
    for mg in spec.migrations:
        d.heading(4, _code(mg.path))
        d.block(_fence("sql", mg.text))
    known = [mg for mg in spec.migrations if mg.backward_compatible is not None or mg.order_notes]
    if known:
        d.block(["**Migration order and compatibility:**"])
        rows = []
        for i, mg in enumerate(known, 1):
            bc = {True: "yes", False: "no", None: ""}[mg.backward_compatible]
            rows.append([str(i), _code(mg.path), bc, _cell(mg.order_notes)])
        d.block(_table(["#", "Migration File", "Backward Compatible", "Notes"], rows))


def _struct_closure(spec: Spec, name: str, emitted: set[int]) -> list[GoStruct]:
    """The struct ``name`` and the spec's structs its fields use, in the spec's order.

    A name the spec defines twice (differently) stands for its first version not yet
    written, so every version is written once, in order.
    """
    by_name: dict[str, list[int]] = {}
    for i, s in enumerate(spec.go_structs):
        by_name.setdefault(s.name, []).append(i)

    def version(n: str) -> int:
        idxs = by_name[n]
        return next((i for i in idxs if i not in emitted), idxs[0])

    want: set[int] = set()
    todo = [name]
    seen: set[str] = set()
    while todo:
        n = todo.pop()
        if n in seen or n not in by_name:
            continue
        seen.add(n)
        i = version(n)
        want.add(i)
        for f in spec.go_structs[i].fields:
            todo += [x for x in re.findall(r"[A-Za-z_]\w*", f.type) if x in by_name]
    emitted.update(want)
    return [spec.go_structs[i] for i in sorted(want)]


def _ts_closure(spec: Spec, names_wanted: list[str]) -> list[TsType]:
    names = {t.name for t in spec.ts_types}
    want: set[str] = set()
    todo = [n for n in names_wanted if n]
    while todo:
        n = todo.pop()
        if n in want or n not in names:
            continue
        want.add(n)
        t = spec.ts_type(n)
        for f in t.fields:  # type: ignore[union-attr]
            todo += [x for x in re.findall(r"[A-Za-z_$][\w$]*", f.type) if x in names]
        todo += [x for e in t.extends for x in re.findall(r"[A-Za-z_$][\w$]*", e) if x in names]  # type: ignore[union-attr]
    return [t for t in spec.ts_types if t.name in want]


def _api(d: _Doc, spec: Spec, emitted: set[int]) -> None:
    from .yaml import explicit_query

    d.heading(2, "4. API Design")
    _conventions(d, spec)
    for ep in spec.endpoints:
        d.heading(3, f"{ep.method} {ep.path}")
        lines = []
        if ep.description:
            lines.append(f"**Description:** {_inline(ep.description)}")
        if ep.handler is not None:
            h = ep.handler
            ref = ".".join(p for p in (h.package, h.receiver, h.function) if p)
            lines.append(f"**Handler:** {_code(ref)}" + (f" in {_code(h.file)}" if h.file else ""))
        if ep.auth is not None:
            lines.append(f"**Auth:** {_auth_text(ep.auth.text)}")
        if ep.rate_limit:
            lines.append(f"**Rate limit:** {_inline(ep.rate_limit)}")
        if ep.idempotency:
            lines.append(f"**Idempotency:** {_inline(ep.idempotency)}")
        if ep.calls:
            lines.append("**Calls:** " + ", ".join(_code(c) for c in ep.calls))
        for line in lines:
            d.block([line])
        query = explicit_query(spec, ep)
        if query:
            d.block(["**Query:**"])
            d.block(_query_table(query))
        if ep.request:
            structs = _struct_closure(spec, ep.request, emitted)
            d.block(["**Request struct:**"])
            d.block(_fence("go", go_decls(structs).rstrip("\n")))
        elif ep.request_none:
            d.block(["**Request struct:** none"])
        status = f" ({ep.success_status})" if ep.success_status_explicit else ""
        if ep.response:
            structs = _struct_closure(spec, ep.response, emitted)
            d.block([f"**Response{status}:**"])
            d.block(_fence("go", go_decls(structs).rstrip("\n")))
        elif ep.success_status_explicit:
            d.block([f"**Success:** {ep.success_status}"])
        types = _ts_closure(spec, [ep.ts_request, ep.ts_response])
        if types:
            d.block(["**TypeScript request/response types:**"])
            d.block(
                _fence("typescript", ts_source([t.model_copy(update={"file": ""}) for t in types]))
            )
        if ep.errors:
            d.block(["**Error Responses:**"])
            has_error = any(e.error for e in ep.errors)
            head = ["Status", "Condition", "Body"] + (["Error"] if has_error else [])
            rows = []
            for e in ep.errors:
                row = [str(e.status), _cell(e.condition), _code(e.body) if e.body else ""]
                rows.append(row + ([e.error] if has_error else []))
            d.block(_table(head, rows))
    if spec.events:
        d.heading(3, "WebSocket / Real-Time Events")
        for ev in spec.events:
            d.heading(4, ev.name)
            if ev.channel:
                d.block([f"**Channel:** {_inline(ev.channel)}"])
            if ev.payload:
                d.block(["**Payload:**"])
                lang = "json" if ev.payload.lstrip().startswith(("{", "[")) else ""
                d.block(_fence(lang, ev.payload))
            tail = []
            if ev.delivery:
                tail.append(f"**Delivery:** {_inline(ev.delivery)}")
            if ev.trigger:
                tail.append(f"**Trigger:** {_inline(ev.trigger)}")
            d.block(tail)


def _query_rules(q: QueryParam) -> str:
    """Bounds and allowed values as the query reader reads them (``min=1, max=100``)."""
    parts = [f"min={q.minimum}"] if q.minimum is not None else []
    parts += [f"max={q.maximum}"] if q.maximum is not None else []
    if q.enum:
        parts.append("one of " + ", ".join(_code(v) for v in q.enum))
    return ", ".join(parts)


def _query_type(q: QueryParam) -> str:
    """The type, with ``, repeated`` where the type does not say it (``[]string`` does)."""
    repeated = q.repeated and not q.type.startswith("[]")
    return _cell(q.type) + (", repeated" if repeated else "")


# The optional columns of a query table: header → the cell of one parameter.
_QUERY_COLUMNS: list[tuple[str, Callable[[QueryParam], str]]] = [
    ("Default", lambda q: "" if q.default is None else _code(q.default) if q.default else '`""`'),
    ("Rules", _query_rules),
]


def _query_table(query: list[QueryParam]) -> list[str]:
    """Parameter, type, required, the defaults and bounds any parameter has, description."""
    extra = [(h, cell) for h, cell in _QUERY_COLUMNS if any(cell(q) for q in query)]
    head = ["Parameter", "Type", "Required"] + [h for h, _ in extra] + ["Description"]
    rows = [
        [q.name, _query_type(q), "yes" if q.required else "no"]
        + [cell(q) for _, cell in extra]
        + [_cell(q.description)]
        for q in query
    ]
    return _table(head, rows)


def _auth_text(text: str) -> str:
    """The auth line as written: its code spans are kept (``workspace:admin`` in backquotes)."""
    return _mark_inline(" ".join(text.split("\n")))


def _conventions(d: _Doc, spec: Spec) -> None:
    """The wire conventions of every endpoint (DESIGN §18), stated once."""
    w = spec.wire
    lines = []
    if w.error_body:
        lines.append(f"- **Errors:** every error body is {_code(w.error_body)}.")
    if w.success_envelope:
        shape = '{"' + w.success_envelope + '": <payload>}'
        lines.append(f"- **Success:** every success body is wrapped in {_code(shape)}.")
    if lines:
        d.heading(3, "Conventions")
        d.block(lines)


def _modules(d: _Doc, spec: Spec, emitted: set[int]) -> None:
    d.heading(2, "5. Component & Module Design")
    groups = {
        ("backend", "create"): "Backend (Go) — New Files",
        ("backend", "modify"): "Backend (Go) — Modified Files",
    }
    by_group = {g: [f for f in spec.files if (f.side, f.action) == g] for g in groups}
    if by_group[("backend", "create")]:
        d.heading(3, groups[("backend", "create")])
        rows = [
            [_code(f.path), _cell(f.package), _cell(f.exports)]
            for f in by_group[("backend", "create")]
        ]
        d.block(_table(["File Path", "Package", "Exported Interface"], rows))
    if by_group[("backend", "modify")]:
        d.heading(3, groups[("backend", "modify")])
        rows = [[_code(f.path), _cell(f.description)] for f in by_group[("backend", "modify")]]
        d.block(_table(["File Path", "Change Description"], rows))
    rest_structs = [s for i, s in enumerate(spec.go_structs) if i not in emitted]
    go = go_decls(rest_structs, spec.go_interfaces, spec.go_enums, spec.go_types, spec.go_funcs)
    if go:
        d.heading(3, "Backend Interfaces")
        d.block(_fence("go", go.rstrip("\n")))
    fe_new = [f for f in spec.files if (f.side, f.action) == ("frontend", "create")]
    comps = {c.path: c for c in spec.components}
    listed = {f.path for f in fe_new}
    fe_new += [
        FileEntry(path=c.path, side="frontend", description=c.description)
        for c in spec.components
        if c.path not in listed
    ]
    if fe_new:
        d.heading(3, "Frontend (React/TypeScript) — New Files")
        with_desc = any(f.description for f in fe_new)
        rows = []
        for f in fe_new:
            c = comps.get(f.path)
            row = [
                _code(f.path),
                _cell(c.kind) if c else "",
                ", ".join(c.shadcn) if c else "",
                _cell(c.props) if c else "",
            ]
            rows.append(row + ([_cell(f.description)] if with_desc else []))
        head = ["File Path", "Type", "shadcn Components Used", "Props Interface"]
        d.block(_table(head + (["Description"] if with_desc else []), rows))
        described = [
            c for c in spec.components
            if c.description and not (with_desc and any(f.path == c.path for f in fe_new))
        ]  # fmt: skip
        d.block([f"- {_code(c.name)} — {_inline(c.description)}" for c in described])
    fe_mod = [f for f in spec.files if (f.side, f.action) == ("frontend", "modify")]
    if fe_mod:
        d.heading(3, "Frontend (React/TypeScript) — Modified Files")
        d.block(
            _table(
                ["File Path", "Change Description"],
                [[_code(f.path), _cell(f.description)] for f in fe_mod],
            )
        )
    if spec.shadcn_install:
        d.heading(3, "shadcn/ui Components to Install")
        d.block(_fence("bash", "npx shadcn@latest add " + " ".join(spec.shadcn_install)))
    if spec.ts_types:
        d.heading(3, "Frontend TypeScript Types")
        for block in ts_blocks(spec.ts_types):
            d.block(_fence("typescript", block.rstrip("\n")))
    if spec.hooks:
        d.heading(3, "API Client / Hooks")
        with_ep = any(h.endpoint for h in spec.hooks)
        rows = []
        for h in spec.hooks:
            row = [_code(h.name), _code(h.path) if h.path else "", _cell(h.description)]
            rows.append(row + ([_code(h.endpoint) if h.endpoint else ""] if with_ep else []))
        head = ["Hook / Function", "File Path", "Description"] + (["Endpoint"] if with_ep else [])
        d.block(_table(head, rows))
    if spec.consumed:
        d.heading(3, "Endpoints Consumed")
        rows = [
            [
                _code(f"{c.method} {c.path}"),
                _code(c.ts_request) if c.ts_request else "—",
                _code(c.ts_response) if c.ts_response else "—",
            ]
            for c in spec.consumed
        ]
        d.block(_table(["Endpoint", "TS Request", "TS Response"], rows))
    if spec.errors:
        d.heading(3, "Error Taxonomy")
        with_code = any(e.code for e in spec.errors)
        rows = []
        for e in spec.errors:
            name = _code(e.go_name) + (" (existing)" if e.existing else "")
            code = [_code(e.code) if e.code else ""] if with_code else []
            rows.append(
                [name, *code, str(e.status), _code(e.ts_name) if e.ts_name else "",
                 _cell(e.message), _cell(e.log_level)]
            )  # fmt: skip
        head = ["Error (Go)"] + (["Error Code"] if with_code else [])
        head += ["HTTP Status", "TypeScript Error", "User-Facing Message", "Log Level"]
        d.block(_table(head, rows))


def _tasks(d: _Doc, spec: Spec) -> None:
    from ..read.yamlform import mark_done

    shorthands = {s.name: s.body for s in spec.shorthands}

    d.heading(2, "6. Implementation Tasks")
    if spec.shorthands:
        d.block([f"Shorthand used below: {_code(s.code)}." for s in spec.shorthands])
    phase = None
    for t in spec.tasks:
        if t.phase != phase:
            phase = t.phase
            # Tasks without a phase sit right under the section (a "Tasks" heading would
            # read back as a phase of that name).
            if phase or any(other.phase for other in spec.tasks):
                d.heading(3, phase or "Tasks")
        box = {True: "[x] ", False: "[ ] ", None: ""}[t.checked]
        lines = [f"- {box}**{t.id}:** {_inline(t.title)}".rstrip()]
        if t.implements:
            lines.append(f"  - _Implements:_ {', '.join(t.implements)}")
        if t.description:
            lines.append(f"  - _Description:_ {_inline(t.description)}")
        if t.files:
            lines.append("  - _Files:_")
            for f in t.files:
                note = f" — {_inline(f.note)}" if f.note else ""
                lines.append(f"    - {f.action.capitalize()}: {_code(f.path)}{note}")
        if t.done or t.done_commands:
            raw = mark_done(t.done, t.done_commands, shorthands)
            if raw is None:
                raw = _inline(t.done) + "".join(f" {_code(c)}" for c in t.done_commands)
            else:
                raw = _mark_inline(raw)
            lines.append(f"  - _Done condition:_ {raw}")
        lines.append(f"  - _Dependencies:_ {', '.join(t.dependencies) or 'None'}")
        d.block(lines)


def _mark_inline(raw: str) -> str:
    """Escape text outside code spans; keep the code spans."""
    parts = re.split(r"(`[^`]*`)", raw)
    return "".join(
        p if p.startswith("`") and p.endswith("`") and len(p) > 1 else _inline(p) for p in parts
    )


# The template's columns, for a testing table that has no rows.
_TEST_HEADERS = {
    "Backend Unit Tests (Go)": ["Package / Function", "Key Cases", "Test Command"],
    "Backend Integration Tests (Go)": ["Test", "Setup", "Key Assertions", "Command"],
    "Backend Benchmarks (Go)": ["Benchmark", "Target Threshold", "Command"],
    "Frontend Unit Tests (React/TypeScript)": ["Component / Hook", "Key Cases", "Test Command"],
    "End-to-End Tests": ["User Flow / Scenario", "Steps", "Maps to Requirement", "Framework"],
}


def _testing(d: _Doc, spec: Spec) -> None:
    d.heading(2, "7. Testing Strategy")
    for tt in spec.tests:
        d.heading(3, tt.kind)
        head: list[str] = []
        for r in tt.rows:
            head += [k for k in r.cells if k not in head]
        head = head or _TEST_HEADERS.get(tt.kind, ["Test", "Key Cases", "Test Command"])
        rows = [[_cell(r.cells.get(h, "")) for h in head] for r in tt.rows]
        d.block(_table(head, rows))
    if spec.manual_checks:
        d.heading(3, "Manual Testing Checklist")
        d.block([f"- [{'x' if c.checked else ' '}] {_inline(c.text)}" for c in spec.manual_checks])


def _rollout(d: _Doc, spec: Spec) -> None:
    d.heading(2, "8. Rollout & Operations")
    if spec.feature_flags:
        d.heading(3, "Feature Flags")
        rows = [[_code(f.name), _cell(f.default), _cell(f.cleanup)] for f in spec.feature_flags]
        d.block(_table(["Flag Name", "Default", "Cleanup Target"], rows))
    if spec.monitoring:
        d.heading(3, "Monitoring & Alerts")
        head: list[str] = []
        for r in spec.monitoring:
            head += [k for k in r.cells if k not in head]
        d.block(_table(head, [[_cell(r.cells.get(h, "")) for h in head] for r in spec.monitoring]))
    d.heading(3, "Backward Compatibility")
    d.block(_prose(spec.backward_compatibility))
    d.heading(3, "Rollback Procedure")
    d.block(_prose(spec.rollback))


def _risks(d: _Doc, spec: Spec) -> None:
    d.heading(2, "9. Open Questions & Risks")
    d.heading(3, "Technical Risks")
    rows = [[_cell(r.risk), _cell(r.impact), _cell(r.mitigation)] for r in spec.risks]
    d.block(_table(["Risk", "Impact", "Mitigation"], rows))
    d.heading(3, "Open Questions")
    rows = [[_cell(q.question), _cell(q.owner), _cell(q.target)] for q in spec.open_questions]
    d.block(_table(["Question", "Owner", "Target Resolution"], rows))
