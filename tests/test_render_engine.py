"""Layout engines: discovery, failures, atomic files, the CLI, and what user text becomes in SVG."""

from __future__ import annotations

import functools
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, EngineNotFoundError, RenderError, write_json
from argmap.cli import main
from argmap.errors import RenderWarning
from argmap.rendering import MapTooLargeError, ViewError, engine, render, to_svg
from argmap.rendering.engine import find_engine, pipe_dot
from argmap.rendering.text import clean, wrap
from tests.html_maps import seed_map
from tests.render_maps import seed_slice, tiny

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"


def available(name: str) -> bool:
    try:
        find_engine(name)
    except EngineNotFoundError:
        return False
    return True


ENGINES = [
    pytest.param(
        name,
        marks=[
            pytest.mark.exe,
            pytest.mark.skipif(not available(name), reason=f"{name} is not installed"),
        ],
    )
    for name in ("dot", "graphviz-pure")
]


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """No system dot (empty PATH) and no graphviz-pure distribution."""
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(engine, "_distribution", lambda name: None)


def fake_dot(tmp_path: Path, script: str) -> str:
    """A stand-in for `dot`: a shell script that behaves as told."""
    path = tmp_path / "fake-dot"
    path.write_text(f"#!/bin/sh\ncat > /dev/null\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


# --------------------------------------------------------------------------- discovery
def test_missing_engine_names_both_installs(no_engine: None) -> None:
    with pytest.raises(EngineNotFoundError) as err:
        find_engine("auto")
    message = str(err.value)
    assert "apt-get install graphviz" in message
    assert "pip install 'argmap[render]'" in message


def test_forced_engines_say_what_to_install(no_engine: None) -> None:
    with pytest.raises(EngineNotFoundError, match="apt-get install graphviz"):
        find_engine("dot")
    with pytest.raises(EngineNotFoundError, match=r"pip install 'argmap\[render\]'"):
        find_engine("graphviz-pure")


def test_missing_engine_from_render(no_engine: None, tmp_path: Path) -> None:
    with pytest.raises(EngineNotFoundError):
        render(tiny(), tmp_path / "tiny.svg")
    assert not (tmp_path / "tiny.svg").exists()
    # DOT output needs no engine.
    assert "digraph" in render(tiny(), tmp_path / "tiny.dot").read_text(encoding="utf-8")


@pytest.mark.exe
@pytest.mark.skipif(not available("graphviz-pure"), reason="graphviz-pure is not installed")
def test_graphviz_pure_is_found_through_its_distribution_not_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    found = find_engine("auto")
    assert found.name == "graphviz-pure" and Path(found.path).is_file()


def test_unknown_engine() -> None:
    with pytest.raises(ViewError, match="unknown engine"):
        find_engine("neato")


# --------------------------------------------------------------------------- failures
@pytest.mark.parametrize("name", ENGINES)
def test_engine_failure_raises_with_its_message(name: str) -> None:
    with pytest.raises(RenderError) as err:
        pipe_dot("digraph { a -> }", "svg", engine=name)
    assert err.value.returncode not in (0, None)
    assert "syntax error" in err.value.stderr.lower()
    assert "syntax error" in str(err.value).lower()


def test_failing_engine_leaves_no_partial_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = fake_dot(tmp_path, "printf '<svg>half'; echo 'Error: out of memory' >&2; exit 3")
    monkeypatch.setattr(engine, "_system_dot", lambda: script)
    target = tmp_path / "out" / "map.svg"
    target.parent.mkdir()
    target.write_text("previous drawing", encoding="utf-8")
    with pytest.raises(RenderError, match="out of memory") as err:
        render(tiny(), target)
    assert err.value.returncode == 3
    assert target.read_text(encoding="utf-8") == "previous drawing"
    assert [p.name for p in target.parent.iterdir()] == ["map.svg"]  # no temporary file left


def test_engine_complaints_become_warnings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    script = fake_dot(tmp_path, "printf '<svg/>'; echo 'Warning: odd attribute' >&2")
    monkeypatch.setattr(engine, "_system_dot", lambda: script)
    with pytest.warns(RenderWarning, match="odd attribute"):
        assert to_svg(tiny()) == "<svg/>"


def test_pdf_needs_the_system_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_system_dot", lambda: None)
    if not available("graphviz-pure"):
        pytest.skip("graphviz-pure is not installed")
    with pytest.raises(RenderError, match="cannot write pdf"):
        pipe_dot("digraph {}", "pdf")


def test_format_from_suffix(tmp_path: Path) -> None:
    with pytest.raises(ViewError, match="suffix"):
        render(tiny(), tmp_path / "map.jpeg2")
    with pytest.raises(ViewError, match="unknown format"):
        render(tiny(), tmp_path / "map.svg", format="bmp")


def test_too_large_is_refused_before_the_engine_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(engine, "_system_dot", lambda: "/nonexistent/dot")
    m = ArgumentMap()
    for i in range(5):
        m.claim(f"c{i}")
    with pytest.raises(MapTooLargeError):
        render(m, tmp_path / "big.svg", max_nodes=4)
    assert not (tmp_path / "big.svg").exists()


# --------------------------------------------------------------------------- real output
@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("view", ["argument", "causal", "speakers"])
def test_each_view_renders_valid_svg(name: str, view: str, tmp_path: Path) -> None:
    out = render(seed_slice(), tmp_path / f"{view}.svg", engine=name, view=view)
    root = ET.parse(out).getroot()
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    expected = {"argument": "stmt-never", "causal": "stmt-gang", "speakers": "agent-noem"}[view]
    assert expected in ids


@pytest.mark.parametrize("name", ENGINES)
def test_png_and_svg_text(name: str, tmp_path: Path) -> None:
    png = render(tiny(), tmp_path / "tiny.png", engine=name)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = to_svg(tiny(), engine=name)
    assert svg.startswith("<svg") and "<!DOCTYPE" not in svg


@pytest.mark.exe
@pytest.mark.skipif(not available("dot"), reason="the system dot is not installed")
def test_pdf_with_system_dot(tmp_path: Path) -> None:
    assert render(tiny(), tmp_path / "t.pdf", engine="dot").read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------- the CLI
@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "seed.json"
    write_json(seed_map(), path)  # the whole Petro/Noem map, as the README's example builds it
    return path


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("view", ["argument", "causal", "speakers"])
def test_cli_renders_each_view(name: str, view: str, seed_file: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{view}.svg"
    argv = ["render", str(seed_file), "-o", str(out), "--view", view, "--engine", name]
    assert main(argv) == 0
    assert ET.parse(out).getroot().tag == f"{SVG}svg"


@pytest.fixture(scope="module")
def slice_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "slice.json"
    write_json(seed_slice(), path)  # a small hand-built slice with known neighbourhoods
    return path


@pytest.mark.parametrize("name", ENGINES)
def test_cli_focus_path_speaker(name: str, slice_file: Path, tmp_path: Path) -> None:
    cases = {
        "focus": ["--focus", "never", "--depth", "1"],
        "path": ["--view", "causal", "--path", "blockade", "violence"],
        "speaker": ["--speaker", "maduro", "--cluster-by", "speaker"],
    }
    counts = {}
    for case, extra in cases.items():
        out = tmp_path / f"{case}.svg"
        assert main(["render", str(slice_file), "-o", str(out), "--engine", name, *extra]) == 0
        root = ET.parse(out).getroot()
        counts[case] = sum(
            1 for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("stmt-")
        )
    # --speaker draws the speaker's perspective: Maduro tells "defeated" alone (the contradiction
    # with Petro's claim is the analyst's, no one's).
    assert counts == {"focus": 2, "path": 5, "speaker": 1}


def test_cli_dot_and_mermaid_need_no_engine(
    no_engine: None, seed_file: Path, tmp_path: Path
) -> None:
    assert main(["render", str(seed_file), "-o", str(tmp_path / "m.dot")]) == 0
    assert main(["render", str(seed_file), "-o", str(tmp_path / "m.mmd"), "--view", "causal"]) == 0
    assert (tmp_path / "m.mmd").read_text(encoding="utf-8").startswith("flowchart LR")


def test_cli_errors_exit_2(
    no_engine: None, seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(seed_file), "-o", str(tmp_path / "m.svg")]) == 2
    assert "apt-get install graphviz" in capsys.readouterr().err
    assert main(["render", str(seed_file), "-o", str(tmp_path / "m.txt")]) == 2
    assert "suffix" in capsys.readouterr().err
    assert main(["render", str(seed_file), "-o", str(tmp_path / "m.dot"), "--max-nodes", "3"]) == 2
    assert "max_nodes=None" in capsys.readouterr().err
    assert main(["render", str(seed_file), "-o", "x.dot", "--max-nodes", "lots"]) == 2


def test_cli_semantics_draws_the_labelling_the_api_draws(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap import read_json, statement_labelling, to_dot

    out = tmp_path / "labelled.dot"
    assert main(["render", str(seed_file), "-o", str(out), "--semantics", "preferred"]) == 0
    m = read_json(seed_file)
    labelling = statement_labelling(m, "preferred")
    assert out.read_text(encoding="utf-8") == to_dot(m, labelling=labelling).source
    assert out.read_text(encoding="utf-8") != to_dot(m).source
    assert main(["render", str(seed_file), "-o", str(tmp_path / "m.mmd"), "--semantics", "GR"]) == 2
    assert "not in Mermaid" in capsys.readouterr().err
    assert main(["render", str(seed_file), "-o", "x.dot", "--semantics", "sceptical"]) == 2
    assert "unknown semantics 'sceptical'" in capsys.readouterr().err


def test_cli_writes_to_stdout(seed_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(seed_file), "-o", "-", "--to", "dot"],
        capture_output=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    assert done.stdout.startswith(b"digraph argmap {")


# --------------------------------------------------------------------------- safety
SPECIALS = [
    '"',
    "\\",
    "\\N",
    "\\l",
    "<b>",
    "</b>",
    "<<b>x</b>>",
    "]",
    ";",
    "->",
    "{}",
    "\n",
    "\t",
    "&lt;",
    "&amp;",
    "&#60;",
    "&foo;",
    '"]; pwn [label="x',
    "<script>alert(1)</script>",
    "שלום עולם",
    "مرحبا",
    "漢字かな交じり文",
    "Nicolás Maduro ñ",
    "\u202e",
]
_PLAIN = st.characters(blacklist_categories=("Cs", "Cc", "Co"), blacklist_characters="\ufffe\uffff")
TEXT = st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(_PLAIN, max_size=8)), max_size=12).map(
    "".join
)


def squeeze(text: str) -> str:
    return "".join(text.split())


def weird_map(claim: str, other: str, name: str, quote: str) -> ArgumentMap:
    m = ArgumentMap()
    src = m.source("S", id="src", text=quote)
    agent = m.agent(name, id="who")
    a = m.claim(claim, id="a", by=agent, quote=m.quote(src, quote))
    b = m.claim(other, id="b")
    m.support(b, a)
    m.contradict(b, a)
    return m


def shape_of(root: ET.Element) -> set[tuple[str, tuple[str, ...]]]:
    """Which elements carry which attributes: what an injection would change."""
    return {(el.tag, tuple(sorted(el.attrib))) for el in root.iter()}


def texts_of(root: ET.Element, svg_id: str) -> str:
    for g in root.iter(f"{SVG}g"):
        if g.get("id") == svg_id:
            return "".join(t.text or "" for t in g.iter(f"{SVG}text"))
    raise AssertionError(f"no <g id={svg_id!r}>")


def title_of(root: ET.Element, svg_id: str) -> str:
    for g in root.iter(f"{SVG}g"):
        if g.get("id") == svg_id:
            for a in g.iter(f"{SVG}a"):
                return a.get(XLINK_TITLE) or ""
    raise AssertionError(f"no tooltip in <g id={svg_id!r}>")


@functools.cache
def plain_svg(name: str) -> str:
    """The same map with harmless text: the shape an injection-free SVG must keep."""
    return to_svg(weird_map("x", "y", "z", "q"), engine=name)


def check_svg(svg: str, claim: str, other: str, name: str, quote: str, plain: str) -> None:
    root = ET.fromstring(svg)
    # No injected element or attribute: the same shape as the map with harmless text.
    assert shape_of(root) == shape_of(ET.fromstring(plain))
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))
    label = squeeze(texts_of(root, "stmt-a"))
    assert label == squeeze(claim + "— " + name)
    assert squeeze(texts_of(root, "stmt-b")) == squeeze(other)
    assert squeeze(texts_of(root, "legend-speaker-who")) == squeeze(name)
    tip = title_of(root, "stmt-a")
    assert squeeze(tip) == squeeze(f"{claim}\n{name} asserts: “{quote}” — S [0:{len(quote)}]")


@pytest.mark.parametrize("name", ENGINES)
@settings(max_examples=25)
@given(claim=TEXT, other=TEXT, speaker=TEXT, quote=TEXT.filter(bool))
def test_any_text_renders_literally(
    name: str, claim: str, other: str, speaker: str, quote: str
) -> None:
    m = weird_map(claim, other, speaker, quote)
    plain = plain_svg(name)
    svg = to_svg(m, engine=name)
    check_svg(svg, claim, other, speaker, quote, plain)


@pytest.mark.parametrize("name", ENGINES)
def test_ten_thousand_characters(name: str) -> None:
    long = ('Exclusión 漢字 <b>"x"</b> \\N &amp; ' * 400)[:10_000]
    m = weird_map(long, long[::-1], long[:300], long[:500])
    plain = plain_svg(name)
    check_svg(to_svg(m, engine=name), long, long[::-1], long[:300], long[:500], plain)
    assert len(wrap(clean(long), 30)) > 300  # it was really wrapped, not cut


@pytest.mark.parametrize("name", ENGINES)
def test_control_characters_become_replacement_marks(name: str) -> None:
    m = ArgumentMap()
    m.claim("bell\x07 nul\x00 esc\x1b", id="a")
    root = ET.fromstring(to_svg(m, engine=name, legend=False))
    assert squeeze(texts_of(root, "stmt-a")) == "bell\ufffdnul\ufffdesc\ufffd"
