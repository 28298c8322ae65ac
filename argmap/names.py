"""The names argmap accepts for what to show and what it says: one vocabulary a use, each only here.

A *graph* is a networkx graph of the map, built by :func:`argmap.graph.to_networkx` (keyword
``graph=``) and written by the GraphML writer. A *view* is what a drawing shows, chosen by
``view=`` in :func:`argmap.render`, ``to_dot``, ``to_mermaid``, ``to_html`` and the command
line's ``--view``. The two vocabularies share no word, so a name says by itself which one it
belongs to: ``"causal-links"`` is the graph of causal links, ``"causal"`` the drawing of them. An
unknown name raises :class:`argmap.errors.ViewError` in both.

A *label* is what a semantics says of a statement or argument: ``"in"`` (accepted), ``"out"``
(rejected) or ``"undec"`` (undecided); :func:`argmap.grounded` returns them and the drawings'
``labelling=`` takes them.

This module imports nothing heavy, so the command line can offer the names without loading
networkx or pydantic.

Examples:
    >>> GRAPHS
    ('claims', 'aif', 'causal-links', 'agents')
    >>> VIEWS
    ('argument', 'causal', 'speakers')
    >>> LABELS
    ('in', 'out', 'undec')
    >>> LEGENDS
    ('side', 'none')
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = [
    "GRAPHS",
    "LABELS",
    "LABEL_NAMES",
    "LEGENDS",
    "VIEWS",
    "GraphName",
    "Label",
    "LegendPlace",
    "ViewName",
]

GraphName = Literal["claims", "aif", "causal-links", "agents"]
"""A networkx graph of the map: statements and relations as edges, bipartite AIF, causal links,
or agents and who answers whom."""
GRAPHS: Final[tuple[GraphName, ...]] = get_args(GraphName)
"""Every graph name, in the order the docs list them."""

ViewName = Literal["argument", "causal", "speakers"]
"""What a drawing shows: the argument, the causal links, or who said what."""
VIEWS: Final[tuple[ViewName, ...]] = get_args(ViewName)
"""Every view name, the default (``"argument"``) first."""

Label = Literal["in", "out", "undec"]
"""What a semantics says of a statement or argument: accepted, rejected or undecided."""
LABELS: Final[tuple[Label, ...]] = get_args(Label)
"""Every label, accepted first."""
LABEL_NAMES: Final[dict[Label, str]] = {"in": "accepted", "out": "rejected", "undec": "undecided"}
"""Each label in words, as legends and pages write it."""

LegendPlace = Literal["side", "none"]
"""Where a drawing's legend goes: beside the drawing, or nowhere."""
LEGENDS: Final[tuple[LegendPlace, ...]] = get_args(LegendPlace)
"""Every legend place, the default (``"side"``) first."""
