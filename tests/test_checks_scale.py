"""All checks on 100,000-statement maps: no RecursionError, bounded output, sane messages."""

from __future__ import annotations

import random
import sys

import pytest

from argmap import ArgumentMap
from argmap.checks import check

N = 100_000


@pytest.fixture(scope="module")
def chain() -> tuple[ArgumentMap, list[str]]:
    m = ArgumentMap()
    ids = [m.claim(f"step {i}", reconstructed=True).id for i in range(N)]
    for i in range(1, N):
        m.support(ids[i], ids[i - 1], reconstructed=True)
    return m, ids


def test_a_100000_long_support_chain_passes_every_check(
    chain: tuple[ArgumentMap, list[str]],
) -> None:
    m, _ = chain
    assert sys.getrecursionlimit() < N  # so a recursive walk would have failed
    assert check(m) == []


def test_a_100000_long_support_cycle_is_one_finding(chain: tuple[ArgumentMap, list[str]]) -> None:
    m, ids = chain[0].copy(), chain[1]  # the fixture is shared: close a copy, whatever runs next
    m.support(ids[0], ids[-1], reconstructed=True)  # close the chain into one long cycle
    found = check(m)
    assert [f.code for f in found] == ["AM102"]
    (finding,) = found
    assert len(finding.ids) == 2 * N  # every statement and every support named
    assert "too large to list every cycle" in finding.message
    assert len(finding.message) < 400  # the message elides the middle


def test_the_100000_claim_benchmark_map_runs_every_check() -> None:
    rng = random.Random(42)
    m = ArgumentMap()
    claims = [m.claim(f"Claim number {i} about the blockade").id for i in range(N)]
    for i in range(1, N):
        m.support(claims[i], claims[rng.randrange(i)])
    for _ in range(N // 10):
        m.rebut(claims[rng.randrange(N)], claims[rng.randrange(N)])
    factors = [m.factor(f"Factor {i}").id for i in range(N // 5)]
    for _ in range(N // 5):
        m.causes(factors[rng.randrange(N // 5)], factors[rng.randrange(N // 5)])
    found = check(m, ignore="AM204")  # every record is unattributed: 250,000 of those
    by_code = {f.code for f in found if not f.code.startswith("AM4")}  # AM4xx: causal branch
    assert "AM101" in by_code  # some factors are in no causal link
    assert by_code <= {"AM101", "AM103", "AM105", "AM106", "AM305"}
    assert found == sorted(found)
