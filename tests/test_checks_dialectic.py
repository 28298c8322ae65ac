"""Dialectic checks AM301-AM305 beyond their docstring examples."""

from __future__ import annotations

from argmap import ArgumentMap
from argmap.checks import check


def agents() -> ArgumentMap:
    m = ArgumentMap()
    for name in ("petro", "noem", "maduro"):
        m.agent(name.title(), id=name)
    return m


def ids(m: ArgumentMap, code: str) -> list[tuple[str, ...]]:
    return [f.ids for f in check(m, select=code)]


def test_self_contradiction_counts_own_stances_only() -> None:
    m = agents()
    a = m.claim("A", id="a", by="petro")
    m.attribute(a, by="petro", stance="denies", reported_by="noem")  # a report, not Petro's own
    assert ids(m, "AM301") == []
    x = m.claim("X", id="x", by="maduro")
    y = m.claim("Y", id="y", by="maduro")
    m.contradict(x, y, id="k")
    assert ids(m, "AM301") == [("x", "y", "k", "maduro")]


def test_cross_agent_dispute_on_stances_and_on_rebuttals() -> None:
    m = agents()
    t = m.claim("The meeting was tense", id="t", by="noem")
    m.attribute(t, by="petro", stance="denies")
    m.attribute(t, by="petro", stance="questions")
    x = m.claim("X", id="x", by="petro")
    y = m.claim("Y", id="y", by="petro")
    m.rebut(x, y, id="r1")  # one agent on both sides: AM302 is about two
    z = m.claim("Z", id="z", by="maduro")
    m.rebut(z, x, id="r2")
    m.undermine(z, y, id="u1")  # undermining is not a clash of claims
    found = check(m, select="AM302")
    assert [f.ids for f in found] == [("t", "noem", "petro"), ("z", "x", "r2", "maduro", "petro")]
    assert found[0].message == "'noem' asserts 't'; 'petro' denies it"


def test_disputed_attribution_both_ways() -> None:
    m = agents()
    a = m.claim("A", id="a", by="petro", stance="denies", reported_by="noem")
    m.attribute(a, by="petro")  # Petro asserts what Noem says he denies
    assert ids(m, "AM303") == [("a", "petro", "noem")]


def test_unanswered_attack_answers() -> None:
    m = agents()
    claim = m.claim("Inclusion reduced violence", id="c", by="petro")
    attacker = m.claim("Violence rose", id="x", by="noem")
    attack = m.rebut(attacker, claim, id="a1")
    assert ids(m, "AM304") == [("c", "x", "a1", "petro")]
    counter = m.claim("Those figures are old", id="y", by="petro")
    m.undercut(counter, attack, id="a2")  # answering the attack itself
    assert ids(m, "AM304") == []


def test_unanswered_attack_counter_attack_and_contradiction() -> None:
    m = agents()
    claim = m.claim("C", id="c", by="petro")
    attacker = m.claim("X", id="x", by="noem")
    m.contradict(attacker, claim, id="k")
    # Each side of a contradiction attacks the other: both are unanswered.
    assert ids(m, "AM304") == [("c", "x", "k", "petro"), ("x", "c", "k", "noem")]
    m.rebut(m.claim("Not X", id="nx", by="petro"), attacker, id="r")
    # Petro has answered; Noem now faces two unanswered attacks on x.
    assert ids(m, "AM304") == [("x", "c", "k", "noem"), ("x", "nx", "r", "noem")]


def test_odd_attack_cycle_ignores_even_cycles_and_self_attacks() -> None:
    m = ArgumentMap()
    a, b, c, d = (m.claim(x, id=x) for x in "abcd")
    m.rebut(a, b)
    m.rebut(b, a)
    m.rebut(c, d)
    m.rebut(d, c)
    m.rebut(a, a)
    assert ids(m, "AM305") == []
    m.rebut(b, c)
    m.rebut(c, a)  # a -> b -> c -> a
    assert ids(m, "AM305") == [("a", "b", "c")]


def test_odd_attack_cycle_in_a_component_too_large_to_enumerate() -> None:
    m = ArgumentMap()
    n = 4001  # odd, and above the enumeration limit
    ids_ = [m.claim(f"s{i}").id for i in range(n)]
    for i in range(n):
        m.rebut(ids_[i], ids_[(i + 1) % n])
    (finding,) = check(m, select="AM305")
    assert len(finding.ids) == n and "odd cycle of 4001 attacks" in finding.message
    m.rebut(ids_[0], ids_[2])  # now also an even cycle, still an odd one
    assert check(m, select="AM305")
