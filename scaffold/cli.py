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
    """List the rules `scaffold check` applies: ID, severity, purpose."""
    from .check import rules_table

    table = rules_table()
    if fmt == "json":
        import json

        click.echo(
            json.dumps(
                [{"id": i, "severity": s, "purpose": p} for i, s, p in table],
                indent=2,
            )
        )
        return
    width = max(len(i) for i, _, _ in table)
    for rule_id, severity, purpose in table:
        click.echo(f"{rule_id:<{width}}  {severity:<7}  {purpose}")


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
        from .generate.views import view_schema

        try:
            doc = view_schema(view)
        except KeyError as exc:
            raise UsageFailure(str(exc.args[0])) from None
    else:
        from .read.yamlform import json_schema

        doc = json_schema()
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))


@cli.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--to", "target", type=click.Choice(["yaml", "json", "md"]), required=True, help="Output form."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of standard output.",
)
def convert(spec: Path, target: str, output: Path | None) -> None:
    """Convert a SPEC between markdown, YAML and JSON (the model itself).

    Refuses a spec the reader could not read cleanly, so nothing is lost silently.
    """
    from .diagnostics import at, emit
    from .read import SpecReadError, load_spec

    try:
        model = load_spec(spec)  # as written: links are derived, not converted
    except SpecReadError as exc:
        raise UsageFailure(str(exc)) from None
    errors = [p for p in model.problems if p.severity == "error"]
    if errors:
        emit([at(p.pos, p.rule, p.severity, p.message) for p in errors], "text", sys.stderr)
        sys.exit(1)
    if target == "yaml":
        from .read.yamlform import to_yaml

        text = to_yaml(model)
    elif target == "json":
        text = model.model_dump_json(indent=2, exclude={"problems"}) + "\n"
    else:
        from .emit_markdown import to_markdown

        text = to_markdown(model)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="scaffold")
