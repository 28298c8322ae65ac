"""ICCMA formats: the shared files, round trips, error positions, and no crash on any text."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, FormatError
from argmap.readwrite.iccma import (
    I23_MAX_ARGUMENTS,
    generate_apx,
    generate_i23,
    generate_tgf,
    parse_apx,
    parse_i23,
    parse_tgf,
    read_apx,
    read_framework,
    read_i23,
    read_tgf,
    write_apx,
    write_i23,
    write_tgf,
)
from argmap.semantics import ArgumentationFramework
from tests.strategies import frameworks

ICCMA = Path(__file__).parents[1] / ".." / "shared" / "data" / "iccma"


def _numbered(af: ArgumentationFramework) -> ArgumentationFramework:
    number = {name: str(i) for i, name in enumerate(af.arguments, start=1)}
    return ArgumentationFramework(
        list(number.values()), [(number[a], number[b]) for a, b in af.attacks]
    )


@pytest.mark.shared
def test_shared_files_read_and_agree() -> None:
    if not ICCMA.is_dir():
        pytest.skip("../shared/data/iccma is absent")
    for name in ("ex1", "ex3"):
        tgf = read_tgf(ICCMA / f"{name}.tgf")
        i23 = read_i23(ICCMA / f"{name}.i23")
        assert _numbered(tgf) == i23
        assert len(tgf.attacks) == len(i23.attacks) > 0
    regression = read_i23(ICCMA / "sst_regression.i23")
    assert len(regression) == 12 and len(regression.attacks) == 43


@settings(max_examples=150)
@given(frameworks(max_size=8))
def test_round_trips(af: ArgumentationFramework) -> None:
    assert parse_apx(generate_apx(af)) == af
    assert parse_tgf(generate_tgf(af)) == af
    assert parse_i23(generate_i23(af)) == _numbered(af)
    assert parse_apx(generate_apx(af)).arguments == af.arguments


def test_paths_and_open_files(tmp_path: Path) -> None:
    af = ArgumentationFramework(["a", "b", "c"], [("a", "b"), ("c", "c")])
    for write, read, suffix in (
        (write_apx, read_apx, "apx"),
        (write_tgf, read_tgf, "tgf"),
        (write_i23, read_i23, "i23"),
    ):
        path = tmp_path / f"af.{suffix}"
        write(af, path)
        again = read(path)
        assert again == (af if suffix != "i23" else _numbered(af))
        assert read_framework(path) == again
        buffer = io.StringIO()
        write(af, buffer)
        assert read(io.StringIO(buffer.getvalue())) == again
        with path.open("rb") as handle:
            assert read(handle) == again
    (tmp_path / "af.txt").write_text("p af 1\n")
    with pytest.raises(FormatError, match="unknown framework format"):
        read_framework(tmp_path / "af.txt")


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("", ":1", "header"),
        ("1 2\n", ":1:1", "header"),
        ("p af x\n", ":1:1", "header"),
        ("p af 2\n1\n", ":2:1", "two argument numbers"),
        ("p af 2\n1 b\n", ":2:3", "argument number"),
        ("p af 2\n 0 1\n", ":2:2", "out of range"),
        ("p af 2\n# c\n1 3\n", ":3:3", "out of range"),
    ],
)
def test_i23_errors_say_where_and_what(text: str, where: str, expected: str) -> None:
    with pytest.raises(FormatError, match=expected) as info:
        parse_i23(text, origin="x.i23")
    assert str(info.value).startswith("x.i23" + where + ":")
    assert info.value.file == "x.i23"


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("arg(a)\n", ":1:1", "expected a fact"),
        ("arg(a). att(a).\n", ":1:14", "two names"),
        ("arg(a,b).\n", ":1:7", "one name"),
        ("arg(a-b).\n", ":1:5", "bad argument name"),
        ("arg(a).\natt(a,b).\n", ":2:7", "undeclared"),
        ("% comment\nfoo.\n", ":2:1", "expected a fact"),
    ],
)
def test_apx_errors_say_where_and_what(text: str, where: str, expected: str) -> None:
    with pytest.raises(FormatError, match=expected) as info:
        parse_apx(text, origin="x.apx")
    assert str(info.value).startswith("x.apx" + where + ":")


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("a label\n#\n", ":1:1", "one argument name"),
        ("a\na\n#\n", ":2:1", "declared twice"),
        ("a\n#\na\n", ":3:1", "attacker target"),
        ("a\n#\na  b\n", ":3:4", "undeclared"),
    ],
)
def test_tgf_errors_say_where_and_what(text: str, where: str, expected: str) -> None:
    with pytest.raises(FormatError, match=expected) as info:
        parse_tgf(text, origin="x.tgf")
    assert str(info.value).startswith("x.tgf" + where + ":")


def test_unwritable_names_are_refused() -> None:
    spaced = ArgumentationFramework(["a b"])
    with pytest.raises(FormatError, match="cannot be written"):
        generate_tgf(spaced)
    with pytest.raises(FormatError, match="cannot be written"):
        generate_apx(spaced)
    assert generate_i23(spaced) == "p af 1\n"


def test_comments_blank_lines_and_missing_final_newline() -> None:
    assert parse_i23("# head\n\np af 2\n\n# mid\n2 1").attacks == (("2", "1"),)
    assert parse_apx("arg(a). % first\n\n  arg( b ) .att(a , b).").attacks == (("a", "b"),)
    assert parse_tgf("a\n\nb\n#\n\na b").attacks == (("a", "b"),)


_junk = st.text(alphabet="pafrgt(),.# 0123456789\n\t%-xé", max_size=80)
# Numbers far beyond any size: a million, and more digits than Python converts to an int.
_big = st.lists(
    st.sampled_from(["p af ", "1", "2", "0" * 6, "9" * 4301, " ", "\n", "# ", "arg(", ").", "#"]),
    max_size=20,
).map("".join)


@settings(max_examples=300)
@given(_junk | _big)
def test_readers_raise_only_argmap_errors(text: str) -> None:
    for parse in (parse_i23, parse_apx, parse_tgf):
        try:
            af = parse(text)
        except ArgmapError as err:
            assert isinstance(err, FormatError) and err.line is not None, err
        else:
            assert len(af) <= max(I23_MAX_ARGUMENTS, len(text))


@settings(max_examples=100)
@given(st.binary(max_size=60))
def test_readers_on_bytes(data: bytes) -> None:
    for read in (read_i23, read_apx, read_tgf):
        with contextlib.suppress(ArgmapError):
            read(io.BytesIO(data))


_LONG = "9" * 5000  # Python converts at most 4,300 decimal digits


def test_a_tiny_header_cannot_ask_for_a_huge_framework() -> None:
    with pytest.raises(FormatError) as info:
        parse_i23("p af 100000000\n", origin="x.i23")
    err = info.value
    assert (err.file, err.line, err.column) == ("x.i23", 1, 6)
    assert err.message.startswith(
        "the header declares 100000000 arguments: expected at most 100000"
    )
    with pytest.raises(FormatError, match="declares a number of arguments 5000 digits long"):
        parse_i23(f"p af {_LONG}\n")


def test_the_declared_size_may_grow_with_the_file() -> None:
    assert len(parse_i23(f"p af {I23_MAX_ARGUMENTS}\n")) == I23_MAX_ARGUMENTS
    with pytest.raises(FormatError, match=f"expected at most {I23_MAX_ARGUMENTS} "):
        parse_i23(f"p af {I23_MAX_ARGUMENTS + 1}\n")
    size = I23_MAX_ARGUMENTS + 1000
    padded = f"p af {size}\n# " + "x" * size + "\n1 2\n"
    assert parse_i23(padded).attacks == (("1", "2"),)
    assert len(parse_i23(padded)) == size


def test_long_argument_numbers_are_out_of_range_not_a_crash() -> None:
    for edge in (f"1 {_LONG}", f"1 000{_LONG}"):
        with pytest.raises(FormatError) as info:
            parse_i23(f"p af 2\n{edge}\n")
        assert (info.value.line, info.value.column) == (2, 3)
        assert info.value.message == "argument of 5000 digits is out of range: expected 1 to 2"
    # Leading zeros are still numbers.
    assert parse_i23("p af 0002\n01 002\n").attacks == (("1", "2"),)


def test_apx_and_tgf_keep_long_digit_names_as_names() -> None:
    assert parse_apx(f"arg({_LONG}).\natt({_LONG},{_LONG}).").attacks == ((_LONG, _LONG),)
    assert parse_tgf(f"{_LONG}\n#\n{_LONG} {_LONG}\n").arguments == (_LONG,)


@pytest.mark.parametrize("header", ["p af 100000000", f"p af {_LONG}", f"p af 2\n1 {_LONG}"])
def test_cli_reports_a_huge_i23_on_one_line(
    header: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.cli import main

    path = tmp_path / "af.i23"
    path.write_text(header + "\n", encoding="utf-8")
    assert main(["eval", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}:" in err and ("out of range" in err or "expected at most 100000" in err)
