"""Benchmark the queries of a map: find, by, subset and perspective (run on demand).

Usage::

    python benchmarks/bench_queries.py [N]     # N statements, default 100,000

Workload, seed 42: N claims of 6 to 12 words drawn from 5,000 random words, each claim attributed
to one of 20 agents (a tenth of them reported by another), tagged with one of 50 topics; N
supports from a claim to an earlier one and N/10 attacks. Times are the best of three runs in
CPU seconds. Each row is also given as a ratio to a baseline measured in the same run, so that
runs on machines of different speed compare:

- ``find`` against one linear scan of every statement's text for a substring (what a user
  would write without an index); the first ``find`` builds the word index, the next ones reuse
  it, and a ``find`` after one edit shows that the index follows the edit rather than being
  rebuilt;
- ``by``, ``subset`` and ``perspective`` against ``m.copy()``, which reads and checks every
  record once, as a subset's rebuild does for what it keeps.
"""

from __future__ import annotations

import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argmap import ArgumentMap, perspective


def build(n: int, seed: int = 42) -> ArgumentMap:
    """The benchmark map (see the module's docstring)."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 10))) for _ in range(5000)
    ]
    m = ArgumentMap(title="Queries")
    with m.batch():
        agents = [m.agent(f"Speaker {i}", id=f"a{i}") for i in range(20)]
        claims = []
        for _ in range(n):
            by = agents[rng.randrange(20)]
            reported = agents[rng.randrange(20)] if rng.random() < 0.1 else None
            text = " ".join(rng.choices(vocabulary, k=rng.randint(6, 12)))
            claims.append(
                m.claim(text, by=by, reported_by=reported, tags=[f"topic{rng.randrange(50)}"]).id
            )
        for i in range(1, n):
            m.support(claims[i], claims[rng.randrange(i)])
        for _ in range(n // 10):
            m.rebut(claims[rng.randrange(n)], claims[rng.randrange(n)])
    return m


def best(fn: Callable[[], Any], repeat: int = 3) -> float:
    """The best CPU time of ``repeat`` runs of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main(n: int) -> None:
    m = build(n)
    print(f"map: {m.summary()}")
    some = next(iter(m.statements.values())).text.split()
    word, misspelt, prefix = some[0], some[1][:-1] + "q", some[2][:3]

    def scan() -> list[str]:
        return [sid for sid, s in m.statements.items() if word in s.text.casefold()]

    scan_time = best(scan)
    copy_time = best(m.copy)
    rows: list[tuple[str, float, float, str]] = []
    start = time.process_time()
    m.find(word)
    rows.append(
        ("find, first call (builds the index)", time.process_time() - start, scan_time, "scan")
    )
    for label, query in (
        ("a word", word),
        ("a misspelt word", misspelt),
        ("a prefix", prefix),
        ("three words", " ".join(some[:3])),
    ):
        rows.append((f"find {label}", best(lambda q=query: m.find(q)), scan_time, "scan"))
    m.claim(" ".join(some[:4]) + " edited")
    start = time.process_time()
    m.find(word)
    rows.append(("find after one edit", time.process_time() - start, scan_time, "scan"))
    rows.append(("by(agent)", best(lambda: m.by("a3")), copy_time, "copy"))
    rows.append(
        ("subset(tags=one topic)", best(lambda: m.subset(tags="topic7")), copy_time, "copy")
    )
    first = next(iter(m.statements))
    rows.append(
        (
            "subset(statements=one, depth=3)",
            best(lambda: m.subset(statements=first, depth=3)),
            copy_time,
            "copy",
        )
    )
    rows.append(
        (
            "subset(reconstructed=False)",
            best(lambda: m.subset(reconstructed=False)),
            copy_time,
            "copy",
        )
    )
    rows.append(
        ("perspective(one of 20 agents)", best(lambda: perspective(m, "a3")), copy_time, "copy")
    )
    print(f"baselines: substring scan {scan_time:.3f} s, m.copy() {copy_time:.3f} s (CPU)")
    print(f"{'query':<36} {'seconds':>8} {'ratio':>8}  to")
    for label, seconds, base, name in rows:
        print(f"{label:<36} {seconds:8.3f} {seconds / base:8.2f}  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
