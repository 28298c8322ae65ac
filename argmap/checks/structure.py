"""Structure checks (AM1xx): the shape of the support and attack graph.

Isolated statements, circular support, self-attack, duplicate statements, a statement that both
supports and attacks one target. Graph work goes through :func:`argmap.graph.to_networkx`.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from argmap.checks import codes  # noqa: F401  # the examples below call it
from argmap.checks.registry import Hit, register
from argmap.graph import to_networkx
from argmap.model import ArgumentMap

__all__ = ["isolated_statement"]


@register("AM101", "isolated-statement", severity="info")
def isolated_statement(m: ArgumentMap) -> Iterator[Hit]:
    """A statement that takes part in no relation.

    Why:
        A statement nothing supports, attacks or causes, and that supports, attacks or causes
        nothing, is not yet part of the argument: it was forgotten, or its links were.

    Bad:
        >>> m = ArgumentMap()
        >>> _ = m.claim("Migrants are not criminals")
        >>> codes(m, select="AM101")
        ['AM101']

    Good:
        >>> m = ArgumentMap()
        >>> p = m.claim("Youth inclusion reduced violence in Colombia")
        >>> _ = m.support(p, m.claim("Inclusion works"))
        >>> codes(m, select="AM101")
        []
    """
    g = to_networkx(m, view="claims")
    for sid in nx.isolates(g):
        if sid in m.statements:
            yield Hit(f"statement {sid!r} is in no relation", ids=(sid,))
