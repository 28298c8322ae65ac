"""The DOT builder's last stage: the legend, and :meth:`_Builder.build`, which runs every stage."""

from __future__ import annotations

import itertools

import graphviz  # type: ignore[import-untyped]

from argmap.rendering import style
from argmap.rendering.dot._common import _LEGEND_TEXT, _chunks, _legend_id
from argmap.rendering.dot._rows import _RowStage
from argmap.rendering.pack import Block
from argmap.rendering.text import clean, dot_lines, dot_text, dot_tooltip, wrap


class _Builder(_RowStage):
    """One drawing under construction: every stage, run in order by :meth:`build`."""

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
