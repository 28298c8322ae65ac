"""AM901's look-alike pairs among claims and among factors, kept up to date edit by edit.

Candidate pairs come from blocking (:mod:`argmap.checks.hygiene`): a label is filed under its
(at most two) rarest content words that at most ``_BLOCK_CAP`` labels share; a label with no
such word and no word of its own is filed by its set of words, and meets the least id of that
set. Whether a word blocks depends on how many labels hold it, across the whole map, so one
edit can change where other labels are filed. But only a little: a label's filing depends on
the counts of its own words, and only on counts at or below the cap (a word above it neither
blocks nor is a label's own). So when labels change, the labels to file again are the changed
ones and those that share with them a word whose count changed and is at or below the cap
before or after: at most the cap per such word. Only pairs with a label filed again can come
or go (or, for a set of words whose least id changed, pairs with its old and new least), so
only those are compared again. The result is the same as :class:`_Group` built afresh on the
map as it is, which the cold run does; ``tests/test_incremental.py`` holds them equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING, TypeAlias

from argmap.model import Claim, Factor

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["AliasIndex", "alias_index"]

# Where a label is filed: the stems of its block words (a tuple), or its set of stems.
_Filing: TypeAlias = "tuple[str, ...] | frozenset[str]"
_Pair: TypeAlias = tuple[str, str]

# Past this many labels changed since the last run, the index is built afresh instead.
_MOST_PENDING = 5_000


class _Group:
    """The filing and the look-alike pairs of the labels of one kind."""

    __slots__ = ("blocks", "frequency", "members", "pairs", "partners", "same", "state", "texts")

    def __init__(self, texts: dict[str, str]) -> None:
        from argmap.checks.hygiene import _BLOCK_CAP, _BLOCKS_PER_LABEL, _STOP, _stem

        self.texts = texts  # folded label by id
        splits = {sid: text.split() for sid, text in texts.items()}
        # Counts over the vocabulary (in C), then by stem: a label counts once per word.
        vocabulary = Counter(chain.from_iterable(map(set, splits.values())))
        stem_of = {w: _stem(w) for w in vocabulary if w not in _STOP}
        frequency: Counter[str] = Counter()
        for word, count in vocabulary.items():
            stem = stem_of.get(word)
            if stem is not None:
                frequency[stem] += count
        self.frequency = frequency
        blocking = {w for w, st in stem_of.items() if 1 < frequency[st] <= _BLOCK_CAP}
        unique = {w for w, st in stem_of.items() if frequency[st] == 1}
        # Labels holding each stem that blocks (counts 2.._BLOCK_CAP), to file them again.
        self.members: dict[str, set[str]] = {}
        self.state: dict[str, _Filing] = {}
        self.blocks: dict[str, set[str]] = {}
        self.same: dict[frozenset[str], set[str]] = {}
        for sid, words in splits.items():
            if blocking.isdisjoint(words):
                if unique.isdisjoint(words):
                    stems = frozenset(stem_of[w] for w in words if w in stem_of)
                    if stems:
                        self.state[sid] = stems
                        self.same.setdefault(stems, set()).add(sid)
                continue
            rare = sorted({(frequency[stem_of[w]], stem_of[w]) for w in words if w in blocking})
            for _, stem in rare:
                self.members.setdefault(stem, set()).add(sid)
            keys = tuple(stem for _, stem in rare[:_BLOCKS_PER_LABEL])
            self.state[sid] = keys
            for stem in keys:
                self.blocks.setdefault(stem, set()).add(sid)
        self.pairs: set[_Pair] = set()
        self.partners: dict[str, set[str]] = {}
        tokens: dict[str, tuple[str, ...]] = {}
        for members in self.blocks.values():  # at most _BLOCK_CAP members each
            ordered = sorted(members)
            for x, a in enumerate(ordered[:-1]):
                for b in ordered[x + 1 :]:
                    self._compare(a, b, tokens)
        for members in self.same.values():
            first = min(members)
            for b in members:
                if b != first:
                    self._compare(first, b, tokens)

    def _compare(self, a: str, b: str, tokens: dict[str, tuple[str, ...]]) -> None:
        from argmap.checks.hygiene import _THRESHOLD, _score, _words

        if a > b:
            a, b = b, a
        if (a, b) in self.pairs:
            return
        text_a, text_b = self.texts[a], self.texts[b]
        if text_a == text_b:
            return  # AM104 reports equal texts
        for sid, text in ((a, text_a), (b, text_b)):
            if sid not in tokens:
                tokens[sid] = _words(text)
        if _score(tokens[a], tokens[b]) < _THRESHOLD:
            return
        self.pairs.add((a, b))
        self.partners.setdefault(a, set()).add(b)
        self.partners.setdefault(b, set()).add(a)

    def _drop_pairs(self, sid: str) -> None:
        for other in self.partners.pop(sid, ()):
            self.pairs.discard((sid, other) if sid < other else (other, sid))
            held = self.partners.get(other)
            if held is not None:
                held.discard(sid)
                if not held:
                    del self.partners[other]

    def _filing(self, text: str) -> _Filing | None:
        from argmap.checks.hygiene import _BLOCK_CAP, _BLOCKS_PER_LABEL, _STOP, _stem

        frequency = self.frequency
        stems = {_stem(w) for w in text.split() if w not in _STOP}
        rare = sorted((frequency[st], st) for st in stems if 1 < frequency[st] <= _BLOCK_CAP)
        if rare:
            return tuple(st for _, st in rare[:_BLOCKS_PER_LABEL])
        if not stems or any(frequency[st] == 1 for st in stems):
            return None
        return frozenset(stems)

    def _holders(self, stem: str) -> set[str]:
        """The labels holding a word of this stem, by a scan (stems not tracked)."""
        from argmap.checks.hygiene import _STOP, _stem

        words = {w for w in (stem, stem + "s") if w not in _STOP and _stem(w) == stem}
        return {
            sid
            for sid, text in self.texts.items()
            if stem in text and not words.isdisjoint(text.split())
        }

    def update(self, gone: dict[str, str], came: dict[str, str]) -> None:
        """Labels left (``gone``: id to old folded text) and came (id to new folded text)."""
        from argmap.checks.hygiene import _BLOCK_CAP, _STOP, _stem

        frequency, members, texts = self.frequency, self.members, self.texts
        before: dict[str, int] = {}
        for sign, changed in ((-1, gone), (1, came)):
            for sid, text in changed.items():
                if sign < 0:
                    del texts[sid]
                else:
                    texts[sid] = text
                for stem in {_stem(w) for w in text.split() if w not in _STOP}:
                    count = frequency[stem]
                    before.setdefault(stem, count)
                    frequency[stem] = count + sign
                    held = members.get(stem)
                    if held is not None:
                        if sign < 0:
                            held.discard(sid)
                        else:
                            held.add(sid)
        refile: set[str] = set(gone) | set(came)
        for stem, old in before.items():
            new = frequency[stem]
            if new <= 0:
                del frequency[stem]
            # The labels holding the stem now, when it was tracked before.
            held = members.get(stem)
            tracked = 1 < new <= _BLOCK_CAP
            if tracked and held is None:
                held = members[stem] = self._holders(stem)
            elif not tracked and held is not None:
                del members[stem]
            if old == new or min(old, new) > _BLOCK_CAP or old == 0 or new == 0:
                continue  # no filing changed, or every holder is a changed label
            refile |= held if held is not None else self._holders(stem)
        # File again; note each set of words touched and its least id before.
        filings = {sid: self._filing(texts[sid]) if sid in texts else None for sid in refile}
        least: dict[frozenset[str], str | None] = {}
        for sid in refile:
            for filing in (self.state.get(sid), filings[sid]):
                if isinstance(filing, frozenset) and filing not in least:
                    held = self.same.get(filing)
                    least[filing] = min(held) if held else None
        for sid, filing in filings.items():
            old_filing = self.state.pop(sid, None)
            if isinstance(old_filing, frozenset):
                self.same[old_filing].discard(sid)
                if not self.same[old_filing]:
                    del self.same[old_filing]
            elif old_filing is not None:
                for stem in old_filing:
                    self.blocks[stem].discard(sid)
                    if not self.blocks[stem]:
                        del self.blocks[stem]
            if filing is None:
                continue
            self.state[sid] = filing
            if isinstance(filing, frozenset):
                self.same.setdefault(filing, set()).add(sid)
            else:
                for stem in filing:
                    self.blocks.setdefault(stem, set()).add(sid)
        compare = set(refile)
        for filing, old_least in least.items():
            held = self.same.get(filing)
            new_least = min(held) if held else None
            if new_least != old_least:
                compare.update(s for s in (old_least, new_least) if s is not None)
        for sid in compare:
            self._drop_pairs(sid)
        tokens: dict[str, tuple[str, ...]] = {}
        for sid in compare:
            filing = self.state.get(sid)
            if filing is None:
                continue
            if isinstance(filing, frozenset):
                held = self.same[filing]
                first = min(held)
                others: Iterable[str] = held if sid == first else (first,)
            else:
                others = set().union(*(self.blocks[stem] for stem in filing))
            for other in others:
                if other != sid:
                    self._compare(sid, other, tokens)


class AliasIndex:
    """The look-alike pairs of claims and of factors, cached on the map; follows its changes."""

    __slots__ = ("groups", "pending")

    def __init__(self, m: ArgumentMap) -> None:
        from argmap.checks._common import normalised_texts

        folded = normalised_texts(m)
        by_kind: dict[str, dict[str, str]] = {"claim": {}, "factor": {}}
        for sid, stmt in m.statements.items():
            by_kind[stmt.kind][sid] = folded[sid]
        self.groups = {kind: _Group(texts) for kind, texts in by_kind.items()}
        # Statements that left and came since the index was last brought up to date.
        self.pending: list[tuple[Sequence[object], Sequence[object]]] = []

    def follow(self, added: Sequence[object], removed: Sequence[object]) -> bool:
        if not any(type(r) is Claim or type(r) is Factor for r in chain(added, removed)):
            return True
        self.pending.append((added, removed))
        return len(self.pending) <= _MOST_PENDING

    def pairs(self) -> dict[str, set[_Pair]]:
        """The look-alike pairs (ids in order) by kind, brought up to date."""
        if self.pending:
            self._catch_up()
        return {kind: group.pairs for kind, group in self.groups.items()}

    def _catch_up(self) -> None:
        from argmap.checks._common import normalise

        # The net change by id: the statement before the first change and after the last.
        first: dict[str, Claim | Factor | None] = {}
        last: dict[str, Claim | Factor | None] = {}
        for added, removed in self.pending:
            for r in removed:
                if type(r) is Claim or type(r) is Factor:
                    first.setdefault(r.id, r)
                    last[r.id] = None
            for r in added:
                if type(r) is Claim or type(r) is Factor:
                    first.setdefault(r.id, None)
                    last[r.id] = r
        self.pending.clear()
        for kind, group in self.groups.items():
            gone: dict[str, str] = {}
            came: dict[str, str] = {}
            for sid, old in first.items():
                new = last[sid]
                old_text = normalise(old.text) if old is not None and old.kind == kind else None
                new_text = normalise(new.text) if new is not None and new.kind == kind else None
                if old_text == new_text:
                    continue
                if old_text is not None:
                    gone[sid] = old_text
                if new_text is not None:
                    came[sid] = new_text
            if gone or came:
                group.update(gone, came)


def alias_index(m: ArgumentMap) -> AliasIndex:
    """The map's :class:`AliasIndex`, built on first use."""
    return m.cached(("checks", "alias-index"), lambda: AliasIndex(m))
