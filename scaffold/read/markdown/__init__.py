"""Markdown reader: a tech spec written from the template → one :class:`~scaffold.model.Spec`.

The markdown is parsed with markdown-it-py (CommonMark + tables) and walked by
section. Sections are recognised by their heading text, with or without numbers
(``## 4. API Design`` or ``## API Design``), tables by their header text
(case-insensitive, with synonyms), code fences by their language tag or, lacking
one, by their content. Go, TypeScript and SQL inside fences are read by
:mod:`scaffold.read.gocode`, :mod:`scaffold.read.tscode` and :mod:`scaffold.sqlkit`.

The reader never raises on content: what it cannot make sense of becomes a
:class:`~scaffold.model.Problem` at its line (rule IDs in
:data:`scaffold.read.markdown.context.RULES`), and the rest is read.
"""

from __future__ import annotations

import re
from typing import Callable

from ...model import Pos, Section, Spec
from .blocks import BList, Block, Fence, Item, Para, Quote, Sec, build_blocks, build_sections
from .blocks import Table as MdTable
from .context import RULES, Ctx, sniff

__all__ = ["read_markdown", "RULES"]

_MD = None
MAX_NESTING = 40  # list/quote nesting deeper than this is not read (markdown-it's own limit is 100)
MAX_CHARS = 5 * 1024 * 1024  # read_spec_bytes refuses larger files; a direct caller gets a prefix
MAX_LINES = 100_000  # ~3x the 400-endpoint benchmark spec; beyond it only a prefix is read
# Inline markup is parsed per paragraph/cell; markdown-it's inline parser slows down on
# pathological input (thousands of `[` or `*`), which no spec has. Such text is read as plain text.
MAX_INLINE_CHARS = 20_000
MAX_INLINE_DELIMS = {"[": 500, "*": 2000, "_": 2000, "<": 1000, "`": 2000, "!": 1000}


def _parser():  # noqa: ANN202 - markdown_it type, imported lazily
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
        _MD = md.disable(["inline", "text_join"])  # inline markup: see _inline_parser
    return _MD


def _inline_parser(ctx: Ctx, md, env: dict):  # noqa: ANN001, ANN202
    from markdown_it.token import Token

    def parse(tok: Token) -> None:
        content = tok.content
        too_much = len(content) > MAX_INLINE_CHARS or any(
            content.count(ch) > limit for ch, limit in MAX_INLINE_DELIMS.items()
        )
        if too_much:
            line = tok.map[0] + 1 if tok.map else 1
            ctx.warn(
                line,
                "SPEC069",
                f"this paragraph ({len(content)} characters) has more markup than a spec "
                "paragraph can; it was read as plain text. Split it or remove the stray "
                "markup characters.",
            )
            tok.children = [Token("text", "", 0, content=content)]
            return
        tok.children = []
        md.inline.parse(content, md, env, tok.children)

    return parse


def read_markdown(text: str, path: str) -> Spec:
    """Read a markdown tech spec. Never raises for bad content; see ``spec.problems``."""
    spec = Spec(sources=[path], pos=Pos(file=path, line=1, column=1))
    # markdown-it normalises line ends itself; doing it first keeps our line numbers in step
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    truncated = ""
    if len(text) > MAX_CHARS:
        text = text[: text.rfind("\n", 0, MAX_CHARS) + 1 or MAX_CHARS]
        truncated = f"over {MAX_CHARS // (1024 * 1024)} MiB"
    if text.count("\n") > MAX_LINES:
        cut = 0
        for _ in range(MAX_LINES):
            cut = text.index("\n", cut) + 1
        text = text[:cut]
        truncated = f"over {MAX_LINES} lines"
    ctx = Ctx(text, path, spec)
    if truncated:
        ctx.problem(
            max(len(ctx.lines) - 1, 1),
            "SPEC069",
            f"the spec is {truncated}; only the text up to this line was read. Split it into "
            "several spec files of one feature.",
        )
    md = _parser()
    env: dict = {}
    try:
        tokens = md.parse(text, env)
        blocks = build_blocks(tokens, ctx.lines, _inline_parser(ctx, md, env))
    except Exception as exc:  # markdown-it is total, but a reader must never crash
        ctx.problem(1, "SPEC069", f"the markdown could not be parsed ({exc}); nothing was read.")
        return spec
    root = build_sections(blocks, len(ctx.lines))
    _classify(root)
    _record_sections(ctx, root)
    _read_fences(ctx, root)
    _dispatch(ctx, root)
    from .datamodel import apply_migration_order
    from .modules import describe_components
    from .overview import read_metadata

    _guarded(ctx, root, "metadata", lambda: read_metadata(ctx, root))
    _guarded(ctx, root, "component descriptions", lambda: describe_components(ctx, root))
    _guarded(ctx, root, "migration order", lambda: apply_migration_order(ctx))
    last = max(len(ctx.lines), 1)
    for i, p in enumerate(spec.problems):
        if p.pos.line > last:  # e.g. "no Down section" after a fence cut off by the end of file
            spec.problems[i] = p.model_copy(update={"pos": p.pos.model_copy(update={"line": last})})
    spec.problems.sort(key=lambda p: (p.pos.line, p.pos.column))
    return spec


# --------------------------------------------------------------------------- classification

_NUMBER = re.compile(r"^\s*(?:§\s*)?(\d+(?:\.\d+)*)[.):]?\s+(?=\S)")
ENDPOINT_HEADING = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?(/[^\s`]*)")


def split_number(title: str) -> tuple[str, str]:
    m = _NUMBER.match(title)
    if m:
        return m.group(1), title[m.end() :].strip()
    return "", title.strip()


def norm_title(title: str) -> str:
    t = split_number(title)[1].lower().replace("&", " and ")
    t = re.sub(r"[^a-z0-9/+]+", " ", t)
    return " ".join(t.split())


def _has(n: str, *words: str) -> bool:
    """Every word (or phrase) of ``words`` starts a word of the normalised title ``n``."""
    padded = " " + n
    return all((" " + w) in padded for w in words)


# Kinds whose reader walks the whole subtree; their subsections are not classified.
CONSUMING = {
    "endpoint",
    "migration",
    "event",
    "tasks",
    "test_table",
    "manual_checks",
    "stories",
    "motivation",
    "system_context",
    "new_patterns",
    "backward_compatibility",
    "rollback",
    "summary",
    "assumptions",
}


_RULES: list[tuple[str, Callable[[str, str], bool]]] = [
    ("overview", lambda s, parent: s == "overview"),
    ("summary", lambda s, parent: s in ("summary", "tl dr", "tldr")),
    ("stories", lambda s, parent: _has(s, "story") or _has(s, "stories")),
    (
        "motivation",
        lambda s, parent: _has(s, "motivation")
        or _has(s, "engineering", "requirements")
        or _has(s, "engineering initiated"),
    ),
    ("reqmap", lambda s, parent: _has(s, "requirement")),
    ("arch", lambda s, parent: _has(s, "architecture")),
    ("system_context", lambda s, parent: _has(s, "system context") or s == "context"),
    ("decisions", lambda s, parent: _has(s, "decisions") or _has(s, "decision")),
    ("new_patterns", lambda s, parent: _has(s, "patterns") or _has(s, "deviations")),
    ("dependencies", lambda s, parent: _has(s, "dependencies") and parent != "tasks"),
    ("new_tables", lambda s, parent: _has(s, "new tables") or s == "tables"),
    ("modified_tables", lambda s, parent: _has(s, "modified tables") or _has(s, "table changes")),
    ("migrations", lambda s, parent: _has(s, "migrations") or _has(s, "migration")),
    ("data_model", lambda s, parent: _has(s, "data model") or _has(s, "schema")),
    ("events", lambda s, parent: _has(s, "websocket") or _has(s, "real time") or _has(s, "events")),
    ("endpoints_consumed", lambda s, parent: "consum" in s and "endpoint" in s),
    ("api", lambda s, parent: _has(s, "api design") or s in ("api", "endpoints", "api endpoints")),
    ("be_new", lambda s, parent: _has(s, "backend") and _has(s, "new")),
    ("be_mod", lambda s, parent: _has(s, "backend") and _has(s, "modified")),
    ("interfaces", lambda s, parent: _has(s, "interfaces")),
    ("fe_new", lambda s, parent: _has(s, "frontend") and _has(s, "new")),
    ("fe_mod", lambda s, parent: _has(s, "frontend") and _has(s, "modified")),
    ("shadcn", lambda s, parent: _has(s, "shadcn")),
    ("ts_types", lambda s, parent: _has(s, "typescript types") or _has(s, "types")),
    ("hooks", lambda s, parent: _has(s, "hooks") or _has(s, "api client")),
    ("errors", lambda s, parent: _has(s, "error taxonomy") or s in ("errors", "error handling")),
    ("new_files", lambda s, parent: _has(s, "new files")),
    ("modified_files", lambda s, parent: _has(s, "modified files")),
    ("modules", lambda s, parent: _has(s, "component") or _has(s, "module")),
    ("tasks", lambda s, parent: _has(s, "tasks") or _has(s, "task breakdown")),
    ("manual_checks", lambda s, parent: _has(s, "manual")),
    ("testing", lambda s, parent: _has(s, "testing") or _has(s, "test strategy")),
    ("flags", lambda s, parent: _has(s, "feature flag")),
    ("monitoring", lambda s, parent: _has(s, "monitoring") or _has(s, "alerts")),
    ("backward_compatibility", lambda s, parent: _has(s, "backward")),
    ("rollback", lambda s, parent: _has(s, "rollback")),
    ("rollout", lambda s, parent: _has(s, "rollout") or _has(s, "operations")),
    ("risks_questions", lambda s, parent: _has(s, "questions") and _has(s, "risks")),
    ("risks", lambda s, parent: _has(s, "risks") or _has(s, "risk")),
    ("questions", lambda s, parent: _has(s, "questions")),
    ("assumptions", lambda s, parent: _has(s, "assumptions")),
]


def classify(title: str, parent: str) -> str:
    """The kind of section a heading opens, from its text and its parent's kind."""
    n = norm_title(title)
    if ENDPOINT_HEADING.search(title):
        return "endpoint"
    if split_number(title)[1].strip().strip("`").endswith(".sql"):
        return "migration"
    if parent == "new_tables":
        return "table"
    if parent == "migrations":
        return "migration"
    if parent == "events":
        return "event"
    if parent == "testing":
        return "manual_checks" if _has(n, "manual") else "test_table"
    if re.match(r"^\[method\]", split_number(title)[1].lower()):
        return "endpoint"
    for kind, pred in _RULES:
        if pred(n, parent):
            return kind
    if parent == "tasks" or _has(n, "phase"):
        return "phase"
    return ""


def _classify(root: Sec) -> None:
    first_h1 = True

    def visit(sec: Sec, parent_kind: str) -> None:
        nonlocal first_h1
        for child in sec.children:
            if parent_kind in CONSUMING or parent_kind == "consumed":
                child.kind = ""
                visit(child, "consumed")
                continue
            if child.level == 1 and first_h1:
                child.kind = "title"
                first_h1 = False
            else:
                child.kind = classify(child.title, parent_kind) or _by_content(child)
            visit(child, child.kind)

    visit(root, "")


def _by_content(sec: Sec) -> str:
    """What a heading's title does not tell: a column table makes a table, `x.sql` a migration."""
    codes = sec.heading.codes if sec.heading else []
    if any(c.strip().endswith(".sql") for c in codes) or sec.title.strip().endswith(".sql"):
        return "migration"
    from .datamodel import is_column_table

    for b in sec.blocks:
        if isinstance(b, MdTable) and is_column_table(b):
            return "table"
    return ""


def _record_sections(ctx: Ctx, root: Sec) -> None:
    for sec in root.descendants():
        if sec.heading is None:
            continue
        number, title = split_number(sec.title)
        ctx.spec.sections.append(
            Section(pos=ctx.pos(sec.line, "#"), title=title, level=sec.level, number=number)
        )


# --------------------------------------------------------------------------- fences


def _walk_lists(blocks: list[Block], prev: Block | None, out: list[tuple[Fence, str]]) -> None:
    last: Block | None = prev
    for b in blocks:
        if isinstance(b, Fence):
            out.append((b, _file_hint(last)))
        elif isinstance(b, BList):
            for it in b.items:
                _walk_lists(it.blocks, None, out)
        elif isinstance(b, (Quote, Item)):
            _walk_lists(b.blocks, None, out)
        last = b


def _file_hint(block: Block | None) -> str:
    if isinstance(block, Para) and block.lines:
        for code in reversed(block.lines[-1].codes):
            if re.search(r"\.(ts|tsx)$", code):
                return code
    return ""


def all_fences(root: Sec) -> list[tuple[Fence, str]]:
    """Every fence of the document in order, with a file hint from the paragraph before it."""
    out: list[tuple[Fence, str]] = []
    _walk_lists(root.blocks, None, out)
    for sec in root.descendants():
        _walk_lists(sec.blocks, None, out)
    return out


def _read_fences(ctx: Ctx, root: Sec) -> None:
    for fence, hint in all_fences(root):
        ctx.check_fence(fence)
        lang = sniff(fence)
        if lang == "go":
            ctx.go(fence)
        elif lang in ("ts", "tsx"):
            ctx.ts(fence, hint)


# --------------------------------------------------------------------------- dispatch


def _guarded(ctx: Ctx, sec: Sec, what: str, fn: Callable[[], None]) -> None:
    """Run one reading step; a bug in it becomes a problem, not a crash."""
    try:
        fn()
    except Exception as exc:  # a reader bug must not lose the rest of the spec
        ctx.problem(
            sec.line,
            "SPEC069",
            f"{what} could not be read ({type(exc).__name__}: {exc}); the rest of the spec "
            "was read. Please report this.",
        )


def _dispatch(ctx: Ctx, root: Sec) -> None:
    from . import api, datamodel, modules, ops, overview, tasks, taxonomy

    handlers: dict[str, Callable[[Ctx, Sec], None]] = {
        "summary": overview.read_summary,
        "reqmap": overview.read_requirements,
        "stories": overview.read_requirements,
        "motivation": overview.read_requirements,
        "system_context": overview.read_system_context,
        "decisions": overview.read_decisions,
        "new_patterns": overview.read_new_patterns,
        "dependencies": overview.read_dependencies,
        "new_tables": datamodel.read_new_tables,
        "table": datamodel.read_table,
        "modified_tables": datamodel.read_modified_tables,
        "migrations": datamodel.read_migrations,
        "migration": datamodel.read_migration,
        "api": api.read_conventions,
        "endpoint": api.read_endpoint,
        "event": api.read_event,
        "events": api.read_events,
        "be_new": modules.read_files,
        "be_mod": modules.read_files,
        "fe_new": modules.read_files,
        "fe_mod": modules.read_files,
        "new_files": modules.read_files,
        "modified_files": modules.read_files,
        "shadcn": modules.read_shadcn,
        "hooks": modules.read_hooks,
        "endpoints_consumed": modules.read_consumed,
        "errors": taxonomy.read_errors,
        "tasks": tasks.read_tasks,
        "test_table": ops.read_test_table,
        "manual_checks": ops.read_manual_checks,
        "flags": ops.read_flags,
        "monitoring": ops.read_monitoring,
        "backward_compatibility": ops.read_backward_compatibility,
        "rollback": ops.read_rollback,
        "risks": ops.read_risks,
        "questions": ops.read_questions,
        "assumptions": ops.read_assumptions,
    }
    for sec in root.descendants():
        handler = handlers.get(sec.kind)
        if handler is not None:
            _guarded(ctx, sec, f"section {sec.title!r}", lambda: handler(ctx, sec))
