"""The packaged seed match: Inter 1-1 Atalanta, Serie A, 11 January 2020."""

from __future__ import annotations

from importlib.resources import files
from typing import Final

from matchledger.codec import loads
from matchledger.ledger import Ledger

EXAMPLE_MATCH_ID: Final = "inter-atalanta-2020-01-11"
"""The match id of the packaged example."""


def load_example() -> Ledger:
    """The seed match as a ledger, from the copy packaged with the library (no network).

    Example:
        >>> ledger = load_example()
        >>> ledger.match_ids
        ('inter-atalanta-2020-01-11',)
    """
    data = files("matchledger").joinpath("data", "inter-atalanta.json").read_bytes()
    return loads(data)
