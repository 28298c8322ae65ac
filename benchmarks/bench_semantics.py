"""Benchmark argmap.semantics against a networkx floor and the PyPI peers, in one run.

Grounded: random frameworks of 10,000 and 100,000 arguments, Erdős–Rényi (``gnm``, directed) and
preferential attachment (Barabási–Albert, each edge given a random direction), average out-degree
2 and 5. Compared with a plain networkx worklist on a ``DiGraph`` (the floor) and with
formal-argumentation's ``grounded_extension``. "compute" times start from each tool's own
framework object; "build" is the time to make that object from the edge list.

Preferred and stable enumeration: the same families at 100 and 1,000 arguments, argmap (``auto``:
python-sat when the undecided part is large and it is installed; and the pure-Python path)
against pygarg, each run in a child process with a timeout.

Many extensions: small frameworks whose extensions are many (an attack among free arguments,
disjoint odd cycles under stage semantics, disjoint mutual attacks), where the cost of listing
them grows with their number and not with the size of the framework. argmap's three back ends
(``python``, ``sat``, and ``auto``, which starts in Python and moves to python-sat once the
search's counted work passes a budget), in CPU seconds (``time.process_time`` in a child process).

Run: ``python benchmarks/bench_semantics.py [--quick]``. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argmap.semantics import ArgumentationFramework, extensions, grounded_extension

Edges = list[tuple[str, str]]


def erdos_renyi(n: int, degree: int, seed: int) -> Edges:
    graph = nx.gnm_random_graph(n, degree * n, seed=seed, directed=True)
    return [(str(u), str(v)) for u, v in graph.edges()]


def preferential(n: int, degree: int, seed: int) -> Edges:
    graph = nx.barabasi_albert_graph(n, degree, seed=seed)
    rng = random.Random(seed)
    return [(str(u), str(v)) if rng.random() < 0.5 else (str(v), str(u)) for u, v in graph.edges()]


FAMILIES: dict[str, Callable[[int, int, int], Edges]] = {"ER": erdos_renyi, "PA": preferential}


def floor_grounded(graph: nx.DiGraph[str]) -> set[str]:
    """The networkx floor: count live attackers, release an argument when they are all out."""
    live = {node: graph.in_degree(node) for node in graph}
    accepted = {node for node, count in live.items() if count == 0}
    out: set[str] = set()
    stack = list(accepted)
    while stack:
        node = stack.pop()
        for target in graph.successors(node):
            if target not in out:
                out.add(target)
                for next_target in graph.successors(target):
                    live[next_target] -= 1
                    if live[next_target] == 0 and next_target not in out:
                        accepted.add(next_target)
                        stack.append(next_target)
    return accepted


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_grounded(sizes: list[int], repeat: int) -> None:
    from argumentation.core import dung as fa

    print("## Grounded (seconds, best of", repeat, "runs)\n")
    print(
        "| instance | args | attacks | argmap build | argmap grounded | nx floor build"
        " | nx floor grounded | formal-arg build | formal-arg grounded | argmap/floor"
        " | argmap/formal-arg | argmap total/floor total |"
    )
    print("|" + "---|" * 13)
    for n in sizes:
        for family, make in FAMILIES.items():
            for degree in (2, 5):
                edges = make(n, degree, 1)
                names = [str(i) for i in range(n)]
                b_ours, af = best_of(repeat, lambda: ArgumentationFramework(names, edges))  # noqa: B023
                t_ours, ours = best_of(repeat, lambda: grounded_extension(af))  # noqa: B023

                def build_nx() -> nx.DiGraph[str]:
                    graph: nx.DiGraph[str] = nx.DiGraph()
                    graph.add_nodes_from(names)  # noqa: B023
                    graph.add_edges_from(edges)  # noqa: B023
                    return graph

                b_floor, graph = best_of(repeat, build_nx)
                t_floor, floor = best_of(repeat, lambda: floor_grounded(graph))  # noqa: B023
                b_fa, peer = best_of(
                    repeat,
                    lambda: fa.ArgumentationFramework(
                        arguments=frozenset(names),  # noqa: B023
                        defeats=frozenset(edges),  # noqa: B023
                    ),
                )
                t_fa, theirs = best_of(repeat, lambda: fa.grounded_extension(peer))  # noqa: B023
                assert ours == frozenset(floor) == theirs, "grounded answers differ"
                print(
                    f"| {family} d={degree} | {n} | {len(af.attacks)} | {b_ours:.3f} | {t_ours:.3f}"
                    f" | {b_floor:.3f} | {t_floor:.3f} | {b_fa:.3f} | {t_fa:.3f}"
                    f" | {t_ours / t_floor:.2f} | {t_ours / t_fa:.2f}"
                    f" | {(b_ours + t_ours) / (b_floor + t_floor):.2f} |",
                    flush=True,
                )


def _child(tool: str, names: list[str], edges: Edges, sem: str, queue: Any) -> None:
    """Time one enumeration, best of several runs: up to 20 while under a second in all (a
    millisecond answer needs many runs to show its time, not the first run's warm-up), at
    most three once a run is long, and no more after 5 s."""
    # Imports are not timed: load each tool's solver before the clock starts.
    import pysat.solvers  # noqa: F401
    from pygarg.dung import solver

    best = float("inf")
    result: set[frozenset[str]] = set()
    spent = 0.0
    for run in range(20):
        if run >= 3 and spent > 1.0:
            break
        start = time.perf_counter()
        if tool == "pygarg":
            found = solver.extension_enumeration(names, [list(e) for e in edges], sem)
            result = {frozenset(e) for e in found}
        else:
            af = ArgumentationFramework(names, edges)
            result = set(extensions(af, sem, solver=tool))  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        if spent > 5.0:
            break
    queue.put((best, sorted(sorted(e) for e in result)))


def timed(tool: str, names: list[str], edges: Edges, sem: str, timeout: float) -> Any:
    """Run one enumeration in a child process; ``None`` when it runs out of time."""
    queue: Any = mp.Queue()
    child = mp.Process(target=_child, args=(tool, names, edges, sem, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()  # our own child, by its handle
        child.join()
        return None
    if queue.empty():
        return None
    return queue.get()


def bench_enumeration(sizes: list[int], timeout: float) -> None:
    print(f"\n## Preferred and stable enumeration (seconds, timeout {timeout:.0f} s)\n")
    print(
        "| instance | args | sem | #ext | argmap auto | argmap python | pygarg"
        " | pygarg/argmap auto |"
    )
    print("|" + "---|" * 8)
    for n in sizes:
        for family, make in FAMILIES.items():
            for degree in (2, 5):
                edges = make(n, degree, 1)
                names = [str(i) for i in range(n)]
                for sem in ("PR", "ST"):
                    auto = timed("auto", names, edges, sem, timeout)
                    python = timed("python", names, edges, sem, timeout)
                    peer = timed("pygarg", names, edges, sem, timeout)
                    answers = [r[1] for r in (auto, python, peer) if r is not None]
                    assert all(a == answers[0] for a in answers), "answers differ"
                    count = str(len(answers[0])) if answers else "?"

                    def cell(r: Any) -> str:
                        return "timeout" if r is None else f"{r[0]:.3f}"

                    ratio = (
                        f"{peer[0] / auto[0]:.1f}" if auto is not None and peer is not None else "—"
                    )
                    print(
                        f"| {family} d={degree} | {n} | {sem} | {count} | {cell(auto)}"
                        f" | {cell(python)} | {cell(peer)} | {ratio} |",
                        flush=True,
                    )


def many_extension_cases(quick: bool) -> list[tuple[str, list[str], Edges, str]]:
    """(name, arguments, attacks, semantics) of small frameworks with many extensions."""

    def free(n: int, attacks: int) -> tuple[list[str], Edges]:
        names = [f"a{i}" for i in range(n)]
        return names, [(names[2 * i], names[2 * i + 1]) for i in range(attacks)]

    def cycles(k: int, size: int, extra: int) -> tuple[list[str], Edges]:
        names = [f"c{c}_{i}" for c in range(k) for i in range(size)]
        edges = [(f"c{c}_{i}", f"c{c}_{(i + 1) % size}") for c in range(k) for i in range(size)]
        return names + [f"x{i}" for i in range(extra)], edges

    cases: list[tuple[str, list[str], Edges, str]] = []
    for n in (9, 11) if quick else (9, 11, 13):
        names, edges = free(n, 1)
        cases.append((f"{n} args, 1 attack", names, edges, "CF"))
    names, edges = free(12, 6)
    cases.append(("12 args, 6 attacks", names, edges, "CF"))
    for k, extra in ((5, 0), (7, 0)) if quick else ((5, 0), (7, 0), (6, 12), (6, 32), (6, 52)):
        names, edges = cycles(k, 3, extra)
        cases.append((f"{k} 3-cycles + {extra} free", names, edges, "STG"))
    for k in (8, 10) if quick else (8, 10, 11):
        names, edges = cycles(k, 2, 0)
        cases.append((f"{k} 2-cycles", names, edges, "PR"))
        cases.append((f"{k} 2-cycles", names, edges, "ST"))
    return cases


def _cpu_child(tool: str, names: list[str], edges: Edges, sem: str, queue: Any) -> None:
    """CPU seconds of one enumeration (best of up to three while under a second in all)."""
    import pysat.solvers  # noqa: F401  # imports are not timed

    best = float("inf")
    result: set[frozenset[str]] = set()
    spent = 0.0
    for _ in range(3):
        start = time.process_time()
        af = ArgumentationFramework(names, edges)
        result = set(extensions(af, sem, solver=tool))  # type: ignore[arg-type]
        elapsed = time.process_time() - start
        best = min(best, elapsed)
        spent += elapsed
        if spent > 1.0:
            break
    queue.put((best, sorted(sorted(e) for e in result)))


def bench_many_extensions(quick: bool, timeout: float) -> None:
    print(f"\n## Many extensions (CPU seconds, timeout {timeout:.0f} s)\n")
    print("| framework | args | sem | #ext | python | sat | auto | auto/sat | python/auto |")
    print("|" + "---|" * 9)
    for name, names, edges, sem in many_extension_cases(quick):
        found: dict[str, Any] = {}
        for tool in ("python", "sat", "auto"):
            queue: Any = mp.Queue()
            child = mp.Process(target=_cpu_child, args=(tool, names, edges, sem, queue))
            child.start()
            # Read before joining: a child cannot exit while its large answer fills the pipe.
            try:
                found[tool] = queue.get(timeout=timeout)
            except Exception:  # queue.Empty: out of time
                found[tool] = None
            if child.is_alive():
                child.terminate()  # our own child, by its handle
            child.join()
        answers = [r[1] for r in found.values() if r is not None]
        assert all(a == answers[0] for a in answers), "answers differ"
        count = str(len(answers[0])) if answers else "?"

        def cell(r: Any) -> str:
            return "timeout" if r is None else f"{r[0]:.3f}"

        def ratio(a: Any, b: Any) -> str:
            if a is None or b is None:
                return ">" + f"{timeout / b[0]:.0f}" if a is None and b is not None else "—"
            return f"{a[0] / max(b[0], 1e-6):.1f}"

        py, sat, auto = found["python"], found["sat"], found["auto"]
        print(
            f"| {name} | {len(names)} | {sem} | {count} | {cell(py)} | {cell(sat)} | {cell(auto)}"
            f" | {ratio(auto, sat)} | {ratio(py, auto)} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one repeat")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--skip-grounded", action="store_true")
    parser.add_argument("--skip-enumeration", action="store_true")
    parser.add_argument("--skip-many", action="store_true", help="skip the many-extensions rows")
    args = parser.parse_args()
    if not args.skip_grounded:
        bench_grounded([1_000, 10_000] if args.quick else [10_000, 100_000], 1 if args.quick else 3)
    if not args.skip_enumeration:
        bench_enumeration([100] if args.quick else [100, 1_000], args.timeout)
    if not args.skip_many:
        bench_many_extensions(args.quick, args.timeout)


if __name__ == "__main__":
    main()
