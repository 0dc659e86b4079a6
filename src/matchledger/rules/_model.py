"""Ranking rules as values: points per result and an ordered chain of tie-break criteria."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from attrs import field, frozen

from matchledger import _checks as c

__all__ = ["Criterion", "Era", "Place", "Preset", "Rules"]


class Criterion(StrEnum):
    """One way of separating clubs level on points.

    Overall criteria compare each club's whole season: ``GOAL_DIFFERENCE``,
    ``GOAL_AVERAGE`` (goals for divided by goals against; a club with none against
    ranks above any with some), ``GOALS_SCORED``, ``FEWER_GOALS_AGAINST``,
    ``AWAY_GOALS``, ``WINS``, ``AWAY_WINS``.

    Head-to-head criteria compare only the matches among the clubs still level (a
    mini-league when there are three or more): ``H2H_POINTS``,
    ``H2H_GOAL_DIFFERENCE``, ``H2H_GOALS_SCORED``, ``H2H_AWAY_GOALS``.

    ``PLAY_OFF`` and ``LOTS`` end the chain: the tie is settled off the table, by a
    match or by drawing lots, which a :class:`~matchledger.events.TieDecided` event
    records. Until it does, the rows say the tie is unresolved.
    """

    GOAL_DIFFERENCE = "goal_difference"
    GOAL_AVERAGE = "goal_average"
    GOALS_SCORED = "goals_scored"
    FEWER_GOALS_AGAINST = "fewer_goals_against"
    AWAY_GOALS = "away_goals"
    WINS = "wins"
    AWAY_WINS = "away_wins"
    H2H_POINTS = "h2h_points"
    H2H_GOAL_DIFFERENCE = "h2h_goal_difference"
    H2H_GOALS_SCORED = "h2h_goals_scored"
    H2H_AWAY_GOALS = "h2h_away_goals"
    PLAY_OFF = "play_off"
    LOTS = "lots"

    @property
    def head_to_head(self) -> bool:
        """Whether the criterion looks only at matches among the tied clubs."""
        return self.value.startswith("h2h_")

    @property
    def off_table(self) -> bool:
        """Whether the tie is settled off the table (a play-off or lots)."""
        return self in (Criterion.PLAY_OFF, Criterion.LOTS)

    @property
    def label(self) -> str:
        """Words for explanations, e.g. ``head-to-head points``."""
        return _LABELS[self]


_LABELS: Final = {
    Criterion.GOAL_DIFFERENCE: "goal difference",
    Criterion.GOAL_AVERAGE: "goal average",
    Criterion.GOALS_SCORED: "goals scored",
    Criterion.FEWER_GOALS_AGAINST: "fewer goals conceded",
    Criterion.AWAY_GOALS: "away goals",
    Criterion.WINS: "wins",
    Criterion.AWAY_WINS: "away wins",
    Criterion.H2H_POINTS: "head-to-head points",
    Criterion.H2H_GOAL_DIFFERENCE: "head-to-head goal difference",
    Criterion.H2H_GOALS_SCORED: "head-to-head goals scored",
    Criterion.H2H_AWAY_GOALS: "head-to-head away goals",
    Criterion.PLAY_OFF: "a play-off",
    Criterion.LOTS: "drawing of lots",
}


class Place(StrEnum):
    """Places of a table where a competition settles a tie off the table.

    Members: ``TITLE`` (first place), ``RELEGATION`` (the line between the last safe
    place and the first relegation place), ``ANY`` (every place).
    """

    TITLE = "title"
    RELEGATION = "relegation"
    ANY = "any"


def _criteria(value: Iterable[Criterion | str]) -> tuple[Criterion, ...]:
    return tuple(Criterion(v) for v in value)


def _criteria_or_none(value: Iterable[Criterion | str] | None) -> tuple[Criterion, ...] | None:
    return None if value is None else _criteria(value)


def _places(value: Iterable[Place | str]) -> frozenset[Place]:
    return frozenset(Place(v) for v in value)


@frozen(kw_only=True)
class Rules:
    """How a competition ranks its table in one era.

    Args:
        name: a label for explanations, e.g. ``"Serie A 2005-06 to 2021-22"``.
        win: points for a win.
        draw: points for a draw.
        loss: points for a loss.
        criteria: the tie-break chain after points, in order.
        criteria_for_many: a different chain when three or more clubs are level
            (La Liga's rule), or ``None`` for the same chain.
        reapply_head_to_head: run the head-to-head criteria again on the clubs
            still level, as UEFA does; otherwise they stay computed over all the
            clubs that were level on points (Italy's *classifica avulsa*).
        head_to_head_needs_all_played: apply head-to-head only once every match among
            the tied clubs has been played (the Bundesliga's rule mid-season).
        off_table_places: where ``PLAY_OFF`` applies; elsewhere it is skipped and
            the chain goes on.
        relegation_places: how many clubs go down, to find the relegation line.
        source: where the rules come from.

    Example:
        >>> r = Rules(name="test", criteria=("goal_difference", "goals_scored"))
        >>> r.points(won=2, drawn=1, lost=0), [x.value for x in r.criteria]
        (7, ['goal_difference', 'goals_scored'])
    """

    name: str = field(validator=c.text(max_len=200))
    win: int = field(default=3, validator=c.integer(minimum=0, maximum=10))
    draw: int = field(default=1, validator=c.integer(minimum=0, maximum=10))
    loss: int = field(default=0, validator=c.integer(minimum=-10, maximum=10))
    criteria: tuple[Criterion, ...] = field(converter=_criteria, default=())
    criteria_for_many: tuple[Criterion, ...] | None = field(
        default=None, converter=_criteria_or_none
    )
    reapply_head_to_head: bool = field(default=False, validator=c.flag())
    head_to_head_needs_all_played: bool = field(default=False, validator=c.flag())
    off_table_places: frozenset[Place] = field(default=frozenset({Place.ANY}), converter=_places)
    relegation_places: int = field(default=3, validator=c.integer(minimum=0, maximum=30))
    source: str = ""

    def points(self, *, won: int, drawn: int, lost: int) -> int:
        """Points for a record of wins, draws and losses (before deductions)."""
        return won * self.win + drawn * self.draw + lost * self.loss

    def chain(self, tied: int) -> tuple[Criterion, ...]:
        """The criteria for ``tied`` clubs level on points."""
        if tied >= 3 and self.criteria_for_many is not None:
            return self.criteria_for_many
        return self.criteria


@frozen(kw_only=True)
class Era:
    """The rules in force from one season to another (inclusive; ``None`` is open)."""

    first: str | None
    last: str | None
    rules: Rules

    def covers(self, season: str) -> bool:
        """Whether ``season`` (``YYYY-YY`` or ``YYYY``) falls in this era."""
        start = _start_year(season)
        if self.first is not None and start < _start_year(self.first):
            return False
        return not (self.last is not None and start > _start_year(self.last))


@frozen(kw_only=True)
class Preset:
    """A competition's rules across its history, by name.

    Example:
        >>> from matchledger.rules import preset
        >>> serie_a = preset("serie-a")
        >>> serie_a.for_season("2019-20").win, serie_a.for_season("1990-91").win
        (3, 2)
    """

    name: str
    title: str
    eras: tuple[Era, ...]
    source: str

    def for_season(self, season: str) -> Rules:
        """The rules in force in ``season``.

        Raises:
            LedgerError: when the preset has no rules for that season.
        """
        for era in self.eras:
            if era.covers(season):
                return era.rules
        from matchledger.errors import LedgerError  # noqa: PLC0415 - keeps this module light

        msg = f"rules {self.name!r} have no era covering season {season!r}"
        raise LedgerError(msg)


def _start_year(season: str) -> int:
    head = season.strip()[:4]
    if not head.isdigit():
        from matchledger.errors import LedgerError  # noqa: PLC0415

        msg = f"season {season!r} must start with a year, like '2019-20', to find its rules"
        raise LedgerError(msg)
    return int(head)
