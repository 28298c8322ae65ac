"""Dung's semantics as tasks: checking a set, listing extensions and labellings, acceptance.

Conflict-free, admissible, complete, grounded, preferred, stable, semi-stable, stage and ideal; the
ICCMA tasks (one extension, all extensions, credulous and sceptical acceptance with a witness).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Iterator, Sequence

from argmap.errors import SemanticsError
from argmap.names import Label
from argmap.semantics.framework import _IN, _OUT, ArgumentationFramework, SolverName, _semantics
from argmap.semantics.grounded_semantics import grounded_extension
from argmap.semantics.solvers import _Engine, _iter_all, _iter_preferred, _iter_range_maximal, _Mode

__all__ = [
    "credulous_witness",
    "extensions",
    "ideal_extension",
    "is_credulously_accepted",
    "is_extension",
    "is_sceptically_accepted",
    "iter_extensions",
    "labelling_from_extension",
    "labellings",
    "sceptical_counterexample",
    "some_extension",
]


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
