"""The DOT builder's speakers stage: agents, their boxes and their stances."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import graphviz  # type: ignore[import-untyped]

from argmap.rendering import style
from argmap.rendering.describe import describe_relation
from argmap.rendering.dot._common import _grid_columns, _note_look, _Said, _said
from argmap.rendering.dot._relations import _RelationStage
from argmap.rendering.text import clean, dot_lines, dot_text, dot_tooltip, wrap


class _SpeakerStage(_RelationStage):
    """Draws the speakers view."""

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
                    fontcolor=style.readable(colour),
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
            self._mark_speaker(aid, "fill")
            name = m.agents[aid].name
            self.g.edge(
                self.names[aid],
                names[(len(names) - 1) // columns // 2 * columns],  # the middle row's first
                lhead=box,
                label=dot_text("asserts"),
                id=dot_text(f"asserts-{aid}"),
                color=colour,
                fontcolor=style.readable(colour),
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
                self._mark_speaker(aid, "fill")
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
                fontcolor=style.readable(self.colour[teller]),
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
            **_note_look(rid, colour),
            **attrs,
        )
        # The note says in words what it joins. It used to be tied to its ends by dotted lines
        # as well: in the seed's speakers view, forty of them crossed every box of the grid.
