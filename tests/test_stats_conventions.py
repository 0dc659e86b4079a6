"""Player and team statistics of hand-made matches, against the documented conventions.

Each test builds a small match event by event and compares the whole result of
``player_stats`` (or ``team_stats``) with a value worked out by hand from the
conventions in the module docstring of ``matchledger.folds.stats``: every kind of
shot, penalties saved and missed, saves by ``stopped_by`` or by the keeper on the
pitch (and his substitute), fouls, cards and rescinded cards, goals credited to
another player or as an own goal and then disallowed, shootout kicks, players' teams
when there are no lineups, and minutes with stoppage time, times to the second and
substitutions without a time. The live projection must agree with the fold.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from builders import AWAY, HOME, M, end, lineup, p, schedule, start
from matchledger import (
    Card,
    CardRescinded,
    CardShown,
    Event,
    FoulCommitted,
    GoalCredited,
    GoalDisallowed,
    Ledger,
    MatchEnded,
    MatchTime,
    OwnGoalScored,
    PenaltyAwarded,
    Period,
    PeriodEnded,
    PlayerStats,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
    Team,
    TeamStats,
    player_stats,
    team_stats,
)
from matchledger.projections import PlayerStatsProjection

OUT = ShotOutcome
PEN = Situation.PENALTY


def _row(team: str, n: int, **counts: int) -> PlayerStats:
    """The expected stats of player ``n`` of ``team`` (as the builders name him)."""
    return PlayerStats(player_id=f"{team}{n}", name=f"{team.title()} {n}", team=team, **counts)


def _by_id(*rows: PlayerStats) -> dict[str, PlayerStats]:
    return {r.player_id: r for r in rows}


def _stats(events: Ledger) -> dict[str, PlayerStats]:
    return {s.player_id: s for s in player_stats(events)}


def _shot(
    event_id: str, team: str, n: int, outcome: ShotOutcome, minute: int, **kw: object
) -> ShotTaken:
    return ShotTaken(
        event_id=event_id,
        match_id=M,
        team=team,
        player=p(team, n),
        outcome=outcome,
        at=MatchTime(minute=minute),
        **kw,  # type: ignore[arg-type]
    )


def _card(event_id: str, team: str, n: int, kind: Card, at: MatchTime) -> CardShown:
    return CardShown(event_id=event_id, match_id=M, team=team, player=p(team, n), card=kind, at=at)


def _sub(
    event_id: str, team: str, off: int, on: int, at: MatchTime | None = None
) -> SubstitutionMade:
    return SubstitutionMade(
        event_id=event_id,
        match_id=M,
        team=team,
        player_off=p(team, off),
        player_on=p(team, on),
        at=at,
    )


def _foul(event_id: str, n: int, minute: int, fouled: int | None) -> FoulCommitted:
    return FoulCommitted(
        event_id=event_id,
        match_id=M,
        team="away",
        player=p("away", n),
        fouled=None if fouled is None else p("home", fouled),
        at=MatchTime(minute=minute),
    )


def _penalty_awarded(event_id: str, team: str, won_by: int, conceded_by: int) -> PenaltyAwarded:
    other = "away" if team == "home" else "home"
    return PenaltyAwarded(
        event_id=event_id,
        match_id=M,
        team=team,
        won_by=p(team, won_by),
        conceded_by=p(other, conceded_by),
    )


# --- a match without lineups: every kind of shot, foul and card ---------------------------------


def _match_without_lineups() -> Ledger:
    coach = p("away", 99)
    return Ledger(
        [
            schedule(),
            start(Period.FIRST_HALF),
            _shot("s1", "home", 9, OUT.OFF_TARGET, 5),
            _shot("s2", "home", 9, OUT.BLOCKED, 8, stopped_by=p("away", 5)),
            _shot("s3", "home", 9, OUT.POST, 12),
            _shot("s4", "home", 9, OUT.CLEARED_OFF_LINE, 15, stopped_by=p("away", 3)),
            _shot("s5", "home", 9, OUT.SAVED, 20, stopped_by=p("away", 1)),
            _shot("g1", "home", 9, OUT.GOAL, 22, assist=p("home", 10)),
            _foul("f1", 6, 25, fouled=9),
            _foul("f2", 6, 27, fouled=9),
            _foul("f3", 6, 30, fouled=None),
            _card("c1", "away", 6, Card.YELLOW, MatchTime(minute=30)),
            _penalty_awarded("pa", "home", won_by=11, conceded_by=4),
            _shot("p1", "home", 7, OUT.SAVED, 34, situation=PEN, stopped_by=p("away", 1)),
            OwnGoalScored(
                event_id="og", match_id=M, team="away", player=p("away", 3), at=MatchTime(minute=40)
            ),
            _card("c2", "away", 6, Card.SECOND_YELLOW, MatchTime(minute=44)),
            end(Period.FIRST_HALF),
            start(Period.SECOND_HALF, 2),
            _sub("sub", "away", 8, 12, MatchTime(minute=46)),
            _penalty_awarded("pb", "away", won_by=9, conceded_by=4),
            _shot("p2", "away", 9, OUT.GOAL, 51, situation=PEN),
            _penalty_awarded("pc", "home", won_by=9, conceded_by=4),
            _shot("p3", "home", 7, OUT.CROSSBAR, 70, situation=PEN),
            _card("c3", "home", 4, Card.RED, MatchTime(minute=75)),
            CardRescinded(event_id="cr1", match_id=M, card="c2"),
            CardRescinded(event_id="cr2", match_id=M, card="c3"),
            CardShown(
                event_id="c4",
                match_id=M,
                team="away",
                player=coach,
                card=Card.RED,
                official=True,
                at=MatchTime(minute=80),
            ),
            CardRescinded(event_id="cr3", match_id=M, card="c4"),
            _card("c5", "home", 10, Card.YELLOW, MatchTime(minute=85)),
            _card("c6", "home", 11, Card.RED, MatchTime(minute=88)),
            end(Period.SECOND_HALF, 2),
            MatchEnded(event_id="ft", match_id=M),
        ]
    )


def test_every_kind_of_shot_foul_and_card_in_a_match_without_lineups() -> None:
    """Each player's whole stats; a player's team is the side he first appears for.

    Without lineups there are no minutes, not even for a substitute, and no keeper on
    the pitch: only ``stopped_by`` makes a save. A blocker or a defender clearing off
    the line gets nothing; the rescinded second yellow and red come back off the
    tallies; the coach's card is not a player statistic, even rescinded.
    """
    expected = _by_id(
        # off target, blocked, post, cleared off the line, saved, goal; fouled twice
        _row(
            "home",
            9,
            shots=6,
            shots_on_target=3,
            shots_off_target=2,
            shots_blocked=1,
            woodwork=1,
            cleared_off_line=1,
            goals=1,
            fouls_won=2,
            penalties_won=1,
        ),
        _row("home", 10, assists=1, yellow_cards=1),
        _row("home", 11, penalties_won=1, red_cards=1),
        # a penalty saved and one off the crossbar: both missed, neither scored
        _row(
            "home",
            7,
            shots=2,
            shots_on_target=1,
            shots_off_target=1,
            woodwork=1,
            penalties_taken=2,
            penalties_missed=2,
        ),
        # a straight red, rescinded; the penalty he conceded stays
        _row("home", 4, penalties_conceded=1, red_cards=0),
        # the keeper named as stopped_by: a save and a penalty saved
        _row("away", 1, saves=2, penalties_saved=1),
        _row("away", 3, own_goals=1),
        _row("away", 4, penalties_conceded=2),
        # two yellows make a red; the second yellow rescinded takes back one of each
        _row("away", 6, fouls_committed=3, yellow_cards=1, red_cards=0),
        _row(
            "away",
            9,
            penalties_won=1,
            shots=1,
            shots_on_target=1,
            goals=1,
            penalties_taken=1,
            penalties_scored=1,
        ),
        _row("away", 12, appearances=1),
    )
    assert _stats(_match_without_lineups()) == expected


def test_team_stats_add_up_the_players_and_the_opponents_own_goals() -> None:
    """Both teams' whole numbers; another match earlier in the ledger changes nothing."""
    c, d = Team(team_id="c", name="C FC"), Team(team_id="d", name="D FC")
    earlier = [
        attrs.evolve(schedule("m0", "m0-s"), home=c, away=d),
        ShotTaken(
            event_id="m0-g",
            match_id="m0",
            team="c",
            player=p("c", 9),
            outcome=OUT.GOAL,
            at=MatchTime(minute=3),
        ),
    ]
    ledger = Ledger([*earlier, *_match_without_lineups()])
    home, away = team_stats(ledger, M)
    assert home == TeamStats(
        match_id=M,
        team=HOME.team_id,
        goals=2,  # one of theirs and the away side's own goal
        own_goals_for=1,
        shots=8,
        shots_on_target=4,
        shots_off_target=3,
        shots_blocked=1,
        woodwork=2,
        saves=0,
        fouls=0,
        yellow_cards=1,
        red_cards=1,
    )
    assert away == TeamStats(
        match_id=M,
        team=AWAY.team_id,
        goals=1,
        shots=1,
        shots_on_target=1,
        saves=2,
        fouls=3,
        yellow_cards=1,
    )
    assert away.to_dict() == {
        "match_id": "m1",
        "team": "away",
        "goals": 1,
        "own_goals_for": 0,
        "shots": 1,
        "shots_on_target": 1,
        "shots_off_target": 0,
        "shots_blocked": 0,
        "woodwork": 0,
        "saves": 2,
        "fouls": 3,
        "yellow_cards": 1,
        "red_cards": 0,
    }
    assert team_stats(ledger, "m0")[0].goals == 1
    with pytest.raises(KeyError, match="no match 'nope' in the events"):
        team_stats(ledger, "nope")


# --- corrections ------------------------------------------------------------------------------


def test_goals_credited_elsewhere_and_then_disallowed() -> None:
    """A goal credited to a teammate keeps its assist; as an own goal it loses it.

    The shot and a penalty's numbers stay the original shooter's. Disallowing a
    credited goal takes it from the player it was credited to, from his goals or his
    own goals as the credit made it. Players first named by a credit belong to the
    side that scored the goal or, for an own goal, to the side that conceded it.
    """
    ledger = Ledger(
        [
            schedule(),
            start(Period.FIRST_HALF),
            _shot("ga", "away", 9, OUT.GOAL, 10, assist=p("away", 10)),
            _shot("gh", "home", 10, OUT.GOAL, 20, assist=p("home", 9)),
            _shot("gp", "home", 7, OUT.GOAL, 30, situation=PEN),
            GoalCredited(event_id="cg1", match_id=M, goal="ga", player=p("away", 11)),
            GoalCredited(event_id="cg2", match_id=M, goal="gh", player=p("away", 2), own_goal=True),
            GoalCredited(event_id="cg3", match_id=M, goal="gp", player=p("home", 8)),
            GoalDisallowed(event_id="d1", match_id=M, goal="ga"),
            GoalDisallowed(event_id="d2", match_id=M, goal="gh"),
            GoalDisallowed(event_id="d3", match_id=M, goal="gp"),
        ]
    )
    on_target = {"shots": 1, "shots_on_target": 1}
    credited = _by_id(
        _row("away", 9, **on_target),
        _row("away", 10, assists=1),
        _row("away", 11, goals=1),
        _row("home", 10, **on_target),
        _row("home", 9, assists=0),
        _row("away", 2, own_goals=1),
        _row("home", 7, **on_target, penalties_taken=1, penalties_scored=1),
        _row("home", 8, goals=1),
    )
    assert _stats(ledger.as_of(ledger.position("d1"))) == credited
    disallowed = _by_id(
        _row("away", 9, **on_target),
        _row("away", 10, assists=0),
        _row("away", 11, goals=0),
        _row("home", 10, **on_target),
        _row("home", 9, assists=0),
        _row("away", 2, own_goals=0),
        _row("home", 7, **on_target, penalties_taken=1, penalties_scored=0),
        _row("home", 8, goals=0),
    )
    assert _stats(ledger) == disallowed


# --- with lineups: keepers and minutes ------------------------------------------------------------


def _starters(minutes: int) -> dict[str, PlayerStats]:
    return _by_id(
        *(
            _row(team, n, appearances=1, starts=1, minutes_played=minutes)
            for team in ("home", "away")
            for n in range(1, 12)
        )
    )


def _with(expected: dict[str, PlayerStats], team: str, n: int, **counts: int) -> None:
    pid = f"{team}{n}"
    expected[pid] = attrs.evolve(expected.get(pid, _row(team, n)), **counts)


def test_the_keeper_on_the_pitch_saves_and_concedes_and_his_substitute_takes_over() -> None:
    """A save without ``stopped_by`` is the keeper's (the ``GK`` of the lineup), until
    his substitute takes the gloves; goals conceded include an own goal."""
    ledger = Ledger(
        [
            schedule(),
            lineup("home"),
            lineup("away"),
            start(Period.FIRST_HALF),
            _shot("k1", "home", 9, OUT.SAVED, 10),
            _penalty_awarded("k2", "home", won_by=9, conceded_by=4),
            _shot("k3", "home", 7, OUT.SAVED, 21, situation=PEN),
            _shot("k4", "away", 9, OUT.GOAL, 30),
            OwnGoalScored(
                event_id="k5", match_id=M, team="home", player=p("home", 4), at=MatchTime(minute=40)
            ),
            end(Period.FIRST_HALF),
            start(Period.SECOND_HALF, 2),
            _sub("k6", "home", 1, 12, MatchTime(minute=60)),
            _shot("k7", "away", 10, OUT.SAVED, 70),
            _shot("k8", "away", 9, OUT.GOAL, 80),
            _shot("k9", "away", 11, OUT.SAVED, 85, stopped_by=p("home", 12)),
            end(Period.SECOND_HALF, 2),
            MatchEnded(event_id="ft", match_id=M),
        ]
    )
    expected = _starters(90)
    _with(expected, "home", 1, minutes_played=60, goals_conceded=2)
    _with(expected, "home", 12, appearances=1, minutes_played=30, saves=2, goals_conceded=1)
    _with(expected, "home", 4, own_goals=1)
    _with(expected, "home", 7, shots=1, shots_on_target=1, penalties_taken=1, penalties_missed=1)
    _with(expected, "home", 9, shots=1, shots_on_target=1, penalties_won=1)
    _with(expected, "away", 1, saves=2, penalties_saved=1)
    _with(expected, "away", 4, penalties_conceded=1)
    _with(expected, "away", 9, shots=2, shots_on_target=2, goals=2)
    _with(expected, "away", 10, shots=1, shots_on_target=1)
    _with(expected, "away", 11, shots=1, shots_on_target=1)
    assert _stats(ledger) == expected


def _minutes_match() -> Ledger:
    return Ledger(
        [
            schedule(),
            lineup("home"),
            lineup("away"),
            start(Period.FIRST_HALF),
            # sent off 20 seconds in (the clock read 0:20)
            _card("r1", "home", 5, Card.RED, MatchTime(minute=1, second=20)),
            PeriodEnded(
                event_id="end1",
                match_id=M,
                period=Period.FIRST_HALF,
                at=MatchTime(minute=45, added=1, second=45),
            ),
            _sub("ht", "away", 10, 13),  # at half time, without a time
            start(Period.SECOND_HALF, 2),
            _sub("s1", "home", 9, 12, MatchTime(minute=46, second=46)),
            _sub("s2", "home", 10, 13, MatchTime(minute=64, second=30)),
            _card("r2", "away", 7, Card.RED, MatchTime(minute=80)),
            _sub("s3", "home", 11, 14),  # without a time, after the red card at 80'
            _sub("s4", "away", 9, 12, MatchTime(minute=90, added=2, second=20)),
            PeriodEnded(
                event_id="end2",
                match_id=M,
                period=Period.SECOND_HALF,
                at=MatchTime(minute=90, added=4),
            ),
            MatchEnded(event_id="ft", match_id=M),
        ]
    )


def test_minutes_with_stoppage_time_seconds_and_changes_without_a_time() -> None:
    """Playing time by hand, in minutes of the match's clock.

    The first half ends at 45+1':45, i.e. 45.75 minutes in; the second at 90+4',
    4 minutes after its 45: 94.75 minutes, 95 when rounded. Changes at 46':46
    (46.52 in), 64':30 (64.25), 80' (80.75), 90+2':20 (92.08); one without a time at
    half time (45.75) and one after the red card at 80' (80.75).
    """
    expected = dict.fromkeys(_starters(0), 95)
    expected |= {
        "home5": 0,  # sent off at 0:20
        "home9": 47,
        "home12": 48,
        "home10": 64,
        "home13": 31,
        "home11": 81,
        "home14": 14,
        "away7": 81,  # sent off
        "away10": 46,
        "away13": 49,
        "away9": 92,
        "away12": 3,
    }
    stats = player_stats(_minutes_match())
    assert {s.player_id: s.minutes_played for s in stats} == expected
    by_team = {t: sum(s.minutes_played for s in stats if s.team == t) for t in ("home", "away")}
    assert by_team == {"home": 10 * 95, "away": 11 * 95 - 14}


def test_at_half_time_the_players_on_the_pitch_have_played_the_first_half() -> None:
    ledger = _minutes_match()
    half_time = ledger.as_of(ledger.position("end1") + 1)
    expected = dict.fromkeys(_starters(0), 46) | {"home5": 0}
    assert {s.player_id: s.minutes_played for s in player_stats(half_time)} == expected


def test_a_match_recorded_without_its_periods_counts_ninety_minutes() -> None:
    ledger = Ledger(
        [schedule(), lineup("home"), lineup("away"), _shot("g", "home", 9, OUT.GOAL, 30)]
    )
    expected = _starters(90)
    _with(expected, "home", 9, shots=1, shots_on_target=1, goals=1)
    _with(expected, "away", 1, goals_conceded=1)
    assert _stats(ledger) == expected


# --- several matches ----------------------------------------------------------------------------


def _two_matches() -> Ledger:
    def kick(event_id: str, team: str, n: int, outcome: ShotOutcome) -> ShootoutKickTaken:
        return ShootoutKickTaken(
            event_id=event_id, match_id="m2", team=team, player=p(team, n), outcome=outcome
        )

    first = [
        schedule(),
        start(Period.FIRST_HALF),
        _shot("a1", "home", 9, OUT.GOAL, 10),
        _shot("a2", "away", 9, OUT.OFF_TARGET, 20),
    ]
    second = [
        attrs.evolve(e, event_id=f"2-{e.event_id}", match_id="m2")
        for e in [
            schedule(),
            start(Period.FIRST_HALF),
            _shot("b1", "home", 9, OUT.SAVED, 10, stopped_by=p("away", 1)),
            end(Period.FIRST_HALF),
            start(Period.SECOND_HALF, 2),
            end(Period.SECOND_HALF, 2),
            start(Period.PENALTY_SHOOTOUT, 3),
        ]
    ]
    kicks = [
        kick("k1", "home", 9, OUT.GOAL),
        kick("k2", "away", 9, OUT.SAVED),
        kick("k3", "home", 10, OUT.GOAL),
    ]
    return Ledger([*first, *second, *kicks])


def test_stats_per_match_and_over_the_ledger() -> None:
    """Shootout kicks are not shots; per match, one entry per player and match, in
    order of team and name (``Home 10`` before ``Home 9``), the first match first."""
    on_target = {"shots": 1, "shots_on_target": 1}
    m1_home9 = _row("home", 9, **on_target, goals=1)
    m1_away9 = _row("away", 9, shots=1, shots_off_target=1)
    m2_home9 = _row("home", 9, **on_target, shootout_kicks_taken=1, shootout_kicks_scored=1)
    m2_away9 = _row("away", 9, shootout_kicks_taken=1)
    m2_home10 = _row("home", 10, shootout_kicks_taken=1, shootout_kicks_scored=1)
    m2_away1 = _row("away", 1, saves=1)
    ledger = _two_matches()
    assert player_stats(ledger, per_match=True) == [
        m2_away1,
        m1_away9,
        m2_away9,
        m2_home10,
        m1_home9,
        m2_home9,
    ]
    assert player_stats(ledger) == [
        m2_away1,
        _row("away", 9, shots=1, shots_off_target=1, shootout_kicks_taken=1),
        m2_home10,
        _row(
            "home",
            9,
            shots=2,
            shots_on_target=2,
            goals=1,
            shootout_kicks_taken=1,
            shootout_kicks_scored=1,
        ),
    ]
    assert player_stats(ledger, "m2") == [m2_away1, m2_away9, m2_home10, m2_home9]


@pytest.mark.parametrize(
    "build", [_match_without_lineups, _minutes_match, _two_matches], ids=lambda f: f.__name__
)
def test_the_live_projection_gives_what_the_fold_gives(build: Callable[[], Ledger]) -> None:
    ledger = build()
    live = PlayerStatsProjection()
    live.extend(ledger)
    assert live.stats() == player_stats(ledger)
    assert live.stats(per_match=True) == player_stats(ledger, per_match=True)


def test_minutes_of_a_match_in_play_run_to_the_latest_time_recorded() -> None:
    """A live match, as it stands: players on the pitch have played to the latest time
    an event gave, in the first half and in the second; the fold and the live
    projection agree."""

    def shot(event_id: str, minute: int) -> ShotTaken:
        return ShotTaken(
            event_id=event_id,
            match_id=M,
            team="away",
            player=p("away", 9),
            at=MatchTime(minute=minute),
            outcome=ShotOutcome.OFF_TARGET,
        )

    sub = SubstitutionMade(
        event_id="sub",
        match_id=M,
        team="home",
        at=MatchTime(minute=40),
        player_off=p("home", 2),
        player_on=p("home", 12),
    )
    first_half = [
        schedule(),
        lineup("home"),
        lineup("away"),
        start(Period.FIRST_HALF),
        sub,
        shot("s1", 41),
    ]
    second_half = [
        end(Period.FIRST_HALF),
        start(Period.SECOND_HALF, 2),
        shot("s2", 70),
    ]

    def minutes(events: list[Event]) -> dict[str, int]:
        live = PlayerStatsProjection()
        for event in events:
            live.apply(event)
        folded = {s.player_id: s.minutes_played for s in player_stats(events)}
        assert {s.player_id: s.minutes_played for s in live.stats()} == folded
        return folded

    at_41 = minutes(first_half)
    assert (at_41["home1"], at_41["home2"], at_41["home12"], at_41["away9"]) == (41, 40, 1, 41)
    at_70 = minutes(first_half + second_half)
    assert (at_70["home1"], at_70["home2"], at_70["home12"], at_70["away9"]) == (70, 40, 30, 70)
    # the period ended at the first half's end: 45 minutes, none of the second yet
    at_half_time = minutes(first_half + second_half[:1])
    assert (at_half_time["home1"], at_half_time["home12"]) == (45, 5)
