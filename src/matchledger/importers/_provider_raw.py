"""What kloppy's model loses, read back from each provider's raw records.

kloppy turns a dozen providers' feeds into one model, and keeps each provider's own
record beside every event (``event.raw_event``). Where the model has no room for a
fact, or a reader drops one, the *source* classes here read it from those records
(or from the provider's other files, given as ``raw``). Each gap is listed, with the
provider and the raw field, in ``docs/how-to/provider-events.md``.

One source class per provider format; :func:`source_for` picks it. Everything here
is a pure function of the dataset and the raw documents.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, Final

from attrs import frozen

from matchledger.events import Card, ShotOutcome

__all__ = ["CardFact", "LostFact", "MatchInfo", "Source", "source_for"]

_SEASON_SLASH: Final = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")

# Wyscout v2 tags (their public glossary): goal, own goal, assist, cards, woodwork zones
_WY2_GOAL: Final = 101
_WY2_OWN_GOAL: Final = 102
_WY2_ASSIST: Final = 301
_WY2_RED: Final = 1701
_WY2_YELLOW: Final = 1702
_WY2_SECOND_YELLOW: Final = 1703
_WY2_POST: Final = frozenset(range(1217, 1224))

# Opta / Stats Perform event types and qualifiers
_OPTA_POST: Final = 14
_OPTA_GOAL: Final = 16
_OPTA_OWN_GOAL_Q: Final = 28


@frozen
class MatchInfo:
    """What the files say about the match itself (``None``: they do not say)."""

    match_id: str | None = None
    competition: str | None = None
    season: str | None = None
    kickoff: datetime | None = None
    round: str | None = None
    venue: str | None = None
    home_team_id: str | None = None  # None: the files do not say which side was at home
    final_score: tuple[int, int] | None = None  # (home, away), as the provider states it
    half_time_score: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()


@frozen
class CardFact:
    """A card as the raw record gives it."""

    card: Card
    player_id: str | None
    player_name: str | None = None
    official: bool = False
    reason: str | None = None


@frozen
class LostFact:
    """A fact kloppy did not turn into an event at all, read from the raw files.

    ``kind`` is ``"card"``, ``"substitution"`` or ``"own_goal"``; ``seconds`` is the
    match clock (the second half starts at 2700).
    """

    kind: str
    raw_id: str
    period: int
    seconds: float
    team_id: str
    player_id: str
    other_id: str | None = None  # the player coming on, for a substitution
    card: Card | None = None
    reason: str | None = None


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def season_label(text: str) -> str:
    """``"2021/2022"`` -> ``"2021-22"``; anything else unchanged.

    Example:
        >>> season_label("2021/2022"), season_label("2019-20"), season_label("2022")
        ('2021-22', '2019-20', '2022')
    """
    m = _SEASON_SLASH.match(text.strip())
    if m is None:
        return text.strip()
    return f"{m.group(1)}-{m.group(2)[-2:]}"


def season_of(day: datetime) -> str:
    """The European season a date falls in: July to June.

    Example:
        >>> autumn, spring = datetime(2020, 9, 20, tzinfo=UTC), datetime(2021, 3, 1, tzinfo=UTC)
        >>> season_of(autumn), season_of(spring)
        ('2020-21', '2020-21')
    """
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


class Source:
    """kloppy's view of one match, with the provider's raw records behind it.

    The base class trusts kloppy everywhere; a provider's subclass overrides what
    kloppy loses for that provider.
    """

    provider: str = "unknown"
    red_after_yellow_is_second_yellow = False
    # whether the format says which side was at home (kloppy calls the first team home
    # when it does not)
    states_home_side: bool = True

    def __init__(self, dataset: Any, raw: Mapping[str, Any]) -> None:
        """Keep the dataset and the raw documents (by role: ``events``, ``lineups``...)."""
        self.dataset = dataset
        self.raw = raw

    # --- the match -------------------------------------------------------------------

    def info(self) -> MatchInfo:
        """Match id, competition, date and scores, from kloppy's metadata."""
        meta = self.dataset.metadata
        score = getattr(meta, "score", None)
        date = getattr(meta, "date", None)
        kickoff = date if isinstance(date, datetime) else None
        if kickoff is not None and kickoff.tzinfo is None:
            kickoff = kickoff.replace(tzinfo=UTC)
        home = next(
            (str(t.team_id) for t in meta.teams if str(getattr(t.ground, "name", "")) == "HOME"),
            None,
        )
        return MatchInfo(
            match_id=_str(getattr(meta, "game_id", None)),
            kickoff=kickoff,
            home_team_id=home if self.states_home_side else None,
            final_score=None if score is None else (int(score.home), int(score.away)),
        )

    def fallback_match_id(self) -> str:
        """A stable id when the files carry none: a digest of the provider's event ids."""
        digest = hashlib.sha1(usedforsecurity=False)
        for event in self.dataset.events:
            digest.update(str(event.event_id).encode())
        return digest.hexdigest()[:12]

    # --- people ----------------------------------------------------------------------

    def player_name(self, player: Any) -> str | None:
        """The display name of a kloppy player (``None`` if the data has none)."""
        name = getattr(player, "name", None) or getattr(player, "full_name", None)
        return _str(name)

    # --- times -----------------------------------------------------------------------

    def clock(self, event: Any) -> float:
        """The match clock of an event in seconds (the second half starts at 2700)."""
        return float(period_base(event.period.id) * 60 + event.timestamp.total_seconds())

    # --- shots, cards, assists -------------------------------------------------------

    def shot(
        self,
        event: Any,  # noqa: ARG002 - the providers' classes read its raw record
        kloppy_result: str | None,
    ) -> tuple[ShotOutcome | None, str | None]:
        """The outcome of a shot (``None``: an own goal) and a note when kloppy's was wrong."""
        return _KLOPPY_RESULTS.get(kloppy_result or "", ShotOutcome.OFF_TARGET), None

    def card(self, event: Any) -> CardFact | None:
        """The card of a kloppy ``CARD`` event."""
        card = _KLOPPY_CARDS.get(event.card_type.name if event.card_type else "")
        if card is None:
            return None
        player = event.player
        return CardFact(card=card, player_id=None if player is None else str(player.player_id))

    def assist(self, event: Any) -> str | None:  # noqa: ARG002 - providers override
        """The player id of the assist of a goal, when the data says."""
        return None

    def lost_facts(self) -> Iterator[LostFact]:
        """Facts kloppy did not turn into events, read from the raw files."""
        return iter(())

    def extra_players(self) -> dict[str, tuple[str, str]]:
        """Players the raw files name but kloppy's metadata lacks: id -> (team id, name)."""
        return {}


_KLOPPY_RESULTS: Final = {
    "GOAL": ShotOutcome.GOAL,
    "SAVED": ShotOutcome.SAVED,
    "BLOCKED": ShotOutcome.BLOCKED,
    "OFF_TARGET": ShotOutcome.OFF_TARGET,
    "POST": ShotOutcome.WOODWORK,
}
_KLOPPY_CARDS: Final = {
    "FIRST_YELLOW": Card.YELLOW,
    "SECOND_YELLOW": Card.SECOND_YELLOW,
    "RED": Card.RED,
}


def period_base(period: int) -> int:
    """The minute a period starts at: 0, 45, 90, 105 (and 120 for a shootout)."""
    return {1: 0, 2: 45, 3: 90, 4: 105}.get(period, 120)


# --- StatsBomb -------------------------------------------------------------------------


class StatsBomb(Source):
    """StatsBomb open data: events + lineups (+ optionally the season's matches file).

    kloppy keeps StatsBomb's cards, substitutions and own goals; it folds "Saved to
    Post" into a save (right: the keeper touched it) and drops the player nicknames
    ("Lionel Messi") of the lineups file, and the assist link of a goal.
    """

    provider = "statsbomb"
    states_home_side = False

    def __init__(self, dataset: Any, raw: Mapping[str, Any]) -> None:
        """Index the raw events by id and the lineups' nicknames by player id."""
        super().__init__(dataset, raw)
        self._by_id: dict[str, Mapping[str, Any]] = {}
        for event in dataset.events:
            record = event.raw_event
            if isinstance(record, Mapping) and "id" in record:
                self._by_id[str(record["id"])] = record
        self._nicknames: dict[str, str] = {}
        for team in raw.get("lineups") or ():
            for entry in team.get("lineup") or ():
                nick = entry.get("player_nickname")
                if nick:
                    self._nicknames[str(entry.get("player_id"))] = str(nick)

    def info(self) -> MatchInfo:
        """The matches-file entry when given; the events file has no date or home side."""
        base = super().info()
        match = self.raw.get("match")
        if not isinstance(match, Mapping):
            return base
        home = (match.get("home_team") or {}).get("home_team_id")
        kickoff = None
        if match.get("match_date"):
            clock = match.get("kick_off") or "00:00:00"
            kickoff = datetime.fromisoformat(f"{match['match_date']}T{clock[:8]}").replace(
                tzinfo=UTC
            )
        comp = match.get("competition") or {}
        season = (match.get("season") or {}).get("season_name")
        stage = (match.get("competition_stage") or {}).get("name")
        week = match.get("match_week")
        hs, as_ = match.get("home_score"), match.get("away_score")
        return MatchInfo(
            match_id=_str(match.get("match_id")),
            competition=_str(comp.get("competition_name")),
            season=None if season is None else season_label(str(season)),
            kickoff=kickoff,
            round=_str(week) if week is not None else _str(stage),
            venue=_str((match.get("stadium") or {}).get("name")),
            home_team_id=_str(home),
            final_score=None if hs is None or as_ is None else (int(hs), int(as_)),
            notes=("kick-off time is local, taken as UTC",) if kickoff is not None else (),
        )

    def card(self, event: Any) -> CardFact | None:
        """A card for a player missing from the lineups: the raw record names him."""
        fact = super().card(event)
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        found = record.get("player")
        person: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        if fact is not None and fact.player_id is None and person.get("id") is not None:
            return CardFact(
                card=fact.card, player_id=str(person["id"]), player_name=_str(person.get("name"))
            )
        return fact

    def player_name(self, player: Any) -> str | None:
        """The lineups file's nickname ("Lionel Messi"), else kloppy's full name."""
        return self._nicknames.get(str(player.player_id)) or super().player_name(player)

    def clock(self, event: Any) -> float:
        """StatsBomb's own ``minute:second`` (the second half starts at 45:00)."""
        record = event.raw_event
        if isinstance(record, Mapping) and "minute" in record:
            return float(record["minute"]) * 60 + float(record.get("second") or 0)
        return super().clock(event)

    def shot(self, event: Any, kloppy_result: str | None) -> tuple[ShotOutcome | None, str | None]:
        """Read StatsBomb's outcome names; "Post" is woodwork, "Saved to Post" a save."""
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        if (record.get("type") or {}).get("name") == "Own Goal Against":
            return None, None
        outcome = ((record.get("shot") or {}).get("outcome") or {}).get("name")
        mapped = _SB_OUTCOMES.get(outcome or "")
        if mapped is None:
            return super().shot(event, kloppy_result)
        return mapped, None

    def assist(self, event: Any) -> str | None:
        """The key pass of a goal, when StatsBomb marks it ``goal_assist``."""
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        key = (record.get("shot") or {}).get("key_pass_id")
        passed = self._by_id.get(str(key)) if key else None
        if passed is None or not (passed.get("pass") or {}).get("goal_assist"):
            return None
        return _str((passed.get("player") or {}).get("id"))


_SB_OUTCOMES: Final = {
    "Goal": ShotOutcome.GOAL,
    "Saved": ShotOutcome.SAVED,
    "Saved to Post": ShotOutcome.SAVED,
    "Saved Off Target": ShotOutcome.SAVED,  # the keeper saved it (a saved penalty, say)
    "Blocked": ShotOutcome.BLOCKED,
    "Off T": ShotOutcome.OFF_TARGET,
    "Wayward": ShotOutcome.OFF_TARGET,
    "Post": ShotOutcome.WOODWORK,
}


# --- Wyscout v2 ------------------------------------------------------------------------


def _tags(record: Mapping[str, Any]) -> set[int]:
    return {int(t["id"]) for t in record.get("tags") or () if isinstance(t, Mapping) and "id" in t}


class WyscoutV2(Source):
    """Wyscout v2 (the public soccer-logs dataset): one file with events, teams, players.

    The file has no match metadata (no date, no home side: kloppy takes the first team
    as the home side), no lineups and no substitutions. kloppy never reads the own-goal
    tag (102). Players are named by the file's ``shortName`` ("J. Vardy"), as Wyscout
    displays them; kloppy's full names are the fallback.
    """

    provider = "wyscout"
    states_home_side = False

    def __init__(self, dataset: Any, raw: Mapping[str, Any]) -> None:
        """Index the raw events and the players of the file."""
        super().__init__(dataset, raw)
        found = raw.get("events")
        doc: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        self._events: list[Mapping[str, Any]] = list(doc.get("events") or ())
        self._names: dict[str, str] = {}
        self._teams: dict[str, str] = {}
        players = doc.get("players") or {}
        for team_id, entries in players.items() if isinstance(players, Mapping) else ():
            for entry in entries or ():
                person = entry.get("player", entry) if isinstance(entry, Mapping) else {}
                pid = _str(person.get("wyId"))
                if pid is None:
                    continue
                self._teams[pid] = str(team_id)
                name = person.get("shortName") or " ".join(
                    x for x in (person.get("firstName"), person.get("lastName")) if x
                )
                if name:
                    self._names[pid] = str(name)

    def info(self) -> MatchInfo:
        """The match id is on every event; nothing else about the match is in the file."""
        base = super().info()
        match_id = base.match_id
        if match_id is None and self._events:
            match_id = _str(self._events[0].get("matchId"))
        return MatchInfo(match_id=match_id, final_score=base.final_score)

    def player_name(self, player: Any) -> str | None:
        """The ``shortName`` of the file's players list."""
        return self._names.get(str(player.player_id)) or super().player_name(player)

    def extra_players(self) -> dict[str, tuple[str, str]]:
        """Every player of the file's squads."""
        return {pid: (self._teams[pid], name) for pid, name in self._names.items()}

    def clock(self, event: Any) -> float:
        """``eventSec`` counts from the start of its half."""
        record = event.raw_event
        if isinstance(record, Mapping) and "eventSec" in record:
            half = {"1H": 1, "2H": 2, "E1": 3, "E2": 4, "P": 5}.get(str(record.get("matchPeriod")))
            if half is not None:
                return period_base(half) * 60 + float(record["eventSec"])
        return super().clock(event)

    def shot(self, event: Any, kloppy_result: str | None) -> tuple[ShotOutcome | None, str | None]:
        """Own goals by tag 102; woodwork by the post zones 1217-1223."""
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        tags = _tags(record)
        if _WY2_OWN_GOAL in tags:
            return None, "own goal from Wyscout tag 102"
        if _WY2_GOAL not in tags and tags & _WY2_POST:
            return ShotOutcome.WOODWORK, None
        return super().shot(event, kloppy_result)

    def card(self, event: Any) -> CardFact | None:
        """The card's player from the raw record (kloppy leaves it empty)."""
        fact = super().card(event)
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        tags = _tags(record)
        card = (
            Card.SECOND_YELLOW
            if _WY2_SECOND_YELLOW in tags
            else Card.RED
            if _WY2_RED in tags
            else Card.YELLOW
            if _WY2_YELLOW in tags
            else (fact.card if fact else None)
        )
        if card is None:
            return None
        pid = _str(record.get("playerId"))
        if pid in (None, "0"):
            pid = fact.player_id if fact else None
        return CardFact(card=card, player_id=pid)

    def assist(self, event: Any) -> str | None:
        """The teammate whose pass before the goal has the assist tag (301)."""
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        return _assist_before(
            self._events,
            record,
            lambda r: _WY2_ASSIST in _tags(r),
            lambda r: _str(r.get("playerId")),
            lambda r: _str(r.get("teamId")),
        )

    def lost_facts(self) -> Iterator[LostFact]:
        """Own goals tagged on events kloppy did not make shots of."""
        shots = {
            str(e.event_id) for e in self.dataset.events if e.event_type.name in {"SHOT", "CARD"}
        }
        for record in self._events:
            if _WY2_OWN_GOAL not in _tags(record) or str(record.get("id")) in shots:
                continue
            half = {"1H": 1, "2H": 2, "E1": 3, "E2": 4}.get(str(record.get("matchPeriod")))
            if half is None:
                continue
            yield LostFact(
                kind="own_goal",
                raw_id=str(record.get("id")),
                period=half,
                seconds=period_base(half) * 60 + float(record.get("eventSec") or 0),
                team_id=str(record.get("teamId")),
                player_id=str(record.get("playerId")),
            )


def _assist_before(
    records: list[Mapping[str, Any]],
    goal: Mapping[str, Any],
    is_assist: Any,
    player_of: Any,
    team_of: Any,
) -> str | None:
    """The last record before ``goal`` (same team, up to 10 records back) that is an assist."""
    try:
        at = next(i for i, r in enumerate(records) if r.get("id") == goal.get("id"))
    except StopIteration:
        return None
    team, scorer = team_of(goal), player_of(goal)
    for record in reversed(records[max(0, at - 10) : at]):
        if team_of(record) == team and is_assist(record):
            who = player_of(record)
            return who if who != scorer else None
    return None


# --- Wyscout v3 ------------------------------------------------------------------------


class WyscoutV3(Source):
    """Wyscout v3: events with the match, lineups, substitutions, teams and players.

    kloppy reads the lineups but makes no event of a card given with a foul (it sits on
    the foul's ``infraction``) or of a substitution (a separate section), and
    calls a shot that hit the woodwork (goal zones ``p*``) off target. Players are named
    by the file's ``shortName``, as with v2.
    """

    provider = "wyscout"
    # a red card after a caution is the second yellow: v3 has no code of its own for it
    red_after_yellow_is_second_yellow = True

    def __init__(self, dataset: Any, raw: Mapping[str, Any]) -> None:
        """Keep the raw document and the players' names."""
        super().__init__(dataset, raw)
        doc = raw.get("events")
        self._doc: Mapping[str, Any] = doc if isinstance(doc, Mapping) else {}
        self._events: list[Mapping[str, Any]] = list(self._doc.get("events") or ())
        self._names: dict[str, str] = {}
        players = self._doc.get("players") or {}
        for entries in players.values() if isinstance(players, Mapping) else ():
            for entry in entries or ():
                person = entry.get("player", entry) if isinstance(entry, Mapping) else {}
                pid = _str(person.get("wyId"))
                if pid is not None and person.get("shortName"):
                    self._names[pid] = str(person["shortName"])
        for record in self._events:
            person = record.get("player") or {}
            pid = _str(person.get("id"))
            if pid is not None and pid not in self._names and person.get("name"):
                self._names[pid] = str(person["name"])

    def info(self) -> MatchInfo:
        """Date, gameweek, venue, home side and the scores of the ``match`` section."""
        base = super().info()
        match = self._doc.get("match") or {}
        if not isinstance(match, Mapping):
            return base
        kickoff = base.kickoff
        if match.get("dateutc"):
            kickoff = datetime.fromisoformat(str(match["dateutc"])).replace(tzinfo=UTC)
        home = away = None
        for team_id, data in (match.get("teamsData") or {}).items():
            if data.get("side") == "home":
                home = (str(team_id), data)
            elif data.get("side") == "away":
                away = (str(team_id), data)
        final = half = None
        if home and away:
            final = (int(home[1].get("score", 0)), int(away[1].get("score", 0)))
            half = (int(home[1].get("scoreHT", 0)), int(away[1].get("scoreHT", 0)))
        notes: list[str] = []
        season = None
        if kickoff is not None:
            season = season_of(kickoff)
            notes.append(f"season {season} taken from the date (July to June)")
        return MatchInfo(
            match_id=_str(match.get("wyId")) or base.match_id,
            kickoff=kickoff,
            season=season,
            round=_str(match.get("gameweek")),
            venue=_str(match.get("venue")),
            home_team_id=home[0] if home else None,
            final_score=final,
            half_time_score=half,
            notes=tuple(notes),
        )

    def player_name(self, player: Any) -> str | None:
        """The ``shortName`` of the players section."""
        return self._names.get(str(player.player_id)) or super().player_name(player)

    def clock(self, event: Any) -> float:
        """Wyscout's own ``minute:second`` (the second half starts at 45:00)."""
        record = event.raw_event
        if isinstance(record, Mapping) and "minute" in record and "second" in record:
            return float(record["minute"]) * 60 + float(record["second"])
        return super().clock(event)

    def shot(self, event: Any, kloppy_result: str | None) -> tuple[ShotOutcome | None, str | None]:
        """Goal zones ``p*`` are the woodwork."""
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        if (record.get("type") or {}).get("primary") == "own_goal":
            return None, None
        shot = record.get("shot") or {}
        if not shot.get("isGoal") and str(shot.get("goalZone") or "").startswith("p"):
            return ShotOutcome.WOODWORK, f"woodwork from goal zone {shot.get('goalZone')!r}"
        return super().shot(event, kloppy_result)

    def assist(self, event: Any) -> str | None:
        """The pass before the goal whose secondary types include ``assist``."""
        record = event.raw_event if isinstance(event.raw_event, Mapping) else {}
        return _assist_before(
            self._events,
            record,
            lambda r: "assist" in ((r.get("type") or {}).get("secondary") or ()),
            lambda r: _str((r.get("player") or {}).get("id")),
            lambda r: _str((r.get("team") or {}).get("id")),
        )

    def lost_facts(self) -> Iterator[LostFact]:
        """Cards from fouls' ``infraction``; substitutions from ``substitutions``."""
        yield from self._cards()
        yield from self._substitutions()

    def _cards(self) -> Iterator[LostFact]:
        """The cards kloppy drops: of a foul with a card it makes only the foul.

        (An infraction that is only a card, kloppy makes a card of; those are skipped.)
        """
        halves = {"1H": 1, "2H": 2, "E1": 3, "E2": 4}
        carded = {str(e.event_id) for e in self.dataset.events if e.event_type.name == "CARD"}
        for record in self._events:
            infraction = record.get("infraction") or {}
            if not (infraction.get("yellowCard") or infraction.get("redCard")):
                continue
            if str(record.get("id")) in carded:
                continue
            half = halves.get(str(record.get("matchPeriod")))
            if half is None:
                continue
            # a red after a caution in the match is sorted out by the importer
            yield LostFact(
                kind="card",
                raw_id=str(record.get("id")),
                period=half,
                seconds=float(record.get("minute") or 0) * 60 + float(record.get("second") or 0),
                team_id=str((record.get("team") or {}).get("id")),
                player_id=str((record.get("player") or {}).get("id")),
                card=Card.RED if infraction.get("redCard") else Card.YELLOW,
                reason=_str(infraction.get("type")),
            )

    def _pairs(self) -> dict[str, dict[str, str]]:
        """Team id -> player off -> player on, as ``match.teamsData`` pairs them."""
        match = self._doc.get("match")
        teams = match.get("teamsData") if isinstance(match, Mapping) else None
        out: dict[str, dict[str, str]] = {}
        for team_id, data in teams.items() if isinstance(teams, Mapping) else ():
            formation = data.get("formation") if isinstance(data, Mapping) else None
            changes = formation.get("substitutions") if isinstance(formation, Mapping) else None
            for change in changes if isinstance(changes, list) else ():
                if isinstance(change, Mapping):
                    off, on = _str(change.get("playerOut")), _str(change.get("playerIn"))
                    if off is not None and on is not None:
                        out.setdefault(str(team_id), {})[off] = on
        return out

    def _substitutions(self) -> Iterator[LostFact]:
        """The ``substitutions`` section (team -> half -> second -> players in and out).

        Players coming on and going off at the same second are listed in no particular
        order there; the match's ``teamsData`` pairs them (to the minute), so the pairs
        come from there and the seconds from here.
        """
        halves = {"1H": 1, "2H": 2, "E1": 3, "E2": 4}
        pairs = self._pairs()
        subs = self._doc.get("substitutions") or {}
        for team_id, by_half in subs.items() if isinstance(subs, Mapping) else ():
            paired = pairs.get(str(team_id), {})
            for half_name, by_second in (by_half or {}).items():
                half = halves.get(str(half_name))
                if half is None:
                    continue
                for second, change in sorted(by_second.items(), key=lambda kv: float(kv[0])):
                    ins = [_str(p.get("playerId")) for p in change.get("in") or ()]
                    outs = [_str(p.get("playerId")) for p in change.get("out") or ()]
                    if all(o is not None and paired.get(o) in ins for o in outs):
                        ins = [paired.get(o or "") for o in outs]  # the pairs the match states
                    for n, (on, off) in enumerate(zip(ins, outs, strict=False)):
                        if on is None or off is None:
                            continue
                        yield LostFact(
                            kind="substitution",
                            raw_id=f"sub-{team_id}-{half_name}-{second}-{n}",
                            period=half,
                            seconds=period_base(half) * 60 + float(second),
                            team_id=str(team_id),
                            player_id=off,
                            other_id=on,
                        )


# --- Stats Perform (Opta) ----------------------------------------------------------------


class StatsPerform(Source):
    """Stats Perform MA1 (match, lineups, goals, cards, substitutions) + MA3 (events).

    kloppy calls a shot that hit the woodwork (Opta type 14) off target, and gives a
    card to a team official no person. MA1 has the competition, the date, the
    officials' names and the assists.
    """

    provider = "statsperform"

    def __init__(self, dataset: Any, raw: Mapping[str, Any]) -> None:
        """Index MA1's goals and cards by Opta event id."""
        super().__init__(dataset, raw)
        ma1 = raw.get("ma1")
        self._ma1: Mapping[str, Any] = ma1 if isinstance(ma1, Mapping) else {}
        live = self._ma1.get("liveData") or {}
        self._goals = {str(g.get("optaEventId")): g for g in live.get("goal") or ()}
        self._cards = {str(c.get("optaEventId")): c for c in live.get("card") or ()}

    def info(self) -> MatchInfo:
        """Everything about the match from MA1's ``matchInfo`` and ``matchDetails``."""
        base = super().info()
        info = self._ma1.get("matchInfo") or {}
        if not info:
            return base
        kickoff = base.kickoff
        day, time = str(info.get("date") or "").rstrip("Z"), str(info.get("time") or "").rstrip("Z")
        if day:
            kickoff = datetime.fromisoformat(f"{day}T{time or '00:00:00'}").replace(tzinfo=UTC)
        home = next(
            (str(c["id"]) for c in info.get("contestant") or () if c.get("position") == "home"),
            None,
        )
        comp = info.get("competition") or {}
        season = (info.get("tournamentCalendar") or {}).get("name")
        details = (self._ma1.get("liveData") or {}).get("matchDetails") or {}
        scores = details.get("scores") or {}

        def pair(key: str) -> tuple[int, int] | None:
            s = scores.get(key)
            return None if not s else (int(s.get("home", 0)), int(s.get("away", 0)))

        return MatchInfo(
            match_id=_str(info.get("id")) or base.match_id,
            competition=_str(comp.get("name")),
            season=None if season is None else season_label(str(season)),
            kickoff=kickoff,
            round=_str(info.get("week")),
            venue=_str((info.get("venue") or {}).get("longName"))
            or _str((info.get("venue") or {}).get("shortName")),
            home_team_id=home,
            final_score=pair("total") or pair("ft") or base.final_score,
            half_time_score=pair("ht"),
        )

    def clock(self, event: Any) -> float:
        """Opta's ``timeMin:timeSec`` (the second half starts at 45:00)."""
        record = event.raw_event
        minute, second = getattr(record, "time_min", None), getattr(record, "time_sec", None)
        if minute is not None and second is not None:
            return float(minute) * 60 + float(second)
        return super().clock(event)

    def shot(self, event: Any, kloppy_result: str | None) -> tuple[ShotOutcome | None, str | None]:
        """Type 14 is the woodwork; a goal with qualifier 28 an own goal."""
        record = event.raw_event
        type_id = getattr(record, "type_id", None)
        qualifiers = getattr(record, "qualifiers", None) or {}
        if type_id == _OPTA_GOAL and _OPTA_OWN_GOAL_Q in qualifiers:
            return None, None
        if type_id == _OPTA_POST:
            return ShotOutcome.WOODWORK, "woodwork from Opta type 14"
        return super().shot(event, kloppy_result)

    def card(self, event: Any) -> CardFact | None:
        """A card with no player went to a team official: MA1 names them."""
        fact = super().card(event)
        ma1 = self._cards.get(str(event.event_id))
        if ma1 is None:
            return fact
        card = {"YC": Card.YELLOW, "Y2C": Card.SECOND_YELLOW, "RC": Card.RED}.get(
            str(ma1.get("type")), fact.card if fact else Card.YELLOW
        )
        if ma1.get("teamOfficialId"):
            return CardFact(
                card=card,
                player_id=str(ma1["teamOfficialId"]),
                player_name=_str(ma1.get("officialName")),
                official=True,
                reason=_str(ma1.get("cardReason")),
            )
        pid = _str(ma1.get("playerId")) or (fact.player_id if fact else None)
        return CardFact(card=card, player_id=pid, reason=_str(ma1.get("cardReason")))

    def assist(self, event: Any) -> str | None:
        """MA1's ``assistPlayerId`` of the goal."""
        goal = self._goals.get(str(event.event_id))
        return None if goal is None else _str(goal.get("assistPlayerId"))


def source_for(dataset: Any, raw: Mapping[str, Any]) -> Source:
    """The source class for a kloppy dataset's provider (and Wyscout version)."""
    provider = str(getattr(dataset.metadata.provider, "value", dataset.metadata.provider)).lower()
    if provider == "statsbomb":
        return StatsBomb(dataset, raw)
    if provider == "wyscout":
        first = next(iter(dataset.events), None)
        record = getattr(first, "raw_event", None)
        if isinstance(record, Mapping) and isinstance(record.get("type"), Mapping):
            return WyscoutV3(dataset, raw)
        return WyscoutV2(dataset, raw)
    if provider in ("statsperform", "opta"):
        opta = StatsPerform(dataset, raw)
        opta.provider = provider
        return opta
    source = Source(dataset, raw)
    source.provider = provider
    return source
