"""Derivations both readers need, in one place (issue 11, "Structure").

- query parameter facts (default, bounds, allowed values) from prose, table cells and
  `validate` tags;
- query parameters from a query struct's fields.
"""

from __future__ import annotations

import re

from ..model import GoStruct, QueryParam

_NONE_CELL = {"", "—", "–", "-", "none", "n/a", "absent"}
_DEFAULT = re.compile(r"\bdefaults?\s*(?:is|=|:|to)?\s*[*`_]*(\"\"|''|[^\s,;*`)]+)", re.I)
# "Absent or `0` means the first page": absent is the same as the value, its default.
_ABSENT_AS = re.compile(
    r"\babsent\s+or\s+[*`_]*(\"\"|''|[^\s,;*`)]+)[*`_]*\s+(?:means|=|is treated as|is the same)",
    re.I,
)
_RANGE = re.compile(r"(?<![\w.])(-?\d+)\s*(?:\.\.|–|—|-|to)\s*(-?\d+)\b")
_BETWEEN = re.compile(r"\bbetween\s+(-?\d+)\s+and\s+(-?\d+)", re.I)
_MIN = re.compile(r"(?:\bmin(?:imum)?\s*[:=]?\s*|≥\s*|>=\s*)(-?\d+)", re.I)
_MAX = re.compile(r"(?:\bmax(?:imum)?\s*[:=]?\s*|≤\s*|<=\s*|\bat most\s+|\bup to\s+)(-?\d+)", re.I)
# a run of values: `a`, `b` or `c`
_VALUES_RUN = re.compile(r"`[^`]+`(?:\s*(?:,|/|\bor\b|\band\b)\s*(?:or\s+|and\s+)?`[^`]+`)+")


def split_top(text: str, seps: str) -> list[str]:
    """Split ``text`` at any of ``seps`` outside parentheses and code spans."""
    out: list[str] = []
    depth, code, cur = 0, False, []
    for ch in text:
        if ch == "`":
            code = not code
        elif not code and ch in "([":
            depth += 1
        elif not code and ch in ")]" and depth:
            depth -= 1
        if ch in seps and depth == 0 and not code:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return [p for p in (x.strip() for x in out) if p]


def snake(name: str) -> str:
    """`AssigneeID` → `assignee_id`, `Q` → `q`."""
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return s.lower()


def default_cell(text: str) -> str | None:
    """A Default cell as written: `""` → "", `25` → "25", `—`/`_(none …)_` → None."""
    t = text.strip()
    m = re.match(r"^`?([^`\s]+)`?\s*\(.*\)$", t)  # `""` (all members)
    if m:
        t = m.group(1)
    t = t.strip("`").strip()
    if t in ('""', "''"):
        return ""
    low = t.lower().strip("_*() ")
    if low in _NONE_CELL or low.startswith(("none", "absent", "no default", "(none")):
        return None
    if " " in t:
        return None
    return t.strip("\"'")


def apply_text(qp: QueryParam, text: str) -> None:
    """Defaults, bounds and allowed values a sentence or cell states about ``qp``."""
    if not text:
        return
    if qp.default is None:
        m = _DEFAULT.search(text) or _ABSENT_AS.search(text)
        if m:
            qp.default = default_cell(m.group(1))
    rng = _RANGE.search(text) or _BETWEEN.search(text)
    if rng and qp.minimum is None and qp.maximum is None:
        qp.minimum, qp.maximum = int(rng.group(1)), int(rng.group(2))
    if qp.minimum is None:
        m = _MIN.search(text)
        if m:
            qp.minimum = int(m.group(1))
    if qp.maximum is None:
        m = _MAX.search(text)
        if m:
            qp.maximum = int(m.group(1))
    run = _VALUES_RUN.search(text)
    if not qp.enum and run:
        qp.enum = [
            v
            for v in re.findall(r"`([^`]+)`", run.group(0))
            if re.fullmatch(r"[A-Za-z][\w-]*", v) and v != qp.name
        ]
        if len(qp.enum) < 2:
            qp.enum = []


def apply_validate(qp: QueryParam, validate: str) -> None:
    """`validate:"omitempty,min=1,max=100,oneof=a b"` → bounds and values."""
    for rule in validate.split(","):
        key, _, val = rule.partition("=")
        key = key.strip()
        if key in ("min", "gte") and re.fullmatch(r"-?\d+", val) and qp.minimum is None:
            qp.minimum = int(val)
        elif key in ("max", "lte") and re.fullmatch(r"-?\d+", val) and qp.maximum is None:
            qp.maximum = int(val)
        elif key == "oneof" and not qp.enum:
            qp.enum = val.split()
        elif key == "required":
            qp.required = True


def repeated_type(typ: str) -> tuple[str, bool]:
    """`uuid, repeatable` → ("uuid", True); `[]string` → ("[]string", True)."""
    t = typ.strip()
    m = re.match(r"^(.*?)[,;\s(]+(?:repeat\w*|multi\w*|array)\)?$", t, re.I)
    if m:
        return m.group(1).strip(), True
    if t.endswith("[]"):
        return t[:-2], True
    return t, t.startswith("[]")


def query_struct_params(st: GoStruct) -> list[QueryParam]:
    """The parameters a query struct (`ListTicketsQuery`) declares, one per field."""
    out: list[QueryParam] = []
    for f in st.fields:
        name = f.query or f.json_name or snake(f.name)
        if not name or name == "-":
            continue
        qp = QueryParam(pos=f.pos, name=name, type=f.type, description=f.comment)
        apply_validate(qp, f.validation)
        qp.repeated = f.type.startswith("[]")
        out.append(qp)
    return out
