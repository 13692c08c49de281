"""API design: endpoints (`### METHOD /path`) and WebSocket / real-time events.

Conventions where the template has no fixed place (DESIGN.md §1):

- success status: `**Response (201):**`, `**Success:** 204`, a 2xx row of the
  responses table, "`TicketResponse`, status 201" in the response line, or "Returns **201**"
  in the description; else 204 without a response struct, 200 with one;
- a body by reference: `**Response struct:** `TagResponse``; two labels on one line;
- Handler, Auth, Response as bullets under the description;
- wire: the first error body shown sets Spec.wire (flat or nested); "wrapped in the data
  envelope" sets the success envelope;
- error rows: a `Go error` column names the entry; link resolves wire codes;
- query parameters: a `**Query:**` line, list or table; request struct fields
  tagged `query:"…"`/`form:"…"`; cursor pagination when the description, the
  query or the response mentions a cursor;
- query facts (default, bounds, values) from tables, prose and `validate` tags via
  `read/derive.py`; a bullet is a parameter only when it starts with `name`;
- auth: `none`, `public`, `-` → not required; ownership ("author of the", "ownership")
  is no role; else the role the code names (`RoleMember`), "member of the …", role code
  spans, role words.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any

from ...model import (
    Auth,
    Endpoint,
    ErrorResponse,
    Event,
    GoStruct,
    HandlerRef,
    QueryParam,
    TsType,
    Wire,
)
from .. import derive
from .blocks import BList, Fence, Heading, Line, Para, Sec
from .blocks import Table as MdTable
from .blocks import norm_header
from .context import Ctx, sniff

ENDPOINT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?(/[^\s`]*)")
_PATH_PARAM = re.compile(r"\{(\w+)\}|(?<=/):(\w+)")
_IDENT = re.compile(r"^[A-Za-z_]\w*$")
_STATUS = re.compile(r"^\s*(\d{3})\b")
_STATUS_IN = re.compile(r"\b([1-5]\d\d)\b")
_NO_AUTH = {
    "none",
    "public",
    "-",
    "—",
    "no",
    "n/a",
    "na",
    "not required",
    "no auth",
    "anonymous",
    "unauthenticated",
}
_ROLE = re.compile(
    r"\b((?:workspace|org|organization|team|project|account|site|super|channel|billing)"
    r"[\s:_-]?)?(admins?|administrators?|owners?|members?|editors?|viewers?|managers?|"
    r"maintainers?|moderators?)\b",
    re.I,
)


def path_params(path: str) -> list[str]:
    return [a or b for a, b in _PATH_PARAM.findall(path)]


def _role_of(label: str) -> str:
    n = norm_header(label)
    if "typescript" in n or n.startswith("ts ") or n == "ts":
        return "ts"
    if "error" in n:
        return "errors"
    if n.startswith("query"):
        return "query"
    if "request" in n and "response" in n:
        return "both"
    if "request" in n or n.startswith("body") or n == "input":
        return "request"
    if "response" in n or n.startswith("returns") or n == "output":
        return "response"
    if n in ("go structs", "structs", "go types", "types"):
        return "both"
    return ""


def read_endpoint(ctx: Ctx, sec: Sec) -> None:
    m = ENDPOINT.search(sec.title)
    if not m:
        ctx.warn(
            sec.line,
            "SPEC053",
            f"endpoint heading {sec.title!r} is the template placeholder; write the method and "
            "path, e.g. `### POST /api/v1/workspaces/{workspace_id}/invites`.",
        )
        return
    method, path = m.group(1), m.group(2).rstrip("`.,;:")
    ep = Endpoint(
        pos=ctx.pos(sec.line, method), method=method, path=path, path_params=path_params(path)
    )
    role = ""
    go_fences: list[tuple[Fence, str]] = []
    ts_fences: list[tuple[Fence, str]] = []
    texts: list[str] = []
    first_text = ""
    for _, b in sec.walk():
        if isinstance(b, Heading):
            role = _role_of(b.title)
            continue
        if isinstance(b, Para):
            for ln in b.lines:
                texts.append(ln.text)
                texts.extend(ln.codes)
                if ln.label:
                    role = _label(ctx, ep, ln, role)
                elif ln.lead and _role_of(ln.lead):
                    # `**Query parameters** (parsed from …):` — a bold lead without a colon
                    role = _role_of(ln.lead)
                elif not first_text and role == "" and ln.text:
                    first_text = ln.text
            continue
        if isinstance(b, Fence):
            lang = sniff(b)
            if lang == "go" and role == "query":
                gf = ctx.go(b)
                for st in gf.structs if gf is not None else []:
                    _merge_query(ep, derive.query_struct_params(st))
            elif lang == "go":
                go_fences.append((b, role))
            elif lang in ("ts", "tsx"):
                ts_fences.append((b, role))
            elif lang == "" and role in ("request", "response", "both", "ts"):
                ctx.warn(
                    b.line,
                    "SPEC055",
                    "this code block has no language tag and reads as neither Go nor TypeScript; "
                    "tag it ```go or ```typescript.",
                )
            continue
        if isinstance(b, MdTable):
            if b.column("status", "status code", "code", "http status") >= 0:
                _error_table(ctx, ep, b)
            elif role == "query" or (
                b.column("parameter", "param", "name", "query parameter") >= 0
                and b.column("type") >= 0
            ):
                _query_table(ctx, ep, b)
            continue
        if isinstance(b, BList):
            for item in b.items:
                ln = item.first
                if ln is None:
                    continue
                texts.append(ln.text)
                texts.extend(ln.codes)
                if ln.label and (_role_of(ln.label) or _is_field_label(ln.label)):
                    role = _label(ctx, ep, ln, role)
                elif role == "query":
                    _merge_query(ep, _query_line(ctx, ln, False))
                elif role == "errors":
                    _error_item(ctx, ep, ln)
    if not ep.description and first_text:
        ep.description = first_text
    _structs(ctx, ep, go_fences)
    _ts_types(ctx, ep, ts_fences)
    if not ep.success_status_explicit:
        stated = success_from_prose(ep.description)
        if stated is not None:
            ep.success_status, ep.success_status_explicit = stated, True
    if not ep.success_status_explicit:
        ep.success_status = 200 if ep.response else 204
    elif ep.success_status == 204 and ep.response:
        ctx.warn(
            ep.pos.line,
            "SPEC054",
            f"{ep.method} {ep.path} returns `{ep.response}` with status 204, which has no body; "
            "write 200 (or drop the response).",
        )
    _query_from_struct(ctx, ep)
    low = " ".join([ep.description] + [q.name for q in ep.query]).lower()
    resp = ctx.spec.struct(ep.response) if ep.response else None
    if "cursor" in low or (
        resp is not None and any("cursor" in (f.json_name or f.name).lower() for f in resp.fields)
    ):
        ep.cursor_pagination = True
    ep.calls = _calls(ctx, texts)
    ctx.spec.endpoints.append(ep)


_FIELD_KEYS = (
    "description",
    "purpose",
    "handler",
    "go handler",
    "handler function",
    "auth",
    "authentication",
    "authorization",
    "auth required",
    "permissions",
    "access",
    "success",
    "status",
    "success status",
    "status code",
)


def _is_field_label(label: str) -> bool:
    key = norm_header(label)
    return key in _FIELD_KEYS or key.startswith(("rate limit", "idempoten", "success"))


def _label(ctx: Ctx, ep: Endpoint, ln: Line, role: str) -> str:
    key = norm_header(ln.label)
    if key == "description" or key == "purpose":
        ep.description = ln.value
        return ""
    if key in ("handler", "go handler", "handler function"):
        ep.handler = _handler(ctx, ln)
        return ""
    if key in ("auth", "authentication", "authorization", "auth required", "permissions", "access"):
        ep.auth = parse_auth(_raw_value(ln), ctx.line_pos(ln))
        return ""
    if key.startswith("rate limit"):
        ep.rate_limit = ln.value
        return ""
    if key.startswith("idempoten"):
        ep.idempotency = ln.value
        return ""
    if key.startswith("query"):
        if ln.value:
            _merge_query(ep, _query_line(ctx, ln, True))
        return "query"
    if key in ("calls", "uses", "flow"):
        return ""
    new_role = _role_of(ln.label)
    status = _STATUS_IN.search(ln.label)
    if key.startswith("success") or key in ("status", "success status", "status code"):
        sm = _STATUS.match(ln.value)
        code = int(sm.group(1)) if sm else (int(status.group(1)) if status else None)
        if code is not None:
            ep.success_status, ep.success_status_explicit = code, True
        elif ln.value:
            ctx.problem(
                ln.line,
                "SPEC054",
                f"success status {ln.value!r} is not an HTTP status; "
                "write e.g. `**Success:** 201`.",
                needle=ln.value,
            )
        return new_role or ""
    if new_role == "request" and re.match(r"(none|no (request )?body|n/a)\b", ln.value.lower()):
        ep.request_none = True
    if new_role == "response" and status and status.group(1).startswith("2"):
        ep.success_status = int(status.group(1))
        ep.success_status_explicit = True
    if new_role in ("request", "response") and ln.value:
        _by_reference(ctx, ep, new_role, ln)
    # a label of its own ("Semantics:", "Notes:") ends the section a label opened
    return new_role


def _merge_query(ep: Endpoint, params: list[QueryParam]) -> None:
    """Add ``params``; one already declared (by a struct, a table) takes the new facts."""
    have = {q.name: q for q in ep.query}
    for qp in params:
        old = have.get(qp.name)
        if old is None:
            ep.query.append(qp)
            have[qp.name] = qp
            continue
        for attr in ("default", "minimum", "maximum"):
            if getattr(old, attr) is None:
                setattr(old, attr, getattr(qp, attr))
        if not old.enum:
            old.enum = qp.enum
        if not old.description:
            old.description = qp.description
        old.required = old.required or qp.required


_TYPE_REF = re.compile(r"^[A-Z]\w*$")
_VALUE_STATUS = re.compile(r"(?:^|\bstatus\s+|\(|`)\**([1-5]\d\d)\b", re.I)


def _by_reference(ctx: Ctx, ep: Endpoint, role: str, ln: Line) -> None:
    """`**Response struct:** `TicketResponse`, status 200` — a body named, not shown.

    A second label on the same line (`**Request struct:** none. **Response struct:** `X``)
    is read as its own field.
    """
    raw = _raw_value(ln)
    parts = [(role, raw)]
    second = re.search(r"\*\*([^*]+?)(?::\*\*|\*\*:)", raw)
    if second:
        parts = [(role, raw[: second.start()])]
        other = _role_of(second.group(1))
        if other in ("request", "response"):
            parts.append((other, raw[second.end() :]))
    for r, text in parts:
        codes = [c.strip() for c in re.findall(r"`([^`]+)`", text)]
        ref = next((c for c in codes if _TYPE_REF.match(c) and not c.startswith("Err")), "")
        if r == "response" and ref and not ep.response:
            ep.response = ref
        elif r == "request" and ref and not ep.request:
            ep.request = ref
        elif r == "request" and re.match(r"\s*(none|no (request )?body|n/a)\b", text.lower()):
            ep.request_none = True
        if r == "response":
            envelope_from_text(ctx, text)
        if r == "response" and not ep.success_status_explicit:
            sm = _VALUE_STATUS.search(text.strip())
            if sm and sm.group(1).startswith("2"):
                ep.success_status, ep.success_status_explicit = int(sm.group(1)), True


_ENVELOPE = re.compile(
    r"""(?:\{\s*["'](\w+)["']\s*:[^}]*\}?\s*envelope|\b(\w+)\s+envelope\b)""", re.I
)
_NOT_ENVELOPE_KEY = {"the", "a", "an", "success", "response", "json", "same", "standard", "usual"}


def envelope_from_text(ctx: Ctx, text: str) -> None:
    """ "wrapped in the data envelope", "`{"data": …}` envelope" → Spec.wire.success_envelope."""
    if ctx.spec.wire.success_envelope:
        return
    for m in _ENVELOPE.finditer(text):
        key = (m.group(1) or m.group(2) or "").strip()
        if key and key.lower() not in _NOT_ENVELOPE_KEY:
            ctx.spec.wire.success_envelope = key
            return


# "every success body is wrapped in `{"data": <payload>}`"
_WRAPPED_IN = re.compile(r"""wrapped\s+in\s+(?:an?\s+|the\s+)?`?\{\s*["'](\w+)["']\s*:""", re.I)


def read_conventions(ctx: Ctx, sec: Sec) -> None:
    """Wire conventions stated once for every endpoint (DESIGN §18): prose of the API
    Design section and of its subsections that are not endpoints ("Conventions",
    "Shared types"). An endpoint's own error table or response line, read later, only
    fills what is still unset."""
    from .blocks import iter_blocks

    for _, block in sec.walk_unclaimed():
        for b in iter_blocks([block]):
            if not isinstance(b, Para):
                continue
            for ln in b.lines:
                text = ln.raw
                envelope_from_text(ctx, text)
                m = _WRAPPED_IN.search(text)
                if m and not ctx.spec.wire.success_envelope:
                    ctx.spec.wire.success_envelope = m.group(1)
                if re.search(r"\berrors?\b", ln.text, re.I):
                    for code in ln.codes:
                        wire_from_error_body(ctx.spec.wire, code)


_NESTED_ERROR = re.compile(r"""^\s*`?\s*\{\s*["']error["']\s*:\s*\{""")
_FLAT_ERROR = re.compile(r"""^\s*`?\s*\{\s*["']error["']\s*:\s*["']""")


def wire_from_error_body(wire: Wire, body: str) -> None:
    """The first error body an error table shows is the spec's error shape (DESIGN §18)."""
    if wire.error_body:
        return
    nested, flat = _NESTED_ERROR.match(body), _FLAT_ERROR.match(body)
    if nested or flat:
        text = body.strip().strip("`").strip()
        m = re.match(r"\{.*\}", text)
        wire.error_body = m.group(0) if m else text
        wire.error_nested = bool(nested)


_RETURNS_STATUS = re.compile(r"\breturns\s+[*`_]*([1-5]\d\d)\b", re.I)


def success_from_prose(text: str) -> int | None:
    """ "Returns **201** with the created tag" → 201 (the first 2xx a sentence returns)."""
    for m in _RETURNS_STATUS.finditer(text):
        if m.group(1).startswith("2"):
            return int(m.group(1))
    return None


_OWNERSHIP = re.compile(
    r"(?<!no )\bownership\b|\b(?:owner|author|creator)\s+of\s+the\b|\bmust\s+(?:equal|be)\s+the\s+caller\b",
    re.I,
)
# `auth.RequireTeamRole(auth.RoleMember)`: the role the code names
_CODE_ROLE = re.compile(r"\bRole([A-Z]\w*)")
# "role `support_agent`", "(role `owner` or `member`)"
_ROLE_SPANS = re.compile(r"\broles?\s+((?:`[^`]+`(?:\s*(?:,|or|and|/)\s*)?)+)", re.I)
# "member of `{project_id}`": membership of the path's resource, checked in code
_MEMBER_OF_PARAM = re.compile(r"\b(?:member|part)\s+of\s+`?\{", re.I)
_MEMBER_OF = re.compile(r"\bmembers?\s+of\s+the\b", re.I)


# `auth.RequireUser`, `auth.Middleware.RequireOrgMember`, `auth.RequireTeamRole(auth.RoleMember)`:
# a Go selector (package first), optionally called with selector or literal arguments.
_GO_REF = r"[a-z_]\w*(?:\.[A-Za-z_]\w*)+"
_MIDDLEWARE = re.compile(rf"{_GO_REF}(?:\((?:\s*(?:{_GO_REF}|\w+|\"[^\"]*\")\s*,?)*\))?")
# Names by convention of a role or an error, never a middleware (`auth.RoleAdmin`).
_NOT_MIDDLEWARE = re.compile(r"\.(?:Role|Err)[A-Z]\w*$")


def auth_middleware(text: str) -> list[str]:
    """The Go middleware an `**Auth:**` text names: the code spans of its first sentence
    that are selectors or calls of one (later sentences name per-item checks in code)."""
    first = re.split(r"(?<=[.;])\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]
    out: list[str] = []
    for span in re.findall(r"`([^`]+)`", first):
        span = span.strip()
        if _MIDDLEWARE.fullmatch(span) and not _NOT_MIDDLEWARE.search(span) and span not in out:
            out.append(span)
    return out


def _snake_words(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def parse_auth(text: str, pos: Any = None) -> Auth:
    """`**Auth:**` text → required + role or ownership (DESIGN.md §1).

    Roles come, first found, from a role the code names (`RoleMember`), membership of the
    resource ("a member of the workspace"), code spans after "role", else role words.
    """
    value = text.strip()
    low = value.lower().strip(" .`")
    first = re.split(r"[\s,;:(—–]+", low, maxsplit=1)[0] if low else ""
    auth = Auth(text=value)
    if pos is not None:
        auth.pos = pos
    no_auth = low in _NO_AUTH or first in ("none", "public", "-", "—", "anonymous")
    auth.required = not no_auth
    if no_auth:
        return auth
    auth.middleware = auth_middleware(value)
    if _OWNERSHIP.search(value):
        auth.ownership = True
        return auth
    roles: list[str] = []

    def add(word: str) -> None:
        word = " ".join(word.replace("_", " ").split())
        if word and word.lower() not in (r.lower() for r in roles):
            roles.append(word)

    code = re.search(r"`([^`]+)`", text)
    if code and ":" in code.group(1) and " " not in code.group(1).strip():
        roles.append(code.group(1))
    if not roles:
        # the roles of the first call only: later sentences add per-item checks
        call = re.search(r"`[^`]*\bRole[A-Z][^`]*`", value)
        for m in _CODE_ROLE.finditer(call.group(0) if call else ""):
            add(_snake_words(m.group(1)))
    if not roles and _MEMBER_OF.search(value):
        add("member")
    if not roles:
        for m in _ROLE_SPANS.finditer(value):
            for span in re.findall(r"`([^`]+)`", m.group(1)):
                add(span)
    if not roles:
        scrub = _MEMBER_OF_PARAM.sub(" ", value)
        for m in _ROLE.finditer(scrub):
            if _MEMBER_OF_PARAM.match(value, m.start()):
                continue
            add(m.group(0))
    auth.role = " or ".join(roles)
    return auth


def _handler(ctx: Ctx, ln: Line) -> HandlerRef | None:
    codes = [c.strip() for c in ln.value_codes]
    file = next((c for c in codes if c.endswith(".go")), "")
    if not file:
        fm = re.search(r"\bin\s+([\w./-]+\.go)\b", ln.value)
        file = fm.group(1) if fm else ""
    ref = next((c for c in codes if not c.endswith(".go")), "")
    if not ref:
        ref = re.split(r"\s+in\s+", ln.value, maxsplit=1)[0].strip()
    pkg_from_file = PurePosixPath(file).parent.name if file else ""
    fm = re.match(r"^\s*func\s*\(\s*\w*\s*\*?\s*(\w+)\s*\)\s*(\w+)", ref)
    receiver = ""
    if fm:
        parts = [fm.group(1), fm.group(2)]
        receiver, function, package = parts[0], parts[1], pkg_from_file
    else:
        cleaned = re.sub(r"\(\s*\*\s*(\w+)\s*\)", r"\1", ref)
        cleaned = re.sub(r"\(.*\)\s*$", "", cleaned).strip().lstrip("*")
        parts = cleaned.split(".") if cleaned else []
        if not parts or not all(_IDENT.match(p) for p in parts) or len(parts) > 3:
            ctx.problem(
                ln.line,
                "SPEC056",
                f"handler {ln.value!r} is not `package.Function` or `package.Type.Method` "
                "(with `in path/to/file.go`); write it that way.",
                needle=ln.value,
            )
            return None
        if len(parts) == 3:
            package, receiver, function = parts
        elif len(parts) == 2 and parts[0][:1].islower():
            package, function = parts
        elif len(parts) == 2:
            receiver, function, package = parts[0], parts[1], pkg_from_file
        else:
            function, package = parts[0], pkg_from_file
    if not package:
        ctx.warn(
            ln.line,
            "SPEC056",
            f"handler {ln.value!r} names no package; write `package.{function}` or add "
            "`in path/to/file.go`.",
            needle=ln.value,
        )
    return HandlerRef(
        pos=ctx.line_pos(ln), package=package, function=function, receiver=receiver, file=file
    )


# --------------------------------------------------------------------------- query


_PARAM_PAREN = re.compile(r"^\s*\(([^)]*)\)")


_RAW_LABEL = re.compile(
    r"^\s*(?:\*\*|__|\*|_)?[^:*_`]{1,40}?(?:\*\*|__|\*|_)?\s*:\s*(?:\*\*|__|\*|_)?\s*"
)


def _raw_value(ln: Line) -> str:
    """A labelled line's value with its code spans' backticks kept."""
    raw = _RAW_LABEL.sub("", ln.raw, count=1).strip()
    return raw or ln.value


def _query_line(ctx: Ctx, ln: Line, labelled: bool) -> list[QueryParam]:
    """`` `cursor` (string, optional) — …; `limit` (int, default 20) `` → params."""
    raw = ln.raw
    if labelled:
        raw = _RAW_LABEL.sub("", raw, count=1)
    raw = re.sub(r"^\s*\[[ xX]\]\s*", "", raw)
    if not raw.strip():
        raw = ln.value if labelled else ln.text
    out: list[QueryParam] = []
    pieces = derive.split_top(raw, ";")
    if len(pieces) == 1:
        # `a` (int), `b` (string): commas separate params only when a code span follows
        pieces = [p for p in re.split(r",\s*(?=`)", raw) if p.strip()]
    if any(p.lstrip().startswith("`") for p in pieces):
        # `status` — optional; one of `open`, … : prose after a `name` is its description
        merged: list[str] = []
        for p in pieces:
            if p.lstrip().startswith("`") or not merged:
                merged.append(p)
            else:
                merged[-1] += "; " + p
        pieces = merged
    for piece in pieces:
        m = re.match(r"^\s*`([^`]+)`(.*)$", piece, re.S) or re.match(
            r"^\s*([A-Za-z_][\w.\[\]]*)(.*)$", piece, re.S
        )
        if not m:
            continue
        if (
            not labelled
            and not piece.lstrip().startswith("`")
            and not re.match(r"^\s*[A-Za-z_][\w.\[\]-]*\s*\(", piece)
        ):
            continue  # a prose bullet ("The handler first checks …"), not a parameter
        name = m.group(1).strip()
        if not re.match(r"^[A-Za-z_][\w.\[\]-]*$", name) or name.lower() in ("none", "no", "n/a"):
            continue
        out.append(_param(ctx, ln, name, m.group(2).replace("`", "")))
    return out


def _param(ctx: Ctx, ln: Line, name: str, rest: str) -> QueryParam:
    typ, required, desc = "string", False, rest
    pm = _PARAM_PAREN.match(rest)
    if pm:
        bits = [b.strip() for b in pm.group(1).split(",") if b.strip()]
        if bits and not re.search(r"required|optional|default", bits[0], re.I):
            typ = bits[0]
        required = any(b.lower() == "required" for b in bits)
        desc = rest[pm.end() :]
    desc = desc.strip(" ,;").lstrip("—–-: ").strip(" ,;")
    typ, repeated = derive.repeated_type(typ)
    qp = QueryParam(
        pos=ctx.pos(ln.line, name),
        name=name,
        type=typ,
        required=required,
        description=desc,
        repeated=repeated,
    )
    derive.apply_text(qp, rest)
    return qp


def _query_table(ctx: Ctx, ep: Endpoint, md: MdTable) -> None:
    nc = md.column("parameter", "param", "name", "query parameter", "field")
    tc = md.column("type")
    rc = md.column("required")
    dc = md.column("description", "notes", "meaning")
    fc = md.column("default")
    vc = md.column("rules", "constraints", "validation", "bounds", "values", "allowed values")
    params: list[QueryParam] = []
    for row in ctx.rows(md, "query parameter"):
        name = ctx.cell(row, nc).strip("`")
        if not name:
            continue
        req = ctx.cell(row, rc).lower()
        typ, repeated = derive.repeated_type(ctx.cell(row, tc) or "string")
        qp = QueryParam(
            pos=ctx.row_pos(row),
            name=name,
            type=typ,
            required=req in ("yes", "y", "true", "required", "✓", "✅"),
            description=ctx.cell(row, dc),
            repeated=repeated,
        )
        if fc >= 0:
            qp.default = derive.default_cell(_raw_cell(row, fc) or ctx.cell(row, fc))
        derive.apply_text(qp, " ".join(_raw_cell(row, c) for c in (vc, dc) if c >= 0))
        params.append(qp)
    _merge_query(ep, params)


def _raw_cell(row: Any, col: int) -> str:
    """A table cell's text with its code spans' backticks kept."""
    if 0 <= col < len(row.cells):
        cell = row.cells[col]
        raw = getattr(cell.line, "raw", "") if cell.line is not None else ""
        return raw or cell.text
    return ""


def _query_from_struct(ctx: Ctx, ep: Endpoint) -> None:
    st = ctx.spec.struct(ep.request) if ep.request else None
    if st is None:
        return
    have = {q.name for q in ep.query}
    for f in st.fields:
        if f.query and f.query not in have and f.query != "-":
            ep.query.append(
                QueryParam(
                    pos=f.pos,
                    name=f.query,
                    type=f.type,
                    required="required" in f.validation.split(","),
                    description=f.comment,
                )
            )
            derive.apply_validate(ep.query[-1], f.validation)
            have.add(f.query)


# --------------------------------------------------------------------------- errors


def _status(ctx: Ctx, text: str, line: int) -> int | None:
    m = _STATUS.match(text)
    if m:
        return int(m.group(1))
    ctx.problem(
        line,
        "SPEC054",
        f"status {text!r} is not an HTTP status code; write a number such as 409.",
        needle=text or "|",
    )
    return None


def _error_table(ctx: Ctx, ep: Endpoint, md: MdTable) -> None:
    sc = md.column("status", "status code", "code", "http status")
    cc = md.column("condition", "when", "cause", "description", "reason")
    bc = md.column("body", "response body", "response")
    ec = md.column("error", "go error", "sentinel", "error code")
    for row in ctx.rows(md, "error response"):
        text = ctx.cell(row, sc)
        status = _status(ctx, text, row.line)
        if status is None:
            continue
        if 200 <= status < 300:
            if not ep.success_status_explicit:
                ep.success_status, ep.success_status_explicit = status, True
            continue
        err = ctx.cell(row, ec).strip("` ") if ec >= 0 else ""
        wire_from_error_body(ctx.spec.wire, ctx.cell(row, bc))
        ep.errors.append(
            ErrorResponse(
                pos=ctx.row_pos(row),
                status=status,
                condition=ctx.cell(row, cc),
                body=ctx.cell(row, bc),
                error=err if re.match(r"^(?:\w+\.)?Err\w*$|^[A-Za-z]\w*$", err) else "",
            )
        )


def _error_item(ctx: Ctx, ep: Endpoint, ln: Line) -> None:
    m = re.match(r"^\s*(\d{3})\b\s*[:—–-]*\s*(.*)$", ln.text)
    if not m:
        return
    status = int(m.group(1))
    if 200 <= status < 300:
        return
    ep.errors.append(ErrorResponse(pos=ctx.line_pos(ln), status=status, condition=m.group(2)))


# --------------------------------------------------------------------------- structs / TS


def _top(structs: list[Any], suffix: str) -> str:
    """The struct the others hang off (not used as another's field type), by name suffix."""
    if not structs:
        return ""
    names = [s.name for s in structs]
    used: set[str] = set()
    for s in structs:
        for f in getattr(s, "fields", []):
            for n in names:
                if n != s.name and re.search(rf"\b{re.escape(n)}\b", f.type):
                    used.add(n)
    top = [s for s in structs if s.name not in used] or structs
    for s in top:
        if s.name.endswith(suffix):
            return s.name
    return top[0].name


def _structs(ctx: Ctx, ep: Endpoint, fences: list[tuple[Fence, str]]) -> None:
    by_role: dict[str, list[GoStruct]] = {"request": [], "response": [], "both": []}
    named: dict[str, list[Any]] = {"request": [], "response": [], "both": []}
    for fence, role in fences:
        gf = ctx.go(fence)
        if gf is None:
            continue
        r = role if role in ("request", "response") else "both"
        by_role[r].extend(gf.structs)
        named[r].extend(gf.named_types)
        if role in ("request", "response") and not gf.structs and not gf.named_types:
            ctx.warn(
                fence.line,
                "SPEC057",
                f"the {role} code block declares no Go struct; define `type X struct {{ … }}`.",
            )
    req = _top(by_role["request"], "Request") or _top(named["request"], "Request")
    resp = _top(by_role["response"], "Response") or _top(named["response"], "Response")
    both = by_role["both"]
    if both:
        if not req:
            cands = [s for s in both if s.name.endswith("Request") or s.name.endswith("Input")]
            req = _top(cands, "Request") if cands else ""
        if not resp:
            rest = [s for s in both if s.name != req and not s.name.endswith("Request")]
            resp = _top(rest, "Response")
    if resp:
        resp = _wrapper_in_comment(ctx, fences, resp) or resp
    ep.request, ep.response = req or ep.request, resp or ep.response


# `// DocumentListResponse is unchanged: {documents: []DocumentSummaryResponse, …}`
_SHAPE_COMMENT = re.compile(r"//\s*([A-Z]\w*)\b[^:{\n]*:\s*\{([^}\n]*)\}")


def _shape_comments(fences: list[tuple[Fence, str]]) -> list[tuple[Fence, int, str, str]]:
    """(fence, line, type name, shape) of each comment that sketches a type inline."""
    out = []
    for fence, role in fences:
        if role == "request":
            continue
        for m in _SHAPE_COMMENT.finditer(fence.content):
            line = fence.content_line + fence.content[: m.start()].count("\n")
            out.append((fence, line, m.group(1), m.group(2)))
    return out


def _wrapper_in_comment(ctx: Ctx, fences: list[tuple[Fence, str]], top: str) -> str:
    """A response shown as an inline shape around the block's top struct (class 2: a
    list wrapper the spec leaves unchanged and only sketches in a comment). The sketch
    becomes the struct it describes, so later stages see a defined type."""
    from ...generate.naming import pascal

    for fence, line, name, shape in _shape_comments(fences):
        if name == top or not re.search(rf"\b{re.escape(top)}\b", shape):
            continue
        if ctx.spec.struct(name) is None:
            fields = []
            for part in derive.split_top(shape, ","):
                fname, _, ftype = part.partition(":")
                fname, ftype = fname.strip().strip("\"'"), ftype.strip()
                if not re.fullmatch(r"[a-z_][a-z0-9_]*", fname) or not ftype:
                    return ""
                go = pascal(fname)
                fields.append(f'\t{go} {ftype} `json:"{fname}"`')
            src = f"type {name} struct {{\n" + "\n".join(fields) + "\n}\n"
            ctx.go(Fence(line=line - 1, column=fence.column, info="go", content=src, closed=True))
        return name
    return ""


def _sketched_ts(ctx: Ctx, fences: list[tuple[Fence, str]], name: str) -> None:
    """The TS twin of :func:`_wrapper_in_comment`: `// X unchanged: { a: T[]; … }`."""
    if not name or ctx.spec.ts_type(name) is not None:
        return
    for fence, line, sketched, shape in _shape_comments(fences):
        if sketched == name:
            src = f"export interface {name} {{ {shape.strip()} }}\n"
            ctx.ts(Fence(line=line - 1, column=fence.column, info="ts", content=src, closed=True))
            return


def _ts_top(types: list[TsType], suffix: str) -> str:
    return _top(types, suffix)


def _ts_types(ctx: Ctx, ep: Endpoint, fences: list[tuple[Fence, str]]) -> None:
    _sketched_ts(ctx, fences, ep.response)
    all_types: list[TsType] = []
    roles: dict[str, list[TsType]] = {"request": [], "response": []}
    for fence, role in fences:
        tf = ctx.ts(fence)
        if tf is None:
            continue
        all_types.extend(tf.types)
        if role in roles:
            roles[role].extend(tf.types)
    if not all_types:
        return
    names = [t.name for t in all_types]

    def pick(go_name: str, role: str, suffix: str, exclude: str) -> str:
        if go_name and (go_name in names or ctx.spec.ts_type(go_name) is not None):
            return go_name
        if roles[role]:
            return _ts_top(roles[role], suffix)
        cands = [t for t in all_types if t.name.endswith(suffix) and t.name != exclude]
        if cands:
            return _ts_top(cands, suffix)
        return ""

    ep.ts_request = pick(ep.request, "request", "Request", "")
    ep.ts_response = pick(ep.response, "response", "Response", ep.ts_request)
    # A type another type in the block uses (an element of a list) is nested, not the
    # endpoint's request or response; nor is a `…Response` the request (a GET whose request
    # is query parameters shows only its response types).
    used = {
        m
        for t in all_types
        for f in t.fields
        for m in re.findall(r"[A-Za-z_]\w*", f.type)
        if m != t.name
    }
    rest = [
        t.name
        for t in all_types
        if t.name not in (ep.ts_request, ep.ts_response) and t.name not in used
    ]
    req_rest = [n for n in rest if not n.endswith("Response")]
    if ep.request and not ep.ts_request and req_rest and len(all_types) >= 2:
        ep.ts_request = req_rest[0]
        rest.remove(req_rest[0])
    if ep.response and not ep.ts_response and rest:
        ep.ts_response = rest[0] if len(all_types) >= 2 or not ep.request else ""


def _calls(ctx: Ctx, texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        for m in re.finditer(r"\b([A-Z]\w*)\.([A-Z]\w*)\b", text):
            iface = ctx.spec.interface(m.group(1))
            if iface is not None and any(meth.name == m.group(2) for meth in iface.methods):
                call = f"{m.group(1)}.{m.group(2)}"
                if call not in out:
                    out.append(call)
    return out


# --------------------------------------------------------------------------- events


def read_events(ctx: Ctx, sec: Sec) -> None:
    """Events given as a table (| Event | Channel | Payload | Delivery | Trigger |)."""
    for b in sec.blocks:
        if not isinstance(b, MdTable):
            continue
        nc = b.column("event", "event name", "name")
        if nc < 0:
            continue
        for row in ctx.rows(b, "event"):
            ev = Event(
                pos=ctx.row_pos(row),
                name=ctx.cell(row, nc),
                channel=ctx.cell(row, b.column("channel", "topic")),
                payload=ctx.cell(row, b.column("payload")),
                delivery=ctx.cell(row, b.column("delivery", "guarantee")),
                trigger=ctx.cell(row, b.column("trigger", "when")),
            )
            if ev.payload.lstrip().startswith("{"):
                # an inline JSON shape in a cell reads like the same shape in a fence
                cell = Fence(ev.pos.line, 1, "json", ev.payload, True)
                ev.payload_fields = _payload_fields(ctx, cell)
            ctx.spec.events.append(ev)


def read_event(ctx: Ctx, sec: Sec) -> None:
    title = sec.title.strip()
    name = sec.heading.codes[0] if sec.heading and sec.heading.codes else title.strip("`")
    if re.fullmatch(r"\[[^\]]*\]", name):
        ctx.warn(
            sec.line,
            "SPEC053",
            f"event heading {title!r} is the template placeholder; name the event "
            "(`#### invite.created`) or delete the section.",
        )
        return
    ev = Event(pos=ctx.pos(sec.line, name), name=name)
    role = ""
    for _, b in sec.walk():
        if isinstance(b, Para):
            for ln in b.lines:
                key = norm_header(ln.label) if ln.label else ""
                if key in ("channel", "topic", "subscription", "channel topic"):
                    ev.channel = ln.value_codes[0] if ln.value_codes else ln.value
                elif key.startswith("payload"):
                    role = "payload"
                    if ln.value:
                        ev.payload = ln.value
                        if len(ln.value_codes) == 1 and ln.value.strip() == ln.value_codes[0]:
                            # an inline JSON shape reads like a fenced one
                            inline = Fence(ln.line, 1, "json", ln.value_codes[0], True)
                            ev.payload_fields = _payload_fields(ctx, inline)
                elif key.startswith("delivery"):
                    ev.delivery = ln.value
                elif key.startswith("trigger"):
                    ev.trigger = ln.value
        elif isinstance(b, Fence) and (role == "payload" or not ev.payload):
            ev.payload = b.content.rstrip("\n")
            ev.payload_fields = _payload_fields(ctx, b)
            role = ""
    ctx.spec.events.append(ev)


def _payload_fields(ctx: Ctx, fence: Fence) -> dict[str, str]:
    lang = sniff(fence)
    if lang == "json":
        try:
            data = json.loads(fence.content)
        except ValueError:
            return {}
        if isinstance(data, dict):
            return {
                str(k): v if isinstance(v, str) else json.dumps(v, sort_keys=True)
                for k, v in data.items()
            }
        return {}
    if lang == "go":
        gf = ctx.go(fence)
        if gf is not None and gf.structs:
            return {
                (f.json_name or f.name): f.type for f in gf.structs[0].fields if not f.json_skip
            }
    if lang in ("ts", "tsx"):
        tf = ctx.ts(fence)
        if tf is not None and tf.types:
            return {f.name: f.type for f in tf.types[0].fields}
    return {}
