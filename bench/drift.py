"""Benchmark ``scaffold drift`` on a large real corpus fetched through the package registries.

Corpus (downloaded at bench time into a cache dir, nothing committed):

- Go (``go mod download -json``): ``github.com/google/go-github/v66``, ``k8s.io/api``
  and ``k8s.io/apimachinery``: thousands of API structs with json tags.
- TypeScript (``npm pack``): ``@octokit/webhooks-types`` (GitHub's payloads, the types
  go-github declares) and ``kubernetes-types`` (the k8s API objects), so drift really
  pairs and compares them; plus ``@octokit/openapi-types``, ``typescript`` (its
  ``lib.*.d.ts``) and ``@types/node``.

Measured as a user feels it (DESIGN §13, §15): whole processes from a fresh
interpreter, each run next to its floor in the same run, best of ``--repeat``:

- **bare**: read and parse the same files with the same tree-sitter grammars on the
  same number of processes, nothing else;
- **cold**: ``scaffold drift`` with an empty cache;
- **warm**: ``scaffold drift`` again, nothing changed;
- **warm, 1 file changed**: one Go file touched with new content.

Targets: cold ≤ 1.3× bare (CPU); warm ≤ 10% of cold. Wall and CPU are both printed.
``--synthetic`` (or a corpus that cannot be fetched) uses a generated tree of about
2 × 10^5 lines instead (:func:`synthesize`).

    .venv/bin/python bench/drift.py [--jobs N] [--repeat 3] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GO_MODULES = (
    "github.com/google/go-github/v66@v66.0.0",
    "k8s.io/api@v0.31.0",
    "k8s.io/apimachinery@v0.31.0",
)
NPM_PACKAGES = (
    "@octokit/webhooks-types@7.6.1",
    "kubernetes-types@1.30.0",
    "@octokit/openapi-types@29.0.1",
    "typescript@5.9.3",
    "@types/node@26.6.6",
)

BARE = r"""
import os, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PARSERS = {}

def get_parser(grammar):
    parser = PARSERS.get(grammar)
    if parser is None:
        from tree_sitter import Language, Parser
        if grammar == "go":
            import tree_sitter_go as g
            lang = g.language()
        else:
            import tree_sitter_typescript as t
            lang = t.language_tsx() if grammar == "tsx" else t.language_typescript()
        parser = PARSERS[grammar] = Parser(Language(lang))
    return parser

def parse(batch):
    n = 0
    for path in batch:
        grammar = "go" if path.endswith(".go") else ("tsx" if path.endswith(".tsx") else "typescript")
        get_parser(grammar).parse(Path(path).read_bytes())
        n += 1
    return n

import json
batches = json.loads(Path(sys.argv[1]).read_text())
files = [p for b in batches for p in b]
jobs = int(sys.argv[2])
if jobs > 1:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        total = sum(pool.map(parse, batches))
else:
    total = sum(map(parse, batches))
assert total == len(files)
"""

DRIFT = r"""
import sys
from pathlib import Path
from scaffold.drift import DriftOptions, drift_command
go, ts, cache, jobs, out = sys.argv[1:6]
opts = DriftOptions(go=go.split(","), ts=ts.split(","), jobs=int(jobs), cache_dir=Path(cache),
                    config_start=Path(cache))
with open(out, "w") as f:
    code = drift_command(opts, f, sys.stderr)
sys.exit(0 if code in (0, 1) else code)
"""


def fetch(corpus: Path) -> tuple[list[Path], list[Path]]:
    """Download the corpus (idempotent): Go module dirs and npm package dirs."""
    corpus.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "GOFLAGS": "-mod=mod"}
    go_dirs = []
    for module in GO_MODULES:
        # A writable copy: the bench edits a file, and the module cache is read-only.
        go_dir = corpus / "go" / module.replace("/", "_").replace("@", "_")
        if not go_dir.exists():
            info = subprocess.run(
                ["go", "mod", "download", "-json", module],
                capture_output=True,
                text=True,
                check=True,
                cwd=corpus,
                env=env,
            )
            shutil.copytree(Path(json.loads(info.stdout)["Dir"]), go_dir)
            for d, _dirs, names in os.walk(go_dir):
                os.chmod(d, 0o755)
                for n in names:
                    os.chmod(os.path.join(d, n), 0o644)
        go_dirs.append(go_dir)
    ts_dirs = []
    for spec in NPM_PACKAGES:
        name = spec.rsplit("@", 1)[0].replace("@", "").replace("/", "-")
        target = corpus / "npm" / name
        if not target.exists():
            tmp = corpus / "npm-tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            subprocess.run(
                ["npm", "pack", spec, "--silent", "--pack-destination", str(tmp)],
                check=True,
                capture_output=True,
            )
            tgz = next(tmp.glob("*.tgz"))
            with tarfile.open(tgz) as tar:
                tar.extractall(tmp / "x", filter="data")
            target.parent.mkdir(parents=True, exist_ok=True)
            (top,) = list((tmp / "x").iterdir())  # "package", or the name (@types/*)
            shutil.move(str(top), target)
            shutil.rmtree(tmp, ignore_errors=True)
        ts_dirs.append(target)
    return go_dirs, ts_dirs


def synthesize(root: Path, packages: int = 60, structs: int = 40) -> tuple[list[Path], list[Path]]:
    """A generated Go + TS tree (nothing committed): ``packages`` × ``structs`` API types.

    Per package: ``types.go`` (json-tagged structs with pointers, slices, maps, nested
    structs, a string enum, aliases and a generic page), ``handlers.go`` (decode a request,
    encode a response through a helper), ``zz_generated.deepcopy.go`` (bulk Go without
    API types, as generated code has) and the TS mirror ``types.ts``, with a drift every
    seventh struct so the comparison does real work. About 2 × 10^5 lines by default.
    """
    go_root, ts_root = root / "go", root / "ts"
    if (root / "done").exists():
        return [go_root], [ts_root]
    shutil.rmtree(root, ignore_errors=True)
    for p in range(packages):
        pkg = f"svc{p:03d}"
        go_dir, ts_dir = go_root / pkg, ts_root / pkg
        go_dir.mkdir(parents=True)
        ts_dir.mkdir(parents=True)
        go = [f"package {pkg}\n", "type Status string\n", "const ("]
        go += [f'\tStatus{v.title()} Status = "{v}"' for v in ("active", "paused", "gone")]
        go += [")\n", "type Page[T any] struct {", '\tItems []T `json:"items"`']
        go += ['\tNext  *string `json:"next,omitempty"`', "}\n"]
        ts = ['export type Status = "active" | "paused" | "gone";\n']
        ts += ["export interface Page<T> {", "  items: T[] | null;", "  next?: string;", "}\n"]
        handlers = [f"package {pkg}\n", 'import (\n\t"encoding/json"\n\t"net/http"\n)\n']
        handlers += ["func writeJSON(w http.ResponseWriter, status int, v any) {"]
        handlers += ["\tw.WriteHeader(status)", "\t_ = json.NewEncoder(w).Encode(v)", "}\n"]
        deep = [f"package {pkg}\n"]
        for i in range(structs):
            name = f"Item{i:02d}"
            go += [f"// {name} is a generated API type.", f"type {name} struct {{"]
            go += [
                '\tID        string            `json:"id"`',
                '\tName      *string           `json:"name"`',
                '\tCount     int64             `json:"count,omitempty"`',
                '\tTags      []string          `json:"tags"`',
                '\tLabels    map[string]string `json:"labels,omitempty"`',
                '\tStatus    Status            `json:"status"`',
                f'\tParent    *{name}Ref          `json:"parent,omitempty"`',
                '\tCreatedAt string            `json:"created_at"`',
                "}\n",
                f"type {name}Ref struct {{",
                '\tID   string `json:"id"`',
                '\tKind string `json:"kind"`',
                "}\n",
                f"type {name}Request struct {{",
                '\tName  *string `json:"name"`',
                '\tCount int64   `json:"count" validate:"required"`',
                "}\n",
                f"type {name}Alias = {name}\n",
            ]
            drift = i % 7 == 3
            ts += [f"export interface {name} {{", "  id: string;", "  name: string | null;"]
            ts += ["  count?: number;", "  tags: string[] | null;"]
            ts += ["  labels?: Record<string, string>;", "  status: Status;"]
            ts += [f"  parent?: {name}Ref;", "  created_at: " + ("number" if drift else "string")]
            ts += ["}\n", f"export interface {name}Ref {{", "  id: string;", "  kind: string;"]
            ts += ["}\n", f"export interface {name}Request {{", "  name?: string;"]
            ts += ["  count: number;", "}\n", f"export type {name}Alias = {name};\n"]
            handlers += [
                f"func Create{name}(w http.ResponseWriter, r *http.Request) {{",
                f"\tvar req {name}Request",
                "\tif err := json.NewDecoder(r.Body).Decode(&req); err != nil {",
                "\t\thttp.Error(w, err.Error(), http.StatusBadRequest)",
                "\t\treturn",
                "\t}",
                f'\tout := {name}{{ID: "1", Name: req.Name}}',
                "\twriteJSON(w, http.StatusCreated, out)",
                "}\n",
                f"func List{name}(w http.ResponseWriter, r *http.Request) {{",
                f"\tpage := Page[{name}]{{}}",
                "\twriteJSON(w, http.StatusOK, page)",
                "}\n",
            ]
            for t in (name, f"{name}Ref", f"{name}Request"):
                deep += [
                    f"func (in *{t}) DeepCopyInto(out *{t}) {{",
                    "\t*out = *in",
                    "\tif in.Tags != nil {",
                    "\t\tin, out := &in.Tags, &out.Tags",
                    "\t\t*out = make([]string, len(*in))",
                    "\t\tcopy(*out, *in)",
                    "\t}",
                    "}\n",
                    f"func (in *{t}) DeepCopy() *{t} {{",
                    "\tif in == nil {",
                    "\t\treturn nil",
                    "\t}",
                    f"\tout := new({t})",
                    "\tin.DeepCopyInto(out)",
                    "\treturn out",
                    "}\n",
                ]
        (go_dir / "types.go").write_text("\n".join(go) + "\n")
        (go_dir / "handlers.go").write_text("\n".join(handlers) + "\n")
        (go_dir / "zz_generated.deepcopy.go").write_text("\n".join(deep) + "\n")
        (ts_dir / "types.ts").write_text("\n".join(ts) + "\n")
    (root / "done").write_text("")
    return [go_root], [ts_root]


CPU: dict[str, list[float]] = {}  # label -> CPU seconds (user + system) of each run


def timed(cmd: list[str], label: str = "") -> float:
    """Wall seconds of one whole process; its CPU seconds go to :data:`CPU` under ``label``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd[:3])} failed:\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(label, []).append(cpu)
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "scaffold-bench"
        / "drift",
    )
    ap.add_argument(
        "--synthetic",
        action="store_true",
        help="a generated Go + TS tree of about 2 × 10^5 lines instead of the fetched corpus "
        "(also used when the corpus cannot be fetched, e.g. offline)",
    )
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT))
    from scaffold.drift.walk import walk

    corpus_name = ", ".join(GO_MODULES) + " + " + ", ".join(NPM_PACKAGES)
    go_dirs = ts_dirs = None
    if not args.synthetic:
        try:
            go_dirs, ts_dirs = fetch(args.corpus)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"bench: corpus not fetched ({exc}); using the synthetic tree", file=sys.stderr)
    if go_dirs is None or ts_dirs is None:
        go_dirs, ts_dirs = synthesize(args.corpus.parent / "drift-synthetic")
        corpus_name = "synthetic (bench/drift.py synthesize)"
    go_files = walk(go_dirs, "go").files
    ts_files = walk(ts_dirs, "ts").files
    files = [str(p) for p in go_files + ts_files]
    lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="drift-bench-"))
    try:
        listing = work / "files.txt"
        from scaffold.drift.load import plan_batches

        items = [(f, "go" if f.endswith(".go") else "ts", os.path.getsize(f)) for f in files]
        plan = [[p for p, _lang in b] for b in plan_batches(items, args.jobs)]
        listing.write_text(json.dumps(plan))
        out = work / "out.json"
        ts_arg = ",".join(str(d) for d in ts_dirs)
        bare, cold, warm, touched = [], [], [], []
        victim = go_files[len(go_files) // 2]
        original = victim.read_bytes()
        for i in range(args.repeat):
            bare.append(timed([py, "-c", BARE, str(listing), str(args.jobs)], "bare"))
            cache = work / f"cache{i}"
            go_arg = ",".join(str(d) for d in go_dirs)
            drift = [py, "-c", DRIFT, go_arg, ts_arg, str(cache), str(args.jobs), str(out)]
            cold.append(timed(drift, "cold"))
            warm.append(timed(drift, "warm"))
            try:
                victim.write_bytes(original + b"\n// bench edit %d\n" % i)
                touched.append(timed(drift, "touched"))
            finally:
                victim.write_bytes(original)
        report = out.read_text().splitlines()[-1]  # "N pair(s) compared: …"
    finally:
        shutil.rmtree(work, ignore_errors=True)

    b, c, w, t = min(bare), min(cold), min(warm), min(touched)
    cb, cc, cw, ct = (min(CPU[k]) for k in ("bare", "cold", "warm", "touched"))
    print(f"corpus: {corpus_name}")
    print(
        f"files: {len(files)} ({len(go_files)} Go, {len(ts_files)} TS), lines: {lines}, "
        f"processes: {args.jobs}, best of {args.repeat}"
    )
    print(f"drift says: {report}")
    print(f"bare tree-sitter parse : {b:7.3f} s")
    print(f"drift cold             : {c:7.3f} s   {c / b:5.2f}x bare   (target <= 1.30x)")
    print(f"drift warm             : {w:7.3f} s   {w / c:6.1%} of cold (target <= 10%)")
    print(f"drift warm, 1 file edit: {t:7.3f} s   {t / c:6.1%} of cold (target <= 10%)")
    print("CPU (user + system, all processes):")
    print(f"  bare {cb:6.3f} s, cold {cc:6.3f} s = {cc / cb:5.2f}x bare (target <= 1.30x)")
    print(f"  warm {cw:6.3f} s = {cw / cc:6.1%} of cold, 1 file edit {ct:6.3f} s = {ct / cc:6.1%}")
    print("  tygo regenerating the same TS: not measured here (no tygo offline); issue 14: 0.33 s")


if __name__ == "__main__":
    main()
