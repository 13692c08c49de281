"""API design: every endpoint is complete and consistent (``API0xx``)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from ...diagnostics import Diagnostic, Related
from ...model import Endpoint, GoStruct, Node, TsType
from ..engine import Context, rule, this

BODY_METHODS = ("POST", "PUT", "PATCH")
_NO_BODY = re.compile(
    r"\b(no|without|empty)\s+(request\s+)?body\b|\bbody:?\s*(none|empty)\b|\brequest:?\s*none\b",
    re.IGNORECASE,
)


def _handler_example(ep: Endpoint) -> str:
    words = re.findall(r"[A-Za-z]+", ep.path.split("{")[0])
    noun = (words[-1] if words else "item").rstrip("s").capitalize()
    verb = {"GET": "List", "POST": "Create", "PUT": "Update", "PATCH": "Update"}.get(
        ep.method, "Delete"
    )
    return f"handlers.{verb}{noun}"


@rule("API001", "error", "every endpoint names its Go handler (`package.Function` in file)")
def handler(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        if ep.handler is None or not ep.handler.function:
            yield this("API001").at(
                ep.pos,
                f"{ep.key} has no handler; name it, such as "
                f"`**Handler:** `{_handler_example(ep)}` in `internal/api/handlers/x.go``",
            )


@rule("API002", "warning", "a POST/PUT/PATCH endpoint has a request struct or says it has no body")
def request_struct(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        if ep.method.upper() in BODY_METHODS and not ep.request and not ep.ts_request:
            if ep.request_none or _NO_BODY.search(ep.description):
                continue
            yield this("API002").at(
                ep.pos,
                f"{ep.key} has no request struct; define one under **Request struct:**, "
                "or write `**Request struct:** none` when it takes no body",
            )


@rule("API003", "error", "an endpoint has a response struct unless it answers 204 No Content")
def response_struct(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        if ep.success_status == 204 and ep.response:
            yield this("API003").at(
                ep.pos,
                f"{ep.key} answers 204 No Content but names response struct {ep.response}; "
                "drop the struct or answer 200, such as `**Response (200):**`",
            )
        elif ep.method.upper() == "GET" and not (ep.response or ep.ts_response):
            yield this("API003").at(
                ep.pos,
                f"{ep.key} returns no data; a GET should have a response struct, such as "
                "`**Response (200):**` with `type XResponse struct { … }`",
            )
        elif ep.success_status != 204 and not (ep.response or ep.ts_response):
            yield this("API003").at(
                ep.pos,
                f"{ep.key} answers {ep.success_status} with no response struct; define one "
                "under **Response struct:**, or state `**Success:** 204` when it has no body",
            )


@rule("API004", "error", "the Go structs an endpoint names are defined in the spec")
def go_structs_defined(ctx: Context) -> Iterator[Diagnostic]:
    names = _go_type_names(ctx)
    for ep in ctx.spec.endpoints:
        for role, name in (("request", ep.request), ("response", ep.response)):
            base = _base_type(name)
            if base and base not in names:
                yield this("API004").at(
                    ep.pos,
                    f"{ep.key} names {role} struct {name}, which the spec does not define; "
                    f"add it in a ```go block, such as `type {base} struct {{ … }}`",
                )


def _go_type_names(ctx: Context) -> set[str]:
    spec = ctx.spec
    return (
        {s.name for s in spec.go_structs}
        | {e.name for e in spec.go_enums}
        | {t.name for t in spec.go_types}
        | {i.name for i in spec.go_interfaces}
    )


def _base_type(name: str) -> str:
    """`[]*Invite` → `Invite`, `ListResponse[Invite]` → `ListResponse`."""
    name = name.strip().lstrip("[]*").split("[", 1)[0]
    return name if "." not in name else ""


def _query_only(ctx: Context, name: str) -> bool:
    """A request struct read from the query string only: no JSON body to mirror."""
    struct = ctx.spec.struct(name)
    return (
        struct is not None
        and bool(struct.fields)
        and all(f.query is not None and f.json_name is None for f in struct.fields)
    )


@rule("API005", "error", "an endpoint's Go structs have TypeScript mirrors")
def ts_mirrors(ctx: Context) -> Iterator[Diagnostic]:
    ts = {t.name for t in ctx.spec.ts_types}
    for ep in ctx.spec.endpoints:
        for role, go_name, ts_name in (
            ("request", ep.request, ep.ts_request),
            ("response", ep.response, ep.ts_response),
        ):
            base = _base_type(go_name)
            if base and not ts_name and base not in ts and not _query_only(ctx, base):
                yield this("API005").at(
                    ep.pos,
                    f"{ep.key} has Go {role} struct {go_name} but no TypeScript type; add "
                    f"one under **TypeScript request/response types:**, such as "
                    f"`interface {base} {{ … }}`",
                )


@rule("API006", "error", "the TypeScript types an endpoint names are defined in the spec")
def ts_types_defined(ctx: Context) -> Iterator[Diagnostic]:
    ts = {t.name for t in ctx.spec.ts_types}
    for ep in ctx.spec.endpoints:
        for role, name in (("request", ep.ts_request), ("response", ep.ts_response)):
            base = re.sub(r"(\[\])+$", "", name.strip()).split("<", 1)[0]
            if base and base not in ts:
                yield this("API006").at(
                    ep.pos,
                    f"{ep.key} names TypeScript {role} type {name}, which the spec does not "
                    f"define; add it, such as `interface {base} {{ … }}`",
                )


@rule("API007", "error", "every endpoint has an error table (| Status | Condition | Body |)")
def error_table(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        if not ep.errors:
            yield this("API007").at(
                ep.pos,
                f"{ep.key} has no error responses; add an **Error Responses:** table, such as "
                '`| 400 | Invalid body | `{"error": "invalid request"}` |`',
            )


def _shape(node: Node) -> object:
    dump = node.model_dump(exclude={"pos", "doc", "file", "exported"})

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in {"pos", "comment"}}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(dump)


_FENCE = re.compile(r"^\s*(```|~~~)")
_PACKAGE = re.compile(r"^\s*package\s+(\w+)")
_PATH_COMMENT = re.compile(r"^\s*//\s*([\w./-]+)/[\w.-]+\.go\b")


def _package_at(ctx: Context, pos: Any) -> str:
    """The Go package of the code block holding ``pos``: its `package x` clause, else the
    directory of a `// internal/x/file.go` comment at its top; "" when neither is shown."""
    cache = ctx.cache.setdefault("API008.lines", {})
    if pos.file not in cache:
        try:
            cache[pos.file] = open(pos.file, encoding="utf-8").read().splitlines()
        except OSError:
            cache[pos.file] = []
    lines = cache[pos.file]
    i = min(pos.line, len(lines)) - 1
    while i >= 0 and not _FENCE.match(lines[i]):
        i -= 1
    if i < 0:
        return ""
    for text in lines[i + 1 : pos.line]:
        m = _PACKAGE.match(text)
        if m:
            return m.group(1)
        m = _PATH_COMMENT.match(text)
        if m:
            return m.group(1).rsplit("/", 1)[-1]
    return ""


def _disjoint_methods(a: Node, b: Node) -> bool:
    ma = {m.name for m in getattr(a, "methods", [])}
    mb = {m.name for m in getattr(b, "methods", [])}
    return bool(ma) and bool(mb) and not (ma & mb)


@rule("API008", "error", "a type defined twice is defined identically")
def same_definition(ctx: Context) -> Iterator[Diagnostic]:
    groups: list[tuple[str, list[GoStruct] | list[TsType] | list]] = [
        ("Go struct", ctx.spec.go_structs),
        ("Go interface", ctx.spec.go_interfaces),
        ("TypeScript type", ctx.spec.ts_types),
    ]
    for what, items in groups:
        first: dict[str, Node] = {}
        for item in items:
            name = item.name  # type: ignore[attr-defined]
            seen = first.setdefault(name, item)
            if seen is item:
                continue
            if what.startswith("Go"):
                here, there = _package_at(ctx, item.pos), _package_at(ctx, seen.pos)
                if here and there and here != there:
                    continue  # releases.Store and checklists.Store are two types
                if not (here and there) and _disjoint_methods(seen, item):
                    continue  # no method in common: two packages' interfaces, not a redefinition
            if _shape(seen) != _shape(item):
                where = f"line {seen.pos.line}" + (
                    f" of {seen.pos.file}" if seen.pos.file != item.pos.file else ""
                )
                yield this("API008").at(
                    item.pos,
                    f"{what} {name} is defined here differently from {where}; "
                    f"make both definitions the same, or rename one, such as {name}V2",
                )


@rule("API009", "warning", "an endpoint that requires auth lists a 401 error row")
def auth_401(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        if ep.auth is not None and ep.auth.required and ep.errors:
            if not any(row.status == 401 for row in ep.errors):
                yield this("API009").at(
                    ep.auth.pos if ep.auth.pos.line else ep.pos,
                    f"{ep.key} requires auth but its error table has no 401 row; add one, such "
                    'as `| 401 | Missing or invalid session | `{"error": "unauthorized"}` |`',
                )


def _redefinitions(ctx: Context) -> list[tuple[Endpoint, Endpoint, list[str]]]:
    """(first, again, what they disagree on) for each endpoint defined twice, paths
    compared with their parameter names ignored; ``what`` is filled only when the two
    definitions come from two spec files of the feature. Computed once per check."""
    cached = ctx.cache.get("api_redefinitions")
    if cached is not None:
        return cached
    out = []
    seen: dict[tuple[str, str], Endpoint] = {}
    for ep in ctx.spec.endpoints:
        key = (ep.method.upper(), re.sub(r"\{[^}]*\}", "{}", ep.path.rstrip("/")))
        first = seen.setdefault(key, ep)
        if first is not ep:
            diffs = _disagreements(first, ep) if first.pos.file != ep.pos.file else []
            out.append((first, ep, diffs))
    ctx.cache["api_redefinitions"] = out
    return out


@rule("API010", "error", "no endpoint (method and path) is defined twice")
def unique_endpoint(ctx: Context) -> Iterator[Diagnostic]:
    for first, ep, diffs in _redefinitions(ctx):
        if diffs:
            continue  # API014 says what the two files disagree on
        yield this("API010").at(
            ep.pos,
            f"{ep.key} is defined twice (first at line {first.pos.line}, as {first.key}); "
            "merge the two sections",
        )


def _auth_words(ep: Endpoint) -> str:
    a = ep.auth
    if a is None:
        return "unstated"
    if not a.required:
        return "none"
    return "ownership" if a.ownership else (f"role {a.role}" if a.role else "authenticated")


def _disagreements(a: Endpoint, b: Endpoint) -> list[str]:
    """What two definitions of one endpoint in two spec files say differently."""
    out = []
    if a.auth is not None and b.auth is not None and _auth_words(a) != _auth_words(b):
        out.append(f"auth ({_auth_words(a)} vs {_auth_words(b)})")
    for side in ("request", "response", "ts_request", "ts_response"):
        x, y = getattr(a, side), getattr(b, side)
        if x and y and x != y:
            out.append(f"{side.replace('_', ' ')} ({x} vs {y})")
    if a.success_status_explicit and b.success_status_explicit:
        if a.success_status != b.success_status:
            out.append(f"success status ({a.success_status} vs {b.success_status})")
    return out


@rule("API014", "error", "two spec files of one feature agree on an endpoint they both define")
def files_agree(ctx: Context) -> Iterator[Diagnostic]:
    for first, ep, diffs in _redefinitions(ctx):
        if not diffs:
            continue
        yield this("API014").at(
            ep.pos,
            f"{ep.key} is defined in {first.pos.file}:{first.pos.line} and here, and the "
            f"two disagree on {'; '.join(diffs)}; make them say the same, or keep the "
            "endpoint in one file",
            related=[Related.at(first.pos, f"the other definition of {first.key}")],
        )


@rule("API011", "error", "error rows use HTTP error statuses (4xx, 5xx)")
def error_status(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        for row in ep.errors:
            if not 400 <= row.status <= 599:
                yield this("API011").at(
                    row.pos if row.pos.line else ep.pos,
                    f"{ep.key} lists status {row.status} as an error; error rows should be 4xx "
                    "or 5xx, such as 400",
                )


@rule("API012", "warning", "every endpoint states its auth (`**Auth:** workspace admin` or none)")
def auth_stated(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        if ep.auth is None:
            yield this("API012").at(
                ep.pos,
                f"{ep.key} does not say who may call it; add an **Auth:** line, such as "
                "`**Auth:** workspace admin` or `**Auth:** none`",
            )


@rule("API013", "error", "path parameters are named identifiers (`{workspace_id}`)")
def path_params(ctx: Context) -> Iterator[Diagnostic]:
    for ep in ctx.spec.endpoints:
        if not ep.path.startswith("/"):
            yield this("API013").at(
                ep.pos, f"{ep.key}: the path should start with '/', such as /{ep.path}"
            )
        names = re.findall(r"\{([^}]*)\}", ep.path)
        for name in names:
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
                yield this("API013").at(
                    ep.pos,
                    f"{ep.key}: path parameter '{{{name}}}' should be a name, such as "
                    f"{{{re.sub(r'[^A-Za-z0-9_]+', '_', name).strip('_') or 'id'}}}",
                )
        dupes = {n for n in names if names.count(n) > 1}
        for name in sorted(dupes):
            yield this("API013").at(
                ep.pos,
                f"{ep.key}: path parameter '{{{name}}}' appears twice; name each one apart, "
                f"such as {{{name}}} and {{{name}_2}}",
            )
