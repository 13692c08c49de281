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
from dataclasses import field as dc_field

from ...model import Shorthand, Task, TaskFile
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


# Commands that destroy data when run: migrations rolled back, tables dropped, databases
# reset. A done condition may name one; `scaffold status --run` asks before running it.
_DESTRUCTIVE = re.compile(
    r"\bgoose\b[^;&|]*?\s(?:down|down-to|reset|redo)\b"
    r"|\b(?:DROP|TRUNCATE)\s+(?:TABLE|DATABASE|SCHEMA|INDEX|TYPE|VIEW)\b"
    r"|\bDELETE\s+FROM\b"
    r"|\bdropdb\b|\brm\s+-\w*[rf]"
    r"|\b(?:db|migrate|migration|migrations|prisma\s+migrate)[:\s]+reset\b",
    re.I,
)


def destroys_data(command: str) -> bool:
    """Whether running ``command`` would destroy data (`goose down`, `DROP TABLE`, a reset)."""
    return bool(_DESTRUCTIVE.search(command))


@dataclass
class _State:
    phase: str = ""
    task: Task | None = None
    field: str = ""
    # Shorthands the spec defines for its commands: name -> body (`goosec() { goose …; }`).
    shorthands: dict[str, str] = dc_field(default_factory=dict)


_FUNC_DEF = re.compile(r"^\s*(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{\s*(.*?);?\s*\}\s*;?\s*$")
_ALIAS_DEF = re.compile(r"""^\s*alias\s+([A-Za-z_][\w-]*)=(['"])(.*)\2\s*;?\s*$""")
_SHELL_OPS = re.compile(r"(\s*(?:&&|\|\||;|\|)\s*)")


def shorthand(code: str) -> tuple[str, str] | None:
    """A shell function or alias a spec defines once for its commands: (name, body)."""
    m = _FUNC_DEF.match(code)
    if m and is_command(m.group(2)):
        return m.group(1), m.group(2).strip()
    m = _ALIAS_DEF.match(code)
    if m and is_command(m.group(3)):
        return m.group(1), m.group(3).strip() + ' "$@"'
    return None


def contract_shorthands(command: str, shorthands: dict[str, str]) -> str:
    """The inverse of :func:`expand_shorthands`: ``command`` as the spec wrote it, with
    each expanded shorthand written by its name again (for writers)."""
    out = []
    for piece in _SHELL_OPS.split(command):
        for name, body in shorthands.items():
            head = body.replace('"$@"', "").replace("$@", "").rstrip()
            if piece == head or piece.startswith(head + " "):
                piece = (name + piece[len(head) :]).rstrip()
                break
        out.append(piece)
    return "".join(out)


def expand_shorthands(command: str, shorthands: dict[str, str]) -> str:
    """``command`` with each shorthand at a command position replaced by what it stands for."""
    if not shorthands:
        return command
    out = []
    for piece in _SHELL_OPS.split(command):
        words = piece.split(None, 1)
        if words and words[0] in shorthands and not _SHELL_OPS.fullmatch(piece):
            body, args = shorthands[words[0]], words[1] if len(words) > 1 else ""
            if "$@" in body:
                piece = body.replace('"$@"', args).replace("$@", args).rstrip()
            else:
                piece = f"{body} {args}".rstrip()
        out.append(piece)
    return "".join(out)


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
    for code in ln.codes:
        defined = shorthand(code)
        if defined is not None and defined[0] not in st.shorthands:
            st.shorthands[defined[0]] = defined[1]
            ctx.spec.shorthands.append(
                Shorthand(
                    pos=ctx.pos(ln.line, code),
                    code=code,
                    name=defined[0],
                    body=defined[1],
                )
            )
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
            _commands(task, ln.value_codes, st.shorthands)
        elif key == "dependencies":
            task.dependencies.extend(t for t in task_ids(value) if t not in task.dependencies)
        return
    if st.field == "files":
        _file_line(ctx, task, ln, ln.text, ln.codes)
    elif st.field == "description":
        task.description = (task.description + " " + ln.text).strip()
    elif st.field == "done":
        task.done = (task.done + " " + ln.text).strip()
        _commands(task, ln.codes, st.shorthands)
    elif st.field == "implements":
        task.implements.extend(r for r in req_ids(ln.text) if r not in task.implements)
    elif st.field == "dependencies":
        task.dependencies.extend(t for t in task_ids(ln.text) if t not in task.dependencies)


def _commands(task: Task, codes: list[str], shorthands: dict[str, str]) -> None:
    for c in codes:
        c = expand_shorthands(c.strip(), shorthands)
        if is_command(c) and c not in task.done_commands:
            task.done_commands.append(c)


def _annotation(code: str, head: str) -> bool:
    """A code span that qualifies a path rather than naming one: a Go directive
    (`//go:build integration`), or a bare word in parentheses ("(build tag `integration`)")."""
    code = code.strip()
    if code.startswith("//"):
        return True
    if "/" in code or "." in code:
        return False
    word = re.compile(r"(?<![\w/.-])`?" + re.escape(code) + r"`?(?![\w/.-])")
    return any(word.search(m.group(0)) for m in re.finditer(r"\([^()]*\)", head))


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
    paths = [c.strip() for c in codes if c.strip() and c in head and not _annotation(c, head)]
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
