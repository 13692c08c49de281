"""A render worker started before reading, so Copier's import overlaps our own work.

Importing Copier costs about half a second (DESIGN §13), as much as reading, checking
and planning the example spec together. ``scaffold generate`` forks a worker process
first thing; the worker imports Copier on the other core while the parent reads, checks
and plans, then renders the planned jobs when they arrive. A large batch
(:data:`SHARE_MIN_FILES` files or more) is shared: the worker renders part of it while
the parent imports Copier and renders the rest, so two cores render at once. What comes
back is exactly what :func:`~scaffold.generate.render.render_jobs` returns in-process; a
render error comes back as the same :class:`~scaffold.generate.render.RenderError`.

Used by the CLI (one generate per process); the library function renders in-process
unless asked, so callers that generate many times pay Copier's import once.
"""

from __future__ import annotations

import multiprocessing
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# Below this many files, importing Copier in the parent costs more than sharing saves.
SHARE_MIN_FILES = 200
# The parent's share of the files: it starts later (it imports Copier first).
PARENT_SHARE = 0.4


class RenderWorker:
    """One forked process that renders one batch of jobs (or its share of a large one)."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        self._proc.start()
        child.close()
        self._asked = False  # whether the worker was given work (else close() kills it)

    def render(
        self,
        jobs: list[Any],
        staging: Path,
        overrides: dict[str, Path] | None = None,
        *,
        timings: dict[str, float] | None = None,
    ) -> Any:
        """Render as :func:`render_jobs` does, in the worker (and here, for a large batch)."""
        from .render import Rendered, render_jobs

        self._asked = True
        files = sum(len(job.files) for job in jobs)
        if files < SHARE_MIN_FILES or len(jobs) < 2:
            self._conn.send((jobs, staging, overrides))
            return self._receive(timings)
        theirs, mine = share(jobs)
        self._conn.send((theirs, staging / "worker", overrides))
        try:
            here = render_jobs(mine, staging / "here", overrides, timings=timings)
        finally:
            there = self._receive(timings)  # always collect the worker's answer
        out = Rendered()
        for part in (there, here):
            for rel, path in part.files.items():
                out.add(rel, path, part.planned[rel])
            out.diagnostics.extend(part.diagnostics)
        return out

    def _receive(self, timings: dict[str, float] | None) -> Any:
        from .render import RenderError

        try:
            kind, payload, spent = self._conn.recv()
        except EOFError:
            raise RuntimeError("the render worker exited without an answer") from None
        if timings is not None:
            for key, seconds in spent.items():
                timings[key] = timings.get(key, 0.0) + seconds
        if kind == "ok":
            return payload
        if kind == "render-error":
            raise RenderError(payload)
        raise RuntimeError(f"the render worker failed:\n{payload}")

    def close(self) -> None:
        """Stop the worker. One never given work (the spec had errors) is killed at once
        rather than waited for while it still imports Copier."""
        if not self._asked:
            self._proc.kill()
            self._proc.join()
            self._conn.close()
            return
        try:
            self._conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self._conn.close()
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()


def share(jobs: list[Any]) -> tuple[list[Any], list[Any]]:
    """Split jobs (whole jobs, largest first) into the worker's share and the parent's."""
    total = sum(len(job.files) for job in jobs)
    theirs: list[Any] = []
    mine: list[Any] = []
    load = {"theirs": 0.0, "mine": 0.0}
    weight = {"theirs": 1 - PARENT_SHARE, "mine": PARENT_SHARE}
    for job in sorted(jobs, key=lambda j: -len(j.files)):
        side = min(load, key=lambda k: (load[k] + len(job.files)) / (weight[k] * total or 1))
        (theirs if side == "theirs" else mine).append(job)
        load[side] += len(job.files)
    return theirs, mine


def _serve(conn: Connection) -> None:
    from .render import RenderError, render_jobs

    import copier  # noqa: F401 - the point: import while the parent reads and plans
    import copier._main  # noqa: F401
    import copier._template  # noqa: F401
    import copier._vcs  # noqa: F401

    try:
        request = conn.recv()
    except EOFError:
        return
    if request is None:
        return
    jobs, staging, overrides = request
    timings: dict[str, float] = {}
    try:
        rendered = render_jobs(jobs, staging, overrides, timings=timings)
        conn.send(("ok", rendered, timings))
    except RenderError as exc:
        conn.send(("render-error", exc.diagnostic, timings))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        conn.send(("crash", traceback.format_exc(), timings))
    finally:
        conn.close()
