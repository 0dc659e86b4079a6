"""Providers' event files, recognised by content, read through kloppy into ledgers.

Each provider ships a match as a set of files: StatsBomb an events file and a lineups
file (and a season's matches file with the dates), Wyscout one file (v2 or v3, told
apart by its records), Stats Perform an MA1 file (match and lineups) and an MA3 file
(events), in JSON or XML, Opta an F7 and an F24 file, Sportec a meta and an events
file (both XML). :func:`read_event_files` takes any number of such files in any order,
recognises each by what is in it, pairs the files of each match, and imports every
match with :func:`matchledger.importers.kloppy.import_dataset`.

A file that is not what the provider ships raises :class:`EventsFileError` naming the
file and what is wrong; kloppy's own failures are reported the same way.

Example:
    >>> from matchledger.importers.event_files import EVENT_PROVIDERS
    >>> EVENT_PROVIDERS
    ('opta', 'sportec', 'statsbomb', 'statsperform', 'wyscout')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import attrs
import orjson
from attrs import frozen

from matchledger import _progress
from matchledger.importers.kloppy import EventImport, EventsFileError, import_dataset, team_named
from matchledger.limits import Limits, check_json, chosen, parse_error, read_bounded

__all__ = ["EVENT_PROVIDERS", "EventFile", "read_event_files", "recognise"]

EVENT_PROVIDERS: Final = ("opta", "sportec", "statsbomb", "statsperform", "wyscout")
_DIGITS: Final = re.compile(r"(?<!\d)(\d{3,})(?!\d)")
# an XML file's first elements: the root and its first child (after the prolog and comments)
_XML_TAGS: Final = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_XML_SKIP: Final = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.DOTALL)
_XML_ROLES: Final[dict[str, dict[tuple[str, str | None], str]]] = {
    # provider: {(root, first child or None): role}
    "opta": {("SoccerFeed", None): "f7", ("Games", None): "f24"},
    "sportec": {
        ("PutDataRequest", "MatchInformation"): "meta",
        ("PutDataRequest", "Event"): "events",
    },
    "statsperform": {("match", None): "ma1", ("matchEvents", None): "ma3"},
}
_NEEDS: Final = {
    "opta": ("f7", "f24"),
    "sportec": ("meta", "events"),
    "statsperform": ("ma1", "ma3"),
}


@frozen
class _Xml:
    """An XML file, recognised by its first elements; kloppy parses it."""

    root: str
    child: str | None


# the elements of a Stats Perform MA1 XML file that repeat (lists in its JSON form)
_MA1_LISTS: Final = frozenset(
    {"contestant", "goal", "card", "substitute", "lineUp", "player", "period", "stat", "official"}
)


def _as_json_shape(element: Any) -> Any:
    """An XML element in the shape of Stats Perform's JSON.

    Attributes become keys, children go by tag (a list where they repeat), and text
    becomes ``name`` where there is no such attribute.
    """
    out: dict[str, Any] = dict(element.attrib)
    text = (element.text or "").strip()
    if text and "name" not in out:
        out["name"] = text
    for child in element:
        tag = str(child.tag)
        if tag.endswith("s") and tag[:-1] in _MA1_LISTS:  # <contestants>, <periods>: unwrapped
            out.setdefault(tag[:-1], []).extend(_as_json_shape(g) for g in child)
            continue
        value = _as_json_shape(child)
        if tag in _MA1_LISTS:
            out.setdefault(tag, []).append(value)
        else:
            out[tag] = value
    return out


def _ma1_document(path: Path) -> Mapping[str, Any]:
    """A Stats Perform MA1 XML file as the JSON form's dict (for what kloppy loses)."""
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - only for this rare format

    try:
        root = ET.parse(path).getroot()  # noqa: S314 - expat refuses entity bombs
    except ET.ParseError as exc:
        raise EventsFileError(str(path), f"is not valid XML ({exc})") from None
    doc = _as_json_shape(root)
    return {"matchInfo": doc.get("matchInfo") or {}, "liveData": doc.get("liveData") or {}}


@frozen
class EventFile:
    """A provider file and what it holds.

    Attributes:
        path: the file.
        role: ``events``, ``lineups``, ``matches`` (StatsBomb); ``events`` (Wyscout);
            ``ma1``, ``ma3`` (Stats Perform).
        version: the format's version where it has several (Wyscout ``v2``/``v3``).
        key: what ties the files of one match together (a match id, or team ids).
        document: the parsed JSON.
    """

    path: Path
    role: str
    version: str | None
    key: frozenset[str]
    document: Any


def _load_json(path: Path, limits: Limits) -> Any:
    try:
        data = read_bounded(path, limits, str(path))
    except OSError as exc:
        raise EventsFileError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise EventsFileError(str(path), "is UTF-16; save it as UTF-8")
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
    if not data.strip():
        raise EventsFileError(str(path), "is empty")
    if data.lstrip()[:1] == b"<":
        head = _XML_SKIP.sub(b"", data[:8192])
        tags = [t.decode("ascii", "replace") for t in _XML_TAGS.findall(head)[:2]]
        if not tags:
            raise EventsFileError(str(path), "is not valid XML (no element in its first 8 KB)")
        return _Xml(root=tags[0], child=tags[1] if len(tags) > 1 else None)
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        refused = parse_error(exc, limits, str(path))
        if refused is not None:
            raise refused from None
        raise EventsFileError(str(path), f"is not valid JSON ({exc})") from None
    check_json(document, limits, str(path))
    return document


def _map(value: Any) -> Mapping[str, Any]:
    """``value`` if it is a JSON object, else an empty one (for reading odd files)."""
    return value if isinstance(value, Mapping) else {}


def _first(items: Any) -> Mapping[str, Any]:
    if isinstance(items, list) and items and isinstance(items[0], Mapping):
        return items[0]
    return {}


def recognise(provider: str, path: Path, document: Any) -> EventFile:  # noqa: C901, PLR0911, PLR0912 - one branch per kind of file
    """What a provider file holds, told by its content (never by its name).

    Raises:
        EventsFileError: the file is not one the provider ships.

    Example:
        >>> doc = {"events": [{"eventName": 8, "matchId": 7}]}
        >>> recognise("wyscout", Path("m.json"), doc).version
        'v2'
    """
    where = str(path)
    if isinstance(document, _Xml):
        roles: Mapping[tuple[str, str | None], str] = _XML_ROLES.get(provider, {})
        role = roles.get((document.root, None)) or roles.get((document.root, document.child))
        if role is None:
            kinds = "/".join(r.upper() for r in _NEEDS.get(provider, ()))
            raise EventsFileError(
                where,
                f"is XML with root <{document.root}>, not a {provider} file"
                + (f" ({kinds})" if kinds else " (this provider's files are JSON)"),
            )
        return EventFile(path, role, "xml", frozenset(), document)
    if provider in ("opta", "sportec"):
        raise EventsFileError(where, f"is JSON; {provider}'s files are XML")
    if provider == "statsbomb":
        head = _first(document)
        if "index" in head and isinstance(head.get("type"), Mapping):
            teams = frozenset(
                str(team)
                for e in document
                if isinstance(e, Mapping) and _map(e.get("type")).get("name") == "Starting XI"
                for team in (_map(e.get("team")).get("id"),)
                if team is not None
            )
            return EventFile(path, "events", None, teams, document)
        if "lineup" in head and "team_id" in head:
            teams = frozenset(str(t.get("team_id")) for t in document if isinstance(t, Mapping))
            return EventFile(path, "lineups", None, teams, document)
        if "match_id" in head and "home_team" in head:
            return EventFile(path, "matches", None, frozenset(), document)
        raise EventsFileError(
            where, "is not a StatsBomb events, lineups or matches file (a JSON list of records)"
        )
    if provider == "wyscout":
        if not isinstance(document, Mapping) or not isinstance(document.get("events"), list):
            if isinstance(document, list) and "eventName" in _first(document):
                raise EventsFileError(
                    where,
                    "is a Wyscout v2 events list of a whole competition; "
                    "give one match's file (with 'events', 'teams' and 'players')",
                )
            raise EventsFileError(where, "is not a Wyscout match file (an object with 'events')")
        head = _first(document["events"])
        if isinstance(head.get("type"), Mapping) and "primary" in head["type"]:
            version = "v3"
        elif "eventName" in head:
            version = "v2"
        else:
            raise EventsFileError(where, "has events that are neither Wyscout v2 nor v3")
        return EventFile(path, "events", version, frozenset({str(head.get("matchId"))}), document)
    if provider == "statsperform":
        if not isinstance(document, Mapping) or not isinstance(document.get("matchInfo"), Mapping):
            raise EventsFileError(where, "is not a Stats Perform MA1 or MA3 file (no 'matchInfo')")
        live = _map(document.get("liveData"))
        key = frozenset({str(document["matchInfo"].get("id"))})
        if isinstance(live.get("event"), list):
            return EventFile(path, "ma3", None, key, document)
        if isinstance(live.get("lineUp"), list):
            return EventFile(path, "ma1", None, key, document)
        raise EventsFileError(
            where, "is a Stats Perform file with neither events (MA3) nor lineups (MA1)"
        )
    raise EventsFileError("", f"unknown provider {provider!r}; one of {', '.join(EVENT_PROVIDERS)}")


def _group(provider: str, files: list[EventFile]) -> list[dict[str, EventFile]]:
    """The files of each match, by role."""
    if provider == "wyscout":
        return [{"events": f} for f in files]
    if any(f.version == "xml" for f in files):
        return [_one_xml_match(provider, files)]
    if provider == "statsperform":
        by_key: dict[frozenset[str], dict[str, EventFile]] = {}
        for f in files:
            group = by_key.setdefault(f.key, {})
            if f.role in group:
                raise EventsFileError(
                    str(f.path), f"is a second {f.role.upper()} file of the same match"
                )
            group[f.role] = f
        for group in by_key.values():
            for needed in ("ma1", "ma3"):
                if needed not in group:
                    have = next(iter(group.values()))
                    raise EventsFileError(
                        str(have.path), f"needs the {needed.upper()} file of the same match too"
                    )
        return list(by_key.values())
    return _pair_statsbomb(files)


def _one_xml_match(provider: str, files: list[EventFile]) -> dict[str, EventFile]:
    """The XML files of one match (XML feeds are read one match at a time)."""
    group: dict[str, EventFile] = {}
    for f in files:
        if f.role in group:
            raise EventsFileError(
                str(f.path),
                f"is a second {f.role.upper()} file: give one match's XML files at a time",
            )
        group[f.role] = f
    for needed in _NEEDS[provider]:
        if needed not in group:
            raise EventsFileError(
                str(files[0].path), f"needs the {needed.upper()} file of the same match too"
            )
    return group


def _pair_statsbomb(files: list[EventFile]) -> list[dict[str, EventFile]]:
    """Pair StatsBomb events and lineups files by their teams, then by the names' digits."""
    events = [f for f in files if f.role == "events"]
    lineups = [f for f in files if f.role == "lineups"]
    groups = []
    for ev in events:
        fits = [lu for lu in lineups if lu.key == ev.key]
        if not fits and not ev.key:  # no Starting XI in the events: any lineups may fit
            fits = list(lineups)
        if not fits and len(lineups) == 1 and len(events) == 1:
            raise EventsFileError(
                str(lineups[0].path),
                f"lists teams {', '.join(sorted(lineups[0].key))}, not the teams of "
                f"{ev.path} ({', '.join(sorted(ev.key))})",
            )
        if len(fits) > 1:
            digits = set(_DIGITS.findall(ev.path.name))
            fits = [lu for lu in fits if set(_DIGITS.findall(lu.path.name)) == digits] or fits
        if len(fits) != 1:
            why = "no lineups file" if not fits else "more than one lineups file fits"
            raise EventsFileError(
                str(ev.path), f"{why}: StatsBomb needs one lineups file per events file"
            )
        partner = fits[0]
        lineups.remove(partner)
        groups.append({"events": ev, "lineups": partner})
    if lineups:
        raise EventsFileError(str(lineups[0].path), "has no events file to go with it")
    return groups


def _kloppy(provider: str, group: Mapping[str, EventFile]) -> Any:
    try:
        from kloppy import opta, sportec, statsbomb, statsperform, wyscout  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the extra is installed in tests
        raise EventsFileError(
            "", "reading provider files needs kloppy: pip install 'matchledger[kloppy]'"
        ) from None
    try:
        if provider == "statsbomb":
            return statsbomb.load(
                event_data=str(group["events"].path), lineup_data=str(group["lineups"].path)
            )
        if provider == "wyscout":
            version = (group["events"].version or "v3").upper()
            return wyscout.load(event_data=str(group["events"].path), data_version=version)
        if provider == "opta":
            return opta.load(f7_data=str(group["f7"].path), f24_data=str(group["f24"].path))
        if provider == "sportec":
            return sportec.load_event(
                event_data=str(group["events"].path), meta_data=str(group["meta"].path)
            )
        return statsperform.load_event(
            ma1_data=str(group["ma1"].path), ma3_data=str(group["ma3"].path)
        )
    except Exception as exc:  # noqa: BLE001 - kloppy's failures are the file's fault here
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise EventsFileError(_where(group), f"kloppy could not read it ({reason})") from None


def _match_entry(matches: Iterable[EventFile], group: Mapping[str, EventFile]) -> Any:
    """The StatsBomb matches-file entry of a match: by the id in the file name, or the teams.

    Raises:
        EventsFileError: naming the matches file, when the entry's date or time is wrong.
    """
    events = group["events"]
    digits = set(_DIGITS.findall(events.path.name))
    entries = [(f, e) for f in matches for e in f.document if isinstance(e, Mapping)]
    found = [(f, e) for f, e in entries if str(e.get("match_id")) in digits]
    if len(found) != 1:
        found = [
            (f, e)
            for f, e in entries
            if frozenset(
                {
                    str(_map(e.get("home_team")).get("home_team_id")),
                    str(_map(e.get("away_team")).get("away_team_id")),
                }
            )
            == events.key
        ]
    if len(found) != 1:
        return None
    source, entry = found[0]
    day, clock = entry.get("match_date"), entry.get("kick_off") or "00:00:00"
    if day is not None:
        try:
            datetime.fromisoformat(f"{day}T{str(clock)[:8]}")
        except (TypeError, ValueError):
            raise EventsFileError(
                str(source.path),
                f"match {entry.get('match_id')}: match_date {day!r} and kick_off {clock!r} "
                "are not a date and a time",
            ) from None
    return entry


def read_event_files(  # noqa: PLR0913 - the overrides a user may give
    provider: str,
    paths: Sequence[str | Path],
    *,
    home: str | None = None,
    competition: str | None = None,
    season: str | None = None,
    kickoff: datetime | None = None,
    limits: Limits | None = None,
) -> list[EventImport]:
    """Import every match in a provider's files (any order), one ledger and report each.

    Args:
        provider: one of :data:`EVENT_PROVIDERS`.
        paths: the files: StatsBomb events + lineups (+ matches), Wyscout match files,
            Stats Perform MA1 + MA3 (JSON or XML), Opta F7 + F24, Sportec meta + events
            (the XML feeds one match at a time).
        home: the home team, for files that do not say (StatsBomb without its matches
            file, Wyscout v2).
        competition: the competition, when the files do not say.
        season: the season label, e.g. ``"2018-19"``, when the files do not say.
        kickoff: the kick-off (timezone-aware), when the files do not say.
        limits: the bounds on each file's size, and on a JSON file's nesting and
            strings (:class:`~matchledger.limits.Limits`; ``None`` for the defaults).

    Raises:
        EventsFileError: a file is unreadable, not the provider's, or lacks its partner.
        LimitExceeded: a file is over a bound of ``limits``.

    Example:
        >>> read_event_files("statsbomb", [])
        Traceback (most recent call last):
        ...
        matchledger.importers.kloppy.EventsFileError: no files given
    """
    if provider not in EVENT_PROVIDERS:
        raise EventsFileError(
            "", f"unknown provider {provider!r}; one of {', '.join(EVENT_PROVIDERS)}"
        )
    if not paths:
        raise EventsFileError("", "no files given")
    _once_each(paths)
    reading = _progress.each(paths, "reading", len(paths), "files")
    bounds = chosen(limits)
    files = [recognise(provider, Path(p), _load_json(Path(p), bounds)) for p in reading]
    matches = [f for f in files if f.role == "matches"]
    groups = _group(provider, [f for f in files if f.role != "matches"])
    if not groups:
        raise EventsFileError(str(files[0].path), "is a matches file; give the events files too")
    overrides = {"home": home, "competition": competition, "season": season, "kickoff": kickoff}
    out = []
    home_used = False
    for group in _progress.each(groups, "importing", len(groups), "matches"):
        dataset = _kloppy(provider, group)
        match_overrides = dict(overrides)
        if home is not None and len(groups) > 1:
            # one --home for several matches: it sets the matches that team plays in
            plays = team_named(dataset.metadata.teams, home) is not None
            match_overrides["home"] = home if plays else None
            home_used |= plays
        raw, match_id = _raw_documents(provider, group, matches)
        out.append(_import_group(dataset, raw, match_id, group, match_overrides))
    if home is not None and len(groups) > 1 and not home_used:
        raise EventsFileError("", f"--home {home!r} names no team of these matches")
    _one_import_a_match(groups, out)
    return out


def _once_each(paths: Sequence[str | Path]) -> None:
    """Refuse a file given twice."""
    seen: dict[Path, str] = {}
    for p in paths:
        key = Path(p).resolve()
        if key in seen:
            raise EventsFileError(str(p), f"is given twice (also as {seen[key]})")
        seen[key] = str(p)


def _one_import_a_match(groups: list[dict[str, EventFile]], done: list[EventImport]) -> None:
    """Refuse the same match in two sets of files."""
    first_of: dict[str, dict[str, EventFile]] = {}
    for group, result in zip(groups, done, strict=True):
        earlier = first_of.setdefault(result.report.match_id, group)
        if earlier is not group:
            raise EventsFileError(
                _where(group), f"is match {result.report.match_id} again (as {_where(earlier)})"
            )


def _where(group: Mapping[str, EventFile]) -> str:
    """The files of a match, for a message: ``events.json (with lineups.json)``."""
    paths = [str(f.path) for f in group.values()]
    return paths[0] if len(paths) == 1 else f"{paths[0]} (with {', '.join(paths[1:])})"


def _raw_documents(
    provider: str, group: Mapping[str, EventFile], matches: list[EventFile]
) -> tuple[dict[str, Any], str | None]:
    """The parsed files of a match by role, and its id when only a file name gives it."""
    raw: dict[str, Any] = {
        role: f.document for role, f in group.items() if not isinstance(f.document, _Xml)
    }
    if provider == "statsperform" and isinstance(group["ma1"].document, _Xml):
        raw["ma1"] = _ma1_document(group["ma1"].path)
    if provider != "statsbomb":
        return raw, None
    entry = _match_entry(matches, group)
    if entry is not None:
        raw["match"] = entry
        return raw, None
    digits = _DIGITS.findall(group["events"].path.name)
    return raw, (f"statsbomb-{digits[0]}" if len(digits) == 1 else None)


def _import_group(
    dataset: Any,
    raw: Mapping[str, Any],
    match_id: str | None,
    group: Mapping[str, EventFile],
    overrides: Mapping[str, Any],
) -> EventImport:
    """One match's import; an error about its data names its files."""
    try:
        done = import_dataset(dataset, raw=raw, match_id=match_id, **overrides)
    except EventsFileError as exc:
        if exc.path:
            raise
        raise EventsFileError(_where(group), exc.reason) from None
    if match_id is not None:
        note = f"match id {match_id.partition('-')[2]} taken from the file name"
        done = EventImport(
            ledger=done.ledger,
            report=attrs.evolve(done.report, notes=(*done.report.notes, note)),
        )
    return done
