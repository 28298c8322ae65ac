"""argmap's own JSON and YAML: round trips, schema, errors with file and path, atomic writes."""

from __future__ import annotations

import gc
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import (
    ArgumentMap,
    FormatError,
    generate_json,
    generate_yaml,
    parse_json,
    parse_yaml,
    read_json,
    read_map,
    read_yaml,
    write_json,
    write_map,
    write_yaml,
)
from argmap.readwrite._yaml import _depth_bound
from argmap.readwrite.native import json_schema
from tests.interchange_support import (
    assert_located,
    error_in_child,
    json_mutations,
    mutate_json,
    text_mutations,
)
from tests.strategies import maps, support_chain, user_texts

SNAPSHOT = Path(__file__).parent / "snapshots" / "map_schema.json"


@settings(max_examples=60)
@given(maps(text=user_texts))
def test_json_round_trip_gives_an_equal_map(m: ArgumentMap) -> None:
    again = parse_json(generate_json(m))
    assert again == m
    assert again.to_document() == m.to_document()


@settings(max_examples=40)
@given(maps(text=user_texts))
def test_yaml_round_trip_gives_an_equal_map(m: ArgumentMap) -> None:
    assert parse_yaml(generate_yaml(m)) == m


def test_files_and_streams(tmp_path: Path) -> None:
    m = ArgumentMap(title="Ñandú")
    m.claim("Love ends violence", id="love")
    write_json(m, tmp_path / "m.json")
    write_yaml(m, tmp_path / "m.yaml")
    assert read_json(tmp_path / "m.json") == m
    assert read_yaml(str(tmp_path / "m.yaml")) == m
    buffer = io.StringIO()
    write_json(m, buffer)
    assert read_json(io.StringIO(buffer.getvalue())) == m
    assert read_json(io.BytesIO(buffer.getvalue().encode())) == m
    write_map(m, tmp_path / "m.yml")
    assert read_map(tmp_path / "m.yml") == m


def test_schema_snapshot() -> None:
    """The saved layout changes only on purpose: update the snapshot and SCHEMA_VERSION."""
    current = json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert current == SNAPSHOT.read_text(encoding="utf-8")


def test_schema_carries_field_docs() -> None:
    claim = json_schema()["$defs"]["Claim"]["properties"]
    assert "reconstructed" in claim["reconstructed"]["description"].lower() or claim[
        "reconstructed"
    ]["description"].startswith("True when")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema_version": 1,\n "statements": [}', "m.json:2:17: invalid JSON"),
        ('{"schema_version": 2}', "m.json: $.schema_version: "),
        ('{"statements": [{"kind": "clam", "id": "x", "text": "y"}]}', "$.statements[0]"),
        ('{"statements": [{"kind": "claim", "id": "x"}]}', "$.statements[0].text: missing field"),
        (
            '{"statements": [{"kind": "claim", "id": "x", "text": "a"}],'
            ' "relations": [{"kind": "support", "id": "s", "premises": ["y"], "conclusion": "x"}]}',
            "$.relations[0]: unknown statement id 'y'",
        ),
        (
            '{"statements": [{"kind": "claim", "id": "x", "text": "a"},'
            ' {"kind": "claim", "id": "x", "text": "b"}]}',
            "$.statements[1].id: duplicate id 'x'",
        ),
        (
            '{"sources": [{"kind": "source", "id": "s", "title": "t", "text": "abc"}],'
            ' "statements": [{"kind": "claim", "id": "x", "text": "a"}],'
            ' "attributions": [{"target": "x", "quote": {"source": "s", "text": "abc",'
            ' "start": 0, "end": 9}}]}',
            "$.attributions[0]: quote span 0:9 lies outside source 's'",
        ),
        ("[]", "$: Input should be"),
    ],
)
def test_bad_json_names_file_and_place(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_json(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_bad_yaml_names_line(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("statements:\n  - kind: claim\n    id: x\n    text: [unclosed\n")
    with pytest.raises(FormatError, match=r"m.yaml:5:1: invalid YAML"):
        read_yaml(path)
    path.write_text("statements:\n  - kind: claim\n    id: x\n    text: a\n    colour: red\n")
    with pytest.raises(FormatError, match=r"m.yaml:5: \$.statements\[0\].colour: unknown field"):
        read_yaml(path)
    path.write_text("- just a list\n")
    with pytest.raises(FormatError, match="expected a mapping"):
        read_yaml(path)


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no such file"):
        read_json(tmp_path / "absent.json")
    with pytest.raises(FormatError, match="cannot tell the format"):
        read_map(tmp_path / "m.docx")


def test_span_mismatch_still_loads() -> None:
    """A quote whose text differs from its span is a finding for the checks, not an error."""
    doc = {
        "sources": [{"kind": "source", "id": "s", "title": "t", "text": "abcdef"}],
        "statements": [{"kind": "claim", "id": "x", "text": "a"}],
        "attributions": [
            {"target": "x", "quote": {"source": "s", "text": "zzz", "start": 0, "end": 3}}
        ],
    }
    m = parse_json(json.dumps(doc))
    assert m.attributions_of("x")[0].quote.text == "zzz"  # type: ignore[union-attr]


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "m.json"
    target.write_text("old content")

    class Boom(ArgumentMap):
        def to_document(self):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_json(Boom(), target)
    assert target.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_deep_chain_round_trips() -> None:
    m = support_chain(100_000)
    assert parse_json(generate_json(m, indent=None)) == m


def test_reading_restores_the_collector_after_success_and_failure() -> None:
    m = ArgumentMap()
    m.claim("It rains")
    for read, text in ((parse_json, generate_json(m)), (parse_yaml, generate_yaml(m))):
        assert read(text) == m and gc.isenabled()
        with pytest.raises(FormatError):
            read(text.replace("It rains", "") + "}")
        assert gc.isenabled()


def _seed_like_map() -> ArgumentMap:
    m = ArgumentMap(title="Fuzz")
    petro = m.agent("Gustavo Petro", id="petro")
    post = m.source("Post", id="post", text="The blockade strengthened the gang.")
    inclusion = m.factor("inclusion", id="inclusion")
    m.factor("exclusion", id="exclusion", opposite=inclusion)
    link = m.causes("exclusion", "inclusion", polarity="-", by=petro, quote=m.quote(post, "gang"))
    claim = m.claim("The gang was defeated", id="defeated", tags=["gang"], data={"n": 1})
    m.undercut(claim, link)
    m.support(m.claim("Maduro said so"), claim, scheme="expert opinion")
    return m


@settings(max_examples=150)
@given(json_mutations())
def test_mutated_json_raises_only_located_format_errors(edits: list[tuple[str, int, Any]]) -> None:
    doc = mutate_json(json.loads(generate_json(_seed_like_map())), edits)
    try:
        m = parse_json(json.dumps(doc))
    except FormatError as err:
        assert_located(err)
    else:
        assert parse_json(generate_json(m)) == m


@settings(max_examples=150)
@given(st.data())
def test_cut_and_spliced_json_and_yaml_raise_only_format_errors(data: st.DataObject) -> None:
    m = _seed_like_map()
    for read, write in ((parse_json, generate_json), (parse_yaml, generate_yaml)):
        text = data.draw(text_mutations(write(m)))
        try:
            loaded = read(text)
        except FormatError as err:
            assert err.message and str(err).startswith("<string>")
        else:
            assert read(write(loaded)) == loaded


# Each case nests far deeper than libyaml's C composer could go before the checks were added.
_DEEP_YAML = {
    "flow": "[" * 100_000,
    "flow in a map": "schema_version: 1\ndata:\n  x: " + "{a: " * 100_000,
    "block": "".join("  " * i + "- \n" for i in range(3_000)),
}


@pytest.mark.parametrize("case", sorted(_DEEP_YAML))
def test_deep_yaml_is_a_located_error_not_a_crash(case: str, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(_DEEP_YAML[case], encoding="utf-8")
    error = error_in_child("read_yaml", path)
    assert "deep.yaml:" in error and "nest deeper than 200 levels" in error


def test_nesting_up_to_the_limit_loads() -> None:
    # Many brackets but shallow: the cheap bound is exceeded, the exact count lets it through.
    flows = "".join(f"- {{kind: claim, id: c{i}, text: t, tags: [a]}}\n" for i in range(300))
    assert len(parse_yaml("schema_version: 1\nstatements:\n" + flows)) == 300
    m = ArgumentMap()
    m.claim("Deep data", data={"x": _nested(150)})
    assert parse_yaml(generate_yaml(m)) == m
    # The document's mapping and its data mapping are two levels; 198 lists make 200.
    text = "schema_version: 1\ndata:\n  x: " + "[" * 198 + "]" * 198 + "\n"
    assert parse_yaml(text).data["x"] == _nested_lists(197)
    with pytest.raises(FormatError, match=r"<string>:3:204: .*deeper than 200"):
        parse_yaml("schema_version: 1\ndata:\n  x: " + "[" * 199 + "]" * 199 + "\n")


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"k": value}
    return value


def _nested_lists(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


_YAML_VALUES = st.recursive(
    st.none() | st.integers() | st.text(alphabet="ab []{}-?:'\"#\n", max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("ab-", max_size=2), inner),
    max_leaves=30,
)


@settings(max_examples=300)
@given(_YAML_VALUES, st.sampled_from([None, True, False]), st.integers(2, 6))
def test_the_cheap_depth_bound_never_undercounts(
    value: Any, flow: bool | None, indent: int
) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent)
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    assert _depth_bound(text) >= deepest


# ------------------------------------------------------------------------------------------------
# Numbers and scalars that do not convert: located errors, never a bare ValueError
# ------------------------------------------------------------------------------------------------

_LONG = "9" * 5000  # Python converts at most 4,300 decimal digits


@st.composite
def with_long_numbers(draw: st.DrawFn, text: str) -> str:
    """``text`` with long digit runs and explicitly tagged scalars spliced in at random places."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        digits = "9" * draw(st.integers(4290, 4400))
        piece = draw(
            st.sampled_from(
                [digits, "-" + digits, digits + ".5", "0x" + digits, f" {digits}\n", "!!int x "]
            )
        )
        text = text[:at] + piece + text[at:]
    return text


@settings(max_examples=60)
@given(st.data())
def test_long_numbers_anywhere_raise_only_located_format_errors(data: st.DataObject) -> None:
    m = _seed_like_map()
    for read, write in ((parse_json, generate_json), (parse_yaml, generate_yaml)):
        text = data.draw(with_long_numbers(write(m)))
        try:
            loaded = read(text)
        except FormatError as err:
            assert_located(err)
        else:
            assert read(write(loaded)) == loaded


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"schema_version": ' + _LONG + "}", 1, 20),
        ('{"schema_version": 1,\n "data": {"n": -' + _LONG + "}}", 2, 16),
        ('{"schema_version": 1, "data": {"n": [1, ' + _LONG + "]}}", 1, 41),
    ],
)
def test_a_json_integer_too_long_to_convert_is_a_located_error(
    text: str, line: int, column: int
) -> None:
    for source in (text, text.encode()):
        with pytest.raises(FormatError) as caught:
            parse_json(source, origin="big.json")
        err = caught.value
        assert (err.file, err.line, err.column) == ("big.json", line, column)
        assert (
            err.message
            == "integer of 5000 digits is longer than 4300 digits, the most argmap reads"
        )


def test_a_json_number_with_a_long_whole_part_is_a_located_error() -> None:
    with pytest.raises(FormatError) as caught:
        parse_json('{"schema_version": 1, "data": {"x": ' + _LONG + ".5}}")
    assert (caught.value.line, caught.value.column) == (1, 37)
    assert "number with 5000 digits before its point is longer than 4300" in caught.value.message


def test_json_digits_in_strings_and_fractions_are_data() -> None:
    m = parse_json('{"schema_version": 1, "data": {"s": "' + _LONG + '", "f": 0.' + _LONG + "}}")
    assert m.data["s"] == _LONG and m.data["f"] == pytest.approx(1.0)


def test_a_syntax_error_before_a_long_number_is_the_one_reported() -> None:
    with pytest.raises(FormatError) as caught:
        parse_json('{"schema_version": 1,, "data": {"x": ' + _LONG + "}}")
    assert (caught.value.line, caught.value.column) == (1, 22)
    assert caught.value.message.startswith("invalid JSON: ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (_LONG, "integer of 5000 digits is longer than 4300 digits, the most argmap reads"),
        ("-" + _LONG.replace("99", "9_9"), "integer of 5000 digits is longer than 4300"),
        ("0x" + _LONG, "integer of more than 4300 decimal digits, the most argmap reads"),
        (_LONG + ".5", "number with 5000 digits before its point is longer than 4300 digits"),
        ("!!int twelve", "expected an integer for !!int, found 'twelve'"),
        ("!!float twelve", "expected a number for !!float, found 'twelve'"),
        ("!!bool maybe", "expected a boolean for !!bool, found 'maybe'"),
        ("!!timestamp 2024-99", "expected a date or time for !!timestamp, found '2024-99'"),
    ],
)
def test_a_yaml_scalar_that_does_not_convert_is_a_located_error(value: str, expected: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse_yaml(f"schema_version: 1\ndata:\n  n: {value}\n", origin="big.yaml")
    err = caught.value
    assert (err.file, err.line, err.column) == ("big.yaml", 3, 6)
    assert expected in err.message


def test_long_yaml_integers_in_other_bases_and_at_the_limit_are_data() -> None:
    at_limit = "9" * 4300
    m = parse_yaml(f"schema_version: 1\ndata:\n  n: {at_limit}\n  h: 0x{'f' * 100}\n")
    assert m.data == {"n": int(at_limit), "h": 16**100 - 1}
    assert parse_json(generate_json(m)) == m


@pytest.mark.parametrize("suffix", ["json", "yaml"])
def test_cli_reports_a_long_integer_on_one_line(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    path = tmp_path / f"big.{suffix}"
    text = '{"schema_version": ' + _LONG + "}" if suffix == "json" else f"schema_version: {_LONG}\n"
    path.write_text(text, encoding="utf-8")
    for command in (["check", str(path)], ["convert", str(path), str(tmp_path / "out.json")]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        # One line for the file (`check` adds its summary of findings after it).
        [line] = [line for line in err.splitlines() if line.startswith("argmap: error:")]
        assert f"{path}:1:" in line and "integer of 5000 digits is longer than 4300" in line
        assert command[0] == "check" or err.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


def test_an_attack_saved_under_its_old_key_type_still_reads() -> None:
    """The attack's ``sort`` was saved as ``type`` before the rename; such files still load."""
    m = ArgumentMap()
    m.rebut(m.claim("A", id="a"), m.claim("B", id="b"), id="r")
    m.undercut(m.claim("C", id="c"), m.support("a", "b", id="s"), id="u")
    saved = json.loads(generate_json(m))
    assert {r["id"]: r.get("sort") for r in saved["relations"]} == {
        "r": "rebut",
        "s": None,
        "u": "undercut",
    }
    for record in saved["relations"]:
        if "sort" in record:
            record["type"] = record.pop("sort")
    assert parse_json(json.dumps(saved)) == m
    assert parse_yaml(generate_yaml(m).replace("sort: undercut", "type: undercut")) == m


def test_an_attack_with_both_keys_is_refused_at_its_path() -> None:
    text = (
        '{"statements": [{"kind": "claim", "id": "a", "text": "A"},'
        ' {"kind": "claim", "id": "b", "text": "B"}],'
        ' "relations": [{"kind": "attack", "id": "r", "attacker": "a", "target": "b",'
        ' "sort": "rebut", "type": "undercut"}]}'
    )
    with pytest.raises(FormatError) as caught:
        parse_json(text, origin="m.json")
    assert caught.value.path is not None and caught.value.path.startswith("$.relations[0]")
