"""Event stores: the shared contract, run against every store that runs here."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import sqlite3
import threading
import time
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import settings

import matchledger as ml
from matchledger.codec import SCHEMA_VERSION, encode_event
from matchledger.errors import StoreError
from matchledger.store import FileStore, SQLiteStore, StoreBase, StoreRecoveryWarning
from matchledger.store import file as file_module
from store_contract import contract_machine
from store_writer import renamed_copies


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def test_file_store_contract(tmp_path: Path) -> None:
    machine = contract_machine(lambda name: FileStore(tmp_path / f"{name}.jsonl"))
    machine.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
    machine.TestCase().runTest()


def test_sqlite_store_contract(tmp_path: Path) -> None:
    machine = contract_machine(lambda name: SQLiteStore(tmp_path / f"{name}.sqlite"))
    machine.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
    machine.TestCase().runTest()


# --- what every store shares: versions, reads, matches ------------------------------------------

TWO_MATCHES = renamed_copies("s", 2)  # the example match twice over, one after the other
HALF = len(TWO_MATCHES) // 2  # where the second match starts
FIRST_MATCH = TWO_MATCHES[0].match_id  # type: ignore[attr-defined]


def _open(kind: str, folder: Path) -> StoreBase:
    if kind == "file":
        return FileStore(folder / "store.jsonl", fsync=False)
    return SQLiteStore(folder / "store.sqlite")


@pytest.fixture(params=["file", "sqlite"])
def two_matches(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreBase]:
    store = _open(request.param, tmp_path)
    store.append(TWO_MATCHES, expected_version=0)
    yield store
    store.close()


@pytest.mark.parametrize("version", [-1, "3", 2.0])
def test_an_expected_version_that_is_not_a_version_is_refused(
    tmp_path: Path, version: object
) -> None:
    with _open("file", tmp_path) as store:
        with pytest.raises(
            StoreError, match=rf"expected_version must be a version \(0 or more\), got {version!r}"
        ):
            store.append(TWO_MATCHES[:3], expected_version=version)  # type: ignore[arg-type]
        assert store.version == 0
    assert (tmp_path / "store.jsonl").read_bytes().count(b"\n") == 1  # the header only


def test_read_from_a_version_where_matches_start(two_matches: StoreBase) -> None:
    second = two_matches.read(HALF)
    assert list(second) == list(TWO_MATCHES[HALF:])
    assert second.match_ids == (TWO_MATCHES[HALF].match_id,)  # type: ignore[attr-defined]
    assert two_matches.read(len(TWO_MATCHES)) == ml.Ledger()


def test_read_from_inside_a_match_says_to_use_events(two_matches: StoreBase) -> None:
    with pytest.raises(StoreError) as caught:
        two_matches.read(5)
    message = str(caught.value)
    assert "the events after version 5 do not form a ledger on their own" in message
    assert message.endswith("; use events(5) or read()")
    assert two_matches.events(5) == TWO_MATCHES[5:]


@pytest.mark.parametrize("version", [-1, 2 * HALF + 1, 1.5])
def test_a_version_outside_the_store_is_refused(two_matches: StoreBase, version: object) -> None:
    message = rf"from_version {version!r} is outside 0\.\.{2 * HALF}$"
    with pytest.raises(StoreError, match=message):
        two_matches.events(version)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match=message):
        two_matches.read(version)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match=message):
        next(two_matches.subscribe(version, timeout=0))  # type: ignore[arg-type]


def test_read_match_gives_one_match_or_says_there_is_none(two_matches: StoreBase) -> None:
    first = two_matches.read_match(FIRST_MATCH)
    assert list(first) == list(TWO_MATCHES[:HALF])
    with pytest.raises(StoreError, match=r": no match 'nope' in the store$"):
        two_matches.read_match("nope")


def test_a_store_shows_its_name_and_version(two_matches: StoreBase) -> None:
    kind = type(two_matches).__name__
    assert repr(two_matches) == f"<{kind} {two_matches.name}: version {2 * HALF}>"


def test_stored_events_that_do_not_form_a_ledger_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(TWO_MATCHES[:3], expected_version=0)
    with path.open("ab") as f:  # written by something else: the second event again
        f.write(encode_event(TWO_MATCHES[1]) + b"\n")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"the stored events do not form a valid ledger: ") as e:
        FileStore(path)
    assert str(e.value).startswith(f"{path}: ")
    assert TWO_MATCHES[1].event_id in str(e.value)
    assert path.read_bytes() == before  # nothing cut: it is not a torn write


# --- SQLiteStore ---------------------------------------------------------------------------------


def test_an_sqlite_store_whose_table_went_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    store = SQLiteStore(path)
    store.append(TWO_MATCHES[:3], expected_version=0)
    with sqlite3.connect(path) as db:  # another program dropped it
        db.execute("DROP TABLE matchledger_events")
    with pytest.raises(StoreError, match=r"cannot be read \(no such table: matchledger_events\)"):
        store.version  # noqa: B018 - the property reads the database
    store.close()


def _writing(path: Path) -> sqlite3.Connection:
    """A connection in the middle of a write to a new (not yet WAL) database.

    SQLite does not call its busy handler for a change of journal mode while another
    connection writes: the store must wait for it by itself.
    """
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("CREATE TABLE other (x)")
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO other VALUES (1)")
    return db


def test_an_sqlite_store_waits_for_a_writer_to_turn_the_database_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    writer = _writing(path)
    ended = threading.Timer(0.1, writer.execute, ["COMMIT"])
    ended.start()
    try:
        with SQLiteStore(path, timeout=10) as store:
            assert store.append(TWO_MATCHES[:2], expected_version=0) == 2
    finally:
        ended.join()
        writer.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT x FROM other").fetchall() == [(1,)]


def test_an_sqlite_store_gives_up_on_a_writer_that_stays(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    writer = _writing(path)
    try:
        start = time.monotonic()
        with pytest.raises(StoreError, match=r"cannot be opened as a store \(database is locked\)"):
            SQLiteStore(path, timeout=0.05)
        assert time.monotonic() - start < 5
        writer.execute("COMMIT")
        assert writer.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        writer.close()


# --- FileStore: opening, the file going, failures, older schemas ---------------------------------

V1_LINES = Path(__file__).with_name("fixtures") / "schema-v1.jsonl"


def _os_with(**calls: Callable[..., Any]) -> types.SimpleNamespace:
    """``os`` as the FileStore module sees it, with some calls replaced."""
    return types.SimpleNamespace(**{**vars(os), **calls})


def _fail(code: int) -> Callable[..., Any]:
    def fail(*_: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def test_a_store_that_must_exist_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    with pytest.raises(StoreError, match=rf"^{re.escape(str(path))}: no such store file$"):
        FileStore(path, create=False)
    assert not path.exists()
    with FileStore(path) as store:
        store.append(TWO_MATCHES[:2], expected_version=0)
    with FileStore(path, create=False) as store:
        assert list(store.read()) == list(TWO_MATCHES[:2])


def test_a_closed_store_cannot_be_appended_to(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    store = FileStore(path)
    store.append(TWO_MATCHES[:2], expected_version=0)
    store.close()
    store.close()  # closing again does nothing
    with pytest.raises(StoreError, match=r": the store is closed$"):
        store.append(TWO_MATCHES[2:3], expected_version=2)
    assert list(ml.load(path)) == list(TWO_MATCHES[:2])


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "store.jsonl"
    folder.mkdir()
    with pytest.raises(StoreError, match=r"cannot be read \(Is a directory\)"):
        FileStore(folder)


def test_a_store_whose_name_leads_nowhere_cannot_be_created(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    path.symlink_to(tmp_path / "no-such-folder" / "store.jsonl")  # a dangling link
    with pytest.raises(StoreError, match=r"cannot be created \(No such file or directory\)"):
        FileStore(path)
    assert not (tmp_path / "no-such-folder").exists()


def test_a_store_file_that_went_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    store = FileStore(path)
    store.append(TWO_MATCHES[:2], expected_version=0)
    path.unlink()
    with pytest.raises(StoreError, match=r"cannot be read \(No such file or directory\)"):
        store.version  # noqa: B018 - the property reads the file
    store.close()


def test_a_torn_tail_is_cut_without_fsync_too(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    with FileStore(path, fsync=False) as store:
        store.append(TWO_MATCHES[:2], expected_version=0)
    good = path.read_bytes()
    with path.open("ab") as f:
        f.write(encode_event(TWO_MATCHES[2])[:20])
    with pytest.warns(StoreRecoveryWarning, match=r"cut off a torn last line \(20 bytes\)"):
        store = FileStore(path, fsync=False)
    store.close()
    assert path.read_bytes() == good


def test_a_torn_tail_that_cannot_be_cut_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(TWO_MATCHES[:2], expected_version=0)
    with path.open("ab") as f:
        f.write(encode_event(TWO_MATCHES[2])[:20])
    torn = path.read_bytes()
    monkeypatch.setattr(file_module, "os", _os_with(ftruncate=_fail(errno.EIO)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing was cut, so no warning says it was
        with pytest.raises(
            StoreError,
            match=r"cannot cut off a torn last line left by an interrupted write "
            r"\(Input/output error\)$",
        ):
            FileStore(path)
    assert path.read_bytes() == torn
    monkeypatch.undo()
    with pytest.warns(StoreRecoveryWarning), FileStore(path) as store:
        assert store.version == 2


def test_a_failing_write_without_fsync_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.jsonl"
    store = FileStore(path, fsync=False)
    store.append(TWO_MATCHES[:2], expected_version=0)
    before = path.read_bytes()

    def half_then_full(fd: int, data: bytes) -> int:
        os.write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(file_module, "os", _os_with(write=half_then_full))
        with pytest.raises(
            StoreError, match=r"cannot be written \(No space left on device\); nothing was appended"
        ):
            store.append(TWO_MATCHES[2:6], expected_version=2)
    assert path.read_bytes() == before
    assert store.append(TWO_MATCHES[2:6], expected_version=2) == 6
    store.close()


def test_a_file_that_cannot_be_examined_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.jsonl"
    store = FileStore(path)
    store.append(TWO_MATCHES[:2], expected_version=0)
    before = path.read_bytes()
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND:  # the descriptor an append writes to
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_fstat(fd)

    with monkeypatch.context() as patch:
        patch.setattr(file_module, "os", _os_with(fstat=fstat))
        with pytest.raises(StoreError, match=r"cannot be written \(Input/output error\)$"):
            store.append(TWO_MATCHES[2:4], expected_version=2)
    assert path.read_bytes() == before
    assert store.version == 2
    store.close()


def _v1_store(tmp_path: Path) -> tuple[Path, ml.Ledger]:
    path = tmp_path / "store.jsonl"
    shutil.copyfile(V1_LINES, path)
    return path, ml.load(V1_LINES)


def test_the_first_append_rewrites_a_schema_1_file_at_the_current_version(tmp_path: Path) -> None:
    path, old = _v1_store(tmp_path)
    new = TWO_MATCHES[:3]
    with FileStore(path) as store, FileStore(path) as other:
        assert store.read() == old  # read through the upcasters, the file left as it is
        assert path.read_bytes() == V1_LINES.read_bytes()
        assert store.append(new, expected_version=len(old)) == len(old) + 3
        # another store sees a new file and reads it afresh
        assert list(other.read()) == [*old, *new]
    lines = path.read_bytes().splitlines()
    assert orjson.loads(lines[0]) == {"schema_version": SCHEMA_VERSION}
    assert list(ml.load(path)) == [*old, *new]
    assert not (tmp_path / ".store.jsonl.upgrade").exists()


def test_an_exclusive_store_keeps_its_hold_on_the_upgraded_file(tmp_path: Path) -> None:
    path, old = _v1_store(tmp_path)
    with FileStore(path, exclusive=True) as store:
        assert store.append(TWO_MATCHES[:3], expected_version=len(old)) == len(old) + 3
        with pytest.raises(StoreError, match="another store holds it exclusively"):
            FileStore(path, exclusive=True)
        assert store.append(TWO_MATCHES[3:5]) == len(old) + 5
    assert list(ml.load(path)) == [*old, *TWO_MATCHES[:5]]


def test_a_schema_1_file_that_cannot_be_rewritten_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, old = _v1_store(tmp_path)
    real_open = os.open

    def full_disk_for_the_copy(name: Any, flags: int, *args: Any) -> int:
        if str(name).endswith(".upgrade"):
            fd = real_open(name, flags, *args)  # created, then nothing fits in it
            os.close(fd)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(name, flags, *args)

    store = FileStore(path)
    with monkeypatch.context() as patch:
        patch.setattr(file_module, "os", _os_with(open=full_disk_for_the_copy))
        with pytest.raises(
            StoreError,
            match=rf"cannot be upgraded to schema {SCHEMA_VERSION} \(No space left on device\)$",
        ):
            store.append(TWO_MATCHES[:3], expected_version=len(old))
    assert path.read_bytes() == V1_LINES.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.jsonl", "store.jsonl.lock"]
    assert store.version == len(old)
    assert store.append(TWO_MATCHES[:3], expected_version=len(old)) == len(old) + 3
    store.close()
