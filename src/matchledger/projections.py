"""Live projections: the score, player stats and the table, updated event by event.

A projection is a fold that keeps its state as events arrive, so a live-score service
updates it per appended event without reading the history again: the cost of an
update does not grow with the ledger. Each gives exactly what the full fold over the
same events gives (the property tests check it after every event):

* :class:`ScoreProjection` - :func:`~matchledger.folds.score.scores`;
* :class:`PlayerStatsProjection` - :func:`~matchledger.folds.stats.player_stats`;
* :class:`TableProjection` - :func:`~matchledger.folds.standings.standings` of one
  competition's season (the table "as it stands").

:func:`follow` feeds a store's subscription into projections.

Example:
    >>> from matchledger import load_example, EXAMPLE_MATCH_ID
    >>> live = ScoreProjection()
    >>> for event in load_example():
    ...     live.apply(event)
    >>> print(live.score(EXAMPLE_MATCH_ID))
    Inter 1-1 Atalanta (HT 1-0)
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Protocol

import attrs

from matchledger.errors import LedgerError
from matchledger.events import (
    Event,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    PointsDeducted,
    ResultAwarded,
    ShotOutcome,
    ShotTaken,
    Team,
    TieDecided,
)
from matchledger.folds.records import MatchResult, SeasonState, TeamRecord, records, result_of
from matchledger.folds.score import _SCORING, ScoreFold, Scoreline, ScoreState
from matchledger.folds.standings import Table, _rank, _rules_for, _table
from matchledger.folds.stats import PlayerStats, _collect, _Match, _step
from matchledger.rules import Preset, Rules, resolve
from matchledger.store._base import StoreBase

__all__ = ["PlayerStatsProjection", "Projection", "ScoreProjection", "TableProjection", "follow"]

_COUNTED = (MatchStatus.FINISHED, MatchStatus.AWARDED)
_GOAL = ShotOutcome.GOAL


class Projection(Protocol):
    """Anything that takes events one at a time."""

    def apply(self, event: Event) -> None:
        """Take one more event (in ledger order)."""
        ...  # pragma: no cover


class ScoreProjection:
    """Every match's scoreline, kept up to date event by event.

    Example:
        >>> from matchledger import load_example
        >>> live = ScoreProjection()
        >>> live.extend(load_example().events[:6])
        >>> [str(s) for s in live.scores().values()]
        ['Inter 1-0 Atalanta (in play)']
    """

    def __init__(self) -> None:
        """No matches yet."""
        self._folds: dict[str, ScoreFold] = {}
        self._states: dict[str, ScoreState] = {}

    def apply(self, event: Event) -> None:
        """Take one more event: constant work, whatever came before."""
        if isinstance(event, MatchScheduled):
            new = self._folds[event.match_id] = ScoreFold(event.match_id)
            self._states[event.match_id] = new.step(new.initial(), event)
            return
        match_id = getattr(event, "match_id", None)
        fold = self._folds.get(match_id) if isinstance(match_id, str) else None
        if fold is not None:
            self._states[fold.match_id] = fold.step(self._states[fold.match_id], event)

    def extend(self, events: Iterable[Event]) -> None:
        """Take several events, in order."""
        for event in events:
            self.apply(event)

    def score(self, match_id: str) -> Scoreline:
        """One match's scoreline now.

        Raises:
            KeyError: no such match has been scheduled.
        """
        return self._folds[match_id].view(self._states[match_id])

    def scores(self) -> dict[str, Scoreline]:
        """Every match's scoreline now, by match id, in scheduling order."""
        return {m: fold.view(self._states[m]) for m, fold in self._folds.items()}


class PlayerStatsProjection:
    """Every player's statistics, kept up to date event by event.

    Example:
        >>> from matchledger import load_example
        >>> live = PlayerStatsProjection()
        >>> live.extend(load_example())
        >>> {s.name: s.goals for s in live.stats()}["Robin Gosens"]
        1
    """

    def __init__(self) -> None:
        """No matches yet."""
        self._matches: dict[str, _Match] = {}

    def apply(self, event: Event) -> None:
        """Take one more event: constant work, whatever came before."""
        match_id = getattr(event, "match_id", None)
        if not isinstance(match_id, str):
            return
        if isinstance(event, MatchScheduled):
            self._matches[match_id] = _Match(event)
            return
        m = self._matches.get(match_id)
        if m is not None:
            _step(m, event)

    def extend(self, events: Iterable[Event]) -> None:
        """Take several events, in order."""
        for event in events:
            self.apply(event)

    def stats(self, match_id: str | None = None, *, per_match: bool = False) -> list[PlayerStats]:
        """The stats now, as :func:`~matchledger.folds.stats.player_stats` gives them.

        Players on the pitch have their minutes up to the latest time recorded.
        """
        if match_id is not None:
            found = self._matches.get(match_id)
            return _collect([] if found is None else [found], per_match=per_match)
        return _collect(self._matches.values(), per_match=per_match)


class TableProjection:
    """One competition's table, kept up to date event by event.

    An event that cannot change the table (a foul, a goal in a match still in play)
    costs a dictionary update. A result that changes updates the records of its two
    teams only; the table is ranked again when asked for after a change.

    Args:
        competition: the competition, as in its matches' :class:`MatchScheduled`.
        season: the season label.
        rules: rules, a preset or a preset's name (default: from the competition).

    Example:
        >>> from matchledger import load_serie_a_2019_20
        >>> live = TableProjection("Serie A", "2019-20", "serie-a")
        >>> live.extend(load_serie_a_2019_20())
        >>> live.table().rows[0].team.name
        'Juventus'
    """

    def __init__(
        self, competition: str, season: str, rules: Rules | Preset | str | None = None
    ) -> None:
        """An empty table of that competition's season."""
        self.competition = competition
        self.season = season
        self._rules = resolve(_rules_for(rules, competition), season)
        self._schedules: dict[str, MatchScheduled] = {}
        self._folds: dict[str, ScoreFold] = {}
        self._scores: dict[str, ScoreState] = {}
        self._counts: dict[str, bool] = {}
        self._deductions: list[PointsDeducted] = []
        self._deducted: dict[str, int] = {}
        self._decisions: list[TieDecided] = []
        self._teams: dict[str, Team] = {}
        self._results: dict[str, MatchResult] = {}  # the matches that count, as they stand
        self._by_team: dict[str, dict[str, MatchResult]] = {}
        self._records: dict[str, TeamRecord] = {}
        self._pending: Counter[frozenset[str]] = Counter()
        self._cached: Table | None = None

    def apply(self, event: Event) -> None:
        """Take one more event: constant work, whatever came before."""
        kind = type(event)
        if kind not in _SCORING or (kind is ShotTaken and event.outcome is not _GOAL):  # type: ignore[union-attr]
            if kind is PointsDeducted or kind is TieDecided:
                self._competition_event(event)  # type: ignore[arg-type]
            return  # a foul, a card, a save: no result can change
        match_id = event.match_id  # type: ignore[union-attr]
        if isinstance(event, MatchScheduled):
            if (event.competition, event.season) != (self.competition, self.season):
                return
            self._schedule(event)
        fold = self._folds.get(match_id)
        if fold is None:
            return
        before = self._scores[match_id].status
        after = fold.step(self._scores[match_id], event)
        self._scores[match_id] = after
        moved = isinstance(event, MatchStatusChanged) and event.kickoff is not None
        if isinstance(event, MatchStatusChanged) and event.kickoff is not None:
            self._schedules[match_id] = attrs.evolve(
                self._schedules[match_id], kickoff=event.kickoff
            )
        if isinstance(event, ResultAwarded):
            self._counts[match_id] = event.counts_goals
        if moved or before in _COUNTED or after.status in _COUNTED:
            self._result_changed(match_id)

    def _competition_event(self, event: PointsDeducted | TieDecided) -> None:
        if (event.competition, event.season) != (self.competition, self.season):
            return
        if isinstance(event, PointsDeducted):
            self._deductions.append(event)
            self._deducted[event.team] = self._deducted.get(event.team, 0) + event.points
            if event.team in self._teams:
                self._record(event.team)
        else:
            self._decisions.append(event)
        self._cached = None

    def _schedule(self, event: MatchScheduled) -> None:
        match_id = event.match_id
        self._schedules[match_id] = event
        self._folds[match_id] = ScoreFold(match_id)
        self._scores[match_id] = self._folds[match_id].initial()
        self._pending[_pair(event)] += 1
        for team in (event.home, event.away):
            if team.team_id not in self._teams:
                self._teams[team.team_id] = team
                self._by_team[team.team_id] = {}
                self._record(team.team_id)
        self._cached = None

    def _result_changed(self, match_id: str) -> None:
        """A match's result appeared, changed or went: its two teams' records follow."""
        self._cached = None
        schedule = self._schedules[match_id]
        old = self._results.get(match_id)
        new = result_of(
            self._scores[match_id], schedule, counts_goals=self._counts.get(match_id, True)
        )
        if new == old:
            return
        pair = _pair(schedule)
        if old is None:
            self._pending[pair] -= 1
            if not self._pending[pair]:
                del self._pending[pair]
        if new is None:
            self._results.pop(match_id, None)
            self._pending[pair] += 1
        else:
            self._results[match_id] = new
        for team in (schedule.home.team_id, schedule.away.team_id):
            if new is None:
                self._by_team[team].pop(match_id, None)
            else:
                self._by_team[team][match_id] = new
            self._record(team)

    def _record(self, team: str) -> None:
        played = self._by_team.get(team, {}).values()
        self._records[team] = records(played, [team], {team: self._deducted.get(team, 0)})[team]

    def extend(self, events: Iterable[Event]) -> None:
        """Take several events, in order."""
        for event in events:
            self.apply(event)

    def table(self) -> Table:
        """The table as it stands, as :func:`~matchledger.folds.standings.standings` gives it.

        Raises:
            LedgerError: no match of the season has been scheduled yet, or a deduction
                names a team that plays no match of it.
        """
        if self._cached is None:
            if not self._schedules:
                msg = f"no matches of {self.competition} {self.season} in the events"
                raise LedgerError(msg)
            for d in self._deductions:
                if d.team not in self._teams:
                    state = SeasonState(
                        schedules=self._schedules, deductions=tuple(self._deductions)
                    )
                    _table(state, self._rules, self.competition, self.season, None, played=[])
            recs = {team: self._records[team] for team in self._teams}
            self._cached = _rank(
                self._rules,
                self._teams,
                recs,
                list(self._results.values()),
                set(self._pending),
                self._decisions,
                None,
                self.competition,
                self.season,
            )
        return self._cached


def _pair(schedule: MatchScheduled) -> frozenset[str]:
    return frozenset((schedule.home.team_id, schedule.away.team_id))


def follow(  # noqa: PLR0913 - the subscription's options, passed through
    store: StoreBase,
    *projections: Projection,
    from_version: int = 0,
    poll: float = 0.2,
    stop: threading.Event | None = None,
    timeout: float | None = None,
    on_event: Callable[[int, Event], object] | None = None,
) -> int:
    """Feed a store's events (those stored, then each new one) into projections.

    Runs until ``stop`` is set or ``timeout`` seconds pass with no new event; calls
    ``on_event(version, event)`` after the projections took each one. Returns the
    last version seen.
    """
    version = from_version
    for version, event in store.subscribe(from_version, poll=poll, stop=stop, timeout=timeout):
        for projection in projections:
            projection.apply(event)
        if on_event is not None:
            on_event(version, event)
    return version
