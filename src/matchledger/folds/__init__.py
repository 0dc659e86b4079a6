"""Pure folds over ledgers: everything matchledger derives from events."""

from matchledger.folds._fold import Fold, MergeableFold, run
from matchledger.folds.incidents import Booking, Goal, Incidents, Substitution, incidents
from matchledger.folds.records import MatchResult, SeasonFold, SeasonState, Split, TeamRecord
from matchledger.folds.score import Score, ScoreFold, Scoreline, ScoreState, score, scores
from matchledger.folds.standings import Row, Table, TieBreak, all_standings, standings, what_if
from matchledger.folds.stats import PlayerStats, TeamStats, player_stats, team_stats

__all__ = [
    "Booking",
    "Fold",
    "Goal",
    "Incidents",
    "MatchResult",
    "MergeableFold",
    "PlayerStats",
    "Row",
    "Score",
    "ScoreFold",
    "ScoreState",
    "Scoreline",
    "SeasonFold",
    "SeasonState",
    "Split",
    "Substitution",
    "Table",
    "TeamRecord",
    "TeamStats",
    "TieBreak",
    "all_standings",
    "incidents",
    "player_stats",
    "run",
    "score",
    "scores",
    "standings",
    "team_stats",
    "what_if",
]
