"""The command line never shows a traceback: unexpected faults, Ctrl-C, closed pipes, warnings,
files that cannot be read, and ``convert -o``."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, NoReturn

import pytest

import argmap.readwrite
import argmap.rendering
from argmap import ArgumentMap, read_json, read_yaml, write_aif
from argmap.cli import build_parser, main
from tests.support import TmpMap

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def map_file(tmp_map: TmpMap) -> Path:
    m = ArgumentMap(title="Demo")
    petro = m.agent("Gustavo Petro", id="petro")
    a = m.claim("Love ends violence", by=petro)
    m.rebut(m.claim("Violence ends love"), a)
    return tmp_map(m, "demo.json")


@pytest.fixture
def big_map(tmp_map: TmpMap) -> Path:
    """A map whose text output is far larger than a pipe holds (64 KiB on Linux)."""
    m = ArgumentMap(title="Big")
    previous = m.claim("claim 0")
    for i in range(1, 1500):
        current = m.claim(f"claim {i}: " + "the gang grew stronger " * 3)
        m.rebut(current, previous)
        previous = current
    return tmp_map(m, "big.json")


def _raiser(exc: BaseException) -> Any:
    def raise_it(*args: object, **kwargs: object) -> NoReturn:
        raise exc

    return raise_it


# --------------------------------------------------------------------------- unexpected faults
@pytest.mark.parametrize("command", ["stats", "check", "causal --loops", "eval"])
def test_an_unexpected_fault_is_one_line_naming_the_file_and_exits_2(
    command: str,
    map_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(argmap.readwrite, "read_map", _raiser(RuntimeError("reader\nblew up")))
    name, *options = command.split()
    assert main([name, str(map_file), *options]) == 2  # never 1, which means findings
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"argmap: error: {map_file}: ")
    assert "RuntimeError: reader blew up" in captured.err  # the class and the message, folded
    assert "run with --debug for a traceback" in captured.err
    assert "Traceback" not in captured.err


def test_a_fault_without_a_message_still_names_its_class(
    map_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(argmap.readwrite, "read_map", _raiser(KeyError()))
    assert main(["stats", str(map_file)]) == 2
    err = capsys.readouterr().err
    assert f"{map_file}: internal error: KeyError (run with --debug" in err


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_command_reraises(
    where: str, map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(argmap.readwrite, "read_map", _raiser(RuntimeError("boom")))
    argv = ["stats", str(map_file)]
    argv = ["--debug", *argv] if where == "before" else [*argv, "--debug"]
    with pytest.raises(RuntimeError, match="boom"):
        main(argv)


def test_debug_is_off_unless_asked() -> None:
    parser = build_parser()
    assert parser.parse_args(["stats", "x.json"]).debug is False
    assert parser.parse_args(["stats", "x.json", "--debug"]).debug is True
    assert parser.parse_args(["--debug", "stats", "x.json"]).debug is True


# A program run as `python -m argmap`, with the reader broken the same way.
_BROKEN_READER = (
    "import sys, runpy\n"
    "import argmap.readwrite as rw\n"
    "def boom(*args, **kwargs):\n"
    "    raise RuntimeError('reader blew up')\n"
    "rw.read_map = boom\n"
    "sys.argv = ['argmap', *sys.argv[1:]]\n"
    "runpy.run_module('argmap', run_name='__main__')\n"
)


def test_as_a_program_a_fault_is_one_line_and_debug_prints_the_traceback(
    map_file: Path,
) -> None:
    plain = subprocess.run(
        [sys.executable, "-c", _BROKEN_READER, "stats", str(map_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert plain.returncode == 2
    assert plain.stderr.count("\n") == 1 and "Traceback" not in plain.stderr
    assert "RuntimeError: reader blew up" in plain.stderr
    debug = subprocess.run(
        [sys.executable, "-c", _BROKEN_READER, "stats", str(map_file), "--debug"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert debug.returncode == 2  # the traceback, yet still not 1 ("findings")
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert debug.stderr.rstrip().endswith("RuntimeError: reader blew up")


# --------------------------------------------------------------------------- Ctrl-C
def test_ctrl_c_exits_130_with_one_quiet_line(
    map_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(argmap.readwrite, "read_map", _raiser(KeyboardInterrupt()))
    assert main(["stats", str(map_file)]) == 130
    captured = capsys.readouterr()
    assert captured.err == "argmap: interrupted\n" and captured.out == ""
    with pytest.raises(KeyboardInterrupt):
        main(["stats", str(map_file), "--debug"])


# --------------------------------------------------------------------------- closed pipes
@pytest.mark.parametrize(
    "command",
    [
        ["eval", "{map}"],  # many small text writes
        ["check", "{map}"],  # one large text write: the whole report
        ["convert", "{map}", "-o", "-", "--to", "yaml"],  # one large binary write
    ],
)
def test_a_reader_that_leaves_early_gets_no_traceback(command: list[str], big_map: Path) -> None:
    argv = [part.replace("{map}", str(big_map)) for part in command]
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # as `| head -1` does: one line, then away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141  # 128 + SIGPIPE, as a shell reports for `head`
    assert first.strip()
    assert err == ""  # no traceback, no "Exception ignored in ... BrokenPipeError"


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_stdout_in_process_returns_141_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["rules"]) == 141
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- warnings
def _warning_pipe(*args: object, **kwargs: object) -> bytes:
    from argmap.rendering import RenderWarning

    warnings.warn("dot: odd attribute 'x'", RenderWarning, stacklevel=2)
    warnings.warn("dot: odd attribute 'x'", RenderWarning, stacklevel=2)  # the same, again
    warnings.warn("dot: graph is\n  very large", RenderWarning, stacklevel=2)
    return b"<svg/>"


def test_render_warnings_print_once_each_as_one_line(
    map_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(argmap.rendering, "pipe", _warning_pipe)
    out = tmp_path / "map.svg"
    assert main(["render", str(map_file), "-o", str(out)]) == 0
    assert out.read_bytes() == b"<svg/>"
    assert capsys.readouterr().err.splitlines() == [
        "argmap: warning: dot: odd attribute 'x'",
        "argmap: warning: dot: graph is very large",
    ]
    # Each run starts afresh: the same warning shows again in the next run.
    assert main(["render", str(map_file), "-o", str(out)]) == 0
    assert capsys.readouterr().err.count("odd attribute") == 1
    assert main(["render", str(map_file), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- check summary
def test_check_counts_unreadable_files_apart(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    assert main(["check", str(missing)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"argmap: error: {missing}")
    assert err[-1] == "1 file could not be read"
    assert not any("0 findings" in line for line in err)
    assert main(["check", str(map_file), "--select", "AM303"]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "0 findings in 1 file checked"
    assert main(["check", str(map_file), str(missing), str(missing), "--select", "AM303"]) == 2
    summary = capsys.readouterr().err.splitlines()[-1]
    assert summary == "0 findings in 1 file checked; 2 files could not be read"


# --------------------------------------------------------------------------- convert -o
def test_convert_takes_output_as_o_or_as_a_positional(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    by_option = tmp_path / "o.yaml"
    by_position = tmp_path / "p.yaml"
    assert main(["convert", str(map_file), "-o", str(by_option)]) == 0
    assert main(["convert", str(map_file), str(by_position)]) == 0
    assert read_yaml(by_option) == read_yaml(by_position) == read_json(map_file)
    assert main(["convert", str(map_file), str(by_position), "-o", str(by_option)]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["convert", str(map_file)]) == 2
    assert "-o OUT" in capsys.readouterr().err


def test_convert_reads_stdin_and_writes_stdout(
    map_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    m = read_json(map_file)
    aif = tmp_path / "demo.aif.json"
    write_aif(m, aif)
    monkeypatch.setattr(sys, "stdin", io.StringIO(aif.read_text()))
    assert main(["convert", "-", "-o", "-", "--to", "yaml"]) == 0  # AIF told apart from JSON
    yaml_text = capsys.readouterr().out
    back = tmp_path / "back.yaml"
    back.write_text(yaml_text)
    assert read_yaml(back).summary() == m.summary()
    monkeypatch.setattr(sys, "stdin", io.StringIO(map_file.read_text()))
    target = tmp_path / "from-stdin.yaml"
    assert main(["convert", "-", "-o", str(target)]) == 0
    assert read_yaml(target) == m


def test_convert_to_stdout_needs_to_and_a_file(
    map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(map_file), "-o", "-"]) == 2
    assert "add --to FMT" in capsys.readouterr().err
    assert main(["convert", str(tmp_path), "-o", "-", "--to", "json"]) == 2
    assert "not into standard output" in capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["convert", str(tmp_path), "-o", str(out)]) == 0
    assert read_json(out / "demo.json") == read_json(map_file)
