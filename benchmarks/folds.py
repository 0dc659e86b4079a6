"""The folds against plain Python loops over the same events as parsed JSON dicts.

The dicts are ``orjson.loads`` of the ledger's ``dumps``: what a user with a data frame or
a JSON feed would have. Each plain loop computes the same numbers as the fold it stands
against (the benchmark checks that they are equal before timing anything), and nothing
more:

* **scores**: per match, the shots with outcome ``"goal"`` for the shooter's team and own
  goals for the other team, minus disallowed goals; shootout kicks do not count; a
  recorded result stands for the goals and an awarded result overrides them. The fold
  also gives half-time, full-time, extra-time and shootout scores and the match status.
* **player stats**: appearances, starts, minutes played (the library's convention:
  stoppage time counts, rounded where a player comes on and goes off), goals, assists,
  shots, shots on target, fouls committed and won, yellow and red cards. The fold counts
  26 numbers per player, among them penalties, saves and goals conceded.
* **table**: played, won, drawn, lost, goals and points (3 for a win) per team from the
  scores of the finished matches, sorted by points, goal difference and goals scored. The
  fold also keeps home and away records and form, applies the competition's rules of the
  season and explains its tie-breaks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

import matchledger as ml
from benchmarks.timing import best_and_median, row
from benchmarks.workload import TEAMS, season_events

Dicts = list[dict[str, Any]]
Result = tuple[str, str, int, int, bool]  # home id, away id, home goals, away goals, finished
TableRow = tuple[str, int, int, int, int, int, int, int]  # team, P, W, D, L, GF, GA, points

RULES = "premier-league"  # the synthetic seasons are 2000-01 on: 3 points, then GD, GF


@dataclass(frozen=True)
class Corpus:
    """Whole synthetic seasons as a ledger, as JSON bytes and as parsed dicts."""

    seasons: int
    ledger: ml.Ledger
    data: bytes
    dicts: Dicts

    @property
    def label(self) -> str:
        events = len(self.ledger)
        plural = "s" if self.seasons > 1 else ""
        return f"{self.seasons} season{plural}, {events:,} events"


def corpus(seasons: int, teams: int = TEAMS) -> Corpus:
    """``seasons`` consecutive synthetic seasons of ``teams`` clubs."""
    ledger = ml.Ledger([e for s in range(seasons) for e in season_events(s, teams=teams)])
    data = ml.dumps(ledger)
    return Corpus(seasons=seasons, ledger=ledger, data=data, dicts=orjson.loads(data)["events"])


# --- the plain loops ---------------------------------------------------------------------


def plain_scores(events: Dicts) -> dict[str, Result]:
    """Match id -> (home, away, home goals, away goals, finished) from the event dicts."""
    # per match: [home, away, home goals, away goals, finished, awarded, recorded]
    matches: dict[str, list[Any]] = {}
    goals: dict[str, tuple[list[Any], int]] = {}  # goal event id -> (match, 2 or 3)
    for e in events:
        kind = e["type"]
        if kind == "shot_taken":
            if e["outcome"] == "goal":
                m = matches.get(e["match_id"])
                if m is not None:
                    side = 2 if e["team"] == m[0] else 3
                    m[side] += 1
                    goals[e["event_id"]] = (m, side)
        elif kind == "own_goal_scored":
            m = matches.get(e["match_id"])
            if m is not None:
                side = 3 if e["team"] == m[0] else 2
                m[side] += 1
                goals[e["event_id"]] = (m, side)
        elif kind == "goal_disallowed":
            found = goals.pop(e["goal"], None)
            if found is not None:
                found[0][found[1]] -= 1
        elif kind == "match_scheduled":
            home, away = e["home"]["team_id"], e["away"]["team_id"]
            matches[e["match_id"]] = [home, away, 0, 0, False, None, None]
        elif kind in {"match_ended", "result_recorded", "result_awarded"}:
            m = matches.get(e["match_id"])
            if m is not None:
                m[4] = True
                if kind != "match_ended":
                    m[5 if kind == "result_awarded" else 6] = (e["home_goals"], e["away_goals"])
    out: dict[str, Result] = {}
    for match_id, (home, away, hg, ag, finished, awarded, recorded) in matches.items():
        result = awarded or recorded or (hg, ag)
        out[match_id] = (home, away, result[0], result[1], finished)
    return out


def rank(results: Iterable[Result]) -> list[TableRow]:
    """Each team's record from the finished matches, by points, goal difference, goals."""
    teams: dict[str, list[int]] = {}  # team -> [P, W, D, L, GF, GA, points]
    for home, away, hg, ag, finished in results:
        h = teams.get(home) or teams.setdefault(home, [0] * 7)
        a = teams.get(away) or teams.setdefault(away, [0] * 7)
        if not finished:
            continue
        for r, gf, ga in ((h, hg, ag), (a, ag, hg)):
            r[0] += 1
            r[4] += gf
            r[5] += ga
            if gf > ga:
                r[1] += 1
                r[6] += 3
            elif gf == ga:
                r[2] += 1
                r[6] += 1
            else:
                r[3] += 1
    rows = [(team, *r) for team, r in teams.items()]
    rows.sort(key=lambda t: (-t[7], t[6] - t[5], -t[5], t[0]))
    return rows  # type: ignore[return-value]


def plain_table(events: Dicts) -> list[TableRow]:
    """The ranked table from the event dicts."""
    return rank(plain_scores(events).values())


STAT_FIELDS = (
    "appearances",
    "starts",
    "minutes_played",
    "goals",
    "assists",
    "shots",
    "shots_on_target",
    "fouls_committed",
    "fouls_won",
    "yellow_cards",
    "red_cards",
)
APP, START, MIN, GOAL, ASSIST, SHOT, ON_TARGET, FOUL, FOULED, YELLOW, RED = range(11)
_ON_TARGET = frozenset({"goal", "saved", "cleared_off_line"})
_NOMINAL = {  # period -> (minutes played before it, its length)
    "first_half": (0, 45),
    "second_half": (45, 45),
    "extra_time_first_half": (90, 15),
    "extra_time_second_half": (105, 15),
}


def _elapsed(at: dict[str, int]) -> float:
    """Minutes on the clock at a match time: the end of the minute, or to the second."""
    second = at.get("second")
    clock = at["minute"] + at.get("added", 0)
    return float(clock) if second is None else clock - 1 + second / 60


def _period(minute: int) -> str:
    if minute <= 45:
        return "first_half"
    if minute <= 90:
        return "second_half"
    return "extra_time_first_half" if minute <= 105 else "extra_time_second_half"


class _Clock:
    """One match's playing time while its events are read: who is on since when."""

    __slots__ = ("away", "end", "home", "latest", "lineups", "on", "period", "start")

    def __init__(self, home: str, away: str) -> None:
        self.home, self.away = home, away
        self.lineups = False
        self.period: str | None = None
        self.start = self.end = self.latest = 0.0
        self.on: dict[str, float] = {}  # player id -> minute he came on

    def clock(self, at: dict[str, int] | None) -> float:
        """Playing time at an event (the latest known when it has no time in the period)."""
        if self.period is None:
            return self.end
        if at is None or _period(at["minute"]) != self.period:
            return self.latest
        base = _NOMINAL[self.period][0]
        self.latest = max(self.latest, self.start + max(0.0, _elapsed(at) - base))
        return self.latest

    def leave(self, pid: str, when: float, players: dict[str, list[int]]) -> None:
        since = self.on.pop(pid, None)
        if since is not None:
            players[pid][MIN] += max(0, round(when) - round(since))


def plain_player_stats(events: Dicts) -> list[tuple[str, str, str, list[int]]]:
    """(player id, name, team, counts in STAT_FIELDS order), by team and name."""
    players: dict[str, list[int]] = {}
    info: dict[str, tuple[str, str]] = {}
    matches: dict[str, _Clock] = {}
    goals: dict[str, tuple[str, str | None]] = {}  # goal id -> scorer, assist

    def counts(player: dict[str, str], team: str) -> list[int]:
        pid = player["player_id"]
        found = players.get(pid)
        if found is None:
            found = players[pid] = [0] * len(STAT_FIELDS)
            info[pid] = (player["name"], team)
        return found

    for e in events:
        kind = e["type"]
        if kind == "foul_committed":
            counts(e["player"], e["team"])[FOUL] += 1
            fouled = e.get("fouled")
            if fouled is not None:
                m = matches[e["match_id"]]
                counts(fouled, m.away if e["team"] == m.home else m.home)[FOULED] += 1
        elif kind == "shot_taken":
            outcome = e["outcome"]
            r = counts(e["player"], e["team"])
            r[SHOT] += 1
            if outcome in _ON_TARGET:
                r[ON_TARGET] += 1
            if outcome == "goal":
                r[GOAL] += 1
                assist = e.get("assist")
                if assist is not None:
                    counts(assist, e["team"])[ASSIST] += 1
                goals[e["event_id"]] = (e["player"]["player_id"], assist and assist["player_id"])
        elif kind == "card_shown":
            if e.get("official"):
                continue
            card = e["card"]
            r = counts(e["player"], e["team"])
            if card != "red":
                r[YELLOW] += 1
            if card != "yellow":
                r[RED] += 1
                m = matches[e["match_id"]]
                m.leave(e["player"]["player_id"], m.clock(e.get("at")), players)
        elif kind == "substitution_made":
            m = matches[e["match_id"]]
            when = m.clock(e.get("at"))
            m.leave(e["player_off"]["player_id"], when, players)
            counts(e["player_on"], e["team"])[APP] += 1
            if m.lineups:
                m.on[e["player_on"]["player_id"]] = when
        elif kind == "goal_disallowed":
            found = goals.pop(e["goal"], None)
            if found is not None:
                players[found[0]][GOAL] -= 1
                if found[1] is not None:
                    players[found[1]][ASSIST] -= 1
        elif kind == "period_started":
            m = matches[e["match_id"]]
            m.period = e["period"]
            m.start = m.latest = m.end
        elif kind == "period_ended":
            m = matches[e["match_id"]]
            if e["period"] in _NOMINAL:
                base, length = _NOMINAL[e["period"]]
                at = e.get("at")
                added = _elapsed(at) - base - length if at is not None else 0.0
                m.end = max(m.start + length + max(0.0, added), m.latest)
            m.period = None
        elif kind == "lineup_announced":
            m = matches[e["match_id"]]
            m.lineups = True
            for entry in e["starters"]:
                r = counts(entry["player"], e["team"])
                r[APP] += 1
                r[START] += 1
                m.on[entry["player"]["player_id"]] = 0.0
        elif kind == "match_scheduled":
            matches[e["match_id"]] = _Clock(e["home"]["team_id"], e["away"]["team_id"])
    for m in matches.values():  # whoever is still on plays to the end
        end = max(m.end, 90.0 if m.lineups and m.end == 0 else 0.0)
        for pid, since in m.on.items():
            players[pid][MIN] += max(0, round(end) - round(since))
    out = [(pid, *info[pid], r) for pid, r in players.items()]
    out.sort(key=lambda p: (p[2], p[1].casefold()))
    return out  # type: ignore[return-value]


# --- the checks: the plain loops compute what the library computes --------------------------


def require(condition: bool, message: str) -> None:
    """Stop the benchmark when a comparison would not be like for like."""
    if not condition:
        raise AssertionError(message)


def check_scores(c: Corpus) -> None:
    ours = {
        m: (s.home.team_id, s.away.team_id, s.home_goals, s.away_goals)
        for m, s in ml.scores(c.ledger).items()
    }
    plain = {m: r[:4] for m, r in plain_scores(c.dicts).items()}
    require(ours == plain, "the plain score loop disagrees with scores()")


def check_player_stats(c: Corpus) -> None:
    # a player with none of these numbers (a keeper who only made saves, say) is left out
    ours = {
        s.player_id: (s.name, s.team, *numbers)
        for s in ml.player_stats(c.ledger)
        if any(numbers := [getattr(s, f) for f in STAT_FIELDS])
    }
    plain = {pid: (name, team, *r) for pid, name, team, r in plain_player_stats(c.dicts) if any(r)}
    require(ours == plain, "the plain player-stats loop disagrees with player_stats()")


def table_numbers(table: ml.Table) -> list[TableRow]:
    return [
        (r.team.team_id, r.played, r.won, r.drawn, r.lost, r.goals_for, r.goals_against, r.points)
        for r in table.rows
    ]


def same_table(ours: list[TableRow], plain: list[TableRow]) -> bool:
    """The same numbers for every team, in the same order of points, GD and goals.

    Clubs level on all three may be listed in another order.
    """

    def key(r: TableRow) -> tuple[int, int, int]:
        return (r[7], r[5] - r[6], r[5])

    return sorted(ours) == sorted(plain) and [key(r) for r in ours] == [key(r) for r in plain]


def check_table(c: Corpus) -> None:
    ours = table_numbers(ml.standings(c.ledger, RULES))
    require(same_table(ours, plain_table(c.dicts)), "the plain table disagrees")


# --- the report sections ------------------------------------------------------------------


def folds_intro() -> list[str]:
    """The heading of the section on folds against plain loops."""
    return [
        "## Folds against plain loops over the parsed dicts",
        "",
        (
            "Each fold over a ledger in memory, against a plain Python loop over the same "
            "events as parsed JSON dicts (`orjson.loads` of the ledger's `dumps`) computing the "
            "same numbers, which are checked equal before timing. The plain loops compute only "
            "what they are compared on: the score of each match; appearances, starts, minutes, "
            "goals, assists, shots, shots on target, fouls and cards per player; and the table "
            "sorted by points, goal difference and goals. The folds compute more (see "
            "`benchmarks/folds.py`)."
        ),
        "",
    ]


def bench_folds(c: Corpus, repeat: int) -> list[str]:
    """Each fold over the in-memory ledger against its plain loop over the dicts."""
    check_scores(c)
    check_player_stats(c)
    cases = [
        (
            "scores of every match",
            lambda: plain_scores(c.dicts),
            lambda: ml.scores(c.ledger),
            "scores(ledger)",
        ),
        (
            "player stats",
            lambda: plain_player_stats(c.dicts),
            lambda: ml.player_stats(c.ledger),
            "player_stats(ledger)",
        ),
    ]
    if c.seasons == 1:  # a table is one season's
        check_table(c)
        cases.append(
            (
                "table",
                lambda: plain_table(c.dicts),
                lambda: ml.standings(c.ledger, RULES),
                f'standings(ledger, "{RULES}")',
            )
        )
    n = len(c.ledger)
    rows = [
        f"### {c.label}",
        "",
        "| step | best | median | µs per event | x plain loop |",
        "|---|---:|---:|---:|---:|",
    ]
    for what, plain, ours, name in cases:
        floor, floor_med = best_and_median(plain, repeat)
        best, median = best_and_median(ours, repeat)
        rows += [
            row(f"plain loop: {what} (floor)", floor, floor_med, n, floor),
            row(f"`{name}`", best, median, n, floor),
        ]
    rows.append("")
    return rows


def end_to_end(data: bytes) -> ml.Table:
    """JSON bytes to the ranked table with matchledger."""
    return ml.standings(ml.loads(data), RULES)


def plain_end_to_end(data: bytes) -> list[TableRow]:
    """JSON bytes to the ranked table with orjson and the plain loop."""
    return plain_table(orjson.loads(data)["events"])


def bench_end_to_end(c: Corpus, repeat: int) -> tuple[list[str], tuple[float, float]]:
    """Bytes to a ranked table; the section, and matchledger's best and median times."""
    ours_table = table_numbers(end_to_end(c.data))
    require(same_table(ours_table, plain_end_to_end(c.data)), "the tables differ")
    floor, floor_med = best_and_median(lambda: plain_end_to_end(c.data), repeat)
    best, median = best_and_median(lambda: end_to_end(c.data), repeat)
    n = len(c.ledger)
    rows = [
        f"## End to end: JSON bytes to the ranked table ({c.label})",
        "",
        (
            f"matchledger decodes and validates every event (`loads`) and folds the table "
            f'(`standings(..., "{RULES}")`); the floor parses the same bytes with '
            "`orjson.loads` and runs the plain table loop above, with no validation."
        ),
        "",
        "| step | best | median | µs per event | x floor |",
        "|---|---:|---:|---:|---:|",
        row("`orjson.loads` + plain loop (floor)", floor, floor_med, n, floor),
        row(f'`standings(loads(data), "{RULES}")`', best, median, n, floor),
        "",
    ]
    return rows, (best, median)
