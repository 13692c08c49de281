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
from ...model import Endpoint, GoField, GoMethod, GoStruct, Spec
from ..naming import wire_code
from ..naming import (
    GO_PREDECLARED,
    camel,
    go_comment,
    go_comment_lines,
    go_ident_problem,
    go_package_name,
    go_string,
    go_tag,
    pascal,
    snake,
    words,
)
from ..plan import Instruction, PlanContext, PlannedFile, RenderJob
from . import first_task, task_for_code, task_id, under

API_BLUEPRINT = "go-api"
RUNTIME_BLUEPRINT = "go-runtime"
RUNTIME_DIR = "internal/scaffoldrt"
RUNTIME_PKG = "scaffoldrt"
from ...typemap import CHI_MODULE as CHI
from ...typemap import GO_PACKAGES as KNOWN_PACKAGES
from ...typemap import UUID_MODULE as UUID

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
    """Plans the feature's Go files and the shared runtime helper."""

    name = "go"

    def plan(self, ctx: PlanContext) -> list[RenderJob]:
        if not has_go_output(ctx.spec):
            return []
        return _GoPlanner(ctx).plan()


class _GoPlanner:
    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self.spec: Spec = ctx.spec
        self.config = ctx.config
        self.feature = ctx.feature
        self.Feat = pascal(ctx.feature) or "Feature"
        self.feat = camel(ctx.feature) or "feature"
        self.feat_snake = snake(ctx.feature) or "feature"
        self.chi = self.config.router == "chi"
        self.module = self.config.go_module
        self.backend = self.config.backend_root
        self.errors_ok = True
        spec = self.spec
        # Lookups by name (the model's own lookups scan lists; features can be large).
        self.structs = {x.name: x for x in reversed(spec.go_structs)}
        # Taxonomy errors by Go identifier: a package-qualified name (``auth.ErrForbidden``)
        # is one sentinel, ``ErrForbidden``, whichever way a row writes it.
        self.errs: list = []
        seen_err: set[str] = set()
        for x in spec.errors:
            if x.ident not in seen_err:
                seen_err.add(x.ident)
                self.errs.append(x)
        self.errors_by = {x.ident: x for x in reversed(self.errs)}
        self.errors_by.update({x.go_name: x for x in reversed(self.errs)})
        self.ifaces = {x.name: x for x in reversed(spec.go_interfaces)}
        self.enums = {x.name: x for x in reversed(spec.go_enums)}
        self.named = {x.name: x for x in reversed(spec.go_types)}
        self._calls: dict[int, tuple[list[str], bool]] = {}
        self._local: set[str] | None = None
        self._methods_by_word: dict[str, list[tuple[int, str, tuple[str, ...]]]] | None = None

    # ------------------------------------------------------------------ layout

    def api_dir(self) -> tuple[str, str]:
        """The package directory (target-relative) and name for the feature's Go files."""
        for ep in self.spec.endpoints:
            h = ep.handler
            if h and h.file:
                d = str(PurePosixPath(under(self.backend, h.file)).parent)
                return d, h.package or go_package_name(PurePosixPath(d).name)
            if h and h.package:
                return under(self.backend, f"internal/{h.package}"), h.package
        for f in self.spec.files:
            if (
                f.side == "backend"
                and f.action == "create"
                and f.path.endswith(".go")
                and (
                    any(i.name in f.exports for i in self.spec.go_interfaces)
                    or any(s.name in f.exports for s in self.spec.go_structs)
                )
            ):
                d = str(PurePosixPath(under(self.backend, f.path)).parent)
                return d, f.package or go_package_name(PurePosixPath(d).name)
        pkg = go_package_name(self.feat_snake.replace("_", ""))
        return under(self.backend, f"internal/{pkg}"), pkg

    def spec_display(self) -> str:
        return self.ctx.spec_paths[0] if self.ctx.spec_paths else "the spec"

    def contract_dir(self) -> tuple[str, str]:
        """Where the feature's contract (types, interfaces, errors) lives: the package of the
        New Files row that exports the spec's interfaces (else its structs), else the
        handlers' package."""
        cached = self.__dict__.get("_contract_dir")
        if cached is not None:
            return cached
        found = (self.dir, self.pkg)
        names_i = [i.name for i in self.spec.go_interfaces]
        names_s = [s.name for s in self.spec.go_structs]
        rows = [
            f
            for f in self.spec.files
            if f.side == "backend" and f.action == "create" and f.path.endswith(".go")
        ]
        for names in (names_i, names_s):
            if not names:
                continue
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
            hit = next((f for f in rows if pattern.search(f.exports)), None)
            if hit is not None:
                d = str(PurePosixPath(under(self.backend, hit.path)).parent)
                found = (d, hit.package or go_package_name(PurePosixPath(d).name))
                break
        self.__dict__["_contract_dir"] = found
        return found

    def local(self, go_type: str) -> str:
        """``go_type`` with the qualifiers of packages scaffold does not import dropped: the
        contract package's own name (``tickets.Ticket`` in package tickets) and packages the
        target does not show, whose types are placeholders in the contract package."""
        if not self.foreign:
            return go_type
        return re.sub(
            r"\b([A-Za-z_][A-Za-z0-9_]*)\.(?=[A-Za-z_])",
            lambda m: "" if m.group(1) in self.foreign else m.group(0),
            go_type,
        )

    def qualify(self, go_type: str, imports: Imports) -> str:
        """``go_type`` as the handlers' package spells it (``*Invite`` → ``*invites.Invite``)."""
        go_type = self.local(go_type)
        imports.use_type(go_type)
        if not self.split:
            return go_type
        local = self.defined | {p["name"] for p in self.placeholders} | {e.ident for e in self.errs}

        def repl(m: re.Match) -> str:
            tok = m.group(0)
            if tok in local and m.start() > 0 and go_type[m.start() - 1] == ".":
                return tok
            if tok in local and tok[:1].isupper():  # only exported names cross packages
                imports.use(self.contract_import)
                return f"{self.cpkg}.{tok}"
            return tok

        return _TYPE_TOKEN.sub(repl, go_type)

    def import_path(self, rel_dir: str) -> str:
        """The Go import path of a target-relative directory."""
        inner = rel_dir
        if self.backend not in ("", "."):
            inner = (
                rel_dir[len(self.backend) + 1 :]
                if rel_dir.startswith(self.backend + "/")
                else rel_dir
            )
        return f"{self.module}/{inner}" if inner not in ("", ".") else self.module

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

    def plan(self) -> list[RenderJob]:
        ctx, spec = self.ctx, self.spec
        self.dir, self.pkg = self.api_dir()
        if go_ident_problem(self.pkg):
            ctx.report(
                at(
                    spec.meta,
                    "GEN060",
                    "error",
                    f"Go package name {self.pkg!r} is not valid: {go_ident_problem(self.pkg)}",
                )
            )
            return []
        self.cdir, self.cpkg = self.contract_dir() if self.spec.endpoints else (self.dir, self.pkg)
        self.split = self.cdir != self.dir
        if self.split and go_ident_problem(self.cpkg):
            ctx.report(
                at(
                    spec.meta,
                    "GEN060",
                    "error",
                    f"Go package name {self.cpkg!r} is not valid: "
                    f"{go_ident_problem(self.cpkg)}",
                )
            )
            return []
        self.q = f"{self.cpkg}." if self.split else ""
        self.contract_import = self.import_path(self.cdir)
        self.runtime_dir = under(self.backend, RUNTIME_DIR)
        self.runtime_import = self.import_path(self.runtime_dir)
        self.defined = self.defined_types()
        self.placeholders = []
        self.foreign: set[str] = set()
        self.handlers = self.resolve_handlers()
        self.placeholders = self.find_placeholders()
        self.body = self.error_body_shape()

        items: dict[str, list[dict]] = {
            k: []
            for k in ("types", "errors", "interfaces", "routes", "handlers", "tests", "models")
        }
        files: list[PlannedFile] = []

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

        backend_task = task_id(
            first_task(spec, "backend") or (spec.tasks[0] if spec.tasks else None)
        )
        p = f"{self.cdir}/{self.feat_snake}"
        hp = f"{self.dir}/{self.feat_snake}"
        types_item = self.types_view(f"{p}_types.gen.go", backend_task)
        if types_item:
            add("types", types_item, "generated", "§4 API Design / §5 Go structs", backend_task)
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
        if self.placeholders:
            add(
                "models",
                self.models_view(f"{p}_models.go", backend_task),
                "user",
                "§5 types used but not defined",
                backend_task,
            )
        if self.handlers:
            # Registering the routes is part of the first handlers' task, not the contract's.
            routes_task = self.handlers[0].task or backend_task
            add(
                "routes",
                self.routes_view(f"{hp}_routes.gen.go", routes_task),
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
            self.router_instructions()
        if not self.errors_ok:
            return []

        runtime_path = f"{self.runtime_dir}/{RUNTIME_PKG}.go"
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
        self.dependency_instructions()
        api = RenderJob(
            blueprint=API_BLUEPRINT,
            data={
                "files": items,
                "feature": self.feature,
                "Feat": self.Feat,
                "feat": self.feat,
                "chi": self.chi,
            },
            files=files,
        )
        return [runtime, api]

    # ------------------------------------------------------------------ types

    def defined_types(self) -> set[str]:
        spec = self.spec
        names = {s.name for s in spec.go_structs} | {i.name for i in spec.go_interfaces}
        names |= {e.name for e in spec.go_enums} | {t.name for t in spec.go_types}
        return names

    def used_types(self) -> list[tuple[str, object]]:
        """(type name, element that uses it) for every unqualified name the Go blocks use."""
        used: list[tuple[str, object]] = []
        for s in self.spec.go_structs:
            for f in s.fields:
                used += [(n, f) for n in type_names(f.type)]
        for i in self.spec.go_interfaces:
            for m in i.methods:
                for p in m.params + m.results:
                    used += [(n, m) for n in type_names(p.type)]
        for t in self.spec.go_types:
            used += [(n, t) for n in type_names(t.underlying)]
        return used

    def find_placeholders(self) -> list[dict]:
        seen: dict[str, dict] = {}
        for name, elem in self.used_types():
            if "." in name:
                qual, bare = name.split(".", 1)
                if qual in KNOWN_PACKAGES:
                    continue
                # A package the target does not show (or the contract package itself):
                # the name is the contract package's own, a placeholder when undefined.
                self.foreign.add(qual)
                if qual != self.cpkg and bare not in self.defined and bare not in seen:
                    self.ctx.report(
                        at(
                            elem,
                            "GEN061",
                            "warning",
                            f"type {name} comes from package {qual!r}, which scaffold "
                            f"does not know; generated as a placeholder {bare} in "
                            f"{self.cdir}: replace it with the real type's import",
                        )
                    )
                name = bare
            if name in seen and "oneof=" in (getattr(elem, "tag", "") or ""):
                seen[name]["underlying"] = "string"
            if name in self.defined or name in seen:
                continue
            pos = getattr(elem, "pos", None)
            line = getattr(pos, "line", 0)
            spec_file = self.ctx.spec_rel(getattr(pos, "file", "")) if pos else ""
            task = task_id(first_task(self.spec, "backend"))
            tag = getattr(elem, "tag", "") or ""
            seen[name] = {
                "name": name,
                # a field validated with oneof= takes strings on the wire
                "underlying": "string" if "oneof=" in tag else "struct{}",
                "where": go_comment(f"{spec_file}:{line}" if line else spec_file),
                "todo": f"TODO({task})" if task else "TODO",
            }
        return [v for k, v in sorted(seen.items()) if not k.startswith("pkg:")]

    def struct_view(self, s: GoStruct, imports: Imports, qualified: bool = False) -> dict:
        fields = []
        for f in s.fields:
            imports.use_type(f.type)
            fields.append(
                {
                    "name": f.name,
                    "type": self.qualify(f.type, imports) if qualified else self.local(f.type),
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
            imports.use_type(e.underlying)
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
            enums.append({"name": e.name, "underlying": e.underlying, "members": values})
        named = []
        for t in spec.go_types:
            imports.use_type(t.underlying)
            named.append({"name": t.name, "underlying": self.local(t.underlying)})
        validates = []
        request_names = {ep.request for ep in spec.endpoints if ep.request}
        for s in spec.go_structs:
            if s.name in skip or s.type_params:
                continue
            if s.name in request_names or any(f.validation for f in s.fields):
                validates.append(self.validate_view(s, imports))
        if validates:
            imports.use(self.runtime_import)
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
        t = self.local(go_type.strip())
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
        if any(p["name"] == t and p["underlying"] == "string" for p in self.placeholders):
            return "named-string"
        return "other"

    def field_checks(self, s: GoStruct, f: GoField, imports: Imports) -> list[str]:
        """Go statements checking one field's ``validate`` rules (printed inside Validate)."""
        rules = [r.strip() for r in f.validation.split(",") if r.strip()]
        label = go_string(f.json_name or f.name)
        pointer = f.type.strip().startswith("*")
        inner_type = f.type.strip()[1:] if pointer else f.type.strip()
        kind = self.kind_of(inner_type)
        ref = f"v.{f.name}"
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

        def fail(message: str) -> str:
            return f"return {RUNTIME_PKG}.Invalid({label}, {go_string(message)})"

        def sized(op: str, n: str) -> str | None:
            if kind in ("string", "named-string"):
                imports.use("unicode/utf8")
                return f"utf8.RuneCountInString({strval}) {op} {n}"
            if kind in ("slice", "map"):
                return f"len({val}) {op} {n}"
            if kind in ("int", "float", "named-num"):
                return f"{val} {op} {n}"
            return None

        unit = (
            " characters"
            if kind in ("string", "named-string")
            else " items" if kind in ("slice", "map") else ""
        )
        body: list[str] = []
        for rule in rules:
            key, _, arg = rule.partition("=")
            if key in ("required", "omitempty", "dive") or (key == "uuid" and kind == "uuid"):
                continue
            cond: str | None = None
            msg = ""
            if key == "email" and kind in ("string", "named-string"):
                cond, msg = f"!{RUNTIME_PKG}.IsEmail({strval})", "must be an email address"
            elif key == "uuid" and kind in ("string", "named-string"):
                cond, msg = f"!{RUNTIME_PKG}.IsUUID({strval})", "must be a UUID"
            elif key in _SIZE_RULES and re.match(r"^-?\d+(\.\d+)?$", arg):
                op, text = _SIZE_RULES[key]
                cond, msg = sized(op, arg), f"{text} {arg}{unit}"
            elif key == "oneof" and arg and kind in ("string", "named-string", "int", "named-num"):
                options = _oneof_values(arg)
                numeric = kind in ("int", "named-num")
                if not numeric or all(re.match(r"^-?\d+$", o) for o in options):
                    lits = ", ".join(o if numeric else go_string(o) for o in options)
                    body.append(
                        f"switch {val} {{\ncase {lits}:\ndefault:\n"
                        f"{fail('must be one of: ' + ', '.join(options))}\n}}"
                    )
                    continue
            if cond is None:
                self.ctx.report(
                    at(
                        f,
                        "GEN062",
                        "warning",
                        f"{s.name}.{f.name}: validate rule {rule!r} is not implemented "
                        "by the generated Validate(); check it in the handler by hand",
                    )
                )
                body.append(f"// {go_comment(rule)}: not checked by scaffold; check it by hand")
                continue
            body.append(f"if {cond} {{\n{fail(msg)}\n}}")

        out: list[str] = []
        if "required" in rules and zero and kind != "bool":
            out.append(f"if {ref + ' == nil' if pointer else zero} {{\n{fail('is required')}\n}}")
        if not body:
            return out
        guard = []
        if pointer:
            guard.append(f"{ref} != nil")
        if "omitempty" in rules and zero:
            guard.append(f"!({zero})")
        if guard:
            out.append(f"if {' && '.join(guard)} {{\n" + "\n".join(body) + "\n}")
        else:
            out.extend(body)
        return out

    # ------------------------------------------------------------------ errors

    def error_body_shape(self) -> dict:
        """The error body's fields as the spec's error tables show (default ``{"error"}``)."""
        body: dict | None = None
        for ep in self.spec.endpoints:
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
            if role == "other" and isinstance(value, str):
                role = "empty"
            if role == "other":
                continue
            gotype = "int" if role == "status" else "string"
            omit = ",omitempty" if role == "empty" else ""
            fields.append(
                {
                    "name": pascal(key),
                    "type": gotype,
                    "role": role,
                    "tag": go_tag(f'json:"{key}{omit}"'),
                }
            )
        if not any(f["role"] == "message" for f in fields):
            key = "message" if wrap else "error"
            fields.insert(
                0,
                {
                    "name": pascal(key),
                    "type": "string",
                    "role": "message",
                    "tag": go_tag(f'json:"{key}"'),
                },
            )
        if not any(f["role"] == "code" for f in fields):
            # a stable machine code in every error body (DESIGN §18)
            fields.append(
                {"name": "Code", "type": "string", "role": "code", "tag": go_tag('json:"code"')}
            )
        names = set()
        unique = []
        for f in fields:
            if f["name"] not in names:
                names.add(f["name"])
                unique.append(f)
        return {"type": f"{self.Feat}ErrorBody", "fields": unique, "wrap": wrap}

    def taxonomy_error(self, name: str):
        """The taxonomy error a row names, qualified (``auth.ErrX``) or not."""
        if not name:
            return None
        return self.errors_by.get(name) or self.errors_by.get(name.rsplit(".", 1)[-1])

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
            sentinels.append(
                {
                    "name": e.ident,
                    "text": go_string(text),
                    "status": status,
                    "code": go_string(wire_code(e) or snake(e.ident)),
                    "message": go_string(e.message or text),
                    "doc": go_comment_lines(
                        f"{e.ident}: {e.message or text} ({e.status}"
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
        return {
            "path": path,
            "package": self.cpkg,
            "header": self.header("§5 Error Taxonomy", task, True),
            "imports": imports.lines(),
            "sentinels": sentinels,
            "rules": f"{self.Feat}ErrorRules",
            "status_func": f"{self.Feat}ErrorStatus",
        }

    # ------------------------------------------------------------------ interfaces

    def method_sig(self, m: GoMethod, imports: Imports) -> str:
        params = []
        for p in m.params:
            imports.use_type(p.type)
            params.append(f"{p.name} {self.local(p.type)}".strip())
        results = []
        for r in m.results:
            imports.use_type(r.type)
            results.append(f"{r.name} {self.local(r.type)}".strip())
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
        for i in self.spec.go_interfaces:
            fields.append(
                {
                    "name": i.name,
                    "type": self.qualify(i.name, imports),
                    "doc": go_comment_lines(f"{i.name}: {i.doc}" if i.doc else i.name),
                }
            )
        return fields

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
                if str(PurePosixPath(path).parent) != self.dir:
                    # TODO(generator): DESIGN §19 wants one generated package per package
                    # the spec names; until then the stub goes into the feature's package.
                    moved = f"{self.dir}/{self.feat_snake}_handlers.go"
                    self.ctx.report(
                        at(
                            ep,
                            "GEN065",
                            "warning",
                            f"{ep.key}: handler file {file} is not in {self.dir}; "
                            f"its stub is written to {moved} (one feature's handlers go "
                            "into one package); move it when ready",
                        )
                    )
                    path = moved
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
            for i in self.spec.go_interfaces:
                rank = 0 if i.name.endswith("Service") else 1 if i.name.endswith("Store") else 2
                for m in i.methods:
                    mw = tuple(words(m.name))
                    if mw:
                        self._methods_by_word.setdefault(mw[0], []).append(
                            (rank, f"{i.name}.{m.name}", mw)
                        )
        fn_words = tuple(words(h.function))
        candidates = (
            [
                (rank, ref)
                for rank, ref, mw in self._methods_by_word.get(fn_words[0], [])
                if fn_words[: len(mw)] == mw
            ]
            if fn_words
            else []
        )
        found: tuple[list[str], bool] = ([], False)
        if candidates:
            best = min(r for r, _ in candidates)
            top = [c for r, c in candidates if r == best]
            found = (top, True) if len(top) == 1 else ([], False)
        self._calls[key] = found
        return found

    def query_params(self, ep: Endpoint) -> list[tuple[str, str]]:
        """(query parameter, Go variable) for the endpoint's ``**Query:**`` parameters."""
        taken = {v for _, v in self.path_params(ep)} | {"w", "r", "d", "req", "err", "caller"}
        out = []
        for q in ep.query:
            var = camel(q.name) or "q"
            if var in taken:
                var += "Query"
            taken.add(var)
            out.append((q.name, var))
        return out

    def param_sources(self, ep: Endpoint) -> dict[str, tuple[str, str]]:
        """Call parameter name (camelCase) → (Go variable holding it, "path" | "query")."""
        out = {camel(n): (v, "path") for n, v in self.path_params(ep)}
        for name, var in self.query_params(ep):
            out.setdefault(camel(name), (var, "query"))
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
        for ref in refs:
            iface_name, _, method_name = ref.partition(".")
            iface = self.ifaces.get(iface_name)
            method = (
                next((m for m in iface.methods if m.name == method_name), None) if iface else None
            )
            if method is None:
                continue
            decls, args = [], []
            for n, p in enumerate(method.params):
                if p.type.strip() == "context.Context":
                    args.append("r.Context()")
                    continue
                var = camel(p.name) if p.name and p.name != "_" else f"arg{n}"
                while var in used_vars:
                    var += "Arg"
                used_vars.add(var)
                t = p.type.strip()
                src = sources.get(camel(p.name)) if p.name else None
                if src is not None and t == "string":
                    args.append(src[0])  # the path or query value as it came
                    uses.add(src[0])
                    continue
                if src is not None and t in ("uuid.UUID", "int"):
                    decls.extend(self.parse_param(var, t, src, invalid, imports))
                    args.append(var)
                    uses.add(src[0])
                    continue
                if t.startswith("..."):
                    args.append(f"{var}...")
                    t = "[]" + t[3:]
                else:
                    args.append(var)
                decls.append(f"var {var} {self.qualify(t, imports)}")
            results = [r.type.strip() for r in method.results]
            has_err = bool(results) and results[-1] == "error"
            lhs = ["_"] * (len(results) - 1) + (["err"] if has_err else ["_"] if results else [])
            call = f"d.{iface_name}.{method_name}({', '.join(args)})"
            for t in results:
                self.qualify(t, Imports())
            calls.append(
                {
                    "decls": decls,
                    "call": call,
                    "lhs": ", ".join(lhs),
                    "has_err": has_err,
                    "has_results": bool(results),
                    "note": f"{ref} (inferred from the handler's name)" if inferred else ref,
                    "uses": sorted(uses),
                }
            )
        return calls

    def parse_param(
        self, var: str, go_type: str, src: tuple[str, str], invalid: str, imports: Imports
    ) -> list[str]:
        """Go statements parsing a path/query value into ``var`` (400 when malformed; an
        absent query value leaves the zero value)."""
        value, kind = src
        if go_type == "uuid.UUID":
            imports.use(UUID)
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

    def request_view(self, h: Handler, imports: Imports) -> dict:
        ep = h.endpoint
        s = self.structs.get(ep.request) if ep.request else None
        body = ep.method.upper() in _BODY_METHODS and s is not None
        query_fields = []
        if s is not None and not body:
            for f in s.fields:
                if f.query and f.name and not f.embedded:
                    conv = _query_conversion(
                        f.type, f"req.{f.name}", go_string(f.query), f"write{self.Feat}Status"
                    )
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
            "struct": self.qualify(s.name, imports) if s is not None else "",
            "body": body,
            "validate": s is not None and not s.type_params,
            "query_fields": query_fields,
        }

    def status_write(
        self, h: Handler, status: int, code: str, message: str, imports: Imports
    ) -> str:
        """Go statement answering ``status`` for a handler: through the taxonomy error the
        endpoint's error table (else the taxonomy) gives for it, so the body is the spec's."""
        err = None
        for row in h.endpoint.errors:
            found = self.taxonomy_error(row.error)
            if row.status == status and found is not None:
                err = found.ident
                break
        if err is None:
            hints = {
                401: ("unauth", "authent", "login"),
                403: ("forbidden", "permission"),
                400: ("invalid", "validation", "badrequest"),
            }[status]
            for e in self.errs:
                if e.status == status and any(k in e.ident.lower() for k in hints):
                    err = e.ident
                    break
        if err is not None:
            return f"write{self.Feat}Error(w, {self.qualify(err, imports)})"
        return (
            f"write{self.Feat}Status(w, {status_expr(status)}, {go_string(code)}, "
            f"{go_string(message)})"
        )

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
            if self.chi:
                imports.use(CHI)
            query = [
                {"var": var, "name": go_string(name)}
                for name, var in self.query_params(ep)
                if not s_has_query(req, name)
            ]
            uses_caller = bool(h.role)
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
                    "ownership": self.ownership_todo(h),
                    "unauthorized": self.status_write(
                        h, 401, "unauthorized", "authentication required", imports
                    ),
                    "forbidden": self.status_write(
                        h, 403, "forbidden", f"requires role: {h.role}", imports
                    ),
                    "invalid": self.status_write(
                        h, 400, "invalid_request", "the request is invalid", imports
                    ),
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
                    "response": self.qualify(resp_struct.name, imports) if resp_struct else "",
                    "status": status_expr(status),
                    "no_content": status == 204 or not resp_struct,
                }
            )
            declared = getattr(self, "_declared_receivers", set())
            if h.receiver and h.receiver not in receivers and h.receiver not in declared:
                declared.add(h.receiver)
                spec_struct = self.structs.get(h.receiver)
                extra = (
                    self.struct_view(spec_struct, imports, qualified=True)["fields"]
                    if spec_struct
                    else []
                )
                receivers[h.receiver] = {"name": h.receiver, "fields": extra}
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
        imports = Imports({"net/http", self.runtime_import})
        if self.split:
            imports.use(self.contract_import)
        if self.chi:
            imports.use(CHI)
        routes = []
        receivers = []
        for h in self.handlers:
            ep = h.endpoint
            if h.receiver and h.receiver not in receivers:
                receivers.append(h.receiver)
            target = f"{camel(h.receiver)}.{h.function}" if h.receiver else f"{h.function}(d)"
            routes.append(
                {
                    "method": go_string(ep.method.upper()),
                    "path": go_string(ep.path),
                    "pattern": go_string(f"{ep.method.upper()} {ep.path}"),
                    "handler": target,
                }
            )
        return {
            "path": path,
            "package": self.pkg,
            "header": self.header("§4 API Design: routes", task, True),
            "imports": imports.lines(),
            "register": f"Register{self.Feat}Routes",
            "routes_var": f"{self.Feat}Routes",
            "deps": f"{self.Feat}Deps",
            "deps_fields": self.deps_fields(imports),
            "receivers": [{"var": camel(r), "name": r} for r in receivers],
            "routes": routes,
            "body": self.body,
            "rules": f"{self.q}{self.Feat}ErrorRules",
            "write_error": f"write{self.Feat}Error",
            "write_status": f"write{self.Feat}Status",
        }

    # ------------------------------------------------------------------ tests

    def tests_view(self, path: str, hs: list[Handler]) -> dict:
        first = hs[0].file == min(h.file for h in self.handlers)
        imports = Imports({"net/http", "net/http/httptest", "testing", self.runtime_import})
        if self.chi:
            imports.use(CHI)
            imports.use("strings")
        fakes = []
        mapping = []
        if first:
            imports.paths |= {"errors", "fmt", "strings"}
            for i in self.spec.go_interfaces:
                methods = []
                for m in i.methods:
                    params = [f"_ {self.qualify(p.type, imports)}" for p in m.params]
                    results = [
                        f"r{n} {self.qualify(r.type, imports)}" for n, r in enumerate(m.results)
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
                        "name": f"fake{i.name}",
                        "iface": self.qualify(i.name, imports),
                        "field": i.name,
                        "methods": methods,
                    }
                )
            for e in self.errs:
                mapping.append(
                    {"name": self.qualify(e.ident, imports), "status": status_expr(e.status)}
                )
            if self.split:
                imports.use(self.contract_import)
        cases = [self.handler_test_view(h, imports) for h in hs]
        routes = [
            {
                "method": go_string(h.endpoint.method.upper()),
                "url": go_string(self.example_url(h)),
            }
            for h in hs
        ]
        return {
            "path": path,
            "package": self.pkg,
            "header": self.header("§7 Testing Strategy", hs[0].task, False, hs[0].endpoint),
            "imports": imports.lines(),
            "fakes": fakes,
            "deps": f"{self.Feat}Deps",
            "new_deps": f"newTest{self.Feat}Deps",
            "register": f"Register{self.Feat}Routes",
            "status_func": f"{self.q}{self.Feat}ErrorStatus",
            "Feat": self.Feat,
            "mapping": mapping,
            "handlers": cases,
            "routes": routes,
            "first": first,
            "suffix": "" if first else pascal(PurePosixPath(hs[0].file).stem),
        }

    def example_url(self, h: Handler) -> str:
        """A URL for the endpoint whose path values parse as the handler reads them."""
        ep = h.endpoint
        int_params: set[str] = set()
        for ref in self.endpoint_calls(h)[0]:
            iface_name, _, method_name = ref.partition(".")
            iface = self.ifaces.get(iface_name)
            for m in iface.methods if iface else []:
                if m.name == method_name:
                    int_params |= {camel(p.name) for p in m.params if p.type.strip() == "int"}

        def value(m: re.Match) -> str:
            name = m.group(1)
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
        valid, invalid = ("", None)
        if body_method:
            valid_obj = self.example_value(s.name, 0)
            valid = json.dumps(valid_obj, ensure_ascii=False)
            bad = self.invalid_body(s, valid_obj)
            invalid = json.dumps(bad, ensure_ascii=False) if bad is not None else None
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
                }
            )
            cases.append(
                {
                    "name": go_string("unknown field → 400"),
                    "caller": role_caller,
                    "body": go_string('{"zz_unknown_field": 1}'),
                    "err": "nil",
                    "want": "http.StatusBadRequest",
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
                    }
                )
        has_err_call = any(c["has_err"] for c in self.calls_for(h, Imports()))
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
                        "err": self.qualify(e.ident, imports),
                        "want": status_expr(e.status),
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
        t = f.type.strip().lstrip("*")
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
            return [self.example_value(elem, depth + 1) for _ in range(count)]
        if kind == "map":
            return (
                {"k": self.example_value(t[t.index("]") + 1 :], depth + 1)}
                if "required" in opts
                else {}
            )
        return self.example_value(t, depth + 1)

    def invalid_body(self, s: GoStruct, valid: dict) -> dict | None:
        """The valid body with one field made to fail its first checkable rule."""
        for f in s.fields:
            if f.json_skip or not f.name or f.embedded or f.query or not f.validation:
                continue
            rules = [r.strip() for r in f.validation.split(",") if r.strip()]
            opts = {r.partition("=")[0]: r.partition("=")[2] for r in rules}
            key = f.json_name or f.name
            kind = self.kind_of(f.type.strip().lstrip("*"))
            bad = dict(valid)
            if "required" in opts and kind != "bool":
                bad.pop(key, None)
                return bad
            if kind in ("string", "named-string"):
                if "email" in opts:
                    bad[key] = "not-an-email"
                    return bad
                if "uuid" in opts:
                    bad[key] = "not-a-uuid"
                    return bad
                if "oneof" in opts:
                    bad[key] = "zz-not-an-option"
                    return bad
                for k in ("max", "lte"):
                    if k in opts and re.match(r"^\d+$", opts[k]):
                        bad[key] = "a" * (int(opts[k]) + 1)
                        return bad
        return None

    # ------------------------------------------------------------------ instructions

    def router_instructions(self) -> None:
        register = f"{self.pkg}.Register{self.Feat}Routes(mux, &{self.pkg}.{self.Feat}Deps{{…}})"
        if self.chi:
            register = register.replace("(mux,", "(r,")
        modified = [f for f in self.spec.files if f.side == "backend" and f.action == "modify"]
        for t in self.spec.tasks:
            for tf in t.files:
                if tf.action == "modify" and tf.path.endswith(".go"):
                    modified.append(tf)  # type: ignore[arg-type]
        routers = [
            f
            for f in modified
            if "rout" in f.path.lower() or "server" in f.path.lower() or "main.go" in f.path.lower()
        ]
        if routers:
            path = under(self.backend, routers[0].path)
            self.ctx.instruct(
                Instruction(
                    kind="add-line",
                    message=f"add to {path}, where the API routes are registered: {register}",
                    path=path,
                )
            )
        else:
            self.ctx.instruct(
                Instruction(
                    kind="add-line",
                    message=f"register the routes where your server builds its mux: {register}",
                )
            )

    def dependency_instructions(self) -> None:
        from ...config import read_go_mod
        from ..pins import go_pins

        go_mod = read_go_mod(self.ctx.target.root, self.backend)
        if go_mod is None:
            return
        needed = self.needed_modules()
        pins = go_pins()
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

    def needed_modules(self) -> set[str]:
        return needed_go_modules(self.spec, self.chi)


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


def s_has_query(req: dict, name: str) -> bool:
    return any(f.get("param") == go_string(name) for f in req.get("query_fields", []))


def _static_words(path: str) -> list[str]:
    return [
        seg
        for seg in path.split("/")
        if seg and not seg.startswith("{") and seg not in ("api", "v1", "v2")
    ]


def _oneof_values(arg: str) -> list[str]:
    """``oneof=a b 'c d'`` values, as go-playground/validator splits them."""
    return [a or b for a, b in re.findall(r"'([^']*)'|(\S+)", arg)]


def _query_conversion(go_type: str, field: str, param: str, write_status: str):
    """Go code reading query parameter ``param`` into ``field``; (code, needs strconv)."""
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
            "if err != nil {\n"
            f'{write_status}(w, http.StatusBadRequest, "invalid_query", '
            f'"query parameter "+{param}+" must be an integer")\nreturn\n}}\n'
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
