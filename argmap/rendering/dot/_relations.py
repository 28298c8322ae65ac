"""The DOT builder's relations stage: supports, attacks and causal links, opposites and loops."""

from __future__ import annotations

import functools
from collections.abc import Callable

from argmap.causal import Loop
from argmap.model import Attack, CausalLink, Support
from argmap.rendering import style
from argmap.rendering.describe import describe_relation
from argmap.rendering.dot._common import (
    _NAME_PREFIXES,
    _STANCE_BY,
    _box,
    _note_look,
    _said,
    _statement_line,
    _Template,
)
from argmap.rendering.dot._statements import _StatementStage
from argmap.rendering.loops import drawn_loops
from argmap.rendering.text import clean, dot_lines, dot_quote, dot_text, dot_tooltip, wrap


class _RelationStage(_StatementStage):
    """Draws the selection's relations, and a causal view's opposites and loops."""

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
        # A labelling's colour or dash overrides the relation's own (one key each, in place).
        look = {
            "label": "",
            "id": dot_text(f"rel-{rid}"),
            "shape": "point",
            "width": "0.09",
            "color": colour,
            "fillcolor": colour,
        }
        self._node(self.g, name, (0.1, 0.1), **(look | attrs))

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
            # A labelling's colour or dash overrides the note's own (one key each, in place).
            **(
                {"label": dot_lines(lines)} | _note_look(rel.id, colour) | {"fontsize": "9"} | attrs
            ),
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
        self.loops = drawn_loops(
            self.m, statements=set(self.sel.statements), links=set(self.sel.relations)
        )
        for loop in self.loops:
            for rid in loop.links:
                self.loop_of.setdefault(rid, []).append(loop.name)

    def _loops(self) -> None:
        for i, loop in enumerate(self.loops):
            name = f"p{i}"
            assert name[0] in _NAME_PREFIXES
            tip = [f"{loop.name}: {loop.kind} loop", self._loop_path(loop)]
            if loop.flips:
                tip.append("(a ~ b: read factor a as less of its opposite b)")
            self.legend_nodes.setdefault(f"loop-{loop.kind}", {"shape": "plaintext"})
            self._node(
                self.g,
                name,
                (0.3, 0.3),
                label=loop.name,
                id=dot_text(f"loop-{loop.name}"),
                shape="circle",
                style="dashed",
                width="0.3",
                fixedsize="true",
                fontsize="10",
                color=style.FAINT_COLOUR,
                tooltip=dot_tooltip(tip),
                **{"class": f"loop {loop.kind} loop-{loop.name}"},
            )
            # The marker shares a rank with the loop's middle member, so it sits beside the
            # loop; invisible ties to the other members (not ranking them) pull it alongside.
            # Left free, markers fell to the first rank, far from their loops.
            middle = loop.factors[len(loop.factors) // 2]
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
        path = [text(loop.factors[0])]
        for i, step in enumerate(steps):
            assert isinstance(step, CausalLink)
            path.append(f" → {text(step.effect)}")
            following = loop.factors[(i + 1) % len(loop.factors)]
            if step.effect != following:
                path.append(f" ~ {text(following)}")
        return "".join(path)
