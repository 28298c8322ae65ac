"""networkx graphs: counts follow from the model, caching, deep chains."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from argmap import ArgumentMap, Attack, CausalLink, Factor, Support, ViewError, to_networkx
from tests.strategies import maps, support_chain


def _expected_counts(m: ArgumentMap) -> dict[str, tuple[int, int]]:
    supports = [r for r in m.relations.values() if isinstance(r, Support)]
    attacks = [r for r in m.relations.values() if isinstance(r, Attack)]
    links = [r for r in m.relations.values() if isinstance(r, CausalLink)]
    targeted = {a.target for a in attacks if a.target in m.relations}
    targeted |= {s.conclusion for s in supports if s.conclusion in m.relations}
    claims_edges = (
        sum(len(s.premises) for s in supports)
        + sum(2 if a.sort == "contradict" and a.attacker != a.target else 1 for a in attacks)
        + len(links)
    )
    aif_edges = sum(len(s.premises) + 1 for s in supports) + 2 * (len(attacks) + len(links))
    causal_nodes = {s.id for s in m.statements.values() if isinstance(s, Factor)}
    causal_nodes |= {end for link in links for end in (link.cause, link.effect)}
    return {
        "claims": (len(m.statements) + len(targeted), claims_edges),
        "aif": (len(m.statements) + len(m.relations), aif_edges),
        "causal-links": (len(causal_nodes), len(links)),
    }


@settings(max_examples=80)
@given(maps())
def test_node_and_edge_counts_follow_from_the_model(m: ArgumentMap) -> None:
    for graph, (nodes, edges) in _expected_counts(m).items():
        g = to_networkx(m, graph=graph)  # type: ignore[arg-type]
        assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges), graph
        assert g.name == graph
        assert all("kind" in data for _, data in g.nodes(data=True))
        assert all("kind" in data for *_, data in g.edges(keys=True, data=True))


def test_claims_view_linked_premises_contradiction_and_undercut() -> None:
    m = ArgumentMap()
    a, b, c, d = (m.claim(t) for t in "ABCD")
    s = m.support([a, b], c)
    m.contradict(d, c)
    u = m.undercut(d, s)
    g = to_networkx(m)
    assert g.nodes[s.id]["relation"] is True
    assert g.has_edge("c4", s.id, key=u.id)
    assert g.has_edge("c3", "c4") and g.has_edge("c4", "c3")
    assert {k for _, _, k in g.in_edges("c3", keys=True)} == {s.id, "a1"}
    assert all(d["linked"] for _, _, d in g.in_edges("c3", data=True) if d["kind"] == "support")


def test_views_are_cached_and_follow_changes() -> None:
    m = ArgumentMap()
    m.claim("A")
    first = to_networkx(m)
    assert to_networkx(m) is first
    snapshot = first.copy()
    m.claim("B")
    second = to_networkx(m)
    # The cached graph follows the change in place; a copy keeps the graph of its moment.
    assert second is first and second.number_of_nodes() == 2
    assert snapshot.number_of_nodes() == 1


def test_unknown_graph_raises_the_views_error() -> None:
    # One error class for an unknown name in both vocabularies; still a ValueError for old callers.
    for name in ("tree", "argument", "causal"):  # a drawn view's name is not a graph's
        with pytest.raises(ViewError, match=f"unknown graph '{name}'") as caught:
            to_networkx(ArgumentMap(), graph=name)  # type: ignore[arg-type]
        assert isinstance(caught.value, ValueError) and caught.value.code == "view"


def test_an_attack_keeps_its_sort_on_the_graphs() -> None:
    m = ArgumentMap()
    s = m.support(m.claim("A", id="a"), m.claim("B", id="b"), id="s")
    _ = m.undercut(m.claim("C", id="c"), s, id="u")
    assert to_networkx(m, graph="claims").edges["c", "s", "u"]["sort"] == "undercut"
    assert to_networkx(m, graph="aif").nodes["u"]["sort"] == "undercut"


def test_deep_chain_converts() -> None:
    m = support_chain(100_000)
    g = to_networkx(m)
    assert g.number_of_edges() == 99_999


# --------------------------------------------------------------------------- agents
def _exchanges(m: ArgumentMap) -> dict[tuple[str, str, str], list[str]]:
    g = to_networkx(m, graph="agents")
    return {(a, b, k): d["targets"] for a, b, k, d in g.edges(keys=True, data=True)}


def test_agents_graph_says_who_answers_whom() -> None:
    m = ArgumentMap()
    petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Kristi Noem", id="noem")
    desk, maduro = m.agent("gec/ctl/tmv", id="desk"), m.agent("Nicolás Maduro", id="maduro")
    friends = m.claim("Gang members are Petro's friends", id="friends", by=petro, reported_by=noem)
    m.attribute(friends, by=petro, stance="denies")
    never = m.claim("Petro never met a cartel member", id="never", by=petro)
    m.rebut(never, friends, id="r")
    defeated = m.claim("The gang was defeated", id="defeated", by=maduro, reported_by=desk)
    m.claim("Tense meeting", id="tense", by=noem, reported_by=desk)
    m.contradict(defeated, never, id="c")
    found = _exchanges(m)
    # Noem's report is her allegation: Petro's rebuttal and denial answer her, not himself.
    assert found[("petro", "noem", "attacks")] == ["r"]
    assert found[("petro", "noem", "denies")] == ["friends"]
    assert found[("noem", "petro", "reports")] == ["friends"]
    # The article's desk reports faithfully: Maduro is on record for what it quotes him saying.
    assert found[("maduro", "petro", "attacks")] == ["c"]
    assert found[("desk", "maduro", "reports")] == ["defeated"]
    g = to_networkx(m, graph="agents")
    assert g.nodes["desk"]["narrator"] is True and g.nodes["petro"]["narrator"] is False
    assert g.name == "agents" and set(g.nodes) == {"petro", "noem", "desk", "maduro"}


@settings(max_examples=60)
@given(maps())
def test_agents_graph_is_consistent_with_the_map(m: ArgumentMap) -> None:
    g = to_networkx(m, graph="agents")
    assert set(g.nodes) == set(m.agents)
    for a, b, kind, data in g.edges(keys=True, data=True):
        assert a != b and kind == data["kind"]
        assert kind in ("supports", "attacks", "denies", "questions", "reports")
        assert data["count"] == len(data["targets"]) == len(set(data["targets"])) > 0
        for target in data["targets"]:
            assert target in m.statements or target in m.relations
            if kind in ("supports", "attacks"):
                assert m.relations[target].kind == kind[:-1]
