"""Fuzzing the JSON readers: ``loads`` (a document, JSON Lines), ``load`` and ``decode_events``.

Every input either decodes, and then round-trips, or raises a ``LedgerError`` with a
one-line message, within the time bound (``fuzzing.SECONDS``). The inputs: valid
ledgers damaged by ``matchledger.strategies.corrupted_documents`` (structured and
byte-level changes), raw bytes and text, the seed match cut at every byte and with
every byte flipped, and hand-picked hostile values at every place of a document.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import matchledger as ml
from fuzzing import examples, only_ledger_errors
from matchledger.codec import decode_events
from matchledger.errors import CodecError, LedgerError, LimitExceeded
from matchledger.limits import _SCHEMA_DEPTH, Limits, _walk
from matchledger.strategies import corrupted_documents, ledgers, seasons

SEED = ml.dumps(ml.load_example())
SEED_LINES = ml.dumps(ml.load_example(), lines=True)
FIXTURES = Path(__file__).with_name("fixtures")
V1 = [(FIXTURES / name).read_bytes() for name in ("schema-v1.json", "schema-v1.jsonl")]

# the seed match, real files of an older schema and random ledgers, in both layouts
DOCUMENTS = st.one_of(
    st.sampled_from([SEED, SEED_LINES, *V1]),
    st.builds(ml.dumps, ledgers(max_matches=2), lines=st.booleans()),
    st.builds(ml.dumps, seasons(max_teams=4).map(ml.Ledger), lines=st.booleans()),
)


def _round_trips(ledger: ml.Ledger) -> None:
    assert ml.loads(ml.dumps(ledger)) == ledger
    assert ml.loads(ml.dumps(ledger, lines=True)) == ledger


def _check_loads(data: bytes | str, lines: bool | None = None) -> ml.Ledger | LedgerError:
    result = only_ledger_errors(ml.loads, data, lines=lines)
    if isinstance(result, ml.Ledger):
        _round_trips(result)
    return result


# --- damaged valid documents ----------------------------------------------------------------


@given(corrupted_documents(), st.sampled_from([None, True, False]))
def test_damaged_ledgers_decode_or_raise_a_ledger_error(data: bytes, lines: bool | None) -> None:
    _check_loads(data, lines)


@examples(0.5)
@given(corrupted_documents(DOCUMENTS, max_changes=5), st.sampled_from([None, True, False]))
def test_damaged_real_documents_decode_or_raise_a_ledger_error(
    data: bytes, lines: bool | None
) -> None:
    _check_loads(data, lines)


@examples(0.5)
@given(corrupted_documents(DOCUMENTS), st.sampled_from([".json", ".jsonl", ".ndjson", ".txt", ""]))
def test_load_reads_damaged_files_by_any_name(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"ledger{suffix}")
        path.write_bytes(data)
        result = only_ledger_errors(ml.load, path)
    if isinstance(result, ml.Ledger):
        _round_trips(result)


@examples(0.5)
@given(
    corrupted_documents(st.sampled_from([SEED_LINES, V1[1]])),
    st.sampled_from([1, 2]),
    st.booleans(),
)
def test_decode_events_takes_damaged_rows(data: bytes, version: int, as_text: bool) -> None:
    """``decode_events`` reads the stores' rows: each row alone, of a given schema."""
    rows: list[bytes | str] = [line for line in data.split(b"\n")[1:] if line.strip()]
    if as_text:  # as a store that reads text would hand them over
        rows = [row.decode("utf-8", "surrogateescape") for row in rows]  # type: ignore[union-attr]
    result = only_ledger_errors(decode_events, rows, schema_version=version)
    if not isinstance(result, LedgerError):
        assert all(isinstance(e, ml.Event) for e in result)


# --- raw input ------------------------------------------------------------------------------


@given(st.binary(max_size=2000), st.sampled_from([None, True, False]))
def test_any_bytes(data: bytes, lines: bool | None) -> None:
    _check_loads(data, lines)


@given(st.text(max_size=500) | st.text(st.characters(codec="utf-8"), max_size=500))
def test_any_text(data: str) -> None:
    _check_loads(data)


@given(
    st.sampled_from([SEED, SEED_LINES]).flatmap(
        lambda data: st.tuples(st.just(data), st.integers(0, len(data)))
    ),
    st.text(max_size=3),
)
def test_text_with_surrogates_and_odd_characters(seed: tuple[bytes, int], insert: str) -> None:
    data, at = seed
    text = data.decode()
    _check_loads(text[:at] + insert + "\ud800" * (len(insert) % 2) + text[at:])


# --- every byte -----------------------------------------------------------------------------


@pytest.mark.parametrize("data", [SEED, SEED_LINES], ids=["document", "lines"])
def test_cut_at_every_byte(data: bytes) -> None:
    """Each prefix of the seed match: refused with a LedgerError, or a prefix of its events."""
    events = ml.loads(data).events
    accepted = 0
    for end in range(len(data) + 1):
        result = only_ledger_errors(ml.loads, data[:end])
        if isinstance(result, ml.Ledger):
            accepted += 1
            assert result.events == events[: len(result)]
            _round_trips(result)
    if data is SEED_LINES:  # every whole line is a ledger, from the header on
        assert accepted > len(events)
    else:
        assert accepted == 2  # the whole document, and without its last newline


def _first_half() -> ml.Ledger:
    """The seed match's first half, its line-ups cut to the players who act in it (4 KB)."""
    events = ml.load_example().events
    first = [events[0], *events[3:15]]
    used = {
        value.player_id
        for event in first
        for value in (getattr(event, f.name) for f in attrs.fields(type(event)))
        if isinstance(value, ml.Player)
    }
    lineups = [
        attrs.evolve(
            e, starters=tuple(s for s in e.starters if s.player.player_id in used), bench=()
        )
        for e in events[1:3]
    ]
    return ml.Ledger([events[0], *lineups, *events[3:15]])


SMALL = _first_half()
# the long campaign flips every byte of the whole seed match to each of four values
THOROUGH = settings().max_examples >= 1000
FLIPPED = [SEED, SEED_LINES] if THOROUGH else [ml.dumps(SMALL), ml.dumps(SMALL, lines=True)]


@pytest.mark.parametrize("data", FLIPPED, ids=["document", "lines"])
def test_every_byte_flipped(data: bytes) -> None:
    """Each byte changed: to a space, a quote, a brace, a digit or with a bit inverted."""
    for at in range(len(data)):
        changes = (0x20, 0x22, 0x7B, 0x30, data[at] ^ 0x01)
        for new in changes if THOROUGH else changes[at % len(changes) : at % len(changes) + 1]:
            _check_loads(data[:at] + bytes([new]) + data[at + 1 :])


# --- hand-picked hostile values at each place ------------------------------------------------

HOSTILE = [
    b"NaN",
    b"Infinity",
    b"-Infinity",
    b"1e400",
    b"-1e400",
    b"9" * 5000,
    b"-" + b"9" * 30,
    b"18446744073709551616",
    b"1.5",
    b"-0",
    b"true",
    b"null",
    b'"\\ud800"',
    b'"\xff"',
    b'"' + b"x" * 20_000 + b'"',
    b"[" * 1023 + b"]" * 1023,
    b"[" * 1024 + b"]" * 1024,
    b"[" * 1025 + b"]" * 1025,
    b'{"a":' * 1000 + b"0" + b"}" * 1000,
    b"[" * 100_000,
    b"[" + b"0," * 100_000 + b"0]",
    b'{"' + b"k" * 20_000 + b'":1}',
]
# each place of a document a value can go: ``@`` stands for the hostile value
PLACES = [
    b"@",
    b'{"schema_version":@,"events":[]}',
    b'{"schema_version":2,"events":@}',
    b'{"schema_version":2,"events":[@]}',
    b'{"schema_version":2,"events":[],"extra":@}',
    b'{"schema_version":2,"events":[{"type":@,"event_id":"e","match_id":"m"}]}',
    b'{"schema_version":2,"events":[{"type":"match_ended","event_id":@,"match_id":"m"}]}',
    b'{"schema_version":2,"events":[{"type":"match_ended","event_id":"e","match_id":"m","x":@}]}',
    (
        b'{"schema_version":1,"events":[{"type":"result_recorded","event_id":"r","match_id":"m",'
        b'"home_goals":1,"away_goals":0,"half_time_home":@,"half_time_away":0}]}'
    ),
    b'{"schema_version":2}\n@',
    b"@\n" + SEED_LINES.partition(b"\n")[2],
    SEED.replace(b'"minute":4', b'"minute":@', 1),
    SEED.replace(b'"name":"Inter"', b'"name":@', 1),
    SEED.replace(b'"kickoff":"2020-01-11T20:45:00+01:00"', b'"kickoff":@', 1),
    SEED_LINES.replace(b'"player_id"', b'"player_id":@,"x"', 1),
]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:12]))
@pytest.mark.parametrize("place", range(len(PLACES)))
def test_hostile_values_at_every_place(place: int, value: bytes) -> None:
    data = PLACES[place].replace(b"@", value)
    for lines in (None, True, False):
        _check_loads(data, lines)


# --- regressions: the exact inputs the fuzzing found -------------------------------------------

DEEP = b"[" * 1020 + b"]" * 1020


@pytest.mark.parametrize(
    "data",
    [
        # a schema_version or an event type nested over 990 deep: their repr() in the
        # message raised RecursionError
        b'{"schema_version":' + DEEP + b"}",
        b'{"schema_version":2,"events":[{"type":' + DEEP + b"}]}",
    ],
    ids=["schema-version", "type"],
)
def test_deep_values_in_messages_are_a_depth_limit(data: bytes) -> None:
    with pytest.raises(LimitExceeded, match="max_depth=64"):
        ml.loads(data)


@pytest.mark.parametrize(
    "row",
    [
        # a row whose type, or a field, nests 1,000 deep: RecursionError in the message
        b'{"type":' + b"[" * 1000 + b"]" * 1000 + b"}",
        b'{"type":"match_ended","event_id":' + b"[" * 1000 + b"]" * 1000 + b',"match_id":"m"}',
    ],
    ids=["type", "field"],
)
def test_deep_rows_of_decode_events_are_a_depth_limit(row: bytes) -> None:
    with pytest.raises(LimitExceeded, match="row 1 is nested more than 64 levels deep"):
        decode_events([row])


@pytest.mark.parametrize("row", [None, [1], 5, True])
def test_parsed_rows_that_are_not_objects_are_a_codec_error(row: object) -> None:
    """A document's events handed over parsed, one of them null: AttributeError (.encode)."""
    with pytest.raises(CodecError, match="row 1: must be a JSON object"):
        decode_events([row])  # type: ignore[list-item]


def test_a_row_of_text_with_a_lone_surrogate_is_a_codec_error() -> None:
    """decode_events encoded text rows strictly: UnicodeEncodeError."""
    with pytest.raises(CodecError, match="row 1: is not valid JSON"):
        decode_events(['{"type":"match_ended","event_id":"\ud800","match_id":"m"}'])


def test_text_with_a_lone_surrogate_is_a_codec_error() -> None:
    """A str with a surrogate that surrogateescape cannot encode raised UnicodeEncodeError."""
    with pytest.raises(CodecError, match="is not valid text"):
        ml.loads('{"schema_version":2,"events":[]}\ud800')


def test_a_string_too_long_is_refused_before_its_message_is_shown() -> None:
    """A 10 MB event id made a 10 MB error message; now the string limit names it."""
    data = b'{"schema_version":2,"events":[{"type":"match_ended","event_id":"'
    data += b"x" * 10_000_000 + b'","match_id":"m"}]}'
    with pytest.raises(LimitExceeded, match=r"\$\.events\[0\] has a string of 10000000") as caught:
        ml.loads(data)
    assert len(str(caught.value)) < 300


def test_the_seed_documents_nest_as_the_depth_floor_says() -> None:
    """The limits skip the depth walk on the fast path because a ledger nests 6 deep."""
    doc = orjson.loads(SEED)
    assert _walk(doc, Limits(max_depth=_SCHEMA_DEPTH)) is None
    assert _walk(doc, Limits(max_depth=_SCHEMA_DEPTH - 1)) == ("max_depth", _SCHEMA_DEPTH)
