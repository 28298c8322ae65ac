"""Benchmark the consistency checks against the networkx floor on the same graph.

Run on demand (not part of the test suite)::

    python benchmarks/bench_checks.py            # N = 1,000, 10,000 and 100,000
    python benchmarks/bench_checks.py 100000     # chosen sizes

Workload (the core benchmark's, seed 42): a random recursive tree of N claims (claim i supports
a uniformly random earlier claim), N/10 random attacks between claims, N/5 factors with N/5
random causal links, imported from ``bench_core.py``.

The floor is plain networkx on the map's claims view: ``is_directed_acyclic_graph`` +
``isolates`` + ``weakly_connected_components``. Times are CPU time (``time.process_time``),
best of a few runs, measured in the same process. "all checks (claims view built)" runs
:func:`argmap.check` with the claims view already built (as the floor has it) but nothing else
cached; "from the bare map" also builds the claims view inside the clock. Family rows run
``check(select=family)`` and per-check rows one check, each from the claims view alone, so data
the checks share (the support and attack graphs, folded texts) counts in every row that uses it.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_core import benchmark_map  # noqa: E402

from argmap import to_networkx  # noqa: E402
from argmap.checks import Check, check, rules  # noqa: E402


def cpu_best(
    fn: Callable[[], Any], repeat: int, setup: Callable[[], Any] | None = None
) -> tuple[float, Any]:
    """Best CPU time of ``repeat`` runs of ``fn``; ``setup`` runs untimed before each."""
    best, result = float("inf"), None
    for _ in range(repeat):
        if setup is not None:
            setup()
        gc.collect()
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def floor(g: nx.MultiDiGraph[str]) -> tuple[bool, int, int]:
    dag = nx.is_directed_acyclic_graph(g)
    isolated = sum(1 for _ in nx.isolates(g))
    components = sum(1 for _ in nx.weakly_connected_components(g))
    return dag, isolated, components


def run(n: int) -> list[tuple[str, float, float, int]]:
    m = benchmark_map(n)
    repeat = 5
    g = to_networkx(m, graph="claims")
    t_floor, _ = cpu_best(lambda: floor(g), repeat)
    rows: list[tuple[str, float, float, int]] = [("networkx floor", t_floor, 1.0, 0)]

    def drop_caches() -> None:
        m._cache.clear()

    def claims_view_only() -> None:
        # The floor's graph exists before its clock starts; give the checks the same start,
        # but nothing the checks derive themselves (support/attack graphs, folded texts).
        m._cache.clear()
        to_networkx(m, graph="claims")

    t_warm, found = cpu_best(lambda: check(m), repeat, setup=claims_view_only)
    t_cold, _ = cpu_best(lambda: check(m), repeat, setup=drop_caches)
    rows.append(("all checks (claims view built)", t_warm, t_warm / t_floor, len(found)))
    rows.append(("all checks (from the bare map)", t_cold, t_cold / t_floor, len(found)))
    families = sorted({c.code[:3] for c in rules()})
    for family in families:
        t, hits = cpu_best(lambda f=family: check(m, select=f), repeat, setup=claims_view_only)
        rows.append((f" family {family}xx", t, t / t_floor, len(hits)))
    others = [f for f in families if f != "AM4"]
    t, hits = cpu_best(lambda: check(m, select=others), repeat, setup=claims_view_only)
    rows.append((f" {'+'.join(others)} (not causal)", t, t / t_floor, len(hits)))
    for chk in rules():

        def one(chk: Check = chk) -> list[Any]:
            return list(chk.run(m))

        t, hits = cpu_best(one, 1, setup=claims_view_only)
        rows.append((f"  {chk.code} {chk.name}", t, t / t_floor, len(hits)))
    return rows


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1_000, 10_000, 100_000]
    print("workload from bench_core.py; CPU seconds (time.process_time), best of runs")
    for n in sizes:
        print(f"\nN = {n:,} claims")
        print(f"{'what':<34} {'CPU s':>9} {'x floor':>8} {'findings':>9}")
        for name, t, ratio, count in run(n):
            print(f"{name:<34} {t:>9.3f} {ratio:>8.2f} {count:>9,}")


if __name__ == "__main__":
    main(sys.argv[1:])
