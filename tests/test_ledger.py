"""The Ledger: immutable, ordered, validated; a rejected event changes nothing."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest

from builders import M, card, end, goal, lineup, p, schedule, start
from matchledger import (
    Card,
    DuplicateEventError,
    EventRejected,
    FoulCommitted,
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
    PeriodStarted,
    PlayerStateError,
    ResultAwarded,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    SubstitutionMade,
    UnknownMatchError,
    UnknownReferenceError,
    UnknownTeamError,
    VarDecision,
    VarIncident,
    VarReviewed,
    load_example,
)


@pytest.fixture
def live() -> Ledger:
    """A match with both lineups, in the first half."""
    return Ledger([schedule(), lineup("home"), lineup("away"), start(Period.FIRST_HALF)])


def assert_rejected(
    ledger: Ledger, event: object, error: type[EventRejected], field: str, words: str
) -> EventRejected:
    before = ledger.events
    with pytest.raises(error) as info:
        ledger.append(event)  # type: ignore[arg-type]
    exc = info.value
    assert exc.index == len(ledger)
    assert exc.event_id == event.event_id  # type: ignore[attr-defined]
    assert exc.field == field
    assert words in str(exc), str(exc)
    assert str(exc).startswith(f"event #{len(ledger)} ({exc.event_id!r}): {field} ")
    assert ledger.events == before  # nothing was added
    return exc


def test_append_returns_a_new_ledger_and_keeps_the_old() -> None:
    """append() leaves the ledger it was called on as it was."""
    a = Ledger([schedule()])
    b = a.append(start(Period.FIRST_HALF))
    assert (len(a), len(b)) == (1, 2)
    assert list(b) == [schedule(), start(Period.FIRST_HALF)]
    assert b[-1] == start(Period.FIRST_HALF)
    assert b[0:1] == (schedule(),)
    with pytest.raises(IndexError):
        a[1]


def test_duplicate_event_ids_are_rejected(live: Ledger) -> None:
    """An event id used twice names the first use."""
    assert_rejected(
        live,
        end(Period.FIRST_HALF, n=1).__class__(
            event_id="start1", match_id=M, period=Period.FIRST_HALF
        ),
        DuplicateEventError,
        "event_id",
        "already used by event #3",
    )


def test_events_for_unscheduled_matches_are_rejected() -> None:
    """Every event needs its match scheduled first."""
    assert_rejected(
        Ledger(),
        MatchEnded(event_id="x", match_id="nope"),
        UnknownMatchError,
        "match_id",
        "never scheduled",
    )


def test_a_match_is_scheduled_once() -> None:
    """Scheduling the same match id twice is refused."""
    assert_rejected(
        Ledger([schedule()]),
        schedule(event_id="s2"),
        MatchStateError,
        "match_id",
        "already scheduled",
    )


def test_teams_must_play_in_the_match(live: Ledger) -> None:
    """A team id that is neither home nor away is refused, with the two that are."""
    exc = assert_rejected(live, goal("g", "ghosts", 1), UnknownTeamError, "team", "does not play")
    assert "'home' or 'away'" in str(exc)


def test_play_after_full_time_is_rejected(live: Ledger) -> None:
    """Attempts, fouls, cards and substitutions after MatchEnded are refused."""
    done = live.extend(
        [
            end(Period.FIRST_HALF),
            start(Period.SECOND_HALF, 2),
            end(Period.SECOND_HALF, 2),
            MatchEnded(event_id="ft", match_id=M),
        ]
    )
    for event in (
        goal("late", "home", 9),
        FoulCommitted(event_id="f", match_id=M, team="home", player=p("home", 2)),
        card("c", "away", 3, Card.YELLOW),
        SubstitutionMade(
            event_id="sub",
            match_id=M,
            team="home",
            player_off=p("home", 2),
            player_on=p("home", 12),
        ),
    ):
        assert_rejected(done, event, MatchOverError, "type", "after full time (event #7)")
    # corrections still go in after full time
    scored = live.append(goal("g1", "home", 9, 30))
    over = scored.extend([end(Period.FIRST_HALF), MatchEnded(event_id="ft", match_id=M)])
    assert len(over.append(GoalDisallowed(event_id="d", match_id=M, goal="g1"))) == len(over) + 1


def test_references_must_exist_and_be_goals(live: Ledger) -> None:
    """GoalDisallowed names an existing goal of the same match, once."""
    scored = live.append(goal("g1", "home", 9, 10)).append(
        ShotTaken(
            event_id="miss",
            match_id=M,
            team="away",
            player=p("away", 9),
            outcome=ShotOutcome.OFF_TARGET,
        )
    )
    assert_rejected(
        scored,
        GoalDisallowed(event_id="d", match_id=M, goal="nope"),
        UnknownReferenceError,
        "goal",
        "no event in this ledger",
    )
    assert_rejected(
        scored,
        GoalDisallowed(event_id="d", match_id=M, goal="miss"),
        UnknownReferenceError,
        "goal",
        "outcome is 'off_target'",
    )
    assert_rejected(
        scored,
        GoalDisallowed(event_id="d", match_id=M, goal="start1"),
        UnknownReferenceError,
        "goal",
        "a PeriodStarted",
    )
    assert_rejected(
        scored,
        GoalDisallowed(event_id="d", match_id=M, goal="g1", review="x"),
        UnknownReferenceError,
        "review",
        "no event",
    )
    once = scored.append(GoalDisallowed(event_id="d", match_id=M, goal="g1"))
    assert_rejected(
        once,
        GoalDisallowed(event_id="d2", match_id=M, goal="g1"),
        MatchStateError,
        "goal",
        "already disallowed",
    )
    assert_rejected(
        once,
        VarReviewed(
            event_id="v",
            match_id=M,
            incident=VarIncident.GOAL,
            decision=VarDecision.OVERTURNED,
            subject="zzz",
        ),
        UnknownReferenceError,
        "subject",
        "no event",
    )


def test_references_stay_inside_their_match(live: Ledger) -> None:
    """A correction cannot point at a goal of another match."""
    other = live.append(goal("g1", "home", 9, 10)).append(schedule("m2", "s2"))
    assert_rejected(
        other,
        GoalDisallowed(event_id="d", match_id="m2", goal="g1"),
        UnknownReferenceError,
        "goal",
        "no event in match 'm2'",
    )


def test_shootout_kicks_only_in_a_shootout(live: Ledger) -> None:
    """A kick outside the penalty shootout period is refused."""
    kick = ShootoutKickTaken(
        event_id="k", match_id=M, team="home", player=p("home", 9), outcome=ShotOutcome.GOAL
    )
    assert_rejected(live, kick, MatchStateError, "type", "outside a penalty shootout")
    shootout = live.extend(
        [
            end(Period.FIRST_HALF),
            start(Period.SECOND_HALF, 2),
            end(Period.SECOND_HALF, 2),
            start(Period.PENALTY_SHOOTOUT, 3),
        ]
    )
    assert len(shootout.append(kick)) == len(shootout) + 1
    assert_rejected(
        shootout, goal("g", "home", 9), MatchStateError, "type", "during the penalty shootout"
    )


def test_second_yellow_needs_a_first(live: Ledger) -> None:
    """A second yellow without a first is refused; a repeated plain yellow too."""
    assert_rejected(
        live, card("c1", "home", 4, Card.SECOND_YELLOW), PlayerStateError, "card", "no first yellow"
    )
    booked = live.append(card("c1", "home", 4, Card.YELLOW))
    assert_rejected(
        booked, card("c2", "home", 4, Card.YELLOW), PlayerStateError, "card", "already cautioned"
    )
    off = booked.append(card("c2", "home", 4, Card.SECOND_YELLOW))
    assert len(off) == len(booked) + 1


def test_a_dismissed_player_cannot_act_again(live: Ledger) -> None:
    """After a red card the player can neither play nor be carded again."""
    off = live.append(card("r", "away", 5, Card.RED))
    assert_rejected(off, goal("g", "away", 5), PlayerStateError, "player", "sent off")
    assert_rejected(
        off, card("c", "away", 5, Card.YELLOW), PlayerStateError, "player", "already sent off"
    )
    assert_rejected(
        off,
        SubstitutionMade(
            event_id="sub",
            match_id=M,
            team="away",
            player_off=p("away", 5),
            player_on=p("away", 12),
        ),
        PlayerStateError,
        "player_off",
        "sent off",
    )


def test_a_dismissed_player_cannot_act_even_without_lineups() -> None:
    """Dismissals are tracked when no lineup is known."""
    ledger = Ledger([schedule(), start(Period.FIRST_HALF), card("r", "away", 5, Card.RED)])
    assert_rejected(ledger, goal("g", "away", 5), PlayerStateError, "player", "sent off")


def test_substitutions_need_the_player_on_the_pitch(live: Ledger) -> None:
    """The player going off must be on the pitch; the one coming on on the bench."""
    sub = SubstitutionMade(
        event_id="sub", match_id=M, team="home", player_off=p("home", 13), player_on=p("home", 12)
    )
    assert_rejected(live, sub, PlayerStateError, "player_off", "is not on the pitch")
    done = live.append(
        SubstitutionMade(
            event_id="sub1",
            match_id=M,
            team="home",
            player_off=p("home", 2),
            player_on=p("home", 12),
        )
    )
    again = SubstitutionMade(
        event_id="sub2", match_id=M, team="home", player_off=p("home", 2), player_on=p("home", 13)
    )
    assert_rejected(done, again, PlayerStateError, "player_off", "already substituted off")
    back = SubstitutionMade(
        event_id="sub3", match_id=M, team="home", player_off=p("home", 12), player_on=p("home", 2)
    )
    assert_rejected(done, back, PlayerStateError, "player_on", "already played")
    stranger = SubstitutionMade(
        event_id="sub4", match_id=M, team="home", player_off=p("home", 3), player_on=p("away", 12)
    )
    assert_rejected(done, stranger, PlayerStateError, "player_on", "not on the bench")
    assert_rejected(done, goal("g", "home", 2), PlayerStateError, "player", "was substituted off")
    assert len(done.append(goal("g", "home", 12, 20))) == len(done) + 1


def test_bench_players_can_be_booked_but_not_shoot(live: Ledger) -> None:
    """A substitute on the bench can get a card, not take a shot."""
    assert len(live.append(card("c", "home", 15, Card.YELLOW))) == len(live) + 1
    assert_rejected(live, goal("g", "home", 15), PlayerStateError, "player", "not on the pitch")
    assert_rejected(
        live, card("c", "home", 40, Card.YELLOW), PlayerStateError, "player", "not in the squad"
    )


def test_periods_follow_each_other(live: Ledger) -> None:
    """Periods start in order and one at a time; the clock must fit the period."""
    assert_rejected(live, start(Period.SECOND_HALF, 2), MatchStateError, "period", "in progress")
    assert_rejected(live, end(Period.SECOND_HALF, 2), MatchStateError, "period", "cannot end")
    assert_rejected(
        live, goal("g", "home", 9, 60), MatchStateError, "at", "falls in the second half"
    )
    half = live.append(end(Period.FIRST_HALF))
    assert_rejected(
        half,
        start(Period.EXTRA_TIME_FIRST_HALF, 2),
        MatchStateError,
        "period",
        "cannot follow first_half",
    )
    assert_rejected(half, end(Period.FIRST_HALF, 2), MatchStateError, "period", "cannot end")
    assert_rejected(
        live,
        MatchEnded(event_id="ft", match_id=M),
        MatchStateError,
        "type",
        "first half is in progress",
    )


def test_stoppage_time_is_written_as_added_time(live: Ledger) -> None:
    """47' in the first half is refused with the 45+2' hint; 45+2' is fine."""
    exc = assert_rejected(live, goal("g", "home", 9, 47), MatchStateError, "at", "second half")
    assert "45+2'" in str(exc)
    ok = ShotTaken(
        event_id="g",
        match_id=M,
        team="home",
        player=p("home", 9),
        at=MatchTime(minute=45, added=2),
        outcome=ShotOutcome.GOAL,
    )
    assert len(live.append(ok)) == len(live) + 1


def test_postponed_matches_do_not_start() -> None:
    """A postponed match must be rescheduled before play; it cannot be postponed once started."""
    postponed = Ledger(
        [schedule(), MatchStatusChanged(event_id="pp", match_id=M, status=MatchStatus.POSTPONED)]
    )
    assert_rejected(postponed, start(Period.FIRST_HALF), MatchStateError, "period", "postponed")
    again = postponed.append(
        MatchStatusChanged(
            event_id="rs",
            match_id=M,
            status=MatchStatus.SCHEDULED,
            kickoff=datetime(2024, 9, 1, 15, tzinfo=UTC),
        )
    )
    started = again.append(start(Period.FIRST_HALF))
    assert_rejected(
        started,
        MatchStatusChanged(event_id="pp2", match_id=M, status=MatchStatus.POSTPONED),
        MatchStateError,
        "status",
        "after kick-off",
    )


def test_a_suspended_period_can_restart(live: Ledger) -> None:
    """After a suspension the interrupted period starts again; play waits for it."""
    stopped = live.append(
        MatchStatusChanged(event_id="susp", match_id=M, status=MatchStatus.SUSPENDED, reason="fog")
    )
    assert_rejected(stopped, goal("g", "home", 9), MatchStateError, "type", "suspended")
    resumed = stopped.append(PeriodStarted(event_id="again", match_id=M, period=Period.FIRST_HALF))
    assert len(resumed.append(goal("g", "home", 9, 30))) == len(resumed) + 1


def test_lineups_come_before_kickoff(live: Ledger) -> None:
    """A lineup after kick-off, or a second one for a team, is refused."""
    fresh = Ledger([schedule()]).append(lineup("home"))
    assert_rejected(
        fresh,
        lineup("home").__class__(
            event_id="l2", match_id=M, team="home", starters=lineup("home").starters
        ),
        MatchStateError,
        "team",
        "already has a lineup",
    )
    no_lineup = Ledger([schedule(), start(Period.FIRST_HALF)])
    assert_rejected(
        no_lineup, lineup("away"), MatchStateError, "type", "LineupAnnounced after kick-off"
    )


def test_extend_is_all_or_nothing(live: Ledger) -> None:
    """A bad event in a batch rejects the whole batch, naming its position."""
    batch = [goal("g1", "home", 9, 10), goal("g2", "ghosts", 9, 11), goal("g3", "away", 9, 12)]
    with pytest.raises(UnknownTeamError) as info:
        live.extend(batch)
    assert info.value.index == len(live) + 1
    assert len(live) == 4
    # the state was not touched either: g1's id is still free, the score fold agrees
    assert len(live.extend([batch[0], batch[2]])) == 6


def test_a_failed_batch_does_not_leak_into_the_match_state(live: Ledger) -> None:
    """A yellow inside a failed batch does not count as a first yellow later."""
    with pytest.raises(DuplicateEventError):
        live.extend([card("c1", "home", 4, Card.YELLOW), card("c1", "home", 5, Card.YELLOW)])
    assert_rejected(
        live, card("c2", "home", 4, Card.SECOND_YELLOW), PlayerStateError, "card", "no first yellow"
    )


def test_appending_to_an_older_value_branches() -> None:
    """Appending to a ledger that is not the newest gives an independent ledger."""
    base = Ledger([schedule(), start(Period.FIRST_HALF)])
    a = base.append(goal("g1", "home", 9, 10))
    b = base.append(goal("g1", "away", 9, 10))  # same id, other branch: fine
    assert a[-1].team == "home"  # type: ignore[union-attr]
    assert b[-1].team == "away"  # type: ignore[union-attr]
    assert len(a) == len(b) == 3
    c = a.as_of(2).append(goal("g2", "away", 9, 12))
    assert [e.event_id for e in c] == ["s", "start1", "g2"]
    assert [e.event_id for e in a] == ["s", "start1", "g1"]


def test_as_of_by_position_and_by_id() -> None:
    """as_of takes a count of events or an event id (inclusive)."""
    ledger = load_example()
    assert len(ledger.as_of(5)) == 5
    assert ledger.as_of("ia-005")[-1].event_id == "ia-005"
    assert ledger.as_of(len(ledger)) == ledger
    with pytest.raises(KeyError):
        ledger.as_of("nope")
    with pytest.raises(IndexError):
        ledger.as_of(len(ledger) + 1)
    assert "ia-006" not in ledger.as_of("ia-005")
    assert "ia-006" in ledger


def test_filter_by_match() -> None:
    """for_match keeps one match's events, in order."""
    a = Ledger(
        [
            schedule(),
            schedule("m2", "s2"),
            start(Period.FIRST_HALF),
            PeriodStarted(event_id="x", match_id="m2", period=Period.FIRST_HALF),
        ]
    )
    assert [e.event_id for e in a.for_match("m2")] == ["s2", "x"]
    assert a.match_ids == (M, "m2")
    assert a.schedule("m2").event_id == "s2"
    with pytest.raises(KeyError):
        a.for_match("m3")


def test_value_semantics() -> None:
    """Ledgers compare, hash and pickle by their events."""
    a = load_example()
    b = load_example()
    assert a == b
    assert hash(a) == hash(b)
    assert a != a.as_of(3)
    assert pickle.loads(pickle.dumps(a)) == a  # noqa: S301 - our own data
    assert repr(a) == "<Ledger: 32 events, 1 match>"
    assert repr(Ledger()) == "<Ledger: 0 events, 0 matches>"


def test_own_goal_players_must_be_on_the_pitch(live: Ledger) -> None:
    """An own goal is by a player of the named team who is on the pitch."""
    og = OwnGoalScored(event_id="og", match_id=M, team="away", player=p("away", 16))
    assert_rejected(live, og, PlayerStateError, "player", "not on the pitch")


def test_between_periods_only_cards_and_substitutions(live: Ledger) -> None:
    """At half time a shot or foul is refused; a card or a substitution is fine."""
    half = live.append(end(Period.FIRST_HALF))
    assert_rejected(
        half,
        goal("g", "home", 9, 80),
        MatchStateError,
        "type",
        "between periods, after the first half ended",
    )
    assert_rejected(
        half,
        FoulCommitted(event_id="f", match_id=M, team="home", player=p("home", 2)),
        MatchStateError,
        "type",
        "between periods",
    )
    booked = half.append(card("c", "home", 4, Card.YELLOW))
    subbed = booked.append(
        SubstitutionMade(
            event_id="sub",
            match_id=M,
            team="home",
            player_off=p("home", 4),
            player_on=p("home", 12),
            at=MatchTime(minute=46),
        )
    )
    assert len(subbed) == len(half) + 2


def test_no_play_after_an_award() -> None:
    """Once a result is awarded, the match is not played on or restarted."""
    abandoned = Ledger(
        [
            schedule(),
            start(Period.FIRST_HALF),
            MatchStatusChanged(event_id="ab", match_id=M, status=MatchStatus.ABANDONED),
        ]
    )
    awarded = abandoned.append(ResultAwarded(event_id="aw", match_id=M, home_goals=0, away_goals=3))
    assert_rejected(awarded, start(Period.FIRST_HALF, 2), MatchStateError, "period", "abandoned")
    walkover = Ledger(
        [schedule(), ResultAwarded(event_id="aw", match_id=M, home_goals=3, away_goals=0)]
    )
    assert_rejected(
        walkover,
        start(Period.FIRST_HALF),
        MatchStateError,
        "period",
        "the result was awarded (event #1)",
    )
    assert_rejected(
        walkover, goal("g", "home", 9), MatchStateError, "type", "after the result was awarded"
    )


def test_var_review_time_must_fit_the_period(live: Ledger) -> None:
    """A VAR review at 60' while the first half is in progress is refused."""
    review = VarReviewed(
        event_id="v",
        match_id=M,
        incident=VarIncident.GOAL,
        decision=VarDecision.STANDS,
        at=MatchTime(minute=60),
    )
    assert_rejected(live, review, MatchStateError, "at", "falls in the second half")


def test_no_lineup_after_full_time() -> None:
    """A lineup after the final whistle is refused even when no period was recorded."""
    over = Ledger([schedule(), MatchEnded(event_id="ft", match_id=M)])
    assert_rejected(over, lineup("home"), MatchStateError, "type", "after kick-off")
