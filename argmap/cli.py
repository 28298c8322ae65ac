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
from typing import Any

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class _UsageError(Exception):
    """A mistake in the command line that argparse could not catch."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("argmap")
    except PackageNotFoundError:  # running from a source tree
        from argmap._version import __version__

        return __version__


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _load_map(path: str, fmt: str | None = None) -> Any:
    """Read a map from a path (``-`` for standard input, as argmap JSON unless told)."""
    from argmap.readwrite import format_for
    from argmap.readwrite.native import from_json

    if path == "-":
        if fmt in (None, "json"):
            return from_json(sys.stdin.read(), origin="<stdin>")
        import io

        return format_for("-", fmt).read(io.StringIO(sys.stdin.read()))
    return format_for(path, fmt).read(path)


# --------------------------------------------------------------------------- stats
def _add_stats(sub: Any) -> None:
    p = sub.add_parser(
        "stats",
        help="count what a map holds",
        description="Count a map's statements, relations, agents and sources by kind.\n\n"
        "example:\n  argmap stats examples/out/petro_noem.json",
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a map file (json, yaml, or any format argmap reads; - for stdin)")
    p.add_argument("--from", dest="fmt", help="the file's format when its suffix does not say")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(handler=_run_stats)


def _run_stats(args: argparse.Namespace) -> int:
    import json
    from collections import Counter

    m = _load_map(args.file, args.fmt)
    kinds = Counter(s.kind for s in m.statements.values())
    kinds.update(r.type if r.kind == "attack" else r.kind for r in m.relations.values())
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
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(m.summary())
    for kind, count in stats["by_kind"].items():
        print(f"  {kind:<12} {count}")
    print(f"  {'attributions':<12} {stats['attributions']}")
    if stats["agents"]:
        print("agents: " + ", ".join(stats["agents"]))
    if stats["sources"]:
        print("sources: " + ", ".join(stats["sources"]))
    return EXIT_OK


# --------------------------------------------------------------------------- schema
def _add_schema(sub: Any) -> None:
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of argmap's map files",
        description="Print the JSON Schema that argmap's JSON and YAML files follow.\n\n"
        "example:\n  argmap schema > argmap.schema.json",
        formatter_class=_formatter,
    )
    p.set_defaults(handler=_run_schema)


def _run_schema(args: argparse.Namespace) -> int:
    import json

    from argmap.readwrite.native import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


# --------------------------------------------------------------------------- convert
def _add_convert(sub: Any) -> None:
    p = sub.add_parser(
        "convert",
        help="convert a map, or a folder of maps, between formats",
        description="Convert a map between formats. Formats (name: suffixes):\n"
        "  json: .json  yaml: .yaml .yml  aif: .aif.json .xaif.json .aif (AIFdb, OVA; xAIF read)\n"
        "  sadface: .sadface.json .sadface  node-link: .nodelink.json .node-link.json\n"
        "  microtext: .arggraph.xml .xml (read only)  graphml: .graphml (write only)\n"
        "The format comes from --from/--to or the longest suffix (x.aif.json is AIF); a plain\n"
        ".json file is looked into to tell AIF, SADFace, node-link and argmap JSON apart.\n\n"
        "With a folder, every file argmap reads is converted into OUT (a folder, created when\n"
        "missing) as NAME + the suffix of --to (argmap JSON by default); each failure is\n"
        "reported and the others go on. Exit 0 when all converted, 1 when some failed, 2 for a\n"
        "usage error or when the one file given cannot be converted.\n\n"
        "example:\n  argmap convert debate.aif.json debate.yaml\n"
        "  argmap convert corpus/en out --to aif",
        formatter_class=_formatter,
    )
    p.add_argument("source", metavar="IN", help="a map file, or a folder of map files")
    p.add_argument("target", metavar="OUT", help="the file (or, for a folder, the folder) to write")
    p.add_argument("--from", dest="from_format", metavar="FMT", help="the input format")
    p.add_argument("--to", dest="to_format", metavar="FMT", help="the output format")
    p.set_defaults(handler=_run_convert)


def _run_convert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from argmap.readwrite.convert import convert, convert_folder

    if Path(args.source).is_dir():
        report = convert_folder(
            args.source,
            args.target,
            from_format=args.from_format,
            to_format=args.to_format or "json",
        )
        failed = 0
        for item in report:
            if item.error is None:
                print(f"{item.source} -> {item.target}")
            else:
                failed += 1
                print(f"argmap: error: {item.error}", file=sys.stderr)
        print(f"{len(report) - failed} converted, {failed} failed", file=sys.stderr)
        return EXIT_FINDINGS if failed else EXIT_OK
    convert(args.source, args.target, from_format=args.from_format, to_format=args.to_format)
    return EXIT_OK


# Each subcommand registers itself here; one line each so that parallel work merges cleanly.
_COMMANDS: list[Callable[[Any], None]] = [
    _add_stats,
    _add_schema,
    _add_convert,
]


def build_parser() -> argparse.ArgumentParser:
    """Return the ``argmap`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Map arguments as data: check, render, convert and evaluate argument maps.",
        epilog="Run 'argmap COMMAND --help' for a command's options and an example.",
        formatter_class=_formatter,
    )
    parser.add_argument("--version", action="version", version=f"argmap {_version()}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in _COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]`` when None.

    Returns:
        0 when all is well, 1 for findings at or above ``--fail-on``, 2 for a usage or input error.
    """
    parser = build_parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        parser.print_help()
        return EXIT_OK
    try:
        args = parser.parse_args(args_list)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(stop.code or 0)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    from argmap.errors import ArgmapError

    try:
        return handler(args)
    except (ArgmapError, _UsageError, OSError) as err:
        if args.debug:
            raise
        print(f"argmap: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `argmap schema | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
