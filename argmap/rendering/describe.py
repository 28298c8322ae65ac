"""Relations in words, for every drawing: the DOT and Mermaid renderers and the HTML page all
describe a relation the same way, so a drawing and its page agree.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> a, b = m.claim("The gang was defeated", id="a"), m.claim("It grew", id="b")
    >>> r = m.attack(b, a, id="r")
    >>> describe_relation(m, "r")
    '“It grew” rebuts “The gang was defeated”'
    >>> relation_ends(m.relations["r"])
    ('b', 'a')
"""

from __future__ import annotations

from argmap.model import ArgumentMap, Attack, Support, relation_ends
from argmap.rendering import style

__all__ = ["describe_relation", "relation_ends", "short_quote"]


def describe_relation(m: ArgumentMap, rid: str, *, nested: bool = False) -> str:
    """Return a relation in words: '“A” + “B” support “C”', '“D” undercuts (the support ...)'.

    Args:
        m: The map.
        rid: Id of the relation.
        nested: Describe a relation that ends at a relation only as ``(an inference)``; set on
            the inner call, so an undercut of an undercut stays one line.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.causes(m.factor("blockade"), m.factor("emigration"), id="l1")
        >>> describe_relation(m, "l1")
        '“blockade” causes (+) “emigration”'
    """
    rel = m.relations[rid]

    def end(ref: str) -> str:
        if ref in m.statements:
            return short_quote(m.statements[ref].text)
        return "(an inference)" if nested else f"({describe_relation(m, ref, nested=True)})"

    if isinstance(rel, Support):
        return f"{' + '.join(end(p) for p in rel.premises)} support {end(rel.conclusion)}"
    if isinstance(rel, Attack):
        return f"{end(rel.attacker)} {rel.sort}s {end(rel.target)}"
    sign = style.CAUSAL_STYLE[rel.polarity]["label"]
    return f"{end(rel.cause)} causes ({sign}) {end(rel.effect)}"


def short_quote(text: str, limit: int = 40) -> str:
    """Return ``text`` on one line in curly quotes, cut after a word to at most ``limit``
    characters with an ellipsis: a note that read "drug t…" named nothing.

    A first word longer than ``limit`` is the one thing cut inside itself.

    Examples:
        >>> short_quote("Exclusion  only\\nleads to more violence", limit=20)
        '“Exclusion only…”'
        >>> short_quote("ties between political power and drug traffickers", limit=40)
        '“ties between political power and drug…”'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return f"“{text}”"
    cut = text[: limit - 1]
    if text[limit - 1] != " ":
        # Back to the last space, so the cut falls between words.
        space = cut.rfind(" ")
        if space > 0:
            cut = cut[:space]
    return f"“{cut.rstrip(' ,;:')}…”"
