"""League tables worked out by hand from the rules: every tie-break criterion, play-offs, choices.

Each test builds a small season, works out the whole table (or the rows at stake) from
the competition's rules, and checks positions, points, which criterion placed each club,
the figures ``Table.explain()`` gives and the reason of every tie left open. Also: the
places where a play-off applies (the title, the relegation line, anywhere), three clubs
level where a play-off decides (a mini-league picks the two), UEFA's re-applied
head-to-head, ties settled by ``TieDecided``, deductions and decisions as of a date or a
round, home and away tables, choosing one competition's season among several, and
``what_if`` with results named by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest

from matchledger import (
    Event,
    Ledger,
    LedgerError,
    MatchScheduled,
    PointsDeducted,
    ResultRecorded,
    Rules,
    Team,
    TieDecided,
    standings,
    what_if,
)
from matchledger.events import TieMethod
from matchledger.folds.standings import Table, select_season
from matchledger.rules import PRESETS, preset

DAY0 = datetime(2024, 8, 10, 15, tzinfo=UTC)
LOTS_DECIDE = "drawing of lots decides this tie; record it with TieDecided"
PLAY_OFF_DECIDES = "a play-off decides this tie; record it with TieDecided"
LEVEL = "level on every criterion of the rules"

SERIE_A_2022 = preset("serie-a").for_season("2022-23")  # a play-off for title and relegation
AVULSA = preset("serie-a").for_season("2019-20")  # head-to-head, then lots
EFL = preset("english-football-league").for_season("2019-20")
GD_ONLY = Rules(name="goal difference", criteria=("goal_difference", "goals_scored"))

Game = tuple[str, str, int | None, int | None]


def season(
    games: Sequence[Game],
    names: dict[str, str] | None = None,
    *,
    competition: str = "L",
    season_: str = "2024-25",
    prefix: str = "m",
    rounds: Sequence[str | None] | None = None,
) -> list[Event]:
    """One match a day from 10 August 2024, in the order given; ``None`` goals: still to play.

    Teams are given by id; their names come from ``names`` (else the id, capitalised).
    """
    names = names or {}

    def team(tid: str) -> Team:
        return Team(team_id=tid, name=names.get(tid, tid.capitalize()))

    out: list[Event] = []
    for n, (home, away, hg, ag) in enumerate(games):
        mid = f"{prefix}{n}"
        out.append(
            MatchScheduled(
                event_id=f"{mid}-s",
                match_id=mid,
                competition=competition,
                season=season_,
                round=None if rounds is None else rounds[n],
                kickoff=DAY0 + timedelta(days=n),
                home=team(home),
                away=team(away),
            )
        )
        if hg is not None and ag is not None:
            out.append(
                ResultRecorded(event_id=f"{mid}-r", match_id=mid, home_goals=hg, away_goals=ag)
            )
    return out


def table_of(table: Table) -> list[tuple[int, str, int, str | None]]:
    """Position, team, points and why: the criterion that placed it, or ``= reason``."""
    return [
        (
            r.position,
            r.team.name,
            r.points,
            f"= {r.tie_reason}" if r.unresolved_tie else r.decided_by,
        )
        for r in table.rows
    ]


def deduction(
    event_id: str,
    team: str,
    points: int,
    *,
    effective: date | None = None,
    competition: str = "L",
    season_: str = "2024-25",
) -> PointsDeducted:
    return PointsDeducted(
        event_id=event_id,
        competition=competition,
        season=season_,
        team=team,
        points=points,
        effective=effective,
    )


def decided(
    event_id: str,
    winner: str,
    loser: str,
    *,
    method: TieMethod = TieMethod.PLAY_OFF,
    on: date | None = None,
    competition: str = "L",
    season_: str = "2024-25",
) -> TieDecided:
    return TieDecided(
        event_id=event_id,
        competition=competition,
        season=season_,
        winner=winner,
        loser=loser,
        method=method,
        decided_on=on,
    )


def moved(events: Iterable[Event], competition: str, season_: str) -> list[Event]:
    """The events with their schedules moved to another competition's season."""
    return [
        attrs.evolve(e, competition=competition, season=season_)
        if isinstance(e, (MatchScheduled, PointsDeducted, TieDecided))
        else e
        for e in events
    ]


def schedules_only(events: Iterable[Event]) -> list[Event]:
    """The fixtures of a season before a ball is kicked."""
    return [e for e in events if isinstance(e, MatchScheduled)]


def refusal(call: object, *args: object, **kwargs: object) -> str:
    """The message of the LedgerError a call raises."""
    with pytest.raises(LedgerError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    return str(info.value)


# --- overall criteria ---------------------------------------------------------------------------

GOAL_AVERAGE = Rules(name="goal average", win=2, criteria=("goal_average",))


def test_goal_average_ranks_a_club_with_nothing_against_above_all_others() -> None:
    """Goals for divided by goals against; with none against a club's average is infinite."""
    names = {
        "hud": "Huddersfield",
        "car": "Cardiff",
        "ful": "Fulham",
        "eve": "Everton",
        "ars": "Arsenal",
        "bur": "Burnley",
        "gil": "Gillingham",
        "gri": "Grimsby",
        "not": "Notts County",
        "ket": "Kettering",
    }
    games: list[Game] = [
        ("hud", "ful", 4, 1),
        ("eve", "hud", 2, 2),
        ("car", "eve", 5, 2),
        ("ful", "car", 2, 2),
        ("ars", "gil", 3, 0),
        ("bur", "gri", 1, 0),
        ("not", "ket", 0, 0),
    ]
    table = standings(season(games, names), GOAL_AVERAGE)
    # Huddersfield 6-3 (2.000) above Cardiff 7-4 (1.750): more goals scored, more conceded
    assert table_of(table) == [
        (1, "Huddersfield", 3, "goal average"),
        (2, "Cardiff", 3, "goal average"),
        (3, "Arsenal", 2, "goal average"),
        (4, "Burnley", 2, "goal average"),
        (5, "Kettering", 1, f"= {LEVEL}"),
        (5, "Notts County", 1, f"= {LEVEL}"),
        (7, "Everton", 1, "goal average"),
        (8, "Fulham", 1, "goal average"),
        (9, "Gillingham", 0, f"= {LEVEL}"),
        (9, "Grimsby", 0, f"= {LEVEL}"),
    ]
    assert table.explain() == [
        "Huddersfield, Cardiff on 3 points: goal average Huddersfield 2.000, Cardiff 1.750",
        "Arsenal, Burnley on 2 points: goal average Arsenal infinite, Burnley infinite",
        (
            "Kettering, Notts County, Everton, Fulham on 1 point: goal average "
            "Kettering infinite, Notts County infinite, Everton 0.571, Fulham 0.500"
        ),
        f"Kettering, Notts County share position 5: {LEVEL}",
        f"Gillingham, Grimsby share position 9: {LEVEL}",
    ]


def test_fewer_goals_conceded_then_away_goals_then_wins_then_away_wins() -> None:
    """Five clubs on 6 points, peeled off one criterion at a time."""
    rules = Rules(
        name="defence first",
        criteria=("fewer_goals_against", "away_goals", "wins", "away_wins"),
    )
    names = {"pal": "Palace", "que": "Queens", "rov": "Rovers", "sai": "Saints", "tow": "Town"}
    games: list[Game] = [
        ("pal", "x1", 1, 0),
        ("pal", "x2", 1, 0),  # Palace: 6 points, nothing conceded
        ("x1", "que", 1, 2),
        ("que", "x2", 1, 0),  # Queens: one conceded, two away goals
        ("rov", "x1", 1, 0),
        ("x2", "rov", 0, 1),
        ("rov", "x3", 0, 1),  # Rovers: one conceded, one away goal, two wins
        ("x1", "sai", 0, 1),
        ("sai", "x2", 0, 0),
        ("sai", "x3", 0, 0),
        ("sai", "x4", 1, 1),  # Saints: one win, away
        ("tow", "x1", 1, 0),
        ("x2", "tow", 1, 1),
        ("tow", "x3", 0, 0),
        ("tow", "x4", 0, 0),  # Town: one win, at home
    ]
    table = standings(season(games, names), rules)
    first = "fewer goals conceded"
    assert table_of(table) == [
        (1, "Palace", 6, first),
        (2, "Queens", 6, first),
        (3, "Rovers", 6, first),
        (4, "Saints", 6, first),
        (5, "Town", 6, first),
        (6, "X3", 5, None),
        (7, "X4", 2, first),
        (8, "X2", 2, first),
        (9, "X1", 0, None),
    ]
    assert table.tie_breaks[0].values == (  # the goals conceded, fewest first
        ("Palace", "0"),
        ("Queens", "1"),
        ("Rovers", "1"),
        ("Saints", "1"),
        ("Town", "1"),
    )
    steps = [(t.criterion, t.teams) for t in table.tie_breaks]
    assert steps == [
        (first, ("Palace", "Queens", "Rovers", "Saints", "Town")),
        ("away goals", ("Queens", "Rovers", "Saints", "Town")),
        ("wins", ("Rovers", "Saints", "Town")),
        ("away wins", ("Saints", "Town")),
        (first, ("X4", "X2")),
    ]
    assert [t.values for t in table.tie_breaks[1:4]] == [
        (("Queens", "2"), ("Rovers", "1"), ("Saints", "1"), ("Town", "1")),
        (("Rovers", "2"), ("Saints", "1"), ("Town", "1")),
        (("Saints", "1"), ("Town", "0")),
    ]


# --- head-to-head ---------------------------------------------------------------------------------


def test_head_to_head_away_goals_over_four_meetings() -> None:
    """EFL rules: level on goals and on the points and goals of four draws; away goals decide."""
    names = {"acc": "Accrington", "bur": "Bury", "exe": "Exeter", "yeo": "Yeovil"}
    games: list[Game] = [
        ("exe", "yeo", 0, 0),  # a match of two other clubs comes first
        ("acc", "bur", 1, 1),
        ("bur", "acc", 0, 0),
        ("acc", "bur", 2, 2),
        ("bur", "acc", 1, 1),
    ]
    table = standings(season(games, names), EFL)
    assert table_of(table) == [
        (1, "Bury", 4, "head-to-head away goals"),
        (2, "Accrington", 4, "head-to-head away goals"),
        (3, "Exeter", 1, f"= {PLAY_OFF_DECIDES}"),
        (3, "Yeovil", 1, f"= {PLAY_OFF_DECIDES}"),
    ]
    assert table.explain() == [
        "Bury, Accrington on 4 points: head-to-head away goals Bury 3, Accrington 1",
        f"Exeter, Yeovil share position 3: {PLAY_OFF_DECIDES}",
    ]


def test_head_to_head_goals_scored_add_up_over_both_meetings() -> None:
    """EFL rules: a win each, level overall; Barnet scored 3 + 1 against Crewe, Crewe 0 + 2."""
    names = {
        "bar": "Barnet",
        "cre": "Crewe",
        "wyc": "Wycombe",
        "wal": "Walsall",
        "lut": "Luton",
        "lin": "Lincoln",
    }
    games: list[Game] = [
        ("bar", "cre", 3, 0),
        ("cre", "bar", 2, 1),
        ("bar", "lut", 1, 0),
        ("wyc", "bar", 3, 0),
        ("cre", "lin", 3, 0),
        ("wal", "cre", 1, 0),
    ]
    table = standings(season(games, names), EFL)
    assert table_of(table) == [
        (1, "Barnet", 6, "head-to-head goals scored"),
        (2, "Crewe", 6, "head-to-head goals scored"),
        (3, "Wycombe", 3, "goal difference"),
        (4, "Walsall", 3, "goal difference"),
        (5, "Luton", 0, "goal difference"),
        (6, "Lincoln", 0, "goal difference"),
    ]
    assert table.explain() == [
        "Barnet, Crewe on 6 points: head-to-head goals scored Barnet 4, Crewe 2",
        "Wycombe, Walsall on 3 points: goal difference Wycombe +3, Walsall +1",
        "Luton, Lincoln on 0 points: goal difference Luton -1, Lincoln -3",
    ]


def test_head_to_head_points_count_the_points_of_a_defeat() -> None:
    """With a point for a defeat, the head-to-head points add it too."""
    rules = Rules(
        name="a point for a defeat",
        win=3,
        draw=2,
        loss=1,
        criteria=("h2h_points", "goal_difference"),
    )
    names = {"ash": "Ashford", "bro": "Bromley", "eps": "Epsom", "dov": "Dover"}
    games: list[Game] = [
        ("ash", "bro", 2, 0),
        ("bro", "ash", 1, 1),
        ("eps", "ash", 1, 0),
        ("bro", "dov", 1, 0),
    ]
    table = standings(season(games, names), rules)
    assert table_of(table) == [
        (1, "Ashford", 6, "head-to-head points"),
        (2, "Bromley", 6, "head-to-head points"),
        (3, "Epsom", 3, None),
        (4, "Dover", 1, None),
    ]
    assert table.explain() == [
        "Ashford, Bromley on 6 points: head-to-head points Ashford 5, Bromley 3"
    ]


def test_only_the_bundesliga_waits_for_both_meetings() -> None:
    """Level on goals with one meeting to play: a shared place; then away goals in them decide."""
    names = {"fcb": "Bayern", "bvb": "Dortmund", "boc": "Bochum", "mai": "Mainz"}
    games: list[Game] = [
        ("fcb", "bvb", 1, 1),
        ("fcb", "boc", 2, 0),
        ("bvb", "mai", 2, 0),
        ("bvb", "fcb", None, None),
    ]
    waiting = "level until their head-to-head matches are all played"
    first = season(games, names, competition="Bundesliga")
    assert table_of(standings(first, "bundesliga")) == [
        (1, "Bayern", 4, f"= {waiting}"),
        (1, "Dortmund", 4, f"= {waiting}"),
        (3, "Bochum", 0, f"= {PLAY_OFF_DECIDES}"),
        (3, "Mainz", 0, f"= {PLAY_OFF_DECIDES}"),
    ]
    # Serie A rules take the meeting played: level on it, on goals, then lots
    assert table_of(standings(first, AVULSA))[:2] == [
        (1, "Bayern", 4, f"= {LOTS_DECIDE}"),
        (1, "Dortmund", 4, f"= {LOTS_DECIDE}"),
    ]
    games[-1] = ("bvb", "fcb", 2, 2)
    both = standings(season(games, names, competition="Bundesliga"), "bundesliga")
    assert table_of(both)[:2] == [
        (1, "Bayern", 5, "head-to-head away goals"),
        (2, "Dortmund", 5, "head-to-head away goals"),
    ]
    assert (
        both.explain()[0]
        == "Bayern, Dortmund on 5 points: head-to-head away goals Bayern 2, Dortmund 1"
    )


UEFA_GAMES: list[Game] = [
    ("ben", "cel", 1, 0),
    ("cel", "ben", 1, 2),
    ("dyn", "ben", 2, 0),
    ("ben", "dyn", 2, 0),
    ("cel", "dyn", 1, 0),
    ("dyn", "cel", 0, 0),
    ("cel", "esb", 1, 0),
    ("esb", "cel", 0, 0),
    ("cel", "fen", 0, 0),
    ("dyn", "esb", 3, 0),
    ("esb", "dyn", 0, 0),
    ("dyn", "fen", 0, 0),
]
UEFA_NAMES = {
    "ben": "Benfica",
    "cel": "Celtic",
    "dyn": "Dynamo Kyiv",
    "esb": "Esbjerg",
    "fen": "Fenerbahce",
}


@pytest.mark.parametrize(
    "rules",
    [
        "uefa-groups",
        Rules(
            name="head-to-head first, re-applied",
            criteria=(
                "h2h_points",
                "h2h_goal_difference",
                "goal_difference",
                "goals_scored",
                "lots",
            ),
            reapply_head_to_head=True,
        ),
    ],
    ids=["uefa", "short-chain"],
)
def test_head_to_head_is_re_applied_to_the_two_clubs_still_level(rules: str | Rules) -> None:
    """Benfica 9, Celtic 4, Dynamo 4 among the three; Celtic and Dynamo level on the rest of
    the mini-league, so their own two meetings (Celtic 4 points, Dynamo 1) decide, before
    Dynamo's better goal difference (+2 against 0) is looked at."""
    events = season(UEFA_GAMES, UEFA_NAMES, competition="Champions League", season_="2021-22")
    table = standings(events, rules)
    assert table_of(table) == [
        (1, "Benfica", 9, "head-to-head points"),
        (2, "Celtic", 9, "head-to-head points"),
        (3, "Dynamo Kyiv", 9, "head-to-head points"),
        (4, "Fenerbahce", 2, "goal difference"),
        (5, "Esbjerg", 2, "goal difference"),
    ]
    assert table.explain() == [
        (
            "Benfica, Celtic, Dynamo Kyiv on 9 points: head-to-head points Benfica 9, Celtic 4, "
            "Dynamo Kyiv 4"
        ),
        "Celtic, Dynamo Kyiv on 9 points: head-to-head points Celtic 4, Dynamo Kyiv 1",
        "Fenerbahce, Esbjerg on 2 points: goal difference Fenerbahce +0, Esbjerg -4",
    ]


# --- where a play-off applies -----------------------------------------------------------------

PAIRS_NAMES = {
    "ata": "Atalanta",
    "bol": "Bologna",
    "cag": "Cagliari",
    "emp": "Empoli",
    "spe": "Spezia",
    "ver": "Verona",
}
# three pairs on 9, 6 and 3 points; in each a win apiece, the first by the wider margin
PAIRS: list[Game] = [
    ("ata", "bol", 2, 0),
    ("bol", "ata", 1, 0),
    ("cag", "emp", 2, 0),
    ("emp", "cag", 1, 0),
    ("spe", "ver", 2, 0),
    ("ver", "spe", 1, 0),
    ("ata", "cag", 1, 0),
    ("bol", "emp", 1, 0),
    ("cag", "spe", 1, 0),
    ("emp", "ver", 1, 0),
    ("ata", "spe", 1, 0),
    ("bol", "ver", 1, 0),
]
H2H_GD = "head-to-head goal difference"


def _pairs(
    relegated: int, places: tuple[str, ...] = ("title", "relegation")
) -> list[tuple[int, str, int, str | None]]:
    rules = attrs.evolve(SERIE_A_2022, relegation_places=relegated, off_table_places=places)
    return table_of(standings(season(PAIRS, PAIRS_NAMES, season_="2022-23"), rules))


def test_a_play_off_decides_the_title_and_the_relegation_line_only() -> None:
    """Serie A from 2022-23 with six clubs: play-offs where the title or the drop is at stake,
    the mini-league (here head-to-head goal difference) everywhere else."""
    po = f"= {PLAY_OFF_DECIDES}"
    # three go down: the last safe place is 3rd, which Cagliari and Empoli share
    assert _pairs(3) == [
        (1, "Atalanta", 9, po),
        (1, "Bologna", 9, po),
        (3, "Cagliari", 6, po),
        (3, "Empoli", 6, po),
        (5, "Spezia", 3, H2H_GD),
        (6, "Verona", 3, H2H_GD),
    ]
    # two go down: both of 3rd and 4th are safe, nothing at stake between them
    assert _pairs(2) == [
        (1, "Atalanta", 9, po),
        (1, "Bologna", 9, po),
        (3, "Cagliari", 6, H2H_GD),
        (4, "Empoli", 6, H2H_GD),
        (5, "Spezia", 3, H2H_GD),
        (6, "Verona", 3, H2H_GD),
    ]
    # one goes down: 5th is the last safe place
    assert _pairs(1) == [
        (1, "Atalanta", 9, po),
        (1, "Bologna", 9, po),
        (3, "Cagliari", 6, H2H_GD),
        (4, "Empoli", 6, H2H_GD),
        (5, "Spezia", 3, po),
        (5, "Verona", 3, po),
    ]
    # a play-off for relegation only: the title goes by head-to-head
    assert _pairs(3, ("relegation",))[:4] == [
        (1, "Atalanta", 9, H2H_GD),
        (2, "Bologna", 9, H2H_GD),
        (3, "Cagliari", 6, po),
        (3, "Empoli", 6, po),
    ]
    # a play-off anywhere
    assert [why for _, _, _, why in _pairs(3, ("any",))] == [po] * 6


# --- three clubs level where a play-off decides ---------------------------------------------------

TRIO_NAMES = {
    "int": "Inter",
    "mil": "Milan",
    "nap": "Napoli",
    "juv": "Juventus",
    "cre": "Cremonese",
    "sal": "Salernitana",
    "sam": "Sampdoria",
    "mon": "Monza",
    "udi": "Udinese",
}
# Inter beat Milan and Napoli, Milan beat Napoli: 6, 3 and 0 points among the three, while
# Napoli has by far the best goal difference
TITLE_TRIO: list[Game] = [
    ("int", "mil", 1, 0),
    ("mil", "nap", 1, 0),
    ("int", "nap", 1, 0),
    ("nap", "cre", 5, 0),
    ("nap", "sal", 5, 0),
    ("mil", "sam", 1, 0),
]
TITLE_TRIO_TABLE = [
    (1, "Inter", 6, f"= {PLAY_OFF_DECIDES}"),
    (1, "Milan", 6, f"= {PLAY_OFF_DECIDES}"),
    (3, "Napoli", 6, "head-to-head points"),
    (4, "Sampdoria", 0, "goal difference"),
    (5, "Cremonese", 0, f"= {LOTS_DECIDE}"),
    (5, "Salernitana", 0, f"= {LOTS_DECIDE}"),
]


def test_three_level_for_the_title_the_mini_league_picks_the_two_who_play_off() -> None:
    """Serie A 2022-23: the mini-league puts Inter and Milan in the play-off, Napoli 3rd."""
    events = season(TITLE_TRIO, TRIO_NAMES, season_="2022-23")
    table = standings(events, "serie-a")
    assert table_of(table) == TITLE_TRIO_TABLE
    assert table.explain() == [
        "Inter, Milan, Napoli on 6 points: head-to-head points Inter 6, Milan 3, Napoli 0",
        (
            "Sampdoria, Cremonese, Salernitana on 0 points: goal difference Sampdoria -1, "
            "Cremonese -5, Salernitana -5"
        ),
        f"Inter, Milan share position 1: {PLAY_OFF_DECIDES}",
        f"Cremonese, Salernitana share position 5: {LOTS_DECIDE}",
    ]
    # as printed: "=" marks the ties left open, "*" the places a tie-break decided
    marks = [(line[:4], line[5:].split()[0]) for line in str(table).splitlines()[1:]]
    assert marks == [
        ("  1=", "Inter"),
        ("  1=", "Milan"),
        ("  3*", "Napoli"),
        ("  4*", "Sampdoria"),
        ("  5=", "Cremonese"),
        ("  5=", "Salernitana"),
    ]
    # the line of the drop falls inside the three as well (4 of 6 go down): the title first
    deeper = attrs.evolve(SERIE_A_2022, relegation_places=4)
    assert table_of(standings(events, deeper)) == TITLE_TRIO_TABLE
    # the play-off is played: Milan win it
    settled = standings([*events, decided("po", "mil", "int", season_="2022-23")], "serie-a")
    assert table_of(settled)[:3] == [
        (1, "Milan", 6, "a play-off"),
        (2, "Inter", 6, "a play-off"),
        (3, "Napoli", 6, "head-to-head points"),
    ]
    assert settled.explain()[:2] == [
        "Inter, Milan, Napoli on 6 points: head-to-head points Inter 6, Milan 3, Napoli 0",
        "Milan, Inter on 6 points: a play-off Milan won, Inter lost",
    ]


RELEGATION_TRIO: list[Game] = [
    ("int", "mil", 1, 0),
    ("mil", "nap", 1, 0),
    ("int", "nap", 1, 0),
    ("juv", "mon", 1, 0),
    ("juv", "udi", 1, 0),
    ("mon", "juv", 0, 1),
    ("nap", "mon", 1, 0),
    ("nap", "udi", 1, 0),
    ("mil", "udi", 1, 0),
]


def test_three_level_across_the_relegation_line_the_two_either_side_play_off() -> None:
    """Six clubs, three go down: Inter, Milan, Napoli share 2nd to 4th; the mini-league keeps
    Inter safe, and Milan and Napoli play off for the last safe place, 3rd."""
    events = season(RELEGATION_TRIO, TRIO_NAMES, season_="2022-23")
    table = standings(events, "serie-a")
    assert table_of(table) == [
        (1, "Juventus", 9, None),
        (2, "Inter", 6, "head-to-head points"),
        (3, "Milan", 6, f"= {PLAY_OFF_DECIDES}"),
        (3, "Napoli", 6, f"= {PLAY_OFF_DECIDES}"),
        (5, "Monza", 0, f"= {LOTS_DECIDE}"),
        (5, "Udinese", 0, f"= {LOTS_DECIDE}"),
    ]
    assert table.explain() == [
        "Inter, Milan, Napoli on 6 points: head-to-head points Inter 6, Milan 3, Napoli 0",
        f"Milan, Napoli share position 3: {PLAY_OFF_DECIDES}",
        f"Monza, Udinese share position 5: {LOTS_DECIDE}",
    ]
    # a play-off for any place, two go down: nothing at stake inside the three (4th is
    # safe), so the two on top of the mini-league play off
    anywhere = attrs.evolve(SERIE_A_2022, off_table_places=("any",), relegation_places=2)
    assert table_of(standings(events, anywhere)) == [
        (1, "Juventus", 9, None),
        (2, "Inter", 6, f"= {PLAY_OFF_DECIDES}"),
        (2, "Milan", 6, f"= {PLAY_OFF_DECIDES}"),
        (4, "Napoli", 6, "head-to-head points"),
        (5, "Monza", 0, f"= {PLAY_OFF_DECIDES}"),
        (5, "Udinese", 0, f"= {PLAY_OFF_DECIDES}"),
    ]


@pytest.mark.parametrize("season_", ["2022-23", "1990-91"])
def test_a_mini_league_level_all_round_goes_on_to_goal_difference(season_: str) -> None:
    """A win each among the three: the rest of the chain (goal difference) picks the two."""
    games: list[Game] = [
        ("int", "mil", 1, 0),
        ("mil", "nap", 1, 0),
        ("nap", "int", 1, 0),
        ("int", "cre", 3, 0),
        ("mil", "sal", 2, 0),
        ("nap", "sam", 1, 0),
    ]
    table = standings(season(games, TRIO_NAMES, season_=season_), "serie-a")
    win = table.rules.win
    assert table_of(table) == [
        (1, "Inter", 2 * win, f"= {PLAY_OFF_DECIDES}"),
        (1, "Milan", 2 * win, f"= {PLAY_OFF_DECIDES}"),
        (3, "Napoli", 2 * win, "goal difference"),
        (4, "Sampdoria", 0, "goal difference"),
        (5, "Salernitana", 0, "goal difference"),
        (6, "Cremonese", 0, "goal difference"),
    ]
    assert table.explain()[0] == (
        f"Inter, Milan, Napoli on {2 * win} points: goal difference Inter +3, Milan +2, Napoli +1"
    )


def test_three_level_on_everything_where_a_play_off_decides_share_the_place() -> None:
    """Three draws among three clubs: the mini-league cannot pick two, so all three share 1st."""
    games: list[Game] = [("int", "mil", 1, 1), ("mil", "nap", 1, 1), ("nap", "int", 1, 1)]
    table = standings(season(games, TRIO_NAMES, season_="2022-23"), "serie-a")
    assert table_of(table) == [
        (1, "Inter", 2, f"= {LEVEL}"),
        (1, "Milan", 2, f"= {LEVEL}"),
        (1, "Napoli", 2, f"= {LEVEL}"),
    ]


def test_clubs_still_level_after_goal_difference_keep_their_place_in_mid_table() -> None:
    """Premier League 1992-2019: a play-off only for the title and the drop. Fulham and Stoke,
    level on goal difference and goals behind Arsenal, share 3rd of four: nothing at stake."""
    names = {"che": "Chelsea", "ars": "Arsenal", "q": "Stoke", "r": "Fulham"}
    games: list[Game] = [("che", "ars", 1, 0), ("che", "q", 2, 0), ("che", "r", 2, 0)]
    table = standings(season(games, names, competition="Premier League", season_="2010-11"))
    assert table_of(table) == [
        (1, "Chelsea", 9, None),
        (2, "Arsenal", 0, "goal difference"),
        (3, "Fulham", 0, f"= {LEVEL}"),
        (3, "Stoke", 0, f"= {LEVEL}"),
    ]
    assert [r.decided_by for r in table.rows] == [None, "goal difference", None, None]
    assert table.explain() == [
        "Arsenal, Fulham, Stoke on 0 points: goal difference Arsenal -1, Fulham -2, Stoke -2",
        f"Fulham, Stoke share position 3: {LEVEL}",
    ]


# --- ties settled off the table ------------------------------------------------------------------


def test_lots_are_drawn_and_recorded() -> None:
    """Serie A 2019-20 ends with lots: open until a TieDecided says who won the draw."""
    names = {"t2": "Atalanta", "t1": "Bologna", "t4": "Cagliari", "t3": "Empoli"}
    events = season([("t1", "t2", 1, 1), ("t2", "t1", 1, 1), ("t3", "t4", 0, 0)], names)
    open_ = standings(events, AVULSA)
    assert table_of(open_) == [
        (1, "Atalanta", 2, f"= {LOTS_DECIDE}"),
        (1, "Bologna", 2, f"= {LOTS_DECIDE}"),
        (3, "Cagliari", 1, f"= {LOTS_DECIDE}"),
        (3, "Empoli", 1, f"= {LOTS_DECIDE}"),
    ]
    assert open_.explain() == [
        f"Atalanta, Bologna share position 1: {LOTS_DECIDE}",
        f"Cagliari, Empoli share position 3: {LOTS_DECIDE}",
    ]
    draws = [
        decided("stray", "t1", "t3", method=TieMethod.LOTS),  # two clubs not level: no effect
        decided("lots-1", "t2", "t1", method=TieMethod.LOTS),
        decided("lots-2", "t3", "t4", method=TieMethod.LOTS),
    ]
    settled = standings([*events, *draws], AVULSA)
    assert table_of(settled) == [
        (1, "Atalanta", 2, "drawing of lots"),
        (2, "Bologna", 2, "drawing of lots"),
        (3, "Empoli", 1, "drawing of lots"),
        (4, "Cagliari", 1, "drawing of lots"),
    ]
    assert settled.explain() == [
        "Atalanta, Bologna on 2 points: drawing of lots Atalanta won, Bologna lost",
        "Empoli, Cagliari on 1 point: drawing of lots Empoli won, Cagliari lost",
    ]
    assert settled.tie_breaks[0].points == 2


# --- choosing the season ----------------------------------------------------------------------

DUTCH = {"ajx": "Ajax", "psv": "PSV", "fey": "Feyenoord"}
# 10, 11 and 12 August: Ajax 6 points, PSV and Feyenoord 1
BASE: list[Game] = [("ajx", "psv", 2, 0), ("psv", "fey", 1, 1), ("fey", "ajx", 0, 3)]
BASE_TABLE = [
    (1, "Ajax", 6, None),
    (2, "PSV", 1, "goal difference"),
    (3, "Feyenoord", 1, "goal difference"),
]


def base() -> list[Event]:
    return season(BASE, DUTCH)


def older() -> list[Event]:
    """The season before, where PSV won."""
    return season([("ajx", "psv", 0, 5)], DUTCH, season_="2023-24", prefix="o")


def cup() -> list[Event]:
    """A cup in the same season, between two of the clubs."""
    return season([("ajx", "fey", 0, 1)], DUTCH, competition="Cup", prefix="c")


def test_deductions_and_decisions_of_another_season_stay_out_of_a_ledgers_table() -> None:
    """A ledger holds one season's matches and the events of another: only its own count."""
    own = deduction("d", "psv", 1)
    other = deduction("d-old", "ajx", 3, season_="2023-24")
    table = standings(Ledger([*base(), own, other]), GD_ONLY)
    assert [(r.team.name, r.points, r.points_deducted) for r in table.rows] == [
        ("Ajax", 6, 0),
        ("Feyenoord", 1, 0),
        ("PSV", 0, 1),
    ]
    # before a ball is kicked
    fixtures = schedules_only(base())
    table = standings(Ledger([*fixtures, other]), GD_ONLY)
    assert {(r.team.name, r.points, r.points_deducted) for r in table.rows} == {
        ("Ajax", 0, 0),
        ("PSV", 0, 0),
        ("Feyenoord", 0, 0),
    }
    first = fixtures[:1]  # Ajax v PSV, to play; last season's lots went to Ajax
    lots = decided("lots-old", "ajx", "psv", method=TieMethod.LOTS, season_="2023-24")
    assert table_of(standings(Ledger([*first, lots]), AVULSA)) == [
        (1, "Ajax", 0, f"= {LOTS_DECIDE}"),
        (1, "PSV", 0, f"= {LOTS_DECIDE}"),
    ]


@pytest.mark.parametrize("as_ledger", [False, True])
def test_one_season_is_chosen_among_several(as_ledger: bool) -> None:
    """Two seasons and a cup: the table of the one named, whether from a list or a ledger."""
    events = [*older(), *base(), *cup()]
    source: Iterable[Event] = Ledger(events) if as_ledger else events
    table = standings(source, GD_ONLY, season="2024-25", competition="L")
    assert table_of(table) == BASE_TABLE
    assert (table.competition, table.season) == ("L", "2024-25")
    last = standings(source, GD_ONLY, season="2023-24")
    assert table_of(last) == [(1, "PSV", 3, None), (2, "Ajax", 0, None)]
    assert (last.competition, last.season) == ("L", "2023-24")
    if as_ledger:  # a ledger of one season, as of a date
        first_day = standings(Ledger(base()), GD_ONLY, as_of=date(2024, 8, 10))
        assert [(r.team.name, r.played, r.points) for r in first_day.rows] == [
            ("Ajax", 1, 3),
            ("Feyenoord", 0, 0),
            ("PSV", 1, 0),
        ]
    cup_table = standings(source, GD_ONLY, competition="Cup")
    assert table_of(cup_table) == [(1, "Feyenoord", 3, None), (2, "Ajax", 0, None)]
    assert (cup_table.competition, cup_table.season) == ("Cup", "2024-25")
    assert select_season(source, competition="Cup") == ("Cup", "2024-25")
    assert select_season(source, "L", "2023-24") == ("L", "2023-24")
    assert select_season(older()) == ("L", "2023-24")


def test_a_ledger_of_one_season_asked_for_another_says_so() -> None:
    ledger = Ledger(base())
    assert table_of(standings(ledger, GD_ONLY, competition="L", season="2024-25")) == BASE_TABLE
    assert refusal(standings, ledger, GD_ONLY, competition="Cup") == (
        "no matches of Cup in the events"
    )
    assert refusal(standings, ledger, GD_ONLY, season="2023-24") == (
        "no matches of 2023-24 in the events"
    )
    assert refusal(standings, ledger, GD_ONLY, competition="Cup", season="2030-31") == (
        "no matches of Cup 2030-31 in the events"
    )
    assert refusal(standings, [], GD_ONLY) == "no matches of any competition in the events"
    assert refusal(select_season, ledger, "L", "2023-24") == "no matches of L 2023-24 in the events"


def test_several_seasons_are_listed_when_none_is_chosen() -> None:
    play_off = season([("psv", "fey", 1, 0)], DUTCH, competition="L play-offs", prefix="p")
    events = [*older(), *base(), *cup(), *play_off]
    listed = "Cup 2024-25; L 2023-24; L 2024-25; L play-offs 2024-25"
    assert refusal(standings, events, GD_ONLY) == (
        f"the events hold several competitions or seasons ({listed}); choose one"
    )
    assert refusal(select_season, events, season="2024-25") == (
        "the events hold several competitions or seasons "
        "(Cup 2024-25; L 2024-25; L play-offs 2024-25); choose one"
    )
    # play-offs alone, of two seasons: no league to prefer
    before = season([("psv", "fey", 0, 0)], DUTCH, competition="L play-offs", prefix="q")
    two = [*play_off, *moved(before, "L play-offs", "2023-24")]
    assert "(L play-offs 2023-24; L play-offs 2024-25)" in refusal(standings, two, GD_ONLY)


def test_a_leagues_play_off_matches_are_a_competition_of_their_own() -> None:
    """Serie A 2022-23 and its relegation play-off: the table is the league's."""
    league = moved(base(), "Serie A", "2022-23")
    play_off = season(
        [("spe", "ver", 1, 3)],
        {"spe": "Spezia", "ver": "Verona"},
        competition="Serie A play-offs",
        season_="2022-23",
        prefix="p",
    )
    events = [*league, *play_off]
    assert select_season(events) == ("Serie A", "2022-23")
    assert select_season(Ledger(events)) == ("Serie A", "2022-23")
    table = standings(events, GD_ONLY)
    assert table_of(table) == BASE_TABLE
    assert table.competition == "Serie A"
    play_off_table = standings(events, GD_ONLY, competition="Serie A play-offs")
    assert table_of(play_off_table) == [(1, "Verona", 3, None), (2, "Spezia", 0, None)]


def test_rules_are_found_from_the_competitions_name() -> None:
    serie_a = moved(base(), "Serie A", "2019-20")
    avulsa = "Serie A 2005-06 to 2021-22: classifica avulsa"
    assert standings(Ledger(serie_a)).rules.name == avulsa
    assert what_if(serie_a, []).rules.name == avulsa
    assert what_if(serie_a, [], "serie-a").rules.name == avulsa
    assert refusal(standings, base()) == (
        "no rules known for 'L'; pass rules= (a Rules value or one of "
        f"{', '.join(sorted(PRESETS))})"
    )


# --- home and away -----------------------------------------------------------------------------


@pytest.mark.parametrize("as_ledger", [False, True])
def test_home_and_away_tables_leave_deductions_out(as_ledger: bool) -> None:
    events = [*base(), deduction("d", "ajx", 2)]
    source: Iterable[Event] = Ledger(events) if as_ledger else events
    full = standings(source, GD_ONLY)
    ajax = full.row("ajx")
    assert (ajax.points, ajax.points_deducted, ajax.form) == (4, 2, "WW")
    home = standings(source, GD_ONLY, venue="home")
    assert home.venue == "home"
    assert [(r.team.name, r.played, r.points, r.points_deducted, r.form) for r in home.rows] == [
        ("Ajax", 1, 3, 0, "W"),
        ("PSV", 1, 1, 0, "D"),
        ("Feyenoord", 1, 0, 0, "L"),
    ]
    away = standings(source, GD_ONLY, venue="away")
    assert away.venue == "away"
    assert [(r.team.name, r.points, r.points_deducted, r.form) for r in away.rows] == [
        ("Ajax", 3, 0, "W"),
        ("Feyenoord", 1, 0, "D"),
        ("PSV", 0, 0, "L"),
    ]
    assert full.venue is None


def test_a_venue_must_be_home_or_away() -> None:
    assert refusal(standings, base(), GD_ONLY, venue="neutral") == (
        "venue must be 'home', 'away' or None, got 'neutral'"
    )


def test_a_missing_team_is_named() -> None:
    with pytest.raises(KeyError, match=r"no team 'Ajaxx' in the table"):
        standings(base(), GD_ONLY).row("Ajaxx")


# --- as of a date or a round ------------------------------------------------------------------

ROUNDS = ["1. Spieltag", "2. Spieltag", "3. Spieltag", "Nachholspiel"]


def dated_season() -> list[Event]:
    """Rounds named as German feeds name them, and deductions from three dates."""
    games: list[Game] = [
        ("ajx", "psv", 1, 0),  # 10 August, round 1
        ("fey", "ajx", 1, 1),  # 11 August, round 2
        ("psv", "fey", 2, 0),  # 12 August, round 3
        ("psv", "ajx", 0, 2),  # 13 August, a rearranged match of no round number
    ]
    return [
        *season(games, DUTCH, rounds=ROUNDS),
        deduction("d1", "psv", 3, effective=date(2024, 8, 11)),
        deduction("d2", "fey", 1),
        deduction("d3", "ajx", 2, effective=date(2024, 8, 13)),
    ]


def _points(table: Table) -> dict[str, tuple[int, int, int]]:
    """Played, points and points deducted of each club."""
    return {r.team.team_id: (r.played, r.points, r.points_deducted) for r in table.rows}


@pytest.mark.parametrize("as_ledger", [False, True])
def test_deductions_count_from_their_date(as_ledger: bool) -> None:
    events = dated_season()
    source: Iterable[Event] = Ledger(events) if as_ledger else events
    assert _points(standings(source, GD_ONLY)) == {
        "ajx": (3, 5, 2),
        "psv": (3, 0, 3),
        "fey": (2, 0, 1),
    }
    by_day = {"ajx": (2, 4, 0), "psv": (1, -3, 3), "fey": (1, 0, 1)}
    assert _points(standings(source, GD_ONLY, as_of=date(2024, 8, 11))) == by_day
    # the very minute of the second match's kick-off
    assert _points(standings(source, GD_ONLY, as_of=datetime(2024, 8, 11, 15, tzinfo=UTC))) == (
        by_day
    )
    assert _points(standings(source, GD_ONLY, as_of=date(2024, 8, 10))) == {
        "ajx": (1, 3, 0),
        "psv": (1, 0, 0),
        "fey": (0, -1, 1),
    }


def test_as_of_a_round_counts_numbered_rounds_and_every_deduction() -> None:
    """Round numbers are read from names such as ``1. Spieltag``; a round with no number
    (``Nachholspiel``) cannot be placed, so its match stays to play."""
    events = dated_season()
    assert _points(standings(events, GD_ONLY, as_of=1)) == {
        "ajx": (1, 1, 2),
        "psv": (1, -3, 3),
        "fey": (0, -1, 1),
    }
    assert _points(standings(events, GD_ONLY, as_of=3)) == {
        "ajx": (2, 2, 2),
        "psv": (2, 0, 3),
        "fey": (2, 0, 1),
    }


def test_as_of_a_round_needs_rounds() -> None:
    assert refusal(standings, base(), GD_ONLY, as_of=2) == (
        "the matches of L 2024-25 record no rounds; ask for the table as of a date"
    )


def test_a_tie_decided_later_does_not_count_before() -> None:
    names = {"t2": "Atalanta", "t1": "Bologna"}
    events = [
        *season([("t1", "t2", 1, 1)], names),
        decided("lots", "t1", "t2", method=TieMethod.LOTS, on=date(2024, 8, 20)),
    ]
    assert table_of(standings(events, AVULSA, as_of=date(2024, 8, 19))) == [
        (1, "Atalanta", 1, f"= {LOTS_DECIDE}"),
        (1, "Bologna", 1, f"= {LOTS_DECIDE}"),
    ]
    assert table_of(standings(events, AVULSA, as_of=date(2024, 8, 20))) == [
        (1, "Bologna", 1, "drawing of lots"),
        (2, "Atalanta", 1, "drawing of lots"),
    ]


# --- what if ------------------------------------------------------------------------------------


def test_what_if_as_of_a_date_plays_the_matches_still_to_come() -> None:
    """As of 10 August only Ajax 2-0 PSV is played; Feyenoord 1-0 Ajax is named by hand."""
    table = what_if(base(), [("Feyenoord", "Ajax", 1, 0)], GD_ONLY, as_of=date(2024, 8, 10))
    assert [(r.team.name, r.played, r.points) for r in table.rows] == [
        ("Ajax", 2, 3),
        ("Feyenoord", 1, 3),
        ("PSV", 1, 0),
    ]
    assert (table.competition, table.season) == ("L", "2024-25")


def test_what_if_in_one_season_among_several() -> None:
    events = [*older(), *base(), *cup()]
    in_cup = what_if(events, [("ajx", "fey", 2, 2)], GD_ONLY, competition="Cup")
    assert [(r.team.name, r.points) for r in in_cup.rows] == [("Ajax", 1), ("Feyenoord", 1)]
    assert (in_cup.competition, in_cup.season) == ("Cup", "2024-25")
    last = what_if(events, [("ajx", "psv", 1, 0)], GD_ONLY, season="2023-24")
    assert [(r.team.name, r.points) for r in last.rows] == [("Ajax", 3), ("PSV", 0)]
    assert (last.competition, last.season) == ("L", "2023-24")


def test_what_if_names_an_unknown_team_and_the_close_names() -> None:
    clubs = {f"c{n}": f"Club {n}" for n in range(1, 5)}
    events = season([("c1", "c2", 1, 0), ("c3", "c4", 1, 0)], clubs)
    assert refusal(what_if, events, [("Club 5", "Club 1", 0, 0)], GD_ONLY) == (
        "what-if result 0: no team 'Club 5' in L 2024-25; did you mean 'Club 4', 'Club 3', "
        "'Club 2'?"
    )
    assert refusal(what_if, events, [("c1", "c2", 0, 0), ("Zzz", "c1", 0, 0)], GD_ONLY) == (
        "what-if result 1: no team 'Zzz' in L 2024-25"
    )
