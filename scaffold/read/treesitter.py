"""Shared tree-sitter plumbing for the Go and TypeScript code readers.

Parsers are built lazily, once per thread and grammar: importing this module
imports no grammar. :class:`Source` maps tree-sitter points (0-based row,
byte column inside a snippet) to real 1-based ``file:line:column`` positions
(character columns) of the file the snippet was taken from.

A snippet starts at ``line``:``column`` of its file, and ``column`` is taken to
be its block's indentation: every line of the snippet is shifted right by
``column - 1``, as the lines of a fence inside a list item or of a YAML block
scalar (``|``) were de-indented by that much when they were read.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from ..model import Pos, Problem

if TYPE_CHECKING:  # pragma: no cover
    from tree_sitter import Node, Parser, Tree

Grammar = Literal["go", "typescript", "tsx"]

_local = threading.local()


def get_parser(grammar: Grammar) -> Parser:
    """A cached parser for ``grammar`` (one per thread: parsers are not thread-safe)."""
    cache: dict[str, Parser] | None = getattr(_local, "parsers", None)
    if cache is None:
        cache = _local.parsers = {}
    parser = cache.get(grammar)
    if parser is None:
        parser = cache[grammar] = _build_parser(grammar)
    return parser


def _build_parser(grammar: Grammar) -> Parser:
    from tree_sitter import Language, Parser

    if grammar == "go":
        import tree_sitter_go

        lang = Language(tree_sitter_go.language())
    elif grammar == "typescript":
        import tree_sitter_typescript

        lang = Language(tree_sitter_typescript.language_typescript())
    elif grammar == "tsx":
        import tree_sitter_typescript

        lang = Language(tree_sitter_typescript.language_tsx())
    else:  # pragma: no cover - guarded by the Literal type
        raise ValueError(f"unknown grammar {grammar!r}")
    return Parser(lang)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a tree is turned into model objects.

    Extraction allocates many small objects and no reference cycles; without the
    pause, collections triggered by those allocations cost about a quarter of the
    extraction time. Refcounting still frees everything; the previous state is
    restored.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def collapse(text: str) -> str:
    """Whitespace runs → one space, ends stripped (type text as written, on one line)."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return " ".join(text.split())  # str.split splits on the whitespace \s matches
    return text.strip()


class Source:
    """A parsed snippet: its bytes, and where it starts in its file."""

    __slots__ = ("data", "file", "line", "column", "ascii")

    def __init__(self, source: str | bytes, file: str, line: int = 1, column: int = 1) -> None:
        data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        # A snippet cut from a fence may lack its final newline; Go needs one to end a
        # declaration. Appending at the end shifts no position.
        if not data.endswith(b"\n"):
            data += b"\n"
        self.data = data
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.ascii = data.isascii()

    def parse(self, grammar: Grammar) -> Tree:
        return get_parser(grammar).parse(self.data)

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def pos(self, node: Node) -> Pos:
        """The real position of ``node``'s start."""
        row, col = node.start_point
        if col and not self.ascii:
            start = node.start_byte
            col = len(self.data[start - col : start].decode("utf-8", "replace"))
        return Pos(file=self.file, line=self.line + row, column=self.column + col)

    def line_text(self, node: Node) -> str:
        """The snippet line ``node`` starts on, stripped."""
        start = node.start_byte - node.start_point[1]
        end = self.data.find(b"\n", start)
        return (
            self.data[start : end if end >= 0 else len(self.data)]
            .decode("utf-8", "replace")
            .strip()
        )


def first_error(root: Node) -> Node | None:
    """The first ERROR or MISSING node in document order, or None when the tree is clean."""
    if not root.has_error:
        return None
    node = root
    while True:
        if node.is_error or node.is_missing:
            return node
        for child in node.children:
            if child.has_error or child.is_missing:
                node = child
                break
        else:
            return node if node is not root else None


def _describe(node: Node) -> str:
    """A missing grammar symbol as a reader says it: `)`, a type, a name."""
    kind = node.type
    if not kind or kind.startswith(("_", "source_file", "program")):
        return "the end of a declaration"
    if not node.is_named:
        return f"`{kind}`"  # punctuation or a keyword
    if "identifier" in kind:
        return "a type" if "type" in kind else "a name"
    return "a " + kind.replace("_", " ")


def syntax_problem(src: Source, root: Node, language: str, rule: str) -> Problem | None:
    """A ``Problem`` at the first syntax error of ``root``, or None when it parses."""
    node = first_error(root)
    if node is None:
        return None
    near = src.line_text(node)
    if len(near) > 60:
        near = near[:57] + "..."
    if node.is_missing:
        what = f"missing {_describe(node)}"
    else:
        text = collapse(src.text(node))
        first = node.children[0] if node.children else None
        token = collapse(src.text(first)) if first is not None else text
        if not token:
            what = "unexpected end of input"
        else:
            if len(token) > 30:
                token = token[:27] + "..."
            what = f"unexpected `{token}`"
    message = f"{language} code does not parse: {what} near `{near}`; fix the syntax"
    return Problem(rule=rule, severity="error", message=message, pos=src.pos(node))
