"""Grounded semantics in linear time: the least complete extension and its labelling.

The grounded pass also fixes every argument that the NP-hard semantics need not search: the solvers
start from its undecided part.
"""

from __future__ import annotations

from argmap.names import Label
from argmap.semantics.framework import _IN, _LABEL_NAMES, _OUT, _UNDEC, ArgumentationFramework

__all__ = ["grounded_extension", "grounded_labelling"]


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
