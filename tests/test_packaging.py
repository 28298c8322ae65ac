"""The package's metadata tells the truth: licence file, Python versions, schema identity."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_licence_file_matches_the_metadata() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "WITHOUT WARRANTY OF ANY KIND" in text


def test_version_classifiers_follow_requires_python() -> None:
    minimum = tuple(int(x) for x in re.findall(r"\d+", PROJECT["requires-python"])[:2])
    versions = [
        tuple(int(x) for x in c.rsplit(":: ", 1)[1].split("."))
        for c in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions, "name the Python versions argmap is tested on"
    assert min(versions) == minimum
    assert sys.version_info[:2] >= minimum


def test_readme_names_the_licence() -> None:
    assert "MIT" in (ROOT / "README.md").read_text(encoding="utf-8")
