"""What the causal questions answer: frozen records of steps, chains, loops, causes and what-ifs.

Every result keeps the links behind it and the agents who assert them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from argmap.causal.signs import Direction, LoopKind, NetSign
from argmap.errors import UnknownIdError
from argmap.model import ArgumentMap, CausalLink, Modality, Polarity

__all__ = [
    "Cause",
    "CauseGroup",
    "Chain",
    "Chains",
    "CompetingCauses",
    "Loop",
    "Loops",
    "NetEffect",
    "Step",
    "WhatIf",
]

_Item = TypeVar("_Item")


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
        """Agents who assert every link (directly or as reported), sorted: the agents who tell
        it whole. Empty when no single agent tells it: the map assembled it from several
        speakers' links (:attr:`stitched`) or from links no one asserts."""
        if not self.steps:
            return ()
        common = set(self.steps[0].asserted_by)
        for s in self.steps[1:]:
            common.intersection_update(s.asserted_by)
        return tuple(sorted(common))

    @property
    def stitched(self) -> bool:
        """True when it takes several speakers' links to make it: no one agent asserts every
        link that anyone asserts. A story the map joins (at a shared factor) that no one tells.
        A chain that one speaker tells but for links no one asserts (an analyst's step) is not
        stitched, though no one tells it whole either."""
        said = [set(s.asserted_by) for s in self.steps if s.asserted_by]
        return bool(said) and not set.intersection(*said)

    def links_by_agent(self) -> dict[str, tuple[str, ...]]:
        """Each agent who asserts a link, sorted, with the links they assert in order; links
        that no one asserts are under the empty string, last."""
        found: dict[str, list[str]] = {}
        for s in self.steps:
            for agent in s.asserted_by or ("",):
                found.setdefault(agent, []).append(s.link)
        return {a: tuple(found[a]) for a in sorted(found, key=lambda a: (a == "", a))}


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

    @property
    def ends(self) -> tuple[str, ...]:
        """Every statement the loop touches, causes and effects, in loop order: more than
        :attr:`factors` when the loop passes from a factor to its opposite."""
        return tuple(dict.fromkeys(x for s in self.steps for x in (s.cause, s.effect)))


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
