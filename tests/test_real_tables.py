"""Official final tables of real seasons, from the results files beside the checkout.

Each case names the season, the clubs level on points, the official order and where
that order was checked (see docs/notes/tie-break-cases.md for the figures and sources).
The results files give the matches only: points deductions, awards and play-offs
decided by the authorities are added as events, as a user would.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from matchledger import Event, Ledger, PointsDeducted, Row, TieDecided, standings
from matchledger.importers import read_results_csv


@cache
def _season(path: Path, season: str, tier: int | None) -> Ledger:
    return read_results_csv(path, season=season, tier=tier)


def table(
    shared_data: Path,
    file: str,
    season: str,
    rules: str,
    *,
    tier: int | None = 1,
    deductions: dict[str, int] | None = None,
    decided: tuple[str, str] | None = None,
) -> dict[str, Row]:
    ledger = _season(shared_data / "results" / file, season, tier)
    (competition,) = {e.competition for e in ledger if hasattr(e, "competition")}
    names = {t.name: t.team_id for e in ledger if hasattr(e, "home") for t in (e.home, e.away)}  # type: ignore[union-attr]
    extra: list[Event] = [
        PointsDeducted(
            event_id=f"d-{name}",
            competition=competition,
            season=season,
            team=names[name],
            points=points,
        )
        for name, points in (deductions or {}).items()
    ]
    if decided is not None:
        extra.append(
            TieDecided(
                event_id="po",
                competition=competition,
                season=season,
                winner=names[decided[0]],
                loser=names[decided[1]],
            )
        )
    rows = standings(ledger.extend(extra), rules=rules).rows
    return {r.team.name: r for r in rows}


def positions(rows: dict[str, Row], *names: str) -> list[int]:
    return [rows[n].position for n in names]


# --- Serie A: head-to-head and the classifica avulsa ------------------------------------------


def test_serie_a_2017_18_head_to_head(shared_data: Path) -> None:
    """Inter 4th, Lazio 5th on 72: head-to-head beats Lazio's goal difference (calcionews24)."""
    rows = table(shared_data, "engsoccerdata/italy.csv", "2017-18", "serie-a")
    assert positions(rows, "Inter", "Lazio Roma") == [4, 5]
    assert rows["Inter"].decided_by == "head-to-head points"


def test_serie_a_2019_20_three_club_mini_league(shared_data: Path) -> None:
    """Verona 9, Fiorentina 10, Parma 11 on 49 by mini-league; Udinese above Cagliari (ilpost)."""
    rows = table(shared_data, "engsoccerdata/italy.csv", "2019-20", "serie-a")
    assert positions(rows, "Hellas Verona", "ACF Fiorentina", "Parma FC") == [9, 10, 11]
    assert positions(rows, "Udinese Calcio", "Cagliari Calcio") == [13, 14]
    assert positions(rows, "Atalanta", "Lazio Roma") == [3, 4]


def test_serie_a_2006_07_deductions_and_a_four_club_mini_league(shared_data: Path) -> None:
    """After the Calciopoli deductions, four clubs on 40 are ranked by their mini-league."""
    rows = table(
        shared_data,
        "engsoccerdata/italy.csv",
        "2006-07",
        "serie-a",
        deductions={
            "ACF Fiorentina": 15,
            "Reggina Calcio": 11,
            "AC Milan": 8,
            "Lazio Roma": 3,
            "AC Siena": 1,
        },
    )
    assert {
        rows[n].points for n in ("Reggina Calcio", "AC Siena", "Torino FC", "Cagliari Calcio")
    } == {40}
    assert positions(rows, "Reggina Calcio", "AC Siena", "Torino FC", "Cagliari Calcio") == [
        14,
        15,
        16,
        17,
    ]
    assert positions(rows, "US Palermo", "ACF Fiorentina") == [5, 6]


def test_serie_a_2022_23_only_a_play_off_settles_it(shared_data: Path) -> None:
    """Spezia and Verona on 31 for 17th: a play-off, which Verona won 3-1 (ilpost)."""
    rows = table(
        shared_data, "engsoccerdata/italy.csv", "2022-23", "serie-a", deductions={"Juventus": 10}
    )
    for name in ("Hellas Verona", "Spezia Calcio"):
        assert rows[name].unresolved_tie
        assert rows[name].position == 17
        assert rows[name].tie_reason is not None
        assert "play-off" in rows[name].tie_reason
    assert rows["Juventus"].position == 7
    rows = table(
        shared_data,
        "engsoccerdata/italy.csv",
        "2022-23",
        "serie-a",
        deductions={"Juventus": 10},
        decided=("Hellas Verona", "Spezia Calcio"),
    )
    assert positions(rows, "Hellas Verona", "Spezia Calcio") == [17, 18]


# --- La Liga: two clubs against three or more ---------------------------------------------------


def test_la_liga_2006_07_title_on_head_to_head(shared_data: Path) -> None:
    """Real Madrid champions over Barcelona on 76 despite the worse goal difference."""
    rows = table(shared_data, "engsoccerdata/spain.csv", "2006-07", "la-liga")
    assert positions(rows, "Real Madrid", "FC Barcelona") == [1, 2]


def test_la_liga_1980_81_two_points_and_head_to_head_goals(shared_data: Path) -> None:
    """Real Sociedad champions on 45 (two points a win), 3-2 on goals in the two meetings."""
    rows = table(shared_data, "engsoccerdata/spain.csv", "1980-81", "la-liga")
    assert positions(rows, "Real Sociedad", "Real Madrid") == [1, 2]
    assert rows["Real Sociedad"].points == 45


def test_la_liga_2022_23_two_three_club_mini_leagues(shared_data: Path) -> None:
    """Girona, Rayo, Sevilla on 49 and Cadiz, Getafe, Valencia on 42, each by mini-league."""
    rows = table(shared_data, "engsoccerdata/spain.csv", "2022-23", "la-liga")
    assert positions(rows, "Girona", "Rayo Vallecano", "Sevilla FC") == [10, 11, 12]
    assert positions(rows, "Cadiz CF", "Getafe CF", "Valencia CF") == [14, 15, 16]


def test_la_liga_2014_15_eibar_relegated_in_a_three_way_tie(shared_data: Path) -> None:
    """Eibar 18th on 35 behind Deportivo and Granada (el Mundo)."""
    rows = table(shared_data, "engsoccerdata/spain.csv", "2014-15", "la-liga")
    assert rows["SD Eibar"].position == 18


# --- England: goal average, goal difference, goals scored -----------------------------------------


def test_england_2011_12_goal_difference(shared_data: Path) -> None:
    """Manchester City champions over Manchester United on goal difference."""
    rows = table(shared_data, "engsoccerdata/england.csv", "2011-12", "premier-league")
    assert positions(rows, "Manchester City", "Manchester United") == [1, 2]


def test_england_1988_89_goals_scored(shared_data: Path) -> None:
    """Arsenal champions on goals scored, level with Liverpool on points and difference."""
    rows = table(shared_data, "engsoccerdata/england.csv", "1988-89", "premier-league")
    assert positions(rows, "Arsenal", "Liverpool") == [1, 2]
    assert rows["Arsenal"].decided_by == "goals scored"


def test_england_1923_24_goal_average(shared_data: Path) -> None:
    """Huddersfield champions on goal average; goals scored would have given Cardiff."""
    rows = table(shared_data, "engsoccerdata/england.csv", "1923-24", "premier-league")
    assert positions(rows, "Huddersfield Town", "Cardiff City") == [1, 2]
    assert rows["Huddersfield Town"].points == 57


def test_england_1964_65_goal_average(shared_data: Path) -> None:
    """Manchester United champions over Leeds on goal average."""
    rows = table(shared_data, "engsoccerdata/england.csv", "1964-65", "premier-league")
    assert positions(rows, "Manchester United", "Leeds United") == [1, 2]


def test_england_1996_97_fourth_tier_goals_scored_first(shared_data: Path) -> None:
    """Wigan champions of the Third Division over Fulham: goals scored came before difference."""
    rows = table(
        shared_data, "engsoccerdata/england.csv", "1996-97", "english-football-league", tier=4
    )
    assert positions(rows, "Wigan Athletic", "Fulham") == [1, 2]


def test_england_1995_96_three_clubs_on_38(shared_data: Path) -> None:
    """Coventry 16, Southampton 17 (goals scored), Manchester City 18 (goal difference)."""
    rows = table(shared_data, "engsoccerdata/england.csv", "1995-96", "premier-league")
    assert positions(rows, "Coventry City", "Southampton", "Manchester City") == [16, 17, 18]


def test_england_1996_97_deduction_relegates_middlesbrough(shared_data: Path) -> None:
    """Middlesbrough's three points deducted put them 19th (from deductions.csv)."""
    rows = table(
        shared_data,
        "engsoccerdata/england.csv",
        "1996-97",
        "premier-league",
        deductions={"Middlesbrough": 3},
    )
    assert positions(rows, "Southampton", "Coventry City", "Sunderland", "Middlesbrough") == [
        16,
        17,
        18,
        19,
    ]


def test_england_2007_08_third_tier_deductions(shared_data: Path) -> None:
    """Leeds (-15) 5th above Southend on goal difference; Doncaster 3rd."""
    rows = table(
        shared_data,
        "engsoccerdata/england.csv",
        "2007-08",
        "english-football-league",
        tier=3,
        deductions={"Leeds United": 15, "AFC Bournemouth": 10, "Luton Town": 10},
    )
    assert positions(rows, "Doncaster Rovers", "Carlisle United") == [3, 4]
    assert positions(rows, "Leeds United", "Southend United") == [5, 6]
    assert rows["Leeds United"].points == 76


# --- Germany ----------------------------------------------------------------------------------


def test_bundesliga_1998_99_goals_scored(shared_data: Path) -> None:
    """Frankfurt 15th, Nurnberg 16th and relegated: same difference, fewer goals."""
    rows = table(shared_data, "engsoccerdata/germany.csv", "1998-99", "bundesliga")
    assert positions(rows, "Eintracht Frankfurt", "1. FC Nurnberg") == [15, 16]


def test_bundesliga_1979_80_shared_third_place(shared_data: Path) -> None:
    """Kaiserslautern and Stuttgart shared third: level on points, difference and goals."""
    rows = table(shared_data, "engsoccerdata/germany.csv", "1979-80", "bundesliga")
    for name in ("1. FC Kaiserslautern", "VfB Stuttgart"):
        assert rows[name].position == 3
        assert rows[name].unresolved_tie


def test_bundesliga_1963_64_goal_quotient(shared_data: Path) -> None:
    """Meidericher SV second on goal quotient; goals scored would have given Frankfurt."""
    rows = table(shared_data, "engsoccerdata/germany.csv", "1963-64", "bundesliga")
    assert rows["Meidericher SV"].position == 2


@pytest.mark.parametrize(
    ("file", "season"),
    [("openfootball/it.1.csv", "2019-20"), ("engsoccerdata/italy.csv", "2019-20")],
)
def test_both_sources_agree_on_serie_a_2019_20(shared_data: Path, file: str, season: str) -> None:
    """Juventus 83, Inter 82, Atalanta and Lazio 78 in either source."""
    rows = table(shared_data, file, season, "serie-a")
    top = sorted(rows.values(), key=lambda r: r.position)[:4]
    assert [r.points for r in top] == [83, 82, 78, 78]


@pytest.mark.parametrize(
    ("season", "safe", "pair", "place"),
    [
        ("2000-01", "US Lecce", ("Hellas Verona", "Reggina Calcio"), 14),
        ("2004-05", "ACF Fiorentina", ("Bologna FC", "Parma FC"), 17),
    ],
)
def test_serie_a_three_level_a_mini_league_picks_the_play_off_pair(
    shared_data: Path, season: str, safe: str, pair: tuple[str, str], place: int
) -> None:
    """Three level on the relegation line: the mini-league saves one, the other two play off."""
    rows = table(shared_data, "engsoccerdata/italy.csv", season, "serie-a")
    assert rows[safe].position == place - 1
    assert not rows[safe].unresolved_tie
    assert [rows[t].position for t in pair] == [place, place]
    assert all(rows[t].unresolved_tie for t in pair)
    decided = table(shared_data, "engsoccerdata/italy.csv", season, "serie-a", decided=pair)
    assert [decided[t].position for t in pair] == [place, place + 1]
