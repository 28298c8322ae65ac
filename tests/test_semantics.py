"""Dung semantics, map levels and gradual strengths: reference answers, peers, textbook laws."""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from argmap import ArgumentMap, UnknownIdError
from argmap.readwrite.iccma import read_i23, read_tgf
from argmap.semantics import (
    ArgumentationFramework,
    af_from_map,
    credulous_witness,
    df_quad,
    extensions,
    grounded,
    grounded_extension,
    grounded_labelling,
    h_categorizer,
    ideal_extension,
    is_credulously_accepted,
    is_extension,
    is_sceptically_accepted,
    labellings,
    relation_labelling,
    sceptical_counterexample,
    some_extension,
    statement_labelling,
)
from tests.strategies import frameworks, maps
from tests.support import RunCli

ICCMA = Path(__file__).parents[1] / ".." / "shared" / "data" / "iccma"
SEMANTICS = ["CF", "AD", "CO", "GR", "PR", "ST", "SST", "STG", "ID"]
SOLVERS: list[Any] = ["python"]
try:
    import pysat  # noqa: F401

    SOLVERS.append("sat")
except ImportError:  # the sat extra is optional; the pure-Python path is always tested
    pass


def _sets(found: list[frozenset[str]]) -> set[frozenset[str]]:
    assert len(set(found)) == len(found), "an extension was listed twice"
    return set(found)


def _shared() -> Path:
    if not ICCMA.is_dir():
        pytest.skip("../shared/data/iccma is absent: the ICCMA reference answers are not here")
    return ICCMA


# ------------------------------------------------------------------ brute force (definitions)


def _brute(af: ArgumentationFramework, sem: str) -> set[frozenset[str]]:
    """Extensions straight from the textbook definitions, over every subset."""
    args = af.arguments
    att = set(af.attacks)

    def plus(s: frozenset[str]) -> set[str]:
        return {b for a, b in att if a in s}

    def defended(s: frozenset[str], x: str) -> bool:
        hit = plus(s)
        return all(a in hit for a, b in att if b == x)

    subsets = [frozenset(c) for r in range(len(args) + 1) for c in itertools.combinations(args, r)]
    cf = [s for s in subsets if not any((a, b) in att for a in s for b in s)]
    ad = [s for s in cf if all(defended(s, x) for x in s)]
    co = [s for s in ad if all((x in s) == defended(s, x) for x in args)]
    rng: Callable[[frozenset[str]], set[str]] = lambda s: set(s) | plus(s)  # noqa: E731
    pr = [s for s in co if not any(s < t for t in co)]
    table = {
        "CF": cf,
        "AD": ad,
        "CO": co,
        "GR": [min(co, key=len)],
        "PR": pr,
        "ST": [s for s in cf if rng(s) == set(args)],
        "SST": [s for s in co if not any(rng(s) < rng(t) for t in co)],
        "STG": [s for s in cf if not any(rng(s) < rng(t) for t in cf)],
    }
    if sem == "ID":
        common = frozenset.intersection(*pr)
        return {max((s for s in ad if s <= common), key=len)}
    return set(table[sem])


def _random_af(rng: random.Random, n: int, family: str) -> ArgumentationFramework:
    """Frameworks of the shapes that break solvers: cycles, self-attacks, chains, dense cores."""
    names = [f"a{i}" for i in range(n)]
    pairs: list[tuple[str, str]] = []
    if family == "cycles":
        k = rng.randint(2, 5)
        for start in range(0, n, k):
            ring = names[start : start + k]
            pairs += [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]
        pairs += [(rng.choice(names), rng.choice(names)) for _ in range(n // 3)]
    elif family == "chains":
        pairs += [(names[i], names[i + 1]) for i in range(n - 1)]
        pairs += [(rng.choice(names), rng.choice(names)) for _ in range(n // 10)]
    elif family == "dense":
        core = names[: max(2, n // 3)]
        pairs += [(a, b) for a in core for b in core if rng.random() < 0.4]
        pairs += [(rng.choice(names), rng.choice(names)) for _ in range(n)]
    else:  # sparse random with self-attacks
        pairs += [(rng.choice(names), rng.choice(names)) for _ in range(int(n * 1.5))]
    pairs += [(a, a) for a in names if rng.random() < 0.05]
    return ArgumentationFramework(names, pairs)


FAMILIES = ["cycles", "chains", "dense", "sparse"]


# ------------------------------------------------------------------ the framework object


def test_framework_basics_and_immutability() -> None:
    af = ArgumentationFramework(["a"], [("a", "b"), ("a", "b"), ("b", "b")])
    assert af.arguments == ("a", "b")
    assert af.attacks == (("a", "b"), ("b", "b"))
    assert af.attackers("b") == ("a", "b") and af.targets("a") == ("b",)
    assert "a" in af and "z" not in af and len(af) == 2 and list(af) == ["a", "b"]
    with pytest.raises(AttributeError):
        af._names = ()  # type: ignore[misc]
    with pytest.raises(UnknownIdError, match="'z'"):
        af.attackers("z")
    with pytest.raises(TypeError):
        ArgumentationFramework([1])  # type: ignore[list-item]


def test_equality_ignores_order_and_networkx_round_trip() -> None:
    one = ArgumentationFramework(["a", "b"], [("a", "b"), ("b", "a")])
    two = ArgumentationFramework(["b", "a"], [("b", "a"), ("a", "b")])
    assert one == two and hash(one) == hash(two)
    assert one != ArgumentationFramework(["a", "b"], [("a", "b")])
    assert ArgumentationFramework.from_networkx(one.to_networkx()) == one


def test_unknown_semantics_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown semantics"):
        extensions(ArgumentationFramework(["a"]), "naive")


def test_semantics_names_and_codes_agree() -> None:
    af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "c"), ("c", "c")])
    names = {
        "CF": "conflict-free",
        "AD": "admissible",
        "CO": "complete",
        "GR": "grounded",
        "PR": "preferred",
        "ST": "stable",
        "SST": "semi-stable",
        "STG": "stage",
        "ID": "ideal",
    }
    for code, name in names.items():
        assert _sets(extensions(af, code)) == _sets(extensions(af, name)) == _brute(af, code)


# ------------------------------------------------------------------ shared reference answers


def _load_answers() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_shared() / "answers.json").read_text())
    return data


@pytest.mark.shared
@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("name", ["ex1", "ex3"])
def test_probo_examples_match_answers_json(name: str, solver: Any) -> None:
    answers = _load_answers()[name]
    af = read_tgf(_shared() / f"{name}.tgf")
    as_i23 = read_i23(_shared() / f"{name}.i23")
    order = answers["arguments_in_i23_order"]
    assert list(af.arguments) == order
    rename = {str(i): arg for i, arg in enumerate(order, start=1)}
    assert {(rename[a], rename[b]) for a, b in as_i23.attacks} == set(af.attacks)
    checked = 0
    for sem, expected in answers.items():
        if sem == "arguments_in_i23_order":
            continue
        want = {frozenset(e) for e in expected}
        assert _sets(extensions(af, sem, solver=solver)) == want, sem
        # The i23 file gives the same answers under the numbering.
        numbered = {frozenset(rename[a] for a in e) for e in extensions(as_i23, sem, solver=solver)}
        assert numbered == want, sem
        for arg in af.arguments:
            assert is_credulously_accepted(af, arg, sem, solver=solver) == any(
                arg in e for e in want
            ), (sem, arg)
            assert is_sceptically_accepted(af, arg, sem, solver=solver) == all(
                arg in e for e in want
            ), (sem, arg)
        checked += 1
    assert checked == 7


def _parse_solution(text: str) -> set[frozenset[str]]:
    inner = text.strip()
    assert inner.startswith("[") and inner.endswith("]")
    return {
        frozenset(x for x in group.split(",") if x)
        for group in re.findall(r"\[([^\[\]]*)\]", inner[1:-1])
    }


@pytest.mark.shared
@pytest.mark.parametrize("solver", SOLVERS)
def test_probo_solution_files(solver: Any) -> None:
    files = sorted((_shared() / "solutions").iterdir())
    assert files, "no solution files"
    for path in files:
        name, _, task = path.name.split(".", 2)
        assert task.startswith("EE-")
        af = read_tgf(_shared() / f"{name}.tgf")
        want = _parse_solution(path.read_text())
        assert _sets(extensions(af, task[3:], solver=solver)) == want, path.name


@pytest.mark.shared
@pytest.mark.parametrize("solver", SOLVERS)
def test_semi_stable_regression_both_ranges(solver: Any) -> None:
    answers = _load_answers()["sst_regression"]
    af = read_i23(_shared() / answers["file"])
    for sem in ("CO", "PR", "ST", "SST"):
        want = {frozenset(e) for e in answers[sem]}
        assert _sets(extensions(af, sem, solver=solver)) == want, sem
        for arg in af.arguments:
            assert is_credulously_accepted(af, arg, sem, solver=solver) == any(
                arg in e for e in want
            )
            assert is_sceptically_accepted(af, arg, sem, solver=solver) == all(
                arg in e for e in want
            )
    # The two semi-stable ranges have one size but neither contains the other.
    assert is_credulously_accepted(af, "4", "SST", solver=solver)
    assert not is_sceptically_accepted(af, "2", "SST", solver=solver)


# ------------------------------------------------------------------ peers as oracles


def _fa() -> Any:
    return pytest.importorskip(
        "argumentation.core.dung", reason="formal-argumentation (oracle extra) is not installed"
    )


def _pygarg() -> Any:
    return pytest.importorskip(
        "pygarg.dung.solver", reason="pygarg (oracle extra) is not installed"
    )


def test_grounded_agrees_with_formal_argumentation_up_to_300() -> None:
    fa = _fa()
    rng = random.Random(20240601)
    for k in range(120):
        n = rng.randint(1, 300)
        af = _random_af(rng, n, FAMILIES[k % 4])
        peer = fa.ArgumentationFramework(
            arguments=frozenset(af.arguments), defeats=frozenset(af.attacks)
        )
        assert grounded_extension(af) == fa.grounded_extension(peer), (k, n)


def test_grounded_agrees_with_pygarg() -> None:
    solver = _pygarg()
    rng = random.Random(7)
    for k in range(40):
        af = _random_af(rng, rng.randint(1, 40), FAMILIES[k % 4])
        peer = solver.compute_grounded_extension(list(af.arguments), [list(p) for p in af.attacks])
        assert grounded_extension(af) == frozenset(peer)


def test_preferred_and_stable_agree_with_peers_up_to_25() -> None:
    fa = _fa()
    pg = _pygarg()
    rng = random.Random(99)
    for k in range(100):
        n = rng.randint(1, 25)
        af = _random_af(rng, n, FAMILIES[k % 4])
        args, atts = list(af.arguments), [list(p) for p in af.attacks]
        peer = fa.ArgumentationFramework(
            arguments=frozenset(af.arguments), defeats=frozenset(af.attacks)
        )
        for sem, fa_fn in (("PR", fa.preferred_extensions), ("ST", fa.stable_extensions)):
            want = {frozenset(e) for e in pg.extension_enumeration(args, atts, sem)}
            if n <= 10:  # formal-argumentation enumerates subsets: 2**n
                assert want == set(fa_fn(peer)), (k, sem)
            for solver in SOLVERS:
                assert _sets(extensions(af, sem, solver=solver)) == want, (k, sem, solver)


def test_semi_stable_and_ideal_agree_with_formal_argumentation() -> None:
    # pygarg is not a semi-stable oracle: it misses a range on sst_regression.i23.
    fa = _fa()
    rng = random.Random(5)
    for k in range(60):
        af = _random_af(rng, rng.randint(1, 12), FAMILIES[k % 4])
        peer = fa.ArgumentationFramework(
            arguments=frozenset(af.arguments), defeats=frozenset(af.attacks)
        )
        assert _sets(extensions(af, "SST")) == set(fa.semi_stable_extensions(peer)), k
        assert _sets(extensions(af, "STG")) == set(fa.stage_extensions(peer)), k
        assert ideal_extension(af) == fa.ideal_extension(peer), k


@pytest.mark.parametrize("solver", SOLVERS)
def test_every_semantics_and_task_matches_the_definitions(solver: Any) -> None:
    rng = random.Random(3)
    for k in range(60):
        af = _random_af(rng, rng.randint(0, 8), FAMILIES[k % 4])
        for sem in SEMANTICS:
            want = _brute(af, sem)
            assert _sets(extensions(af, sem, solver=solver)) == want, (k, sem)
            for arg in af.arguments[:3]:
                witness = credulous_witness(af, arg, sem, solver=solver)
                assert (witness is not None) == any(arg in e for e in want)
                assert witness is None or (arg in witness and witness in want)
                counter = sceptical_counterexample(af, arg, sem, solver=solver)
                assert (counter is None) == all(arg in e for e in want)
                assert counter is None or (arg not in counter and counter in want)


# ------------------------------------------------------------------ textbook properties


@settings(max_examples=150)
@given(frameworks())
def test_textbook_laws(af: ArgumentationFramework) -> None:
    ground = grounded_extension(af)
    complete = _sets(extensions(af, "complete", solver="python"))
    preferred = _sets(extensions(af, "preferred", solver="python"))
    stable = _sets(extensions(af, "stable", solver="python"))
    admissible = _sets(extensions(af, "admissible", solver="python"))
    assert ground in complete
    assert all(ground <= c for c in complete)
    assert stable <= preferred
    assert preferred == {a for a in admissible if not any(a < b for b in admissible)}
    assert ideal_extension(af) <= frozenset.intersection(*preferred)
    for sem in SEMANTICS:
        for e in extensions(af, sem, solver="python"):
            assert is_extension(af, e, "conflict-free")
            assert is_extension(af, e, sem), sem


@settings(max_examples=60)
@given(frameworks(max_size=9))
def test_both_back_ends_agree(af: ArgumentationFramework) -> None:
    pytest.importorskip("pysat", reason="python-sat (sat extra) is not installed")
    for sem in ("CO", "PR", "ST", "SST", "STG", "ID"):
        assert _sets(extensions(af, sem, solver="python")) == _sets(
            extensions(af, sem, solver="sat")
        )


@settings(max_examples=100)
@given(frameworks())
def test_labellings_are_consistent(af: ArgumentationFramework) -> None:
    for lab in labellings(af, "complete"):
        for arg, label in lab.items():
            attackers = [lab[b] for b in af.attackers(arg)]
            if label == "in":
                assert all(x == "out" for x in attackers)
            elif label == "out":
                assert "in" in attackers
            else:
                assert "in" not in attackers and "undec" in attackers
    lab = grounded_labelling(af)
    assert {a for a, x in lab.items() if x == "in"} == grounded_extension(af)


def test_limit_and_some_extension() -> None:
    ring = ArgumentationFramework(attacks=[(f"a{i}", f"a{(i + 1) % 4}") for i in range(4)])
    assert len(extensions(ring, "preferred")) == 2
    assert len(extensions(ring, "preferred", limit=1)) == 1
    assert extensions(ring, "preferred", limit=0) == []
    with pytest.raises(ValueError):
        extensions(ring, limit=-1)
    odd = ArgumentationFramework(attacks=[("a", "b"), ("b", "c"), ("c", "a")])
    assert some_extension(odd, "stable") is None
    assert some_extension(odd, "semi-stable") == frozenset()
    assert is_sceptically_accepted(odd, "a", "stable")  # vacuous: no stable extension
    assert not is_credulously_accepted(odd, "a", "stable")


def test_sat_without_python_sat_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pysat", None)
    monkeypatch.setitem(sys.modules, "pysat.solvers", None)
    af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a")])
    with pytest.raises(Exception, match=r"python-sat"):
        extensions(af, "preferred", solver="sat")
    assert len(extensions(af, "preferred", solver="auto")) == 2


def test_sat_falls_back_to_the_older_cadical(monkeypatch: pytest.MonkeyPatch) -> None:
    solvers = pytest.importorskip("pysat.solvers", reason="python-sat (sat extra) is not installed")
    real = solvers.Solver
    asked: list[str] = []

    def old_python_sat(name: str, **kwargs: Any) -> Any:
        asked.append(name)
        if name == "cadical195":
            raise solvers.NoSuchSolverError(name)
        return real(name=name, **kwargs)

    monkeypatch.setattr(solvers, "Solver", old_python_sat)
    af = ArgumentationFramework(attacks=[("a", "b"), ("b", "a"), ("b", "c")])
    assert _sets(extensions(af, "stable", solver="sat")) == {frozenset("ac"), frozenset("b")}
    assert asked[:2] == ["cadical195", "cadical153"]


# ------------------------------------------------------------------ no recursion, linear time


def test_hundred_thousand_chain_needs_no_recursion() -> None:
    n = 100_000
    af = ArgumentationFramework(attacks=[(str(i), str(i + 1)) for i in range(n - 1)])
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        ground = grounded_extension(af)
        assert len(ground) == n // 2 and "0" in ground and "1" not in ground
        assert extensions(af, "preferred", solver="python") == [ground]
        assert extensions(af, "stable", solver="python") == [ground]
        assert ideal_extension(af) == ground
        strength = h_categorizer(af)
        assert strength["0"] == 1.0 and strength["1"] == 0.5
    finally:
        sys.setrecursionlimit(limit)


def test_long_odd_cycle_and_even_cycle() -> None:
    odd = ArgumentationFramework(attacks=[(str(i), str((i + 1) % 2001)) for i in range(2001)])
    assert grounded_extension(odd) == frozenset()
    assert extensions(odd, "preferred") == [frozenset()]
    assert extensions(odd, "stable") == []
    even = ArgumentationFramework(attacks=[(str(i), str((i + 1) % 2000)) for i in range(2000)])
    assert len(extensions(even, "stable")) == 2


# ------------------------------------------------------------------ maps


def _petro_like() -> ArgumentMap:
    m = ArgumentMap(title="test")
    strengthened = m.claim("The blockade strengthened the gang", id="strengthened")
    defeated = m.claim("The gang was defeated", id="defeated")
    friends = m.claim("Gang members are Petro's friends", id="friends")
    never = m.claim("Petro never met a gang member", id="never")
    emigration = m.claim("The blockade drove emigration", id="emigration")
    m.contradict(defeated, strengthened)
    m.rebut(never, friends)
    m.support(emigration, strengthened, id="s1")
    return m


def test_claims_level() -> None:
    m = _petro_like()
    af = af_from_map(m)
    assert set(af.arguments) == set(m.statements)
    assert set(af.attacks) == {
        ("defeated", "strengthened"),
        ("strengthened", "defeated"),
        ("never", "friends"),
    }
    assert grounded(m) == {
        "strengthened": "undec",
        "defeated": "undec",
        "friends": "out",
        "never": "in",
        "emigration": "in",
    }
    assert statement_labelling(m, "preferred")["never"] == "in"
    assert statement_labelling(m, "preferred")["defeated"] == "undec"


def test_level_arguments_are_checked() -> None:
    m = _petro_like()
    with pytest.raises(ValueError, match="support="):
        af_from_map(m, "bipolar")
    with pytest.raises(ValueError, match="support="):
        af_from_map(m, "claims", support="deductive")
    with pytest.raises(ValueError, match="unknown level"):
        af_from_map(m, "aspic")  # type: ignore[arg-type]


def test_structured_level_undercut_and_sub_arguments() -> None:
    m = ArgumentMap()
    p, q, c = m.claim("P", id="p"), m.claim("Q", id="q"), m.claim("C", id="c")
    d = m.claim("D", id="d")
    s = m.support([p, q], c, id="s1")
    m.support(c, d, id="s2")
    u = m.claim("U", id="u")
    m.undercut(u, s)
    af = af_from_map(m, "structured")
    assert set(af.arguments) == {"p", "q", "u", "s1(p,q)", "s2(s1(p,q))"}
    # The undercut hits the inference and everything built on it, not the premises.
    assert set(af.attacks) == {("u", "s1(p,q)"), ("u", "s2(s1(p,q))")}
    assert statement_labelling(m, level="structured") == {
        "p": "in",
        "q": "in",
        "c": "out",
        "d": "out",
        "u": "in",
    }
    # Undermining a premise attacks every argument resting on it.
    m2 = ArgumentMap()
    a, b, x = m2.claim("A", id="a"), m2.claim("B", id="b"), m2.claim("X", id="x")
    m2.support(a, b, id="s1")
    m2.undermine(x, a)
    assert set(af_from_map(m2, "structured").attacks) == {("x", "a"), ("x", "s1(a)")}
    assert statement_labelling(m2, level="structured") == {"a": "out", "b": "out", "x": "in"}


def test_structured_level_alternatives_and_circles() -> None:
    m = ArgumentMap()
    a, b, c = m.claim("A", id="a"), m.claim("B", id="b"), m.claim("C", id="c")
    m.support(a, c, id="s1")
    m.support(b, c, id="s2")
    m.rebut(m.claim("R", id="r"), a)
    # c stands on b although its argument through a is defeated (claim-augmented reading).
    assert statement_labelling(m, level="structured")["c"] == "in"
    circle = ArgumentMap()
    x, y = circle.claim("X", id="x"), circle.claim("Y", id="y")
    circle.support(x, y, id="s1")
    circle.support(y, x, id="s2")
    assert af_from_map(circle, "structured").arguments == ()
    assert statement_labelling(circle, level="structured") == {"x": "out", "y": "out"}


def test_structured_causal_links() -> None:
    m = ArgumentMap()
    blockade = m.claim("The US blockades Venezuela", id="blockade")
    gang = m.claim("The gang grew stronger", id="gang")
    m.causes(blockade, gang, id="l1")
    m.causes(gang, blockade, polarity="0", id="l2")  # asserts no effect: concludes nothing
    assert set(af_from_map(m, "structured").arguments) == {"blockade", "l1(blockade)"}


def test_relations_are_labelled_where_the_structured_framework_has_them() -> None:
    m = ArgumentMap()
    p, q, c = m.claim("P", id="p"), m.claim("Q", id="q"), m.claim("C", id="c")
    m.support(p, c, id="s1")
    m.support(q, c, id="s2")
    m.causes(p, q, id="l1")
    m.causes(q, p, polarity="0", id="l0")  # no effect: no inference
    m.undercut(m.claim("U", id="u"), "s1", id="a1")
    f = m.factor("F", id="f")
    m.causes(f, c, id="lf")  # touches a factor: no inference
    assert relation_labelling(m) == {"s1": "out", "s2": "in", "l1": "in"}
    m.rebut(m.claim("R", id="r"), p)  # p falls, and the arguments built on it
    assert relation_labelling(m) == {"s1": "out", "s2": "out", "l1": "out"}
    assert statement_labelling(m, level="structured")["c"] == "out"


def test_factors_are_never_labelled() -> None:
    # A factor is a quantity that rises or falls: no level makes it an argument, and no
    # attack, support or causal link touching one is read.
    m = ArgumentMap()
    blockade = m.factor("US blockade", id="blockade")
    strength = m.factor("Gang strength", id="strength")
    claim = m.claim("The blockade strengthened the gang", id="claim")
    other = m.claim("The gang was defeated", id="other")
    m.causes(blockade, strength, id="l1")
    m.causes(blockade, claim, id="l2")
    m.support(strength, claim, id="s1")
    m.rebut(other, claim)
    m.rebut(strength, other)
    for level, support in (("claims", None), ("structured", None), ("bipolar", "general")):
        af = af_from_map(m, level, support=support)  # type: ignore[arg-type]
        assert not {"blockade", "strength"} & set(af.arguments), level
        assert all("blockade" not in a and "strength" not in a for a in af.arguments), level
        status = statement_labelling(m, level=level, support=support)  # type: ignore[arg-type]
        assert status == {"claim": "out", "other": "in"}, level
    assert grounded(m) == {"claim": "out", "other": "in"}
    assert set(h_categorizer(m)) == set(df_quad(m)) == {"claim", "other"}


def test_bipolar_readings_and_self_attack() -> None:
    m = ArgumentMap()
    a, b, c, d = (m.claim(x, id=x) for x in "abcd")
    m.support(a, b, id="s1")
    m.rebut(b, c)
    m.rebut(d, a)
    deductive = set(af_from_map(m, "bipolar", support="deductive").attacks)
    necessary = set(af_from_map(m, "bipolar", support="necessary").attacks)
    general = set(af_from_map(m, "bipolar", support="general").attacks)
    direct = {("b", "c"), ("d", "a")}
    assert deductive == direct | {("a", "c")}  # supported; no mediated (nothing supports a)
    assert necessary == direct | {("d", "b")}  # secondary; extended needs a supporter that attacks
    assert general == direct | {("a", "c"), ("d", "b")}
    # A support that leads back to an attacker makes a self-attack.
    loop = ArgumentMap()
    x, y = loop.claim("X", id="x"), loop.claim("Y", id="y")
    loop.support(x, y, id="s1")
    loop.rebut(y, x)
    assert ("x", "x") in af_from_map(loop, "bipolar", support="deductive").attacks
    assert statement_labelling(loop, level="bipolar", support="deductive")["x"] == "out"
    # Linked premises: necessary from each premise, nothing under the deductive reading.
    linked = ArgumentMap()
    p, q, r, z = (linked.claim(x, id=x) for x in "pqrz")
    linked.support([p, q], r, id="s1")
    linked.rebut(z, p)
    assert ("z", "r") in af_from_map(linked, "bipolar", support="necessary").attacks
    assert ("z", "r") not in af_from_map(linked, "bipolar", support="deductive").attacks


@settings(max_examples=40)
@given(maps())
def test_every_map_level_gives_a_consistent_reading(m: ArgumentMap) -> None:
    claims = af_from_map(m)
    claim_ids = {c.id for c in m.claims()}
    assert set(claims.arguments) == claim_ids
    assert set(grounded(m)) == claim_ids
    for reading in ("deductive", "necessary", "general"):
        bipolar = af_from_map(m, "bipolar", support=reading)  # type: ignore[arg-type]
        assert set(claims.attacks) <= set(bipolar.attacks)
    status = statement_labelling(m, level="structured")
    assert set(status) == claim_ids
    assert set(h_categorizer(m)) == claim_ids
    assert all(0.0 <= v <= 1.0 for v in df_quad(m).values())


# ------------------------------------------------------------------ gradual semantics


def test_h_categorizer_worked_example_and_cycle() -> None:
    af = ArgumentationFramework(attacks=[("c", "b"), ("b", "a")])
    strength = h_categorizer(af)
    assert strength == pytest.approx({"c": 1.0, "b": 0.5, "a": 2 / 3})
    pair = ArgumentationFramework(attacks=[("a", "b"), ("b", "a")])
    golden = (5**0.5 - 1) / 2  # s = 1 / (1 + s)
    assert h_categorizer(pair) == pytest.approx({"a": golden, "b": golden})
    selfish = ArgumentationFramework(attacks=[("a", "a")])
    assert h_categorizer(selfish)["a"] == pytest.approx(golden)
    with pytest.raises(UnknownIdError):
        h_categorizer(af, base_scores={"nope": 0.5})
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        h_categorizer(af, base_scores={"a": 2.0})


def test_df_quad_worked_example_and_maps() -> None:
    af = ArgumentationFramework(["a", "b", "c"], [("b", "a")])
    assert df_quad(af, supports=[("c", "a")], base_scores={"c": 0.8}) == pytest.approx(
        {"a": 0.65, "b": 0.5, "c": 0.8}
    )
    # Attack stronger than support: tau - tau * (A - S).
    assert df_quad(af, base_scores={"a": 0.6, "b": 0.5})["a"] == pytest.approx(0.3)
    m = ArgumentMap()
    p, q, c = m.claim("P", id="p"), m.claim("Q", id="q"), m.claim("C", id="c")
    m.support([p, q], c, id="s1")
    # Linked premises count as their weakest: S = 0.2.
    assert df_quad(m, base_scores={"p": 0.9, "q": 0.2, "c": 0.5})["c"] == pytest.approx(0.6)
    with pytest.raises(ValueError, match="supports="):
        df_quad(m, supports=[("p", "c")])


def test_gradual_cycles_converge_or_say_so() -> None:
    ring = ArgumentationFramework(attacks=[("a", "b"), ("b", "c"), ("c", "a")])
    values = df_quad(ring)
    assert all(0.0 <= v <= 1.0 for v in values.values())
    assert values["a"] == pytest.approx(values["b"])
    with pytest.raises(Exception, match="did not converge"):
        h_categorizer(ring, tol=0.0, max_iter=3)


# ------------------------------------------------------------------ argmap eval


def test_eval_framework_tasks(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "ring.i23"
    path.write_text("p af 4\n1 2\n2 1\n2 3\n3 4\n")
    assert (
        run_cli(["eval", str(path), "--semantics", "PR", "--task", "EE"])[:2]
        == (
            0,
            "w 1 3\nw 2 4\n",
        )
        or run_cli(["eval", str(path), "--semantics", "PR", "--task", "EE"])[1] == "w 2 4\nw 1 3\n"
    )
    code, out, _ = run_cli(["eval", str(path), "--task", "SE"])
    assert (code, out) == (0, "w\n")  # grounded by default: empty here
    code, out, _ = run_cli(
        ["eval", str(path), "--semantics", "stable", "--task", "DC", "--arg", "3"]
    )
    assert (code, out) == (0, "YES\nw 1 3\n")
    code, out, _ = run_cli(["eval", str(path), "--semantics", "CO", "--task", "DS", "--arg", "3"])
    assert (code, out) == (0, "NO\n")
    code, out, _ = run_cli(["eval", str(path), "--task", "EE", "--format", "json"])
    assert json.loads(out) == {"semantics": "grounded", "task": "EE", "extensions": [[]]}
    odd = tmp_path / "odd.tgf"
    odd.write_text("a\nb\nc\n#\na b\nb c\nc a\n")
    assert run_cli(["eval", str(odd), "--semantics", "ST", "--task", "SE"])[:2] == (0, "NO\n")


def test_eval_reads_standard_input(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("arg(a).\narg(b).\natt(a,b).\n"))
    assert run_cli(["eval", "-", "--from", "apx", "--task", "SE"])[:2] == (0, "w a\n")


def test_eval_user_mistakes_exit_2_without_traceback(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "af.i23"
    path.write_text("p af 2\n1 3\n")
    code, _, err = run_cli(["eval", str(path)])
    assert code == 2 and "af.i23:2:3" in err and "Traceback" not in err
    path.write_text("p af 2\n1 2\n")
    for bad in (
        ["--task", "DC"],
        ["--task", "DS", "--arg", "9"],
        ["--arg", "1"],
        ["--level", "bipolar"],
    ):
        code, _, err = run_cli(["eval", str(path), *bad])
        assert code == 2 and err.startswith("argmap: error:"), bad
    # An unknown semantics is caught while parsing, as argparse reports a bad option.
    code, _, err = run_cli(["eval", str(path), "--semantics", "naive"])
    assert code == 2 and "error: argument --semantics: unknown semantics 'naive'" in err
    assert run_cli(["eval", str(tmp_path / "missing.tgf")])[0] == 2


def test_eval_map_status_table(tmp_path: Path, run_cli: RunCli) -> None:
    from argmap.readwrite.native import write_json

    m = _petro_like()
    path = tmp_path / "map.json"
    write_json(m, path)
    code, out, _ = run_cli(["eval", str(path), "--format", "json"])
    assert code == 0 and json.loads(out)["status"] == grounded(m)
    code, out, _ = run_cli(["eval", str(path)])
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:]}
    assert code == 0 and rows == grounded(m)
    code, out, _ = run_cli(
        ["eval", str(path), "--task", "DC", "--arg", "never", "--semantics", "PR"]
    )
    assert out.startswith("YES\nw ")
    code, out, _ = run_cli(["eval", str(path), "--level", "bipolar", "--support", "necessary"])
    assert code == 0


def test_eval_lists_no_factor(tmp_path: Path, run_cli: RunCli) -> None:
    from argmap.readwrite.native import write_json

    m = _petro_like()
    m.factor("Tren de Aragua strength", id="gang_strength")
    path = tmp_path / "map.json"
    write_json(m, path)
    code, out, _ = run_cli(["eval", str(path)])
    assert code == 0 and "gang_strength" not in out
    code, out, _ = run_cli(["eval", str(path), "--format", "json"])
    assert "gang_strength" not in json.loads(out)["status"]
    code, _, err = run_cli(["eval", str(path), "--task", "DC", "--arg", "gang_strength"])
    assert code == 2 and "is a factor; acceptance is about claims" in err
