"""Gradual semantics: the h-categorizer and DF-QuAD strengths of arguments.

Both are fixpoints computed strongly connected component by component, in topological order,
without recursion.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import networkx as nx

from argmap.errors import ArgmapError, SemanticsError, UnknownIdError
from argmap.semantics.framework import ArgumentationFramework
from argmap.semantics.from_map import af_from_map

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["df_quad", "h_categorizer"]


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
    each support between claims is a supporter whose strength is that of its
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
            if s.conclusion in af and all(p in af for p in s.premises)
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
