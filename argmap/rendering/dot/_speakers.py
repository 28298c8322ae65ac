"""The DOT builder's speakers stage: agents, their boxes and their stances."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import graphviz  # type: ignore[import-untyped]

from argmap.rendering import style
from argmap.rendering.describe import describe_relation, relation_ends
from argmap.rendering.dot._common import _grid_columns, _note_look, _Said, _said
from argmap.rendering.dot._relations import _RelationStage
from argmap.rendering.text import clean, dot_lines, dot_text, dot_tooltip, wrap

_EXCHANGE = style.EXCHANGE_STYLE
_TIP_LIMIT = 12  # statements named in an exchange's tooltip before "and n more"


class _SpeakerStage(_RelationStage):
    """Draws the speakers view."""

    # ------------------------------------------------------------------ who answers whom
    def _who_answers_whom(self) -> None:
        """Agents as nodes, an edge per pair and kind of exchange, with counts (the whole map).

        The first speakers view held every statement in its speaker's box: it showed who said
        what, not who answers whom, in a grid of sixty boxes with long crossing edges. The
        exchanges come from the ``"agents"`` graph (:func:`argmap.to_networkx`), kept to what
        the selection shows; ``speaker=`` opens one agent's statements instead.
        """
        from argmap.graph import to_networkx

        m = self.m
        g = to_networkx(m, graph="agents")
        shown = set(self.sel.statements) | set(self.sel.relations)

        def kept(target: str) -> bool:
            # A support or attack counts when its ends are shown (no one need assert it).
            if target in shown:
                return True
            rel = self.relations.get(target)
            return rel is not None and all(
                end in shown for end in relation_ends(rel) if end in self.statements
            )

        exchanges: list[tuple[str, str, str, list[str]]] = []
        for a, b, kind, data in g.edges(keys=True, data=True):
            targets = [t for t in data["targets"] if kept(t)]
            if targets:
                exchanges.append((a, b, kind, targets))
        on_record: dict[str, int] = {}
        for aid in self._voices():
            on_record[aid] = on_record.get(aid, 0) + 1
        involved = dict.fromkeys(x for a, b, _, _ in exchanges for x in (a, b))
        if not involved:  # no one answers anyone: show who speaks at all
            involved = dict.fromkeys(aid for aid in m.agents if aid in on_record)
        if not involved:  # no agent to draw: what is said, by no one named, as before
            self._speakers()
            return
        for aid in m.agents:
            if aid not in involved:
                continue
            agent = m.agents[aid]
            lines = wrap(clean(agent.name), self.width)
            if agent.role:
                lines.extend(wrap(clean(agent.role), self.width))
            count = on_record.get(aid, 0)
            lines.append(f"{count} statement{'s' if count != 1 else ''} on record")
            colour = self.colour[aid]
            # No legend entry: the box names its agent, the legend would only repeat it.
            self.g.node(
                self._name("a", aid),
                label=dot_lines(lines),
                id=dot_text(f"agent-{aid}"),
                shape="box",
                style="rounded,filled,bold",
                color=colour,
                fillcolor=style.tint(colour, 0.45),
                tooltip=dot_tooltip(
                    [clean(agent.name), *([clean(agent.role)] if agent.role else [])]
                ),
                **{"class": f"agent speaker-{style.css_token(aid)}"},
            )
        for a, b, kind, targets in exchanges:
            look = _EXCHANGE[kind]
            self.legend_edges.setdefault(f"agents-{kind}", dict(look))
            count = len(targets)
            tip = [f"{m.agents[a].name} {kind} {m.agents[b].name}: {count}"]
            for target in targets[:_TIP_LIMIT]:
                tip.append("• " + self._said_text(target))
            if count > _TIP_LIMIT:
                tip.append(f"… and {count - _TIP_LIMIT} more")
            self.g.edge(
                self.names[a],
                self.names[b],
                label=dot_text(f"{kind} {count}"),
                id=dot_text(f"exchange-{a}-{kind}-{b}"),
                fontcolor=style.readable(look["color"]),
                # Answers weigh by how many; reporting is the background, drawn thin.
                penwidth="1" if kind == "reports" else f"{1 + math.log2(count):.2f}",
                tooltip=dot_tooltip(tip),
                **look,
                **{
                    "class": f"exchange {kind} speaker-{style.css_token(a)} "
                    f"answers-{style.css_token(b)}"
                },
            )

    def _voices(self) -> list[str]:
        """The agent on record for each statement shown (see :func:`argmap.to_networkx`)."""
        from argmap.graph import _narrator, _voices

        voice = _voices(self.m, _narrator(self.m))
        return [voice[sid] for sid in self.sel.statements if sid in voice]

    def _said_text(self, target: str) -> str:
        """A statement's text on one line, or a relation in words."""
        if target in self.statements:
            return clean(self.statements[target].text).replace("\n", " ")
        return clean(describe_relation(self.m, target)).replace("\n", " ")

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
        from argmap.graph import _narrator, _voices

        self.voice = _voices(m, _narrator(m))
        self._agents()
        groups: dict[str | None, list[str]] = {}
        for t in shown:
            # An allegation sits with who makes it: Noem's report that Petro called gang
            # members friends is in Noem's box, marked as reported, not in Petro's.
            groups.setdefault(self.voice.get(t, said[t].owner), []).append(t)
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
            box = self.voice.get(a.target, said[a.target].owner)
            if a.stance == "asserts" and box in (a.agent, a.reported_by) and box is not None:
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
