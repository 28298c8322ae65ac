"""The types of the shared fixtures in ``tests/conftest.py``, for the tests' annotations."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Protocol

from argmap import ArgumentMap

__all__ = ["RunCli", "TmpMap", "example_module", "seed_map"]

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def example_module() -> ModuleType:
    """``examples/petro_noem.py``, the showcase, loaded once as a module (it is no package)."""
    spec = importlib.util.spec_from_file_location(
        "petro_noem_example", ROOT / "examples" / "petro_noem.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs: its dataclasses and doctests look their module up by name.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def seed_map() -> ArgumentMap:
    """A fresh copy of the showcase map of the Petro/Noem article (the caller may change it)."""
    built: ArgumentMap = example_module().build_map()
    return built


class RunCli(Protocol):
    """The ``run_cli`` fixture: run ``argmap ARGV...`` in-process, return (exit code, out, err)."""

    def __call__(self, argv: Sequence[str]) -> tuple[int, str, str]: ...


class TmpMap(Protocol):
    """The ``tmp_map`` fixture: write a map as argmap JSON in the test's folder, return its path."""

    def __call__(self, m: ArgumentMap, name: str = "map.json") -> Path: ...
