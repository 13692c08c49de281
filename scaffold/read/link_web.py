"""Frontend links (DESIGN.md §1): hook → endpoint, component → hooks and types.

Called by :func:`scaffold.read.link.link`; see its module doc for the evidence order.
"""

from __future__ import annotations

import re

from ..model import Component, Endpoint, Hook, Spec
from .link import _EP_TEXT, _match_key, _norm_path, _warn
from .markdown.modules import LIBRARY_HOOKS, endpoint_text, said_existing

# A hook that subscribes to the spec's real-time events rather than calling REST.
_SUBSCRIBES = re.compile(r"\b(?:subscri\w*|listens?\s+(?:to|for))\b", re.I)


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
        ep = _match_key(spec, method, path.rstrip(".:"))
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


def _events_named(spec: Spec, hook: Hook) -> list[str]:
    """The spec's events a hook's words name (`ticket.updated`, its channel)."""
    text = f"{hook.name} {hook.description} {hook.endpoint}"
    return [
        ev.name
        for ev in spec.events
        if re.search(rf"(?<![\w.]){re.escape(ev.name)}(?![\w.])", text)
        or (ev.channel and ev.channel in text)
    ]


def socket_path(spec: Spec) -> str:
    """The socket path the spec names (`WS /api/v1/ws`, `wss://host/ws`): in a hook that
    gives it, its real-time events, or the system context; "" if none."""
    texts = [h.endpoint for h in spec.hooks] + [h.description for h in spec.hooks]
    texts += [f"{ev.channel} {ev.delivery} {ev.trigger}" for ev in spec.events]
    texts.append(spec.system_context)
    for text in texts:
        found = endpoint_text(text)
        if found.startswith("WS "):
            return found[3:]
    return ""


def _link_socket(spec: Spec, hook: Hook) -> bool:
    """A hook that subscribes to an event: endpoint `WS <socket path>`. False if it is not one."""
    written = endpoint_text(hook.endpoint)
    if written and not written.startswith("WS "):
        return False  # the REST endpoint the hooks table gives
    written = written or endpoint_text(hook.description)
    events = _events_named(spec, hook)
    says = bool(_SUBSCRIBES.search(hook.description))
    if not (written.startswith("WS ") or (events and says)):
        return False
    path = written[3:] if written.startswith("WS ") else socket_path(spec)
    hook.endpoint = f"WS {path}" if path else ""
    if not path:
        _warn(
            spec,
            hook,
            "LINK003",
            f"hook {hook.name} subscribes to {', '.join(events) or 'an event'} but the spec "
            "names no socket path; say where clients connect in the real-time section, such "
            "as 'over `WS /api/v1/ws`'",
        )
    return True


def link_hooks(spec: Spec) -> None:
    for hook in spec.hooks:
        if _link_socket(spec, hook):
            continue
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
        elif _events_named(spec, hook) and socket_path(spec):
            hook.endpoint = f"WS {socket_path(spec)}"
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


def link_components(spec: Spec) -> None:
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
            if (
                re.match(r"^use[A-Z]\w*$", ident)
                and ident not in hook_names
                and ident not in LIBRARY_HOOKS
                and not any(said_existing(ident, t) for t in _spec_texts(spec))
            ):
                _warn_component(spec, comp, ident, hook_names)


def _spec_texts(spec: Spec) -> list[str]:
    """The frontend prose of the spec, where it may say a hook already exists."""
    out = [c.description for c in spec.components] + [h.description for h in spec.hooks]
    out += [f.description for f in spec.files] + [t.description for t in spec.tasks]
    return [t for t in out if t]


def _warn_component(spec: Spec, comp: Component, ident: str, hooks: dict[str, Hook]) -> None:
    known = ", ".join(sorted(hooks)) or "none yet"
    _warn(
        spec,
        comp,
        "LINK006",
        f"component {comp.name or comp.path} uses {ident}, which the hooks table does not list "
        f"(it lists: {known}); add a row for {ident} or name a listed hook",
    )


def link_consumed(spec: Spec) -> None:
    """A frontend file's Endpoints Consumed rows name the TS types its client uses for an
    endpoint the backend file defines; they are that endpoint's TS request/response."""
    for row in spec.consumed:
        ep = _match_key(spec, row.method, row.path)
        if ep is None:
            _warn(
                spec,
                row,
                "LINK008",
                f"Endpoints Consumed names {row.method} {row.path}, which the spec does not "
                "define; fix the method or path, or add the endpoint to the API Design",
            )
            continue
        if row.ts_response:
            ep.ts_response = row.ts_response
        if row.ts_request:
            ep.ts_request = row.ts_request
