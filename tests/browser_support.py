"""Chromium through playwright, for the tests that look at pages and drawings in a browser.

A test module calls :func:`require_chromium` at import time: the module is skipped, saying what
to install, when chromium or playwright is missing. CI installs both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

__all__ = ["CHROMIUM", "chromium", "require_chromium"]

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")


def require_chromium() -> ModuleType:
    """Skip the calling module unless chromium and playwright are installed; playwright's API."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(
            f"chromium is not installed at {CHROMIUM} (apt-get install -y chromium)",
            allow_module_level=True,
        )
    return pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )


@contextmanager
def chromium(sync_api: ModuleType) -> Iterator[Browser]:
    """A headless Chromium, closed at the end of the block."""
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield launched
        finally:
            launched.close()
