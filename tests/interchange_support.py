"""Helpers for the interchange tests: the shared corpora, mutations of real files, error checks.

The corpora live in ``../shared/data`` beside the project (each folder has a README naming its
source); a test that needs one is skipped, saying which, when it is absent. Mutations turn a real
document into a broken one in the ways files break: a member dropped, a value of the wrong type,
an id that points nowhere, a duplicate, a cut or spliced text.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from argmap.errors import ArgmapError, FormatError

__all__ = [
    "DATA",
    "assert_located",
    "corpus",
    "error_in_child",
    "json_mutations",
    "mutate_json",
    "text_mutations",
]

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def corpus(name: str) -> Path:
    """The folder ``../shared/data/<name>``, or skip the test saying it is missing."""
    folder = DATA / name
    if not folder.is_dir():
        pytest.skip(f"the public corpus {folder} is absent (see the project's README on data)")
    return folder


def error_in_child(reader: str, path: Path) -> str:
    """Run ``argmap.<reader>(path)`` in a child interpreter and return the error it printed.

    For inputs that once crashed the interpreter outright (libyaml recursing in C): in a child,
    a regression fails the one test instead of ending the whole run.
    """
    script = (
        f"import sys\nfrom argmap import FormatError, {reader}\n"
        f"try:\n    {reader}(sys.argv[1])\nexcept FormatError as err:\n    print(err)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"the child died ({done.returncode}): {done.stderr[-500:]}"
    assert done.stdout, f"{reader} read {path.name} without an error"
    return done.stdout


def assert_located(err: ArgmapError) -> None:
    """A reader's error is a FormatError that says where: a line or a JSON path."""
    assert isinstance(err, FormatError), f"{type(err).__name__}: {err}"
    assert err.line is not None or err.path is not None, f"no location in: {err}"
    assert err.message, "an error says what was expected"


_ODD_VALUES = st.sampled_from(
    [None, 0, -1, 1.5, True, "", " ", "x y", [], {}, [1], {"a": 1}, "9" * 50, "\u0000", "ünï"]
)


@st.composite
def json_mutations(draw: st.DrawFn) -> list[tuple[str, int, Any]]:
    """A few edits (action, a number that picks the place, a value) for :func:`mutate_json`."""
    actions = st.sampled_from(["drop", "retype", "swap_id", "duplicate", "empty", "nest"])
    return draw(
        st.lists(st.tuples(actions, st.integers(0, 10_000), _ODD_VALUES), min_size=1, max_size=4)
    )


def _places(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON document, iteratively."""
    places: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                places.append((node, key))
                stack.append(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                places.append((node, i))
                stack.append(value)
    return places


def mutate_json(doc: Any, edits: list[tuple[str, int, Any]]) -> Any:
    """Apply ``edits`` to a deep copy of ``doc`` and return it."""
    doc = copy.deepcopy(doc)
    ids = [
        value
        for container, key in _places(doc)
        if isinstance(key, str) and key.lower().endswith("id")
        for value in [container[key]]
        if isinstance(value, str | int)
    ]
    for action, pick, value in edits:
        places = _places(doc)
        if not places:
            return value
        container, key = places[pick % len(places)]
        if action == "drop":
            del container[key]
        elif action == "retype":
            # A copy: sampled_from hands out the same list and dict objects every time, and
            # one placed inside itself by a later edit makes a cycle no walk ever leaves.
            container[key] = copy.deepcopy(value)
        elif action == "swap_id" and ids:
            container[key] = ids[pick % len(ids)]
        elif action == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
        elif action == "empty":
            container[key] = (
                type(container[key])() if isinstance(container[key], list | dict) else ""
            )
        elif action == "nest":
            container[key] = [container[key]]
    return doc


@st.composite
def text_mutations(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few characters cut, spliced in or replaced."""
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["cut", "insert", "replace", "truncate"]))
        junk = draw(st.sampled_from(['"', "{", "}", "[", "]", ",", ":", "<", ">", "&", "0", "é"]))
        if action == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif action == "insert":
            text = text[:at] + junk + text[at:]
        elif action == "replace":
            text = text[:at] + junk + text[at + 1 :]
        else:
            text = text[:at]
    return text


def load_json(path: Path) -> Any:
    """A corpus file, decoded."""
    return json.loads(path.read_text(encoding="utf-8"))
