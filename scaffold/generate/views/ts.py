"""TypeScript family: types, error classes, API client, query keys, hooks, WebSocket events.

Everything here is *generated* (rewritten on every run, ``DO NOT EDIT``). The view
model decides every name, path, type and escaped string; the ``ts-api`` blueprint
only prints it.

Where the files go (frontend root from config, ``web`` by default; a spec path that
already starts with the root is used as written):

- types: the file the spec's TS blocks name (``// web/src/types/invites.ts``), else
  ``src/types/<feature>.ts``;
- client: the ``src/api/…`` file the spec's tasks or file tables name, else
  ``src/api/<feature>.ts``; next to it ``<stem>-errors.ts``, ``<stem>-keys.ts`` and,
  when the spec has WebSocket events, ``<stem>-events.ts``;
- hooks: the file the hooks table names per hook, else ``src/hooks/use<Feature>.ts``;
- ``src/api/http.ts``: the small runtime (``ApiConfig``, ``ApiError``, ``request``),
  the same bytes for every feature.

Conventions the client follows (documented for users in the generated headers):

- Types mirror the Go structs through :mod:`scaffold.typemap` under the configured
  nullability policy; a Go ``string`` gets the spec's string-literal union when the
  spec's TS block, a ``oneof`` rule or a CHECK constraint gives one.
- A non-2xx response becomes the Error Taxonomy class whose status and ``code`` (when
  the body carries one) or message match; the status alone when only one class has
  it; else a plain ``ApiError``.
- Query keys are the path's segments after ``/api/vN`` with parameter values in place
  of ``{param}`` (``["workspaces", workspaceId, "invites"]``); a mutation invalidates
  the key of the collection it changes (its path without a trailing action segment
  and parameter), which as a prefix covers every page and filter.
- A query hook takes the path parameters; a mutation hook takes the path parameters
  up to the collection and its variables are the rest (the item's parameter and/or
  the body).
"""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ...diagnostics import Diagnostic, at
from ..naming import wire_code
from ...model import Endpoint, GoField, GoStruct, Hook, Spec, TaxonomyError, TsType
from ...typemap import query_ts_type
from ..naming import one_line, words
from ..plan import PlanContext, PlannedFile, RenderJob
from . import task_for_path, task_id, under

BLUEPRINT = "ts-api"
VIEW_VERSION = 1

# --------------------------------------------------------------------------- escaping

TS_RESERVED = frozenset(
    "break case catch class const continue debugger default delete do else enum export "
    "extends false finally for function if import in instanceof new null return super switch "
    "this throw true try typeof var void while with as implements interface let package "
    "private protected public static yield any boolean constructor declare get module "
    "require number set string symbol type from of async await never unknown object "
    "undefined".split()
)
_TS_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
# Names the generated files declare or use themselves: a spec type or error by one of these
# names would shadow them.
GENERATED_NAMES = frozenset(
    "ApiConfig ApiError ApiProvider ErrorClass ErrorMapper ERROR_CLASSES RequestOptions "
    "RequestSpec readErrorBody request useApiConfig MessageSource Record Array Promise "
    "Partial Readonly Error Response Request".split()
)


def _printable(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return not (cat.startswith("C") or cat in ("Zl", "Zp")) and ch != "\ufeff"


def _u(ch: str) -> str:
    """``\\uXXXX`` (a surrogate pair above U+FFFF): valid in JS, JSON and TS alike."""
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    if 0xD800 <= code <= 0xDFFF:
        return "\\ufffd"  # a lone surrogate cannot be encoded: the replacement character
    return f"\\u{code:04x}"


def ts_string(text: str) -> str:
    """A double-quoted TS string literal whose value is exactly ``text``.

    Quotes, backslashes and control characters are escaped, every non-ASCII character
    becomes a ``\\u`` escape, and ``</`` is written ``<\\/`` so the literal is safe
    inside an HTML ``<script>`` too.
    """
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or ord(ch) > 0x7E:
            out.append(_u(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out).replace("</", "<\\/").replace("<!--", "<\\!--")


def ts_template_text(text: str) -> str:
    """Text for the literal part of a TS template literal (backticks, ``${``, ``\\`` escaped)."""
    out = []
    for ch in text:
        if ch in "\\`":
            out.append("\\" + ch)
        elif ch == "$":
            out.append("\\$")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or ord(ch) > 0x7E:
            out.append(_u(ch))
        else:
            out.append(ch)
    return "".join(out).replace("</", "<\\/")


def ts_comment(text: str, limit: int = 0) -> str:
    """Text safe inside a ``//`` or ``/* */`` comment, on one line.

    Line breaks, control, format (bidi) and separator characters are written as
    ``\\uXXXX`` text; ``*/`` cannot close the comment and ``</`` is written ``<\\/`` (no
    ``</script>``). Other non-ASCII text (names,
    accents, dashes) is kept: comments are for people.
    """
    out = []
    for ch in text or "":
        if ch in "\n\r\t":
            out.append(" ")
        elif not _printable(ch):
            out.append(_u(ch))
        else:
            out.append(ch)
    line = one_line("".join(out), limit)
    return line.replace("*/", "*\\/").replace("</", "<\\/")


def ts_key(name: str) -> str:
    """A property name for an interface or object literal: bare when it can be, else quoted."""
    return name if _TS_IDENT.match(name) else ts_string(name)


def ts_ident_problem(name: str) -> str | None:
    """Why ``name`` cannot be a TS identifier (type, class, function), or None."""
    if not _TS_IDENT.match(name or ""):
        return f"{name!r} is not a valid TypeScript identifier"
    if name in TS_RESERVED:
        return f"{name!r} is a reserved word in TypeScript"
    return None


def ts_camel(text: str) -> str:
    """``workspace_id`` → ``workspaceId`` (JS style: initialisms are not upper-cased)."""
    parts = words(text)
    if not parts:
        return "value"
    out = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    if out[0].isdigit():
        out = "_" + out
    return out + "_" if out in TS_RESERVED else out


def ts_pascal(text: str) -> str:
    out = "".join(p[:1].upper() + p[1:] for p in words(text))
    return ("X" + out) if out and out[0].isdigit() else out


def humanize(text: str) -> str:
    """``expires_at`` → ``Expires at``; ``InviteList`` → ``Invite list``."""
    parts = words(text)
    if not parts:
        return text
    return " ".join([parts[0][:1].upper() + parts[0][1:], *parts[1:]])


def import_path(from_file: str, to_file: str) -> str:
    """A relative module specifier from one target file to another (no extension)."""
    to = re.sub(r"\.(tsx?|mts|cts)$", "", to_file)
    rel = posixpath.relpath(to, posixpath.dirname(from_file) or ".")
    return rel if rel.startswith(".") else "./" + rel


def header(description: str, generated: bool = True) -> str:
    """The first lines of a file: where it comes from, and whether it may be edited."""
    if generated:
        return f"// Code generated by scaffold from {ts_comment(description)}. DO NOT EDIT.\n"
    return (
        f"// Created by scaffold from {ts_comment(description)}.\n"
        "// This file is yours: scaffold never overwrites it.\n"
    )


# --------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """Where frontend files land in the target."""

    root: str  # frontend root, target-relative ("web" or ".")
    feature: str

    def path(self, spec_path: str) -> str:
        """A spec path (``web/src/x.ts`` or ``src/x.ts``) as a target path."""
        return under(self.root, spec_path)

    def src(self, rel: str) -> str:
        return under(self.root, f"src/{rel}")


# --------------------------------------------------------------------------- model


@dataclass
class Prop:
    key: str  # printed property name (quoted when needed)
    name: str  # the JSON name
    type: str  # TS type expression without `| null`
    optional: bool = False
    nullable: bool = False
    doc: str = ""
    go_type: str = ""
    literals: list[str] = field(default_factory=list)
    kind: str = "other"  # string | number | boolean | enum | array | object | other

    @property
    def full_type(self) -> str:
        return self.type + (" | null" if self.nullable else "")

    def view(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "type": self.full_type,
            "optional": self.optional,
            "doc": self.doc,
        }


@dataclass
class Decl:
    name: str
    kind: str  # interface | alias
    props: list[Prop] = field(default_factory=list)
    extends: list[str] = field(default_factory=list)
    alias: str = ""
    doc: str = ""
    go: str = ""  # the Go type it mirrors

    def view(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "props": [p.view() for p in self.props],
            "extends": ", ".join(self.extends),
            "alias": self.alias,
            "doc": self.doc,
        }


@dataclass(frozen=True)
class KeyPart:
    """One element of a query key: a path segment (literal) or a path parameter."""

    text: str  # the segment, or the parameter's path name
    ident: str = ""  # the parameter's TS identifier ("" for a literal)


def key_expr(keys_name: str, parts: list[KeyPart], values: dict[str, str] | None = None) -> str:
    """A query key as a TS array: ``[...xKeys.all, "workspaces", workspaceId]``.

    ``keys_name`` is the expression holding ``all`` (``all`` inside the keys module);
    ``values`` replaces parameters by TS expressions (a test's sample values)."""
    items = [f"...{keys_name}" if keys_name == "all" else f"...{keys_name}.all"]
    for p in parts:
        if p.ident:
            items.append(values[p.text] if values is not None else p.ident)
        else:
            items.append(ts_string(p.text))
    if len(items) == 1:
        return keys_name if keys_name == "all" else f"{keys_name}.all"
    return "[" + ", ".join(items) + "]"


def key_literal(feature: str, parts: list[KeyPart], values: dict[str, str]) -> str:
    """The key's value as a TS literal (for tests): ``["feature", "workspaces", "ws-1"]``."""
    items = [ts_string(feature)] + [values[p.text] if p.ident else ts_string(p.text) for p in parts]
    return "[" + ", ".join(items) + "]"


def _is_prefix(prefix: list[KeyPart], key: list[KeyPart]) -> bool:
    return len(prefix) <= len(key) and all(
        a.text == b.text and bool(a.ident) == bool(b.ident) for a, b in zip(prefix, key)
    )


@dataclass
class PathParam:
    name: str  # as in the path: workspace_id
    ident: str  # TS: workspaceId


@dataclass
class ClientFn:
    name: str
    endpoint: Endpoint
    params: list[PathParam]
    path_expr: str  # a TS template literal
    args_type: str  # "CreateInviteArgs" or ""
    query_type: str  # "ListInvitesQuery" or ""
    body_type: str  # "CreateInviteRequest" or ""
    result_type: str  # "InviteResponse" or "void"
    key: list["KeyPart"]  # the query key after the feature's `all` (queries)
    collection_key: list["KeyPart"]  # the key of the collection a mutation changes
    collection_params: list[PathParam]  # path params in the collection key
    cursor: dict[str, str] | None = None  # {query, field, items}
    doc: str = ""

    @property
    def is_query(self) -> bool:
        return self.endpoint.method.upper() == "GET"


@dataclass
class HookFn:
    name: str
    fn: ClientFn
    file: str  # target path of the hooks file
    hook: Hook
    kind: str  # query | infinite | mutation
    hook_params: list[PathParam]  # positional args of the hook
    var_params: list[PathParam]  # path params carried in mutation variables
    variables_type: str  # TS type of mutation variables ("" for queries)
    invalidates: list[list["KeyPart"]]  # keys after `all` (mutations); [[]] is `all` itself
    events: list[str] = field(default_factory=list)  # event names that invalidate it (queries)
    refreshes: list["HookFn"] = field(default_factory=list)  # query hooks it invalidates
    doc: str = ""


@dataclass
class ErrorClass:
    """One Error Taxonomy row as the client sees it: the class it throws, status and code.

    Several rows may name one class (``ApiError`` for every row, or a spec's own shared
    class): then the class is declared once, its instances carry the row's status and
    code, and the client tells the rows apart by status and code (DESIGN §18).
    """

    name: str
    go_name: str
    status: int
    code: str
    message: str
    doc: str
    shared: bool = False  # the class stands for several rows (status and code per instance)

    @property
    def is_base(self) -> bool:
        """The row throws the runtime's own ``ApiError`` (nothing to declare)."""
        return self.name == BASE_ERROR


@dataclass
class EventDef:
    name: str  # invite.accepted
    type_name: str  # InviteAcceptedEvent
    payload_type: str  # TS type of the payload
    channel: str
    doc: str


@dataclass
class Frontend:
    """Everything the TS and web families need, computed once from the spec."""

    layout: Layout
    decls: list[Decl]
    decl_by_name: dict[str, Decl]
    errors: list[ErrorClass]
    fns: list[ClientFn]
    fn_by_key: dict[str, ClientFn]
    hooks: list[HookFn]
    hook_by_name: dict[str, HookFn]
    events: list[EventDef]
    paths: dict[str, str]  # kind → target path (types, client, errors, keys, events, http)
    hook_files: list[str]
    prefix: str  # the feature's identifier prefix: WorkspaceInvites
    keys_name: str = ""  # the query key factory: workspaceInvitesKeys
    feature: str = ""  # the feature's name, the first element of every query key
    diagnostics: list[Any] = field(default_factory=list)


BASE_ERROR = "ApiError"  # the runtime's error class (http.ts); a spec may name it for every row

_TS_BUILTIN_TYPES = frozenset(
    "string number boolean null undefined unknown never object Record Array".split()
)

_SCALAR_KIND = {"string": "string", "number": "number", "boolean": "boolean"}


def _oneof(validation: str) -> list[str]:
    from ...typemap import oneof_members as parse  # the one parser of `oneof=` rules

    return list(parse(validation) or [])


def _enums(spec: Spec) -> dict[str, list[str]]:
    return {e.name: list(e.values) for e in spec.go_enums if e.values and e.underlying == "string"}


def _column_checks(spec: Spec) -> dict[str, list[str]]:
    """CHECK (x IN (...)) values by column name, when one column name has one value set."""
    found: dict[str, list[list[str]]] = {}
    for table in spec.tables:
        for col in table.columns:
            if col.check_values:
                found.setdefault(col.name, []).append(list(col.check_values))
    return {name: sets[0] for name, sets in found.items() if all(s == sets[0] for s in sets)}


def _api_structs(spec: Spec) -> list[GoStruct]:
    """Structs that cross the wire: json-tagged ones and those endpoints and events name."""
    by_name = {s.name: s for s in spec.go_structs}
    wanted: list[str] = []
    for s in spec.go_structs:
        if any(f.json_name is not None for f in s.fields):
            wanted.append(s.name)
    for ep in spec.endpoints:
        for name in (ep.request, ep.response):
            if name and name in by_name:
                wanted.append(name)
    for ev in spec.events:
        s = _event_struct(spec, ev.name)
        if s is not None:
            wanted.append(s.name)
    # Transitively: structs named by a wanted struct's fields.
    seen: list[str] = []
    queue = list(dict.fromkeys(wanted))
    while queue:
        name = queue.pop(0)
        if name in seen or name not in by_name:
            continue
        seen.append(name)
        for f in by_name[name].fields:
            for ident in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", f.type):
                if ident in by_name and ident not in seen:
                    queue.append(ident)
    order = {s.name: i for i, s in enumerate(spec.go_structs)}
    return [by_name[n] for n in sorted(seen, key=lambda n: order[n])]


def _event_struct(spec: Spec, event_name: str) -> GoStruct | None:
    base = ts_pascal(event_name)
    for candidate in (base + "Event", base + "Payload", base):
        s = spec.struct(candidate)
        if s is not None:
            return s
    return None


def _kind_of(ref_type: str, literals: list[str]) -> str:
    if literals:
        return "enum"
    if ref_type in _SCALAR_KIND:
        return _SCALAR_KIND[ref_type]
    if ref_type.endswith("[]"):
        return "array"
    if ref_type.startswith("Record<") or ref_type.startswith("{"):
        return "object"
    return "other"


def _union(values: list[str]) -> str:
    return " | ".join(ts_string(v) for v in values) or "string"


class _Mapper:
    """Go struct → TS interface through :mod:`scaffold.typemap`."""

    def __init__(self, spec: Spec, policy: str) -> None:
        self.spec = spec
        self.policy = policy
        self.enums = _enums(spec)
        self.checks = _column_checks(spec)
        self.structs = _api_structs(spec)
        self.known = {s.name for s in self.structs} | set(self.enums)
        self.ts_by_name = {t.name: t for t in spec.ts_types}
        self.declarable = self.known | {
            t.name for t in spec.ts_types if t.kind == "alias" and t.literals
        }

    def prop(self, f: GoField, spec_ts: TsType | None) -> Prop | None:
        from ...typemap import ts_for_go

        if f.json_skip:
            return None
        name = f.json_name if f.json_name else f.name
        ref = ts_for_go(
            f.type,
            omitempty=f.omitempty,
            json_string=f.json_string,
            policy=self.policy,  # type: ignore[arg-type]
            enums=self.enums,
            known_types=self.known,
            omitzero="omitzero" in _json_options(f.tag),
        )
        literals = list(ref.literals)
        ts_type = ref.type
        twin = (
            next((x for x in spec_ts.fields if x.name == name), None)
            if spec_ts is not None
            else None
        )
        foreign = [
            i
            for i in re.findall(r"[A-Za-z_$][A-Za-z0-9_$]*", ts_type)
            if i not in _TS_BUILTIN_TYPES and i not in self.known
        ]
        if foreign:
            # A Go type of another package (`tickets.Status`): the spec's TS twin when it
            # names only declared types, else the oneof/CHECK union, else `unknown`.
            twin_idents = re.findall(r"[A-Za-z_$][A-Za-z0-9_$]*", twin.type) if twin else []
            members = _oneof(f.validation) or self.checks.get(f.db or name, [])
            if twin is not None and all(
                i in _TS_BUILTIN_TYPES or i in self.declarable for i in twin_idents
            ):
                ts_type, literals = twin.type, list(twin.literals)
            elif members:
                literals = members
                union = _union(members)
                ts_type = (
                    re.sub(
                        r"[A-Za-z_$][A-Za-z0-9_$]*",
                        lambda m: f"({union})" if m.group(0) in foreign else m.group(0),
                        ts_type,
                    )
                    if ts_type.endswith("[]")
                    else union
                )
            else:
                ts_type = re.sub(
                    r"[A-Za-z_$][A-Za-z0-9_$]*",
                    lambda m: "unknown" if m.group(0) in foreign else m.group(0),
                    ts_type,
                )
        elif ts_type == "string" and not f.json_string:
            # Enum evidence the Go type does not carry: oneof, the spec's TS union, CHECK.
            extra = _oneof(f.validation)
            if not extra and spec_ts is not None:
                twin = next((x for x in spec_ts.fields if x.name == name), None)
                if twin is not None and twin.literals:
                    extra = list(twin.literals)
            if not extra:
                column = f.db or name
                extra = self.checks.get(column, [])
            if extra:
                literals = extra
                ts_type = _union(extra)
        elif literals and ts_type not in self.known:
            ts_type = _union(literals)  # an inline union: print it with our escaping
        if ts_type.endswith("[]") or ts_type.startswith("Record<"):
            kind = "array" if ts_type.endswith("[]") else "object"
        else:
            kind = _kind_of(ts_type, literals)
        doc = ts_comment(f.comment) if f.comment else ""
        return Prop(
            key=ts_key(name),
            name=name,
            type=ts_type,
            optional=ref.optional,
            nullable=ref.nullable,
            doc=doc,
            go_type=f.type,
            literals=literals,
            kind=kind,
        )

    def decl(self, s: GoStruct) -> Decl:
        spec_ts = self.ts_by_name.get(s.name)
        props: list[Prop] = []
        extends: list[str] = []
        for f in s.fields:
            if f.embedded and f.json_name is None:
                base = f.type.lstrip("*").rsplit(".", 1)[-1]
                if base in self.known:
                    extends.append(base)
                continue
            p = self.prop(f, spec_ts)
            if p is not None:
                props.append(p)
        doc = ts_comment(s.doc) if s.doc else ""
        return Decl(name=s.name, kind="interface", props=props, extends=extends, doc=doc, go=s.name)

    def query_decl(self, s: GoStruct) -> Decl:
        """A request struct a GET endpoint binds from its query string.

        Members are named by the ``query``/``form`` tag (else the json name, else the Go
        name), optional, never null: a query string carries strings, and the client leaves
        out what is undefined. Not a JSON mirror (the wire test skips it).
        """
        spec_ts = self.ts_by_name.get(s.name)
        props: list[Prop] = []
        for f in s.fields:
            if f.embedded or f.json_skip or f.query == "-":
                continue
            p = self.prop(f, spec_ts)
            if p is None:
                continue
            name = f.query or f.json_name or f.name
            p.key, p.name = ts_key(name), name
            p.optional, p.nullable = True, False
            props.append(p)
        doc = ts_comment(s.doc) if s.doc else ts_comment(f"Query parameters ({s.name})")
        return Decl(name=s.name, kind="interface", props=props, doc=doc)


def _json_options(tag: str) -> list[str]:
    m = re.search(r'json:"([^"]*)"', tag or "")
    return m.group(1).split(",")[1:] if m else []


def _path_params(path: str) -> list[str]:
    return re.findall(r"\{([^{}/]+)\}", path)


def _segments(path: str) -> list[str]:
    segs = [s for s in path.split("/") if s]
    # Drop the common API prefix: api, v1.
    while segs and (segs[0].lower() == "api" or re.fullmatch(r"v\d+", segs[0], re.I)):
        segs = segs[1:]
    return segs


def _key_parts(segs: list[str], idents: dict[str, str]) -> list[KeyPart]:
    parts = []
    for seg in segs:
        m = re.fullmatch(r"\{([^{}/]+)\}", seg)
        parts.append(KeyPart(m.group(1), idents[m.group(1)]) if m else KeyPart(seg))
    return parts


def _collection(segs: list[str], method: str, paths: set[str], reads: set[str]) -> list[str]:
    """A mutation's collection: drop a trailing action segment, then a trailing parameter.

    The last segment is an *action* (``POST /invites/{token}/accept``) when it follows a
    parameter and no GET reads that path and no endpoint lies below it; otherwise it
    names a collection (``POST /workspaces/{id}/invites``).
    """
    out = list(segs)
    is_param = [bool(re.fullmatch(r"\{[^{}/]+\}", s)) for s in out]
    if method != "GET" and len(out) >= 2 and not is_param[-1] and is_param[-2]:
        here = "/".join(out)
        read = here in reads
        below = any(p.startswith(here + "/") for p in paths)
        if not read and not below:
            out = out[:-1]  # POST /invites/{token}/accept → /invites/{token}
            is_param = is_param[:-1]
    if out and is_param[-1]:
        out = out[:-1]
    return out


def _path_template(path: str, idents: dict[str, str], holder: str) -> str:
    out = ["`"]
    pos = 0
    for m in re.finditer(r"\{([^{}/]+)\}", path):
        out.append(ts_template_text(path[pos : m.start()]))
        out.append("${encodeURIComponent(" + f"{holder}{idents[m.group(1)]}" + ")}")
        pos = m.end()
    out.append(ts_template_text(path[pos:]))
    out.append("`")
    return "".join(out)


def _fn_name(named: dict[str, str], ep: Endpoint, taken: set[str]) -> str:
    # A non-hook entry of the hooks table ("createInvite") names the client function.
    if ep.key in named and named[ep.key] not in taken:
        return named[ep.key]
    if ep.handler and ep.handler.function:
        name = ts_camel(ep.handler.function)
    else:
        verb = {"GET": "get", "POST": "create", "PUT": "replace", "PATCH": "update"}.get(
            ep.method.upper(), "delete"
        )
        name = ts_camel(verb + " " + " ".join(s for s in _segments(ep.path) if "{" not in s))
    base, n = name, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name


def _error_classes_view(errors: list[ErrorClass]) -> list[dict[str, Any]]:
    """The classes the errors module declares: one per name, none for the runtime's ApiError."""
    out: dict[str, dict[str, Any]] = {}
    for e in errors:
        if e.is_base or e.name in out:
            continue
        rows = [x for x in errors if x.name == e.name]
        doc = (
            e.doc
            if not e.shared
            else ts_comment(", ".join(f"{x.go_name} ({x.status})" for x in rows))
        )
        out[e.name] = {
            "name": e.name,
            "shared": e.shared,
            "status": e.status,
            "code": ts_string(e.code),
            "message": ts_string(e.message),
            "doc": doc,
        }
    return list(out.values())


def _error_class_name(e: TaxonomyError) -> str:
    """The TS class a taxonomy row throws: the spec's name, else ``ErrInviteExists`` →
    ``InviteExistsError`` (a package-qualified ``auth.ErrForbidden`` → ``ForbiddenError``)."""
    if e.ts_name:
        return e.ts_name
    return ts_pascal(re.sub(r"^Err(?=[A-Z0-9_])", "", e.ident)) + "Error"


def _feature_prefix(feature: str) -> str:
    return ts_pascal(feature) or "Feature"


def _files_named(spec: Spec, layout: Layout) -> list[str]:
    """Frontend files the spec names (tasks and file tables), as target paths."""
    out: list[str] = []
    for task in spec.tasks:
        for f in task.files:
            if f.action == "create":
                out.append(layout.path(f.path))
    for entry in spec.files:
        if entry.side == "frontend" and entry.action == "create":
            out.append(layout.path(entry.path))
    return list(dict.fromkeys(out))


def _choose_paths(spec: Spec, layout: Layout) -> dict[str, str]:
    named = _files_named(spec, layout)
    types_path = ""
    for t in spec.ts_types:
        if t.file and t.file.endswith(".ts") and not t.file.endswith(".d.ts"):
            types_path = layout.path(t.file)
            break
    if not types_path:
        types_path = next(
            (p for p in named if "/types/" in p and p.endswith(".ts")),
            layout.src(f"types/{layout.feature}.ts"),
        )
    client = next(
        (
            p
            for p in named
            if "/api/" in p and p.endswith(".ts") and not p.endswith((".test.ts", ".d.ts"))
        ),
        layout.src(f"api/{layout.feature}.ts"),
    )
    stem = client[: -len(".ts")]
    return {
        "types": types_path,
        "client": client,
        "errors": f"{stem}-errors.ts",
        "keys": f"{stem}-keys.ts",
        "events": f"{stem}-events.ts",
        "http": layout.src("api/http.ts"),
    }


_LAST: list[tuple[PlanContext, Frontend]] = []


def build_frontend(ctx: PlanContext) -> Frontend:
    """The frontend view of the spec, computed once per plan (the ts and web families share it)."""
    if _LAST and _LAST[0][0] is ctx:
        return _LAST[0][1]
    fe = _build_frontend(ctx)
    _LAST[:] = [(ctx, fe)]
    return fe


def _build_frontend(ctx: PlanContext) -> Frontend:
    """Compute the frontend view of the spec (pure: same spec, same result)."""
    spec = ctx.spec
    layout = Layout(root=ctx.config.frontend_root, feature=ctx.feature)
    prefix = _feature_prefix(ctx.feature)
    diags: list[Any] = []
    paths = _choose_paths(spec, layout)
    mapper = _Mapper(spec, getattr(ctx.config, "nullability", "wire") or "wire")

    # ---- types
    decls: list[Decl] = []
    used_enums = set()
    query_structs = {
        ep.request for ep in spec.endpoints if ep.method.upper() == "GET" and ep.request
    }
    for s in mapper.structs:
        d = mapper.query_decl(s) if s.name in query_structs else mapper.decl(s)
        decls.append(d)
        for p in d.props:
            for ident in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", p.type):
                if ident in mapper.enums:
                    used_enums.add(ident)
    spec_ts_names = {t.name for t in spec.ts_types}
    enum_decls = []
    for e in spec.go_enums:
        if e.name in mapper.enums and (e.name in used_enums or e.name in spec_ts_names):
            enum_decls.append(
                Decl(
                    name=e.name,
                    kind="alias",
                    alias=_union(mapper.enums[e.name]),
                    doc=f"Go {e.name} ({', '.join(e.consts)})" if e.consts else "",
                    go=e.name,
                )
            )
    # The spec's own string-literal unions (``export type TicketStatus = "open" | …``) that
    # no Go enum stands for: declared as written, so the types and components can use them.
    declared = {d.name for d in enum_decls + decls}
    for t in spec.ts_types:
        if t.kind == "alias" and t.literals and t.name not in declared:
            if ts_ident_problem(t.name) or t.name in GENERATED_NAMES:
                continue
            declared.add(t.name)
            enum_decls.append(
                Decl(name=t.name, kind="alias", alias=_union(list(t.literals)), doc="")
            )
    decls = enum_decls + decls
    for d in decls:
        problem = ts_ident_problem(d.name) or (
            f"{d.name!r} is a name the generated TypeScript uses itself"
            if d.name in GENERATED_NAMES
            else None
        )
        if problem:
            node = spec.struct(d.name) or next((e for e in spec.go_enums if e.name == d.name), None)
            diags.append(at(node, "GEN060", "error", f"{problem}; rename the Go type"))

    # ---- errors
    decl_names_early = {d.name for d in decls}
    errors: list[ErrorClass] = []
    names_used = [_error_class_name(e) for e in spec.errors]
    rows_per_name: dict[str, int] = {}
    for name in names_used:
        rows_per_name[name] = rows_per_name.get(name, 0) + 1
    seen_rows: set[tuple[int, str]] = set()
    for e, name in zip(spec.errors, names_used):
        problem = ts_ident_problem(name)
        if problem is None and name != BASE_ERROR:
            if name in GENERATED_NAMES or name in decl_names_early:
                problem = f"{name!r} is a name the generated TypeScript uses itself"
        code = wire_code(e)
        if problem is None and (e.status, code) in seen_rows:
            problem = f"two errors answer {e.status} with code {code!r}"
        if problem:
            diags.append(
                at(
                    e,
                    "GEN061",
                    "error",
                    f"{problem}; name the TypeScript error in the Error Taxonomy "
                    "or give the rows distinct codes",
                )
            )
            continue
        seen_rows.add((e.status, code))
        errors.append(
            ErrorClass(
                name=name,
                go_name=e.go_name,
                status=e.status,
                code=code,
                message=e.message,
                doc=ts_comment(f"{e.go_name} ({e.status}, {code}): {e.message}"),
                shared=name == BASE_ERROR or rows_per_name[name] > 1,
            )
        )

    # ---- client functions
    fns: list[ClientFn] = []
    taken: set[str] = set()
    decl_names = {d.name for d in decls}
    extra_decls: list[Decl] = []
    all_paths = {"/".join(_segments(ep.path)) for ep in spec.endpoints}
    get_paths = {
        "/".join(_segments(ep.path)) for ep in spec.endpoints if ep.method.upper() == "GET"
    }
    named_fns = {
        h.endpoint: h.name
        for h in reversed(spec.hooks)
        if not h.name.startswith("use") and _TS_IDENT.match(h.name)
    }
    for ep in spec.endpoints:
        name = _fn_name(named_fns, ep, taken)
        taken.add(name)
        raw_params = list(dict.fromkeys(_path_params(ep.path)))
        params = [PathParam(p, ts_camel(p)) for p in raw_params]
        idents = {p.name: p.ident for p in params}
        segs = _segments(ep.path)
        method = ep.method.upper()
        body_type = ""
        query_type = ""
        if ep.request and ep.request in decl_names:
            if method == "GET":
                query_type = ep.request
            else:
                body_type = ep.request
        if method == "GET" and ep.query and not query_type:
            query_type = f"{ts_pascal(name)}Query"
            if query_type not in decl_names:
                props = [
                    Prop(
                        key=ts_key(q.name),
                        name=q.name,
                        type=query_ts_type(q.type),
                        optional=not q.required,
                        doc=ts_comment(q.description),
                    )
                    for q in ep.query
                ]
                extra_decls.append(
                    Decl(
                        name=query_type,
                        kind="interface",
                        props=props,
                        doc=ts_comment(f"Query parameters of {ep.key}"),
                    )
                )
                decl_names.add(query_type)
        result = ep.response if ep.response and ep.response in decl_names else "void"
        if ep.response and result == "void":
            diags.append(
                at(
                    ep,
                    "GEN062",
                    "warning",
                    f"response type {ep.response!r} of {ep.key} is not defined in the spec; "
                    "the client returns `unknown`",
                )
            )
            result = "unknown"
        has_args = bool(params or query_type or body_type)
        args_type = f"{ts_pascal(name)}Args" if has_args else ""
        cursor = None
        if ep.cursor_pagination and query_type and result not in ("void", "unknown"):
            cursor = _cursor_info(ep, decls + extra_decls, result, query_type)
        coll = _collection(segs, method, all_paths, get_paths)
        coll_names = [m.group(1) for s in coll if (m := re.fullmatch(r"\{([^{}/]+)\}", s))]
        fns.append(
            ClientFn(
                name=name,
                endpoint=ep,
                params=params,
                path_expr=_path_template(ep.path, idents, "args."),
                args_type=args_type,
                query_type=query_type,
                body_type=body_type,
                result_type=result,
                key=_key_parts(segs, idents),
                collection_key=_key_parts(coll, idents),
                collection_params=[p for p in params if p.name in coll_names],
                cursor=cursor,
                doc=ts_comment(f"{ep.method.upper()} {ep.path}: {ep.description}", 300),
            )
        )
    decls = decls + extra_decls
    by_name = {d.name: d for d in decls}
    fn_by_key = {f.endpoint.key: f for f in fns}

    # ---- hooks
    hooks: list[HookFn] = []
    default_hooks = layout.src(f"hooks/use{prefix}.ts")
    seen_hooks: set[str] = set()
    for h in spec.hooks:
        if not h.name.startswith("use"):
            continue
        problem = ts_ident_problem(h.name)
        if problem or h.name in seen_hooks:
            diags.append(
                at(h, "GEN063", "error", f"{problem or repr(h.name) + ' is listed twice'}")
            )
            continue
        fn = fn_by_key.get(h.endpoint)
        if fn is None:
            diags.append(
                at(
                    h,
                    "GEN064",
                    "warning",
                    f"hook {h.name} names no endpoint of the spec; it is not generated "
                    "(add an Endpoint column to the hooks table)",
                )
            )
            continue
        seen_hooks.add(h.name)
        file = layout.path(h.path) if h.path.endswith((".ts", ".tsx")) else default_hooks
        if file.endswith(".test.ts") or file.endswith(".test.tsx"):
            file = default_hooks
        if fn.is_query:
            kind = "infinite" if fn.cursor else "query"
            hook_params, var_params, variables = fn.params, [], ""
            invalidates: list[str] = []
        else:
            kind = "mutation"
            hook_params = fn.collection_params
            var_params = [p for p in fn.params if p not in hook_params]
            variables = _variables_type(var_params, fn.body_type)
            invalidates = []  # below, once every query hook is known
        hooks.append(
            HookFn(
                name=h.name,
                fn=fn,
                file=file,
                hook=h,
                kind=kind,
                hook_params=hook_params,
                var_params=var_params,
                variables_type=variables,
                invalidates=invalidates,
                events=_events_named(spec, h.description) if fn.is_query else [],
                doc=ts_comment(h.description, 300),
            )
        )
    _link_invalidation(hooks)
    hook_files = sorted({h.file for h in hooks})

    # ---- events
    events: list[EventDef] = []
    for ev in spec.events:
        s = _event_struct(spec, ev.name)
        type_name = (s.name if s is not None else ts_pascal(ev.name) + "Event") + "Message"
        if s is not None and s.name in by_name:
            payload = s.name
        elif ev.payload_fields:
            payload = (
                "{ "
                + " ".join(
                    f"{ts_key(k)}: {_payload_ts(v)};" for k, v in sorted(ev.payload_fields.items())
                )
                + " }"
            )
        else:
            payload = "unknown"
        events.append(
            EventDef(
                name=ev.name,
                type_name=type_name,
                payload_type=payload,
                channel=ev.channel,
                doc=ts_comment(f"{ev.name} on {ev.channel}: {ev.trigger}", 300),
            )
        )

    return Frontend(
        layout=layout,
        decls=decls,
        decl_by_name=by_name,
        errors=errors,
        fns=fns,
        fn_by_key=fn_by_key,
        hooks=hooks,
        hook_by_name={h.name: h for h in hooks},
        events=events,
        paths=paths,
        hook_files=hook_files,
        prefix=prefix,
        keys_name=ts_camel(ctx.feature) + "Keys",
        feature=ctx.feature,
        diagnostics=diags,
    )


def _events_named(spec: Spec, text: str) -> list[str]:
    """The spec's events a hook's description names (``invalidates itself on invite.accepted``)."""
    return [
        ev.name
        for ev in spec.events
        if re.search(rf"(?<![\w.]){re.escape(ev.name)}(?![\w])", text or "")
    ]


def _link_invalidation(hooks: list[HookFn]) -> None:
    """What each mutation invalidates: keys that exist, never a key no query has.

    The collection it changes when a query hook's key starts with it (every page and
    filter of that list); else, when the feature has query hooks, the feature's ``all``
    (a mutation whose path no list reads, ``POST /invites/{token}/accept``, may change
    any of them); else nothing.
    """
    queries = [h for h in hooks if h.kind != "mutation"]
    for h in hooks:
        if h.kind != "mutation":
            continue
        coll = h.fn.collection_key
        under_it = [q for q in queries if _is_prefix(coll, q.fn.key)]
        if under_it:
            h.invalidates, h.refreshes = [coll], under_it
        elif queries:
            h.invalidates, h.refreshes = [[]], list(queries)


def _payload_ts(text: str) -> str:
    t = (text or "").strip().lower()
    if t.startswith(("number", "int", "float", "integer")):
        return "number"
    if t.startswith(("bool",)):
        return "boolean"
    if t.startswith(("string", "uuid", "timestamp", "date", "email", "text")):
        return "string"
    return "unknown"


def _variables_type(var_params: list[PathParam], body: str) -> str:
    if not var_params:
        return body or "void"
    if len(var_params) == 1 and not body:
        return "string"
    members = [f"{p.ident}: string;" for p in var_params]
    if body:
        members.append(f"body: {body};")
    return "{ " + " ".join(members) + " }"


def _cursor_info(
    ep: Endpoint, decls: list[Decl], result: str, query_type: str = ""
) -> dict[str, str] | None:
    d = next((x for x in decls if x.name == result), None)
    if d is None:
        return None
    cursor_prop = next((p for p in d.props if "cursor" in p.name.lower()), None)
    items = next((p for p in d.props if p.kind == "array"), None)
    if cursor_prop is None:
        return None
    query_name = next((q.name for q in ep.query if "cursor" in q.name.lower()), "cursor")
    # The cursor's type: the query parameter's (what is sent back), else the response
    # field's; an int64 cursor is a number on both sides.
    q = next((x for x in decls if x.name == query_type), None)
    sent = next((p for p in q.props if p.name == query_name), None) if q else None
    ts_type = (sent or cursor_prop).type
    if ts_type not in ("string", "number"):
        ts_type = "string"
    return {
        "query": ts_key(query_name),
        "field": ts_key(cursor_prop.name),
        "items_key": ts_key(items.name) if items else "",
        "item_type": items.type[:-2].strip("()") if items else "",
        "type": ts_type,
    }


# --------------------------------------------------------------------------- family


def _source_of(ctx: PlanContext, fe: Frontend, path: str, section: str, pos: Any = None):
    task = task_for_path(ctx.spec, path)
    return ctx.source(section, pos, task_id(task))


class TsFamily:
    """Plans the generated TypeScript of a feature (one ``ts-api`` job)."""

    name = "ts"

    def plan(self, ctx: PlanContext) -> list[RenderJob]:
        spec = ctx.spec
        if not (spec.endpoints or spec.errors or spec.events or spec.hooks):
            return []
        fe = build_frontend(ctx)
        for d in fe.diagnostics:
            ctx.report(d)
        if any(d.severity == "error" for d in fe.diagnostics):
            return []
        paths = fe.paths
        spec_desc = ", ".join(ctx.spec_paths) or ctx.feature
        files: list[PlannedFile] = []
        data_files: dict[str, list[dict[str, Any]]] = {
            "http": [],
            "types": [],
            "errors": [],
            "client": [],
            "query_keys": [],
            "hooks": [],
            "events": [],
        }

        def plan_file(kind: str, path: str, section: str, item: dict[str, Any], pos=None) -> None:
            src = _source_of(ctx, fe, path, section, pos)
            item = {"path": path, "header": header(f"{spec_desc} {section}"), **item}
            data_files[kind].append(item)
            files.append(PlannedFile(path=path, owner="generated", blueprint=BLUEPRINT, source=src))

        http = paths["http"]
        plan_file("http", http, "(API runtime)", {})
        types_path = paths["types"]
        plan_file(
            "types",
            types_path,
            "§4 API Design, §5 Frontend TypeScript Types",
            {"decls": [d.view() for d in fe.decls]},
        )
        err_path = paths["errors"]
        plan_file(
            "errors",
            err_path,
            "§5 Error Taxonomy",
            {
                "http": import_path(err_path, http),
                "prefix": fe.prefix,
                "errors": [
                    {
                        "name": e.name,
                        "go_name": e.go_name,
                        "status": e.status,
                        "code": ts_string(e.code),
                        "message": ts_string(e.message),
                        "doc": e.doc,
                        "shared": e.shared,
                        "base": e.is_base,
                    }
                    for e in fe.errors
                ],
                "classes": _error_classes_view(fe.errors),
                "codes": " | ".join(dict.fromkeys(ts_string(e.code) for e in fe.errors)) or "never",
            },
        )
        client_path = paths["client"]
        type_imports = sorted(
            {
                t
                for f in fe.fns
                for t in (f.query_type, f.body_type, f.result_type)
                if t and t not in ("void", "unknown")
            }
        )
        plan_file(
            "client",
            client_path,
            "§4 API Design",
            {
                "http": import_path(client_path, http),
                "errors": import_path(client_path, err_path),
                "types": import_path(client_path, types_path),
                "type_imports": type_imports,
                "prefix": fe.prefix,
                "fns": [_fn_view(f) for f in fe.fns],
            },
        )
        keys_path = paths["keys"]
        plan_file(
            "query_keys",
            keys_path,
            "§5 API Client / Hooks",
            {
                "types": import_path(keys_path, types_path),
                "type_imports": sorted(
                    {f.query_type for f in fe.fns if f.query_type and f.is_query}
                ),
                "feature": ts_string(ctx.feature),
                "name": fe.keys_name,
                "fns": [_fn_view(f) for f in fe.fns],
            },
        )
        keys_name = fe.keys_name
        for file in fe.hook_files:
            hs = [h for h in fe.hooks if h.file == file]
            fn_names = sorted({h.fn.name for h in hs})
            uses = {h.kind for h in hs}
            hook_types = sorted(
                {
                    t
                    for h in hs
                    for t in (
                        (h.fn.result_type, h.fn.body_type)
                        if h.kind == "mutation"
                        else (h.fn.query_type,)
                    )
                    if t and t not in ("void", "unknown")
                }
            )
            plan_file(
                "hooks",
                file,
                "§5 API Client / Hooks",
                {
                    "http": import_path(file, http),
                    "client": import_path(file, client_path),
                    "keys_module": import_path(file, keys_path),
                    "types": import_path(file, types_path),
                    "keys_name": keys_name,
                    "fn_names": fn_names,
                    "type_imports": hook_types,
                    "tanstack": sorted(
                        {
                            {"query": "useQuery", "infinite": "useInfiniteQuery"}.get(k, "")
                            for k in uses
                        }
                        - {""}
                        | ({"useMutation"} if "mutation" in uses else set())
                        | (
                            {"useQueryClient"}
                            if any(h.invalidates or h.events for h in hs)
                            else set()
                        )
                    ),
                    "has_mutation": "mutation" in uses,
                    "uses_keys": any(h.kind != "mutation" or h.invalidates for h in hs),
                    "hooks": [_hook_view(h, fe) for h in hs],
                    "events_module": import_path(file, paths["events"]),
                    "events_hook": f"use{fe.prefix}Events",
                    "uses_events": any(h.events for h in hs),
                },
                pos=hs[0].hook,
            )
        if fe.events:
            ev_path = paths["events"]
            payload_types = sorted(
                {e.payload_type for e in fe.events if e.payload_type in fe.decl_by_name}
            )
            plan_file(
                "events",
                ev_path,
                "§4 WebSocket / Real-Time Events",
                {
                    "types": import_path(ev_path, types_path),
                    "type_imports": payload_types,
                    "prefix": fe.prefix,
                    "events": [
                        {
                            "name": ts_string(e.name),
                            "type_name": e.type_name,
                            "payload": e.payload_type,
                            "doc": e.doc,
                        }
                        for e in fe.events
                    ],
                },
            )
        _instruct_npm(ctx, fe)
        return [RenderJob(blueprint=BLUEPRINT, data={"files": data_files}, files=files)]


def _fn_view(f: ClientFn) -> dict[str, Any]:
    args_members = [f"{p.ident}: string;" for p in f.params]
    if f.query_type:
        args_members.append(f"query?: {f.query_type};")
    if f.body_type:
        args_members.append(f"body: {f.body_type};")
    return {
        "name": f.name,
        "doc": f.doc,
        "method": ts_string(f.endpoint.method.upper()),
        "path": f.path_expr,
        "args_type": f.args_type,
        "args_members": args_members,
        "has_args": bool(f.args_type),
        "query": bool(f.query_type),
        "body": bool(f.body_type),
        "result": f.result_type,
        "status": f.endpoint.success_status,
        "is_query": f.is_query,
        "query_type": f.query_type,
        "key_sig": ", ".join(
            [f"{p.ident}: string" for p in f.params]
            + ([f"query?: {f.query_type}"] if f.query_type else [])
        ),
        "key_full": _full_key(f),
        "cursor": f.cursor,
        "pages_name": f.name + "Pages",
    }


def _full_key(f: ClientFn) -> str:
    """A query's key in the keys module: ``all``, the path's parts, then the query object."""
    expr = key_expr("all", f.key)
    if not f.query_type:
        return expr
    return (expr[:-1] if expr.startswith("[") else "[..." + expr) + ", query ?? {}]"


def _hook_view(h: HookFn, fe: Frontend) -> dict[str, Any]:
    fn = h.fn
    hook_args = [f"{p.ident}: string" for p in h.hook_params]
    if h.kind in ("query", "infinite") and fn.query_type:
        hook_args.append(f"query?: {fn.query_type}")
    # How the client is called from the hook.
    call_members = [p.ident for p in h.hook_params]
    if h.kind == "mutation":
        if len(h.var_params) == 1 and not fn.body_type:
            call_members.append(f"{h.var_params[0].ident}: variables")
        else:
            call_members += [f"{p.ident}: variables.{p.ident}" for p in h.var_params]
            if fn.body_type:
                call_members.append(
                    "body: variables" if not h.var_params else "body: variables.body"
                )
    elif fn.query_type:
        call_members.append("query")
    call_page = ""
    if h.kind == "infinite" and fn.cursor:
        members = [p.ident for p in h.hook_params]
        members.append(f"query: {{ ...query, {fn.cursor['query']}: pageParam }}")
        call_page = "{ " + ", ".join(members) + " }"
    key_args = [p.ident for p in fn.params] if h.kind != "mutation" else []
    if h.kind != "mutation" and fn.query_type:
        key_args.append("query")
    return {
        "name": h.name,
        "doc": h.doc,
        "kind": h.kind,
        "fn": fn.name,
        "args": ", ".join(hook_args),
        "call": "{ " + ", ".join(call_members) + " }" if fn.args_type else "",
        "key_fn": fn.name,
        "key_args": ", ".join(key_args),
        "result": fn.result_type,
        "variables": h.variables_type,
        "invalidates": [key_expr(fe.keys_name, k) for k in h.invalidates],
        "events": [ts_string(e) for e in h.events],
        "events_key": key_expr(fe.keys_name, fn.key) if h.events else "",
        "cursor": fn.cursor,
        "call_page": call_page,
    }


# --------------------------------------------------------------------------- dependencies


def _instruct_npm(ctx: PlanContext, fe: Frontend) -> None:
    """An existing package.json on SWR: say the hooks are TanStack Query's (the web family
    prints the `npm install` command for every package the frontend imports)."""
    rel = under(fe.layout.root, "package.json")
    text = ctx.target.read_text(rel)
    if text is None:
        return
    try:
        pkg = json.loads(text)
    except ValueError:
        return
    have = {**(pkg.get("dependencies") or {}), **(pkg.get("devDependencies") or {})}
    if fe.hooks and "swr" in have and "@tanstack/react-query" not in have:
        ctx.report(
            Diagnostic(
                rule="GEN065",
                severity="warning",
                message=f"{rel} uses SWR; the generated hooks use TanStack Query v5 (SWR hooks "
                "are not generated yet): install it as below, or port the hooks to SWR",
                path=rel,
                line=1,
                column=1,
            )
        )


# --------------------------------------------------------------------------- view schema

#: What each file kind of the ``ts-api`` blueprint receives (``files.<kind>[]`` items):
#: key → JSON type. Every item also has ``path``. Version: VIEW_VERSION.
VIEW_SHAPES: dict[str, dict[str, dict[str, str]]] = {
    BLUEPRINT: {
        "http": {"header": "string"},
        "types": {"header": "string", "decls": "array"},
        "errors": {
            "header": "string",
            "http": "string",
            "prefix": "string",
            "errors": "array",
            "classes": "array",
            "codes": "string",
        },
        "client": {
            "header": "string",
            "http": "string",
            "errors": "string",
            "types": "string",
            "type_imports": "array",
            "prefix": "string",
            "fns": "array",
        },
        "query_keys": {
            "header": "string",
            "types": "string",
            "type_imports": "array",
            "feature": "string",
            "name": "string",
            "fns": "array",
        },
        "hooks": {
            "header": "string",
            "http": "string",
            "client": "string",
            "keys_module": "string",
            "types": "string",
            "keys_name": "string",
            "fn_names": "array",
            "type_imports": "array",
            "tanstack": "array",
            "has_mutation": "boolean",
            "uses_keys": "boolean",
            "hooks": "array",
            "events_module": "string",
            "events_hook": "string",
            "uses_events": "boolean",
        },
        "events": {
            "header": "string",
            "types": "string",
            "type_imports": "array",
            "prefix": "string",
            "events": "array",
        },
    }
}


def shape_schema(blueprint: str, shapes: dict[str, dict[str, str]], version: int) -> dict:
    """A JSON Schema (2020-12) of a blueprint's view model from its shapes."""
    kinds = {}
    for kind, keys in shapes.items():
        props = {"path": {"type": "string"}}
        props.update({k: {"type": t} for k, t in keys.items()})
        kinds[kind] = {
            "type": "array",
            "items": {"type": "object", "required": sorted(props), "properties": props},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"view model of blueprint {blueprint}",
        "description": f"version {version}; RenderJob.data of the {blueprint} blueprint",
        "type": "object",
        "required": ["files"],
        "properties": {"files": {"type": "object", "required": sorted(kinds), "properties": kinds}},
    }


VIEW_SCHEMAS: dict[str, dict] = {
    name: shape_schema(name, shapes, VIEW_VERSION) for name, shapes in VIEW_SHAPES.items()
}

FAMILY = TsFamily()
