"""The Graphviz DOT of a map's view: :func:`to_dot` returns a ``graphviz.Digraph``, runs nothing.

Three views (see :mod:`argmap.rendering.select` for what each holds):

``"argument"``
    Claims as rounded boxes, conclusions on top (``rankdir=BT``). Support green and solid, rebut
    and undermine red with a bar head, undercut purple pointing at the inference it attacks,
    contradiction a red edge with a bar at both ends. Linked premises meet in one small junction
    node before the conclusion; a relation that something attacks or backs gets one too. A
    causal link that evidence supports or attacks is drawn as a small note (``“A” causes (+)
    “B”``) so that the evidence has something to point at.
``"causal"``
    Factors (ellipses) and claims left to right. ``+`` solid, labelled ``+``; ``-`` dashed,
    ``−``; ``0`` dotted grey; ``?`` grey with ``?``. A link's colour says who told it: two
    tellers draw it in both colours and name them; a link no one told is grey, and a
    reconstructed one has a hollow head. A denial is written on the link (``× denied by ...``).
    Feedback loops get a marker ``R1``, ``B1``... (``U1`` when a sign is unknown) listing their
    members.
``"speakers"``
    Agents on the left; to the right, one box per agent holding what the agent asserts, laid out
    in a grid, reached by one ``asserts`` edge. Every other stance (a denial, a question,
    another agent's assertion) is one edge per agent and statement, with all its stances in
    the label and in the line style (asserts solid, denies dashed with a bar, questions
    dotted). Who reports a stance is written on it ("asserts, per Kristi Noem").

Every speaker has a colour from :data:`argmap.rendering.style.PALETTE`, in the order the map lists
its agents. A statement is filled with the tint of its *owner*, the first agent who asserts it in
person (else the first whose assertion someone reports), and its label names everyone once:
``— Gustavo Petro, per Kristi Noem; denied by Gustavo Petro``. A statement known only through a
report has a double border in the reporter's colour. With a ``labelling``, accepted statements
are drawn bold, undecided ones dashed, rejected ones faded (pale fill and grey text, the
speaker's colour kept on the border). Tooltips carry the full text, every quote with its speaker,
source and span.

Whole-map views whose parts are not connected (fourteen small argument trees, say) are laid out
in rows, the legend included, so that the picture's shape nears a screen's
(:mod:`argmap.rendering.pack`) instead of one long strip.

Ids for scripts: DOT node names are generated (``n0``, ``r0``, ``a0``...), never a user's text.
The SVG keeps the map's ids in ``id`` attributes: ``stmt-<id>`` on a statement,
``rel-<id>`` on a relation's edge (or its junction node, whose edges are ``rel-<id>-p1``...
for premises, ``rel-<id>-from`` and ``rel-<id>-to``), ``agent-<id>``, ``attr-<n>`` (a stance
edge of the speakers view, numbered after the first of its attributions in the map),
``asserts-<agent>`` (an agent's edge to its box), ``loop-<label>`` and ``legend-...``. Classes
say what an element is: ``stmt claim``, ``stmt factor``, ``rel support``, ``rel attack rebut``,
``rel causal pos``, ``junction``, ``link-node``, ``speaker-<agent>``, ``reporter-<agent>``,
``reported``, ``reconstructed``, ``label-in|out|undec``, ``loop-<label>``, and ``rel-<id>`` on
every piece of a relation (its edge, or its junction or note and their edges), which is how the
HTML page finds what a click means; ids inside classes go through
:func:`argmap.rendering.style.css_token`. A statement with no attribution has its label as tooltip.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> petro = m.agent("Gustavo Petro", id="petro")
    >>> a = m.claim("Exclusion leads to violence", by=petro)
    >>> b = m.claim('"Inclusion" <b>worked</b>', by=petro)
    >>> _ = m.support(b, a)
    >>> print(to_dot(m, legend=False).source)  # doctest: +NORMALIZE_WHITESPACE
    digraph argmap {
        graph [fontname=Helvetica fontsize=12 labelloc=t newrank=true nodesep=0.3 rankdir=BT
               ranksep=0.45]
        node [color="#424242" fillcolor=white fontname=Helvetica fontsize=11 margin="0.12,0.06"
              shape=box style="rounded,filled"]
        edge [arrowsize=0.8 color="#424242" fontname=Helvetica fontsize=10]
        n0 [label="Exclusion leads to violence\\n— Gustavo Petro" class="stmt claim speaker-petro"
            color="#0072B2" fillcolor="#BFDCEC" id="stmt-c1"
            tooltip="Exclusion leads to violence\\nGustavo Petro asserts"]
        n1 [label="\\"Inclusion\\" <b>worked</b>\\n— Gustavo Petro" class="stmt claim speaker-petro"
            color="#0072B2" fillcolor="#BFDCEC" id="stmt-c2"
            tooltip="\\"Inclusion\\" <b>worked</b>\\nGustavo Petro asserts"]
        n1 -> n0 [class="rel support rel-s1" color="#2E7D32" id="rel-s1" tooltip=support]
    }
    <BLANKLINE>
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import graphviz  # type: ignore[import-untyped]

from argmap.errors import UnknownIdError, ViewError
from argmap.model import (
    ArgumentMap,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    Support,
)
from argmap.names import LABELS, Label
from argmap.rendering import style
from argmap.rendering.describe import describe_relation
from argmap.rendering.loops import Loop, feedback_loops
from argmap.rendering.pack import Block, components, levels, shelves
from argmap.rendering.select import Selection, select
from argmap.rendering.text import (
    clean,
    dot_label,
    dot_lines,
    dot_quote,
    dot_text,
    dot_tooltip,
    wrap,
)

__all__ = ["ClusterBy", "to_dot"]

ClusterBy = Literal["speaker", "tag"]
_T = TypeVar("_T")

# Rows are worth arranging only in a drawing someone will read; above this many statements
# dot's layout is not for reading anyway, and the bookkeeping would slow the big-map path.
_PACK_LIMIT = 2000
# The shape (width / height) the rows aim at: a landscape screen.
_ASPECT = 1.6


def to_dot(
    m: ArgumentMap,
    *,
    view: str = "argument",
    cluster_by: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    path: Sequence[str] | None = None,
    speaker: str | None = None,
    labelling: Mapping[str, str] | None = None,
    max_nodes: int | None = 2000,
    legend: bool = True,
    wrap: int | None = 30,
) -> graphviz.Digraph:
    """Return the DOT of one view of a map as a ``graphviz.Digraph``, running nothing.

    Args:
        m: The map.
        view: ``"argument"``, ``"causal"`` or ``"speakers"`` (see the module docs).
        cluster_by: ``"speaker"`` groups statements in a box per speaker (their owner: the
            first who asserts them), ``"tag"`` per first tag; ``None`` for no boxes. The
            speakers view always groups statements by owner, and takes no other grouping.
        focus: Draw only what lies within ``depth`` relations of this statement or relation.
        depth: How far from ``focus`` to reach.
        path: Two statement ids: draw the statements and relations between them.
        speaker: An agent id: draw what the agent takes a stance on and what that touches.
        labelling: Statement (or relation) id to ``"in"``, ``"out"`` or ``"undec"``, as the
            semantics module computes: accepted drawn bold, rejected faded (the speaker's
            colour kept on the border), undecided dashed.
        max_nodes: Raise :class:`~argmap.errors.MapTooLargeError` above this many
            statements (after focusing); ``None`` to draw any size.
        legend: Add a legend of the kinds, speakers and signs present.
        wrap: Wrap labels near this many characters; ``None`` or 0 keeps lines as they are.

    Returns:
        The graph; ``.source`` is the DOT text, :func:`argmap.rendering.render` lays it out.

    Raises:
        ViewError: An unknown view or cluster_by, a bad labelling value, or a focus, path or
            speaker that leaves nothing to draw.
        UnknownIdError: ``focus``, ``path``, ``speaker`` or a labelling key names nothing.
        MapTooLargeError: More than ``max_nodes`` statements to draw.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> x, y = m.factor("blockade", id="x"), m.factor("migration", id="y")
        >>> _ = m.causes(x, y, polarity="-")
        >>> g = to_dot(m, view="causal", legend=False)
        >>> print(*[line.strip() for line in g.body if "->" in line])
        n0 -> n1 [label="−" class="rel causal neg actual rel-l1" color="#424242" fontcolor="#424242"
                  id="rel-l1" style=dashed tooltip="causes (−)"]
    """
    if cluster_by not in (None, "speaker", "tag"):
        raise ViewError(f"unknown cluster_by {cluster_by!r}; expected 'speaker', 'tag' or None")
    labels = _check_labelling(m, labelling)
    selection = select(
        m, view, focus=focus, depth=depth, path=path, speaker=speaker, max_nodes=max_nodes
    )
    builder = _Builder(m, selection, cluster_by=cluster_by, labels=labels, width=wrap)
    return builder.build(legend=legend)


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


class _Builder:
    """One drawing under construction: generated DOT names, legend entries, the graph."""

    def __init__(
        self,
        m: ArgumentMap,
        selection: Selection,
        *,
        cluster_by: str | None,
        labels: dict[str, Label],
        width: int | None,
    ) -> None:
        self.m = m
        self.sel = selection
        self.view = selection.view
        self.cluster_by = cluster_by
        self.labels = labels
        self.width = width
        self.colour = {aid: style.speaker_colour(i) for i, aid in enumerate(m.agents)}
        self.names: dict[str, str] = {}  # statement, relation or agent id -> DOT node name
        self.statements = m.statements
        self.relations = m.relations
        self.templates: dict[object, _Template] = {}
        self.legend_nodes: dict[str, dict[str, str]] = {}
        self.legend_edges: dict[str, dict[str, str]] = {}
        self.legend_speakers: dict[str, None] = {}
        self.loops: list[Loop] = []
        self.loop_of: dict[str, list[str]] = {}  # causal link id -> labels of its loops
        self.rankdir = "BT" if self.view == "argument" else "LR"
        # Bookkeeping for the rows (see _pack): sizes of nodes in emission order, the edges
        # that rank them, the ties that only keep things together, and what is in a cluster.
        self.packing = self.view != "speakers" and len(selection.statements) <= _PACK_LIMIT
        self.size: dict[str, tuple[float, float]] = {}
        self.flow: list[tuple[str, str]] = []
        self.ties: list[tuple[str, str]] = []
        self.anchors = 0
        self.g = graphviz.Digraph(
            "argmap",
            graph_attr=dict(style.GRAPH_DEFAULTS),
            node_attr=dict(style.NODE_DEFAULTS),
            edge_attr=dict(style.EDGE_DEFAULTS),
        )

    # ------------------------------------------------------------------ the whole graph
    def build(self, *, legend: bool) -> graphviz.Digraph:
        g = self.g
        g.graph_attr["rankdir"] = self.rankdir
        if self.m.title:
            g.graph_attr["label"] = dot_text(self.m.title)
        if self.view == "speakers":
            self._speakers()
        else:
            if self.view == "causal":
                self._find_loops()
            self._statements()
            self._relations()
            if self.view == "causal":
                self._opposites()
                self._loops()
        key = self._legend() if legend else None
        if self.packing:
            self._pack(key)
        return g

    def _node(
        self, g: graphviz.Digraph, name: str, size: tuple[float, float], **attrs: str
    ) -> None:
        """Add a node through graphviz, remembering its size for the rows."""
        g.node(name, **attrs)
        if self.packing:
            self.size[name] = size

    def _edge(self, g: graphviz.Digraph, tail: str, head: str, **attrs: str) -> None:
        """Add an edge through graphviz, remembering whether it ranks its ends (for the rows)."""
        g.edge(tail, head, **attrs)
        if self.packing:
            ranks = attrs.get("constraint") != "false"
            (self.flow if ranks else self.ties).append((tail, head))

    # ------------------------------------------------------------------ statements
    def _statements(self) -> None:
        if self.cluster_by is None:
            for sid in self.sel.statements:
                self._statement(self.g, sid)
            return
        groups: dict[str, list[str]] = {}
        loose: list[str] = []
        for sid in self.sel.statements:
            key = self._cluster_key(sid)
            (groups.setdefault(key, []) if key is not None else loose).append(sid)
        for sid in loose:
            self._statement(self.g, sid)
        for i, (key, members) in enumerate(groups.items()):
            kind, _, value = key.partition(":")
            title = self.m.agents[value].name if kind == "speaker" else value
            with self.g.subgraph(name=f"cluster_{i}") as c:
                c.attr(
                    label=dot_text(title),
                    id=dot_text(f"cluster-{kind}-{value}"),
                    style="rounded,dashed",
                    color=style.FAINT_COLOUR,
                    fontcolor=style.NEUTRAL_COLOUR,
                )
                c.attr("graph", **{"class": f"cluster {kind}-{style.css_token(value)}"})
                for sid in members:
                    self._statement(c, sid)
            if self.packing:  # a cluster must stay in one row
                first = self.names[members[0]]
                self.ties.extend((first, self.names[sid]) for sid in members[1:])

    def _cluster_key(self, sid: str) -> str | None:
        if self.cluster_by == "speaker":
            agent = _said(self.m, self.m.attributions_of(sid)).owner
            return None if agent is None else f"speaker:{agent}"
        if self.cluster_by == "tag":
            tags = self.m.statements[sid].tags
            return f"tag:{tags[0]}" if tags else None
        return None

    def _name(self, prefix: str, ref: str) -> str:
        """A new DOT node name for ``ref``: a fixed letter and a number, never user text."""
        assert prefix in _NAME_PREFIXES
        name = f"{prefix}{len(self.names)}"
        self.names[ref] = name
        return name

    def _statement(self, g: graphviz.Digraph, sid: str) -> None:
        s = self.statements[sid]
        name = self._name("n", sid)
        attributions = self.m.attributions_of(sid)
        if not attributions and not s.reconstructed and sid not in self.labels:
            # Most statements of a big map: one template per kind, the text quoted once.
            template = self.templates.get(s.kind)
            if template is None:
                template = self._plain_statement_template(s)
            text = dot_label(s.text, self.width)
            quoted = dot_quote(text)
            # The tooltip repeats the label, escaped the same way unless there is a backslash.
            quoted_tip = (
                dot_quote(dot_tooltip(clean(s.text).split("\n"))) if "\\" in s.text else quoted
            )
            seg = template.segments
            ident = dot_quote(dot_text(f"stmt-{sid}"))
            g.body.append(f"\t{name} [label={quoted}{seg[0]}{ident}{seg[1]}{quoted_tip}{seg[2]}]\n")
            if self.packing:
                self.size[name] = _box(text.split("\\n"), shape=_SHAPE[s.kind])
            return
        said = _said(self.m, attributions)
        lines = wrap(clean(s.text), self.width)
        if self.view == "speakers":
            # The owner is the box the statement sits in; only a report is news here.
            line = "" if said.reporter is None else f"— per {self.m.agents[said.reporter].name}"
        else:
            line = said.line
        if line:
            lines.extend(wrap(line, self.width))
        classes = ["stmt", s.kind]
        attrs: dict[str, str] = {"id": dot_text(f"stmt-{sid}")}
        if isinstance(s, Factor):
            attrs["shape"] = "ellipse"
            attrs["margin"] = "0.05,0.03"
            self.legend_nodes.setdefault("factor", {"shape": "ellipse"})
        elif "claim" not in self.legend_nodes:
            self.legend_nodes["claim"] = {}
        if attributions:
            for agent in dict.fromkeys(a.agent for a in attributions if a.agent is not None):
                classes.append(f"speaker-{style.css_token(agent)}")
            for reporter in dict.fromkeys(a.reported_by for a in attributions if a.reported_by):
                classes.append(f"reporter-{style.css_token(reporter)}")
        if said.owner is not None:
            attrs["color"] = self.colour[said.owner]
            attrs["fillcolor"] = style.tint(self.colour[said.owner])
            self.legend_speakers[said.owner] = None
        if said.reporter is not None:
            # Known only through someone's report: a second border, in the reporter's colour.
            classes.append("reported")
            attrs["color"] = self.colour[said.reporter]
            attrs["peripheries"] = "2"
            self.legend_speakers[said.reporter] = None
            self.legend_nodes.setdefault("reported", {"peripheries": "2"})
        if s.reconstructed:
            classes.append("reconstructed")
            attrs["style"] = "rounded,filled,dotted" if isinstance(s, Claim) else "filled,dotted"
            self.legend_nodes.setdefault("reconstructed", {"style": "rounded,filled,dotted"})
        label = self.labels.get(sid) if self.labels else None
        if label is not None:
            classes.append(f"label-{label}")
            look = style.LABELLING_STYLE[label]
            if label == "out" and said.owner is not None:
                # Faded, but still the speaker's: the border keeps its colour, the fill pales.
                attrs["fontcolor"] = look["fontcolor"]
                attrs["fillcolor"] = style.tint(self.colour[said.owner], style.FADED_TINT)
            else:
                attrs.update(look)
            if label == "undec" and isinstance(s, Factor):
                attrs["style"] = "filled,dashed"
            self.legend_nodes.setdefault(style.LABELLING_NAME[label], dict(look))
        attrs["class"] = " ".join(classes)
        label_text = dot_lines(lines)
        if not attributions and not s.reconstructed and "\\" not in s.text:
            # The tooltip would repeat the label: use the label itself (escaped the same way
            # when there is no backslash), quoted once.
            attrs["tooltip"] = label_text
        else:
            tip = clean(s.text).split("\n")
            if attributions:
                tip.extend(self._tip_lines(attributions))
            if s.reconstructed:
                tip.append("reconstructed by the analyst")
            attrs["tooltip"] = dot_tooltip(tip)
        g.body.append(_statement_line(name, label_text, attrs))
        if self.packing:
            self.size[name] = _box(lines, shape=_SHAPE[s.kind])

    def _plain_statement_template(self, s: Claim | Factor) -> _Template:
        fixed = {"class": f"stmt {s.kind}"}
        if isinstance(s, Factor):
            fixed.update(shape="ellipse", margin="0.05,0.03")
            self.legend_nodes.setdefault("factor", {"shape": "ellipse"})
        elif "claim" not in self.legend_nodes:
            self.legend_nodes["claim"] = {}
        template = self.templates[s.kind] = _Template(fixed, ("id", "tooltip"))
        return template

    def _tip_lines(self, attributions: Sequence[Attribution]) -> list[str]:
        """One tooltip line per attribution: speaker, stance, reporter, quote, source, span."""
        agents, sources = self.m.agents, self.m.sources
        lines = []
        for a in attributions:
            who = agents[a.agent].name if a.agent is not None else "someone"
            line = f"{who} {a.stance}"
            if a.reported_by is not None:
                line += f" (reported by {agents[a.reported_by].name})"
            if a.quote is not None:
                q = a.quote
                title = sources[q.source].title if q.source in sources else q.source
                line += f": “{clean(q.text)}” — {title} [{q.start}:{q.end}]"
            lines.append(line.replace("\n", " "))
        return lines

    # ------------------------------------------------------------------ relations
    def _needs_junction(self) -> set[str]:
        """Relations drawn as a junction node: linked supports, and what a relation targets.

        One pass; ``kind`` tags, not ``isinstance``, which costs a pydantic metaclass call.
        """
        relations = self.relations
        targeted: set[str] = set()
        for rid in self.sel.relations:
            rel = relations[rid]
            if rel.kind == "support":
                if len(rel.premises) > 1:
                    targeted.add(rid)
                if rel.conclusion in relations:
                    targeted.add(rel.conclusion)
            elif rel.kind == "attack" and rel.target in relations:
                targeted.add(rel.target)
        # select() keeps a relation only when what it targets is drawn too.
        return targeted

    def _relations(self) -> None:
        junctions = self._needs_junction()
        relations = self.relations
        notes = self.view == "argument"  # the argument view draws a causal link as a note
        # Junction nodes first, so every relation can point at any junction.
        for rid in self.sel.relations:
            if rid in junctions:
                rel = relations[rid]
                if notes and rel.kind == "causal":
                    self._link_note(rel)
                else:
                    self._junction(rid)
        for rid in self.sel.relations:
            rel = relations[rid]
            if rel.kind == "support":
                self._support(rel, rid in junctions)
            elif rel.kind == "attack":
                self._attack(rel, rid in junctions)
            elif not notes:
                self._causal(rel, rid in junctions)

    def _plain(self, rel: Support | Attack) -> bool:
        """Whether a relation is drawn in its kind's template: no one said it, no overlay."""
        rid = rel.id
        return not rel.reconstructed and rid not in self.labels and not self.m.attributions_of(rid)

    def _edge_template(self, key: object, attrs: dict[str, str]) -> _Template:
        """The template of a plain relation's edge: its class (less the id) and id vary."""
        classes = attrs.pop("class").rsplit(" ", 1)[0]  # rel-<id> comes last (_relation_attrs)
        template = self.templates[key] = _Template(attrs, ("class", "id"), classes=classes)
        return template

    def _plain_edge(
        self, key: object, attrs_of: Callable[[], dict[str, str]], tail: str, head: str, rid: str
    ) -> None:
        """Append the one edge of a plain relation, made from the template of its kind ``key``
        (built from ``attrs_of()`` on its first use)."""
        template = self.templates.get(key)
        if template is None:
            template = self._edge_template(key, attrs_of())
        classes = dot_quote(f"{template.classes} rel-{style.css_token(rid)}")
        ident = dot_quote(dot_text(f"rel-{rid}"))
        names = self.names
        seg = template.segments
        self.g.body.append(
            f"\t{names[tail]} -> {names[head]} [{template.bare}{classes}{seg[1]}{ident}{seg[2]}]\n"
        )
        if self.packing:
            (self.flow if template.ranks else self.ties).append((names[tail], names[head]))

    def _relation_attrs(self, rid: str, classes: list[str], tip_head: str) -> dict[str, str]:
        """Class, tooltip and overlay of a relation's edges or node.

        The class ends with ``rel-<id>`` (as a CSS token), on every piece of the relation, so
        a page's script finds all of them; the template path relies on it coming last.
        """
        attributions = self.m.attributions_of(rid)
        classes = ["rel", *classes]
        if self.loop_of:
            classes.extend(f"loop-{label}" for label in self.loop_of.get(rid, ()))
        if attributions:
            classes.extend(
                f"speaker-{style.css_token(agent)}"
                for agent in dict.fromkeys(a.agent for a in attributions if a.agent is not None)
            )
        label = self.labels.get(rid) if self.labels else None
        attrs: dict[str, str] = {}
        if label is not None:
            classes.append(f"label-{label}")
            if label == "out":
                attrs["color"] = "#BDBDBD"
            elif label == "undec":
                attrs["style"] = "dashed"
        classes.append(f"rel-{style.css_token(rid)}")
        attrs["class"] = " ".join(classes)
        rel = self.m.relations[rid]
        tip = [tip_head, *self._tip_lines(attributions)] if attributions else [tip_head]
        if rel.reconstructed:
            tip.append("reconstructed by the analyst")
        attrs["tooltip"] = dot_tooltip(tip)
        return attrs

    def _relation_classes(self, rel: Support | Attack | CausalLink) -> tuple[list[str], str, str]:
        """Classes, tooltip head and colour of a relation."""
        if isinstance(rel, Support):
            head = "support" + (f" ({rel.scheme})" if rel.scheme else "")
            return ["support"], head, style.SUPPORT_COLOUR
        if isinstance(rel, Attack):
            colour = style.UNDERCUT_COLOUR if rel.sort == "undercut" else style.ATTACK_COLOUR
            return ["attack", rel.sort], f"attack: {rel.sort}", colour
        sign = style.CAUSAL_STYLE[rel.polarity]["label"]
        head = f"causes ({sign})" + ("" if rel.modality == "actual" else f", {rel.modality}")
        if rel.mechanism:
            head += f"; mechanism: {clean(rel.mechanism)}"
        if rel.delay:
            head += f"; delay: {clean(rel.delay)}"
        colour = self._teller_colour(rel.id) or style.NEUTRAL_COLOUR
        classes = ["causal", style.POLARITY_NAME[rel.polarity], rel.modality]
        if rel.reconstructed:
            classes.append("reconstructed")
        return classes, head.replace("\n", " "), colour

    def _teller_colour(self, rid: str) -> str | None:
        agent = _said(self.m, self.m.attributions_of(rid)).owner
        if agent is None:
            return None
        self.legend_speakers[agent] = None
        return self.colour[agent]

    def _end(self, ref: str) -> str:
        return self.names[ref]

    def _junction(self, rid: str) -> None:
        rel = self.m.relations[rid]
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rid, [*classes, "junction"], head)
        name = self._name("r", rid)
        self.legend_nodes.setdefault("junction", {"shape": "plaintext", "style": ""})
        self._node(
            self.g,
            name,
            (0.1, 0.1),
            label="",
            id=dot_text(f"rel-{rid}"),
            shape="point",
            width="0.09",
            color=colour,
            fillcolor=colour,
            **attrs,
        )

    def _link_note(self, rel: CausalLink) -> None:
        """A causal link in the argument view: a small note that evidence can point at.

        Its ends are factors, which the argument view leaves out; when one is drawn (a claim
        as cause or effect), a faint dotted line joins it without moving it.
        """
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rel.id, [*classes, "link-node"], head)
        name = self._name("r", rel.id)
        lines = wrap(clean(describe_relation(self.m, rel.id)), self.width)
        self.legend_nodes.setdefault("link-node", {"shape": "note", "fontsize": "9"})
        self._node(
            self.g,
            name,
            _box(lines, fontsize=9),
            label=dot_lines(lines),
            id=dot_text(f"rel-{rel.id}"),
            shape="note",
            style="filled",
            fillcolor="#FAFAFA",
            color=colour,
            fontsize="9",
            **attrs,
        )
        for end, part in ((rel.cause, "from"), (rel.effect, "to")):
            if end in self.names:
                tail, head_ = (self.names[end], name) if part == "from" else (name, self.names[end])
                self._edge(
                    self.g,
                    tail,
                    head_,
                    id=dot_text(f"rel-{rel.id}-{part}"),
                    style="dotted",
                    color=style.FAINT_COLOUR,
                    constraint="false",
                    **{"class": f"part rel-{style.css_token(rel.id)}"},
                )

    def _coloured_attrs(self, rel: Support | Attack) -> tuple[dict[str, str], str]:
        """A support's or attack's edge attributes, coloured by kind unless a speaker's colour
        is already set; and the kind's colour."""
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rel.id, classes, head)
        attrs.setdefault("color", colour)
        return attrs, colour

    def _support_attrs(self, rel: Support) -> dict[str, str]:
        attrs, _ = self._coloured_attrs(rel)
        if "support" not in self.legend_edges:
            self.legend_edges["support"] = {"color": style.SUPPORT_COLOUR}
        return attrs

    def _support(self, rel: Support, junction: bool) -> None:
        if not junction and self._plain(rel):
            key = ("support", rel.scheme)
            attrs_of = functools.partial(self._support_attrs, rel)
            self._plain_edge(key, attrs_of, rel.premises[0], rel.conclusion, rel.id)
            return
        attrs = self._support_attrs(rel)
        target = self._end(rel.conclusion)
        if not junction:
            attrs["id"] = dot_text(f"rel-{rel.id}")
            tail = self._end(rel.premises[0])
            self.g.body.append(_statement_line(f"{tail} -> {target}", None, attrs))
            if self.packing:
                self.flow.append((tail, target))
            return
        hub = self.names[rel.id]
        for i, premise in enumerate(rel.premises, start=1):
            self._edge(
                self.g,
                self._end(premise),
                hub,
                id=dot_text(f"rel-{rel.id}-p{i}"),
                arrowhead="none",
                **attrs,
            )
        self._edge(self.g, hub, target, id=dot_text(f"rel-{rel.id}-to"), **attrs)

    def _attack_attrs(self, rel: Attack) -> dict[str, str]:
        attrs, colour = self._coloured_attrs(rel)
        attrs["arrowhead"] = "tee"
        if rel.sort == "contradict":
            # Symmetric: a bar at each end, and no say in which of the two ranks higher.
            attrs.update(dir="both", arrowtail="tee", constraint="false")
        if rel.sort not in self.legend_edges:
            self.legend_edges[rel.sort] = {
                "color": colour,
                **{k: v for k, v in attrs.items() if k in ("arrowhead", "dir", "arrowtail")},
            }
        return attrs

    def _attack(self, rel: Attack, junction: bool) -> None:
        if not junction and self._plain(rel):
            attrs_of = functools.partial(self._attack_attrs, rel)
            self._plain_edge(("attack", rel.sort), attrs_of, rel.attacker, rel.target, rel.id)
            return
        attrs = self._attack_attrs(rel)
        source, target = self._end(rel.attacker), self._end(rel.target)
        if not junction:
            attrs["id"] = dot_text(f"rel-{rel.id}")
            self.g.body.append(_statement_line(f"{source} -> {target}", None, attrs))
            if self.packing:
                ranks = attrs.get("constraint") != "false"
                (self.flow if ranks else self.ties).append((source, target))
            return
        hub = self.names[rel.id]
        first = {**attrs, "arrowhead": "none", "dir": "forward"}
        if rel.sort == "contradict":
            first["dir"] = "back"
        self._edge(self.g, source, hub, id=dot_text(f"rel-{rel.id}-from"), **first)
        self._edge(
            self.g, hub, target, id=dot_text(f"rel-{rel.id}-to"), **{**attrs, "dir": "forward"}
        )

    def _causal(self, rel: CausalLink, junction: bool) -> None:
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rel.id, classes, head)
        sign = style.CAUSAL_STYLE[rel.polarity]
        attrs.setdefault("style", sign["style"])
        attributions = self.m.attributions_of(rel.id)
        tellers = list(
            dict.fromkeys(a.agent for a in attributions if a.stance == "asserts" and a.agent)
        )
        if "color" not in attrs:
            if "color" in sign:
                attrs["color"] = sign["color"]
            elif len(tellers) > 1:
                # Told by several: one parallel line in each teller's colour.
                attrs["color"] = ":".join(self.colour[t] for t in tellers)
            else:
                attrs["color"] = colour
        attrs["fontcolor"] = sign.get("fontcolor", attrs["color"].split(":")[0])
        lines = [sign["label"] + ("" if rel.modality == "actual" else f" ({rel.modality})")]
        if rel.delay:
            lines[0] += " ‖"
        agents = self.m.agents
        if len(tellers) > 1:
            lines.append("said by " + ", ".join(agents[t].name for t in tellers))
            self.legend_speakers.update(dict.fromkeys(tellers))
        for stance, mark in (("denies", "×"), ("questions", "?")):
            others = dict.fromkeys(a.agent for a in attributions if a.stance == stance and a.agent)
            if others:
                names = ", ".join(agents[a].name for a in others)
                lines.append(f"{mark} {_STANCE_BY[stance]} {names}")
                self.legend_speakers.update(dict.fromkeys(others))
                self.legend_edges.setdefault(f"causal-{stance}", {"color": style.NEUTRAL_COLOUR})
        if rel.reconstructed:
            attrs["arrowhead"] = "empty"
            self.legend_edges.setdefault(
                "causal-reconstructed", {"color": style.NEUTRAL_COLOUR, "arrowhead": "empty"}
            )
        elif not tellers:
            self.legend_edges.setdefault("causal-untold", {"color": style.NEUTRAL_COLOUR})
        self.legend_edges.setdefault(
            f"causal{rel.polarity}", {k: v for k, v in sign.items() if k != "label"}
        )
        label = dot_lines(wrap(clean("\n".join(lines)), self.width))
        source, target = self._end(rel.cause), self._end(rel.effect)
        if not junction:
            self._edge(self.g, source, target, label=label, id=dot_text(f"rel-{rel.id}"), **attrs)
            return
        hub = self.names[rel.id]
        self._edge(
            self.g, source, hub, id=dot_text(f"rel-{rel.id}-from"), arrowhead="none", **attrs
        )
        self._edge(self.g, hub, target, label=label, id=dot_text(f"rel-{rel.id}-to"), **attrs)

    # ------------------------------------------------------------------ causal extras
    def _opposites(self) -> None:
        done: set[str] = set()
        for sid in self.sel.statements:
            other = self.m.opposite_of(sid)
            if other is None or other in done or other not in self.names:
                continue
            done.add(sid)
            self.legend_edges.setdefault("opposite", {"style": "dotted", "dir": "none"})
            self._edge(
                self.g,
                self.names[sid],
                self.names[other],
                id=dot_text(f"opposite-{sid}-{other}"),
                style="dotted",
                dir="none",
                constraint="false",
                color=style.FAINT_COLOUR,
                tooltip="opposites",
                **{"class": "opposite"},
            )

    def _find_loops(self) -> None:
        self.loops = feedback_loops(
            self.m, statements=set(self.sel.statements), links=set(self.sel.relations)
        )
        for loop in self.loops:
            for rid in loop.links:
                self.loop_of.setdefault(rid, []).append(loop.label)

    def _loops(self) -> None:
        for i, loop in enumerate(self.loops):
            name = f"p{i}"
            assert name[0] in _NAME_PREFIXES
            tip = [f"{loop.label}: {loop.kind} loop", self._loop_path(loop)]
            if loop.flips:
                tip.append("(a ~ b: read factor a as less of its opposite b)")
            self.legend_nodes.setdefault(f"loop-{loop.kind}", {"shape": "plaintext"})
            self._node(
                self.g,
                name,
                (0.3, 0.3),
                label=loop.label,
                id=dot_text(f"loop-{loop.label}"),
                shape="circle",
                style="dashed",
                width="0.3",
                fixedsize="true",
                fontsize="10",
                color=style.FAINT_COLOUR,
                tooltip=dot_tooltip(tip),
                **{"class": f"loop {loop.kind} loop-{loop.label}"},
            )
            # The marker shares a rank with the loop's middle member, so it sits beside the
            # loop; invisible ties to the other members (not ranking them) pull it alongside.
            # Left free, markers fell to the first rank, far from their loops.
            middle = loop.statements[len(loop.statements) // 2]
            with self.g.subgraph() as same:
                same.attr(rank="same")
                same.node(name)
                same.node(self.names[middle])
            if self.packing:
                self.ties.append((name, self.names[middle]))
            for sid in loop.ends:
                if sid != middle:
                    self._edge(self.g, name, self.names[sid], style="invis", constraint="false")

    def _loop_path(self, loop: Loop) -> str:
        """'a → b → c → a', and 'b ~ b′' where the loop passes to a factor's opposite."""
        statements = self.m.statements

        def text(sid: str) -> str:
            return clean(statements[sid].text).replace("\n", " ")

        relations = self.m.relations
        steps = [relations[rid] for rid in loop.links]
        path = [text(loop.statements[0])]
        for i, step in enumerate(steps):
            assert isinstance(step, CausalLink)
            path.append(f" → {text(step.effect)}")
            following = loop.statements[(i + 1) % len(loop.statements)]
            if step.effect != following:
                path.append(f" ~ {text(following)}")
        return "".join(path)

    # ------------------------------------------------------------------ speakers view
    def _speakers(self) -> None:
        """Agents on the left, a box per agent of what it asserts, other stances as edges.

        The first drawing of the seed gave every attribution an edge of its own: Petro's ninety
        made a hairball 10,000 pixels tall. Now an agent's assertions are one edge to its box,
        the box is a grid, and the edges left are the news: denials, questions, and one agent
        asserting what another owns.
        """
        m = self.m
        shown = [*self.sel.statements, *self.sel.relations]
        said = {t: _said(m, m.attributions_of(t)) for t in shown}
        self._agents()
        groups: dict[str | None, list[str]] = {}
        for t in shown:
            groups.setdefault(said[t].owner, []).append(t)
        owners = [aid for aid in m.agents if aid in groups]
        columns = _grid_columns([len(groups[aid]) for aid in owners])
        self.g.graph_attr["compound"] = "true"  # lets an edge end at a box (lhead)
        for i, aid in enumerate(owners):
            members = groups[aid]
            box = f"cluster_{i}"
            colour = self.colour[aid]
            with self.g.subgraph(name=box) as c:
                c.attr(
                    label=dot_text(m.agents[aid].name),
                    id=dot_text(f"cluster-speaker-{aid}"),
                    style="rounded",
                    color=colour,
                    fontcolor=colour,
                )
                c.attr("graph", **{"class": f"cluster speaker-{style.css_token(aid)}"})
                for t in members:
                    self._shown(c, t)
                names = [self.names[t] for t in members]
                # A grid, row by row: a row is a chain of invisible edges, one rank a node.
                for start in range(0, len(names), columns):
                    for left, right in itertools.pairwise(names[start : start + columns]):
                        c.edge(left, right, style="invis")
            self.legend_edges.setdefault("asserts", dict(style.STANCE_STYLE["asserts"]))
            self.legend_speakers[aid] = None
            name = m.agents[aid].name
            self.g.edge(
                self.names[aid],
                names[(len(names) - 1) // columns // 2 * columns],  # the middle row's first
                lhead=box,
                label=dot_text("asserts"),
                id=dot_text(f"asserts-{aid}"),
                color=colour,
                fontcolor=colour,
                tooltip=dot_tooltip([f"{name} asserts what the box “{name}” holds"]),
                **{"class": f"attribution asserts owner speaker-{style.css_token(aid)}"},
            )
        for t in groups.get(None, ()):
            self._shown(self.g, t)
        self._stances(said)

    def _shown(self, g: graphviz.Digraph, target: str) -> None:
        if target in self.statements:
            self._statement(g, target)
        else:
            self._relation_node(g, target)

    def _agents(self) -> None:
        shown = set(self.sel.statements) | set(self.sel.relations)
        used = dict.fromkeys(
            aid
            for a in self.m.attributions
            if a.target in shown
            for aid in (a.agent, a.reported_by)
            if aid is not None
        )
        with self.g.subgraph(name="agents") as c:
            c.attr(rank="source")
            for aid in self.m.agents:
                if aid not in used:
                    continue
                agent = self.m.agents[aid]
                name = self._name("a", aid)
                lines = wrap(clean(agent.name), self.width)
                if agent.role:
                    lines.extend(wrap(clean(agent.role), self.width))
                self.legend_speakers[aid] = None
                c.node(
                    name,
                    label=dot_lines(lines),
                    id=dot_text(f"agent-{aid}"),
                    shape="box",
                    style="filled,bold",
                    color=self.colour[aid],
                    fillcolor=style.tint(self.colour[aid], 0.45),
                    tooltip=dot_tooltip([clean(agent.name)]),
                    **{"class": f"agent speaker-{style.css_token(aid)}"},
                )

    def _stances(self, said: Mapping[str, _Said]) -> None:
        """One edge per agent and target for every stance its owner's box does not already say."""
        m = self.m
        attributions = m.attributions  # a copy per access: take it once
        pairs: dict[tuple[str, str], list[int]] = {}
        for i, a in enumerate(attributions):
            if a.target not in said:
                continue
            if a.agent is not None and a.stance == "asserts" and a.agent == said[a.target].owner:
                continue  # the agent's box says it
            teller = a.agent if a.agent is not None else a.reported_by
            assert teller is not None  # an attribution names an agent or a reporter
            pairs.setdefault((teller, a.target), []).append(i)
        agents = m.agents
        for (teller, target), indices in pairs.items():
            found = [attributions[i] for i in indices]
            words: list[str] = []
            for stance in dict.fromkeys(a.stance for a in found):
                same = [a for a in found if a.stance == stance]
                if all(a.agent is None for a in same):
                    words.append(f"reports someone {stance}")
                    continue
                word: str = stance
                reporters = [a.reported_by for a in same]
                if None not in reporters:
                    word += ", per " + " and ".join(
                        dict.fromkeys(agents[r].name for r in reporters if r is not None)
                    )
                words.append(word)
            lead = next((a for a in found if a.reported_by is None), found[0])
            if lead.agent is None:
                look = {"style": "dotted", "arrowhead": "empty"}
                self.legend_edges.setdefault("reports", dict(look))
            else:
                look = dict(style.STANCE_STYLE[lead.stance])
                self.legend_edges.setdefault(lead.stance, dict(look))
            classes = ["attribution", *dict.fromkeys(a.stance for a in found)]
            classes.append(f"speaker-{style.css_token(teller)}")
            classes.extend(
                f"reporter-{style.css_token(r)}"
                for r in dict.fromkeys(a.reported_by for a in found if a.reported_by)
            )
            self.g.edge(
                self.names[teller],
                self.names[target],
                label=dot_lines(wrap(clean("; ".join(words)), self.width)),
                id=dot_text(f"attr-{indices[0]}"),
                color=self.colour[teller],
                fontcolor=self.colour[teller],
                tooltip=dot_tooltip(self._tip_lines(found)),
                **look,
                **{"class": " ".join(classes)},
            )

    def _relation_node(self, g: graphviz.Digraph, rid: str) -> None:
        rel = self.m.relations[rid]
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rid, classes, head)
        summary = describe_relation(self.m, rid)
        said = _said(self.m, self.m.attributions_of(rid))
        lines = wrap(clean(summary), self.width)
        if said.reporter is not None:
            lines.extend(wrap(f"— per {self.m.agents[said.reporter].name}", self.width))
        name = self._name("r", rid)
        self.legend_nodes.setdefault("relation", {"shape": "note"})
        g.node(
            name,
            label=dot_lines(lines),
            id=dot_text(f"rel-{rid}"),
            shape="note",
            style="filled",
            fillcolor="#FAFAFA",
            color=colour,
            **attrs,
        )
        # The note says in words what it joins. It used to be tied to its ends by dotted lines
        # as well: in the seed's speakers view, forty of them crossed every box of the grid.

    # ------------------------------------------------------------------ rows
    def _pack(self, legend: tuple[list[str], list[str], Block] | None) -> None:
        """Lay the drawing's disconnected parts out in rows (see :mod:`argmap.rendering.pack`).

        Each part is measured from the sizes and ranks its nodes will roughly get; the rows
        are then stacked by invisible point nodes, one between two rows, tied below to the top
        nodes of every part of the lower row and above to the bottom nodes of the upper one.
        The ties weigh nothing, so they rank the rows without pulling anything sideways.
        """
        parts = components(list(self.size), [*self.flow, *self.ties])
        if len(parts) < 2:
            return  # one part: where dot puts the legend beside it is fine
        lr = self.rankdir == "LR"
        nodesep = float(style.GRAPH_DEFAULTS["nodesep"])
        ranksep = float(style.GRAPH_DEFAULTS["ranksep"])
        part_of = {n: i for i, part in enumerate(parts) for n in part}
        flows: list[list[tuple[str, str]]] = [[] for _ in parts]
        for a, b in self.flow:
            if a in part_of and part_of.get(b) == part_of[a]:
                flows[part_of[a]].append((a, b))
        blocks: list[Block] = []
        bottoms: list[list[str]] = []
        tops: list[list[str]] = []
        for part, edges in zip(parts, flows, strict=True):
            level = levels(part, edges)
            ranks: dict[int, list[str]] = {}
            for n in part:
                ranks.setdefault(level[n], []).append(n)
            across = along = 0.0
            for members in ranks.values():
                sizes = [self.size[n] for n in members]
                spread = sum(h if lr else w for w, h in sizes) + nodesep * (len(sizes) - 1)
                across = max(across, spread)
                along += max(w if lr else h for w, h in sizes)
            # Between ranks: the gap, and in a left-to-right view the edges' labels too.
            along += (ranksep + (0.4 if lr else 0.0)) * (len(ranks) - 1)
            blocks.append(Block(across, along))
            bottoms.append(ranks[min(ranks)])
            tops.append(ranks[max(ranks)])
        if legend is not None:
            bottoms.append(legend[0])
            tops.append(legend[1])
            blocks.append(legend[2])
        rows = shelves(blocks, aspect=_ASPECT, ranks_across=lr)
        if len(rows) < 2:
            return
        # In rank order: left to right reads first to last; bottom to top needs them reversed
        # so that the first row comes out on top.
        for lower, upper in itertools.pairwise(rows if lr else rows[::-1]):
            anchor = f"k{self.anchors}"
            assert anchor[0] in _NAME_PREFIXES
            self.anchors += 1
            self.g.node(anchor, label="", shape="point", width="0", height="0", style="invis")
            for i in lower:
                for n in tops[i]:
                    self.g.edge(n, anchor, style="invis", weight="0")
            for i in upper:
                for n in bottoms[i]:
                    self.g.edge(anchor, n, style="invis", weight="0")

    # ------------------------------------------------------------------ legend
    def _legend(self) -> tuple[list[str], list[str], Block] | None:
        """Draw the legend; return its bottom and top nodes (in rank order) and its size.

        Entries come in short lines (five across in a bottom-to-top drawing, three down in a
        left-to-right one), speakers first, then node kinds, then edge kinds, so the legend is a
        compact block, not a strip as wide as every entry together.
        """
        entries = len(self.legend_nodes) + len(self.legend_edges) + len(self.legend_speakers)
        if not entries:
            return None
        lr = self.rankdir == "LR"
        per_line = 3 if lr else 5
        number = itertools.count()
        with self.g.subgraph(name="cluster_legend") as c:
            c.attr(
                label="Legend",
                id="legend",
                style="rounded",
                color="#BDBDBD",
                fontsize="11",
                **{"class": "legend"},
            )
            c.attr("node", fontsize="10")
            speakers: list[str] = []
            for aid in self.m.agents:
                if aid not in self.legend_speakers:
                    continue
                colour = self.colour[aid]
                name = f"L{next(number)}"
                speakers.append(name)
                c.node(
                    name,
                    label=dot_lines(wrap(clean(self.m.agents[aid].name), self.width)),
                    id=dot_text(f"legend-speaker-{aid}"),
                    color=colour,
                    fillcolor=style.tint(colour),
                    tooltip=dot_tooltip([f"said by {self.m.agents[aid].name}"]),
                    **{"class": f"legend-entry speaker-{style.css_token(aid)}"},
                )
            kinds: list[str] = []
            for key, attrs in self.legend_nodes.items():
                name = f"L{next(number)}"
                kinds.append(name)
                text = _LEGEND_TEXT.get(key, key)
                c.node(
                    name,
                    label=text,
                    id=f"legend-{key}",
                    tooltip=text,
                    **{"class": "legend-entry", **attrs},
                )
            pairs: list[tuple[str, str]] = []
            for key, attrs in self.legend_edges.items():
                tail, head = f"L{next(number)}", f"L{next(number)}"
                pairs.append((tail, head))
                text = _LEGEND_TEXT.get(key, key)
                for end in (tail, head):
                    c.node(end, label="", shape="point", width="0", style="invis")
                c.edge(
                    tail,
                    head,
                    label=text,
                    id=f"legend-{_legend_id(key)}",
                    tooltip=text,
                    weight="10",  # keeps the sample straight, head over tail
                    **{"class": "legend-entry"},
                    **attrs,
                )
            # Lines in reading order; each is (its first rank, its last rank): a line of
            # sample nodes is one rank, a line of sample edges two (tails, then heads).
            lines: list[tuple[list[str], list[str]]] = []
            for group in (speakers, kinds):
                lines.extend((chunk, chunk) for chunk in _chunks(group, per_line))
            for chunk in _chunks(pairs, per_line):
                lines.append(([t for t, _ in chunk], [h for _, h in chunk]))
            for first, last in lines:
                for row in (first, last) if first is not last else (first,):
                    if len(row) < 2:
                        continue
                    # Chained by invisible edges so that entries keep their order; heads stay
                    # over their tails (left to the layout, sample edges slanted and crossed).
                    ordered = row[::-1] if lr else row  # LR lays a rank out bottom to top
                    with c.subgraph() as same:
                        same.attr(rank="same")
                        for before, after in itertools.pairwise(ordered):
                            same.edge(before, after, style="invis")
            in_rank_order = lines if lr else lines[::-1]
            for lower, upper in itertools.pairwise(in_rank_order):
                c.edge(lower[1][0], upper[0][0], style="invis")
        widest = max(len(first) for first, _ in lines)
        edge_lines = sum(first is not last for first, last in lines)
        node_lines = len(lines) - edge_lines
        if lr:
            block = Block(widest * 0.6 + 0.5, node_lines * 1.6 + edge_lines * 1.8 + 0.5)
        else:
            block = Block(widest * 1.7 + 0.4, node_lines * 0.55 + edge_lines * 1.2 + 0.8)
        return in_rank_order[0][0], in_rank_order[-1][1], block


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

_LEGEND_TEXT: dict[str, str] = {
    "claim": "claim",
    "factor": "factor",
    "reconstructed": "reconstructed\\n(no one said it)",
    "reported": "known through a report\\n(border: the reporter)",
    "junction": "● linked premises,\\nattacked inference",
    "link-node": "causal link that\\nevidence backs or attacks",
    "accepted": "accepted",
    "rejected": "rejected",
    "undecided": "undecided",
    "relation": "relation\\nsomeone took a stance on",
    "loop-reinforcing": "R1, R2…\\nreinforcing loop",
    "loop-balancing": "B1, B2…\\nbalancing loop",
    "loop-undetermined": "U1, U2…\\nloop of unknown sign",
    "support": "supports",
    "rebut": "rebuts",
    "undermine": "undermines",
    "undercut": "undercuts\\n(an inference)",
    "contradict": "contradicts",
    "causal+": "+ same direction",
    "causal-": "− opposite direction",
    "causal0": "0 no effect",
    "causal?": "? unknown effect",
    "causal-reconstructed": "reconstructed link\\n(no one said it)",
    "causal-untold": "link no speaker\\nis named for",
    "causal-denies": "× denied by\\n(named on the link)",
    "causal-questions": "? questioned by\\n(named on the link)",
    "opposite": "opposites",
    "asserts": "asserts",
    "denies": "denies",
    "questions": "questions",
    "reports": "reports",
}


def _legend_id(key: str) -> str:
    """``causal+`` -> ``causalpos``...: the signs spelled out; other keys stay as they are."""
    if key[:-1] == "causal" and key[-1] in style.POLARITY_NAME:
        return "causal" + style.POLARITY_NAME[key[-1]]
    return key
