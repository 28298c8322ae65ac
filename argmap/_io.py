"""File plumbing shared by the readers, writers and renderers: paths or open files, atomic writes.

A write never leaves a half-written file: the content goes to a temporary file in the target's
folder, which is then renamed over the target (atomic on POSIX and Windows).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import IO, Any

__all__ = ["PathOrFile", "atomic_write", "read_text", "source_name"]

PathOrFile = str | os.PathLike[str] | IO[str] | IO[bytes]


def source_name(path_or_file: Any) -> str | None:
    """Return a printable name for a path or an open file (``None`` when it has none)."""
    if isinstance(path_or_file, str | os.PathLike):
        return os.fspath(path_or_file)
    name = getattr(path_or_file, "name", None)
    return name if isinstance(name, str) else None


def read_text(path_or_file: PathOrFile, *, encoding: str = "utf-8") -> tuple[str, str | None]:
    """Read all text from a path or an open file; return it with the source's name.

    Raises:
        FormatError: The file cannot be opened or is not valid text in ``encoding``.
    """
    from argmap.errors import FormatError

    name = source_name(path_or_file)
    try:
        if isinstance(path_or_file, str | os.PathLike):
            data: str | bytes = Path(path_or_file).read_bytes()
        else:
            data = path_or_file.read()
        if isinstance(data, bytes):
            data = data.decode(encoding)
    except FileNotFoundError:
        raise FormatError("no such file", file=name) from None
    except IsADirectoryError:
        raise FormatError("is a folder, expected a file", file=name) from None
    except PermissionError:
        raise FormatError("permission denied", file=name) from None
    except UnicodeDecodeError as err:
        raise FormatError(
            f"not valid {encoding} text (byte {err.start}): expected {encoding}", file=name
        ) from None
    return data, name


def atomic_write(path_or_file: PathOrFile, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to a path atomically, or to an open file as it is.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> atomic_write(target, "hello")
        >>> target.read_text()
        'hello'
    """
    if not isinstance(path_or_file, str | os.PathLike):
        stream: Any = path_or_file
        if isinstance(data, str) and "b" in getattr(stream, "mode", ""):
            data = data.encode(encoding)
        stream.write(data)
        return
    target = Path(path_or_file)
    raw = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = _new_temp_file(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        # An existing file keeps its permissions; a new one has what the kernel gave the
        # temporary file: 0o666 less the umask (or the folder's default ACL).
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).chmod(stat.S_IMODE(target.stat().st_mode))
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_temp_file(target: Path) -> tuple[int, str]:
    """Create a fresh hidden file beside ``target``, opened for writing; return it and its path.

    ``tempfile.mkstemp`` creates its file 0o600, and learning the umask to widen that means
    setting it (``os.umask`` has no read-only form), which races with every other thread that
    creates a file. ``os.open`` with 0o666 lets the kernel apply the umask instead.
    """
    folder = target.parent  # "." for a bare file name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(99):
        tmp = os.fspath(folder / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue  # another writer drew the same name: draw again
    # A hundredth clash is no longer chance: let the system's own error say what is wrong.
    tmp = os.fspath(folder / f".{target.name}.{secrets.token_hex(6)}.tmp")
    return os.open(tmp, flags, 0o666), tmp
