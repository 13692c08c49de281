"""Render: run each :class:`~scaffold.generate.plan.RenderJob` through Copier into staging.

Copier renders into a staging directory on the target's filesystem, never into the
target (DESIGN §6). It runs once per job (one blueprint, many files through
``{% yield %}`` file names). The rendered file set must equal the planned one. Go
output is formatted once with ``gofmt -w`` over the staging dir; without gofmt,
nothing is formatted and a warning says so.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..diagnostics import Diagnostic
from .plan import PlannedFile, RenderJob

# `scaffold/blueprints` links to the top-level `blueprints/` in a checkout; a wheel holds a
# copy (package data), so an installed scaffold finds its blueprints the same way.
BLUEPRINTS_DIR = Path(__file__).resolve().parent.parent / "blueprints"


class RenderError(Exception):
    """A blueprint could not be rendered as planned; carries a diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class Rendered:
    """Rendered files: target-relative path → staged file, plus what went wrong."""

    files: dict[str, Path] = field(default_factory=dict)
    planned: dict[str, PlannedFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, rel: str, path: Path, planned: PlannedFile) -> None:
        """Record one rendered file; a path two jobs render is a :class:`RenderError`."""
        if rel in self.files:
            raise RenderError(
                Diagnostic(
                    rule="GEN014",
                    severity="error",
                    message=f"{rel} is planned twice ({self.planned[rel].blueprint} and "
                    f"{planned.blueprint})",
                )
            )
        self.files[rel] = path
        self.planned[rel] = planned


@contextmanager
def fast_copier(copier_module) -> Iterator[None]:
    """Skip Copier's git probes that cannot apply to our render: blueprints are plain
    directories (Copier still runs ``git init`` + ``git bundle verify`` on each to ask
    whether it is a bundle file) and staging dirs are not work trees we track (Copier
    syncs the executable bit into the destination's git index with one ``git`` process per
    file). Each probe is a process (~8 ms); together they were most of Copier's time.
    Everything else about rendering is Copier's own. Patches are undone on exit and
    skipped when a Copier version lacks the attribute."""
    patches = []
    main = getattr(copier_module, "_main", None)
    template = getattr(copier_module, "_template", None)
    vcs = getattr(copier_module, "_vcs", None)
    for module in (main, template):
        if module is not None and hasattr(module, "is_git_available"):
            patches.append((module, "is_git_available", lambda: False))
    if vcs is not None and hasattr(vcs, "is_git_bundle"):
        original = vcs.is_git_bundle
        patches.append(
            (vcs, "is_git_bundle", lambda path: False if Path(path).is_dir() else original(path))
        )
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    for obj, name, value in patches:
        setattr(obj, name, value)
    try:
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


def blueprint_dir(name: str, overrides: dict[str, Path] | None = None) -> Path:
    """The directory of blueprint ``name``: the config override, else the bundled one."""
    if overrides and name in overrides:
        return Path(overrides[name])
    return BLUEPRINTS_DIR / name


def blueprint_view_version(path: Path) -> int | None:
    """The view-model version a blueprint declares in its ``blueprint.toml``."""
    try:
        data = tomllib.loads((path / "blueprint.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    version = data.get("version")
    return version if isinstance(version, int) else None


def render_jobs(
    jobs: list[RenderJob],
    staging: Path,
    overrides: dict[str, Path] | None = None,
    *,
    gofmt: bool = True,
    timings: dict[str, float] | None = None,
) -> Rendered:
    """Render every job into ``staging/<n>/``; raise :class:`RenderError` on a mismatch.

    ``timings`` (when given) receives ``copier_import``, ``copier`` (time inside
    ``run_copy``) and ``gofmt`` in seconds."""
    import time

    t0 = time.perf_counter()
    import copier  # noqa: PLC0415 - costly import, only when rendering
    import copier._main  # noqa: F401,PLC0415
    import copier._template  # noqa: F401,PLC0415
    import copier._vcs  # noqa: F401,PLC0415

    timings = timings if timings is not None else {}
    timings["copier_import"] = time.perf_counter() - t0
    timings.setdefault("copier", 0.0)
    out = Rendered()
    for n, job in enumerate(jobs):
        src = blueprint_dir(job.blueprint, overrides)
        where = str(src)
        if not (src / "copier.yml").is_file():
            raise RenderError(
                Diagnostic(
                    rule="GEN010",
                    severity="error",
                    message=f"blueprint {job.blueprint!r} not found at {where} (no copier.yml)",
                    path=where,
                )
            )
        declared = blueprint_view_version(src)
        if declared != job.view_version:
            raise RenderError(
                Diagnostic(
                    rule="GEN011",
                    severity="error",
                    message=f"blueprint {job.blueprint!r} at {where} expects view version "
                    f"{declared}, scaffold gives version {job.view_version}; update the "
                    "override from the bundled blueprint (`scaffold schema --view "
                    f"{job.blueprint}` shows the view model)",
                    path=where,
                )
            )
        dst = staging / f"{n:03d}-{job.blueprint}"
        t1 = time.perf_counter()
        try:
            with fast_copier(copier):
                copier.run_copy(
                    str(src),
                    str(dst),
                    data=job.data,
                    defaults=True,
                    overwrite=True,
                    quiet=True,
                    unsafe=False,
                    skip_tasks=True,
                    cleanup_on_error=False,
                )
        except Exception as exc:  # Copier/Jinja errors of any kind
            raise RenderError(
                Diagnostic(
                    rule="GEN012",
                    severity="error",
                    message=f"blueprint {job.blueprint!r} failed to render: "
                    f"{type(exc).__name__}: {exc}",
                    path=where,
                )
            ) from exc
        timings["copier"] += time.perf_counter() - t1
        rendered = {p.relative_to(dst).as_posix(): p for p in sorted(dst.rglob("*")) if p.is_file()}
        planned = {f.path: f for f in job.files}
        extra = sorted(set(rendered) - set(planned))
        missing = sorted(set(planned) - set(rendered))
        if extra or missing:
            parts = []
            if extra:
                parts.append("rendered but not planned: " + ", ".join(extra[:5]))
            if missing:
                parts.append("planned but not rendered: " + ", ".join(missing[:5]))
            raise RenderError(
                Diagnostic(
                    rule="GEN013",
                    severity="error",
                    message=f"blueprint {job.blueprint!r} does not fit its view: "
                    + "; ".join(parts),
                    path=where,
                )
            )
        for rel, path in rendered.items():
            out.add(rel, path, planned[rel])
    if gofmt:
        t2 = time.perf_counter()
        go_files = [out.files[r] for r, f in out.planned.items() if f.formatter == "gofmt"]
        out.diagnostics.extend(run_gofmt(staging, go_files))
        timings["gofmt"] = time.perf_counter() - t2
    return out


def run_gofmt(staging: Path, go_files: list[Path]) -> list[Diagnostic]:
    """``gofmt -w`` once over the staged Go files; a syntax error is an error."""
    if not go_files:
        return []
    exe = shutil.which("gofmt")
    if exe is None:
        return [
            Diagnostic(
                rule="GEN020",
                severity="warning",
                message="gofmt not found on PATH: Go files were written unformatted; "
                "run `gofmt -w .` after installing Go",
            )
        ]
    proc = subprocess.run(
        [exe, "-w", *[str(p) for p in go_files]],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        msg = proc.stderr.strip().replace(str(staging) + "/", "")
        raise RenderError(
            Diagnostic(
                rule="GEN021",
                severity="error",
                message="generated Go does not parse (a scaffold bug; please report it with "
                f"the spec): {msg[:2000]}",
            )
        )
    return []
