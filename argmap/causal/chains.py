"""Causal chains from one statement to another, and the net effect they add up to."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import TypeAlias, cast

import networkx as nx

from argmap.causal.results import Chain, Chains, NetEffect, Step
from argmap.causal.signs import NetSign, sign_product
from argmap.causal.variables import (
    StatementRef,
    _check_bounds,
    _statement_id,
    _Steps,
    _take,
    _variables,
)
from argmap.errors import UnknownIdError
from argmap.model import Agent, ArgumentMap

__all__ = ["causal_chains", "net_effect"]

_EdgePath: TypeAlias = list[tuple[str, str, str]]


def _edge_paths(
    g: nx.MultiDiGraph[str], start: str, end: str, max_length: int
) -> Iterator[_EdgePath]:
    """Simple edge paths start → end of at most ``max_length`` links; a loop when start == end.

    A backward breadth-first search from ``end`` first keeps only the nodes that can reach it
    within the bound, so the depth-first enumeration never wanders into the rest of a large map.
    """
    if start not in g or end not in g:
        return
    near = nx.single_source_shortest_path_length(g.reverse(copy=False), end, cutoff=max_length)
    if start not in near:
        return
    near_g = g.subgraph(near)
    if start != end:
        # On a multigraph networkx yields (u, v, key) triples: the keys are the link ids.
        paths = nx.all_simple_edge_paths(near_g, start, end, cutoff=max_length)
        yield from cast("Iterator[_EdgePath]", paths)
        return
    # A loop through `start`: its self-links, then paths start → p closed by a link p → start.
    for key in g[start].get(start, {}):
        yield [(start, start, key)]
    if max_length < 2:
        return
    closers = [p for p in g.pred[start] if p != start]
    paths = nx.all_simple_edge_paths(near_g, start, closers, cutoff=max_length - 1)
    for path in cast("Iterator[_EdgePath]", paths):
        last = path[-1][1]
        for key in g[last][start]:
            yield [*path, (last, start, key)]


def _flips_along(steps: tuple[Step, ...], source: str, target: str) -> int:
    flips = int(steps[0].cause != source) + int(steps[-1].effect != target)
    return flips + sum(a.effect != b.cause for a, b in pairwise(steps))


def _chains(
    m: ArgumentMap, source: str, target: str, max_length: int, told_by: str | None = None
) -> Iterator[Chain]:
    variables = _variables(m)
    step = _Steps(m)
    start, end = variables.var(source), variables.var(target)
    graph = variables.graph
    if told_by is not None:
        # Search only the speaker's own links, so that `limit` counts their chains alone.

        def told(u: str, v: str, key: object) -> bool:  # the keys are the link ids
            return told_by in step(str(key)).asserted_by

        graph = nx.subgraph_view(graph, filter_edge=told)
    for path in _edge_paths(graph, start, end, max_length):
        steps = tuple(step(key) for _, _, key in path)
        flips = _flips_along(steps, source, target)
        polarity = sign_product([*(s.polarity for s in steps), *("-" * flips)])
        yield Chain(source, target, steps, flips, polarity)


def causal_chains(
    m: ArgumentMap,
    source: StatementRef,
    target: StatementRef,
    *,
    max_length: int = 8,
    limit: int = 1000,
    told_by: str | Agent | None = None,
) -> Chains:
    """Find the chains of causal links from ``source`` to ``target`` and their net signs.

    A chain is a simple path over variables (module docs): it visits no factor, nor its
    opposite, twice. Its sign is the product of its links' polarities, times ``-`` for each
    flip between a factor and its opposite. When ``source`` and ``target`` are one variable,
    the chains are the loops through it.

    Each chain says who tells it: :attr:`Chain.asserted_by_all` holds the agents who assert
    every one of its links (directly or as someone reports), and :attr:`Chain.stitched` is
    True when its links come from several speakers and none tells it whole. A shared factor can
    join two stories that no one tells as one; ``told_by`` keeps only the chains one speaker
    tells whole.

    Args:
        m: The map.
        source: The statement (or its id) the chains start from.
        target: The statement (or its id) the chains end at.
        max_length: The longest chain to look for, in links.
        limit: The most chains to return; ``truncated`` says when there were more.
        told_by: An agent (or its id): walk only the links this agent asserts, directly or
            as reported, so every chain is one the agent tells whole.

    Returns:
        The chains, shortest first (ties in search order), and whether the search was cut short.

    Raises:
        UnknownIdError: ``source`` or ``target`` is not a statement of the map, or
            ``told_by`` is not one of its agents.
        CausalQueryError: ``max_length`` or ``limit`` is below 1.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> land, vio = m.factor("landlessness", id="land"), m.factor("violence", id="vio")
        >>> gang = m.factor("gang strength", id="gang")
        >>> _ = m.causes(land, vio, by=petro, id="l1")
        >>> _ = m.causes(vio, gang, by=noem, id="l2")
        >>> [(c.links, c.stitched, c.agents) for c in causal_chains(m, land, gang)]
        [(('l1', 'l2'), True, ('noem', 'petro'))]
        >>> len(causal_chains(m, land, gang, told_by=petro))
        0

        Opposite factors are one variable read two ways:

        >>> m = ArgumentMap()
        >>> exc = m.factor("exclusion of youth", id="exc")
        >>> inc = m.factor("inclusion of youth", id="inc", opposite=exc)
        >>> vio = m.factor("violence", id="vio")
        >>> gang = m.factor("gang strength", id="gang")
        >>> _ = m.causes(exc, vio, polarity="+", id="l1")
        >>> _ = m.causes(inc, gang, polarity="-", id="l2")
        >>> _ = m.causes(vio, gang, polarity="+", id="l3")
        >>> found = causal_chains(m, exc, gang)
        >>> [(c.links, c.flips, c.polarity) for c in found]
        [(('l2',), 1, '+'), (('l1', 'l3'), 0, '+')]
        >>> found.truncated
        False
    """
    _check_bounds(max_length, limit)
    s, t = _statement_id(m, source), _statement_id(m, target)
    teller = None
    if told_by is not None:
        teller = told_by if isinstance(told_by, str) else told_by.id
        if teller not in m.agents:
            raise UnknownIdError(teller, m.agents, expected="agent")
    taken, truncated = _take(_chains(m, s, t, max_length, teller), limit)
    chains = sorted(taken, key=lambda c: len(c.steps))  # stable: search order among equals
    return Chains(s, t, tuple(chains), truncated=truncated, max_length=max_length, limit=limit)


def net_effect(
    m: ArgumentMap,
    source: StatementRef,
    target: StatementRef,
    *,
    max_length: int = 8,
    limit: int = 1000,
    told_by: str | Agent | None = None,
) -> NetEffect:
    """Say how ``source`` acts on ``target`` over all the chains between them.

    Chains of sign ``0`` carry nothing and are set aside unless all chains are ``0``. Of the
    rest, ``+`` and ``-`` together give ``mixed``; otherwise any ``?`` gives ``unknown``;
    otherwise the one sign they share. No chain at all gives ``unknown`` (the map is silent,
    which is not a claim of no effect) with an empty ``chains``.

    Args:
        m: The map.
        source: The statement (or its id) that changes.
        target: The statement (or its id) whose change is asked about.
        max_length: The longest chain to consider, in links.
        limit: The most chains to consider; ``truncated`` says when there were more.
        told_by: An agent (or its id): only the chains this agent tells whole (see
            :func:`causal_chains`).

    Returns:
        The verdict with the chains behind it.

    Raises:
        UnknownIdError: ``source`` or ``target`` is not a statement of the map, or
            ``told_by`` is not one of its agents.
        CausalQueryError: ``max_length`` or ``limit`` is below 1.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> a, b, c = m.factor("sanctions"), m.factor("emigration"), m.factor("remittances")
        >>> _ = m.causes(a, b, polarity="+")
        >>> _ = m.causes(b, c, polarity="+")
        >>> net_effect(m, a, c).effect
        '+'
        >>> _ = m.causes(a, c, polarity="-")
        >>> result = net_effect(m, a, c)
        >>> result.effect, [ch.polarity for ch in result.chains]
        ('mixed', ['-', '+'])
    """
    found = causal_chains(m, source, target, max_length=max_length, limit=limit, told_by=told_by)
    signs = {c.polarity for c in found.chains}
    carrying = signs - {"0"}
    effect: NetSign
    if not signs:
        effect = "unknown"
    elif not carrying:
        effect = "0"
    elif {"+", "-"} <= carrying:
        effect = "mixed"
    elif "?" in carrying:
        effect = "unknown"
    else:
        effect = "+" if "+" in carrying else "-"
    return NetEffect(found.source, found.target, effect, found.chains, found.truncated)
