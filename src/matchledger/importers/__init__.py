"""Importers: league results and provider event feeds from other formats, as ledgers.

:func:`read_results_csv` reads the CSV layouts of engsoccerdata, openfootball and
football-data.co.uk; :func:`read_deductions_csv` reads engsoccerdata's points
deductions. A bad file raises :class:`ResultsFileError`. :func:`read_event_files`
reads providers' event feeds (StatsBomb, Wyscout, Stats Perform, Opta, Sportec)
through kloppy (the extra ``matchledger[kloppy]``); a bad file raises
:class:`EventsFileError`.

Example:
    >>> from matchledger.importers import LAYOUTS
    >>> sorted(LAYOUTS)
    ['engsoccerdata', 'football-data', 'openfootball']
"""

from matchledger.importers.event_files import EVENT_PROVIDERS, read_event_files
from matchledger.importers.kloppy import EventImport, EventsFileError, ImportReport
from matchledger.importers.results_csv import (
    FOOTBALL_DATA_COMPETITIONS,
    LAYOUTS,
    OPENFOOTBALL_COMPETITIONS,
    ResultsFileError,
    read_deductions_csv,
    read_results_csv,
)

__all__ = [
    "EVENT_PROVIDERS",
    "FOOTBALL_DATA_COMPETITIONS",
    "LAYOUTS",
    "OPENFOOTBALL_COMPETITIONS",
    "EventImport",
    "EventsFileError",
    "ImportReport",
    "ResultsFileError",
    "read_deductions_csv",
    "read_event_files",
    "read_results_csv",
]
