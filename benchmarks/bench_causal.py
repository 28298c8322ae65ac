"""Benchmark causal analysis on a large random causal map (run on demand, not by pytest).

Builds a map of 100,000 factors and 300,000 causal links (fixed seed, random ends, polarity
``+`` or ``-``, each link asserted by one of five agents), then times the causal view, the
feedback-loop search, chain searches between two far factors and a what-if. Every figure is
also given as a ratio to the time it took to build the map, measured in the same run, so runs
on machines of different speed compare.

Usage::

    python benchmarks/bench_causal.py [--factors N] [--links N] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx

from argmap import ArgumentMap, to_networkx
from argmap.causal import LOOP_KINDS, causal_chains, feedback_loops, net_effect, what_if

_T = TypeVar("_T")


def timed(run: Callable[[], _T]) -> tuple[_T, float]:
    """Run ``run`` and return its value and the CPU seconds it took.

    CPU time, not wall time: on a shared machine other processes stretch wall time at random,
    and every step here is single-threaded Python, so CPU time is the honest cost.
    """
    start = time.process_time()
    value = run()
    return value, time.process_time() - start


def build(factors: int, links: int, seed: int) -> ArgumentMap:
    rng = random.Random(seed)
    m = ArgumentMap(title=f"random causal map ({factors} factors, {links} links)")
    agents = [m.agent(f"Agent {i}", id=f"agent{i}") for i in range(5)]
    ids = [m.factor(f"factor {i}", id=f"f{i}").id for i in range(factors)]
    for _ in range(links):
        cause, effect = rng.choice(ids), rng.choice(ids)
        m.causes(cause, effect, polarity=rng.choice("+-"), by=rng.choice(agents))
    return m


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=20251)
    args = parser.parse_args()

    m, t_build = timed(lambda: build(args.factors, args.links, args.seed))
    g, t_view = timed(lambda: to_networkx(m, graph="causal-links"))
    source = "f0"
    depth = nx.single_source_shortest_path_length(g, source, cutoff=9)
    far8 = next(n for n, d in depth.items() if d == 8)  # reachable, but only by long chains
    beyond = next(n for n in g if n not in depth)  # no chain of 9 links or fewer reaches it

    rows: list[tuple[str, float, str]] = [
        ("build the map (baseline)", t_build, f"{len(m)} factors, {len(m.relations)} links"),
        ("causal view (to_networkx)", t_view, f"{g.number_of_nodes()} nodes"),
    ]
    loops, t = timed(lambda: feedback_loops(m, max_length=6, limit=1000))
    kinds = {k: sum(lp.kind == k for lp in loops) for k in LOOP_KINDS}
    rows.append(
        (
            "feedback_loops(max_length=6, limit=1000)",
            t,
            f"{len(loops)} loops {kinds}, truncated={loops.truncated}",
        )
    )
    loops2, t = timed(lambda: feedback_loops(m, max_length=6, limit=100))
    rows.append(
        (
            "feedback_loops(max_length=6, limit=100)",
            t,
            f"{len(loops2)} loops, truncated={loops2.truncated}",
        )
    )
    chains, t = timed(lambda: causal_chains(m, source, far8))
    rows.append(
        (
            f"causal_chains({source} -> {far8}, distance 8)",
            t,
            f"{len(chains)} chains, truncated={chains.truncated}",
        )
    )
    chains_b, t = timed(lambda: causal_chains(m, source, beyond))
    rows.append(
        (
            f"causal_chains({source} -> {beyond}, beyond 9)",
            t,
            f"{len(chains_b)} chains, truncated={chains_b.truncated}",
        )
    )
    near = next(n for n, d in depth.items() if d == 4)
    many, t = timed(lambda: causal_chains(m, source, near))
    rows.append(
        (
            f"causal_chains({source} -> {near}, distance 4)",
            t,
            f"{len(many)} chains, truncated={many.truncated}",
        )
    )
    effect, t = timed(lambda: net_effect(m, source, far8))
    rows.append((f"net_effect({source} -> {far8})", t, f"{effect.effect}"))
    change, t = timed(lambda: what_if(m, {source: "-"}))
    moves = Counter(d for _, d in change.changes)
    rows.append(
        (
            f"what_if({{{source}: '-'}})",
            t,
            f"{len(change.changes)} reached {dict(moves)}, {change.steps} rounds",
        )
    )

    width = max(len(r[0]) for r in rows)
    print(f"{'operation':<{width}}  {'cpu s':>8}  {'x build':>8}  result")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:8.2f}  {seconds / t_build:8.3f}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
