"""The race of a season: each team's place (or points) in the table after every round."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, Literal

from attrs import frozen

from matchledger.errors import LedgerError
from matchledger.events import Event, MatchScheduled, MatchStatus, Team
from matchledger.folds.score import scores
from matchledger.folds.standings import _round_number, select_season, standings
from matchledger.plot import _mpl
from matchledger.rules import Preset, Rules

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Metric", "Race", "RaceLine", "race", "race_series"]

Metric = Literal["position", "points"]

_METRICS: Final = ("position", "points")
_OVER: Final = (MatchStatus.FINISHED, MatchStatus.AWARDED, MatchStatus.CANCELLED)


@frozen(kw_only=True)
class RaceLine:
    """One team's line: its value after each round, and where it finished.

    ``values[i]`` is the team's position (or points) in the table after
    ``Race.rounds[i]``; ``position`` and ``points`` are those of the last table.
    """

    team: Team
    values: tuple[int, ...]
    position: int
    points: int


@frozen(kw_only=True)
class Race:
    """A season round by round: the numbers behind :func:`race`.

    Attributes:
        competition: the competition.
        season: the season.
        rules: the rules the tables were ranked by.
        metric: ``"position"`` or ``"points"``.
        rounds: the round numbers, in order, up to the last one with a result.
        lines: one per team, in the order of the last table.
        leaders: the team first after each round (several when they share the place).
        complete: whether every match of the season is over (or cancelled), so the
            first of the last table is the champion.
    """

    competition: str
    season: str
    rules: Rules
    metric: Metric
    rounds: tuple[int, ...]
    lines: tuple[RaceLine, ...]
    leaders: tuple[tuple[Team, ...], ...]
    complete: bool

    def line(self, team: str) -> RaceLine:
        """The line of a team, by id or name.

        Raises:
            KeyError: for a team not in the season.
        """
        for ln in self.lines:
            if team in (ln.team.team_id, ln.team.name):
                return ln
        msg = f"no team {team!r} in {self.competition} {self.season}"
        raise KeyError(msg)


def race_series(
    events: Iterable[Event],
    *,
    season: str | None = None,
    rules: Rules | Preset | str | None = None,
    metric: Metric = "position",
    competition: str | None = None,
) -> Race:
    """Each team's position (or points) after every round of a season; no drawing.

    The value after round ``n`` is the team's row in ``standings(events, rules,
    as_of=n)``: the table of the matches of rounds 1 to ``n``, whenever they were
    played (a postponed match counts in its own round). Rounds after the last one with
    a result are left out. Needs no matplotlib.

    Args:
        events: a :class:`~matchledger.Ledger` or events in ledger order.
        season: which season, when the events hold several.
        rules: as for :func:`~matchledger.standings` (``None``: from the competition).
        metric: ``"position"`` or ``"points"``.
        competition: which competition, when the events hold several.

    Raises:
        LedgerError: for an unknown metric or season, a season whose matches record no
            rounds, or rules that cannot be found.

    Example:
        >>> from matchledger import load_serie_a_2019_20
        >>> r = race_series(load_serie_a_2019_20(), season="2019-20", rules="serie-a")
        >>> r.rounds[-1], r.lines[0].team.name, r.lines[0].points
        (38, 'Juventus', 83)
        >>> r.line("Inter").values[:8], [t.name for t in r.leaders[6]]
        ((1, 1, 1, 1, 1, 1, 2, 2), ['Juventus'])
    """
    if metric not in _METRICS:
        msg = f"metric must be 'position' or 'points', got {metric!r}"
        raise LedgerError(msg)
    events = list(events)
    comp, seas = select_season(events, competition, season)
    schedules = [
        e
        for e in events
        if isinstance(e, MatchScheduled) and (e.competition, e.season) == (comp, seas)
    ]
    numbers = {_round_number(e.round) for e in schedules}
    rounds = sorted(n for n in numbers if n is not None)
    if not rounds:
        msg = f"the matches of {comp} {seas} record no rounds; a race is drawn round by round"
        raise LedgerError(msg)
    tables = [standings(events, rules, as_of=n, competition=comp, season=seas) for n in rounds]
    # rounds still to play add nothing: stop at the last table with a new result
    played = [sum(r.played for r in t.rows) for t in tables]
    last = max((i for i, p in enumerate(played) if i == 0 or p > played[i - 1]), default=0)
    tables = tables[: last + 1]
    final = tables[-1]
    by_round = [{r.team.team_id: r for r in t.rows} for t in tables]
    lines = tuple(
        RaceLine(
            team=row.team,
            values=tuple(getattr(rows[row.team.team_id], metric) for rows in by_round),
            position=row.position,
            points=row.points,
        )
        for row in final.rows
    )
    ids = {e.match_id for e in schedules}
    complete = all(s.status in _OVER for m, s in scores(events).items() if m in ids)
    return Race(
        competition=comp,
        season=seas,
        rules=final.rules,
        metric=metric,
        rounds=tuple(rounds[: last + 1]),
        lines=lines,
        leaders=tuple(tuple(r.team for r in t.rows if r.position == 1) for t in tables),
        complete=complete,
    )


# --- drawing --------------------------------------------------------------------------------

# ten colours apart from one another (matplotlib's "tab10"), each used with up to four
# line styles: twenty teams get twenty distinct lines, neighbours in the table never alike
_COLOURS: Final = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
_STYLES: Final = ("solid", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)))


def _style(index: int) -> tuple[str, str | tuple[int, tuple[float, ...]]]:
    """The colour and line style of the line at ``index`` in the last table."""
    return _COLOURS[index % len(_COLOURS)], _STYLES[(index // len(_COLOURS)) % len(_STYLES)]


def race(  # noqa: PLR0913 - race_series's arguments plus where to draw
    events: Iterable[Event],
    *,
    season: str | None = None,
    rules: Rules | Preset | str | None = None,
    metric: Metric = "position",
    competition: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw a season's race: each team's position (or points) after every round.

    One line per team, twenty distinct colour and style pairs, each labelled at its end
    with its final place, name and points; the first of the last table in bold (the
    champion once the season is complete). A strip above the chart shows who led after
    each round. With ``metric="position"`` first place is at the top and the relegation
    places are shaded. The numbers are :func:`race_series`'s.

    Args:
        events: a :class:`~matchledger.Ledger` or events in ledger order.
        season: which season, when the events hold several.
        rules: as for :func:`~matchledger.standings` (``None``: from the competition).
        metric: ``"position"`` or ``"points"``.
        competition: which competition, when the events hold several.
        ax: draw into these axes; by default a new figure (Agg canvas, no display).

    Returns:
        The figure; save it with ``fig.savefig("race.png")`` (or ``.svg``, ``.pdf``).

    Raises:
        MissingExtraError: without matplotlib (install ``matchledger[plot]``); it is
            an ``ImportError`` too.
        LedgerError: as :func:`race_series`.

    Example:
        >>> from matchledger import load_serie_a_2019_20
        >>> fig = race(load_serie_a_2019_20(), season="2019-20", rules="serie-a")
        >>> fig.axes[0].get_title(loc="left")
        'Serie A 2019-20: position after each round'
    """
    fig, ax = _mpl.figure(ax, (12.0, 7.5))  # matplotlib first: fail before the work
    data = race_series(events, season=season, rules=rules, metric=metric, competition=competition)
    _draw(fig, ax, data)
    return fig


def _draw(fig: Figure, ax: Axes, data: Race) -> None:
    rounds = data.rounds
    size = len(data.lines)
    by_position = data.metric == "position"
    first = rounds[0]
    last = rounds[-1]
    ax.set_xlim(first - 0.5, last + 0.5)
    if by_position:
        ax.set_ylim(size + 0.6, 0.4)  # first place at the top
        ax.set_yticks(range(1, size + 1))
        ax.set_ylabel("position")
        down = data.rules.relegation_places
        if 0 < down < size:
            ax.axhspan(size - down + 0.5, size + 0.6, color="#d62728", alpha=0.07, lw=0)
            ax.text(
                first - 0.35,
                size + 0.5,
                "relegation",
                color="#a01c1c",
                fontsize=8,
                va="bottom",
                ha="left",
                zorder=4,
                bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
    else:
        top = max(max(ln.values) for ln in data.lines)
        ax.set_ylim(min(0, *(min(ln.values) for ln in data.lines)) - 1, top + 3)
        ax.set_ylabel("points")
    ax.set_xlabel("round")
    step = 5 if len(rounds) > 12 else 1
    ax.set_xticks(sorted({first, last, *(n for n in rounds if n % step == 0)}))
    ax.set_xticks(rounds, minor=True)
    ax.grid(axis="both", which="major", color="#dddddd", lw=0.6)
    ax.grid(axis="x", which="minor", color="#f0f0f0", lw=0.4)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # the champion (or leader) last, so it is drawn on top
    for index in reversed(range(size)):
        ln = data.lines[index]
        colour, dash = _style(index)
        lead = index == 0
        ax.plot(
            rounds,
            ln.values,
            color=colour,
            linestyle=dash,
            lw=2.8 if lead else 1.6,
            alpha=1.0 if lead else 0.9,
            zorder=3 if lead else 2,
            solid_capstyle="round",
        )
        ax.plot([last], [ln.values[-1]], "o", color=colour, ms=4, zorder=3)
    _end_labels(fig, ax, data)
    _leader_strip(ax, data)
    what = "position" if by_position else "points"
    ax.set_title(
        f"{data.competition} {data.season}: {what} after each round",
        loc="left",
        fontsize=13,
        fontweight="bold",
        pad=24,
    )
    note = (
        f"The table after round n counts the matches of rounds 1 to n, whenever they were "
        f"played; ranked under {data.rules.name}."
    )
    ax.annotate(
        note,
        xy=(0, 0),
        xycoords="axes fraction",
        xytext=(0, -34),
        textcoords="offset points",
        fontsize=7.5,
        color="#555555",
        va="top",
    )


def _end_labels(fig: Figure, ax: Axes, data: Race) -> None:
    """Each line's final place, name and points at its end, pushed apart where they meet."""
    height_pt = ax.get_position().height * fig.get_figheight() * 72
    low, high = sorted(ax.get_ylim())
    gap = 10.5 / height_pt * (high - low)  # one 8-point line, in data units
    wanted = [float(ln.values[-1]) for ln in data.lines]
    # level lines: the one higher in the table gets the label nearer the top
    placed = _spread(wanted, gap, low + gap / 2, high - gap / 2, downward=ax.yaxis_inverted())
    last = data.rounds[-1]
    for index, (ln, y) in enumerate(zip(data.lines, placed, strict=True)):
        colour, _ = _style(index)
        text = f"{ln.position:>2}  {ln.team.name}  {ln.points}"
        if index == 0:
            text += "  champions" if data.complete and _sole_leader(data) else "  leaders"
        ax.annotate(
            text,
            xy=(last, wanted[index]),
            xytext=(last + 0.9, y),
            textcoords="data",
            fontsize=8,
            color=colour,
            fontweight="bold" if index == 0 else "normal",
            va="center",
            ha="left",
            annotation_clip=False,
            arrowprops={
                "arrowstyle": "-",
                "color": colour,
                "lw": 0.5,
                "alpha": 0.6,
                "shrinkA": 0,
                "shrinkB": 3,
            },
        )


def _sole_leader(data: Race) -> bool:
    return sum(1 for ln in data.lines if ln.position == 1) == 1


def _spread(
    wanted: Sequence[float], gap: float, low: float, high: float, *, downward: bool
) -> list[float]:
    """Positions as close to ``wanted`` as can be, at least ``gap`` apart, within bounds.

    Equal wishes keep their order: down the axis when ``downward``, else up it.
    """
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i if downward else -i))
    # clusters of labels that would overlap are centred on their wishes, then kept apart
    blocks: list[list[int]] = []
    starts: list[float] = []
    for i in order:
        blocks.append([i])
        starts.append(wanted[i])
        while len(blocks) > 1 and starts[-2] + len(blocks[-2]) * gap > starts[-1]:
            merged = blocks[-2] + blocks[-1]
            centre = sum(wanted[j] for j in merged) / len(merged)
            blocks[-2:] = [merged]
            starts[-2:] = [centre - (len(merged) - 1) * gap / 2]
    out = [0.0] * len(wanted)
    total = len(wanted) * gap
    shift = 0.0
    if starts and starts[0] < low:
        shift = low - starts[0]
    for block, start in zip(blocks, starts, strict=True):
        for k, i in enumerate(block):
            out[i] = start + shift + k * gap
    if out and max(out) > high and total <= high - low:
        over = max(out) - high
        out = [y - over for y in out]
    return out


def _leader_strip(ax: Axes, data: Race) -> None:
    """Who led after each round: a coloured band above the chart, names where they fit."""
    strip = ax.inset_axes((0.0, 1.005, 1.0, 0.035))
    strip.set_xlim(ax.get_xlim())
    strip.set_ylim(0, 1)
    strip.axis("off")
    index = {ln.team.team_id: i for i, ln in enumerate(data.lines)}
    runs: list[tuple[int, int, tuple[Team, ...]]] = []
    for n, leaders in zip(data.rounds, data.leaders, strict=True):
        if runs and runs[-1][2] == leaders:
            runs[-1] = (runs[-1][0], n, leaders)
        else:
            runs.append((n, n, leaders))
    for start, end, leaders in runs:
        shared = len(leaders) != 1
        colour = "#bbbbbb" if shared else _style(index[leaders[0].team_id])[0]
        strip.axvspan(start - 0.5, end + 0.5, color=colour, alpha=0.85, lw=0)
        name = "shared" if shared else leaders[0].name
        if end - start + 1 >= max(2, len(name) * 0.45):
            strip.text(
                (start + end) / 2,
                0.5,
                name,
                ha="center",
                va="center",
                fontsize=7.5,
                color="white",
                fontweight="bold",
            )
    strip.text(
        data.rounds[0] - 0.6, 0.5, "leader", ha="right", va="center", fontsize=7.5, color="#555555"
    )
