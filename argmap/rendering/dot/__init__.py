"""The Graphviz DOT of a map's view: :func:`to_dot` returns a ``graphviz.Digraph``, runs nothing.

Three views (see :mod:`argmap.rendering.select` for what each holds):

``"argument"``
    Claims as rounded boxes, conclusions on top (``rankdir=BT``). Support green with an arrow;
    attacks vermillion with one head a kind, so that greyscale tells them apart: rebut a bar,
    undermine a square, undercut (purple, pointing at the inference it attacks) a dot,
    contradiction a bar at both ends. What the analyst reconstructed is dashed grey with a
    hollow head, statements and relations alike. Linked premises meet in one small junction
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
    Who answers whom: the agents as boxes, and one edge per pair of agents and kind of exchange
    (attacks, supports, denies, questions, reports) labelled with how many statements are
    behind it, which its tooltip lists; the ``"agents"`` graph of :func:`argmap.to_networkx`
    drawn. A statement is on the record of who asserts it in person, else of its reporter,
    unless the reporter is the source's own voice (which quotes faithfully). With ``speaker=``
    the view opens that agent's statements instead: agents on the left; to the right, one box
    per agent holding what is on its record (a reported claim in its reporter's box, marked as
    reported), laid out in a grid, reached by one ``asserts`` edge; every other stance is one
    edge per agent and statement, its stances in the label and the line style (asserts solid,
    denies dashed with a bar, questions dotted).

Every speaker has a colour from :data:`argmap.rendering.style.PALETTE`, in the order the map lists
its agents, except the source's own voice (the author who reports the others), which is grey
(:func:`argmap.rendering.style.speaker_colours`). A statement is filled with the tint of its
*owner*, the first agent who asserts it in person (else the first whose assertion someone
reports), and its label names everyone once:
``— Gustavo Petro, per Kristi Noem; denied by Gustavo Petro``. A statement known only through a
report has a double border in the reporter's colour (reported speech). With a ``labelling``,
accepted claims are drawn bold, undecided ones dotted, rejected ones with their corners cut and
a paler fill, their text as black as any (the speaker's colour kept on the border); factors
carry no label. Every text has a contrast of at least 4.5:1 against what it is drawn on.

The legend is the graph's label, beside the drawing (``legend="side"``, the default): only what
the drawing shows, including the marks written on causal links (``‖`` a delayed effect,
``(general)``, ``(hypothetical)``); see :mod:`argmap.rendering.dot._legend`.

Tooltips carry the full text, every quote with its speaker, source and span.

Whole-map views whose parts are not connected (fourteen small argument trees, say) are laid out
in rows, so that the picture's shape nears a screen's
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
        n1 -> n0 [class="rel support rel-s1" color="#007A5A" id="rel-s1" tooltip=support]
    }
    <BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import graphviz  # type: ignore[import-untyped]

from argmap.model import ArgumentMap
from argmap.rendering.dot import _spine
from argmap.rendering.dot._common import _check_labelling as _check_labelling
from argmap.rendering.dot._legend import _Builder
from argmap.rendering.select import _check_cluster_by, _check_legend, _check_rankdir, select

__all__ = ["ClusterBy", "to_dot"]

ClusterBy = Literal["speaker", "tag"]


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
    legend: str | bool = "side",
    wrap: int | None = 30,
    highlight: object = None,
    rankdir: str | None = None,
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
            semantics module computes: accepted drawn bold, rejected with cut corners (the
            speaker's colour kept on the border, the text black), undecided dotted.
        max_nodes: Raise :class:`~argmap.errors.MapTooLargeError` above this many
            statements (after focusing); ``None`` to draw any size.
        legend: ``"side"`` puts a legend of the kinds, speakers and signs present beside the
            drawing (in the graph's label, where it costs the layout nothing); ``"none"``
            leaves it out. ``True`` and ``False`` mean the same two.
        wrap: Wrap labels near this many characters; ``None`` or 0 keeps lines as they are.
        highlight: The story's spine, drawn strong while the rest is quieter: a chain from
            :func:`argmap.causal_chains` or a list of ids (a path; both aligned on one line),
            or a set of ids (see :mod:`argmap.rendering.dot._spine`).
        rankdir: The direction the drawing runs: ``"TB"``, ``"LR"``, ``"BT"`` or ``"RL"``;
            ``None`` for the view's own (bottom to top for arguments, left to right else).

    Returns:
        The graph; ``.source`` is the DOT text, :func:`argmap.rendering.render` lays it out.

    Raises:
        ViewError: An unknown view, cluster_by, legend or rankdir, a bad labelling value, or
            a focus, path or speaker that leaves nothing to draw.
        UnknownIdError: ``focus``, ``path``, ``speaker``, a labelling key or a highlighted id
            names nothing.
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
    _check_cluster_by(cluster_by)
    where = _check_legend(legend)
    labels = _check_labelling(m, labelling)
    selection = select(
        m, view, focus=focus, depth=depth, path=path, speaker=speaker, max_nodes=max_nodes
    )
    direction = _check_rankdir(rankdir)
    builder = _Builder(
        m,
        selection,
        cluster_by=cluster_by,
        labels=labels,
        width=wrap,
        rankdir=direction,
        speaker=speaker,
    )
    g = builder.build(legend=where)
    if highlight is not None:
        _spine.apply(g, _spine.resolve(m, selection, highlight))
    return g
