"""Never crash: mutated specs go through read → link → check without an exception.

Hypothesis mutates the bundled example (``generated_example/tech-specs/workspace-invites.md``
and its YAML twin): drops, duplicates and swaps lines and sections, cuts code fences,
truncates, and injects random bytes including invalid UTF-8. Every run must end in a
list of diagnostics; a rule or link step that fails internally (``CHECK000``/``LINK000``)
counts as a crash too. The explicit tests below cover the issue's bad-input list, each
with a positioned diagnostic.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold.check import run_checks
from scaffold.read import MAX_SPEC_BYTES, read_spec_bytes
from scaffold.read.link import link

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "generated_example" / "tech-specs" / "workspace-invites.md"
EXAMPLE_YAML = EXAMPLE.with_suffix(".yaml")
BASELINE = ROOT / "generated_example" / "db" / "schema.sql"

pytestmark = pytest.mark.skipif(not EXAMPLE.exists(), reason="bundled example not written yet")


@lru_cache(maxsize=1)
def _catalog():
    from scaffold.sqlkit import Catalog

    catalog, _ = Catalog.from_sql(BASELINE.read_text(), "db/schema.sql")
    return catalog


def check_bytes(raw: bytes, suffix: str = ".md") -> list:
    """read → link → check; fails the test on an exception or an internal rule failure."""
    spec = link(read_spec_bytes(raw, "spec" + suffix, suffix))
    diags = run_checks(spec, _catalog())
    internal = [d.text() for d in diags if d.rule in ("CHECK000", "LINK000")]
    assert internal == []
    for d in diags:
        assert d.rule and d.severity in ("error", "warning", "info") and d.message
    return diags


@lru_cache(maxsize=2)
def _lines(path: Path) -> tuple[bytes, ...]:
    return tuple(path.read_bytes().splitlines(keepends=True))


def _sections(lines: tuple[bytes, ...]) -> list[tuple[int, int]]:
    starts = [i for i, ln in enumerate(lines) if ln.startswith(b"## ")] + [len(lines)]
    return list(zip(starts, starts[1:]))


# One mutation: (kind, a, b, payload). Indices are reduced modulo the current length.
MUTATION = st.tuples(
    st.sampled_from(
        [
            "drop",
            "dup",
            "swap",
            "drop_section",
            "dup_section",
            "swap_sections",
            "cut_fence",
            "inject",
            "truncate",
            "replace_line",
        ]
    ),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
    st.binary(min_size=1, max_size=12)
    | st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"```", b"|", b"\x00", b"- **T-0", b"`"]),
)


def mutate(lines: list[bytes], mutations: list[tuple[str, int, int, bytes]]) -> bytes:
    lines = list(lines)
    for kind, a, b, payload in mutations:
        if not lines:
            lines = [payload]
            continue
        i, j = a % len(lines), b % len(lines)
        secs = _sections(tuple(lines))
        if kind == "drop":
            del lines[i : i + 1 + b % 4]
        elif kind == "dup":
            lines[i:i] = lines[i : i + 1 + b % 4]
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "replace_line":
            lines[i] = payload + b"\n"
        elif kind == "truncate":
            text = b"".join(lines)
            cut = a % (len(text) + 1)
            lines = text[:cut].splitlines(keepends=True)
        elif kind == "cut_fence":
            fences = [k for k, ln in enumerate(lines) if ln.lstrip().startswith(b"```")]
            if fences:
                del lines[fences[a % len(fences)]]
        elif kind == "inject":
            ln = lines[i]
            at = b % (len(ln) + 1)
            lines[i] = ln[:at] + payload + ln[at:]
        elif secs:
            s1, e1 = secs[a % len(secs)]
            s2, e2 = secs[b % len(secs)]
            if kind == "drop_section":
                del lines[s1:e1]
            elif kind == "dup_section":
                lines[e2:e2] = lines[s1:e1]
            elif kind == "swap_sections" and (s1, e1) != (s2, e2):
                (s1, e1), (s2, e2) = sorted([(s1, e1), (s2, e2)])
                lines = lines[:s1] + lines[s2:e2] + lines[e1:s2] + lines[s1:e1] + lines[e2:]
    return b"".join(lines)


@settings(
    max_examples=2000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    window=st.tuples(st.integers(0, 12), st.integers(1, 3)),
    mutations=st.lists(MUTATION, min_size=1, max_size=4),
)
def test_mutated_sections_never_crash(window: tuple[int, int], mutations: list) -> None:
    """Small windows of the example (the header plus 1–3 sections), mutated: fast, many."""
    lines = _lines(EXAMPLE)
    secs = _sections(lines)
    first = window[0] % len(secs)
    chosen = secs[first : first + window[1]]
    head = list(lines[: secs[0][0]])
    body = [ln for s, e in chosen for ln in lines[s:e]]
    check_bytes(mutate(head + body, mutations))


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=6))
def test_mutated_example_never_crashes(mutations: list) -> None:
    check_bytes(mutate(list(_lines(EXAMPLE)), mutations))


@pytest.mark.skipif(not EXAMPLE_YAML.exists(), reason="YAML twin not written yet")
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_yaml_never_crashes(mutations: list) -> None:
    check_bytes(mutate(list(_lines(EXAMPLE_YAML)), mutations), ".yaml")


# --------------------------------------------------------------------------- explicit bad input


def _positioned(diags: list, rule_prefix: str = "") -> list:
    return [d for d in diags if d.line > 0 and d.rule.startswith(rule_prefix)]


def test_example_checks_without_errors() -> None:
    assert [d.text() for d in check_bytes(EXAMPLE.read_bytes()) if d.severity == "error"] == []


def test_truncated_fence() -> None:
    text = EXAMPLE.read_text()
    cut = text.index("```sql")
    diags = check_bytes((text[: cut + 200]).encode())
    assert _positioned(diags)


def test_table_with_missing_cells() -> None:
    text = EXAMPLE.read_text()
    text = re.sub(r"^\| (ErrInviteExists) \| 409 \|.*$", r"| \1 | 409 |", text, count=1, flags=re.M)
    diags = check_bytes(text.encode())
    assert _positioned(diags)


def test_non_utf8_bytes() -> None:
    raw = EXAMPLE.read_bytes().replace(b"Workspace Invites", b"Workspace \xff\xfe Invites", 1)
    diags = check_bytes(raw)
    [bad] = [d for d in diags if d.rule == "SPEC000"]
    assert bad.line == 1 and bad.severity == "error"


def test_ten_megabyte_file() -> None:
    raw = EXAMPLE.read_bytes()
    big = raw * (10 * 1024 * 1024 // len(raw) + 1)
    assert len(big) > MAX_SPEC_BYTES
    diags = check_bytes(big)
    assert [d.rule for d in diags if d.severity == "error"][:1] == ["SPEC000"]


def test_yaml_with_wrong_types() -> None:
    raw = b"title: [1, 2]\ntype: 7\ntasks:\n  T-001: {implements: 5, files: nope}\n"
    diags = check_bytes(raw, ".yaml")
    assert _positioned(diags, "YAML")


def test_go_block_that_does_not_parse() -> None:
    text = EXAMPLE.read_text().replace(
        "type CreateInviteRequest struct {", "type CreateInviteRequest struct {{ oops", 1
    )
    diags = check_bytes(text.encode())
    assert _positioned(diags)


def test_empty_and_garbage_input() -> None:
    for raw in (b"", b"\n\n", b"```", b"| a |\n|", b"\xff" * 100, b"# \n## 6.\n- **T-"):
        check_bytes(raw)
        check_bytes(raw, ".yaml")
