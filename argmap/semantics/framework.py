"""The argumentation framework: arguments, an attack relation, and the names of the semantics.

An :class:`ArgumentationFramework` is a set of arguments (strings) and an attack relation, stored
as integer adjacency lists that every semantics in this package reads. The semantics, level,
support-reading and solver names are declared here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final, Literal, final, get_args

import networkx as nx

from argmap.errors import SemanticsError, StructureError, UnknownIdError
from argmap.names import Label

__all__ = ["ArgumentationFramework", "Level", "SemanticsName", "SolverName", "SupportReading"]

SemanticsName = Literal[
    "conflict-free",
    "admissible",
    "complete",
    "grounded",
    "preferred",
    "stable",
    "semi-stable",
    "stage",
    "ideal",
]
"""A semantics; the ICCMA codes CF, AD, CO, GR, PR, ST, SST, STG and ID are accepted too."""

Level = Literal["claims", "structured", "bipolar"]
SupportReading = Literal["deductive", "necessary", "general"]
SolverName = Literal["auto", "python", "sat"]

_ICCMA_CODES: Final[dict[str, SemanticsName]] = {
    "CF": "conflict-free",
    "AD": "admissible",
    "CO": "complete",
    "GR": "grounded",
    "PR": "preferred",
    "ST": "stable",
    "SST": "semi-stable",
    "STG": "stage",
    "ID": "ideal",
}
_NAMES: Final[frozenset[str]] = frozenset(get_args(SemanticsName))

# Labels of the grounded pass and of decoded models, as small ints for speed.
_UNDEC: Final = 0
_IN: Final = 1
_OUT: Final = 2
_LABEL_NAMES: Final[dict[int, Label]] = {_UNDEC: "undec", _IN: "in", _OUT: "out"}


def _semantics(name: str) -> SemanticsName:
    """Return the canonical semantics name for a name or an ICCMA code."""
    code = _ICCMA_CODES.get(name.upper())
    if code is not None:
        return code
    lowered = name.lower().replace("_", "-").replace("semistable", "semi-stable")
    if lowered == "conflictfree":
        lowered = "conflict-free"
    if lowered in _NAMES:
        return lowered  # type: ignore[return-value]
    choices = ", ".join(sorted(_NAMES | set(_ICCMA_CODES)))
    raise SemanticsError(f"unknown semantics {name!r}; expected one of: {choices}")


@final
class ArgumentationFramework:
    """An abstract argumentation framework: arguments and who attacks whom.

    Arguments are strings. Arguments named only in an attack are added, in order of first
    appearance; repeated attacks count once. The object is immutable and hashable; two frameworks
    are equal when they have the same arguments and the same attacks, in any order. Internally each
    argument is an index and the attack relation two adjacency lists of indices.

    Args:
        arguments: The arguments, in the order used by writers and by ``arguments``.
        attacks: ``(attacker, target)`` pairs. An argument may attack itself.

    Raises:
        TypeError: An argument is not a string.

    Examples:
        >>> af = ArgumentationFramework(["a", "b", "c"], [("a", "b"), ("b", "c")])
        >>> af
        ArgumentationFramework(3 arguments, 2 attacks)
        >>> af.attackers("b"), af.targets("b")
        (('a',), ('c',))
        >>> ArgumentationFramework(attacks=[("x", "x")]).arguments
        ('x',)
    """

    __slots__ = ("_attackers", "_hash", "_index", "_names", "_targets")

    _names: tuple[str, ...]
    _index: dict[str, int]
    _attackers: tuple[tuple[int, ...], ...]
    _targets: tuple[tuple[int, ...], ...]
    _hash: int | None

    def __init__(
        self, arguments: Iterable[str] = (), attacks: Iterable[tuple[str, str]] = ()
    ) -> None:
        names: list[str] = []
        index: dict[str, int] = {}
        pre: list[list[int]] = []
        suc: list[list[int]] = []

        def intern(name: object) -> int:
            if not isinstance(name, str):
                raise TypeError(f"an argument must be a string, not {type(name).__name__}")
            i = index[name] = len(names)
            names.append(name)
            pre.append([])
            suc.append([])
            return i

        get = index.get
        for name in arguments:
            if get(name) is None:
                intern(name)
        # A hot loop on 500,000-attack frameworks: local names and one set of int pairs.
        seen: set[tuple[int, int]] = set()
        remember = seen.add
        for attacker, target in attacks:
            i = get(attacker)
            if i is None:
                i = intern(attacker)
            j = get(target)
            if j is None:
                j = intern(target)
            edge = (i, j)
            if edge not in seen:
                remember(edge)
                suc[i].append(j)
                pre[j].append(i)
        self._set("_names", tuple(names))
        self._set("_index", index)
        self._set("_attackers", tuple(tuple(p) for p in pre))
        self._set("_targets", tuple(tuple(s) for s in suc))
        self._set("_hash", None)

    def _set(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("ArgumentationFramework is immutable")

    @classmethod
    def from_networkx(cls, graph: nx.DiGraph[Any]) -> ArgumentationFramework:
        """Build a framework from a directed graph: nodes are arguments, edges attacks.

        Nodes that are not strings are converted with ``str``.

        Args:
            graph: A ``networkx`` (multi)digraph; edge data and keys are ignored.

        Returns:
            The framework, with the graph's node order.

        Raises:
            StructureError: Two nodes have the same string form.

        Examples:
            >>> import networkx as nx
            >>> ArgumentationFramework.from_networkx(nx.DiGraph([(1, 2), (2, 2)])).attacks
            (('1', '2'), ('2', '2'))
        """
        names = [n if isinstance(n, str) else str(n) for n in graph.nodes]
        if len(set(names)) != len(names):
            raise StructureError("two graph nodes have the same string form")
        return cls(
            names,
            (
                (u if isinstance(u, str) else str(u), v if isinstance(v, str) else str(v))
                for u, v in graph.edges()
            ),
        )

    def to_networkx(self) -> nx.DiGraph[str]:
        """Return the framework as a ``networkx.DiGraph`` (nodes arguments, edges attacks).

        Examples:
            >>> sorted(ArgumentationFramework(attacks=[("a", "b")]).to_networkx().edges)
            [('a', 'b')]
        """
        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_nodes_from(self._names)
        graph.add_edges_from(self.attacks)
        return graph

    @property
    def arguments(self) -> tuple[str, ...]:
        """The arguments, in insertion order."""
        return self._names

    @property
    def attacks(self) -> tuple[tuple[str, str], ...]:
        """The attacks as ``(attacker, target)`` pairs, grouped by attacker."""
        names = self._names
        return tuple(
            (names[i], names[j]) for i, targets in enumerate(self._targets) for j in targets
        )

    def attackers(self, argument: str) -> tuple[str, ...]:
        """The arguments that attack ``argument``.

        Raises:
            UnknownIdError: ``argument`` is not in the framework.
        """
        return tuple(self._names[i] for i in self._attackers[self._position(argument)])

    def targets(self, argument: str) -> tuple[str, ...]:
        """The arguments that ``argument`` attacks.

        Raises:
            UnknownIdError: ``argument`` is not in the framework.
        """
        return tuple(self._names[i] for i in self._targets[self._position(argument)])

    def _position(self, argument: str) -> int:
        i = self._index.get(argument)
        if i is None:
            raise UnknownIdError(argument, self._names, expected="argument")
        return i

    def _positions(self, arguments: Iterable[str]) -> list[int]:
        return [self._position(a) for a in arguments]

    def __len__(self) -> int:
        return len(self._names)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __contains__(self, argument: object) -> bool:
        return argument in self._index

    def _key(self) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        return frozenset(self._names), frozenset(self.attacks)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentationFramework):
            return NotImplemented
        if len(self) != len(other):
            return False
        return self._key() == other._key()

    def __hash__(self) -> int:
        if self._hash is None:
            self._set("_hash", hash(self._key()))
        assert self._hash is not None
        return self._hash

    def __repr__(self) -> str:
        n_attacks = sum(len(t) for t in self._targets)
        return f"ArgumentationFramework({len(self)} arguments, {n_attacks} attacks)"
