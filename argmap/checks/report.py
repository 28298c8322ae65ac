"""Findings as text lines, JSON, GitHub Actions annotations or SARIF 2.1.0.

Each function takes ``(path, findings)`` pairs, one per map file checked, and returns the whole
output as one string. They are named ``findings_*`` because they write findings, not maps: the
map formats' ``to_json``/``from_json`` live in :mod:`argmap.readwrite`. Text is one line a
finding, ``path:id: AM201 [error] message``.

Examples:
    >>> from argmap.checks import Finding
    >>> f = Finding("AM201", "quote-not-in-source", "error", "not in 'post'", ("c1", "post"),
    ...             "checks.md#am201-quote-not-in-source")
    >>> print(format_findings([("map.json", [f])], "text"), end="")
    map.json:c1: AM201 [error] not in 'post'
    >>> print(format_findings([("map.json", [f])], "github"), end="")
    ::error file=map.json,title=AM201 quote-not-in-source::c1: not in 'post'
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from argmap.checks.registry import Check, Finding
from argmap.errors import OptionError

__all__ = [
    "FORMATS",
    "findings_github",
    "findings_json",
    "findings_sarif",
    "findings_text",
    "format_findings",
]

Results = Sequence[tuple[str, Sequence[Finding]]]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _where(finding: Finding) -> str:
    return finding.ids[0] if finding.ids else "-"


def findings_text(results: Results) -> str:
    """One line a finding: ``path:id: CODE [severity] message``."""
    return "".join(
        f"{path}:{_where(f)}: {f.code} [{f.severity}] {_one_line(f.message)}\n"
        for path, found in results
        for f in found
    )


def _one_line(text: str) -> str:
    # A message quotes user text; keep it on one line so that each finding stays one line.
    return text.replace("\r", "\\r").replace("\n", "\\n")


def findings_json(results: Results) -> str:
    """A JSON array of findings, each with its ``file``."""
    rows = [{"file": path, **f.to_dict()} for path, found in results for f in found]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    # GitHub workflow commands: a newline or '%' in a message would end or corrupt the command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Properties end at ',' and the property list at '::', so both are escaped too.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def findings_github(results: Results) -> str:
    """GitHub Actions workflow commands (``::error file=...::message``), escaped."""
    lines = []
    for path, found in results:
        for f in found:
            level = _GITHUB_LEVEL[f.severity]
            title = _escape_property(f"{f.code} {f.name}")
            message = _escape_data(f"{_where(f)}: {f.message}")
            lines.append(f"::{level} file={_escape_property(path)},title={title}::{message}\n")
    return "".join(lines)


def findings_sarif(results: Results, checks: Iterable[Check] = ()) -> str:
    """A SARIF 2.1.0 log with one run; ``checks`` become the tool's rules.

    Examples:
        >>> import json
        >>> log = json.loads(findings_sarif([("m.json", [])]))
        >>> log["version"], log["runs"][0]["tool"]["driver"]["name"]
        ('2.1.0', 'argmap')
    """
    # The package is imported before this module; read its version without a circular import.
    version = str(getattr(sys.modules["argmap"], "__version__", "0"))
    rules: dict[str, Check] = {c.code: c for c in checks}
    # A finding of a check not passed in still needs its rule entry.
    missing = {f.code for _, found in results for f in found} - set(rules)
    if missing:
        from argmap.checks import get_check

        rules.update((code, get_check(code)) for code in missing)
    ordered = [rules[code] for code in sorted(rules)]
    index = {c.code: i for i, c in enumerate(ordered)}
    driver: dict[str, Any] = {
        "name": "argmap",
        "version": version,
        "rules": [
            {
                "id": c.code,
                "name": c.name,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": " ".join(c.sections().get("Why", "").split())},
                "defaultConfiguration": {"level": _SARIF_LEVEL[c.severity]},
                "properties": {"anchor": c.anchor},
            }
            for c in ordered
        ],
    }
    sarif_results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {"artifactLocation": {"uri": path.replace("\\", "/")}},
                    "logicalLocations": [
                        {"name": item, "fullyQualifiedName": item} for item in f.ids[:1]
                    ],
                }
            ],
            "properties": {"ids": list(f.ids), "anchor": f.anchor},
        }
        for path, found in results
        for f in found
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": sarif_results}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


FORMATS = ("text", "json", "github", "sarif")
"""The output formats :func:`format_findings` knows."""


def format_findings(results: Results, fmt: str, *, checks: Iterable[Check] = ()) -> str:
    """Render findings of several files in one of :data:`FORMATS`.

    Args:
        results: ``(path, findings)`` pairs.
        fmt: ``text``, ``json``, ``github`` or ``sarif``.
        checks: The checks that ran, listed as rules in SARIF.

    Raises:
        OptionError: An unknown format.
    """
    if fmt == "text":
        return findings_text(results)
    if fmt == "json":
        return findings_json(results)
    if fmt == "github":
        return findings_github(results)
    if fmt == "sarif":
        return findings_sarif(results, checks)
    raise OptionError(f"unknown findings format {fmt!r}; expected one of {', '.join(FORMATS)}")
