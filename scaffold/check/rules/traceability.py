"""Traceability: requirements (US-/ER-) ↔ tasks, both ways (``TRACE0xx``)."""

from __future__ import annotations

from typing import Iterator

from ...diagnostics import Diagnostic
from ...model import Requirement, Task
from ..engine import Context, rule, this


def _example_req(ctx: Context) -> str:
    return ctx.spec.requirements[0].id if ctx.spec.requirements else "US-001"


def _implementers(ctx: Context, req_id: str) -> list[Task]:
    return [t for t in ctx.spec.tasks if req_id in t.implements]


def _has_mapping(ctx: Context) -> bool:
    return any(r.tasks for r in ctx.spec.requirements)


@rule("TRACE001", "error", "every requirement (US/ER) maps to at least one task")
def requirement_has_task(ctx: Context) -> Iterator[Diagnostic]:
    for req in ctx.spec.requirements:
        if not req.tasks and not _implementers(ctx, req.id):
            yield this("TRACE001").at(
                req.pos,
                f"{req.id} maps to no task; add it to the _Implements:_ line of the task that "
                f"builds it and to the mapping table, such as `_Implements:_ {req.id}`",
            )


@rule("TRACE002", "error", "every task implements at least one requirement")
def task_has_requirement(ctx: Context) -> Iterator[Diagnostic]:
    for task in ctx.spec.tasks:
        if not task.implements:
            yield this("TRACE002").at(
                task.pos,
                f"{task.id} implements no requirement; add an _Implements:_ line naming the "
                f"requirement it serves, such as `_Implements:_ {_example_req(ctx)}`, "
                "or remove the task",
            )


@rule("TRACE003", "error", "a task implements only requirements the spec defines")
def task_requirement_exists(ctx: Context) -> Iterator[Diagnostic]:
    known = ctx.requirement_ids
    for task in ctx.spec.tasks:
        for req_id in task.implements:
            if req_id not in known:
                yield this("TRACE003").at(
                    task.pos,
                    f"{task.id} implements {req_id}, which the spec does not define; use a "
                    f"requirement ID from the mapping, such as {_example_req(ctx)}, or add "
                    f"{req_id} to the requirements",
                )


@rule("TRACE004", "error", "every engineering requirement (ER) has measurable success criteria")
def success_criteria(ctx: Context) -> Iterator[Diagnostic]:
    for req in ctx.spec.requirements:
        text = req.success_criteria.strip()
        if req.id.startswith("ER-") and (not text or text.startswith("[")):
            yield this("TRACE004").at(
                req.pos,
                f"{req.id} has no success criteria; add a measurable condition, such as "
                "'`go test ./... -run TestX` passes' or 'p95 < 50ms in BenchmarkX'",
            )


@rule("TRACE005", "error", "the requirement mapping table agrees with the tasks' _Implements:_")
def mapping_agrees(ctx: Context) -> Iterator[Diagnostic]:
    if not _has_mapping(ctx):
        return
    tasks = {t.id: t for t in ctx.spec.tasks}
    by_id: dict[str, Requirement] = {}
    for req in ctx.spec.requirements:
        by_id.setdefault(req.id, req)
        for task_id in req.tasks:
            task = tasks.get(task_id)
            if task is not None and req.id not in task.implements:
                yield this("TRACE005").at(
                    req.pos,
                    f"the mapping table maps {req.id} to {task_id}, but {task_id}'s "
                    f"_Implements:_ does not name {req.id}; add {req.id} there or remove "
                    f"{task_id} from this row",
                )
    for task in ctx.spec.tasks:
        for req_id in task.implements:
            mapped = [r for r in ctx.spec.requirements if r.id == req_id]
            if mapped and not any(task.id in r.tasks for r in mapped):
                listed = ", ".join(mapped[0].tasks + [task.id])
                yield this("TRACE005").at(
                    task.pos,
                    f"{task.id} implements {req_id}, but the mapping table row for {req_id} "
                    f"does not list {task.id}; list it there, such as `| {req_id} | … | "
                    f"{listed} |`",
                )


@rule("TRACE006", "error", "requirement IDs are unique")
def unique_requirements(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, Requirement] = {}
    for req in ctx.spec.requirements:
        first = seen.get(req.id)
        if first is None:
            seen[req.id] = req
            continue
        same_file = first.pos.file == req.pos.file
        if same_file or first.summary.strip() != req.summary.strip():
            yield this("TRACE006").at(
                req.pos,
                f"{req.id} is defined twice (first at line {first.pos.line}"
                + ("" if same_file else f" of {first.pos.file}")
                + "); give each requirement its own ID, such as "
                + _next_id(ctx, req.id),
            )


def _next_id(ctx: Context, req_id: str) -> str:
    prefix = req_id.split("-", 1)[0]
    numbers = [
        int(r.id.split("-", 1)[1])
        for r in ctx.spec.requirements
        if r.id.startswith(prefix + "-") and r.id.split("-", 1)[1].isdigit()
    ]
    return f"{prefix}-{(max(numbers) if numbers else 0) + 1:03d}"


@rule("TRACE007", "error", "the requirement mapping table names only tasks that exist")
def mapped_task_exists(ctx: Context) -> Iterator[Diagnostic]:
    known = ctx.task_index
    for req in ctx.spec.requirements:
        for task_id in req.tasks:
            if task_id not in known:
                first = ctx.spec.tasks[0].id if ctx.spec.tasks else "T-001"
                yield this("TRACE007").at(
                    req.pos,
                    f"the mapping table maps {req.id} to {task_id}, which is not a task of "
                    f"the spec; name an existing task, such as {first}",
                )


@rule("TRACE008", "warning", "the spec has a requirement-to-task mapping table")
def mapping_present(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.spec.requirements and ctx.spec.tasks and not _has_mapping(ctx):
        req = ctx.spec.requirements[0]
        tasks = ", ".join(t.id for t in _implementers(ctx, req.id)) or "T-001"
        yield this("TRACE008").at(
            req.pos,
            "no requirement lists its implementing tasks; add the mapping column, such as "
            f"`| {req.id} | {tasks} |`",
        )


@rule("TRACE009", "warning", "every engineering requirement has a priority (must/should/may)")
def priority(ctx: Context) -> Iterator[Diagnostic]:
    for req in ctx.spec.requirements:
        if req.id.startswith("ER-") and req.priority is None:
            yield this("TRACE009").at(
                req.pos, f"{req.id} has no priority; it should be must, should or may"
            )


@rule("TRACE010", "warning", "requirement kinds match the spec type (US for PRD-driven, ER else)")
def kind_matches_type(ctx: Context) -> Iterator[Diagnostic]:
    spec_type = ctx.spec.meta.type
    if spec_type is None:
        return
    want = "US-" if spec_type == "PRD-driven" else "ER-"
    for req in ctx.spec.requirements:
        if not req.id.startswith(want):
            yield this("TRACE010").at(
                req.pos,
                f"{req.id} is not {'a user story' if want == 'US-' else 'an engineering requirement'}"
                f" but the spec is {spec_type}; use {want}NNN IDs, such as {want}001, or change "
                "**Type:**",
            )
