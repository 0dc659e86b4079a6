"""What every event store shares: the protocol, validation, versions, subscriptions.

A store holds one append-only ledger durably. Its *version* is the number of events
in it. Every implementation follows the same steps for an append, inside its own
exclusive section (a file lock, a database transaction):

1. catch up with what other writers appended since this process last looked;
2. compare ``expected_version`` with the version found (``ConcurrencyError``);
3. validate the batch against the ledger so far, as :meth:`Ledger.extend` does
   (an invalid event is rejected before anything is written);
4. write the whole batch durably, or nothing;
5. only then acknowledge, returning the new version.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from typing import Protocol, Self, runtime_checkable

from matchledger.codec import SCHEMA_VERSION, decode_events
from matchledger.errors import CodecError, ConcurrencyError, EventRejected, StoreError
from matchledger.events import Event
from matchledger.ledger import Ledger

__all__ = ["EventStore", "StoreBase"]


@runtime_checkable
class EventStore(Protocol):
    """The protocol of every event store (``FileStore``, ``SQLiteStore``, ``PostgresStore``).

    Example:
        >>> from matchledger.store import SQLiteStore
        >>> isinstance(SQLiteStore(":memory:"), EventStore)
        True
    """

    @property
    def version(self) -> int:
        """The number of events in the store (as last seen by this process)."""
        ...  # pragma: no cover

    def append(self, events: Iterable[Event], expected_version: int | None = None) -> int:
        """Append a batch atomically; return the new version."""
        ...  # pragma: no cover

    def read(self, from_version: int = 0) -> Ledger:
        """The ledger of the store's events (after ``from_version``)."""
        ...  # pragma: no cover

    def events(self, from_version: int = 0) -> tuple[Event, ...]:
        """The events after ``from_version``, in order."""
        ...  # pragma: no cover

    def read_match(self, match_id: str) -> Ledger:
        """The ledger of one match's events."""
        ...  # pragma: no cover

    def subscribe(
        self,
        from_version: int = 0,
        *,
        poll: float = 0.1,
        stop: threading.Event | None = None,
        timeout: float | None = None,
    ) -> Iterator[tuple[int, Event]]:
        """Every event after ``from_version``, then each new one as it is appended."""
        ...  # pragma: no cover

    def close(self) -> None:
        """Release the store's resources."""
        ...  # pragma: no cover


class StoreBase:
    """The shared logic; a subclass reads and writes its medium.

    A subclass implements :meth:`_fetch` (events stored after a version, from the
    medium), :meth:`_locked_append` (the exclusive section: it calls
    :meth:`_admit` and writes), and :attr:`name`.
    """

    name: str = "store"

    def __init__(self) -> None:
        """Start from an empty ledger; the subclass catches up from its medium."""
        self._ledger = Ledger()
        self._guard = threading.RLock()

    # --- to implement -------------------------------------------------------------------

    def _fetch(self, after: int) -> list[Event]:  # pragma: no cover - abstract
        """The events stored after version ``after``, in order (the medium's truth)."""
        raise NotImplementedError

    def _locked_append(
        self, batch: list[Event], expected_version: int | None
    ) -> int:  # pragma: no cover - abstract
        """Inside the medium's exclusive section: catch up, admit, write; the new version."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the store's resources (nothing by default)."""

    # --- shared ---------------------------------------------------------------------------

    def _catch_up(self) -> Ledger:
        """Bring the in-memory ledger up to the medium (another writer may have appended)."""
        with self._guard:
            new = self._fetch(len(self._ledger))
            if new:
                try:
                    self._ledger = self._ledger.extend(new)
                except EventRejected as exc:  # a stored event that does not fit: say so
                    msg = f"{self.name}: the stored events do not form a valid ledger: {exc}"
                    raise StoreError(msg) from None
            return self._ledger

    def _decode_rows(self, rows: Sequence[tuple[int, int, bytes]]) -> list[Event]:
        """Events from ``(version, schema_version, body)`` rows, each upgraded from its schema."""
        events: list[Event] = []
        for schema, group in groupby(rows, key=lambda r: r[1]):
            chunk = list(group)
            first: int = chunk[0][0]
            if schema > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.name}: event {first} is of schema {schema}, newer than this "
                    f"matchledger reads ({SCHEMA_VERSION}); upgrade matchledger"
                )

            def where(i: int, first: int = first) -> str:
                return f"version {first + i}"

            try:
                events.extend(
                    decode_events([bytes(r[2]) for r in chunk], schema_version=schema, where=where)
                )
            except CodecError as exc:
                raise StoreError(f"{self.name}: {exc}") from None
        return events

    def _admit(self, batch: list[Event], expected_version: int | None) -> Ledger:
        """Check the version and validate the batch; the ledger it would make."""
        current = self._catch_up()
        if expected_version is not None and expected_version != len(current):
            raise ConcurrencyError(self.name, expected_version, len(current))
        return current.extend(batch)

    def _accept(self, ledger: Ledger) -> int:
        with self._guard:
            self._ledger = ledger
            return len(ledger)

    @property
    def version(self) -> int:
        """The number of events in the store, after catching up with other writers."""
        return len(self._catch_up())

    def append(self, events: Iterable[Event], expected_version: int | None = None) -> int:
        """Append ``events`` as one batch: all of them durably, or none; the new version.

        Args:
            events: the batch, in order.
            expected_version: the version the caller last saw; ``None`` appends
                whatever the version is.

        Raises:
            ConcurrencyError: the store is not at ``expected_version``.
            EventRejected: an event does not fit the ledger (nothing is written).
            StoreError: the medium failed (nothing is written).
        """
        batch = list(events)
        if expected_version is not None and (
            not isinstance(expected_version, int) or expected_version < 0
        ):
            msg = (
                f"{self.name}: expected_version must be a version (0 or more), "
                f"got {expected_version!r}"
            )
            raise StoreError(msg)
        with self._guard:
            return self._locked_append(batch, expected_version)

    def read(self, from_version: int = 0) -> Ledger:
        """The ledger of all the store's events, or of those after ``from_version``.

        Events after a version are a ledger of their own only when they start their
        matches; for any suffix use :meth:`events`.

        Raises:
            StoreError: ``from_version`` is beyond the store, or the events after it
                continue matches scheduled before it.
        """
        ledger = self._catch_up()
        if from_version == 0:
            return ledger
        tail = self._suffix(ledger, from_version)
        try:
            return Ledger(tail)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - explained in one line below
            msg = (
                f"{self.name}: the events after version {from_version} do not form a "
                f"ledger on their own ({exc}); use events({from_version}) or read()"
            )
            raise StoreError(msg) from None

    def events(self, from_version: int = 0) -> tuple[Event, ...]:
        """The events after ``from_version`` (all of them for 0), in order."""
        return self._suffix(self._catch_up(), from_version)

    def _suffix(self, ledger: Ledger, from_version: int) -> tuple[Event, ...]:
        if not isinstance(from_version, int) or not 0 <= from_version <= len(ledger):
            msg = f"{self.name}: from_version {from_version!r} is outside 0..{len(ledger)}"
            raise StoreError(msg)
        return ledger[from_version:]

    def read_match(self, match_id: str) -> Ledger:
        """The ledger of one match's events.

        Raises:
            StoreError: the store has no such match.
        """
        ledger = self._catch_up()
        try:
            return ledger.for_match(match_id)
        except KeyError:
            msg = f"{self.name}: no match {match_id!r} in the store"
            raise StoreError(msg) from None

    def subscribe(
        self,
        from_version: int = 0,
        *,
        poll: float = 0.1,
        stop: threading.Event | None = None,
        timeout: float | None = None,
        callback: Callable[[int, Event], object] | None = None,
    ) -> Iterator[tuple[int, Event]]:
        """Every event after ``from_version`` as ``(version, event)``, then each new one.

        A catch-up subscription: it first yields what is stored, then polls the
        medium every ``poll`` seconds for what other writers append, until ``stop``
        is set or ``timeout`` seconds pass without a new event. ``version`` is the
        store's version once that event is in (1 for the first event).

        With ``callback``, the events are handed to it instead and the call returns
        (an empty iterator) when the subscription ends.
        """
        stream = self._stream(from_version, poll, stop, timeout)
        if callback is None:
            return stream
        for version, event in stream:
            callback(version, event)
        return iter(())

    def _stream(
        self, from_version: int, poll: float, stop: threading.Event | None, timeout: float | None
    ) -> Iterator[tuple[int, Event]]:
        seen = from_version
        self._suffix(self._catch_up(), from_version)  # check the version first
        quiet_since = time.monotonic()
        while True:
            new = self.events(seen)
            for event in new:
                seen += 1
                yield seen, event
            if new:
                quiet_since = time.monotonic()
            if stop is not None and stop.is_set():
                return
            if timeout is not None and time.monotonic() - quiet_since >= timeout:
                return
            if stop is not None:
                stop.wait(poll)
            else:
                time.sleep(poll)

    def __enter__(self) -> Self:
        """Use the store in a ``with`` block; it is closed at the end."""
        return self

    def __exit__(self, *_: object) -> None:
        """Close the store."""
        self.close()

    def __repr__(self) -> str:
        """The store's name and version."""
        return f"<{type(self).__name__} {self.name}: version {len(self._ledger)}>"
