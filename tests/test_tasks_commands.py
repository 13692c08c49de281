"""Done-condition commands: shorthands a spec defines once, and commands that destroy data."""

from __future__ import annotations

import pytest

from scaffold.read.markdown.tasks import destroys_data, expand_shorthands, shorthand


def test_shorthands_expand_at_command_positions() -> None:
    defined = dict(
        d
        for d in (
            shorthand('gz() { goose -dir migrations postgres "$DB" "$@"; }'),
            shorthand("alias g='goose -dir migrations'"),
        )
        if d
    )
    assert expand_shorthands("gz status && g up", defined) == (
        'goose -dir migrations postgres "$DB" status && goose -dir migrations up'
    )
    assert expand_shorthands("echo gz", defined) == "echo gz"
    assert shorthand("f() { echo hi; }") is None  # not a command the spec runs


@pytest.mark.parametrize(
    ("command", "destroys"),
    [
        ('goose -dir migrations postgres "$DB" down', True),
        ("goose down-to 20260101000000 && goose up", True),
        ("goose reset", True),
        ('psql "$DB" -c "DROP TABLE labels"', True),
        ("npm run db:reset", True),
        ("goose status", False),
        ("go test ./internal/...", False),
        ('psql "$DB" -c "\\d labels"', False),
    ],
)
def test_destroys_data(command: str, destroys: bool) -> None:
    assert destroys_data(command) is destroys
