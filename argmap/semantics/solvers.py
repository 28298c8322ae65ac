"""The propositional back ends of the NP-hard semantics, and the search engine over them.

Both back ends take the same labelling encoding: a small pure-Python CDCL search (its unit
propagation *is* labelling propagation) or, when the optional ``sat`` extra (python-sat) is
installed, CaDiCaL. The engine encodes the undecided part of the grounded labelling and enumerates
complete, preferred and range-maximal labellings without recursion.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Final, Literal, final

from argmap.errors import ArgmapError
from argmap.semantics.framework import _IN, _OUT, _UNDEC, ArgumentationFramework, SolverName
from argmap.semantics.grounded_semantics import _grounded_codes

__all__ = []

# From about this many undecided arguments on, python-sat is as fast as the pure-Python search
# or faster (measured on random cores of 20 to 150 arguments); ``solver="auto"`` switches here.
_SAT_THRESHOLD: Final = 24
# Below it, ``auto`` starts with the pure-Python search, which answers a small question in
# microseconds where python-sat pays a fixed start-up, but whose enumeration cost grows with the
# square of the models found (it forgets what it learnt between calls; python-sat does not):
# 1,536 conflict-free sets of 11 arguments took 17 s against 0.03 s. So ``auto`` counts the
# Python search's work (``_PythonSolver.work``, counted rather than timed, so the answer's order
# is the same on every run) and moves the problem to python-sat once it passes this budget,
# about 0.05 s of CPU (benchmarks/bench_semantics.py, "many extensions").
_PYTHON_BUDGET: Final = 100_000


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
        # What solver="auto" watches: an estimate of the CPU spent so far, counted (not timed,
        # so it is the same on every machine and run) as the clauses present at each call plus
        # a hundred per conflict, which bench_semantics.py found to cost about that much more.
        self.work = 0

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
        self.work += base + 1
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
            self.work += 100
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


@final
class _AutoOracle(_Oracle):
    """The pure-Python search until its work passes :data:`_PYTHON_BUDGET`, then python-sat.

    Every clause is kept, so the move replays them into a fresh python-sat solver; it happens
    between two calls to :meth:`solve`, never inside one, and the caller sees one oracle.
    """

    def __init__(self) -> None:
        self._python: _PythonSolver | None = _PythonSolver()
        self._sat: _SatSolver | None = None
        self._clauses: list[list[int]] = []

    @property
    def moved(self) -> bool:
        """True once the problem went to python-sat."""
        return self._sat is not None

    def prefer(self, var: int, *, true: bool, weight: float) -> None:
        if self._python is not None:
            self._python.prefer(var, true=true, weight=weight)

    def new_var(self) -> int:
        if self._sat is not None:
            return self._sat.new_var()
        assert self._python is not None
        return self._python.new_var()

    def add_clause(self, clause: Sequence[int]) -> None:
        if self._sat is not None:
            self._sat.add_clause(clause)
            return
        assert self._python is not None
        self._clauses.append(list(clause))
        self._python.add_clause(clause)

    def solve(self, assumptions: Sequence[int] = ()) -> list[bool] | None:
        python = self._python
        if python is not None and python.work > _PYTHON_BUDGET:
            sat = _SatSolver()
            for _ in range(python.nvars):
                sat.new_var()
            for clause in self._clauses:
                sat.add_clause(clause)
            self._sat, self._python, self._clauses = sat, None, []
        if self._sat is not None:
            for lit in assumptions:
                while self._sat.nvars < abs(lit):
                    self._sat.new_var()
            return self._sat.solve(assumptions)
        assert python is not None
        return python.solve(assumptions)


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
        oracle: _Oracle
        if use_sat:
            oracle = _SatSolver()
        elif solver == "auto" and _sat_available():
            oracle = _AutoOracle()  # Python first, python-sat when the search proves costly
        else:
            oracle = _PythonSolver()
        for _ in range(2 * n):
            oracle.new_var()
        if isinstance(oracle, _PythonSolver | _AutoOracle):
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
