"""Comparing sources: the records of one utterance side by side, word by word.

One speech act can be on record in several sources: Petro's post on X, and a news article that
quotes or paraphrases it. Each record is an :class:`~argmap.model.Attribution` of its own (the
article reports the words, the post is Petro's), and attributions that share an ``utterance`` key
record the same act. :func:`compare_sources` lines up the quotes of each utterance, takes the
speaker's own words as the reference (the attribution without a reporter, else the first one),
and diffs every other quote against it word by word (:mod:`difflib` on words, case and edge
punctuation folded). It then names the differences that change what is said:

* ``negation``: one quote has more negations (``not``, ``never``, ``-n't``, ``keep ... from``);
* ``modality``: the modal and hedging words differ (``would`` and ``will``, ``I hope``...);
* ``reported-speech``: a layer of reported speech is added or dropped ("you say I said I had
  friends" against "you say I had friends"), counted by reporting verbs (``say``, ``told``...);
* ``stance``, ``speaker``, ``target``: the records disagree on the stance, the agent or what
  they are a record of.

The word lists are English and the test is a heuristic: it points a reader at the place to look,
and reading the two quotes side by side decides. Quote the reported words themselves, not the
reporter's frame ("he accused the US of..."): the frame is the attribution's ``reported_by``, and
its verb would count as a layer of reported speech.

Records are compared, not merged: one record a source is the layout of the model (see
:class:`~argmap.model.Attribution`), because the sources differ in who reports the words and a
quote is one span of one source.

Across whole sources it lists what only some of them carry: for each speaker whose utterances
are on record in two or more sources, the statements and relations that the speaker is on
record for in some of those sources and not in the others. Checks AM208 and AM209 report both.

Examples:
    >>> from argmap import ArgumentMap, Attribution
    >>> m = ArgumentMap()
    >>> petro = m.agent("Gustavo Petro", id="petro")
    >>> desk = m.agent("news desk", id="desk")
    >>> post = m.source("Post", id="post", text="I don't know why you say I said I had friends.")
    >>> art = m.source("Article", id="article", text='"I don\\'t know why you say I had friends."')
    >>> friends = m.claim("Petro has friends in the gang", id="friends")
    >>> for quote, reporter in ((m.quote(post, "I don't know why you say I said I had friends"),
    ...                          None),
    ...                         (m.quote(art, "I don't know why you say I had friends"), "desk")):
    ...     _ = m.add_attribution(Attribution(target="friends", agent="petro", stance="denies",
    ...                                       reported_by=reporter, quote=quote,
    ...                                       utterance="friends-denial"))
    >>> (diff,) = compare_sources(m).differences()
    >>> diff.kinds
    ('reported-speech',)
    >>> diff.words
    "I don't know why you say I [-said I-] had friends"
    >>> diff.describe()
    "'article' drops a layer of reported speech (say, said → say)"
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Attribution

__all__ = [
    "DIFFERENCE_KINDS",
    "MODAL_WORDS",
    "NEGATION_WORDS",
    "PREVENTING_WORDS",
    "REPORTING_WORDS",
    "DifferenceKind",
    "OnlyIn",
    "QuoteDiff",
    "SourceComparison",
    "UtteranceComparison",
    "WordChange",
    "compare_sources",
    "word_key",
]

DifferenceKind: TypeAlias = Literal[
    "negation", "modality", "reported-speech", "stance", "speaker", "target"
]
DIFFERENCE_KINDS: tuple[DifferenceKind, ...] = (
    "negation",
    "modality",
    "reported-speech",
    "stance",
    "speaker",
    "target",
)
"""The differences that change what is said, in the order they are reported."""

NEGATION_WORDS: frozenset[str] = frozenset(
    {"not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "nowhere", "cannot"}
    | {"without", "n't"}
)
"""Words that negate (after :func:`word_key`); any word ending in ``n't`` negates too."""

PREVENTING_WORDS: frozenset[str] = frozenset(
    {"keep", "keeps", "kept", "keeping", "prevent", "prevents", "prevented", "preventing"}
    | {"stop", "stops", "stopped", "stopping", "bar", "bars", "barred", "barring"}
)
"""Verbs that negate with a later ``from``: "keep them from talking" is "they do not talk"."""

_PREVENTION_REACH = 6
"""How many words after a preventing verb its ``from`` may come."""

MODAL_WORDS: frozenset[str] = frozenset(
    {"can", "could", "may", "might", "must", "shall", "should", "will", "would", "ought", "'ll"}
    | {"perhaps", "maybe", "possibly", "probably", "likely", "unlikely", "certainly", "surely"}
    | {"allegedly", "supposedly", "apparently", "hope", "hopes", "hoped", "hoping"}
    | {"seem", "seems", "seemed"}
)
"""Modal verbs and hedges (after :func:`word_key`): a change among them changes the modality."""

REPORTING_WORDS: frozenset[str] = frozenset(
    {"say", "says", "said", "saying", "tell", "tells", "told", "telling", "claim", "claims"}
    | {"claimed", "claiming", "allege", "alleges", "alleged", "alleging", "accuse", "accuses"}
    | {"accused", "accusing", "according"}
)
"""Reporting verbs (after :func:`word_key`): each opens a layer of reported speech."""

_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def word_key(word: str) -> str:
    """Fold a word for comparison: compatibility forms, case, curly apostrophes, edge punctuation.

    Examples:
        >>> word_key("“Don’t")
        "don't"
        >>> word_key("Venezuela.")
        'venezuela'
    """
    folded = unicodedata.normalize("NFKC", word).casefold().replace("\u2019", "'")
    return _EDGE_PUNCT.sub("", folded.replace("\u2018", "'"))


def _negations(keys: Sequence[str]) -> list[str]:
    found = [k for k in keys if k in NEGATION_WORDS or k.endswith("n't")]
    # "want to keep Colombia and the US from talking" says what "want them not to talk" says:
    # a preventing verb and its "from" count as one negation.
    since = _PREVENTION_REACH + 1
    for key in keys:
        since += 1
        if key in PREVENTING_WORDS:
            since = 0
        elif key == "from" and since <= _PREVENTION_REACH:
            found.append("keep ... from")
            since = _PREVENTION_REACH + 1
    return found


def _modals(keys: Sequence[str]) -> list[str]:
    return [k if k in MODAL_WORDS else "'ll" for k in keys if k in MODAL_WORDS or k.endswith("'ll")]


def _reporting(keys: Sequence[str]) -> list[str]:
    return [k for k in keys if k in REPORTING_WORDS]


@dataclass(frozen=True, slots=True)
class WordChange:
    """One place where two quotes differ: words of the reference dropped, others put in."""

    op: Literal["insert", "delete", "replace"]
    """``delete`` (only ``removed``), ``insert`` (only ``added``) or ``replace`` (both)."""
    removed: tuple[str, ...]
    """Words of the reference quote that the other quote lacks."""
    added: tuple[str, ...]
    """Words of the other quote that the reference lacks."""


@dataclass(frozen=True, slots=True)
class QuoteDiff:
    """How one record of an utterance differs from the reference record, word by word."""

    utterance: str
    """The utterance key the two attributions share."""
    reference: Attribution
    """The record compared against: the speaker's own words where there are some."""
    other: Attribution
    """The record compared."""
    changes: tuple[WordChange, ...]
    """The word-level changes, in the order of the text (empty when the words agree)."""
    words: str
    """The other quote against the reference: ``[-dropped-]`` and ``{+added+}`` words inline."""
    kinds: tuple[DifferenceKind, ...]
    """The differences that change what is said, in :data:`DIFFERENCE_KINDS` order."""
    details: tuple[str, ...]
    """One phrase a kind, in the same order (``drops a layer of reported speech (...)``)."""

    @property
    def sources(self) -> tuple[str | None, str | None]:
        """The sources of the reference quote and of the other one."""
        ref, other = self.reference.quote, self.other.quote
        return (ref.source if ref else None, other.source if other else None)

    def describe(self) -> str:
        """The differences in one phrase, naming the other record's source.

        Examples:
            >>> from argmap.model import Attribution, Quote
            >>> q1 = Quote(source="post", text="it will end", start=0, end=11)
            >>> q2 = Quote(source="article", text="it would end", start=0, end=12)
            >>> d = _diff("u", Attribution(target="c", quote=q1), Attribution(target="c", quote=q2))
            >>> d.describe()
            "'article' changes the modality (will → would)"
        """
        if not self.details:
            return f"{self.sources[1]!r} says the same"
        return f"{self.sources[1]!r} " + "; ".join(self.details)


@dataclass(frozen=True, slots=True)
class UtteranceComparison:
    """The records of one utterance and how each differs from the reference record."""

    utterance: str
    """The key the attributions share."""
    attributions: tuple[Attribution, ...]
    """Every attribution with that key, in the map's order."""
    reference: Attribution | None
    """The quoted record the others are compared with (None when none is quoted)."""
    diffs: tuple[QuoteDiff, ...]
    """One a quoted record other than the reference."""

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources quoted, each once, in the order of the records."""
        return tuple(dict.fromkeys(a.quote.source for a in self.attributions if a.quote))


@dataclass(frozen=True, slots=True)
class OnlyIn:
    """A statement or relation that a speaker is on record for in only some compared sources."""

    target: str
    """Id of the statement or relation."""
    agent: str
    """The speaker."""
    sources: tuple[str, ...]
    """The sources that carry it (quote the speaker on it)."""
    missing_from: tuple[str, ...]
    """The sources that record the speaker's utterances but not this one."""


@dataclass(frozen=True, slots=True)
class SourceComparison:
    """What :func:`compare_sources` finds: utterances side by side, and one-source records."""

    utterances: tuple[UtteranceComparison, ...]
    """Every utterance key of the map, in the order of its first record."""
    only_in: tuple[OnlyIn, ...]
    """Statements and relations a speaker is on record for in only some of their sources."""

    def differences(self) -> list[QuoteDiff]:
        """The word-level comparisons that found a difference changing what is said."""
        return [d for u in self.utterances for d in u.diffs if d.kinds]


def _tokens(text: str) -> tuple[list[str], list[str]]:
    words = text.split()
    return words, [word_key(w) for w in words]


def _changes(
    ref_words: list[str], ref_keys: list[str], words: list[str], keys: list[str]
) -> tuple[tuple[WordChange, ...], str]:
    # autojunk off: in a short quote a frequent word ("the") is not noise.
    matcher = difflib.SequenceMatcher(None, ref_keys, keys, autojunk=False)
    changes: list[WordChange] = []
    shown: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            shown.extend(words[j1:j2])
            continue
        removed, added = tuple(ref_words[i1:i2]), tuple(words[j1:j2])
        if removed:
            shown.append("[-" + " ".join(removed) + "-]")
        if added:
            shown.append("{+" + " ".join(added) + "+}")
        kind: Literal["insert", "delete", "replace"] = op
        changes.append(WordChange(kind, removed, added))
    return tuple(changes), " ".join(shown)


def _listed(words: Iterable[str]) -> str:
    return ", ".join(words) or "none"


def _diff(utterance: str, reference: Attribution, other: Attribution) -> QuoteDiff:
    """Compare two records of one utterance (both quoted, or the words are taken as empty)."""
    ref_words, ref_keys = _tokens(reference.quote.text if reference.quote else "")
    words, keys = _tokens(other.quote.text if other.quote else "")
    changes, shown = _changes(ref_words, ref_keys, words, keys)
    found: list[tuple[DifferenceKind, str]] = []
    neg_ref, neg = _negations(ref_keys), _negations(keys)
    if len(neg_ref) != len(neg):
        verb = "adds" if len(neg) > len(neg_ref) else "drops"
        found.append(("negation", f"{verb} a negation ({_listed(neg_ref)} → {_listed(neg)})"))
    mod_ref, mod = _modals(ref_keys), _modals(keys)
    if Counter(mod_ref) != Counter(mod):
        found.append(("modality", f"changes the modality ({_listed(mod_ref)} → {_listed(mod)})"))
    say_ref, say = _reporting(ref_keys), _reporting(keys)
    if len(say_ref) != len(say):
        verb = "adds" if len(say) > len(say_ref) else "drops"
        found.append(
            (
                "reported-speech",
                f"{verb} a layer of reported speech ({_listed(say_ref)} → {_listed(say)})",
            )
        )
    if reference.stance != other.stance:
        found.append(("stance", f"takes another stance ({reference.stance} → {other.stance})"))
    if reference.agent != other.agent:
        found.append(("speaker", f"names another speaker ({reference.agent} → {other.agent})"))
    if reference.target != other.target:
        found.append(("target", f"records another target ({reference.target} → {other.target})"))
    return QuoteDiff(
        utterance=utterance,
        reference=reference,
        other=other,
        changes=changes,
        words=shown,
        kinds=tuple(kind for kind, _ in found),
        details=tuple(detail for _, detail in found),
    )


def _compare(key: str, records: list[Attribution]) -> UtteranceComparison:
    quoted = [a for a in records if a.quote is not None]
    if not quoted:
        return UtteranceComparison(key, tuple(records), None, ())
    reference = next((a for a in quoted if a.reported_by is None), quoted[0])
    diffs = tuple(_diff(key, reference, a) for a in quoted if a is not reference)
    return UtteranceComparison(key, tuple(records), reference, diffs)


def _only_in(m: ArgumentMap, groups: dict[str, list[Attribution]]) -> list[OnlyIn]:
    # The sources compared for a speaker: those that record one of the speaker's utterances
    # together. Without a shared utterance the map says nothing about which sources cover the
    # same speech, and a statement found in one of them is no news.
    compared: dict[str, set[str]] = {}
    for records in groups.values():
        sources = {a.quote.source for a in records if a.quote is not None}
        if len(sources) < 2:
            continue
        for a in records:
            if a.agent is not None:
                compared.setdefault(a.agent, set()).update(sources)
    if not compared:
        return []
    carried: dict[str, dict[str, dict[str, None]]] = {agent: {} for agent in compared}
    for a in m.attributions:
        if a.agent in compared and a.quote is not None and a.quote.source in compared[a.agent]:
            carried[a.agent].setdefault(a.target, {})[a.quote.source] = None
    found: list[OnlyIn] = []
    for agent in sorted(compared):
        everywhere = compared[agent]
        for target, carriers in carried[agent].items():
            missing = sorted(everywhere - set(carriers))
            if missing:
                found.append(OnlyIn(target, agent, tuple(sorted(carriers)), tuple(missing)))
    return found


def compare_sources(m: ArgumentMap) -> SourceComparison:
    """Line up the records of each utterance and find what the sources say differently.

    Args:
        m: The map; attributions that share an ``utterance`` key record one speech act.

    Returns:
        Every utterance with its word-level diffs against the reference record (the speaker's
        own words, else the first quoted record), and the statements and relations a speaker is
        on record for in only some of the sources that record that speaker's utterances.

    Examples:
        >>> from argmap import ArgumentMap, Attribution
        >>> m = ArgumentMap()
        >>> petro = m.agent("Gustavo Petro", id="petro")
        >>> post = m.source("Post", id="post", text="Migrants are not criminals. Love ends it.")
        >>> art = m.source("Article", id="article", text='Migrants "are criminals," he said.')
        >>> c = m.claim("Migrants are not criminals", id="not-criminals")
        >>> love = m.claim("Love ends violence", id="love", by=petro,
        ...                quote=m.quote(post, "Love ends it."))
        >>> for q in (m.quote(post, "Migrants are not criminals"),
        ...           m.quote(art, "are criminals")):
        ...     _ = m.add_attribution(Attribution(target="not-criminals", agent="petro",
        ...                                       quote=q, utterance="u1"))
        >>> found = compare_sources(m)
        >>> [(d.kinds, d.words) for d in found.differences()]
        [(('negation',), '[-Migrants-] are [-not-] criminals')]
        >>> [(o.target, o.sources, o.missing_from) for o in found.only_in]
        [('love', ('post',), ('article',))]
    """
    groups: dict[str, list[Attribution]] = {}
    for a in m.attributions:
        if a.utterance is not None:
            groups.setdefault(a.utterance, []).append(a)
    return SourceComparison(
        utterances=tuple(_compare(key, records) for key, records in groups.items()),
        only_in=tuple(_only_in(m, groups)),
    )
