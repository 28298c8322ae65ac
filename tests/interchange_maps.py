"""Hypothesis strategies for the interchange tests: rich maps that use every part of the model.

Until the shared ``tests/strategies.py`` lands, the format round-trip tests draw from here. The maps
hold agents, sources with text, claims and factors (with opposites), linked supports with and
without schemes, every attack type (undercuts of supports, attacks and causal links), causal links
with every polarity and modality, attributions with quotes, reporters and stances, tags,
reconstructed flags and free-form data, including data shaped like what the readers keep.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap import ArgumentMap, Quote

__all__ = ["json_data", "maps", "texts"]

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=20
)
"""Any Unicode text (no lone surrogates: JSON, XML and files cannot hold them)."""

xml_texts = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
    )
    | st.sampled_from("\n\t"),
    max_size=20,
)
"""Text that XML 1.0 can hold."""

_ids = st.from_regex(r"\A[A-Za-z0-9_.:-]{1,12}\Z")
_scalars = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | texts
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


@st.composite
def maps(draw: Any, *, max_statements: int = 8, text: Any = texts) -> ArgumentMap:
    """Draw a valid map that uses every kind of record and field."""
    m = ArgumentMap(
        title=draw(st.none() | text),
        description=draw(st.none() | text),
    )
    used: set[str] = set()

    def new_id() -> str | None:
        if draw(st.booleans()):
            return None
        candidate = draw(_ids)
        if candidate in used or candidate in m:
            return None
        used.add(candidate)
        return candidate

    agents = [
        m.agent(
            draw(text),
            id=draw(_ids.filter(lambda x: x not in m)),
            role=draw(st.none() | text),
            aliases=draw(st.lists(text, max_size=2)),
            data=draw(json_data),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    sources = [
        m.source(
            draw(text),
            id=draw(_ids.filter(lambda x: x not in m)),
            text=draw(st.none() | text.filter(bool)),
            url=draw(st.none() | text),
            published=draw(st.none() | text),
            type=draw(st.none() | text),
            data=draw(json_data),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    statements: list[str] = []
    factors: list[str] = []
    for _ in range(draw(st.integers(1, max_statements))):
        common = {
            "id": new_id(),
            "tags": draw(st.lists(text, max_size=2)),
            "reconstructed": draw(st.booleans()),
            "data": draw(json_data),
        }
        if draw(st.booleans()):
            free = [f for f in factors if m.opposite_of(f) is None]
            opposite = draw(st.none() | st.sampled_from(free)) if free else None
            f = m.factor(draw(text), opposite=opposite, **common)
            factors.append(f.id)
            statements.append(f.id)
        else:
            statements.append(m.claim(draw(text), **common).id)
    relations: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        common = {
            "id": new_id(),
            "tags": draw(st.lists(text, max_size=2)),
            "reconstructed": draw(st.booleans()),
            "data": draw(json_data),
        }
        choice = draw(st.sampled_from(["support", "attack", "undercut", "causal", "backing"]))
        if choice in ("support", "backing"):
            if choice == "backing" and relations:
                conclusion = draw(st.sampled_from(relations))
                pool = statements
            else:
                conclusion = draw(st.sampled_from(statements))
                pool = [s for s in statements if s != conclusion]
            if not pool:
                continue
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            rel = m.support(premises, conclusion, scheme=draw(st.none() | text), **common)
        elif choice == "undercut":
            if not relations:
                continue
            rel = m.undercut(
                draw(st.sampled_from(statements)), draw(st.sampled_from(relations)), **common
            )
        elif choice == "attack":
            attacker, target = draw(st.sampled_from(statements)), draw(st.sampled_from(statements))
            kind = draw(st.sampled_from(["rebut", "undermine", "contradict"]))
            rel = m.attack(attacker, target, sort=kind, **common)
        else:
            rel = m.causes(
                draw(st.sampled_from(statements)),
                draw(st.sampled_from(statements)),
                polarity=draw(st.sampled_from(["+", "-", "0", "?"])),
                modality=draw(
                    st.sampled_from(["actual", "general", "hypothetical", "counterfactual"])
                ),
                mechanism=draw(st.none() | text),
                delay=draw(st.none() | text),
                **common,
            )
        relations.append(rel.id)
    targets = statements + relations
    for _ in range(draw(st.integers(0, 5))):
        quote = None
        quotable = [s for s in sources if s.text]
        if quotable and draw(st.booleans()):
            source = draw(st.sampled_from(quotable))
            assert source.text is not None
            start = draw(st.integers(0, len(source.text) - 1))
            end = draw(st.integers(start + 1, len(source.text)))
            quote = Quote(source=source.id, text=source.text[start:end], start=start, end=end)
        m.attribute(
            draw(st.sampled_from(targets)),
            by=draw(st.none() | st.sampled_from(agents)) if agents else None,
            stance=draw(st.sampled_from(["asserts", "denies", "questions"])),
            reported_by=draw(st.none() | st.sampled_from(agents)) if agents else None,
            quote=quote,
        )
    doc = m.to_document().model_copy(update={"data": draw(json_data)})
    return ArgumentMap.from_document(doc)
