"""The existing schema a spec builds on (DESIGN.md §2).

In this order: ``--baseline FILE``, config ``baseline = "…"`` (schema-only SQL as
``pg_dump -s`` writes it), else the Up sections of the repo's own migrations
(except the ones the feature itself wrote, which are the spec's, not the
baseline's). ``check`` and ``generate`` both read it through :func:`load_baseline`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .diagnostics import Diagnostic

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .sqlkit import Catalog


def load_baseline(
    config: "Config", root: Path, exclude: Iterable[str] = ()
) -> tuple["Catalog | None", list[Diagnostic]]:
    """The baseline catalog, or None when there is none; problems as diagnostics.

    ``root`` is the directory the migrations dir is relative to (the target
    repo). ``exclude``: migration paths (relative to ``root``, POSIX) to leave
    out because the spec itself creates them.
    """
    from .read import display_path
    from .sqlkit import Catalog

    diags: list[Diagnostic] = []
    if config.baseline is not None:
        shown = display_path(config.baseline)
        try:
            text = config.baseline.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            diags.append(
                Diagnostic(
                    rule="CFG004",
                    severity="error",
                    message=f"cannot read the baseline schema: {reason}; fix `baseline` in "
                    "the config or pass --baseline FILE",
                    path=shown,
                )
            )
            return None, diags
        catalog, problems = Catalog.from_sql(text, shown)
        diags.extend(
            Diagnostic(
                rule=p.rule,
                severity="warning" if p.severity == "error" else p.severity,
                message=f"baseline: {p.message}",
                path=p.pos.file,
                line=p.pos.line,
                column=p.pos.column,
            )
            for p in problems
        )
        return catalog, diags
    mdir = root / config.migrations_dir
    if not mdir.is_dir():
        return None, diags
    skip = {Path(e).as_posix() for e in exclude}
    paths = [f for f in sorted(mdir.glob("*.sql")) if f.relative_to(root).as_posix() not in skip]
    catalog, problems = Catalog.from_migrations(paths)
    diags.extend(
        Diagnostic(
            rule=p.rule,
            severity="warning" if p.severity == "error" else p.severity,
            message=f"existing migration: {p.message}",
            path=display_path(Path(p.pos.file)),
            line=p.pos.line,
            column=p.pos.column,
        )
        for p in problems
    )
    return catalog, diags
