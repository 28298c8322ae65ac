"""Editing a map in place: remove, replace, rename and merge records, keeping references valid.

Each edit is checked in full before it changes anything, so a failed edit leaves no trace, and it
ends in one change event naming every record it removed and added. The methods live on
:class:`_Editing`, which :class:`~argmap.model.ArgumentMap` inherits.
"""

from __future__ import annotations

from argmap.model.builders import _Builders

__all__: list[str] = []


class _Editing(_Builders):
    """The editing methods of :class:`~argmap.model.ArgumentMap`."""

    __slots__ = ()
