"""Hypothesis strategies for whole argument maps and their parts, shared by every test module.

``maps()`` draws a valid :class:`~argmap.ArgumentMap` through the public builder API: agents,
sources with text, claims and factors (some factors paired as opposites), supports with linked
premises, attacks of every type (undercuts aim at relations), causal links of every polarity, and
attributions whose quotes are located in their source's text.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap import ArgumentMap

__all__ = ["labels", "maps", "support_chain", "texts", "user_texts"]

# Printable text with the characters that break naive escaping: quotes, backslashes, markup,
# DOT and Mermaid syntax, right-to-left and CJK script, emoji.
_TRICKY = st.sampled_from(
    ['"', "\\", "<b>", "</script>", "]", ";", "->", "{", "}", "&", "'", "\n", "שלום", "数据", "😀"]
)
user_texts = st.lists(
    st.one_of(st.text(min_size=1, max_size=12), _TRICKY), min_size=1, max_size=6
).map("".join)
"""Arbitrary user text, biased towards characters that need escaping."""

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
"""Arbitrary non-empty text without lone surrogates."""

labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyz áéíñ", min_size=1, max_size=20).filter(
    str.strip
)
"""Short readable labels."""


@st.composite
def maps(
    draw: st.DrawFn,
    *,
    max_statements: int = 12,
    max_relations: int = 16,
    text: st.SearchStrategy[str] = labels,
) -> ArgumentMap:
    """Draw a valid argument map built with the public API."""
    m = ArgumentMap(title=draw(st.none() | text))
    n_agents = draw(st.integers(0, 4))
    agents = [m.agent(draw(text), id=f"ag{i}") for i in range(n_agents)]
    body = " ".join(draw(st.lists(text, min_size=1, max_size=8)))
    sources = [m.source(draw(text), id="src", text=body)] if draw(st.booleans()) else []

    def attribution() -> dict[str, Any]:
        if not agents or not draw(st.booleans()):
            return {}
        options: dict[str, Any] = {
            "by": draw(st.sampled_from(agents)),
            "stance": draw(st.sampled_from(["asserts", "denies", "questions"])),
        }
        if draw(st.booleans()):
            options["reported_by"] = draw(st.sampled_from(agents))
        if sources and draw(st.booleans()):
            start = draw(st.integers(0, len(body) - 1))
            end = draw(st.integers(start + 1, len(body)))
            fragment = body[start:end]
            options["quote"] = m.quote(sources[0], fragment, occurrence=_nth(body, start, fragment))
        return options

    n_statements = draw(st.integers(1, max_statements))
    statements = []
    factors = []
    for _ in range(n_statements):
        if draw(st.booleans()):
            opposite = None
            free = [f for f in factors if m.opposite_of(f) is None]
            if free and draw(st.integers(0, 3)) == 0:
                opposite = draw(st.sampled_from(free))
            item = m.factor(
                draw(text),
                opposite=opposite,
                tags=draw(st.lists(labels, max_size=2)),
                **attribution(),
            )
            factors.append(item.id)
        else:
            item = m.claim(
                draw(text),
                tags=draw(st.lists(labels, max_size=2)),
                reconstructed=draw(st.booleans()),
                **attribution(),
            )
        statements.append(item.id)

    relations: list[str] = []
    for _ in range(draw(st.integers(0, max_relations))):
        kind = draw(st.sampled_from(["support", "attack", "causal"]))
        if kind == "support":
            conclusion = draw(st.sampled_from(statements))
            others = [s for s in statements if s != conclusion]
            if not others:
                continue
            premises = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
            rel = m.support(
                premises,
                conclusion,
                scheme=draw(st.none() | st.sampled_from(["cause to effect", "expert opinion"])),
                **attribution(),
            )
        elif kind == "attack":
            attack_type = draw(st.sampled_from(["rebut", "undermine", "undercut", "contradict"]))
            attacker = draw(st.sampled_from(statements))
            if attack_type == "undercut":
                if not relations:
                    continue
                target = draw(st.sampled_from(relations))
            else:
                target = draw(st.sampled_from(statements))
            rel = m.attack(attacker, target, sort=attack_type, **attribution())
        else:
            rel = m.causes(
                draw(st.sampled_from(statements)),
                draw(st.sampled_from(statements)),
                polarity=draw(st.sampled_from(["+", "-", "0", "?"])),
                modality=draw(
                    st.sampled_from(["actual", "general", "hypothetical", "counterfactual"])
                ),
                **attribution(),
            )
        relations.append(rel.id)
    for _ in range(draw(st.integers(0, 3))):
        if agents:
            target = draw(st.sampled_from(statements + relations))
            m.attribute(target, **attribution() or {"by": agents[0]})
    return m


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
