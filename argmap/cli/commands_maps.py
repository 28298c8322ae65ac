"""``argmap stats``, ``argmap schema`` and ``argmap convert``: what a map holds, its schema, and
its conversion between formats.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from argmap.cli._grammar import (
    _add_from,
    _add_report_format,
    _examples,
    _FormatNames,
    _formatter,
    _load_map,
)
from argmap.cli._output import _UI, EXIT_FINDINGS, EXIT_OK, _error, _out

# A mistake on the command line that argparse cannot catch (errors.py holds every argmap error).
from argmap.errors import UsageError as _UsageError


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


# --------------------------------------------------------------------------- convert
def _format_table() -> str:
    """One line a format of the registry, for ``argmap convert --help``."""
    from argmap.readwrite import FORMATS  # light: it loads no format until one is used

    lines = []
    for fmt in FORMATS.values():
        only = (
            "" if fmt.readable and fmt.writable else (" (read only)", " (write only)")[fmt.writable]
        )
        lines.append(f"  {fmt.name}: {' '.join(fmt.suffixes)}  {fmt.description}{only}\n")
    return "".join(lines)


def _add_convert(sub: Any) -> None:
    p = sub.add_parser(
        "convert",
        help="convert a map, or a folder of maps, between formats",
        description="Convert a map between formats. Formats (name: suffixes):\n"
        + _format_table()
        + "The format comes from --from/--to or the longest suffix (x.aif.json is AIF); a plain\n"
        ".json file is looked into to tell AIF, SADFace, node-link and argmap JSON apart; a\n"
        "path ending in .gz is compressed (x.json.gz is argmap JSON).\n\n"
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


def _run_convert(args: argparse.Namespace) -> int:
    import io
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
    if not fmt_out.writable:
        raise FormatError(f"argmap can read {fmt_out.name} but not write it", file=target)
    m = _load_map(args.source, args.from_format)
    if target != "-":
        fmt_out.write(m, target)
        return EXIT_OK
    sink = io.BytesIO()  # writers encode UTF-8 for a binary file
    sink.name = "<stdout>"  # the writers name their output after it
    fmt_out.write(m, sink)
    _out(sink.getvalue(), end="")
    return EXIT_OK
