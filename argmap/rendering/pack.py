"""Arrange the disconnected parts of a drawing in rows, so that a whole map reads on a screen.

Graphviz's ``dot`` lays the connected components of a graph side by side along one line: the
seed's argument view, fourteen small trees, came out as a strip 7,000 pixels wide. Its own
remedy, ``pack``, crashes the Debian ``dot`` (2.43) on graphs with clusters, so the renderer
arranges the parts itself. It measures each part (a :class:`Block`: how far it reaches across
the ranks and along them), lets :func:`shelves` fill rows of parts up to the width that brings
the whole picture closest to a chosen shape, and then ties the rows together with invisible
edges in the DOT (:mod:`argmap.rendering.dot` does that part).

Everything here is plain arithmetic on node names and sizes; nothing runs Graphviz.

Examples:
    >>> parts = components(["a", "b", "c", "d"], [("a", "b"), ("c", "d")])
    >>> parts
    [['a', 'b'], ['c', 'd']]
    >>> levels(["a", "b", "c"], [("a", "b"), ("b", "c")])
    {'a': 0, 'b': 1, 'c': 2}
    >>> shelves([Block(4, 1), Block(4, 1), Block(4, 1), Block(4, 1)], aspect=3.0)
    [[0, 1], [2, 3]]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Block", "components", "levels", "shelves"]


@dataclass(frozen=True)
class Block:
    """The size of one part of a drawing, in inches.

    Attributes:
        across: How far the part reaches across the ranks: its width in a bottom-to-top
            drawing, its height in a left-to-right one.
        along: How far it reaches along the ranks, from its first rank to its last.
    """

    across: float
    along: float


def components(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Group ``nodes`` into the sets that ``links`` join, in the order the nodes come.

    Union-find with path halving: iterative and near linear. A link to a node not among
    ``nodes`` joins nothing.

    Examples:
        >>> components(["x", "y", "z"], [("z", "x"), ("y", "w")])
        [['x', 'z'], ['y']]
    """
    parent: dict[str, str] = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in links:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for n in parent:
        groups.setdefault(root(n), []).append(n)
    return list(groups.values())


def levels(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Give each node the length of the longest chain of ``edges`` that leads to it.

    That is the rank ``dot`` gives a node when nothing else pulls it. Nodes on a cycle, which
    no order can rank, come after everything else, on one level.

    Examples:
        >>> levels(["a", "b", "c", "d"], [("a", "c"), ("b", "c"), ("c", "d"), ("d", "c")])
        {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    indegree = dict.fromkeys(nodes, 0)
    for a, b in edges:
        if a in succ and b in succ and a != b:
            succ[a].append(b)
            indegree[b] += 1
    level = dict.fromkeys(nodes, 0)
    ready = [n for n in nodes if indegree[n] == 0]
    done = 0
    while ready:
        n = ready.pop()
        done += 1
        for m in succ[n]:
            level[m] = max(level[m], level[n] + 1)
            indegree[m] -= 1
            if indegree[m] == 0:
                ready.append(m)
    if done < len(level):
        # What is left sits on cycles; it goes above what could be ranked, which is roughly
        # where dot puts it after reversing an edge of each cycle.
        top = max((level[n] for n in nodes if indegree[n] == 0), default=-1) + 1
        for n in nodes:
            if indegree[n]:
                level[n] = max(level[n], top)
    return level


def shelves(
    blocks: Sequence[Block],
    *,
    aspect: float,
    ranks_across: bool = False,
    gap: float = 0.6,
    tolerance: float = 2.0,
) -> list[list[int]]:
    """Fill rows ("shelves") with blocks, in order, so that the picture's shape nears ``aspect``.

    Each shelf takes blocks side by side (across the ranks) up to a limit, and shelves stack
    along the ranks. When one shelf (what ``dot`` does anyway) already gives a shape within a
    factor ``tolerance`` of ``aspect``, that is the answer: ``dot`` fills the gaps between
    parts better than rows do. Otherwise every limit that changes the packing is tried, and the
    one whose picture's width over height is nearest ``aspect`` (by ratio) wins, fewer shelves
    breaking ties.

    Args:
        blocks: The parts, in the order they should read.
        aspect: Wanted width / height of the whole picture.
        ranks_across: True when ranks run left to right (``rankdir=LR``): then "across the
            ranks" is the picture's height, not its width.
        gap: Room between blocks and between shelves, in inches.
        tolerance: How far from ``aspect`` one shelf may be and still be kept.

    Returns:
        The shelves, each a list of block indices; the first shelf reads first.

    Examples:
        >>> shelves([Block(1, 3)] * 3, aspect=1.5)  # three tall, narrow trees: one row
        [[0, 1, 2]]
        >>> len(shelves([Block(3, 1)] * 6, aspect=1.5))  # six wide, flat ones
        3
    """
    if not blocks:
        return []

    def score(packed: list[list[int]]) -> float:
        across = max(_prefix_width(blocks, s[0], s[-1] + 1, gap) for s in packed)
        along = sum(max(blocks[i].along for i in s) for s in packed) + gap * (len(packed) - 1)
        width, height = (along, across) if ranks_across else (across, along)
        return abs(math.log(max(width, 1e-6) / max(height, 1e-6) / aspect))

    best: list[list[int]] = [list(range(len(blocks)))]
    best_score = score(best)
    if best_score <= math.log(tolerance):
        return best
    widest = max(b.across for b in blocks)
    total = _prefix_width(blocks, 0, len(blocks), gap)
    if len(blocks) <= 30:  # every width a run of blocks can have: each a possible shelf
        limits = sorted(
            {
                _prefix_width(blocks, i, j, gap)
                for i in range(len(blocks))
                for j in range(i + 1, len(blocks) + 1)
            }
        )
    else:  # too many runs to try them all: 64 widths, evenly spread on a log scale
        steps = 64
        limits = [widest * (total / widest) ** (k / (steps - 1)) for k in range(steps)]
    tried: set[tuple[int, ...]] = set()
    for limit in limits:
        packed = _fill(blocks, limit, gap)
        key = tuple(len(s) for s in packed)
        if key in tried:
            continue
        tried.add(key)
        found = score(packed)
        if found < best_score - 1e-9 or (
            abs(found - best_score) <= 1e-9 and len(packed) < len(best)
        ):
            best, best_score = packed, found
    return best


def _prefix_width(blocks: Sequence[Block], start: int, stop: int, gap: float) -> float:
    return sum(b.across for b in blocks[start:stop]) + gap * (stop - start - 1)


def _fill(blocks: Sequence[Block], limit: float, gap: float) -> list[list[int]]:
    packed: list[list[int]] = [[]]
    width = 0.0
    for i, block in enumerate(blocks):
        needed = block.across if not packed[-1] else width + gap + block.across
        if packed[-1] and needed > limit + 1e-9:
            packed.append([])
            needed = block.across
        packed[-1].append(i)
        width = needed
    return packed
