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
- each endpoint → the interface methods its description names (``Endpoint.calls``).

Requirements ↔ tasks are already both in the model (the mapping table fills
``Requirement.tasks``, each task its ``implements``); ``check``'s TRACE rules
compare them. A link that cannot be resolved is a warning ``Problem`` (``LINK0xx``)
at its line. ``link`` never raises, and running it twice gives the same result.

Conventions (documented for spec authors): a 400 row needs no taxonomy entry when
none has status 400 (generated request validation answers it), nor does a 401 row
(generated auth answers it), nor a 403 row on an endpoint whose auth names a role.
"""

from __future__ import annotations

import re

from ..model import Component, Endpoint, ErrorResponse, Hook, Problem, Spec, TaxonomyError

RULES: dict[str, tuple[str, str]] = {
    "LINK001": ("warning", "an endpoint error row's status has an Error Taxonomy entry"),
    "LINK002": ("warning", "an error row matches one Error Taxonomy entry, not several"),
    "LINK003": ("warning", "every hook resolves to an endpoint of the spec"),
    "LINK004": ("warning", "a hook resolves to one endpoint, not several"),
    "LINK005": ("warning", "a hook's Endpoint column names an endpoint the spec defines"),
    "LINK006": ("warning", "the hooks a component description names are in the hooks table"),
    "LINK007": ("warning", "interface methods an endpoint description names exist"),
}

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_EP_TEXT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?(/[^\s`|,;)]*)")
_WORD = re.compile(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])|\d+")
_STOP = frozenset(
    "a an the of to is in on for and or not with by be this that it as at from err error "
    "errors response body request was were has have are does did its it's".split()
)


def link(spec: Spec) -> Spec:
    """Resolve the spec's cross-references in place and return it. Never raises."""
    spec.problems = [p for p in spec.problems if not p.rule.startswith("LINK")]
    steps = (_link_errors, _link_hooks, _link_components, _link_calls)
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
            row.error = ""
            err = _resolve_row(spec, ep, row, by_status, names)
            if err is not None:
                row.error = err.go_name


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


def _hook_core(name: str) -> str:
    name = re.sub(r"\(.*$", "", name).strip().strip("`")
    return name[3:] if re.match(r"^use[A-Z]", name) else name[:1].upper() + name[1:]


def _resource(ep: Endpoint) -> str:
    """The last literal path segment: `/api/v1/workspaces/{id}/invites` → `invites`."""
    parts = [p for p in ep.path.strip("/").split("/") if p and not p.startswith("{")]
    return parts[-1].lower() if parts else ""


def _candidates(spec: Spec, hook: Hook) -> list[Endpoint]:
    """The endpoints a hook may call, by the strongest evidence found (see the module doc)."""
    # 1. An endpoint written out in the description.
    found: list[Endpoint] = []
    for method, path in _EP_TEXT.findall(hook.description):
        ep = _match_key(spec, method, path)
        if ep is not None and ep not in found:
            found.append(ep)
    if found:
        return found
    core = _hook_core(hook.name)
    core_l = core.lower()
    idents = set(re.findall(r"[A-Za-z_]\w*", f"{hook.name} {hook.description}"))
    # 2. The handler its name or description names: useCreateInvite → handlers.CreateInvite.
    found = [
        ep
        for ep in spec.endpoints
        if ep.handler is not None
        and ep.handler.function
        and (ep.handler.function.lower() == core_l or ep.handler.function in idents)
    ]
    if found:
        return found
    # 3. Conventions: useInvites → GET …/invites (a list); useInvite → GET …/{id};
    #    useRevokeInvite / revokeInvite → DELETE …/invites/{id}.
    found = _by_convention(spec, core)
    if found:
        return found
    # 4. The response or request type its name or description names.
    return [
        ep
        for ep in spec.endpoints
        if {n for n in (ep.response, ep.ts_response, ep.request, ep.ts_request) if n}
        & (idents | {core})
    ]


_VERBS = {
    "create": ("POST",),
    "add": ("POST",),
    "update": ("PATCH", "PUT"),
    "edit": ("PATCH", "PUT"),
    "delete": ("DELETE",),
    "remove": ("DELETE",),
    "revoke": ("DELETE",),
}


def _by_convention(spec: Spec, core: str) -> list[Endpoint]:
    core_l = core.lower()
    found: list[Endpoint] = []
    for ep in spec.endpoints:
        res = _resource(ep)
        if not res or ep.method.upper() != "GET":
            continue
        is_item = ep.path.rstrip("/").endswith("}")
        if (core_l == res and not is_item) or (core_l == res.rstrip("s") and is_item):
            found.append(ep)
    if found:
        return found
    m = re.match(
        r"^(create|add|update|edit|delete|remove|revoke)([A-Z]\w*)$", core[:1].lower() + core[1:]
    )
    if m:
        noun = m.group(2).lower().rstrip("s")
        for ep in spec.endpoints:
            parts = [p for p in ep.path.strip("/").split("/") if p and not p.startswith("{")]
            if ep.method.upper() in _VERBS[m.group(1)] and any(
                p.lower().rstrip("s") == noun for p in parts[-2:]
            ):
                found.append(ep)
    return found


def _link_hooks(spec: Spec) -> None:
    for hook in spec.hooks:
        written = hook.endpoint.strip().strip("`")
        if written:
            m = re.match(r"^(\w+)\s+(\S+)", written)
            ep = _match_key(spec, m.group(1), m.group(2)) if m else None
            if ep is None and m is None:
                # A bare path: the one endpoint on it, if only one.
                on_path = [e for e in spec.endpoints if _norm_path(e.path) == _norm_path(written)]
                ep = on_path[0] if len(on_path) == 1 else None
            if ep is not None:
                hook.endpoint = ep.key
            else:
                first = spec.endpoints[0].key if spec.endpoints else "GET /api/v1/items"
                _warn(
                    spec,
                    hook,
                    "LINK005",
                    f"hook {hook.name} names endpoint '{written}', which the spec does not "
                    f"define; write one of the spec's endpoints, such as `{first}`",
                )
                hook.endpoint = ""
            continue
        found = _candidates(spec, hook)
        if len(found) == 1:
            hook.endpoint = found[0].key
        elif found:
            hook.endpoint = ""
            options = ", ".join(ep.key for ep in found)
            _warn(
                spec,
                hook,
                "LINK004",
                f"hook {hook.name} could call any of {options}; name the one it calls in its "
                f"description, such as 'calls `{found[0].key}`'",
            )
        else:
            hook.endpoint = ""
            example = spec.endpoints[0].key if spec.endpoints else "GET /api/v1/items"
            _warn(
                spec,
                hook,
                "LINK003",
                f"hook {hook.name} names no endpoint of the spec; say which it calls in its "
                f"description, such as 'calls `{example}`', or add an Endpoint column",
            )


# --------------------------------------------------------------------------- components


def _link_components(spec: Spec) -> None:
    hook_names = {re.sub(r"\(.*$", "", h.name).strip(): h for h in spec.hooks}
    ts_names = {t.name for t in spec.ts_types}
    for comp in spec.components:
        # The component's own words, and those of the tasks that create it.
        task_text = " ".join(
            t.description
            for t in spec.tasks
            if any(f.action == "create" and f.path == comp.path for f in t.files)
        )
        text = f"{comp.description} {comp.props} {task_text}"
        idents = re.findall(r"[A-Za-z_$][\w$]*", text)
        hooks = [n for n in dict.fromkeys(idents) if n in hook_names]
        for name, hook in hook_names.items():
            if (
                comp.name
                and name not in hooks
                and re.search(rf"\b{re.escape(comp.name)}\b", hook.description)
            ):
                hooks.append(name)
        comp.hooks = hooks
        types = [n for n in dict.fromkeys(idents) if n in ts_names]
        for name in hooks:
            ep = spec.endpoint(hook_names[name].endpoint) if hook_names[name].endpoint else None
            if ep is not None:
                for t in (ep.ts_response, ep.ts_request):
                    if t and t in ts_names and t not in types:
                        types.append(t)
        comp.types = types
        for ident in dict.fromkeys(idents):
            if re.match(r"^use[A-Z]\w*$", ident) and ident not in hook_names:
                _warn_component(spec, comp, ident, hook_names)


def _warn_component(spec: Spec, comp: Component, ident: str, hooks: dict[str, Hook]) -> None:
    known = ", ".join(sorted(hooks)) or "none yet"
    _warn(
        spec,
        comp,
        "LINK006",
        f"component {comp.name or comp.path} uses {ident}, which the hooks table does not list "
        f"(it lists: {known}); add a row for {ident} or name a listed hook",
    )


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
