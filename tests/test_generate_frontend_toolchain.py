"""The generated frontend on the real toolchain: `tsc --noEmit` (strict) and `vitest run`.

For the bundled example and the fixture specs, generate into a fresh directory and run the
TypeScript compiler and Vitest on its web project, with the real shadcn primitives (no
mocks of ``@/components/ui/*``). ``generated_example/web`` is checked as committed: its
lockfile names no registry host, ``npm ci`` installs it, tsc and Vitest pass.

Installs are cached by content hash (see ``tests/wire/node.py``): the first run on a
machine installs (~15 s per distinct package.json), later runs only link.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from toolchain import in_ci, require_tool
from wire.node import apply_printed_npm, bin_path, link_node_modules, node_modules_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "generated_example"

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

CASES = {
    "example": (EXAMPLE / "tech-specs", None),
    "hostile": (ROOT / "tests/fixtures/specs/hostile/tech-specs", None),
    "session-audit": (
        ROOT / "tests/fixtures/specs/session-audit/tech-specs",
        ROOT / "tests/fixtures/specs/session-audit/repo",
    ),
}


def _generate(spec_dir: Path, repo: Path | None, out: Path) -> Path:
    from scaffold.generate import generate

    if repo is not None:
        shutil.copytree(repo, out)
    specs = sorted(p for p in spec_dir.glob("*.md"))
    assert specs, f"no spec in {spec_dir}"
    result = generate(specs, out)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert result.exit_code == 0 and not errors, "\n".join(
        f"{d.path}:{d.line}: {d.rule} {d.message}" for d in result.diagnostics
    )
    web = out / "web"
    assert (web / "package.json").is_file() or (out / "package.json").is_file()
    return web if web.is_dir() else out


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        pytest.fail(
            f"`{' '.join(cmd)}` exited {proc.returncode} in {cwd}\n"
            f"--- stdout\n{proc.stdout[-8000:]}\n--- stderr\n{proc.stderr[-8000:]}"
        )
    return proc


def _vitest_counts(stdout: str) -> dict:
    report = json.loads(stdout[stdout.index("{") :])
    return {
        "passed": report["numPassedTests"],
        "failed": report["numFailedTests"],
        "skipped": report["numPendingTests"] + report.get("numTodoTests", 0),
        "files": report["numTotalTestSuites"],
    }


@pytest.fixture(scope="module")
def npm() -> str:
    require_tool("node")
    return require_tool("npm")


@pytest.mark.parametrize("case", sorted(CASES))
def test_generated_web_typechecks_and_tests_pass(case: str, npm: str, tmp_path: Path) -> None:
    spec_dir, repo = CASES[case]
    if not spec_dir.is_dir():
        if in_ci():
            pytest.fail(f"{spec_dir} is missing")
        pytest.skip(f"{spec_dir} is missing")
    web = _generate(spec_dir, repo, tmp_path / "out")
    assert not (web / "package-lock.json").exists(), "generate must not write a lockfile"
    link_node_modules(npm, web)
    _run([bin_path(web, "tsc"), "--noEmit", "-p", "."], web)
    proc = _run([bin_path(web, "vitest"), "run", "--reporter=json"], web)
    counts = _vitest_counts(proc.stdout)
    assert counts["failed"] == 0 and counts["passed"] > 0, counts


def test_generated_example_web_from_its_lockfile(npm: str, tmp_path: Path) -> None:
    """generated_example/web as committed: `npm ci`, tsc, vitest; the lockfile names no host."""
    web_src = EXAMPLE / "web"
    if not (web_src / "package-lock.json").is_file():
        if in_ci():
            pytest.fail("generated_example/web/package-lock.json is missing")
        pytest.skip("generated_example/web has no lockfile yet")
    lock = (web_src / "package-lock.json").read_text(encoding="utf-8")
    assert '"resolved"' not in lock and "registry" not in lock, "the lockfile names a registry"
    npmrc = (web_src / ".npmrc").read_text(encoding="utf-8")
    assert "omit-lockfile-registry-resolved=true" in npmrc
    web = tmp_path / "web"
    shutil.copytree(web_src, web, ignore=shutil.ignore_patterns("node_modules"))
    link_node_modules(npm, web)  # `npm ci` from package.json + package-lock.json
    _run([bin_path(web, "tsc"), "--noEmit", "-p", "."], web)
    proc = _run([bin_path(web, "vitest"), "run", "--reporter=json"], web)
    counts = _vitest_counts(proc.stdout)
    assert counts["failed"] == 0 and counts["passed"] > 0, counts


@pytest.mark.parametrize("radix", ["@radix-ui", "radix-ui"])
def test_generated_web_on_either_radix_package(radix: str, npm: str, tmp_path: Path) -> None:
    """The example with each ``radix`` setting: primitives on @radix-ui/react-* or radix-ui."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "scaffold.toml").write_text(f'radix = "{radix}"\n', encoding="utf-8")
    web = _generate(EXAMPLE / "tech-specs", None, out)
    deps = json.loads((web / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert ("radix-ui" in deps) is (radix == "radix-ui")
    link_node_modules(npm, web)
    _run([bin_path(web, "tsc"), "--noEmit", "-p", "."], web)
    proc = _run([bin_path(web, "vitest"), "run", "--reporter=json"], web)
    counts = _vitest_counts(proc.stdout)
    assert counts["failed"] == 0 and counts["skipped"] == 0 and counts["passed"] > 0, counts


def test_existing_web_without_vitest_passes_after_the_printed_commands(
    npm: str, tmp_path: Path
) -> None:
    """A Vite + React + TypeScript project on ``radix-ui`` with no test runner: after the
    printed install and script commands, the generated frontend type-checks and its tests pass."""
    from scaffold.generate import generate
    from scaffold.generate.views.web import npm_pins

    pins = npm_pins()
    web = tmp_path / "web"
    web.mkdir()
    (tmp_path / "scaffold.toml").write_text('radix = "radix-ui"\n', encoding="utf-8")
    package = {
        "name": "existing",
        "private": True,
        "type": "module",
        "scripts": {"dev": "vite", "build": "tsc --noEmit && vite build"},
        "dependencies": {k: pins[k] for k in ("react", "react-dom")},
        "devDependencies": {
            k: pins[k] for k in ("@types/react", "@types/react-dom", "typescript", "vite")
        },
    }
    (web / "package.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    tsconfig = (EXAMPLE / "web" / "tsconfig.json").read_text(encoding="utf-8")
    (web / "tsconfig.json").write_text(tsconfig, encoding="utf-8")
    result = generate(sorted((EXAMPLE / "tech-specs").glob("*.md")), tmp_path)
    assert result.exit_code == 0, [d.text() for d in result.diagnostics]
    assert "web/package.json" not in {f.path for f in result.files}
    for ins in result.instructions:
        if ins.kind == "npm-install":
            apply_printed_npm(ins.command, package)
    assert package["scripts"]["test"] == "vitest run"
    data = (json.dumps(package, indent=2) + "\n").encode()
    (web / "package.json").write_bytes(data)
    (web / "node_modules").symlink_to(node_modules_for(npm, data), target_is_directory=True)
    _run([bin_path(web, "tsc"), "--noEmit", "-p", "."], web)
    proc = _run([bin_path(web, "vitest"), "run", "--reporter=json"], web)
    counts = _vitest_counts(proc.stdout)
    assert counts["failed"] == 0 and counts["skipped"] == 0 and counts["passed"] > 0, counts
