"""The laws of ledgers, codecs and scores, checked over drawn matches (matchledger.strategies)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from matchledger import (
    Card,
    CardShown,
    DuplicateEventError,
    Event,
    EventRejected,
    FoulCommitted,
    GoalDisallowed,
    Ledger,
    LineupAnnounced,
    MatchEnded,
    MatchEvent,
    MatchOverError,
    MatchScheduled,
    MatchStateError,
    MatchStatus,
    MatchStatusChanged,
    MatchTime,
    OwnGoalScored,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    PlayerStateError,
    PointsDeducted,
    ResultAwarded,
    Score,
    ScoreFold,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    SubstitutionMade,
    Team,
    TieDecided,
    UnknownMatchError,
    UnknownReferenceError,
    VarDecision,
    VarIncident,
    VarReviewed,
    codec,
    dump,
    dumps,
    load,
    loads,
    run,
    score,
    scores,
)
from matchledger.strategies import events as any_events
from matchledger.strategies import ledgers, match_events, match_times, players, teams

# the file tests write to a tmp_path; each example overwrites the same files
WITH_FILES = settings(
    suppress_health_check=[
        *settings.default.suppress_health_check,
        HealthCheck.function_scoped_fixture,
    ]
)
NOT_AN_ID = "rejected!"  # drawn event ids always look like "<match_id>:<n>"


# --- helpers -------------------------------------------------------------------------------


def schedule_of(events: Sequence[Event], match_id: str) -> MatchScheduled:
    return next(e for e in events if isinstance(e, MatchScheduled) and e.match_id == match_id)


def note(match_id: str, event_id: str = "note") -> VarReviewed:
    """An event that fits any scheduled match at any point: a VAR review of nothing."""
    return VarReviewed(
        event_id=event_id,
        match_id=match_id,
        incident=VarIncident.MISTAKEN_IDENTITY,
        decision=VarDecision.STANDS,
    )


def periods_in_progress(events: Sequence[Event]) -> list[Period | None]:
    """The period in progress after each prefix ``events[:k]`` of one match, k = 0..len."""
    now: Period | None = None
    out: list[Period | None] = [None]
    for e in events:
        if isinstance(e, PeriodStarted):
            now = e.period
        elif isinstance(e, (PeriodEnded, MatchStatusChanged, MatchEnded)):
            now = None
        out.append(now)
    return out


def counted_goals(events: Sequence[Event], match_id: str) -> list[tuple[str, Period | None]]:
    """The side and period of each goal of a match that stands, counted by hand."""
    home = schedule_of(events, match_id).home.team_id
    goals: dict[str, tuple[str, Period | None]] = {}
    disallowed: set[str] = set()
    period: Period | None = None  # the period in progress, for goals without a time
    for e in events:
        if e.match_id != match_id:
            continue
        if isinstance(e, PeriodStarted):
            period = e.period
        elif isinstance(e, (PeriodEnded, MatchStatusChanged, MatchEnded)):
            period = None
        elif isinstance(e, OwnGoalScored) or (isinstance(e, ShotTaken) and e.is_goal):
            for_home = (e.team == home) != isinstance(e, OwnGoalScored)  # own goals: the other
            goals[e.event_id] = ("home" if for_home else "away", e.at.period if e.at else period)
        elif isinstance(e, GoalDisallowed):
            disallowed.add(e.goal)
    return [goal for goal_id, goal in goals.items() if goal_id not in disallowed]


def expected_scoreline(events: Sequence[Event], match_id: str) -> dict[str, object]:
    """What the Scoreline of a match must say, worked out without the score fold."""
    own = [e for e in events if e.match_id == match_id]
    home = schedule_of(own, match_id).home.team_id
    goals = counted_goals(own, match_id)
    started = {e.period for e in own if isinstance(e, PeriodStarted)}
    ended = {e.period for e in own if isinstance(e, PeriodEnded)}
    awards = [e for e in own if isinstance(e, ResultAwarded)]
    kicks = [e.team for e in own if isinstance(e, ShootoutKickTaken) and e.scored]

    def count(periods: set[Period] | None = None) -> Score:
        sides = [side for side, p in goals if periods is None or p in periods]
        return Score(home=sides.count("home"), away=sides.count("away"))

    on_pitch = count()
    out: dict[str, object] = {
        "on_pitch": on_pitch,
        "home_goals": awards[-1].home_goals if awards else on_pitch.home,
        "away_goals": awards[-1].away_goals if awards else on_pitch.away,
        "extra_time": on_pitch if Period.EXTRA_TIME_FIRST_HALF in started else None,
        "shootout": (
            Score(home=kicks.count(home), away=len(kicks) - kicks.count(home))
            if Period.PENALTY_SHOOTOUT in started
            else None
        ),
    }
    if Period.FIRST_HALF in ended:
        out["half_time"] = count({Period.FIRST_HALF})
    if Period.SECOND_HALF in ended:
        out["full_time"] = count({Period.FIRST_HALF, Period.SECOND_HALF})
    if awards:
        out["status"] = MatchStatus.AWARDED
    elif any(isinstance(e, MatchEnded) for e in own):
        out["status"] = MatchStatus.FINISHED
    return out


# --- the strategies keep their promises ---------------------------------------------------------


@given(match_events())
def test_every_drawn_match_is_a_valid_ledger(events: list[Event]) -> None:
    """Ledger() accepts every drawn match, in its order, with unique ids."""
    ledger = Ledger(events)
    assert ledger.events == tuple(events)
    assert isinstance(events[0], MatchScheduled)
    assert ledger.match_ids == (events[0].match_id,)
    assert len({e.event_id for e in events}) == len(events)


@given(ledgers())
def test_every_drawn_ledger_is_valid(ledger: Ledger) -> None:
    """A drawn ledger holds whole matches and is rebuilt from its own events."""
    assert 1 <= len(ledger.match_ids) <= 3
    assert Ledger(ledger.events) == ledger
    for m in ledger.match_ids:
        assert len(ledger.for_match(m)) == sum(e.match_id == m for e in ledger)


@given(st.data())
def test_match_options_are_honoured(data: st.DataObject) -> None:
    """lineups, extra_time, shootout, corrections and finished do what they say."""
    lineups = data.draw(st.booleans(), label="lineups")
    extra_time = data.draw(st.booleans(), label="extra_time")
    shootout = data.draw(st.booleans(), label="shootout")
    corrections = data.draw(st.booleans(), label="corrections")
    finished = data.draw(st.booleans(), label="finished")
    events = data.draw(
        match_events(
            "m1",
            lineups=lineups,
            extra_time=extra_time,
            shootout=shootout,
            corrections=corrections,
            finished=finished,
        ),
        label="events",
    )
    Ledger(events)
    kinds = {type(e) for e in events}
    started = {e.period for e in events if isinstance(e, PeriodStarted)}
    assert {e.match_id for e in events} == {"m1"}
    assert sum(isinstance(e, LineupAnnounced) for e in events) == (2 if lineups else 0)
    assert (MatchEnded in kinds) == finished
    if not corrections:
        assert not kinds & {GoalDisallowed, ResultAwarded, MatchStatusChanged}
    if not extra_time:
        assert not {Period.EXTRA_TIME_FIRST_HALF, Period.EXTRA_TIME_SECOND_HALF} & started
    if not shootout:
        assert Period.PENALTY_SHOOTOUT not in started
        assert ShootoutKickTaken not in kinds
    if finished:
        assert {Period.FIRST_HALF, Period.SECOND_HALF} <= started
        assert (Period.EXTRA_TIME_SECOND_HALF in started) == extra_time
        assert (Period.PENALTY_SHOOTOUT in started) == shootout


@given(match_times(), match_times(Period.EXTRA_TIME_FIRST_HALF), teams(), players())
def test_value_strategies_draw_valid_values(
    t: MatchTime, extra: MatchTime, team: Team, player: Player
) -> None:
    """Times fall in their period and print as they parse; teams and players have ids."""
    assert MatchTime.parse(str(t)) == t
    assert t.period is not Period.PENALTY_SHOOTOUT
    assert extra.period is Period.EXTRA_TIME_FIRST_HALF
    assert team.team_id.strip()
    assert team.name.strip()
    assert player.player_id.strip()
    assert player.name.strip()


# --- the codec ----------------------------------------------------------------------------------


@given(ledgers())
@example(ledger=Ledger())
def test_ledgers_round_trip_through_both_layouts(ledger: Ledger) -> None:
    """loads(dumps(l)) == l for documents and JSON Lines, told apart by content too."""
    assert loads(dumps(ledger)) == ledger
    assert loads(dumps(ledger, lines=True), lines=True) == ledger
    assert loads(dumps(ledger, lines=True)) == ledger
    assert loads(dumps(ledger).decode()) == ledger


@WITH_FILES
@given(ledger=ledgers())
def test_ledgers_round_trip_through_files(tmp_path: Path, ledger: Ledger) -> None:
    """dump/load keep a ledger whole in a .json document and a .jsonl file."""
    for name in ("ledger.json", "ledger.jsonl"):
        dump(ledger, tmp_path / name)
        assert load(tmp_path / name) == ledger
    lines = (tmp_path / "ledger.jsonl").read_bytes().splitlines()
    assert len(lines) == len(ledger) + 1


def fresh_match_for(event: MatchEvent) -> MatchScheduled:
    """A schedule for the event's match in which the event's team is at home."""
    home = getattr(event, "team", None) or "home-team"
    away = "away-team" if home != "away-team" else "other-team"
    return MatchScheduled(
        event_id="schedule" if event.event_id != "schedule" else "schedule-2",
        match_id=event.match_id,
        competition="Test League",
        season="2024-25",
        kickoff=datetime(2024, 8, 17, 15, tzinfo=UTC),
        home=Team(team_id=home, name="Home"),
        away=Team(team_id=away, name="Away"),
    )


@given(any_events())
def test_single_events_round_trip(event: Event) -> None:
    """Every event survives the converter and JSON, and a ledger it fits in round-trips."""
    row = orjson.loads(
        orjson.dumps({"type": codec.TAGS[type(event)], **codec._unstructure_event(event)})
    )
    assert row["type"] == codec.TAGS[type(event)]
    assert codec._CONVERTER.structure(row, Event) == event
    body = {k: v for k, v in row.items() if k != "type"}
    assert codec._DETAILED.structure(body, type(event)) == event

    if isinstance(event, (PointsDeducted, TieDecided)):  # no match to schedule
        ledger = Ledger([event]) if getattr(event, "play_off_match", None) is None else Ledger()
        assert loads(dumps(ledger)) == ledger
        return
    try:  # most events fit a match just scheduled (not a shootout kick, say)
        ledger = Ledger(
            [event] if isinstance(event, MatchScheduled) else [fresh_match_for(event), event]
        )
    except EventRejected:
        return
    assert loads(dumps(ledger)) == ledger
    assert loads(dumps(ledger, lines=True)) == ledger


# --- the score --------------------------------------------------------------------------------


@given(ledgers(), st.data())
def test_the_score_fold_obeys_the_prefix_law(ledger: Ledger, data: st.DataObject) -> None:
    """Folding a prefix then the rest equals folding all; as_of(k) scores as the prefix."""
    events = ledger.events
    cuts = data.draw(st.lists(st.integers(0, len(events)), min_size=1, max_size=4), label="k")
    for m in ledger.match_ids:
        fold = ScoreFold(m)
        whole = run(fold, events)
        for k in cuts:
            prefix = run(fold, events[:k])
            assert run(fold, events[k:], start=prefix) == whole
            past = ledger.as_of(k)
            if m in past.match_ids:
                assert score(past, m) == fold.view(prefix)
            else:
                with pytest.raises(KeyError):
                    score(past, m)


@given(ledgers())
def test_the_score_counts_goals_per_side(ledger: Ledger) -> None:
    """Goals (own goals for the other side) minus disallowed ones; an award overrides."""
    events = ledger.events
    for m in ledger.match_ids:
        line = score(ledger, m)
        for name, value in expected_scoreline(events, m).items():
            assert getattr(line, name) == value, name


@given(st.one_of(match_events(shootout=True, finished=True), match_events()))
def test_shootout_kicks_never_change_the_score(events: list[Event]) -> None:
    """Without its shootout kicks a match keeps its score; the shootout counts the kicks."""
    m = events[0].match_id
    home = schedule_of(events, m).home.team_id
    without = [e for e in events if not isinstance(e, ShootoutKickTaken)]
    kicked, unkicked = score(Ledger(events), m), score(Ledger(without), m)
    for name in ("home_goals", "away_goals", "half_time", "full_time", "extra_time", "on_pitch"):
        assert getattr(kicked, name) == getattr(unkicked, name), name
    if any(isinstance(e, PeriodStarted) and e.period is Period.PENALTY_SHOOTOUT for e in events):
        scored = [e.team for e in events if isinstance(e, ShootoutKickTaken) and e.scored]
        home_kicks = scored.count(home)
        assert kicked.shootout == Score(home=home_kicks, away=len(scored) - home_kicks)
        assert unkicked.shootout == Score(home=0, away=0)
    else:
        assert kicked.shootout is None
        assert unkicked.shootout is None


@given(ledgers(max_matches=4))
def test_for_match_scores_as_the_whole_ledger(ledger: Ledger) -> None:
    """One match cut out of an interleaved ledger has the score it has in the whole."""
    everything = scores(ledger)
    assert list(everything) == list(ledger.match_ids)
    for m in ledger.match_ids:
        own = ledger.for_match(m)
        assert own.match_ids == (m,)
        assert own.events == tuple(e for e in ledger if e.match_id == m)
        assert score(own, m) == score(ledger, m) == everything[m]


# --- a rejected event changes nothing -----------------------------------------------------------

Rejection = tuple[int, Event, type[EventRejected], str]
"""Where to cut the match (k), the event that does not fit there, the error and its field."""


def reject_duplicate_id(events: list[Event], data: st.DataObject) -> Rejection:
    k = data.draw(st.integers(1, len(events)), label="k")
    used = data.draw(st.sampled_from(events[:k]), label="used").event_id
    return k, note(events[0].match_id, used), DuplicateEventError, "event_id"


def reject_unknown_match(events: list[Event], data: st.DataObject) -> Rejection:
    k = data.draw(st.integers(1, len(events)), label="k")
    bad = MatchEnded(event_id=NOT_AN_ID, match_id=events[0].match_id + "-unknown")
    return k, bad, UnknownMatchError, "match_id"


def reject_play_after_full_time(events: list[Event], data: st.DataObject) -> Rejection:
    whistle = next(n for n, e in enumerate(events) if isinstance(e, MatchEnded))
    k = data.draw(st.integers(whistle + 1, len(events)), label="k")
    schedule = schedule_of(events, events[0].match_id)
    bad = FoulCommitted(
        event_id=NOT_AN_ID,
        match_id=schedule.match_id,
        team=schedule.home.team_id,
        player=Player(player_id=f"{schedule.home.team_id}.1", name="Late Tackler"),
    )
    return k, bad, MatchOverError, "type"


def in_play(events: list[Event], data: st.DataObject, *, shootout: bool) -> int:
    """A cut while a period is in progress (a shootout only if ``shootout``)."""
    progress = periods_in_progress(events)
    cuts = [
        k
        for k, period in enumerate(progress)
        if period is not None and (shootout or period is not Period.PENALTY_SHOOTOUT)
    ]
    return data.draw(st.sampled_from(cuts), label="k")


def reject_play_between_periods(events: list[Event], data: st.DataObject) -> Rejection:
    k = data.draw(
        st.sampled_from([n + 1 for n, e in enumerate(events) if isinstance(e, PeriodEnded)]),
        label="k",
    )
    schedule = schedule_of(events, events[0].match_id)
    bad = FoulCommitted(
        event_id=NOT_AN_ID,
        match_id=schedule.match_id,
        team=schedule.away.team_id,
        player=Player(player_id=f"{schedule.away.team_id}.1", name="Half-time Tackler"),
    )
    return k, bad, MatchStateError, "type"


def reject_second_yellow_without_yellow(events: list[Event], data: st.DataObject) -> Rejection:
    k = in_play(events, data, shootout=True)
    schedule = schedule_of(events, events[0].match_id)
    team = data.draw(st.sampled_from([schedule.home.team_id, schedule.away.team_id]), label="team")
    booked = {e.player.player_id for e in events[:k] if isinstance(e, CardShown)}
    sheets = [e for e in events if isinstance(e, LineupAnnounced) and e.team == team]
    candidates = [
        entry.player
        for sheet in sheets
        for entry in sheet.starters + sheet.bench
        if entry.player.player_id not in booked
    ]
    player = (
        data.draw(st.sampled_from(candidates), label="player")
        if candidates
        else Player(player_id=f"{team}.unbooked", name="Never Booked")
    )
    bad = CardShown(
        event_id=NOT_AN_ID,
        match_id=schedule.match_id,
        team=team,
        player=player,
        card=Card.SECOND_YELLOW,
    )
    return k, bad, PlayerStateError, "card"


def reject_kick_outside_shootout(events: list[Event], data: st.DataObject) -> Rejection:
    progress = periods_in_progress(events)
    cuts = [k for k in range(1, len(events) + 1) if progress[k] is not Period.PENALTY_SHOOTOUT]
    k = data.draw(st.sampled_from(cuts), label="k")
    schedule = schedule_of(events, events[0].match_id)
    bad = ShootoutKickTaken(
        event_id=NOT_AN_ID,
        match_id=schedule.match_id,
        team=schedule.away.team_id,
        player=Player(player_id=f"{schedule.away.team_id}.9", name="Early Kicker"),
        outcome=ShotOutcome.GOAL,
    )
    return k, bad, MatchStateError, "type"


def reject_disallowing_a_missing_goal(events: list[Event], data: st.DataObject) -> Rejection:
    k = data.draw(st.integers(1, len(events)), label="k")
    bad = GoalDisallowed(event_id=NOT_AN_ID, match_id=events[0].match_id, goal="no-such-goal")
    return k, bad, UnknownReferenceError, "goal"


def reject_substituting_a_player_off_the_pitch(
    events: list[Event], data: st.DataObject
) -> Rejection:
    k = in_play(events, data, shootout=False)
    schedule = schedule_of(events, events[0].match_id)
    team = data.draw(st.sampled_from([schedule.home.team_id, schedule.away.team_id]), label="team")
    sheet = next(e for e in events if isinstance(e, LineupAnnounced) and e.team == team)
    came_on = {e.player_on.player_id for e in events[:k] if isinstance(e, SubstitutionMade)}
    unused = [x.player for x in sheet.bench if x.player.player_id not in came_on]
    off = unused[0] if unused else Player(player_id=f"{team}.ghost", name="Not Playing")
    on = Player(player_id=f"{team}.newcomer", name="Never Named")
    bad = SubstitutionMade(
        event_id=NOT_AN_ID, match_id=schedule.match_id, team=team, player_off=off, player_on=on
    )
    return k, bad, PlayerStateError, "player_off"


REJECTIONS: dict[str, Callable[[list[Event], st.DataObject], Rejection]] = {
    "duplicate id": reject_duplicate_id,
    "unknown match": reject_unknown_match,
    "play after full time": reject_play_after_full_time,
    "play between periods": reject_play_between_periods,
    "second yellow without a yellow": reject_second_yellow_without_yellow,
    "kick outside a shootout": reject_kick_outside_shootout,
    "disallowing a missing goal": reject_disallowing_a_missing_goal,
    "substituting a player off the pitch": reject_substituting_a_player_off_the_pitch,
}


@pytest.mark.parametrize("case", list(REJECTIONS))
@given(data=st.data())
def test_a_rejected_append_leaves_the_ledger_unchanged(case: str, data: st.DataObject) -> None:
    """The specific error names the index and id; the ledger stays as it was and grows on."""
    lineups = True if case.startswith("substituting") else data.draw(st.booleans(), "lineups")
    events = data.draw(match_events(lineups=lineups, finished=True), label="events")
    k, bad, error, field = REJECTIONS[case](events, data)

    ledger = Ledger(events[:k])  # the tip of its own history: appends happen in place
    copy, before = Ledger(ledger.events), ledger.events
    with pytest.raises(error) as info:
        ledger.append(bad)
    exc = info.value
    assert type(exc) is error
    assert (exc.index, exc.event_id, exc.field) == (k, bad.event_id, field)
    assert str(exc).startswith(f"event #{k} ({bad.event_id!r}): {field} ")
    assert ledger == copy
    assert len(ledger) == k
    assert ledger.events == before == tuple(events[:k])
    assert bad not in ledger

    # a valid append still works, and the rest of the match goes in as if nothing happened
    assert ledger.append(note(events[0].match_id, NOT_AN_ID)).events == (
        *events[:k],
        note(events[0].match_id, NOT_AN_ID),
    )
    whole = Ledger(events)
    grown = ledger
    for e in events[k:]:
        grown = grown.append(e)
    assert grown == whole

    # the same from a view into a longer ledger (not its tip)
    with pytest.raises(error):
        whole.as_of(k).append(bad)
    assert whole.events == tuple(events)


@given(ledgers(), st.data())
def test_extend_is_all_or_nothing(ledger: Ledger, data: st.DataObject) -> None:
    """A batch with a bad event in the middle raises and adds none of its events."""
    events = ledger.events
    k = data.draw(st.integers(0, len(events)), label="k")
    j = data.draw(st.integers(k, len(events)), label="j")
    whistles = [
        (n, e.match_id) for n, e in enumerate(events[:j]) if isinstance(e, MatchEnded)
    ]  # a play event after one of these is out of place
    kind = data.draw(
        st.sampled_from(["duplicate", "unknown match", "after full time"]), label="kind"
    )
    bad: Event
    if kind == "duplicate" and j > 0:
        used = data.draw(st.sampled_from(events[:j]), label="used")
        bad, error = note(events[0].match_id, used.event_id), DuplicateEventError
    elif kind == "after full time" and whistles:
        _, m = data.draw(st.sampled_from(whistles), label="whistle")
        home = schedule_of(events, m).home.team_id
        player = Player(player_id=f"{home}.1", name="Late Tackler")
        bad = FoulCommitted(event_id=NOT_AN_ID, match_id=m, team=home, player=player)
        error = MatchOverError
    else:
        bad, error = MatchEnded(event_id=NOT_AN_ID, match_id="never-scheduled!"), UnknownMatchError

    base = Ledger(events[:k])
    with pytest.raises(error) as info:
        base.extend([*events[k:j], bad, *events[j:]])
    assert (info.value.index, info.value.event_id) == (j, bad.event_id)
    assert base == Ledger(events[:k])
    assert base.events == events[:k]
    assert base.extend(events[k:]) == ledger  # the failed batch left no trace in the state


@given(ledgers())
def test_three_ways_of_building_agree(ledger: Ledger) -> None:
    """Appending one at a time, Ledger(events) and Ledger().extend(events) give one ledger."""
    events = ledger.events
    grown, steps = Ledger(), [Ledger()]
    for e in events:
        grown = grown.append(e)
        steps.append(grown)
    assert grown == Ledger(events) == Ledger().extend(events) == ledger
    assert grown.events == Ledger().extend(events).events == events
    assert hash(grown) == hash(Ledger(events))
    for k, step in enumerate(steps):
        assert len(step) == k
        assert step.events == events[:k] == ledger.as_of(k).events


@given(ledgers(), st.data())
def test_appending_to_an_older_ledger_branches_off(ledger: Ledger, data: st.DataObject) -> None:
    """An older value or an as_of(k) view grows on its own; the newer ledger never changes."""
    events = ledger.events
    k = data.draw(st.integers(1, len(events)), label="k")
    m = events[0].match_id
    newest = Ledger(events)
    extra = note(m)

    branched = newest.as_of(k).append(extra)
    assert branched.events == (*events[:k], extra)
    assert newest.events == events
    assert len(newest) == len(events)
    assert newest.as_of(k).events == events[:k]
    assert branched.extend(events[k:]).events == (*events[:k], extra, *events[k:])
    assert newest.append(extra).events == (*events, extra)  # the tip still grows in place
    assert branched.events == (*events[:k], extra)

    # the same with the values a ledger had while it was built
    values, grown = [], Ledger()
    for e in events:
        values.append(grown)
        grown = grown.append(e)
    older = values[k - 1]  # the first k - 1 events, no longer the tip
    again = older.append(events[k - 1])  # what the newer ledger holds there
    assert again.events == events[:k]
    assert again.extend(events[k:]) == grown
    if k > 1:  # the match is scheduled: any note fits
        other = older.append(note(m, "other-note"))
        assert other.events == (*events[: k - 1], note(m, "other-note"))
    assert grown.events == events
    assert values[k - 1].events == events[: k - 1]
