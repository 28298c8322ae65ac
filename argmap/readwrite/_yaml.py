"""A depth limit for YAML, checked before libyaml builds anything.

libyaml's composer (PyYAML's ``CSafeLoader``) recurses in C once per level of nesting, with no
limit: a file of 50,000 ``[`` crashes the interpreter with a segmentation fault instead of
raising. Readers call :func:`check_depth` first. It costs one pass over the lines when a cheap
bound shows the text cannot nest deeply (every file argmap writes), and otherwise one pass of
libyaml's parser, which is iterative, counting open collections.

The limit is pydantic-core's for JSON, so that argmap's JSON and YAML accept the same nesting.
"""

from __future__ import annotations

import re
from typing import Any, cast

import yaml

__all__ = ["MAX_DEPTH", "NestingTooDeepError", "check_depth"]

MAX_DEPTH = 200
"""Deepest nesting of collections that a YAML text may have."""

# What may stand before a block collection on its line: indentation and the indicators of
# compact nesting ("- - key: ...", "? - a"). Block nesting deepens only by moving right.
_BLOCK_PREFIX = re.compile(r"[ \t?:-]*")


class NestingTooDeepError(yaml.MarkedYAMLError):
    """Collections nest deeper than :data:`MAX_DEPTH`."""


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
    """Raise :class:`NestingTooDeepError`, with the line, if ``text`` nests too deep.

    Args:
        text: The YAML text.
        loader: The loader class that will read it (its parser does the counting).

    Raises:
        NestingTooDeepError: A collection opens more than :data:`MAX_DEPTH` levels deep; its
            ``problem_mark`` is where.

    Examples:
        >>> check_depth("a: [1, [2, 3]]", yaml.SafeLoader)
        >>> try:
        ...     check_depth("[" * 300, yaml.SafeLoader)
        ... except NestingTooDeepError as err:
        ...     print(err.problem, "at column", err.problem_mark.column + 1)
        collections nest deeper than 200 levels at column 201
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return
    try:
        _count_depth(text, loader)
    except NestingTooDeepError:
        raise
    except yaml.YAMLError:
        # libyaml's scanner may stop first at a nesting limit of its own (PyYAML 6.0.4 and
        # newer), with wording argmap does not own; the pure-Python parser has none and says
        # where argmap's limit is passed. Any other fault the load meets again, at the same place.
        try:
            _count_depth(text, yaml.SafeLoader)
        except NestingTooDeepError:
            raise
        except yaml.YAMLError:
            return


def _count_depth(text: str, loader: Any) -> None:
    """Walk the parser's events, raising :class:`NestingTooDeepError` past :data:`MAX_DEPTH`."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise NestingTooDeepError(
                    problem=f"collections nest deeper than {MAX_DEPTH} levels",
                    problem_mark=cast(yaml.Mark, event.start_mark),  # libyaml's Mark alike
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
