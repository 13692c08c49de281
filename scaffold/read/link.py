"""Resolve a spec's cross-references once (DESIGN.md §1).

:func:`link` fills the model's link fields so later stages read links instead of
searching:

- each endpoint error row → its Error Taxonomy entry (``ErrorResponse.error``): the
  entry the row names (Go or TS name), else the only entry with the row's status,
  else the one whose name and message share the most words with the row's
  condition and body;
- each hook → its endpoint (``Hook.endpoint``, ``"METHOD /path"``): the hooks
  table's Endpoint column if it has one, else an endpoint the description writes
  out (``GET /api/v1/…``), else the endpoint whose handler, response type or
  resource the hook's name or description names (``useCreateInvite`` →
  ``handlers.CreateInvite``, ``useInvites`` → the list endpoint of ``…/invites``);
- each component → the hooks and TS types it uses (``Component.hooks/types``), from
  its description and props and from hook descriptions that name it;
- each endpoint → the interface methods its description names (``Endpoint.calls``);
- each taxonomy entry without a wire code → the one code its rows' bodies show, and
  each entry → the one message they show (``TaxonomyError.wire_message``).

Requirements ↔ tasks are already both in the model (the mapping table fills
``Requirement.tasks``, each task its ``implements``); ``check``'s TRACE rules
compare them. A link that cannot be resolved is a warning ``Problem`` (``LINK0xx``)
at its line. ``link`` never raises, and running it twice gives the same result.

Conventions (documented for spec authors): a 400 row needs no taxonomy entry when
none has status 400 (generated request validation answers it), nor does a 401 row
(generated auth answers it), nor a 403 row on an endpoint whose auth names a role.
"""

from __future__ import annotations

import json
import re

from ..model import Endpoint, ErrorResponse, Problem, Spec, TaxonomyError

RULES: dict[str, tuple[str, str]] = {
    "LINK001": ("warning", "an endpoint error row's status has an Error Taxonomy entry"),
    "LINK002": ("warning", "an error row matches one Error Taxonomy entry, not several"),
    "LINK003": ("warning", "every hook resolves to an endpoint of the spec"),
    "LINK004": ("warning", "a hook resolves to one endpoint, not several"),
    "LINK005": ("warning", "a hook's Endpoint column names an endpoint the spec defines"),
    "LINK006": ("warning", "the hooks a component description names are in the hooks table"),
    "LINK007": ("warning", "interface methods an endpoint description names exist"),
    "LINK008": ("warning", "an Endpoints Consumed row names an endpoint the spec defines"),
}

_EP_TEXT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?(/[^\s`|,;)]*)")
_WORD = re.compile(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])|\d+")
_STOP = frozenset(
    "a an the of to is in on for and or not with by be this that it as at from err error "
    "errors response body request was were has have are does did its it's".split()
)


def link(spec: Spec) -> Spec:
    """Resolve the spec's cross-references in place and return it. Never raises."""
    spec.problems = [p for p in spec.problems if not p.rule.startswith("LINK")]
    from .link_web import link_components, link_consumed, link_hooks

    steps = (_link_errors, link_consumed, link_hooks, link_components, _link_calls)
    for step in steps:
        try:
            step(spec)
        except Exception as exc:  # noqa: BLE001 - a bad spec must never crash linking
            spec.problems.append(
                Problem(
                    pos=spec.meta.pos,
                    rule="LINK000",
                    severity="warning",
                    message=f"could not resolve links ({step.__name__[6:]}: "
                    f"{type(exc).__name__}: {exc}); later checks may be incomplete.",
                )
            )
    return spec


def _warn(spec: Spec, node: object, rule: str, message: str) -> None:
    pos = getattr(node, "pos")
    spec.problems.append(Problem(pos=pos, rule=rule, severity="warning", message=message))


def words(text: str) -> set[str]:
    """Lowercase words of prose and identifiers (`ErrInviteExists` → invite, exists)."""
    out = set()
    for w in _WORD.findall(text):
        w = w.lower()
        if w not in _STOP and len(w) > 1:
            out.add(w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return out


# --------------------------------------------------------------------------- error rows


def _link_errors(spec: Spec) -> None:
    by_status: dict[int, list[TaxonomyError]] = {}
    for err in spec.errors:
        by_status.setdefault(err.status, []).append(err)
    names = {e.go_name: e for e in spec.errors} | {e.ts_name: e for e in spec.errors if e.ts_name}
    for ep in spec.endpoints:
        for row in ep.errors:
            explicit, row.error = row.error, ""
            err = _explicit_row(spec, row, explicit)
            if err is None:
                err = _resolve_row(spec, ep, row, by_status, names)
            if err is not None:
                row.error = err.go_name
    _codes_from_bodies(spec)


def _codes_from_bodies(spec: Spec) -> None:
    """An entry the taxonomy gives no wire code (no Code column, or none in its row) takes
    it from the error bodies of the rows linked to it (`{"error": {"code":
    "save_not_found", …}}`), when those bodies agree on one code. Its wire message is
    the message those bodies agree on."""
    shown: dict[str, set[str]] = {}
    said: dict[str, set[str]] = {}
    for ep in spec.endpoints:
        for row in ep.errors:
            if row.error:
                shown.setdefault(row.error, set()).update(_BODY_CODE.findall(row.body))
                message = body_message(row.body)
                if message:
                    said.setdefault(row.error, set()).add(message)
    for err in spec.errors:
        codes = shown.get(err.go_name, set())
        if not err.code and len(codes) == 1:
            err.code = codes.pop()
        messages = said.get(err.go_name, set())
        if len(messages) == 1:
            err.wire_message = messages.pop()


def body_message(body: str) -> str:
    """The message an error body shows: `{"error": "…"}`, `{"error": {"message": "…"}}`
    or `{"message": "…"}`; "" when it is not JSON or shows none (a placeholder such
    as "description" or "…" is none)."""
    try:
        parsed = json.loads(body.strip().strip("`").strip())
    except ValueError:
        return ""
    if not isinstance(parsed, dict):
        return ""
    inner = parsed.get("error")
    source = inner if isinstance(inner, dict) else parsed
    text = inner if isinstance(inner, str) else source.get("message")
    if not isinstance(text, str) or not text.strip() or len(text.split()) < 2:
        return ""
    return text.strip()


_BODY_CODE = re.compile(r"""["']code["']\s*:\s*["']([A-Za-z][\w.-]*)["']""")
_CODE_SPAN = re.compile(r"`([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Z]{3,})`")


def row_codes(row: ErrorResponse) -> list[str]:
    """The wire codes an error row shows: its body's `"code": "X"`, a code span in the
    condition (`UNAUTHORIZED`, `tag_not_found`)."""
    out = _BODY_CODE.findall(row.body) + _CODE_SPAN.findall(row.condition)
    return list(dict.fromkeys(out))


def _explicit_row(spec: Spec, row: ErrorResponse, explicit: str) -> TaxonomyError | None:
    """The entry a row names itself: a Go error column (`ErrInvalidRequest`,
    `tags.ErrNotFound`) or its wire code (`"code": "tag_not_found"`) with the row's status."""
    if explicit:
        named = spec.error(explicit)
        if named is None and "." not in explicit:
            hits = [e for e in spec.errors if e.code and e.code.lower() == explicit.lower()]
            named = hits[0] if len(hits) == 1 else None
        if named is not None and named.status == row.status:
            return named
    for code in row_codes(row):
        hits = [
            e
            for e in spec.errors
            if e.code and e.code.lower() == code.lower() and e.status == row.status
        ]
        if len(hits) == 1:
            return hits[0]
    return None


def _resolve_row(
    spec: Spec,
    ep: Endpoint,
    row: ErrorResponse,
    by_status: dict[int, list[TaxonomyError]],
    names: dict[str, TaxonomyError],
) -> TaxonomyError | None:
    text = f"{row.condition} {row.body}"
    for ident in re.findall(r"[A-Za-z_]\w*", text):
        named = names.get(ident)
        if named is not None and named.status == row.status:
            return named
    candidates = by_status.get(row.status, [])
    codes = {c.lower() for c in row_codes(row)}
    if codes:
        # a row that shows its wire code is never linked to an entry with another code
        candidates = [c for c in candidates if not c.code or c.code.lower() in codes]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        if _generated_status(ep, row.status):
            return None
        keep = words(row.condition)
        ordered = [
            w.lower()
            for w in re.findall(r"[A-Za-z]+", re.sub(r"\bErr\w*", "", row.condition))
            if w.lower() in keep or w.lower()[:-1] in keep
        ]
        base = "".join(w.capitalize() for w in dict.fromkeys(ordered) if w)
        base = base[:40] or "Request"
        _warn(
            spec,
            row,
            "LINK001",
            f"{ep.key} answers {row.status} ({row.condition or 'no condition'}), but no Error "
            f"Taxonomy entry has status {row.status}; add one, such as "
            f"`| Err{base} | {row.status} | {base}Error | <message> | warn |`",
        )
        return None
    row_words = words(text)
    scored = sorted(
        (
            (len(row_words & words(f"{c.go_name} {c.ts_name} {c.message}")), i)
            for i, c in enumerate(candidates)
        ),
        reverse=True,
    )
    best, index = scored[0]
    if best > 0 and (len(scored) == 1 or scored[1][0] < best):
        return candidates[index]
    options = " or ".join(c.go_name for c in candidates)
    _warn(
        spec,
        row,
        "LINK002",
        f"{ep.key}'s {row.status} row matches {options}; name the one it returns in the "
        f"condition, such as '{row.condition or 'not found'} ({candidates[0].go_name})'",
    )
    return None


def _generated_status(ep: Endpoint, status: int) -> bool:
    """Statuses generated code answers without a taxonomy entry (see the module doc)."""
    if status in (400, 401):
        return True
    return status == 403 and ep.auth is not None and bool(ep.auth.role)


# --------------------------------------------------------------------------- hooks


def _norm_path(path: str) -> str:
    path = path.strip().strip("`").split("?", 1)[0].rstrip("/") or "/"
    return re.sub(r"\{[^}]*\}|:[A-Za-z_]\w*", "{}", path)


def _match_key(spec: Spec, method: str, path: str) -> Endpoint | None:
    want = (method.upper(), _norm_path(path))
    for ep in spec.endpoints:
        if (ep.method.upper(), _norm_path(ep.path)) == want:
            return ep
    return None


# --------------------------------------------------------------------------- interface calls


def _link_calls(spec: Spec) -> None:
    interfaces = {i.name: i for i in spec.go_interfaces}
    for ep in spec.endpoints:
        calls = list(ep.calls)
        for iface, method in re.findall(r"\b([A-Z]\w*)\.([A-Z]\w*)\b", ep.description):
            target = interfaces.get(iface)
            if target is None:
                continue
            if any(m.name == method for m in target.methods):
                if f"{iface}.{method}" not in calls:
                    calls.append(f"{iface}.{method}")
            else:
                have = ", ".join(m.name for m in target.methods) or "no methods"
                _warn(
                    spec,
                    ep,
                    "LINK007",
                    f"{ep.key} calls {iface}.{method}, but {iface} has no method {method} "
                    f"(it has: {have}); add the method to the interface or fix the name",
                )
        ep.calls = calls
