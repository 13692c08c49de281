"""Go API: the view models of the ``go-api`` and ``go-runtime`` blueprints.

Per feature, in the package of its handlers (DESIGN §4):

generated (rewritten every run)
  ``<feature>_types.gen.go``       the spec's structs, enums and named types; ``Validate()``
                                   for every struct with ``validate`` tags (no third-party
                                   validator)
  ``<feature>_errors.gen.go``      sentinel errors of the Error Taxonomy, the one mapping to
                                   HTTP status and body, the error body type
  ``<feature>_interfaces.gen.go``  the spec's interfaces and ``<Feature>Deps``, what handlers
                                   are given (interfaces + one Authenticator)
  ``<feature>_routes.gen.go``      ``Register<Feature>Routes`` (net/http 1.22 ServeMux or chi)
user-owned (created when absent, then kept)
  the handler file the spec names  stubs: decode, validate, auth, path params, calls, errors,
                                   ``// TODO(T-00N)`` where the business logic goes
  ``<handler file>_test.go``       table-driven tests that pass now; happy path skipped
  ``<feature>_models.go``          placeholders for types the spec uses but never defines
and ``internal/scaffoldrt/scaffoldrt.go``: the runtime helper, identical for every feature.

Every computed string (identifiers, Go expressions, escaped spec text, imports) is made
here; the templates only print.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ...diagnostics import at
from ...model import Endpoint, GoField, GoMethod, GoParam, GoStruct, Spec
from ..naming import wire_code
from ..naming import (
    GO_PREDECLARED,
    camel,
    go_comment,
    go_comment_lines,
    go_ident_problem,
    go_json,
    go_package_name,
    go_raw_string,
    go_string,
    go_tag,
    names_caller,
    pascal,
    snake,
    words,
)
from ..plan import Instruction, PlanContext, PlannedFile, RenderJob
from . import first_task, task_for_code, task_id, under
from .go_layout import GoLayout, GoPackage

API_BLUEPRINT = "go-api"
RUNTIME_BLUEPRINT = "go-runtime"
RUNTIME_DIR = "internal/scaffoldrt"
RUNTIME_PKG = "scaffoldrt"
# What a request failing validation is answered with when the taxonomy has no 400 of its own.
INVALID_CODE = "invalid_request"
INVALID_MESSAGE = "The request is invalid."
from ...typemap import CHI_MODULE as CHI
from ...typemap import GO_PACKAGES as KNOWN_PACKAGES
from ...typemap import UUID_MODULE as UUID
from ...typemap import query_go_type

_TYPE_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?")
_TYPE_KEYWORDS = {"map", "chan", "func", "interface", "struct", "any", "error", "comparable"}
_INTS = {
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "byte",
    "rune",
}
_FLOATS = {"float32", "float64"}
_BODY_METHODS = {"POST", "PUT", "PATCH"}
# the validate tag and message of a path or query value that does not parse as its type
_PARSE_RULES = {
    "uuid.UUID": ("uuid", "must be a UUID"),
    "bool": ("boolean", "must be true or false"),
    "time.Time": ("datetime", "must be an RFC 3339 date-time"),
}
_NUMBER_RULE = ("number", "must be a number")
_SIZED = {"string", "named-string", "slice", "map"}  # kinds whose min/max count length
# validate rule → (Go comparison that fails, message start)
_SIZE_RULES = {
    "min": ("<", "must be at least"),
    "gte": ("<", "must be at least"),
    "max": (">", "must be at most"),
    "lte": (">", "must be at most"),
    "len": ("!=", "must be exactly"),
    "gt": ("<=", "must be more than"),
    "lt": (">=", "must be less than"),
}
_STATUS_NAMES = {
    200: "StatusOK",
    201: "StatusCreated",
    202: "StatusAccepted",
    204: "StatusNoContent",
    400: "StatusBadRequest",
    401: "StatusUnauthorized",
    402: "StatusPaymentRequired",
    403: "StatusForbidden",
    404: "StatusNotFound",
    405: "StatusMethodNotAllowed",
    409: "StatusConflict",
    410: "StatusGone",
    412: "StatusPreconditionFailed",
    413: "StatusRequestEntityTooLarge",
    415: "StatusUnsupportedMediaType",
    422: "StatusUnprocessableEntity",
    423: "StatusLocked",
    428: "StatusPreconditionRequired",
    429: "StatusTooManyRequests",
    500: "StatusInternalServerError",
    501: "StatusNotImplemented",
    502: "StatusBadGateway",
    503: "StatusServiceUnavailable",
    504: "StatusGatewayTimeout",
}


def status_expr(code: int) -> str:
    name = _STATUS_NAMES.get(code)
    return f"http.{name}" if name else str(code)


def type_names(go_type: str) -> list[str]:
    """Identifiers a Go type expression refers to (``map[string][]*pkg.T`` → ``pkg.T``)."""
    out = []
    for tok in _TYPE_TOKEN.findall(go_type):
        if tok in _TYPE_KEYWORDS or tok in GO_PREDECLARED:
            continue
        out.append(tok)
    return out


def base_type(go_type: str) -> str:
    """``*[]T`` → ``T`` for pointer/slice prefixes; the rest unchanged."""
    t = go_type.strip()
    while t.startswith(("*", "[]")):
        t = t[1:] if t.startswith("*") else t[2:]
    return t


@dataclass
class Imports:
    """Import paths a file needs, collected while its content is built."""

    paths: set[str] = field(default_factory=set)

    def use(self, path: str) -> None:
        self.paths.add(path)

    def use_type(self, go_type: str) -> None:
        for name in type_names(go_type):
            if "." in name:
                qual = name.split(".", 1)[0]
                if qual in KNOWN_PACKAGES:
                    self.paths.add(KNOWN_PACKAGES[qual])

    def groups(self) -> list[list[str]]:
        std = sorted(p for p in self.paths if "." not in p.split("/")[0])
        other = sorted(p for p in self.paths if "." in p.split("/")[0])
        return [g for g in (std, other) if g]

    def lines(self) -> list[str]:
        """Import specs, a blank line between standard library and the rest."""
        out: list[str] = []
        for i, group in enumerate(self.groups()):
            if i:
                out.append("")
            out.extend(go_string(p) for p in group)
        return out


# --------------------------------------------------------------------------- analysis


@dataclass
class Handler:
    """One endpoint's handler, resolved."""

    endpoint: Endpoint
    function: str  # Go function or method name
    receiver: str  # "" for a function
    file: str  # user-owned stub file, target-relative
    task: str
    auth_required: bool
    role: str


class GoFamily:
    """Plans the feature's Go files, one package at a time, and the shared runtime helper."""

    name = "go"

    def plan(self, ctx: PlanContext) -> list[RenderJob]:
        if not has_go_output(ctx.spec):
            return []
        return _FeaturePlan(ctx).plan()


@dataclass
class Middleware:
    """A middleware the spec names for an endpoint (``auth.Middleware.RequireOrgMember``)."""

    ref: str  # as written
    field: str  # the Deps field that carries it
    found: str  # where the target declares it ("file:line"), "" when it does not

    def value(self) -> str:
        """What to pass for it: the reference, or for a method (``auth.Middleware.M``) the
        method of the app's value of that type."""
        head, paren, args = self.ref.partition("(")
        parts = head.split(".")
        if len(parts) == 3 and not paren:
            return f"<your {parts[0]}.{parts[1]}>.{parts[2]}"
        return self.ref


def middleware_field(ref: str) -> str:
    """The Deps field of a middleware reference: its last name, and the last names of its
    call's arguments (``auth.RequireTeamRole(auth.RoleMember)`` → ``RequireTeamRoleMember``)."""
    head, _, args = ref.partition("(")
    name = head.rsplit(".", 1)[-1]
    tail = re.findall(r"[A-Z][a-z0-9]*", name)[-1:] or [""]
    for arg in re.findall(r"[A-Za-z_][\w.]*|\"[^\"]*\"", args):
        word = pascal(arg.strip('"').rsplit(".", 1)[-1].replace(":", "_"))
        name += word.removeprefix(tail[0]) if word != tail[0] else word
    return name


class _FeaturePlan:
    """The feature's packages (DESIGN §19), planned one by one into one blueprint job."""

    def __init__(self, ctx: PlanContext) -> None:
        from ..gotarget import scan_target

        self.ctx = ctx
        config = ctx.config
        self.feat_snake = snake(ctx.feature) or "feature"
        self.layout = GoLayout(ctx.spec, config.backend_root, config.go_module, self.feat_snake)
        go_mod = config.go_mod
        self.target = scan_target(
            ctx.target.root,
            config.backend_root,
            config.go_module,
            go_mod.requires if go_mod is not None else {},
        )
        # Placeholders by package dir: name → view item (shared: a package may need one
        # declared in another package it imports).
        self.placeholders: dict[str, dict[str, dict]] = {}
        self.imported: set[str] = set()

    def plan(self) -> list[RenderJob]:
        ctx = self.ctx
        planners = [_GoPlanner(ctx, self, pkg) for pkg in self.layout.ordered()]
        for p in planners:
            if not p.check_names():
                return []
        for p in planners:
            p.collect_placeholders()
        items: dict[str, list[dict]] = {
            k: []
            for k in ("types", "errors", "interfaces", "routes", "handlers", "tests", "models")
        }
        files: list[PlannedFile] = []
        for p in planners:
            p.plan_files(items, files)
        for p in planners:
            p.plan_models(items, files)
        if not all(p.errors_ok for p in planners):
            return []
        registers = [p for p in planners if p.handlers]
        if registers:
            router_instructions(ctx, registers)
        self.cycle_check(planners)
        self.dependency_instructions()

        runtime_dir = under(ctx.config.backend_root, RUNTIME_DIR)
        runtime_path = f"{runtime_dir}/{RUNTIME_PKG}.go"
        runtime = RenderJob(
            blueprint=RUNTIME_BLUEPRINT,
            data={"files": {"runtime": [{"path": runtime_path}]}},
            files=[
                PlannedFile(
                    path=runtime_path,
                    owner="generated",
                    blueprint=RUNTIME_BLUEPRINT,
                    source=ctx.source("runtime helper (shared by every feature)"),
                    formatter="gofmt",
                )
            ],
        )
        first = planners[0]
        api = RenderJob(
            blueprint=API_BLUEPRINT,
            data={
                "files": items,
                "feature": ctx.feature,
                "Feat": first.Feat,
                "feat": first.feat,
                "chi": first.chi,
            },
            files=files,
        )
        return [runtime, api]

    def cycle_check(self, planners: list[_GoPlanner]) -> None:
        """An import cycle between the feature's packages is the spec's own: say where."""
        by_path = {p.package.import_path: p for p in planners}
        graph = {
            p.package.import_path: sorted(i for i in p.imports_seen if i in by_path)
            for p in planners
        }
        state: dict[str, int] = {}

        def visit(node: str, trail: list[str]) -> list[str] | None:
            state[node] = 1
            for nxt in graph.get(node, []):
                if nxt == node:
                    continue
                if state.get(nxt) == 1:
                    return trail + [node, nxt]
                if nxt not in state:
                    found = visit(nxt, trail + [node])
                    if found:
                        return found
            state[node] = 2
            return None

        for node in sorted(graph):
            if node not in state:
                cycle = visit(node, [])
                if cycle:
                    self.ctx.report(
                        at(
                            self.ctx.spec.meta,
                            "GEN069",
                            "error",
                            "the spec's Go packages import each other ("
                            + " → ".join(cycle)
                            + "): Go forbids import cycles; move the shared types into one "
                            "package",
                        )
                    )
                    return

    def dependency_instructions(self) -> None:
        """``go get M@V`` for every module the generated code imports that the target's
        go.mod does not require (from the pinned set)."""
        from ..pins import go_pins

        go_mod = self.ctx.config.go_mod
        if go_mod is None:
            return
        pins = go_pins()
        module = self.ctx.config.go_module
        needed: set[str] = set()
        for path in self.imported:
            first = path.split("/")[0]
            if "." not in first or path == module or path.startswith(module + "/"):
                continue
            if any(path == m or path.startswith(m + "/") for m in go_mod.requires):
                continue
            mod = next((m for m in sorted(pins) if path == m or path.startswith(m + "/")), path)
            needed.add(mod)
        for mod in sorted(needed):
            if mod in go_mod.requires:
                continue
            version = pins.get(mod, {}).get("version", "latest")
            self.ctx.instruct(
                Instruction(
                    kind="go-get",
                    message=f"{go_mod.path} does not require {mod}, which the generated code imports",
                    command=f"go get {mod}@{version}",
                    path=go_mod.path,
                )
            )


def router_instructions(ctx: PlanContext, planners: list[_GoPlanner]) -> None:
    """The line(s) to add where the target registers its routes: one per handler package."""
    chi = ctx.config.router == "chi"
    calls = []
    for p in planners:
        given = "".join(f", {mw.field}: {mw.value()}" for mw in p.middleware())
        call = f"{p.pkg}.Register{p.Feat}Routes(mux, &{p.pkg}.{p.Feat}Deps{{…{given}}})"
        calls.append(call.replace("(mux,", "(r,") if chi else call)
        planned = set(p.layout.packages) | {p.runtime_dir}
        own_code = any(
            info.dir not in planned
            for infos in p.feature_plan.target.packages.values()
            for info in infos
        )
        for mw in p.middleware():
            if mw.found or not own_code:  # an empty target has nothing to look in
                continue
            ctx.report(
                at(
                    p.handlers[0].endpoint.auth,
                    "GEN072",
                    "warning",
                    f"middleware {mw.ref} is in no package of the target; "
                    f"{p.pkg}.{p.Feat}Deps.{mw.field} must be given one",
                )
            )
            ctx.instruct(
                Instruction(
                    kind="note",
                    message=f"{mw.ref}, which the spec registers routes behind, is in no package "
                    f"of the target: give {p.pkg}.{p.Feat}Deps.{mw.field} the middleware that does it",
                )
            )
    register = "; ".join(calls)
    spec = ctx.spec
    modified = [f for f in spec.files if f.side == "backend" and f.action == "modify"]
    for t in spec.tasks:
        for tf in t.files:
            if tf.action == "modify" and tf.path.endswith(".go"):
                modified.append(tf)  # type: ignore[arg-type]
    routers = [
        f
        for f in modified
        if "rout" in f.path.lower() or "server" in f.path.lower() or "main.go" in f.path.lower()
    ]
    if routers:
        path = under(ctx.config.backend_root, routers[0].path)
        ctx.instruct(
            Instruction(
                kind="add-line",
                message=f"add to {path}, where the API routes are registered: {register}",
                path=path,
            )
        )
    else:
        ctx.instruct(
            Instruction(
                kind="add-line",
                message=f"register the routes where your server builds its mux: {register}",
            )
        )


class _GoPlanner:
    """One package's Go files (types, errors, interfaces, routes, handlers, tests, models).

    ``_GoPlanner(ctx)`` alone plans the feature's default package (what the OpenAPI view
    reads the error body shape from)."""

    def __init__(
        self,
        ctx: PlanContext,
        feature: _FeaturePlan | None = None,
        package: GoPackage | None = None,
    ) -> None:
        if feature is None:
            feature = _FeaturePlan(ctx)
        if package is None:
            package = feature.layout.ordered()[0]
        self.ctx = ctx
        self.feature_plan = feature
        self.layout = feature.layout
        self.package = package
        self.full: Spec = ctx.spec
        self.config = ctx.config
        self.feature = ctx.feature
        self.Feat = pascal(ctx.feature) or "Feature"
        self.feat = camel(ctx.feature) or "feature"
        self.feat_snake = snake(ctx.feature) or "feature"
        self.chi = self.config.router == "chi"
        self.module = self.config.go_module
        self.backend = self.config.backend_root
        self.errors_ok = True
        self.imports_seen: set[str] = set()
        # The errors this package declares: its own, and (in a package with handlers, or
        # the default one) a sentinel of each error of a package the spec does not create.
        errors = list(package.errors)
        has_handlers = any(p.endpoints for p in self.layout.packages.values())
        if package.endpoints or (not has_handlers and package.dir == self.layout.default):
            errors += [u for u in self.layout.unhomed if all(e.ident != u.ident for e in errors)]
        self.spec: Spec = ctx.spec.model_copy(
            update={
                "go_structs": package.structs,
                "go_interfaces": package.interfaces,
                "go_enums": package.enums,
                "go_types": package.named,
                "errors": errors,
                "endpoints": package.endpoints,
            }
        )
        self.dir = self.cdir = package.dir
        self.pkg = self.cpkg = package.name
        self.runtime_dir = under(self.backend, RUNTIME_DIR)
        self.runtime_import = self.layout.import_path(self.runtime_dir)
        spec = self.spec
        self.structs = {x.name: x for x in reversed(self.full.go_structs)}
        self.structs.update({x.name: x for x in reversed(spec.go_structs)})
        self.errs: list = []
        seen_err: set[str] = set()
        for x in spec.errors:
            if x.ident not in seen_err:
                seen_err.add(x.ident)
                self.errs.append(x)
        self.own_errors = {x.ident for x in self.errs}
        self.errors_by = {x.ident: x for x in reversed(self.errs)}
        self.errors_by.update({x.go_name: x for x in reversed(self.errs)})
        self.all_errors = {x.go_name: x for x in reversed(self.full.errors)}
        self.enums = {x.name: x for x in reversed(self.full.go_enums)}
        self.named = {x.name: x for x in reversed(self.full.go_types)}
        self.deps = self.deps_interfaces()
        self.ifaces = {field: iface for field, iface, _ in self.deps}
        self._calls: dict[int, tuple[list[str], bool]] = {}
        self._methods_by_word: dict[str, list[tuple[int, str, tuple[str, ...]]]] | None = None
        self.placeholders: list[dict] = []
        self.handlers: list[Handler] = []
        self.body = self.error_body_shape()

    # ------------------------------------------------------------------ names

    def check_names(self) -> bool:
        problem = go_ident_problem(self.pkg)
        if problem:
            self.ctx.report(
                at(
                    self.full.meta,
                    "GEN060",
                    "error",
                    f"Go package name {self.pkg!r} ({self.dir}) is not valid: {problem}",
                )
            )
            return False
        return True

    def declared(self) -> set[str]:
        """Names this package declares (the spec's and the generated sentinels)."""
        return self.package.declares() | self.own_errors

    def other_owner(self, name: str) -> GoPackage | None:
        """The one other package of the feature that declares ``name``."""
        owners = [
            p
            for p in self.layout.ordered()
            if p.dir != self.dir and (name in p.declares() or name in self._placeholders_of(p))
        ]
        return owners[0] if len(owners) == 1 else None

    def _placeholders_of(self, p: GoPackage) -> dict[str, dict]:
        return self.feature_plan.placeholders.get(p.dir, {})

    def spell(
        self, go_type: str, imports: Imports, elem: object = None, origin: GoPackage | None = None
    ) -> str:
        """``go_type`` as this package writes it, its imports recorded: a type of this
        package unqualified, another package of the feature's qualified and imported, a
        standard, pinned or target package's imported (DESIGN §19); a type found nowhere
        becomes a placeholder here (``invites.Invite`` → ``Invite``)."""
        if not go_type:
            return go_type
        if origin is not None and origin.dir != self.dir:
            # A declaration of another package: its bare names are that package's.
            theirs = origin.declares() | set(self._placeholders_of(origin))
            go_type = _TYPE_TOKEN.sub(
                lambda m: (
                    f"{origin.name}.{m.group(0)}"
                    if m.group(0) in theirs
                    and not (m.start() > 0 and go_type[m.start() - 1] == ".")
                    else m.group(0)
                ),
                go_type,
            )
        own = self.declared()
        layout = self.layout
        planned_dirs = set(layout.packages)

        def repl(m: re.Match) -> str:
            tok = m.group(0)
            start = m.start()
            if start > 0 and go_type[start - 1] == ".":
                return tok
            if "." not in tok:
                if tok in _TYPE_KEYWORDS or tok in GO_PREDECLARED or not tok[:1].isupper():
                    return tok
                if tok in own or tok in self._placeholders_of(self.package):
                    return tok
                other = self.other_owner(tok)
                if other is not None:
                    self.use(imports, other.import_path)
                    return f"{other.name}.{tok}"
                self.placeholder(tok, elem)
                return tok
            qual, name = tok.split(".", 1)
            if qual == self.pkg:
                if name not in own:
                    self.placeholder(name, elem)
                return name
            other = layout.by_name(qual)
            if other is not None:
                self.use(imports, other.import_path)
                if name not in other.declares():
                    self.register_placeholder(other.dir, name, elem)
                return tok
            known = KNOWN_PACKAGES.get(qual)
            if known is not None:
                self.use(imports, known)
                return tok
            path = self.feature_plan.target.resolve(qual, name, planned_dirs)
            if path is not None:
                self.use(imports, path)
                return tok
            if name not in own:
                self.placeholder(name, elem, qual)
            return name

        return _TYPE_TOKEN.sub(repl, go_type)

    def use(self, imports: Imports, path: str) -> None:
        if path == self.package.import_path:
            return
        imports.use(path)
        self.imports_seen.add(path)
        self.feature_plan.imported.add(path)

    def placeholder_item(self, name: str, elem: object = None, qual: str = "") -> dict:
        pos = getattr(elem, "pos", None)
        line = getattr(pos, "line", 0)
        spec_file = self.ctx.spec_rel(getattr(pos, "file", "")) if pos else ""
        task = task_id(first_task(self.full, "backend"))
        tag = getattr(elem, "tag", "") or ""
        return {
            "name": name,
            "qualified": f"{qual}.{name}" if qual else name,
            # a field validated with oneof= takes strings on the wire
            "underlying": "string" if "oneof=" in tag else "struct{}",
            "where": go_comment(f"{spec_file}:{line}" if line else spec_file),
            "todo": f"TODO({task})" if task else "TODO",
        }

    def placeholder(self, name: str, elem: object = None, qual: str = "") -> None:
        """Record a placeholder declaration of ``name`` in this package."""
        if not self.register_placeholder(self.dir, name, elem, qual) or not qual:
            return
        if qual:
            self.ctx.report(
                at(
                    elem if elem is not None else self.full.meta,
                    "GEN061",
                    "warning",
                    f"type {qual}.{name} is found nowhere (not in the spec, the target's "
                    f"packages, its go.mod or the pinned set); generated as a placeholder "
                    f"{name} in {self.dir}: replace it with the real type's import",
                )
            )
            self.ctx.instruct(
                Instruction(
                    kind="note",
                    message=f"{qual}.{name} is found nowhere: {self.dir}/{self.feat_snake}"
                    f"_models.go declares a placeholder {name}; replace it with the real type",
                    path=f"{self.dir}/{self.feat_snake}_models.go",
                )
            )

    def register_placeholder(self, d: str, name: str, elem: object = None, qual: str = "") -> bool:
        """Record placeholder ``name`` in package dir ``d``; whether it is new. A field
        validated with ``oneof`` makes it a string type (its values travel as strings)."""
        found = self.feature_plan.placeholders.setdefault(d, {})
        if name in found:
            if "oneof=" in (getattr(elem, "tag", "") or ""):
                found[name]["underlying"] = "string"
            return False
        found[name] = self.placeholder_item(name, elem, qual)
        return True

    def collect_placeholders(self) -> None:
        """Spell every type the package's declarations use once, so placeholders are known
        (with the element that needs them) before any file is built."""
        scratch = Imports()
        for s in self.spec.go_structs:
            for f in s.fields:
                self.spell(f.type, scratch, f)
        for i in self.spec.go_interfaces:
            for m in i.methods:
                for p in m.params + m.results:
                    self.spell(p.type, scratch, m)
        for t in self.spec.go_types:
            self.spell(t.underlying, scratch, t)
        for e in self.spec.go_enums:
            self.spell(e.underlying, scratch, e)
        self.imports_seen.clear()

    def deps_interfaces(self) -> list[tuple[str, object, str]]:
        """(Deps field, interface, its package's name or "") the handlers are given: this
        package's interfaces, those the endpoints call, and (for handlers with none of
        their own) the interfaces of the feature's packages without handlers."""
        own = list(self.package.interfaces)
        chosen: list[tuple[object, GoPackage]] = [(i, self.package) for i in own]
        if self.package.endpoints:
            for ep in self.package.endpoints:
                for ref in ep.calls:
                    name = ref.partition(".")[0]
                    if any(i.name == name for i, _ in chosen):
                        continue
                    for p in self.layout.ordered():
                        hit = next((i for i in p.interfaces if i.name == name), None)
                        if hit is not None:
                            chosen.append((hit, p))
                            break
            if not own:
                for p in self.layout.ordered():
                    if p.endpoints or p.dir == self.dir:
                        continue
                    for i in p.interfaces:
                        if all(i is not c for c, _ in chosen):
                            chosen.append((i, p))
        names = [i.name for i, _ in chosen]
        out = []
        for i, p in chosen:
            field = i.name
            if names.count(i.name) > 1 and p.dir != self.dir:
                field = pascal(p.name) + i.name
            out.append((field, i, "" if p.dir == self.dir else p.name))
        return out

    def dep_field(self, name: str) -> str:
        """The Deps field of an interface the spec names (``UserLookup``)."""
        if name in self.ifaces:
            return name
        return next((f for f, i, _ in self.deps if i.name == name), name)

    def origin_of(self, iface: object) -> GoPackage | None:
        d = self.layout.home.get(id(iface))
        return self.layout.packages.get(d) if d else None

    def iface_type(self, field: str, imports: Imports) -> str:
        for f, i, qual in self.deps:
            if f == field:
                return self.spell(f"{qual}.{i.name}" if qual else i.name, imports)
        return field

    def import_path(self, rel_dir: str) -> str:
        """The Go import path of a target-relative directory."""
        return self.layout.import_path(rel_dir)

    def spec_display(self) -> str:
        return self.ctx.spec_paths[0] if self.ctx.spec_paths else "the spec"

    def header(self, section: str, task: str, generated: bool, pos=None) -> str:
        src = self.ctx.source(section, pos, task)
        spec_path = src.spec or (self.ctx.spec_paths[0] if self.ctx.spec_paths else "the spec")
        if generated:
            first = f"// Code generated by scaffold from {go_comment(spec_path)}. DO NOT EDIT."
        else:
            first = (
                f"// Generated once by scaffold from {go_comment(spec_path)}; "
                "yours to edit (scaffold never rewrites it)."
            )
        return f"{first}\n// Source: {go_comment(src.describe())}.\n"

    # ------------------------------------------------------------------ plan

    def plan_files(self, items: dict[str, list[dict]], files: list[PlannedFile]) -> None:
        ctx, spec = self.ctx, self.spec
        self.handlers = self.resolve_handlers()

        def add(kind: str, item: dict, owner: str, section: str, task: str, pos=None) -> None:
            items[kind].append(item)
            files.append(
                PlannedFile(
                    path=item["path"],
                    owner=owner,
                    blueprint=API_BLUEPRINT,
                    source=ctx.source(section, pos, task),
                    formatter="gofmt",
                )
            )

        self._add = add
        backend_task = task_id(
            first_task(self.full, "backend") or (self.full.tasks[0] if self.full.tasks else None)
        )
        self.backend_task = backend_task
        p = f"{self.dir}/{self.feat_snake}"
        types_item = self.types_view(f"{p}_types.gen.go", backend_task)
        if types_item:
            add("types", types_item, "generated", "§4 API Design / §5 Go structs", backend_task)
        if self.errs or (self.handlers and self.rules_home() is None):
            add(
                "errors",
                self.errors_view(f"{p}_errors.gen.go", backend_task),
                "generated",
                "§5 Error Taxonomy",
                backend_task,
            )
        ifaces_item = self.interfaces_view(f"{p}_interfaces.gen.go", backend_task)
        if ifaces_item:
            add("interfaces", ifaces_item, "generated", "§5 Backend Interfaces", backend_task)
        if not self.handlers:
            return
        # Registering the routes is part of the first handlers' task, not the contract's.
        routes_task = self.handlers[0].task or backend_task
        add(
            "routes",
            self.routes_view(f"{p}_routes.gen.go", routes_task),
            "generated",
            "§4 API Design: routes",
            routes_task,
        )
        by_file: dict[str, list[Handler]] = {}
        self._declared_receivers: set[str] = set()  # one declaration across the files
        for h in self.handlers:
            by_file.setdefault(h.file, []).append(h)
        for path, hs in sorted(by_file.items()):
            task = hs[0].task
            add(
                "handlers",
                self.handlers_view(path, hs),
                "user",
                "§4 API Design: handlers",
                task,
                hs[0].endpoint,
            )
            test_path = path[: -len(".go")] + "_test.go"
            add(
                "tests",
                self.tests_view(test_path, hs),
                "user",
                "§7 Testing Strategy",
                task,
                hs[0].endpoint,
            )

    def plan_models(self, items: dict[str, list[dict]], files: list[PlannedFile]) -> None:
        found = self.feature_plan.placeholders.get(self.dir, {})
        self.placeholders = [v for _, v in sorted(found.items())]
        if not self.placeholders:
            return
        task = getattr(self, "backend_task", "")
        path = f"{self.dir}/{self.feat_snake}_models.go"
        items["models"].append(self.models_view(path, task))
        files.append(
            PlannedFile(
                path=path,
                owner="user",
                blueprint=API_BLUEPRINT,
                source=self.ctx.source("§5 types used but not defined", None, task),
                formatter="gofmt",
            )
        )

    # ------------------------------------------------------------------ types

    def struct_view(self, s: GoStruct, imports: Imports) -> dict:
        fields = []
        for f in s.fields:
            fields.append(
                {
                    "name": f.name,
                    "type": self.spell(f.type, imports, f),
                    "tag": go_tag(f.tag) if f.tag else "",
                    "comment": go_comment(f.comment, 200) if f.comment else "",
                    "embedded": f.embedded,
                }
            )
        return {
            "name": s.name,
            "type_params": s.type_params,
            "doc": go_comment_lines(s.doc) if s.doc else [],
            "fields": fields,
        }

    def receiver_structs(self) -> set[str]:
        return {h.receiver for h in self.handlers if h.receiver}

    def types_view(self, path: str, task: str) -> dict | None:
        spec = self.spec
        imports = Imports()
        skip = self.receiver_structs()
        structs = [self.struct_view(s, imports) for s in spec.go_structs if s.name not in skip]
        enums = []
        for e in spec.go_enums:
            underlying = self.spell(e.underlying, imports, e)
            values = []
            for const, value in zip(e.consts, e.values):
                values.append(
                    {
                        "name": const,
                        "value": (
                            go_string(value)
                            if e.underlying == "string" or not re.match(r"^-?\d+(\.\d+)?$", value)
                            else value
                        ),
                    }
                )
            enums.append({"name": e.name, "underlying": underlying, "members": values})
        named = []
        for t in spec.go_types:
            named.append({"name": t.name, "underlying": self.spell(t.underlying, imports, t)})
        validates = [self.validate_view(s, imports) for s in spec.go_structs if self.validates(s)]
        if any(f"{RUNTIME_PKG}." in c for v in validates for c in v["checks"]):
            self.use(imports, self.runtime_import)
        if not (structs or enums or named):
            return None
        return {
            "path": path,
            "package": self.cpkg,
            "header": self.header("§4 API Design / §5 Go types", task, True),
            "imports": imports.lines(),
            "structs": structs,
            "enums": enums,
            "named": named,
            "validates": validates,
        }

    # ------------------------------------------------------------------ validation

    def validate_view(self, s: GoStruct, imports: Imports) -> dict:
        blocks: list[str] = []
        for f in s.fields:
            if not f.validation or f.embedded or not f.name:
                continue
            blocks.extend(self.field_checks(s, f, imports))
        return {"name": s.name, "checks": blocks}

    def kind_of(self, go_type: str) -> str:
        """string | int | float | bool | slice | map | uuid | time | struct | named-string | other"""
        t = go_type.strip()
        if "." in t and t.split(".", 1)[0] not in KNOWN_PACKAGES:
            t = t.split(".", 1)[1]  # a type of the feature's (or the target's) packages
        if t.startswith("[]"):
            return "slice"
        if t.startswith("map["):
            return "map"
        if t == "string":
            return "string"
        if t in _INTS:
            return "int"
        if t in _FLOATS:
            return "float"
        if t == "bool":
            return "bool"
        if t == "uuid.UUID":
            return "uuid"
        if t == "time.Time":
            return "time"
        enum = self.enums.get(t)
        if enum is not None:
            return "named-string" if enum.underlying == "string" else "named-num"
        named = self.named.get(t)
        if named is not None:
            return {"string": "named-string"}.get(named.underlying, "other")
        placeholders = self.feature_plan.placeholders
        if any(p.get(t, {}).get("underlying") == "string" for p in placeholders.values()):
            return "named-string"
        return "other"

    def struct_task(self, name: str) -> str:
        """The task a struct's checks belong to: that of the first handler taking it as its
        request, else the first backend task."""
        for h in getattr(self, "handlers", []):
            if h.endpoint.request == name and h.task:
                return h.task
        return task_id(first_task(self.spec, "backend"))

    def field_checks(self, s: GoStruct, f: GoField, imports: Imports) -> list[str]:
        """Go statements checking one field's ``validate`` rules (printed inside Validate):
        the rules before ``dive`` on the field, those after it on each item."""
        rules = [r.strip() for r in f.validation.split(",") if r.strip()]
        label = go_string(self.wire_name(s, f))
        return self.value_checks(s, f, rules, f.type.strip(), f"v.{f.name}", label, imports)

    def wire_name(self, s: GoStruct, f: GoField) -> str:
        """The name a field has on the wire: its JSON or query tag, else the query parameter
        it is named for (``AssigneeID`` ← ``assignee_id``) of the endpoint whose query ``s``
        holds (its request, or an untagged struct every field of which names one of the
        endpoint's query parameters), else the Go name (what encoding/json matches)."""
        if f.json_name or f.query:
            return f.json_name or f.query
        fields = {x.name for x in s.fields if x.name and not x.embedded}
        for ep in self.spec.endpoints:
            params = {pascal(q.name): q.name for q in ep.query}
            if f.name in params and (ep.request == s.name or fields <= params.keys()):
                return params[f.name]
        return f.name

    def has_validate(self, go_type: str) -> bool:
        """Whether the generated types give ``go_type`` (a struct) a Validate method."""
        t = self.structs.get(go_type.strip().lstrip("*"))
        return t is not None and self.validates(t)

    def validates(self, t: GoStruct) -> bool:
        """Whether struct ``t`` gets a Validate method: a request, or a struct with a
        ``validate`` tag (not generic, not a handler receiver)."""
        if t.type_params or t.name in self.receiver_structs():
            return False
        requests = {ep.request for ep in self.spec.endpoints if ep.request}
        return t.name in requests or any(x.validation for x in t.fields)

    def value_checks(
        self,
        s: GoStruct,
        f: GoField,
        rules: list[str],
        go_type: str,
        ref: str,
        label: str,
        imports: Imports,
    ) -> list[str]:
        """Statements checking ``rules`` on the value ``ref`` of ``go_type``, failing with a
        ValidationError naming the wire field ``label`` (a Go string expression)."""
        dives = "dive" in rules
        rules, item_rules = _split_dive(rules)
        pointer = go_type.startswith("*")
        inner_type = go_type[1:] if pointer else go_type
        kind = self.kind_of(inner_type)
        val = f"(*{ref})" if pointer else ref
        strval = f"string({val})" if kind == "named-string" else val
        zero = {
            "string": f'{val} == ""',
            "named-string": f'{val} == ""',
            "int": f"{val} == 0",
            "float": f"{val} == 0",
            "named-num": f"{val} == 0",
            "slice": f"len({val}) == 0",
            "map": f"len({val}) == 0",
            "uuid": f"{val} == uuid.Nil",
            "time": f"{val}.IsZero()",
        }.get(kind)

        def fail(rule: str, message: str) -> str:
            return f"return {RUNTIME_PKG}.Invalid({label}, {go_string(rule)}, {go_string(message)})"

        def sized(op: str, n: str) -> str | None:
            if kind in ("string", "named-string"):
                imports.use("unicode/utf8")
                return f"utf8.RuneCountInString({strval}) {op} {n}"
            if kind in ("slice", "map"):
                return f"len({val}) {op} {n}"
            if kind in ("int", "float", "named-num"):
                return f"{val} {op} {n}"
            return None

        def unit(n: str) -> str:
            if kind in ("string", "named-string"):
                return " character" if n == "1" else " characters"
            if kind in ("slice", "map"):
                return " item" if n == "1" else " items"
            return ""

        required = "required" in rules and zero is not None and kind != "bool"
        body: list[str] = []
        for rule in rules:
            key, _, arg = rule.partition("=")
            if key in ("required", "omitempty") or (key == "uuid" and kind == "uuid"):
                continue
            if required and not pointer and key in ("min", "gte") and arg == "1" and kind in _SIZED:
                continue  # "required" already refuses the empty value
            cond: str | None = None
            msg = ""
            if key == "email" and kind in ("string", "named-string"):
                cond, msg = f"!{RUNTIME_PKG}.IsEmail({strval})", "must be an email address"
            elif key == "uuid" and kind in ("string", "named-string"):
                cond, msg = f"!{RUNTIME_PKG}.IsUUID({strval})", "must be a UUID"
            elif key == "datetime" and arg and kind in ("string", "named-string"):
                imports.use("time")
                body.append(
                    f"if _, err := time.Parse({go_string(arg)}, {strval}); err != nil {{\n"
                    f"{fail(key, 'must be a date-time like ' + arg)}\n}}"
                )
                continue
            elif key in _SIZE_RULES and re.match(r"^-?\d+(\.\d+)?$", arg):
                op, text = _SIZE_RULES[key]
                cond, msg = sized(op, arg), f"{text} {arg}{unit(arg)}"
            elif key == "oneof" and arg and kind in ("string", "named-string", "int", "named-num"):
                options = _oneof_values(arg)
                numeric = kind in ("int", "named-num")
                if not numeric or all(re.match(r"^-?\d+$", o) for o in options):
                    lits = ", ".join(o if numeric else go_string(o) for o in options)
                    body.append(
                        f"switch {val} {{\ncase {lits}:\ndefault:\n"
                        f"{fail(key, 'must be one of: ' + ', '.join(options))}\n}}"
                    )
                    continue
            if cond is None:
                self.unchecked(s, f, rule, body)
                continue
            body.append(f"if {cond} {{\n{fail(key, msg)}\n}}")
        if dives:
            body.extend(self.item_checks(s, f, item_rules, inner_type, val, label, imports))

        out: list[str] = []
        if required:
            missing = f"{ref} == nil" if pointer else zero
            out.append(f"if {missing} {{\n{fail('required', 'is required')}\n}}")
        if not body:
            return out
        guard = []
        if pointer:
            guard.append(
                f"{ref} != nil"
            )  # omitempty on a pointer skips nil only: *n == 0 is checked
        elif "omitempty" in rules and zero:
            guard.append(f"!({zero})")
        if guard:
            out.append(f"if {' && '.join(guard)} {{\n" + "\n".join(body) + "\n}")
        else:
            out.extend(body)
        return out

    def item_checks(
        self,
        s: GoStruct,
        f: GoField,
        rules: list[str],
        go_type: str,
        ref: str,
        label: str,
        imports: Imports,
    ) -> list[str]:
        """A loop checking each item of the slice ``ref`` (``dive``): ``rules`` on the
        item, and the item's own Validate when it is a struct that has one."""
        if not go_type.startswith("[]"):
            out: list[str] = []
            self.unchecked(s, f, "dive", out)
            return out
        elem = go_type[2:]
        item = f"{RUNTIME_PKG}.Index({label}, i)"
        checks = self.value_checks(s, f, rules, elem, "item", item, imports) if rules else []
        if self.has_validate(elem):
            nested = f"if err := item.Validate(); err != nil {{\nreturn {RUNTIME_PKG}.Within({item}, err)\n}}"
            checks.append(f"if item != nil {{\n{nested}\n}}" if elem.startswith("*") else nested)
        if not checks:
            return []
        return ["for i, item := range " + ref + " {\n" + "\n".join(checks) + "\n}"]

    def unchecked(self, s: GoStruct, f: GoField, rule: str, body: list[str]) -> None:
        """A rule the generated Validate cannot check: GEN062, and a TODO of its task."""
        self.ctx.report(
            at(
                f,
                "GEN062",
                "warning",
                f"{s.name}.{f.name}: validate rule {rule!r} is not implemented "
                "by the generated Validate(); check it in the handler by hand",
            )
        )
        task = self.struct_task(s.name)
        todo = f"TODO({task})" if task else "TODO"
        body.append(
            f"// {todo}: {go_comment(rule)} on {f.name} is not checked here; check it in "
            "the handler."
        )

    # ------------------------------------------------------------------ errors

    def error_body_shape(self) -> dict:
        """The error body's fields as the spec's error tables show (default ``{"error"}``)."""
        body: dict | None = None
        for ep in self.full.endpoints:
            for row in ep.errors:
                text = row.body.strip().strip("`").strip()
                try:
                    parsed = json.loads(text)
                except (ValueError, TypeError):
                    continue
                if isinstance(parsed, dict) and parsed:
                    body = parsed
                    break
            if body:
                break
        if not body and self.spec.wire.error_body:
            try:
                parsed = json.loads(self.spec.wire.error_body)
            except (ValueError, TypeError):
                parsed = None
            if isinstance(parsed, dict) and parsed:
                body = parsed
        if not body:
            body = {"error": "message"}
        wrap = None
        if len(body) == 1:
            (key, inner), *_ = body.items()
            if isinstance(inner, dict) and inner and pascal(key):
                # nested: {"error": {"code": "…", "message": "…"}}
                wrap = {
                    "field": pascal(key),
                    "key": key,
                    "tag": go_tag(f'json:"{key}"'),
                    "type": f"{self.Feat}ErrorDetail",
                }
                body = inner
        fields = []
        for key, value in body.items():
            if go_ident_problem(pascal(key) or "X", exported=True) or not pascal(key):
                continue
            k = key.lower()
            if k in ("error", "message", "msg", "detail", "title", "description"):
                role = "message"
            elif k in ("code", "error_code", "type", "kind", "reason"):
                role = "code"
            elif k in ("status", "status_code"):
                role = "status"
            else:
                role = "other"
            if role == "other" and _is_field_map(value):
                role = "fields"  # {"fields": {"subject": "required"}}: wire name → failed rule
            elif (
                role == "other" and k in ("field", "param", "parameter") and isinstance(value, str)
            ):
                role = "field"
            elif role == "other" and isinstance(value, str):
                role = "empty"
            if role != "other":
                fields.append(_body_field(key, role))
        if not any(f["role"] == "message" for f in fields):
            fields.insert(0, _body_field("message" if wrap else "error", "message"))
        if not any(f["role"] == "code" for f in fields):
            fields.append(_body_field("code", "code"))  # a stable machine code (DESIGN §18)
        if not any(f["role"] in ("fields", "field") for f in fields):
            # the wire field a validation failure names, beside the spec's fields like the
            # machine code (DESIGN §18), absent from every other error body
            fields.append(_body_field("field", "field"))
        names = set()
        unique = []
        for f in fields:
            if f["name"] not in names:
                names.add(f["name"])
                unique.append(f)
        return {
            "type": f"{self.Feat}ErrorBody",
            "fields": unique,
            "wrap": wrap,
            "invalid": {"code": go_string(INVALID_CODE), "message": go_string(INVALID_MESSAGE)},
        }

    def error_json(self, status: int, code: str, message: str, invalid=None) -> str:
        """The exact body ``write<Feat>Status`` writes (encoding/json's bytes, without the
        newline): the shape's fields in order, ``invalid`` = (wire field, rule) or None."""
        out: dict = {}
        for f in self.body["fields"]:
            value = {
                "message": message,
                "code": code,
                "status": status,
                "fields": {invalid[0]: invalid[1]} if invalid and invalid[0] else None,
                "field": invalid[0] if invalid else "",
            }.get(f["role"], "")
            if f["omit"] and not value:
                continue
            out[f["key"]] = value
        if self.body["wrap"]:
            out = {self.body["wrap"]["key"]: out}
        return go_json(out)

    def rule_of(self, e) -> tuple[int, str, str]:
        """Status, machine code and message the error rules give taxonomy error ``e``."""
        base = e.ident[3:] if e.ident.startswith("Err") else e.ident
        text = " ".join(words(base)) or e.ident
        return e.status, wire_code(e) or snake(e.ident), e.wire_message or e.message or text

    def taxonomy_error(self, name: str):
        """The taxonomy error a row names, qualified (``auth.ErrX``) or not: as written,
        else this package's of that name, else any package's."""
        if not name:
            return None
        bare = name.rsplit(".", 1)[-1]
        return (
            self.all_errors.get(name)
            or self.errors_by.get(bare)
            or next((e for e in self.full.errors if e.ident == bare), None)
        )

    def error_home(self, e) -> GoPackage | None:
        """The other package of the feature that declares taxonomy error ``e``; None when
        this package declares it."""
        if any(x.go_name == e.go_name for x in self.errs):
            return None
        twins = [x for x in self.full.errors if x.go_name == e.go_name]
        d = next((self.layout.home[id(x)] for x in twins if id(x) in self.layout.home), None)
        if d is None or d == self.dir:
            return None
        return self.layout.packages.get(d)

    def err_ref(self, e, imports: Imports) -> str:
        """Taxonomy error ``e`` (or its name) as this package writes it."""
        if isinstance(e, str):
            e = self.taxonomy_error(e) or e
            if isinstance(e, str):
                return e
        home = self.error_home(e)
        if home is None:
            return e.ident
        self.use(imports, home.import_path)
        return f"{home.name}.{e.ident}"

    def rules_home(self) -> GoPackage | None:
        """The other package whose error rules this package's handlers use: when this
        package declares no errors and every error its endpoints answer lives in that one
        package (handlers beside a contract package); else None (its own rules)."""
        if self.errs:
            return None
        homes = {self.error_home(e).dir for e in self.foreign_errors()}
        if len(homes) != 1:
            return None
        return self.layout.packages[homes.pop()]

    def rules_ref(self, imports: Imports, suffix: str = "ErrorRules") -> str:
        home = self.rules_home()
        if home is None:
            return f"{self.Feat}{suffix}"
        self.use(imports, home.import_path)
        return f"{home.name}.{self.Feat}{suffix}"

    def foreign_errors(self) -> list:
        """Errors of the feature's other packages that this package's endpoints answer."""
        out, seen = [], set()
        for ep in self.spec.endpoints:
            for row in ep.errors:
                e = self.taxonomy_error(row.error)
                if e is None or e.go_name in seen or self.error_home(e) is None:
                    continue
                seen.add(e.go_name)
                out.append(e)
        order = {x.go_name: n for n, x in reversed(list(enumerate(self.full.errors)))}
        return sorted(out, key=lambda e: order.get(e.go_name, len(order)))

    def errors_view(self, path: str, task: str) -> dict:
        imports = Imports({"errors", "net/http", self.runtime_import})
        sentinels = []
        for e in self.errs:
            problem = go_ident_problem(e.ident, exported=True)
            if problem:
                self.ctx.report(at(e, "GEN063", "error", f"error name {problem}"))
                self.errors_ok = False
                continue
            base = e.ident[3:] if e.ident.startswith("Err") else e.ident
            text = " ".join(words(base)) or e.ident
            status = status_expr(e.status)
            if not status.startswith("http."):
                imports.paths.discard("net/http")
            _, code, message = self.rule_of(e)
            sentinels.append(
                {
                    "name": e.ident,
                    "text": go_string(text),
                    "status": status,
                    "code": go_string(code),
                    "message": go_string(message),
                    "doc": go_comment_lines(
                        f"{e.ident}: {message} ({e.status}"
                        + (f", log {e.log_level}" if e.log_level else "")
                        + ")."
                    ),
                }
            )
        if not sentinels:
            imports.paths.discard("errors")
        if not any(x["status"].startswith("http.") for x in sentinels):
            imports.paths.discard("net/http")
        imports.use("net/http")  # the status function's 500
        foreign = []
        for e in self.foreign_errors():
            _, code, message = self.rule_of(e)
            foreign.append(
                {
                    "name": self.err_ref(e, imports),
                    "status": status_expr(e.status),
                    "code": go_string(code),
                    "message": go_string(message),
                }
            )
        return {
            "path": path,
            "package": self.cpkg,
            "header": self.header("§5 Error Taxonomy", task, True),
            "imports": imports.lines(),
            "sentinels": sentinels,
            "foreign": foreign,
            "rules": f"{self.Feat}ErrorRules",
            "status_func": f"{self.Feat}ErrorStatus",
        }

    # ------------------------------------------------------------------ interfaces

    def method_sig(self, m: GoMethod, imports: Imports) -> str:
        params = []
        for p in m.params:
            params.append(f"{p.name} {self.spell(p.type, imports, m)}".strip())
        results = []
        for r in m.results:
            results.append(f"{r.name} {self.spell(r.type, imports, m)}".strip())
        res = ""
        if len(results) == 1 and not m.results[0].name:
            res = " " + results[0]
        elif results:
            res = " (" + ", ".join(results) + ")"
        return f"{m.name}({', '.join(params)}){res}"

    def deps_fields(self, imports: Imports) -> list[dict]:
        fields = [
            {
                "name": "Auth",
                "type": f"{RUNTIME_PKG}.Authenticator",
                "doc": ["Auth tells handlers who is calling (401 without identity)."],
            }
        ]
        for field_name, i, _ in self.deps:
            doc = i.doc if i.doc.startswith(f"{i.name} ") else f"{i.name}: {i.doc}"
            fields.append(
                {
                    "name": field_name,
                    "type": self.iface_type(field_name, imports),
                    "doc": go_comment_lines(doc if i.doc else i.name),
                }
            )
        for mw in self.middleware():
            where = f" ({mw.found})" if mw.found else ""
            fields.append(
                {
                    "name": mw.field,
                    "type": "func(http.Handler) http.Handler",
                    "doc": go_comment_lines(
                        f"{mw.field} guards the routes the spec puts behind {mw.ref}{where}: "
                        f"pass the app's {mw.ref}. Registering the routes without it panics."
                    ),
                }
            )
        return fields

    def middleware(self) -> list[Middleware]:
        """The middleware this package's endpoints name, in first-named order."""
        out: dict[str, Middleware] = {}
        for h in self.handlers:
            for ref in h.endpoint.auth.middleware if h.endpoint.auth is not None else []:
                if ref not in out:
                    name = middleware_field(ref)
                    if any(m.field == name for m in out.values()):  # session.X beside auth.X
                        name = pascal(ref.split(".", 1)[0]) + name
                    out[ref] = Middleware(ref, name, self.find_middleware(ref))
        return list(out.values())

    def find_middleware(self, ref: str) -> str:
        """Where the target declares ``ref`` ("file:line"), else ""."""
        qual, _, rest = ref.split("(", 1)[0].partition(".")
        for info in self.feature_plan.target.packages.get(qual, []):
            if rest in info.funcs:
                return info.funcs[rest]
        return ""

    def route_groups(self, routes: list[dict]) -> list[dict]:
        """The routes by the middleware they are registered behind (none first), in order."""
        groups: dict[tuple[str, ...], list[dict]] = {}
        for r in routes:
            groups.setdefault(tuple(r["middleware"]), []).append(r)
        order = sorted(groups, key=lambda k: k != ())  # stable: spec order after the bare
        return [{"middleware": list(k), "routes": groups[k]} for k in order]

    def interfaces_view(self, path: str, task: str) -> dict | None:
        imports = Imports()
        ifaces = []
        for i in self.spec.go_interfaces:
            ifaces.append(
                {
                    "name": i.name,
                    "doc": go_comment_lines(i.doc) if i.doc else [],
                    "methods": [
                        {
                            "sig": self.method_sig(m, imports),
                            "doc": go_comment_lines(m.doc) if m.doc else [],
                        }
                        for m in i.methods
                    ],
                }
            )
        if not ifaces:
            return None
        return {
            "path": path,
            "package": self.cpkg,
            "header": self.header("§5 Backend Interfaces", task, True),
            "imports": imports.lines(),
            "interfaces": ifaces,
        }

    def models_view(self, path: str, task: str) -> dict:
        return {
            "path": path,
            "package": self.cpkg,
            "header": self.header("§5 types used but not defined", task, False),
            "placeholders": self.placeholders,
        }

    # ------------------------------------------------------------------ handlers

    def resolve_handlers(self) -> list[Handler]:
        out: list[Handler] = []
        seen: set[tuple[str, str]] = set()
        for ep in self.spec.endpoints:
            h = ep.handler
            if h is None or not h.function:
                function = pascal(f"{ep.method.lower()} {' '.join(_static_words(ep.path))}")
                self.ctx.report(
                    at(
                        ep,
                        "GEN064",
                        "warning",
                        f"{ep.key} names no handler; generated as {function}. Add a "
                        "**Handler:** line to name it yourself.",
                    )
                )
                receiver, file = "", ""
            else:
                function, receiver, file = h.function, h.receiver, h.file
            for ident in (function, receiver):
                if ident and go_ident_problem(ident, exported=True):
                    self.ctx.report(
                        at(
                            ep,
                            "GEN066",
                            "error",
                            f"handler name: {go_ident_problem(ident, exported=True)}",
                        )
                    )
                    self.errors_ok = False
            if (receiver, function) in seen:
                self.ctx.report(
                    at(
                        ep,
                        "GEN067",
                        "error",
                        f"{ep.key}: handler {receiver + '.' if receiver else ''}"
                        f"{function} is named by two endpoints",
                    )
                )
                self.errors_ok = False
                continue
            seen.add((receiver, function))
            if file:
                path = under(self.backend, file)
            else:
                path = f"{self.dir}/{self.feat_snake}_handlers.go"
            if not path.endswith(".go") or path.endswith("_test.go"):
                self.ctx.report(
                    at(
                        ep,
                        "GEN068",
                        "error",
                        f"{ep.key}: handler file {path} must be a non-test .go file",
                    )
                )
                self.errors_ok = False
                continue
            recorded = self.ctx.target.previous_file(path)
            if self.ctx.target.exists(path) and not recorded:
                moved = f"{self.dir}/{self.feat_snake}_handlers.go"
                self.ctx.instruct(
                    Instruction(
                        kind="note",
                        message=f"{path} exists and scaffold does not edit files it did not create: "
                        f"the handler stubs for it were written to {moved}; move them when ready",
                        path=path,
                    )
                )
                path = moved
            task = task_for_code(self.spec, path, function) or first_task(self.spec, "backend")
            auth = ep.auth
            required = auth.required if auth is not None else True
            role = (auth.role if auth is not None else "").strip()
            out.append(Handler(ep, function, receiver, path, task_id(task), required, role))
        return out

    def path_params(self, ep: Endpoint) -> list[tuple[str, str]]:
        """(param name, Go variable) for each ``{param}`` of the path, in order."""
        out = []
        used: set[str] = set()
        for name in re.findall(r"\{([^}/]+)\}", ep.path):
            clean = name.rstrip(".")
            var = camel(clean) or "param"
            while var in used or var in ("w", "r", "d", "h", "req", "err", "caller", "resp"):
                var += "Param"
            used.add(var)
            out.append((clean, var))
        return out

    def endpoint_calls(self, h: Handler) -> tuple[list[str], bool]:
        """The interface methods a handler calls: the spec's, else inferred from the handler's
        name (``CreateInvite`` → a ``*Service`` interface's ``Create``) when exactly one fits."""
        ep = h.endpoint
        if ep.calls:
            return list(ep.calls), False
        key = id(h)
        if key in self._calls:
            return self._calls[key]
        if self._methods_by_word is None:
            self._methods_by_word = {}
            for field_name, i, _ in self.deps:
                rank = 0 if i.name.endswith("Service") else 1 if i.name.endswith("Store") else 2
                for m in i.methods:
                    mw = tuple(words(m.name))
                    if mw:
                        self._methods_by_word.setdefault(mw[0], []).append(
                            (rank, f"{field_name}.{m.name}", mw)
                        )
        fn_words = tuple(words(h.function))
        # A method fits when its words come in the handler's name in order, the verb first
        # (`ListProjectEvents` fits `ListEvents` and `List`); the one naming the most wins,
        # then a Service before a Store.
        candidates = (
            [
                (-len(mw), rank, ref)
                for rank, ref, mw in self._methods_by_word.get(fn_words[0], [])
                if _in_order(mw, fn_words)
            ]
            if fn_words
            else []
        )
        found: tuple[list[str], bool] = ([], False)
        if candidates:
            best = min(c[:2] for c in candidates)
            top = [ref for n, rank, ref in candidates if (n, rank) == best]
            found = (top, True) if len(top) == 1 else ([], False)
        self._calls[key] = found
        return found

    def query_params(self, ep: Endpoint) -> list[tuple[str, str]]:
        """(query parameter, Go variable) for the endpoint's ``**Query:**`` parameters."""
        taken = {v for _, v in self.path_params(ep)} | {"w", "r", "d", "req", "err", "caller"}
        taken |= {"raw", "n"}  # the parse statements' own names
        out = []
        for q in ep.query:
            var = camel(q.name) or "q"
            if var in taken:
                var += "Query"
            taken.add(var)
            out.append((q.name, var))
        return out

    def param_sources(self, ep: Endpoint) -> dict[str, tuple[str, str, str]]:
        """Call parameter name (camelCase) → (Go variable holding it, "path" | "query",
        the parameter's name in the spec)."""
        out = {camel(n): (v, "path", n) for n, v in self.path_params(ep)}
        for name, var in self.query_params(ep):
            out.setdefault(camel(name), (var, "query", name))
        return out

    def calls_for(self, h: Handler, imports: Imports) -> list[dict]:
        ep = h.endpoint
        calls = []
        used_vars: set[str] = {"w", "r", "d", "h", "req", "err", "caller", "resp", "ctx"}
        used_vars |= {v for _, v in self.path_params(ep)}
        used_vars |= {v for _, v in self.query_params(ep)}
        sources = self.param_sources(ep)
        invalid = self.status_write(h, 400, "invalid_request", "the request is invalid", imports)
        refs, inferred = self.endpoint_calls(h)
        uses: set[str] = set()
        req = self.structs.get(ep.request) if ep.request else None
        held: dict[str, str] = {}  # the caller's parsed ID, once parsed
        parsed: list[tuple[str, str]] = []  # path parameters parsed as (name, Go type)
        for ref in refs:
            iface_name, _, method_name = ref.partition(".")
            iface_name = self.dep_field(iface_name)
            iface = self.ifaces.get(iface_name)
            origin = self.origin_of(iface)
            method = (
                next((m for m in iface.methods if m.name == method_name), None) if iface else None
            )
            if method is None:
                continue
            decls, args = [], []
            named = {camel(p.name) for p in method.params if p.name}
            path_free = all(camel(n) in named for n, _ in self.path_params(ep))
            for n, p in enumerate(method.params):
                if p.type.strip() == "context.Context":
                    args.append("r.Context()")
                    continue
                t = p.type.strip()
                src = sources.get(camel(p.name)) if p.name else None
                bound = (
                    None
                    if src is not None  # a path or query value of that name wins
                    else self.bind_arg(h, p, path_free, req, held, used_vars, imports)
                )
                if bound is not None:
                    decls.extend(bound[1])
                    args.append(bound[0])
                    uses.add(bound[2])
                    continue
                var = camel(p.name) if p.name and p.name != "_" else f"arg{n}"
                while var in used_vars:
                    var += "Arg"
                used_vars.add(var)
                if src is not None and (
                    t == "string" if src[1] == "path" else t == self.query_type(h, src[2])
                ):
                    args.append(src[0])  # the path value as it came; the parsed query value
                    uses.add(src[0])
                    continue
                if src is not None and src[1] == "path" and t in ("uuid.UUID", "int"):
                    rule, message = _PARSE_RULES[t]
                    bad = self.param_invalid(h, src[2], rule, message, imports)
                    decls.extend(self.parse_param(var, t, src[:2], bad, imports))
                    parsed.append((src[2], t))
                    args.append(var)
                    uses.add(src[0])
                    continue
                if t.startswith("..."):
                    args.append(f"{var}...")
                    t = "[]" + t[3:]
                else:
                    args.append(var)
                decls.append(f"var {var} {self.spell(t, imports, method, origin)}")
            results = [r.type.strip() for r in method.results]
            has_err = bool(results) and results[-1] == "error"
            lhs = ["_"] * (len(results) - 1) + (["err"] if has_err else ["_"] if results else [])
            call = f"d.{iface_name}.{method_name}({', '.join(args)})"
            calls.append(
                {
                    "decls": decls,
                    "call": call,
                    "lhs": ", ".join(lhs),
                    "has_err": has_err,
                    "has_results": bool(results),
                    "note": f"{ref} (inferred from the handler's name)" if inferred else ref,
                    "uses": sorted(uses),
                    "parsed": list(parsed),
                }
            )
        return calls

    def bind_arg(
        self,
        h: Handler,
        p: GoParam,
        path_free: bool,
        req: GoStruct | None,
        held: dict[str, str],
        used_vars: set[str],
        imports: Imports,
    ) -> tuple[str, list[str], str] | None:
        """(argument, statements before the call, variable it uses) for a method parameter
        the handler already holds: the decoded request ``req`` (``&req``), one of its fields
        of the same name and type (``req.ArticleID``), the caller's ID (``caller.ID``, parsed
        when the method takes a UUID, once per handler: ``held``); else None."""
        t = p.type.strip()
        if req is not None:
            bare = t.lstrip("*").rsplit(".", 1)[-1]
            if bare == req.name and not req.type_params:
                return ("&req" if t.startswith("*") else "req"), [], "req"
            same = [f for f in req.fields if p.name and camel(f.name) == camel(p.name)]
            if same and not same[0].embedded and same[0].type.strip() == t:
                return f"req.{same[0].name}", [], "req"
        if not (h.auth_required and p.name and names_caller(p.name, path_free)):
            return None
        if t == "string":
            return "caller.ID", [], "caller"
        if t == "uuid.UUID":
            self.use(imports, UUID)
            if "caller" in held:  # parsed for an earlier parameter or call of this handler
                return held["caller"], [], "caller"
            var = camel(p.name)
            while var in used_vars:
                var += "Arg"
            used_vars.add(var)
            held["caller"] = var
            bad = self.status_write(h, 401, "unauthorized", "authentication required", imports)
            return (
                var,
                [f"{var}, err := uuid.Parse(caller.ID)", f"if err != nil {{\n{bad}\nreturn\n}}"],
                "caller",
            )
        return None

    def parse_param(
        self, var: str, go_type: str, src: tuple[str, str], invalid: str, imports: Imports
    ) -> list[str]:
        """Go statements parsing a path/query value into ``var`` (400 when malformed; an
        absent query value leaves the zero value)."""
        value, kind = src
        if go_type == "uuid.UUID":
            self.use(imports, UUID)
            parse = f"uuid.Parse({value})"
        else:
            imports.use("strconv")
            parse = f"strconv.Atoi({value})"
        fail = f"if err != nil {{\n{invalid}\nreturn\n}}"
        if kind == "query":
            return [
                f"var {var} {go_type}",
                f'if {value} != "" {{\nv, err := {parse}\n{fail}\n{var} = v\n}}',
            ]
        return [f"{var}, err := {parse}", fail]

    def query_type(self, h: Handler, name: str) -> str:
        """The Go type a query parameter is parsed into: the one the called method's
        parameter of that name takes when it is a scalar (or a pointer to one), else the
        spec's written type (:func:`query_go_type`); ``[]T`` when it repeats."""
        q = next(q for q in h.endpoint.query if q.name == name)
        written = q.type[2:] if q.type.startswith("[]") else q.type
        go = query_go_type(written)
        repeated = q.repeated or q.type.startswith("[]")
        for ref in self.endpoint_calls(h)[0]:
            iface_name, _, method_name = ref.partition(".")
            iface = self.ifaces.get(self.dep_field(iface_name))
            method = (
                next((m for m in iface.methods if m.name == method_name), None) if iface else None
            )
            for p in method.params if method else []:
                t = p.type.strip()
                if p.name and camel(p.name) == camel(name):
                    base = t[2:] if repeated and t.startswith("[]") else t.lstrip("*")
                    if base in _QUERY_PARSE and (repeated == t.startswith("[]")):
                        return t
        return f"[]{go}" if repeated else go

    def query_view(self, h: Handler, imports: Imports, exclude: set[str]) -> list[dict]:
        """Statements parsing each query parameter into its typed variable: the spec's
        default when absent, its bounds and members checked, a malformed value answered
        with the status the spec gives for that parameter (else 400)."""
        out = []
        for name, var in self.query_params(h.endpoint):
            if name in exclude:
                continue
            q = next(q for q in h.endpoint.query if q.name == name)
            t = self.query_type(h, name)

            def fail(rule: str, message: str, name: str = name) -> str:
                return f"{self.param_invalid(h, name, rule, message, imports)}\nreturn"

            out.append(
                {"var": var, "type": t, "lines": _query_parse(q, var, t, fail, imports, self)}
            )
        return out

    def param_invalid(
        self, h: Handler, name: str, rule: str, message: str, imports: Imports
    ) -> str:
        """Go statement answering ``name`` (a path or query parameter) failing ``rule``,
        as :meth:`param_failure` says."""
        err, status, names = self.param_failure(h, name)
        if not names:
            if err is not None:
                return f"write{self.Feat}Error(w, {self.err_ref(err, imports)})"
            return self.status_write(h, status, INVALID_CODE, INVALID_MESSAGE, imports)
        failure = (
            f"{RUNTIME_PKG}.Invalid({go_string(name)}, {go_string(rule)}, {go_string(message)})"
        )
        return f"invalid := {failure}\n" + self.invalid_write(h, "invalid", imports, err)

    def param_failure(self, h: Handler, name: str):  # -> (TaxonomyError | None, int, bool)
        """How a malformed ``name`` is answered: the taxonomy error (None: a bare status),
        the status, and whether the body names the parameter (a 400 does; a parameter
        "answered like an unknown" one gets that row's body as it is)."""
        status, err = self.param_answer(h, name)
        if err is not None:
            return err, err.status, err.status == 400
        return self.taxonomy_error(self.status_error(h, status)), status, status == 400

    def param_body(self, h: Handler, name: str, rule: str) -> tuple[int, str]:
        """The status and exact body a malformed ``name`` failing ``rule`` is answered with."""
        err, status, names = self.param_failure(h, name)
        status, code, message = (
            self.rule_of(err) if err is not None else (status, INVALID_CODE, INVALID_MESSAGE)
        )
        return status, self.error_json(status, code, message, (name, rule) if names else None)

    def answer_body(
        self, h: Handler, status: int, code: str, message: str, invalid=None
    ) -> str:  # noqa: ANN001
        """The exact body :meth:`status_write` (``invalid``: :meth:`invalid_write`, with the
        failing (field, rule)) answers ``status`` with."""
        err = self.taxonomy_error(self.status_error(h, status))
        if err is not None:
            status, code, message = self.rule_of(err)
        return self.error_json(status, code, message, invalid)

    def param_answer(self, h: Handler, name: str):  # -> (int, TaxonomyError | None)
        """The answer to a malformed or out-of-bounds ``name`` (a path or query parameter):
        the error row whose condition names it, else a sentence of the description that
        says how it is answered ("a token that is not a UUID is answered like an unknown
        token": that row), else 400."""
        ep = h.endpoint
        word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])", re.I)
        for row in ep.errors:
            if (
                400 <= row.status < 500
                and row.status not in (401, 403)
                and word.search(row.condition)
            ):
                found = self.taxonomy_error(row.error)
                if found is not None:
                    return row.status, found
        for sentence in re.split(r"(?<=[.;])\s+", ep.description):
            if not word.search(sentence) or not re.search(
                r"\bnot an?\b|malformed|invalid", sentence, re.I
            ):
                continue
            like = re.search(r"\b(\d{3})\b", sentence)
            status = int(like.group(1)) if like else None
            if status is None and re.search(r"\b(unknown|not found|missing)\b", sentence, re.I):
                status = 404
            if status is not None:
                row = next((r for r in ep.errors if r.status == status), None)
                found = self.taxonomy_error(row.error) if row is not None else None
                return status, found
        return 400, None

    def request_view(self, h: Handler, imports: Imports) -> dict:
        ep = h.endpoint
        s = self.structs.get(ep.request) if ep.request else None
        body = ep.method.upper() in _BODY_METHODS and s is not None
        query_fields = []
        if s is not None and not body:
            for f in s.fields:
                if f.query and f.name and not f.embedded:

                    def fail(rule: str, message: str, name: str = f.query) -> str:
                        return self.param_invalid(h, name, rule, message, imports)

                    conv = _query_conversion(f.type, f"req.{f.name}", go_string(f.query), fail)
                    if conv is None:
                        query_fields.append(
                            {
                                "comment": go_comment(
                                    f"query parameter {f.query} ({f.type}): parse it by hand"
                                )
                            }
                        )
                        continue
                    if conv[1]:
                        imports.use("strconv")
                    query_fields.append(
                        {"name": f.name, "param": go_string(f.query), "code": conv[0]}
                    )
        return {
            "struct": self.spell(s.name, imports) if s is not None else "",
            "body": body,
            "validate": s is not None and not s.type_params,
            "query_fields": query_fields,
        }

    def status_error(self, h: Handler, status: int) -> str | None:
        """The taxonomy error answering ``status`` for a handler: the one the endpoint's
        error table gives for it, else the taxonomy's error of that status named for it."""
        for row in h.endpoint.errors:
            found = self.taxonomy_error(row.error)
            if row.status == status and found is not None:
                return found.go_name
        hints = {
            401: ("unauth", "authent", "login"),
            403: ("forbidden", "permission"),
            400: ("invalid", "validation", "badrequest"),
        }.get(status, ())
        home = self.rules_home()
        for e in self.errs + (home.errors if home is not None else []):
            if e.status == status and any(k in e.ident.lower() for k in hints):
                return e.go_name
        return None

    def status_write(
        self, h: Handler, status: int, code: str, message: str, imports: Imports
    ) -> str:
        """Go statement answering ``status`` for a handler: through its taxonomy error
        (:meth:`status_error`), so the body is the spec's."""
        err = self.status_error(h, status)
        if err is not None:
            return f"write{self.Feat}Error(w, {self.err_ref(err, imports)})"
        return (
            f"write{self.Feat}Status(w, {status_expr(status)}, {go_string(code)}, "
            f"{go_string(message)}, nil)"
        )

    def invalid_write(
        self, h: Handler, failure: str, imports: Imports, err=None
    ) -> str:  # noqa: ANN001
        """Go statement answering a request that failed validation with ``failure`` (a
        ``*scaffoldrt.ValidationError`` expression): the endpoint's 400 taxonomy error
        (``err`` when given) wrapping it, so the body is that row's and names the field."""
        err = err.go_name if err is not None else self.status_error(h, 400)
        if err is None:
            return f"write{self.Feat}Error(w, {failure})"
        imports.use("fmt")
        return f'write{self.Feat}Error(w, fmt.Errorf("%w: %w", {self.err_ref(err, imports)}, {failure}))'

    def ownership_todo(self, h: Handler) -> list[str]:
        """Comment lines asking for the ownership check the spec's auth states (DESIGN §1:
        checked in code, not a role), with the status the endpoint answers when it fails."""
        auth = h.endpoint.auth
        if auth is None or not auth.ownership:
            return []
        row = next((r for r in h.endpoint.errors if r.status in (403, 404)), None)
        answer = f"answer {row.status}" + (f" ({row.error})" if row.error else "") if row else ""
        todo = f"TODO({h.task})" if h.task else "TODO"
        text = f"{todo}: check that the caller owns the resource"
        text += f" ({auth.text.strip().rstrip('.')})" if auth.text.strip() else ""
        text += f"; otherwise {answer}." if answer else "."
        return go_comment_lines(text)

    def handlers_view(self, path: str, hs: list[Handler]) -> dict:
        imports = Imports({"net/http", self.runtime_import})
        handlers = []
        receivers: dict[str, dict] = {}
        for h in hs:
            ep = h.endpoint
            req = self.request_view(h, imports)
            calls = self.calls_for(h, imports)
            resp_struct = self.structs.get(ep.response) if ep.response else None
            status = ep.success_status or (200 if resp_struct else 204)
            params = [{"name": go_string(n), "var": v} for n, v in self.path_params(ep)]
            if self.chi and params:  # chi.URLParam reads them
                self.use(imports, CHI)
            query = self.query_view(
                h, imports, {n for n, _ in self.query_params(ep) if s_has_query(req, n)}
            )
            uses_caller = bool(h.role) or any("caller" in c["uses"] for c in calls)
            todo = (
                f"TODO({h.task}): implement {h.function}"
                if h.task
                else f"TODO: implement {h.function}"
            )
            todo += (
                ": build the arguments from the request, path and caller, and the "
                "response from the result."
                if calls
                else "."
            )
            handlers.append(
                {
                    "function": h.function,
                    "receiver": h.receiver,
                    "method": ep.method.upper(),
                    "path": go_comment(ep.path),
                    "doc": go_comment_lines(ep.description) if ep.description else [],
                    "source": go_comment(self.ctx.source("§4 API Design", ep, h.task).describe()),
                    "auth": h.auth_required,
                    "role": go_string(h.role) if h.role else "",
                    "role_text": go_comment(h.role),
                    "uses_caller": uses_caller,
                    "checks_role": bool(h.role),
                    "uses_req": any("req" in c["uses"] for c in calls),
                    "ownership": self.ownership_todo(h),
                    "unauthorized": self.status_write(
                        h, 401, "unauthorized", "authentication required", imports
                    ),
                    "forbidden": self.status_write(
                        h, 403, "forbidden", f"requires role: {h.role}", imports
                    ),
                    "invalid": self.invalid_write(h, "err", imports),
                    "params": params,
                    "query": query,
                    "unused": [
                        v
                        for v in [p["var"] for p in params] + [q["var"] for q in query]
                        if not any(v in c["uses"] for c in calls)
                    ],
                    "request": req,
                    "calls": calls,
                    "todo": todo,
                    "response": self.spell(resp_struct.name, imports) if resp_struct else "",
                    "status": status_expr(status),
                    "no_content": status == 204 or not resp_struct,
                }
            )
            declared = getattr(self, "_declared_receivers", set())
            if h.receiver and h.receiver not in receivers and h.receiver not in declared:
                declared.add(h.receiver)
                spec_struct = self.structs.get(h.receiver)
                extra = self.struct_view(spec_struct, imports)["fields"] if spec_struct else []
                receivers[h.receiver] = {"name": h.receiver, "fields": extra}
        rt = f"{RUNTIME_PKG}."
        if not any(
            x["request"]["body"]
            or x["request"]["validate"]
            or not x["no_content"]
            or any(rt in line for c in x["calls"] for line in c["decls"])
            or rt in x["unauthorized"] + x["forbidden"] + x["invalid"]
            for x in handlers
        ):
            imports.paths.discard(self.runtime_import)
        return {
            "path": path,
            "package": self.pkg,
            "header": self.header("§4 API Design: handlers", hs[0].task, False, hs[0].endpoint),
            "imports": imports.lines(),
            "handlers": handlers,
            "receivers": list(receivers.values()),
            "deps": f"{self.Feat}Deps",
            "write_error": f"write{self.Feat}Error",
            "write_status": f"write{self.Feat}Status",
        }

    def routes_view(self, path: str, task: str) -> dict:
        imports = Imports({"errors", "net/http", self.runtime_import})
        if self.chi:
            self.use(imports, CHI)
        routes = []
        receivers = []
        deps_fields = self.deps_fields(imports)
        rules = self.rules_ref(imports)
        for h in self.handlers:
            ep = h.endpoint
            if h.receiver and h.receiver not in receivers:
                receivers.append(h.receiver)
            target = f"{camel(h.receiver)}.{h.function}" if h.receiver else f"{h.function}(d)"
            refs = ep.auth.middleware if ep.auth is not None else []
            routes.append(
                {
                    "method": go_string(ep.method.upper()),
                    "path": go_string(ep.path),
                    "pattern": go_string(f"{ep.method.upper()} {ep.path}"),
                    "handler": target,
                    "middleware": refs,
                }
            )
        fields = {mw.ref: f"d.{mw.field}" for mw in self.middleware()}
        for r in routes:
            r["middleware"] = [fields[ref] for ref in r["middleware"]]
        guards = [
            {"field": mw.field, "message": go_string(f"{self.pkg}: {self.Feat}Deps.{mw.field} is nil: "
             f"the spec registers routes behind {mw.ref}")}
            for mw in self.middleware()
        ]  # fmt: skip
        return {
            "path": path,
            "package": self.pkg,
            "header": self.header("§4 API Design: routes", task, True),
            "imports": imports.lines(),
            "register": f"Register{self.Feat}Routes",
            "routes_var": f"{self.Feat}Routes",
            "deps": f"{self.Feat}Deps",
            "deps_fields": deps_fields,
            "receivers": [{"var": camel(r), "name": r} for r in receivers],
            "routes": routes,
            "groups": self.route_groups(routes),
            "guards": guards,
            "body": self.body,
            "rules": rules,
            "write_error": f"write{self.Feat}Error",
            "write_status": f"write{self.Feat}Status",
        }

    # ------------------------------------------------------------------ tests

    def tests_view(self, path: str, hs: list[Handler]) -> dict:
        first = hs[0].file == min(h.file for h in self.handlers)
        imports = Imports({"net/http", "net/http/httptest", "testing", self.runtime_import})
        if self.chi:
            self.use(imports, CHI)
            imports.use("strings")
        fakes = []
        mapping = []
        if first:
            imports.paths |= {"errors", "fmt", "strings"}
            for field_name, i, _ in self.deps:
                origin = self.origin_of(i)
                methods = []
                for m in i.methods:
                    params = [f"_ {self.spell(p.type, imports, m, origin)}" for p in m.params]
                    results = [
                        f"r{n} {self.spell(r.type, imports, m, origin)}"
                        for n, r in enumerate(m.results)
                    ]
                    has_err = bool(m.results) and m.results[-1].type.strip() == "error"
                    rets = [f"r{n}" for n in range(len(m.results) - 1)]
                    if has_err:
                        rets.append("f.err")
                    elif m.results:
                        rets.append(f"r{len(m.results) - 1}")
                    methods.append(
                        {
                            "name": m.name,
                            "params": ", ".join(params),
                            "results": f"({', '.join(results)})" if results else "",
                            "return": "return " + ", ".join(rets) if rets else "return",
                        }
                    )
                fakes.append(
                    {
                        "name": f"fake{field_name}",
                        "iface": self.iface_type(field_name, imports),
                        "field": field_name,
                        "methods": methods,
                    }
                )
            for e in self.errs:
                mapping.append({"name": e.ident, "status": status_expr(e.status)})
            for e in self.foreign_errors():
                mapping.append({"name": self.err_ref(e, imports), "status": status_expr(e.status)})
            if not mapping:
                imports.paths.discard("fmt")
        cases = [self.handler_test_view(h, imports) for h in hs]
        routes = [
            {
                "method": go_string(h.endpoint.method.upper()),
                "url": go_string(self.example_url(h)),
            }
            for h in hs
        ]
        status_func = self.rules_ref(imports, "ErrorStatus") if first else ""
        middleware = [mw.field for mw in self.middleware()] if first else []
        return {
            "path": path,
            "package": self.pkg,
            "header": self.header("§7 Testing Strategy", hs[0].task, False, hs[0].endpoint),
            "imports": imports.lines(),
            "fakes": fakes,
            "middleware": middleware,
            "deps": f"{self.Feat}Deps",
            "new_deps": f"newTest{self.Feat}Deps",
            "register": f"Register{self.Feat}Routes",
            "status_func": status_func,
            "Feat": self.Feat,
            "mapping": mapping,
            "handlers": cases,
            "routes": routes,
            "first": first,
            "suffix": "" if first else pascal(PurePosixPath(hs[0].file).stem),
            # Callers' IDs parse as UUIDs, as a real implementation's caller ID does.
            "caller_ids": [go_string(_TEST_CALLER_IDS[0]), go_string(_TEST_CALLER_IDS[1])],
        }

    def example_url(self, h: Handler, override: dict[str, str] | None = None) -> str:
        """A URL for the endpoint whose path values parse as the handler reads them (or,
        for the parameters in ``override``, are the values given)."""
        ep = h.endpoint
        int_params: set[str] = set()
        for ref in self.endpoint_calls(h)[0]:
            iface_name, _, method_name = ref.partition(".")
            iface = self.ifaces.get(self.dep_field(iface_name))
            for m in iface.methods if iface else []:
                if m.name == method_name:
                    int_params |= {camel(p.name) for p in m.params if p.type.strip() == "int"}

        def value(m: re.Match) -> str:
            name = m.group(1)
            if override and name in override:
                return override[name]
            if name.endswith("..."):
                return "a/b"
            if camel(name) in int_params:
                return "1"
            # A UUID reads as a valid string and as a valid uuid.UUID.
            return "00000000-0000-4000-8000-000000000001"

        url = re.sub(r"\{([^}/]+)\}", value, ep.path)
        if url.endswith("/{$}"):
            url = url[: -len("{$}")]
        url = url.replace("{$}", "")
        req = [q for q in ep.query if q.required]
        if req:
            url += "?" + "&".join(f"{q.name}={_example_scalar(q.type)}" for q in req)
        return url

    def handler_test_view(self, h: Handler, imports: Imports) -> dict:
        ep = h.endpoint
        s = self.structs.get(ep.request) if ep.request else None
        body_method = ep.method.upper() in _BODY_METHODS and s is not None
        valid, invalid, failed = ("", None, None)
        unauthorized = self.answer_body(h, 401, "unauthorized", "authentication required")
        forbidden = self.answer_body(h, 403, "forbidden", f"requires role: {h.role}")

        def rejected(why=None) -> str:  # noqa: ANN001 - (field, rule) or None
            return go_raw_string(
                self.answer_body(h, 400, INVALID_CODE, INVALID_MESSAGE, why or ("", "json"))
            )

        if body_method:
            valid_obj = self.example_value(s.name, 0)
            valid = json.dumps(valid_obj, ensure_ascii=False)
            broken = self.invalid_body(s, valid_obj)
            if broken is not None:
                invalid = json.dumps(broken[0], ensure_ascii=False)
                failed = broken[1:]
        elif ep.method.upper() in _BODY_METHODS:
            valid = "{}"
        cases = []
        role_caller = "withRole"
        if h.auth_required:
            cases.append(
                {
                    "name": go_string("no identity → 401"),
                    "caller": "nil",
                    "body": go_string(valid),
                    "err": "nil",
                    "want": "http.StatusUnauthorized",
                    "want_body": go_raw_string(unauthorized),
                }
            )
            if h.role:
                cases.append(
                    {
                        "name": go_string(f"without role {h.role} → 403"),
                        "caller": "noRole",
                        "body": go_string(valid),
                        "err": "nil",
                        "want": "http.StatusForbidden",
                        "want_body": go_raw_string(forbidden),
                    }
                )
        if body_method:
            cases.append(
                {
                    "name": go_string("malformed body → 400"),
                    "caller": role_caller,
                    "body": go_string("{"),
                    "err": "nil",
                    "want": "http.StatusBadRequest",
                    "want_body": rejected(),
                }
            )
            cases.append(
                {
                    "name": go_string("unknown field → 400"),
                    "caller": role_caller,
                    "body": go_string('{"zz_unknown_field": 1}'),
                    "err": "nil",
                    "want": "http.StatusBadRequest",
                    "want_body": rejected(("zz_unknown_field", "unknown")),
                }
            )
            if invalid is not None:
                cases.append(
                    {
                        "name": go_string("failed validation → 400"),
                        "caller": role_caller,
                        "body": go_string(invalid),
                        "err": "nil",
                        "want": "http.StatusBadRequest",
                        "want_body": rejected(failed),
                    }
                )
        calls = self.calls_for(h, Imports())
        cases += self.malformed_param_cases(h, calls, role_caller, go_string(valid))
        has_err_call = any(c["has_err"] for c in calls)
        if has_err_call:
            seen = set()
            for row in ep.errors:
                e = self.taxonomy_error(row.error)
                if e is None or e.ident in seen:
                    continue
                seen.add(e.ident)
                cases.append(
                    {
                        "name": go_string(f"{e.ident} → {e.status}"),
                        "caller": role_caller,
                        "body": go_string(valid),
                        "err": self.err_ref(e, imports),
                        "want": status_expr(e.status),
                        "want_body": go_raw_string(self.error_json(*self.rule_of(e))),
                    }
                )
        return {
            "function": h.function,
            "test": f"Test{h.receiver}{h.function}",
            "method": go_string(ep.method.upper()),
            "url": go_string(self.example_url(h)),
            "role": go_string(h.role) if h.role else "",
            "cases": cases,
            "todo": go_string(
                f"TODO({h.task}): implement {h.function}, then test the happy path "
                f"({ep.method.upper()} {ep.path} → {ep.success_status})"
                if h.task
                else f"TODO: implement {h.function}, then test the " "happy path"
            ),
        }

    def malformed_param_cases(
        self, h: Handler, calls: list[dict], caller: str, body: str
    ) -> list[dict]:
        """Test cases sending each parsed path value and each bounded query value
        malformed or out of bounds, expecting the status the spec gives for it."""
        ep = h.endpoint
        url = self.example_url(h)
        cases = []
        for name, t in dict.fromkeys(p for c in calls for p in c["parsed"]):
            bad = "not-a-uuid" if t == "uuid.UUID" else "x"
            target = self.example_url(h, {name: bad})
            status, want = self.param_body(h, name, _PARSE_RULES.get(t, _NUMBER_RULE)[0])
            cases.append(
                {
                    "name": go_string(f"malformed {name} → {status}"),
                    "caller": caller,
                    "url": go_string(target),
                    "body": body,
                    "err": "nil",
                    "want": status_expr(status),
                    "want_body": go_raw_string(want),
                }
            )
        struct_query = set()
        s = self.structs.get(ep.request) if ep.request else None
        if s is not None and ep.method.upper() not in _BODY_METHODS:
            struct_query = {f.query for f in s.fields if f.query}
        for q in ep.query:
            if q.name in struct_query:
                continue
            t = self.query_type(h, q.name)
            for bad, why, rule in _bad_query_values(q, t):
                status, want = self.param_body(h, q.name, rule)
                sep = "&" if "?" in url else "?"
                cases.append(
                    {
                        "name": go_string(f"{q.name} {why} → {status}"),
                        "caller": caller,
                        "url": go_string(f"{url}{sep}{q.name}={bad}"),
                        "body": body,
                        "err": "nil",
                        "want": status_expr(status),
                        "want_body": go_raw_string(want),
                    }
                )
        return cases

    def example_value(self, go_type: str, depth: int):
        """A JSON value that passes the generated Validate() for ``go_type``."""
        t = go_type.strip()
        if depth > 4:
            return None
        if t.startswith("*"):
            return self.example_value(t[1:], depth + 1)
        if t.startswith("[]"):
            return []
        if t.startswith("map["):
            return {}
        s = self.structs.get(t)
        if s is not None:
            obj = {}
            for f in s.fields:
                if f.json_skip or not f.name or f.embedded or f.query:
                    continue
                rules = [r.strip() for r in f.validation.split(",") if r.strip()]
                if not rules or rules == ["omitempty"]:
                    continue
                obj[f.json_name or f.name] = self.field_example(f, rules, depth)
            return obj
        return _example_for_type(t, self.spec)

    def field_example(self, f: GoField, rules: list[str], depth: int):
        return self.rules_example(f.type, rules, depth)

    def rules_example(self, go_type: str, rules: list[str], depth: int):
        """A JSON value of ``go_type`` passing ``rules`` (those after ``dive`` on items)."""
        t = go_type.strip().lstrip("*")
        rules, item_rules = _split_dive(rules)
        opts = {r.partition("=")[0]: r.partition("=")[2] for r in rules}
        if "oneof" in opts and opts["oneof"]:
            first = _oneof_values(opts["oneof"])[0]
            kind = self.kind_of(t)
            return (
                int(first)
                if kind in ("int", "named-num") and re.match(r"^-?\d+$", first)
                else first
            )
        if "email" in opts:
            return "user@example.com"
        if opts.get("datetime"):
            return opts["datetime"]  # Go's reference time, written in the layout, parses
        if "uuid" in opts:
            return "00000000-0000-4000-8000-000000000001"
        kind = self.kind_of(t)
        n = None
        for key in ("len", "min", "gte"):
            if key in opts and re.match(r"^\d+$", opts[key]):
                n = int(opts[key])
                break
        if "gt" in opts and re.match(r"^\d+$", opts["gt"]):
            n = int(opts["gt"]) + 1
        if kind in ("string", "named-string"):
            enum = self.enums.get(t)
            if enum and enum.values and n is None:
                return enum.values[0]
            return "a" * (n if n is not None else 1) if (n or "required" in opts) else "a"
        if kind in ("int", "named-num", "float"):
            return n if n is not None else 1
        if kind == "bool":
            return True
        if kind in ("slice",):
            elem = t[2:]
            count = n if n is not None else (1 if "required" in opts else 0)
            if item_rules:
                return [self.rules_example(elem, item_rules, depth + 1) for _ in range(count)]
            return [self.example_value(elem, depth + 1) for _ in range(count)]
        if kind == "map":
            return (
                {"k": self.example_value(t[t.index("]") + 1 :], depth + 1)}
                if "required" in opts
                else {}
            )
        return self.example_value(t, depth + 1)

    def invalid_body(self, s: GoStruct, valid: dict) -> tuple[dict, str, str] | None:
        """The valid body with one field made to fail a checkable rule, the field's wire
        name and the rule the generated Validate() reports (the first that fails)."""
        for f in s.fields:
            if f.json_skip or not f.name or f.embedded or f.query or not f.validation:
                continue
            rules = _validate_rules(f)[0]
            opts = {r.partition("=")[0]: r.partition("=")[2] for r in rules}
            key = f.json_name or f.name
            kind = self.kind_of(f.type.strip().lstrip("*"))
            bad = dict(valid)
            if "required" in opts and kind != "bool":
                bad.pop(key, None)
                return bad, key, "required"
            if kind not in ("string", "named-string"):
                continue
            value = None
            if "email" in opts:
                value = "not-an-email"
            elif "uuid" in opts:
                value = "not-a-uuid"
            elif "oneof" in opts:
                value = "zz-not-an-option"
            else:
                value = next(
                    ("a" * (int(opts[k]) + 1) for k in ("max", "lte") if opts.get(k, "").isdigit()),
                    None,
                )
            rule = _first_failing(rules, value) if value is not None else None
            if rule is not None:
                bad[key] = value
                return bad, key, rule
        return None


def _first_failing(rules: list[str], value: str) -> str | None:
    """The first of a string field's ``rules`` the generated Validate() refuses
    ``value`` for (the checks run in the rules' order)."""
    n = len(value)
    for rule in rules:
        key, _, arg = rule.partition("=")
        if key in _SIZE_RULES and arg.isdigit():
            op = _SIZE_RULES[key][0]
            limit = int(arg)
            fails = {"<": n < limit, ">": n > limit, "!=": n != limit, "<=": n <= limit}
            if fails.get(op, n >= limit):
                return key
        elif key == "email" and "@" not in value:
            return key
        elif key == "uuid" and len(value) != 36:
            return key
        elif key == "oneof" and value not in _oneof_values(arg):
            return key
    return None


def has_go_output(spec: Spec) -> bool:
    """Whether the spec gives the Go family anything to generate."""
    return bool(
        spec.endpoints
        or spec.go_structs
        or spec.go_interfaces
        or spec.errors
        or spec.go_enums
        or spec.go_types
    )


def needed_go_modules(spec: Spec, chi: bool) -> set[str]:
    """Non-standard modules the generated Go imports."""
    imports = Imports()
    for s in spec.go_structs:
        for f in s.fields:
            imports.use_type(f.type)
    for i in spec.go_interfaces:
        for m in i.methods:
            for p in m.params + m.results:
                imports.use_type(p.type)
    for t in spec.go_types:
        imports.use_type(t.underlying)
    if chi:
        imports.use(CHI)
    return {p for p in imports.paths if "." in p.split("/")[0]}


# Scalar Go types a query parameter parses into: type → (parse expression of `raw`,
# import it needs); int kinds narrower than 64 bits convert from ParseInt's int64.
_QUERY_PARSE: dict[str, tuple[str, str]] = {
    "string": ("", ""),
    "int": ("strconv.Atoi(raw)", "strconv"),
    "int64": ("strconv.ParseInt(raw, 10, 64)", "strconv"),
    "int32": ("strconv.ParseInt(raw, 10, 32)", "strconv"),
    "int16": ("strconv.ParseInt(raw, 10, 16)", "strconv"),
    "int8": ("strconv.ParseInt(raw, 10, 8)", "strconv"),
    "uint": ("strconv.ParseUint(raw, 10, 64)", "strconv"),
    "uint64": ("strconv.ParseUint(raw, 10, 64)", "strconv"),
    "uint32": ("strconv.ParseUint(raw, 10, 32)", "strconv"),
    "float64": ("strconv.ParseFloat(raw, 64)", "strconv"),
    "float32": ("strconv.ParseFloat(raw, 32)", "strconv"),
    "bool": ("strconv.ParseBool(raw)", "strconv"),
    "uuid.UUID": ("uuid.Parse(raw)", UUID),
    "time.Time": ("time.Parse(time.RFC3339, raw)", "time"),
}
# What the parse expression yields, where the target type differs (then converted).
_PARSED_AS = {"int32": "int64", "int16": "int64", "int8": "int64", "uint": "uint64"}
_PARSED_AS |= {"uint32": "uint64", "float32": "float64"}


def _query_parse(q, var: str, t: str, fail, imports, planner) -> list[str]:  # noqa: ANN001
    """Go statements declaring ``var`` of type ``t`` from query parameter ``q``;
    ``fail(rule, message)`` is the statement answering a value failing ``rule``."""
    param = go_string(q.name)
    repeated = t.startswith("[]")
    pointer = t.startswith("*")
    base = t[2:] if repeated else t.lstrip("*")
    expr, need = _QUERY_PARSE.get(base, ("", ""))
    if need == UUID:
        planner.use(imports, UUID)
    elif need:
        imports.use(need)
    is_string = base == "string"
    number = not is_string and base not in ("bool", "uuid.UUID", "time.Time")

    def unparsed() -> str:  # only called where a value is parsed: fail() may add imports
        return fail(*_PARSE_RULES.get(base, _NUMBER_RULE))

    def when(cond: str, rule: str, message: str) -> str:
        return f"if {cond} {{\n{fail(rule, message)}\n}}"

    lines: list[str] = []
    if repeated:
        if is_string:
            lines.append(f"{var} := r.URL.Query()[{param}]")
        else:
            conv = f"{base}(n)" if base in _PARSED_AS else "n"
            lines += [
                f"var {var} {t}",
                f"for _, raw := range r.URL.Query()[{param}] {{",
                f"n, err := {expr}",
                f"if err != nil {{\n{unparsed()}\n}}",
                f"{var} = append({var}, {conv})",
                "}",
            ]
        least = max(q.minimum or 0, 1 if q.required else 0)
        if least:
            rule = "min" if q.minimum else "required"
            lines.append(when(f"len({var}) < {least}", rule, f"must be given at least {least}×"))
        if q.maximum is not None:
            lines.append(
                when(f"len({var}) > {q.maximum}", "max", f"must be given at most {q.maximum}×")
            )
        return lines
    default = q.default if q.default not in (None, "") else None
    if is_string and not pointer:
        lines.append(f"{var} := r.URL.Query().Get({param})")
        if default is not None:
            lines.append(f'if {var} == "" {{\n{var} = {go_string(default)}\n}}')
        present = f'{var} != ""' if default is None else ""
        if q.required and default is None:
            lines.append(when(f'{var} == ""', "required", "is required"))
            present = ""
        if q.enum:
            members = ", ".join(go_string(m) for m in q.enum)
            empty = '\ncase "":' if present else ""
            message = "must be one of: " + ", ".join(q.enum)
            lines.append(
                f"switch {var} {{\ncase {members}:{empty}\ndefault:\n{fail('oneof', message)}\n}}"
            )
        if q.minimum is not None and q.minimum > 0 or q.maximum is not None:
            imports.use("unicode/utf8")
        if q.minimum is not None and q.minimum > 0:
            cond = f"utf8.RuneCountInString({var}) < {q.minimum}"
            if present:
                cond = f"{present} && {cond}"
            lines.append(when(cond, "min", f"must be at least {q.minimum} characters"))
        if q.maximum is not None:
            cond = f"utf8.RuneCountInString({var}) > {q.maximum}"
            lines.append(when(cond, "max", f"must be at most {q.maximum} characters"))
        return lines
    # Parsed scalars: the default (or the zero value / nil), then the present value.
    value = "raw" if is_string else (f"{base}(n)" if base in _PARSED_AS else "n")
    if pointer:
        lines.append(f"var {var} {t}")
    elif default is not None and number and re.fullmatch(r"-?\d+(\.\d+)?", default):
        lines.append(f"{var} := {default}" if base == "int" else f"{var} := {base}({default})")
    elif default is not None and base == "bool" and default in ("true", "false"):
        lines.append(f"{var} := {default}")
    else:
        lines.append(f"var {var} {base}")
    if not expr:  # *string: nil when absent
        body = ["v := raw", f"{var} = &v"]
    else:
        body = [f"n, err := {expr}", f"if err != nil {{\n{unparsed()}\n}}"]
        if number and q.minimum is not None:
            body.append(when(f"n < {q.minimum}", "min", f"must be at least {q.minimum}"))
        if number and q.maximum is not None:
            body.append(when(f"n > {q.maximum}", "max", f"must be at most {q.maximum}"))
        if pointer and value == "n":
            body.append(f"{var} = &n")
        elif pointer:
            body += [f"v := {value}", f"{var} = &v"]
        else:
            body.append(f"{var} = {value}")
    absent = (
        f" else {{\n{fail('required', 'is required')}\n}}" if q.required and default is None else ""
    )
    lines.append(
        f'if raw := r.URL.Query().Get({param}); raw != "" {{\n' + "\n".join(body) + f"\n}}{absent}"
    )
    return lines


def _bad_query_values(q, t: str) -> list[tuple[str, str, str]]:  # noqa: ANN001 - a QueryParam
    """(value, why, rule) triples the generated parse of query parameter ``q`` refuses:
    the rule is the validate tag the refusal names (:func:`_query_parse`)."""
    base = t[2:] if t.startswith("[]") else t.lstrip("*")
    unparsed = _PARSE_RULES.get(base, _NUMBER_RULE)[0]
    if t.startswith("[]"):
        if base == "uuid.UUID":
            return [("not-a-uuid", "malformed", unparsed)]
        return []
    out = []
    if base == "uuid.UUID":
        out.append(("not-a-uuid", "malformed", unparsed))
    elif base in ("bool",):
        out.append(("maybe", "malformed", unparsed))
    elif base == "time.Time":
        out.append(("yesterday", "malformed", unparsed))
    elif base != "string":
        out.append(("x", "not a number", unparsed))
        if q.minimum is not None:
            out.append((str(q.minimum - 1), f"below {q.minimum}", "min"))
        if q.maximum is not None:
            out.append((str(q.maximum + 1), f"above {q.maximum}", "max"))
    else:
        if q.enum:
            out.append(("zz_not_a_member", "not a member", "oneof"))
        if q.maximum is not None and q.maximum < 300:
            rule = "oneof" if q.enum else "max"  # the members are checked first
            out.append(("x" * (q.maximum + 1), f"longer than {q.maximum}", rule))
    return out


def _in_order(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether the words of ``part`` all occur in ``whole``, in order."""
    it = iter(whole)
    return all(w in it for w in part)


_TEST_CALLER_IDS = ("00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2")


def s_has_query(req: dict, name: str) -> bool:
    return any(f.get("param") == go_string(name) for f in req.get("query_fields", []))


def _static_words(path: str) -> list[str]:
    return [
        seg
        for seg in path.split("/")
        if seg and not seg.startswith("{") and seg not in ("api", "v1", "v2")
    ]


_VALIDATE_TAGS = {
    "required", "omitempty", "min", "max", "len", "gt", "gte", "lt", "lte", "eq", "ne",
    "oneof", "email", "uuid", "uuid4", "url", "uri", "datetime", "numeric", "number",
    "alpha", "alphanum", "boolean", "json", "type", "unknown", "dive", "unique", "e164",
}  # fmt: skip


_OMITTED_ROLES = {"empty", "fields", "field"}  # error body members absent when empty


def _body_field(key: str, role: str) -> dict:
    """One member of the error body struct: JSON ``key`` in ``role`` (message, code,
    status, fields, field, or empty: shown by the spec, never filled)."""
    omit = role in _OMITTED_ROLES
    return {
        "name": pascal(key),
        "key": key,
        "omit": omit,
        "type": {"status": "int", "fields": "map[string]string"}.get(role, "string"),
        "role": role,
        "tag": go_tag(f'json:"{key}{",omitempty" if omit else ""}"'),
    }


def _validate_rules(f: GoField) -> tuple[list[str], list[str]]:
    """A field's ``validate`` rules, split at ``dive``: (the field's, each item's)."""
    rules = [r.strip() for r in f.validation.split(",") if r.strip()]
    return _split_dive(rules)


def _split_dive(rules: list[str]) -> tuple[list[str], list[str]]:
    """Rules split at the first ``dive``: (those before it, those after it)."""
    if "dive" not in rules:
        return rules, []
    at = rules.index("dive")
    return rules[:at], rules[at + 1 :]


def _is_field_map(value: object) -> bool:
    """Whether an error body's sample value maps wire fields to the validate tag each
    failed (``{"subject": "required"}``): an object whose values are all such tags."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            isinstance(v, str) and v.partition("=")[0] in _VALIDATE_TAGS for v in value.values()
        )
    )


def _oneof_values(arg: str) -> list[str]:
    """``oneof=a b 'c d'`` values, as go-playground/validator splits them."""
    return [a or b for a, b in re.findall(r"'([^']*)'|(\S+)", arg)]


def _query_conversion(go_type: str, field: str, param: str, fail):  # noqa: ANN001
    """Go code reading query parameter ``param`` into ``field``; (code, needs strconv).
    ``fail(rule, message)`` answers a value that does not parse."""
    t = go_type.strip()
    if t == "string":
        return f"{field} = r.URL.Query().Get({param})", False
    if t == "*string":
        return f'if v := r.URL.Query().Get({param}); v != "" {{\n{field} = &v\n}}', False
    if t in ("int", "int64", "int32"):
        conv = "n" if t == "int64" else f"{t}(n)"
        return (
            f'if v := r.URL.Query().Get({param}); v != "" {{\n'
            "n, err := strconv.ParseInt(v, 10, 64)\n"
            f"if err != nil {{\n{fail('number', 'must be a whole number')}\nreturn\n}}\n"
            f"{field} = {conv}\n}}",
            True,
        )
    if t == "bool":
        return f'{field} = r.URL.Query().Get({param}) == "true"', False
    return None


def _example_scalar(ts_or_go: str) -> str:
    t = ts_or_go.lower()
    if "int" in t or "number" in t:
        return "1"
    if "bool" in t:
        return "true"
    return "x1"


def _example_for_type(t: str, spec: Spec):
    if t == "string":
        return "a"
    if t in _INTS or t in _FLOATS:
        return 1
    if t == "bool":
        return True
    if t == "uuid.UUID":
        return "00000000-0000-4000-8000-000000000001"
    if t == "time.Time":
        return "2026-01-01T00:00:00Z"
    enum = next((e for e in spec.go_enums if e.name == t), None)
    if enum is not None and enum.values:
        v = enum.values[0]
        return int(v) if re.match(r"^-?\d+$", v) and enum.underlying != "string" else v
    return None


FAMILY = GoFamily()
