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
        "Exit status: 0 answered (YES or NO alike), 2 usage or input error.\n\n"
        "examples:\n  argmap eval af.i23 --semantics preferred --task EE\n"
        "  argmap eval af.tgf --task DC --arg a3 --semantics stable\n"
        "  argmap eval map.json --semantics grounded --format json",
        formatter_class=_formatter,
    )
    p.add_argument("file", help="a framework or map file; - for standard input")
    p.add_argument(
        "--from",
        dest="fmt",
        help="the file's format (i23, apx, tgf, json, yaml, ...) when its suffix does not say",
    )
    p.add_argument(
        "--semantics",
        default="grounded",
        help="grounded (default), complete, preferred, stable, semi-stable, stage, ideal, "
        "admissible, conflict-free, or an ICCMA code (GR, CO, PR, ST, SST, STG, ID, AD, CF)",
    )
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
    p.add_argument("--limit", type=int, help="EE: stop after this many extensions")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.set_defaults(handler=_run_eval)


def _run_eval(args: argparse.Namespace) -> int:
    import io
    import json

    import argmap.semantics as sem
    from argmap.readwrite.iccma import read_framework

    try:
        semantics = sem._semantics(args.semantics)
    except ValueError as err:
        raise _UsageError(str(err)) from None
    if args.task in ("DC", "DS") and not args.arg:
        raise _UsageError(f"--task {args.task} needs --arg ARGUMENT")
    if args.arg and args.task not in ("DC", "DS"):
        raise _UsageError("--arg goes with --task DC or DS")
    if args.limit is not None and (args.task != "EE" or args.limit < 0):
        raise _UsageError("--limit goes with --task EE and must be >= 0")
    suffix = args.file.rsplit(".", 1)[-1].lower() if "." in args.file else ""
    fmt = args.fmt or (suffix if suffix in _FRAMEWORK_FORMATS else None)
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
                print(json.dumps({"semantics": semantics, "status": status}, indent=2))
                return EXIT_OK
            width = max((len(k) for k in status), default=2)
            print(f"{'id':<{width}}  status  text")
            for sid, label in status.items():
                text = " ".join(str(m.statements[sid].text).split())
                print(f"{sid:<{width}}  {label:<6}  {text}")
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
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print("\n".join(lines))
    return EXIT_OK


# Each subcommand registers itself here; one line each so that parallel work merges cleanly.
_COMMANDS: list[Callable[[Any], None]] = [
    _add_stats,
    _add_schema,
    add_eval_command,
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
