"""`argmap convert`: one file or a folder, formats from suffixes and contents, failures reported."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import pytest

from argmap import (
    ArgumentMap,
    FormatError,
    read_aif,
    read_json,
    read_map,
    read_microtext,
    read_sadface,
    write_map,
)
from argmap.cli import main
from argmap.readwrite import format_for, guess_format
from argmap.readwrite.convert import convert
from tests.interchange_support import corpus
from tests.support import TmpMap


@pytest.fixture
def demo(tmp_map: TmpMap) -> Path:
    m = ArgumentMap(title="Demo")
    petro = m.agent("Gustavo Petro", id="petro")
    post = m.source("Post", id="post", text="The blockade strengthened the gang.")
    link = m.causes(
        m.factor("US blockade"), m.factor("gang strength"), by=petro, quote=m.quote(post, "gang")
    )
    m.undercut(m.claim("The gang was defeated"), link)
    return tmp_map(m, "demo.json")


@pytest.mark.parametrize(
    "suffix", [".aif.json", ".sadface.json", ".nodelink.json", ".yaml", ".json", ".aif"]
)
def test_a_map_converts_to_each_format_and_back(demo: Path, suffix: str) -> None:
    m = read_json(demo)
    out = demo.with_name("out" + suffix)
    assert main(["convert", str(demo), str(out)]) == 0
    back = demo.with_name("back.json")
    assert main(["convert", str(out), str(back)]) == 0
    assert read_json(back) == m


def test_graphml_is_written_and_microtexts_are_read(demo: Path, tmp_path: Path) -> None:
    assert main(["convert", str(demo), str(tmp_path / "demo.graphml")]) == 0
    assert (tmp_path / "demo.graphml").read_text(encoding="utf-8").startswith("<?xml")
    source = corpus("arg-microtexts") / "en" / "micro_b001.xml"
    assert main(["convert", str(source), str(tmp_path / "b001.aif.json")]) == 0
    assert read_aif(tmp_path / "b001.aif.json") == read_microtext(source)


def test_plain_json_files_are_told_apart_by_their_content(demo: Path, tmp_path: Path) -> None:
    hangback = corpus("sadface-examples") / "hangback.json"
    aifdb = corpus("aifdb-nodeset-6064") / "6064-original.json"
    xaif = corpus("arguebuf-ts-examples") / "xaif.json"
    names = [guess_format(p).name for p in (demo, hangback, aifdb, xaif)]
    assert names == ["json", "sadface", "aif", "aif"]
    assert main(["convert", str(hangback), str(tmp_path / "h.yaml")]) == 0
    assert main(["convert", str(tmp_path / "h.yaml"), str(tmp_path / "h.sadface")]) == 0
    assert read_sadface(tmp_path / "h.sadface") == read_sadface(hangback)


def test_from_and_to_override_the_suffixes(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "weird.txt"
    assert main(["convert", str(demo), str(target), "--to", "aif"]) == 0
    assert main(["convert", str(target), str(tmp_path / "x.json"), "--from", "aif"]) == 0
    assert read_json(tmp_path / "x.json") == read_json(demo)


def test_the_longest_suffix_wins() -> None:
    assert format_for("a.aif.json").name == "aif"
    assert format_for("a.node-link.json").name == "node-link"
    assert format_for("A.SADFACE.JSON").name == "sadface"
    assert format_for("a.json").name == "json"


def test_a_failed_conversion_leaves_no_file_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.aif.json"
    bad.write_text('{"nodes": [{"nodeID": "1", "type": "I"}], "edges": [{"fromID": "1"}]}')
    target = tmp_path / "out.json"
    assert main(["convert", str(bad), str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: $.edges[0]: missing field 'toID'" in err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.aif.json"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--to", "nope"], "argument --to: invalid choice: 'nope'"),
        (["--to", "microtext"], "argument --to: invalid choice: 'microtext'"),
    ],
)
def test_usage_errors_exit_2(
    demo: Path, args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(demo), str(demo.with_name("o.x")), *args]) == 2
    assert expected in capsys.readouterr().err


def test_an_unknown_output_suffix_exits_2(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(demo), str(demo.with_name("out.docx"))]) == 2
    assert "cannot tell the format from the suffix '.docx'" in capsys.readouterr().err


def test_the_microtext_folder_converts_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus("arg-microtexts") / "en"
    out = tmp_path / "out"
    assert main(["convert", str(folder), str(out), "--to", "sadface"]) == 0
    captured = capsys.readouterr()
    assert "112 converted, 0 failed" in captured.err
    written = sorted(out.iterdir())
    assert len(written) == 112 and all(p.name.endswith(".sadface.json") for p in written)
    assert read_sadface(out / "micro_b001.sadface.json") == read_microtext(
        folder / "micro_b001.xml"
    )


def test_a_folder_goes_on_after_failures_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus("sadface-examples") / "hangback.json", folder / "hangback.json")
    shutil.copy(corpus("arg-microtexts") / "en" / "micro_b001.xml", folder / "b001.xml")
    (folder / "broken.aif.json").write_text('{"nodes": [{"nodeID": 1}]}')
    (folder / "notes.txt").write_text("not a map")
    (folder / "sub").mkdir()
    out = tmp_path / "out"
    assert main(["convert", str(folder), str(out)]) == 1
    captured = capsys.readouterr()
    assert "broken.aif.json: $.nodes[0]: missing field 'type'" in captured.err
    assert "2 converted, 1 failed" in captured.err
    assert sorted(p.name for p in out.iterdir()) == ["b001.json", "hangback.json"]
    assert read_json(out / "hangback.json") == read_sadface(folder / "hangback.json")


def test_a_folder_refuses_a_file_as_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["convert", str(tmp_path), str(tmp_path / "file")]) == 2
    assert "is a file; expected a folder" in capsys.readouterr().err


def test_convert_returns_the_map(demo: Path) -> None:
    m = convert(demo, demo.with_name("m.sadface"))
    assert m == read_json(demo) == read_sadface(demo.with_name("m.sadface"))
    assert (
        json.loads(demo.with_name("m.sadface").read_text())["metadata"]["core"]["title"] == "Demo"
    )


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".argdown", ".aif.json", ".sadface.json"])
def test_readers_leave_the_collector_as_they_found_it(
    demo: Path, tmp_path: Path, suffix: str
) -> None:
    """Readers pause the cyclic collector while they build; a fault must not leave it off."""
    good = tmp_path / f"good{suffix}"
    write_map(read_json(demo), good)
    assert read_map(good) is not None and gc.isenabled()
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(good.read_text(encoding="utf-8")[:-40] + "\n[", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad"):
        read_map(bad)
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("module", "parse", "doc"),
    [
        ("aif_format", "parse_aif", '{"nodes": [{"nodeID": %s}], "edges": []}'),
        ("sadface_format", "parse_sadface", '{"nodes": [], "edges": [], "x": %s}'),
        ("node_link_format", "parse_node_link", '{"nodes": [{"id": %s}], "links": []}'),
    ],
)
def test_interchange_json_long_integer_is_located(module: str, parse: str, doc: str) -> None:
    # Python refuses to convert more than 4,300 digits; the reader says where, in its own words.
    import importlib

    from argmap import FormatError

    reader = getattr(importlib.import_module(f"argmap.readwrite.{module}"), parse)
    text = doc % ("7" * 5000)
    with pytest.raises(FormatError) as caught:
        reader(text, origin="long.json")
    err = caught.value
    assert err.file == "long.json" and err.line == 1
    assert err.column == text.index("7") + 1
    assert "integer of 5000 digits" in str(err)
