"""Fuzzing the stores' readers: a damaged JSON Lines file or SQLite database, opened and read.

A store file may come from anywhere (a copy, a disk that failed, another program).
Opening, reading and appending to a damaged one either works or raises a
``LedgerError`` (a ``StoreError``, or the ledger's own rejection), with a one-line
message, within the time bound.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import matchledger as ml
from fuzzing import examples, only_ledger_errors
from matchledger.errors import LedgerError
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


@examples(0.5)
@given(st.integers(0, len(SQLITE) - 1), st.binary(min_size=1, max_size=64), st.booleans())
def test_damaged_sqlite_stores(at: int, patch: bytes, cut: bool) -> None:
    data = SQLITE[:at] if cut else SQLITE[:at] + patch + SQLITE[at + len(patch) :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "store.sqlite")
        path.write_bytes(data)
        _use(path)
