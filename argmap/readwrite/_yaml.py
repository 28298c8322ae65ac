"""Limits for YAML: a depth checked before libyaml builds anything, and scalars that convert.

The number limit is shared with JSON: :func:`long_json_number` locates a too-long number there.

libyaml's composer (PyYAML's ``CSafeLoader``) recurses in C once per level of nesting, with no
limit: a file of 50,000 ``[`` crashes the interpreter with a segmentation fault instead of
raising. Readers call :func:`check_depth` first. It costs one pass over the lines when a cheap
bound shows the text cannot nest deeply (every file argmap writes), and otherwise one pass of
libyaml's parser, which is iterative, counting open collections.

The limit is pydantic-core's for JSON, so that argmap's JSON and YAML accept the same nesting.

The scalars ``!!int``, ``!!float``, ``!!bool`` and ``!!timestamp`` are converted by Python code
that raises ``ValueError``, ``KeyError`` or ``AttributeError`` on a value that does not fit its
tag (``!!int abc``) and ``ValueError`` on a decimal integer longer than Python converts.
:func:`guard_scalars` makes a loader raise a located ``yaml`` error instead. A decimal integer
longer than :data:`MAX_INT_DIGITS` is refused, not read: JSON refuses it too, so argmap's JSON
and YAML accept the same numbers, and it could not be written back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import yaml

from argmap.errors import FormatError

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "check_depth",
    "guard_scalars",
    "long_integer",
    "long_json_number",
    "long_number",
]

MAX_DEPTH = 200
"""Deepest nesting of collections that a YAML text may have."""

MAX_INT_DIGITS = 4300
"""Most digits of a decimal integer that argmap reads (Python's default limit for converting an
integer from text, and pydantic-core's for the digits before a JSON number's point)."""

# What may stand before a block collection on its line: indentation and the indicators of
# compact nesting ("- - key: ...", "? - a"). Block nesting deepens only by moving right.
_BLOCK_PREFIX = re.compile(r"[ \t?:-]*")


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth, from brackets and how far right lines start."""
    # An empty "[]" or "{}" holds nothing, so all of them together add one level at most:
    # every map argmap writes has "tags: []" on each record.
    flow = text.count("[") + text.count("{") - text.count("[]") - text.count("{}") + 1
    if flow > MAX_DEPTH:
        return flow
    # A block collection starts at least one column right of its grandparent, so its depth is
    # at most twice its column (a block sequence may share its parent mapping's column).
    column = max((_BLOCK_PREFIX.match(line).end() for line in text.splitlines()), default=0)  # type: ignore[union-attr]
    return flow + 2 * (column + 1)


def check_depth(text: str, loader: Any) -> None:
    """Raise a :class:`yaml.MarkedYAMLError`, with the line, if ``text`` nests too deep.

    Args:
        text: The YAML text.
        loader: The loader class that will read it (its parser does the counting).

    Raises:
        yaml.MarkedYAMLError: A collection opens more than :data:`MAX_DEPTH` levels deep; its
            ``problem_mark`` is where. Readers turn it into a located ``FormatError`` as they do
            PyYAML's own errors.

    Examples:
        >>> check_depth("a: [1, [2, 3]]", yaml.SafeLoader)
        >>> try:
        ...     check_depth("[" * 300, yaml.SafeLoader)
        ... except yaml.MarkedYAMLError as err:
        ...     print(err.problem, "at column", err.problem_mark.column + 1)
        collections nest deeper than 200 levels at column 201
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return
    try:
        too_deep = _too_deep_at(text, loader)
    except yaml.YAMLError:
        # libyaml's scanner may stop first at a nesting limit of its own (PyYAML 6.0.4 and
        # newer), with wording argmap does not own; the pure-Python parser has none and says
        # where argmap's limit is passed. Any other fault the load meets again, at the same place.
        try:
            too_deep = _too_deep_at(text, yaml.SafeLoader)
        except yaml.YAMLError:
            return
    if too_deep is not None:
        raise yaml.MarkedYAMLError(
            problem=f"collections nest deeper than {MAX_DEPTH} levels", problem_mark=too_deep
        )


def _too_deep_at(text: str, loader: Any) -> yaml.Mark | None:
    """Where the parser's events first nest past :data:`MAX_DEPTH`, or None if they never do."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return cast(yaml.Mark, event.start_mark)  # libyaml's Mark alike
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def long_integer(digits: int) -> str:
    """Say that an integer of ``digits`` digits is too long to read.

    Examples:
        >>> long_integer(5000)
        'integer of 5000 digits is longer than 4300 digits, the most argmap reads'
    """
    return (
        f"integer of {digits} digits is longer than {MAX_INT_DIGITS} digits, the most argmap reads"
    )


def long_number(digits: int) -> str:
    """Say that a number with ``digits`` digits before its point is too long to read.

    Examples:
        >>> long_number(5000)
        'number with 5000 digits before its point is longer than 4300 digits, the most argmap reads'
    """
    return (
        f"number with {digits} digits before its point is longer than {MAX_INT_DIGITS} digits, "
        "the most argmap reads"
    )


_FLOAT_WHOLE = re.compile(r"[-+]?([0-9_]*)")

_TAG_MEANING = {
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:timestamp": "a date or time",
}

_TOO_LONG = 10**MAX_INT_DIGITS  # the least integer of MAX_INT_DIGITS + 1 digits

_Constructor = Callable[[Any, Any], Any]


def _guarded(tag: str, construct: _Constructor) -> _Constructor:
    meaning = _TAG_MEANING[tag]
    short = "!!" + tag.rsplit(":", 1)[-1]

    def guarded(loader: Any, node: Any) -> Any:
        value = node.value if isinstance(node.value, str) else ""
        if tag == "tag:yaml.org,2002:int":
            digits = value.replace("_", "").lstrip("+-")
            # Only base ten is slow to convert and limited; 0x, 0b and octal (0...) are not.
            if len(digits) > MAX_INT_DIGITS and digits.isdigit() and digits[0] != "0":
                raise yaml.constructor.ConstructorError(
                    None, None, long_integer(len(digits)), node.start_mark
                )
        elif tag == "tag:yaml.org,2002:float":
            whole = _FLOAT_WHOLE.match(value)
            if whole is not None and len(whole[1].replace("_", "")) > MAX_INT_DIGITS:
                # JSON refuses it too; as a float it would be infinite, written as null.
                raise yaml.constructor.ConstructorError(
                    None, None, long_number(len(whole[1].replace("_", ""))), node.start_mark
                )
        try:
            result = construct(loader, node)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError):
            # A value an explicit tag forces on text that does not fit it, or an integer past
            # a limit lowered with sys.set_int_max_str_digits().
            raise yaml.constructor.ConstructorError(
                None, None, f"expected {meaning} for {short}, found {value[:40]!r}", node.start_mark
            ) from None
        if type(result) is int and not -_TOO_LONG < result < _TOO_LONG:
            # Hexadecimal, octal, binary or sexagesimal: cheap to read, but its decimal form
            # would be too long to write (or to read back from JSON).
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"integer of more than {MAX_INT_DIGITS} decimal digits, the most argmap reads",
                node.start_mark,
            )
        return result

    return guarded


def guard_scalars(loader: type[Any]) -> None:
    """Make ``loader`` raise a located ``yaml`` error for a scalar that does not convert.

    Wraps the loader's constructors of ``!!int``, ``!!float``, ``!!bool`` and ``!!timestamp``
    (call it after adding constructors of one's own for them). A decimal integer of more than
    :data:`MAX_INT_DIGITS` digits is refused.

    Args:
        loader: A PyYAML loader class; its constructors are replaced on the class.

    Examples:
        >>> class Loader(yaml.SafeLoader):
        ...     pass
        >>> guard_scalars(Loader)
        >>> yaml.load("n: 12", Loader=Loader)
        {'n': 12}
        >>> try:
        ...     yaml.load("n: !!int twelve", Loader=Loader)
        ... except yaml.MarkedYAMLError as err:
        ...     print(err.problem, "at column", err.problem_mark.column + 1)
        expected an integer for !!int, found 'twelve' at column 4
        >>> try:
        ...     yaml.load("n: " + "9" * 5000, Loader=Loader)
        ... except yaml.MarkedYAMLError as err:
        ...     print(err.problem)
        integer of 5000 digits is longer than 4300 digits, the most argmap reads
    """
    for tag in _TAG_MEANING:
        loader.add_constructor(tag, _guarded(tag, loader.yaml_constructors[tag]))


# A JSON string or a number; in valid JSON, digits outside strings belong to numbers.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|-?([0-9]+)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')


def long_json_number(text: str, end: int, origin: str | None) -> FormatError | None:
    """The located error for the first number in JSON ``text[:end]`` too long to read, if any.

    Examples:
        >>> print(long_json_number('{"a": "9", "b": ' + "9" * 4301 + "}", 10**6, "x.json"))
        x.json:1:17: integer of 4301 digits is longer than 4300 digits, the most argmap reads
        >>> long_json_number('[1, 2.5]', 10**6, None) is None
        True
    """
    for token in _JSON_TOKEN.finditer(text, 0, end):
        digits = token.group(1)
        if digits is not None and len(digits) > MAX_INT_DIGITS:
            line = text.count("\n", 0, token.start()) + 1
            column = token.start() - (text.rfind("\n", 0, token.start()) + 1) + 1
            if token.end() - token.start(1) == len(digits):
                message = long_integer(len(digits))
            else:
                message = long_number(len(digits))
            return FormatError(message, file=origin, line=line, column=column)
    return None
