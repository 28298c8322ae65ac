"""solver="auto": the pure-Python search for small questions, python-sat once it proves costly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics import ArgumentationFramework, extensions
from argmap.semantics import solvers as solvers_module
from argmap.semantics.solvers import _AutoOracle, _Engine, _iter_all
from tests.strategies import frameworks

pytest.importorskip("pysat.solvers", reason="python-sat (sat extra) is not installed")

SEMANTICS = [
    "conflict-free",
    "admissible",
    "complete",
    "preferred",
    "stable",
    "semi-stable",
    "stage",
]


def _one_attack(n: int) -> ArgumentationFramework:
    names = [f"a{i}" for i in range(n)]
    return ArgumentationFramework(names, [("a0", "a1")])


def test_many_extensions_move_to_sat_and_a_small_question_stays_in_python() -> None:
    many = _Engine(_one_attack(9), "conflict-free", "auto")
    assert isinstance(many.oracle, _AutoOracle)
    found = set(_iter_all(many))
    assert len(found) == 3 * 2**7 and many.oracle.moved
    few = _Engine(_one_attack(3), "conflict-free", "auto")
    assert isinstance(few.oracle, _AutoOracle)
    assert len(set(_iter_all(few))) == 6 and not few.oracle.moved


def test_auto_answers_as_python_does_on_many_extensions() -> None:
    af = _one_attack(9)
    assert set(extensions(af, "conflict-free", solver="auto")) == set(
        extensions(af, "conflict-free", solver="python")
    )


@settings(max_examples=60, deadline=None)
@given(frameworks(max_size=7), st.sampled_from(SEMANTICS), st.integers(0, 400))
def test_moving_at_any_point_keeps_the_answer(
    af: ArgumentationFramework, semantics: str, budget: int
) -> None:
    """Whenever the move happens (budget 0: at the first call), the extensions are the same."""
    expected = set(extensions(af, semantics, solver="python"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solvers_module, "_PYTHON_BUDGET", budget)
        assert set(extensions(af, semantics, solver="auto")) == expected
