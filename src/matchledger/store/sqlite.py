"""SQLiteStore: a ledger in an SQLite database (the standard library's ``sqlite3``).

One row per event, numbered by its version, with the schema version it was written
in (so a database may hold events of several schema versions; each is upgraded as it
is read). The database runs in WAL mode with ``synchronous=FULL``: a committed batch
survives a crash of the process or of the machine. An append is one ``BEGIN
IMMEDIATE`` transaction, so writers in several processes take turns, and a batch is
written whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from matchledger.codec import SCHEMA_VERSION, encode_event
from matchledger.errors import StoreError
from matchledger.events import Event
from matchledger.store._base import StoreBase

__all__ = ["SQLiteStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS matchledger_events (
    version INTEGER PRIMARY KEY,
    schema_version INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    match_id TEXT,
    body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS matchledger_events_match ON matchledger_events (match_id);
"""


class SQLiteStore(StoreBase):
    """An event store in an SQLite database file.

    Args:
        path: the database file (created when missing), or ``":memory:"``.
        timeout: seconds to wait for another writer's transaction to end.

    Raises:
        StoreError: the database cannot be opened or is not a matchledger store.

    Example:
        >>> from matchledger import load_example
        >>> store = SQLiteStore(":memory:")
        >>> store.append(load_example().events[:3])
        3
        >>> store.read().match_ids
        ('inter-atalanta-2020-01-11',)
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        """Open (or create) the database and read what is in it."""
        super().__init__()
        self.path = path if str(path) == ":memory:" else Path(path)
        self.name = str(path)
        try:
            self._db = sqlite3.connect(
                str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            _use_wal(self._db, timeout)
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, UnicodeDecodeError) as exc:  # text a damaged file holds too
            raise StoreError(f"{self.name}: cannot be opened as a store ({exc})") from None
        self._catch_up()

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def _fetch(self, after: int) -> list[Event]:
        try:
            rows = self._db.execute(
                "SELECT version, schema_version, body FROM matchledger_events "
                "WHERE version > ? ORDER BY version",
                (after,),
            ).fetchall()
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise StoreError(f"{self.name}: cannot be read ({exc})") from None
        for version, schema, body in rows:  # SQLite keeps whatever a damaged file holds
            if type(version) is not int or type(schema) is not int or type(body) is not bytes:
                raise StoreError(
                    f"{self.name}: the row of version {version!r} is damaged (schema_version "
                    f"{schema!r}, a body of type {type(body).__name__})"
                )
        return self._decode_rows(rows)

    def _locked_append(self, batch: list[Event], expected_version: int | None) -> int:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.name}: cannot start a write ({exc})") from None
        try:
            ledger = self._admit(batch, expected_version)
            start = len(ledger) - len(batch)
            db.executemany(
                "INSERT INTO matchledger_events "
                "(version, schema_version, event_id, match_id, body) VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        start + n + 1,
                        SCHEMA_VERSION,
                        e.event_id,
                        getattr(e, "match_id", None),
                        encode_event(e),
                    )
                    for n, e in enumerate(batch)
                ],
            )
            db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):  # the transaction may be gone already
                db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"{self.name}: cannot be written ({exc}); nothing was appended"
                ) from None
            raise
        return self._accept(ledger)


def _use_wal(db: sqlite3.Connection, timeout: float) -> None:
    """Put the database in WAL mode, waiting up to ``timeout`` seconds for other openers.

    SQLite does not call its busy handler for this pragma: when several processes open
    a new database at once, all but one would fail at once with "database is locked".
    WAL is a property of the file, so only the first opening converts it.
    """
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            (mode,) = db.execute("PRAGMA journal_mode").fetchone()
            if mode != "wal":
                db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorcode", None) in (
                sqlite3.SQLITE_BUSY,
                sqlite3.SQLITE_LOCKED,
            )
            if not busy or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(2 * pause, 0.1)
        else:
            return
