"""Web family: shadcn/ui component skeletons with their tests, the shadcn primitives the
feature uses, and — into a target without a web project — the project itself.

Every file here is *user-owned*: created when absent, then merged, never clobbered.

- Components: one ``.tsx`` per row of the spec's frontend files table that names shadcn
  parts, with its typed Props (the spec's Props interface when it writes one), each
  listed part imported from the ``ui`` alias of ``components.json`` (``@/components/ui``),
  and a skeleton of what the spec says it shows: a form has its request's fields and a
  submit button; a list has a table of its rows, an empty state and "Load more" for
  cursor pages; an action has its button. ``TODO(T-00N)`` marks where logic goes. Next
  to it a ``.test.tsx`` (Vitest, Testing Library, jsdom) renders it on the real
  primitives with a fake ``fetch`` and asserts what it shows and what the spec says it
  does: the submit sends the form's values, a list shows one row per item and its empty
  state, a destructive action (an AlertDialog the spec lists) asks first. Hooks come
  from the links the spec gives (:func:`linked_hooks`), never from shared words.
- Primitives: into a target without ``components.json``, the parts the feature uses are
  written from ``blueprints/ui-primitives`` (shadcn's components, written by this project
  on Radix, as ``shadcn add`` would have written them). With ``components.json``, the
  missing ones are listed with the ``npx shadcn@latest add …`` command instead.
- Project: into a target without ``<frontend root>/package.json``: ``package.json``
  (exact versions from ``blueprints/pins.toml``; no lockfile, that is npm's),
  ``.npmrc`` (``omit-lockfile-registry-resolved=true``), a strict ``tsconfig.json`` with
  the ``@/`` alias, ``vite.config.ts``, ``vitest.config.ts``, ``components.json``,
  ``index.html``, ``src/main.tsx``, ``src/App.tsx``, ``src/index.css``,
  ``src/lib/utils.ts`` and the test setup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ...diagnostics import at
from ...model import Component, Spec
from ..plan import Instruction, PlanContext, PlannedFile, RenderJob
from . import norm, task_for_path, task_id, under
from .ts import (
    BASE_ERROR,
    key_literal,
    Decl,
    ErrorClass,
    Frontend,
    HookFn,
    Prop,
    build_frontend,
    humanize,
    shape_schema,
    import_path,
    ts_comment,
    ts_ident_problem,
    ts_key,
    ts_string,
    words,
)

COMPONENTS_BLUEPRINT = "shadcn-components"
PRIMITIVES_BLUEPRINT = "ui-primitives"
PROJECT_BLUEPRINT = "web-project"

# --------------------------------------------------------------------------- pins


def npm_pins() -> dict[str, str]:
    """Package → exact version, dependencies and devDependencies together."""
    deps, dev = _pins_split()
    return {**deps, **dev}


def _pins_split() -> tuple[dict[str, str], dict[str, str]]:
    from ..pins import load_pins

    npm = load_pins().get("npm", {})
    return dict(npm.get("dependencies", {})), dict(npm.get("devDependencies", {}))


def node_engines() -> str:
    from ..pins import load_pins

    return str(load_pins().get("npm", {}).get("node", ">=20.19"))


# --------------------------------------------------------------------------- primitives


@dataclass(frozen=True)
class Primitive:
    """A shadcn part this project writes (``blueprints/ui-primitives/parts/<module>.tsx``)."""

    module: str
    radix: str = ""  # the Radix primitive it wraps ("Dialog"), imported as DialogPrimitive
    packages: tuple[str, ...] = ()  # other npm packages it imports
    needs: tuple[str, ...] = ()  # other primitives it imports

    def radix_import(self, mode: str) -> str:
        """The import line of its Radix primitive under the target's ``radix`` setting:
        ``@radix-ui`` (one ``@radix-ui/react-<primitive>`` package each) or ``radix-ui``
        (the single package)."""
        if not self.radix:
            return ""
        local = f"{self.radix}Primitive"
        if mode == "radix-ui":
            return f'import {{ {self.radix} as {local} }} from "radix-ui";'
        return f'import * as {local} from "{radix_package(self.radix)}";'

    def npm_packages(self, mode: str) -> tuple[str, ...]:
        if not self.radix:
            return self.packages
        return (("radix-ui",) if mode == "radix-ui" else (radix_package(self.radix),)) + (
            self.packages
        )


def radix_package(primitive: str) -> str:
    """``AlertDialog`` → ``@radix-ui/react-alert-dialog``."""
    return "@radix-ui/react-" + "-".join(words(primitive))


PRIMITIVES: dict[str, Primitive] = {
    p.module: p
    for p in (
        Primitive("alert", packages=("class-variance-authority",)),
        Primitive("alert-dialog", "AlertDialog", needs=("button",)),
        Primitive("avatar", "Avatar"),
        Primitive("badge", "Slot", ("class-variance-authority",)),
        Primitive("button", "Slot", ("class-variance-authority",)),
        Primitive("card"),
        Primitive("checkbox", "Checkbox", ("lucide-react",)),
        Primitive("dialog", "Dialog", ("lucide-react",)),
        Primitive("dropdown-menu", "DropdownMenu", ("lucide-react",)),
        Primitive("input"),
        Primitive("label", "Label"),
        Primitive("popover", "Popover"),
        Primitive("scroll-area", "ScrollArea"),
        Primitive("select", "Select", ("lucide-react",)),
        Primitive("separator", "Separator"),
        Primitive("skeleton"),
        Primitive("switch", "Switch"),
        Primitive("table"),
        Primitive("tabs", "Tabs"),
        Primitive("textarea"),
        Primitive("tooltip", "Tooltip"),
    )
}
_UTILS_PACKAGES = ("clsx", "tailwind-merge")
_BASE_PACKAGES = ("react", "react-dom", "@tanstack/react-query")


def part_module(part: str) -> str:
    """``AlertDialog`` / ``alert dialog`` / ``alert-dialog`` → ``alert-dialog``."""
    return "-".join(words(part))


def _with_needs(modules: set[str]) -> list[str]:
    out = set(modules)
    for m in list(modules):
        p = PRIMITIVES.get(m)
        if p:
            out.update(p.needs)
    return sorted(out)


# --------------------------------------------------------------------------- target


@dataclass
class WebTarget:
    """What the target's web project looks like."""

    root: str
    has_package_json: bool
    package: dict[str, Any]
    components_json: dict[str, Any] | None
    ui_alias: str  # "@/components/ui"
    ui_dir: str  # target path of the ui alias
    utils_alias: str  # "@/lib/utils"


def _alias_dir(root: str, alias: str) -> str:
    rel = alias[2:] if alias.startswith("@/") else alias.lstrip("~/")
    return under(root, f"src/{rel}")


def read_target(ctx: PlanContext) -> WebTarget:
    root = ctx.config.frontend_root
    pkg_text = ctx.target.read_text(under(root, "package.json"))
    package: dict[str, Any] = {}
    if pkg_text is not None:
        try:
            loaded = json.loads(pkg_text)
            package = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            package = {}
    comp: dict[str, Any] | None = None
    comp_text = ctx.target.read_text(under(root, "components.json"))
    if comp_text is not None:
        try:
            loaded = json.loads(comp_text)
            comp = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            comp = {}
    aliases = (comp or {}).get("aliases") or {}
    ui_alias = str(aliases.get("ui") or f"{aliases.get('components') or '@/components'}/ui")
    utils_alias = str(aliases.get("utils") or "@/lib/utils")
    return WebTarget(
        root=root,
        has_package_json=pkg_text is not None,
        package=package,
        components_json=comp,
        ui_alias=ui_alias,
        ui_dir=_alias_dir(root, ui_alias),
        utils_alias=utils_alias,
    )


# --------------------------------------------------------------------------- JSX helpers

_SAFE_TEXT = re.compile(r"^[A-Za-z0-9 .,:;!?()_/-]*$")


def jsx_text(text: str) -> str:
    """Spec text as a JSX child: bare when plainly safe, else ``{"…"}``."""
    return (
        text
        if text and _SAFE_TEXT.match(text) and text.strip() == text
        else "{" + ts_string(text) + "}"
    )


def jsx_attr(value: str) -> str:
    """A JSX attribute value: ``"x"`` when plainly safe, else ``{"…"}``."""
    return f'"{value}"' if _SAFE_TEXT.match(value) else "{" + ts_string(value) + "}"


def accessor(obj: str, name: str) -> str:
    key = ts_key(name)
    return f"{obj}.{key}" if key == name else f"{obj}[{key}]"


def kebab(text: str) -> str:
    return "-".join(words(text)) or "field"


_TS_GLOBAL_TYPES = frozenset(
    "string number boolean bigint symbol object null undefined void unknown never any true "
    "false Date Record Array ReadonlyArray Promise Partial Required Readonly Pick Omit Map Set "
    "Exclude Extract NonNullable ReturnType Parameters Error RegExp Function React ReactNode "
    "ReactElement JSX HTMLElement HTMLDivElement HTMLInputElement HTMLFormElement Event "
    "MouseEvent KeyboardEvent File Blob URL typeof keyof".split()
)


def _type_idents(type_text: str) -> list[str]:
    """Identifiers a TS type expression names (not inside string literals, not members)."""
    text = re.sub(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""", '""', type_text)
    return re.findall(r"(?<![.\w$])([A-Za-z_$][A-Za-z0-9_$]*)(?![\w$]|\s*\??:)", text)


class _Parts:
    """The shadcn parts a component lists, and the names it actually uses from each."""

    def __init__(self, listed: list[str]) -> None:
        modules = [part_module(p) for p in listed]
        # A sub-part (``PopoverAnchor``, ``CommandEmpty``) lives in its part's module.
        bases = sorted(set(PRIMITIVES) | set(modules), key=len, reverse=True)
        self.listed: list[str] = []
        self.wanted: list[tuple[str, str]] = []  # (module, exported name) the spec lists
        for m in modules:
            if not m:
                continue
            name = "".join(w[:1].upper() + w[1:] for w in m.split("-"))
            if m not in PRIMITIVES:
                m = next((b for b in bases if m.startswith(b + "-")), m)
            if m not in self.listed:
                self.listed.append(m)
            if (m, name) not in self.wanted:
                self.wanted.append((m, name))
        self.used: dict[str, set[str]] = {}

    def has(self, module: str) -> bool:
        return module in self.listed

    def use(self, module: str, *names: str) -> None:
        self.used.setdefault(module, set()).update(names)


# --------------------------------------------------------------------------- skeleton


@dataclass
class Skeleton:
    setup: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    test_setup: list[str] = field(default_factory=list)  # before render
    test_asserts: list[str] = field(default_factory=list)
    test_async: bool = False
    # Tests of behaviour the spec states: {"title", "sample" (fixture name or ""), "lines"}.
    cases: list[dict[str, Any]] = field(default_factory=list)
    samples: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (type, JSON)
    needs_react_types: bool = False
    type_imports: set[str] = field(default_factory=set)
    fetch_json: str = ""  # a JSON response body for the fake fetch
    fetch_type: str = ""


def _optional_member(obj: str, name: str) -> str:
    """``obj?.name`` (``obj?.["na-me"]`` when the name is not an identifier)."""
    key = ts_key(name)
    return f"{obj}?.{key}" if key == name else f"{obj}?.[{key}]"


def _sample(ts_type: str, name: str) -> str:
    """A value of a prop's type for a test render ("" when there is no obvious one)."""
    t = ts_type.strip()
    if t == "string" or t.startswith("string |"):
        return ts_string(f"test-{kebab(name)}")
    if t == "number" or t.startswith("number |"):
        return "1"
    if t == "boolean" or t.startswith("boolean |"):
        return "true"
    if "=>" in t:
        return "vi.fn()"
    m = re.match(r'^"((?:[^"\\]|\\.)*)"', t)
    if m:
        return f'"{m.group(1)}"'
    if t.endswith("[]"):
        return "[]"
    return ""


def _empty_value(type_text: str, fe: Frontend) -> Any:
    """A JSON value of a TS type with every required member at its zero (for fake responses)."""
    return _json_value(type_text, fe, sample=False)


def _json_value(type_text: str, fe: Frontend, sample: bool, name: str = "", depth: int = 0) -> Any:
    """A JSON value of a TS type: with ``sample``, every member set (strings
    ``test-<name>``, ``1``, ``true``, nullable ones too); else required members only, each
    at its zero (nullable ones ``null``)."""
    t = type_text.strip()
    if t.endswith(" | null"):
        if not sample:
            return None
        t = t[: -len(" | null")]
    if t.endswith("[]"):
        return []
    if t == "string":
        return (f"test-{kebab(name)}" if name else "test") if sample else ""
    if t == "number":
        return 1 if sample else 0
    if t == "boolean":
        return sample
    m = re.match(r'^"((?:[^"\\]|\\.)*)"', t)
    if m:
        return json.loads(f'"{m.group(1)}"')
    d = fe.decl_by_name.get(t)
    if d is not None and depth < 6:
        if d.kind == "alias":
            return _json_value(d.alias, fe, sample, name, depth + 1)
        return {
            p.name: _json_value(p.full_type, fe, sample, p.name, depth + 1)
            for p in d.props
            if sample or not p.optional
        }
    return {}


def _field_control(
    parts: _Parts, comp_id: str, p: Prop, validation: str, task: str, default_value: str = ""
) -> tuple[list[str], str | None]:
    """JSX lines of one form field and the TS expression that reads it from FormData."""
    fid = f"{comp_id}-{kebab(p.name)}"
    label_text = jsx_text(humanize(p.name))
    name_attr = jsx_attr(p.name)
    id_attr = jsx_attr(fid)
    required = " required" if ("required" in validation.split(",") and not p.optional) else ""
    key = ts_string(p.name)
    lines: list[str] = ['<div className="grid gap-2">']
    if parts.has("label"):
        parts.use("label", "Label")
        lines.append(f"  <Label htmlFor={id_attr}>{label_text}</Label>")
    else:
        lines.append(f"  <label htmlFor={id_attr}>{label_text}</label>")
    read: str | None
    if p.kind == "enum" and p.literals:
        first = default_value if default_value in p.literals else p.literals[0]
        default = jsx_attr(first)
        if parts.has("select"):
            parts.use(
                "select", "Select", "SelectContent", "SelectItem", "SelectTrigger", "SelectValue"
            )
            lines.append(f"  <Select name={name_attr} defaultValue={default}{required}>")
            lines.append(f"    <SelectTrigger id={id_attr}>")
            lines.append("      <SelectValue />")
            lines.append("    </SelectTrigger>")
            lines.append("    <SelectContent>")
            for v in p.literals:
                lines.append(f"      <SelectItem value={jsx_attr(v)}>{jsx_text(v)}</SelectItem>")
            lines.append("    </SelectContent>")
            lines.append("  </Select>")
        else:
            lines.append(
                f"  <select id={id_attr} name={name_attr} defaultValue={default}{required}>"
            )
            for v in p.literals:
                lines.append(f"    <option value={jsx_attr(v)}>{jsx_text(v)}</option>")
            lines.append("  </select>")
        read = f"String(form.get({key}) ?? {ts_string(first)}) as T[{key}]"
    elif p.kind == "array" and p.literals:
        # An array of a union: a multi-select of its members.
        lines.append(f"  <select id={id_attr} name={name_attr} multiple{required}>")
        for v in p.literals:
            lines.append(f"    <option value={jsx_attr(v)}>{jsx_text(v)}</option>")
        lines.append("  </select>")
        read = f"form.getAll({key}).map(String) as T[{key}]"
    elif p.kind == "boolean":
        if parts.has("switch"):
            parts.use("switch", "Switch")
            lines.append(f"  <Switch id={id_attr} name={name_attr} />")
        elif parts.has("checkbox"):
            parts.use("checkbox", "Checkbox")
            lines.append(f"  <Checkbox id={id_attr} name={name_attr} />")
        else:
            lines.append(f'  <input id={id_attr} name={name_attr} type="checkbox" />')
        read = f'form.get({key}) === "on"'
    elif p.kind in ("string", "number"):
        long_text = any(
            w in words(p.name)
            for w in ("message", "description", "body", "note", "notes", "comment")
        )
        if p.kind == "number":
            input_type = "number"
        elif "email" in validation.split(",") or "email" in words(p.name):
            input_type = "email"
        elif "url" in validation.split(","):
            input_type = "url"
        else:
            input_type = "text"
        if long_text and p.kind == "string" and parts.has("textarea"):
            parts.use("textarea", "Textarea")
            lines.append(f"  <Textarea id={id_attr} name={name_attr}{required} />")
        elif parts.has("input"):
            parts.use("input", "Input")
            lines.append(f'  <Input id={id_attr} name={name_attr} type="{input_type}"{required} />')
        else:
            lines.append(f'  <input id={id_attr} name={name_attr} type="{input_type}"{required} />')
        if p.kind == "number":
            read = f"Number(form.get({key}) ?? 0)"
        else:
            read = f'String(form.get({key}) ?? "")' + (" || null" if p.nullable else "")
    else:
        lines = [
            f"{{/* TODO({task}): a control for {ts_comment(p.name)} ({ts_comment(p.full_type)}) */}}"
        ]
        read = None
    if lines[0].startswith("<div"):
        lines.append("</div>")
    return lines, read


_ROLE_BUTTON = '"button"'  # tests find buttons by role; a dialog's are looked up within it


def _input_sample(p: Prop, validation: str) -> str:
    """What a test types into a text field: valid for the field's rules."""
    rules = validation.split(",")
    if "email" in rules or "email" in words(p.name):
        return "ada@example.com"
    if "url" in rules or "uri" in rules:
        return "https://example.com/a"
    if "uuid" in rules:
        return "00000000-0000-4000-8000-000000000001"
    return f"test-{kebab(p.name)}"


def _form_fill(
    decl: Decl | None, validations: dict[str, str], spec: Spec
) -> tuple[list[str], dict[str, Any]]:
    """Test lines that fill a form the way :func:`_field_control` builds it, and the body
    the submit then sends (the fields a control reads, with the values filled in)."""
    lines: list[str] = []
    body: dict[str, Any] = {}
    for p in decl.props if decl else []:
        label = ts_string(humanize(p.name))
        if p.kind == "enum" and p.literals:
            default = _column_default(spec, p.name)
            body[p.name] = default if default in p.literals else p.literals[0]
        elif p.kind == "array" and p.literals:
            lines.append(
                f"await user.selectOptions(screen.getByLabelText({label}), [{ts_string(p.literals[0])}]);"
            )
            body[p.name] = [p.literals[0]]
        elif p.kind == "boolean":
            body[p.name] = False
        elif p.kind == "number":
            lines.append(f'await user.type(screen.getByLabelText({label}), "1");')
            body[p.name] = 1
        elif p.kind == "string":
            text = _input_sample(p, validations.get(p.name, ""))
            lines.append(f"await user.type(screen.getByLabelText({label}), {ts_string(text)});")
            body[p.name] = text
    return lines, body


def _sample_value(type_text: str, fe: Frontend, name: str = "") -> Any:
    """A JSON value of a TS type with every member set (strings ``test-<name>``)."""
    return _json_value(type_text, fe, sample=True, name=name)


def _mutation_label(h: HookFn) -> str:
    name = h.name[3:] if h.name.startswith("use") else h.name
    return humanize(name)


def _query_var(h: HookFn) -> str:
    base = h.name[3:] if h.name.startswith("use") else h.name
    ident = base[:1].lower() + base[1:]
    return ident if not ts_ident_problem(ident) else ident + "Query"


def _mutation_var(h: HookFn) -> str:
    base = h.name[3:] if h.name.startswith("use") else h.name
    ident = base[:1].lower() + base[1:] + "Mutation"
    return ident


class _Builder:
    """Builds one component's skeleton from its hooks, parts and props."""

    def __init__(self, ctx: PlanContext, fe: Frontend, comp: Component, task: str) -> None:
        self.ctx = ctx
        self.fe = fe
        self.comp = comp
        self.task = task
        self.parts = _Parts(comp.shadcn)
        self.sk_types: set[str] = set()
        self.name = comp.name
        self.comp_id = kebab(comp.name)
        spec_props = ctx.spec.ts_type(comp.props) if comp.props else None
        self.props: list[dict[str, Any]] = []
        self.prop_names: set[str] = set()
        if spec_props is not None:
            for f in spec_props.fields:
                t = (
                    f.type
                    + (" | null" if f.nullable else "")
                    + (" | undefined" if f.undefinable else "")
                )
                self.props.append(
                    {"key": ts_key(f.name), "name": f.name, "type": t, "optional": f.optional}
                )
                self.prop_names.add(f.name)
        self.hooks = linked_hooks(ctx.spec, comp, fe)
        if spec_props is None and comp.props:
            for h in self.hooks:
                for p in h.hook_params:
                    if p.ident not in self.prop_names:
                        self.props.append(
                            {"key": p.ident, "name": p.ident, "type": "string", "optional": False}
                        )
                        self.prop_names.add(p.ident)
            self.props.append(
                {"key": "className", "name": "className", "type": "string", "optional": True}
            )
            self.prop_names.add("className")
        # Types the props name that the spec does not declare (they live in the app):
        # a local `unknown` alias with a TODO, so the skeleton compiles.
        self.local_types: list[str] = []
        for p in self.props:
            for ident in _type_idents(p["type"]):
                if ident in fe.decl_by_name:
                    self.sk_types.add(ident)
                elif ident not in _TS_GLOBAL_TYPES and ident not in self.local_types:
                    self.local_types.append(ident)
        self.used_props: list[str] = []
        self.locals: list[str] = []
        self.sk = Skeleton()

    # -- helpers
    def prop(self, ident: str) -> str:
        """An identifier holding a value the hooks need: a prop, else a TODO local."""
        if ident in self.prop_names:
            if ident not in self.used_props:
                self.used_props.append(ident)
            return ident
        if ident not in self.locals:
            self.locals.append(ident)
            self.sk.setup.append(
                f'const {ident} = ""; // TODO({self.task}): where {ident} comes from (not a prop)'
            )
        return ident

    def hook_arg(self, ident: str) -> str:
        """A hook's string argument: the prop or local, ``?? ""`` when the prop may be absent."""
        name = self.prop(ident)
        p = next((x for x in self.props if x["name"] == ident), None)
        if p is not None and (p["optional"] or re.search(r"\b(null|undefined)\b", p["type"])):
            return f'{name} ?? ""'
        return name

    def button(self, label: str, attrs: str = "", variant: str = "") -> str:
        if self.parts.has("button"):
            self.parts.use("button", "Button")
            v = f' variant="{variant}"' if variant else ""
            return f"<Button{v}{attrs}>{jsx_text(label)}</Button>"
        return f"<button{attrs}>{jsx_text(label)}</button>"

    # -- sections
    def build(self) -> dict[str, Any]:
        sk = self.sk
        form_hook = next((h for h in self.hooks if h.kind == "mutation" and h.fn.body_type), None)
        list_hook = next(
            (h for h in self.hooks if h.kind in ("query", "infinite") and self._items(h)), None
        )
        query_hooks = [
            h for h in self.hooks if h.kind in ("query", "infinite") and h is not list_hook
        ]
        actions = [h for h in self.hooks if h.kind == "mutation" and h is not form_hook]
        row_actions = []
        other_actions = []
        for h in actions:
            if list_hook is not None and len(h.var_params) == 1 and not h.fn.body_type:
                row_actions.append(h)
            else:
                other_actions.append(h)

        content: list[str] = []
        title = humanize(self.name)
        description = self.comp.description

        for h in self.hooks:
            args = ", ".join(self.hook_arg(p.ident) for p in h.hook_params)
            var = _mutation_var(h) if h.kind == "mutation" else _query_var(h)
            sk.setup.append(f"const {var} = {h.name}({args});")
        if list_hook is not None:
            content += self._list(list_hook, row_actions)
        for h in query_hooks:
            var = _query_var(h)
            content.append(f"{{/* TODO({self.task}): show {var}.data */}}")
            content.append(
                f'{{{var}.error ? <p role="alert" className="text-sm text-destructive">{{{var}.error.message}}</p> : null}}'
            )
        for h in other_actions:
            content += self._action(h)
        form_lines: list[str] = []
        if form_hook is not None:
            form_lines = self._form(form_hook)
        if not self.hooks:
            content.append(
                f"{{/* TODO({self.task}): what {ts_comment(self.name)} shows; the spec links "
                "no hook to it (name one in its note to have it wired) */}"
            )

        body = self._wrap(title, description, content, form_lines, form_hook)
        if self.parts.has("separator") and "separator" not in self.parts.used:
            self.parts.use("separator", "Separator")
            body = body[:1] + ["  <Separator />"] + body[1:]
        sk.body = body
        return self._view()

    def _items(self, h: HookFn) -> tuple[Prop, Decl] | None:
        result = self.fe.decl_by_name.get(h.fn.result_type)
        if result is None or result.kind != "interface":
            return None
        arr = next((p for p in result.props if p.kind == "array"), None)
        if arr is None:
            return None
        elem = arr.type[:-2].strip("()").replace(" | null", "")
        decl = self.fe.decl_by_name.get(elem)
        if decl is None or decl.kind != "interface":
            return None
        return arr, decl

    def _list(self, h: HookFn, row_actions: list[HookFn]) -> list[str]:
        sk = self.sk
        var = _query_var(h)
        found = self._items(h)
        assert found is not None
        arr, item = found
        if h.kind == "infinite":
            sk.setup.append(
                f"const rows = {var}.data?.pages.flatMap((page) => {accessor('page', arr.name)} ?? []) ?? [];"
            )
        else:
            sk.setup.append(f"const rows = {_optional_member(var + '.data', arr.name)} ?? [];")
        columns = [
            p
            for p in item.props
            if p.kind in ("string", "number", "boolean", "enum")
            and p.name != "id"
            and not p.name.endswith("_id")
        ][:6]
        id_prop = next(
            (
                p
                for p in item.props
                if p.name == "id"
                and p.kind in ("string", "number")
                and not p.nullable
                and not p.optional
            ),
            None,
        )
        ncols = len(columns) + (1 if row_actions else 0)
        empty = f"No {humanize(item.name).lower()}s yet."
        list_name = " ".join(words(arr.name))
        if list_name:
            empty = f"No {list_name} yet."
        lines: list[str] = []
        if self.parts.has("table"):
            self.parts.use(
                "table", "Table", "TableBody", "TableCell", "TableHead", "TableHeader", "TableRow"
            )
            T, TB, TC, TH, THd, TR = (
                "Table",
                "TableBody",
                "TableCell",
                "TableHead",
                "TableHeader",
                "TableRow",
            )
        else:
            T, TB, TC, TH, THd, TR = "table", "tbody", "td", "th", "thead", "tr"
        lines.append(f"<{T}>")
        lines.append(f"  <{THd}>")
        lines.append(f"    <{TR}>")
        for c in columns:
            lines.append(f"      <{TH}>{jsx_text(humanize(c.name))}</{TH}>")
        if row_actions:
            lines.append(f"      <{TH}>")
            lines.append('        <span className="sr-only">Actions</span>')
            lines.append(f"      </{TH}>")
        lines.append(f"    </{TR}>")
        lines.append(f"  </{THd}>")
        lines.append(f"  <{TB}>")
        lines.append(f"    {{{var}.isPending ? (")
        lines.append(f"      <{TR}>")
        lines.append(f"        <{TC} colSpan={{{ncols}}}>Loading...</{TC}>")
        lines.append(f"      </{TR}>")
        lines.append("    ) : rows.length === 0 ? (")
        lines.append(f"      <{TR}>")
        lines.append(f"        <{TC} colSpan={{{ncols}}}>{jsx_text(empty)}</{TC}>")
        lines.append(f"      </{TR}>")
        lines.append("    ) : (")
        key = accessor("row", id_prop.name) if id_prop else "index"
        lines.append(f"      rows.map((row{'' if id_prop else ', index'}) => (")
        lines.append(f"        <{TR} key={{{key}}}>")
        for c in columns:
            value = accessor("row", c.name)
            if c.kind == "boolean":
                cell = f'{{{value} ? "Yes" : "No"}}'
            elif c.kind == "enum" and self.parts.has("badge"):
                self.parts.use("badge", "Badge")
                cell = f'<Badge variant="outline">{{{value}}}</Badge>'
            elif c.nullable or c.optional:
                cell = f'{{{value} ?? "-"}}'
            else:
                cell = f"{{{value}}}"
            lines.append(f"          <{TC}>{cell}</{TC}>")
        if row_actions:
            lines.append(f"          <{TC}>")
            for a in row_actions:
                avar = _mutation_var(a)
                param = a.var_params[0]
                src = next(
                    (
                        p
                        for p in item.props
                        if p.name == param.name and p.kind in ("string", "number")
                    ),
                    None,
                ) or (id_prop if param.name.endswith("id") else None)
                if src is not None:
                    click = f" onClick={{() => {avar}.mutate(String({accessor('row', src.name)}))}}"
                else:
                    click = f" onClick={{() => undefined /* TODO({self.task}): {avar}.mutate(<{param.ident}>) */}}"
                attrs = (
                    ' type="button" size="sm"' + f" disabled={{{avar}.isPending}}"
                    if self.parts.has("button")
                    else f' type="button" disabled={{{avar}.isPending}}'
                )
                if self._destructive(a) and src is not None:
                    call = f"{avar}.mutate(String({accessor('row', src.name)}))"
                    lines += [
                        "            " + x
                        for x in self._confirmed(_mutation_label(a), attrs, call, "outline")
                    ]
                else:
                    lines.append(
                        "            " + self.button(_mutation_label(a), attrs + click, "outline")
                    )
            lines.append(f"          </{TC}>")
        lines.append(f"        </{TR}>")
        lines.append("      ))")
        lines.append("    )}")
        lines.append(f"  </{TB}>")
        lines.append(f"</{T}>")
        lines.append(
            f'{{{var}.error ? <p role="alert" className="text-sm text-destructive">{{{var}.error.message}}</p> : null}}'
        )
        if h.kind == "infinite":
            lines.append(f"{{{var}.hasNextPage ? (")
            lines.append(
                "  "
                + self.button(
                    "Load more",
                    f' type="button" disabled={{{var}.isFetchingNextPage}} onClick={{() => void {var}.fetchNextPage()}}',
                    "outline",
                )
            )
            lines.append(") : null}")
        for a in row_actions:
            avar = _mutation_var(a)
            lines.append(
                f'{{{avar}.error ? <p role="alert" className="text-sm text-destructive">{{{avar}.error.message}}</p> : null}}'
            )
        # The test: an empty page shows the headers and the empty state.
        sk.fetch_json = json.dumps(_empty_value(h.fn.result_type, self.fe), ensure_ascii=True)
        sk.fetch_type = h.fn.result_type
        sk.test_async = True
        sk.test_asserts.append(
            f"expect(await screen.findByText({ts_string(empty)})).toBeInTheDocument();"
        )
        for c in columns:
            sk.test_asserts.append(
                f'expect(screen.getByRole("columnheader", {{ name: {ts_string(humanize(c.name))} }})).toBeInTheDocument();'
            )
        one = _sample_value(h.fn.result_type, self.fe)
        if isinstance(one, dict):
            one[arr.name] = [_sample_value(item.name, self.fe)]
            for p in self.fe.decl_by_name[h.fn.result_type].props:
                if p.name != arr.name and "cursor" in p.name.lower() and p.nullable:
                    one[p.name] = None  # the last page: no "Load more"
        sk.samples["oneRow"] = (h.fn.result_type, json.dumps(one, ensure_ascii=True))
        shown = next((c for c in columns if c.kind == "string"), None)
        if shown is not None:
            text = _sample_value(shown.full_type, self.fe, shown.name)
            row_lines = [
                f"expect(await screen.findByText({ts_string(str(text))})).toBeInTheDocument();"
            ]
        else:
            row_lines = [
                'await waitFor(() => expect(screen.queryByText("Loading...")).toBeNull());'
            ]
        row_lines.append('expect(screen.getAllByRole("row")).toHaveLength(2);')
        sk.cases.append({"title": "shows one row per item", "sample": "oneRow", "lines": row_lines})
        for a in row_actions:
            if self._destructive(a):
                sk.cases.append(self._confirm_case(a, "oneRow"))
            else:
                label = ts_string(_mutation_label(a))
                method = ts_string(a.fn.endpoint.method.upper())
                sk.cases.append(
                    {
                        "title": f"{_mutation_label(a)} on a row calls the API",
                        "sample": "oneRow",
                        "lines": [
                            "const user = userEvent.setup();",
                            f"await user.click(await screen.findByRole({_ROLE_BUTTON}, {{ name: {label} }}));",
                            f"await waitFor(() => expect(sent(fetchMock, {method})).toBe(true));",
                        ],
                    }
                )
        return lines

    def _action(self, h: HookFn) -> list[str]:
        var = _mutation_var(h)
        label = _mutation_label(h)
        if h.variables_type == "void":
            call = f"{var}.mutate()"
        elif (
            h.variables_type == "string"
            and h.var_params
            and h.var_params[0].ident in self.prop_names
        ):
            call = f"{var}.mutate({self.prop(h.var_params[0].ident)})"
        else:
            call = f"undefined /* TODO({self.task}): {var}.mutate(...) */"
        callable_ = not call.startswith("undefined")
        attrs = f' type="button" disabled={{{var}.isPending}}'
        if self._destructive(h) and callable_:
            lines = self._confirmed(label, attrs, call, "")
            self.sk.cases.append(self._confirm_case(h, ""))
        else:
            lines = [self.button(label, attrs + f" onClick={{() => {call}}}")]
            if callable_:
                method = ts_string(h.fn.endpoint.method.upper())
                self.sk.cases.append(
                    {
                        "title": f"{label} calls the API",
                        "sample": "",
                        "lines": [
                            "const user = userEvent.setup();",
                            f"await user.click(screen.getByRole({_ROLE_BUTTON}, {{ name: {ts_string(label)} }}));",
                            f"await waitFor(() => expect(sent(fetchMock, {method})).toBe(true));",
                        ],
                    }
                )
        lines.append(
            f'{{{var}.error ? <p role="alert" className="text-sm text-destructive">{{{var}.error.message}}</p> : null}}'
        )
        self.sk.test_asserts.append(
            f'expect(screen.getByRole("button", {{ name: {ts_string(label)} }})).toBeInTheDocument();'
        )
        return lines

    def _destructive(self, h: HookFn) -> bool:
        """A DELETE the spec confirms with an AlertDialog (the component lists it)."""
        return h.fn.endpoint.method.upper() == "DELETE" and self.parts.has("alert-dialog")

    def _confirmed(self, label: str, attrs: str, call: str, variant: str) -> list[str]:
        """An action button that asks first: an AlertDialog whose action runs ``call``."""
        self.parts.use(
            "alert-dialog",
            "AlertDialog",
            "AlertDialogAction",
            "AlertDialogCancel",
            "AlertDialogContent",
            "AlertDialogDescription",
            "AlertDialogFooter",
            "AlertDialogHeader",
            "AlertDialogTitle",
            "AlertDialogTrigger",
        )
        return [
            "<AlertDialog>",
            "  <AlertDialogTrigger asChild>",
            "    " + self.button(label, attrs, variant),
            "  </AlertDialogTrigger>",
            "  <AlertDialogContent>",
            "    <AlertDialogHeader>",
            f"      <AlertDialogTitle>{jsx_text(label + '?')}</AlertDialogTitle>",
            f"      <AlertDialogDescription>{jsx_text('This cannot be undone.')}</AlertDialogDescription>",
            "    </AlertDialogHeader>",
            "    <AlertDialogFooter>",
            "      <AlertDialogCancel>Cancel</AlertDialogCancel>",
            f"      <AlertDialogAction onClick={{() => {call}}}>{jsx_text(label)}</AlertDialogAction>",
            "    </AlertDialogFooter>",
            "  </AlertDialogContent>",
            "</AlertDialog>",
        ]

    def _confirm_case(self, h: HookFn, sample: str) -> dict[str, Any]:
        label = ts_string(_mutation_label(h))
        find = "await screen.findAllByRole" if sample else "screen.getAllByRole"
        return {
            "title": f"asks before {_mutation_label(h).lower()}",
            "sample": sample,
            "lines": [
                "const user = userEvent.setup();",
                f'const [trigger] = {find}("button", {{ name: {label} }});',
                'if (!trigger) throw new Error("no button to click");',
                "await user.click(trigger);",
                'const confirm = await screen.findByRole("alertdialog");',
                'expect(sent(fetchMock, "DELETE")).toBe(false);',
                f'await user.click(within(confirm).getByRole("button", {{ name: {label} }}));',
                'await waitFor(() => expect(sent(fetchMock, "DELETE")).toBe(true));',
            ],
        }

    def _form(self, h: HookFn) -> list[str]:
        sk = self.sk
        var = _mutation_var(h)
        body_decl = self.fe.decl_by_name.get(h.fn.body_type)
        struct = self.ctx.spec.struct(h.fn.body_type)
        validations = {}
        if struct is not None:
            for f in struct.fields:
                validations[f.json_name or f.name] = f.validation
        lines = ['<form onSubmit={handleSubmit} className="grid gap-4">']
        reads: list[str] = []
        buildable = True
        for p in body_decl.props if body_decl else []:
            field_lines, read = _field_control(
                self.parts,
                self.comp_id,
                p,
                validations.get(p.name, ""),
                self.task,
                _column_default(self.ctx.spec, p.name),
            )
            lines += ["  " + x for x in field_lines]
            if read is None:
                if not p.optional:
                    buildable = False
            else:
                reads.append(f"  {p.key}: {read.replace('as T[', 'as ' + h.fn.body_type + '[')},")
            if read is not None:
                sk.test_asserts.append(
                    f"expect(screen.getByLabelText({ts_string(humanize(p.name))})).toBeInTheDocument();"
                )
        label = _mutation_label(h)
        lines.append(
            f'  {{{var}.error ? <p role="alert" className="text-sm text-destructive">{{{var}.error.message}}</p> : null}}'
        )
        lines.append("  " + self.button(label, f' type="submit" disabled={{{var}.isPending}}'))
        lines.append("</form>")
        sk.test_asserts.append(
            f'expect(screen.getByRole("button", {{ name: {ts_string(label)} }})).toBeInTheDocument();'
        )
        sk.needs_react_types = True
        sk.handlers.append("function handleSubmit(event: FormEvent<HTMLFormElement>) {")
        sk.handlers.append("  event.preventDefault();")
        sk.handlers.append("  const form = new FormData(event.currentTarget);")
        extra_params = [p for p in h.var_params]
        if buildable:
            sk.type_imports.add(h.fn.body_type)
            sk.handlers.append(
                f"  // TODO({self.task}): validate the fields and handle success (reset, close, notify)."
            )
            sk.handlers.append(f"  const body: {h.fn.body_type} = {{")
            sk.handlers += ["  " + r for r in reads]
            sk.handlers.append("  };")
            if extra_params:
                members = ", ".join(f"{p.ident}: {self.prop(p.ident)}" for p in extra_params)
                sk.handlers.append(f"  {var}.mutate({{ {members}, body }});")
            else:
                sk.handlers.append(f"  {var}.mutate(body);")
        else:
            sk.handlers.append(
                f"  // TODO({self.task}): build the {h.fn.body_type} from the form and call {var}.mutate(...)."
            )
            sk.handlers.append("  void form;")
        sk.handlers.append("}")
        if buildable:
            fills, expected = _form_fill(body_decl, validations, self.ctx.spec)
            method = ts_string(h.fn.endpoint.method.upper())
            sk.cases.append(
                {
                    "title": f"submits the form's values with {h.name}",
                    "sample": "",
                    "lines": ["const user = userEvent.setup();"]
                    + fills
                    + [
                        f"await user.click(screen.getByRole({_ROLE_BUTTON}, {{ name: {ts_string(label)} }}));",
                        f"await waitFor(() => expect(sent(fetchMock, {method})).toBe(true));",
                        f"expect(sentBody(fetchMock, {method})).toEqual({_json_ts(expected)});",
                    ],
                }
            )
        return lines

    def _wrap(
        self,
        title: str,
        description: str,
        content: list[str],
        form_lines: list[str],
        form_hook: HookFn | None,
    ) -> list[str]:
        desc = description.strip()
        lines: list[str] = []
        if form_lines and self.parts.has("dialog"):
            self.parts.use(
                "dialog",
                "Dialog",
                "DialogContent",
                "DialogDescription",
                "DialogHeader",
                "DialogTitle",
            )
            controlled = "open" in self.prop_names and "onOpenChange" in self.prop_names
            if controlled:
                lines.append(
                    f"<Dialog open={{{self.prop('open')}}} onOpenChange={{{self.prop('onOpenChange')}}}>"
                )
                self.sk.test_setup.append("// The dialog is open: its content renders in a portal.")
            else:
                self.parts.use("dialog", "DialogTrigger")
                label = _mutation_label(form_hook) if form_hook else title
                lines.append("<Dialog>")
                lines.append("  <DialogTrigger asChild>")
                lines.append("    " + self.button(label, ' type="button"'))
                lines.append("  </DialogTrigger>")
                self.sk.test_async = True
                self.sk.test_setup.append(
                    f'await userEvent.setup().click(screen.getByRole("button", {{ name: {ts_string(label)} }}));'
                )
                # the trigger and the submit share a label: assert on the dialog's
                self.sk.test_asserts = [
                    a.replace(
                        'screen.getByRole("button"',
                        'within(screen.getByRole("dialog")).getByRole("button"',
                    )
                    for a in self.sk.test_asserts
                ]
                for case in self.sk.cases:
                    case["lines"] = [
                        s.replace(
                            'screen.getByRole("button"',
                            'within(screen.getByRole("dialog")).getByRole("button"',
                        )
                        for s in case["lines"]
                    ]
            lines.append("  <DialogContent>")
            lines.append("    <DialogHeader>")
            lines.append(f"      <DialogTitle>{jsx_text(title)}</DialogTitle>")
            lines.append(f"      <DialogDescription>{jsx_text(desc or title)}</DialogDescription>")
            lines.append("    </DialogHeader>")
            lines += ["    " + x for x in form_lines]
            # The rest goes inside too: an open modal hides everything outside it.
            lines += ["    " + x for x in content]
            lines.append("  </DialogContent>")
            lines.append("</Dialog>")
            self.sk.test_asserts.insert(
                0, f'expect(screen.getByRole("dialog")).toHaveTextContent({ts_string(title)});'
            )
            return self._outer(lines)
        inner = content + form_lines
        if self.parts.has("card"):
            self.parts.use("card", "Card", "CardContent", "CardHeader", "CardTitle")
            if desc:
                self.parts.use("card", "CardDescription")
            lines.append("<Card>")
            lines.append("  <CardHeader>")
            lines.append(f"    <CardTitle>{jsx_text(title)}</CardTitle>")
            if desc:
                lines.append(f"    <CardDescription>{jsx_text(desc)}</CardDescription>")
            lines.append("  </CardHeader>")
            lines.append('  <CardContent className="grid gap-4">')
            lines += ["    " + x for x in inner]
            lines.append("  </CardContent>")
            lines.append("</Card>")
        else:
            lines.append('<section className="grid gap-4">')
            lines.append(f'  <h2 className="text-lg font-semibold">{jsx_text(title)}</h2>')
            if desc:
                lines.append(f'  <p className="text-sm text-muted-foreground">{jsx_text(desc)}</p>')
            lines += ["  " + x for x in inner]
            lines.append("</section>")
        self.sk.test_asserts.insert(
            0, f"expect(screen.getByText({ts_string(title)})).toBeInTheDocument();"
        )
        return self._outer(lines)

    def _outer(self, lines: list[str]) -> list[str]:
        if "className" in self.prop_names and "className" not in self.used_props:
            self.used_props.append("className")
            return ["<div className={className}>"] + ["  " + x for x in lines] + ["</div>"]
        return lines

    def _view(self) -> dict[str, Any]:
        sk = self.sk
        ui_imports = []
        # A listed part the skeleton has no place for: a TODO where it goes, no import
        # (an unused import fails `noUnusedLocals`).
        todos = []
        for m, name in self.parts.wanted:
            if name in self.parts.used.get(m, set()):
                continue
            if m in PRIMITIVES:
                todos.append(f"  {{/* TODO({self.task}): use {name} from ui/{m} */}}")
            else:
                todos.append(
                    f"  {{/* TODO({self.task}): add the shadcn part {m} "
                    f"(npx shadcn@latest add {m}), then use {name} */}}"
                )
        if todos and len(sk.body) > 1:
            sk.body = sk.body[:-1] + todos + sk.body[-1:]
        for m in sorted(self.parts.used):
            ui_imports.append({"module": m, "names": sorted(self.parts.used[m])})
        return {
            "ui_imports": ui_imports,
            "setup": sk.setup,
            "handlers": sk.handlers,
            "body": sk.body,
            "used_props": self.used_props,
            "props": self.props,
            "local_types": [
                {"name": t, "todo": f"TODO({self.task}): import {t} from where the app declares it"}
                for t in self.local_types
            ],
            "needs_form_event": sk.needs_react_types,
            "type_imports": sorted(t for t in sk.type_imports | self.sk_types if t),
            "test": {
                "async": sk.test_async,
                "setup": sk.test_setup,
                "asserts": sk.test_asserts,
                "cases": [{**c, "title": ts_string(c["title"])} for c in sk.cases],
                "samples": [
                    {"name": n, "type": t, "json": _json_ts(json.loads(v))}
                    for n, (t, v) in sorted(sk.samples.items())
                ],
                "fetch_json": sk.fetch_json or "{}",
                "fetch_type": sk.fetch_type,
            },
        }


def _column_default(spec, name: str) -> str:
    """The string DEFAULT of a column named ``name`` (``'member'`` → ``member``), or ""."""
    for table in spec.tables:
        for col in table.columns:
            if col.name == name and col.default:
                m = re.fullmatch(r"'((?:[^']|'')*)'(?:::\w+)?", col.default.strip())
                if m:
                    return m.group(1).replace("''", "'")
    return ""


def linked_hooks(spec: Spec, comp: Component, fe: Frontend) -> list[HookFn]:
    """The generated hooks the spec links to a component, never guessed from words.

    In order: the reader's links (the component's note names them); else the hooks whose
    exact name the spec's other text about the component uses (the tasks that create its
    file, the frontend test rows that name it); else the hooks whose endpoint's request or
    response type the component names. None when the spec links none.
    """
    if comp.hooks:
        return [fe.hook_by_name[h] for h in comp.hooks if h in fe.hook_by_name]
    texts: list[str] = [comp.description]
    path = norm(comp.path)
    for task in spec.tasks:
        if any(norm(f.path).endswith(path) or path.endswith(norm(f.path)) for f in task.files):
            texts += [task.title, task.description]
            texts += [f.note for f in task.files if f.note]
    name = re.compile(rf"(?<![\w$]){re.escape(comp.name)}(?![\w$])")
    for table in spec.tests:
        for row in table.rows:
            cells = list(row.cells.values())
            if cells and name.search(cells[0]):
                texts += cells
    text = " ".join(texts)
    named = [h for h in fe.hooks if re.search(rf"(?<![\w$]){re.escape(h.name)}(?![\w$])", text)]
    if named:
        return named
    types = set(comp.types) - {comp.props}
    return [
        h
        for h in fe.hooks
        if types & {h.fn.body_type, h.fn.result_type, h.fn.query_type} - {"", "void", "unknown"}
    ]


# --------------------------------------------------------------------------- family


def _test_uses(test: dict[str, Any]) -> dict[str, bool]:
    """Which helpers and imports a component test's lines use (strict TS: no unused ones)."""
    lines = test["setup"] + test["asserts"] + [x for c in test["cases"] for x in c["lines"]]
    text = "\n".join(lines)
    return {
        "uses_within": "within(" in text,
        "uses_user_event": "userEvent" in text,
        "uses_wait_for": "waitFor(" in text,
        "uses_sent": "sent(" in text,
        "uses_sent_body": "sentBody(" in text,
    }


def _test_path(path: str) -> str:
    return re.sub(r"\.tsx$", ".test.tsx", path)


class WebFamily:
    """Plans component skeletons, their tests, shadcn primitives and the web project."""

    name = "web"

    def plan(self, ctx: PlanContext) -> list[RenderJob]:
        spec = ctx.spec
        comps = [c for c in spec.components if c.path.endswith(".tsx")]
        if not (comps or spec.hooks or spec.endpoints):
            return []
        fe = build_frontend(ctx)
        if any(d.severity == "error" for d in fe.diagnostics):
            return []  # the ts family reported them
        web = read_target(ctx)
        jobs: list[RenderJob] = []
        used_modules: set[str] = set()
        comp_job = self._components(ctx, fe, web, comps, used_modules)
        if comp_job is not None:
            jobs.append(comp_job)
        modules = _with_needs(used_modules)
        known = [m for m in modules if m in PRIMITIVES]
        unknown = [m for m in modules if m not in PRIMITIVES]
        # A web project this feature wrote on an earlier run is still planned (its files are
        # user-owned, so they are merged, not clobbered); otherwise they would look stale.
        ours = ctx.target.previous_file(under(web.root, "components.json")) is not None
        if web.components_json is not None and not ours:
            missing = [m for m in modules if not ctx.target.exists(f"{web.ui_dir}/{m}.tsx")]
            if missing:
                cwd = "" if web.root in (".", "") else f"cd {web.root} && "
                ctx.instruct(
                    Instruction(
                        kind="shadcn-add",
                        message=f"shadcn parts the components use are missing from {web.ui_dir}/",
                        command=f"{cwd}npx shadcn@latest add " + " ".join(missing),
                        path=web.ui_dir,
                    )
                )
        else:
            for m in unknown:
                comp = next(c for c in comps if m in [part_module(p) for p in c.shadcn])
                ctx.report(
                    at(
                        comp,
                        "GEN070",
                        "warning",
                        f"scaffold has no bundled shadcn part {m!r}; add it with "
                        f"`npx shadcn@latest add {m}` (the component imports it)",
                    )
                )
            prim_job = self._primitives(ctx, fe, web, known)
            if prim_job is not None:
                jobs.append(prim_job)
        if not web.has_package_json or ctx.target.previous_file(under(web.root, "package.json")):
            jobs.append(self._project(ctx, fe, web, known))
        else:
            self._instruct_deps(ctx, web, known)
            setup_job = self._test_setup(ctx, fe, web)
            if setup_job is not None:
                jobs.append(setup_job)
        return jobs

    # -- components
    def _components(
        self, ctx: PlanContext, fe: Frontend, web: WebTarget, comps: list[Component], used: set[str]
    ) -> RenderJob | None:
        items, tests, files = [], [], []
        spec_desc = ", ".join(ctx.spec_paths) or ctx.feature
        for comp in comps:
            path = fe.layout.path(comp.path)
            problem = ts_ident_problem(comp.name)
            if problem:
                ctx.report(at(comp, "GEN071", "error", f"component {problem}; rename the file"))
                continue
            task = task_id(task_for_path(ctx.spec, path)) or "T-000"
            b = _Builder(ctx, fe, comp, task)
            view = b.build()
            props_name = comp.props or f"{comp.name}Props"
            used.update(b.parts.listed)
            hook_files: dict[str, list[str]] = {}
            for h in b.hooks:
                hook_files.setdefault(h.file, []).append(h.name)
            section = f"§5 Component & Module Design: {comp.name}"
            src = ctx.source(section, comp, task)
            item = {
                "path": path,
                "header": _user_header(f"{spec_desc} {section}", task),
                "name": comp.name,
                "props_name": props_name if b.props else "",
                "doc": ts_comment(comp.description, 300),
                "ui_alias": web.ui_alias,
                "hook_imports": [
                    {"module": import_path(path, f), "names": sorted(n)}
                    for f, n in sorted(hook_files.items())
                ],
                "types_module": import_path(path, fe.paths["types"]),
                **view,
            }
            items.append(item)
            files.append(
                PlannedFile(path=path, owner="user", blueprint=COMPONENTS_BLUEPRINT, source=src)
            )
            test_path = _test_path(path)
            sample_props = []
            for p in b.props:
                value = _sample(p["type"], p["name"])
                if value:
                    sample_props.append(f"{p['key']}: {value},")
                elif not p["optional"]:
                    sample_props.append(
                        f"{p['key']}: undefined as unknown as {props_name}[{ts_string(p['name'])}], // TODO({task}): a value"
                    )
            tests.append(
                {
                    "path": test_path,
                    "header": _user_header(f"{spec_desc} {section}", task),
                    "name": comp.name,
                    "props_name": props_name if b.props else "",
                    "component_module": "./" + comp.path.rsplit("/", 1)[-1][: -len(".tsx")],
                    "http_module": import_path(test_path, fe.paths["http"]),
                    "types_module": import_path(test_path, fe.paths["types"]),
                    "sample_props": sample_props,
                    "uses_vi": any("vi.fn()" in s for s in sample_props),
                    **_test_uses(view["test"]),
                    "task": task,
                    **view["test"],
                }
            )
            files.append(
                PlannedFile(
                    path=test_path,
                    owner="user",
                    blueprint=COMPONENTS_BLUEPRINT,
                    source=ctx.source(section + " (test)", comp, task),
                )
            )
        hook_tests = []
        for hook_file in fe.hook_files:
            test_path = re.sub(r"\.tsx?$", ".test.tsx", hook_file)
            if ctx.target.exists(test_path) and not ctx.target.previous_file(test_path):
                continue
            hs = [h for h in fe.hooks if h.file == hook_file]
            task = task_id(task_for_path(ctx.spec, test_path) or task_for_path(ctx.spec, hook_file))
            view = _hook_test_view(ctx, fe, hook_file, test_path, hs, task or "T-000")
            hook_tests.append(
                {
                    "path": test_path,
                    "header": _user_header(f"{spec_desc} §5 API Client / Hooks", task or "T-000"),
                    **view,
                }
            )
            files.append(
                PlannedFile(
                    path=test_path,
                    owner="user",
                    blueprint=COMPONENTS_BLUEPRINT,
                    source=ctx.source("§5 API Client / Hooks (test)", hs[0].hook, task),
                )
            )
        if not files:
            return None
        return RenderJob(
            blueprint=COMPONENTS_BLUEPRINT,
            data={"files": {"component": items, "test": tests, "hook_test": hook_tests}},
            files=files,
        )

    # -- primitives
    def _primitives(
        self, ctx: PlanContext, fe: Frontend, web: WebTarget, modules: list[str]
    ) -> RenderJob | None:
        if not modules:
            return None
        items, files = [], []
        for m in modules:
            path = f"{web.ui_dir}/{m}.tsx"
            if ctx.target.exists(path) and not ctx.target.previous_file(path):
                continue  # the user's own part: never replaced
            items.append(
                {
                    "path": path,
                    "module": m,
                    "utils": web.utils_alias,
                    "ui": web.ui_alias,
                    "radix_import": PRIMITIVES[m].radix_import(ctx.config.radix),
                }
            )
            files.append(
                PlannedFile(
                    path=path,
                    owner="user",
                    blueprint=PRIMITIVES_BLUEPRINT,
                    source=ctx.source(f"§5 shadcn/ui Components to Install: {m}", None),
                )
            )
        utils_path = _alias_dir(web.root, web.utils_alias) + ".ts"
        utils = []
        if not ctx.target.exists(utils_path) or ctx.target.previous_file(utils_path):
            utils.append({"path": utils_path})
            files.append(
                PlannedFile(
                    path=utils_path,
                    owner="user",
                    blueprint=PRIMITIVES_BLUEPRINT,
                    source=ctx.source("§5 shadcn/ui Components to Install: cn()", None),
                )
            )
        if not files:
            return None
        return RenderJob(
            blueprint=PRIMITIVES_BLUEPRINT,
            data={"files": {"primitive": items, "utils": utils}},
            files=files,
        )

    # -- project
    def _packages(
        self, ctx: PlanContext, modules: list[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        deps_pins, dev_pins = _pins_split()
        wanted = set(_BASE_PACKAGES) | set(_UTILS_PACKAGES)
        for m in modules:
            wanted.update(PRIMITIVES[m].npm_packages(ctx.config.radix))
        deps = {k: deps_pins[k] for k in sorted(wanted) if k in deps_pins}
        return deps, dict(sorted(dev_pins.items()))

    def _project(
        self,
        ctx: PlanContext,
        fe: Frontend,
        web: WebTarget,
        modules: list[str],
        kinds: tuple[str, ...] = (),
    ) -> RenderJob:
        """The web project's files (``kinds`` of them only, when given)."""
        deps, dev = self._packages(ctx, modules)
        name = web.root.rsplit("/", 1)[-1] if web.root not in (".", "") else ctx.feature
        name = "-".join(words(name)) or "web"
        package = {
            "name": name,
            "private": True,
            "version": "0.0.0",
            "type": "module",
            "engines": {"node": node_engines()},
            "scripts": {
                "dev": "vite",
                "build": "tsc --noEmit && vite build",
                "preview": "vite preview",
                "test": "vitest run",
                "test:watch": "vitest",
                "typecheck": "tsc --noEmit",
            },
            "dependencies": deps,
            "devDependencies": dev,
        }
        r = lambda rel: under(web.root, rel)  # noqa: E731
        src = ctx.source("§5 Component & Module Design (web project)", None)
        only = kinds
        all_kinds = {
            "package": ("package.json", json.dumps(package, indent=2, ensure_ascii=True) + "\n"),
            "npmrc": (".npmrc", ""),
            "gitignore": (".gitignore", ""),
            "tsconfig": ("tsconfig.json", ""),
            "vite": ("vite.config.ts", ""),
            "vitest": ("vitest.config.ts", ""),
            "components": ("components.json", ""),
            "index_html": ("index.html", ""),
            "main": ("src/main.tsx", ""),
            "app": ("src/App.tsx", ""),
            "css": ("src/index.css", ""),
            "setup": ("src/test/setup.ts", ""),
        }
        data: dict[str, list[dict[str, Any]]] = {kind: [] for kind in all_kinds}
        files = []
        for kind, (rel, text) in all_kinds.items():
            if only and kind not in only:
                continue
            path = r(rel)
            data[kind] = [
                {
                    "path": path,
                    "text": text,
                    "title": ts_comment(ctx.spec.meta.title or ctx.feature),
                    "title_html": _html_text(ctx.spec.meta.title or ctx.feature),
                    "http": import_path(r("src/main.tsx"), fe.paths["http"]),
                }
            ]
            files.append(
                PlannedFile(path=path, owner="user", blueprint=PROJECT_BLUEPRINT, source=src)
            )
        return RenderJob(blueprint=PROJECT_BLUEPRINT, data={"files": data}, files=files)

    def _instruct_deps(self, ctx: PlanContext, web: WebTarget, modules: list[str]) -> None:
        """An existing package.json: the install commands for what the generated frontend
        imports and it lacks, in the target's package manager's syntax; when the target
        has no Vitest (config ``test_runner``), the pinned test stack and a ``test`` script."""
        deps, dev = self._packages(ctx, modules)
        have = {
            **(web.package.get("dependencies") or {}),
            **(web.package.get("devDependencies") or {}),
        }
        pm = ctx.config.package_manager
        rel = under(web.root, "package.json")
        missing = [f"{k}@{v}" for k, v in deps.items() if k not in have]
        if missing:
            ctx.instruct(
                Instruction(
                    kind="npm-install",
                    message=f"{rel} lacks packages the generated frontend imports",
                    command=install_command(pm, web.root, missing, dev=False),
                    path=rel,
                )
            )
        if ctx.config.test_runner == "vitest":
            return
        stack = [f"{k}@{dev[k]}" for k in TEST_STACK if k in dev and k not in have]
        if stack:
            ctx.instruct(
                Instruction(
                    kind="npm-install",
                    message=f"{rel} has no Vitest; the generated tests run on it "
                    "(Vitest, Testing Library, jsdom)",
                    command=install_command(pm, web.root, stack, dev=True),
                    path=rel,
                )
            )
        scripts = web.package.get("scripts") or {}
        script = "test" if "test" not in scripts else "test:vitest"
        if scripts.get(script) != "vitest run":
            prefix = "" if web.root in (".", "") else f" --prefix {web.root}"
            ctx.instruct(
                Instruction(
                    kind="npm-install",
                    message=f'{rel} has no script running Vitest: add "{script}": "vitest run"',
                    command=f'npm pkg set{prefix} scripts.{script}="vitest run"',
                    path=rel,
                )
            )

    def _test_setup(self, ctx: PlanContext, fe: Frontend, web: WebTarget) -> RenderJob | None:
        """Into a target without Vitest: its config and setup file, when absent (user-owned)."""
        if ctx.config.test_runner == "vitest":
            return None
        job = self._project(ctx, fe, web, [], kinds=("vitest", "setup"))
        keep = [
            f
            for f in job.files
            if not ctx.target.exists(f.path) or ctx.target.previous_file(f.path)
        ]
        if not keep:
            return None
        paths = {f.path for f in keep}
        data = {k: [i for i in v if i["path"] in paths] for k, v in job.data["files"].items()}
        return RenderJob(blueprint=PROJECT_BLUEPRINT, data={"files": data}, files=keep)


#: The packages the generated tests need (versions from blueprints/pins.toml).
TEST_STACK = (
    "vitest",
    "jsdom",
    "@testing-library/dom",
    "@testing-library/jest-dom",
    "@testing-library/react",
    "@testing-library/user-event",
    "@vitejs/plugin-react",
    "@types/node",  # vitest.config.ts resolves the `@/` alias with node:url
)


def install_command(manager: str, root: str, packages: list[str], dev: bool) -> str:
    """The exact install line for ``packages`` (``name@version``) in the manager's syntax."""
    names = " ".join(packages)
    if manager == "npm":
        prefix = "" if root in (".", "") else f" --prefix {root}"
        return f"npm install{prefix} --save-exact{' --save-dev' if dev else ''} {names}"
    cd = "" if root in (".", "") else f"cd {root} && "
    if manager == "pnpm":
        return f"{cd}pnpm add --save-exact{' --save-dev' if dev else ''} {names}"
    return f"{cd}{manager} add --exact{' --dev' if dev else ''} {names}"  # yarn, bun


_TS_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


def _json_ts(value: Any) -> str:
    """A JSON value as a TS expression, written as a TS developer would (``{ email: "a" }``,
    keys quoted only when they are not identifiers; ASCII only, ``</`` escaped)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = ", ".join(
            f"{k if _TS_KEY.fullmatch(k) else _json_ts(k)}: {_json_ts(v)}" for k, v in value.items()
        )
        return "{ " + items + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_json_ts(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=True).replace("</", "<\\/")


def _error_body(shown: str, e: ErrorClass, nested: bool) -> dict[str, Any]:
    """The error body the generated server writes for ``e``: the shape the spec's row
    shows (else the spec's wire: flat or nested), carrying the row's machine code."""
    try:
        body = json.loads(shown.strip().strip("`")) if shown else None
    except ValueError:
        body = None
    if not isinstance(body, dict) or not body:
        if nested:
            return {"error": {"code": e.code, "message": e.message}}
        return {"error": e.message, "code": e.code}
    inner = body.get("error")
    if isinstance(inner, dict):
        body["error"] = {**inner, "code": e.code}
    else:
        body["code"] = e.code
    return body


def _query_ok_body(h: HookFn, fe: Frontend) -> str:
    """A success body of a hook's endpoint as a TS expression."""
    if h.fn.result_type == "unknown":
        return "{}"  # a query's data may not be undefined (TanStack Query)
    if h.fn.result_type == "void":
        return "undefined"
    return _json_ts(_empty_value(h.fn.result_type, fe))


def _hook_test_view(
    ctx: PlanContext, fe: Frontend, hook_file: str, test_path: str, hs: list[HookFn], task: str
) -> dict[str, Any]:
    """Tests of the generated hooks: URL and method, pages, invalidation, error classes."""
    cases = []
    error_classes: set[str] = set()
    err_by_go = {e.go_name: e for e in fe.errors}
    for e in fe.errors:
        err_by_go.setdefault(e.go_name.rsplit(".", 1)[-1], e)  # rows may name `auth.ErrX` as ErrX
    for h in hs:
        fn = h.fn
        ep = fn.endpoint
        samples = {p.name: f"test-{kebab(p.name)}" for p in fn.params}
        url = "http://api.test" + re.sub(r"\{([^{}/]+)\}", lambda m: samples[m.group(1)], ep.path)
        hook_args = ", ".join(ts_string(samples[p.name]) for p in h.hook_params)
        ok_status = ep.success_status if 200 <= ep.success_status < 300 else 200
        ok_body = _query_ok_body(h, fe)
        if fn.result_type == "void":
            ok_status = 204
        variables = ""
        if h.kind == "mutation":
            body = _json_ts(_empty_value(fn.body_type, fe)) if fn.body_type else ""
            if h.variables_type == "void":
                variables = ""
            elif h.variables_type == "string":
                variables = ts_string(samples[h.var_params[0].name])
            elif not h.var_params:
                variables = body
            else:
                members = [f"{p.ident}: {ts_string(samples[p.name])}" for p in h.var_params]
                if fn.body_type:
                    members.append(f"body: {body}")
                variables = "{ " + ", ".join(members) + " }"
        key_vals = {p.name: ts_string(samples[p.name]) for p in fn.params}
        invalidate = key_literal(fe.feature, h.invalidates[0], key_vals) if h.invalidates else ""
        # The lists the mutation refreshes (in this hooks file): rendered beside it, they
        # fetch again after it succeeds, which proves the key it invalidates is theirs.
        refresh = None
        near = [q for q in h.refreshes if q.file == hook_file]
        if near:
            q = near[0]
            q_samples = {p.name: f"test-{kebab(p.name)}" for p in q.fn.params}
            refresh = {
                "hook": q.name,
                "args": ", ".join(ts_string(q_samples[p.name]) for p in q.hook_params),
                "ok_body": _query_ok_body(q, fe),
                "title": ts_string(f"refetches {q.name} on success"),
            }
        events = []
        for name in h.events:
            events.append(
                {
                    "title": ts_string(f"refetches on {name}"),
                    "message": _json_ts(json.dumps({"type": name, "payload": {}})),
                }
            )
        errors = []
        for row in ep.errors:
            e = err_by_go.get(row.error)
            if e is None:
                continue
            body_value = _error_body(row.body, e, ctx.spec.wire.error_nested)
            errors.append(
                {
                    "status": row.status,
                    "code": ts_string(e.code),
                    "body": _json_ts(body_value),
                    "cls": e.name,
                    "title": ts_string(f"{row.status} {e.code} -> {e.name}"),
                }
            )
            error_classes.add(e.name)
        cursor = None
        if h.kind == "infinite" and fn.cursor:
            first = _empty_value(fn.result_type, fe)
            field_name = (
                json.loads(fn.cursor["field"])
                if fn.cursor["field"].startswith('"')
                else fn.cursor["field"]
            )
            if isinstance(first, dict):
                first[field_name] = "c2"
            cursor = {
                "first": _json_ts(first),
                "query": fn.cursor["query"],
                "param": (
                    json.loads(fn.cursor["query"])
                    if fn.cursor["query"].startswith('"')
                    else fn.cursor["query"]
                ),
            }
        cases.append(
            {
                "hook": h.name,
                "kind": h.kind,
                "args": hook_args,
                "url": ts_string(url),
                "method": ts_string(ep.method.upper()),
                "ok_status": ok_status,
                "ok_body": ok_body,
                "variables": variables,
                "invalidate": invalidate,
                "refresh": refresh,
                "events": events,
                "errors": errors,
                "cursor": cursor,
                "title": ts_string(f"{ep.method.upper()} {ep.path}"),
            }
        )
    return {
        "http_module": import_path(test_path, fe.paths["http"]),
        "errors_module": import_path(test_path, fe.paths["errors"]),
        "hooks_module": import_path(test_path, hook_file),
        "hook_names": sorted({h.name for h in hs}),
        "error_classes": sorted(error_classes - {BASE_ERROR}),
        "http_imports": sorted({"ApiProvider"} | (error_classes & {BASE_ERROR})),
        "uses_act": any(c["kind"] == "mutation" or c["events"] for c in cases),
        "uses_wait": any(c["kind"] != "mutation" or c["refresh"] for c in cases),
        "events_module": import_path(test_path, fe.paths["events"]),
        "events_provider": f"{fe.prefix}EventsProvider" if any(h.events for h in hs) else "",
        "refresh_hooks": sorted({c["refresh"]["hook"] for c in cases if c["refresh"]}),
        "cases": cases,
        "task": task,
    }


def _html_text(text: str) -> str:
    out = []
    for ch in text:
        if ch in "<>&\"'" or ord(ch) > 0x7E or ord(ch) < 0x20:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def _user_header(description: str, task: str) -> str:
    return (
        f"// Created by scaffold from {ts_comment(description)}.\n"
        f"// Yours to edit: scaffold never overwrites it. TODO({task}) marks what is left to do.\n"
    )


# --------------------------------------------------------------------------- view schema

_TEST = {
    "header": "string",
    "name": "string",
    "props_name": "string",
    "component_module": "string",
    "http_module": "string",
    "types_module": "string",
    "sample_props": "array",
    "uses_vi": "boolean",
    "uses_within": "boolean",
    "uses_user_event": "boolean",
    "task": "string",
    "async": "boolean",
    "setup": "array",
    "asserts": "array",
    "cases": "array",
    "samples": "array",
    "uses_wait_for": "boolean",
    "uses_sent": "boolean",
    "uses_sent_body": "boolean",
    "fetch_json": "string",
    "fetch_type": "string",
}
_PROJECT = {"text": "string", "title": "string", "title_html": "string", "http": "string"}

#: What each file kind of the web blueprints receives (``files.<kind>[]`` items).
VIEW_SHAPES: dict[str, dict[str, dict[str, str]]] = {
    COMPONENTS_BLUEPRINT: {
        "component": {
            "header": "string",
            "name": "string",
            "props_name": "string",
            "doc": "string",
            "ui_alias": "string",
            "hook_imports": "array",
            "types_module": "string",
            "ui_imports": "array",
            "setup": "array",
            "handlers": "array",
            "body": "array",
            "used_props": "array",
            "props": "array",
            "local_types": "array",
            "needs_form_event": "boolean",
            "type_imports": "array",
        },
        "test": _TEST,
        "hook_test": {
            "header": "string",
            "http_module": "string",
            "errors_module": "string",
            "hooks_module": "string",
            "hook_names": "array",
            "error_classes": "array",
            "http_imports": "array",
            "uses_act": "boolean",
            "uses_wait": "boolean",
            "events_module": "string",
            "events_provider": "string",
            "refresh_hooks": "array",
            "cases": "array",
            "task": "string",
        },
    },
    PRIMITIVES_BLUEPRINT: {
        "primitive": {
            "module": "string",
            "utils": "string",
            "ui": "string",
            "radix_import": "string",
        },
        "utils": {},
    },
    PROJECT_BLUEPRINT: {
        kind: _PROJECT
        for kind in (
            "package",
            "npmrc",
            "gitignore",
            "tsconfig",
            "vite",
            "vitest",
            "components",
            "index_html",
            "main",
            "app",
            "css",
            "setup",
        )
    },
}

VIEW_VERSION = 1
VIEW_SCHEMAS: dict[str, dict] = {
    name: shape_schema(name, shapes, VIEW_VERSION) for name, shapes in VIEW_SHAPES.items()
}

FAMILY = WebFamily()
