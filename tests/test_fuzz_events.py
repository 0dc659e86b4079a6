"""Fuzzing the provider importers: ``read_event_files``, the path of ``import-events``.

The starting points are kloppy's own sample files (installed with kloppy, read from
there, never copied here), cut to a few dozen events each so that a match imports in
milliseconds: StatsBomb events and lineups, Wyscout v2 and v3, Stats Perform MA1 and MA3
(JSON and XML), Opta F7 and F24, Sportec meta and events. At test time they are written
to a temporary folder, one or two of them damaged: JSON by
``matchledger.strategies.corrupted_documents``, XML element by element (dropped,
repeated, swapped, attributes made hostile, nested thousands deep, entities declared)
and byte by byte. Every import either gives ledgers that round-trip, or raises a
``LedgerError`` with a one-line message, within the time bound.
"""

from __future__ import annotations

import copy
import tempfile
from datetime import UTC
from pathlib import Path
from xml.etree import ElementTree as ET

import kloppy
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import matchledger as ml
from fuzzing import examples, only_ledger_errors
from matchledger.errors import LedgerError
from matchledger.importers.event_files import EVENT_PROVIDERS, read_event_files
from matchledger.importers.kloppy import EventImport
from matchledger.strategies import corrupted_documents

KLOPPY_FILES = Path(kloppy.__file__).parent / "tests" / "files"


def _json(name: str) -> object:
    return orjson.loads((KLOPPY_FILES / name).read_bytes())


def _statsbomb() -> dict[str, bytes]:
    events = _json("statsbomb_event.json")
    assert isinstance(events, list)
    kinds = ("Starting XI", "Half Start", "Half End", "Shot", "Substitution", "Bad Behaviour")
    keep = {e["id"] for e in events[:40]} | {e["id"] for e in events if e["type"]["name"] in kinds}
    return {
        "statsbomb_7298_event.json": orjson.dumps([e for e in events if e["id"] in keep]),
        "statsbomb_7298_lineup.json": (KLOPPY_FILES / "statsbomb_lineup.json").read_bytes(),
    }


def _wyscout(name: str) -> dict[str, bytes]:
    """The first and last events of each half, and the shots (v2's event 10), fouls (2), cards."""
    match = _json(name)
    assert isinstance(match, dict)
    events = match["events"]
    keep = [
        e
        for n, e in enumerate(events)
        if n < 30 or n >= len(events) - 30 or e.get("eventName") in (2, 10) or 834 < n < 864
    ]
    match["events"] = keep if name.endswith("v2.json") else events[:60]
    return {name: orjson.dumps(match)}


def _statsperform_json() -> dict[str, bytes]:
    ma3 = _json("statsperform_event_ma3.json")
    assert isinstance(ma3, dict)
    ma3["liveData"]["event"] = ma3["liveData"]["event"][:80]
    return {
        "ma1.json": (KLOPPY_FILES / "statsperform_event_ma1.json").read_bytes(),
        "ma3.json": orjson.dumps(ma3),
    }


def _statsperform_xml() -> dict[str, bytes]:
    ma3 = ET.parse(KLOPPY_FILES / "statsperform_event_ma3.xml").getroot()  # noqa: S314 - kloppy's own file
    for parent in ma3.iter():
        events = [child for child in parent if child.tag == "event"]
        for extra in events[80:]:
            parent.remove(extra)
    return {
        "ma1.xml": (KLOPPY_FILES / "statsperform_event_ma1.xml").read_bytes(),
        "ma3.xml": ET.tostring(ma3, encoding="utf-8", xml_declaration=True),
    }


def _copies(*names: str) -> dict[str, bytes]:
    return {name: (KLOPPY_FILES / name).read_bytes() for name in names}


MATCHES: dict[str, tuple[str, dict[str, bytes]]] = {
    "statsbomb": ("statsbomb", _statsbomb()),
    "wyscout-v2": ("wyscout", _wyscout("wyscout_events_v2.json")),
    "wyscout-v3": ("wyscout", _wyscout("wyscout_events_v3.json")),
    "statsperform": ("statsperform", _statsperform_json()),
    "statsperform-xml": ("statsperform", _statsperform_xml()),
    "opta": ("opta", _copies("opta_f7.xml", "opta_f24.xml")),
    "sportec": ("sportec", _copies("sportec_meta.xml", "sportec_events.xml")),
}

HOSTILE = [
    "",
    " ",
    "-1",
    "0",
    "NaN",
    "1e400",
    "9" * 5000,
    "x" * 100_000,
    "2020-13-45",
    "T",
    "\u202e",
    "\U0001f600",
]

# an entity that doubles ten times; and one that names a file
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a0 "xxxxxxxxxx">'
    + b"".join(b'<!ENTITY a%d "&a%d;&a%d;">' % (n, n - 1, n - 1) for n in range(1, 11))
    + b"]>"
)
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/hostname">]>'


@st.composite
def damaged_xml(draw: st.DrawFn, data: bytes) -> bytes:
    """An XML file changed element by element."""
    root = ET.fromstring(data)  # noqa: S314 - our own sample
    deep: list[tuple[str, int]] = []
    for _ in range(draw(st.integers(1, 3))):
        elements = list(root.iter())
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parents = {child: parent for parent in root.iter() for child in parent}
        parent = parents.get(element)
        action = draw(st.sampled_from(["attribute", "attribute", "text", "drop", "repeat", "deep"]))
        if action == "attribute" and element.attrib:
            name = draw(st.sampled_from(sorted(element.attrib)))
            if draw(st.booleans()):
                element.set(name, draw(st.sampled_from(HOSTILE) | st.text(max_size=8)))
            else:
                del element.attrib[name]
        elif action == "text":
            element.text = draw(st.sampled_from(HOSTILE))
        elif action == "drop" and parent is not None:
            parent.remove(element)
        elif action == "repeat" and parent is not None:
            parent.insert(list(parent).index(element), copy.deepcopy(element))
        elif action == "deep":  # written into the text below: ElementTree would recurse
            depth = draw(st.sampled_from([10, 300, 3000]))
            deep.append((element.tag, depth))
            element.text = f"@@deep{len(deep) - 1}@@"
    text = ET.tostring(root, encoding="utf-8")
    for n, (tag, depth) in enumerate(deep):
        opener, closer = f"<{tag}>".encode(), f"</{tag}>".encode()
        text = text.replace(b"@@deep%d@@" % n, opener * depth + closer * depth)
    prolog = draw(
        st.sampled_from([b'<?xml version="1.0" encoding="utf-8"?>\n', b"", BOMB, EXTERNAL])
    )
    return prolog + text


def _damaged(name: str, data: bytes) -> st.SearchStrategy[bytes]:
    if name.endswith(".xml"):
        xml = damaged_xml(data)
        return st.one_of(xml, xml.flatmap(lambda d: corrupted_documents(st.just(d), max_changes=2)))
    return corrupted_documents(st.just(data), max_changes=3)


@st.composite
def damaged_match(draw: st.DrawFn) -> tuple[str, dict[str, bytes]]:
    """A provider and its files of one match, one or two of them damaged."""
    kind = draw(st.sampled_from(sorted(MATCHES)))
    provider, files = MATCHES[kind]
    out = dict(files)
    for name in draw(st.lists(st.sampled_from(sorted(files)), min_size=1, max_size=2, unique=True)):
        out[name] = draw(_damaged(name, files[name]))
    if draw(st.integers(0, 9)) == 0:  # a file missing, or the wrong provider named
        if len(out) > 1 and draw(st.booleans()):
            del out[draw(st.sampled_from(sorted(out)))]
        else:
            provider = draw(st.sampled_from(EVENT_PROVIDERS))
    return provider, out


OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "home": st.sampled_from(["Barcelona", "Leicester City FC", "FC København", "x", ""])
        | st.text(max_size=10),
        "competition": st.sampled_from(["Serie A", " ", "x" * 300]) | st.text(max_size=10),
        "season": st.sampled_from(["2018-19", "2018", " ", "x" * 300]) | st.text(max_size=10),
        "kickoff": st.datetimes(timezones=st.just(UTC)),
    },
)


def _import(provider: str, files: dict[str, bytes], options: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, data in files.items():
            path = Path(folder, name)
            path.write_bytes(data)
            paths.append(path)
        result = only_ledger_errors(read_event_files, provider, paths, **options)
    if isinstance(result, LedgerError):
        return
    for done in result:
        assert isinstance(done, EventImport)
        assert ml.loads(ml.dumps(done.ledger)) == done.ledger
        assert done.report.summary()


@pytest.mark.parametrize("kind", sorted(MATCHES))
def test_the_samples_import(kind: str) -> None:
    """The starting points are valid: each imports as it is."""
    provider, files = MATCHES[kind]
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder, name) for name in files]
        for path in paths:
            path.write_bytes(files[path.name])
        (done,) = read_event_files(provider, paths)
    assert len(done.ledger) > 3


@examples(0.5)
@given(damaged_match(), OPTIONS, st.randoms(use_true_random=False))
def test_damaged_provider_files(
    match: tuple[str, dict[str, bytes]], options: dict[str, object], rng: object
) -> None:
    provider, files = match
    names = list(files)
    rng.shuffle(names)  # type: ignore[attr-defined]
    _import(provider, {name: files[name] for name in names}, options)


@examples(0.25)
@given(st.sampled_from(sorted(MATCHES)), st.binary(max_size=300))
def test_any_bytes_as_a_provider_file(kind: str, data: bytes) -> None:
    provider, files = MATCHES[kind]
    first = min(files)
    _import(provider, {**files, first: data}, {})


@pytest.mark.parametrize("prolog", [BOMB, EXTERNAL], ids=["entity-bomb", "external-entity"])
@pytest.mark.parametrize("kind", ["opta", "sportec", "statsperform-xml"])
def test_entities_in_xml(kind: str, prolog: bytes) -> None:
    provider, files = MATCHES[kind]
    for name in files:
        root = ET.fromstring(files[name])  # noqa: S314 - our own sample
        root.set("x", "&a10;" if prolog is BOMB else "&e;")
        text = ET.tostring(root, encoding="utf-8").replace(b"&amp;", b"&")
        _import(provider, {**files, name: prolog + text}, {})
