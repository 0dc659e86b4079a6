"""Ledgers to JSON and back: one cattrs converter, orjson, a versioned schema.

Two layouts carry the same events:

* a JSON document, ``{"schema_version": 2, "events": [...]}``, written one event
  per line so that it reads and diffs well;
* JSON Lines: a header line ``{"schema_version": 2}``, then one event per line.

Each event is an object whose ``"type"`` names its class in snake case
(``"shot_taken"``); fields equal to their default are left out (a match whose
kick-off is not known has no ``"kickoff"``; ``"kickoff": null`` reads the same).
Reading checks everything a :class:`~matchledger.Ledger` checks, and every failure is
a :class:`~matchledger.errors.LedgerError` that names the place (``$.events[3]`` or
``line 5``), the field and the reason.

Files written under an older schema still load: each reader upgrades their events,
step by step, with the upcasters registered by :func:`register_upcaster` (schema 1
wrote :class:`~matchledger.events.ResultRecorded`'s half-time and shootout scores as
pairs of fields; schema 2 writes them as scores and adds the score after 90 minutes).

Example:
    >>> from matchledger import load_example
    >>> ledger = load_example()
    >>> loads(dumps(ledger)) == ledger == loads(dumps(ledger, lines=True))
    True
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from types import UnionType
from typing import Any, Final, Union, get_args, get_origin

import attrs
import orjson
from cattrs import Converter
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from matchledger import _checks
from matchledger import events as events_module
from matchledger._gc import paused
from matchledger.errors import CodecError, EventRejected, InvalidFieldError, LedgerError
from matchledger.events import (
    EVENT_TYPES,
    Event,
    LineupEntry,
    MatchScheduled,
    MatchTime,
    Player,
    Score,
    Team,
)
from matchledger.ledger import Ledger
from matchledger.limits import (
    Limits,
    check_document,
    check_size,
    chosen,
    read_bounded,
    refusal,
    rows_refusal,
)

__all__ = [
    "SCHEMA_VERSION",
    "TAGS",
    "Upcaster",
    "decode_events",
    "dump",
    "dumps",
    "encode_event",
    "load",
    "loads",
    "register_upcaster",
    "upcasters",
]

SCHEMA_VERSION: Final = 2
"""The version of the document layout and event fields this library writes.

Version 2 changed :class:`~matchledger.events.ResultRecorded`: ``half_time`` and
``shootout`` are scores (``{"home": 1, "away": 0}``) rather than pairs of fields, and
``full_time`` (the score after 90 minutes, when extra time followed) is new.
"""


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


TAGS: Final[dict[type[Event], str]] = {cls: _snake(cls.__name__) for cls in EVENT_TYPES}
"""The ``"type"`` tag of each event class. Tags are never renamed."""
_CLASSES: Final[dict[str, type[Event]]] = {tag: cls for cls, tag in TAGS.items()}

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
"""A step that turns one event, as a JSON object of schema version N, into version N+1."""
_UPCASTERS: Final[dict[int, Upcaster]] = {}
"""``version -> step`` turning one event dict of that schema version into the next."""


def register_upcaster(from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register the step from schema ``from_version`` to ``from_version + 1`` (a decorator).

    Every reader (``loads``, ``load``, every store) applies the steps in order to events
    written under an older schema, so old files keep loading after an event changes.
    Steps are pure functions of one event's JSON object; they must not drop facts.

    Raises:
        ValueError: a step from that version is already registered.
    """

    def register(step: Upcaster) -> Upcaster:
        if from_version in _UPCASTERS:
            msg = f"an upcaster from schema {from_version} is already registered"
            raise ValueError(msg)
        _UPCASTERS[from_version] = step
        return step

    return register


@register_upcaster(1)
def _result_scores(event: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 to 2: ``ResultRecorded``'s half-time and shootout pairs become scores.

    ``{"half_time_home": 0, "half_time_away": 1}`` becomes ``{"half_time": {"home": 0,
    "away": 1}}`` (left out when both are missing or null), and likewise for the
    shootout; schema 1 had no score after 90 minutes, so ``full_time`` stays out.
    Every other event passes through unchanged.

    Example:
        >>> v1 = {"type": "result_recorded", "event_id": "r", "match_id": "m",
        ...       "home_goals": 2, "away_goals": 1, "half_time_home": 0, "half_time_away": 1}
        >>> v2 = _result_scores(v1)
        >>> v2["half_time"], "half_time_home" in v2, "full_time" in v2
        ({'home': 0, 'away': 1}, False, False)
    """
    if type(event) is not dict or event.get("type") != "result_recorded":
        return event  # anything that is not a result is left for the decoder to judge
    newer = sorted({"half_time", "full_time", "shootout"} & event.keys())
    if newer:
        msg = f"result_recorded has unknown fields {newer} for schema 1"
        raise ValueError(msg)
    out = dict(event)
    for name in ("half_time", "shootout"):
        home, away = out.pop(f"{name}_home", None), out.pop(f"{name}_away", None)
        if (home is None) != (away is None):
            msg = f"{name}_home and {name}_away come together"
            raise ValueError(msg)
        if home is not None:
            out[name] = {"home": home, "away": away}
    return out


def upcasters() -> dict[int, Upcaster]:
    """The registered steps, by the schema version they upgrade from.

    Example:
        >>> sorted(upcasters()) == list(range(1, SCHEMA_VERSION))
        True
    """
    return dict(_UPCASTERS)


def _passthrough(value: Any, _: Any) -> Any:
    # The attrs validators check types and values when the event is built, so the
    # converter hands primitives through untouched rather than coercing them.
    return value


def _enum(value: Any, cls: type[Enum]) -> Enum:
    try:
        return cls(value)
    except (ValueError, TypeError):
        names = ", ".join(repr(m.value) for m in cls)
        msg = f"must be one of {names}, got {value!r}"
        raise ValueError(msg) from None


def _datetime(value: Any, _: Any) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except (ValueError, TypeError):
        example = "2020-01-11T20:45:00+01:00"
        msg = f"must be an ISO 8601 date-time string such as {example!r}, got {value!r}"
        raise ValueError(msg) from None


def _date(value: Any, _: Any) -> date:
    if type(value) is not str or "T" in value:
        msg = f"must be an ISO 8601 date string such as '2020-01-11', got {value!r}"
        raise ValueError(msg)
    try:
        return date.fromisoformat(value)
    except ValueError:
        msg = f"must be an ISO 8601 date string such as '2020-01-11', got {value!r}"
        raise ValueError(msg) from None


_ENUMS: Final = tuple(
    v for v in vars(events_module).values() if isinstance(v, type) and issubclass(v, Enum)
)


def _make_converter(*, detailed: bool) -> Converter:
    conv = Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed)
    for primitive in (str, int, float, bool):
        conv.register_structure_hook(primitive, _passthrough)
    conv.register_structure_hook(datetime, _datetime)
    conv.register_structure_hook(date, _date)
    for enum in _ENUMS:  # before the str hook would catch them: they are str subclasses
        conv.register_structure_hook(enum, _enum)
    conv.register_unstructure_hook(datetime, lambda v: v)
    conv.register_unstructure_hook(date, lambda v: v)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Enum), lambda v: v.value
    )
    _add_schedule_layout(conv)
    if detailed:
        _add_shape_guards(conv)
    else:
        _add_interning(conv)
    configure_tagged_union(Event, conv, tag_generator=TAGS.__getitem__, tag_name="type")
    return conv


def _add_schedule_layout(conv: Converter) -> None:
    """Write a known kick-off where it has always stood, after the season.

    ``MatchScheduled.kickoff`` has a default (``None``: the date is not known), and the
    converter writes the fields that have defaults after the others; this keeps the
    files it writes as they were. An unknown kick-off is left out, as defaults are.
    """
    fields = make_dict_unstructure_fn(
        MatchScheduled,
        conv,
        _cattrs_omit_if_default=conv.omit_if_default,
        kickoff=override(omit_if_default=False),
    )

    def hook(event: MatchScheduled) -> dict[str, Any]:
        out = fields(event)
        if out["kickoff"] is None:
            del out["kickoff"]
        return out

    conv.register_unstructure_hook(MatchScheduled, hook)


_INTERN_LIMIT: Final = 50_000


def _add_interning(conv: Converter) -> None:  # noqa: C901 - four small hooks
    """Decode each distinct player, team, score and match time once, and share the value.

    A season names the same few hundred players tens of thousands of times; these
    values are immutable, so one instance can stand for all. Anything unusual
    (a missing or extra key, an unhashable value) raises here, and the failure is then
    diagnosed by the detailed converter.
    """
    for cls, keys in (
        (Player, ("player_id", "name")),
        (Team, ("team_id", "name")),
    ):
        cache: dict[tuple[Any, ...], Any] = {}

        def hook(
            value: Any, _: Any, cls: Any = cls, keys: tuple[str, str] = keys, cache: Any = cache
        ) -> Any:
            key = (value[keys[0]], value[keys[1]])
            if len(value) != 2:
                msg = f"unexpected keys in {cls.__name__}"
                raise ValueError(msg)
            found = cache.get(key)
            if found is None:
                if len(cache) >= _INTERN_LIMIT:
                    cache.clear()
                found = cache[key] = cls(**{keys[0]: key[0], keys[1]: key[1]})
            return found

        conv.register_structure_hook(cls, hook)
        conv.register_structure_hook_func(_is(cls | None), _or_none(hook))

    # Only plain minutes ({"minute": 4}) are shared, looked up by an exact int: 4.0 and
    # true are equal to 4 as dictionary keys, and must not pass as minutes.
    time_hook = conv.get_structure_hook(MatchTime)
    minutes: dict[int, MatchTime] = {}

    def match_time(value: Any, _: Any) -> MatchTime:
        if type(value) is dict and len(value) == 1:
            minute = value.get("minute")
            if type(minute) is int:
                found = minutes.get(minute)
                if found is None:
                    found = time_hook(value, MatchTime)
                    if len(minutes) < _INTERN_LIMIT:
                        minutes[minute] = found
                return found
        return time_hook(value, MatchTime)  # type: ignore[no-any-return]

    conv.register_structure_hook(MatchTime, match_time)
    conv.register_structure_hook_func(_is(MatchTime | None), _or_none(match_time))

    # Scores likewise, by exact ints (there are at most 100 x 100 of them)
    score_hook = conv.get_structure_hook(Score)
    known: dict[tuple[int, int], Score] = {}

    def score(value: Any, _: Any) -> Score:
        if type(value) is dict and len(value) == 2:
            home, away = value.get("home"), value.get("away")
            if type(home) is int and type(away) is int:
                found = known.get((home, away))
                if found is None:
                    found = known[home, away] = score_hook(value, Score)
                return found
        return score_hook(value, Score)  # type: ignore[no-any-return]

    conv.register_structure_hook(Score, score)
    conv.register_structure_hook_func(_is(Score | None), _or_none(score))


def _is(expected: Any) -> Callable[[Any], bool]:
    def predicate(target: Any) -> bool:
        return bool(target == expected)

    return predicate


def _or_none(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def optional(value: Any, target: Any) -> Any:
        return None if value is None else hook(value, target)

    return optional


def _add_shape_guards(conv: Converter) -> None:
    """Say "must be a JSON object/list" for values of the wrong shape, not cattrs' internals.

    Only the converter that diagnoses errors has these: the fast one fails on such
    values anyway, and then the diagnosis runs.
    """

    def guard(cls: Any, expected: type, words: str) -> None:
        inner = conv.get_structure_hook(cls)

        def hook(value: Any, target: Any) -> Any:
            if not isinstance(value, expected):
                msg = f"must be {words}, got {_kind(value)}"
                raise TypeError(msg)
            return inner(value, target)

        conv.register_structure_hook_func(lambda t: t == cls, hook)

    for cls in (Team, Player, Score, MatchTime, LineupEntry):
        guard(cls, dict, "a JSON object")
    guard(tuple[LineupEntry, ...], list, "a list")


_CONVERTER: Final = _make_converter(detailed=False)
_DETAILED: Final = _make_converter(detailed=True)
_unstructure_event: Final = _CONVERTER.get_unstructure_hook(Event)
_structure_events: Final = _CONVERTER.get_structure_hook(list[Event])


# --- reading fast: a decoder generated per class ----------------------------------------------
#
# Reading a season builds tens of thousands of events. The converters above build each
# through cattrs' hooks and attrs' __init__, which runs every field's validator; the
# decoders below do the same checks inline, in one generated function per class, and
# fill the slots directly. They accept only what the fast converter accepts, and build
# equal objects: anything they do not take as it is (a missing, extra or ill-typed key,
# a value out of range, a cross-field rule broken) makes them give up, and the
# converters then decode the whole list again, so every error reads as it always has.


class _Unfit(Exception):  # noqa: N818 - a signal between the decoders and their caller
    """A value the generated decoders do not take as it is: the converters judge it."""


_MISSING: Final = object()


def _exactly(annotation: Any, base: Any, *, optional: bool) -> bool:
    """Whether a field's annotation is ``base`` (or ``base | None``), as the validator says."""
    if not optional:
        return bool(annotation == base)
    return get_origin(annotation) in (Union, UnionType) and set(get_args(annotation)) == {
        base,
        type(None),
    }


_SHARED_TEXT: Final = frozenset({"match_id", "team", "competition", "season"})
"""Fields whose few distinct values recur in event after event: one string each is kept."""


class _DecoderBuilder:
    """Writes, compiles and keeps one decoding function per attrs class.

    Each function takes the JSON object of one instance and returns the instance, or
    raises (``_Unfit``, ``KeyError``, ``TypeError``...) for anything it does not take.
    A class the builder cannot vouch for (a validator it does not know, a converter, an
    annotation that does not match the validator) gets no function.
    """

    def __init__(self, interning: dict[type, Callable[[Any], Any]]) -> None:
        self.interning = interning
        self.scope: dict[str, Any] = {
            "_Unfit": _Unfit,
            "_MISSING": _MISSING,
            "_new": object.__new__,
            "_datetime_from": datetime.fromisoformat,
            "_date_from": date.fromisoformat,
            "_intern": sys.intern,
        }
        self.names: dict[type, str | None] = {}

    def decoder(self, cls: type) -> Callable[[Any], Any] | None:
        name = self.name(cls)
        return None if name is None else self.scope[name]

    def name(self, cls: type) -> str | None:
        if cls not in self.names:
            self.names[cls] = None  # a class that contains itself is not decoded here
            name = self.names[cls] = self._build(cls)
            share = self.interning.get(cls)
            if name is not None and share is not None:  # others call the sharing one
                self.scope[name] = share(self.scope[name])
        return self.names[cls]

    def _build(self, cls: type) -> str | None:
        if not attrs.has(cls) or hasattr(cls, "__attrs_pre_init__"):
            return None
        attrs.resolve_types(cls)
        tag = cls in TAGS  # an event: its object also has the "type"
        prefix = f"_{cls.__name__}"
        self.scope[f"{prefix}_cls"] = cls
        required = sum(f.default is attrs.NOTHING for f in attrs.fields(cls))
        lines = [
            f"def {prefix}(d):",
            *(["    if type(d) is not dict: raise _Unfit"] if tag else []),
            f"    o = _new({prefix}_cls)",
            f"    n = {required + (1 if tag else 0)}",
        ]
        for number, attribute in enumerate(attrs.fields(cls)):
            body = self._field(cls, attribute, f"{prefix}_{number}")
            if body is None:
                return None
            lines += ["    " + line for line in body]
        lines.append("    if len(d) != n: raise _Unfit")
        if hasattr(cls, "__attrs_post_init__"):
            self.scope[f"{prefix}_post"] = cls.__attrs_post_init__
            lines.append(f"    {prefix}_post(o)")
        lines.append("    return o")
        exec("\n".join(lines), self.scope)  # noqa: S102 - our own source, from the classes' fields
        return prefix

    def _field(self, cls: type, attribute: attrs.Attribute[Any], prefix: str) -> list[str] | None:
        slot: Any = getattr(cls, attribute.name, None)
        validator: Any = attribute.validator
        spec = _checks.spec(validator)
        if (
            spec is None
            or type(slot).__name__ != "member_descriptor"
            or not attribute.init
            or attribute.converter is not None
            or attribute.alias != attribute.name
            or isinstance(attribute.default, attrs.Factory)  # type: ignore[arg-type]
        ):
            return None
        checked = self._check(attribute.type, *spec, prefix)
        if checked is None:
            return None
        optional, check = checked
        if attribute.name in _SHARED_TEXT:
            check = [*check, "v = _intern(v)"]
        self.scope[f"{prefix}_set"] = slot.__set__
        key = attribute.name
        if optional:
            check = ["if v is not None:", *("    " + line for line in check)]
        if attribute.default is attrs.NOTHING:
            fetch = [f"v = d[{key!r}]", *check]
        else:
            try:  # a default that its own validator refuses would fail every event
                validator(None, attribute, attribute.default)
            except Exception:  # noqa: BLE001 - leave such a class to the converters
                return None
            self.scope[f"{prefix}_default"] = attribute.default
            fetch = [
                f"v = d.get({key!r}, _MISSING)",
                "if v is _MISSING:",
                f"    v = {prefix}_default",
                "else:",
                "    n += 1",
                *("    " + line for line in check),
            ]
        return [*fetch, f"{prefix}_set(o, v)"]

    def _check(  # noqa: PLR0911 - one case per validator
        self, annotation: Any, kind: str, params: dict[str, Any], prefix: str
    ) -> tuple[bool, list[str]] | None:
        """Whether ``None`` passes, and the lines that check (and convert) a value ``v``."""
        optional = bool(params.get("optional", kind == "optional_date"))
        if kind == "text" and _exactly(annotation, str, optional=optional):
            longest = int(params["max_len"])
            return optional, [
                f"if type(v) is not str or not 0 < len(v) <= {longest} or v.isspace():",
                "    raise _Unfit",
            ]
        if kind == "integer" and _exactly(annotation, int, optional=optional):
            low, high = params["minimum"], params["maximum"]
            test = "type(v) is not int"
            test += "" if low is None else f" or v < {int(low)}"
            test += "" if high is None else f" or v > {int(high)}"
            return optional, [f"if {test}:", "    raise _Unfit"]
        if kind == "flag" and annotation is bool:
            return False, ["if type(v) is not bool:", "    raise _Unfit"]
        if kind == "member" and _exactly(annotation, params["enum"], optional=optional):
            allowed = params["allowed"]
            self.scope[f"{prefix}_members"] = {
                m.value: m for m in params["enum"] if allowed is None or m in allowed
            }
            return optional, [f"v = {prefix}_members[v]"]
        if kind == "instance" and _exactly(annotation, params["cls"], optional=optional):
            inner = self.name(params["cls"])
            return None if inner is None else (optional, [f"v = {inner}(v)"])
        if kind == "aware_datetime" and _exactly(annotation, datetime, optional=optional):
            return optional, [
                "if type(v) is not str:",
                "    raise _Unfit",
                "v = _datetime_from(v)",
                "if v.utcoffset() is None:",
                "    raise _Unfit",
            ]
        if kind == "optional_date" and _exactly(annotation, date, optional=True):
            return True, [
                'if type(v) is not str or "T" in v:',
                "    raise _Unfit",
                "v = _date_from(v)",
            ]
        if kind == "items_of" and (get_origin(annotation), get_args(annotation)) == (
            tuple,
            (params["cls"], ...),
        ):
            inner = self.name(params["cls"])
            longest = int(params["max_len"])
            return (
                None
                if inner is None
                else (
                    False,
                    [
                        f"if type(v) is not list or len(v) > {longest}:",
                        "    raise _Unfit",
                        f"v = tuple([{inner}(x) for x in v])",
                    ],
                )
            )
        return None


def _share_pairs(cls: type) -> Callable[[Any], Any]:
    """Decode each distinct pair once (a player, a team, a score) and share the value.

    A season names the same few hundred players tens of thousands of times; these
    values are immutable, so one instance can stand for all. Only values of exactly the
    fields' types are looked up (``4.0`` and ``true`` equal ``4`` as keys).
    """
    attrs.resolve_types(cls)
    first, second = attrs.fields(cls)
    kind = first.type
    if second.type is not kind or kind not in (str, int):  # pragma: no cover - guarded by tests
        msg = f"{cls.__name__} is not a pair of strings or of integers"
        raise TypeError(msg)

    def wrap(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
        cache: dict[tuple[Any, Any], Any] = {}
        a_key, b_key = first.name, second.name

        def shared(v: Any) -> Any:
            a, b = v[a_key], v[b_key]
            if type(a) is not kind or type(b) is not kind:
                raise _Unfit
            found = cache.get((a, b))
            if found is None:
                found = decode(v)
                if len(cache) >= _INTERN_LIMIT:
                    cache.clear()
                cache[a, b] = found
            elif len(v) != 2:
                raise _Unfit
            return found

        return shared

    return wrap


def _share_minutes(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Match times are decoded once each (by minute, added time and second) and shared.

    Only exact ints (and ``null`` for the second) are looked up: ``4.0`` and ``true``
    equal ``4`` as keys, and must reach the decoder to be refused.
    """
    times: dict[tuple[int, int, int | None], MatchTime] = {}

    def shared(v: Any) -> Any:
        if type(v) is not dict:
            return decode(v)
        minute, added, second = v.get("minute"), v.get("added", 0), v.get("second")
        if (
            type(minute) is not int
            or type(added) is not int
            or (second is not None and type(second) is not int)
            or len(v) != 1 + ("added" in v) + ("second" in v)
        ):
            return decode(v)
        key = (minute, added, second)
        found = times.get(key)
        if found is None:
            found = decode(v)
            if len(times) >= _INTERN_LIMIT:
                times.clear()
            times[key] = found
        return found

    return shared


def _share_entries(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Lineup entries likewise: a club names the same player, shirt and position all season.

    Looked up only when every value has exactly its field's type (a flag must be a
    bool, not ``1``); anything else reaches the decoder.
    """
    entries: dict[tuple[Any, ...], LineupEntry] = {}

    def shared(v: Any) -> Any:
        if type(v) is not dict or type(p := v.get("player")) is not dict or len(p) != 2:
            return decode(v)
        key = (
            p.get("player_id"),
            p.get("name"),
            v.get("shirt_number"),
            v.get("position"),
            v.get("captain", False),
        )
        if (
            type(key[0]) is not str
            or type(key[1]) is not str
            or (key[2] is not None and type(key[2]) is not int)
            or (key[3] is not None and type(key[3]) is not str)
            or type(key[4]) is not bool
        ):
            return decode(v)
        found = entries.get(key)
        if found is None:
            found = decode(v)
            if len(entries) >= _INTERN_LIMIT:
                entries.clear()
            entries[key] = found
        elif len(v) != 1 + sum(k in v for k in ("shirt_number", "position", "captain")):
            return decode(v)
        return found

    return shared


def _decoders() -> dict[str, Callable[[Any], Event]]:
    """A decoder for each event type, by its tag (built once, at import; tests build more)."""
    builder = _DecoderBuilder(
        {
            Player: _share_pairs(Player),
            Team: _share_pairs(Team),
            Score: _share_pairs(Score),
            MatchTime: _share_minutes,
            LineupEntry: _share_entries,
        }
    )
    return {
        tag: decode for cls, tag in TAGS.items() if (decode := builder.decoder(cls)) is not None
    }


_DECODERS: Final = _decoders()


def _decode_fast(raw: list[Any]) -> list[Event] | None:
    """The events, by the generated decoders; ``None`` when any of them gives up."""
    decoders = _DECODERS
    try:
        return [decoders[item["type"]](item) for item in raw]
    except Exception:  # noqa: BLE001 - the converters decode it again, and say what is wrong
        return None


# --- writing fast: an encoder generated per class ---------------------------------------------
#
# Each function returns the JSON object of one instance as the converter writes it (the
# tag first, then the fields without defaults, then those that differ from their
# default), with enums, dates and date-times left for orjson, which writes them as the
# converter's hooks do. tests/test_codec_fast.py holds them to the converter's bytes.


class _EncoderBuilder:
    """Writes, compiles and keeps one encoding function per attrs class."""

    def __init__(self, layouts: dict[type, frozenset[str]]) -> None:
        # layouts: fields written among those without defaults, and left out when None
        self.layouts = layouts
        self.scope: dict[str, Any] = {}
        self.names: dict[type, str] = {}

    def encoder(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        return self.scope[self.name(cls)]  # type: ignore[no-any-return]

    def name(self, cls: type) -> str:
        if cls not in self.names:
            self.names[cls] = name = f"_enc_{cls.__name__}"
            self._build(cls, name)
        return self.names[cls]

    def _build(self, cls: type, name: str) -> None:
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        kept = self.layouts.get(cls, frozenset())
        always = [f for f in fields if f.default is attrs.NOTHING or f.name in kept]
        event = cls in TAGS
        if not event and any(f.name == "type" for f in fields):
            msg = f"{cls.__name__} has a field named 'type', which dumps() relies on"
            raise TypeError(msg)
        tag = [f"{'type'!r}: {TAGS[cls]!r}"] if event else []
        pairs = [*tag, *(f"{f.name!r}: {self._value(f, f'o.{f.name}')}" for f in always)]
        lines = [f"def {name}(o):", f"    d = {{{', '.join(pairs)}}}"]
        for f in fields:
            if f in always and f.name not in kept:
                continue
            if f.name in kept:
                lines += [f"    if d[{f.name!r}] is None:", f"        del d[{f.name!r}]"]
                continue
            default = f"{name}_{f.name}_default"
            self.scope[default] = f.default
            # None, a flag or an enum member is one object: "is not" says what "!=" does
            # once the validators have run, without an attrs __ne__ call per value
            unequal = "is not" if f.default is None or isinstance(f.default, bool | Enum) else "!="
            lines += [
                f"    v = o.{f.name}",
                f"    if v {unequal} {default}:",
                f"        d[{f.name!r}] = {self._value(f, 'v')}",
            ]
        lines.append("    return d")
        exec("\n".join(lines), self.scope)  # noqa: S102 - our own source, from the classes' fields

    def _value(self, attribute: attrs.Attribute[Any], expr: str) -> str:
        annotation: Any = attribute.type
        args = [a for a in get_args(annotation) if a is not type(None)]
        inner = args[0] if get_origin(annotation) in (Union, UnionType) and len(args) == 1 else None
        if attrs.has(annotation):
            return f"{self.name(annotation)}({expr})"
        if inner is not None and attrs.has(inner):
            return f"(None if {expr} is None else {self.name(inner)}({expr}))"
        if get_origin(annotation) is tuple and attrs.has(get_args(annotation)[0]):
            return f"[{self.name(get_args(annotation)[0])}(x) for x in {expr}]"
        plain = (str, int, bool, datetime, date)
        if all(
            a in plain or (isinstance(a, type) and issubclass(a, Enum))
            for a in args or [annotation]
        ):
            return expr  # orjson writes these as the converter's hooks do
        msg = f"no encoding for {attribute.name}: {annotation!r}"  # pragma: no cover
        raise TypeError(msg)  # pragma: no cover


def _encoders() -> dict[type, Callable[[Any], dict[str, Any]]]:
    """An encoder for each event type (built once, at import; tests build more)."""
    builder = _EncoderBuilder({MatchScheduled: frozenset({"kickoff"})})
    return {cls: builder.encoder(cls) for cls in TAGS}


_ENCODERS: Final = _encoders()


@paused
def _encoded(events: Sequence[Event] | Ledger, separator: bytes) -> bytes:
    """The events' JSON objects, one call to orjson, joined by ``separator``.

    Every event's object starts with ``{"type":`` and no other object does (the
    encoders refuse a value class with a field of that name), and inside a string a
    quote is escaped; so ``},{"type":`` marks exactly the places between events.
    """
    encoders = _ENCODERS
    whole = orjson.dumps([encoders[type(e)](e) for e in events])
    return whole[1:-1].replace(b'},{"type":', b"}" + separator + b'{"type":')


# --- writing --------------------------------------------------------------------------------


def dumps(ledger: Ledger, *, lines: bool = False) -> bytes:
    r"""Encode a ledger as a JSON document (or as JSON Lines with ``lines=True``).

    Example:
        >>> from matchledger import Ledger
        >>> dumps(Ledger())
        b'{"schema_version":2,"events":[\n]}\n'
    """
    # the tag first, so that a reader sees what an event is before its fields
    if lines:
        head = b'{"schema_version":%d}\n' % SCHEMA_VERSION
        return head + _encoded(ledger, b"\n") + (b"\n" if len(ledger) else b"")
    head = b'{"schema_version":%d,"events":[\n' % SCHEMA_VERSION
    return head + _encoded(ledger, b",\n") + (b"\n]}\n" if len(ledger) else b"]}\n")


def dump(ledger: Ledger, path: str | os.PathLike[str]) -> None:
    """Write a ledger to ``path``: JSON Lines for ``.jsonl``/``.ndjson``, else a JSON document.

    The file is replaced atomically: a reader sees the old content or the new, never
    half of it.

    Raises:
        OSError: when the file cannot be written.
    """
    target = Path(path)
    data = dumps(ledger, lines=_is_lines_path(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path())
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would have
        Path(tmp).chmod(_new_file_mode(target))
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_file_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def encode_event(event: Event) -> bytes:
    """One event as a compact JSON object (the layout of a line of JSON Lines).

    Example:
        >>> from matchledger import MatchEnded
        >>> encode_event(MatchEnded(event_id="e", match_id="m"))
        b'{"type":"match_ended","event_id":"e","match_id":"m"}'
    """
    return orjson.dumps(_ENCODERS[type(event)](event))


@paused
def decode_events(
    rows: Sequence[bytes | str | dict[str, Any]],
    *,
    schema_version: int = SCHEMA_VERSION,
    where: Callable[[int], str] | None = None,
    limits: Limits | None = None,
) -> list[Event]:
    """Events from their JSON objects (bytes, text or parsed), upgraded from ``schema_version``.

    The events are checked one by one as the codec checks them, but not against each
    other: that is the :class:`~matchledger.ledger.Ledger`'s work. A row that fails and
    nests deeper, or holds a longer string, than ``limits`` allow is refused for that.

    Raises:
        CodecError: a row is not an event of that schema version, or the version is
            newer than this library reads.
        LimitExceeded: a row that is not an event is over ``max_depth`` or ``max_string``.

    Example:
        >>> decode_events([b'{"type":"match_ended","event_id":"e","match_id":"m"}'])
        [MatchEnded(event_id='e', match_id='m')]
    """
    place = where or (lambda i: f"row {i + 1}")
    _check_version({"schema_version": schema_version}, place(0))
    raw = [  # a parsed row that is not an object (null, a list) is diagnosed as such
        _parse(row if isinstance(row, bytes) else row.encode("utf-8", "surrogatepass"), place(i))
        if isinstance(row, (bytes, str))
        else row
        for i, row in enumerate(rows)
    ]
    failure: LedgerError
    try:
        return _structure(_upcast(raw, schema_version, place), place)
    except CodecError as exc:
        failure = exc
    except RecursionError:  # only when max_depth is set near the parser's 1024
        failure = CodecError(place(0), "is nested too deeply to be read")
    raise rows_refusal(raw, chosen(limits), place) or failure


# --- reading --------------------------------------------------------------------------------


def loads(data: bytes | str, *, lines: bool | None = None, limits: Limits | None = None) -> Ledger:
    """Decode a ledger from a JSON document or JSON Lines.

    Args:
        data: the bytes (UTF-8) or text.
        lines: ``True`` for JSON Lines, ``False`` for a document, ``None`` to tell
            by the content.
        limits: the bounds on the input's size, nesting, strings and events
            (:class:`~matchledger.limits.Limits`; ``None`` for the defaults).

    Raises:
        CodecError: for input that is not a matchledger document, naming the place
            and the field.
        EventRejected: for events that are well formed but do not fit together
            (a duplicate id, a match never scheduled...).
        LimitExceeded: for input over a bound of ``limits``, naming it.
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8", errors="surrogateescape")
        except UnicodeEncodeError as exc:  # a lone surrogate: text no file can hold
            raise CodecError(
                "input", f"is not valid text ({exc.reason}) at character {exc.start}"
            ) from None
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise CodecError("input", f"must be bytes or str, got {type(data).__name__}")
    data = bytes(data)
    bounds = chosen(limits)
    check_size(len(data), bounds, "input")
    if lines is None:
        lines = _looks_like_lines(data)
    check_document(data, bounds, lines=lines)
    failure: LedgerError
    try:
        return _loads_lines(data) if lines else _loads_document(data)
    except CodecError as exc:
        failure = exc
    except RecursionError:  # only when max_depth is set near the parser's 1024
        failure = CodecError("lines" if lines else "document", "is nested too deeply to be read")
    # a value nested too deeply or a string too long: the limit says so, not the decoder
    raise refusal(data, bounds, lines=lines) or failure


def load(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Ledger:
    """Read a ledger from ``path``: JSON Lines for ``.jsonl``/``.ndjson``, a document for ``.json``.

    A file with any other suffix is read as whichever of the two its content is. Never
    more than ``limits.max_bytes`` of it are read.

    Raises:
        CodecError: for content that is not a valid ledger (see :func:`loads`).
        EventRejected: for events that do not fit together.
        LimitExceeded: for a file over a bound of ``limits`` (see :func:`loads`).
        OSError: when the file cannot be read.
    """
    target = Path(path)
    bounds = chosen(limits)
    data = read_bounded(target, bounds, "input")
    suffix = target.suffix.lower()
    return loads(
        data,
        lines=True if _is_lines_path(target) else False if suffix == ".json" else None,
        limits=bounds,
    )


def _is_lines_path(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson")


def _looks_like_lines(data: bytes) -> bool:
    first = data.lstrip().partition(b"\n")[0]
    try:
        head = orjson.loads(first)
    except orjson.JSONDecodeError:
        return False
    return isinstance(head, dict) and "schema_version" in head and "events" not in head


def _parse(data: bytes, where: str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise CodecError(where, f"is not valid JSON ({exc})") from None


def _check_version(header: Any, where: str) -> int:
    if not isinstance(header, dict):
        raise CodecError(where, f"must be a JSON object, got {_kind(header)}")
    if "schema_version" not in header:
        raise CodecError(where, "is missing; is this a matchledger file?", field="schema_version")
    version = header["schema_version"]
    if type(version) is not int or version < 1:
        raise CodecError(
            where, f"must be a positive integer, got {version!r}", field="schema_version"
        )
    if version > SCHEMA_VERSION:
        raise CodecError(
            where,
            f"is {version}, newer than this matchledger reads ({SCHEMA_VERSION}); "
            "upgrade matchledger to read it",
            field="schema_version",
        )
    return version


@paused
def _loads_document(data: bytes) -> Ledger:
    doc = _parse(data, "document")
    version = _check_version(doc, "document")
    extra = sorted(set(doc) - {"schema_version", "events"})
    if extra:
        raise CodecError("document", f"has unknown keys {extra}", field="")
    if "events" not in doc:
        raise CodecError("document", "is missing", field="events")
    raw = doc["events"]
    if not isinstance(raw, list):
        raise CodecError("$.events", f"must be a list, got {_kind(raw)}")
    raw = _upcast(raw, version, lambda i: f"$.events[{i}]")
    events = _structure(raw, lambda i: f"$.events[{i}]")
    return _ledger(events, None)


@paused
def _loads_lines(data: bytes) -> Ledger:
    rows: list[Any] = []
    numbers: list[int] = []
    header: Any = None
    version = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        value = _parse(line, f"line {number}")
        if header is None:
            header = value
            version = _check_version(header, f"line {number}")
            extra = sorted(set(header) - {"schema_version"})
            if extra:
                raise CodecError(f"line {number}", f"header has unknown keys {extra}")
            continue
        rows.append(value)
        numbers.append(number)
    if header is None:
        raise CodecError("line 1", "is missing: an empty file has no schema_version header")

    def where(i: int) -> str:
        return f"line {numbers[i]}"

    rows = _upcast(rows, version, where)
    return _ledger(_structure(rows, where), where)


def _upcast(raw: list[Any], version: int, where: Callable[[int], str]) -> list[Any]:
    while version < SCHEMA_VERSION:
        step = _UPCASTERS[version]
        try:
            raw = [step(item) for item in raw]
        except (KeyError, TypeError, ValueError, AttributeError):
            for i, item in enumerate(raw):  # find the event, and say where it is
                try:
                    step(item)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    reason = f"cannot be upgraded from schema {version}: {exc}"
                    raise CodecError(_label(item, where(i)), reason) from None
            raise  # pragma: no cover - a step that fails only once
        version += 1
    return raw


def _label(item: Any, where: str) -> str:
    """``where``, with the event's id when it has one: ``$.events[3] ('g1')``."""
    event_id = item.get("event_id") if isinstance(item, dict) else None
    return f"{where} ({event_id!r})" if isinstance(event_id, str) and event_id else where


def _structure(raw: list[Any], where: Callable[[int], str]) -> list[Event]:
    events = _decode_fast(raw)
    return _structure_slow(raw, where) if events is None else events


def _structure_slow(raw: list[Any], where: Callable[[int], str]) -> list[Event]:
    """The events, by the fast converter; on failure, the first broken one diagnosed."""
    try:
        events: list[Event] = _structure_events(raw, list[Event])
    except Exception:  # noqa: BLE001 - every failure is diagnosed below, event by event
        for i, item in enumerate(raw):
            _diagnose(item, where(i))
        raise CodecError(where(0), "could not be decoded") from None  # pragma: no cover
    return events


def _ledger(events: list[Event], where: Callable[[int], str] | None) -> Ledger:
    try:
        return Ledger(events)
    except EventRejected as exc:
        if where is None:  # a document: "event #i" already is $.events[i]
            raise
        raise type(exc)(
            index=exc.index,
            event_id=exc.event_id,
            field=exc.field,
            reason=f"{exc.reason} (at {where(exc.index)})",
            hint=exc.hint,
        ) from None


def _kind(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _diagnose(item: Any, where: str) -> None:
    """Raise a :class:`CodecError` saying what is wrong with one event, if anything is."""
    if not isinstance(item, dict):
        raise CodecError(where, f"must be a JSON object, got {_kind(item)}")
    label = _label(item, where)
    if "type" not in item:
        raise CodecError(label, "is missing; each event names its kind", field="type")
    tag = item["type"]
    cls = _CLASSES.get(tag) if isinstance(tag, str) else None
    if cls is None:
        known = ", ".join(sorted(_CLASSES))
        raise CodecError(label, f"{tag!r} is not an event type; known types: {known}", field="type")
    body = {k: v for k, v in item.items() if k != "type"}
    try:
        _DETAILED.structure(body, cls)
    except LedgerError as exc:
        field = exc.field if isinstance(exc, InvalidFieldError) else ""
        reason = exc.reason if isinstance(exc, InvalidFieldError) else str(exc)
        owner = exc.owner if isinstance(exc, InvalidFieldError) else cls.__name__
        raise CodecError(label, reason, field=f"{owner}.{field}" if field else "") from None
    except ClassValidationError as exc:
        raise CodecError(label, _explain(exc)) from None
    except Exception as exc:  # noqa: BLE001 - anything else still gets one clear line
        raise CodecError(label, f"cannot be decoded as {cls.__name__}: {exc}") from None


def _explain(exc: BaseException, path: str = "") -> str:  # noqa: C901, PLR0911 - one case each
    """The first leaf error of a cattrs validation group, as ``field reason``."""
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"{path or 'event'} has unknown fields {sorted(exc.extra_fields)}"
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            return _explain(sub, f"{path}.{note.name}" if path else note.name)
        for sub in without:
            return _explain(sub, path)
    if isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        for sub, index_note in with_index:
            return _explain(sub, f"{path}[{index_note.index}]")
        for sub in rest:
            return _explain(sub, path)
    if isinstance(exc, InvalidFieldError):
        return f"{path}.{exc.field} {exc.reason}" if path else f"{exc.field} {exc.reason}"
    if isinstance(exc, KeyError):
        return f"{path} is missing"
    if isinstance(exc, (ValueError, TypeError)):
        return f"{path} {exc}"
    return f"{path} {exc}"  # pragma: no cover
