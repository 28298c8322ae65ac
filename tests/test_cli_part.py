"""--speaker and --tag: check, causal, eval and render run on part of a map, alike."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from argmap import ArgumentMap, perspective, read_json
from argmap.cli import build_parser
from tests.support import RunCli, TmpMap

COMMANDS = {
    "check": ["check", "{map}"],
    "causal": ["causal", "{map}", "--loops"],
    "eval": ["eval", "{map}"],
    "render": ["render", "{map}", "-o", "-", "--to", "mermaid"],
}


@pytest.fixture
def story(tmp_map: TmpMap) -> Path:
    m = ArgumentMap(title="Story")
    petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Kristi Noem", id="noem")
    blockade = m.factor("blockade", id="blockade", tags=["economy"])
    exclusion = m.factor("exclusion", id="exclusion", tags=["economy"])
    gang = m.factor("gang strength", id="gang")
    m.causes(blockade, exclusion, by=petro, id="l1")
    m.causes(exclusion, gang, by=petro, id="l2")
    m.causes(gang, blockade, by=noem, id="l3")
    strengthened = m.claim("The blockade strengthened the gang", id="strengthened", by=petro)
    defeated = m.claim("The gang was defeated", id="defeated", by=noem, tags=["gang"])
    m.rebut(defeated, strengthened, id="a1", by=noem)
    return tmp_map(m, "story.json")


def _argv(command: str, path: Path, *extra: str) -> list[str]:
    return [word.replace("{map}", str(path)) for word in COMMANDS[command]] + list(extra)


def test_every_command_shares_one_speaker_and_one_tag_flag() -> None:
    parser = build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in COMMANDS:
        options = {
            flag: action
            for action in subs.choices[command]._actions
            for flag in action.option_strings
        }
        for flag, dest, metavar in (("--speaker", "speaker", "ID"), ("--tag", "tag", "TAG")):
            action = options[flag]
            assert (action.dest, action.metavar) == (dest, metavar), (command, flag)
            assert isinstance(action, type(options["--speaker"])), "repeatable"
        args = parser.parse_args(
            [*_argv(command, Path("x.json")), "--speaker", "a", "--speaker", "b", "--tag", "t"]
        )
        assert args.speaker == ["a", "b"] and args.tag == ["t"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--speaker", "petr"], "--speaker: unknown agent id 'petr' (did you mean 'petro'?)"),
        (["--speaker", "gang"], "--speaker: 'gang' is a factor, expected an agent"),
        (["--tag", "econmy"], "--tag: unknown tag id 'econmy' (did you mean 'economy'?)"),
    ],
)
def test_an_unknown_speaker_or_tag_is_one_line_and_exit_2(
    command: str, extra: list[str], fragment: str, story: Path, run_cli: RunCli
) -> None:
    code, out, err = run_cli(_argv(command, story, *extra))
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("argmap: error:")]
    assert errors == [f"argmap: error: {story}: {fragment}"]
    assert "Traceback" not in err and out == ""


def test_eval_speaker_evaluates_their_story(story: Path, run_cli: RunCli) -> None:
    code, out, err = run_cli(["eval", str(story), "--format", "json"])
    assert code == 0 and json.loads(out)["status"]["strengthened"] == "out"
    code, out, err = run_cli(["eval", str(story), "--speaker", "petro", "--format", "json"])
    assert code == 0
    # In Petro's own story nothing answers his claim.
    status = json.loads(out)["status"]
    assert status["strengthened"] == "in" and "defeated" not in status
    assert "--speaker petro: 4 of 5 statements, 2 of 4 relations" in err


def test_eval_speaker_on_a_framework_is_a_usage_error(tmp_path: Path, run_cli: RunCli) -> None:
    framework = tmp_path / "af.tgf"
    framework.write_text("a\nb\n#\na b\n", encoding="utf-8")
    code, _, err = run_cli(["eval", str(framework), "--speaker", "petro"])
    assert code == 2 and "--speaker and --tag choose part of a map" in err


def test_causal_speaker_keeps_their_links_only(story: Path, run_cli: RunCli) -> None:
    code, out, _ = run_cli(["causal", str(story), "--loops"])
    assert code == 0 and "feedback loops of at most 8 links: 1" in out
    code, out, _ = run_cli(["causal", str(story), "--loops", "--speaker", "petro"])
    assert code == 0 and "feedback loops of at most 8 links: 0" in out  # Noem closes the loop
    argv = ["causal", str(story), "--cause", "blockade", "--effect", "gang", "--speaker", "petro"]
    code, out, _ = run_cli(argv)
    assert code == 0 and out.startswith("net effect of blockade on gang: +")


def test_causal_asks_about_what_the_part_left_out(story: Path, run_cli: RunCli) -> None:
    argv = ["causal", str(story), "--cause", "blockade", "--effect", "gang", "--tag", "economy"]
    code, _, err = run_cli(argv)
    assert code == 2
    assert "--effect gang: the map holds it, but not its part that --tag economy asks for" in err


def test_check_runs_on_the_part(story: Path, run_cli: RunCli) -> None:
    code, out, _ = run_cli(["check", str(story), "--format", "json"])
    whole = json.loads(out)
    code, out, _ = run_cli(["check", str(story), "--speaker", "noem", "--format", "json"])
    assert code in (0, 1)
    part = json.loads(out)
    ids = {i for f in part for i in f.get("ids", ())}
    assert not ids & {"l1", "l2"}  # Petro's links are not in Noem's part
    assert part != whole


def test_render_speaker_draws_their_perspective(
    story: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    code, out, _ = run_cli(_argv("render", story, "--speaker", "noem"))
    assert code == 0
    expected = perspective(read_json(story), "noem")
    for sid in ("defeated", "strengthened"):  # Noem's claim, and the one she rebuts
        assert sid in expected
    assert "blockade strengthened" in out and "exclusion" not in out


def test_render_tag_draws_the_topic(story: Path, run_cli: RunCli) -> None:
    code, out, _ = run_cli(_argv("render", story, "--tag", "economy", "--view", "causal"))
    assert code == 0
    assert "exclusion" in out and "gang strength" not in out


def test_a_speaker_who_tells_nothing_gets_an_empty_part_and_a_hint(
    tmp_map: TmpMap, run_cli: RunCli
) -> None:
    m = ArgumentMap(title="Quiet")
    m.agent("Quiet", id="quiet")
    m.claim("x", by=m.agent("Loud", id="loud"))
    path = tmp_map(m)
    for command in COMMANDS:
        code, _, err = run_cli(_argv(command, path, "--speaker", "quiet"))
        assert code == 0, command
        assert "--speaker quiet: 0 of 1 statements" in err
        assert "agents who tell something here: loud" in err
