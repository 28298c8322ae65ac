"""Sensitivity to the analyst: verdicts and chains with and without reconstructions."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings

import argmap
from argmap import ArgumentMap
from argmap.causal import causal_chains
from argmap.checks import check
from argmap.semantics import (
    sensitivity,
    statement_labelling,
    without_reconstructions,
)
from tests.strategies import maps
from tests.support import RunCli


def _disputed() -> ArgumentMap:
    """Two claims and an analyst's rebut between them, plus a chain with a reconstructed step."""
    m = ArgumentMap()
    petro = m.agent("Gustavo Petro", id="petro")
    maduro = m.agent("Nicolás Maduro", id="maduro")
    strong = m.claim("The blockade strengthened the gang", id="strong", by=petro)
    beaten = m.claim("The gang was defeated", id="beaten", by=maduro)
    m.rebut(beaten, strong, id="a1", reconstructed=True)
    blockade = m.factor("US blockade", id="blockade")
    exclusion = m.factor("exclusion of migrant youth", id="exclusion")
    recruitment = m.factor("recruitment by the gang", id="recruitment", reconstructed=True)
    gang = m.factor("Tren de Aragua strength", id="gang")
    m.causes(blockade, exclusion, id="l1", by=petro)
    m.causes(exclusion, recruitment, id="l2")
    m.causes(recruitment, gang, id="l3")
    m.causes(blockade, gang, id="l4", by=petro)
    return m


def test_verdicts_and_chains_that_rest_on_the_analyst() -> None:
    m = _disputed()
    found = sensitivity(m, chains=causal_chains(m, "blockade", "gang"))
    assert found.reconstructions == ("recruitment", "a1")
    assert [
        (v.claim, v.with_reconstructions, v.without_reconstructions) for v in found.verdicts
    ] == [
        ("strong", "out", "in"),
        ("beaten", "in", "in"),
    ]
    assert [v.claim for v in found.dependent] == ["strong"]
    needs = {c.chain.links: c.reconstructed for c in found.chains}
    assert needs == {("l4",): (), ("l1", "l2", "l3"): ("l2", "l3")}
    assert not found.insensitive
    assert argmap.sensitivity is sensitivity


def test_a_reconstructed_claim_has_no_verdict_without_reconstructions() -> None:
    m = ArgumentMap()
    step = m.claim("Exclusion feeds recruitment", id="step", reconstructed=True)
    m.support(step, m.claim("The gang grew", id="grew"), id="s1")
    found = sensitivity(m, level="structured")
    assert {v.claim: v.without_reconstructions for v in found.verdicts} == {
        "step": None,
        "grew": "in",
    }
    assert [v.claim for v in found.dependent] == ["step"]


def test_without_reconstructions_drops_what_stands_on_them() -> None:
    m = ArgumentMap()
    who = m.agent("Petro", id="petro")
    a, b = m.claim("A", id="a"), m.claim("B", id="b")
    support = m.support(a, b, id="s1", reconstructed=True)
    m.undercut(m.claim("U", id="u"), support, id="a1", by=who)  # stands on s1: goes too
    gone = m.factor("X", id="x", reconstructed=True)
    m.factor("not X", id="y", opposite=gone)
    bare = without_reconstructions(m)
    assert list(bare.statements) == ["a", "b", "u", "y"]
    assert list(bare.relations) == []
    assert bare.opposite_of("y") is None
    assert all(att.target in bare.statements for att in bare.attributions)
    assert "s1" in m.relations  # the given map is untouched


@settings(max_examples=40, deadline=None)
@given(maps())
def test_a_map_without_reconstructions_is_insensitive(m: ArgumentMap) -> None:
    bare = without_reconstructions(m)
    assert not any(s.reconstructed for s in bare.statements.values())
    assert not any(r.reconstructed for r in bare.relations.values())
    found = sensitivity(bare)
    assert found.reconstructions == () and found.insensitive
    # And on the map itself, the second column is the labelling of the bare map.
    both = sensitivity(m)
    alone = statement_labelling(bare)
    for v in both.verdicts:
        assert v.without_reconstructions == alone.get(v.claim)
        assert (v.without_reconstructions is None) == m.statements[v.claim].reconstructed


def test_check_reports_each_dependent_verdict_and_chain() -> None:
    m = _disputed()
    found = check(m, select="AM306")
    messages = sorted(f.message for f in found)
    assert [f.ids for f in found if f.ids[0] == "strong"] == [("strong",)]
    assert any(
        "strong is out with the analyst's reconstructions and in without" in t for t in messages
    )
    chain = [f for f in found if f.ids[:2] == ("blockade", "gang")]
    assert len(chain) == 1 and set(chain[0].ids[2:]) == {"l2", "l3"}
    assert (
        "1 of 2 causal chains from blockade to gang needs a reconstructed link" in chain[0].message
    )
    assert check(without_reconstructions(m), select="AM306") == []


def test_eval_prints_both_columns(tmp_path: Path, run_cli: RunCli) -> None:
    from argmap.readwrite.native import write_json

    path = tmp_path / "map.json"
    write_json(_disputed(), path)
    code, out, _ = run_cli(["eval", str(path)])
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["id", "status", "without", "text"]
    rows = {line.split()[0]: line.split()[1:4] for line in lines[1:3]}
    assert rows == {"strong": ["out", "in", "*"], "beaten": ["in", "in", "The"]}
    assert "2 reconstructions" in lines[-1]
    code, out, _ = run_cli(["eval", str(path), "--format", "json"])
    data = json.loads(out)
    assert data["status"] == {"strong": "out", "beaten": "in"}
    assert data["without_reconstructions"] == {"strong": "in", "beaten": "in"}
    assert data["depends_on_reconstructions"] == ["strong"]
    assert data["reconstructions"] == ["recruitment", "a1"]
    # A map with no reconstruction keeps the one-column table.
    write_json(without_reconstructions(_disputed()), path)
    code, out, _ = run_cli(["eval", str(path)])
    assert out.splitlines()[0].split() == ["id", "status", "text"]
