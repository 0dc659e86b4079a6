"""Field validators for the attrs classes of :mod:`matchledger.events`.

Each factory returns an attrs validator that raises
:class:`~matchledger.errors.InvalidFieldError` naming the class, the field and the
reason. They check type and value in one call, because they run for every field of
every event that is built or decoded: the codec relies on them rather than checking
types twice.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, Final

import attrs

from matchledger.errors import InvalidFieldError

Validator = Any  # attrs' validator type is private; the factories' results are plain callables

MAX_TEXT: Final = 200
"""The longest id or display name an event accepts (in characters)."""


_SPECS: Final[dict[Any, tuple[str, dict[str, Any]]]] = {}


def _described(check: Validator, kind: str, **params: Any) -> Validator:
    _SPECS[check] = (kind, params)
    return check


def spec(validator: object) -> tuple[str, dict[str, Any]] | None:
    """What a validator made here accepts: its factory's name and arguments.

    ``None`` for any other validator. The codec reads this to check decoded values
    exactly as the validator would, without calling it.

    Example:
        >>> spec(integer(minimum=0))
        ('integer', {'minimum': 0, 'maximum': None, 'optional': False})
    """
    return _SPECS.get(validator)


def _got(value: object) -> str:
    return f"got {value!r} ({type(value).__name__})"


def _fail(inst: object, attribute: attrs.Attribute[Any], reason: str) -> InvalidFieldError:
    return InvalidFieldError(type(inst).__name__, attribute.name, reason)


def text(*, optional: bool = False, max_len: int = MAX_TEXT) -> Validator:
    """A non-empty ``str`` of at most ``max_len`` characters (or ``None`` if optional)."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is str:
            if not value or value.isspace():
                raise _fail(inst, attribute, "must not be empty")
            if len(value) > max_len:
                raise _fail(inst, attribute, f"is longer than {max_len} characters")
            return
        if value is None and optional:
            return
        kind = "a string or None" if optional else "a string"
        raise _fail(inst, attribute, f"must be {kind}, {_got(value)}")

    return _described(check, "text", optional=optional, max_len=max_len)


def integer(
    *, minimum: int | None = None, maximum: int | None = None, optional: bool = False
) -> Validator:
    """An ``int`` (never a ``bool``) within ``[minimum, maximum]``."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is int:
            if minimum is not None and value < minimum:
                raise _fail(inst, attribute, f"must be at least {minimum}, got {value}")
            if maximum is not None and value > maximum:
                raise _fail(inst, attribute, f"must be at most {maximum}, got {value}")
            return
        if value is None and optional:
            return
        kind = "an integer or None" if optional else "an integer"
        raise _fail(inst, attribute, f"must be {kind}, {_got(value)}")

    return _described(check, "integer", minimum=minimum, maximum=maximum, optional=optional)


def flag() -> Validator:
    """A ``bool``."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not bool:
            raise _fail(inst, attribute, f"must be true or false, {_got(value)}")

    return _described(check, "flag")


def member(
    enum: type[Enum], *, allowed: frozenset[Any] | None = None, optional: bool = False
) -> Validator:
    """A member of ``enum`` (and of ``allowed`` when given), or ``None`` if optional."""
    names = ", ".join(repr(m.value) for m in (allowed or enum)) + (" or None" if optional else "")

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is enum and (allowed is None or value in allowed):
            return
        if value is None and optional:
            return
        raise _fail(inst, attribute, f"must be one of {names}, {_got(value)}")

    return _described(check, "member", enum=enum, allowed=allowed, optional=optional)


def instance(cls: type[Any], *, optional: bool = False) -> Validator:
    """An instance of ``cls`` (or ``None`` if optional)."""
    kind = f"a {cls.__name__}" + (" or None" if optional else "")

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, cls) or (value is None and optional):
            return
        raise _fail(inst, attribute, f"must be {kind}, {_got(value)}")

    return _described(check, "instance", cls=cls, optional=optional)


def aware_datetime(*, optional: bool = False) -> Validator:
    """A timezone-aware :class:`~datetime.datetime` (or ``None`` if optional)."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, datetime):
            raise _fail(inst, attribute, f"must be a datetime, {_got(value)}")
        if value.utcoffset() is None:
            raise _fail(
                inst,
                attribute,
                f"must be timezone-aware, got {value.isoformat()!r}; "
                "give it a tzinfo, e.g. datetime(..., tzinfo=ZoneInfo('Europe/Rome'))",
            )

    return _described(check, "aware_datetime", optional=optional)


def optional_date() -> Validator:
    """A :class:`~datetime.date` (not a datetime) or ``None``."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return
        raise _fail(inst, attribute, f"must be a date or None, {_got(value)}")

    return _described(check, "optional_date")


def items_of(cls: type[Any], *, max_len: int = 100) -> Validator:
    """A ``tuple`` whose items are all instances of ``cls``."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise _fail(inst, attribute, f"must be a tuple of {cls.__name__}, {_got(value)}")
        if len(value) > max_len:
            raise _fail(inst, attribute, f"has more than {max_len} items")
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                raise _fail(inst, attribute, f"[{i}] must be a {cls.__name__}, {_got(item)}")

    return _described(check, "items_of", cls=cls, max_len=max_len)
