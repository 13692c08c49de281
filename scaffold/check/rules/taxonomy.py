"""The Error Taxonomy: unique names, sane statuses, consistent with endpoints (``TAX0xx``)."""

from __future__ import annotations

import re
from typing import Iterator

from ...diagnostics import Diagnostic
from ...model import TaxonomyError
from ...generate.naming import wire_code
from ...read.markdown.taxonomy import is_wire_code
from ..engine import Context, rule, this

LOG_LEVELS = ("debug", "info", "warn", "warning", "error")


@rule("TAX001", "error", "Go error names in the Error Taxonomy are unique")
def unique_go(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, TaxonomyError] = {}
    for err in ctx.spec.errors:
        first = seen.setdefault(err.go_name, err)
        if first is not err:
            yield this("TAX001").at(
                err.pos,
                f"{err.go_name} is listed twice in the Error Taxonomy (first at line "
                f"{first.pos.line}); keep one row per error, or name this one apart, such as "
                f"{err.go_name}{err.status}",
            )


@rule(
    "TAX002",
    "warning",
    "errors that share one TypeScript error class differ in status or wire code",
)
def shared_ts(ctx: Context) -> Iterator[Diagnostic]:
    # One class for every error, told apart by status and code (`ApiError`), is a design a
    # spec may choose; a class per error is not required. What the client cannot do is tell
    # two errors of one class apart when they share the status and the spec gives no code.
    seen: dict[tuple[str, int], TaxonomyError] = {}
    for err in ctx.spec.errors:
        if not err.ts_name or err.code:
            continue
        first = seen.setdefault((err.ts_name, err.status), err)
        if first is not err and first.go_name != err.go_name:
            suggestion = re.sub(r"^Err", "", err.ident) + "Error"
            yield this("TAX002").at(
                err.pos,
                f"TypeScript error {err.ts_name} stands for both {first.go_name} and "
                f"{err.go_name} (status {err.status}) and the spec gives neither a wire code, "
                f"so the client cannot tell them apart; add a Code column (such as "
                f"{wire_code(err)}) or give this one its own class, such as {suggestion}",
            )


@rule("TAX003", "error", "Error Taxonomy statuses are HTTP error statuses (4xx, 5xx)")
def status_range(ctx: Context) -> Iterator[Diagnostic]:
    for err in ctx.spec.errors:
        if not 400 <= err.status <= 599:
            yield this("TAX003").at(
                err.pos,
                f"{err.go_name} has HTTP status {err.status}; an error status should be 4xx "
                "or 5xx, such as 409",
            )


@rule("TAX004", "warning", "Go sentinel errors are named Err…, TypeScript error classes …Error")
def naming(ctx: Context) -> Iterator[Diagnostic]:
    for err in ctx.spec.errors:
        if err.ident and not re.match(r"^Err[A-Z0-9]", err.ident):
            base = re.sub(r"^(err|Err)_?", "", err.ident)
            prefix = f"{err.package}." if err.package else ""
            yield this("TAX004").at(
                err.pos,
                f"Go error '{err.go_name}' should be named Err…, such as "
                f"{prefix}Err{base[:1].upper() + base[1:]}",
            )
        if err.ts_name and not err.ts_name.endswith("Error"):
            yield this("TAX004").at(
                err.pos,
                f"TypeScript error '{err.ts_name}' should end in Error, such as "
                f"{err.ts_name}Error",
            )


@rule("TAX005", "error", "an error row naming a taxonomy error uses that error's status")
def consistent_status(ctx: Context) -> Iterator[Diagnostic]:
    by_word = names_of(ctx.spec.errors)
    for ep in ctx.spec.endpoints:
        for row in ep.errors:
            text = f"{row.condition} {row.body}"
            for word in sorted(set(re.findall(r"\b[A-Za-z_]\w*\b", text))):
                errs = by_word.get(word)
                if errs and all(e.status != row.status for e in errs):
                    err = errs[0]
                    yield this("TAX005").at(
                        row.pos,
                        f"{ep.key} answers {word} with {row.status}, but the Error Taxonomy "
                        f"gives {err.go_name} status {err.status}; use {err.status} here or "
                        "change the taxonomy",
                    )


def names_of(errors: list[TaxonomyError]) -> dict[str, list[TaxonomyError]]:
    """Words that name one Go error of the taxonomy → its entries: the Go name, the bare
    identifier, the TS class and the wire code, each only where it names one Go error (a
    shared `ApiError`, or one code for several conditions, names none)."""
    hits: dict[str, list[TaxonomyError]] = {}
    for e in errors:
        words = {e.go_name, e.ident, e.ts_name}
        if e.code and is_wire_code(e.code) and (e.code.isupper() or not e.code.isalpha()):
            words.add(e.code)
        for w in words - {""}:
            hits.setdefault(w, []).append(e)
    return {w: es for w, es in hits.items() if len({e.go_name for e in es}) == 1}


@rule("TAX006", "warning", "Error Taxonomy log levels are debug, info, warn or error")
def log_level(ctx: Context) -> Iterator[Diagnostic]:
    for err in ctx.spec.errors:
        level = err.log_level.strip().lower()
        if level and level not in LOG_LEVELS:
            yield this("TAX006").at(
                err.pos,
                f"{err.go_name} has log level '{err.log_level}'; it should be debug, info, "
                "warn or error, such as warn",
            )


@rule("TAX007", "info", "every Error Taxonomy entry is returned by some endpoint")
def unused(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.spec.endpoints:
        return
    used = {row.error for ep in ctx.spec.endpoints for row in ep.errors if row.error}
    for err in ctx.spec.errors:
        if err.go_name not in used:
            yield this("TAX007").at(
                err.pos,
                f"no endpoint's error table returns {err.go_name} ({err.status}); add a row "
                "where an endpoint returns it, or drop it if it never reaches HTTP",
            )
