"""Lazy access to sqlglot and pglast (importing ``scaffold.sqlkit`` loads neither).

Also the one sqlglot generator every emitted statement goes through: PostgreSQL
dialect, uppercase keywords, and PostgreSQL spellings where sqlglot would otherwise
normalise (``now()`` not ``CURRENT_TIMESTAMP``, ``gen_random_uuid()`` lower-case,
``'{}'::jsonb`` not ``CAST('{}' AS JSONB)``, ``NUMERIC`` not ``DECIMAL``,
``REFERENCES t(id)`` on one line).
"""

from __future__ import annotations

import functools
import logging
from typing import Any


@functools.cache
def sqlglot() -> Any:
    import sqlglot as _sqlglot

    # sqlglot logs "unsupported syntax, falling back to Command" for statements it does not
    # model; validity is pglast's job, so those messages are noise here.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    return _sqlglot


@functools.cache
def exp() -> Any:
    sqlglot()
    from sqlglot import exp as _exp

    return _exp


@functools.cache
def pglast() -> Any:
    import pglast as _pglast
    import pglast.ast  # noqa: F401
    import pglast.stream  # noqa: F401

    return _pglast


@functools.cache
def dialect() -> Any:
    """The Postgres dialect with this project's generator (see module docstring)."""
    sqlglot()
    from sqlglot import exp as e
    from sqlglot.dialects.postgres import Postgres

    def _cast(self: Any, expression: Any) -> str:
        return f"{self.sql(expression, 'this')}::{self.sql(expression, 'to')}"

    def _reference(self: Any, expression: Any) -> str:
        target = expression.this
        if isinstance(target, e.Schema):
            cols = ", ".join(self.sql(c) for c in target.expressions)
            text = f"REFERENCES {self.sql(target, 'this')}({cols})"
        else:
            text = f"REFERENCES {self.sql(target)}"
        options = " ".join(self.sql(o) for o in expression.args.get("options") or [])
        return f"{text} {options}".rstrip()

    class Generator(Postgres.Generator):
        TRANSFORMS = {
            **Postgres.Generator.TRANSFORMS,
            e.Uuid: lambda self, expression: "gen_random_uuid()",
            e.CurrentTimestamp: lambda self, expression: "now()",
            e.Cast: _cast,
            e.Reference: _reference,
        }
        TYPE_MAPPING = {
            **Postgres.Generator.TYPE_MAPPING,
            e.DataType.Type.DECIMAL: "NUMERIC",
        }

    class ScaffoldPostgres(Postgres):
        pass

    ScaffoldPostgres.generator_class = Generator
    return ScaffoldPostgres()


def to_sql(expression: Any, pretty: bool = False) -> str:
    """Render a sqlglot expression in this project's PostgreSQL style."""
    return dialect().generate(expression, pretty=pretty, pad=4, max_text_width=10_000)
