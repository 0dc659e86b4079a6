"""matchledger: football matches as append-only ledgers of immutable events.

Every fact of a match is an event; the score, statistics and tables are folds over
them. Start with :class:`Ledger`, the events in :mod:`matchledger.events`,
:func:`score`, and :func:`dumps`/:func:`loads` for JSON.

Example:
    >>> import matchledger as ml
    >>> ledger = ml.load_example()
    >>> s = ml.score(ledger, ml.EXAMPLE_MATCH_ID)
    >>> print(s)
    Inter 1-1 Atalanta (HT 1-0)
"""

from matchledger._example import EXAMPLE_MATCH_ID, load_example
from matchledger.codec import SCHEMA_VERSION, dump, dumps, load, loads
from matchledger.errors import (
    CodecError,
    DuplicateEventError,
    EventRejected,
    InvalidFieldError,
    LedgerError,
    MatchOverError,
    MatchStateError,
    PlayerStateError,
    UnknownMatchError,
    UnknownReferenceError,
    UnknownTeamError,
)
from matchledger.events import (
    EVENT_TYPES,
    BodyPart,
    Card,
    CardShown,
    Event,
    FoulCommitted,
    GoalDisallowed,
    LineupAnnounced,
    LineupEntry,
    MatchEnded,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    MatchTime,
    OwnGoalScored,
    PenaltyAppealDenied,
    PenaltyAwarded,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    ResultAwarded,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
    Team,
    VarDecision,
    VarIncident,
    VarReviewed,
)
from matchledger.folds import Fold, MergeableFold, Score, ScoreFold, Scoreline, run, score, scores
from matchledger.ledger import Ledger

__version__ = "0.1.0"

__all__ = [
    "EVENT_TYPES",
    "EXAMPLE_MATCH_ID",
    "SCHEMA_VERSION",
    "BodyPart",
    "Card",
    "CardShown",
    "CodecError",
    "DuplicateEventError",
    "Event",
    "EventRejected",
    "Fold",
    "FoulCommitted",
    "GoalDisallowed",
    "InvalidFieldError",
    "Ledger",
    "LedgerError",
    "LineupAnnounced",
    "LineupEntry",
    "MatchEnded",
    "MatchOverError",
    "MatchScheduled",
    "MatchStateError",
    "MatchStatus",
    "MatchStatusChanged",
    "MatchTime",
    "MergeableFold",
    "OwnGoalScored",
    "PenaltyAppealDenied",
    "PenaltyAwarded",
    "Period",
    "PeriodEnded",
    "PeriodStarted",
    "Player",
    "PlayerStateError",
    "ResultAwarded",
    "Score",
    "ScoreFold",
    "Scoreline",
    "ShootoutKickTaken",
    "ShotOutcome",
    "ShotTaken",
    "Situation",
    "SubstitutionMade",
    "Team",
    "UnknownMatchError",
    "UnknownReferenceError",
    "UnknownTeamError",
    "VarDecision",
    "VarIncident",
    "VarReviewed",
    "__version__",
    "dump",
    "dumps",
    "load",
    "load_example",
    "loads",
    "run",
    "score",
    "scores",
]
