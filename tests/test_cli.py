"""The matchledger command: demo, score, validate; one line and a status for every error."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest

import matchledger as ml
from matchledger import cli
from matchledger._timeline import timeline
from matchledger.cli import main
from test_codec import BROKEN


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "matchledger", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )


def test_demo_shows_the_timeline_and_the_score(capsys: pytest.CaptureFixture[str]) -> None:
    """demo prints the seed match's events, full time 1-1 and half time 1-0."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Full time: Inter 1-1 Atalanta" in out
    assert "Half time: 1-0" in out
    for fact in (
        "GOAL Inter: Lautaro Martínez",
        "GOAL Atalanta: Robin Gosens",
        "Ruslan Malinovskyi, hit the post",
        "Alejandro Gómez, hit the crossbar",
        "Lautaro Martínez, cleared off the line",
        "penalty appeal",
        "Penalty to Atalanta, conceded by Alessandro Bastoni",
        "Luis Muriel, penalty saved by Samir Handanović",
    ):
        assert fact in out, fact
    assert out.index("4'") < out.index("75'")
    # the table as of the match day, and the what-if of the report's last sentence
    table = out.split("as it stood on 11 January 2020")[1].split("What if")[0].splitlines()
    assert table[2].split()[1:2] == ["Inter"]
    assert table[2].split()[-2] == "46"
    assert table[3].split()[1:2] == ["Juventus"]
    assert table[3].split()[-2] == "45"
    assert table[3].split()[2] == "18"  # a game in hand
    after = out.split("What if")[1].splitlines()
    assert after[2].split()[1] == "Juventus"
    assert after[2].split()[-2] == "48"


def test_demo_runs_as_a_real_command() -> None:
    """python -m matchledger demo exits 0 and prints the score."""
    done = run_cli("demo")
    assert done.returncode == 0, done.stderr
    assert "Full time: Inter 1-1 Atalanta" in done.stdout
    assert done.stderr == ""


def test_score_json_of_the_example(example_path: Path) -> None:
    """score --json gives one object with the issue's keys: 1-1, half time 1-0."""
    done = run_cli("score", str(example_path), "--json")
    assert done.returncode == 0, done.stderr
    obj = orjson.loads(done.stdout)
    goals, cards, subs = obj.pop("goals"), obj.pop("cards"), obj.pop("substitutions")
    assert obj == {
        "match_id": "inter-atalanta-2020-01-11",
        "home": "Inter",
        "away": "Atalanta",
        "home_goals": 1,
        "away_goals": 1,
        "half_time": {"home": 1, "away": 0},
        "extra_time": None,
        "shootout": None,
        "status": "finished",
    }
    assert goals[0] == {
        "minute": "4'",
        "at": "4'",
        "team": "Inter",
        "team_id": "inter",
        "scorer": "Lautaro Martínez",
        "scorer_id": "lautaro-martinez",
        "type": "regular",
        "assist": "Romelu Lukaku",
        "score": "1-0",
    }
    assert [(g["minute"], g["scorer"], g["score"]) for g in goals[1:]] == [
        ("75'", "Robin Gosens", "1-1")
    ]
    assert [(c["minute"], c["player"], c["card"], c["official"]) for c in cards][3] == (
        "42'",
        "Antonio Conte",
        "yellow",
        True,
    )
    assert len(subs) == 5
    keys = "minute at team team_id player_off player_off_id player_on player_on_id"
    assert set(subs[0]) == set(keys.split())


def test_score_text_and_several_matches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json one line per match; with several matches --json gives a list."""
    two = ml.load_example().extend(
        [
            ml.MatchScheduled(
                event_id="s2",
                match_id="m2",
                competition="Serie A",
                season="2019-20",
                kickoff=ml.load_example().schedule(ml.EXAMPLE_MATCH_ID).kickoff,
                home=ml.Team(team_id="roma", name="Roma"),
                away=ml.Team(team_id="juventus", name="Juventus"),
            )
        ]
    )
    path = tmp_path / "two.jsonl"
    ml.dump(two, path)
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Inter 1-1 Atalanta (HT 1-0)", "Roma 0-0 Juventus (scheduled)"]
    assert main(["score", str(path), "--json"]) == 0
    rows = orjson.loads(capsys.readouterr().out)
    assert [r["match_id"] for r in rows] == [ml.EXAMPLE_MATCH_ID, "m2"]
    assert main(["score", str(path), "--json", "--match", "m2"]) == 0
    assert orjson.loads(capsys.readouterr().out)["status"] == "scheduled"
    assert main(["score", str(path), "--match", "m9"]) == 1
    assert "no match 'm9'" in capsys.readouterr().err


def test_validate_ok(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate prints one summary line and exits 0."""
    assert main(["validate", str(example_path)]) == 0
    out = capsys.readouterr().out
    assert out.endswith("ok, 32 events in 1 match (schema 2)\n")
    assert out.count("\n") == 1


@pytest.mark.parametrize("case", BROKEN, ids=[b[0] for b in BROKEN])
@pytest.mark.parametrize("command", ["validate", "score"])
def test_damaged_files_give_one_line_and_status_1(
    case: tuple[str, bytes, type, str],
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every damaged ledger file: exit 1, one line on stderr naming the file, no traceback."""
    path = tmp_path / "damaged.json"
    path.write_bytes(case[1])
    assert main([command, str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"matchledger: error: {path}: ")
    assert "Traceback" not in captured.err


def test_damaged_files_through_the_real_command(tmp_path: Path) -> None:
    """The installed command, too, prints one line and exits 1 for damaged files."""
    for name, data, _, _ in BROKEN[::4]:
        path = tmp_path / f"{name.replace(' ', '-')}.jsonl"
        path.write_bytes(data)
        done = run_cli("validate", str(path))
        assert done.returncode == 1, (name, done.stdout)
        assert done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        ([], 2, "usage error"),
        (["score"], 2, "required: FILE"),
        (["frobnicate"], 2, "invalid choice"),
        (["score", "x.json", "--colour"], 2, "unrecognized arguments"),
        (["validate", "/no/such/file.json"], 1, "no such file"),
        (["validate", "."], 1, "is a directory"),
    ],
)
def test_usage_and_file_errors(
    args: list[str], status: int, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Usage mistakes exit 2, unreadable files exit 1; always one line on stderr."""
    assert main(args) == status
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--help and --version print to stdout and exit 0."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"matchledger {ml.__version__}"
    assert main(["score", "--help"]) == 0
    assert "--json" in capsys.readouterr().out


def test_score_of_a_match_with_no_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ledger whose match has no kick-off scores, validates and reads as a timeline."""
    ledger = ml.Ledger(
        [
            ml.MatchScheduled(
                event_id="s",
                match_id="m",
                competition="Serie A",
                season="2019-20",
                venue="San Siro",
                home=ml.Team(team_id="inter", name="Inter"),
                away=ml.Team(team_id="atalanta", name="Atalanta"),
            ),
            ml.ResultRecorded(event_id="r", match_id="m", home_goals=2, away_goals=1),
        ]
    )
    path = tmp_path / "undated.json"
    ml.dump(ledger, path)
    assert main(["score", str(path)]) == 0
    assert capsys.readouterr().out == "Inter 2-1 Atalanta\n"
    assert main(["score", str(path), "--json"]) == 0
    obj = orjson.loads(capsys.readouterr().out)
    assert (obj["home_goals"], obj["away_goals"], obj["status"]) == (2, 1, "finished")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err == ""
    lines = list(timeline(ledger, "m"))
    assert lines[:2] == ["Serie A 2019-20: Inter v Atalanta", "Kick-off date unknown at San Siro"]


# --- the timeline of every kind of event -----------------------------------------------------

V1_LINES = Path(__file__).with_name("fixtures") / "schema-v1.jsonl"


@pytest.fixture(scope="module")
def every_kind() -> ml.Ledger:
    """A ledger of twelve matches that holds every kind of event (a schema 1 fixture)."""
    return ml.load(V1_LINES)


def test_the_timeline_tells_corrections_own_goals_and_status_changes(
    every_kind: ml.Ledger,
) -> None:
    lines = list(timeline(every_kind, "final"))
    assert lines[:4] == [
        "Fixture Cup 2024-25, Final: North FC v Südstadt",
        "Kick-off 2025-03-20 19:45+00:00 at Neutral Ground",
        "         Match postponed",
        "         Match scheduled",
    ]
    for line in (
        "    30'  OWN GOAL by North Player 5 (North FC)  [1-1]",
        "         Goal f-g2 disallowed (offside)  [1-1]",
        "         Goal f-g1 is now credited to North Player 8",
        "         Card f-c1 rescinded",
    ):
        assert line in lines
    # only this match's events: none of the eleven others
    assert not any("East United" in line or "Inter" in line for line in lines)


def test_the_timeline_tells_a_shootout_kick_by_kick(every_kind: ml.Ledger) -> None:
    lines = list(timeline(every_kind, "semi"))
    kicks = [line.strip() for line in lines if "Shootout:" in line]
    assert kicks == [
        "Shootout: East Player 9 (East United) scores",
        "Shootout: West Player 9 (West Athletic) misses",
        "Shootout: East Player 10 (East United) misses",
    ]
    assert lines.index("         Penalty shootout ends") > lines.index("         " + kicks[-1])


def test_the_timeline_tells_an_awarded_result(every_kind: ml.Ledger) -> None:
    assert list(timeline(every_kind, "r-awarded"))[-1] == "         Result awarded: 3-0"


def test_the_timeline_tells_a_goal_credited_as_an_own_goal(every_kind: ml.Ledger) -> None:
    events = list(every_kind.for_match("final"))
    at = next(i for i, e in enumerate(events) if isinstance(e, ml.GoalCredited))
    defender = ml.Player(player_id="south-4", name="South Player 4")
    events[at] = attrs.evolve(events[at], own_goal=True, player=defender)
    lines = list(timeline(ml.Ledger(events), "final"))
    assert "         Goal f-g1 is now an own goal by South Player 4" in lines


# --- how a command ends when something other than the input goes wrong ----------------------


def test_stats_of_a_match_not_in_the_ledger(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(example_path), "--match", "nope"]) == 1
    assert capsys.readouterr().err == (
        f"matchledger: error: {example_path}: no match 'nope' in this ledger\n"
    )


def _failing_validate(exc: BaseException) -> Any:
    def validate(_path: Path) -> int:
        raise exc

    return validate


def test_a_bug_is_one_line_that_asks_to_be_reported(
    example_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_cmd_validate", _failing_validate(RuntimeError("no\nluck")))
    assert main(["validate", str(example_path)]) == 1
    assert capsys.readouterr().err == (
        "matchledger: internal error: RuntimeError: no luck (please report this)\n"
    )


def test_ctrl_c_ends_a_command_with_status_130(
    example_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_cmd_validate", _failing_validate(KeyboardInterrupt()))
    assert main(["validate", str(example_path)]) == 130
    assert capsys.readouterr().err == "matchledger: interrupted\n"


def test_a_reader_that_went_away_ends_a_command_quietly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        """stdout piped into `head` that has read its fill."""

        def write(self, _text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["demo"]) == 1
    assert capsys.readouterr().err == ""
