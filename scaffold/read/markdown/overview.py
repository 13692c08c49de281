"""Metadata, overview (summary, requirements) and architecture sections."""

from __future__ import annotations

import re

from ...model import Decision, Dependency, Motivation, Requirement
from .blocks import BList, Block, Line, Para, Quote, Sec, Table, norm_header
from .context import Ctx

TASK_ID = re.compile(r"\bT-(\d+)\b")
TASK_RANGE = re.compile(r"\bT-(\d+)\s*(?:–|—|-|\.\.\.?|to)\s*T-(\d+)\b")
REQ_ID = re.compile(r"\b(US|ER)-\d+\b")
_STATUSES = {"draft": "Draft", "in review": "In Review", "approved": "Approved"}


def task_ids(text: str) -> list[str]:
    """Task IDs named in ``text``, ranges (``T-001–T-003``) expanded, in order, unique."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in TASK_RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        width = len(m.group(1))
        if a <= b and b - a < 200:
            spans.append((m.start(), m.end()))
            out.extend(f"T-{i:0{width}d}" for i in range(a, b + 1))
    for m in TASK_ID.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        out.append(m.group(0))
    seen: set[str] = set()
    return [t for t in out if not (t in seen or seen.add(t))]


def req_ids(text: str) -> list[str]:
    seen: set[str] = set()
    return [
        m.group(0)
        for m in REQ_ID.finditer(text)
        if not (m.group(0) in seen or seen.add(m.group(0)))
    ]


# --------------------------------------------------------------------------- metadata


def read_metadata(ctx: Ctx, root: Sec) -> None:
    """Title (``# Tech Spec: Name``) and the ``**Type:**``… lines under it.

    Values are kept as written (Type normalised to the template's spelling, else
    None); whether they are valid is for ``check`` (META rules) to say.
    """
    spec = ctx.spec
    title_sec = next((s for s in root.descendants() if s.kind == "title"), None)
    lines: list[Line] = []
    for blocks in [root.blocks] + ([title_sec.blocks] if title_sec else []):
        for b in blocks:
            if isinstance(b, Para):
                lines.extend(b.lines)
    meta = spec.meta
    if title_sec is None:
        meta.pos = ctx.pos(lines[0].line if lines else 1)
    else:
        title = title_sec.title.strip()
        title = re.sub(r"^(tech(nical)?\s+spec(ification)?)\s*[:—–-]\s*", "", title, flags=re.I)
        meta.title = title
        meta.pos = ctx.pos(title_sec.line, "#")
    for ln in lines:
        key = norm_header(ln.label) if ln.label else ""
        if key == "type":
            v = ln.value.strip().lower()
            if "|" in v or ("prd" in v and "engineering" in v):
                meta.type = None  # both template choices left in: META002 reports it
            elif v.startswith("prd"):
                meta.type = "PRD-driven"
            elif v.startswith("eng"):
                meta.type = "Engineering-initiated"
        elif key == "prd":
            href = next((h for _, h in ln.links if h), "")
            meta.prd = (ln.value_codes[0] if ln.value_codes else href or ln.value).strip()
        elif key in ("author", "authors", "owner"):
            meta.author = ln.value
        elif key in ("last updated", "date", "updated", "last modified"):
            meta.date = ln.value
        elif key == "status":
            meta.status = _STATUSES.get(ln.value.strip().lower(), ln.value)


# --------------------------------------------------------------------------- prose sections


def _prose(ctx: Ctx, sec: Sec) -> str:
    return ctx.prose(sec.line + 1, sec.end_line)


def read_summary(ctx: Ctx, sec: Sec) -> None:
    if not ctx.spec.summary:
        ctx.spec.summary = _prose(ctx, sec)


def read_system_context(ctx: Ctx, sec: Sec) -> None:
    ctx.spec.system_context = _prose(ctx, sec)


def read_new_patterns(ctx: Ctx, sec: Sec) -> None:
    ctx.spec.new_patterns = _prose(ctx, sec)


# --------------------------------------------------------------------------- requirements

_NOTE = re.compile(r"delete the other|use the section that matches", re.I)
_PRIORITY = re.compile(r"^\s*\(?\s*(must|should|may)\s*\)?", re.I)


def _requirement(ctx: Ctx, rid: str, line: int) -> Requirement:
    for r in ctx.spec.requirements:
        if r.id == rid:
            return r
    r = Requirement(pos=ctx.pos(line, rid), id=rid)
    ctx.spec.requirements.append(r)
    return r


def read_requirements(ctx: Ctx, sec: Sec) -> None:
    """Story mapping, engineering motivation + requirements, requirement-to-task mapping."""
    blocks: list[Block] = []
    if sec.kind == "reqmap":
        blocks = list(sec.blocks)
    else:
        blocks = [b for _, b in sec.walk()]
    motivation = ctx.spec.motivation
    pending: str = ""  # a motivation label whose text is the list that follows
    last_req: Requirement | None = None
    for b in _flatten_quotes(blocks):
        if isinstance(b, Para):
            for ln in b.lines:
                if _NOTE.search(ln.text):
                    ctx.warn(
                        ln.line,
                        "SPEC053",
                        'template instruction left in ("Delete the other"): keep the '
                        "requirement section that matches the spec type and delete the note.",
                    )
                    continue
                key = norm_header(ln.label) if ln.label else ""
                if key in ("problem", "why now", "out of scope", "constraints"):
                    if motivation is None:
                        motivation = Motivation(pos=ctx.line_pos(ln))
                        ctx.spec.motivation = motivation
                    field = {"problem": "problem", "why now": "why_now"}.get(key, "out_of_scope")
                    if key == "constraints":
                        continue
                    if re.fullmatch(r"\[[^\]]+\]", ln.value):
                        ctx.warn(
                            ln.line,
                            "SPEC053",
                            f"`{ln.label}` is the template placeholder {ln.value!r}; write it or "
                            "delete the engineering section.",
                        )
                        continue
                    setattr(motivation, field, ln.value)
                    pending = field if not ln.value else ""
                    continue
                lead_id = re.match(r"^(US|ER)-\d+$", ln.lead or "")
                if lead_id:
                    last_req = _requirement(ctx, ln.lead, ln.line)
                    rest = ln.text[len(ln.lead) :] if ln.text.startswith(ln.lead) else ln.value
                    rest = rest.lstrip(" :")
                    m = _PRIORITY.match(rest)
                    if m:
                        last_req.priority = m.group(1).lower()  # type: ignore[assignment]
                        rest = rest[m.end() :].lstrip(" :")
                    last_req.summary = rest.strip()
                    continue
                if key == "success criteria" and last_req is not None:
                    last_req.success_criteria = ln.value
                    continue
                if pending and motivation is not None:
                    setattr(
                        motivation, pending, (getattr(motivation, pending) + " " + ln.text).strip()
                    )
        elif isinstance(b, BList) and pending and motivation is not None:
            items = [it.first.text for it in b.items if it.first is not None]
            setattr(motivation, pending, "\n".join(f"- {t}" for t in items))
            pending = ""
        elif isinstance(b, Table):
            pending = ""
            _requirement_table(ctx, b)


def _flatten_quotes(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Quote):
            out.extend(_flatten_quotes(b.blocks))
        else:
            out.append(b)
    return out


def _requirement_table(ctx: Ctx, table: Table) -> None:
    success = table.column("success criteria", "success", "acceptance criteria")
    priority = table.column("priority")
    tasks_col = table.column("implementing tasks", "tasks", "task ids", "task")
    id_col = table.column("story id", "req id", "requirement id", "id")
    if id_col < 0:
        id_col = 0
    summary_col = table.column(
        "story summary", "summary", "requirement", "description", "story", "user story"
    )
    if summary_col == id_col:
        summary_col = next(
            (
                i
                for i, h in enumerate(table.header)
                if i not in (id_col, tasks_col, success, priority)
                and re.search(r"requirement|summary|story|description", h, re.I)
            ),
            -1,
        )
    if summary_col >= 0 or success >= 0 or priority >= 0:
        kind = "define"
    elif tasks_col >= 0:
        kind = "mapping"
    else:
        return
    for row in ctx.rows(table, "requirement"):
        rid_text = ctx.cell(row, id_col)
        m = REQ_ID.search(rid_text)
        if not m:
            ctx.warn(
                row.line,
                "SPEC064",
                f"requirement ID {rid_text!r} is not US-NNN or ER-NNN; the row was skipped.",
                needle=rid_text or "|",
            )
            continue
        rid = m.group(0)
        tasks = task_ids(ctx.cell(row, tasks_col)) if tasks_col >= 0 else []
        if kind == "mapping":
            existing = next((r for r in ctx.spec.requirements if r.id == rid), None)
            if existing is None:
                existing = _requirement(ctx, rid, row.line)
                ctx.warn(
                    row.line,
                    "SPEC063",
                    f"the mapping names {rid}, which no requirement table defines; add it to "
                    "the requirements table.",
                    needle=rid,
                )
            existing.tasks.extend(t for t in tasks if t not in existing.tasks)
            continue
        existing = next((r for r in ctx.spec.requirements if r.id == rid), None)
        if existing is None or existing.summary:
            req = Requirement(pos=ctx.pos(row.line, rid), id=rid)
            ctx.spec.requirements.append(req)
        else:
            req = existing
        req.summary = ctx.cell(row, summary_col)
        if success >= 0:
            req.success_criteria = ctx.cell(row, success)
        if priority >= 0:
            pv = ctx.cell(row, priority).strip().lower()
            if pv in ("must", "should", "may"):
                req.priority = pv  # type: ignore[assignment]
            elif pv:
                ctx.warn(
                    row.line,
                    "SPEC064",
                    f"priority {pv!r} of {rid} is not must, should or may.",
                    needle=ctx.cell(row, priority),
                )
        req.tasks.extend(t for t in tasks if t not in req.tasks)


# --------------------------------------------------------------------------- architecture


def read_decisions(ctx: Ctx, sec: Sec) -> None:
    for b in sec.blocks:
        if not isinstance(b, Table):
            continue
        dc = b.column("decision")
        if not ctx.need_column(b, dc, "Decision", "key decisions"):
            continue
        ac = b.column("alternatives considered", "alternatives", "alternative")
        rc = b.column("rationale", "reason", "why")
        for row in ctx.rows(b, "decision"):
            ctx.spec.decisions.append(
                Decision(
                    pos=ctx.row_pos(row),
                    decision=ctx.cell(row, dc),
                    alternatives=ctx.cell(row, ac),
                    rationale=ctx.cell(row, rc),
                )
            )


def dependency_kind(kind_text: str, name: str) -> str:
    k = kind_text.lower()
    if re.search(r"\bgo\b|golang|go module", k):
        return "go"
    if re.search(r"npm|node|shadcn|yarn|pnpm|\bjs\b|javascript|typescript", k):
        return "npm"
    if not k:
        if re.match(r"^(github\.com|golang\.org|gopkg\.in|go\.\w+)/", name):
            return "go"
        if name.startswith("@"):
            return "npm"
    return "other"


def read_dependencies(ctx: Ctx, sec: Sec) -> None:
    for b in sec.blocks:
        if not isinstance(b, Table):
            continue
        nc = b.column("dependency", "name", "package", "module", "library")
        if not ctx.need_column(b, nc, "Dependency", "dependencies"):
            continue
        tc = b.column("type", "kind", "ecosystem")
        vc = b.column("version constraint", "version", "constraint")
        notes = b.column("notes", "purpose", "description", "why")
        for row in ctx.rows(b, "dependency"):
            name = ctx.cell(row, nc)
            if not name:
                continue
            ctx.spec.dependencies.append(
                Dependency(
                    pos=ctx.row_pos(row),
                    name=name,
                    kind=dependency_kind(ctx.cell(row, tc), name),  # type: ignore[arg-type]
                    version=ctx.cell(row, vc),
                    notes=ctx.cell(row, notes),
                )
            )
