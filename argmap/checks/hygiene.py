"""Hygiene checks (AM9xx): labels and wording that make a map harder to read or trust.

Near-identical labels that are probably one thing under two names, absolute words in claims
nothing supports, and statements, agents or sources with no words at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain

from argmap.checks import codes  # noqa: F401  # the examples below call it
from argmap.checks._alias_index import alias_index
from argmap.checks._common import normalise, normalised_texts
from argmap.checks._incremental import Net, first_id, follows, reads_kinds
from argmap.checks.registry import Hit, register
from argmap.graph import to_networkx
from argmap.model import Agent, ArgumentMap, Support

__all__ = ["absolute_qualifier", "alias_candidates", "empty_text", "similar_labels"]

_NAMED_KINDS = frozenset({"claim", "factor", "agent", "source"})

# Small words that do not tell labels apart (English, and Spanish/French articles in names).
_STOP_WORDS = (
    "a an the of de del la el los las le les du des to in on at and or for by with from "
    "is are was were be been being its it this that these those"
)
_STOP = frozenset(_STOP_WORDS.split())
# "t" is what is left of "n't" once punctuation is folded away.
_NEGATION_WORDS = "not no never none nobody nothing neither nor without cannot t"
_NEGATION = frozenset(_NEGATION_WORDS.split())
# A token shared by more labels than this does not form a block: comparing every pair in a
# block of k labels costs k * k, and a word that common says little about sameness anyway.
_BLOCK_CAP = 50
_BLOCKS_PER_LABEL = 2
_THRESHOLD = 0.8


def _tokens(label: str) -> tuple[str, ...]:
    """Content words of a label, case- and accent-folded, a plural ``s`` dropped."""
    return _words(normalise(label))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] == "s" and word[-2] != "s" else word


def _words(normalised: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in normalised.split() if w not in _STOP)


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` is at most ``limit`` (banded, early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _token_match(a: str, b: str) -> bool:
    """Equal, or two spellings of one word ("tren"/"train", "violence"/"violent")."""
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4 or a[:2] != b[:2] or a.isdigit() or b.isdigit():
        return False
    return _within(a, b, 2 if max(len(a), len(b)) >= 5 else 1)


def similar_labels(a: str, b: str) -> bool:
    """True when two labels name the same thing but for spelling, order and small words.

    Every content word of each label must match one of the other (equal, or a spelling
    within two edits that starts alike), allowing one word in five to go unmatched; a label
    with a negation never matches one without.

    Examples:
        >>> similar_labels("Tren de Aragua", "Aragua train")
        True
        >>> similar_labels("Migrants are criminals", "Migrants are not criminals")
        False
        >>> similar_labels("Violence increased", "Violence decreased")
        False
    """
    return _score(_tokens(a), _tokens(b)) >= _THRESHOLD


def _score(ta: tuple[str, ...], tb: tuple[str, ...]) -> float:
    if not ta or not tb:
        return 0.0
    if any(t in _NEGATION for t in ta) != any(t in _NEGATION for t in tb):
        return 0.0
    hits_a = sum(1 for x in ta if any(_token_match(x, y) for y in tb))
    hits_b = sum(1 for y in tb if any(_token_match(y, x) for x in ta))
    return min(hits_a / len(ta), hits_b / len(tb))


def _candidate_pairs(folded: list[str]) -> set[tuple[int, int]]:
    """Pairs of indexes of folded labels worth comparing, by blocking: never all pairs.

    Labels are blocked on their (at most two) rarest content words that at most
    ``_BLOCK_CAP`` labels share, and, when every word is more common than that, on their
    exact set of words; so the work grows with the number of labels times the block cap, not
    with its square. A word no other label has cannot make a pair, and a label with such a word
    has no twin. Word counts are taken over the vocabulary, so that a label with nothing to
    block on costs two set tests.
    """
    splits = [text.split() for text in folded]
    vocabulary = Counter(chain.from_iterable(map(set, splits)))
    stem_of = {w: _stem(w) for w in vocabulary if w not in _STOP}
    frequency: Counter[str] = Counter()
    for word, count in vocabulary.items():
        stem = stem_of.get(word)
        if stem is not None:
            frequency[stem] += count
    blocking = {w for w, st in stem_of.items() if 1 < frequency[st] <= _BLOCK_CAP}
    unique = {w for w, st in stem_of.items() if frequency[st] == 1}
    blocks: dict[str, list[int]] = {}
    same_words: dict[frozenset[str], int] = {}
    pairs: set[tuple[int, int]] = set()
    for i, words in enumerate(splits):
        if blocking.isdisjoint(words):
            if unique.isdisjoint(words):
                stems = frozenset(stem_of[w] for w in words if w in stem_of)
                if stems:
                    # Labels with one word set all match; pair each with the first only, so a
                    # thousand of them give a thousand pairs, not half a million.
                    first = same_words.setdefault(stems, i)
                    if first != i:
                        pairs.add((first, i))
            continue
        rare = sorted({(frequency[stem_of[w]], stem_of[w]) for w in words if w in blocking})
        for _, stem in rare[:_BLOCKS_PER_LABEL]:
            blocks.setdefault(stem, []).append(i)
    for members in blocks.values():  # at most _BLOCK_CAP members each
        for x, i in enumerate(members[:-1]):
            for j in members[x + 1 :]:
                pairs.add((i, j) if i < j else (j, i))
    return pairs


@register("AM901", "alias-candidates", severity="warning")
def alias_candidates(m: ArgumentMap) -> Iterator[Hit]:
    """Statements, factors or agents with near-identical labels not linked as the same.

    Why:
        "Tren de Aragua" and "Aragua train" are one gang; two nodes for it split its causes
        and effects. Labels are compared by content words, allowing word order, small words,
        plurals and near spellings; a negation on one side only keeps them apart. Claims are
        compared with claims, factors with factors, agents (names and aliases) with agents.
        Statements that a relation already joins, or factors marked opposites, count as
        linked; merge the others, or give an agent the other name as an alias. Candidates are
        found by blocking on rare words, so large maps are not compared pair by pair.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.factor("Tren de Aragua strength")
        >>> _ = m.factor("Aragua train strength")
        >>> codes(m, select="AM901")
        ['AM901']

    Good:
        >>> m = ArgumentMap()
        >>> gang = m.factor("Tren de Aragua strength")
        >>> _ = m.causes(m.factor("US blockade of Venezuela"), gang)
        >>> codes(m, select="AM901")
        []
    """
    claims_view = to_networkx(m, graph="claims")
    for kind, key, label_a, label_b in _alias_pairs(m):
        if kind != "agent" and (
            claims_view.has_edge(*key)
            or claims_view.has_edge(key[1], key[0])
            or m.opposite_of(key[0]) == key[1]
        ):
            continue  # linked already
        yield Hit(
            f"{kind}s {key[0]!r} and {key[1]!r} look like one thing under two names: "
            f"{label_a!r} / {label_b!r}",
            ids=key,
        )


class _AgentPairs(list[tuple[tuple[str, str], str, str]]):
    """Agents whose names look alike, linked or not: (ids, name, name).

    They depend on agents' names alone, so they are kept while no agent changes.
    """

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        return not any(type(r) is Agent for r in (*added, *removed))


def _alias_pairs(m: ArgumentMap) -> Iterator[tuple[str, tuple[str, str], str, str]]:
    """Pairs whose labels look alike, linked or not: (kind, ids in order, label, label)."""
    statements = m.statements
    for kind, pairs in alias_index(m).pairs().items():
        for key in pairs:
            yield kind, key, statements[key[0]].text, statements[key[1]].text
    agent_pairs = m.cached(("checks", "agent-alias-pairs"), lambda: _AgentPairs(_agent_pairs(m)))
    for key, name_a, name_b in agent_pairs:
        yield "agent", key, name_a, name_b


def _agent_pairs(m: ArgumentMap) -> Iterator[tuple[tuple[str, str], str, str]]:
    # Claims and factors are kept by _alias_index, which follows edits; agents are few.
    items = [
        (aid, name, normalise(name))
        for aid, agent in m.agents.items()
        for name in dict.fromkeys((agent.name, *agent.aliases))
    ]
    if len(items) < 2:
        return
    reported: set[tuple[str, str]] = set()
    tokens: dict[int, tuple[str, ...]] = {}
    for i, j in sorted(_candidate_pairs([norm for _, _, norm in items])):
        (id_a, label_a, _), (id_b, label_b, _) = items[i], items[j]
        if id_a == id_b:
            continue  # an agent's own name and alias
        key = (id_a, id_b) if id_a < id_b else (id_b, id_a)
        if key in reported:
            continue
        for k in (i, j):
            if k not in tokens:
                tokens[k] = _words(items[k][2])
        if _score(tokens[i], tokens[j]) < _THRESHOLD:
            continue
        reported.add(key)
        yield key, label_a, label_b


# A run over the kept pairs costs little, so a change of relations simply runs it again.
follows("AM901", reads=reads_kinds("claim", "factor", "agent", "support", "attack", "causal"))(
    lambda m, subjects: ()
)


_ABSOLUTE_TEXT = "only never always all immediately every everyone everything nobody none"
_ABSOLUTE_WORDS = frozenset(_ABSOLUTE_TEXT.split())
_ABSOLUTE = re.compile(r"\b(" + "|".join(sorted(_ABSOLUTE_WORDS)) + r")\b", re.IGNORECASE)


@register("AM902", "absolute-qualifier", severity="info")
def absolute_qualifier(m: ArgumentMap) -> Iterator[Hit]:
    """An absolute word ("only", "never", "always", "all"...) in a claim nothing supports.

    Why:
        Absolute claims are the easiest to refute (one counter-example will do) and the
        hardest to support. "Exclusion only leads to more violence" needs either a reason or a
        softer wording. The words looked for are only, never, always, all, immediately, every,
        everyone, everything, nobody and none; claims some support concludes are left alone.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.claim("Exclusion only leads to more violence")
        >>> codes(m, select="AM902")
        ['AM902']

    Good:
        >>> m = ArgumentMap()
        >>> claim = m.claim("Exclusion only leads to more violence")
        >>> _ = m.support(m.claim("76 years of Colombian violence followed exclusion"), claim)
        >>> codes(m, select="AM902")
        []
    """
    supported = m.cached(
        ("checks", "supported"),
        lambda: {r.conclusion for r in m.relations.values() if isinstance(r, Support)},
    )
    folded = normalised_texts(m)
    for sid, stmt in m.statements.items():
        if stmt.kind != "claim" or sid in supported:
            continue
        # A set test on the folded words is cheaper than the regular expression on every text.
        if _ABSOLUTE_WORDS.isdisjoint(folded[sid].split()):
            continue
        yield _absolute(sid, stmt.text)


def _absolute(sid: str, text: str) -> Hit:
    words = sorted({w.lower() for w in _ABSOLUTE.findall(text)})
    return Hit(f"unsupported claim {sid!r} says {', '.join(repr(w) for w in words)}", ids=(sid,))


def _absolute_affected(m: ArgumentMap, net: Net) -> set[Hashable]:
    touched: set[Hashable] = set()
    for record in net.records():
        kind = getattr(record, "kind", None)
        if kind == "claim":
            touched.add(record.id)
        elif kind == "support":
            touched.add(record.conclusion)
    return touched


@follows(
    "AM902",
    reads=reads_kinds("claim", "support"),
    subject=first_id,
    affected=_absolute_affected,
)
def _absolute_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    claims = to_networkx(m, graph="claims")
    statements = m.statements
    for sid in subjects:
        if not isinstance(sid, str):
            continue
        stmt = statements.get(sid)
        if stmt is None or stmt.kind != "claim":
            continue
        if any(
            d["kind"] == "support" for keyed in claims.pred[sid].values() for d in keyed.values()
        ):
            continue
        if _ABSOLUTE_WORDS.isdisjoint(normalise(stmt.text).split()):
            continue
        yield _absolute(sid, stmt.text)


@register("AM903", "empty-text", severity="warning")
def empty_text(m: ArgumentMap) -> Iterator[Hit]:
    """A statement, agent or source whose text, name or title has no words.

    Why:
        An empty box cannot be quoted, checked or argued with. Readers of other formats
        produce them from nodes without text; the map should say what the node stands for.
        Text made of punctuation alone counts as empty.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.claim("  ...  ")
        >>> codes(m, select="AM903")
        ['AM903']

    Good:
        >>> m = ArgumentMap()
        >>> _ = m.claim("Migrants are not criminals")
        >>> codes(m, select="AM903")
        []
    """
    yield from _empty_among(m, (*m.statements, *m.agents, *m.sources))


@follows(
    "AM903",
    reads=reads_kinds("claim", "factor", "agent", "source"),
    subject=first_id,
    affected=lambda m, net: {
        r.id for r in net.records() if getattr(r, "kind", None) in _NAMED_KINDS
    },
)
def _empty_among(m: ArgumentMap, subjects: Iterable[Hashable]) -> Iterator[Hit]:
    statements, agents, sources = m.statements, m.agents, m.sources
    for rid in subjects:
        assert isinstance(rid, str)
        if (stmt := statements.get(rid)) is not None:
            if not _has_words(stmt.text):
                yield Hit(f"{stmt.kind} {rid!r} has no words: {stmt.text!r}", ids=(rid,))
        elif (agent := agents.get(rid)) is not None:
            if not _has_words(agent.name):
                yield Hit(f"agent {rid!r} has no name: {agent.name!r}", ids=(rid,))
        elif (source := sources.get(rid)) is not None and not _has_words(source.title):
            yield Hit(f"source {rid!r} has no title: {source.title!r}", ids=(rid,))


def _has_words(text: str) -> bool:
    # A letter or digit anywhere; most texts answer at their first character.
    return any(ch.isalnum() for ch in text)
