"""Doctests of the docs pages: make examples/petro_noem.py importable as ``petro_noem``."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))

import argmap  # noqa: E402

# `argmap.render` names both a function and its subpackage: bind the function before any test
# imports a submodule of argmap.render (see docs/conf.py; reported to the lead).
assert callable(argmap.render)

# conf.py configures Sphinx and is no module to doctest; _build holds Sphinx's output.
collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*", "_generated/*"]
