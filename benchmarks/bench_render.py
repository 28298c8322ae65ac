"""Benchmark rendering: to_dot against a plain f-string DOT writer, and SVG through each engine.

Run on demand (not part of the test suite)::

    python benchmarks/bench_render.py              # to_dot at N = 100,000; SVG at 500
    python benchmarks/bench_render.py 10000 200    # chosen sizes

The map is bench_core's workload (seed 42): a random recursive tree of N claims, N/10 rebuttals,
N/5 factors with N/5 causal links. ``to_dot`` draws its argument view with ``max_nodes=None``;
the floor is a plain writer, in this file, that emits the same DOT text byte for byte (same
nodes, edges, labels, tooltips, ids, classes, escaping and legend), made of f-strings,
``textwrap`` and ``str.replace``; the benchmark checks that the two texts are equal before it
times them. Times are the best of three runs in the same process, in CPU seconds (the machine may be
shared). The SVG rows time
``to_svg`` (DOT plus layout) of the N-statement map's argument view with each installed engine.
"""

from __future__ import annotations

import re
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import benchmark_map

from argmap import ArgumentMap, Attack, Claim, Support
from argmap.errors import EngineNotFoundError
from argmap.render import find_engine, to_dot, to_svg

_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}
_WRAP = textwrap.TextWrapper(width=30, break_long_words=True, break_on_hyphens=False)


def _q(value: str) -> str:
    """DOT quoting, the plain way: bare when it is an ID, else in quotes."""
    if _ID.match(value) and value.lower() not in _KEYWORDS:
        return value
    return '"' + value.replace('"', '\\"') + '"'


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("&", "&amp;")


def plain_dot(m: ArgumentMap) -> str:
    """The argument view of a map of claims, supports and rebuttals, written with f-strings."""
    out = [
        "digraph argmap {\n",
        f"\tgraph [fontname=Helvetica fontsize=12 label={_q(_esc(m.title or ''))} labelloc=t "
        "newrank=true nodesep=0.3 rankdir=BT ranksep=0.45]\n",
        '\tnode [color="#424242" fillcolor=white fontname=Helvetica fontsize=11 '
        'margin="0.12,0.06" shape=box style="rounded,filled"]\n',
        '\tedge [arrowsize=0.8 color="#424242" fontname=Helvetica fontsize=10]\n',
    ]
    names: dict[str, str] = {}
    for sid, s in m.statements.items():
        if not isinstance(s, Claim):
            continue
        name = names[sid] = f"n{len(names)}"
        text = s.text
        lines = [text] if len(text) <= 30 else _WRAP.wrap(text)
        label = "\\n".join(_esc(line) for line in lines)
        quoted = _q(label)
        tip = quoted if "\\" not in text else _q(_esc(_esc(text)))
        out.append(
            f'\t{name} [label={quoted} class="stmt claim" id={_q("stmt-" + _esc(sid))} '
            f"tooltip={tip}]\n"
        )
    kinds = []
    for rid, r in m.relations.items():
        if isinstance(r, Support):
            kinds.append("support")
            out.append(
                f"\t{names[r.premises[0]]} -> {names[r.conclusion]} "
                f'[class="rel support" color="#2E7D32" id={_q("rel-" + _esc(rid))} '
                "tooltip=support]\n"
            )
        elif isinstance(r, Attack):
            kinds.append("rebut")
            out.append(
                f"\t{names[r.attacker]} -> {names[r.target]} "
                f'[arrowhead=tee class="rel attack rebut" color="#C62828" '
                f'id={_q("rel-" + _esc(rid))} tooltip="attack: rebut"]\n'
            )
    out.append(
        "\tsubgraph cluster_legend {\n"
        '\t\tclass=legend color="#BDBDBD" fontsize=11 id=legend label=Legend style=rounded\n'
        "\t\tnode [fontsize=10]\n"
        '\t\tL0 [label=claim class="legend-entry" id="legend-claim" tooltip=claim]\n'
        '\t\tL1 [label="" shape=point style=invis width=0]\n'
        '\t\tL2 [label="" shape=point style=invis width=0]\n'
        '\t\tL1 -> L2 [label=supports class="legend-entry" color="#2E7D32" '
        'id="legend-support" tooltip=supports weight=10]\n'
        '\t\tL3 [label="" shape=point style=invis width=0]\n'
        '\t\tL4 [label="" shape=point style=invis width=0]\n'
        '\t\tL3 -> L4 [label=rebuts arrowhead=tee class="legend-entry" color="#C62828" '
        'id="legend-rebut" tooltip=rebuts weight=10]\n'
        "\t\tL0 -> L1 [style=invis]\n"
        "\t\t{\n\t\t\trank=same\n\t\t\tL1 -> L3 [style=invis]\n\t\t}\n"
        "\t\t{\n\t\t\trank=same\n\t\t\tL2 -> L4 [style=invis]\n\t\t}\n"
        "\t}\n}\n"
    )
    return "".join(out)


def best_time(
    fn: Callable[[], Any], repeat: int, clock: Callable[[], float] = time.process_time
) -> tuple[float, Any]:
    """Best of ``repeat`` runs; CPU time by default, which a busy shared machine distorts less."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = clock()
        result = fn()
        best = min(best, clock() - start)
    return best, result


def main(n: int, n_svg: int) -> None:
    m = benchmark_map(n)
    ours, dot_text = best_time(lambda: to_dot(m, max_nodes=None).source, 3)
    floor, plain_text = best_time(lambda: plain_dot(m), 3)
    if dot_text != plain_text:
        raise SystemExit("the f-string writer and to_dot disagree; the comparison would be unfair")
    print(f"to_dot of the {n:,}-claim benchmark map (argument view, {len(dot_text):,} bytes)")
    print(f"{'what':<34}{'CPU s':>10}{'ratio':>9}")
    print(f"{'f-string DOT writer (floor)':<34}{floor:>10.3f}{1:>9.2f}")
    print(f"{'to_dot(m, max_nodes=None).source':<34}{ours:>10.3f}{ours / floor:>9.2f}")
    small = benchmark_map(n_svg)
    dot_time, _ = best_time(lambda: to_dot(small).source, 3, time.perf_counter)
    print()
    print(
        f"SVG of the {n_svg}-claim map ({len(small.relations) - len(small.causal_links())} "
        "supports and attacks), argument view"
    )
    print(f"{'engine':<34}{'wall s':>10}{'x to_dot':>9}")
    print(f"{'to_dot only':<34}{dot_time:>10.3f}{1:>9.2f}")
    for engine in ("dot", "graphviz-pure"):
        try:
            find_engine(engine)
        except EngineNotFoundError:
            print(f"{engine:<34}{'not installed':>10}")
            continue
        # Wall clock: the engine's time is spent in another process.
        seconds, _ = best_time(
            lambda e=engine: to_svg(small, engine=e),  # type: ignore[misc]
            3,
            time.perf_counter,
        )
        print(f"{'to_svg, ' + engine:<34}{seconds:>10.3f}{seconds / dot_time:>9.1f}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 100_000, args[1] if len(args) > 1 else 500)
