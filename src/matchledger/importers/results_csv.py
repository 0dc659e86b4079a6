r"""League results from CSV files, as ledgers of scheduled matches and their results.

:func:`read_results_csv` reads three layouts, told apart by the header line:

``engsoccerdata``
    ``season,date,round,home,away,home_goals,away_goals,tier,division`` (James P.
    Curley's engsoccerdata, reshaped; Spain's file adds ``ht,stage,group,notes``).
``openfootball``
    ``season,date,time,round,stage,home,away,home_goals,away_goals,ht_home_goals,
    ht_away_goals,et_home_goals,et_away_goals,pen_home,pen_away,status``
    (openfootball's football.json, one file per league code such as ``it.1.csv``).
``football-data``
    ``Div,Date,[Time,]HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,...`` (the files of
    football-data.co.uk; the betting and statistics columns are ignored).

Each match row becomes a :class:`~matchledger.events.MatchScheduled` followed by its
result (:class:`~matchledger.events.ResultRecorded`, or
:class:`~matchledger.events.ResultAwarded` /
:class:`~matchledger.events.MatchStatusChanged` for the rows the source flags); a
row without a score is a fixture not played yet and gives only the
:class:`~matchledger.events.MatchScheduled`.

Ids are deterministic, so importing a file twice gives equal ledgers: a team's id is
a slug of its name as the file writes it (``"Hellas Verona FC"`` ->
``"hellas-verona-fc"``), a match's id is
``<competition-slug>-<season>-<date>-<home-id>-<away-id>`` (``-2``, ``-3``... for a
repeat), and its events are ``<match_id>:scheduled`` and ``<match_id>:result`` (or
``:status``).

Kick-off times: the sources give local times without a zone. matchledger keeps them
as UTC wall-clock times, nominally: ``20:45`` in Milan is stored as
``20:45+00:00``, and a row without a time kicks off at ``00:00``. Compare
kick-offs within one source, not across time zones.

Every bad row raises :class:`ResultsFileError`, naming the file, the line and the
column, and holding the matches read before it in :attr:`ResultsFileError.partial`.

Example:
    >>> import pathlib, tempfile
    >>> from matchledger import score
    >>> rows = (
    ...     "season,date,round,home,away,home_goals,away_goals,tier,division\n"
    ...     "1888-89,1888-09-08,,Bolton Wanderers,Derby County,3,6,1,1\n"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "england.csv")
    ...     _ = path.write_text(rows, encoding="utf-8")
    ...     ledger = read_results_csv(path)
    >>> ledger.match_ids
    ('england-tier-1-1888-89-1888-09-08-bolton-wanderers-derby-county',)
    >>> s = score(ledger, ledger.match_ids[0])
    >>> s.home.name, s.home_goals, s.away_goals, s.away.name
    ('Bolton Wanderers', 3, 6, 'Derby County')
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from matchledger import _progress
from matchledger._gc import collector_paused
from matchledger.errors import EventRejected, InvalidFieldError, LedgerError, LimitExceeded
from matchledger.events import (
    Event,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    PointsDeducted,
    ResultAwarded,
    ResultRecorded,
    Score,
    Team,
)
from matchledger.ledger import Ledger
from matchledger.limits import Limits, chosen, read_bounded

__all__ = [
    "FOOTBALL_DATA_COMPETITIONS",
    "LAYOUTS",
    "OPENFOOTBALL_COMPETITIONS",
    "ResultsFileError",
    "read_deductions_csv",
    "read_results_csv",
]

# --- the layouts --------------------------------------------------------------------------------

_ENGSOCCERDATA: Final = (
    "season",
    "date",
    "round",
    "home",
    "away",
    "home_goals",
    "away_goals",
    "tier",
    "division",
)
_OPENFOOTBALL: Final = (
    "season",
    "date",
    "time",
    "round",
    "stage",
    "home",
    "away",
    "home_goals",
    "away_goals",
    "ht_home_goals",
    "ht_away_goals",
    "et_home_goals",
    "et_away_goals",
    "pen_home",
    "pen_away",
    "status",
)
_DEDUCTIONS: Final = ("season", "team", "tier", "deduction", "country")

LAYOUTS: Final[dict[str, str]] = {
    "engsoccerdata": ",".join(_ENGSOCCERDATA) + "[,ht,stage,group,notes]",
    "openfootball": ",".join(_OPENFOOTBALL),
    "football-data": "Div,Date,[Time,]HomeTeam,AwayTeam,FTHG,FTAG[,FTR,HTHG,HTAG,...]",
}
"""The layouts :func:`read_results_csv` reads: name -> header line (``[...]`` optional)."""

OPENFOOTBALL_COMPETITIONS: Final[dict[str, str]] = {
    "en.1": "Premier League",
    "en.2": "Championship",
    "en.3": "League One",
    "en.4": "League Two",
    "de.1": "Bundesliga",
    "de.2": "2. Bundesliga",
    "es.1": "La Liga",
    "it.1": "Serie A",
    "fr.1": "Ligue 1",
    "nl.1": "Eredivisie",
    "pt.1": "Primeira Liga",
}
"""Competition names of openfootball's file codes (the file stem, e.g. ``it.1``)."""

FOOTBALL_DATA_COMPETITIONS: Final[dict[str, tuple[str, int]]] = {
    "E0": ("Premier League", 1),
    "E1": ("Championship", 2),
    "E2": ("League One", 3),
    "E3": ("League Two", 4),
    "EC": ("National League", 5),
    "SC0": ("Scottish Premiership", 1),
    "SC1": ("Scottish Championship", 2),
    "SC2": ("Scottish League One", 3),
    "SC3": ("Scottish League Two", 4),
    "D1": ("Bundesliga", 1),
    "D2": ("2. Bundesliga", 2),
    "I1": ("Serie A", 1),
    "I2": ("Serie B", 2),
    "SP1": ("La Liga", 1),
    "SP2": ("Segunda División", 2),
    "F1": ("Ligue 1", 1),
    "F2": ("Ligue 2", 2),
    "N1": ("Eredivisie", 1),
    "B1": ("Belgian Pro League", 1),
    "P1": ("Primeira Liga", 1),
    "T1": ("Süper Lig", 1),
    "G1": ("Super League Greece", 1),
}
"""football-data.co.uk's ``Div`` codes: code -> (competition name, tier)."""

_PLAY_OFFS: Final = " play-offs"
_REGULAR: Final = frozenset({"", "regular"})
_UTC: Final = UTC
_SEASON = re.compile(r"^\s*(\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?\s*$")
_CONTINUES_SEASON: Final = timedelta(days=21)
_DIGITS: Final = 9
"""The most digits of a number in a cell (int() of thousands of digits is refused, slowly)."""
# letters that unicodedata does not decompose into an ASCII letter and an accent
_FOLD: Final = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d"}
    | {"Đ": "D", "ł": "l", "Ł": "L", "\u0131": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)


class ResultsFileError(LedgerError):
    """A results file could not be read: a bad header, a bad row, or a row the ledger rejects.

    The message is ``"{path}, line {line}, column {column!r}: {reason}"`` (without the
    column when the whole row is at fault).

    Attributes:
        path: the file, as given.
        line: the line of the file (1 is the header).
        column: the column at fault as the header names it, or ``None`` for the whole row.
        reason: what is wrong.
        partial: a ledger of every match read before the bad row (only those that
            passed the filters), so nothing already read is lost.
    """

    def __init__(
        self, *, path: str, line: int, column: str | None, reason: str, partial: Ledger
    ) -> None:
        """Build the message from the place and the reason."""
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
        self.partial = partial
        where = (
            f"{path}, line {line}" if column is None else f"{path}, line {line}, column {column!r}"
        )
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[Callable[..., ResultsFileError], tuple[object, ...]]:
        """Pickle with the keyword-only attributes."""
        return (_rebuild_error, (self.path, self.line, self.column, self.reason, self.partial))


def _rebuild_error(
    path: str, line: int, column: str | None, reason: str, partial: Ledger
) -> ResultsFileError:
    return ResultsFileError(path=path, line=line, column=column, reason=reason, partial=partial)


class _RowError(Exception):
    """A bad cell, before the line and the partial ledger are known."""

    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


# --- small parsers (each raises _RowError naming its column) -------------------------------------


def _season_label(text: str) -> str | None:
    """``"2019-20"`` for ``2019-20``, ``2019/20``, ``2019-2020`` or ``2019``, else ``None``."""
    m = _SEASON.match(text)
    if m is None:
        return None
    start = int(m.group(1))
    end = m.group(2)
    if end is not None:
        expected = start + 1 if len(end) == 4 else (start + 1) % 100
        if int(end) != expected:
            return None
    return f"{start}-{(start + 1) % 100:02d}"


def _season_argument(season: str | None) -> str | None:
    if season is None:
        return None
    label = _season_label(season) if isinstance(season, str) else None
    if label is None:
        msg = f"season must look like '2019-20' (or '2019', '2019/20', '2019-2020'), got {season!r}"
        raise ValueError(msg)
    return label


def _row_season(seen: dict[str, str | None], raw: str) -> str:
    """A row's season label, each distinct spelling parsed once.

    Raises:
        _RowError: for a value that is not a season.
    """
    season = seen.get(raw, "")
    if season == "":
        season = seen[raw] = _season_label(raw)
    if season is None:
        raise _RowError("season", f"must be a season like 2019-20, got {raw!r}")
    return season


def _goals(text: str, column: str) -> int:
    value = text.strip()
    if value.isascii() and value.isdigit() and len(value) <= _DIGITS:
        return int(value)
    raise _RowError(column, f"must be a whole number of goals (0 or more), got {text!r}")


def _optional_pair(
    row: Sequence[str], i: int, j: int, names: Sequence[str]
) -> tuple[int, int] | None:
    """A pair of goal counts from columns ``i`` and ``j``: both given or both empty."""
    first, second = row[i].strip(), row[j].strip()
    if not first and not second:
        return None
    if not first or not second:
        missing = names[i] if not first else names[j]
        other = names[j] if not first else names[i]
        raise _RowError(missing, f"is empty, but {other} is not: the two come together")
    return _goals(first, names[i]), _goals(second, names[j])


def _iso_date(text: str, column: str) -> date:
    value = text.strip()
    try:
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _RowError(column, f"must be a date like 2019-08-24, got {text!r}")


def _dmy_date(text: str, column: str) -> date:
    """football-data.co.uk's ``dd/mm/yy`` or ``dd/mm/yyyy`` (``yy`` < 50 is 20yy, else 19yy)."""
    parts = text.strip().split("/")
    if len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts):
        day, month, year = parts
        if len(day) <= 2 and len(month) <= 2 and len(year) in (2, 4):
            y = int(year)
            if len(year) == 2:
                y += 2000 if y < 50 else 1900
            try:
                return date(y, int(month), int(day))
            except ValueError:
                pass
    raise _RowError(column, f"must be a date like 24/08/2019 or 24/08/19, got {text!r}")


def _clock(text: str, column: str) -> tuple[int, int]:
    value = text.strip()
    if not value:
        return (0, 0)
    hours, sep, minutes = value.partition(":")
    if (
        sep
        and hours.isascii()
        and hours.isdigit()
        and minutes.isascii()
        and minutes.isdigit()
        and len(minutes) == 2
        and int(hours) < 24
        and int(minutes) < 60
    ):
        return int(hours), int(minutes)
    raise _RowError(column, f"must be a time like 20:45, got {text!r}")


def _tier(text: str, column: str) -> int:
    value = text.strip()
    if value.isascii() and value.isdigit() and len(value) <= _DIGITS:
        return int(value)
    raise _RowError(column, f"must be a whole number, got {text!r}")


def _slug(name: str) -> str:
    """Lower-case ASCII, accents stripped, anything else a single ``-``."""
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if slug:
        return slug
    # a name with no Latin letter or digit at all: still deterministic
    return "x-" + hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def _country(stem: str) -> str:
    """``"England"`` from the file stem ``england``."""
    words = re.split(r"[\s_.-]+", stem.strip())
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or stem


# --- reading a file -------------------------------------------------------------------------------


def _read_text(path: Path, shown: str, limits: Limits) -> str:
    """The file's text, within the limits: UTF-8 (a BOM is dropped), or Windows-1252."""
    text = _decoded(read_bounded(path, limits, shown), shown)
    if len(text) > limits.max_line:  # only a long file can have a long line
        lengths = list(map(len, text.split("\n")))
        if max(lengths) > limits.max_line:
            line = next(n for n, size in enumerate(lengths, start=1) if size > limits.max_line)
            raise LimitExceeded(
                where=f"{shown}, line {line}",
                limit="max_line",
                maximum=limits.max_line,
                found=f"is {lengths[line - 1]} characters long",
                value=lengths[line - 1],
            )
    return text


def _decoded(data: bytes, shown: str) -> str:
    """The text of a file: UTF-8 (a BOM is dropped), or Windows-1252 for football-data's files."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        body = data.removeprefix(codecs.BOM_UTF8)
        first_line = body.split(b"\n", 1)[0].decode("ascii", "replace")
        if _is_football_data(_header_names(first_line)):
            # football-data.co.uk wrote its older files on Windows
            try:
                return body.decode("cp1252")
            except UnicodeDecodeError:
                pass
        line = data.count(b"\n", 0, exc.start) + 1
        raise ResultsFileError(
            path=shown,
            line=line,
            column=None,
            reason=f"is not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            partial=Ledger(),
        ) from None


def _header_names(first_line: str) -> list[str]:
    try:
        cells = next(csv.reader([first_line.lstrip("\ufeff")]), [])
    except csv.Error:  # e.g. a lone carriage return: not a header of ours
        return []
    return [cell.strip() for cell in cells]


def _is_football_data(names: Sequence[str]) -> bool:
    have = set(names)
    return (
        len(names) >= 2
        and names[0] == "Div"
        and names[1] == "Date"
        and {"FTHG", "FTAG"} <= have
        and ("HomeTeam" in have or "HT" in have)
        and ("AwayTeam" in have or "AT" in have)
    )


def _unknown_header(shown: str, names: Sequence[str]) -> ResultsFileError:
    known = "; ".join(f"{name}: {header}" for name, header in LAYOUTS.items())
    got = ",".join(names) if names else "nothing"
    return ResultsFileError(
        path=shown,
        line=1,
        column=None,
        reason=f"unknown header {got[:200]!r}; known layouts are {known}",
        partial=Ledger(),
    )


class _Builder:
    """The events of a file as they are read, with the line of each."""

    __slots__ = ("events", "ids", "lines", "slugs", "teams")

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.lines: list[int] = []
        self.ids: set[str] = set()
        self.teams: dict[str, Team] = {}
        self.slugs: dict[str, str] = {}

    def team(self, raw: str, column: str) -> Team:
        team = self.teams.get(raw)
        if team is None:
            name = raw.strip()
            if not name:
                raise _RowError(column, "is empty; every match needs two teams")
            try:
                team = Team(team_id=_slug(name), name=name)
            except InvalidFieldError as exc:
                raise _RowError(column, f"{exc.reason}, got {name[:40]!r}...") from None
            self.teams[raw] = team
        return team

    def schedule(  # noqa: PLR0913 - the fields of a fixture
        self,
        *,
        competition: str,
        season: str,
        round_: str | None,
        kickoff: datetime,
        home: Team,
        away: Team,
        away_column: str,
    ) -> MatchScheduled:
        if home.team_id == away.team_id:
            raise _RowError(
                away_column, f"is the home team too ({away.name!r}); a team cannot play itself"
            )
        slug = self.slugs.get(competition)
        if slug is None:
            slug = self.slugs[competition] = _slug(competition)
        base = f"{slug}-{season}-{kickoff.date().isoformat()}-{home.team_id}-{away.team_id}"
        match_id, n = base, 1
        while match_id in self.ids:
            n += 1
            match_id = f"{base}-{n}"
        try:
            event = MatchScheduled(
                event_id=f"{match_id}:scheduled",
                match_id=match_id,
                competition=competition,
                season=season,
                round=round_,
                kickoff=kickoff,
                venue=None,
                home=home,
                away=away,
            )
        except InvalidFieldError as exc:  # e.g. names so long that the match id is too
            raise _RowError(None, f"cannot be scheduled: {exc}") from None
        self.ids.add(match_id)
        return event

    def add(self, line: int, *events: Event) -> None:
        for event in events:
            self.events.append(event)
            self.lines.append(line)

    def partial(self) -> Ledger:
        return Ledger(self.events)

    def ledger(self, shown: str) -> Ledger:
        _progress.stage(f"{Path(shown).name}: checking {len(self.events):,} events")
        try:
            return Ledger(self.events)
        except EventRejected as exc:
            # the ledger checks the events in order: those of earlier rows were fine
            line = self.lines[exc.index]
            start = exc.index
            while start > 0 and self.lines[start - 1] == line:
                start -= 1
            raise ResultsFileError(
                path=shown,
                line=line,
                column=None,
                reason=f"the ledger rejects the row: {exc}",
                partial=Ledger(self.events[:start]),
            ) from None


_FIELD_COLUMNS: Final = {
    "home_goals": 0,
    "away_goals": 1,
    "half_time": 2,
    "shootout": 4,
    "full_time": 6,
}
"""The index in ``columns`` of the first column of each field of :class:`ResultRecorded`."""


def _result(  # noqa: PLR0913 - one event's worth of fields
    match_id: str,
    score: tuple[int, int],
    half_time: tuple[int, int] | None,
    columns: Sequence[str],
    *,
    after_extra_time: bool = False,
    full_time: tuple[int, int] | None = None,
    shootout: tuple[int, int] | None = None,
) -> ResultRecorded:
    """A :class:`ResultRecorded`.

    ``columns`` names the columns of the goals, then of the half-time, shootout and
    90-minute scores, two each (as far as the source has them).
    """
    if half_time is not None and (half_time[0] > score[0] or half_time[1] > score[1]):
        raise _RowError(
            columns[2],
            f"the half-time score {half_time[0]}-{half_time[1]} is above the final score "
            f"{score[0]}-{score[1]}",
        )
    try:
        return ResultRecorded(
            event_id=f"{match_id}:result",
            match_id=match_id,
            home_goals=score[0],
            away_goals=score[1],
            half_time=_score(half_time, columns, "half_time"),
            full_time=_score(full_time, columns, "full_time"),
            after_extra_time=after_extra_time,
            shootout=_score(shootout, columns, "shootout"),
        )
    except InvalidFieldError as exc:
        raise _RowError(_column_of(exc.field, columns), exc.reason) from None


def _score(pair: tuple[int, int] | None, columns: Sequence[str], field: str) -> Score | None:
    if pair is None:
        return None
    try:
        return Score(home=pair[0], away=pair[1])
    except InvalidFieldError as exc:
        column = _column_of(field, columns, second=exc.field == "away")
        raise _RowError(column, exc.reason) from None


def _column_of(field: str, columns: Sequence[str], *, second: bool = False) -> str | None:
    found = _FIELD_COLUMNS.get(field)
    if found is None:
        return None
    index = found + second
    return columns[index] if index < len(columns) else None


_Parse = Callable[[list[str], int], None]
_Reader = Any  # csv.reader's type is private (_csv._reader)


def read_results_csv(
    path: str | os.PathLike[str],
    *,
    season: str | None = None,
    tier: int | None = None,
    competition: str | None = None,
    limits: Limits | None = None,
) -> Ledger:
    r"""Read a CSV file of league results into a :class:`~matchledger.Ledger`.

    The layout (``engsoccerdata``, ``openfootball`` or ``football-data``, see
    :data:`LAYOUTS`) is told from the header line; a UTF-8 BOM is fine.

    Competition names: openfootball's by the file's code (``it.1.csv`` -> ``"Serie
    A"``, see :data:`OPENFOOTBALL_COMPETITIONS`; an unknown code names itself);
    engsoccerdata's ``"<Country> tier <n>"`` from the file stem (``england.csv`` ->
    ``"England tier 1"``), with the division added when a tier was split into
    regional divisions (``"England tier 3 (3N)"``, ``"Germany tier 2 (2North)"``),
    so that the regional tables stay apart; football-data's by the ``Div`` code (see
    :data:`FOOTBALL_DATA_COMPETITIONS`; an unknown code names itself). Play-off and
    final rows of openfootball (a ``stage`` other than empty or ``Regular``, or a
    ``round`` such as ``"Finals, Semifinals"``) get ``"<name> play-offs"``, so that a
    league table never counts them. ``competition`` replaces ``<name>``; the
    division and play-off suffixes stay.

    Results: openfootball's ``status=awarded`` becomes a
    :class:`~matchledger.events.ResultAwarded` (as does the engsoccerdata row whose
    note says it was awarded), ``cancelled`` and ``postponed`` a
    :class:`~matchledger.events.MatchStatusChanged`, a row without a score only the
    :class:`~matchledger.events.MatchScheduled`. After extra time the result is the
    score after extra time; a shootout is kept when that score is level (after an
    undrawn second leg it decided the tie, not the match, and is left out).

    Seasons are labelled ``"YYYY-YY"``. football-data.co.uk has no season column:
    its season is ``season`` when given, else it follows from the date (July to
    June: 2019-08-10 is in 2019-20); a July or August match within three weeks of
    the file's previous match stays in that match's season, so the 2019-20 matches
    of July 2020 stay in 2019-20.

    Args:
        path: the CSV file.
        season: only this season, e.g. ``"2019-20"`` (also ``"2019"``, the season
            starting in 2019, ``"2019/20"`` or ``"2019-2020"``). For football-data
            the label of every row instead.
        tier: only this tier: engsoccerdata's ``tier`` column, the number of an
            openfootball code (``en.2`` -> 2), football-data's ``Div`` (``E0`` -> 1,
            ``E1`` -> 2, ``SC0`` -> 1, ``D2`` -> 2...; rows of an unknown code never
            match a tier).
        competition: the competition name to use instead of the source's.
        limits: the bounds on the file's size, rows and lines
            (:class:`~matchledger.limits.Limits`; ``None`` for the defaults).

    Returns:
        A ledger of the matches, in file order.

    Raises:
        ResultsFileError: for an unknown header or a bad row (naming the line and
            the column, with the matches read before it).
        LimitExceeded: for a file over a bound of ``limits``, naming it.
        ValueError: for a ``season`` that is not a season label.
        OSError: when the file cannot be read.

    Example:
        >>> import pathlib, tempfile
        >>> from matchledger import score
        >>> header = ("season,date,time,round,stage,home,away,home_goals,away_goals,"
        ...           "ht_home_goals,ht_away_goals,et_home_goals,et_away_goals,"
        ...           "pen_home,pen_away,status\n")
        >>> rows = ("2019-20,2020-01-11,20:45,Matchday 19,,Inter,Atalanta,1,1,1,0,,,,,\n"
        ...         "2019-20,2020-03-08,,Matchday 26,,Inter,Juventus,,,,,,,,,\n")
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "it.1.csv")
        ...     _ = path.write_text(header + rows, encoding="utf-8")
        ...     ledger = read_results_csv(path, season="2019")
        >>> ledger.schedule(ledger.match_ids[0]).competition
        'Serie A'
        >>> print(score(ledger, "serie-a-2019-20-2020-01-11-inter-atalanta"))
        Inter 1-1 Atalanta (HT 1-0)
        >>> len(ledger), len(ledger.match_ids)
        (3, 2)
    """
    shown = os.fspath(path)
    label = _season_argument(season)
    file_path = Path(shown)
    bounds = chosen(limits)
    text = _read_text(file_path, shown, bounds)
    lines = _progress.each(
        io.StringIO(text, newline=""), f"{file_path.name}: reading", text.count("\n"), "lines"
    )
    reader = csv.reader(lines)
    header = _first_row(reader, shown)
    names = [cell.strip() for cell in header] if header else []
    if names:
        names[0] = names[0].lstrip("\ufeff").strip()
    builder = _Builder()
    parse = _layout(
        names, path=file_path, builder=builder, season=label, tier=tier, competition=competition
    )
    if parse is None:
        raise _unknown_header(shown, names)
    with collector_paused():  # a big file makes over a million objects, none in a cycle
        _read_rows(reader, parse, len(names), builder, shown, most=bounds.max_rows)
        return builder.ledger(shown)


def _first_row(reader: _Reader, shown: str) -> list[str] | None:
    """The header, or ``None`` for an empty file."""
    try:
        row: list[str] | None = next(reader, None)
    except csv.Error as exc:
        raise ResultsFileError(
            path=shown, line=1, column=None, reason=f"is not valid CSV: {exc}", partial=Ledger()
        ) from None
    return row


def _too_many_rows(shown: str, most: int) -> LimitExceeded:
    return LimitExceeded(
        where=shown, limit="max_rows", maximum=most, found=f"has more than {most} rows"
    )


def _read_rows(  # noqa: PLR0913 - the reader's state
    reader: _Reader, parse: _Parse, width: int, builder: _Builder, shown: str, *, most: int
) -> None:
    line = 1
    try:
        for row in itertools.islice(reader, most):
            line = reader.line_num
            if len(row) != width and not _fits(row, width):
                continue  # a blank line
            if not row[0] and not any(cell.strip() for cell in row):
                continue  # football-data's trailing ",,,," rows
            parse(row, line)
        if next(reader, None) is not None:
            raise _too_many_rows(shown, most)
    except _RowError as exc:
        raise ResultsFileError(
            path=shown, line=line, column=exc.column, reason=exc.reason, partial=builder.partial()
        ) from None
    except csv.Error as exc:
        raise ResultsFileError(
            path=shown,
            line=line,
            column=None,
            reason=f"is not valid CSV: {exc}",
            partial=builder.partial(),
        ) from None


def _fits(row: list[str], width: int) -> bool:
    """Whether a row of the wrong length is still fine to read; raise if it is not.

    A row with extra empty cells at the end (a spreadsheet export) is read; a blank
    line, or football-data's trailing ``,,,,`` rows, are skipped.
    """
    if len(row) > width and not any(cell.strip() for cell in row[width:]):
        return True
    if not any(cell.strip() for cell in row):
        return False
    raise _RowError(None, f"has {len(row)} columns, the header {width}")


def _layout(  # noqa: PLR0913 - the reader's whole configuration
    names: list[str],
    *,
    path: Path,
    builder: _Builder,
    season: str | None,
    tier: int | None,
    competition: str | None,
) -> _Parse | None:
    if tuple(names) == _OPENFOOTBALL:
        return _openfootball(
            path, builder=builder, season_filter=season, tier_filter=tier, competition=competition
        )
    if tuple(names[: len(_ENGSOCCERDATA)]) == _ENGSOCCERDATA:
        return _engsoccerdata(
            names,
            path=path,
            builder=builder,
            season_filter=season,
            tier_filter=tier,
            competition=competition,
        )
    if _is_football_data(names):
        return _football_data(
            names, builder=builder, season_label=season, tier_filter=tier, competition=competition
        )
    return None


# --- engsoccerdata ------------------------------------------------------------------------------


def _engsoccerdata(  # noqa: C901, PLR0913 - one closure per file, for speed
    names: list[str],
    *,
    path: Path,
    builder: _Builder,
    season_filter: str | None,
    tier_filter: int | None,
    competition: str | None,
) -> _Parse:
    country = _country(path.stem)
    base_name = competition
    extra = {name: i for i, name in enumerate(names) if i >= len(_ENGSOCCERDATA)}
    i_ht, i_stage, i_group, i_notes = (extra.get(k) for k in ("ht", "stage", "group", "notes"))
    columns = ("home_goals", "away_goals", "ht", "ht")
    seasons: dict[str, str | None] = {}
    competitions: dict[tuple[str, str], tuple[int, str]] = {}
    kickoffs: dict[str, datetime] = {}

    def competition_of(tier_text: str, division: str) -> tuple[int, str]:
        found = competitions.get((tier_text, division))
        if found is None:
            number = _tier(tier_text, "tier")
            name = base_name or f"{country} tier {number}"
            tier_key = str(number)
            if division and division != tier_key and division.startswith(tier_key):
                name = f"{name} ({division})"  # a regional division of the tier
            found = (number, name)
            competitions[tier_text, division] = found
        return found

    def parse(row: list[str], line: int) -> None:
        number, name = competition_of(row[7], row[8].strip())
        if tier_filter is not None and number != tier_filter:
            return
        season = _row_season(seasons, row[0])
        if season_filter is not None and season != season_filter:
            return
        kickoff = kickoffs.get(row[1])
        if kickoff is None:
            day = _iso_date(row[1], "date")
            kickoff = kickoffs[row[1]] = datetime(day.year, day.month, day.day, tzinfo=_UTC)
        round_ = row[2].strip() or None
        if round_ is None and i_stage is not None and row[i_stage].strip() not in ("", "league"):
            group = row[i_group].strip() if i_group is not None else ""
            round_ = row[i_stage].strip() + (f", group {group}" if group else "")
        home = builder.team(row[3], "home")
        away = builder.team(row[4], "away")
        scheduled = builder.schedule(
            competition=name,
            season=season,
            round_=round_,
            kickoff=kickoff,
            home=home,
            away=away,
            away_column="away",
        )
        match_id = scheduled.match_id
        score = _optional_pair(row, 5, 6, names)
        if score is None:
            builder.add(line, scheduled)
            return
        note = row[i_notes].strip() if i_notes is not None else ""
        if "awarded" in note.lower():
            awarded = ResultAwarded(
                event_id=f"{match_id}:result",
                match_id=match_id,
                home_goals=_checked(score[0], "home_goals"),
                away_goals=_checked(score[1], "away_goals"),
                reason=f"awarded (source note: {note})"[:500],
            )
            builder.add(line, scheduled, awarded)
            return
        half_time = _half_time(row[i_ht]) if i_ht is not None else None
        builder.add(line, scheduled, _result(match_id, score, half_time, columns))

    return parse


def _half_time(text: str) -> tuple[int, int] | None:
    """Spain's ``ht`` column: ``"0-2"``, or empty."""
    value = text.strip()
    if not value:
        return None
    home, sep, away = value.partition("-")
    if sep:
        return _goals(home, "ht"), _goals(away, "ht")
    raise _RowError("ht", f"must be a half-time score like 0-2, got {text!r}")


def _checked(goals: int, column: str) -> int:
    if goals > 99:
        raise _RowError(column, f"must be at most 99, got {goals}")
    return goals


# --- openfootball -------------------------------------------------------------------------------


def _openfootball(
    path: Path,
    *,
    builder: _Builder,
    season_filter: str | None,
    tier_filter: int | None,
    competition: str | None,
) -> _Parse:
    code = path.stem
    base_name = competition or OPENFOOTBALL_COMPETITIONS.get(code, code)
    number = code.rpartition(".")[2]
    file_tier = int(number) if number.isascii() and number.isdigit() else None
    skip_all = tier_filter is not None and file_tier != tier_filter
    seasons: dict[str, str | None] = {}
    kickoffs: dict[tuple[str, str], datetime] = {}

    def parse(row: list[str], line: int) -> None:
        if skip_all:
            return
        season = _row_season(seasons, row[0])
        if season_filter is not None and season != season_filter:
            return
        kickoff = kickoffs.get((row[1], row[2]))
        if kickoff is None:
            day = _iso_date(row[1], "date")
            hours, minutes = _clock(row[2], "time")
            kickoff = datetime(day.year, day.month, day.day, hours, minutes, tzinfo=_UTC)
            kickoffs[row[1], row[2]] = kickoff
        round_ = row[3].strip()
        stage = row[4].strip()
        lead = round_.partition(",")[0].strip() if "," in round_ else ""
        play_off = stage.lower() not in _REGULAR or lead.lower() not in _REGULAR
        home = builder.team(row[5], "home")
        away = builder.team(row[6], "away")
        scheduled = builder.schedule(
            competition=base_name + _PLAY_OFFS if play_off else base_name,
            season=season,
            round_=round_ or None,
            kickoff=kickoff,
            home=home,
            away=away,
            away_column="away",
        )
        outcome = _openfootball_outcome(row, scheduled.match_id)
        if outcome is None:
            builder.add(line, scheduled)  # a fixture not played yet
        else:
            builder.add(line, scheduled, outcome)

    return parse


_OF_COLUMNS: Final = ("home_goals", "away_goals", "ht_home_goals", "ht_away_goals")
_OF_ET_COLUMNS: Final = ("et_home_goals", "et_away_goals", "ht_home_goals", "ht_away_goals")
_OF_STATUSES: Final = ("cancelled", "postponed")


def _openfootball_status(
    status: str, raw: str, score: tuple[int, int] | None, match_id: str
) -> Event:
    """The event of a row with a ``status``: an award or a status change."""
    if status in _OF_STATUSES:
        if score is not None:
            raise _RowError("home_goals", f"must be empty for a {status} match")
        return MatchStatusChanged(
            event_id=f"{match_id}:status", match_id=match_id, status=MatchStatus(status)
        )
    if status == "awarded":
        if score is None:
            raise _RowError("home_goals", "is empty; an awarded match needs its score")
        return ResultAwarded(
            event_id=f"{match_id}:result",
            match_id=match_id,
            home_goals=_checked(score[0], "home_goals"),
            away_goals=_checked(score[1], "away_goals"),
            authority=None,
            reason="awarded (source status)",
        )
    raise _RowError("status", f"must be empty, 'awarded', 'cancelled' or 'postponed', got {raw!r}")


def _openfootball_outcome(row: list[str], match_id: str) -> Event | None:
    """The event after the schedule: a result, an award, a status, or ``None`` (not played)."""
    names = _OPENFOOTBALL
    score = _optional_pair(row, 7, 8, names)
    status = row[15].strip().lower()
    if status:
        return _openfootball_status(status, row[15], score, match_id)
    half_time = _optional_pair(row, 9, 10, names)
    extra_time = _optional_pair(row, 11, 12, names)
    shootout = _optional_pair(row, 13, 14, names)
    if score is None:
        if half_time or extra_time or shootout:
            raise _RowError("home_goals", "is empty, but the row has other scores")
        return None
    if half_time is not None and (half_time[0] > score[0] or half_time[1] > score[1]):
        raise _RowError(
            "ht_home_goals",
            f"the half-time score {half_time[0]}-{half_time[1]} is above the final score "
            f"{score[0]}-{score[1]}",
        )
    final, columns = score, _OF_COLUMNS
    if extra_time is not None:
        if extra_time[0] < score[0] or extra_time[1] < score[1]:
            raise _RowError(
                "et_home_goals",
                f"the score after extra time {extra_time[0]}-{extra_time[1]} is below "
                f"the score after 90 minutes {score[0]}-{score[1]}",
            )
        final, columns = extra_time, _OF_ET_COLUMNS
    if shootout is not None and final[0] != final[1]:
        shootout = None  # after an undrawn second leg the shootout decided the tie
    return _result(
        match_id,
        final,
        half_time,
        (*columns, "pen_home", "pen_away", "home_goals", "away_goals"),
        after_extra_time=extra_time is not None,
        full_time=score if extra_time is not None else None,  # the score after 90 minutes
        shootout=shootout,
    )


# --- football-data.co.uk ------------------------------------------------------------------------


def _football_data(  # noqa: C901, PLR0915 - one closure per file, for speed
    names: list[str],
    *,
    builder: _Builder,
    season_label: str | None,
    tier_filter: int | None,
    competition: str | None,
) -> _Parse:
    index = {name: i for i, name in reversed(list(enumerate(names)))}
    i_div, i_date = 0, 1
    i_time = index.get("Time")
    i_home = index.get("HomeTeam", index.get("HT"))
    i_away = index.get("AwayTeam", index.get("AT"))
    i_fthg, i_ftag = index["FTHG"], index["FTAG"]
    i_hthg, i_htag = index.get("HTHG"), index.get("HTAG")
    if i_home is None or i_away is None:  # pragma: no cover - _is_football_data checked them
        msg = "football-data header without HomeTeam/AwayTeam"
        raise AssertionError(msg)
    home_col, away_col = names[i_home], names[i_away]
    columns = ("FTHG", "FTAG", "HTHG", "HTAG")
    divisions: dict[str, tuple[str, int | None]] = {}
    kickoffs: dict[tuple[str, str], datetime] = {}
    last: list[tuple[date, str]] = []  # the previous match's day and season

    def division(code: str) -> tuple[str, int | None]:
        found = divisions.get(code)
        if found is None:
            known = FOOTBALL_DATA_COMPETITIONS.get(code)
            if not code:
                raise _RowError("Div", "is empty")
            name, tier = known if known is not None else (code, None)
            found = divisions[code] = (competition or name, tier)
        return found

    def season_of(day: date) -> str:
        if season_label is not None:
            return season_label
        start = day.year if day.month >= 7 else day.year - 1
        season = f"{start}-{(start + 1) % 100:02d}"
        if last:
            previous_day, previous = last[0]
            if (
                season != previous
                and day.month in (7, 8)
                and previous_day <= day <= previous_day + _CONTINUES_SEASON
            ):
                season = previous  # the end of a late season (2019-20), not a new one
        last[:] = [(day, season)]
        return season

    def parse(row: list[str], line: int) -> None:
        name, tier = division(row[i_div].strip())
        if tier_filter is not None and tier != tier_filter:
            return
        key = (row[i_date], row[i_time] if i_time is not None else "")
        kickoff = kickoffs.get(key)
        if kickoff is None:
            day = _dmy_date(row[i_date], "Date")
            hours, minutes = _clock(key[1], "Time")
            kickoff = datetime(day.year, day.month, day.day, hours, minutes, tzinfo=_UTC)
            kickoffs[key] = kickoff
        season = season_of(kickoff.date())
        home = builder.team(row[i_home], home_col)
        away = builder.team(row[i_away], away_col)
        scheduled = builder.schedule(
            competition=name,
            season=season,
            round_=None,
            kickoff=kickoff,
            home=home,
            away=away,
            away_column=away_col,
        )
        pair = (row[i_fthg], row[i_ftag])
        score = _optional_pair(pair, 0, 1, columns)
        if score is None:
            builder.add(line, scheduled)
            return
        half_time = None
        if i_hthg is not None and i_htag is not None:
            half_time = _optional_pair((row[i_hthg], row[i_htag]), 0, 1, columns[2:])
        builder.add(line, scheduled, _result(scheduled.match_id, score, half_time, columns))

    return parse


# --- deductions ---------------------------------------------------------------------------------


def read_deductions_csv(
    path: str | os.PathLike[str], *, ledger: Ledger | None = None, limits: Limits | None = None
) -> list[PointsDeducted]:
    r"""Read engsoccerdata's ``deductions.csv`` as :class:`~matchledger.events.PointsDeducted`.

    The layout is ``"Season","team","tier","deduction","country"``; ``Season`` is
    the year the season started (``2009`` -> ``"2009-10"``). The competition is
    ``"<country> tier <tier>"``, as :func:`read_results_csv` names engsoccerdata's
    leagues, and the team is the team id :func:`read_results_csv` gives the same
    name. When a tier was split into regional divisions (England's third tier,
    1921-22 to 1957-58) the file does not say which; pass the ``ledger`` of the
    results and the deduction goes to the division the team played in that season.
    Event ids are ``<competition-slug>-<season>-<team>:points-deducted``.

    Args:
        path: the CSV file.
        ledger: results read with :func:`read_results_csv`, to find the regional
            division of a team (optional).
        limits: the bounds on the file's size, rows and lines (``None`` for the
            defaults of :class:`~matchledger.limits.Limits`).

    Returns:
        The deductions, in file order.

    Raises:
        ResultsFileError: for an unknown header or a bad row (``partial`` holds the
            deductions read before it).
        LimitExceeded: for a file over a bound of ``limits``.
        OSError: when the file cannot be read.

    Example:
        >>> import pathlib, tempfile
        >>> rows = ('"Season","team","tier","deduction","country"\n'
        ...         '2009,"Portsmouth",1,9,"England"\n')
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp, "deductions.csv")
        ...     _ = path.write_text(rows, encoding="utf-8")
        ...     (deduction,) = read_deductions_csv(path)
        >>> deduction.competition, deduction.season, deduction.team, deduction.points
        ('England tier 1', '2009-10', 'portsmouth', 9)
    """
    shown = os.fspath(path)
    bounds = chosen(limits)
    text = _read_text(Path(shown), shown, bounds)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _first_row(reader, shown)
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header] if header else []
    if tuple(names) != _DEDUCTIONS:
        got = ",".join(names) if names else "nothing"
        raise ResultsFileError(
            path=shown,
            line=1,
            column=None,
            reason=f"unknown header {got[:200]!r}; expected {','.join(_DEDUCTIONS)}",
            partial=Ledger(),
        )
    divisions = _divisions(ledger) if ledger is not None else {}
    out: list[PointsDeducted] = []
    ids: set[str] = set()
    line = 1
    try:
        for row in itertools.islice(reader, bounds.max_rows):
            line = reader.line_num
            if len(row) == len(_DEDUCTIONS) or _fits(row, len(_DEDUCTIONS)):
                out.append(_deduction(row[: len(_DEDUCTIONS)], divisions, ids))
        if next(reader, None) is not None:
            raise _too_many_rows(shown, bounds.max_rows)
    except _RowError as exc:
        raise ResultsFileError(
            path=shown,
            line=line,
            column=exc.column,
            reason=exc.reason,
            partial=Ledger(out),
        ) from None
    except csv.Error as exc:
        raise ResultsFileError(
            path=shown,
            line=line,
            column=None,
            reason=f"is not valid CSV: {exc}",
            partial=Ledger(out),
        ) from None
    return out


def _divisions(ledger: Ledger) -> dict[tuple[str, str], set[str]]:
    """(season, team id) -> the competitions the team played in that season."""
    found: dict[tuple[str, str], set[str]] = {}
    for event in ledger:
        if isinstance(event, MatchScheduled):
            for team in (event.home, event.away):
                found.setdefault((event.season, team.team_id), set()).add(event.competition)
    return found


def _deduction(
    row: list[str], divisions: dict[tuple[str, str], set[str]], ids: set[str]
) -> PointsDeducted:
    start = row[0].strip()
    if not (start.isascii() and start.isdigit() and len(start) == 4):
        raise _RowError("Season", f"must be the year the season started, e.g. 2009, got {row[0]!r}")
    season = f"{start}-{(int(start) + 1) % 100:02d}"
    name = row[1].strip()
    if not name:
        raise _RowError("team", "is empty")
    tier = _tier(row[2], "tier")
    points_text = row[3].strip()
    body = points_text.removeprefix("-")
    if not (body.isascii() and body.isdigit() and len(body) <= _DIGITS):
        raise _RowError("deduction", f"must be a whole number of points, got {row[3]!r}")
    points = int(points_text)
    country = row[4].strip()
    if not country:
        raise _RowError("country", "is empty")
    team = _slug(name)
    competition = f"{country} tier {tier}"
    regional = sorted(
        c for c in divisions.get((season, team), ()) if c.startswith(f"{competition} (")
    )
    if len(regional) == 1:
        competition = regional[0]
    base = f"{_slug(competition)}-{season}-{team}:points-deducted"
    event_id, n = base, 1
    while event_id in ids:
        n += 1
        event_id = f"{base}-{n}"
    try:
        event = PointsDeducted(
            event_id=event_id,
            competition=competition,
            season=season,
            team=team,
            points=points,
            reason=None,
        )
    except InvalidFieldError as exc:
        column = {"points": "deduction", "team": "team"}.get(exc.field)
        raise _RowError(column, exc.reason) from None
    ids.add(event_id)
    return event
