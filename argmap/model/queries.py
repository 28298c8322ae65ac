"""Queries of a map: find statements by their words, list what an agent says, cut out a part.

:class:`~argmap.model.ArgumentMap` delegates :meth:`~argmap.model.ArgumentMap.find`,
:meth:`~argmap.model.ArgumentMap.by` and :meth:`~argmap.model.ArgumentMap.subset` here;
:func:`perspective` is the map as one speaker tells it. A part of a map is itself a valid map
(built through :meth:`~argmap.model.ArgumentMap.from_document`, which checks every reference),
so every analysis and view runs on it unchanged.

Two words name who stands behind a record, and they differ on purpose:

- an agent **takes a stance** on a record when an attribution names the agent as its ``agent``,
  whether the agent said it directly or someone reports it (:meth:`~argmap.model.ArgumentMap.by`);
- an agent **tells** a record when an attribution names the agent as its ``agent`` or as its
  ``reported_by``: what one takes a stance on, and what one reports others saying. A speaker's
  part of the map (``subset(speakers=...)``, :func:`perspective`, ``--speaker`` on the command
  line) is what the speaker tells.

Examples:
    >>> from argmap import ArgumentMap, perspective
    >>> m = ArgumentMap()
    >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
    >>> friends = m.claim("Gang members are Petro's friends", id="friends", by=petro,
    ...                   reported_by=noem)
    >>> never = m.claim("Petro never met a gang member", id="never", by=petro)
    >>> _ = m.undermine(never, friends, by=petro)
    >>> [r.id for r in m.by("noem")]  # Noem takes no stance; she reports one
    []
    >>> sorted(perspective(m, "noem").statements)  # but she tells of it
    ['friends']
    >>> sorted(perspective(m, "petro").statements)
    ['friends', 'never']
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from pydantic import BaseModel

from argmap._gc import collector_paused
from argmap.errors import OptionError, UnknownIdError
from argmap.model.editing import references
from argmap.model.records import (
    _STANCES,
    Agent,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Ref,
    Source,
    Stance,
    Support,
    _ref_id,
    relation_ends,
)

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap

__all__ = ["perspective"]

_Relation: TypeAlias = Support | Attack | CausalLink
_Record: TypeAlias = Claim | Factor | Support | Attack | CausalLink


# --------------------------------------------------------------------------- arguments
def _as_list(value: Iterable[Any] | str | Any, what: str) -> list[Any]:
    """One id (or record) or several, as a list; a lone string is one id, not its letters, and
    a lone record one record, not its fields (pydantic models are iterable)."""
    if isinstance(value, str | BaseModel) or not isinstance(value, Iterable):
        return [value]
    items = list(value)
    if not items:
        raise OptionError(f"{what}= is empty; pass None to leave it out")
    return items


def _require_statements(m: ArgumentMap, refs: Iterable[Ref]) -> list[str]:
    return [m._require_node(ref) for ref in refs]


def _require_agents(m: ArgumentMap, refs: Iterable[Ref]) -> list[str]:
    return [m._require(ref, m._agents, "agent") for ref in refs]


def _require_tags(m: ArgumentMap, tags: Iterable[str]) -> list[str]:
    known: set[str] = set()
    for record in (*m._statements.values(), *m._relations.values()):
        known.update(record.tags)
    wanted = list(tags)
    for tag in wanted:
        if not isinstance(tag, str):
            raise TypeError(f"expected a tag (a string), got {type(tag).__name__}")
        if tag not in known:
            raise UnknownIdError(tag, sorted(known), expected="tag")
    return wanted


def _tells(attribution: Attribution, speakers: set[str]) -> bool:
    return attribution.agent in speakers or attribution.reported_by in speakers


# --------------------------------------------------------------------------- by id
def attributions_of(m: ArgumentMap, ref: Ref) -> list[Attribution]:
    """Return the attributions of one statement or relation, in the order they were added.

    Raises:
        UnknownIdError: The map holds no statement or relation with this id; the message
            names the closest ids.
        StructureError: The id is an agent's or a source's (:meth:`~argmap.ArgumentMap.by`
            lists what an agent takes a stance on).

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> a = m.agent("Kristi Noem", id="noem")
        >>> c = m.claim("Petro criticised the US government", by=a)
        >>> [(x.agent, x.stance) for x in m.attributions_of(c)]
        [('noem', 'asserts')]
        >>> m.attributions_of("noem")
        Traceback (most recent call last):
        ...
        argmap.errors.StructureError: 'noem' is an agent, expected a statement or a relation
    """
    rid = _ref_id(ref)
    found = m._by_target.get(rid)
    if found is None:
        # Checked only on a miss: renderers ask for every record's attributions.
        m._require_statement_or_relation(rid)
        return []
    return list(found)


def opposite_of(m: ArgumentMap, ref: Ref) -> str | None:
    """Return the id of a factor's opposite, whichever of the two named the other.

    Raises:
        UnknownIdError: No statement or relation has this id (a claim or a relation has no
            opposite: None); the message names the closest ids.
        StructureError: The id is an agent's or a source's.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> inc = m.factor("inclusion of youth", id="inclusion")
        >>> exc = m.factor("exclusion of youth", id="exclusion", opposite=inc)
        >>> m.opposite_of("inclusion"), m.opposite_of(exc)
        ('exclusion', 'inclusion')
    """
    sid = _ref_id(ref)
    found = m._opposites.get(sid)
    if found is None and sid not in m._statements and sid not in m._relations:
        # Checked only on a miss: views ask it of every statement.
        m._require_statement_or_relation(sid)
    return found


# --------------------------------------------------------------------------- find
_WORD = re.compile(r"\w+")
_FUZZY_CUTOFF = 0.75
"""How like a word of the map a word of the query must be to count (difflib's ratio)."""
_MOST_PREFIXED = 30
"""At most this many words of the map that a query word begins are matched to it."""


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class _WordIndex:
    """Which statements hold each word: the index :func:`find` ranks by, cached on the map.

    It follows the map's changes (:meth:`follow`), so an edit costs the words of the records
    it touched, not a new index.
    """

    __slots__ = ("_by_length", "_sorted", "postings")

    def __init__(self, statements: Iterable[Claim | Factor]) -> None:
        self.postings: dict[str, dict[str, None]] = {}  # word -> statement ids, in order
        self._sorted: list[str] | None = None
        self._by_length: dict[int, list[str]] | None = None
        postings, findall = self.postings, _WORD.findall
        # The index is a dict an id for every word of every statement: no cycles for the
        # collector to find, and on large maps its passes would cost a fifth of the build.
        with collector_paused():
            for statement in statements:
                sid = statement.id
                for word in findall(statement.text.casefold()):
                    ids = postings.get(word)
                    if ids is None:
                        postings[word] = {sid: None}
                    else:
                        ids[sid] = None

    def _index(self, statement: Claim | Factor) -> None:
        postings = self.postings
        for word in _words(statement.text):
            ids = postings.get(word)
            if ids is None:
                ids = postings[word] = {}
                self._sorted = self._by_length = None
            ids[statement.id] = None

    def follow(self, added: Sequence[Any], removed: Sequence[Any]) -> bool:
        for record in removed:
            if type(record) in (Claim, Factor):
                for word in _words(record.text):
                    ids = self.postings.get(word)
                    if ids is not None:
                        ids.pop(record.id, None)
                        if not ids:
                            del self.postings[word]
                            self._sorted = self._by_length = None
        for record in added:
            if type(record) in (Claim, Factor):
                self._index(record)
        return True

    def similar(self, word: str) -> dict[str, float]:
        """The words of the map like ``word``, each with how alike they are (1 is the same)."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        if self._sorted is None:
            self._sorted = sorted(self.postings)
        if len(word) >= 3:
            # Words the query word begins: a user types "block" for "blockade".
            at = bisect.bisect_left(self._sorted, word)
            for other in self._sorted[at : at + _MOST_PREFIXED]:
                if not other.startswith(word):
                    break
                found.setdefault(other, 0.5 + 0.5 * len(word) / len(other))
        if self._by_length is None:
            self._by_length = {}
            for other in self.postings:
                self._by_length.setdefault(len(other), []).append(other)
        # Misspellings: difflib's ratio, tried only on words of a length that could reach the
        # cutoff (ratio = 2 * matches / total length), the cheap upper bounds first.
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        size = len(word)
        low = math.ceil(size * _FUZZY_CUTOFF / (2 - _FUZZY_CUTOFF))
        high = math.floor(size * (2 - _FUZZY_CUTOFF) / _FUZZY_CUTOFF)
        for length in range(max(1, low), high + 1):
            for other in self._by_length.get(length, ()):
                if other in found:
                    continue
                matcher.set_seq1(other)
                if (
                    matcher.real_quick_ratio() >= _FUZZY_CUTOFF
                    and matcher.quick_ratio() >= _FUZZY_CUTOFF
                ):
                    ratio = matcher.ratio()
                    if ratio >= _FUZZY_CUTOFF:
                        found[other] = ratio
        return found


def find(m: ArgumentMap, text: str, *, limit: int = 5) -> list[Claim | Factor]:
    """Return the statements whose words best match ``text``, best first.

    Words are compared case-insensitively, whole (``gang``), by their beginning (``block``
    finds ``blockade``) or misspelt (``blokade``); rare words weigh more than common ones
    (inverse document frequency), and among statements that match alike, the one whose
    whole text is closer to ``text`` comes first. A statement that shares no word, even
    approximately, with ``text`` is never returned. The index of words is built on the first
    call and kept up to date as the map changes.

    Args:
        m: The map.
        text: What to look for: a few words.
        limit: At most this many statements.

    Returns:
        The statements (claims and factors), best match first; empty when none matches.

    Raises:
        OptionError: ``limit`` is below 1, or ``text`` holds no word.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.claim("The US blockade strengthened the Tren de Aragua", id="strengthened")
        >>> _ = m.claim("The Tren de Aragua was defeated", id="defeated")
        >>> _ = m.factor("US blockade of Venezuela", id="blockade")
        >>> [s.id for s in m.find("blokade strengthens")]
        ['strengthened', 'blockade']
        >>> [s.id for s in m.find("tren aragua", limit=1)]
        ['defeated']
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the text to look for, got {type(text).__name__}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise OptionError(f"limit={limit!r}: expected a whole number >= 1")
    wanted = list(dict.fromkeys(_words(text)))
    if not wanted:
        raise OptionError(f"find({text!r}): nothing to look for; give a word or two")
    statements = m._statements
    index: _WordIndex = m.cached(_WordIndex, lambda: _WordIndex(statements.values()))
    total = len(statements)
    score: dict[str, float] = {}
    for word in wanted:
        # Each query word adds its best match in each statement, weighted by how rare the
        # matched word is.
        best: dict[str, float] = {}
        for other, alike in index.similar(word).items():
            ids = index.postings[other]
            weight = alike * math.log(1 + total / len(ids))
            for sid in ids:
                if best.get(sid, 0.0) < weight:
                    best[sid] = weight
        for sid, weight in best.items():
            score[sid] = score.get(sid, 0.0) + weight
    if not score:
        return []
    # Refine the leaders by how alike the whole texts are; the map's order breaks ties.
    leaders = sorted(score, key=score.__getitem__, reverse=True)[: max(limit * 10, 50)]
    top = max(score[sid] for sid in leaders)
    query = " ".join(_words(text))
    order = {sid: i for i, sid in enumerate(leaders)}
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(query)

    def rank(sid: str) -> tuple[float, int]:
        body = " ".join(_words(statements[sid].text))
        matcher.set_seq1(body)
        closeness = matcher.ratio() + (0.5 if query in body else 0.0)
        return (-(score[sid] / top + 0.25 * closeness), order[sid])

    return [statements[sid] for sid in sorted(leaders, key=rank)[:limit]]


# --------------------------------------------------------------------------- by
def by(
    m: ArgumentMap, agent: Ref, *, stance: Stance | None = None
) -> list[Claim | Factor | Support | Attack | CausalLink]:
    """Return the statements and relations on which an agent takes a stance, map order.

    An agent takes a stance on a record when an attribution names the agent as its
    ``agent``, whether the agent said it directly or someone reports it (Noem reports that
    Petro said...: that is Petro's). What an agent only reports others saying is not theirs
    here; :func:`perspective` takes it in.

    Args:
        m: The map.
        agent: The agent (or its id).
        stance: Only this stance: ``"asserts"``, ``"denies"`` or ``"questions"``.

    Returns:
        The statements (first) and relations, each once, in the order the map holds them.

    Raises:
        UnknownIdError: No agent has this id; the message names the closest ids.
        StructureError: The id is a statement, relation or source, not an agent.
        OptionError: An unknown stance.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> friends = m.claim("Gang members are his friends", id="friends", by=petro,
        ...                   reported_by=noem)
        >>> _ = m.attribute(friends, by=petro, stance="denies")
        >>> _ = m.claim("Petro criticised the US", id="criticised", by=noem)
        >>> [s.id for s in m.by("petro")], [s.id for s in m.by(noem)]
        (['friends'], ['criticised'])
        >>> [s.id for s in m.by("petro", stance="questions")]
        []
    """
    aid = m._require(agent, m._agents, "agent")
    if stance is not None and stance not in _STANCES:
        raise OptionError(f"unknown stance {stance!r}; expected one of {sorted(_STANCES)}")
    targets = {
        a.target
        for a in m._attributions
        if a.agent == aid and (stance is None or a.stance == stance)
    }
    found: list[Claim | Factor | Support | Attack | CausalLink] = [
        s for sid, s in m._statements.items() if sid in targets
    ]
    found.extend(r for rid, r in m._relations.items() if rid in targets)
    return found


# --------------------------------------------------------------------------- subset
def subset(
    m: ArgumentMap,
    *,
    statements: Iterable[Ref] | Ref | None = None,
    speakers: Iterable[Ref] | Ref | None = None,
    tags: Iterable[str] | str | None = None,
    reconstructed: bool = True,
    depth: int = 0,
) -> ArgumentMap:
    """Return a new, valid map holding only the part of ``m`` asked for, and what it needs.

    Each selector given picks statements and relations; what every given selector picks is
    kept (several values of one selector are alternatives: ``speakers=["petro", "noem"]``
    keeps what either tells, ``speakers="petro", tags="economy"`` what Petro tells on the
    economy). With no selector, everything is kept.

    - ``statements``: these statements, and the relations among the statements kept.
    - ``speakers``: the statements and relations the speakers *tell*: those an attribution
      names one of them as its agent (said directly or reported by someone) or as its reporter
      (what they report others saying). Only relations they tell are kept, and of the
      attributions only those they tell.
    - ``tags``: statements and relations with one of these tags, and the relations among the
      statements kept.
    - ``reconstructed=False`` drops what the analyst reconstructed (statements and relations
      marked ``reconstructed``) and every relation that needs one of them.
    - ``depth``: also keep what lies within this many relations of what was picked, reached
      through any relation (told by anyone) that survives ``reconstructed``.

    What the kept records need comes along: the ends of every relation (the statements it
    joins, the relation an undercut or a backing aims at), the agents and reporters named by
    the attributions kept, and the sources their quotes cite. A factor keeps its opposite
    only when the opposite is kept too; otherwise the pairing is left out of the copy. The
    title, description and data of the map are kept. Records are shared, never copied (they
    are immutable); the result is independent of ``m``.

    Args:
        m: The map.
        statements: A statement (or its id), or several.
        speakers: An agent (or its id), or several.
        tags: A tag, or several; each must be used by some statement or relation.
        reconstructed: Keep what the analyst reconstructed (the default).
        depth: How many relations away from the picked records to widen the part (0: none).

    Returns:
        A new map; with no selector and ``reconstructed=True`` it equals ``m``.

    Raises:
        UnknownIdError: A statement, agent or tag that the map does not hold; the message
            names the closest ids.
        StructureError: An id of the wrong kind (an agent among ``statements``).
        OptionError: A negative ``depth``, or an empty list for a selector.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> petro = m.agent("Petro", id="petro")
        >>> blockade = m.factor("blockade", id="blockade", tags=["economy"])
        >>> gang = m.factor("gang strength", id="gang")
        >>> link = m.causes(blockade, gang, by=petro)
        >>> other = m.claim("The gang was defeated", id="defeated")
        >>> part = m.subset(statements=["gang"], depth=1)
        >>> sorted(part.statements), sorted(part.relations)
        (['blockade', 'gang'], ['l1'])
        >>> sorted(m.subset(speakers="petro").statements)  # the link's ends come along
        ['blockade', 'gang']
        >>> sorted(m.subset(tags="economy").statements)
        ['blockade']
        >>> m.subset(speakers="petr")
        Traceback (most recent call last):
        ...
        argmap.errors.UnknownIdError: unknown agent id 'petr' (did you mean 'petro'?)
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
        raise OptionError(f"depth={depth!r}: expected a whole number >= 0")
    wanted: set[str] | None = None
    if statements is not None:
        wanted = set(_require_statements(m, _as_list(statements, "statements")))
    speaker_ids: set[str] | None = None
    if speakers is not None:
        speaker_ids = set(_require_agents(m, _as_list(speakers, "speakers")))
    tag_set: set[str] | None = None
    if tags is not None:
        tag_set = set(_require_tags(m, _as_list(tags, "tags")))
    everything = wanted is None and speaker_ids is None and tag_set is None

    told: set[str] | None = None
    if speaker_ids is not None:
        told = {a.target for a in m._attributions if _tells(a, speaker_ids)}

    # What ``reconstructed=False`` drops, as sets: membership is cheaper than a field read.
    gone: set[str] = set()
    if not reconstructed:
        gone = {sid for sid, st in m._statements.items() if st.reconstructed}
        gone.update(rid for rid, rel in m._relations.items() if rel.reconstructed)

    # 1. What the selectors pick. Relations are picked by speakers and tags, never by
    # ``statements`` (those come in below, as relations among the statements kept).
    keep_s: set[str]
    if wanted is None and told is None and tag_set is None:
        keep_s = set(m._statements).difference(gone)
    else:
        keep_s = {
            sid
            for sid, statement in m._statements.items()
            if sid not in gone
            and (wanted is None or sid in wanted)
            and (told is None or sid in told)
            and (tag_set is None or not tag_set.isdisjoint(statement.tags))
        }
    keep_r: set[str] = set()
    if wanted is None:
        if told is None and tag_set is None:
            keep_r = set(m._relations).difference(gone)
        else:
            keep_r = {
                rid
                for rid, rel in m._relations.items()
                if rid not in gone
                and (told is None or rid in told)
                and (tag_set is None or not tag_set.isdisjoint(rel.tags))
            }

    # 2. Widen by ``depth`` relations, through any relation that survives ``reconstructed``:
    # a breadth-first walk over an index of the relations that name each id.
    if depth:
        _widen(m, keep_s, keep_r, gone, depth)

    # 3. What the relations kept need: their ends, relations included (an undercut's target,
    # a backing's inference), and theirs in turn. A relation that needs a dropped record is
    # dropped with everything that needs it.
    keep_r, needed = _viable(m, keep_r, gone)
    keep_s |= needed

    # 4. Relations among the statements kept, where no speaker says otherwise.
    if not everything:
        keep_r |= _among(m, keep_s, keep_r, gone, told)

    return _build(m, keep_s, keep_r, speaker_ids, everything)


def _widen(m: ArgumentMap, keep_s: set[str], keep_r: set[str], gone: set[str], depth: int) -> None:
    """Add to ``keep_s`` and ``keep_r`` what lies within ``depth`` relations of them."""
    # The map's own index of the relations naming each id (it follows edits, so repeated
    # subsets of one map do not index it again).
    touching = references(m).relations
    rels = m._relations
    frontier = keep_s | keep_r
    for _ in range(depth):
        reached: set[str] = set()
        for node in frontier:
            for rid in touching.get(node, ()):
                if rid in keep_r or rid in gone:
                    continue
                ends = relation_ends(rels[rid])
                # A relation with a dropped end is no way through: it could not be kept.
                if gone.isdisjoint(ends):
                    keep_r.add(rid)
                    reached.add(rid)
                    for end in ends:
                        if end in m._statements and end not in keep_s:
                            keep_s.add(end)
                            reached.add(end)
        if not reached:
            return
        frontier = reached


def _viable(m: ArgumentMap, relations: set[str], gone: set[str]) -> tuple[set[str], set[str]]:
    """(the relations that can be kept with everything they need, the statements they need).

    A worklist, not recursion, so that a long chain of undercuts of undercuts cannot hit the
    recursion limit; relations may even name each other in a cycle (an undercut of a backing
    of the undercut), which a worklist settles too.
    """
    rels = m._relations
    closure = set(relations)
    needed: set[str] = set()
    needed_by: dict[str, list[str]] = {}
    stack = list(relations)
    while stack:
        rid = stack.pop()
        for end in relation_ends(rels[rid]):
            if end in rels:
                needed_by.setdefault(end, []).append(rid)
                if end not in closure:
                    closure.add(end)
                    stack.append(end)
            else:
                needed.add(end)
    if not gone:
        return closure, needed
    dropped = [
        rid for rid in closure if rid in gone or not gone.isdisjoint(relation_ends(rels[rid]))
    ]
    while dropped:
        rid = dropped.pop()
        if rid in closure:
            closure.discard(rid)
            dropped.extend(needed_by.get(rid, ()))
    needed = {end for rid in closure for end in relation_ends(rels[rid]) if end not in rels}
    return closure, needed


def _among(
    m: ArgumentMap,
    keep_s: set[str],
    keep_r: set[str],
    gone: set[str],
    told: set[str] | None,
) -> set[str]:
    """The relations, not yet kept, whose every end is kept (and, for speakers, that they tell).

    An undercut of a relation found here is found on the next pass; the passes stop when one
    finds nothing.
    """
    added: set[str] = set()
    while True:
        found = {
            rid
            for rid, rel in m._relations.items()
            if rid not in keep_r
            and rid not in added
            and rid not in gone
            and (told is None or rid in told)
            and all(end in keep_s or end in keep_r or end in added for end in relation_ends(rel))
        }
        if not found:
            return added
        added |= found


def _build(
    m: ArgumentMap,
    keep_s: set[str],
    keep_r: set[str],
    speakers: set[str] | None,
    everything: bool,
) -> ArgumentMap:
    """The new map of the records kept, in the order of ``m``, checked by ``from_document``."""
    kept_statements: list[Claim | Factor] = []
    for sid, statement in m._statements.items():
        if sid not in keep_s:
            continue
        if (
            type(statement) is Factor
            and statement.opposite is not None
            and statement.opposite not in keep_s
        ):
            fields = statement.model_dump(exclude_unset=True, exclude={"opposite"})
            statement = Factor.model_validate(fields)
        kept_statements.append(statement)
    kept_relations = [rel for rid, rel in m._relations.items() if rid in keep_r]
    attributions = [
        a
        for a in m._attributions
        if (a.target in keep_s or a.target in keep_r) and (speakers is None or _tells(a, speakers))
    ]
    agents: list[Agent]
    sources: list[Source]
    if everything:
        agents, sources = list(m._agents.values()), list(m._sources.values())
    else:
        named = set(speakers or ())
        cited: set[str] = set()
        for a in attributions:
            named.update(x for x in (a.agent, a.reported_by) if x is not None)
            if a.quote is not None:
                cited.add(a.quote.source)
        agents = [agent for aid, agent in m._agents.items() if aid in named]
        sources = [source for sid, source in m._sources.items() if sid in cited]
    doc = MapDocument.model_construct(
        schema_version=1,
        title=m.title,
        description=m.description,
        agents=tuple(agents),
        sources=tuple(sources),
        statements=tuple(kept_statements),
        relations=tuple(kept_relations),
        attributions=tuple(attributions),
        data=dict(m._data),
    )
    return type(m).from_document(doc)


# --------------------------------------------------------------------------- perspective
def perspective(
    m: ArgumentMap, agent: Ref, *, reconstructed: bool = True, depth: int = 0
) -> ArgumentMap:
    """Return the map as one speaker tells it: a valid map on which every analysis runs.

    It holds what the speaker *tells*: every statement and relation on which an attribution
    names the speaker as its agent (asserted, denied or questioned, said directly or reported
    by someone else) or as its reporter (what the speaker reports others saying), with only
    those attributions; and what these records need to stand: the statements a relation of
    theirs joins (a link from a cause no one names to an effect they name brings its cause)
    and the relation an undercut or a backing of theirs aims at, with its own ends. So every
    statement of a perspective is the speaker's: one they tell, or one that a relation they
    tell names. Relations that others draw, or that no one is recorded as drawing, are left
    out, even between the speaker's own statements. It is
    ``m.subset(speakers=agent, reconstructed=reconstructed, depth=depth)``, titled after the
    speaker.

    Args:
        m: The map.
        agent: The speaker (or its id).
        reconstructed: Keep what the analyst reconstructed; False drops it and what needs it.
        depth: Also keep what lies this many relations away from the speaker's records,
            whoever draws those relations (0: the speaker's own story only).

    Returns:
        A new map, titled "TITLE, as NAME tells it".

    Raises:
        UnknownIdError: No agent has this id; the message names the closest ids.
        StructureError: The id is a statement, relation or source, not an agent.

    Examples:
        >>> from argmap import ArgumentMap, perspective
        >>> m = ArgumentMap(title="Bogota")
        >>> noem, petro = m.agent("Kristi Noem", id="noem"), m.agent("Gustavo Petro", id="petro")
        >>> crit = m.claim("Petro criticised the US government", id="criticised", by=noem)
        >>> m.attribute(crit, by=petro, stance="denies").stance
        'denies'
        >>> own = perspective(m, "petro")
        >>> own.title, sorted(own.statements)
        ('Bogota, as Gustavo Petro tells it', ['criticised'])
        >>> [(a.agent, a.stance) for a in own.attributions]  # Noem's stance is not his
        [('petro', 'denies')]
    """
    aid = m._require(agent, m._agents, "agent")
    part = subset(m, speakers=[aid], reconstructed=reconstructed, depth=depth)
    part.title = f"{m.title or 'Untitled map'}, as {m._agents[aid].name} tells it"
    return part
