"""The facts of a football match, one immutable event each.

Every event is a frozen, slotted, keyword-only attrs class, validated when it is
built, named in the past tense, with an ``event_id`` (unique within a ledger) and
the ``match_id`` it belongs to. A fact is recorded once: a goal is a
:class:`ShotTaken` whose outcome is :attr:`ShotOutcome.GOAL`; the score is never
stored. Corrections are new events that point at what they correct
(:class:`GoalDisallowed`, :class:`ResultAwarded`, :class:`MatchStatusChanged`).

Every ``team`` field holds a team id from the match's :class:`MatchScheduled`, and
it is always the team of the player who acted: an :class:`OwnGoalScored` names the
scorer's own team and counts for the opponent.

Example:
    >>> from matchledger.events import MatchTime, Player, ShotOutcome, ShotTaken
    >>> goal = ShotTaken(
    ...     event_id="e7", match_id="m1", team="inter",
    ...     player=Player(player_id="lautaro", name="Lautaro Martínez"),
    ...     at=MatchTime(minute=4), outcome=ShotOutcome.GOAL,
    ... )
    >>> goal.is_goal, str(goal.at)
    (True, "4'")
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Final, TypeAlias

from attrs import field, frozen

from matchledger import _checks as c
from matchledger.errors import InvalidFieldError

__all__ = [
    "EVENT_TYPES",
    "MATCH_EVENT_TYPES",
    "PLAY_EVENT_TYPES",
    "BodyPart",
    "Card",
    "CardRescinded",
    "CardShown",
    "CompetitionEvent",
    "Event",
    "FoulCommitted",
    "GoalCredited",
    "GoalDisallowed",
    "LineupAnnounced",
    "LineupEntry",
    "MatchEnded",
    "MatchEvent",
    "MatchScheduled",
    "MatchStatus",
    "MatchStatusChanged",
    "MatchTime",
    "OwnGoalScored",
    "PenaltyAppealDenied",
    "PenaltyAwarded",
    "Period",
    "PeriodEnded",
    "PeriodStarted",
    "Player",
    "PointsDeducted",
    "ResultAwarded",
    "ResultRecorded",
    "Score",
    "ShootoutKickTaken",
    "ShotOutcome",
    "ShotTaken",
    "Situation",
    "SubstitutionMade",
    "Team",
    "TieDecided",
    "TieMethod",
    "VarDecision",
    "VarIncident",
    "VarReviewed",
]


# --- vocabulary -------------------------------------------------------------------------


class Period(StrEnum):
    """A period of play.

    Members: ``FIRST_HALF``, ``SECOND_HALF``, ``EXTRA_TIME_FIRST_HALF``,
    ``EXTRA_TIME_SECOND_HALF``, ``PENALTY_SHOOTOUT``.
    """

    FIRST_HALF = "first_half"
    SECOND_HALF = "second_half"
    EXTRA_TIME_FIRST_HALF = "extra_time_first_half"
    EXTRA_TIME_SECOND_HALF = "extra_time_second_half"
    PENALTY_SHOOTOUT = "penalty_shootout"

    @property
    def is_extra_time(self) -> bool:
        """Whether this is one of the two halves of extra time."""
        return self in (Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF)


class ShotOutcome(StrEnum):
    """What became of an attempt on goal.

    Members: ``GOAL``, ``SAVED``, ``OFF_TARGET``, ``BLOCKED``, ``POST``, ``CROSSBAR``,
    ``WOODWORK`` (post or crossbar, the source does not say which),
    ``CLEARED_OFF_LINE`` (a defender stopped it on the goal line).
    """

    GOAL = "goal"
    SAVED = "saved"
    OFF_TARGET = "off_target"
    BLOCKED = "blocked"
    POST = "post"
    CROSSBAR = "crossbar"
    WOODWORK = "woodwork"
    CLEARED_OFF_LINE = "cleared_off_line"

    @property
    def hit_woodwork(self) -> bool:
        """Whether the attempt hit the post or the crossbar."""
        return self in (ShotOutcome.POST, ShotOutcome.CROSSBAR, ShotOutcome.WOODWORK)

    @property
    def on_target(self) -> bool:
        """Whether the attempt was on target: a goal, a save or a clearance off the line."""
        return self in (ShotOutcome.GOAL, ShotOutcome.SAVED, ShotOutcome.CLEARED_OFF_LINE)


class Situation(StrEnum):
    """The phase of play an attempt came from.

    Members: ``OPEN_PLAY``, ``COUNTER_ATTACK``, ``CORNER``, ``FREE_KICK`` (a direct
    free kick), ``SET_PIECE`` (from an indirect free kick or other set piece),
    ``THROW_IN``, ``PENALTY``.
    """

    OPEN_PLAY = "open_play"
    COUNTER_ATTACK = "counter_attack"
    CORNER = "corner"
    FREE_KICK = "free_kick"
    SET_PIECE = "set_piece"
    THROW_IN = "throw_in"
    PENALTY = "penalty"


class BodyPart(StrEnum):
    """What the player struck the ball with.

    Members: ``RIGHT_FOOT``, ``LEFT_FOOT``, ``HEAD``, ``OTHER``.
    """

    RIGHT_FOOT = "right_foot"
    LEFT_FOOT = "left_foot"
    HEAD = "head"
    OTHER = "other"


class Card(StrEnum):
    """A card shown by the referee.

    Members: ``YELLOW``, ``SECOND_YELLOW`` (the second caution of the match, a
    dismissal), ``RED`` (a straight red).
    """

    YELLOW = "yellow"
    SECOND_YELLOW = "second_yellow"
    RED = "red"

    @property
    def dismisses(self) -> bool:
        """Whether the card sends the player off."""
        return self is not Card.YELLOW


class VarIncident(StrEnum):
    """What a video assistant referee (VAR) reviewed.

    Members: ``GOAL``, ``PENALTY``, ``RED_CARD``, ``MISTAKEN_IDENTITY``.
    """

    GOAL = "goal"
    PENALTY = "penalty"
    RED_CARD = "red_card"
    MISTAKEN_IDENTITY = "mistaken_identity"


class VarDecision(StrEnum):
    """The end of a VAR review.

    Members: ``STANDS`` (the on-field decision stands), ``OVERTURNED``.
    """

    STANDS = "stands"
    OVERTURNED = "overturned"


class MatchStatus(StrEnum):
    """Where a match stands.

    Members: ``SCHEDULED``, ``IN_PLAY``, ``FINISHED``, ``POSTPONED``, ``SUSPENDED``,
    ``ABANDONED``, ``CANCELLED``, ``AWARDED``. A :class:`MatchStatusChanged` may set
    ``SCHEDULED`` (rescheduled or reinstated), ``POSTPONED``, ``SUSPENDED``,
    ``ABANDONED`` or ``CANCELLED``; the others follow from periods, the final whistle
    and awards.
    """

    SCHEDULED = "scheduled"
    IN_PLAY = "in_play"
    FINISHED = "finished"
    POSTPONED = "postponed"
    SUSPENDED = "suspended"
    ABANDONED = "abandoned"
    CANCELLED = "cancelled"
    AWARDED = "awarded"


_SETTABLE_STATUS: Final = frozenset(
    {
        MatchStatus.SCHEDULED,
        MatchStatus.POSTPONED,
        MatchStatus.SUSPENDED,
        MatchStatus.ABANDONED,
        MatchStatus.CANCELLED,
    }
)
_SHOOTOUT_OUTCOMES: Final = frozenset(
    {
        ShotOutcome.GOAL,
        ShotOutcome.SAVED,
        ShotOutcome.OFF_TARGET,
        ShotOutcome.POST,
        ShotOutcome.CROSSBAR,
        ShotOutcome.WOODWORK,
    }
)
_STOPPED_OUTCOMES: Final = frozenset(
    {ShotOutcome.SAVED, ShotOutcome.BLOCKED, ShotOutcome.CLEARED_OFF_LINE}
)

# --- values inside events -----------------------------------------------------------------

# a minute, optional added time, an optional apostrophe (ASCII, U+2019 or U+2032), a second
_CLOCK = re.compile(
    r"^\s*(\d{1,3})(?:\s*\+\s*(\d{1,2}))?\s*(?:'|\u2019|\u2032)?(?::(\d{1,2}))?\s*$"
)
_PERIOD_ENDS: Final = (
    (45, Period.FIRST_HALF),
    (90, Period.SECOND_HALF),
    (105, Period.EXTRA_TIME_FIRST_HALF),
    (120, Period.EXTRA_TIME_SECOND_HALF),
)


@frozen(kw_only=True, order=False)
class MatchTime:
    """A point on the match clock as a report writes it: ``4'``, ``45+1'``, ``90+3'``.

    ``minute`` is the minute as printed (the 4th minute is ``4``), ``added`` the
    minute of stoppage time after 45, 90, 105 or 120, and ``second`` (optional) the
    second within that minute. The period follows from the clock: up to ``45+x`` is
    the first half, up to ``90+x`` the second, then the halves of extra time.

    Example:
        >>> t = MatchTime.parse("90+3'")
        >>> t.minute, t.added, t.period.value, str(t)
        (90, 3, 'second_half', "90+3'")
    """

    minute: int = field(validator=c.integer(minimum=0, maximum=120))
    added: int = field(default=0, validator=c.integer(minimum=0, maximum=30))
    second: int | None = field(
        default=None, validator=c.integer(minimum=0, maximum=59, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        """Added time exists only after the 45th, 90th, 105th and 120th minutes."""
        if self.added and self.minute not in (45, 90, 105, 120):
            raise InvalidFieldError(
                "MatchTime",
                "added",
                f"is only allowed after minute 45, 90, 105 or 120, got {self.minute}+{self.added}",
            )

    @property
    def period(self) -> Period:
        """The period of play this time falls in."""
        for end, period in _PERIOD_ENDS:
            if self.minute <= end:
                return period
        return Period.EXTRA_TIME_SECOND_HALF  # pragma: no cover - minute <= 120 is validated

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A key that orders times as they happen (``45+2'`` before ``46'``)."""
        return (self.minute, self.added, self.second or 0)

    @classmethod
    def parse(cls, text: str) -> MatchTime:
        """Read ``"4'"``, ``"45+1'"`` or ``"90+3'"`` (optionally ``"90+3':25"``, to the second).

        Raises:
            InvalidFieldError: when the text is not a match time.
        """
        m = _CLOCK.match(text) if isinstance(text, str) else None
        if m is None:
            raise InvalidFieldError("MatchTime", "text", f"must look like 45+2', got {text!r}")
        minute, added, second = m.groups()
        return cls(
            minute=int(minute),
            added=int(added or 0),
            second=None if second is None else int(second),
        )

    def __str__(self) -> str:
        """The time as a report writes it, e.g. ``90+3'``."""
        out = f"{self.minute}+{self.added}'" if self.added else f"{self.minute}'"
        return out if self.second is None else f"{out}:{self.second:02d}"


@frozen(kw_only=True)
class Team:
    """A team: a stable id and a display name (accents kept).

    Example:
        >>> Team(team_id="inter", name="Internazionale").name
        'Internazionale'
    """

    team_id: str = field(validator=c.text())
    name: str = field(validator=c.text())


@frozen(kw_only=True)
class Player:
    """A player (or a team official, for a card): a stable id and a display name.

    Example:
        >>> Player(player_id="gomez", name="Alejandro Gómez").name
        'Alejandro Gómez'
    """

    player_id: str = field(validator=c.text())
    name: str = field(validator=c.text())


@frozen(kw_only=True)
class Score:
    """Goals for each side at some point of a match (or kicks scored in a shootout).

    Example:
        >>> str(Score(home=1, away=0))
        '1-0'
    """

    home: int = field(validator=c.integer(minimum=0, maximum=99))
    away: int = field(validator=c.integer(minimum=0, maximum=99))

    def __str__(self) -> str:
        """``home-away``, e.g. ``1-1``."""
        return f"{self.home}-{self.away}"


def _exceeds(earlier: Score, later: Score) -> bool:
    """Whether either side has more goals in ``earlier`` than in ``later``."""
    return earlier.home > later.home or earlier.away > later.away


@frozen(kw_only=True)
class LineupEntry:
    """One player of a team sheet, with an optional shirt number and position.

    Example:
        >>> LineupEntry(player=Player(player_id="hh", name="Samir Handanović"),
        ...             shirt_number=1, position="GK").shirt_number
        1
    """

    player: Player = field(validator=c.instance(Player))
    shirt_number: int | None = field(
        default=None, validator=c.integer(minimum=0, maximum=999, optional=True)
    )
    position: str | None = field(default=None, validator=c.text(optional=True, max_len=40))
    captain: bool = field(default=False, validator=c.flag())


# --- events ------------------------------------------------------------------------------


@frozen(kw_only=True)
class _MatchEvent:
    """Fields every event has."""

    event_id: str = field(validator=c.text())
    match_id: str = field(validator=c.text())


@frozen(kw_only=True)
class MatchScheduled(_MatchEvent):
    """A match was fixed: who plays whom, where, when and in which competition.

    Every other event of the match comes after this one. ``season`` is a label such
    as ``"2019-20"``; ``round`` the matchday or stage, as the competition names it.
    ``kickoff`` is ``None`` when the source does not say when the match is played (a
    provider's event feed may give the match but not its date): the ledger never
    invents one. A later :class:`MatchStatusChanged` may still give it.

    Example:
        >>> from datetime import datetime, timezone
        >>> MatchScheduled(
        ...     event_id="s1", match_id="m1", competition="Serie A", season="2019-20",
        ...     round="19", kickoff=datetime(2020, 1, 11, 19, 45, tzinfo=timezone.utc),
        ...     venue="San Siro", home=Team(team_id="inter", name="Inter"),
        ...     away=Team(team_id="atalanta", name="Atalanta"),
        ... ).home.name
        'Inter'
    """

    competition: str = field(validator=c.text())
    season: str = field(validator=c.text(max_len=40))
    round: str | None = field(default=None, validator=c.text(optional=True))
    kickoff: datetime | None = field(default=None, validator=c.aware_datetime(optional=True))
    venue: str | None = field(default=None, validator=c.text(optional=True))
    home: Team = field(validator=c.instance(Team))
    away: Team = field(validator=c.instance(Team))

    def __attrs_post_init__(self) -> None:
        """A team cannot play itself."""
        if self.home.team_id == self.away.team_id:
            raise InvalidFieldError(
                "MatchScheduled", "away", f"must differ from home, both are {self.home.team_id!r}"
            )

    def side_of(self, team_id: str) -> str | None:
        """``"home"``, ``"away"`` or ``None`` for a team id."""
        if team_id == self.home.team_id:
            return "home"
        if team_id == self.away.team_id:
            return "away"
        return None


@frozen(kw_only=True)
class LineupAnnounced(_MatchEvent):
    """A team sheet: the starting players and the substitutes on the bench.

    Once a team's lineup is in the ledger, the ledger knows who is on the pitch and
    rejects play by anyone else. Without one, players are taken as given.

    Example:
        >>> p = Player(player_id="hh", name="Samir Handanović")
        >>> LineupAnnounced(event_id="l1", match_id="m1", team="inter",
        ...                 starters=(LineupEntry(player=p),)).starters[0].player.name
        'Samir Handanović'
    """

    team: str = field(validator=c.text())
    starters: tuple[LineupEntry, ...] = field(validator=c.items_of(LineupEntry, max_len=11))
    bench: tuple[LineupEntry, ...] = field(default=(), validator=c.items_of(LineupEntry))

    def __attrs_post_init__(self) -> None:
        """Every player appears once; at least one starts."""
        if not self.starters:
            raise InvalidFieldError("LineupAnnounced", "starters", "must name at least one player")
        seen: set[str] = set()
        for entry in self.starters + self.bench:
            pid = entry.player.player_id
            if pid in seen:
                raise InvalidFieldError(
                    "LineupAnnounced", "bench", f"names player {pid!r} more than once"
                )
            seen.add(pid)


@frozen(kw_only=True)
class PeriodStarted(_MatchEvent):
    """The referee started a period (a half, a half of extra time, a shootout).

    Example:
        >>> PeriodStarted(event_id="p1", match_id="m1", period=Period.FIRST_HALF).period.value
        'first_half'
    """

    period: Period = field(validator=c.member(Period))


@frozen(kw_only=True)
class PeriodEnded(_MatchEvent):
    """A period ended; ``at`` records when, added time included (``45+1'``).

    Example:
        >>> str(PeriodEnded(event_id="p2", match_id="m1", period=Period.FIRST_HALF,
        ...                 at=MatchTime(minute=45, added=1)).at)
        "45+1'"
    """

    period: Period = field(validator=c.member(Period))
    at: MatchTime | None = field(default=None, validator=c.instance(MatchTime, optional=True))


@frozen(kw_only=True)
class MatchEnded(_MatchEvent):
    """The final whistle: no more play in this match (corrections may still follow).

    Example:
        >>> MatchEnded(event_id="end", match_id="m1").match_id
        'm1'
    """


@frozen(kw_only=True)
class MatchStatusChanged(_MatchEvent):
    """The match was postponed, suspended, abandoned, cancelled or rescheduled.

    ``status=SCHEDULED`` with a new ``kickoff`` reschedules a postponed match.

    Example:
        >>> MatchStatusChanged(event_id="x", match_id="m1", status=MatchStatus.POSTPONED,
        ...                    reason="waterlogged pitch").status.value
        'postponed'
    """

    status: MatchStatus = field(validator=c.member(MatchStatus, allowed=_SETTABLE_STATUS))
    reason: str | None = field(default=None, validator=c.text(optional=True, max_len=500))
    kickoff: datetime | None = field(default=None, validator=c.aware_datetime(optional=True))


@frozen(kw_only=True)
class _TeamEvent(_MatchEvent):
    """An event done by (or for) one of the two teams, at a time on the clock."""

    team: str = field(validator=c.text())
    at: MatchTime | None = field(default=None, validator=c.instance(MatchTime, optional=True))


@frozen(kw_only=True)
class ShotTaken(_TeamEvent):
    """An attempt on goal and what became of it; a goal is a shot with outcome ``GOAL``.

    ``stopped_by`` is the opponent who saved, blocked or cleared it off the line.
    ``assist`` (goals only) is the teammate who set it up. A penalty is a shot with
    ``situation=PENALTY``; a kick in a shootout is a :class:`ShootoutKickTaken`.

    Example:
        >>> saved = ShotTaken(
        ...     event_id="e60", match_id="m1", team="atalanta", at=MatchTime(minute=88),
        ...     player=Player(player_id="muriel", name="Luis Muriel"),
        ...     outcome=ShotOutcome.SAVED, situation=Situation.PENALTY,
        ...     stopped_by=Player(player_id="hh", name="Samir Handanović"),
        ... )
        >>> saved.is_goal, saved.outcome.on_target
        (False, True)
    """

    player: Player = field(validator=c.instance(Player))
    outcome: ShotOutcome = field(validator=c.member(ShotOutcome))
    situation: Situation = field(default=Situation.OPEN_PLAY, validator=c.member(Situation))
    body_part: BodyPart | None = field(default=None, validator=c.member(BodyPart, optional=True))
    assist: Player | None = field(default=None, validator=c.instance(Player, optional=True))
    stopped_by: Player | None = field(default=None, validator=c.instance(Player, optional=True))

    def __attrs_post_init__(self) -> None:
        """An assist goes with a goal, by a teammate; only a stopped shot has a stopper."""
        if self.assist is not None:
            if self.outcome is not ShotOutcome.GOAL:
                raise InvalidFieldError(
                    "ShotTaken",
                    "assist",
                    f"is only for goals, the outcome is {self.outcome.value!r}",
                )
            if self.assist.player_id == self.player.player_id:
                raise InvalidFieldError("ShotTaken", "assist", "cannot be the scorer")
        if self.stopped_by is not None and self.outcome not in _STOPPED_OUTCOMES:
            raise InvalidFieldError(
                "ShotTaken",
                "stopped_by",
                f"is only for saved, blocked or cleared shots, the outcome is "
                f"{self.outcome.value!r}",
            )

    @property
    def is_goal(self) -> bool:
        """Whether the attempt was a goal (before any later correction)."""
        return self.outcome is ShotOutcome.GOAL


@frozen(kw_only=True)
class OwnGoalScored(_TeamEvent):
    """A player put the ball into their own net; it counts for the other team.

    ``team`` is the player's own team, as everywhere; the goal never counts in the
    player's goal tally.

    Example:
        >>> OwnGoalScored(event_id="og", match_id="m1", team="turkey", at=MatchTime(minute=53),
        ...               player=Player(player_id="demiral", name="Merih Demiral")).team
        'turkey'
    """

    player: Player = field(validator=c.instance(Player))


@frozen(kw_only=True)
class PenaltyAwarded(_TeamEvent):
    """The referee gave a penalty to ``team``; the kick itself is a :class:`ShotTaken`.

    Example:
        >>> PenaltyAwarded(event_id="pa", match_id="m1", team="atalanta", at=MatchTime(minute=87),
        ...                conceded_by=Player(player_id="bastoni", name="Alessandro Bastoni"),
        ...                ).conceded_by.name
        'Alessandro Bastoni'
    """

    won_by: Player | None = field(default=None, validator=c.instance(Player, optional=True))
    conceded_by: Player | None = field(default=None, validator=c.instance(Player, optional=True))


@frozen(kw_only=True)
class PenaltyAppealDenied(_TeamEvent):
    """``team`` appealed for a penalty and the referee turned it down.

    ``claimed_by`` is the player who went down or appealed, ``against`` the opponent
    accused of the foul.

    Example:
        >>> PenaltyAppealDenied(event_id="ap", match_id="m1", team="atalanta",
        ...                     at=MatchTime(minute=40)).team
        'atalanta'
    """

    claimed_by: Player | None = field(default=None, validator=c.instance(Player, optional=True))
    against: Player | None = field(default=None, validator=c.instance(Player, optional=True))


@frozen(kw_only=True)
class VarReviewed(_MatchEvent):
    """The video assistant referee reviewed an incident, and with what decision.

    ``subject`` is the id of the event reviewed, when it is in the ledger. A review
    changes nothing by itself: what it leads to is its own event (e.g. a
    :class:`GoalDisallowed` naming this review).

    Example:
        >>> VarReviewed(event_id="v1", match_id="m1", incident=VarIncident.PENALTY,
        ...             decision=VarDecision.STANDS, subject="ap").decision.value
        'stands'
    """

    incident: VarIncident = field(validator=c.member(VarIncident))
    decision: VarDecision = field(validator=c.member(VarDecision))
    subject: str | None = field(default=None, validator=c.text(optional=True))
    at: MatchTime | None = field(default=None, validator=c.instance(MatchTime, optional=True))


@frozen(kw_only=True)
class FoulCommitted(_TeamEvent):
    """``player`` of ``team`` committed a foul, on ``fouled`` when known.

    Example:
        >>> FoulCommitted(event_id="f1", match_id="m1", team="inter", at=MatchTime(minute=87),
        ...               player=Player(player_id="bastoni", name="Alessandro Bastoni")).player.name
        'Alessandro Bastoni'
    """

    player: Player = field(validator=c.instance(Player))
    fouled: Player | None = field(default=None, validator=c.instance(Player, optional=True))


@frozen(kw_only=True)
class CardShown(_TeamEvent):
    """The referee showed a card; ``official=True`` when it went to a team official.

    A ``SECOND_YELLOW`` needs an earlier ``YELLOW`` for the same player in the match;
    a second yellow or a red sends the player off.

    Example:
        >>> CardShown(event_id="c1", match_id="m1", team="atalanta", at=MatchTime(minute=8),
        ...           player=Player(player_id="hateboer", name="Hans Hateboer"),
        ...           card=Card.YELLOW).card.dismisses
        False
    """

    player: Player = field(validator=c.instance(Player))
    card: Card = field(validator=c.member(Card))
    reason: str | None = field(default=None, validator=c.text(optional=True, max_len=500))
    official: bool = field(default=False, validator=c.flag())

    def __attrs_post_init__(self) -> None:
        """A team official can be cautioned or sent off, but has no second yellow."""
        if self.official and self.card is Card.SECOND_YELLOW:
            raise InvalidFieldError(
                "CardShown", "card", "second_yellow is for players; show an official a red"
            )


@frozen(kw_only=True)
class SubstitutionMade(_TeamEvent):
    """``player_on`` replaced ``player_off``.

    Example:
        >>> SubstitutionMade(event_id="s1", match_id="m1", team="inter", at=MatchTime(minute=71),
        ...                  player_off=Player(player_id="sensi", name="Stefano Sensi"),
        ...                  player_on=Player(player_id="borja", name="Borja Valero"),
        ...                  ).player_on.name
        'Borja Valero'
    """

    player_off: Player = field(validator=c.instance(Player))
    player_on: Player = field(validator=c.instance(Player))

    def __attrs_post_init__(self) -> None:
        """A player cannot replace themself."""
        if self.player_off.player_id == self.player_on.player_id:
            raise InvalidFieldError("SubstitutionMade", "player_on", "must differ from player_off")


@frozen(kw_only=True)
class ShootoutKickTaken(_MatchEvent):
    """A kick in a penalty shootout. It decides the shootout, never the match score.

    Example:
        >>> ShootoutKickTaken(event_id="k1", match_id="m1", team="italy",
        ...                   player=Player(player_id="berardi", name="Domenico Berardi"),
        ...                   outcome=ShotOutcome.GOAL).scored
        True
    """

    team: str = field(validator=c.text())
    player: Player = field(validator=c.instance(Player))
    outcome: ShotOutcome = field(validator=c.member(ShotOutcome, allowed=_SHOOTOUT_OUTCOMES))
    stopped_by: Player | None = field(default=None, validator=c.instance(Player, optional=True))

    def __attrs_post_init__(self) -> None:
        """Only a saved kick has a goalkeeper who stopped it."""
        if self.stopped_by is not None and self.outcome is not ShotOutcome.SAVED:
            raise InvalidFieldError("ShootoutKickTaken", "stopped_by", "is only for saved kicks")

    @property
    def scored(self) -> bool:
        """Whether the kick went in."""
        return self.outcome is ShotOutcome.GOAL


@frozen(kw_only=True)
class GoalDisallowed(_MatchEvent):
    """A goal already recorded does not count (e.g. after a VAR review).

    ``goal`` is the id of the :class:`ShotTaken` (outcome ``GOAL``) or
    :class:`OwnGoalScored` it cancels; ``review`` the :class:`VarReviewed` that led
    to it, if any. The attempt itself still happened.

    Example:
        >>> GoalDisallowed(event_id="d1", match_id="m1", goal="e7", reason="offside").goal
        'e7'
    """

    goal: str = field(validator=c.text())
    reason: str | None = field(default=None, validator=c.text(optional=True, max_len=500))
    review: str | None = field(default=None, validator=c.text(optional=True))


@frozen(kw_only=True)
class GoalCredited(_MatchEvent):
    """A goal already recorded is credited to another player, or turned into an own goal.

    The goal still counts for the same team; only who scored it changes (a dubious-goals
    decision). With ``own_goal=True``, ``player`` is the opponent who put the ball into
    his own net; otherwise a player of the scoring team. An own goal has no assist.

    Example:
        >>> GoalCredited(event_id="c1", match_id="m1", goal="e7",
        ...              player=Player(player_id="toloi", name="Rafael Tolói"),
        ...              own_goal=True).own_goal
        True
    """

    goal: str = field(validator=c.text())
    player: Player = field(validator=c.instance(Player))
    own_goal: bool = field(default=False, validator=c.flag())
    reason: str | None = field(default=None, validator=c.text(optional=True, max_len=500))


@frozen(kw_only=True)
class CardRescinded(_MatchEvent):
    """A card already shown is withdrawn on appeal; it no longer counts.

    Example:
        >>> CardRescinded(event_id="x1", match_id="m1", card="c7", reason="appeal upheld").card
        'c7'
    """

    card: str = field(validator=c.text())
    reason: str | None = field(default=None, validator=c.text(optional=True, max_len=500))


@frozen(kw_only=True)
class ResultAwarded(_MatchEvent):
    """An authority fixed the result, overriding whatever happened on the pitch.

    Example:
        >>> ResultAwarded(event_id="r1", match_id="m1", home_goals=3, away_goals=0,
        ...               authority="Giudice Sportivo", reason="ineligible player").home_goals
        3
    """

    home_goals: int = field(validator=c.integer(minimum=0, maximum=99))
    away_goals: int = field(validator=c.integer(minimum=0, maximum=99))
    authority: str | None = field(default=None, validator=c.text(optional=True))
    reason: str | None = field(default=None, validator=c.text(optional=True, max_len=500))
    decided_on: date | None = field(default=None, validator=c.optional_date())
    counts_goals: bool = field(default=True, validator=c.flag())
    """Whether the awarded goals count in the table's goal columns. In France a match
    lost by penalty gives the points but no goals (Bastia v Lyon 2016-17 was awarded
    to Lyon "sans perte de goal-average"); Italy counts the 3-0."""


@frozen(kw_only=True)
class ResultRecorded(_MatchEvent):
    """The result of a match, from a source that knows scores but not goals.

    It counts exactly like the goals it stands for, and ends the match: no play
    follows it. When goal events of the same match are in the ledger too, the result
    must agree with them.

    ``home_goals`` and ``away_goals`` are the result that counts, extra time included.
    ``full_time`` is the score after 90 minutes when extra time followed (it is only
    given with ``after_extra_time``); ``shootout`` the kicks scored in a penalty
    shootout. A shootout may follow a match that was not drawn: the second leg of a
    tie level on aggregate.

    Example:
        >>> r = ResultRecorded(event_id="r1", match_id="m1", home_goals=2, away_goals=1,
        ...                    half_time=Score(home=0, away=1))
        >>> (r.home_goals, r.away_goals, str(r.half_time))
        (2, 1, '0-1')
        >>> aet = ResultRecorded(event_id="r2", match_id="m2", home_goals=3, away_goals=2,
        ...                      full_time=Score(home=2, away=2), after_extra_time=True)
        >>> str(aet.full_time)
        '2-2'
    """

    home_goals: int = field(validator=c.integer(minimum=0, maximum=99))
    away_goals: int = field(validator=c.integer(minimum=0, maximum=99))
    half_time: Score | None = field(default=None, validator=c.instance(Score, optional=True))
    full_time: Score | None = field(default=None, validator=c.instance(Score, optional=True))
    after_extra_time: bool = field(default=False, validator=c.flag())
    shootout: Score | None = field(default=None, validator=c.instance(Score, optional=True))

    def __attrs_post_init__(self) -> None:
        """Half time, then 90 minutes, then the result: no score exceeds a later one.

        The score after 90 minutes is only given when extra time followed.
        """
        ht, ft = self.half_time, self.full_time
        if ht is None and ft is None:
            return
        final = Score(home=self.home_goals, away=self.away_goals)
        if ft is not None:
            if not self.after_extra_time:
                raise InvalidFieldError(
                    "ResultRecorded",
                    "full_time",
                    "is the score after 90 minutes when extra time followed; "
                    "without extra time the result is the full-time score",
                )
            if _exceeds(ft, final):
                raise InvalidFieldError(
                    "ResultRecorded",
                    "full_time",
                    f"({ft}) cannot exceed the result after extra time ({final})",
                )
        if ht is not None:
            if ft is not None and _exceeds(ht, ft):
                raise InvalidFieldError(
                    "ResultRecorded",
                    "half_time",
                    f"({ht}) cannot exceed full_time ({ft})",
                )
            if _exceeds(ht, final):
                raise InvalidFieldError(
                    "ResultRecorded",
                    "half_time",
                    f"({ht}) cannot exceed the final score ({final})",
                )


# --- events of a competition, not of one match ------------------------------------------------


@frozen(kw_only=True)
class _CompetitionEvent:
    """Fields every competition-level event has."""

    event_id: str = field(validator=c.text())
    competition: str = field(validator=c.text())
    season: str = field(validator=c.text(max_len=40))


@frozen(kw_only=True)
class PointsDeducted(_CompetitionEvent):
    """An authority took points off a team in a competition's season.

    ``effective`` is the day from which the table shows it (``None``: from the start).

    Example:
        >>> PointsDeducted(event_id="d1", competition="Serie A", season="2022-23",
        ...                team="juventus", points=10, reason="capital gains").points
        10
    """

    team: str = field(validator=c.text())
    points: int = field(validator=c.integer(minimum=-99, maximum=99))
    reason: str | None = field(default=None, validator=c.text(optional=True, max_len=500))
    effective: date | None = field(default=None, validator=c.optional_date())

    def __attrs_post_init__(self) -> None:
        """A deduction of zero points says nothing."""
        if self.points == 0:
            raise InvalidFieldError("PointsDeducted", "points", "must not be 0")


class TieMethod(StrEnum):
    """How a tie was settled off the table.

    Members: ``PLAY_OFF`` (a deciding match), ``LOTS`` (drawing of lots).
    """

    PLAY_OFF = "play_off"
    LOTS = "lots"


@frozen(kw_only=True)
class TieDecided(_CompetitionEvent):
    """A tie on points was settled off the table: ``winner`` ranks above ``loser``.

    ``play_off_match`` is the match id of the play-off when the ledger records it.

    Example:
        >>> TieDecided(event_id="t1", competition="Serie A", season="2022-23",
        ...            winner="verona", loser="spezia", method=TieMethod.PLAY_OFF).winner
        'verona'
    """

    winner: str = field(validator=c.text())
    loser: str = field(validator=c.text())
    method: TieMethod = field(default=TieMethod.PLAY_OFF, validator=c.member(TieMethod))
    play_off_match: str | None = field(default=None, validator=c.text(optional=True))
    decided_on: date | None = field(default=None, validator=c.optional_date())

    def __attrs_post_init__(self) -> None:
        """A team cannot beat itself."""
        if self.winner == self.loser:
            raise InvalidFieldError("TieDecided", "loser", "must differ from winner")


MatchEvent: TypeAlias = (
    MatchScheduled
    | LineupAnnounced
    | PeriodStarted
    | PeriodEnded
    | MatchEnded
    | MatchStatusChanged
    | ShotTaken
    | OwnGoalScored
    | PenaltyAwarded
    | PenaltyAppealDenied
    | VarReviewed
    | FoulCommitted
    | CardShown
    | SubstitutionMade
    | ShootoutKickTaken
    | GoalDisallowed
    | GoalCredited
    | CardRescinded
    | ResultAwarded
    | ResultRecorded
)
"""An event of one match: it has a ``match_id``."""

CompetitionEvent: TypeAlias = PointsDeducted | TieDecided
"""An event of a competition's season rather than of one match."""

Event: TypeAlias = MatchEvent | CompetitionEvent
"""Any matchledger event."""

EVENT_TYPES: Final[tuple[type[Event], ...]] = (
    MatchScheduled,
    LineupAnnounced,
    PeriodStarted,
    PeriodEnded,
    MatchEnded,
    MatchStatusChanged,
    ShotTaken,
    OwnGoalScored,
    PenaltyAwarded,
    PenaltyAppealDenied,
    VarReviewed,
    FoulCommitted,
    CardShown,
    SubstitutionMade,
    ShootoutKickTaken,
    GoalDisallowed,
    GoalCredited,
    CardRescinded,
    ResultAwarded,
    ResultRecorded,
    PointsDeducted,
    TieDecided,
)
"""Every concrete event class, in the order of the event reference."""

MATCH_EVENT_TYPES: Final[tuple[type[MatchEvent], ...]] = EVENT_TYPES[:-2]  # type: ignore[assignment]
"""The event classes that belong to one match."""

PLAY_EVENT_TYPES: Final[tuple[type[Event], ...]] = (
    ShotTaken,
    OwnGoalScored,
    PenaltyAwarded,
    PenaltyAppealDenied,
    FoulCommitted,
    CardShown,
    SubstitutionMade,
)
"""Events of play during a period: not allowed after full time or in a shootout."""
