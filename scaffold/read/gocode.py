"""Go code reader (tree-sitter): Go source → model elements.

Used for ``go`` fences inside specs and by ``scaffold drift`` on real ``.go``
files, so it reads both complete files and spec snippets: no ``package``
clause, bare method signatures without bodies
(``func (s *InviteService) Create(ctx context.Context, req X) (*Invite, error)``).
The tree-sitter Go grammar accepts both as they are, so nothing is prepended
and positions need no shifting beyond where the snippet starts in its file.

What it extracts, and the conventions it follows:

- **Structs** (:class:`GoStruct`): every field with its type text as written
  (whitespace collapsed), embedded fields (``embedded=True``, ``name=""``, the
  type with its ``*``), ``A, B string`` as two fields sharing one tag. From the
  tag: ``json`` (``json_name`` is the wire name: the tag's name, or the Go
  field name when the tag names none, e.g. ``json:",omitempty"``; ``json:"-"``
  sets ``json_skip`` and leaves ``json_name`` None; ``json:"-,"`` is the name
  ``-``), ``omitempty``, ``,string``; ``validate`` (else gin's ``binding``) →
  ``validation``; ``db`` and ``query``/``form`` → their name part. ``comment``
  is the field's trailing ``//`` comment, else the comment lines right above it.
- **Interfaces**: methods with params and results (named or not, ``a, b int``
  as two params, variadics as ``...T``), doc comments.
- **Enums**: ``type InviteStatus string`` plus consts of that type (typed, or
  implicitly repeated in a const block, or ``InviteStatus("x")``) →
  :class:`GoEnum`; string values unquoted, ``iota`` expressions evaluated
  (``iota + 1``, ``1 << iota``). Such a type is not also a :class:`GoNamedType`.
- Every other ``type X Y`` (and alias ``type X = Y``) → :class:`GoNamedType`.
- Functions and methods → :class:`GoFunc` (bodies are never walked).
- Syntax errors → one ``SPEC020`` problem at the first error; what parsed is
  still returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import (
    GoEnum,
    GoField,
    GoFunc,
    GoInterface,
    GoMethod,
    GoNamedType,
    GoParam,
    GoStruct,
    Problem,
)
from .treesitter import Source, collapse, gc_paused, syntax_problem

# Rules this reader reports (``scaffold check --list-rules`` shows them).
RULES: dict[str, str] = {"SPEC020": "Go code (a spec code block) does not parse"}

__all__ = [
    "RULES",
    "GoFile",
    "const_int_value",
    "const_specs",
    "const_value",
    "parse_go",
    "parse_struct_tag",
]


@dataclass
class GoFile:
    """What one Go source (a file or a spec fence) declares."""

    package: str = ""
    imports: dict[str, str] = field(default_factory=dict)  # local name -> import path
    structs: list[GoStruct] = field(default_factory=list)
    interfaces: list[GoInterface] = field(default_factory=list)
    enums: list[GoEnum] = field(default_factory=list)
    named_types: list[GoNamedType] = field(default_factory=list)
    funcs: list[GoFunc] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_go(
    source: str | bytes, file: str, line: int = 1, column: int = 1, *, funcs: bool = True
) -> GoFile:
    """Read Go ``source`` that starts at ``line``:``column`` of ``file``. Never raises.

    ``column`` is the indentation of the block the source came from (a fence in
    a list item, a YAML ``|`` scalar): every line is taken to start there.

    ``funcs=False`` skips functions and methods (``GoFile.funcs`` stays empty):
    on real code their signatures are most of the extraction work, and type
    drift does not need them.
    """
    src = Source(source, file, line, column)
    tree = src.parse("go")
    root = tree.root_node
    reader = _GoReader(src, funcs)
    with gc_paused():
        reader.top_level(root.children)
        reader.finish_enums()
    out = reader.out
    problem = syntax_problem(src, root, "Go", "SPEC020")
    if problem is not None:
        out.problems.append(problem)
    return out


# --------------------------------------------------------------------------- tags

# reflect.StructTag syntax: key:"value" pairs separated by spaces.
_TAG_PAIR = re.compile(r'([^\s:"`]+):"([^"\\]*(?:\\.[^"\\]*)*)"')
# Struct tag literal as written -> the GoField values it sets. Tags repeat a lot.
_TAG_CACHE: dict[bytes, dict[str, object]] = {}


def parse_struct_tag(tag: str) -> dict[str, str]:
    """``json:"id,omitempty" db:"id"`` → ``{"json": "id,omitempty", "db": "id"}``."""
    out: dict[str, str] = {}
    for key, value in _TAG_PAIR.findall(tag):
        if "\\" in value:
            value = value.replace('\\"', '"').replace("\\\\", "\\")
        out.setdefault(key, value)
    return out


def _tag_fields(tag: str) -> dict[str, object]:
    """The :class:`GoField` values a struct tag sets.

    ``json_name`` is ``""`` here when the tag names none; the caller puts in
    the Go field name.
    """
    kw: dict[str, object] = {"tag": tag}
    keys = parse_struct_tag(tag)
    js = keys.get("json")
    if js is not None:
        name, _, opts = js.partition(",")
        if js == "-":  # `json:"-,"` is the name "-"
            kw["json_skip"] = True
        else:
            options = opts.split(",") if opts else ()
            kw["json_name"] = name
            if "omitempty" in options or "omitzero" in options:
                kw["omitempty"] = True
            if "string" in options:
                kw["json_string"] = True
    validation = keys.get("validate", keys.get("binding"))
    if validation is not None:
        kw["validation"] = validation
    if "db" in keys:
        kw["db"] = keys["db"].partition(",")[0]
    q = keys.get("query", keys.get("form"))
    if q is not None:
        kw["query"] = q.partition(",")[0]
    return kw


# --------------------------------------------------------------------------- helpers


def _comment_text(raw: str) -> str:
    if raw.startswith("//"):
        text = raw[2:]
        return text[1:] if text.startswith(" ") else text
    if raw.startswith("/*"):
        body = raw[2:-2] if raw.endswith("*/") else raw[2:]
        lines = [ln.strip().lstrip("*").strip() for ln in body.splitlines()]
        return "\n".join(ln for ln in lines if ln)
    return raw


_VERSION_SEG = re.compile(r"^v\d+$")


def _import_name(path: str) -> str:
    """The package name Go code uses for ``path`` by convention."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return path
    last = parts[-1]
    if _VERSION_SEG.match(last) and len(parts) > 1:
        last = parts[-2]
    last = re.sub(r"\.v\d+$", "", last)
    if last.startswith("go-"):
        last = last[3:]
    if last.endswith("-go"):
        last = last[:-3]
    return last.replace("-", "_").replace(".", "_")


def go_string_value(src: Source, node) -> str | None:
    """The value of a Go string literal node, or None when ``node`` is not one."""
    t = node.type
    if t == "raw_string_literal":
        return src.text(node)[1:-1]
    if t == "interpreted_string_literal":
        body = src.text(node)[1:-1]
        if "\\" not in body:
            return body
        try:
            decoded = body.encode("latin-1", "backslashreplace").decode("unicode_escape")
        except UnicodeDecodeError:
            return body
        try:  # `\xNN` escapes are bytes of UTF-8 text
            return decoded.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return decoded
    return None


_BINOPS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a // b if b else None,
    "%": lambda a, b: a % b if b else None,
    "<<": lambda a, b: a << b if 0 <= b < 256 else None,
    ">>": lambda a, b: a >> b if b >= 0 else None,
    "|": lambda a, b: a | b,
    "&": lambda a, b: a & b,
    "^": lambda a, b: a ^ b,
}


def _int_value(src: Source, node, iota: int) -> int | None:
    """Evaluate a constant integer expression over ``iota`` and literals; None otherwise."""
    t = node.type
    if t == "iota":
        return iota
    if t == "int_literal":
        text = src.text(node).replace("_", "")
        try:
            if len(text) > 1 and text[0] == "0" and text[1].isdigit():
                return int(text, 8)
            return int(text, 0)
        except ValueError:
            return None
    if t == "parenthesized_expression":
        inner = node.named_children
        return _int_value(src, inner[0], iota) if len(inner) == 1 else None
    if t == "unary_expression":
        op = node.child_by_field_name("operator")
        arg = node.child_by_field_name("operand")
        if op is None or arg is None:
            return None
        v = _int_value(src, arg, iota)
        if v is None:
            return None
        o = src.text(op)
        return -v if o == "-" else v if o == "+" else ~v if o == "^" else None
    if t == "binary_expression":
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        if left is None or right is None or op is None:
            return None
        a = _int_value(src, left, iota)
        b = _int_value(src, right, iota) if a is not None else None
        fn = _BINOPS.get(src.text(op))
        if a is None or b is None or fn is None:
            return None
        return fn(a, b)
    return None


def const_int_value(src: Source, node, iota: int) -> int | None:  # noqa: ANN001
    """A constant integer expression over ``iota`` and literals (``0755`` is octal); else None."""
    return _int_value(src, node, iota)


def const_value(src: Source, expr, iota: int) -> str:  # noqa: ANN001
    """A constant's value as text: a string unquoted, an integer evaluated, else as written."""
    if expr is None:
        return ""
    s = go_string_value(src, expr)
    if s is not None:
        return s
    v = _int_value(src, expr, iota)
    if v is not None:
        return str(v)
    return collapse(src.text(expr))


def const_specs(src: Source, node) -> Iterator[tuple[str, str | None, Any, int]]:  # noqa: ANN001
    """(name, type name or None, value node or None, iota) of each constant of a ``const`` block.

    Implicit repetition (a spec without values repeats the previous spec's type and
    expressions, with the next ``iota``) is applied, and a conversion ``T("x")`` names the
    type ``T`` and yields its argument. The one walker of const blocks: the spec reader
    and drift both read enums through it.
    """
    iota = 0
    prev_type: str | None = None
    prev_values: list = []
    for spec in node.children:
        if spec.type != "const_spec":
            continue
        names = [c for c in spec.children_by_field_name("name") if c.is_named]
        type_node = spec.child_by_field_name("type")
        value_node = spec.child_by_field_name("value")
        if value_node is not None:
            values = [c for c in value_node.named_children if c.type != "comment"]
            type_name = src.text(type_node) if type_node is not None else None
            prev_type, prev_values = type_name, values
        elif type_node is None:
            type_name, values = prev_type, prev_values
        else:
            type_name, values = src.text(type_node), []
        for i, n in enumerate(names):
            expr = values[i] if i < len(values) else None
            tname = type_name
            if expr is not None and expr.type == "call_expression":
                fn = expr.child_by_field_name("function")
                args = expr.child_by_field_name("arguments")
                arg_nodes = list(args.named_children) if args is not None else []
                if fn is not None and fn.type == "identifier" and len(arg_nodes) == 1:
                    if tname is None:
                        tname = src.text(fn)
                    if tname == src.text(fn):
                        expr = arg_nodes[0]
            yield src.text(n), tname, expr, iota
        iota += 1


# --------------------------------------------------------------------------- reader


class _GoReader:
    __slots__ = ("src", "out", "candidates", "consts", "with_funcs")

    def __init__(self, src: Source, with_funcs: bool = True) -> None:
        self.src = src
        self.with_funcs = with_funcs
        self.out = GoFile()
        # `type X Y` declarations that may turn out to be enums: name -> (pos node, underlying).
        self.candidates: list[tuple[object, str, str]] = []
        # const type name -> [(const name, value)], in order of appearance.
        self.consts: dict[str, list[tuple[str, str]]] = {}

    # ------------------------------------------------------------------ top level

    def top_level(self, children) -> None:
        doc: list = []  # comment nodes right above the next declaration
        prev_end_row = -1
        for node in children:
            t = node.type
            if t == "comment":
                row = node.start_point[0]
                if row == prev_end_row:  # trailing comment of the previous declaration
                    continue
                if doc and doc[-1].end_point[0] + 1 < row:
                    doc = []
                doc.append(node)
                continue
            if doc and doc[-1].end_point[0] + 1 < node.start_point[0]:
                doc = []
            if t == "type_declaration":
                self.type_declaration(node, doc)
            elif t == "function_declaration" or t == "method_declaration":
                if self.with_funcs:
                    self.func(node)
            elif t == "const_declaration":
                self.const_declaration(node)
            elif t == "import_declaration":
                self.import_declaration(node)
            elif t == "package_clause":
                for c in node.children:
                    if c.type == "package_identifier":
                        self.out.package = self.src.text(c)
            elif t == "ERROR":
                # Recover declarations the parser kept whole inside an error.
                self.top_level(node.children)
            doc = []
            prev_end_row = node.end_point[0]

    def doc_text(self, comments: list) -> str:
        return "\n".join(_comment_text(self.src.text(c)) for c in comments)

    def import_declaration(self, node) -> None:
        stack = list(node.children)
        while stack:
            c = stack.pop(0)
            if c.type == "import_spec_list":
                stack[:0] = c.children
            elif c.type == "import_spec":
                path_node = c.child_by_field_name("path")
                if path_node is None:
                    continue
                path = go_string_value(self.src, path_node) or ""
                name_node = c.child_by_field_name("name")
                if name_node is None:
                    name = _import_name(path)
                else:
                    name = self.src.text(name_node)
                    if name == "_":
                        continue
                self.out.imports[name] = path

    # ------------------------------------------------------------------ types

    def type_declaration(self, node, doc: list) -> None:
        specs = [c for c in node.children if c.type in ("type_spec", "type_alias", "comment")]
        if len(specs) == 1 or not any(c.type == "(" for c in node.children):
            for spec in specs:
                if spec.type != "comment":
                    self.type_spec(spec, self.doc_text(doc))
            return
        # A group: `type ( ... )`, each spec with the comments right above it.
        inner: list = []
        prev_end_row = -1
        for c in specs:
            if c.type == "comment":
                row = c.start_point[0]
                if row == prev_end_row:
                    continue
                if inner and inner[-1].end_point[0] + 1 < row:
                    inner = []
                inner.append(c)
                continue
            if inner and inner[-1].end_point[0] + 1 < c.start_point[0]:
                inner = []
            self.type_spec(c, self.doc_text(inner))
            inner = []
            prev_end_row = c.end_point[0]

    def type_spec(self, spec, doc: str) -> None:
        src = self.src
        name_node = spec.child_by_field_name("name")
        type_node = spec.child_by_field_name("type")
        if name_node is None or type_node is None:
            return
        name = src.text(name_node)
        t = type_node.type
        if t == "struct_type" and spec.type == "type_spec":
            tp = spec.child_by_field_name("type_parameters")
            self.out.structs.append(
                GoStruct(
                    pos=src.pos(spec),
                    name=name,
                    type_params=collapse(src.text(tp)) if tp is not None else "",
                    fields=self.struct_fields(type_node),
                    doc=doc,
                )
            )
        elif t == "interface_type" and spec.type == "type_spec":
            self.out.interfaces.append(
                GoInterface(
                    pos=src.pos(spec), name=name, methods=self.interface_methods(type_node), doc=doc
                )
            )
        elif spec.type == "type_spec" and t == "type_identifier":
            self.candidates.append((spec, name, src.text(type_node)))
        else:
            self.out.named_types.append(
                GoNamedType(pos=src.pos(spec), name=name, underlying=collapse(src.text(type_node)))
            )

    def struct_fields(self, struct_node) -> list[GoField]:
        src = self.src
        data = src.data
        pos = src.pos
        fields: list[GoField] = []
        body = None
        for c in struct_node.children:
            if c.type == "field_declaration_list":
                body = c
                break
        if body is None:
            return fields
        children = body.children
        count = len(children)
        leading: list = []  # comment lines right above the next field
        last_row = -1
        for i in range(count):
            node = children[i]
            t = node.type
            if t == "comment":
                row = node.start_point[0]
                if row == last_row:  # trailing comment, taken with its field
                    continue
                if leading and leading[-1].end_point[0] + 1 < row:
                    leading = []
                leading.append(node)
                continue
            if t != "field_declaration":
                continue
            type_node = node.child_by_field_name("type")
            if type_node is None:
                continue
            row = node.start_point[0]
            last_row = node.end_point[0]
            comment = ""
            if i + 1 < count:
                nxt = children[i + 1]
                if nxt.type == "comment" and nxt.start_point[0] == last_row:
                    comment = _comment_text(
                        data[nxt.start_byte : nxt.end_byte].decode("utf-8", "replace")
                    )
            if leading:
                if not comment and leading[-1].end_point[0] + 1 >= row:
                    comment = self.doc_text(leading)
                leading = []
            tag_node = node.child_by_field_name("tag")
            kw = None
            if tag_node is not None:
                raw = data[tag_node.start_byte : tag_node.end_byte]
                kw = _TAG_CACHE.get(raw)
                if kw is None:
                    if len(_TAG_CACHE) >= 4096:
                        _TAG_CACHE.clear()
                    kw = _TAG_CACHE[raw] = _tag_fields(go_string_value(src, tag_node) or "")
            names = node.children_by_field_name("name")
            if names:
                type_text = collapse(
                    data[type_node.start_byte : type_node.end_byte].decode("utf-8", "replace")
                )
                for n in names:
                    name = data[n.start_byte : n.end_byte].decode("utf-8", "replace")
                    if kw is None:
                        f = GoField(pos=pos(n), name=name, type=type_text, comment=comment)
                    else:
                        f = GoField(pos=pos(n), name=name, type=type_text, comment=comment, **kw)
                        if f.json_name == "":
                            f.json_name = name
                    fields.append(f)
            else:
                # Embedded: the type with its `*`, from the declaration's start.
                text = src.data[node.start_byte : type_node.end_byte].decode("utf-8", "replace")
                fields.append(
                    GoField(
                        pos=src.pos(node),
                        name="",
                        type=collapse(text),
                        embedded=True,
                        comment=comment,
                        **(kw or {}),
                    )
                )
        return fields

    def interface_methods(self, iface) -> list[GoMethod]:
        src = self.src
        methods: list[GoMethod] = []
        leading: list = []
        last: GoMethod | None = None
        last_row = -1
        for node in iface.children:
            t = node.type
            if t == "comment":
                row = node.start_point[0]
                if row == last_row and last is not None:
                    if not last.doc:
                        last.doc = _comment_text(src.text(node))
                    last = None
                    continue
                if leading and leading[-1].end_point[0] + 1 < row:
                    leading = []
                leading.append(node)
                continue
            if t != "method_elem":
                if node.is_named:
                    leading = []
                continue
            if leading and leading[-1].end_point[0] + 1 < node.start_point[0]:
                leading = []
            name_node = node.child_by_field_name("name")
            if name_node is None:
                continue
            m = GoMethod(
                pos=src.pos(node),
                name=src.text(name_node),
                params=self.params(node.child_by_field_name("parameters")),
                results=self.results(node.child_by_field_name("result")),
                doc=self.doc_text(leading),
            )
            methods.append(m)
            leading = []
            last = m
            last_row = node.end_point[0]
        return methods

    # ------------------------------------------------------------------ signatures

    def params(self, plist) -> list[GoParam]:
        if plist is None:
            return []
        src = self.src
        out: list[GoParam] = []
        for node in plist.children:
            t = node.type
            if t != "parameter_declaration" and t != "variadic_parameter_declaration":
                continue
            type_node = node.child_by_field_name("type")
            if type_node is None:
                continue
            type_text = collapse(src.text(type_node))
            if t == "variadic_parameter_declaration":
                type_text = "..." + type_text
            names = node.children_by_field_name("name")
            if names:
                for n in names:
                    out.append(GoParam(pos=src.pos(n), name=src.text(n), type=type_text))
            else:
                out.append(GoParam(pos=src.pos(node), type=type_text))
        return out

    def results(self, result) -> list[GoParam]:
        if result is None:
            return []
        if result.type == "parameter_list":
            return self.params(result)
        return [GoParam(pos=self.src.pos(result), type=collapse(self.src.text(result)))]

    def func(self, node) -> None:
        src = self.src
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        receiver = ""
        recv = node.child_by_field_name("receiver")
        if recv is not None:
            for c in recv.children:
                if c.type == "parameter_declaration":
                    rt = c.child_by_field_name("type")
                    if rt is not None:
                        receiver = collapse(src.text(rt))
                    break
        self.out.funcs.append(
            GoFunc(
                pos=src.pos(node),
                name=src.text(name_node),
                receiver=receiver,
                params=self.params(node.child_by_field_name("parameters")),
                results=self.results(node.child_by_field_name("result")),
            )
        )

    # ------------------------------------------------------------------ consts → enums

    def const_declaration(self, node) -> None:
        for cname, tname, expr, iota in const_specs(self.src, node):
            if tname is None or cname == "_":
                continue
            self.consts.setdefault(tname, []).append((cname, const_value(self.src, expr, iota)))

    def finish_enums(self) -> None:
        src = self.src
        for spec, name, underlying in self.candidates:
            consts = self.consts.get(name)
            if consts:
                self.out.enums.append(
                    GoEnum(
                        pos=src.pos(spec),
                        name=name,
                        underlying=underlying,
                        values=[v for _, v in consts],
                        consts=[c for c, _ in consts],
                    )
                )
            else:
                self.out.named_types.append(
                    GoNamedType(pos=src.pos(spec), name=name, underlying=underlying)
                )
        # Keep named types in source order.
        self.out.named_types.sort(key=lambda t: (t.pos.line, t.pos.column))
