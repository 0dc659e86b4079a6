"""The generated decoders agree with the cattrs converter on every input.

``codec._decode_fast`` must build exactly the events the converter builds, and give up
(return ``None``) on anything the converter or the events' validators would refuse, so
the error then reads as it always has.
"""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchledger import Ledger, MatchScheduled, MatchStatus, MatchStatusChanged, Team, codec
from matchledger._example import load_example, load_serie_a_2019_20
from matchledger.errors import LedgerError
from matchledger.strategies import events, ledgers


def _raw(evs: list[Any]) -> list[Any]:
    return [orjson.loads(codec.encode_event(e)) for e in evs]


def _slow(raw: list[Any]) -> list[Any] | LedgerError:
    try:
        return codec._structure_slow(raw, lambda i: f"$.events[{i}]")
    except LedgerError as exc:
        return exc


def test_every_event_type_has_a_generated_decoder() -> None:
    # were one missing, every document holding that type would take the slow path
    assert set(codec._DECODERS) == set(codec.TAGS.values())


@settings(max_examples=300)
@given(st.lists(events(), max_size=8))
def test_fast_equals_the_converter_on_valid_events(evs: list[Any]) -> None:
    raw = _raw(evs)
    fast = codec._decode_fast(raw)
    assert fast is not None
    assert fast == evs
    assert [type(e) for e in fast] == [type(e) for e in evs]


@settings(max_examples=50)
@given(ledgers())
def test_fast_equals_the_converter_on_whole_ledgers(ledger: Any) -> None:
    raw = _raw(list(ledger))
    assert codec._decode_fast(raw) == list(ledger)


_ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    4.0,
    1e300,
    "",
    " ",
    "x" * 201,
    "goal",
    "2020-01-11",
    "2020-01-11T20:45:00",
    "2020-01-11T20:45:00+01:00",
    [],
    {},
    {"minute": 4},
    {"home": 1, "away": 1},
    {"team_id": "t", "name": "T"},
    {"player_id": "p", "name": "P"},
    [{"player_id": "p", "name": "P", "shirt": 1}],
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            out += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            out += _paths(inner, (*path, i))
    return out


def _mutate(value: Any, path: tuple[Any, ...], how: str, new: Any) -> Any:
    if not path:
        return new if how == "set" else value
    head, rest = path[0], path[1:]
    copy: Any = dict(value) if isinstance(value, dict) else list(value)
    if not rest and how == "drop":
        del copy[head]
    elif not rest and how == "extra" and isinstance(copy, dict):
        copy[head] = copy[head]
        copy["unexpected"] = new
    else:
        copy[head] = _mutate(copy[head], rest, how, new)
    return copy


@settings(max_examples=600)
@given(events(), st.data())
def test_fast_gives_up_wherever_the_converter_refuses(event: Any, data: st.DataObject) -> None:
    (raw,) = _raw([event])
    path = data.draw(st.sampled_from(_paths(raw)[1:]), label="path")
    how = data.draw(st.sampled_from(["set", "drop", "extra"]), label="how")
    new = data.draw(st.sampled_from(_ODD_VALUES), label="new")
    mutated = _mutate(raw, path, how, new)
    fast = codec._decode_fast([mutated])
    slow = _slow([mutated])
    if isinstance(slow, LedgerError):
        assert fast is None, f"fast decoder accepted what the converter refuses: {slow}"
    elif fast is not None:
        assert fast == slow


@pytest.mark.parametrize("bad", [[], "x", 4, None, {"type": "nope"}, {"type": []}])
def test_fast_gives_up_on_things_that_are_not_events(bad: Any) -> None:
    assert codec._decode_fast([bad]) is None


def test_the_seed_match_and_the_packaged_season_decode_fast_and_equal() -> None:
    for ledger in (load_example(), load_serie_a_2019_20()):
        raw = _raw(list(ledger))
        assert codec._decode_fast(raw) == list(ledger) == _slow(raw)


# --- writing ----------------------------------------------------------------------------


def _by_converter(event: Any) -> bytes:
    return orjson.dumps({"type": codec.TAGS[type(event)], **codec._unstructure_event(event)})


def _document_by_converter(evs: list[Any], *, lines: bool) -> bytes:
    rows = [_by_converter(e) for e in evs]
    if lines:
        return b"\n".join([orjson.dumps({"schema_version": codec.SCHEMA_VERSION}), *rows]) + b"\n"
    head = b'{"schema_version":%d,"events":[\n' % codec.SCHEMA_VERSION
    return head + b",\n".join(rows) + (b"\n]}\n" if rows else b"]}\n")


@settings(max_examples=400)
@given(events())
def test_each_event_is_written_byte_for_byte_as_the_converter_writes_it(event: Any) -> None:
    assert codec.encode_event(event) == _by_converter(event)


@settings(max_examples=50)
@given(ledgers(), st.booleans())
def test_documents_are_written_byte_for_byte_as_before(ledger: Any, lines: bool) -> None:
    assert codec.dumps(ledger, lines=lines) == _document_by_converter(list(ledger), lines=lines)


def test_the_packaged_season_is_written_as_before() -> None:
    ledger = load_serie_a_2019_20()
    for lines in (False, True):
        assert codec.dumps(ledger, lines=lines) == _document_by_converter(list(ledger), lines=lines)


@given(st.text(max_size=100), st.text(max_size=100))
def test_text_that_looks_like_an_event_boundary_stays_inside_its_string(a: str, b: str) -> None:
    tricky = '"},{"type":"match_ended"' + a
    home, away = Team(team_id="h", name="H"), Team(team_id="a", name="A")
    scheduled = MatchScheduled(
        event_id="s", match_id="m", competition=tricky, season="x", home=home, away=away
    )
    postponed = MatchStatusChanged(
        event_id="p", match_id="m", status=MatchStatus.POSTPONED, reason="},{" + b + tricky
    )
    ledger = Ledger([scheduled, postponed])
    for lines in (False, True):
        assert codec.loads(codec.dumps(ledger, lines=lines)) == ledger
