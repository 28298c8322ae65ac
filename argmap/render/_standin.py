"""A throwaway SVG of a map, used by the HTML page until the renderer's ``to_svg`` lands.

It draws statements as boxes and relations as edges, with ``id``/``class`` attributes the way
the real renderer will set them, so the page's scripts can be developed against real Graphviz
output. Delete this module once ``argmap.render.to_svg`` exists.
"""

from __future__ import annotations

import graphviz  # type: ignore[import-untyped]

from argmap.model import ArgumentMap, Attack, CausalLink, Support

__all__ = ["standin_svg"]


def _q(text: str) -> str:
    return graphviz.escape(text)  # type: ignore[no-any-return]  # a str subclass that dot must not read as HTML


def standin_svg(m: ArgumentMap, view: str = "argument") -> str:
    """Return a plain SVG of the map in one of three views (argument, causal, speakers)."""
    g = graphviz.Digraph(
        graph_attr={"rankdir": "LR" if view == "causal" else "BT"},
        node_attr={"shape": "box", "style": "rounded", "fontname": "Helvetica"},
    )
    names: dict[str, str] = {}

    def node(item_id: str, label: str, kind: str) -> str:
        if item_id not in names:
            names[item_id] = f"n{len(names)}"
            g.node(names[item_id], label=_q(label), id=_q(f"st-{item_id}"), **{"class": kind})
        return names[item_id]

    for sid, s in m.statements.items():
        if view != "causal" or s.kind == "factor":
            node(sid, s.text, s.kind)
    for rid, r in m.relations.items():
        if isinstance(r, Support) and view == "argument":
            conclusion = names.get(r.conclusion)
            for k, p in enumerate(r.premises):
                if p in names and conclusion:
                    g.edge(
                        names[p],
                        conclusion,
                        id=_q(f"rel-{rid}-{k}"),
                        color="darkgreen",
                        **{"class": "support"},
                    )
        elif isinstance(r, Attack) and view == "argument":
            if r.attacker in names and r.target in names:
                g.edge(
                    names[r.attacker],
                    names[r.target],
                    id=_q(f"rel-{rid}-0"),
                    color="red",
                    tooltip=r.type,
                    **{"class": "attack"},
                )
        elif isinstance(r, CausalLink) and view == "causal":
            cause = node(r.cause, m.statements[r.cause].text, "claim")
            effect = node(r.effect, m.statements[r.effect].text, "claim")
            g.edge(
                cause,
                effect,
                id=_q(f"rel-{rid}-0"),
                label=r.polarity,
                style="dashed" if r.polarity == "-" else "solid",
                **{"class": "causal"},
            )
    if view == "speakers":
        for aid, agent in m.agents.items():
            g.node(f"a{len(names)}", label=_q(agent.name), id=_q(f"ag-{aid}"), shape="ellipse")
            names[aid] = f"a{len(names)}"
        for att in m.attributions:
            if att.agent and att.target in names:
                g.edge(names[att.agent], names[att.target], label=att.stance, style="dotted")
    return str(g.pipe(format="svg", encoding="utf-8"))
