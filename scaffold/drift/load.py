"""Extraction of many files: content-hash cache, worker processes, progress.

A warm run re-reads only files that changed. The cache is one *pack* per language
and set of input roots, under ``$XDG_CACHE_HOME/scaffold/drift`` (else
``~/.cache/scaffold/drift``; ``cache_dir`` overrides): records keyed by the BLAKE2b
hash of the file's bytes, plus each path's last (mtime, size, hash) so an untouched
file is not even read. A file whose stat changed is read and hashed: same content,
same record. A pack keeps only the entries of its last run, so it does not grow.
Packs are tagged with the extractor and grammar versions, so an upgrade never reads
stale records. A pack is two ``marshal`` files, the stats and the records, tied by a
token: when no file changed, the records are read only if they are asked for
(:meth:`Loaded.materialize`), and a run whose result is cached never asks.

Files to read are spread over ``jobs`` worker processes (default: the CPU count)
when there is enough work (:data:`PARALLEL_MIN_FILES` files or
:data:`PARALLEL_MIN_BYTES` bytes): Go and TypeScript in one pool, largest files first,
in batches of about equal size (:func:`plan_batches`). Workers read, hash and
extract, and skip files whose hash a pack already holds.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .records import EXTRACT_VERSION, go_record, ts_record

PARALLEL_MIN_FILES = 256
PARALLEL_MIN_BYTES = 2 * 1024 * 1024  # below both, worker start-up costs more than it saves

Progress = Callable[[int, int], None]


@dataclass
class Loaded:
    records: dict[Path, tuple] = field(default_factory=dict)  # path -> plain record
    unreadable: dict[Path, str] = field(default_factory=dict)  # path -> reason
    read: int = 0  # files read and extracted this run (not from the cache)
    lines: int = 0  # lines of the files read this run
    digests: dict[str, str] = field(default_factory=dict)  # path -> content hash
    # Records not read yet (nothing changed): (records file, token, [(path, hash)], language).
    pending: tuple | None = None

    def materialize(self) -> None:
        """Read the records a warm run left pending, in the caller's order."""
        if self.pending is None:
            return
        recs_file, token, wanted, language = self.pending
        self.pending = None
        recs = _read_recs(recs_file, token)
        for path, digest in wanted:
            rec = recs.get(digest)
            if rec is None:  # the records file changed under us: read the file again
                try:
                    rec = extract_bytes(path.read_bytes(), str(path), language)
                except Exception as exc:  # noqa: BLE001 - as _work: never crash on one file
                    self.unreadable[path] = f"cannot be read: {exc}"
                    continue
            self.records[path] = rec


@dataclass
class Group:
    """The files of one language, and the roots they were found under (the pack's key)."""

    files: list[Path]
    language: str  # "go" | "ts"
    roots: list[Path] = field(default_factory=list)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scaffold" / "drift"


_VERSIONS: list[str] = []


def _versions() -> str:
    """Extractor and grammar versions: a record made by other versions is never read."""
    if not _VERSIONS:
        parts = [str(EXTRACT_VERSION)]
        for dist in ("tree-sitter", "tree-sitter-go", "tree-sitter-typescript"):
            try:
                parts.append(metadata.version(dist))
            except metadata.PackageNotFoundError:
                parts.append("-")
        _VERSIONS.append("/".join(parts))
    return _VERSIONS[0]


def _pack_path(cache_dir: Path, language: str, roots: list[Path]) -> Path:
    """The pack's stats file; its records file has the suffix ``.recs``."""
    key = "\0".join([_versions(), language, *sorted(str(r) for r in roots)])
    digest = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
    return cache_dir / f"{language}-{digest}.stat"


def _recs_path(pack: Path) -> Path:
    return pack.with_suffix(".recs")


def _read_stat(path: Path) -> tuple[dict, str]:
    """(path -> (mtime_ns, size, hash), token of the matching records); empty when unreadable."""
    try:
        with open(path, "rb") as f:
            version, token, stat = marshal.loads(f.read())
        if version == _versions() and isinstance(stat, dict):
            return stat, token
    except Exception:  # a missing, truncated or foreign file is an empty cache
        pass
    return {}, ""


def _read_recs(path: Path, token: str) -> dict:
    """hash -> plain record, when the records file is the one of stats ``token``."""
    if not token:
        return {}
    try:
        with open(path, "rb") as f:
            version, got, recs = marshal.loads(f.read())
        if version == _versions() and got == token and isinstance(recs, dict):
            return recs
    except Exception:
        pass
    return {}


def _write_pack(path: Path, stat: dict, recs: dict) -> None:
    """Records first, then the stats that name them: a reader never pairs mismatched halves."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        token = os.urandom(8).hex()
        for target, body in ((_recs_path(path), recs), (path, stat)):
            tmp = target.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as f:
                f.write(marshal.dumps((_versions(), token, body)))
            os.replace(tmp, target)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time


def extract_bytes(data: bytes, path: str, language: str) -> tuple:
    """The plain record of one file's bytes."""
    from .extract import extract_go, extract_ts

    if language == "go":
        return extract_go(data)
    return extract_ts(data, tsx=path.endswith(".tsx"))


def plan_batches(items: list[tuple[str, str, int]], jobs: int) -> list[list[tuple[str, str]]]:
    """(path, language, size) items → batches for ``jobs`` workers: largest first, even sizes.

    The bench parses the same batches for its floor, so both sides are scheduled alike.
    """
    items = sorted(items, key=lambda i: (-i[2], i[0]))
    total = sum(i[2] for i in items)
    target = max(total // (jobs * 8), 1)
    batches: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    size = 0
    for path, language, n in items:
        cur.append((path, language))
        size += n
        if size >= target or len(cur) >= 64:
            batches.append(cur)
            cur, size = [], 0
    if cur:
        batches.append(cur)
    return batches


# Set in the parent before the pool forks: hashes the packs already hold.
_KNOWN: frozenset[str] = frozenset()


def _work(batch: list[tuple[str, str]]) -> list[tuple]:
    """Worker: stat, read, hash, extract → (path, hash, record or None, lines, error, stat)."""
    out = []
    for p, language in batch:
        try:
            st = os.stat(p)  # before reading: a later change shows as a newer mtime
            with open(p, "rb") as f:
                data = f.read()
        except OSError as exc:
            out.append((p, "", None, 0, exc.strerror or str(exc), None))
            continue
        stat = (st.st_mtime_ns, st.st_size)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if digest in _KNOWN:
            out.append((p, digest, None, 0, "", stat))
            continue
        try:
            rec = extract_bytes(data, p, language)
        except Exception as exc:  # never crash on one bad file
            out.append((p, digest, None, 0, f"cannot be read: {exc}", stat))
            continue
        out.append((p, digest, rec, data.count(b"\n"), "", stat))
    return out


def load_groups(
    groups: list[Group],
    *,
    jobs: int | None = None,
    cache: bool = True,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[Loaded]:
    """Extract every file of every group (from the cache where unchanged), one pool for all."""
    global _KNOWN
    cache_dir = cache_dir or default_cache_dir()
    outs = [Loaded() for _ in groups]
    packs, old, new_stat, new_recs = [], [], [], []
    todo: list[tuple[str, str, int]] = []
    owner: dict[str, int] = {}  # path -> group index
    total = sum(len(g.files) for g in groups)
    done = 0
    tokens: list[str] = []
    for gi, g in enumerate(groups):
        pack = _pack_path(cache_dir, g.language, g.roots or g.files)
        stat, token = _read_stat(pack) if cache else ({}, "")
        packs.append(pack)
        tokens.append(token)
        old.append((stat, None))
        new_stat.append({})
        out = outs[gi]
        for path in g.files:
            key = str(path)
            try:
                st = os.stat(key)
            except OSError as exc:
                out.unreadable[path] = exc.strerror or str(exc)
                continue
            seen = stat.get(key)
            if seen is not None and seen[0] == st.st_mtime_ns and seen[1] == st.st_size:
                new_stat[gi][key] = seen
                continue
            todo.append((key, g.language, st.st_size))
            owner[key] = gi

    if not todo and all(new_stat[gi] == old[gi][0] for gi in range(len(groups))):
        # Nothing changed: the records are read only if asked for (Loaded.materialize).
        for gi, g in enumerate(groups):
            out = outs[gi]
            out.digests = {k: v[2] for k, v in new_stat[gi].items()}
            wanted = [(p, out.digests[str(p)]) for p in g.files if str(p) in out.digests]
            out.pending = (_recs_path(packs[gi]), tokens[gi], wanted, g.language)
        if progress:
            progress(total, total)
        return outs

    for gi, g in enumerate(groups):
        recs = _read_recs(_recs_path(packs[gi]), tokens[gi])
        old[gi] = (old[gi][0], recs)
        new_recs.append({})
        out = outs[gi]
        for path in g.files:
            key = str(path)
            seen = new_stat[gi].get(key)
            if seen is None:
                continue
            rec = recs.get(seen[2])
            if rec is not None:
                out.records[path] = rec
                new_recs[gi][seen[2]] = rec
                done += 1
            else:  # stat unchanged, record lost: read it again
                del new_stat[gi][key]
                todo.append((key, g.language, seen[1]))
                owner[key] = gi
    if progress:
        progress(done, total)

    known = frozenset(h for _stat, recs in old for h in recs)
    jobs = max(1, jobs or os.cpu_count() or 1)
    batches = plan_batches(todo, jobs)
    big = len(todo) >= PARALLEL_MIN_FILES or sum(i[2] for i in todo) >= PARALLEL_MIN_BYTES
    results: list[tuple] = []
    _KNOWN = known
    try:
        if jobs > 1 and big and len(batches) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            from . import extract  # noqa: F401 - imported once here, not in every worker

            ctx = multiprocessing.get_context("fork") if sys.platform == "linux" else None
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                futures = [pool.submit(_work, b) for b in batches]
                for fut in as_completed(futures):
                    batch = fut.result()
                    results.extend(batch)
                    done += len(batch)
                    if progress:
                        progress(done, total)
        else:
            for b in batches:
                batch = _work(b)
                results.extend(batch)
                done += len(batch)
                if progress:
                    progress(done, total)
    finally:
        _KNOWN = frozenset()

    for key, digest, rec, lines, error, stat in results:
        gi = owner[key]
        out = outs[gi]
        path = Path(key)
        if error:
            out.unreadable[path] = error
            continue
        if rec is None:
            rec = next((r[digest] for _s, r in old if digest in r), None)
            if rec is None:  # pragma: no cover - only if a pack changed under us
                rec = extract_bytes(path.read_bytes(), key, groups[gi].language)
        else:
            out.read += 1
            out.lines += lines
        out.records[path] = rec
        new_stat[gi][key] = (stat[0], stat[1], digest)
        new_recs[gi][digest] = rec

    for gi, g in enumerate(groups):
        out = outs[gi]
        if cache and (out.read or new_stat[gi] != old[gi][0]):
            _write_pack(packs[gi], new_stat[gi], new_recs[gi])
        out.digests = {k: v[2] for k, v in new_stat[gi].items()}
        out.records = {p: out.records[p] for p in g.files if p in out.records}  # caller's order
    return outs


def named_records(loaded: Loaded, language: str) -> dict[Path, object]:
    """The records of ``loaded`` with their field names (:mod:`.records`)."""
    loaded.materialize()
    named = go_record if language == "go" else ts_record
    return {p: named(r) for p, r in loaded.records.items()}


def load_files(
    files: list[Path],
    language: str,
    *,
    roots: list[Path] | None = None,
    jobs: int | None = None,
    cache: bool = True,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """:func:`load_groups` for one language, records with their field names."""
    loaded = load_groups(
        [Group(files, language, roots or [])],
        jobs=jobs,
        cache=cache,
        cache_dir=cache_dir,
        progress=progress,
    )[0]
    loaded.records = named_records(loaded, language)
    return loaded
