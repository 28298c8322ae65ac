"""The exceptions and warnings argmap raises, every one of them defined here.

Structural faults (a dangling reference, a duplicate id, a span outside its source) raise at once;
doubtful content is never an exception but a finding of :func:`argmap.check`. Every error carries a
stable machine-readable ``code`` and, where a file is involved, the file, line, column or JSON path.
A value that argmap does not accept (an unknown view, semantics or format, options that do not go
together) raises an :class:`OptionError`, which is also a :class:`ValueError`. A Python value of
the wrong type (a number where an id or an argmap object belongs) raises :class:`TypeError`, as
Python's own functions do: that is a fault in the calling code, not in the data.

The classes form this tree (a test holds it to the code); Python's classes they extend are in
brackets::

    ArgmapError [Exception]
    ├── UnknownIdError [LookupError]
    ├── DuplicateIdError
    ├── StructureError
    ├── SpanError
    ├── QuoteNotFoundError
    ├── AmbiguousQuoteError
    ├── FormatError
    │   └── ArgdownSyntaxError
    ├── EngineNotFoundError
    ├── RenderError
    ├── OptionError [ValueError]
    │   ├── ViewError
    │   │   └── MapTooLargeError
    │   ├── UnknownCheckError
    │   ├── SemanticsError
    │   └── CausalQueryError
    └── UsageError
    ArgmapWarning [UserWarning]
    ├── RenderWarning
    └── DataLossWarning

Examples:
    >>> from argmap import ArgumentMap, UnknownIdError
    >>> m = ArgumentMap()
    >>> _ = m.claim("Exclusion leads to violence", id="exclusion")
    >>> try:
    ...     m["exclusoin"]
    ... except UnknownIdError as err:
    ...     print(err)
    unknown id 'exclusoin' (did you mean 'exclusion'?)
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "AmbiguousQuoteError",
    "ArgdownSyntaxError",
    "ArgmapError",
    "ArgmapWarning",
    "CausalQueryError",
    "DataLossWarning",
    "DuplicateIdError",
    "EngineNotFoundError",
    "FormatError",
    "MapTooLargeError",
    "OptionError",
    "QuoteNotFoundError",
    "RenderError",
    "RenderWarning",
    "SemanticsError",
    "SpanError",
    "StructureError",
    "UnknownCheckError",
    "UnknownIdError",
    "UsageError",
    "ViewError",
    "close_ids",
]


def close_ids(wanted: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` ids from ``known`` that look like ``wanted``, closest first.

    Examples:
        >>> close_ids("petr", ["petro", "noem", "maduro"])
        ['petro']
    """
    import difflib  # here, not at the top: the command line imports this module at start-up

    return difflib.get_close_matches(wanted, list(known), n=n, cutoff=0.6)


def _hint(candidates: list[str]) -> str:
    if not candidates:
        return ""
    return " (did you mean " + ", ".join(repr(c) for c in candidates) + "?)"


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""

    code = "argmap_error"


class UnknownIdError(ArgmapError, LookupError):
    """A reference names an id that the map does not hold."""

    code = "unknown_id"

    def __init__(self, wanted: str, known: Iterable[str] = (), *, expected: str = "") -> None:
        self.wanted = wanted
        self.candidates = close_ids(wanted, known)
        what = f"unknown {expected} id" if expected else "unknown id"
        super().__init__(f"{what} {wanted!r}{_hint(self.candidates)}")

    def __str__(self) -> str:  # LookupError would repr() the message
        return str(self.args[0])


class DuplicateIdError(ArgmapError):
    """Two objects of one map share an id."""

    code = "duplicate_id"

    def __init__(self, id: str, existing_kind: str) -> None:
        self.id = id
        super().__init__(f"duplicate id {id!r}: the map already holds a {existing_kind} with it")


class StructureError(ArgmapError):
    """A relation of the wrong shape: no premise, a self-support, an undercut of a non-relation."""

    code = "structure"


class SpanError(ArgmapError):
    """A quote's span lies outside the text of its source."""

    code = "span_outside_source"


class QuoteNotFoundError(ArgmapError):
    """The text to quote does not occur in the source."""

    code = "quote_not_found"


class AmbiguousQuoteError(ArgmapError):
    """The text to quote occurs more than once and no occurrence was chosen."""

    code = "ambiguous_quote"


class FormatError(ArgmapError):
    """A file or string could not be read: names the file, the place and what was expected.

    Args:
        message: What is wrong and what was expected.
        file: The file's name, when there is one.
        line: 1-based line number, when known.
        column: 1-based column number, when known.
        path: The JSON/YAML path of the faulty field, such as ``$.statements[3].text``.

    Examples:
        >>> print(FormatError("expected a number", file="map.json", path="$.schema_version"))
        map.json: $.schema_version: expected a number
        >>> print(FormatError("unexpected '}'", file="a.argdown", line=3, column=7))
        a.argdown:3:7: unexpected '}'
    """

    code = "format"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.file or "<string>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.path:
            where += f": {self.path}"
        return f"{where}: {self.message}"


class ArgdownSyntaxError(FormatError):
    """Argdown text that the Argdown grammar rejects."""

    code = "argdown_syntax"


class EngineNotFoundError(ArgmapError):
    """No Graphviz layout engine is installed; the message says what to install."""

    code = "engine_not_found"


class RenderError(ArgmapError):
    """The layout engine failed; carries the engine's own message."""

    code = "render_failed"

    def __init__(self, message: str, *, stderr: str = "", returncode: int | None = None) -> None:
        self.stderr = stderr
        self.returncode = returncode
        super().__init__(message)


class OptionError(ArgmapError, ValueError):
    """A value argmap does not accept: an unknown name, a bad bound, options that clash.

    It is also a :class:`ValueError`, so code that catches that keeps working.

    Examples:
        >>> from argmap.checks.report import format_findings
        >>> try:
        ...     format_findings([], "xml")
        ... except ValueError as err:
        ...     print(type(err).__name__, err.code)
        OptionError option
    """

    code = "option"


class ViewError(OptionError):
    """A graph or drawing cannot be made as asked: an unknown view, an empty selection, no path."""

    code = "view"


class MapTooLargeError(ViewError):
    """The selection holds more statements than a readable layout allows; narrow it or force it."""

    code = "map_too_large"

    def __init__(self, count: int, limit: int, view: str) -> None:
        self.count = count
        self.limit = limit
        super().__init__(
            f"the {view} view holds {count:,} statements, more than max_nodes={limit:,} allows "
            "for a readable layout; draw part of it with focus=ID (and depth=K), path=(A, B) or "
            "speaker=ID, try another view, or pass max_nodes=None to draw it all anyway"
        )


class UnknownCheckError(OptionError):
    """A ``select``/``ignore`` entry or a rule lookup names no registered check."""

    code = "unknown_check"


class SemanticsError(OptionError):
    """An unknown semantics or level, or options of an evaluation that do not go together."""

    code = "semantics"


class CausalQueryError(OptionError):
    """A causal query that cannot be answered as asked: a bad bound or intervention."""

    code = "causal_query"


class UsageError(ArgmapError):
    """A command-line mistake that argparse cannot catch, such as two options that clash."""

    code = "usage"


class ArgmapWarning(UserWarning):
    """Base class of every warning argmap gives: the work was done, but something looks off."""


class RenderWarning(ArgmapWarning):
    """The engine drew the map but complained on stderr (an odd attribute, a huge graph)."""


class DataLossWarning(ArgmapWarning):
    """A writer's format cannot hold part of the map: the warning names what was left out.

    Each write warns at most once, with a summary (what, how many, the first few ids or names).
    Turn it into an error with ``warnings.simplefilter("error", DataLossWarning)``, or silence it
    with ``"ignore"`` where the loss is expected.

    Examples:
        >>> import warnings
        >>> from argmap import ArgumentMap, generate_graphml
        >>> m = ArgumentMap()
        >>> _ = m.claim("The blockade strengthened the gang", by=m.agent("Gustavo Petro"))
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     _ = generate_graphml(m)
        >>> print(caught[0].message)
        GraphML cannot hold agents or attributions; dropped 1 agent ('Gustavo Petro'), 1 attribution
    """


class _NoFastPath(Exception):
    """Internal: a writer's fast path met a value it does not handle; the general path takes it.

    Not part of the API (not in ``__all__``): the writers of argmap's YAML and of Argdown front
    matter raise and catch it within one call.
    """
