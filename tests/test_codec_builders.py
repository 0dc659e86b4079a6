"""The codec built afresh: its converters, decoders and encoders made again in the test.

The codec builds them once, when it is imported: two cattrs converters with their hooks
(one fast, one that words errors), a generated function per event type that decodes it,
and one that encodes it. Every other test uses those built at import. Here, the same
builders build new ones, which are put in their place for the test, and the codec's
own tests run against them: every event round-trips, is written byte for byte as the
converter writes it, and every damaged input is refused with the same clear error. So
a change to a builder shows in the test that exercises it, as mutation testing needs
(it changes the code only after the import; see docs/mutation-testing.md).
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest

import matchledger as ml
import test_codec
import test_codec_fast
from matchledger import Event, codec
from matchledger._example import load_serie_a_2019_20
from matchledger.errors import LedgerError


@pytest.fixture
def built_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """The codec's converters, decoders and encoders replaced by ones built now."""
    fast = codec._make_converter(detailed=False)
    monkeypatch.setattr(codec, "_CONVERTER", fast)
    monkeypatch.setattr(codec, "_DETAILED", codec._make_converter(detailed=True))
    monkeypatch.setattr(codec, "_unstructure_event", fast.get_unstructure_hook(Event))
    monkeypatch.setattr(codec, "_structure_events", fast.get_structure_hook(list[Event]))
    monkeypatch.setattr(codec, "_DECODERS", codec._decoders())
    monkeypatch.setattr(codec, "_ENCODERS", codec._encoders())


def _slow_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document decoded by the converters: the generated decoders give up."""
    monkeypatch.setattr(codec, "_decode_fast", lambda _raw: None)


pytestmark = pytest.mark.usefixtures("built_afresh")


def test_every_event_type_has_a_decoder() -> None:
    test_codec_fast.test_every_event_type_has_a_generated_decoder()


def test_valid_events_decode_to_equal_events() -> None:
    test_codec_fast.test_fast_equals_the_converter_on_valid_events()
    test_codec_fast.test_fast_equals_the_converter_on_whole_ledgers()
    test_codec_fast.test_the_seed_match_and_the_packaged_season_decode_fast_and_equal()


def test_the_decoders_refuse_what_the_converter_refuses() -> None:
    test_codec_fast.test_fast_gives_up_wherever_the_converter_refuses()
    for bad in ([], "x", 4, None, {"type": "nope"}, {"type": []}):
        test_codec_fast.test_fast_gives_up_on_things_that_are_not_events(bad)


def test_events_are_written_byte_for_byte_as_before() -> None:
    test_codec_fast.test_each_event_is_written_byte_for_byte_as_the_converter_writes_it()
    test_codec_fast.test_documents_are_written_byte_for_byte_as_before()


def test_the_packaged_season_round_trips_to_the_same_bytes() -> None:
    season = load_serie_a_2019_20()
    for lines in (False, True):
        data = ml.dumps(season, lines=lines)
        assert ml.loads(data) == season
        assert ml.dumps(ml.loads(data), lines=lines) == data


def test_the_example_file_reads_as_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed match, by the decoders and again by the converters alone."""
    data = ml.dumps(ml.load_example())
    assert ml.loads(data) == ml.load_example()
    _slow_only(monkeypatch)
    assert ml.loads(data) == ml.load_example()
    assert ml.dumps(ml.loads(data)) == data


def test_the_undated_schedule_keeps_its_layout() -> None:
    test_codec.test_a_match_with_no_date_round_trips()
    test_codec.test_both_converters_read_a_missing_or_null_kickoff()
    test_codec.test_an_undated_schedule_with_a_bad_field_names_that_field()
    test_codec.test_a_known_kickoff_keeps_its_place_in_the_file()


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [b[1:] for b in test_codec.BROKEN],
    ids=[b[0] for b in test_codec.BROKEN],
)
def test_damaged_documents_raise_the_same_clear_error(
    data: bytes, error: type[LedgerError], words: str
) -> None:
    test_codec.test_damaged_documents_raise_one_clear_error(data, error, words)


def test_every_field_dropped_or_retyped_is_refused_as_before() -> None:
    test_codec.test_every_field_dropped_or_retyped_gives_a_ledger_error()


def test_shared_values_are_equal_to_decoded_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Players, teams, scores, times and lineup entries met again are shared, and equal:
    the same values, read by the decoders, then by the converters alone."""
    ledger = load_serie_a_2019_20()
    raw = [orjson.loads(codec.encode_event(e)) for e in ledger]
    twice = raw + [{**item, "event_id": f"again-{i}"} for i, item in enumerate(raw)]
    for decoded in (
        codec._decode_fast(twice),
        codec._structure_slow(twice, lambda i: f"$.events[{i}]"),
    ):
        assert decoded is not None
        first, second = decoded[: len(raw)], decoded[len(raw) :]
        assert first == list(ledger)
        for a, b in zip(first, second, strict=True):
            assert type(a) is type(b)
            for field in ("home", "away", "player", "team", "at", "result", "score"):
                if hasattr(a, field):
                    assert getattr(a, field) == getattr(b, field)
    _slow_only(monkeypatch)
    assert ml.loads(ml.dumps(ledger)) == ledger


@pytest.mark.parametrize(
    "value",
    [
        {"player_id": "p", "name": "P", "extra": 1},  # an extra key
        {"player_id": 4, "name": "P"},  # a number for a name
        {"player_id": "p"},  # a key missing
        [],  # not an object
    ],
)
def test_a_bad_player_is_refused_after_a_good_one(value: Any) -> None:
    """The sharing of players looks a value up only when it is exactly a player."""
    good = orjson.loads(codec.encode_event(_card()))
    bad = {**good, "event_id": "c2", "player": value}
    assert codec._decode_fast([good, bad]) is None
    with pytest.raises(LedgerError, match="player"):
        codec._structure_slow([good, bad], lambda i: f"$.events[{i}]")


@pytest.mark.parametrize(
    "at",
    [
        {"minute": 4.0},
        {"minute": True},
        {"minute": 4, "added": 1.0},
        {"minute": 4, "second": "0"},
        {"minute": 4, "extra": 0},
        {"minute": -4},
    ],
)
def test_a_bad_time_is_refused_after_a_good_one(at: Any) -> None:
    """Times are shared only when they are exactly a time: 4.0 and true are not 4."""
    good = orjson.loads(codec.encode_event(_card()))
    bad = {**good, "event_id": "c2", "at": at}
    assert codec._decode_fast([good, bad]) is None
    with pytest.raises(LedgerError, match="at"):
        codec._structure_slow([good, bad], lambda i: f"$.events[{i}]")


def _card() -> ml.CardShown:
    return ml.CardShown(
        event_id="c1",
        match_id="m",
        team="t",
        at=ml.MatchTime(minute=4),
        player=ml.Player(player_id="p", name="P"),
        card=ml.Card.YELLOW,
    )


# --- what the codec settles while it is imported ----------------------------------------------


def test_tags_are_the_class_names_in_snake_case() -> None:
    assert codec._snake("MatchScheduled") == "match_scheduled"
    assert codec._snake("VARReview") == "v_a_r_review"  # one underscore per capital
    assert codec._snake("Team") == "team"
    assert {cls: codec._snake(cls.__name__) for cls in ml.EVENT_TYPES} == codec.TAGS
    assert codec.TAGS[ml.ShootoutKickTaken] == "shootout_kick_taken"


def test_an_upcaster_is_registered_once_per_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "_UPCASTERS", dict(codec._UPCASTERS))

    def step(event: dict[str, Any]) -> dict[str, Any]:
        return {**event, "upgraded": True}

    assert codec.register_upcaster(99)(step) is step
    assert codec.upcasters()[99] is step
    with pytest.raises(ValueError, match=r"^an upcaster from schema 99 is already registered$"):
        codec.register_upcaster(99)(step)
    assert codec.upcasters()[99] is step  # the first one stays


@pytest.mark.parametrize("effective", ["2020-01-11T00:00:00", "2020-13-01", "11/01/2020", 20200111])
def test_a_deduction_date_that_is_not_a_date_names_the_field(effective: Any) -> None:
    deduction = {
        "type": "points_deducted",
        "event_id": "d",
        "competition": "League",
        "season": "2019-20",
        "team": "t",
        "points": 3,
        "effective": effective,
    }
    data = orjson.dumps({"schema_version": codec.SCHEMA_VERSION, "events": [deduction]})
    with pytest.raises(ml.CodecError) as info:
        ml.loads(data)
    message = str(info.value)
    assert "effective" in message
    assert f"must be an ISO 8601 date string such as '2020-01-11', got {effective!r}" in message
