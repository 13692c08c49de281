"""The task list: IDs, the dependency graph, files, done conditions (``TASK0xx``)."""

from __future__ import annotations

import re
from typing import Iterator

from ...diagnostics import Diagnostic
from ...model import Task
from ..engine import Context, rule, this

_TASK_ID = re.compile(r"^T-(\d+)$")

# A done condition is runnable when it names one of these commands (in `code` or not).
# Options between a tool and its subcommand: `npm --prefix web run test`, `go -C api test`.
_OPTS = r"(?:\s+-{1,2}[\w-]+(?:[= ](?!-)[^\s`]+)?)*"
RUNNABLE = re.compile(
    r"(?:^|[\s`(])(?:"
    rf"go{_OPTS}\s+(?:test|build|vet|run|generate|mod\s+(?:tidy|verify))\b"
    r"|gofmt\b|golangci-lint\b|staticcheck\b"
    r"|goose\b"
    rf"|npm{_OPTS}\s+(?:run|test|ci|exec|t)\b|npx\s+\S+|pnpm\s+\S+|yarn\s+\S+|bun\s+\S+"
    r"|vitest\b|tsc\b|eslint\b|playwright\b|cypress\b|jest\b"
    r"|curl\s|psql\b|pg_dump\b|make\s+\S+|bash\s+\S+|sh\s+\S+|\./\S+"
    r")",
)
DONE_EXAMPLE = "`go test ./internal/invites/... -run TestCreateInvite` passes"


def is_runnable(text: str) -> bool:
    """Does ``text`` contain a command a machine can run to verify the task?"""
    return bool(RUNNABLE.search(text))


def _number(task_id: str) -> int | None:
    m = _TASK_ID.match(task_id)
    return int(m.group(1)) if m else None


@rule("TASK001", "error", "task IDs are unique")
def unique_ids(ctx: Context) -> Iterator[Diagnostic]:
    seen: dict[str, Task] = {}
    for task in ctx.spec.tasks:
        if task.id in seen:
            yield this("TASK001").at(
                task.pos,
                f"{task.id} is used twice (first at line {seen[task.id].pos.line}); give each "
                f"task its own ID, such as {_next_id(ctx)}",
            )
        else:
            seen[task.id] = task


def _next_id(ctx: Context) -> str:
    numbers = [n for t in ctx.spec.tasks if (n := _number(t.id)) is not None]
    return f"T-{(max(numbers) if numbers else 0) + 1:03d}"


@rule("TASK002", "warning", "task IDs are sequential (T-001, T-002, …) in spec order")
def sequential_ids(ctx: Context) -> Iterator[Diagnostic]:
    previous: int | None = None
    for task in ctx.spec.tasks:
        n = _number(task.id)
        if n is None:
            yield this("TASK002").at(
                task.pos, f"task ID '{task.id}' should look like T-NNN, such as T-001"
            )
            continue
        expected = 1 if previous is None else previous + 1
        if n != expected and not (previous is not None and n == previous):
            yield this("TASK002").at(
                task.pos,
                f"{task.id} follows {'the start' if previous is None else f'T-{previous:03d}'};"
                f" task IDs should be sequential, such as T-{expected:03d}",
            )
        previous = n


@rule("TASK003", "error", "task dependencies name tasks that exist")
def dependency_exists(ctx: Context) -> Iterator[Diagnostic]:
    for task in ctx.spec.tasks:
        for dep in task.dependencies:
            if dep not in ctx.task_index:
                first = ctx.spec.tasks[0]
                fix = (
                    f"name an earlier task, such as {first.id}"
                    if first is not task
                    else "remove it (`_Dependencies:_ None`)"
                )
                yield this("TASK003").at(
                    task.pos, f"{task.id} depends on {dep}, which is not a task of the spec; {fix}"
                )


@rule("TASK004", "error", "a task depends only on earlier tasks")
def dependency_earlier(ctx: Context) -> Iterator[Diagnostic]:
    for i, task in enumerate(ctx.spec.tasks):
        for dep in task.dependencies:
            j = ctx.task_index.get(dep)
            if j is None:
                continue
            if dep == task.id:
                yield this("TASK004").at(
                    task.pos, f"{task.id} depends on itself; remove {dep} from its _Dependencies:_"
                )
            elif j > i:
                yield this("TASK004").at(
                    task.pos,
                    f"{task.id} depends on {dep}, which comes later; move {dep} before "
                    f"{task.id} or drop the dependency (tasks run top to bottom)",
                )


@rule("TASK005", "error", "the task dependency graph has no cycle")
def no_cycles(ctx: Context) -> Iterator[Diagnostic]:
    graph: dict[str, list[str]] = {}
    first: dict[str, Task] = {}
    for task in ctx.spec.tasks:
        graph.setdefault(task.id, []).extend(d for d in task.dependencies if d != task.id)
        first.setdefault(task.id, task)
    state: dict[str, int] = {}  # 1 on stack, 2 done
    reported: set[frozenset[str]] = set()
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if child not in graph:
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child) :]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    head = min(cycle, key=lambda t: ctx.task_index.get(t, 0))
                    ring = " → ".join(cycle + [child])
                    yield this("TASK005").at(
                        first[head].pos,
                        f"tasks depend on each other in a cycle ({ring}); remove one of these "
                        "dependencies so the tasks can run in order",
                    )
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))


@rule("TASK006", "error", "every task has a done condition")
def has_done(ctx: Context) -> Iterator[Diagnostic]:
    for task in ctx.spec.tasks:
        if not task.done.strip() and not task.done_commands:
            yield this("TASK006").at(
                task.pos,
                f"{task.id} has no done condition; add one a machine can verify, such as "
                f"`_Done condition:_ {DONE_EXAMPLE}`",
            )


@rule("TASK007", "error", "a done condition contains a runnable command (go test, npm run test…)")
def done_runnable(ctx: Context) -> Iterator[Diagnostic]:
    for task in ctx.spec.tasks:
        if not task.done.strip() and not task.done_commands:
            continue  # TASK006
        texts = [*task.done_commands, task.done]
        if not any(is_runnable(t) for t in texts):
            yield this("TASK007").at(
                task.pos,
                f"{task.id}'s done condition has no command to run; it should name one, such "
                f"as {DONE_EXAMPLE} (or `goose status`, `npm run test -- <file>`)",
            )


@rule("TASK008", "warning", "every task lists the files it creates or modifies")
def has_files(ctx: Context) -> Iterator[Diagnostic]:
    for task in ctx.spec.tasks:
        if not task.files:
            yield this("TASK008").at(
                task.pos,
                f"{task.id} lists no files; add a _Files:_ list with exact paths, such as "
                "`- Create: internal/invites/store.go`",
            )


@rule("TASK009", "warning", "no file is created by two tasks")
def created_once(ctx: Context) -> Iterator[Diagnostic]:
    creator: dict[str, Task] = {}
    for task in ctx.spec.tasks:
        for f in task.files:
            if f.action != "create":
                continue
            other = creator.get(f.path)
            if other is not None and other is not task:
                yield this("TASK009").at(
                    f.pos if f.pos.line else task.pos,
                    f"{task.id} creates {f.path}, which {other.id} already creates; "
                    f"make it `Modify: {f.path}` here",
                )
            else:
                creator.setdefault(f.path, task)


@rule("TASK010", "error", "no task modifies a file that only a later task creates")
def modify_after_create(ctx: Context) -> Iterator[Diagnostic]:
    created_at: dict[str, int] = {}
    for i, task in enumerate(ctx.spec.tasks):
        for f in task.files:
            if f.action == "create":
                created_at.setdefault(f.path, i)
    for i, task in enumerate(ctx.spec.tasks):
        for f in task.files:
            j = created_at.get(f.path)
            if f.action == "modify" and j is not None and j > i:
                later = ctx.spec.tasks[j].id
                yield this("TASK010").at(
                    f.pos if f.pos.line else task.pos,
                    f"{task.id} modifies {f.path}, which {later} creates later; move {later} "
                    f"before {task.id}, or create the file in {task.id}",
                )


@rule("TASK011", "info", "a done condition's command does not destroy data (goose down, DROP)")
def done_not_destructive(ctx: Context) -> Iterator[Diagnostic]:
    from ...read.markdown.tasks import destroys_data

    for task in ctx.spec.tasks:
        for command in task.done_commands:
            if destroys_data(command):
                yield this("TASK011").at(
                    task.pos,
                    f"{task.id}'s done command `{command}` destroys data when run; "
                    "`scaffold status --run` asks before running it (or pass --yes). Prefer a "
                    "check that only reads, such as `goose status`",
                )


_GO_TEST_DIR = re.compile(
    r"\bgo(?:\s+-C\s+\S+)?\s+test\b[^`|]*?\s\.?/?((?:[\w.-]+/)*[\w.-]+)/\.\.\."
)
_NPM_TEST_PATH = re.compile(
    r"\b(?:npm|pnpm|yarn)\b[^`|]*?\btest\b\s+(?:--\s+)?((?:[\w.@-]+/)+[\w.@-]*)"
)


def _under(path: str, prefix: str) -> bool:
    """``path`` lies in ``prefix`` (repo-relative, or relative to a sub-project root)."""
    prefix = prefix.strip("/")
    if path == prefix or path.endswith("/" + prefix):  # the file itself
        return True
    return path.startswith(prefix + "/") or f"/{prefix}/" in f"/{path}"


@rule("TASK012", "warning", "unit tests the testing strategy lists are in files a task writes")
def tested_files_are_written(ctx: Context) -> Iterator[Diagnostic]:
    test_files = [
        f.path
        for t in ctx.spec.tasks
        for f in t.files
        if f.path.endswith("_test.go") or re.search(r"\.(test|spec)\.[jt]sx?$", f.path)
    ]
    for table in ctx.spec.tests:
        if "unit" not in table.kind.lower():
            continue
        for row in table.rows:
            text = " ".join(row.cells.values())
            for m in _GO_TEST_DIR.finditer(text):
                where = m.group(1)
                if not any(p.endswith("_test.go") and _under(p, where) for p in test_files):
                    yield this("TASK012").at(
                        row.pos,
                        f"the testing strategy runs unit tests in {where}/, but no task creates "
                        f"or modifies a _test.go file there; name it in a task's files, such "
                        f"as `Create: {where}/x_test.go`",
                    )
                    break
            for m in _NPM_TEST_PATH.finditer(text):
                where = m.group(1).rstrip("/")
                if not any(_under(p, where) for p in test_files):
                    example = where if re.search(r"\.\w+$", where) else f"{where}/X.test.tsx"
                    yield this("TASK012").at(
                        row.pos,
                        f"the testing strategy runs frontend tests in {where}, but no task "
                        "creates or modifies a test file there; name it in a task's files, "
                        f"such as `Create: {example}`",
                    )
                    break
