"""The Error Taxonomy table: Go sentinel, HTTP status, TS error, message, wire code.

Authors key a taxonomy by Go sentinel (``ErrInviteExists``, ``auth.ErrForbidden``), by
wire code (``NOT_FOUND``, ``validation_failed``), or both. The wire code comes from a
``Code`` / ``Error Code`` column, else from the TS cell where one shared class carries it
(`` `ApiError` code `NOT_FOUND` ``, `` `ApiError` with `code: "not_found"` ``). A taxonomy
keyed by codes alone names each Go sentinel after its code (``NOT_FOUND`` →
``ErrNotFound``); a code used for several conditions (``UNAUTHORIZED`` (on login) /
(on API calls)) is one entry per condition, each named after its code and condition.
"(existing)" beside a name marks an error the application already defines.
"""

from __future__ import annotations

import re

from ...model import TaxonomyError
from .blocks import Row
from .blocks import Sec
from .blocks import Table as MdTable
from .context import Ctx

_GO_HEADERS = ("error go", "go error", "go", "error", "sentinel", "go sentinel", "go name")
_CODE_HEADERS = ("error code", "code", "wire code", "machine code", "api code", "error key")
# A wire code as authors write one: NOT_FOUND, UNAUTHORIZED, not_found, tag.not-found.
_WIRE_CODE = re.compile(
    r"^(?:[A-Z][A-Z0-9]*(?:[_.-][A-Z0-9]+)*|[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+)$"
)
_CODE_IN_TEXT = re.compile(r"""\bcode\b\s*(?:[:=]\s*|\s)\s*(["'`]?)([A-Za-z][\w.-]*)\1""")
_NONE = re.compile(r"^\s*(?:[-—–]|none|n/?a)?\s*$", re.I)
_EXISTING = re.compile(r"\bexist(?:ing|s)\b|\balready defined\b", re.I)
_QUALIFIER = re.compile(r"\(([^)]*)\)")


def is_wire_code(text: str) -> bool:
    """Whether ``text`` reads as a wire code (``NOT_FOUND``, ``not_found``), not a Go name."""
    return bool(_WIRE_CODE.match(text)) and len(text) > 1


def go_name_for_code(code: str, qualifier: str = "") -> str:
    """The Go sentinel a code-keyed taxonomy entry gets: ``NOT_FOUND`` → ``ErrNotFound``;
    with the condition it is one of (``on login``) → ``ErrNotFoundOnLogin``."""
    from ...generate.naming import pascal

    return "Err" + pascal(code.lower()) + pascal(qualifier)


def _code_of(ctx: Ctx, row: Row, cc: int, tc: int) -> str:
    """The wire code of a row: its code column, else one the TS cell names."""
    if cc >= 0:
        codes = ctx.cell_codes(row, cc)
        text = (codes[0] if codes else ctx.cell(row, cc)).strip().strip("\"'")
        if not _NONE.match(text):
            return text.split()[0]
    text = ctx.cell(row, tc)
    m = _CODE_IN_TEXT.search(text)
    if m and (m.group(1) or m.group(2) in ctx.cell_codes(row, tc) or is_wire_code(m.group(2))):
        return m.group(2)
    return ""


def read_errors(ctx: Ctx, sec: Sec) -> None:
    for _, b in sec.walk():
        if not isinstance(b, MdTable):
            continue
        cc = b.column(*_CODE_HEADERS)
        gc = b.column(*_GO_HEADERS)
        if gc == cc:
            gc = -1
        if gc < 0 and cc < 0:
            ctx.need_column(b, gc, "Error (Go)", "error taxonomy")
            continue
        key = gc if gc >= 0 else cc
        sc = b.column("http status", "status", "status code", "http")
        tc = b.column("typescript error", "ts error", "typescript", "ts", "frontend error")
        mc = b.column("user facing message", "message", "user message")
        lc = b.column("log level", "log", "level")
        read = []
        for row in ctx.rows(b, "error taxonomy"):
            codes = ctx.cell_codes(row, key)
            cell = ctx.cell(row, key)
            name = (codes[0] if codes else cell).strip()
            if not name:
                continue
            rest = cell.replace(name, "", 1) if name in cell else cell
            stext = ctx.cell(row, sc)
            sm = re.match(r"^\s*(\d{3})\b", stext)
            if not sm:
                ctx.problem(
                    row.line,
                    "SPEC054",
                    f"HTTP status {stext!r} of {name} is not a status code; write a number "
                    "such as 409.",
                    needle=stext or "|",
                )
                continue
            code = _code_of(ctx, row, cc if key != cc else -1, tc)
            qualifier = ""
            if key == cc or (not code and is_wire_code(name) and not name.startswith("Err")):
                # Keyed by wire code: the Go sentinel is named after it (and its condition).
                code = name
                q = _QUALIFIER.search(rest)
                qualifier = q.group(1) if q and not _EXISTING.search(q.group(1)) else ""
                name = go_name_for_code(code)
            tcodes = ctx.cell_codes(row, tc)
            read.append(
                (
                    qualifier,
                    TaxonomyError(
                        pos=ctx.row_pos(row),
                        go_name=name,
                        status=int(sm.group(1)),
                        ts_name=(tcodes[0] if tcodes else ctx.cell(row, tc)).strip(),
                        message=ctx.cell(row, mc),
                        log_level=ctx.cell(row, lc),
                        code=code,
                        existing=bool(_EXISTING.search(rest)),
                    ),
                )
            )
        _name_apart(read)
        ctx.spec.errors.extend(err for _, err in read)


def _name_apart(read: list[tuple[str, TaxonomyError]]) -> None:
    """Entries named after one code for several conditions get the condition in their name."""
    by_name: dict[str, list[tuple[str, TaxonomyError]]] = {}
    for q, err in read:
        by_name.setdefault(err.go_name, []).append((q, err))
    for same in by_name.values():
        if len(same) < 2 or not all(q for q, _ in same):
            continue
        names = {go_name_for_code(err.code, q) for q, err in same}
        if len(names) == len(same):
            for q, err in same:
                err.go_name = go_name_for_code(err.code, q)
