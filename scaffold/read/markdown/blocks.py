"""The markdown token stream as a small block tree, split into sections by heading.

markdown-it-py gives a flat token stream with 0-based line maps; this module turns
it into blocks (paragraph lines, tables, fences, lists, block quotes) that carry
1-based source lines, and groups them under the headings they follow. Section
readers work on these blocks, never on tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, Union

from markdown_it.token import Token

# --------------------------------------------------------------------------- inline lines

_CHECKBOX = re.compile(r"^\s*\[([ xX])\]\s+")
_CHECKBOX_ONLY = re.compile(r"^\s*\[[ xX]\]\s*$")
_PLAIN_LABEL = re.compile(r"^([A-Za-z][\w /()&'-]{0,48}?)\s*:\s*(.*)$", re.S)


@dataclass(slots=True)
class Line:
    """One source line of inline content (a paragraph line, a list item line, a cell)."""

    line: int
    text: str  # plain text: markup removed, code span contents kept
    raw: str  # the markdown source of the line
    codes: list[str] = field(default_factory=list)  # code span contents, in order
    label: str = ""  # `**Label:**`, `_Label:_` or `Label:` at the start, colon stripped
    emphasized: bool = False  # the label was bold/italic
    lead: str = ""  # the bold/italic text the line starts with (label or not)
    value: str = ""  # plain text after the label (the whole text when no label)
    value_codes: list[str] = field(default_factory=list)  # code spans after the label
    checkbox: bool | None = None  # `[ ]` → False, `[x]` → True
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)


def _segments(children: list[Token]) -> list[list[Token]]:
    segs: list[list[Token]] = [[]]
    for tok in children:
        if tok.type in ("softbreak", "hardbreak"):
            segs.append([])
        else:
            segs[-1].append(tok)
    return segs


def make_line(toks: list[Token], line: int, raw: str) -> Line:
    """Build a :class:`Line` from the inline tokens of one source line."""
    parts: list[str] = []
    codes: list[str] = []
    links: list[tuple[str, str]] = []
    # (index in parts where emphasis opened, depth) for the leading label
    lead_start = -1
    lead_end = -1
    lead_codes_at = 0
    depth = 0
    seen_content = False
    href = ""
    link_text_at = 0
    for tok in toks:
        t = tok.type
        if t == "text" or t == "text_special":
            if tok.content:
                if not seen_content and depth == 0 and lead_end < 0:
                    if not tok.content.strip():
                        continue
                    if _CHECKBOX_ONLY.match(tok.content):
                        parts.append(tok.content)
                        continue
                parts.append(tok.content)
                seen_content = True
        elif t == "code_inline":
            parts.append(tok.content)
            codes.append(tok.content)
            seen_content = True
        elif t in ("strong_open", "em_open", "s_open"):
            if not seen_content and depth == 0 and lead_start < 0:
                lead_start = len(parts)
            depth += 1
        elif t in ("strong_close", "em_close", "s_close"):
            depth -= 1
            if depth == 0 and lead_start >= 0 and lead_end < 0:
                lead_end = len(parts)
                lead_codes_at = len(codes)
        elif t == "link_open":
            href = str(tok.attrs.get("href", ""))
            link_text_at = len(parts)
        elif t == "link_close":
            links.append(("".join(parts[link_text_at:]), href))
        elif t == "image":
            parts.append(tok.content)
        elif t == "html_inline":
            parts.append(tok.content)
        elif tok.content:
            parts.append(tok.content)
    text = "".join(parts)
    out = Line(line=line, text=text.strip(), raw=raw, codes=codes, links=links)
    checkbox_len = 0
    m = _CHECKBOX.match(text)
    if m:
        out.checkbox = m.group(1) != " "
        checkbox_len = m.end()
    if lead_start >= 0 and lead_end > lead_start:
        before = "".join(parts[:lead_start])
        if before.strip() and not (checkbox_len and len(before) <= checkbox_len):
            lead_start = -1
    if lead_start >= 0 and lead_end > lead_start:
        lead = "".join(parts[lead_start:lead_end]).strip()
        rest = "".join(parts[lead_end:])
        out.lead = lead.rstrip(":").strip()
        if lead.endswith(":"):
            out.label, out.emphasized, out.value = lead[:-1].strip(), True, rest.strip()
            out.value_codes = codes[lead_codes_at:]
            return out
        if rest.lstrip().startswith(":"):
            out.label, out.emphasized = lead, True
            out.value = rest.lstrip()[1:].strip()
            out.value_codes = codes[lead_codes_at:]
            return out
    body = text[checkbox_len:] if checkbox_len else text
    m = _PLAIN_LABEL.match(body.strip())
    if m and not body.strip().startswith("`"):
        out.label, out.value = m.group(1).strip(), m.group(2).strip()
        label_codes = m.group(1).count("`")
        out.value_codes = codes[label_codes:]
        return out
    out.value = body.strip()
    out.value_codes = codes
    return out


def inline_lines(tok: Token, first_line: int) -> list[Line]:
    """The lines of an inline token (a paragraph), one :class:`Line` per source line."""
    segs = _segments(tok.children or [])
    raws = tok.content.split("\n")
    if len(raws) != len(segs):
        raws = [""] * len(segs)
    return [make_line(seg, first_line + i, raws[i]) for i, seg in enumerate(segs)]


def join_lines(lines: list[Line]) -> Line:
    """One :class:`Line` standing for several (table cells, multi-line items)."""
    if len(lines) == 1:
        return lines[0]
    first = lines[0]
    out = Line(
        line=first.line,
        text=" ".join(ln.text for ln in lines).strip(),
        raw="\n".join(ln.raw for ln in lines),
        codes=[c for ln in lines for c in ln.codes],
        label=first.label,
        emphasized=first.emphasized,
        lead=first.lead,
        value=" ".join([first.value] + [ln.text for ln in lines[1:]]).strip(),
        value_codes=first.value_codes + [c for ln in lines[1:] for c in ln.codes],
        checkbox=first.checkbox,
        links=[lk for ln in lines for lk in ln.links],
    )
    return out


# --------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class Heading:
    line: int
    level: int
    title: str  # plain text
    codes: list[str]
    raw: str


@dataclass(slots=True)
class Para:
    line: int
    lines: list[Line]

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


@dataclass(slots=True)
class Cell:
    text: str
    codes: list[str]
    line: Line


@dataclass(slots=True)
class Row:
    line: int
    cells: list[Cell]
    source_cells: int  # cells counted in the source line (to spot missing/extra cells)


@dataclass(slots=True)
class Table:
    line: int
    header: list[str]
    rows: list[Row]

    def column(self, *names: str) -> int:
        """Index of the first column whose header matches one of ``names``; -1 if none.

        Headers match case-insensitively, ignoring punctuation; an exact match wins
        over a header that merely contains the name.
        """
        norm = [norm_header(h) for h in self.header]
        wanted = [norm_header(n) for n in names]
        for w in wanted:
            if w in norm:
                return norm.index(w)
        for w in wanted:
            for i, h in enumerate(norm):
                if re.search(rf"(^| ){re.escape(w)}($| )", h):
                    return i
        return -1


@dataclass(slots=True)
class Fence:
    line: int  # line of the opening fence
    column: int  # column of the opening fence marker
    info: str
    content: str
    closed: bool

    @property
    def content_line(self) -> int:
        return self.line + 1


@dataclass(slots=True)
class Item:
    line: int
    blocks: list["Block"] = field(default_factory=list)

    @property
    def first(self) -> Line | None:
        if self.blocks and isinstance(self.blocks[0], Para) and self.blocks[0].lines:
            return self.blocks[0].lines[0]
        return None


@dataclass(slots=True)
class BList:
    line: int
    ordered: bool
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    line: int
    blocks: list["Block"] = field(default_factory=list)


@dataclass(slots=True)
class Other:
    line: int
    kind: str
    text: str


Block = Union[Heading, Para, Table, Fence, BList, Quote, Other]


def norm_header(text: str) -> str:
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


_PIPE = re.compile(r"(?<!\\)\|")


def _source_cells(src: str) -> int:
    s = src.strip()
    # Pipes inside code spans are cell separators in GFM unless escaped, so a plain count is right.
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return len(_PIPE.split(s)) if s.strip() else 0


def _no_inline(tok: Token) -> None:
    return None


def build_blocks(
    tokens: list[Token], source_lines: list[str], inline: Callable[[Token], None] = _no_inline
) -> list[Block]:
    """Turn markdown-it tokens into a tree of blocks.

    ``inline`` fills an inline token's children (the reader parses inline markup
    lazily, so that it can refuse pathological paragraphs).
    """
    inline_fn = inline
    root: list[Block] = []
    stack: list[list[Block]] = [root]
    containers: list[Union[BList, Item, Quote]] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        line = (tok.map[0] + 1) if tok.map else 0
        if t == "inline":
            inline(tok)
            i += 1
            continue
        if t == "heading_open":
            inline = tokens[i + 1] if i + 1 < n else None
            if inline is not None:
                inline_fn(inline)
            lines = inline_lines(inline, line) if inline is not None else []
            joined = join_lines(lines) if lines else Line(line, "", "")
            stack[-1].append(
                Heading(
                    line,
                    int(tok.tag[1:]),
                    joined.text,
                    joined.codes,
                    inline.content if inline else "",
                )
            )
            i += 3
            continue
        if t == "paragraph_open":
            inline = tokens[i + 1] if i + 1 < n else None
            if inline is not None and inline.type == "inline":
                inline_fn(inline)
                stack[-1].append(Para(line, inline_lines(inline, line)))
            i += 3
            continue
        if t == "fence":
            start, end = tok.map or (0, 0)
            opening = source_lines[start] if start < len(source_lines) else ""
            marker = tok.markup or "```"
            col = opening.find(marker[:3]) + 1 if marker[:3] in opening else 1
            last = source_lines[end - 1] if 0 < end <= len(source_lines) else ""
            last = last.strip().lstrip(">").strip()
            closed = (
                end - start >= 2
                and last.startswith(marker[0] * len(marker))
                and set(last) <= {marker[0]}
            )
            stack[-1].append(Fence(line, max(col, 1), tok.info.strip(), tok.content, closed))
            i += 1
            continue
        if t == "code_block":
            stack[-1].append(Other(line, "code", tok.content))
            i += 1
            continue
        if t in ("html_block", "hr"):
            stack[-1].append(Other(line, t, tok.content))
            i += 1
            continue
        if t == "table_open":
            i = _table(tokens, i, stack[-1], source_lines, inline_fn)
            continue
        if t in ("bullet_list_open", "ordered_list_open"):
            lst = BList(line, t == "ordered_list_open")
            stack[-1].append(lst)
            containers.append(lst)
            i += 1
            continue
        if t == "list_item_open":
            item = Item(line)
            if containers and isinstance(containers[-1], BList):
                containers[-1].items.append(item)
            containers.append(item)
            stack.append(item.blocks)
            i += 1
            continue
        if t == "blockquote_open":
            q = Quote(line)
            stack[-1].append(q)
            containers.append(q)
            stack.append(q.blocks)
            i += 1
            continue
        if t in ("bullet_list_close", "ordered_list_close"):
            if containers and isinstance(containers[-1], BList):
                containers.pop()
            i += 1
            continue
        if t in ("list_item_close", "blockquote_close"):
            if containers and not isinstance(containers[-1], BList):
                containers.pop()
                if len(stack) > 1:
                    stack.pop()
            i += 1
            continue
        i += 1
    return root


def _table(
    tokens: list[Token],
    i: int,
    out: list[Block],
    source_lines: list[str],
    inline: Callable[[Token], None],
) -> int:
    n = len(tokens)
    line = tokens[i].map[0] + 1 if tokens[i].map else 0
    header: list[str] = []
    rows: list[Row] = []
    current: Row | None = None
    in_head = False
    i += 1
    while i < n and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open" and not in_head:
            rl = tok.map[0] + 1 if tok.map else line
            src = source_lines[rl - 1] if 0 < rl <= len(source_lines) else ""
            current = Row(rl, [], _source_cells(src))
            rows.append(current)
        elif tok.type == "inline":
            inline(tok)
            rl = tok.map[0] + 1 if tok.map else line
            ln = join_lines(inline_lines(tok, rl)) if tok.children else Line(rl, "", "")
            if in_head:
                header.append(ln.text)
            elif current is not None:
                current.cells.append(Cell(ln.text, ln.codes, ln))
        i += 1
    out.append(Table(line, header, rows))
    return i + 1


# --------------------------------------------------------------------------- sections


@dataclass(eq=False)
class Sec:
    """A heading and what follows it up to the next heading of the same or a higher level."""

    heading: Heading | None
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list["Sec"] = field(default_factory=list)
    parent: "Sec | None" = None
    kind: str = ""
    end_line: int = 0  # last source line of the section, children included

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""

    @property
    def line(self) -> int:
        return self.heading.line if self.heading else 1

    def walk(self) -> Iterator[tuple["Sec", Block]]:
        """Every block of this section and its subsections in document order.

        A subsection's heading is yielded (as a :class:`Heading` block) before its blocks.
        """
        for b in self.blocks:
            yield self, b
        for c in self.children:
            if c.heading is not None:
                yield c, c.heading
            yield from c.walk()

    def walk_unclaimed(self) -> Iterator[tuple["Sec", Block]]:
        """Like :meth:`walk`, but skips subsections that have a kind of their own."""
        for b in self.blocks:
            yield self, b
        for c in self.children:
            if c.kind:
                continue
            if c.heading is not None:
                yield c, c.heading
            yield from c.walk_unclaimed()

    def descendants(self) -> Iterator["Sec"]:
        for c in self.children:
            yield c
            yield from c.descendants()


def build_sections(blocks: list[Block], total_lines: int) -> Sec:
    root = Sec(None, 0)
    stack = [root]
    ordered: list[Sec] = []
    for b in blocks:
        if isinstance(b, Heading):
            while len(stack) > 1 and stack[-1].level >= b.level:
                stack.pop()
            sec = Sec(b, b.level, parent=stack[-1])
            stack[-1].children.append(sec)
            stack.append(sec)
            ordered.append(sec)
        else:
            stack[-1].blocks.append(b)
    # end lines: up to the next heading of the same or a higher level
    for idx, sec in enumerate(ordered):
        end = total_lines
        for nxt in ordered[idx + 1 :]:
            if nxt.level <= sec.level:
                end = nxt.line - 1
                break
        sec.end_line = end
    root.end_line = total_lines
    return root


def iter_blocks(blocks: list[Block]) -> Iterator[Block]:
    """Every block, depth first, lists and quotes included."""
    for b in blocks:
        yield b
        if isinstance(b, BList):
            for it in b.items:
                yield from iter_blocks(it.blocks)
        elif isinstance(b, (Quote, Item)):
            yield from iter_blocks(b.blocks)
