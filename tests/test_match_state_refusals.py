"""Every refusal of a match's state names the event, the field, the reason and the hint.

docs/reliability.md promises that a refused event is reported on one line that
names it (its position and its id), the field at fault and the reason. Each row of
the table below builds a small valid ledger, appends (or extends it with a batch
ending in) one event that its match cannot take, and checks the whole error: its
exact class, ``index``, ``event_id``, ``field``, ``reason`` and ``hint``, and its
one-line message. Reasons that quote a player, a period or a clock were worked out
by hand from the situation the row builds.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest

from builders import M, card, end, goal, lineup, p, schedule, start
from matchledger import (
    Card,
    CardRescinded,
    EventRejected,
    FoulCommitted,
    GoalCredited,
    GoalDisallowed,
    Ledger,
    MatchEnded,
    MatchOverError,
    MatchStateError,
    MatchStatus,
    MatchStatusChanged,
    MatchTime,
    PenaltyAppealDenied,
    PenaltyAwarded,
    Period,
    PeriodEnded,
    PlayerStateError,
    ResultAwarded,
    ResultRecorded,
    Score,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    SubstitutionMade,
    UnknownReferenceError,
    UnknownTeamError,
    VarDecision,
    VarIncident,
    VarReviewed,
)
from matchledger.events import Event

H1, H2 = Period.FIRST_HALF, Period.SECOND_HALF
ET1, ET2 = Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF
PENS = Period.PENALTY_SHOOTOUT

# --- small events ------------------------------------------------------------------------


def at(minute: int, added: int = 0) -> MatchTime:
    return MatchTime(minute=minute, added=added)


def foul(event_id: str, team: str = "home", n: int = 4, minute: int | None = None) -> FoulCommitted:
    return FoulCommitted(
        event_id=event_id,
        match_id=M,
        team=team,
        player=p(team, n),
        at=None if minute is None else at(minute),
    )


def shot(event_id: str, team: str = "home", n: int = 9, **fields: object) -> ShotTaken:
    fields.setdefault("outcome", ShotOutcome.SAVED)
    return ShotTaken(event_id=event_id, match_id=M, team=team, player=p(team, n), **fields)  # type: ignore[arg-type]


def sub(event_id: str, off: int, on: int, team: str = "home") -> SubstitutionMade:
    return SubstitutionMade(
        event_id=event_id, match_id=M, team=team, player_off=p(team, off), player_on=p(team, on)
    )


def status(event_id: str, new: MatchStatus) -> MatchStatusChanged:
    return MatchStatusChanged(event_id=event_id, match_id=M, status=new)


def result(event_id: str, home: int, away: int, **fields: object) -> ResultRecorded:
    return ResultRecorded(event_id=event_id, match_id=M, home_goals=home, away_goals=away, **fields)  # type: ignore[arg-type]


def awarded(event_id: str = "aw") -> ResultAwarded:
    return ResultAwarded(event_id=event_id, match_id=M, home_goals=3, away_goals=0)


def kick(event_id: str, team: str = "home", n: int = 9) -> ShootoutKickTaken:
    return ShootoutKickTaken(
        event_id=event_id, match_id=M, team=team, player=p(team, n), outcome=ShotOutcome.GOAL
    )


def disallow(event_id: str, goal_id: str) -> GoalDisallowed:
    return GoalDisallowed(event_id=event_id, match_id=M, goal=goal_id)


def periods(*played: Period) -> list[Event]:
    """Each period started and ended, numbered 1, 2, ... as the builders number them."""
    out: list[Event] = []
    for n, period in enumerate(played, start=1):
        out += [start(period, n), end(period, n)]
    return out


# --- the matches the rows start from ----------------------------------------------------

# both lineups known, the first half in progress (positions 0 to 3)
LIVE: list[Event] = [schedule(), lineup("home"), lineup("away"), start(H1)]
# no lineups: 90 minutes played, not yet ended (positions 0 to 4)
NINETY: list[Event] = [schedule(), *periods(H1, H2)]
# no lineups: 90 minutes and full time (positions 0 to 5)
FULL_TIME: list[Event] = [*NINETY, MatchEnded(event_id="ft", match_id=M)]
# no lineups: 120 minutes, a penalty shootout in progress (positions 0 to 9)
SHOOTOUT: list[Event] = [schedule(), *periods(H1, H2, ET1, ET2), start(PENS, 5)]
# the first half of LIVE with a goal for the home side, at position 4
GOAL_UP: list[Event] = [*LIVE, goal("g1", "home", 9, minute=10)]

PENALTY_HINT = "start the shootout with PeriodStarted(period='penalty_shootout')"
ON_PITCH_HINT = "check the lineup and substitutions of the match"


def row(  # noqa: PLR0917 - one row of the table: the set-up and the whole expected error
    name: str,
    before: Sequence[Event],
    batch: Sequence[Event],
    error: type[EventRejected],
    field: str,
    reason: str,
    hint: str = "",
) -> object:
    """A case: ``Ledger(before).extend(batch)`` refuses the last event of ``batch``."""
    return pytest.param(list(before), list(batch), (error, field, reason, hint), id=name)


CASES = [
    # --- play outside a period of play (_check_play_fully) ---
    row(
        "foul-after-full-time",
        [schedule()],
        [*FULL_TIME[1:], foul("f")],
        MatchOverError,
        "type",
        "FoulCommitted comes after full time (event #5)",
        "record corrections with GoalDisallowed or ResultAwarded",
    ),
    row(
        "card-after-result-recorded",
        NINETY,
        [result("r", 0, 0), card("c", "home", 4, Card.YELLOW)],
        MatchOverError,
        "type",
        "CardShown comes after full time (event #5)",
        "record corrections with GoalDisallowed or ResultAwarded",
    ),
    row(
        "shot-while-postponed",
        [schedule(), status("pp", MatchStatus.POSTPONED)],
        [shot("x")],
        MatchStateError,
        "type",
        "ShotTaken while the match is postponed",
        "restart play with PeriodStarted first",
    ),
    row(
        "foul-while-suspended",
        [schedule(), start(H1)],
        [status("susp", MatchStatus.SUSPENDED), foul("f")],
        MatchStateError,
        "type",
        "FoulCommitted while the match is suspended",
        "restart play with PeriodStarted first",
    ),
    row(
        "foul-after-award",
        [schedule(), start(H1), awarded()],
        [foul("f")],
        MatchStateError,
        "type",
        "FoulCommitted after the result was awarded (event #2)",
    ),
    row(
        "shot-in-shootout",
        SHOOTOUT,
        [shot("x")],
        MatchStateError,
        "type",
        "ShotTaken during the penalty shootout",
        "record shootout kicks as ShootoutKickTaken",
    ),
    row(
        "foul-at-half-time",
        [schedule(), start(H1)],
        [end(H1), foul("f")],
        MatchStateError,
        "type",
        "FoulCommitted between periods, after the first half ended",
        "append PeriodStarted for the next period first",
    ),
    row(
        "penalty-awarded-after-extra-time",
        [schedule(), *periods(H1, H2, ET1, ET2)],
        [PenaltyAwarded(event_id="pa", match_id=M, team="away")],
        MatchStateError,
        "type",
        "PenaltyAwarded between periods, after the extra time second half ended",
        "append PeriodStarted for the next period first",
    ),
    # --- a clock outside the period in progress (_check_at) ---
    row(
        "shot-clock-in-the-wrong-half",
        LIVE,
        [shot("x", at=at(47))],
        MatchStateError,
        "at",
        "47' falls in the second half, but the first half is in progress",
        "write stoppage time as 45+2', not 47'",
    ),
    row(
        "var-review-clock-in-the-wrong-half",
        [schedule(), *periods(H1), start(H2, 2)],
        [
            VarReviewed(
                event_id="var",
                match_id=M,
                incident=VarIncident.PENALTY,
                decision=VarDecision.STANDS,
                at=at(45, 2),
            )
        ],
        MatchStateError,
        "at",
        "45+2' falls in the first half, but the second half is in progress",
        "write stoppage time as 45+2', not 47'",
    ),
    # --- players (_check_on_pitch and _check_team, not _fail, but the same promise) ---
    row(
        "shot-by-a-substitute-on-the-bench",
        LIVE,
        [shot("x", n=14)],
        PlayerStateError,
        "player",
        "'Home 14' (home14) of 'home' is not on the pitch",
        ON_PITCH_HINT,
    ),
    row(
        "assist-by-a-player-substituted-off",
        LIVE,
        [sub("s1", 7, 12), shot("x", outcome=ShotOutcome.GOAL, assist=p("home", 7))],
        PlayerStateError,
        "assist",
        "'Home 7' (home7) of 'home' was substituted off",
        ON_PITCH_HINT,
    ),
    row(
        "save-by-a-player-sent-off",
        LIVE,
        [card("r", "away", 1, Card.RED), shot("x", stopped_by=p("away", 1))],
        PlayerStateError,
        "stopped_by",
        "'Away 1' (away1) was sent off and cannot take part again",
    ),
    row(
        "penalty-won-by-a-bench-player",
        LIVE,
        [PenaltyAwarded(event_id="pa", match_id=M, team="home", won_by=p("home", 15))],
        PlayerStateError,
        "won_by",
        "'Home 15' (home15) of 'home' is not on the pitch",
        ON_PITCH_HINT,
    ),
    row(
        "penalty-conceded-by-a-bench-player",
        LIVE,
        [PenaltyAwarded(event_id="pa", match_id=M, team="home", conceded_by=p("away", 16))],
        PlayerStateError,
        "conceded_by",
        "'Away 16' (away16) of 'away' is not on the pitch",
        ON_PITCH_HINT,
    ),
    row(
        "appeal-claimed-by-a-bench-player",
        LIVE,
        [PenaltyAppealDenied(event_id="ad", match_id=M, team="away", claimed_by=p("away", 17))],
        PlayerStateError,
        "claimed_by",
        "'Away 17' (away17) of 'away' is not on the pitch",
        ON_PITCH_HINT,
    ),
    row(
        "appeal-against-a-bench-player",
        LIVE,
        [PenaltyAppealDenied(event_id="ad", match_id=M, team="away", against=p("home", 18))],
        PlayerStateError,
        "against",
        "'Home 18' (home18) of 'home' is not on the pitch",
        ON_PITCH_HINT,
    ),
    row(
        "foul-by-an-unknown-team",
        LIVE,
        [foul("f", team="ghosts")],
        UnknownTeamError,
        "team",
        "'ghosts' does not play in match 'm1'",
        "use 'home' or 'away'",
    ),
    # --- references to other events (admit and _check_reference) ---
    row(
        "credit-a-disallowed-goal",
        GOAL_UP,
        [
            disallow("d", "g1"),
            GoalCredited(event_id="gc", match_id=M, goal="g1", player=p("home", 10)),
        ],
        MatchStateError,
        "goal",
        "'g1' is not a goal that stands (never a goal, or disallowed)",
    ),
    row(
        "rescind-a-card-twice",
        [*LIVE, card("c1", "home", 4, Card.YELLOW)],
        [
            CardRescinded(event_id="cr1", match_id=M, card="c1"),
            CardRescinded(event_id="cr2", match_id=M, card="c1"),
        ],
        MatchStateError,
        "card",
        "'c1' was already rescinded",
    ),
    row(
        "disallow-a-goal-never-appended",
        LIVE,
        [disallow("d", "nope")],
        UnknownReferenceError,
        "goal",
        "names 'nope', no event in this ledger",
    ),
    row(
        "disallow-a-goal-of-another-match",
        [
            schedule(match_id="m2", event_id="s2"),
            attrs.evolve(goal("other", "home", 9), match_id="m2"),
            schedule(),
        ],
        [disallow("d", "other")],
        UnknownReferenceError,
        "goal",
        "names 'other', no event in match 'm1'",
    ),
    row(
        "rescind-a-period-start",
        LIVE,
        [CardRescinded(event_id="cr", match_id=M, card="start1")],
        UnknownReferenceError,
        "card",
        "names 'start1', a PeriodStarted",
    ),
    row(
        "review-of-a-goal-never-appended",
        GOAL_UP,
        [
            VarReviewed(
                event_id="var",
                match_id=M,
                incident=VarIncident.GOAL,
                decision=VarDecision.OVERTURNED,
                subject="g2",
            )
        ],
        UnknownReferenceError,
        "subject",
        "names 'g2', no event in this ledger",
    ),
    # --- cards (_admit_card) ---
    row(
        "card-for-a-player-sent-off",
        LIVE,
        [card("c1", "home", 4, Card.RED), card("c2", "home", 4, Card.YELLOW)],
        PlayerStateError,
        "player",
        "'Home 4' (home4) was already sent off",
    ),
    row(
        "card-for-a-player-outside-the-squad",
        LIVE,
        [card("c", "away", 30, Card.YELLOW)],
        PlayerStateError,
        "player",
        "'Away 30' (away30) is not in the squad of 'away'",
        "a card for a coach or other official takes official=True",
    ),
    row(
        "second-yellow-without-a-first",
        LIVE,
        [card("c", "home", 5, Card.SECOND_YELLOW)],
        PlayerStateError,
        "card",
        "second_yellow for 'Home 5' (home5), who has no first yellow in this match",
        "record the first caution as card='yellow', or a straight red as 'red'",
    ),
    row(
        "two-yellows",
        LIVE,
        [card("c1", "home", 5, Card.YELLOW), card("c2", "home", 5, Card.YELLOW)],
        PlayerStateError,
        "card",
        "yellow for 'Home 5' (home5), who was already cautioned in this match",
        "a second caution is card='second_yellow'",
    ),
    # --- substitutions (_admit_substitution) ---
    row(
        "substitute-a-player-off-twice",
        LIVE,
        [sub("s1", 2, 12), sub("s2", 2, 13)],
        PlayerStateError,
        "player_off",
        "'Home 2' (home2) was already substituted off",
    ),
    row(
        "bring-on-a-substitute-sent-off-on-the-bench",
        LIVE,
        [card("c", "home", 12, Card.RED), sub("sub", 3, 12)],
        PlayerStateError,
        "player_on",
        "'Home 12' (home12) was sent off",
    ),
    row(
        "bring-on-a-starter",
        LIVE,
        [sub("sub", 2, 3)],
        PlayerStateError,
        "player_on",
        "'Home 3' (home3) has already played in this match",
    ),
    row(
        "bring-on-a-substitute-twice",
        LIVE,
        [sub("s1", 2, 12), sub("s2", 4, 12)],
        PlayerStateError,
        "player_on",
        "'Home 12' (home12) has already played in this match",
    ),
    row(
        "bring-on-a-player-off-the-bench-list",
        LIVE,
        [sub("sub", 2, 30, team="away")],
        PlayerStateError,
        "player_on",
        "'Away 30' (away30) is not on the bench of 'away'",
    ),
    # --- shootout kicks (_admit_kick) ---
    row(
        "kick-in-the-first-half",
        LIVE,
        [kick("k")],
        MatchStateError,
        "type",
        "ShootoutKickTaken outside a penalty shootout",
        PENALTY_HINT,
    ),
    row(
        "kick-by-an-outfield-player-sent-off",
        SHOOTOUT,
        [card("r", "away", 8, Card.RED), kick("k", team="away", n=8)],
        PlayerStateError,
        "player",
        "'Away 8' (away8) was sent off and cannot take part again",
    ),
    # --- starting a period (_admit_period_start) ---
    row(
        "extra-time-after-full-time",
        [schedule()],
        [*FULL_TIME[1:], start(ET1, 3)],
        MatchOverError,
        "period",
        "extra_time_first_half cannot start after full time (event #5)",
    ),
    row(
        "kick-off-while-postponed",
        [schedule()],
        [status("pp", MatchStatus.POSTPONED), start(H1)],
        MatchStateError,
        "period",
        "first_half cannot start while the match is postponed",
        "reschedule it with MatchStatusChanged(status='scheduled') first",
    ),
    row(
        "kick-off-while-cancelled",
        [schedule()],
        [status("cc", MatchStatus.CANCELLED), start(H1)],
        MatchStateError,
        "period",
        "first_half cannot start while the match is cancelled",
        "a cancelled match is not played on; a replay is a match of its own",
    ),
    row(
        "second-half-after-award",
        [schedule(), *periods(H1)],
        [awarded(), start(H2, 2)],
        MatchStateError,
        "period",
        "second_half cannot start: the result was awarded (event #3)",
    ),
    row(
        "second-half-during-the-first",
        LIVE,
        [start(H2, 2)],
        MatchStateError,
        "period",
        "second_half cannot start while the first_half is in progress",
        "append PeriodEnded first",
    ),
    row(
        "second-half-before-kick-off",
        [schedule()],
        [start(H2)],
        MatchStateError,
        "period",
        "second_half cannot follow kick-off",
        "the next period is first_half",
    ),
    row(
        "first-half-again-after-ninety-minutes",
        NINETY,
        [start(H1, 3)],
        MatchStateError,
        "period",
        "first_half cannot follow second_half",
        "the next period is extra_time_first_half or penalty_shootout",
    ),
    row(
        "a-period-after-the-shootout",
        [schedule()],
        [*SHOOTOUT[1:], end(PENS, 5), start(ET1, 6)],
        MatchStateError,
        "period",
        "extra_time_first_half cannot follow penalty_shootout",
        "the next period is none: the match is over",
    ),
    # --- ending a period (_admit_period_end) ---
    row(
        "end-the-second-half-in-the-first",
        LIVE,
        [end(H2)],
        MatchStateError,
        "period",
        "second_half cannot end: first_half is in progress",
    ),
    row(
        "end-a-half-at-half-time",
        [schedule(), start(H1)],
        [end(H1), end(H1, 2)],
        MatchStateError,
        "period",
        "first_half cannot end: no period is in progress",
    ),
    row(
        "end-the-first-half-at-50-minutes",
        LIVE,
        [PeriodEnded(event_id="e", match_id=M, period=H1, at=at(50))],
        MatchStateError,
        "at",
        "50' is not a time in the first half",
    ),
    row(
        "end-the-shootout-at-a-clock-time",
        SHOOTOUT,
        [PeriodEnded(event_id="e", match_id=M, period=PENS, at=at(120, 5))],
        MatchStateError,
        "at",
        "120+5' is not a time in the penalty shootout",
    ),
    # --- full time (_admit_end) ---
    row(
        "full-time-twice",
        [schedule()],
        [*FULL_TIME[1:], MatchEnded(event_id="ft2", match_id=M)],
        MatchOverError,
        "type",
        "MatchEnded, but the match already ended (event #5)",
    ),
    row(
        "full-time-during-extra-time",
        [schedule(), *periods(H1, H2)],
        [start(ET1, 3), MatchEnded(event_id="ft", match_id=M)],
        MatchStateError,
        "type",
        "MatchEnded while the extra time first half is in progress",
        "append PeriodEnded first",
    ),
    row(
        "full-time-of-a-postponed-match",
        [schedule(), status("pp", MatchStatus.POSTPONED)],
        [MatchEnded(event_id="ft", match_id=M)],
        MatchStateError,
        "type",
        "MatchEnded while the match is postponed",
    ),
    # --- status changes (_admit_status) ---
    row(
        "postpone-after-full-time",
        FULL_TIME,
        [status("pp", MatchStatus.POSTPONED)],
        MatchOverError,
        "status",
        "cannot become postponed: the match already ended (event #5)",
    ),
    row(
        "cancel-after-kick-off",
        [schedule()],
        [*periods(H1), status("cx", MatchStatus.CANCELLED)],
        MatchStateError,
        "status",
        "cannot become cancelled after kick-off",
        "a started match is suspended or abandoned",
    ),
    row(
        "suspend-at-half-time",
        [schedule(), *periods(H1)],
        [status("susp", MatchStatus.SUSPENDED)],
        MatchStateError,
        "status",
        "cannot become suspended: no period is in progress",
    ),
    row(
        "reschedule-a-match-in-play",
        LIVE,
        [status("rs", MatchStatus.SCHEDULED)],
        MatchStateError,
        "status",
        "cannot become scheduled from in_play",
        "only a postponed or suspended match is rescheduled",
    ),
    row(
        "abandon-a-cancelled-match",
        [schedule()],
        [status("cx", MatchStatus.CANCELLED), status("ab", MatchStatus.ABANDONED)],
        MatchStateError,
        "status",
        "cannot change: the match was cancelled",
        "record its result with ResultAwarded",
    ),
    # --- lineups (_admit_lineup) ---
    row(
        "second-lineup-for-a-team",
        [schedule(), lineup("home")],
        [attrs.evolve(lineup("home"), event_id="l-home-again")],
        MatchStateError,
        "team",
        "'home' already has a lineup in this match",
    ),
    row(
        "lineup-after-kick-off",
        [schedule(), lineup("home")],
        [start(H1), lineup("away")],
        MatchStateError,
        "type",
        "LineupAnnounced after kick-off; a lineup comes before the first period",
    ),
    # --- recorded results (_admit_result) ---
    row(
        "result-recorded-twice",
        [schedule()],
        [result("r1", 2, 1), result("r2", 2, 1)],
        MatchStateError,
        "type",
        "ResultRecorded, but the result is already recorded (event #1)",
        "correct a result with ResultAwarded",
    ),
    row(
        "result-during-the-second-half",
        [schedule(), *periods(H1)],
        [start(H2, 2), result("r", 0, 0)],
        MatchStateError,
        "type",
        "ResultRecorded while the second half is in progress",
        "append PeriodEnded first",
    ),
    row(
        "result-of-a-postponed-match",
        [schedule(), status("pp", MatchStatus.POSTPONED)],
        [result("r", 0, 0)],
        MatchStateError,
        "type",
        "ResultRecorded while the match is postponed",
        "an abandoned or cancelled match gets its result with ResultAwarded",
    ),
    row(
        "result-at-half-time",
        [schedule(), *periods(H1)],
        [result("r", 0, 0)],
        MatchStateError,
        "type",
        "ResultRecorded after the first half",
        "a result comes after the last period",
    ),
    row(
        "result-of-a-rescheduled-suspended-match",
        [schedule(), start(H1)],
        [
            status("susp", MatchStatus.SUSPENDED),
            status("rs", MatchStatus.SCHEDULED),
            result("r", 0, 0),
        ],
        MatchStateError,
        "type",
        "ResultRecorded before the first period ended",
        "a result comes after the last period",
    ),
    row(
        "result-that-misses-a-goal",
        [schedule(), start(H1), goal("g1", "away", 9), end(H1)],
        [start(H2, 2), end(H2, 2), result("r", 1, 0)],
        MatchStateError,
        "home_goals",
        "1-0 disagrees with the goals recorded in this match (0-1)",
    ),
    row(
        "result-that-misses-an-away-goal",
        [schedule(), start(H1), goal("g1", "away", 9), goal("g2", "home", 9), end(H1)],
        [start(H2, 2), end(H2, 2), result("r", 1, 0)],
        MatchStateError,
        "away_goals",
        "1-0 disagrees with the goals recorded in this match (1-1)",
    ),
    # --- a recorded result's details (_check_result_periods) ---
    row(
        "result-not-after-extra-time",
        [schedule()],
        [*periods(H1, H2, ET1, ET2), result("r", 0, 0)],
        MatchStateError,
        "after_extra_time",
        "is false, but this match went to extra time",
    ),
    row(
        "result-after-extra-time-that-never-was",
        NINETY,
        [result("r", 0, 0, after_extra_time=True)],
        MatchStateError,
        "after_extra_time",
        "is true, but this match ended after the second half",
    ),
    row(
        "result-with-a-wrong-half-time-score",
        [schedule(), start(H1), goal("g1", "home", 9, minute=20), end(H1)],
        [start(H2, 2), end(H2, 2), result("r", 1, 0, half_time=Score(home=0, away=0))],
        MatchStateError,
        "half_time",
        "0-0 disagrees with the goals recorded in this match (1-0)",
    ),
    row(
        "result-with-a-wrong-full-time-score",
        [schedule(), *periods(H1, H2), start(ET1, 3), goal("g1", "away", 9, minute=100)],
        [
            end(ET1, 3),
            start(ET2, 4),
            end(ET2, 4),
            result("r", 0, 1, after_extra_time=True, full_time=Score(home=0, away=1)),
        ],
        MatchStateError,
        "full_time",
        "0-1 disagrees with the goals recorded in this match (0-0)",
    ),
    # --- disallowed goals (_admit_disallowed) ---
    row(
        "disallow-a-saved-shot",
        [*LIVE, shot("sh")],
        [disallow("d", "sh")],
        UnknownReferenceError,
        "goal",
        "names 'sh', a shot whose outcome is 'saved'",
    ),
    row(
        "disallow-a-goal-twice",
        GOAL_UP,
        [disallow("d1", "g1"), disallow("d2", "g1")],
        MatchStateError,
        "goal",
        "'g1' was already disallowed",
    ),
    row(
        "disallow-a-goal-of-a-recorded-result",
        [schedule(), start(H1), goal("g1", "home", 9), end(H1)],
        [start(H2, 2), end(H2, 2), result("r", 1, 0), disallow("d", "g1")],
        MatchStateError,
        "goal",
        "'g1' is part of the result recorded by event #6",
        "correct a recorded result with ResultAwarded",
    ),
]


@pytest.mark.parametrize(("before", "batch", "expected"), CASES)
def test_a_refused_event_is_named_with_its_field_reason_and_hint(
    before: list[Event], batch: list[Event], expected: tuple[type[EventRejected], str, str, str]
) -> None:
    error, field, reason, hint = expected
    ledger = Ledger(before)
    refused = batch[-1]
    index = len(before) + len(batch) - 1
    with pytest.raises(EventRejected) as info:
        ledger.extend(batch)
    exc = info.value
    assert type(exc) is error
    assert (exc.index, exc.event_id, exc.field, exc.reason, exc.hint) == (
        index,
        refused.event_id,
        field,
        reason,
        hint,
    )
    message = f"event #{index} ({refused.event_id!r}): {field} {reason}"
    assert str(exc) == (f"{message}; {hint}" if hint else message)
    assert "\n" not in str(exc)
    assert len(ledger) == len(before)  # the batch was refused whole
