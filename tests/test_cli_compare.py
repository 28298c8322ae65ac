"""``argmap diff`` and ``argmap outline``: stdout, exit codes like diff(1), one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from argmap import ArgumentMap, diff, outline, write_yaml
from tests.support import RunCli, TmpMap


def _versions() -> tuple[ArgumentMap, ArgumentMap]:
    a = ArgumentMap(title="Story")
    a.claim("The blockade strengthened the gang", id="strengthened")
    a.claim("The gang was defeated", id="defeated")
    a.rebut("defeated", "strengthened", id="r1")
    b = a.copy()
    doc = b.to_document()
    fixed = doc.statements[0].model_copy(update={"text": "The US blockade strengthened the gang"})
    b = ArgumentMap.from_document(
        doc.model_copy(update={"statements": (fixed, *doc.statements[1:])})
    )
    return a, b


@pytest.fixture
def versions(tmp_map: TmpMap, tmp_path: Path) -> tuple[Path, Path]:
    a, b = _versions()
    old = tmp_map(a, "old.json")
    new = tmp_path / "new.yaml"
    write_yaml(b, new)
    return old, new


def test_diff_of_equal_maps_exits_0_and_prints_nothing(
    versions: tuple[Path, Path], tmp_path: Path, run_cli: RunCli
) -> None:
    old, _ = versions
    copy = tmp_path / "copy.json"
    copy.write_bytes(old.read_bytes())
    code, out, err = run_cli(["diff", str(old), str(copy)])
    assert (code, out) == (0, "")
    assert "no differences" in err
    code, out, err = run_cli(["diff", str(old), str(copy), "-q"])
    assert (code, out, err) == (0, "", "")


def test_diff_of_different_maps_exits_1_with_a_changelog(
    versions: tuple[Path, Path], run_cli: RunCli
) -> None:
    old, new = versions
    code, out, _ = run_cli(["diff", str(old), str(new)])
    assert code == 1
    a, b = _versions()
    assert out == diff(a, b).to_text() + "\n"
    assert "claim strengthened: text 'The blockade strengthened the gang' → 'The US" in out


def test_diff_json(versions: tuple[Path, Path], run_cli: RunCli) -> None:
    old, new = versions
    code, out, _ = run_cli(["diff", str(old), str(new), "--format", "json"])
    assert code == 1
    parsed = json.loads(out)
    assert parsed["equal"] is False
    assert parsed["changed"][0].pop("new")["text"] == "The US blockade strengthened the gang"
    assert parsed["changed"] == [
        {
            "kind": "claim",
            "id": "strengthened",
            "fields": [
                {
                    "field": "text",
                    "old": "The blockade strengthened the gang",
                    "new": "The US blockade strengthened the gang",
                }
            ],
        }
    ]
    code, out, _ = run_cli(["diff", str(old), str(old), "--format", "json"])
    assert code == 0 and json.loads(out)["equal"] is True


def test_diff_reads_one_map_from_stdin(
    versions: tuple[Path, Path], run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = versions
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(old.read_bytes())))
    code, out, _ = run_cli(["diff", "-", str(new)])
    assert code == 1 and "claim strengthened" in out
    code, _, err = run_cli(["diff", "-", "-"])
    assert code == 2 and "only one of the two maps" in err


@pytest.mark.parametrize("which", [0, 1])
def test_diff_of_an_unreadable_file_exits_2_with_one_line(
    versions: tuple[Path, Path], tmp_path: Path, which: int, run_cli: RunCli
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"statements": [', encoding="utf-8")
    files = [str(versions[0]), str(versions[0])]
    files[which] = str(broken)
    code, out, err = run_cli(["diff", *files])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "broken.json" in err and "Traceback" not in err
    code, _, err = run_cli(["diff", str(versions[0]), str(tmp_path / "missing.json")])
    assert code == 2 and err.count("\n") == 1 and "missing.json" in err


def test_diff_usage_errors_exit_2(versions: tuple[Path, Path], run_cli: RunCli) -> None:
    code, _, err = run_cli(["diff", str(versions[0])])
    assert code == 2 and "required" in err
    code, _, err = run_cli(["diff", *map(str, versions), "--format", "sarif"])
    assert code == 2 and "argument --format: invalid choice" in err


def test_outline_prints_the_outline(versions: tuple[Path, Path], run_cli: RunCli) -> None:
    old, _ = versions
    code, out, err = run_cli(["outline", str(old)])
    assert code == 0 and err == ""
    a, _ = _versions()
    assert out == outline(a) + "\n"
    assert "[strengthened] The blockade strengthened the gang\n  rebutted by r1\n" in out


def test_outline_of_an_unreadable_file_exits_2(tmp_path: Path, run_cli: RunCli) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("statements: [", encoding="utf-8")
    code, out, err = run_cli(["outline", str(bad)])
    assert code == 2 and out == "" and err.count("\n") == 1 and "bad.yaml" in err
    code, _, err = run_cli(["outline", str(bad), "--from", "nope"])
    assert code == 2 and "argument --from: invalid choice" in err
