"""The incidents fold: goals that stand, cards and substitutions, corrections applied."""

from __future__ import annotations

from hypothesis import given

import matchledger as ml
from builders import M, end, goal, lineup, p, schedule, start
from matchledger.events import (
    CardRescinded,
    CardShown,
    GoalCredited,
    GoalDisallowed,
    OwnGoalScored,
    ResultRecorded,
    ShotTaken,
    SubstitutionMade,
)
from matchledger.folds.incidents import Booking, Goal, Substitution
from matchledger.strategies import ledgers, match_events


def test_the_seed_match() -> None:
    found = ml.incidents(ml.load_example(), ml.EXAMPLE_MATCH_ID)
    assert [(g.minute, g.scorer.name, g.kind, g.score) for g in found.goals] == [
        ("4'", "Lautaro Martínez", "regular", "1-0"),
        ("75'", "Robin Gosens", "regular", "1-1"),
    ]
    assert found.goals[0].assist is not None
    assert found.goals[0].assist.name == "Romelu Lukaku"
    officials = [b.player.name for b in found.bookings if b.official]
    assert officials == ["Antonio Conte"]
    assert len(found.substitutions) == 5


def test_corrections_apply() -> None:
    ledger = ml.load_example()
    match = ml.EXAMPLE_MATCH_ID
    gosens = next(
        e for e in ledger if isinstance(e, ShotTaken) and e.is_goal and e.at and e.at.minute == 75
    )
    card = next(e for e in ledger if isinstance(e, CardShown))
    toloi = ml.Player(player_id="lautaro-martinez", name="Lautaro Martínez")
    corrected = ledger.extend(
        [
            GoalDisallowed(event_id="x1", match_id=match, goal="ia-005", reason="offside"),
            GoalCredited(
                event_id="x2", match_id=match, goal=gosens.event_id, player=toloi, own_goal=True
            ),
            CardRescinded(event_id="x3", match_id=match, card=card.event_id),
        ]
    )
    found = ml.incidents(corrected, match)
    # the 4th-minute goal is gone; the 75th-minute one is an own goal, still for Atalanta
    assert [(g.minute, g.scorer.name, g.kind, g.team, g.score, g.assist) for g in found.goals] == [
        ("75'", "Lautaro Martínez", "own_goal", "atalanta", "0-1", None)
    ]
    assert card.event_id not in {b.event_id for b in found.bookings}


@given(match_events(corrections=True))
def test_goals_listed_are_the_goals_on_the_pitch(events: list[ml.Event]) -> None:
    """Conservation: each side's listed goals are its goals on the pitch (no result-only rows)."""
    ledger = ml.Ledger(events)
    (match_id,) = ledger.match_ids
    if any(isinstance(e, ResultRecorded) for e in events):
        return
    line = ml.score(ledger, match_id)
    found = ml.incidents(ledger, match_id)
    home = sum(g.team == line.home.team_id for g in found.goals)
    away = sum(g.team == line.away.team_id for g in found.goals)
    assert (home, away) == (line.on_pitch.home, line.on_pitch.away)
    if found.goals:
        assert found.goals[-1].score == f"{home}-{away}"
    own = sum(isinstance(e, OwnGoalScored) for e in events) + sum(
        isinstance(e, GoalCredited) and e.own_goal for e in events
    )
    assert sum(g.kind == "own_goal" for g in found.goals) <= own
    subs = sum(isinstance(e, SubstitutionMade) for e in events)
    assert len(found.substitutions) == subs


@given(ledgers())
def test_prefix_never_lists_more(ledger: ml.Ledger) -> None:
    """A ledger's prefix lists no goal, card or substitution the whole ledger does not."""
    for match_id in ledger.match_ids:
        whole = ml.incidents(ledger, match_id)
        half = ml.incidents(ledger[: len(ledger) // 2], match_id)
        assert {x.event_id for x in half.substitutions} <= {x.event_id for x in whole.substitutions}
        # other matches' events, interleaved, change nothing
        assert ml.incidents(ledger.for_match(match_id), match_id) == whole


def _at(minute: int, added: int = 0) -> ml.MatchTime:
    return ml.MatchTime(minute=minute, added=added)


def test_every_field_of_every_incident() -> None:
    """A hand-made match with each kind of incident and correction, another match's
    events and a competition event among its events: the incidents, field by field."""

    other = ml.MatchScheduled(
        event_id="o:s",
        match_id="m2",
        competition="Test League",
        season="2024-25",
        home=ml.Team(team_id="third", name="Third"),
        away=ml.Team(team_id="fourth", name="Fourth"),
    )
    events: list[ml.Event] = [
        schedule(),
        other,
        lineup("home"),
        lineup("away"),
        start(ml.Period.FIRST_HALF),
        ml.PeriodStarted(event_id="o:1", match_id="m2", period=ml.Period.FIRST_HALF),
        ShotTaken(
            event_id="pen",
            match_id=M,
            team="home",
            player=p("home", 9),
            at=_at(12),
            outcome=ml.ShotOutcome.GOAL,
            situation=ml.Situation.PENALTY,
        ),
        ShotTaken(
            event_id="o:g",
            match_id="m2",
            team="third",
            player=ml.Player(player_id="t9", name="T"),
            outcome=ml.ShotOutcome.GOAL,
        ),
        OwnGoalScored(event_id="og", match_id=M, team="away", at=_at(30), player=p("away", 4)),
        ml.PointsDeducted(
            event_id="pd", competition="Test League", season="2024-25", team="home", points=3
        ),
        CardShown(
            event_id="yc",
            match_id=M,
            team="home",
            player=p("home", 5),
            at=_at(45, 2),
            card=ml.Card.YELLOW,
        ),
        end(ml.Period.FIRST_HALF),
        start(ml.Period.SECOND_HALF, 2),
        SubstitutionMade(
            event_id="sub",
            match_id=M,
            team="away",
            at=_at(46),
            player_off=p("away", 7),
            player_on=p("away", 14),
        ),
        ShotTaken(
            event_id="g2",
            match_id=M,
            team="away",
            player=p("away", 10),
            at=_at(60),
            outcome=ml.ShotOutcome.GOAL,
            assist=p("away", 11),
        ),
        ShotTaken(
            event_id="g3",
            match_id=M,
            team="home",
            player=p("home", 9),
            at=_at(70),
            outcome=ml.ShotOutcome.GOAL,
            assist=p("home", 8),
        ),
        GoalDisallowed(event_id="var", match_id=M, goal="g3", reason="offside"),
        CardShown(
            event_id="bench",
            match_id=M,
            team="away",
            player=ml.Player(player_id="coach", name="C"),
            at=_at(80),
            card=ml.Card.YELLOW,
            official=True,
        ),
        CardShown(
            event_id="red",
            match_id=M,
            team="away",
            player=p("away", 8),
            at=_at(90, 4),
            card=ml.Card.RED,
        ),
        end(ml.Period.SECOND_HALF, 2),
        ml.MatchEnded(event_id="ft", match_id=M),
        CardRescinded(event_id="appeal", match_id=M, card="bench"),
        # the away goal was the home 3's own goal; the own goal was home 9's shot
        GoalCredited(event_id="c1", match_id=M, goal="g2", player=p("home", 3), own_goal=True),
        GoalCredited(event_id="c2", match_id=M, goal="og", player=p("home", 9)),
    ]
    ml.Ledger(events)  # a valid ledger
    found = ml.incidents(events, M)
    assert found == ml.Incidents(
        match_id=M,
        goals=(
            Goal(
                event_id="pen",
                team="home",
                at=_at(12),
                scorer=p("home", 9),
                kind="penalty",
                assist=None,
                score="1-0",
            ),
            Goal(
                event_id="og",
                team="home",
                at=_at(30),
                scorer=p("home", 9),
                kind="regular",
                assist=None,
                score="2-0",
            ),
            Goal(
                event_id="g2",
                team="away",
                at=_at(60),
                scorer=p("home", 3),
                kind="own_goal",
                assist=None,
                score="2-1",
            ),
        ),
        bookings=(
            Booking(
                event_id="yc",
                team="home",
                at=_at(45, 2),
                player=p("home", 5),
                card=ml.Card.YELLOW,
                official=False,
            ),
            Booking(
                event_id="red",
                team="away",
                at=_at(90, 4),
                player=p("away", 8),
                card=ml.Card.RED,
                official=False,
            ),
        ),
        substitutions=(
            Substitution(
                event_id="sub",
                team="away",
                at=_at(46),
                player_off=p("away", 7),
                player_on=p("away", 14),
            ),
        ),
    )
    assert [g.minute for g in found.goals] == ["12'", "30'", "60'"]
    assert [b.minute for b in found.bookings] == ["45+2'", "90+4'"]
    assert found.substitutions[0].minute == "46'"
    # before the corrections: the own goal as such, the disallowed goal's assist kept
    before = ml.incidents(events[: events.index(events[-3])], M)
    assert [(g.event_id, g.kind, g.scorer, g.assist) for g in before.goals] == [
        ("pen", "penalty", p("home", 9), None),
        ("og", "own_goal", p("away", 4), None),
        ("g2", "regular", p("away", 10), p("away", 11)),
    ]
    assert [b.event_id for b in before.bookings] == ["yc", "bench", "red"]
    assert before.bookings[1].official is True
    # the other match, in the same events
    assert [(g.event_id, g.team, g.score) for g in ml.incidents(events, "m2").goals] == [
        ("o:g", "third", "1-0")
    ]


def test_a_re_credited_penalty_stays_a_penalty_and_keeps_its_assist() -> None:

    events: list[ml.Event] = [
        schedule(),
        lineup("home"),
        lineup("away"),
        start(ml.Period.FIRST_HALF),
        ShotTaken(
            event_id="pen",
            match_id=M,
            team="home",
            player=p("home", 9),
            at=_at(12),
            outcome=ml.ShotOutcome.GOAL,
            situation=ml.Situation.PENALTY,
            assist=p("home", 7),
        ),
        GoalCredited(event_id="c", match_id=M, goal="pen", player=p("home", 10)),
    ]
    ml.Ledger(events)
    (goal,) = ml.incidents(events, M).goals
    assert (goal.scorer, goal.kind, goal.assist) == (p("home", 10), "penalty", p("home", 7))


def test_corrections_of_incidents_not_in_the_events_are_ignored() -> None:
    """Events that start mid-match (a feed joined late): a correction of a goal or a
    card the events do not hold changes nothing and raises nothing."""

    events: list[ml.Event] = [
        goal("g", "home", 9, minute=5),
        GoalDisallowed(event_id="d", match_id=M, goal="earlier"),
        CardRescinded(event_id="r", match_id=M, card="earlier-card"),
        GoalCredited(
            event_id="c", match_id=M, goal="earlier", player=ml.Player(player_id="x", name="X")
        ),
    ]
    found = ml.incidents(events, M)
    assert [g.event_id for g in found.goals] == ["g"]
    assert found.bookings == ()
