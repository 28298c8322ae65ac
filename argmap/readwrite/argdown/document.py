"""Argdown's model of a document: statements, arguments, relations, sections and its map."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from argmap.model import (
    ArgumentMap,
)

# --------------------------------------------------------------------------------------------
# Argdown's model
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Range:
    """A formatted stretch of a statement's text: ``start`` and inclusive ``stop`` offsets."""

    type: str
    start: int
    stop: int
    title: str | None = None
    url: str | None = None
    tag: str | None = None


@dataclass(eq=False)
class Section:
    """A heading: ``id`` (``s1``, ...), ``title``, ``level``, its sub-sections and group flag."""

    id: str
    title: str
    level: int
    line: int
    column: int
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    is_group: bool | None = None
    is_closed: bool | None = None
    tags: list[str] = field(default_factory=list)
    data: Any = None
    ranges: list[Range] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Section({self.id!r}, {self.title!r}, level={self.level})"


@dataclass(eq=False)
class Inference:
    """The step to a conclusion in a premise-conclusion structure."""

    line: int
    column: int
    rules: list[str] = field(default_factory=list)
    data: Any = None
    argument_title: str | None = None
    conclusion_index: int | None = None
    relations: list[Relation] = field(default_factory=list)
    type: str = "inference"

    @property
    def title(self) -> str:
        """The argument's title (Argdown names an inference by its argument)."""
        return self.argument_title or ""

    def __repr__(self) -> str:
        return f"Inference({self.argument_title!r}, {self.conclusion_index}, rules={self.rules!r})"


@dataclass(eq=False)
class Occurrence:
    """One place in the text where a statement (or an argument's description) occurs.

    ``role`` is ``top-level-statement``, ``relation-statement``, ``premise``,
    ``intermediary-conclusion``, ``main-conclusion``, ``argument-description`` or ``None``
    (list items).
    """

    line: int
    column: int
    role: str | None = None
    title: str | None = None
    text: str | None = None
    is_reference: bool = False
    is_top_level: bool = False
    tags: list[str] = field(default_factory=list)
    data: Any = None
    ranges: list[Range] = field(default_factory=list)
    section: Section | None = None
    argument_title: str | None = None
    inference: Inference | None = None
    pcs: list[Occurrence] | None = None

    def __repr__(self) -> str:
        return f"Occurrence({self.title!r}, role={self.role!r}, text={self.text!r})"


class _Members:
    """What statements (equivalence classes) and arguments share: a canonical member."""

    members: list[Occurrence]  # a dataclass field of each subclass

    def canonical_member(self) -> Occurrence | None:
        """The last member that is not a bare reference (or the last whose data says
        ``isCanonical``)."""
        fallback = None
        for member in reversed(self.members):
            if member.is_reference:
                continue
            if isinstance(member.data, dict) and member.data.get("isCanonical"):
                return member
            if fallback is None:
                fallback = member
        return fallback

    @property
    def text(self) -> str | None:
        """The canonical member's text."""
        member = self.canonical_member()
        return member.text if member else None


@dataclass(eq=False)
class EquivalenceClass(_Members):
    """All statements that share a title; Argdown treats them as logically equivalent."""

    title: str
    members: list[Occurrence] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    is_used_as_premise: bool = False
    is_used_as_main_conclusion: bool = False
    is_used_as_intermediary_conclusion: bool = False
    is_used_as_top_level_statement: bool = False
    is_used_as_relation_statement: bool = False
    untitled: bool = False
    type: str = "equivalence-class"

    def __repr__(self) -> str:
        return f"EquivalenceClass({self.title!r}, members={len(self.members)})"


@dataclass(eq=False)
class Argument(_Members):
    """An argument: its descriptions (``members``) and, when reconstructed, its ``pcs``."""

    title: str
    members: list[Occurrence] = field(default_factory=list)
    pcs: list[Occurrence] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: Section | None = None
    untitled: bool = False
    type: str = "argument"
    exploded_from: str | None = None
    """The argument's title before ``model.explodeArguments`` split it into steps."""

    @property
    def is_reconstructed(self) -> bool:
        """True when the argument has a premise-conclusion structure."""
        return bool(self.pcs)

    def __repr__(self) -> str:
        return f"Argument({self.title!r}, pcs={len(self.pcs)})"


RelationMember = EquivalenceClass | Argument | Inference


@dataclass(eq=False)
class Relation:
    """A relation between Argdown elements, as Argdown's model holds it."""

    relation_type: str
    source: RelationMember | None = None
    target: RelationMember | None = None
    occurrences: list[tuple[int, int]] = field(default_factory=list)

    def __repr__(self) -> str:
        ends = (getattr(self.source, "title", None), getattr(self.target, "title", None))
        return f"Relation({self.relation_type!r}, {ends[0]!r} -> {ends[1]!r})"


class ArgdownRelation(NamedTuple):
    """One relation by title: ``(source, type, target)`` plus the kinds of both ends.

    ``type`` is Argdown's: support, attack, undercut, contradictory, contrary or entails. A kind is
    ``argument``, ``equivalence-class`` or ``inference`` (then ``target`` is the argument's title
    and ``conclusion_index`` the 0-based place of the inferred conclusion in its pcs).
    """

    source: str
    type: str
    target: str
    source_kind: str
    target_kind: str
    conclusion_index: int | None = None


@dataclass(eq=False)
class MapNode:
    """A node of Argdown's argument map: ``kind`` is ``statement``, ``argument`` or ``group``.

    ``group`` is the id of the enclosing group node, ``None`` at the top.
    """

    id: str
    kind: str
    title: str
    label_title: str | None = None
    label_text: str | None = None
    tags: list[str] = field(default_factory=list)
    group: str | None = None
    level: int | None = None


@dataclass(eq=False)
class MapEdge:
    """An edge of Argdown's argument map between two node ids."""

    id: str
    source: str
    target: str
    relation_type: str
    source_equivalence_class: str | None = None
    target_equivalence_class: str | None = None


@dataclass(eq=False)
class ArgdownDocument:
    """What Argdown makes of one text: its model, sections and argument map.

    Attributes:
        statements: Equivalence classes by title, in Argdown's order.
        arguments: Arguments by title, in Argdown's order.
        relation_objects: Argdown's relations as objects (ends are classes, arguments, inferences).
        sections: The top-level sections (headings); each holds its sub-sections.
        tags: Tag names in the order they first occur.
        frontmatter: The YAML front matter (``None`` when there is none).
        settings: The settings in effect (defaults merged with the front matter).
        origin: Where the text came from (a file name), for messages.
        creation_order: Equivalence classes and arguments in the order Argdown created them
            (the dictionaries follow JavaScript's key order, which puts numeric titles first).
    """

    statements: dict[str, EquivalenceClass]
    arguments: dict[str, Argument]
    relation_objects: list[Relation]
    sections: list[Section]
    tags: list[str]
    frontmatter: Any
    settings: dict[str, Any]
    origin: str | None = None
    creation_order: list[EquivalenceClass | Argument] = field(default_factory=list)
    # Post-processing hands over how to draw the map; the model itself knows no plugin.
    _map_builder: Callable[[], tuple[list[MapNode], list[MapEdge]]] | None = field(
        default=None, repr=False
    )
    _map: tuple[list[MapNode], list[MapEdge]] | None = field(default=None, repr=False)

    def _argdown_map(self) -> tuple[list[MapNode], list[MapEdge]]:
        if self._map is None:  # built on first use: reading into argmap needs no Argdown map
            assert self._map_builder is not None
            self._map = self._map_builder()
        return self._map

    @property
    def map_nodes(self) -> list[MapNode]:
        """The map's nodes in pre-order (a group before what it holds), as Argdown draws them."""
        return self._argdown_map()[0]

    @property
    def map_edges(self) -> list[MapEdge]:
        """The map's edges in Argdown's order."""
        return self._argdown_map()[1]

    @property
    def relations(self) -> list[ArgdownRelation]:
        """Argdown's relations by title: ``(source, type, target, source_kind, target_kind)``."""
        return [_relation_by_title(r) for r in self.relation_objects]

    def to_map(self) -> ArgumentMap:
        """Return the :class:`~argmap.model.ArgumentMap` this document describes.

        See :mod:`argmap.readwrite.argdown` for how each Argdown element maps.

        Raises:
            FormatError: The document's ``argmap`` data is malformed or names missing ids.
        """
        from argmap.readwrite.argdown.to_map import document_to_map  # the one lazy arrow up

        return document_to_map(self)

    def iter_sections(self) -> Iterator[Section]:
        """All sections in document order (pre-order), walked without recursion."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def __repr__(self) -> str:
        return (
            f"ArgdownDocument(statements={len(self.statements)}, arguments={len(self.arguments)},"
            f" relations={len(self.relation_objects)}, map_nodes={len(self.map_nodes)},"
            f" map_edges={len(self.map_edges)})"
        )


def _member_kind(member: RelationMember | None) -> str:
    if isinstance(member, EquivalenceClass):
        return "equivalence-class"
    if isinstance(member, Argument):
        return "argument"
    return "inference"


def _relation_by_title(relation: Relation) -> ArgdownRelation:
    source, target = relation.source, relation.target
    assert source is not None and target is not None
    return ArgdownRelation(
        source=source.title,
        type=relation.relation_type,
        target=target.title,
        source_kind=_member_kind(source),
        target_kind=_member_kind(target),
        conclusion_index=target.conclusion_index if isinstance(target, Inference) else None,
    )
