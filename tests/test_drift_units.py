"""Table tests of drift's pieces: constants, flows (encode/decode sites), ``--spec A B``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffold.drift.extract import extract_go
from scaffold.drift.flows import function_flows
from scaffold.read.gocode import parse_go

CONSTS = """package p

type Mode int

const (
	ModeA Mode = 0755
	ModeB Mode = 0o755
	ModeC Mode = 0x1F
	ModeD Mode = 1 << iota
	ModeE
	ModeF Mode = 0
	ModeG Mode = 1_000
)
"""


def test_constants_one_evaluator() -> None:
    """drift and the spec reader evaluate constants with one walker (octal 0755 included)."""
    want = ["493", "493", "31", "8", "16", "0", "1000"]
    drift_enums = {e[0]: list(e[2]) for e in extract_go(CONSTS.encode())[2]}
    reader = parse_go(CONSTS, "p.go")
    assert drift_enums["Mode"] == want
    assert list(reader.enums[0].values) == want


ANY_WRITER = [("w", "http.ResponseWriter"), ("v", "any")]


@pytest.mark.parametrize(
    ("params", "body", "expected"),
    [
        ([], "var req Req\njson.NewDecoder(r.Body).Decode(&req)", [("recv", "Req", 3)]),
        ([], "json.NewEncoder(w).Encode(&Resp{ID: 1})", [("send", "Resp", 2)]),
        ([], "out, err := toResp(u)\nb, _ := json.Marshal(out)", [("send", "()toResp", 3)]),
        ([], "_ = json.Unmarshal(data, &cfg)\nvar cfg Config", [("recv", "Config", 2)]),
        ([], "items := make([]Item, 0)\nc.JSON(200, items)", [("send", "[]Item", 3)]),
        (
            [],
            "var in Input\nif err := c.ShouldBindJSON(&in); err != nil {}",
            [("recv", "Input", 3)],
        ),
        (ANY_WRITER, "json.NewEncoder(w).Encode(v)", [("helper", "f", 1, "send")]),
        (ANY_WRITER, "writeJSON(w, 200, v)", [("pass", "f", 1, "writeJSON", 2)]),
        ([], "u := User{}\nwriteJSON(w, 200, u)", [("call", "writeJSON", 2, "User", 3)]),
        ([], "b := base64.StdEncoding.Encode(dst, src)", []),  # not a JSON codec
        ([], 'x := "json.Marshal(Fake{})" // json.Marshal(Other{})', []),  # text, not code
    ],
)
def test_function_flows(params: list, body: str, expected: list) -> None:
    out: list[tuple] = []
    function_flows("f", params, "{\n" + body + "\n}", 1, out)
    calls_asked = any(e[0] == "call" for e in expected)
    assert [f for f in out if f[0] != "call" or calls_asked] == expected


def test_spec_flag_takes_several_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffold.cli import cli

    case = Path(__file__).parent / "cases" / "drift-spec-case"
    for name in ("go", "ts"):
        shutil.copytree(case / name, tmp_path / name)
    (tmp_path / "a.md").write_text((case / "spec.md").read_text())
    (tmp_path / "b.md").write_text("# Tech Spec: Signup (frontend)\n\n**Status:** Approved\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    one = CliRunner().invoke(cli, ["drift", "--go", "go", "--ts", "ts", "--spec", "a.md"])
    two = CliRunner().invoke(cli, ["drift", "--go", "go", "--spec", "a.md", "b.md", "--ts", "ts"])
    assert one.exit_code == two.exit_code == 1
    assert "2 pair(s) compared" in two.output
    assert two.output == one.output


def test_json_lists_each_pairs_direction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import json

    from scaffold.drift import DriftOptions, drift_command

    cases = Path(__file__).parent / "cases"
    got: dict[str, tuple[str, str]] = {}
    for case in ("drift-direction", "drift-fields"):
        monkeypatch.chdir(cases / case)
        out = io.StringIO()
        opts = DriftOptions(go=["go"], ts=["ts"], fmt="json", cache_dir=tmp_path)
        drift_command(opts, out, io.StringIO())
        for p in json.loads(out.getvalue())["pairs"]:
            got[p["go"]["type"]] = (p["direction"], p["placed"])
    assert got == {
        "Memo": ("send", "code"),
        "MemoList": ("send", "code"),
        "MemoPatch": ("receive", "code"),
        "Settings": ("both", "code"),
        "Base": ("both", "unplaced: compared both ways"),
        "User": ("both", "unplaced: compared both ways"),
    }


WARM = """
import io, sys
from pathlib import Path
from scaffold.drift import DriftOptions, drift_command
opts = DriftOptions(go=["go"], ts=["ts"], cache_dir=Path(sys.argv[1]))
out = io.StringIO()
code = drift_command(opts, out, io.StringIO())
heavy = [m for m in ("scaffold.drift.compare", "scaffold.drift.pair", "scaffold.model") if m in sys.modules]
print(code, heavy, out.getvalue().splitlines()[-1])
"""


def test_warm_run_prints_cached_output_without_comparing(tmp_path: Path) -> None:
    import subprocess
    import sys

    case = Path(__file__).parent / "cases" / "drift-direction"
    run = [sys.executable, "-c", WARM, str(tmp_path)]
    cold = subprocess.run(run, cwd=case, capture_output=True, text=True, check=True).stdout
    warm = subprocess.run(run, cwd=case, capture_output=True, text=True, check=True).stdout
    assert cold.startswith("1 ['scaffold.drift.compare', 'scaffold.drift.pair', 'scaffold.model']")
    assert warm == cold.replace(
        "['scaffold.drift.compare', 'scaffold.drift.pair', 'scaffold.model']", "[]"
    )
