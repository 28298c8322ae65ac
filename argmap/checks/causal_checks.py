"""Causal checks (AM4xx): conflicting and missing polarities, loops, redundant and mismatched
links, competing causes, and the critical questions a causal argument leaves open.

The checks read the map through :mod:`argmap.causal`, so a factor and its ``opposite`` count as
one variable: "exclusion → violence ``+``" and "inclusion → violence ``-``" agree. Searches are
bounded (:data:`LOOP_LENGTH`, :data:`LOOP_LIMIT`, :data:`CHAIN_LENGTH`, :data:`CHAIN_LIMIT`) so
that a check on a large map stays quick; a finding says when a search stopped early.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from argmap.causal import (
    Chain,
    Step,
    causal_chains,
    competing_causes,
    feedback_loops,
    sign_product,
    variable,
)
from argmap.causal.variables import _variables
from argmap.checks import codes  # noqa: F401  # the examples below call it
from argmap.checks._common import ids_text
from argmap.checks._incremental import Net, first_id, follows, reads_kinds
from argmap.checks.registry import Finding, Hit, register
from argmap.graph import to_networkx
from argmap.model import (
    Agent,
    ArgumentMap,
    Attack,
    CausalLink,
    Claim,
    Factor,
    Polarity,
    Source,
    Support,
)

__all__ = [
    "CHAIN_LENGTH",
    "CHAIN_LIMIT",
    "CRITICAL_QUESTIONS",
    "LOOP_LENGTH",
    "LOOP_LIMIT",
    "causal_loop",
    "chain_polarity_mismatch",
    "competing_causes_check",
    "conflicting_polarity",
    "missing_polarity",
    "open_critical_questions",
    "redundant_direct_link",
]

LOOP_LENGTH = 8
"""Longest feedback loop AM403 looks for, in links."""
LOOP_LIMIT = 200
"""Most loops AM403 reports on one map."""
CHAIN_LENGTH = 8
"""Longest chain AM404 and AM405 compare with a direct link, in links."""
CHAIN_LIMIT = 50
"""Most chains AM404 and AM405 look at for one direct link."""

CRITICAL_QUESTIONS: dict[str, str] = {
    "backing": "is the causal generalisation backed?",
    "evidence": "is there evidence in this case?",
    "other-cause": "could another cause have produced the effect?",
}
"""Walton's critical questions of the argument from cause to effect, as AM407 words them."""

_DEFINITE = frozenset("+-0")
_CAUSE_TO_EFFECT = frozenset({"cause to effect", "argument from cause to effect"})
_SPACES = re.compile(r"[\s_-]+")


def _arrow(step: Step) -> str:
    return f"{step.link} ({step.cause} -> {step.effect}, {step.polarity})"


def _who(agents: tuple[str, ...] | list[str]) -> str:
    return ", ".join(agents) if agents else "nobody"


# --------------------------------------------------------------------------- AM401
@register("AM401", "conflicting-polarity", severity="warning")
def conflicting_polarity(m: ArgumentMap) -> Iterator[Hit]:
    """One cause -> effect is asserted with different polarities (an error within one agent).

    Why:
        A causal claim says which way the effect moves; two links between the same factors
        with different signs cannot both hold. When one agent asserts both, the agent has
        contradicted itself (or the map has mis-coded a link): an error. When the signs come
        from different agents it is a disagreement worth a look: a warning. A factor and its
        opposite are one variable, so exclusion -> violence ``+`` and inclusion -> violence
        ``-`` agree. Links of unknown polarity (``?``) are AM402's business.

    Bad:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Gustavo Petro", id="petro")
        >>> blockade, gang = m.factor("US blockade", id="blockade"), m.factor("gang", id="gang")
        >>> _ = m.causes(blockade, gang, polarity="+", by=petro)
        >>> _ = m.causes(blockade, gang, polarity="-", by=petro)
        >>> codes(m, select="AM401")
        ['AM401']

    Good:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Gustavo Petro", id="petro")
        >>> exclusion = m.factor("exclusion of youth", id="exclusion")
        >>> inclusion = m.factor("inclusion of youth", id="inclusion", opposite=exclusion)
        >>> violence = m.factor("violence", id="violence")
        >>> _ = m.causes(exclusion, violence, polarity="+", by=petro)
        >>> _ = m.causes(inclusion, violence, polarity="-", by=petro)
        >>> codes(m, select="AM401")
        []
    """
    pairs: dict[tuple[str, str], list[tuple[Step, Polarity]]] = {}
    for link in m.causal_links():
        if link.polarity == "?":
            continue
        cause, cause_sign = variable(m, link.cause)
        effect, effect_sign = variable(m, link.effect)
        # The link's sign between the two variables, whichever member of a pair it names.
        sign = sign_product((link.polarity, cause_sign, effect_sign))
        pairs.setdefault((cause, effect), []).append((Step.of(m, link), sign))
    yield from _polarity_conflicts(pairs)


def _polarity_conflicts(
    pairs: dict[tuple[str, str], list[tuple[Step, Polarity]]],
) -> Iterator[Hit]:
    for (cause, effect), entries in pairs.items():
        if len({sign for _, sign in entries}) < 2:
            continue
        every = tuple(s.link for s, _ in entries)
        by_agent: dict[str, list[tuple[Step, Polarity]]] = {}
        for step, sign in entries:
            for agent in step.asserted_by:
                by_agent.setdefault(agent, []).append((step, sign))
        torn = [a for a in sorted(by_agent) if len({sign for _, sign in by_agent[a]}) > 1]
        for agent in torn:
            links = ", ".join(_arrow(s) for s, _ in by_agent[agent])
            yield Hit(
                f"{agent} asserts {cause} -> {effect} with different polarities: {links}",
                ids=tuple(s.link for s, _ in by_agent[agent]),
                severity="error",
            )
        if not torn:
            told = "; ".join(f"{_arrow(s)} by {_who(s.asserted_by)}" for s, _ in entries)
            yield Hit(f"{cause} -> {effect} is asserted with different polarities: {told}", every)


# --------------------------------------------------------------------------- AM402
@register("AM402", "missing-polarity", severity="warning")
def missing_polarity(m: ArgumentMap) -> Iterator[Hit]:
    """A causal link has the polarity ``?``: which way the effect moves is unknown.

    Why:
        A link of unknown polarity makes every chain and loop through it unknown, so net
        effects, loop types and what-if answers all turn ambiguous there. Read the source
        again for the direction, or keep ``?`` knowingly.

    Bad:
        >>> m = ArgumentMap()
        >>> land, violence = m.factor("landlessness"), m.factor("violence")
        >>> _ = m.causes(land, violence, polarity="?")
        >>> codes(m, select="AM402")
        ['AM402']

    Good:
        >>> m = ArgumentMap()
        >>> land, violence = m.factor("landlessness"), m.factor("violence")
        >>> _ = m.causes(land, violence, polarity="+")
        >>> codes(m, select="AM402")
        []
    """
    for link in m.causal_links():
        if link.polarity == "?":
            yield _unknown(link)


def _unknown(link: CausalLink) -> Hit:
    return Hit(
        f"causal link {link.id} ({link.cause} -> {link.effect}) has an unknown "
        "polarity (?): say whether the effect moves the same way (+), the opposite "
        "way (-) or not at all (0)",
        ids=(link.id,),
    )


# --------------------------------------------------------------------------- AM403
@register("AM403", "causal-loop", severity="info")
def causal_loop(m: ArgumentMap) -> Iterator[Hit]:
    """A feedback loop, reinforcing (R) or balancing (B), with the agents behind its links.

    Why:
        Loops drive a causal story: a reinforcing loop amplifies a change, a balancing loop
        damps it. Each loop is listed with its type and agents. A loop whose links come from
        several agents and that no single agent asserts whole is nobody's claim, only the
        map's assembly of theirs: a warning.

    Bad:
        >>> m = ArgumentMap()
        >>> gang, fear = m.factor("gang strength"), m.factor("fear")
        >>> _ = m.causes(gang, fear, polarity="+")
        >>> _ = m.causes(fear, gang, polarity="+")
        >>> codes(m, select="AM403")
        ['AM403']

    Good:
        >>> m = ArgumentMap()
        >>> gang, fear = m.factor("gang strength"), m.factor("fear")
        >>> _ = m.causes(gang, fear, polarity="+")
        >>> codes(m, select="AM403")
        []
    """
    found = feedback_loops(m, max_length=LOOP_LENGTH, limit=LOOP_LIMIT)
    for loop in found:
        path = " -> ".join([*loop.factors, loop.factors[0]])
        via = ids_text(loop.links, arrow=", ")
        head = f"{loop.name} {loop.kind} loop ({loop.polarity}) {path} via {via}"
        if loop.asserted_by_all:
            yield Hit(f"{head}; asserted whole by {_who(loop.asserted_by_all)}", loop.links)
        elif len(loop.agents) >= 2:
            yield Hit(
                f"{head}; assembled from links of {_who(loop.agents)}: "
                "no single agent asserts the whole loop",
                loop.links,
                severity="warning",
            )
        else:
            yield Hit(f"{head}; links asserted by {_who(loop.agents)}, not all of them", loop.links)
    if found.truncated:
        first = found.loops[0]
        yield Hit(
            f"loop search stopped after {LOOP_LIMIT} loops of at most {LOOP_LENGTH} links; "
            "more loops exist",
            first.links[:1],
        )


# --------------------------------------------------------------------------- AM404 / AM405
@dataclass(frozen=True)
class _Explained:
    """A direct causal link and the longer chains between its ends whose links are asserted."""

    direct: Step
    chains: tuple[Chain, ...]


def _explained(m: ArgumentMap) -> list[_Explained]:
    """Direct links that an asserted chain of two or more links also explains, cached."""

    def build() -> _ExplainedList:
        return _ExplainedList(_explain(m, m.causal_links()))

    found = m.cached(("checks", "causal-explained"), build)
    if found.pending:
        new, found.pending = found.pending, []
        found.extend(_explain(m, (link for link in new if link.id in m.relations)))
    return found


class _ExplainedList(list[_Explained]):
    """AM404's explained links; follows the adding of links nobody asserts.

    A link nobody asserts is on no chain that counts, so it changes no other link's entry
    (it may only let more links past the cheap test, which never decides an entry): only
    its own entry is new, at the end as it is the newest relation.
    """

    pending: list[CausalLink]

    def __init__(self, items: Iterable[_Explained]) -> None:
        super().__init__(items)
        self.pending = []

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        if removed:
            return False
        links: list[CausalLink] = []
        for r in added:
            if type(r) is CausalLink:
                links.append(r)
            elif type(r) is Claim or (type(r) is Factor and r.opposite is None):
                continue
            elif type(r) is not Agent and type(r) is not Source:
                return False  # an attribution or a paired factor: chains may change
        self.pending.extend(links)
        return True


def _explain(m: ArgumentMap, links: Iterable[CausalLink]) -> list[_Explained]:
    """The entries of these links that an asserted chain explains."""
    g = to_networkx(m, graph="causal-links")
    # Only chains whose every link someone asserts count, so a chain must leave the cause
    # and enter the effect by asserted links: ends without one need no search.
    asserted = {
        a.target
        for a in m.attributions
        if a.stance == "asserts" and a.agent is not None and a.target in m.relations
    }
    leaves, enters = set(), set()
    for lid in asserted:
        rel = m.relations[lid]
        if isinstance(rel, CausalLink):
            leaves.add(rel.cause)
            enters.add(rel.effect)
    out: list[_Explained] = []
    for link in links:
        cause_paired = m.opposite_of(link.cause) is not None
        effect_paired = m.opposite_of(link.effect) is not None
        if not cause_paired and link.cause not in leaves:
            continue
        if not effect_paired and link.effect not in enters:
            continue
        # A second route needs another way out of the cause and into the effect: this
        # cheap test spares the chain search on most links of a large map.
        if g.out_degree(link.cause) < 2 and not cause_paired:
            continue
        if g.in_degree(link.effect) < 2 and not effect_paired:
            continue
        if variable(m, link.cause)[0] == variable(m, link.effect)[0]:
            continue
        found = causal_chains(
            m, link.cause, link.effect, max_length=CHAIN_LENGTH, limit=CHAIN_LIMIT
        )
        chains = tuple(
            c for c in found if len(c.steps) >= 2 and all(s.asserted_by for s in c.steps)
        )
        if chains:
            out.append(_Explained(Step.of(m, link), chains))
    return out


@register("AM404", "redundant-direct-link", severity="info")
def redundant_direct_link(m: ArgumentMap) -> Iterator[Hit]:
    """A direct link A -> Z is also explained by an asserted chain A -> ... -> Z.

    Why:
        A speaker who says "the blockade strengthened the gang" and also tells the chain
        blockade -> emigration -> exclusion -> violence -> gang has made one claim twice, once
        in summary. That is fine when both signs agree (the finding says "consistent") and
        worth a look when they differ; either way the direct link is not independent support.
        Only chains whose every link someone asserts count.

    Bad:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Gustavo Petro", id="petro")
        >>> blockade, mig = m.factor("blockade", id="blockade"), m.factor("emigration", id="mig")
        >>> gang = m.factor("gang strength", id="gang")
        >>> _ = m.causes(blockade, mig, polarity="+", by=petro)
        >>> _ = m.causes(mig, gang, polarity="+", by=petro)
        >>> _ = m.causes(blockade, gang, polarity="+", by=petro)
        >>> codes(m, select="AM404")
        ['AM404']

    Good:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Gustavo Petro", id="petro")
        >>> blockade, mig = m.factor("blockade", id="blockade"), m.factor("emigration", id="mig")
        >>> gang = m.factor("gang strength", id="gang")
        >>> _ = m.causes(blockade, mig, polarity="+", by=petro)
        >>> _ = m.causes(mig, gang, polarity="+", by=petro)
        >>> codes(m, select="AM404")
        []
    """
    for item in _explained(m):
        direct, best = item.direct, item.chains[0]
        agree = "consistent" if best.polarity == direct.polarity else "signs differ"
        more = len(item.chains) - 1
        extra = f" (and {more} more chain{'s' if more > 1 else ''})" if more else ""
        yield Hit(
            f"direct link {_arrow(direct)} is also explained by the chain "
            f"{' -> '.join(best.factors)} ({best.polarity}) via {', '.join(best.links)}"
            f"{extra}: {agree}",
            ids=(direct.link, *best.links),
        )


@register("AM405", "chain-polarity-mismatch", severity="warning")
def chain_polarity_mismatch(m: ArgumentMap) -> Iterator[Hit]:
    """One agent's chain and the same agent's direct link between its ends differ in sign.

    Why:
        If Petro says the blockade strengthened the gang (``+``) but his own chain from the
        blockade to the gang multiplies out to ``-``, his story is inconsistent, or a link
        was coded with the wrong sign. Only definite signs (``+``, ``-``, ``0``) are compared,
        and only chains whose every link the agent of the direct link asserts.

    Bad:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Gustavo Petro", id="petro")
        >>> border, mig = m.factor("open border", id="border"), m.factor("emigration", id="mig")
        >>> gang = m.factor("gang strength", id="gang")
        >>> _ = m.causes(border, mig, polarity="-", by=petro)
        >>> _ = m.causes(mig, gang, polarity="+", by=petro)
        >>> _ = m.causes(border, gang, polarity="+", by=petro)
        >>> codes(m, select="AM405")
        ['AM405']

    Good:
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Noem", id="noem")
        >>> border, mig = m.factor("open border", id="border"), m.factor("emigration", id="mig")
        >>> gang = m.factor("gang strength", id="gang")
        >>> _ = m.causes(border, mig, polarity="-", by=petro)
        >>> _ = m.causes(mig, gang, polarity="+", by=petro)
        >>> _ = m.causes(border, gang, polarity="+", by=noem)
        >>> codes(m, select="AM405")
        []
    """
    for item in _explained(m):
        direct = item.direct
        if direct.polarity not in _DEFINITE:
            continue
        for agent in direct.asserted_by:
            clash = next(
                (
                    c
                    for c in item.chains
                    if agent in c.asserted_by_all
                    and c.polarity in _DEFINITE
                    and c.polarity != direct.polarity
                ),
                None,
            )
            if clash is not None:
                yield Hit(
                    f"{agent}'s direct link {_arrow(direct)} has the sign {direct.polarity} "
                    f"but {agent}'s chain {' -> '.join(clash.factors)} via "
                    f"{', '.join(clash.links)} multiplies out to {clash.polarity}",
                    ids=(direct.link, *clash.links),
                )


# --------------------------------------------------------------------------- AM406
@register("AM406", "competing-causes", severity="info")
def competing_causes_check(m: ArgumentMap) -> Iterator[Hit]:
    """An effect has causes asserted by different agents who do not name the same causes.

    Why:
        When Petro blames the US blockade for emigration and Maduro blames sanctions, their
        accounts compete: an analyst wants them side by side, and each is a ready answer to
        the other's critical question "could another cause have produced the effect?".
        Agents who name the same causes agree and are not reported.

    Bad:
        >>> m = ArgumentMap()
        >>> petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
        >>> mig = m.factor("emigration", id="mig")
        >>> _ = m.causes(m.factor("US blockade"), mig, by=petro)
        >>> _ = m.causes(m.factor("sanctions"), mig, by=maduro)
        >>> codes(m, select="AM406")
        ['AM406']

    Good:
        >>> m = ArgumentMap()
        >>> petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
        >>> mig, sanctions = m.factor("emigration", id="mig"), m.factor("sanctions")
        >>> _ = m.causes(sanctions, mig, by=petro)
        >>> _ = m.causes(sanctions, mig, by=maduro)
        >>> codes(m, select="AM406")
        []
    """
    seen: set[str] = set()
    for link in m.causal_links():
        # One finding per effect variable: a factor and its opposite share their causes.
        effect = variable(m, link.effect)[0]
        if effect in seen:
            continue
        seen.add(effect)
        hit = _competing(m, effect)
        if hit is not None:
            yield hit


def _competing(m: ArgumentMap, effect: str) -> Hit | None:
    result = competing_causes(m, effect)
    if not result.competing:
        return None
    told = "; ".join(
        f"{g_.agent}: " + ", ".join(f"{c.cause} ({c.polarity}, {c.link})" for c in g_.causes)
        for g_ in result.groups
        if g_.agent is not None
    )
    links = tuple(dict.fromkeys(c.link for g_ in result.groups for c in g_.causes))
    return Hit(f"{effect} has causes asserted by different agents: {told}", ids=(effect, *links))


# --------------------------------------------------------------------------- AM407
def _is_cause_to_effect(scheme: str | None) -> bool:
    return scheme is not None and _SPACES.sub(" ", scheme.casefold()).strip() in _CAUSE_TO_EFFECT


@register("AM407", "open-critical-questions", severity="info")
def open_critical_questions(m: ArgumentMap) -> Iterator[Hit]:
    """A causal argument leaves Walton's critical questions unanswered in the map.

    Why:
        An argument from cause to effect (a causal link, or a support with the scheme "cause
        to effect") is only as good as its answers to three critical questions. The map
        answers "is the causal generalisation backed?" with a support or an undercut of the
        relation itself; "is there evidence in this case?" with a support or attack on the
        cause (or a premise); "could another cause have produced the effect?" with another
        causal link into the effect from a different cause. The finding lists the open ones.

    Bad:
        >>> m = ArgumentMap()
        >>> blockade, gang = m.factor("blockade"), m.factor("gang strength")
        >>> _ = m.causes(blockade, gang)
        >>> codes(m, select="AM407")
        ['AM407']

    Good:
        >>> m = ArgumentMap()
        >>> blockade, poverty = m.factor("blockade"), m.factor("poverty")
        >>> gang = m.factor("gang strength")
        >>> for cause in (blockade, poverty):
        ...     link = m.causes(cause, gang)
        ...     _ = m.support(m.claim("studies show it in general"), link)
        ...     _ = m.support(m.claim("figures show it here"), cause)
        >>> codes(m, select="AM407")
        []
    """
    relations = m.relations
    backed: set[str] = set()  # relations supported or undercut
    argued: set[str] = set()  # statements supported or attacked
    causes_of: dict[str, set[str]] = {}  # effect variable -> cause variables
    for rel in relations.values():
        if isinstance(rel, Support):
            (backed if rel.conclusion in relations else argued).add(rel.conclusion)
        elif isinstance(rel, Attack):
            if rel.sort == "undercut":
                backed.add(rel.target)
            else:
                argued.add(rel.target)
                if rel.sort == "contradict":
                    argued.add(rel.attacker)
        else:
            causes_of.setdefault(variable(m, rel.effect)[0], set()).add(variable(m, rel.cause)[0])
    for rid, rel in relations.items():
        hit = _open_questions(
            m,
            rid,
            rel,
            lambda r: r in backed,
            lambda s: s in argued,
            lambda v: causes_of.get(v, set()),
        )
        if hit is not None:
            yield hit


def _open_questions(
    m: ArgumentMap,
    rid: str,
    rel: Any,
    backed: Any,
    argued: Any,
    causes_of: Any,
) -> Hit | None:
    """AM407's finding on one relation, given who is backed, argued and caused by what."""
    causes: tuple[str, ...]
    if isinstance(rel, CausalLink):
        causes, effect = (rel.cause,), rel.effect
        what = f"causal link {rid} ({rel.cause} -> {rel.effect})"
    elif isinstance(rel, Support) and _is_cause_to_effect(rel.scheme):
        causes, effect = rel.premises, rel.conclusion
        what = f"cause-to-effect support {rid} ({', '.join(rel.premises)} -> {effect})"
    else:
        return None
    open_ = []
    if not backed(rid):
        open_.append(CRITICAL_QUESTIONS["backing"])
    if not any(argued(c) for c in causes):
        open_.append(CRITICAL_QUESTIONS["evidence"])
    if effect in m.statements:
        own = {variable(m, c)[0] for c in causes if c in m.statements}
        if not (causes_of(variable(m, effect)[0]) - own):
            open_.append(CRITICAL_QUESTIONS["other-cause"])
    if open_:
        return Hit(f"{what} leaves open: {' '.join(open_)}", ids=(rid,))
    return None


def _paired_factor(record: Any) -> bool:
    return getattr(record, "kind", None) == "factor" and record.opposite is not None


def _reads_causal(m: ArgumentMap, record: Any) -> bool:
    # Causal links, factors paired as opposites, and attributions of causal links (or of a
    # record the map no longer holds, which may have been one).
    kind = getattr(record, "kind", None)
    if kind == "causal" or _paired_factor(record):
        return True
    if kind == "attribution":
        target = m.relations.get(record.target)
        return (target is None and record.target not in m.statements) or (
            isinstance(target, CausalLink)
        )
    return False


for _code in ("AM404", "AM405"):
    follows(_code, reads=_reads_causal)(lambda m, subjects: ())


def _loops_still(
    m: ArgumentMap, net: Net, found: list[Finding]
) -> tuple[list[Finding], list[Finding]] | None:
    """AM403's loops are the same when no change touches a loop or can close a new one.

    A loop search that was not cut short found every loop of at most ``LOOP_LENGTH`` links.
    A link that is on none of them, or who asserts it, leaves them as they are; and a new link
    closes a loop that short only if its effect leads back to its cause in fewer links. The
    search order (and so the loops' names) does not change either: the search yields the
    same loops in the same order, only looking through more or fewer nodes that close none.
    """
    if any(_paired_factor(r) for r in net.records()) or _variables(m).rep:
        return None
    if any(f.message.startswith("loop search stopped") for f in found):
        return None
    on_loops = {i for f in found for i in f.ids}
    g = to_networkx(m, graph="causal-links")
    for record in net.records():
        if isinstance(record, CausalLink):
            if record.id in on_loops:
                return None
        elif getattr(record, "kind", None) == "attribution" and record.target in on_loops:
            return None
    for record in net.added:
        if isinstance(record, CausalLink) and _leads_back(
            g, record.effect, record.cause, LOOP_LENGTH - 1
        ):
            return None
    return [], []


def _leads_back(g: Any, start: str, goal: str, most: int) -> bool:
    """Whether ``goal`` is at most ``most`` links from ``start`` (or is it)."""
    if start == goal:
        return True
    seen = {start}
    frontier = [start]
    for _ in range(most):
        ring = []
        for x in frontier:
            for y in g.succ[x]:
                if y == goal:
                    return True
                if y not in seen:
                    seen.add(y)
                    ring.append(y)
        if not ring:
            return False
        frontier = ring
    return False


follows("AM403", reads=_reads_causal, update=_loops_still)(lambda m, subjects: ())


def _links_changed(m: ArgumentMap, net: Net) -> list[CausalLink] | None:
    """The causal links a change touches, itself or by an attribution; None: run in full.

    Only on a map with no paired factors, where a variable is its factor and the variable
    graph is the causal view, which follows changes.
    """
    if any(_paired_factor(r) for r in net.records()) or _variables(m).rep:
        return None
    links: list[CausalLink] = []
    gone = {r.id: r for r in net.removed if isinstance(r, CausalLink)}
    for record in net.records():
        if isinstance(record, CausalLink):
            links.append(record)
        elif getattr(record, "kind", None) == "attribution":
            target = m.relations.get(record.target)
            if target is None:
                target = gone.get(record.target)
                if target is None and record.target not in m.statements:
                    return None  # a record that left without being in the change
            if isinstance(target, CausalLink):
                links.append(target)
    return links


def _link_pair(m: ArgumentMap, f: Finding) -> Hashable:
    link = m.relations[f.ids[0]]
    assert isinstance(link, CausalLink)
    return variable(m, link.cause)[0], variable(m, link.effect)[0]


def _pairs_affected(m: ArgumentMap, net: Net) -> set[Hashable] | None:
    links = _links_changed(m, net)
    return None if links is None else {(link.cause, link.effect) for link in links}


@follows("AM401", reads=_reads_causal, subject=_link_pair, affected=_pairs_affected)
def _conflicts_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    # No factor is paired (see _links_changed): the links between two variables are the
    # causal view's edges between two factors, in the map's order.
    g = to_networkx(m, graph="causal-links")
    relations = m.relations
    pairs: dict[tuple[str, str], list[tuple[Step, Polarity]]] = {}
    for subject in subjects:
        assert isinstance(subject, tuple)
        cause: str = subject[0]
        effect: str = subject[1]
        keyed = g.succ[cause].get(effect) if cause in g else None
        for lid in keyed or ():
            link = relations[lid]
            assert isinstance(link, CausalLink)
            if link.polarity != "?":
                pairs.setdefault((cause, effect), []).append((Step.of(m, link), link.polarity))
    yield from _polarity_conflicts(pairs)


@follows(
    "AM402",
    reads=reads_kinds("causal"),
    subject=first_id,
    affected=lambda m, net: {r.id for r in net.of("causal")},
)
def _unknown_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    for lid in subjects:
        link = m.relations.get(lid) if isinstance(lid, str) else None
        if isinstance(link, CausalLink) and link.polarity == "?":
            yield _unknown(link)


def _effects_affected(m: ArgumentMap, net: Net) -> set[Hashable] | None:
    links = _links_changed(m, net)
    return None if links is None else {link.effect for link in links}


@follows("AM406", reads=_reads_causal, subject=first_id, affected=_effects_affected)
def _competing_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    g = to_networkx(m, graph="causal-links")
    for effect in subjects:
        # An effect of some link, as the full run asks: one with a link into it.
        if isinstance(effect, str) and effect in g and g.pred[effect]:
            hit = _competing(m, effect)
            if hit is not None:
                yield hit


def _reads_questions(m: ArgumentMap, record: Any) -> bool:
    return getattr(record, "kind", None) in ("causal", "support", "attack") or _paired_factor(
        record
    )


def _questions_affected(m: ArgumentMap, net: Net) -> set[Hashable] | None:
    if any(_paired_factor(r) for r in net.records()):
        return None  # the variables themselves change
    claims = to_networkx(m, graph="claims")
    causal = to_networkx(m, graph="causal-links")
    relations, statements = m.relations, m.statements
    touched: set[Hashable] = set()

    def argued_changed(node: str) -> None:
        if node in relations:
            touched.add(node)  # backed or not
        elif node in statements:
            # Causal links from it, and supports with it as a premise, ask for its evidence.
            if node in causal:
                touched.update(k for keyed in causal.succ[node].values() for k in keyed)
            touched.update(k for keyed in claims.succ[node].values() for k in keyed)

    for record in net.records():
        kind = getattr(record, "kind", None)
        if kind == "causal":
            touched.add(record.id)
            if record.effect in statements:
                # Every cause of the effect's variable answers the others' "other cause".
                effect = variable(m, record.effect)[0]
                members = {effect, *(x for x in (m.opposite_of(effect),) if x is not None)}
                for node in members:
                    if node in causal:
                        touched.update(k for keyed in causal.pred[node].values() for k in keyed)
                    touched.update(k for keyed in claims.pred[node].values() for k in keyed)
        elif kind == "support":
            touched.add(record.id)
            argued_changed(record.conclusion)
        elif kind == "attack":
            if record.sort == "undercut":
                touched.add(record.target)
            else:
                argued_changed(record.target)
                if record.sort == "contradict":
                    argued_changed(record.attacker)
    return touched


@follows(
    "AM407",
    reads=_reads_questions,
    subject=first_id,
    affected=_questions_affected,
)
def _open_questions_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    claims = to_networkx(m, graph="claims")
    relations = m.relations

    def backed(rid: str) -> bool:
        return rid in claims and bool(claims.nodes[rid]["relation"])

    def argued(node: str) -> bool:
        return node in claims and any(
            data["kind"] in ("support", "attack")
            for keyed in claims.pred[node].values()
            for data in keyed.values()
        )

    graph = _variable_graph(m)

    def causes_of(var: str) -> set[str]:
        return set(graph.pred[var]) if var in graph else set()

    for rid in subjects:
        rel = relations.get(rid) if isinstance(rid, str) else None
        if rel is None:
            continue
        hit = _open_questions(m, rid, rel, backed, argued, causes_of)  # type: ignore[arg-type]
        if hit is not None:
            yield hit


def _variable_graph(m: ArgumentMap) -> Any:
    """The causal graph over variables: a cause of a variable is a predecessor there."""
    return _variables(m).graph
