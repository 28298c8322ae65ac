"""Benchmark the core: building a map, converting it to networkx, writing and reading JSON.

Run on demand (not part of the test suite)::

    python benchmarks/bench_core.py            # N = 1,000, 10,000 and 100,000
    python benchmarks/bench_core.py 1000 10000 # chosen sizes

Workload, seed 42: a random recursive tree of N claims (claim i supports a uniformly random
earlier claim), N/10 random attacks between claims, N/5 factors with N/5 random causal links.
The floor is plain networkx doing the same work in the same run: a DiGraph with dict
attributes built node by node and edge by edge; ``node_link_data`` + ``json.dumps``;
``json.loads`` + ``node_link_graph``. Times are the best of a few runs in CPU seconds (process
time, so that other work on the machine disturbs them less; garbage collector on, as a user
has it); peak memory is measured in a separate tracemalloc pass so that
tracing does not distort the times. Other benchmarks import :func:`workload` and
:func:`benchmark_map` from here.

The build is timed twice: with plain builder calls, and with the same calls inside
``ArgumentMap.batch()``, which pauses the cyclic garbage collector for the block. The batched
build is compared with the floor built with the collector paused too, so that both sides of
that ratio run under the same conditions.

Last, ``m.quote`` on a source of n and of 10n characters (made of 5,000 random words, seed 42):
a hit in the middle and a miss (words the source never holds, so the error message's search for
the closest passage runs). :func:`scaling` times both sizes in the same rounds and prints the
ratio of the times, which should stay near 10 (at most 12) for work linear in the input; other
benchmarks use it for their own rows.
"""

from __future__ import annotations

import gc
import itertools
import json
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argmap import ArgumentMap, from_json, to_json, to_networkx
from argmap._gc import collector_paused

POLARITIES = ("+", "-", "0", "?")


@dataclass(frozen=True)
class Workload:
    """The benchmark's content as plain data, so argmap and the floor build the same thing."""

    n: int
    claim_texts: list[str]
    supports: list[tuple[int, int]]  # (premise claim, conclusion claim)
    attacks: list[tuple[int, int]]
    factor_labels: list[str]
    links: list[tuple[int, int, str]]  # (cause factor, effect factor, polarity)


def workload(n: int, seed: int = 42) -> Workload:
    """Draw the benchmark workload of ``n`` claims."""
    rng = random.Random(seed)
    n_factors = max(2, n // 5)
    return Workload(
        n=n,
        claim_texts=[f"Claim number {i} about the blockade" for i in range(n)],
        supports=[(i, rng.randrange(i)) for i in range(1, n)],
        attacks=[(rng.randrange(n), rng.randrange(n)) for _ in range(n // 10)],
        factor_labels=[f"Factor {i}" for i in range(n_factors)],
        links=[
            (rng.randrange(n_factors), rng.randrange(n_factors), rng.choice(POLARITIES))
            for _ in range(n // 5)
        ],
    )


def benchmark_map(n: int, seed: int = 42) -> ArgumentMap:
    """Build the benchmark map of ``n`` claims with the public builder API."""
    return build_argmap(workload(n, seed))


def build_argmap(w: Workload) -> ArgumentMap:
    m = ArgumentMap(title=f"benchmark {w.n}")
    _add_workload(m, w)
    return m


def build_argmap_batched(w: Workload) -> ArgumentMap:
    m = ArgumentMap(title=f"benchmark {w.n}")
    with m.batch():
        _add_workload(m, w)
    return m


def _add_workload(m: ArgumentMap, w: Workload) -> None:
    claims = [m.claim(text).id for text in w.claim_texts]
    for premise, conclusion in w.supports:
        m.support(claims[premise], claims[conclusion])
    for attacker, target in w.attacks:
        m.rebut(claims[attacker], claims[target])
    factors = [m.factor(label).id for label in w.factor_labels]
    for cause, effect, polarity in w.links:
        m.causes(factors[cause], factors[effect], polarity=polarity)  # type: ignore[arg-type]


def build_floor(w: Workload) -> nx.DiGraph[str]:
    g: nx.DiGraph[str] = nx.DiGraph()
    for i, text in enumerate(w.claim_texts):
        g.add_node(f"c{i}", kind="claim", text=text)
    for k, (premise, conclusion) in enumerate(w.supports):
        g.add_edge(f"c{premise}", f"c{conclusion}", kind="support", id=f"s{k}")
    for k, (attacker, target) in enumerate(w.attacks):
        g.add_edge(f"c{attacker}", f"c{target}", kind="attack", type="rebut", id=f"a{k}")
    for i, label in enumerate(w.factor_labels):
        g.add_node(f"f{i}", kind="factor", label=label)
    for k, (cause, effect, polarity) in enumerate(w.links):
        g.add_edge(f"f{cause}", f"f{effect}", kind="causal", polarity=polarity, id=f"l{k}")
    return g


def build_floor_paused(w: Workload) -> nx.DiGraph[str]:
    with collector_paused():  # the same pause as ArgumentMap.batch()
        return build_floor(w)


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        # Drop the previous run's result first: every run starts on the same heap.
        result = None
        gc.collect()
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def peak_memory(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak


def run(n: int) -> dict[str, float]:
    w = workload(n)
    # The same number of runs at every size: the best of more runs is lower, and unequal
    # counts would bias the scaling figures.
    repeat = 5
    # Each build is timed with no other large structure alive, so that neither side's
    # garbage collections walk the other side's objects.
    t_floor_build = best_time(lambda: build_floor(w), repeat)[0]
    t_build = best_time(lambda: build_argmap(w), repeat)[0]
    t_floor_paused = best_time(lambda: build_floor_paused(w), repeat)[0]
    t_batch = best_time(lambda: build_argmap_batched(w), repeat)[0]
    m, g = build_argmap(w), build_floor(w)
    t_nx, _ = best_time(lambda: (m._cache.clear(), to_networkx(m, graph="claims"))[1], repeat)
    t_write, text = best_time(lambda: to_json(m, indent=None), repeat)
    t_floor_write, floor_text = best_time(
        lambda: json.dumps(nx.node_link_data(g, edges="links")), repeat
    )
    t_read, m2 = best_time(lambda: from_json(text), repeat)
    t_floor_read, _ = best_time(
        lambda: nx.node_link_graph(json.loads(floor_text), edges="links"), repeat
    )
    assert m2 == m
    mem = peak_memory(lambda: build_argmap(w))
    mem_batch = peak_memory(lambda: build_argmap_batched(w))
    mem_floor = peak_memory(lambda: build_floor(w))
    return {
        "n": n,
        "build": t_build,
        "build_floor": t_floor_build,
        "batch": t_batch,
        "batch_floor": t_floor_paused,
        "to_networkx": t_nx,
        "write": t_write,
        "write_floor": t_floor_write,
        "read": t_read,
        "read_floor": t_floor_read,
        "mem": mem,
        "mem_batch": mem_batch,
        "mem_floor": mem_floor,
        "json_mb": len(text) / 1e6,
        "floor_json_mb": len(floor_text) / 1e6,
    }


def scaling(
    what: str,
    small: Callable[[], Any],
    big: Callable[[], Any],
    n: int,
    repeat: int = 5,
    unit: str = "",
    big_n: int | None = None,
) -> float:
    """Print one row: CPU seconds for input n and 10n (best of ``repeat`` rounds, taken in
    turn so that load on a shared machine falls on both) and their ratio; return the ratio.

    Linear work gives about 10; the row says ``ok`` up to 12 and ``SUPER-LINEAR`` above.
    ``big_n`` is the larger input when it is not exactly ``10 * n``; the ratio is then scaled
    to a tenfold input.
    """
    big_n = big_n or 10 * n
    small_times: list[float] = []
    big_times: list[float] = []
    for _ in range(repeat):
        small_times.append(best_time(small, 1)[0])
        big_times.append(best_time(big, 1)[0])
    ratio = min(big_times) / max(min(small_times), 1e-9) * (10 * n / big_n)
    verdict = "ok" if ratio <= 12 else "SUPER-LINEAR"
    print(
        f"{what:<44}{n:>12,}{unit:<3}{min(small_times):>10.4f}{big_n:>12,}{unit:<3}"
        f"{min(big_times):>10.4f}{ratio:>8.1f}x  {verdict}",
        flush=True,
    )
    return ratio


def scaling_header() -> None:
    print(f"{'what':<44}{'n':>15}{'CPU s':>10}{'10n':>15}{'CPU s':>10}{'ratio':>9}")


def quote_source(n: int, seed: int = 42) -> str:
    """``n`` characters of random words, the kind of text a long source holds."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvy"
    words = ["".join(rng.choice(letters) for _ in range(rng.randrange(2, 10))) for _ in range(5000)]
    text = " ".join(rng.choice(words) for _ in range(n // 5 + 1))
    return text[:n]


def _quote_miss(m: ArgumentMap) -> None:
    from argmap.errors import QuoteNotFoundError

    try:
        m.quote("s", "the blockade made the gang stronger, Petro wrote")
    except QuoteNotFoundError:
        return
    raise SystemExit("the missed quote was found: the benchmark is wrong")


def quote_rows(n: int = 500_000) -> None:
    maps = []
    for size in (n, 10 * n):
        m = ArgumentMap()
        body = quote_source(size)
        m.source("S", id="s", text=body)
        maps.append((m, body[size // 2 : size // 2 + 40]))
    (small, small_hit), (big, big_hit) = maps
    print()
    print("m.quote on a source of n and 10n characters")
    scaling_header()
    scaling(
        "quote, hit (first occurrence)",
        lambda: small.quote("s", small_hit, occurrence=1),
        lambda: big.quote("s", big_hit, occurrence=1),
        n,
        unit=" ch",
    )
    scaling(
        "quote, miss (closest passage)",
        lambda: _quote_miss(small),
        lambda: _quote_miss(big),
        n,
        unit=" ch",
    )
    hit = best_time(lambda: big.quote("s", big_hit, occurrence=1), 5)[0]
    miss = best_time(lambda: _quote_miss(big), 5)[0]
    print(f"at {10 * n:,} characters a miss costs {miss / max(hit, 1e-9):.0f}x a hit")


def main(sizes: list[int]) -> None:
    print(f"python {sys.version.split()[0]}, networkx {nx.__version__}")
    header = (
        f"{'N':>8} | {'build s':>8} {'floor':>7} {'ratio':>6} | "
        f"{'batch s':>7} {'floor*':>7} {'ratio':>6} | {'to_nx s':>7} | "
        f"{'write s':>7} {'floor':>7} {'ratio':>6} | {'read s':>7} {'floor':>7} {'ratio':>6} | "
        f"{'peak MB':>7} {'floor':>7} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for n in sizes:
        r = run(n)
        rows.append(r)
        print(
            f"{r['n']:>8,} | {r['build']:>8.3f} {r['build_floor']:>7.3f} "
            f"{r['build'] / r['build_floor']:>5.2f}x | {r['batch']:>7.3f} {r['batch_floor']:>7.3f} "
            f"{r['batch'] / r['batch_floor']:>5.2f}x | {r['to_networkx']:>7.3f} | "
            f"{r['write']:>7.3f} {r['write_floor']:>7.3f} {r['write'] / r['write_floor']:>5.2f}x | "
            f"{r['read']:>7.3f} {r['read_floor']:>7.3f} {r['read'] / r['read_floor']:>5.2f}x | "
            f"{r['mem'] / 1e6:>7.1f} {r['mem_floor'] / 1e6:>7.1f} "
            f"{r['mem'] / r['mem_floor']:>5.2f}x",
            flush=True,
        )
    for small, big in itertools.pairwise(rows):
        scale = big["n"] / small["n"]
        print(
            f"scaling {small['n']:,} -> {big['n']:,} ({scale:.0f}x claims): "
            f"build {big['build'] / small['build']:.1f}x time, "
            f"batched build {big['batch'] / small['batch']:.1f}x "
            f"(floor {big['build_floor'] / small['build_floor']:.1f}x, "
            f"floor* {big['batch_floor'] / small['batch_floor']:.1f}x)"
        )
    print("floor* = the networkx floor built with the garbage collector paused, as in a batch")
    for r in rows:
        print(
            f"peak memory of the batched build at {r['n']:,}: {r['mem_batch'] / 1e6:.1f} MB "
            f"({r['mem_batch'] / r['mem_floor']:.2f}x the floor's)"
        )
    quote_rows()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
