"""Hypothesis strategies for matchledger: values, single events, whole matches and ledgers.

Use them to test your own code against any valid match rather than a handful of
hand-made ones: a fold, an exporter, a report. Every match drawn by
:func:`match_events` (and every ledger drawn by :func:`ledgers`) is accepted by
:class:`~matchledger.Ledger`: the strategies simulate the match as they draw it, so
players act only while on the pitch, a second yellow follows a yellow, a dismissed
player never acts again, periods come in order, only substitutions and cards happen
between them, and a corrected goal existed.

The strategies need `hypothesis <https://hypothesis.readthedocs.io>`_, an optional
dependency of matchledger::

    pip install 'matchledger[testing]'

They are deterministic given hypothesis' choices (no other randomness), so failures
shrink and replay like any other hypothesis failure.

Example:
    >>> from hypothesis import given, settings
    >>> from matchledger import Ledger, score
    >>> from matchledger.strategies import match_events
    >>> @settings(max_examples=10, deadline=None)
    ... @given(match_events())
    ... def test_goals_are_never_negative(events):
    ...     line = score(Ledger(events), events[0].match_id)
    ...     assert line.on_pitch.home >= 0 and line.on_pitch.away >= 0
    >>> test_goals_are_never_negative()
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Final, Literal, TypeVar

import orjson

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
    from hypothesis.strategies import SearchStrategy
except ImportError as exc:  # pragma: no cover - depends on the environment
    msg = (
        "matchledger.strategies needs hypothesis, an optional dependency: "
        "pip install 'matchledger[testing]'"
    )
    raise ImportError(msg) from exc

from matchledger._checks import MAX_TEXT
from matchledger.codec import dumps
from matchledger.events import (
    EVENT_TYPES,
    BodyPart,
    Card,
    CardRescinded,
    CardShown,
    Event,
    FoulCommitted,
    GoalCredited,
    GoalDisallowed,
    LineupAnnounced,
    LineupEntry,
    MatchEnded,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    MatchTime,
    OwnGoalScored,
    PenaltyAppealDenied,
    PenaltyAwarded,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    PointsDeducted,
    ResultAwarded,
    ResultRecorded,
    Score,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
    Team,
    TieDecided,
    TieMethod,
    VarDecision,
    VarIncident,
    VarReviewed,
)
from matchledger.ledger import Ledger

__all__ = [
    "corrupted_documents",
    "events",
    "ledgers",
    "match_events",
    "match_times",
    "players",
    "seasons",
    "teams",
]

_T = TypeVar("_T")

# --- vocabulary -------------------------------------------------------------------------

_SPANS: Final[dict[Period, tuple[int, int]]] = {
    Period.FIRST_HALF: (0, 45),
    Period.SECOND_HALF: (46, 90),
    Period.EXTRA_TIME_FIRST_HALF: (91, 105),
    Period.EXTRA_TIME_SECOND_HALF: (106, 120),
}
_PLAYED: Final = tuple(_SPANS)
_SLUG_CHARS: Final = string.ascii_lowercase + string.digits + "-_"


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


# realistic names: accents and other scripts included
_FIRST_NAMES: Final = _split(
    "Samir|Lautaro|Alejandro|Luis|Hans|Robin|Ruslan|Diego|Martin|Heung-min|N'Golo|Zlatan|"
    "Wojciech|Hakan|Kristoffer|José Luis|Σωκράτης"
)
_LAST_NAMES: Final = _split(
    "Handanović|Martínez|Gómez|Muriel|Hateboer|de Roon|Gosens|Malinovskyi|Godín|Ødegaard|"
    "Müller|Çalhanoğlu|O'Shea|Kanté|Szczęsny|Đurić|Son|Παπασταθόπουλος"
)
_CLUB_NAMES: Final = _split(
    "Inter|Atalanta|Internazionale|Borussia Mönchengladbach|Atlético Madrid|Beşiktaş|"
    "Saint-Étienne|Malmö FF|Wisła Kraków|Dinamo Zagreb|Brighton & Hove Albion|Олимпик"
)
_COMPETITIONS: Final = _split(
    "Serie A|Premier League|LaLiga|Bundesliga|Süper Lig|UEFA Champions League|Coppa Italia"
)
_VENUES: Final = _split("San Siro|Gewiss Stadium|Olympiastadion|Estádio da Luz")
_REASONS: Final = _split(
    "offside|handball|foul in the build-up|dissent|time-wasting|waterlogged pitch|"
    "floodlight failure|ineligible player|crowd trouble"
)
_PLAY_REASONS: Final = _REASONS[:5]  # for cards and disallowed goals
_STATUS_REASONS: Final = _REASONS[5:]  # for postponements and awarded results
# fixed UTC offsets (whole quarters of an hour, as real zones have)
_ZONES: Final = tuple(
    timezone(timedelta(minutes=15 * quarter)) for quarter in (0, 4, 8, 12, -12, -20, 22, 36, 56)
)
# outcomes listed more than once are drawn more often
_SHOT_OUTCOMES: Final = tuple(
    map(
        ShotOutcome,
        _split(
            "saved|off_target|goal|blocked|goal|saved|post|off_target|"
            "crossbar|woodwork|cleared_off_line"
        ),
    )
)
_STOPPED: Final = frozenset({ShotOutcome.SAVED, ShotOutcome.BLOCKED, ShotOutcome.CLEARED_OFF_LINE})
_KICK_OUTCOMES: Final = tuple(
    map(ShotOutcome, _split("goal|saved|goal|off_target|goal|post|crossbar|woodwork"))
)
_SETTABLE: Final = tuple(
    map(MatchStatus, _split("postponed|scheduled|suspended|abandoned|cancelled"))
)
_POSITIONS: Final = ("GK", "DF", "DF", "DF", "DF", "MF", "MF", "MF", "FW", "FW", "FW")

_Kind = Literal[
    "shot", "foul", "card", "substitution", "own_goal", "penalty", "appeal", "var", "disallow"
]
# kinds of play listed more than once are drawn more often; the first is what shrinks to
_KINDS: Final[tuple[_Kind, ...]] = (
    *("shot", "foul", "card", "shot", "substitution", "foul", "own_goal"),
    *("penalty", "shot", "appeal", "card", "var", "disallow"),
)
_Ending = Literal["full", "live", "abandoned", "not_started"]
_ENDINGS: Final[tuple[_Ending, ...]] = ("full", "full", "full", "live", "abandoned", "not_started")
_UNFINISHED: Final[tuple[_Ending, ...]] = ("live", "abandoned", "not_started")


# --- values -----------------------------------------------------------------------------


def _texts(max_size: int = 30) -> SearchStrategy[str]:
    """Any text an event accepts: not empty, not only spaces, no lone surrogates."""
    return st.text(st.characters(codec="utf-8"), min_size=1, max_size=max_size).filter(
        lambda s: not s.isspace()
    )


def _slugs(max_size: int = 12) -> SearchStrategy[str]:
    """Short ASCII ids such as ``inter`` or ``m-07`` (no dots or colons)."""
    return st.text(_SLUG_CHARS, min_size=1, max_size=max_size)


def _identifiers() -> SearchStrategy[str]:
    """Ids: mostly short slugs, sometimes any valid text."""
    return st.one_of(_slugs(), _texts(40))


def _person_names() -> SearchStrategy[str]:
    """Realistic names (accents and other scripts included)."""
    return st.builds("{} {}".format, st.sampled_from(_FIRST_NAMES), st.sampled_from(_LAST_NAMES))


def _person_name(draw: st.DrawFn) -> str:
    """One realistic name, drawn cheaply (a squad needs twenty)."""
    first = _FIRST_NAMES[draw(st.integers(0, len(_FIRST_NAMES) - 1))]
    return f"{first} {_LAST_NAMES[draw(st.integers(0, len(_LAST_NAMES) - 1))]}"


def _reasons() -> SearchStrategy[str | None]:
    return st.none() | st.sampled_from(_REASONS) | _texts(60)


def _kickoffs(*, whole_minutes: bool = False) -> SearchStrategy[datetime]:
    """Timezone-aware kick-off times between 2000 and 2035, at fixed UTC offsets."""
    times = st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis localises with `timezones`
        max_value=datetime(2035, 12, 31),  # noqa: DTZ001
        timezones=st.sampled_from(_ZONES),
    )
    if whole_minutes:
        return times.map(lambda t: t.replace(second=0, microsecond=0))
    return times


def _dates() -> SearchStrategy[date]:
    return st.dates(min_value=date(2000, 1, 1), max_value=date(2036, 12, 31))


def _key(t: MatchTime) -> tuple[int, int, int]:
    return t.sort_key


def match_times(
    period: Period | None = None, *, max_added: int = 15, seconds: bool = True
) -> SearchStrategy[MatchTime]:
    """Valid match clock times, stoppage time included (``4'``, ``45+2'``, ``90+5':12``).

    Args:
        period: only times that fall in this period (a half or a half of extra time);
            ``None`` for any of them. A shootout has no clock.
        max_added: the most minutes of stoppage time (at most 30).
        seconds: whether some times give the second within the minute.

    Returns:
        A strategy of :class:`~matchledger.events.MatchTime`.

    Raises:
        InvalidArgument: for the penalty shootout or an out-of-range ``max_added``.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(match_times(Period.SECOND_HALF))
        ... def test_in_the_second_half(t):
        ...     assert t.period is Period.SECOND_HALF
        >>> test_in_the_second_half()
    """
    if period is Period.PENALTY_SHOOTOUT:
        raise InvalidArgument("a penalty shootout has no match clock")
    if not 0 <= max_added <= 30:
        raise InvalidArgument(f"max_added must be within 0..30, got {max_added}")
    periods: tuple[Period, ...] = _PLAYED if period is None else (period,)
    return _match_times(periods, max_added, seconds=seconds)


@st.composite
def _match_times(
    draw: st.DrawFn, periods: tuple[Period, ...], max_added: int, *, seconds: bool
) -> MatchTime:
    period = draw(st.sampled_from(periods))
    first, last = _SPANS[period]
    if max_added and draw(st.integers(0, 3)) == 3:
        minute, added = last, draw(st.integers(1, max_added))
    else:
        minute, added = draw(st.integers(first, last)), 0
    second = draw(st.none() | st.integers(0, 59)) if seconds else None
    return MatchTime(minute=minute, added=added, second=second)


# built once: building strategies anew for every draw would dominate the drawing time
_TIMES: Final = {period: _match_times((period,), 15, seconds=True) for period in _PLAYED}
_CLUB_NAME: Final = st.sampled_from(_CLUB_NAMES) | _texts(30)
_INCIDENTS: Final = tuple(VarIncident)
_DECISIONS: Final = tuple(VarDecision)
_SITUATIONS: Final = tuple(Situation)
_BODY_PARTS: Final = tuple(BodyPart)


def teams() -> SearchStrategy[Team]:
    """Valid teams: an id (usually a short slug) and a display name.

    Returns:
        A strategy of :class:`~matchledger.events.Team`.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(teams())
        ... def test_named(team):
        ...     assert team.team_id and team.name
        >>> test_named()
    """
    return st.builds(Team, team_id=_identifiers(), name=st.sampled_from(_CLUB_NAMES) | _texts(40))


def players() -> SearchStrategy[Player]:
    """Valid players: an id (usually a short slug) and a display name, accents included.

    Returns:
        A strategy of :class:`~matchledger.events.Player`.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(players())
        ... def test_named(player):
        ...     assert player.player_id and player.name
        >>> test_named()
    """
    return st.builds(Player, player_id=_identifiers(), name=_person_names() | _texts(40))


# --- single events ------------------------------------------------------------------------


def _times() -> SearchStrategy[MatchTime | None]:
    return st.none() | match_times()


def _optional_players() -> SearchStrategy[Player | None]:
    return st.none() | players()


def _team_event_fields() -> dict[str, SearchStrategy[object]]:
    return {
        "event_id": _identifiers(),
        "match_id": _identifiers(),
        "team": _identifiers(),
        "at": _times(),
    }


@st.composite
def _match_scheduled(draw: st.DrawFn) -> MatchScheduled:
    home, away = draw(st.lists(teams(), min_size=2, max_size=2, unique_by=lambda t: t.team_id))
    return MatchScheduled(
        event_id=draw(_identifiers()),
        match_id=draw(_identifiers()),
        competition=draw(st.sampled_from(_COMPETITIONS) | _texts()),
        season=draw(st.sampled_from(("2019-20", "2020", "2024-25")) | _texts(40)),
        round=draw(st.none() | _texts()),
        kickoff=draw(st.none() | _kickoffs()),
        venue=draw(st.none() | _texts()),
        home=home,
        away=away,
    )


def _entries() -> SearchStrategy[LineupEntry]:
    return st.builds(
        LineupEntry,
        player=players(),
        shirt_number=st.none() | st.integers(0, 999),
        position=st.none() | st.sampled_from(_POSITIONS) | _texts(40),
        captain=st.booleans(),
    )


@st.composite
def _lineup_announced(draw: st.DrawFn) -> LineupAnnounced:
    entries = draw(
        st.lists(_entries(), min_size=1, max_size=20, unique_by=lambda e: e.player.player_id)
    )
    starters = draw(st.integers(1, min(11, len(entries))))
    return LineupAnnounced(
        event_id=draw(_identifiers()),
        match_id=draw(_identifiers()),
        team=draw(_identifiers()),
        starters=tuple(entries[:starters]),
        bench=tuple(entries[starters:]),
    )


@st.composite
def _shot_taken(draw: st.DrawFn) -> ShotTaken:
    outcome = draw(st.sampled_from(ShotOutcome))
    player = draw(players())
    assist = None
    if outcome is ShotOutcome.GOAL:
        assist = draw(st.none() | players().filter(lambda p: p.player_id != player.player_id))
    stopped = draw(_optional_players()) if outcome in _STOPPED else None
    return ShotTaken(
        event_id=draw(_identifiers()),
        match_id=draw(_identifiers()),
        team=draw(_identifiers()),
        at=draw(_times()),
        player=player,
        outcome=outcome,
        situation=draw(st.sampled_from(Situation)),
        body_part=draw(st.none() | st.sampled_from(BodyPart)),
        assist=assist,
        stopped_by=stopped,
    )


@st.composite
def _card_shown(draw: st.DrawFn) -> CardShown:
    official = draw(st.booleans())
    cards = (Card.YELLOW, Card.RED) if official else tuple(Card)
    return CardShown(
        event_id=draw(_identifiers()),
        match_id=draw(_identifiers()),
        team=draw(_identifiers()),
        at=draw(_times()),
        player=draw(players()),
        card=draw(st.sampled_from(cards)),
        reason=draw(_reasons()),
        official=official,
    )


@st.composite
def _substitution_made(draw: st.DrawFn) -> SubstitutionMade:
    off, on = draw(st.lists(players(), min_size=2, max_size=2, unique_by=lambda p: p.player_id))
    return SubstitutionMade(
        event_id=draw(_identifiers()),
        match_id=draw(_identifiers()),
        team=draw(_identifiers()),
        at=draw(_times()),
        player_off=off,
        player_on=on,
    )


@st.composite
def _shootout_kick_taken(draw: st.DrawFn) -> ShootoutKickTaken:
    outcome = draw(st.sampled_from(_KICK_OUTCOMES))
    stopped = draw(_optional_players()) if outcome is ShotOutcome.SAVED else None
    return ShootoutKickTaken(
        event_id=draw(_identifiers()),
        match_id=draw(_identifiers()),
        team=draw(_identifiers()),
        player=draw(players()),
        outcome=outcome,
        stopped_by=stopped,
    )


def _ids() -> dict[str, SearchStrategy[str]]:
    return {"event_id": _identifiers(), "match_id": _identifiers()}


def _event_strategies() -> dict[type[Event], SearchStrategy[Event]]:
    team = _team_event_fields()
    return {
        MatchScheduled: _match_scheduled(),
        LineupAnnounced: _lineup_announced(),
        PeriodStarted: st.builds(PeriodStarted, **_ids(), period=st.sampled_from(Period)),
        PeriodEnded: st.builds(PeriodEnded, **_ids(), period=st.sampled_from(Period), at=_times()),
        MatchEnded: st.builds(MatchEnded, **_ids()),
        MatchStatusChanged: st.builds(
            MatchStatusChanged,
            **_ids(),
            status=st.sampled_from(_SETTABLE),
            reason=_reasons(),
            kickoff=st.none() | _kickoffs(),
        ),
        ShotTaken: _shot_taken(),
        OwnGoalScored: st.builds(OwnGoalScored, **team, player=players()),
        PenaltyAwarded: st.builds(
            PenaltyAwarded, **team, won_by=_optional_players(), conceded_by=_optional_players()
        ),
        PenaltyAppealDenied: st.builds(
            PenaltyAppealDenied,
            **team,
            claimed_by=_optional_players(),
            against=_optional_players(),
        ),
        VarReviewed: st.builds(
            VarReviewed,
            **_ids(),
            incident=st.sampled_from(VarIncident),
            decision=st.sampled_from(VarDecision),
            subject=st.none() | _identifiers(),
            at=_times(),
        ),
        FoulCommitted: st.builds(
            FoulCommitted, **team, player=players(), fouled=_optional_players()
        ),
        CardShown: _card_shown(),
        SubstitutionMade: _substitution_made(),
        ShootoutKickTaken: _shootout_kick_taken(),
        GoalDisallowed: st.builds(
            GoalDisallowed,
            **_ids(),
            goal=_identifiers(),
            reason=_reasons(),
            review=st.none() | _identifiers(),
        ),
        ResultAwarded: st.builds(
            ResultAwarded,
            **_ids(),
            home_goals=st.integers(0, 99),
            away_goals=st.integers(0, 99),
            authority=st.none() | _texts(),
            reason=_reasons(),
            decided_on=st.none() | _dates(),
            counts_goals=st.booleans(),
        ),
        ResultRecorded: _result_recorded(),
        GoalCredited: st.builds(
            GoalCredited,
            **_ids(),
            goal=_identifiers(),
            player=players(),
            own_goal=st.booleans(),
            reason=_reasons(),
        ),
        CardRescinded: st.builds(CardRescinded, **_ids(), card=_identifiers(), reason=_reasons()),
        PointsDeducted: st.builds(
            PointsDeducted,
            event_id=_identifiers(),
            competition=_texts(),
            season=st.sampled_from(["2019-20", "2023-24", "1988-89"]),
            team=_identifiers(),
            points=st.integers(1, 30) | st.integers(-5, -1),
            reason=_reasons(),
            effective=st.none() | _dates(),
        ),
        TieDecided: _tie_decided(),
    }


@st.composite
def _result_recorded(draw: st.DrawFn) -> ResultRecorded:
    home, away = draw(st.integers(0, 9)), draw(st.integers(0, 9))
    extra_time = draw(st.booleans())
    # the score after 90 minutes, when extra time followed: at most the final score
    full_time = None
    if extra_time and draw(st.booleans()):
        full_time = Score(home=draw(st.integers(0, home)), away=draw(st.integers(0, away)))
    half_time = None
    if draw(st.booleans()):
        upto = full_time or Score(home=home, away=away)
        half_time = Score(
            home=draw(st.integers(0, upto.home)), away=draw(st.integers(0, upto.away))
        )
    shootout = None
    if home == away and draw(st.booleans()):
        shootout = Score(home=draw(st.integers(0, 20)), away=draw(st.integers(0, 20)))
    return ResultRecorded(
        event_id=draw(_identifiers()),
        match_id=draw(_identifiers()),
        home_goals=home,
        away_goals=away,
        half_time=half_time,
        full_time=full_time,
        after_extra_time=extra_time,
        shootout=shootout,
    )


@st.composite
def _tie_decided(draw: st.DrawFn) -> TieDecided:
    winner = draw(_identifiers())
    loser = draw(_identifiers().filter(lambda x: x != winner))
    return TieDecided(
        event_id=draw(_identifiers()),
        competition=draw(_texts()),
        season=draw(st.sampled_from(["2022-23", "2005-06"])),
        winner=winner,
        loser=loser,
        method=draw(st.sampled_from(TieMethod)),
        play_off_match=draw(st.none() | _identifiers()),
        decided_on=draw(st.none() | _dates()),
    )


def events(types: Collection[type[Event]] | None = None) -> SearchStrategy[Event]:
    """Single valid events of any of the classes in :data:`~matchledger.events.EVENT_TYPES`.

    Each event is valid on its own (it constructs without error) but not fitted to
    any match: its ids, team, players, times and references are arbitrary (any
    Unicode text), so a ledger may well reject it. A :class:`MatchScheduled` may have
    no kick-off (``kickoff=None``), as when a source does not give the date. Use it
    for what looks at one event at a time, such as an encoder; use
    :func:`match_events` for events that make up a match.

    Args:
        types: only events of these classes; ``None`` for all of them.

    Returns:
        A strategy of events.

    Raises:
        InvalidArgument: when ``types`` is empty or names a class that is not an event.

    Example:
        >>> from hypothesis import given, settings
        >>> from matchledger.events import Card, CardShown
        >>> @settings(max_examples=20)
        ... @given(events(types=[CardShown]))
        ... def test_officials_have_no_second_yellow(card):
        ...     assert not (card.official and card.card is Card.SECOND_YELLOW)
        >>> test_officials_have_no_second_yellow()
    """
    chosen = tuple(EVENT_TYPES) if types is None else tuple(types)
    if not chosen:
        raise InvalidArgument("events(types=...) needs at least one event class")
    unknown = [t for t in chosen if t not in EVENT_TYPES]
    if unknown:
        raise InvalidArgument(f"not event classes: {unknown!r}")
    table = _event_strategies()
    return st.one_of([table[t] for t in EVENT_TYPES if t in chosen])


# --- whole matches ------------------------------------------------------------------------


class _Club:
    """A team with its coach and squad, shared by the matches of one ledger."""

    __slots__ = ("coach", "squad", "team")

    def __init__(self, team: Team, coach: Player, squad: list[Player]) -> None:
        self.team = team
        self.coach = coach
        self.squad = squad


@st.composite
def _clubs(draw: st.DrawFn, count: int) -> list[_Club]:
    ids = draw(st.lists(_slugs(10), min_size=count, max_size=count, unique=True))
    clubs = []
    for team_id in ids:
        team = Team(team_id=team_id, name=draw(_CLUB_NAME))
        size = draw(st.integers(14, 20))
        squad = [
            Player(player_id=f"{team_id}.{n}", name=_person_name(draw)) for n in range(1, size + 1)
        ]
        coach = Player(player_id=f"{team_id}.coach", name=_person_name(draw))
        clubs.append(_Club(team, coach, squad))
    return clubs


class _Side:
    """One team in one match: who started, who is on the pitch, who can still come on."""

    __slots__ = ("bench", "club", "keeper", "on_pitch", "starters", "subs", "unused")

    def __init__(self, club: _Club, starters: list[Player], bench: list[Player]) -> None:
        self.club = club
        self.starters = starters
        self.bench = bench
        self.on_pitch = list(starters)  # a list, not a set: draws must be reproducible
        self.unused = list(bench)
        self.keeper = starters[0]
        self.subs = 0

    @property
    def team_id(self) -> str:
        return self.club.team.team_id

    @property
    def squad(self) -> list[Player]:
        return self.starters + self.bench


class _Match:
    """Draws the events of one match while keeping the state the ledger checks."""

    def __init__(  # noqa: PLR0913 - the parts of one simulation
        self,
        draw: st.DrawFn,
        match_id: str,
        home: _Side,
        away: _Side,
        *,
        corrections: bool,
        budget: int,
    ) -> None:
        self.draw = draw
        self.match_id = match_id
        self.sides = (home, away)
        self.corrections = corrections
        self.budget = budget
        self.events: list[Event] = []
        self.cautioned: set[str] = set()
        self.dismissed: set[str] = set()
        self.goals: list[str] = []  # ids of goals that stand, in order
        self.suspended = False

    # --- helpers --------------------------------------------------------------------------

    def next_id(self) -> str:
        return f"{self.match_id}:{len(self.events) + 1}"

    def emit(self, event: Event) -> str:
        self.events.append(event)
        return event.event_id

    def one_in(self, n: int) -> bool:
        """A choice that is true about once in ``n`` draws (false when shrunk)."""
        return self.draw(st.integers(0, n - 1)) == n - 1

    def pick(self, options: Sequence[_T]) -> _T:
        """One of ``options`` (the first when shrunk); cheaper than a fresh ``sampled_from``."""
        return options[self.draw(st.integers(0, len(options) - 1))]

    def maybe(self, options: Sequence[Player]) -> Player | None:
        if not options or self.draw(st.booleans()):
            return None
        return self.pick(options)

    def reason(self, options: Sequence[str] = _PLAY_REASONS) -> str | None:
        return None if self.draw(st.booleans()) else self.pick(options)

    def dismiss(self, side: _Side, player: Player) -> None:
        self.dismissed.add(player.player_id)
        if player in side.on_pitch:
            side.on_pitch.remove(player)
        if player in side.unused:
            side.unused.remove(player)

    # --- before kick-off ----------------------------------------------------------------------

    def lineup(self, side: _Side) -> None:
        numbered = self.draw(st.booleans())
        captain = self.draw(st.integers(-1, len(side.starters) - 1))  # -1: none

        def entry(n: int, player: Player, position: str | None) -> LineupEntry:
            return LineupEntry(
                player=player,
                shirt_number=n + 1 if numbered else None,
                position=position,
                captain=n == captain,
            )

        starters = tuple(entry(n, p, _POSITIONS[n]) for n, p in enumerate(side.starters))
        bench = tuple(entry(n + 11, p, None) for n, p in enumerate(side.bench))
        self.emit(
            LineupAnnounced(
                event_id=self.next_id(),
                match_id=self.match_id,
                team=side.team_id,
                starters=starters,
                bench=bench,
            )
        )

    def status(self, status: MatchStatus, kickoff: datetime | None = None) -> None:
        self.emit(
            MatchStatusChanged(
                event_id=self.next_id(),
                match_id=self.match_id,
                status=status,
                reason=self.reason(_STATUS_REASONS),
                kickoff=kickoff,
            )
        )

    # --- periods -------------------------------------------------------------------------------

    def start(self, period: Period) -> None:
        self.emit(PeriodStarted(event_id=self.next_id(), match_id=self.match_id, period=period))

    def end(self, period: Period, at: MatchTime | None) -> None:
        self.emit(
            PeriodEnded(event_id=self.next_id(), match_id=self.match_id, period=period, at=at)
        )

    def play(self, period: Period, cap: int) -> MatchTime | None:
        """Draw the play of a half; return the time the half can end at."""
        count = self.draw(st.integers(0, min(cap, self.budget)))
        self.budget -= count
        times = sorted((self.draw(_TIMES[period]) for _ in range(count)), key=_key)
        suspend_at = -1
        if self.corrections and not self.suspended and self.one_in(8):
            suspend_at = self.draw(st.integers(0, count))
        for n, at in enumerate(times):
            if n == suspend_at:
                self.suspend(period)
            self.play_one(None if self.one_in(10) else at)
        if suspend_at == count:
            self.suspend(period)
        if self.one_in(6):
            return None
        last = _SPANS[period][1]
        end = MatchTime(minute=last, added=self.draw(st.integers(0, 8)))
        if times and _key(times[-1]) > _key(end):
            end = times[-1]
        return end

    def interval(self) -> None:
        """Between periods: a substitution or two, now and then a card."""
        for _ in range(self.draw(st.integers(1, 3))):
            side = self.pick(self.sides)
            if self.one_in(3) or not self.substitution(side, None):
                self.card(side, None)

    def suspend(self, period: Period) -> None:
        self.suspended = True
        self.status(MatchStatus.SUSPENDED)
        if self.draw(st.booleans()):
            self.status(MatchStatus.SCHEDULED)
        self.start(period)

    def shootout(self) -> None:
        count = self.draw(st.integers(0, 14))
        first = self.draw(st.integers(0, 1))
        kicked: set[str] = set()
        for n in range(count):
            side, opp = self.sides[(first + n) % 2], self.sides[(first + n + 1) % 2]
            if self.one_in(12):
                self.card(side, None)
            takers = [p for p in side.on_pitch if p.player_id not in kicked] or side.on_pitch
            player = self.pick(takers)
            kicked.add(player.player_id)
            outcome = self.pick(_KICK_OUTCOMES)
            stopped = None
            if outcome is ShotOutcome.SAVED and opp.keeper in opp.on_pitch:
                stopped = opp.keeper if self.draw(st.booleans()) else None
            self.emit(
                ShootoutKickTaken(
                    event_id=self.next_id(),
                    match_id=self.match_id,
                    team=side.team_id,
                    player=player,
                    outcome=outcome,
                    stopped_by=stopped,
                )
            )

    # --- play ------------------------------------------------------------------------------------

    def play_one(self, at: MatchTime | None) -> None:  # noqa: C901 - one branch per kind
        kind = self.pick(_KINDS)
        home = self.draw(st.booleans())
        side, opp = self.sides if home else self.sides[::-1]
        if kind == "shot":
            self.shot(side, opp, at)
        elif kind == "foul":
            self.foul(side, opp, at)
        elif kind == "card":
            self.card(side, at)
        elif kind == "substitution":
            if not self.substitution(side, at):
                self.foul(side, opp, at)
        elif kind == "own_goal":
            self.goals.append(
                self.emit(
                    OwnGoalScored(
                        event_id=self.next_id(),
                        match_id=self.match_id,
                        team=side.team_id,
                        at=at,
                        player=self.pick(side.on_pitch),
                    )
                )
            )
        elif kind == "penalty":
            self.emit(
                PenaltyAwarded(
                    event_id=self.next_id(),
                    match_id=self.match_id,
                    team=side.team_id,
                    at=at,
                    won_by=self.maybe(side.on_pitch),
                    conceded_by=self.maybe(opp.on_pitch),
                )
            )
            if self.draw(st.booleans()):
                self.shot(side, opp, at, situation=Situation.PENALTY)
        elif kind == "appeal":
            self.emit(
                PenaltyAppealDenied(
                    event_id=self.next_id(),
                    match_id=self.match_id,
                    team=side.team_id,
                    at=at,
                    claimed_by=self.maybe(side.on_pitch),
                    against=self.maybe(opp.on_pitch),
                )
            )
        elif kind == "var":
            ids = [e.event_id for e in self.events]
            self.emit(
                VarReviewed(
                    event_id=self.next_id(),
                    match_id=self.match_id,
                    incident=self.pick(_INCIDENTS),
                    decision=self.pick(_DECISIONS),
                    subject=None if self.draw(st.booleans()) else self.pick(ids),
                    at=at,
                )
            )
        elif kind == "disallow" and self.corrections and self.goals:
            self.disallow(at)
        else:
            self.shot(side, opp, at)

    def shot(
        self,
        side: _Side,
        opp: _Side,
        at: MatchTime | None,
        situation: Situation | None = None,
    ) -> None:
        player = self.pick(side.on_pitch)
        outcome = self.pick(_SHOT_OUTCOMES)
        assist = None
        if outcome is ShotOutcome.GOAL and situation is None:
            assist = self.maybe([p for p in side.on_pitch if p != player])
        stopped = None
        if outcome in _STOPPED:
            keeper_stops = outcome is ShotOutcome.SAVED and opp.keeper in opp.on_pitch
            stopped = opp.keeper if keeper_stops else self.maybe(opp.on_pitch)
        event_id = self.emit(
            ShotTaken(
                event_id=self.next_id(),
                match_id=self.match_id,
                team=side.team_id,
                at=at,
                player=player,
                outcome=outcome,
                situation=situation or self.pick(_SITUATIONS),
                body_part=None if self.draw(st.booleans()) else self.pick(_BODY_PARTS),
                assist=assist,
                stopped_by=stopped,
            )
        )
        if outcome is ShotOutcome.GOAL:
            self.goals.append(event_id)

    def foul(self, side: _Side, opp: _Side, at: MatchTime | None) -> None:
        self.emit(
            FoulCommitted(
                event_id=self.next_id(),
                match_id=self.match_id,
                team=side.team_id,
                at=at,
                player=self.pick(side.on_pitch),
                fouled=self.maybe(opp.on_pitch),
            )
        )

    def card(self, side: _Side, at: MatchTime | None) -> None:
        """A card for one of ``side``: a caution, a second caution, a red, or for the coach."""
        kind = self.pick(("yellow", "yellow", "second_yellow", "second_yellow", "red", "official"))
        card: Card | None = None
        player: Player | None = None
        can_dismiss = len(side.on_pitch) > 7  # a team keeps at least seven players
        if kind == "second_yellow" and can_dismiss:
            booked = [p for p in side.on_pitch if p.player_id in self.cautioned]
            if booked:
                card, player = Card.SECOND_YELLOW, self.pick(booked)
        elif kind == "red":
            off_pitch = [
                p
                for p in side.squad
                if p not in side.on_pitch and p.player_id not in self.dismissed
            ]
            pool = side.on_pitch if can_dismiss and not self.one_in(8) else off_pitch
            if pool:
                card, player = Card.RED, self.pick(pool)
        if card is None and kind != "official":
            pool = [p for p in side.on_pitch if p.player_id not in self.cautioned]
            if not pool or self.one_in(10):  # now and then someone on the bench
                pool = [
                    p
                    for p in side.squad
                    if p.player_id not in self.cautioned and p.player_id not in self.dismissed
                ]
            if pool:
                card, player = Card.YELLOW, self.pick(pool)
        if card is None or player is None:
            self.emit(
                CardShown(
                    event_id=self.next_id(),
                    match_id=self.match_id,
                    team=side.team_id,
                    at=at,
                    player=side.club.coach,
                    card=self.pick((Card.YELLOW, Card.RED)),
                    reason=self.reason(),
                    official=True,
                )
            )
            return
        self.emit(
            CardShown(
                event_id=self.next_id(),
                match_id=self.match_id,
                team=side.team_id,
                at=at,
                player=player,
                card=card,
                reason=self.reason(),
            )
        )
        if card is Card.YELLOW:
            self.cautioned.add(player.player_id)
        else:
            self.dismiss(side, player)

    def substitution(self, side: _Side, at: MatchTime | None) -> bool:
        """Bring on a bench player who has not played, if the rules allow one more."""
        if side.subs >= 5 or not side.unused:
            return False
        off, on = self.pick(side.on_pitch), self.pick(side.unused)
        self.emit(
            SubstitutionMade(
                event_id=self.next_id(),
                match_id=self.match_id,
                team=side.team_id,
                at=at,
                player_off=off,
                player_on=on,
            )
        )
        side.on_pitch[side.on_pitch.index(off)] = on
        side.unused.remove(on)
        side.subs += 1
        return True

    def disallow(self, at: MatchTime | None) -> None:
        goal = self.pick(self.goals)
        review = None
        if self.draw(st.booleans()):
            review = self.emit(
                VarReviewed(
                    event_id=self.next_id(),
                    match_id=self.match_id,
                    incident=VarIncident.GOAL,
                    decision=VarDecision.OVERTURNED,
                    subject=goal,
                    at=at,
                )
            )
        self.emit(
            GoalDisallowed(
                event_id=self.next_id(),
                match_id=self.match_id,
                goal=goal,
                reason=self.reason(),
                review=review,
            )
        )
        self.goals.remove(goal)

    # --- after the match -------------------------------------------------------------------------

    def aftermath(self, kickoff: datetime, *, award: bool) -> None:
        """Corrections after the whistle: a goal struck off, one or two awarded results."""
        if not self.corrections:
            return
        if self.goals and self.one_in(4):
            self.disallow(None)
        if award or self.one_in(6):
            for _ in range(self.draw(st.integers(1, 2))):
                days = self.draw(st.integers(-1, 120))  # -1: no date
                self.emit(
                    ResultAwarded(
                        event_id=self.next_id(),
                        match_id=self.match_id,
                        home_goals=self.draw(st.integers(0, 5)),
                        away_goals=self.draw(st.integers(0, 5)),
                        authority=self.pick((None, "Disciplinary Committee")),
                        reason=self.reason(_STATUS_REASONS),
                        decided_on=None if days < 0 else kickoff.date() + timedelta(days),
                    )
                )


def _side(draw: st.DrawFn, club: _Club) -> _Side:
    squad = draw(st.permutations(club.squad))
    bench = draw(st.integers(3, len(squad) - 11))
    return _Side(club, list(squad[:11]), list(squad[11 : 11 + bench]))


def _schedule(match: _Match, kickoff: datetime) -> None:
    home, away = (side.club.team for side in match.sides)
    year = kickoff.year if kickoff.month >= 7 else kickoff.year - 1
    match.emit(
        MatchScheduled(
            event_id=match.next_id(),
            match_id=match.match_id,
            competition=match.pick(_COMPETITIONS),
            season=f"{year}-{(year + 1) % 100:02d}",
            round=match.pick((None, "1", "19", "38", "Final", "Round of 16")),
            kickoff=kickoff,
            venue=match.pick((None, *_VENUES)),
            home=home,
            away=away,
        )
    )


def _ending(draw: st.DrawFn, finished: bool | None, corrections: bool) -> _Ending:
    if finished is None:
        ending = _ENDINGS[draw(st.integers(0, len(_ENDINGS) - 1))]
    elif finished:
        ending = "full"
    else:
        ending = _UNFINISHED[draw(st.integers(0, len(_UNFINISHED) - 1))]
    if not corrections and ending == "abandoned":
        return "live"  # abandoning a match is a status change, i.e. a correction
    return ending


def _before_kickoff(
    match: _Match, kickoff: datetime, lineups: bool | None, ending: _Ending
) -> None:
    """Team sheets, and now and then a postponement (usually followed by a new date)."""
    draw = match.draw
    if lineups is None:
        announced = match.pick(((), (0,), (1,), (0, 1)))
    else:
        announced = (0, 1) if lineups else ()
    for n in announced:
        match.lineup(match.sides[n])
    postponed = match.corrections and match.one_in(6)
    if postponed:
        match.status(MatchStatus.POSTPONED)
    if ending == "not_started" and match.corrections and match.one_in(3):
        match.status(MatchStatus.CANCELLED)
    elif postponed and (ending != "not_started" or draw(st.booleans())):
        match.status(MatchStatus.SCHEDULED, kickoff + timedelta(days=draw(st.integers(1, 60))))


def _periods(draw: st.DrawFn, extra_time: bool | None, shootout: bool | None) -> list[Period]:
    periods = [Period.FIRST_HALF, Period.SECOND_HALF]
    if extra_time if extra_time is not None else draw(st.integers(0, 3)) == 3:
        periods += [Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF]
    if shootout if shootout is not None else draw(st.integers(0, 3)) == 3:
        periods.append(Period.PENALTY_SHOOTOUT)
    return periods


def _draw_match(  # noqa: PLR0913 - one match, start to finish
    draw: st.DrawFn,
    match_id: str,
    home: _Club,
    away: _Club,
    *,
    lineups: bool | None,
    extra_time: bool | None,
    shootout: bool | None,
    corrections: bool,
    finished: bool | None,
    max_play_events: int,
) -> list[Event]:
    match = _Match(
        draw,
        match_id,
        _side(draw, home),
        _side(draw, away),
        corrections=corrections,
        budget=max_play_events,
    )
    kickoff = draw(_kickoffs(whole_minutes=True))
    _schedule(match, kickoff)
    ending = _ending(draw, finished, corrections)
    _before_kickoff(match, kickoff, lineups, ending)
    if ending == "not_started":
        match.aftermath(kickoff, award=False)
        return match.events

    periods = _periods(draw, extra_time, shootout)
    stop_at, stop_inside = len(periods), False
    if ending != "full":  # stop during, or right after, one of the periods
        stop_at = draw(st.integers(0, len(periods) - 1))
        stop_inside = draw(st.booleans())
    for n, period in enumerate(periods):
        match.start(period)
        if period is Period.PENALTY_SHOOTOUT:
            match.shootout()
            end_at = None
        else:
            end_at = match.play(period, 15 if period in _PLAYED[:2] else 6)
        if n == stop_at and stop_inside:
            break
        match.end(period, end_at)
        if n == stop_at:
            break
        if match.one_in(4):  # the interval: only cards and substitutions, off the clock
            match.interval()

    _after_play(match, kickoff, ending, in_period=stop_inside)
    return match.events


def _after_play(match: _Match, kickoff: datetime, ending: _Ending, *, in_period: bool) -> None:
    """The final whistle and corrections, an abandonment, or a live match held up."""
    if ending == "full":
        match.emit(MatchEnded(event_id=match.next_id(), match_id=match.match_id))
        match.aftermath(kickoff, award=False)
    elif ending == "abandoned":
        if in_period and match.draw(st.booleans()):
            match.status(MatchStatus.SUSPENDED)  # first suspended, then given up
        match.status(MatchStatus.ABANDONED)
        match.aftermath(kickoff, award=match.draw(st.booleans()))
    elif in_period and match.corrections and match.one_in(4):
        match.status(MatchStatus.SUSPENDED)  # live, but play is held up


def match_events(  # noqa: PLR0913 - every option is a keyword
    match_id: str | None = None,
    *,
    lineups: bool | None = None,
    extra_time: bool | None = None,
    shootout: bool | None = None,
    corrections: bool = True,
    finished: bool | None = None,
    max_play_events: int = 40,
) -> SearchStrategy[list[Event]]:
    """The events of one valid match, in ledger order: ``Ledger(events)`` accepts them.

    A match starts with its :class:`~matchledger.events.MatchScheduled`, may have
    team sheets, and is played half by half: attempts and goals (assisted by
    teammates on the pitch), own goals, fouls, cautions, second cautions and straight
    reds (a dismissed player never acts again), penalties and appeals, VAR reviews and
    substitutions (a player on the pitch for one from the bench who has not played),
    timed within the half in progress (``45+2'`` in the first half) or untimed; in
    the intervals only substitutions and cards. Then come the final whistle and
    corrections. Event ids are ``"<match_id>:<n>"``;
    player ids are ``"<team_id>.<n>"``, coaches ``"<team_id>.coach"``.

    Args:
        match_id: the match's id; ``None`` draws one.
        lineups: ``True`` announces both team sheets before kick-off, ``False``
            neither (the ledger then takes players as given); ``None`` draws none,
            one or both.
        extra_time: whether the match goes to extra time (if it gets that far; see
            ``finished``); ``None`` draws it.
        shootout: whether a penalty shootout follows (likewise).
        corrections: ``False`` leaves out every correction: :class:`GoalDisallowed`,
            :class:`ResultAwarded` and :class:`MatchStatusChanged` (postponements,
            suspensions, abandonments).
        finished: ``True`` for matches that reach :class:`MatchEnded`; ``False`` for
            matches that do not (still in play, abandoned, or never started: postponed,
            cancelled or simply not yet played); ``None`` draws either, mostly finished.
        max_play_events: the most play events drawn during the halves, to keep
            examples small (a penalty may add its kick and a disallowed goal its
            review; substitutions and cards in the intervals and cards in a shootout
            come on top).

    Returns:
        A strategy of lists of events.

    Raises:
        InvalidArgument: for a match id that is not valid text or is too long to
            prefix event ids, or a negative ``max_play_events``.

    Example:
        >>> from hypothesis import given, settings
        >>> from matchledger import Ledger, MatchEnded
        >>> @settings(max_examples=10, deadline=None)
        ... @given(match_events("m1", lineups=True, finished=True))
        ... def test_ends_with_a_whistle(events):
        ...     ledger = Ledger(events)
        ...     assert ledger.match_ids == ("m1",)
        ...     assert any(isinstance(e, MatchEnded) for e in ledger)
        >>> test_ends_with_a_whistle()
    """
    if match_id is not None and (
        not isinstance(match_id, str) or not match_id.strip() or len(match_id) > MAX_TEXT - 10
    ):
        raise InvalidArgument(
            f"match_id must be a non-blank string of at most {MAX_TEXT - 10} characters, "
            f"got {match_id!r}"
        )
    if max_play_events < 0:
        raise InvalidArgument(f"max_play_events must not be negative, got {max_play_events}")
    return _match_events(
        match_id,
        lineups=lineups,
        extra_time=extra_time,
        shootout=shootout,
        corrections=corrections,
        finished=finished,
        max_play_events=max_play_events,
    )


@st.composite
def _match_events(  # noqa: PLR0913 - the options of match_events
    draw: st.DrawFn,
    match_id: str | None,
    *,
    lineups: bool | None,
    extra_time: bool | None,
    shootout: bool | None,
    corrections: bool,
    finished: bool | None,
    max_play_events: int,
) -> list[Event]:
    home, away = draw(_clubs(2))
    return _draw_match(
        draw,
        draw(_slugs()) if match_id is None else match_id,
        home,
        away,
        lineups=lineups,
        extra_time=extra_time,
        shootout=shootout,
        corrections=corrections,
        finished=finished,
        max_play_events=max_play_events,
    )


def ledgers(max_matches: int = 3, *, min_matches: int = 1) -> SearchStrategy[Ledger]:
    """Valid ledgers of several matches whose events may be interleaved.

    Each match is drawn as by :func:`match_events` (each keeps its own order), among a
    few clubs that keep their squads from match to match; then the matches' events are
    shuffled together, as a live feed of a matchday would record them.

    Args:
        max_matches: the most matches in a ledger.
        min_matches: the fewest (``0`` allows the empty ledger).

    Returns:
        A strategy of :class:`~matchledger.Ledger`.

    Raises:
        InvalidArgument: unless ``0 <= min_matches <= max_matches``.

    Example:
        >>> from hypothesis import given, settings
        >>> from matchledger import scores
        >>> @settings(max_examples=10, deadline=None)
        ... @given(ledgers(max_matches=2))
        ... def test_one_scoreline_per_match(ledger):
        ...     assert list(scores(ledger)) == list(ledger.match_ids)
        >>> test_one_scoreline_per_match()
    """
    if not 0 <= min_matches <= max_matches:
        raise InvalidArgument(
            f"need 0 <= min_matches <= max_matches, got {min_matches} and {max_matches}"
        )
    return _ledgers(min_matches, max_matches)


@st.composite
def _ledgers(draw: st.DrawFn, min_matches: int, max_matches: int) -> Ledger:
    count = draw(st.integers(min_matches, max_matches))
    if count == 0:
        return Ledger()
    clubs = draw(_clubs(draw(st.integers(2, min(2 * count, 6)))))
    match_ids = draw(st.lists(_slugs(), min_size=count, max_size=count, unique=True))
    matches = []
    for match_id in match_ids:
        home, away = draw(st.permutations(clubs))[:2]
        matches.append(
            _draw_match(
                draw,
                match_id,
                home,
                away,
                lineups=None,
                extra_time=None,
                shootout=None,
                corrections=True,
                finished=None,
                max_play_events=25,
            )
        )
    order = draw(st.permutations([n for n, m in enumerate(matches) for _ in m]))
    feeds = [iter(m) for m in matches]
    return Ledger(next(feeds[n]) for n in order)


# --- seasons of results ---------------------------------------------------------------------


def seasons(
    *,
    min_teams: int = 2,
    max_teams: int = 8,
    competition: str = "Test League",
    season: str = "2024-25",
    deductions: bool = True,
) -> SearchStrategy[list[Event]]:
    """Events of one competition's season known only by results: a table's input.

    Every pair of clubs meets at most twice (home and away); a match is either played
    (``ResultRecorded``), awarded (``ResultAwarded``, sometimes with the goals not
    counting) or still to be played (only its ``MatchScheduled``). Clubs sometimes
    lose points (``PointsDeducted``). Scores are small, so clubs are often level.

    Args:
        min_teams: the fewest clubs.
        max_teams: the most clubs.
        competition: the competition's name on every event.
        season: the season's label on every event.
        deductions: whether points deductions may be drawn.

    Returns:
        A strategy of event lists that a :class:`~matchledger.Ledger` accepts.

    Example:
        >>> from hypothesis import given, settings
        >>> from matchledger import Ledger, standings
        >>> @settings(max_examples=10)
        ... @given(seasons())
        ... def test_goals_balance(events):
        ...     rows = standings(Ledger(events), rules="serie-a").rows
        ...     assert sum(r.goals_for for r in rows) == sum(r.goals_against for r in rows)
        >>> test_goals_balance()
    """
    if not 2 <= min_teams <= max_teams:
        raise InvalidArgument(f"need 2 <= min_teams <= max_teams, got {min_teams}, {max_teams}")
    return _seasons(min_teams, max_teams, competition, season, deductions)


@st.composite
def _seasons(  # noqa: PLR0913, PLR0917 - the options of seasons
    draw: st.DrawFn,
    min_teams: int,
    max_teams: int,
    competition: str,
    season: str,
    deductions: bool,
) -> list[Event]:
    count = draw(st.integers(min_teams, max_teams), label="clubs")
    clubs = [
        Team(team_id=f"club-{n}", name=_CLUB_NAMES[n % len(_CLUB_NAMES)] + f" {n}")
        for n in range(count)
    ]
    pairs = [(h, a) for h in range(count) for a in range(count) if h != a]
    fixtures = st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=len(pairs))
    chosen = draw(fixtures, label="fixtures")
    start = datetime(2024, 8, 1, 15, tzinfo=UTC)
    out: list[Event] = []
    for n, (h, a) in enumerate(chosen):
        match_id = f"{competition[:20]}-{season}-{n}"
        out.append(
            MatchScheduled(
                event_id=f"{match_id}:s",
                match_id=match_id,
                competition=competition,
                season=season,
                round=str(n // max(1, count // 2) + 1),
                kickoff=start + timedelta(days=n),
                home=clubs[h],
                away=clubs[a],
            )
        )
        kind = draw(st.sampled_from(["played"] * 8 + ["awarded", "pending"]))
        hg, ag = draw(st.integers(0, 3)), draw(st.integers(0, 3))
        if kind == "played":
            out.append(
                ResultRecorded(
                    event_id=f"{match_id}:r", match_id=match_id, home_goals=hg, away_goals=ag
                )
            )
        elif kind == "awarded":
            out.append(
                ResultAwarded(
                    event_id=f"{match_id}:a",
                    match_id=match_id,
                    home_goals=hg,
                    away_goals=ag,
                    counts_goals=draw(st.booleans()),
                )
            )
    playing = sorted({n for pair in chosen for n in pair})
    if deductions:
        for n in draw(st.lists(st.sampled_from(playing), max_size=2), label="deducted"):
            out.append(
                PointsDeducted(
                    event_id=f"{competition[:20]}-{season}-d{len(out)}",
                    competition=competition,
                    season=season,
                    team=clubs[n].team_id,
                    points=draw(st.integers(1, 6)),
                )
            )
    return out


# --- damaged documents ----------------------------------------------------------------------


class _Raw:
    r"""JSON text written as it is: tokens and bytes no encoder writes (NaN, 1e400, \xff)."""

    __slots__ = ("text",)

    def __init__(self, text: bytes) -> None:
        self.text = text


class _Obj:
    """A JSON object as a list of pairs, so that it can hold a key twice."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[list[object]]) -> None:
        self.pairs = pairs


def _tree(value: object) -> object:
    if isinstance(value, dict):
        return _Obj([[k, _tree(v)] for k, v in value.items()])
    if isinstance(value, list):
        return [_tree(v) for v in value]
    return value


def _encode(node: object) -> bytes:
    if isinstance(node, _Raw):
        return node.text
    if isinstance(node, _Obj):
        return b"{" + b",".join(_encode(k) + b":" + _encode(v) for k, v in node.pairs) + b"}"
    if isinstance(node, list):
        return b"[" + b",".join(_encode(v) for v in node) + b"]"
    if type(node) is int:  # orjson writes 64 bits at most
        return str(node).encode()
    return orjson.dumps(node)


_TOKENS: Final = (
    b"NaN",
    b"Infinity",
    b"-Infinity",
    b"1e400",
    b"-1e400",
    b"1e-400",
    b"-0",
    b"0.0",
    b"1E2",
    b"00",
    b"+1",
    b"0x10",
    b"123456789012345678901234567890",
    b"-9223372036854775809",
    b"18446744073709551616",
    b"9" * 5000,
    b'"\\ud800"',
    b'"\\udfff\\ud800"',
    b'"\xff\xfe"',
    b'"\xed\xa0\x80"',
    b'"\xc0\xaf"',
    b'"a\x00b"',
    b'"\\u0000"',
    b"true",
    b"null",
    b"undefined",
    b"'x'",
    b"[,]",
    b"{,}",
    b"",
)
_SCALARS: Final = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 1, 2**31, -(2**31), 2**53 + 1, 2**63 - 1, -(2**63), 2**64 - 1]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["", " ", "\t", "0", "-1", "null", "true", "2020-13-45", "T", "\u202e"]),
)


@st.composite
def _replacement(draw: st.DrawFn, old: object) -> object:  # noqa: PLR0911 - one return a kind
    """A value to put in place of ``old``: another type, a near miss, or something hostile."""
    kind = draw(st.sampled_from(["scalar", "token", "near", "long", "deep", "nested", "wide"]))
    if kind == "scalar":
        return draw(_SCALARS)
    if kind == "token":
        return _Raw(draw(st.sampled_from(_TOKENS)))
    if kind == "near" and isinstance(old, bool):
        return not old
    if kind == "near" and isinstance(old, int):
        return old + draw(st.sampled_from([-1, 1, -old - 1, 10**6, 10**30, 0.5]))
    if kind == "near" and isinstance(old, str) and old:
        cut = draw(st.integers(0, len(old)))
        changed = [old[:cut], old.upper(), f"{old} ", f" {old}", old[::-1], old * 2, old + "\u0301"]
        return draw(st.sampled_from(changed))
    if kind == "long":
        size = draw(st.sampled_from([201, 501, 10_001, 100_000]))
        return draw(st.sampled_from(["x", "é", "\U0001f600", " ", '"'])) * size
    if kind == "deep":
        depth = draw(st.sampled_from([50, 70, 1000, 1030]))
        opener = draw(st.sampled_from([b"[", b'{"a":']))
        closer = b"]" if opener == b"[" else b"}"
        return _Raw(opener * depth + b"0" + closer * depth)
    if kind == "wide":
        return [0] * draw(st.sampled_from([12, 101, 5000]))
    if draw(st.booleans()):  # wrapped in an object or a list
        return _Obj([[draw(st.text(max_size=8)), _tree(old)]])
    return [old]


_Slot = tuple[list[object], int, list[object], int]
"""A place that holds a value: (its holder, the index there, the list it is an item of, where).

A member of an object is held by its pair (index 1), an item of the object's pairs; an
item of a list is held by the list itself.
"""


def _slots(wrapper: list[object]) -> list[_Slot]:
    """Every place in the tree under ``wrapper`` (a list of the root) that holds a value."""
    out: list[_Slot] = []
    stack: list[list[object]] = [wrapper]
    while stack:
        holder = stack.pop()
        for i, item in enumerate(holder):
            out.append((holder, i, holder, i))
            if isinstance(item, _Obj):
                for j, pair in enumerate(item.pairs):
                    out.append((pair, 1, item.pairs, j))  # type: ignore[arg-type]
                    if isinstance(pair[1], (_Obj, list)):
                        stack.append([pair[1]])
            elif isinstance(item, list):
                stack.append(item)
    return out


@st.composite
def _structured(draw: st.DrawFn, wrapper: list[object]) -> None:
    """One change to the tree under ``wrapper`` (a list of the root), in place."""
    slots = _slots(wrapper)
    holder, index, owner, position = slots[draw(st.integers(0, len(slots) - 1))]
    action = draw(st.sampled_from(["retype", "retype", "drop", "duplicate", "rename", "reorder"]))
    is_pair = owner is not holder
    if action == "retype" or (action == "rename" and not is_pair):
        holder[index] = draw(_replacement(holder[index]))
    elif action == "rename":
        holder[0] = draw(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(["type", "event_id", "match_id", "schema_version", "events"]),
                st.just(str(holder[0]).upper()),
            )
        )
    elif action == "drop":
        del owner[position]
    elif action == "duplicate":
        owner.insert(position, list(holder) if is_pair else holder[index])
    else:
        owner[:] = draw(st.permutations(owner))


@st.composite
def _damaged_bytes(draw: st.DrawFn, data: bytes) -> bytes:  # noqa: PLR0911 - one return a kind
    """One change to the bytes."""
    at = draw(st.integers(0, len(data)))
    action = draw(
        st.sampled_from(["flip", "insert", "delete", "truncate", "invalid", "lines", "bom"])
    )
    if action == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if action == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if action == "delete":
        return data[:at] + data[at + draw(st.integers(1, 16)) :]
    if action == "truncate":
        return data[:at]
    if action == "invalid":
        bad = draw(
            st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x00"])
        )
        return data[:at] + bad + data[at:]
    if action == "lines":
        lines = data.split(b"\n")
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        if draw(st.booleans()):
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(j, lines[i])
        return b"\n".join(lines)
    return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b" \n\t"])) + data


@st.composite
def _corrupted(draw: st.DrawFn, documents: SearchStrategy[bytes], max_changes: int) -> bytes:
    data = draw(documents)
    for _ in range(draw(st.integers(1, max_changes), label="changes")):
        if draw(st.sampled_from(["structured", "structured", "bytes"])) == "structured":
            lines = data.split(b"\n")
            chosen = [i for i, line in enumerate(lines) if line.strip()]
            roots: list[tuple[int | None, object]]
            try:  # the document, or one line of JSON Lines
                roots = [(None, _tree(orjson.loads(data)))]
            except (orjson.JSONDecodeError, RecursionError):
                roots = []
                for i in chosen:
                    with contextlib.suppress(orjson.JSONDecodeError, RecursionError):
                        roots.append((i, _tree(orjson.loads(lines[i]))))
            if roots:
                line, root = roots[draw(st.integers(0, len(roots) - 1), label="root")]
                wrapper = [root]  # so that the root itself can be replaced or dropped
                draw(_structured(wrapper))
                text = b"".join(_encode(v) for v in wrapper)
                if line is None:
                    data = text
                else:
                    lines[line] = text
                    data = b"\n".join(lines)
                continue
        data = draw(_damaged_bytes(data))
    return data


def corrupted_documents(
    documents: SearchStrategy[bytes] | None = None, *, max_changes: int = 3
) -> SearchStrategy[bytes]:
    r"""Damaged ledger files, as broken or hostile input is: for robustness tests.

    Each is a valid JSON text (by default a ledger drawn by :func:`ledgers`, written by
    :func:`~matchledger.dumps` as a document or as JSON Lines) with one to
    ``max_changes`` changes. A change is either made to the parsed JSON (of the whole
    text, or of one line of JSON Lines) and written back:

    * a value retyped (null, a boolean, a number, a string, a list, an object), made a
      near miss (one more, negative, upper case, cut short), nested hundreds or over a
      thousand levels deep, or made a string of up to 100,000 characters;
    * a token no encoder writes put in its place: ``NaN``, ``Infinity``, ``1e400``, an
      integer of 5,000 digits, a lone surrogate (``"\ud800"``), invalid UTF-8 in a
      string;
    * a key dropped, repeated (the object then has it twice), renamed, or the keys
      reordered; an item of a list dropped, repeated or moved;

    or to the bytes: one flipped, some inserted or deleted, invalid UTF-8 put in, the
    text cut at any byte, lines swapped or repeated, a byte-order mark in front.

    Any JSON text can be damaged so (a provider's event file, say):
    ``corrupted_documents(st.just(data))``.

    Args:
        documents: the valid texts to damage (default: ledgers in either layout).
        max_changes: the most changes made to one text.

    Returns:
        A strategy of ``bytes``.

    Raises:
        InvalidArgument: unless ``max_changes >= 1``.

    Example:
        >>> from hypothesis import given, settings
        >>> from matchledger import LedgerError, dumps, loads
        >>> @settings(max_examples=25, deadline=None)
        ... @given(corrupted_documents())
        ... def test_only_ledger_errors_and_round_trips(data):
        ...     try:
        ...         ledger = loads(data)
        ...     except LedgerError:
        ...         return  # refused, with a one-line message
        ...     assert loads(dumps(ledger)) == ledger
        >>> test_only_ledger_errors_and_round_trips()
    """
    if max_changes < 1:
        raise InvalidArgument(f"need max_changes >= 1, got {max_changes}")
    if documents is None:
        documents = ledgers(max_matches=2).flatmap(
            lambda ledger: st.sampled_from([dumps(ledger), dumps(ledger, lines=True)])
        )
    return _corrupted(documents, max_changes)
