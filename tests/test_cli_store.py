"""The command line's stores: append, table of a store, watch."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import matchledger as ml
from matchledger.cli import main
from matchledger.codec import encode_event
from matchledger.store import open_store


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
    time.sleep(1.0)
    writer = open_store(str(store))
    writer.append(season[50:120])
    writer.close()
    out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, err
    assert "after event 50" in out
    assert "after event 120" in out
    last = out.split("after event 120")[1].splitlines()
    assert last[1].startswith("Pos")
