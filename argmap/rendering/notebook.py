"""Show a map in Jupyter: the rich display bundle behind ``ArgumentMap._repr_mimebundle_``.

The bundle holds ``image/svg+xml``, ``text/html`` (the SVG inline, so its tooltips work) and
``text/plain`` (the map's :func:`~argmap.rendering.outline.outline`, its first
:data:`TEXT_LINES` lines). Drawing in a notebook must never break the cell: with no engine, a map
too large, or an engine failure, the bundle is the plain outline with a one-line hint that says
what to do.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Demo")
    >>> _ = m.claim("A")
    >>> sorted(mimebundle(m))
    ['image/svg+xml', 'text/html', 'text/plain']
    >>> print(mimebundle(m, exclude=["image/svg+xml", "text/html"])["text/plain"])
    Demo: 1 statement (1 claim, 0 factors), 0 relations, 0 agents, 0 sources
    <BLANKLINE>
    Arguments
    [c1] A
"""

from __future__ import annotations

from collections.abc import Container

from argmap.model import ArgumentMap, Attack, Support
from argmap.rendering.outline import outline

__all__ = ["TEXT_LINES", "default_view", "mimebundle"]

_SVG, _HTML, _TEXT = "image/svg+xml", "text/html", "text/plain"
TEXT_LINES = 200
"""How many lines of the outline a notebook's plain text shows; the last says how to see all."""


def default_view(m: ArgumentMap) -> str:
    """The view a notebook shows: causal for a map of causal links only, else argument.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.causes(m.factor("blockade"), m.factor("migration"))
        >>> default_view(m)
        'causal'
    """
    has_argument = any(isinstance(r, Support | Attack) for r in m.relations.values())
    if not has_argument and any(True for _ in m.causal_links()):
        return "causal"
    return "argument"


def mimebundle(
    m: ArgumentMap,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
) -> dict[str, str]:
    """Return Jupyter's display bundle for a map; never raises.

    Args:
        m: The map.
        include: Mime types wanted (all when ``None``), as Jupyter passes them.
        exclude: Mime types not wanted.

    Returns:
        ``{"image/svg+xml": ..., "text/html": ..., "text/plain": ...}``, or only
        ``text/plain`` with a hint when the map cannot be drawn.
    """

    def wanted(mime: str) -> bool:
        return (include is None or mime in include) and (exclude is None or mime not in exclude)

    try:
        summary = outline(m, max_lines=TEXT_LINES)
    except Exception:  # a notebook's repr must not raise, even on a broken map
        summary = repr(m)
    bundle: dict[str, str] = {}
    if wanted(_SVG) or wanted(_HTML):
        try:
            from argmap.rendering.engine import to_svg

            svg = to_svg(m, view=default_view(m))
        except Exception as err:  # shown to the reader instead of raised
            return {_TEXT: f"{summary}\n({_hint(err)})"}
        if wanted(_SVG):
            bundle[_SVG] = svg
        if wanted(_HTML):
            bundle[_HTML] = f'<div class="argmap-map" style="overflow:auto">{svg}</div>'
    if wanted(_TEXT):
        bundle[_TEXT] = summary
    return bundle


def _hint(err: Exception) -> str:
    from argmap.errors import EngineNotFoundError, MapTooLargeError

    if isinstance(err, EngineNotFoundError):
        return (
            "no drawing: install Graphviz (apt-get install graphviz) or "
            "pip install 'argmap[render]' to see the map here"
        )
    if isinstance(err, MapTooLargeError):
        return (
            f"no drawing: {err.count:,} statements is too many to lay out inline; use "
            "argmap.render(m, 'map.svg', focus=ID) or max_nodes=None"
        )
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    return f"no drawing: {first}"
