"""FileStore's locks, within one process: writers take turns, an exclusive store fails at once.

``flock`` locks belong to an open file description, so a second descriptor of the lock
file in this process contends with a store exactly as a writer in another process does.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import matchledger as ml
from matchledger.errors import StoreError
from matchledger.store import FileStore
from matchledger.store import file as file_module
from store_writer import renamed_copies

EVENTS = renamed_copies("lock", 1)


def open_fds() -> int:
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


@contextmanager
def lock_held(path: Path) -> Iterator[int]:
    """The store's lock file, locked as a writer in the middle of an append locks it."""
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)


def flock_failing(when: Callable[[int, int], bool], code: int = errno.ENOLCK) -> object:
    """``fcntl`` as the FileStore module sees it, its ``flock`` failing ``when(fd, op)``."""

    def flock(fd: int, operation: int) -> None:
        if when(fd, operation):
            raise OSError(code, os.strerror(code))
        fcntl.flock(fd, operation)

    return types.SimpleNamespace(**{**vars(fcntl), "flock": flock})


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(EVENTS[:2], expected_version=0)
    return path


def test_a_second_writer_waits_for_the_lock(store_path: Path) -> None:
    store = FileStore(store_path)
    done: list[int | BaseException] = []

    def append() -> None:
        try:
            done.append(store.append(EVENTS[2:4], expected_version=2))
        except BaseException as exc:  # noqa: BLE001 - handed to the test to fail with
            done.append(exc)

    with lock_held(store_path) as fd:
        waiting = threading.Thread(target=append)
        waiting.start()
        waiting.join(0.2)
        assert waiting.is_alive()  # it waits its turn: no error, nothing written
        assert done == []
        assert list(ml.load(store_path)) == list(EVENTS[:2])
        fcntl.flock(fd, fcntl.LOCK_UN)
        waiting.join(10)
    assert done == [4]
    store.close()
    assert list(ml.load(store_path)) == list(EVENTS[:4])


def test_an_exclusive_store_does_not_wait_for_a_writer(store_path: Path) -> None:
    with lock_held(store_path):
        fds = open_fds()
        with pytest.raises(StoreError, match=r": another writer holds the store's lock$"):
            FileStore(store_path, exclusive=True)
        assert open_fds() == fds  # nothing left open
    with FileStore(store_path, exclusive=True) as store:
        assert store.append(EVENTS[2:3], expected_version=2) == 3


def test_an_exclusive_store_not_yet_made_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "new.jsonl"
    with lock_held(path), pytest.raises(StoreError, match="another writer holds the store's lock"):
        FileStore(path, exclusive=True)
    assert not path.exists()  # made by neither: the writer holding the lock makes it


def test_a_lock_the_system_refuses_is_an_error(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store_path.read_bytes()
    monkeypatch.setattr(file_module, "fcntl", flock_failing(lambda _fd, _op: True))
    fds = open_fds()
    with pytest.raises(StoreError, match=r": cannot lock the store \(No locks available\)$"):
        FileStore(store_path)
    assert open_fds() == fds
    assert store_path.read_bytes() == before


def test_a_holder_that_cannot_be_looked_for_is_taken_for_a_writer(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the shared lock that looks for an exclusive holder fails: no holder is assumed
    looking = flock_failing(lambda _fd, op: bool(op & fcntl.LOCK_SH))
    monkeypatch.setattr(file_module, "fcntl", looking)
    with lock_held(store_path), pytest.raises(StoreError, match="another writer holds"):
        FileStore(store_path, exclusive=True)


def test_an_exclusive_hold_the_system_refuses_is_an_error(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inode = store_path.stat().st_ino
    on_the_file = flock_failing(lambda fd, _op: os.fstat(fd).st_ino == inode)
    monkeypatch.setattr(file_module, "fcntl", on_the_file)
    fds = open_fds()
    with pytest.raises(StoreError, match=r": cannot lock the store \(No locks available\)$"):
        FileStore(store_path, exclusive=True)
    assert open_fds() == fds
    monkeypatch.undo()
    with FileStore(store_path, exclusive=True) as store:  # the failed hold left no lock
        assert store.version == 2


def test_an_exclusive_store_needs_to_read_its_file(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def unreadable(name: object, flags: int, *args: int) -> int:
        if str(name) == str(store_path) and flags == os.O_RDONLY:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    patched = types.SimpleNamespace(**{**vars(os), "open": unreadable})
    monkeypatch.setattr(file_module, "os", patched)
    fds = open_fds()
    with pytest.raises(StoreError, match=r": cannot be read \(Permission denied\)$"):
        FileStore(store_path, exclusive=True)
    assert open_fds() == fds


def test_a_reader_of_a_held_store_finds_a_file_that_is_no_ledger(store_path: Path) -> None:
    with FileStore(store_path, exclusive=True):
        # its holder would have checked it; a reader, which cannot take the lock, reads as is
        store_path.write_bytes(b"name,goals\nMessi,2\n")
        with pytest.raises(StoreError, match=r"line 1 is not a matchledger JSON Lines header$"):
            FileStore(store_path)
