"""What the stages of :mod:`argmap.rendering.dot` share: quoting, templates, who said what,
sizes, and the legend's words."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from argmap.errors import UnknownIdError, ViewError
from argmap.model import ArgumentMap, Attribution
from argmap.names import LABELS, Label
from argmap.rendering import style
from argmap.rendering.text import dot_quote, dot_text

_T = TypeVar("_T")

# Rows are worth arranging only in a drawing someone will read; above this many statements
# dot's layout is not for reading anyway, and the bookkeeping would slow the big-map path.
_PACK_LIMIT = 2000
# The shape (width / height) the rows aim at: a landscape screen.
_ASPECT = 1.6


# Quoted forms of repeated values (colours, classes, tooltips such as "support"), one table per
# type: a plain str may be an HTML-like label to graphviz's quote and a NoHtml never is, so the
# two must never share an entry.
_QUOTED: dict[type, dict[str, str]] = {}

# The prefixes of generated DOT node names: a prefix from this set and a decimal number make a
# DOT ID (letter, then digits) that needs no quoting, so node names are written as they are.
_NAME_PREFIXES = frozenset("nrapkL")


def _q(value: str) -> str:
    """graphviz's own quoting, remembered for values that repeat."""
    table = _QUOTED.setdefault(type(value), {})
    hit = table.get(value)
    if hit is None:
        hit = dot_quote(value)
        if len(table) < 4096 and len(value) < 80:
            table[value] = hit
    return hit


class _Template:
    """One style of node or edge: its fixed attributes quoted once, slots for what varies.

    A line is the label (if any), then ``segments[0]``, the first slot's quoted value,
    ``segments[1]``... and the last segment: attributes in name order after the label, as
    ``Digraph.node`` and ``Digraph.edge`` write them, so a line made here equals theirs. Every
    segment but the last ends with ``<slot>=``; ``bare`` is the first segment for a line with no
    label (no leading space).
    """

    __slots__ = ("bare", "classes", "ranks", "segments")

    def __init__(
        self, fixed: Mapping[str, str], slots: tuple[str, ...], *, classes: str = ""
    ) -> None:
        assert list(slots) == sorted(slots) and not set(slots) & set(fixed), (slots, fixed)
        segments = [""]
        for key in sorted([*fixed, *slots]):
            if key in slots:
                segments[-1] += f" {key}="
                segments.append("")
            else:
                segments[-1] += f" {key}={_q(fixed[key])}"
        self.segments: tuple[str, ...] = tuple(segments)
        self.bare: str = segments[0][1:]
        self.ranks: bool = fixed.get("constraint") != "false"  # does the edge rank its ends?
        self.classes = classes  # the fixed part of a class slot


def _statement_line(head: str, label: str | None, attrs: dict[str, str]) -> str:
    """One DOT statement as ``graphviz.Digraph.node``/``edge`` writes it (label, then sorted).

    The renderer's hot path appends these lines to the graph's body itself: going through
    ``Digraph.node`` for 100,000 statements spent most of ``to_dot``'s time in wrappers. A
    tooltip that is the very label object is quoted once.
    """
    quoted_label = None if label is None else _q(label)
    parts = [] if quoted_label is None else [f"label={quoted_label}"]
    for key in sorted(attrs):
        value = attrs[key]
        parts.append(f"{key}={quoted_label if value is label else _q(value)}")
    return f"\t{head} [{' '.join(parts)}]\n"


def _check_labelling(m: ArgumentMap, labelling: Mapping[str, str] | None) -> dict[str, Label]:
    if not labelling:
        return {}
    labels: dict[str, Label] = {}
    for key, value in labelling.items():
        if key not in m.statements and key not in m.relations:
            raise UnknownIdError(key, [*m.statements, *m.relations], expected="labelled")
        label = str(value).lower()
        if label not in LABELS:
            expected = ", ".join(map(repr, LABELS[:-1])) + f" or {LABELS[-1]!r}"
            raise ViewError(f"labelling[{key!r}] = {value!r}; expected {expected}")
        labels[key] = label
    return labels


@dataclass(frozen=True)
class _Said:
    """Who stands behind a statement or relation, read off its attributions."""

    owner: str | None
    """The agent whose colour it carries: the first who asserts it in person, else the first
    whose assertion someone reports."""
    reporter: str | None
    """Who reports the owner's assertion, when the owner asserts it only through reports."""
    line: str
    """The label's line: ``— Gustavo Petro, per Kristi Noem; denied by Gustavo Petro``."""


_NOBODY = _Said(None, None, "")
_STANCE_BY: dict[str, str] = {"denies": "denied by", "questions": "questioned by"}


def _said(m: ArgumentMap, attributions: Sequence[Attribution]) -> _Said:
    """Name every agent once per stance; a reporter only when the agent never says it in person.

    The seed's labels read "Gustavo Petro; Gustavo Petro (per gec/ctl/tmv)" when Petro's post
    and the article both carried a claim: the report adds nothing to Petro's own words, so it
    is left to the tooltip.
    """
    if not attributions:
        return _NOBODY
    agents = m.agents
    # (agent, stance) -> the reporters of its attributions; None stands for "in person".
    groups: dict[tuple[str | None, str], list[str | None]] = {}
    for a in attributions:
        if a.agent is not None or a.reported_by is not None:
            groups.setdefault((a.agent, a.stance), []).append(a.reported_by)
    owner: str | None = None
    reporter: str | None = None
    asserted: list[tuple[str, list[str | None]]] = []
    for (agent, stance), reporters in groups.items():
        if stance == "asserts" and agent is not None:
            asserted.append((agent, reporters))
    for agent, reporters in asserted:
        if None in reporters:
            owner = agent
            break
    else:
        if asserted:
            owner, reporter = asserted[0][0], asserted[0][1][0]
    parts: list[str] = []
    for stance in ("asserts", "denies", "questions"):
        for (agent, said), reporters in groups.items():
            if said != stance:
                continue
            who = agents[agent].name if agent is not None else "someone"
            if None not in reporters:
                who += ", per " + " and ".join(
                    dict.fromkeys(agents[r].name for r in reporters if r is not None)
                )
            parts.append(who if stance == "asserts" else f"{_STANCE_BY[stance]} {who}")
    return _Said(owner, reporter, "— " + "; ".join(parts) if parts else "")


def _box(lines: Sequence[str], *, fontsize: float = 11, shape: str = "box") -> tuple[float, float]:
    """A node's width and height in inches, guessed from its label: enough to arrange rows."""
    longest = max((len(line) for line in lines), default=0)
    width = longest * fontsize * 0.52 / 72 + 0.3
    height = max(len(lines), 1) * fontsize * 1.25 / 72 + 0.2
    if shape == "ellipse":
        width, height = width * 1.25, height * 1.3
    return width, height


def _note_look(rid: str, colour: str) -> dict[str, str]:
    """The attributes a relation drawn as a note has in every view, in the order DOT gets them.

    A relation's own attributes (class, tooltip, overlay) follow them in the same call, so
    both views write their notes alike.
    """
    return {
        "id": dot_text(f"rel-{rid}"),
        "shape": "note",
        "style": "filled",
        "fillcolor": "#FAFAFA",
        "color": colour,
    }


def _chunks(items: list[_T], size: int) -> list[list[_T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _grid_columns(counts: Sequence[int]) -> int:
    """How many columns the speakers view's boxes get, so that the whole view nears a screen.

    Every box gets the same number: the boxes stack top to bottom and share ranks (a column is
    a rank), so a box with fewer columns than another would leave its ranks empty. Each box
    fills its rows left to right; a node is about 2.9 inches wide with its rank gap, and a row
    1.0 tall.
    """
    if not counts:
        return 1
    best, best_score = 1, math.inf
    for columns in range(1, max(counts) + 1):
        width = 2.5 + min(columns, max(counts)) * 2.9
        height = sum(math.ceil(n / columns) * 1.0 + 0.6 for n in counts)
        score = abs(math.log(width / height / _ASPECT))
        if score < best_score:
            best, best_score = columns, score
    return best


_SHAPE: dict[str, str] = {"claim": "box", "factor": "ellipse"}

_LEGEND_TEXT = style.LEGEND_TEXT  # one vocabulary for the SVG and the page


def _legend_id(key: str) -> str:
    """``causal+`` -> ``causalpos``...: the signs spelled out; other keys stay as they are."""
    if key[:-1] == "causal" and key[-1] in style.POLARITY_NAME:
        return "causal" + style.POLARITY_NAME[key[-1]]
    return key
