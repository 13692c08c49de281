"""Blueprint families: each module computes the view model for one set of blueprints.

Shared helpers live here: which task a file comes from, and where a spec path lands
under the configured roots.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ...model import Spec, Task


def norm(path: str) -> str:
    """A spec path as a clean POSIX relative path (``./a//b`` → ``a/b``)."""
    p = path.strip().strip("`").replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    p = p.lstrip("/")
    if "//" in p or "/./" in p or p.endswith("/") or p.endswith("/."):
        p = str(PurePosixPath(p))
    return p


def under(root: str, path: str) -> str:
    """``path`` inside ``root`` (unchanged when it already starts with it, or root is .)."""
    path = norm(path)
    if root in ("", "."):
        return path
    if path == root or path.startswith(root.rstrip("/") + "/"):
        return path
    return f"{root.rstrip('/')}/{path}"


_TASK_FILES: dict[int, tuple[Spec, list[tuple[str, str, Task]]]] = {}


def _task_files(spec: Spec) -> list[tuple[str, str, Task]]:
    """(normalised path, action, task) for every file every task lists; cached per spec."""
    cached = _TASK_FILES.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    rows = [(norm(f.path), f.action, t) for t in spec.tasks for f in t.files if norm(f.path)]
    _TASK_FILES.clear()
    _TASK_FILES[id(spec)] = (spec, rows)
    return rows


def task_for_path(spec: Spec, path: str, action: str | None = None) -> Task | None:
    """The first task whose Files list ``path`` (exactly, or by its trailing part)."""
    want = norm(path)
    best: Task | None = None
    for have, act, task in _task_files(spec):
        if action and act != action:
            continue
        if have == want:
            return task
        if best is None and (want.endswith("/" + have) or have.endswith("/" + want)):
            best = task
    return best


def task_for_code(spec: Spec, path: str, name: str) -> Task | None:
    """The task that implements ``name`` (a handler, a component) in ``path``.

    Several tasks may touch one file (one creates the handlers file, a later one adds two
    handlers to it): the task whose title, description or note for that file names
    ``name`` wins; else the first task that lists the file.
    """
    want = norm(path)
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    seen: set[str] = set()
    for have, _, task in _task_files(spec):
        if have != want or task.id in seen:
            continue
        seen.add(task.id)
        notes = [f.note for f in task.files if f.note and norm(f.path) == want]
        if pattern.search(" ".join([task.title, task.description, *notes])):
            return task
    return task_for_path(spec, path)


def task_id(task: Task | None) -> str:
    return task.id if task else ""


def first_task(spec: Spec, phase_word: str) -> Task | None:
    """The first task whose phase mentions ``phase_word`` (``Backend``, ``Data``)."""
    for task in spec.tasks:
        if phase_word.lower() in task.phase.lower():
            return task
    return None
