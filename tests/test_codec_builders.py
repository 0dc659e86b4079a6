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


_SHARED = ("home", "away", "player", "assist", "player_off", "player_on", "half_time", "full_time")


def _shared_pairs(a: Any, b: Any, *, fast: bool) -> list[tuple[Any, Any]]:
    """The values of two equal events that the decoding shares: each pair is one object."""
    pairs = [(getattr(a, f), getattr(b, f)) for f in _SHARED if getattr(a, f, None) is not None]
    at = getattr(a, "at", None)
    if at is not None and (fast or (at.added == 0 and at.second is None)):
        pairs.append((at, b.at))  # the converters share plain minutes only
    if fast and isinstance(a, ml.LineupAnnounced):
        pairs += zip(a.starters + a.bench, b.starters + b.bench, strict=True)
    return pairs


@pytest.mark.parametrize("fast", [True, False], ids=["decoders", "converters"])
def test_values_met_again_are_shared(fast: bool) -> None:
    """Players, teams, scores, times (and, by the decoders, lineup entries) met again
    are one object each, as a loaded ledger's memory relies on; and equal to the first."""
    events = [*ml.load_example(), *load_serie_a_2019_20()]
    raw = [orjson.loads(codec.encode_event(e)) for e in events]
    twice = raw + [{**item, "event_id": f"again-{i}"} for i, item in enumerate(raw)]
    decoded = (
        codec._decode_fast(twice)
        if fast
        else codec._structure_slow(twice, lambda i: f"$.events[{i}]")
    )
    assert decoded is not None
    first, second = decoded[: len(raw)], decoded[len(raw) :]
    assert first == events
    shared = 0
    for a, b in zip(first, second, strict=True):
        assert type(a) is type(b)
        for mine, again in _shared_pairs(a, b, fast=fast):
            assert mine is again, (a, mine)
            shared += 1
    assert shared > len(events)  # every match's teams at least


def test_the_converters_alone_read_a_season_as_the_decoders_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    season = load_serie_a_2019_20()
    _slow_only(monkeypatch)
    assert ml.loads(ml.dumps(season)) == season


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


# --- the words of each refusal ----------------------------------------------------------------


def _document(*events: dict[str, Any]) -> bytes:
    return orjson.dumps({"schema_version": codec.SCHEMA_VERSION, "events": list(events)})


def _card_raw(**changes: Any) -> dict[str, Any]:
    return {**orjson.loads(codec.encode_event(_card())), **changes}


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"card": "pink"}, "card must be one of 'yellow', 'second_yellow', 'red', got 'pink'"),
        ({"player": {"player_id": "p", "name": 4}}, "player.name must be a string, got 4 (int)"),
    ],
    ids=["an enum", "a nested value"],
)
def test_a_bad_value_is_named_by_its_path(changes: dict[str, Any], words: str) -> None:
    with pytest.raises(ml.CodecError) as info:
        ml.loads(_document(_card_raw(**changes)))
    assert str(info.value) == f"$.events[0] ('c1'): {words}"


def test_a_kickoff_that_is_not_a_date_time_shows_one() -> None:
    schedule = orjson.loads(codec.encode_event(ml.load_example()[0]))
    with pytest.raises(ml.CodecError) as info:
        ml.loads(_document({**schedule, "kickoff": "tonight"}))
    assert str(info.value) == (
        "$.events[0] ('ia-001'): kickoff must be an ISO 8601 date-time string such as "
        "'2020-01-11T20:45:00+01:00', got 'tonight'"
    )


def test_what_is_not_text_is_refused_as_input() -> None:
    with pytest.raises(ml.CodecError) as info:
        ml.loads(4)  # type: ignore[arg-type]
    assert (info.value.where, info.value.reason) == ("input", "must be bytes or str, got int")


def test_a_document_nested_too_deeply_says_where_and_which_limit() -> None:
    nested = b"[" * 2000 + b"]" * 2000
    for data, lines, where in (
        (b'{"schema_version": 2, "events": ' + nested + b"}", False, "document"),
        (b'{"schema_version": 2}\n' + nested, True, "line 2"),
    ):
        with pytest.raises(ml.LimitExceeded) as info:
            ml.loads(data, lines=lines)
        assert str(info.value) == (
            f"{where} is nested more than 1024 levels deep, over the limit max_depth=64; "
            "if you trust the input, raise it: limits=Limits(max_depth=...) (matchledger.limits)"
        )


def test_load_reads_by_the_suffix_in_any_case_and_keeps_the_limits(tmp_path: Any) -> None:
    ledger = ml.load_example()
    path = tmp_path / "match.JSONL"
    path.write_bytes(ml.dumps(ledger, lines=True))
    assert ml.load(path) == ledger
    with pytest.raises(ml.LimitExceeded) as info:
        ml.load(path, limits=ml.Limits(max_events=3))
    assert info.value.limit == "max_events"


def test_a_rejected_event_of_json_lines_keeps_its_hint() -> None:
    events = [orjson.loads(codec.encode_event(e)) for e in ml.load_example()]
    twice = [*events, events[-1]]  # the last event again: its id is taken
    data = b"\n".join(
        [orjson.dumps({"schema_version": codec.SCHEMA_VERSION}), *map(orjson.dumps, twice)]
    )
    with pytest.raises(ml.EventRejected) as info:
        ml.loads(data, lines=True)
    error = info.value
    assert error.index == len(events)
    assert error.reason.endswith(f"(at line {len(events) + 2})")
    assert error.hint


@pytest.mark.parametrize(
    ("changes", "where", "reason"),
    [
        ({"at": {"minute": -5}}, "$.events[0] ('c1')", "at.minute must be at least 0, got -5"),
        (
            {"at": {"minute": 50, "added": 3}},
            "$.events[0] ('c1')",
            "at.added is only allowed after minute 45, 90, 105 or 120, got 50+3",
        ),
        ({"event_id": ""}, "$.events[0]", "event_id must not be empty"),
    ],
    ids=["a value out of range", "a rule across fields", "an empty id"],
)
def test_a_value_its_class_refuses_is_diagnosed_in_one_line(
    changes: dict[str, Any], where: str, reason: str
) -> None:
    with pytest.raises(ml.CodecError) as info:
        ml.loads(_document(_card_raw(**changes)))
    assert (info.value.where, info.value.field, info.value.reason) == (where, "", reason)


def test_an_event_that_cannot_be_upgraded_is_named_with_its_schema() -> None:
    result = {
        "type": "result_recorded",
        "event_id": "r",
        "match_id": "m",
        "home_goals": 1,
        "away_goals": 0,
        "half_time_home": 1,  # its pair, half_time_away, is missing
    }
    data = orjson.dumps({"schema_version": 1, "events": [result]})
    for lines in (False, True):
        text = data if not lines else b'{"schema_version": 1}\n' + orjson.dumps(result)
        with pytest.raises(ml.CodecError) as info:
            ml.loads(text, lines=lines)
        assert info.value.where == ("$.events[0] ('r')" if not lines else "line 2 ('r')")
        assert info.value.reason == (
            "cannot be upgraded from schema 1: half_time_home and half_time_away come together"
        )
