"""Structure checks (AM1xx): the shape of the support and attack graph.

Isolated statements, circular support, self-attack, duplicate statements, a statement that both
supports and attacks one target, and relations entered twice. Graph work goes through
:func:`argmap.graph.to_networkx` and small graphs derived from it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Iterator
from typing import Any, cast

from argmap.checks import codes  # noqa: F401  # the examples below call it
from argmap.checks._common import (
    attack_pairs,
    bounded_cycles,
    ids_text,
    normalise,
    normalised_texts,
    support_graph,
)
from argmap.checks._incremental import FULL_RUN, Net, first_id, follows, reads_kinds
from argmap.checks.registry import Finding, Hit, register
from argmap.graph import to_networkx
from argmap.model import ArgumentMap, Attack, CausalLink, Support, relation_ends

__all__ = [
    "circular_support",
    "duplicate_relation",
    "duplicate_statement",
    "isolated_statement",
    "self_attack",
    "supports_and_attacks",
]

_RELATION_KINDS = frozenset({"support", "attack", "causal"})


@register("AM101", "isolated-statement", severity="info")
def isolated_statement(m: ArgumentMap) -> Iterator[Hit]:
    """A statement that takes part in no relation.

    Why:
        A statement that nothing supports, attacks or causes, and that supports, attacks or
        causes nothing, is not yet part of the argument: it was forgotten, or its links were.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.claim("Migrants are not criminals")
        >>> codes(m, select="AM101")
        ['AM101']

    Good:
        >>> m = ArgumentMap()
        >>> p = m.claim("Youth inclusion reduced violence in Colombia")
        >>> _ = m.support(p, m.claim("Inclusion reduces violence"))
        >>> codes(m, select="AM101")
        []
    """
    g = to_networkx(m, graph="claims")
    statements = m.statements
    pred = g.pred
    # nx.isolates asks each node's degree through a degree view; reading the adjacency views
    # directly finds the same nodes three times faster on a 100,000-claim map.
    for sid, successors in g.succ.items():
        if not successors and not pred[sid] and sid in statements:
            yield _isolated(sid)


def _isolated(sid: str) -> Hit:
    return Hit(f"{sid!r} takes part in no support, attack or causal link", ids=(sid,))


def _touched_statements(m: ArgumentMap, net: Net) -> set[Hashable]:
    touched: set[Hashable] = set()
    for record in net.records():
        kind = record.kind
        if kind in ("claim", "factor"):
            touched.add(record.id)
        elif kind != "attribution":
            touched.update(relation_ends(record))
    return touched


@follows(
    "AM101",
    reads=reads_kinds("claim", "factor", "support", "attack", "causal"),
    subject=first_id,
    affected=_touched_statements,
)
def _isolated_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    g = to_networkx(m, graph="claims")
    statements = m.statements
    for sid in subjects:
        if isinstance(sid, str) and sid in statements and not g.succ[sid] and not g.pred[sid]:
            yield _isolated(sid)


@register("AM102", "circular-support", severity="error")
def circular_support(m: ArgumentMap) -> Iterator[Hit]:
    """A cycle in the support relation: a statement ends up supporting itself.

    Why:
        Circular reasoning (begging the question) gives no reason to believe any statement on
        the cycle. Backing counts too: a support whose premise is backed by its own conclusion.
        Cycles are enumerated up to 12 statements and 50 cycles; a larger strongly connected
        tangle is reported by one shortest cycle, and the finding says when the search stopped.

    Bad:
        >>> m = ArgumentMap()
        >>> trust = m.claim("Petro can be trusted")
        >>> honest = m.claim("Petro says he is honest")
        >>> _ = m.support(honest, trust)
        >>> _ = m.support(trust, honest)
        >>> codes(m, select="AM102")
        ['AM102']

    Good:
        >>> m = ArgumentMap()
        >>> trust = m.claim("Petro can be trusted")
        >>> record = m.claim("Petro kept his past promises")
        >>> _ = m.support(record, trust)
        >>> codes(m, select="AM102")
        []
    """
    g = support_graph(m)
    if g.number_of_edges() == 0:
        return
    search = bounded_cycles(g)
    note = search.note()
    relations = m.relations
    # Name the supports along each cycle so the reader can find the edges to cut.
    for n, cycle in enumerate(search.cycles):
        nodes = cycle.nodes
        via: dict[str, None] = {}  # ordered and without repeats, in linear time
        for i, node in enumerate(nodes):
            nxt = nodes[(i + 1) % len(nodes)]
            if node in relations and isinstance(relations[node], Support):
                continue  # a backed support's own edge to its conclusion
            via.update(dict.fromkeys(_supports_between(m, node, nxt)))
        where = ids_text([*nodes, nodes[0]])
        extra = ""
        if not cycle.enumerated:
            extra = (
                f"; one shortest cycle of a tangle of {cycle.component} statements "
                "too large to list every cycle"
            )
        last = note if n == len(search.cycles) - 1 else ""
        yield Hit(
            f"circular support {where} (via {ids_text(via, arrow=', ')}){extra}{last}",
            ids=(*nodes, *via),
        )


def _new_edges(m: ArgumentMap, net: Net, kind: str) -> list[tuple[str, str]]:
    """Edges of the support graph (or the attack graph) that the change's records add."""
    relations = m.relations
    edges: list[tuple[str, str]] = []
    for record in net.added:
        rel = relations.get(getattr(record, "id", ""))
        if rel is not record:
            continue  # not a relation, or replaced again since
        if kind == "support" and isinstance(rel, Support):
            edges.extend((p, rel.conclusion) for p in rel.premises)
            backed = relations.get(rel.conclusion)
            if isinstance(backed, Support):
                edges.append((backed.id, backed.conclusion))
        elif kind == "attack" and isinstance(rel, Attack) and rel.sort != "undercut":
            edges.append((rel.attacker, rel.target))
            if rel.sort == "contradict" and rel.attacker != rel.target:
                edges.append((rel.target, rel.attacker))
    return edges


def _reaches(m: ArgumentMap, start: str, goal: str, kind: str) -> bool:
    """Whether ``goal`` can be reached from ``start`` in the support (or attack) graph.

    Walks the claims view, which follows every change, instead of the checks' own graphs,
    which are built again after one. Breadth first and iterative: deep maps are fine.
    """
    g = to_networkx(m, graph="claims")
    relations = m.relations
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        nexts: list[str] = []
        if node in g:
            for nxt, keyed in g.succ[node].items():
                for data in keyed.values():
                    if data["kind"] == kind and (kind == "support" or data["sort"] != "undercut"):
                        nexts.append(nxt)
                        break
        rel = relations.get(node)
        if kind == "support" and isinstance(rel, Support):
            nexts.append(rel.conclusion)  # a backed support points on to its conclusion
        for nxt in nexts:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _acyclic_still(kind: str) -> Any:
    def update(
        m: ArgumentMap, net: Net, found: list[Finding]
    ) -> tuple[list[Finding], list[Finding]] | None:
        # No cycle before; removing edges closes none, and a new edge closes one only if its
        # head reaches its tail. Anything else: search again.
        if found:
            return None
        for u, v in _new_edges(m, net, kind):
            if _reaches(m, v, u, kind):
                return None
        return [], []

    return update


follows("AM102", reads=reads_kinds("support"), update=_acyclic_still("support"))(
    lambda m, subjects: ()
)


def _supports_between(m: ArgumentMap, premise: str, conclusion: str) -> list[str]:
    claims = to_networkx(m, graph="claims")
    keys = claims.get_edge_data(premise, conclusion) or {}
    relations = m.relations
    return sorted(str(k) for k in keys if relations[str(k)].kind == "support")


@register("AM103", "self-attack", severity="warning")
def self_attack(m: ArgumentMap) -> Iterator[Hit]:
    """A statement that attacks itself, or the argument it belongs to.

    Why:
        An argument that defeats itself cannot be accepted under any semantics. The check
        fires when a statement attacks itself; attacks a premise of a support for it (it
        undermines its own grounds); attacks a premise linked with it in one support; or
        undercuts a support it is a premise or the conclusion of. A contradiction counts in
        both directions.

    Bad:
        >>> m = ArgumentMap()
        >>> blockade = m.claim("The blockade harms the gang")
        >>> evidence = m.claim("The gang's income fell under the blockade")
        >>> _ = m.support(evidence, blockade)
        >>> _ = m.undermine(blockade, evidence)
        >>> codes(m, select="AM103")
        ['AM103']

    Good:
        >>> m = ArgumentMap()
        >>> blockade = m.claim("The blockade harms the gang")
        >>> evidence = m.claim("The gang's income fell under the blockade")
        >>> _ = m.support(evidence, blockade)
        >>> _ = m.undermine(m.claim("Income figures are estimates"), evidence)
        >>> codes(m, select="AM103")
        []
    """
    relations = m.relations
    pairs = attack_pairs(m)
    seen: set[tuple[str, str, str]] = set()
    for (a, b), rids in pairs.items():
        if a == b:
            for rid in rids:
                yield Hit(f"{a!r} attacks itself ({rid})", ids=(a, rid))
    # Attacks are few next to supports: look each support's ends up in the attack index.
    for sid, rel in relations.items():
        if not isinstance(rel, Support):
            continue
        c, premises = rel.conclusion, rel.premises
        for p in premises:
            for rid in pairs.get((c, p), ()):
                if (c, p, rid) not in seen:
                    seen.add((c, p, rid))
                    yield Hit(
                        f"{c!r} attacks {p!r} ({rid}), a premise of a support for {c!r} ({sid})",
                        ids=(c, p, rid, sid),
                    )
            if len(premises) < 2:
                continue
            for q in premises:
                for rid in pairs.get((p, q), ()) if q != p else ():
                    if (p, q, rid) not in seen:
                        seen.add((p, q, rid))
                        yield Hit(
                            f"{p!r} attacks {q!r} ({rid}), a premise linked with it in {sid}",
                            ids=(p, q, rid, sid),
                        )
    for rel in relations.values():
        if isinstance(rel, Attack) and rel.sort == "undercut":
            yield from _undercut_of_own(m, rel)


def _self_attack_subject(m: ArgumentMap, f: Finding) -> Hashable:
    ids = f.ids
    if len(ids) == 2:
        return ("pair", ids[0], ids[0])
    if len(ids) == 3:
        return ("undercut", ids[2])
    return ("pair", ids[0], ids[1])


def _self_attack_affected(m: ArgumentMap, net: Net) -> set[Hashable]:
    claims = to_networkx(m, graph="claims")
    subjects: set[Hashable] = set()
    for record in net.of("attack"):
        if record.sort == "undercut":
            subjects.add(("undercut", record.id))
            continue
        subjects.add(("pair", record.attacker, record.target))
        if record.sort == "contradict":
            subjects.add(("pair", record.target, record.attacker))
    for record in net.of("support"):
        c, premises = record.conclusion, record.premises
        subjects.update(("pair", c, p) for p in premises)
        if len(premises) > 1:
            subjects.update(("pair", p, q) for p in premises for q in premises if p != q)
        if record.id in claims:  # the undercuts of a support whose ends changed
            for _, _, key, data in claims.in_edges(record.id, keys=True, data=True):
                if data["kind"] == "attack":
                    subjects.add(("undercut", key))
    return subjects


def _keys_of(keyed: Any, kind: str) -> list[str]:
    return [k for k, data in (keyed or {}).items() if data["kind"] == kind]


@follows(
    "AM103",
    reads=reads_kinds("support", "attack"),
    subject=_self_attack_subject,
    affected=_self_attack_affected,
)
def _self_attack_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    claims = to_networkx(m, graph="claims")
    relations = m.relations
    for subject in subjects:
        if subject[0] == "undercut":  # type: ignore[index]
            rel = relations.get(subject[1])  # type: ignore[index]
            if isinstance(rel, Attack) and rel.sort == "undercut":
                yield from _undercut_of_own(m, rel)
            continue
        _, a, b = cast(tuple[str, str, str], subject)
        if a not in claims or b not in claims:
            continue
        rids = _keys_of(claims.succ[a].get(b), "attack")
        if not rids:
            continue
        if a == b:
            for rid in rids:
                yield Hit(f"{a!r} attacks itself ({rid})", ids=(a, rid))
            continue
        for_a = _keys_of(claims.succ[b].get(a), "support")  # b is a premise of a support for a
        linked = [
            k
            for keyed in claims.succ[a].values()
            for k in _keys_of(keyed, "support")
            if b in relations[k].premises  # type: ignore[union-attr]
        ]
        if linked and (for_a or len(linked) > 1):
            yield FULL_RUN  # which support comes first is in the relations' order alone
            return
        seen: set[str] = set()
        for sid in for_a or linked:
            for rid in rids:
                if rid in seen:
                    continue
                seen.add(rid)
                if for_a:
                    yield Hit(
                        f"{a!r} attacks {b!r} ({rid}), a premise of a support for {a!r} ({sid})",
                        ids=(a, b, rid, sid),
                    )
                else:
                    yield Hit(
                        f"{a!r} attacks {b!r} ({rid}), a premise linked with it in {sid}",
                        ids=(a, b, rid, sid),
                    )


def _undercut_of_own(m: ArgumentMap, rel: Attack) -> Iterable[Hit]:
    x, y = rel.attacker, rel.target
    target = m.relations[y]
    if isinstance(target, Support) and (x in target.premises or x == target.conclusion):
        role = "the conclusion" if x == target.conclusion else "a premise"
        yield Hit(f"{x!r} undercuts {y!r}, of which it is {role} ({rel.id})", ids=(x, y, rel.id))


@register("AM104", "duplicate-statement", severity="warning")
def duplicate_statement(m: ArgumentMap) -> Iterator[Hit]:
    """Two statements whose text is equal after folding case, white space and punctuation.

    Why:
        One proposition entered twice splits its supports and attacks between two nodes, so
        neither shows the whole dispute. Merge them, or word them apart if they differ.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.claim("Migrants are not criminals.")
        >>> _ = m.claim("migrants are NOT criminals")
        >>> codes(m, select="AM104")
        ['AM104']

    Good:
        >>> m = ArgumentMap()
        >>> _ = m.claim("Migrants are not criminals")
        >>> _ = m.claim("Migrants' rights must be respected")
        >>> codes(m, select="AM104")
        []
    """
    first: dict[str, str] = {}
    groups: dict[str, list[str]] = {}  # only texts seen twice get a list
    for sid, key in normalised_texts(m).items():
        other = first.setdefault(key, sid)
        if other != sid:
            groups.setdefault(key, [other]).append(sid)
    yield from _same_texts(groups)


def _same_texts(groups: dict[str, list[str]]) -> Iterator[Hit]:
    for key, ids in groups.items():
        if key and len(ids) > 1:  # empty texts are AM903's business
            yield Hit(
                f"{ids_text(ids, arrow=', ')} have the same text ({key!r} when normalised)",
                ids=tuple(ids),
            )


def _folded_text(m: ArgumentMap, f: Finding) -> Hashable:
    return normalised_texts(m)[f.ids[0]]


@follows(
    "AM104",
    reads=reads_kinds("claim", "factor"),
    subject=_folded_text,
    affected=lambda m, net: {normalise(r.text) for r in net.of("claim", "factor")},
)
def _duplicates_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    # The statements holding the texts that changed, in the map's order: one pass in C-level
    # set tests, where grouping every text anew would build a list per duplicate.
    groups: dict[str, list[str]] = {}
    for sid, key in normalised_texts(m).items():
        if key in subjects:
            groups.setdefault(key, []).append(sid)
    yield from _same_texts(groups)


@register("AM105", "supports-and-attacks", severity="warning")
def supports_and_attacks(m: ArgumentMap) -> Iterator[Hit]:
    """One statement both supports and attacks the same target.

    Why:
        A reason cannot count for and against one conclusion at once; one of the two relations
        is mis-entered, or the statement mixes two propositions that should be split.

    Bad:
        >>> m = ArgumentMap()
        >>> migration = m.claim("Young Venezuelans emigrated")
        >>> gang = m.claim("Tren de Aragua grew")
        >>> _ = m.support(migration, gang)
        >>> _ = m.rebut(migration, gang)
        >>> codes(m, select="AM105")
        ['AM105']

    Good:
        >>> m = ArgumentMap()
        >>> migration = m.claim("Young Venezuelans emigrated")
        >>> prison = m.claim("Gang leaders were jailed")
        >>> gang = m.claim("Tren de Aragua grew")
        >>> _ = m.support(migration, gang)
        >>> _ = m.rebut(prison, gang)
        >>> codes(m, select="AM105")
        []
    """
    pairs = attack_pairs(m)
    if not pairs:
        return
    for sid, rel in m.relations.items():
        if isinstance(rel, Support):
            t = rel.conclusion
            for x in rel.premises:
                for rid in pairs.get((x, t), ()):
                    yield Hit(
                        f"{x!r} supports {t!r} ({sid}) and attacks it ({rid})", ids=(x, t, sid, rid)
                    )


def _pair_subject(m: ArgumentMap, f: Finding) -> Hashable:
    return (f.ids[0], f.ids[1])


def _supported_pairs(m: ArgumentMap, net: Net) -> set[Hashable]:
    pairs: set[Hashable] = set()
    for record in net.of("support"):
        pairs.update((p, record.conclusion) for p in record.premises)
    for record in net.of("attack"):
        pairs.add((record.attacker, record.target))
        if record.sort == "contradict":
            pairs.add((record.target, record.attacker))
    return pairs


@follows(
    "AM105",
    reads=reads_kinds("support", "attack"),
    subject=_pair_subject,
    affected=_supported_pairs,
)
def _supports_and_attacks_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    claims = to_networkx(m, graph="claims")
    for x, t in cast(set[tuple[str, str]], subjects):
        keyed = claims.succ[x].get(t) if x in claims else None
        for sid in _keys_of(keyed, "support"):
            for rid in _keys_of(keyed, "attack"):
                yield Hit(
                    f"{x!r} supports {t!r} ({sid}) and attacks it ({rid})", ids=(x, t, sid, rid)
                )


@register("AM106", "duplicate-relation", severity="warning")
def duplicate_relation(m: ArgumentMap) -> Iterator[Hit]:
    """Two relations of one kind between the same ends.

    Why:
        The same support, attack or causal link entered twice (often after merging two maps)
        counts one reason twice in any weighing and draws two arrows for one. Supports match
        on their premises as a set and their conclusion, attacks on type and ends (either way
        round for a contradiction), causal links on cause, effect, polarity and modality.

    Bad:
        >>> m = ArgumentMap()
        >>> a, b = m.claim("Exclusion grew"), m.claim("Violence grew")
        >>> _ = m.support(a, b)
        >>> _ = m.support(a, b)
        >>> codes(m, select="AM106")
        ['AM106']

    Good:
        >>> m = ArgumentMap()
        >>> a, b = m.claim("Exclusion grew"), m.claim("Violence grew")
        >>> _ = m.support(a, b)
        >>> _ = m.rebut(m.claim("Violence fell in Colombia"), b)
        >>> codes(m, select="AM106")
        []
    """
    first: dict[tuple[str, ...], str] = {}
    seen: dict[tuple[str, ...], list[str]] = {}  # only relations entered twice get a list
    for rid, rel in m.relations.items():
        key = _relation_key(rel)
        other = first.setdefault(key, rid)
        if other != rid:
            seen.setdefault(key, [other]).append(rid)
    for key, rids in seen.items():
        if rids:
            yield _duplicates(key, rids)


def _duplicates(key: tuple[str, ...], rids: list[str]) -> Hit:
    return Hit(
        f"{ids_text(rids, arrow=', ')} are the same {key[0]} entered {len(rids)} times",
        ids=tuple(rids),
    )


def _relation_key(rel: Support | Attack | CausalLink) -> tuple[str, ...]:
    """What two relations entered twice share: kind and ends (and a causal link's signs)."""
    if isinstance(rel, Support):
        premises = rel.premises if len(rel.premises) == 1 else tuple(sorted(rel.premises))
        return ("support", rel.conclusion, *premises)
    if isinstance(rel, Attack):
        x, y = rel.attacker, rel.target
        if rel.sort == "contradict" and y < x:
            x, y = y, x  # either way round is the same contradiction
        return ("attack", rel.sort, x, y)
    return ("causal", rel.cause, rel.effect, rel.polarity, rel.modality)


@follows(
    "AM106",
    reads=reads_kinds("support", "attack", "causal"),
    subject=lambda m, f: _relation_key(m.relations[f.ids[0]]),
    affected=lambda m, net: {
        _relation_key(r) for r in net.records() if getattr(r, "kind", None) in _RELATION_KINDS
    },
)
def _duplicate_relation_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    claims = to_networkx(m, graph="claims")
    relations = m.relations
    for key in subjects:
        kind = key[0]  # type: ignore[index]
        # The relations with this key are among the parallel edges of one pair of nodes,
        # which the claims view keeps in the relations' order.
        u, v = (key[2], key[1]) if kind == "support" else (key[2], key[3])  # type: ignore[index]
        if kind == "causal":
            u, v = key[1], key[2]  # type: ignore[index]
        keyed = claims.succ[u].get(v) if u in claims else None
        rids = [k for k in (keyed or {}) if _relation_key(relations[k]) == key]
        if len(rids) > 1:
            yield _duplicates(key, rids)  # type: ignore[arg-type]
