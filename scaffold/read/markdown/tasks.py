"""Implementation tasks, in any of the forms specs write them.

- bullets: ``- **T-001:** Title`` with ``_Implements:_``, ``_Description:_``,
  ``_Files:_`` (nested ``Create:``/``Modify:`` bullets), ``_Done condition:_``,
  ``_Dependencies:_`` sub-bullets; ``- [ ] **T-001:**`` / ``- [x]`` claim done;
- the template's block quote form: ``> **T-003**: Title`` followed by the fields;
- a heading per task: ``#### T-004: Title``.

The phase is the ``### Phase N: …`` heading above the task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Task, TaskFile
from .blocks import Block, BList, Heading, Line, Para, Quote, Sec, norm_header
from .context import Ctx
from .overview import req_ids, task_ids

_TASK_ID = re.compile(r"^T-\d+$")
_TASK_LIKE = re.compile(r"^T-[\w]+$")
_HEAD_TASK = re.compile(r"^\s*(?:\[[ xX]\]\s*)?`?(T-\d+)`?\s*[:.)—–-]?\s*(.*)$")
_DASH = re.compile(r"\s+(?:—|–|-{1,2})\s+")
_CREATE = {"create", "add", "new", "created", "adds", "creates"}
_MODIFY = {"modify", "update", "edit", "change", "modified", "updates", "modifies", "extend"}
_FIELDS = {
    "implements": "implements",
    "implemented requirements": "implements",
    "requirements": "implements",
    "requirement": "implements",
    "description": "description",
    "files": "files",
    "files to create or modify": "files",
    "done condition": "done",
    "done": "done",
    "done when": "done",
    "verification": "done",
    "dependencies": "dependencies",
    "depends on": "dependencies",
    "deps": "dependencies",
    "dependency": "dependencies",
}
_CMD_WORDS = {
    "go",
    "npm",
    "npx",
    "pnpm",
    "yarn",
    "bun",
    "bunx",
    "goose",
    "make",
    "vitest",
    "playwright",
    "cypress",
    "jest",
    "psql",
    "curl",
    "node",
    "tsc",
    "docker",
    "bash",
    "sh",
    "golangci-lint",
    "staticcheck",
    "scaffold",
}


def is_command(code: str) -> bool:
    """Whether a code span is a shell command (`go test ./...`, `goose status`)."""
    words = code.strip().split()
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        words = words[1:]
    if not words:
        return False
    first = words[0]
    return first in _CMD_WORDS or (first.startswith("./") and len(first) > 2)


@dataclass
class _State:
    phase: str = ""
    task: Task | None = None
    field: str = ""


def read_tasks(ctx: Ctx, sec: Sec) -> None:
    st = _State()
    for _, b in sec.walk():
        if isinstance(b, Heading):
            m = _HEAD_TASK.match(b.title)
            if m:
                line = Line(line=b.line, text=b.title, raw=b.raw, lead=m.group(1))
                _start(ctx, st, line, m.group(1), m.group(2))
            else:
                st.task, st.field = None, ""
                st.phase = b.title.strip()
            continue
        _block(ctx, st, b)


def _block(ctx: Ctx, st: _State, b: Block) -> None:
    if isinstance(b, Para):
        for ln in b.lines:
            _line(ctx, st, ln)
    elif isinstance(b, Quote):
        for inner in b.blocks:
            _block(ctx, st, inner)
    elif isinstance(b, BList):
        for item in b.items:
            for inner in item.blocks:
                _block(ctx, st, inner)


def _task_start(ln: Line) -> tuple[str, str] | None:
    lead = ln.lead or ln.label
    if lead and _TASK_ID.match(lead):
        text = ln.value if ln.label == lead else ln.text
        if ln.label != lead:
            prefix = r"^\s*(?:\[[ xX]\]\s*)?" + re.escape(lead) + r"\s*[:.)—–-]?\s*"
            text = re.sub(prefix, "", text)
        return lead, text.strip()
    return None


def _start(ctx: Ctx, st: _State, ln: Line, tid: str, title: str) -> None:
    task = Task(
        pos=ctx.pos(ln.line, tid),
        id=tid,
        title=title.strip(),
        phase=st.phase,
        checked=ln.checkbox,
    )
    ctx.spec.tasks.append(task)
    st.task, st.field = task, ""


def _line(ctx: Ctx, st: _State, ln: Line) -> None:
    start = _task_start(ln)
    if start is not None:
        _start(ctx, st, ln, *start)
        return
    lead = ln.lead or ln.label
    if lead and _TASK_LIKE.match(lead) and not _TASK_ID.match(lead):
        ctx.warn(
            ln.line,
            "SPEC062",
            f"task ID {lead!r} is not T-NNN (T-001, T-002, …); the task was skipped.",
            needle=lead,
        )
        st.task, st.field = None, ""
        return
    task = st.task
    if task is None:
        return
    key = _FIELDS.get(norm_header(ln.label)) if ln.label else None
    if key is not None:
        st.field = key
        value = ln.value
        if key == "implements":
            task.implements.extend(r for r in req_ids(value) if r not in task.implements)
        elif key == "description":
            task.description = value
        elif key == "files":
            if value and ln.value_codes:
                _file_line(ctx, task, ln, value, ln.value_codes, inline=True)
        elif key == "done":
            task.done = value
            _commands(task, ln.value_codes)
        elif key == "dependencies":
            task.dependencies.extend(t for t in task_ids(value) if t not in task.dependencies)
        return
    if st.field == "files":
        _file_line(ctx, task, ln, ln.text, ln.codes)
    elif st.field == "description":
        task.description = (task.description + " " + ln.text).strip()
    elif st.field == "done":
        task.done = (task.done + " " + ln.text).strip()
        _commands(task, ln.codes)
    elif st.field == "implements":
        task.implements.extend(r for r in req_ids(ln.text) if r not in task.implements)
    elif st.field == "dependencies":
        task.dependencies.extend(t for t in task_ids(ln.text) if t not in task.dependencies)


def _commands(task: Task, codes: list[str]) -> None:
    for c in codes:
        c = c.strip()
        if is_command(c) and c not in task.done_commands:
            task.done_commands.append(c)


def _file_line(
    ctx: Ctx, task: Task, ln: Line, text: str, codes: list[str], inline: bool = False
) -> None:
    """`Create: `path`` / `Modify: `path` — note` (several paths may share one line)."""
    body = text.strip()
    action = ""
    m = re.match(r"^\s*([A-Za-z]+)\b\s*:?\s*(.*)$", body, re.S)
    if m and m.group(1).lower() in _CREATE | _MODIFY:
        action = "create" if m.group(1).lower() in _CREATE else "modify"
        body = m.group(2)
    dm = _DASH.search(body)
    head, note = (body[: dm.start()], body[dm.end() :].strip()) if dm else (body, "")
    paths = [c.strip() for c in codes if c.strip() and c in head]
    if not paths:
        first = head.strip().split()
        paths = [first[0].strip(",;")] if first else []
    if not paths:
        return
    if not action:
        if inline:
            action = "create"
        else:
            ctx.warn(
                ln.line,
                "SPEC062",
                f"file line {text.strip()!r} of {task.id} says neither Create nor Modify; "
                "write `Create: path` or `Modify: path — what changes`. Read as Create.",
            )
            action = "create"
    for p in paths:
        task.files.append(
            TaskFile(
                pos=ctx.pos(ln.line, p), action=action, path=p, note=note  # type: ignore[arg-type]
            )
        )
