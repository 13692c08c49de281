"""``scaffold check``: the template's self-evaluation as deterministic rules.

>>> from scaffold.read import load_feature
>>> diags = run_checks(load_feature(["tech-specs/invites.md"]))  # doctest: +SKIP

:data:`RULES` is the catalogue (``scaffold rules`` prints :func:`rules_table`);
:func:`run_checks` runs every rule over a linked spec and also reports what the
readers and the link step could not make sense of (``spec.problems``, with their
own rule IDs). Diagnostics come back sorted by position. Importing this package
imports neither copier nor jinja2: the check path stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, at, sort_diagnostics
from ..model import Spec
from . import rules as _rules  # noqa: F401 - registers every rule
from .engine import REGISTRY, Context, Rule, run_rules

if TYPE_CHECKING:  # pragma: no cover
    from ..sqlkit.catalog import Catalog

__all__ = ["RULES", "Rule", "Context", "run_checks", "rules_table", "problem_diagnostics"]

RULES: dict[str, Rule] = dict(sorted(REGISTRY.items()))


def problem_diagnostics(spec: Spec) -> list[Diagnostic]:
    """The readers' and the link step's problems as diagnostics, with their own rule IDs."""
    return [at(p.pos, p.rule, p.severity, p.message) for p in spec.problems]


def run_checks(
    spec: Spec,
    baseline: "Catalog | None" = None,
    *,
    migrations_numbering: str | None = None,
    only: set[str] | None = None,
    policy: str = "wire",
) -> list[Diagnostic]:
    """Every rule's diagnostics for ``spec`` (linked, see :func:`scaffold.read.link.link`).

    ``baseline`` is the schema the spec builds on (DESIGN.md §2); ``migrations_numbering``
    is ``"timestamp"`` (goose's default) or ``"sequential"`` (``00002_name.sql``), as
    configured or as the repo's migrations show; None means timestamp. ``only`` limits
    the run to some rule IDs (the readers' problems are always reported). ``policy`` is
    the configured nullability policy for Go ↔ TS alignment (``"wire"`` or ``"non-nil"``).
    """
    diags = problem_diagnostics(spec)
    if _nothing_read(spec) and any(p.severity == "error" for p in spec.problems):
        # The readers could not read the file at all (too large, not a spec): their
        # problems say why; rules about missing content would only repeat it.
        return sort_diagnostics(diags)
    ctx = Context(
        spec=spec,
        baseline=baseline,
        migrations_numbering=migrations_numbering,
        policy=policy if policy in ("wire", "non-nil") else "wire",
    )
    selected = [r for rid, r in RULES.items() if only is None or rid in only]
    diags.extend(run_rules(ctx, selected))
    return sort_diagnostics(diags)


def _nothing_read(spec: Spec) -> bool:
    """True when the readers found nothing at all in the file."""
    if spec.meta.title or spec.meta.type or spec.meta.status or spec.sections:
        return False
    return not any(
        getattr(spec, name)
        for name in ("requirements", "tables", "migrations", "endpoints", "tasks", "errors")
    )


def _reader_rules() -> list[tuple[str, str, str]]:
    """Rule IDs the readers and the link step report (documented by their modules)."""
    out: list[tuple[str, str, str]] = []
    from ..read import link as link_module

    out.extend((rid, sev, purpose) for rid, (sev, purpose) in link_module.RULES.items())
    out.append(("LINK000", "warning", "the link step could not resolve the spec's references"))
    out.append(("CHECK000", "error", "a rule failed on this spec (a bug: please report it)"))
    for module, severity in (
        ("scaffold.read", "error"),
        ("scaffold.read.markdown.context", "error"),
        ("scaffold.read.markdown", "error"),
        ("scaffold.read.yamlform", "error"),
        ("scaffold.read.gocode", "error"),
        ("scaffold.read.tscode", "error"),
        ("scaffold.sqlkit.goose", "error"),
        ("scaffold.sqlkit.catalog", "warning"),
    ):
        try:
            import importlib

            table = getattr(importlib.import_module(module), "RULES", None)
        except Exception:  # noqa: BLE001 - a reader still being written is simply skipped
            continue
        if isinstance(table, dict):
            for rid, value in table.items():
                sev, purpose = value if isinstance(value, tuple) else (severity, str(value))
                out.append((rid, sev, purpose))
    return out


def rules_table() -> list[tuple[str, str, str, bool]]:
    """(id, severity, purpose, blocks generation) for every rule ``check`` can report,
    sorted by ID (see :mod:`scaffold.check.blocking`)."""
    from .blocking import blocks_generation

    rows = {r.id: (r.id, r.severity, r.purpose) for r in RULES.values()}
    for rid, sev, purpose in _reader_rules():
        rows.setdefault(rid, (rid, sev, purpose))
    return sorted((*row, blocks_generation(row[0])) for row in rows.values())
