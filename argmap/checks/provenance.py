"""Provenance checks (AM2xx): are the quotes in their sources, and whose words are they?

Quotes that are not in their source, spans that point elsewhere, quotes that could be any of
several passages or that cut a word in two, statements nobody is on record for, words of one
speaker given to another, and sources that record one utterance differently.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

from argmap.checks import codes  # noqa: F401  # the examples below call it
from argmap.checks._common import normalise, quoted_attributions
from argmap.checks._incremental import Net, first_id, follows
from argmap.checks.registry import Hit, register
from argmap.checks.sources import SourceComparison, compare_sources
from argmap.graph import to_networkx
from argmap.model import ArgumentMap, Attribution, CausalLink, Quote

__all__ = [
    "ambiguous_quote",
    "one_source_only",
    "partial_word_quote",
    "quote_not_in_source",
    "reported_as_direct",
    "sources_differ",
    "span_mismatch",
    "unattributed",
    "unverifiable_quote",
]


def _quotes(m: ArgumentMap) -> Iterator[tuple[Attribution, Quote, str]]:
    """Quoted attributions whose source holds its text, with that text."""
    sources = m.sources
    for attribution in quoted_attributions(m):
        quote = attribution.quote
        assert quote is not None
        body = sources[quote.source].text
        if body is not None:
            yield attribution, quote, body


def _starts(body: str, text: str, limit: int) -> list[int]:
    """Offsets of up to ``limit`` occurrences of ``text`` in ``body``, overlapping ones too."""
    found: list[int] = []
    at = body.find(text)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = body.find(text, at + 1)
    return found


def _pinned(quote: Quote) -> bool:
    # An empty span (start == end) is how a quote without known offsets is written.
    return quote.end > quote.start


@register("AM201", "quote-not-in-source", severity="error")
def quote_not_in_source(m: ArgumentMap) -> Iterator[Hit]:
    """A quote's words do not occur in its source.

    Why:
        A quotation that is not in the text it cites is a misquote, or cites the wrong
        document. The message says when the words occur with other case, spacing or
        punctuation, which is a transcription slip rather than a misquote.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.source("Post", id="post", text="Exclusion only leads to more violence.")
        >>> q = Quote(source="post", text="exclusion leads to violence", start=0, end=27)
        >>> _ = m.claim("Exclusion causes violence", quote=q)
        >>> codes(m, select="AM201")
        ['AM201']

    Good:
        >>> m = ArgumentMap()
        >>> _ = m.source("Post", id="post", text="Exclusion only leads to more violence.")
        >>> q = m.quote("post", "Exclusion only leads to more violence")
        >>> _ = m.claim("Exclusion causes violence", quote=q)
        >>> codes(m, select="AM201")
        []
    """
    folded: dict[str, str] = {}
    for attribution, quote, body in _quotes(m):
        if quote.text in body:
            continue
        if quote.source not in folded:
            folded[quote.source] = normalise(body)
        hint = ""
        if normalise(quote.text) in folded[quote.source]:
            hint = "; it does occur with other case, spacing or punctuation"
        yield Hit(
            f"the quote {quote.text!r} for {attribution.target!r} is not in source "
            f"{quote.source!r}{hint}",
            ids=(attribution.target, quote.source),
        )


@register("AM202", "span-mismatch", severity="error")
def span_mismatch(m: ArgumentMap) -> Iterator[Hit]:
    """A quote's span points at other words than the quote's text.

    Why:
        The span is what a reader follows to check a quote in context; a span that points
        elsewhere hides the real context. Only quotes whose words do occur in the source are
        checked (AM201 reports the others), and an empty span means "no span" (see AM203).

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.source("Post", id="post", text="The blockade strengthened the gang.")
        >>> q = Quote(source="post", text="strengthened the gang", start=0, end=21)
        >>> _ = m.claim("The blockade helped the gang", quote=q)
        >>> codes(m, select="AM202")
        ['AM202']

    Good:
        >>> m = ArgumentMap()
        >>> _ = m.source("Post", id="post", text="The blockade strengthened the gang.")
        >>> q = m.quote("post", "strengthened the gang")
        >>> _ = m.claim("The blockade helped the gang", quote=q)
        >>> codes(m, select="AM202")
        []
    """
    for attribution, quote, body in _quotes(m):
        if not _pinned(quote):
            continue
        actual = body[quote.start : quote.end]
        if actual == quote.text:
            continue
        starts = _starts(body, quote.text, 4)
        if not starts:
            continue
        spans = ", ".join(f"{s}:{s + len(quote.text)}" for s in starts[:3])
        more = ", ..." if len(starts) > 3 else ""
        yield Hit(
            f"span {quote.start}:{quote.end} of {quote.source!r} reads {actual!r}, not the "
            f"quoted {quote.text!r} (found at {spans}{more}) for {attribution.target!r}",
            ids=(attribution.target, quote.source),
        )


@register("AM203", "ambiguous-quote", severity="warning")
def ambiguous_quote(m: ArgumentMap) -> Iterator[Hit]:
    """A quote's words occur more than once in its source and no span says which.

    Why:
        The same words in two places can carry two meanings (a claim and its quoted rebuttal).
        A quote without a span, written with an empty span (``start == end``) as readers of
        other formats do, is located by its words alone, which is ambiguous here. Quote with
        ``m.quote(source, text, occurrence=n)`` to pin it.

    Bad:
        >>> m = ArgumentMap()
        >>> text = "Noem: they were his friends. Petro: they were never my friends."
        >>> _ = m.source("Article", id="article", text=text)
        >>> q = Quote(source="article", text="friends", start=0, end=0)
        >>> _ = m.claim("Gang members are Petro's friends", quote=q)
        >>> codes(m, select="AM203")
        ['AM203']

    Good:
        >>> m = ArgumentMap()
        >>> text = "Noem: they were his friends. Petro: they were never my friends."
        >>> _ = m.source("Article", id="article", text=text)
        >>> q = m.quote("article", "friends", occurrence=1)
        >>> _ = m.claim("Gang members are Petro's friends", quote=q)
        >>> codes(m, select="AM203")
        []
    """
    for attribution, quote, body in _quotes(m):
        if _pinned(quote):
            continue
        starts = _starts(body, quote.text, 6)
        if len(starts) > 1:
            count = f"{len(starts)}" if len(starts) < 6 else "6 or more"
            yield Hit(
                f"the quote {quote.text!r} for {attribution.target!r} occurs {count} times in "
                f"{quote.source!r} and has no span",
                ids=(attribution.target, quote.source),
            )


@register("AM204", "unattributed", severity="warning")
def unattributed(m: ArgumentMap) -> Iterator[Hit]:
    """A statement or relation that no agent asserts and that is not marked reconstructed.

    Why:
        A map of a debate should say who holds each claim and each inference. Something that
        no one asserts is either the analyst's own reconstruction (mark it
        ``reconstructed=True``) or a speaker's words whose speaker was not recorded. A factor
        is a variable rather than a proposition: it counts as asserted when an agent asserts a
        causal link that has it as cause or effect.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.claim("Migrants are not criminals")
        >>> codes(m, select="AM204")
        ['AM204']

    Good:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Gustavo Petro", id="petro")
        >>> rights = m.claim("Migrants' rights must be respected", reconstructed=True)
        >>> _ = m.claim("Migrants are not criminals", by=petro)
        >>> codes(m, select="AM204")
        []
    """
    asserted = m.cached(("checks", "asserted"), lambda: _asserted(m))
    for kind, items in (("statement", m.statements), ("relation", m.relations)):
        for rid, item in items.items():
            if rid not in asserted and not item.reconstructed:
                yield _unasserted(kind, rid)


def _unasserted(kind: str, rid: str) -> Hit:
    return Hit(f"no agent asserts {kind} {rid!r} and it is not marked reconstructed", ids=(rid,))


def _asserts(m: ArgumentMap, rid: str) -> bool:
    return any(a.agent is not None and a.stance == "asserts" for a in m.attributions_of(rid))


def _unattributed_affected(m: ArgumentMap, net: Net) -> set[Hashable]:
    # A record's own change, a change of its attributions, and for a factor a change of an
    # asserted causal link at either end.
    relations = m.relations
    touched: set[Hashable] = set()
    for record in net.records():
        kind = getattr(record, "kind", None)
        if kind == "attribution":
            touched.add(record.target)
            link = relations.get(record.target)
            if isinstance(link, CausalLink):
                touched.update((link.cause, link.effect))
        elif kind in ("agent", "source"):
            continue
        else:
            touched.add(record.id)
            if kind == "causal":
                touched.update((record.cause, record.effect))
    return touched


def _reads_for_unattributed(m: ArgumentMap, record: Any) -> bool:
    return getattr(record, "kind", None) not in ("agent", "source")


@follows(
    "AM204",
    reads=_reads_for_unattributed,
    subject=first_id,
    affected=_unattributed_affected,
)
def _unattributed_among(m: ArgumentMap, subjects: set[Hashable]) -> Iterator[Hit]:
    statements, relations = m.statements, m.relations
    causal = None
    for rid in subjects:
        assert isinstance(rid, str)
        item: Any = statements.get(rid)
        kind = "statement"
        if item is None:
            item, kind = relations.get(rid), "relation"
        if item is None or item.reconstructed or _asserts(m, rid):
            continue
        if item.kind == "factor":
            causal = causal or to_networkx(m, graph="causal-links")
            links = [k for keyed in causal.succ[rid].values() for k in keyed]
            links += [k for keyed in causal.pred[rid].values() for k in keyed]
            if any(_asserts(m, link) for link in links):
                continue
        yield _unasserted(kind, rid)


def _asserted(m: ArgumentMap) -> set[str]:
    """Ids some agent asserts, and the factors of asserted causal links."""
    ids = {a.target for a in m.attributions if a.agent is not None and a.stance == "asserts"}
    relations, statements = m.relations, m.statements
    for rid in list(ids):
        rel = relations.get(rid)
        if isinstance(rel, CausalLink):
            ids.update(end for end in (rel.cause, rel.effect) if statements[end].kind == "factor")
    return ids


def _reads_quotes(m: ArgumentMap, record: Any) -> bool:
    kind = getattr(record, "kind", None)
    return kind == "source" or (kind == "attribution" and record.quote is not None)


for _code in ("AM201", "AM202", "AM203", "AM205", "AM206", "AM207"):
    follows(_code, reads=_reads_quotes)(lambda m, subjects: ())


def _mouth(a: Attribution) -> str | None:
    """Whose words a quote is: the reporter's when the stance is reported, else the agent's."""
    return a.reported_by if a.reported_by is not None else a.agent


def _located(a: Attribution, m: ArgumentMap) -> tuple[int, int] | None:
    quote = a.quote
    assert quote is not None
    if _pinned(quote):
        return quote.start, quote.end
    body = m.sources[quote.source].text
    starts = _starts(body, quote.text, 2) if body is not None else []
    return (starts[0], starts[0] + len(quote.text)) if len(starts) == 1 else None


@register("AM205", "reported-as-direct", severity="warning")
def reported_as_direct(m: ArgumentMap) -> Iterator[Hit]:
    """Words from one agent's mouth are attributed to another without ``reported_by``.

    Why:
        "Noem said Petro called them friends" is Noem's claim about Petro, not Petro's claim.
        When two attributions quote overlapping words of one source, the words are one
        speaker's: the reporter's if the stance is reported, else the agent's. An attribution
        that gives those words directly to another agent drops the report; add
        ``reported_by``.

    Bad:
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> _ = m.source("Article", id="article", text='Noem said some "were his friends".')
        >>> q = m.quote("article", "were his friends")
        >>> _ = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem, quote=q)
        >>> _ = m.claim("Petro is friends with the gang", by=petro, quote=q)
        >>> codes(m, select="AM205")
        ['AM205']

    Good:
        >>> m = ArgumentMap()
        >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
        >>> _ = m.source("Article", id="article", text='Noem said some "were his friends".')
        >>> q = m.quote("article", "were his friends")
        >>> _ = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem, quote=q)
        >>> _ = m.claim("Petro is friends with the gang", by=petro, reported_by=noem, quote=q)
        >>> codes(m, select="AM205")
        []
    """
    by_source: dict[str, list[tuple[int, int, int, Attribution]]] = {}
    for n, a in enumerate(quoted_attributions(m)):
        if _mouth(a) is None:
            continue
        span = _located(a, m)
        if span is not None and a.quote is not None:
            by_source.setdefault(a.quote.source, []).append((span[0], span[1], n, a))
    seen: set[tuple[int, str]] = set()
    for source, spans in sorted(by_source.items()):
        spans.sort(key=lambda s: (s[0], s[1], s[2]))
        active: list[tuple[int, int, int, Attribution]] = []
        for item in spans:
            start = item[0]
            active = [x for x in active if x[1] > start]
            for other in active:
                yield from _direct_conflict(other, item, source, seen)
                yield from _direct_conflict(item, other, source, seen)
            active.append(item)


def _direct_conflict(
    first: tuple[int, int, int, Attribution],
    second: tuple[int, int, int, Attribution],
    source: str,
    seen: set[tuple[int, str]],
) -> Iterator[Hit]:
    """A hit when ``first`` gives words directly to its agent that ``second`` gives to another."""
    a, b = first[3], second[3]
    mouth = _mouth(b)
    if a.reported_by is not None or a.agent is None or mouth is None or mouth == a.agent:
        return
    if b.reported_by is None and first[2] > second[2]:
        return  # two direct attributions: report the pair once
    if (first[2], mouth) in seen:
        return
    seen.add((first[2], mouth))
    lo, hi = max(first[0], second[0]), min(first[1], second[1])
    whose = f"{mouth!r}" if b.reported_by is None else f"{mouth!r} (reporting {b.agent!r})"
    yield Hit(
        f"{a.target!r} is given directly to {a.agent!r}, but {b.target!r} gives the same "
        f"words of {source!r} ({lo}:{hi}) to {whose}; set reported_by",
        ids=(a.target, b.target, a.agent, mouth),
    )


@register("AM206", "partial-word-quote", severity="warning")
def partial_word_quote(m: ArgumentMap) -> Iterator[Hit]:
    """A quote's span starts or ends inside a word.

    Why:
        Cutting a word can reverse a quote: "ever met a single cartel member" cut from "never
        met a single cartel member" says the opposite. Widen the span to whole words. Only
        spans that match their text are checked (AM202 reports the others).

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.source("Post", id="post", text="I've never met a single cartel member.")
        >>> q = m.quote("post", "ever met a single cartel member")
        >>> _ = m.claim("Petro met cartel members", quote=q)
        >>> codes(m, select="AM206")
        ['AM206']

    Good:
        >>> m = ArgumentMap()
        >>> _ = m.source("Post", id="post", text="I've never met a single cartel member.")
        >>> q = m.quote("post", "never met a single cartel member")
        >>> _ = m.claim("Petro never met cartel members", quote=q)
        >>> codes(m, select="AM206")
        []
    """
    for attribution, quote, body in _quotes(m):
        start, end = quote.start, quote.end
        if not _pinned(quote) or body[start:end] != quote.text:
            continue
        cut: list[str] = []
        if start > 0 and body[start - 1].isalnum() and body[start].isalnum():
            cut.append(f"starts inside {_word_at(body, start)!r}")
        if end < len(body) and body[end - 1].isalnum() and body[end].isalnum():
            cut.append(f"ends inside {_word_at(body, end - 1)!r}")
        if cut:
            yield Hit(
                f"the quote {quote.text!r} for {attribution.target!r} " + " and ".join(cut),
                ids=(attribution.target, quote.source),
            )


def _word_at(body: str, at: int) -> str:
    lo, hi = at, at + 1
    while lo > 0 and body[lo - 1].isalnum():
        lo -= 1
    while hi < len(body) and body[hi].isalnum():
        hi += 1
    return body[lo:hi]


@register("AM207", "unverifiable-quote", severity="info")
def unverifiable_quote(m: ArgumentMap) -> Iterator[Hit]:
    """Quotes cite a source that holds no text, so they cannot be checked.

    Why:
        AM201, AM202, AM203 and AM206 compare quotes with their source's text; a source
        without ``text`` lets misquotes through unseen. Store the text, or accept the risk.
        One finding a source, naming what quotes it.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.source("Speech", id="speech", url="https://example.org/speech")
        >>> q = Quote(source="speech", text="migrants are not criminals", start=0, end=0)
        >>> _ = m.claim("Migrants are not criminals", quote=q)
        >>> codes(m, select="AM207")
        ['AM207']

    Good:
        >>> m = ArgumentMap()
        >>> _ = m.source("Speech", id="speech", text="Migrants are not criminals.")
        >>> q = m.quote("speech", "Migrants are not criminals")
        >>> _ = m.claim("Migrants are not criminals", quote=q)
        >>> codes(m, select="AM207")
        []
    """
    sources = m.sources
    quoting: dict[str, list[str]] = {}
    for attribution in quoted_attributions(m):
        assert attribution.quote is not None
        sid = attribution.quote.source
        if sources[sid].text is None:
            targets = quoting.setdefault(sid, [])
            if attribution.target not in targets:
                targets.append(attribution.target)
    for sid, targets in quoting.items():
        shown = ", ".join(repr(t) for t in targets[:5]) + (", ..." if len(targets) > 5 else "")
        yield Hit(
            f"source {sid!r} holds no text, so the quotes for {shown} cannot be checked",
            ids=(sid, *targets),
        )


# The comparison reads attributions alone (their utterance keys and quotes).
for _code in ("AM208", "AM209"):
    follows(_code, reads=lambda m, record: record.kind == "attribution")(lambda m, subjects: ())


def _compared(m: ArgumentMap) -> SourceComparison:
    # AM208 and AM209 read one comparison; a check run computes it once.
    return m.cached(("checks", "compare_sources"), lambda: compare_sources(m))


@register("AM208", "sources-differ", severity="warning")
def sources_differ(m: ArgumentMap) -> Iterator[Hit]:
    """Two records of one utterance differ in what they say: negation, modality, reported speech.

    Why:
        A paraphrase can change what a speaker said. Petro's post says "I don't know why you
        say I said I had friends" (he denies saying it); the article has him say "why you say I
        had friends" (he denies the friendship): one layer of reported speech fewer. Attributions
        that share an ``utterance`` key record one speech act in several sources; their quotes
        are compared word by word with the speaker's own words (see
        :func:`argmap.compare_sources`), and a change in negating words, in modal or hedging
        words, in the layers of reported speech, or in the stance, speaker or target is
        reported. The word lists are a heuristic: read the two quotes side by side.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.agent("Petro", id="petro")
        >>> _ = m.source("Post", id="post", text="Migrants are not criminals.")
        >>> _ = m.source("Article", id="article", text='Migrants "are criminals."')
        >>> _ = m.claim("Migrants are not criminals", id="c")
        >>> for q in (m.quote("post", "Migrants are not criminals"),
        ...           m.quote("article", "are criminals")):
        ...     _ = m.attribute("c", by="petro", quote=q, utterance="u1")
        >>> codes(m, select="AM208")
        ['AM208']

    Good:
        >>> m = ArgumentMap()
        >>> _ = m.agent("Petro", id="petro")
        >>> _ = m.source("Post", id="post", text="Migrants are not criminals.")
        >>> _ = m.source("Article", id="article", text='Migrants "are not criminals."')
        >>> _ = m.claim("Migrants are not criminals", id="c")
        >>> for q in (m.quote("post", "Migrants are not criminals"),
        ...           m.quote("article", "are not criminals")):
        ...     _ = m.attribute("c", by="petro", quote=q, utterance="u1")
        >>> codes(m, select="AM208")
        []
    """
    for diff in _compared(m).differences():
        ref, other = diff.sources
        yield Hit(
            f"utterance {diff.utterance!r} of {diff.reference.target!r}: {diff.describe()} "
            f"compared with {ref!r}: {diff.words!r}",
            ids=(diff.other.target, diff.utterance, *(s for s in (other, ref) if s)),
        )


@register("AM209", "one-source-only", severity="info")
def one_source_only(m: ArgumentMap) -> Iterator[Hit]:
    """A speaker's statements that only some of the sources recording that speaker carry.

    Why:
        When two sources record the same speaker (an article and the post it reports on, tied
        by a shared ``utterance``), what one carries and the other does not is worth knowing:
        the article may add words that are not in the post ("these statements lack truth"),
        or drop a clause ("as my adversary, Duque, has demonstrated"). One finding a speaker
        and a source, naming what only that source carries. Sources never tied by an
        utterance are not compared.

    Bad:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Petro", id="petro")
        >>> _ = m.source("Post", id="post", text="Migrants are not criminals. Love ends it.")
        >>> _ = m.source("Article", id="article", text='Migrants "are not criminals."')
        >>> _ = m.claim("Migrants are not criminals", id="c")
        >>> _ = m.claim("Love ends violence", by=petro, quote=m.quote("post", "Love ends it."))
        >>> for q in (m.quote("post", "Migrants are not criminals"),
        ...           m.quote("article", "are not criminals")):
        ...     _ = m.attribute("c", by="petro", quote=q, utterance="u1")
        >>> codes(m, select="AM209")
        ['AM209']

    Good:
        >>> m = ArgumentMap()
        >>> petro = m.agent("Petro", id="petro")
        >>> _ = m.source("Post", id="post", text="Migrants are not criminals.")
        >>> _ = m.source("Article", id="article", text='Migrants "are not criminals."')
        >>> _ = m.claim("Migrants are not criminals", id="c")
        >>> for q in (m.quote("post", "Migrants are not criminals"),
        ...           m.quote("article", "are not criminals")):
        ...     _ = m.attribute("c", by="petro", quote=q, utterance="u1")
        >>> codes(m, select="AM209")
        []
    """
    grouped: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for only in _compared(m).only_in:
        for source in only.sources:
            grouped.setdefault((only.agent, source, only.missing_from), []).append(only.target)
    for (agent, source, missing), targets in grouped.items():
        shown = ", ".join(repr(t) for t in targets[:6]) + (", ..." if len(targets) > 6 else "")
        n = len(targets)
        yield Hit(
            f"{n} record{'s' if n != 1 else ''} of {agent!r} only in {source!r}, not in "
            f"{', '.join(repr(s) for s in missing)}: {shown}",
            ids=(source, agent, *targets),
        )
