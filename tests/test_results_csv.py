"""The CSV results importers: layouts, filters, statuses, ids, errors and the real data."""

from __future__ import annotations

import csv
import pickle
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest

from matchledger import (
    DuplicateEventError,
    Event,
    Ledger,
    LedgerError,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    ResultAwarded,
    ResultRecorded,
    Score,
    score,
)
from matchledger.importers import (
    LAYOUTS,
    ResultsFileError,
    read_deductions_csv,
    read_results_csv,
    results_csv,
)

E = TypeVar("E")

ES_HEADER = "season,date,round,home,away,home_goals,away_goals,tier,division"
OF_HEADER = (
    "season,date,time,round,stage,home,away,home_goals,away_goals,ht_home_goals,ht_away_goals,"
    "et_home_goals,et_away_goals,pen_home,pen_away,status"
)
FD_HEADER = (
    "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,HTR,Referee,HS,AS,HST,AST,"
    "HF,AF,HC,AC,HY,AY,HR,AR,B365H,B365D,B365A,BWH,BWD,BWA,PSH,PSD,PSA,MaxH,MaxD,MaxA,"
    "AvgH,AvgD,AvgA,B365>2.5,B365<2.5,AHh,B365AHH,B365AHA"
)
FD_ROWS = [
    (
        "E0,09/08/2019,20:00,Liverpool,Norwich,4,1,H,4,0,H,M Oliver,15,12,7,5,9,9,11,2,0,2,0,0,"
        "1.14,10,19,1.14,8.25,18.5,1.15,9.59,18.05,1.16,10,21.3,1.14,8.75,18.1,1.4,3,-2.25,1.91,"
        "1.99"
    ),
    (
        "E0,10/08/2019,12:30,West Ham,Man City,0,5,A,0,1,A,M Dean,5,14,3,9,6,13,1,1,2,2,0,0,"
        "12,6.5,1.22,11.5,6.25,1.24,11.71,6.9,1.25,13.5,7.1,1.29,11.11,6.63,1.24,1.5,2.62,1.75,"
        "2.05,1.85"
    ),
    (
        "E0,30/06/2020,20:15,Brighton,Man United,0,3,A,0,2,A,M Oliver,13,14,3,8,10,9,4,3,1,0,0,0,"
        "4.75,4,1.72,4.8,3.9,1.75,4.85,4.19,1.77,5.1,4.3,1.8,4.7,4.02,1.74,2,1.85,0.75,1.97,1.93"
    ),
    (
        "E0,16/07/2020,18:00,Bournemouth,Man City,1,2,A,0,2,A,A Taylor,8,15,2,6,9,7,2,10,1,1,0,0,"
        "4.75,4,1.66,5.25,4.2,1.6,5.35,4.32,1.61,5.6,4.5,1.7,5.17,4.23,1.6,1.5,2.6,0.75,2.02,1.88"
    ),
]


def write(tmp_path: Path, name: str, *lines: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def of_row(
    home: str,
    away: str,
    goals: str = "",
    *,
    season: str = "2019-20",
    day: str = "2020-01-11",
    time: str = "20:45",
    round_: str = "Matchday 19",
    stage: str = "",
    ht: str = ",",
    et: str = ",",
    pens: str = ",",
    status: str = "",
) -> str:
    score_cells = goals.replace("-", ",") if goals else ","
    return (
        f"{season},{day},{time},{round_},{stage},{home},{away},{score_cells},{ht},{et},"
        f"{pens},{status}"
    )


def only(ledger: Ledger, kind: type[E]) -> list[E]:
    return [e for e in ledger if isinstance(e, kind)]


# --- layouts -------------------------------------------------------------------------------------


def test_engsoccerdata_layout(tmp_path: Path) -> None:
    """engsoccerdata rows become a schedule and a result, with tier names and UTC midnight."""
    path = write(
        tmp_path,
        "england.csv",
        ES_HEADER,
        "1921-22,1921-08-27,,Accrington F.C.,Rochdale,6,3,3,3N",
        "1921-22,1921-08-27,,Brentford,Exeter City,3,1,3,3S",
        "1958-59,1958-08-23,,Bury,Brentford,1,2,3,3",
        "1958-59,1958-08-23,,Arsenal,Preston North End,1,2,1,1",
    )
    ledger = read_results_csv(path)
    schedules = only(ledger, MatchScheduled)
    assert [s.competition for s in schedules] == [
        "England tier 3 (3N)",
        "England tier 3 (3S)",
        "England tier 3",
        "England tier 1",
    ]
    first = schedules[0]
    assert first.match_id == "england-tier-3-3n-1921-22-1921-08-27-accrington-f-c-rochdale"
    assert first.kickoff == datetime(1921, 8, 27, tzinfo=UTC)
    assert first.round is None
    assert first.venue is None
    assert first.home.name == "Accrington F.C."
    assert first.home.team_id == "accrington-f-c"
    result = ledger.get(f"{first.match_id}:result")
    assert isinstance(result, ResultRecorded)
    assert (result.home_goals, result.away_goals, result.half_time) == (6, 3, None)


def test_engsoccerdata_spain_columns(tmp_path: Path) -> None:
    """Spain's extra columns give the half time, a second-phase round and an awarded row."""
    path = write(
        tmp_path,
        "spain.csv",
        ES_HEADER + ",ht,stage,group,notes",
        "1979-80,1980-03-30,,CD Malaga,AD Almeria,0,1,1,,0-0,league,,1-0 win awarded to AD Almeria",
        "1986-87,1987-04-12,,Sevilla FC,Real Valladolid,1,2,1,,0-1,phase2,B,",
    )
    ledger = read_results_csv(path)
    awarded, recorded = only(ledger, ResultAwarded), only(ledger, ResultRecorded)
    assert [(a.home_goals, a.away_goals) for a in awarded] == [(0, 1)]
    assert "AD Almeria" in (awarded[0].reason or "")
    assert recorded[0].half_time == Score(home=0, away=1)
    assert only(ledger, MatchScheduled)[1].round == "phase2, group B"
    assert {s.competition for s in only(ledger, MatchScheduled)} == {"Spain tier 1"}


def test_openfootball_layout(tmp_path: Path) -> None:
    """openfootball rows: kick-off time, half time, round, and the file code's competition."""
    path = write(
        tmp_path,
        "it.1.csv",
        OF_HEADER,
        of_row("Inter", "Atalanta", "1-1", ht="1,0"),
        of_row("Cagliari Calcio", "AC Milan", "0-2", time="15:00", ht="0,0"),
    )
    ledger = read_results_csv(path)
    match_id = "serie-a-2019-20-2020-01-11-inter-atalanta"
    assert ledger.match_ids[0] == match_id
    scheduled = ledger.schedule(match_id)
    assert scheduled.competition == "Serie A"
    assert scheduled.round == "Matchday 19"
    assert scheduled.kickoff == datetime(2020, 1, 11, 20, 45, tzinfo=UTC)
    assert str(score(ledger, match_id)) == "Inter 1-1 Atalanta (HT 1-0)"


def test_openfootball_unknown_code_names_itself(tmp_path: Path) -> None:
    """A file code not in the table is the competition's name; its number is the tier."""
    path = write(tmp_path, "at.1.csv", OF_HEADER, of_row("Rapid Wien", "Austria Wien", "2-2"))
    assert only(read_results_csv(path), MatchScheduled)[0].competition == "at.1"
    assert len(read_results_csv(path, tier=1)) == 2
    assert len(read_results_csv(path, tier=2)) == 0


def test_football_data_layout(tmp_path: Path) -> None:
    """football-data.co.uk rows: dd/mm/yyyy dates, half time, Div names, seasons from dates."""
    path = write(tmp_path, "E0.csv", FD_HEADER, *FD_ROWS)
    ledger = read_results_csv(path)
    schedules = only(ledger, MatchScheduled)
    assert len(schedules) == 4
    assert {s.competition for s in schedules} == {"Premier League"}
    first = schedules[0]
    assert first.match_id == "premier-league-2019-20-2019-08-09-liverpool-norwich"
    assert first.kickoff == datetime(2019, 8, 9, 20, 0, tzinfo=UTC)
    # the season runs July to June, but July 2020 (the COVID restart) continues 2019-20
    assert {s.season for s in schedules} == {"2019-20"}
    results = only(ledger, ResultRecorded)
    assert [(r.home_goals, r.away_goals, str(r.half_time)) for r in results] == [
        (4, 1, "4-0"),
        (0, 5, "0-1"),
        (0, 3, "0-2"),
        (1, 2, "0-2"),
    ]
    assert all(r.full_time is None and not r.after_extra_time for r in results)


def test_football_data_new_season_after_the_summer(tmp_path: Path) -> None:
    """Rows after a summer break start a new season; without a break July starts one too."""
    after_break = FD_ROWS[0].replace("09/08/2019", "12/09/2020")
    path = write(tmp_path, "E0.csv", FD_HEADER, FD_ROWS[2], FD_ROWS[3], after_break)
    assert [s.season for s in only(read_results_csv(path), MatchScheduled)] == [
        "2019-20",
        "2019-20",
        "2020-21",
    ]
    alone = write(tmp_path, "alone.csv", FD_HEADER, FD_ROWS[3])
    assert only(read_results_csv(alone), MatchScheduled)[0].season == "2020-21"


def test_football_data_short_dates_and_no_time(tmp_path: Path) -> None:
    """Old football-data files: dd/mm/yy dates, no Time column, no half time, Windows-1252."""
    path = write(
        tmp_path,
        "SP1.csv",
        "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR",
        "SP1,28/08/93,Logroñés,Sevilla,1,1,D",
        "SP1,04/06/94,Sevilla,Logroñés,2,0,H",
        "SP1,30/08/08,Barcelona,Numancia,,,",
        encoding="cp1252",
    )
    ledger = read_results_csv(path)
    schedules = only(ledger, MatchScheduled)
    assert [s.season for s in schedules] == ["1993-94", "1993-94", "2008-09"]
    assert schedules[0].kickoff == datetime(1993, 8, 28, tzinfo=UTC)
    assert schedules[0].home.name == "Logroñés"
    assert schedules[0].home.team_id == "logrones"
    assert schedules[0].competition == "La Liga"
    assert len(only(ledger, ResultRecorded)) == 2  # the last row is a fixture


def test_football_data_season_and_tier(tmp_path: Path) -> None:
    """football-data: season= labels every row; tier follows the Div code; unknown codes."""
    path = write(
        tmp_path,
        "mixed.csv",
        FD_HEADER,
        *FD_ROWS[:2],
        FD_ROWS[2].replace("E0,", "E1,", 1),
        FD_ROWS[3].replace("E0,", "X9,", 1),
    )
    labelled = read_results_csv(path, season="2019")
    assert {s.season for s in only(labelled, MatchScheduled)} == {"2019-20"}
    assert len(only(read_results_csv(path, tier=1), MatchScheduled)) == 2
    second = only(read_results_csv(path, tier=2), MatchScheduled)
    assert [s.competition for s in second] == ["Championship"]
    names = {s.competition for s in only(read_results_csv(path), MatchScheduled)}
    assert names == {"Premier League", "Championship", "X9"}


def test_bom_blank_rows_and_trailing_commas(tmp_path: Path) -> None:
    """A UTF-8 BOM, blank lines, ',,,,' rows and extra empty cells are all fine."""
    path = write(
        tmp_path,
        "E0.csv",
        "\ufeff" + FD_HEADER,
        FD_ROWS[0] + ",,",
        "",
        "," * FD_HEADER.count(","),
    )
    assert len(read_results_csv(path)) == 2


# --- filters and names ---------------------------------------------------------------------------


@pytest.mark.parametrize("season", ["2019-20", "2019", "2019/20", "2019-2020", "2019/2020"])
def test_season_filter_forms(tmp_path: Path, season: str) -> None:
    """Every spelling of a season selects the same rows and labels them YYYY-YY."""
    path = write(
        tmp_path,
        "it.1.csv",
        OF_HEADER,
        of_row("Inter", "Atalanta", "1-1", season="2019-20"),
        of_row("Inter", "Juventus", "0-1", season="2020-21", day="2020-10-01"),
        of_row("Inter", "Napoli", "1-0", season="2020/21", day="2021-01-01"),
    )
    ledger = read_results_csv(path, season=season)
    assert [s.season for s in only(ledger, MatchScheduled)] == ["2019-20"]
    later = read_results_csv(path, season="2020")
    assert [s.season for s in only(later, MatchScheduled)] == ["2020-21", "2020-21"]


@pytest.mark.parametrize("season", ["2019-21", "19-20", "next", "2019/2021"])
def test_bad_season_argument(tmp_path: Path, season: str) -> None:
    """A season argument that is not a season label is a ValueError."""
    path = write(tmp_path, "it.1.csv", OF_HEADER, of_row("Inter", "Atalanta", "1-1"))
    with pytest.raises(ValueError, match="season must look like"):
        read_results_csv(path, season=season)


def test_tier_filter(tmp_path: Path) -> None:
    """engsoccerdata filters on its tier column, openfootball on its file code."""
    path = write(
        tmp_path,
        "england.csv",
        ES_HEADER,
        "1921-22,1921-08-27,,Accrington F.C.,Rochdale,6,3,3,3N",
        "1921-22,1921-08-27,,Arsenal,Burnley,1,0,1,1",
    )
    assert [s.competition for s in only(read_results_csv(path, tier=1), MatchScheduled)] == [
        "England tier 1"
    ]
    assert len(read_results_csv(path, tier=2)) == 0
    of = write(tmp_path, "en.2.csv", OF_HEADER, of_row("Leeds United", "Stoke City", "1-0"))
    assert len(read_results_csv(of, tier=2)) == 2
    assert len(read_results_csv(of, tier=1)) == 0


def test_competition_override_keeps_suffixes(tmp_path: Path) -> None:
    """competition= replaces the name; division and play-off suffixes stay."""
    path = write(
        tmp_path,
        "england.csv",
        ES_HEADER,
        "1921-22,1921-08-27,,Accrington F.C.,Rochdale,6,3,3,3N",
    )
    ledger = read_results_csv(path, competition="Third Division")
    assert only(ledger, MatchScheduled)[0].competition == "Third Division (3N)"
    of = write(
        tmp_path, "en.2.csv", OF_HEADER, of_row("Leeds United", "Stoke City", "1-0", stage="Finals")
    )
    ledger = read_results_csv(of, competition="EFL Championship")
    assert only(ledger, MatchScheduled)[0].competition == "EFL Championship play-offs"


# --- statuses and play-offs ----------------------------------------------------------------------


def test_awarded_cancelled_postponed_and_fixture_rows(tmp_path: Path) -> None:
    """status=awarded/cancelled/postponed and an empty score become the right events."""
    path = write(
        tmp_path,
        "it.1.csv",
        OF_HEADER,
        of_row("Hellas Verona FC", "AS Roma", "3-0", season="2020-21", status="awarded"),
        of_row("Inter", "Sampdoria", "", time="", status="cancelled"),
        of_row("Juventus", "Inter", "", status="postponed"),
        of_row("Inter", "Napoli", ""),
    )
    ledger = read_results_csv(path)
    verona, inter_samp, juve_inter, inter_napoli = ledger.match_ids
    awarded = ledger.get(f"{verona}:result")
    assert isinstance(awarded, ResultAwarded)
    assert (awarded.home_goals, awarded.away_goals) == (3, 0)
    assert awarded.authority is None
    assert awarded.reason == "awarded (source status)"
    assert score(ledger, verona).status is MatchStatus.AWARDED
    cancelled = ledger.get(f"{inter_samp}:status")
    assert isinstance(cancelled, MatchStatusChanged)
    assert cancelled.status is MatchStatus.CANCELLED
    assert ledger.schedule(inter_samp).kickoff == datetime(2020, 1, 11, tzinfo=UTC)
    postponed = ledger.get(f"{juve_inter}:status")
    assert isinstance(postponed, MatchStatusChanged)
    assert postponed.status is MatchStatus.POSTPONED
    assert [e.event_id for e in ledger if getattr(e, "match_id", None) == inter_napoli] == [
        f"{inter_napoli}:scheduled"
    ]
    assert score(ledger, inter_napoli).status is MatchStatus.SCHEDULED


def test_play_off_rows(tmp_path: Path) -> None:
    """Play-off and final rows, in all three spellings, get their own competition."""
    path = write(
        tmp_path,
        "en.2.csv",
        OF_HEADER,
        of_row("Leeds United", "Stoke City", "1-0", round_="Matchday 1", stage="Regular"),
        of_row("Luton Town", "Huddersfield", "1-1", round_="", stage="Playoffs"),
        of_row("Norwich City", "Leeds United", "0-0", round_="Semifinals", stage="Finals"),
        of_row("Hull City", "Derby County", "1-0", round_='"Regular, Matchday 1"'),
        of_row("Bristol City", "Sheffield United", "0-3", round_='"Finals, Semifinals"'),
    )
    schedules = only(read_results_csv(path), MatchScheduled)
    assert [s.competition for s in schedules] == [
        "Championship",
        "Championship play-offs",
        "Championship play-offs",
        "Championship",
        "Championship play-offs",
    ]
    assert schedules[4].round == "Finals, Semifinals"
    assert schedules[1].round is None


def test_extra_time_and_shootouts(tmp_path: Path) -> None:
    """After extra time the result is the extra-time score; a level one keeps its shootout."""
    path = write(
        tmp_path,
        "en.2.csv",
        OF_HEADER,
        of_row("Coventry City FC", "Luton Town FC", "1-1", ht="0,1", et="1,1", pens="5,6"),
        of_row("Nottingham Forest", "Sheffield United", "1-2", ht="1,0", et="1,2", pens="3,2"),
        of_row("Sunderland AFC", "Coventry City FC", "0-1", ht="0,0", et="1,1", day="2020-01-12"),
    )
    ledger = read_results_csv(path)
    final, second_leg, extra = only(ledger, ResultRecorded)
    assert final.after_extra_time
    assert final.shootout == Score(home=5, away=6)
    line = score(ledger, final.match_id)
    assert line.winner is not None
    assert line.winner.name == "Luton Town FC"
    # an undrawn second leg: the shootout decided the tie, not the match
    assert (second_leg.home_goals, second_leg.away_goals, second_leg.shootout) == (1, 2, None)
    assert (extra.home_goals, extra.away_goals, extra.after_extra_time) == (1, 1, True)
    # the score after 90 minutes is kept, and the scoreline tells the two apart
    assert [r.full_time for r in (final, second_leg, extra)] == [
        Score(home=1, away=1),
        Score(home=1, away=2),
        Score(home=0, away=1),
    ]
    won = score(ledger, extra.match_id)
    assert (won.half_time, won.full_time, won.extra_time) == (
        Score(home=0, away=0),
        Score(home=0, away=1),
        Score(home=1, away=1),
    )


# --- ids -----------------------------------------------------------------------------------------


def test_ids_are_deterministic(tmp_path: Path) -> None:
    """Importing a file twice gives equal ledgers, with the documented ids."""
    path = write(
        tmp_path,
        "fr.1.csv",
        OF_HEADER,
        of_row("Montpellier HSC", "AS Saint-Étienne", "0-2", status="awarded"),
        of_row("SC Bastia", "Olympique Lyonnais", "0-0"),
        of_row("SC Bastia", "Olympique Lyonnais", "1-0"),
    )
    first, second = read_results_csv(path), read_results_csv(path)
    assert first == second
    base = "ligue-1-2019-20-2020-01-11"
    assert first.match_ids == (
        f"{base}-montpellier-hsc-as-saint-etienne",
        f"{base}-sc-bastia-olympique-lyonnais",
        f"{base}-sc-bastia-olympique-lyonnais-2",
    )
    assert [e.event_id for e in first][:2] == [
        f"{base}-montpellier-hsc-as-saint-etienne:scheduled",
        f"{base}-montpellier-hsc-as-saint-etienne:result",
    ]
    away = first.schedule(first.match_ids[0]).away
    assert (away.team_id, away.name) == ("as-saint-etienne", "AS Saint-Étienne")


def test_slugs() -> None:
    """Team slugs are lower-case ASCII with accents and odd letters folded."""
    assert results_csv._slug("1. FC Köln") == "1-fc-koln"
    assert results_csv._slug("Bodø/Glimt") == "bodo-glimt"
    assert results_csv._slug("  Brighton & Hove Albion ") == "brighton-hove-albion"
    assert results_csv._slug("ЦСКА") == results_csv._slug("ЦСКА")
    assert results_csv._slug("ЦСКА").startswith("x-")


# --- errors --------------------------------------------------------------------------------------


GOOD_1 = "1888-89,1888-09-08,,Bolton Wanderers,Derby County,3,6,1,1"
GOOD_2 = "1888-89,1888-09-08,,Everton,Accrington F.C.,2,1,1,1"


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("1888-89,1888-09-15,,Everton,Notts County,2,1,1", None, "has 8 columns, the header 9"),
        ("1888-89,1888-09-15,,Everton,Notts County,two,1,1,1", "home_goals", "whole number"),
        ("1888-89,1888-09-15,,Everton,Notts County,2,-1,1,1", "away_goals", "whole number"),
        ("1888-89,15/09/1888,,Everton,Notts County,2,1,1,1", "date", "must be a date"),
        ("1888-89,1888-02-30,,Everton,Notts County,2,1,1,1", "date", "must be a date"),
        ("1888-89,1888-09-15,, ,Notts County,2,1,1,1", "home", "is empty"),
        ("1888-89,1888-09-15,,Everton,Everton,2,1,1,1", "away", "cannot play itself"),
        ("1888-89,1888-09-15,,Everton,Notts County,2,,1,1", "away_goals", "come together"),
        ("1888-89,1888-09-15,,Everton,Notts County,2,1,one,1", "tier", "whole number"),
        ("1888-90,1888-09-15,,Everton,Notts County,2,1,1,1", "season", "must be a season"),
        ("1888-89,1888-09-15,,Everton,Notts County,100,1,1,1", "home_goals", "at most 99"),
    ],
)
def test_bad_engsoccerdata_rows(tmp_path: Path, row: str, column: str | None, reason: str) -> None:
    """A bad row names its line and column and keeps the matches read before it."""
    path = write(tmp_path, "england.csv", ES_HEADER, GOOD_1, GOOD_2, row, GOOD_1)
    with pytest.raises(ResultsFileError) as info:
        read_results_csv(path)
    exc = info.value
    assert isinstance(exc, LedgerError)
    assert (exc.path, exc.line, exc.column) == (str(path), 4, column)
    assert reason in exc.reason
    where = f"{path}, line 4" + (f", column {column!r}" if column else "")
    assert str(exc) == f"{where}: {exc.reason}"
    good = tmp_path / "good"
    good.mkdir()
    assert exc.partial == read_results_csv(write(good, "england.csv", ES_HEADER, GOOD_1, GOOD_2))
    assert len(exc.partial.match_ids) == 2


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (of_row("Inter", "Atalanta", "1-1", ht="2,0"), "ht_home_goals", "above the final"),
        (of_row("Inter", "Atalanta", "1-1", ht="1,"), "ht_away_goals", "come together"),
        (of_row("Inter", "Atalanta", "1-1", time="8pm"), "time", "must be a time"),
        (of_row("Inter", "Atalanta", "1-1", status="abandoned"), "status", "must be empty"),
        (of_row("Inter", "Atalanta", "", status="awarded"), "home_goals", "needs its score"),
        (of_row("Inter", "Atalanta", "1-1", status="cancelled"), "home_goals", "must be empty"),
        (of_row("Inter", "Atalanta", "2-1", et="1,1"), "et_home_goals", "below"),
        (of_row("Inter", "Atalanta", "", ht="0,0"), "home_goals", "other scores"),
        (of_row("Inter", "Atalanta", "1-1", season="2019"), None, None),
    ],
)
def test_bad_openfootball_rows(
    tmp_path: Path, row: str, column: str | None, reason: str | None
) -> None:
    """openfootball rows are checked cell by cell (a bare start year is a fine season)."""
    good = of_row("Lazio Roma", "SSC Napoli", "1-0")
    path = write(tmp_path, "it.1.csv", OF_HEADER, good, row)
    if reason is None:
        assert len(read_results_csv(path).match_ids) == 2
        return
    with pytest.raises(ResultsFileError) as info:
        read_results_csv(path)
    assert (info.value.line, info.value.column) == (3, column)
    assert reason in info.value.reason
    assert info.value.partial.match_ids == ("serie-a-2019-20-2020-01-11-lazio-roma-ssc-napoli",)


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        (("09/08/2019", "31/02/2019"), "Date", "must be a date"),
        (("09/08/2019", "2019-08-09"), "Date", "must be a date"),
        ((",Norwich,", ",,"), "AwayTeam", "is empty"),
        ((",4,1,H,4,0,", ",4,1,H,5,0,"), "HTHG", "above the final"),
        (("20:00", "25:00"), "Time", "must be a time"),
    ],
)
def test_bad_football_data_rows(
    tmp_path: Path, change: tuple[str, str], column: str, reason: str
) -> None:
    """football-data rows name the file's own column names."""
    path = write(tmp_path, "E0.csv", FD_HEADER, FD_ROWS[1], FD_ROWS[0].replace(*change))
    with pytest.raises(ResultsFileError) as info:
        read_results_csv(path)
    assert (info.value.line, info.value.column) == (3, column)
    assert reason in info.value.reason
    assert len(info.value.partial.match_ids) == 1


def test_unknown_header(tmp_path: Path) -> None:
    """An unknown header names the file and lists the layouts."""
    path = write(tmp_path, "results.csv", "date,team1,team2,score", "2020-01-11,A,B,1-1")
    with pytest.raises(ResultsFileError) as info:
        read_results_csv(path)
    message = str(info.value)
    assert message.startswith(f"{path}, line 1: unknown header")
    for name, header in LAYOUTS.items():
        assert name in message
        assert header in message
    assert info.value.partial == Ledger()


def test_empty_file_and_not_utf8(tmp_path: Path) -> None:
    """An empty file, or one that is not UTF-8, is a ResultsFileError too."""
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ResultsFileError, match="unknown header 'nothing'"):
        read_results_csv(empty)
    latin = write(
        tmp_path, "it.1.csv", OF_HEADER, of_row("Inter", "Atlético", "1-1"), encoding="cp1252"
    )
    with pytest.raises(ResultsFileError, match=r"line 2: is not UTF-8 \(byte 0xe9\)"):
        read_results_csv(latin)


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    """A missing file raises OSError, not a ResultsFileError."""
    with pytest.raises(FileNotFoundError):
        read_results_csv(tmp_path / "nope.csv")


def test_ledger_rejection_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the ledger rejects an event, the error names the row it came from."""
    real = Ledger

    def rejecting(events: Iterable[Event] = ()) -> Ledger:
        events = list(events)
        if len(events) > 2:
            raise DuplicateEventError(
                index=3, event_id="x", field="event_id", reason="is already used by event #1"
            )
        return real(events)

    monkeypatch.setattr(results_csv, "Ledger", rejecting)
    path = write(tmp_path, "england.csv", ES_HEADER, GOOD_1, GOOD_2)
    with pytest.raises(ResultsFileError) as info:
        read_results_csv(path)
    assert (info.value.line, info.value.column) == (3, None)
    assert "the ledger rejects the row" in info.value.reason
    assert "is already used by event #1" in info.value.reason
    assert len(info.value.partial.match_ids) == 1


def test_error_pickles(tmp_path: Path) -> None:
    """A ResultsFileError survives pickling with its attributes."""
    path = write(tmp_path, "england.csv", ES_HEADER, GOOD_1, GOOD_1.replace("Derby County", ""))
    with pytest.raises(ResultsFileError) as info:
        read_results_csv(path)
    copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 - our own object
    assert str(copy) == str(info.value)
    assert copy.partial == info.value.partial
    assert (copy.line, copy.column) == (3, "away")


# --- deductions ----------------------------------------------------------------------------------


DEDUCTIONS_HEADER = '"Season","team","tier","deduction","country"'


def test_deductions(tmp_path: Path) -> None:
    """deductions.csv rows become PointsDeducted with engsoccerdata's competition names."""
    path = write(
        tmp_path,
        "deductions.csv",
        DEDUCTIONS_HEADER,
        '2009,"Portsmouth",1,9,"England"',
        '1926,"Stockport County",3,2,"England"',
        '1926,"Stockport County",3,1,"England"',
    )
    first, second, third = read_deductions_csv(path)
    assert (first.competition, first.season, first.team, first.points) == (
        "England tier 1",
        "2009-10",
        "portsmouth",
        9,
    )
    assert first.event_id == "england-tier-1-2009-10-portsmouth:points-deducted"
    assert second.competition == "England tier 3"
    assert third.event_id == second.event_id + "-2"
    assert read_deductions_csv(path) == [first, second, third]
    results = write(
        tmp_path,
        "england.csv",
        ES_HEADER,
        "1926-27,1926-08-28,,Stockport County,Accrington Stanley,2,1,3,3N",
    )
    regional = read_deductions_csv(path, ledger=read_results_csv(results))
    assert regional[1].competition == "England tier 3 (3N)"
    assert regional[0].competition == "England tier 1"


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ('09,"Portsmouth",1,9,"England"', "Season"),
        ('2009,"",1,9,"England"', "team"),
        ('2009,"Portsmouth",one,9,"England"', "tier"),
        ('2009,"Portsmouth",1,nine,"England"', "deduction"),
        ('2009,"Portsmouth",1,0,"England"', "deduction"),
        ('2009,"Portsmouth",1,9,""', "country"),
        ('2009,"Portsmouth",1,9', None),
    ],
)
def test_bad_deductions(tmp_path: Path, row: str, column: str | None) -> None:
    """A bad deductions row names its line and column and keeps the rows before it."""
    path = write(
        tmp_path, "deductions.csv", DEDUCTIONS_HEADER, '2014,"Rotherham United",2,3,"England"', row
    )
    with pytest.raises(ResultsFileError) as info:
        read_deductions_csv(path)
    assert (info.value.line, info.value.column) == (3, column)
    assert len(info.value.partial) == 1


def test_deductions_unknown_header(tmp_path: Path) -> None:
    """A results file is not a deductions file."""
    path = write(tmp_path, "england.csv", ES_HEADER, GOOD_1)
    with pytest.raises(ResultsFileError, match="expected season,team,tier,deduction,country"):
        read_deductions_csv(path)


# --- the real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def results_dir(shared_data: Path) -> Path:
    return shared_data / "results"


@pytest.fixture(scope="module")
def england(results_dir: Path) -> Ledger:
    """engsoccerdata's whole england.csv, read once (the slow part of this module)."""
    return read_results_csv(results_dir / "engsoccerdata" / "england.csv")


def data_rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def test_every_real_file_imports(results_dir: Path, england: Ledger) -> None:
    """Every engsoccerdata and openfootball file imports completely, one match per row."""
    files = sorted((results_dir / "engsoccerdata").glob("*.csv")) + sorted(
        (results_dir / "openfootball").glob("*.csv")
    )
    files = [f for f in files if f.name != "deductions.csv"]
    assert len(files) == 19
    for path in files:
        ledger = england if path.name == "england.csv" else read_results_csv(path)
        assert len(ledger.match_ids) == data_rows(path), path.name


def test_real_england(results_dir: Path, england: Ledger) -> None:
    """england.csv: every row has a result, and 3N/3S are separate competitions."""
    rows = data_rows(results_dir / "engsoccerdata" / "england.csv")
    assert rows == 208_028
    kinds = Counter(type(e) for e in england)
    assert kinds[ResultRecorded] + kinds[ResultAwarded] == rows
    assert kinds[MatchScheduled] == rows
    teams: dict[str, set[str]] = {}
    for s in only(england, MatchScheduled):
        if s.season == "1950-51" and s.competition.startswith("England tier 3"):
            teams.setdefault(s.competition, set()).add(s.home.team_id)
    assert set(teams) == {"England tier 3 (3N)", "England tier 3 (3S)"}
    assert len(teams["England tier 3 (3N)"]) == len(teams["England tier 3 (3S)"]) == 24
    assert not teams["England tier 3 (3N)"] & teams["England tier 3 (3S)"]


def test_real_deductions(results_dir: Path, england: Ledger) -> None:
    """deductions.csv reads, and with the results Stockport 1926-27 goes to the 3N table."""
    path = results_dir / "engsoccerdata" / "deductions.csv"
    plain = read_deductions_csv(path)
    assert len(plain) == 45
    resolved = read_deductions_csv(path, ledger=england)
    stockport = [d for d in resolved if d.team == "stockport-county" and d.season == "1926-27"]
    assert [(d.competition, d.points) for d in stockport] == [("England tier 3 (3N)", 2)]
    assert sum(d.competition != p.competition for d, p in zip(resolved, plain, strict=True)) == 1


def test_real_serie_a_spot_check(results_dir: Path) -> None:
    """it.1 2019-20: Inter 1-1 Atalanta on 2020-01-11, 1-0 at half time."""
    ledger = read_results_csv(results_dir / "openfootball" / "it.1.csv", season="2019-20")
    assert len(ledger.match_ids) == 380
    line = score(ledger, "serie-a-2019-20-2020-01-11-inter-atalanta")
    assert str(line) == "Inter 1-1 Atalanta (HT 1-0)"
    assert ledger.schedule(line.match_id).kickoff == datetime(2020, 1, 11, 20, 45, tzinfo=UTC)


def test_real_openfootball_statuses(results_dir: Path) -> None:
    """The 6 awarded rows become ResultAwarded, the 393 cancelled rows a status change."""
    awarded: list[tuple[str, str]] = []
    cancelled = 0
    for path in sorted((results_dir / "openfootball").glob("*.csv")):
        ledger = read_results_csv(path)
        for event in only(ledger, ResultAwarded):
            line = score(ledger, event.match_id)
            awarded.append((path.stem, str(line)))
        cancelled += sum(
            e.status is MatchStatus.CANCELLED for e in only(ledger, MatchStatusChanged)
        )
    assert cancelled == 393
    assert len(awarded) == 6
    assert ("it.1", "Hellas Verona FC 3-0 AS Roma (awarded; 0-0 on the pitch)") in awarded


def test_real_championship_play_offs(results_dir: Path) -> None:
    """en.2's 20 play-off rows stay out of the league; the 2023 final went to penalties."""
    ledger = read_results_csv(results_dir / "openfootball" / "en.2.csv")
    competitions = Counter(s.competition for s in only(ledger, MatchScheduled))
    assert competitions["Championship play-offs"] == 20
    final = score(
        ledger, "championship-play-offs-2022-23-2023-05-27-coventry-city-fc-luton-town-fc"
    )
    assert str(final.shootout) == "5-6"
    assert final.extra_time is not None
    assert final.winner is not None
    assert final.winner.name == "Luton Town FC"
