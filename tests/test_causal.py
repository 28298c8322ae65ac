"""Tests of argmap.causal: hand-built maps with known answers, networkx as an oracle, properties."""

from __future__ import annotations

import doctest
import json
from collections import Counter
from itertools import pairwise, product
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, UnknownIdError, to_networkx
from argmap.causal import (
    LOOP_KINDS,
    causal_chains,
    competing_causes,
    feedback_loops,
    flip,
    net_effect,
    sign_product,
    what_if,
)
from argmap.cli import main
from argmap.errors import CausalQueryError
from argmap.model import Polarity
from tests.strategies import maps
from tests.support import TmpMap

POLARITIES: tuple[Polarity, ...] = ("+", "-", "0", "?")
DIRECTION = {"+": "up", "-": "down", "?": "ambiguous", "0": "unchanged"}


def chain_map(polarities: list[Polarity]) -> ArgumentMap:
    """f0 → f1 → ... with the given polarities."""
    m = ArgumentMap()
    m.factor("f0", id="f0")
    for i, polarity in enumerate(polarities, start=1):
        m.factor(f"f{i}", id=f"f{i}")
        m.causes(f"f{i - 1}", f"f{i}", polarity=polarity, id=f"l{i}")
    return m


def story() -> ArgumentMap:
    """Petro's story: blockade → emigration → exclusion → violence → gang, and the direct link."""
    m = ArgumentMap(title="Petro's causal story")
    petro = m.agent("Gustavo Petro", id="petro")
    noem = m.agent("Kristi Noem", id="noem")
    names = ["blockade", "emigration", "exclusion", "violence", "gang"]
    for name in names:
        m.factor(name, id=name)
    for i, (cause, effect) in enumerate(pairwise(names), start=1):
        m.causes(cause, effect, polarity="+", id=f"l{i}", by=petro)
    m.causes("blockade", "gang", polarity="+", id="direct", by=petro, reported_by=noem)
    return m


# --------------------------------------------------------------------------- sign algebra
def test_sign_product_rules() -> None:
    assert sign_product([]) == "+"
    assert sign_product("++") == "+"
    assert sign_product("+-") == "-"
    assert sign_product("--") == "+"
    assert sign_product("+?") == "?"
    assert sign_product("?0") == "0"  # 0 absorbs even an unknown
    assert sign_product("0?") == "0"
    assert sign_product("-?-") == "?"


# --------------------------------------------------------------------------- chains
def test_story_chain_and_direct_link() -> None:
    m = story()
    found = causal_chains(m, "blockade", "gang")
    assert [c.links for c in found] == [("direct",), ("l1", "l2", "l3", "l4")]
    long = found.chains[1]
    assert long.factors == ("blockade", "emigration", "exclusion", "violence", "gang")
    assert long.polarity == "+"
    assert long.agents == ("petro",)
    assert long.asserted_by_all == ("petro",)
    assert found.chains[0].steps[0].reported_by == (("petro", "noem"),)
    assert not found.truncated
    effect = net_effect(m, "blockade", "gang")
    assert effect.effect == "+"
    assert len(effect.chains) == 2
    assert what_if(m, {"blockade": "-"}).direction("gang") == "down"


def test_chain_accepts_objects_and_respects_max_length() -> None:
    m = story()
    blockade, gang = m.factors()[0], m.factors()[-1]
    assert [c.links for c in causal_chains(m, blockade, gang, max_length=3)] == [("direct",)]


def test_net_effect_mixed_zero_unknown() -> None:
    m = ArgumentMap()
    a, b, c, d = (m.factor(x, id=x) for x in "abcd")
    m.causes(a, b, polarity="+")
    m.causes(b, d, polarity="+")
    m.causes(a, c, polarity="+")
    m.causes(c, d, polarity="-")
    assert net_effect(m, "a", "d").effect == "mixed"
    assert sorted(ch.polarity for ch in net_effect(m, "a", "d").chains) == ["+", "-"]

    z = ArgumentMap()
    x, y, w = (z.factor(n, id=n) for n in "xyw")
    z.causes(x, y, polarity="0")
    assert net_effect(z, "x", "y").effect == "0"
    z.causes(x, w, polarity="+")
    z.causes(w, y, polarity="?")
    assert net_effect(z, "x", "y").effect == "unknown"  # the 0 chain is set aside
    z.causes(x, y, polarity="-")
    # "-" and "?" chains: nothing says "+", so it is unknown, not mixed.
    assert net_effect(z, "x", "y").effect == "unknown"

    silent = net_effect(m, "d", "a")
    assert (silent.effect, silent.chains) == ("unknown", ())


def test_chain_limit_reports_truncation() -> None:
    # A ladder of 4 diamonds: 2**4 chains from s to the end.
    m = ArgumentMap()
    m.factor("s", id="n0")
    for i in range(4):
        for side in "ab":
            m.factor(f"{i}{side}", id=f"n{i}{side}")
            m.causes(f"n{i}", f"n{i}{side}", polarity="+")
        m.factor(f"n{i + 1}", id=f"n{i + 1}")
        m.causes(f"n{i}a", f"n{i + 1}", polarity="+")
        m.causes(f"n{i}b", f"n{i + 1}", polarity="-")
    everything = causal_chains(m, "n0", "n4")
    assert len(everything) == 16 and not everything.truncated
    exact = causal_chains(m, "n0", "n4", limit=16)
    assert len(exact) == 16 and not exact.truncated
    cut = causal_chains(m, "n0", "n4", limit=5)
    assert len(cut) == 5 and cut.truncated
    assert Counter(c.polarity for c in everything) == Counter({"+": 8, "-": 8})
    assert net_effect(m, "n0", "n4").effect == "mixed"


def test_parallel_links_are_distinct_chains() -> None:
    m = ArgumentMap()
    petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
    a, b = m.factor("a", id="a"), m.factor("b", id="b")
    m.causes(a, b, polarity="+", id="p", by=petro)
    m.causes(a, b, polarity="-", id="q", by=maduro)
    found = causal_chains(m, "a", "b")
    assert {(c.links, c.polarity, c.agents) for c in found} == {
        (("p",), "+", ("petro",)),
        (("q",), "-", ("maduro",)),
    }
    assert net_effect(m, "a", "b").effect == "mixed"


# --------------------------------------------------------------------------- opposites
def opposites_map() -> ArgumentMap:
    m = ArgumentMap()
    petro = m.agent("Petro", id="petro")
    m.factor("emigration", id="emigration")
    m.factor("exclusion of youth", id="exclusion")
    m.factor("inclusion of youth", id="inclusion", opposite="exclusion")
    m.factor("violence", id="violence")
    m.causes("emigration", "exclusion", polarity="+", id="l1", by=petro)
    m.causes("inclusion", "violence", polarity="-", id="l2", by=petro)
    m.causes("exclusion", "violence", polarity="+", id="l3")
    return m


def test_opposite_pair_is_one_variable() -> None:
    m = opposites_map()
    # exclusion → violence "+" agrees with inclusion → violence "-".
    found = causal_chains(m, "exclusion", "violence")
    assert {(c.links, c.flips, c.polarity) for c in found} == {
        (("l2",), 1, "+"),
        (("l3",), 0, "+"),
    }
    assert net_effect(m, "exclusion", "violence").effect == "+"
    assert net_effect(m, "inclusion", "violence").effect == "-"
    # A chain that passes from exclusion (an effect) to inclusion (the next cause) flips once.
    through = causal_chains(m, "emigration", "violence")
    assert {(c.links, c.flips, c.polarity) for c in through} == {
        (("l1", "l2"), 1, "+"),
        (("l1", "l3"), 0, "+"),
    }
    assert [c.factors for c in through if c.links == ("l1", "l2")] == [
        ("emigration", "exclusion", "violence")
    ]
    assert net_effect(m, "emigration", "inclusion").effect == "-"


def test_endpoints_that_are_opposites_read_the_loops_through_them() -> None:
    m = ArgumentMap()
    exc = m.factor("exclusion", id="exc")
    inc = m.factor("inclusion", id="inc", opposite=exc)
    vio = m.factor("violence", id="vio")
    m.causes(exc, vio, polarity="+", id="l1")
    m.causes(vio, exc, polarity="+", id="l2")  # reinforcing loop exc → vio → exc
    assert [(c.links, c.polarity) for c in causal_chains(m, exc, exc)] == [(("l1", "l2"), "+")]
    assert [(c.links, c.flips, c.polarity) for c in causal_chains(m, exc, inc)] == [
        (("l1", "l2"), 1, "-")
    ]
    assert net_effect(m, inc, exc).effect == "-"


def test_link_from_factor_to_its_opposite_is_a_balancing_self_loop() -> None:
    m = ArgumentMap()
    a = m.factor("a", id="a")
    m.factor("not a", id="na", opposite=a)
    m.causes("a", "na", polarity="+", id="l1")  # a rising makes its opposite rise: a falls
    loops = feedback_loops(m)
    assert [(lp.name, lp.links, lp.flips, lp.polarity) for lp in loops] == [("B1", ("l1",), 1, "-")]


def test_loop_through_an_opposite_pair() -> None:
    m = ArgumentMap()
    a, b = m.factor("a", id="a"), m.factor("b", id="b")
    m.factor("not a", id="na", opposite=a)
    m.causes(a, b, polarity="+", id="l1")
    m.causes(b, "na", polarity="+", id="l2")  # a up → b up → not-a up: a falls
    [loop] = feedback_loops(m).loops
    assert (loop.kind, loop.flips, loop.factors) == ("balancing", 1, ("a", "b"))


# --------------------------------------------------------------------------- loops
def loops_map() -> ArgumentMap:
    m = ArgumentMap()
    petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
    for x in ("gang", "fear", "police", "x"):
        m.factor(x, id=x)
    m.causes("gang", "fear", id="r1", by=petro)
    m.causes("fear", "gang", id="r2", by=petro)
    m.causes("gang", "police", id="b1", by=noem)
    m.causes("police", "gang", polarity="-", id="b2", by=noem)
    m.causes("police", "x", polarity="?", id="u1", by=noem)
    m.causes("x", "police", polarity="+", id="u2", by=petro)
    return m


def test_reinforcing_balancing_and_undetermined_loops() -> None:
    result = feedback_loops(loops_map())
    assert not result.truncated
    summary = {(lp.name, lp.kind, lp.polarity, lp.links, lp.asserted_by_all) for lp in result}
    assert summary == {
        ("R1", "reinforcing", "+", ("r1", "r2"), ("petro",)),
        ("B1", "balancing", "-", ("b1", "b2"), ("noem",)),
        ("U1", "undetermined", "?", ("u1", "u2"), ()),
    }
    mixed = next(lp for lp in result if lp.name == "U1")
    assert mixed.agents == ("noem", "petro")
    assert mixed.factors == ("police", "x")


def test_loop_limit_and_length() -> None:
    m = loops_map()
    assert len(feedback_loops(m, limit=2)) == 2
    assert feedback_loops(m, limit=2).truncated
    assert not feedback_loops(m, limit=3).truncated
    m.causes("fear", "police", id="long")  # gang → fear → police → gang: length 3
    assert all(len(lp.steps) <= 2 for lp in feedback_loops(m, max_length=2))
    assert ("r1", "long", "b2") in {lp.links for lp in feedback_loops(m, max_length=3)}


def test_self_link_is_a_loop() -> None:
    m = ArgumentMap()
    a = m.factor("a", id="a")
    m.causes(a, a, polarity="+", id="l1")
    assert [(lp.name, lp.links) for lp in feedback_loops(m)] == [("R1", ("l1",))]


def test_long_cycle_and_chain_do_not_recurse() -> None:
    n = 3000
    m = ArgumentMap()
    for i in range(n):
        m.factor(f"f{i}", id=f"f{i}")
    for i in range(n):
        m.causes(f"f{i}", f"f{(i + 1) % n}", polarity="-" if i == 0 else "+")
    loops = feedback_loops(m, max_length=n)
    assert [(lp.kind, len(lp.steps)) for lp in loops] == [("balancing", n)]
    chains = causal_chains(m, "f0", f"f{n - 1}", max_length=n)
    assert [len(c.steps) for c in chains] == [n - 1]
    assert what_if(m, {"f1": "+"}).direction(f"f{n - 1}") == "up"
    assert what_if(m, {"f1": "+"}).direction("f0") == "up"
    assert what_if(m, {"f1": "+"}).direction("f1") == "up"  # held, although f0 pushes it down


def test_a_loop_longer_than_max_length_is_reported_as_skipped() -> None:
    n = 20_000
    m = ArgumentMap()
    with m.batch():
        for i in range(n):
            m.factor(f"f{i}", id=f"f{i}")
        for i in range(n):
            m.causes(f"f{i}", f"f{(i + 1) % n}")
    found = feedback_loops(m)  # max_length=8
    assert len(found) == 0
    assert found.longer_skipped
    assert not found.truncated  # the limit was not reached: that is another matter
    whole = feedback_loops(m, max_length=n)
    assert [len(lp.steps) for lp in whole] == [n]
    assert not whole.longer_skipped


def test_nothing_skipped_when_every_loop_fits() -> None:
    m = ArgumentMap()
    hub = m.factor("hub", id="hub")
    for i in range(50):  # a star of two-link loops: a big component, yet only short loops
        leaf = m.factor(f"leaf {i}", id=f"leaf{i}")
        m.causes(hub, leaf)
        m.causes(leaf, hub)
    tail = [m.factor(f"tail {i}", id=f"tail{i}") for i in range(20)]  # a chain off the loop
    m.causes(hub, tail[0])
    for a, b in pairwise(tail):
        m.causes(a, b)
    found = feedback_loops(m, max_length=2)
    assert len(found) == 50
    assert not found.longer_skipped
    assert feedback_loops(m, max_length=1).longer_skipped  # two-link loops are too long for 1


# --------------------------------------------------------------------------- competing causes
def test_competing_causes_grouped_by_agent() -> None:
    m = ArgumentMap()
    petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
    m.factor("emigration", id="mig")
    m.factor("staying home", id="stay", opposite="mig")
    m.factor("blockade", id="blockade")
    m.factor("sanctions", id="sanctions")
    m.factor("open border", id="border")
    m.causes("blockade", "mig", id="l1", by=petro)
    m.causes("sanctions", "stay", polarity="-", id="l2", by=maduro)
    m.causes("border", "mig", polarity="-", id="l3")
    result = competing_causes(m, "mig")
    assert result.competing
    groups = {g.agent: [(c.cause, c.link, c.polarity) for c in g.causes] for g in result.groups}
    assert groups == {
        "maduro": [("sanctions", "l2", "+")],  # sanctions lower staying: they raise emigration
        "petro": [("blockade", "l1", "+")],
        None: [("border", "l3", "-")],
    }
    assert [g.agent for g in result.groups] == ["maduro", "petro", None]
    assert competing_causes(m, "stay").groups[0].causes[0].polarity == "-"


def test_agreeing_agents_do_not_compete() -> None:
    m = ArgumentMap()
    petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
    a, b = m.factor("sanctions", id="a"), m.factor("emigration", id="b")
    m.causes(a, b, by=petro)
    m.causes(a, b, by=maduro)
    result = competing_causes(m, b)
    assert [g.agent for g in result.groups] == ["maduro", "petro"]
    assert not result.competing
    assert not competing_causes(m, a).groups


# --------------------------------------------------------------------------- what-if
def test_what_if_through_reinforcing_and_balancing_loops() -> None:
    m = ArgumentMap()
    for x in ("push", "b", "c", "d", "e"):
        m.factor(x, id=x)
    m.causes("push", "b", polarity="+")
    m.causes("b", "c", polarity="+")
    m.causes("c", "b", polarity="+")  # reinforcing b ⇄ c: both keep going up
    m.causes("push", "d", polarity="-")
    m.causes("d", "e", polarity="+")
    m.causes("e", "d", polarity="-")  # balancing d ⇄ e: the loop fights the push
    result = what_if(m, {"push": "+"})
    assert result.as_dict() == {
        "push": "up",
        "b": "up",
        "c": "up",
        "d": "ambiguous",
        "e": "ambiguous",
    }
    assert not result.stopped_early


def test_what_if_opposites_zero_links_and_max_steps() -> None:
    m = opposites_map()
    m.factor("calm", id="calm")
    m.causes("violence", "calm", polarity="0")
    result = what_if(m, {"inclusion": "+"})
    assert result.as_dict() == {
        "exclusion": "down",
        "inclusion": "up",
        "violence": "down",
        "calm": "unchanged",
    }
    assert result.direction("emigration") == "unchanged"  # upstream: not reached
    first = what_if(m, {"emigration": "+"}, max_steps=1)
    assert first.stopped_early and first.steps == 1
    assert first.direction("exclusion") == "up"
    assert first.direction("violence") == "unchanged"
    assert what_if(m, {"emigration": "+"}).direction("violence") == "up"


def test_what_if_meeting_signs_are_ambiguous_and_unknown_links_too() -> None:
    m = ArgumentMap()
    for x in "abcd":
        m.factor(x, id=x)
    m.causes("a", "c", polarity="+")
    m.causes("b", "c", polarity="+")
    m.causes("c", "d", polarity="?")
    result = what_if(m, {"a": "+", "b": "-"})
    assert result.direction("c") == "ambiguous"
    assert what_if(m, {"a": "+"}).direction("d") == "ambiguous"
    assert what_if(m, {"a": "+", "b": "+"}).direction("c") == "up"


# --------------------------------------------------------------------------- bad input
def test_bad_queries_raise_argmap_errors() -> None:
    m = opposites_map()
    with pytest.raises(UnknownIdError, match="did you mean 'violence'"):
        causal_chains(m, "emigration", "violense")
    with pytest.raises(CausalQueryError, match="max_length"):
        causal_chains(m, "emigration", "violence", max_length=0)
    with pytest.raises(CausalQueryError, match="limit"):
        feedback_loops(m, limit=0)
    with pytest.raises(CausalQueryError, match="'\\+' or '-'"):
        what_if(m, {"emigration": "up"})
    with pytest.raises(CausalQueryError, match="both up and down"):
        what_if(m, {"exclusion": "+", "inclusion": "+"})
    with pytest.raises(CausalQueryError, match="max_steps"):
        what_if(m, {"emigration": "+"}, max_steps=-1)
    with pytest.raises(UnknownIdError):
        competing_causes(m, "nobody")
    # Pushing a factor and its opposite the consistent way is fine.
    assert what_if(m, {"exclusion": "+", "inclusion": "-"}).direction("violence") == "up"


def test_results_are_frozen() -> None:
    chain = causal_chains(story(), "blockade", "gang").chains[0]
    with pytest.raises(AttributeError):
        chain.polarity = "-"  # type: ignore[misc]


def test_cached_graph_follows_changes() -> None:
    m = story()
    assert net_effect(m, "blockade", "gang").effect == "+"
    m.causes("blockade", "gang", polarity="-", id="contrary")
    assert net_effect(m, "blockade", "gang").effect == "mixed"
    m.factor("the gang's weakness", id="weak", opposite="gang")
    assert net_effect(m, "blockade", "weak").effect == "mixed"


# --------------------------------------------------------------------------- properties
@given(st.lists(st.sampled_from(POLARITIES), min_size=1, max_size=12))
def test_net_sign_of_a_chain_is_the_product_of_its_link_signs(
    polarities: list[Polarity],
) -> None:
    m = chain_map(polarities)
    [chain] = causal_chains(m, "f0", f"f{len(polarities)}", max_length=len(polarities)).chains
    assert chain.polarity == sign_product(polarities)
    assert [s.polarity for s in chain.steps] == polarities


@given(
    st.lists(st.sampled_from(POLARITIES), min_size=1, max_size=12).filter(lambda p: len(p) % 2 == 1)
)
def test_reversing_every_sign_of_an_odd_chain_flips_its_net_sign(
    polarities: list[Polarity],
) -> None:
    end = f"f{len(polarities)}"
    before = causal_chains(chain_map(polarities), "f0", end, max_length=len(polarities))
    after = causal_chains(
        chain_map([flip(p) for p in polarities]), "f0", end, max_length=len(polarities)
    )
    assert after.chains[0].polarity == flip(before.chains[0].polarity)


@st.composite
def causal_maps(draw: st.DrawFn, *, opposites: bool = True, acyclic: bool = False) -> Any:
    """Small valid maps: factors (some paired as opposites), a claim or two, causal links of
    every polarity (self-links and parallel links included), asserted by a few agents."""
    m = ArgumentMap()
    agents = [m.agent(f"Agent {i}", id=f"ag{i}").id for i in range(3)]
    size = draw(st.integers(min_value=1, max_value=7))
    ids: list[str] = []
    for i in range(size):
        sid = f"n{i}"
        if i and draw(st.integers(0, 3)) == 0:
            m.claim(f"claim {i}", id=sid)
        else:
            free = [x for x in ids if m[x].kind == "factor" and m.opposite_of(x) is None]
            pair = draw(st.sampled_from([None, *free])) if opposites and free else None
            m.factor(f"factor {i}", id=sid, opposite=pair)
        ids.append(sid)
    n_links = draw(st.integers(min_value=0, max_value=12))
    for _ in range(n_links):
        i = draw(st.integers(0, size - 1))
        j = draw(st.integers(0, size - 1))
        if acyclic:
            if i == j:
                continue
            i, j = min(i, j), max(i, j)
        speakers = draw(st.lists(st.sampled_from(agents), max_size=2, unique=True))
        link = m.causes(ids[i], ids[j], polarity=draw(st.sampled_from(POLARITIES)))
        for agent in speakers:
            m.attribute(link, by=agent, stance=draw(st.sampled_from(["asserts", "denies"])))
    return m


def _rotate(keys: tuple[str, ...]) -> tuple[str, ...]:
    at = keys.index(min(keys))
    return keys[at:] + keys[:at]


@settings(max_examples=150)
@given(causal_maps(opposites=False), st.integers(min_value=1, max_value=6))
def test_loops_match_networkx_simple_cycles(m: ArgumentMap, bound: int) -> None:
    g = to_networkx(m, graph="causal-links")
    expected: Counter[tuple[str, ...]] = Counter()
    for nodes in nx.simple_cycles(g, length_bound=bound):
        hops = [list(g[u][nodes[(i + 1) % len(nodes)]]) for i, u in enumerate(nodes)]
        expected.update(_rotate(keys) for keys in product(*hops))
    found = feedback_loops(m, max_length=bound, limit=10_000)
    assert not found.truncated
    assert Counter(_rotate(lp.links) for lp in found) == expected
    for lp in found:
        assert lp.polarity == sign_product(s.polarity for s in lp.steps)  # no opposites here
        assert lp.kind == {"+": "reinforcing", "-": "balancing"}.get(lp.polarity, "undetermined")


@settings(max_examples=150)
@given(causal_maps(), st.integers(min_value=1, max_value=4))
def test_longer_skipped_whenever_a_longer_loop_exists(m: ArgumentMap, bound: int) -> None:
    """Never a false "nothing skipped": a loop longer than the bound sets the flag."""
    found = feedback_loops(m, max_length=bound, limit=10_000)
    every = feedback_loops(m, max_length=len(m.statements), limit=10_000)
    assert not every.longer_skipped  # no simple loop is longer than the number of factors
    if any(len(lp.steps) > bound for lp in every):
        assert found.longer_skipped


@settings(max_examples=150)
@given(causal_maps(opposites=False), st.data())
def test_chains_match_networkx_simple_paths(m: ArgumentMap, data: st.DataObject) -> None:
    ids = list(m.statements)
    s, t = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    if s == t:
        return
    bound = data.draw(st.integers(min_value=1, max_value=6))
    g = to_networkx(m, graph="causal-links")
    expected = (
        Counter(tuple(k for _, _, k in p) for p in nx.all_simple_edge_paths(g, s, t, cutoff=bound))
        if s in g and t in g
        else Counter()
    )
    found = causal_chains(m, s, t, max_length=bound, limit=10_000)
    assert Counter(c.links for c in found) == expected
    assert [len(c.steps) for c in found] == sorted(len(c.steps) for c in found)


@settings(max_examples=100)
@given(causal_maps(), st.data())
def test_chains_told_by_an_agent_use_only_that_agents_links(
    m: ArgumentMap, data: st.DataObject
) -> None:
    ids = list(m.statements)
    s, t = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    agent = data.draw(st.sampled_from(list(m.agents)))
    told = causal_chains(m, s, t, max_length=5, limit=10_000, told_by=agent)
    for c in told:
        assert all(agent in step.asserted_by for step in c.steps)
        assert agent in c.asserted_by_all and not c.stitched
    # Exactly the chains of the whole map that the agent tells whole.
    every = causal_chains(m, s, t, max_length=5, limit=10_000)
    assert Counter(c.links for c in told) == Counter(
        c.links for c in every if agent in c.asserted_by_all
    )
    for c in every:
        said = [set(step.asserted_by) for step in c.steps if step.asserted_by]
        assert c.stitched == (bool(said) and not any(all(a in x for x in said) for a in c.agents))
        assert not (c.stitched and c.asserted_by_all)
        assert {a for a in c.links_by_agent() if a} == set(c.agents)


def test_told_by_keeps_one_speakers_story_and_the_cli_names_a_stitched_chain(
    tmp_map: TmpMap, capsys: pytest.CaptureFixture[str]
) -> None:
    m = ArgumentMap()
    petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
    land, vio, gang = (
        m.factor("landlessness", id="land"),
        m.factor("violence", id="vio"),
        m.factor("gang strength", id="gang"),
    )
    m.causes(land, vio, by=petro, id="l1")
    m.causes(vio, gang, by=noem, id="l2")
    m.causes(land, gang, by=petro, reported_by=noem, id="l3")  # reported: still Petro's
    assert [c.links for c in causal_chains(m, land, gang, told_by=petro)] == [("l3",)]
    assert [c.links for c in causal_chains(m, land, gang, told_by="noem")] == []
    assert net_effect(m, land, gang, told_by=noem).effect == "unknown"
    with pytest.raises(UnknownIdError):
        causal_chains(m, land, gang, told_by="nobody")
    path = tmp_map(m, "stitched.json")
    assert main(["causal", str(path), "--cause", "land", "--effect", "gang"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].endswith("[told whole by petro]")
    assert out[2].endswith("[stitched from several speakers' links (noem: l2; petro: l1)]")
    assert (
        main(["causal", str(path), "--cause", "land", "--effect", "gang", "--format", "json"]) == 0
    )
    chains = json.loads(capsys.readouterr().out)["net_effect"]["chains"]
    assert [c["stitched"] for c in chains] == [False, True]


@settings(max_examples=150)
@given(causal_maps(opposites=False, acyclic=True), st.data())
def test_what_if_agrees_with_net_effect_on_acyclic_maps(
    m: ArgumentMap, data: st.DataObject
) -> None:
    ids = list(m.statements)
    s = data.draw(st.sampled_from(ids))
    change = what_if(m, {s: "+"})
    for t in ids:
        if t == s:
            continue
        effect = net_effect(m, s, t, max_length=len(ids))
        if not effect.chains:
            assert change.direction(t) == "unchanged"
            continue
        expected = {"+": "up", "-": "down", "0": "unchanged", "mixed": "ambiguous"}.get(
            effect.effect, "ambiguous"
        )
        assert change.direction(t) == expected, (s, t, effect)


@settings(max_examples=200)
@given(causal_maps(), st.data())
def test_functions_never_raise_on_valid_maps(m: ArgumentMap, data: st.DataObject) -> None:
    ids = list(m.statements)
    s, t = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    effect = net_effect(m, s, t, max_length=5)
    signs = {c.polarity for c in effect.chains}
    if effect.effect in ("+", "-"):
        assert signs - {"0"} == {effect.effect}
    if effect.effect == "mixed":
        assert {"+", "-"} <= signs
    for chain in effect.chains:
        assert chain.polarity == sign_product(
            [*(st_.polarity for st_ in chain.steps), *("-" * chain.flips)]
        )
    loops = feedback_loops(m, max_length=4)
    for lp in loops:
        assert set(lp.asserted_by_all) <= set(lp.agents)
    push = data.draw(st.sampled_from(["+", "-"]))
    change = what_if(m, {s: push})
    assert change.direction(s) == ("up" if push == "+" else "down")
    other = m.opposite_of(s)
    if other is not None:
        assert change.direction(other) == ("down" if push == "+" else "up")
    for sid, direction in change.changes:
        partner = m.opposite_of(sid)
        if partner is not None and direction in ("up", "down"):
            assert change.direction(partner) == ("down" if direction == "up" else "up")
    causes = competing_causes(m, t)
    assert all(g.causes for g in causes.groups)


# --------------------------------------------------------------------------- command line
@pytest.fixture
def story_file(tmp_map: TmpMap) -> Path:
    m = story()
    m.factor("inclusion", id="inclusion", opposite="exclusion")
    m.causes("gang", "blockade", polarity="-", id="back")
    return tmp_map(m, "story.json")


def test_cli_chains_loops_and_what_if_as_text(
    story_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["causal", str(story_file), "--cause", "blockade", "--effect", "gang", "--loops",
         "--what-if", "inclusion=-"]
    )  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == "net effect of blockade on gang: + (2 chains of at most 8 links)"
    assert out[1] == "  +  blockade -[direct +]-> gang  [told whole by petro]"
    assert out[3] == "feedback loops of at most 8 links: 2"
    assert out[4].startswith("  B1   -  blockade -[direct +]-> gang -[back -]-> blockade")
    assert out[4].endswith("[no one tells it whole (petro: direct; no one: back)]")
    assert out[6] == "what if inclusion -:"
    assert "  inclusion   down" in out and "  exclusion   up" in out
    assert "  gang        ambiguous" in out  # the balancing loop fights the push


def test_cli_json_output(story_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ends = ["--cause", "exclusion", "--effect", "gang"]
    args = ["causal", str(story_file), *ends, "--format", "json"]
    assert main([*args, "--max-length", "2"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["net_effect"]["effect"] == "+"
    assert result["net_effect"]["truncated"] is False
    [chain] = result["net_effect"]["chains"]
    assert chain["links"] == ["l3", "l4"]
    assert chain["steps"][0]["asserted_by"] == ["petro"]
    two = ["causal", str(story_file), "--cause", "blockade", "--effect", "gang", "--format", "json"]
    assert main([*two, "--limit", "1", "--loops", "--what-if", "blockade=+"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["net_effect"]["truncated"] is True
    assert len(result["net_effect"]["chains"]) == 1
    assert [lp["kind"] for lp in result["loops"]["loops"]] == ["balancing"]
    assert result["what_if"]["changes"]["blockade"] == "up"


def test_cli_says_when_longer_loops_were_skipped(
    story_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loops = ["causal", str(story_file), "--loops", "--max-length", "1"]
    assert main(loops) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "feedback loops of at most 1 links: 0; longer loops may exist (raise --max-length above 1)"
    )
    assert main([*loops, "--format", "json"]) == 0
    short = json.loads(capsys.readouterr().out)["loops"]
    assert (short["longer_skipped"], short["truncated"], short["loops"]) == (True, False, [])
    assert main([*loops[:-1], "8", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["loops"]["longer_skipped"] is False


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "say what to ask"),
        (["--cause", "blockade"], "--cause and --effect go together"),
        (["--what-if", "blockade"], "FACTOR=+ or FACTOR=-"),
        (["--what-if", "blockade=up"], "FACTOR=+ or FACTOR=-"),
        (["--cause", "blockad", "--effect", "gang"], "did you mean 'blockade'"),
        (["--loops", "--max-length", "0"], "max_length must be at least 1"),
        (["--what-if", "exclusion=+", "--what-if", "inclusion=+"], "both up and down"),
    ],
)
def test_cli_usage_errors_exit_2(
    story_file: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["causal", str(story_file), *extra]) == 2
    assert message in capsys.readouterr().err


@settings(max_examples=100)
@given(maps(), st.data())
def test_never_raises_on_the_shared_map_strategy(m: ArgumentMap, data: st.DataObject) -> None:
    ids = list(m.statements)
    s, t = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
    assert net_effect(m, s, t).effect in ("+", "-", "0", "mixed", "unknown")
    loops = feedback_loops(m)
    assert all(lp.kind in LOOP_KINDS for lp in loops)
    change = what_if(m, {s: data.draw(st.sampled_from(["+", "-"]))})
    assert change.direction(s) in ("up", "down")
    assert {c.cause for g in competing_causes(m, t).groups for c in g.causes} <= set(ids)


def test_docs_page_runs_as_a_doctest() -> None:
    page = Path(__file__).resolve().parents[1] / "docs" / "causal.md"
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 40
    assert result.failed == 0
