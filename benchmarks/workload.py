"""Deterministic synthetic workloads: whole seasons of detailed, valid match events.

The same seed gives the same events on every machine, so figures from different runs
measure the code, not the data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from matchledger import (
    Card,
    CardShown,
    Event,
    FoulCommitted,
    LineupAnnounced,
    LineupEntry,
    MatchEnded,
    MatchScheduled,
    MatchTime,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    ShotOutcome,
    ShotTaken,
    SubstitutionMade,
    Team,
)

TEAMS = 20
_OUTCOMES = [
    ShotOutcome.GOAL,
    ShotOutcome.SAVED,
    ShotOutcome.SAVED,
    ShotOutcome.OFF_TARGET,
    ShotOutcome.OFF_TARGET,
    ShotOutcome.BLOCKED,
    ShotOutcome.POST,
]


def _squad(team: int) -> list[Player]:
    return [
        Player(player_id=f"t{team:02d}p{n:02d}", name=f"Player {n} of Club {team}")
        for n in range(20)
    ]


def season_events(season: int = 0, *, seed: int = 2020, teams: int = TEAMS) -> Iterator[Event]:
    """Every event of one double round-robin season of ``teams`` clubs (about 23,000 for 20)."""
    rng = random.Random(seed * 1000 + season)
    clubs = [Team(team_id=f"club{n:02d}", name=f"Club {n}") for n in range(teams)]
    squads = [_squad(n) for n in range(teams)]
    start = datetime(2000 + season, 8, 1, 15, 0, tzinfo=UTC)
    fixtures = [(h, a) for h in range(teams) for a in range(teams) if h != a]
    rng.shuffle(fixtures)
    for n, (h, a) in enumerate(fixtures):
        label = f"{2000 + season}-{(2001 + season) % 100:02d}"
        when = start + timedelta(days=n // 10)
        yield from _match(rng, f"s{season}-m{n:04d}", label, clubs, squads, h, a, when, n)


def _match(
    rng: random.Random,
    match_id: str,
    season_label: str,
    clubs: list[Team],
    squads: list[list[Player]],
    h: int,
    a: int,
    kickoff: datetime,
    n: int,
) -> Iterator[Event]:
    ids = (f"{match_id}-{k}" for k in range(10_000))

    def base() -> dict[str, str]:
        return {"event_id": next(ids), "match_id": match_id}

    sides = {clubs[h].team_id: squads[h], clubs[a].team_id: squads[a]}
    yield MatchScheduled(
        **base(),
        competition="Synthetic League",
        season=season_label,
        round=str(n // 10 + 1),
        kickoff=kickoff,
        venue=f"Ground {h}",
        home=clubs[h],
        away=clubs[a],
    )
    on_pitch: dict[str, list[Player]] = {}
    bench: dict[str, list[Player]] = {}
    for team, squad in sides.items():
        yield LineupAnnounced(
            **base(),
            team=team,
            starters=tuple(
                LineupEntry(player=p, shirt_number=i + 1) for i, p in enumerate(squad[:11])
            ),
            bench=tuple(
                LineupEntry(player=p, shirt_number=i + 12) for i, p in enumerate(squad[11:])
            ),
        )
        on_pitch[team] = list(squad[:11])
        bench[team] = list(squad[11:])
    cautioned: set[str] = set()
    subs_left = dict.fromkeys(sides, 3)
    teams = list(sides)
    for period, first, last in ((Period.FIRST_HALF, 1, 45), (Period.SECOND_HALF, 46, 90)):
        yield PeriodStarted(**base(), period=period)
        minutes = sorted(rng.randint(first, last) for _ in range(rng.randint(35, 50)))
        for minute in minutes:
            at = MatchTime(minute=minute)
            team = rng.choice(teams)
            other = teams[1 - teams.index(team)]
            if len(on_pitch[team]) < 2 or len(on_pitch[other]) < 2:
                continue
            roll = rng.random()
            player = rng.choice(on_pitch[team][1:])
            if roll < 0.30:
                outcome = rng.choice(_OUTCOMES)
                keeper = on_pitch[other][0]
                yield ShotTaken(
                    **base(),
                    team=team,
                    at=at,
                    player=player,
                    outcome=outcome,
                    stopped_by=keeper if outcome is ShotOutcome.SAVED else None,
                )
            elif roll < 0.85:
                yield FoulCommitted(
                    **base(), team=team, at=at, player=player, fouled=rng.choice(on_pitch[other])
                )
            elif roll < 0.95:
                pid = player.player_id
                card = Card.SECOND_YELLOW if pid in cautioned else Card.YELLOW
                if card is Card.SECOND_YELLOW and rng.random() < 0.7:
                    continue
                yield CardShown(**base(), team=team, at=at, player=player, card=card)
                if card is Card.YELLOW:
                    cautioned.add(pid)
                else:
                    on_pitch[team].remove(player)
            elif period is Period.SECOND_HALF and subs_left[team]:
                subs_left[team] -= 1
                incoming = bench[team].pop(0)
                yield SubstitutionMade(
                    **base(), team=team, at=at, player_off=player, player_on=incoming
                )
                on_pitch[team][on_pitch[team].index(player)] = incoming
        end = MatchTime(minute=last, added=rng.randint(0, 5))
        yield PeriodEnded(**base(), period=period, at=end)
    yield MatchEnded(**base())


def events(count: int, *, seed: int = 2020) -> list[Event]:
    """The first ``count`` events of consecutive synthetic seasons (whole matches only)."""
    out: list[Event] = []
    season = 0
    while len(out) < count:
        out.extend(season_events(season, seed=seed))
        season += 1
    # cut at a match boundary at or after count so that every match is whole
    cut = count
    while cut < len(out) and not isinstance(out[cut], MatchScheduled):
        cut += 1
    return out[:cut]
