"""Kept for imports written before the strategies were merged: use ``tests.strategies`` instead.

``maps`` here is :func:`tests.strategies.rich_maps` and ``texts`` is
:data:`tests.strategies.any_texts`; this module draws nothing of its own.
"""

from __future__ import annotations

from tests.strategies import any_texts as texts
from tests.strategies import json_data
from tests.strategies import rich_maps as maps

__all__ = ["json_data", "maps", "texts"]
