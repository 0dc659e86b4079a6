"""The score fold: a match's scoreline derived from its events.

Goals are :class:`~matchledger.events.ShotTaken` events with outcome ``GOAL`` (for
the shooter's team) and :class:`~matchledger.events.OwnGoalScored` events (for the
other team), minus any :class:`~matchledger.events.GoalDisallowed`. Kicks of a
penalty shootout are counted apart and never change the score. A
:class:`~matchledger.events.ResultRecorded` stands for the goals of a match known
only by its scores, with the half-time, 90-minute and shootout scores it gives. A
:class:`~matchledger.events.ResultAwarded` overrides the pitch.

A goal belongs to the period its clock time falls in (``45+2'`` is the first half);
a goal recorded without a time belongs to the period in progress when it was
recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

import attrs
from attrs import frozen

from matchledger.events import (
    Event,
    GoalDisallowed,
    MatchEnded,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    OwnGoalScored,
    Period,
    PeriodEnded,
    PeriodStarted,
    ResultAwarded,
    ResultRecorded,
    Score,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    Team,
)
from matchledger.folds._fold import run

__all__ = ["Score", "ScoreFold", "ScoreState", "Scoreline", "score", "scores"]

Side = Literal["home", "away"]


@frozen(kw_only=True)
class Scoreline:
    """The score of a match as it stands after the events folded so far.

    Attributes:
        match_id: the match.
        home: the home team.
        away: the away team.
        home_goals: the home side's goals in the result that counts: the awarded
            result if there is one, otherwise the goals on the pitch, extra time
            included.
        away_goals: likewise for the away side.
        half_time: the score at the end of the first half, once it is over (``None``
            before, or when a goal's period is unknown).
        full_time: the score after the second half (90 minutes and stoppage time).
            For a :class:`~matchledger.events.ResultRecorded` after extra time it is
            the result's ``full_time`` (``None`` when the source does not give it).
        extra_time: the score after extra time, when extra time was played.
        shootout: the kicks scored in a penalty shootout, when there was one.
        on_pitch: the goals on the pitch, whatever was awarded.
        status: where the match stands.

    Example:
        >>> from matchledger import load_example, score
        >>> s = score(load_example(), "inter-atalanta-2020-01-11")
        >>> str(s.half_time), f"{s.home_goals}-{s.away_goals}", s.status.value
        ('1-0', '1-1', 'finished')
    """

    match_id: str
    home: Team
    away: Team
    home_goals: int
    away_goals: int
    half_time: Score | None
    full_time: Score | None
    extra_time: Score | None
    shootout: Score | None
    on_pitch: Score
    status: MatchStatus

    @property
    def winner(self) -> Team | None:
        """The team that won (on goals, or on the shootout when level), else ``None``.

        ``None`` too while the match is not finished or awarded.
        """
        if self.status not in (MatchStatus.FINISHED, MatchStatus.AWARDED):
            return None
        if self.home_goals != self.away_goals:
            return self.home if self.home_goals > self.away_goals else self.away
        shootout = self.shootout
        if shootout is None or self.status is not MatchStatus.FINISHED:
            return None
        if shootout.home == shootout.away:
            return None
        return self.home if shootout.home > shootout.away else self.away

    def __str__(self) -> str:
        """``Inter 1-1 Atalanta (HT 1-0)``, with extra time and shootout when played."""
        out = f"{self.home.name} {self.home_goals}-{self.away_goals} {self.away.name}"
        notes = []
        if self.half_time is not None:
            notes.append(f"HT {self.half_time}")
        if self.extra_time is not None:
            notes.append("after extra time")
        if self.shootout is not None:
            notes.append(f"{self.shootout} on penalties")
        if self.status is MatchStatus.AWARDED:
            notes.append(f"awarded; {self.on_pitch} on the pitch")
        elif self.status is not MatchStatus.FINISHED:
            notes.append(self.status.value.replace("_", " "))
        return f"{out} ({', '.join(notes)})" if notes else out


@frozen(kw_only=True)
class _Goal:
    event_id: str
    side: Side
    period: Period | None


@frozen(kw_only=True)
class ScoreState:
    """The score fold's state for one match (see :class:`ScoreFold`)."""

    match_id: str
    home: Team | None = None
    away: Team | None = None
    period: Period | None = None
    started: frozenset[Period] = frozenset()
    ended_periods: frozenset[Period] = frozenset()
    goals: tuple[_Goal, ...] = ()
    disallowed: frozenset[str] = frozenset()
    shootout_home: int = 0
    shootout_away: int = 0
    awarded: Score | None = None
    recorded: ResultRecorded | None = None
    ended: bool = False
    status: MatchStatus = MatchStatus.SCHEDULED


class ScoreFold:
    """The fold that gives one match's :class:`Scoreline`; events of other matches pass by.

    Example:
        >>> from matchledger import load_example, run
        >>> fold = ScoreFold("inter-atalanta-2020-01-11")
        >>> str(fold.view(run(fold, load_example())))
        'Inter 1-1 Atalanta (HT 1-0)'
    """

    __slots__ = ("match_id",)

    def __init__(self, match_id: str) -> None:
        """Fold the events of ``match_id``."""
        self.match_id = match_id

    def initial(self) -> ScoreState:
        """Nothing known yet."""
        return ScoreState(match_id=self.match_id)

    def step(self, state: ScoreState, event: Event, /) -> ScoreState:  # noqa: C901, PLR0911, PLR0912
        """The state after ``event``."""
        if getattr(event, "match_id", None) != state.match_id:
            return state
        evolve = attrs.evolve
        if isinstance(event, ShotTaken):
            if not event.is_goal:
                return state
            return _add_goal(state, event.event_id, event.team, event, own_goal=False)
        if isinstance(event, OwnGoalScored):
            return _add_goal(state, event.event_id, event.team, event, own_goal=True)
        if isinstance(event, ShootoutKickTaken):
            if not event.scored or state.home is None:
                return state
            if event.team == state.home.team_id:
                return evolve(state, shootout_home=state.shootout_home + 1)
            return evolve(state, shootout_away=state.shootout_away + 1)
        if isinstance(event, GoalDisallowed):
            return evolve(state, disallowed=state.disallowed | {event.goal})
        if isinstance(event, PeriodStarted):
            return evolve(
                state,
                period=event.period,
                started=state.started | {event.period},
                status=_unless_awarded(state, MatchStatus.IN_PLAY),
            )
        if isinstance(event, PeriodEnded):
            return evolve(state, period=None, ended_periods=state.ended_periods | {event.period})
        if isinstance(event, MatchEnded):
            return evolve(
                state, period=None, ended=True, status=_unless_awarded(state, MatchStatus.FINISHED)
            )
        if isinstance(event, MatchStatusChanged):
            return evolve(state, period=None, status=_unless_awarded(state, event.status))
        if isinstance(event, ResultRecorded):
            return evolve(
                state,
                recorded=event,
                period=None,
                ended=True,
                status=_unless_awarded(state, MatchStatus.FINISHED),
            )
        if isinstance(event, ResultAwarded):
            awarded = Score(home=event.home_goals, away=event.away_goals)
            return evolve(state, awarded=awarded, status=MatchStatus.AWARDED)
        if isinstance(event, MatchScheduled):
            return evolve(state, home=event.home, away=event.away)
        return state

    def view(self, state: ScoreState) -> Scoreline:
        """The :class:`Scoreline` of a state.

        Raises:
            KeyError: when the state has not seen the match's ``MatchScheduled``.
        """
        if state.home is None or state.away is None:
            msg = f"no match {state.match_id!r} in the events folded"
            raise KeyError(msg)
        counted = [g for g in state.goals if g.event_id not in state.disallowed]
        on_pitch = _count(counted, None)
        known = all(g.period is not None for g in counted)
        over = state.ended
        later = state.started | state.ended_periods

        def upto(period: Period, *periods: Period) -> Score | None:
            finished = period in state.ended_periods or bool(later & _AFTER[period]) or over
            return _count(counted, {period, *periods}) if finished and known else None

        half_time = upto(Period.FIRST_HALF)
        full_time = upto(Period.SECOND_HALF, Period.FIRST_HALF)
        played_extra = bool(later & _EXTRA) or any(
            g.period is not None and g.period.is_extra_time for g in counted
        )
        extra_time = on_pitch if played_extra else None
        shootout = None
        if Period.PENALTY_SHOOTOUT in state.started or state.shootout_home or state.shootout_away:
            shootout = Score(home=state.shootout_home, away=state.shootout_away)
        rec = state.recorded
        if rec is not None:
            on_pitch, half_time, full_time, extra_time = _recorded(
                rec, half_time, full_time, extra_time, detailed=bool(counted)
            )
            if rec.shootout is not None:
                shootout = rec.shootout
        result = state.awarded or on_pitch
        return Scoreline(
            match_id=state.match_id,
            home=state.home,
            away=state.away,
            home_goals=result.home,
            away_goals=result.away,
            half_time=half_time,
            full_time=full_time,
            extra_time=extra_time,
            shootout=shootout,
            on_pitch=on_pitch,
            status=state.status,
        )


_NIL = Score(home=0, away=0)
_EXTRA = frozenset({Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF})
_AFTER: dict[Period, frozenset[Period]] = {
    Period.FIRST_HALF: frozenset(
        {
            Period.SECOND_HALF,
            Period.EXTRA_TIME_FIRST_HALF,
            Period.EXTRA_TIME_SECOND_HALF,
            Period.PENALTY_SHOOTOUT,
        }
    ),
    Period.SECOND_HALF: frozenset(
        {Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF, Period.PENALTY_SHOOTOUT}
    ),
}


def _recorded(
    rec: ResultRecorded,
    half_time: Score | None,
    full_time: Score | None,
    extra_time: Score | None,
    *,
    detailed: bool,
) -> tuple[Score, Score | None, Score | None, Score | None]:
    """The goals on the pitch, half time, full time and extra time with a recorded result.

    The scores given are those counted from the goal events, if any; the ledger
    guarantees that the recorded scores agree with them.
    """
    on_pitch = Score(home=rec.home_goals, away=rec.away_goals)
    goalless = on_pitch == _NIL
    if rec.half_time is not None:
        half_time = rec.half_time
    elif not detailed and not goalless:
        half_time = None  # goals without detail: the half-time score is unknown
    if not rec.after_extra_time:
        return on_pitch, half_time, on_pitch, extra_time
    if rec.full_time is not None:
        full_time = rec.full_time
    elif not detailed:
        full_time = _NIL if goalless else None  # unknown, unless 0-0 after extra time
    return on_pitch, half_time, full_time, on_pitch


def _unless_awarded(state: ScoreState, status: MatchStatus) -> MatchStatus:
    return MatchStatus.AWARDED if state.status is MatchStatus.AWARDED else status


def _add_goal(
    state: ScoreState,
    event_id: str,
    team: str,
    event: ShotTaken | OwnGoalScored,
    *,
    own_goal: bool,
) -> ScoreState:
    if state.home is None:
        return state
    scorer_is_home = team == state.home.team_id
    side: Side = "home" if scorer_is_home != own_goal else "away"
    period = event.at.period if event.at is not None else state.period
    goal = _Goal(event_id=event_id, side=side, period=period)
    return attrs.evolve(state, goals=(*state.goals, goal))


def _count(goals: list[_Goal], periods: set[Period] | None) -> Score:
    home = away = 0
    for g in goals:
        if periods is None or g.period in periods:
            if g.side == "home":
                home += 1
            else:
                away += 1
    return Score(home=home, away=away)


def score(events: Iterable[Event], match_id: str) -> Scoreline:
    """The :class:`Scoreline` of one match of a ledger (or of any events in ledger order).

    Raises:
        KeyError: when the events do not schedule ``match_id``.

    Example:
        >>> from matchledger import load_example
        >>> s = score(load_example(), "inter-atalanta-2020-01-11")
        >>> (s.home.name, s.home_goals, s.away_goals, s.away.name)
        ('Inter', 1, 1, 'Atalanta')
    """
    fold = ScoreFold(match_id)
    return fold.view(run(fold, events))


_SCORING: Final = frozenset(
    {
        MatchScheduled,
        ShotTaken,
        OwnGoalScored,
        ShootoutKickTaken,
        GoalDisallowed,
        PeriodStarted,
        PeriodEnded,
        MatchEnded,
        MatchStatusChanged,
        ResultRecorded,
        ResultAwarded,
    }
)
"""The event types that can change a scoreline (ScoreFold.step ignores all others)."""


class _Tally:
    """One match's score state while a season is folded: ScoreFold's steps, in place.

    :class:`ScoreFold` makes a new frozen state per event; over a season's events that
    is most of the work, so :func:`fold_season` keeps one mutable tally per match and
    freezes it once at the end. Each branch of :meth:`step` does what the same branch
    of :meth:`ScoreFold.step` does (a test holds the two equal).
    """

    __slots__ = (
        "awarded",
        "away_team",
        "disallowed",
        "ended",
        "ended_periods",
        "goals",
        "home",
        "match_id",
        "period",
        "recorded",
        "shootout_away",
        "shootout_home",
        "started",
        "status",
    )

    def __init__(self, schedule: MatchScheduled) -> None:
        self.match_id = schedule.match_id
        self.home, self.away_team = schedule.home, schedule.away
        self.period: Period | None = None
        self.started: set[Period] = set()
        self.ended_periods: set[Period] = set()
        self.goals: list[_Goal] = []
        self.disallowed: set[str] = set()
        self.shootout_home = self.shootout_away = 0
        self.awarded: Score | None = None
        self.recorded: ResultRecorded | None = None
        self.ended = False
        self.status = MatchStatus.SCHEDULED

    def state(self) -> ScoreState:
        return ScoreState(
            match_id=self.match_id,
            home=self.home,
            away=self.away_team,
            period=self.period,
            started=frozenset(self.started),
            ended_periods=frozenset(self.ended_periods),
            goals=tuple(self.goals),
            disallowed=frozenset(self.disallowed),
            shootout_home=self.shootout_home,
            shootout_away=self.shootout_away,
            awarded=self.awarded,
            recorded=self.recorded,
            ended=self.ended,
            status=self.status,
        )

    def _unless_awarded(self, status: MatchStatus) -> MatchStatus:
        return MatchStatus.AWARDED if self.status is MatchStatus.AWARDED else status

    def step(self, event: Event) -> None:  # noqa: C901, PLR0912 - one case per kind, as ScoreFold.step
        kind = type(event)
        if kind is ShotTaken or kind is OwnGoalScored:
            scorer_is_home = event.team == self.home.team_id  # type: ignore[union-attr]
            side: Side = "home" if scorer_is_home != (kind is OwnGoalScored) else "away"
            at = event.at  # type: ignore[union-attr]
            period = at.period if at is not None else self.period
            self.goals.append(_Goal(event_id=event.event_id, side=side, period=period))
        elif kind is ShootoutKickTaken:
            if event.scored:  # type: ignore[union-attr]
                if event.team == self.home.team_id:  # type: ignore[union-attr]
                    self.shootout_home += 1
                else:
                    self.shootout_away += 1
        elif kind is GoalDisallowed:
            self.disallowed.add(event.goal)  # type: ignore[union-attr]
        elif kind is PeriodStarted:
            self.period = event.period  # type: ignore[union-attr]
            self.started.add(event.period)  # type: ignore[union-attr]
            self.status = self._unless_awarded(MatchStatus.IN_PLAY)
        elif kind is PeriodEnded:
            self.period = None
            self.ended_periods.add(event.period)  # type: ignore[union-attr]
        elif kind is MatchEnded:
            self.period = None
            self.ended = True
            self.status = self._unless_awarded(MatchStatus.FINISHED)
        elif kind is MatchStatusChanged:
            self.period = None
            self.status = self._unless_awarded(event.status)  # type: ignore[union-attr]
        elif kind is ResultRecorded:
            self.recorded = event  # type: ignore[assignment]
            self.period = None
            self.ended = True
            self.status = self._unless_awarded(MatchStatus.FINISHED)
        elif kind is ResultAwarded:
            self.awarded = Score(home=event.home_goals, away=event.away_goals)  # type: ignore[union-attr]
            self.status = MatchStatus.AWARDED
        elif kind is MatchScheduled:
            self.home, self.away_team = event.home, event.away  # type: ignore[union-attr]


def scores(events: Iterable[Event]) -> dict[str, Scoreline]:
    """The :class:`Scoreline` of every match scheduled in the events, by match id.

    Example:
        >>> from matchledger import load_example
        >>> [str(s) for s in scores(load_example()).values()]
        ['Inter 1-1 Atalanta (HT 1-0)']
    """
    tallies: dict[str, _Tally] = {}
    relevant, goal = _SCORING, ShotOutcome.GOAL
    for event in events:
        kind = type(event)
        if kind not in relevant or (kind is ShotTaken and event.outcome is not goal):  # type: ignore[union-attr]
            continue  # a foul, a card, a save: the fold would return its state unchanged
        mid = event.match_id  # type: ignore[union-attr]
        tally = tallies.get(mid)
        if tally is None:
            if kind is MatchScheduled:
                tallies[mid] = _Tally(event)  # type: ignore[arg-type]
            continue
        tally.step(event)
    return {mid: ScoreFold(mid).view(tally.state()) for mid, tally in tallies.items()}
