"""The Ledger: an immutable, ordered, validated sequence of match events.

A :class:`Ledger` is a value. :meth:`Ledger.append` and :meth:`Ledger.extend`
return a new ledger and leave the old one as it was; an event that does not fit
raises an :class:`~matchledger.errors.EventRejected` and nothing is added.

Appending is amortised constant time: ledgers made from one another share one
growing list of events and the validation state that goes with its tip. Appending
to a ledger that is no longer the tip (an older value, or one cut with
:meth:`Ledger.as_of`) first rebuilds its own copy, so that costs time linear in its
length once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, overload

from matchledger._match_state import MatchState
from matchledger.errors import (
    DuplicateEventError,
    MatchStateError,
    UnknownMatchError,
    UnknownReferenceError,
)
from matchledger.events import Event, MatchScheduled, PointsDeducted, TieDecided

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Ledger"]


class _Tip:
    """The shared list of events and the validation state for all of it."""

    __slots__ = ("events", "ids", "lock", "matches")

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.ids: dict[str, int] = {}
        self.matches: dict[str, MatchState] = {}
        self.lock = threading.Lock()

    def lookup(self, ref: str) -> Event | None:
        """The event with id ``ref`` in the tip, if any."""
        pos = self.ids.get(ref)
        return None if pos is None else self.events[pos]


class Ledger:
    """An immutable, ordered, validated sequence of match events.

    Args:
        events: events to start with; they are validated in order, as if appended
            one by one (all or nothing).

    Raises:
        EventRejected: when an event does not fit the ones before it.

    Example:
        >>> from datetime import datetime, timezone
        >>> from matchledger import MatchScheduled, Team, PeriodStarted, Period
        >>> kickoff = MatchScheduled(
        ...     event_id="s", match_id="m1", competition="Serie A", season="2019-20",
        ...     kickoff=datetime(2020, 1, 11, 19, 45, tzinfo=timezone.utc),
        ...     home=Team(team_id="inter", name="Inter"),
        ...     away=Team(team_id="atalanta", name="Atalanta"))
        >>> ledger = Ledger([kickoff])
        >>> longer = ledger.append(
        ...     PeriodStarted(event_id="p1", match_id="m1", period=Period.FIRST_HALF))
        >>> len(ledger), len(longer), longer.match_ids
        (1, 2, ('m1',))
    """

    __slots__ = ("_len", "_tip")

    _tip: _Tip
    _len: int

    def __init__(self, events: Iterable[Event] = ()) -> None:
        """Validate ``events`` in order and hold them."""
        tip = _Tip()
        _admit_fresh(tip, events)
        self._tip = tip
        self._len = len(tip.events)

    @classmethod
    def _at(cls, tip: _Tip, length: int) -> Ledger:
        new = object.__new__(cls)
        new._tip = tip
        new._len = length
        return new

    # --- growing ------------------------------------------------------------------------

    def append(self, event: Event) -> Ledger:
        """A new ledger with ``event`` at the end.

        Raises:
            EventRejected: (a subclass) when the event does not fit; ``self`` is
                unchanged either way.
        """
        tip = self._tip
        with tip.lock:
            if self._len == len(tip.events):
                _admit_single(tip, event)
                return Ledger._at(tip, self._len + 1)
        return self.extend((event,))

    def extend(self, events: Iterable[Event]) -> Ledger:
        """A new ledger with ``events`` at the end, all of them or none.

        Raises:
            EventRejected: (a subclass) naming the first event that does not fit;
                no event of ``events`` is added.
        """
        batch = list(events)
        tip = self._tip
        with tip.lock:
            if self._len == len(tip.events):
                _admit_all(tip, batch)
                return Ledger._at(tip, len(tip.events))
        # self is not the tip: build a tip of our own, then add to it
        own = _Tip()
        _admit_fresh(own, tip.events[: self._len])
        _admit_all(own, batch)
        return Ledger._at(own, len(own.events))

    # --- reading ------------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of events."""
        return self._len

    def __iter__(self) -> Iterator[Event]:
        """The events in order."""
        # the tip's list only grows, at its end: its first _len events are this ledger's
        return islice(self._tip.events, self._len)

    def _seasons(self) -> set[tuple[str, str]]:
        """The ``(competition, season)`` of every match scheduled in the tip.

        A ledger that is not the tip holds some of these (perhaps none): a superset.
        """
        return {(m.schedule.competition, m.schedule.season) for m in self._tip.matches.values()}

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...
    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        """The event at a position, or a tuple of events for a slice."""
        if isinstance(index, slice):
            return tuple(self._tip.events[: self._len][index])
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            msg = f"ledger index {index} out of range (the ledger has {self._len} events)"
            raise IndexError(msg)
        return self._tip.events[index]

    @property
    def events(self) -> tuple[Event, ...]:
        """All events, in order."""
        return tuple(self._tip.events[: self._len])

    @property
    def match_ids(self) -> tuple[str, ...]:
        """The ids of the matches scheduled in this ledger, in order of scheduling."""
        return tuple(
            e.match_id for e in self._tip.events[: self._len] if isinstance(e, MatchScheduled)
        )

    def position(self, event_id: str) -> int:
        """The position of the event with id ``event_id``.

        Raises:
            KeyError: when no event of this ledger has that id.
        """
        pos = self._tip.ids.get(event_id)
        if pos is None or pos >= self._len:
            msg = f"no event {event_id!r} in this ledger"
            raise KeyError(msg)
        return pos

    def get(self, event_id: str) -> Event | None:
        """The event with id ``event_id``, or ``None``."""
        pos = self._tip.ids.get(event_id)
        return None if pos is None or pos >= self._len else self._tip.events[pos]

    def __contains__(self, item: object) -> bool:
        """Whether an event (or an event id) is in this ledger."""
        if isinstance(item, str):
            return self.get(item) is not None
        event_id = getattr(item, "event_id", None)
        return isinstance(event_id, str) and self.get(event_id) == item

    def schedule(self, match_id: str) -> MatchScheduled:
        """The :class:`MatchScheduled` event of a match.

        Raises:
            KeyError: when the match is not in this ledger.
        """
        state = self._tip.matches.get(match_id)
        if state is not None:
            pos = self._tip.ids[state.schedule.event_id]
            if pos < self._len:
                return state.schedule
        msg = f"no match {match_id!r} in this ledger"
        raise KeyError(msg)

    def for_match(self, match_id: str) -> Ledger:
        """A ledger of only the events of one match, in the same order.

        Raises:
            KeyError: when the match is not in this ledger.
        """
        self.schedule(match_id)
        return Ledger(e for e in self if getattr(e, "match_id", None) == match_id)

    def as_of(self, point: int | str) -> Ledger:
        """The ledger as it was at a point in its history.

        ``point`` is a count of events (the first ``point`` events) or an event id
        (the events up to and including that one).

        Raises:
            KeyError: for an unknown event id.
            IndexError: for a count outside ``0..len(self)``.

        Example:
            >>> Ledger().as_of(0) == Ledger()
            True
        """
        if isinstance(point, str):
            length = self.position(point) + 1
        else:
            if not 0 <= point <= self._len:
                msg = f"as_of({point}) is outside 0..{self._len}"
                raise IndexError(msg)
            length = point
        return Ledger._at(self._tip, length)

    # --- as rows ------------------------------------------------------------------------------

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per event, the same columns in the same order for every event.

        The columns are :data:`matchledger.export.LEDGER_COLUMNS`: ``event_id``,
        ``type``, ``match_id``, ``team``, ``player_id``/``player_name``,
        ``minute``/``added``/``second``, ``outcome``... (nested values flattened,
        ``None`` where an event has no such field, kick-offs as ISO 8601 text).

        Example:
            >>> from matchledger import load_example
            >>> rows = load_example().to_records()
            >>> [(r["minute"], r["player_name"]) for r in rows if r["outcome"] == "goal"]
            [(4, 'Lautaro Martínez'), (75, 'Robin Gosens')]
        """
        from matchledger.export import ledger_records  # noqa: PLC0415 - loaded when used

        return ledger_records(self)

    def to_pandas(self) -> Any:
        """The events as a pandas ``DataFrame``, one row per event, typed columns.

        Needs the extra ``matchledger[pandas]``; see :func:`matchledger.export.ledger_to_pandas`.

        Raises:
            MissingExtraError: pandas is not installed.

        Example:
            >>> from matchledger import load_example
            >>> df = load_example().to_pandas()
            >>> df.loc[df["type"] == "substitution_made", "player_on_name"].tolist()[:2]
            ['Ruslan Malinovskyi', 'Luis Muriel']
        """
        from matchledger.export import ledger_to_pandas  # noqa: PLC0415 - loaded when used

        return ledger_to_pandas(self)

    def to_polars(self) -> pl.DataFrame:
        """The events as a polars ``DataFrame``, one row per event, typed columns.

        Needs the extra ``matchledger[polars]``; see :func:`matchledger.export.ledger_to_polars`.

        Raises:
            MissingExtraError: polars is not installed.

        Example:
            >>> from matchledger import load_example
            >>> df = load_example().to_polars()
            >>> df.group_by("card").len().drop_nulls().rows()
            [('yellow', 7)]
        """
        from matchledger.export import ledger_to_polars  # noqa: PLC0415 - loaded when used

        return ledger_to_polars(self)

    # --- value semantics --------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        """Ledgers are equal when they hold equal events in the same order."""
        if not isinstance(other, Ledger):
            return NotImplemented
        if self._len != other._len:
            return False
        if self._tip is other._tip:
            return True
        return self._tip.events[: self._len] == other._tip.events[: other._len]

    def __hash__(self) -> int:
        """Hash of the events."""
        return hash(self.events)

    def __repr__(self) -> str:
        """A short description: the number of events and matches."""
        n, m = self._len, len(self.match_ids)
        return f"<Ledger: {n} event{'s' * (n != 1)}, {m} match{'es' * (m != 1)}>"

    def __reduce__(self) -> tuple[type[Ledger], tuple[tuple[Event, ...]]]:
        """Pickle as the list of events (validated again when unpickled)."""
        return (Ledger, (self.events,))


def _duplicate(index: int, event_id: str, first: int) -> DuplicateEventError:
    return DuplicateEventError(
        index=index,
        event_id=event_id,
        field="event_id",
        reason=f"is already used by event #{first}",
        hint="every event of a ledger needs its own id",
    )


def _admit_single(tip: _Tip, event: Event) -> None:
    """Validate one event after ``tip`` and add it (the path of a live feed's appends).

    The same checks as :func:`_admit_one`, without a batch to look into; a failed
    :meth:`MatchState.admit` changes nothing, so the state is checked in place.
    """
    index = len(tip.events)
    event_id = event.event_id
    first = tip.ids.get(event_id)
    if first is not None:
        raise _duplicate(index, event_id, first)
    if isinstance(event, (PointsDeducted, TieDecided)):
        _check_competition_event(tip, event, index, [event])
    else:
        state = tip.matches.get(event.match_id)
        if state is None or type(event) is MatchScheduled:
            new = _admit_one(tip, event, index, None, {}, [event])
            if new is not None:
                tip.matches[new.schedule.match_id] = new
        else:
            state.admit(event, index, tip.lookup)
    tip.events.append(event)
    tip.ids[event_id] = index


def _admit_fresh(tip: _Tip, events: Iterable[Event]) -> None:
    """Validate ``events`` into a new ``tip`` that nothing else sees yet.

    A failure leaves the tip half-built, but it is thrown away with the error, so
    each event is checked in place (as a single append is), with none of a batch's
    copies of match states.
    """
    ids, matches, admitted = tip.ids, tip.matches, tip.events
    lookup = tip.lookup
    for index, event in enumerate(events):
        event_id = event.event_id
        if event_id in ids:
            raise _duplicate(index, event_id, ids[event_id])
        if type(event) is MatchScheduled or isinstance(event, (PointsDeducted, TieDecided)):
            _admit_single(tip, event)  # a new match, or a competition's event
            continue
        state = matches.get(event.match_id)
        if state is None:  # an unknown match: the single path says so
            _admit_single(tip, event)
            continue
        state.admit(event, index, lookup)
        admitted.append(event)
        ids[event_id] = index


def _admit_all(tip: _Tip, batch: list[Event]) -> None:
    """Validate ``batch`` after ``tip`` and add it, all or nothing."""
    if not batch:
        return
    start = len(tip.events)
    if len(batch) == 1:
        # the common case: check in place; MatchState.admit changes nothing on failure
        event = batch[0]
        state = _admit_one(tip, event, start, None, {}, batch)
        tip.events.append(event)
        tip.ids[event.event_id] = start
        if state is not None:
            tip.matches[state.schedule.match_id] = state
        return
    new_ids: dict[str, int] = {}
    touched: dict[str, MatchState] = {}
    for offset, event in enumerate(batch):
        index = start + offset
        state = _admit_one(tip, event, index, touched, new_ids, batch)
        if state is not None:
            touched[state.schedule.match_id] = state
        new_ids[event.event_id] = index
    tip.events.extend(batch)
    tip.ids.update(new_ids)
    tip.matches.update(touched)


def _admit_one(  # noqa: PLR0913, PLR0917 - the tip, the event and the batch so far
    tip: _Tip,
    event: Event,
    index: int,
    touched: dict[str, MatchState] | None,
    new_ids: dict[str, int],
    batch: list[Event],
) -> MatchState | None:
    """Check one event and record it in its match's state.

    ``touched`` is ``None`` for a single append, which records in place (a failed
    :meth:`MatchState.admit` changes nothing). In a batch it holds copies of the
    match states the batch has changed so far, so that a later failure leaves the
    tip as it was. Returns the state to install for the event's match, if any.
    """
    event_id = event.event_id
    first = tip.ids.get(event_id, new_ids.get(event_id))
    if first is not None:
        raise _duplicate(index, event_id, first)
    if isinstance(event, (PointsDeducted, TieDecided)):
        _check_competition_event(tip, event, index, batch)
        return None
    match_id = event.match_id
    state = touched.get(match_id) if touched is not None else None
    copied = state is not None
    if state is None:
        state = tip.matches.get(match_id)
    if isinstance(event, MatchScheduled):
        if state is not None:
            raise MatchStateError(
                index=index,
                event_id=event_id,
                field="match_id",
                reason=f"{match_id!r} is already scheduled",
                hint="change a match's date or status with MatchStatusChanged",
            )
        return MatchState(event)
    if state is None:
        raise UnknownMatchError(
            index=index,
            event_id=event_id,
            field="match_id",
            reason=f"{match_id!r} names a match that was never scheduled",
            hint=f"append a MatchScheduled for {match_id!r} first",
        )
    if touched is not None and not copied:
        state = state.copy()

    start = len(tip.events)

    def lookup(ref: str) -> Event | None:
        pos = tip.ids.get(ref)
        if pos is not None:
            return tip.events[pos]
        pos = new_ids.get(ref)
        return None if pos is None else batch[pos - start]

    state.admit(event, index, lookup)
    return state if touched is not None else None


def _check_competition_event(
    tip: _Tip,
    event: PointsDeducted | TieDecided,
    index: int,
    batch: list[Event],
) -> None:
    """A competition event may name a play-off match; it must be in the ledger."""
    if isinstance(event, TieDecided) and event.play_off_match is not None:
        known = event.play_off_match in tip.matches or any(
            isinstance(e, MatchScheduled) and e.match_id == event.play_off_match
            for e in batch[: index - len(tip.events)]
        )
        if not known:
            raise UnknownReferenceError(
                index=index,
                event_id=event.event_id,
                field="play_off_match",
                reason=f"names {event.play_off_match!r}, a match that was never scheduled",
                hint="leave play_off_match out when the play-off is not in the ledger",
            )
