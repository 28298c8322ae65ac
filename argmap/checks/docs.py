"""The checks' reference page, generated from the registry: ``docs/checks.md``.

Every check's section comes from its docstring: the summary line, ``Why:``, and the ``Bad:`` and
``Good:`` examples, preceded by the imports they need so the page runs as a doctest on its own.
``argmap rules --markdown`` prints the page; a test fails when the file in the repository is
stale.

Examples:
    >>> from argmap.checks.docs import generate_markdown, rule_markdown
    >>> page = generate_markdown()
    >>> page.startswith("# Checks")
    True
    >>> "## AM201 quote-not-in-source" in page
    True
    >>> print(rule_markdown("AM101").splitlines()[0])
    ## AM101 isolated-statement
"""

from __future__ import annotations

import re
import sys

import argmap.checks as _checks
from argmap.checks import Check, get_check, rules

__all__ = ["FAMILIES", "generate_markdown", "rule_markdown"]

FAMILIES: dict[str, str] = {
    "AM1": "structure",
    "AM2": "provenance",
    "AM3": "dialectic",
    "AM4": "causal",
    "AM9": "hygiene",
}
"""Code prefix -> family name."""

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_INTRO = """\
# Checks

<!-- Generated from the check registry by `argmap rules --markdown`; do not edit by hand. -->

`argmap check FILE` and `argmap.check(m)` run these checks. Each finding names the check's code,
its name, a severity and the ids involved, and links to its section here. Choose checks with
`--select` and `--ignore` (or `select=` and `ignore=`), which take codes (`AM201`), prefixes
(`AM2`), names (`quote-not-in-source`) or `ALL`. Codes by family: `AM1xx` structure, `AM2xx`
provenance, `AM3xx` dialectic, `AM4xx` causal, `AM9xx` hygiene.

Every example below is a test: on the Bad map the check fires, on the Good map it stays silent.

On a map that changes, `check` keeps each check's findings on the map and brings them up to date
edit by edit: a check runs again only for what an edit touched, so after one edit a check of a
100,000-claim map takes milliseconds rather than seconds. The findings are always those of a
check run from scratch.
"""


def _imports(code: str) -> list[str]:
    """The import lines an example needs, from the names it uses."""
    used = set(_IDENTIFIER.findall(code))
    # The package is imported before any of its modules; read its public names without
    # importing it again here (this module sits below the top level in the layers).
    public: list[str] = getattr(sys.modules["argmap"], "__all__", [])
    top = sorted(used & set(public))
    from_checks = sorted(used & set(_checks.__all__) - set(top))
    lines = []
    if top:
        lines.append(f">>> from argmap import {', '.join(top)}")
    if from_checks:
        lines.append(f">>> from argmap.checks import {', '.join(from_checks)}")
    return lines


def _example(code: str) -> str:
    body = "\n".join([*_imports(code), code])
    # The blank line ends the last expected output for doctest, which would else read the fence.
    return f"```pycon\n{body}\n\n```"


def rule_markdown(code_or_name: str | Check) -> str:
    """Return one check's section of the reference page, in Markdown.

    Args:
        code_or_name: A code (``AM201``), a name (``quote-not-in-source``) or a :class:`Check`.

    Raises:
        UnknownCheckError: No check has that code or name.
    """
    rules()  # registers every check before the lookup
    chk = code_or_name if isinstance(code_or_name, Check) else get_check(code_or_name)
    sections = chk.sections()
    family = FAMILIES.get(chk.family, "other")
    parts = [
        f"## {chk.code} {chk.name}",
        f"**Severity:** {chk.severity} · **Family:** {family}",
        chk.summary,
    ]
    for title in ("Why", "Bad", "Good"):
        text = sections.get(title, "")
        if not text:
            continue
        if title == "Why":
            parts.append(f"**Why.** {' '.join(text.split())}")
        else:
            label = "fires on" if title == "Bad" else "stays silent on"
            parts.append(f"**{title}:** the check {label} this map.")
            parts.append(_example(text))
    return "\n\n".join(parts) + "\n"


def generate_markdown() -> str:
    """Return the whole reference page: an index table, then one section a check.

    Examples:
        >>> from argmap.checks.docs import generate_markdown
        >>> "| [AM101](#am101-isolated-statement) |" in generate_markdown()
        True
    """
    known = rules()
    table = ["| Code | Name | Severity | Summary |", "| --- | --- | --- | --- |"]
    for c in known:
        summary = c.summary.replace("|", r"\|")
        anchor = c.anchor.split("#", 1)[1]
        table.append(f"| [{c.code}](#{anchor}) | `{c.name}` | {c.severity} | {summary} |")
    sections = [rule_markdown(c) for c in known]
    return _INTRO + "\n" + "\n".join(table) + "\n\n" + "\n".join(sections)
