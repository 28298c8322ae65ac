"""Causal analysis of a map: chains and their net sign, feedback loops, competing causes, what-if.

A map's causal links form a signed directed graph. This module walks it (with networkx, bounded
and iteratively) to answer an analyst's questions: which chains lead from A to B and with what
net sign (:func:`causal_chains`, :func:`net_effect`), which loops reinforce or balance
(:func:`feedback_loops`), which causes of an effect each speaker names (:func:`competing_causes`)
and which way every factor moves when some are pushed (:func:`what_if`). Every result is a frozen
dataclass that keeps the links behind it and the agents who assert them.

**Signs.** A link's polarity is ``+`` (same direction), ``-`` (opposite), ``0`` (no effect) or
``?`` (unknown). A chain's sign is the product of its links' signs (:func:`sign_product`): ``0``
anywhere absorbs everything (the chain transmits nothing), otherwise ``?`` anywhere makes it
unknown, otherwise the parity of the ``-`` links decides.

**Opposite factors.** A :class:`~argmap.model.Factor` and its ``opposite`` (inclusion and
exclusion of youth) are one variable read two ways: a rise of one is a fall of the other. The
walks therefore run over variables, and a chain may pass from a factor to its opposite: the
effect of one link is the opposite of the next link's cause, or ``source`` is the opposite of
the first cause, or the last effect is the opposite of ``target``. Each such passage is a
*flip* and multiplies the sign by ``-``, so "exclusion → violence ``+``" and "inclusion →
violence ``-``" say the same. When ``source`` and ``target`` are one variable (the same factor,
or a factor and its opposite) the chains are the feedback loops through it, read from ``source``
round to ``target``: a reinforcing loop read from exclusion to inclusion has the sign ``-``.

**Agents.** The agents behind a link are those of its attributions whose stance is
``asserts``; an assertion known only through someone's report keeps the reporter in
:attr:`Step.reported_by`. A link nobody asserts (an analyst's reconstruction) has no agents.

The package's parts, each importing only those before it: ``signs`` (the sign algebra and the
words for signs and loop kinds), ``results``, ``variables`` (the graph over variables),
``chains``, ``loops``, ``causes`` (competing causes) and ``interventions`` (what-if).

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> petro = m.agent("Gustavo Petro", id="petro")
    >>> for cause, effect in [("blockade", "emigration"), ("emigration", "exclusion"),
    ...                       ("exclusion", "violence"), ("violence", "gang")]:
    ...     _ = m.causes(m.get(cause) or m.factor(cause, id=cause),
    ...                  m.get(effect) or m.factor(effect, id=effect), by=petro)
    >>> inclusion = m.factor("inclusion of youth", id="inclusion", opposite="exclusion")
    >>> [c.factors for c in causal_chains(m, "blockade", "gang")]
    [('blockade', 'emigration', 'exclusion', 'violence', 'gang')]
    >>> net_effect(m, "blockade", "inclusion").effect
    '-'
    >>> what_if(m, {"blockade": "-"}).direction("gang")
    'down'
"""

from __future__ import annotations

from argmap.causal.causes import competing_causes
from argmap.causal.chains import causal_chains, net_effect
from argmap.causal.interventions import what_if
from argmap.causal.loops import feedback_loops
from argmap.causal.results import (
    Cause,
    CauseGroup,
    Chain,
    Chains,
    CompetingCauses,
    Loop,
    Loops,
    NetEffect,
    Step,
    WhatIf,
)
from argmap.causal.signs import (
    LOOP_KINDS,
    LOOP_LETTER,
    Direction,
    LoopKind,
    NetSign,
    flip,
    sign_product,
)
from argmap.causal.variables import variable

__all__ = [
    "LOOP_KINDS",
    "LOOP_LETTER",
    "Cause",
    "CauseGroup",
    "Chain",
    "Chains",
    "CompetingCauses",
    "Direction",
    "Loop",
    "LoopKind",
    "Loops",
    "NetEffect",
    "NetSign",
    "Step",
    "WhatIf",
    "causal_chains",
    "competing_causes",
    "feedback_loops",
    "flip",
    "net_effect",
    "sign_product",
    "variable",
    "what_if",
]
