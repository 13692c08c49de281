"""Readers: a spec file (markdown or YAML) → one :class:`~scaffold.model.Spec`.

``load_spec`` never raises for bad *content*: what it cannot read becomes a
:class:`~scaffold.model.Problem` on the returned model, at its line. It raises
:class:`SpecReadError` only when there is nothing to read at all (missing
file, a directory, an unknown extension): the CLI turns that into exit 2.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Problem, Pos, Spec, merge_specs

MAX_SPEC_BYTES = 5 * 1024 * 1024  # a spec larger than this is refused, not read

RULES: dict[str, tuple[str, str]] = {
    "SPEC000": ("error", "the file is UTF-8 and small enough to read"),
    "SPEC049": ("error", "the spec file is not empty"),
}


class SpecReadError(Exception):
    """The file cannot be read at all (exit 2)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def display_path(path: Path) -> str:
    """The path as diagnostics show it: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_spec(path: str | Path) -> Spec:
    """Read one spec file (``.md``, ``.markdown``, ``.yaml``, ``.yml`` or ``.json``)."""
    p = Path(path)
    shown = display_path(p)
    if not p.exists():
        raise SpecReadError(shown, "no such file")
    if p.is_dir():
        raise SpecReadError(shown, "is a directory, not a spec file")
    suffix = p.suffix.lower()
    if suffix not in {".md", ".markdown", ".yaml", ".yml", ".json"}:
        raise SpecReadError(shown, f"unknown spec format {suffix!r} (expected .md, .yaml or .json)")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise SpecReadError(shown, exc.strerror or str(exc)) from None
    return read_spec_bytes(raw, shown, suffix)


def read_spec_bytes(raw: bytes, path: str, suffix: str = ".md") -> Spec:
    """Read spec content already in memory. Never raises for bad content."""
    problems: list[Problem] = []
    if len(raw) > MAX_SPEC_BYTES:
        spec = Spec(sources=[path])
        spec.problems.append(
            Problem(
                pos=Pos(file=path, line=1, column=1),
                rule="SPEC000",
                message=f"spec is {len(raw) // 1024} KiB; specs over "
                f"{MAX_SPEC_BYTES // (1024 * 1024)} MiB are not read. Split it into several "
                "spec files of one feature.",
            )
        )
        return spec
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(
            Problem(
                pos=Pos(file=path, line=line, column=col),
                rule="SPEC000",
                message=f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the spec as UTF-8. "
                "The rest of the file was read with the byte replaced.",
            )
        )
        text = raw.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    if not text.strip():
        spec = Spec(sources=[path])
        spec.problems[:0] = problems
        spec.problems.append(
            Problem(
                pos=Pos(file=path, line=1, column=1),
                rule="SPEC049",
                message="the file is empty; write the spec from the create-tech-spec template "
                "(start with `# Tech Spec: Name` and its **Type:** and **Status:** lines).",
            )
        )
        return spec
    if suffix in {".yaml", ".yml", ".json"}:
        from .yamlform import read_yaml

        spec = read_yaml(text, path)
    else:
        from .markdown import read_markdown

        spec = read_markdown(text, path)
    spec.problems[:0] = problems
    if not spec.sources:
        spec.sources = [path]
    return spec


def load_feature(paths: list[str | Path]) -> Spec:
    """Read the spec files of one feature and merge them (IDs continue across files)."""
    from .link import link

    return link(merge_specs([load_spec(p) for p in paths]))
