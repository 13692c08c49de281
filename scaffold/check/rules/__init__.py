"""Rule families of ``scaffold check``; importing this package registers every rule.

One module per family: ``structure`` (sections, metadata), ``traceability``
(requirements ↔ tasks), ``tasks`` (task graph, done conditions), ``paths``,
``migrations``, ``api``, ``alignment`` (Go ↔ TS inside the spec), ``types``
(used but undefined, ``any``), ``names`` (identifiers), ``taxonomy`` (the Error
Taxonomy). Link rules (``LINK0xx``) are found while linking
(:mod:`scaffold.read.link`) and reported from the spec's problems.
"""

from . import (  # noqa: F401 - imported to register their rules
    alignment,
    api,
    migrations,
    names,
    paths,
    structure,
    taxonomy,
    tasks,
    traceability,
    types,
)
