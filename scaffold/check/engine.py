"""The rule engine of ``scaffold check``: rules, their context, and running them.

A :class:`Rule` is an ID (``TRACE001``), a severity, a one-line purpose and a
function ``(ctx) -> Iterable[Diagnostic]``. Rule modules under
:mod:`scaffold.check.rules` register theirs with :func:`rule`. A rule never
raises: the engine turns an exception inside a rule into one ``CHECK000``
diagnostic naming the rule, so a bug in one rule never hides the others.

The check path imports neither copier nor jinja2 (DESIGN.md §13).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..diagnostics import Diagnostic, Severity, at
from ..model import Pos, Spec

if TYPE_CHECKING:  # pragma: no cover
    from ..sqlkit import Catalog

RuleFunc = Callable[["Context"], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue."""

    id: str
    severity: Severity
    purpose: str
    func: RuleFunc = field(compare=False, repr=False)
    family: str = ""

    def at(self, pos: Pos | Any, message: str, **extra: Any) -> Diagnostic:
        """A diagnostic of this rule at ``pos``, with the rule's severity."""
        return at(pos, self.id, self.severity, message, **extra)


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, purpose: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as rule ``rule_id``."""

    def deco(func: RuleFunc) -> RuleFunc:
        if rule_id in REGISTRY:  # pragma: no cover - a programming error
            raise ValueError(f"rule {rule_id} registered twice")
        family = func.__module__.rsplit(".", 1)[-1]
        REGISTRY[rule_id] = Rule(rule_id, severity, purpose, func, family)
        return func

    return deco


def this(rule_id: str) -> Rule:
    """The registered rule ``rule_id`` (for building its diagnostics)."""
    return REGISTRY[rule_id]


@dataclass
class Context:
    """What every rule reads: the linked spec, the baseline schema, the config."""

    spec: Spec
    baseline: "Catalog | None" = None
    migrations_numbering: str | None = None
    # Nullability policy of the one type mapping (DESIGN.md §9): "wire" or "non-nil".
    policy: str = "wire"
    # Filled by rules that share expensive work (see the cached properties below).
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.spec.sources[0] if self.spec.sources else ""

    def spec_pos(self) -> Pos:
        """Where to report a finding about the spec as a whole: its title line, else line 1."""
        if self.spec.meta.pos.line:
            return self.spec.meta.pos
        return Pos(file=self.file, line=1, column=1)

    @cached_property
    def requirement_ids(self) -> set[str]:
        return {r.id for r in self.spec.requirements}

    @cached_property
    def task_index(self) -> dict[str, int]:
        """Task ID → its first position in spec order."""
        index: dict[str, int] = {}
        for i, task in enumerate(self.spec.tasks):
            index.setdefault(task.id, i)
        return index


def run_rules(ctx: Context, rules: Iterable[Rule]) -> Iterator[Diagnostic]:
    """Run each rule, isolating failures: a crashing rule becomes one CHECK000 diagnostic."""
    for r in rules:
        try:
            yield from r.func(ctx)
        except Exception as exc:  # noqa: BLE001 - a rule bug must not hide the others
            yield at(
                ctx.spec_pos(),
                "CHECK000",
                "error",
                f"rule {r.id} failed on this spec ({type(exc).__name__}: {exc}); "
                "the spec may still be fine: please report this with the spec attached.",
            )
