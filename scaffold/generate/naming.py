"""Names and escaping: identifiers from spec names, spec text made safe where it lands.

Spec *names* that become identifiers are checked, never silently renamed (DESIGN §8):
:func:`go_ident_problem` says what is wrong. Spec *text* (descriptions, messages,
conditions) is escaped for the exact place it lands: a Go comment or string or
struct tag, a SQL comment or literal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import TaxonomyError

GO_KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if "
    "import interface map package range return select struct switch type var".split()
)
GO_PREDECLARED = frozenset(
    "any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 "
    "int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr true false iota nil "
    "append cap clear close complex copy delete imag len make max min new panic print "
    "println real recover".split()
)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COMMON_INITIALISMS = {
    "api": "API",
    "id": "ID",
    "ids": "IDs",
    "url": "URL",
    "uri": "URI",
    "http": "HTTP",
    "json": "JSON",
    "sql": "SQL",
    "uuid": "UUID",
    "ip": "IP",
}


def go_ident_problem(name: str, exported: bool = False) -> str | None:
    """Why ``name`` cannot be a Go identifier here, or None."""
    if not _IDENT.match(name or ""):
        return f"{name!r} is not a valid Go identifier"
    if name in GO_KEYWORDS:
        return f"{name!r} is a Go keyword"
    if exported and not name[0].isupper():
        return f"{name!r} must start with an upper-case letter to be exported"
    return None


def words(text: str) -> list[str]:
    """Split ``workspace-invites``, ``WorkspaceInvites``, ``create_invites`` into words."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", text)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", text) if w]


def pascal(text: str) -> str:
    """``workspace-invites`` → ``WorkspaceInvites``; ``user_id`` → ``UserID``."""
    out = "".join(_COMMON_INITIALISMS.get(w, w[:1].upper() + w[1:]) for w in words(text))
    if out and out[0].isdigit():
        out = "X" + out
    return out


def camel(text: str) -> str:
    """``workspace-invites`` → ``workspaceInvites``."""
    p = pascal(text)
    if not p:
        return p
    head = re.match(r"^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]", p)
    n = len(head.group(0)) if head else 1
    out = p[:n].lower() + p[n:]
    return out + "_" if out in GO_KEYWORDS or out in GO_PREDECLARED else out


def snake(text: str) -> str:
    """``WorkspaceInvites`` / ``workspace-invites`` → ``workspace_invites``."""
    return "_".join(words(text))


def go_package_name(dir_name: str) -> str:
    """A Go package name for a directory (lower-case letters and digits)."""
    name = re.sub(r"[^a-z0-9]", "", dir_name.lower())
    if not name or name[0].isdigit():
        name = "pkg" + name
    return name


def _printable(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return not (cat.startswith("C") or cat in ("Zl", "Zp"))


def go_string(text: str) -> str:
    """A Go interpreted string literal (with quotes) whose value is exactly ``text``."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # nothing to escape (isprintable excludes controls and U+FEFF)
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        elif not _printable(ch) or ch == "\ufeff":
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_raw_string(text: str) -> str:
    """A Go literal whose value is exactly ``text``: a raw string when that needs no
    escape (JSON reads better so), else an interpreted one (:func:`go_string`)."""
    if "`" not in text and text.isprintable() and "\r" not in text:
        return f"`{text}`"
    return go_string(text)


_GO_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def go_json(value: object) -> str:
    """``value`` as the bytes Go's encoding/json writes for it (compact, map keys in
    order, ``<``, ``>``, ``&``, U+2028 and U+2029 escaped), without the Encoder's newline."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _GO_JSON_ESCAPES[m.group(0)], text)


def one_line(text: str, limit: int = 0) -> str:
    """Text on one line: line breaks and control characters become spaces."""
    cleaned = "".join(ch if _printable(ch) and ch != "\ufeff" else " " for ch in text or "")
    cleaned = " ".join(cleaned.split())
    if limit and len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned


def go_comment(text: str, limit: int = 0) -> str:
    """Text safe after ``//`` (one line; ``*/`` harmless there, but defused anyway)."""
    return one_line(text, limit).replace("*/", "* /")


def go_tag(tag: str) -> str:
    """A struct tag literal: a raw string when possible, else an interpreted one."""
    if "`" in tag or any(not _printable(ch) for ch in tag):
        return go_string(tag)
    return f"`{tag}`"


def sql_comment(text: str, limit: int = 0) -> str:
    """Text safe after ``--`` on one line; never looks like a goose annotation."""
    out = one_line(text, limit)
    return out.replace("+goose", "+ goose")


def sql_literal(text: str) -> str:
    """A PostgreSQL standard string literal (``'…'`` with ``''``); no control characters."""
    return "'" + "".join(ch if _printable(ch) else " " for ch in text).replace("'", "''") + "'"


def go_comment_lines(text: str, width: int = 96) -> list[str]:
    """Text as wrapped comment lines (without the ``//``), one paragraph per spec line."""
    import textwrap

    out: list[str] = []
    for para in (text or "").splitlines():
        line = go_comment(para)
        if not line:
            continue
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return out


def wire_code(err: "TaxonomyError") -> str:
    """The machine code an error's body carries: the spec's, else one derived from its Go
    name (``ErrInviteExists`` → ``invite_exists``, DESIGN §18). Check, the Go server and
    the TS client all use this one."""
    return err.code or snake(re.sub(r"^Err(?=[A-Z0-9])", "", err.ident))


# Who a method parameter names when it is the signed-in caller's ID (`callerID`, `readerID`).
# The first set names nobody else; the second names the caller only when no path value is
# left for it (`DeleteUser(ctx, userID)` on `/users/{id}` is the user in the path).
_CALLER_ONLY = frozenset({"caller", "actor", "viewer", "requester", "principal", "me", "current"})
_CALLER_LIKELY = frozenset({"user", "owner", "reader", "author", "inviter", "creator", "subject"})


def names_caller(param: str, path_free: bool) -> bool:
    """Whether a method parameter (``readerID``, ``currentUserID``) is the caller's ID;
    ``path_free`` says no path value is left unbound that it could be instead."""
    ws = words(param)
    if len(ws) < 2 or ws[-1] != "id":
        return False
    nouns = set(ws[:-1])
    return bool(nouns & _CALLER_ONLY) or (
        path_free and len(nouns) == 1 and bool(nouns & _CALLER_LIKELY)
    )
