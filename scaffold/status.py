"""``scaffold status``: where each task of a spec stands, from evidence (DESIGN §12).

Works on any repository that implements a spec, bootstrapped by scaffold or not. The
evidence per task:

- every file the task says to **Create** exists;
- no ``TODO(T-00N)`` marker with the task's ID remains in the repository's files;
- with ``run=True``, every done-condition command of the task passes. Commands come from
  a document, so each is printed before it runs, and only tasks without missing files or
  markers are run. ``goose status`` output is read for pending migrations, not trusted for
  its exit code.

A task is ``todo`` while a file is missing or a marker remains, ``implemented`` when
neither, ``verified`` / ``failing`` after a run. A requirement has the state of its
weakest task. A ticked checkbox in the spec (``- [x] **T-004:**``) that the evidence
contradicts is a warning naming the missing file or the remaining marker.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Literal

from .diagnostics import EXIT_USAGE, Diagnostic, exit_code, render

TaskState = Literal["todo", "implemented", "verified", "failing"]
STATES: tuple[str, ...] = ("todo", "failing", "implemented", "verified")  # weakest first

MARKER_RE = re.compile(r"TODO\(\s*(T-\d+)\s*\)")
# scaffold's own header of user-owned stubs explains the marker without being one.
_HEADER_RE = re.compile(r"TODO\(T-\d+\) marks what is left to do")
_PENDING_RE = re.compile(r"^\s*Pending\s+--\s+(\S+)", re.MULTILINE)
_SKIP_DIRS = {".git", ".scaffold", "node_modules", ".venv", "vendor", "dist", "build", ".cache"}
_MAX_FILE_BYTES = 2 * 1024 * 1024
OUTPUT_TAIL = 4000

RULE_CLAIM = "STATUS001"  # ticked in the spec, contradicted by the evidence
RULE_UNKNOWN_MARKER = "STATUS002"  # a marker names a task the spec does not have
RULE_FAILING = "STATUS010"  # a done command failed
RULE_NOT_RUN = "STATUS011"  # a done command that destroys data, not confirmed, was not run


@dataclass
class Marker:
    """A ``TODO(T-00N)`` marker: where it is and the rest of its line."""

    task: str
    path: str
    line: int
    column: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class CommandRun:
    command: str
    exit_code: int
    passed: bool
    pending: list[str] = field(default_factory=list)  # goose status: pending migrations
    output: str = ""


@dataclass
class TaskStatus:
    id: str
    title: str
    state: TaskState
    requirements: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    commands: list[CommandRun] = field(default_factory=list)
    done_commands: list[str] = field(default_factory=list)
    checked: bool | None = None


@dataclass
class RequirementStatus:
    id: str
    summary: str
    state: str  # a TaskState, or "no tasks"
    tasks: list[str] = field(default_factory=list)


@dataclass
class StatusResult:
    feature: str = ""
    repo: str = ""
    ran: bool = False
    tasks: list[TaskStatus] = field(default_factory=list)
    requirements: list[RequirementStatus] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 0

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATES}
        for t in self.tasks:
            out[t.state] += 1
        return out

    def to_dict(self) -> dict:
        return {
            "feature": self.feature,
            "repo": self.repo,
            "ran": self.ran,
            "tasks": [asdict(t) for t in self.tasks],
            "requirements": [asdict(r) for r in self.requirements],
            "counts": self.counts(),
        }

    def json(self) -> str:
        """``{"version": 1, "diagnostics": …, "summary": …, "feature": …, "tasks": …}``."""
        return render(self.diagnostics, "json", extra=self.to_dict())

    def text(self) -> str:
        """A task table, a requirement table, then the diagnostics."""
        lines: list[str] = []
        if self.tasks:
            w_title = min(44, max(len(t.title) for t in self.tasks))
            lines.append(f"Tasks of {self.feature}:")
            for t in self.tasks:
                tick = {True: "[x]", False: "[ ]", None: "   "}[t.checked]
                title = t.title if len(t.title) <= w_title else t.title[: w_title - 1] + "…"
                lines.append(f"  {tick} {t.id}  {t.state:<11}  {title:<{w_title}}  {_evidence(t)}")
                for path in t.missing_files:
                    lines.append(f"          missing  {path}")
                for m in t.markers:
                    lines.append(f"          marker   {m.where}  {m.text}")
                for c in t.commands:
                    verdict = "passed" if c.passed else f"failed (exit {c.exit_code})"
                    extra = f"; pending: {', '.join(c.pending)}" if c.pending else ""
                    lines.append(f"          ran      `{c.command}` {verdict}{extra}")
                    if not c.passed:
                        tail = [ln for ln in c.output.splitlines() if ln.strip()][-3:]
                        lines += [f"                   | {_clip(ln.rstrip(), 140)}" for ln in tail]
        if self.requirements:
            lines.append("Requirements:")
            for r in self.requirements:
                lines.append(f"  {r.id}  {r.state:<11}  {', '.join(r.tasks) or '-'}")
        c = self.counts()
        lines.append(
            f"{len(self.tasks)} task(s): {c['verified']} verified, {c['implemented']} implemented, "
            f"{c['failing']} failing, {c['todo']} todo"
        )
        text = "\n".join(lines) + "\n"
        if self.diagnostics:
            text += render(self.diagnostics, "text")
        return text


def _evidence(t: TaskStatus) -> str:
    parts = []
    if t.missing_files:
        parts.append(f"{len(t.missing_files)} file(s) missing")
    if t.markers:
        parts.append(f"{len(t.markers)} marker(s)")
    if t.commands:
        ok = sum(c.passed for c in t.commands)
        parts.append(f"{ok}/{len(t.commands)} command(s) passed")
    elif t.state == "implemented" and t.done_commands:
        parts.append("not run (--run runs its done commands)")
    return "; ".join(parts)


# --------------------------------------------------------------------------- evidence


def repo_files(repo: Path) -> list[str]:
    """The repository's files (POSIX, relative): tracked and untracked-not-ignored ones in a
    git work tree, else every file outside build/dependency directories."""
    try:
        proc = subprocess.run(
            [
                "git",
                "-C",
                str(repo),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ],
            capture_output=True,
            check=False,
        )
    except OSError:
        proc = None
    if proc is not None and proc.returncode == 0:
        rels = sorted({p for p in proc.stdout.decode("utf-8", "replace").split("\0") if p})
        return [r for r in rels if not (set(r.split("/")[:-1]) & _SKIP_DIRS)]
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(repo):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in sorted(filenames):
            out.append((Path(dirpath) / name).relative_to(repo).as_posix())
    return out


def scan_markers(repo: Path, exclude: set[str] | None = None) -> list[Marker]:
    """Every ``TODO(T-00N)`` marker in the repository's text files, in path/line order.

    ``exclude``: paths (relative) not to scan, such as the spec and its checklist, which
    talk about markers without being work left to do.
    """
    exclude = exclude or set()
    markers: list[Marker] = []
    for rel in repo_files(repo):
        if rel in exclude or rel.startswith(".scaffold/"):
            continue
        path = repo / rel
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_FILE_BYTES:
                continue
            raw = path.read_bytes()
        except OSError:
            continue
        if b"TODO(" not in raw or b"\0" in raw[:8192]:
            continue
        text = raw.decode("utf-8", "replace")
        for n, line in enumerate(text.splitlines(), 1):
            if "TODO(" not in line or _HEADER_RE.search(line):
                continue
            for m in MARKER_RE.finditer(line):
                rest = line[m.end() :].lstrip(" :").strip()
                quote = line[m.start() - 1] if m.start() else ""
                if quote in ("'", '"', "`"):  # a marker inside a string: up to its end
                    rest = rest.split(quote, 1)[0]
                rest = rest.rstrip("\"'`);,").strip()
                markers.append(Marker(m.group(1), rel, n, m.start() + 1, _clip(rest)))
    return markers


def _clip(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _ask_on_tty(command: str) -> bool:
    """Ask on the terminal before a command that destroys data; no terminal means no."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return False
    sys.stderr.write(f"`{command}` destroys data. Run it? [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")


def run_command(command: str, repo: Path, timeout: int = 900) -> CommandRun:
    """Run one done-condition command in ``repo`` with bash; read ``goose status`` output."""
    try:
        proc = subprocess.run(
            command,
            shell=True,
            executable="/bin/bash",
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        code, output = proc.returncode, (proc.stdout or "") + (proc.stderr or "")
    except subprocess.TimeoutExpired as exc:
        code = 124
        output = f"timed out after {timeout} s\n" + str(exc.output or "")
    except OSError as exc:
        code, output = 127, str(exc)
    pending: list[str] = []
    if _is_goose_status(command):
        pending = _PENDING_RE.findall(output)
    return CommandRun(
        command=command,
        exit_code=code,
        passed=code == 0 and not pending,
        pending=pending,
        output=output[-OUTPUT_TAIL:],
    )


def _is_goose_status(command: str) -> bool:
    words = command.replace("&&", " ").replace(";", " ").split()
    return "goose" in [Path(w).name for w in words] and "status" in words


def weakest(states: list[str]) -> str:
    """A requirement's state: the weakest of its tasks' (todo < failing < implemented < verified)."""
    if not states:
        return "no tasks"
    return min(states, key=STATES.index)


# --------------------------------------------------------------------------- status


def status(
    spec_paths: list[Path],
    repo: Path,
    run: bool = False,
    *,
    echo: Callable[[str], None] | None = None,
    timeout: int = 900,
    strict: bool = False,
    only: list[str] | None = None,
    yes: bool = False,
    confirm: Callable[[str], bool] | None = None,
) -> StatusResult:
    """The state of every task and requirement of the feature ``spec_paths`` in ``repo``.

    ``run``: run each done command of the tasks whose files exist and markers are gone,
    printing it through ``echo`` (default: standard error) before it runs. ``only``: report
    (and run) these task IDs only; requirements then show the state of those tasks.
    A command that destroys data (`goose down`, `DROP TABLE`) runs only with the user's
    explicit yes: ``yes`` (``--yes``), or ``confirm(command)`` (default: a prompt when
    standard input is a terminal, else no); one not confirmed is reported, not run.
    """
    from .diagnostics import escalate
    from .read import SpecReadError, load_feature

    from .read.markdown.tasks import destroys_data

    ask = confirm or _ask_on_tty
    repo = Path(repo)
    result = StatusResult(repo=str(repo), ran=run)
    try:
        spec = load_feature([Path(p) for p in spec_paths])
    except SpecReadError as exc:
        result.diagnostics.append(
            Diagnostic(rule="SPEC000", severity="error", message=exc.message, path=exc.path)
        )
        result.exit_code = EXIT_USAGE
        return result
    if not repo.is_dir():
        result.diagnostics.append(
            Diagnostic(
                rule="STATUS000",
                severity="error",
                message=f"--repo {repo} is not a directory",
                path=str(repo),
            )
        )
        result.exit_code = EXIT_USAGE
        return result
    result.feature = spec.slug
    say = echo or (lambda line: print(line, file=sys.stderr, flush=True))

    exclude = _spec_and_checklist_paths(spec_paths, repo, spec.slug)
    markers = scan_markers(repo, exclude)
    by_task: dict[str, list[Marker]] = {}
    for m in markers:
        by_task.setdefault(m.task, []).append(m)
    known = {t.id for t in spec.tasks}
    for m in markers:
        if m.task not in known:
            result.diagnostics.append(
                Diagnostic(
                    rule=RULE_UNKNOWN_MARKER,
                    severity="warning",
                    message=f"marker TODO({m.task}) names a task the spec does not have",
                    path=m.path,
                    line=m.line,
                    column=m.column,
                )
            )

    wanted = set(only or [])
    unknown = sorted(wanted - known)
    if unknown:
        result.diagnostics.append(
            Diagnostic(
                rule="STATUS000",
                severity="error",
                message=f"no task {', '.join(unknown)} in the spec "
                f"(it has {', '.join(t.id for t in spec.tasks) or 'no tasks'})",
                path=spec.sources[0] if spec.sources else "",
            )
        )
        result.exit_code = EXIT_USAGE
        return result
    for task in spec.tasks:
        if wanted and task.id not in wanted:
            continue
        missing = [
            f.path for f in task.files if f.action == "create" and not (repo / f.path).is_file()
        ]
        own = by_task.get(task.id, [])
        ts = TaskStatus(
            id=task.id,
            title=task.title,
            state="todo" if missing or own else "implemented",
            requirements=list(task.implements),
            missing_files=missing,
            markers=own,
            done_commands=list(task.done_commands),
            checked=task.checked,
        )
        if run and ts.state == "implemented" and task.done_commands:
            skipped = False
            for command in task.done_commands:
                if destroys_data(command) and not (yes or ask(command)):
                    skipped = True
                    result.diagnostics.append(
                        Diagnostic(
                            rule=RULE_NOT_RUN,
                            severity="warning",
                            message=f"{task.id}: done command `{command}` destroys data and "
                            "was not run; pass --yes to run it",
                            path=task.pos.file,
                            line=task.pos.line,
                            column=task.pos.column,
                        )
                    )
                    continue
                say(f"$ {command}    # {task.id}")
                ts.commands.append(run_command(command, repo, timeout))
            if not all(c.passed for c in ts.commands):
                ts.state = "failing"
            elif not skipped:
                ts.state = "verified"
            for c in ts.commands:
                if not c.passed:
                    why = f"exited {c.exit_code}"
                    if c.pending:
                        why = f"lists pending migrations: {', '.join(c.pending)}"
                    result.diagnostics.append(
                        Diagnostic(
                            rule=RULE_FAILING,
                            severity="error",
                            message=f"{task.id}: done command `{c.command}` {why}",
                            path=task.pos.file,
                            line=task.pos.line,
                            column=task.pos.column,
                        )
                    )
        if task.checked:
            result.diagnostics.extend(_contradicted_claim(task, ts))
        result.tasks.append(ts)

    state_of = {t.id: t.state for t in result.tasks}
    for req in spec.requirements:
        ids = list(dict.fromkeys(req.tasks + [t.id for t in spec.tasks if req.id in t.implements]))
        ids = [i for i in ids if i in state_of]
        if wanted and not ids:
            continue
        result.requirements.append(
            RequirementStatus(
                id=req.id,
                summary=req.summary,
                state=weakest([state_of[i] for i in ids]),
                tasks=ids,
            )
        )
    result.diagnostics = escalate(result.diagnostics, strict)
    result.exit_code = exit_code(result.diagnostics)
    return result


def _contradicted_claim(task, ts: TaskStatus) -> list[Diagnostic]:
    """Warnings for a ticked task whose evidence says otherwise."""
    out = []

    def warn(message: str) -> None:
        out.append(
            Diagnostic(
                rule=RULE_CLAIM,
                severity="warning",
                message=message,
                path=task.pos.file,
                line=task.pos.line,
                column=task.pos.column,
            )
        )

    for path in ts.missing_files:
        warn(f"{task.id} is ticked done, but {path}, which it creates, does not exist")
    if ts.markers:
        where = ", ".join(m.where for m in ts.markers[:5])
        more = f" and {len(ts.markers) - 5} more" if len(ts.markers) > 5 else ""
        warn(f"{task.id} is ticked done, but its TODO markers remain: {where}{more}")
    if ts.state == "failing":
        warn(f"{task.id} is ticked done, but its done commands fail")
    return out


def _spec_and_checklist_paths(spec_paths: list[Path], repo: Path, slug: str) -> set[str]:
    """The spec files and checklists (relative to ``repo``) that scanning must skip."""
    from .checklist import checklist_path

    out: set[str] = set()
    root = repo.resolve()
    for p in spec_paths:
        try:
            out.add(Path(p).resolve().relative_to(root).as_posix())
        except ValueError:
            pass
    out.add(checklist_path(spec_paths, repo, slug))
    return out
