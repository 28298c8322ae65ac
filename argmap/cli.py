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
import copy
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import IO, Any, Literal, TypeVar

# A mistake on the command line that argparse cannot catch (errors.py holds every argmap error).
from argmap.errors import UsageError as _UsageError
from argmap.names import VIEWS

__all__ = ["busy", "info", "main", "paint", "progress", "use_colour"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of stdout left before the output ended

Handler = Callable[[argparse.Namespace], int]
_T = TypeVar("_T")


def _version() -> str:
    # The wheel's metadata takes its version from this module (hatch's dynamic version), so
    # reading it here agrees with `pip show` and skips importlib.metadata's 0.1 s scan.
    from argmap._version import __version__

    return __version__


# --------------------------------------------------------------------------- terminal output
class _Ui:
    """How this run talks to the terminal; set by :func:`main` from ``--quiet`` and ``--color``.

    A plain class: ``dataclasses`` would cost ``argmap --help`` a third of its start-up.
    """

    def __init__(self, *, quiet: bool = False, colour: str = "auto") -> None:
        self.quiet = quiet
        self.colour = colour  # "auto" | "always" | "never"
        self.debug = False
        # The file being read or written, so that an unexpected fault can say where it struck.
        self.current: str | None = None


_UI = _Ui()

_STYLES = {
    "error": "1;31",
    "warning": "33",
    "info": "36",
    "ok": "32",
    "bold": "1",
    "dim": "2",
}


def use_colour(stream: IO[str] | None = None) -> bool:
    """Whether text written to ``stream`` may carry colour.

    ``--color always`` and ``--color never`` decide; otherwise colour goes only to a terminal,
    and never when ``NO_COLOR`` is set to anything (https://no-color.org) or ``TERM=dumb``.

    Examples:
        >>> import io
        >>> use_colour(io.StringIO())
        False
    """
    if _UI.colour != "auto":
        return _UI.colour == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    target = sys.stdout if stream is None else stream
    isatty = getattr(target, "isatty", None)
    return bool(isatty is not None and isatty())


def paint(text: str, style: str, stream: IO[str] | None = None) -> str:
    """Return ``text`` in a colour for ``style`` (error, warning, info, ok, bold, dim) when
    :func:`use_colour` allows it for ``stream``, else unchanged.

    Examples:
        >>> import io
        >>> paint("AM201", "warning", io.StringIO())
        'AM201'
    """
    if not text or not use_colour(stream):
        return text
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"


def info(message: str) -> None:
    """Tell the user something on stderr that ``--quiet`` silences (never results or errors)."""
    if not _UI.quiet:
        print(message, file=sys.stderr)


def _out(data: str | bytes = "", *, end: str = "\n") -> None:
    """Write a result to standard output: every stdout write of a command goes through here.

    One door out means one place where a reader that stops early (``argmap rules | head -1``)
    can surface: the :class:`BrokenPipeError` rises from here, or from :func:`main`'s final
    flush, and :func:`main` ends the run quietly.
    """
    if isinstance(data, bytes):
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (a test's StringIO): decode rather than fail
            sys.stdout.write(data.decode("utf-8", "replace") + end)
            return
        sys.stdout.flush()  # text written before must come out before these bytes
        # Into a pipe whose reader has gone, one large write can come back short instead of
        # failing; writing the rest surfaces the BrokenPipeError rather than losing it.
        rest = memoryview(data + end.encode("utf-8"))
        while rest:
            rest = rest[buffer.write(rest) :]
        buffer.flush()
        return
    # The same short write can hide inside one large text write (check's whole report), so
    # large text goes out in pieces: a piece that finds the pipe closed raises.
    text = data + end
    for start in range(0, len(text), _PIECE):
        sys.stdout.write(text[start : start + _PIECE])


_PIECE = 8192  # characters per write of large text; see _out


def _one_line(text: str) -> str:
    """Fold a message onto one line, so that each fault or warning is one line of stderr."""
    return " ".join(text.split())


def _error(message: str) -> None:
    """Report an error on stderr as ``argmap: error: message`` (red on a terminal)."""
    print(f"{paint('argmap: error:', 'error', sys.stderr)} {message}", file=sys.stderr)


def _warning(message: str) -> None:
    """Report a warning on stderr as ``argmap: warning: message``; ``--quiet`` silences it."""
    if not _UI.quiet:
        print(f"{paint('argmap: warning:', 'warning', sys.stderr)} {message}", file=sys.stderr)


def _bar_module() -> Any | None:
    """tqdm, when this run may draw a bar: installed, stderr a terminal, not ``--quiet``."""
    isatty = getattr(sys.stderr, "isatty", None)
    if _UI.quiet or isatty is None or not isatty():
        return None
    import importlib

    try:  # the optional 'progress' extra; without it there is simply no bar
        return importlib.import_module("tqdm")
    except ImportError:
        return None


def progress(
    items: Iterable[_T], *, total: int | None = None, desc: str = "", delay: float = 2.0
) -> Iterator[_T]:
    """Iterate over ``items``, with a progress bar on stderr once the loop has run ``delay`` s.

    The bar needs the optional ``tqdm`` (``pip install 'argmap[progress]'``), a terminal on
    stderr and no ``--quiet``; otherwise the items pass through untouched. Quick loops never
    show a bar. For work that is not a loop, see :func:`busy`.

    Args:
        items: What to iterate over.
        total: How many items, when ``items`` has no ``len()``.
        desc: A few words before the bar (``converting``).
        delay: Seconds before the bar appears.

    Examples:
        >>> [x * 2 for x in progress(range(3), desc="doubling")]
        [0, 2, 4]
    """
    tqdm = _bar_module()
    if tqdm is None:
        yield from items
        return
    bar = tqdm.tqdm(items, total=total, desc=desc, delay=delay, leave=False, file=sys.stderr)
    try:
        yield from bar
    finally:
        bar.close()


@contextmanager
def busy(desc: str, *, delay: float = 2.0) -> Iterator[None]:
    """Show the elapsed time of one long step (laying out a large map) once it passes ``delay``.

    Same conditions as :func:`progress`; a thread refreshes the line while the step runs.

    Examples:
        >>> with busy("rendering"):
        ...     pass
    """
    tqdm = _bar_module()
    if tqdm is None:
        yield
        return
    done = threading.Event()

    def tick() -> None:
        if done.wait(delay):
            return
        bar = tqdm.tqdm(
            total=None, desc=desc, bar_format="{desc}: {elapsed}", leave=False, file=sys.stderr
        )
        while not done.wait(0.25):
            bar.refresh()
        bar.close()

    thread = threading.Thread(target=tick, name="argmap-busy", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


class _VersionAction(argparse.Action):
    """``--version``, which looks the version up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the version and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        _out(f"argmap {_version()}")
        parser.exit()


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out as written (descriptions and ``Examples:`` keep their lines).

    An option whose choices come from the format registry (:class:`_FormatNames`) shows its
    metavar and help without listing them: listing would import the registry, and with it the
    model, which would make every ``--help`` slow.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)

    def _expand_help(self, action: argparse.Action) -> str:
        if isinstance(action.choices, _FormatNames):
            action = copy.copy(action)
            action.choices = None
        return super()._expand_help(action)


def _formatter(prog: str) -> argparse.HelpFormatter:
    return _Formatter(prog)


# --------------------------------------------------------------------------- one grammar
# One flag a concept, the same in every command (docs/cli.md has the table):
#   --from FMT      the input's file format          (dest from_format)
#   --to FMT        the output's file format         (dest to_format)
#   -o/--output     the file to write                (dest output)
#   --format STYLE  how a result prints on stdout: text, json, ...  (dest format)
#                   (never a file format)
#   --semantics     which acceptability semantics    (dest semantics)
# tests/test_architecture.py walks the parser and holds every command to this.

# Drawing formats of 'argmap render' by suffix; --to names them when the suffix does not.
_DRAWING_SUFFIXES: dict[str, str] = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
    ".mermaid": "mermaid",
    ".html": "html",
    ".htm": "html",
}
_DRAWING_FORMATS: tuple[str, ...] = tuple(dict.fromkeys(_DRAWING_SUFFIXES.values()))
"""The formats ``argmap render --to`` draws into."""


_FormatUse = Literal["read", "write", "draw", "evaluate"]
"""What a format list is for: the registry's readers, its writers, drawings, or frameworks."""


def _format_names(kind: _FormatUse) -> tuple[str, ...]:
    """The format names a command's ``--from`` or ``--to`` accepts, from the format registry.

    Args:
        kind: ``"read"`` (map formats argmap reads), ``"write"`` (map formats it writes),
            ``"evaluate"`` (what ``argmap eval`` reads: the map formats and the ICCMA
            framework formats) or ``"draw"`` (what ``argmap render`` draws).

    Examples:
        >>> "yaml" in _format_names("read") and "graphml" not in _format_names("read")
        True
        >>> "graphml" in _format_names("write"), "i23" in _format_names("evaluate")
        (True, True)
    """
    if kind == "draw":
        return _DRAWING_FORMATS
    from argmap.readwrite import FORMATS

    if kind == "write":
        return tuple(sorted(n for n, f in FORMATS.items() if f.writer is not None))
    readable = sorted(n for n, f in FORMATS.items() if f.reader is not None)
    if kind == "read":
        return tuple(readable)
    from argmap.readwrite.iccma import ICCMA_FORMATS  # kind == "evaluate"

    return (*readable, *ICCMA_FORMATS)


class _FormatNames:
    """``choices=`` for ``--from``/``--to``, read from the format registry on first use.

    Parsing a value (and a usage error, which lists the names) reads the registry; ``--help``
    does not, so that it stays quick (see :class:`_Formatter`).
    """

    def __init__(self, kind: _FormatUse) -> None:
        self.kind: _FormatUse = kind
        self._names: tuple[str, ...] | None = None

    def _load(self) -> tuple[str, ...]:
        if self._names is None:
            self._names = _format_names(self.kind)
        return self._names

    def __contains__(self, value: object) -> bool:
        return value in self._load()

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())


def _add_from(
    p: argparse.ArgumentParser, kind: _FormatUse = "read", *, what: str = "the input"
) -> None:
    """``--from FMT``: the input's format, when its suffix does not tell (or it is stdin)."""
    p.add_argument(
        "--from",
        dest="from_format",
        metavar="FMT",
        choices=_FormatNames(kind),
        help=f"{what}'s format when its suffix does not say: {_FORMAT_HINT[kind]}",
    )


_FORMAT_HINT = {
    "read": "json, yaml, argdown, aif, ... ('argmap convert --help' lists them)",
    "evaluate": "i23, apx, tgf, or a map format as for 'argmap convert'",
}


def _add_report_format(p: argparse.ArgumentParser, *styles: str) -> None:
    """``--format STYLE``: how a result prints on standard output (never a file format)."""
    p.add_argument(
        "--format",
        dest="format",
        metavar="STYLE",
        choices=("text", *styles),
        default="text",
        help="how to print the result: %(choices)s (default: text)",
    )


def _semantics_name(value: str) -> str:
    """Turn a ``--semantics`` value into its canonical name, or say what it may be."""
    import argmap.semantics as sem

    try:
        return sem._semantics(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


_SEMANTICS_HELP = (
    "grounded, complete, preferred, stable, semi-stable, stage, ideal, admissible, "
    "conflict-free, or an ICCMA code (GR, CO, PR, ST, SST, STG, ID, AD, CF)"
)


def _add_semantics(p: argparse.ArgumentParser, default: str | None, what: str) -> None:
    """``--semantics NAME``: which acceptability semantics, the same names in every command."""
    p.add_argument(
        "--semantics",
        dest="semantics",
        metavar="NAME",
        type=_semantics_name,
        default=default,
        help=f"{what}: {_SEMANTICS_HELP}",
    )


def _examples(*lines: str) -> str:
    """The ``Examples:`` epilog of a command's ``--help``; a test parses every line."""
    return "Examples:\n" + "".join(f"  {line}\n" for line in lines)


def _load_map(path: str, fmt: str | None = None) -> Any:
    """Read a map from a path, or from standard input for ``-``.

    Standard input is argmap JSON unless ``fmt`` says otherwise or its JSON is plainly another
    format's (AIF, SADFace, node-link), just as a ``.json`` file is looked into.
    """
    from argmap.readwrite import read_map

    _UI.current = "<stdin>" if path == "-" else path
    if path == "-":
        return _read_stdin(fmt)
    return read_map(path, format=fmt)


def _read_stdin(fmt: str | None) -> Any:
    import io
    import json

    from argmap.readwrite import format_for
    from argmap.readwrite.convert import sniff_json
    from argmap.readwrite.native import from_json

    text = sys.stdin.read()
    if fmt is None:
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            doc = None  # not JSON at all: the JSON reader says where, with line and column
        fmt = sniff_json(doc) or "json"
    if fmt == "json":
        return from_json(text, origin="<stdin>")
    stream = io.StringIO(text)
    stream.name = "<stdin>"  # the readers name their input after it
    return format_for("-", fmt).read(stream)


# --------------------------------------------------------------------------- stats
def _add_stats(sub: Any) -> None:
    p = sub.add_parser(
        "stats",
        help="count what a map holds",
        description="Count a map's statements, relations, agents and sources by kind.",
        epilog=_examples(
            "argmap stats examples/out/petro_noem.json",
            "argmap stats debate.argdown --format json",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a map file (json, yaml, or any format argmap reads; - for stdin)")
    _add_from(p, what="the file")
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_stats)


def _run_stats(args: argparse.Namespace) -> int:
    import json
    from collections import Counter

    m = _load_map(args.file, args.from_format)
    kinds = Counter(s.kind for s in m.statements.values())
    kinds.update(r.sort if r.kind == "attack" else r.kind for r in m.relations.values())
    stats: dict[str, Any] = {
        "title": m.title,
        "statements": len(m.statements),
        "relations": len(m.relations),
        "attributions": len(m.attributions),
        "agents": [a.name for a in m.agents.values()],
        "sources": [s.title for s in m.sources.values()],
        "by_kind": dict(sorted(kinds.items())),
    }
    if args.format == "json":
        _out(json.dumps(stats, indent=2, ensure_ascii=False))
        return EXIT_OK
    _out(m.summary())
    for kind, count in stats["by_kind"].items():
        _out(f"  {kind:<12} {count}")
    _out(f"  {'attributions':<12} {stats['attributions']}")
    if stats["agents"]:
        _out("agents: " + ", ".join(stats["agents"]))
    if stats["sources"]:
        _out("sources: " + ", ".join(stats["sources"]))
    return EXIT_OK


# --------------------------------------------------------------------------- schema
def _add_schema(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of argmap's map files",
        description="Print the JSON Schema that argmap's JSON and YAML files follow.",
        epilog=_examples("argmap schema > argmap.schema.json"),
        formatter_class=_formatter,
    )
    p.set_defaults(handler=_run_schema)


def _run_schema(args: argparse.Namespace) -> int:
    import json

    from argmap.readwrite.native import json_schema

    _out(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


# --------------------------------------------------------------------------- render
def _add_render(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        help="draw a map with Graphviz (svg, png, pdf, dot), as Mermaid or as an HTML page",
        description="Draw one view of a map into a file: svg, png or pdf through Graphviz (the\n"
        "system 'dot', else the graphviz-pure wheel), the DOT text itself, Mermaid (.mmd), or\n"
        "one offline interactive page of every view (.html). The format comes from OUT's\n"
        "suffix unless --to says.",
        epilog=_examples(
            "argmap render examples/out/petro_noem.json -o causal.svg --view causal",
            "argmap render examples/out/petro_noem.json -o map.html --semantics grounded",
            "argmap render debate.argdown -o - --to mermaid",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a map file (json, yaml, or any format argmap reads; - for stdin)")
    p.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the file to write (- for stdout)"
    )
    _add_from(p)
    p.add_argument(
        "--to",
        dest="to_format",
        metavar="FMT",
        choices=_DRAWING_FORMATS,
        help="the drawing's format when OUT's suffix does not say: %(choices)s",
    )
    p.add_argument(
        "--view",
        choices=VIEWS,
        default="argument",
        help="what to draw (default: argument)",
    )
    p.add_argument("--cluster-by", choices=("speaker", "tag"), help="group statements in boxes")
    p.add_argument("--focus", metavar="ID", help="draw only what lies near this statement")
    p.add_argument(
        "--depth",
        type=int,
        default=1,
        metavar="K",
        help="how many relations away from --focus (default: 1)",
    )
    p.add_argument(
        "--path",
        nargs=2,
        metavar=("A", "B"),
        help="draw the statements and relations between A and B",
    )
    p.add_argument("--speaker", metavar="ID", help="draw what one agent takes a stance on")
    p.add_argument(
        "--engine",
        choices=("auto", "dot", "graphviz-pure"),
        default="auto",
        help="layout engine (default: auto, the system dot else graphviz-pure)",
    )
    p.add_argument(
        "--max-nodes",
        default="2000",
        metavar="N",
        help="refuse maps with more statements than N; 'none' for no limit",
    )
    _add_semantics(
        p,
        None,
        "mark each statement in, out or undecided under this semantics, reading the map's "
        "claims as a Dung framework",
    )
    p.add_argument("--no-legend", action="store_true", help="leave the legend out")
    p.set_defaults(handler=_run_render)


def _run_render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap._io import atomic_write

    if args.max_nodes.lower() == "none":
        max_nodes = None
    else:
        try:
            max_nodes = int(args.max_nodes)
        except ValueError:
            raise _UsageError(
                f"--max-nodes {args.max_nodes!r}: expected a number or 'none'"
            ) from None
    options: dict[str, Any] = {
        "view": args.view,
        "cluster_by": args.cluster_by,
        "focus": args.focus,
        "depth": args.depth,
        "path": args.path,
        "speaker": args.speaker,
        "max_nodes": max_nodes,
        "legend": not args.no_legend,
    }
    fmt = args.to_format or _DRAWING_SUFFIXES.get(Path(args.output).suffix.lower())
    if fmt is None:
        raise _UsageError(
            f"cannot tell the output format from {args.output!r}; use a .svg, .png, .pdf, "
            ".dot, .mmd or .html suffix, or --to"
        )
    if args.semantics is not None and fmt == "mermaid":
        raise _UsageError("--semantics is drawn in svg, png, pdf, dot and html, not in Mermaid")
    m = _load_map(args.file, args.from_format)
    if args.semantics is not None:
        import argmap.semantics as sem

        options["labelling"] = sem.statement_labelling(m, args.semantics)
    if fmt == "mermaid":
        from argmap.rendering import to_mermaid

        data: bytes = (to_mermaid(m, **options) + "\n").encode("utf-8")
    elif fmt == "html":
        from argmap.rendering.html import to_html

        options.pop("legend")  # the page shows its legend beside the map, not in it
        with busy("rendering"):
            data = to_html(m, engine=args.engine, **options).encode("utf-8")
    else:
        from argmap.rendering import pipe

        with busy("rendering"):
            data = pipe(m, fmt, engine=args.engine, **options)
    if args.output == "-":
        _out(data, end="")
    else:
        atomic_write(args.output, data)
    return EXIT_OK


# --------------------------------------------------------------------------- check
def _add_check(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="run consistency checks on maps",
        description="Run the consistency checks on one or more maps and print one line a finding\n"
        "(path:id: CODE [severity] message), or JSON, GitHub annotations or SARIF.\n"
        "Exit 0 when no finding reaches --fail-on, 1 when one does, 2 when a file could not\n"
        "be read or an option is wrong. 'argmap rules' lists the checks.",
        epilog=_examples(
            "argmap check examples/out/petro_noem.json --ignore AM9 --fail-on warning",
            "argmap check maps/*.json --format sarif > argmap.sarif",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="map files (- for standard input)")
    _add_from(p, what="the files")
    p.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="checks to run: codes, prefixes (AM2), names or ALL, comma-separated (default ALL)",
    )
    p.add_argument("--ignore", action="append", metavar="CODES", help="checks to leave out")
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    _add_report_format(p, "json", "github", "sarif")
    p.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from argmap.checks import check, select_checks
    from argmap.checks.report import format_findings
    from argmap.errors import ArgmapError

    chosen = select_checks(args.select, args.ignore)  # a bad code is a usage error: exit 2
    results = []
    unreadable = 0
    for path in args.files:
        try:
            m = _load_map(path, args.from_format)
        except (ArgmapError, OSError) as err:
            _error(str(err))
            unreadable += 1
            continue
        shown = "<stdin>" if path == "-" else path
        results.append((shown, check(m, select=[c.code for c in chosen])))
    _out(format_findings(results, args.format, checks=chosen), end="")
    if args.format == "text":
        print(_check_summary(results, unreadable), file=sys.stderr)
    if unreadable:
        return EXIT_USAGE
    hit = any(f.at_least(args.fail_on) for _, found in results for f in found)
    return EXIT_FINDINGS if hit else EXIT_OK


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _check_summary(results: Sequence[tuple[str, Sequence[Any]]], unreadable: int) -> str:
    """The last line of ``argmap check``: findings in the files checked, and what was not read.

    A file that could not be read was not checked, so it is counted apart: "0 findings" would
    read as a clean bill for it.
    """
    parts = []
    if results or not unreadable:
        total = sum(len(found) for _, found in results)
        parts.append(f"{_plural(total, 'finding')} in {_plural(len(results), 'file')} checked")
    if unreadable:
        parts.append(f"{_plural(unreadable, 'file')} could not be read")
    return "; ".join(parts)


# --------------------------------------------------------------------------- rules
def _add_rules(sub: Any) -> None:
    p = sub.add_parser(
        "rules",
        help="list the checks, or show one check's documentation",
        description="List every check with its code, name, severity and summary, or print one\n"
        "check's documentation with its examples; --markdown prints docs/checks.md.",
        epilog=_examples("argmap rules", "argmap rules AM201", "argmap rules --format json"),
        formatter_class=_formatter,
    )
    p.add_argument("rule", nargs="?", help="a check's code or name")
    p.add_argument("--markdown", action="store_true", help="print the whole reference page")
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_rules)


def _run_rules(args: argparse.Namespace) -> int:
    import json

    from argmap.checks import get_check, rules
    from argmap.checks.docs import generate_markdown, rule_markdown

    if args.markdown:
        _out(generate_markdown(), end="")
        return EXIT_OK
    if args.rule:
        rules()  # load every check module before the lookup
        chk = get_check(args.rule)
        if args.format == "json":
            _out(json.dumps(_rule_dict(chk), indent=2, ensure_ascii=False))
        else:
            _out(rule_markdown(chk), end="")
        return EXIT_OK
    known = rules()
    if args.format == "json":
        _out(json.dumps([_rule_dict(c) for c in known], indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(c.name) for c in known)
    for c in known:
        _out(f"{c.code}  {c.name:<{width}}  {c.severity:<7}  {c.summary}")
    return EXIT_OK


def _rule_dict(chk: Any) -> dict[str, str]:
    return {
        "code": chk.code,
        "name": chk.name,
        "severity": chk.severity,
        "summary": chk.summary,
        "anchor": chk.anchor,
    }


# --------------------------------------------------------------------------- causal
def _add_causal(sub: Any) -> None:
    p = sub.add_parser(
        "causal",
        help="causal chains and net effects, feedback loops, what-if",
        description="Ask a map's causal links: the chains from one factor to another and their\n"
        "net effect (--cause/--effect), the feedback loops (--loops), and which way every\n"
        "factor moves when some are pushed up or down (--what-if FACTOR=+ or FACTOR=-,\n"
        "repeatable). A factor and its opposite are one variable; in chains '~x' marks a\n"
        "passage to the opposite factor x.",
        epilog=_examples(
            "argmap causal examples/out/petro_noem.json --cause blockade --effect gang --loops",
            "argmap causal examples/out/petro_noem.json --what-if inclusion=+ --format json",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a map file (json, yaml, or any format argmap reads; - for stdin)")
    _add_from(p, what="the file")
    p.add_argument("--cause", metavar="ID", help="the factor the chains start from")
    p.add_argument("--effect", metavar="ID", help="the factor the chains end at")
    p.add_argument("--loops", action="store_true", help="list the feedback loops")
    p.add_argument(
        "--what-if",
        dest="what_if",
        action="append",
        metavar="ID=SIGN",
        help="push a factor up (ID=+) or down (ID=-); repeat for several",
    )
    p.add_argument(
        "--max-length", type=int, default=8, metavar="N", help="longest chain or loop, in links"
    )
    p.add_argument(
        "--limit", type=int, default=1000, metavar="N", help="most chains or loops to list"
    )
    p.add_argument(
        "--max-steps", type=int, metavar="N", help="most what-if rounds (default: until settled)"
    )
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_causal)


def _run_causal(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from argmap.causal import Chain, Loop, feedback_loops, net_effect, what_if

    if (args.cause is None) != (args.effect is None):
        raise _UsageError("--cause and --effect go together: give both, or neither")
    if args.cause is None and not args.loops and not args.what_if:
        raise _UsageError("say what to ask: --cause A --effect B, --loops, or --what-if A=-")
    pushes: dict[str, str] = {}
    for item in args.what_if or ():
        factor, _, sign = item.rpartition("=")
        if not factor or sign not in ("+", "-"):
            raise _UsageError(f"--what-if expects FACTOR=+ or FACTOR=-, got {item!r}")
        pushes[factor] = sign
    m = _load_map(args.file, args.from_format)

    def path_text(start: str, steps: Any) -> str:
        text, at = start, start
        for step in steps:
            if step.cause != at:
                text += f" ~{step.cause}"
            text += f" -[{step.link} {step.polarity}]-> {step.effect}"
            at = step.effect
        return text

    def chain_dict(c: Chain | Loop) -> dict[str, Any]:
        extra = {"name": c.name, "kind": c.kind} if isinstance(c, Loop) else {}
        return {
            **extra,
            "polarity": c.polarity,
            "links": list(c.links),
            "factors": list(c.factors),
            "flips": c.flips,
            "agents": list(c.agents),
            "asserted_by_all": list(c.asserted_by_all),
            "steps": [asdict(s) for s in c.steps],
        }

    out: dict[str, Any] = {}
    lines: list[str] = []
    if args.cause is not None:
        effect = net_effect(
            m, args.cause, args.effect, max_length=args.max_length, limit=args.limit
        )
        out["net_effect"] = {
            "source": effect.source,
            "target": effect.target,
            "effect": effect.effect,
            "truncated": effect.truncated,
            "chains": [chain_dict(c) for c in effect.chains],
        }
        stop = f"; stopped at --limit {args.limit}, more exist" if effect.truncated else ""
        n = len(effect.chains)
        lines.append(
            f"net effect of {effect.source} on {effect.target}: {effect.effect} "
            f"({n} chain{'' if n == 1 else 's'} of at most {args.max_length} links{stop})"
        )
        for c in effect.chains:
            lines.append(f"  {c.polarity}  {path_text(c.source, c.steps)}  [{_causal_agents(c)}]")
    if args.loops:
        loops = feedback_loops(m, max_length=args.max_length, limit=args.limit)
        out["loops"] = {
            "truncated": loops.truncated,
            "longer_skipped": loops.longer_skipped,
            "max_length": loops.max_length,
            "loops": [chain_dict(lp) for lp in loops],
        }
        stop = f"; stopped at --limit {args.limit}, more exist" if loops.truncated else ""
        if loops.longer_skipped:
            stop += f"; longer loops may exist (raise --max-length above {args.max_length})"
        lines.append(f"feedback loops of at most {args.max_length} links: {len(loops)}{stop}")
        for lp in loops:
            text = path_text(lp.steps[0].cause, lp.steps)
            lines.append(f"  {lp.name:<4} {lp.polarity}  {text}  [{_causal_agents(lp)}]")
    if pushes:
        change = what_if(m, pushes, max_steps=args.max_steps)
        out["what_if"] = {
            "interventions": dict(change.interventions),
            "changes": dict(change.changes),
            "steps": change.steps,
            "stopped_early": change.stopped_early,
        }
        asked = ", ".join(f"{f} {s}" for f, s in change.interventions)
        stop = f" (stopped after {change.steps} rounds)" if change.stopped_early else ""
        lines.append(f"what if {asked}{stop}:")
        width = max((len(sid) for sid, _ in change.changes), default=0)
        lines.extend(f"  {sid:<{width}}  {direction}" for sid, direction in change.changes)
    if args.format == "json":
        _out(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        _out("\n".join(lines))
    return EXIT_OK


def _causal_agents(c: Any) -> str:
    """Who stands behind a chain or loop, for one line of text."""
    if c.asserted_by_all:
        return "asserted by " + ", ".join(c.asserted_by_all)
    if c.agents:
        return "links from " + ", ".join(c.agents) + "; no one asserts every link"
    return "no one asserts these links"


# --------------------------------------------------------------------------- convert
def _add_convert(sub: Any) -> None:
    p = sub.add_parser(
        "convert",
        help="convert a map, or a folder of maps, between formats",
        description="Convert a map between formats. Formats (name: suffixes):\n"
        "  json: .json  yaml: .yaml .yml  aif: .aif.json .xaif.json .aif (AIFdb, OVA; xAIF read)\n"
        "  sadface: .sadface.json .sadface  node-link: .nodelink.json .node-link.json\n"
        "  microtext: .arggraph.xml .xml (read only)  graphml: .graphml (write only)\n"
        "  argdown: .argdown .ad\n"
        "The format comes from --from/--to or the longest suffix (x.aif.json is AIF); a plain\n"
        ".json file is looked into to tell AIF, SADFace, node-link and argmap JSON apart.\n\n"
        "With a folder, every file argmap reads is converted into OUT (a folder, created when\n"
        "missing) as NAME + the suffix of --to (argmap JSON by default); each failure is\n"
        "reported and the others go on. Exit 0 when all converted, 1 when some failed, 2 for a\n"
        "usage error or when the one file given cannot be converted.\n\n"
        "IN may be - for standard input (argmap JSON unless --from says, or its JSON is\n"
        "plainly AIF, SADFace or node-link); -o - writes standard output and needs --to.",
        epilog=_examples(
            "argmap convert debate.aif.json -o debate.yaml",
            "argmap convert corpus/en -o out --to aif",
            "cat debate.aif.json | argmap convert - -o - --to argdown",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("source", metavar="IN", help="a map file, a folder of map files, or -")
    p.add_argument(
        "target",
        metavar="OUT",
        nargs="?",
        help="the same as -o OUT (kept for older scripts)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file (for a folder, the folder) to write; - for standard output",
    )
    _add_from(p)
    p.add_argument(
        "--to",
        dest="to_format",
        metavar="FMT",
        choices=_FormatNames("write"),
        help="the output's format when its suffix does not say: json, yaml, argdown, aif, ...",
    )
    p.set_defaults(handler=_run_convert)


class _BytesSink:
    """An in-memory binary file that writers treat as one (they encode text for a "b" mode)."""

    mode = "wb"
    name = "<stdout>"

    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, data: bytes) -> int:
        self.data += data
        return len(data)


def _run_convert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap.errors import FormatError
    from argmap.readwrite import format_for
    from argmap.readwrite.convert import convert, convert_folder

    if args.target is not None and args.output is not None:
        raise _UsageError("give the output once: as OUT or as -o OUT, not both")
    target: str | None = args.output if args.output is not None else args.target
    if target is None:
        raise _UsageError("say where to write: argmap convert IN -o OUT")
    if target == "-" and args.to_format is None:
        raise _UsageError("-o - writes standard output, which has no suffix: add --to FMT")
    if args.source != "-" and Path(args.source).is_dir():
        if target == "-":
            raise _UsageError("a folder converts into a folder, not into standard output")
        _UI.current = args.source
        report = convert_folder(
            args.source,
            target,
            from_format=args.from_format,
            to_format=args.to_format or "json",
        )
        failed = 0
        for item in report:
            if item.error is None:
                _out(f"{item.source} -> {item.target}")
            else:
                failed += 1
                _error(item.error)
        print(f"{len(report) - failed} converted, {failed} failed", file=sys.stderr)
        return EXIT_FINDINGS if failed else EXIT_OK
    if args.source != "-" and target != "-":
        _UI.current = args.source
        convert(args.source, target, from_format=args.from_format, to_format=args.to_format)
        return EXIT_OK
    # Standard input or output: the same steps as convert(), with a stream at one end. The
    # output format is settled first, so that a wrong --to fails before stdin is read.
    fmt_out = format_for(target, args.to_format)
    if fmt_out.writer is None:
        raise FormatError(f"argmap can read {fmt_out.name} but not write it", file=target)
    m = _load_map(args.source, args.from_format)
    if target != "-":
        fmt_out.write(m, target)
        return EXIT_OK
    sink = _BytesSink()
    fmt_out.write(m, sink)  # type: ignore[arg-type]  # a write-only binary file is all it needs
    _out(bytes(sink.data), end="")
    return EXIT_OK


# --------------------------------------------------------------------------- eval
_FRAMEWORK_FORMATS = ("i23", "apx", "tgf")


def add_eval_command(sub: Any) -> None:
    """Register ``argmap eval``: semantics of an ICCMA framework or of a map's statements."""
    p = sub.add_parser(
        "eval",
        help="which arguments survive: extensions, acceptance, statement status",
        description="Evaluate a framework (i23, apx, tgf) or a map (json, yaml, ...).\n\n"
        "For a framework, SE prints one extension as a witness line 'w 1 4 7' (or NO), EE one\n"
        "line per extension, DC and DS print YES or NO (DC adds a witness after YES).\n"
        "For a map without --task: every statement with its status (in, out, undec).\n"
        "Exit status: 0 answered (YES or NO alike), 2 usage or input error.",
        epilog=_examples(
            "argmap eval af.i23 --semantics preferred --task EE",
            "argmap eval af.tgf --task DC --arg a3 --semantics stable",
            "argmap eval examples/out/petro_noem.json --semantics grounded --format json",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a framework or map file; - for standard input")
    _add_from(p, "evaluate", what="the file")
    _add_semantics(p, "grounded", "which arguments to accept (default: grounded)")
    p.add_argument("--task", choices=("SE", "EE", "DC", "DS"), type=str.upper, help="ICCMA task")
    p.add_argument("--arg", help="the argument (or statement id) that DC and DS ask about")
    p.add_argument(
        "--level",
        choices=("claims", "structured", "bipolar"),
        default="claims",
        help="how to read a map as a framework (default claims)",
    )
    p.add_argument(
        "--support",
        choices=("deductive", "necessary", "general"),
        help="support reading for --level bipolar",
    )
    p.add_argument("--solver", choices=("auto", "python", "sat"), default="auto")
    p.add_argument("--limit", type=int, metavar="N", help="EE: stop after this many extensions")
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_eval)


def _run_eval(args: argparse.Namespace) -> int:
    import io
    import json

    import argmap.semantics as sem
    from argmap.readwrite.iccma import read_framework

    semantics = args.semantics
    if args.task in ("DC", "DS") and not args.arg:
        raise _UsageError(f"--task {args.task} needs --arg ARGUMENT")
    if args.arg and args.task not in ("DC", "DS"):
        raise _UsageError("--arg goes with --task DC or DS")
    if args.limit is not None and (args.task != "EE" or args.limit < 0):
        raise _UsageError("--limit goes with --task EE and must be >= 0")
    suffix = args.file.rsplit(".", 1)[-1].lower() if "." in args.file else ""
    fmt = args.from_format or (suffix if suffix in _FRAMEWORK_FORMATS else None)
    if args.support and args.level != "bipolar":
        raise _UsageError("--support goes with --level bipolar")
    if args.level == "bipolar" and not args.support:
        raise _UsageError("--level bipolar needs --support deductive, necessary or general")
    if fmt in _FRAMEWORK_FORMATS:
        source: Any = io.StringIO(sys.stdin.read()) if args.file == "-" else args.file
        if args.file == "-":
            source.name = "<stdin>"
        af = read_framework(source, fmt)
        is_map = False
    else:
        m = _load_map(args.file, fmt)
        is_map = True
        if args.task is None:
            status = sem.statement_labelling(
                m, semantics, level=args.level, support=args.support, solver=args.solver
            )
            if args.format == "json":
                _out(json.dumps({"semantics": semantics, "status": status}, indent=2))
                return EXIT_OK
            width = max((len(k) for k in status), default=2)
            _out(f"{'id':<{width}}  status  text")
            for sid, label in status.items():
                text = " ".join(str(m.statements[sid].text).split())
                _out(f"{sid:<{width}}  {label:<6}  {text}")
            return EXIT_OK
        af = sem.af_from_map(m, args.level, support=args.support)
    task = args.task or "SE"
    order = {name: i for i, name in enumerate(af.arguments)}

    def witness(extension: frozenset[str]) -> list[str]:
        return sorted(extension, key=order.__getitem__)

    result: dict[str, Any] = {"semantics": semantics, "task": task}
    lines: list[str] = []
    if task == "SE":
        found = sem.some_extension(af, semantics, solver=args.solver)
        result["extension"] = None if found is None else witness(found)
        lines.append("NO" if found is None else " ".join(["w", *witness(found)]))
    elif task == "EE":
        every = sem.extensions(af, semantics, limit=args.limit, solver=args.solver)
        result["extensions"] = [witness(e) for e in every]
        lines.extend(" ".join(["w", *witness(e)]) for e in every)
    else:
        if args.arg not in af:
            what = "statement" if is_map else "argument"
            raise _UsageError(f"--arg {args.arg!r}: no such {what} in {args.file}")
        if task == "DC":
            found = sem.credulous_witness(af, args.arg, semantics, solver=args.solver)
            result["answer"] = found is not None
            result["witness"] = None if found is None else witness(found)
            lines.append("NO" if found is None else "YES")
            if found is not None:
                lines.append(" ".join(["w", *witness(found)]))
        else:
            counter = sem.sceptical_counterexample(af, args.arg, semantics, solver=args.solver)
            result["answer"] = counter is None
            lines.append("YES" if counter is None else "NO")
    if args.format == "json":
        _out(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _out("\n".join(lines))
    return EXIT_OK


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


@contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Print each warning raised during a run once, as one ``argmap: warning: ...`` line.

    Python's own display adds the file, line and source of the ``warnings.warn`` call, which
    means nothing to someone running a command, and its once-per-place rule lets the same
    message through again from another place. ``-W`` or ``PYTHONWARNINGS`` still decide which
    warnings show (``-W error`` turns them into errors).
    """
    import warnings

    seen: set[str] = set()

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: IO[str] | None = None,
        line: str | None = None,
    ) -> None:
        text = _one_line(str(message))
        if text not in seen:
            seen.add(text)
            _warning(text)

    with warnings.catch_warnings():
        if not sys.warnoptions:  # the user's -W options win over ours
            # UserWarning covers argmap's own (RenderWarning); deprecations stay hidden.
            warnings.simplefilter("always", UserWarning)
        warnings.showwarning = show
        yield


def _stdout_to_devnull() -> None:
    """Point standard output at the null device once its reader has gone.

    Python flushes stdout again at exit; into a closed pipe that flush fails and prints
    "Exception ignored ... BrokenPipeError". Pointing the descriptor elsewhere lets it succeed.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a stream with no descriptor: nothing to do
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


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


if __name__ == "__main__":  # pragma: no cover
    run()
