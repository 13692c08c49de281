"""Plan: which files a feature needs, where, owned by whom, rendered from what data.

The plan is the only place that decides. A *family* (Go API, goose migrations,
Go project files, TypeScript, web components, …) reads the linked
:class:`~scaffold.model.Spec` and the resolved :class:`~scaffold.config.Config`
and returns :class:`RenderJob` s: one per blueprint, each with the view model the
blueprint prints and the exact list of files it must produce. Paths, owners,
names and every computed string are decided here in Python; blueprints only print.

How to add a family
-------------------
1. Write ``scaffold/generate/views/<name>.py`` with a class that has a ``name``
   and ``plan(ctx: PlanContext) -> list[RenderJob]``, and a module-level
   ``FAMILY = YourFamily()``. Add ``<name>`` to :data:`FAMILY_MODULES`.
2. Write its blueprint under ``blueprints/<blueprint>/``: a ``copier.yml``
   (copy one from an existing blueprint) and a ``blueprint.toml`` naming the view
   (``view = "<blueprint>"``, ``version = 1``). One template per *kind* of file,
   whose file name yields one file per list item and prints the item's path::

       {% yield f from files.handler %}{{ f.path }}{% endyield %}.jinja

   ``RenderJob.data["files"]`` maps each kind to a list of dicts with at least
   ``path``; the template reads the rest of the item (``f.structs``, …) and the
   job's other top-level keys. Copier runs once per job.
3. Every file the blueprint renders must be listed in ``RenderJob.files`` with
   the same path, and vice versa: the engine refuses a mismatch (an override
   blueprint that drifted from its view fails with a clear error, not with
   broken output).

A file an earlier run wrote that a family no longer plans is *stale* (reported; deleted
with ``--prune`` when unmodified) unless the family calls :meth:`PlanContext.keep` for it
(e.g. a project file it writes only into a bare target).

Families report problems through :meth:`PlanContext.report` (a positioned
:class:`~scaffold.diagnostics.Diagnostic`) and things the user must do by hand
(a line to add to ``router.go``, a ``go get`` command) through
:meth:`PlanContext.instruct`. Names that must stay stable across runs (a
migration file name the spec did not give) go through :meth:`PlanContext.name`,
which reuses the name recorded in the manifest.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover - imports for annotations only
    from ..config import Config
    from ..diagnostics import Diagnostic
    from ..model import Spec

Owner = Literal["generated", "user", "migration"]
OWNERS: tuple[str, ...] = ("generated", "user", "migration")

# Family modules under scaffold/generate/views/, in planning order. A module that
# does not exist (yet) is skipped.
FAMILY_MODULES: tuple[str, ...] = ("sql", "go", "project", "ts", "web", "openapi")


@dataclass(frozen=True)
class Source:
    """Where a planned file comes from: the spec section and the task that asks for it."""

    section: str  # "4. API Design: POST /api/v1/workspaces/{workspace_id}/invites"
    task: str = ""  # "T-003"; "" when no task names the file
    spec: str = ""  # spec path as the manifest records it (relative to the target)
    line: int = 0

    def describe(self) -> str:
        """One line for a file header: ``spec.md §4 API Design (T-003)``."""
        where = self.spec + (f":{self.line}" if self.spec and self.line else "")
        text = f"{where} {self.section}".strip()
        return text + (f" ({self.task})" if self.task else "")


@dataclass(frozen=True)
class PlannedFile:
    """One file a job renders. ``path`` is POSIX, relative to the target root."""

    path: str
    owner: Owner
    blueprint: str
    source: Source
    # Formatter the engine runs over the rendered file: "gofmt" or "".
    formatter: str = ""

    def __post_init__(self) -> None:
        if self.owner not in OWNERS:
            raise ValueError(f"unknown owner {self.owner!r} for {self.path}")


@dataclass
class RenderJob:
    """One Copier run: a blueprint, the view model it prints, the files it must produce."""

    blueprint: str  # directory name under blueprints/ (or its override in config)
    data: dict[str, Any]  # JSON-able view model; ``data["files"][kind] = [{"path": …}, …]``
    files: list[PlannedFile]
    view_version: int = 1  # must equal the blueprint's blueprint.toml ``version``


@dataclass
class Instruction:
    """Something generate will not do itself and tells the user to do (DESIGN §4)."""

    kind: Literal["add-line", "go-get", "npm-install", "shadcn-add", "migration-changed", "note"]
    message: str  # printable: "add to internal/router/router.go: api.RegisterInvitesRoutes(mux)"
    command: str = ""  # a runnable command when there is one (`go get M@V`)
    path: str = ""  # the file it concerns, relative to the target


@dataclass
class TargetState:
    """What the target already has. Reads lazily; never writes."""

    root: Path
    # The feature's previous manifest entry (``{"files": {...}, "names": {...}, …}``) or {}.
    manifest: dict[str, Any] = field(default_factory=dict)
    # Every feature's manifest entry, by feature name (to avoid two features sharing a file).
    all_features: dict[str, dict[str, Any]] = field(default_factory=dict)

    def exists(self, rel: str) -> bool:
        return (self.root / rel).is_file()

    def read_text(self, rel: str) -> str | None:
        try:
            return (self.root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def listdir(self, rel: str) -> list[str]:
        """File names in a directory of the target, sorted; [] when absent."""
        try:
            return sorted(p.name for p in (self.root / rel).iterdir() if p.is_file())
        except OSError:
            return []

    def previous_file(self, rel: str) -> dict[str, Any] | None:
        """The manifest record of a file this feature wrote last time."""
        return (self.manifest.get("files") or {}).get(rel)

    def owner_feature(self, rel: str) -> str | None:
        """The feature (other than none) whose manifest lists ``rel``."""
        for name, entry in sorted(self.all_features.items()):
            if rel in (entry.get("files") or {}):
                return name
        return None


@dataclass
class PlanContext:
    """Everything a family may read, and the three ways it may report back."""

    spec: Spec
    config: Config
    target: TargetState
    feature: str  # the feature's name: first spec's slug or --name
    spec_paths: list[str]  # the feature's spec files, relative to the target when inside it
    diagnostics: list[Diagnostic] = field(default_factory=list)
    instructions: list[Instruction] = field(default_factory=list)
    # Names chosen this run (recorded in the manifest), by key.
    names: dict[str, str] = field(default_factory=dict)
    # Files this feature wrote earlier that a family deliberately does not plan again
    # (a project file the user owns now): their records stay, they are reported "kept".
    kept: set[str] = field(default_factory=set)

    def report(self, diag: Diagnostic) -> None:
        self.diagnostics.append(diag)

    def instruct(self, instruction: Instruction) -> None:
        if instruction not in self.instructions:
            self.instructions.append(instruction)

    def keep(self, rel: str) -> None:
        """Leave ``rel`` (written by an earlier run of this feature) as it is, on purpose:
        not stale, not rewritten, still recorded in the manifest."""
        self.kept.add(rel)

    def name(self, key: str, proposed: str) -> str:
        """A stable name: the one the manifest recorded for ``key``, else ``proposed``."""
        previous = (self.target.manifest.get("names") or {}).get(key)
        chosen = previous if isinstance(previous, str) and previous else proposed
        self.names[key] = chosen
        return chosen

    def spec_rel(self, file: str) -> str:
        """A spec file as recorded (relative to the target when possible)."""
        for shown, rel in zip(self.spec.sources, self.spec_paths):
            if shown == file:
                return rel
        return file

    def source(self, section: str, pos: Any = None, task: str = "") -> Source:
        """A :class:`Source` for a model element (anything with ``pos``)."""
        p = getattr(pos, "pos", pos)
        file = getattr(p, "file", "") or (self.spec.sources[0] if self.spec.sources else "")
        return Source(
            section=section, task=task, spec=self.spec_rel(file), line=getattr(p, "line", 0)
        )


@runtime_checkable
class Family(Protocol):
    """A blueprint family: decides files and view models for one part of the output."""

    name: str

    def plan(self, ctx: PlanContext) -> list[RenderJob]: ...


def load_families(only: tuple[str, ...] | None = None) -> list[Family]:
    """The families of :data:`FAMILY_MODULES` that exist, in order."""
    families: list[Family] = []
    for mod_name in only or FAMILY_MODULES:
        try:
            module = importlib.import_module(f"{__package__}.views.{mod_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__package__}.views.{mod_name}":
                continue
            raise
        family = getattr(module, "FAMILY", None)
        if family is not None:
            families.append(family)
    return families


def check_relpath(path: str, state: bool = False) -> str | None:
    """Why ``path`` may not be written (absolute, ``..``, empty part), or None when fine.

    ``state``: the path is scaffold's own (``.scaffold/manifest.json``, ``.scaffold/base/…``).
    """
    if not path or path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return f"{path!r} is absolute; only paths inside the target are written"
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if any(part in ("..", "") for part in parts) or "\x00" in path:
        return f"{path!r} leaves the target (contains '..')"
    if parts and parts[0] == ".scaffold" and not state:
        return f"{path!r} is inside .scaffold/, which only scaffold itself writes"
    if parts and parts[0] == ".git":
        return f"{path!r} is inside .git/"
    return None
