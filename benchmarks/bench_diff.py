"""Benchmark comparing maps and reading them as text: diff, apply and outline.

Run on demand (not part of the test suite)::

    python benchmarks/bench_diff.py            # N = 10,000 and 100,000
    python benchmarks/bench_diff.py 1000 10000 # chosen sizes

Workload: ``bench_core.benchmark_map(N)`` (N claims in a random recursive support tree, N/10
attacks, N/5 factors and causal links), and a second version of it with one claim's text edited,
built from the document as a reader would. The baseline, measured in the same run, is
``m.copy()``: rebuilding the map from its document, which checks every reference once. Each row
is the best of a few runs in CPU seconds and its ratio to that baseline; a ``scaling`` row
times N and 10N and should stay near 10 for linear work, or near the baseline's own ratio
(at 100,000 records the dicts outgrow the CPU's caches, and rebuilding the map slows as much).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_core import benchmark_map, best_time, scaling, scaling_header

from argmap import ArgumentMap, diff, outline


def edited(m: ArgumentMap) -> ArgumentMap:
    """``m`` with the text of its 501st statement changed: the smallest real revision."""
    doc = m.to_document()
    i = min(500, len(doc.statements) - 1)
    fixed = doc.statements[i].model_copy(update={"text": "edited"})
    statements = (*doc.statements[:i], fixed, *doc.statements[i + 1 :])
    return ArgumentMap.from_document(doc.model_copy(update={"statements": statements}))


def run(n: int) -> None:
    m = benchmark_map(n)
    b = edited(m)
    repeat = 3
    t_copy = best_time(m.copy, repeat)[0]
    t_diff, d = best_time(lambda: diff(m, b), repeat)
    t_apply, result = best_time(lambda: d.apply(m), repeat)
    t_outline, text = best_time(lambda: outline(m), repeat)
    assert result == b and len(d.changed) == 1
    print(f"N = {n:,}: {len(m.statements):,} statements, {len(m.relations):,} relations")
    print(f"  {'copy (baseline)':<28}{t_copy:>8.3f} s")
    for what, t in (("diff(a, b)", t_diff), ("diff.apply(a)", t_apply), ("outline(a)", t_outline)):
        print(f"  {what:<28}{t:>8.3f} s {t / t_copy:>7.2f}x baseline")
    print(f"  outline: {len(text.splitlines()):,} lines, {len(text) / 1e6:.1f} MB")


def main(sizes: list[int]) -> None:
    for n in sizes:
        run(n)
    n = sizes[0]
    small, big = benchmark_map(n), benchmark_map(10 * n)
    small_b, big_b = edited(small), edited(big)
    scaling_header()
    # The baseline's own row: dicts of 10x the records outgrow the CPU's caches, which every
    # row pays alike.
    scaling("copy (baseline)", small.copy, big.copy, n, repeat=3)
    scaling("diff", lambda: diff(small, small_b), lambda: diff(big, big_b), n, repeat=3)
    scaling("outline", lambda: outline(small), lambda: outline(big), n, repeat=3)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
