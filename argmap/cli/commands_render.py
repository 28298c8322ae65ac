"""``argmap render``: draw a map's view as SVG, PNG, PDF, DOT, Mermaid or an HTML page."""

from __future__ import annotations

import argparse
from typing import Any

from argmap.cli._grammar import (
    _DRAWING_FORMATS,
    _DRAWING_SUFFIXES,
    _add_from,
    _add_part,
    _add_semantics,
    _examples,
    _formatter,
    _load_map,
    _narrow,
)
from argmap.cli._output import EXIT_OK, _out, busy

# A mistake on the command line that argparse cannot catch (errors.py holds every argmap error).
from argmap.errors import UsageError as _UsageError
from argmap.names import VIEWS


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
            "argmap render examples/out/petro_noem.json -o petro.svg --speaker petro",
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
    _add_part(p, "draw")
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
    m = _narrow(_load_map(args.file, args.from_format), args)
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
