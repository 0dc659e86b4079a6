"""Ranking rules: points per result and each competition's tie-break chain, era by era.

Example:
    >>> from matchledger.rules import preset
    >>> rules = preset("serie-a").for_season("2019-20")
    >>> rules.win, [c.value for c in rules.criteria][:2]
    (3, ['h2h_points', 'h2h_goal_difference'])
"""

from __future__ import annotations

import difflib

from matchledger.errors import LedgerError
from matchledger.rules._model import Criterion, Era, Place, Preset, Rules
from matchledger.rules.presets import PRESETS

__all__ = [
    "PRESETS",
    "Criterion",
    "Era",
    "Place",
    "Preset",
    "Rules",
    "guess_rules",
    "preset",
    "resolve",
]

_BY_NAME = (
    (("scottish", "scotland tier"), "scottish-premiership"),
    (
        ("premier league", "england tier 1", "first division", "english top flight"),
        "premier-league",
    ),
    (
        ("championship", "league one", "league two", "england tier", "football league"),
        "english-football-league",
    ),
    (("serie a", "italy tier"), "serie-a"),
    (("la liga", "primera", "spain tier"), "la-liga"),
    (("2. bundesliga", "germany tier 2"), "bundesliga"),
    (("bundesliga", "germany tier 1"), "bundesliga"),
    (("ligue 1", "division 1", "france tier 1"), "ligue-1"),
    (("eredivisie", "holland tier 1", "netherlands tier 1"), "eredivisie"),
    (("primeira", "portugal tier 1"), "primeira-liga"),
    (("premiership",), "scottish-premiership"),
    (("champions league", "europa league", "conference league"), "uefa-groups"),
    (("world cup",), "world-cup-groups"),
)


def guess_rules(competition: str) -> str | None:
    """The preset that fits a competition's name, or ``None``.

    Example:
        >>> guess_rules("Serie A"), guess_rules("England tier 3 (3N)"), guess_rules("Cup")
        ('serie-a', 'english-football-league', None)
        >>> guess_rules("Scottish League One")
        'scottish-premiership'
    """
    name = competition.casefold()
    for words, preset_name in _BY_NAME:
        if any(w in name for w in words):
            return preset_name
    return None


def preset(name: str) -> Preset:
    """The preset called ``name`` (see :data:`PRESETS`).

    Raises:
        LedgerError: for an unknown name, listing the close ones.
    """
    found = PRESETS.get(name.strip().lower())
    if found is None:
        close = difflib.get_close_matches(name, PRESETS, n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        known = ", ".join(sorted(PRESETS))
        msg = f"unknown rules {name!r}{hint} Known rules: {known}"
        raise LedgerError(msg)
    return found


def resolve(rules: Rules | Preset | str, season: str | None) -> Rules:
    """Concrete :class:`Rules` from rules, a preset or a preset's name, for ``season``.

    Raises:
        LedgerError: for an unknown preset, or a preset asked for no season.
    """
    if isinstance(rules, Rules):
        return rules
    found = preset(rules) if isinstance(rules, str) else rules
    if season is None:
        msg = f"rules {found.name!r} depend on the season; the events name none"
        raise LedgerError(msg)
    return found.for_season(season)
