"""Structure checks AM101-AM106 beyond their docstring examples: edge cases and scale."""

from __future__ import annotations

import itertools

from argmap import ArgumentMap
from argmap.checks import check
from argmap.checks._common import CYCLE_LIMIT


def codes_of(m: ArgumentMap, code: str) -> list[tuple[str, ...]]:
    return [f.ids for f in check(m, select=code)]


def test_isolated_ignores_statements_in_any_relation_kind() -> None:
    m = ArgumentMap()
    a, b, c = m.claim("A"), m.claim("B"), m.claim("C")
    s = m.support(a, b)
    m.undercut(c, s)  # c's only relation is an undercut of a relation
    x, y = m.factor("x"), m.factor("y")
    m.causes(x, y)
    lonely = m.claim("Lonely")
    assert codes_of(m, "AM101") == [(lonely.id,)]


def test_circular_support_lists_cycle_and_supports() -> None:
    m = ArgumentMap()
    a, b, c = m.claim("A", id="a"), m.claim("B", id="b"), m.claim("C", id="c")
    m.support(a, b, id="s1")
    m.support(b, c, id="s2")
    m.support([c, m.claim("D", id="d")], a, id="s3")
    (finding,) = check(m, select="AM102")
    assert finding.severity == "error"
    assert finding.ids == ("a", "b", "c", "s1", "s2", "s3")
    assert "a -> b -> c -> a" in finding.message


def test_circular_backing_counts() -> None:
    m = ArgumentMap()
    p, c = m.claim("P", id="p"), m.claim("C", id="c")
    s1 = m.support(p, c, id="s1")
    m.support(c, s1, id="s2")  # the conclusion backs its own inference
    (finding,) = check(m, select="AM102")
    assert set(finding.ids) >= {"c", "s1", "s2"}


def test_circular_support_stops_at_the_limit_and_says_so() -> None:
    m = ArgumentMap()
    nodes = [m.claim(f"N{i}").id for i in range(7)]
    for u, v in itertools.permutations(nodes, 2):  # a complete digraph: 1,172 cycles
        m.support(u, v)
    found = check(m, select="AM102")
    assert len(found) == CYCLE_LIMIT
    assert sum("search stopped" in f.message for f in found) == 1


def test_self_attack_variants() -> None:
    m = ArgumentMap()
    a = m.claim("A", id="a")
    m.rebut(a, a, id="a1")
    p, q, c = m.claim("P", id="p"), m.claim("Q", id="q"), m.claim("C", id="c")
    s = m.support([p, q], c, id="s1")
    m.contradict(q, p, id="a2")  # linked premises contradict each other
    m.undercut(c, s, id="a3")  # the conclusion undercuts its own inference
    e, f = m.claim("E", id="e"), m.claim("F", id="f")
    m.support(f, e, id="s2")
    m.contradict(f, e, id="a4")  # e contradicts its own premise, seen from e's side
    found = {f.ids for f in check(m, select="AM103")}
    assert ("a", "a1") in found
    assert ("p", "q", "a2", "s1") in found and ("q", "p", "a2", "s1") in found
    assert ("c", "s1", "a3") in found
    assert ("e", "f", "a4", "s2") in found


def test_duplicates_group_all_copies_and_skip_empty_texts() -> None:
    m = ArgumentMap()
    for text in ("Gang grew!", "gang  grew", "GANG GREW?", "..."):
        m.claim(text)
    m.claim("!!!")
    assert codes_of(m, "AM104") == [("c1", "c2", "c3")]


def test_supports_and_attacks_sees_contradiction_either_way() -> None:
    m = ArgumentMap()
    x, t = m.claim("X", id="x"), m.claim("T", id="t")
    m.support(x, t, id="s1")
    m.contradict(t, x, id="a1")
    assert codes_of(m, "AM105") == [("x", "t", "s1", "a1")]


def test_duplicate_relation_keys() -> None:
    m = ArgumentMap()
    a, b, c = m.claim("A"), m.claim("B"), m.claim("C")
    m.support([a, b], c, id="s1")
    m.support([b, a], c, id="s2")  # same premises in another order
    m.contradict(a, b, id="a1")
    m.contradict(b, a, id="a2")  # same contradiction the other way round
    m.rebut(a, c, id="a3")
    m.undermine(a, c, id="a4")  # another attack type: not a duplicate
    x, y = m.factor("x"), m.factor("y")
    m.causes(x, y, polarity="+", id="l1")
    m.causes(x, y, polarity="-", id="l2")  # conflicting, not duplicate (AM4xx's business)
    m.causes(x, y, polarity="+", modality="general", id="l3")
    assert codes_of(m, "AM106") == [("a1", "a2"), ("s1", "s2")]
