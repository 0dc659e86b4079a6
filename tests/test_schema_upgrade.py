"""Files of schema version 1 load, upgraded, into the events of version 2.

Schema 2 changed ``ResultRecorded``: the pairs ``half_time_home``/``half_time_away``
and ``shootout_home``/``shootout_away`` became the scores ``half_time`` and
``shootout``, and ``full_time`` (the score after 90 minutes, when extra time followed)
is new.

The fixtures ``tests/fixtures/schema-v1.json`` and ``schema-v1.jsonl`` were written by
the schema-1 code, before the change, with ``matchledger.dump``: the packaged seed
match, followed by hand-made events so that every event type appears (a cup final with
a postponement, an own goal, a goal disallowed after a VAR review, a goal credited, a
card rescinded and extra time; a semi-final decided by a shootout; results known only
as scores, with and without half-time and shootout scores, after extra time or not; an
awarded result; a points deduction and two tie decisions). They must never be
rewritten: they are what old files look like.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest

import matchledger as ml
from matchledger import CodecError, ResultRecorded, Score
from matchledger.codec import decode_events, encode_event, register_upcaster, upcasters

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENT = FIXTURES / "schema-v1.json"
LINES = FIXTURES / "schema-v1.jsonl"


def raw_events() -> list[dict[str, Any]]:
    """The fixture's events as schema 1 wrote them."""
    doc = orjson.loads(DOCUMENT.read_bytes())
    assert doc["schema_version"] == 1
    events: list[dict[str, Any]] = doc["events"]
    return events


def test_the_fixtures_are_schema_1_files() -> None:
    """The fixtures are as schema 1 wrote them, and hold every event type."""
    assert orjson.loads(LINES.read_bytes().splitlines()[0]) == {"schema_version": 1}
    rows = [orjson.loads(line) for line in LINES.read_bytes().splitlines()[1:]]
    assert rows == raw_events()
    assert {e["type"] for e in rows} == set(ml.codec.TAGS.values())
    results = [e for e in rows if e["type"] == "result_recorded"]
    keys = {k for e in results for k in e}
    assert {"half_time_home", "half_time_away", "shootout_home", "shootout_away"} <= keys
    assert not keys & {"half_time", "full_time", "shootout"}
    # with and without half time, shootout and extra time
    for key in ("half_time_home", "shootout_home", "after_extra_time"):
        assert any(key in e for e in results)
        assert any(key not in e for e in results)


def test_both_layouts_load_to_the_same_ledger() -> None:
    """The document and the JSON Lines file load, as files and as bytes, to equal ledgers."""
    ledger = ml.load(DOCUMENT)
    assert len(ledger) == len(raw_events())
    assert ml.load(LINES) == ledger
    assert ml.loads(DOCUMENT.read_bytes()) == ml.loads(LINES.read_text(encoding="utf-8")) == ledger


def test_results_come_out_as_version_2_values_with_the_same_facts() -> None:
    """Each schema-1 result becomes a ResultRecorded with scores, and nothing is lost."""
    ledger = ml.load(DOCUMENT)
    results = [e for e in raw_events() if e["type"] == "result_recorded"]
    assert len(results) == 8
    for raw in results:
        event = ledger.get(raw["event_id"])
        assert isinstance(event, ResultRecorded)
        assert (event.match_id, event.home_goals, event.away_goals) == (
            raw["match_id"],
            raw["home_goals"],
            raw["away_goals"],
        )
        assert event.after_extra_time is raw.get("after_extra_time", False)
        for name in ("half_time", "shootout"):
            value = getattr(event, name)
            if f"{name}_home" in raw:
                assert value == Score(home=raw[f"{name}_home"], away=raw[f"{name}_away"])
                assert isinstance(value, Score)
            else:
                assert value is None
        assert event.full_time is None  # schema 1 could not say it


EXPECTED_RESULTS = [
    ResultRecorded(event_id="r-plain-r", match_id="r-plain", home_goals=0, away_goals=0),
    ResultRecorded(
        event_id="r-ht-r",
        match_id="r-ht",
        home_goals=2,
        away_goals=1,
        half_time=Score(home=0, away=1),
    ),
    ResultRecorded(
        event_id="r-aet-r", match_id="r-aet", home_goals=2, away_goals=2, after_extra_time=True
    ),
    ResultRecorded(
        event_id="r-aet-ht-r",
        match_id="r-aet-ht",
        home_goals=3,
        away_goals=2,
        half_time=Score(home=1, away=0),
        after_extra_time=True,
    ),
    ResultRecorded(
        event_id="r-aet-pens-r",
        match_id="r-aet-pens",
        home_goals=1,
        away_goals=1,
        after_extra_time=True,
        shootout=Score(home=4, away=3),
    ),
    ResultRecorded(
        event_id="r-all-r",
        match_id="r-all",
        home_goals=1,
        away_goals=1,
        half_time=Score(home=1, away=1),
        after_extra_time=True,
        shootout=Score(home=5, away=6),
    ),
    ResultRecorded(
        event_id="r-leg-pens-r",
        match_id="r-leg-pens",
        home_goals=0,
        away_goals=1,
        half_time=Score(home=0, away=0),
        shootout=Score(home=3, away=2),
    ),
    ResultRecorded(
        event_id="d-r",
        match_id="r-detailed",
        home_goals=0,
        away_goals=1,
        half_time=Score(home=0, away=1),
    ),
]


def test_the_upcast_of_every_event_is_what_version_2_writes() -> None:
    """Upgrading each schema-1 event gives exactly the JSON of the event the v2 code builds."""
    step = upcasters()[1]
    ledger = ml.load(DOCUMENT)
    raw = raw_events()
    for before, event in zip(raw, ledger, strict=True):
        snapshot = copy.deepcopy(before)
        after = step(before)
        assert before == snapshot  # the step does not change its input
        assert after == orjson.loads(encode_event(event)), before["event_id"]
        if before["type"] != "result_recorded":
            assert after is before  # every other event passes through unchanged
    # and the results are the events one builds by hand with the v2 fields
    assert [e for e in ledger if isinstance(e, ResultRecorded)] == EXPECTED_RESULTS
    assert decode_events([step(e) for e in raw]) == list(ledger)


def test_loading_then_dumping_writes_schema_2_that_loads_equal() -> None:
    """A schema-1 file loaded and dumped is a schema-2 file of the same ledger."""
    ledger = ml.load(DOCUMENT)
    document, lines = ml.dumps(ledger), ml.dumps(ledger, lines=True)
    assert orjson.loads(document)["schema_version"] == ml.SCHEMA_VERSION == 2
    assert orjson.loads(lines.splitlines()[0]) == {"schema_version": 2}
    assert ml.loads(document) == ml.loads(lines) == ledger
    written = [e for e in orjson.loads(document)["events"] if e["type"] == "result_recorded"]
    assert not {k for e in written for k in e} & {"half_time_home", "shootout_home"}
    assert written[1]["half_time"] == {"home": 0, "away": 1}


def test_the_facts_fold_as_they_did() -> None:
    """Scorelines of the upgraded results: half time, extra time and shootouts as given."""
    lines = ml.scores(ml.load(LINES))
    assert (
        str(lines["r-all"])
        == "Südstadt 1-1 East United (HT 1-1, after extra time, 5-6 on penalties)"
    )
    assert str(lines["r-leg-pens"]) == "West Athletic 0-1 North FC (HT 0-0, 3-2 on penalties)"
    aet = lines["r-aet-ht"]
    assert (aet.half_time, aet.full_time, aet.extra_time) == (
        Score(home=1, away=0),
        None,  # the 90-minute score was not in schema 1
        Score(home=3, away=2),
    )
    assert lines["r-ht"].full_time == Score(home=2, away=1)
    assert str(lines["final"]) == "North FC 1-3 Südstadt (HT 1-1, after extra time)"
    assert lines["final"].full_time == Score(home=1, away=2)
    assert lines["semi"].shootout == Score(home=1, away=0)


def test_decode_events_upgrades_from_the_version_given() -> None:
    """Rows of schema 1, as bytes, text or parsed objects, decode to version-2 events."""
    raw = raw_events()
    rows: list[bytes | str | dict[str, Any]] = [orjson.dumps(e) for e in raw]
    expected = list(ml.load(DOCUMENT))
    assert decode_events(rows, schema_version=1) == expected
    assert decode_events([r.decode() for r in rows if isinstance(r, bytes)], schema_version=1) == (
        expected
    )
    assert decode_events(copy.deepcopy(raw), schema_version=1) == expected
    # the same rows read as schema 2 are refused: the old fields are unknown there
    with pytest.raises(CodecError, match=r"unknown fields \['half_time_away', 'half_time_home'\]"):
        decode_events(rows, schema_version=2)


@pytest.mark.parametrize(
    "data",
    [
        b'{"schema_version": 3, "events": []}',
        b'{"schema_version": 3}\n',
    ],
    ids=["document", "lines"],
)
def test_a_newer_schema_is_refused_by_name(data: bytes) -> None:
    """A file of schema 3 gives a CodecError that names its version and ours."""
    with pytest.raises(
        CodecError, match=r"schema_version is 3, newer than this matchledger reads \(2\)"
    ):
        ml.loads(data)


def test_decode_events_refuses_a_newer_schema() -> None:
    """Rows said to be of a newer schema are refused, before any is read."""
    with pytest.raises(CodecError, match="schema_version is 3, newer"):
        decode_events([], schema_version=3)


def result_v1(**fields: object) -> bytes:
    schedule = next(e for e in raw_events() if e["match_id"] == "r-plain")
    result = {"type": "result_recorded", "event_id": "r", "match_id": "r-plain"}
    doc = {"schema_version": 1, "events": [schedule, result | fields]}
    return orjson.dumps(doc)


def test_damaged_schema_1_results_name_the_event() -> None:
    """A lone half of a pair, or a schema-2 field in a schema-1 file, names the event."""
    with pytest.raises(
        CodecError,
        match=r"\$\.events\[1\] \('r'\): cannot be upgraded from schema 1: "
        r"half_time_home and half_time_away come together",
    ):
        ml.loads(result_v1(home_goals=1, away_goals=0, half_time_home=1))
    with pytest.raises(CodecError, match=r"unknown fields \['full_time'\] for schema 1"):
        ml.loads(result_v1(home_goals=1, away_goals=0, full_time={"home": 1, "away": 0}))
    with pytest.raises(CodecError, match=r"shootout\.home must be at most 99"):
        ml.loads(result_v1(home_goals=1, away_goals=1, shootout_home=100, shootout_away=0))
    # nulls read as missing, in schema 1 as before
    nulls = result_v1(home_goals=1, away_goals=0, half_time_home=None, half_time_away=None)
    assert ml.loads(nulls)[1] == ResultRecorded(
        event_id="r", match_id="r-plain", home_goals=1, away_goals=0
    )


def test_one_step_per_version() -> None:
    """Exactly the step from 1 is registered; a second one from 1 is refused."""
    assert sorted(upcasters()) == list(range(1, ml.SCHEMA_VERSION)) == [1]
    with pytest.raises(ValueError, match="already registered"):
        register_upcaster(1)(lambda event: event)
    assert len(upcasters()) == 1
