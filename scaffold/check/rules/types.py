"""Types the spec uses: defined somewhere, and no `any` in TypeScript (``TYPE0xx``)."""

from __future__ import annotations

import re
from typing import Iterator

from ...diagnostics import Diagnostic
from ...model import Pos
from ..engine import Context, rule, this
from .names import GO_PREDECLARED

_GO_WORDS = frozenset({"map", "chan", "func", "struct", "interface", "error", "any"})
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
TS_BUILTINS = frozenset(
    "string number boolean null undefined unknown never object any void bigint symbol true "
    "false this Date Record Array ReadonlyArray Partial Required Readonly Pick Omit Exclude "
    "Extract NonNullable ReturnType Parameters Awaited Promise Map Set WeakMap WeakSet File "
    "Blob FormData Error RegExp URL URLSearchParams Headers Response Request AbortSignal "
    "Uint8Array ArrayBuffer JSX React keyof typeof infer extends in is readonly unique "
    "asserts".split()
)
# The DOM's and React's global types a props interface may use (`HTMLTextAreaElement`,
# `KeyboardEvent`, `ReactNode`): defined by the platform and its libraries, not the spec.
TS_LIBRARY = frozenset(
    "Element HTMLElement SVGElement Node Document Window Event EventTarget UIEvent "
    "KeyboardEvent MouseEvent PointerEvent FocusEvent InputEvent ClipboardEvent DragEvent "
    "TouchEvent WheelEvent SubmitEvent CustomEvent AnimationEvent TransitionEvent DOMRect "
    "Storage Iterable AsyncIterable Iterator Generator ReactNode ReactElement ReactPortal "
    "ComponentProps ComponentPropsWithoutRef ComponentPropsWithRef PropsWithChildren FC "
    "ComponentType CSSProperties ChangeEvent FormEvent SyntheticEvent RefObject "
    "MutableRefObject Ref ForwardedRef Dispatch SetStateAction ElementRef Key".split()
)
_DOM_TYPE = re.compile(r"^(?:HTML|SVG)\w*Element$")


_FUNC_PARAM_NAME = re.compile(
    r"([(,]\s*)[A-Za-z_]\w*(?=\s+(?:[*\[\]A-Za-z_.]|func\b|map\b|chan\b))"
)


def go_type_names(expr: str) -> list[str]:
    """Unqualified type names a Go type expression uses: `map[string][]*Invite` → [Invite];
    the parameter names of a function type are not types (`func(tx pgx.Tx) error`)."""
    out = []
    if "func" in expr:
        expr = _FUNC_PARAM_NAME.sub(r"\1", expr)
    for m in _IDENT.finditer(expr):
        word = m.group(0)
        if "." in word or word in _GO_WORDS or word in GO_PREDECLARED:
            continue
        out.append(word)
    return out


def ts_type_names(expr: str) -> list[str]:
    """Type names a TS type expression uses, without literals, builtins or qualified names."""
    expr = re.sub(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`", " ", expr)
    # Property names inside inline object types (`{ id: string }`) are not types.
    expr = re.sub(r"[A-Za-z_$][\w$]*\??\s*:", " ", expr)
    out = []
    for m in _IDENT.finditer(expr):
        word = m.group(0)
        if "." in word or word in TS_BUILTINS or re.fullmatch(r"[A-Z]", word):
            continue
        if re.fullmatch(r"\d+", word):
            continue
        out.append(word)
    return out


def _go_uses(ctx: Context) -> Iterator[tuple[Pos, str, str]]:
    spec = ctx.spec
    for s in spec.go_structs:
        params = set(re.findall(r"\b([A-Za-z_]\w*)\s+[^,\]]+", s.type_params.strip("[]")))
        for f in s.fields:
            for name in go_type_names(f.type):
                if name not in params:
                    yield f.pos, name, f"{s.name}.{f.name or f.type}"
    for i in spec.go_interfaces:
        for m in i.methods:
            for p in [*m.params, *m.results]:
                for name in go_type_names(p.type):
                    yield (m.pos, name, f"{i.name}.{m.name}")
    for fn in spec.go_funcs:
        for p in [*fn.params, *fn.results]:
            for name in go_type_names(p.type):
                yield fn.pos, name, fn.name
    for t in spec.go_types:
        for name in go_type_names(t.underlying):
            yield t.pos, name, t.name


@rule(
    "TYPE001",
    "warning",
    "Go types the spec uses are defined in it, or come from a package its dependencies bring in",
)
def go_defined(ctx: Context) -> Iterator[Diagnostic]:
    spec = ctx.spec
    defined = (
        {s.name for s in spec.go_structs}
        | {e.name for e in spec.go_enums}
        | {t.name for t in spec.go_types}
        | {i.name for i in spec.go_interfaces}
    )
    seen: set[tuple] = set()
    for pos, name, where in _go_uses(ctx):
        if name in defined or (pos, name) in seen:
            continue
        seen.add((pos, name))
        yield this("TYPE001").at(
            pos,
            f"{where} uses Go type {name}, which the spec never defines; define it in a ```go "
            f"block, such as `type {name} struct {{ … }}` (generate emits a placeholder)",
        )
    yield from _undeclared_modules(ctx)


def _undeclared_modules(ctx: Context) -> Iterator[Diagnostic]:
    """A qualified Go type from a third-party module the Dependencies never bring in
    (`uuid.UUID` without `github.com/google/uuid`, where the table lists Go modules): one
    warning per module."""
    if not any(d.kind == "go" for d in ctx.spec.dependencies):
        return  # the spec lists no Go modules at all: it says nothing about them
    from ...typemap import GO_PACKAGES as KNOWN_PACKAGES

    deps = [d.name.strip().strip("`") for d in ctx.spec.dependencies]
    deps += [d.notes for d in ctx.spec.dependencies]
    reported: set[str] = set()
    for pos, expr, where in _go_exprs(ctx):
        for pkg in re.findall(r"\b([a-z]\w*)\.[A-Z]\w*", expr):
            module = KNOWN_PACKAGES.get(pkg, "")
            if "." not in module.split("/", 1)[0] or module in reported:
                continue  # the standard library, or a package of the app
            base = re.sub(r"/v\d+$", "", module)
            if any(base in d for d in deps):
                continue
            reported.add(module)
            yield this("TYPE001").at(
                pos,
                f"{where} uses {pkg}.…, from the Go module {module}, which the Dependencies "
                f"table never lists; add it, such as `| {module} | Go module | … | … |`",
            )


def _go_exprs(ctx: Context) -> Iterator[tuple[Pos, str, str]]:
    """(position, Go type expression, where) for every Go type the spec writes."""
    spec = ctx.spec
    for s in spec.go_structs:
        for f in s.fields:
            yield f.pos, f.type, f"{s.name}.{f.name or f.type}"
    for i in spec.go_interfaces:
        for m in i.methods:
            for p in [*m.params, *m.results]:
                yield m.pos, p.type, f"{i.name}.{m.name}"
    for fn in spec.go_funcs:
        for p in [*fn.params, *fn.results]:
            yield fn.pos, p.type, fn.name
    for t in spec.go_types:
        yield t.pos, t.underlying, t.name


@rule("TYPE002", "warning", "TypeScript types the spec uses are defined in it")
def ts_defined(ctx: Context) -> Iterator[Diagnostic]:
    spec = ctx.spec
    defined = {t.name for t in spec.ts_types}
    seen: set[tuple] = set()
    for t in spec.ts_types:
        uses = [(t.pos, e, f"{t.name} extends") for e in t.extends]
        uses += [(f.pos, n, f"{t.name}.{f.name}") for f in t.fields for n in ts_type_names(f.type)]
        if t.alias_of:
            uses += [(t.pos, n, t.name) for n in ts_type_names(t.alias_of)]
        for pos, name, where in uses:
            name = name.split("<", 1)[0].strip()
            if not name or name in defined or name in TS_BUILTINS or (pos, name) in seen:
                continue
            if name in TS_LIBRARY or _DOM_TYPE.match(name):
                continue
            seen.add((pos, name))
            yield this("TYPE002").at(
                pos,
                f"{where} uses TypeScript type {name}, which the spec never defines; define "
                f"it, such as `interface {name} {{ … }}`",
            )


def _documented(ctx: Context, type_name: str) -> bool:
    spec = ctx.spec
    texts = [spec.new_patterns, *(a.text for a in spec.assumptions)]
    texts += [f"{r.risk} {r.mitigation}" for r in spec.risks]
    return any(type_name in t and re.search(r"\bany\b", t) for t in texts)


@rule("TYPE003", "error", "TypeScript types do not use `any` (unless documented as unavoidable)")
def no_any(ctx: Context) -> Iterator[Diagnostic]:
    for t in ctx.spec.ts_types:
        if _documented(ctx, t.name):
            continue
        exprs = [(f.pos, f"{t.name}.{f.name}", f.type) for f in t.fields]
        if t.alias_of:
            exprs.append((t.pos, t.name, t.alias_of))
        for pos, where, expr in exprs:
            bare = re.sub(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", " ", expr)
            if re.search(r"(?<![\w$.])any(?![\w$])", bare):
                yield this("TYPE003").at(
                    pos,
                    f"{where} is typed with `any`; use a precise type, such as `unknown` or "
                    "the Go struct's mirror (or document why `any` is unavoidable under New "
                    "Patterns or Deviations)",
                )
