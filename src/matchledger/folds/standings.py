"""League tables: team records ranked by a competition's rules, every tie-break explained.

:func:`standings` folds a season's events into team records
(:mod:`matchledger.folds.records`) and orders them at read time with
:class:`~matchledger.rules.Rules`. Clubs level on points are separated by the rules'
criteria in order; head-to-head criteria look only at the matches among the clubs
level. Where the criteria cannot separate clubs, or the rules call for a play-off or
lots that the events do not record (:class:`~matchledger.events.TieDecided`), the
rows share a position and say so (``unresolved_tie``), listed by team name: a
documented order, never a silent one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from matchledger._gc import paused
from matchledger.errors import LedgerError
from matchledger.events import (
    Event,
    MatchScheduled,
    MatchStatusChanged,
    PointsDeducted,
    ResultAwarded,
    Team,
    TieDecided,
)
from matchledger.folds.records import (
    MatchResult,
    SeasonState,
    Split,
    TeamRecord,
    _kickoff_key,
    fold_season,
    records,
    results,
)
from matchledger.ledger import Ledger
from matchledger.rules import PRESETS, Criterion, Place, Preset, Rules, guess_rules, resolve

if TYPE_CHECKING:
    import polars as pl

__all__ = ["Fixtures", "Row", "Table", "TieBreak", "select_season", "standings", "what_if"]

Venue = Literal["home", "away"]


@frozen(kw_only=True)
class Row:
    """One line of a table.

    ``unresolved_tie`` is true when the rules could not separate the team from the
    others sharing its position; ``tie_reason`` says why (e.g. a play-off the events do
    not record). ``decided_by`` names the criterion that placed the team against clubs
    level on points with it, if one did.
    """

    position: int
    team: Team
    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    goal_difference: int
    points: int
    points_deducted: int
    form: str
    unresolved_tie: bool = False
    tie_reason: str | None = None
    decided_by: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The row as plain values (the team as its name), for JSON or a dataframe."""
        return {
            "position": self.position,
            "team": self.team.name,
            "team_id": self.team.team_id,
            "played": self.played,
            "won": self.won,
            "drawn": self.drawn,
            "lost": self.lost,
            "goals_for": self.goals_for,
            "goals_against": self.goals_against,
            "goal_difference": self.goal_difference,
            "points": self.points,
            "points_deducted": self.points_deducted,
            "form": self.form,
            "unresolved_tie": self.unresolved_tie,
            "tie_reason": self.tie_reason,
            "decided_by": self.decided_by,
        }


@frozen(kw_only=True)
class TieBreak:
    """How one group of clubs level on points was split by one criterion."""

    points: int
    teams: tuple[str, ...]
    criterion: str
    values: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        """E.g. ``Inter, Lazio Roma on 72 points: head-to-head points Inter 4, Lazio Roma 1``."""
        shown = ", ".join(f"{name} {value}" for name, value in self.values)
        points = "1 point" if self.points == 1 else f"{self.points} points"
        return f"{', '.join(self.teams)} on {points}: {self.criterion} {shown}"


@frozen(kw_only=True)
class Table:
    """A ranked league table and how its ties were decided.

    Example:
        >>> from datetime import datetime, timezone
        >>> from matchledger import MatchScheduled, ResultRecorded, Team
        >>> kickoff = datetime(2020, 1, 11, 19, 45, tzinfo=timezone.utc)
        >>> events = [
        ...     MatchScheduled(event_id="s", match_id="m", competition="Serie A",
        ...                    season="2019-20", kickoff=kickoff,
        ...                    home=Team(team_id="inter", name="Inter"),
        ...                    away=Team(team_id="atalanta", name="Atalanta")),
        ...     ResultRecorded(event_id="r", match_id="m", home_goals=1, away_goals=1)]
        >>> [(r.position, r.team.name, r.points) for r in standings(events, "serie-a").rows]
        [(1, 'Atalanta', 1), (1, 'Inter', 1)]
    """

    competition: str
    season: str
    rules: Rules
    rows: tuple[Row, ...]
    tie_breaks: tuple[TieBreak, ...]
    venue: Venue | None = None

    def row(self, team: str) -> Row:
        """The row of a team, by id or name.

        Raises:
            KeyError: for a team not in the table.
        """
        for r in self.rows:
            if team in (r.team.team_id, r.team.name):
                return r
        msg = f"no team {team!r} in the table"
        raise KeyError(msg)

    def explain(self) -> list[str]:
        """One line per criterion that separated clubs level on points, and per open tie."""
        lines = [str(t) for t in self.tie_breaks]
        seen: set[int] = set()
        for r in self.rows:
            if r.unresolved_tie and r.position not in seen:
                seen.add(r.position)
                names = [x.team.name for x in self.rows if x.position == r.position]
                lines.append(f"{', '.join(names)} share position {r.position}: {r.tie_reason}")
        return lines

    def to_records(self) -> list[dict[str, object]]:
        """Every row as plain values, as ``matchledger table --json`` prints them.

        The keys, in order: :data:`matchledger.export.TABLE_COLUMNS`.

        Example:
            >>> from matchledger import load_serie_a_2019_20
            >>> top = standings(load_serie_a_2019_20(), "serie-a").to_records()[0]
            >>> top["team"], top["points"], top["goal_difference"]
            ('Juventus', 83, 33)
        """
        return [r.to_dict() for r in self.rows]

    def to_pandas(self) -> Any:
        """The rows as a pandas ``DataFrame`` (the columns of :meth:`to_records`, typed).

        Raises:
            MissingExtraError: pandas is not installed (``matchledger[pandas]``).

        Example:
            >>> from matchledger import load_serie_a_2019_20
            >>> df = standings(load_serie_a_2019_20(), "serie-a").to_pandas()
            >>> df.loc[df["goal_difference"] < 0, "team"].tolist()[:2]
            ['Hellas Verona', 'Parma Calcio 1913']
        """
        from matchledger.export import table_to_pandas  # noqa: PLC0415 - loaded when used

        return table_to_pandas(self)

    def to_polars(self) -> pl.DataFrame:
        """The rows as a polars ``DataFrame`` (the columns of :meth:`to_records`, typed).

        Raises:
            MissingExtraError: polars is not installed (``matchledger[polars]``).

        Example:
            >>> from matchledger import load_serie_a_2019_20
            >>> df = standings(load_serie_a_2019_20(), "serie-a").to_polars()
            >>> df.select("team", "points").row(0)
            ('Juventus', 83)
        """
        from matchledger.export import table_to_polars  # noqa: PLC0415 - loaded when used

        return table_to_polars(self)

    def __str__(self) -> str:
        """The table aligned for a terminal.

        ``*`` marks a place a tie-break decided, ``=`` a tie the rules leave open.
        """
        width = max([len(r.team.name) for r in self.rows] + [4])
        head = f"{'Pos':>3}  {'Team':<{width}}  {'P':>3} {'W':>3} {'D':>3} {'L':>3} "
        head += f"{'GF':>4} {'GA':>4} {'GD':>4} {'Pts':>4}  Form"
        lines = [head]
        for r in self.rows:
            mark = "=" if r.unresolved_tie else "*" if r.decided_by else " "
            deducted = f" ({-r.points_deducted:+d})" if r.points_deducted else ""
            lines.append(
                f"{r.position:>3}{mark} {r.team.name:<{width}}  {r.played:>3} {r.won:>3} "
                f"{r.drawn:>3} {r.lost:>3} {r.goals_for:>4} {r.goals_against:>4} "
                f"{r.goal_difference:>+4} {r.points:>4}  {r.form}{deducted}"
            )
        return "\n".join(lines)


# --- choosing the events -------------------------------------------------------------------


def _round_number(value: str | None) -> int | None:
    if value is None:
        return None
    digits = "".join(ch if ch.isdigit() else " " for ch in value).split()
    return int(digits[-1]) if digits else None


def _select(  # noqa: C901, PLR0912, PLR0915 - one pass to find the season, one to pick its events
    events: Iterable[Event],
    competition: str | None,
    season: str | None,
    as_of: date | datetime | int | None,
) -> tuple[list[Event], str, str]:
    """The events of one competition's season, up to ``as_of``."""
    chosen: list[Event] = []
    keep: set[str] = set()
    seasons: set[tuple[str, str]] = set()
    everything = list(events)
    held: set[tuple[str, str]] = set()  # every season scheduled, chosen or not
    rounds: set[tuple[str, str]] = set()  # the seasons whose matches record rounds
    # a rescheduled match counts at its new kick-off (the latest one recorded)
    moved: dict[str, datetime | None] = {}
    others = False  # events that may belong to no season chosen
    for e in everything:
        kind = type(e)
        if kind is MatchScheduled:
            key = (e.competition, e.season)  # type: ignore[union-attr]
            held.add(key)
            if isinstance(as_of, int) and _round_number(e.round) is not None:  # type: ignore[union-attr]
                rounds.add(key)
        elif kind is MatchStatusChanged:
            if e.kickoff is not None:  # type: ignore[union-attr]
                moved[e.match_id] = e.kickoff  # type: ignore[union-attr]
        elif kind is PointsDeducted or kind is TieDecided:
            others = True
    for key in held:
        if (competition is None or key[0] == competition) and (season is None or key[1] == season):
            seasons.add(key)
    if not seasons:
        what = " ".join(x for x in (competition, season) if x) or "any competition"
        msg = f"no matches of {what} in the events"
        raise LedgerError(msg)
    if len(seasons) > 1:
        # a league's play-off matches are a competition of their own: the table is the league's
        leagues = {k for k in seasons if not k[0].endswith(" play-offs")}
        if len(leagues) == 1 and competition is None:
            seasons = leagues
    if len(seasons) > 1:
        listed = "; ".join(f"{c} {s}" for c, s in sorted(seasons))
        msg = f"the events hold several competitions or seasons ({listed}); choose one"
        raise LedgerError(msg)
    ((comp, seas),) = seasons
    if isinstance(as_of, int) and (comp, seas) not in rounds:
        msg = f"the matches of {comp} {seas} record no rounds; ask for the table as of a date"
        raise LedgerError(msg)
    if as_of is None and held == seasons and not others and isinstance(events, Ledger):
        # one season and nothing else, in a ledger (where every event's match is scheduled)
        return everything, comp, seas
    for e in everything:
        if isinstance(e, (PointsDeducted, TieDecided)):
            if e.competition == comp and e.season == seas and _in_time(e, as_of):
                chosen.append(e)
            continue
        if isinstance(e, MatchScheduled):
            when = moved.get(e.match_id, e.kickoff)
            if e.competition == comp and e.season == seas and _scheduled_in(e, as_of, when):
                keep.add(e.match_id)
            elif e.competition == comp and e.season == seas:
                chosen.append(e)  # a fixture still to come: known, not yet played
                continue
        if e.match_id in keep:
            chosen.append(e)
    return chosen, comp, seas


def select_season(
    events: Iterable[Event], competition: str | None = None, season: str | None = None
) -> tuple[str, str]:
    """The one ``(competition, season)`` the events hold, narrowed by the arguments.

    Raises:
        LedgerError: when there is none, or several and the arguments do not choose.
    """
    _, comp, seas = _select(events, competition, season, None)
    return comp, seas


def _scheduled_in(
    e: MatchScheduled, as_of: date | datetime | int | None, kickoff: datetime | None
) -> bool:
    if as_of is None:
        return True
    if isinstance(as_of, int):
        number = _round_number(e.round)
        return number is not None and number <= as_of
    if kickoff is None:
        return False  # a match with no date cannot be placed before one
    if isinstance(as_of, datetime):
        return kickoff <= as_of
    return kickoff.date() <= as_of


def _in_time(e: PointsDeducted | TieDecided, as_of: date | datetime | int | None) -> bool:
    when = e.effective if isinstance(e, PointsDeducted) else e.decided_on
    if as_of is None or when is None or isinstance(as_of, int):
        return True
    limit = as_of.date() if isinstance(as_of, datetime) else as_of
    return when <= limit


# --- ranking ---------------------------------------------------------------------------------


class _Ranker:
    def __init__(  # noqa: PLR0913, PLR0917 - the parts of one table
        self,
        rules: Rules,
        recs: dict[str, TeamRecord],
        played: list[MatchResult],
        pending: set[frozenset[str]],
        decisions: Sequence[TieDecided],
        names: dict[str, str],
        venue: Venue | None,
    ) -> None:
        self.rules = rules
        self.recs = recs
        self.played = played
        self.pending = pending
        self.decisions = decisions
        self.names = names
        self.venue = venue
        self.tie_breaks: list[TieBreak] = []
        self.decided: dict[str, str] = {}
        self.size = len(recs)
        # every criterion asks for these again and again: work them out once
        self._splits = {team: rec.split(venue) for team, rec in recs.items()}
        self._points: dict[str, int] = {}
        for team, s in self._splits.items():
            deducted = recs[team].deducted if venue is None else 0
            self._points[team] = rules.points(won=s.won, drawn=s.drawn, lost=s.lost) - deducted

    def split(self, team: str) -> Split:
        return self._splits[team]

    def points(self, team: str) -> int:
        return self._points[team]

    def overall(self, crit: Criterion, team: str) -> Fraction | int:  # noqa: PLR0911
        s = self.split(team)
        if crit is Criterion.GOAL_DIFFERENCE:
            return s.goals_for - s.goals_against
        if crit is Criterion.GOAL_AVERAGE:
            if s.goals_against == 0:
                return Fraction(10**9 + s.goals_for)
            return Fraction(s.goals_for, s.goals_against)
        if crit is Criterion.GOALS_SCORED:
            return s.goals_for
        if crit is Criterion.FEWER_GOALS_AGAINST:
            return -s.goals_against
        if crit is Criterion.AWAY_GOALS:
            return self.recs[team].away.goals_for
        if crit is Criterion.WINS:
            return s.won
        if crit is Criterion.AWAY_WINS:
            return self.recs[team].away.won
        raise AssertionError(crit)  # pragma: no cover

    def head_to_head(
        self, crit: Criterion, teams: list[str], scope: list[str]
    ) -> dict[str, int] | None:
        members = set(scope)
        if self.rules.head_to_head_needs_all_played and any(
            pair <= members for pair in self.pending
        ):
            return None
        pts = dict.fromkeys(teams, 0)
        gd = dict.fromkeys(teams, 0)
        gf = dict.fromkeys(teams, 0)
        ag = dict.fromkeys(teams, 0)
        for r in self.played:
            if r.home not in members or r.away not in members:
                continue
            for team, mine, theirs, away in (
                (r.home, r.home_goals, r.away_goals, False),
                (r.away, r.away_goals, r.home_goals, True),
            ):
                if team not in pts:
                    continue
                if mine > theirs:
                    pts[team] += self.rules.win
                elif mine == theirs:
                    pts[team] += self.rules.draw
                else:
                    pts[team] += self.rules.loss
                if r.counts_goals:
                    gd[team] += mine - theirs
                    gf[team] += mine
                    if away:
                        ag[team] += mine
        return {
            Criterion.H2H_POINTS: pts,
            Criterion.H2H_GOAL_DIFFERENCE: gd,
            Criterion.H2H_GOALS_SCORED: gf,
            Criterion.H2H_AWAY_GOALS: ag,
        }[crit]

    def order(self) -> list[tuple[list[str], str | None]]:
        """Blocks of teams in table order; a block of more than one is an open tie."""
        teams = sorted(self.recs, key=lambda t: (-self.points(t), self.names[t].casefold(), t))
        blocks: list[tuple[list[str], str | None]] = []
        i = 0
        while i < len(teams):
            j = i
            while j < len(teams) and self.points(teams[j]) == self.points(teams[i]):
                j += 1
            group = teams[i:j]
            if len(group) == 1:
                blocks.append((group, None))
            else:
                chain = self.rules.chain(len(group))
                blocks.extend(self.separate(group, list(chain), group, start=i + 1))
            i = j
        return blocks

    def separate(  # noqa: C901, PLR0911, PLR0912 - the chain of criteria, one case each
        self,
        teams: list[str],
        chain: list[Criterion],
        scope: list[str],
        start: int,
        full: list[Criterion] | None = None,
    ) -> list[tuple[list[str], str | None]]:
        """Order ``teams`` (level on points) by ``chain``.

        Head-to-head criteria look at the matches among ``scope``: all the clubs level
        when head-to-head comes first (the mini-league keeps its figures), the clubs
        still level when an overall criterion has split the group before it. With
        ``reapply_head_to_head`` (UEFA), once the head-to-head criteria have run over
        the whole group, they run again over the clubs still level.
        """
        full = chain if full is None else full
        if len(teams) == 1:
            return [(teams, None)]
        for i, crit in enumerate(chain):
            at = len(full) - len(chain) + i
            if (
                self.rules.reapply_head_to_head
                and not crit.head_to_head
                and len(teams) < len(scope)
                and any(c.head_to_head for c in full[:at])
            ):
                return self.separate(teams, full, teams, start, full)
            if crit.off_table:
                if crit is Criterion.PLAY_OFF and not self.play_off_applies(start, len(teams)):
                    continue
                if crit is Criterion.PLAY_OFF and len(teams) > 2:
                    return self.mini_league_then_play_off(teams, chain[i + 1 :], start)
                return self.off_table(teams, crit)
            if crit.head_to_head:
                found = self.head_to_head(crit, teams, scope)
                if found is None:
                    return [
                        (
                            sorted(teams, key=lambda t: self.names[t].casefold()),
                            "level until their head-to-head matches are all played",
                        )
                    ]
                values: dict[str, Fraction | int] = dict(found)
            else:
                values = {t: self.overall(crit, t) for t in teams}
            distinct = sorted(set(values.values()), reverse=True)
            if len(distinct) == 1:
                continue
            self.note(teams, crit, values)
            out: list[tuple[list[str], str | None]] = []
            position = start
            for value in distinct:
                sub = [t for t in teams if values[t] == value]
                for t in sub:
                    self.decided.setdefault(t, crit.label)
                if len(sub) == 1:
                    out.append((sub, None))
                else:
                    # after an overall criterion, head-to-head is among the clubs still level
                    narrowed = scope if crit.head_to_head else sub
                    out.extend(self.separate(sub, chain[i + 1 :], narrowed, position, full))
                position += len(sub)
            return out
        return [
            (
                sorted(teams, key=lambda t: self.names[t].casefold()),
                "level on every criterion of the rules",
            )
        ]

    def play_off_applies(self, start: int, count: int) -> bool:
        places = self.rules.off_table_places
        if Place.ANY in places:
            return True
        end = start + count - 1
        if Place.TITLE in places and start == 1:
            return True
        line = self.size - self.rules.relegation_places
        return Place.RELEGATION in places and start <= line < end

    def mini_league_then_play_off(
        self, teams: list[str], rest: list[Criterion], start: int
    ) -> list[tuple[list[str], str | None]]:
        """Three or more level where a play-off decides: a mini-league picks the two.

        The clubs are ordered by their mini-league (then the rest of the chain); the two
        either side of the contested line (first place, or the relegation line) play off.
        """
        chain = [Criterion.H2H_POINTS, Criterion.H2H_GOAL_DIFFERENCE]
        chain += [c for c in rest if not c.head_to_head and not c.off_table]
        blocks = self.separate(teams, chain, teams, start)
        order = [t for block, _ in blocks for t in block]
        if any(reason is not None for _, reason in blocks):
            return blocks  # the mini-league itself leaves clubs level: say so
        # the contested line: first place, else the last safe place
        cut = self.size - self.rules.relegation_places - start
        title = start == 1 and Place.TITLE in self.rules.off_table_places
        first = 0 if title or not 0 <= cut < len(order) - 1 else cut
        pair = order[first : first + 2]
        out: list[tuple[list[str], str | None]] = [([t], None) for t in order[:first]]
        out.extend(self.off_table(pair, Criterion.PLAY_OFF))
        out.extend(([t], None) for t in order[first + 2 :])
        return out

    def off_table(self, teams: list[str], crit: Criterion) -> list[tuple[list[str], str | None]]:
        members = set(teams)
        above: dict[str, set[str]] = {t: set() for t in teams}
        for d in self.decisions:
            if d.winner in members and d.loser in members:
                above[d.loser].add(d.winner)
        if len(teams) == 2 and (above[teams[0]] or above[teams[1]]):
            first = teams[1] if above[teams[0]] else teams[0]
            second = teams[0] if first == teams[1] else teams[1]
            self.tie_breaks.append(
                TieBreak(
                    points=self.points(first),
                    teams=(self.names[first], self.names[second]),
                    criterion=crit.label,
                    values=((self.names[first], "won"), (self.names[second], "lost")),
                )
            )
            self.decided[first] = self.decided[second] = crit.label
            return [([first], None), ([second], None)]
        what = "a play-off" if crit is Criterion.PLAY_OFF else "drawing of lots"
        return [
            (
                sorted(teams, key=lambda t: self.names[t].casefold()),
                f"{what} decides this tie; record it with TieDecided",
            )
        ]

    def note(self, teams: list[str], crit: Criterion, values: dict[str, Fraction | int]) -> None:
        def show(v: Fraction | int) -> str:
            if isinstance(v, Fraction):
                return "infinite" if v > 10**8 else f"{float(v):.3f}"
            if crit is Criterion.FEWER_GOALS_AGAINST:
                return str(-v)  # ranked by the negated count: show the goals conceded
            return (
                f"{v:+d}"
                if crit in (Criterion.GOAL_DIFFERENCE, Criterion.H2H_GOAL_DIFFERENCE)
                else str(v)
            )

        ordered = sorted(teams, key=lambda t: (-values[t], self.names[t].casefold()))
        self.tie_breaks.append(
            TieBreak(
                points=self.points(teams[0]),
                teams=tuple(self.names[t] for t in ordered),
                criterion=crit.label,
                values=tuple((self.names[t], show(values[t])) for t in ordered),
            )
        )


def standings(  # noqa: PLR0913 - the questions people ask of a table
    events: Iterable[Event],
    rules: Rules | Preset | str | None = None,
    as_of: date | datetime | int | None = None,
    venue: Venue | None = None,
    *,
    competition: str | None = None,
    season: str | None = None,
) -> Table:
    """The table of one competition's season from a ledger or any events.

    Args:
        events: a :class:`~matchledger.Ledger` or events in ledger order.
        rules: :class:`~matchledger.rules.Rules`, a preset or a preset's name; a preset
            gives the rules in force in the season. ``None`` takes the preset that fits
            the competition's name (:func:`~matchledger.rules.guess_rules`).
        as_of: a date or datetime (matches that kicked off by then), or a round number
            (matches of rounds up to it). A match with no kick-off (``kickoff=None``,
            and no new date from a :class:`~matchledger.events.MatchStatusChanged`)
            cannot be placed before a date: it does not count as of a date or
            datetime, and stays a fixture still to play. It counts as usual with
            ``as_of=None`` or a round number.
        venue: ``"home"`` or ``"away"`` for a home or away table (no deductions).
        competition: which competition, when the events hold several.
        season: which season, when the events hold several.

    Raises:
        LedgerError: when the events hold no match of the season, or several seasons
            and no choice, or the rules are unknown.
    """
    if venue not in (None, "home", "away"):
        msg = f"venue must be 'home', 'away' or None, got {venue!r}"
        raise LedgerError(msg)
    if as_of is None and isinstance(events, Ledger):
        found = _one_season(events, competition, season)
        if found is not None:  # the common case: a ledger of one season, one pass
            state, comp, seas = found
            return _table(state, resolve(_rules_for(rules, comp), seas), comp, seas, venue)
    chosen, comp, seas = _select(events, competition, season, as_of)
    concrete = resolve(_rules_for(rules, comp), seas)
    state = fold_season(chosen)
    return _table(state, concrete, comp, seas, venue)


def _one_season(
    ledger: Ledger, competition: str | None, season: str | None
) -> tuple[SeasonState, str, str] | None:
    """The season's state in one pass, when the ledger holds that season alone; else None.

    Then every event of the ledger is the season's, and :func:`_select` would choose
    them all.
    """
    held = ledger._seasons()  # noqa: SLF001 - the ledger's own index of its matches
    if len(held) != 1:
        return None
    ((comp, seas),) = held
    if (competition is not None and competition != comp) or (season is not None and season != seas):
        return None
    state = fold_season(ledger)
    others = (*state.deductions, *state.decisions)
    if not state.schedules or any((e.competition, e.season) != (comp, seas) for e in others):
        return None
    return state, comp, seas


def _table(  # noqa: PLR0913, PLR0917 - the season, its rules and the results known
    state: SeasonState,
    rules: Rules,
    competition: str,
    season: str,
    venue: Venue | None,
    played: list[MatchResult] | None = None,
) -> Table:
    teams: dict[str, Team] = {}
    for s in state.schedules.values():
        teams.setdefault(s.home.team_id, s.home)
        teams.setdefault(s.away.team_id, s.away)
    deductions: dict[str, int] = {}
    for d in state.deductions:
        if d.team not in teams:
            msg = (
                f"PointsDeducted {d.event_id!r} names team {d.team!r}, which plays no match of "
                f"{competition} {season}{_close(d.team, list(teams))}"
            )
            raise LedgerError(msg)
        deductions[d.team] = deductions.get(d.team, 0) + d.points
    if played is None:
        played = results(state)
    recs = records(played, teams, deductions)
    done = {r.match_id for r in played}
    pending = {
        frozenset((s.home.team_id, s.away.team_id))
        for m, s in state.schedules.items()
        if m not in done
    }
    return _rank(rules, teams, recs, played, pending, state.decisions, venue, competition, season)


def _rank(  # noqa: PLR0913, PLR0917 - the parts of one table, as the fold or a projection has them
    rules: Rules,
    teams: dict[str, Team],
    recs: dict[str, TeamRecord],
    played: list[MatchResult],
    pending: set[frozenset[str]],
    decisions: Sequence[TieDecided],
    venue: Venue | None,
    competition: str,
    season: str,
) -> Table:
    """Rank the teams' records under the rules: the table."""
    names = {t: team.name for t, team in teams.items()}
    ranker = _Ranker(rules, recs, played, pending, decisions, names, venue)
    rows: list[Row] = []
    position = 1
    for block, reason in ranker.order():
        for team in block:
            rec = recs[team]
            split = rec.split(venue)
            rows.append(
                Row(
                    position=position,
                    team=teams[team],
                    played=split.played,
                    won=split.won,
                    drawn=split.drawn,
                    lost=split.lost,
                    goals_for=split.goals_for,
                    goals_against=split.goals_against,
                    goal_difference=split.goals_for - split.goals_against,
                    points=ranker.points(team),
                    points_deducted=rec.deducted if venue is None else 0,
                    form=rec.form(venue),
                    unresolved_tie=reason is not None,
                    tie_reason=reason,
                    decided_by=None if reason is not None else ranker.decided.get(team),
                )
            )
        position += len(block)
    return Table(
        competition=competition,
        season=season,
        rules=rules,
        rows=tuple(rows),
        tie_breaks=tuple(ranker.tie_breaks),
        venue=venue,
    )


def what_if(  # noqa: PLR0913 - the table's questions plus the results
    events: Iterable[Event],
    results_: Iterable[tuple[str, str, int, int]],
    rules: Rules | Preset | str | None = None,
    *,
    as_of: date | datetime | int | None = None,
    competition: str | None = None,
    season: str | None = None,
) -> Table:
    """The table with hypothetical results: ``(home, away, home_goals, away_goals)``.

    Teams are named by id or by name. A hypothetical result replaces the result of the
    match between the two (home and away as given) if it was played, or plays it if it
    was only scheduled. With ``as_of``, the table is the one at that point plus the
    hypothetical results.

    Raises:
        LedgerError: for a team or a fixture not in the season.

    Example:
        >>> from datetime import date
        >>> from matchledger import load_serie_a_2019_20
        >>> table = what_if(load_serie_a_2019_20(), [("AS Roma", "Juventus", 1, 2)],
        ...                 "serie-a", as_of=date(2020, 1, 11))
        >>> [(r.team.name, r.points) for r in table.rows[:2]]
        [('Juventus', 48), ('Inter', 46)]
    """
    chosen, comp, seas = _select(events, competition, season, as_of)
    fixtures = Fixtures(chosen, comp, seas)
    extra: list[Event] = []
    for n, (home, away, hg, ag) in enumerate(results_):
        ids = []
        for name in (home, away):
            team = fixtures.team(name)
            if team is None:
                msg = f"what-if result {n}: no team {name!r} in {comp} {seas}{fixtures.hint(name)}"
                raise LedgerError(msg)
            ids.append(team)
        fixture = fixtures.take(ids[0], ids[1])
        if fixture is None:
            msg = f"what-if result {n}: no match {home} v {away} left in {comp} {seas}"
            raise LedgerError(msg)
        extra.append(
            ResultAwarded(
                event_id=f"what-if:{n}",
                match_id=fixture.match_id,
                home_goals=hg,
                away_goals=ag,
                reason="hypothetical result",
            )
        )
    state = fold_season([*chosen, *extra])
    return _table(state, resolve(_rules_for(rules, comp), seas), comp, seas, None)


class Fixtures:
    """A season's teams, by id or name, and its meetings, to name results by hand.

    Example:
        >>> from matchledger import load_serie_a_2019_20
        >>> f = Fixtures(load_serie_a_2019_20(), "Serie A", "2019-20")
        >>> f.team("inter"), f.team("Inter"), f.team("Internazionale")
        ('inter', 'inter', None)
    """

    def __init__(self, events: Iterable[Event], competition: str, season: str) -> None:
        """Index the season's scheduled matches and the results among them."""
        events = list(events)
        self.names: dict[str, str] = {}
        self._pairs: dict[tuple[str, str], list[MatchScheduled]] = {}
        for e in events:
            if isinstance(e, MatchScheduled) and (e.competition, e.season) == (
                competition,
                season,
            ):
                for t in (e.home, e.away):
                    self.names[t.team_id] = t.team_id
                    self.names[t.name] = t.team_id
                self._pairs.setdefault((e.home.team_id, e.away.team_id), []).append(e)
        self._played = {r.match_id for r in results(fold_season(events))}
        self._taken: set[str] = set()

    def team(self, name: str) -> str | None:
        """The id of the team with this id or name, or ``None``."""
        return self.names.get(name)

    def hint(self, name: str) -> str:
        """``"; did you mean ...?"`` with the names close to ``name``, or ``""``."""
        return _close(name, list(self.names))

    def take(self, home: str, away: str) -> MatchScheduled | None:
        """The meeting of ``home`` (at home) and ``away`` a result by hand goes to.

        The first one still to play, else the latest played; never one taken before.
        A meeting with no date counts as later than every dated one.
        """
        free = [f for f in self._pairs.get((home, away), []) if f.match_id not in self._taken]

        def when(f: MatchScheduled) -> tuple[bool, datetime]:
            return _kickoff_key(f.kickoff)

        to_play = sorted((f for f in free if f.match_id not in self._played), key=when)
        done = sorted((f for f in free if f.match_id in self._played), key=when)
        options = to_play + done[::-1]
        if not options:
            return None
        self._taken.add(options[0].match_id)
        return options[0]


def _rules_for(rules: Rules | Preset | str | None, competition: str) -> Rules | Preset | str:
    if rules is not None:
        return rules
    guessed = guess_rules(competition)
    if guessed is None:
        msg = (
            f"no rules known for {competition!r}; pass rules= (a Rules value or one of "
            f"{', '.join(sorted(PRESETS))})"
        )
        raise LedgerError(msg)
    return guessed


def _close(name: str, known: list[str]) -> str:
    import difflib  # noqa: PLC0415 - only on the error path

    near = difflib.get_close_matches(name, known, n=3)
    return f"; did you mean {', '.join(map(repr, near))}?" if near else ""


@paused
def all_standings(
    events: Iterable[Event], rules: Rules | Preset | str | None = None
) -> dict[tuple[str, str], Table]:
    """The final table of every competition's season the events hold, in one pass.

    What ``standings(events, rules, competition=c, season=s)`` gives for each ``(c, s)``,
    without reading the events once per season: ten seasons of results, or a whole
    archive, become their tables at once. A league's play-offs are a competition of
    their own, and have no table.

    Args:
        events: a :class:`~matchledger.Ledger` or events in ledger order.
        rules: as for :func:`standings`; ``None`` takes, for each competition, the
            preset that fits its name, and each preset the rules of the season.

    Raises:
        LedgerError: when the rules of a competition are unknown, or a deduction names
            a team that plays no match of its season.

    Example:
        >>> from matchledger import load_serie_a_2019_20
        >>> tables = all_standings(load_serie_a_2019_20())
        >>> list(tables)
        [('Serie A', '2019-20')]
        >>> tables["Serie A", "2019-20"].rows[0].team.name
        'Juventus'
    """
    grouped: dict[tuple[str, str], list[Event]] = {}
    season_of: dict[str, list[Event]] = {}
    for e in events:
        kind = type(e)
        if kind is MatchScheduled:
            key = (e.competition, e.season)  # type: ignore[union-attr]
            group = grouped.get(key)
            if group is None:
                group = grouped[key] = []
            season_of[e.match_id] = group  # type: ignore[union-attr]
        elif kind is PointsDeducted or kind is TieDecided:
            key = (e.competition, e.season)  # type: ignore[union-attr]
            group = grouped.setdefault(key, [])
        else:
            group = season_of.get(e.match_id)  # type: ignore[union-attr]
            if group is None:
                continue  # a match never scheduled: not in any season's table
        group.append(e)
    tables: dict[tuple[str, str], Table] = {}
    for (comp, seas), chosen in grouped.items():
        if comp.endswith(" play-offs"):
            continue
        state = fold_season(chosen)
        if not state.schedules:
            continue  # deductions or decisions of a season with no match in the events
        concrete = resolve(_rules_for(rules, comp), seas)
        tables[comp, seas] = _table(state, concrete, comp, seas, None)
    return tables
