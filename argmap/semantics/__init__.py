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

The package's parts, each importing only those before it: ``framework`` (the framework and
the semantics' names), ``grounded_semantics``, ``solvers`` (the propositional back ends), ``dung``
(extensions, labellings, acceptance), ``from_map`` (frameworks read off maps), ``gradual`` and
``reconstructions`` (sensitivity: what rests on the analyst's reconstructions).
"""

from __future__ import annotations

from argmap.names import Label
from argmap.semantics.dung import (
    credulous_witness,
    extensions,
    ideal_extension,
    is_credulously_accepted,
    is_extension,
    is_sceptically_accepted,
    iter_extensions,
    labelling_from_extension,
    labellings,
    sceptical_counterexample,
    some_extension,
)
from argmap.semantics.framework import (
    ArgumentationFramework,
    Level,
    SemanticsName,
    SolverName,
    SupportReading,
)

# The CLI reads a --semantics value with the same rule as the library.
from argmap.semantics.framework import _semantics as _semantics
from argmap.semantics.from_map import (
    af_from_map,
    grounded,
    relation_labelling,
    statement_labelling,
)
from argmap.semantics.gradual import df_quad, h_categorizer
from argmap.semantics.grounded_semantics import grounded_extension, grounded_labelling
from argmap.semantics.reconstructions import (
    ChainDependence,
    Sensitivity,
    Verdict,
    sensitivity,
    without_reconstructions,
)

__all__ = [
    "ArgumentationFramework",
    "ChainDependence",
    "Label",
    "Level",
    "SemanticsName",
    "Sensitivity",
    "SolverName",
    "SupportReading",
    "Verdict",
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
    "relation_labelling",
    "sceptical_counterexample",
    "sensitivity",
    "some_extension",
    "statement_labelling",
    "without_reconstructions",
]
