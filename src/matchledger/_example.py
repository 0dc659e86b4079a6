"""The packaged seed match: Inter 1-1 Atalanta, Serie A, 11 January 2020."""

from __future__ import annotations

from importlib.resources import files
from typing import Final

from matchledger.codec import loads
from matchledger.ledger import Ledger

EXAMPLE_MATCH_ID: Final = "inter-atalanta-2020-01-11"
"""The match id of the packaged example."""


def load_serie_a_2019_20() -> Ledger:
    """Serie A 2019-20: every result, with the seed match event by event.

    The results are openfootball's (football.json, CC0 1.0, public domain); the seed
    match, Inter 1-1 Atalanta on 11 January 2020, comes from :func:`load_example`.

    Example:
        >>> from datetime import date
        >>> from matchledger import standings
        >>> table = standings(load_serie_a_2019_20(), "serie-a", as_of=date(2020, 1, 11))
        >>> [(r.team.name, r.points, r.played) for r in table.rows[:2]]
        [('Inter', 46, 19), ('Juventus', 45, 18)]
    """
    data = files("matchledger").joinpath("data", "serie-a-2019-20.jsonl").read_bytes()
    return loads(data, lines=True).extend(load_example())


def load_example() -> Ledger:
    """The seed match as a ledger, from the copy packaged with the library (no network).

    Example:
        >>> ledger = load_example()
        >>> ledger.match_ids
        ('inter-atalanta-2020-01-11',)
    """
    data = files("matchledger").joinpath("data", "inter-atalanta.json").read_bytes()
    return loads(data)
