"""How ``table``, ``stats`` and ``score`` print: ``--format table|json|csv|markdown``, colour.

``table`` is the aligned text for people, coloured on a terminal (never when stdout is
a pipe or a file, nor when ``NO_COLOR`` is set); ``json`` the rows as JSON (``--json``
for short); ``csv`` the same rows as the JSON, one line each, with a header (``None`` an
empty cell, flags ``true``/``false``); ``markdown`` a pipe table of the columns the text
shows.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, TextIO

import orjson

from matchledger.export import STATS_COLUMNS, TABLE_COLUMNS, _stats_record
from matchledger.folds.score import Scoreline
from matchledger.folds.standings import Row, Table
from matchledger.folds.stats import PlayerStats

__all__ = [
    "FORMATS",
    "add_format_options",
    "colour_wanted",
    "print_scores",
    "print_stats",
    "print_table",
    "table_text",
]

FORMATS: Final = ("table", "json", "csv", "markdown")

_BOLD: Final = "1"
_RED: Final = "31"
_GREEN: Final = "32"


def add_format_options(parser: argparse.ArgumentParser) -> None:
    """``--format FORMAT`` and its shorthand ``--json``, one or the other."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        metavar="FORMAT",
        help="how to print: table (aligned text, the default), json, csv or markdown",
    )
    group.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="the same as --format json",
    )


# --- colour ---------------------------------------------------------------------------------


def colour_wanted(stream: TextIO | None = None) -> bool:
    """Whether to colour: ``stream`` (stdout) is a terminal and ``NO_COLOR`` is not set.

    See https://no-color.org: a ``NO_COLOR`` that is set and not empty turns colour off.
    """
    if os.environ.get("NO_COLOR", ""):
        return False
    target = sys.stdout if stream is None else stream
    try:
        return target.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def _paint(text: str, code: str, on: bool = True) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on and code else text


def _signed(value: int, width: int) -> str:
    """A signed number, right-aligned: green above zero, red below."""
    text = f"{value:>+{width}}"
    return _paint(text, _GREEN if value > 0 else _RED if value < 0 else "")


def _form(form: str) -> str:
    return "".join(_paint(c, _GREEN if c == "W" else _RED if c == "L" else "") for c in form)


# --- output ---------------------------------------------------------------------------------


def _write(text: str) -> None:
    sys.stdout.write(text + "\n")


def _write_json(value: Any) -> None:
    _write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(records: Iterable[Mapping[str, object]], columns: Sequence[str]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(r[c]) for c in columns] for r in records)


def _markdown_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _markdown(header: Sequence[str], rows: Iterable[Sequence[object]], right: set[int]) -> str:
    """A pipe table, its columns padded to their widths; ``right``: the columns aligned right."""
    cells = [[_markdown_cell(v) for v in row] for row in rows]
    widths = [max([len(h), 3] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: Sequence[str]) -> str:
        padded = (
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * (w - 1) + ":" if i in right else "-" * w for i, w in enumerate(widths)]
    return "\n".join([line(header), line(rule), *(line(r) for r in cells)])


# --- league tables --------------------------------------------------------------------------


def _mark(row: Row) -> str:
    return "=" if row.unresolved_tie else "*" if row.decided_by else ""


def table_text(table: Table, *, colour: bool = False) -> str:
    """The table as :meth:`Table.__str__` aligns it; with ``colour``, ANSI colours too.

    The header is bold, and so is the leader; a goal difference is green above zero and
    red below; a form's wins are green and its defeats red.
    """
    if not colour:
        return str(table)
    width = max([len(r.team.name) for r in table.rows] + [4])
    head = f"{'Pos':>3}  {'Team':<{width}}  {'P':>3} {'W':>3} {'D':>3} {'L':>3} "
    head += f"{'GF':>4} {'GA':>4} {'GD':>4} {'Pts':>4}  Form"
    lines = [_paint(head, _BOLD)]
    for r in table.rows:
        name = _paint(f"{r.team.name:<{width}}", _BOLD, r.position == 1)
        deducted = f" ({-r.points_deducted:+d})" if r.points_deducted else ""
        lines.append(
            f"{r.position:>3}{_mark(r) or ' '} {name}  {r.played:>3} {r.won:>3} "
            f"{r.drawn:>3} {r.lost:>3} {r.goals_for:>4} {r.goals_against:>4} "
            f"{_signed(r.goal_difference, 4)} {r.points:>4}  {_form(r.form)}{deducted}"
        )
    return "\n".join(lines)


def _table_markdown(table: Table) -> str:
    header = ["Pos", "Team", "P", "W", "D", "L", "GF", "GA", "GD", "Pts", "Form"]
    rows = [
        [
            f"{r.position}{_mark(r)}",
            r.team.name,
            r.played,
            r.won,
            r.drawn,
            r.lost,
            r.goals_for,
            r.goals_against,
            f"{r.goal_difference:+d}",
            r.points,
            r.form + (f" ({-r.points_deducted:+d})" if r.points_deducted else ""),
        ]
        for r in table.rows
    ]
    return _markdown(header, rows, right=set(range(2, 10)))


def print_table(table: Table, fmt: str, *, title: str, explain: bool) -> None:
    """``matchledger table``'s output in ``fmt``; ``explain`` adds the tie-breaks to text."""
    if fmt == "json":
        _write_json(table.to_records())
        return
    if fmt == "csv":
        _write_csv(table.to_records(), list(TABLE_COLUMNS))
        return
    lines = table.explain() or ["No club was level on points with another."]
    if fmt == "markdown":
        _write(_table_markdown(table))
        if explain:
            _write("")
            _write("\n".join(f"- {x}" for x in lines))
        return
    _write(title)
    _write(table_text(table, colour=colour_wanted()))
    if explain:
        _write("")
        _write("\n".join(lines))


# --- player statistics ----------------------------------------------------------------------

_STATS_TEXT: Final = (
    ("Min", "minutes_played"),
    ("G", "goals"),
    ("OG", "own_goals"),
    ("A", "assists"),
    ("Sh", "shots"),
    ("OnT", "shots_on_target"),
    ("Wood", "woodwork"),
    ("Pen", "penalties_taken"),
    ("PSv", "penalties_saved"),
    ("Sv", "saves"),
    ("GC", "goals_conceded"),
    ("F", "fouls_committed"),
    ("Y", "yellow_cards"),
    ("R", "red_cards"),
)
"""The columns of the text and markdown, by their headings."""


def print_stats(rows: Sequence[PlayerStats], names: Mapping[str, str], fmt: str) -> None:
    """``matchledger stats``'s output in ``fmt``; ``names`` maps team ids to names."""
    if fmt in ("json", "csv"):
        records = [_stats_record(r, names) for r in rows]
        if fmt == "json":
            _write_json(records)
        else:
            _write_csv(records, list(STATS_COLUMNS))
        return
    if fmt == "markdown":
        header = ["Player", "Team", *(c for c, _ in _STATS_TEXT)]
        table = [
            [r.name, names.get(r.team, r.team), *(getattr(r, f) for _, f in _STATS_TEXT)]
            for r in rows
        ]
        _write(_markdown(header, table, right=set(range(2, len(header)))))
        return
    width = max([len(r.name) for r in rows] + [6])
    head = f"{'Player':<{width}}  {'Team':<12}" + "".join(f"{c:>5}" for c, _ in _STATS_TEXT)
    _write(_paint(head, _BOLD, colour_wanted()))
    for r in rows:
        cells = "".join(f"{getattr(r, f):>5}" for _, f in _STATS_TEXT)
        _write(f"{r.name:<{width}}  {names.get(r.team, r.team)[:12]:<12}{cells}")


# --- scores ---------------------------------------------------------------------------------

SCORE_COLUMNS: Final = (
    "match_id",
    "home",
    "away",
    "home_goals",
    "away_goals",
    "half_time_home",
    "half_time_away",
    "extra_time_home",
    "extra_time_away",
    "shootout_home",
    "shootout_away",
    "status",
)
"""The columns of ``score --format csv``: the values of ``--json`` but its lists, the
score pairs as two columns each."""


def _score_record(s: Scoreline) -> dict[str, object]:
    out: dict[str, object] = {
        "match_id": s.match_id,
        "home": s.home.name,
        "away": s.away.name,
        "home_goals": s.home_goals,
        "away_goals": s.away_goals,
    }
    for name, pair in (("half_time", s.half_time), ("extra_time", s.extra_time)):
        out[f"{name}_home"] = None if pair is None else pair.home
        out[f"{name}_away"] = None if pair is None else pair.away
    out["shootout_home"] = None if s.shootout is None else s.shootout.home
    out["shootout_away"] = None if s.shootout is None else s.shootout.away
    out["status"] = s.status.value
    return out


def _score_parts(s: Scoreline) -> tuple[str, str]:
    """``str(s)`` split as the score (``Inter 1-1 Atalanta``) and its notes (``HT 1-0``)."""
    text = str(s)
    head = f"{s.home.name} {s.home_goals}-{s.away_goals} {s.away.name}"
    return head, text[len(head) :].strip().removeprefix("(").removesuffix(")")


def _score_line(s: Scoreline, *, colour: bool) -> str:
    """``str(s)``, the winner in bold with ``colour``."""
    winner = s.winner
    if not colour or winner is None:
        return str(s)
    _, notes = _score_parts(s)
    home = _paint(s.home.name, _BOLD, winner == s.home)
    away = _paint(s.away.name, _BOLD, winner == s.away)
    line = f"{home} {s.home_goals}-{s.away_goals} {away}"
    return f"{line} ({notes})" if notes else line


def print_scores(found: Sequence[Scoreline], fmt: str) -> None:
    """``matchledger score``'s output in ``fmt`` (not ``json``, which lists incidents too)."""
    if fmt == "csv":
        _write_csv([_score_record(s) for s in found], SCORE_COLUMNS)
        return
    if fmt == "markdown":
        rows = []
        for s in found:
            _, notes = _score_parts(s)
            rows.append([s.home.name, f"{s.home_goals}-{s.away_goals}", s.away.name, notes])
        _write(_markdown(["Home", "Score", "Away", "Notes"], rows, right=set()))
        return
    if not found:
        _write("no matches")
    colour = colour_wanted()
    for s in found:
        _write(_score_line(s, colour=colour))
