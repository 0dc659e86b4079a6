"""The import and table commands: real seasons, options, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

import matchledger as ml
from matchledger.cli import main


@pytest.fixture(scope="module")
def italy(shared_data: Path) -> Path:
    return shared_data / "results" / "engsoccerdata" / "italy.csv"


def table_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["table", *args, "--json"]) == 0
    rows: list[dict[str, object]] = orjson.loads(capsys.readouterr().out)
    return rows


def test_table_play_off_and_deduction(italy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Serie A 2022-23: Juventus -10 is 7th; Verona and Spezia need the play-off Verona won."""
    rows = table_json(capsys, str(italy), "--season", "2022-23", "--tier", "1")
    open_tie = [r for r in rows if r["unresolved_tie"]]
    assert {r["team"] for r in open_tie} == {"Hellas Verona", "Spezia Calcio"}
    assert {r["position"] for r in open_tie} == {17}
    rows = table_json(
        capsys,
        str(italy),
        "--season",
        "2022-23",
        "--tier",
        "1",
        "--deduct",
        "Juventus=10",
        "--decided",
        "Hellas Verona>Spezia Calcio",
    )
    by_team = {r["team"]: r for r in rows}
    assert by_team["Juventus"]["position"] == 7
    assert by_team["Juventus"]["points"] == 62
    assert by_team["Juventus"]["points_deducted"] == 10
    assert by_team["Hellas Verona"]["position"] == 17
    assert by_team["Spezia Calcio"]["position"] == 18
    assert not any(r["unresolved_tie"] for r in rows)
    keys = {
        "position",
        "team",
        "played",
        "won",
        "drawn",
        "lost",
        "goals_for",
        "goals_against",
        "goal_difference",
        "points",
        "points_deducted",
        "form",
        "unresolved_tie",
    }
    assert keys <= set(rows[0])


def test_table_award_and_explain(italy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--award overrides a result; --explain prints the tie-breaks."""
    rows = table_json(
        capsys,
        str(italy),
        "--season",
        "2020-21",
        "--tier",
        "1",
        "--award",
        "Hellas Verona v AS Roma=3-0",
    )
    by_team = {r["team"]: r for r in rows}
    assert by_team["AS Roma"]["points"] == 62  # the official figure (SOURCES.md)
    assert by_team["Hellas Verona"]["points"] == 45
    assert main(["table", str(italy), "--season", "2019-20", "--tier", "1", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "Hellas Verona, ACF Fiorentina, Parma FC on 49 points: head-to-head points" in out


def test_table_as_of_home_and_away(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As of 2020-01-11 Inter lead Juventus 46-45; home and away tables add up."""
    it1 = str(shared_data / "results" / "openfootball" / "it.1.csv")
    rows = table_json(capsys, it1, "--season", "2019-20", "--as-of", "2020-01-11")
    assert [(r["team"], r["points"], r["played"]) for r in rows[:2]] == [
        ("Inter", 46, 19),
        ("Juventus", 45, 18),
    ]
    full = {r["team"]: r for r in table_json(capsys, it1, "--season", "2019-20")}
    home = {r["team"]: r for r in table_json(capsys, it1, "--season", "2019-20", "--home")}
    away = {r["team"]: r for r in table_json(capsys, it1, "--season", "2019-20", "--away")}
    for team, row in full.items():
        assert home[team]["points"] + away[team]["points"] == row["points"]  # type: ignore[operator]
    by_round = table_json(capsys, it1, "--season", "2019-20", "--round", "1")
    assert max(r["played"] for r in by_round) == 1  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--deduct", "Juventas=10"], "no team 'Juventas' in this season; close matches: Juventus"),
        (["--deduct", "Juventus"], "write TEAM=POINTS"),
        (["--award", "Inter v Nowhere=1-0"], "no team 'Nowhere'"),
        (["--award", "Inter beat Roma"], "write 'HOME v AWAY=H-A'"),
        (["--decided", "Inter"], "write 'WINNER>LOSER'"),
        (["--as-of", "yesterday"], "write a date like 2020-01-11"),
    ],
)
def test_bad_options_give_one_line(
    italy: Path, args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown teams and malformed options: exit 1, one line naming the close matches."""
    assert main(["table", str(italy), "--season", "2022-23", "--tier", "1", *args]) == 1
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1


def test_bad_csv_row_gives_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged results file names file, line and column on one line."""
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "season,date,round,home,away,home_goals,away_goals,tier,division\n"
        "2019-20,2019-08-24,,Parma,Juventus,0,1,1,1\n"
        "2019-20,2019-08-25,,Inter,Lecce,four,0,1,1\n",
        encoding="utf-8",
    )
    for command in (["table", str(bad)], ["import", str(bad)]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "line 3" in err
        assert "home_goals" in err


def test_the_league_table_leaves_play_offs_out(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Championship file holds its play-offs; the table is the league's, 24 clubs."""
    en2 = str(shared_data / "results" / "openfootball" / "en.2.csv")
    rows = table_json(capsys, en2, "--season", "2022-23")
    assert len(rows) == 24
    assert rows[0]["team"] == "Burnley FC"
    assert (
        main(
            [
                "table",
                str(shared_data / "results" / "engsoccerdata" / "england.csv"),
                "--season",
                "1988-89",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "England tier 1 1988-89; England tier 2 1988-89" in err
    assert "choose one with --season, --tier or --competition" in err


def test_round_needs_rounds(italy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """engsoccerdata records no rounds: --round is refused with a pointer to --as-of."""
    assert main(["table", str(italy), "--season", "2019-20", "--tier", "1", "--round", "5"]) == 1
    assert "record no rounds; ask for the table as of a date" in capsys.readouterr().err


def test_import_writes_a_ledger(shared_data: Path, tmp_path: Path) -> None:
    """import turns a season of a results file into a ledger that loads back."""
    out = tmp_path / "serie-a.jsonl"
    it1 = shared_data / "results" / "openfootball" / "it.1.csv"
    assert main(["import", str(it1), "--season", "2019-20", "-o", str(out)]) == 0
    ledger = ml.load(out)
    assert len(ledger.match_ids) == 380
    table = ml.standings(ledger, rules="serie-a")
    assert [r.team.name for r in table.rows[:2]] == ["Juventus", "Inter"]


def test_season_forms_and_times_without_a_zone(
    italy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--season takes 2019/20 or 2019 too; --as-of takes a time without a zone (as UTC)."""
    a = table_json(capsys, str(italy), "--season", "2019/20", "--tier", "1")
    b = table_json(capsys, str(italy), "--season", "2019", "--tier", "1")
    assert a == b
    assert main(["table", str(italy), "--season", "xx"]) == 1
    assert "--season: season must look like '2019-20'" in capsys.readouterr().err
    rows = table_json(
        capsys, str(italy), "--season", "2019-20", "--tier", "1", "--as-of", "2020-01-11 23:00"
    )
    assert rows[0]["points"] == 46


def test_score_and_validate_read_results_files(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """score, validate and stats take a results CSV as well as a ledger."""
    it1 = str(shared_data / "results" / "openfootball" / "it.1.csv")
    assert main(["validate", it1]) == 0
    assert "ok, 9110 events in 4560 matches" in capsys.readouterr().out
    assert main(["score", it1]) == 0
    assert "Inter 1-1 Atalanta (HT 1-0)" in capsys.readouterr().out


def test_an_award_of_points_only(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ligue 1 2016-17: Bastia v Lyon lost by Bastia, no goals counted; Lyon 67, 77-48."""
    fr1 = str(shared_data / "results" / "openfootball" / "fr.1.csv")
    rows = table_json(
        capsys,
        fr1,
        "--season",
        "2016-17",
        "--award",
        "SC Bastia v Olympique Lyonnais=0-3 points only",
    )
    lyon = next(r for r in rows if r["team"] == "Olympique Lyonnais")
    assert (lyon["points"], lyon["goals_for"], lyon["goals_against"]) == (67, 77, 48)
