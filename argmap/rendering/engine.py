"""Run a Graphviz layout engine: find one, feed it DOT, check what it says, write files atomically.

This is the only module of argmap that starts a process. ``engine="auto"`` takes the system
``dot`` when it is on ``PATH``, else the ``graphviz-pure`` program of the ``render`` extra, found
through its installed distribution's file list (not ``PATH``, which a virtual environment's
``bin`` may be missing from), else raises :class:`~argmap.errors.EngineNotFoundError` saying what
to install, both ways. An engine that exits non-zero raises :class:`~argmap.errors.RenderError`
with its own message; one that succeeds but complains on stderr gives a :class:`RenderWarning`.

Examples:
    >>> import tempfile, pathlib
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap()
    >>> _ = m.support(m.claim("Inclusion reduced violence"), m.claim("Exclusion breeds gangs"))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "map.dot"
    >>> render(m, out).name      # DOT needs no engine
    'map.dot'
    >>> to_svg(m).startswith("<svg")
    True
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from argmap._io import atomic_write
from argmap.errors import EngineNotFoundError, RenderError, RenderWarning, ViewError
from argmap.model import ArgumentMap

__all__ = [
    "ENGINES",
    "ENGINE_SUFFIXES",
    "Engine",
    "find_engine",
    "pipe",
    "pipe_dot",
    "render",
    "to_svg",
]

ENGINES: Final[tuple[str, ...]] = ("auto", "dot", "graphviz-pure")
ENGINE_SUFFIXES: Final[dict[str, str]] = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
}
"""Output suffixes and the format each means."""

# graphviz-pure writes no PDF yet; "plain" is the positions GraphML asks for.
_PURE_FORMATS: Final = frozenset(("svg", "png", "dot", "plain"))
_INSTALL_HINT: Final = (
    "install Graphviz's 'dot' (Debian/Ubuntu: apt-get install graphviz; macOS: brew install "
    "graphviz) or the pure-Python wheel with pip install 'argmap[render]'"
)

_NO_DOT: Final = (
    "Graphviz's 'dot' program is not on PATH: install it (Debian/Ubuntu: "
    "apt-get install graphviz; macOS: brew install graphviz), or use "
    "engine='graphviz-pure' after pip install 'argmap[render]'"
)
_NO_PURE: Final = (
    "graphviz-pure is not installed: pip install 'argmap[render]' (or pip install graphviz-pure)"
)


@dataclass(frozen=True)
class Engine:
    """A layout engine found on this machine.

    Attributes:
        name: ``"dot"`` (the system Graphviz) or ``"graphviz-pure"``.
        path: The program to run.
    """

    name: str
    path: str

    def supports(self, fmt: str) -> bool:
        """Whether this engine writes ``fmt`` (graphviz-pure writes no PDF)."""
        return self.name == "dot" or fmt in _PURE_FORMATS


def _distribution(name: str) -> metadata.Distribution | None:
    """The installed distribution called ``name``, or ``None`` (tests hide one through this)."""
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def _graphviz_pure() -> str | None:
    """The ``graphviz-pure`` program that its wheel installed, found through the wheel's RECORD."""
    dist = _distribution("graphviz-pure")
    if dist is None:
        return None
    for file in dist.files or ():
        if file.name in ("graphviz-pure", "graphviz-pure.exe"):
            program = Path(str(dist.locate_file(file))).resolve()
            if program.is_file() and os.access(program, os.X_OK):
                return str(program)
    return None


def _system_dot() -> str | None:
    return shutil.which("dot")


def find_engine(engine: str = "auto") -> Engine:
    """Return the layout engine to run.

    Args:
        engine: ``"auto"`` (system ``dot``, else graphviz-pure), ``"dot"`` or ``"graphviz-pure"``.

    Returns:
        The engine's name and program.

    Raises:
        EngineNotFoundError: The engine asked for (or, for ``"auto"``, any engine) is not
            installed; the message says how to install it.
        ViewError: An unknown engine name.

    Examples:
        >>> find_engine("auto").name in ("dot", "graphviz-pure")
        True
    """
    if engine not in ENGINES:
        raise ViewError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    # In order of preference: "auto" takes the first found; an engine asked for by name is
    # that engine or an error that says how to install it. The finders are looked up here,
    # at call time, so that tests can stand in for them.
    candidates = (
        ("dot", _system_dot, _NO_DOT),
        ("graphviz-pure", _graphviz_pure, _NO_PURE),
    )
    for name, find, missing in candidates:
        if engine not in ("auto", name):
            continue
        found = find()
        if found is not None:
            return Engine(name, found)
        if engine == name:
            raise EngineNotFoundError(missing)
    raise EngineNotFoundError(f"no Graphviz layout engine found: {_INSTALL_HINT}")


def pipe_dot(source: str, fmt: str, *, engine: str = "auto", timeout: float | None = None) -> bytes:
    """Lay out DOT text with an engine and return the output in ``fmt``.

    Args:
        source: DOT text.
        fmt: ``"svg"``, ``"png"``, ``"pdf"`` or any format the engine knows.
        engine: ``"auto"``, ``"dot"`` or ``"graphviz-pure"``.
        timeout: Seconds to wait for the engine; ``None`` waits as long as it takes.

    Returns:
        The engine's output.

    Raises:
        EngineNotFoundError: No engine (see :func:`find_engine`).
        RenderError: The engine cannot write ``fmt``, exits non-zero, or times out; the message
            carries what the engine said.
    """
    found = find_engine(engine)
    if not found.supports(fmt):
        raise RenderError(
            f"{found.name} cannot write {fmt}: install Graphviz (apt-get install graphviz) for "
            "PDF, or write svg or png"
        )
    try:
        done = subprocess.run(
            [found.path, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"{found.name} took longer than {timeout} s and was stopped") from None
    except OSError as err:
        raise RenderError(f"{found.name} could not be started: {err}") from None
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        raise RenderError(
            f"{found.name} failed (exit status {done.returncode}): {stderr or 'no message'}",
            stderr=stderr,
            returncode=done.returncode,
        )
    complaint = _summarise(stderr)
    if complaint:
        warnings.warn(f"{found.name}: {complaint}", RenderWarning, stacklevel=3)
    output: bytes = done.stdout
    if not output:
        raise RenderError(f"{found.name} wrote nothing for -T{fmt}", stderr=stderr)
    return output


def _summarise(stderr: str) -> str:
    """The engine's warnings, with its per-character font-metric complaints said once.

    graphviz-pure estimates text widths from built-in metrics and warns once per non-ASCII
    character; a map in Spanish would print dozens of identical lines.
    """
    lines = [line for line in stderr.splitlines() if line.strip()]
    metric = [line for line in lines if "no value for width of non-ASCII" in line]
    rest = [line for line in lines if line not in metric]
    if metric:
        rest.append(
            "estimated the width of non-ASCII characters, so their labels may be tight "
            "(the system Graphviz measures them exactly)"
        )
    return "\n".join(dict.fromkeys(rest))


def pipe(m: ArgumentMap, fmt: str = "svg", *, engine: str = "auto", **to_dot_options: Any) -> bytes:
    """Draw a map and return the engine's output in ``fmt`` (``"dot"`` runs no engine).

    Args:
        m: The map.
        fmt: ``"svg"``, ``"png"``, ``"pdf"`` or ``"dot"``.
        engine: ``"auto"``, ``"dot"`` or ``"graphviz-pure"``.
        **to_dot_options: Passed to :func:`argmap.rendering.to_dot` (view, focus, ...).

    Raises:
        EngineNotFoundError: No engine.
        RenderError: The engine failed.
        ViewError: Bad drawing options, or a map too large (see :func:`~argmap.rendering.to_dot`).
    """
    from argmap.rendering.dot import to_dot

    source: str = to_dot(m, **to_dot_options).source
    if fmt == "dot":
        return source.encode("utf-8")
    return pipe_dot(source, fmt, engine=engine)


def to_svg(m: ArgumentMap, *, engine: str = "auto", **to_dot_options: Any) -> str:
    """Draw a map as SVG text, for notebooks and web pages.

    Args:
        m: The map.
        engine: ``"auto"``, ``"dot"`` or ``"graphviz-pure"``.
        **to_dot_options: Passed to :func:`argmap.rendering.to_dot` (view, focus, ...).

    Returns:
        The SVG document, without the XML declaration and DOCTYPE, so it can be inlined in HTML.

    Raises:
        EngineNotFoundError: No engine.
        RenderError: The engine failed.
        ViewError: Bad drawing options, or a map too large.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.claim("Love ends violence")
        >>> to_svg(m).startswith("<svg")
        True
    """
    svg = pipe(m, "svg", engine=engine, **to_dot_options).decode("utf-8")
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def render(
    m: ArgumentMap,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    engine: str = "auto",
    **to_dot_options: Any,
) -> Path:
    """Draw a map into a file: svg, png, pdf, or the DOT text itself.

    The file is written atomically: on any failure the target is left as it was.

    Args:
        m: The map.
        path: The file to write.
        format: ``"svg"``, ``"png"``, ``"pdf"`` or ``"dot"``; from the path's suffix when
            ``None``.
        engine: ``"auto"`` (system ``dot``, else graphviz-pure), ``"dot"`` or
            ``"graphviz-pure"``. DOT output runs no engine.
        **to_dot_options: Passed to :func:`argmap.rendering.to_dot`: ``view``, ``cluster_by``,
            ``focus``, ``depth``, ``path``, ``speaker``, ``labelling``, ``max_nodes``,
            ``legend``, ``wrap``, ``highlight``.

    Returns:
        The path written.

    Raises:
        EngineNotFoundError: No engine is installed; the message says what to install.
        RenderError: The engine failed; carries its message.
        ViewError: An unknown format or view, or nothing to draw.
        MapTooLargeError: More statements than ``max_nodes`` (default 2,000): narrow the view
            with ``focus=``, ``path=`` or ``speaker=``, or pass ``max_nodes=None``.

    Examples:
        >>> import tempfile, pathlib
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.claim("Love ends violence")
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "love.svg"
        >>> render(m, out).read_text().count("<svg")
        1
    """
    target = Path(path)
    if format is None:
        format = ENGINE_SUFFIXES.get(target.suffix.lower())
        if format is None:
            raise ViewError(
                f"{target}: cannot tell the format from the suffix {target.suffix!r}; expected "
                f"{', '.join(ENGINE_SUFFIXES)} or format='svg'|'png'|'pdf'|'dot'"
            )
    elif format not in ENGINE_SUFFIXES.values():
        raise ViewError(f"unknown format {format!r}; expected svg, png, pdf or dot")
    data = pipe(m, format, engine=engine, **to_dot_options)
    atomic_write(target, data)
    return target
