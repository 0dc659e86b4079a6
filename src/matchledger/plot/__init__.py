"""Pictures of a season and of a match, drawn with matplotlib.

Needs the extra ``matchledger[plot]``. Only the drawing functions, :func:`race` and
:func:`match`, import matplotlib, and only when called (without it they raise
:class:`~matchledger.errors.MissingExtraError`); :func:`race_series` and
:func:`match_timeline` give the numbers behind them without it. Figures are drawn on
the non-interactive Agg canvas, without pyplot: no display needed.

Example:
    >>> import io
    >>> from matchledger import load_example
    >>> fig = match(load_example())
    >>> fig.savefig(io.BytesIO(), format="png")  # or fig.savefig("match.png")
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
