"""Competing causes: which causes of one effect each speaker names."""

from __future__ import annotations

from argmap.causal.results import Cause, CauseGroup, CompetingCauses
from argmap.causal.signs import flip
from argmap.causal.variables import StatementRef, _statement_id, _Steps, _variables
from argmap.model import ArgumentMap

__all__ = ["competing_causes"]


def competing_causes(m: ArgumentMap, effect: StatementRef) -> CompetingCauses:
    """List the direct causes of ``effect``, grouped by the agent who asserts each link.

    Links into the effect's opposite count too, with their sign flipped. A link that several
    agents assert appears in each of their groups; a link nobody asserts goes to the group
    of agent None, which does not count towards ``competing``.

    Args:
        m: The map.
        effect: The statement (or its id) whose causes are wanted.

    Returns:
        The groups, and whether the agents' accounts differ.

    Raises:
        UnknownIdError: ``effect`` is not a statement of the map.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> petro, maduro = m.agent("Petro", id="petro"), m.agent("Maduro", id="maduro")
        >>> mig = m.factor("emigration", id="mig")
        >>> _ = m.causes(m.factor("US blockade", id="blockade"), mig, by=petro)
        >>> _ = m.causes(m.factor("sanctions", id="sanctions"), mig, by=maduro)
        >>> result = competing_causes(m, mig)
        >>> [(g.agent, [c.cause for c in g.causes]) for g in result.groups], result.competing
        ([('maduro', ['sanctions']), ('petro', ['blockade'])], True)
    """
    eid = _statement_id(m, effect)
    variables = _variables(m)
    g, var = variables.graph, variables.var(eid)
    step = _Steps(m)
    by_agent: dict[str | None, list[Cause]] = {}
    if var in g:
        for _, _, key in g.in_edges(var, keys=True):
            s = step(key)
            # A link into the asked statement's opposite acts on it with the reverse sign.
            polarity = s.polarity if s.effect == eid else flip(s.polarity)
            cause = Cause(s.cause, s.link, polarity)
            for agent in s.asserted_by or (None,):
                by_agent.setdefault(agent, []).append(cause)
    named = sorted(a for a in by_agent if a is not None)
    groups = [CauseGroup(a, tuple(by_agent[a])) for a in named]
    if None in by_agent:
        groups.append(CauseGroup(None, tuple(by_agent[None])))
    accounts = {frozenset(variables.var(c.cause) for c in by_agent[a]) for a in named}
    return CompetingCauses(eid, tuple(groups), len(named) >= 2 and len(accounts) >= 2)
