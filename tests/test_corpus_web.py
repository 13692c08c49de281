"""The corpus invariant for the frontend: every corpus spec's generated web project passes
``tsc --noEmit`` (strict) and ``vitest run`` with no hand edit (issue 12).

One case per ``corpus.cases()`` (the shared specs and our own keyed ones). Each case is
generated into the stand-in repository ``corpus.write_repo`` writes (the key's layout, so
the web project lands in the key's ``frontend_root``), with the TypeScript and web families
only: the Go and SQL families have their own corpus tests, and a Go refusal must not hide the
state of the frontend. The install is shared: every case whose package.json is the same links
one cached ``node_modules`` (``tests/wire/node.py``).

Under CI (``CI=true``) a missing node/npm is a failure; locally the cases skip with a reason.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from corpus import Case, cases, write_repo
from toolchain import require_tool
from wire.node import bin_path, link_node_modules

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

WEB_FAMILIES = ("project", "ts", "web")
CASES = {c.name: c for c in cases()}


def test_cases_cover_the_shared_corpus() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "specs"
    if not shared.is_dir():
        pytest.skip(f"{shared} is missing")
    names = {p.name for c in CASES.values() for p in c.files}
    missing = sorted(
        p.name for p in shared.glob("*.md") if p.name != "README.md" and p.name not in names
    )
    assert not missing, f"corpus specs no web case runs: {missing}"


@pytest.fixture(scope="module")
def npm() -> str:
    require_tool("node")
    return require_tool("npm")


def _generate(case: Case, repo: Path) -> Path:
    from scaffold.generate import generate

    write_repo(case, repo)
    result = generate(case.files, repo, families=WEB_FAMILIES)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert result.exit_code == 0 and not errors, "\n".join(d.text() for d in result.diagnostics)
    root = case.layout.get("frontend_root") or "web"
    web = repo / root
    assert (web / "package.json").is_file(), f"no web project in the key's frontend_root {root!r}"
    return web


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        pytest.fail(
            f"`{' '.join(cmd)}` exited {proc.returncode} in {cwd}\n"
            f"--- stdout\n{proc.stdout[-8000:]}\n--- stderr\n{proc.stderr[-8000:]}"
        )
    return proc


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_web_typechecks_and_tests_pass(name: str, npm: str, tmp_path: Path) -> None:
    web = _generate(CASES[name], tmp_path / "repo")
    link_node_modules(npm, web)
    _run([bin_path(web, "tsc"), "--noEmit", "-p", "."], web)
    proc = _run([bin_path(web, "vitest"), "run", "--reporter=json"], web)
    report = json.loads(proc.stdout[proc.stdout.index("{") :])
    assert report["numFailedTests"] == 0 and report["numPassedTests"] > 0, {
        "passed": report["numPassedTests"],
        "failed": report["numFailedTests"],
    }
