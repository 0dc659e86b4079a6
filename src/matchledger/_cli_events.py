"""The ``import-events`` command: providers' event files (through kloppy) to a ledger."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from matchledger import _progress
from matchledger._cli_tables import CommandError
from matchledger.codec import dump, dumps
from matchledger.errors import LedgerError
from matchledger.events import Event
from matchledger.importers.kloppy import ImportReport
from matchledger.ledger import Ledger

__all__ = ["add_parser", "run_import_events"]

_PROVIDERS = ("opta", "sportec", "statsbomb", "statsperform", "wyscout")


def add_parser(sub: Any) -> None:
    """Add ``import-events`` to the subcommands."""
    p = sub.add_parser(
        "import-events",
        help="turn a provider's event files (StatsBomb, Wyscout, Stats Perform, ...) into a ledger",
        description="Read a provider's event files of one or more matches, in any order "
        "(StatsBomb: events + lineups, and optionally the season's matches file; Wyscout: "
        "the match file, v2 or v3; Stats Perform: MA1 + MA3, JSON or XML; Opta: F7 + F24; "
        "Sportec: meta + events), through kloppy, and write them as a ledger. What the "
        "ledger has no event for (passes, carries...) is counted on stderr. Needs the "
        "extra matchledger[kloppy].",
    )
    p.add_argument("files", metavar="FILE", nargs="+", type=Path, help="the provider's files")
    p.add_argument("--provider", required=True, choices=_PROVIDERS, help="whose files these are")
    p.add_argument(
        "--home",
        metavar="TEAM",
        help="the home team (name or id), for files that do not say (StatsBomb without "
        "its matches file, Wyscout v2)",
    )
    p.add_argument("--competition", help="the competition, when the files do not say")
    p.add_argument("--season", help="the season, e.g. 2018-19, when the files do not say")
    p.add_argument(
        "--date", metavar="DATE", help="the kick-off (2018-08-18 or 2018-08-18T20:15), UTC"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write here (.json or .jsonl); default: JSON Lines on stdout",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only warnings on stderr")


def _kickoff(text: str | None) -> datetime | None:
    if text is None:
        return None
    text = text.strip()
    try:
        if "T" not in text and " " not in text:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text!r}: write a date like 2018-08-18") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _report(report: ImportReport, *, quiet: bool) -> None:
    """The import's summary, warnings and skipped events, on stderr."""
    if not quiet:
        print(report.summary(), file=sys.stderr)
    for line in report.notes:
        print(f"  warning: {line}", file=sys.stderr)
    for line in report.skipped:
        print(f"  skipped: {line}", file=sys.stderr)


def _all_there(paths: list[Path]) -> None:
    for path in paths:
        try:
            found = path.exists()
        except OSError as exc:  # a name too long, say
            raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        if not found:
            raise CommandError(f"{path}: no such file")


def run_import_events(args: argparse.Namespace) -> int:
    """``matchledger import-events``: the ledger is written before the reports are shown."""
    from matchledger.importers.event_files import read_event_files  # noqa: PLC0415

    _all_there(args.files)
    from matchledger.importers.results_csv import _season_argument  # noqa: PLC0415

    try:
        season = _season_argument(args.season)
    except ValueError as exc:
        raise CommandError(f"--season: {exc}") from None
    with _progress.shown():
        imports = read_event_files(
            args.provider,
            args.files,
            home=args.home,
            competition=args.competition,
            season=season,
            kickoff=_kickoff(args.date),
        )
    events: list[Event] = []
    for done in imports:
        events.extend(done.ledger)
    try:
        ledger = Ledger(events)
    except LedgerError as exc:  # pragma: no cover - each match is checked apart already
        raise CommandError(str(exc)) from None
    out: Path | None = args.output
    if out is None:
        sys.stdout.buffer.write(dumps(ledger, lines=True))
    else:
        try:
            dump(ledger, out)
        except OSError as exc:
            raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    for done in imports:
        _report(done.report, quiet=args.quiet)
    if out is not None and not args.quiet:
        n = len(ledger.match_ids)
        print(f"{out}: {len(ledger)} events, {n} match{'es' * (n != 1)}", file=sys.stderr)
    return 0
