"""The ``append`` and ``watch`` commands: event stores from the command line."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

import orjson

from matchledger._cli_tables import CommandError
from matchledger.codec import SCHEMA_VERSION, decode_events
from matchledger.errors import LedgerError
from matchledger.events import Event, MatchScheduled
from matchledger.folds.standings import Table
from matchledger.limits import DEFAULT_LIMITS, read_bounded
from matchledger.rules import PRESETS, guess_rules

__all__ = ["add_parsers", "read_events", "run_append", "run_watch"]

_STORE_HELP = (
    "the store: a JSON Lines file (.jsonl), an SQLite file (.sqlite, .db) or a "
    "postgresql:// address"
)


def add_parsers(sub: Any) -> None:
    """Add ``append`` and ``watch`` to the subcommands."""
    p_append = sub.add_parser(
        "append",
        help="append events to a store, checked, all or none",
        description="Append the events of FILE (a ledger file, or JSON Lines of events that "
        "continue the store's matches) to STORE, as one batch: checked against the store "
        "first, then written whole or not at all. Prints the new version.",
    )
    p_append.add_argument("store", metavar="STORE", help=_STORE_HELP)
    p_append.add_argument("file", metavar="FILE", type=Path, help="the events (.jsonl or .json)")
    p_append.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help="fail unless the store holds exactly N events (another writer appended first)",
    )

    p_watch = sub.add_parser(
        "watch",
        help="print the live table of a store as events arrive",
        description="Follow STORE: print its table, then again each time an appended event "
        "changes it, until interrupted (Ctrl-C).",
    )
    p_watch.add_argument("store", metavar="STORE", help=_STORE_HELP)
    p_watch.add_argument("--competition", help="the competition, when the store holds several")
    p_watch.add_argument("--season", help="the season, when the store holds several")
    p_watch.add_argument(
        "--rules",
        choices=sorted(PRESETS),
        metavar="NAME",
        help=f"the ranking rules: {', '.join(sorted(PRESETS))} (default: from the competition)",
    )
    p_watch.add_argument(
        "--poll", type=_seconds, default=0.5, metavar="SECONDS", help="how often to look (0.5)"
    )
    p_watch.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="stop after this long with no new event (default: never)",
    )


def _seconds(text: str) -> float:
    """A number of seconds: ``nan`` and ``inf`` would wait forever, a negative never."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value < 1e9:  # also false for nan
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 on")
    return value


def read_events(path: Path) -> list[Event]:
    """The events of a file, checked one by one but not against each other.

    A JSON Lines file (a ``{"schema_version": N}`` header, then one event a line) or a
    JSON document (``{"schema_version": N, "events": [...]}``).
    """
    try:
        data = read_bounded(path, DEFAULT_LIMITS, str(path))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    version, rows, places = _rows(path, data)
    if not isinstance(version, int) or isinstance(version, bool):
        raise CommandError(f"{path}: schema_version must be a whole number, got {version!r}")
    try:
        # the schema version is checked as of the first row, which an empty file lacks
        return decode_events(
            rows, schema_version=version, where=lambda i: places[i] if i < len(places) else "header"
        )
    except LedgerError as exc:
        raise CommandError(f"{path}: {exc}") from None


def _rows(path: Path, data: bytes) -> tuple[object, list[Any], list[str]]:
    """The schema version, the event rows and where each one is, of either layout."""
    try:
        whole = orjson.loads(data)
    except orjson.JSONDecodeError:
        whole = None
    if isinstance(whole, dict) and "events" in whole:
        rows = whole["events"]
        if not isinstance(rows, list):
            raise CommandError(f"{path}: 'events' must be a list")
        version = whole.get("schema_version", SCHEMA_VERSION)
        return version, rows, [f"$.events[{i}]" for i in range(len(rows))]
    lines = [(n, line) for n, line in enumerate(data.splitlines(), start=1) if line.strip()]
    version = SCHEMA_VERSION
    if lines:
        try:
            head = orjson.loads(lines[0][1])
        except orjson.JSONDecodeError:
            raise CommandError(f"{path}: line {lines[0][0]} is not valid JSON") from None
        if isinstance(head, dict) and "schema_version" in head and "type" not in head:
            version = head["schema_version"]
            lines = lines[1:]
    return version, [line for _, line in lines], [f"line {n}" for n, _ in lines]


def _open(target: str) -> Any:
    from matchledger.store import open_store  # noqa: PLC0415 - on demand

    try:
        return open_store(target)
    except LedgerError as exc:
        raise CommandError(str(exc)) from None


def run_append(args: argparse.Namespace) -> int:
    """``matchledger append``."""
    events = read_events(args.file)
    store = _open(args.store)
    try:
        version = store.append(events, expected_version=args.expected_version)
    except LedgerError as exc:
        raise CommandError(
            f"{args.store}: {exc}" if args.store not in str(exc) else str(exc)
        ) from None
    finally:
        store.close()
    print(f"{args.store}: appended {len(events)} events, now at version {version}")
    return 0


def _season_of(events: list[Event], args: argparse.Namespace) -> tuple[str, str] | None:
    for e in events:
        if isinstance(e, MatchScheduled) and (
            (args.competition is None or e.competition == args.competition)
            and (args.season is None or e.season == args.season)
        ):
            return e.competition, e.season
    return None


def run_watch(args: argparse.Namespace) -> int:
    """``matchledger watch``: the table, then again whenever it changes."""
    from matchledger.projections import TableProjection  # noqa: PLC0415

    store = _open(args.store)
    stop = threading.Event()
    live: TableProjection | None = None
    pending: list[Event] = []
    shown: Table | None = None
    caught_up_at = store.version  # the table is shown once it has caught up with these
    try:
        for version, event in store.subscribe(0, poll=args.poll, stop=stop, timeout=args.timeout):
            if live is None:
                pending.append(event)
                found = _season_of(pending, args)
                if found is None:
                    continue
                rules = args.rules or guess_rules(found[0])
                if rules is None:
                    raise CommandError(
                        f"no rules known for {found[0]!r}; choose one with --rules "
                        f"({', '.join(sorted(PRESETS))})"
                    )
                live = TableProjection(*found, rules)
                live.extend(pending)
            else:
                live.apply(event)
            if version < caught_up_at:
                continue
            table = live.table()
            if table != shown:
                shown = table
                print(
                    f"{table.competition} {table.season} after event {version} ({event.event_id})"
                )
                print(table)
                print(flush=True)
    except KeyboardInterrupt:
        stop.set()
    except LedgerError as exc:
        raise CommandError(f"{args.store}: {exc}") from None
    finally:
        store.close()
    if live is None:
        print(f"{args.store}: no match of the competition yet", file=sys.stderr)
    return 0
