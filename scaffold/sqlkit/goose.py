"""Split a goose migration into its Up and Down statements.

goose reads a migration line by line: ``-- +goose Up`` / ``-- +goose Down`` open the
sections, ``-- +goose StatementBegin`` … ``StatementEnd`` make one statement of
everything between them, ``-- +goose NO TRANSACTION`` runs the file outside a
transaction, ``-- +goose ENVSUB ON/OFF`` toggles ``${VAR}`` substitution. Outside a
block goose ends a statement at a line whose last word ends with ``;``.

Here statement boundaries come from PostgreSQL's own scanner (through pglast), so
semicolons inside strings, dollar quotes and comments never split a statement; where
goose's line rule would cut a statement that the scanner keeps whole (a function body
with ``;`` at a line end), that is reported, because goose would send it broken.

Rule IDs (see ``RULES``):

SQL001  no ``-- +goose Up`` section
SQL002  no ``-- +goose Down`` section
SQL003  SQL before ``-- +goose Up`` (goose runs none of it)
SQL004  ``StatementBegin`` without ``StatementEnd`` (or ``StatementEnd`` without a begin)
SQL005  statement not terminated by ``;`` (goose: "missing semicolon?")
SQL006  goose would split this statement at a line ending in ``;``: wrap it in
        StatementBegin/StatementEnd
SQL007  unknown or repeated ``+goose`` annotation
SQL008  unterminated string, quoted identifier, dollar quote or comment
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scaffold.model import Pos, Problem, SqlStatement

RULES: dict[str, str] = {
    "SQL001": "migration has no `-- +goose Up` section",
    "SQL002": "migration has no `-- +goose Down` section",
    "SQL003": "SQL before `-- +goose Up` is never run",
    "SQL004": "unbalanced `-- +goose StatementBegin` / `StatementEnd`",
    "SQL005": "statement is not terminated by `;`",
    "SQL006": "goose would split this statement at a line ending in `;`",
    "SQL007": "unknown or repeated `+goose` annotation",
    "SQL008": "unterminated string, identifier, dollar quote or comment",
}

_ANNOTATION = re.compile(r"^\s*--\s*\+goose\b\s*(?P<cmd>.*?)\s*$", re.IGNORECASE)
_KNOWN = {
    "UP": "up",
    "DOWN": "down",
    "STATEMENTBEGIN": "begin",
    "STATEMENTEND": "end",
    "NOTRANSACTION": "no_transaction",
    "ENVSUBON": "envsub_on",
    "ENVSUBOFF": "envsub_off",
}


@dataclass
class GooseSections:
    """The statements of a goose migration, by section, with what the reader found wrong."""

    up: list[SqlStatement] = field(default_factory=list)
    down: list[SqlStatement] = field(default_factory=list)
    has_up: bool = False
    has_down: bool = False
    no_transaction: bool = False
    problems: list[Problem] = field(default_factory=list)
    # `-- +goose ENVSUB ON` appears somewhere (goose substitutes ${VAR} after it).
    envsub: bool = False


@dataclass
class _Chunk:
    """Consecutive lines between two annotations."""

    section: str  # "pre", "up", "down"
    first_line: int  # file line of lines[0]
    lines: list[str] = field(default_factory=list)


def split_goose(text: str, file: str, line: int = 1) -> GooseSections:
    """Split goose migration ``text`` (whose first line is line ``line`` of ``file``)."""
    out = GooseSections()
    section = "pre"
    chunk: _Chunk | None = None
    block: _Chunk | None = None
    block_start = 0
    chunks: list[_Chunk] = []
    blocks: list[tuple[str, _Chunk, int]] = []  # (section, block, begin line)

    def problem(rule: str, at: int, message: str, column: int = 1, severity: str = "error"):
        out.problems.append(
            Problem(
                rule=rule,
                severity=severity,
                message=message,
                pos=Pos(file=file, line=at, column=column),
            )
        )

    for index, raw in enumerate(text.splitlines()):
        lineno = line + index
        match = _ANNOTATION.match(raw)
        if match is None:
            target = block
            if target is None:
                if chunk is None:
                    chunk = _Chunk(section, lineno)
                    chunks.append(chunk)
                target = chunk
            target.lines.append(raw)
            continue
        chunk = None  # an annotation always ends the run of lines it interrupts
        cmd = _KNOWN.get(re.sub(r"\s+", "", match.group("cmd")).upper())
        if cmd is None:
            problem(
                "SQL007", lineno, f"unknown goose annotation `{raw.strip()}`", severity="warning"
            )
            continue
        if cmd in ("up", "down"):
            if block is not None:
                problem(
                    "SQL004",
                    block_start,
                    "`-- +goose StatementBegin` has no `StatementEnd` before "
                    f"`-- +goose {match.group('cmd')}` at line {lineno}",
                )
                blocks.append((block.section, block, block_start))
                block = None
            if cmd == "up":
                if out.has_up:
                    problem(
                        "SQL007", lineno, "second `-- +goose Up` annotation", severity="warning"
                    )
                if out.has_down:
                    problem(
                        "SQL007",
                        lineno,
                        "`-- +goose Up` after `-- +goose Down`",
                        severity="warning",
                    )
                out.has_up = True
            else:
                if out.has_down:
                    problem(
                        "SQL007", lineno, "second `-- +goose Down` annotation", severity="warning"
                    )
                out.has_down = True
            section = cmd
        elif cmd == "begin":
            if block is not None:
                problem(
                    "SQL004",
                    lineno,
                    f"`-- +goose StatementBegin` inside the block begun at line {block_start}",
                )
                blocks.append((block.section, block, block_start))
            block = _Chunk(section, lineno + 1)
            block_start = lineno
        elif cmd == "end":
            if block is None:
                problem("SQL004", lineno, "`-- +goose StatementEnd` without `StatementBegin`")
            else:
                blocks.append((block.section, block, block_start))
                block = None
        elif cmd == "no_transaction":
            out.no_transaction = True
        elif cmd == "envsub_on":
            out.envsub = True

    if block is not None:
        problem("SQL004", block_start, "`-- +goose StatementBegin` has no `StatementEnd`")
        blocks.append((block.section, block, block_start))

    # Statements in file order: chunks and blocks interleave.
    found: list[tuple[int, str, SqlStatement]] = []
    for c in chunks:
        for stmt in _split_chunk(c, file, problem):
            found.append((stmt.pos.line, c.section, stmt))
    for sec, b, _start in blocks:
        stmt = _block_statement(b, file)
        if stmt is not None:
            found.append((stmt.pos.line, sec, stmt))
    found.sort(key=lambda item: (item[2].pos.line, item[2].pos.column))
    for _line, sec, stmt in found:
        if sec == "up":
            out.up.append(stmt)
        elif sec == "down":
            out.down.append(stmt)
        else:
            problem(
                "SQL003",
                stmt.pos.line,
                "SQL before `-- +goose Up` is never run by goose; move it into the Up section",
                column=stmt.pos.column,
            )

    if not out.has_up:
        problem("SQL001", line, "migration has no `-- +goose Up` section")
    if not out.has_down:
        problem(
            "SQL002",
            line,
            "migration has no `-- +goose Down` section; add one that reverses the Up section",
        )
    out.problems.sort(key=lambda p: (p.pos.line, p.pos.column, p.rule))
    return out


def split_sql(text: str, file: str, line: int = 1) -> tuple[list[SqlStatement], list[Problem]]:
    """Split plain SQL (no goose annotations) into statements, as PostgreSQL's scanner sees them.

    A last statement without ``;`` is accepted here (plain SQL files often end so).
    """
    problems: list[Problem] = []

    def problem(rule: str, at: int, message: str, column: int = 1, severity: str = "error"):
        problems.append(
            Problem(
                rule=rule,
                severity=severity,
                message=message,
                pos=Pos(file=file, line=at, column=column),
            )
        )

    chunk = _Chunk("plain", line, text.splitlines())
    stmts = _split_chunk(chunk, file, problem, goose=False)
    return stmts, problems


# --------------------------------------------------------------------------- internals


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _locate(starts: list[int], offset: int) -> tuple[int, int]:
    """0-based line index and 1-based column of a character offset."""
    from bisect import bisect_right

    idx = bisect_right(starts, offset) - 1
    return idx, offset - starts[idx] + 1


def goose_ends_statement(line: str) -> bool:
    """goose's own rule: the last word before any ``--`` word ends with ``;``."""
    prev = ""
    for word in line.split():
        if word.startswith("--"):
            break
        prev = word
    return prev.endswith(";")


_COMMENT_TOKENS = {"SQL_COMMENT", "C_COMMENT"}


def _split_chunk(chunk: _Chunk, file: str, problem, goose: bool = True) -> list[SqlStatement]:
    from pglast import parser

    text = "\n".join(chunk.lines)
    starts = _line_starts(text)
    tokens = []
    tail_error: tuple[str, int] | None = None
    try:
        tokens = list(parser.scan(text))
    except parser.ParseError as exc:
        message, offset = exc.args[0], (exc.args[1] if len(exc.args) > 1 else 0)
        tail_error = (message, offset)
        # Scan what precedes the broken token; the rest becomes one statement.
        try:
            tokens = list(parser.scan(text[:offset]))
        except parser.ParseError:
            tokens = []

    stmts: list[SqlStatement] = []
    begin: int | None = None  # offset of the statement's first non-comment token
    last_end = -1
    for tok in tokens:
        if tok.name in _COMMENT_TOKENS:
            continue
        if tok.name == "ASCII_59":  # ';'
            if begin is not None:
                stmts.append(
                    _make(text, starts, chunk, file, begin, last_end + 1, tok.start, problem, goose)
                )
            begin = None
            continue
        if begin is None:
            begin = tok.start
        last_end = tok.end
    if tail_error is not None:
        message, offset = tail_error
        if begin is None:
            begin = offset
        idx, col = _locate(starts, offset)
        problem("SQL008", chunk.first_line + idx, message, column=col)
        stmts.append(
            _make(text, starts, chunk, file, begin, len(text.rstrip()), None, problem, goose)
        )
    elif begin is not None:
        stmt = _make(text, starts, chunk, file, begin, last_end + 1, None, problem, goose)
        stmts.append(stmt)
        if goose:
            problem(
                "SQL005",
                stmt.pos.line,
                'statement is not terminated by `;` (goose fails with "missing semicolon?")',
                column=stmt.pos.column,
            )
    return stmts


def _make(
    text: str,
    starts: list[int],
    chunk: _Chunk,
    file: str,
    begin: int,
    end: int,
    semicolon: int | None,
    problem,
    goose: bool,
) -> SqlStatement:
    idx, col = _locate(starts, begin)
    stmt = SqlStatement(
        sql=text[begin:end], pos=Pos(file=file, line=chunk.first_line + idx, column=col)
    )
    if goose:
        last_idx, _ = _locate(starts, semicolon if semicolon is not None else max(begin, end - 1))
        for i in range(idx, last_idx):
            if goose_ends_statement(chunk.lines[i]):
                problem(
                    "SQL006",
                    chunk.first_line + i,
                    "goose ends a statement at a line ending in `;` and would send this one "
                    "cut short; wrap it in `-- +goose StatementBegin` / `-- +goose StatementEnd`",
                    column=len(chunk.lines[i].rstrip()),
                )
                break
    return stmt


def _block_statement(block: _Chunk, file: str) -> SqlStatement | None:
    """A StatementBegin/End block: its text as written (one trailing `;` removed)."""
    lines = block.lines
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return None
    body = "\n".join(lines[first:]).strip()
    if body.endswith(";"):
        body = body[:-1].rstrip()
    col = len(lines[first]) - len(lines[first].lstrip()) + 1
    return SqlStatement(
        sql=body, block=True, pos=Pos(file=file, line=block.first_line + first, column=col)
    )
