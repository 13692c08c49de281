"""State shared by the section readers: positions, problems, code fences."""

from __future__ import annotations

import json
import re
from typing import Any

from ...model import Pos, Problem, Severity, Spec, TsType
from .blocks import Fence, Line, Row, Table

# Problem rule IDs of the markdown reader (documented in README of the package).
RULES: dict[str, str] = {
    "SPEC050": "a code fence is never closed",
    "SPEC051": "a table row has more or fewer cells than its header",
    "SPEC052": "a table lacks a column its section needs",
    "SPEC053": "a template placeholder row (`[…]`) or template instruction was left in",
    "SPEC054": "a value that must be an HTTP status is not a number",
    "SPEC055": "a code fence where code is expected has no language tag and is not Go/TS/SQL",
    "SPEC056": "an endpoint's `**Handler:**` reference cannot be read",
    "SPEC057": "an endpoint's request/response code block declares no struct/type",
    "SPEC058": "a migration has no SQL block, or a file name goose does not accept",
    "SPEC059": "the migration order table names a migration the spec does not define",
    "SPEC060": "a migration's backward-compatible cell is neither yes nor no",
    "SPEC061": "a column constraint, index or relationship line cannot be read",
    "SPEC062": "a task line cannot be read (no ID, or a file without Create/Modify)",
    "SPEC063": "the requirement mapping names a requirement no requirement table defines",
    "SPEC064": "a requirement row's ID or priority is not one the template allows",
    "SPEC069": "the markdown (or one section of it) could not be read in full",
}

_PLACEHOLDER = re.compile(r"^\[[^\]]{2,}\]$")
# "No value" as authors write it in a cell: `—`, `-`, `none`, `n/a`, "none (route component)".
NONE_WORDS = frozenset({"", "-", "—", "–", "none", "n/a", "na", "no", "nothing", "null"})
_NONE_LEAD = re.compile(r"^(?:none|n/a|na|no|nothing|null|—|–|-)(?:\s*[(\[:;,.—–-]|\s+[—–-]\s|$)")
_KEEP_BRACKETS = {"[ASSUMPTION]", "[x]", "[X]", "[ ]"}

GO_WORDS = re.compile(
    r"^\s*(package\s+\w+|type\s+\w+(\[[^\]]*\])?\s+(struct|interface)\b|func\s)", re.M
)
GO_TYPE = re.compile(r"^\s*type\s+\w+\s+[\w.*\[\]]+\s*$", re.M)
TS_WORDS = re.compile(
    r"^\s*(export\s+)?(interface\s+\w+(\s+extends\s+[\w, <>]+)?\s*\{|type\s+\w+(<[^>]*>)?\s*=|"
    r"(const|let|function|import)\s)",
    re.M,
)
SQL_WORDS = re.compile(
    r"^\s*(--\s*\+goose|create\s+(unique\s+)?(table|index|type|extension)|alter\s+table|"
    r"drop\s+(table|index)|insert\s+into|update\s+\w+\s+set|select\s)",
    re.I | re.M,
)
_LANGS = {
    "go": "go",
    "golang": "go",
    "ts": "ts",
    "typescript": "ts",
    "tsx": "tsx",
    "javascript": "ts",
    "js": "ts",
    "jsx": "tsx",
    "sql": "sql",
    "postgres": "sql",
    "postgresql": "sql",
    "pgsql": "sql",
    "psql": "sql",
    "plpgsql": "sql",
    "bash": "shell",
    "sh": "shell",
    "shell": "shell",
    "console": "shell",
    "zsh": "shell",
    "json": "json",
    "jsonc": "json",
}


def sniff(fence: Fence) -> str:
    """The language of a fence: its info string, else told by its content ('' if unknown)."""
    tag = fence.info.split()[0].lower() if fence.info.split() else ""
    tag = tag.strip("{}.")
    if tag:
        return _LANGS.get(tag, tag)
    body = fence.content
    if SQL_WORDS.search(body):
        return "sql"
    if GO_WORDS.search(body):
        return "go"
    if TS_WORDS.search(body):
        return "ts"
    if GO_TYPE.search(body):
        return "go"
    stripped = body.strip()
    if stripped.startswith(("{", "[")):
        try:
            json.loads(stripped)
            return "json"
        except ValueError:
            pass
    if re.match(r"^\s*(\$\s*)?(npx|npm|pnpm|yarn|bunx|go|goose|make)\s", body):
        return "shell"
    return ""


def says_none(text: str) -> bool:
    """A cell that says "no value": `—`, `-`, `none`, `n/a`, "none (reads the route params)"."""
    t = text.strip().strip("`*_").strip().lower()
    return t in NONE_WORDS or bool(_NONE_LEAD.match(t) or re.match(r"^no(?:\s+\w+){1,3}$", t))


def _semantic(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _semantic(v) for k, v in value.items() if k != "pos"}
    if isinstance(value, list):
        return [_semantic(v) for v in value]
    return value


def semantic_key(node: Any, exclude: frozenset[str] = frozenset()) -> str:
    dumped = _semantic(node.model_dump(exclude=set(exclude) or None))
    return json.dumps(dumped, sort_keys=True)


class Ctx:
    """The reading of one markdown file."""

    def __init__(self, text: str, path: str, spec: Spec) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.spec = spec
        self._go: dict[int, Any] = {}
        self._ts: dict[int, Any] = {}
        self._seen: set[tuple[str, str]] = set()
        self._ts_index: dict[str, int] = {}
        self.order_tables: list[Table] = []  # migration order tables, applied at the end
        self.constraint_facts: dict[tuple[str, str], Any] = {}  # (constraints, type) → facts
        # Hook files of the files tables, (pos, path, description): hooks listed only there.
        self.file_hooks: list[tuple[Pos, str, str]] = []
        # Constraints a column table describes in words, kept until the migrations are read
        # (a migration holding the SQL answers them), and migration order lines of a list.
        self.described_constraints: list[Any] = []
        self.order_lines: list[Any] = []

    # ----------------------------------------------------------------- positions

    def pos(self, line: int, needle: str = "") -> Pos:
        """Position of ``line``; the column is where ``needle`` starts on it, else its text."""
        col = 1
        if 0 < line <= len(self.lines):
            src = self.lines[line - 1]
            at = src.find(needle) if needle else -1
            if at < 0:
                stripped = src.lstrip(" \t>")
                at = len(src) - len(stripped)
                if stripped[:2] in ("- ", "* ", "+ "):
                    at += 2
            col = at + 1
        return Pos(file=self.path, line=max(line, 0), column=col)

    def line_pos(self, ln: Line) -> Pos:
        return self.pos(ln.line, ln.raw.strip()[:40] if ln.raw.strip() else "")

    def row_pos(self, row: Row) -> Pos:
        return self.pos(row.line, "|")

    # ----------------------------------------------------------------- problems

    def problem(
        self, line: int, rule: str, message: str, severity: Severity = "error", needle: str = ""
    ) -> None:
        self.spec.problems.append(
            Problem(pos=self.pos(line, needle), rule=rule, severity=severity, message=message)
        )

    def warn(self, line: int, rule: str, message: str, needle: str = "") -> None:
        self.problem(line, rule, message, "warning", needle)

    # ----------------------------------------------------------------- prose

    def prose(self, start_line: int, end_line: int) -> str:
        """Source text of lines ``start_line..end_line`` (1-based, inclusive), trimmed."""
        body = self.lines[max(start_line - 1, 0) : max(end_line, 0)]
        while body and body[-1].strip() in ("", "---", "***", "___"):
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        return "\n".join(body).strip()

    # ----------------------------------------------------------------- tables

    def check_row(self, table: Table, row: Row) -> None:
        if row.source_cells and row.source_cells != len(table.header):
            more = row.source_cells > len(table.header)
            self.warn(
                row.line,
                "SPEC051",
                f"table row has {row.source_cells} cells but the header has {len(table.header)}; "
                + (
                    "the extra cells are ignored. Escape `|` inside a cell as `\\|`."
                    if more
                    else "the missing cells are read as empty. Add the missing cells."
                ),
                needle="|",
            )

    def rows(self, table: Table, what: str) -> list[Row]:
        """The body rows of a table, checked for cell counts, placeholder rows skipped."""
        out: list[Row] = []
        for row in table.rows:
            self.check_row(table, row)
            filled = [c.text for c in row.cells if c.text.strip()]
            if not filled:
                continue
            holders = [t for t in filled if _PLACEHOLDER.match(t) and t not in _KEEP_BRACKETS]
            if holders and len(holders) * 2 >= len(filled):
                self.warn(
                    row.line,
                    "SPEC053",
                    f"{what} row is a template placeholder ({holders[0]}); "
                    "fill it in or delete it.",
                    needle="|",
                )
                continue
            out.append(row)
        return out

    def need_column(self, table: Table, idx: int, header: str, what: str) -> bool:
        if idx < 0:
            self.problem(
                table.line,
                "SPEC052",
                f"{what} table has no `{header}` column (headers: "
                f"{', '.join(table.header) or 'none'}); add it.",
            )
            return False
        return True

    @staticmethod
    def cell(row: Row, idx: int) -> str:
        if 0 <= idx < len(row.cells):
            return row.cells[idx].text.strip()
        return ""

    @staticmethod
    def cell_codes(row: Row, idx: int) -> list[str]:
        if 0 <= idx < len(row.cells):
            return row.cells[idx].codes
        return []

    @staticmethod
    def cells_by_header(table: Table, row: Row) -> dict[str, str]:
        return {
            h.strip(): (row.cells[i].text.strip() if i < len(row.cells) else "")
            for i, h in enumerate(table.header)
        }

    # ----------------------------------------------------------------- fences

    def check_fence(self, fence: Fence) -> None:
        if not fence.closed:
            self.spec.problems.append(
                Problem(
                    pos=Pos(file=self.path, line=fence.line, column=fence.column),
                    rule="SPEC050",
                    severity="error",
                    message="code fence is never closed; everything after it up to the end of "
                    "the file was read as code. Close it with a line of backticks.",
                )
            )

    def go(self, fence: Fence) -> Any:
        """The Go file of a fence (parsed once); its declarations join the spec."""
        key = id(fence)
        if key not in self._go:
            from ..gocode import parse_go

            try:
                gf = parse_go(fence.content, self.path, fence.content_line, fence.column)
            except Exception as exc:  # a reader never crashes on content
                self.problem(
                    fence.line, "SPEC057", f"Go code block could not be read: {exc}", "error"
                )
                gf = None
            self._go[key] = gf
            if gf is not None:
                self.spec.problems.extend(gf.problems)
                self._collect("go_structs", gf.structs)
                self._collect("go_interfaces", gf.interfaces)
                self._collect("go_enums", gf.enums)
                self._collect("go_types", gf.named_types)
                self._collect("go_funcs", gf.funcs)
        return self._go[key]

    def ts(self, fence: Fence, file_hint: str = "") -> Any:
        """The TS types of a fence (parsed once); they join the spec."""
        key = id(fence)
        if key not in self._ts:
            from ..tscode import parse_ts

            tsx = sniff(fence) == "tsx"
            try:
                tf = parse_ts(fence.content, self.path, fence.content_line, fence.column, tsx=tsx)
            except Exception as exc:
                self.problem(
                    fence.line, "SPEC057", f"TypeScript code block could not be read: {exc}"
                )
                tf = None
            self._ts[key] = tf
            if tf is not None:
                self.spec.problems.extend(tf.problems)
                hint = _ts_file_comment(fence.content) or file_hint
                for t in tf.types:
                    if hint and not t.file:
                        t.file = hint
                    self._collect_ts(t)
        return self._ts[key]

    def ts_source(
        self, source: str, line: int, column: int = 1, file_hint: str = ""
    ) -> list[TsType]:
        """TS declarations written outside a fence (an inline props type in a cell), read
        like a fence's and joined to the spec; returns the types read."""
        from ..tscode import parse_ts

        try:
            tf = parse_ts(source, self.path, line, column)
        except Exception as exc:  # a reader never crashes on content
            self.problem(line, "SPEC057", f"TypeScript could not be read: {exc}")
            return []
        self.spec.problems.extend(tf.problems)
        for t in tf.types:
            if file_hint and not t.file:
                t.file = file_hint
            self._collect_ts(t)
        return list(tf.types)

    def _collect(self, attr: str, items: list[Any]) -> None:
        target = getattr(self.spec, attr)
        for it in items:
            key = (attr, semantic_key(it))
            if key in self._seen:
                continue
            self._seen.add(key)
            target.append(it)

    def _collect_ts(self, t: TsType) -> None:
        key = semantic_key(t, frozenset({"file"}))
        if key in self._ts_index:
            kept = self.spec.ts_types[self._ts_index[key]]
            if not kept.file and t.file:
                kept.file = t.file
            return
        self._ts_index[key] = len(self.spec.ts_types)
        self.spec.ts_types.append(t)


_TS_FILE = re.compile(
    r"^\s*//\s*\[?\s*(?:file:\s*)?`?([\w@~+./-]+\.(?:d\.ts|ts|tsx|mts|cts))`?\s*\]?(?:\s.*)?$"
)


def _ts_file_comment(content: str) -> str:
    for raw in content.split("\n")[:3]:
        if not raw.strip():
            continue
        m = _TS_FILE.match(raw)
        return m.group(1) if m else ""
    return ""


__all__ = ["Ctx", "NONE_WORDS", "RULES", "says_none", "sniff", "semantic_key"]
