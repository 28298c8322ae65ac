"""The format registry: suffixes, sniffing, compressed paths and binary handles for every format."""

from __future__ import annotations

import gzip
import io
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap import ArgumentMap, DataLossWarning, FormatError, read_map, write_map
from argmap.readwrite import (
    FORMATS,
    Format,
    format_for,
    generate_map,
    guess_format,
    parse_map,
    sniff_json,
)
from argmap.readwrite.iccma import read_framework, read_i23
from argmap.semantics import ArgumentationFramework
from tests.strategies import maps

WRITABLE = [f for f in FORMATS.values() if f.writable]
ROUND_TRIP = [f for f in WRITABLE if f.readable]
JSON_FAMILY = [f for f in FORMATS.values() if f.sniff is not None]


def _with_parse(formats: list[Format]) -> list[object]:
    """Formats as test cases, named."""
    return [pytest.param(f, id=f.name) for f in formats]


def _demo() -> ArgumentMap:
    m = ArgumentMap(title="Demo")
    petro = m.agent("Gustavo Petro", id="petro")
    post = m.source("Post", id="post", text="The blockade strengthened the gang.")
    link = m.causes(
        m.factor("US blockade"), m.factor("gang strength"), by=petro, quote=m.quote(post, "gang")
    )
    m.undercut(m.claim("The gang was défeated"), link)  # not ASCII: the bytes must be UTF-8
    m.rebut(m.claim("It grew"), m.claim("It shrank"))
    return m


@pytest.fixture(autouse=True)
def _no_data_loss_warnings() -> Iterator[None]:
    """GraphML and the interchange writers warn about what they drop; not this file's subject."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataLossWarning)
        yield


def _path(folder: Path, fmt: Format, gz: bool = False) -> Path:
    return folder / ("map" + fmt.suffixes[0] + (".gz" if gz else ""))


# --------------------------------------------------------------------------- suffixes
@pytest.mark.parametrize("fmt", FORMATS.values(), ids=lambda f: f.name)
def test_every_suffix_names_its_format_also_compressed(fmt: Format) -> None:
    for suffix in fmt.suffixes:
        expected = format_for("x" + suffix)  # a shorter suffix may belong to a longer claim
        assert format_for("x" + suffix + ".gz") is expected
        assert format_for("X" + suffix.upper() + ".GZ") is expected
    assert format_for("x" + fmt.suffixes[0]) is fmt, "the first suffix is the format's own"


def test_an_unknown_suffix_or_name_is_a_located_format_error() -> None:
    with pytest.raises(FormatError, match=r"cannot tell the format from the suffix '\.txt'") as err:
        format_for("notes.txt.gz")
    assert err.value.file == "notes.txt.gz"
    with pytest.raises(FormatError, match="unknown format 'nope'; expected one of"):
        format_for("x.json", "nope")


def test_a_read_only_or_write_only_format_says_what_it_cannot_do(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="can write graphml but not read it") as err:
        read_map(tmp_path / "x.graphml")
    assert err.value.file == str(tmp_path / "x.graphml")
    with pytest.raises(FormatError, match="can read microtext but not write it"):
        write_map(ArgumentMap(), tmp_path / "x.xml")
    assert not (tmp_path / "x.xml").exists()


# --------------------------------------------------------------------------- .gz paths
@pytest.mark.parametrize("fmt", _with_parse(ROUND_TRIP))
def test_a_compressed_path_reads_back_what_a_plain_one_does(tmp_path: Path, fmt: Format) -> None:
    m = _demo()
    plain, packed = _path(tmp_path, fmt), _path(tmp_path, fmt, gz=True)
    write_map(m, plain)
    write_map(m, packed)
    raw = packed.read_bytes()
    assert raw[:2] == b"\x1f\x8b", "a .gz path holds gzip data"
    assert gzip.decompress(raw) == plain.read_bytes()
    assert read_map(packed) == read_map(plain)
    assert fmt.read(packed) == fmt.parse(fmt.generate(m))


@pytest.mark.parametrize("fmt", WRITABLE, ids=lambda f: f.name)
def test_compressed_output_is_the_same_bytes_every_time(tmp_path: Path, fmt: Format) -> None:
    """No timestamp in the gzip header: the same map gives the same file."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    write_map(_demo(), _path(first, fmt, gz=True))
    write_map(_demo(), _path(second, fmt, gz=True))
    assert _path(first, fmt, gz=True).read_bytes() == _path(second, fmt, gz=True).read_bytes()


def test_compressed_plain_json_is_still_looked_into(tmp_path: Path) -> None:
    m = _demo()
    FORMATS["aif"].write(m, tmp_path / "debate.aif.json.gz")
    disguised = tmp_path / "debate.json.gz"
    disguised.write_bytes((tmp_path / "debate.aif.json.gz").read_bytes())
    assert guess_format(disguised).name == "aif"
    assert read_map(disguised) == FORMATS["aif"].read(tmp_path / "debate.aif.json.gz")


def test_a_compressed_framework_reads(tmp_path: Path) -> None:
    path = tmp_path / "af.i23.gz"
    path.write_bytes(gzip.compress(b"p af 2\n1 2\n"))
    expected = ArgumentationFramework(arguments=["1", "2"], attacks=[("1", "2")])
    assert read_framework(path) == expected
    assert read_i23(path) == expected


def test_a_bad_gzip_file_is_a_format_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "map.json.gz"
    path.write_bytes(b'{"schema_version": 1}')  # not compressed at all
    with pytest.raises(FormatError, match="not valid gzip data") as err:
        read_map(path)
    assert err.value.file == str(path)
    path.write_bytes(gzip.compress(b'{"schema_version": 1}')[:-6])  # cut short
    with pytest.raises(FormatError, match="not valid gzip data"):
        read_map(path)


# --------------------------------------------------------------------------- open files
@pytest.mark.parametrize("fmt", WRITABLE, ids=lambda f: f.name)
def test_writers_give_a_binary_file_utf8_and_a_text_file_text(fmt: Format) -> None:
    m = _demo()
    text, binary = io.StringIO(), io.BytesIO()
    fmt.write(m, text)
    fmt.write(m, binary)
    assert binary.getvalue() == text.getvalue().encode("utf-8")
    write_map(m, io.BytesIO(), format=fmt.name)  # the map-level function takes one as well


@pytest.mark.parametrize("fmt", _with_parse(ROUND_TRIP))
def test_readers_take_binary_and_text_files(tmp_path: Path, fmt: Format) -> None:
    m = _demo()
    path = _path(tmp_path, fmt)
    fmt.write(m, path)
    expected = fmt.read(path)
    with path.open("rb") as handle:
        assert fmt.read(handle) == expected
    with path.open("rb") as handle:
        assert read_map(handle) == expected  # the handle's name gives the format
    with path.open(encoding="utf-8") as handle:
        assert fmt.read(handle) == expected
    assert parse_map(path.read_text(encoding="utf-8"), format=fmt.name) == expected
    assert generate_map(m, format=fmt.name) == fmt.generate(m)


def test_a_nameless_file_is_looked_into_and_else_taken_as_argmap_json() -> None:
    m = _demo()
    aif = io.BytesIO(FORMATS["aif"].generate(m).encode())
    assert read_map(aif) == FORMATS["aif"].parse(FORMATS["aif"].generate(m))
    with pytest.raises(FormatError, match="invalid JSON"):
        read_map(io.BytesIO(b"title: yaml\n"))
    assert read_map(io.BytesIO(b"title: yaml\n"), format="yaml").title == "yaml"


def test_a_nameless_file_needs_a_format_to_write() -> None:
    with pytest.raises(FormatError, match="needs format="):
        write_map(ArgumentMap(), io.BytesIO())


# --------------------------------------------------------------------------- sniffing
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=maps(max_statements=6, max_relations=6))
def test_each_json_format_sniffs_as_itself(m: ArgumentMap) -> None:
    import json

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataLossWarning)
        for fmt in JSON_FAMILY:
            assert sniff_json(json.loads(fmt.generate(m))) == fmt.name


def test_json_formats_are_sniffed_in_registry_order() -> None:
    """A document that more than one test would take goes to the earlier format."""
    names = [f.name for f in JSON_FAMILY]
    assert names[0] == "json", "argmap's own JSON is tried first"
    assert sniff_json({"schema_version": 1, "AIF": {}}) == "aif"
    assert sniff_json({"nodes": [{"nodeID": "1", "id": "x"}]}) == "aif"
    assert sniff_json({"nodes": [{"id": "x"}], "edges": []}) == "node-link"
    assert sniff_json({"title": "no telling"}) is None


# --------------------------------------------------------------------------- the docs
def _registry_rows() -> list[list[str]]:
    rows = []
    for f in FORMATS.values():
        functions = ", ".join(f"`{f.function(verb).split(':')[1]}`" for verb in f.verbs)
        rows.append(
            [
                f.description,
                f"`{f.name}`",
                "yes" if f.readable else "no",
                "yes" if f.writable else "no",
                ", ".join(f"`{s}`" for s in f.suffixes),
                functions,
            ]
        )
    return rows


def test_the_docs_table_is_the_registry() -> None:
    """docs/formats.md lists every format as the registry has it, in its order, and no other."""
    page = (Path(__file__).resolve().parents[1] / "docs" / "formats.md").read_text("utf-8")
    header = "| format | name | read | write | suffixes | functions |"
    assert page.count(header) == 1
    lines = page.split(header, 1)[1].strip().splitlines()[1:]  # after the --- row
    table = []
    for line in lines:
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in line.strip("|").split(" | ")])
    assert table == _registry_rows()
