"""npm installs for tests, done once and reused: a cache of ``node_modules`` by content hash.

Installing the generated web projects' packages takes ~15 s; tsc and Vitest then run in
~1 s and ~5 s. So tests never install into the project they check. They call
:func:`node_modules_for` with the project's ``package.json`` (and lockfile, when it has
one); it returns a ``node_modules`` installed from exactly those bytes, under
``$SCAFFOLD_NODE_CACHE`` (default ``<repo>/.cache/node``, ignored by git) in a directory
named by their SHA-256, running ``npm ci`` (with a lockfile) or ``npm install`` only the
first time that hash is seen, on this machine or in a CI cache restored between runs.
:func:`link_node_modules` then symlinks it into the project (the test's own copy).

Vite and Vitest resolve symlinked ``node_modules`` to their real path, and every package
they load lives inside the cache entry, so one install serves any number of projects with
the same ``package.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NPMRC = "omit-lockfile-registry-resolved=true\nfund=false\naudit=false\nupdate-notifier=false\n"


def cache_root() -> Path:
    return Path(os.environ.get("SCAFFOLD_NODE_CACHE", ROOT / ".cache" / "node"))


def _key(package_json: bytes, lockfile: bytes | None) -> str:
    h = hashlib.sha256()
    h.update(package_json)
    h.update(b"\0")
    h.update(lockfile or b"")
    return h.hexdigest()[:24]


def node_modules_for(npm: str, package_json: bytes, lockfile: bytes | None = None) -> Path:
    """A ``node_modules`` installed from these bytes (installed now if not cached)."""
    key = _key(package_json, lockfile)
    entry = cache_root() / key
    done = entry / ".installed"
    if done.is_file():
        return entry / "node_modules"
    tmp = entry.with_name(f"{key}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    (tmp / "package.json").write_bytes(package_json)
    (tmp / ".npmrc").write_text(NPMRC, encoding="utf-8")
    if lockfile is not None:
        (tmp / "package-lock.json").write_bytes(lockfile)
        cmd = [npm, "ci", "--no-audit", "--no-fund"]
    else:
        cmd = [npm, "install", "--no-audit", "--no-fund"]
    proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.fail(
            f"`{' '.join(cmd)}` failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n"
            f"{proc.stderr[-4000:]}"
        )
    (tmp / ".installed").write_text(json.dumps({"cmd": cmd}), encoding="utf-8")
    if entry.exists():  # another process won the race
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        tmp.rename(entry)
    return entry / "node_modules"


def link_node_modules(npm: str, project: Path) -> Path:
    """Symlink the cached install for ``project``'s package.json (and lockfile) into it."""
    lock = project / "package-lock.json"
    modules = node_modules_for(
        npm,
        (project / "package.json").read_bytes(),
        lock.read_bytes() if lock.is_file() else None,
    )
    target = project / "node_modules"
    if target.is_symlink() or target.exists():
        if target.is_symlink() and target.resolve() == modules.resolve():
            return target
        if target.is_symlink():
            target.unlink()
        else:
            shutil.rmtree(target)
    target.symlink_to(modules, target_is_directory=True)
    return target


def bin_path(project: Path, name: str) -> str:
    """``node_modules/.bin/<name>`` of a project (after :func:`link_node_modules`)."""
    return str(project / "node_modules" / ".bin" / name)


def apply_printed_npm(command: str, package: dict) -> None:
    """Apply one printed ``npm install`` / ``npm pkg set`` line to a package.json dict as
    npm would (``cd DIR && …`` prefixes are dropped); the install itself comes from the
    cache (:func:`node_modules_for`), never into the project."""
    import shlex

    words = shlex.split(command.split("&&")[-1].strip())
    if words[:2] == ["npm", "install"]:
        dev = "--save-dev" in words or "-D" in words
        section = package.setdefault("devDependencies" if dev else "dependencies", {})
        args = iter(words[2:])
        for word in args:
            if word == "--prefix":
                next(args, None)
            elif not word.startswith("-"):
                at = word.rfind("@")
                section[word[:at]] = word[at + 1 :]
        return
    if words[:3] == ["npm", "pkg", "set"]:
        args = iter(words[3:])
        for word in args:
            if word == "--prefix":
                next(args, None)
            elif "=" in word:
                dotted, _, value = word.partition("=")
                table = package
                *parents, last = dotted.split(".")
                for part in parents:
                    table = table.setdefault(part, {})
                table[last] = value
        return
    raise ValueError(f"not an npm command this helper applies: {command}")
