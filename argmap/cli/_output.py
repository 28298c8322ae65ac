"""How the ``argmap`` command talks to the terminal: exit codes, the one door to standard
output, errors and warnings on stderr, colour, progress bars.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of stdout left before the output ended

Handler = Callable[[argparse.Namespace], int]
_T = TypeVar("_T")


def _version() -> str:
    # The wheel's metadata takes its version from this module (hatch's dynamic version), so
    # reading it here agrees with `pip show` and skips importlib.metadata's 0.1 s scan.
    from argmap._version import __version__

    return __version__


# --------------------------------------------------------------------------- terminal output
class _Ui:
    """How this run talks to the terminal; set by :func:`main` from ``--quiet`` and ``--color``.

    A plain class: ``dataclasses`` would cost ``argmap --help`` a third of its start-up.
    """

    def __init__(self, *, quiet: bool = False, colour: str = "auto") -> None:
        self.quiet = quiet
        self.colour = colour  # "auto" | "always" | "never"
        self.debug = False
        # The file being read or written, so that an unexpected fault can say where it struck.
        self.current: str | None = None


# One object that every module of the package imports: set its attributes, never rebind it.
_UI = _Ui()

_STYLES = {
    "error": "1;31",
    "warning": "33",
    "info": "36",
    "ok": "32",
    "bold": "1",
    "dim": "2",
}


def use_colour(stream: IO[str] | None = None) -> bool:
    """Whether text written to ``stream`` may carry colour.

    ``--color always`` and ``--color never`` decide; otherwise colour goes only to a terminal,
    and never when ``NO_COLOR`` is set to anything (https://no-color.org) or ``TERM=dumb``.

    Examples:
        >>> import io
        >>> use_colour(io.StringIO())
        False
    """
    if _UI.colour != "auto":
        return _UI.colour == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    target = sys.stdout if stream is None else stream
    isatty = getattr(target, "isatty", None)
    return bool(isatty is not None and isatty())


def paint(text: str, style: str, stream: IO[str] | None = None) -> str:
    """Return ``text`` in a colour for ``style`` (error, warning, info, ok, bold, dim) when
    :func:`use_colour` allows it for ``stream``, else unchanged.

    Examples:
        >>> import io
        >>> paint("AM201", "warning", io.StringIO())
        'AM201'
    """
    if not text or not use_colour(stream):
        return text
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"


def info(message: str) -> None:
    """Tell the user something on stderr that ``--quiet`` silences (never results or errors)."""
    if not _UI.quiet:
        print(message, file=sys.stderr)


def _out(data: str | bytes = "", *, end: str = "\n") -> None:
    """Write a result to standard output: every stdout write of a command goes through here.

    One door out means one place where a reader that stops early (``argmap rules | head -1``)
    can surface: the :class:`BrokenPipeError` rises from here, or from :func:`main`'s final
    flush, and :func:`main` ends the run quietly.
    """
    if isinstance(data, bytes):
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (a test's StringIO): decode rather than fail
            sys.stdout.write(data.decode("utf-8", "replace") + end)
            return
        sys.stdout.flush()  # text written before must come out before these bytes
        # Into a pipe whose reader has gone, one large write can come back short instead of
        # failing; writing the rest surfaces the BrokenPipeError rather than losing it.
        rest = memoryview(data + end.encode("utf-8"))
        while rest:
            rest = rest[buffer.write(rest) :]
        buffer.flush()
        return
    # The same short write can hide inside one large text write (check's whole report), so
    # large text goes out in pieces: a piece that finds the pipe closed raises.
    text = data + end
    for start in range(0, len(text), _PIECE):
        sys.stdout.write(text[start : start + _PIECE])


_PIECE = 8192  # characters per write of large text; see _out


def _one_line(text: str) -> str:
    """Fold a message onto one line, so that each fault or warning is one line of stderr."""
    return " ".join(text.split())


def _error(message: str) -> None:
    """Report an error on stderr as ``argmap: error: message`` (red on a terminal)."""
    print(f"{paint('argmap: error:', 'error', sys.stderr)} {message}", file=sys.stderr)


def _warning(message: str) -> None:
    """Report a warning on stderr as ``argmap: warning: message``; ``--quiet`` silences it."""
    if not _UI.quiet:
        print(f"{paint('argmap: warning:', 'warning', sys.stderr)} {message}", file=sys.stderr)


def _bar_module() -> Any | None:
    """tqdm, when this run may draw a bar: installed, stderr a terminal, not ``--quiet``."""
    isatty = getattr(sys.stderr, "isatty", None)
    if _UI.quiet or isatty is None or not isatty():
        return None
    import importlib

    try:  # the optional 'progress' extra; without it there is simply no bar
        return importlib.import_module("tqdm")
    except ImportError:
        return None


def progress(
    items: Iterable[_T], *, total: int | None = None, desc: str = "", delay: float = 2.0
) -> Iterator[_T]:
    """Iterate over ``items``, with a progress bar on stderr once the loop has run ``delay`` s.

    The bar needs the optional ``tqdm`` (``pip install 'argmap[progress]'``), a terminal on
    stderr and no ``--quiet``; otherwise the items pass through untouched. Quick loops never
    show a bar. For work that is not a loop, see :func:`busy`.

    Args:
        items: What to iterate over.
        total: How many items, when ``items`` has no ``len()``.
        desc: A few words before the bar (``converting``).
        delay: Seconds before the bar appears.

    Examples:
        >>> [x * 2 for x in progress(range(3), desc="doubling")]
        [0, 2, 4]
    """
    tqdm = _bar_module()
    if tqdm is None:
        yield from items
        return
    bar = tqdm.tqdm(items, total=total, desc=desc, delay=delay, leave=False, file=sys.stderr)
    try:
        yield from bar
    finally:
        bar.close()


@contextmanager
def busy(desc: str, *, delay: float = 2.0) -> Iterator[None]:
    """Show the elapsed time of one long step (laying out a large map) once it passes ``delay``.

    Same conditions as :func:`progress`; a thread refreshes the line while the step runs.

    Examples:
        >>> with busy("rendering"):
        ...     pass
    """
    tqdm = _bar_module()
    if tqdm is None:
        yield
        return
    done = threading.Event()

    def tick() -> None:
        if done.wait(delay):
            return
        bar = tqdm.tqdm(
            total=None, desc=desc, bar_format="{desc}: {elapsed}", leave=False, file=sys.stderr
        )
        while not done.wait(0.25):
            bar.refresh()
        bar.close()

    thread = threading.Thread(target=tick, name="argmap-busy", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Print each warning raised during a run once, as one ``argmap: warning: ...`` line.

    Python's own display adds the file, line and source of the ``warnings.warn`` call, which
    means nothing to someone running a command, and its once-per-place rule lets the same
    message through again from another place. ``-W`` or ``PYTHONWARNINGS`` still decide which
    warnings show (``-W error`` turns them into errors).
    """
    import warnings

    seen: set[str] = set()

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: IO[str] | None = None,
        line: str | None = None,
    ) -> None:
        text = _one_line(str(message))
        if text not in seen:
            seen.add(text)
            _warning(text)

    with warnings.catch_warnings():
        if not sys.warnoptions:  # the user's -W options win over ours
            # UserWarning covers argmap's own (RenderWarning); deprecations stay hidden.
            warnings.simplefilter("always", UserWarning)
        warnings.showwarning = show
        yield


def _stdout_to_devnull() -> None:
    """Point standard output at the null device once its reader has gone.

    Python flushes stdout again at exit; into a closed pipe that flush fails and prints
    "Exception ignored ... BrokenPipeError". Pointing the descriptor elsewhere lets it succeed.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a stream with no descriptor: nothing to do
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
