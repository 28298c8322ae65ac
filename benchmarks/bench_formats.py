"""Benchmark the format readers and writers, one function a format.

Run on demand (not part of the test suite)::

    python benchmarks/bench_formats.py                    # every part, default sizes
    python benchmarks/bench_formats.py argdown 1000 10000 # one part, chosen sizes

Argdown part (:func:`bench_argdown`): a generated document of N statements (blocks of five: a
titled claim with bold, italic, a mention and a tag, a supporting statement with YAML data, an
attacking one with an undercutting argument, and a reconstructed argument of two premises with
an inference rule and data), headings every 500 statements. Each stage is timed on the same text:
``tokenize`` (Argdown's lexer alone), ``parse_argdown`` (lexer, parser, Argdown's model, its
selection and map), ``to_map`` (the :class:`~argmap.ArgumentMap`), and ``generate_argdown`` of
that map (which reads its own output back once). The baseline, measured in the same run, is the
least a reader of this text must do: split it into lines and cut each line into tokens with one
regular expression. Times are the best of a few runs.

AIF part (:func:`bench_aif`, in ``bench_formats_aif.py``): the core benchmark's map of N claims
written as one AIF file, read back; CPU times and the ratio to ``json.loads`` of the same file.
"""

from __future__ import annotations

import contextlib
import gc
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argmap.errors import ArgmapError
from argmap.readwrite._argdown_syntax import _Lines, tokenize
from argmap.readwrite.argdown_format import generate_argdown, parse_argdown

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
        t_parse, doc = best_time(lambda text=text: parse_argdown(text), 3)  # type: ignore[misc]
        assert len(doc.statements) == n, (len(doc.statements), n)
        t_map, m = best_time(doc.to_map, 3)
        t_write, written = best_time(lambda m=m: generate_argdown(m), 1)  # type: ignore[misc]
        assert parse_argdown(written).to_map() == m
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
    print("\nArgdown, one line of N unclosed openers; parse_argdown seconds (best of 3)")
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
        parse_argdown(text)


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
