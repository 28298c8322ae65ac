"""Invariants of check() on arbitrary valid maps (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap
from argmap.checks import check, rules
from argmap.model import AttackSort
from tests.strategies import maps

_words = st.sampled_from(
    [
        "Tren de Aragua",
        "Aragua train",
        "violence",
        "only",
        "never",
        "all",
        "...",
        "",
        "Gang",
        "gang!",
        "migrants",
        "not",
        "blockade",
        "Petro",
        "petro",
        "friends",
        "\n",
        "\"'",
    ]
)
_texts = st.lists(_words, min_size=0, max_size=4).map(" ".join)


@st.composite
def local_maps(draw: st.DrawFn) -> ArgumentMap:
    """Valid maps through the builder API: every record kind, quotes good and bad."""
    from argmap import Quote

    m = ArgumentMap()
    agents = [
        m.agent(draw(_texts), id=f"ag{i}", aliases=draw(st.lists(_texts, max_size=2)))
        for i in range(draw(st.integers(0, 3)))
    ]
    body = " ".join(draw(st.lists(_texts, min_size=1, max_size=6))) or "x"
    has_source = draw(st.booleans())
    if has_source:
        m.source(draw(_texts), id="src", text=body if draw(st.booleans()) else None)

    def attribution() -> dict[str, Any]:
        if not agents or not draw(st.booleans()):
            return {}
        options: dict[str, Any] = {
            "by": draw(st.sampled_from(agents)),
            "stance": draw(st.sampled_from(["asserts", "denies", "questions"])),
        }
        if draw(st.booleans()):
            options["reported_by"] = draw(st.sampled_from(agents))
        if has_source and draw(st.booleans()):
            text = m.sources["src"].text
            limit = len(text) if text is not None else 0
            start = draw(st.integers(0, limit))
            end = draw(st.integers(start, limit))
            options["quote"] = Quote(source="src", text=draw(_texts) or "q", start=start, end=end)
        return options

    statements: list[str] = []
    for _ in range(draw(st.integers(1, 10))):
        if draw(st.booleans()):
            statements.append(m.factor(draw(_texts), **attribution()).id)
        else:
            statements.append(
                m.claim(draw(_texts), reconstructed=draw(st.booleans()), **attribution()).id
            )
    relations: list[str] = []
    for _ in range(draw(st.integers(0, 16))):
        kind = draw(st.sampled_from(["support", "attack", "causal"]))
        if kind == "support":
            conclusion = draw(st.sampled_from(statements + relations))
            others = [s for s in statements if s != conclusion]
            if not others:
                continue
            premises = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
            relations.append(m.support(premises, conclusion, **attribution()).id)
        elif kind == "attack":
            kind_of: AttackSort = draw(
                st.sampled_from(["rebut", "undermine", "undercut", "contradict"])
            )
            if kind_of == "undercut" and not relations:
                continue
            target = draw(st.sampled_from(relations if kind_of == "undercut" else statements))
            attacker = draw(st.sampled_from(statements))
            relations.append(m.attack(attacker, target, sort=kind_of, **attribution()).id)
        else:
            relations.append(
                m.causes(
                    draw(st.sampled_from(statements)),
                    draw(st.sampled_from(statements)),
                    **attribution(),
                ).id
            )
    for _ in range(draw(st.integers(0, 3))):
        if agents:
            m.attribute(
                draw(st.sampled_from(statements + relations)),
                **(attribution() or {"by": agents[0]}),
            )
    return m


ANY_MAP = st.one_of(local_maps(), maps())
CODES = [c.code for c in rules()]
SETTINGS = settings(max_examples=150)


@SETTINGS
@given(ANY_MAP)
def test_check_never_raises_and_is_sorted_and_stable(m: ArgumentMap) -> None:
    found = check(m)
    assert found == sorted(found)
    assert len(set(found)) == len(found)
    assert check(m.copy()) == found  # the same map read back gives the same findings


@SETTINGS
@given(ANY_MAP)
def test_findings_name_real_ids_and_link_their_docs(m: ArgumentMap) -> None:
    for f in check(m):
        assert f.ids and all(i in m for i in f.ids), f
        assert f.message
        assert f.anchor == f"checks.md#{f.code.lower()}-{f.name}"


@SETTINGS
@given(ANY_MAP, st.lists(st.sampled_from(CODES), unique=True))
def test_select_and_ignore_partition_the_findings(m: ArgumentMap, chosen: list[str]) -> None:
    every = check(m)
    picked = check(m, select=chosen)
    rest = check(m, ignore=chosen)
    assert sorted(picked + rest) == every
    assert {f.code for f in picked} <= set(chosen)


@SETTINGS
@given(ANY_MAP, st.sampled_from(["error", "warning", "info"]))
def test_severity_keeps_findings_at_least_that_severe(m: ArgumentMap, floor: str) -> None:
    kept = check(m, severity=floor)  # type: ignore[arg-type]
    assert kept == [f for f in check(m) if f.at_least(floor)]  # type: ignore[arg-type]
