"""Testing strategy, rollout & operations, risks, open questions, assumptions."""

from __future__ import annotations

import re

from ...model import Assumption, ChecklistItem, FeatureFlag, OpenQuestion, Risk, Row, TestTable
from .blocks import BList, Para, Sec
from .blocks import Table as MdTable
from .context import Ctx

_ASSUMPTION = re.compile(r"^\s*\[?\s*assumption\s*\]?\s*[:—–-]?\s*", re.I)


def _tables(sec: Sec) -> list[MdTable]:
    return [b for _, b in sec.walk() if isinstance(b, MdTable)]


def _items(sec: Sec) -> list:
    out = []
    for _, b in sec.walk():
        if isinstance(b, BList):
            out.extend(it.first for it in b.items if it.first is not None)
    return out


def read_test_table(ctx: Ctx, sec: Sec) -> None:
    for md in _tables(sec):
        tt = TestTable(pos=ctx.pos(sec.line, "#"), kind=sec.title.strip())
        for row in ctx.rows(md, "test"):
            tt.rows.append(Row(pos=ctx.row_pos(row), cells=ctx.cells_by_header(md, row)))
        ctx.spec.tests.append(tt)


def read_manual_checks(ctx: Ctx, sec: Sec) -> None:
    for ln in _items(sec):
        text = re.sub(r"^\s*\[[ xX]\]\s*", "", ln.text).strip()
        if not text:
            continue
        if re.fullmatch(r"\[[^\]]+\]", text):
            ctx.warn(
                ln.line,
                "SPEC053",
                f"manual check {text!r} is the template placeholder; write the check or delete it.",
            )
            continue
        ctx.spec.manual_checks.append(
            ChecklistItem(pos=ctx.line_pos(ln), text=text, checked=bool(ln.checkbox))
        )


def read_flags(ctx: Ctx, sec: Sec) -> None:
    for md in _tables(sec):
        nc = md.column("flag name", "flag", "name")
        if not ctx.need_column(md, nc, "Flag Name", "feature flags"):
            continue
        dc = md.column("default", "default state")
        cc = md.column("cleanup target", "cleanup", "removal")
        for row in ctx.rows(md, "feature flag"):
            codes = ctx.cell_codes(row, nc)
            ctx.spec.feature_flags.append(
                FeatureFlag(
                    pos=ctx.row_pos(row),
                    name=(codes[0] if codes else ctx.cell(row, nc)).strip(),
                    default=ctx.cell(row, dc),
                    cleanup=ctx.cell(row, cc),
                )
            )


def read_monitoring(ctx: Ctx, sec: Sec) -> None:
    for md in _tables(sec):
        for row in ctx.rows(md, "monitoring"):
            ctx.spec.monitoring.append(
                Row(pos=ctx.row_pos(row), cells=ctx.cells_by_header(md, row))
            )


def read_backward_compatibility(ctx: Ctx, sec: Sec) -> None:
    ctx.spec.backward_compatibility = ctx.prose(sec.line + 1, sec.end_line)


def read_rollback(ctx: Ctx, sec: Sec) -> None:
    ctx.spec.rollback = ctx.prose(sec.line + 1, sec.end_line)


def read_risks(ctx: Ctx, sec: Sec) -> None:
    for md in _tables(sec):
        rc = md.column("risk", "technical risk")
        if not ctx.need_column(md, rc, "Risk", "risks"):
            continue
        ic = md.column("impact", "severity")
        mc = md.column("mitigation", "mitigations")
        for row in ctx.rows(md, "risk"):
            ctx.spec.risks.append(
                Risk(
                    pos=ctx.row_pos(row),
                    risk=ctx.cell(row, rc),
                    impact=ctx.cell(row, ic),
                    mitigation=ctx.cell(row, mc),
                )
            )


def read_questions(ctx: Ctx, sec: Sec) -> None:
    for md in _tables(sec):
        qc = md.column("question", "open question")
        if not ctx.need_column(md, qc, "Question", "open questions"):
            continue
        oc = md.column("owner", "who")
        tc = md.column("target resolution", "target", "due", "resolution")
        for row in ctx.rows(md, "open question"):
            ctx.spec.open_questions.append(
                OpenQuestion(
                    pos=ctx.row_pos(row),
                    question=ctx.cell(row, qc),
                    owner=ctx.cell(row, oc),
                    target=ctx.cell(row, tc),
                )
            )


def read_assumptions(ctx: Ctx, sec: Sec) -> None:
    lines = _items(sec)
    if not lines:
        lines = [ln for _, b in sec.walk() if isinstance(b, Para) for ln in b.lines]
    for ln in lines:
        text = _ASSUMPTION.sub("", ln.text, count=1).strip()
        if not text:
            continue
        if re.fullmatch(r"\[[^\]]+\]", text):
            ctx.warn(
                ln.line,
                "SPEC053",
                f"assumption {text!r} is the template placeholder; write it or delete it.",
            )
            continue
        ctx.spec.assumptions.append(Assumption(pos=ctx.line_pos(ln), text=text))
