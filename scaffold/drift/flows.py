"""Which way a Go type's JSON flows, read from function bodies (DESIGN §9).

Per file, :func:`go_flows` reads the functions of a file that handles HTTP or JSON
(it mentions ``http.ResponseWriter``, ``json.``, ``Encode(``, …; type-only and
generated deepcopy files are skipped on their bytes) and records, as plain tuples:

- ``("send", type, line)``: a value of ``type`` passed to ``json.NewEncoder(w).Encode``,
  ``json.Marshal``/``MarshalIndent``, a framework's ``c.JSON(code, v)`` /
  ``render.JSON(w, r, v)``;
- ``("recv", type, line)``: a pointer passed to ``Decode``, ``json.Unmarshal``,
  ``c.Bind``/``BindJSON``/``ShouldBindJSON``, ``render.DecodeJSON``;
- ``("helper", func, index, "send"|"recv")``: the function passes its parameter
  ``index`` to one of those (a response writer helper such as ``writeJSON``);
- ``("call", callee, index, type, line)``: a typed value passed to another function
  (matched with the helpers of every file when the index is built);
- ``("pass", func, index, callee, callee index)``: a parameter handed on to another
  function (helpers that call helpers).

A ``type`` is as written (``UserResponse``, ``*Page[User]``, ``[]Item``) or
``()name`` for the result of calling ``name``. Bodies are read with regular
expressions over their text, not walked node by node: cheap, and what a reader of
the handler sees (a local's type from ``x := T{…}``, ``var x T``, ``x := f(…)``,
``x, err := f(…)``, ``x := make([]T, …)`` or the function's parameters).
"""

from __future__ import annotations

import re

# Bytes that make a file worth reading for flows (handlers, helpers, codecs).
_HINTS = re.compile(
    rb"ResponseWriter|http\.Request|json\.|Encode\(|Decode\(|Unmarshal\(|gin\.Context|"
    rb"echo\.Context|fiber\.Ctx|render\.|Bind(?:JSON)?\("
)

# Sink calls: method or function name -> (direction, which argument; -1 = the last).
_SINKS: dict[str, tuple[str, int]] = {
    "Encode": ("send", 0),
    "Marshal": ("send", 0),
    "MarshalIndent": ("send", 0),
    "JSON": ("send", -1),
    "IndentedJSON": ("send", -1),
    "PureJSON": ("send", -1),
    "SecureJSON": ("send", -1),
    "JSONPretty": ("send", -1),
    "Decode": ("recv", 0),
    "Unmarshal": ("recv", 1),
    "Bind": ("recv", -1),
    "BindJSON": ("recv", 0),
    "ShouldBind": ("recv", 0),
    "ShouldBindJSON": ("recv", 0),
    "MustBindWith": ("recv", 0),
    "ShouldBindWith": ("recv", 0),
    "DecodeJSON": ("recv", -1),
    "BodyParser": ("recv", 0),
}
# Receivers that make a sink name a codec call (`json.Marshal`, `enc.Encode`, `c.JSON`).
_NOT_CODEC = frozenset({"base64", "hex", "binary", "gob", "xml", "yaml", "proto", "csv", "pem"})

_TYPE = r"(?:\[\]|\*)*+[A-Za-z_][\w.]*+(?:\[[\w.*\[\], ]*\])?"
# Statements start a line: anchored patterns fail fast everywhere else.
_COMPOSITE = re.compile(r"^[ \t]*+([A-Za-z_]\w*+)\s*+:?=\s*+&?(" + _TYPE + r")\s*+\{", re.M)
_VAR = re.compile(r"^[ \t]*+var\s++([A-Za-z_]\w*+)\s++(" + _TYPE + r")", re.M)
_MAKE = re.compile(
    r"^[ \t]*+([A-Za-z_]\w*+)\s*+:?=\s*+make\(\s*+((?:\[\]|map\[[^\]]*\])\*?[\w.]+)", re.M
)
_CALLED = re.compile(
    r"^[ \t]*+(?:if\s++)?([A-Za-z_]\w*+)(?:\s*+,\s*+[A-Za-z_]\w*+)*+\s*+:?=\s*+"
    r"(?:[A-Za-z_]\w*+\.)*+([A-Za-z_]\w*+)\(",
    re.M,
)
_CALL = re.compile(r"\b([A-Za-z_]\w*+)\s*+(?:\[[^\]\n]*+\])?\(")
_RECEIVER = re.compile(r"([A-Za-z_]\w*)\s*\)?\s*\.\s*$")
# Calls that never carry an API value: builtins, formatting, errors, headers.
_SKIP_CALLS = frozenset(
    {
        "len", "cap", "make", "new", "append", "copy", "delete", "panic", "print", "println",
        "string", "int", "int64", "float64", "byte", "rune", "error", "Error", "Errorf",
        "Sprintf", "Printf", "Println", "Fprintf", "Wrap", "Wrapf", "New", "WriteHeader",
        "Header", "Context", "Set", "Del", "Is", "As", "Unwrap", "Lock", "Unlock",
    }
)  # fmt: skip
_TOKENS = re.compile(r"[(){}\[\],]|\"(?:\\.|[^\"\\\n])*\"|`[^`]*`|'(?:\\.|[^'\\\n])+'|//[^\n]*")
_ARG_COMPOSITE = re.compile(r"^&?(" + _TYPE + r")\s*\{")
_ARG_CALL = re.compile(r"^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)\s*\(")
_ARG_NAME = re.compile(r"^&?\(?\s*([A-Za-z_]\w*)\s*\)?$")
_KEYWORDS = frozenset({"if", "for", "switch", "return", "func", "go", "defer", "select", "range"})
_ANY = frozenset({"any", "interface{}"})
_BUILTIN = _ANY | frozenset(
    {"string", "bool", "int", "int64", "int32", "uint", "uint64", "float64", "byte", "error"}
)
_BUILTIN |= frozenset("[]" + t for t in ("byte", "string", "int"))


_MASK = re.compile(r"'(?:\\.|[^'\\\n])+'|" r'"(?:\\.|[^"\\\n])*"|`[^`]*`|//[^\n]*|/\*.*?\*/', re.S)


def _blank(m: re.Match) -> str:
    """A string or comment with its text blanked (its quotes and line breaks kept)."""
    text = m.group(0)
    if text[0] in "\"`'":
        return text[0] + re.sub(r"[^\n]", " ", text[1:-1]) + text[-1]
    return re.sub(r"[^\n]", " ", text)


def has_flows(data: bytes) -> bool:
    """Whether a file's bytes may hold encode/decode sites or response helpers."""
    return _HINTS.search(data) is not None


def _args(body: str, open_at: int) -> list[str]:
    """The top-level arguments of the call whose ``(`` is at ``open_at``."""
    depth = 0
    start = open_at + 1
    out: list[str] = []
    for m in _TOKENS.finditer(body, open_at):
        ch = m.group(0)
        if len(ch) != 1:
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                last = body[start : m.start()].strip()
                if last or out:
                    out.append(last)
                return out
        elif ch == "," and depth == 1:
            out.append(body[start : m.start()].strip())
            start = m.end()
    return []


def _arg_type(arg: str, local: dict[str, str]) -> str:
    m = _ARG_COMPOSITE.match(arg)
    if m:
        return m.group(1)
    m = _ARG_NAME.match(arg)
    if m:
        return local.get(m.group(1), "")
    m = _ARG_CALL.match(arg)
    if m and m.group(1) not in ("make", "new", "len", "append"):
        return "()" + m.group(1)
    if arg.startswith("new(") and arg.endswith(")"):
        return arg[4:-1].strip()
    return ""


def function_flows(
    name: str, params: list[tuple[str, str]], body: str, first_line: int, out: list[tuple]
) -> None:
    """The flows of one function (``params``: (name, type) in order; ``body``: its text)."""
    body = _MASK.sub(_blank, body)
    local: dict[str, str] = {}
    for pname, ptype in params:
        if pname and pname != "_":
            local[pname] = ptype
    for pattern in (_VAR, _MAKE, _COMPOSITE):
        for m in pattern.finditer(body):
            local.setdefault(m.group(1), m.group(2))
    for m in _CALLED.finditer(body):
        if m.group(2) not in _KEYWORDS:
            local.setdefault(m.group(1), "()" + m.group(2))
    index = {pname: i for i, (pname, _t) in enumerate(params) if pname}
    generic = {pname for pname, ptype in params if ptype in _ANY or len(ptype) == 1}
    for m in _CALL.finditer(body):
        callee = m.group(1)
        if callee in _KEYWORDS or callee in _SKIP_CALLS or callee == name:
            continue
        sink = _SINKS.get(callee)
        args = _args(body, m.end() - 1)
        if not args:
            continue
        line = first_line + body.count("\n", 0, m.start())
        if sink is not None:
            before = _RECEIVER.search(body, max(0, m.start() - 40), m.start())
            recv = before.group(1) if before else None
            if recv in _NOT_CODEC:
                continue
            direction, which = sink
            if which >= len(args):
                continue
            arg = args[which]
            bare = _ARG_NAME.match(arg)
            if bare and bare.group(1) in index and bare.group(1) in generic:
                out.append(("helper", name, index[bare.group(1)], direction))
                continue
            typ = _arg_type(arg, local)
            if typ:
                out.append((direction, typ, line))
            continue
        for i, arg in enumerate(args):
            bare = _ARG_NAME.match(arg)
            if bare and bare.group(1) in generic:
                out.append(("pass", name, index[bare.group(1)], callee, i))
                continue
            typ = _arg_type(arg, local)
            if typ and (typ[:2] == "()" or typ.lstrip("*[]")[:1].isalpha()) and typ not in _BUILTIN:
                out.append(("call", callee, i, typ, line))


__all__ = ["function_flows", "has_flows"]
