"""A render worker started before reading, so Copier's import overlaps our own work.

Importing Copier costs about half a second (DESIGN §13), as much as reading, checking
and planning the example spec together. ``scaffold generate`` forks a worker process
first thing; the worker imports Copier on the other core while the parent reads, checks
and plans, then renders the planned jobs when they arrive. What it returns is exactly
what :func:`~scaffold.generate.render.render_jobs` returns in-process; a render error
comes back as the same :class:`~scaffold.generate.render.RenderError`.

Used by the CLI (one generate per process); the library function renders in-process
unless asked, so callers that generate many times pay Copier's import once.
"""

from __future__ import annotations

import multiprocessing
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


class RenderWorker:
    """One forked process that renders one batch of jobs."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), daemon=True)
        self._proc.start()
        child.close()

    def render(
        self,
        jobs: list[Any],
        staging: Path,
        overrides: dict[str, Path] | None = None,
        *,
        timings: dict[str, float] | None = None,
    ) -> Any:
        """Render as :func:`render_jobs` does, in the worker."""
        from .render import RenderError

        self._conn.send((jobs, staging, overrides))
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
        try:
            self._conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self._conn.close()
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()


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
