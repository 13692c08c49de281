"""Component & module design: file tables, components, shadcn, hooks.

Go interfaces and TypeScript types of this section are read with every other
code fence of the spec (see :func:`scaffold.read.markdown._read_fences`).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ...model import Component, FileEntry, Hook
from .blocks import BList, Fence, Para, Sec
from .blocks import Table as MdTable
from .context import Ctx

_FRONTEND_EXT = (".ts", ".tsx", ".js", ".jsx", ".css", ".mts", ".json", ".html")
_NONE = {"", "-", "—", "–", "none", "n/a", "na", "no"}
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
        codes = ctx.cell_codes(row, pc)
        path = (codes[0] if codes else ctx.cell(row, pc)).strip()
        if not path:
            continue
        row_side = side or ("frontend" if path.endswith(_FRONTEND_EXT) else "backend")
        entry = FileEntry(
            pos=ctx.row_pos(row),
            path=path,
            side=row_side,  # type: ignore[arg-type]
            action=action,  # type: ignore[arg-type]
            package=ctx.cell(row, pkg),
            exports=ctx.cell(row, exp),
            description=ctx.cell(row, desc),
        )
        ctx.spec.files.append(entry)
        if row_side == "frontend" and action == "create":
            kind = ctx.cell(row, kind_c)
            if _is_component(path, kind):
                ctx.spec.components.append(
                    Component(
                        pos=ctx.row_pos(row),
                        path=path,
                        name=component_name(path),
                        kind=kind,
                        shadcn=split_names(ctx.cell(row, shadcn_c)),
                        props=ctx.cell(row, props_c).strip("`"),
                        description=ctx.cell(row, desc),
                    )
                )


def _is_component(path: str, kind: str) -> bool:
    p = PurePosixPath(path)
    if p.suffix not in (".tsx", ".jsx"):
        return False
    if re.search(r"\.(test|spec|stories)$", p.stem):
        return False
    k = kind.strip().lower()
    if k in _NONE - {""} or k in ("test", "hook", "types", "util", "utility"):
        return False
    return p.stem[:1].isupper() or any(w in k for w in _COMPONENT_KINDS)


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
    for _, b in sec.walk():
        if not isinstance(b, MdTable):
            continue
        hc = b.column("hook function", "hook", "function", "name", "hook or function")
        if not ctx.need_column(b, hc, "Hook / Function", "hooks"):
            continue
        pc = b.column("file path", "path", "file")
        dc = b.column("description", "purpose", "notes")
        ec = b.column("endpoint", "api endpoint", "calls", "route")
        for row in ctx.rows(b, "hook"):
            raw = ctx.cell(row, hc)
            m = re.match(r"^\s*`?([A-Za-z_$][\w$]*)", raw)
            if not m:
                continue
            endpoint = ""
            if ec >= 0:
                em = _METHOD_PATH.search(ctx.cell(row, ec))
                if em:
                    endpoint = f"{em.group(1)} {em.group(2).rstrip('.,;')}"
            codes = ctx.cell_codes(row, pc)
            ctx.spec.hooks.append(
                Hook(
                    pos=ctx.row_pos(row),
                    name=m.group(1),
                    path=(codes[0] if codes else ctx.cell(row, pc)).strip(),
                    description=ctx.cell(row, dc),
                    endpoint=endpoint,
                )
            )


def describe_components(ctx: Ctx, root: Sec) -> None:
    """`- `InviteDialog` — what it does` bullets after the files table describe components."""
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
