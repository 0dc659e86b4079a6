"""The bounds on input (``matchledger.limits``): each one, on each reader it applies to."""

from __future__ import annotations

import os
import pickle
import threading
from pathlib import Path

import orjson
import pytest

import matchledger as ml
from matchledger import limits as limits_module
from matchledger.cli import main
from matchledger.errors import InvalidFieldError, LedgerError, LimitExceeded
from matchledger.importers import read_deductions_csv, read_results_csv
from matchledger.importers.event_files import read_event_files
from matchledger.limits import DEFAULT_LIMITS, JSON_MAX_DEPTH, Limits

SEED = ml.dumps(ml.load_example())
SEED_LINES = ml.dumps(ml.load_example(), lines=True)
EVENTS = len(ml.load_example())
ES_HEADER = "season,date,round,home,away,home_goals,away_goals,tier,division\n"
ES_ROW = "1888-89,1888-09-08,,Bolton Wanderers,Derby County,3,6,1,1\n"
DEDUCTIONS = '"Season","team","tier","deduction","country"\n2014,"Rotherham United",2,3,"England"\n'


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _with_id(value: bytes) -> bytes:
    """A document whose one event has ``value`` as its id."""
    return (
        b'{"schema_version":2,"events":[{"type":"match_ended","event_id":'
        + value
        + b',"match_id":"m"}]}'
    )


# --- the class --------------------------------------------------------------------------------


def test_defaults() -> None:
    assert Limits() == DEFAULT_LIMITS
    assert DEFAULT_LIMITS.max_bytes == 256 * 2**20
    assert DEFAULT_LIMITS.max_depth == 64
    assert DEFAULT_LIMITS.max_string == 10_000
    assert DEFAULT_LIMITS.max_events == 2_000_000
    assert DEFAULT_LIMITS.max_rows == 2_000_000
    assert DEFAULT_LIMITS.max_line == 65_536
    assert ml.Limits is Limits
    assert ml.LimitExceeded is LimitExceeded


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("max_bytes", 0, "must be at least 1"),
        ("max_depth", 0, "must be at least 1"),
        ("max_depth", JSON_MAX_DEPTH + 1, "must be at most 1024"),
        ("max_string", -1, "must be at least 1"),
        ("max_events", -1, "must be at least 0"),
        ("max_rows", -1, "must be at least 0"),
        ("max_line", 0, "must be at least 1"),
        ("max_bytes", 1.5, "must be an integer"),
        ("max_bytes", True, "must be an integer"),
        ("max_bytes", None, "must be an integer"),
    ],
)
def test_bounds_are_checked(field: str, value: object, message: str) -> None:
    with pytest.raises(InvalidFieldError, match=f"Limits.{field} {message}"):
        Limits(**{field: value})  # type: ignore[arg-type]


def test_limits_must_be_limits() -> None:
    with pytest.raises(TypeError, match=r"limits must be a matchledger\.limits\.Limits"):
        ml.loads(SEED, limits={"max_bytes": 10})  # type: ignore[arg-type]


def test_the_error_names_the_limit_the_value_and_how_to_raise_it() -> None:
    with pytest.raises(LimitExceeded) as caught:
        ml.loads(SEED, limits=Limits(max_bytes=100))
    exc = caught.value
    assert isinstance(exc, LedgerError)
    assert (exc.where, exc.limit, exc.maximum, exc.value) == ("input", "max_bytes", 100, len(SEED))
    assert str(exc) == (
        f"input is {len(SEED)} bytes, over the limit max_bytes=100; if you trust the input, "
        "raise it: limits=Limits(max_bytes=...) (matchledger.limits)"
    )
    again = pickle.loads(pickle.dumps(exc))  # noqa: S301 - our own object
    assert (type(again), str(again), again.value) == (LimitExceeded, str(exc), exc.value)


# --- max_bytes --------------------------------------------------------------------------------


def test_max_bytes_loads() -> None:
    assert ml.loads(SEED, limits=Limits(max_bytes=len(SEED))) == ml.load_example()
    for data in (SEED, SEED.decode(), SEED_LINES):
        with pytest.raises(LimitExceeded, match="max_bytes=1000"):
            ml.loads(data, limits=Limits(max_bytes=1000))


def test_max_bytes_load(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    path.write_bytes(SEED)
    assert len(ml.load(path, limits=Limits(max_bytes=len(SEED)))) == EVENTS
    with pytest.raises(LimitExceeded, match=f"input is {len(SEED)} bytes"):
        ml.load(path, limits=Limits(max_bytes=len(SEED) - 1))


def test_max_bytes_reads_no_more_than_that_of_a_pipe(tmp_path: Path) -> None:
    """A pipe has no size: it is read until the limit is passed, and no further."""
    fifo = tmp_path / "endless.json"
    os.mkfifo(fifo)
    written: list[int] = []

    def feed() -> None:
        total = 0
        try:
            with fifo.open("wb") as f:
                for _ in range(1000):  # 64 MB, if it were all read
                    f.write(b" " * 65536)
                    total += 65536
        except BrokenPipeError:
            pass
        written.append(total)

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(LimitExceeded, match="max_bytes=100000"):
        ml.load(fifo, limits=Limits(max_bytes=100_000))
    writer.join(timeout=30)
    assert written
    assert written[0] < 10 * 2**20


def test_max_bytes_csv_files(tmp_path: Path) -> None:
    results = tmp_path / "england.csv"
    results.write_text(ES_HEADER + ES_ROW, encoding="utf-8")
    deductions = tmp_path / "deductions.csv"
    deductions.write_text(DEDUCTIONS, encoding="utf-8")
    assert len(read_results_csv(results, limits=Limits(max_bytes=200))) == 2
    with pytest.raises(LimitExceeded, match=r"england\.csv is \d+ bytes, over the limit"):
        read_results_csv(results, limits=Limits(max_bytes=50))
    with pytest.raises(LimitExceeded, match="max_bytes=50"):
        read_deductions_csv(deductions, limits=Limits(max_bytes=50))


def test_max_bytes_provider_files(tmp_path: Path) -> None:
    path = tmp_path / "match.json"
    path.write_bytes(b'{"events": []}' + b" " * 1000)
    with pytest.raises(LimitExceeded, match=r"match\.json is 1014 bytes"):
        read_event_files("wyscout", [path], limits=Limits(max_bytes=1000))


# --- max_depth --------------------------------------------------------------------------------


@pytest.mark.parametrize("lines", [False, True])
def test_max_depth_loads(lines: bool) -> None:
    deep = (
        b'{"schema_version":2}\n' + _nested(65) + b"\n" if lines else _with_id(_nested(62))
    )  # 65 deep either way
    where = "line 2" if lines else r"\$\.events\[0\]"
    with pytest.raises(LimitExceeded, match=f"{where} is nested more than 64 levels deep"):
        ml.loads(deep)
    with pytest.raises(ml.CodecError):  # within the limit: the decoder says what is wrong
        ml.loads(deep, limits=Limits(max_depth=65))


def test_max_depth_beyond_what_the_parser_reads() -> None:
    with pytest.raises(LimitExceeded, match="nested more than 1024 levels deep") as caught:
        ml.loads(_with_id(_nested(5000)))
    assert caught.value.limit == "max_depth"


def test_max_depth_near_the_parsers_own_is_an_error_not_a_crash() -> None:
    """Values nested a thousand deep cannot be shown in a message; the error says so."""
    doc = b'{"schema_version":2,"events":[{"type":' + _nested(1020) + b"}]}"
    with pytest.raises(LedgerError, match="nested too deeply to be read"):
        ml.loads(doc, limits=Limits(max_depth=JSON_MAX_DEPTH))


def test_max_depth_below_a_ledgers_own_checks_every_input() -> None:
    """A ledger with line-ups nests 6 deep; lower limits walk even valid documents."""
    assert ml.loads(SEED, limits=Limits(max_depth=6)) == ml.load_example()
    with pytest.raises(LimitExceeded, match="nested more than 5 levels deep"):
        ml.loads(SEED, limits=Limits(max_depth=5))
    with pytest.raises(LimitExceeded, match="line 3 is nested more than 3 levels deep"):
        ml.loads(SEED_LINES, limits=Limits(max_depth=3))


def test_max_depth_provider_files(tmp_path: Path) -> None:
    path = tmp_path / "match.json"
    path.write_bytes(b'{"events": ' + _nested(100) + b"}")
    with pytest.raises(LimitExceeded, match=r"match\.json is nested more than 64 levels"):
        read_event_files("wyscout", [path])
    path.write_bytes(b'{"events": ' + _nested(2000) + b"}")
    with pytest.raises(LimitExceeded, match="more than 1024 levels"):
        read_event_files("wyscout", [path])


def test_max_depth_in_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(_with_id(_nested(100)))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is nested more than 64 levels deep, over the limit max_depth=64" in err


# --- max_string -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (_with_id(b'"' + b"x" * 10_001 + b'"'), r"\$\.events\[0\]"),
        (_with_id(b'"x","' + b"k" * 10_001 + b'":1'), r"\$\.events\[0\]"),
        (b'{"schema_version":"' + b"9" * 10_001 + b'"}', "line 1"),
        (b'{"schema_version":2}\n"' + b"x" * 10_001 + b'"\n', "line 2"),
    ],
    ids=["value", "key", "header", "line"],
)
def test_max_string_loads(data: bytes, where: str) -> None:
    with pytest.raises(LimitExceeded, match=f"{where} has a string of 10001 characters"):
        ml.loads(data)
    with pytest.raises(ml.CodecError):
        ml.loads(data, limits=Limits(max_string=10_001))


def test_max_string_counts_characters_not_bytes() -> None:
    data = _with_id(('"' + "é" * 6000 + '"').encode())  # 12,000 bytes, 6,000 characters
    with pytest.raises(ml.CodecError, match="longer than 200 characters"):
        ml.loads(data)


def test_max_string_below_a_ledgers_own_checks_every_input() -> None:
    """An event's reason may be 500 characters; lower limits walk even valid documents."""
    assert ml.loads(SEED, limits=Limits(max_string=500)) == ml.load_example()
    with pytest.raises(LimitExceeded, match="has a string of 40 characters"):
        ml.loads(SEED, limits=Limits(max_string=30))


def test_max_string_provider_files(tmp_path: Path) -> None:
    path = tmp_path / "match.json"
    path.write_bytes(orjson.dumps({"events": [], "teams": "x" * 20_000}))
    with pytest.raises(LimitExceeded, match="has a string of 20000 characters"):
        read_event_files("wyscout", [path])


# --- max_events -------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [SEED, SEED_LINES], ids=["document", "lines"])
def test_max_events(data: bytes) -> None:
    assert len(ml.loads(data, limits=Limits(max_events=EVENTS))) == EVENTS
    with pytest.raises(LimitExceeded, match=f"input has {EVENTS} events") as caught:
        ml.loads(data, limits=Limits(max_events=EVENTS - 1))
    assert caught.value.value == EVENTS


def test_max_events_counts_events_not_braces() -> None:
    """Line-ups hold many objects; only the events count."""
    assert SEED.count(b"{") > 3 * EVENTS
    assert len(ml.loads(SEED, limits=Limits(max_events=EVENTS))) == EVENTS


def test_max_events_refuses_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"schema_version":2,"events":[' + b"{}," * 100_000 + b"{}]}"

    def never(*_: object) -> None:
        raise AssertionError("decoded")

    monkeypatch.setattr("matchledger.codec._loads_document", never)
    with pytest.raises(LimitExceeded, match="input has 100001 events"):
        ml.loads(data, limits=Limits(max_events=1000))


# --- max_rows and max_line --------------------------------------------------------------------


def test_max_rows(tmp_path: Path) -> None:
    path = tmp_path / "england.csv"
    rows = [ES_ROW.replace("Derby County", f"Team {n}") for n in range(10)]
    path.write_text(ES_HEADER + "".join(rows), encoding="utf-8")
    assert len(read_results_csv(path, limits=Limits(max_rows=10))) == 20
    with pytest.raises(LimitExceeded, match=r"england\.csv has more than 9 rows"):
        read_results_csv(path, limits=Limits(max_rows=9))
    deductions = tmp_path / "deductions.csv"
    deductions.write_text(DEDUCTIONS + DEDUCTIONS.partition("\n")[2], encoding="utf-8")
    assert len(read_deductions_csv(deductions, limits=Limits(max_rows=2))) == 2
    with pytest.raises(LimitExceeded, match="max_rows=1"):
        read_deductions_csv(deductions, limits=Limits(max_rows=1))


def test_max_line(tmp_path: Path) -> None:
    path = tmp_path / "england.csv"
    path.write_text(ES_HEADER + ES_ROW + ES_ROW.replace("Bolton", "B" * 100), encoding="utf-8")
    assert len(read_results_csv(path, limits=Limits(max_line=200))) == 4
    with pytest.raises(LimitExceeded, match=r"england\.csv, line 3 is 15\d characters long"):
        read_results_csv(path, limits=Limits(max_line=100))
    deductions = tmp_path / "deductions.csv"
    deductions.write_text(DEDUCTIONS, encoding="utf-8")
    with pytest.raises(LimitExceeded, match="line 1 is 44 characters long"):
        read_deductions_csv(deductions, limits=Limits(max_line=40))


# --- what they cost ---------------------------------------------------------------------------


def test_a_valid_document_is_never_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the fast path the limits are a size check and, for big inputs, a count of braces."""

    def never(*_: object, **__: object) -> None:
        raise AssertionError("walked")

    monkeypatch.setattr(limits_module, "_walk", never)
    monkeypatch.setattr(limits_module, "_count_events", never)
    assert ml.loads(SEED) == ml.load_example()
    assert ml.loads(SEED_LINES) == ml.load_example()


def test_limits_below_a_ledgers_own_let_a_document_within_them_through() -> None:
    """Walked first, and found within the bounds: the document is decoded as usual."""
    assert ml.loads(SEED, limits=Limits(max_string=499)) == ml.load_example()
    assert ml.loads(SEED_LINES, limits=Limits(max_depth=5)) == ml.load_example()


def test_max_events_of_a_document_that_is_not_json_is_the_decoders_to_say() -> None:
    data = b'{"schema_version":2,"events":[' + b"{}," * 100 + b"{}"  # cut short
    with pytest.raises(ml.CodecError, match="is not valid JSON"):
        ml.loads(data, limits=Limits(max_events=3))
