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
    # Which way the JSON flows (DESIGN §9): "send" (Go encodes it), "receive" (Go decodes
    # it) or "both"; ``placed`` says how drift knows: "spec", "code", "spec+code", or ""
    # when nothing places it (then it is compared both ways).
    direction: str = "both"
    placed: str = ""

    def as_json(self) -> dict:
        return {
            "go": {"type": self.go.rec.name, "path": self.go.path, "line": self.go.rec.line},
            "ts": {"type": self.ts.rec.name, "path": self.ts.path, "line": self.ts.rec.line},
            "source": self.source,
            "why": self.why,
            "direction": self.direction,
            "placed": self.placed or "unplaced (compared both ways)",
        }


def _merge(a: str, b: str) -> str:
    """Two directions of one type: ``send`` + ``receive`` is ``both``."""
    if not a or a == b:
        return b
    if not b:
        return a
    return "both"


def _ts_candidates(index: TsIndex, name: str) -> list[TsTypeLoc]:
    """Object types named ``name`` (interfaces, object aliases, aliases of other types)."""
    return [t for t in index.types.get(name, []) if t.rec.kind != "alias" or not t.rec.literals]


def _ts_candidates_any_case(index: TsIndex, name: str) -> list[TsTypeLoc]:
    """:func:`_ts_candidates` of the one TS name equal to ``name`` but for case."""
    lower = name.lower()
    found = [n for n in index.types if n.lower() == lower]
    return _ts_candidates(index, found[0]) if len(found) == 1 else []


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


_SEGMENTS: dict[str, tuple[str, ...]] = {}


def _segments(path: str) -> tuple[str, ...]:
    got = _SEGMENTS.get(path)
    if got is None:
        stem = path.rsplit("/", 1)
        parts = stem[0].split("/") if len(stem) == 2 else []
        name = stem[-1].split(".", 1)[0]
        skip = ("types", "index", "src", "go", "ts")
        got = _SEGMENTS[path] = tuple(p for p in parts + [name] if p and p not in skip)
    return got


def _affinity(go_path: str, ts_path: str) -> int:
    """How many trailing path segments two files share (`core/v1/types.go`, `core/v1.d.ts`)."""
    b = _segments(ts_path)
    return sum(1 for seg in _segments(go_path) if seg in b)


def find_pairs(
    go: GoIndex,
    ts: TsIndex,
    *,
    spec_pairs: list[tuple[str, str, str, object]] | None = None,
    explicit: dict[str, str] | None = None,
    patterns: list[str] | None = None,
    explicit_origin: str = "--pair",
    spec_directions: dict[str, str] | None = None,
) -> tuple[list[Pair], list[Diagnostic]]:
    """Pairs in DESIGN §11 order, and warnings for names that resolve to nothing.

    ``spec_pairs``: (Go name, TS name, why, spec position) from the spec; their Go and
    TS names match the code's in any case (``SignupRequest`` ↔ ``signupRequest``).
    ``spec_directions``: lower-cased Go name → the direction the spec gives it.
    A pair by pattern or name whose Go struct no flow reaches is not made when the
    code read encodes or decodes anything (it never crosses the wire).
    """
    pairs: list[Pair] = []
    diags: list[Diagnostic] = []
    taken: set[tuple[str, str]] = set()
    from_spec = spec_directions or {}

    def add(g: GoStructLoc, t: TsTypeLoc, source: Source, why: str) -> None:
        key = (g.path, g.rec.name)
        if key in taken:
            return
        spec_dir = from_spec.get(g.rec.name.lower(), "")
        code_dir = go.direction(g.rec.name)
        if not spec_dir and not code_dir and go.evidence and source in ("pattern", "name"):
            return  # never encoded or decoded: not an API type (pair it explicitly to compare)
        taken.add(key)
        placed = "+".join(w for w, d in (("spec", spec_dir), ("code", code_dir)) if d)
        direction = _merge(spec_dir, code_dir) or "both"
        pairs.append(Pair(g, t, source, why, direction, placed))

    def named(go_name: str, ts_name: str, source: Source, why: str, pos: object) -> None:
        g = go.struct(go_name) if source != "spec" else go.struct_any_case(go_name)
        t_all = _ts_candidates(ts, ts_name)
        if not t_all and source == "spec":
            t_all = _ts_candidates_any_case(ts, ts_name)
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
        # Candidates by path segment, once per list: scoring is then O(segments), not
        # O(candidates), for names declared in many packages (k8s versions, services).
        key = t_all[0].rec.name
        segmap = by_segment.get(key)
        if segmap is None:
            segmap = by_segment[key] = {}
            for i, t in enumerate(t_all):
                for seg in set(_segments(t.path)):
                    segmap.setdefault(seg, []).append(i)
        counts: dict[int, int] = {}
        for seg in _segments(g.path):
            for i in segmap.get(seg, ()):
                counts[i] = counts.get(i, 0) + 1
        best = max(counts.values(), default=0)
        if best:
            tied = [t_all[i] for i in sorted(i for i, c in counts.items() if c == best)]
        else:
            tied = t_all
        scored = tied
        if len(tied) > 1 and (g.rec.name, best) not in warned_ties:
            warned_ties.add((g.rec.name, best))
            diags.append(_ambiguous("TS", tied[0].rec.name, tied))
        return scored[0]

    warned_ties: set[tuple[str, int]] = set()
    by_segment: dict[str, dict[str, list[int]]] = {}  # TS name -> segment -> candidates
    cand_cache: dict[str, list[TsTypeLoc]] = {}

    def candidates(name: str) -> list[TsTypeLoc]:
        got = cand_cache.get(name)
        if got is None:
            got = cand_cache[name] = _ts_candidates(ts, name)
        return got

    for pattern in patterns or []:
        for g in api:
            t_all = candidates(pattern.replace("{}", g.rec.name))
            if t_all:
                add(g, pick(g, t_all), "pattern", f"pattern {pattern}")
    for g in api:
        t_all = candidates(g.rec.name)
        if t_all and (g.path, g.rec.name) not in taken:
            add(g, pick(g, t_all), "name", "same name")
    return pairs, diags
