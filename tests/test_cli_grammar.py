"""One grammar across commands: --from/--to name file formats, --cause/--effect the ends of a
causal question, --semantics the semantics, --format how a result prints; help examples run."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

import pytest

from argmap import ArgumentMap, cli, read_json, write_json
from argmap.cli import main
from argmap.readwrite import FORMATS
from argmap.readwrite.iccma import FRAMEWORK_FORMATS
from tests.support import RunCli, TmpMap, seed_map

ROOT = Path(__file__).resolve().parents[1]
PETRO = "examples/out/petro_noem.json"


@pytest.fixture
def story(tmp_map: TmpMap) -> Path:
    m = ArgumentMap(title="Story")
    blockade, gang = m.factor("blockade", id="blockade"), m.factor("gang", id="gang")
    m.causes(blockade, gang, polarity="+")
    a = m.claim("The blockade strengthened the gang", id="strengthened")
    b = m.claim("The gang was defeated", id="defeated")
    m.rebut(b, a)
    return tmp_map(m, "story.json")


# --------------------------------------------------------------------------- --from / --to
def test_from_accepts_exactly_the_readable_formats_of_the_registry() -> None:
    readable = {n for n, f in FORMATS.items() if f.readable}
    writable = {n for n, f in FORMATS.items() if f.writable}
    assert set(cli._format_names("read")) == readable
    assert set(cli._format_names("write")) == writable
    assert set(cli._format_names("evaluate")) == readable | set(FRAMEWORK_FORMATS)


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["stats", "x.json", "--from", "nope"], "--from"),
        (["convert", "x.json", "-o", "-", "--to", "nope"], "--to"),
        (["render", "x.json", "-o", "x", "--to", "yaml"], "--to"),  # a map format, not a drawing
        (["eval", "x", "--from", "svg"], "--from"),
    ],
)
def test_an_unknown_format_is_a_usage_error_naming_the_option(
    argv: list[str], option: str, run_cli: RunCli
) -> None:
    code, _, err = run_cli(argv)
    assert code == 2
    assert f"argument {option}: invalid choice" in err


def test_a_write_only_format_is_no_input_and_a_read_only_one_no_output(
    story: Path, run_cli: RunCli
) -> None:
    write_only = [n for n, f in FORMATS.items() if not f.readable]
    read_only = [n for n, f in FORMATS.items() if not f.writable]
    for name in write_only:
        code, _, err = run_cli(["stats", str(story), "--from", name])
        assert code == 2 and "argument --from: invalid choice" in err
    for name in read_only:
        code, _, err = run_cli(["convert", str(story), "-o", "-", "--to", name])
        assert code == 2 and "argument --to: invalid choice" in err


def test_convert_help_names_every_format_the_registry_holds() -> None:
    """--from's help points at 'argmap convert --help' for the list, so that list is whole."""
    parser = cli.build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    text = subs["convert"].format_help()
    for name, fmt in FORMATS.items():
        assert f"{name}: {' '.join(fmt.suffixes)}" in text, name


def test_render_to_names_the_drawing_format(story: Path, run_cli: RunCli) -> None:
    code, out, _ = run_cli(["render", str(story), "-o", "-", "--to", "mermaid"])
    assert code == 0
    assert out.startswith(("flowchart", "graph", "%%"))


def test_render_no_longer_takes_format_for_the_drawing(story: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli(["render", str(story), "-o", "-", "--format", "dot"])
    assert code == 2 and "unrecognized arguments: --format" in err


# --------------------------------------------------------------------------- causal
def test_causal_asks_with_cause_and_effect(story: Path, run_cli: RunCli) -> None:
    code, out, _ = run_cli(["causal", str(story), "--cause", "blockade", "--effect", "gang"])
    assert code == 0
    assert out.startswith("net effect of blockade on gang: +")


def test_causal_from_is_the_input_format(story: Path, run_cli: RunCli) -> None:
    yaml_copy = story.with_name("story.data")
    yaml_copy.write_text(story.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["causal", str(yaml_copy), "--from", "json", "--cause", "blockade", "--effect", "gang"]
    code, out, _ = run_cli(argv)
    assert code == 0 and "net effect of blockade on gang" in out
    # A factor where a format belongs is a usage error, not a silent misreading.
    code, _, err = run_cli(["causal", str(story), "--from", "blockade", "--to", "gang"])
    assert code == 2 and "argument --from: invalid choice: 'blockade'" in err


def test_causal_cause_needs_effect(story: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli(["causal", str(story), "--cause", "blockade"])
    assert code == 2 and "--cause and --effect go together" in err


# --------------------------------------------------------------------------- --semantics
def test_semantics_means_the_same_in_render_and_eval(story: Path, run_cli: RunCli) -> None:
    parser = cli.build_parser()
    for spelling in ("preferred", "PR", "pr"):
        evaluated = parser.parse_args(["eval", "x", "--semantics", spelling])
        drawn = parser.parse_args(["render", "x", "-o", "x.svg", "--semantics", spelling])
        assert evaluated.semantics == drawn.semantics == "preferred"
    for command in (["eval", str(story)], ["render", str(story), "-o", "-", "--to", "dot"]):
        code, _, err = run_cli([*command, "--semantics", "sceptical"])
        assert code == 2 and "argument --semantics: unknown semantics 'sceptical'" in err


def test_render_semantics_marks_the_status(story: Path, run_cli: RunCli) -> None:
    argv = ["render", str(story), "-o", "-", "--to", "dot", "--semantics", "grounded"]
    code, with_status, _ = run_cli(argv)
    assert code == 0
    code, without, _ = run_cli(argv[:-2])
    assert code == 0 and with_status != without


# --------------------------------------------------------------------------- runnable help
def _petro_examples() -> list[str]:
    parser = cli.build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    lines = [parser.epilog or ""] + [s.epilog or "" for s in subs.values()]
    return [
        line.strip()
        for text in lines
        for line in text.splitlines()
        if PETRO in line and line.strip().startswith("argmap ")
    ]


@pytest.fixture(scope="module")
def petro_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("petro") / "petro_noem.json"
    write_json(seed_map(), path)
    return path


@pytest.mark.parametrize("line", _petro_examples())
def test_help_examples_on_the_showcase_map_run(
    line: str,
    petro_json: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The examples in --help that use the showcase map run as printed (after
    'python examples/petro_noem.py' wrote it)."""
    monkeypatch.chdir(tmp_path)
    argv = [petro_json.as_posix() if word == PETRO else word for word in shlex.split(line)[1:]]
    code = main(argv)
    captured = capsys.readouterr()
    # check exits 1 when a finding reaches --fail-on: the showcase map has findings on purpose.
    assert code in ((0, 1) if argv[0] == "check" else (0,)), captured.err
    written = list(tmp_path.iterdir())
    assert captured.out or written, "the example produced nothing"
    for path in written:
        assert path.stat().st_size > 0
    if argv[0] == "stats":
        assert captured.out.startswith(read_json(petro_json).title)


@pytest.mark.parametrize("flags", [["--legend", "none"]])
def test_render_legend_none_leaves_the_legend_out(
    story: Path, run_cli: RunCli, flags: list[str]
) -> None:
    out = story.parent / "out.dot"
    assert run_cli(["render", str(story), "-o", str(out)])[0] == 0
    assert 'ID="legend"' in out.read_text(encoding="utf-8")
    assert run_cli(["render", str(story), "-o", str(out), *flags])[0] == 0
    assert "legend" not in out.read_text(encoding="utf-8")


def test_render_legend_takes_only_side_or_none(story: Path, run_cli: RunCli) -> None:
    code, _, err = run_cli(
        ["render", str(story), "-o", str(story.parent / "o.dot"), "--legend", "inline"]
    )
    assert code == 2 and "--legend" in err


def test_render_direction_sets_rankdir(story: Path, run_cli: RunCli) -> None:
    out = story.parent / "out.dot"
    assert run_cli(["render", str(story), "-o", str(out), "--direction", "lr"])[0] == 0
    assert "rankdir=LR" in out.read_text(encoding="utf-8")
    code, _, err = run_cli(["render", str(story), "-o", str(out), "--direction", "up"])
    assert code == 2 and "--direction" in err


def test_no_legend_is_gone_in_favour_of_legend_none(story: Path, run_cli: RunCli) -> None:
    """One flag a concept: the legend's place is --legend side|none."""
    code, _, _ = run_cli(["render", str(story), "-o", str(story.parent / "o.dot"), "--no-legend"])
    assert code == 2
