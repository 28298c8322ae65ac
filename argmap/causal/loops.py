"""Feedback loops of the causal graph: reinforcing, balancing or undetermined, bounded in length."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import networkx as nx

from argmap.causal.results import Loop, Loops, Step
from argmap.causal.signs import _KIND_OF_SIGN, LOOP_LETTER, sign_product
from argmap.causal.variables import _check_bounds, _Steps, _take, _variables
from argmap.model import ArgumentMap, Polarity

__all__ = ["feedback_loops"]


def _simple_cycles(
    g: nx.MultiDiGraph[str], max_length: int, cut: list[bool]
) -> Iterator[list[str]]:
    """Yield each simple cycle of ``g`` with at most ``max_length`` nodes once.

    ``cut[0]`` becomes True when the length bound stops the search from following a link to
    a node that shares a strongly connected component with the start, the only nodes a loop
    through the start can use: a longer loop may then exist. Left False, none does.

    Each cycle starts at its node that comes first in ``g``; self-loops come first.

    Why not ``nx.simple_cycles(g, length_bound=...)``: networkx recomputes the strongly
    connected components of the remaining graph after every start node, which is quadratic
    on a large component (on 100,000 factors and 300,000 links it did not finish in ten
    minutes). Here each start node ``v`` gets its own small search among the nodes after it:
    a breadth-first search backwards from ``v`` to depth ``max_length // 2`` bounds, for
    every node, how far it still is from ``v``, and the depth-first search forwards drops any
    node that could not close the cycle within the bound. Both searches are iterative.
    """
    for v, nbrs in g.adj.items():
        if v in nbrs:
            yield [v]
    # Strongly connected components (networkx finds them without recursion): a loop never
    # leaves one, so only a bound that stops a step inside one can hide a loop.
    component: dict[str, int] = {}
    for number, members in enumerate(nx.strongly_connected_components(g)):
        if len(members) > 1:
            component.update(dict.fromkeys(members, number))
    if max_length < 2:
        cut[0] = cut[0] or bool(component)
        return
    rank = {n: i for i, n in enumerate(g)}
    # How many members of each component come at or after a node: a loop from that node uses
    # no others, so when they are no more than max_length, no loop through it is too long.
    seen: dict[int, int] = {}
    later: dict[str, int] = {}
    for n in reversed(rank):  # latest first, so each count includes the nodes after it
        if n in component:
            seen[component[n]] = later[n] = seen.get(component[n], 0) + 1
    succ = {n: tuple(w for w in nbrs if w != n) for n, nbrs in g.succ.items()}
    pred = {n: tuple(w for w in nbrs if w != n) for n, nbrs in g.pred.items()}
    reach = max_length // 2
    beyond = reach + 1  # lower bound on the distance back to v of a node outside the ball
    for v in g:
        if v not in component:
            continue  # on no loop but a self-link
        first = rank[v]
        home = component[v]
        may_be_longer = later[v] > max_length
        back = {v: 0}
        frontier = [v]
        for depth in range(1, reach + 1):
            ring = []
            for x in frontier:
                for y in pred[x]:
                    if y not in back and rank[y] > first:
                        back[y] = depth
                        ring.append(y)
            if not ring:
                break
            frontier = ring
        if len(back) == 1:
            continue  # nothing after v leads back to it
        path = [v]
        on_path = {v}
        stack = [iter(succ[v])]
        while stack:
            for w in stack[-1]:
                links = len(path)  # links from v to w along the path
                if w == v:
                    if links >= 2:
                        yield list(path)
                    continue
                if w in on_path or rank[w] < first or component.get(w) != home:
                    continue
                if links + back.get(w, beyond) > max_length:
                    cut[0] = cut[0] or may_be_longer  # w may lie on a loop too long to look for
                    continue
                path.append(w)
                on_path.add(w)
                stack.append(iter(succ[w]))
                break
            else:
                stack.pop()
                on_path.discard(path.pop())


def _loops(
    m: ArgumentMap, max_length: int, cut: list[bool]
) -> Iterator[tuple[tuple[Step, ...], int, Polarity]]:
    variables = _variables(m)
    g = variables.graph
    step = _Steps(m)
    for nodes in _simple_cycles(g, max_length, cut):
        hops = [list(g[u][nodes[(i + 1) % len(nodes)]]) for i, u in enumerate(nodes)]
        # Parallel links between two factors (two speakers saying it) make distinct loops.
        for keys in product(*hops):
            steps = tuple(step(k) for k in keys)
            flips = sum(
                a.effect != b.cause for a, b in zip(steps, steps[1:] + steps[:1], strict=True)
            )
            yield steps, flips, sign_product([*(s.polarity for s in steps), *("-" * flips)])


def feedback_loops(m: ArgumentMap, *, max_length: int = 8, limit: int = 1000) -> Loops:
    """Find the feedback loops of the map's causal links and say which reinforce or balance.

    A loop is a simple cycle over variables (a factor and its opposite are one, module docs).
    Its sign is the product of its links' polarities, times ``-`` for each flip: ``+`` is a
    reinforcing loop (``R``), ``-`` a balancing one (``B``), ``0`` or ``?`` undetermined
    (named ``U``). A loop whose links no single agent all asserts was assembled from several
    speakers' links: see :attr:`Loop.asserted_by_all`.

    Args:
        m: The map.
        max_length: The longest loop to look for, in links.
        limit: The most loops to return; ``truncated`` says when there were more.

    Returns:
        The loops, shortest first, named ``R1``, ``B1``, ``U1``... in that order;
        ``truncated`` when there were more than ``limit``, ``longer_skipped`` when loops
        longer than ``max_length`` may have been left out.

    Raises:
        CausalQueryError: ``max_length`` or ``limit`` is below 1.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> gang, fear = m.factor("gang strength", id="gang"), m.factor("fear", id="fear")
        >>> police = m.factor("policing", id="police")
        >>> _ = m.causes(gang, fear, by=petro)
        >>> _ = m.causes(fear, gang, by=petro)
        >>> _ = m.causes(gang, police, by=noem)
        >>> _ = m.causes(police, gang, polarity="-", by=noem)
        >>> _ = m.causes(fear, police, by=noem)
        >>> for loop in feedback_loops(m):
        ...     print(loop.name, loop.factors, loop.asserted_by_all)
        R1 ('gang', 'fear') ('petro',)
        B1 ('gang', 'police') ('noem',)
        B2 ('gang', 'fear', 'police') ()

        A loop longer than ``max_length`` is not returned, and the result says so:

        >>> ring = ArgumentMap()
        >>> names = [ring.factor(f"f{i}", id=f"f{i}").id for i in range(10)]
        >>> for a, b in zip(names, names[1:] + names[:1]):
        ...     _ = ring.causes(a, b)
        >>> short = feedback_loops(ring, max_length=9)
        >>> len(short), short.truncated, short.longer_skipped
        (0, False, True)
        >>> len(feedback_loops(ring, max_length=10))
        1
    """
    _check_bounds(max_length, limit)
    cut = [False]
    taken, truncated = _take(_loops(m, max_length, cut), limit)
    taken.sort(key=lambda found: len(found[0]))  # stable: search order among equals
    counts = dict.fromkeys(LOOP_LETTER.values(), 0)
    loops = []
    for steps, flips, polarity in taken:
        kind = _KIND_OF_SIGN.get(polarity, "undetermined")
        letter = LOOP_LETTER[kind]
        counts[letter] += 1
        loops.append(Loop(f"{letter}{counts[letter]}", kind, polarity, steps, flips))
    return Loops(
        tuple(loops),
        truncated=truncated,
        max_length=max_length,
        limit=limit,
        longer_skipped=cut[0],
    )
