"""Importers: league results from other formats, as ledgers.

:func:`read_results_csv` reads the CSV layouts of engsoccerdata, openfootball and
football-data.co.uk; :func:`read_deductions_csv` reads engsoccerdata's points
deductions. A bad file raises :class:`ResultsFileError`.

Example:
    >>> from matchledger.importers import LAYOUTS
    >>> sorted(LAYOUTS)
    ['engsoccerdata', 'football-data', 'openfootball']
"""

from matchledger.importers.results_csv import (
    FOOTBALL_DATA_COMPETITIONS,
    LAYOUTS,
    OPENFOOTBALL_COMPETITIONS,
    ResultsFileError,
    read_deductions_csv,
    read_results_csv,
)

__all__ = [
    "FOOTBALL_DATA_COMPETITIONS",
    "LAYOUTS",
    "OPENFOOTBALL_COMPETITIONS",
    "ResultsFileError",
    "read_deductions_csv",
    "read_results_csv",
]
