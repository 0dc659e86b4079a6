"""PostgresStore: a ledger in a PostgreSQL table, for many writers on many machines.

One row per event, numbered by its version, with the schema version it was written in
and the exact bytes :func:`~matchledger.codec.encode_event` made of it; rows of an
older schema are upgraded as they are read. An append is one transaction: it takes a
transaction-level advisory lock that every writer of the table takes (derived from
the table's schema-qualified name), catches up with what other writers committed,
checks the expected version, validates the batch, inserts it and commits. Writers on
any number of machines therefore take turns, and a batch is written whole or not at
all. A committed batch is as durable as the server's settings make a commit
(``fsync`` and ``synchronous_commit`` on, PostgreSQL's defaults).

It needs psycopg 3, installed with the extra ``matchledger[postgres]``; the rest of
matchledger imports without it.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from matchledger.codec import SCHEMA_VERSION, encode_event
from matchledger.errors import StoreError
from matchledger.events import Event
from matchledger.store._base import StoreBase

if TYPE_CHECKING:  # pragma: no cover
    import psycopg
    from psycopg import sql

__all__ = ["PostgresStore"]

DEFAULT_TABLE: Final = "matchledger_events"
"""The table a store uses unless told otherwise."""

_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,56}")
_SETUP_LOCK: Final = "matchledger: create a table"
_LOCK_PREFIX: Final = "matchledger: append to "
_KV_PASSWORD: Final = re.compile(r"(?i)\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|\S*)")
_INSTALL_HINT: Final = "PostgresStore needs psycopg 3: install matchledger[postgres]"


def _lock_key(text: str) -> int:
    """A stable 64-bit advisory lock key for ``text`` (the same in every process)."""
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _public(dsn: str) -> tuple[str, list[str]]:
    """The DSN without its password (to name the store), and the passwords it holds."""
    if re.match(r"(?i)postgres(?:ql)?://", dsn):
        try:
            parts = urlsplit(dsn)
        except ValueError:
            return f"{dsn.partition('://')[0]}://...", []
        userinfo, at, hosts = parts.netloc.rpartition("@")
        user, colon, password = userinfo.partition(":")
        secrets = [password, unquote(password)] if colon and password else []
        query = []
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key.lower() == "password":
                secrets += [value] if value else []
            else:
                query.append((key, value))
        netloc = f"{user}@{hosts}" if at and user else hosts
        public = urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), parts.fragment))
        return public, secrets
    secrets = [m.group(1).strip("'") for m in _KV_PASSWORD.finditer(dsn) if m.group(1)]
    public = " ".join(_KV_PASSWORD.sub("", dsn).split())
    return public, secrets


def _parse_table(table: str) -> tuple[str, ...]:
    parts = tuple(table.split("."))
    if not 1 <= len(parts) <= 2 or not all(_IDENTIFIER.fullmatch(p) for p in parts):
        msg = (
            f"PostgresStore: table must be a name or schema.name of letters, digits and "
            f"underscores (at most 57 each), got {table!r}"
        )
        raise StoreError(msg)
    return parts


class PostgresStore(StoreBase):
    """An event store in a PostgreSQL table, shared by writers on any number of machines.

    Args:
        dsn: a libpq connection string, as a URL (``postgresql://user@host/db``) or as
            ``key=value`` pairs. The password in it never appears in the store's name
            or in its messages.
        table: the table, ``name`` or ``schema.name`` (created when missing, with an
            index on ``match_id``); one database can hold several ledgers.
        timeout: seconds an append waits for another writer's transaction to end.
        connect_timeout: seconds to wait for the server, unless the DSN says.

    Raises:
        StoreError: psycopg is not installed, the server cannot be reached, or the
            table cannot be created or is not a matchledger store.

    Example:
        ``PostgresStore("postgresql://ml@db.example/ledgers").append(events, 0)``
        appends to the table ``matchledger_events`` of the database ``ledgers``, as
        :class:`SQLiteStore <matchledger.store.SQLiteStore>` appends to a file.
    """

    def __init__(
        self,
        dsn: str,
        *,
        table: str = DEFAULT_TABLE,
        timeout: float = 30.0,
        connect_timeout: int = 10,
    ) -> None:
        """Connect, create the table when missing and read what is in it."""
        super().__init__()
        if not isinstance(dsn, str):
            raise StoreError(f"PostgresStore: dsn must be a string, got {type(dsn).__name__}")
        public, self._secrets = _public(dsn)
        self.name = public if table == DEFAULT_TABLE else f"{public} (table {table})"
        self.table = table
        parts = _parse_table(table)
        try:
            from psycopg import sql  # noqa: PLC0415 - the optional extra, imported on first use
        except ImportError:
            raise StoreError(f"{self.name}: {_INSTALL_HINT}") from None
        self._dsn = dsn
        self._timeout_ms = max(1, round(timeout * 1000))
        self._connect_timeout = connect_timeout
        self._closed = False
        self._writing = False
        ident = sql.Identifier(*parts)
        self._select = sql.SQL(
            "SELECT version, schema_version, body FROM {} WHERE version > %s ORDER BY version"
        ).format(ident)
        self._insert = sql.SQL(
            "INSERT INTO {} (version, schema_version, event_id, match_id, body) "
            "VALUES (%s, %s, %s, %s, %s)"
        ).format(ident)
        self._conn: psycopg.Connection[tuple[Any, ...]] = self._connect()
        try:
            self._key = self._set_up(ident, parts)
            self._catch_up()
        except BaseException:
            self._conn.close()
            raise

    # --- the connection ------------------------------------------------------------------

    def _reason(self, exc: BaseException) -> str:
        """The driver's message on one line, without the password."""
        lines = (" ".join(line.split()) for line in str(exc).splitlines())
        text = "; ".join(line for line in lines if line) or type(exc).__name__
        text = text.replace(" ".join(self._dsn.split()), self.name)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def _connect(self) -> psycopg.Connection[tuple[Any, ...]]:
        import psycopg  # noqa: PLC0415

        try:
            given = psycopg.conninfo.conninfo_to_dict(self._dsn)
            extra: dict[str, Any] = (
                {} if "connect_timeout" in given else {"connect_timeout": self._connect_timeout}
            )
            return psycopg.connect(self._dsn, autocommit=True, **extra)
        except (psycopg.Error, OSError, ValueError) as exc:
            msg = f"{self.name}: cannot connect ({self._reason(exc)})"
            raise StoreError(msg) from None

    def _live(self) -> psycopg.Connection[tuple[Any, ...]]:
        """The connection; a new one when the last was lost (never inside an append)."""
        if self._closed:
            raise StoreError(f"{self.name}: the store is closed")
        if self._conn.closed and not self._writing:
            self._conn = self._connect()
        return self._conn

    def close(self) -> None:
        """Close the connection to the server."""
        self._closed = True
        self._conn.close()

    def _set_up(self, ident: sql.Identifier, parts: tuple[str, ...]) -> int:
        """Create the table when missing; the advisory lock key of its appends."""
        import psycopg  # noqa: PLC0415
        from psycopg import sql  # noqa: PLC0415

        conn = self._conn
        qualified = ident.as_string(conn)
        index = sql.Identifier(f"{parts[-1]}_match")
        find = (
            "SELECT n.nspname, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(%s)"
        )
        try:
            found = conn.execute(find, (qualified,)).fetchone()
            if found is None:
                with conn.transaction():  # writers starting at once create it once
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_lock_key(_SETUP_LOCK),))
                    if conn.execute(find, (qualified,)).fetchone() is None:
                        conn.execute(
                            sql.SQL(
                                "CREATE TABLE {} ("
                                "version BIGINT PRIMARY KEY, "
                                "schema_version INTEGER NOT NULL, "
                                "event_id TEXT NOT NULL UNIQUE, "
                                "match_id TEXT, "
                                "body BYTEA NOT NULL)"
                            ).format(ident)
                        )
                        conn.execute(
                            sql.SQL("CREATE INDEX {} ON {} (match_id)").format(index, ident)
                        )
                found = conn.execute(find, (qualified,)).fetchone()
            conn.execute(
                sql.SQL(
                    "SELECT version, schema_version, event_id, match_id, body FROM {} WHERE false"
                ).format(ident)
            )
        except psycopg.Error as exc:
            msg = f"{self.name}: cannot be opened as a store ({self._reason(exc)})"
            raise StoreError(msg) from None
        if found is None:  # pragma: no cover - dropped between the two statements
            raise StoreError(f"{self.name}: the table {qualified} is gone")
        schema, relname = found
        return _lock_key(_LOCK_PREFIX + sql.Identifier(schema, relname).as_string(conn))

    # --- reading and writing ------------------------------------------------------------------

    def _rows(self, after: int) -> list[tuple[Any, ...]]:
        import psycopg  # noqa: PLC0415

        for attempt in (1, 2):
            conn = self._live()
            try:
                return conn.execute(self._select, (after,)).fetchall()
            except psycopg.Error as exc:
                # a lost connection is opened again once, outside an append: reading
                # is safe to repeat
                if attempt == 1 and conn.closed and not self._writing and not self._closed:
                    continue
                msg = f"{self.name}: cannot be read ({self._reason(exc)})"
                raise StoreError(msg) from None
        raise AssertionError  # pragma: no cover - the loop returns or raises

    def _fetch(self, after: int) -> list[Event]:
        rows = self._rows(after)
        for n, row in enumerate(rows, start=after + 1):
            if row[0] != n:
                msg = (
                    f"{self.name}: version {n} is missing (the next row is version {row[0]}); "
                    "the table was changed other than by appending"
                )
                raise StoreError(msg)
        return self._decode_rows(rows)

    def _locked_append(self, batch: list[Event], expected_version: int | None) -> int:
        import psycopg  # noqa: PLC0415

        conn = self._live()
        committing = False
        self._writing = True
        try:
            with conn.transaction():
                conn.execute(
                    "SELECT set_config('lock_timeout', %s, true)", (f"{self._timeout_ms}ms",)
                )
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._key,))
                ledger = self._admit(batch, expected_version)
                start = len(ledger) - len(batch)
                if batch:
                    with conn.cursor() as cur:
                        cur.executemany(
                            self._insert,
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
                committing = True
        except psycopg.errors.LockNotAvailable:
            msg = (
                f"{self.name}: another writer held the store for more than "
                f"{self._timeout_ms / 1000:g} s; nothing was appended"
            )
            raise StoreError(msg) from None
        except psycopg.Error as exc:
            if committing and conn.closed:
                msg = (
                    f"{self.name}: the connection was lost while committing "
                    f"({self._reason(exc)}); the batch may or may not have been written: "
                    "read the store before appending it again"
                )
            else:
                msg = f"{self.name}: cannot be written ({self._reason(exc)}); nothing was appended"
            raise StoreError(msg) from None
        finally:
            self._writing = False
        return self._accept(ledger)
