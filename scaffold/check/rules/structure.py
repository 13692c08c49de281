"""Structure: the template's sections and metadata (``STRUCT0xx``, ``META0xx``).

The markdown reader reports some metadata problems itself, at their line
(``SPEC001`` no title, ``SPEC002`` metadata values); where it has, the ``META``
rule stays silent so a problem is reported once. The ``META`` rules also cover
the YAML form."""

from __future__ import annotations

import re
from typing import Iterator

from ...diagnostics import Diagnostic
from ..engine import Context, rule, this

# The template's ten sections, in order. The first two are what every later stage needs.
REQUIRED_SECTIONS = ("Overview", "Implementation Tasks")
TEMPLATE_SECTIONS = (
    "Overview",
    "Architecture & Design Decisions",
    "Data Model",
    "API Design",
    "Component & Module Design",
    "Implementation Tasks",
    "Testing Strategy",
    "Rollout & Operations",
    "Open Questions & Risks",
    "Assumptions",
)
STATUSES = ("Draft", "In Review", "Approved")
SPEC_TYPES = ("PRD-driven", "Engineering-initiated")
_ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _norm(title: str) -> str:
    title = re.sub(r"^\s*\d+(\.\d+)*\.?\s*", "", title)
    title = title.replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", title.lower()))


def _reader_said(ctx: Context, rule_id: str, word: str = "") -> bool:
    """Has a reader already reported this (rule ``rule_id``, message naming ``word``)?"""
    word = word.lower()
    return any(p.rule == rule_id and word in p.message.lower() for p in ctx.spec.problems)


def _has_headings(ctx: Context) -> bool:
    """Markdown specs have sections; the YAML form has none to check."""
    return any(src.lower().endswith((".md", ".markdown")) for src in ctx.spec.sources) or bool(
        ctx.spec.sections
    )


def _present(ctx: Context) -> set[str]:
    return {_norm(s.title) for s in ctx.spec.sections if s.level <= 2}


@rule("STRUCT001", "error", "the sections every spec needs (Overview, Implementation Tasks) exist")
def required_sections(ctx: Context) -> Iterator[Diagnostic]:
    if not _has_headings(ctx):
        return
    present = _present(ctx)
    for i, title in enumerate(TEMPLATE_SECTIONS):
        if title in REQUIRED_SECTIONS and _norm(title) not in present:
            yield this("STRUCT001").at(
                ctx.spec_pos(),
                f"section '{title}' is missing; add it as the template names it, "
                f"such as `## {i + 1}. {title}`",
            )


@rule("STRUCT002", "warning", "every section of the template is present (state 'None' if empty)")
def template_sections(ctx: Context) -> Iterator[Diagnostic]:
    if not _has_headings(ctx) or not ctx.spec.sections:
        return
    present = _present(ctx)
    for i, title in enumerate(TEMPLATE_SECTIONS):
        if title not in REQUIRED_SECTIONS and _norm(title) not in present:
            yield this("STRUCT002").at(
                ctx.spec_pos(),
                f"section '{title}' is missing; add `## {i + 1}. {title}` "
                "and say 'None' there if it does not apply",
            )


@rule("META001", "error", "the spec has a title (`# Tech Spec: Name`)")
def title(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.spec.meta.title.strip() and not _reader_said(ctx, "SPEC001"):
        yield this("META001").at(
            ctx.spec_pos(),
            "the spec has no title; start it with a heading such as "
            "`# Tech Spec: Workspace Invites`",
        )


@rule("META002", "error", "**Type:** is PRD-driven or Engineering-initiated")
def spec_type(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.spec.meta.type not in SPEC_TYPES and not (
        _reader_said(ctx, "SPEC002", "type") or _reader_said(ctx, "SPEC053", "type")
    ):
        yield this("META002").at(
            ctx.spec_pos(),
            "**Type:** should be PRD-driven or Engineering-initiated, "
            "such as `**Type:** PRD-driven`",
        )


@rule("META003", "warning", "**Author:** and **Last updated:** are filled in")
def author_date(ctx: Context) -> Iterator[Diagnostic]:
    meta = ctx.spec.meta
    if not meta.author.strip() or meta.author.strip().startswith("["):
        yield this("META003").at(
            ctx.spec_pos(), "**Author:** is not set; name the author, such as `**Author:** Ada`"
        )
    if not meta.date.strip() or meta.date.strip().startswith("["):
        yield this("META003").at(
            ctx.spec_pos(),
            "**Last updated:** is not set; give the date, such as `**Last updated:** 2026-11-24`",
        )


@rule("META004", "warning", "**Last updated:** is an ISO date (migration names derive from it)")
def iso_date(ctx: Context) -> Iterator[Diagnostic]:
    date = ctx.spec.meta.date.strip()
    if _reader_said(ctx, "SPEC002", "last updated"):
        return
    if date and not date.startswith("[") and not _ISO_DATE.match(date):
        yield this("META004").at(
            ctx.spec_pos(),
            f"**Last updated:** '{date}' should be an ISO date YYYY-MM-DD, such as 2026-11-24",
        )


@rule("META005", "error", "**Status:** is one of Draft, In Review, Approved")
def status(ctx: Context) -> Iterator[Diagnostic]:
    value = ctx.spec.meta.status.strip()
    if value.lower() not in {s.lower() for s in STATUSES} and not _reader_said(
        ctx, "SPEC002", "status"
    ):
        shown = f"'{value}'" if value else "missing"
        yield this("META005").at(
            ctx.spec_pos(),
            f"**Status:** is {shown}; it should be Draft, In Review or Approved, "
            "such as `**Status:** Approved`",
        )


@rule("META006", "info", "the spec is Approved (generate works from approved specs)")
def approved(ctx: Context) -> Iterator[Diagnostic]:
    value = ctx.spec.meta.status.strip()
    if value and value.lower() in {"draft", "in review"}:
        yield this("META006").at(
            ctx.spec_pos(),
            f"**Status:** is {value}; set it to Approved once this check is clean",
        )


@rule("META007", "warning", "a PRD-driven spec names its PRD (`**PRD:** prds/….md`)")
def prd_path(ctx: Context) -> Iterator[Diagnostic]:
    meta = ctx.spec.meta
    if _reader_said(ctx, "SPEC002", "PRD:"):
        return
    if meta.type == "PRD-driven" and (not meta.prd.strip() or meta.prd.strip().startswith("[")):
        yield this("META007").at(
            ctx.spec_pos(),
            "a PRD-driven spec should name its PRD, such as `**PRD:** prds/workspace-invites.md`",
        )
