"""The story's spine: a path, a causal chain or a set of ids drawn strong, the rest quieter.

:func:`to_dot`'s ``highlight=`` takes

* a **chain** from :func:`argmap.causal_chains` (its ``source`` and ``steps``): its factors
  in order and its links;
* a **path**, a list or tuple of ids in order: its statements, any relation it names, and
  every drawn relation that joins two statements next to each other on it;
* a **set** of ids (set or frozenset): those, and every drawn relation whose ends are all in
  the set.

A chain or path is *aligned*: its statements share a Graphviz ``group``, which asks the layout
for straight, short edges between them, so the story reads on one line, and its edges weigh
more. The rest of the drawing gets thinner lines and paler edges; no text is paled, so every
label keeps its contrast. The spine's pieces get the class ``spine``, the rest ``quiet``.

The builder writes most lines itself (see :mod:`argmap.rendering.dot._common`), so the spine is
applied to the finished body: each line's ``id`` says which statement or relation it draws.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import graphviz  # type: ignore[import-untyped]

from argmap.errors import UnknownIdError, ViewError
from argmap.model import ArgumentMap
from argmap.rendering import style
from argmap.rendering.describe import relation_ends
from argmap.rendering.select import Selection
from argmap.rendering.text import dot_quote, dot_text

# One attribute of a DOT statement line: a name, and a quoted (with escapes) or bare value.
_ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^\s\]"]+)')
_PART = re.compile(r"-(from|to|p\d+)$")

STRONG_PEN = "3"
QUIET_PEN = "0.7"


@dataclass(frozen=True)
class Spine:
    """What to draw strong: statement ids in order (aligned when ``ordered``), relation ids."""

    statements: tuple[str, ...]
    relations: frozenset[str]
    ordered: bool


def resolve(m: ArgumentMap, sel: Selection, highlight: object) -> Spine:
    """Read ``highlight`` (a chain, a path or a set of ids) against what the drawing holds.

    Raises:
        UnknownIdError: An id that names no statement or relation of the map.
        ViewError: Something that is none of the three.
    """
    steps = getattr(highlight, "steps", None)
    source = getattr(highlight, "source", None)
    if steps is not None and isinstance(source, str):
        # A chain: each step's cause too, where the chain passes to a factor's opposite.
        ids: list[str] = [source]
        for step in steps:
            ids.extend((step.cause, step.effect, step.link))
        ordered = True
    elif isinstance(highlight, (list, tuple)):
        ids, ordered = [str(i) for i in highlight], True
    elif isinstance(highlight, (set, frozenset)):
        ids, ordered = sorted(str(i) for i in highlight), False
    else:
        raise ViewError(
            f"highlight takes a chain, a list of ids (a path) or a set of ids, not "
            f"{type(highlight).__name__}"
        )
    for ref in ids:
        if ref not in m.statements and ref not in m.relations:
            raise UnknownIdError(ref, [*m.statements, *m.relations], expected="highlighted")
    drawn = set(sel.statements)
    statements = tuple(dict.fromkeys(i for i in ids if i in drawn))
    relations = {i for i in ids if i in m.relations}
    statements = tuple(s for s in statements if s not in m.relations)
    on_path = set(statements)
    neighbours = {frozenset(pair) for pair in itertools.pairwise(statements)}
    for rid in sel.relations:
        ends = relation_ends(m.relations[rid])
        if ordered:
            if any(frozenset((a, b)) in neighbours for a in ends for b in ends if a != b):
                relations.add(rid)
        elif all(end in on_path or end in relations for end in ends):
            relations.add(rid)
    return Spine(statements, frozenset(relations & set(sel.relations)), ordered)


def _quiet_colour(value: str) -> str:
    """A line's colour, half way to white (each of a two-teller line's colours alike)."""
    colours = value.strip('"').split(":")
    if not all(re.fullmatch(r"#[0-9A-Fa-f]{6}", c) for c in colours):
        return value
    return dot_quote(":".join(style.tint(c, 0.45) for c in colours))


def _attributes(line: str) -> dict[str, tuple[int, int]] | None:
    """The attributes of one DOT statement line, name -> span of its value, read left to right.

    Read in order, a quoted value is consumed whole, so a user's label that contains
    ``class=`` or ``id=`` is never taken for an attribute (a search would, and the rewrite
    would then write inside the label). ``None`` when the line is not one statement.
    """
    start = line.find(" [")
    if start < 0 or not line.endswith("]"):
        return None
    spans: dict[str, tuple[int, int]] = {}
    at, end = start + 2, len(line) - 1
    while at < end:
        found = _ATTRIBUTE.match(line, at)
        if found is None:
            return None
        spans[found.group(1)] = found.span(2)
        at = found.end()
        while at < end and line[at] == " ":
            at += 1
    return spans


def apply(g: graphviz.Digraph, spine: Spine) -> None:
    """Rewrite the body of a built drawing: the spine strong and aligned, the rest quiet."""
    strong = {dot_quote(dot_text(f"stmt-{sid}")) for sid in spine.statements}
    relation_ids = {dot_quote(dot_text(f"rel-{rid}")) for rid in spine.relations}
    body = g.body
    # The spine's node names, to find the quiet edges that run into it (below).
    on_spine: set[str] = set()
    for line in body:
        head, _, rest = line.strip().partition(" [")
        if " -> " not in head and any(f"id={ident}" in rest for ident in strong):
            on_spine.add(head)
    for i, line in enumerate(body):
        stripped = line.rstrip("\n")
        spans = _attributes(stripped)
        if spans is None or "id" not in spans:
            continue

        def value(
            name: str, line: str = stripped, spans: dict[str, tuple[int, int]] = spans
        ) -> str:
            first, last = spans[name]
            return line[first:last]

        if "style" in spans and value("style") == "invis":
            continue
        ident = value("id")
        edge = " -> " in stripped[: stripped.find(" [")]
        # An edge of a relation drawn through a junction or note: rel-<id>-p1, -from, -to.
        bare = dot_quote(_PART.sub("", ident.strip('"')))
        is_strong = ident in strong or ident in relation_ids or (edge and bare in relation_ids)
        extra: list[str] = []
        if is_strong:
            extra.append(f"penwidth={STRONG_PEN}")
            if ident in strong and spine.ordered:
                extra.append("group=spine")
            if edge and spine.ordered:
                extra.append("weight=10")
            word = "spine"
        else:
            if "penwidth" not in spans:
                extra.append(f"penwidth={QUIET_PEN}")
            if edge and "color" in spans:
                extra.append(f"color={_quiet_colour(value('color'))}")
            word = "quiet"
            tail, _, head = stripped[: stripped.find(" [")].strip().partition(" -> ")
            into = head in on_spine and tail not in on_spine
            if edge and spine.ordered and "label" in spans and into:
                # A side story's edge into the spine: its label, laid out mid-edge, sits
                # beside the spine's own (a "−" under a "+"), so it goes to its own end.
                first = spans["label"][0] - len("label=")
                stripped = f"{stripped[:first]}tail{stripped[first:]}"
                spans = _attributes(stripped) or spans
                extra.append("labeldistance=5 labelangle=12")
        if "class" in spans:
            first, last = spans["class"]
            classes = stripped[first:last].strip('"')
            stripped = f'{stripped[:first]}"{word} {classes}"{stripped[last:]}'
        else:
            extra.append(f"class={word}")
        body[i] = stripped[:-1] + " " + " ".join(extra) + "]\n"
