"""What the ledger knows about one match while it validates appended events.

:class:`MatchState` is the ledger's private bookkeeping: which period is in
progress, who is on the pitch, who has been cautioned or sent off, which goals
stand. :meth:`MatchState.admit` checks one event against it and, only when every
check has passed, records the event, so a rejected event leaves the state as it
was. The public folds (the score, the table) never read this: they derive their
own results from the events.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Final

from matchledger.errors import (
    EventRejected,
    MatchOverError,
    MatchStateError,
    PlayerStateError,
    UnknownReferenceError,
    UnknownTeamError,
)
from matchledger.events import (
    PLAY_EVENT_TYPES,
    CardRescinded,
    CardShown,
    Event,
    FoulCommitted,
    GoalCredited,
    GoalDisallowed,
    LineupAnnounced,
    MatchEnded,
    MatchEvent,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    OwnGoalScored,
    PenaltyAppealDenied,
    PenaltyAwarded,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    ResultAwarded,
    ResultRecorded,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    SubstitutionMade,
    VarReviewed,
)

Lookup = Callable[[str], "Event | None"]

_NEXT_PERIODS: Final[dict[Period | None, frozenset[Period]]] = {
    None: frozenset({Period.FIRST_HALF}),
    Period.FIRST_HALF: frozenset({Period.SECOND_HALF}),
    Period.SECOND_HALF: frozenset({Period.EXTRA_TIME_FIRST_HALF, Period.PENALTY_SHOOTOUT}),
    Period.EXTRA_TIME_FIRST_HALF: frozenset({Period.EXTRA_TIME_SECOND_HALF}),
    Period.EXTRA_TIME_SECOND_HALF: frozenset({Period.PENALTY_SHOOTOUT}),
    Period.PENALTY_SHOOTOUT: frozenset(),
}
_FINAL_PERIODS: Final = frozenset(
    {Period.SECOND_HALF, Period.EXTRA_TIME_SECOND_HALF, Period.PENALTY_SHOOTOUT}
)
_NOT_PLAYING: Final = frozenset(
    {MatchStatus.POSTPONED, MatchStatus.SUSPENDED, MatchStatus.ABANDONED, MatchStatus.CANCELLED}
)
_PLAY_TYPES: Final = frozenset(PLAY_EVENT_TYPES)
_FIRST_HALF: Final = frozenset({Period.FIRST_HALF})
_NINETY_MINUTES: Final = frozenset({Period.FIRST_HALF, Period.SECOND_HALF})


def _who(player: Player) -> str:
    return f"{player.name!r} ({player.player_id})"


class MatchState:
    """The validation state of one match; see the module docstring."""

    __slots__ = (
        "appeared",
        "awarded_at",
        "cautioned",
        "disallowed",
        "dismissed",
        "ended_at",
        "goal_periods",
        "goals",
        "interrupted",
        "last_ended",
        "lineup_bench",
        "lineup_squad",
        "on_pitch",
        "period",
        "recorded_at",
        "rescinded",
        "schedule",
        "started_any",
        "status",
        "subbed_off",
    )

    def __init__(self, schedule: MatchScheduled) -> None:
        """Start from the match's schedule."""
        self.schedule = schedule
        self.status = MatchStatus.SCHEDULED
        self.ended_at: int | None = None  # position of MatchEnded
        self.awarded_at: int | None = None  # position of the latest ResultAwarded
        self.recorded_at: int | None = None  # position of the ResultRecorded
        self.period: Period | None = None  # period in progress
        self.last_ended: Period | None = None
        self.interrupted: Period | None = None  # period cut short by a suspension
        self.started_any = False
        # per team id; the lineup sets exist only for teams whose lineup is known
        self.lineup_squad: dict[str, frozenset[str]] = {}
        self.lineup_bench: dict[str, frozenset[str]] = {}
        self.on_pitch: dict[str, set[str]] = {}
        self.appeared: dict[str, set[str]] = {}  # ever on the pitch (starters, subs on)
        self.subbed_off: set[str] = set()
        self.dismissed: set[str] = set()
        self.cautioned: set[str] = set()
        self.goals: dict[str, bool] = {}  # goals that stand: id -> counts for the home side
        self.goal_periods: dict[str, Period | None] = {}  # their periods, None when unknown
        self.disallowed: set[str] = set()
        self.rescinded: set[str] = set()

    def copy(self) -> MatchState:
        """A copy that can be changed without changing this one."""
        new = copy.copy(self)
        new.on_pitch = {t: set(p) for t, p in self.on_pitch.items()}
        new.appeared = {t: set(p) for t, p in self.appeared.items()}
        new.subbed_off = set(self.subbed_off)
        new.dismissed = set(self.dismissed)
        new.cautioned = set(self.cautioned)
        new.goals = dict(self.goals)
        new.goal_periods = dict(self.goal_periods)
        new.disallowed = set(self.disallowed)
        new.rescinded = set(self.rescinded)
        new.lineup_squad = dict(self.lineup_squad)
        new.lineup_bench = dict(self.lineup_bench)
        return new

    # --- helpers ------------------------------------------------------------------------

    def _opponent(self, team: str) -> str:
        s = self.schedule
        return s.away.team_id if team == s.home.team_id else s.home.team_id

    def _check_team(self, event: MatchEvent, index: int, team: str) -> None:
        if self.schedule.side_of(team) is None:
            s = self.schedule
            raise UnknownTeamError(
                index=index,
                event_id=event.event_id,
                field="team",
                reason=f"{team!r} does not play in match {event.match_id!r}",
                hint=f"use {s.home.team_id!r} or {s.away.team_id!r}",
            )

    def _check_on_pitch(
        self, event: MatchEvent, index: int, field: str, player: Player, team: str
    ) -> None:
        pid = player.player_id
        if pid in self.dismissed:
            raise PlayerStateError(
                index=index,
                event_id=event.event_id,
                field=field,
                reason=f"{_who(player)} was sent off and cannot take part again",
            )
        on = self.on_pitch.get(team)
        if (on is not None and pid not in on) or pid in self.subbed_off:
            where = "was substituted off" if pid in self.subbed_off else "is not on the pitch"
            raise PlayerStateError(
                index=index,
                event_id=event.event_id,
                field=field,
                reason=f"{_who(player)} of {team!r} {where}",
                hint="check the lineup and substitutions of the match",
            )

    def _fail(  # noqa: PLR0913, PLR0917 - the parts of one error message
        self,
        cls: type[EventRejected],
        event: MatchEvent,
        index: int,
        field: str,
        reason: str,
        hint: str = "",
    ) -> EventRejected:
        return cls(index=index, event_id=event.event_id, field=field, reason=reason, hint=hint)

    # --- admitting an event -----------------------------------------------------------------

    def admit(self, event: MatchEvent, index: int, lookup: Lookup) -> None:  # noqa: C901, PLR0912, PLR0915
        """Check ``event`` (at ledger position ``index``) and record it.

        Raises:
            EventRejected: (a subclass of it) when the event does not fit; nothing
                is recorded then.
        """
        if type(event) in _PLAY_TYPES:
            self._check_play(event, index)
        if isinstance(event, ShotTaken):
            self._admit_shot(event, index)
        elif isinstance(event, (FoulCommitted, OwnGoalScored)):
            self._check_team(event, index, event.team)
            self._check_on_pitch(event, index, "player", event.player, event.team)
            if isinstance(event, OwnGoalScored):
                self._add_goal(event, for_home=event.team != self.schedule.home.team_id)
        elif isinstance(event, CardShown):
            self._admit_card(event, index)
        elif isinstance(event, SubstitutionMade):
            self._admit_substitution(event, index)
        elif isinstance(event, PenaltyAwarded):
            self._check_team(event, index, event.team)
            if event.won_by is not None:
                self._check_on_pitch(event, index, "won_by", event.won_by, event.team)
            if event.conceded_by is not None:
                opp = self._opponent(event.team)
                self._check_on_pitch(event, index, "conceded_by", event.conceded_by, opp)
        elif isinstance(event, PenaltyAppealDenied):
            self._check_team(event, index, event.team)
            if event.claimed_by is not None:
                self._check_on_pitch(event, index, "claimed_by", event.claimed_by, event.team)
            if event.against is not None:
                opp = self._opponent(event.team)
                self._check_on_pitch(event, index, "against", event.against, opp)
        elif isinstance(event, ShootoutKickTaken):
            self._admit_kick(event, index)
        elif isinstance(event, PeriodStarted):
            self._admit_period_start(event, index)
        elif isinstance(event, PeriodEnded):
            self._admit_period_end(event, index)
        elif isinstance(event, MatchEnded):
            self._admit_end(event, index)
        elif isinstance(event, MatchStatusChanged):
            self._admit_status(event, index)
        elif isinstance(event, LineupAnnounced):
            self._admit_lineup(event, index)
        elif isinstance(event, GoalDisallowed):
            self._admit_disallowed(event, index, lookup)
        elif isinstance(event, GoalCredited):
            self._check_reference(
                event, index, "goal", event.goal, lookup, (ShotTaken, OwnGoalScored)
            )
            if event.goal not in self.goals:
                raise self._fail(
                    MatchStateError,
                    event,
                    index,
                    "goal",
                    f"{event.goal!r} is not a goal that stands (never a goal, or disallowed)",
                )
        elif isinstance(event, CardRescinded):
            self._check_reference(event, index, "card", event.card, lookup, CardShown)
            if event.card in self.rescinded:
                raise self._fail(
                    MatchStateError, event, index, "card", f"{event.card!r} was already rescinded"
                )
            self.rescinded.add(event.card)
        elif isinstance(event, VarReviewed):
            self._check_at(event, index)
            self._check_reference(event, index, "subject", event.subject, lookup, None)
        elif isinstance(event, ResultAwarded):
            self.awarded_at = index
        elif isinstance(event, ResultRecorded):
            self._admit_result(event, index)
        elif isinstance(event, MatchScheduled):  # pragma: no cover - the ledger handles it
            raise self._fail(MatchStateError, event, index, "match_id", "is already scheduled")

    def _check_play(self, event: MatchEvent, index: int) -> None:
        period = self.period
        if (  # the common case, play in a period of play: only the clock to check
            period is not None
            and period is not Period.PENALTY_SHOOTOUT
            and self.ended_at is None
            and self.awarded_at is None
            and self.status not in _NOT_PLAYING
        ):
            at = getattr(event, "at", None)
            if at is None or at.period is period:
                return
        self._check_play_fully(event, index)

    def _check_play_fully(self, event: MatchEvent, index: int) -> None:
        if self.ended_at is not None:
            raise self._fail(
                MatchOverError,
                event,
                index,
                "type",
                f"{type(event).__name__} comes after full time (event #{self.ended_at})",
                hint="record corrections with GoalDisallowed or ResultAwarded",
            )
        if self.status in _NOT_PLAYING:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"{type(event).__name__} while the match is {self.status.value}",
                hint="restart play with PeriodStarted first",
            )
        if self.awarded_at is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"{type(event).__name__} after the result was awarded (event #{self.awarded_at})",
            )
        if self.period is Period.PENALTY_SHOOTOUT and not isinstance(event, CardShown):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"{type(event).__name__} during the penalty shootout",
                hint="record shootout kicks as ShootoutKickTaken",
            )
        if (
            self.period is None
            and self.last_ended is not None
            and not isinstance(event, (CardShown, SubstitutionMade))
        ):
            # between periods only cards and substitutions can happen
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"{type(event).__name__} between periods, after the "
                f"{self.last_ended.value.replace('_', ' ')} ended",
                hint="append PeriodStarted for the next period first",
            )
        self._check_at(event, index)

    def _check_at(self, event: MatchEvent, index: int) -> None:
        at = getattr(event, "at", None)
        if (
            at is not None
            and self.period is not None
            and self.period is not Period.PENALTY_SHOOTOUT
            and at.period is not self.period
        ):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "at",
                f"{at} falls in the {at.period.value.replace('_', ' ')}, "
                f"but the {self.period.value.replace('_', ' ')} is in progress",
                hint="write stoppage time as 45+2', not 47'",
            )

    def _admit_shot(self, event: ShotTaken, index: int) -> None:
        self._check_team(event, index, event.team)
        self._check_on_pitch(event, index, "player", event.player, event.team)
        if event.assist is not None:
            self._check_on_pitch(event, index, "assist", event.assist, event.team)
        if event.stopped_by is not None:
            opp = self._opponent(event.team)
            self._check_on_pitch(event, index, "stopped_by", event.stopped_by, opp)
        if event.outcome is ShotOutcome.GOAL:
            self._add_goal(event, for_home=event.team == self.schedule.home.team_id)

    def _add_goal(self, event: ShotTaken | OwnGoalScored, *, for_home: bool) -> None:
        self.goals[event.event_id] = for_home
        # as the score fold places it: by its clock, else in the period in progress
        self.goal_periods[event.event_id] = event.at.period if event.at else self.period

    def _admit_card(self, event: CardShown, index: int) -> None:
        self._check_team(event, index, event.team)
        if event.official:
            return
        player = event.player
        pid = player.player_id
        if pid in self.dismissed:
            raise self._fail(
                PlayerStateError,
                event,
                index,
                "player",
                f"{_who(player)} was already sent off",
            )
        squad = self.lineup_squad.get(event.team)
        if squad is not None and pid not in squad:
            raise self._fail(
                PlayerStateError,
                event,
                index,
                "player",
                f"{_who(player)} is not in the squad of {event.team!r}",
                hint="a card for a coach or other official takes official=True",
            )
        if event.card.value == "second_yellow" and pid not in self.cautioned:
            raise self._fail(
                PlayerStateError,
                event,
                index,
                "card",
                f"second_yellow for {_who(player)}, who has no first yellow in this match",
                hint="record the first caution as card='yellow', or a straight red as 'red'",
            )
        if event.card.value == "yellow" and pid in self.cautioned:
            raise self._fail(
                PlayerStateError,
                event,
                index,
                "card",
                f"yellow for {_who(player)}, who was already cautioned in this match",
                hint="a second caution is card='second_yellow'",
            )
        if event.card.dismisses:
            self.dismissed.add(pid)
            on = self.on_pitch.get(event.team)
            if on is not None:
                on.discard(pid)
        else:
            self.cautioned.add(pid)

    def _admit_substitution(self, event: SubstitutionMade, index: int) -> None:
        self._check_team(event, index, event.team)
        off, on = event.player_off, event.player_on
        if off.player_id in self.subbed_off:
            raise self._fail(
                PlayerStateError,
                event,
                index,
                "player_off",
                f"{_who(off)} was already substituted off",
            )
        self._check_on_pitch(event, index, "player_off", off, event.team)
        oid = on.player_id
        if oid in self.dismissed:
            raise self._fail(
                PlayerStateError, event, index, "player_on", f"{_who(on)} was sent off"
            )
        appeared = self.appeared.setdefault(event.team, set())
        if oid in appeared or oid in self.subbed_off:
            raise self._fail(
                PlayerStateError,
                event,
                index,
                "player_on",
                f"{_who(on)} has already played in this match",
            )
        bench = self.lineup_bench.get(event.team)
        if bench is not None and oid not in bench:
            raise self._fail(
                PlayerStateError,
                event,
                index,
                "player_on",
                f"{_who(on)} is not on the bench of {event.team!r}",
            )
        self.subbed_off.add(off.player_id)
        appeared.add(off.player_id)
        appeared.add(oid)
        pitch = self.on_pitch.get(event.team)
        if pitch is not None:
            pitch.discard(off.player_id)
            pitch.add(oid)

    def _admit_kick(self, event: ShootoutKickTaken, index: int) -> None:
        if self.period is not Period.PENALTY_SHOOTOUT:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                "ShootoutKickTaken outside a penalty shootout",
                hint="start the shootout with PeriodStarted(period='penalty_shootout')",
            )
        self._check_team(event, index, event.team)
        self._check_on_pitch(event, index, "player", event.player, event.team)
        if event.stopped_by is not None:
            opp = self._opponent(event.team)
            self._check_on_pitch(event, index, "stopped_by", event.stopped_by, opp)

    def _admit_period_start(self, event: PeriodStarted, index: int) -> None:
        p = event.period
        if self.ended_at is not None:
            raise self._fail(
                MatchOverError,
                event,
                index,
                "period",
                f"{p.value} cannot start after full time (event #{self.ended_at})",
            )
        if self.status in (MatchStatus.POSTPONED, MatchStatus.ABANDONED, MatchStatus.CANCELLED):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "period",
                f"{p.value} cannot start while the match is {self.status.value}",
                hint=(
                    "reschedule it with MatchStatusChanged(status='scheduled') first"
                    if self.status is MatchStatus.POSTPONED
                    else f"a {self.status.value} match is not played on; "
                    "a replay is a match of its own"
                ),
            )
        if self.awarded_at is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "period",
                f"{p.value} cannot start: the result was awarded (event #{self.awarded_at})",
            )
        if self.period is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "period",
                f"{p.value} cannot start while the {self.period.value} is in progress",
                hint="append PeriodEnded first",
            )
        if p is not self.interrupted and p not in _NEXT_PERIODS[self.last_ended]:
            after = self.last_ended.value if self.last_ended else "kick-off"
            allowed = " or ".join(sorted(x.value for x in _NEXT_PERIODS[self.last_ended]))
            raise self._fail(
                MatchStateError,
                event,
                index,
                "period",
                f"{p.value} cannot follow {after}",
                hint=f"the next period is {allowed or 'none: the match is over'}",
            )
        self.period = p
        self.interrupted = None
        self.started_any = True
        self.status = MatchStatus.IN_PLAY

    def _admit_period_end(self, event: PeriodEnded, index: int) -> None:
        p = event.period
        if self.period is not p:
            now = self.period.value if self.period else "no period"
            raise self._fail(
                MatchStateError,
                event,
                index,
                "period",
                f"{p.value} cannot end: {now} is in progress",
            )
        if event.at is not None and (p is Period.PENALTY_SHOOTOUT or event.at.period is not p):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "at",
                f"{event.at} is not a time in the {p.value.replace('_', ' ')}",
            )
        self.period = None
        self.last_ended = p

    def _admit_end(self, event: MatchEnded, index: int) -> None:
        if self.ended_at is not None:
            raise self._fail(
                MatchOverError,
                event,
                index,
                "type",
                f"MatchEnded, but the match already ended (event #{self.ended_at})",
            )
        if self.period is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"MatchEnded while the {self.period.value.replace('_', ' ')} is in progress",
                hint="append PeriodEnded first",
            )
        if self.status in _NOT_PLAYING:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"MatchEnded while the match is {self.status.value}",
            )
        self.ended_at = index
        self.status = MatchStatus.FINISHED
        self._forget_the_pitch()

    def _forget_the_pitch(self) -> None:
        """After full time no event asks who is on the pitch: let the lineups go.

        Every kind of event that reads them (play, substitutions, cards, lineups,
        shootout kicks) is refused once the match has ended, before they are read;
        a season's ledger holds a fifth less memory without them.
        """
        self.lineup_squad, self.lineup_bench = {}, {}
        self.on_pitch, self.appeared = {}, {}
        self.subbed_off, self.dismissed, self.cautioned = set(), set(), set()

    def _admit_status(self, event: MatchStatusChanged, index: int) -> None:
        new = event.status
        if self.ended_at is not None:
            raise self._fail(
                MatchOverError,
                event,
                index,
                "status",
                f"cannot become {new.value}: the match already ended (event #{self.ended_at})",
            )
        if new in (MatchStatus.POSTPONED, MatchStatus.CANCELLED) and self.started_any:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "status",
                f"cannot become {new.value} after kick-off",
                hint="a started match is suspended or abandoned",
            )
        if new is MatchStatus.SUSPENDED and self.period is None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "status",
                "cannot become suspended: no period is in progress",
            )
        if new is MatchStatus.SCHEDULED and self.status not in (
            MatchStatus.POSTPONED,
            MatchStatus.SUSPENDED,
        ):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "status",
                f"cannot become scheduled from {self.status.value}",
                hint="only a postponed or suspended match is rescheduled",
            )
        if self.status in (MatchStatus.ABANDONED, MatchStatus.CANCELLED):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "status",
                f"cannot change: the match was {self.status.value}",
                hint="record its result with ResultAwarded",
            )
        if self.period is not None:
            self.interrupted = self.period
            self.period = None
        self.status = new

    def _admit_lineup(self, event: LineupAnnounced, index: int) -> None:
        self._check_team(event, index, event.team)
        if event.team in self.lineup_squad:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "team",
                f"{event.team!r} already has a lineup in this match",
            )
        if self.started_any or self.ended_at is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                "LineupAnnounced after kick-off; a lineup comes before the first period",
            )
        starters = {e.player.player_id for e in event.starters}
        bench = frozenset(e.player.player_id for e in event.bench)
        self.lineup_squad[event.team] = frozenset(starters) | bench
        self.lineup_bench[event.team] = bench
        self.on_pitch[event.team] = set(starters)
        self.appeared.setdefault(event.team, set()).update(starters)

    def _check_reference(  # noqa: PLR0913, PLR0917 - the parts of one reference check
        self,
        event: MatchEvent,
        index: int,
        field: str,
        ref: str | None,
        lookup: Lookup,
        kind: type[Event] | tuple[type[Event], ...] | None,
    ) -> Event | None:
        if ref is None:
            return None
        target = lookup(ref)
        if target is None or getattr(target, "match_id", None) != event.match_id:
            where = "in this ledger" if target is None else f"in match {event.match_id!r}"
            raise self._fail(
                UnknownReferenceError, event, index, field, f"names {ref!r}, no event {where}"
            )
        if kind is not None and not isinstance(target, kind):
            raise self._fail(
                UnknownReferenceError,
                event,
                index,
                field,
                f"names {ref!r}, a {type(target).__name__}",
            )
        return target

    def _admit_result(self, event: ResultRecorded, index: int) -> None:
        if self.recorded_at is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"ResultRecorded, but the result is already recorded (event #{self.recorded_at})",
                hint="correct a result with ResultAwarded",
            )
        if self.period is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"ResultRecorded while the {self.period.value.replace('_', ' ')} is in progress",
                hint="append PeriodEnded first",
            )
        if self.status in _NOT_PLAYING:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"ResultRecorded while the match is {self.status.value}",
                hint="an abandoned or cancelled match gets its result with ResultAwarded",
            )
        if self.started_any and self.ended_at is None and self.last_ended not in _FINAL_PERIODS:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "type",
                f"ResultRecorded after the {self.last_ended.value.replace('_', ' ')}"
                if self.last_ended is not None
                else "ResultRecorded before the first period ended",
                hint="a result comes after the last period",
            )
        home = sum(self.goals.values())
        away = len(self.goals) - home
        # a match recorded period by period has all its goals: none means 0-0
        detailed = bool(self.goals) or self.started_any
        if detailed and (home, away) != (event.home_goals, event.away_goals):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "home_goals" if home != event.home_goals else "away_goals",
                f"{event.home_goals}-{event.away_goals} disagrees with the goals recorded in "
                f"this match ({home}-{away})",
            )
        if detailed:
            self._check_result_periods(event, index)
        self.recorded_at = index
        if self.ended_at is None:
            self.ended_at = index
            self.status = MatchStatus.FINISHED
            self._forget_the_pitch()

    def _check_result_periods(self, event: ResultRecorded, index: int) -> None:
        """A recorded result's extra time, half-time and 90-minute scores fit the goals.

        Only for a match whose goals are in the ledger; scores are compared only when
        every goal's period is known.
        """
        periods = self.goal_periods
        extra = any(p is not None and p.is_extra_time for p in periods.values())
        if not event.after_extra_time and (
            extra or self.last_ended is Period.EXTRA_TIME_SECOND_HALF
        ):
            raise self._fail(
                MatchStateError,
                event,
                index,
                "after_extra_time",
                "is false, but this match went to extra time",
            )
        if event.after_extra_time and not extra and self.last_ended is Period.SECOND_HALF:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "after_extra_time",
                "is true, but this match ended after the second half",
            )
        if None in periods.values():
            return
        for name, given, within in (
            ("half_time", event.half_time, _FIRST_HALF),
            ("full_time", event.full_time, _NINETY_MINUTES),
        ):
            if given is None:
                continue
            home = sum(1 for g, p in periods.items() if p in within and self.goals[g])
            away = sum(1 for g, p in periods.items() if p in within and not self.goals[g])
            if (home, away) != (given.home, given.away):
                raise self._fail(
                    MatchStateError,
                    event,
                    index,
                    name,
                    f"{given} disagrees with the goals recorded in this match ({home}-{away})",
                )

    def _admit_disallowed(self, event: GoalDisallowed, index: int, lookup: Lookup) -> None:
        target = self._check_reference(
            event, index, "goal", event.goal, lookup, (ShotTaken, OwnGoalScored)
        )
        if isinstance(target, ShotTaken) and not target.is_goal:
            raise self._fail(
                UnknownReferenceError,
                event,
                index,
                "goal",
                f"names {event.goal!r}, a shot whose outcome is {target.outcome.value!r}",
            )
        if event.goal in self.disallowed:
            raise self._fail(
                MatchStateError, event, index, "goal", f"{event.goal!r} was already disallowed"
            )
        if self.recorded_at is not None:
            raise self._fail(
                MatchStateError,
                event,
                index,
                "goal",
                f"{event.goal!r} is part of the result recorded by event #{self.recorded_at}",
                hint="correct a recorded result with ResultAwarded",
            )
        self._check_reference(event, index, "review", event.review, lookup, VarReviewed)
        self.goals.pop(event.goal, None)
        self.goal_periods.pop(event.goal, None)
        self.disallowed.add(event.goal)
