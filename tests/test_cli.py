"""The command line: stats, schema, help, version, clean errors, and its manners (examples,
colour, --quiet, progress bars, start-up)."""

from __future__ import annotations

import argparse
import io
import json
import re
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from argmap import ArgumentMap, cli, write_json, write_yaml
from argmap.cli import main

ROOT = Path(__file__).resolve().parents[1]


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
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "MapDocument"
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["$id"].startswith("urn:argmap:schema:map:v")


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


# --------------------------------------------------------------------------- manners
ROOT = Path(__file__).resolve().parents[1]


class _Tty(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _fresh_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    # main() sets these per run; a test that calls the helpers directly starts from defaults.
    # The CLI's modules share one _UI object, so its attributes are reset, not the name.
    for name, value in vars(cli._Ui()).items():
        monkeypatch.setattr(cli._UI, name, value)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)


def _commands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise AssertionError("argmap has no subcommands")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"argmap {cli._version()}"


def test_every_subcommand_has_help_and_an_example() -> None:
    parser = cli.build_parser()
    action = _commands(parser)
    assert action.choices, "no subcommands registered"
    assert (parser.epilog or "").startswith("Examples:\n  argmap ")
    helps = {a.dest: a.help for a in action._choices_actions}
    for name, sub in action.choices.items():
        epilog = sub.epilog or ""
        assert epilog.startswith("Examples:\n"), f"argmap {name}: no Examples: epilog"
        assert f"argmap {name}" in epilog, f"argmap {name}: no example of itself"
        assert helps.get(name), f"argmap {name}: no one-line help in the command list"
        assert sub.format_help().count("Examples:") == 1


def _command_line(line: str) -> list[str]:
    """The arguments after ``argmap`` in a shell line, up to a pipe or a redirection."""
    words = shlex.split(line)
    start = words.index("argmap") + 1
    argv: list[str] = []
    for word in words[start:]:
        if word in ("|", ">", ">>", "<", "&&", ";"):
            break
        argv.append(word)
    return argv


def _help_examples() -> list[str]:
    parser = cli.build_parser()
    epilogs = [parser.epilog or ""] + [s.epilog or "" for s in _commands(parser).choices.values()]
    return [
        line.strip()
        for epilog in epilogs
        for line in epilog.splitlines()
        if re.search(r"\bargmap [a-z]", line)
    ]


def _doc_examples() -> list[str]:
    """Shell lines (``$ ... argmap ...``) of the README and the docs."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return [
        line.strip().removeprefix("$ ")
        for page in pages
        for line in page.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("$ ") and re.search(r"\bargmap [a-z]", line)
    ]


def test_the_cli_page_lists_every_command_with_an_example_that_parses() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    for name in _commands(parser).choices:
        row = re.search(rf"^\| `{name}` \|.*\| `(argmap {name}[^`]*)` \|$", page, re.MULTILINE)
        assert row, f"docs/cli.md: no row for argmap {name} with an example"
        assert callable(parser.parse_args(_command_line(row.group(1))).handler)
    for flag in ("--from FMT", "--to FMT", "--format STYLE", "--semantics NAME", "--cause ID"):
        assert f"`{flag}" in page, f"docs/cli.md: the grammar table lacks {flag}"


@pytest.mark.parametrize("line", _help_examples() + _doc_examples())
def test_every_example_command_line_parses(line: str) -> None:
    """Every command line shown in --help and in the docs is one argmap accepts today."""
    parser = cli.build_parser()
    args = parser.parse_args(_command_line(line))
    assert callable(args.handler)


def test_quiet_and_color_are_accepted_after_the_subcommand() -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["schema", "-q", "--color", "never"])
    assert args.quiet is True and args.color == "never"
    args = parser.parse_args(["--quiet", "--color", "always", "schema"])
    assert args.quiet is True and args.color == "always"
    args = parser.parse_args(["schema"])
    assert args.quiet is False and args.color == "auto"


def test_colour_only_on_a_terminal_and_never_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cli.paint("x", "error", io.StringIO()) == "x"
    assert cli.paint("x", "error", _Tty()) == "\x1b[1;31mx\x1b[0m"
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.paint("x", "error", _Tty()) == "x"
    monkeypatch.setattr(cli._UI, "colour", "always")
    assert cli.paint("x", "ok", io.StringIO()) == "\x1b[32mx\x1b[0m"  # the flag beats NO_COLOR
    monkeypatch.setattr(cli._UI, "colour", "never")
    monkeypatch.delenv("NO_COLOR")
    assert cli.paint("x", "ok", _Tty()) == "x"


def test_errors_are_red_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for stream, expected in ((io.StringIO(), "argmap: error:"), (_Tty(), "\x1b[1;31margmap")):
        monkeypatch.setattr(sys, "stderr", stream)
        assert cli.main(["stats", str(ROOT / "no-such-map.json")]) == 2
        assert stream.getvalue().startswith(expected)
    monkeypatch.setenv("NO_COLOR", "")  # set but empty: colour stays on, as no-color.org says
    stream = _Tty()
    monkeypatch.setattr(sys, "stderr", stream)
    cli.main(["stats", str(ROOT / "no-such-map.json")])
    assert stream.getvalue().startswith("\x1b[")


def test_info_is_silenced_by_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    cli.info("wrote map.svg")
    assert capsys.readouterr().err == "wrote map.svg\n"
    cli._UI.quiet = True
    cli.info("wrote map.svg")
    assert capsys.readouterr().err == ""


def _slow(n: int, pause: float) -> Any:
    for i in range(n):
        time.sleep(pause)
        yield i


def test_progress_bar_shows_only_for_slow_loops_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("tqdm", reason="the progress extra (tqdm) is not installed")
    stream = _Tty()
    monkeypatch.setattr(sys, "stderr", stream)
    assert list(cli.progress(range(5), desc="quick")) == [0, 1, 2, 3, 4]
    assert stream.getvalue() == ""  # under the delay: no bar at all
    assert list(cli.progress(_slow(4, 0.05), total=4, desc="converting", delay=0.0)) == [
        0,
        1,
        2,
        3,
    ]
    assert "converting" in stream.getvalue()


def test_no_bar_when_quiet_not_a_terminal_or_without_tqdm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    assert list(cli.progress(_slow(3, 0.0), desc="x", delay=0.0)) == [0, 1, 2]
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    cli._UI.quiet = True
    assert list(cli.progress(_slow(3, 0.0), desc="x", delay=0.0)) == [0, 1, 2]
    cli._UI.quiet = False
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if the extra were not installed
    assert list(cli.progress(_slow(3, 0.0), desc="x", delay=0.0)) == [0, 1, 2]
    with cli.busy("rendering", delay=0.0):
        time.sleep(0.05)
    assert stream.getvalue() == "" and tty.getvalue() == ""


def test_busy_shows_elapsed_time_for_a_long_step(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm", reason="the progress extra (tqdm) is not installed")
    stream = _Tty()
    monkeypatch.setattr(sys, "stderr", stream)
    with cli.busy("rendering", delay=0.0):
        time.sleep(0.4)
    assert "rendering: 00:0" in stream.getvalue()
    # The ticking thread has ended by the time the step's block does: no line is drawn after.
    assert not [t for t in threading.enumerate() if t.name == "argmap-busy"]
    quick = _Tty()
    monkeypatch.setattr(sys, "stderr", quick)
    with cli.busy("rendering", delay=5.0):
        pass
    assert quick.getvalue() == ""


def test_help_loads_no_heavy_module() -> None:
    # Start-up time is measured in benchmarks/bench_cli.py; this guards its causes: `--help`
    # must not import pydantic, networkx, graphviz, yaml, the package metadata machinery or
    # even dataclasses (which pulls in inspect and ast: a third of the start-up once).
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "main(['--help'])\n"
        "heavy = ('pydantic', 'networkx', 'graphviz', 'yaml', 'tqdm', 'importlib.metadata',\n"
        "         'dataclasses')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip() == ""
    assert "usage: argmap" in done.stdout


def test_commands_tell_json_formats_apart(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An AIF file named plain .json reads as AIF in every command, as `convert` reads it."""
    from argmap import read_json, read_map, write_aif

    aif = tmp_path / "demo-as-aif.json"
    write_aif(read_json(map_file), aif)
    assert read_map(aif).summary() == read_json(map_file).summary()
    assert main(["stats", str(aif)]) == 0
    assert "Demo: 4 statements" in capsys.readouterr().out
