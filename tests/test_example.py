"""The seed match: every fact of the report is in the ledger, and it agrees with real results."""

from __future__ import annotations

import csv
import importlib.util
import sys
import unicodedata
from pathlib import Path

import matchledger as ml
from matchledger import (
    CardShown,
    FoulCommitted,
    PenaltyAppealDenied,
    PenaltyAwarded,
    Period,
    ShotOutcome,
    ShotTaken,
    Situation,
)

ROOT = Path(__file__).resolve().parent.parent


def plain(text: str) -> str:
    """Lower case without accents, to compare names across spellings."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def shots(ledger: ml.Ledger) -> list[ShotTaken]:
    return [e for e in ledger if isinstance(e, ShotTaken)]


def test_packaged_copy_equals_the_example_file(example_path: Path) -> None:
    """The ledger packaged for `demo` is byte for byte the one in examples/."""
    packaged = ROOT / "src" / "matchledger" / "data" / "inter-atalanta.json"
    assert packaged.read_bytes() == example_path.read_bytes()
    assert ml.load(example_path) == ml.load_example()


def test_builder_script_reproduces_the_example(example_path: Path) -> None:
    """examples/build_inter_atalanta.py builds exactly the committed ledger."""
    spec = importlib.util.spec_from_file_location(
        "build_ia", ROOT / "examples" / "build_inter_atalanta.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_ia"] = module
    spec.loader.exec_module(module)
    assert ml.dumps(ml.Ledger(module.events())) == example_path.read_bytes()


def test_every_fact_of_the_report_is_an_event() -> None:
    """Goals, woodwork, clearance, appeal, penalty conceded and saved: all there."""
    ledger = ml.load_example()
    by = {(plain(s.player.name), s.outcome) for s in shots(ledger)}
    assert ("lautaro martinez", ShotOutcome.GOAL) in by
    assert ("robin gosens", ShotOutcome.GOAL) in by
    assert ("ruslan malinovskyi", ShotOutcome.POST) in by
    assert ("alejandro gomez", ShotOutcome.CROSSBAR) in by
    assert ("lautaro martinez", ShotOutcome.CLEARED_OFF_LINE) in by
    (penalty,) = [s for s in shots(ledger) if s.situation is Situation.PENALTY]
    assert plain(penalty.player.name) == "luis muriel"
    assert penalty.outcome is ShotOutcome.SAVED
    assert penalty.stopped_by is not None
    assert plain(penalty.stopped_by.name) == "samir handanovic"
    (awarded,) = [e for e in ledger if isinstance(e, PenaltyAwarded)]
    assert awarded.conceded_by is not None
    assert plain(awarded.conceded_by.name) == "alessandro bastoni"
    assert awarded.team == "atalanta"
    (appeal,) = [e for e in ledger if isinstance(e, PenaltyAppealDenied)]
    assert appeal.team == "atalanta"
    assert appeal.claimed_by is not None
    assert plain(appeal.claimed_by.name) == "jose luis palomino"
    assert appeal.against is not None
    assert plain(appeal.against.name) == "lautaro martinez"
    assert any(
        isinstance(e, FoulCommitted) and plain(e.player.name) == "alessandro bastoni"
        for e in ledger
    )
    first_goal = next(s for s in shots(ledger) if s.is_goal)
    assert first_goal.at == ml.MatchTime(minute=4)
    assert first_goal.at.period is Period.FIRST_HALF
    gosens = [s for s in shots(ledger) if s.is_goal][1]
    assert gosens.at == ml.MatchTime(minute=75)
    # accents are kept in display names
    names = {s.player.name for s in shots(ledger)}
    assert "Lautaro Martínez" in names
    assert "Alejandro Gómez" in names
    assert sum(isinstance(e, CardShown) for e in ledger) == 7


def test_everyone_the_report_names_is_in_the_ledger(shared_data: Path) -> None:
    """Each player the seed report names appears in the ledger under that name."""
    report = plain((shared_data / "seed" / "inter-atalanta-report.txt").read_text("utf-8"))
    ledger_text = plain(ml.dumps(ml.load_example()).decode())
    # the report transliterates Malinovskyi (the club's spelling) as Malinovskiy
    spellings = {"malinovskiy": "malinovskyi"}
    for surname in (
        "martinez",
        "lukaku",
        "gollini",
        "palomino",
        "malinovskiy",
        "gosens",
        "handanovic",
        "gomez",
        "bastoni",
        "muriel",
    ):
        assert surname in report, surname
        assert spellings.get(surname, surname) in ledger_text, surname
    assert "san siro" in report
    assert "san siro" in ledger_text


def test_score_agrees_with_the_real_results_files(shared_data: Path) -> None:
    """openfootball and engsoccerdata both record Inter 1-1 Atalanta, 11 Jan 2020 (HT 1-0)."""
    s = ml.score(ml.load_example(), ml.EXAMPLE_MATCH_ID)
    with (shared_data / "results" / "openfootball" / "it.1.csv").open(encoding="utf-8") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["date"] == "2020-01-11" and r["home"] == "Inter" and r["away"] == "Atalanta"
        ]
    (row,) = rows
    assert (int(row["home_goals"]), int(row["away_goals"])) == (s.home_goals, s.away_goals)
    assert s.half_time is not None
    assert (int(row["ht_home_goals"]), int(row["ht_away_goals"])) == (
        s.half_time.home,
        s.half_time.away,
    )
    kickoff = ml.load_example().schedule(ml.EXAMPLE_MATCH_ID).kickoff
    assert kickoff.date().isoformat() == row["date"]
    assert kickoff.strftime("%H:%M") == row["time"]
    assert row["round"].endswith("19")
    with (shared_data / "results" / "engsoccerdata" / "italy.csv").open(encoding="utf-8") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["date"] == "2020-01-11" and "Inter" in r["home"] and "Atalanta" in r["away"]
        ]
    (row,) = rows
    assert (int(row["home_goals"]), int(row["away_goals"])) == (1, 1)


def test_packaged_serie_a_equals_the_results_file(shared_data: Path) -> None:
    """The packaged 2019-20 results are openfootball's it.1.csv, minus the seed match."""
    spec = importlib.util.spec_from_file_location(
        "build_sa", ROOT / "examples" / "build_serie_a_2019_20.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_sa"] = module
    spec.loader.exec_module(module)
    built = module.build(shared_data / "results" / "openfootball" / "it.1.csv")
    packaged = ROOT / "src" / "matchledger" / "data" / "serie-a-2019-20.jsonl"
    assert ml.dumps(built, lines=True) == packaged.read_bytes()
    season = ml.load_serie_a_2019_20()
    assert len(season.match_ids) == 380
    final = ml.standings(season, rules="serie-a")
    assert [(r.team.name, r.points) for r in final.rows[:2]] == [("Juventus", 83), ("Inter", 82)]
