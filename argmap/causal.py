"""Causal analysis of a map: chains and their net sign, feedback loops, competing causes, what-if.

A map's causal links form a signed directed graph. This module walks it (with networkx, bounded
and iteratively) to answer an analyst's questions: which chains lead from A to B and with what
net sign (:func:`causal_chains`, :func:`net_effect`), which loops reinforce or balance
(:func:`feedback_loops`), which causes of an effect each speaker names (:func:`competing_causes`)
and which way every factor moves when some are pushed (:func:`what_if`). Every result is a frozen
dataclass that keeps the links behind it and the agents who assert them.

**Signs.** A link's polarity is ``+`` (same direction), ``-`` (opposite), ``0`` (no effect) or
``?`` (unknown). A chain's sign is the product of its links' signs (:func:`sign_product`): ``0``
anywhere absorbs everything (the chain transmits nothing), otherwise ``?`` anywhere makes it
unknown, otherwise the parity of the ``-`` links decides.

**Opposite factors.** A :class:`~argmap.model.Factor` and its ``opposite`` (inclusion and
exclusion of youth) are one variable read two ways: a rise of one is a fall of the other. The
walks therefore run over variables, and a chain may pass from a factor to its opposite: the
effect of one link is the opposite of the next link's cause, or ``source`` is the opposite of
the first cause, or the last effect is the opposite of ``target``. Each such passage is a
*flip* and multiplies the sign by ``-``, so "exclusion → violence ``+``" and "inclusion →
violence ``-``" say the same. When ``source`` and ``target`` are one variable (the same factor,
or a factor and its opposite) the chains are the feedback loops through it, read from ``source``
round to ``target``: a reinforcing loop read from exclusion to inclusion has the sign ``-``.

**Agents.** The agents behind a link are those of its attributions whose stance is
``asserts``; an assertion known only through someone's report keeps the reporter in
:attr:`Step.reported_by`. A link nobody asserts (an analyst's reconstruction) has no agents.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> petro = m.agent("Gustavo Petro", id="petro")
    >>> for cause, effect in [("blockade", "emigration"), ("emigration", "exclusion"),
    ...                       ("exclusion", "violence"), ("violence", "gang")]:
    ...     _ = m.causes(m.get(cause) or m.factor(cause, id=cause),
    ...                  m.get(effect) or m.factor(effect, id=effect), by=petro)
    >>> inclusion = m.factor("inclusion of youth", id="inclusion", opposite="exclusion")
    >>> [c.factors for c in causal_chains(m, "blockade", "gang")]
    [('blockade', 'emigration', 'exclusion', 'violence', 'gang')]
    >>> net_effect(m, "blockade", "inclusion").effect
    '-'
    >>> what_if(m, {"blockade": "-"}).direction("gang")
    'down'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise, product
from typing import Final, Generic, Literal, TypeAlias, TypeVar, cast, get_args

import networkx as nx

from argmap.errors import CausalQueryError, UnknownIdError
from argmap.graph import to_networkx
from argmap.model import ArgumentMap, CausalLink, Claim, Factor, Modality, Polarity

__all__ = [
    "LOOP_KINDS",
    "LOOP_LETTER",
    "Cause",
    "CauseGroup",
    "Chain",
    "Chains",
    "CompetingCauses",
    "Direction",
    "Loop",
    "LoopKind",
    "Loops",
    "NetEffect",
    "NetSign",
    "Step",
    "WhatIf",
    "causal_chains",
    "competing_causes",
    "feedback_loops",
    "flip",
    "net_effect",
    "sign_product",
    "variable",
    "what_if",
]

NetSign = Literal["+", "-", "0", "mixed", "unknown"]
"""The net effect of one factor on another: a sign, ``mixed`` (chains disagree) or ``unknown``."""
LoopKind = Literal["reinforcing", "balancing", "undetermined"]
"""Reinforcing (sign ``+``), balancing (sign ``-``), or undetermined (``0`` or ``?``)."""
LOOP_KINDS: Final[tuple[LoopKind, ...]] = get_args(LoopKind)
"""Every loop kind; the one vocabulary the checks, the command line and the drawings use."""
LOOP_LETTER: Final[dict[LoopKind, str]] = {
    "reinforcing": "R",
    "balancing": "B",
    "undetermined": "U",
}
"""The letter that names a loop of each kind in a drawing and in a loop's name: ``R1``, ``B2``."""
Direction = Literal["up", "down", "ambiguous", "unchanged"]
"""Which way a factor moves in :func:`what_if`."""

StatementRef: TypeAlias = str | Claim | Factor
_EdgePath: TypeAlias = list[tuple[str, str, str]]
_T = TypeVar("_T")
_Item = TypeVar("_Item")
_DIRECTION: dict[str, Direction] = {"+": "up", "-": "down", "?": "ambiguous", "0": "unchanged"}
_KIND_OF_SIGN: dict[str, LoopKind] = {"+": "reinforcing", "-": "balancing"}
_FLIP: dict[str, Polarity] = {"+": "-", "-": "+", "0": "0", "?": "?"}


# --------------------------------------------------------------------------- sign algebra
def sign_product(signs: Iterable[str]) -> Polarity:
    """Multiply link polarities: ``0`` absorbs, then ``?`` makes unknown, then ``-`` parity.

    Args:
        signs: Polarities, each ``+``, ``-``, ``0`` or ``?``.

    Returns:
        The product; ``+`` for no signs at all (the empty product).

    Examples:
        >>> sign_product("+-+"), sign_product("--"), sign_product("-?"), sign_product("?0-")
        ('-', '+', '?', '0')
    """
    negative = unknown = False
    for sign in signs:
        if sign == "0":
            return "0"
        if sign == "?":
            unknown = True
        elif sign == "-":
            negative = not negative
    if unknown:
        return "?"
    return "-" if negative else "+"


def flip(sign: Polarity) -> Polarity:
    """Reverse a polarity: ``+`` and ``-`` swap; ``0`` and ``?`` stay.

    Examples:
        >>> flip("+"), flip("-"), flip("0"), flip("?")
        ('-', '+', '0', '?')
    """
    return _FLIP[sign]


def _times(value: Polarity, polarity: Polarity) -> Polarity:
    """What a change ``value`` (+, - or ?) becomes across a link of ``polarity``."""
    if polarity == "0":
        return "0"
    if value == "?" or polarity == "?":
        return "?"
    return "+" if value == polarity else "-"


def _join(old: Polarity, new: Polarity) -> Polarity:
    """Combine two influences on one factor: agreeing signs stay, disagreeing ones are ``?``."""
    if old == "0" or old == new:
        return new
    if new == "0":
        return old
    return "?"


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Step:
    """One causal link as a chain or loop walks it, with who asserts it."""

    link: str
    """Id of the causal link."""
    cause: str
    """Id of the link's cause, as the link states it."""
    effect: str
    """Id of the link's effect, as the link states it."""
    polarity: Polarity
    """The link's own polarity."""
    modality: Modality
    """``actual``, ``general``, ``hypothetical`` or ``counterfactual``."""
    asserted_by: tuple[str, ...]
    """Ids of the agents with an ``asserts`` attribution on the link, sorted."""
    reported_by: tuple[tuple[str, str], ...] = ()
    """``(agent, reporter)`` for every assertion that someone else reports, sorted."""

    @classmethod
    def of(cls, m: ArgumentMap, link: str | CausalLink) -> Step:
        """Describe one causal link of ``m``: its ends, signs and the agents who assert it.

        Raises:
            UnknownIdError: ``link`` is not a causal link of the map.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
            >>> a, b = m.factor("a", id="a"), m.factor("b", id="b")
            >>> link = m.causes(a, b, by=petro, reported_by=noem)
            >>> _ = m.attribute(link, by=noem, stance="denies")
            >>> step = Step.of(m, link)
            >>> step.asserted_by, step.reported_by
            (('petro',), (('petro', 'noem'),))
        """
        lid = link if isinstance(link, str) else link.id
        found = m.relations.get(lid)
        if not isinstance(found, CausalLink):
            known = [r.id for r in m.causal_links()]
            raise UnknownIdError(lid, known, expected="causal link")
        agents: set[str] = set()
        reports: set[tuple[str, str]] = set()
        for att in m.attributions_of(lid):
            if att.stance == "asserts" and att.agent is not None:
                agents.add(att.agent)
                if att.reported_by is not None:
                    reports.add((att.agent, att.reported_by))
        return cls(
            link=lid,
            cause=found.cause,
            effect=found.effect,
            polarity=found.polarity,
            modality=found.modality,
            asserted_by=tuple(sorted(agents)),
            reported_by=tuple(sorted(reports)),
        )


class _Walk:
    """What a chain and a loop share: links in order and the agents behind them."""

    steps: tuple[Step, ...]

    @property
    def links(self) -> tuple[str, ...]:
        """Ids of the links, in order."""
        return tuple(s.link for s in self.steps)

    @property
    def agents(self) -> tuple[str, ...]:
        """Agents who assert at least one link, sorted."""
        return tuple(sorted({a for s in self.steps for a in s.asserted_by}))

    @property
    def asserted_by_all(self) -> tuple[str, ...]:
        """Agents who assert every link, sorted: the story is their own. Empty when no single
        agent tells it: the map assembled it from several speakers' links (or unattributed ones)."""
        if not self.steps:
            return ()
        common = set(self.steps[0].asserted_by)
        for s in self.steps[1:]:
            common.intersection_update(s.asserted_by)
        return tuple(sorted(common))


@dataclass(frozen=True, kw_only=True)
class _Search(Generic[_Item]):
    """What a bounded search returns: what it found, in order, and where it stopped."""

    truncated: bool
    """True when more exist than ``limit`` allowed (the search stopped early)."""
    max_length: int
    """The longest looked for, in links."""
    limit: int
    """The most returned."""

    def _found(self) -> tuple[_Item, ...]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[_Item]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


@dataclass(frozen=True)
class Chain(_Walk):
    """A chain of causal links from ``source`` to ``target`` and its net sign."""

    source: str
    """Id of the statement the chain starts from, as asked."""
    target: str
    """Id of the statement the chain ends at, as asked."""
    steps: tuple[Step, ...]
    """The links in order, cause to effect."""
    flips: int
    """How many times the chain passes from a factor to its opposite (module docs)."""
    polarity: Polarity
    """Net sign from ``source`` to ``target``: the product of the links' polarities, times
    ``-`` for each flip."""

    @property
    def factors(self) -> tuple[str, ...]:
        """``source``, then each link's effect as the link states it."""
        return (self.source, *(s.effect for s in self.steps))


@dataclass(frozen=True)
class Chains(_Search[Chain]):
    """What :func:`causal_chains` found, shortest first, and whether it stopped early."""

    source: str
    """Id of the start statement, as asked."""
    target: str
    """Id of the end statement, as asked."""
    chains: tuple[Chain, ...]
    """The chains, shortest first."""

    def _found(self) -> tuple[Chain, ...]:
        return self.chains


@dataclass(frozen=True)
class NetEffect:
    """The net effect of ``source`` on ``target`` over every chain found, and those chains."""

    source: str
    """Id of the start statement, as asked."""
    target: str
    """Id of the end statement, as asked."""
    effect: NetSign
    """``+``, ``-`` or ``0`` when the chains agree; ``mixed`` when some are ``+`` and some
    ``-``; ``unknown`` when a chain's sign is ``?`` and nothing disagrees, or when no chain
    connects the two."""
    chains: tuple[Chain, ...]
    """The chains behind the verdict, shortest first."""
    truncated: bool
    """True when the chain search stopped at its limit: the verdict covers the chains found."""


@dataclass(frozen=True)
class Loop(_Walk):
    """A feedback loop: links that lead from a factor back to itself."""

    name: str
    """``R1``, ``B2``, ``U3``...: kind and rank in the result, for labels in diagrams."""
    kind: LoopKind
    """``reinforcing`` (sign ``+``), ``balancing`` (``-``), or ``undetermined``."""
    polarity: Polarity
    """The loop's sign: product of its links' polarities, times ``-`` for each flip."""
    steps: tuple[Step, ...]
    """The links in order round the loop, starting at the factor that comes first in the map."""
    flips: int
    """How many times the loop passes from a factor to its opposite."""

    @property
    def factors(self) -> tuple[str, ...]:
        """Each link's cause as the link states it, round the loop."""
        return tuple(s.cause for s in self.steps)


@dataclass(frozen=True)
class Loops(_Search[Loop]):
    """What :func:`feedback_loops` found, and whether it stopped early."""

    loops: tuple[Loop, ...]
    """The loops, shortest first; among equals, by their first factor in map order."""
    longer_skipped: bool = False
    """True when the search had to leave a way round unexplored because it would have made a
    loop longer than ``max_length``: longer loops may exist (a ring of 20,000 factors is one
    loop, found only with ``max_length=20000``). It can be True when, on closer look, every
    such way would have crossed itself; when False, no loop was left out for its length. A
    search cut short by ``limit`` stops looking, so then it covers the part searched."""

    def _found(self) -> tuple[Loop, ...]:
        return self.loops


@dataclass(frozen=True)
class Cause:
    """One direct cause of an effect."""

    cause: str
    """Id of the cause, as the link states it."""
    link: str
    """Id of the causal link."""
    polarity: Polarity
    """Sign of the link on the effect as asked (flipped when the link names its opposite)."""


@dataclass(frozen=True)
class CauseGroup:
    """The causes of an effect that one agent asserts."""

    agent: str | None
    """Id of the agent; None gathers the links that nobody asserts."""
    causes: tuple[Cause, ...]
    """The causes, in map order."""


@dataclass(frozen=True)
class CompetingCauses:
    """The direct causes of an effect, grouped by the agent who asserts each link."""

    effect: str
    """Id of the effect, as asked."""
    groups: tuple[CauseGroup, ...]
    """One group per agent, agents sorted by id, the unattributed group (if any) last."""
    competing: bool
    """True when at least two agents name causes and not all name the same ones."""


@dataclass(frozen=True)
class WhatIf:
    """How factors move when some are pushed up or down (see :func:`what_if`)."""

    interventions: tuple[tuple[str, Literal["+", "-"]], ...]
    """The pushes, as asked."""
    changes: tuple[tuple[str, Direction], ...]
    """Every statement reached (interventions included) and which way it moves, in map order."""
    steps: int
    """Rounds of propagation run; a round carries changes one link further."""
    stopped_early: bool
    """True when ``max_steps`` ended the propagation with changes not yet carried on."""
    _lookup: dict[str, Direction] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lookup", dict(self.changes))

    def direction(self, statement: str) -> Direction:
        """Which way ``statement`` moves; ``unchanged`` for a statement nothing reaches."""
        return self._lookup.get(statement, "unchanged")

    def as_dict(self) -> dict[str, Direction]:
        """The changes as a dict, statement id to direction."""
        return dict(self._lookup)


# --------------------------------------------------------------------------- variables
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


def _variables(m: ArgumentMap) -> _Variables:
    return m.cached(("causal", "variables"), lambda: _build_variables(m))


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


# --------------------------------------------------------------------------- chains
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


def _chains(m: ArgumentMap, source: str, target: str, max_length: int) -> Iterator[Chain]:
    variables = _variables(m)
    step = _Steps(m)
    start, end = variables.var(source), variables.var(target)
    for path in _edge_paths(variables.graph, start, end, max_length):
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
) -> Chains:
    """Find the chains of causal links from ``source`` to ``target`` and their net signs.

    A chain is a simple path over variables (module docs): it visits no factor, nor its
    opposite, twice. Its sign is the product of its links' polarities, times ``-`` for each
    flip between a factor and its opposite. When ``source`` and ``target`` are one variable,
    the chains are the loops through it.

    Args:
        m: The map.
        source: The statement (or its id) the chains start from.
        target: The statement (or its id) the chains end at.
        max_length: The longest chain to look for, in links.
        limit: The most chains to return; ``truncated`` says when there were more.

    Returns:
        The chains, shortest first (ties in search order), and whether the search was cut short.

    Raises:
        UnknownIdError: ``source`` or ``target`` is not a statement of the map.
        CausalQueryError: ``max_length`` or ``limit`` is below 1.

    Examples:
        >>> from argmap import ArgumentMap
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
    taken, truncated = _take(_chains(m, s, t, max_length), limit)
    chains = sorted(taken, key=lambda c: len(c.steps))  # stable: search order among equals
    return Chains(s, t, tuple(chains), truncated=truncated, max_length=max_length, limit=limit)


def net_effect(
    m: ArgumentMap,
    source: StatementRef,
    target: StatementRef,
    *,
    max_length: int = 8,
    limit: int = 1000,
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

    Returns:
        The verdict with the chains behind it.

    Raises:
        UnknownIdError: ``source`` or ``target`` is not a statement of the map.
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
    found = causal_chains(m, source, target, max_length=max_length, limit=limit)
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


# --------------------------------------------------------------------------- loops
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


# --------------------------------------------------------------------------- causes
def competing_causes(m: ArgumentMap, effect: StatementRef) -> CompetingCauses:
    """List the direct causes of ``effect``, grouped by the agent who asserts each link.

    Links into the effect's opposite count too, with their sign flipped. A link that several
    agents assert appears in each of their groups; a link nobody asserts goes to the group
    of agent None, which does not count towards ``competing``.

    Args:
        m: The map.
        effect: The statement (or its id) whose causes are wanted.

    Returns:
        The groups, and whether the agents' accounts differ.

    Raises:
        UnknownIdError: ``effect`` is not a statement of the map.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
        >>> mig = m.factor("emigration", id="mig")
        >>> _ = m.causes(m.factor("US blockade", id="blockade"), mig, by=petro)
        >>> _ = m.causes(m.factor("sanctions", id="sanctions"), mig, by=maduro)
        >>> result = competing_causes(m, mig)
        >>> [(g.agent, [c.cause for c in g.causes]) for g in result.groups], result.competing
        ([('maduro', ['sanctions']), ('petro', ['blockade'])], True)
    """
    eid = _statement_id(m, effect)
    variables = _variables(m)
    g, var = variables.graph, variables.var(eid)
    step = _Steps(m)
    by_agent: dict[str | None, list[Cause]] = {}
    if var in g:
        for _, _, key in g.in_edges(var, keys=True):
            s = step(key)
            # A link into the asked statement's opposite acts on it with the reverse sign.
            polarity = s.polarity if s.effect == eid else flip(s.polarity)
            cause = Cause(s.cause, s.link, polarity)
            for agent in s.asserted_by or (None,):
                by_agent.setdefault(agent, []).append(cause)
    named = sorted(a for a in by_agent if a is not None)
    groups = [CauseGroup(a, tuple(by_agent[a])) for a in named]
    if None in by_agent:
        groups.append(CauseGroup(None, tuple(by_agent[None])))
    accounts = {frozenset(variables.var(c.cause) for c in by_agent[a]) for a in named}
    return CompetingCauses(eid, tuple(groups), len(named) >= 2 and len(accounts) >= 2)


# --------------------------------------------------------------------------- what-if
def what_if(
    m: ArgumentMap,
    interventions: Mapping[str, str] | Mapping[StatementRef, str],
    *,
    max_steps: int | None = None,
) -> WhatIf:
    """Push some factors up (``+``) or down (``-``) and follow the change through the links.

    Assumptions, all qualitative:

    - No magnitudes, delays or thresholds: a factor goes up, down, ambiguous or unchanged.
    - Across a link, ``+`` keeps the direction, ``-`` reverses it, ``0`` passes nothing and
      ``?`` makes it ambiguous.
    - Where influences of opposite signs meet, the factor is ambiguous: nothing weighs them.
    - The pushed factors are held where they were pushed (an intervention): links into them,
      feedback included, do not move them.
    - Every link counts, whatever its modality and whoever asserts or denies it; filter the
      map first to ask about one speaker's story.
    - A factor and its opposite move in opposite directions.
    - Propagation runs round by round, one link further each round, until nothing changes:
      each factor changes at most twice (to up or down, then to ambiguous), so it always
      ends, and a balancing loop can leave its factors ambiguous. ``max_steps`` stops it
      sooner; the result says so.

    Args:
        m: The map.
        interventions: Statement (or id) to ``+`` (pushed up) or ``-`` (pushed down).
        max_steps: The most rounds to run; None runs until nothing changes.

    Returns:
        Every statement reached and its direction; :meth:`WhatIf.direction` answers
        ``unchanged`` for the rest.

    Raises:
        UnknownIdError: An intervention names no statement of the map.
        CausalQueryError: A direction other than ``+`` or ``-``, a factor pushed both ways
            (directly or through its opposite), or ``max_steps`` below 0.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> blockade, mig = m.factor("blockade", id="blockade"), m.factor("emigration", id="mig")
        >>> border = m.factor("open border", id="border")
        >>> _ = m.causes(blockade, mig, polarity="+")
        >>> _ = m.causes(border, mig, polarity="-")
        >>> what_if(m, {"blockade": "-"}).as_dict()
        {'blockade': 'down', 'mig': 'down'}
        >>> what_if(m, {"blockade": "+", "border": "+"}).direction("mig")
        'ambiguous'
    """
    if max_steps is not None and max_steps < 0:
        raise CausalQueryError(f"max_steps must be 0 or more, got {max_steps}")
    variables = _variables(m)
    g = variables.graph
    asked: list[tuple[str, Literal["+", "-"]]] = []
    held: dict[str, Polarity] = {}
    for ref, push in interventions.items():
        sid = _statement_id(m, ref)
        if push not in ("+", "-"):
            raise CausalQueryError(
                f"what-if direction for {sid!r} must be '+' or '-', got {push!r}"
            )
        sign: Literal["+", "-"] = "+" if push == "+" else "-"
        asked.append((sid, sign))
        var = variables.var(sid)
        pushed = sign_product((sign, variables.sign_of(sid)))
        if held.get(var, pushed) != pushed:
            raise CausalQueryError(
                f"{sid!r} is pushed both up and down (directly or through its opposite)"
            )
        held[var] = pushed
    value: dict[str, Polarity] = dict(held)
    reached = set(held)
    frontier = list(held)
    rounds = 0
    while frontier and (max_steps is None or rounds < max_steps):
        rounds += 1
        # Each round reads the values its frontier had when the round began: after k rounds
        # a factor holds the join over every walk of at most k links from the interventions.
        moving = [(u, value[u]) for u in frontier if value[u] != "0" and u in g]
        changed: dict[str, None] = {}
        for u, change in moving:
            out = cast("Iterable[tuple[str, str, Polarity]]", g.out_edges(u, data="polarity"))
            for _, v, polarity in out:
                reached.add(v)
                if v in held:
                    continue
                old = value.get(v, "0")
                new = _join(old, _times(change, polarity))
                if new != old:
                    value[v] = new
                    changed[v] = None
        frontier = list(changed)
    changes: list[tuple[str, Direction]] = []
    for sid in m.statements:
        var = variables.var(sid)
        if var in reached:
            moved = value.get(var, "0")
            if variables.sign_of(sid) == "-":
                moved = flip(moved)
            changes.append((sid, _DIRECTION[moved]))
    return WhatIf(tuple(asked), tuple(changes), rounds, bool(frontier))
