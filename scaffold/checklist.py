"""The task checklist of a feature: ``tech-specs/<slug>.tasks.md`` (one per feature).

Written by ``scaffold bootstrap`` beside the (first) spec, or under ``tech-specs/`` when
the spec lives outside the repository. Each task with its requirements, its files (and
whether each exists), its done condition and the commands in it, the lines scaffold
cannot add itself (a route in an existing router), and the ``TODO`` markers that belong
to it, as ``file:line``. The text is a function of the spec and the repository only (no
dates), so bootstrapping twice gives the same bytes.

The checklist never spells a marker out (it names the place and the rest of the line),
so it is not itself work left to do; ``scaffold status`` skips it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .model import Spec
    from .status import Marker

CHECKLIST_DIR = "tech-specs"


@dataclass(frozen=True)
class HandStep:
    """Something generate told the user to do by hand, for the task whose file it concerns."""

    path: str
    message: str
    command: str = ""


def checklist_path(spec_paths: list[Path], repo: Path, slug: str) -> str:
    """Where the checklist goes (relative to ``repo``): beside the first spec when the spec
    is inside the repository, else ``tech-specs/<slug>.tasks.md``."""
    name = f"{slug}.tasks.md"
    if spec_paths:
        try:
            rel = Path(spec_paths[0]).resolve().relative_to(Path(repo).resolve())
            return (rel.parent / name).as_posix()
        except ValueError:
            pass
    return f"{CHECKLIST_DIR}/{name}"


def _md(text: str) -> str:
    """One line of prose for a list item (newlines folded)."""
    return " ".join(text.split())


def _unmark(text: str) -> str:
    """Marker text without a literal marker in it (the checklist is not work left to do)."""
    return _md(text).replace("TODO(", "TODO (")


def render_checklist(
    spec: Spec,
    repo: Path,
    spec_rels: list[tuple[str, str]],
    markers: list[Marker],
    steps: list[HandStep] | None = None,
) -> str:
    """The checklist's markdown. ``spec_rels``: (path as committed, sha256) per spec file."""
    steps = steps or []
    by_task: dict[str, list[Marker]] = {}
    for m in markers:
        by_task.setdefault(m.task, []).append(m)
    title = spec.meta.title or spec.slug
    spec_list = ", ".join(f"`{p}`" for p, _ in spec_rels)
    specs_arg = " ".join(p for p, _ in spec_rels)
    out: list[str] = [
        f"# Tasks: {title}",
        "",
        f"Written by `scaffold bootstrap` from {spec_list}.",
        "Work through the tasks in order. A task is done when the files it creates exist, its",
        "TODO markers are gone and its done condition passes. This list is a snapshot taken",
        "at bootstrap (file:line of each marker then); where each task stands now:",
        "",
        "```sh",
        f"scaffold status {specs_arg}          # files and markers",
        f"scaffold status {specs_arg} --run    # and the done commands",
        "```",
        "",
        "| Spec | SHA-256 |",
        "|------|---------|",
        *[f"| `{p}` | `{h}` |" for p, h in spec_rels],
        "",
    ]
    if spec.requirements:
        out += ["## Requirements", ""]
        for req in spec.requirements:
            ids = list(
                dict.fromkeys(req.tasks + [t.id for t in spec.tasks if req.id in t.implements])
            )
            out.append(f"- **{req.id}** {_md(req.summary)} — {', '.join(ids) or 'no task'}")
        out.append("")

    task_paths = {f.path for t in spec.tasks for f in t.files}
    phase = None
    out += ["## Tasks", ""]
    for task in spec.tasks:
        if task.phase and task.phase != phase:
            phase = task.phase
            out += [f"### {phase}", ""]
        tick = "x" if task.checked else " "
        out.append(f"- [{tick}] **{task.id}:** {_md(task.title)}")
        if task.implements:
            out.append(f"  - Implements: {', '.join(task.implements)}")
        if task.dependencies:
            out.append(f"  - Depends on: {', '.join(task.dependencies)}")
        if task.files:
            out.append("  - Files:")
            for f in task.files:
                if f.action == "create":
                    state = "exists" if (repo / f.path).is_file() else "to write"
                    out.append(f"    - Create `{f.path}` ({state})")
                else:
                    note = f" — {_md(f.note)}" if f.note else ""
                    out.append(f"    - Modify `{f.path}`{note}")
        paths = {f.path for f in task.files}
        for step in steps:
            if step.path in paths:
                out.append(f"  - By hand: {_md(step.message)}")
                if step.command:
                    out.append(f"    `{step.command}`")
        if task.done:
            out.append(f"  - Done when: {_md(task.done)}")
        if task.done_commands:
            out.append("  - Commands:")
            out += [f"    - `{c}`" for c in task.done_commands]
        own = by_task.get(task.id, [])
        if own:
            out.append(f"  - Markers left ({len(own)}):")
            out += [f"    - `{m.path}:{m.line}` {_unmark(m.text)}".rstrip() for m in own]
        else:
            out.append("  - Markers left: none")
        out.append("")
    other = [s for s in steps if s.path not in task_paths]
    if other:
        out += ["## By hand (no task names these files)", ""]
        for step in other:
            out.append(f"- {_md(step.message)}" + (f" `{step.command}`" if step.command else ""))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
