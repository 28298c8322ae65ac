"""``argmap check`` and ``argmap rules``: run the registered checks, and list them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from argmap.cli._grammar import (
    _add_from,
    _add_part,
    _add_report_format,
    _examples,
    _formatter,
    _load_map,
    _narrow,
)
from argmap.cli._output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _error, _out


# --------------------------------------------------------------------------- check
def _add_check(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="run consistency checks on maps",
        description="Run the consistency checks on one or more maps and print one line a finding\n"
        "(path:id: CODE [severity] message), or JSON, GitHub annotations or SARIF.\n"
        "Exit 0 when no finding reaches --fail-on, 1 when one does, 2 when a file could not\n"
        "be read or an option is wrong. 'argmap rules' lists the checks.",
        epilog=_examples(
            "argmap check examples/out/petro_noem.json --ignore AM9 --fail-on warning",
            "argmap check maps/*.json --format sarif > argmap.sarif",
            "argmap check examples/out/petro_noem.json --speaker petro --select AM3",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="map files (- for standard input)")
    _add_from(p, what="the files")
    p.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="checks to run: codes, prefixes (AM2), names or ALL, comma-separated (default ALL)",
    )
    p.add_argument("--ignore", action="append", metavar="CODES", help="checks to leave out")
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    _add_part(p, "check")
    _add_report_format(p, "json", "github", "sarif")
    p.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from argmap.checks import check, select_checks
    from argmap.checks.report import format_findings
    from argmap.errors import ArgmapError

    chosen = select_checks(args.select, args.ignore)  # a bad code is a usage error: exit 2
    results = []
    unreadable = 0
    for path in args.files:
        try:
            m = _narrow(_load_map(path, args.from_format), args)
        except (ArgmapError, OSError) as err:
            _error(str(err))
            unreadable += 1
            continue
        shown = "<stdin>" if path == "-" else path
        results.append((shown, check(m, select=[c.code for c in chosen])))
    _out(format_findings(results, args.format, checks=chosen), end="")
    if args.format == "text":
        print(_check_summary(results, unreadable), file=sys.stderr)
    if unreadable:
        return EXIT_USAGE
    hit = any(f.at_least(args.fail_on) for _, found in results for f in found)
    return EXIT_FINDINGS if hit else EXIT_OK


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _check_summary(results: Sequence[tuple[str, Sequence[Any]]], unreadable: int) -> str:
    """The last line of ``argmap check``: findings in the files checked, and what was not read.

    A file that could not be read was not checked, so it is counted apart: "0 findings" would
    read as a clean bill for it.
    """
    parts = []
    if results or not unreadable:
        total = sum(len(found) for _, found in results)
        parts.append(f"{_plural(total, 'finding')} in {_plural(len(results), 'file')} checked")
    if unreadable:
        parts.append(f"{_plural(unreadable, 'file')} could not be read")
    return "; ".join(parts)


# --------------------------------------------------------------------------- rules
def _add_rules(sub: Any) -> None:
    p = sub.add_parser(
        "rules",
        help="list the checks, or show one check's documentation",
        description="List every check with its code, name, severity and summary, or print one\n"
        "check's documentation with its examples; --markdown prints docs/checks.md.",
        epilog=_examples("argmap rules", "argmap rules AM201", "argmap rules --format json"),
        formatter_class=_formatter,
    )
    p.add_argument("rule", nargs="?", help="a check's code or name")
    p.add_argument("--markdown", action="store_true", help="print the whole reference page")
    _add_report_format(p, "json")
    p.set_defaults(handler=_run_rules)


def _run_rules(args: argparse.Namespace) -> int:
    import json

    from argmap.checks import get_check, rules
    from argmap.checks.docs import generate_markdown, rule_markdown

    if args.markdown:
        _out(generate_markdown(), end="")
        return EXIT_OK
    if args.rule:
        rules()  # load every check module before the lookup
        chk = get_check(args.rule)
        if args.format == "json":
            _out(json.dumps(_rule_dict(chk), indent=2, ensure_ascii=False))
        else:
            _out(rule_markdown(chk), end="")
        return EXIT_OK
    known = rules()
    if args.format == "json":
        _out(json.dumps([_rule_dict(c) for c in known], indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(c.name) for c in known)
    for c in known:
        _out(f"{c.code}  {c.name:<{width}}  {c.severity:<7}  {c.summary}")
    return EXIT_OK


def _rule_dict(chk: Any) -> dict[str, str]:
    return {
        "code": chk.code,
        "name": chk.name,
        "severity": chk.severity,
        "summary": chk.summary,
        "anchor": chk.anchor,
    }
