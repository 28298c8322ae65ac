"""Which of the map's feedback loops a drawing shows, and their labels R1, B1... there.

A loop is :class:`argmap.causal.Loop`, found by :func:`argmap.causal.feedback_loops`: one type,
one search and one vocabulary, so a drawing and ``argmap causal --loops`` agree on what a loop is
(a factor and its opposite are one variable, a loop may pass from one to the other, which flips
its sign, and its sign is the product of its links'). This module only picks the loops that lie
wholly inside what is drawn, shortest first, and renames them per kind (``R`` reinforcing, ``B``
balancing, ``U`` when a link is ``0`` or ``?``) in the order :mod:`argmap.causal` gives them, so
a drawing of the whole map carries the names ``argmap causal --loops`` prints.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> gang, fear = m.factor("gang strength", id="gang"), m.factor("fear", id="fear")
    >>> _ = m.causes(gang, fear), m.causes(fear, gang)
    >>> [(loop.name, loop.kind, loop.factors) for loop in drawn_loops(m)]
    [('R1', 'reinforcing', ('gang', 'fear'))]
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from argmap.causal import LOOP_LETTER, Loop, feedback_loops
from argmap.model import ArgumentMap

__all__ = ["drawn_loops"]


def drawn_loops(
    m: ArgumentMap,
    *,
    statements: Collection[str] | None = None,
    links: Collection[str] | None = None,
    max_length: int = 12,
    limit: int = 100,
) -> list[Loop]:
    """The feedback loops a drawing shows, each renamed R1.., B1.., U1.. within it.

    Args:
        m: The map.
        statements: Only loops whose every cause and effect is among these (all when ``None``).
        links: Only loops made of these causal links (all when ``None``).
        max_length: Longest loop looked for, in links.
        limit: Most loops returned.

    Returns:
        The loops, shortest first; among loops of one length, in :mod:`argmap.causal`'s order.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> a, b = m.factor("a", id="a"), m.factor("b", id="b")
        >>> _ = m.causes(a, b, polarity="-"), m.causes(b, a)
        >>> drawn_loops(m)[0].name
        'B1'
    """
    keep = set(statements) if statements is not None else None
    allowed = set(links) if links is not None else None
    # A drawing of part of the map keeps only the loops inside it: search wider for those.
    wide = keep is None and allowed is None
    found = _shortest(m, max_length, limit if wide else max(10 * limit, 1000))
    counters: dict[str, int] = {}
    loops: list[Loop] = []
    for loop in found:
        if allowed is not None and not allowed.issuperset(loop.links):
            continue
        if keep is not None and not keep.issuperset(loop.ends):
            continue
        letter = LOOP_LETTER[loop.kind]
        counters[letter] = counters.get(letter, 0) + 1
        loops.append(replace(loop, name=f"{letter}{counters[letter]}"))
        if len(loops) == limit:
            break
    return loops


def _shortest(m: ArgumentMap, max_length: int, limit: int) -> list[Loop]:
    """Up to ``limit`` loops, truly the shortest: ``argmap.causal`` stops at its limit in search
    order, so a dense map is searched one length more at a time until the limit is met.

    A search that was not cut short holds every loop up to its length; when the next length is
    cut short, its loops of exactly that length fill the rest.
    """
    first = feedback_loops(m, max_length=max_length, limit=limit)
    if not first.truncated:
        return list(first.loops)  # the usual case: every loop, in one search
    complete: list[Loop] = []
    for length in range(1, max_length + 1):
        result = feedback_loops(m, max_length=length, limit=limit)
        if not result.truncated:
            complete = list(result.loops)
            continue
        longest = [loop for loop in result.loops if len(loop.steps) == length]
        return complete + longest[: limit - len(complete)]
    return complete
