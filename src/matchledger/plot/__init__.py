"""Pictures of a season and of a match, drawn with matplotlib.

Needs the extra ``matchledger[plot]``. Only the drawing functions import matplotlib,
and only when called; :func:`race_series` gives the numbers behind :func:`race`
without it. Figures are drawn on the non-interactive Agg canvas: no display needed.
"""

from matchledger.plot._match import (
    MatchTimeline,
    Moment,
    MomentKind,
    PeriodSpan,
    match,
    match_timeline,
)
from matchledger.plot._race import Metric, Race, RaceLine, race, race_series

__all__ = [
    "MatchTimeline",
    "Metric",
    "Moment",
    "MomentKind",
    "PeriodSpan",
    "Race",
    "RaceLine",
    "match",
    "match_timeline",
    "race",
    "race_series",
]
