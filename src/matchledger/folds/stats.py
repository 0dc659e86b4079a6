"""Player statistics: every player's numbers in a match, summed over matches.

The conventions, in one place:

* **Goals** are the shooter's goals that stand: own goals never count in ``goals``
  (they are ``own_goals``), a disallowed goal drops out of ``goals`` but its attempt
  still counts as a shot on target.
* **Shots** are attempts in play (penalties included, shootout kicks not). On target:
  goals, saves and clearances off the line. Off target: wide, over, and woodwork (a
  shot that hits the post or bar and stays out). ``shots_blocked`` are blocked by an
  outfield player.
* **Penalties**: ``penalties_missed`` is every penalty taken that was not a goal (saved,
  wide, woodwork); the goalkeeper who saved it gets ``penalties_saved`` and a save.
* **Corrections**: a ``GoalCredited`` moves the goal (or, as an own goal, to the
  opponent who scored it, without its assist); the shot stays the original shooter's,
  and so do a penalty's numbers. A ``CardRescinded`` takes the card's yellow and red
  back; the minutes stay as played.
* **Cards**: a second yellow counts as a yellow card *and* a red card, so a player sent
  off for two cautions has ``yellow_cards == 2`` and ``red_cards == 1``. Cards to team
  officials are not player statistics.
* **Goalkeepers**: the saver is the ``stopped_by`` of a saved shot; otherwise the
  keeper is the opponent's player on the pitch whose lineup position is ``GK``
  (a substitute replacing him takes the gloves). ``goals_conceded`` counts the
  opponent's goals (own goals included) while the keeper was on the pitch.
* **Minutes** are actual playing time, stoppage time included: each period lasts its
  nominal length (45 or 15 minutes) plus the added time recorded when it ended
  (``PeriodEnded.at``, e.g. ``45+1'``). A time without seconds counts to the end of its
  minute (``64'`` is 64 minutes in); a time to the second counts exactly (``64':11``, the
  clock reading 63:11, is 63 minutes 11 seconds in), as provider feeds give it. A
  player who comes on at ``90+2'`` in a second half that ended at ``90+4'`` plays 2
  minutes; the player he replaced plays the rest. Minutes are rounded where a player
  comes on and goes off, so a team's players share exactly 11 times the match's length.
  A substitution or dismissal without a time counts from the latest time recorded
  before it in the period in progress, one between periods from the end of the last
  period. While a period is in progress, players on the pitch have their minutes to
  the latest time recorded in it (a live match, as it stands). A match with lineups
  but no period events is taken as played in full: its starters play 90 minutes
  (and the times of its substitutions are not read). Without lineups no
  minutes are counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs
from attrs import frozen

from matchledger.events import (
    Card,
    CardRescinded,
    CardShown,
    Event,
    FoulCommitted,
    GoalCredited,
    GoalDisallowed,
    LineupAnnounced,
    MatchScheduled,
    MatchTime,
    OwnGoalScored,
    PenaltyAwarded,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
)

__all__ = ["PlayerStats", "TeamStats", "player_stats", "team_stats"]

_COUNTS: Final = (
    "appearances",
    "starts",
    "minutes_played",
    "goals",
    "own_goals",
    "assists",
    "shots",
    "shots_on_target",
    "shots_off_target",
    "shots_blocked",
    "woodwork",
    "cleared_off_line",
    "penalties_won",
    "penalties_conceded",
    "penalties_taken",
    "penalties_scored",
    "penalties_missed",
    "penalties_saved",
    "saves",
    "goals_conceded",
    "fouls_committed",
    "fouls_won",
    "yellow_cards",
    "red_cards",
    "shootout_kicks_taken",
    "shootout_kicks_scored",
)
_NOMINAL: Final = {
    Period.FIRST_HALF: (0, 45),
    Period.SECOND_HALF: (45, 45),
    Period.EXTRA_TIME_FIRST_HALF: (90, 15),
    Period.EXTRA_TIME_SECOND_HALF: (105, 15),
}
_GOALKEEPER: Final = frozenset({"gk", "g", "goalkeeper", "keeper", "por", "tw"})


@frozen(kw_only=True)
class PlayerStats:
    """One player's numbers over one match or several (see the module's conventions).

    A monoid: ``a.merge(b)`` of the same player's stats over disjoint matches is the
    stats over both.

    Example:
        >>> from matchledger import load_example
        >>> stats = {s.name: s for s in player_stats(load_example())}
        >>> stats["Lautaro Martínez"].goals, stats["Lautaro Martínez"].cleared_off_line
        (1, 1)
    """

    player_id: str
    name: str
    team: str
    appearances: int = 0
    starts: int = 0
    minutes_played: int = 0
    goals: int = 0
    own_goals: int = 0
    assists: int = 0
    shots: int = 0
    shots_on_target: int = 0
    shots_off_target: int = 0
    shots_blocked: int = 0
    woodwork: int = 0
    cleared_off_line: int = 0
    penalties_won: int = 0
    penalties_conceded: int = 0
    penalties_taken: int = 0
    penalties_scored: int = 0
    penalties_missed: int = 0
    penalties_saved: int = 0
    saves: int = 0
    goals_conceded: int = 0
    fouls_committed: int = 0
    fouls_won: int = 0
    yellow_cards: int = 0
    red_cards: int = 0
    shootout_kicks_taken: int = 0
    shootout_kicks_scored: int = 0

    def merge(self, other: PlayerStats) -> PlayerStats:
        """The stats over both (the same player, disjoint matches)."""
        return attrs.evolve(self, **{k: getattr(self, k) + getattr(other, k) for k in _COUNTS})

    def to_dict(self) -> dict[str, object]:
        """Plain values, for JSON or a dataframe."""
        return attrs.asdict(self)


class _Match:
    """Mutable counts for one match while its events are read."""

    def __init__(self, schedule: MatchScheduled) -> None:
        self.schedule = schedule
        self.counts: dict[str, dict[str, int]] = {}
        self.info: dict[str, tuple[str, str]] = {}  # player id -> (name, team)
        self.keeper: dict[str, str | None] = {}  # team -> goalkeeper on the pitch
        self.on_since: dict[str, float] = {}  # player id -> clock when he came on
        self.period: Period | None = None
        self.period_start = 0.0  # clock at the start of the period in progress
        self.clock_end = 0.0  # clock at the end of the last period ended
        self.latest = 0.0  # the latest clock an event of the period in progress gave
        # goal id -> (scorer id, the counter to take back, conceding team, its keeper)
        self.goals: dict[str, tuple[str, str, str, str | None]] = {}
        self.assists: dict[str, tuple[Player, str]] = {}  # goal id -> assist, team
        self.penalty_goals: dict[str, tuple[Player, str]] = {}  # goal id -> taker, team
        self.cards: dict[str, CardShown] = {}
        self.lineups = False

    def opponent(self, team: str) -> str:
        s = self.schedule
        return s.away.team_id if team == s.home.team_id else s.home.team_id

    def add(self, player: Player | None, team: str, field: str, n: int = 1) -> None:
        if player is None:
            return
        pid = player.player_id
        if pid not in self.info:
            self.info[pid] = (player.name, team)
        row = self.counts.get(pid)
        if row is None:
            row = self.counts[pid] = {}
        row[field] = row.get(field, 0) + n

    def bump(self, pid: str | None, field: str, n: int = 1) -> None:
        """Count for a player already seen in the match (by id), if any."""
        if pid is None:
            return
        row = self.counts.setdefault(pid, {})
        row[field] = row.get(field, 0) + n

    def clock(self, at: MatchTime | None) -> float:
        """Playing time elapsed at ``at`` (the period in progress when ``at`` is None)."""
        if self.period is None:  # between periods (a half-time substitution, say)
            return self.clock_end
        if at is None or at.period is not self.period:
            return self.latest  # no time: just after the events recorded before it
        base, _ = _NOMINAL[at.period]
        # the ledger's order is the match's: a time never goes back (46':00 after 46')
        self.latest = max(self.latest, self.period_start + max(0.0, _elapsed(at) - base))
        return self.latest

    def leave(self, pid: str, when: float) -> None:
        since = self.on_since.pop(pid, None)
        if since is not None:
            self.bump(pid, "minutes_played", max(0, round(when) - round(since)))
        for team, keeper in self.keeper.items():
            if keeper == pid:
                self.keeper[team] = None


def _elapsed(at: MatchTime) -> float:
    """Minutes on the match clock at ``at``: the end of the printed minute, or to the second.

    ``64'`` counts as 64 minutes; ``64':11`` (the clock read 63:11) as 63 minutes 11 seconds.
    """
    if at.second is None:
        return float(at.minute + at.added)
    return at.minute + at.added - 1 + at.second / 60


def _on_lineup_announced(m: _Match, e: LineupAnnounced) -> None:
    m.lineups = True
    for entry in e.starters:
        p = entry.player
        m.add(p, e.team, "appearances")
        m.add(p, e.team, "starts")
        m.on_since[p.player_id] = 0.0
        if (entry.position or "").strip().casefold() in _GOALKEEPER:
            m.keeper[e.team] = p.player_id
    for entry in e.bench:
        m.info.setdefault(entry.player.player_id, (entry.player.name, e.team))


def _on_period_started(m: _Match, e: PeriodStarted) -> None:
    m.period = e.period
    m.period_start = m.latest = m.clock_end


def _on_period_ended(m: _Match, e: PeriodEnded) -> None:
    if e.period in _NOMINAL:
        base, length = _NOMINAL[e.period]
        added = _elapsed(e.at) - base - length if e.at is not None else 0.0
        # without a recorded end, the period lasted at least until its last event
        m.clock_end = max(m.period_start + length + max(0.0, added), m.latest)
    m.period = None


def _on_shot_taken(m: _Match, e: ShotTaken) -> None:  # noqa: C901, PLR0912 - every outcome
    m.clock(e.at)  # every event's time moves the clock on: the minutes of a match in play
    opp = m.opponent(e.team)
    outcome = e.outcome
    m.add(e.player, e.team, "shots")
    if outcome.on_target:
        m.add(e.player, e.team, "shots_on_target")
    elif outcome is ShotOutcome.BLOCKED:
        m.add(e.player, e.team, "shots_blocked")
    else:
        m.add(e.player, e.team, "shots_off_target")
    if outcome.hit_woodwork:
        m.add(e.player, e.team, "woodwork")
    if outcome is ShotOutcome.CLEARED_OFF_LINE:
        m.add(e.player, e.team, "cleared_off_line")
    penalty = e.situation is Situation.PENALTY
    if penalty:
        m.add(e.player, e.team, "penalties_taken")
    keeper_id = m.keeper.get(opp)
    if outcome is ShotOutcome.SAVED:
        saver: str | None
        if e.stopped_by is not None:
            m.add(e.stopped_by, opp, "saves")
            saver = e.stopped_by.player_id
        else:
            saver = keeper_id
            m.bump(saver, "saves")
        if penalty:
            m.bump(saver, "penalties_saved")
    if outcome is ShotOutcome.GOAL:
        m.add(e.player, e.team, "goals")
        m.add(e.assist, e.team, "assists")
        if e.assist is not None:
            m.assists[e.event_id] = (e.assist, e.team)
        if penalty:
            m.add(e.player, e.team, "penalties_scored")
            m.penalty_goals[e.event_id] = (e.player, e.team)
        m.goals[e.event_id] = (e.player.player_id, "goals", opp, keeper_id)
        m.bump(keeper_id, "goals_conceded")
    elif penalty:
        m.add(e.player, e.team, "penalties_missed")


def _on_own_goal_scored(m: _Match, e: OwnGoalScored) -> None:
    m.clock(e.at)
    m.add(e.player, e.team, "own_goals")
    keeper_id = m.keeper.get(e.team)
    m.goals[e.event_id] = (e.player.player_id, "own_goals", e.team, keeper_id)
    m.bump(keeper_id, "goals_conceded")


def _on_goal_disallowed(m: _Match, e: GoalDisallowed) -> None:
    found = m.goals.pop(e.goal, None)
    if found is None:
        return
    scorer, counter, _, keeper_id = found
    m.bump(scorer, counter, -1)
    assist = m.assists.pop(e.goal, None)
    if assist is not None:
        m.add(assist[0], assist[1], "assists", -1)
    taker = m.penalty_goals.pop(e.goal, None)
    if taker is not None:
        m.add(taker[0], taker[1], "penalties_scored", -1)
    m.bump(keeper_id, "goals_conceded", -1)


def _on_goal_credited(m: _Match, e: GoalCredited) -> None:
    found = m.goals.get(e.goal)
    if found is None:
        return
    scorer, counter, conceding, keeper_id = found
    m.bump(scorer, counter, -1)
    if e.own_goal:
        m.add(e.player, conceding, "own_goals")
        assist = m.assists.pop(e.goal, None)  # an own goal has no assist
        if assist is not None:
            m.add(assist[0], assist[1], "assists", -1)
    else:
        m.add(e.player, m.opponent(conceding), "goals")
    counter = "own_goals" if e.own_goal else "goals"
    m.goals[e.goal] = (e.player.player_id, counter, conceding, keeper_id)


def _on_card_rescinded(m: _Match, e: CardRescinded) -> None:
    shown = m.cards.pop(e.card, None)
    if shown is None:
        return
    if shown.card is not Card.RED:
        m.add(shown.player, shown.team, "yellow_cards", -1)
    if shown.card.dismisses:
        m.add(shown.player, shown.team, "red_cards", -1)


def _on_penalty_awarded(m: _Match, e: PenaltyAwarded) -> None:
    m.clock(e.at)
    m.add(e.won_by, e.team, "penalties_won")
    m.add(e.conceded_by, m.opponent(e.team), "penalties_conceded")


def _on_foul_committed(m: _Match, e: FoulCommitted) -> None:
    # the commonest event of all: m.add, written out
    m.clock(e.at)
    counts, info = m.counts, m.info
    p = e.player
    pid = p.player_id
    if pid not in info:
        info[pid] = (p.name, e.team)
    row = counts.get(pid)
    if row is None:
        row = counts[pid] = {}
    row["fouls_committed"] = row.get("fouls_committed", 0) + 1
    if e.fouled is not None:
        m.add(e.fouled, m.opponent(e.team), "fouls_won")


def _on_card_shown(m: _Match, e: CardShown) -> None:
    if e.official:
        return
    m.cards[e.event_id] = e
    if e.card is not Card.RED:
        m.add(e.player, e.team, "yellow_cards")
    if e.card.dismisses:
        m.add(e.player, e.team, "red_cards")
        m.leave(e.player.player_id, m.clock(e.at))


def _on_substitution_made(m: _Match, e: SubstitutionMade) -> None:
    when = m.clock(e.at)
    was_keeper = m.keeper.get(e.team) == e.player_off.player_id
    m.leave(e.player_off.player_id, when)
    m.add(e.player_on, e.team, "appearances")
    if m.lineups:
        m.on_since[e.player_on.player_id] = when
    if was_keeper:
        m.keeper[e.team] = e.player_on.player_id


def _on_shootout_kick_taken(m: _Match, e: ShootoutKickTaken) -> None:
    m.add(e.player, e.team, "shootout_kicks_taken")
    if e.scored:
        m.add(e.player, e.team, "shootout_kicks_scored")


_STEPS: Final[dict[type, Callable[[_Match, Any], None]]] = {
    LineupAnnounced: _on_lineup_announced,
    PeriodStarted: _on_period_started,
    PeriodEnded: _on_period_ended,
    ShotTaken: _on_shot_taken,
    OwnGoalScored: _on_own_goal_scored,
    GoalDisallowed: _on_goal_disallowed,
    GoalCredited: _on_goal_credited,
    CardRescinded: _on_card_rescinded,
    PenaltyAwarded: _on_penalty_awarded,
    FoulCommitted: _on_foul_committed,
    CardShown: _on_card_shown,
    SubstitutionMade: _on_substitution_made,
    ShootoutKickTaken: _on_shootout_kick_taken,
}
"""What each kind of event does to a match's counts; the others change nothing."""


def _step(m: _Match, e: Event) -> None:
    """Count one event of the match."""
    step = _STEPS.get(type(e))
    if step is not None:
        step(m, e)


def player_stats(
    events: Iterable[Event], match_id: str | None = None, *, per_match: bool = False
) -> list[PlayerStats]:
    """Every player's stats over a ledger (or one match of it), in order of team and name.

    With ``per_match=True`` the list has one entry per player and match instead.

    Example:
        >>> from matchledger import load_example
        >>> gk = {s.name: s for s in player_stats(load_example())}["Samir Handanović"]
        >>> gk.penalties_saved, gk.saves, gk.goals_conceded
        (1, 2, 1)
    """
    matches: dict[str, _Match] = {}
    steps = _STEPS
    for e in events:
        kind = type(e)
        step = steps.get(kind)
        if step is None:
            if kind is MatchScheduled and (match_id is None or e.match_id == match_id):  # type: ignore[union-attr]
                matches[e.match_id] = _Match(e)  # type: ignore[arg-type, union-attr]
            continue  # the end of a match, a VAR review: nothing counted
        m = matches.get(e.match_id)  # type: ignore[union-attr]
        if m is not None:
            step(m, e)
    return _collect(matches.values(), per_match=per_match)


def _counts(m: _Match) -> dict[str, dict[str, int]]:
    """The match's counts so far (``m`` unchanged).

    Players still on the pitch play to the end of the last period ended or, while a
    period is in progress, to the latest time recorded in it; a match with lineups
    but no period recorded at all is taken as played in full (90 minutes).
    """
    if m.period is not None:  # in play: as it stands
        end = m.latest
    else:
        end = max(m.clock_end, 90.0 if m.lineups and m.clock_end == 0 else 0.0)
    counts = dict(m.counts)
    for pid, since in m.on_since.items():
        row = counts[pid] = dict(counts.get(pid, {}))
        row["minutes_played"] = row.get("minutes_played", 0) + max(0, round(end) - round(since))
    return counts


def _collect(matches: Iterable[_Match], *, per_match: bool) -> list[PlayerStats]:
    out: list[PlayerStats] = []
    if per_match:
        for m in matches:
            for pid, row in _counts(m).items():
                name, team = m.info[pid]
                out.append(PlayerStats(player_id=pid, name=name, team=team, **row))
        return sorted(out, key=lambda s: (s.team, s.name.casefold()))
    # add the plain counts up first, then build each player's stats once (as merge would:
    # the name and team of the player's first match)
    totals: dict[str, dict[str, int]] = {}
    first: dict[str, tuple[str, str]] = {}
    for m in matches:
        for pid, row in _counts(m).items():
            total = totals.get(pid)
            if total is None:
                totals[pid] = dict(row)
                first[pid] = m.info[pid]
                continue
            for field, n in row.items():
                total[field] = total.get(field, 0) + n
    for pid, total in totals.items():
        name, team = first[pid]
        out.append(PlayerStats(player_id=pid, name=name, team=team, **total))
    return sorted(out, key=lambda s: (s.team, s.name.casefold()))


@frozen(kw_only=True)
class TeamStats:
    """A team's numbers in one match, summed from its players' (the same fold).

    Example:
        >>> from matchledger import load_example, EXAMPLE_MATCH_ID
        >>> t = {s.team: s for s in team_stats(load_example(), EXAMPLE_MATCH_ID)}
        >>> (t["atalanta"].shots, t["atalanta"].woodwork, t["inter"].yellow_cards)
        (6, 2, 2)
    """

    match_id: str
    team: str
    goals: int = 0
    own_goals_for: int = 0
    shots: int = 0
    shots_on_target: int = 0
    shots_off_target: int = 0
    shots_blocked: int = 0
    woodwork: int = 0
    saves: int = 0
    fouls: int = 0
    yellow_cards: int = 0
    red_cards: int = 0

    def to_dict(self) -> dict[str, object]:
        """Plain values, for JSON or a dataframe."""
        return attrs.asdict(self)


def team_stats(events: Iterable[Event], match_id: str) -> list[TeamStats]:
    """The home and away team's numbers in one match (cards to officials not counted).

    ``own_goals_for`` are the opponent's own goals, which count for this team.

    Raises:
        KeyError: when the events do not schedule ``match_id``.
    """
    events = list(events)
    schedule = next(
        (e for e in events if isinstance(e, MatchScheduled) and e.match_id == match_id), None
    )
    if schedule is None:
        msg = f"no match {match_id!r} in the events"
        raise KeyError(msg)
    sides = (schedule.home.team_id, schedule.away.team_id)
    sums = {
        t: dict.fromkeys(
            (
                "goals",
                "own_goals",
                "shots",
                "shots_on_target",
                "shots_off_target",
                "shots_blocked",
                "woodwork",
                "saves",
                "fouls_committed",
                "yellow_cards",
                "red_cards",
            ),
            0,
        )
        for t in sides
    }
    for p in player_stats(events, match_id):
        for key, total in sums[p.team].items():
            sums[p.team][key] = total + getattr(p, key)
    out = []
    for team in sides:
        other = sides[1] if team == sides[0] else sides[0]
        s = sums[team]
        out.append(
            TeamStats(
                match_id=match_id,
                team=team,
                goals=s["goals"] + sums[other]["own_goals"],
                own_goals_for=sums[other]["own_goals"],
                shots=s["shots"],
                shots_on_target=s["shots_on_target"],
                shots_off_target=s["shots_off_target"],
                shots_blocked=s["shots_blocked"],
                woodwork=s["woodwork"],
                saves=s["saves"],
                fouls=s["fouls_committed"],
                yellow_cards=s["yellow_cards"],
                red_cards=s["red_cards"],
            )
        )
    return out
