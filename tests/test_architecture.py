"""The shape of the package: one-way imports between layers, a literal public API, one home for
every exception and for each vocabulary of names."""

from __future__ import annotations

import argparse
import ast
import builtins
import importlib
import re
from pathlib import Path
from typing import Any

import pytest

import argmap
import argmap.errors
import argmap.names

PACKAGE = Path(argmap.__file__).parent

# Lower layers never import higher ones; modules of one layer never import each other
# (except inside one package). DESIGN.md §2 draws the same picture.
LAYERS: dict[str, int] = {
    "argmap._version": 0,
    "argmap.errors": 0,
    "argmap.names": 0,
    "argmap._text": 0,
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


@pytest.mark.parametrize("path", sorted((PACKAGE / "model").glob("*.py")), ids=lambda p: p.name)
def test_model_imports_no_graph_or_format_library(path: Path) -> None:
    for imported, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        assert imported.split(".")[0] not in FORBIDDEN_IN_MODEL, f"model/{path.name}: {imported}"


# One concept a module (DESIGN.md §2): a module past this many lines holds more than one.
MAX_MODULE_LINES = 1000


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", _all_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_a_thousand_lines(path: Path) -> None:
    here = path.relative_to(PACKAGE).as_posix()
    lines = _line_count(path)
    assert lines <= MAX_MODULE_LINES, (
        f"argmap/{here} has {lines} lines (limit {MAX_MODULE_LINES}): split it along its "
        "concepts (DESIGN.md §2)"
    )


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


def test_type_checking_imports_are_the_lazy_table() -> None:
    """Type checkers read the TYPE_CHECKING imports, `import argmap` the lazy table: the same."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == argmap._LAZY


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
    from argmap.readwrite.iccma import FRAMEWORK_FORMATS

    readable = {n for n, f in FORMATS.items() if f.readable} | set(FRAMEWORK_FORMATS)
    writable = {n for n, f in FORMATS.items() if f.writable} | set(_DRAWING_FORMATS)
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


# --------------------------------------------------------------------------- errors


def _exception_classes(module: str) -> list[str]:
    """Names of the exception classes a module defines (by importing it: bases may be aliased)."""
    loaded = importlib.import_module(module)
    return [
        f"{module}.{name}"
        for name, value in vars(loaded).items()
        if isinstance(value, type)
        and issubclass(value, BaseException)
        and value.__module__ == module
    ]


def test_every_exception_class_is_defined_in_errors_py() -> None:
    found: list[str] = []
    for path in _all_modules():
        module = _module_name(path)
        if module in ("argmap.errors", "argmap.__main__"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # The AST finds a class statement anywhere (inside functions too); importing resolves
        # bases that are aliases. Either way, a class that is an exception is reported.
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                re.search(r"(Error|Exception|Warning)$", ast.unparse(base)) for base in node.bases
            ):
                found.append(f"{module}.{node.name}")
        found.extend(_exception_classes(module))
    assert sorted(set(found)) == [], "exception classes belong in argmap/errors.py"


def _drawn_tree() -> list[tuple[str, str | None, tuple[str, ...]]]:
    """(class, parent, Python bases) for each line of the tree in errors.py's docstring."""
    doc = argmap.errors.__doc__ or ""
    block = doc.split("::\n\n", 1)[1].split("\n\n", 1)[0]
    drawn: list[tuple[str, str | None, tuple[str, ...]]] = []
    parents: list[str] = []
    for line in block.splitlines():
        body = line[4:]  # the literal block's indent
        match = re.fullmatch(r"([│├└─ ]*)(\w+)(?: \[([\w, ]+)\])?", body)
        assert match, f"cannot read the tree line {line!r}"
        prefix, name, extra = match.groups()
        depth = len(prefix) // 4
        assert depth <= len(parents), f"{name} is drawn deeper than its parent"
        del parents[depth:]
        bases = tuple(b.strip() for b in extra.split(",")) if extra else ()
        drawn.append((name, parents[-1] if parents else None, bases))
        parents.append(name)
    return drawn


def _real_tree() -> list[tuple[str, str | None, tuple[str, ...]]]:
    real: list[tuple[str, str | None, tuple[str, ...]]] = []

    def walk(cls: type[BaseException], parent: str | None) -> None:
        own = tuple(b.__name__ for b in cls.__bases__ if b.__module__ == "builtins")
        real.append((cls.__name__, parent, own))
        for sub in cls.__subclasses__():
            if sub.__module__ == "argmap.errors":
                walk(sub, cls.__name__)

    walk(argmap.errors.ArgmapError, None)
    walk(argmap.errors.ArgmapWarning, None)
    return real


def test_the_tree_drawn_in_errors_py_is_the_real_one() -> None:
    drawn, real = _drawn_tree(), _real_tree()
    assert sorted(drawn, key=str) == sorted(real, key=str)
    everything = {
        name
        for name, value in vars(argmap.errors).items()
        if isinstance(value, type) and issubclass(value, BaseException) and name[0] != "_"
    }
    # A private class (control flow caught within one call) is not part of the tree.
    assert everything == {name for name, _, _ in drawn}, "every class in errors.py is drawn"
    for name in everything:
        assert name in argmap.errors.__all__, name


# Builtin exceptions that argmap raises on purpose, and where. Everything else a user can reach
# raises an argmap.errors class (OptionError for a value argmap does not accept, which is also a
# ValueError). Rule:
#   - TypeError: a Python value of the wrong type, the convention of Python's own functions; the
#     message names the type it got (``type(x).__name__``), so the caller's code is at fault.
#   - ValueError: only inside a pydantic validator, where pydantic wants it and turns it into a
#     ValidationError that argmap reports as its own StructureError or FormatError.
#   - AttributeError: only in __getattr__/__setattr__/__delattr__, as Python's protocol asks.
#   - AssertionError, NotImplementedError: code that cannot run unless argmap has a bug.
_BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
_ATTRIBUTE_PROTOCOL = frozenset(("__getattr__", "__setattr__", "__delattr__"))


def _raises(tree: ast.Module) -> list[tuple[ast.Raise, list[ast.AST]]]:
    """Every raise statement with the chain of nodes around it, outermost first."""
    found: list[tuple[ast.Raise, list[ast.AST]]] = []
    stack: list[tuple[ast.AST, list[ast.AST]]] = [(tree, [])]
    while stack:
        node, outer = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Raise):
                found.append((child, outer))
            stack.append((child, [*outer, child]))
    return found


def _builtin_raise_allowed(name: str, raised: ast.Raise, outer: list[ast.AST]) -> bool:
    functions = [n for n in outer if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    if name == "TypeError":
        return "type(" in ast.unparse(raised.exc) if raised.exc is not None else False
    if name == "ValueError":
        return bool(functions) and any(
            ast.unparse(d).split("(")[0].endswith("validator") for d in functions[-1].decorator_list
        )
    if name == "AttributeError":
        return bool(functions) and functions[-1].name in _ATTRIBUTE_PROTOCOL
    return name in ("AssertionError", "NotImplementedError")


@pytest.mark.parametrize("path", _all_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_builtin_exception_reaches_a_user(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for raised, outer in _raises(tree):
        if raised.exc is None:
            continue  # a bare re-raise
        target = raised.exc.func if isinstance(raised.exc, ast.Call) else raised.exc
        name = ast.unparse(target)
        if name not in _BUILTIN_EXCEPTIONS:
            continue
        assert _builtin_raise_allowed(name, raised, outer), (
            f"{path.relative_to(PACKAGE)}:{raised.lineno}: raise {name} reaches a user; raise a "
            "class from argmap.errors (OptionError for a value argmap does not accept)"
        )


# --------------------------------------------------------------------------- vocabularies
def test_graph_and_view_names_are_apart() -> None:
    graphs, views = set(argmap.names.GRAPHS), set(argmap.names.VIEWS)
    assert graphs and views and not graphs & views, "a name would mean a graph and a drawing"


def _vocabularies() -> list[tuple[str, frozenset[str]]]:
    """Each vocabulary with its one home: spelled out anywhere else, it would drift."""
    import argmap.causal

    return [
        ("names.py", frozenset(argmap.names.GRAPHS)),
        ("names.py", frozenset(argmap.names.VIEWS)),
        ("names.py", frozenset(argmap.names.LABELS)),
        ("causal/signs.py", frozenset(argmap.causal.LOOP_KINDS)),
    ]


def test_feedback_loops_have_one_home() -> None:
    """A loop is argmap.causal's: no other module defines a Loop, a LoopKind or a loop search."""
    homes = {"Loop": "causal/results.py", "LoopKind": "causal/signs.py"}
    homes["feedback_loops"] = "causal/loops.py"
    for path in _all_modules():
        here = str(path.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            defined = None
            if isinstance(node, ast.ClassDef | ast.FunctionDef):
                defined = node.name
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                defined = names[0] if names else None
            if defined in homes:
                assert here == homes[defined], f"{here}:{node.lineno} defines {defined} again"


def test_each_vocabulary_is_spelled_out_only_in_its_home() -> None:
    vocabularies = _vocabularies()
    for path in _all_modules():
        here = str(path.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set) and node.elts:
                words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(words) != len(node.elts):
                    continue
                for home, vocabulary in vocabularies:
                    assert words != vocabulary or here == home, (
                        f"{here}:{node.lineno} spells out a vocabulary that argmap/{home} "
                        "defines; import it from there"
                    )


def test_an_unknown_graph_or_view_raises_the_same_error() -> None:
    from argmap.graph import to_networkx
    from argmap.rendering.select import select

    m = argmap.ArgumentMap()
    with pytest.raises(argmap.errors.ViewError, match="unknown graph"):
        to_networkx(m, graph="causal")  # type: ignore[arg-type]
    with pytest.raises(argmap.errors.ViewError, match="unknown view"):
        select(m, "causal-links")


# --------------------------------------------------------------------------- map formats
# DESIGN.md §2: one registry of formats, and every format in networkx's pattern with the same
# names and keywords. The positional parameters of each function, and what it returns:
_FORMAT_FUNCTIONS: dict[str, tuple[tuple[str, ...], Any]] = {
    "read": (("path_or_file",), "ArgumentMap"),
    "write": (("m", "path_or_file"), None),
    "parse": (("text",), "ArgumentMap"),
    "generate": (("m",), str),
}


def _format_cases() -> list[Any]:
    from argmap.readwrite import FORMATS

    cases = []
    for fmt in FORMATS.values():
        for verb in fmt.verbs:
            cases.append(pytest.param(fmt.name, verb, id=f"{verb}_{fmt.name}"))
    return cases


@pytest.mark.parametrize(("name", "verb"), _format_cases())
def test_every_format_function_has_the_same_shape(name: str, verb: str) -> None:
    import inspect
    import typing

    from argmap.readwrite import FORMATS

    function = FORMATS[name].load(verb)  # type: ignore[arg-type]
    positional_kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    params = list(inspect.signature(function).parameters.values())
    expected, returns = _FORMAT_FUNCTIONS[verb]
    assert tuple(p.name for p in params if p.kind in positional_kinds) == expected
    for option in params[len(expected) :]:
        assert option.kind is inspect.Parameter.KEYWORD_ONLY, f"{option.name}: keyword-only"
        assert option.default is not inspect.Parameter.empty, f"{option.name}: a default"
    if verb == "parse":
        origin = inspect.signature(function).parameters.get("origin")
        assert origin is not None and origin.default is None, "parse_X(text, *, origin=None)"
    hints = typing.get_type_hints(function)
    wanted = argmap.ArgumentMap if returns == "ArgumentMap" else returns
    assert hints["return"] is (type(None) if wanted is None else wanted)


def _options(name: str, verb: str) -> set[str]:
    import inspect

    from argmap.readwrite import FORMATS

    params = inspect.signature(FORMATS[name].load(verb)).parameters  # type: ignore[arg-type]
    return {p.name for p in params.values() if p.kind is inspect.Parameter.KEYWORD_ONLY}


def test_a_writer_takes_the_options_of_its_generator_and_a_reader_those_of_its_parser() -> None:
    from argmap.readwrite import FORMATS

    for fmt in FORMATS.values():
        if fmt.writable:
            assert _options(fmt.name, "write") == _options(fmt.name, "generate"), fmt.name
        if fmt.readable:
            assert _options(fmt.name, "read") <= _options(fmt.name, "parse") - {"origin"}


def _readwrite_functions() -> list[Any]:
    import inspect

    found = []
    for path in sorted((PACKAGE / "readwrite").rglob("*.py")):
        if any(p.startswith("_") and p != "__init__.py" for p in path.relative_to(PACKAGE).parts):
            continue  # private helpers name their arguments as they like
        module = importlib.import_module(_module_name(path))
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                found.append(pytest.param(value, id=f"{module.__name__}.{name}"))
    return found


@pytest.mark.parametrize("function", _readwrite_functions())
def test_readwrite_keywords_are_origin_and_format(function: Any) -> None:
    """The name errors show is ``origin=``; a format is ``format=`` (``from_format=`` and
    ``to_format=`` where two files each have one)."""
    import inspect

    names = set(inspect.signature(function).parameters)
    assert not names & {"file", "name", "filename", "source_name"}, "call it origin="
    assert not names & {"fmt", "kind", "input_format", "output_format"}, "call it format="


def test_formats_means_one_thing() -> None:
    """``FORMATS`` is the map formats' registry; other lists of names have names of their own."""
    for path in _all_modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            if any(isinstance(t, ast.Name) and t.id == "FORMATS" for t in targets):
                assert path == PACKAGE / "readwrite" / "__init__.py", path.relative_to(PACKAGE)


def test_the_registry_imports_no_format_until_asked() -> None:
    import subprocess
    import sys

    code = (
        "import sys, argmap.readwrite as rw; rw.format_for('x.aif.json'); "
        "print(','.join(m for m in sys.modules if m.endswith('_format') or m.endswith('native')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
