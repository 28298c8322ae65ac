"""The Jupyter display bundle: SVG and HTML when an engine is there, a hint when not, no raising."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap import ArgumentMap
from argmap.rendering import engine
from argmap.rendering.engine import find_engine
from argmap.rendering.notebook import TEXT_LINES, default_view, mimebundle
from argmap.rendering.outline import outline
from tests.render_maps import seed_slice, tiny
from tests.strategies import support_chain


def has_engine() -> bool:
    try:
        find_engine()
    except Exception:
        return False
    return True


@pytest.mark.exe
@pytest.mark.skipif(not has_engine(), reason="no Graphviz engine installed")
def test_bundle_has_svg_html_and_text() -> None:
    bundle = tiny()._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml", "text/html", "text/plain"}
    assert bundle["image/svg+xml"].startswith("<svg")
    # dot writes '-' in ids as &#45;, which an HTML page reads back as '-'.
    assert "<svg" in bundle["text/html"]
    assert re.search(r'id="stmt(-|&#45;)a"', bundle["text/html"])
    assert bundle["text/plain"] == outline(tiny(), max_lines=TEXT_LINES)
    assert bundle["text/plain"].startswith(tiny().summary() + "\n")


@pytest.mark.exe
@pytest.mark.skipif(not has_engine(), reason="no Graphviz engine installed")
def test_bundle_respects_include_and_exclude() -> None:
    assert set(mimebundle(tiny(), include={"text/html"})) == {"text/html"}
    assert set(mimebundle(tiny(), exclude={"image/svg+xml"})) == {"text/html", "text/plain"}


def test_no_engine_gives_outline_and_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(engine, "_distribution", lambda name: None)
    bundle = tiny()._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    text, hint = bundle["text/plain"].rsplit("\n", 1)
    assert text == outline(tiny())
    assert "apt-get install graphviz" in hint and "argmap[render]" in hint


def test_plain_text_of_a_large_map_is_the_outline_cut_short() -> None:
    m = support_chain(1000)
    text = mimebundle(m, exclude={"image/svg+xml", "text/html"})["text/plain"]
    lines = text.splitlines()
    assert len(lines) == TEXT_LINES + 1
    assert lines[-1].startswith("… ") and "argmap.outline(m)" in lines[-1]


def test_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("segfault in layout\nsecond line")

    monkeypatch.setattr(engine, "to_svg", broken)
    text = tiny()._repr_mimebundle_()["text/plain"]
    assert text.endswith("(no drawing: segfault in layout)")


def test_too_large_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    m = ArgumentMap()
    for i in range(2001):
        m.claim(str(i))
    text = m._repr_mimebundle_()["text/plain"]
    assert "2,001 statements" in text and "focus=" in text


def test_default_view() -> None:
    assert default_view(seed_slice()) == "argument"
    m = ArgumentMap()
    m.causes(m.factor("a"), m.factor("b"))
    assert default_view(m) == "causal"


def test_model_import_loads_no_graphviz() -> None:
    code = (
        "import sys, argmap.model; m = argmap.model.ArgumentMap(); print('graphviz' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    assert done.stdout.strip() == "False"
