"""The records drift keeps per file: plain tuples on disk and between processes.

:mod:`.extract` builds them as plain nested tuples (``marshal``-able, and cheap to
pickle between worker processes); :func:`go_record` / :func:`ts_record` give them
their field names without copying (``tuple.__new__``). Records carry no path
(positions are line/column), so one record serves every file with the same content.
"""

from __future__ import annotations

from typing import NamedTuple

#: Bump when a record's shape or meaning changes: old cache entries are then ignored.
EXTRACT_VERSION = 6

# --------------------------------------------------------------------------- Go records


class GoFieldRec(NamedTuple):
    name: str  # "" for an embedded field
    type: str  # as written, whitespace collapsed; embedded: with its `*`
    line: int
    column: int
    json_name: str | None  # None: no json tag (wire name is the Go name)
    json_skip: bool
    omitempty: bool
    json_string: bool
    embedded: bool
    tag: str
    validation: str
    db: str | None


class GoStructRec(NamedTuple):
    name: str
    line: int
    column: int
    type_params: tuple[str, ...]  # ("T", "U") for `[T any, U comparable]`
    fields: tuple[GoFieldRec, ...]
    json_tags: bool  # at least one field has a json tag


class GoFileRec(NamedTuple):
    package: str
    structs: tuple[GoStructRec, ...]
    enums: tuple[tuple[str, str, tuple[str, ...], int, int], ...]  # name, underlying, values, l, c
    named: tuple[tuple[str, str, int, int], ...]  # name, underlying, line, column
    marshalers: tuple[tuple[str, int, int], ...]  # types with their own MarshalJSON
    problems: tuple[tuple[int, int, str], ...]  # syntax errors: line, column, message
    funcs: tuple[tuple[str, str], ...] = ()  # function name, first result type
    flows: tuple[tuple, ...] = ()  # encode/decode evidence (:mod:`.flows`)


# --------------------------------------------------------------------------- TS records


class TsFieldRec(NamedTuple):
    name: str  # index signatures: "[key: string]"
    type: str  # without `| null` / `| undefined`
    optional: bool
    nullable: bool
    literals: tuple[str, ...]
    line: int
    column: int
    inline: tuple = ()  # an inline object type: ("@", start byte, end byte, line, column)


# A base of an object type: what `extends` or an intersection names.
#   ("ref", name, args)           A, A<T>, ns.A (name "A")
#   ("omit"|"pick", base, keys)   Omit<A, "x" | "y">, Pick<…>
#   ("partial"|"required", base)  Partial<A>, Required<A>
#   ("object", fields)            an inline `{ … }` in an intersection
#   ("other", text)               anything else (a conditional type, a mapped type, …)
Base = tuple


class TsTypeRec(NamedTuple):
    name: str
    kind: str  # "interface", "object" (alias of an object type/intersection), "alias"
    type_params: tuple[str, ...]
    bases: tuple[Base, ...]
    fields: tuple[TsFieldRec, ...]
    alias_of: str  # kind "alias": the right-hand side as written
    literals: tuple[str, ...]  # kind "alias": a union of string literals
    line: int
    column: int


class TsFileRec(NamedTuple):
    types: tuple[TsTypeRec, ...]
    imports: tuple[tuple[str, str, str], ...]  # local name, module, imported name
    problems: tuple[tuple[int, int, str], ...]


# --------------------------------------------------------------------------- plain → named

_new = tuple.__new__


def go_record(plain: tuple) -> GoFileRec:
    """A Go record from its plain form."""
    structs = tuple(
        _new(GoStructRec, (s[0], s[1], s[2], s[3], tuple(_new(GoFieldRec, f) for f in s[4]), s[5]))
        for s in plain[1]
    )
    return _new(GoFileRec, (plain[0], structs, *plain[2:8]))


def _fields(fields: tuple) -> tuple:
    return tuple(_new(TsFieldRec, f) for f in fields)


def _base(b: tuple) -> tuple:
    kind = b[0]
    if kind == "object":
        return ("object", _fields(b[1]))
    if kind in ("omit", "pick"):
        return (kind, _base(b[1]), b[2])
    if kind in ("partial", "required", "readonly"):
        return (kind, _base(b[1]))
    return b


def ts_record(plain: tuple) -> TsFileRec:
    """A TypeScript record from its plain form."""
    types = tuple(
        _new(
            TsTypeRec,
            (
                t[0],
                t[1],
                t[2],
                tuple(_base(b) for b in t[3]),
                _fields(t[4]),
                t[5],
                t[6],
                t[7],
                t[8],
            ),
        )
        for t in plain[0]
    )
    return _new(TsFileRec, (types, plain[1], plain[2]))
