"""Consistency checks: find misquotes, circular reasoning, self-contradiction and open disputes.

:func:`check` runs the registered checks on a map and returns sorted :class:`Finding` records.
Checks are grouped in modules by family: ``AM1xx`` structure, ``AM2xx`` provenance, ``AM3xx``
dialectic, ``AM4xx`` causal, ``AM9xx`` hygiene. Each module listed in ``_CHECK_MODULES`` is
imported on first use; importing it registers its checks (see :mod:`argmap.checks.registry`).

Examples:
    >>> from argmap import ArgumentMap
    >>> from argmap.checks import check, codes
    >>> m = ArgumentMap()
    >>> _ = m.claim("Youth inclusion reduced violence")
    >>> [f.code for f in check(m, select="AM101")]
    ['AM101']
    >>> "AM101" in codes(m)
    True
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from argmap._gc import collector_paused
from argmap.checks.registry import (
    SEVERITIES,
    Check,
    Finding,
    Hit,
    Severity,
    all_checks,
    get_check,
    register,
    severity_rank,
)
from argmap.errors import UnknownCheckError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = [
    "SEVERITIES",
    "Check",
    "Finding",
    "Hit",
    "Severity",
    "UnknownCheckError",
    "check",
    "codes",
    "get_check",
    "load_checks",
    "register",
    "rules",
    "select_checks",
]

# Modules whose import registers checks, one a line so parallel branches merge cleanly.
_CHECK_MODULES: list[str] = [
    "argmap.checks.structure",
    "argmap.checks.provenance",
    "argmap.checks.dialectic",
    "argmap.checks.hygiene",
    "argmap.checks.causal_checks",
]

_PREFIX = re.compile(r"^AM\d{0,3}$")
Selector = str | Iterable[str] | None


def load_checks() -> None:
    """Import every module in ``_CHECK_MODULES`` so that its checks are registered."""
    for module in _CHECK_MODULES:
        importlib.import_module(module)


def rules() -> list[Check]:
    """Every registered check, sorted by code.

    Examples:
        >>> from argmap.checks import rules
        >>> rules()[0].code
        'AM101'
    """
    load_checks()
    return all_checks()


def _split(selector: Selector) -> list[str]:
    if selector is None:
        return []
    items = [selector] if isinstance(selector, str) else list(selector)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _matcher(entry: str, known: list[Check]) -> set[str]:
    """The codes of the checks one selector entry names: ALL, a code, a prefix or a name."""
    if entry.upper() == "ALL":
        return {c.code for c in known}
    upper = entry.upper()
    if _PREFIX.match(upper):
        if len(upper) == 5:  # a full code: a typo should not pass silently
            return {get_check(upper).code}
        return {c.code for c in known if c.code.startswith(upper)}
    return {get_check(entry).code}


def select_checks(select: Selector = None, ignore: Selector = None) -> list[Check]:
    """Return the checks that ``select`` names minus those ``ignore`` names, sorted by code.

    Each of ``select`` and ``ignore`` is a code (``AM201``), a prefix (``AM2``, ``AM``), a name
    (``quote-not-in-source``) or ``ALL``, or a list of them, or a comma-separated string.
    ``select=None`` means every check.

    Raises:
        UnknownCheckError: An entry is a full code or a name that no check has.

    Examples:
        >>> from argmap.checks import select_checks
        >>> [c.code for c in select_checks("AM10", ignore="isolated-statement,AM103")][:3]
        ['AM102', 'AM104', 'AM105']
        >>> select_checks("AM1O1")
        Traceback (most recent call last):
        ...
        argmap.errors.UnknownCheckError: no check is called 'AM1O1' (did you mean AM101...
    """
    known = rules()
    chosen: set[str] = set()
    select_entries = _split(select)
    if select is None:
        chosen = {c.code for c in known}
    for entry in select_entries:
        chosen |= _matcher(entry, known)
    for entry in _split(ignore):
        chosen -= _matcher(entry, known)
    return [c for c in known if c.code in chosen]


def check(
    m: ArgumentMap,
    *,
    select: Selector = None,
    ignore: Selector = None,
    severity: Severity | None = None,
) -> list[Finding]:
    """Run the registered checks on a map and return the findings, sorted and without repeats.

    Args:
        m: The map.
        select: Codes, prefixes (``AM2``), names or ``ALL`` to run; all checks when None.
        ignore: Codes, prefixes or names to leave out.
        severity: Keep only findings at least this severe (``warning`` keeps errors and
            warnings); all when None.

    Returns:
        Findings sorted by code, ids and message.

    Raises:
        UnknownCheckError: ``select`` or ``ignore`` names no check.
        OptionError: An unknown ``severity``.

    Examples:
        >>> from argmap import ArgumentMap
        >>> from argmap.checks import check
        >>> m = ArgumentMap()
        >>> _ = m.claim("Exclusion always leads to violence")
        >>> [(f.code, f.severity, f.ids) for f in check(m, select="AM1")]
        [('AM101', 'info', ('c1',))]
        >>> check(m, select="AM1", severity="warning")
        []
    """
    floor = severity_rank(severity) if severity is not None else len(SEVERITIES)
    chosen = select_checks(select, ignore)
    # Imported here: the module registers nothing and needs the registry loaded first.
    from argmap.checks._incremental import run_checks

    with collector_paused():
        # Each check's findings are kept on the map and brought up to date edit by edit;
        # the sorted list too (see argmap.checks._incremental).
        return run_checks(m, chosen, floor)


def codes(m: ArgumentMap, *, select: Selector = None, ignore: Selector = None) -> list[str]:
    """Return the codes of the checks that fire on a map, sorted, each once.

    The short form used in the checks' Bad and Good examples.

    Examples:
        >>> from argmap import ArgumentMap
        >>> from argmap.checks import codes
        >>> m = ArgumentMap()
        >>> _ = m.claim("Migrants are not criminals", reconstructed=True)
        >>> codes(m, select="AM1")
        ['AM101']
        >>> codes(m, select="AM2")
        []
    """
    return sorted({f.code for f in check(m, select=select, ignore=ignore)})
