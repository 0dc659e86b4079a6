"""all_standings(): every season's table in one pass, as standings() gives each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from matchledger import Ledger, all_standings, standings
from matchledger.events import MatchScheduled
from matchledger.importers import read_results_csv
from matchledger.strategies import ledgers, seasons


def _each(events: list[Any], rules: str | None = None) -> dict[tuple[str, str], Any]:
    keys = {(e.competition, e.season) for e in events if type(e) is MatchScheduled}
    return {
        (c, s): standings(events, rules, competition=c, season=s)
        for c, s in keys
        if not c.endswith(" play-offs")
    }


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["2021-22", "2022-23", "2023-24"]), min_size=1, max_size=3), st.data()
)
def test_equals_standings_of_each_season(labels: list[str], data: st.DataObject) -> None:
    # several seasons (and competitions) in one ledger
    events: list[Any] = []
    for i, label in enumerate(labels):
        events += data.draw(seasons(season=label, competition=f"League {i}"), label=label)
    ledger = Ledger(events)
    assert all_standings(ledger, "premier-league") == _each(list(ledger), "premier-league")


@settings(max_examples=40, deadline=None)
@given(seasons())
def test_one_season_equals_standings(events: list[Any]) -> None:
    ledger = Ledger(events)
    ((key, table),) = all_standings(ledger, "serie-a").items()
    assert key == ("Test League", "2024-25")
    assert table == standings(ledger, "serie-a")


@settings(max_examples=30, deadline=None)
@given(ledgers())
def test_detailed_ledgers_equal_standings(ledger: Ledger) -> None:
    assert all_standings(ledger, "premier-league") == _each(list(ledger), "premier-league")


def test_every_table_of_the_england_archive(shared_data: Path) -> None:
    path = shared_data / "results" / "engsoccerdata" / "england.csv"
    ledger = read_results_csv(path)
    tables = all_standings(ledger)
    assert len(tables) == 440
    events = list(ledger)
    # a few seasons of every era, each against standings() of that season alone
    for competition, season in [
        ("England tier 1", "1888-89"),
        ("England tier 1", "1988-89"),
        ("England tier 4", "1996-97"),
        ("England tier 1", "2011-12"),
    ]:
        alone = standings(events, competition=competition, season=season)
        assert tables[competition, season] == alone
    top = tables["England tier 1", "2011-12"]
    assert [r.team.name for r in top.rows[:2]] == ["Manchester City", "Manchester United"]
