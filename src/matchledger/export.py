"""Tables, player statistics and ledgers as records and dataframes.

Three shapes of the same rows:

* **records**: a list of plain dicts, one per row, every key in every row in a
  fixed column order, values that JSON can hold (``str``, ``int``, ``bool``,
  ``None``, and lists of strings): kick-offs and dates as ISO 8601 text;
* **pandas**: a :class:`pandas.DataFrame` with typed columns (``int64``, nullable
  ``Int64`` and ``boolean`` where a column can be empty, strings, ``datetime64`` in
  UTC for kick-offs);
* **polars**: a :class:`polars.DataFrame` with the same columns (``Int64``,
  ``Boolean``, ``String``, ``Datetime("us", "UTC")``, ``Date``, ``List(String)``).

The rows are :meth:`Table.to_records() <matchledger.Table.to_records>` (one per team),
:func:`stats_records` (one per player, or per player and match) and
:func:`ledger_records` (one per event, also as :meth:`matchledger.Ledger.to_records`).

pandas and polars are optional: install ``matchledger[pandas]`` or
``matchledger[polars]``. They are imported only when a ``to_pandas``/``to_polars``
function runs; without them it raises :class:`~matchledger.errors.MissingExtraError`
(an ``ImportError`` and a ``LedgerError``) naming the extra to install.

Example:
    >>> from matchledger import load_example
    >>> from matchledger.export import stats_records
    >>> row = {r["name"]: r for r in stats_records(load_example())}["Robin Gosens"]
    >>> row["team"], row["team_id"], row["goals"], row["minutes_played"]
    ('Atalanta', 'atalanta', 1, 91)
"""

from __future__ import annotations

import importlib
import typing
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from matchledger.codec import TAGS
from matchledger.errors import MissingExtraError
from matchledger.events import (
    EVENT_TYPES,
    CardRescinded,
    Event,
    GoalCredited,
    GoalDisallowed,
    LineupEntry,
    MatchScheduled,
    MatchTime,
    Player,
    Score,
    Team,
)
from matchledger.folds.stats import PlayerStats, player_stats

if TYPE_CHECKING:
    import polars as pl

    from matchledger.folds.standings import Table

__all__ = [
    "LEDGER_COLUMNS",
    "STATS_COLUMNS",
    "TABLE_COLUMNS",
    "ledger_records",
    "ledger_to_pandas",
    "ledger_to_polars",
    "stats_records",
    "stats_to_pandas",
    "stats_to_polars",
    "table_to_pandas",
    "table_to_polars",
]

Kind = Literal["str", "int", "bool", "datetime", "date", "strs"]
"""A column's type: text, integer, flag, moment (UTC), day, list of text."""

_Columns = Mapping[str, list[Any]]

# --- the columns ----------------------------------------------------------------------------

TABLE_COLUMNS: Final[Mapping[str, Kind]] = {
    "position": "int",
    "team": "str",
    "team_id": "str",
    "played": "int",
    "won": "int",
    "drawn": "int",
    "lost": "int",
    "goals_for": "int",
    "goals_against": "int",
    "goal_difference": "int",
    "points": "int",
    "points_deducted": "int",
    "form": "str",
    "unresolved_tie": "bool",
    "tie_reason": "str",
    "decided_by": "str",
}
"""The columns of a table's records, in order, and their kinds (as ``table --json``)."""

_STAT_COUNTS: Final = tuple(f.name for f in attrs.fields(PlayerStats)[3:])

STATS_COLUMNS: Final[Mapping[str, Kind]] = {
    "player_id": "str",
    "name": "str",
    "team": "str",
    **dict.fromkeys(_STAT_COUNTS, "int"),
    "team_id": "str",
}
"""The columns of :func:`stats_records`, in order (as ``stats --json``); ``per_match``
puts ``match_id`` first."""

LEDGER_COLUMNS: Final[Mapping[str, Kind]] = {
    "event_id": "str",
    "type": "str",
    "match_id": "str",
    "competition": "str",
    "season": "str",
    "round": "str",
    "kickoff": "datetime",
    "venue": "str",
    "home_id": "str",
    "home_name": "str",
    "away_id": "str",
    "away_name": "str",
    "team": "str",
    "period": "str",
    "minute": "int",
    "added": "int",
    "second": "int",
    "player_id": "str",
    "player_name": "str",
    "outcome": "str",
    "situation": "str",
    "body_part": "str",
    "assist_id": "str",
    "assist_name": "str",
    "stopped_by_id": "str",
    "stopped_by_name": "str",
    "won_by_id": "str",
    "won_by_name": "str",
    "conceded_by_id": "str",
    "conceded_by_name": "str",
    "claimed_by_id": "str",
    "claimed_by_name": "str",
    "against_id": "str",
    "against_name": "str",
    "fouled_id": "str",
    "fouled_name": "str",
    "card": "str",
    "official": "bool",
    "player_off_id": "str",
    "player_off_name": "str",
    "player_on_id": "str",
    "player_on_name": "str",
    "incident": "str",
    "decision": "str",
    "subject": "str",
    "status": "str",
    "home_goals": "int",
    "away_goals": "int",
    "half_time_home": "int",
    "half_time_away": "int",
    "full_time_home": "int",
    "full_time_away": "int",
    "after_extra_time": "bool",
    "shootout_home": "int",
    "shootout_away": "int",
    "counts_goals": "bool",
    "authority": "str",
    "decided_on": "date",
    "points": "int",
    "effective": "date",
    "winner": "str",
    "loser": "str",
    "method": "str",
    "play_off_match": "str",
    "refers_to": "str",
    "own_goal": "bool",
    "review": "str",
    "reason": "str",
    "starters": "strs",
    "bench": "strs",
}
"""The columns of :func:`ledger_records`, in order, and their kinds.

Every event fills the columns of its own fields and leaves the others ``None``: a
player (``player``, ``assist``, ``stopped_by``, ``player_off``...) as ``<field>_id``
and ``<field>_name``, the home and away teams of a ``MatchScheduled`` as ``home_id``,
``home_name``, ``away_id``, ``away_name``; a time (``at``) as ``minute``, ``added``,
``second``; a score (``half_time``, ``full_time``, ``shootout``) as ``<field>_home``
and ``<field>_away``; a line-up's ``starters`` and ``bench`` as lists of player ids;
the event a correction points at (``GoalDisallowed.goal``, ``GoalCredited.goal``,
``CardRescinded.card``) as ``refers_to``; enums as their values.
"""

# --- records --------------------------------------------------------------------------------


def _records(columns: _Columns, kinds: Mapping[str, Kind]) -> list[dict[str, object]]:
    """Rows of ``columns``, moments and days as ISO 8601 text."""
    names = list(kinds)
    values = [
        [None if v is None else v.isoformat() for v in columns[n]]
        if kinds[n] in ("datetime", "date")
        else columns[n]
        for n in names
    ]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _record_columns(records: Sequence[Mapping[str, object]], kinds: Mapping[str, Kind]) -> _Columns:
    return {name: [r[name] for r in records] for name in kinds}


# --- the ledger -----------------------------------------------------------------------------

_REFERENCES: Final = {(GoalDisallowed, "goal"), (GoalCredited, "goal"), (CardRescinded, "card")}

# how a field becomes cells: (field, shape, target columns)
_Spec = tuple[str, str, tuple[str, ...]]


def _field_spec(cls: type, name: str, hint: Any) -> _Spec:  # noqa: PLR0911 - one case per shape
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if len(args) == 1 and typing.get_origin(hint) is not tuple else hint
    if (cls, name) in _REFERENCES:
        return (name, "plain", ("refers_to",))
    if base is Player:
        return (name, "player", (f"{name}_id", f"{name}_name"))
    if base is Team:
        return (name, "team", (f"{name}_id", f"{name}_name"))
    if base is MatchTime:
        return (name, "time", ("minute", "added", "second"))
    if base is Score:
        return (name, "score", (f"{name}_home", f"{name}_away"))
    if typing.get_origin(hint) is tuple and typing.get_args(hint)[0] is LineupEntry:
        return (name, "lineup", (name,))
    if isinstance(base, type) and issubclass(base, Enum):
        return (name, "enum", (name,))
    return (name, "plain", (name,))


def _event_specs() -> dict[type, tuple[_Spec, ...]]:
    specs = {}
    for cls in EVENT_TYPES:
        hints = typing.get_type_hints(cls)
        specs[cls] = tuple(
            _field_spec(cls, f.name, hints[f.name])
            for f in attrs.fields(cls)
            if f.name != "event_id"
        )
    return specs


_SPECS: Final = _event_specs()


def _ledger_columns(events: Iterable[Event]) -> dict[str, list[Any]]:
    rows = list(events)
    n = len(rows)
    cols: dict[str, list[Any]] = {name: [None] * n for name in LEDGER_COLUMNS}
    cols["event_id"] = [e.event_id for e in rows]
    cols["type"] = [TAGS[type(e)] for e in rows]
    for i, e in enumerate(rows):
        for name, shape, (first, *rest) in _SPECS[type(e)]:
            value = getattr(e, name)
            if value is None:
                continue
            if shape == "plain":
                cols[first][i] = value
            elif shape == "enum":
                cols[first][i] = value.value
            elif shape == "player":
                cols[first][i] = value.player_id
                cols[rest[0]][i] = value.name
            elif shape == "team":
                cols[first][i] = value.team_id
                cols[rest[0]][i] = value.name
            elif shape == "time":
                cols[first][i] = value.minute
                cols[rest[0]][i] = value.added
                cols[rest[1]][i] = value.second
            elif shape == "score":
                cols[first][i] = value.home
                cols[rest[0]][i] = value.away
            else:  # a line-up
                cols[first][i] = [entry.player.player_id for entry in value]
    return cols


def ledger_records(events: Iterable[Event]) -> list[dict[str, object]]:
    """One plain dict per event, with every column of :data:`LEDGER_COLUMNS` in order.

    Also :meth:`Ledger.to_records() <matchledger.Ledger.to_records>`; this function
    takes any events, e.g. a store's.

    Example:
        >>> from matchledger import load_example
        >>> goal = load_example().to_records()[4]
        >>> goal["type"], goal["player_name"], goal["minute"], goal["outcome"], goal["assist_id"]
        ('shot_taken', 'Lautaro Martínez', 4, 'goal', 'romelu-lukaku')
    """
    return _records(_ledger_columns(events), LEDGER_COLUMNS)


def ledger_to_pandas(events: Iterable[Event]) -> Any:
    """The events as a pandas ``DataFrame``, one row per event (see :func:`ledger_records`).

    ``kickoff`` is ``datetime64`` in UTC, ``decided_on`` and ``effective`` are
    ``datetime64`` days, integer and flag columns are nullable (``Int64``,
    ``boolean``), ``starters`` and ``bench`` hold lists.

    Raises:
        MissingExtraError: pandas is not installed (``matchledger[pandas]``).

    Example:
        >>> from matchledger import load_example
        >>> df = ledger_to_pandas(load_example())
        >>> df.loc[df["type"] == "shot_taken", "outcome"].value_counts().to_dict()["goal"]
        2
    """
    return _pandas(_ledger_columns(events), LEDGER_COLUMNS, "to_pandas()", nullable=True)


def ledger_to_polars(events: Iterable[Event]) -> pl.DataFrame:
    """The events as a polars ``DataFrame``, one row per event (see :func:`ledger_records`).

    Raises:
        MissingExtraError: polars is not installed (``matchledger[polars]``).

    Example:
        >>> import polars as pl
        >>> from matchledger import load_example
        >>> df = ledger_to_polars(load_example())
        >>> df.filter(pl.col("type") == "card_shown").height
        7
    """
    return _polars(_ledger_columns(events), LEDGER_COLUMNS, "to_polars()")


# --- player statistics ----------------------------------------------------------------------


def _team_names(events: Iterable[Event]) -> dict[str, str]:
    """Each team id's name, as the last ``MatchScheduled`` with it gives it."""
    names: dict[str, str] = {}
    for e in events:
        if isinstance(e, MatchScheduled):
            names[e.home.team_id] = e.home.name
            names[e.away.team_id] = e.away.name
    return names


def _stats_record(stats: PlayerStats, team_names: Mapping[str, str]) -> dict[str, object]:
    """One player's row: :meth:`PlayerStats.to_dict`, the team as its name and ``team_id``."""
    return {
        **stats.to_dict(),
        "team": team_names.get(stats.team, stats.team),
        "team_id": stats.team,
    }


def _stats_rows(
    events: Iterable[Event], match_id: str | None, *, per_match: bool
) -> tuple[list[dict[str, object]], dict[str, Kind]]:
    rows = list(events)
    names = _team_names(rows)
    if not per_match:
        return [_stats_record(s, names) for s in player_stats(rows, match_id)], dict(STATS_COLUMNS)
    by_match: dict[str, list[Event]] = {}
    for e in rows:
        mid = getattr(e, "match_id", None)
        if mid is not None and (match_id is None or mid == match_id):
            by_match.setdefault(mid, []).append(e)
    out = [
        {"match_id": mid, **_stats_record(s, names)}
        for mid, match in by_match.items()
        for s in player_stats(match)
    ]
    return out, {"match_id": "str", **STATS_COLUMNS}


def stats_records(
    events: Iterable[Event], match_id: str | None = None, *, per_match: bool = False
) -> list[dict[str, object]]:
    """Every player's statistics as plain dicts: :func:`~matchledger.player_stats` in rows.

    The columns are :data:`STATS_COLUMNS`: the fields of
    :class:`~matchledger.PlayerStats` with ``team`` as the team's name and
    ``team_id`` last, as ``matchledger stats --json`` prints them. With
    ``per_match=True`` there is one row per player and match, ``match_id`` first,
    in the order the matches were scheduled.

    Args:
        events: a ledger, or any events.
        match_id: only this match.
        per_match: one row per player and match instead of one per player.

    Example:
        >>> from matchledger import load_example
        >>> rows = stats_records(load_example(), per_match=True)
        >>> len(rows), list(rows[0])[:4]
        (27, ['match_id', 'player_id', 'name', 'team'])
    """
    return _stats_rows(events, match_id, per_match=per_match)[0]


def stats_to_pandas(
    events: Iterable[Event], match_id: str | None = None, *, per_match: bool = False
) -> Any:
    """Every player's statistics as a pandas ``DataFrame`` (see :func:`stats_records`).

    Raises:
        MissingExtraError: pandas is not installed (``matchledger[pandas]``).

    Example:
        >>> from matchledger import load_example
        >>> df = stats_to_pandas(load_example())
        >>> df.groupby("team")["shots"].sum().to_dict()
        {'Atalanta': 6, 'Inter': 2}
    """
    rows, kinds = _stats_rows(events, match_id, per_match=per_match)
    return _pandas(_record_columns(rows, kinds), kinds, "stats_to_pandas()")


def stats_to_polars(
    events: Iterable[Event], match_id: str | None = None, *, per_match: bool = False
) -> pl.DataFrame:
    """Every player's statistics as a polars ``DataFrame`` (see :func:`stats_records`).

    Raises:
        MissingExtraError: polars is not installed (``matchledger[polars]``).

    Example:
        >>> import polars as pl
        >>> from matchledger import load_example
        >>> df = stats_to_polars(load_example())
        >>> df.filter(pl.col("goals") > 0)["name"].to_list()
        ['Robin Gosens', 'Lautaro Martínez']
    """
    rows, kinds = _stats_rows(events, match_id, per_match=per_match)
    return _polars(_record_columns(rows, kinds), kinds, "stats_to_polars()")


# --- tables ---------------------------------------------------------------------------------


def table_to_pandas(table: Table) -> Any:
    """A table as a pandas ``DataFrame``, as :meth:`matchledger.Table.to_pandas` gives it.

    Raises:
        MissingExtraError: pandas is not installed (``matchledger[pandas]``).

    Example:
        >>> from matchledger import load_serie_a_2019_20, standings
        >>> df = table_to_pandas(standings(load_serie_a_2019_20(), "serie-a"))
        >>> df[["team", "points"]].tail(1).values.tolist()
        [['SPAL 2013 Ferrara', 20]]
    """
    columns = _record_columns(table.to_records(), TABLE_COLUMNS)
    return _pandas(columns, TABLE_COLUMNS, "Table.to_pandas()")


def table_to_polars(table: Table) -> pl.DataFrame:
    """A table as a polars ``DataFrame``, as :meth:`matchledger.Table.to_polars` gives it.

    Raises:
        MissingExtraError: polars is not installed (``matchledger[polars]``).

    Example:
        >>> from matchledger import load_serie_a_2019_20, standings
        >>> df = table_to_polars(standings(load_serie_a_2019_20(), "serie-a"))
        >>> df["goals_for"].sum() == df["goals_against"].sum()
        True
    """
    columns = _record_columns(table.to_records(), TABLE_COLUMNS)
    return _polars(columns, TABLE_COLUMNS, "Table.to_polars()")


# --- the dataframes -------------------------------------------------------------------------


def _require(module: str, feature: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(feature, module) from exc


def _pandas(
    columns: _Columns, kinds: Mapping[str, Kind], feature: str, *, nullable: bool = False
) -> Any:
    """A pandas frame of ``columns``; ``nullable`` integers and flags where rows may lack them."""
    pd = _require("pandas", feature)
    text: Any = "str" if int(pd.__version__.split(".")[0]) >= 3 else object
    series: dict[str, Any] = {}
    for name, kind in kinds.items():
        values = columns[name]
        if kind == "int":
            series[name] = pd.Series(values, dtype="Int64" if nullable else "int64")
        elif kind == "bool":
            series[name] = pd.Series(values, dtype="boolean" if nullable else "bool")
        elif kind == "str":
            series[name] = pd.Series(values, dtype=text)
        elif kind == "datetime":
            moments = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
            series[name] = moments.astype("datetime64[us, UTC]")
        elif kind == "date":
            days = pd.to_datetime(pd.Series(values, dtype=object))
            series[name] = days.astype("datetime64[us]")
        else:
            series[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(series, columns=list(kinds))


def _polars(columns: _Columns, kinds: Mapping[str, Kind], feature: str) -> pl.DataFrame:
    try:
        import polars as pl  # noqa: PLC0415 - an optional extra, imported when used
    except ImportError as exc:
        raise MissingExtraError(feature, "polars") from exc
    types: dict[Kind, pl.DataType | type[pl.DataType]] = {
        "str": pl.String,
        "int": pl.Int64,
        "bool": pl.Boolean,
        "datetime": pl.Datetime("us", "UTC"),
        "date": pl.Date,
        "strs": pl.List(pl.String),
    }
    return pl.DataFrame(
        [pl.Series(name, columns[name], dtype=types[kind]) for name, kind in kinds.items()]
    )
