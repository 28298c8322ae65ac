"""The students' notebook, docs/tutorial.ipynb: stored without outputs; it runs top to bottom."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"


def _read() -> Any:
    nbformat = pytest.importorskip("nbformat", reason="nbformat comes with the dev extra")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    return nb


def _text(cell: Any) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


def test_notebook_is_stored_without_outputs() -> None:
    for cell in _read().cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_notebook_runs_and_answers_its_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    nb = _read()
    nbclient = pytest.importorskip("nbclient", reason="nbclient comes with the dev extra")
    pytest.importorskip("ipykernel", reason="ipykernel comes with the dev extra")
    # The kernel is a fresh process: let it import this checkout's argmap.
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    monkeypatch.setenv("PYTHONPATH", path)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.outputs if o.get("output_type") == "error"]
    assert not errors, errors
    everything = "\n".join(_text(c) for c in code)
    assert "Petro, Noem and Maduro on the Tren de Aragua: 9 statements" in everything
    assert "+ blockade -> emigration -> exclusion -> violence -> gang" in everything
    assert "+ blockade -> gang" in everything
    assert "net effect: +" in everything
    shown = [o for c in code for o in c.outputs if "image/svg+xml" in o.get("data", {})]
    assert len(shown) >= 3, "the map, its causal view and its labelled argument view are drawn"
    assert "AM303 info 'noem' reports that 'petro' asserts 'friends'" in everything
    assert "in     Petro has never met a single cartel member" in everything
    assert "out    Some Tren de Aragua members are Petro's friends" in everything
    assert "undec  The Tren de Aragua was defeated by Venezuela" in everything
    # The workspace: a correction by replace, shown as a diff; one speaker's story as an outline.
    assert (
        "claim defeated: text 'The Tren de Aragua was defeated by Venezuela'"
        " → 'Venezuela says it defeated the Tren de Aragua'" in everything
    )
    assert "as Gustavo Petro tells it" in everything
    assert "[never-met] Petro has never met a single cartel member" in everything
