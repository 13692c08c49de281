"""TypeScript code reader (tree-sitter): TS/TSX source → :class:`TsType` elements.

Used for ``typescript``/``ts``/``tsx`` fences inside specs and by
``scaffold drift`` on real ``.ts``/``.tsx`` files (``tsx=True`` picks the TSX
grammar). Only top-level declarations are read (also inside ``export`` and
``declare``); function bodies are never walked.

Conventions:

- ``interface X extends A, B<T> { … }`` → ``kind="interface"``, ``extends``
  as written. ``type X = { … }`` → ``kind="alias"`` with fields.
  ``type X = "a" | "b"`` → ``literals=["a", "b"]`` (and ``alias_of`` as
  written); any other alias → ``alias_of`` only. A string ``enum`` is read as an
  alias of the union of its values (``literals`` set, ``alias_of`` = that union);
  another enum as ``alias_of="number"``.
- A field's ``type`` is its type text with ``null`` / ``undefined`` union
  members removed (they set ``nullable`` / ``undefinable``) and whitespace
  collapsed: ``readonly string[]``, ``Array<Invite>``, ``Record<string, number>``,
  ``{ a: number; b?: string }`` stay as written. ``literals`` is set when the
  rest is one or more string literals. ``optional`` is ``?``, ``readonly`` the
  modifier on the field.
- An index signature ``[key: string]: T`` is a field whose ``name`` is the
  bracket text as written (``"[key: string]"``, whitespace collapsed) and whose
  type is ``T``. A method signature ``f(x: number): void`` is a field ``f`` whose
  type is the rest of the signature (``"(x: number): void"``).
- ``imports`` maps each *local* name a file imports to its module specifier:
  ``import { A, B as C } from "./x"`` → ``{"A": "./x", "C": "./x"}``; default and
  ``* as ns`` imports too; ``import type`` and ``{ type A }`` alike.
- A top-level comment that is only a file path (``// src/types/invites.ts`` or
  ``// [src/types/invites.ts]``) sets ``TsType.file`` for the types after it.
- Syntax errors → one ``SPEC021`` problem at the first error; what parsed is
  still returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..model import Problem, TsField, TsType
from .treesitter import Source, collapse, gc_paused, syntax_problem

# Rules this reader reports (``scaffold check --list-rules`` shows them).
RULES: dict[str, str] = {"SPEC021": "TypeScript code (a spec code block) does not parse"}

__all__ = ["RULES", "TsFile", "object_fields", "parse_ts"]


@dataclass
class TsFile:
    """What one TypeScript source (a file or a spec fence) declares."""

    types: list[TsType] = field(default_factory=list)
    imports: dict[str, str] = field(default_factory=dict)  # local name -> module specifier
    problems: list[Problem] = field(default_factory=list)


def parse_ts(
    source: str | bytes, file: str, line: int = 1, column: int = 1, tsx: bool = False
) -> TsFile:
    """Read TypeScript ``source`` that starts at ``line``:``column`` of ``file``. Never raises.

    ``column`` is the indentation of the block the source came from: every line
    is taken to start there. ``tsx=True`` reads it with the TSX grammar.
    """
    src = Source(source, file, line, column)
    tree = src.parse("tsx" if tsx else "typescript")
    root = tree.root_node
    reader = _TsReader(src)
    with gc_paused():
        reader.statements(root.children)
    out = reader.out
    problem = syntax_problem(src, root, "TypeScript", "SPEC021")
    if problem is not None:
        out.problems.append(problem)
    return out


_FILE_COMMENT = re.compile(
    r"^//\s*\[?\s*(?:file:\s*)?`?([\w.@~/+-]+\.(?:d\.ts|ts|tsx|mts|cts))`?\s*\]?\s*$"
)


def file_comment(text: str) -> str | None:
    """``// src/types/invites.ts`` or ``// [src/types/invites.ts]`` → the path; else None."""
    m = _FILE_COMMENT.match(text.strip())
    return m.group(1) if m else None


_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(m: re.Match) -> str:
    e = m.group(1)
    if e[0] in "ux" and len(e) > 1:
        code = int(e[1:].strip("{}"), 16)
        return chr(code) if code < 0x110000 else m.group(0)
    if e in ("\n", "\r\n", "\r"):  # a line continuation
        return ""
    return _SIMPLE_ESCAPES.get(e, e)


def string_value(raw: str) -> str:
    """The value of a JS/TS string literal (quotes removed, escapes resolved)."""
    body = raw[1:-1]
    if "\\" in body:
        body = _ESCAPE.sub(_unescape, body)
    return body


def union_members(node, out: list) -> list:
    for c in node.children:
        if c.type == "union_type":
            union_members(c, out)
        elif c.is_named and c.type != "comment":
            out.append(c)
    return out


class _TsReader:
    __slots__ = ("src", "out", "file")

    def __init__(self, src: Source) -> None:
        self.src = src
        self.out = TsFile()
        self.file = ""

    def statements(self, children, exported: bool = False) -> None:
        for node in children:
            t = node.type
            if t == "export_statement":
                decl = node.child_by_field_name("declaration")
                if decl is not None:
                    self.declaration(decl, decl.type, True)
                else:
                    # `export default interface X {}` has no declaration field.
                    for c in node.children:
                        if c.type == "interface_declaration":
                            self.interface(c, True)
            elif t == "comment":
                path = file_comment(self.src.text(node))
                if path is not None:
                    self.file = path
            elif t == "import_statement":
                self.import_statement(node)
            elif t == "ERROR":
                self.statements(node.children, exported)
            else:
                self.declaration(node, t, exported)

    def declaration(self, node, t: str, exported: bool) -> None:
        if t == "interface_declaration":
            self.interface(node, exported)
        elif t == "type_alias_declaration":
            self.alias(node, exported)
        elif t == "enum_declaration":
            self.enum(node, exported)
        elif t == "ambient_declaration":
            for c in node.children:
                if c.is_named:
                    self.declaration(c, c.type, exported)

    # ------------------------------------------------------------------ imports

    def import_statement(self, node) -> None:
        src_node = node.child_by_field_name("source")
        if src_node is None:
            return
        module = string_value(self.src.text(src_node))
        for clause in node.children:
            if clause.type != "import_clause":
                continue
            for c in clause.children:
                t = c.type
                if t == "identifier":
                    self.out.imports[self.src.text(c)] = module
                elif t == "namespace_import":
                    for n in c.children:
                        if n.type == "identifier":
                            self.out.imports[self.src.text(n)] = module
                elif t == "named_imports":
                    for spec in c.children:
                        if spec.type != "import_specifier":
                            continue
                        local = spec.child_by_field_name("alias") or spec.child_by_field_name(
                            "name"
                        )
                        if local is not None:
                            self.out.imports[_name_text(self.src, local)] = module

    # ------------------------------------------------------------------ declarations

    def interface(self, node, exported: bool) -> None:
        src = self.src
        name = node.child_by_field_name("name")
        if name is None:
            return
        extends: list[str] = []
        body = node.child_by_field_name("body")
        for c in node.children:
            if c.type == "extends_type_clause":
                extends = [collapse(src.text(t)) for t in c.named_children if t.type != "comment"]
        self.out.types.append(
            TsType(
                pos=src.pos(name),
                name=src.text(name),
                kind="interface",
                extends=extends,
                fields=self.members(body) if body is not None else [],
                exported=exported,
                file=self.file,
            )
        )

    def alias(self, node, exported: bool) -> None:
        src = self.src
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None or value is None:
            return
        t = TsType(
            pos=src.pos(name), name=src.text(name), kind="alias", exported=exported, file=self.file
        )
        if value.type == "object_type":
            t.fields = self.members(value)
        else:
            t.alias_of = collapse(src.text(value))
            if t.alias_of.startswith("|"):  # `type X =\n  | "a"\n  | "b"`
                t.alias_of = t.alias_of[1:].lstrip()
            members = union_members(value, []) if value.type == "union_type" else [value]
            literals = self.string_literals(members)
            if literals is not None:
                t.literals = literals
        self.out.types.append(t)

    def enum(self, node, exported: bool) -> None:
        src = self.src
        name = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name is None or body is None:
            return
        values: list[str] = []
        numeric = False
        for c in body.children:
            if c.type == "enum_assignment":
                v = c.child_by_field_name("value")
                if v is not None and v.type == "string":
                    values.append(string_value(src.text(v)))
                else:
                    numeric = True
            elif c.type in ("property_identifier", "string", "number"):
                numeric = True
        t = TsType(
            pos=src.pos(name), name=src.text(name), kind="alias", exported=exported, file=self.file
        )
        if values and not numeric:
            t.literals = values
            t.alias_of = " | ".join('"' + v.replace('"', '\\"') + '"' for v in values)
        else:
            t.alias_of = "number"
        self.out.types.append(t)

    def members(self, body) -> list[TsField]:
        src = self.src
        fields: list[TsField] = []
        for m in body.children:
            t = m.type
            if t == "property_signature":
                name = m.child_by_field_name("name")
                if name is None:
                    continue
                kw: dict = {}
                ann = m.child_by_field_name("type")
                # Modifiers sit before the name, `?` between it and the type: look at the
                # children only where there is something there.
                after = src.data[name.end_byte : ann.start_byte if ann is not None else m.end_byte]
                if name.start_byte > m.start_byte or b"?" in after:
                    for c in m.children:
                        ct = c.type
                        if ct == "?":
                            kw["optional"] = True
                        elif ct == "readonly":
                            kw["readonly"] = True
                self.field_type(kw, ann)
                fields.append(TsField(pos=src.pos(name), name=_name_text(src, name), **kw))
            elif t == "index_signature":
                kw = {}
                close = None
                for c in m.children:
                    ct = c.type
                    if ct == "]":
                        close = c
                        break
                    if ct == "readonly":
                        kw["readonly"] = True
                if close is None:
                    continue
                key = collapse(src.data[m.start_byte : close.end_byte].decode("utf-8", "replace"))
                if key.startswith("readonly"):
                    key = key[len("readonly") :].lstrip()
                self.field_type(kw, m.child_by_field_name("type"))
                fields.append(TsField(pos=src.pos(m), name=key, **kw))
            elif t == "method_signature":
                name = m.child_by_field_name("name")
                if name is None:
                    continue
                kw = {}
                rest = name.end_byte
                for c in m.children:
                    if c.type == "?":
                        kw["optional"] = True
                        rest = c.end_byte
                kw["type"] = collapse(src.data[rest : m.end_byte].decode("utf-8", "replace"))
                fields.append(TsField(pos=src.pos(name), name=_name_text(src, name), **kw))
        return fields

    def field_type(self, kw: dict, ann) -> None:
        """Put a member's type, nullable, undefinable and literals into ``kw``."""
        src = self.src
        node = None
        if ann is not None:
            node = ann
            if ann.type == "type_annotation":
                named = ann.named_children
                node = named[0] if named else None
        if node is None:
            kw["type"] = "any"  # TypeScript's implicit type for an unannotated member
            return
        if node.type != "union_type":
            kw["type"] = collapse(src.text(node))
            if node.type == "literal_type":
                literals = self.string_literals((node,))
                if literals is not None:
                    kw["literals"] = literals
            return
        members = union_members(node, [])
        keep = []
        for m in members:
            mt = m.type
            if mt == "literal_type" or mt == "predefined_type":
                text = src.text(m)
                if text == "null":
                    kw["nullable"] = True
                    continue
                if text == "undefined":
                    kw["undefinable"] = True
                    continue
            keep.append(m)
        if not keep:
            kw["type"] = collapse(src.text(node)).lstrip("| ")
            return
        kw["type"] = " | ".join([collapse(src.text(m)) for m in keep])
        literals = self.string_literals(keep)
        if literals is not None:
            kw["literals"] = literals

    def string_literals(self, members) -> list[str] | None:
        """The values when every member is a string literal type; else None."""
        out: list[str] = []
        for m in members:
            if m.type != "literal_type" or m.named_child_count != 1:
                return None
            s = m.named_children[0]
            if s.type != "string":
                return None
            out.append(string_value(self.src.text(s)))
        return out or None


def _name_text(src: Source, node) -> str:
    """A member or import name: identifiers as written, string names unquoted."""
    if node.type == "string":
        return string_value(src.text(node))
    return src.text(node)


def object_fields(
    expr: str, resolve: "Callable[[str], dict[str, TsField] | None]"
) -> dict[str, TsField] | None:
    """The JSON fields an object-shaped TS type expression has, by name; None when it is
    not object-shaped (a scalar, a literal union, a type the caller cannot resolve).

    ``A & { x: T }`` has the fields of both; a union (a discriminated union such as
    ``(Base & { type: "a"; a: A }) | (Base & { type: "b"; b: B })``) has the fields every
    member has, each typed as the union of its members' types (literals joined).
    ``resolve`` gives the fields of a named type."""
    src = Source(f"type __T = {expr};", "<type>", 1, 1)
    tree = src.parse("typescript")
    alias = next((c for c in tree.root_node.children if c.type == "type_alias_declaration"), None)
    value = alias.child_by_field_name("value") if alias is not None else None
    if value is None:
        return None
    reader = _TsReader(src)
    return _fields_of(reader, value, resolve, 0)


def _fields_of(reader: _TsReader, node, resolve, depth: int) -> dict[str, TsField] | None:
    src = reader.src
    t = node.type
    if depth > 8:
        return None
    if t == "object_type":
        return {f.name: f for f in reader.members(node)}
    if t == "parenthesized_type":
        inner = [c for c in node.named_children if c.type != "comment"]
        return _fields_of(reader, inner[0], resolve, depth + 1) if inner else None
    if t in ("type_identifier", "generic_type", "nested_type_identifier"):
        name = src.text(node).split("<", 1)[0].strip()
        return resolve(name)
    if t == "intersection_type":
        out: dict[str, TsField] = {}
        for c in node.named_children:
            if c.type == "comment":
                continue
            part = _fields_of(reader, c, resolve, depth + 1)
            if part is None:
                return None
            for name, f in part.items():
                out.setdefault(name, f)
        return out
    if t == "union_type":
        members = [_fields_of(reader, m, resolve, depth + 1) for m in union_members(node, [])]
        if not members or any(m is None for m in members):
            return None
        common = [n for n in members[0] if all(n in m for m in members[1:])]  # type: ignore[operator]
        out = {}
        for n in common:
            fs = [m[n] for m in members]  # type: ignore[index]
            types = list(dict.fromkeys(f.type for f in fs))
            lits = [v for f in fs for v in f.literals]
            out[n] = fs[0].model_copy(
                update={
                    "type": " | ".join(types),
                    "optional": any(f.optional for f in fs),
                    "nullable": any(f.nullable for f in fs),
                    "literals": list(dict.fromkeys(lits)) if all(f.literals for f in fs) else [],
                }
            )
        return out
    return None
