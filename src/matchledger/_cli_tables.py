"""The ``import`` and ``table`` commands of the command line."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from matchledger import _cli_formats, _progress
from matchledger.codec import dumps, load
from matchledger.errors import LedgerError
from matchledger.events import (
    Event,
    PointsDeducted,
    ResultAwarded,
    TieDecided,
)
from matchledger.folds.standings import Fixtures, Table, select_season, standings
from matchledger.importers.kloppy import UNKNOWN_COMPETITION, UNKNOWN_SEASON
from matchledger.ledger import Ledger
from matchledger.rules import PRESETS, guess_rules

__all__ = ["CommandError", "add_parsers", "read_input", "run_import", "run_table"]


class CommandError(Exception):
    """An error to print as one line, exit status 1."""


def add_parsers(sub: Any) -> None:
    """Add ``import`` and ``table`` to the subcommands."""
    p_import = sub.add_parser(
        "import",
        help="turn a results CSV into a ledger",
        description="Read a results CSV (engsoccerdata, openfootball or football-data.co.uk "
        "layout, told by its header) and write it as a ledger.",
    )
    p_import.add_argument("csv", metavar="CSV", type=Path, help="a results file")
    p_import.add_argument("--season", help="only this season, e.g. 2019-20")
    p_import.add_argument("--tier", type=int, help="only this tier (1 is the top flight)")
    p_import.add_argument(
        "-o", "--output", type=Path, help="write here (.json or .jsonl); default: stdout"
    )

    p_table = sub.add_parser(
        "table",
        help="print a league table under a competition's rules",
        description="Print the table of one competition's season from ledgers "
        "(.json/.jsonl), results files (.csv) and event stores (SQLite files, "
        "postgresql:// addresses).",
    )
    p_table.add_argument("inputs", metavar="INPUT", nargs="+", type=Path)
    p_table.add_argument("--season", help="the season, e.g. 2019-20")
    p_table.add_argument("--tier", type=int, help="the tier, for results files")
    p_table.add_argument("--competition", help="the competition, when the inputs hold several")
    p_table.add_argument(
        "--rules",
        choices=sorted(PRESETS),
        metavar="NAME",
        help=f"the ranking rules: {', '.join(sorted(PRESETS))} (default: from the competition)",
    )
    when = p_table.add_mutually_exclusive_group()
    when.add_argument("--as-of", metavar="DATE", help="the table after the matches of DATE")
    when.add_argument("--round", type=int, metavar="N", help="the table after round N")
    venue = p_table.add_mutually_exclusive_group()
    venue.add_argument("--home", action="store_true", help="home matches only")
    venue.add_argument("--away", action="store_true", help="away matches only")
    p_table.add_argument(
        "--deduct",
        action="append",
        default=[],
        metavar="TEAM=POINTS",
        help="deduct points, e.g. --deduct 'Everton=8' (repeatable)",
    )
    p_table.add_argument(
        "--award",
        action="append",
        default=[],
        metavar="HOME v AWAY=H-A",
        help="award a result, e.g. --award 'Hellas Verona v Roma=3-0' (repeatable); "
        "add ' points only' when the award gives the points but no goals",
    )
    p_table.add_argument(
        "--decided",
        action="append",
        default=[],
        metavar="WINNER>LOSER",
        help="a play-off or drawing of lots, e.g. --decided 'Hellas Verona>Spezia'",
    )
    p_table.add_argument("--explain", action="store_true", help="say how ties were decided")
    _cli_formats.add_format_options(p_table)


def read_input(path: Path, season: str | None = None, tier: int | None = None) -> Ledger:
    """A ledger file, or a results CSV as a ledger; any failure as one CommandError line."""
    with _progress.shown():
        return _read_input(path, season, tier)


def _read_input(path: Path, season: str | None, tier: int | None) -> Ledger:
    try:
        if path.suffix.lower() in (".csv", ".tsv", ".txt"):
            from matchledger.importers import read_results_csv  # noqa: PLC0415 - on demand

            return read_results_csv(path, season=season, tier=tier)
        if _is_store(path):
            from matchledger.store import open_store  # noqa: PLC0415 - on demand

            store = open_store(_address(path))
            try:
                return store.read()
            finally:
                store.close()
        return load(path)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, not a ledger file") from None
    except PermissionError:
        raise CommandError(f"{path}: permission denied") from None
    except LedgerError as exc:
        text = str(exc)
        raise CommandError(text if text.startswith(str(path)) else f"{path}: {text}") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _address(path: Path) -> str:
    """The text of a store argument (a ``Path`` folds ``postgresql://`` into ``postgresql:/``)."""
    text = str(path)
    for scheme in ("postgresql:", "postgres:"):
        if text.startswith(scheme) and not text.startswith(scheme + "//"):
            return scheme + "//" + text[len(scheme) :].lstrip("/")
    return text


def _is_store(path: Path) -> bool:
    """An SQLite database or a PostgreSQL address (a JSON Lines store is a ledger file)."""
    if str(path).startswith(("postgresql:", "postgres:")):
        return True
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def run_import(args: argparse.Namespace) -> int:
    """``matchledger import``."""
    args.season = _season(args.season)
    out: Path | None = args.output
    with _progress.shown():
        ledger = read_input(args.csv, args.season, args.tier)
        if out is None:
            data = dumps(ledger, lines=True)
            _progress.clear()
            sys.stdout.buffer.write(data)
            return 0
        from matchledger.codec import dump  # noqa: PLC0415

        _progress.stage(f"writing {out.name}")
        try:
            dump(ledger, out)
        except OSError as exc:
            raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    matches = len(ledger.match_ids)
    print(f"{out}: {len(ledger)} events, {matches} matches", file=sys.stderr)
    return 0


def _team(name: str, fixtures: Fixtures, option: str) -> str:
    name = name.strip()
    names = fixtures.names
    if name in names:
        return names[name]
    folded = {k.casefold(): v for k, v in names.items()}
    if name.casefold() in folded:
        return folded[name.casefold()]
    close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.5)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    raise CommandError(f"{option}: no team {name!r} in this season{hint}")


def _options(
    args: argparse.Namespace, events: list[Event], competition: str, season: str
) -> list[Event]:
    fixtures = Fixtures(events, competition, season)
    extra: list[Event] = []
    for n, text in enumerate(args.deduct):
        team, _, points = text.rpartition("=")
        if not team or not re.fullmatch(r"-?\d+", points.strip()):
            raise CommandError(f"--deduct {text!r}: write TEAM=POINTS, e.g. 'Everton=8'")
        extra.append(
            PointsDeducted(
                event_id=f"cli-deduct-{n}",
                team=_team(team, fixtures, "--deduct"),
                points=int(points),
                reason="--deduct",
                competition=competition,
                season=season,
            )
        )
    for n, text in enumerate(args.award):
        m = re.fullmatch(r"\s*(.+?)\s+v\s+(.+?)\s*=\s*(\d+)\s*-\s*(\d+)\s*(points only)?\s*", text)
        if m is None:
            raise CommandError(
                f"--award {text!r}: write 'HOME v AWAY=H-A', e.g. 'Verona v Roma=3-0'"
            )
        home = _team(m.group(1), fixtures, "--award")
        away = _team(m.group(2), fixtures, "--award")
        meeting = fixtures.take(home, away)
        if meeting is None:
            raise CommandError(
                f"--award {text!r}: no match {m.group(1)} v {m.group(2)} this season"
            )
        extra.append(
            ResultAwarded(
                event_id=f"cli-award-{n}",
                match_id=meeting.match_id,
                home_goals=int(m.group(3)),
                away_goals=int(m.group(4)),
                counts_goals=m.group(5) is None,
                reason="--award",
            )
        )
    for n, text in enumerate(args.decided):
        winner, sep, loser = text.partition(">")
        if not sep or not winner.strip() or not loser.strip():
            raise CommandError(f"--decided {text!r}: write 'WINNER>LOSER'")
        extra.append(
            TieDecided(
                event_id=f"cli-decided-{n}",
                winner=_team(winner, fixtures, "--decided"),
                loser=_team(loser, fixtures, "--decided"),
                competition=competition,
                season=season,
            )
        )
    return extra


def _as_of(args: argparse.Namespace) -> date | datetime | int | None:
    if args.round is not None:
        return int(args.round)
    if args.as_of is None:
        return None
    text = args.as_of.strip()
    try:
        if "T" not in text and " " not in text:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
        # a time without a zone is read as UTC, the zone of kick-offs from results files
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    except ValueError:
        raise CommandError(f"--as-of {text!r}: write a date like 2020-01-11") from None


def _season(text: str | None) -> str | None:
    from matchledger.importers.results_csv import _season_argument  # noqa: PLC0415

    try:
        return _season_argument(text)
    except ValueError as exc:
        raise CommandError(f"--season: {exc}") from None


def run_table(args: argparse.Namespace) -> int:
    """``matchledger table``."""
    args.season = _season(args.season)
    if args.round is not None and args.round < 1:
        raise CommandError(f"--round {args.round}: rounds start at 1")
    events: list[Event] = []
    for path in args.inputs:
        events.extend(read_input(path, args.season, args.tier))
    try:
        competition, season = select_season(events, args.competition, args.season)
        unknown = [
            what
            for what, label in (("competition", competition), ("season", season))
            if label in (UNKNOWN_COMPETITION, UNKNOWN_SEASON)
        ]
        if unknown:
            raise CommandError(
                f"the matches' files do not give their {' or '.join(unknown)}; "
                "import them again with --competition and --season"
            )
        extra = _options(args, events, competition, season)
        rules = args.rules or guess_rules(competition)
        if rules is None:
            raise CommandError(
                f"no rules known for {competition!r}; choose one with --rules "
                f"({', '.join(sorted(PRESETS))})"
            )
        ledger = Ledger(events).extend(extra)
        venue: Literal["home", "away"] | None = (
            "home" if args.home else "away" if args.away else None
        )
        table = standings(
            ledger,
            rules=rules,
            as_of=_as_of(args),
            venue=venue,
            competition=competition,
            season=season,
        )
    except LedgerError as exc:
        text = str(exc)
        if text.endswith("; choose one"):
            text += " with --season, --tier or --competition"
        raise CommandError(text) from None
    _cli_formats.print_table(table, args.format, title=_title(table), explain=args.explain)
    return 0


def _title(table: Table) -> str:
    venue = f", {table.venue} matches" if table.venue else ""
    return f"{table.competition} {table.season}{venue} ({table.rules.name})"
