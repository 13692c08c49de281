"""The spec's API as an OpenAPI 3.1 document (issue 15): one builder, used by
``scaffold openapi`` and by the ``openapi`` family of ``scaffold generate``.

The document describes exactly what the generated code puts on the wire, so it is
built from the same views that code is built from, never from a second reading:

- components: the TypeScript view's declarations (:func:`scaffold.generate.views.ts.
  build_frontend`), which map every Go struct through the one type map
  (:mod:`scaffold.typemap`, DESIGN §9) under the configured nullability policy:
  ``required`` is every member TS does not mark ``?`` (omitempty), ``| null`` is
  ``type: [T, "null"]`` (pointers, nil-able collections), string-literal unions (Go
  enums, ``oneof``, CHECK) are ``enum``; the Go field's ``validate`` tag adds
  minLength/maxLength/minimum/maximum/minItems/maxItems/format, its Go type the
  format (``uuid``, ``date-time``, ``int64``, base64);
- errors: the body the generated Go writes (:meth:`scaffold.generate.views.go.
  _GoPlanner.error_body_shape`: flat or nested, DESIGN §18) with the machine code
  (:func:`scaffold.generate.naming.wire_code`) as an enum per status, and the 500 the
  generated handlers answer for an error the taxonomy does not list;
- success bodies inside the spec's success envelope when :attr:`Spec.wire` declares one;
- WebSocket events in the ``x-events`` extension (OpenAPI has no place for them).

Same spec and configuration, same bytes (DESIGN §5): no clock, insertion order fixed.
No Copier or Jinja on this path.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .generate.naming import camel, one_line, pascal, wire_code
from .typemap import query_go_type

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .generate.plan import PlanContext
    from .generate.views.ts import Decl, Prop
    from .model import Endpoint, GoField, Spec

OPENAPI_VERSION = "3.1.0"
Format = Literal["yaml", "json"]
FORMATS: tuple[str, ...] = ("yaml", "json")
SCHEMAS = "#/components/schemas/"
SECURITY_SCHEME = "bearerAuth"
# Handler packages named for their layer, not their domain: the file names the domain.
_LAYER_PACKAGES = frozenset("handlers handler api http httpapi server routes web rest".split())
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_INT_FORMATS = {
    "int8": "int32",
    "int16": "int32",
    "int32": "int32",
    "rune": "int32",
    "int64": "int64",
    "uint8": "int32",
    "byte": "int32",
    "uint16": "int32",
    "uint32": "int64",
    "uint64": "int64",
    "int": "int64",
    "uint": "int64",
    "uintptr": "int64",
}
_FLOAT_FORMATS = {"float32": "float", "float64": "double"}
_STRING_FORMATS = {
    "time.Time": "date-time",
    "uuid.UUID": "uuid",
    "uuid.NullUUID": "uuid",
    "pgtype.UUID": "uuid",
    "pgtype.Timestamptz": "date-time",
    "pgtype.Timestamp": "date-time",
    "pgtype.Date": "date",
    "null.Time": "date-time",
    "sql.NullTime": "date-time",
    "netip.Addr": "ip",
}
# go-playground/validator rules that are JSON Schema formats.
_VALIDATE_FORMATS = {
    "email": "email",
    "url": "uri",
    "uri": "uri",
    "http_url": "uri",
    "uuid": "uuid",
    "uuid4": "uuid",
    "datetime": "date-time",
    "hostname": "hostname",
    "ipv4": "ipv4",
    "ipv6": "ipv6",
    "ip": "ip",
}


# --------------------------------------------------------------------------- entry points


def plan_context(spec: Spec, config: Config, root: Path | None = None) -> PlanContext:
    """A plan context for a spec outside a ``generate`` run (the ``openapi`` command)."""
    from .generate.plan import PlanContext, TargetState

    return PlanContext(
        spec=spec,
        config=config,
        target=TargetState(root=root or Path(".")),
        feature=spec.slug,
        spec_paths=list(spec.sources),
    )


def build_document(ctx: PlanContext) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the feature ``ctx`` plans, as plain JSON data."""
    return _Builder(ctx).document()


def dump(doc: dict[str, Any], fmt: Format = "yaml") -> str:
    """The document as text: YAML (block style, keys in build order) or JSON (indent 2)."""
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # noqa: ANN401 - yaml's signature
            return True

    return yaml.dump(
        doc,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all or nothing: a temp file beside it, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def format_for(path: str | Path) -> Format:
    """The format a file name asks for: ``.json`` → json, anything else → yaml."""
    return "json" if str(path).lower().endswith(".json") else "yaml"


# --------------------------------------------------------------------------- text


def text(value: str) -> str:
    """Spec text as a description: control characters dropped, lines kept, trimmed."""
    lines = [one_line(line) for line in (value or "").splitlines()]
    return "\n".join(lines).strip()


def _unquote_ts(literal: str) -> str:
    """The value of a TS string literal as :func:`scaffold.generate.views.ts.ts_string`
    writes it (JSON escapes plus ``<\\/`` and ``<\\!--``)."""
    return json.loads(literal.replace("<\\/", "</").replace("<\\!--", "<!--"))


# --------------------------------------------------------------------------- TS type → schema


def _split_top(text_: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets, braces, parentheses and string literals."""
    out, depth, cur, quote, i = [], 0, "", "", 0
    while i < len(text_):
        ch = text_[i]
        if quote:
            cur += ch
            if ch == "\\" and i + 1 < len(text_):
                cur += text_[i + 1]
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch in "([{<":
            depth += 1
            cur += ch
        elif ch in ")]}>":
            depth -= 1
            cur += ch
        elif depth == 0 and text_.startswith(sep, i):
            out.append(cur)
            cur = ""
            i += len(sep)
            continue
        else:
            cur += ch
        i += 1
    out.append(cur)
    return [part.strip() for part in out]


def _go_parts(go: str) -> tuple[str, str]:
    """(kind, rest) of a Go type expression: pointer, slice, array, map (rest = value), named."""
    g = (go or "").strip()
    if g.startswith("*"):
        return "pointer", g[1:]
    if g.startswith("[]"):
        return "slice", g[2:]
    m = re.match(r"^\[\s*\d*\s*\]", g)
    if m:
        return "array", g[m.end() :]
    if g.startswith("map["):
        depth = 0
        for i in range(3, len(g)):
            if g[i] == "[":
                depth += 1
            elif g[i] == "]":
                depth -= 1
                if depth == 0:
                    return "map", g[i + 1 :]
    return "named", g


def _go_leaf(go: str, underlying: dict[str, str]) -> str:
    """The Go type without pointers, seen through named non-struct types."""
    seen: set[str] = set()
    g = (go or "").strip()
    while True:
        kind, rest = _go_parts(g)
        if kind == "pointer":
            g = rest
        elif kind == "named" and rest in underlying and rest not in seen:
            seen.add(rest)
            g = underlying[rest]
        else:
            return g


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` that also admits ``null``: ``type: [T, "null"]``, else ``anyOf``."""
    if not schema:
        return schema  # any JSON value already admits null
    t = schema.get("type")
    if isinstance(t, str) and "$ref" not in schema and "anyOf" not in schema:
        out = dict(schema)
        out["type"] = [t, "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out
    if isinstance(t, list):
        return schema if "null" in t else {**schema, "type": [*t, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


class _Schemas:
    """TS type expressions of the TS view → JSON Schema, refined by the Go type."""

    def __init__(self, names: set[str], underlying: dict[str, str]) -> None:
        self.names = names
        self.underlying = underlying

    def of(self, ts: str, go: str = "") -> dict[str, Any]:
        ts = ts.strip()
        parts = _split_top(ts, "|")
        if len(parts) > 1:
            nullable = "null" in parts
            rest = [p for p in parts if p not in ("null", "undefined")]
            if rest and all(len(p) >= 2 and p[0] == p[-1] == '"' for p in rest):
                schema: dict[str, Any] = {
                    "type": "string",
                    "enum": [_unquote_ts(p) for p in rest],
                }
            elif len(rest) == 1:
                schema = self.of(rest[0], go)
            else:
                schema = {"anyOf": [self.of(p, go) for p in rest]}
            return _nullable(schema) if nullable else schema
        if ts.startswith("(") and ts.endswith(")") and _split_top(ts[1:-1], "|") != [ts[1:-1]]:
            return self.of(ts[1:-1], go)
        if ts.endswith("[]"):
            kind, rest = _go_parts(_go_leaf(go, self.underlying)) if go else ("", "")
            elem_go = rest if kind in ("slice", "array") else ""
            return {"type": "array", "items": self.of(ts[:-2], elem_go)}
        m = re.match(r"^Record<\s*string\s*,(.*)>$", ts, re.S)
        if m:
            kind, rest = _go_parts(_go_leaf(go, self.underlying)) if go else ("", "")
            return {
                "type": "object",
                "additionalProperties": self.of(m.group(1), rest if kind == "map" else ""),
            }
        if ts.startswith("{") and ts.endswith("}"):
            return self.object_literal(ts[1:-1])
        if len(ts) >= 2 and ts[0] == ts[-1] == '"':
            return {"type": "string", "enum": [_unquote_ts(ts)]}
        if ts == "string":
            return self.string(go)
        if ts == "number":
            return self.number(go)
        if ts == "boolean":
            return {"type": "boolean"}
        if ts in self.names:
            return {"$ref": SCHEMAS + ts}
        return {}  # unknown, or a type the TS view could not declare: any JSON value

    def object_literal(self, body: str) -> dict[str, Any]:
        props: dict[str, Any] = {}
        required: list[str] = []
        for member in _split_top(body, ";"):
            if not member:
                continue
            key, _, value = member.partition(":")
            key = key.strip()
            optional = key.endswith("?")
            key = key.rstrip("?").strip()
            if len(key) >= 2 and key[0] == key[-1] == '"':
                key = _unquote_ts(key)
            props[key] = self.of(value)
            if not optional:
                required.append(key)
        schema: dict[str, Any] = {"type": "object", "properties": props}
        if required:
            schema["required"] = required
        return schema

    def string(self, go: str) -> dict[str, Any]:
        leaf = _go_leaf(go, self.underlying) if go else ""
        if leaf in ("[]byte", "[]uint8"):
            return {"type": "string", "contentEncoding": "base64"}
        fmt = _STRING_FORMATS.get(leaf)
        if fmt is None and leaf in _INT_FORMATS:
            fmt = _INT_FORMATS[leaf]  # `,string`: the number written as a string
        return {"type": "string", "format": fmt} if fmt else {"type": "string"}

    def number(self, go: str) -> dict[str, Any]:
        leaf = _go_leaf(go, self.underlying) if go else ""
        if leaf in _INT_FORMATS:
            return {"type": "integer", "format": _INT_FORMATS[leaf]}
        if leaf in _FLOAT_FORMATS:
            return {"type": "number", "format": _FLOAT_FORMATS[leaf]}
        return {"type": "number"}


def _validate_keywords(rules: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A go-playground ``validate`` tag as keywords of ``schema`` (its own kind decides:
    lengths for strings, values for numbers, counts for arrays)."""
    target = schema
    t = target.get("type")
    kind = t if isinstance(t, str) else next((x for x in t or [] if x != "null"), None)
    if kind is None and "anyOf" in target:
        return schema
    out = dict(target)
    words = {"string": "Length", "array": "Items", "object": "Properties"}
    for rule in (r.strip() for r in (rules or "").split(",")):
        if rule == "dive":
            break  # the rules after `dive` are the elements'
        name, _, arg = rule.partition("=")
        if name in _VALIDATE_FORMATS and kind == "string" and "format" not in out:
            out["format"] = _VALIDATE_FORMATS[name]
            continue
        if name not in ("min", "max", "len", "gte", "lte", "gt", "lt") or not arg:
            continue
        try:
            value: int | float = int(arg)
        except ValueError:
            try:
                value = float(arg)
            except ValueError:
                continue
        if kind in words:
            if not isinstance(value, int) or value < 0:
                continue
            suffix = words[kind]
            if name in ("min", "gte", "len"):
                out[f"min{suffix}"] = value
            if name in ("max", "lte", "len"):
                out[f"max{suffix}"] = value
            if name == "gt":
                out[f"min{suffix}"] = value + 1
            if name == "lt" and value > 0:
                out[f"max{suffix}"] = value - 1
        elif kind in ("integer", "number"):
            if name in ("min", "gte", "len"):
                out["minimum"] = value
            if name in ("max", "lte", "len"):
                out["maximum"] = value
            if name == "gt":
                out["exclusiveMinimum"] = value
            if name == "lt":
                out["exclusiveMaximum"] = value
    return out


# --------------------------------------------------------------------------- the builder


class _Builder:
    def __init__(self, ctx: PlanContext) -> None:
        from .generate.views.ts import build_frontend

        self.ctx = ctx
        self.spec = ctx.spec
        self.fe = build_frontend(ctx)
        self.query_decls = {
            ep.request for ep in self.spec.endpoints if ep.method.upper() == "GET" and ep.request
        }
        self.query_decls |= {f.query_type for f in self.fe.fns if f.query_type}
        self.component_decls = [d for d in self.fe.decls if d.name not in self.query_decls]
        underlying = {t.name: t.underlying for t in self.spec.go_types}
        self.schemas = _Schemas({d.name for d in self.component_decls}, underlying)
        self.fields: dict[str, dict[str, GoField]] = {}
        for s in self.spec.go_structs:
            by_json = self.fields.setdefault(s.name, {})
            for f in s.fields:
                for key in (f.query, f.json_name, f.name):
                    if key and key not in by_json:
                        by_json[key] = f

    # ------------------------------------------------------------------ document

    def document(self) -> dict[str, Any]:
        spec = self.spec
        info: dict[str, Any] = {"title": text(spec.meta.title) or spec.slug}
        info["version"] = text(spec.meta.date) or "0.0.0"
        summary = text(spec.summary)
        if summary:
            info["description"] = summary
        doc: dict[str, Any] = {"openapi": OPENAPI_VERSION, "info": info}
        tags = self.tags()
        if tags:
            doc["tags"] = [{"name": t} for t in tags]
        doc["paths"] = self.paths()
        components: dict[str, Any] = {"schemas": self.components()}
        if any(ep.auth is not None and ep.auth.required for ep in spec.endpoints):
            components["securitySchemes"] = {
                SECURITY_SCHEME: {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The Authorization header the generated client sends "
                    "(ApiConfig.getAuthHeader). Scopes name the roles the spec requires.",
                }
            }
        doc["components"] = components
        events = self.events()
        if events:
            doc["x-events"] = events
        return doc

    # ------------------------------------------------------------------ components

    def components(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for d in self.component_decls:
            out[d.name] = self.decl_schema(d)
        body = self.error_body(None)
        out[self.error_body_name()] = body
        return out

    def decl_schema(self, d: Decl) -> dict[str, Any]:
        if d.kind == "alias":
            schema = self.schemas.of(d.alias)
            if d.doc:
                schema = {"description": text(d.doc), **schema}
            return schema
        props: dict[str, Any] = {}
        required: list[str] = []
        fields = self.fields.get(d.go or d.name, {})
        for p in d.props:
            props[p.name] = self.prop_schema(p, fields.get(p.name))
            if not p.optional:
                required.append(p.name)
        own: dict[str, Any] = {"type": "object"}
        struct = self.spec.struct(d.go) if d.go else None
        if struct is not None and struct.doc:
            own["description"] = text(struct.doc)
        own["properties"] = props
        if required:
            own["required"] = required
        if d.extends:
            return {"allOf": [*({"$ref": SCHEMAS + b} for b in d.extends), own]}
        return own

    def prop_schema(self, p: Prop, field: GoField | None) -> dict[str, Any]:
        schema = self.schemas.of(p.type, p.go_type)
        if field is not None and field.validation:
            if schema.get("type") == "array" and "dive" in field.validation:
                before, _, after = field.validation.partition("dive")
                schema = _validate_keywords(before, schema)
                schema["items"] = _validate_keywords(after.strip(","), schema["items"])
            else:
                schema = _validate_keywords(field.validation, schema)
        if p.nullable:
            schema = _nullable(schema)
        description = text(field.comment) if field is not None and field.comment else ""
        if description:
            schema = {"description": description, **schema}
        return schema

    # ------------------------------------------------------------------ errors

    def error_shape(self) -> dict[str, Any]:
        cached = self.__dict__.get("_shape")
        if cached is None:
            from .generate.views.go import _GoPlanner

            cached = _GoPlanner(self.ctx).error_body_shape()
            self.__dict__["_shape"] = cached
        return cached

    def error_body_name(self) -> str:
        return str(self.error_shape()["type"])

    def error_body(self, codes: list[str] | None) -> dict[str, Any]:
        """The error body the generated Go writes; ``codes``: the machine codes it may carry
        ([]: any; None: the component, described)."""
        shape = self.error_shape()
        props: dict[str, Any] = {}
        required: list[str] = []
        for f in shape["fields"]:
            key, omit = f["key"], f["omit"]
            if f["role"] == "status":
                schema: dict[str, Any] = {"type": "integer"}
            elif f["role"] == "code":
                schema = {"type": "string"}
                if codes:
                    schema["enum"] = codes
                elif codes is None:
                    schema["description"] = "The stable machine code of the error."
            elif f["role"] == "message":
                schema = {"type": "string"}
                if codes is None:
                    schema["description"] = "The error's message, for people."
            elif f["role"] == "fields":
                schema = {"type": "object", "additionalProperties": {"type": "string"}}
                if codes is None:
                    schema["description"] = (
                        "On a request that failed validation: the wire field (JSON name or "
                        "path/query parameter) → the rule it failed."
                    )
            elif f["role"] == "field" and codes is None:
                schema = {
                    "type": "string",
                    "description": "On a request that failed validation: the wire field "
                    "(JSON name or path/query parameter) that failed.",
                }
            else:
                schema = {"type": "string"}
            props[key] = schema
            if not omit:
                required.append(key)
        body: dict[str, Any] = {"type": "object", "properties": props, "required": required}
        wrap = shape.get("wrap")
        if wrap:
            name = wrap["key"]
            body = {"type": "object", "properties": {name: body}, "required": [name]}
        return body

    def error_responses(self, ep: Endpoint) -> dict[str, Any]:
        rows: dict[int, list[tuple[str, str]]] = {}
        for row in ep.errors:
            err = self.spec.error(row.error) if row.error else None
            rows.setdefault(row.status, []).append((wire_code(err) if err else "", row.condition))
        rows.setdefault(500, []).append(("internal", "An error the Error Taxonomy does not list."))
        out: dict[str, Any] = {}
        for status in sorted(rows):
            entries = rows[status]
            codes = list(dict.fromkeys(c for c, _ in entries))
            known = [c for c in codes if c]
            conditions = list(dict.fromkeys(text(c) for _, c in entries if text(c)))
            description = "; ".join(conditions) or f"HTTP {status}"
            out[str(status)] = {
                "description": description,
                "content": {
                    "application/json": {
                        "schema": self.error_body(known if len(known) == len(codes) else [])
                    }
                },
            }
        return out

    # ------------------------------------------------------------------ paths

    def tag_of(self, ep: Endpoint) -> str:
        h = ep.handler
        if h is not None:
            if h.package and h.package.lower() not in _LAYER_PACKAGES:
                return h.package
            if h.file:
                stem = Path(h.file).stem
                if stem.lower() not in _LAYER_PACKAGES | {"handlers", "handler"}:
                    return stem
            if h.package:
                return h.package
        segs = [s for s in ep.path.split("/") if s and not s.startswith("{")]
        while segs and (segs[0].lower() == "api" or re.fullmatch(r"v\d+", segs[0], re.I)):
            segs = segs[1:]
        return segs[0] if segs else self.spec.slug

    def tags(self) -> list[str]:
        return list(dict.fromkeys(self.tag_of(ep) for ep in self.spec.endpoints))

    def operation_ids(self) -> dict[str, str]:
        """Endpoint key → operationId: the handler's name; qualified by its domain package
        (``ReleasesList``), then the client function's name, where two would share one."""
        fn_names = {f.endpoint.key: f.name for f in self.fe.fns}

        def candidates(ep: Endpoint) -> list[str]:
            h = ep.handler
            out = []
            if h is not None and h.function:
                out.append(h.function)
                out.append(pascal(self.tag_of(ep)) + h.function)
            out.append(fn_names.get(ep.key) or camel(f"{ep.method} {ep.path}"))
            return out

        first = [candidates(ep)[0] for ep in self.spec.endpoints]
        ids: dict[str, str] = {}
        used: set[str] = set()
        for ep in self.spec.endpoints:
            options = candidates(ep)
            chosen = next(
                (c for c in options if first.count(c) <= 1 and c not in used),
                None,
            )
            if chosen is None:
                chosen = next((c for c in options[1:] if c not in used), options[-1])
            base, n = chosen, 2
            while chosen in used:
                chosen, n = f"{base}{n}", n + 1
            used.add(chosen)
            ids[ep.key] = chosen
        return ids

    def paths(self) -> dict[str, Any]:
        ids = self.operation_ids()
        fns = {f.endpoint.key: f for f in self.fe.fns}
        out: dict[str, Any] = {}
        for ep in self.spec.endpoints:
            item = out.setdefault(ep.path if ep.path.startswith("/") else f"/{ep.path}", {})
            method = ep.method.lower()
            if method in item:
                continue  # the same endpoint defined twice (check reports it)
            item[method] = self.operation(ep, ids[ep.key], fns.get(ep.key))
        return out

    def operation(self, ep: Endpoint, op_id: str, fn: Any) -> dict[str, Any]:  # noqa: ANN401
        op: dict[str, Any] = {"operationId": op_id, "tags": [self.tag_of(ep)]}
        summary = text(ep.description).split("\n", 1)[0]
        first = re.split(r"(?<=[.!?])\s", summary, maxsplit=1)[0] if summary else ""
        if first:
            op["summary"] = first[:120]
        description = text(ep.description)
        notes = []
        if ep.auth is not None and ep.auth.text:
            notes.append(f"Auth: {text(ep.auth.text)}")
        if ep.rate_limit:
            notes.append(f"Rate limit: {text(ep.rate_limit)}")
        if ep.idempotency:
            notes.append(f"Idempotency: {text(ep.idempotency)}")
        full = "\n\n".join(x for x in [description, *notes] if x)
        if full:
            op["description"] = full
        params = self.path_parameters(ep) + self.query_parameters(ep, fn)
        if params:
            op["parameters"] = params
        if fn is not None and fn.body_type and ep.method.upper() in _BODY_METHODS:
            op["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": self.schemas.of(fn.body_type)}},
            }
        op["responses"] = {**self.success_response(ep, fn), **self.error_responses(ep)}
        security = self.security(ep)
        if security is not None:
            op["security"] = security
        return op

    def security(self, ep: Endpoint) -> list[dict[str, list[str]]] | None:
        auth = ep.auth
        if auth is None:
            return None  # the spec does not say
        if not auth.required:
            return []
        roles = [r.strip() for r in auth.role.split(" or ") if r.strip()] if auth.role else []
        if not roles:
            return [{SECURITY_SCHEME: []}]
        return [{SECURITY_SCHEME: [role]} for role in roles]

    def success_response(self, ep: Endpoint, fn: Any) -> dict[str, Any]:  # noqa: ANN401
        status = str(ep.success_status)
        result = fn.result_type if fn is not None else ("unknown" if ep.response else "void")
        description = "Success" if result != "void" else "Success, no body"
        response: dict[str, Any] = {"description": description}
        if result != "void" and ep.success_status != 204:
            schema = self.schemas.of(result)
            envelope = self.spec.wire.success_envelope
            if envelope:
                schema = {
                    "type": "object",
                    "properties": {envelope: schema},
                    "required": [envelope],
                }
            response["content"] = {"application/json": {"schema": schema}}
        return {status: response}

    def path_parameters(self, ep: Endpoint) -> list[dict[str, Any]]:
        out = []
        for name in dict.fromkeys(re.findall(r"\{([^{}/]+)\}", ep.path)):
            out.append(
                {
                    "name": name,
                    "in": "path",
                    "required": True,
                    "schema": self.path_schema(name),
                }
            )
        return out

    def path_schema(self, name: str) -> dict[str, Any]:
        """A path parameter's type: the interface method parameter the generated handler
        parses it into (``uuid.UUID``, ``int``), else a struct field of that name."""
        want = camel(name)
        for iface in self.spec.go_interfaces:
            for m in iface.methods:
                for p in m.params:
                    if p.name == want:
                        return self.go_scalar(p.type)
        for s in self.spec.go_structs:
            for f in s.fields:
                if name in (f.json_name, f.db):
                    return self.go_scalar(f.type)
        return {"type": "string"}

    def go_scalar(self, go: str) -> dict[str, Any]:
        leaf = _go_leaf(go, self.schemas.underlying)
        if leaf in _INT_FORMATS or leaf in _FLOAT_FORMATS:
            return self.schemas.number(leaf)
        if leaf == "bool":
            return {"type": "boolean"}
        return self.schemas.string(leaf)

    def query_parameters(self, ep: Endpoint, fn: Any) -> list[dict[str, Any]]:  # noqa: ANN401
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for q in ep.query:
            if q.name in seen:
                continue
            seen.add(q.name)
            elem = q.type[2:] if q.type.startswith("[]") else q.type
            schema = self.query_scalar(elem)
            enum = list(q.enum)
            if enum and schema.get("type") == "string":
                schema["enum"] = enum
            repeated = q.repeated or q.type.startswith("[]")
            # The validator's meaning: item count (repeated), length (strings), value.
            if repeated:
                schema = {"type": "array", "items": schema}
                lo, hi = "minItems", "maxItems"
            elif schema["type"] == "string":
                lo, hi = "minLength", "maxLength"
            else:
                lo, hi = "minimum", "maximum"
            for key, value in ((lo, q.minimum), (hi, q.maximum)):
                if value is not None and (value >= 0 or key in ("minimum", "maximum")):
                    schema[key] = value
            if not repeated and q.default is not None:
                default = _typed_default(q.default, schema)
                if default is not None:
                    schema["default"] = default
            param: dict[str, Any] = {"name": q.name, "in": "query", "required": q.required}
            if text(q.description):
                param["description"] = text(q.description)
            if repeated:
                param["style"], param["explode"] = "form", True
            param["schema"] = schema
            out.append(param)
        decl = self.fe.decl_by_name.get(fn.query_type) if fn is not None and fn.query_type else None
        if decl is not None and decl.go:
            fields = self.fields.get(decl.go, {})
            for p in decl.props:
                if p.name in seen:
                    continue
                seen.add(p.name)
                field = fields.get(p.name)
                schema = self.prop_schema(p, field)
                schema.pop("description", None)
                param = {"name": p.name, "in": "query", "required": False}
                if field is not None and field.comment:
                    param["description"] = text(field.comment)
                if schema.get("type") == "array":
                    param["style"], param["explode"] = "form", True
                param["schema"] = schema
                out.append(param)
        return out

    def query_scalar(self, written: str) -> dict[str, Any]:
        """A query parameter's type as the spec writes it (``int``, ``integer``, ``uuid``,
        ``uuid.UUID``, ``int64``, ``bool``, ``string``)."""
        t = written.strip()
        if t.lower() == "date":
            return {"type": "string", "format": "date"}
        return self.go_scalar(query_go_type(t))

    # ------------------------------------------------------------------ events

    def events(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        by_name = {ev.name: ev for ev in self.spec.events}
        for e in self.fe.events:
            ev = by_name.get(e.name)
            entry: dict[str, Any] = {}
            if e.channel:
                entry["channel"] = e.channel
            if ev is not None and text(ev.trigger):
                entry["description"] = text(ev.trigger)
            if ev is not None and text(ev.delivery):
                entry["x-delivery"] = text(ev.delivery)
            entry["payload"] = self.schemas.of(e.payload_type)
            out[e.name] = entry
        return out


def _typed_default(value: str, schema: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON value
    """A default as written, as a value of the schema's type (None when it is not one)."""
    kind = schema.get("type")
    v = value.strip().strip("`").strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        v = v[1:-1]
    try:
        if kind == "integer":
            return int(v)
        if kind == "number":
            return float(v)
    except ValueError:
        return None
    if kind == "boolean":
        return {"true": True, "false": False}.get(v.lower())
    if kind == "string":
        enum = schema.get("enum")
        return v if not enum or v in enum else None
    return None


# --------------------------------------------------------------------------- the command


def document_for(spec: Spec, config: Config | None = None) -> tuple[dict[str, Any], list[Any]]:
    """The document of a linked spec and the diagnostics met building it: what the reader
    could not read (errors) and what the TS view reports (names it cannot declare)."""
    from .config import load_config
    from .diagnostics import at

    if config is None:
        start = [Path(spec.sources[0]).parent] if spec.sources else [Path.cwd()]
        config = load_config(start)
    ctx = plan_context(spec, config)
    doc = build_document(ctx)
    diags = [
        at(p.pos, p.rule, p.severity, p.message) for p in spec.problems if p.severity == "error"
    ]
    from .generate.views.ts import build_frontend

    diags += [d for d in build_frontend(ctx).diagnostics if d.severity == "error"]
    return doc, config.diagnostics + diags
