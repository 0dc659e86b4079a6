"""Bounds on the input matchledger reads, so that a hostile file cannot exhaust memory or time.

Every reader of outside data takes ``limits=``: :func:`~matchledger.codec.loads` and
:func:`~matchledger.codec.load` (JSON documents and JSON Lines),
:func:`~matchledger.importers.read_results_csv` and
:func:`~matchledger.importers.read_deductions_csv` (CSV files),
:func:`~matchledger.importers.event_files.read_event_files` (providers' event files).
``None`` means :data:`DEFAULT_LIMITS`. Input over a bound is refused with
:class:`~matchledger.errors.LimitExceeded`, a :class:`~matchledger.errors.LedgerError`
whose message names the place, what the input has, the limit and how to raise it.

* ``max_bytes``: the size of the input, in bytes (each provider file apart);
* ``max_depth``: how deeply JSON arrays and objects nest (``[[1]]`` is 2 deep), in
  JSON documents, each line of JSON Lines and providers' JSON files;
* ``max_string``: the longest JSON string or object key, in characters, in the same;
* ``max_events``: the events of one JSON document or JSON Lines file;
* ``max_rows``: the rows of a results or deductions CSV file after its header;
* ``max_line``: the longest line of such a CSV file, in characters.

The defaults are far above any real file: the whole England archive of engsoccerdata
(1888 to 2016, 208,000 matches) is an 11.6 MB CSV file and a 126 MB ledger of 416,000
events; a valid ledger nests 6 deep and its longest string is 500 characters.

What the limits cost: reading JSON checks the size and, when the input is big enough
to hold more events than ``max_events`` allows (27 bytes an event at the least), counts
its ``{`` (about 2% of the time ``loads`` takes); depth and
strings are checked only when decoding fails (a document that decodes nests as a
ledger does, and its strings are as long as the events allow), unless the limits are
set below those of a valid ledger (``max_depth`` under 6, ``max_string`` under 500),
when every input is walked first. Reading CSV counts rows as they are read and
measures the lines once (about 1%). Providers' JSON files are walked once; kloppy's
own reading takes far longer.

Example:
    >>> from matchledger import dumps, load_example, loads
    >>> from matchledger.errors import LimitExceeded
    >>> data = dumps(load_example())
    >>> try:
    ...     loads(data, limits=Limits(max_events=10))
    ... except LimitExceeded as exc:
    ...     print(exc.limit, exc.value, exc.maximum)
    max_events 32 10
    >>> len(loads(data, limits=Limits(max_events=32)))
    32
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import orjson
from attrs import field, frozen

from matchledger import _checks as c
from matchledger.errors import LimitExceeded

__all__ = ["DEFAULT_LIMITS", "JSON_MAX_DEPTH", "Limits"]

JSON_MAX_DEPTH: Final = 1024
"""The deepest nesting the JSON parser (orjson) reads; ``max_depth`` cannot be higher."""

_SCHEMA_DEPTH: Final = 6
"""How deeply a valid document nests: document, events, event, starters, entry, player."""
_SCHEMA_STRING: Final = 500
"""The longest string a valid event holds (a ``reason``); ids and names are 200 at most."""
_SMALLEST_EVENT: Final = 27
"""No event takes fewer bytes: ``{"type":"x","event_id":"x"}``."""


@frozen(kw_only=True)
class Limits:
    """How much input a reader takes before it refuses it with ``LimitExceeded``.

    Attributes:
        max_bytes: the size of a file or document, in bytes (256 MiB; the England
            archive is a 126 MB ledger).
        max_depth: how deeply JSON arrays and objects may nest (64; a ledger nests 6
            deep); at most :data:`JSON_MAX_DEPTH`, the parser's own bound.
        max_string: the longest JSON string or object key, in characters (10,000;
            an event's longest string is 500).
        max_events: the events of one JSON document or JSON Lines file (2,000,000).
        max_rows: the rows of a CSV file after its header (2,000,000; the England
            archive has 208,000).
        max_line: the longest line of a CSV file, in characters (65,536;
            football-data.co.uk's widest are about 1,000).

    Example:
        >>> Limits(max_bytes=1_000_000).max_bytes
        1000000
        >>> Limits(max_depth=2000)
        Traceback (most recent call last):
        ...
        matchledger.errors.InvalidFieldError: Limits.max_depth must be at most 1024, got 2000
    """

    max_bytes: int = field(default=256 * 2**20, validator=c.integer(minimum=1))
    max_depth: int = field(default=64, validator=c.integer(minimum=1, maximum=JSON_MAX_DEPTH))
    max_string: int = field(default=10_000, validator=c.integer(minimum=1))
    max_events: int = field(default=2_000_000, validator=c.integer(minimum=0))
    max_rows: int = field(default=2_000_000, validator=c.integer(minimum=0))
    max_line: int = field(default=65_536, validator=c.integer(minimum=1))


DEFAULT_LIMITS: Final = Limits()
"""The limits a reader applies when it is given none."""


# --- for the readers: sizes -------------------------------------------------------------------


def chosen(limits: Limits | None) -> Limits:
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        msg = f"limits must be a matchledger.limits.Limits, got {type(limits).__name__}"
        raise TypeError(msg)
    return limits


def _too_big(where: str, size: int, limits: Limits) -> LimitExceeded:
    return LimitExceeded(
        where=where,
        limit="max_bytes",
        maximum=limits.max_bytes,
        found=f"is {size} bytes",
        value=size,
    )


def check_size(size: int, limits: Limits, where: str) -> None:
    """Refuse an input of more than ``max_bytes``."""
    if size > limits.max_bytes:
        raise _too_big(where, size, limits)


def read_bounded(path: str | os.PathLike[str], limits: Limits, where: str) -> bytes:
    """A file's bytes; never more than ``max_bytes`` of them are read.

    Raises:
        LimitExceeded: the file is bigger.
        OSError: it cannot be read.
    """
    with Path(path).open("rb") as f:
        info = os.fstat(f.fileno())
        if stat.S_ISREG(info.st_mode):
            check_size(info.st_size, limits, where)
            data = f.read()  # checked again below: it may have grown since
        else:  # a pipe or a device: its size is known only once it is read
            parts = []
            total = 0
            while total <= limits.max_bytes and (part := f.read(1 << 20)):
                parts.append(part)
                total += len(part)
            data = b"".join(parts)
    check_size(len(data), limits, where)
    return data


# --- for the readers: JSON ---------------------------------------------------------------------


def _deep(where: str, limits: Limits, beyond: int) -> LimitExceeded:
    return LimitExceeded(
        where=where,
        limit="max_depth",
        maximum=limits.max_depth,
        found=f"is nested more than {beyond} levels deep",
    )


def _long(where: str, limits: Limits, length: int) -> LimitExceeded:
    return LimitExceeded(
        where=where,
        limit="max_string",
        maximum=limits.max_string,
        found=f"has a string of {length} characters",
        value=length,
    )


def _walk(value: Any, limits: Limits, depth: int = 1) -> tuple[str, int] | None:
    """The first bound a parsed JSON value breaks: ``(limit, number found)`` or ``None``.

    ``depth`` is how deep ``value`` itself is when it is an array or an object. The walk
    keeps its own stack, so no nesting the parser reads makes it recurse.
    """
    longest, deepest = limits.max_string, limits.max_depth
    found: tuple[str, int] | None = None
    stack = [(value, depth)]
    pop, push = stack.pop, stack.append
    while stack and found is None:
        node, level = pop()
        kind = type(node)
        if kind is str:
            if len(node) > longest:
                found = ("max_string", len(node))
        elif kind is dict or kind is list:
            if level > deepest:
                found = ("max_depth", level)
                break
            if kind is dict:
                key = max(node, key=len, default="")
                if len(key) > longest:
                    found = ("max_string", len(key))
                node = node.values()
            for item in node:
                if type(item) in _NESTED:
                    push((item, level + 1))
    return found


_NESTED: Final = frozenset({str, dict, list})


def _refused(found: tuple[str, int] | None, limits: Limits, where: str) -> LimitExceeded | None:
    if found is None:
        return None
    limit, value = found
    if limit == "max_depth":
        return _deep(where, limits, limits.max_depth)
    return _long(where, limits, value)


def check_json(value: Any, limits: Limits, where: str) -> None:
    """Refuse a parsed JSON value that nests deeper than ``max_depth`` or holds a longer string."""
    refused = _refused(_walk(value, limits), limits, where)
    if refused is not None:
        raise refused


def parse_error(exc: orjson.JSONDecodeError, limits: Limits, where: str) -> LimitExceeded | None:
    """The ``max_depth`` refusal for the parser's own "too deep" error, else ``None``."""
    return _deep(where, limits, JSON_MAX_DEPTH) if "depth limit" in str(exc) else None


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.strip():
            yield number, line


def _count_events(data: bytes, *, lines: bool) -> int | None:
    if lines:
        return sum(1 for _ in _lines(data)) - 1
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    events = doc.get("events") if isinstance(doc, dict) else None
    return len(events) if isinstance(events, list) else None


def check_document(data: bytes, limits: Limits, *, lines: bool) -> None:
    """Before a JSON document or JSON Lines is decoded: its size and its number of events.

    Raises:
        LimitExceeded: for input over ``max_bytes`` or ``max_events``; and, when the
            limits are below those of a valid ledger, over ``max_depth`` or ``max_string``.
    """
    check_size(len(data), limits, "input")
    # every event is an object, so it has a "{" of its own; count them only when the
    # input is big enough to hold more events than allowed, and count exactly (a
    # second parse) only when there are more "{" than that
    if len(data) > _SMALLEST_EVENT * limits.max_events and (
        data.count(b"{") - 1 > limits.max_events
    ):
        count = _count_events(data, lines=lines)
        if count is not None and count > limits.max_events:
            raise LimitExceeded(
                where="input",
                limit="max_events",
                maximum=limits.max_events,
                found=f"has {count} events",
                value=count,
            )
    if limits.max_depth < _SCHEMA_DEPTH or limits.max_string < _SCHEMA_STRING:
        refused = refusal(data, limits, lines=lines)
        if refused is not None:
            raise refused


def rows_refusal(
    rows: Sequence[Any], limits: Limits, where: Callable[[int], str]
) -> LimitExceeded | None:
    """After decoding parsed rows failed: the refusal of the first row over a bound, or ``None``.

    Each row is one event's JSON object, checked for ``max_depth`` and ``max_string``.
    """
    for i, row in enumerate(rows):
        refused = _refused(_walk(row, limits), limits, where(i))
        if refused is not None:
            return refused
    return None


def refusal(data: bytes, limits: Limits, *, lines: bool) -> LimitExceeded | None:
    """After decoding failed: the refusal for a bound the input breaks, or ``None``.

    A document that decodes nests and holds strings as a ledger does, so depth and
    strings are looked at only here, when the input is known to be bad, and the
    limit's message replaces the error (which may be about a part of a huge value).
    """
    if lines:
        for number, line in _lines(data):
            where = f"line {number}"
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                refused = parse_error(exc, limits, where)
            else:
                refused = _refused(_walk(value, limits), limits, where)
            if refused is not None:
                return refused
        return None
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return parse_error(exc, limits, "document")
    events = doc.get("events") if type(doc) is dict else None
    if type(events) is not list or limits.max_depth < 2:
        return _refused(_walk(doc, limits), limits, "document")
    head = {k: ([] if k == "events" else v) for k, v in doc.items()}
    refused = _refused(_walk(head, limits), limits, "document")
    for i, event in enumerate(events):  # event by event, so that the message says which
        if refused is not None:
            break
        refused = _refused(_walk(event, limits, 3), limits, f"$.events[{i}]")
    return refused
