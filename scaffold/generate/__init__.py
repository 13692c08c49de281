"""``scaffold generate``: spec → files, through plan → render → write (DESIGN §4–§6).

:func:`generate` reads the feature's specs, refuses a spec with check errors, plans
every file (families under :mod:`scaffold.generate.views`), renders them with Copier
into ``.scaffold/staging-*`` in the target, formats Go once, decides per file what to
do by owner (generated: rewrite; user: create when absent, then keep; migration:
create, never rewrite), and writes everything at once, or nothing.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..diagnostics import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Diagnostic, escalate, exit_code
from .plan import Instruction, PlanContext, PlannedFile, RenderJob, TargetState, load_families

Action = Literal[
    "created", "updated", "merged", "conflict", "unchanged", "kept", "changed", "stale", "deleted"
]
_WOULD = {
    "created": "would create",
    "updated": "would update",
    "merged": "would merge",
    "conflict": "would conflict",
    "unchanged": "unchanged",
    "kept": "kept",
    "changed": "changed (not rewritten)",
    "stale": "stale",
    "deleted": "would delete",
}


@dataclass
class FileResult:
    """What generate did (or would do) to one file."""

    path: str
    owner: str
    action: Action
    source: str = ""
    note: str = ""
    task: str = ""  # the task the file belongs to (T-003), "" when none


@dataclass
class GenerateResult:
    """Everything the CLI prints: diagnostics, per-file actions, instructions, diffs."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)
    instructions: list[Instruction] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    dry_run: bool = False
    target: str = ""
    feature: str = ""
    # Seconds spent per stage (read, check, plan, render, gofmt, write), for benchmarks.
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def messages(self) -> list[str]:
        """Printable lines for what the user must do by hand."""
        out = []
        for ins in self.instructions:
            out.append(ins.message + (f"\n    {ins.command}" if ins.command else ""))
        return out

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.files:
            counts[f.action] = counts.get(f.action, 0) + 1
        return counts

    def changed(self) -> list[FileResult]:
        """Files this run writes or deletes (or would, under --check/--dry-run)."""
        return [
            f
            for f in self.files
            if f.action in ("created", "updated", "merged", "conflict", "deleted")
        ]

    def summary_table(self, only_changed: bool = False) -> str:
        """One line per file (or per changed file), then totals: created / updated / …"""
        if not self.files:
            return ""
        shown = self.changed() if only_changed else self.files
        width = max((len(f.path) for f in shown), default=0)
        lines = []
        for f in shown:
            action = _WOULD[f.action] if self.dry_run else f.action
            note = f"  ({f.note})" if f.note else ""
            lines.append(f"  {action:<24} {f.path:<{width}}  {f.owner}{note}")
        c = self.counts()
        verb = "would be " if self.dry_run else ""
        lines.append(
            f"{c.get('created', 0)} {verb}created, {c.get('updated', 0)} {verb}updated, "
            f"{c.get('unchanged', 0)} unchanged, {c.get('kept', 0)} kept"
            + (f", {c['merged']} {verb}merged" if c.get("merged") else "")
            + (f", {c['conflict']} with conflicts" if c.get("conflict") else "")
            + (f", {c['stale']} stale" if c.get("stale") else "")
            + (f", {c['changed']} changed migration(s) not rewritten" if c.get("changed") else "")
            + (f", {c['deleted']} {verb}deleted" if c.get("deleted") else "")
        )
        return "\n".join(lines) + "\n"

    def text(self, only_changed: bool = False) -> str:
        """The whole human-readable report (without diagnostics; the CLI prints those)."""
        parts = [self.summary_table(only_changed)]
        if self.diffs:
            parts.append("".join(self.diffs))
        if self.instructions:
            parts.append("To do by hand:\n" + "".join(f"  {m}\n" for m in self.messages))
        return "".join(parts)


class _Clock:
    """Adds the wall time of each ``with clock(stage):`` block to ``timings[stage]``."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    def __call__(self, stage: str) -> "_Clock":
        self.stage = stage
        return self

    def __enter__(self) -> None:
        import time

        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        import time

        spent = time.perf_counter() - self.start
        self.timings[self.stage] = self.timings.get(self.stage, 0.0) + spent


def spec_display_path(spec: Path, target: Path) -> str:
    """A spec path as generated files and the manifest name it, the same on every machine:
    relative to the target when inside it, else to the directory of the spec's own project
    config (found upward from the spec), else to the nearest enclosing git work tree, else
    its file name."""
    from ..config import find_config_file

    spec = spec.resolve()
    roots = [target.resolve()]
    found = find_config_file([spec.parent])
    if found is not None:
        roots.append(found[0].resolve().parent)
    roots.extend(p for p in spec.parents if (p / ".git").exists())
    for root in roots:
        try:
            return spec.relative_to(root).as_posix()
        except ValueError:
            continue
    return spec.name


def generate(
    spec_paths: list[Path],
    out: Path,
    *,
    prewarm: bool = False,
    **options,  # noqa: ANN003 - the keyword options of _generate, documented there
) -> GenerateResult:
    """Generate the feature of ``spec_paths`` into ``out`` (options: see :func:`_generate`).

    ``prewarm`` forks a render worker first thing, so importing Copier overlaps
    reading, checking and planning (the CLI does; see :mod:`scaffold.generate.worker`).
    """
    worker = None
    if prewarm and not (options.get("dry_run") or options.get("check")):
        from .worker import RenderWorker

        worker = RenderWorker()
    try:
        return _generate(spec_paths, out, worker=worker, **options)
    finally:
        if worker is not None:
            worker.close()


def _generate(
    spec_paths: list[Path],
    out: Path,
    *,
    dry_run: bool = False,
    diff: bool = False,
    check: bool = False,
    force: bool = False,
    strict: bool = False,
    baseline: Path | None = None,
    name: str | None = None,
    overrides: dict | None = None,
    families: tuple[str, ...] | None = None,
    prune: bool = False,
    collect: list[RenderJob] | None = None,
    worker=None,  # noqa: ANN001 - a RenderWorker or None
) -> GenerateResult:
    """Generate the feature of ``spec_paths`` into ``out``.

    ``dry_run`` lists what would change; ``diff`` adds unified diffs; ``check``
    writes nothing and exits 1 when a file would change (DESIGN §12); ``force``
    overwrites user-owned files (never migrations); ``strict`` makes warnings
    errors. ``overrides`` are further config flags by key (``go_module``, …);
    ``families`` limits the run to some families (default: all, see ``FAMILY_MODULES``);
    ``prune`` deletes files whose spec element is gone when they are unmodified;
    ``collect``, when given, receives the planned render jobs (their view models).
    """
    from .. import __version__
    from ..baseline import load_baseline
    from ..config import load_config
    from ..read import SpecReadError, load_feature
    from . import manifest as mf
    from .write import STATE_DIR, Move, WriteError, apply, check_paths, recover

    out = Path(out)
    result = GenerateResult(dry_run=dry_run or check, target=str(out))
    clock = _Clock(result.timings)
    spec_paths = [Path(p) for p in spec_paths]
    try:
        with clock("read"):
            spec = load_feature(spec_paths)
    except SpecReadError as exc:
        result.diagnostics.append(
            Diagnostic(rule="SPEC000", severity="error", message=exc.message, path=exc.path)
        )
        result.exit_code = EXIT_USAGE
        return result
    if out.exists() and not out.is_dir():
        result.diagnostics.append(
            Diagnostic(
                rule="GEN001", severity="error", message="--out is not a directory", path=str(out)
            )
        )
        result.exit_code = EXIT_USAGE
        return result

    flags = dict(overrides or {})
    if baseline is not None:
        flags["baseline"] = Path(baseline).resolve()
    spec_dirs = [p.resolve().parent for p in spec_paths]
    config = load_config([out, *spec_dirs], flags, target=out)
    result.diagnostics.extend(config.diagnostics)

    feature = name or spec.slug
    manifest = mf.load(out)
    own = set((manifest["features"].get(feature, {}).get("files") or {}))
    with clock("check"):
        catalog, base_diags = load_baseline(config, out, own)
        result.diagnostics.extend(base_diags)
        checked = _run_checks(spec, catalog, config)
    refusal = _refusal(checked, result.diagnostics, strict)
    if refusal is not None:
        shown, why = refusal
        result.diagnostics.extend(shown)
        result.diagnostics.append(
            Diagnostic(
                rule="GEN002",
                severity="error",
                message=f"{why}; nothing was generated. Fix them and run again "
                "(`scaffold check` lists every finding).",
                path=spec.sources[0] if spec.sources else "",
            )
        )
        result.diagnostics = escalate(result.diagnostics, strict)
        result.exit_code = EXIT_FINDINGS
        return result
    result.diagnostics.extend(_check_summary(checked, spec))

    if not (dry_run or check):
        result.diagnostics.extend(recover(out))

    result.feature = feature
    spec_rels = [spec_display_path(p, out) for p in spec_paths]
    target = TargetState(
        root=out,
        manifest=manifest["features"].get(feature, {}),
        all_features={k: v for k, v in manifest["features"].items() if k != feature},
    )
    ctx = PlanContext(
        spec=spec, config=config, target=target, feature=feature, spec_paths=spec_rels
    )
    jobs: list[RenderJob] = []
    with clock("plan"):
        for family in load_families(families):
            jobs.extend(family.plan(ctx))
    if collect is not None:
        collect.extend(jobs)
    result.diagnostics.extend(ctx.diagnostics)
    result.instructions.extend(ctx.instructions)

    planned = [f for job in jobs for f in job.files]
    problems = check_paths(out, [f.path for f in planned])
    problems.extend(_shared_with_other_features(planned, target))
    result.diagnostics.extend(problems)
    if any(d.severity == "error" for d in escalate(result.diagnostics, strict)):
        result.diagnostics = escalate(result.diagnostics, strict)
        result.exit_code = EXIT_FINDINGS
        return result

    from .render import RenderError, render_jobs

    if dry_run or check:
        # Nothing is written to the target: stage anywhere.
        staging = Path(tempfile.mkdtemp(prefix="scaffold-staging-"))
    else:
        out.mkdir(parents=True, exist_ok=True)
        (out / STATE_DIR).mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=out / STATE_DIR))
    try:
        try:
            with clock("render"):
                render = worker.render if worker is not None else render_jobs
                rendered = render(
                    jobs, staging / "render", config.blueprints, timings=result.timings
                )
        except RenderError as exc:
            result.diagnostics.append(exc.diagnostic)
            result.exit_code = EXIT_FINDINGS
            return result
        result.diagnostics.extend(rendered.diagnostics)
        moves, files_record = _decide(
            out, rendered, target, force, diff, result, staging / "merged"
        )
        for rel in sorted(ctx.kept - set(rendered.planned)):
            rec = target.previous_file(rel)
            if rec is not None and (out / rel).is_file():
                files_record[rel] = dict(rec)
                same = mf.sha256_file(out / rel) == rec.get("sha256")
                result.files.append(
                    FileResult(
                        rel,
                        rec.get("owner", "user"),
                        "unchanged" if same else "kept",
                        "",
                        "" if same else "yours; not rewritten",
                    )
                )
        planned_or_kept = {**rendered.planned, **{rel: None for rel in ctx.kept}}
        _stale(out, target, planned_or_kept, moves, files_record, prune, result)

        # The manifest and the base copies of user-owned files.
        specs_record = [(rel, mf.sha256_file(p) or "") for rel, p in zip(spec_rels, spec_paths)]
        manifest["features"][feature] = mf.feature_entry(
            specs=specs_record, files=files_record, names=ctx.names, version=__version__
        )
        extra = staging / "extra"
        extra.mkdir()
        new_manifest = mf.dumps(manifest)
        if (out / mf.MANIFEST).is_file() and (out / mf.MANIFEST).read_bytes() == new_manifest:
            pass
        else:
            (extra / "manifest.json").write_bytes(new_manifest)
            moves.append(Move(mf.MANIFEST, extra / "manifest.json", state=True))
        for rel, rec in sorted(files_record.items()):
            if rec["owner"] != "user" or not rec.get("_base"):
                continue
            base_rel = f"{mf.BASE_DIR}/{rel}"
            staged = rendered.files[rel]
            if (out / base_rel).is_file() and (out / base_rel).read_bytes() == staged.read_bytes():
                continue
            copy = extra / "base" / rel
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staged, copy)
            moves.append(Move(base_rel, copy, state=True))
        for rec in files_record.values():
            rec.pop("_base", None)

        result.diagnostics = escalate(result.diagnostics, strict)
        if check:
            would = result.changed()
            result.exit_code = (
                EXIT_FINDINGS
                if would or any(f.action == "changed" for f in result.files)
                else exit_code(result.diagnostics)
            )
            return result
        if dry_run:
            result.exit_code = exit_code(result.diagnostics)
            return result
        # Recompute the manifest now that `_base` markers are gone.
        manifest["features"][feature]["files"] = {k: files_record[k] for k in sorted(files_record)}
        for m in moves:
            if m.rel == mf.MANIFEST and m.staged is not None:
                m.staged.write_bytes(mf.dumps(manifest))
        try:
            with clock("write"):
                apply(out, moves, staging)
        except WriteError as exc:
            result.diagnostics.extend(exc.diagnostics)
            result.exit_code = EXIT_FINDINGS
            return result
        result.exit_code = exit_code(result.diagnostics)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not (dry_run or check):
            try:
                (out / STATE_DIR).rmdir()  # only when empty (nothing was written)
            except OSError:
                pass


def _refusal(
    checked: list[Diagnostic], other: list[Diagnostic], strict: bool
) -> tuple[list[Diagnostic], str] | None:
    """Whether generation stops (DESIGN.md §17), with what to print and why.

    Errors of rules that block generation stop it; under ``--strict`` every error and
    warning does. Errors that are not ``check`` findings (config, baseline) always do.
    """
    from ..check.blocking import blocking

    if strict:
        if any(d.severity == "error" for d in escalate([*other, *checked], strict)):
            return checked, "the spec has errors (--strict: every error and warning counts)"
        return None
    if any(d.severity == "error" for d in other):
        return checked, "the configuration or baseline has errors (see above)"
    stops = blocking(checked)
    if stops:
        n = len(stops)
        return stops, f"{n} error(s) above make the output wrong or impossible"
    return None


def _check_summary(checked: list[Diagnostic], spec) -> list[Diagnostic]:
    """One line for the findings that do not block generation, with the hint."""
    errors = sum(d.severity == "error" for d in checked)
    warnings = sum(d.severity == "warning" for d in checked)
    if not (errors or warnings):
        return []
    specs = " ".join(spec.sources) or "SPEC"
    return [
        Diagnostic(
            rule="GEN004",
            severity="warning",
            message=f"`scaffold check` finds {errors} error(s) and {warnings} warning(s) in "
            f"the spec that do not block generation; run `scaffold check {specs}` to see "
            "them (`--strict` refuses to generate on any)",
            path=spec.sources[0] if spec.sources else "",
        )
    ]


def _run_checks(spec, catalog, config) -> list[Diagnostic]:
    """``scaffold check`` over the spec (see :func:`_refusal` for what stops generation)."""
    from ..check import run_checks

    return list(
        run_checks(
            spec,
            catalog,
            migrations_numbering=config.migration_numbering,
            policy=config.nullability,
        )
    )


def _shared_with_other_features(
    planned: list[PlannedFile], target: TargetState
) -> list[Diagnostic]:
    """DESIGN §4: no generated file is shared by two features (the runtime helper excepted)."""
    diags = []
    for f in planned:
        if f.owner != "generated" or f.blueprint == "go-runtime":
            continue
        other = target.owner_feature(f.path)
        if other:
            diags.append(
                Diagnostic(
                    rule="GEN003",
                    severity="error",
                    message=f"{f.path} is generated for feature {other!r} already; two features "
                    "never share a generated file. Name this feature differently (--name) or "
                    "move the handler file in the spec.",
                    path=f.path,
                )
            )
    return diags


def _decide(
    out: Path, rendered, target: TargetState, force: bool, want_diff: bool, result, merged_dir
):
    """Per file: what to do by owner; returns the moves and the manifest file records.

    generated: rewritten; migration: created, never rewritten; user-owned: created when
    absent, else the three-way policy of :func:`scaffold.merge.update_user_file` (or
    overwritten under ``--force``)."""
    from ..merge import update_user_file
    from . import manifest as mf
    from .views.sql import migration_sql
    from .write import Move

    moves = []
    records: dict[str, dict] = {}
    for rel in sorted(rendered.planned):
        pf = rendered.planned[rel]
        staged = rendered.files[rel]
        new = staged.read_bytes()
        dest = out / rel
        old = dest.read_bytes() if dest.is_file() else None
        src = pf.source.describe()
        prev = target.previous_file(rel) or {}
        record = {"owner": pf.owner, "sha256": mf.sha256_bytes(new), "blueprint": pf.blueprint}
        note = ""
        content: Path | None = staged  # what is moved into place when the file changes
        written = new
        base_moves_on = pf.owner == "user"
        if old is None:
            action: Action = "created"
        elif old == new:
            action = "unchanged"
        elif pf.owner == "migration" and migration_sql(old) == migration_sql(new):
            # Only the header moved (the spec was edited elsewhere): the migration is the same.
            action = "unchanged"
            written = old
            content = None
            record["sha256"] = mf.sha256_bytes(old)
        elif pf.owner == "generated":
            action = "updated"
            if prev.get("sha256") and prev["sha256"] != mf.sha256_bytes(old):
                note = "edited by hand; regenerated"
        elif pf.owner == "migration":
            action = "changed"
            note = "the spec's migration differs from the file; write a new migration"
            record["sha256"] = mf.sha256_bytes(old)
            result.diagnostics.append(
                Diagnostic(
                    rule="GEN040",
                    severity="warning",
                    message=f"migration {rel} exists and differs from the spec's; migrations "
                    "are never rewritten: add a new migration for the change",
                    path=rel,
                )
            )
            result.instructions.append(
                Instruction(
                    kind="migration-changed",
                    message=f"{rel}: the spec changed an existing migration; write a new "
                    "migration instead (the file was left as it is)",
                    path=rel,
                )
            )
        elif force:
            action = "updated"
            note = "--force"
        else:
            base_path = out / mf.BASE_DIR / rel
            base = base_path.read_bytes() if base_path.is_file() else None
            update = update_user_file(rel, base=base, ours=old, theirs=new)
            result.diagnostics.extend(update.diagnostics)
            action = update.action
            note = update.note
            base_moves_on = update.base_moves_on
            if update.content is None or update.content == old:
                written = old
                if action not in ("unchanged", "kept"):
                    action = "kept"
            else:
                written = update.content
                if update.content != new:
                    content = merged_dir / rel
                    content.parent.mkdir(parents=True, exist_ok=True)
                    content.write_bytes(update.content)
            record["sha256"] = mf.sha256_bytes(written)
        if pf.owner == "user" and base_moves_on:
            base_path = out / mf.BASE_DIR / rel
            if not (base_path.is_file() and base_path.read_bytes() == new):
                record["_base"] = "1"
        records[rel] = record
        result.files.append(FileResult(rel, pf.owner, action, src, note, pf.source.task))
        if action in ("created", "updated", "merged", "conflict"):
            moves.append(Move(rel, content))
            if want_diff:
                result.diffs.append(_udiff(rel, old, written))
    return moves, records


def _stale(
    out: Path, target: TargetState, planned: dict, moves: list, records: dict, prune: bool, result
) -> None:
    """Files this feature wrote last time and no longer plans: the policy of
    :func:`scaffold.merge.stale_file` (reported; deleted only with ``--prune`` and only when
    unmodified; migrations never)."""
    from ..merge import stale_file
    from . import manifest as mf
    from .write import Move

    for rel, rec in sorted((target.manifest.get("files") or {}).items()):
        if rel in planned:
            continue
        dest = out / rel
        base_path = out / mf.BASE_DIR / rel
        decision = stale_file(
            rel,
            owner=rec.get("owner", "generated"),
            recorded_sha256=rec.get("sha256", ""),
            current=dest.read_bytes() if dest.is_file() else None,
            base=base_path.read_bytes() if base_path.is_file() else None,
            prune=prune,
        )
        result.diagnostics.extend(decision.diagnostics)
        if decision.action == "deleted":
            moves.append(Move(rel, None))
            if base_path.is_file():
                moves.append(Move(f"{mf.BASE_DIR}/{rel}", None, state=True))
            result.files.append(
                FileResult(rel, rec.get("owner", "generated"), "deleted", "", decision.note)
            )
        elif decision.action == "stale":
            records[rel] = dict(rec)
            result.files.append(
                FileResult(rel, rec.get("owner", "generated"), "stale", "", decision.note)
            )


def _udiff(rel: str, old: bytes | None, new: bytes) -> str:
    a = (old or b"").decode("utf-8", "replace").splitlines(keepends=True)
    b = new.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(
        a, b, fromfile=f"a/{rel}" if old is not None else "/dev/null", tofile=f"b/{rel}"
    )
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return text
