"""Shared check helpers: text folding, id lists, bounded cycle search."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from argmap.checks._common import ENUMERATION_NODE_LIMIT, bounded_cycles, ids_text, normalise


def test_normalise_folds_case_accents_punctuation_and_space() -> None:
    assert normalise("  ¡Nicolás   MADURO!\n") == "nicolas maduro"
    assert normalise("Tren_de-Aragua") == "tren de aragua"
    assert normalise("...") == ""


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


def test_ids_text_elides_long_lists() -> None:
    assert ids_text(["a", "b"]) == "a -> b"
    long = ids_text([str(i) for i in range(100)], limit=4)
    assert long == "0 -> 1 -> ... -> 98 -> 99 (100 in all)"


def test_dag_has_no_cycles() -> None:
    g: nx.DiGraph[str] = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    search = bounded_cycles(g)
    assert search.cycles == [] and not search.stopped and search.note() == ""


def test_cycles_are_rotated_sorted_and_deterministic() -> None:
    edges = [("c", "a"), ("a", "b"), ("b", "c"), ("x", "y"), ("y", "x")]
    first = bounded_cycles(nx.DiGraph(edges))
    again = bounded_cycles(nx.DiGraph(list(reversed(edges))))
    assert [c.nodes for c in first.cycles] == [("x", "y"), ("a", "b", "c")]
    assert first.cycles == again.cycles


def test_limits_on_count_and_length() -> None:
    g: nx.DiGraph[str] = nx.complete_graph([f"n{i}" for i in range(6)], create_using=nx.DiGraph)
    search = bounded_cycles(g, limit=10)
    assert len(search.cycles) == 10 and search.stopped
    assert "stopped at 10 cycles" in search.note()
    ring: nx.DiGraph[str] = nx.DiGraph(list(itertools.pairwise([*"abcdefgh", "a"])))
    (only,) = bounded_cycles(ring, length_bound=4).cycles
    assert not only.enumerated and len(only.nodes) == 8  # longer than the bound: BFS finds it


def test_large_components_are_not_enumerated() -> None:
    n = ENUMERATION_NODE_LIMIT + 1
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_edges_from((f"v{i}", f"v{(i + 1) % n}") for i in range(n))
    g.add_edges_from((f"v{i}", f"v{(i + 2) % n}") for i in range(0, n, 50))  # many long cycles
    search = bounded_cycles(g)
    (cycle,) = search.cycles
    assert cycle.component == n and not cycle.enumerated


def test_odd_only_skips_bipartite_components() -> None:
    g: nx.DiGraph[str] = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "b"), ("a", "a")])
    assert bounded_cycles(g, odd_only=True).cycles == []
    g.add_edges_from([("c", "a")])
    assert [c.nodes for c in bounded_cycles(g, odd_only=True).cycles] == [("a", "b", "c")]
