"""The docs: they build with warnings as errors, the API page is argmap.__all__, examples run.

The pages' code examples themselves run as doctests through pytest's ``--doctest-glob=*.md``
(``docs`` is in ``testpaths``); these tests hold the rest of the contract.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
_AUTODOC = re.compile(r"^\.\. auto(?:class|function|exception|data):: argmap\.(\w+)\s*$", re.M)
SPHINX = (sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-E", "-b", "html")
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)


def test_docs_build_with_warnings_as_errors(tmp_path: Path) -> None:
    for module in ("sphinx", "furo", "myst_parser"):
        pytest.importorskip(module, reason="the docs tools come with the dev extra")
    out = tmp_path / "html"
    # A fresh process: Sphinx imports argmap and conf.py, and must not see this test's state.
    done = subprocess.run(
        [*SPHINX, "--", str(DOCS), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    api = (out / "api.html").read_text(encoding="utf-8")
    for name in argmap.__all__:
        assert f'id="argmap.{name}"' in api, f"{name} is missing from the built API page"
    tutorial = (out / "tutorial.html").read_text(encoding="utf-8")
    assert "blockade" in tutorial
    assert (out / "cli.html").read_text(encoding="utf-8").count("argmap stats") >= 1


def test_api_page_documents_exactly_argmap_all() -> None:
    """The page is generated: every name of argmap.__all__ once, none written by hand."""
    assert not _AUTODOC.findall((DOCS / "api.md").read_text(encoding="utf-8")), (
        "docs/api.md lists a name by hand; the API page is generated from argmap.__all__"
    )
    spec = importlib.util.spec_from_file_location("argmap_docs_conf", DOCS / "conf.py")
    assert spec is not None and spec.loader is not None
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    listed = _AUTODOC.findall(conf.api_reference())
    assert len(listed) == len(set(listed)), "a name is documented twice"
    assert set(listed) == set(argmap.__all__)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_python_examples_in_the_docs_are_doctests(page: Path) -> None:
    # A Python block without prompts would never run; shell and text blocks are not Python.
    for lang, body in _FENCE.findall(page.read_text(encoding="utf-8")):
        if lang in ("python", "py", "pycon"):
            assert body.lstrip().startswith(">>>"), f"{page.name}: a {lang} block is no doctest"
            assert lang == "pycon", f"{page.name}: fence doctests as pycon so they highlight"


def test_every_page_is_in_a_toctree() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in PAGES:
        if page.stem != "index":
            assert re.search(rf"^{re.escape(page.stem)}$", index, re.M), page.name
