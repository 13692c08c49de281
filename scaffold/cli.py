"""The `scaffold` command line.

Every command imports what it needs inside itself, so `scaffold --help` stays
fast (DESIGN.md §13). Exit codes are the same for every command (§10):
0 no error, 1 findings (warnings too under --strict), 2 usage error or
unreadable input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

FORMAT_CHOICE = click.Choice(["text", "json", "sarif", "github"])
SPECS_ARG = click.argument(
    "specs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)


class UsageFailure(click.ClickException):
    """Unreadable input or a usage problem found after parsing: exit 2, no traceback."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"scaffold: {self.message}", err=True)


def _load(specs: tuple[Path, ...]):  # noqa: ANN202 - returns scaffold.model.Spec
    from .read import SpecReadError, load_feature

    try:
        return load_feature(list(specs))
    except SpecReadError as exc:
        raise UsageFailure(str(exc)) from None


def _baseline_catalog(spec, baseline: Path | None, repo: Path | None):  # noqa: ANN001,ANN202
    """Resolve config and the existing schema the spec builds on (DESIGN.md §2)."""
    from .baseline import load_baseline
    from .config import load_config

    spec_dir = Path(spec.sources[0]).parent if spec.sources else Path.cwd()
    start = ([repo] if repo else []) + [spec_dir]
    cfg = load_config(start, {"baseline": baseline.resolve() if baseline else None})
    root = repo or (cfg.config_file.parent if cfg.config_file else spec_dir)
    names = {Path(m.path).name for m in spec.migrations}
    mdir = root / cfg.migrations_dir
    own = (
        [p.relative_to(root).as_posix() for p in sorted(mdir.glob("*.sql")) if p.name in names]
        if mdir.is_dir()
        else []
    )
    catalog, diags = load_baseline(cfg, root, own)
    return cfg, catalog, cfg.diagnostics + diags


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="scaffold")
def cli() -> None:
    """Turn an approved tech spec into the first commit of the work.

    \b
    A spec is markdown written from the create-tech-spec template, or its YAML
    form. Several spec files given together are one feature.

    \b
    Typical use:
      scaffold check tech-specs/invites.md            # is the spec complete and consistent?
      scaffold generate tech-specs/invites.md --out . # goose, Go, TS and shadcn stubs
      scaffold generate tech-specs/invites.md --out . --check   # CI: generated code in sync?

    \b
    Exit codes (every command): 0 no error, 1 findings (warnings too with
    --strict), 2 usage error or unreadable input.
    """


@cli.command()
@SPECS_ARG
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schema-only SQL (as `pg_dump -s` writes it) of the database the spec changes. "
    "Default: config `baseline`, else the repo's migrations.",
)
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    help="The repository the spec changes: its config and migrations are read. "
    "Default: config found upward from the spec's directory.",
)
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
def check(
    specs: tuple[Path, ...], baseline: Path | None, repo: Path | None, strict: bool, fmt: str
) -> None:
    """Check SPEC files against the template's self-evaluation checklist.

    \b
    Prints `path:line:col: severity RULE message`, sorted by position.
    `scaffold rules` lists every rule. Example:
      scaffold check tech-specs/invites.md --baseline db/schema.sql --strict
    """
    from .check import run_checks
    from .diagnostics import emit, escalate, exit_code

    spec = _load(specs)
    cfg, catalog, config_diags = _baseline_catalog(spec, baseline, repo)
    diags = escalate(
        config_diags
        + run_checks(
            spec,
            catalog,
            migrations_numbering=cfg.migration_numbering,
            policy=cfg.nullability,
        ),
        strict,
    )
    emit(diags, fmt)
    sys.exit(exit_code(diags, strict))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(fmt: str) -> None:
    """List the rules `scaffold check` applies: ID, severity, purpose.

    `blocks` marks the errors that stop `scaffold generate`; other errors are counted
    and generation goes on (`--strict` stops on any error).
    """
    from .check import rules_table

    table = rules_table()
    if fmt == "json":
        import json

        click.echo(
            json.dumps(
                [
                    {"id": i, "severity": s, "purpose": p, "blocks_generation": b}
                    for i, s, p, b in table
                ],
                indent=2,
            )
        )
        return
    width = max(len(row[0]) for row in table)
    for rule_id, severity, purpose, blocks in table:
        mark = "blocks" if blocks else ""
        click.echo(f"{rule_id:<{width}}  {severity:<7}  {mark:<6}  {purpose}")


@cli.command()
@click.option(
    "--view",
    metavar="NAME",
    help="Print the JSON Schema of a blueprint's view model instead of the YAML spec form.",
)
def schema(view: str | None) -> None:
    """Print the JSON Schema of the YAML spec form (or of a blueprint view model)."""
    import json

    if view:
        from .generate.viewschema import view_schema

        try:
            doc = view_schema(view)
        except KeyError as exc:
            raise UsageFailure(str(exc.args[0])) from None
    else:
        from .read.yamlform import json_schema

        doc = json_schema()
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


@cli.command()
@SPECS_ARG
@click.option(
    "--to", "target", type=click.Choice(["yaml", "json", "md"]), required=True, help="Output form."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of standard output.",
)
def convert(specs: tuple[Path, ...], target: str, output: Path | None) -> None:
    """Convert SPECS between markdown, YAML and JSON (the model itself).

    Several files are one feature (a backend and a frontend spec): they are converted
    into one document. What the readers could not read is listed on standard error and
    the exit code is 1, but the conversion of everything they did read is still written.
    """
    from .diagnostics import at, emit
    from .model import merge_specs
    from .read import SpecReadError, load_spec

    try:
        # As written: links are derived, not converted.
        model = merge_specs([load_spec(spec) for spec in specs])
    except SpecReadError as exc:
        raise UsageFailure(str(exc)) from None
    errors = [p for p in model.problems if p.severity == "error"]
    if target == "yaml":
        from .writers.yaml import to_yaml

        text = to_yaml(model)
    elif target == "json":
        text = model.model_dump_json(indent=2, exclude={"problems"}) + "\n"
    else:
        from .writers.markdown import to_markdown

        text = to_markdown(model)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if errors:
        emit([at(p.pos, p.rule, p.severity, p.message) for p in errors], "text", sys.stderr)
        sys.exit(1)


@cli.command()
@SPECS_ARG
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The target: an existing repository or an empty (or new) directory.",
)
@click.option("--dry-run", is_flag=True, help="List what would change; write nothing.")
@click.option(
    "--diff", is_flag=True, help="Also show a unified diff of each change (implies --dry-run)."
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="CI: write nothing; exit 1 and list the files that would change.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite user-owned files instead of merging them (never migrations).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Delete files whose spec element is gone, when they are unmodified.",
)
@click.option(
    "--install", is_flag=True, help="Run the `go get` / `npm install` commands generate prints."
)
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schema-only SQL of the database the spec changes (default: config, else migrations).",
)
@click.option("--name", help="The feature's name (default: the first spec's slug).")
@click.option("--go-module", help="Go module path for a new go.mod (default: config, else go.mod).")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
def generate(
    specs: tuple[Path, ...],
    out: Path,
    dry_run: bool,
    diff: bool,
    check_only: bool,
    force: bool,
    prune: bool,
    install: bool,
    strict: bool,
    baseline: Path | None,
    name: str | None,
    go_module: str | None,
    fmt: str,
) -> None:
    """Generate goose migrations, Go, TypeScript and shadcn/ui stubs from SPEC files.

    \b
    Generated files (`DO NOT EDIT`) are rewritten on every run; user-owned files
    (handlers, components, tests, migrations) are created once, then merged three
    ways when the spec changes (conflicts are marked and exit 1). Writes are all or
    nothing. `.scaffold/manifest.json` records what was written: commit it.
    \b
    Examples:
      scaffold generate tech-specs/invites.md --out .            # write
      scaffold generate tech-specs/invites.md --out . --diff     # show, write nothing
      scaffold generate tech-specs/invites.md --out . --check    # CI: in sync?
    """
    from .diagnostics import emit
    from .generate import generate as run_generate

    result = run_generate(
        list(specs),
        out,
        dry_run=dry_run or diff,
        diff=diff,
        check=check_only,
        force=force,
        strict=strict,
        baseline=baseline,
        name=name,
        overrides={"go_module": go_module},
        prune=prune,
        prewarm=True,
    )
    if fmt == "text":
        emit(result.diagnostics, "text", sys.stderr)
        click.echo(result.text(only_changed=check_only), nl=False)
        if check_only and result.changed():
            click.echo(
                f"{len(result.changed())} file(s) out of date with the spec; "
                "run `scaffold generate` without --check.",
                err=True,
            )
    else:
        extra = {
            "files": [
                {"path": f.path, "owner": f.owner, "action": f.action, "note": f.note}
                for f in result.files
            ],
            "instructions": [
                {"kind": i.kind, "message": i.message, "command": i.command, "path": i.path}
                for i in result.instructions
            ],
        }
        emit(result.diagnostics, fmt, extra=extra)
    code = result.exit_code
    if install and code == 0 and not (dry_run or diff or check_only):
        code = _install(result, out)
    sys.exit(code)


def _install(result, out: Path) -> int:  # noqa: ANN001 - a GenerateResult
    """Run the dependency commands generate printed, each shown before it runs."""
    import subprocess

    for ins in result.instructions:
        if ins.kind not in ("go-get", "npm-install") or not ins.command:
            continue
        click.echo(f"$ {ins.command}", err=True)
        if subprocess.run(ins.command, shell=True, cwd=out).returncode != 0:
            click.echo(f"scaffold: `{ins.command}` failed", err=True)
            return 1
    return 0


@cli.command("config")
@click.option(
    "--out",
    "--repo",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The target whose configuration to resolve.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def config_cmd(target: Path, fmt: str) -> None:
    """Print the resolved configuration and where each value came from.

    \b
    Precedence: flag > scaffold.toml / [tool.scaffold] (searched upward) >
    what the target shows > default. From the repository root, with no flag, the
    target shows: the backend root (the directory of go.mod), its module path and
    router, the migrations dir and its numbering, the React frontend root, its
    aliases (tsconfig paths, components.json), package manager (lockfile), test
    runner and radix package. A detected value's source is `target:<file>`.
    """
    from .config import load_config
    from .diagnostics import emit

    cfg = load_config([target], {}, target=target)
    rows = cfg.describe()
    if fmt == "json":
        import json

        def raw(key: str) -> object:
            value = getattr(cfg, key)
            if isinstance(value, dict):
                return {k: str(v) for k, v in sorted(value.items())}
            return None if value is None else str(value)

        click.echo(
            json.dumps(
                {
                    "config_file": str(cfg.config_file) if cfg.config_file else None,
                    "values": {k: {"value": raw(k), "origin": o} for k, _, o in rows},
                },
                indent=2,
            )
        )
    else:
        click.echo(f"config file: {cfg.config_file or '(none found)'}")
        width = max(len(k) for k, _, _ in rows)
        # Long values (a table of aliases) overflow rather than push every origin right.
        vwidth = min(max(len(v) for _, v, _ in rows), 40)
        for key, value, origin in rows:
            click.echo(f"  {key:<{width}}  {value:<{vwidth}}  ({origin})")
    emit(cfg.diagnostics, "text", sys.stderr)
    sys.exit(1 if any(d.severity == "error" for d in cfg.diagnostics) else 0)


@cli.command()
@click.option(
    "--go", "go", multiple=True, metavar="PATH", help="Go file or directory (repeatable)."
)
@click.option(
    "--ts", "ts", multiple=True, metavar="PATH", help="TS file or directory (repeatable)."
)
@click.option(
    "--spec",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The spec (the contract): pairs from its endpoints, spec ↔ code and SQL ↔ Go.",
)
@click.option(
    "--pair", multiple=True, metavar="GoType=TSType", help="An explicit pair (repeatable)."
)
@click.option(
    "--ts-name",
    multiple=True,
    metavar="PATTERN",
    help="How TS mirrors are named: 'I{}', '{}DTO' ({} is the Go name).",
)
@click.option(
    "--policy",
    type=click.Choice(["wire", "non-nil"]),
    help="Nullability policy (default: config, else `wire`, as encoding/json writes).",
)
@click.option("--jobs", type=int, help="Parser processes (default: CPU count).")
@click.option("--no-cache", is_flag=True, help="Do not use or write the parse cache.")
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
@click.argument(
    "more_specs", nargs=-1, metavar="[SPEC]...", type=click.Path(dir_okay=False, path_type=Path)
)
def drift(
    go: tuple[str, ...],
    ts: tuple[str, ...],
    spec: tuple[Path, ...],
    more_specs: tuple[Path, ...],
    pair: tuple[str, ...],
    ts_name: tuple[str, ...],
    policy: str | None,
    jobs: int | None,
    no_cache: bool,
    strict: bool,
    fmt: str,
) -> None:
    """Find Go ↔ TypeScript (↔ spec ↔ SQL) contract drift.

    \b
    Pairs come from the spec, --pair, --ts-name, then identical names. Findings
    are errors with both positions; what cannot be resolved is a warning.
    Several spec files are one feature: `--spec A.md B.md` (or repeat --spec).
    Exit 0 no drift, 1 drift, 2 usage error or unreadable input.
    Example:
      scaffold drift --go internal/ --ts web/src/ --spec tech-specs/invites.md
    """
    from .drift import DriftOptions, drift_command

    opts = DriftOptions(
        go=list(go),
        ts=list(ts),
        spec=[str(p) for p in (*spec, *more_specs)],
        pair=list(pair),
        ts_name=list(ts_name),
        policy=policy,
        fmt=fmt,
        jobs=jobs,
        no_cache=no_cache,
        strict=strict,
    )
    sys.exit(drift_command(opts))


@cli.command()
@SPECS_ARG
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The repository implementing the spec.",
)
@click.option(
    "--run",
    is_flag=True,
    help="Run each done-condition command (printed before it runs) to verify tasks.",
)
@click.option("--task", "tasks", multiple=True, metavar="T-00N", help="Only these tasks.")
@click.option(
    "--yes",
    is_flag=True,
    help="With --run: also run done commands that destroy data (`goose down`, `DROP`, "
    "`reset`) without asking. Without it they are asked about on a terminal, else skipped.",
)
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def status(
    specs: tuple[Path, ...],
    repo: Path,
    run: bool,
    tasks: tuple[str, ...],
    yes: bool,
    strict: bool,
    fmt: str,
) -> None:
    """Show each task's state: todo, implemented, verified or failing.

    \b
    todo         a file it creates is missing or a TODO(T-00N) marker remains
    implemented  neither (markers listed with file:line while they remain)
    verified     with --run: markers gone and its done commands pass
    failing      with --run: a done command failed
    Requirements show the state of their tasks.
    """
    from .status import status as run_status

    result = run_status(list(specs), repo, run, strict=strict, only=list(tasks) or None, yes=yes)
    click.echo(result.json() if fmt == "json" else result.text(), nl=False)
    sys.exit(result.exit_code)


@cli.command()
@SPECS_ARG
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="A git work tree with no uncommitted changes.",
)
@click.option("--branch", help="Branch to create (default: spec/<slug>).")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schema-only SQL of the database the spec changes.",
)
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
def bootstrap(
    specs: tuple[Path, ...], repo: Path, branch: str | None, baseline: Path | None, strict: bool
) -> None:
    """Generate the feature on a new branch and commit it: the agent's first commit.

    Writes the task checklist beside the spec and commits with the task list and
    `Spec:`, `Spec-SHA256:` and `Implements:` trailers. The same spec and repo
    state give the same commit tree.
    """
    from .bootstrap import bootstrap as run_bootstrap
    from .diagnostics import emit

    result = run_bootstrap(list(specs), repo, branch, strict=strict, baseline=baseline)
    emit(result.diagnostics, "text", sys.stderr)
    click.echo(result.text(), nl=False)
    sys.exit(result.exit_code)


@cli.command()
@SPECS_ARG
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the document here (atomically) instead of standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    help="Output form (default: json for an --out ending in .json, else yaml).",
)
def openapi(specs: tuple[Path, ...], out: Path | None, fmt: str | None) -> None:
    """Print the feature's API as an OpenAPI 3.1 document.

    \b
    Every endpoint (operationId = the handler's name), path and query parameters
    with types, bounds and defaults, request and success bodies (inside the spec's
    envelope), every error response with its body and machine codes, auth, tags per
    domain package; components from the Go structs as the wire carries them
    (`nullability` from config). WebSocket events go in `x-events`.
    Same spec, same bytes. What the spec could not read is listed on standard error
    and the exit code is 1; the document of everything read is still written.
    \b
    Examples:
      scaffold openapi tech-specs/invites.md --out api/openapi.yaml
      scaffold openapi tech-specs/invites.md --format json | npx openapi-typescript /dev/stdin
    """
    from .diagnostics import emit, exit_code
    from .openapi import document_for, dump, format_for, write_atomic

    spec = _load(specs)
    doc, diags = document_for(spec)
    text = dump(doc, fmt or (format_for(out) if out else "yaml"))  # type: ignore[arg-type]
    if out:
        try:
            write_atomic(out, text)
        except OSError as exc:
            raise UsageFailure(f"{out}: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False)
    emit(diags, "text", sys.stderr)
    sys.exit(exit_code(diags))


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="scaffold")
