"""Which Go struct is compared with which TS type (DESIGN §11).

Pairs come from, in this order: the spec (each endpoint's request/response Go struct
and TS type, and every struct the spec declares whose TS type it also declares under
the same name); explicit pairs (``--pair GoType=TSType``, config ``pairs``); name
patterns (``--ts-name 'I{}'``: ``{}`` is the Go name); identical names. A Go struct
is paired once, by the first source that pairs it. A Go struct without json tags is
not an API type: only the spec and explicit pairs compare it.

Go names may be qualified by package (``models.User``) to pick one of several
structs with the same name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..diagnostics import Diagnostic
from .resolve import GoIndex, GoStructLoc, TsIndex, TsTypeLoc

Source = Literal["spec", "explicit", "pattern", "name"]


@dataclass(frozen=True)
class Pair:
    go: GoStructLoc
    ts: TsTypeLoc
    source: Source
    why: str  # "endpoint POST /invites response", "--pair", "pattern I{}", "same name"

    def as_json(self) -> dict:
        return {
            "go": {"type": self.go.rec.name, "path": self.go.path, "line": self.go.rec.line},
            "ts": {"type": self.ts.rec.name, "path": self.ts.path, "line": self.ts.rec.line},
            "source": self.source,
            "why": self.why,
        }


def _ts_candidates(index: TsIndex, name: str) -> list[TsTypeLoc]:
    """Object types named ``name`` (interfaces, object aliases, aliases of other types)."""
    return [t for t in index.types.get(name, []) if t.rec.kind != "alias" or not t.rec.literals]


def _ambiguous(kind: str, name: str, locs: list, rule: str = "DRIFT015") -> Diagnostic:
    first = locs[0]
    rec = first.rec
    others = ", ".join(f"{loc.path}:{loc.rec.line}" for loc in locs[1:4])
    return Diagnostic(
        rule=rule,
        severity="warning",
        message=f"{len(locs)} {kind} types are named {name}; comparing the one here, not "
        f"{others}{' …' if len(locs) > 4 else ''}. Pair explicitly with a package-qualified "
        "Go name (--pair pkg.Type=TSType) to choose",
        path=first.path,
        line=rec.line,
        column=rec.column,
    )


def _segments(path: str) -> list[str]:
    stem = path.rsplit("/", 1)
    parts = stem[0].split("/") if len(stem) == 2 else []
    name = stem[-1].split(".", 1)[0]
    return [p for p in parts + [name] if p and p not in ("types", "index", "src", "go", "ts")]


def _affinity(go_path: str, ts_path: str) -> int:
    """How many trailing path segments two files share (`core/v1/types.go`, `core/v1.d.ts`)."""
    a, b = _segments(go_path), set(_segments(ts_path))
    score = 0
    for seg in reversed(a):
        if seg in b:
            score += 1
    return score


def find_pairs(
    go: GoIndex,
    ts: TsIndex,
    *,
    spec_pairs: list[tuple[str, str, str, object]] | None = None,
    explicit: dict[str, str] | None = None,
    patterns: list[str] | None = None,
    explicit_origin: str = "--pair",
) -> tuple[list[Pair], list[Diagnostic]]:
    """Pairs in DESIGN §11 order, and warnings for names that resolve to nothing.

    ``spec_pairs``: (Go name, TS name, why, spec position) from the spec.
    """
    pairs: list[Pair] = []
    diags: list[Diagnostic] = []
    taken: set[tuple[str, str]] = set()

    def add(g: GoStructLoc, t: TsTypeLoc, source: Source, why: str) -> None:
        key = (g.path, g.rec.name)
        if key in taken:
            return
        taken.add(key)
        pairs.append(Pair(g, t, source, why))

    def named(go_name: str, ts_name: str, source: Source, why: str, pos: object) -> None:
        g = go.struct(go_name)
        t_all = _ts_candidates(ts, ts_name)
        missing = []
        if g is None:
            missing.append(f"Go struct {go_name}")
        if not t_all:
            missing.append(f"TS type {ts_name}")
        if missing:
            diags.append(
                Diagnostic(
                    rule="DRIFT014",
                    severity="warning",
                    message=f"{' and '.join(missing)} named by {why} not found in the code "
                    "drift read; check the name and the --go/--ts paths",
                    path=getattr(pos, "file", "") or "",
                    line=getattr(pos, "line", 0) or 0,
                    column=getattr(pos, "column", 0) or 0,
                )
            )
            return
        assert g is not None
        if len(t_all) > 1:
            diags.append(_ambiguous("TS", ts_name, t_all))
        add(g, t_all[0], source, why)

    for go_name, ts_name, why, pos in spec_pairs or []:
        named(go_name, ts_name, "spec", why, pos)
    for go_name, ts_name in sorted((explicit or {}).items()):
        named(go_name, ts_name, "explicit", f"{explicit_origin} {go_name}={ts_name}", None)

    api = sorted(
        (loc for locs in go.structs.values() for loc in locs if loc.rec.json_tags),
        key=lambda loc: (loc.rec.name, loc.path, loc.rec.line),
    )

    def pick(g: GoStructLoc, t_all: list[TsTypeLoc]) -> TsTypeLoc:
        """The TS type whose path is most like the Go struct's (`apps/v1` ↔ `apps/v1.d.ts`)."""
        if len(t_all) == 1:
            return t_all[0]
        scored = sorted(t_all, key=lambda t: -_affinity(g.path, t.path))
        best = _affinity(g.path, scored[0].path)
        tied = [t for t in scored if _affinity(g.path, t.path) == best]
        if len(tied) > 1 and (g.rec.name, best) not in warned_ties:
            warned_ties.add((g.rec.name, best))
            diags.append(_ambiguous("TS", tied[0].rec.name, tied))
        return scored[0]

    warned_ties: set[tuple[str, int]] = set()
    for pattern in patterns or []:
        for g in api:
            t_all = _ts_candidates(ts, pattern.replace("{}", g.rec.name))
            if t_all:
                add(g, pick(g, t_all), "pattern", f"pattern {pattern}")
    for g in api:
        t_all = _ts_candidates(ts, g.rec.name)
        if t_all and (g.path, g.rec.name) not in taken:
            add(g, pick(g, t_all), "name", "same name")
    return pairs, diags
