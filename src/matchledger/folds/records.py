"""Per-team records of a competition's season: the standings fold, a monoid.

The fold reads match events and keeps, per match, the result that counts (goals or a
recorded result, corrected by disallowed goals and awards), plus the season's points
deductions and tie decisions. :meth:`SeasonFold.merge` combines states folded over
disjoint matches, so a season can be folded in parts. Team records
(:class:`TeamRecord`) are derived from the results and are themselves a monoid. The
order of the table is not folded: :mod:`matchledger.folds.standings` computes it from
these records at read time, with the competition's rules.

A match whose date is not known (``kickoff`` is ``None``) still counts; wherever
matches are put in order of kick-off, the undated ones come after the dated ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Final, Literal

import attrs
from attrs import frozen

from matchledger.events import (
    Event,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    PointsDeducted,
    ResultAwarded,
    ShotOutcome,
    ShotTaken,
    TieDecided,
)
from matchledger.folds.score import _SCORING, ScoreFold, ScoreState, _Tally

__all__ = [
    "MatchResult",
    "SeasonFold",
    "SeasonState",
    "Split",
    "TeamRecord",
    "fold_season",
    "records",
    "results",
]

Venue = Literal["home", "away"]

_UNDATED: Final = datetime.min.replace(tzinfo=UTC)
"""Stands in for a missing kick-off in sort keys; never compared with a real date."""


def _kickoff_key(kickoff: datetime | None) -> tuple[bool, datetime]:
    """A sort key for kick-offs: in order of date, the matches with no date after them all."""
    # the flag decides between a date and no date, so the stand-in meets only itself
    return (kickoff is None, _UNDATED if kickoff is None else kickoff)


@frozen(kw_only=True)
class Split:
    """A team's results at home or away: played, won, drawn, lost, goals for and against.

    Example:
        >>> a = Split(played=1, won=1, goals_for=2)
        >>> (a + a).won
        2
    """

    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0

    def __add__(self, other: Split) -> Split:
        """The two splits together."""
        return Split(
            played=self.played + other.played,
            won=self.won + other.won,
            drawn=self.drawn + other.drawn,
            lost=self.lost + other.lost,
            goals_for=self.goals_for + other.goals_for,
            goals_against=self.goals_against + other.goals_against,
        )


@frozen(kw_only=True)
class MatchResult:
    """The result of a finished (or awarded) match as a table counts it.

    ``home_goals``/``away_goals`` decide the winner; ``counts_goals`` says whether
    they go into the goal columns (an award may give the points only). ``kickoff`` is
    ``None`` when the events do not say when the match was played.
    """

    match_id: str
    home: str
    away: str
    home_goals: int
    away_goals: int
    kickoff: datetime | None
    round: str | None = None
    counts_goals: bool = True

    def split_for(self, team: str) -> Split:
        """The one-match split of ``team`` (which must be home or away)."""
        mine, theirs = (
            (self.home_goals, self.away_goals)
            if team == self.home
            else (self.away_goals, self.home_goals)
        )
        return Split(
            played=1,
            won=int(mine > theirs),
            drawn=int(mine == theirs),
            lost=int(mine < theirs),
            goals_for=mine if self.counts_goals else 0,
            goals_against=theirs if self.counts_goals else 0,
        )


@frozen(kw_only=True)
class TeamRecord:
    """A team's season: home and away splits, points deducted, recent results.

    ``recent`` holds ``(kickoff, code)`` per match in order of kick-off, the matches
    with no date (``None``) last; ``code`` is the result's letter and ``h`` or ``a``.
    A monoid: ``a + b`` of records over disjoint matches is the record over both.
    """

    team: str
    home: Split = Split()
    away: Split = Split()
    deducted: int = 0
    recent: tuple[tuple[datetime | None, str], ...] = ()

    @property
    def total(self) -> Split:
        """Home and away together."""
        return self.home + self.away

    def split(self, venue: Venue | None) -> Split:
        """The home, away or whole-season split."""
        if venue == "home":
            return self.home
        if venue == "away":
            return self.away
        return self.total

    def form(self, venue: Venue | None = None, last: int = 5) -> str:
        """The last results as letters, most recent last, e.g. ``"WDLWW"``.

        Matches with no date come after the dated ones, as in :attr:`recent`.
        """
        if venue is None:
            picked = self.recent[-last:]
        else:
            picked = tuple(r for r in self.recent if r[1][1:] == venue[0])[-last:]
        return "".join(r[1][0] for r in picked)  # ``recent`` is in order already

    def __add__(self, other: TeamRecord) -> TeamRecord:
        """The two records together (of the same team, over disjoint matches)."""
        return TeamRecord(
            team=self.team,
            home=self.home + other.home,
            away=self.away + other.away,
            deducted=self.deducted + other.deducted,
            recent=tuple(sorted(self.recent + other.recent, key=_recent_key)),
        )


def _recent_key(entry: tuple[datetime | None, str]) -> tuple[bool, datetime, str]:
    return (*_kickoff_key(entry[0]), entry[1])


@frozen(kw_only=True)
class SeasonState:
    """What the season fold knows: schedules, the score state of each match, deductions."""

    schedules: Mapping[str, MatchScheduled] = attrs.field(factory=dict)
    scores: Mapping[str, ScoreState] = attrs.field(factory=dict)
    award_counts_goals: Mapping[str, bool] = attrs.field(factory=dict)
    deductions: tuple[PointsDeducted, ...] = ()
    decisions: tuple[TieDecided, ...] = ()


class SeasonFold:
    """The fold over a season's events; states merge (a monoid over disjoint matches).

    It keeps every match's score state and schedule. A step copies the season's map
    of score states (the state is immutable), so stepping a whole season one event at
    a time costs time quadratic in its matches: fold a season at once with
    :func:`fold_season`, which gives the same state in one linear pass.
    """

    def initial(self) -> SeasonState:
        """No matches yet."""
        return SeasonState()

    def step(self, state: SeasonState, event: Event, /) -> SeasonState:
        """The state after ``event``."""
        if isinstance(event, PointsDeducted):
            return attrs.evolve(state, deductions=(*state.deductions, event))
        if isinstance(event, TieDecided):
            return attrs.evolve(state, decisions=(*state.decisions, event))
        match_id = event.match_id
        if match_id not in state.scores and not isinstance(event, MatchScheduled):
            return state  # an event of a match this fold never saw scheduled
        schedules = state.schedules
        scores = dict(state.scores)
        if isinstance(event, MatchScheduled):
            schedules = {**schedules, match_id: event}
            scores[match_id] = ScoreFold(match_id).initial()
        if isinstance(event, MatchStatusChanged) and event.kickoff is not None:
            moved = attrs.evolve(schedules[match_id], kickoff=event.kickoff)
            schedules = {**schedules, match_id: moved}
        scores[match_id] = ScoreFold(match_id).step(scores[match_id], event)
        counts = state.award_counts_goals
        if isinstance(event, ResultAwarded):
            counts = {**counts, match_id: event.counts_goals}
        return SeasonState(
            schedules=schedules,
            scores=scores,
            award_counts_goals=counts,
            deductions=state.deductions,
            decisions=state.decisions,
        )

    def merge(self, left: SeasonState, right: SeasonState, /) -> SeasonState:
        """The state over the events of both (over disjoint matches)."""
        return SeasonState(
            schedules={**left.schedules, **right.schedules},
            scores={**left.scores, **right.scores},
            award_counts_goals={**left.award_counts_goals, **right.award_counts_goals},
            deductions=left.deductions + right.deductions,
            decisions=left.decisions + right.decisions,
        )


def fold_season(events: Iterable[Event]) -> SeasonState:
    """Fold events into a :class:`SeasonState` (faster than stepping the fold one by one).

    The result equals ``run(SeasonFold(), events)``.
    """
    schedules: dict[str, MatchScheduled] = {}
    tallies: dict[str, _Tally] = {}
    counts: dict[str, bool] = {}
    deductions: list[PointsDeducted] = []
    decisions: list[TieDecided] = []
    scoring, goal = _SCORING, ShotOutcome.GOAL
    for event in events:
        kind = type(event)
        if kind not in scoring or kind is PointsDeducted or kind is TieDecided:
            if kind is PointsDeducted:
                deductions.append(event)  # type: ignore[arg-type]
            elif kind is TieDecided:
                decisions.append(event)  # type: ignore[arg-type]
            continue  # a foul, a card, a lineup: nothing a result depends on
        if kind is ShotTaken and event.outcome is not goal:  # type: ignore[union-attr]
            continue
        match_id = event.match_id  # type: ignore[union-attr]
        if kind is MatchScheduled:
            schedules[match_id] = event  # type: ignore[assignment]
            tallies[match_id] = _Tally(event)  # type: ignore[arg-type]
            continue
        tally = tallies.get(match_id)
        if tally is None:
            continue
        if kind is MatchStatusChanged and event.kickoff is not None:  # type: ignore[union-attr]
            # a rescheduled match is played, and counts in the form, at its new date
            kickoff = event.kickoff  # type: ignore[union-attr]
            schedules[match_id] = attrs.evolve(schedules[match_id], kickoff=kickoff)
        tally.step(event)
        if kind is ResultAwarded:
            counts[match_id] = event.counts_goals  # type: ignore[union-attr]
    return SeasonState(
        schedules=schedules,
        scores={match_id: tally.state() for match_id, tally in tallies.items()},
        award_counts_goals=counts,
        deductions=tuple(deductions),
        decisions=tuple(decisions),
    )


def results(state: SeasonState) -> list[MatchResult]:
    """The results that count: finished or awarded matches, in order of kick-off.

    Matches with no date come after the dated ones; ties go by match id.
    """
    out = []
    for match_id, score_state in state.scores.items():
        found = result_of(
            score_state,
            state.schedules[match_id],
            counts_goals=state.award_counts_goals.get(match_id, True),
        )
        if found is not None:
            out.append(found)
    out.sort(key=result_order)
    return out


def result_order(result: MatchResult) -> tuple[bool, datetime, str]:
    """The order of :func:`results`: by kick-off (undated last), then match id."""
    return (*_kickoff_key(result.kickoff), result.match_id)


def result_of(
    score_state: ScoreState, schedule: MatchScheduled, *, counts_goals: bool = True
) -> MatchResult | None:
    """One match's result, if it counts yet (finished or awarded); else ``None``."""
    if score_state.status not in (MatchStatus.FINISHED, MatchStatus.AWARDED):
        return None
    match_id = schedule.match_id
    rec = score_state.recorded
    if score_state.awarded is not None:
        home_goals, away_goals = score_state.awarded.home, score_state.awarded.away
    elif rec is not None and not score_state.goals:  # a results file: no goal detail
        home_goals, away_goals = rec.home_goals, rec.away_goals
    else:
        line = ScoreFold(match_id).view(score_state)
        home_goals, away_goals = line.home_goals, line.away_goals
    return MatchResult(
        match_id=match_id,
        home=schedule.home.team_id,
        away=schedule.away.team_id,
        home_goals=home_goals,
        away_goals=away_goals,
        kickoff=schedule.kickoff,
        round=schedule.round,
        counts_goals=counts_goals,
    )


def records(
    played: Iterable[MatchResult], teams: Iterable[str], deductions: Mapping[str, int]
) -> dict[str, TeamRecord]:
    """The record of every team from results and deductions.

    Example:
        >>> from datetime import datetime, timezone
        >>> r = MatchResult(match_id="m", home="a", away="b", home_goals=2, away_goals=0,
        ...                 kickoff=datetime(2020, 1, 1, tzinfo=timezone.utc))
        >>> records([r], ["a", "b"], {})["a"].total.won
        1
    """
    # plain lists while adding up (this runs for every table), frozen records at the end
    acc: dict[str, tuple[list[int], list[int], list[tuple[datetime | None, str]]]] = {}

    def slot(team: str) -> tuple[list[int], list[int], list[tuple[datetime | None, str]]]:
        found = acc.get(team)
        if found is None:
            found = acc[team] = ([0] * 6, [0] * 6, [])
        return found

    for t in teams:
        slot(t)
    for t in deductions:
        slot(t)
    for r in played:
        hg, ag = r.home_goals, r.away_goals
        goals = r.counts_goals
        for team, mine, theirs, venue in ((r.home, hg, ag, "h"), (r.away, ag, hg, "a")):
            home_split, away_split, recent = slot(team)
            split = home_split if venue == "h" else away_split
            split[0] += 1
            if mine > theirs:
                split[1] += 1
                letter = "W"
            elif mine == theirs:
                split[2] += 1
                letter = "D"
            else:
                split[3] += 1
                letter = "L"
            if goals:
                split[4] += mine
                split[5] += theirs
            recent.append((r.kickoff, letter + venue))
    return {
        team: TeamRecord(
            team=team,
            home=_split(home),
            away=_split(away),
            deducted=deductions.get(team, 0),
            recent=tuple(sorted(recent, key=_recent_key)),
        )
        for team, (home, away, recent) in acc.items()
    }


def _split(v: list[int]) -> Split:
    return Split(played=v[0], won=v[1], drawn=v[2], lost=v[3], goals_for=v[4], goals_against=v[5])
