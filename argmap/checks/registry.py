"""The check registry: how a check is declared, what it yields and what the runner returns.

A check is a plain function from an :class:`~argmap.model.ArgumentMap` to an iterator of
:class:`Hit`. :func:`register` gives it a code (``AM201``), a kebab-case name
(``quote-not-in-source``) and a default severity, and files it in the registry. The runner
(:func:`argmap.checks.check`) turns hits into flat, sortable :class:`Finding` records that carry the
check's code, name and docs anchor. A check's docstring is its documentation and its test: a
summary line, then ``Why:``, ``Bad:`` and ``Good:`` sections whose doctests build a map on which
the check fires (Bad) or stays silent (Good).

Examples:
    >>> from argmap.checks.registry import Finding, Hit, anchor_for
    >>> Hit("quote not found", ids=("c1",)).severity is None
    True
    >>> anchor_for("AM201", "quote-not-in-source")
    'checks.md#am201-quote-not-in-source'
    >>> f = Finding("AM201", "quote-not-in-source", "error", "not found", ("c1",),
    ...             "checks.md#am201-quote-not-in-source")
    >>> f.at_least("warning"), f.at_least("error")
    (True, True)
"""

from __future__ import annotations

import functools
import inspect
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from argmap.errors import OptionError, UnknownCheckError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "SECTIONS",
    "SEVERITIES",
    "Check",
    "CheckFunction",
    "Finding",
    "Hit",
    "Severity",
    "all_checks",
    "anchor_for",
    "docstring_sections",
    "get_check",
    "register",
    "severity_rank",
]

Severity: TypeAlias = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
"""Severities from the most to the least severe."""

SECTIONS: tuple[str, ...] = ("Why", "Bad", "Good")
"""The sections every check's docstring has, in this order, after its summary line."""

_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
_CODE = re.compile(r"^AM\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_SECTION_HEAD = re.compile(r"^(\w[\w ]*):\s*$")


def severity_rank(severity: str) -> int:
    """Return 0 for error, 1 for warning, 2 for info: smaller is more severe.

    Raises:
        OptionError: Not one of ``error``, ``warning``, ``info``.

    Examples:
        >>> sorted(["info", "error", "warning"], key=severity_rank)
        ['error', 'warning', 'info']
    """
    try:
        return _RANK[severity]
    except KeyError:
        raise OptionError(
            f"unknown severity {severity!r}; expected one of {', '.join(SEVERITIES)}"
        ) from None


def anchor_for(code: str, name: str) -> str:
    """Return the docs anchor of a check: ``checks.md#<code>-<name>`` in lower case."""
    return f"checks.md#{code.lower()}-{name}"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check yields: a message, the ids involved and, rarely, a severity override.

    Args:
        message: One sentence naming what is wrong, with the ids or words involved.
        ids: The statements, relations, agents or sources involved; the first is where the
            finding is reported.
        severity: Overrides the check's default severity for this hit.
    """

    message: str
    ids: tuple[str, ...] = ()
    severity: Severity | None = None


@functools.total_ordering
@dataclass(frozen=True, slots=True, eq=True)
class Finding:
    """One result of :func:`argmap.checks.check`: a flat record, sortable and JSON-friendly.

    Findings sort by code, then ids, then message (then severity), so output is stable run to
    run.

    Attributes:
        code: The check's code, such as ``AM201``.
        name: The check's kebab-case name, such as ``quote-not-in-source``.
        severity: ``error``, ``warning`` or ``info``.
        message: What is wrong, in one sentence.
        ids: The ids involved; the first is where the finding is reported.
        anchor: The docs anchor of the check, ``checks.md#am201-quote-not-in-source``.
    """

    code: str
    name: str
    severity: Severity
    message: str
    ids: tuple[str, ...]
    anchor: str

    @property
    def sort_key(self) -> tuple[str, tuple[str, ...], str, str]:
        """The key findings sort by: code, ids, message, then severity (by name)."""
        key: tuple[str, tuple[str, ...], str, str] = _SORT_KEY(self)
        return key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key < other.sort_key

    def at_least(self, severity: Severity) -> bool:
        """True when this finding is as severe as ``severity`` or more."""
        return _RANK[self.severity] <= severity_rank(severity)

    def to_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready dict (ids as a list).

        Examples:
            >>> Finding("AM101", "isolated-statement", "info", "m", ("c1",), "a").to_dict()["ids"]
            ['c1']
        """
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "ids": list(self.ids),
            "anchor": self.anchor,
        }


# A C-level getter: check() sorts hundreds of thousands of findings by it.
_SORT_KEY = operator.attrgetter("code", "ids", "message", "severity")
_new = object.__new__
_SETTERS = tuple(
    getattr(Finding, field).__set__
    for field in ("code", "name", "severity", "message", "ids", "anchor")
)


def _finding(
    code: str, name: str, severity: Severity, message: str, ids: tuple[str, ...], anchor: str
) -> Finding:
    """Make a :class:`Finding` about twice as fast as its generated ``__init__``.

    The frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` by name;
    the slot setters here do the same work without the lookups. A check run can make 250,000
    findings. The result is the same frozen object.
    """
    finding: Finding = _new(Finding)
    set_code, set_name, set_severity, set_message, set_ids, set_anchor = _SETTERS
    set_code(finding, code)
    set_name(finding, name)
    set_severity(finding, severity)
    set_message(finding, message)
    set_ids(finding, ids if type(ids) is tuple else tuple(ids))
    set_anchor(finding, anchor)
    return finding


CheckFunction: TypeAlias = Callable[["ArgumentMap"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its code, name, default severity and function."""

    code: str
    name: str
    severity: Severity
    function: CheckFunction

    @property
    def family(self) -> str:
        """The code's family, ``AM2`` for ``AM201``."""
        return self.code[:3]

    @property
    def doc(self) -> str:
        """The function's docstring, dedented."""
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        """The docstring's first line."""
        return self.doc.split("\n", 1)[0].strip()

    @property
    def anchor(self) -> str:
        """The docs anchor, ``checks.md#am201-quote-not-in-source``."""
        return anchor_for(self.code, self.name)

    def sections(self) -> dict[str, str]:
        """The docstring's sections (``Why``, ``Bad``, ``Good``...) by title, dedented."""
        return docstring_sections(self.doc)

    def run(self, m: ArgumentMap) -> Iterator[Finding]:
        """Run the check on a map and yield its findings, unsorted."""
        code, name, default, anchor = self.code, self.name, self.severity, self.anchor
        for hit in self.function(m):
            yield _finding(code, name, hit.severity or default, hit.message, hit.ids, anchor)


_REGISTRY: dict[str, Check] = {}
_BY_NAME: dict[str, str] = {}


def register(
    code: str, name: str, *, severity: Severity
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under a code, a kebab-case name and a default severity.

    The decorated function is returned unchanged, so it can be called and doctested directly.
    Registering the same function again (a module reload) replaces the old entry.

    Args:
        code: ``AM`` and three digits; the first digit is the family (1 structure, 2 provenance,
            3 dialectic, 4 causal, 9 hygiene).
        name: Kebab-case, unique across the registry.
        severity: ``error``, ``warning`` or ``info``.

    Returns:
        A decorator.

    Raises:
        OptionError: A malformed code, name or severity, or a code or name already taken by
            another function.

    Examples:
        >>> from argmap.checks.registry import register
        >>> register("X1", "bad", severity="info")
        Traceback (most recent call last):
        ...
        argmap.errors.OptionError: check code 'X1' must be 'AM' and three digits
    """
    if not _CODE.match(code):
        raise OptionError(f"check code {code!r} must be 'AM' and three digits")
    if not _NAME.match(name):
        raise OptionError(f"check name {name!r} must be kebab-case (lower-case words and '-')")
    severity_rank(severity)

    def decorate(function: CheckFunction) -> CheckFunction:
        qualname = f"{function.__module__}.{function.__qualname__}"
        for key, taken in (
            (code, _REGISTRY.get(code)),
            (name, _REGISTRY.get(_BY_NAME.get(name, ""))),
        ):
            if taken is not None:
                other = f"{taken.function.__module__}.{taken.function.__qualname__}"
                if other != qualname:
                    raise OptionError(f"check {key!r} is already registered by {other}")
        old = _REGISTRY.pop(code, None)
        if old is not None:
            _BY_NAME.pop(old.name, None)
        _REGISTRY[code] = Check(code, name, severity, function)
        _BY_NAME[name] = code
        return function

    return decorate


def all_checks() -> list[Check]:
    """Every registered check, by code. Call :func:`argmap.checks.load_checks` first."""
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def get_check(code_or_name: str) -> Check:
    """Return a registered check by code (any case) or name.

    Raises:
        UnknownCheckError: No check has that code or name; the message suggests close ones.
    """
    key = code_or_name.strip()
    found = _REGISTRY.get(key.upper()) or _REGISTRY.get(_BY_NAME.get(key.lower(), ""))
    if found is None:
        import difflib

        known = [*_REGISTRY, *_BY_NAME]
        close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UnknownCheckError(f"no check is called {code_or_name!r}{hint}")
    return found


def docstring_sections(doc: str) -> dict[str, str]:
    """Split a dedented docstring into its titled sections (``Why:``, ``Bad:``...).

    A section starts with a line ``Title:`` at the left margin and holds the indented lines below
    it, dedented. Text before the first section is filed under ``""``.

    Examples:
        >>> doc = "Summary.\\n\\nWhy:\\n    Because.\\nBad:\\n    >>> 1\\n    1\\n"
        >>> docstring_sections(doc)
        {'': 'Summary.', 'Why': 'Because.', 'Bad': '>>> 1\\n1'}
    """
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in doc.splitlines():
        head = _SECTION_HEAD.match(line)
        if head and not line.startswith((" ", "\t")):
            current = head.group(1)
            sections[current] = []
            continue
        sections[current].append(line)
    return {title: inspect.cleandoc("\n".join(lines)) for title, lines in sections.items()}
