"""standings_of_files(): files read in worker processes give the tables one process gives."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from matchledger import Ledger, LedgerError, all_standings, dump, load_serie_a_2019_20
from matchledger.errors import CodecError, ConcurrencyError, InvalidFieldError, MatchOverError
from matchledger.importers import ResultsFileError, read_results_csv
from matchledger.parallel import standings_of_files

ENGLAND_1888 = (
    # the first matchday of the Football League, from engsoccerdata's england.csv
    "season,date,round,home,away,home_goals,away_goals,tier,division\n"
    "1888-89,1888-09-08,,Bolton Wanderers,Derby County,3,6,1,1\n"
    "1888-89,1888-09-08,,Everton,Accrington F.C.,2,1,1,1\n"
    "1888-89,1888-09-08,,Preston North End,Burnley,5,2,1,1\n"
)


def _england_csv(folder: Path) -> Path:
    path = folder / "england.csv"
    path.write_text(ENGLAND_1888, encoding="utf-8")
    return path


def _files(folder: Path, ledgers: list[Ledger]) -> list[Path]:
    paths = []
    for i, ledger in enumerate(ledgers):
        path = folder / f"season-{i}.jsonl"
        dump(ledger, path)
        paths.append(path)
    return paths


def test_two_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    serie_a = load_serie_a_2019_20()
    england = read_results_csv(_england_csv(tmp_path))
    paths = _files(tmp_path, [serie_a, england])
    one = standings_of_files(paths, processes=1)
    assert standings_of_files(paths, processes=2) == one
    assert one == {**all_standings(serie_a), **all_standings(england)}
    assert len(one) == 2


def test_results_csv_files_are_read_by_suffix(tmp_path: Path) -> None:
    paths = [_england_csv(tmp_path), *_files(tmp_path, [load_serie_a_2019_20()])]
    tables = standings_of_files(paths, processes=2)
    assert sorted(tables) == [("England tier 1", "1888-89"), ("Serie A", "2019-20")]
    assert tables["England tier 1", "1888-89"].rows[0].team.name == "Preston North End"


def test_a_season_in_two_files_is_refused(tmp_path: Path) -> None:
    season = load_serie_a_2019_20()
    paths = _files(tmp_path, [season, season])
    with pytest.raises(LedgerError, match=r"Serie A 2019-20, which .*season-0.jsonl holds too"):
        standings_of_files(paths, processes=2)


def test_a_broken_file_gives_its_own_error_from_a_worker(tmp_path: Path) -> None:
    good = _files(tmp_path, [load_serie_a_2019_20()])
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"schema_version": 2, "events": [{"type": "nope"}]}')
    with pytest.raises(CodecError, match="nope"):
        standings_of_files([*good, bad], processes=2)


def test_every_kind_of_error_crosses_from_a_worker() -> None:
    errors: list[LedgerError] = [
        CodecError("line 3", "is not valid JSON", field="x"),
        MatchOverError(index=3, event_id="e", field="type", reason="after full time", hint="h"),
        InvalidFieldError("ShotTaken", "outcome", "must be one of ..."),
        ResultsFileError(
            path="a.csv", line=4, column="home", reason="is empty", partial=load_serie_a_2019_20()
        ),
        ConcurrencyError("store.jsonl", expected=3, actual=5),
    ]
    for error in errors:
        back = pickle.loads(pickle.dumps(error))  # noqa: S301 - bytes this test made
        assert type(back) is type(error)
        assert str(back) == str(error)
        assert back.__dict__.keys() == error.__dict__.keys()
        partial = getattr(error, "partial", None)
        if partial is not None:
            assert list(back.partial) == list(partial)
