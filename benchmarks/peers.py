"""The same end-to-end work with a general-purpose event-sourcing library as the peer.

The peer is the ``eventsourcing`` package (the ``bench`` dependency group). Each match is
one aggregate whose events are the match's events: one ``eventsourcing`` domain event
class per event type, with the same fields as matchledger's (checked), the nested values
(teams, players, match times, lineups) as the JSON objects the codec writes and the
kick-off as a datetime. The season is written once into the library's in-memory (POPO)
application recorder, not timed in the comparison.

Timed: every match aggregate replayed from that store through the application's
repository (each stored event decoded by its JSON transcoder into a domain event object,
checked for its aggregate and version, and applied), each match's score taken from its
aggregate, and the table ranked by points, goal difference and goals. Its aggregates keep
only what the score needs (the goals, disallowed goals, recorded and awarded results,
whether the match ended); the other events are decoded and applied with no state change.
The scores and the table are checked equal to matchledger's before timing.

matchledger's side is ``standings(loads(data), rules)`` from the JSON document's bytes: it
decodes every event into typed, validated values, checks each against its match's state
(a ``Ledger``), and builds the full table (home and away records, form, the competition's
tie-breaks).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable
from datetime import datetime
from importlib.metadata import version
from typing import Any, ClassVar
from uuid import UUID, uuid5

import attrs

from benchmarks.folds import (
    RULES,
    Corpus,
    Dicts,
    Result,
    TableRow,
    end_to_end,
    plain_scores,
    rank,
    require,
    same_table,
    table_numbers,
)
from benchmarks.timing import best_and_median, row
from matchledger.codec import TAGS

try:
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate
except ImportError:  # pragma: no cover - the bench dependency group is not installed
    Aggregate = None

_NAMESPACE = UUID("6f0e6f1c-6c1a-4c38-9a4a-1f1a0d4e2b7e")  # match ids -> aggregate ids
_BASE_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})

if Aggregate is not None:

    class MatchAggregate(Aggregate):
        """One match; its events are the match's events with matchledger's fields.

        Its state (set when the match is scheduled): ``match_id``, ``home`` and ``away``
        (team ids), ``goals`` (goal event id -> True for the home side), ``result`` (a
        recorded or awarded result, else None) and ``finished``.
        """

        class MatchScheduled(Aggregate.Created):
            event_id: str
            match_id: str
            competition: str
            season: str
            home: dict[str, str]
            away: dict[str, str]
            round: str | None = None
            kickoff: datetime | None = None
            venue: str | None = None

            def apply(self, aggregate: MatchAggregate) -> None:
                aggregate.match_id = self.match_id
                aggregate.home = self.home["team_id"]
                aggregate.away = self.away["team_id"]
                aggregate.goals = {}  # goal event id -> True for the home side
                aggregate.result = None  # a recorded, then an awarded, result
                aggregate.finished = False

        class LineupAnnounced(Aggregate.Event):
            event_id: str
            match_id: str
            team: str
            starters: list[dict[str, Any]]
            bench: list[dict[str, Any]] = dataclasses.field(default_factory=list)

        class PeriodStarted(Aggregate.Event):
            event_id: str
            match_id: str
            period: str

        class PeriodEnded(Aggregate.Event):
            event_id: str
            match_id: str
            period: str
            at: dict[str, int] | None = None

        class ShotTaken(Aggregate.Event):
            event_id: str
            match_id: str
            team: str
            player: dict[str, str]
            outcome: str
            at: dict[str, int] | None = None
            situation: str = "open_play"
            body_part: str | None = None
            assist: dict[str, str] | None = None
            stopped_by: dict[str, str] | None = None

            def apply(self, aggregate: MatchAggregate) -> None:
                if self.outcome == "goal":
                    aggregate.goals[self.event_id] = self.team == aggregate.home

        class OwnGoalScored(Aggregate.Event):
            event_id: str
            match_id: str
            team: str
            player: dict[str, str]
            at: dict[str, int] | None = None

            def apply(self, aggregate: MatchAggregate) -> None:
                aggregate.goals[self.event_id] = self.team != aggregate.home

        class GoalDisallowed(Aggregate.Event):
            event_id: str
            match_id: str
            goal: str
            reason: str | None = None
            review: str | None = None

            def apply(self, aggregate: MatchAggregate) -> None:
                aggregate.goals.pop(self.goal, None)

        class FoulCommitted(Aggregate.Event):
            event_id: str
            match_id: str
            team: str
            player: dict[str, str]
            at: dict[str, int] | None = None
            fouled: dict[str, str] | None = None

        class CardShown(Aggregate.Event):
            event_id: str
            match_id: str
            team: str
            player: dict[str, str]
            card: str
            at: dict[str, int] | None = None
            reason: str | None = None
            official: bool = False

        class SubstitutionMade(Aggregate.Event):
            event_id: str
            match_id: str
            team: str
            player_off: dict[str, str]
            player_on: dict[str, str]
            at: dict[str, int] | None = None

        class MatchEnded(Aggregate.Event):
            event_id: str
            match_id: str

            def apply(self, aggregate: MatchAggregate) -> None:
                aggregate.finished = True

        class ResultRecorded(Aggregate.Event):
            event_id: str
            match_id: str
            home_goals: int
            away_goals: int
            half_time: dict[str, int] | None = None
            full_time: dict[str, int] | None = None
            after_extra_time: bool = False
            shootout: dict[str, int] | None = None

            def apply(self, aggregate: MatchAggregate) -> None:
                if aggregate.result is None:  # an award stands over a recorded result
                    aggregate.result = (self.home_goals, self.away_goals)
                aggregate.finished = True

        class ResultAwarded(Aggregate.Event):
            event_id: str
            match_id: str
            home_goals: int
            away_goals: int
            authority: str | None = None
            reason: str | None = None
            decided_on: str | None = None
            counts_goals: bool = True

            def apply(self, aggregate: MatchAggregate) -> None:
                aggregate.result = (self.home_goals, self.away_goals)
                aggregate.finished = True

        EVENTS: ClassVar[dict[str, type[Aggregate.Event]]] = {}

        @classmethod
        def schedule(cls, fields: dict[str, Any]) -> MatchAggregate:
            """A new match aggregate from its ``MatchScheduled`` fields."""
            ident = uuid5(_NAMESPACE, fields["match_id"])
            return cls._create(cls.MatchScheduled, id=ident, **fields)

        def record(self, event_class: type[Aggregate.Event], fields: dict[str, Any]) -> None:
            """One more event of the match."""
            self.trigger_event(event_class, **fields)

        def score(self) -> Result:
            """(home, away, home goals, away goals, finished), as the plain loops give it."""
            home = sum(self.goals.values())
            goals = self.result or (home, len(self.goals) - home)
            return (self.home, self.away, goals[0], goals[1], self.finished)

    MatchAggregate.EVENTS.update(
        {
            name: cls
            for name, cls in vars(MatchAggregate).items()
            if isinstance(cls, type) and issubclass(cls, Aggregate.Event)
        }
    )

    class MatchApplication(Application):
        """The application that stores the match aggregates."""


def _fields(event_class: type) -> list[tuple[str, Any]]:
    """(name, default) of an event class's own fields, with ``...`` for a required one."""
    out = []
    for f in dataclasses.fields(event_class):
        if f.name in _BASE_FIELDS:
            continue
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = ...
        out.append((f.name, default))
    return out


def check_same_fields() -> None:
    """Every peer event class has the fields of matchledger's class of the same name."""
    for cls, tag in TAGS.items():
        peer = MatchAggregate.EVENTS.get(cls.__name__)
        if peer is None:
            continue
        ours = {f.name for f in attrs.fields(cls)}
        theirs = {name for name, _ in _fields(peer)}
        require(ours == theirs, f"{tag}: {sorted(ours ^ theirs)}")


def store(events: Dicts) -> tuple[MatchApplication, list[UUID]]:
    """A new application holding every match of the event dicts; the aggregate ids."""
    app = MatchApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    by_tag = {
        TAGS[cls]: MatchAggregate.EVENTS[cls.__name__]
        for cls in TAGS
        if cls.__name__ in MatchAggregate.EVENTS
    }
    layouts = {peer: _fields(peer) for peer in by_tag.values()}
    matches: dict[str, MatchAggregate] = {}
    for e in events:
        peer = by_tag[e["type"]]  # a KeyError for an event type the peer does not model
        fields = {
            name: e[name] if default is ... else e.get(name, default)
            for name, default in layouts[peer]
        }
        if peer is MatchAggregate.MatchScheduled:
            if fields["kickoff"] is not None:
                fields["kickoff"] = datetime.fromisoformat(fields["kickoff"])
            matches[e["match_id"]] = MatchAggregate.schedule(fields)
        else:
            matches[e["match_id"]].record(peer, fields)
    app.save(*matches.values())
    return app, [m.id for m in matches.values()]


def _project(aggregate: Any, events: Iterable[Any]) -> Any:
    """The repository's default projector without its per-event protocol check."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def replay(
    app: MatchApplication, ids: list[UUID], *, plain_projector: bool = False
) -> tuple[dict[str, Result], list[TableRow]]:
    """Every match replayed from the store: the scores by match id, and the ranked table.

    The repository's default projector asserts that each event is an instance of a
    runtime-checkable protocol, which is slow before Python 3.12; ``plain_projector``
    passes it one that does not (through the repository's ``projector_func``).
    """
    get = app.repository.get
    options = {"projector_func": _project} if plain_projector else {}
    scores: dict[str, Result] = {}
    for ident in ids:
        match: MatchAggregate = get(ident, **options)
        scores[match.match_id] = match.score()
    return scores, rank(scores.values())


def _compare(ours: float, theirs: float) -> str:
    if ours <= theirs:
        return f"matchledger is {theirs / ours:.1f}x as fast"
    return f"matchledger takes {ours / theirs:.1f}x as long"


def bench_peers(c: Corpus, repeat: int, ours: tuple[float, float]) -> list[str]:
    """The section: the peer's end-to-end time against matchledger's (best, median)."""
    title = f"## Peer: the same end to end with `eventsourcing` ({c.label})"
    if Aggregate is None:
        return [title, "", "Skipped: the `eventsourcing` package is not installed.", ""]
    check_same_fields()
    start = time.perf_counter()
    app, ids = store(c.dicts)
    write = time.perf_counter() - start
    expected = table_numbers(end_to_end(c.data))
    for plain_projector in (False, True):
        scores, table = replay(app, ids, plain_projector=plain_projector)
        require(scores == plain_scores(c.dicts), "the peer's scores differ")
        require(same_table(expected, table), "the tables differ")
    best, median = best_and_median(lambda: replay(app, ids), repeat)
    quick, quick_median = best_and_median(lambda: replay(app, ids, plain_projector=True), repeat)
    n = len(c.ledger)
    return [
        title,
        "",
        (
            f"`eventsourcing` {version('eventsourcing')} with its in-memory (POPO) recorder: one "
            "aggregate per match, whose events are the match's events as `eventsourcing` "
            "domain events with matchledger's fields (nested values as JSON objects). Timed: "
            "every aggregate replayed from the store (each stored event decoded by the default "
            "JSON transcoder, checked for its aggregate and version, and applied), each "
            "match's score, and the table ranked by points, goal difference and goals. The "
            "peer validates nothing about football and ranks the plain table; matchledger "
            f'is `standings(loads(data), "{RULES}")`, timed in the section above. Both give '
            "the same scores and table (checked)."
        ),
        "",
        "| step | best | median | µs per event | x matchledger |",
        "|---|---:|---:|---:|---:|",
        row(f'matchledger: `standings(loads(data), "{RULES}")`', *ours, n, ours[0]),
        row("eventsourcing: replay every match, scores, table", best, median, n, ours[0]),
        row(
            "eventsourcing, the same with a plain projector (see below)",
            quick,
            quick_median,
            n,
            ours[0],
        ),
        (
            f"| eventsourcing: write the season into the store (setup, once) | "
            f"{write * 1e3:.1f} ms | | {write / n * 1e6:.2f} | |"
        ),
        "",
        (
            f"matchledger end to end / eventsourcing end to end = {ours[0] / best:.2f}: "
            f"{_compare(ours[0], best)} (the target is at least 7x as fast). The "
            "repository's default projector asserts, for each event, that it is an instance "
            "of a runtime-checkable protocol, a slow check on this Python; passed a projector "
            "without it (its `projector_func` argument; `python -O` drops the assert too), the "
            f"peer does the same work faster: the ratio is then {ours[0] / quick:.2f}, "
            f"{_compare(ours[0], quick)}."
        ),
        "",
    ]
