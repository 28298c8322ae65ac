"""Sensitivity to the analyst: which verdicts and causal chains rest on reconstructions.

An analyst who maps a text adds what the speakers leave unsaid: a missing step of a causal story,
a support no one states. Such statements and relations are marked ``reconstructed``. This module
answers what those additions change: each claim's acceptance is computed twice, on the map as it
stands and on the map without any reconstruction, and each causal chain asked about is told
whether it needs a reconstructed link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.model import (
    ArgumentMap,
    Factor,
    MapDocument,
    relation_ends,
)
from argmap.names import Label
from argmap.semantics.framework import Level, SolverName, SupportReading
from argmap.semantics.from_map import statement_labelling

if TYPE_CHECKING:
    from argmap.causal import Chain

__all__ = [
    "ChainDependence",
    "Sensitivity",
    "Verdict",
    "sensitivity",
    "without_reconstructions",
]


def without_reconstructions(m: ArgumentMap) -> ArgumentMap:
    """The map without the analyst's reconstructions: what the speakers themselves give.

    Every statement and relation marked ``reconstructed`` goes, and with them every relation
    that has one at an end (an undercut of a reconstructed support, a link into a reconstructed
    factor) and every attribution of what went. A factor whose opposite went loses its opposite.
    The given map is not changed.

    Args:
        m: The map.

    Returns:
        A new map.

    Examples:
        >>> m = ArgumentMap()
        >>> a, b = m.claim("A", id="a"), m.claim("B", id="b", reconstructed=True)
        >>> _ = m.support(b, a, id="s1")
        >>> _ = m.rebut(m.claim("C", id="c"), b, id="a1")
        >>> bare = without_reconstructions(m)
        >>> list(bare.statements), list(bare.relations)
        (['a', 'c'], [])
    """
    gone = {sid for sid, s in m.statements.items() if s.reconstructed}
    gone.update(rid for rid, r in m.relations.items() if r.reconstructed)
    relations = [r for r in m.relations.values() if r.id not in gone]
    grew = True
    while grew:  # a relation may stand on a relation that stood on what went
        grew = False
        kept = []
        for r in relations:
            if any(end in gone for end in relation_ends(r)):
                gone.add(r.id)
                grew = True
            else:
                kept.append(r)
        relations = kept
    statements = [
        s.model_copy(update={"opposite": None})
        if isinstance(s, Factor) and s.opposite in gone
        else s
        for s in m.statements.values()
        if s.id not in gone
    ]
    doc = m.to_document()
    bare = MapDocument.model_construct(
        schema_version=doc.schema_version,
        title=doc.title,
        description=doc.description,
        agents=doc.agents,
        sources=doc.sources,
        statements=tuple(statements),
        relations=tuple(relations),
        attributions=tuple(a for a in doc.attributions if a.target not in gone),
        data=dict(doc.data),
    )
    return ArgumentMap.from_document(bare)


@dataclass(frozen=True)
class Verdict:
    """One claim's acceptance with and without the analyst's reconstructions."""

    claim: str
    """Id of the claim."""
    with_reconstructions: Label
    """Its status on the map as it stands."""
    without_reconstructions: Label | None
    """Its status on the map without reconstructions; None when the claim is itself
    reconstructed (without them it is not there)."""

    @property
    def depends(self) -> bool:
        """True when the verdict changes without the reconstructions (or the claim is one)."""
        return self.with_reconstructions != self.without_reconstructions


@dataclass(frozen=True)
class ChainDependence:
    """A causal chain and the reconstructed links it needs."""

    chain: Chain
    """The chain, as :func:`argmap.causal.causal_chains` found it."""
    reconstructed: tuple[str, ...]
    """Ids of its links that go without the reconstructions (a reconstructed link, or one
    into or out of a reconstructed statement), in chain order."""

    @property
    def needs_reconstruction(self) -> bool:
        """True when some speaker's story does not give the chain whole."""
        return bool(self.reconstructed)


@dataclass(frozen=True)
class Sensitivity:
    """What :func:`sensitivity` found: every claim's two verdicts and every chain's needs."""

    semantics: str
    """The semantics asked for."""
    reconstructions: tuple[str, ...]
    """Ids of the statements and relations marked reconstructed, in map order."""
    verdicts: tuple[Verdict, ...]
    """One per claim, in map order."""
    chains: tuple[ChainDependence, ...]
    """One per chain given, in the order given."""

    @property
    def dependent(self) -> tuple[Verdict, ...]:
        """The verdicts that change without the reconstructions."""
        return tuple(v for v in self.verdicts if v.depends)

    @property
    def insensitive(self) -> bool:
        """True when no verdict and no chain depends on a reconstruction."""
        return not self.dependent and not any(c.needs_reconstruction for c in self.chains)


def sensitivity(
    m: ArgumentMap,
    semantics: str = "grounded",
    *,
    chains: Iterable[Chain] = (),
    level: Level = "claims",
    support: SupportReading | None = None,
    solver: SolverName = "auto",
) -> Sensitivity:
    """Which claims' acceptance, and which causal chains, rest on the analyst's reconstructions.

    Each claim is labelled (:func:`statement_labelling`) on the map and on
    :func:`without_reconstructions` of it; each chain given (from
    :func:`argmap.causal.causal_chains`) is told which of its links go without them. A map
    with no reconstruction is insensitive.

    Args:
        m: The map.
        semantics: A semantics name or ICCMA code.
        chains: Causal chains of ``m`` to judge.
        level: How to read the map (see :func:`af_from_map`).
        support: The support reading for ``level="bipolar"``.
        solver: ``"auto"``, ``"python"`` or ``"sat"``.

    Returns:
        The verdicts and the chains' needs.

    Examples:
        >>> from argmap.causal import causal_chains
        >>> m = ArgumentMap()
        >>> weak = m.claim("The gang grew weaker", id="weak")
        >>> strong = m.claim("The gang grew stronger", id="strong")
        >>> _ = m.rebut(strong, weak, reconstructed=True)
        >>> exc, gang = m.factor("exclusion", id="exc"), m.factor("gang strength", id="gang")
        >>> rec = m.factor("recruitment", id="rec", reconstructed=True)
        >>> _ = m.causes(exc, rec, id="l1")
        >>> _ = m.causes(rec, gang, id="l2")
        >>> _ = m.causes(exc, gang, id="l3")
        >>> found = sensitivity(m, chains=causal_chains(m, exc, gang))
        >>> [(v.claim, v.with_reconstructions, v.without_reconstructions) for v in found.dependent]
        [('weak', 'out', 'in')]
        >>> [(c.chain.links, c.reconstructed) for c in found.chains]
        [(('l3',), ()), (('l1', 'l2'), ('l1', 'l2'))]
    """
    chosen: Sequence[Chain] = tuple(chains)
    reconstructions = tuple(
        [sid for sid, s in m.statements.items() if s.reconstructed]
        + [rid for rid, r in m.relations.items() if r.reconstructed]
    )
    with_ = statement_labelling(m, semantics, level=level, support=support, solver=solver)
    if reconstructions:
        bare = without_reconstructions(m)
        without = statement_labelling(bare, semantics, level=level, support=support, solver=solver)
        kept = bare.relations
    else:
        without, kept = with_, m.relations
    verdicts = tuple(Verdict(cid, label, without.get(cid)) for cid, label in with_.items())
    judged = tuple(
        ChainDependence(c, tuple(link for link in c.links if link not in kept)) for c in chosen
    )
    return Sensitivity(str(semantics), reconstructions, verdicts, judged)
