"""SQL identifiers: which names PostgreSQL reserves, and which must be double-quoted.

A table or column name is written bare when PostgreSQL reads it back unchanged: a
lower-case identifier (``[a-z_][a-z0-9_$]*``) that is neither a reserved keyword nor a
type/function-name keyword (``user``, ``order``, ``left``). Anything else is quoted
(``"user"``, ``"Name"``), so generated DDL stays valid and keeps the spec's spelling;
``check`` reports such names (DESIGN §8) and suggests another.
"""

from __future__ import annotations

import re

_SIMPLE = re.compile(r"^[a-z_][a-z0-9_$]*$")


def is_reserved(name: str) -> bool:
    """True when PostgreSQL cannot take ``name`` as a bare table or column name."""
    from pglast import keywords

    word = name.lower()
    return word in keywords.RESERVED_KEYWORDS or word in keywords.TYPE_FUNC_NAME_KEYWORDS


def needs_quoting(name: str) -> bool:
    """True when ``name`` must be written ``"name"`` to mean exactly itself."""
    return not _SIMPLE.match(name) or is_reserved(name)
