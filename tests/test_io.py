"""The atomic writer: content, permissions, the process umask, no leftovers."""

from __future__ import annotations

import io
import os
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap._io import atomic_write

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_a_new_file_follows_the_umask(tmp_path: Path, umask_027: None) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "hello")
    assert target.read_text() == "hello"
    assert _mode(target) == 0o640
    current = os.umask(0o022)
    os.umask(current)
    assert current == 0o027, "the writer must leave the process umask as it found it"


@posix_only
def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask_027: None) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o604)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o604


def test_the_writer_never_sets_the_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.umask has no read-only form: calling it at all would race with other threads."""

    def forbidden(mask: int) -> int:
        raise AssertionError("atomic_write called os.umask")

    monkeypatch.setattr(os, "umask", forbidden)
    atomic_write(tmp_path / "a.txt", "x")
    atomic_write(tmp_path / "a.txt", "y")
    assert (tmp_path / "a.txt").read_text() == "y"


def test_writers_in_threads_leave_whole_files_and_no_temporaries(tmp_path: Path) -> None:
    def write(i: int) -> None:
        for k in range(20):
            atomic_write(tmp_path / f"f{i % 3}.txt", f"{i}-{k}\n" * 100)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f0.txt", "f1.txt", "f2.txt"]
    for p in tmp_path.iterdir():
        lines = p.read_text().splitlines()
        assert len(lines) == 100 and len(set(lines)) == 1


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(TypeError):
        atomic_write(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_open_file_is_written_as_it_is() -> None:
    text, binary = io.StringIO(), io.BytesIO()
    atomic_write(text, "é")
    atomic_write(binary, b"\xc3\xa9")
    assert text.getvalue() == "é" and binary.getvalue() == "é".encode()
