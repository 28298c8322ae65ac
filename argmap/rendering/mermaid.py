"""Mermaid flowcharts of a map, for GitHub and GitLab Markdown (```` ```mermaid ```` blocks).

The same views and selections as :func:`argmap.rendering.to_dot`, drawn with Mermaid's means:
support ``-->`` green, attacks ``--x`` red (undercuts purple, to a junction), contradiction
``x--x``, causal ``+`` solid and ``−`` dotted with the sign on the link, stances in words.

Mermaid links join nodes only, so whatever points at a relation points at a node standing for it:
linked premises and an attacked or backed support or attack meet in a small round junction; in
the argument view, a causal link that a claim supports or undercuts (the view leaves its factors
out) is a note, a flag-shaped node saying in words what it joins (``“blockade” causes (+)
“migration”``), as in the SVG. A claim that is the link's cause or effect is joined to the note
by a faint dotted line.

Node ids are generated (``n0``, ``r0``...), never a user's text. Every user text (statements,
speakers, tags as subgraph titles, the speakers in the comment line) is quoted and written with
Mermaid's entity codes (``#quot;``, ``#35;``...) wherever Mermaid, HTML, Markdown or KaTeX would
read a character: ``"``, ``#``, ``&``, ``<``, ``>``, backticks, ``$``, ``%`` and ``:``. No text can
close its label, become markup or a formula, or start a directive (``%%{init}%%``, which Mermaid
reads anywhere, even in a comment) or a comment; Mermaid shows the text as it is. The test suite
checks this with Mermaid's own parser (``tests/mermaid``).

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> c = m.claim('Petro said "friends" <b>')
    >>> print(to_mermaid(m, legend=False))
    flowchart BT
      n0("Petro said #quot;friends#quot; #lt;b#gt;")
      classDef claim fill:#FFFFFF,stroke:#424242
      class n0 claim
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from argmap.model import ArgumentMap, Attack, CausalLink, Factor, Support
from argmap.rendering import style
from argmap.rendering.describe import describe_relation, relation_ends
from argmap.rendering.loops import drawn_loops
from argmap.rendering.select import _check_cluster_by, select
from argmap.rendering.text import clean, wrap

__all__ = ["mermaid_text", "to_mermaid"]

# Mermaid's entity codes (``#quot;``, ``#35;``...) are the one escape a quoted label has. Its
# renderer turns a code into the HTML entity (``&quot;``, ``&#35;``) and the browser decodes that,
# so the text shows as it is. What each character would otherwise do:
_ENTITY = {
    "#": "#35;",  # would start an entity code of the user's own
    "&": "#amp;",  # would start an HTML entity
    '"': "#quot;",  # would close the label
    "<": "#lt;",  # labels are HTML: would start a tag (<script>, <img onerror=...>)
    ">": "#gt;",
    "`": "#96;",  # a label opening with a backtick is Markdown
    "$": "#36;",  # $$...$$ is a KaTeX formula
    "%": "#37;",  # %%{...}%% is a directive wherever it stands, %% a comment
    # `fa:fa-car` becomes an icon, and a line holding `style`, `:`, `#` and `;` (or `classDef`)
    # loses its last `;` before entity codes are read, which breaks the code that ends there.
    ":": "#58;",
    # Mermaid's placeholders for entity codes while it parses are "\ufb02\u00b0...\u00b6\u00df":
    # text that held them would turn into entities of its own.
    "\ufb02": "#64258;",
    "\u00b6": "#182;",
}
_TABLE = str.maketrans(_ENTITY)
# A lone surrogate cannot be written as UTF-8 at all; it becomes U+FFFD like other unusable text.
_SURROGATE = re.compile("[\ud800-\udfff]")


def mermaid_text(text: str, width: int | None = 30) -> str:
    """Escape and wrap user text for a quoted Mermaid label; lines are joined with ``<br>``.

    Every character that Mermaid, Markdown, KaTeX or HTML would read as syntax is written as a
    Mermaid entity code, so no text can close the label, start a directive (``%%{init}%%``) or
    a comment, or become markup; Mermaid shows the text as it is.

    Examples:
        >>> mermaid_text('a "b" #c; <i> %%{init}%%', None)
        'a #quot;b#quot; #35;c; #lt;i#gt; #37;#37;{init}#37;#37;'
        >>> mermaid_text("one two three", 8)
        'one two<br>three'
    """
    text = _SURROGATE.sub("\ufffd", clean(text))
    return "<br>".join(line.translate(_TABLE) for line in wrap(text, width))


def to_mermaid(
    m: ArgumentMap,
    *,
    view: str = "argument",
    cluster_by: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    path: Sequence[str] | None = None,
    speaker: str | None = None,
    max_nodes: int | None = 2000,
    legend: bool = True,
    wrap: int | None = 30,
) -> str:
    """Return a Mermaid flowchart of one view of the map.

    Args:
        m: The map.
        view: ``"argument"``, ``"causal"`` or ``"speakers"``.
        cluster_by: ``"speaker"`` or ``"tag"`` to group statements in subgraphs.
        focus: Draw what lies within ``depth`` relations of this statement or relation.
        depth: How far from ``focus``.
        path: Two statement ids: the statements and relations between them.
        speaker: An agent id: what the agent takes a stance on and what that touches.
        max_nodes: Raise above this many statements; ``None`` for no limit.
        legend: Add a comment line naming the speakers' colours.
        wrap: Wrap labels near this many characters.

    Returns:
        The flowchart text, every user text escaped (see the module's notes), without the
        Markdown code fence (three backticks and ``mermaid``)
        that GitHub wants around it.

    Raises:
        ViewError: An unknown view or cluster_by, or nothing to draw.
        MapTooLargeError: More than ``max_nodes`` statements.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> x, y = m.factor("blockade", id="x"), m.factor("migration", id="y")
        >>> _ = m.causes(x, y, polarity="-")
        >>> print(to_mermaid(m, view="causal", legend=False))
        flowchart LR
          n0(["blockade"])
          n1(["migration"])
          n0 -.->|"−"| n1
          classDef factor fill:#FFFFFF,stroke:#424242
          class n0,n1 factor
          linkStyle 0 stroke:#424242

        A claim undercutting that link points at a note saying what the link joins:

        >>> _ = m.undercut(m.claim("Migration began earlier", id="c"), "l1")
        >>> print(to_mermaid(m, legend=False))
        flowchart BT
          n0("Migration began earlier")
          r1>"“blockade” causes (−)<br>“migration”"]
          n0 --x r1
          classDef claim fill:#FFFFFF,stroke:#424242
          class n0 claim
          classDef link fill:#FAFAFA,stroke:#424242
          class r1 link
          linkStyle 0 stroke:#6A1B9A
    """
    _check_cluster_by(cluster_by)
    sel = select(m, view, focus=focus, depth=depth, path=path, speaker=speaker, max_nodes=max_nodes)
    colour = {aid: style.speaker_colour(i) for i, aid in enumerate(m.agents)}
    names: dict[str, str] = {}
    lines = [f"flowchart {'BT' if view == 'argument' else 'LR'}"]
    classes: dict[str, list[str]] = {}
    link_colours: list[str] = []

    def primary(target: str) -> str | None:
        for a in m.attributions_of(target):
            if a.agent is not None and a.stance == "asserts":
                return a.agent
        return None

    def node_line(sid: str) -> str:
        s = m.statements[sid]
        name = names[sid] = f"n{len(names)}"
        text = mermaid_text(s.text, wrap)
        who = primary(sid)
        if who is not None:
            text += "<br>— " + mermaid_text(m.agents[who].name, wrap)
            classes.setdefault(f"sp{list(m.agents).index(who)}", []).append(name)
        else:
            classes.setdefault(s.kind, []).append(name)
        return f'{name}(["{text}"])' if isinstance(s, Factor) else f'{name}("{text}")'

    def link(src: str, arrow: str, dst: str, colour_: str, label: str = "") -> None:
        text = f'|"{mermaid_text(label, wrap)}"|' if label else ""
        lines.append(f"  {src} {arrow}{text} {dst}")
        link_colours.append(colour_)

    if view == "speakers":
        shown = set(sel.statements) | set(sel.relations)
        for aid, agent in m.agents.items():
            if any(aid in (a.agent, a.reported_by) for a in m.attributions if a.target in shown):
                names[aid] = f"a{len(names)}"
                lines.append(f'  {names[aid]}[["{mermaid_text(agent.name, wrap)}"]]')
                classes.setdefault(f"sp{list(m.agents).index(aid)}", []).append(names[aid])

    groups: dict[str, list[str]] = {}
    for sid in sel.statements:
        key = None
        if cluster_by == "speaker":
            key = primary(sid)
            key = None if key is None else m.agents[key].name
        elif cluster_by == "tag" and m.statements[sid].tags:
            key = m.statements[sid].tags[0]
        if key is None:
            lines.append("  " + node_line(sid))
        else:
            groups.setdefault(key, []).append(sid)
    for i, (title, members) in enumerate(groups.items()):
        lines.append(f'  subgraph g{i} ["{mermaid_text(title, wrap)}"]')
        lines.extend("    " + node_line(sid) for sid in members)
        lines.append("  end")

    if view == "speakers":
        for rid in sel.relations:
            if m.attributions_of(rid):
                name = names[rid] = f"r{len(names)}"
                lines.append(f'  {name}>"{mermaid_text(_kind(m, rid), wrap)}"]')
                for end in relation_ends(m.relations[rid]):
                    if end in names:
                        link(name, "-.-", names[end], style.FAINT_COLOUR)
        for a in m.attributions:
            if a.target not in names:
                continue
            if a.agent is not None:
                arrow = {"asserts": "-->", "denies": "--x", "questions": "-.->"}[a.stance]
                label: str = a.stance
                if a.reported_by is not None:
                    label += f" (per {m.agents[a.reported_by].name})"
                link(names[a.agent], arrow, names[a.target], colour[a.agent], label)
            if a.reported_by is not None:
                who = m.agents[a.agent].name if a.agent is not None else "someone"
                link(
                    names[a.reported_by],
                    "-.->",
                    names[a.target],
                    colour[a.reported_by],
                    f"reports {who} {a.stance}",
                )
    else:
        shown = set(sel.relations)
        hubs = _targets(m, sel.relations)
        for rid in sel.relations:
            rel = m.relations[rid]
            if isinstance(rel, Support) and len(rel.premises) > 1:
                hubs.add(rid)
        # The argument view holds a causal link only because evidence supports or attacks it,
        # and leaves its factors out. Mermaid cannot point a link at a link, so the causal link
        # is a note saying in words what it joins (as in the SVG), and the evidence points at it.
        notes = {
            rid
            for rid in sel.relations
            if view == "argument" and isinstance(m.relations[rid], CausalLink)
        }
        for rid in sel.relations:
            if rid in notes:
                names[rid] = f"r{len(names)}"
                lines.append(f'  {names[rid]}>"{mermaid_text(describe_relation(m, rid), wrap)}"]')
                classes.setdefault("link", []).append(names[rid])
            elif rid in hubs:
                names[rid] = f"r{len(names)}"
                lines.append(f'  {names[rid]}((" "))')
        for rid in sel.relations:
            rel = m.relations[rid]
            if rid in notes and isinstance(rel, CausalLink):
                # A claim that is the cause or effect is drawn: join it to the note, faintly.
                if rel.cause in names:
                    link(names[rel.cause], "-.-", names[rid], style.FAINT_COLOUR)
                if rel.effect in names:
                    link(names[rid], "-.-", names[rel.effect], style.FAINT_COLOUR)
            else:
                _relation(m, rid, rid in hubs, names, link, colour)
        if view == "causal":
            for i, loop in enumerate(drawn_loops(m, statements=set(sel.statements), links=shown)):
                lines.append(f'  p{i}(("{loop.name}"))')
                lines.append(f"  p{i} ~~~ {names[loop.factors[0]]}")
                link_colours.append("")

    for cls, members in classes.items():
        if cls.startswith("sp"):
            c = style.speaker_colour(int(cls[2:]))
            lines.append(f"  classDef {cls} fill:{style.tint(c)},stroke:{c}")
        elif cls == "link":
            lines.append(f"  classDef {cls} fill:#FAFAFA,stroke:{style.NEUTRAL_COLOUR}")
        else:
            lines.append(f"  classDef {cls} fill:#FFFFFF,stroke:{style.NEUTRAL_COLOUR}")
        lines.append(f"  class {','.join(members)} {cls}")
    by_colour: dict[str, list[str]] = {}
    for i, c in enumerate(link_colours):
        if c:
            by_colour.setdefault(c, []).append(str(i))
    for c, idx in by_colour.items():
        lines.append(f"  linkStyle {','.join(idx)} stroke:{c}")
    if legend and len(m.agents):
        used = [aid for aid in m.agents if f"sp{list(m.agents).index(aid)}" in classes]
        if used:
            # Mermaid has no legend; a comment keeps the key next to the chart's source. Names
            # are escaped here too: Mermaid reads a directive even inside a comment.
            key = "; ".join(
                f"{mermaid_text(' '.join(m.agents[a].name.split()), None)} {colour[a]}"
                for a in used
            )
            lines.insert(1, f"  %% speakers: {key}")
    return "\n".join(lines)


def _targets(m: ArgumentMap, relations: Sequence[str]) -> set[str]:
    """The relations that another shown relation attacks or backs: they need a junction."""
    shown = set(relations)
    out: set[str] = set()
    for rid in relations:
        rel = m.relations[rid]
        end = (
            rel.conclusion
            if isinstance(rel, Support)
            else (rel.target if isinstance(rel, Attack) else None)
        )
        if end is not None and end in shown:
            out.add(end)
    return out


def _kind(m: ArgumentMap, rid: str) -> str:
    rel = m.relations[rid]
    if isinstance(rel, Attack):
        return rel.sort
    return "support" if isinstance(rel, Support) else f"causes ({rel.polarity})"


def _relation(
    m: ArgumentMap,
    rid: str,
    hub: bool,
    names: dict[str, str],
    link: Callable[..., None],
    colour: dict[str, str],
) -> None:
    """Draw one relation's links, through its junction when it has one."""
    rel = m.relations[rid]
    if isinstance(rel, Support):
        green = style.SUPPORT_COLOUR
        if not hub:
            link(names[rel.premises[0]], "-->", names[rel.conclusion], green)
            return
        for premise in rel.premises:
            link(names[premise], "---", names[rid], green)
        link(names[rid], "-->", names[rel.conclusion], green)
        return
    if isinstance(rel, Attack):
        red = style.UNDERCUT_COLOUR if rel.sort == "undercut" else style.ATTACK_COLOUR
        arrow, first = ("x--x", "x---") if rel.sort == "contradict" else ("--x", "---")
        if not hub:
            link(names[rel.attacker], arrow, names[rel.target], red)
            return
        link(names[rel.attacker], first, names[rid], red)
        link(names[rid], "--x", names[rel.target], red)
        return
    assert isinstance(rel, CausalLink)
    sign = style.CAUSAL_STYLE[rel.polarity]
    told = next(
        (a.agent for a in m.attributions_of(rid) if a.agent is not None and a.stance == "asserts"),
        None,
    )
    c = sign.get("color") or (colour[told] if told is not None else style.NEUTRAL_COLOUR)
    arrow = "-.->" if sign["style"] in ("dashed", "dotted") else "-->"
    label = sign["label"] + ("" if rel.modality == "actual" else f" ({rel.modality})")
    if not hub:
        link(names[rel.cause], arrow, names[rel.effect], c, label)
        return
    link(names[rel.cause], "-.-" if arrow == "-.->" else "---", names[rid], c)
    link(names[rid], arrow, names[rel.effect], c, label)
