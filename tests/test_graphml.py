"""GraphML: networkx reads what argmap writes, with labels, kinds, colours and yEd graphics."""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from argmap import (
    ArgumentMap,
    DataLossWarning,
    ViewError,
    generate_graphml,
    to_networkx,
    write_graphml,
)
from argmap.names import GraphName
from tests.strategies import maps, rich_maps, user_texts

# The older tests write maps GraphML cannot hold whole; the warning tests catch it themselves.
pytestmark = pytest.mark.filterwarnings("ignore::argmap.errors.DataLossWarning")

YED = "{http://www.yworks.com/xml/graphml}"
RICH = settings(max_examples=25, suppress_health_check=list(HealthCheck))
FEW = settings(max_examples=40, suppress_health_check=list(HealthCheck))


def _demo() -> ArgumentMap:
    m = ArgumentMap(title="Demo")
    blockade, gang = m.factor("US blockade", id="blockade"), m.factor("gang strength", id="gang")
    link = m.causes(blockade, gang, polarity="+")
    m.causes(m.factor("inclusion", id="inclusion"), gang, polarity="-")
    defeated = m.claim("The gang was defeated", id="defeated")
    m.undercut(defeated, link)
    m.support([m.claim("Youth were excluded"), m.claim("Exclusion breeds violence")], "defeated")
    return m


def _read(text: str) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    return g


@pytest.mark.parametrize("graph", ["aif", "claims", "causal-links"])
def test_networkx_reads_every_graph_with_the_same_nodes_and_edges(graph: GraphName) -> None:
    m = _demo()
    g, expected = _read(generate_graphml(m, graph=graph)), to_networkx(m, graph)
    assert set(g.nodes) == set(expected.nodes)
    assert sorted((u, v) for u, v, _ in g.edges(keys=True)) == sorted(
        (u, v) for u, v, _ in expected.edges(keys=True)
    )
    for node, attrs in expected.nodes(data=True):
        assert g.nodes[node]["kind"] == attrs["kind"]
    assert g.graph["title"] == "Demo"


def test_labels_kinds_and_colours_are_plain_data_and_yed_graphics() -> None:
    m = _demo()
    text = generate_graphml(m)
    g = _read(text)
    assert g.nodes["blockade"]["label"] == "US blockade"
    assert (g.nodes["l1"]["kind"], g.nodes["l1"]["polarity"]) == ("causal", "+")
    assert {g.nodes[n]["color"] for n in ("blockade", "defeated", "s1", "a1", "l1")} == {
        "#DAE8FC",
        "#FFF2CC",
        "#D5E8D4",
        "#F8CECC",
        "#E1D5E7",
    }
    root = ET.fromstring(text)
    fills = [e.get("color") for e in root.iter(f"{YED}Fill")]
    labels = [e.text for e in root.iter(f"{YED}NodeLabel")]
    assert len(fills) == len(labels) == len(m.statements) + len(m.relations)
    assert "US blockade" in labels and "undercut" in labels
    claims = ET.fromstring(generate_graphml(m, graph="claims"))
    styles = {(e.get("color"), e.get("type")) for e in claims.iter(f"{YED}LineStyle")}
    assert ("#EF6C00", "dashed") in styles  # the "-" link
    assert ("#C62828", "dashed") in styles  # the undercut


@FEW
@given(user_texts)
def test_hostile_text_is_escaped_and_read_back(text: str) -> None:
    m = ArgumentMap(title=text)
    m.claim(text, id="c")
    g = _read(generate_graphml(m))
    clean = "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 else "\ufffd" for ch in text)
    assert g.nodes["c"]["text"].replace("\r", "\n") == clean.replace("\r\n", "\n").replace(
        "\r", "\n"
    )


@FEW
@given(maps())
def test_any_map_gives_graphml_that_networkx_reads(m: ArgumentMap) -> None:
    for graph in ("aif", "claims"):
        # No layout: an engine run per example would make this test about the engine.
        g = _read(generate_graphml(m, graph=graph, layout="none"))  # type: ignore[arg-type]
        assert g.number_of_nodes() == to_networkx(m, graph).number_of_nodes()  # type: ignore[arg-type]
        assert g.number_of_edges() == to_networkx(m, graph).number_of_edges()  # type: ignore[arg-type]


@RICH
@given(rich_maps())
def test_rich_maps_too(m: ArgumentMap) -> None:
    g = _read(generate_graphml(m, layout="none"))
    assert g.number_of_nodes() == len(m.statements) + len(m.relations)


def test_write_is_atomic_and_takes_paths_or_files(tmp_path: Path) -> None:
    m = _demo()
    write_graphml(m, tmp_path / "m.graphml")
    assert _read((tmp_path / "m.graphml").read_text(encoding="utf-8")).number_of_nodes() == 10
    buffer = io.StringIO()
    write_graphml(m, buffer, graph="causal-links")
    assert _read(buffer.getvalue()).number_of_nodes() == 3
    assert [p.name for p in tmp_path.iterdir()] == ["m.graphml"]  # no temporary file left


def test_an_unknown_graph_is_refused() -> None:
    with pytest.raises(ViewError, match="unknown graph 'pretty'"):
        generate_graphml(_demo(), graph="pretty")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- what is dropped


def _losses(call: Any) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in caught if issubclass(w.category, DataLossWarning)]


def test_a_map_graphml_holds_whole_writes_without_a_warning(tmp_path: Path) -> None:
    m = ArgumentMap(title="Demo")
    link = m.causes(m.factor("blockade"), m.factor("gang strength"), polarity="-")
    m.undercut(m.claim("The gang was defeated", tags=["maduro"]), link)
    m.support([m.claim("Youth were excluded"), m.claim("Exclusion breeds violence")], "c1")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)
        generate_graphml(m)
        write_graphml(m, tmp_path / "m.graphml", graph="claims")


def test_agents_sources_and_attributions_are_named_once_per_write(tmp_path: Path) -> None:
    m = ArgumentMap()
    art = m.source("News article", id="article", text="Petro said the gang grew.")
    petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Kristi Noem", id="noem")
    m.claim("The gang grew", by=petro, reported_by=noem, quote=m.quote(art, "the gang grew"))
    with pytest.warns(DataLossWarning, match=r"GraphML cannot hold agents, sources") as caught:
        write_graphml(m, tmp_path / "m.graphml")
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "2 agents ('Gustavo Petro', 'Kristi Noem')" in message
    assert "1 source (article)" in message and "1 attribution" in message
    assert caught[0].filename == __file__  # points at the caller, not at argmap


def test_fields_without_a_key_and_records_outside_the_graph_are_counted() -> None:
    m = ArgumentMap(description="Petro's causal story")
    blockade, gang = m.factor("blockade", id="blockade"), m.factor("gang", id="gang")
    m.causes(blockade, gang, mechanism="emigration", id="l1")
    m.support(m.claim("Youth were excluded", id="youth"), m.claim("Violence grew", id="grew"))
    (aif,) = _losses(lambda: generate_graphml(m))
    assert "the map's description" in aif
    assert "the fields mechanism of 1 record (l1)" in aif
    assert "outside the graph" not in aif
    (causal,) = _losses(lambda: generate_graphml(m, graph="causal-links"))
    assert "3 records outside the graph (youth, grew, s1)" in causal


def test_scheme_and_tags_of_a_relation_drawn_as_an_edge_are_dropped() -> None:
    m = ArgumentMap()
    m.support(m.claim("a"), m.claim("b"), scheme="cause to effect", tags=["petro"], id="s")
    assert _losses(lambda: generate_graphml(m)) == []  # the aif graph has a node for it
    (claims,) = _losses(lambda: generate_graphml(m, graph="claims"))
    assert claims.endswith("dropped the fields scheme, tags of 1 record (s)")


def test_control_characters_replaced_in_the_file_are_reported() -> None:
    m = ArgumentMap(title="bell\x07")
    m.claim("null\x00 byte", id="c")
    (message,) = _losses(lambda: generate_graphml(m))
    assert "in 2 texts (the title, c)" in message


# --------------------------------------------------------------------------- positions
def _engine(name: str) -> bool:
    from argmap.errors import EngineNotFoundError
    from argmap.rendering import find_engine

    try:
        find_engine(name)
    except EngineNotFoundError:
        return False
    return True


def _geometries(text: str) -> dict[str, tuple[float, float, float, float]]:
    """Node id -> (x, y, width, height) of its yEd geometry."""
    found = {}
    for node in ET.fromstring(text).iter("{http://graphml.graphdrawing.org/xmlns}node"):
        geometry = next(node.iter(f"{YED}Geometry"))
        found[node.get("id", "")] = tuple(
            float(geometry.get(k, "nan")) for k in ("x", "y", "width", "height")
        )
    return found  # type: ignore[return-value]


@pytest.mark.exe
@pytest.mark.parametrize("engine", ["dot", "graphviz-pure"])
def test_an_engine_places_every_node_apart(engine: str) -> None:
    if not _engine(engine):
        pytest.skip(f"{engine} is not installed")
    boxes = _geometries(generate_graphml(_demo(), layout=engine))
    assert len(boxes) == 10 and len({(x, y) for x, y, _, _ in boxes.values()}) == 10
    for a, (x1, y1, w1, h1) in boxes.items():
        assert x1 >= 0 and y1 >= 0
        for b, (x2, y2, w2, h2) in boxes.items():
            if a < b:  # no two boxes overlap
                assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1, (a, b)
    # Top to bottom as the arrows run: a support's premise sits above the support node.
    assert boxes["c1"][1] < boxes["s1"][1] < boxes["defeated"][1]


def test_layout_none_leaves_every_node_at_the_origin() -> None:
    boxes = _geometries(generate_graphml(_demo(), layout="none"))
    assert {(x, y) for x, y, _, _ in boxes.values()} == {(0.0, 0.0)}


def test_auto_without_an_engine_writes_plain_geometry(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.rendering import engine

    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(engine, "_distribution", lambda name: None)
    text = generate_graphml(_demo())
    assert {(x, y) for x, y, _, _ in _geometries(text).values()} == {(0.0, 0.0)}
    assert text == generate_graphml(_demo(), layout="none")


def test_an_unknown_layout_is_refused() -> None:
    with pytest.raises(ViewError, match="layout"):
        generate_graphml(_demo(), layout="neato")


def test_the_agents_graph_is_written_with_names_and_counts() -> None:
    m = ArgumentMap()
    petro, noem = m.agent("Gustavo Petro", id="petro"), m.agent("Kristi Noem", id="noem")
    friends = m.claim("Gang members are Petro's friends", by=petro, reported_by=noem)
    m.attribute(friends, by=petro, stance="denies")
    g = _read(generate_graphml(m, graph="agents", layout="none"))
    assert dict(g.nodes(data="label")) == {"petro": "Gustavo Petro", "noem": "Kristi Noem"}
    labels = sorted(label for _, _, label in g.edges(data="label"))
    assert labels == ["denies 1", "reports 1"]
