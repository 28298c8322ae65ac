"""How long ``argmap --help`` takes to start, against a bare interpreter in the same run.

Each command runs as a fresh process, interleaved with the others so that a busy moment of the
machine falls on all of them alike; the table gives the median and the quickest of the runs and
the ratio of the median to ``python -c pass``. The target is ``argmap --help`` under 0.3 s.

Run:
    python benchmarks/bench_cli.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import argmap'": [sys.executable, "-c", "import argmap"],
    "argmap --help": [sys.executable, "-m", "argmap", "--help"],
    "argmap --version": [sys.executable, "-m", "argmap", "--version"],
    "argmap render --help": [sys.executable, "-m", "argmap", "render", "--help"],
}
TARGET = 0.3


def measure(runs: int) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's argmap, not an installed one
    # One uncounted run each warms the file cache and drops a command argmap lacks (yet).
    commands = {
        name: command
        for name, command in COMMANDS.items()
        if subprocess.run(command, cwd=ROOT, env=env, capture_output=True).returncode == 0
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command")
    args = parser.parse_args()
    times = measure(args.runs)
    base = statistics.median(times["python -c pass"])
    print(f"{args.runs} runs each, {sys.executable} ({sys.version.split()[0]})")
    print(f"{'command':<28} {'median s':>9} {'min s':>8} {'x pass':>7} {'argmap s':>9}")
    for name, values in times.items():
        median = statistics.median(values)
        own = median - base
        print(f"{name:<28} {median:9.3f} {min(values):8.3f} {median / base:7.2f} {own:9.3f}")
    help_median = statistics.median(times["argmap --help"])
    verdict = "meets" if help_median < TARGET else "misses"
    print(f"argmap --help: {help_median:.3f} s median, {verdict} the {TARGET} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
