"""``scaffold drift``: Go ↔ TypeScript (↔ spec ↔ SQL) contract drift in real code.

Pipeline: :mod:`.walk` finds the files (honouring ``.gitignore``), :mod:`.load`
extracts each one (:mod:`.extract`, in worker processes, cached by content hash),
:mod:`.resolve` indexes types and flattens them as the wire does, :mod:`.pair`
decides what is compared with what (DESIGN §11), :mod:`.compare` reports the
differences through the one type mapping (:mod:`scaffold.typemap`), and
:mod:`.spec` compares the code with a spec and its migrations.

Public surface: :func:`run_drift` (the work, no I/O besides reading the inputs and
the cache), :class:`DriftOptions` + :func:`drift_command` (what the CLI calls: config,
output, exit code), :func:`render_text` (text grouped by pair), :data:`RULES`.

Configuration (``[tool.scaffold.drift]`` in ``pyproject.toml`` or ``[drift]`` in
``scaffold.toml``; flags win)::

    [tool.scaffold.drift]
    go = ["internal/api"]                  # default --go paths
    ts = ["web/src/types"]                 # default --ts paths
    pairs = { UserExternal = "IUser" }     # explicit pairs
    ts_name = ["I{}", "{}DTO"]             # TS name patterns ({} = Go name)
    policy = "wire"                        # or "non-nil" (default: top-level `nullability`)
    exclude = ["**/mocks/**"]              # more gitignore-style patterns
    marshalers = { "decimal.Decimal" = "string", "money.Amount" = "number | null" }
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable

from .rules import RULES

if TYPE_CHECKING:  # pragma: no cover - imported where used: a warm run needs no pydantic
    from ..diagnostics import Diagnostic

__all__ = [
    "RULES",
    "DriftOptions",
    "DriftResult",
    "DriftUsageError",
    "drift_command",
    "load_drift_config",
    "render_text",
    "run_drift",
]


class DriftUsageError(Exception):
    """Bad options or unreadable input: exit 2."""


@dataclass
class PairReport:
    """One compared pair and its findings (for grouped text and ``--format json``)."""

    go_type: str
    go_path: str
    go_line: int
    ts_type: str
    ts_path: str
    ts_line: int
    source: str  # "spec" | "explicit" | "pattern" | "name"
    why: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    direction: str = "both"  # "send" | "receive" | "both" (DESIGN §9)
    placed: str = ""  # "spec", "code", "spec+code"; "" = nothing places it

    def as_json(self) -> dict:
        return {
            "go": {"type": self.go_type, "path": self.go_path, "line": self.go_line},
            "ts": {"type": self.ts_type, "path": self.ts_path, "line": self.ts_line},
            "source": self.source,
            "why": self.why,
            "direction": self.direction,
            "placed": self.placed or "unplaced: compared both ways",
            "findings": len(self.diagnostics),
        }

    def flow(self) -> str:
        """The direction as the text output says it."""
        if not self.placed:
            return "not placed: compared both ways"
        what = {"send": "Go sends it", "receive": "Go receives it"}.get(
            self.direction, "Go sends and receives it"
        )
        return f"{what} ({self.placed})"


@dataclass
class DriftStats:
    go_files: int = 0
    ts_files: int = 0
    files_read: int = 0  # extracted this run (the rest came from the cache)
    lines_read: int = 0


@dataclass
class DriftResult:
    diagnostics: list[Diagnostic]
    pairs_used: list[PairReport]
    other: list[Diagnostic] = field(default_factory=list)  # findings outside any pair
    stats: DriftStats = field(default_factory=DriftStats)
    slot: tuple[Path, str] | None = None  # (result cache file, key of this run's inputs)

    def json_extra(self) -> dict:
        """The ``extra`` for :func:`scaffold.diagnostics.render` under ``--format json``."""
        return {"pairs": [p.as_json() for p in self.pairs_used]}


def _parse_marshalers(raw: dict[str, str]) -> dict:
    from ..typemap import Marshaler

    out = {}
    for name, ts in raw.items():
        parts = [p.strip() for p in str(ts).split("|")]
        nullable = "null" in parts
        base = " | ".join(p for p in parts if p != "null") or "unknown"
        out[name] = Marshaler(base, nullable=nullable)
    return out


def run_drift(
    go_paths: list[str | Path],
    ts_paths: list[str | Path],
    *,
    spec: Any = None,
    pairs: dict[str, str] | None = None,
    ts_name: list[str] | None = None,
    policy: str = "wire",
    jobs: int | None = None,
    cache: bool = True,
    cache_dir: Path | None = None,
    exclude: list[str] | None = None,
    marshalers: dict[str, str] | None = None,
    base: Path | None = None,
    progress: Any = None,
    pairs_origin: str = "--pair",
    output_probe: Callable[[Path, str], bool] | None = None,
) -> DriftResult | None:
    """Compare the Go API structs under ``go_paths`` with the TS types under ``ts_paths``.

    ``spec``: a linked :class:`scaffold.model.Spec` (its endpoints pair types first, and
    the code is compared with it and its migrations). ``pairs``: explicit Go → TS names.
    ``ts_name``: TS name patterns (``"I{}"``). ``policy``: ``"wire"`` or ``"non-nil"``.
    ``marshalers``: Go type → TS type of types with their own ``MarshalJSON``.
    ``base``: paths are shown relative to it (default: the working directory).
    ``progress(done, total)`` is called while files are read.
    ``output_probe(result file, key)``: called once the inputs are hashed; when it returns
    True (it printed this run's output from its cache), nothing is computed and the
    result is None.
    Raises :class:`DriftUsageError` for a path that does not exist or a bad policy.
    """
    return _run_drift(
        go_paths,
        ts_paths,
        spec=spec,
        pairs=pairs,
        ts_name=ts_name,
        policy=policy,
        jobs=jobs,
        cache=cache,
        cache_dir=cache_dir,
        exclude=exclude,
        marshalers=marshalers,
        base=base,
        progress=progress,
        pairs_origin=pairs_origin,
        output_probe=output_probe,
    )


def _run_drift(
    go_paths: list[str | Path],
    ts_paths: list[str | Path],
    *,
    spec: Any,
    pairs: dict[str, str] | None,
    ts_name: list[str] | None,
    policy: str,
    jobs: int | None,
    cache: bool,
    cache_dir: Path | None,
    exclude: list[str] | None,
    marshalers: dict[str, str] | None,
    base: Path | None,
    progress: Any,
    pairs_origin: str,
    output_probe: Callable[[Path, str], bool] | None,
) -> DriftResult | None:
    from .load import Group, load_groups, named_records
    from .resolve import displayer
    from .walk import walk

    from ..typemap import POLICIES  # scaffold.config imports it anyway

    if policy not in POLICIES:
        raise DriftUsageError(f"unknown policy {policy!r}; expected one of {', '.join(POLICIES)}")
    go_walk = walk(list(go_paths), "go", exclude)
    ts_walk = walk(list(ts_paths), "ts", exclude)
    missing = go_walk.missing + ts_walk.missing
    if missing:
        raise DriftUsageError("no such file or directory: " + ", ".join(map(str, missing)))

    display = displayer(base)
    stats = DriftStats(go_files=len(go_walk.files), ts_files=len(ts_walk.files))

    def roots(paths: list) -> list[Path]:
        return [Path(p).resolve() for p in paths]

    go_loaded, ts_loaded = load_groups(
        [
            Group(go_walk.files, "go", roots(go_paths)),
            Group(ts_walk.files, "ts", roots(ts_paths)),
        ],
        jobs=jobs,
        cache=cache,
        cache_dir=cache_dir,
        progress=progress,
    )
    stats.files_read = go_loaded.read + ts_loaded.read
    stats.lines_read = go_loaded.lines + ts_loaded.lines

    # Nothing changed since the last run with the same inputs and options: its result stands.
    result_file, result_key = _result_slot(
        cache_dir,
        [go_loaded, ts_loaded],
        spec,
        (
            policy,
            sorted((pairs or {}).items()),
            ts_name,
            sorted((marshalers or {}).items()),
            pairs_origin,
            exclude,
        ),
        roots(go_paths) + roots(ts_paths),
    )
    if cache:
        if output_probe is not None and output_probe(result_file, result_key):
            return None
        cached = _read_result(result_file, result_key)
        if cached is not None:
            cached.stats = stats
            cached.slot = (result_file, result_key)
            return cached

    from ..read.treesitter import gc_paused

    # Comparing allocates a great many records and findings and makes no reference
    # cycles: the cyclic collector would only re-scan them, again and again.
    with gc_paused():
        result = _compare(
            go_walk, ts_walk, go_loaded, ts_loaded, stats, display, spec, pairs, ts_name,
            policy, marshalers, pairs_origin, go_paths, ts_paths,
        )  # fmt: skip
    if cache:
        _write_result(result_file, result_key, result)
    result.slot = (result_file, result_key)
    return result


def _compare(  # noqa: ANN001 - the locals of _run_drift, named as there
    go_walk, ts_walk, go_loaded, ts_loaded, stats, display, spec, pairs, ts_name,
    policy, marshalers, pairs_origin, go_paths, ts_paths,
) -> DriftResult:  # fmt: skip
    from ..diagnostics import Diagnostic
    from .compare import Context, compare_pair
    from .load import named_records
    from .pair import find_pairs
    from .resolve import GoIndex, TsIndex

    go_loaded.records = named_records(go_loaded, "go")
    ts_loaded.records = named_records(ts_loaded, "ts")
    other: list[Diagnostic] = []
    for loaded, language in ((go_loaded, "Go"), (ts_loaded, "TypeScript")):
        for path, reason in loaded.unreadable.items():
            other.append(
                Diagnostic(
                    rule="DRIFT012",
                    severity="warning",
                    message=f"{language} file not compared: {reason}",
                    path=display(path),
                )
            )
        for path, rec in loaded.records.items():
            for line, column, message in rec.problems:  # type: ignore[attr-defined]
                other.append(
                    Diagnostic(
                        rule="DRIFT012",
                        severity="warning",
                        message=message.replace("; fix the syntax", "; what parsed is compared"),
                        path=display(path),
                        line=line,
                        column=column,
                    )
                )

    other.extend(_empty_paths(go_paths, go_walk.files, go_loaded.records, "Go", display))
    other.extend(_empty_paths(ts_paths, ts_walk.files, ts_loaded.records, "TypeScript", display))
    go_index = GoIndex({display(p): r for p, r in go_loaded.records.items()})
    ts_index = TsIndex(
        {display(p): r for p, r in ts_loaded.records.items()},
        {display(p): p for p in ts_loaded.records},
    )

    spec_pairs = []
    directions: dict[str, str] = {}
    if spec is not None:
        from .spec import spec_directions, spec_pairs as _spec_pairs, spec_vs_code, sql_vs_go

        spec_pairs = _spec_pairs(spec, go_index, ts_index)
        directions = spec_directions(spec)
        other.extend(spec_vs_code(spec, go_index, ts_index))
        other.extend(sql_vs_go(spec, go_index))

    found, pair_diags = find_pairs(
        go_index,
        ts_index,
        spec_pairs=spec_pairs,
        explicit=pairs,
        patterns=ts_name,
        explicit_origin=pairs_origin,
        spec_directions=directions,
    )
    other.extend(pair_diags)
    if not found and spec is None:
        other.append(
            Diagnostic(
                rule="DRIFT014",
                severity="warning",
                message=f"no Go struct was paired with a TS type ({len(go_index.structs)} Go "
                f"struct name(s), {len(ts_index.types)} TS type name(s) read); pair them with "
                "--pair GoType=TSType or --ts-name 'I{}'",
            )
        )
    ctx = Context.build(go_index, ts_index, found, policy, _parse_marshalers(marshalers or {}))
    reports: list[PairReport] = []
    all_diags: list[Diagnostic] = []
    for p in found:
        diags = compare_pair(p, ctx)
        reports.append(
            PairReport(
                p.go.rec.name,
                p.go.path,
                p.go.rec.line,
                p.ts.rec.name,
                p.ts.path,
                p.ts.rec.line,
                p.source,
                p.why,
                diags,
                p.direction,
                p.placed,
            )
        )
        all_diags.extend(diags)
    return DriftResult(all_diags + other, reports, other, stats)


def _has_type(rec: Any) -> bool:
    if hasattr(rec, "structs"):
        return bool(rec.structs or rec.enums or rec.named)
    return bool(rec.types)


def _empty_paths(
    given: list[str | Path], files: list[Path], records: dict, language: str, display: Any
) -> list[Diagnostic]:
    """DRIFT016 for each path given that yields no type at all (DESIGN §11): never a silent run."""
    from ..diagnostics import Diagnostic

    out: list[Diagnostic] = []
    flag = "--go" if language == "Go" else "--ts"
    for raw in given:
        root = os.path.abspath(raw)
        prefix = root.rstrip(os.sep) + os.sep
        under = [
            f for f in files if os.path.abspath(f) == root or os.path.abspath(f).startswith(prefix)
        ]
        if any(_has_type(records[f]) for f in under if f in records):
            continue
        what = (
            f"{len(under)} {language} file(s) read, none declares a type"
            if under
            else f"no {language} file found (after .gitignore, vendor, node_modules, tests)"
        )
        out.append(
            Diagnostic(
                rule="DRIFT016",
                severity="error",
                message=f"{flag} {display(Path(raw))}: {what}; nothing there is compared. "
                "Check the path",
                path=display(Path(raw)),
            )
        )
    return out


RESULT_VERSION = 2  # bump when findings change for the same inputs


def _result_slot(cache_dir, loaded, spec, options, roots) -> tuple[Path, str]:  # noqa: ANN001
    """Where the last result for these roots lives, and the key of this run's inputs."""
    import hashlib

    from .load import _versions, default_cache_dir

    h = hashlib.blake2b(digest_size=16)
    slot = hashlib.blake2b(digest_size=8)
    for part in (str(RESULT_VERSION), _versions(), os.getcwd(), repr(options)):
        h.update(part.encode() + b"\0")
    for r in sorted(map(str, roots)):
        slot.update(r.encode() + b"\0")
    for group in loaded:
        for path, digest in sorted(group.digests.items()):
            h.update(f"{path}\0{digest}\0".encode())
        for path, reason in sorted(group.unreadable.items(), key=lambda kv: str(kv[0])):
            h.update(f"{path}\0{reason}\0".encode())
    if spec is not None:
        h.update(spec.model_dump_json().encode())
    base = Path(cache_dir) if cache_dir else default_cache_dir()
    return base / f"result-{slot.hexdigest()}.pickle", h.hexdigest()


def _read_result(path: Path, key: str) -> DriftResult | None:
    import pickle

    try:
        with open(path, "rb") as f:
            stored_key, result = pickle.load(f)
    except Exception:  # missing, truncated or from another version: recompute
        return None
    return result if stored_key == key and isinstance(result, DriftResult) else None


def _write_result(path: Path, key: str, result: DriftResult) -> None:
    import pickle

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump((key, result), f, protocol=5)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        pass


# --------------------------------------------------------------------------- output


def render_text(result: DriftResult, colour: bool = False) -> str:
    """Findings grouped by pair (pairs without findings are counted, not listed)."""
    from ..diagnostics import render, sort_diagnostics, summary

    blocks: list[str] = []
    for p in sorted(result.pairs_used, key=lambda p: (p.go_type, p.go_path, p.ts_type)):
        if not p.diagnostics:
            continue
        head = (
            f"{p.go_type} ({p.go_path}:{p.go_line}) ↔ {p.ts_type} ({p.ts_path}:{p.ts_line})"
            f"  [{p.source}: {p.why}; {p.flow()}]"
        )
        body = render(sort_diagnostics(p.diagnostics), "text", colour=colour)
        blocks.append(head + "\n" + _indent(_strip_summary(body)))
    if result.other:
        body = render(sort_diagnostics(result.other), "text", colour=colour)
        blocks.append(_strip_summary(body))
    counts = summary(sort_diagnostics(result.diagnostics))
    n = len(result.pairs_used)
    tail = f"{n} pair(s) compared: {counts['errors']} error(s), {counts['warnings']} warning(s)"
    return "".join(b if b.endswith("\n") else b + "\n" for b in blocks) + tail + "\n"


def _strip_summary(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[-1].endswith("warning(s)") or (lines and "note(s)" in lines[-1]):
        lines = lines[:-1]
    return "".join(line + "\n" for line in lines)


def _indent(text: str) -> str:
    return "".join("  " + line + "\n" for line in text.splitlines())


# --------------------------------------------------------------------------- command


DRIFT_KEYS = ("go", "ts", "pairs", "ts_name", "policy", "exclude", "marshalers", "jobs")


@dataclass
class DriftOptions:
    """Everything ``scaffold drift`` takes; ``None``/empty means "not given on the command line".

    Suggested click options: ``--go PATH`` (multiple), ``--ts PATH`` (multiple),
    ``--spec SPEC`` (multiple), ``--pair GoType=TSType`` (multiple), ``--ts-name PATTERN``
    (multiple), ``--policy wire|non-nil``, ``--format text|json|sarif|github``,
    ``--jobs N``, ``--no-cache``, ``--strict``.
    """

    go: list[str] = field(default_factory=list)
    ts: list[str] = field(default_factory=list)
    spec: list[str] = field(default_factory=list)
    pair: list[str] = field(default_factory=list)  # "GoType=TSType"
    ts_name: list[str] = field(default_factory=list)
    policy: str | None = None
    fmt: str = "text"
    jobs: int | None = None
    no_cache: bool = False
    strict: bool = False
    cache_dir: Path | None = None
    config_start: Path | None = None  # where to look for config (default: the working dir)


def load_drift_config(start: Path) -> tuple[dict[str, Any], str, list[Diagnostic]]:
    """``[tool.scaffold.drift]`` (or ``[drift]`` of ``scaffold.toml``) found upward of ``start``.

    Returns (table, config file or "", problems). Paths in ``go``/``ts`` are made
    relative to the config file's directory.
    """
    from ..config import find_config_file

    found = find_config_file([start])
    if found is None:
        return {}, "", []
    path, data = found
    shown = str(path)
    from ..diagnostics import Diagnostic

    if "__error__" in data:
        return (
            {},
            shown,
            [
                Diagnostic(
                    rule="CFG001",
                    severity="error",
                    message=f"cannot read the config: {data['__error__']}",
                    path=shown,
                    line=1,
                    column=1,
                )
            ],
        )
    table = data.get("tool", {}).get("scaffold", {}) if "tool" in data else data
    drift = table.get("drift", {}) if isinstance(table, dict) else {}
    problems: list[Diagnostic] = []
    if not isinstance(drift, dict):
        drift = {}
    out: dict[str, Any] = {}
    for key, value in drift.items():
        ok = True
        if key not in DRIFT_KEYS:
            problems.append(
                _cfg(
                    shown,
                    "CFG002",
                    "warning",
                    f"unknown drift key {key!r}; known: " + ", ".join(DRIFT_KEYS),
                )
            )
            continue
        if key in ("go", "ts", "ts_name", "exclude"):
            if isinstance(value, str):
                value = [value]
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            if ok and key in ("go", "ts"):
                value = [str((path.parent / v)) for v in value]
        elif key in ("pairs", "marshalers"):
            ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        elif key == "policy":
            ok = value in ("wire", "non-nil")
        elif key == "jobs":
            ok = isinstance(value, int) and value >= 1
        if not ok:
            problems.append(_cfg(shown, "CFG003", "error", f"drift.{key}: invalid value {value!r}"))
            continue
        out[key] = value
    if (
        "policy" not in out
        and isinstance(table, dict)
        and table.get("nullability")
        in (
            "wire",
            "non-nil",
        )
    ):
        out["policy"] = table["nullability"]
    return out, shown, problems


def _cfg(path: str, rule: str, severity: str, message: str) -> Diagnostic:
    from ..diagnostics import Diagnostic

    return Diagnostic(rule=rule, severity=severity, message=message, path=path)  # type: ignore[arg-type]


def _progress_bar(stream: IO[str]):  # noqa: ANN202
    """A one-line progress bar on ``stream`` when it is a terminal and CI is not set."""
    if not (hasattr(stream, "isatty") and stream.isatty()) or os.environ.get("CI"):
        return None
    state = {"last": -1}

    def show(done: int, total: int) -> None:
        if total < 200:
            return
        pct = done * 100 // max(total, 1)
        if pct == state["last"]:
            return
        state["last"] = pct
        bar = "#" * (pct // 4)
        stream.write(f"\rdrift: reading files [{bar:<25}] {done}/{total}")
        if done >= total:
            stream.write("\r" + " " * 60 + "\r")
        stream.flush()

    return show


def drift_command(
    opts: DriftOptions, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Run ``scaffold drift`` as the CLI does: config, drift, output. Returns the exit code.

    The printed output is cached next to the result, keyed by the inputs' hashes and
    the output options: a warm run with nothing changed prints it again without
    comparing, rendering or importing the comparison (DESIGN §13).
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    from ..diagnostics import EXIT_USAGE, use_colour

    colour = opts.fmt == "text" and use_colour(stdout)
    served: list[int] = []

    def probe(result_file: Path, key: str) -> bool:
        got = _read_output(result_file, f"{key}/{opts.fmt}/{opts.strict}/{colour}")
        if got is None:
            return False
        text, code = got
        stdout.write(text)
        served.append(code)
        return True

    try:
        result, slot = _drift_from_options(opts, stderr, probe)
    except DriftUsageError as exc:
        stderr.write(f"scaffold: {exc}\n")
        return EXIT_USAGE
    if result is None:
        return served[0]
    from ..read.treesitter import gc_paused

    with gc_paused():  # as in run_drift: rendering makes many objects and no cycles
        text, code = _render(result, opts, colour)
    stdout.write(text)
    if slot is not None:
        _write_output(slot[0], f"{slot[1]}/{opts.fmt}/{opts.strict}/{colour}", text, code)
    return code


def _render(result: DriftResult, opts: DriftOptions, colour: bool) -> tuple[str, int]:
    from ..diagnostics import escalate, exit_code, render

    diags = escalate(result.diagnostics, opts.strict)
    if opts.fmt == "text":
        if opts.strict:
            result = _escalated(result)
        text = render_text(result, colour=colour)
    else:
        text = render(diags, opts.fmt, tool="scaffold drift", extra=result.json_extra())
    return text, exit_code(diags, opts.strict)


def _output_path(result_file: Path) -> Path:
    return result_file.with_name(result_file.name.replace("result-", "output-"))


def _read_output(result_file: Path, key: str) -> tuple[str, int] | None:
    import marshal

    try:
        with open(_output_path(result_file), "rb") as f:
            stored_key, text, code = marshal.load(f)
    except Exception:  # missing, truncated or foreign: compute
        return None
    return (text, code) if stored_key == key else None


def _write_output(result_file: Path, key: str, text: str, code: int) -> None:
    import marshal

    path = _output_path(result_file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            marshal.dump((key, text, code), f)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass


def _escalated(result: DriftResult) -> DriftResult:
    from ..diagnostics import escalate

    pairs = [
        PairReport(**{**p.__dict__, "diagnostics": escalate(p.diagnostics, True)})
        for p in result.pairs_used
    ]
    other = escalate(result.other, True)
    return DriftResult(
        [d for p in pairs for d in p.diagnostics] + other, pairs, other, result.stats
    )


def _drift_from_options(
    opts: DriftOptions, stderr: IO[str], probe: Callable[[Path, str], bool] | None = None
) -> tuple[DriftResult | None, tuple[Path, str] | None]:
    """The run ``opts`` ask for: (result, (result file, key) to cache the output under).

    The result is None when ``probe`` printed the cached output instead.
    """
    start = opts.config_start or Path.cwd()
    config, config_file, problems = load_drift_config(start)
    if any(p.severity == "error" for p in problems):
        raise DriftUsageError("; ".join(f"{p.path}: {p.message}" for p in problems))
    go = opts.go or config.get("go", [])
    ts = opts.ts or config.get("ts", [])
    if not go or not ts:
        raise DriftUsageError(
            "give the Go and TypeScript code to compare: --go PATH and --ts PATH (or "
            "[tool.scaffold.drift] go/ts in the config)"
        )
    pairs = dict(config.get("pairs", {}))
    origin = f"{config_file} pairs" if pairs else "--pair"
    for raw in opts.pair:
        go_name, sep, ts_type = raw.partition("=")
        if not sep or not go_name.strip() or not ts_type.strip():
            raise DriftUsageError(f"--pair {raw!r}: expected GoType=TSType")
        pairs[go_name.strip()] = ts_type.strip()
        origin = "--pair"
    patterns = opts.ts_name or config.get("ts_name", [])
    for pattern in patterns:
        if "{}" not in pattern:
            raise DriftUsageError(f"--ts-name {pattern!r}: the pattern needs {{}} for the Go name")
    spec = None
    if opts.spec:
        from ..read import SpecReadError, load_feature
        from ..read.link import link

        try:
            spec = link(load_feature(list(opts.spec)))
        except SpecReadError as exc:
            raise DriftUsageError(str(exc)) from None
    result = run_drift(
        go,
        ts,
        spec=spec,
        pairs=pairs,
        ts_name=patterns,
        policy=opts.policy or config.get("policy", "wire"),
        jobs=opts.jobs or config.get("jobs"),
        cache=not opts.no_cache,
        cache_dir=opts.cache_dir,
        exclude=config.get("exclude"),
        marshalers=config.get("marshalers"),
        progress=_progress_bar(stderr),
        pairs_origin=origin,
        # Config problems are not in the cache key: their output is never served from it.
        output_probe=probe if not opts.no_cache and not problems else None,
    )
    if result is None:
        return None, None
    result.other = problems + result.other
    result.diagnostics = result.diagnostics + problems
    return result, (None if opts.no_cache or problems else result.slot)
