"""pack: components, levels and rows of a drawing's parts. Pure arithmetic, no engine."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from argmap.rendering.pack import Block, components, levels, shelves

NODES = st.lists(st.sampled_from("abcdefghij"), unique=True, min_size=1)


@given(NODES, st.lists(st.tuples(st.sampled_from("abcdefghijk"), st.sampled_from("abcdefghijk"))))
def test_components_partition_the_nodes_and_respect_the_links(
    nodes: list[str], links: list[tuple[str, str]]
) -> None:
    parts = components(nodes, links)
    assert sorted(n for part in parts for n in part) == sorted(nodes)
    where = {n: i for i, part in enumerate(parts) for n in part}
    for a, b in links:
        if a in where and b in where:
            assert where[a] == where[b]
    # In the order the nodes came: each part's first node comes before the next part's.
    firsts = [nodes.index(part[0]) for part in parts]
    assert firsts == sorted(firsts)


def test_components_handle_a_long_chain_without_recursion() -> None:
    nodes = [f"n{i}" for i in range(100_000)]
    parts = components(nodes, itertools.pairwise(nodes))
    assert len(parts) == 1 and len(parts[0]) == 100_000


@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8))))
def test_levels_rank_every_edge_of_an_acyclic_graph_upwards(pairs: list[tuple[int, int]]) -> None:
    edges = [(f"n{a}", f"n{b}") for a, b in pairs if a < b]  # acyclic by construction
    nodes = [f"n{i}" for i in range(9)]
    level = levels(nodes, edges)
    assert all(level[b] > level[a] for a, b in edges)
    assert min(level.values()) == 0


def test_levels_put_cycles_above_what_can_be_ranked() -> None:
    level = levels(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "b")])
    assert level["a"] == 0 and level["b"] >= 1 and level["c"] >= 1


@given(
    st.lists(st.builds(Block, st.floats(0.1, 20), st.floats(0.1, 20)), min_size=1, max_size=40),
    st.floats(0.3, 4),
    st.booleans(),
)
def test_shelves_keep_every_block_once_in_order(
    blocks: list[Block], aspect: float, ranks_across: bool
) -> None:
    rows = shelves(blocks, aspect=aspect, ranks_across=ranks_across)
    assert [i for row in rows for i in row] == list(range(len(blocks)))
    assert all(rows)


def test_a_long_strip_of_parts_becomes_rows_near_the_aspect() -> None:
    # Fourteen small trees, 4 inches wide and 3 tall, bottom to top: one row is 64 by 3.
    rows = shelves([Block(4, 3)] * 14, aspect=1.6)
    assert 3 <= len(rows) <= 5
    width = max(len(r) for r in rows) * 4.6
    height = len(rows) * 3.6
    assert 0.8 < width / height < 3.2


def test_a_shape_already_near_the_aspect_stays_one_row() -> None:
    assert shelves([Block(5, 8), Block(5, 8)], aspect=1.6) == [[0, 1]]
    # Left to right, "across" is the height: parts stack down, rows go right.
    assert shelves([Block(3, 10), Block(3, 10)], aspect=1.6, ranks_across=True) == [[0, 1]]
