"""JSON and JSON Lines: lossless round trips, and one clear error for any damage."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

import matchledger as ml
from matchledger import CodecError, EventRejected, LedgerError

EXAMPLE = ml.load_example()
DOC: dict[str, Any] = orjson.loads(ml.dumps(EXAMPLE))


def damaged(change: Callable[[dict[str, Any]], object]) -> bytes:
    doc = copy.deepcopy(DOC)
    change(doc)
    return orjson.dumps(doc)


def test_round_trip_document_and_lines() -> None:
    """The example survives both layouts unchanged."""
    assert ml.loads(ml.dumps(EXAMPLE)) == EXAMPLE
    assert ml.loads(ml.dumps(EXAMPLE, lines=True), lines=True) == EXAMPLE
    assert ml.loads(ml.dumps(EXAMPLE, lines=True)) == EXAMPLE  # told by content
    assert ml.loads(ml.dumps(EXAMPLE).decode()) == EXAMPLE  # str works too


def test_dump_and_load_choose_the_layout_by_suffix(tmp_path: Path) -> None:
    """.json is a document, .jsonl JSON Lines; both load back equal."""
    for name in ("m.json", "m.jsonl", "m.ndjson"):
        path = tmp_path / name
        ml.dump(EXAMPLE, path)
        assert ml.load(path) == EXAMPLE
    assert (tmp_path / "m.json").read_bytes().startswith(b'{"schema_version":2,"events":[')
    first, *rest = (tmp_path / "m.jsonl").read_bytes().splitlines()
    assert orjson.loads(first) == {"schema_version": 2}
    assert len(rest) == len(EXAMPLE)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_documents_carry_the_schema_version_and_type_tags() -> None:
    """Every document names its schema version; every event its type, first."""
    assert DOC["schema_version"] == ml.SCHEMA_VERSION == 2
    assert [next(iter(e)) for e in DOC["events"]] == ["type"] * len(EXAMPLE)
    assert {e["type"] for e in DOC["events"]} <= set(ml.codec.TAGS.values())
    assert DOC["events"][4]["type"] == "shot_taken"


def test_accents_and_timezones_survive() -> None:
    """Names keep their accents; the kick-off keeps its instant and offset."""
    text = ml.dumps(EXAMPLE).decode()
    assert "Lautaro Martínez" in text
    assert "2020-01-11T20:45:00+01:00" in text
    kickoff = ml.loads(text).schedule(ml.EXAMPLE_MATCH_ID).kickoff
    assert kickoff.utcoffset() is not None
    assert kickoff.isoformat() == "2020-01-11T20:45:00+01:00"


UNDATED = ml.Ledger(
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
        ml.ResultRecorded(event_id="r", match_id="m", home_goals=1, away_goals=1),
    ]
)


def test_a_match_with_no_date_round_trips() -> None:
    """No kick-off: nothing written for it, and the ledger reads back equal in both layouts."""
    assert UNDATED.schedule("m").kickoff is None
    assert ml.loads(ml.dumps(UNDATED)) == UNDATED
    assert ml.loads(ml.dumps(UNDATED, lines=True)) == UNDATED
    doc = orjson.loads(ml.dumps(UNDATED))
    assert "kickoff" not in doc["events"][0]
    doc["events"][0]["kickoff"] = None  # written by hand or by another tool
    assert ml.loads(orjson.dumps(doc)) == UNDATED


def test_both_converters_read_a_missing_or_null_kickoff() -> None:
    """The fast converter and the one that diagnoses errors agree on an unknown kick-off."""
    row = orjson.loads(ml.dumps(UNDATED, lines=True).splitlines()[1])
    body = {k: v for k, v in row.items() if k != "type"}
    for converter in (ml.codec._CONVERTER, ml.codec._DETAILED):
        for fields in (body, body | {"kickoff": None}):
            assert converter.structure(fields, ml.MatchScheduled) == UNDATED[0]


def test_an_undated_schedule_with_a_bad_field_names_that_field() -> None:
    """The diagnosis of a broken undated schedule is about what is broken, not the date."""
    doc = orjson.loads(ml.dumps(UNDATED))
    doc["events"][0]["venue"] = 3
    with pytest.raises(CodecError, match=r"\('s'\): venue must be a string or None"):
        ml.loads(orjson.dumps(doc))


def test_a_known_kickoff_keeps_its_place_in_the_file() -> None:
    """The kick-off is written right after the season, as files have always had it."""
    assert list(DOC["events"][0])[:7] == [
        "type",
        "event_id",
        "match_id",
        "competition",
        "season",
        "kickoff",
        "home",
    ]


# --- damage -------------------------------------------------------------------------------

BROKEN: list[tuple[str, bytes, type[LedgerError], str]] = [
    ("empty", b"", CodecError, "document: is not valid JSON"),
    ("garbage", b"\x00\xff\xfegarbage", CodecError, "is not valid JSON"),
    ("a list", b"[]", CodecError, "document: must be a JSON object, got a list"),
    ("no version", b'{"events": []}', CodecError, "schema_version is missing"),
    (
        "text version",
        b'{"schema_version": "1", "events": []}',
        CodecError,
        "schema_version must be a positive integer",
    ),
    (
        "future version",
        b'{"schema_version": 7, "events": []}',
        CodecError,
        "newer than this matchledger reads",
    ),
    ("no events", b'{"schema_version": 1}', CodecError, "events is missing"),
    ("extra key", b'{"schema_version": 1, "events": [], "x": 1}', CodecError, "unknown keys"),
    (
        "events not a list",
        b'{"schema_version": 1, "events": {}}',
        CodecError,
        "$.events: must be a list",
    ),
    (
        "unknown type",
        damaged(lambda d: d["events"][3].update(type="goal_celebrated")),
        CodecError,
        "$.events[3] ('ia-004'): type 'goal_celebrated' is not an event type",
    ),
    (
        "missing type",
        damaged(lambda d: d["events"][3].pop("type")),
        CodecError,
        "$.events[3] ('ia-004'): type is missing",
    ),
    (
        "missing field",
        damaged(lambda d: d["events"][4].pop("player")),
        CodecError,
        "$.events[4] ('ia-005'): player is missing",
    ),
    (
        "extra field",
        damaged(lambda d: d["events"][4].update(colour="red")),
        CodecError,
        "unknown fields ['colour']",
    ),
    (
        "wrong type",
        damaged(lambda d: d["events"][4]["at"].update(minute="4")),
        CodecError,
        "$.events[4] ('ia-005'): at.minute must be an integer, got '4' (str)",
    ),
    (
        "float minute",
        damaged(lambda d: d["events"][4]["at"].update(minute=4.0)),
        CodecError,
        "at.minute must be an integer",
    ),
    (
        "bool for int",
        damaged(lambda d: d["events"][4]["at"].update(minute=True)),
        CodecError,
        "at.minute must be an integer",
    ),
    (
        "player extra key",
        damaged(lambda d: d["events"][4]["player"].update(age=22)),
        CodecError,
        "$.events[4] ('ia-005'): player has unknown fields ['age']",
    ),
    (
        "player name number",
        damaged(lambda d: d["events"][4]["player"].update(name=5)),
        CodecError,
        "player.name must be a string, got 5 (int)",
    ),
    (
        "team not object",
        damaged(lambda d: d["events"][0].update(home="Inter")),
        CodecError,
        "home must be a JSON object, got a string",
    ),
    (
        "bad enum",
        damaged(lambda d: d["events"][4].update(outcome="banana")),
        CodecError,
        "outcome must be one of 'goal'",
    ),
    (
        "null id",
        damaged(lambda d: d["events"][4].update(event_id=None)),
        CodecError,
        "$.events[4]: event_id must be a string, got None",
    ),
    (
        "empty id",
        damaged(lambda d: d["events"][4].update(event_id="")),
        CodecError,
        "event_id must not be empty",
    ),
    (
        "naive kickoff",
        damaged(lambda d: d["events"][0].update(kickoff="2020-01-11T20:45:00")),
        CodecError,
        "kickoff must be timezone-aware",
    ),
    (
        "bad kickoff",
        damaged(lambda d: d["events"][0].update(kickoff="yesterday")),
        CodecError,
        "kickoff must be an ISO 8601 date-time string",
    ),
    (
        "nested wrong",
        damaged(lambda d: d["events"][1]["starters"][2].update(shirt_number=-3)),
        CodecError,
        "starters[2].shirt_number must be at least 0, got -3",
    ),
    (
        "list not object",
        damaged(lambda d: d["events"][1].update(starters=[1])),
        CodecError,
        "starters[0] must be a JSON object, got a number",
    ),
    (
        "object not list",
        damaged(lambda d: d["events"][1].update(starters="x")),
        CodecError,
        "starters must be a list, got a string",
    ),
    (
        "event not object",
        damaged(lambda d: d["events"].__setitem__(3, 7)),
        CodecError,
        "$.events[3]: must be a JSON object, got a number",
    ),
    (
        "invalid value",
        damaged(lambda d: d["events"][4].update(at={"minute": 4, "added": 2})),
        CodecError,
        "at.added is only allowed after minute 45, 90, 105 or 120",
    ),
    (
        "duplicate id",
        damaged(lambda d: d["events"][5].update(event_id="ia-004")),
        EventRejected,
        "event #5 ('ia-004'): event_id is already used by event #3",
    ),
    (
        "unscheduled",
        damaged(lambda d: d["events"].pop(0)),
        EventRejected,
        "event #0 ('ia-002'): match_id",
    ),
    (
        "bad sequence",
        damaged(lambda d: d["events"].insert(3, d["events"][-1] | {"event_id": "x"})),
        EventRejected,
        "play",
    ),
]


@pytest.mark.parametrize(
    ("data", "error", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_damaged_documents_raise_one_clear_error(
    data: bytes, error: type[LedgerError], words: str
) -> None:
    """Each kind of damage raises a LedgerError saying where, which field and why."""
    with pytest.raises(error) as info:
        ml.loads(data, lines=False)
    message = str(info.value)
    if words != "play":
        assert words in message, message
    assert "\n" not in message
    assert "Traceback" not in message


def accepted_or_clear_error(data: bytes) -> bool:
    """Decode; anything accepted must round-trip, anything refused is one LedgerError line."""
    try:
        ledger = ml.loads(data)
    except LedgerError as exc:
        message = str(exc)
    else:
        assert ml.loads(ml.dumps(ledger)) == ledger
        return True
    assert message
    assert "\n" not in message
    return False


def test_every_field_dropped_or_retyped_gives_a_ledger_error() -> None:
    """No cattrs, KeyError or TypeError escapes for any field of the example dropped or retyped."""
    refused = 0
    tried = 0
    for index, event in enumerate(DOC["events"]):
        for key in event:
            if key == "type":
                continue
            for replacement in (None, 12345, "x", [], {}, True, -1, 1.5):
                tried += 1
                data = damaged(
                    lambda d, i=index, k=key, r=replacement: d["events"][i].update({k: r})
                )
                refused += not accepted_or_clear_error(data)
            tried += 1
            refused += not accepted_or_clear_error(
                damaged(lambda d, i=index, k=key: d["events"][i].pop(k))
            )
    # most damage is refused; what is accepted (e.g. a null optional field) round-tripped
    assert refused > tried * 0.8, (refused, tried)


def test_truncation_at_every_position_is_a_clear_error() -> None:
    """A document cut anywhere gives a CodecError, never another exception."""
    data = ml.dumps(EXAMPLE.as_of(6))
    for cut in range(len(data) - 2):
        with pytest.raises(LedgerError):
            ml.loads(data[:cut])


def test_json_lines_errors_name_the_line() -> None:
    """In JSON Lines, errors name the line number."""
    lines = ml.dumps(EXAMPLE, lines=True).split(b"\n")
    bad = b"\n".join([*lines[:5], b'{"type": "shot_taken"', *lines[6:]])
    with pytest.raises(CodecError, match=r"^line 6: is not valid JSON"):
        ml.loads(bad, lines=True)
    bad = b"\n".join([*lines[:5], orjson.dumps({"type": "nope"}), *lines[6:]])
    with pytest.raises(CodecError, match=r"^line 6: type 'nope' is not an event type"):
        ml.loads(bad, lines=True)
    dup = b"\n".join([*lines[:5], lines[3], *lines[6:]])
    with pytest.raises(EventRejected, match=r"already used by event #2 \(at line 6\)"):
        ml.loads(dup, lines=True)
    with pytest.raises(CodecError, match="line 1: schema_version is missing"):
        ml.loads(b"\n".join(lines[1:]), lines=True)
    with pytest.raises(CodecError, match="empty file"):
        ml.loads(b"\n\n", lines=True)
    with pytest.raises(CodecError, match="header has unknown keys"):
        ml.loads(b'{"schema_version": 1, "x": 2}\n', lines=True)


def test_loads_refuses_other_input_types() -> None:
    """Only bytes and str are decoded."""
    with pytest.raises(CodecError, match="must be bytes or str"):
        ml.loads(12)  # type: ignore[arg-type]


def test_load_reports_missing_files_as_os_errors(tmp_path: Path) -> None:
    """A missing file is an OSError (the CLI turns it into one line)."""
    with pytest.raises(FileNotFoundError):
        ml.load(tmp_path / "nope.json")


def test_dump_creates_files_readable_like_open_would(tmp_path: Path) -> None:
    """A new file gets the mode a plain open() gives it; an existing file keeps its own."""
    mask = os.umask(0o022)
    try:
        path = tmp_path / "new.json"
        ml.dump(EXAMPLE, path)
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o600)
        ml.dump(EXAMPLE, path)
        assert path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(mask)
