"""The types of the shared fixtures in ``tests/conftest.py``, for the tests' annotations."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from argmap import ArgumentMap

__all__ = ["RunCli", "TmpMap"]


class RunCli(Protocol):
    """The ``run_cli`` fixture: run ``argmap ARGV...`` in-process, return (exit code, out, err)."""

    def __call__(self, argv: Sequence[str]) -> tuple[int, str, str]: ...


class TmpMap(Protocol):
    """The ``tmp_map`` fixture: write a map as argmap JSON in the test's folder, return its path."""

    def __call__(self, m: ArgumentMap, name: str = "map.json") -> Path: ...
