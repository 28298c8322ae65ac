"""Drawing maps: Graphviz DOT, layout engines, Jupyter display and Mermaid.

:func:`to_dot` builds a ``graphviz.Digraph`` of a view and runs nothing; :func:`render` and
:func:`to_svg` run a layout engine (the system ``dot``, else the ``graphviz-pure`` wheel);
:func:`mimebundle` is what a notebook shows; :func:`to_mermaid` writes Mermaid for GitHub and
GitLab Markdown. Colours and shapes live in :mod:`argmap.rendering.style` only.

Examples:
    >>> from argmap import ArgumentMap
    >>> from argmap.rendering import to_dot
    >>> m = ArgumentMap()
    >>> _ = m.rebut(m.claim("The gang was defeated"), m.claim("The blockade strengthened the gang"))
    >>> "arrowhead=tee" in to_dot(m).source
    True
"""

from argmap.errors import MapTooLargeError, RenderWarning, ViewError
from argmap.rendering.dot import to_dot
from argmap.rendering.engine import (
    Engine,
    find_engine,
    pipe,
    pipe_dot,
    render,
    to_svg,
)
from argmap.rendering.mermaid import to_mermaid
from argmap.rendering.notebook import mimebundle
from argmap.rendering.select import select
from argmap.rendering.style import css_token

__all__ = [
    "Engine",
    "MapTooLargeError",
    "RenderWarning",
    "ViewError",
    "css_token",
    "find_engine",
    "mimebundle",
    "pipe",
    "pipe_dot",
    "render",
    "select",
    "to_dot",
    "to_mermaid",
    "to_svg",
]
