"""Pure folds over ledgers: everything matchledger derives from events."""

from matchledger.folds._fold import Fold, MergeableFold, run
from matchledger.folds.score import Score, ScoreFold, Scoreline, ScoreState, score, scores

__all__ = [
    "Fold",
    "MergeableFold",
    "Score",
    "ScoreFold",
    "ScoreState",
    "Scoreline",
    "run",
    "score",
    "scores",
]
