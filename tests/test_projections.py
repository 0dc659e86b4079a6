"""Live projections equal the full folds after every event (the incremental laws)."""

from __future__ import annotations

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
