"""The causal graph over variables: a factor and its opposite read as one variable two ways.

The walks in this package run over variables; passing from a factor to its opposite is a *flip*
that multiplies the sign by ``-``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

import networkx as nx

from argmap.causal.results import Step
from argmap.causal.signs import sign_product
from argmap.errors import CausalQueryError, UnknownIdError
from argmap.graph import to_networkx
from argmap.model import ArgumentMap, CausalLink, Claim, Factor, Polarity

__all__ = ["variable"]

StatementRef: TypeAlias = str | Claim | Factor
_T = TypeVar("_T")


@dataclass(frozen=True)
class _Variables:
    """The causal graph over variables: a factor and its opposite merged into one node.

    ``graph`` has one node per variable (named by its representative) and one edge per causal
    link, keyed by the link id, whose ``polarity`` is the link's effect between the
    representatives. ``sign[x]`` is ``-`` for a factor read against its representative.
    """

    graph: nx.MultiDiGraph[str]
    rep: dict[str, str]
    sign: dict[str, Polarity]

    def var(self, node: str) -> str:
        return self.rep.get(node, node)

    def sign_of(self, node: str) -> Polarity:
        return self.sign.get(node, "+")

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        """Kept while no factor is paired: the graph is then the causal view, which follows."""
        if self.rep:
            return False
        return not any(type(r) is Factor and r.opposite is not None for r in (*added, *removed))


def _variables(m: ArgumentMap) -> _Variables:
    found = m.cached(("causal", "variables"), lambda: _build_variables(m))
    if not found.rep and found.graph is not to_networkx(m, graph="causal-links"):
        # The causal view could not follow a change and was built again: so is this.
        found = m._cache[("causal", "variables")] = _build_variables(m)
    return found


def _build_variables(m: ArgumentMap) -> _Variables:
    causal = to_networkx(m, graph="causal-links")
    rep: dict[str, str] = {}
    sign: dict[str, Polarity] = {}
    # The representative of a pair is the one that comes first in the map: stable across saves.
    for sid in m.statements:
        other = m.opposite_of(sid)
        if other is not None and sid not in rep:
            rep[sid], rep[other] = sid, sid
            sign[sid], sign[other] = "+", "-"
    if not rep:
        # No opposites: the causal view already is the variable graph (one code path below).
        return _Variables(causal, rep, sign)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(view="causal-variables")
    g.add_nodes_from(dict.fromkeys(rep.get(n, n) for n in causal))
    links = m.relations
    for u, v, key in causal.edges(keys=True):
        link = links[key]
        assert isinstance(link, CausalLink)
        polarity = sign_product((link.polarity, sign.get(u, "+"), sign.get(v, "+")))
        g.add_edge(rep.get(u, u), rep.get(v, v), key=key, polarity=polarity)
    return _Variables(g, rep, sign)


def variable(m: ArgumentMap, statement: StatementRef) -> tuple[str, Polarity]:
    """Return the variable a statement stands for and how it reads it.

    A factor with an opposite shares one variable with it, named by whichever of the two comes
    first in the map; the other reads it reversed (``-``). Any other statement is its own
    variable, read ``+``.

    Raises:
        UnknownIdError: ``statement`` is not a statement of the map.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> exc = m.factor("exclusion", id="exc")
        >>> inc = m.factor("inclusion", id="inc", opposite=exc)
        >>> variable(m, "inc"), variable(m, exc)
        (('exc', '-'), ('exc', '+'))
    """
    sid = _statement_id(m, statement)
    variables = _variables(m)
    return variables.var(sid), variables.sign_of(sid)


def _statement_id(m: ArgumentMap, ref: StatementRef) -> str:
    sid = ref if isinstance(ref, str) else ref.id
    if sid not in m.statements:
        raise UnknownIdError(sid, m.statements, expected="statement")
    return sid


def _check_bounds(max_length: int, limit: int) -> None:
    if max_length < 1:
        raise CausalQueryError(f"max_length must be at least 1 link, got {max_length}")
    if limit < 1:
        raise CausalQueryError(f"limit must be at least 1, got {limit}")


class _Steps:
    """Builds :class:`Step` records on demand, once per link per query."""

    def __init__(self, m: ArgumentMap) -> None:
        self._m = m
        self._done: dict[str, Step] = {}

    def __call__(self, link_id: str) -> Step:
        step = self._done.get(link_id)
        if step is None:
            step = self._done[link_id] = Step.of(self._m, link_id)
        return step


def _take(items: Iterator[_T], limit: int) -> tuple[list[_T], bool]:
    taken: list[_T] = []
    for item in items:
        if len(taken) == limit:
            return taken, True  # one more exists: the result is cut short
        taken.append(item)
    return taken, False
