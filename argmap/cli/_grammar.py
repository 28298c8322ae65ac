"""The grammar every ``argmap`` command shares: help layout, ``--from``/``--to`` format names,
``--format``, ``--semantics``, and reading the input map.
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from argmap.cli._output import _UI, _out, _version, info


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
#   --speaker ID    run on what one agent tells      (dest speaker, repeatable)
#   --tag TAG       run on what carries a tag        (dest tag, repeatable)
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
        return tuple(sorted(n for n, f in FORMATS.items() if f.writable))
    readable = sorted(n for n, f in FORMATS.items() if f.readable)
    if kind == "read":
        return tuple(readable)
    from argmap.readwrite.iccma import FRAMEWORK_FORMATS  # kind == "evaluate"

    return (*readable, *FRAMEWORK_FORMATS)


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


def _add_part(p: argparse.ArgumentParser, verb: str) -> None:
    """``--speaker ID`` and ``--tag TAG``: run the command on part of the map, the same way in
    every command (through :meth:`~argmap.model.ArgumentMap.subset`)."""
    p.add_argument(
        "--speaker",
        dest="speaker",
        action="append",
        metavar="ID",
        help=f"{verb} only what this agent tells: what they assert, deny or question (said "
        "directly or reported) and what they report others saying; repeat for several",
    )
    p.add_argument(
        "--tag",
        dest="tag",
        action="append",
        metavar="TAG",
        help=f"{verb} only the statements and relations with this tag, and the relations "
        "among them; repeat for several (with --speaker: what they tell on it)",
    )


def _narrow(m: Any, args: argparse.Namespace, asks: Sequence[tuple[str, str | None]] = ()) -> Any:
    """The part of ``m`` that ``--speaker`` and ``--tag`` ask for (``m`` itself without them).

    One speaker alone is their :func:`~argmap.perspective`; otherwise the statements and
    relations any of the speakers tell, carrying any of the tags. An unknown agent or tag is an
    input error naming the closest ids; a note on stderr says how much of the map is left.
    ``asks`` are the (flag, id) pairs the command goes on to look up: one that the map holds
    but its part does not is an input error that says so, rather than "unknown id".
    """
    speakers: list[str] | None = getattr(args, "speaker", None)
    tags: list[str] | None = getattr(args, "tag", None)
    if not speakers and not tags:
        return m
    from argmap.errors import StructureError, UnknownIdError, UsageError
    from argmap.model.queries import perspective

    where = f"{_UI.current}: " if _UI.current else ""
    try:
        if speakers and len(speakers) == 1 and not tags:
            part = perspective(m, speakers[0])
        else:
            part = m.subset(speakers=speakers, tags=tags)
    except (UnknownIdError, StructureError) as err:
        # Only a tag can be unknown as a tag; anything else is about an agent.
        wanted = getattr(err, "wanted", None)
        flag = "--tag" if wanted in (tags or ()) and wanted not in (speakers or ()) else "--speaker"
        raise UsageError(f"{where}{flag}: {err}") from None
    asked = [f"--speaker {s}" for s in speakers or ()] + [f"--tag {t}" for t in tags or ()]
    for flag, wanted in asks:
        if wanted is not None and wanted in m and wanted not in part:
            raise UsageError(
                f"{where}{flag} {wanted}: the map holds it, but not its part that "
                f"{' '.join(asked)} asks for"
            )
    hint = ""
    if not part.statements and speakers:
        # An empty part is an answer, not an error; say who would have given one.
        tellers = sorted({x for a in m.attributions for x in (a.agent, a.reported_by) if x})
        hint = f" (agents who tell something here: {', '.join(tellers) or 'none'})"
    info(
        f"{where}{' '.join(asked)}: {len(part.statements)} of {len(m.statements)} statements, "
        f"{len(part.relations)} of {len(m.relations)} relations{hint}"
    )
    return part


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

    from argmap.readwrite import read_map

    # Standard input has no suffix: read_map looks into its JSON, else takes argmap's JSON.
    # Bytes, so that the reader decodes UTF-8 whatever the terminal's locale (a StringIO that
    # stands in for stdin has no bytes underneath).
    buffer = getattr(sys.stdin, "buffer", None)
    data = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    stream = io.BytesIO(data)
    stream.name = "<stdin>"  # the readers name their input after it
    return read_map(stream, format=fmt)
