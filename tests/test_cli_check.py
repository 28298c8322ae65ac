"""`argmap check` and `argmap rules`: output formats, --select/--ignore, exit codes 0/1/2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from argmap import ArgumentMap, Quote
from argmap.cli import main
from argmap.readwrite.native import write_json
from tests.support import TmpMap


@pytest.fixture
def map_file(tmp_map: TmpMap) -> Path:
    m = ArgumentMap(title="Petro and Noem")
    petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Kristi Noem", id="noem")
    m.source("Post", id="post", text="Exclusion only leads to more violence.")
    bad = Quote(source="post", text="exclusion, leads:\nto violence", start=0, end=5)
    m.claim("Exclusion causes violence", id="excl", by=petro, quote=bad)
    friends = m.claim("Gang members are Petro's friends", id="friends", by=petro, reported_by=noem)
    m.attribute(friends, by=petro, stance="denies")
    return tmp_map(m, "petro.json")


@pytest.fixture
def clean_file(tmp_map: TmpMap) -> Path:
    m = ArgumentMap()
    a = m.claim("Youth inclusion reduced violence", reconstructed=True)
    m.support(m.claim("Violence fell in Colombia", reconstructed=True), a, reconstructed=True)
    return tmp_map(m, "clean.json")


def test_text_lines_name_file_id_code_and_severity(
    map_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(map_file)]) == 1  # AM201 is an error, the default --fail-on
    lines = capsys.readouterr().out.splitlines()
    (am201,) = [line for line in lines if " AM201 " in line]
    assert am201.startswith(f"{map_file}:excl: AM201 [error] ")
    assert all(line.startswith(f"{map_file}:") for line in lines)
    assert all("\n" not in line for line in lines)  # a newline in a quote stays escaped
    assert any("AM303 [info]" in line for line in lines)


def test_exit_codes_follow_fail_on(
    map_file: Path, clean_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(clean_file)]) == 0
    assert main(["check", str(map_file), "--ignore", "AM2"]) == 0  # only infos and warnings left
    assert main(["check", str(map_file), "--ignore", "AM2", "--fail-on", "info"]) == 1
    assert main(["check", str(map_file), "--select", "AM303", "--fail-on", "warning"]) == 0
    assert main(["check", str(map_file), "--select", "AM303", "--fail-on", "info"]) == 1


def test_usage_and_input_errors_exit_2(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(map_file), "--select", "AM2O1"]) == 2
    assert "AM2O1" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.json")]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["check", str(map_file), str(broken)]) == 2
    captured = capsys.readouterr()
    assert "broken.json" in captured.err
    assert "AM201" in captured.out  # the good file was still checked
    assert main(["check", str(map_file), "--format", "xml"]) == 2


def test_select_ignore_accept_codes_prefixes_names_and_lists(
    map_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def codes(*options: str) -> set[str]:
        main(["check", str(map_file), "--format", "json", *options])
        return {row["code"] for row in json.loads(capsys.readouterr().out)}

    every = codes()
    assert {"AM201", "AM303"} <= every
    assert codes("--select", "AM2") == {c for c in every if c.startswith("AM2")}
    assert codes("--select", "quote-not-in-source,AM303") == {"AM201", "AM303"}
    assert codes("--select", "AM201", "--select", "AM303") == {"AM201", "AM303"}
    assert codes("--ignore", "AM2", "--ignore", "disputed-attribution") == {
        c for c in every if not c.startswith("AM2") and c != "AM303"
    }


def test_json_rows_carry_file_and_finding_fields(
    map_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(map_file), "--format", "json", "--select", "AM201"])
    (row,) = json.loads(capsys.readouterr().out)
    assert row == {
        "file": str(map_file),
        "code": "AM201",
        "name": "quote-not-in-source",
        "severity": "error",
        "message": row["message"],
        "ids": ["excl", "post"],
        "anchor": "checks.md#am201-quote-not-in-source",
    }


def test_github_annotations_escape_newlines_and_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = ArgumentMap()
    m.claim("100% sure:\nall, always", id="c1")
    path = tmp_path / "a,b:c.json"
    write_json(m, path)
    main(["check", str(path), "--format", "github", "--select", "AM902"])
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("::notice file=")
    assert "a%2Cb%3Ac.json,title=AM902 absolute-qualifier::c1: " in line


def test_sarif_is_a_valid_2_1_0_log(map_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(map_file), "--format", "sarif", "--select", "AM2,AM303"])
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        loc = result["locations"][0]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == str(map_file)
        assert loc["logicalLocations"][0]["name"] == result["properties"]["ids"][0]
    assert {"AM201", "AM303"} <= {r["ruleId"] for r in run["results"]}


def test_several_files_and_stdin(
    map_file: Path,
    clean_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["check", str(clean_file), str(map_file)]) == 1
    out = capsys.readouterr().out
    assert str(map_file) in out and str(clean_file) not in out
    monkeypatch.setattr("sys.stdin", io.StringIO(map_file.read_text(encoding="utf-8")))
    assert main(["check", "-", "--select", "AM201"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:excl: AM201 [error]")


def test_rules_lists_every_check_and_shows_one(capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.checks import rules

    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [c.code for c in rules()]
    assert main(["rules", "AM201"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("## AM201 quote-not-in-source")
    assert "**Bad:**" in page and "**Good:**" in page
    assert main(["rules", "span-mismatch", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == "AM202"
    assert main(["rules", "AM999"]) == 2
    assert main(["rules", "--markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Checks")
