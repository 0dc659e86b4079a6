"""Ranking rules of real competitions, era by era, with their sources.

Each preset is a :class:`~matchledger.rules.Preset`: the rules in force from one
season to another. Points for a win changed from 2 to 3 in different years per
country; tie-breaks changed too. Ask for a preset by name with
:func:`~matchledger.rules.preset` and for the rules of one season with
:meth:`~matchledger.rules.Preset.for_season`.

What no preset computes: fair-play points, UEFA coefficients and FIFA rankings (the
chain ends in an unresolved tie before them), and the Scottish league's split after 33
rounds. Where the sources disagree or are missing, the docstring of the preset says so.
"""

from __future__ import annotations

from typing import Final

from matchledger.rules._model import Criterion, Era, Place, Preset, Rules

__all__ = ["PRESETS"]

GD = Criterion.GOAL_DIFFERENCE
GAV = Criterion.GOAL_AVERAGE
GF = Criterion.GOALS_SCORED
FEWER_GA = Criterion.FEWER_GOALS_AGAINST
AG = Criterion.AWAY_GOALS
WINS = Criterion.WINS
AWAY_WINS = Criterion.AWAY_WINS
H2H_PTS = Criterion.H2H_POINTS
H2H_GD = Criterion.H2H_GOAL_DIFFERENCE
H2H_GF = Criterion.H2H_GOALS_SCORED
H2H_AG = Criterion.H2H_AWAY_GOALS
PO = Criterion.PLAY_OFF
LOTS = Criterion.LOTS

TITLE_AND_RELEGATION = frozenset({Place.TITLE, Place.RELEGATION})


def _era(first: str | None, last: str | None, **fields: object) -> Era:
    return Era(first=first, last=last, rules=Rules(**fields))  # type: ignore[arg-type]


# --- England ------------------------------------------------------------------------------

_FL_SOURCE = (
    "Football League regulations as summarised in the season pages of the 1888-89, 1976-77 "
    "and 1992-93 Football League; checked against 1923-24 (Huddersfield on goal average), "
    "1964-65, 1988-89 (Arsenal on goals scored) and 1996-97 Third Division (Wigan on goals "
    "scored before goal difference)."
)
_FL_OLD = (
    _era(
        "1888-89",
        "1975-76",
        name="Football League, goal average",
        win=2,
        criteria=(GAV,),
        source=_FL_SOURCE,
    ),
    _era(
        "1976-77",
        "1980-81",
        name="Football League, goal difference",
        win=2,
        criteria=(GD, GF),
        source=_FL_SOURCE,
    ),
    _era(
        "1981-82",
        "1991-92",
        name="Football League, three points for a win",
        criteria=(GD, GF),
        source=_FL_SOURCE,
    ),
)

PREMIER_LEAGUE = Preset(
    name="premier-league",
    title="Premier League (and the First Division before it)",
    source="Premier League Handbook, section C (2018-19 and 2019-20 editions); earlier "
    "seasons of the top flight use the Football League's rules of their era.",
    eras=(
        *_FL_OLD,
        _era(
            "1992-93",
            "2018-19",
            name="Premier League 1992-93 to 2018-19",
            criteria=(GD, GF, PO),
            off_table_places=TITLE_AND_RELEGATION,
            source="Premier League Handbook C.14: clubs still level share the place, or "
            "play off where the title, relegation or a competition place is at stake.",
        ),
        _era(
            "2019-20",
            None,
            name="Premier League from 2019-20",
            criteria=(GD, GF, H2H_PTS, H2H_AG, PO),
            off_table_places=(Place.ANY,),
            source="Premier League statement of July 2019 on head-to-head records.",
        ),
    ),
)
"""The English top flight: Football League rules to 1991-92, Premier League rules since."""

ENGLISH_FOOTBALL_LEAGUE = Preset(
    name="english-football-league",
    title="English Football League (all tiers, the First Division before 1992-93)",
    source=_FL_SOURCE + " EFL regulation 9.5 (2019) as reported by the BBC for head-to-head.",
    eras=(
        *_FL_OLD,
        _era(
            "1992-93",
            "1998-99",
            name="Football League 1992-93 to 1998-99, goals scored first",
            criteria=(GF, FEWER_GA),
            source=_FL_SOURCE,
        ),
        _era(
            "1999-00",
            None,
            name="Football League from 1999-2000",
            criteria=(GD, GF, H2H_PTS, H2H_GF, H2H_AG, PO),
            source=_FL_SOURCE,
        ),
    ),
)
"""The Football League's tiers; from 1992-93 the top flight is the Premier League."""

# --- Italy --------------------------------------------------------------------------------

SERIE_A = Preset(
    name="serie-a",
    title="Serie A",
    source="FIGC NOIF art. 51 and Lega Serie A regulations as reported (adamoli.org "
    "almanacco; Sky Sport 2023); checked against 2006-07, 2017-18, 2019-20 and 2022-23.",
    eras=(
        _era(
            "1929-30",
            "1971-72",
            name="Serie A to 1971-72: shared places",
            win=2,
            criteria=(PO,),
            off_table_places=TITLE_AND_RELEGATION,
            source="Clubs level shared the place (pari merito); a play-off decided the "
            "title and relegation. 1938-39 to 1941-42 used goal quotient: not modelled.",
        ),
        _era(
            "1972-73",
            "1986-87",
            name="Serie A 1972-73 to 1986-87",
            win=2,
            criteria=(PO, GD),
            off_table_places=TITLE_AND_RELEGATION,
            relegation_places=3,
            source="Play-off for the title and relegation, goal difference elsewhere; 16 "
            "clubs, three relegated.",
        ),
        _era(
            "1987-88",
            "1987-88",
            name="Serie A 1987-88",
            win=2,
            criteria=(PO, GD),
            off_table_places=TITLE_AND_RELEGATION,
            relegation_places=2,
            source="As 1972-73 to 1986-87, but two relegated as the league grew to 18 clubs.",
        ),
        _era(
            "1988-89",
            "1993-94",
            name="Serie A 1988-89 to 1993-94",
            win=2,
            criteria=(PO, GD),
            off_table_places=TITLE_AND_RELEGATION,
            relegation_places=4,
            source="Play-off for the title and relegation, goal difference elsewhere; 18 "
            "clubs, four relegated.",
        ),
        _era(
            "1994-95",
            "2003-04",
            name="Serie A 1994-95 to 2003-04",
            criteria=(PO, GD),
            off_table_places=TITLE_AND_RELEGATION,
            relegation_places=4,
            source="Play-off for the title and relegation, goal difference elsewhere; 18 "
            "clubs, four relegated.",
        ),
        _era(
            "2004-05",
            "2004-05",
            name="Serie A 2004-05",
            criteria=(PO, GD),
            off_table_places=TITLE_AND_RELEGATION,
            relegation_places=3,
            source="Play-off for the title and relegation, goal difference elsewhere; 20 "
            "clubs, three relegated.",
        ),
        _era(
            "2005-06",
            "2021-22",
            name="Serie A 2005-06 to 2021-22: classifica avulsa",
            criteria=(H2H_PTS, H2H_GD, GD, GF, LOTS),
            source="NOIF art. 51.6: points, then goal difference, in the matches among all "
            "the clubs level (classifica avulsa), then overall goal difference, goals "
            "scored, lots.",
        ),
        _era(
            "2022-23",
            None,
            name="Serie A from 2022-23",
            criteria=(PO, H2H_PTS, H2H_GD, GD, GF, LOTS),
            off_table_places=TITLE_AND_RELEGATION,
            relegation_places=3,
            source="Lega Serie A, May 2022: a play-off when clubs are level for the title or "
            "a relegation place (1 v 2, 17 v 18); classifica avulsa everywhere else.",
        ),
    ),
)
"""Serie A, from play-offs and shared places to head-to-head and back to play-offs."""

# --- Spain --------------------------------------------------------------------------------

LA_LIGA = Preset(
    name="la-liga",
    title="La Liga (Primera División)",
    source="RFEF Reglamento General, art. 201 (as quoted for 2006-07 and 2020); checked "
    "against 1980-81, 2006-07, 2014-15 and 2022-23.",
    eras=(
        _era(
            "1928-29",
            "1994-95",
            name="La Liga to 1994-95",
            win=2,
            criteria=(H2H_GD, GD, GF, LOTS),
            criteria_for_many=(H2H_PTS, H2H_GD, GD, GF, LOTS),
            source="Two clubs: the goals of their two matches; three or more: a mini-league. "
            "The rules of the earliest seasons are not verified.",
        ),
        _era(
            "1995-96",
            None,
            name="La Liga from 1995-96",
            criteria=(H2H_GD, GD, GF, LOTS),
            criteria_for_many=(H2H_PTS, H2H_GD, GD, GF, LOTS),
            source="Two clubs: aggregate goal difference of their two matches; three or more: "
            "points, then goal difference, of a mini-league; then overall goal difference, "
            "goals scored (fair play, not recorded here, then lots).",
        ),
    ),
)
"""La Liga: two clubs level are compared differently from three or more."""

# --- Germany ------------------------------------------------------------------------------

BUNDESLIGA = Preset(
    name="bundesliga",
    title="Bundesliga",
    source="DFL Spielordnung § 5 as explained by bundesliga.com; 1963-64 and 1979-80 checked "
    "(goal quotient; a shared third place).",
    eras=(
        _era(
            "1963-64",
            "1968-69",
            name="Bundesliga 1963-64 to 1968-69, goal quotient",
            win=2,
            criteria=(GAV,),
        ),
        _era(
            "1969-70",
            "1994-95",
            name="Bundesliga 1969-70 to 1994-95",
            win=2,
            criteria=(GD, GF),
            source="Clubs still level shared the place (1979-80).",
        ),
        _era("1995-96", "1998-99", name="Bundesliga 1995-96 to 1998-99", criteria=(GD, GF, PO)),
        _era(
            "1999-00",
            None,
            name="Bundesliga from 1999-2000",
            criteria=(GD, GF, H2H_GD, H2H_AG, AG, PO),
            head_to_head_needs_all_played=True,
            source="Goal difference, goals scored, the aggregate of the two matches, away "
            "goals in them, away goals overall, a play-off on neutral ground.",
        ),
    ),
)
"""Bundesliga: goal difference and goals scored before head-to-head."""

# --- France -------------------------------------------------------------------------------

LIGUE_1 = Preset(
    name="ligue-1",
    title="Ligue 1 (Division 1)",
    source="LFP règlement art. 518 (2017 and 2024 texts, as reported) and the 2025 change; "
    "earlier eras from season pages. The bonus points of 1973-74 to 1975-76 are not modelled.",
    eras=(
        _era("1932-33", "1963-64", name="Division 1 to 1963-64", win=2, criteria=(GAV,)),
        _era("1964-65", "1987-88", name="Division 1 1964-65 to 1987-88", win=2, criteria=(GD, GF)),
        _era("1988-89", "1988-89", name="Division 1 1988-89 (three points)", criteria=(GD, GF)),
        _era("1989-90", "1993-94", name="Division 1 1989-90 to 1993-94", win=2, criteria=(GD, GF)),
        _era(
            "1994-95",
            "2016-17",
            name="Ligue 1 1994-95 to 2016-17",
            criteria=(GD, GF, H2H_PTS, H2H_GD, LOTS),
        ),
        _era(
            "2017-18",
            "2024-25",
            name="Ligue 1 2017-18 to 2024-25",
            criteria=(GD, H2H_PTS, H2H_GD, H2H_GF, H2H_AG, GF, AG, LOTS),
        ),
        _era(
            "2025-26",
            None,
            name="Ligue 1 from 2025-26",
            criteria=(GD, H2H_PTS, H2H_GD, GF, WINS, AWAY_WINS, LOTS),
        ),
    ),
)
"""Ligue 1: goal difference first, head-to-head from 2017-18."""

# --- Netherlands, Portugal, Scotland ------------------------------------------------------------

EREDIVISIE = Preset(
    name="eredivisie",
    title="Eredivisie",
    source="KNVB competition regulations as quoted in 2025; a deciding match since 2015-16. "
    "Older seasons: not verified.",
    eras=(
        _era(None, "1994-95", name="Eredivisie to 1994-95", win=2, criteria=(GD, GF, PO)),
        _era(
            "1995-96", None, name="Eredivisie from 1995-96", criteria=(GD, GF, H2H_PTS, H2H_GD, PO)
        ),
    ),
)
"""Eredivisie: goal difference, goals scored, then head-to-head."""

PRIMEIRA_LIGA = Preset(
    name="primeira-liga",
    title="Primeira Liga",
    source="Liga Portugal regulation art. 17 (2020 and 2023 texts, as reported by Record, "
    "Maisfutebol and A Bola).",
    eras=(
        _era(
            None,
            "1994-95",
            name="Primeira Liga to 1994-95",
            win=2,
            criteria=(H2H_PTS, H2H_GD, H2H_AG, GD, WINS, GF, LOTS),
        ),
        _era(
            "1995-96",
            "2020-21",
            name="Primeira Liga 1995-96 to 2020-21",
            criteria=(H2H_PTS, H2H_GD, H2H_AG, GD, WINS, GF, LOTS),
        ),
        _era(
            "2021-22",
            None,
            name="Primeira Liga from 2021-22",
            criteria=(H2H_PTS, H2H_GD, GD, WINS, GF, PO),
        ),
    ),
)
"""Primeira Liga: head-to-head first."""

SCOTTISH_PREMIERSHIP = Preset(
    name="scottish-premiership",
    title="Scottish top flight (Premiership, Premier League, Division One)",
    source="SPFL rules as summarised; goal average era from a supporters' compilation "
    "(unofficial). The split after 33 rounds is not modelled.",
    eras=(
        _era("1890-91", "1920-21", name="Scottish League to 1920-21", win=2, criteria=(PO,)),
        _era(
            "1921-22", "1970-71", name="Scottish League 1921-22 to 1970-71", win=2, criteria=(GAV,)
        ),
        _era(
            "1971-72",
            "1993-94",
            name="Scottish League 1971-72 to 1993-94",
            win=2,
            criteria=(GD, GF),
        ),
        _era("1994-95", None, name="Scottish top flight from 1994-95", criteria=(GD, GF, PO)),
    ),
)
"""The Scottish top flight."""

# --- UEFA and FIFA --------------------------------------------------------------------------

UEFA_GROUPS = Preset(
    name="uefa-groups",
    title="UEFA club competition groups",
    source="UEFA Champions League regulations, art. 17 (2020-21 and 2021-22 editions). "
    "Disciplinary points and club coefficients end the chain: not recorded here.",
    eras=(
        _era(
            None,
            "2020-21",
            name="UEFA groups to 2020-21",
            criteria=(H2H_PTS, H2H_GD, H2H_GF, H2H_AG, GD, GF, AG, WINS, AWAY_WINS, LOTS),
            reapply_head_to_head=True,
        ),
        _era(
            "2021-22",
            "2023-24",
            name="UEFA groups 2021-22 to 2023-24",
            criteria=(H2H_PTS, H2H_GD, H2H_GF, GD, GF, AG, WINS, AWAY_WINS, LOTS),
            reapply_head_to_head=True,
        ),
    ),
)
"""Groups of UEFA club competitions (head-to-head first, re-applied to the clubs still level)."""

WORLD_CUP_GROUPS = Preset(
    name="world-cup-groups",
    title="FIFA World Cup groups",
    source="FIFA World Cup regulations (2014, 2018, 2022 and 2026 editions, as reported); "
    "fair-play points and FIFA ranking end the chain: not recorded here.",
    eras=(
        _era(None, "1990", name="World Cup groups to 1990", win=2, criteria=(GD, GF, LOTS)),
        _era(
            "1994",
            "2022",
            name="World Cup groups 1994 to 2022",
            criteria=(GD, GF, H2H_PTS, H2H_GD, H2H_GF, LOTS),
        ),
        _era(
            "2026",
            None,
            name="World Cup groups from 2026",
            criteria=(H2H_PTS, H2H_GD, H2H_GF, GD, GF, LOTS),
            reapply_head_to_head=True,
        ),
    ),
)
"""World Cup groups."""

PRESETS: Final[dict[str, Preset]] = {
    p.name: p
    for p in (
        PREMIER_LEAGUE,
        ENGLISH_FOOTBALL_LEAGUE,
        SERIE_A,
        LA_LIGA,
        BUNDESLIGA,
        LIGUE_1,
        EREDIVISIE,
        PRIMEIRA_LIGA,
        SCOTTISH_PREMIERSHIP,
        UEFA_GROUPS,
        WORLD_CUP_GROUPS,
    )
}
"""Every preset by name."""
