"""The writers at scale: a 20,000-deep support chain round-trips through every text format.

A chain (each claim supports the one before) is the deepest shape a map has: any writer that
walked it recursively would pass Python's recursion limit (1,000) twenty times over. The fast
paths of the writers (block YAML of the Argdown front matter, YAML events, the Argdown writer
that skips reading its text back) are checked against what they replace. No timing here: speed
is in benchmarks/bench_formats.py.
"""

from __future__ import annotations

import io
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    DataLossWarning,
    generate_argdown,
    generate_yaml,
    parse_argdown,
    read_argdown,
    read_yaml,
    write_argdown,
    write_graphml,
    write_yaml,
)
from argmap.readwrite.argdown import postprocess, writer
from argmap.readwrite.argdown.writer import _block_yaml
from argmap.readwrite.native import _dump_yaml, _SafeDumper
from tests.strategies import maps, support_chain, user_texts

DEPTH = 20_000
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
FEW = settings(max_examples=60, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def chain() -> ArgumentMap:
    return support_chain(DEPTH)


def test_the_chain_is_deeper_than_the_recursion_limit(chain: ArgumentMap) -> None:
    assert len(chain.relations) == DEPTH - 1 > 10 * sys.getrecursionlimit()


def test_yaml_round_trip_of_a_deep_chain(chain: ArgumentMap, tmp_path: Path) -> None:
    write_yaml(chain, tmp_path / "chain.yaml")
    assert read_yaml(tmp_path / "chain.yaml") == chain


def test_argdown_round_trip_of_a_deep_chain(chain: ArgumentMap, tmp_path: Path) -> None:
    write_argdown(chain, tmp_path / "chain.argdown")
    assert read_argdown(tmp_path / "chain.argdown") == chain


def test_graphml_of_a_deep_chain_reads_back_as_the_chain(
    chain: ArgumentMap, tmp_path: Path
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataLossWarning)  # a chain of claims loses nothing
        write_graphml(chain, tmp_path / "chain.graphml")
    # ElementTree rather than networkx.read_graphml (which test_graphml.py covers): the same
    # parse of the file at a third of the time.
    graph = ET.parse(tmp_path / "chain.graphml").getroot().find(f"{GRAPHML}graph")
    assert graph is not None
    nodes = [node.get("id") for node in graph.iter(f"{GRAPHML}node")]
    assert nodes == [*chain.statements, *chain.relations]
    edges = {(e.get("source"), e.get("target")) for e in graph.iter(f"{GRAPHML}edge")}
    assert len(edges) == 2 * len(chain.relations)
    # In the aif view each support is a node between its premise and its conclusion.
    for support in chain.supports():
        (premise,) = support.premises
        assert (premise, support.id) in edges and (support.id, support.conclusion) in edges


# --------------------------------------------------------------------------- fast paths

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["1", "true", "no", "~", "", "a: b", "- x", "#x", "s1", "1.5", "2001-01-01"])
    | st.sampled_from(["a\nb", "a\n\n  b ", " lead", "trail ", "é ñ", "\u2028", "x" * 150 + " y"])
)
_keys = st.sampled_from(["id", "text", "1", "yes", "a b", "k" * 130]) | st.text(max_size=6)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=25,
)


@FEW
@given(st.dictionaries(_keys, _values, max_size=5))
def test_front_matter_yaml_is_what_pyyaml_writes(data: dict[str, Any]) -> None:
    expected = yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=1_000_000)
    assert _block_yaml(data) == expected


def test_front_matter_yaml_leaves_shared_containers_to_pyyaml() -> None:
    shared = ["a", "b"]
    data = {"one": shared, "two": shared}  # PyYAML anchors the second use
    assert _block_yaml(data) == yaml.safe_dump(data, sort_keys=False, width=1_000_000)
    assert "&id001" in _block_yaml(data)


@FEW
@given(_values)
def test_yaml_events_give_what_pyyaml_writes(data: Any) -> None:
    expected = yaml.dump(data, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True, width=100)
    assert _dump_yaml(data) == expected


@FEW
@given(maps(text=user_texts))
def test_to_yaml_is_what_pyyaml_writes_for_any_map(m: ArgumentMap) -> None:
    data = m.to_document().model_dump(mode="json", exclude_none=True)
    expected = yaml.dump(data, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True, width=100)
    assert generate_yaml(m) == expected


def test_yaml_events_walk_deep_data_without_recursion() -> None:
    deep: Any = "bottom"
    for _ in range(5 * sys.getrecursionlimit()):
        deep = [deep]
    text = _dump_yaml(deep)
    assert text.count("- ") == 5 * sys.getrecursionlimit()


def _reads_back(m: ArgumentMap, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, str]:
    calls: list[str] = []
    real = postprocess.parse

    def spy(text: str, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(writer, "parse", spy)
    text = generate_argdown(m)
    monkeypatch.undo()
    return bool(calls), text


def test_plain_maps_are_not_read_back_but_tricky_ones_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = support_chain(50)
    read_back, text = _reads_back(plain, monkeypatch)
    assert not read_back
    assert parse_argdown(text) == plain
    tricky = ArgumentMap()
    tricky.support(tricky.claim("*bold* [x]: <y> #tag"), tricky.claim("a.b.c :smile: //"))
    read_back, text = _reads_back(tricky, monkeypatch)
    assert read_back
    assert parse_argdown(text) == tricky


@FEW
@given(maps(text=user_texts))
def test_argdown_round_trips_whether_or_not_it_reads_back(m: ArgumentMap) -> None:
    text = generate_argdown(m)
    assert read_argdown(io.StringIO(text)) == m


@pytest.mark.parametrize("text", ["#{", "#{\x1f0", "#<a", "##x", "a #{ b", "#*b*"])
def test_a_hash_before_an_escaped_character_is_escaped_too(text: str) -> None:
    # "#\{" would open a tag at "#\": the writer must write "\#\{".
    m = ArgumentMap()
    m.claim(text, id="c1")
    assert parse_argdown(generate_argdown(m)) == m
