"""The shape of the package: one-way imports between layers, a literal public API."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path
from typing import Any

import pytest

import argmap

PACKAGE = Path(argmap.__file__).parent

# Lower layers never import higher ones; modules of one layer never import each other
# (except inside one package). DESIGN.md §2 draws the same picture.
LAYERS: dict[str, int] = {
    "argmap._version": 0,
    "argmap.errors": 0,
    "argmap._gc": 0,
    "argmap._io": 1,
    "argmap.model": 2,
    "argmap.graph": 3,
    "argmap.causal": 4,
    "argmap.semantics": 4,
    "argmap.checks": 5,
    "argmap.readwrite": 6,
    "argmap.rendering": 7,
    "argmap.cli": 8,
    "argmap.__main__": 9,
    "argmap": 10,
}
# Imports inside a function that point up on purpose, each with its reason.
ALLOWED_LAZY_UPWARD = {
    # Jupyter asks the map itself for its picture; the model reaches the renderer only then.
    ("argmap.model", "argmap.rendering"),
}
FORBIDDEN_IN_MODEL = ("networkx", "graphviz", "yaml", "json")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer_key(module: str) -> str | None:
    best = None
    for key in LAYERS:
        if (module == key or module.startswith(key + ".")) and (
            best is None or len(key) > len(best)
        ):
            best = key
    return best


def _imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(imported module, whether the import sits inside a function), TYPE_CHECKING excluded."""
    found: list[tuple[str, bool]] = []
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, nested = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, inner) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.append((child.module, inner))
            stack.append((child, inner))
    return found


def _all_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "static" not in p.parts)


@pytest.mark.parametrize("path", _all_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_one_way(path: Path) -> None:
    module = _module_name(path)
    own = _layer_key(module)
    assert own is not None, f"{module} has no layer: add it to LAYERS and to DESIGN.md"
    for imported, nested in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if not imported.startswith("argmap"):
            continue
        other = _layer_key(imported)
        assert other is not None, f"{module} imports {imported}, which has no layer"
        if other == own or module == "argmap":
            continue
        if nested and (own, other) in ALLOWED_LAZY_UPWARD:
            continue
        assert LAYERS[other] < LAYERS[own], (
            f"{module} (layer {LAYERS[own]}) imports {imported} (layer {LAYERS[other]}): "
            "imports must point to lower layers only"
        )


def test_model_imports_no_graph_or_format_library() -> None:
    tree = ast.parse((PACKAGE / "model.py").read_text(encoding="utf-8"))
    for imported, _ in _imports(tree):
        assert imported.split(".")[0] not in FORBIDDEN_IN_MODEL, imported


def test_all_is_a_sorted_literal_that_resolves() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    literal = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    names = ast.literal_eval(literal)
    assert names == argmap.__all__
    assert len(set(names)) == len(names)
    assert set(names) - {"__version__"} == set(argmap._LAZY), "__all__ and _LAZY disagree"
    for name in names:
        assert getattr(argmap, name) is not None, name


def test_import_is_light() -> None:
    """`import argmap` alone must not pull in pydantic, networkx or graphviz."""
    import subprocess
    import sys

    code = (
        "import sys, argmap; heavy = [m for m in ('pydantic', 'networkx', 'graphviz', 'yaml') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_render_function_survives_submodule_imports() -> None:
    """`argmap.render` is the function even after the renderer's modules are imported.

    The renderer's package is `argmap.rendering`: a package named `render` would replace the
    function on the `argmap` namespace as soon as any of its submodules was imported.
    """
    import subprocess
    import sys

    code = (
        "import argmap.rendering.dot, argmap.rendering.html, argmap; "
        "print(callable(argmap.render), argmap.render.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == "True"


# --------------------------------------------------------------------------- the CLI's grammar
# DESIGN.md §2: --from/--to are always formats. One flag a concept, one concept a flag.
CLI_CONCEPTS: dict[str, str] = {
    "--from": "from_format",  # the input's file format
    "--to": "to_format",  # the output's file format
    "--output": "output",  # the file to write
    "--format": "format",  # how a result prints on stdout (text, json, ...), never a file format
    "--semantics": "semantics",  # which acceptability semantics
}
REPORT_STYLES = {"text", "json", "github", "sarif"}


def _cli_options() -> list[tuple[str, argparse.Action]]:
    """(command, option) for every option of every ``argmap`` subcommand, help aside."""
    from argmap.cli import build_parser

    parser = build_parser()
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(
                    (name, option)
                    for option in sub._actions
                    if option.option_strings and not isinstance(option, argparse._HelpAction)
                )
    return found


def _file_formats() -> tuple[set[str], set[str]]:
    """(names --from may take, names --to may take), from the registries."""
    from argmap.cli import _DRAWING_FORMATS
    from argmap.readwrite import FORMATS
    from argmap.readwrite.iccma import ICCMA_FORMATS

    readable = {n for n, f in FORMATS.items() if f.reader is not None} | set(ICCMA_FORMATS)
    writable = {n for n, f in FORMATS.items() if f.writer is not None} | set(_DRAWING_FORMATS)
    return readable, writable


def test_cli_from_and_to_are_always_file_formats_from_the_registry() -> None:
    readable, writable = _file_formats()
    seen = set()
    for command, option in _cli_options():
        flags = set(option.option_strings)
        if "--from" in flags:
            assert option.choices is not None, f"argmap {command} --from: no choices"
            assert set(option.choices) <= readable, f"argmap {command} --from"
            seen.add(command)
        if "--to" in flags:
            assert option.choices is not None, f"argmap {command} --to: no choices"
            assert set(option.choices) <= writable, f"argmap {command} --to"
    # Every command that reads a map takes --from.
    assert seen >= {"stats", "render", "check", "eval", "causal", "convert"}


def test_cli_one_flag_a_concept_and_one_concept_a_flag() -> None:
    readable, writable = _file_formats()
    dest_of: dict[str, set[tuple[str, Any]]] = {}
    flags_of: dict[str, set[frozenset[str]]] = {}
    for command, option in _cli_options():
        if option.help == argparse.SUPPRESS:  # --quiet, --color, --debug repeated from the top
            continue
        for flag in option.option_strings:
            dest_of.setdefault(flag, set()).add((option.dest, option.metavar))
            if flag in CLI_CONCEPTS:
                assert option.dest == CLI_CONCEPTS[flag], f"argmap {command} {flag}"
        flags_of.setdefault(option.dest, set()).add(frozenset(option.option_strings))
        if option.dest == "format":
            assert set(option.choices or ()) <= REPORT_STYLES, f"argmap {command} --format"
        # Only --from and --to choose among file formats (one shared name, such as the
        # 'dot' engine, is not a format choice).
        if len(set(option.choices or ()) & (readable | writable)) > 1:
            assert option.option_strings in (["--from"], ["--to"]), (
                f"argmap {command} {option.option_strings}: a format choice under another name"
            )
    assert {f: d for f, d in dest_of.items() if len(d) > 1} == {}, (
        "a flag with two meanings or metavars"
    )
    assert {d: f for d, f in flags_of.items() if len(f) > 1} == {}, "a concept with two flags"
    assert "--input-format" not in dest_of and "--labelling" not in dest_of


def test_cli_semantics_is_read_alike_everywhere() -> None:
    readers = {
        option.type for _, option in _cli_options() if "--semantics" in option.option_strings
    }
    assert len(readers) == 1 and None not in readers
