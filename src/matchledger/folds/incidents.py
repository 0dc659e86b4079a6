"""A match's incidents: the goals that stand, the cards and the substitutions, in order.

What a match report lists under the score (and a live-score feed sends as its
"goals", "bookings" and "substitutions"). Corrections apply: a disallowed goal is not
listed, a re-credited goal names its new scorer (an own goal counts for the other
side), a rescinded card is not listed. Shootout kicks are not goals.

Example:
    >>> from matchledger import load_example, EXAMPLE_MATCH_ID
    >>> found = incidents(load_example(), EXAMPLE_MATCH_ID)
    >>> [(g.minute, g.scorer.name, g.score) for g in found.goals]
    [("4'", 'Lautaro Martínez', '1-0'), ("75'", 'Robin Gosens', '1-1')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs
from attrs import frozen

from matchledger.events import (
    Card,
    CardRescinded,
    CardShown,
    Event,
    GoalCredited,
    GoalDisallowed,
    MatchScheduled,
    MatchTime,
    OwnGoalScored,
    Player,
    ShotTaken,
    Situation,
    SubstitutionMade,
)

__all__ = ["Booking", "Goal", "Incidents", "Substitution", "incidents"]

GoalKind = Literal["regular", "penalty", "own_goal"]


def _minute(at: MatchTime | None) -> str | None:
    """The minute as a report prints it, without seconds: ``64'``, ``90+2'``."""
    if at is None:
        return None
    return f"{at.minute}+{at.added}'" if at.added else f"{at.minute}'"


@frozen(kw_only=True)
class Goal:
    """A goal that stands: who, for whom, when, and the score after it.

    ``team`` is the team the goal counts for; for an own goal the scorer plays for the
    other side. ``score`` is ``home-away`` after the goal, in the order goals were
    recorded.
    """

    event_id: str
    team: str
    at: MatchTime | None
    scorer: Player
    kind: GoalKind
    assist: Player | None
    score: str

    @property
    def minute(self) -> str | None:
        """``64'``, ``90+2'``, or ``None`` when the goal has no time."""
        return _minute(self.at)


@frozen(kw_only=True)
class Booking:
    """A card that stands: to whom (a player or a team official), of which team, when."""

    event_id: str
    team: str
    at: MatchTime | None
    player: Player
    card: Card
    official: bool

    @property
    def minute(self) -> str | None:
        """``10'``, ``90+4'``, or ``None`` when the card has no time."""
        return _minute(self.at)


@frozen(kw_only=True)
class Substitution:
    """A substitution: who went off, who came on, when."""

    event_id: str
    team: str
    at: MatchTime | None
    player_off: Player
    player_on: Player

    @property
    def minute(self) -> str | None:
        """``46'``, or ``None`` when the substitution has no time."""
        return _minute(self.at)


@frozen(kw_only=True)
class Incidents:
    """The goals, cards and substitutions of one match, each in the order recorded."""

    match_id: str
    goals: tuple[Goal, ...] = ()
    bookings: tuple[Booking, ...] = ()
    substitutions: tuple[Substitution, ...] = ()


def incidents(events: Iterable[Event], match_id: str) -> Incidents:  # noqa: C901 - one case per kind
    """The goals, cards and substitutions of a match, corrections applied.

    Example:
        >>> from matchledger import load_example, EXAMPLE_MATCH_ID
        >>> found = incidents(load_example(), EXAMPLE_MATCH_ID)
        >>> [(b.minute, b.player.name, b.card.value) for b in found.bookings][:1]
        [("8'", 'Hans Hateboer', 'yellow')]
    """
    schedule: MatchScheduled | None = None
    goals: dict[str, Goal] = {}
    bookings: dict[str, Booking] = {}
    subs: list[Substitution] = []
    for e in events:
        if getattr(e, "match_id", None) != match_id:
            continue
        if isinstance(e, MatchScheduled):
            schedule = e
        elif isinstance(e, ShotTaken) and e.is_goal:
            kind: GoalKind = "penalty" if e.situation is Situation.PENALTY else "regular"
            goals[e.event_id] = Goal(
                event_id=e.event_id,
                team=e.team,
                at=e.at,
                scorer=e.player,
                kind=kind,
                assist=e.assist,
                score="",
            )
        elif isinstance(e, OwnGoalScored) and schedule is not None:
            other = schedule.away if e.team == schedule.home.team_id else schedule.home
            goals[e.event_id] = Goal(
                event_id=e.event_id,
                team=other.team_id,
                at=e.at,
                scorer=e.player,
                kind="own_goal",
                assist=None,
                score="",
            )
        elif isinstance(e, GoalDisallowed):
            goals.pop(e.goal, None)
        elif isinstance(e, GoalCredited) and e.goal in goals:
            was = goals[e.goal]
            kind = "own_goal" if e.own_goal else ("regular" if was.kind == "own_goal" else was.kind)
            goals[e.goal] = attrs.evolve(
                was, scorer=e.player, kind=kind, assist=None if e.own_goal else was.assist
            )
        elif isinstance(e, CardShown):
            bookings[e.event_id] = Booking(
                event_id=e.event_id,
                team=e.team,
                at=e.at,
                player=e.player,
                card=e.card,
                official=e.official,
            )
        elif isinstance(e, CardRescinded):
            bookings.pop(e.card, None)
        elif isinstance(e, SubstitutionMade):
            subs.append(
                Substitution(
                    event_id=e.event_id,
                    team=e.team,
                    at=e.at,
                    player_off=e.player_off,
                    player_on=e.player_on,
                )
            )
    home_id = schedule.home.team_id if schedule is not None else None
    running = [0, 0]
    counted = []
    for goal in goals.values():
        running[0 if goal.team == home_id else 1] += 1
        counted.append(attrs.evolve(goal, score=f"{running[0]}-{running[1]}"))
    return Incidents(
        match_id=match_id,
        goals=tuple(counted),
        bookings=tuple(bookings.values()),
        substitutions=tuple(subs),
    )
