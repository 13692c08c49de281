"""Per-file extraction for ``scaffold drift``: a Go or TypeScript file → a small record.

A record holds only what drift compares (API structs, string enums, named types and
types with their own ``MarshalJSON`` on the Go side; object types, string-literal
aliases and imports on the TS side), as plain tuples: cheap to pickle into the
cache and to send back from worker processes. Records carry no path (positions are
line/column), so one record serves every file with the same content hash.

It follows the conventions of the spec readers (:mod:`scaffold.read.gocode`,
:mod:`scaffold.read.tscode`) and shares their tree-sitter plumbing, struct-tag
parser and constant evaluator, but builds no pydantic objects and keeps no
comments: on real code that is nearly all of the extraction work. Function bodies
are not walked node by node: of each function drift keeps its first result type,
and of the functions of files that handle HTTP or JSON, the flows :mod:`.flows`
reads from their text (which way each type's JSON goes).
"""

from __future__ import annotations

import re

from ..read.gocode import const_specs, const_value, go_string_value, parse_struct_tag
from ..read.treesitter import Source, collapse, gc_paused, get_parser, syntax_problem
from ..read.tscode import string_value, union_members
from .flows import function_flows, has_flows
from .records import Base

# A type text longer than this is kept as a marker, not collapsed (huge inline objects).
_MAX_TYPE_TEXT = 16000

_FIELD_IDS: dict[str, tuple[int, ...]] = {}


def _field_ids(grammar: str) -> tuple[int, ...]:
    """(name, type, tag, value) field ids of ``grammar``: ``child_by_field_id`` skips a lookup."""
    ids = _FIELD_IDS.get(grammar)
    if ids is None:
        lang = get_parser(grammar).language  # type: ignore[arg-type]
        ids = _FIELD_IDS[grammar] = tuple(
            lang.field_id_for_name(n) or 0 for n in ("name", "type", "tag", "value")
        )
    return ids


# --------------------------------------------------------------------------- Go

_GO_TOP: list[frozenset[int]] = []


def _go_top_kinds() -> frozenset[int]:
    """Kind ids of the top-level Go nodes extraction reads (type, const, package, ERROR)."""
    if not _GO_TOP:
        lang = get_parser("go").language
        names = (
            "type_declaration",
            "const_declaration",
            "package_clause",
            "function_declaration",
            "method_declaration",
            "ERROR",
        )
        ids = {i for i in range(lang.node_kind_count) if lang.node_kind_for_id(i) in names}
        ids.add(0xFFFF)  # ts_builtin_sym_error: an ERROR node's kind id
        _GO_TOP.append(frozenset(ids))
    return _GO_TOP[0]


_MARSHAL = re.compile(rb"func\s*\(\s*\w*\s*\*?\s*(\w+)(?:\[[^\]]*\])?\s*\)\s*MarshalJSON\s*\(")


def extract_go(data: bytes) -> tuple:
    """Read one Go file. Never raises: what does not parse is a problem on the record."""
    src = Source(data, "")
    root = src.parse("go").root_node
    structs: list[tuple] = []
    named: list[tuple[str, str, int, int]] = []
    consts: dict[str, list[str]] = {}  # type name -> constant values, in order
    package = ""
    wanted = _go_top_kinds()
    funcs: list[tuple[str, str]] = []  # name -> first result type (converters, constructors)
    flows: list[tuple] = []
    with_flows = has_flows(data)
    with gc_paused():
        stack = list(reversed(root.children))
        while stack:
            node = stack.pop()
            if node.kind_id not in wanted:  # funcs, vars, imports, comments: most of a file
                continue
            t = node.type
            if t == "type_declaration":
                for spec in node.children:
                    if spec.type not in ("type_spec", "type_alias"):
                        continue
                    name_node = spec.child_by_field_name("name")
                    type_node = spec.child_by_field_name("type")
                    if name_node is None or type_node is None:
                        continue
                    if type_node.type == "struct_type" and spec.type == "type_spec":
                        structs.append(_go_struct(src, spec, name_node, type_node))
                    else:
                        line, col = _pos(src, spec)
                        named.append(
                            (src.text(name_node), collapse(src.text(type_node)), line, col)
                        )
            elif t == "function_declaration" or t == "method_declaration":
                _go_func(src, node, funcs, flows if with_flows else None)
            elif t == "const_declaration":
                _go_consts(src, node, consts)
            elif t == "package_clause":
                for c in node.children:
                    if c.type == "package_identifier":
                        package = src.text(c)
            elif t == "ERROR":
                stack.extend(reversed(node.children))
    enums = []
    others = []
    for name, underlying, line, col in named:
        values = consts.get(name)
        if values and "." not in underlying and not underlying.startswith(("[", "*", "map[")):
            enums.append((name, underlying, tuple(values), line, col))
        else:
            others.append((name, underlying, line, col))
    marshalers: list[tuple[str, int, int]] = []
    if b"MarshalJSON" in data:
        for m in _MARSHAL.finditer(data):
            line = data.count(b"\n", 0, m.start()) + 1
            marshalers.append((m.group(1).decode(), line, 1))
    return (
        package,
        tuple(structs),
        tuple(enums),
        tuple(others),
        tuple(marshalers),
        _problems(src, root, "Go"),
        tuple(funcs),
        tuple(flows),
    )


_TAGS: dict[bytes, tuple] = {}


def _tag(src: Source, node) -> tuple:
    """(json_name, json_skip, omitempty, json_string, tag, validation, db, has_json) of a tag."""
    raw = src.data[node.start_byte : node.end_byte]
    got = _TAGS.get(raw)
    if got is not None:
        return got
    text = go_string_value(src, node) or ""
    keys = parse_struct_tag(text)
    js = keys.get("json")
    json_name = None
    skip = omitempty = as_string = False
    if js is not None:
        name, _, opts = js.partition(",")
        if js == "-":  # `json:"-,"` is the name "-"
            skip = True
        else:
            json_name = name
            options = opts.split(",") if opts else ()
            omitempty = "omitempty" in options or "omitzero" in options
            as_string = "string" in options
    db = keys.get("db")
    got = (
        json_name,
        skip,
        omitempty,
        as_string,
        text,
        keys.get("validate", keys.get("binding", "")),
        db.partition(",")[0] if db is not None else None,
        js is not None,
    )
    if len(_TAGS) > 8192:
        _TAGS.clear()
    _TAGS[raw] = got
    return got


_NO_TAG = (None, False, False, False, "", "", None, False)


def _go_struct(src: Source, spec, name_node, struct_node) -> tuple:
    data = src.data
    body = None
    for c in struct_node.children:
        if c.type == "field_declaration_list":
            body = c
            break
    fields: list[tuple] = []
    json_tags = False
    if body is not None:
        f_name, f_type, f_tag, _ = _field_ids("go")
        for node in body.children:
            if node.type != "field_declaration":
                continue
            type_node = node.child_by_field_id(f_type)
            if type_node is None:
                continue
            tag_node = node.child_by_field_id(f_tag)
            tag = _tag(src, tag_node) if tag_node is not None else _NO_TAG
            if tag[7]:
                json_tags = True
            names = node.children_by_field_id(f_name)
            if names:
                type_text = collapse(
                    data[type_node.start_byte : type_node.end_byte].decode("utf-8", "replace")
                )
                embedded = False
            else:  # embedded: the type with its `*`, from the declaration's start
                names = [node]
                type_text = collapse(
                    data[node.start_byte : type_node.end_byte].decode("utf-8", "replace")
                )
                embedded = True
            json_name = tag[0]
            for n in names:
                line, col = _pos(src, n)
                fname = "" if embedded else data[n.start_byte : n.end_byte].decode()
                fields.append(
                    (
                        fname,
                        type_text,
                        line,
                        col,
                        (json_name or fname) if json_name is not None else None,
                        tag[1],
                        tag[2],
                        tag[3],
                        embedded,
                        tag[4],
                        tag[5],
                        tag[6],
                    )
                )
    line, col = _pos(src, spec)
    tp = _type_params(src, spec.child_by_field_name("type_parameters"))
    return (src.text(name_node), line, col, tp, tuple(fields), json_tags)


def _go_consts(src: Source, node, consts: dict[str, list[str]]) -> None:
    """Constants of a named type: typed, implicitly repeated, or ``T("x")`` conversions."""
    for name, tname, expr, iota in const_specs(src, node):
        if tname is None or name == "_" or expr is None:
            continue
        consts.setdefault(tname, []).append(const_value(src, expr, iota))


_BUILTIN_RESULTS = frozenset(
    {"error", "string", "bool", "int", "int64", "int32", "uint", "float64", "byte", "any"}
)


def _go_func(src: Source, node, funcs: list, flows: list | None) -> None:
    """A function's first result type (``toUserResponse`` → ``UserResponse``) and its flows."""
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return
    name = src.text(name_node)
    if name.startswith("DeepCopy"):
        return
    result = node.child_by_field_name("result")
    if result is not None:
        if result.type == "parameter_list":
            first = next((c for c in result.named_children if c.type != "comment"), None)
            typ = first.child_by_field_name("type") if first is not None else None
            text = collapse(src.text(typ)) if typ is not None else ""
        else:
            text = collapse(src.text(result))
        if text and text not in _BUILTIN_RESULTS:
            funcs.append((name, text))
    if flows is None:
        return
    body = node.child_by_field_name("body")
    if body is None:
        return
    params: list[tuple[str, str]] = []
    plist = node.child_by_field_name("parameters")
    for p in plist.named_children if plist is not None else ():
        if p.type not in ("parameter_declaration", "variadic_parameter_declaration"):
            continue
        typ = p.child_by_field_name("type")
        ptext = collapse(src.text(typ)) if typ is not None else ""
        pnames = p.children_by_field_name("name")
        for n in pnames or [None]:
            params.append((src.text(n) if n is not None else "", ptext))
    text = src.data[body.start_byte : body.end_byte].decode("utf-8", "replace")
    function_flows(name, params, text, body.start_point[0] + 1, flows)


def _pos(src: Source, node) -> tuple[int, int]:
    row, col = node.start_point
    if col and not src.ascii:
        start = node.start_byte
        col = len(src.data[start - col : start].decode("utf-8", "replace"))
    return row + 1, col + 1


def _problems(src: Source, root, language: str) -> tuple[tuple[int, int, str], ...]:
    problem = syntax_problem(src, root, language, "")
    if problem is None:
        return ()
    return ((problem.pos.line, problem.pos.column, problem.message),)


def _type_params(src: Source, tp) -> tuple[str, ...]:
    if tp is None:
        return ()
    names: list[str] = []
    for c in tp.named_children:
        for n in c.children_by_field_name("name"):
            names.append(src.text(n))
        if not c.children_by_field_name("name"):
            first = c.named_children[0] if c.named_children else None
            if first is not None and first.type in ("identifier", "type_identifier"):
                names.append(src.text(first))
    return tuple(names)


# --------------------------------------------------------------------------- TypeScript


def extract_ts(data: bytes, tsx: bool = False) -> tuple:
    """Read one TypeScript file (``tsx`` picks the TSX grammar). Never raises."""
    src = Source(data, "")
    root = src.parse("tsx" if tsx else "typescript").root_node
    reader = _TsWalk(src, "tsx" if tsx else "typescript")
    with gc_paused():
        reader.statements(root.children)
    return (tuple(reader.types), tuple(reader.imports), _problems(src, root, "TypeScript"))


class _TsWalk:
    """Top-level declarations only (also inside ``export``, ``declare`` and namespaces)."""

    def __init__(self, src: Source, grammar: str = "typescript") -> None:
        self.src = src
        self.ids = _field_ids(grammar)
        self.types: list[tuple] = []
        self.imports: list[tuple[str, str, str]] = []

    def statements(self, children) -> None:
        for node in children:
            t = node.type
            if t == "export_statement":
                decl = node.child_by_field_name("declaration")
                if decl is not None:
                    self.declaration(decl)
                else:
                    for c in node.children:
                        if c.type == "interface_declaration":
                            self.interface(c)
            elif t == "import_statement":
                self.import_statement(node)
            elif t == "ERROR":
                self.statements(node.children)
            else:
                self.declaration(node)

    def declaration(self, node) -> None:
        t = node.type
        if t == "interface_declaration":
            self.interface(node)
        elif t == "type_alias_declaration":
            self.alias(node)
        elif t == "enum_declaration":
            self.enum(node)
        elif t == "ambient_declaration":
            for c in node.children:
                if c.is_named:
                    self.declaration(c)
        elif t in ("internal_module", "module"):  # `declare namespace X { … }`
            body = node.child_by_field_name("body")
            if body is not None:
                self.statements(body.children)
        elif t == "expression_statement":  # `namespace X { … }` parses as an expression
            for c in node.named_children:
                if c.type == "internal_module":
                    self.declaration(c)

    def enum(self, node) -> None:
        """A string ``enum`` is the union of its values; any other enum is ``number``."""
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
        line, col = _pos(src, name)
        if values and not numeric:
            alias_of = " | ".join('"' + v.replace('"', '\\"') + '"' for v in values)
            rec = (src.text(name), "alias", (), (), (), alias_of, tuple(values), line, col)
        else:
            rec = (src.text(name), "alias", (), (), (), "number", (), line, col)
        self.types.append(rec)

    def import_statement(self, node) -> None:
        src = self.src
        src_node = node.child_by_field_name("source")
        if src_node is None:
            return
        module = string_value(src.text(src_node))
        for clause in node.children:
            if clause.type != "import_clause":
                continue
            for c in clause.children:
                if c.type == "identifier":
                    self.imports.append((src.text(c), module, "default"))
                elif c.type == "namespace_import":
                    for n in c.children:
                        if n.type == "identifier":
                            self.imports.append((src.text(n), module, "*"))
                elif c.type == "named_imports":
                    for spec in c.children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or name
                        if name is not None and alias is not None:
                            self.imports.append((_name(src, alias), module, _name(src, name)))

    def interface(self, node) -> None:
        src = self.src
        name = node.child_by_field_name("name")
        if name is None:
            return
        bases: list[Base] = []
        for c in node.children:
            if c.type == "extends_type_clause":
                bases = [self.base(t) for t in c.named_children if t.type != "comment"]
        body = node.child_by_field_name("body")
        line, col = _pos(src, name)
        self.types.append(
            (
                src.text(name),
                "interface",
                self.type_params(node),
                tuple(bases),
                self.members(body) if body is not None else (),
                "",
                (),
                line,
                col,
            )
        )

    def type_params(self, node) -> tuple[str, ...]:
        tp = node.child_by_field_name("type_parameters")
        if tp is None:
            return ()
        out = []
        for c in tp.named_children:
            if c.type == "type_parameter":
                n = c.child_by_field_name("name")
                if n is not None:
                    out.append(self.src.text(n))
        return tuple(out)

    def alias(self, node) -> None:
        src = self.src
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None or value is None:
            return
        line, col = _pos(src, name)
        tparams = self.type_params(node)
        vt = value.type
        if vt == "parenthesized_type" and value.named_children:
            value = value.named_children[0]
            vt = value.type
        if vt == "object_type":
            rec = (src.text(name), "object", tparams, (), self.members(value), "", (), line, col)
        elif vt == "intersection_type" or (vt == "generic_type" and self.utility(value)):
            members = _intersection_members(value, []) if vt == "intersection_type" else [value]
            bases: list[Base] = []
            fields: list[tuple] = []
            for m in members:
                if m.type == "object_type":
                    fields.extend(self.members(m))
                else:
                    bases.append(self.base(m))
            rec = (
                src.text(name),
                "object",
                tparams,
                tuple(bases),
                tuple(fields),
                "",
                (),
                line,
                col,
            )
        else:
            alias_of = collapse(src.text(value)).lstrip("| ")
            members = union_members(value, []) if vt == "union_type" else [value]
            literals = _string_literals(src, members) or ()
            rec = (src.text(name), "alias", tparams, (), (), alias_of, literals, line, col)
        self.types.append(rec)

    def utility(self, node) -> str:
        head = node.named_children[0] if node.named_children else None
        name = self.src.text(head) if head is not None else ""
        return name if name in ("Omit", "Pick", "Partial", "Required", "Readonly") else ""

    def base(self, node) -> Base:
        src = self.src
        t = node.type
        if t == "type_identifier":
            return ("ref", src.text(node), ())
        if t == "nested_type_identifier":
            return ("ref", src.text(node).rsplit(".", 1)[-1], ())
        if t == "object_type":
            return ("object", self.members(node))
        if t == "parenthesized_type" and node.named_children:
            return self.base(node.named_children[0])
        if t == "generic_type":
            head = node.named_children[0] if node.named_children else None
            args_node = node.child_by_field_name("type_arguments")
            if args_node is None:
                args_node = next((c for c in node.children if c.type == "type_arguments"), None)
            args = [a for a in (args_node.named_children if args_node is not None else [])]
            name = src.text(head).rsplit(".", 1)[-1] if head is not None else ""
            util = name if name in ("Omit", "Pick", "Partial", "Required", "Readonly") else ""
            if util in ("Omit", "Pick") and len(args) == 2:
                keys = _literal_keys(src, args[1])
                if keys is not None:
                    return (util.lower(), self.base(args[0]), keys)
            elif util in ("Partial", "Required", "Readonly") and len(args) == 1:
                return (util.lower() if util != "Readonly" else "readonly", self.base(args[0]))
            return ("ref", name, tuple(collapse(src.text(a)) for a in args))
        return ("other", collapse(src.text(node)))

    def members(self, body) -> tuple:
        src = self.src
        data = src.data
        f_name, f_type = self.ids[0], self.ids[1]
        ascii_ = src.ascii
        field_type = self.field_type
        fields: list[tuple] = []
        for m in body.children:
            t = m.type
            if t == "property_signature":
                name = m.child_by_field_id(f_name)
                if name is None:
                    continue
                ann = m.child_by_field_id(f_type)
                name_end = name.end_byte
                optional = data.find(b"?", name_end, ann.start_byte if ann else m.end_byte) >= 0
                type_text, nullable, literals, inline = field_type(ann)
                start = name.start_byte
                row, col = name.start_point
                if col and not ascii_:
                    col = len(data[start - col : start].decode("utf-8", "replace"))
                text = data[start:name_end].decode("utf-8", "replace")
                if name.type == "string":
                    text = string_value(text)
                fields.append(
                    (text, type_text, optional, nullable, literals, row + 1, col + 1, inline)
                )
            elif t == "index_signature":
                close = next((c for c in m.children if c.type == "]"), None)
                if close is None:
                    continue
                key = collapse(data[m.start_byte : close.end_byte].decode("utf-8", "replace"))
                if key.startswith("readonly"):
                    key = key[len("readonly") :].lstrip()
                type_text, nullable, literals, inline = field_type(m.child_by_field_id(f_type))
                line, col = _pos(src, m)
                fields.append((key, type_text, False, nullable, literals, line, col, inline))
        return tuple(fields)

    def field_type(self, ann) -> tuple:
        """(type without null/undefined, nullable, string literals, inline object members)."""
        src = self.src
        node = ann
        if ann is not None and ann.type == "type_annotation":
            node = ann.named_child(0) if ann.named_child_count else None
        if node is None:
            return "any", False, (), ()
        nt = node.type
        if nt != "union_type":
            if nt == "literal_type":
                lits = _string_literals(src, (node,))
                return _text(src, node), False, lits or (), ()
            if nt == "object_type" or nt == "array_type" or nt == "parenthesized_type":
                return _text(src, node), False, (), self.inline(node)
            return _text(src, node), False, (), ()
        keep = []
        nullable = False
        for m in union_members(node, []):
            if m.type in ("literal_type", "predefined_type"):
                text = src.text(m)
                if text == "null":
                    nullable = True
                    continue
                if text == "undefined":
                    continue
            keep.append(m)
        if not keep:
            return _text(src, node).lstrip("| "), nullable, (), ()
        type_text = " | ".join(_text(src, m) for m in keep)
        inline = self.inline(keep[0]) if len(keep) == 1 else ()
        return type_text, nullable, _string_literals(src, keep) or (), inline

    def inline(self, node) -> tuple:
        """A reference to an inline object type (``{ … }``, ``{ … }[]``), read when compared.

        ``("@", start byte, end byte, line, column)``: most inline objects are never
        compared, so their members are not walked here (:meth:`TsIndex.inline_fields`).
        """
        if node.type == "array_type" and node.named_children:
            node = node.named_children[0]
        if node.type == "parenthesized_type" and node.named_children:
            node = node.named_children[0]
        if node.type != "object_type":
            return ()
        line, col = _pos(self.src, node)
        return ("@", node.start_byte, node.end_byte, line, col)


def _text(src: Source, node) -> str:
    start, end = node.start_byte, node.end_byte
    if end - start > _MAX_TYPE_TEXT:
        return "{…}" if node.type == "object_type" else "…"
    return collapse(src.data[start:end].decode("utf-8", "replace"))


def _name(src: Source, node) -> str:
    if node.type == "string":
        return string_value(src.text(node))
    return src.text(node)


def _intersection_members(node, out: list) -> list:
    for c in node.children:
        if c.type == "intersection_type":
            _intersection_members(c, out)
        elif c.type == "parenthesized_type" and c.named_children:
            inner = c.named_children[0]
            if inner.type == "intersection_type":
                _intersection_members(inner, out)
            else:
                out.append(inner)
        elif c.is_named and c.type != "comment":
            out.append(c)
    return out


def _string_literals(src: Source, members) -> tuple[str, ...] | None:
    out: list[str] = []
    for m in members:
        if m.type != "literal_type" or m.named_child_count != 1:
            return None
        s = m.named_children[0]
        if s.type != "string":
            return None
        out.append(string_value(src.text(s)))
    return tuple(out) or None


def _literal_keys(src: Source, node) -> tuple[str, ...] | None:
    members = union_members(node, []) if node.type == "union_type" else [node]
    return _string_literals(src, members)


__all__ = ["extract_go", "extract_ts"]
