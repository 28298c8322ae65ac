"""The builder methods of a map: each adds one record, checked at once, in O(1).

Builders take objects or ids wherever they take a reference and return the new record. They
live on :class:`_Builders`, which :class:`~argmap.model.ArgumentMap` inherits; the state they
change and its bookkeeping are in :mod:`argmap.model.registries`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import (
    JsonValue,
)

from argmap.errors import (
    AmbiguousQuoteError,
    DuplicateIdError,
    QuoteNotFoundError,
    StructureError,
)
from argmap.model.records import (
    _ATTACK_SORTS,
    _MODALITIES,
    _POLARITIES,
    _STANCES,
    Agent,
    Attack,
    AttackSort,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    Modality,
    Polarity,
    Quote,
    Ref,
    Source,
    Stance,
    Support,
    _Item,
    _ref_id,
)
from argmap.model.registries import (
    _R,
    _Registries,
)

__all__: list[str] = []


# The keyword options shared by the statement and relation builders, in their declared order:
# by, stance, reported_by, quote, tags, reconstructed, data.
_BuilderOptions = tuple[
    Ref | None,
    Stance,
    Ref | None,
    Quote | None,
    Iterable[str],
    bool,
    Mapping[str, JsonValue] | None,
]


class _Builders(_Registries):
    """The builder methods of :class:`~argmap.model.ArgumentMap`, one record per call."""

    __slots__ = ()

    def add(self, item: _Item) -> _Item:
        """Add a ready-made record (agent, source, statement or relation), checking its references.

        Readers use this; the builder methods are friendlier by hand.

        Raises:
            DuplicateIdError: The id is taken.
            UnknownIdError: A reference names no record of the right kind.
            StructureError: A relation of the wrong shape.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> m.add(Claim(id="p", text="It rains")).id
            'p'
        """
        return self._add(item, generated_id=False)

    def _add(self, item: _Item, *, generated_id: bool) -> _Item:
        registry = self._registry_for.get(type(item))
        if registry is None:
            raise TypeError(f"cannot add a {type(item).__name__} to an ArgumentMap")
        if registry is self._relations:
            self._check_relation(item)  # type: ignore[arg-type]
        # _new_id has just checked a generated id; a second look into every registry would
        # cost a cache miss per registry on large maps.
        if not generated_id and self._taken(item.id):
            existing = self._find(item.id)
            assert existing is not None
            raise DuplicateIdError(item.id, existing.kind)
        # Opposites are linked last among the checks: linking changes the map, and a failed
        # call must leave no trace.
        if type(item) is Factor and item.opposite is not None:
            self._link_opposites(item)
        registry[item.id] = item
        self._changed(added=(item,))
        return item

    def add_attribution(self, attribution: Attribution) -> Attribution:
        """Add a ready-made attribution, checking its target, agents and quote.

        Raises:
            UnknownIdError: The target, agent, reporter or quoted source is not in the map.
            SpanError: The quote's span lies outside its source's text.
        """
        self._require_statement_or_relation(attribution.target)
        if attribution.agent is not None:
            self._require(attribution.agent, self._agents, "agent")
        if attribution.reported_by is not None:
            self._require(attribution.reported_by, self._agents, "agent")
        if attribution.quote is not None:
            self._check_quote(attribution.quote)
        self._attributions.append(attribution)
        self._by_target.setdefault(attribution.target, []).append(attribution)
        self._changed(added=(attribution,))
        return attribution

    def agent(
        self,
        name: str,
        *,
        id: str | None = None,
        role: str | None = None,
        aliases: Iterable[str] = (),
        data: Mapping[str, JsonValue] | None = None,
    ) -> Agent:
        """Add a speaker or actor; its id is a slug of the name when not given.

        Examples:
            >>> from argmap import ArgumentMap
            >>> ArgumentMap().agent("Nicolás Maduro", role="President of Venezuela").id
            'nicolas-maduro'
        """
        item = self._build(
            Agent,
            {
                "id": id if id is not None else self._new_id("agent", name),
                "name": name,
                "role": role,
                "aliases": tuple(aliases),
                "data": dict(data) if data else None,
            },
        )
        self._add(item, generated_id=id is None)
        return item

    def source(
        self,
        title: str,
        *,
        id: str | None = None,
        text: str | None = None,
        path: str | None = None,
        url: str | None = None,
        published: str | None = None,
        type: str | None = None,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Source:
        """Add a document that statements are quoted from; its id is a slug of the title.

        Examples:
            >>> from argmap import ArgumentMap
            >>> ArgumentMap().source("News article", text="...").id
            'news-article'
        """
        item = self._build(
            Source,
            {
                "id": id if id is not None else self._new_id("source", title),
                "title": title,
                "text": text,
                "path": path,
                "url": url,
                "published": published,
                "type": type,
                "data": dict(data) if data else None,
            },
        )
        self._add(item, generated_id=id is None)
        return item

    def claim(
        self,
        text: str,
        *,
        id: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Claim:
        """Add a claim, and attribute it when ``by``, ``reported_by`` or ``quote`` is given.

        Args:
            text: The proposition in words.
            id: Its id; ``c1``, ``c2``... when not given.
            by: The agent who takes ``stance`` on it.
            stance: ``asserts``, ``denies`` or ``questions``.
            reported_by: The agent who reports that ``by`` took the stance.
            quote: The words in a source (see :meth:`quote`).
            tags: Free labels.
            reconstructed: True when nobody said it and an analyst reconstructed it.
            data: Free-form data for other formats.

        Returns:
            The new claim.

        Raises:
            DuplicateIdError: The id is taken.
            UnknownIdError: ``by``, ``reported_by`` or the quote's source is not in the map.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> m.claim("Migrants are not criminals", tags=["migration"]).tags
            ('migration',)
        """
        return self._add_with_options(
            Claim,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("claim"),
                "text": text,
            },
        )

    def factor(
        self,
        label: str,
        *,
        id: str | None = None,
        opposite: Ref | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Factor:
        """Add a factor, a variable of a causal story; ``opposite`` names its opposite factor.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> m.factor("emigration of young Venezuelans").id
            'f1'
        """
        return self._add_with_options(
            Factor,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("factor"),
                "label": label,
                "opposite": None if opposite is None else _ref_id(opposite),
            },
        )

    def support(
        self,
        premises: Ref | Iterable[Ref],
        conclusion: Ref,
        *,
        id: str | None = None,
        scheme: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Support:
        """Add a support from one premise, or several linked premises, to a conclusion.

        Raises:
            StructureError: No premise, a premise twice, or the conclusion among the premises.
            UnknownIdError: A premise or the conclusion is not in the map.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> a, b, c = m.claim("A"), m.claim("B"), m.claim("C")
            >>> m.support([a, b], c, scheme="cause to effect").premises
            ('c1', 'c2')
        """
        if isinstance(premises, str | _Item):
            refs: tuple[str, ...] = (_ref_id(premises),)
        else:
            refs = tuple(_ref_id(p) for p in premises)
        if not refs:
            raise StructureError("a support needs at least one premise")
        return self._add_with_options(
            Support,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("support"),
                "premises": refs,
                "conclusion": conclusion if isinstance(conclusion, str) else _ref_id(conclusion),
                "scheme": scheme,
            },
        )

    def attack(
        self,
        attacker: Ref,
        target: Ref,
        *,
        sort: AttackSort = "rebut",
        id: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> Attack:
        """Add an attack of ``sort`` rebut, undermine, undercut (on a relation) or contradict.

        Raises:
            StructureError: An unknown sort, or an undercut whose target is not a relation.
            UnknownIdError: The attacker or target is not in the map.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> strong = m.claim("The blockade strengthened the gang")
            >>> beaten = m.claim("The gang was defeated")
            >>> m.attack(beaten, strong, sort="contradict").sort
            'contradict'
        """
        if sort not in _ATTACK_SORTS:
            raise StructureError(
                f"unknown attack sort {sort!r}; expected one of {sorted(_ATTACK_SORTS)}"
            )
        return self._add_with_options(
            Attack,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("attack"),
                "attacker": attacker if isinstance(attacker, str) else _ref_id(attacker),
                "target": target if isinstance(target, str) else _ref_id(target),
                "sort": sort,
            },
        )

    def rebut(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add an attack on a conclusion: ``attack(attacker, target, sort="rebut")``."""
        return self.attack(attacker, target, sort="rebut", **options)

    def undermine(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add an attack on a premise: ``attack(attacker, target, sort="undermine")``."""
        return self.attack(attacker, target, sort="undermine", **options)

    def undercut(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add an attack on an inference (a relation): ``attack(..., sort="undercut")``.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> s = m.support(m.claim("Fumigation"), m.claim("The mafia ends"))
            >>> m.undercut(m.claim("Bosses were hugged in clubs"), s).target
            's1'
        """
        return self.attack(attacker, target, sort="undercut", **options)

    def contradict(self, attacker: Ref, target: Ref, **options: Any) -> Attack:
        """Add a symmetric attack, p against not-p: ``attack(..., sort="contradict")``."""
        return self.attack(attacker, target, sort="contradict", **options)

    def causes(
        self,
        cause: Ref,
        effect: Ref,
        *,
        polarity: Polarity = "+",
        modality: Modality = "actual",
        mechanism: str | None = None,
        delay: str | None = None,
        id: str | None = None,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
        tags: Iterable[str] = (),
        reconstructed: bool = False,
        data: Mapping[str, JsonValue] | None = None,
    ) -> CausalLink:
        """Add a causal link from ``cause`` to ``effect`` with a polarity and a modality.

        Raises:
            StructureError: An unknown polarity or modality.
            UnknownIdError: The cause or effect is not in the map.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> land = m.factor("landlessness of farmers")
            >>> violence = m.factor("violence")
            >>> m.causes(land, violence, modality="general").polarity
            '+'
        """
        if polarity not in _POLARITIES:
            raise StructureError(
                f"unknown polarity {polarity!r}; expected one of {sorted(_POLARITIES)}"
            )
        if modality not in _MODALITIES:
            raise StructureError(
                f"unknown modality {modality!r}; expected one of {sorted(_MODALITIES)}"
            )
        return self._add_with_options(
            CausalLink,
            id is None,
            (by, stance, reported_by, quote, tags, reconstructed, data),
            {
                "id": id if id is not None else self._new_id("causal"),
                "cause": cause if isinstance(cause, str) else _ref_id(cause),
                "effect": effect if isinstance(effect, str) else _ref_id(effect),
                "polarity": polarity,
                "modality": modality,
                "mechanism": mechanism,
                "delay": delay,
            },
        )

    def attribute(
        self,
        target: Ref,
        *,
        by: Ref | None = None,
        stance: Stance = "asserts",
        reported_by: Ref | None = None,
        quote: Quote | None = None,
    ) -> Attribution:
        """Record that an agent takes a stance on a statement or relation.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> petro, noem = m.agent("Petro", id="petro"), m.agent("Noem", id="noem")
            >>> friends = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem)
            >>> m.attribute(friends, by=petro, stance="denies").stance
            'denies'
            >>> [(a.agent, a.stance, a.reported_by) for a in m.attributions_of(friends)]
            [('petro', 'asserts', 'noem'), ('petro', 'denies', None)]
        """
        if stance not in _STANCES:
            raise StructureError(f"unknown stance {stance!r}; expected one of {sorted(_STANCES)}")
        item = self._build(
            Attribution,
            {
                "target": _ref_id(target),
                "agent": None if by is None else _ref_id(by),
                "stance": stance,
                "reported_by": None if reported_by is None else _ref_id(reported_by),
                "quote": quote,
            },
        )
        return self.add_attribution(item)

    def _add_with_options(
        self,
        cls: type[_R],
        generated_id: bool,
        options: _BuilderOptions,
        fields: dict[str, Any],
    ) -> _R:
        # The options every statement and relation builder takes, turned into record fields and
        # an attribution in one place. ``fields`` (id first) keep the builder's own order and
        # the shared ones follow, so the record and its shared fields-set are what the builders
        # made one by one. A plain dict, filled in place, spares the hot path a second copy.
        by, stance, reported_by, quote, tags, reconstructed, data = options
        fields["tags"] = tags if isinstance(tags, tuple) else tuple(tags)
        fields["reconstructed"] = reconstructed
        fields["data"] = dict(data) if data else None
        item = self._build(cls, fields)
        return self._add_attributed(item, generated_id, by, stance, reported_by, quote)

    def _add_attributed(
        self,
        item: _R,
        generated_id: bool,
        by: Ref | None,
        stance: Stance,
        reported_by: Ref | None,
        quote: Quote | None,
    ) -> _R:
        # Check the attribution's parts before adding the item, so a bad agent leaves no trace.
        wants_attribution = by is not None or reported_by is not None or quote is not None
        if wants_attribution:
            if stance not in _STANCES:
                raise StructureError(
                    f"unknown stance {stance!r}; expected one of {sorted(_STANCES)}"
                )
            for ref in (by, reported_by):
                if ref is not None:
                    self._require(ref, self._agents, "agent")
            if quote is not None:
                self._check_quote(quote)
        self._add(item, generated_id=generated_id)
        if wants_attribution:
            self.attribute(item, by=by, stance=stance, reported_by=reported_by, quote=quote)
        return item

    def quote(self, source: Ref, text: str, *, occurrence: int | None = None) -> Quote:
        """Find ``text`` in a source's text and return a :class:`Quote` with its span.

        Args:
            source: The source (or its id) to quote from; it must hold its text.
            text: The exact words.
            occurrence: Which occurrence to take, 1 for the first, when the words occur more
                than once.

        Returns:
            The quote, its span in code points, end-exclusive.

        Raises:
            QuoteNotFoundError: The words are not in the source; the message shows the closest
                passage.
            AmbiguousQuoteError: The words occur more than once and ``occurrence`` is not given.

        Examples:
            >>> from argmap import ArgumentMap
            >>> m = ArgumentMap()
            >>> _ = m.source("Post", id="post", text="Love ends violence. Love ends violence.")
            >>> q = m.quote("post", "ends violence", occurrence=2)
            >>> q.start, q.end
            (25, 38)
            >>> m.quote("post", "Love end violence")
            Traceback (most recent call last):
            ...
            argmap.errors.QuoteNotFoundError: 'Love end violence' is not in source 'post'; ...
        """
        sid = self._require(source, self._sources, "source")
        body = self._sources[sid].text
        if body is None:
            raise QuoteNotFoundError(f"source {sid!r} holds no text to quote from")
        if not text:
            raise QuoteNotFoundError("cannot quote empty text")
        starts: list[int] = []
        at = body.find(text)
        while at != -1:
            starts.append(at)
            at = body.find(text, at + 1)
        if not starts:
            closest = _closest(body, text)
            raise QuoteNotFoundError(
                f"{text!r} is not in source {sid!r}; "
                + (
                    "no word of it occurs there"
                    if closest is None
                    else f"closest passage: {closest!r}"
                )
            )
        if occurrence is None:
            if len(starts) > 1:
                raise AmbiguousQuoteError(
                    f"{text!r} occurs {len(starts)} times in source {sid!r} (at "
                    + ", ".join(str(s) for s in starts[:5])
                    + "); pass occurrence=1.."
                    + str(len(starts))
                )
            start = starts[0]
        else:
            if not 1 <= occurrence <= len(starts):
                raise AmbiguousQuoteError(
                    f"occurrence={occurrence} but {text!r} occurs {len(starts)} time(s) in {sid!r}"
                )
            start = starts[occurrence - 1]
        return Quote(source=sid, text=text, start=start, end=start + len(text))


# The pieces a missed quote is matched by: words and runs of punctuation, a long word (or a
# script written without spaces) cut every few characters. Only the first few count: each piece
# may cost a scan of the source.
_PIECE = re.compile(r"\w+|[^\w\s]+")
_PIECE_CHARS = 8
_MOST_PIECES = 16


def _closest(body: str, text: str) -> str | None:
    """The passage of ``body`` most like ``text``, widened to whole words, for error messages.

    "Most like" is where the longest run of the quote's consecutive pieces (words, punctuation)
    occurs, with what lies between them; ``None`` when no piece occurs at all. Each step of the
    search is one ``str.find`` and there are at most twice as many as pieces, so a miss costs a
    few scans of the source (a character-by-character matcher took seconds on 5 MB).

    Examples:
        >>> _closest("Love ends violence, they said.", "Love end violence")
        'Love ends violence'
        >>> _closest("Love ends violence, they said.", "zzz") is None
        True
    """
    width = len(text)
    if width >= len(body):
        return body
    spans: list[tuple[int, int]] = []
    for hit in _PIECE.finditer(text):
        spans.extend(
            (at, min(at + _PIECE_CHARS, hit.end()))
            for at in range(hit.start(), hit.end(), _PIECE_CHARS)
        )
    del spans[_MOST_PIECES:]
    # Two pointers: pieces i..j-1 are known to occur together; try to add piece j, and when it
    # does not fit, drop piece i. Every find either moves j or i on.
    best_length, best_at, best_offset = 0, -1, 0
    j = 0
    for i, (first, _) in enumerate(spans):
        j = max(j, i)
        while j < len(spans):
            at = body.find(text[first : spans[j][1]])
            if at < 0:
                break
            j += 1
            if spans[j - 1][1] - first > best_length:
                best_length, best_at, best_offset = spans[j - 1][1] - first, at, first
    if best_at < 0:
        return None
    # Align the quote on that run, then widen to whole words.
    start = max(0, min(best_at - best_offset, len(body) - width))
    end = start + width
    while start > 0 and body[start - 1].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum():
        end += 1
    return body[start:end].strip()
