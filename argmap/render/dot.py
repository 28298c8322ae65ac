"""The Graphviz DOT of a map's view: :func:`to_dot` returns a ``graphviz.Digraph``, runs nothing.

Three views (see :mod:`argmap.render.select` for what each holds):

``"argument"``
    Claims as rounded boxes, conclusions on top (``rankdir=BT``). Support green and solid, rebut
    and undermine red with a bar head, undercut purple pointing at the inference it attacks,
    contradiction a red edge with a bar at both ends. Linked premises meet in one small junction
    node before the conclusion; a relation that something attacks or backs gets one too.
``"causal"``
    Factors (ellipses) and claims left to right. ``+`` solid, labelled ``+``; ``-`` dashed,
    ``−``; ``0`` dotted grey; ``?`` grey with ``?``. A link's colour says who told it. Feedback
    loops get a marker ``R1``, ``B1``... (``U1`` when a sign is unknown) listing their members.
``"speakers"``
    Agents on the left, what they take a stance on to the right; the stance is on the edge, in
    words and in line style (asserts solid, denies dashed with a bar, questions dotted), and a
    report ("Noem reports that Petro said...") is a dotted edge from the reporter.

Every speaker has a colour from :data:`argmap.render.style.PALETTE`, in the order the map lists
its agents, and the label of a statement names who said it, so the picture reads in greyscale.
Tooltips carry the full text, every quote with its speaker, source and span.

Ids for scripts: DOT node names are generated (``n0``, ``r0``, ``a0``...), never a user's text.
The SVG keeps the map's ids in ``id`` attributes: ``stmt-<id>`` on a statement,
``rel-<id>`` on a relation's edge (or its junction node, whose edges are ``rel-<id>-p1``...
for premises, ``rel-<id>-from`` and ``rel-<id>-to``), ``agent-<id>``, ``attr-<n>`` (the n-th
attribution of the map), ``loop-<label>`` and ``legend-...``. Classes say what an element is:
``stmt claim``, ``stmt factor``, ``rel support``, ``rel attack rebut``, ``rel causal pos``,
``junction``, ``speaker-<agent>``, ``reporter-<agent>``, ``reconstructed``,
``label-in|out|undec``, ``loop-<label>``, and ``rel-<id>`` on every piece of a relation drawn in
several (junction and edges); ids inside classes go through
:func:`argmap.render.style.css_token`. A statement with no attribution has its label as tooltip.

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
        n1 -> n0 [class="rel support" color="#2E7D32" id="rel-s1" tooltip=support]
    }
    <BLANKLINE>
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Literal

import graphviz  # type: ignore[import-untyped]
from graphviz.quoting import quote as _graphviz_quote  # type: ignore[import-untyped]

from argmap.errors import UnknownIdError
from argmap.model import (
    ArgumentMap,
    Attack,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    Support,
)
from argmap.render import style
from argmap.render.loops import Loop, feedback_loops
from argmap.render.select import Selection, ViewError, select
from argmap.render.text import clean, dot_lines, dot_text, dot_tooltip, wrap

__all__ = ["ClusterBy", "to_dot"]

ClusterBy = Literal["speaker", "tag"]
_LABELS = ("in", "out", "undec")


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
        cluster_by: ``"speaker"`` groups statements in a box per speaker (the first who asserts
            them), ``"tag"`` per first tag; ``None`` for no boxes.
        focus: Draw only what lies within ``depth`` relations of this statement or relation.
        depth: How far from ``focus`` to reach.
        path: Two statement ids: draw the statements and relations between them.
        speaker: An agent id: draw what the agent takes a stance on and what that touches.
        labelling: Statement (or relation) id to ``"in"``, ``"out"`` or ``"undec"``, as the
            semantics module computes: accepted drawn bold, rejected faded, undecided dashed.
        max_nodes: Raise :class:`~argmap.render.select.MapTooLargeError` above this many
            statements (after focusing); ``None`` to draw any size.
        legend: Add a legend of the kinds, speakers and signs present.
        wrap: Wrap labels near this many characters; ``None`` or 0 keeps lines as they are.

    Returns:
        The graph; ``.source`` is the DOT text, :func:`argmap.render.render` lays it out.

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
        n0 -> n1 [label="−" class="rel causal neg actual" color="#424242" fontcolor="#424242"
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
# graphviz wraps quote() to warn about positional arguments; we pass one, so call it directly.
quote = getattr(_graphviz_quote, "__wrapped__", _graphviz_quote)


def _q(value: str) -> str:
    """graphviz's own quoting, remembered for values that repeat."""
    table = _QUOTED.setdefault(type(value), {})
    hit = table.get(value)
    if hit is None:
        hit = quote(value)
        if len(table) < 4096 and len(value) < 80:
            table[value] = hit
    return hit


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


def _check_labelling(m: ArgumentMap, labelling: Mapping[str, str] | None) -> dict[str, str]:
    if not labelling:
        return {}
    labels: dict[str, str] = {}
    for key, value in labelling.items():
        if key not in m.statements and key not in m.relations:
            raise UnknownIdError(key, [*m.statements, *m.relations], expected="labelled")
        label = str(value).lower()
        if label not in _LABELS:
            raise ViewError(f"labelling[{key!r}] = {value!r}; expected 'in', 'out' or 'undec'")
        labels[key] = label
    return labels


class _Builder:
    """One drawing under construction: generated DOT names, legend entries, the graph."""

    def __init__(
        self,
        m: ArgumentMap,
        selection: Selection,
        *,
        cluster_by: str | None,
        labels: dict[str, str],
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
        self.legend_nodes: dict[str, dict[str, str]] = {}
        self.legend_edges: dict[str, dict[str, str]] = {}
        self.legend_speakers: dict[str, None] = {}
        self.loops: list[Loop] = []
        self.loop_of: dict[str, list[str]] = {}  # causal link id -> labels of its loops
        self.g = graphviz.Digraph(
            "argmap",
            graph_attr=dict(style.GRAPH_DEFAULTS),
            node_attr=dict(style.NODE_DEFAULTS),
            edge_attr=dict(style.EDGE_DEFAULTS),
        )

    # ------------------------------------------------------------------ the whole graph
    def build(self, *, legend: bool) -> graphviz.Digraph:
        g = self.g
        g.graph_attr["rankdir"] = "LR" if self.view in ("causal", "speakers") else "BT"
        if self.m.title:
            g.graph_attr["label"] = dot_text(self.m.title)
        if self.view == "speakers":
            self._agents()
        if self.view == "causal":
            self._find_loops()
        self._statements()
        if self.view == "speakers":
            self._attributions()
        else:
            self._relations()
        if self.view == "causal":
            self._opposites()
            self._loops()
        if legend:
            self._legend()
        return g

    # ------------------------------------------------------------------ statements
    def _statements(self) -> None:
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

    def _cluster_key(self, sid: str) -> str | None:
        if self.cluster_by == "speaker":
            agent = self._primary(self.m.attributions_of(sid))
            return None if agent is None else f"speaker:{agent}"
        if self.cluster_by == "tag":
            tags = self.m.statements[sid].tags
            return f"tag:{tags[0]}" if tags else None
        return None

    @staticmethod
    def _primary(attributions: Sequence[Attribution]) -> str | None:
        """The statement's speaker for colour and clusters: the first agent who asserts it."""
        for a in attributions:
            if a.agent is not None and a.stance == "asserts":
                return a.agent
        return None

    def _statement(self, g: graphviz.Digraph, sid: str) -> None:
        s = self.m.statements[sid]
        name = f"n{len(self.names)}"
        self.names[sid] = name
        attributions = self.m.attributions_of(sid)
        lines = wrap(clean(s.text), self.width)
        said = "" if self.view == "speakers" else self._said_line(attributions)
        if said:
            lines.extend(wrap(said, self.width))
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
            primary = self._primary(attributions)
            if primary is not None:
                attrs["color"] = self.colour[primary]
                attrs["fillcolor"] = style.tint(self.colour[primary])
                self.legend_speakers[primary] = None
        if s.reconstructed:
            classes.append("reconstructed")
            attrs["style"] = "rounded,filled,dotted" if isinstance(s, Claim) else "filled,dotted"
            self.legend_nodes.setdefault("reconstructed", {"style": "rounded,filled,dotted"})
        label = self.labels.get(sid) if self.labels else None
        if label is not None:
            classes.append(f"label-{label}")
            attrs.update(style.LABELLING_STYLE[label])
            if label == "undec" and isinstance(s, Factor):
                attrs["style"] = "filled,dashed"
            self.legend_nodes.setdefault(style.LABELLING_NAME[label], style.LABELLING_STYLE[label])
        attrs["class"] = " ".join(classes)
        label_text = dot_lines(lines)
        if not attributions and not s.reconstructed and "\\" not in s.text:
            # The tooltip would repeat the label: use the label itself (escaped the same way
            # when there is no backslash), quoted once. Most statements of a big map are so.
            attrs["tooltip"] = label_text
        else:
            tip = clean(s.text).split("\n")
            if attributions:
                tip.extend(self._tip_lines(attributions))
            if s.reconstructed:
                tip.append("reconstructed by the analyst")
            attrs["tooltip"] = dot_tooltip(tip)
        g.body.append(_statement_line(name, label_text, attrs))

    def _said_line(self, attributions: Sequence[Attribution]) -> str:
        """Who said it, in the label: '— Petro; Petro denies (per Noem)'."""
        if not attributions:
            return ""
        agents = self.m.agents
        parts: dict[str, None] = {}
        for a in attributions:
            who = agents[a.agent].name if a.agent is not None else "someone"
            part = who if a.stance == "asserts" else f"{who} {a.stance}"
            if a.reported_by is not None:
                part += f" (per {agents[a.reported_by].name})"
            if a.agent is not None or a.reported_by is not None:
                parts[part] = None
        return "— " + "; ".join(parts) if parts else ""

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
        shown = set(self.sel.relations)
        targeted: set[str] = set()
        for rid in self.sel.relations:
            rel = self.m.relations[rid]
            end = (
                rel.conclusion
                if isinstance(rel, Support)
                else (rel.target if isinstance(rel, Attack) else None)
            )
            if end is not None and end in shown:
                targeted.add(end)
        for rid in self.sel.relations:
            rel = self.m.relations[rid]
            if isinstance(rel, Support) and len(rel.premises) > 1:
                targeted.add(rid)
        return targeted

    def _relations(self) -> None:
        junctions = self._needs_junction()
        # Junction nodes first, so every relation can point at any junction.
        for rid in self.sel.relations:
            if rid in junctions:
                self._junction(rid)
        for rid in self.sel.relations:
            rel = self.m.relations[rid]
            if isinstance(rel, Support):
                self._support(rel, rid in junctions)
            elif isinstance(rel, Attack):
                self._attack(rel, rid in junctions)
            else:
                self._causal(rel, rid in junctions)

    def _relation_attrs(
        self, rid: str, classes: list[str], tip_head: str, *, parts: bool = False
    ) -> dict[str, str]:
        attributions = self.m.attributions_of(rid)
        classes = ["rel", *classes]
        if parts:  # a relation drawn in several pieces: one class to find them all
            classes.append(f"rel-{style.css_token(rid)}")
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
            colour = style.UNDERCUT_COLOUR if rel.type == "undercut" else style.ATTACK_COLOUR
            return ["attack", rel.type], f"attack: {rel.type}", colour
        sign = style.CAUSAL_STYLE[rel.polarity]["label"]
        head = f"causes ({sign})" + ("" if rel.modality == "actual" else f", {rel.modality}")
        if rel.mechanism:
            head += f"; mechanism: {clean(rel.mechanism)}"
        if rel.delay:
            head += f"; delay: {clean(rel.delay)}"
        colour = self._teller_colour(rel.id) or style.NEUTRAL_COLOUR
        classes = ["causal", style.POLARITY_NAME[rel.polarity], rel.modality]
        return classes, head.replace("\n", " "), colour

    def _teller_colour(self, rid: str) -> str | None:
        agent = self._primary(self.m.attributions_of(rid))
        if agent is None:
            return None
        self.legend_speakers[agent] = None
        return self.colour[agent]

    def _end(self, ref: str) -> str:
        return self.names[ref]

    def _junction(self, rid: str) -> None:
        rel = self.m.relations[rid]
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rid, [*classes, "junction"], head, parts=True)
        name = f"r{len(self.names)}"
        self.names[rid] = name
        self.legend_nodes.setdefault("junction", {"shape": "plaintext", "style": ""})
        self.g.node(
            name,
            label="",
            id=dot_text(f"rel-{rid}"),
            shape="point",
            width="0.09",
            color=colour,
            fillcolor=colour,
            **attrs,
        )

    def _support(self, rel: Support, junction: bool) -> None:
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rel.id, classes, head, parts=junction)
        attrs["color"] = attrs.get("color", colour)
        if "support" not in self.legend_edges:
            self.legend_edges["support"] = {"color": style.SUPPORT_COLOUR}
        target = self._end(rel.conclusion)
        if not junction:
            attrs["id"] = dot_text(f"rel-{rel.id}")
            edge = f"{self._end(rel.premises[0])} -> {target}"
            self.g.body.append(_statement_line(edge, None, attrs))
            return
        hub = self.names[rel.id]
        for i, premise in enumerate(rel.premises, start=1):
            self.g.edge(
                self._end(premise),
                hub,
                id=dot_text(f"rel-{rel.id}-p{i}"),
                arrowhead="none",
                **attrs,
            )
        self.g.edge(hub, target, id=dot_text(f"rel-{rel.id}-to"), **attrs)

    def _attack(self, rel: Attack, junction: bool) -> None:
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rel.id, classes, head, parts=junction)
        attrs["color"] = attrs.get("color", colour)
        attrs["arrowhead"] = "tee"
        if rel.type == "contradict":
            # Symmetric: a bar at each end, and no say in which of the two ranks higher.
            attrs.update(dir="both", arrowtail="tee", constraint="false")
        if rel.type not in self.legend_edges:
            self.legend_edges[rel.type] = {
                k: v for k, v in attrs.items() if k in ("color", "arrowhead", "dir", "arrowtail")
            }
        source, target = self._end(rel.attacker), self._end(rel.target)
        if not junction:
            attrs["id"] = dot_text(f"rel-{rel.id}")
            self.g.body.append(_statement_line(f"{source} -> {target}", None, attrs))
            return
        hub = self.names[rel.id]
        first = {**attrs, "arrowhead": "none", "dir": "forward"}
        if rel.type == "contradict":
            first["dir"] = "back"
        self.g.edge(source, hub, id=dot_text(f"rel-{rel.id}-from"), **first)
        self.g.edge(hub, target, id=dot_text(f"rel-{rel.id}-to"), **{**attrs, "dir": "forward"})

    def _causal(self, rel: CausalLink, junction: bool) -> None:
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rel.id, classes, head, parts=junction)
        sign = style.CAUSAL_STYLE[rel.polarity]
        attrs.setdefault("style", sign["style"])
        if "color" not in attrs:
            attrs["color"] = sign.get("color", colour)
        attrs["fontcolor"] = sign.get("fontcolor", attrs["color"])
        label = sign["label"]
        if rel.modality != "actual":
            label += f" ({rel.modality})"
        if rel.delay:
            label += " ‖"
        self.legend_edges.setdefault(
            f"causal{rel.polarity}", {k: v for k, v in sign.items() if k != "label"}
        )
        source, target = self._end(rel.cause), self._end(rel.effect)
        if not junction:
            self.g.edge(source, target, label=label, id=dot_text(f"rel-{rel.id}"), **attrs)
            return
        hub = self.names[rel.id]
        self.g.edge(source, hub, id=dot_text(f"rel-{rel.id}-from"), arrowhead="none", **attrs)
        self.g.edge(hub, target, label=label, id=dot_text(f"rel-{rel.id}-to"), **attrs)

    # ------------------------------------------------------------------ causal extras
    def _opposites(self) -> None:
        done: set[str] = set()
        for sid in self.sel.statements:
            other = self.m.opposite_of(sid)
            if other is None or other in done or other not in self.names:
                continue
            done.add(sid)
            self.legend_edges.setdefault("opposite", {"style": "dotted", "dir": "none"})
            self.g.edge(
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
            members = [clean(self.m.statements[s].text).replace("\n", " ") for s in loop.statements]
            tip = [f"{loop.label}: {loop.kind} loop", " → ".join([*members, members[0]])]
            self.legend_nodes.setdefault(f"loop-{loop.kind}", {"shape": "plaintext"})
            self.g.node(
                name,
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
            for sid in loop.statements:
                if sid != middle:
                    self.g.edge(name, self.names[sid], style="invis", constraint="false")

    # ------------------------------------------------------------------ speakers view
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
                name = f"a{len(self.names)}"
                self.names[aid] = name
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

    def _attributions(self) -> None:
        said_relations = [rid for rid in self.sel.relations if self.m.attributions_of(rid)]
        for rid in said_relations:
            self._relation_node(rid)
        for i, a in enumerate(self.m.attributions):
            if a.target not in self.names or a.target in self.m.agents:
                continue
            target = self.names[a.target]
            tip = dot_tooltip(self._tip_lines([a]))
            if a.agent is not None:
                stance = style.STANCE_STYLE[a.stance]
                label: str = a.stance
                if a.reported_by is not None:
                    label += f" (per {self.m.agents[a.reported_by].name})"
                self.legend_edges.setdefault(a.stance, dict(stance))
                self.g.edge(
                    self.names[a.agent],
                    target,
                    label=dot_lines(wrap(clean(label), self.width)),
                    id=dot_text(f"attr-{i}"),
                    color=self.colour[a.agent],
                    fontcolor=self.colour[a.agent],
                    tooltip=tip,
                    **stance,
                    **{"class": f"attribution {a.stance} speaker-{style.css_token(a.agent)}"},
                )
            if a.reported_by is not None:
                who = self.m.agents[a.agent].name if a.agent is not None else "someone"
                self.legend_edges.setdefault("reports", {"style": "dotted", "arrowhead": "empty"})
                self.g.edge(
                    self.names[a.reported_by],
                    target,
                    label=dot_lines(wrap(clean(f"reports {who} {a.stance}"), self.width)),
                    id=dot_text(f"attr-{i}-report"),
                    style="dotted",
                    arrowhead="empty",
                    color=self.colour[a.reported_by],
                    fontcolor=self.colour[a.reported_by],
                    tooltip=tip,
                    **{"class": f"attribution reports reporter-{style.css_token(a.reported_by)}"},
                )

    def _relation_node(self, rid: str) -> None:
        rel = self.m.relations[rid]
        classes, head, colour = self._relation_classes(rel)
        attrs = self._relation_attrs(rid, classes, head, parts=True)
        ends = [e for e in _ends(rel) if e in self.names]
        summary = _describe(self.m, rid)
        name = f"r{len(self.names)}"
        self.names[rid] = name
        self.legend_nodes.setdefault("relation", {"shape": "note"})
        self.g.node(
            name,
            label=dot_lines(wrap(clean(summary), self.width)),
            id=dot_text(f"rel-{rid}"),
            shape="note",
            style="filled",
            fillcolor="#FAFAFA",
            color=colour,
            **attrs,
        )
        for k, end in enumerate(ends):
            self.g.edge(
                name,
                self.names[end],
                id=dot_text(f"rel-{rid}-e{k + 1}"),
                style="dotted",
                arrowhead="none",
                color=style.FAINT_COLOUR,
                **{"class": f"part rel-{style.css_token(rid)}"},
            )

    # ------------------------------------------------------------------ legend
    def _legend(self) -> None:
        entries = len(self.legend_nodes) + len(self.legend_edges) + len(self.legend_speakers)
        if not entries:
            return
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
            # Three rows: sample nodes, the tails of sample edges, their heads. Each row is
            # chained by invisible edges so that heads stay over their tails: with tails and
            # sample nodes sharing a row, or left to the layout, sample edges slanted and
            # crossed each other.
            first: list[str] = []
            tails: list[str] = []
            second: list[str] = []
            for aid in self.m.agents:
                if aid not in self.legend_speakers:
                    continue
                colour = self.colour[aid]
                name = f"L{len(first) + len(tails) + len(second)}"
                first.append(name)
                c.node(
                    name,
                    label=dot_lines(wrap(clean(self.m.agents[aid].name), self.width)),
                    id=dot_text(f"legend-speaker-{aid}"),
                    color=colour,
                    fillcolor=style.tint(colour),
                    tooltip=dot_tooltip([f"said by {self.m.agents[aid].name}"]),
                    **{"class": f"legend-entry speaker-{style.css_token(aid)}"},
                )
            for key, attrs in self.legend_nodes.items():
                name = f"L{len(first) + len(tails) + len(second)}"
                first.append(name)
                text = _LEGEND_TEXT.get(key, key)
                c.node(
                    name,
                    label=text,
                    id=f"legend-{key}",
                    tooltip=text,
                    **{"class": "legend-entry", **attrs},
                )
            for key, attrs in self.legend_edges.items():
                tail = f"L{len(first) + len(tails) + len(second)}"
                head = f"L{len(first) + len(tails) + len(second) + 1}"
                tails.append(tail)
                second.append(head)
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
            if first and tails:
                c.edge(first[0], tails[0], style="invis")
            for row in (first, tails, second):
                if len(row) < 2:
                    continue
                if self.g.graph_attr["rankdir"] == "LR":
                    row.reverse()  # LR lays a rank out bottom to top; read it top down
                with c.subgraph() as same:
                    same.attr(rank="same")
                    for before, after in itertools.pairwise(row):
                        same.edge(before, after, style="invis")


_LEGEND_TEXT: dict[str, str] = {
    "claim": "claim",
    "factor": "factor",
    "reconstructed": "reconstructed\\n(no one said it)",
    "junction": "● linked premises,\\nattacked inference",
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
    "opposite": "opposites",
    "asserts": "asserts",
    "denies": "denies",
    "questions": "questions",
    "reports": "reports",
}


def _legend_id(key: str) -> str:
    return key.replace("+", "pos").replace("-", "neg").replace("0", "zero").replace("?", "unknown")


def _ends(rel: Support | Attack | CausalLink) -> list[str]:
    if isinstance(rel, Support):
        return [*rel.premises, rel.conclusion]
    if isinstance(rel, Attack):
        return [rel.attacker, rel.target]
    return [rel.cause, rel.effect]


def _describe(m: ArgumentMap, rid: str, *, nested: bool = False) -> str:
    """A relation in words: '“A” + “B” support “C”', '“D” undercuts (the support ...)'."""
    rel = m.relations[rid]

    def end(ref: str) -> str:
        if ref in m.statements:
            return _short(m.statements[ref].text)
        return "(an inference)" if nested else f"({_describe(m, ref, nested=True)})"

    if isinstance(rel, Support):
        return f"{' + '.join(end(p) for p in rel.premises)} support {end(rel.conclusion)}"
    if isinstance(rel, Attack):
        return f"{end(rel.attacker)} {rel.type}s {end(rel.target)}"
    sign = style.CAUSAL_STYLE[rel.polarity]["label"]
    return f"{end(rel.cause)} causes ({sign}) {end(rel.effect)}"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"
