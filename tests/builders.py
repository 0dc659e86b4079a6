"""Small builders of hand-made matches shared by the example tests."""

from __future__ import annotations

from datetime import UTC, datetime

from matchledger import (
    Card,
    CardShown,
    LineupAnnounced,
    LineupEntry,
    MatchScheduled,
    MatchTime,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    ShotOutcome,
    ShotTaken,
    Team,
)

M = "m1"
HOME = Team(team_id="home", name="Home FC")
AWAY = Team(team_id="away", name="Away FC")


def p(team: str, n: int) -> Player:
    return Player(player_id=f"{team}{n}", name=f"{team.title()} {n}")


def schedule(match_id: str = M, event_id: str = "s") -> MatchScheduled:
    return MatchScheduled(
        event_id=event_id,
        match_id=match_id,
        competition="Test League",
        season="2024-25",
        kickoff=datetime(2024, 8, 17, 15, tzinfo=UTC),
        home=HOME,
        away=AWAY,
    )


def lineup(team: str) -> LineupAnnounced:
    return LineupAnnounced(
        event_id=f"l-{team}",
        match_id=M,
        team=team,
        starters=tuple(
            LineupEntry(player=p(team, n), position="GK" if n == 1 else None) for n in range(1, 12)
        ),
        bench=tuple(LineupEntry(player=p(team, n)) for n in range(12, 19)),
    )


def start(period: Period, n: int = 1) -> PeriodStarted:
    return PeriodStarted(event_id=f"start{n}", match_id=M, period=period)


def end(period: Period, n: int = 1) -> PeriodEnded:
    return PeriodEnded(event_id=f"end{n}", match_id=M, period=period)


def goal(event_id: str, team: str, n: int, minute: int | None = None) -> ShotTaken:
    at = None if minute is None else MatchTime(minute=minute)
    return ShotTaken(
        event_id=event_id, match_id=M, team=team, player=p(team, n), at=at, outcome=ShotOutcome.GOAL
    )


def card(event_id: str, team: str, n: int, kind: Card) -> CardShown:
    return CardShown(event_id=event_id, match_id=M, team=team, player=p(team, n), card=kind)
