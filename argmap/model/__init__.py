"""The argument map: who claims what, what supports or attacks it, which causal stories are told.

One document, the :class:`ArgumentMap`, is the single source of truth. It holds registries of
:class:`Agent` and :class:`Source`, statements (:class:`Claim`, :class:`Factor`), relations
(:class:`Support`, :class:`Attack`, :class:`CausalLink`) and :class:`Attribution` records that tie
a statement or relation to a speaker, a stance and a verbatim :class:`Quote`. Every record is a
frozen pydantic model with a ``kind`` tag; the map is the mutable container that builds them, checks
their references at once, and serialises through :class:`MapDocument`. networkx graphs, DOT,
findings and extensions are derived from it elsewhere and never stored beside it.

The package's parts: ``records`` (the pydantic records and the saved document), ``registries``
(the map's state and bookkeeping), ``builders`` (the methods that add records), ``editing``
(remove, replace, rename, merge), ``queries`` (find, by, subset, perspective: functions of a map
that :class:`ArgumentMap` binds as methods) and ``argument_map`` (:class:`ArgumentMap`, which
inherits the builders and the edits and adds reading, batches and whole documents), each
importing only those before it.

Examples:
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap(title="Tiny")
    >>> petro = m.agent("Gustavo Petro", id="petro")
    >>> src = m.source("Post", id="post", text="The blockade strengthened the gang.")
    >>> blockade = m.factor("US blockade of Venezuela", id="blockade")
    >>> gang = m.factor("Tren de Aragua strength", id="gang")
    >>> link = m.causes(blockade, gang, polarity="+", by=petro,
    ...                 quote=m.quote(src, "blockade strengthened the gang"))
    >>> link.id, link.polarity, m.attributions_of(link)[0].quote.start
    ('l1', '+', 4)
    >>> len(m), sorted(m.statements)
    (2, ['blockade', 'gang'])
"""

from __future__ import annotations

from argmap.model.argument_map import ArgumentMap
from argmap.model.records import (
    SCHEMA_VERSION,
    Agent,
    Attack,
    AttackSort,
    Attribution,
    CausalLink,
    Claim,
    Factor,
    MapDocument,
    Modality,
    Polarity,
    Quote,
    Relation,
    Source,
    Stance,
    Statement,
    Support,
    relation_ends,
)

__all__ = [
    "SCHEMA_VERSION",
    "Agent",
    "ArgumentMap",
    "Attack",
    "AttackSort",
    "Attribution",
    "CausalLink",
    "Claim",
    "Factor",
    "MapDocument",
    "Modality",
    "Polarity",
    "Quote",
    "Relation",
    "Source",
    "Stance",
    "Statement",
    "Support",
    "relation_ends",
]
