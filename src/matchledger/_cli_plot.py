"""The ``plot`` command of the command line: a season's race, a match's timeline."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matchledger._cli_tables import CommandError, _season, read_input
from matchledger.errors import LedgerError
from matchledger.events import Event, MatchScheduled
from matchledger.folds.standings import select_season
from matchledger.rules import PRESETS, guess_rules

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["add_parser", "run_plot"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
_DPI = 150


def add_parser(sub: Any) -> None:
    """Add ``plot`` (with ``race`` and ``match``) to the subcommands."""
    p_plot = sub.add_parser(
        "plot",
        help="draw a season's race or a match's timeline (.png, .svg, .pdf)",
        description="Draw a picture: a season's race (each team's place or points "
        "after every round) or a match's timeline. Needs the extra matchledger[plot].",
    )
    kinds = p_plot.add_subparsers(dest="picture", metavar="PICTURE", parser_class=type(p_plot))
    kinds.required = True

    p_race = kinds.add_parser(
        "race",
        help="each team's position (or points) after every round of a season",
        description="Draw each team's position (or points) in the table after every "
        "round of one competition's season, from ledgers (.json/.jsonl), results "
        "files (.csv) and event stores, as table reads them.",
    )
    p_race.add_argument(
        "inputs",
        metavar="INPUT",
        nargs="+",
        type=Path,
        help="a ledger (.json, .jsonl), a results file (.csv) or an event store",
    )
    p_race.add_argument("--season", help="the season, e.g. 2019-20")
    p_race.add_argument("--tier", type=int, help="the tier, for results files")
    p_race.add_argument("--competition", help="the competition, when the inputs hold several")
    p_race.add_argument(
        "--rules",
        choices=sorted(PRESETS),
        metavar="NAME",
        help=f"the ranking rules: {', '.join(sorted(PRESETS))} (default: from the competition)",
    )
    p_race.add_argument(
        "--metric",
        choices=("position", "points"),
        default="position",
        help="what to draw (default: position)",
    )
    _output(p_race)

    p_match = kinds.add_parser(
        "match",
        help="a match's goals, cards, woodwork, penalties and substitutions",
        description="Draw a match as a timeline: the score along the clock, half time "
        "and stoppage time; goals, cards, woodwork, penalties saved or missed and "
        "substitutions, home above, away below.",
    )
    p_match.add_argument("ledger", metavar="LEDGER", type=Path, help="a ledger (.json, .jsonl)")
    p_match.add_argument(
        "--match", metavar="ID", help="the match's id (needed when the ledger holds several)"
    )
    _output(p_match)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the picture to write: .png, .svg or .pdf",
    )


def run_plot(args: argparse.Namespace) -> int:
    """``matchledger plot race`` and ``matchledger plot match``: write the picture."""
    out: Path = args.output
    kind = FORMATS.get(out.suffix.lower())
    if kind is None:
        raise CommandError(f"{out}: write a .png, .svg or .pdf file (the name says which)")
    from matchledger.plot import _mpl  # noqa: PLC0415 - only for this command

    _mpl.require()  # the extra first: say so before reading anything
    fig = _race(args) if args.picture == "race" else _match(args)
    import matplotlib as mpl  # noqa: PLC0415 - only for this command

    # no timestamp and no random ids in the files: the same input draws the same bytes
    metadata: dict[str, Any] = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(kind, {})
    try:
        with mpl.rc_context({"svg.hashsalt": "matchledger"}):
            fig.savefig(out, format=kind, dpi=_DPI, metadata=metadata)
    except OSError as exc:
        raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    return 0


def _race(args: argparse.Namespace) -> Figure:
    from matchledger.plot import race  # noqa: PLC0415 - matplotlib only when drawing

    season = _season(args.season)
    events: list[Event] = []
    for path in args.inputs:
        events.extend(read_input(path, season, args.tier))
    try:
        competition, season = select_season(events, args.competition, season)
    except LedgerError as exc:
        text = str(exc)
        if text.startswith("no matches of"):
            text += _seasons(events)
        elif text.endswith("; choose one"):
            text += " with --season, --tier or --competition"
        raise CommandError(text) from None
    rules = args.rules or guess_rules(competition)
    if rules is None:
        raise CommandError(
            f"no rules known for {competition!r}; choose one with --rules "
            f"({', '.join(sorted(PRESETS))})"
        )
    return race(events, season=season, competition=competition, rules=rules, metric=args.metric)


def _seasons(events: list[Event]) -> str:
    found = sorted({f"{e.competition} {e.season}" for e in events if isinstance(e, MatchScheduled)})
    if not found:
        return ""
    shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
    return f"; the inputs hold {shown}"


def _match(args: argparse.Namespace) -> Figure:
    from matchledger.plot import match  # noqa: PLC0415 - matplotlib only when drawing

    ledger = read_input(args.ledger)
    ids = ledger.match_ids
    if args.match is None and len(ids) > 1:
        raise CommandError(
            f"{args.ledger}: {len(ids)} matches; choose one with --match, e.g. --match {ids[0]}"
        )
    try:
        return match(ledger, args.match)
    except LedgerError as exc:
        raise CommandError(f"{args.ledger}: {exc}") from None
