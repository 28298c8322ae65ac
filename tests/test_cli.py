"""The command line skeleton: stats, schema, help, version and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import ArgumentMap, write_json, write_yaml
from argmap.cli import main


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    m = ArgumentMap(title="Demo")
    petro = m.agent("Gustavo Petro", id="petro")
    m.source("Post", id="post", text="Love ends violence.")
    a = m.claim("Love ends violence", by=petro)
    b = m.claim("Violence ends love")
    m.rebut(b, a)
    m.causes(m.factor("love"), m.factor("violence"), polarity="-")
    path = tmp_path / "demo.json"
    write_json(m, path)
    write_yaml(m, tmp_path / "demo.yaml")
    return path


def test_stats_text_and_json(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(map_file)]) == 0
    out = capsys.readouterr().out
    assert "Demo: 4 statements (2 claims, 2 factors), 2 relations" in out
    assert "rebut" in out and "agents: Gustavo Petro" in out
    assert main(["stats", str(map_file.with_suffix(".yaml")), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["by_kind"] == {"causal": 1, "claim": 2, "factor": 2, "rebut": 1}


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "MapDocument"


def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"statements": [{"kind": "claim", "id": "x"}]}')
    assert main(["stats", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{bad}: $.statements[0].text: missing field" in err
    assert "Traceback" not in err
    assert main(["stats", str(tmp_path / "absent.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    from argmap.errors import FormatError

    with pytest.raises(FormatError):
        main(["--debug", "stats", str(tmp_path / "absent.json")])


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 2
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_no_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "usage: argmap" in capsys.readouterr().out


def test_console_script_and_module_entry(map_file: Path) -> None:
    version = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("argmap ")
    piped = subprocess.run(
        [sys.executable, "-m", "argmap", "stats", "-"],
        input=map_file.read_text(),
        capture_output=True,
        text=True,
    )
    assert piped.returncode == 0 and "Demo:" in piped.stdout
