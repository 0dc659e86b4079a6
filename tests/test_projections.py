"""Live projections equal the full folds after every event (the incremental laws)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import matchledger as ml
from matchledger.errors import LedgerError
from matchledger.projections import (
    PlayerStatsProjection,
    ScoreProjection,
    TableProjection,
    follow,
)
from matchledger.store import SQLiteStore
from matchledger.strategies import ledgers, match_events, seasons


@given(ledgers(max_matches=3))
def test_score_projection_equals_the_fold_after_every_event(ledger: ml.Ledger) -> None:
    live = ScoreProjection()
    for n, event in enumerate(ledger, start=1):
        live.apply(event)
        assert live.scores() == ml.scores(ledger[:n])


@given(match_events(lineups=True))
def test_player_stats_projection_equals_the_fold_after_every_event(events: list[ml.Event]) -> None:
    live = PlayerStatsProjection()
    for n, event in enumerate(events, start=1):
        live.apply(event)
        prefix = events[:n]
        assert live.stats() == ml.player_stats(prefix)
        assert live.stats(per_match=True) == ml.player_stats(prefix, per_match=True)


def _table_or_error(events: list[ml.Event], rules: str) -> object:
    try:
        return ml.standings(events, rules, competition="Test League", season="2024-25")
    except LedgerError as exc:
        return type(exc)


_RULES = ["premier-league", "serie-a", "la-liga", "bundesliga", "scottish-premiership"]


@settings(max_examples=60)
@given(seasons(), st.sampled_from(_RULES))
def test_table_projection_equals_standings_after_every_event(
    events: list[ml.Event], rules: str
) -> None:
    live = TableProjection("Test League", "2024-25", rules)
    for n, event in enumerate(events, start=1):
        live.apply(event)
        expected = _table_or_error(events[:n], rules)
        try:
            got: object = live.table()
        except LedgerError as exc:
            got = type(exc)
        assert got == expected


def test_table_projection_over_a_real_season() -> None:
    season = ml.load_serie_a_2019_20()
    live = TableProjection("Serie A", "2019-20", "serie-a")
    checked = 0
    for n, event in enumerate(season, start=1):
        live.apply(event)
        if n % 97 == 0 or n == len(season):
            assert live.table() == ml.standings(season[:n], "serie-a")
            checked += 1
    assert checked > 5
    assert live.table().rows[0].team.name == "Juventus"


def test_follow_a_store(tmp_path: object) -> None:
    store = SQLiteStore(":memory:")
    store.append(ml.load_example())
    score, stats = ScoreProjection(), PlayerStatsProjection()
    seen: list[int] = []
    last = follow(
        store, score, stats, timeout=0.05, poll=0.01, on_event=lambda v, _: seen.append(v)
    )
    assert last == len(store.read()) == seen[-1]
    assert seen == list(range(1, last + 1))
    assert score.scores() == ml.scores(store.read())
    assert stats.stats() == ml.player_stats(store.read())


# --- a hand-made season with what generated seasons rarely hold ----------------------------------

LEAGUE, SEASON = "Test League", "2024-25"
TEAMS = {k: ml.Team(team_id=k, name=k.title()) for k in ("ash", "birch", "cedar", "dogwood")}
KICKOFF = datetime(2024, 8, 17, 15, tzinfo=UTC)


def _match(match_id: str, home: str, away: str, competition: str = LEAGUE) -> ml.MatchScheduled:
    return ml.MatchScheduled(
        event_id=f"{match_id}-s",
        match_id=match_id,
        competition=competition,
        season=SEASON,
        kickoff=KICKOFF,
        home=TEAMS[home],
        away=TEAMS[away],
    )


def _result(match_id: str, home: int, away: int) -> ml.ResultRecorded:
    return ml.ResultRecorded(
        event_id=f"{match_id}-r", match_id=match_id, home_goals=home, away_goals=away
    )


def _goal(event_id: str, match_id: str, team: str) -> ml.ShotTaken:
    scorer = ml.Player(player_id=f"{team}-9", name=f"{team.title()} Nine")
    return ml.ShotTaken(
        event_id=event_id, match_id=match_id, team=team, player=scorer, outcome=ml.ShotOutcome.GOAL
    )


def _deduct(event_id: str, team: str, points: int, competition: str = LEAGUE) -> ml.PointsDeducted:
    return ml.PointsDeducted(
        event_id=event_id, competition=competition, season=SEASON, team=team, points=points
    )


def _table_or_message(events: list[ml.Event]) -> object:
    try:
        return ml.standings(events, "premier-league", competition=LEAGUE, season=SEASON)
    except LedgerError as exc:
        return str(exc)


def _odd_season() -> list[ml.Event]:
    """A deduction before its team plays, another competition's events among the
    league's, a corrected goal, a postponed match moved, a return fixture still to
    play, a tie decided."""
    half = ml.Period.FIRST_HALF
    return [
        _deduct("d-early", "cedar", 2),  # before any match: cedar is not known yet
        _deduct("d-other", "ash", 5, competition="Cup"),
        _match("cup-1", "ash", "birch", competition="Cup"),
        _goal("cup-1-g", "cup-1", "ash"),  # a goal of a match outside the table
        _match("m1", "ash", "birch"),
        _match("m2", "cedar", "dogwood"),
        _match("m3", "ash", "cedar"),
        _match("m4", "birch", "ash"),  # the return fixture, not played yet
        ml.PeriodStarted(event_id="m1-p1", match_id="m1", period=half),
        _goal("m1-g1", "m1", "ash"),
        _goal("m1-g2", "m1", "birch"),
        ml.PeriodEnded(event_id="m1-e1", match_id="m1", period=half),
        ml.MatchEnded(event_id="m1-end", match_id="m1"),
        ml.GoalCredited(  # the same goal, another scorer: the result stands as it was
            event_id="m1-c", match_id="m1", goal="m1-g1",
            player=ml.Player(player_id="ash-10", name="Ash Ten"),
        ),
        ml.GoalDisallowed(event_id="m1-x", match_id="m1", goal="m1-g2"),  # 1-1 becomes 1-0
        ml.MatchStatusChanged(
            event_id="m3-p", match_id="m3", status=ml.MatchStatus.POSTPONED
        ),
        ml.MatchStatusChanged(
            event_id="m3-k", match_id="m3", status=ml.MatchStatus.SCHEDULED,
            kickoff=datetime(2024, 9, 1, 15, tzinfo=UTC),
        ),
        _result("m3", 1, 1),
        ml.TieDecided(
            event_id="tie", competition=LEAGUE, season=SEASON, winner="cedar", loser="ash"
        ),
        _deduct("d-late", "birch", 1),  # a team already in the table
    ]  # fmt: skip


def _assert_the_projection_is_the_fold(events: list[ml.Event]) -> TableProjection:
    live = TableProjection(LEAGUE, SEASON, "premier-league")
    for n, event in enumerate(events, start=1):
        live.apply(event)
        try:
            got: object = live.table()
        except LedgerError as exc:
            got = str(exc)
        assert got == _table_or_message(events[:n]), events[n - 1].event_id
    return live


def test_table_projection_follows_corrections_deductions_and_other_competitions() -> None:
    events = _odd_season()
    ml.Ledger(events)  # a valid ledger
    live = _assert_the_projection_is_the_fold(events)
    points = {row.team.team_id: row.points for row in live.table().rows}
    # ash beat birch 1-0 and drew with cedar; cedar had 2 points deducted, birch 1
    assert points == {"ash": 4, "birch": -1, "cedar": -1, "dogwood": 0}


def test_table_projection_drops_a_result_that_goes() -> None:
    # a projection takes events unchecked, as the folds do: a result then an abandonment
    # (which a ledger refuses) leaves the match out of the table, as standings() does
    events = [
        _match("m2", "cedar", "dogwood"),
        _result("m2", 0, 3),
        ml.MatchStatusChanged(event_id="m2-a", match_id="m2", status=ml.MatchStatus.ABANDONED),
    ]
    with pytest.raises(LedgerError, match="the match already ended"):
        ml.Ledger(events)
    live = _assert_the_projection_is_the_fold(events)
    assert [(row.team.team_id, row.played, row.points) for row in live.table().rows] == [
        ("cedar", 0, 0),
        ("dogwood", 0, 0),
    ]


def test_table_projection_before_any_match_says_there_is_none() -> None:
    live = TableProjection(LEAGUE, SEASON, "premier-league")
    live.extend(_odd_season()[:4])  # deductions and a cup match only
    with pytest.raises(LedgerError, match=r"^no matches of Test League 2024-25 in the events$"):
        live.table()


def test_table_projection_refuses_a_deduction_of_a_team_that_plays_no_match() -> None:
    events = [_match("m1", "ash", "birch"), _deduct("d", "zelkova", 3)]
    live = TableProjection(LEAGUE, SEASON, "premier-league")
    live.extend(events)
    with pytest.raises(LedgerError) as caught:
        live.table()
    assert "zelkova" in str(caught.value)
    assert str(caught.value) == _table_or_message(events)


def test_score_and_stats_projections_pass_over_what_is_not_theirs() -> None:
    example = ml.load_example()
    (match_id,) = example.match_ids
    stray = [
        _deduct("d", "inter", 1),  # no match at all
        _goal("lost-g", "no-such-match", "ash"),  # a match never scheduled
    ]
    score, stats = ScoreProjection(), PlayerStatsProjection()
    for projection in (score, stats):
        projection.extend([*stray, *example])
        projection.extend(stray)
    assert score.scores() == ml.scores(example)
    assert stats.stats() == ml.player_stats(example)
    assert stats.stats(match_id) == ml.player_stats(example, match_id)
    assert stats.stats("no-such-match") == []
