"""Hypothesis strategies shared by every test module: one strategy per concept.

``maps()`` draws a valid :class:`~argmap.ArgumentMap` through the public builder API: agents,
sources with text, claims and factors (some factors paired as opposites), supports with linked
premises, attacks of every type (undercuts aim at relations), causal links of every polarity, and
attributions whose quotes are located in their source's text. With ``every_field=True`` it also
draws every optional field the model has (explicit ids, free-form data, roles, aliases, URLs,
descriptions, backings, mechanisms, delays, anonymous attributions): what the interchange formats
must carry through a round trip; ``rich_maps()`` is that, in any Unicode text.

``frameworks()`` draws abstract argumentation frameworks (self-attacks included).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap import ArgumentMap
from argmap.model import (
    Agent,
    Attack,
    AttackSort,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    Source,
    Support,
)
from argmap.semantics import ArgumentationFramework

__all__ = [
    "any_texts",
    "frameworks",
    "json_data",
    "labels",
    "maps",
    "rich_maps",
    "support_chain",
    "texts",
    "user_texts",
]

# Printable text with the characters that break naive escaping: quotes, backslashes, markup,
# DOT and Mermaid syntax, right-to-left and CJK script, emoji.
_TRICKY = st.sampled_from(
    ['"', "\\", "<b>", "</script>", "]", ";", "->", "{", "}", "&", "'", "\n", "שלום", "数据", "😀"]
)
user_texts = st.lists(
    st.one_of(st.text(min_size=1, max_size=12), _TRICKY), min_size=1, max_size=6
).map("".join)
"""Arbitrary user text, biased towards characters that need escaping."""

texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
"""Arbitrary non-empty text without lone surrogates."""

any_texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=20
)
"""Any Unicode text, empty included (no lone surrogates: JSON, XML and files cannot hold them)."""

labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyz áéíñ", min_size=1, max_size=20).filter(
    str.strip
)
"""Short readable labels."""

_ids = st.from_regex(r"\A[A-Za-z0-9_.:-]{1,12}\Z")
_scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | any_texts
json_data = st.dictionaries(
    st.sampled_from(["aif", "note", "weight", "linked_attackers", "aif_type", "sadface", "x"]),
    st.recursive(
        _scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["timestamp", "text", "nodeID", "k"]), inner, max_size=3
            )
        ),
        max_leaves=6,
    ),
    max_size=3,
)
"""Free-form data, with keys the readers and writers give meaning to."""

_STANCES = ["asserts", "denies", "questions"]
_POLARITIES = ["+", "-", "0", "?"]
_MODALITIES = ["actual", "general", "hypothetical", "counterfactual"]
_SCHEMES = ["cause to effect", "expert opinion"]


@st.composite
def maps(
    draw: st.DrawFn,
    *,
    max_statements: int = 12,
    max_relations: int = 16,
    text: st.SearchStrategy[str] = labels,
    every_field: bool = False,
) -> ArgumentMap:
    """Draw a valid argument map built with the public API.

    Args:
        draw: Hypothesis's draw function.
        max_statements: At most this many claims and factors (at least one).
        max_relations: At most this many supports, attacks and causal links.
        text: The strategy for every piece of text.
        every_field: Also draw the optional fields (ids, data, roles, aliases, URLs, dates,
            descriptions, backings, mechanisms, delays, anonymous attributions).
    """
    rich = every_field
    m = ArgumentMap(
        title=draw(st.none() | text), description=draw(st.none() | text) if rich else None
    )
    used: set[str] = set()

    def fresh_id() -> str:
        return draw(_ids.filter(lambda x: x not in m and x not in used))

    def extras() -> dict[str, Any]:
        # Optional fields of statements and relations: given or generated id, data, a flag.
        if not rich:
            return {}
        given = None if draw(st.booleans()) else draw(_ids)
        if given is not None and (given in used or given in m):
            given = None
        if given is not None:
            used.add(given)
        return {"id": given, "reconstructed": draw(st.booleans()), "data": draw(json_data)}

    agents: list[Agent] = []
    for i in range(draw(st.integers(0, 4))):
        if rich:
            agent = m.agent(
                draw(text),
                id=fresh_id(),
                role=draw(st.none() | text),
                aliases=draw(st.lists(text, max_size=2)),
                data=draw(json_data),
            )
        else:
            agent = m.agent(draw(text), id=f"ag{i}")
        agents.append(agent)
    sources: list[Source] = []
    for _ in range(draw(st.integers(0, 2 if rich else 1))):
        body: str | None = " ".join(draw(st.lists(text, min_size=1, max_size=8))) or None
        if rich and draw(st.booleans()):
            body = None
        more: dict[str, Any] = {}
        if rich:
            more = {
                "url": draw(st.none() | text),
                "published": draw(st.none() | text),
                "type": draw(st.none() | text),
                "data": draw(json_data),
            }
        sources.append(m.source(draw(text), id=fresh_id() if rich else "src", text=body, **more))

    def attribution() -> dict[str, Any]:
        # Rich maps also hold attributions without an agent (a stance or a quote alone).
        if not (agents or rich) or not draw(st.booleans()):
            return {}
        by = draw(st.sampled_from(agents)) if agents else None
        if rich and bool(agents) and draw(st.booleans()):
            by = None
        options: dict[str, Any] = {"by": by, "stance": draw(st.sampled_from(_STANCES))}
        if bool(agents) and draw(st.booleans()):
            options["reported_by"] = draw(st.sampled_from(agents))
        quotable = [s for s in sources if s.text]
        if bool(quotable) and draw(st.booleans()):
            source = draw(st.sampled_from(quotable))
            whole = source.text
            assert whole is not None
            start = draw(st.integers(0, len(whole) - 1))
            end = draw(st.integers(start + 1, len(whole)))
            fragment = whole[start:end]
            options["quote"] = m.quote(source, fragment, occurrence=_nth(whole, start, fragment))
        return options

    tag_text = text if rich else labels
    statements: list[str] = []
    factors: list[str] = []
    for _ in range(draw(st.integers(1, max_statements))):
        common = {"tags": draw(st.lists(tag_text, max_size=2)), **extras(), **attribution()}
        item: Claim | Factor
        if draw(st.booleans()):
            opposite = None
            free = [f for f in factors if m.opposite_of(f) is None]
            if free and draw(st.integers(0, 3)) == 0:
                opposite = draw(st.sampled_from(free))
            item = m.factor(draw(text), opposite=opposite, **common)
            factors.append(item.id)
        else:
            if not rich:
                common["reconstructed"] = draw(st.booleans())
            item = m.claim(draw(text), **common)
        statements.append(item.id)

    relations: list[str] = []
    kinds = ["support", "attack", "causal", *(["backing"] if rich else [])]
    for _ in range(draw(st.integers(0, max_relations))):
        kind = draw(st.sampled_from(kinds))
        rel: Support | Attack | CausalLink
        if kind in ("support", "backing"):
            # A backing supports a relation (the warrant of an inference).
            if kind == "backing" and relations:
                conclusion = draw(st.sampled_from(relations))
                pool = statements
            else:
                conclusion = draw(st.sampled_from(statements))
                pool = [s for s in statements if s != conclusion]
            if not pool:
                continue
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            scheme = draw(st.none() | (text if rich else st.sampled_from(_SCHEMES)))
            rel = m.support(premises, conclusion, scheme=scheme, **extras(), **attribution())
        elif kind == "attack":
            attack_type: AttackSort = draw(
                st.sampled_from(["rebut", "undermine", "undercut", "contradict"])
            )
            attacker = draw(st.sampled_from(statements))
            if attack_type == "undercut":
                if not relations:
                    continue
                target = draw(st.sampled_from(relations))
            else:
                target = draw(st.sampled_from(statements))
            rel = m.attack(attacker, target, sort=attack_type, **extras(), **attribution())
        else:
            how: dict[str, Any] = {}
            if rich:
                how = {"mechanism": draw(st.none() | text), "delay": draw(st.none() | text)}
            rel = m.causes(
                draw(st.sampled_from(statements)),
                draw(st.sampled_from(statements)),
                polarity=draw(st.sampled_from(_POLARITIES)),
                modality=draw(st.sampled_from(_MODALITIES)),
                **how,
                **extras(),
                **attribution(),
            )
        relations.append(rel.id)
    for _ in range(draw(st.integers(0, 5 if rich else 3))):
        if agents or rich:
            target = draw(st.sampled_from(statements + relations))
            options = attribution() or ({"by": agents[0]} if agents else {})
            # Rich maps group some attributions as records of one utterance; the builder has no
            # keyword for it, so those are added as ready-made records.
            utterance = draw(st.none() | st.sampled_from(("u1", "u2"))) if rich else None
            if utterance is None:
                m.attribute(target, **options)
            else:
                by, reporter = options.get("by"), options.get("reported_by")
                m.add_attribution(
                    Attribution(
                        target=target,
                        agent=None if by is None else by.id,
                        stance=options.get("stance", "asserts"),
                        reported_by=None if reporter is None else reporter.id,
                        quote=options.get("quote"),
                        utterance=utterance,
                    )
                )
    if rich:
        # The document's own data survives only through the document, so rebuild from it.
        doc = m.to_document().model_copy(update={"data": draw(json_data)})
        return ArgumentMap.from_document(doc)
    return m


def rich_maps(
    *, max_statements: int = 8, max_relations: int = 8, text: st.SearchStrategy[str] = any_texts
) -> st.SearchStrategy[ArgumentMap]:
    """``maps(every_field=True)`` in any Unicode text: what a format must carry through."""
    return maps(
        max_statements=max_statements, max_relations=max_relations, text=text, every_field=True
    )


_af_names = st.text(alphabet="abcxyz_019", min_size=1, max_size=4)


@st.composite
def frameworks(draw: st.DrawFn, max_size: int = 7) -> ArgumentationFramework:
    """Draw a framework of at most ``max_size`` arguments and three attacks each on average.

    Names are short and awkward (digits, underscores) so that the file formats meet them too;
    attacks may repeat and may be self-attacks.
    """
    names = draw(st.lists(_af_names, max_size=max_size, unique=True))
    if not names:
        return ArgumentationFramework()
    pairs = draw(
        st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=3 * len(names))
    )
    return ArgumentationFramework(names, pairs)


def support_chain(length: int) -> ArgumentMap:
    """A map of ``length`` claims, each supporting the one before: the deepest shape there is."""
    m = ArgumentMap()
    previous = m.claim("0")
    with m.batch():
        for i in range(1, length):
            current = m.claim(str(i))
            m.support(current, previous)
            previous = current
    return m


def _nth(body: str, start: int, fragment: str) -> int | None:
    """The 1-based occurrence of ``fragment`` that starts at ``start`` (None if it is unique)."""
    positions = []
    at = body.find(fragment)
    while at != -1:
        positions.append(at)
        at = body.find(fragment, at + 1)
    if len(positions) == 1:
        return None
    return positions.index(start) + 1
