"""Dialectic checks (AM3xx): who holds what, who contradicts whom, and what is left unanswered.

Self-contradiction, disputes between agents, reports that their subject denies, attacks an agent
leaves unanswered, odd cycles of attacks that may leave no stable extension, and verdicts or
causal chains that rest on the analyst's reconstructions (see :func:`argmap.semantics.sensitivity`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from argmap.causal import causal_chains
from argmap.checks import codes  # noqa: F401  # the examples below call it
from argmap.checks._common import attack_graph, attacks_on, bounded_cycles, ids_text
from argmap.checks._incremental import follows, reads_kinds
from argmap.checks.registry import Hit, register
from argmap.checks.structure import _acyclic_still
from argmap.model import ArgumentMap, Attack
from argmap.semantics.reconstructions import Sensitivity, sensitivity, without_reconstructions

__all__ = [
    "RECONSTRUCTION_CHAIN_LENGTH",
    "RECONSTRUCTION_CHAIN_LIMIT",
    "RECONSTRUCTION_PAIR_LIMIT",
    "cross_agent_dispute",
    "disputed_attribution",
    "odd_attack_cycle",
    "rests_on_reconstruction",
    "self_contradiction",
    "unanswered_attack",
]

_OPPOSITE = {"asserts": "denies", "denies": "asserts"}


@dataclass(slots=True)
class _Stances:
    """Stances by target: ``direct`` holds the agent's own, ``held`` also reported ones."""

    direct: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    held: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def asserters(self, target: str) -> list[str]:
        """Agents who assert ``target``, directly or as reported, sorted."""
        return sorted(a for a, s in self.held.get(target, {}).items() if "asserts" in s)


def _stances(m: ArgumentMap) -> _Stances:
    def build() -> _Stances:
        index = _Stances()
        for a in m.attributions:
            if a.agent is None:
                continue
            index.held.setdefault(a.target, {}).setdefault(a.agent, set()).add(a.stance)
            if a.reported_by is None:
                index.direct.setdefault(a.target, {}).setdefault(a.agent, set()).add(a.stance)
        return index

    return m.cached(("checks", "stances"), build)


def _attacks_among_held(
    m: ArgumentMap, index: _Stances, types: tuple[str, ...]
) -> Iterator[tuple[str, Attack]]:
    """Attacks of these sorts whose two ends someone takes a stance on, each once.

    Found from the stances through the attacks on each end, not by reading every relation:
    a map with few attributions then costs little to check again after an edit.
    """
    held = index.held
    seen: set[str] = set()
    on = attacks_on(m)
    for target in held:
        for rel in on.get(target, ()):
            ends_held = rel.attacker in held and rel.target in held
            if ends_held and rel.sort in types and rel.id not in seen:
                seen.add(rel.id)
                yield rel.id, rel


@register("AM301", "self-contradiction", severity="error")
def self_contradiction(m: ArgumentMap) -> Iterator[Hit]:
    """One agent asserts and denies one statement, or asserts both sides of a contradiction.

    Why:
        A speaker on record for p and not-p has contradicted themselves, or the map got one of
        the two attributions wrong; either way it needs a look. Only the agent's own stances
        count: a report by someone else that the agent denies is AM303.

    Bad:
        >>> m = ArgumentMap()
        >>> noem = m.agent("Kristi Noem", id="noem")
        >>> tense = m.claim("The meeting was tense", by=noem)
        >>> _ = m.attribute(tense, by=noem, stance="denies")
        >>> codes(m, select="AM301")
        ['AM301']

    Good:
        >>> m = ArgumentMap()
        >>> noem, petro = m.agent("Kristi Noem", id="noem"), m.agent("Petro", id="petro")
        >>> tense = m.claim("The meeting was tense", by=noem)
        >>> _ = m.attribute(tense, by=petro, stance="denies")
        >>> codes(m, select="AM301")
        []
    """
    index = _stances(m)
    if not index.held:
        return  # nobody holds a stance: no dispute, and no need to read the attacks
    for target, agents in index.direct.items():
        for agent, stances in sorted(agents.items()):
            if {"asserts", "denies"} <= stances:
                yield Hit(f"{agent!r} both asserts and denies {target!r}", ids=(target, agent))
    for rid, rel in _attacks_among_held(m, index, ("contradict",)):
        x, y = rel.attacker, rel.target
        both = set(index.asserters(x)) & set(index.asserters(y))
        for agent in sorted(both):
            sx = index.direct.get(x, {}).get(agent, set())
            sy = index.direct.get(y, {}).get(agent, set())
            if "asserts" in sx and "asserts" in sy:
                yield Hit(
                    f"{agent!r} asserts both {x!r} and {y!r}, which contradict each other ({rid})",
                    ids=(x, y, rid, agent),
                )


@register("AM302", "cross-agent-dispute", severity="info")
def cross_agent_dispute(m: ArgumentMap) -> Iterator[Hit]:
    """Agents take opposite stances on one statement, or assert statements that clash.

    Why:
        Disputes are where an analysis should look first: one agent asserts what another
        denies, or each asserts one side of a rebuttal or contradiction (Petro: the blockade
        strengthened the gang; Maduro: the gang was defeated).

    Bad:
        >>> m = ArgumentMap()
        >>> petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
        >>> strong = m.claim("The blockade strengthened Tren de Aragua", by=petro)
        >>> beaten = m.claim("Tren de Aragua was defeated", by=maduro)
        >>> _ = m.contradict(beaten, strong)
        >>> codes(m, select="AM302")
        ['AM302']

    Good:
        >>> m = ArgumentMap()
        >>> petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
        >>> strong = m.claim("The blockade strengthened Tren de Aragua", by=petro)
        >>> victims = m.claim("Venezuelan migrants are doubly victims", by=maduro)
        >>> _ = m.support(victims, strong)
        >>> codes(m, select="AM302")
        []
    """
    index = _stances(m)
    if not index.held:
        return  # nobody holds a stance: no dispute, and no need to read the attacks
    for target, agents in index.held.items():
        pro = sorted(a for a, s in agents.items() if "asserts" in s)
        con = sorted(a for a, s in agents.items() if "denies" in s)
        pairs = [(a, b) for a in pro for b in con if a != b]
        if pairs:
            yield Hit(
                f"{_who(pro)} {_verb('assert', pro)} {target!r}; "
                f"{_who(con)} {_verb('deny', con)} it",
                ids=(target, *sorted({x for pair in pairs for x in pair})),
            )
    for rid, rel in _attacks_among_held(m, index, ("rebut", "contradict")):
        x, y = rel.attacker, rel.target
        ax, ay = index.asserters(x), index.asserters(y)
        agents_x = [a for a in ax if any(b != a for b in ay)]
        if agents_x:
            agents_y = [b for b in ay if any(a != b for a in ax)]
            yield Hit(
                f"{_who(agents_x)} {_verb('assert', agents_x)} {x!r}, which {rel.sort}s {y!r} "
                f"({rid}), asserted by {_who(agents_y)}",
                ids=(x, y, rid, *sorted({*agents_x, *agents_y})),
            )


def _reads_stances(m: ArgumentMap, record: Any) -> bool:
    kind = getattr(record, "kind", None)
    return kind == "attack" or (kind == "attribution" and record.agent is not None)


for _code in ("AM301", "AM302", "AM304"):
    follows(_code, reads=_reads_stances)(lambda m, subjects: ())
# AM303 reads attributions alone.
follows(
    "AM303",
    reads=lambda m, record: getattr(record, "kind", None) == "attribution" and bool(record.agent),
)(lambda m, subjects: ())
follows("AM305", reads=reads_kinds("attack"), update=_acyclic_still("attack"))(
    lambda m, subjects: ()
)


def _who(agents: list[str]) -> str:
    return ", ".join(map(repr, agents))


def _verb(verb: str, agents: list[str]) -> str:
    if len(agents) != 1:
        return verb
    return verb[:-1] + "ies" if verb.endswith("y") else verb + "s"


@register("AM303", "disputed-attribution", severity="info")
def disputed_attribution(m: ArgumentMap) -> Iterator[Hit]:
    """A stance reported as someone's that this someone takes the opposite way.

    Why:
        Noem reports that Petro called gang members his friends; Petro says he never did. The
        map should keep both, and the reader should know that the attribution itself is in
        dispute before building on it.

    Bad:
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> friends = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem)
        >>> _ = m.attribute(friends, by=petro, stance="denies")
        >>> codes(m, select="AM303")
        ['AM303']

    Good:
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> friends = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem)
        >>> codes(m, select="AM303")
        []
    """
    index = _stances(m)
    seen: set[tuple[str, str, str]] = set()
    for a in m.attributions:
        if a.agent is None or a.reported_by is None or a.stance not in _OPPOSITE:
            continue
        own = index.direct.get(a.target, {}).get(a.agent, set())
        opposite = _OPPOSITE[a.stance]
        key = (a.target, a.agent, a.reported_by)
        if opposite in own and key not in seen:
            seen.add(key)
            yield Hit(
                f"{a.reported_by!r} reports that {a.agent!r} {a.stance} {a.target!r}, but "
                f"{a.agent!r} {opposite} it",
                ids=(a.target, a.agent, a.reported_by),
            )


@register("AM304", "unanswered-attack", severity="info")
def unanswered_attack(m: ArgumentMap) -> Iterator[Hit]:
    """An attack on an agent's statement that the agent does not answer.

    Why:
        In a dialogue, an attack left standing counts against the one attacked; the map shows
        where a speaker has not (yet) replied. An agent answers an attack on a statement they
        assert by denying or questioning the attacker or the attack, or by asserting a
        statement that attacks the attacker or undercuts the attack. Agents who assert the
        attacker themselves are left to AM103 and AM301.

    Bad:
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> inclusion = m.claim("Inclusion reduced violence in Colombia", by=petro)
        >>> _ = m.rebut(m.claim("Violence rose in Colombia", by=noem), inclusion)
        >>> codes(m, select="AM304")
        ['AM304']

    Good:
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> inclusion = m.claim("Inclusion reduced violence in Colombia", by=petro)
        >>> rose = m.claim("Violence rose in Colombia", by=noem)
        >>> _ = m.rebut(rose, inclusion)
        >>> _ = m.attribute(rose, by=petro, stance="denies")
        >>> codes(m, select="AM304")
        []
    """
    index = _stances(m)
    if not index.held:
        return  # nobody holds a stance: no dispute, and no need to read the attacks
    on = attacks_on(m)
    # Only an attack on a statement someone asserts can go unanswered: read the attacks on
    # the targets of stances, not every relation.
    for target in list(index.held):
        owners = index.asserters(target)
        if not owners:
            continue
        ends: list[tuple[str, str]] = []
        for rel in {a.id: a for a in on.get(target, ())}.values():
            if rel.target == target:
                ends.append((rel.attacker, rel.id))
            if rel.sort == "contradict" and rel.attacker == target:
                ends.append((rel.target, rel.id))
        for x, rid in ends:
            attacker_held = index.held.get(x, {})
            attack_held = index.held.get(rid, {})
            counters = [c for c in on.get(x, ()) if c.id != rid] + list(on.get(rid, ()))
            for agent in owners:
                if "asserts" in attacker_held.get(agent, ()):
                    continue
                if {"denies", "questions"} & (
                    attacker_held.get(agent, set()) | attack_held.get(agent, set())
                ):
                    continue
                if any(_holds(index, agent, _other_end(c, x, rid)) for c in counters):
                    continue
                yield Hit(
                    f"{agent!r} asserts {target!r}, which {x!r} attacks ({rid}), and answers "
                    f"neither {x!r} nor {rid!r}",
                    ids=(target, x, rid, agent),
                )


def _other_end(attack: Attack, end: str, attacked_relation: str) -> str:
    """The statement on the other side of a counter-attack on ``end`` or on the attack."""
    if attack.target in (end, attacked_relation):
        return attack.attacker
    return attack.target  # a contradiction filed under its attacker


def _holds(index: _Stances, agent: str, statement: str) -> bool:
    return "asserts" in index.held.get(statement, {}).get(agent, ())


@register("AM305", "odd-attack-cycle", severity="warning")
def odd_attack_cycle(m: ArgumentMap) -> Iterator[Hit]:
    """An odd cycle of attacks, so the attacks may leave no stable extension.

    Why:
        A finite attack graph without odd cycles always has a stable extension (Dung 1995); an
        odd cycle (a attacks b attacks c attacks a) is what can leave none, and grounded
        semantics then accepts nothing on the cycle. A contradiction counts as an attack each
        way. Self-attacks are AM103; undercuts, which attack relations, are left out. Cycles
        are enumerated up to 12 statements and 50 cycles; the finding says when the search
        stopped, and a large component whose odd cycles are longer is reported as a whole.

    Bad:
        >>> m = ArgumentMap()
        >>> a, b, c = m.claim("A"), m.claim("B"), m.claim("C")
        >>> _ = m.rebut(a, b)
        >>> _ = m.rebut(b, c)
        >>> _ = m.rebut(c, a)
        >>> codes(m, select="AM305")
        ['AM305']

    Good:
        >>> m = ArgumentMap()
        >>> strong = m.claim("The blockade strengthened the gang")
        >>> beaten = m.claim("The gang was defeated")
        >>> _ = m.contradict(beaten, strong)
        >>> codes(m, select="AM305")
        []
    """
    g = attack_graph(m)
    if g.number_of_edges() == 0:
        return
    search = bounded_cycles(g, odd_only=True)
    for n, cycle in enumerate(search.cycles):
        last = search.note() if n == len(search.cycles) - 1 else ""
        if cycle.whole_component:
            yield Hit(
                f"the attacks among {ids_text(cycle.nodes, arrow=', ')} hold an odd cycle "
                f"longer than the search bound; the map may have no stable extension{last}",
                ids=cycle.nodes,
            )
            continue
        size = len(cycle.nodes)
        yield Hit(
            f"odd cycle of {size} attacks {ids_text([*cycle.nodes, cycle.nodes[0]])}: the map "
            f"may have no stable extension{last}",
            ids=cycle.nodes,
        )


RECONSTRUCTION_CHAIN_LENGTH = 8
"""AM306: longest causal chain looked for, in links."""
RECONSTRUCTION_CHAIN_LIMIT = 200
"""AM306: most chains looked at between one origin and one end."""
RECONSTRUCTION_PAIR_LIMIT = 50
"""AM306: most (origin, end) pairs of the causal graph whose chains are judged."""


def _pairs(m: ArgumentMap, gone: set[str]) -> tuple[list[tuple[str, str]], bool]:
    """(origin, end) pairs with a chain that may cross a link in ``gone``, and whether cut."""
    g: nx.DiGraph[str] = nx.DiGraph()
    touched: list[tuple[str, str]] = []
    for link in m.causal_links():
        g.add_edge(link.cause, link.effect)
        if link.id in gone:
            touched.append((link.cause, link.effect))
    if not touched:
        return [], False
    order = {sid: i for i, sid in enumerate(m.statements)}
    origins = {n for n in g if g.in_degree(n) == 0}
    ends = {n for n in g if g.out_degree(n) == 0}
    pairs: set[tuple[str, str]] = set()
    for cause, effect in touched:
        before = (nx.ancestors(g, cause) | {cause}) & origins
        after = (nx.descendants(g, effect) | {effect}) & ends
        pairs.update((o, e) for o in before for e in after if o != e)
    ranked = sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))
    return ranked[:RECONSTRUCTION_PAIR_LIMIT], len(ranked) > RECONSTRUCTION_PAIR_LIMIT


@register("AM306", "rests-on-reconstruction", severity="info")
def rests_on_reconstruction(m: ArgumentMap) -> Iterator[Hit]:
    """A claim's grounded verdict, or a causal chain, depends on the analyst's reconstructions.

    Why:
        A reconstruction (a statement or relation marked ``reconstructed``) is the analyst's
        reading, not something a speaker said. When a claim is accepted or rejected only because
        of one, or a causal chain from an origin of the causal graph to an end of it needs a
        reconstructed link, the verdict is the analyst's and the reader should know it. The
        check compares each claim's grounded status with and without every reconstruction, and
        judges the chains (up to 8 links, 200 chains a pair, 50 pairs) from the origins to the
        ends of the causal graph that could cross a reconstructed link; the finding says when
        it stopped early.

    Bad:
        >>> m = ArgumentMap()
        >>> weak = m.claim("The gang grew weaker")
        >>> strong = m.claim("The gang grew stronger")
        >>> _ = m.rebut(strong, weak, reconstructed=True)
        >>> codes(m, select="AM306")
        ['AM306']
        >>> m = ArgumentMap()
        >>> exc, gang = m.factor("exclusion of youth"), m.factor("gang strength")
        >>> recruit = m.factor("recruitment", reconstructed=True)
        >>> _ = m.causes(exc, recruit)
        >>> _ = m.causes(recruit, gang)
        >>> codes(m, select="AM306")
        ['AM306']

    Good:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Petro")
        >>> weak = m.claim("The gang grew weaker")
        >>> strong = m.claim("The gang grew stronger", by=petro)
        >>> _ = m.rebut(strong, weak, by=petro)
        >>> _ = m.claim("Exclusion feeds recruitment", reconstructed=True)
        >>> codes(m, select="AM306")
        []
    """
    if _reconstructed(m).count == 0:
        return  # nothing rests on a reconstruction, and no need to label the map twice
    found = m.cached(("checks", "sensitivity"), lambda: sensitivity(m))
    if not found.reconstructions:
        return
    yield from _verdict_hits(found)
    gone = set(m.relations) - set(without_reconstructions(m).relations)
    pairs, cut = _pairs(m, gone)
    for n, (origin, end) in enumerate(pairs):
        chains = causal_chains(
            m, origin, end, max_length=RECONSTRUCTION_CHAIN_LENGTH, limit=RECONSTRUCTION_CHAIN_LIMIT
        )
        needing = [c for c in chains if any(link in gone for link in c.links)]
        if not needing:
            continue
        links = list(dict.fromkeys(link for c in needing for link in c.links if link in gone))
        more = "+" if chains.truncated else ""
        stop = (
            f"; stopped after {RECONSTRUCTION_PAIR_LIMIT} pairs"
            if cut and n == len(pairs) - 1
            else ""
        )
        plural = "" if len(chains) == 1 else "s"
        verb = "needs" if len(needing) == 1 else "need"
        yield Hit(
            f"{len(needing)} of {len(chains)}{more} causal chain{plural} from {origin} to {end} "
            f"{verb} a reconstructed link ({ids_text(links, arrow=', ')}): no speaker gives "
            f"{'it' if len(needing) == 1 else 'them'} whole{stop}",
            ids=(origin, end, *links),
        )


class _Reconstructed:
    """How many statements and relations are marked reconstructed, counted edit by edit."""

    __slots__ = ("count",)

    def __init__(self, count: int) -> None:
        self.count = count

    def follow(self, added: Sequence[Any], removed: Sequence[Any]) -> bool:
        self.count += sum(1 for r in added if getattr(r, "reconstructed", False))
        self.count -= sum(1 for r in removed if getattr(r, "reconstructed", False))
        return True


def _without_reconstructions_still(
    m: ArgumentMap, net: Any, found: list[Any]
) -> tuple[list[Any], list[Any]] | None:
    # A map with no reconstruction has nothing resting on one: an empty result stays empty.
    # Otherwise verdicts are global (grounded semantics): run again.
    return ([], []) if _reconstructed(m).count == 0 and not found else None


def _reconstructed(m: ArgumentMap) -> _Reconstructed:
    return m.cached(
        ("checks", "reconstructed"),
        lambda: _Reconstructed(
            sum(1 for r in (*m.statements.values(), *m.relations.values()) if r.reconstructed)
        ),
    )


follows("AM306", reads=lambda m, record: True, update=_without_reconstructions_still)(
    lambda m, subjects: ()
)


def _verdict_hits(found: Sensitivity) -> Iterator[Hit]:
    for v in found.dependent:
        if v.without_reconstructions is None:
            continue  # the claim is a reconstruction itself, not a verdict resting on one
        yield Hit(
            f"{v.claim} is {v.with_reconstructions} with the analyst's reconstructions and "
            f"{v.without_reconstructions} without them (grounded)",
            ids=(v.claim,),
        )
