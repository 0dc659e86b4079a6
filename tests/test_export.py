"""Tables, player statistics and ledgers as records, pandas and polars frames."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import orjson
import pandas as pd  # type: ignore[import-untyped, unused-ignore]
import polars as pl
import pytest
from hypothesis import given, settings

import matchledger as ml
from matchledger import export
from matchledger.cli import main
from matchledger.codec import TAGS
from matchledger.errors import LedgerError, MissingExtraError
from matchledger.events import CardRescinded, Event, GoalCredited, GoalDisallowed
from matchledger.strategies import events, ledgers, seasons


@pytest.fixture(scope="module")
def season() -> ml.Ledger:
    return ml.load_serie_a_2019_20()


@pytest.fixture(scope="module")
def season_file(season: ml.Ledger, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("season") / "serie-a-2019-20.jsonl"
    path.write_bytes(ml.dumps(season, lines=True))
    return path


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main(list(args)) == 0
    return orjson.loads(capsys.readouterr().out)


def plain(value: Any) -> Any:
    """A frame's cell as the JSON value it stands for (missing values as ``None``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def pandas_rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in row.items()} for row in df.to_dict("records")]


# --- tables ---------------------------------------------------------------------------------


def test_table_to_pandas_is_table_json(
    season: ml.Ledger, season_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Table.to_pandas() holds what `matchledger table --json` prints, column for column."""
    shown = cli_json(capsys, "table", str(season_file), "--json")
    df = ml.standings(season, "serie-a").to_pandas()
    assert list(df.columns) == list(shown[0]) == list(export.TABLE_COLUMNS)
    assert pandas_rows(df) == shown
    assert str(df["points"].dtype) == "int64"
    assert str(df["unresolved_tie"].dtype) == "bool"
    assert df.loc[0, "team"] == "Juventus"


def test_table_to_polars_is_table_json(
    season: ml.Ledger, season_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Table.to_polars() holds what `matchledger table --json` prints, typed."""
    shown = cli_json(capsys, "table", str(season_file), "--json")
    df = ml.standings(season, "serie-a").to_polars()
    assert df.columns == list(export.TABLE_COLUMNS)
    assert df.to_dicts() == shown
    assert df.schema["points"] == pl.Int64
    assert df.schema["unresolved_tie"] == pl.Boolean
    assert df.schema["tie_reason"] == pl.String


def test_table_records_are_json_and_in_column_order(season: ml.Ledger) -> None:
    """to_records(): plain dicts, the same keys in the same order in every row."""
    records = ml.standings(season, "serie-a", as_of=date(2020, 1, 11)).to_records()
    assert all(list(r) == list(export.TABLE_COLUMNS) for r in records)
    assert orjson.loads(orjson.dumps(records)) == records


@given(seasons())
def test_frames_of_any_table(season_events: list[Event]) -> None:
    """One row per team; the points columns are the table's points, in order."""
    table = ml.standings(ml.Ledger(season_events), "serie-a")
    records = table.to_records()
    points = [r.points for r in table.rows]
    pdf, pldf = table.to_pandas(), table.to_polars()
    assert len(records) == len(pdf) == pldf.height == len(table.rows)
    assert [r["points"] for r in records] == pdf["points"].tolist() == points
    assert pldf["points"].to_list() == points
    assert pandas_rows(pdf) == records == pldf.to_dicts()


# --- player statistics ----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["example", "season"])
def test_stats_frames_are_stats_json(
    which: str, season_file: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """stats_to_pandas()/stats_to_polars() hold what `matchledger stats --json` prints."""
    path = example_path if which == "example" else season_file
    shown = cli_json(capsys, "stats", str(path), "--json")
    ledger = ml.load(path)
    assert export.stats_records(ledger) == shown
    pdf = export.stats_to_pandas(ledger)
    assert list(pdf.columns) == list(export.STATS_COLUMNS)
    assert pandas_rows(pdf) == shown
    pldf = export.stats_to_polars(ledger)
    assert pldf.to_dicts() == shown
    if shown:
        assert str(pdf["goals"].dtype) == "int64"
        assert pldf.schema["minutes_played"] == pl.Int64


def test_stats_of_one_match_and_per_match(example_path: Path) -> None:
    """match_id picks a match; per_match puts match_id first."""
    ledger = ml.load_example()
    assert export.stats_records(ledger, ml.EXAMPLE_MATCH_ID) == export.stats_records(ledger)
    assert export.stats_records(ledger, "no-such-match") == []
    rows = export.stats_records(ledger, per_match=True)
    assert {r["match_id"] for r in rows} == {ml.EXAMPLE_MATCH_ID}
    assert export.stats_to_polars(ledger, per_match=True).columns[0] == "match_id"
    empty = export.stats_to_pandas(ml.Ledger())
    assert list(empty.columns) == list(export.STATS_COLUMNS)
    assert len(empty) == 0


_COUNTS = [c for c, kind in export.STATS_COLUMNS.items() if kind == "int"]


@given(ledgers(max_matches=3))
def test_stats_per_match_add_up_to_the_totals(ledger: ml.Ledger) -> None:
    """Each player's rows per match sum to the player's row over all matches."""
    totals = {r["player_id"]: r for r in export.stats_records(ledger)}
    summed: dict[object, dict[str, int]] = {}
    for r in export.stats_records(ledger, per_match=True):
        row = summed.setdefault(r["player_id"], dict.fromkeys(_COUNTS, 0))
        for c in _COUNTS:
            row[c] += r[c]  # type: ignore[operator]
    assert set(summed) == set(totals)
    for pid, row in summed.items():
        assert row == {c: totals[pid][c] for c in _COUNTS}
    assert len(export.stats_to_pandas(ledger)) == len(totals)


# --- ledgers --------------------------------------------------------------------------------

_REFERS: dict[tuple[type, str], str] = {
    (GoalDisallowed, "goal"): "refers_to",
    (GoalCredited, "goal"): "refers_to",
    (CardRescinded, "card"): "refers_to",
}


def expected_row(event: Event) -> dict[str, object]:  # noqa: C901 - one case per kind of value
    """The record of an event, worked out from its fields by the documented rules."""
    out: dict[str, object] = dict.fromkeys(export.LEDGER_COLUMNS)
    out["type"] = TAGS[type(event)]
    for name, value in attrs.asdict(event, recurse=False).items():
        if value is None:
            continue
        if (type(event), name) in _REFERS:
            out["refers_to"] = value
        elif isinstance(value, ml.Player):
            out[f"{name}_id"], out[f"{name}_name"] = value.player_id, value.name
        elif isinstance(value, ml.Team):
            out[f"{name}_id"], out[f"{name}_name"] = value.team_id, value.name
        elif isinstance(value, ml.MatchTime):
            out.update(minute=value.minute, added=value.added, second=value.second)
        elif isinstance(value, ml.Score):
            out[f"{name}_home"], out[f"{name}_away"] = value.home, value.away
        elif isinstance(value, tuple):
            out[name] = [entry.player.player_id for entry in value]
        elif isinstance(value, Enum):
            out[name] = value.value
        elif isinstance(value, (datetime, date)):
            out[name] = value.isoformat()
        else:
            out[name] = value
    assert set(out) == set(export.LEDGER_COLUMNS), f"{type(event).__name__}: unknown column"
    return out


def test_ledger_records_of_the_example() -> None:
    """One row per event; nested values flattened into columns."""
    ledger = ml.load_example()
    records = ledger.to_records()
    assert len(records) == len(ledger)
    assert all(list(r) == list(export.LEDGER_COLUMNS) for r in records)
    assert records == [expected_row(e) for e in ledger]
    goal = records[4]
    assert (goal["type"], goal["team"], goal["player_id"], goal["minute"]) == (
        "shot_taken",
        "inter",
        "lautaro-martinez",
        4,
    )
    assert records[0]["kickoff"] == "2020-01-11T20:45:00+01:00"
    assert orjson.loads(orjson.dumps(records)) == records


@given(events())
def test_every_event_flattens_by_the_rules(event: Event) -> None:
    """Every field of every event class lands in its documented column, and nothing else."""
    assert export.ledger_records([event]) == [expected_row(event)]


def _instant(value: object) -> object:
    """An ISO 8601 text as a datetime, to compare with a frame's."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def frame_rows_match(rows: list[dict[str, Any]], records: list[dict[str, object]]) -> None:
    for row, record in zip(rows, records, strict=True):
        for column, kind in export.LEDGER_COLUMNS.items():
            got, want = row[column], record[column]
            if kind == "datetime" and want is not None:
                assert got == _instant(want), column
            elif kind == "date" and want is not None:
                assert got.isoformat()[:10] == want, column
            elif kind == "strs" and want is not None:
                assert list(got) == want, column
            else:
                assert got == want, column


def test_ledger_frames_of_the_example() -> None:
    """Typed columns: kick-offs in UTC, nullable integers and flags, lists of players."""
    ledger = ml.load_example()
    records = ledger.to_records()
    pdf = ledger.to_pandas()
    assert list(pdf.columns) == list(export.LEDGER_COLUMNS)
    assert str(pdf["kickoff"].dtype) == "datetime64[us, UTC]"
    assert str(pdf["minute"].dtype) == "Int64"
    assert str(pdf["official"].dtype) == "boolean"
    assert pdf.loc[0, "kickoff"] == pd.Timestamp("2020-01-11 19:45", tz="UTC")
    frame_rows_match(pandas_rows(pdf), records)
    pldf = ledger.to_polars()
    assert pldf.schema["kickoff"] == pl.Datetime("us", "UTC")
    assert pldf.schema["starters"] == pl.List(pl.String)
    assert pldf.schema["minute"] == pl.Int64
    frame_rows_match(pldf.to_dicts(), records)


@settings(max_examples=25)
@given(ledgers(max_matches=3, min_matches=0))
def test_ledger_frames_have_a_row_per_event(ledger: ml.Ledger) -> None:
    """Rows = events, in order; the frames hold the records' values."""
    records = ledger.to_records()
    assert [r["event_id"] for r in records] == [e.event_id for e in ledger]
    pdf, pldf = ledger.to_pandas(), ledger.to_polars()
    assert pdf.shape == pldf.shape == (len(ledger), len(export.LEDGER_COLUMNS))
    frame_rows_match(pandas_rows(pdf), records)
    frame_rows_match(pldf.to_dicts(), records)


@settings(max_examples=25)
@given(seasons())
def test_season_frames_count_results(season_events: list[Event]) -> None:
    """A season of results: one row per event, home goals as the results recorded."""
    ledger = ml.Ledger(season_events)
    pdf = export.ledger_to_pandas(ledger)
    results = [e for e in season_events if isinstance(e, ml.ResultRecorded)]
    recorded = pdf[pdf["type"] == "result_recorded"]
    assert recorded["home_goals"].tolist() == [e.home_goals for e in results]
    pldf = export.ledger_to_polars(season_events)
    assert pldf.height == len(season_events)


# --- the optional packages ------------------------------------------------------------------


def test_importing_matchledger_imports_no_dataframe_library() -> None:
    """pandas and polars are loaded only by to_pandas()/to_polars()."""
    code = (
        "import sys, matchledger, matchledger.export, matchledger.cli\n"
        "print(sorted({'pandas', 'polars'} & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("pandas", lambda: ml.load_example().to_pandas()),
        ("polars", lambda: ml.load_example().to_polars()),
        ("pandas", lambda: ml.standings(ml.load_serie_a_2019_20(), "serie-a").to_pandas()),
        ("polars", lambda: export.stats_to_polars(ml.load_example())),
    ],
)
def test_a_missing_package_names_the_extra(
    module: str, call: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pandas (or polars), one clear error naming the extra to install."""
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    with pytest.raises(MissingExtraError, match=rf"needs {module}: .*matchledger\[{module}\]"):
        call()
    with pytest.raises(ImportError):
        call()
    with pytest.raises(LedgerError):
        call()
