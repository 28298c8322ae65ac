"""``argmap diff`` and ``argmap outline``: what changed between two maps, and a map as text."""

from __future__ import annotations

import argparse
from typing import Any

from argmap.cli._grammar import _add_from, _add_report_format, _examples, _formatter, _load_map
from argmap.cli._output import EXIT_FINDINGS, EXIT_OK, _out, info

# A mistake on the command line that argparse cannot catch (errors.py holds every argmap error).
from argmap.errors import UsageError as _UsageError


# --------------------------------------------------------------------------- diff
def _add_diff(sub: Any) -> None:
    p = sub.add_parser(
        "diff",
        help="show what changed between two maps",
        description="Compare two maps record by record: what was added, removed and changed,\n"
        "field by field, printed as a changelog or as JSON. Like diff(1), exit 0 when the maps\n"
        "are equal, 1 when they differ and 2 when one cannot be read.",
        epilog=_examples(
            "argmap diff old.json new.json",
            "argmap diff old.json new.yaml --format json",
            "argmap convert debate.argdown -o - --to json | argmap diff map.json -",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("old", metavar="A", help="the first map (the old version; - for stdin)")
    p.add_argument("new", metavar="B", help="the second map (the new version; - for stdin)")
    _add_from(p, what="each file")
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_diff)


def _run_diff(args: argparse.Namespace) -> int:
    from argmap.model.diff import diff

    if args.old == "-" and args.new == "-":
        raise _UsageError("only one of the two maps can come from standard input")
    a = _load_map(args.old, args.from_format)
    b = _load_map(args.new, args.from_format)
    d = diff(a, b)
    if args.format == "json":
        _out(d.to_json())
    elif d:
        _out(d.to_text())
    else:
        info("no differences")
    return EXIT_FINDINGS if d else EXIT_OK


# --------------------------------------------------------------------------- outline
def _add_outline(sub: Any) -> None:
    p = sub.add_parser(
        "outline",
        help="print a map's arguments as an indented outline",
        description="Print each conclusion with the supports and attacks beneath it, who says\n"
        "each and the words quoted, then the causal links: the argument as text.",
        epilog=_examples(
            "argmap outline examples/out/petro_noem.json",
            "argmap outline debate.argdown | less",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a map file (json, yaml, or any format argmap reads; - for stdin)")
    _add_from(p, what="the file")
    p.set_defaults(handler=_run_outline)


def _run_outline(args: argparse.Namespace) -> int:
    from argmap.rendering.outline import outline

    _out(outline(_load_map(args.file, args.from_format)))
    return EXIT_OK
