"""Component & module design: file tables, components, shadcn, hooks.

Go interfaces and TypeScript types of this section are read with every other
code fence of the spec (see :func:`scaffold.read.markdown._read_fences`).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ...model import Component, ConsumedEndpoint, FileEntry, Hook
from .blocks import BList, Fence, Item, Para, Sec, iter_blocks
from .blocks import Table as MdTable
from .context import NONE_WORDS, Ctx, says_none

_FRONTEND_EXT = (".ts", ".tsx", ".js", ".jsx", ".css", ".mts", ".json", ".html")
_NONE = NONE_WORDS
_HOOK_NAME = re.compile(r"^use[A-Z0-9]\w*$")
_FILE_PATH = re.compile(r"^[\w@~+./-]+\.\w{1,5}$")
# Hooks of React and of the libraries a spec's frontend builds on (router, TanStack Query,
# react-hook-form, shadcn/ui, SWR): a spec uses them, it does not define them.
LIBRARY_HOOKS = frozenset("""
    use useState useEffect useContext useReducer useCallback useMemo useRef useLayoutEffect
    useImperativeHandle useId useTransition useDeferredValue useSyncExternalStore
    useInsertionEffect useDebugValue useOptimistic useActionState useFormStatus
    useParams useSearchParams useNavigate useLocation useMatch useMatches useRouteError
    useLoaderData useActionData useOutletContext useNavigation useHref useRoutes useRevalidator
    useFetcher useSubmit useBlocker useResolvedPath useRouter usePathname
    useQuery useQueries useMutation useInfiniteQuery useQueryClient useSuspenseQuery
    useSuspenseInfiniteQuery useIsFetching useIsMutating useMutationState
    useForm useFieldArray useWatch useController useFormContext useFormState useFormField
    useToast useSidebar useCarousel useSWR useSWRMutation useSWRInfinite
    """.split())
_EXISTING = r"(?:existing|already[- ]existing|current|shared)"


def is_spec_hook(name: str) -> bool:
    """A hook the spec defines by that name: `useX`, not React's or a library's own."""
    return bool(_HOOK_NAME.match(name)) and name not in LIBRARY_HOOKS


def said_existing(name: str, text: str) -> bool:
    """The text says ``name`` already exists: "the existing `useOrgMembers`",
    "`useRealtimeChannel` (existing)", or a description that starts "Existing …"."""
    n = re.escape(name)
    return bool(
        re.search(rf"\b{_EXISTING}\s+(?:\w+\s+)?`?{n}\b", text, re.I)
        or re.search(
            rf"\b{n}`?(?:\([^)]*\))?`?\s*\((?:existing|already exists?|unchanged)", text, re.I
        )
        or re.search(rf"\b{n}\b[^.;]*\balready exists?\b", text, re.I)
    )


_COMPONENT_KINDS = {"page", "reusable", "feature", "component", "layout", "dialog", "modal", "form"}
_SHADCN_CMD = re.compile(
    r"(?:npx|pnpm\s+dlx|bunx|yarn\s+dlx|pnpm\s+exec|npm\s+exec)\s+(?:(?:-y|--yes)\s+)?"
    r"shadcn(?:-ui)?(?:@[\w.^~-]+)?\s+add\s+(.*)$"
)
_METHOD_PATH = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?(/[^\s`|]*)")


def _side_action(kind: str) -> tuple[str, str]:
    side = "backend" if kind.startswith("be_") else "frontend" if kind.startswith("fe_") else ""
    action = "modify" if kind.endswith("_mod") or kind == "modified_files" else "create"
    return side, action


def read_files(ctx: Ctx, sec: Sec) -> None:
    side, action = _side_action(sec.kind)
    for b in sec.blocks:
        if isinstance(b, MdTable):
            _file_table(ctx, b, side, action)


def _file_table(ctx: Ctx, md: MdTable, side: str, action: str) -> None:
    pc = md.column("file path", "path", "file", "file name")
    if not ctx.need_column(md, pc, "File Path", "files"):
        return
    pkg = md.column("package", "go package")
    exp = md.column("exported interface", "exports", "exported", "exported api", "key exports")
    desc = md.column(
        "change description", "description", "change", "changes", "purpose", "notes", "what changes"
    )
    kind_c = md.column("type", "kind", "component type")
    shadcn_c = md.column("shadcn components used", "shadcn components", "shadcn", "ui components")
    props_c = md.column("props interface", "props", "props type")
    for row in ctx.rows(md, "file"):
        for path in _row_paths(ctx, row, pc):
            _file_row(ctx, row, path, side, action, (pkg, exp, desc, kind_c, shadcn_c, props_c))


def _row_paths(ctx: Ctx, row: object, pc: int) -> list[str]:
    """The paths of a file cell: one, or several (`a.ts`, `b.ts` in one cell)."""
    codes = [c.strip() for c in ctx.cell_codes(row, pc)]  # type: ignore[arg-type]
    paths = [c for c in codes if _FILE_PATH.match(c) and "/" in c]
    if len(paths) > 1:
        return paths
    if codes:
        return [codes[0]] if codes[0] else []
    text = ctx.cell(row, pc).strip()  # type: ignore[arg-type]
    pieces = [p.strip() for p in re.split(r"\s*,\s*", text)]
    if len(pieces) > 1 and all(_FILE_PATH.match(p) for p in pieces):
        return pieces
    return [text] if text else []


def _file_row(
    ctx: Ctx, row: object, path: str, side: str, action: str, cols: tuple[int, ...]
) -> None:
    pkg, exp, desc, kind_c, shadcn_c, props_c = cols
    cell = lambda i: ctx.cell(row, i)  # type: ignore[arg-type]  # noqa: E731
    pos = ctx.row_pos(row)  # type: ignore[arg-type]
    row_side = side or ("frontend" if path.endswith(_FRONTEND_EXT) else "backend")
    ctx.spec.files.append(
        FileEntry(
            pos=pos,
            path=path,
            side=row_side,  # type: ignore[arg-type]
            action=action,  # type: ignore[arg-type]
            package=cell(pkg),
            exports=cell(exp),
            description=cell(desc),
        )
    )
    if row_side != "frontend":
        return
    kind = cell(kind_c)
    if action == "create" and _is_component(path, kind):
        name = component_name(path)
        ctx.spec.components.append(
            Component(
                pos=pos,
                path=path,
                name=name,
                kind=kind,
                shadcn=split_names(cell(shadcn_c)),
                props=_props(ctx, row, props_c, name, path),
                description=cell(desc),
            )
        )
    elif _is_hook_file(path, kind):
        # A hook listed only in a files table (Type "Hook"); the hooks table, read with
        # the rest, wins: see :func:`_hooks_from_files`.
        ctx.file_hooks.append((pos, path, cell(desc)))


def _props(ctx: Ctx, row: object, idx: int, comp: str, path: str) -> str:
    """The props interface a cell names; "" for none written any way; an inline shape
    (`{ requireSuperadmin?: boolean }`) is read as the interface `<Component>Props`."""
    text = ctx.cell(row, idx)  # type: ignore[arg-type]
    if says_none(text):
        return ""
    codes = [c.strip() for c in ctx.cell_codes(row, idx)]  # type: ignore[arg-type]
    shape = next((c for c in codes if c.startswith("{")), "")
    if not shape and text.strip().startswith("{"):
        shape = text.strip()
    if shape:
        name = f"{comp}Props"
        if ctx.spec.ts_type(name) is None:
            line = row.line  # type: ignore[attr-defined]
            ctx.ts_source(f"interface {name} {shape}", line, 1, file_hint=path)
        return name
    written = codes[0] if codes else text.strip().strip("`")
    # The name as written (a bad one is NAME002's to report), without a trailing note.
    return re.split(r"\s+\(|\s+[—–]\s", written, maxsplit=1)[0].strip()


def _is_component(path: str, kind: str) -> bool:
    p = PurePosixPath(path)
    if p.suffix not in (".tsx", ".jsx"):
        return False
    if re.search(r"\.(test|spec|stories)$", p.stem):
        return False
    k = kind.strip().lower()
    if k in _NONE - {""} or k in ("test", "hook", "hooks", "types", "util", "utility"):
        return False
    # A React context (`AuthContext.tsx`, Type "Context"/"Provider") is a provider of
    # state, not a component with props.
    if re.search(r"\b(context|provider|hooks?)\b", k) or re.search(r"Context$", p.stem):
        return False
    return p.stem[:1].isupper() or any(w in k for w in _COMPONENT_KINDS)


def _is_hook_file(path: str, kind: str) -> bool:
    """A frontend file holding one hook named after it: `src/hooks/useX.ts` (Type "Hook")."""
    p = PurePosixPath(path)
    if p.suffix not in (".ts", ".tsx", ".js", ".jsx") or not is_spec_hook(p.stem):
        return False
    k = kind.strip().lower()
    return not k or bool(re.search(r"\bhooks?\b", k))


def component_name(path: str) -> str:
    """`src/components/invites/InviteDialog.tsx` → `InviteDialog`; `index.tsx` → its folder."""
    p = PurePosixPath(path)
    stem = p.stem
    if stem.lower() == "index" and p.parent.name:
        stem = p.parent.name
    parts = re.split(r"[-_.\s]+", stem)
    if len(parts) > 1 or not stem[:1].isupper():
        return "".join(x[:1].upper() + x[1:] for x in parts if x)
    return stem


def split_names(text: str) -> list[str]:
    """`Button, Dialog, Input` → names (also `;`, `/`, ` and `); none/-/n/a → []."""
    if text.strip().lower() in _NONE:
        return []
    out: list[str] = []
    for piece in re.split(r"[,;/]|\band\b|\+", text):
        piece = piece.strip().strip("`").strip()
        m = re.match(r"^[A-Za-z][\w-]*", piece)
        if m and m.group(0).lower() not in _NONE and m.group(0) not in out:
            out.append(m.group(0))
    return out


# --------------------------------------------------------------------------- shadcn


def read_shadcn(ctx: Ctx, sec: Sec) -> None:
    commands: list[tuple[int, str]] = []
    for _, b in sec.walk():
        if isinstance(b, Fence):
            for i, raw in enumerate(b.content.split("\n")):
                commands.append((b.content_line + i, raw))
        elif isinstance(b, Para):
            for ln in b.lines:
                commands.extend((ln.line, c) for c in ln.codes)
        elif isinstance(b, BList):
            for item in b.items:
                if item.first is not None:
                    commands.extend((item.first.line, c) for c in item.first.codes)
    for line, raw in commands:
        text = raw.strip().lstrip("$").strip()
        m = _SHADCN_CMD.search(text)
        if not m:
            continue
        for word in m.group(1).split():
            if word.startswith("-"):
                continue
            if word in ("&&", ";", "\\"):
                break
            if word.startswith("["):
                ctx.warn(
                    line,
                    "SPEC053",
                    f"shadcn install still has the template placeholder {word!r}; name the "
                    "components (e.g. `npx shadcn@latest add dialog`).",
                    needle=word,
                )
                continue
            if word not in ctx.spec.shadcn_install:
                ctx.spec.shadcn_install.append(word)


# --------------------------------------------------------------------------- hooks


def read_hooks(ctx: Ctx, sec: Sec) -> None:
    """Hooks of the hooks table, or of a bullet list (`- `useX(id)` in `file` — `GET …``).

    A row or bullet that names only client functions (`listTickets`), React's or a
    library's hooks (`useSearchParams`), or a hook the spec says already exists, defines
    no spec hook.
    """
    taken = {h.name for h in ctx.spec.hooks}
    for _, b in sec.walk():
        if isinstance(b, MdTable):
            _hook_table(ctx, b, taken)
        elif isinstance(b, BList):
            for item in _items(b):
                _hook_item(ctx, item, taken)


def _items(lst: BList) -> list[Item]:
    out: list[Item] = []
    for item in lst.items:
        out.append(item)
        for inner in iter_blocks(item.blocks):
            if isinstance(inner, BList):
                out.extend(inner.items)
    return out


def _hook_table(ctx: Ctx, b: MdTable, taken: set[str]) -> None:
    hc = b.column("hook function", "hook", "function", "name", "hook or function")
    if not ctx.need_column(b, hc, "Hook / Function", "hooks"):
        return
    pc = b.column("file path", "path", "file")
    dc = b.column("description", "purpose", "notes")
    ec = b.column("endpoint", "api endpoint", "calls", "route", "endpoints")
    for row in ctx.rows(b, "hook"):
        raw = ctx.cell(row, hc)
        desc = ctx.cell(row, dc)
        codes = ctx.cell_codes(row, pc)
        path = (codes[0] if codes else ctx.cell(row, pc)).strip()
        endpoint = endpoint_text(ctx.cell(row, ec)) if ec >= 0 else ""
        for name in _hook_names(raw, ctx.cell_codes(row, hc)):
            if (
                name in taken
                or said_existing(name, f"{raw} {desc[:1] and desc}")
                or (re.match(rf"^\s*{_EXISTING}\b|^\s*already\b", desc, re.I))
            ):
                continue
            taken.add(name)
            ctx.spec.hooks.append(
                Hook(
                    pos=ctx.row_pos(row), name=name, path=path, description=desc, endpoint=endpoint
                )
            )


def _hook_names(raw: str, codes: list[str]) -> list[str]:
    """The spec hooks a Hook cell names: `useX(a: string)`, several in one cell, none for
    client functions and library hooks."""
    names = [m.group(1) for c in codes if (m := re.match(r"^\s*([A-Za-z_$][\w$]*)", c))]
    if not names:
        m = re.match(r"^\s*`?([A-Za-z_$][\w$]*)", raw)
        names = [m.group(1)] if m else []
    return [n for n in dict.fromkeys(names) if is_spec_hook(n)]


def _hook_item(ctx: Ctx, item: Item, taken: set[str]) -> None:
    first = item.first
    if first is None or not first.codes:
        return
    m = re.match(r"^\s*([A-Za-z_$][\w$]*)", first.codes[0])
    if not m or not first.text.lstrip().startswith(first.codes[0].strip()[:1] and first.codes[0]):
        return
    name = m.group(1)
    para = item.blocks[0]
    text = " ".join(ln.text for ln in para.lines) if isinstance(para, Para) else first.text
    rest = text.lstrip()[len(first.codes[0]) :]
    if not is_spec_hook(name) or name in taken or said_existing(name, text):
        return
    codes = [c for ln in para.lines for c in ln.codes] if isinstance(para, Para) else []
    path = next((c for c in codes[1:] if re.search(r"\.(ts|tsx|js|jsx)$", c)), "")
    em = _METHOD_PATH.search(rest)
    endpoint = endpoint_text(em.group(0)) if em else endpoint_text(rest if _WS.search(rest) else "")
    desc = re.sub(r"^\s*(?:in\s+\S+\s*)?(?:—|–|-|:)\s*", "", rest.replace(path, "", 1)).strip()
    taken.add(name)
    ctx.spec.hooks.append(
        Hook(
            pos=ctx.pos(first.line, first.codes[0]),
            name=name,
            path=path,
            description=desc,
            endpoint=endpoint,
        )
    )


_WS = re.compile(r"\b(?:WS|WSS|WebSocket)\s+`?(/[^\s`<>,;)]+)|wss?://[^/\s`]+(/[^\s`<>,;)]+)")


def endpoint_text(text: str) -> str:
    """The endpoint a cell names: `GET /api/v1/x` → "GET /api/v1/x"; a socket
    (`WS /api/v1/ws, channel …`, `wss://host/ws`) → "WS /api/v1/ws"; else ""."""
    ws = _WS.search(text)
    em = _METHOD_PATH.search(text)
    if ws and (em is None or ws.start() < em.start()):
        return f"WS {(ws.group(1) or ws.group(2)).rstrip('.,;:')}"
    if em:
        return f"{em.group(1)} {em.group(2).rstrip('.,;:')}"
    return ""


def _hooks_from_files(ctx: Ctx) -> None:
    """Hooks listed only in a files table (`src/hooks/useX.ts`, Type "Hook")."""
    taken = {h.name for h in ctx.spec.hooks}
    for pos, path, desc in ctx.file_hooks:
        name = PurePosixPath(path).stem
        if name in taken or said_existing(name, desc):
            continue
        taken.add(name)
        ctx.spec.hooks.append(Hook(pos=pos, name=name, path=path, description=desc))


_SOCKET_LINE = re.compile(
    r"\b(?:web\s?socket|socket|ws)\b[^`]{0,60}`(?:(?:GET|WS|WSS)\s+)?(/[^\s`]*)`", re.I
)


def socket_path_in(ctx: Ctx, root: Sec) -> str:
    """The socket path the real-time section names: `WS /api/v1/ws`, `wss://host/ws`,
    "over the existing socket (`GET /api/v1/ws`)"; "" if it names none."""
    for sec in root.descendants():
        if sec.kind not in ("events", "event"):
            continue
        for raw in ctx.lines[sec.line : sec.end_line]:
            found = endpoint_text(raw)
            if found.startswith("WS "):
                return found[3:]
            m = _SOCKET_LINE.search(raw)
            if m:
                return m.group(1).rstrip(".,;:")
    return ""


def _socket_hooks(ctx: Ctx, root: Sec) -> None:
    """A hook that subscribes to one of this file's events calls the socket, not REST."""
    events = [ev.name for ev in ctx.spec.events]
    waiting = [
        h
        for h in ctx.spec.hooks
        if not h.endpoint
        and re.search(r"\bsubscri", h.description, re.I)
        and any(re.search(rf"(?<![\w.]){re.escape(e)}(?![\w.])", h.description) for e in events)
    ]
    path = socket_path_in(ctx, root) if waiting else ""
    for h in waiting if path else []:
        h.endpoint = f"WS {path}"


def read_consumed(ctx: Ctx, sec: Sec) -> None:
    """ "Endpoints Consumed": endpoint → the TS types the client uses for it (class 11)."""
    for _, b in sec.walk():
        if not isinstance(b, MdTable):
            continue
        ec = b.column("endpoint", "endpoints", "api endpoint", "route")
        if not ctx.need_column(b, ec, "Endpoint", "endpoints consumed"):
            continue
        rc = b.column(
            "ts response",
            "response type",
            "typescript response",
            "response",
            "ts type",
            "typescript type",
            "type",
            "returns",
        )
        qc = b.column("ts request", "request type", "typescript request", "request", "body")
        for row in ctx.rows(b, "endpoints consumed"):
            m = _METHOD_PATH.search(ctx.cell(row, ec))
            if not m:
                continue

            def type_of(col: int) -> str:
                codes = ctx.cell_codes(row, col)
                text = (codes[0] if codes else ctx.cell(row, col)).strip()
                name = re.sub(r"\[\]$", "", text)
                return "" if says_none(text) or not re.fullmatch(r"[A-Za-z_]\w*", name) else name

            ctx.spec.consumed.append(
                ConsumedEndpoint(
                    pos=ctx.row_pos(row),
                    method=m.group(1),
                    path=m.group(2),
                    ts_request=type_of(qc),
                    ts_response=type_of(rc),
                )
            )


def describe_components(ctx: Ctx, root: Sec) -> None:
    """The frontend facts read once the whole file is: `- `InviteDialog` — what it does`
    bullets after the files table describe components; hooks listed only in a files table
    join the hooks."""
    _hooks_from_files(ctx)
    _socket_hooks(ctx, root)
    by_name = {c.name: c for c in ctx.spec.components}
    if not by_name:
        return
    for sec in root.descendants():
        if sec.kind not in ("fe_new", "new_files", "modules"):
            continue
        for b in sec.blocks:
            if not isinstance(b, BList):
                continue
            for item in b.items:
                ln = item.first
                if ln is None or not ln.codes:
                    continue
                comp = by_name.get(ln.codes[0].strip())
                if comp is None or comp.description or not ln.text.startswith(ln.codes[0]):
                    continue
                rest = ln.text[len(ln.codes[0]) :]
                comp.description = re.sub(r"^\s*(?:—|–|-|:)\s*", "", rest).strip()
