"""Which arguments survive their attackers: abstract argumentation semantics.

An :class:`ArgumentationFramework` is a set of arguments (strings) and an attack relation.
:func:`af_from_map` reads one off an argument map at one of three levels (``"claims"``,
``"structured"``, ``"bipolar"``, described in ``docs/semantics.md`` and in its docstring).
The free functions compute Dung's semantics (conflict-free, admissible, complete, grounded,
preferred, stable, semi-stable, stage, ideal) as extensions or in/out/undec labellings, solve the
ICCMA tasks (one extension, all extensions, credulous and sceptical acceptance) and compute the
gradual h-categorizer and DF-QuAD strengths.

Grounded semantics runs in linear time. The NP-hard tasks are reduced to the undecided part of the
grounded labelling and then solved by one of two interchangeable back ends on the same labelling
encoding: a small pure-Python CDCL search (its unit propagation *is* labelling propagation) or,
when the optional ``sat`` extra (python-sat) is installed, CaDiCaL. Every algorithm is
iterative: a 100,000-long attack chain does not touch the recursion limit.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, final, get_args

import networkx as nx

from argmap.errors import ArgmapError, SemanticsError, StructureError, UnknownIdError
from argmap.names import Label

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "ArgumentationFramework",
    "Label",
    "Level",
    "SemanticsName",
    "SolverName",
    "SupportReading",
    "af_from_map",
    "credulous_witness",
    "df_quad",
    "extensions",
    "grounded",
    "grounded_extension",
    "grounded_labelling",
    "h_categorizer",
    "ideal_extension",
    "is_credulously_accepted",
    "is_extension",
    "is_sceptically_accepted",
    "iter_extensions",
    "labelling_from_extension",
    "labellings",
    "sceptical_counterexample",
    "some_extension",
    "statement_labelling",
]


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

# From about this many undecided arguments on, python-sat is as fast as the pure-Python search
# or faster (measured on random cores of 20 to 150 arguments); ``solver="auto"`` switches here.
_SAT_THRESHOLD: Final = 24


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


# --------------------------------------------------------------------------------------------
# The framework


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


# --------------------------------------------------------------------------------------------
# Grounded semantics: linear time


def _grounded_codes(af: ArgumentationFramework) -> list[int]:
    """Label every argument in/out/undec by the grounded labelling, in O(arguments + attacks).

    An argument is labelled in once all its attackers are out; a target of an in argument is out.
    ``live[i]`` counts the attackers of ``i`` not yet out, so each attack is looked at a bounded
    number of times.
    """
    pre = af._attackers
    suc = af._targets
    live = [len(p) for p in pre]
    codes = [_UNDEC] * len(pre)
    stack = [i for i, c in enumerate(live) if c == 0]
    for i in stack:
        codes[i] = _IN
    pop = stack.pop
    push = stack.append
    while stack:
        i = pop()
        for j in suc[i]:
            if codes[j] == _UNDEC:
                codes[j] = _OUT
                for k in suc[j]:
                    live[k] -= 1
                    if live[k] == 0 and codes[k] == _UNDEC:
                        codes[k] = _IN
                        push(k)
    return codes


def grounded_extension(af: ArgumentationFramework) -> frozenset[str]:
    """The grounded extension: the least complete extension, in linear time.

    Args:
        af: The framework.

    Returns:
        The arguments labelled in by the grounded labelling.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "c"), ("d", "d")])
        >>> sorted(grounded_extension(af))
        ['a', 'c']
    """
    names = af._names
    return frozenset(names[i] for i, c in enumerate(_grounded_codes(af)) if c == _IN)


def grounded_labelling(af: ArgumentationFramework) -> dict[str, Label]:
    """The grounded labelling: in, out or undec for every argument, in linear time.

    Args:
        af: The framework.

    Returns:
        ``{argument: label}`` in the framework's argument order.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "c"), ("d", "d")])
        >>> grounded_labelling(af)
        {'a': 'in', 'b': 'out', 'c': 'in', 'd': 'undec'}
    """
    names = af._names
    return {names[i]: _LABEL_NAMES[c] for i, c in enumerate(_grounded_codes(af))}


# --------------------------------------------------------------------------------------------
# Checking a set


def _check_set(af: ArgumentationFramework, arguments: Iterable[str]) -> list[bool]:
    member = [False] * len(af)
    for i in af._positions(arguments):
        member[i] = True
    return member


def _conflict_free(af: ArgumentationFramework, member: Sequence[bool]) -> bool:
    return not any(member[i] and any(member[j] for j in af._attackers[i]) for i in range(len(af)))


def _attacked(af: ArgumentationFramework, member: Sequence[bool]) -> list[bool]:
    hit = [False] * len(af)
    for i, inside in enumerate(member):
        if inside:
            for j in af._targets[i]:
                hit[j] = True
    return hit


def is_extension(
    af: ArgumentationFramework,
    arguments: Iterable[str],
    semantics: str = "complete",
    *,
    solver: SolverName = "auto",
) -> bool:
    """Tell whether a set of arguments is an extension under a semantics.

    Args:
        af: The framework.
        arguments: The candidate set.
        semantics: A semantics name or ICCMA code.
        solver: Back end for the maximality checks of preferred, semi-stable and stage.

    Returns:
        ``True`` when the set is an extension.

    Raises:
        UnknownIdError: The set names an argument not in the framework.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a")])
        >>> is_extension(af, {"a"}, "stable"), is_extension(af, set(), "preferred")
        (True, False)
    """
    sem = _semantics(semantics)
    member = _check_set(af, arguments)
    if not _conflict_free(af, member):
        return False
    if sem == "conflict-free":
        return True
    hit = _attacked(af, member)
    if sem == "stable":
        return all(m or h for m, h in zip(member, hit, strict=True))
    defended = [all(hit[j] for j in af._attackers[i]) for i in range(len(af))]
    if not all(d for m, d in zip(member, defended, strict=True) if m):
        return sem == "stage" and _is_stage(af, member, hit, solver)
    if sem == "admissible":
        return True
    if sem == "stage":
        return _is_stage(af, member, hit, solver)
    if any(d and not m for m, d in zip(member, defended, strict=True)):
        return False  # not complete
    if sem == "complete":
        return True
    chosen = frozenset(a for a, m in zip(af._names, member, strict=True) if m)
    if sem == "grounded":
        return chosen == grounded_extension(af)
    if sem == "ideal":
        return chosen == ideal_extension(af, solver=solver)
    engine = _Engine(af, "complete", solver)
    if sem == "preferred":
        # Maximal iff no complete extension strictly contains it.
        local = engine.local_members(member)
        if local is None:
            return False
        return (
            engine.solve_with_clause(
                [engine.v_in(i) for i in range(engine.n) if i not in local],
                [engine.v_in(i) for i in local],
            )
            is None
        )
    # semi-stable: complete and no complete labelling has a strictly larger range.
    local = engine.local_members(member)
    if local is None:
        return False
    return engine.strictly_larger_range(local) is None


def _is_stage(
    af: ArgumentationFramework, member: Sequence[bool], hit: Sequence[bool], solver: SolverName
) -> bool:
    engine = _Engine(af, "conflict-free", solver)
    local = {i for i, m in enumerate(member) if m}
    return engine.strictly_larger_range(local, hit=hit) is None


# --------------------------------------------------------------------------------------------
# Propositional back ends


class _Oracle:
    """A propositional solver: DIMACS integer literals, clauses, solving under assumptions."""

    def new_var(self) -> int:
        raise NotImplementedError

    def add_clause(self, clause: Sequence[int]) -> None:
        raise NotImplementedError

    def solve(self, assumptions: Sequence[int] = ()) -> list[bool] | None:
        """Return a model indexed by variable (index 0 unused), or ``None`` when unsatisfiable."""
        raise NotImplementedError


@final
class _PythonSolver(_Oracle):
    """A small CDCL search: two watched literals, 1UIP clause learning, backjumping, VSIDS.

    Literals are coded ``2 * var + sign``; ``value[code]`` is 1 (true), -1 (false) or 0. Each call
    to :meth:`solve` starts from an empty assignment and puts its assumptions at level 0, so the
    clauses it learns hold only under those assumptions: they are dropped when the call returns.
    A temporary clause is made harmless afterwards by asserting the negation of its selector. The
    search is a loop over the trail: no recursion.
    """

    def __init__(self) -> None:
        self.nvars = 0
        self.clauses: list[list[int]] = []
        self.units: list[int] = []
        self.watches: list[list[int]] = [[], []]
        self.broken = False
        self.activity: list[float] = [0.0]
        self.phase: list[int] = [1]  # preferred sign per variable: 0 true, 1 false

    def new_var(self) -> int:
        self.nvars += 1
        self.watches.append([])
        self.watches.append([])
        self.activity.append(0.0)
        self.phase.append(1)
        return self.nvars

    def prefer(self, var: int, *, true: bool, weight: float) -> None:
        """Try ``var`` early (larger ``weight`` first) and with the given sign first."""
        self.activity[var] = weight
        self.phase[var] = 0 if true else 1

    def add_clause(self, clause: Sequence[int]) -> None:
        codes: list[int] = []
        seen: set[int] = set()
        for lit in clause:
            code = 2 * lit if lit > 0 else -2 * lit + 1
            if code ^ 1 in seen:
                return  # tautology
            if code not in seen:
                seen.add(code)
                codes.append(code)
        if not codes:
            self.broken = True
        elif len(codes) == 1:
            self.units.append(codes[0])
        else:
            index = len(self.clauses)
            self.clauses.append(codes)
            self.watches[codes[0]].append(index)
            self.watches[codes[1]].append(index)

    def solve(self, assumptions: Sequence[int] = ()) -> list[bool] | None:
        if self.broken:
            return None
        for lit in assumptions:
            while self.nvars < abs(lit):
                self.new_var()
        base = len(self.clauses)
        try:
            return self._search(assumptions)
        finally:
            # Forget what this call learnt: it may rest on this call's assumptions.
            del self.clauses[base:]
            for ws in self.watches:
                if ws and max(ws) >= base:
                    ws[:] = [c for c in ws if c < base]

    def _search(self, assumptions: Sequence[int]) -> list[bool] | None:
        nvars = self.nvars
        clauses = self.clauses
        watches = self.watches
        value = [0] * (2 * nvars + 2)
        level = [0] * (nvars + 1)
        reason = [-1] * (nvars + 1)
        trail: list[int] = []
        limits: list[int] = []  # trail length at the start of each decision level
        activity = self.activity
        phase = self.phase
        bump = 1.0
        heap = [(-activity[v], v) for v in range(1, nvars + 1)]
        heapq.heapify(heap)

        def propagate(head: int) -> tuple[int, int]:
            """Unit-propagate from ``trail[head]``; return (conflicting clause or -1, head)."""
            depth = len(limits)
            while head < len(trail):
                false_lit = trail[head] ^ 1
                head += 1
                ws = watches[false_lit]
                n = len(ws)
                i = j = 0
                while i < n:
                    ci = ws[i]
                    i += 1
                    c = clauses[ci]
                    if c[0] == false_lit:
                        c[0] = c[1]
                        c[1] = false_lit
                    first = c[0]
                    if value[first] == 1:
                        ws[j] = ci
                        j += 1
                        continue
                    for k in range(2, len(c)):
                        lk = c[k]
                        if value[lk] != -1:
                            c[1] = lk
                            c[k] = false_lit
                            watches[lk].append(ci)
                            break
                    else:
                        ws[j] = ci
                        j += 1
                        if value[first] == -1:
                            while i < n:
                                ws[j] = ws[i]
                                j += 1
                                i += 1
                            del ws[j:]
                            return ci, head
                        value[first] = 1
                        value[first ^ 1] = -1
                        var = first >> 1
                        level[var] = depth
                        reason[var] = ci
                        trail.append(first)
                del ws[j:]
            return -1, head

        def assign(code: int, why: int) -> None:
            value[code] = 1
            value[code ^ 1] = -1
            var = code >> 1
            level[var] = len(limits)
            reason[var] = why
            trail.append(code)

        for code in itertools.chain(
            self.units, (2 * a if a > 0 else -2 * a + 1 for a in assumptions)
        ):
            if value[code] == -1:
                return None
            if value[code] == 0:
                assign(code, -1)
        conflict, head = propagate(0)
        if conflict >= 0:
            return None
        seen = [False] * (nvars + 1)
        while True:
            if conflict < 0:
                # Decide: the most active unassigned variable, on its saved phase.
                var = 0
                while heap:
                    _, candidate = heapq.heappop(heap)
                    if value[2 * candidate] == 0:
                        var = candidate
                        break
                if var == 0:
                    return [False] + [value[2 * v] == 1 for v in range(1, nvars + 1)]
                limits.append(len(trail))
                assign(2 * var + phase[var], -1)
                conflict, head = propagate(head)
                continue
            if not limits:
                return None
            # First-UIP analysis of the conflict: a learnt clause and a level to jump back to.
            depth = len(limits)
            learnt = [0]
            pending = 0
            clause = clauses[conflict]
            skip = -1
            index = len(trail) - 1
            while True:
                for q in clause:
                    var = q >> 1
                    if var == skip or seen[var] or level[var] == 0:
                        continue
                    seen[var] = True
                    activity[var] += bump
                    if level[var] == depth:
                        pending += 1
                    else:
                        learnt.append(q)
                while not seen[trail[index] >> 1]:
                    index -= 1
                p = trail[index]
                index -= 1
                skip = p >> 1
                seen[skip] = False
                pending -= 1
                if pending == 0:
                    break
                clause = clauses[reason[skip]]
            learnt[0] = p ^ 1
            for q in learnt[1:]:
                seen[q >> 1] = False
            bump *= 1.05  # later conflicts weigh more (activity decay)
            if bump > 1e100:
                for v in range(1, nvars + 1):
                    activity[v] *= 1e-100
                bump *= 1e-100
            back = 0
            if len(learnt) > 1:
                # Watch the literal of the highest remaining level second.
                best = max(range(1, len(learnt)), key=lambda k: level[learnt[k] >> 1])
                learnt[1], learnt[best] = learnt[best], learnt[1]
                back = level[learnt[1] >> 1]
            size = limits[back] if back < len(limits) else len(trail)
            for code in trail[size:]:
                var = code >> 1
                value[code] = 0
                value[code ^ 1] = 0
                phase[var] = code & 1
                heapq.heappush(heap, (-activity[var], var))
            del trail[size:]
            del limits[back:]
            head = len(trail)
            if len(learnt) == 1:
                assign(learnt[0], -1)
            else:
                index = len(clauses)
                clauses.append(learnt)
                watches[learnt[0]].append(index)
                watches[learnt[1]].append(index)
                assign(learnt[0], index)
            conflict, head = propagate(head)


@final
class _SatSolver(_Oracle):
    """python-sat's CaDiCaL behind the same interface (the ``sat`` extra)."""

    def __init__(self) -> None:
        from pysat import solvers  # type: ignore[import-not-found, import-untyped, unused-ignore]

        Solver = solvers.Solver
        unknown = getattr(solvers, "NoSuchSolverError", NotImplementedError)
        try:
            self._solver = Solver(name="cadical195")
            # CaDiCaL's stable mode alone (few restarts, target phases) proved the hard
            # Erdős–Rényi frameworks of bench_semantics.py a quarter faster than its default
            # alternation: stable enumeration 7.0 -> 5.4 s and 3.3 -> 2.5 s, preferred 20.6 ->
            # 15.6 s on 1,000 arguments of out-degree 5.
            self._solver.solver.configure({"stabilizeonly": 1})
        except (unknown, AttributeError, NotImplementedError):  # an older python-sat
            self._solver = Solver(name="cadical153")
        self.nvars = 0
        self.broken = False

    def new_var(self) -> int:
        self.nvars += 1
        return self.nvars

    def add_clause(self, clause: Sequence[int]) -> None:
        if not clause:
            self.broken = True
        else:
            self._solver.add_clause(list(clause))

    def solve(self, assumptions: Sequence[int] = ()) -> list[bool] | None:
        if self.broken or not self._solver.solve(assumptions=list(assumptions)):
            return None
        model: list[int] = self._solver.get_model() or []
        result = [False] * (self.nvars + 1)
        for lit in model:
            if 0 < lit <= self.nvars:
                result[lit] = True
        return result

    def __del__(self) -> None:
        solver = getattr(self, "_solver", None)
        if solver is not None:
            solver.delete()


def _sat_available() -> bool:
    try:
        import pysat.solvers  # type: ignore[import-not-found, import-untyped, unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


_Mode = Literal["conflict-free", "admissible", "complete", "stable"]


@final
class _Engine:
    """The labelling encoding of one framework on one back end.

    For the modes ``complete`` and ``stable`` only the arguments left undecided by the grounded
    labelling are encoded (every complete labelling agrees with the grounded one where it
    decides); ``conflict-free`` and ``admissible`` encode every argument. Local argument ``i``
    has variables ``in = i + 1`` and ``out = n + i + 1``; ``out`` means "attacked by an in
    argument", which in a complete labelling is exactly the label out.
    """

    def __init__(self, af: ArgumentationFramework, mode: _Mode, solver: SolverName) -> None:
        self.af = af
        self.mode = mode
        n_all = len(af)
        if mode in ("complete", "stable"):
            codes = _grounded_codes(af)
            self.fixed_in = [i for i, c in enumerate(codes) if c == _IN]
            self.fixed_out = [i for i, c in enumerate(codes) if c == _OUT]
            self.globals = [i for i, c in enumerate(codes) if c == _UNDEC]
        else:
            self.fixed_in = []
            self.fixed_out = []
            self.globals = list(range(n_all))
        local = {g: i for i, g in enumerate(self.globals)}
        self.local = local
        pre = af._attackers
        self.pre = [[local[j] for j in pre[g] if j in local] for g in self.globals]
        n = self.n = len(self.globals)
        use_sat = solver == "sat" or (solver == "auto" and n >= _SAT_THRESHOLD and _sat_available())
        if solver == "sat" and not _sat_available():
            raise ArgmapError(
                "solver='sat' needs python-sat: pip install 'argmap[sat]' (or python-sat)"
            )
        oracle: _Oracle = _SatSolver() if use_sat else _PythonSolver()
        for _ in range(2 * n):
            oracle.new_var()
        if isinstance(oracle, _PythonSolver):
            # Until conflicts say otherwise, branch on the most attacked-and-attacking arguments
            # first, trying "in" first (large extensions early).
            degree = [len(p) for p in self.pre]
            for p in self.pre:
                for j in p:
                    degree[j] += 1
            for i in range(n):
                oracle.prefer(i + 1, true=True, weight=degree[i] * 1e-6)
        self.oracle = oracle
        add = oracle.add_clause
        for i, attackers in enumerate(self.pre):
            v_in = i + 1
            v_out = n + i + 1
            add([-v_in, -v_out])
            add([-v_out, *(j + 1 for j in attackers)])
            for j in attackers:
                add([v_out, -(j + 1)])
            if mode != "conflict-free" and mode != "stable":
                for j in attackers:
                    add([-v_in, n + j + 1])
            if mode == "complete":
                add([v_in, *(-(n + j + 1) for j in attackers)])
            if mode == "stable":
                add([v_in, v_out])

    def v_in(self, i: int) -> int:
        return i + 1

    def v_out(self, i: int) -> int:
        return self.n + i + 1

    def solve(self, assumptions: Sequence[int] = ()) -> list[bool] | None:
        return self.oracle.solve(assumptions)

    def solve_with_clause(
        self, clause: Sequence[int], assumptions: Sequence[int] = ()
    ) -> list[bool] | None:
        """Solve with one extra clause that holds for this call only (via a selector)."""
        if not clause:
            return None
        selector = self.oracle.new_var()
        self.oracle.add_clause([-selector, *clause])
        try:
            return self.oracle.solve([selector, *assumptions])
        finally:
            self.oracle.add_clause([-selector])

    def in_set(self, model: Sequence[bool]) -> set[int]:
        return {i for i in range(self.n) if model[i + 1]}

    def range_set(self, model: Sequence[bool]) -> set[int]:
        n = self.n
        return {i for i in range(n) if model[i + 1] or model[n + i + 1]}

    def names(self, local_in: Iterable[int]) -> frozenset[str]:
        names = self.af._names
        chosen = [names[g] for g in self.fixed_in]
        chosen.extend(names[self.globals[i]] for i in local_in)
        return frozenset(chosen)

    def local_members(self, member: Sequence[bool]) -> set[int] | None:
        """The local part of a global set, or ``None`` if it disagrees with the fixed labels."""
        if not all(member[g] for g in self.fixed_in) or any(member[g] for g in self.fixed_out):
            return None
        return {i for i, g in enumerate(self.globals) if member[g]}

    def local_index(self, argument: str) -> tuple[int | None, int]:
        """``(local index or None, fixed label)`` of an argument."""
        g = self.af._position(argument)
        i = self.local.get(g)
        if i is not None:
            return i, _UNDEC
        return None, _IN if g in set(self.fixed_in) else _OUT

    def grow(self, model: list[bool]) -> list[bool]:
        """Enlarge the in set of a model until no model has a strictly larger one."""
        while True:
            chosen = self.in_set(model)
            bigger = self.solve_with_clause(
                [self.v_in(i) for i in range(self.n) if i not in chosen],
                [self.v_in(i) for i in chosen],
            )
            if bigger is None:
                return model
            model = bigger

    def strictly_larger_range(
        self, local_in: set[int], hit: Sequence[bool] | None = None
    ) -> list[bool] | None:
        """A model whose range strictly contains the range of ``local_in``, if there is one."""
        n = self.n
        if hit is None:
            targets = self.af._targets
            attacked = {self.local[j] for g in self.fixed_in for j in targets[g] if j in self.local}
            for i in local_in:
                for j in targets[self.globals[i]]:
                    if j in self.local:
                        attacked.add(self.local[j])
            covered = local_in | attacked
        else:
            covered = {i for i in range(n) if i in local_in or hit[self.globals[i]]}
        return self._larger_range(covered)

    def _larger_range(self, covered: set[int]) -> list[bool] | None:
        n = self.n
        outside = [i for i in range(n) if i not in covered]
        if not outside:
            return None
        selector = self.oracle.new_var()
        add = self.oracle.add_clause
        for i in covered:
            add([-selector, i + 1, n + i + 1])
        add([-selector, *(v for i in outside for v in (i + 1, n + i + 1))])
        try:
            return self.oracle.solve([selector])
        finally:
            add([-selector])


def _iter_all(engine: _Engine) -> Iterator[frozenset[str]]:
    """Every model's in set, each once (a blocking clause after each)."""
    while (model := engine.solve()) is not None:
        chosen = engine.in_set(model)
        yield engine.names(chosen)
        engine.oracle.add_clause(
            [-engine.v_in(i) if i in chosen else engine.v_in(i) for i in range(engine.n)]
        )


def _iter_preferred(
    engine: _Engine, seed: Sequence[int] = ()
) -> Iterator[tuple[frozenset[str], set[int]]]:
    """Preferred extensions: grow a complete one to a maximal one, then exclude its subsets.

    ``seed`` are assumptions on the first model of each round only (used by the sceptical
    task to look for a preferred extension without an argument).
    """
    while (model := engine.solve(seed)) is not None:
        chosen = engine.in_set(engine.grow(model))
        yield engine.names(chosen), chosen
        if not chosen and not seed:
            # Growing the empty set failed, so no complete extension has a local member: the
            # blocking clause below would ask the same (often hard) question again.
            return
        # Later candidates must not be subsets of this one.
        engine.oracle.add_clause([engine.v_in(i) for i in range(engine.n) if i not in chosen])


def _iter_range_maximal(engine: _Engine) -> Iterator[frozenset[str]]:
    """Semi-stable (complete mode) or stage (conflict-free mode) extensions.

    Find a model, enlarge its range until it is maximal, list every model with exactly that
    range, then require later ranges not to be contained in it. Two maximal ranges of the same
    size that differ are both found: the order is by inclusion, not by size.
    """
    n = engine.n
    oracle = engine.oracle
    while (model := engine.solve()) is not None:
        covered = engine.range_set(model)
        while (bigger := engine._larger_range(covered)) is not None:
            covered = engine.range_set(bigger)
        selector = oracle.new_var()
        for i in covered:
            oracle.add_clause([-selector, i + 1, n + i + 1])
        outside = [i for i in range(n) if i not in covered]
        exact = [selector, *(-v for i in outside for v in (i + 1, n + i + 1))]
        while (same := oracle.solve(exact)) is not None:
            chosen = engine.in_set(same)
            yield engine.names(chosen)
            oracle.add_clause([-selector, *(-(i + 1) if i in chosen else i + 1 for i in range(n))])
        oracle.add_clause([-selector])
        oracle.add_clause([v for i in outside for v in (i + 1, n + i + 1)])


def ideal_extension(af: ArgumentationFramework, *, solver: SolverName = "auto") -> frozenset[str]:
    """The ideal extension: the largest admissible set inside every preferred extension.

    Computed without listing the preferred extensions: with ``C`` the credulously accepted
    arguments, the ideal extension is the largest admissible subset of the members of ``C`` that
    no member of ``C`` attacks, found by removing undefended arguments until none is left.

    Args:
        af: The framework.
        solver: ``"auto"``, ``"python"`` or ``"sat"``.

    Returns:
        The ideal extension (it always exists and is unique).

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "b")])
        >>> sorted(ideal_extension(af)), sorted(grounded_extension(af))
        (['a'], [])
    """
    engine = _Engine(af, "complete", solver)
    n_all = len(af)
    credulous = [False] * n_all
    for g in engine.fixed_in:
        credulous[g] = True
    unknown = set(range(engine.n))
    while unknown:
        model = engine.solve_with_clause([engine.v_in(i) for i in sorted(unknown)])
        if model is None:
            break
        for i in engine.in_set(model):
            credulous[engine.globals[i]] = True
            unknown.discard(i)
    pre = af._attackers
    suc = af._targets
    member = [credulous[g] and not any(credulous[j] for j in pre[g]) for g in range(n_all)]
    # Greatest fixpoint: drop members with an attacker that no member attacks.
    counter = [0] * n_all  # how many members attack each argument
    for g in range(n_all):
        if member[g]:
            for j in suc[g]:
                counter[j] += 1
    stack = [g for g in range(n_all) if member[g] and any(counter[j] == 0 for j in pre[g])]
    for g in stack:
        member[g] = False
    while stack:
        g = stack.pop()
        for j in suc[g]:
            counter[j] -= 1
            if counter[j] == 0:
                for k in suc[j]:
                    if member[k]:
                        member[k] = False
                        stack.append(k)
    return frozenset(name for name, m in zip(af._names, member, strict=True) if m)


# --------------------------------------------------------------------------------------------
# Tasks


def iter_extensions(
    af: ArgumentationFramework, semantics: str = "preferred", *, solver: SolverName = "auto"
) -> Iterator[frozenset[str]]:
    """Yield the extensions of a framework one by one (each exactly once, in no fixed order).

    Args:
        af: The framework.
        semantics: A semantics name or ICCMA code (see :data:`SemanticsName`).
        solver: ``"python"`` (no extra needed), ``"sat"`` (python-sat) or ``"auto"`` (python-sat
            for large undecided parts when it is installed).

    Yields:
        Each extension as a frozenset of arguments.

    Raises:
        SemanticsError: Unknown semantics.
        ArgmapError: ``solver="sat"`` without python-sat installed.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "c")])
        >>> sorted(sorted(e) for e in iter_extensions(af, "complete"))
        [[], ['a', 'c'], ['b']]
    """
    sem = _semantics(semantics)
    if sem == "grounded":
        yield grounded_extension(af)
    elif sem == "ideal":
        yield ideal_extension(af, solver=solver)
    elif sem == "preferred":
        for extension, _ in _iter_preferred(_Engine(af, "complete", solver)):
            yield extension
    elif sem == "semi-stable":
        yield from _iter_range_maximal(_Engine(af, "complete", solver))
    elif sem == "stage":
        yield from _iter_range_maximal(_Engine(af, "conflict-free", solver))
    else:
        mode: _Mode = sem
        yield from _iter_all(_Engine(af, mode, solver))


def extensions(
    af: ArgumentationFramework,
    semantics: str = "preferred",
    *,
    limit: int | None = None,
    solver: SolverName = "auto",
) -> list[frozenset[str]]:
    """All extensions of a framework under a semantics (ICCMA task EE).

    Args:
        af: The framework.
        semantics: A semantics name or ICCMA code.
        limit: Stop after this many extensions (``None``: all of them).
        solver: ``"auto"``, ``"python"`` or ``"sat"``.

    Returns:
        The extensions, each a frozenset, in the order the search found them.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "c")])
        >>> sorted(sorted(e) for e in extensions(af, "preferred"))
        [['a', 'c'], ['b']]
        >>> len(extensions(af, "complete", limit=1))
        1
    """
    if limit is not None and limit < 0:
        raise SemanticsError("limit must be >= 0")
    found = iter_extensions(af, semantics, solver=solver)
    return list(itertools.islice(found, limit))


def some_extension(
    af: ArgumentationFramework, semantics: str = "preferred", *, solver: SolverName = "auto"
) -> frozenset[str] | None:
    """One extension (ICCMA task SE), or ``None`` when there is none (only stable can fail).

    Examples:
        >>> odd = ArgumentationFramework(attacks=[("a", "b"), ("b", "c"), ("c", "a")])
        >>> some_extension(odd, "stable") is None, some_extension(odd, "preferred")
        (True, frozenset())
    """
    return next(iter_extensions(af, semantics, solver=solver), None)


def labelling_from_extension(
    af: ArgumentationFramework, extension: Collection[str]
) -> dict[str, Label]:
    """The labelling of an extension: members in, arguments they attack out, the rest undec.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("c", "c")])
        >>> labelling_from_extension(af, {"a"})
        {'a': 'in', 'b': 'out', 'c': 'undec'}
    """
    member = _check_set(af, extension)
    hit = _attacked(af, member)
    return {
        name: "in" if m else "out" if h else "undec"
        for name, m, h in zip(af._names, member, hit, strict=True)
    }


def labellings(
    af: ArgumentationFramework,
    semantics: str = "preferred",
    *,
    limit: int | None = None,
    solver: SolverName = "auto",
) -> list[dict[str, Label]]:
    """The extensions of :func:`extensions` as in/out/undec labellings.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a")])
        >>> sorted(tuple(lab.values()) for lab in labellings(af, "complete"))
        [('in', 'out'), ('out', 'in'), ('undec', 'undec')]
    """
    return [
        labelling_from_extension(af, e)
        for e in extensions(af, semantics, limit=limit, solver=solver)
    ]


def credulous_witness(
    af: ArgumentationFramework,
    argument: str,
    semantics: str = "preferred",
    *,
    solver: SolverName = "auto",
) -> frozenset[str] | None:
    """An extension that contains ``argument`` (ICCMA task DC with its witness), or ``None``.

    Raises:
        UnknownIdError: ``argument`` is not in the framework.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "c")])
        >>> sorted(credulous_witness(af, "c", "preferred"))
        ['a', 'c']
    """
    sem = _semantics(semantics)
    af._position(argument)
    if sem in ("grounded", "ideal"):
        unique = next(iter_extensions(af, sem, solver=solver))
        return unique if argument in unique else None
    if sem == "conflict-free":
        return None if argument in af.attackers(argument) else frozenset([argument])
    if sem in ("semi-stable", "stage"):
        return next((e for e in iter_extensions(af, sem, solver=solver) if argument in e), None)
    engine = _Engine(af, "stable" if sem == "stable" else "complete", solver)
    i, fixed = engine.local_index(argument)
    if i is None:
        if fixed == _OUT:
            return None
        # In the grounded extension, hence in every complete (and preferred) extension.
        if sem == "preferred":
            return some_extension(af, "preferred", solver=solver)
        model = engine.solve()
        return None if model is None else engine.names(engine.in_set(model))
    model = engine.solve([engine.v_in(i)])
    if model is None:
        return None
    if sem == "preferred":
        model = engine.grow(model)
    return engine.names(engine.in_set(model))


def is_credulously_accepted(
    af: ArgumentationFramework,
    argument: str,
    semantics: str = "preferred",
    *,
    solver: SolverName = "auto",
) -> bool:
    """Whether some extension contains ``argument`` (ICCMA task DC).

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "c")])
        >>> is_credulously_accepted(af, "c", "preferred"), is_credulously_accepted(af, "c", "GR")
        (True, False)
    """
    return credulous_witness(af, argument, semantics, solver=solver) is not None


def sceptical_counterexample(
    af: ArgumentationFramework,
    argument: str,
    semantics: str = "preferred",
    *,
    solver: SolverName = "auto",
) -> frozenset[str] | None:
    """An extension that does not contain ``argument``, or ``None`` when every one does.

    With no extension at all (stable semantics only) there is no counterexample: sceptical
    acceptance then holds vacuously, as in ICCMA.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "c")])
        >>> sorted(sceptical_counterexample(af, "a", "preferred"))
        ['b']
    """
    sem = _semantics(semantics)
    af._position(argument)
    if sem in ("grounded", "ideal", "complete"):
        # The grounded extension is the least complete extension.
        unique = next(iter_extensions(af, "grounded" if sem == "complete" else sem, solver=solver))
        return None if argument in unique else unique
    if sem in ("conflict-free", "admissible"):
        return frozenset()  # the empty set is always conflict-free and admissible
    if sem in ("semi-stable", "stage"):
        return next((e for e in iter_extensions(af, sem, solver=solver) if argument not in e), None)
    engine = _Engine(af, "stable" if sem == "stable" else "complete", solver)
    i, fixed = engine.local_index(argument)
    if sem == "stable":
        if i is None:
            if fixed == _IN:
                return None
            model = engine.solve()
        else:
            model = engine.solve([-engine.v_in(i)])
        return None if model is None else engine.names(engine.in_set(model))
    if i is None:
        if fixed == _IN:
            return None
        return next(iter_extensions(af, "preferred", solver=solver))
    for extension, chosen in _iter_preferred(engine, seed=[-engine.v_in(i)]):
        if i not in chosen:
            return extension
    return None


def is_sceptically_accepted(
    af: ArgumentationFramework,
    argument: str,
    semantics: str = "preferred",
    *,
    solver: SolverName = "auto",
) -> bool:
    """Whether every extension contains ``argument`` (ICCMA task DS).

    Examples:
        >>> af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("a", "c"), ("c", "c")])
        >>> is_sceptically_accepted(af, "a", "preferred"), is_sceptically_accepted(af, "a", "ST")
        (False, True)
    """
    return sceptical_counterexample(af, argument, semantics, solver=solver) is None


# --------------------------------------------------------------------------------------------
# Frameworks from maps


def _statement_attacks(m: ArgumentMap) -> list[tuple[str, str]]:
    """Rebut, undermine and contradict attacks between statements (contradict both ways)."""
    statements = m.statements
    pairs: list[tuple[str, str]] = []
    for attack in m.attacks():
        if attack.sort == "undercut" or attack.target not in statements:
            continue
        pairs.append((attack.attacker, attack.target))
        if attack.sort == "contradict":
            pairs.append((attack.target, attack.attacker))
    return pairs


def af_from_map(
    m: ArgumentMap, level: Level = "claims", *, support: SupportReading | None = None
) -> ArgumentationFramework:
    """Read an abstract argumentation framework off an argument map.

    Levels:

    - ``"claims"`` (default): every statement is an argument; a rebut or undermine attack is an
      attack, a contradict attack two (one each way). Supports, causal links and undercuts do
      not change Dung's result and are left out.
    - ``"structured"`` (ASPIC+-style): a statement that no support or causal link concludes is a
      premise, an argument of its own (named by the statement's id). Each support whose
      conclusion is a statement, and each causal link of polarity ``+``, ``-`` or ``?`` (``0``
      asserts no effect and concludes nothing), is an inference: one argument per choice of
      arguments for its premises, named ``s1(c1,c2)``. No argument uses its own conclusion
      below itself, so circular supports build nothing. Every argument concluding the attacker
      of a rebut, undermine or contradict attacks every argument that has the target among its
      conclusion or sub-conclusions (an attack on a sub-argument attacks all built on it); an
      undercut attacks exactly the arguments that use the inference it names. Read a statement
      back with :func:`statement_labelling` (in when some argument concluding it is in:
      claim-augmented semantics, Dvořák & Woltran).
    - ``"bipolar"``: statements are arguments, supports stay and derived attacks are added
      (Cayrol & Lagasquie-Schiex), by the ``support`` reading, which must be chosen:
      ``"deductive"`` (accepting the premise forces the conclusion) adds *supported* attacks
      (``a`` supports … ``c``, ``c`` attacks ``b``: ``a`` attacks ``b``) and *mediated* ones
      (``b`` supports … ``c``, ``a`` attacks ``c``: ``a`` attacks ``b``); ``"necessary"`` (the
      conclusion needs the premise) adds *secondary* attacks (``a`` attacks ``c``, ``c``
      supports … ``b``: ``a`` attacks ``b``) and *extended* ones (``c`` supports … ``a``, ``c``
      attacks ``b``: ``a`` attacks ``b``); ``"general"`` adds the supported and secondary
      attacks of the original bipolar frameworks. A linked support (several premises) is a
      necessary support from each premise, but under ``"deductive"`` no single premise forces
      the conclusion, so it adds nothing there. A support chain that leads back to an attacker
      **does** make a self-attack (``a`` supports ``b``, ``b`` attacks ``a``: accepting ``a``
      would force accepting its own attacker), so such an argument is in no extension.

    Supports of relations, causal links at the ``claims``/``bipolar`` levels and attacks on
    attacks have no place in a Dung framework and are not read.

    Args:
        m: The map.
        level: ``"claims"``, ``"structured"`` or ``"bipolar"``.
        support: The support reading; required for ``"bipolar"``, refused otherwise.

    Returns:
        The framework.

    Raises:
        SemanticsError: An unknown level, or a ``support`` reading missing or misplaced.
        StructureError: The structured level would build more than 100,000 arguments.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> a, b, c = m.claim("A", id="a"), m.claim("B", id="b"), m.claim("C", id="c")
        >>> _ = m.rebut(b, c)
        >>> _ = m.support(a, b, id="s1")
        >>> af_from_map(m).attacks
        (('b', 'c'),)
        >>> af_from_map(m, "structured").attacks
        (('s1(a)', 'c'),)
        >>> sorted(af_from_map(m, "bipolar", support="deductive").attacks)
        [('a', 'c'), ('b', 'c')]
    """
    if level == "claims":
        if support is not None:
            raise SemanticsError("support= applies only to level='bipolar'")
        return ArgumentationFramework(m.statements, _statement_attacks(m))
    if level == "structured":
        if support is not None:
            raise SemanticsError("support= applies only to level='bipolar'")
        return _structured(m)[0]
    if level == "bipolar":
        if support not in ("deductive", "necessary", "general"):
            raise SemanticsError(
                "level='bipolar' needs support='deductive', 'necessary' or 'general'"
            )
        return _bipolar(m, support)
    raise SemanticsError(f"unknown level {level!r}; expected 'claims', 'structured' or 'bipolar'")


_MAX_STRUCTURED: Final = 100_000


def _structured(m: ArgumentMap) -> tuple[ArgumentationFramework, dict[str, str]]:
    """The structured framework and each argument's conclusion (a statement id)."""
    statements = m.statements
    inferences: list[tuple[str, tuple[str, ...], str]] = [
        (s.id, s.premises, s.conclusion) for s in m.supports() if s.conclusion in statements
    ]
    inferences.extend(
        (link.id, (link.cause,), link.effect) for link in m.causal_links() if link.polarity != "0"
    )
    concluded = {conclusion for _, _, conclusion in inferences}
    names: list[str] = []
    conclusion_of: list[str] = []
    below: list[frozenset[str]] = []  # statements concluded by the argument or a sub-argument
    uses: list[frozenset[str]] = []  # inferences the argument uses
    by_conclusion: dict[str, list[int]] = {}

    def new(name: str, conclusion: str, stmts: frozenset[str], used: frozenset[str]) -> None:
        if len(names) >= _MAX_STRUCTURED:
            raise StructureError(
                f"the structured framework would have more than {_MAX_STRUCTURED} arguments; "
                "use level='claims' or 'bipolar' for this map"
            )
        by_conclusion.setdefault(conclusion, []).append(len(names))
        names.append(name)
        conclusion_of.append(conclusion)
        below.append(stmts)
        uses.append(used)

    for sid in statements:
        if sid not in concluded:
            new(sid, sid, frozenset([sid]), frozenset())
    built: set[tuple[str, tuple[int, ...]]] = set()
    grew = True
    while grew:  # rounds until no inference can build a new argument
        grew = False
        for rid, premises, conclusion in inferences:
            options = [by_conclusion.get(p, []) for p in premises]
            if not all(options):
                continue
            for combo in itertools.product(*[list(o) for o in options]):
                key = (rid, combo)
                if key in built:
                    continue
                built.add(key)
                under = frozenset().union(*(below[i] for i in combo))
                if conclusion in under:
                    continue  # circular: the argument would rest on its own conclusion
                new(
                    f"{rid}({','.join(names[i] for i in combo)})",
                    conclusion,
                    under | {conclusion},
                    frozenset().union(*(uses[i] for i in combo)) | {rid},
                )
                grew = True
    containing: dict[str, list[int]] = {}
    using: dict[str, list[int]] = {}
    for i in range(len(names)):
        for sid in below[i]:
            containing.setdefault(sid, []).append(i)
        for rid in uses[i]:
            using.setdefault(rid, []).append(i)
    pairs: list[tuple[str, str]] = []
    for attack in m.attacks():
        attackers = by_conclusion.get(attack.attacker, [])
        if attack.sort == "undercut":
            victims = using.get(attack.target, [])
        elif attack.target in statements:
            victims = containing.get(attack.target, [])
            if attack.sort == "contradict":
                back = containing.get(attack.attacker, [])
                pairs.extend(
                    (names[i], names[j]) for i in by_conclusion.get(attack.target, []) for j in back
                )
        else:
            continue
        pairs.extend((names[i], names[j]) for i in attackers for j in victims)
    return ArgumentationFramework(names, pairs), dict(zip(names, conclusion_of, strict=True))


def _bipolar(m: ArgumentMap, reading: SupportReading) -> ArgumentationFramework:
    statements = m.statements
    direct = _statement_attacks(m)
    # supports[x] = statements that x supports, one edge per premise.
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(statements)
    for s in m.supports():
        if s.conclusion not in statements:
            continue
        if reading == "deductive" and len(s.premises) > 1:
            continue
        graph.add_edges_from((p, s.conclusion) for p in s.premises)
    pairs = list(direct)
    descendants: dict[str, set[str]] = {}
    ancestors: dict[str, set[str]] = {}

    def down(x: str) -> set[str]:  # supported by x, directly or in a chain
        if x not in descendants:
            descendants[x] = nx.descendants(graph, x)
        return descendants[x]

    def up(x: str) -> set[str]:  # supporting x, directly or in a chain
        if x not in ancestors:
            ancestors[x] = nx.ancestors(graph, x)
        return ancestors[x]

    for attacker, target in direct:
        if reading in ("deductive", "general"):  # supported: a supports* attacker
            pairs.extend((a, target) for a in up(attacker))
        if reading == "deductive":  # mediated: b supports* target
            pairs.extend((attacker, b) for b in up(target))
        if reading in ("necessary", "general"):  # secondary: target supports* b
            pairs.extend((attacker, b) for b in down(target))
        if reading == "necessary":  # extended: attacker supports* a
            pairs.extend((a, target) for a in down(attacker))
    return ArgumentationFramework(statements, pairs)


def statement_labelling(
    m: ArgumentMap,
    semantics: str = "grounded",
    *,
    level: Level = "claims",
    support: SupportReading | None = None,
    solver: SolverName = "auto",
) -> dict[str, Label]:
    """The status of every statement of a map: ``"in"``, ``"out"`` or ``"undec"``.

    With a semantics that has one extension (grounded, ideal) this is its labelling. With
    several, a statement is in when every extension's labelling has it in (sceptically
    accepted), out when every one has it out, and undec otherwise; with no extension at all
    (stable semantics only) every statement is undec. At the ``"structured"`` level a statement
    is in when some argument concluding it is in, out when all its arguments are out (or it
    has none, being only circularly supported) and undec otherwise.

    Args:
        m: The map.
        semantics: A semantics name or ICCMA code.
        level: How to read the map (see :func:`af_from_map`).
        support: The support reading for ``level="bipolar"``.
        solver: ``"auto"``, ``"python"`` or ``"sat"``.

    Returns:
        ``{statement id: label}`` in the map's order.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> x, y, z = m.claim("X", id="x"), m.claim("Y", id="y"), m.claim("Z", id="z")
        >>> _ = m.contradict(x, y)
        >>> _ = m.rebut(y, z)
        >>> statement_labelling(m)
        {'x': 'undec', 'y': 'undec', 'z': 'undec'}
        >>> statement_labelling(m, "preferred")
        {'x': 'undec', 'y': 'undec', 'z': 'undec'}
        >>> _ = m.rebut(m.claim("W", id="w"), x)
        >>> statement_labelling(m)
        {'x': 'out', 'y': 'in', 'z': 'out', 'w': 'in'}
    """
    if level == "structured":
        if support is not None:
            raise SemanticsError("support= applies only to level='bipolar'")
        af, conclusion_of = _structured(m)
    else:
        af = af_from_map(m, level, support=support)
        conclusion_of = {a: a for a in af.arguments}
    sem = _semantics(semantics)
    found = [grounded_labelling(af)] if sem == "grounded" else labellings(af, sem, solver=solver)
    per_argument: dict[str, Label] = {}
    for argument in af.arguments:
        seen = {lab[argument] for lab in found}
        per_argument[argument] = seen.pop() if len(seen) == 1 else "undec"
    by_statement: dict[str, list[Label]] = {sid: [] for sid in m.statements}
    for argument, label in per_argument.items():
        by_statement[conclusion_of[argument]].append(label)
    result: dict[str, Label] = {}
    for sid, labels in by_statement.items():
        if "in" in labels:
            result[sid] = "in"
        elif all(label == "out" for label in labels):
            result[sid] = "out"
        else:
            result[sid] = "undec"
    return result


def grounded(m: ArgumentMap) -> dict[str, Label]:
    """The grounded status of every statement of a map (for ``render(m, labelling=...)``).

    The same as ``statement_labelling(m, "grounded")``: statements are arguments, rebut,
    undermine and contradict attacks are attacks.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.rebut(m.claim("The gang was defeated", id="defeated"),
        ...             m.claim("The gang grew stronger", id="stronger"))
        >>> grounded(m)
        {'defeated': 'in', 'stronger': 'out'}
    """
    return statement_labelling(m, "grounded")


# --------------------------------------------------------------------------------------------
# Gradual semantics


def _scc_order(n: int, parents: Sequence[Sequence[int]]) -> list[list[int]]:
    """Strongly connected components, each after every component it depends on."""
    # Kahn's algorithm first: most maps and chains are acyclic, and then every node is its own
    # component in this order, at a fraction of the cost of a condensation.
    children: list[list[int]] = [[] for _ in range(n)]
    waiting = [len(p) for p in parents]
    for i in range(n):
        for p in parents[i]:
            children[p].append(i)
    order = [i for i in range(n) if waiting[i] == 0]
    for i in order:  # the list grows while it is walked
        for child in children[i]:
            waiting[child] -= 1
            if waiting[child] == 0:
                order.append(child)
    if len(order) == n:
        return [[i] for i in order]
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((p, i) for i in range(n) for p in parents[i])
    condensed = nx.condensation(graph)
    members = condensed.graph["mapping"]
    groups: dict[int, list[int]] = {}
    for node, component in members.items():
        groups.setdefault(component, []).append(node)
    return [sorted(groups[c]) for c in nx.topological_sort(condensed)]


def _fixpoint(
    n: int,
    parents: Sequence[Sequence[int]],
    start: list[float],
    update: Callable[[int, list[float]], float],
    tol: float,
    max_iter: int,
    what: str,
) -> list[float]:
    """Solve ``x[i] = update(i, x)`` component by component, iterating inside cycles."""
    value = list(start)
    for component in _scc_order(n, parents):
        cyclic = len(component) > 1 or component[0] in parents[component[0]]
        if not cyclic:
            value[component[0]] = update(component[0], value)
            continue
        for _ in range(max_iter):
            new = [update(i, value) for i in component]
            delta = max(abs(a - value[i]) for a, i in zip(new, component, strict=True))
            for a, i in zip(new, component, strict=True):
                value[i] = a
            if delta <= tol:
                break
        else:
            raise ArgmapError(
                f"{what} did not converge in {max_iter} iterations (tolerance {tol}); "
                "raise max_iter or tol"
            )
    return value


def _scores(
    names: Sequence[str], base_scores: Mapping[str, float] | None, default: float
) -> list[float]:
    index = {name: i for i, name in enumerate(names)}
    scores = [default] * len(names)
    for name, score in (base_scores or {}).items():
        if name not in index:
            raise UnknownIdError(name, names, expected="argument")
        if not 0.0 <= score <= 1.0 or math.isnan(score):
            raise SemanticsError(f"base score of {name!r} is {score}; expected a number in [0, 1]")
        scores[index[name]] = float(score)
    return scores


def _as_framework(framework: ArgumentationFramework | ArgumentMap) -> ArgumentationFramework:
    if isinstance(framework, ArgumentationFramework):
        return framework
    return af_from_map(framework)


def h_categorizer(
    framework: ArgumentationFramework | ArgumentMap,
    *,
    base_scores: Mapping[str, float] | None = None,
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> dict[str, float]:
    """The (weighted) h-categorizer strength of every argument.

    Definition (Besnard & Hunter; weighted form by Amgoud et al.): with base score ``w(a)`` in
    [0, 1] (1 unless given), ``s(a) = w(a) / (1 + Σ s(b))`` over the attackers ``b`` of ``a``.
    The equations have one solution; it is computed exactly in dependency order where there is
    no cycle and by iteration inside each cycle.

    Worked example: ``c`` attacks ``b``, ``b`` attacks ``a``. ``s(c) = 1``, ``s(b) = 1 / (1 + 1)
    = 0.5``, ``s(a) = 1 / (1 + 0.5) = 2/3``.

    Args:
        framework: A framework, or a map (read at the ``claims`` level).
        base_scores: ``{argument: w}``; arguments not named have ``w = 1``.
        tol: Stop iterating a cycle when no strength moves more than this.
        max_iter: Give up (``ArgmapError``) after this many rounds on one cycle.

    Returns:
        ``{argument: strength}``, strengths in [0, 1].

    Examples:
        >>> af = ArgumentationFramework(attacks=[("c", "b"), ("b", "a")])
        >>> {k: round(v, 4) for k, v in h_categorizer(af).items()}
        {'c': 1.0, 'b': 0.5, 'a': 0.6667}
        >>> {k: round(v, 4) for k, v in h_categorizer(af, base_scores={"c": 0.5}).items()}
        {'c': 0.5, 'b': 0.6667, 'a': 0.6}
    """
    af = _as_framework(framework)
    weight = _scores(af.arguments, base_scores, 1.0)
    pre = af._attackers

    def update(i: int, value: list[float]) -> float:
        return weight[i] / (1.0 + sum(value[j] for j in pre[i]))

    strength = _fixpoint(len(af), pre, weight, update, tol, max_iter, "h-categorizer")
    return dict(zip(af.arguments, strength, strict=True))


def df_quad(
    framework: ArgumentationFramework | ArgumentMap,
    *,
    supports: Iterable[tuple[str, str]] = (),
    base_scores: Mapping[str, float] | None = None,
    default_base_score: float = 0.5,
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> dict[str, float]:
    """DF-QuAD strengths (Rago et al. 2016) of the arguments of a bipolar framework.

    Definition: the strengths ``v1 … vn`` of a set of attackers (or supporters) combine to
    ``F = 1 - (1 - v1)(1 - v2)…(1 - vn)`` (0 for none). With base score ``τ``, attack ``A``
    and support ``S``, the strength is ``τ - τ(A - S)`` when ``A ≥ S`` and
    ``τ + (1 - τ)(S - A)`` otherwise. For a map, attacks are read at the ``claims`` level and
    each support with a statement as conclusion is a supporter whose strength is that of its
    weakest premise (linked premises hold together or not at all).

    Worked example: ``a`` (τ = 0.5) is attacked by ``b`` (τ = 0.5) and supported by ``c``
    (τ = 0.8); neither ``b`` nor ``c`` has attackers or supporters, so they keep their base
    scores. ``A = 0.5 < S = 0.8``, so ``a`` gets ``0.5 + 0.5 × (0.8 − 0.5) = 0.65``.

    Args:
        framework: A framework (with ``supports``), or a map.
        supports: ``(supporter, supported)`` pairs, for a framework only.
        base_scores: ``{argument: τ}``; arguments not named get ``default_base_score``.
        default_base_score: τ of the arguments not in ``base_scores``.
        tol: Stop iterating a cycle when no strength moves more than this.
        max_iter: Give up (``ArgmapError``) after this many rounds on one cycle.

    Returns:
        ``{argument or statement id: strength}``, strengths in [0, 1].

    Raises:
        ArgmapError: A cycle did not converge.
        UnknownIdError: A support or base score names an unknown argument.

    Examples:
        >>> af = ArgumentationFramework(attacks=[("b", "a")], arguments=["a", "b", "c"])
        >>> df_quad(af, supports=[("c", "a")], base_scores={"c": 0.8})
        {'a': 0.65, 'b': 0.5, 'c': 0.8}
    """
    if isinstance(framework, ArgumentationFramework):
        af = framework
        groups = [([af._position(s)], af._position(t)) for s, t in supports]
    else:
        if supports:
            raise SemanticsError("supports= is for a framework; a map brings its own supports")
        af = af_from_map(framework)
        groups = [
            ([af._position(p) for p in s.premises], af._position(s.conclusion))
            for s in framework.supports()
            if s.conclusion in framework.statements
        ]
    tau = _scores(af.arguments, base_scores, default_base_score)
    pre = af._attackers
    backers: list[list[list[int]]] = [[] for _ in af.arguments]
    for premises, conclusion in groups:
        backers[conclusion].append(premises)
    parents = [[*pre[i], *(p for group in backers[i] for p in group)] for i in range(len(af))]

    def update(i: int, value: list[float]) -> float:
        attack = 1.0
        for j in pre[i]:
            attack *= 1.0 - value[j]
        support = 1.0
        for group in backers[i]:
            support *= 1.0 - min(value[p] for p in group)
        a, s, t = 1.0 - attack, 1.0 - support, tau[i]
        return t - t * (a - s) if a >= s else t + (1.0 - t) * (s - a)

    strength = _fixpoint(len(af), parents, tau, update, tol, max_iter, "DF-QuAD")
    return dict(zip(af.arguments, strength, strict=True))
