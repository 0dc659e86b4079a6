"""The ``matchledger`` command: the library's work for people who do not write Python.

Every error is one line on stderr and exit status 1 (2 for a usage mistake), never a
traceback.
"""

from __future__ import annotations

import argparse
import functools
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, ParamSpec

import orjson

from matchledger import __version__, _cli_events, _cli_formats, _cli_plot, _cli_store, _cli_tables
from matchledger._cli_tables import CommandError
from matchledger._example import load_example, load_serie_a_2019_20
from matchledger._timeline import timeline
from matchledger.codec import SCHEMA_VERSION
from matchledger.errors import LedgerError
from matchledger.folds.incidents import Booking, Goal, Incidents, Substitution, incidents
from matchledger.folds.score import Scoreline, score, scores
from matchledger.folds.standings import standings, what_if
from matchledger.folds.stats import player_stats
from matchledger.ledger import Ledger

__all__ = ["main"]

PROG = "matchledger"
_P = ParamSpec("_P")


class _UsageError(Exception):
    """A usage mistake; argparse's own message, on one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        for action in self._actions:  # Python 3.11 reads "FILE -- --" as FILE = []
            value = getattr(parsed, action.dest, None)
            if not action.option_strings and action.nargs is None and isinstance(value, list):
                self.error(f"argument {action.metavar or action.dest}: expected one argument")
        return parsed, extras


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Football matches as append-only event ledgers.",
        epilog="Run 'matchledger COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    sub.add_parser(
        "demo",
        help="show the seed match, Inter 1-1 Atalanta, as a timeline and its score",
        description="Show the packaged seed match (Inter 1-1 Atalanta, Serie A, "
        "11 January 2020) as a timeline, then its score.",
    )

    p_score = sub.add_parser(
        "score",
        help="print the score of every match in a ledger file",
        description="Print the score of every match in FILE (.json or .jsonl).",
    )
    p_score.add_argument(
        "file", metavar="FILE", type=Path, help="a ledger: .json, or .jsonl/.ndjson for JSON Lines"
    )
    _cli_formats.add_format_options(p_score)
    p_score.add_argument("--match", metavar="ID", help="only the match with this id")

    p_validate = sub.add_parser(
        "validate",
        help="check that a file is a valid ledger",
        description="Check that FILE is a valid ledger: exit 0 with a one-line summary, "
        "or exit 1 with a one-line error.",
    )
    p_validate.add_argument(
        "file", metavar="FILE", type=Path, help="a ledger: .json, or .jsonl/.ndjson for JSON Lines"
    )
    p_stats = sub.add_parser(
        "stats",
        help="print every player's numbers in a ledger file",
        description="Print each player's statistics over the matches in FILE.",
    )
    p_stats.add_argument("file", metavar="FILE", type=Path, help="a ledger (.json or .jsonl)")
    p_stats.add_argument("--match", metavar="ID", help="only this match")
    p_stats.add_argument("--team", metavar="T", help="only this team (id or name)")
    p_stats.add_argument("--player", metavar="NAME", help="only players whose name contains NAME")
    _cli_formats.add_format_options(p_stats)
    _cli_tables.add_parsers(sub)
    _cli_events.add_parser(sub)
    _cli_store.add_parsers(sub)
    _cli_plot.add_parser(sub)
    return parser


def _read(path: Path) -> Ledger:
    """A ledger file, or a results CSV read as one."""
    return _cli_tables.read_input(path)


def _score_json(s: Scoreline, found: Incidents) -> dict[str, Any]:
    def pair(x: Any) -> dict[str, int] | None:
        return None if x is None else {"home": x.home, "away": x.away}

    names = {s.home.team_id: s.home.name, s.away.team_id: s.away.name}

    def when(x: Goal | Booking | Substitution) -> dict[str, Any]:
        return {
            "minute": x.minute,
            "at": None if x.at is None else str(x.at),
            "team": names.get(x.team, x.team),
            "team_id": x.team,
        }

    return {
        "match_id": s.match_id,
        "home": s.home.name,
        "away": s.away.name,
        "home_goals": s.home_goals,
        "away_goals": s.away_goals,
        "half_time": pair(s.half_time),
        "extra_time": pair(s.extra_time),
        "shootout": pair(s.shootout),
        "status": s.status.value,
        "goals": [
            {
                **when(g),
                "scorer": g.scorer.name,
                "scorer_id": g.scorer.player_id,
                "type": g.kind,
                "assist": None if g.assist is None else g.assist.name,
                "score": g.score,
            }
            for g in found.goals
        ],
        "cards": [
            {
                **when(b),
                "player": b.player.name,
                "player_id": b.player.player_id,
                "card": b.card.value,
                "official": b.official,
            }
            for b in found.bookings
        ],
        "substitutions": [
            {
                **when(x),
                "player_off": x.player_off.name,
                "player_off_id": x.player_off.player_id,
                "player_on": x.player_on.name,
                "player_on_id": x.player_on.player_id,
            }
            for x in found.substitutions
        ],
    }


def _cmd_demo() -> int:
    ledger = load_example()
    (match_id,) = ledger.match_ids
    for line in timeline(ledger, match_id):
        print(line)
    s = score(ledger, match_id)
    print()
    print(f"Full time: {s.home.name} {s.home_goals}-{s.away_goals} {s.away.name}")
    if s.half_time is not None:
        print(f"Half time: {s.half_time}")
    print()
    print("Key numbers:")
    for line in _key_numbers(ledger, match_id):
        print(line)
    kickoff = ledger.schedule(match_id).kickoff
    if kickoff is None:  # no date, so no table "as it stood" that day
        return 0
    day = kickoff.date()
    season = load_serie_a_2019_20()
    table = standings(season, "serie-a", as_of=day)
    print()
    print(f"Serie A 2019-20 as it stood on {day:%d %B %Y} (top six):")
    print("\n".join(str(table).splitlines()[:7]))
    roma_juve = what_if(season, [("AS Roma", "Juventus", 1, 2)], "serie-a", as_of=day)
    print()
    print("What if Juventus win at Roma the next day (Roma 1-2 Juventus)?")
    print("\n".join(str(roma_juve).splitlines()[:4]))
    return 0


def _key_numbers(ledger: Ledger, match_id: str) -> list[str]:
    """The players' notable numbers in one match, a line each."""
    lines = []
    for p in player_stats(ledger, match_id):
        facts = []
        if p.goals:
            facts.append(f"{p.goals} goal")
        if p.woodwork:
            facts.append(f"hit the woodwork {p.woodwork}x")
        if p.cleared_off_line:
            facts.append(f"{p.cleared_off_line} shot cleared off the line")
        if p.penalties_conceded:
            facts.append("conceded a penalty")
        if p.penalties_missed:
            facts.append("missed a penalty")
        if p.penalties_saved:
            facts.append(f"saved a penalty, {p.saves} saves")
        if facts:
            lines.append(f"  {p.name}: {', '.join(facts)}")
    return lines


def _cmd_score(path: Path, *, fmt: str, match_id: str | None) -> int:
    ledger = _read(path)
    if match_id is not None:
        if match_id not in ledger.match_ids:
            raise CommandError(f"{path}: no match {match_id!r} in this ledger")
        found = [score(ledger, match_id)]
    else:
        found = list(scores(ledger).values())
    if fmt == "json":
        rows = [_score_json(s, incidents(ledger, s.match_id)) for s in found]
        out: Any = rows[0] if len(rows) == 1 else rows
        sys.stdout.write(orjson.dumps(out, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        _cli_formats.print_scores(found, fmt)
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    ledger = _read(args.file)
    if args.match is not None and args.match not in ledger.match_ids:
        raise CommandError(f"{args.file}: no match {args.match!r} in this ledger")
    names = {}
    for mid in ledger.match_ids:
        s = ledger.schedule(mid)
        for t in (s.home, s.away):
            names[t.team_id] = t.name
    team = args.team
    if team is not None:
        by_name = {v.casefold(): k for k, v in names.items()} | {k.casefold(): k for k in names}
        if team.casefold() not in by_name:
            raise CommandError(
                f"--team: no team {team!r}; teams: {', '.join(sorted(names.values()))}"
            )
        team = by_name[team.casefold()]
    rows = [
        s
        for s in player_stats(ledger, args.match)
        if (team is None or s.team == team)
        and (args.player is None or args.player.casefold() in s.name.casefold())
    ]
    # json and csv as in `table --json`: the team's name, and its id beside it
    _cli_formats.print_stats(rows, names, args.format)
    return 0


def _cmd_validate(path: Path) -> int:
    ledger = _read(path)
    n, m = len(ledger), len(ledger.match_ids)
    print(
        f"{path}: ok, {n} event{'s' * (n != 1)} in {m} match{'es' * (m != 1)} "
        f"(schema {SCHEMA_VERSION})"
    )
    return 0


def _console(run: Callable[_P, int]) -> Callable[_P, int]:
    """Run a command as people read it: warnings on one line each, any file name printed.

    A warning (a store's torn tail cut off, say) is ``matchledger: warning: ...``, one
    line, not Python's two lines with a source line.
    """

    @functools.wraps(run)
    def console(*args: _P.args, **kwargs: _P.kwargs) -> int:
        _bytes_as_given(sys.stdout)
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return run(*args, **kwargs)

    return console


def _show_warning(message: Warning | str, *_: object, **__: object) -> None:
    print(_one_line(f"{PROG}: warning: {message}"), file=sys.stderr)


@_console
def main(argv: Sequence[str] | None = None) -> int:  # noqa: C901, PLR0911, PLR0912 - one return per outcome
    """Run the command line; return the exit status.

    Example:
        >>> main(["validate", "no-such-file.json"])
        1
    """
    try:
        args = _parser().parse_args(argv)
        if args.command == "demo":
            return _cmd_demo()
        if args.command == "score":
            return _cmd_score(args.file, fmt=args.format, match_id=args.match)
        if args.command == "validate":
            return _cmd_validate(args.file)
        if args.command == "stats":
            return _cmd_stats(args)
        if args.command == "import":
            return _cli_tables.run_import(args)
        if args.command == "import-events":
            return _cli_events.run_import_events(args)
        if args.command == "append":
            return _cli_store.run_append(args)
        if args.command == "watch":
            return _cli_store.run_watch(args)
        if args.command == "plot":
            return _cli_plot.run_plot(args)
        return _cli_tables.run_table(args)
    except _UsageError as exc:
        print(_one_line(f"{PROG}: usage error: {exc} (see '{PROG} --help')"), file=sys.stderr)
        return 2
    except (CommandError, LedgerError) as exc:
        print(_one_line(f"{PROG}: error: {exc}"), file=sys.stderr)
        return 1
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - the command never shows a traceback
        message = f"{PROG}: internal error: {type(exc).__name__}: {exc} (please report this)"
        print(_one_line(message), file=sys.stderr)
        return 1


def _bytes_as_given(stream: Any) -> None:
    """Write a file name that is not UTF-8 as its own bytes (Python's C locale does so).

    Python reads such a name from the arguments as lone surrogates, which a strict UTF-8
    stream cannot write; ``validate`` and ``append`` print the names they were given.
    """
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="surrogateescape")


def _one_line(message: str) -> str:
    return " ".join(message.split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
