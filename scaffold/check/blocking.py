"""Which diagnostics stop ``scaffold generate`` (DESIGN.md §17), as data.

Only a diagnostic that makes the output wrong or impossible blocks generation: code the
generator needs that does not parse, a path that leaves the target, two definitions of
one name, a name that is not a valid identifier in the language it lands in (generate
never renames, §8), SQL that PostgreSQL or goose would reject. Every other ``check``
error (traceability, a missing table, a section left out) is printed by ``generate`` as
a count with the hint to run ``scaffold check``, and generation goes on; ``--strict``
refuses on any error. ``scaffold rules`` shows the flag.
"""

from __future__ import annotations

from typing import Iterable

from ..diagnostics import Diagnostic

# rule ID → why it blocks generation
BLOCKS_GENERATION: dict[str, str] = {
    # The readers could not read code or markup generate needs.
    "SPEC049": "the spec file is empty: there is nothing to generate",
    "SPEC020": "a Go block the generated code is built from does not parse",
    "SPEC021": "a TypeScript block the generated code is built from does not parse",
    "SPEC050": "an unclosed code fence swallows the rest of the spec",
    "SPEC069": "the markdown could not be read in full",
    "YAML001": "the YAML form could not be read",
    "YAML002": "the YAML form is not a spec",
    # Names that would not compile where they land.
    "NAME001": "a Go name is not a valid identifier",
    "NAME002": "a TypeScript name is not a valid identifier",
    "NAME003": "an SQL name is not valid",
    "NAME004": "a Go field with a json tag is unexported (go vet fails)",
    "API013": "a path parameter is not an identifier",
    # Two definitions of one name.
    "API008": "a type is defined twice, differently",
    "API010": "an endpoint is defined twice",
    "API014": "two spec files define one endpoint differently",
    "TAX001": "a Go error is defined twice",
    # Paths that would write outside the target or to a placeholder name.
    "PATH001": "a file path is a placeholder",
    "PATH002": "a file path is elided",
    "PATH004": "a file path is absolute",
    "PATH005": "a file path climbs out of the repository",
    # Migrations PostgreSQL or goose would reject.
    "MIG002": "two migrations share a version",
    "MIG005": "migration SQL does not parse as PostgreSQL",
    "MIG009": "CREATE INDEX CONCURRENTLY inside a transaction fails",
    "SPEC058": "a migration has no SQL or a name goose does not accept",
    "SQL001": "a migration has no Up section",
    "SQL004": "unbalanced StatementBegin/StatementEnd",
    "SQL005": "an SQL statement is not terminated",
    "SQL006": "goose would split a statement",
    "SQL007": "an unknown goose annotation",
    "SQL008": "an unterminated string, identifier, dollar quote or comment",
}


def blocks_generation(rule_id: str) -> bool:
    """True when an error of ``rule_id`` stops generation (outside ``--strict``)."""
    return rule_id in BLOCKS_GENERATION


def blocking(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The errors among ``diags`` that stop generation."""
    return [d for d in diags if d.severity == "error" and blocks_generation(d.rule)]
