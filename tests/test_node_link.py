"""networkx node-link JSON: round trips, graphs from networkx itself, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    FormatError,
    generate_node_link,
    parse_node_link,
    read_node_link,
    to_networkx,
    write_node_link,
)
from argmap.errors import ArgmapError
from tests.interchange_support import assert_located, json_mutations, mutate_json
from tests.strategies import maps, rich_maps

RICH = settings(max_examples=25, suppress_health_check=list(HealthCheck))
FUZZ = settings(max_examples=60, suppress_health_check=list(HealthCheck))


@FUZZ
@given(maps())
def test_write_then_read_gives_the_same_map(m: ArgumentMap) -> None:
    assert parse_node_link(generate_node_link(m)) == m


@RICH
@given(rich_maps())
def test_networkx_loads_the_file_as_the_aif_view(m: ArgumentMap) -> None:
    text = generate_node_link(m, indent=None)
    assert parse_node_link(text) == m
    g = nx.node_link_graph(json.loads(text), edges="edges")
    view = to_networkx(m, "aif")
    assert set(g.nodes) == set(view.nodes)
    assert sorted(g.edges(keys=True)) == sorted(view.edges(keys=True))
    for sid, statement in m.statements.items():
        assert g.nodes[sid]["kind"] == statement.kind


@FUZZ
@given(maps())
def test_argmaps_claims_view_reads_back_to_the_same_relations(m: ArgumentMap) -> None:
    data = nx.node_link_data(to_networkx(m, "claims"), edges="edges")
    back = parse_node_link(json.dumps(data))
    assert list(back.statements) == list(m.statements)
    assert [s.text for s in back.statements.values()] == [s.text for s in m.statements.values()]
    assert {(r.id, r.kind) for r in back.relations.values()} == {
        (r.id, r.kind) for r in m.relations.values()
    }
    for support in m.supports():
        assert set(back[support.id].premises) == set(support.premises)  # type: ignore[union-attr]
    for attack in m.attacks():
        assert back[attack.id].sort == attack.sort  # type: ignore[union-attr]


def test_a_plain_networkx_graph_reads_as_claims_and_supports() -> None:
    g: nx.DiGraph[int] = nx.DiGraph(name="rain")
    g.add_node(1, label="It rains")
    g.add_node(2, label="The street is wet", colour="blue")
    g.add_node(3)
    g.add_edge(1, 2, weight=0.5)
    g.add_edge(3, 2, kind="attack", type="undermine")
    old_style = nx.node_link_data(g, edges="links")
    m = parse_node_link(json.dumps(old_style))
    assert m.title == "rain"
    assert [(c.id, c.text) for c in m.claims()] == [
        ("1", "It rains"),
        ("2", "The street is wet"),
        ("3", "3"),
    ]
    assert m["2"].data == {"node_link": {"colour": "blue"}}
    support, attack = m.relations.values()
    assert (support.kind, support.premises, support.data) == (  # type: ignore[union-attr]
        "support",
        ("1",),
        {"node_link": {"weight": 0.5}},
    )
    assert (attack.kind, attack.sort, attack.attacker) == ("attack", "undermine", "3")  # type: ignore[union-attr]


def test_read_and_write_take_paths_and_open_files(tmp_path: Path) -> None:
    m = ArgumentMap(title="Files")
    m.support(m.claim("A"), m.claim("B"))
    write_node_link(m, tmp_path / "m.nodelink.json")
    assert read_node_link(tmp_path / "m.nodelink.json") == m
    buffer = io.StringIO()
    write_node_link(m, buffer)
    assert read_node_link(io.StringIO(buffer.getvalue())) == m


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ('{"nodes": [', "1:12", "invalid JSON"),
        ("{}", "$", "missing field 'nodes'"),
        ('{"nodes": [{"id": 1}, {"id": "1"}]}', "$.nodes[1].id", "duplicate node id '1'"),
        ('{"nodes": [{"id": 1}], "edges": [{"source": 1, "target": 2}]}', "$.edges[0]", "'2'"),
        ('{"nodes": [{"id": [1]}]}', "$.nodes[0].id", "a string or an integer"),
        (
            '{"nodes": [{"id": "s", "kind": "support"}]}',
            "$.nodes[0]",
            "expected one or more premise",
        ),
        (
            '{"graph": {"argmap": {}}, "nodes": [{"id": "c", "kind": "claim", "txt": "A"}]}',
            "$.nodes[0]",
            "expected a valid claim",
        ),
    ],
)
def test_bad_input_names_the_place_and_what_was_expected(
    text: str, where: str, expected: str
) -> None:
    with pytest.raises(FormatError) as caught:
        parse_node_link(text, origin="bad.json")
    assert where in str(caught.value) and expected in str(caught.value), str(caught.value)


@FUZZ
@given(st.text(max_size=200))
def test_random_text_raises_only_located_format_errors(text: str) -> None:
    try:
        parse_node_link(text)
    except ArgmapError as err:
        assert_located(err)


def _sample() -> Any:
    m = ArgumentMap(title="Sample")
    petro = m.agent("Gustavo Petro", id="petro")
    post = m.source("Post", id="post", text="The blockade strengthened the gang.")
    link = m.causes(m.factor("blockade"), m.factor("gang"), by=petro, quote=m.quote(post, "gang"))
    m.undercut(m.claim("The gang was defeated"), link)
    return json.loads(generate_node_link(m))


@FUZZ
@given(json_mutations())
def test_mutated_files_raise_only_located_format_errors(edits: list[tuple[str, int, Any]]) -> None:
    doc = mutate_json(_sample(), edits)
    try:
        m = parse_node_link(json.dumps(doc))
    except ArgmapError as err:
        assert_located(err)
    else:
        assert parse_node_link(generate_node_link(m)) == m
