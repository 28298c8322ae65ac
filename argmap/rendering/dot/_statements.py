"""The first stage of the DOT builder: its state, and the statements as nodes.

Each stage of :mod:`argmap.rendering.dot` is a class that extends the one before it and calls
only what earlier stages define; :class:`argmap.rendering.dot._legend._Builder`, the last,
runs them all.
"""

from __future__ import annotations

from collections.abc import Sequence

import graphviz  # type: ignore[import-untyped]

from argmap.causal import Loop
from argmap.model import ArgumentMap, Attribution, Claim, Factor
from argmap.names import Label
from argmap.rendering import style
from argmap.rendering.dot._common import (
    _NAME_PREFIXES,
    _PACK_LIMIT,
    _SHAPE,
    _box,
    _said,
    _statement_line,
    _Template,
)
from argmap.rendering.select import Selection
from argmap.rendering.text import (
    clean,
    dot_label,
    dot_lines,
    dot_quote,
    dot_text,
    dot_tooltip,
    wrap,
)


class _StatementStage:
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
