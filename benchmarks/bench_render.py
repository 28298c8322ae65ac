"""Benchmark rendering: to_dot against a plain f-string DOT writer, and SVG through each engine.

Run on demand (not part of the test suite)::

    python benchmarks/bench_render.py              # to_dot at N = 100,000; SVG at 500
    python benchmarks/bench_render.py 10000 200    # chosen sizes
    python benchmarks/bench_render.py 100000 500 7 # seven rounds instead of five

The map is bench_core's workload (seed 42): a random recursive tree of N claims, N/10 rebuttals,
N/5 factors with N/5 causal links. ``to_dot`` draws its argument view with ``max_nodes=None``;
the floor is a plain writer, in this file, that emits the same DOT text byte for byte (same
nodes, edges, labels, tooltips, ids, classes and escaping; both without the legend), made of
f-strings,
``textwrap`` and ``str.replace``; the benchmark checks that the two texts are equal before it
times them. The two writers take turns, round after round, so that a shared machine's load falls
on both alike; times are CPU seconds, the best of the rounds with the spread (slowest minus
fastest) beside it, and the ratio is best to best, with the range of the rounds' own ratios. The
SVG rows time ``to_svg`` (DOT plus layout) of the N-statement map's argument view with each
installed engine.

Then the legend's cost: the 2,000-statement argument view laid out by each engine with and
without its legend (at most 1.2x with).

Last, rows that check growth: each times input n and 10n in the same rounds and prints the
ratio of the CPU times (about 10 for linear work, at most 12 to pass; see ``bench_core.scaling``):
``wrap`` of one unbroken word of 200,000 and 2,000,000 characters, and ``to_html`` of complete
causal graphs (every factor causes every other) of 9,900 and 99,540 links (100 and 316
factors). Both are above ``to_html``'s default ``max_links``, so these rows time what argmap does
with a map too dense to lay out (selection, panel data, legend, the page); a layout engine's own
time grows much faster than the number of links and is not argmap's to bound. Smaller pairs
read higher (about 13x for 4,970 and 49,952 links), most likely because the smaller map's
data fits the processor's caches better: every step is one pass over the links. So the row is
followed by ``generate_json`` on the same two maps, a single linear pass, as the floor that
shows what the caches add, and the growth of ``to_html`` as a multiple of the floor's.
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

from bench_core import benchmark_map, scaling, scaling_header

from argmap import ArgumentMap, Attack, Claim, Support, generate_json
from argmap.errors import EngineNotFoundError
from argmap.rendering import find_engine, to_dot, to_svg
from argmap.rendering.html import to_html
from argmap.rendering.text import wrap

_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}
_WRAP = textwrap.TextWrapper(width=30, break_long_words=True, break_on_hyphens=False)


def _q(value: str) -> str:
    """DOT quoting, the plain way: bare when it is an ID, else in quotes."""
    if _ID.match(value) and value.lower() not in _KEYWORDS:
        return value
    return '"' + value.replace('"', '\\"') + '"'


_NOT_CSS = re.compile(r"[^A-Za-z0-9-]")


def _token(identifier: str) -> str:
    """An id as a CSS class token: other characters than letters, digits and - as _<hex>_."""
    return _NOT_CSS.sub(lambda c: f"_{ord(c[0]):x}_", identifier)


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
                f'[class="rel support rel-{_token(rid)}" color="#2E7D32" '
                f"id={_q('rel-' + _esc(rid))} tooltip=support]\n"
            )
        elif isinstance(r, Attack):
            kinds.append("rebut")
            out.append(
                f"\t{names[r.attacker]} -> {names[r.target]} "
                f'[arrowhead=tee class="rel attack rebut rel-{_token(rid)}" color="#C62828" '
                f'id={_q("rel-" + _esc(rid))} tooltip="attack: rebut"]\n'
            )
    out.append("}\n")
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


def rounds(
    ours: Callable[[], str], floor: Callable[[], str], repeat: int
) -> tuple[list[float], list[float]]:
    """CPU times of ``repeat`` rounds, each timing ``floor`` then ``ours``; checks equal texts."""
    our_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeat):
        seconds, plain_text = best_time(floor, 1)
        floor_times.append(seconds)
        seconds, dot_text = best_time(ours, 1)
        our_times.append(seconds)
        if dot_text != plain_text:
            raise SystemExit("the f-string writer and to_dot disagree; the comparison is unfair")
    return our_times, floor_times


def main(n: int, n_svg: int, repeat: int = 5) -> None:
    m = benchmark_map(n)
    size = len(plain_dot(m))
    ours, floor = rounds(
        lambda: to_dot(m, max_nodes=None, legend="none").source, lambda: plain_dot(m), repeat
    )
    ratios = [o / f for o, f in zip(ours, floor, strict=True)]
    print(
        f"to_dot of the {n:,}-claim benchmark map (argument view, {size:,} bytes), {repeat} rounds"
    )
    print(f"{'what':<34}{'best CPU s':>11}{'spread':>9}{'ratio':>8}{'rounds':>13}")
    print(f"{'f-string DOT writer (floor)':<34}{min(floor):>11.3f}{max(floor) - min(floor):>9.3f}")
    print(
        f"{'to_dot(m, legend=none)':<34}{min(ours):>11.3f}{max(ours) - min(ours):>9.3f}"
        f"{min(ours) / min(floor):>8.2f}{f'{min(ratios):.2f}–{max(ratios):.2f}':>13}"
    )
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


def legend_rows(n: int = 2000, repeat: int = 3) -> None:
    """The legend's cost: the n-statement argument view laid out with and without it.

    The legend is the graph's label, beside the drawing; it must cost the layout at most 1.2x.
    The engine runs in another process, so these are wall-clock seconds, the best of the rounds,
    the two sources taking turns so that the machine's load falls on both alike.
    """
    from argmap.rendering import pipe_dot

    m = benchmark_map(n)
    with_legend = to_dot(m).source
    without = to_dot(m, legend="none").source
    claims = len(m.claims())
    print()
    print(f"the legend's cost: SVG of the {claims:,}-statement argument view, best of {repeat}")
    print(f"{'engine':<20}{'no legend s':>12}{'legend s':>10}{'ratio':>8}{'target':>8}")
    for engine in ("dot", "graphviz-pure"):
        try:
            find_engine(engine)
        except EngineNotFoundError:
            print(f"{engine:<20}{'not installed':>12}")
            continue
        plain_times: list[float] = []
        legend_times: list[float] = []
        for _ in range(repeat):
            for source, times in ((without, plain_times), (with_legend, legend_times)):
                start = time.perf_counter()
                pipe_dot(source, "svg", engine=engine)
                times.append(time.perf_counter() - start)
        ratio = min(legend_times) / min(plain_times)
        verdict = "ok" if ratio <= 1.2 else "OVER"
        print(
            f"{engine:<20}{min(plain_times):>12.2f}{min(legend_times):>10.2f}{ratio:>8.2f}"
            f"{'<= 1.2 ' + verdict:>12}"
        )


def complete_causal_map(factors: int) -> ArgumentMap:
    """Every factor causes every other: ``factors * (factors - 1)`` links."""
    m = ArgumentMap(title=f"complete causal graph of {factors}")
    with m.batch():
        ids = [m.factor(f"Factor {i}").id for i in range(factors)]
        for cause in ids:
            for effect in ids:
                if cause != effect:
                    m.causes(cause, effect)
    return m


def scaling_rows(repeat: int = 5) -> None:
    print()
    print("growth: input n and 10n, timed in the same rounds")
    scaling_header()
    n = 200_000
    scaling(
        "wrap(one unbroken word, 30)",
        lambda: wrap("x" * n, 30),
        lambda: wrap("x" * (10 * n), 30),
        n,
        repeat,
        " ch",
    )
    small, big = complete_causal_map(100), complete_causal_map(316)
    growth = scaling(
        "to_html(complete causal graph)",
        lambda: to_html(small, view="causal"),
        lambda: to_html(big, view="causal"),
        len(small.relations),
        repeat,
        " li",
        big_n=len(big.relations),
    )
    # The floor: generate_json is one pydantic-core pass, linear by construction, so its growth
    # on the same two maps is what the machine's caches add to any one pass over them.
    floor = scaling(
        "generate_json, same maps (floor)",
        lambda: generate_json(small),
        lambda: generate_json(big),
        len(small.relations),
        repeat,
        " li",
        big_n=len(big.relations),
    )
    print(f"to_html grows {growth / floor:.2f}x as fast as the floor (1.00 is linear like it)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(
        args[0] if args else 100_000,
        args[1] if len(args) > 1 else 500,
        args[2] if len(args) > 2 else 5,
    )
    legend_rows()
    scaling_rows()
