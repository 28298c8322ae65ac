"""The ``argmap`` command line: check, render, convert, evaluate and inspect argument maps.

Every subcommand exits 0 when all is well, 1 when it found what ``--fail-on`` asks about (for
``check``) and 2 for a usage or input error, which it reports in one line naming the file and the
fault; ``--debug`` shows the traceback instead. Heavy modules load inside the handlers, so
``argmap --help`` starts fast.

Examples:
    >>> main(["schema"]) == 0  # doctest: +ELLIPSIS
    {...
    True
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from argmap.cli._grammar import _DRAWING_FORMATS as _DRAWING_FORMATS
from argmap.cli._grammar import _examples, _formatter, _VersionAction
from argmap.cli._grammar import _format_names as _format_names
from argmap.cli._output import _UI as _UI  # one object all the modules share; never rebound
from argmap.cli._output import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Handler,
    _error,
    _one_line,
    _stdout_to_devnull,
    _warnings_as_lines,
    busy,
    info,
    paint,
    progress,
    use_colour,
)
from argmap.cli._output import _Ui as _Ui
from argmap.cli._output import _version as _version
from argmap.cli.commands_check import _add_check, _add_rules
from argmap.cli.commands_compare import _add_diff, _add_outline
from argmap.cli.commands_maps import _add_convert, _add_schema, _add_stats
from argmap.cli.commands_reason import _add_causal, add_eval_command
from argmap.cli.commands_render import _add_render

# A mistake on the command line that argparse cannot catch (errors.py holds every argmap error).
from argmap.errors import UsageError as _UsageError

__all__ = ["busy", "info", "main", "paint", "progress", "use_colour"]

# Each subcommand registers itself here; one line each so that parallel work merges cleanly.
_COMMANDS: list[Callable[[Any], None]] = [
    _add_stats,
    _add_schema,
    add_eval_command,
    _add_render,
    _add_check,
    _add_rules,
    _add_causal,
    _add_convert,
    _add_diff,
    _add_outline,
]


def build_parser() -> argparse.ArgumentParser:
    """Return the ``argmap`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Map arguments as data: check, render, convert and evaluate argument maps.",
        epilog=_examples(
            "argmap check examples/out/petro_noem.json",
            "argmap render examples/out/petro_noem.json -o petro_noem.html",
        )
        + "\nRun 'argmap COMMAND --help' for a command's options and examples.",
        formatter_class=_formatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only results and errors: no notes, no bars",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output: auto (a terminal, unless NO_COLOR is set), always or never",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in _COMMANDS:
        add(sub)
    for command in sub.choices.values():
        _add_output_options(command)
    return parser


def _add_output_options(command: argparse.ArgumentParser) -> None:
    """Accept ``--quiet``, ``--color`` and ``--debug`` after a subcommand too (``argmap render
    ... -q``).

    SUPPRESS keeps the top-level value unless the option is given here; a command that defines
    its own ``-q`` keeps it.
    """
    for flags, options in (
        (("-q", "--quiet"), {"action": "store_true", "help": argparse.SUPPRESS}),
        (("--color",), {"choices": ("auto", "always", "never"), "help": argparse.SUPPRESS}),
        (("--debug",), {"action": "store_true", "help": argparse.SUPPRESS}),
    ):
        with suppress(argparse.ArgumentError):
            command.add_argument(*flags, default=argparse.SUPPRESS, **options)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Errors never show a traceback unless ``--debug`` is given: argmap's own errors print one
    line naming the file and the fault, an unexpected exception one line naming the file, the
    exception and its message (``--debug`` re-raises it instead). Ctrl-C prints one line and
    returns 130. When the reader of standard output leaves early (``argmap rules | head -1``)
    the run ends quietly and returns 141, as a program stopped by SIGPIPE reports to a shell.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` when None.

    Returns:
        0 when all is well, 1 for findings at or above ``--fail-on``, 2 for a usage or input
        error or an unexpected fault, 130 after Ctrl-C, 141 when standard output was closed.

    Examples:
        >>> main(["rules", "--format", "nope"])
        2
    """
    _UI.debug = False
    _UI.current = None
    try:
        with _warnings_as_lines():
            code = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # a reader that left early surfaces here, inside this guard
        return code
    except BrokenPipeError:
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        if _UI.debug:
            raise
        print("argmap: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args_list: list[str]) -> int:
    """Parse the arguments and run the command; turn every error but a closed pipe into a line."""
    parser = build_parser()
    if not args_list:
        parser.print_help()
        return EXIT_OK
    try:
        args = parser.parse_args(args_list)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(stop.code or 0)
    _UI.quiet, _UI.colour, _UI.debug = args.quiet, args.color, args.debug
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    from argmap.errors import ArgmapError

    try:
        return handler(args)
    except BrokenPipeError:  # an OSError, but not a fault: main() ends the run quietly
        raise
    except (ArgmapError, _UsageError, OSError) as err:
        if args.debug:
            raise
        _error(str(err))
        return EXIT_USAGE
    except Exception as err:
        # A bug (in argmap or a library under it), not bad input; still one line, exit 2 (1
        # would read as "findings"), and where it struck so that the report can say.
        if args.debug:
            raise
        where = f"{_UI.current}: " if _UI.current else ""
        message = _one_line(str(err))
        fault = f"{type(err).__name__}: {message}" if message else type(err).__name__
        _error(f"{where}internal error: {fault} (run with --debug for a traceback)")
        return EXIT_USAGE


def run() -> None:
    """Run the command line as a program and exit with its code (``python -m argmap``).

    With ``--debug`` an error propagates out of :func:`main`; here its traceback is printed
    and the exit code stays 2 (130 for Ctrl-C), rather than the 1 that Python's own handler
    would give, which reads as "findings".
    """
    import traceback

    try:
        code = main()
    except KeyboardInterrupt:
        traceback.print_exc()
        code = EXIT_INTERRUPTED
    except Exception:
        traceback.print_exc()
        code = EXIT_USAGE
    sys.exit(code)
