"""The command line's stores: append, table of a store, watch."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import matchledger as ml
from builders import schedule
from matchledger import _cli_store
from matchledger.cli import main
from matchledger.codec import encode_event
from matchledger.store import FileStore, open_store


def _write(path: Path, events: tuple[ml.Event, ...], *, header: bool = True) -> Path:
    ledger_lines = ml.dumps(ml.Ledger(), lines=True).splitlines()[:1] if header else []
    path.write_bytes(b"\n".join([*ledger_lines, *(encode_event(e) for e in events)]) + b"\n")
    return path


@pytest.fixture
def season() -> ml.Ledger:
    return ml.load_serie_a_2019_20()


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_append_in_two_batches_with_versions(
    tmp_path: Path, season: ml.Ledger, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / f"live{suffix}")
    first = _write(tmp_path / "a.jsonl", season[:100])
    rest = _write(tmp_path / "b.jsonl", season[100:], header=False)  # header is optional
    assert main(["append", store, str(first), "--expected-version", "0"]) == 0
    assert "now at version 100" in capsys.readouterr().out
    # a stale version: refused, one line, nothing written
    assert main(["append", store, str(rest), "--expected-version", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "expected version 0, but the store is at version 100" in err
    assert main(["append", store, str(rest), "--expected-version", "100"]) == 0
    assert f"now at version {len(season)}" in capsys.readouterr().out
    opened = open_store(store)
    assert opened.read() == season
    opened.close()
    assert main(["table", store, "--rules", "serie-a"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[1].startswith("Pos")
    assert rows[2].split()[1] == "Juventus"


def test_append_refuses_an_invalid_batch_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = ml.load_example()
    store = str(tmp_path / "live.sqlite")
    assert main(["append", store, str(_write(tmp_path / "a.jsonl", example[:10]))]) == 0
    # the same events again: the first is a duplicate id, so none is written
    assert main(["append", store, str(_write(tmp_path / "b.jsonl", example[5:15]))]) == 1
    assert "is already used" in capsys.readouterr().err
    opened = open_store(store)
    assert opened.version == 10
    opened.close()


def test_append_with_a_broken_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"schema_version": 2}\n{"type": "goal"}\n')
    assert main(["append", str(tmp_path / "s.jsonl"), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "line 2" in err


def test_watch_prints_the_table_as_events_arrive(tmp_path: Path, season: ml.Ledger) -> None:
    store = tmp_path / "live.jsonl"
    _write(store, season[:50])
    watcher = subprocess.Popen(
        [sys.executable, "-m", "matchledger", "watch", str(store), "--rules", "serie-a",
         "--poll", "0.05", "--timeout", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    # append only once the watcher has shown the table as it stands (a fixed pause was
    # not always long enough for it to start on a busy machine)
    assert watcher.stdout is not None
    first = watcher.stdout.readline()
    assert "after event 50" in first
    writer = open_store(str(store))
    writer.append(season[50:120])
    writer.close()
    rest, err = watcher.communicate(timeout=60)
    out = first + rest
    assert watcher.returncode == 0, err
    assert "after event 120" in out
    last = out.split("after event 120")[1].splitlines()
    assert last[1].startswith("Pos")


# --- the events file given to append --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"schema_version": "2"}\n', "schema_version must be a whole number, got '2'"),
        (
            b'{"schema_version": true, "events": []}',
            "schema_version must be a whole number, got True",
        ),
        (b'{"schema_version": 2, "events": {"a": 1}}', "'events' must be a list"),
    ],
    ids=["text version", "true version", "events not a list"],
)
def test_append_refuses_a_file_whose_layout_is_not_a_ledgers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    store = tmp_path / "s.jsonl"
    assert main(["append", str(store), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err == f"matchledger: error: {bad}: {message}\n"
    assert not store.exists()  # the file is read before the store is opened


def test_append_of_a_folder_says_it_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["append", str(tmp_path / "s.jsonl"), str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"matchledger: error: {tmp_path}: cannot be read (Is a directory)\n"
    )


def test_append_cuts_a_torn_tail_with_a_one_line_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = ml.load_example()
    store = tmp_path / "live.jsonl"
    assert main(["append", str(store), str(_write(tmp_path / "a.jsonl", example[:5]))]) == 0
    capsys.readouterr()
    with store.open("ab") as f:  # a writer killed in the middle of a line
        f.write(encode_event(example[5])[:30])
    assert main(["append", str(store), str(_write(tmp_path / "b.jsonl", example[5:8]))]) == 0
    out, err = capsys.readouterr()
    assert out == f"{store}: appended 3 events, now at version 8\n"
    assert err.startswith(f"matchledger: warning: {store}: cut off a torn last line (30 bytes)")
    assert err.count("\n") == 1
    assert list(ml.load(store)) == list(example[:8])


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_watch_refuses_a_poll_that_is_not_a_number_of_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    assert main(["watch", str(tmp_path / "s.jsonl"), f"--poll={value}"]) == 2
    err = capsys.readouterr().err
    assert f"argument --poll: {value!r} is not a number of seconds" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "s.jsonl").exists()


# --- watch, in this process: a store already written, --timeout 0 ---------------------------


def _cup_match() -> tuple[ml.Event, ...]:
    """A match of another competition (Test League 2024-25), played and finished."""
    return (
        schedule("cup"),
        ml.ResultRecorded(event_id="cup-result", match_id="cup", home_goals=1, away_goals=0),
    )


def _watch(store: Path, *options: str) -> int:
    return main(["watch", str(store), "--poll", "0", "--timeout", "0", *options])


def test_watch_shows_the_table_of_the_competition_asked_for(
    tmp_path: Path, season: ml.Ledger, capsys: pytest.CaptureFixture[str]
) -> None:
    # a cup match comes first: its events wait until the league's first schedule
    store = _write(tmp_path / "live.jsonl", (*_cup_match(), *season[:40]))
    assert _watch(store, "--competition", "Serie A", "--season", "2019-20") == 0
    out, err = capsys.readouterr()
    assert err == ""
    (title,) = [line for line in out.splitlines() if "after event" in line]
    assert title.startswith("Serie A 2019-20 after event 42 (")  # shown once, caught up
    assert "Test League" not in out
    assert out.count("Pos") == 1


def test_watch_of_a_competition_with_no_rules_says_to_choose_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _write(tmp_path / "live.jsonl", _cup_match())
    assert _watch(store) == 1
    err = capsys.readouterr().err
    assert err.startswith("matchledger: error: no rules known for 'Test League'; choose one")
    assert "--rules (" in err
    assert "serie-a" in err
    assert _watch(store, "--rules", "serie-a") == 0
    assert "Test League 2024-25 after event 2" in capsys.readouterr().out


def test_watch_of_a_store_without_the_competition_says_so(
    tmp_path: Path, season: ml.Ledger, capsys: pytest.CaptureFixture[str]
) -> None:
    store = _write(tmp_path / "live.jsonl", season[:10])
    assert _watch(store, "--season", "2020-21") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{store}: no match of the competition yet\n"


def test_watch_of_a_table_that_cannot_be_made_is_one_line(
    tmp_path: Path, season: ml.Ledger, capsys: pytest.CaptureFixture[str]
) -> None:
    deduction = ml.PointsDeducted(
        event_id="penalty", competition="Serie A", season="2019-20", team="nobody", points=3
    )
    store = _write(tmp_path / "live.jsonl", (*season[:4], deduction))
    assert _watch(store, "--rules", "serie-a") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"matchledger: error: {store}: ")
    assert "nobody" in err
    assert err.count("\n") == 1


def test_watch_ends_quietly_when_interrupted(
    tmp_path: Path,
    season: ml.Ledger,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed: list[bool] = []

    class Interrupted(FileStore):
        """A store whose subscription is interrupted (Ctrl-C) once it has caught up."""

        def subscribe(self, *args: Any, **kwargs: Any) -> Iterator[tuple[int, ml.Event]]:
            yield from super().subscribe(*args, **kwargs)
            raise KeyboardInterrupt

        def close(self) -> None:
            closed.append(True)
            super().close()

    monkeypatch.setattr(_cli_store, "_open", Interrupted)
    store = _write(tmp_path / "live.jsonl", season[:20])
    assert _watch(store, "--rules", "serie-a") == 0
    out, err = capsys.readouterr()
    assert "Serie A 2019-20 after event 20" in out
    assert err == ""
    assert closed == [True]
