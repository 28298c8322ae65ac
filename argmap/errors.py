"""The exceptions argmap raises, one hierarchy under :class:`ArgmapError`.

Structural faults (a dangling reference, a duplicate id, a span outside its source) raise at once;
doubtful content is never an exception but a finding of :func:`argmap.check`. Every error carries a
stable machine-readable ``code`` and, where a file is involved, the file, line, column or JSON path.

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

import difflib
from collections.abc import Iterable

__all__ = [
    "AmbiguousQuoteError",
    "ArgdownSyntaxError",
    "ArgmapError",
    "DataLossWarning",
    "DuplicateIdError",
    "EngineNotFoundError",
    "FormatError",
    "QuoteNotFoundError",
    "RenderError",
    "SpanError",
    "StructureError",
    "UnknownIdError",
    "close_ids",
]


def close_ids(wanted: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` ids from ``known`` that look like ``wanted``, closest first.

    Examples:
        >>> close_ids("petr", ["petro", "noem", "maduro"])
        ['petro']
    """
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


class DataLossWarning(UserWarning):
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
