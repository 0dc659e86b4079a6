"""The exceptions matchledger raises for bad input.

Every one of them is a :class:`LedgerError`, so ``except LedgerError`` catches all
of them; each also inherits :class:`ValueError`. A message names what was wrong
(the event's position and id, or the line of a document), the field and the
reason, and where it helps, what to do instead.

Example:
    >>> from matchledger import Ledger, MatchEnded
    >>> try:
    ...     Ledger().append(MatchEnded(event_id="e1", match_id="m1"))
    ... except LedgerError as exc:
    ...     print(exc.field, "|", exc.reason)
    match_id | 'm1' names a match that was never scheduled
"""

from __future__ import annotations

from typing import Any, Self

__all__ = [
    "CodecError",
    "ConcurrencyError",
    "DuplicateEventError",
    "EventRejected",
    "InvalidFieldError",
    "LedgerError",
    "LimitExceeded",
    "MatchOverError",
    "MatchStateError",
    "MissingExtraError",
    "PlayerStateError",
    "StoreError",
    "UnknownMatchError",
    "UnknownReferenceError",
    "UnknownTeamError",
]


class LedgerError(ValueError):
    """Base class of every error matchledger raises for bad input.

    Every one of them pickles (to cross from a worker process, say) and comes back
    equal in type, message and attributes, whatever its constructor takes.

    Example:
        >>> import pickle
        >>> error = pickle.loads(pickle.dumps(CodecError("line 3", "is not valid JSON")))
        >>> type(error).__name__, str(error), error.where
        ('CodecError', 'line 3: is not valid JSON', 'line 3')
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        """Keep the constructor's arguments, to pickle with."""
        error = super().__new__(cls, *args)
        error.__dict__["_made_with"] = (args, kwargs)
        return error

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the constructor's arguments and the attributes set since."""
        args, kwargs = self.__dict__.get("_made_with", (self.args, {}))
        return (_remade, (type(self), args, kwargs, dict(self.__dict__)))


def _remade(
    cls: type[LedgerError], args: tuple[Any, ...], kwargs: dict[str, Any], state: dict[str, Any]
) -> LedgerError:
    error = cls(*args, **kwargs)
    error.__dict__.update(state)
    return error


class InvalidFieldError(LedgerError, TypeError):
    """A field of an event (or of a value inside one) has a wrong type or value.

    Raised when an event is constructed, so a bad event never exists. It is a
    ``TypeError`` as well as a ``ValueError`` because it covers both kinds of
    mistake.

    Attributes:
        owner: the class whose field is wrong, e.g. ``"ShotTaken"``.
        field: the field's name.
        reason: what is wrong with it.
    """

    def __init__(self, owner: str, field: str, reason: str) -> None:
        """Build the message from the class, the field and the reason."""
        self.owner = owner
        self.field = field
        self.reason = reason
        super().__init__(f"{owner}.{field} {reason}")


class EventRejected(LedgerError):  # noqa: N818 - the name says what happened to the event
    """An event could not be appended to a ledger; the ledger is unchanged.

    Attributes:
        index: the position the event would have had in the ledger.
        event_id: the rejected event's id.
        field: the field that made it invalid.
        reason: why.
        hint: what to do instead (may be empty).
    """

    def __init__(
        self, *, index: int, event_id: str, field: str, reason: str, hint: str = ""
    ) -> None:
        """Build the message ``event #index ('id'): field reason; hint``."""
        self.index = index
        self.event_id = event_id
        self.field = field
        self.reason = reason
        self.hint = hint
        msg = f"event #{index} ({event_id!r}): {field} {reason}"
        super().__init__(f"{msg}; {hint}" if hint else msg)


class DuplicateEventError(EventRejected):
    """The event's id is already used by another event of the ledger."""


class UnknownMatchError(EventRejected):
    """The event is for a match that was never scheduled in the ledger."""


class UnknownTeamError(EventRejected):
    """The event names a team that does not play in its match."""


class UnknownReferenceError(EventRejected):
    """The event refers to an event that does not exist or is of the wrong kind."""


class MatchStateError(EventRejected):
    """The event does not fit the state of its match (periods, shootout, status)."""


class MatchOverError(MatchStateError):
    """A play event (attempt, foul, card, substitution...) after full time."""


class PlayerStateError(EventRejected):
    """The event does not fit a player's state (not on the pitch, dismissed, no first yellow)."""


class CodecError(LedgerError):
    """A document could not be decoded into a ledger.

    Attributes:
        where: the place in the document, e.g. ``"line 3"`` or ``"$.events[2]"``.
        field: the field at fault, or ``""`` when the whole value is.
        reason: what is wrong.
    """

    def __init__(self, where: str, reason: str, *, field: str = "") -> None:
        """Build the message ``where: field reason``."""
        self.where = where
        self.field = field
        self.reason = reason
        super().__init__(f"{where}: {field} {reason}" if field else f"{where}: {reason}")


class LimitExceeded(LedgerError):  # noqa: N818 - the name says what the input did
    """The input is bigger than a bound of :class:`~matchledger.limits.Limits` allows.

    Raised before the input is decoded (or instead of the error that decoding it
    gave), so a hostile file costs neither memory nor time. The message names the
    place, what the input has, the limit and how to raise it.

    Attributes:
        where: the input (``"input"``, a file) or the place in it (``"line 3"``).
        limit: the name of the bound, e.g. ``"max_bytes"``.
        maximum: the bound.
        found: what the input has, e.g. ``"is 300000000 bytes"``.
        value: the number found, or ``None`` when it is only known to be more.
    """

    def __init__(
        self, *, where: str, limit: str, maximum: int, found: str, value: int | None = None
    ) -> None:
        """Build the message from the place, what was found and the limit."""
        self.where = where
        self.limit = limit
        self.maximum = maximum
        self.found = found
        self.value = value
        super().__init__(
            f"{where} {found}, over the limit {limit}={maximum}; if you trust the input, "
            f"raise it: limits=Limits({limit}=...) (matchledger.limits)"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the keyword-only attributes."""
        fields = {k: getattr(self, k) for k in ("where", "limit", "maximum", "found", "value")}
        return (_rebuild, (type(self), fields))


def _rebuild(cls: type[LimitExceeded], fields: dict[str, Any]) -> LimitExceeded:
    return cls(**fields)


class MissingExtraError(LedgerError, ImportError):
    """A feature needs an optional package that is not installed.

    The message names the package and the extra that installs it, e.g.
    ``Table.to_pandas() needs pandas: pip install 'matchledger[pandas]'``. It is an
    ``ImportError`` too, so ``except ImportError`` around an optional feature works.

    Attributes:
        feature: what needed the package, e.g. ``"Table.to_pandas()"``.
        extra: the extra to install, e.g. ``"pandas"``.
        name: the package that is missing, e.g. ``"pandas"``.

    Example:
        >>> raise MissingExtraError("to_polars()", "polars")
        Traceback (most recent call last):
        ...
        matchledger.errors.MissingExtraError: to_polars() needs polars: pip install ...
    """

    def __init__(self, feature: str, extra: str, package: str | None = None) -> None:
        """Build the message from the feature, the extra and the package it installs."""
        self.feature = feature
        self.extra = extra
        self.name = package or extra
        super().__init__(f"{feature} needs {self.name}: pip install 'matchledger[{extra}]'")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the arguments the message was built from."""
        return (type(self), (self.feature, self.extra, self.name))


class StoreError(LedgerError):
    """An event store cannot do what was asked: it cannot be opened, read or written.

    The message names the store and the reason. Nothing was written: a store either
    takes a whole batch or none of it.
    """

    def __init__(self, message: str) -> None:
        """Keep the message on one line: a database's own words may take several."""
        super().__init__(" ".join(str(message).split()))


class ConcurrencyError(StoreError):
    """An append expected the store at one version and found it at another.

    Another writer appended in between. Read the store again, decide, and append with
    the new version.

    Attributes:
        expected: the version the append expected.
        actual: the version the store is at.
    """

    def __init__(self, store: str, expected: int, actual: int) -> None:
        """Build the message from the store, the expected and the actual version."""
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"{store}: expected version {expected}, but the store is at version {actual}; "
            "another writer appended first: read again and retry"
        )
