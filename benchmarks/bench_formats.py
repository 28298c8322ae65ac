"""Benchmark the format readers and writers, one function a format.

Run on demand (not part of the test suite)::

    python benchmarks/bench_formats.py                    # every part, default sizes
    python benchmarks/bench_formats.py argdown 1000 10000 # one part, chosen sizes
    python benchmarks/bench_formats.py writers 10000      # writers at N = 10,000 and 100,000

Argdown part (:func:`bench_argdown`): a generated document of N statements (blocks of five: a
titled claim with bold, italic, a mention and a tag, a supporting statement with YAML data, an
attacking one with an undercutting argument, and a reconstructed argument of two premises with
an inference rule and data), headings every 500 statements. Each stage is timed on the same text:
``tokenize`` (Argdown's lexer alone), ``parse_argdown_document`` (lexer, parser, Argdown's model,
its selection and map), ``to_map`` (the :class:`~argmap.ArgumentMap`), and ``generate_argdown`` of
that map (which reads its own output back once). The baseline, measured in the same run, is the
least a reader of this text must do: split it into lines and cut each line into tokens with one
regular expression. Times are the best of a few runs.

Writers part (:func:`bench_writers`): ``generate_argdown``, ``write_yaml``, ``write_argdown`` and
``write_graphml`` of two maps at N and 10N claims: a support chain (each claim supports the one
before, the deepest shape) and the core benchmark's map (``bench_core.benchmark_map``). CPU
seconds, best of five at N and of three at 10N, garbage collector on; the growth column is the
time at 10N over the time at N, which must stay at most 12 for a tenfold input (linear, with some
slack for caches; ``generate_json``'s own growth on the same maps is printed as the floor). A
tenfold step can straddle the size where the data stops fitting the processor's caches, so a row
over the limit is measured again at five doubling sizes (N to 16N) and the exponent of time
against size is fitted over them: at most 1.15 reads as linear (quadratic work gives 2). Last,
on the benchmark map of 10N claims, ``generate_argdown`` over ``generate_json`` of the same map,
in the same run (the target is at most 10).

AIF part (:func:`bench_aif`, in ``bench_formats_aif.py``): the core benchmark's map of N claims
written as one AIF file, read back; CPU times and the ratio to ``json.loads`` of the same file.
"""

from __future__ import annotations

import contextlib
import gc
import math
import random
import re
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from argmap import ArgumentMap, generate_json, write_argdown, write_graphml, write_yaml
from argmap.errors import ArgmapError, DataLossWarning
from argmap.readwrite.argdown import generate_argdown, parse_argdown, parse_argdown_document
from argmap.readwrite.argdown.lexer import _Lines, tokenize

# One regex that cuts an Argdown line into rough tokens: titles, relation symbols, numbers,
# tags, data, emphasis markers, words. The floor any reader pays to look at every character.
BASELINE_TOKEN = re.compile(
    r"\[[^\]]*\]:?|<[^>]*>:?|[+\-<>_]{1,2}(?=\s)|\(\d+\)|#\(?[^\s)]+\)?|\{[^}]*\}|\*\*|__|[*_]"
    r"|[^\s\[\]<>{}#*_]+"
)


def make_argdown(n_statements: int, seed: int = 42) -> str:
    """An Argdown document of ``n_statements`` statements (a multiple of five)."""
    rng = random.Random(seed)
    parts = ["===\ntitle: Benchmark\nmodel:\n    mode: loose\n===\n"]
    for block in range(max(1, n_statements // 5)):
        i = 5 * block
        if block % 100 == 0:
            parts.append(f"# Part {block // 100 + 1}\n")
        a, b, c, d, e = (f"Claim {i + k}" for k in range(5))
        weight = round(rng.random(), 3)
        parts.append(
            f"[{a}]: The **claim** number {i} says that _something_ holds, see @[{b}]."
            f" #(topic {block % 7})\n"
            f"  + [{b}]: A reason for claim {i}, with a [link](https://example.org/{i})."
            f" {{weight: {weight}}}\n"
            f"  - [{c}]: An objection to claim {i}: it does not hold.\n"
            f"    <_ <Undercut {block}>: The objection misses the point. #undercut\n"
        )
        parts.append(
            f"<Argument {block}>: Why claim {i} holds.\n\n"
            f"(1) [{d}]: First premise of argument {block}.\n"
            f"(2) [{e}]: Second premise, if @[{d}] then @[{a}].\n"
            f"-- Modus ponens {{uses: [1, 2], step: {block}}} --\n"
            f"(3) [{a}]\n"
        )
    return "\n".join(parts)


def baseline(text: str) -> int:
    """Split into lines, cut each line with one regex; return the token count."""
    count = 0
    findall = BASELINE_TOKEN.findall
    for line in text.splitlines():
        count += len(findall(line))
    return count


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_argdown(sizes: list[int]) -> None:
    """Time the Argdown reader and writer against a line-split + regex baseline."""
    print("Argdown: N statements; seconds (best of 3) and ratio to the baseline of the same text")
    header = (
        f"{'N':>7} {'MB':>5} {'tokens':>7} | {'baseline':>8} | {'tokenize':>8} {'ratio':>6} | "
        f"{'parse':>7} {'ratio':>6} | {'to_map':>7} | {'write':>7}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        text = make_argdown(n)
        t_base, _ = best_time(lambda text=text: baseline(text), 3)  # type: ignore[misc]
        t_lex, tokens = best_time(
            lambda text=text: tokenize(text, _Lines(text), None),  # type: ignore[misc]
            3,
        )
        t_parse, doc = best_time(lambda text=text: parse_argdown_document(text), 3)  # type: ignore[misc]
        assert len(doc.statements) == n, (len(doc.statements), n)
        t_map, m = best_time(doc.to_map, 3)
        t_write, written = best_time(lambda m=m: generate_argdown(m), 1)  # type: ignore[misc]
        assert parse_argdown(written) == m
        print(
            f"{n:>7,} {len(text) / 1e6:>5.2f} {len(tokens):>7,} | {t_base:>8.3f} | "
            f"{t_lex:>8.3f} {t_lex / t_base:>5.1f}x | {t_parse:>7.3f} {t_parse / t_base:>5.1f}x | "
            f"{t_map:>7.3f} | {t_write:>7.3f}",
            flush=True,
        )


def bench_openers(sizes: list[int]) -> None:
    """Time Argdown on one line of N openers whose closer never comes.

    Each of these patterns once scanned to the end of the line (or of the text) for every
    opener, so the time grew with the square of N; the last column is how the time grows from
    the first N to the last, to compare with how N grows.
    """
    openers = ["<!--", "[[", "@[", "<a", "{", "//", "[-a", "#("]
    print("\nArgdown, one line of N unclosed openers; parse_argdown_document seconds (best of 3)")
    header = (
        f"{'opener':>7} "
        + " ".join(f"{f'N={n:,}':>10}" for n in sizes)
        + f" | time grows ({sizes[-1] / sizes[0]:.0f}x N)"
    )
    print(header)
    print("-" * len(header))
    for opener in openers:
        times = [
            best_time(lambda text="[A]: " + opener * n: _parse_or_fail(text), 3)[0]  # type: ignore[misc]
            for n in sizes
        ]
        cells = " ".join(f"{t:>10.4f}" for t in times)
        print(f"{opener!r:>7} {cells} | {times[-1] / times[0]:.1f}x", flush=True)


def _parse_or_fail(text: str) -> None:
    with contextlib.suppress(ArgmapError):
        parse_argdown_document(text)


def support_chain(length: int) -> ArgumentMap:
    """``length`` claims, each supporting the one before (as tests/strategies.py builds it)."""
    m = ArgumentMap(title=f"chain {length}")
    previous = m.claim("0")
    with m.batch():
        for i in range(1, length):
            current = m.claim(str(i))
            m.support(current, previous)
            previous = current
    return m


def best_cpu(fn: Callable[[], Any], repeat: int) -> float:
    """The least CPU time (``time.process_time``) of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


GROWTH_LIMIT = 12.0
ARGDOWN_TO_JSON_LIMIT = 10.0


def bench_writers(sizes: list[int]) -> None:
    """Time four writers at N and 10N claims; the growth must be at most 12x."""
    from bench_core import benchmark_map

    n = sizes[0]
    print(
        f"\nWriters: CPU seconds (best of 5 / 3) at N = {n:,} and 10N = {10 * n:,} claims; "
        f"growth = time(10N) / time(N), at most {GROWTH_LIMIT:.0f}"
    )
    header = f"{'map':>9} {'writer':>15} | {'N':>8} {'10N':>8} | {'growth':>6}"
    print(header)
    print("-" * len(header))
    folder = Path(tempfile.mkdtemp(prefix="bench-writers-"))
    writers: list[tuple[str, Callable[[ArgumentMap], Any]]] = [
        ("generate_argdown", generate_argdown),
        ("write_yaml", lambda m: write_yaml(m, folder / "m.yaml")),
        ("write_argdown", lambda m: write_argdown(m, folder / "m.argdown")),
        # Without a layout: the writer's own work (a Graphviz layout is the engine's).
        ("write_graphml", lambda m: write_graphml(m, folder / "m.graphml", layout="none")),
    ]
    failures: list[str] = []
    big_benchmark: ArgumentMap | None = None
    for label, build in (("chain", support_chain), ("benchmark", benchmark_map)):
        small, big = build(n), build(10 * n)
        if label == "benchmark":
            big_benchmark = big
        # The floor: generate_json is linear by construction (one pydantic-core pass), so its growth
        # is what the machine's caches and memory add to a tenfold input; writers are compared.
        t_floor_big = best_cpu(lambda m=big: generate_json(m), 3)  # type: ignore[misc]
        floor = t_floor_big / best_cpu(lambda m=small: generate_json(m), 5)  # type: ignore[misc]
        print(f"{label:>9} {'generate_json (floor)':>15} | {'':>8} {'':>8} | {floor:>5.1f}x")
        for name, write in writers:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DataLossWarning)  # GraphML of factors' opposites
                # More runs of the small map: on a shared machine a 0.3 s run is the noisier.
                t_small = best_cpu(lambda w=write, m=small: w(m), 5)  # type: ignore[misc]
                t_big = best_cpu(lambda w=write, m=big: w(m), 3)  # type: ignore[misc]
            growth = t_big / t_small
            mark = "" if growth <= GROWTH_LIMIT else "  TOO STEEP"
            if mark:
                failures.append(f"{label} {name}")
            print(
                f"{label:>9} {name:>15} | {t_small:>8.3f} {t_big:>8.3f} | {growth:>5.1f}x"
                f" ({growth / floor:.2f} of the floor's){mark}",
                flush=True,
            )
    assert big_benchmark is not None
    t_json = best_cpu(lambda: generate_json(big_benchmark), 3)
    t_argdown = best_cpu(lambda: generate_argdown(big_benchmark), 3)
    ratio = t_argdown / t_json
    print(
        f"\ngenerate_argdown / generate_json on the benchmark map of {10 * n:,} claims: "
        f"{t_argdown:.3f} s / {t_json:.3f} s = {ratio:.1f}x (at most {ARGDOWN_TO_JSON_LIMIT:.0f})"
    )
    if ratio > ARGDOWN_TO_JSON_LIMIT:
        failures.append("generate_argdown / generate_json")
    # A tenfold step can straddle the size where the data stops fitting a cache: the cost per
    # claim then steps up once and stays flat. Doubling sizes tell that step from growth.
    builds = {"chain": support_chain, "benchmark": benchmark_map}
    named = dict(writers)
    still: list[str] = []
    checked = [f for f in failures if f.split()[0] in builds]
    for failure in checked:
        label, name = failure.split()
        costs = _cost_per_claim(builds[label], named[name], n)
        sizes = _doublings(n)
        exponent = _growth_exponent(sizes, costs)
        flat = exponent <= MAX_EXPONENT
        shown = ", ".join(f"{size:,}: {us:.1f}" for size, us in zip(sizes, costs, strict=True))
        verdict = "linear" if flat else "GROWING FASTER THAN LINEAR"
        print(
            f"{label} {name}, CPU microseconds per claim at doubling sizes: {shown}; "
            f"time grows as size^{exponent:.2f} ({verdict})"
        )
        if not flat:
            still.append(failure)
    failures = [f for f in failures if f not in checked or f in still]
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    if failures:
        print("over the limit: " + ", ".join(failures))


MAX_EXPONENT = 1.15
"""Largest exponent of time against size, fitted over five doublings, that reads as linear (1 is
linear and 2 quadratic; one machine's noise moves a fit over a sixteenfold range by about 0.1)."""


def _growth_exponent(sizes: list[int], costs: list[float]) -> float:
    """Least-squares slope of log(time) against log(size), from the cost per item at each size."""
    xs = [math.log(size) for size in sizes]
    ys = [math.log(cost * size) for size, cost in zip(sizes, costs, strict=True)]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def _doublings(n: int) -> list[int]:
    return [n * 2**k for k in range(5)]


def _cost_per_claim(
    build: Callable[[int], ArgumentMap], write: Callable[[ArgumentMap], Any], n: int
) -> list[float]:
    costs = []
    for size in _doublings(n):
        m = build(size)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataLossWarning)
            costs.append(best_cpu(lambda m=m: write(m), 3) / size * 1e6)  # type: ignore[misc]
    return costs


def bench_aif(sizes: list[int]) -> None:
    """AIF part: read an AIF file of the benchmark map; ratio to json.loads of the same file.

    The work is in ``bench_formats_aif.py`` (runnable on its own).
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_formats_aif import bench_aif as run

    run(sizes)


PARTS: dict[str, tuple[Callable[[list[int]], None], list[int]]] = {
    "argdown": (bench_argdown, [1_000, 10_000]),
    "openers": (bench_openers, [10_000, 40_000]),
    "aif": (bench_aif, [100_000]),
    "writers": (bench_writers, [10_000]),
}


def main(argv: list[str]) -> None:
    print(f"python {sys.version.split()[0]}")
    chosen = [a for a in argv if a in PARTS] or list(PARTS)
    sizes = [int(a) for a in argv if a.isdigit()]
    for name in chosen:
        function, default_sizes = PARTS[name]
        function(sizes or default_sizes)


if __name__ == "__main__":
    main(sys.argv[1:])
