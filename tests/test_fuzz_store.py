"""Fuzzing the stores' readers: a damaged JSON Lines file or SQLite database, opened and read.

A store file may come from anywhere (a copy, a disk that failed, another program).
Opening, reading and appending to a damaged one either works or raises a
``LedgerError`` (a ``StoreError``, or the ledger's own rejection), with a one-line
message, within the time bound.
"""

from __future__ import annotations

import sqlite3
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import matchledger as ml
from fuzzing import examples, only_ledger_errors
from matchledger.errors import LedgerError, StoreError
from matchledger.store import SQLiteStore, StoreBase, open_store
from matchledger.strategies import corrupted_documents

EVENTS = ml.load_example().events
LINES = ml.dumps(ml.load_example(), lines=True)


def _sqlite() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "store.sqlite")
        with SQLiteStore(path) as store:
            store.append(EVENTS[:10])
        return path.read_bytes()


SQLITE = _sqlite()


def _use(path: Path) -> None:
    """Open the store, read it, append to it, read it again."""
    store = only_ledger_errors(open_store, str(path))
    if isinstance(store, LedgerError):
        return
    assert isinstance(store, StoreBase)
    try:
        ledger = only_ledger_errors(store.read)
        if isinstance(ledger, ml.Ledger):
            assert ml.loads(ml.dumps(ledger)) == ledger
            only_ledger_errors(store.append, EVENTS[len(ledger) : len(ledger) + 3])
            only_ledger_errors(store.read)
    finally:
        store.close()


@given(corrupted_documents(st.just(LINES)))
def test_damaged_file_stores(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a torn tail cut off is said with a warning
        path = Path(folder, "store.jsonl")
        path.write_bytes(data)
        _use(path)


def _damaged_sqlite(at: int, patch: bytes, cut: bool) -> None:
    data = SQLITE[:at] if cut else SQLITE[:at] + patch + SQLITE[at + len(patch) :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "store.sqlite")
        path.write_bytes(data)
        _use(path)


@examples(0.5)
@given(st.integers(0, len(SQLITE) - 1), st.binary(min_size=1, max_size=64), st.booleans())
def test_damaged_sqlite_stores(at: int, patch: bytes, cut: bool) -> None:
    _damaged_sqlite(at, patch, cut)


@pytest.mark.parametrize(
    ("at", "patch", "cut"),
    [
        # the database cut inside its last page: a row of NULLs, and TypeError on None > 2
        (24581, b"\x00", True),
        # a byte of the header changed: PRAGMA journal_mode's text was not UTF-8
        (4032, b"\x80", False),
        # a quote in the stored schema: SQLite's message held the schema's line breaks
        (3849, b'"', False),
    ],
    ids=["cut", "not-utf-8", "message-lines"],
)
def test_found_by_fuzzing(at: int, patch: bytes, cut: bool) -> None:
    """The exact inputs (for this SQLite's file layout) the long campaign found."""
    _damaged_sqlite(at, patch, cut)


def test_a_damaged_row_is_a_store_error(tmp_path: Path) -> None:
    """Whatever the file's layout: a row whose columns are of the wrong type."""
    path = tmp_path / "store.sqlite"
    path.write_bytes(SQLITE)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints=ON")
        db.execute("UPDATE matchledger_events SET body = 12345 WHERE version = 3")
    with pytest.raises(StoreError, match="the row of version 3 is damaged"):
        SQLiteStore(path)
