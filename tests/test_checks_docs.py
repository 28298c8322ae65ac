"""docs/checks.md is generated from the registry; these tests fail when it is stale."""

from __future__ import annotations

import doctest
from pathlib import Path

from argmap.checks import rules
from argmap.checks.docs import generate_markdown, rule_markdown

PAGE = Path(__file__).resolve().parents[1] / "docs" / "checks.md"


def test_docs_checks_md_is_up_to_date() -> None:
    assert PAGE.read_text(encoding="utf-8") == generate_markdown(), (
        "docs/checks.md is stale: run `argmap rules --markdown > docs/checks.md`"
    )


def test_every_check_has_a_section_whose_heading_matches_its_anchor() -> None:
    page = generate_markdown()
    for chk in rules():
        heading = f"## {chk.code} {chk.name}"
        assert heading in page
        # GitHub's heading slug: lower case, spaces to hyphens.
        assert heading[3:].lower().replace(" ", "-") == chk.anchor.split("#", 1)[1]
        assert f"](#{chk.anchor.split('#', 1)[1]})" in page


def test_the_page_runs_as_a_doctest() -> None:
    result = doctest.testfile(
        str(PAGE),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.attempted > 4 * len(rules())
    assert result.failed == 0


def test_rule_markdown_accepts_codes_and_names() -> None:
    assert rule_markdown("AM201") == rule_markdown("quote-not-in-source")
    assert "**Why.**" in rule_markdown("am201")
