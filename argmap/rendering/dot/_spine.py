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

# A statement line's id attribute: quoted (with escapes) or a bare DOT ID.
_ID = re.compile(r' id=("(?:[^"\\]|\\.)*"|[^\s\]]+)')
_COLOUR = re.compile(r' color=("[^"]*"|[^\s\]]+)')
_CLASS = re.compile(r' class=("[^"]*"|[^\s\]]+)')
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


def apply(g: graphviz.Digraph, spine: Spine) -> None:
    """Rewrite the body of a built drawing: the spine strong and aligned, the rest quiet."""
    strong: set[str] = set()
    for sid in spine.statements:
        strong.add(dot_quote(dot_text(f"stmt-{sid}")))
    relation_ids = {dot_quote(dot_text(f"rel-{rid}")): rid for rid in spine.relations}
    body = g.body
    for i, line in enumerate(body):
        stripped = line.rstrip("\n")
        if not stripped.endswith("]") or "style=invis" in stripped:
            continue
        found = _ID.search(stripped)
        if found is None:
            continue
        ident = found.group(1)
        edge = " -> " in stripped.split(" [", 1)[0]
        bare = _PART.sub("", ident.strip('"'))
        is_strong = ident in strong or (
            (dot_quote(bare) in relation_ids or ident in relation_ids)
            and (edge or ident in relation_ids)
        )
        extra: list[str] = []
        if is_strong:
            extra.append(f"penwidth={STRONG_PEN}")
            if ident in strong and spine.ordered:
                extra.append("group=spine")
            if edge and spine.ordered:
                extra.append("weight=10")
            word = "spine"
        else:
            if "penwidth=" not in stripped:
                extra.append(f"penwidth={QUIET_PEN}")
            colour = _COLOUR.search(stripped)
            if edge and colour is not None:
                extra.append(f"color={_quiet_colour(colour.group(1))}")
            word = "quiet"
        stripped = _add_class(stripped, word)
        body[i] = stripped[:-1] + " " + " ".join(extra) + "]\n"


def _add_class(line: str, word: str) -> str:
    """Add ``word`` to the line's class attribute (or give it one)."""
    found = _CLASS.search(line)
    if found is None:
        return line[:-1] + f" class={word}]"
    classes = found.group(1).strip('"')
    return line[: found.start(1)] + f'"{word} {classes}"' + line[found.end(1) :]
