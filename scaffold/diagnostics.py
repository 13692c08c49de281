"""One diagnostic shape for every command, and one printer (DESIGN.md §10).

`check`, `drift`, merge conflicts and `status` problems are all
:class:`Diagnostic`. They print as text (``path:line:col: severity RULE message``),
JSON (``{"version": 1, "diagnostics": [...], "summary": {...}}``), SARIF 2.1.0 or
GitHub workflow annotations. Exit codes are the same for every command:
0 no error, 1 errors (warnings too under ``--strict``), 2 usage error or
unreadable input.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Iterable, Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "info"]
Format = Literal["text", "json", "sarif", "github"]
FORMATS: tuple[str, ...] = ("text", "json", "sarif", "github")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Related(BaseModel):
    path: str
    line: int = 0
    column: int = 0
    message: str = ""

    @classmethod
    def at(cls, pos: object, message: str = "") -> "Related":
        """The other position of a diagnostic, at a model position (file/line/column)."""
        return cls(
            path=getattr(pos, "file", "") or "",
            line=getattr(pos, "line", 0) or 0,
            column=getattr(pos, "column", 0) or 0,
            message=message,
        )


class Diagnostic(BaseModel):
    rule: str
    severity: Severity
    message: str
    path: str = ""
    line: int = 0
    column: int = 0
    related: list[Related] = Field(default_factory=list)
    fix: str | None = None

    def sort_key(self) -> tuple:
        return (
            self.path,
            self.line,
            self.column,
            _SEVERITY_ORDER[self.severity],
            self.rule,
            self.message,
        )

    def text(self) -> str:
        where = self.path or "-"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        line = f"{where}: {self.severity} {self.rule} {self.message}"
        for rel in self.related:
            line += f"\n    {rel.path}:{rel.line}:{rel.column or 1}: {rel.message or 'related'}"
        if self.fix:
            line += f"\n    fix: {self.fix}"
        return line


def at(pos: object, rule: str, severity: Severity, message: str, **extra: object) -> Diagnostic:
    """Build a diagnostic at a model position (anything with file/line/column)."""
    return Diagnostic(
        rule=rule,
        severity=severity,
        message=message,
        path=getattr(pos, "file", "") or "",
        line=getattr(pos, "line", 0) or 0,
        column=getattr(pos, "column", 0) or 0,
        **extra,  # type: ignore[arg-type]
    )


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple] = set()
    out: list[Diagnostic] = []
    for d in sorted(diags, key=Diagnostic.sort_key):
        key = d.sort_key()
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def summary(diags: list[Diagnostic]) -> dict[str, int]:
    return {
        "errors": sum(d.severity == "error" for d in diags),
        "warnings": sum(d.severity == "warning" for d in diags),
        "infos": sum(d.severity == "info" for d in diags),
    }


def exit_code(diags: list[Diagnostic], strict: bool = False) -> int:
    counts = summary(diags)
    if counts["errors"] or (strict and counts["warnings"]):
        return EXIT_FINDINGS
    return EXIT_OK


def escalate(diags: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """Under ``--strict`` every warning is an error (DESIGN.md §2)."""
    if not strict:
        return diags
    return [
        d.model_copy(update={"severity": "error"}) if d.severity == "warning" else d for d in diags
    ]


def use_colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR") is not None:
        return False
    return hasattr(stream, "isatty") and stream.isatty()


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}


def render(
    diags: list[Diagnostic],
    fmt: str = "text",
    tool: str = "scaffold",
    extra: dict | None = None,
    colour: bool = False,
) -> str:
    """Render diagnostics in one of :data:`FORMATS`. ``extra`` adds keys to JSON output."""
    diags = sort_diagnostics(diags)
    if fmt == "json":
        doc: dict = {
            "version": 1,
            "diagnostics": [d.model_dump(exclude_none=True) for d in diags],
            "summary": summary(diags),
        }
        if extra:
            doc.update(extra)
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "sarif":
        return json.dumps(_sarif(diags, tool), indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(_github(d) + "\n" for d in diags)
    lines = []
    for d in diags:
        text = d.text()
        if colour:
            head, _, rest = text.partition(f" {d.severity} ")
            text = f"{head} {_COLOURS[d.severity]}{d.severity}\033[0m {rest}"
        lines.append(text)
    counts = summary(diags)
    if diags:
        lines.append(
            f"{counts['errors']} error(s), {counts['warnings']} warning(s)"
            + (f", {counts['infos']} note(s)" if counts["infos"] else "")
        )
    return "".join(line + "\n" for line in lines)


def emit(
    diags: list[Diagnostic],
    fmt: str = "text",
    stream: IO[str] | None = None,
    extra: dict | None = None,
) -> None:
    stream = stream or sys.stdout
    stream.write(render(diags, fmt, extra=extra, colour=fmt == "text" and use_colour(stream)))


def _github(d: Diagnostic) -> str:
    kind = {"error": "error", "warning": "warning", "info": "notice"}[d.severity]
    props = []
    if d.path:
        props.append(f"file={_gh_escape(d.path, prop=True)}")
    if d.line:
        props.append(f"line={d.line}")
    if d.column:
        props.append(f"col={d.column}")
    props.append(f"title={_gh_escape(d.rule, prop=True)}")
    return f"::{kind} {','.join(props)}::{_gh_escape(d.message)}"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _sarif(diags: list[Diagnostic], tool: str) -> dict:
    from . import __version__

    rules = sorted({d.rule for d in diags})
    level = {"error": "error", "warning": "warning", "info": "note"}

    def location(path: str, line: int, column: int, message: str = "") -> dict:
        loc: dict = {"physicalLocation": {"artifactLocation": {"uri": path or "."}}}
        if line:
            loc["physicalLocation"]["region"] = {"startLine": line, "startColumn": column or 1}
        if message:
            loc["message"] = {"text": message}
        return loc

    results = []
    for d in diags:
        result: dict = {
            "ruleId": d.rule,
            "level": level[d.severity],
            "message": {"text": d.message + (f" Fix: {d.fix}" if d.fix else "")},
            "locations": [location(d.path, d.line, d.column)],
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": i, **location(r.path, r.line, r.column, r.message)}
                for i, r in enumerate(d.related)
            ]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": tool,
                        "version": __version__,
                        "rules": [{"id": r} for r in rules],
                    }
                },
                "results": results,
            }
        ],
    }
