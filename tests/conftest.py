"""What every test module shares: Hypothesis profiles, the custom markers, common fixtures.

Hypothesis profiles (choose one with ``HYPOTHESIS_PROFILE=NAME``):

* ``dev``, the default: no deadline and no too-slow health check. Maps are drawn through the
  builder API and the suite runs on a shared two-core machine, where wall-clock limits on one
  example measure the neighbours' load rather than argmap.
* ``ci``, the default when the environment has ``CI`` set: ``dev`` made reproducible
  (derandomized, no example database), so a red CI run is red again on rerun.
* ``thorough``: ``dev`` with 1,000 examples for the tests that do not set their own count.

A test that needs a particular number of examples still says so with ``@settings(max_examples=N)``;
every other setting comes from the profile.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from argmap import ArgumentMap, write_json
from tests.support import RunCli, TmpMap

settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", settings.get_profile("dev"), derandomize=True, database=None, print_blob=True
)
settings.register_profile("thorough", settings.get_profile("dev"), max_examples=1000)
# CI runs .ci/run with CI=true in the environment; Hypothesis itself looks at CI too.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if "CI" in os.environ else "dev"))

MARKERS = {
    "exe": "needs a Graphviz layout engine (system dot or graphviz-pure)",
    "browser": "drives Debian's chromium through playwright",
    "shared": "reads the public corpora in ../shared/data",
}


def pytest_configure(config: pytest.Config) -> None:
    """Declare the custom markers (``--strict-markers`` refuses any other)."""
    for name, meaning in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {meaning}")


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run ``argmap ARGV...`` in this process; return its exit code, stdout and stderr."""

    # Imported here, not at the top: conftest loads before every test, the CLI is for a few.
    from argmap.cli import main

    def run(argv: Sequence[str]) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def tmp_map(tmp_path: Path) -> TmpMap:
    """Write a map as argmap JSON into the test's own folder and return the file's path."""

    def write(m: ArgumentMap, name: str = "map.json") -> Path:
        path = tmp_path / name
        write_json(m, path)
        return path

    return write
