"""Provider event feeds as ledgers, through kloppy.

`kloppy <https://kloppy.pysport.org>`_ reads more than ten providers' event feeds
(StatsBomb, Wyscout, Stats Perform/Opta, Sportec, ...) into one model.
:func:`from_dataset` turns such a dataset into a :class:`~matchledger.ledger.Ledger`
of one match: the fixture, both lineups, the periods, every shot (woodwork, penalties
and own goals included), card, foul and substitution, and the final whistle.
:func:`import_dataset` does the same and also returns an :class:`ImportReport`:
what was mapped, what matchledger has no event for (passes, carries...), what was
read back from the provider's raw records where kloppy loses it, and whether the file
is a whole match or an excerpt. Nothing is dropped without being counted there.

Needs the optional extra ``matchledger[kloppy]``. Reading the provider's files
themselves (recognised by content) is :func:`matchledger.importers.read_event_files`,
which also hands the raw files to the importer (player nicknames, match ids, dates).

Example:
    >>> from matchledger.importers.kloppy import ImportReport
    >>> ImportReport(provider="statsbomb", match_id="m1").complete
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final

from attrs import field, frozen

from matchledger.errors import EventRejected, InvalidFieldError, LedgerError
from matchledger.events import (
    BodyPart,
    Card,
    CardShown,
    Event,
    FoulCommitted,
    LineupAnnounced,
    LineupEntry,
    MatchEnded,
    MatchScheduled,
    MatchTime,
    OwnGoalScored,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
    Team,
)
from matchledger.folds.score import score
from matchledger.importers._provider_raw import LostFact, MatchInfo, Source, period_base, source_for
from matchledger.ledger import Ledger

__all__ = [
    "UNKNOWN_COMPETITION",
    "UNKNOWN_SEASON",
    "EventImport",
    "EventsFileError",
    "ImportReport",
    "from_dataset",
    "import_dataset",
    "match_time",
]

UNKNOWN_COMPETITION: Final = "unknown competition"
UNKNOWN_SEASON: Final = "unknown season"

_PERIODS: Final = {
    1: Period.FIRST_HALF,
    2: Period.SECOND_HALF,
    3: Period.EXTRA_TIME_FIRST_HALF,
    4: Period.EXTRA_TIME_SECOND_HALF,
    5: Period.PENALTY_SHOOTOUT,
}
_LENGTH: Final = {1: 45, 2: 45, 3: 15, 4: 15}
_BODY: Final = {
    "RIGHT_FOOT": BodyPart.RIGHT_FOOT,
    "LEFT_FOOT": BodyPart.LEFT_FOOT,
    "HEAD": BodyPart.HEAD,
    "HEAD_OTHER": BodyPart.HEAD,
    "OTHER": BodyPart.OTHER,
    "CHEST": BodyPart.OTHER,
}
_SET_PIECES: Final = {
    "PENALTY": Situation.PENALTY,
    "FREE_KICK": Situation.FREE_KICK,
    "CORNER_KICK": Situation.CORNER,
    "THROW_IN": Situation.THROW_IN,
}
# an excerpt: a period much shorter than its length, or too few events per minute
_MIN_EVENTS_PER_MINUTE: Final = 5.0
_SLACK_MINUTES: Final = 2.0


class EventsFileError(LedgerError):
    """A provider's event file could not be read: which file, and why.

    Attributes:
        path: the file (as given), or ``""`` when the error is about the set of files.
        reason: what is wrong.
    """

    def __init__(self, path: str, reason: str) -> None:
        """Build the message ``path: reason``."""
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)


@frozen(kw_only=True)
class ImportReport:
    """What an import did with every event of the provider's data.

    Attributes:
        provider: ``"statsbomb"``, ``"wyscout"``, ``"statsperform"``...
        match_id: the match's id in the ledger.
        events_read: the events kloppy gave.
        mapped: matchledger event type -> how many were written.
        not_modelled: kloppy event type -> how many have no matchledger event (passes...).
        skipped: events that could not be written, one line each with the reason.
        filled: facts kloppy lost that were read from the provider's raw records.
        notes: what the user should know (a guessed home side, a score that disagrees).
        complete: whether the data is a whole match; ``False`` for an excerpt.
    """

    provider: str
    match_id: str
    events_read: int = 0
    mapped: Mapping[str, int] = field(factory=dict)
    not_modelled: Mapping[str, int] = field(factory=dict)
    skipped: tuple[str, ...] = ()
    filled: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    complete: bool = True

    def summary(self) -> str:
        """One line: what was written, what was not and why.

        Example:
            >>> ImportReport(provider="wyscout", match_id="w1", events_read=3,
            ...              mapped={"ShotTaken": 2}, not_modelled={"PASS": 1}).summary()
            'w1 (wyscout): 3 provider events; wrote 2 (ShotTaken 2); no ... for 1 (PASS 1)'
        """
        wrote = sum(self.mapped.values())
        parts = [f"{self.match_id} ({self.provider}): {self.events_read} provider events"]
        parts.append(f"wrote {wrote} ({_counts(self.mapped)})")
        if self.not_modelled:
            parts.append(
                f"no matchledger event for {sum(self.not_modelled.values())} "
                f"({_counts(self.not_modelled)})"
            )
        if self.filled:
            parts.append(f"{len(self.filled)} facts read from the raw records")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if not self.complete:
            parts.append("an excerpt, not a whole match")
        return "; ".join(parts)


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@frozen
class EventImport:
    """A ledger made from provider data, and the report of how."""

    ledger: Ledger
    report: ImportReport


def match_time(period: int, seconds: float) -> MatchTime:
    """The match time of a point on the clock (seconds since kick-off of the match clock).

    The clock runs on through a match: the second half starts at 45:00, extra time at
    90:00 and 105:00. Providers write ``63:11`` for the 64th minute.

    A time up to a minute before the period's start counts as its first second (clocks
    are sometimes a little early); anything else outside the period and its 30 minutes
    of added time is refused.

    Raises:
        InvalidFieldError: the clock is not a number in the period's range.

    Example:
        >>> str(match_time(2, 63 * 60 + 11)), str(match_time(2, 91 * 60 + 42))
        ("64':11", "90+2':42")
        >>> str(match_time(1, 45 * 60 + 5))
        "45+1':05"
        >>> match_time(1, 1e300)
        Traceback (most recent call last):
        ...
        matchledger.errors.InvalidFieldError: MatchTime.clock 1e+300 s is outside period 1 ...
    """
    base, length = period_base(period), _LENGTH.get(period, 15)
    first, last = base * 60 - 60, (base + length + 30) * 60 + 59
    if not isinstance(seconds, (int, float)) or not first <= seconds <= last:
        raise InvalidFieldError(
            "MatchTime",
            "clock",
            f"{seconds!r} s is outside period {period} (from {base}:00 to {base + length}+30:59)",
        )
    whole = max(base * 60, int(seconds))
    minute, second = whole // 60 + 1, whole % 60
    added = 0
    if minute > base + length:
        added = minute - base - length
        minute = base + length
    return MatchTime(minute=minute, added=added, second=second)


def _end_time(period: int, seconds: float) -> MatchTime:
    """The time a period ended, to the second (a half of 45:05 ended at ``45+1':05``)."""
    return match_time(period, seconds)


def team_named(teams: Any, name: str) -> str | None:
    """The id of the one kloppy team that ``name`` names (its id, name, or part of it).

    Example:
        >>> from types import SimpleNamespace as T
        >>> teams = [T(team_id="1631", name="Leicester City FC"),
        ...          T(team_id="1612", name="Liverpool FC")]
        >>> team_named(teams, "leicester"), team_named(teams, "1612"), team_named(teams, "FC")
        ('1631', '1612', None)
    """
    wanted = name.strip().casefold()
    hits = [
        str(t.team_id)
        for t in teams
        if wanted in (str(t.team_id).casefold(), str(t.name).casefold())
    ] or [str(t.team_id) for t in teams if wanted and wanted in str(t.name).casefold()]
    return hits[0] if len(hits) == 1 else None


class _Builder:
    """Turns one kloppy dataset into events, in match order, and the report."""

    def __init__(  # noqa: PLR0913 - the overrides a user may give
        self,
        dataset: Any,
        raw: Mapping[str, Any],
        *,
        home: str | None,
        match_id: str | None,
        competition: str | None,
        season: str | None,
        kickoff: datetime | None,
    ) -> None:
        self.dataset = dataset
        self.source: Source = source_for(dataset, raw)
        self.info: MatchInfo = self.source.info()
        self.notes: list[str] = list(self.info.notes)
        self.filled: list[str] = []
        self.skipped: list[str] = []
        self.not_modelled: Counter[str] = Counter()
        self.mapped: Counter[str] = Counter()
        teams = list(dataset.metadata.teams)
        if len(teams) != 2:
            raise EventsFileError("", f"the data has {len(teams)} teams, a match needs two")
        self.teams = {str(t.team_id): t for t in teams}
        self.home_id, self.away_id = self._sides(teams, home)
        self.match_id = match_id or self._match_id()
        self.overrides = (competition, season, kickoff)
        self.players: dict[str, Player] = {}
        self.player_team: dict[str, str] = {}
        self._index_players()

    # --- who and what -----------------------------------------------------------------

    def _sides(self, teams: list[Any], home: str | None) -> tuple[str, str]:
        ids = [str(t.team_id) for t in teams]
        if home is not None:
            first = team_named(teams, home)
            if first is None:
                names = " or ".join(repr(str(t.name)) for t in teams)
                raise EventsFileError("", f"--home {home!r} is neither team: use {names}")
            stated = self.info.home_team_id
            if stated in ids and stated != first:
                self.notes.append(
                    f"the {self.source.provider} data says {self.teams[stated].name} was at "
                    f"home; taking {self.teams[first].name}, as asked"
                )
        elif self.info.home_team_id in ids:
            first = str(self.info.home_team_id)
        else:
            first = ids[0]
            name = self.teams[first].name
            self.notes.append(
                f"the {self.source.provider} data does not say which side was at home; "
                f"took {name} (listed first); give the home team (--home) to set it"
            )
        return first, next(i for i in ids if i != first)

    def _match_id(self) -> str:
        found = self.info.match_id
        if found is None:
            found = self.source.fallback_match_id()
            self.notes.append(f"the data has no match id; using {found} (a digest of its events)")
        return f"{self.source.provider}-{found}"

    def _index_players(self) -> None:
        named = 0
        for team_id, team in self.teams.items():
            for p in team.players:
                name = self.source.player_name(p)
                named += bool(name) and not (
                    getattr(p, "name", None) or getattr(p, "full_name", None)
                )
                self._player(str(p.player_id), team_id, name)
        if named:
            self.filled.append(f"names of {named} players (kloppy has none for them)")
        for pid, (team_id, name) in self.source.extra_players().items():
            if pid not in self.players and team_id in self.teams:
                self._player(pid, team_id, name)

    def _player(self, player_id: str, team_id: str | None, name: str | None) -> Player:
        known = self.players.get(player_id)
        if known is not None:
            return known
        if not name:
            name = f"player {player_id}"
            self.notes.append(f"player {player_id} has no name in the data")
        made = Player(player_id=player_id, name=name)
        self.players[player_id] = made
        if team_id is not None:
            self.player_team[player_id] = team_id
        return made

    def _kloppy_player(self, player: Any) -> Player | None:
        if player is None:
            return None
        pid = str(player.player_id)
        return self.players.get(pid) or self._player(pid, None, self.source.player_name(player))

    # --- the events -------------------------------------------------------------------

    def scheduled(self) -> MatchScheduled:
        competition, season, kickoff = self.overrides
        info = self.info
        competition = competition or info.competition
        season = season or info.season
        kickoff = kickoff or info.kickoff
        missing = [
            what
            for what, value in (
                ("competition", competition),
                ("season", season),
                ("date", kickoff),
            )
            if value is None
        ]
        if missing:
            self.notes.append(
                f"the data does not give the {', '.join(missing)}; "
                "pass them (--competition, --season, --date) to place the match in a table"
            )
        home, away = self.teams[self.home_id], self.teams[self.away_id]
        return MatchScheduled(
            event_id=f"{self.match_id}/scheduled",
            match_id=self.match_id,
            competition=competition or UNKNOWN_COMPETITION,
            season=season or UNKNOWN_SEASON,
            round=info.round,
            kickoff=kickoff,
            venue=info.venue,
            home=Team(team_id=self.home_id, name=str(home.name)),
            away=Team(team_id=self.away_id, name=str(away.name)),
        )

    def lineups(self) -> list[LineupAnnounced]:
        out = []
        for team_id in (self.home_id, self.away_id):
            team = self.teams[team_id]
            starters: list[LineupEntry] = []
            bench: list[LineupEntry] = []
            for p in sorted(team.players, key=lambda p: (p.jersey_no is None, p.jersey_no or 0)):
                position = p.starting_position
                entry = LineupEntry(
                    player=self.players[str(p.player_id)],
                    shirt_number=p.jersey_no
                    if isinstance(p.jersey_no, int) and 0 <= p.jersey_no <= 999
                    else None,
                    position=None if position is None else str(getattr(position, "code", position)),
                )
                (starters if p.starting else bench).append(entry)
            if not starters:
                self.notes.append(
                    f"{team.name}: the data has no lineup, so minutes played are not known"
                )
                continue
            if len(starters) > 11:
                self.skipped.append(f"lineup of {team.name}: {len(starters)} starters, not 11")
                continue
            out.append(
                LineupAnnounced(
                    event_id=f"{self.match_id}/lineup-{team_id}",
                    match_id=self.match_id,
                    team=team_id,
                    starters=tuple(starters),
                    bench=tuple(bench),
                )
            )
        return out

    def play(self) -> list[tuple[int, float, int, Event]]:  # noqa: C901 - one branch per kind
        """Every mapped event as (period, clock, order, event)."""
        out: list[tuple[int, float, int, Event]] = []
        for n, ev in enumerate(self.dataset.events):
            kind = ev.event_type.name
            period = ev.period.id if ev.period is not None else None
            if period not in _PERIODS:
                self.not_modelled[kind] += 1
                continue
            try:
                made: Event | None
                if kind == "SHOT":
                    made = self._shot(ev, period)
                elif kind == "CARD":
                    made = self._card(ev, period)
                elif kind == "SUBSTITUTION":
                    made = self._substitution(ev, period)
                elif kind == "FOUL_COMMITTED":
                    made = self._foul(ev, period)
                else:
                    self.not_modelled[kind] += 1
                    continue
            except LedgerError as exc:
                self.skipped.append(f"{kind} {ev.event_id}: {exc}")
                continue
            if made is not None:
                out.append((period, self.clock(ev, period), n, made))
        for m, fact in enumerate(self.source.lost_facts(), start=len(out) + 1_000_000):
            try:
                made = self._lost(fact)
            except LedgerError as exc:
                self.skipped.append(f"{fact.kind} {fact.raw_id}: {exc}")
                continue
            if made is not None:
                out.append((fact.period, fact.seconds, m, made))
        out.sort(key=lambda item: (item[0], item[1], item[2]))
        return out

    def clock(self, ev: Any, period: int) -> float:
        """The event's clock: the provider's own, else kloppy's timestamp (said so).

        Raises:
            EventsFileError: neither is a time in the event's period.
        """
        if period == 5:
            return 0.0
        readers: tuple[Callable[[], float], ...] = (
            lambda: self.source.clock(ev),
            lambda: Source.clock(self.source, ev),
        )
        for n, read in enumerate(readers):
            try:
                seconds = float(read())
                match_time(period, seconds)
            except (LedgerError, TypeError, ValueError, AttributeError, OverflowError):
                continue
            if n:
                self.notes.append(
                    f"{ev.event_id}: the provider's clock is outside period {period}; "
                    "kloppy's timestamp taken"
                )
            return seconds
        raise EventsFileError("", f"has no time inside period {period}")

    def _id(self, ev: Any) -> str:
        return f"{self.match_id}/{ev.event_id}"

    def _team(self, ev: Any) -> str:
        team = getattr(ev, "team", None)
        if team is None or str(team.team_id) not in self.teams:
            raise EventsFileError("", "has no team")
        return str(team.team_id)

    def _shot(self, ev: Any, period: int) -> Event | None:
        player = self._kloppy_player(ev.player)
        if player is None:
            self.skipped.append(f"SHOT {ev.event_id}: has no player")
            return None
        team = self._team(ev)
        result = ev.result.name if ev.result is not None else None
        outcome, note = self.source.shot(ev, result)
        if note is not None:
            self.filled.append(f"{ev.event_id}: {note}")
        if outcome is None or result == "OWN_GOAL":
            if period == 5:
                self.skipped.append(f"SHOT {ev.event_id}: an own goal in a shootout")
                return None
            return OwnGoalScored(
                event_id=self._id(ev),
                match_id=self.match_id,
                team=team,
                at=match_time(period, self.clock(ev, period)),
                player=player,
            )
        if period == 5:
            kick = ShotOutcome.SAVED if outcome is ShotOutcome.BLOCKED else outcome
            return ShootoutKickTaken(
                event_id=self._id(ev),
                match_id=self.match_id,
                team=team,
                player=player,
                outcome=kick,
            )
        situation, body = _situation_and_body(ev)
        assist = None
        if outcome is ShotOutcome.GOAL:
            assist_id = self.source.assist(ev)
            if assist_id is not None and assist_id != player.player_id:
                assist = self.players.get(assist_id) or self._player(assist_id, team, None)
                self.filled.append(f"{ev.event_id}: the assist of {player.name}'s goal")
        return ShotTaken(
            event_id=self._id(ev),
            match_id=self.match_id,
            team=team,
            at=match_time(period, self.clock(ev, period)),
            player=player,
            outcome=outcome,
            situation=situation,
            body_part=body,
            assist=assist,
        )

    def _card(self, ev: Any, period: int) -> Event | None:
        fact = self.source.card(ev)
        if fact is None or fact.player_id is None:
            self.skipped.append(f"CARD {ev.event_id}: the data does not say who was shown it")
            return None
        team = self._team(ev)
        if fact.official:
            person = Player(player_id=fact.player_id, name=fact.player_name or "team official")
            self.filled.append(f"{ev.event_id}: card to team official {person.name}")
        else:
            person = self.players.get(fact.player_id) or self._player(
                fact.player_id, team, fact.player_name
            )
            if ev.player is None:
                self.filled.append(f"{ev.event_id}: the card's player, {person.name}")
        card = fact.card
        if fact.official and card is Card.SECOND_YELLOW:
            card = Card.RED
        return CardShown(
            event_id=f"{self._id(ev)}/card",
            match_id=self.match_id,
            team=team,
            at=match_time(period, self.clock(ev, period)),
            player=person,
            card=card,
            reason=fact.reason,
            official=fact.official,
        )

    def _substitution(self, ev: Any, period: int) -> Event | None:
        off, on = self._kloppy_player(ev.player), self._kloppy_player(ev.replacement_player)
        if off is None or on is None:
            self.skipped.append(f"SUBSTITUTION {ev.event_id}: does not name both players")
            return None
        return SubstitutionMade(
            event_id=self._id(ev),
            match_id=self.match_id,
            team=self._team(ev),
            at=match_time(period, self.clock(ev, period)),
            player_off=off,
            player_on=on,
        )

    def _foul(self, ev: Any, period: int) -> Event | None:
        player = self._kloppy_player(ev.player)
        if player is None:
            self.skipped.append(f"FOUL_COMMITTED {ev.event_id}: has no player")
            return None
        return FoulCommitted(
            event_id=self._id(ev),
            match_id=self.match_id,
            team=self._team(ev),
            at=match_time(period, self.clock(ev, period)),
            player=player,
        )

    def _lost(self, fact: LostFact) -> Event | None:
        if fact.team_id not in self.teams:
            self.skipped.append(f"{fact.kind} {fact.raw_id}: team {fact.team_id} is not playing")
            return None
        event_id = f"{self.match_id}/{fact.raw_id}"
        if fact.kind == "card":
            event_id += "/card"
        at = match_time(fact.period, fact.seconds)
        player = self.players.get(fact.player_id) or self._player(
            fact.player_id, fact.team_id, None
        )
        self.filled.append(f"{fact.raw_id}: {fact.kind} of {player.name} at {at}")
        if fact.kind == "own_goal":
            return OwnGoalScored(
                event_id=event_id, match_id=self.match_id, team=fact.team_id, at=at, player=player
            )
        if fact.kind == "substitution" and fact.other_id is not None:
            on = self.players.get(fact.other_id) or self._player(fact.other_id, fact.team_id, None)
            return SubstitutionMade(
                event_id=event_id,
                match_id=self.match_id,
                team=fact.team_id,
                at=at,
                player_off=player,
                player_on=on,
            )
        if fact.kind == "card" and fact.card is not None:
            return CardShown(
                event_id=event_id,
                match_id=self.match_id,
                team=fact.team_id,
                at=at,
                player=player,
                card=fact.card,
                reason=fact.reason,
            )
        return None

    # --- periods and completeness -----------------------------------------------------

    def periods(self) -> dict[int, float]:
        """Period id -> its end on the match clock, in seconds."""
        ends: dict[int, float] = {}
        for p in self.dataset.metadata.periods:
            if p.id not in _PERIODS or p.start_timestamp is None or p.end_timestamp is None:
                continue
            length = (p.end_timestamp - p.start_timestamp).total_seconds()
            end = period_base(p.id) * 60 + max(0.0, length)
            if p.id != 5:
                try:
                    match_time(p.id, end)
                except LedgerError:
                    self.notes.append(
                        f"period {p.id} lasts {length / 60:.0f} minutes in the data; "
                        "its end is taken from its last event"
                    )
                    continue
            ends[p.id] = end
        return ends

    def excerpt_reason(self, ends: Mapping[int, float]) -> str | None:
        """Why the data looks like part of a match, or ``None`` for a whole one."""
        if 1 not in ends or 2 not in ends:
            return f"it has period(s) {sorted(ends) or 'none'}, a match has two halves at least"
        minutes = 0.0
        for pid, end in ends.items():
            if pid == 5:
                continue
            played = (end - period_base(pid) * 60) / 60
            minutes += played
            if played < _LENGTH[pid] - _SLACK_MINUTES:
                return f"period {pid} lasts {played:.0f} minutes, not {_LENGTH[pid]}"
        count = len(self.dataset.events)
        if minutes and count / minutes < _MIN_EVENTS_PER_MINUTE:
            return (
                f"it has {count} events for {minutes:.0f} minutes of play, "
                "too few for a whole match"
            )
        return None


def _situation_and_body(ev: Any) -> tuple[Situation, BodyPart | None]:
    """A shot's set piece (penalty, free kick...) or counter-attack, and its body part."""
    situation, body = Situation.OPEN_PLAY, None
    for q in ev.qualifiers or ():
        name = type(q).__name__
        value = getattr(q.value, "name", q.value)
        if name == "SetPieceQualifier":
            situation = _SET_PIECES.get(str(value), situation)
        elif name == "BodyPartQualifier":
            body = _BODY.get(str(value), body)
        elif (
            name == "CounterAttackQualifier" and value is True and situation is Situation.OPEN_PLAY
        ):
            situation = Situation.COUNTER_ATTACK
    return situation, body


def import_dataset(  # noqa: PLR0913 - one pass over the match, with overrides
    dataset: Any,
    *,
    raw: Mapping[str, Any] | None = None,
    home: str | None = None,
    match_id: str | None = None,
    competition: str | None = None,
    season: str | None = None,
    kickoff: datetime | None = None,
) -> EventImport:
    """A kloppy event dataset as a ledger of one match, with the report of the import.

    Args:
        dataset: a kloppy ``EventDataset`` (from ``kloppy.statsbomb.load`` etc.).
        raw: the provider's files, parsed, by role (``events``, ``lineups``, ``ma1``,
            ``match``...), for what kloppy loses; :func:`read_event_files` passes them.
        home: the home team (name or id) when the data does not say.
        match_id: the id to use; default: the provider's, as ``"<provider>-<id>"``.
        competition: the competition, when the data does not say.
        season: the season label, e.g. ``"2018-19"``, when the data does not say.
        kickoff: the kick-off (timezone-aware), when the data does not say.

    Raises:
        EventsFileError: the dataset is not one match of two teams, or its records are
            not shaped as the provider's (any failure reading them is this error).

    Example (with kloppy installed and a StatsBomb match on disk)::

        from kloppy import statsbomb
        dataset = statsbomb.load(event_data="15986.json", lineup_data="15986_lineup.json")
        done = import_dataset(dataset, home="Barcelona")
        print(done.report.summary())
    """
    try:
        return _import(
            dataset,
            raw or {},
            home=home,
            match_id=match_id,
            competition=competition,
            season=season,
            kickoff=kickoff,
        )
    except LedgerError:
        raise
    except Exception as exc:  # noqa: BLE001 - outside data not shaped as the provider's
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise EventsFileError("", f"has records the importer cannot read ({reason})") from None


def _import(  # noqa: PLR0913 - one pass over the match, with the overrides
    dataset: Any,
    raw: Mapping[str, Any],
    *,
    home: str | None,
    match_id: str | None,
    competition: str | None,
    season: str | None,
    kickoff: datetime | None,
) -> EventImport:
    b = _Builder(
        dataset,
        raw,
        home=home,
        match_id=match_id,
        competition=competition,
        season=season,
        kickoff=kickoff,
    )
    ledger = Ledger()
    written: Counter[str] = Counter()

    def add(event: Event) -> bool:
        nonlocal ledger
        try:
            ledger = ledger.append(event)
        except EventRejected as exc:
            b.skipped.append(str(exc))
            return False
        written[type(event).__name__] += 1
        return True

    add(b.scheduled())
    for lineup in b.lineups():
        add(lineup)
    ends = b.periods()
    excerpt = b.excerpt_reason(ends)
    play = b.play()
    present = sorted(set(ends) | {period for period, _, _, _ in play})
    yellow: set[str] = set()
    for n, pid in enumerate(present):
        add(PeriodStarted(event_id=f"{b.match_id}/start-{pid}", match_id=b.match_id,
                          period=_PERIODS[pid]))  # fmt: skip
        in_period = [item for item in play if item[0] == pid]
        for _, _, _, event in in_period:
            add(_card_in_context(b, event, yellow))
        if excerpt is None or n < len(present) - 1:
            last = max((s for _, s, _, _ in in_period), default=None)
            add(_ended(b, pid, ends.get(pid), last))
    if excerpt is None:
        add(MatchEnded(event_id=f"{b.match_id}/final-whistle", match_id=b.match_id))
    else:
        b.notes.append(f"an excerpt, not a whole match: {excerpt}; no final whistle written")
    _check_scores(b, ledger)
    report = ImportReport(
        provider=b.source.provider,
        match_id=b.match_id,
        events_read=len(dataset.events),
        mapped=dict(written),
        not_modelled=dict(b.not_modelled),
        skipped=tuple(b.skipped),
        filled=tuple(b.filled),
        notes=tuple(dict.fromkeys(b.notes)),
        complete=excerpt is None,
    )
    return EventImport(ledger=ledger, report=report)


def _ended(b: _Builder, period: int, end: float | None, last: float | None) -> PeriodEnded:
    """A period's end at its recorded time (never before the last event in it)."""
    if last is not None and (end is None or last > end):
        if end is not None and last > end + 120:
            b.notes.append(
                f"events of period {period} run to {match_time(period, last)}, past its "
                f"recorded end ({match_time(period, end)}); the period ends with them"
            )
        end = last
    at = None if end is None or period == 5 else _end_time(period, end)
    return PeriodEnded(
        event_id=f"{b.match_id}/end-{period}", match_id=b.match_id, period=_PERIODS[period], at=at
    )


def _card_in_context(b: _Builder, event: Event, yellow: set[str]) -> Event:
    """A second caution is a second yellow; a 'second yellow' with no first is a red."""
    if not isinstance(event, CardShown) or event.official:
        return event
    pid = event.player.player_id
    if event.card is Card.YELLOW:
        if pid in yellow:
            b.notes.append(f"{event.event_id}: a second caution for {event.player.name}")
            return _evolve_card(event, Card.SECOND_YELLOW)
        yellow.add(pid)
    elif event.card is Card.SECOND_YELLOW and pid not in yellow:
        b.notes.append(f"{event.event_id}: a second yellow with no first; recorded as a red")
        return _evolve_card(event, Card.RED)
    elif event.card is Card.RED and pid in yellow and b.source.red_after_yellow_is_second_yellow:
        b.notes.append(f"{event.event_id}: a red after a caution; recorded as a second yellow")
        return _evolve_card(event, Card.SECOND_YELLOW)
    return event


def _evolve_card(event: CardShown, card: Card) -> CardShown:
    import attrs  # noqa: PLC0415 - only on this rare path

    return attrs.evolve(event, card=card)


def _check_scores(b: _Builder, ledger: Ledger) -> None:
    """Say when the events' score differs from the score the provider states."""
    line = score(ledger, b.match_id)
    # the provider's scores are home-away as the provider has it: turned round when
    # the home side was given otherwise
    turned = b.home_id != (b.info.home_team_id or b.home_id)
    checks = (
        ("", b.info.final_score, (line.home_goals, line.away_goals)),
        (
            " at half time",
            b.info.half_time_score,
            None if line.half_time is None else (line.half_time.home, line.half_time.away),
        ),
    )
    for when, stated, got in checks:
        if stated is None or got is None:
            continue
        home, away = (stated[1], stated[0]) if turned else stated
        if got != (home, away):
            b.notes.append(
                f"the events give {got[0]}-{got[1]}{when}, the provider states {home}-{away}"
            )


def from_dataset(  # noqa: PLR0913 - the same overrides as import_dataset
    dataset: Any,
    *,
    raw: Mapping[str, Any] | None = None,
    home: str | None = None,
    match_id: str | None = None,
    competition: str | None = None,
    season: str | None = None,
    kickoff: datetime | None = None,
) -> Ledger:
    """A kloppy event dataset as a ledger of one match.

    The same as :func:`import_dataset` without the report; use that one to see what
    was not mapped and why.

    Example (with kloppy installed and a StatsBomb match on disk)::

        from kloppy import statsbomb
        ledger = from_dataset(statsbomb.load(event_data="e.json", lineup_data="l.json"))
    """
    return import_dataset(
        dataset,
        raw=raw,
        home=home,
        match_id=match_id,
        competition=competition,
        season=season,
        kickoff=kickoff,
    ).ledger
