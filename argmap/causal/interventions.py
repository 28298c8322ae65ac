"""What-if: which way every factor moves when some are pushed up or down."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, cast

from argmap.causal.results import WhatIf
from argmap.causal.signs import _DIRECTION, Direction, _join, _times, flip, sign_product
from argmap.causal.variables import StatementRef, _statement_id, _variables
from argmap.errors import CausalQueryError
from argmap.model import ArgumentMap, Polarity

__all__ = ["what_if"]


def what_if(
    m: ArgumentMap,
    interventions: Mapping[str, str] | Mapping[StatementRef, str],
    *,
    max_steps: int | None = None,
) -> WhatIf:
    """Push some factors up (``+``) or down (``-``) and follow the change through the links.

    Assumptions, all qualitative:

    - No magnitudes, delays or thresholds: a factor goes up, down, ambiguous or unchanged.
    - Across a link, ``+`` keeps the direction, ``-`` reverses it, ``0`` passes nothing and
      ``?`` makes it ambiguous.
    - Where influences of opposite signs meet, the factor is ambiguous: nothing weighs them.
    - The pushed factors are held where they were pushed (an intervention): links into them,
      feedback included, do not move them.
    - Every link counts, whatever its modality and whoever asserts or denies it; filter the
      map first to ask about one speaker's story.
    - A factor and its opposite move in opposite directions.
    - Propagation runs round by round, one link further each round, until nothing changes:
      each factor changes at most twice (to up or down, then to ambiguous), so it always
      ends, and a balancing loop can leave its factors ambiguous. ``max_steps`` stops it
      sooner; the result says so.

    Args:
        m: The map.
        interventions: Statement (or id) to ``+`` (pushed up) or ``-`` (pushed down).
        max_steps: The most rounds to run; None runs until nothing changes.

    Returns:
        Every statement reached and its direction; :meth:`WhatIf.direction` answers
        ``unchanged`` for the rest.

    Raises:
        UnknownIdError: An intervention names no statement of the map.
        CausalQueryError: A direction other than ``+`` or ``-``, a factor pushed both ways
            (directly or through its opposite), or ``max_steps`` below 0.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> blockade, mig = m.factor("blockade", id="blockade"), m.factor("emigration", id="mig")
        >>> border = m.factor("open border", id="border")
        >>> _ = m.causes(blockade, mig, polarity="+")
        >>> _ = m.causes(border, mig, polarity="-")
        >>> what_if(m, {"blockade": "-"}).as_dict()
        {'blockade': 'down', 'mig': 'down'}
        >>> what_if(m, {"blockade": "+", "border": "+"}).direction("mig")
        'ambiguous'
    """
    if max_steps is not None and max_steps < 0:
        raise CausalQueryError(f"max_steps must be 0 or more, got {max_steps}")
    variables = _variables(m)
    g = variables.graph
    asked: list[tuple[str, Literal["+", "-"]]] = []
    held: dict[str, Polarity] = {}
    for ref, push in interventions.items():
        sid = _statement_id(m, ref)
        if push not in ("+", "-"):
            raise CausalQueryError(
                f"what-if direction for {sid!r} must be '+' or '-', got {push!r}"
            )
        sign: Literal["+", "-"] = "+" if push == "+" else "-"
        asked.append((sid, sign))
        var = variables.var(sid)
        pushed = sign_product((sign, variables.sign_of(sid)))
        if held.get(var, pushed) != pushed:
            raise CausalQueryError(
                f"{sid!r} is pushed both up and down (directly or through its opposite)"
            )
        held[var] = pushed
    value: dict[str, Polarity] = dict(held)
    reached = set(held)
    frontier = list(held)
    rounds = 0
    while frontier and (max_steps is None or rounds < max_steps):
        rounds += 1
        # Each round reads the values its frontier had when the round began: after k rounds
        # a factor holds the join over every walk of at most k links from the interventions.
        moving = [(u, value[u]) for u in frontier if value[u] != "0" and u in g]
        changed: dict[str, None] = {}
        for u, change in moving:
            out = cast("Iterable[tuple[str, str, Polarity]]", g.out_edges(u, data="polarity"))
            for _, v, polarity in out:
                reached.add(v)
                if v in held:
                    continue
                old = value.get(v, "0")
                new = _join(old, _times(change, polarity))
                if new != old:
                    value[v] = new
                    changed[v] = None
        frontier = list(changed)
    changes: list[tuple[str, Direction]] = []
    for sid in m.statements:
        var = variables.var(sid)
        if var in reached:
            moved = value.get(var, "0")
            if variables.sign_of(sid) == "-":
                moved = flip(moved)
            changes.append((sid, _DIRECTION[moved]))
    return WhatIf(tuple(asked), tuple(changes), rounds, bool(frontier))
