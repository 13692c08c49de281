"""The YAML form of a tech spec: read it, write it, describe it (JSON Schema).

The form is documented in ``docs/yaml-form.md``. In short: top-level keys follow
the template's sections in order; collections whose elements have a name or an
ID are mappings keyed by it (``tasks: {T-001: …}``, ``endpoints: {"POST /x": …}``);
code stays code — Go declarations, TypeScript types and goose migrations are
literal block strings read by the same parsers the markdown reader uses, so an
element found in a block gets its real line in the YAML file. Facts the model
derives from others (a column's nullability from its constraints, a migration's
statements from its SQL, a requirement's tasks from the tasks' ``implements``)
are written only where they differ from what would be derived.

JSON is YAML, so ``.json`` specs are read here too; a JSON document that is the
model itself (``Spec.model_dump()``, as ``scaffold convert --to json`` writes it)
is recognised by its ``meta`` key and validated as the model.

Reading never raises: YAML syntax errors, unknown keys and values of the wrong
type become :class:`~scaffold.model.Problem` entries at their YAML line
(rules ``YAML001``…, see :data:`RULES`), and the rest of the spec is still read.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..model import (
    Assumption,
    Auth,
    ChecklistItem,
    ConsumedEndpoint,
    Column,
    Component,
    Decision,
    Dependency,
    Endpoint,
    ErrorResponse,
    Event,
    FeatureFlag,
    FileEntry,
    Hook,
    HandlerRef,
    Index,
    Meta,
    Migration,
    Motivation,
    Node,
    OpenQuestion,
    Pos,
    Problem,
    QueryParam,
    Relationship,
    Requirement,
    Risk,
    Shorthand,
    Row,
    Spec,
    SqlStatement,
    Table,
    TableChange,
    Task,
    TaskFile,
    TaxonomyError,
    TestTable,
    Wire,
)

__all__ = ["RULES", "read_yaml", "json_schema"]

RULES: dict[str, str] = {
    "YAML001": "the file is not valid YAML (or JSON)",
    "YAML002": "the document is not a mapping of spec sections",
    "YAML003": "an unknown key (a typo, or a key of another section)",
    "YAML004": "a value has the wrong type (a string where a list belongs, …) or is not allowed",
    "YAML005": "a required key is missing (a column without `type`, …)",
    "YAML006": "a reference cannot be read (handler, relationship end, endpoint key)",
    "YAML007": "a column constraint is not understood (write it as SQL)",
}

# --------------------------------------------------------------------------- loading


def _yaml():  # noqa: ANN202 - ruamel type, imported lazily
    """A round-trip YAML instance whose plain scalars all load as strings (or null).

    Types come from the model, not from YAML's guesses: ``date: 2026-11-24`` stays
    the text written, ``version: 1.10`` keeps its zero, ``status: 201`` is
    validated as an ``int`` by pydantic.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    null_tag = Tag(suffix="tag:yaml.org,2002:null")
    str_tag = Tag(suffix="tag:yaml.org,2002:str")

    class _StringResolver(VersionedResolver):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0]:
                return null_tag if _NULL.match(value) else str_tag
            return super().resolve(kind, value, implicit)

    y = YAML(typ="rt")
    y.Resolver = _StringResolver
    y.width = 4096  # one line per value: no folded lines with trailing spaces
    y.indent(mapping=2, sequence=4, offset=2)
    return y


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
# What YAML 1.2's core schema would read as something else than a string.
_CORE_TYPED = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.nan|\.NaN|\.NAN|yes|no|Yes|No|YES|NO|on|off|On|Off|ON|OFF|y|n|Y|N)$"
)


class _Ctx:
    """Reading state: the file name, its lines and the problems found."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        # Elements whose links are derived once the whole spec is read. An error row's
        # taxonomy entry is not among them: `error:` is kept as written and
        # `scaffold.read.link` is the only resolver.
        self.ts_default: list[tuple[Endpoint, set[str]]] = []
        # Constraint warnings a migration's SQL may answer: (problem, table, column, kind).
        self.described: list[tuple[Problem, str, str, str]] = []

    def pos(self, line0: int, col0: int) -> Pos:
        return Pos(file=self.file, line=line0 + 1, column=col0 + 1)

    def problem(self, pos: Pos, rule: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(pos=pos, rule=rule, severity=severity, message=message))

    def key_pos(self, node: Any, key: Any, fallback: Pos) -> Pos:
        try:
            line, col = node.lc.key(key)
            return self.pos(line, col)
        except Exception:  # noqa: BLE001 - ruamel keeps no position for some nodes
            return fallback

    def value_pos(self, node: Any, key: Any, fallback: Pos) -> Pos:
        try:
            line, col = node.lc.value(key)
            return self.pos(line, col)
        except Exception:  # noqa: BLE001
            return fallback

    def item_pos(self, node: Any, index: int, fallback: Pos) -> Pos:
        try:
            line, col = node.lc.item(index)
            return self.pos(line, col)
        except Exception:  # noqa: BLE001
            return fallback

    def block_start(self, value_pos: Pos, value: str) -> tuple[int, int]:
        """Line and column where the text of a (block) scalar starts."""
        line = self.lines[value_pos.line - 1] if 0 < value_pos.line <= len(self.lines) else ""
        indicator = line[value_pos.column - 1 : value_pos.column] if value_pos.column else ""
        if indicator not in ("|", ">"):
            quoted = indicator in ("'", '"')
            return value_pos.line, value_pos.column + (1 if quoted else 0)
        first = value_pos.line + 1
        for i in range(value_pos.line, len(self.lines)):
            if self.lines[i].strip():
                indent = len(self.lines[i]) - len(self.lines[i].lstrip(" "))
                return first, indent + 1
        return first, 1


def _is_map(v: Any) -> bool:
    return isinstance(v, dict)


def _is_seq(v: Any) -> bool:
    return isinstance(v, list)


def _plain(v: Any) -> Any:
    """ruamel's round-trip containers and scalar strings → plain Python values."""
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, str):
        return str(v)
    return v


def _sub(path: str, key: Any) -> str:
    k = str(key)
    if re.fullmatch(r"[A-Za-z_][\w-]*", k):
        return f"{path}.{k}" if path else k
    return f"{path}[{json.dumps(k, ensure_ascii=False)}]"


def _describe(v: Any) -> str:
    if _is_map(v):
        return "a mapping"
    if _is_seq(v):
        return "a list"
    if v is None:
        return "empty"
    s = str(v)
    return f"`{s[:40]}`" + ("…" if len(s) > 40 else "")


# --------------------------------------------------------------------------- forms

# How each model element is written: YAML key → model attribute, for the
# scalar and list-of-string fields. Nested elements are handled by hand.
_REQ = {"summary": "summary", "success_criteria": "success_criteria", "priority": "priority",
        "tasks": "tasks"}  # fmt: skip
_MOTIVATION = {"problem": "problem", "why_now": "why_now", "out_of_scope": "out_of_scope"}
_DECISION = {"decision": "decision", "alternatives": "alternatives", "rationale": "rationale"}
_DEPENDENCY = {"kind": "kind", "version": "version", "notes": "notes"}
_COLUMN = {"type": "type", "constraints": "constraints", "notes": "notes", "nullable": "nullable",
           "primary_key": "primary_key", "unique": "unique", "default": "default",
           "references": "references", "check_values": "check_values"}  # fmt: skip
_INDEX = {"columns": "columns", "unique": "unique", "note": "note"}
_RELATIONSHIP = {"on_delete": "on_delete", "kind": "kind"}
_TABLE_CHANGE = {"table": "table", "change": "change", "notes": "notes"}
_MIGRATION = {"sql": "text", "backward_compatible": "backward_compatible",
              "notes": "order_notes", "version": "version", "description": "description",
              "has_up": "has_up", "has_down": "has_down", "no_transaction": "no_transaction"}  # fmt: skip
_ENDPOINT = {"description": "description", "rate_limit": "rate_limit",
             "idempotency": "idempotency", "request": "request", "no_request_body": "request_none",
             "response": "response",
             "ts_request": "ts_request", "ts_response": "ts_response",
             "status": "success_status", "status_explicit": "success_status_explicit",
             "cursor_pagination": "cursor_pagination", "calls": "calls",
             "path_params": "path_params"}  # fmt: skip
_AUTH = {"text": "text", "required": "required", "role": "role", "ownership": "ownership",
         "middleware": "middleware"}  # fmt: skip
_HANDLER = {"package": "package", "function": "function", "receiver": "receiver", "file": "file"}
_ERROR_RESPONSE = {"status": "status", "condition": "condition", "body": "body", "error": "error"}
_QUERY = {"type": "type", "required": "required", "description": "description",
          "default": "default", "min": "minimum", "max": "maximum", "enum": "enum",
          "repeated": "repeated"}  # fmt: skip
_EVENT = {"channel": "channel", "payload": "payload", "payload_fields": "payload_fields",
          "delivery": "delivery", "trigger": "trigger"}  # fmt: skip
_FILE = {"package": "package", "exports": "exports", "description": "description"}
_FILE_FLAT = {"path": "path", "side": "side", "action": "action", **_FILE}
_COMPONENT = {"name": "name", "kind": "kind", "shadcn": "shadcn", "props": "props",
              "description": "description", "hooks": "hooks", "types": "types"}  # fmt: skip
_HOOK = {"path": "path", "description": "description", "endpoint": "endpoint"}
_TAXONOMY = {"status": "status", "ts": "ts_name", "message": "message", "log": "log_level",
             "code": "code", "existing": "existing"}  # fmt: skip
_WIRE = {"error_body": "error_body", "error_nested": "error_nested",
         "success_envelope": "success_envelope"}  # fmt: skip
_TASK = {"title": "title", "implements": "implements", "description": "description",
         "depends_on": "dependencies", "phase": "phase", "checked": "checked"}  # fmt: skip
_TASK_FILE = {"note": "note"}
_FLAG = {"default": "default", "cleanup": "cleanup"}
_RISK = {"risk": "risk", "impact": "impact", "mitigation": "mitigation"}
_CONSUMED = {"method": "method", "path": "path", "ts_request": "ts_request",
             "ts_response": "ts_response"}  # fmt: skip
_QUESTION = {"question": "question", "owner": "owner", "target": "target"}
_CHECK = {"text": "text", "checked": "checked"}
_META = {"title": "title", "type": "type", "prd": "prd", "author": "author", "date": "date",
         "status": "status"}  # fmt: skip

# Examples used in messages ("… should be a whole number, such as `201`").
_EXAMPLES: dict[str, str] = {
    "method": "POST",
    "status": "409",
    "priority": "must",
    "type": "TEXT",
    "tasks": "[T-001, T-002]",
    "implements": "[US-001]",
    "depends_on": "[T-001]",
    "columns": "[workspace_id, email]",
    "shadcn": "[Button, Dialog]",
    "backward_compatible": "true",
    "checked": "true",
    "required": "true",
    "unique": "true",
    "nullable": "false",
    "kind": "go",
    "side": "backend",
    "action": "create",
    "handler": "handlers.CreateInvite in internal/api/handlers/invites.go",
    "from": "invites.workspace_id",
    "to": "workspaces.id",
}


def _annotation(cls: type[BaseModel], attr: str) -> Any:
    return cls.model_fields[attr].annotation


def _unwrap_optional(ann: Any) -> Any:
    args = [a for a in get_args(ann) if a is not type(None)]
    if get_origin(ann) is not None and type(None) in get_args(ann) and len(args) == 1:
        return args[0]
    return ann


@functools.lru_cache(maxsize=None)
def _is_str_list(cls: type[BaseModel], attr: str) -> bool:
    ann = _unwrap_optional(_annotation(cls, attr))
    return get_origin(ann) is list and get_args(ann) == (str,)


@functools.lru_cache(maxsize=None)
def _literals(cls: type[BaseModel], attr: str) -> tuple[str, ...]:
    ann = _unwrap_optional(_annotation(cls, attr))
    return get_args(ann) if get_origin(ann) is Literal else ()


@functools.lru_cache(maxsize=None)
def _nullable(cls: type[BaseModel], attr: str) -> bool:
    return type(None) in get_args(_annotation(cls, attr))


def _expect(ann: Any) -> str:
    ann = _unwrap_optional(ann)
    origin = get_origin(ann)
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in get_args(ann))
    if origin is list:
        return "a list"
    if origin is dict:
        return "a mapping"
    if ann is bool:
        return "`true` or `false`"
    if ann is int:
        return "a whole number"
    if ann is str:
        return "a string"
    return "a value of another type"


@dataclass
class _Where:
    """Where an element is in the YAML file: its path, position and mapping node."""

    path: str
    pos: Pos
    node: Any = None  # the element's mapping (None for a shorthand scalar)
    keys: dict[str, str] = field(default_factory=dict)  # model attr -> YAML key


def _take(
    cx: _Ctx,
    cls: type[BaseModel],
    w: _Where,
    form: dict[str, str],
    data: dict[str, Any],
    handled: tuple[str, ...] = (),
) -> None:
    """Copy the form's fields from ``w.node`` into ``data``; report unknown keys."""
    node = w.node
    if node is None:
        return
    if not _is_map(node):
        cx.problem(
            w.pos, "YAML004", f"`{w.path}` should be a mapping of its fields, not {_describe(node)}"
        )
        return
    for k in node:
        ks = str(k)
        if ks in handled:
            continue
        attr = form.get(ks)
        if attr is None:
            _unknown(cx, cx.key_pos(node, k, w.pos), w.path, ks, list(form) + list(handled))
            continue
        value = _plain(node[k])
        if value is None:
            if _nullable(cls, attr):
                data[attr] = None  # an explicit null where the model allows one
                w.keys[attr] = ks
            continue
        if isinstance(value, str) and _is_str_list(cls, attr):
            value = [p.strip() for p in value.split(",") if p.strip()]
        literals = _literals(cls, attr)
        if literals and isinstance(value, str):
            match = next((a for a in literals if a.lower() == value.lower()), None)
            value = match or value
        data[attr] = value
        w.keys[attr] = ks


def _unknown(cx: _Ctx, pos: Pos, path: str, key: str, allowed: list[str]) -> None:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = (
        f"; did you mean `{close[0]}`?"
        if close
        else (
            "; expected one of " + ", ".join(f"`{a}`" for a in allowed)
            if len(allowed) <= 12
            else ""
        )
    )
    where = f" in `{path}`" if path else ""
    cx.problem(pos, "YAML003", f"unknown key `{key}`{where}{hint}")


def _make(cx: _Ctx, cls: type[BaseModel], data: dict[str, Any], w: _Where) -> Any:
    """Validate ``data`` as ``cls``; report what does not fit and drop it. None if required."""
    data = dict(data)
    if "pos" in cls.model_fields:
        data.setdefault("pos", w.pos)
    for _ in range(len(data) + 2):
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            dropped = False
            for err in exc.errors():
                loc = err["loc"]
                attr = str(loc[0]) if loc else ""
                ykey = w.keys.get(attr, attr)
                pos = w.pos
                if w.node is not None and _is_map(w.node) and ykey in w.node:
                    pos = cx.key_pos(w.node, ykey, w.pos)
                    if len(loc) > 1 and isinstance(loc[1], int) and _is_seq(w.node[ykey]):
                        pos = cx.item_pos(w.node[ykey], loc[1], pos)
                if err["type"] == "missing":
                    example = _EXAMPLES.get(ykey)
                    such = f", such as `{ykey}: {example}`" if example else ""
                    cx.problem(pos, "YAML005", f"`{w.path}` needs `{ykey}`{such}")
                    return None
                if attr not in data:
                    cx.problem(pos, "YAML004", f"`{w.path}`: {err['msg']}")
                    return None
                expect = _expect(_annotation(cls, attr)) if attr in cls.model_fields else ""
                sub = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[1:])
                example = _EXAMPLES.get(ykey)
                such = f", such as `{example}`" if example and "one of" not in expect else ""
                got = err.get("input")
                cx.problem(
                    pos,
                    "YAML004",
                    f"`{_sub(w.path, ykey)}{sub}` should be {expect}{such}, not {_describe(got)}",
                )
                data.pop(attr, None)
                dropped = True
            if not dropped:
                return None
    return None


def _items(
    cx: _Ctx, node: Any, path: str, pos: Pos, key_name: str
) -> Iterator[tuple[str, Any, _Where]]:
    """A keyed collection: a mapping ``{key: element}``, or a list of mappings with ``key_name``.

    Yields ``(key, value, where)``; for the list form the key is removed from the
    mapping handed on (the element reader sees only its other fields).
    """
    if node is None:
        return
    if _is_map(node):
        for k in node:
            kp = cx.key_pos(node, k, pos)
            yield str(k), node[k], _Where(_sub(path, k), kp, node[k] if _is_map(node[k]) else None)
        return
    if _is_seq(node):
        for i, item in enumerate(node):
            ip = cx.item_pos(node, i, pos)
            if not _is_map(item) or item.get(key_name) is None:
                cx.problem(
                    ip,
                    "YAML005",
                    f"`{path}[{i}]` should be a mapping with `{key_name}`, not {_describe(item)}",
                )
                continue
            key = _plain(item[key_name])
            if not isinstance(key, str):
                cx.problem(ip, "YAML004", f"`{path}[{i}].{key_name}` should be a string")
                continue
            rest = _Rest(item, key_name)
            yield key, rest, _Where(f"{path}[{i}]", ip, rest)
        return
    cx.problem(
        pos,
        "YAML004",
        f"`{path}` should be a mapping keyed by {key_name} (or a list), not {_describe(node)}",
    )


class _Rest(dict):
    """A view of a list item without its key field, keeping ruamel's positions."""

    def __init__(self, item: Any, drop: str) -> None:
        super().__init__((k, v) for k, v in item.items() if str(k) != drop)
        self.lc = item.lc


def _list(cx: _Ctx, node: Any, path: str, pos: Pos) -> Iterator[tuple[int, Any, _Where]]:
    if node is None:
        return
    if not _is_seq(node):
        cx.problem(pos, "YAML004", f"`{path}` should be a list, not {_describe(node)}")
        return
    for i, item in enumerate(node):
        ip = cx.item_pos(node, i, pos)
        yield i, item, _Where(f"{path}[{i}]", ip, item if _is_map(item) else None)


# --------------------------------------------------------------------------- derivations
# What the YAML form leaves out because the model derives it. The writer omits a
# value exactly when it equals the derivation, so every model round-trips.

# The conventions are the markdown reader's own (one convention, two forms): the
# same `auth` text gives the same role, the same constraints the same facts.

_CODE_SPAN = re.compile(r"`([^`]*)`")
_NO_CONSTRAINTS = ("", "-", "—")


def column_facts(constraints: str, type_: str) -> tuple[dict[str, Any], list[str]]:
    """What a column's constraints cell says (nullability, key, default, …), and what not."""
    out: dict[str, Any] = {
        "nullable": True,
        "primary_key": False,
        "unique": False,
        "default": None,
        "references": None,
        "check_values": [],
    }
    if (constraints or "").strip() in _NO_CONSTRAINTS:
        return out, []
    from ..sqlkit.columns import parse_column_constraints

    try:
        facts = parse_column_constraints(constraints, type_ or "TEXT")
    except Exception:  # noqa: BLE001 - the SQL module must not take the reader down
        return out, []
    for key in out:
        out[key] = getattr(facts, key)
    out["check_values"] = list(facts.check_values)
    return out, list(facts.unknown)


def derive_path_params(path: str) -> list[str]:
    from .markdown.api import path_params

    return path_params(path)


def derive_auth(text: str) -> dict[str, Any]:
    from .markdown.api import parse_auth

    auth = parse_auth(text or "")
    return {
        "required": auth.required,
        "role": auth.role,
        "ownership": auth.ownership,
        "middleware": auth.middleware,
    }


_NESTED_ERROR = re.compile(r"""["']?error["']?\s*:\s*\{""")


def derive_error_body(endpoints: list[Endpoint]) -> str:
    """The spec's error body shape: the first one its error rows show, as markdown reads it."""
    from .markdown.api import wire_from_error_body

    wire = Wire()
    for ep in endpoints:
        for row in ep.errors:
            wire_from_error_body(wire, row.body)
            if wire.error_body:
                return wire.error_body
    return ""


def derive_error_nested(error_body: str) -> bool:
    """Whether an error body nests its fields under ``error`` (``{"error": {"code": …}}``)."""
    return bool(_NESTED_ERROR.search(error_body or ""))


def split_done(raw: str, shorthands: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """A done condition as written (`` `go test ./...` passes``) → its text and commands.

    As in markdown, code spans that are shell commands are the task's done
    commands (with the spec's ``shorthands`` expanded), and the text keeps their
    content without the backquotes.
    """
    from .markdown.tasks import expand_shorthands, is_command

    commands: list[str] = []
    for code in _CODE_SPAN.findall(raw or ""):
        code = expand_shorthands(code.strip(), shorthands or {})
        if is_command(code) and code not in commands:
            commands.append(code)
    return _CODE_SPAN.sub(lambda m: m.group(1), raw or ""), commands


def mark_done(
    done: str, commands: list[str], shorthands: dict[str, str] | None = None
) -> str | None:
    """The done text with its commands in backquotes (written with the spec's
    ``shorthands`` where the text uses them), or None when that would not read back."""
    from .markdown.tasks import contract_shorthands

    if "`" in done:
        return None
    out, rest = [], done
    for cmd in commands:
        written = contract_shorthands(cmd, shorthands) if shorthands else cmd
        i = rest.find(written)
        if i < 0:
            return None
        out.append(rest[:i] + "`" + written + "`")
        rest = rest[i + len(written) :]
    raw = "".join(out) + rest
    return raw if split_done(raw, shorthands) == (done, list(commands)) else None


def struct_query(spec: Spec, ep: Endpoint, have: set[str]) -> list[QueryParam]:
    """Query parameters the request struct declares (``query:"…"``/``form:"…"`` tags)."""
    from .derive import apply_validate

    st = spec.struct(ep.request) if ep.request else None
    out: list[QueryParam] = []
    if st is None:
        return out
    have = set(have)
    for f in st.fields:
        if f.query and f.query not in have and f.query != "-":
            out.append(
                QueryParam(
                    pos=f.pos,
                    name=f.query,
                    type=f.type,
                    required="required" in f.validation.split(","),
                    description=f.comment,
                )
            )
            apply_validate(out[-1], f.validation)  # as the markdown reader does
            have.add(f.query)
    return out


def default_ts_type(spec: Spec, ep: Endpoint, attr: str) -> str:
    """An endpoint's TS type defaults to the TS type named like its Go struct."""
    go_name = ep.request if attr == "ts_request" else ep.response
    return go_name if go_name and spec.ts_type(go_name) is not None else ""


_GROUP_ORDER = {("backend", "create"): 0, ("backend", "modify"): 1}
_GROUP_ORDER.update({("frontend", "create"): 2, ("frontend", "modify"): 3})


def with_component_files(files: list[FileEntry], components: list[Component]) -> list[FileEntry]:
    """Files plus the new frontend file of each component not listed (markdown's one row)."""
    listed = {f.path for f in files if (f.side, f.action) == ("frontend", "create")}
    implied = [
        FileEntry(
            pos=c.pos, path=c.path, side="frontend", action="create", description=c.description
        )
        for c in components
        if c.path not in listed
    ]
    if not implied:
        return list(files)
    at = len(files)
    for i, f in enumerate(files):
        if _GROUP_ORDER[(f.side, f.action)] > 2:
            at = i
            break
    return files[:at] + implied + files[at:]


def derive_success_status(ep_response: str) -> int:
    return 200 if ep_response else 204


def derive_migration_name(path: str) -> dict[str, str]:
    stem = path.rsplit("/", 1)[-1]
    if stem.endswith(".sql"):
        stem = stem[:-4]
    m = re.match(r"^(\d+)_(.*)$", stem)
    if m:
        return {"version": m.group(1), "description": m.group(2)}
    return {"version": "", "description": stem}


def derive_component_name(path: str) -> str:
    from .markdown.modules import component_name

    return component_name(path)


def derive_payload_fields(payload: str) -> dict[str, str]:
    try:
        value = json.loads(payload)
    except (ValueError, TypeError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {
        str(k): v if isinstance(v, str) else json.dumps(v, sort_keys=True) for k, v in value.items()
    }


def derive_requirement_tasks(req_id: str, tasks: list[Task]) -> list[str]:
    return [t.id for t in tasks if req_id in t.implements]


def _split_handler(text: str) -> dict[str, str] | None:
    """``handlers.CreateInvite in path/file.go`` → package, function, receiver, file."""
    ref, _, file = text.strip().partition(" in ")
    ref = ref.strip().strip("`")
    file = file.strip().strip("`")
    parts = ref.split(".")
    if len(parts) == 2 and all(parts):
        return {"package": parts[0], "function": parts[1], "receiver": "", "file": file}
    if len(parts) == 3 and all(parts):
        return {"package": parts[0], "receiver": parts[1], "function": parts[2], "file": file}
    return None


def handler_text(h: HandlerRef) -> str:
    ref = ".".join(p for p in (h.package, h.receiver, h.function) if p)
    return f"{ref} in {h.file}" if h.file else ref


# --------------------------------------------------------------------------- reader


def read_yaml(text: str, path: str) -> Spec:
    """Read a spec in the YAML form (or JSON, or the model's own JSON dump). Never raises."""
    cx = _Ctx(text, path)
    spec = Spec(sources=[path], pos=Pos(file=path, line=1, column=1))
    try:
        doc = _load(cx, text)
    except RecursionError:
        cx.problem(Pos(file=path, line=1, column=1), "YAML001", "the YAML is nested too deeply")
        doc = None
    if doc is not None:
        if not _is_map(doc):
            cx.problem(
                Pos(file=path, line=1, column=1),
                "YAML002",
                f"the document should be a mapping of spec sections (`title:`, `endpoints:`, …), "
                f"not {_describe(doc)}",
            )
        elif "meta" in doc and "title" not in doc:
            spec = _read_model_dump(cx, doc) or spec
        else:
            try:
                _read_form(cx, doc, spec)
            except RecursionError:
                cx.problem(spec.pos, "YAML001", "the YAML is nested too deeply")
    spec.sources = [path]
    spec.problems = cx.problems + spec.problems
    return spec


# Expanded through aliases, a document may hold at most this many nodes: a spec has
# a few thousand; a "billion laughs" document is refused instead of expanded.
MAX_NODES = 200_000


class _TooLarge(Exception):
    pass


def _load(cx: _Ctx, text: str) -> Any:
    """The document as mappings and lists with positions (``.lc``), scalars as strings.

    libyaml (through PyYAML, when installed) composes the node tree about fifteen times
    faster than ruamel's pure-Python round-trip loader; both give the same values and
    positions, and ruamel is the fallback.
    """
    try:
        import yaml as pyyaml

        loader = _libyaml_loader(pyyaml)
    except (ImportError, AttributeError):
        return _load_ruamel(cx, text)
    try:
        node = pyyaml.compose(text, Loader=loader)
    except pyyaml.MarkedYAMLError as exc:
        _syntax_problem(cx, exc)
        return None
    except pyyaml.YAMLError as exc:
        _reader_problem(cx, text, exc)
        return None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        cx.problem(cx.pos(0, 0), "YAML001", f"the YAML cannot be read: {exc}")
        return None
    if node is None:
        return None
    try:
        return _NodeReader(cx).convert(node)
    except _TooLarge:
        cx.problem(cx.pos(0, 0), "YAML001", _TOO_LARGE)
        return None


@functools.lru_cache(maxsize=1)
def _libyaml_loader(pyyaml: Any) -> Any:
    """libyaml's loader without implicit typing: scalars stay text (we type from the model)."""

    class _TextLoader(pyyaml.CSafeLoader):
        yaml_implicit_resolvers: dict = {}

    return _TextLoader


_TOO_LARGE = (
    f"the document expands to more than {MAX_NODES} values through its aliases (`*name`); "
    "write the values out"
)


def _syntax_problem(cx: _Ctx, exc: Any) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark is not None else (0, 0)
    what = exc.problem or exc.context or "invalid YAML"
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    cx.problem(cx.pos(line, col), "YAML001", f"{what}{context}".replace("\n", " "))


def _reader_problem(cx: _Ctx, text: str, exc: Any) -> None:
    """A character YAML does not allow (libyaml's reader reports an offset)."""
    offset = getattr(exc, "position", None)
    if isinstance(offset, int) and 0 <= offset <= len(text):
        line = text.count("\n", 0, offset)
        col = offset - (text.rfind("\n", 0, offset) + 1)
    else:
        line = col = 0
    first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
    cx.problem(cx.pos(line, col), "YAML001", first)


class _Lines:
    """ruamel's ``.lc`` interface over libyaml marks: 0-based (line, column) pairs."""

    __slots__ = ("line", "col", "keys", "values", "items")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.keys: dict[str, tuple[int, int]] = {}
        self.values: dict[str, tuple[int, int]] = {}
        self.items: list[tuple[int, int]] = []

    def key(self, k: Any) -> tuple[int, int]:
        return self.keys[k]

    def value(self, k: Any) -> tuple[int, int]:
        return self.values[k]

    def item(self, i: int) -> tuple[int, int]:
        return self.items[i]


class _Map(dict):
    lc: _Lines


class _Seq(list):
    lc: _Lines


class _NodeReader:
    """libyaml's node tree → :class:`_Map` / :class:`_Seq` / ``str`` / ``None``."""

    def __init__(self, cx: _Ctx) -> None:
        self.cx = cx
        self.budget = MAX_NODES

    def convert(self, node: Any) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge
        kind = node.id
        if kind == "scalar":
            if not node.style and _NULL.match(node.value):  # plain (libyaml: "" or None)
                return None
            return node.value
        mark = node.start_mark
        lines = _Lines(mark.line, mark.column)
        if kind == "sequence":
            seq = _Seq()
            seq.lc = lines
            for item in node.value:
                lines.items.append((item.start_mark.line, item.start_mark.column))
                seq.append(self.convert(item))
            return seq
        out = _Map()
        out.lc = lines
        for knode, vnode in node.value:
            km = knode.start_mark
            if knode.id != "scalar":
                self.cx.problem(self.cx.pos(km.line, km.column), "YAML001", "a key must be text")
                continue
            key = knode.value
            if key in out:
                first = lines.keys[key][0] + 1
                self.cx.problem(
                    self.cx.pos(km.line, km.column),
                    "YAML001",
                    f"duplicate key `{key}` (first at line {first}); give each key once",
                )
                continue
            lines.keys[key] = (km.line, km.column)
            lines.values[key] = (vnode.start_mark.line, vnode.start_mark.column)
            out[key] = self.convert(vnode)
        return out


def _load_ruamel(cx: _Ctx, text: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    y = _yaml()
    try:
        doc = y.load(text)
    except MarkedYAMLError as exc:
        _syntax_problem(cx, exc)
        return None
    except YAMLError as exc:
        _reader_problem(cx, text, exc)
        return None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        cx.problem(cx.pos(0, 0), "YAML001", f"the YAML cannot be read: {exc}")
        return None
    # ruamel shares aliased values instead of copying them; reading walks them as a tree.
    budget = [MAX_NODES]

    def walk(v: Any) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooLarge
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    try:
        walk(doc)
    except _TooLarge:
        cx.problem(cx.pos(0, 0), "YAML001", _TOO_LARGE)
        return None
    return doc


_TOP_KEYS = [
    *_META,
    "schema_version",
    "summary",
    "motivation",
    "requirements",
    "system_context",
    "decisions",
    "new_patterns",
    "dependencies",
    "tables",
    "modified_tables",
    "migrations",
    "endpoints",
    "wire",
    "events",
    "go",
    "typescript",
    "files",
    "components",
    "shadcn_install",
    "hooks",
    "errors",
    "phases",
    "tasks",
    "shorthands",
    "consumed",
    "tests",
    "manual_checks",
    "feature_flags",
    "monitoring",
    "backward_compatibility",
    "rollback",
    "risks",
    "open_questions",
    "assumptions",
]
_PROSE = ["summary", "system_context", "new_patterns", "backward_compatibility", "rollback"]


def _read_form(cx: _Ctx, doc: Any, spec: Spec) -> None:
    def at(key: str) -> Pos:
        return cx.key_pos(doc, key, spec.pos)

    # Metadata: the template's header lines.
    meta_keys = [k for k in _META if k in doc]
    meta_w = _Where("", at(meta_keys[0]) if meta_keys else spec.pos, doc)
    data: dict[str, Any] = {}
    _take(cx, Meta, meta_w, _META, data, handled=tuple(k for k in _TOP_KEYS if k not in _META))
    spec.meta = _make(cx, Meta, data, meta_w) or Meta(pos=meta_w.pos)
    if doc.get("schema_version") is not None:
        v = _plain(doc["schema_version"])
        if str(v) != str(spec.schema_version):
            cx.problem(
                at("schema_version"),
                "YAML004",
                f"`schema_version` is {_describe(v)}; this scaffold reads version "
                f"{spec.schema_version}",
            )
    for key in _PROSE:
        value = _plain(doc.get(key))
        if value is None:
            continue
        if not isinstance(value, str):
            cx.problem(at(key), "YAML004", f"`{key}` should be text, not {_describe(value)}")
            continue
        setattr(spec, key, value)

    if doc.get("motivation") is not None:
        w = _Where("motivation", at("motivation"), doc["motivation"])
        data = {}
        _take(cx, Motivation, w, _MOTIVATION, data)
        spec.motivation = _make(cx, Motivation, data, w)

    spec.decisions = _simple_list(cx, doc, "decisions", Decision, _DECISION, "decision")
    spec.dependencies = _keyed(cx, doc, "dependencies", Dependency, _DEPENDENCY, "name", "notes")
    spec.tables = [t for t in _tables(cx, doc.get("tables"), at("tables")) if t]
    spec.modified_tables = _simple_list(cx, doc, "modified_tables", TableChange, _TABLE_CHANGE, "")
    spec.migrations = _migrations(cx, doc.get("migrations"), at("migrations"), spec)
    _drop_described(cx, spec)
    spec.endpoints = _endpoints(cx, doc.get("endpoints"), at("endpoints"))
    data = {}
    if doc.get("wire") is not None:
        w = _Where("wire", at("wire"), doc["wire"])
        _take(cx, Wire, w, _WIRE, data)
    if not isinstance(data.get("error_body"), str):
        data["error_body"] = derive_error_body(spec.endpoints)
    data.setdefault("error_nested", derive_error_nested(data["error_body"]))
    spec.wire = _make(cx, Wire, data, _Where("wire", at("wire"), doc.get("wire"))) or Wire()
    spec.events = _events(cx, doc.get("events"), at("events"))
    _go(cx, doc, spec)
    _typescript(cx, doc, spec)
    spec.files = _files(cx, doc.get("files"), at("files"))
    spec.components = _components(cx, doc.get("components"), at("components"))
    spec.shadcn_install = _strings(cx, doc, "shadcn_install", at("shadcn_install"))
    spec.hooks = _keyed(cx, doc, "hooks", Hook, _HOOK, "name", "description")
    spec.errors = _keyed(cx, doc, "errors", TaxonomyError, _TAXONOMY, "go_name", "message")
    spec.tasks = _tasks(cx, doc, spec)
    spec.shorthands = _shorthands(cx, doc, at("shorthands"))
    spec.tests = _tests(cx, doc.get("tests"), at("tests"))
    spec.manual_checks = _checklist(cx, doc.get("manual_checks"), at("manual_checks"))
    spec.feature_flags = _keyed(cx, doc, "feature_flags", FeatureFlag, _FLAG, "name", "default")
    spec.monitoring = _rows(cx, doc.get("monitoring"), "monitoring", at("monitoring"))
    spec.risks = _simple_list(cx, doc, "risks", Risk, _RISK, "risk")
    spec.consumed = _simple_list(cx, doc, "consumed", ConsumedEndpoint, _CONSUMED, "")
    spec.open_questions = _simple_list(
        cx, doc, "open_questions", OpenQuestion, _QUESTION, "question"
    )
    spec.assumptions = [
        Assumption(pos=p, text=s)
        for s, p in _strings_pos(cx, doc, "assumptions", at("assumptions"))
    ]
    spec.files = with_component_files(spec.files, spec.components)
    # Links the YAML leaves out are derived as markdown derives them.
    for ep in spec.endpoints:  # query fields of the request struct
        ep.query += struct_query(spec, ep, {q.name for q in ep.query})
    for ep, attrs in cx.ts_default:
        for attr in attrs:
            setattr(ep, attr, default_ts_type(spec, ep, attr))
    # Requirements last: their task lists default to the tasks that implement them.
    spec.requirements = _requirements(cx, doc.get("requirements"), at("requirements"), spec.tasks)


def _simple_list(
    cx: _Ctx, doc: Any, key: str, cls: type[BaseModel], form: dict[str, str], short: str
) -> list:
    out = []
    base = cx.key_pos(doc, key, Pos(file=cx.file, line=1, column=1))
    for _i, item, w in _list(cx, doc.get(key), key, base):
        data: dict[str, Any] = {}
        if w.node is None:
            value = _plain(item)
            if short and isinstance(value, str):
                data[short] = value
                w.keys[short] = short
            else:
                cx.problem(
                    w.pos, "YAML004", f"`{w.path}` should be a mapping, not {_describe(value)}"
                )
                continue
        _take(cx, cls, w, form, data)
        el = _make(cx, cls, data, w)
        if el is not None:
            out.append(el)
    return out


def _keyed(
    cx: _Ctx,
    doc: Any,
    key: str,
    cls: type[BaseModel],
    form: dict[str, str],
    key_attr: str,
    short: str,
    node: Any = None,
    path: str = "",
    pos: Pos | None = None,
) -> list:
    """A collection keyed by ``key_attr``; a plain scalar value stands for ``short``."""
    out = []
    if node is None and doc is not None:
        node = doc.get(key)
        pos = cx.key_pos(doc, key, Pos(file=cx.file, line=1, column=1))
    key_name = {"go_name": "name", "id": "id"}.get(key_attr, key_attr)
    for name, value, w in _items(cx, node, path or key, pos or Pos(file=cx.file), key_name):
        data: dict[str, Any] = {key_attr: name}
        if w.node is None:
            plain = _plain(value)
            if plain is not None:
                if _is_seq(plain) and short in form.values() and _is_str_list(cls, short):
                    data[short] = plain
                elif isinstance(plain, str):
                    data[short] = plain
                else:
                    cx.problem(
                        w.pos, "YAML004", f"`{w.path}` should be a mapping, not {_describe(plain)}"
                    )
                    continue
                w.keys[short] = next((k for k, a in form.items() if a == short), short)
        _take(cx, cls, w, form, data)
        el = _make(cx, cls, data, w)
        if el is not None:
            out.append(el)
    return out


def _shorthands(cx: _Ctx, doc: Any, pos: Pos) -> list[Shorthand]:
    """`shorthands:` — the shell functions and aliases the done commands use."""
    from .markdown.tasks import shorthand

    out = []
    for code, p in _strings_pos(cx, doc, "shorthands", pos):
        defined = shorthand(code)
        if defined is None:
            cx.problem(
                p,
                "YAML004",
                f"shorthand {code!r} is not a shell function or alias for a command; write it "
                "as `name() { command \"$@\"; }` or `alias name='command'`",
            )
            continue
        out.append(Shorthand(pos=p, code=code, name=defined[0], body=defined[1]))
    return out


def _strings_pos(cx: _Ctx, doc: Any, key: str, pos: Pos) -> list[tuple[str, Pos]]:
    out: list[tuple[str, Pos]] = []
    node = doc.get(key)
    if node is None:
        return out
    if isinstance(node, str):
        return [(p.strip(), pos) for p in str(node).split(",") if p.strip()]
    for i, item, w in _list(cx, node, key, pos):
        value = _plain(item)
        if isinstance(value, str):
            out.append((value, w.pos))
        else:
            cx.problem(w.pos, "YAML004", f"`{key}[{i}]` should be a string, not {_describe(value)}")
    return out


def _strings(cx: _Ctx, doc: Any, key: str, pos: Pos) -> list[str]:
    return [s for s, _ in _strings_pos(cx, doc, key, pos)]


def _requirements(cx: _Ctx, node: Any, pos: Pos, tasks: list[Task]) -> list[Requirement]:
    out = []
    for rid, value, w in _items(cx, node, "requirements", pos, "id"):
        data: dict[str, Any] = {"id": rid}
        if w.node is None:
            plain = _plain(value)
            if isinstance(plain, str):
                data["summary"] = plain
            elif plain is not None:
                cx.problem(
                    w.pos, "YAML004", f"`{w.path}` should be a mapping, not {_describe(plain)}"
                )
                continue
        _take(cx, Requirement, w, _REQ, data)
        if "tasks" not in data:
            data["tasks"] = derive_requirement_tasks(rid, tasks)
        el = _make(cx, Requirement, data, w)
        if el is not None:
            out.append(el)
    return out


def _tables(cx: _Ctx, node: Any, pos: Pos) -> Iterator[Table | None]:
    for name, value, w in _items(cx, node, "tables", pos, "name"):
        if w.node is None:
            if value is not None:
                cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping with `columns`")
            yield Table(pos=w.pos, name=name)
            continue
        _take(cx, Table, w, {}, {}, handled=("columns", "indexes", "relationships"))
        table = Table(pos=w.pos, name=name)
        n = w.node
        for cname, cvalue, cw in _items(
            cx, n.get("columns"), _sub(w.path, "columns"), cx.key_pos(n, "columns", w.pos), "name"
        ):
            data: dict[str, Any] = {"name": cname}
            if cw.node is None:
                plain = _plain(cvalue)
                if isinstance(plain, str):
                    data["type"] = plain
                    cw.keys["type"] = "type"
                elif plain is not None:
                    cx.problem(cw.pos, "YAML004", f"`{cw.path}` should be a type or a mapping")
                    continue
            _take(cx, Column, cw, _COLUMN, data)
            constraints = data.get("constraints", "")
            if isinstance(constraints, str) and isinstance(data.get("type", ""), str):
                facts, unknown = column_facts(constraints, data.get("type", ""))
                for attr, v in facts.items():
                    data.setdefault(attr, v)
                for piece in unknown:
                    cx.problem(
                        cx.key_pos(cw.node, "constraints", cw.pos) if cw.node else cw.pos,
                        "YAML007",
                        f"constraint {piece!r} of column `{cname}` is not understood; write it "
                        "as SQL (NOT NULL, UNIQUE, DEFAULT now(), REFERENCES users(id), "
                        "CHECK (x IN ('a'))).",
                        severity="warning",
                    )
                    from .markdown.datamodel import described_kind

                    kind = described_kind(piece)
                    if kind:
                        cx.described.append((cx.problems[-1], name, cname, kind))
            col = _make(cx, Column, data, cw)
            if col is not None:
                table.columns.append(col)
        for iname, ivalue, iw in _items(
            cx, n.get("indexes"), _sub(w.path, "indexes"), cx.key_pos(n, "indexes", w.pos), "name"
        ):
            data = {"name": iname}
            plain = _plain(ivalue) if iw.node is None else None
            if isinstance(plain, (list, str)):
                data["columns"] = (
                    plain
                    if isinstance(plain, list)
                    else [p.strip() for p in plain.split(",") if p.strip()]
                )
                iw.keys["columns"] = "columns"
            _take(cx, Index, iw, _INDEX, data)
            idx = _make(cx, Index, data, iw)
            if idx is not None:
                table.indexes.append(idx)
        rels = n.get("relationships")
        for _i, _item, rw in _list(cx, rels, _sub(w.path, "relationships"), w.pos):
            rel = _relationship(cx, rw, name)
            if rel is not None:
                table.relationships.append(rel)
        yield table


def _drop_described(cx: _Ctx, spec: Spec) -> None:
    """A constraint a column describes in words is no problem when the migration creating the
    column holds it as SQL: the markdown reader's rule, on this file's warnings."""
    if not cx.described:
        return
    from .markdown.datamodel import drop_answered

    drop_answered(cx.problems, spec.migrations, cx.described)


def _relationship(cx: _Ctx, w: _Where, table: str) -> Relationship | None:
    if w.node is None:
        cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping such as "
                   "`{from: invites.workspace_id, to: workspaces.id, on_delete: CASCADE}`")  # fmt: skip
        return None
    data: dict[str, Any] = {}
    _take(cx, Relationship, w, _RELATIONSHIP, data, handled=("from", "to"))
    for end in ("from", "to"):
        raw = _plain(w.node.get(end))
        p = cx.key_pos(w.node, end, w.pos)
        if raw is None:
            cx.problem(
                w.pos, "YAML005", f"`{w.path}` needs `{end}`, such as `{end}: {_EXAMPLES[end]}`"
            )
            return None
        if not isinstance(raw, str) or not re.fullmatch(r"\s*[\w.]+\.\w+\s*|\s*\w+\s*", raw):
            cx.problem(
                p, "YAML006", f"`{w.path}.{end}` should be `table.column`, such as "
                f"`{_EXAMPLES[end]}`, not {_describe(raw)}",
            )  # fmt: skip
            return None
        t, _, c = raw.strip().rpartition(".")
        if end == "from":
            data["from_table"], data["from_column"] = (t or table), c
        else:
            data["to_table"], data["to_column"] = (t or raw.strip()), (c if t else "id")
    return _make(cx, Relationship, data, w)


def _migrations(cx: _Ctx, node: Any, pos: Pos, spec: Spec) -> list[Migration]:
    from ..sqlkit.goose import split_goose

    out = []
    for mpath, value, w in _items(cx, node, "migrations", pos, "path"):
        data: dict[str, Any] = {"path": mpath}
        start = w.pos.line + 1
        if w.node is None:
            plain = _plain(value)
            if isinstance(plain, str):
                data["text"] = plain
                w.keys["text"] = "sql"
            elif plain is not None:
                cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping with `sql`")
                continue
        else:
            _take(cx, Migration, w, _MIGRATION, data, handled=("up", "down"))
            if "sql" in w.node:
                vp = cx.value_pos(w.node, "sql", w.pos)
                start = cx.block_start(vp, str(w.node["sql"]))[0]
        for attr, v in derive_migration_name(mpath).items():
            data.setdefault(attr, v)
        text = data.get("text", "")
        if isinstance(text, str) and text:
            sections = split_goose(text, cx.file, start)
            spec.problems.extend(sections.problems)
            data.setdefault("has_up", sections.has_up)
            data.setdefault("has_down", sections.has_down)
            data.setdefault("no_transaction", sections.no_transaction)
            data["up"], data["down"] = sections.up, sections.down
        if w.node is not None:
            for part in ("up", "down"):
                if w.node.get(part) is None:
                    continue
                stmts = []
                for _i, item, sw in _list(cx, w.node[part], _sub(w.path, part), w.pos):
                    plain = _plain(item)
                    if isinstance(plain, str):
                        plain = {"sql": plain}
                    sd: dict[str, Any] = {}
                    if sw.node is not None:
                        _take(cx, SqlStatement, sw, {"sql": "sql", "block": "block"}, sd)
                    elif isinstance(plain, dict):
                        sd = plain
                    st = _make(cx, SqlStatement, sd, sw)
                    if st is not None:
                        stmts.append(st)
                data[part] = stmts
        mig = _make(cx, Migration, data, w)
        if mig is not None:
            out.append(mig)
    return out


def _endpoints(cx: _Ctx, node: Any, pos: Pos) -> list[Endpoint]:
    out = []
    for key, value, w in _items(cx, node, "endpoints", pos, "endpoint"):
        parts = key.split(None, 1)
        if len(parts) != 2 or not parts[0].isalpha():
            cx.problem(
                w.pos,
                "YAML006",
                f"endpoint key {_describe(key)} should be `METHOD path`, such as "
                "`POST /api/v1/workspaces/{workspace_id}/invites`",
            )
            continue
        method, path = parts[0].upper(), parts[1].strip()
        data: dict[str, Any] = {"method": method, "path": path}
        if w.node is None and _plain(value) is not None:
            cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping of the endpoint's fields")
            continue
        n = w.node
        _take(cx, Endpoint, w, _ENDPOINT, data, handled=("handler", "auth", "query", "errors"))
        data.setdefault("path_params", derive_path_params(path))
        status = data.get("success_status")
        if status is not None and not re.fullmatch(r"\s*[1-5]\d\d\s*", str(status)):
            cx.problem(
                cx.key_pos(n, w.keys.get("success_status", "status"), w.pos),
                "YAML004",
                f"`{_sub(w.path, 'status')}` should be an HTTP status (a whole number), such as "
                f"`201`, not {_describe(status)}",
            )
            data.pop("success_status")
            data.pop("success_status_explicit", None)
        if "success_status" in data:
            data.setdefault("success_status_explicit", True)
        else:
            data["success_status"] = derive_success_status(data.get("response", ""))
        if n is not None:
            data["handler"] = _handler(cx, n, w)
            data["auth"] = _auth(cx, n, w)
            data["query"] = _keyed(
                cx, None, "", QueryParam, _QUERY, "name", "type", node=n.get("query"),
                path=_sub(w.path, "query"), pos=cx.key_pos(n, "query", w.pos),
            )  # fmt: skip
            errors = []
            for _i, item, ew in _list(cx, n.get("errors"), _sub(w.path, "errors"), w.pos):
                ed: dict[str, Any] = {}
                if ew.node is None:
                    cx.problem(ew.pos, "YAML004", f"`{ew.path}` should be a mapping such as "
                               "`{status: 409, condition: Already invited}`")  # fmt: skip
                    continue
                _take(cx, ErrorResponse, ew, _ERROR_RESPONSE, ed)
                er = _make(cx, ErrorResponse, ed, ew)
                if er is not None:
                    errors.append(er)
            data["errors"] = errors
        ep = _make(cx, Endpoint, data, w)
        if ep is not None:
            ep_ts = {a for a in ("ts_request", "ts_response") if a not in data}
            if ep_ts:
                cx.ts_default.append((ep, ep_ts))
            out.append(ep)
    return out


def _handler(cx: _Ctx, n: Any, w: _Where) -> HandlerRef | None:
    raw = n.get("handler")
    if raw is None:
        return None
    hp = cx.key_pos(n, "handler", w.pos)
    hw = _Where(_sub(w.path, "handler"), hp, raw if _is_map(raw) else None)
    if hw.node is not None:
        data: dict[str, Any] = {}
        _take(cx, HandlerRef, hw, _HANDLER, data)
        return _make(cx, HandlerRef, data, hw)
    parts = _split_handler(str(raw)) if isinstance(raw, str) else None
    if parts is None:
        cx.problem(
            hp,
            "YAML006",
            f"`{hw.path}` should be `package.Function in file`, such as "
            f"`{_EXAMPLES['handler']}`, not {_describe(_plain(raw))}",
        )
        return None
    return HandlerRef(pos=hp, **parts)


def _auth(cx: _Ctx, n: Any, w: _Where) -> Auth | None:
    raw = n.get("auth")
    if raw is None:
        return None
    ap = cx.key_pos(n, "auth", w.pos)
    aw = _Where(_sub(w.path, "auth"), ap, raw if _is_map(raw) else None)
    data: dict[str, Any] = {}
    if aw.node is None:
        plain = _plain(raw)
        if not isinstance(plain, str):
            cx.problem(ap, "YAML004", f"`{aw.path}` should be text, such as `workspace admin`")
            return None
        data["text"] = plain
    _take(cx, Auth, aw, _AUTH, data)
    for attr, v in derive_auth(data.get("text", "")).items():
        data.setdefault(attr, v)
    return _make(cx, Auth, data, aw)


def _events(cx: _Ctx, node: Any, pos: Pos) -> list[Event]:
    out = []
    for name, value, w in _items(cx, node, "events", pos, "name"):
        data: dict[str, Any] = {"name": name}
        if w.node is None and _plain(value) is not None:
            cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping of the event's fields")
            continue
        _take(cx, Event, w, _EVENT, data)
        if isinstance(data.get("payload"), str):  # a block's final newline is not content
            data["payload"] = data["payload"].rstrip("\n")
        if "payload_fields" not in data:
            data["payload_fields"] = derive_payload_fields(data.get("payload", ""))
        ev = _make(cx, Event, data, w)
        if ev is not None:
            out.append(ev)
    return out


def _code_blocks(cx: _Ctx, doc: Any, key: str) -> list[tuple[str, int, int]]:
    """The code of a ``go:``/``typescript:`` key: one block string or a list of them."""
    node = doc.get(key)
    if node is None:
        return []
    kp = cx.key_pos(doc, key, Pos(file=cx.file, line=1, column=1))
    if isinstance(node, str):
        line, col = cx.block_start(cx.value_pos(doc, key, kp), str(node))
        return [(str(node), line, col)]
    out = []
    for i, item, w in _list(cx, node, key, kp):
        if isinstance(item, str):
            line, col = cx.block_start(w.pos, str(item))
            out.append((str(item), line, col))
        else:
            cx.problem(w.pos, "YAML004", f"`{key}[{i}]` should be a block of code (`|`)")
    return out


def _go(cx: _Ctx, doc: Any, spec: Spec) -> None:
    blocks = _code_blocks(cx, doc, "go")
    if not blocks:
        return
    from .gocode import parse_go

    for source, line, col in blocks:
        g = parse_go(source, cx.file, line, col)
        spec.go_structs += g.structs
        spec.go_interfaces += g.interfaces
        spec.go_enums += g.enums
        spec.go_types += g.named_types
        spec.go_funcs += g.funcs
        spec.problems += g.problems


def _typescript(cx: _Ctx, doc: Any, spec: Spec) -> None:
    blocks = _code_blocks(cx, doc, "typescript")
    if not blocks:
        return
    from .tscode import parse_ts

    for source, line, col in blocks:
        t = parse_ts(source, cx.file, line, col)
        spec.ts_types += t.types
        spec.problems += t.problems


_SIDES = ("backend", "frontend")
_ACTIONS = ("create", "modify")


def _files(cx: _Ctx, node: Any, pos: Pos) -> list[FileEntry]:
    out: list[FileEntry] = []
    if node is None:
        return out
    if _is_seq(node):  # the flat form: a list of entries with path, side and action
        for _i, _item, w in _list(cx, node, "files", pos):
            data: dict[str, Any] = {}
            _take(cx, FileEntry, w, _FILE_FLAT, data)
            el = _make(cx, FileEntry, data, w)
            if el is not None:
                out.append(el)
        return out
    if not _is_map(node):
        cx.problem(
            pos, "YAML004", "`files` should be a mapping `{backend: {create: …, modify: …}}`"
        )
        return out
    for side in node:
        sp = cx.key_pos(node, side, pos)
        if str(side) not in _SIDES:
            _unknown(cx, sp, "files", str(side), list(_SIDES))
            continue
        groups = node[side]
        if groups is None:
            continue
        if not _is_map(groups):
            cx.problem(sp, "YAML004", f"`files.{side}` should be a mapping with `create`/`modify`")
            continue
        for action in groups:
            ap = cx.key_pos(groups, action, sp)
            if str(action) not in _ACTIONS:
                _unknown(cx, ap, f"files.{side}", str(action), list(_ACTIONS))
                continue
            short = "exports" if action == "create" else "description"
            for el in _keyed(
                cx, None, "", FileEntry, _FILE, "path", short, node=groups[action],
                path=f"files.{side}.{action}", pos=ap,
            ):  # fmt: skip
                el.side, el.action = str(side), str(action)
                out.append(el)
    return out


def _components(cx: _Ctx, node: Any, pos: Pos) -> list[Component]:
    out = []
    for cpath, value, w in _items(cx, node, "components", pos, "path"):
        data: dict[str, Any] = {"path": cpath}
        if w.node is None:
            plain = _plain(value)
            if isinstance(plain, str):
                data["description"] = plain
            elif plain is not None:
                cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping of its fields")
                continue
        _take(cx, Component, w, _COMPONENT, data)
        data.setdefault("name", derive_component_name(cpath))
        el = _make(cx, Component, data, w)
        if el is not None:
            out.append(el)
    return out


def _tasks(cx: _Ctx, doc: Any, spec: Spec) -> list[Task]:
    out: list[Task] = []
    base = Pos(file=cx.file, line=1, column=1)
    phases = doc.get("phases")
    if phases is not None:
        pp = cx.key_pos(doc, "phases", base)
        if not _is_map(phases):
            cx.problem(
                pp, "YAML004", '`phases` should be a mapping `{"Phase 1: Data Model": {T-001: …}}`'
            )
        else:
            for phase in phases:
                ph = cx.key_pos(phases, phase, pp)
                out += _task_map(cx, phases[phase], _sub("phases", phase), ph, str(phase))
    if doc.get("tasks") is not None:
        out += _task_map(cx, doc["tasks"], "tasks", cx.key_pos(doc, "tasks", base), "")
    return out


def _task_map(cx: _Ctx, node: Any, path: str, pos: Pos, phase: str) -> list[Task]:
    out = []
    for tid, value, w in _items(cx, node, path, pos, "id"):
        data: dict[str, Any] = {"id": tid, "phase": phase}
        if w.node is None:
            plain = _plain(value)
            if isinstance(plain, str):
                data["title"] = plain
            elif plain is not None:
                cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping of the task's fields")
                continue
        _take(cx, Task, w, _TASK, data, handled=("files", "done"))
        done = w.node.get("done") if w.node is not None else None
        if done is not None:
            _done(cx, done, w, data)
        if w.node is not None and w.node.get("files") is not None:
            data["files"] = _task_files(cx, w.node, w)
        task = _make(cx, Task, data, w)
        if task is not None:
            out.append(task)
    return out


def _done(cx: _Ctx, node: Any, w: _Where, data: dict[str, Any]) -> None:
    """``done: `go test ./...` passes``, or ``done: {text: …, commands: [...]}`` verbatim."""
    dp = cx.key_pos(w.node, "done", w.pos)
    plain = _plain(node)
    if isinstance(plain, str):
        data["done"], data["done_commands"] = split_done(plain)
        return
    if not _is_map(node):
        cx.problem(dp, "YAML004", f"`{_sub(w.path, 'done')}` should be text, such as "
                   "`` `go test ./...` passes``, not {_describe(plain)}")  # fmt: skip
        return
    dw = _Where(_sub(w.path, "done"), dp, node)
    sub: dict[str, Any] = {}
    _take(cx, Task, dw, {"text": "done", "commands": "done_commands"}, sub)
    data.update(sub)
    w.keys.update({k: _sub("done", v) for k, v in dw.keys.items()})


def _task_files(cx: _Ctx, n: Any, w: _Where) -> list[TaskFile]:
    node = n["files"]
    fp = cx.key_pos(n, "files", w.pos)
    path = _sub(w.path, "files")
    out: list[TaskFile] = []
    if _is_seq(node):  # the ordered form: [{create: path}, {modify: path, note: …}]
        for _i, item, iw in _list(cx, node, path, fp):
            if iw.node is None:
                cx.problem(iw.pos, "YAML004", f"`{iw.path}` should be `{{create: path}}` or "
                           "`{modify: path, note: what changes}`")  # fmt: skip
                continue
            actions = [a for a in _ACTIONS if a in iw.node]
            if len(actions) != 1:
                cx.problem(
                    iw.pos, "YAML005", f"`{iw.path}` needs exactly one of `create`, `modify`"
                )
                continue
            data: dict[str, Any] = {"action": actions[0], "path": _plain(iw.node[actions[0]])}
            iw.keys["path"] = actions[0]
            _take(cx, TaskFile, iw, _TASK_FILE, data, handled=_ACTIONS)
            tf = _make(cx, TaskFile, data, iw)
            if tf is not None:
                out.append(tf)
        return out
    if not _is_map(node):
        cx.problem(
            fp, "YAML004", f"`{path}` should be a mapping `{{create: [...], modify: [...]}}`"
        )
        return out
    for action in node:
        ap = cx.key_pos(node, action, fp)
        if str(action) not in _ACTIONS:
            _unknown(cx, ap, path, str(action), list(_ACTIONS))
            continue
        items = node[action]
        if isinstance(items, str):
            items = [items]
        for _i, item, iw in _list(cx, items, _sub(path, action), ap):
            plain = _plain(item)
            if isinstance(plain, str):
                out.append(TaskFile(pos=iw.pos, action=str(action), path=plain))
            elif isinstance(plain, dict) and len(plain) == 1:
                ((p, note),) = plain.items()
                if note is not None and not isinstance(note, str):
                    cx.problem(iw.pos, "YAML004", f"`{iw.path}`: the note on `{p}` should be text")
                    note = ""
                out.append(TaskFile(pos=iw.pos, action=str(action), path=p, note=note or ""))
            else:
                cx.problem(iw.pos, "YAML004", f"`{iw.path}` should be a path, or "
                           "`path: what changes`")  # fmt: skip
    return out


def _tests(cx: _Ctx, node: Any, pos: Pos) -> list[TestTable]:
    out = []
    if node is None:
        return out
    if _is_seq(node):  # the list form, for a kind given twice: [{kind: [rows]}, …]
        for i, item, w in _list(cx, node, "tests", pos):
            if w.node is None or len(w.node) != 1:
                cx.problem(w.pos, "YAML004", f"`tests[{i}]` should be `{{kind: [rows]}}`")
                continue
            kind = next(iter(w.node))
            kp = cx.key_pos(w.node, kind, w.pos)
            rows = _rows(cx, w.node[kind], _sub(f"tests[{i}]", kind), kp)
            out.append(TestTable(pos=kp, kind=str(kind), rows=rows))
        return out
    if not _is_map(node):
        cx.problem(
            pos, "YAML004", '`tests` should be a mapping `{"Backend Unit Tests (Go)": [rows]}`'
        )
        return out
    for kind in node:
        kp = cx.key_pos(node, kind, pos)
        out.append(
            TestTable(pos=kp, kind=str(kind), rows=_rows(cx, node[kind], _sub("tests", kind), kp))
        )
    return out


def _rows(cx: _Ctx, node: Any, path: str, pos: Pos) -> list[Row]:
    out = []
    for _i, item, w in _list(cx, node, path, pos):
        if w.node is None:
            cx.problem(w.pos, "YAML004", f"`{w.path}` should be a mapping of column → cell")
            continue
        cells = {}
        for k in w.node:
            v = _plain(w.node[k])
            if v is None:
                v = ""
            if not isinstance(v, str):
                cx.problem(cx.key_pos(w.node, k, w.pos), "YAML004",
                           f"`{_sub(w.path, k)}` should be text, not {_describe(v)}")  # fmt: skip
                continue
            cells[str(k)] = v
        out.append(Row(pos=w.pos, cells=cells))
    return out


def _checklist(cx: _Ctx, node: Any, pos: Pos) -> list[ChecklistItem]:
    out = []
    for _i, item, w in _list(cx, node, "manual_checks", pos):
        data: dict[str, Any] = {}
        if w.node is None:
            plain = _plain(item)
            if not isinstance(plain, str):
                cx.problem(w.pos, "YAML004", f"`{w.path}` should be text, not {_describe(plain)}")
                continue
            data["text"] = plain
        _take(cx, ChecklistItem, w, _CHECK, data)
        el = _make(cx, ChecklistItem, data, w)
        if el is not None:
            out.append(el)
    return out


# --------------------------------------------------------------------------- model dump


def _read_model_dump(cx: _Ctx, doc: Any) -> Spec | None:
    """A JSON/YAML document that is ``Spec.model_dump()`` itself."""
    data = _plain(doc)
    data.pop("problems", None)
    w = _Where("", Pos(file=cx.file, line=1, column=1), doc)
    for _ in range(50):
        try:
            spec = Spec.model_validate(data)
            break
        except ValidationError as exc:
            for err in exc.errors()[:20]:
                loc = list(err["loc"])
                node, pos = doc, w.pos
                for part in loc:
                    try:
                        if _is_map(node) and str(part) in node:
                            pos = cx.key_pos(node, str(part), pos)
                            node = node[str(part)]
                        elif _is_seq(node) and isinstance(part, int) and part < len(node):
                            pos = cx.item_pos(node, part, pos)
                            node = node[part]
                        else:
                            break
                    except (KeyError, IndexError, TypeError):
                        break
                where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
                cx.problem(pos, "YAML004", f"`{where.lstrip('.')}`: {err['msg'].lower()}")
                _drop(data, loc, err["type"] == "missing")
    else:
        return None
    _reposition(cx, spec, doc)
    return spec


def _drop(data: Any, loc: list, missing: bool) -> None:
    """Remove the value at ``loc`` so validation can go on.

    A wrong value is removed; an element missing a required field is removed whole
    (the list item or the mapping entry holding it).
    """
    trail: list[tuple[Any, Any]] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or (isinstance(node, list) and isinstance(part, int) and part < len(node))
        ):
            trail.append((node, part))
            node = node[part]
        else:
            break
    if missing:  # loc points at the absent field: drop the element that lacks it
        while trail and not isinstance(trail[-1][0], list):
            trail.pop()
    if not trail:
        data.clear()
        return
    container, part = trail[-1]
    del container[part]


def _reposition(cx: _Ctx, obj: Any, node: Any, pos: Pos | None = None) -> None:
    """Give every element of a model read from a dump its position in this file."""
    if isinstance(obj, Node):
        obj.pos = pos or Pos(file=cx.file, line=1, column=1)
        if not _is_map(node):
            return
        for name in type(obj).model_fields:
            if name == "pos" or name not in node:
                continue
            value = getattr(obj, name)
            kp = cx.key_pos(node, name, obj.pos)
            if isinstance(value, Node):
                _reposition(cx, value, node[name], kp)
            elif isinstance(value, list) and value and isinstance(value[0], Node):
                seq = node[name]
                for i, item in enumerate(value):
                    sub = seq[i] if _is_seq(seq) and i < len(seq) else None
                    _reposition(cx, item, sub, cx.item_pos(seq, i, kp))


# --------------------------------------------------------------------------- JSON Schema

_TOP_DOC: dict[str, str] = {
    "title": "The feature's name (`# Tech Spec: …`).",
    "type": "`PRD-driven` or `Engineering-initiated`.",
    "prd": "Path of the source PRD (PRD-driven specs).",
    "author": "Author.",
    "date": "Last updated, as YYYY-MM-DD.",
    "status": "Draft, In Review or Approved.",
    "schema_version": "Version of this form (1).",
    "summary": "One or two sentences: what the spec implements and why.",
    "motivation": "Engineering-initiated specs: the problem, why now, what is out of scope.",
    "requirements": "User stories (US-001) or engineering requirements (ER-001), keyed by ID. "
    "`tasks` defaults to the tasks whose `implements` names the requirement.",
    "system_context": "Where the feature sits in the architecture.",
    "decisions": "Key decisions: decision, alternatives, rationale.",
    "new_patterns": "New patterns or deviations from established conventions.",
    "dependencies": "Go modules and npm packages, keyed by name.",
    "tables": "New tables, keyed by name: columns (keyed by name), indexes, relationships.",
    "modified_tables": "Changes to existing tables.",
    "migrations": "Goose migrations keyed by file path; `sql` holds the whole file.",
    "endpoints": "Endpoints keyed by `METHOD path`. Structs and TS types are named, and "
    "defined in `go` and `typescript`.",
    "wire": "How the JSON looks on the wire: `error_body` (the error body shape, such as "
    '`{"error": {"code": "…", "message": "…"}}`), `error_nested` (derived from it) and '
    "`success_envelope` (the key success bodies are wrapped in, such as `data`).",
    "events": "WebSocket / real-time events keyed by name.",
    "go": "Go declarations (structs, interfaces, enums, signatures) as Go source: a block "
    "string, or a list of them.",
    "typescript": "TypeScript types as TypeScript source; a `// src/path.ts` line sets the file "
    "of the types after it. A block string, or a list of them.",
    "files": "Backend and frontend files: `{backend|frontend: {create|modify: {path: …}}}`.",
    "components": "React components keyed by file path.",
    "shadcn_install": "shadcn/ui components to install.",
    "hooks": "API client functions and hooks keyed by name.",
    "errors": "Error taxonomy keyed by Go sentinel error name.",
    "phases": 'Implementation tasks grouped by phase: `{"Phase 1: Data Model": {T-001: …}}`.',
    "tasks": "Implementation tasks keyed by ID (with `phase` on each), when not grouped "
    "under `phases`.",
    "tests": "Testing strategy tables keyed by their heading; each row maps column to cell.",
    "manual_checks": "Manual testing checklist: text, or `{text, checked: true}`.",
    "feature_flags": "Feature flags keyed by name.",
    "monitoring": "Monitoring rows: column to cell.",
    "backward_compatibility": "Can code and schema deploy independently?",
    "rollback": "Exact rollback steps.",
    "risks": "Technical risks: risk, impact, mitigation.",
    "open_questions": "Open questions: question, owner, target.",
    "assumptions": "Assumptions, one string each.",
    "consumed": "A frontend file's Endpoints Consumed rows: method, path and the TS types "
    "(ts_request, ts_response) its client uses for that endpoint.",
    "shorthands": "Shell functions or aliases the done commands use, as written "
    '(`goosec() { goose -dir migrations postgres "$DATABASE_URL" "$@"; }`).',
}


def _field_schema(cls: type[BaseModel], attr: str) -> dict[str, Any]:
    ann = _annotation(cls, attr)
    nullable = type(None) in get_args(ann)
    ann = _unwrap_optional(ann)
    origin = get_origin(ann)
    out: dict[str, Any]
    if origin is Literal:
        out = {"enum": list(get_args(ann))}
    elif origin is list:
        out = {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {"type": "string", "description": "comma-separated"},
            ]
        }
    elif origin is dict:
        out = {"type": "object", "additionalProperties": {"type": "string"}}
    elif ann is bool:
        out = {"type": "boolean"}
    elif ann is int:
        out = {"type": "integer"}
    else:
        out = {"type": "string"}
    if nullable:
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def _object(
    cls: type[BaseModel],
    form: dict[str, str],
    extra: dict[str, Any] | None = None,
    required: list[str] | None = None,
) -> dict[str, Any]:
    props = {k: _field_schema(cls, a) for k, a in form.items()}
    props.update(extra or {})
    out: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": props}
    if required:
        out["required"] = required
    return out


def _keyed_schema(element: dict[str, Any], key: str, short: dict[str, Any] | None = None) -> dict:
    value = {"anyOf": [element, short]} if short else element
    item = dict(element)
    item["properties"] = {key: {"type": "string"}, **element["properties"]}
    item["required"] = [key, *element.get("required", [])]
    return {
        "anyOf": [
            {"type": "object", "additionalProperties": value},
            {"type": "array", "items": item},
        ]
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the YAML form (``scaffold schema`` prints it)."""
    s = {"type": "string"}
    code = {"anyOf": [s, {"type": "array", "items": s}]}
    strs = {"type": "array", "items": s}
    ref = lambda name: {"$ref": f"#/$defs/{name}"}  # noqa: E731
    defs: dict[str, Any] = {
        "requirement": _object(Requirement, _REQ),
        "motivation": _object(Motivation, _MOTIVATION),
        "decision": _object(Decision, _DECISION, required=["decision"]),
        "dependency": _object(Dependency, _DEPENDENCY),
        "column": _object(Column, _COLUMN, required=["type"]),
        "index": _object(Index, _INDEX),
        "relationship": _object(
            Relationship,
            _RELATIONSHIP,
            {
                "from": {"type": "string", "description": "table.column"},
                "to": {"type": "string", "description": "table.column"},
            },
            required=["from", "to"],
        ),
        "migration": _object(
            Migration,
            _MIGRATION,
            {
                "up": {"type": "array"},
                "down": {"type": "array"},
            },
        ),
        "auth": _object(Auth, _AUTH),
        "handler": _object(HandlerRef, _HANDLER, required=["package", "function"]),
        "error_response": _object(ErrorResponse, _ERROR_RESPONSE, required=["status"]),
        "query_param": _object(QueryParam, _QUERY),
        "event": _object(Event, _EVENT),
        "file": _object(FileEntry, _FILE),
        "component": _object(Component, _COMPONENT),
        "hook": _object(Hook, _HOOK),
        "taxonomy_error": _object(TaxonomyError, _TAXONOMY, required=["status"]),
        "task_file": {
            "anyOf": [
                s,
                {"type": "object", "minProperties": 1, "maxProperties": 1,
                 "additionalProperties": s},  # fmt: skip
            ]
        },
        "row": {"type": "object", "additionalProperties": s},
        "flag": _object(FeatureFlag, _FLAG),
    }
    defs["table"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "columns": _keyed_schema(defs["column"], "name", s),
            "indexes": _keyed_schema(defs["index"], "name", strs),
            "relationships": {"type": "array", "items": ref("relationship")},
        },
    }
    defs["endpoint"] = _object(
        Endpoint,
        _ENDPOINT,
        {
            "handler": {"anyOf": [{"type": "string", "description": "package.Function in file"},
                                  ref("handler")]},  # fmt: skip
            "auth": {"anyOf": [s, ref("auth")]},
            "query": _keyed_schema(defs["query_param"], "name", s),
            "errors": {"type": "array", "items": ref("error_response")},
        },
    )
    defs["endpoint"]["properties"]["status"] = {"type": "integer", "minimum": 100, "maximum": 599}
    # A default is read as text whatever YAML would type it as (`default: 20`, `default: true`).
    defs["query_param"]["properties"]["default"] = {
        "anyOf": [s, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}, {"type": "null"}]
    }
    files_group = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "create": {"type": "object", "additionalProperties": {"anyOf": [ref("file"), s]}},
            "modify": {"type": "object", "additionalProperties": {"anyOf": [ref("file"), s]}},
        },
    }
    defs["task"] = _object(
        Task,
        _TASK,
        {
            "done": {
                "anyOf": [
                    {"type": "string", "description": "commands in `backquotes`"},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"text": s, "commands": strs},
                    },
                ]
            },
            "files": {
                "anyOf": [
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "create": {"type": "array", "items": ref("task_file")},
                            "modify": {"type": "array", "items": ref("task_file")},
                        },
                    },
                    {"type": "array", "items": {"type": "object"}},
                ]
            },
        },
    )
    tasks = _keyed_schema(defs["task"], "id", s)
    props: dict[str, Any] = {k: _field_schema(Meta, a) for k, a in _META.items()}
    props["schema_version"] = {"const": 1}
    for key in _PROSE:
        props[key] = s
    props.update(
        {
            "motivation": ref("motivation"),
            "requirements": _keyed_schema(defs["requirement"], "id", s),
            "decisions": {"type": "array", "items": {"anyOf": [ref("decision"), s]}},
            "dependencies": _keyed_schema(defs["dependency"], "name", s),
            "tables": _keyed_schema(defs["table"], "name"),
            "modified_tables": {"type": "array", "items": _object(TableChange, _TABLE_CHANGE)},
            "migrations": _keyed_schema(defs["migration"], "path", s),
            "endpoints": _keyed_schema(defs["endpoint"], "endpoint"),
            "wire": _object(Wire, _WIRE),
            "events": _keyed_schema(defs["event"], "name"),
            "go": code,
            "typescript": code,
            "files": {
                "anyOf": [
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"backend": files_group, "frontend": files_group},
                    },
                    {"type": "array", "items": _object(FileEntry, _FILE_FLAT)},
                ]
            },
            "components": _keyed_schema(defs["component"], "path", s),
            "shadcn_install": strs,
            "hooks": _keyed_schema(defs["hook"], "name", s),
            "errors": _keyed_schema(defs["taxonomy_error"], "name", s),
            "phases": {"type": "object", "additionalProperties": tasks},
            "tasks": tasks,
            "tests": {
                "anyOf": [
                    {"type": "object", "additionalProperties": {"type": "array",
                                                                "items": ref("row")}},
                    {"type": "array", "items": {"type": "object"}},
                ]
            },  # fmt: skip
            "manual_checks": {
                "type": "array",
                "items": {"anyOf": [s, _object(ChecklistItem, _CHECK, required=["text"])]},
            },
            "feature_flags": _keyed_schema(defs["flag"], "name", s),
            "monitoring": {"type": "array", "items": ref("row")},
            "risks": {"type": "array", "items": {"anyOf": [_object(Risk, _RISK), s]}},
            "open_questions": {
                "type": "array",
                "items": {"anyOf": [_object(OpenQuestion, _QUESTION), s]},
            },
            "assumptions": strs,
            "shorthands": strs,
            "consumed": {"type": "array", "items": _object(ConsumedEndpoint, _CONSUMED)},
        }
    )
    for key, text in _TOP_DOC.items():
        props[key] = {"description": text, **props[key]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://spec-scaffold.dev/schema/spec-yaml-form-v1.json",
        "title": "spec-scaffold tech spec (YAML form)",
        "description": "A tech spec written from the create-tech-spec template, in YAML. "
        "See docs/yaml-form.md.",
        "type": "object",
        "additionalProperties": False,
        "properties": props,
        "$defs": defs,
    }
