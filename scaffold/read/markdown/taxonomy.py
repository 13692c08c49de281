"""The Error Taxonomy table: Go sentinel, HTTP status, TS error, message, wire code."""

from __future__ import annotations

import re

from ...model import TaxonomyError
from .blocks import Table as MdTable
from .blocks import Sec
from .context import Ctx


def read_errors(ctx: Ctx, sec: Sec) -> None:
    for _, b in sec.walk():
        if not isinstance(b, MdTable):
            continue
        gc = b.column("error go", "go error", "go", "error", "sentinel", "go sentinel")
        if not ctx.need_column(b, gc, "Error (Go)", "error taxonomy"):
            continue
        sc = b.column("http status", "status", "status code", "http")
        tc = b.column("typescript error", "ts error", "typescript", "ts", "frontend error")
        mc = b.column("user facing message", "message", "user message")
        lc = b.column("log level", "log", "level")
        for row in ctx.rows(b, "error taxonomy"):
            codes = ctx.cell_codes(row, gc)
            name = (codes[0] if codes else ctx.cell(row, gc)).strip()
            if not name:
                continue
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
            tcodes = ctx.cell_codes(row, tc)
            ctx.spec.errors.append(
                TaxonomyError(
                    pos=ctx.row_pos(row),
                    go_name=name,
                    status=int(sm.group(1)),
                    ts_name=(tcodes[0] if tcodes else ctx.cell(row, tc)).strip(),
                    message=ctx.cell(row, mc),
                    log_level=ctx.cell(row, lc),
                )
            )
