"""Durable event stores: append with an expected version, crash safety, subscriptions.

Three stores share one protocol (:class:`EventStore`): :class:`FileStore` (a JSON
Lines file, embedded, no server), :class:`SQLiteStore` (the standard library's
SQLite) and ``PostgresStore`` (PostgreSQL, behind the extra ``matchledger[postgres]``,
for many writers on many machines). Every one validates a batch as
:meth:`Ledger.extend <matchledger.ledger.Ledger.extend>` does before writing any of
it, writes it whole or not at all, and refuses an append whose ``expected_version``
is not the store's (:class:`~matchledger.errors.ConcurrencyError`).

Example:
    >>> from matchledger import load_example
    >>> store = SQLiteStore(":memory:")
    >>> version = store.append(load_example().events[:5], expected_version=0)
    >>> store.append(load_example().events[5:7], expected_version=version)
    7
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from matchledger.errors import ConcurrencyError, StoreError
from matchledger.store._base import EventStore, StoreBase
from matchledger.store.file import FileStore, StoreRecoveryWarning
from matchledger.store.sqlite import SQLiteStore

if TYPE_CHECKING:  # pragma: no cover
    from matchledger.store.postgres import PostgresStore

__all__ = [
    "ConcurrencyError",
    "EventStore",
    "FileStore",
    "PostgresStore",
    "SQLiteStore",
    "StoreBase",
    "StoreError",
    "StoreRecoveryWarning",
    "open_store",
]


def __getattr__(name: str) -> Any:
    """``PostgresStore`` is imported on first use: it needs the extra ``[postgres]``."""
    if name == "PostgresStore":
        from matchledger.store.postgres import PostgresStore  # noqa: PLC0415

        return PostgresStore
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def open_store(target: str) -> StoreBase:
    """The store a command-line argument names.

    A ``postgresql://`` DSN, an SQLite file (``.sqlite``, ``.sqlite3``, ``.db``, or any
    file starting with SQLite's header), or else a JSON Lines file.

    Example:
        >>> type(open_store(":memory:")).__name__
        'SQLiteStore'
    """
    from pathlib import Path  # noqa: PLC0415

    if target.startswith(("postgresql://", "postgres://")):
        from matchledger.store.postgres import PostgresStore  # noqa: PLC0415

        store: StoreBase = PostgresStore(target)
        return store
    path = Path(target)
    if target == ":memory:" or path.suffix.lower() in (".sqlite", ".sqlite3", ".db"):
        return SQLiteStore(target)
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError:
        head = b""
    if head == b"SQLite format 3\x00":
        return SQLiteStore(target)
    return FileStore(target)
