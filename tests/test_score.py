"""The score fold, on hand-made matches and on the seed match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import matchledger as ml
from builders import M, goal, p, schedule
from matchledger import (
    EXAMPLE_MATCH_ID,
    GoalDisallowed,
    Ledger,
    MatchEnded,
    MatchOverError,
    MatchStateError,
    MatchStatus,
    MatchStatusChanged,
    MatchTime,
    OwnGoalScored,
    Period,
    PeriodEnded,
    PeriodStarted,
    PointsDeducted,
    ResultAwarded,
    ResultRecorded,
    Score,
    ScoreFold,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    TieDecided,
    load_example,
    run,
    score,
    scores,
)
from matchledger.strategies import ledgers, match_events


def periods(*names: Period) -> list[PeriodStarted | PeriodEnded]:
    out: list[PeriodStarted | PeriodEnded] = []
    for n, period in enumerate(names):
        out += [
            PeriodStarted(event_id=f"ps{n}", match_id=M, period=period),
            PeriodEnded(event_id=f"pe{n}", match_id=M, period=period),
        ]
    return out


def test_seed_match_is_one_all_with_one_nil_at_half_time() -> None:
    """Inter 1-1 Atalanta, 1-0 at half time, finished."""
    s = score(load_example(), EXAMPLE_MATCH_ID)
    assert (s.home.name, s.away.name) == ("Inter", "Atalanta")
    assert (s.home_goals, s.away_goals) == (1, 1)
    assert s.half_time == Score(home=1, away=0)
    assert s.full_time == Score(home=1, away=1)
    assert s.extra_time is None
    assert s.shootout is None
    assert s.status is MatchStatus.FINISHED
    assert s.winner is None
    assert str(s) == "Inter 1-1 Atalanta (HT 1-0)"


def test_seed_match_as_it_stood() -> None:
    """The score after the first goal and before the equaliser is 1-0, in play."""
    ledger = load_example()
    at_goal = score(ledger.as_of("ia-005"), EXAMPLE_MATCH_ID)
    assert (at_goal.home_goals, at_goal.away_goals, at_goal.status) == (1, 0, MatchStatus.IN_PLAY)
    assert at_goal.half_time is None  # the first half is not over yet
    at_break = score(ledger.as_of("ia-015"), EXAMPLE_MATCH_ID)
    assert at_break.half_time == Score(home=1, away=0)
    assert score(ledger.as_of(1), EXAMPLE_MATCH_ID).status is MatchStatus.SCHEDULED


def test_own_goals_count_for_the_opponent() -> None:
    """An own goal by an away player is a home goal."""
    ledger = Ledger(
        [
            schedule(),
            *periods(Period.FIRST_HALF)[:1],
            OwnGoalScored(
                event_id="og", match_id=M, team="away", player=p("away", 4), at=MatchTime(minute=12)
            ),
        ]
    )
    s = score(ledger, M)
    assert (s.home_goals, s.away_goals) == (1, 0)


def test_disallowed_goals_are_removed() -> None:
    """A GoalDisallowed takes its goal off the score, whatever its period."""
    ledger = Ledger(
        [
            schedule(),
            PeriodStarted(event_id="ps", match_id=M, period=Period.FIRST_HALF),
            goal("g1", "home", 9, 10),
            goal("g2", "away", 9, 20),
            GoalDisallowed(event_id="d", match_id=M, goal="g1", reason="offside"),
        ]
    )
    s = score(ledger, M)
    assert (s.home_goals, s.away_goals) == (0, 1)
    assert s.on_pitch == Score(home=0, away=1)


def test_awarded_result_overrides_the_pitch() -> None:
    """ResultAwarded sets the result; on_pitch keeps what happened."""
    ledger = Ledger(
        [
            schedule(),
            PeriodStarted(event_id="ps", match_id=M, period=Period.FIRST_HALF),
            goal("g1", "away", 9, 10),
            MatchStatusChanged(event_id="ab", match_id=M, status=MatchStatus.ABANDONED),
            ResultAwarded(
                event_id="aw", match_id=M, home_goals=3, away_goals=0, authority="league"
            ),
        ]
    )
    s = score(ledger, M)
    assert (s.home_goals, s.away_goals, s.status) == (3, 0, MatchStatus.AWARDED)
    assert s.on_pitch == Score(home=0, away=1)
    assert s.winner is not None
    assert s.winner.team_id == "home"
    assert "awarded" in str(s)


def test_extra_time_and_shootout() -> None:
    """Extra-time goals count; shootout kicks are kept apart and decide the winner."""
    events = [
        schedule(),
        PeriodStarted(event_id="a", match_id=M, period=Period.FIRST_HALF),
        goal("g1", "home", 9, 30),
        PeriodEnded(event_id="b", match_id=M, period=Period.FIRST_HALF),
        PeriodStarted(event_id="c", match_id=M, period=Period.SECOND_HALF),
        goal("g2", "away", 9, 80),
        PeriodEnded(event_id="d", match_id=M, period=Period.SECOND_HALF),
        PeriodStarted(event_id="e", match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
        goal("g3", "away", 8, 100),
        PeriodEnded(event_id="f", match_id=M, period=Period.EXTRA_TIME_FIRST_HALF),
        PeriodStarted(event_id="g", match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
        ShotTaken(
            event_id="g4",
            match_id=M,
            team="home",
            player=p("home", 9),
            at=MatchTime(minute=120, added=2),
            outcome=ShotOutcome.GOAL,
        ),
        PeriodEnded(event_id="h", match_id=M, period=Period.EXTRA_TIME_SECOND_HALF),
        PeriodStarted(event_id="i", match_id=M, period=Period.PENALTY_SHOOTOUT),
        *[
            ShootoutKickTaken(
                event_id=f"k{n}",
                match_id=M,
                team=("home", "away")[n % 2],
                player=p(("home", "away")[n % 2], n),
                outcome=outcome,
            )
            for n, outcome in enumerate(
                [
                    ShotOutcome.GOAL,
                    ShotOutcome.SAVED,
                    ShotOutcome.GOAL,
                    ShotOutcome.GOAL,
                    ShotOutcome.POST,
                    ShotOutcome.GOAL,
                ]
            )
        ],
        PeriodEnded(event_id="j", match_id=M, period=Period.PENALTY_SHOOTOUT),
        MatchEnded(event_id="ft", match_id=M),
    ]
    s = score(Ledger(events), M)
    assert (s.home_goals, s.away_goals) == (2, 2)
    assert s.half_time == Score(home=1, away=0)
    assert s.full_time == Score(home=1, away=1)
    assert s.extra_time == Score(home=2, away=2)
    assert s.shootout == Score(home=2, away=2)
    assert s.winner is None
    assert "2-2 on penalties" in str(s)
    # one more away kick wins it
    s2 = score(
        Ledger(events[:-2]).extend(
            [
                ShootoutKickTaken(
                    event_id="k9",
                    match_id=M,
                    team="away",
                    player=p("away", 9),
                    outcome=ShotOutcome.GOAL,
                ),
                *events[-2:],
            ]
        ),
        M,
    )
    assert s2.shootout == Score(home=2, away=3)
    assert s2.winner is not None
    assert s2.winner.team_id == "away"


def test_goals_without_a_time_take_the_period_in_progress() -> None:
    """A goal recorded with no minute counts in the period it was recorded in."""
    events = [
        schedule(),
        PeriodStarted(event_id="a", match_id=M, period=Period.FIRST_HALF),
        goal("g1", "home", 9),
        PeriodEnded(event_id="b", match_id=M, period=Period.FIRST_HALF),
        PeriodStarted(event_id="c", match_id=M, period=Period.SECOND_HALF),
        goal("g2", "home", 9),
    ]
    s = score(Ledger(events), M)
    assert s.half_time == Score(home=1, away=0)
    assert (s.home_goals, s.away_goals) == (2, 0)


def test_half_time_unknown_when_a_goal_has_no_period() -> None:
    """Without periods or minutes, the half-time score is not guessed."""
    s = score(Ledger([schedule(), goal("g1", "home", 9), MatchEnded(event_id="ft", match_id=M)]), M)
    assert (s.home_goals, s.half_time, s.full_time) == (1, None, None)


def test_half_time_from_minutes_when_no_periods_are_recorded() -> None:
    """A finished match with minutes but no period events still has a half-time score."""
    s = score(
        Ledger(
            [
                schedule(),
                goal("g1", "home", 9, 44),
                goal("g2", "away", 9, 46),
                MatchEnded(event_id="ft", match_id=M),
            ]
        ),
        M,
    )
    assert s.half_time == Score(home=1, away=0)
    assert s.full_time == Score(home=1, away=1)


def test_other_matches_pass_by() -> None:
    """The fold of one match ignores events of the others; scores() gives them all."""
    events = [
        schedule(),
        schedule("m2", "s2"),
        goal("g1", "home", 9, 10),
        ShotTaken(
            event_id="x", match_id="m2", team="away", player=p("away", 9), outcome=ShotOutcome.GOAL
        ),
    ]
    ledger = Ledger(events)
    assert score(ledger, M).home_goals == 1
    assert score(ledger, "m2").away_goals == 1
    assert set(scores(ledger)) == {M, "m2"}
    fold = ScoreFold(M)
    assert fold.view(run(fold, ledger)) == score(ledger, M)
    with pytest.raises(KeyError):
        score(ledger, "m3")


def test_a_recorded_result_folds_like_goals() -> None:
    """ResultRecorded counts as its goals, with the half time it gives, and ends the match."""
    s = score(
        Ledger(
            [
                schedule(),
                ResultRecorded(
                    event_id="r",
                    match_id=M,
                    home_goals=2,
                    away_goals=1,
                    half_time=Score(home=0, away=1),
                ),
            ]
        ),
        M,
    )
    assert (s.home_goals, s.away_goals, s.status) == (2, 1, MatchStatus.FINISHED)
    assert s.half_time == Score(home=0, away=1)
    assert s.full_time == Score(home=2, away=1)
    assert s.extra_time is None
    assert s.winner is not None
    assert s.winner.team_id == "home"
    detailed = Ledger(
        [
            schedule(),
            PeriodStarted(event_id="a", match_id=M, period=Period.FIRST_HALF),
            goal("g1", "away", 9, 30),
            PeriodEnded(event_id="b", match_id=M, period=Period.FIRST_HALF),
            PeriodStarted(event_id="c", match_id=M, period=Period.SECOND_HALF),
            goal("g2", "home", 9, 50),
            goal("g3", "home", 8, 60),
            PeriodEnded(event_id="d", match_id=M, period=Period.SECOND_HALF),
            MatchEnded(event_id="e", match_id=M),
        ]
    )
    same = score(detailed, M)
    assert (same.home_goals, same.away_goals, same.half_time, same.full_time) == (
        s.home_goals,
        s.away_goals,
        s.half_time,
        s.full_time,
    )
    # the detailed ledger accepts the same result, and refuses a different one
    ok = detailed.append(ResultRecorded(event_id="r", match_id=M, home_goals=2, away_goals=1))
    assert score(ok, M).home_goals == 2
    with pytest.raises(MatchStateError, match="disagrees with the goals recorded"):
        detailed.append(ResultRecorded(event_id="r", match_id=M, home_goals=1, away_goals=1))


def test_a_recorded_result_ends_the_match() -> None:
    """After ResultRecorded no play follows, nor a second result, nor a disallowed goal."""
    ledger = Ledger(
        [
            schedule(),
            PeriodStarted(event_id="a", match_id=M, period=Period.FIRST_HALF),
            goal("g1", "home", 9, 30),
            PeriodEnded(event_id="b", match_id=M, period=Period.FIRST_HALF),
            PeriodStarted(event_id="c", match_id=M, period=Period.SECOND_HALF),
            PeriodEnded(event_id="d", match_id=M, period=Period.SECOND_HALF),
            ResultRecorded(event_id="r", match_id=M, home_goals=1, away_goals=0),
        ]
    )
    with pytest.raises(MatchOverError):
        ledger.append(goal("g2", "home", 9))
    with pytest.raises(MatchStateError, match="already recorded"):
        ledger.append(ResultRecorded(event_id="r2", match_id=M, home_goals=1, away_goals=0))
    with pytest.raises(MatchStateError, match="part of the result recorded"):
        ledger.append(GoalDisallowed(event_id="dis", match_id=M, goal="g1"))
    awarded = ledger.append(ResultAwarded(event_id="aw", match_id=M, home_goals=0, away_goals=3))
    assert (score(awarded, M).home_goals, score(awarded, M).away_goals) == (0, 3)


def test_recorded_extra_time_and_shootout() -> None:
    """A cup result after extra time and penalties keeps the shootout apart."""
    s = score(
        Ledger(
            [
                schedule(),
                ResultRecorded(
                    event_id="r",
                    match_id=M,
                    home_goals=1,
                    away_goals=1,
                    after_extra_time=True,
                    shootout=Score(home=4, away=3),
                ),
            ]
        ),
        M,
    )
    assert (s.home_goals, s.away_goals) == (1, 1)
    assert s.extra_time == Score(home=1, away=1)
    assert s.full_time is None
    assert s.shootout == Score(home=4, away=3)
    assert s.winner is not None
    assert s.winner.team_id == "home"


def test_a_recorded_result_after_extra_time_gives_its_90_minute_score() -> None:
    """full_time is the score after 90 minutes; the result counts, extra time included."""
    s = score(
        Ledger(
            [
                schedule(),
                ResultRecorded(
                    event_id="r",
                    match_id=M,
                    home_goals=3,
                    away_goals=2,
                    half_time=Score(home=0, away=1),
                    full_time=Score(home=2, away=2),
                    after_extra_time=True,
                ),
            ]
        ),
        M,
    )
    assert (s.home_goals, s.away_goals) == (3, 2)
    assert (s.half_time, s.full_time, s.extra_time, s.shootout) == (
        Score(home=0, away=1),
        Score(home=2, away=2),
        Score(home=3, away=2),
        None,
    )
    assert str(s) == "Home FC 3-2 Away FC (HT 0-1, after extra time)"
    # 0-0 after extra time was 0-0 after 90 minutes, whether the source says so or not
    nil = score(
        Ledger(
            [
                schedule(),
                ResultRecorded(
                    event_id="r", match_id=M, home_goals=0, away_goals=0, after_extra_time=True
                ),
            ]
        ),
        M,
    )
    assert (nil.half_time, nil.full_time, nil.extra_time) == (_NIL, _NIL, _NIL)


_NIL = Score(home=0, away=0)


def detailed_match(*, extra_time: bool = False) -> Ledger:
    """Away scores in the first half, home twice in the second (and once in extra time)."""
    halves = [Period.FIRST_HALF, Period.SECOND_HALF]
    if extra_time:
        halves += [Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF]
    minutes = {Period.FIRST_HALF: [("g1", "away", 30)], Period.SECOND_HALF: [("g2", "home", 50)]}
    minutes[Period.SECOND_HALF].append(("g3", "home", 60))
    if extra_time:
        minutes[Period.EXTRA_TIME_FIRST_HALF] = [("g4", "home", 100)]
    events: list[ml.Event] = [schedule()]
    for n, period in enumerate(halves):
        events.append(PeriodStarted(event_id=f"ps{n}", match_id=M, period=period))
        events += [goal(g, team, 9, minute) for g, team, minute in minutes.get(period, [])]
        events.append(PeriodEnded(event_id=f"pe{n}", match_id=M, period=period))
    return Ledger(events)


def test_a_recorded_result_must_agree_with_the_goals_period_by_period() -> None:
    """With goal events in the ledger, half time, 90 minutes and extra time must fit them."""
    plain = detailed_match()

    def recorded(**fields: object) -> ResultRecorded:
        return ResultRecorded(event_id="r", match_id=M, **fields)  # type: ignore[arg-type]

    ok = plain.append(recorded(home_goals=2, away_goals=1, half_time=Score(home=0, away=1)))
    assert score(ok, M).half_time == Score(home=0, away=1)
    with pytest.raises(MatchStateError, match=r"1-0 disagrees with the goals.*\(0-1\)") as info:
        plain.append(recorded(home_goals=2, away_goals=1, half_time=Score(home=1, away=0)))
    assert info.value.field == "half_time"
    with pytest.raises(MatchStateError, match="ended after the second half") as info:
        plain.append(recorded(home_goals=2, away_goals=1, after_extra_time=True))
    assert info.value.field == "after_extra_time"

    extra = detailed_match(extra_time=True)
    aet = extra.append(
        recorded(
            home_goals=3,
            away_goals=1,
            half_time=Score(home=0, away=1),
            full_time=Score(home=2, away=1),
            after_extra_time=True,
        )
    )
    line = score(aet, M)
    assert (line.full_time, line.extra_time) == (Score(home=2, away=1), Score(home=3, away=1))
    with pytest.raises(MatchStateError, match="disagrees with the goals") as info:
        extra.append(
            recorded(
                home_goals=3, away_goals=1, full_time=Score(home=1, away=1), after_extra_time=True
            )
        )
    assert info.value.field == "full_time"
    with pytest.raises(MatchStateError, match="went to extra time") as info:
        extra.append(recorded(home_goals=3, away_goals=1))
    assert info.value.field == "after_extra_time"


def test_a_goal_without_a_period_leaves_the_recorded_scores_unchecked() -> None:
    """Goals known only by their side: the final score is checked, the halves cannot be."""
    ledger = Ledger([schedule(), goal("g1", "home", 9)])
    ok = ledger.append(
        ResultRecorded(
            event_id="r", match_id=M, home_goals=1, away_goals=0, half_time=Score(home=1, away=0)
        )
    )
    assert score(ok, M).half_time == Score(home=1, away=0)


def test_competition_events_pass_the_score_by() -> None:
    """Points deductions and tie decisions are not match events; scores ignore them."""
    ledger = Ledger(
        [
            schedule(),
            PointsDeducted(
                event_id="pd", competition="Test League", season="2024-25", team="home", points=3
            ),
            TieDecided(
                event_id="td",
                competition="Test League",
                season="2024-25",
                winner="home",
                loser="away",
            ),
        ]
    )
    assert set(scores(ledger)) == {M}
    assert ledger.match_ids == (M,)
    with pytest.raises(ml.UnknownReferenceError, match="play_off_match"):
        ledger.append(
            TieDecided(
                event_id="td2",
                competition="Test League",
                season="2024-25",
                winner="home",
                loser="away",
                play_off_match="nope",
            )
        )


def test_a_recorded_result_without_half_time_does_not_guess_it() -> None:
    """3-6 with no half-time score and no goal events: half time is unknown, not 0-0."""
    s = score(
        Ledger([schedule(), ResultRecorded(event_id="r", match_id=M, home_goals=3, away_goals=6)]),
        M,
    )
    assert s.half_time is None
    assert str(s) == "Home FC 3-6 Away FC"
    nil = score(
        Ledger([schedule(), ResultRecorded(event_id="r", match_id=M, home_goals=0, away_goals=0)]),
        M,
    )
    assert nil.half_time == Score(home=0, away=0)  # 0-0 at the end was 0-0 at half time


def test_a_recorded_result_must_fit_a_match_recorded_period_by_period() -> None:
    """After two goalless halves, 2-1 is a contradiction; at half time, no result yet."""
    halves = [
        schedule(),
        PeriodStarted(event_id="a", match_id=M, period=Period.FIRST_HALF),
        PeriodEnded(event_id="b", match_id=M, period=Period.FIRST_HALF),
    ]
    with pytest.raises(MatchStateError, match="after the first half"):
        Ledger(halves).append(ResultRecorded(event_id="r", match_id=M, home_goals=0, away_goals=0))
    full = Ledger(
        [
            *halves,
            PeriodStarted(event_id="c", match_id=M, period=Period.SECOND_HALF),
            PeriodEnded(event_id="d", match_id=M, period=Period.SECOND_HALF),
            MatchEnded(event_id="e", match_id=M),
        ]
    )
    with pytest.raises(MatchStateError, match="disagrees with the goals recorded"):
        full.append(ResultRecorded(event_id="r", match_id=M, home_goals=2, away_goals=1))
    assert (
        len(full.append(ResultRecorded(event_id="r", match_id=M, home_goals=0, away_goals=0)))
        == len(full) + 1
    )


@settings(max_examples=150)
@given(st.one_of(ledgers(), match_events(extra_time=True, shootout=True).map(Ledger)))
def test_scores_equals_stepping_each_matchs_fold(ledger: Ledger) -> None:
    """scores()' in-place tallies give what ScoreFold's frozen steps give, match by match."""
    expected = {}
    for match_id in ledger.match_ids:
        fold = ScoreFold(match_id)
        expected[match_id] = fold.view(run(fold, ledger))
    assert scores(ledger) == expected
    assert scores(list(ledger)) == expected
