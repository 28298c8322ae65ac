"""A value argmap does not accept raises argmap's own error, which old `except ValueError` keeps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from argmap import ArgumentMap
from argmap.checks.registry import register, severity_rank
from argmap.checks.report import format_findings
from argmap.errors import ArgmapError, OptionError, SemanticsError
from argmap.semantics import ArgumentationFramework, af_from_map, extensions, statement_labelling


def _map() -> ArgumentMap:
    m = ArgumentMap()
    m.rebut(m.claim("A", id="a"), m.claim("B", id="b"))
    return m


AF = ArgumentationFramework(attacks=[("a", "b")])

CASES: list[tuple[Callable[[], Any], type[ArgmapError], str]] = [
    (lambda: extensions(AF, "grounded-ish"), SemanticsError, "unknown semantics 'grounded-ish'"),
    (lambda: extensions(AF, "preferred", limit=-1), SemanticsError, "limit must be >= 0"),
    (lambda: af_from_map(_map(), "deep"), SemanticsError, "unknown level 'deep'"),
    (lambda: af_from_map(_map(), "bipolar"), SemanticsError, "needs support="),
    (lambda: af_from_map(_map(), support="deductive"), SemanticsError, "applies only to"),
    (
        lambda: statement_labelling(_map(), level="structured", support="general"),
        SemanticsError,
        "applies only to",
    ),
    (lambda: format_findings([], "xml"), OptionError, "unknown findings format 'xml'"),
    (lambda: severity_rank("fatal"), OptionError, "unknown severity 'fatal'"),
    (
        lambda: register("X1", "bad-code", severity="info"),
        OptionError,
        "must be 'AM' and three digits",
    ),
    (lambda: register("AM999", "Not Kebab", severity="info"), OptionError, "must be kebab-case"),
]


@pytest.mark.parametrize(("call", "error", "message"), CASES)
def test_a_value_argmap_does_not_accept_raises_its_own_error(
    call: Callable[[], Any], error: type[ArgmapError], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        call()
    assert isinstance(caught.value, OptionError) and isinstance(caught.value, ValueError)
    assert caught.value.code == error.code


def test_codes_are_distinct() -> None:
    import argmap.errors as errors

    classes = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, ArgmapError)
    ]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), codes
