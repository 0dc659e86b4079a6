"""A match's timeline: goals, cards, woodwork, penalties and substitutions on the clock."""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, Literal

from attrs import frozen

from matchledger.errors import LedgerError
from matchledger.events import (
    Card,
    Event,
    GoalDisallowed,
    MatchScheduled,
    MatchStatus,
    MatchTime,
    OwnGoalScored,
    Period,
    PeriodEnded,
    PeriodStarted,
    ShotOutcome,
    ShotTaken,
    Situation,
)
from matchledger.folds.incidents import Incidents, incidents
from matchledger.folds.score import Scoreline, score

# the clock as the player statistics read it: 64' is 64 minutes played
from matchledger.folds.stats import _NOMINAL, _elapsed
from matchledger.ledger import Ledger
from matchledger.plot import _mpl

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

__all__ = ["MatchTimeline", "Moment", "MomentKind", "PeriodSpan", "match", "match_timeline"]

MomentKind = Literal[
    "goal",
    "penalty_goal",
    "own_goal",
    "goal_ruled_out",
    "yellow_card",
    "second_yellow",
    "red_card",
    "woodwork",
    "penalty_saved",
    "penalty_missed",
    "substitution",
]

_CARD_KIND: Final[dict[Card, MomentKind]] = {
    Card.YELLOW: "yellow_card",
    Card.SECOND_YELLOW: "second_yellow",
    Card.RED: "red_card",
}
_WOOD: Final = {
    ShotOutcome.POST: "post",
    ShotOutcome.CROSSBAR: "crossbar",
    ShotOutcome.WOODWORK: "woodwork",
}


@frozen(kw_only=True)
class Moment:
    """One thing the timeline shows.

    Attributes:
        kind: what happened (``"goal"``, ``"penalty_goal"``, ``"own_goal"``,
            ``"goal_ruled_out"``, ``"yellow_card"``, ``"second_yellow"``, ``"red_card"``,
            ``"woodwork"``, ``"penalty_saved"``, ``"penalty_missed"``, ``"substitution"``).
        event_id: the event it comes from.
        team: the team id of the side it is drawn on: a goal's on the side it counts
            for (an own goal too), anything else on the player's.
        at: the clock time, or ``None`` when the event has none.
        period: the period it falls in (for an event without a time, the period in
            progress when it was recorded).
        clock: minutes on the match clock (``45+1'`` is 46, ``64':11`` is 63.2); an
            event without a time takes the clock of the last one recorded before it.
        lines: the label, a line per item.
        score: the score after a goal, ``"home-away"``; ``None`` for the rest.
    """

    kind: MomentKind
    event_id: str
    team: str
    at: MatchTime | None
    period: Period
    clock: float
    lines: tuple[str, ...]
    score: str | None = None


@frozen(kw_only=True)
class PeriodSpan:
    """A period played (or under way): its place on the clock and its stoppage time."""

    period: Period
    start: int
    length: int
    added: int


@frozen(kw_only=True)
class MatchTimeline:
    """The numbers behind :func:`match`: the match, its periods and its moments in order.

    ``goal_detail`` is false when the goals on the pitch are not all recorded as
    events (a result known only by its score): then no running score is drawn.
    """

    schedule: MatchScheduled
    scoreline: Scoreline
    periods: tuple[PeriodSpan, ...]
    moments: tuple[Moment, ...]
    goal_detail: bool


def _ledger(events: Ledger | Iterable[Event]) -> Ledger:
    return events if isinstance(events, Ledger) else Ledger(events)


def _choose(ledger: Ledger, match_id: str | None) -> str:
    ids = ledger.match_ids
    if match_id is None:
        if len(ids) == 1:
            return ids[0]
        if not ids:
            msg = "the ledger holds no match"
            raise LedgerError(msg)
        msg = f"the ledger holds {len(ids)} matches; choose one by its id, e.g. {ids[0]!r}"
        raise LedgerError(msg)
    if match_id not in ids:
        near = difflib.get_close_matches(match_id, list(ids), n=3)
        hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
        msg = f"no match {match_id!r} in this ledger{hint}"
        raise LedgerError(msg)
    return match_id


def match_timeline(ledger: Ledger | Iterable[Event], match_id: str | None = None) -> MatchTimeline:
    """The moments of a match on its clock, corrections applied; no drawing.

    Goals, cards and substitutions are :func:`~matchledger.incidents`'s (a goal
    disallowed is listed as ruled out, a rescinded card not at all); woodwork and
    penalties saved or missed are the match's shots. The score is
    :func:`~matchledger.score`'s. Needs no matplotlib.

    Args:
        ledger: a :class:`~matchledger.Ledger` (or events in ledger order).
        match_id: the match; may be left out when the ledger holds one.

    Raises:
        LedgerError: for a match not in the ledger, or no ``match_id`` for a ledger
            of several matches.

    Example:
        >>> from matchledger import load_example
        >>> t = match_timeline(load_example())
        >>> [(m.kind, str(m.at), m.score) for m in t.moments if m.score]
        [('goal', "4'", '1-0'), ('goal', "75'", '1-1')]
        >>> [(p.period.value, p.added) for p in t.periods]
        [('first_half', 1), ('second_half', 4)]
    """
    ledger = _ledger(ledger)
    match_id = _choose(ledger, match_id)
    clock = _Clock(ledger, match_id)
    found = incidents(ledger, match_id)
    line = score(ledger, match_id)
    out = [clock.moment(*item) for item in _incidents(found)]
    schedule = ledger.schedule(match_id)
    standing = {g.event_id for g in found.goals}
    other = {
        schedule.home.team_id: schedule.away.team_id,
        schedule.away.team_id: schedule.home.team_id,
    }
    out.extend(clock.moment(*item) for item in _shots(clock, standing, other))
    out.sort(key=lambda pair: pair[0])
    return MatchTimeline(
        schedule=schedule,
        scoreline=line,
        periods=clock.periods(),
        moments=tuple(m for _, m in out),
        goal_detail=len(found.goals) == line.on_pitch.home + line.on_pitch.away,
    )


# kind, event id, team, time, label lines, score after a goal
_Item = tuple[MomentKind, str, str, MatchTime | None, tuple[str, ...], str | None]

_GOAL_KIND: Final[dict[str, MomentKind]] = {
    "regular": "goal",
    "penalty": "penalty_goal",
    "own_goal": "own_goal",
}
_GOAL_NOTE: Final = {"regular": "", "penalty": " (pen.)", "own_goal": " (o.g.)"}
_PENALTY_MISS: Final = {
    ShotOutcome.SAVED: "penalty saved",
    ShotOutcome.POST: "penalty hits the post",
    ShotOutcome.CROSSBAR: "penalty hits the bar",
    ShotOutcome.WOODWORK: "penalty hits the woodwork",
}


def _incidents(found: Incidents) -> Iterable[_Item]:
    """The goals that stand, the cards and the substitutions, as the fold gives them."""
    for g in found.goals:
        assist = (f"assist {g.assist.name}",) if g.assist is not None else ()
        text = g.scorer.name + _GOAL_NOTE[g.kind]
        yield _GOAL_KIND[g.kind], g.event_id, g.team, g.at, (text, *assist), g.score
    for b in found.bookings:
        who = f"{b.player.name} (official)" if b.official else b.player.name
        yield _CARD_KIND[b.card], b.event_id, b.team, b.at, (who,), None
    for s in found.substitutions:
        lines = (f"\u2191 {s.player_on.name}", f"\u2193 {s.player_off.name}")
        yield "substitution", s.event_id, s.team, s.at, lines, None


def _shots(clock: _Clock, standing: set[str], other: dict[str, str]) -> Iterable[_Item]:
    """Goals ruled out, penalties saved or missed, and shots that hit the woodwork."""
    for e in clock.shots:
        if e.event_id in standing:
            continue
        if isinstance(e, OwnGoalScored) or e.is_goal:
            if e.event_id in clock.disallowed:  # drawn where it would have counted
                why = clock.disallowed[e.event_id]
                team = other.get(e.team, e.team) if isinstance(e, OwnGoalScored) else e.team
                note = f"goal ruled out ({why})" if why else "goal ruled out"
                yield "goal_ruled_out", e.event_id, team, e.at, (e.player.name, note), None
        elif e.situation is Situation.PENALTY:
            kind: MomentKind = (
                "penalty_saved" if e.outcome is ShotOutcome.SAVED else "penalty_missed"
            )
            what = _PENALTY_MISS.get(e.outcome, "penalty missed")
            yield kind, e.event_id, e.team, e.at, (e.player.name, what), None
        elif e.outcome.hit_woodwork:
            text = f"{e.player.name} ({_WOOD[e.outcome]})"
            yield "woodwork", e.event_id, e.team, e.at, (text,), None


class _Clock:
    """Where each event of a match sits on the clock: its own time, else the last before it."""

    def __init__(self, ledger: Ledger, match_id: str) -> None:
        self.where: dict[str, tuple[Period, float, int]] = {}
        self.shots: list[ShotTaken | OwnGoalScored] = []
        self.disallowed: dict[str, str | None] = {}
        self.started: set[Period] = set()
        self.ended: dict[Period, float] = {}
        period, clock = Period.FIRST_HALF, 0.0
        for index, e in enumerate(ledger):
            if getattr(e, "match_id", None) != match_id:
                continue
            if isinstance(e, PeriodStarted) and e.period in _NOMINAL:
                period, clock = e.period, float(_NOMINAL[e.period][0])
                self.started.add(e.period)
            at: MatchTime | None = getattr(e, "at", None)
            if at is not None:
                period, clock = at.period, _elapsed(at)
            if isinstance(e, PeriodEnded) and e.period in _NOMINAL and at is not None:
                self.ended[e.period] = clock
            self.where[getattr(e, "event_id", "")] = (period, clock, index)
            if isinstance(e, (ShotTaken, OwnGoalScored)):
                self.shots.append(e)
            elif isinstance(e, GoalDisallowed):
                self.disallowed[e.goal] = e.reason

    def moment(  # noqa: PLR0913, PLR0917 - the parts of an _Item
        self,
        kind: MomentKind,
        event_id: str,
        team: str,
        at: MatchTime | None,
        lines: tuple[str, ...],
        goal_score: str | None,
    ) -> tuple[int, Moment]:
        """The moment, and its place in the ledger to order by."""
        period, clock, index = self.where[event_id]
        shown = (f"{at} {lines[0]}", *lines[1:]) if at is not None else (*lines, "time unknown")
        return index, Moment(
            kind=kind,
            event_id=event_id,
            team=team,
            at=at,
            period=period,
            clock=clock,
            lines=shown,
            score=goal_score,
        )

    def periods(self) -> tuple[PeriodSpan, ...]:
        """The periods played, each with its stoppage time: as recorded, else as seen.

        Both halves are always drawn, extra time when it was played.
        """
        seen = self.started | {p for p, _, _ in self.where.values()}
        seen |= {Period.FIRST_HALF, Period.SECOND_HALF}
        spans = []
        for period, (start, length) in _NOMINAL.items():
            if period not in seen:
                continue
            latest = max((c for p, c, _ in self.where.values() if p is period), default=0.0)
            reach = self.ended.get(period, latest)
            added = max(0, math.ceil(reach - start - length - 1e-9))
            spans.append(PeriodSpan(period=period, start=start, length=length, added=added))
        return tuple(spans)


# --- drawing --------------------------------------------------------------------------------

_HOME: Final = "#1f5fa8"
_AWAY: Final = "#d9730d"
_LEVEL: Final = "#9a9a9a"
_GAP: Final = 6.0  # minutes of axis between periods, for "HT 1-0"
_ROW: Final = 12.0  # points per label line
_BAND: Final = 1.0  # half the height of the clock band, in rows
_FONT: Final = 8.0
_BREAKS: Final = {Period.FIRST_HALF: "HT", Period.SECOND_HALF: "90'"}


def match(
    ledger: Ledger | Iterable[Event], match_id: str | None = None, *, ax: Axes | None = None
) -> Figure:
    """Draw a match's timeline: the clock, the score along it, and what happened.

    The clock runs left to right, half by half (extra time too), each half's stoppage
    time hatched and the score at each break between the halves. The band along it
    carries the score, tinted in the colour of the side ahead. The home side's
    moments are above it, the away side's below: goals (penalties and own goals
    marked), goals ruled out, cards, woodwork, penalties saved or missed, and
    substitutions, each with its minute and player, a key to the markers underneath.
    The moments are :func:`match_timeline`'s.

    Args:
        ledger: a :class:`~matchledger.Ledger` (or events in ledger order).
        match_id: the match; may be left out when the ledger holds one.
        ax: draw into these axes; by default a new figure (Agg canvas, no display),
            13 inches wide and as tall as the moments need.

    Returns:
        The figure; save it with ``fig.savefig("match.png")`` (or ``.svg``, ``.pdf``).

    Raises:
        MissingExtraError: without matplotlib (install ``matchledger[plot]``); it is
            an ``ImportError`` too.
        LedgerError: as :func:`match_timeline`.

    Example:
        >>> from matchledger import load_example
        >>> fig = match(load_example())
        >>> fig.axes[0].get_title(loc="left")
        'Inter 1-1 Atalanta (HT 1-0)'
    """
    own = ax is None
    fig, ax = _mpl.figure(ax, (13.0, 4.0), constrained=False)
    data = match_timeline(ledger, match_id)
    _Drawing(fig, ax, data, fit=own).draw()
    return fig


@frozen(kw_only=True)
class _Label:
    """A moment's label being placed: its marker's place on the axis and its size."""

    moment: Moment
    x: float
    wide: float  # axis minutes
    pad: float  # axis minutes between the marker and the text
    up: bool  # above the band (the home side) or below

    @property
    def rows(self) -> int:
        return len(self.moment.lines)

    def box(self, row: int, right: bool) -> _Box:
        # the marker's half, the text, and some air at the text's end
        if right:
            end = self.x + self.pad * 1.6 + self.wide
            return (self.x - self.pad * 0.6, end, row, row + self.rows)
        return (self.x - self.pad * 1.6 - self.wide, self.x + self.pad * 0.6, row, row + self.rows)

    def stem(self, row: int) -> _Stem:
        top = row + self.rows - 1 if self.up else row  # the marker sits on the first line
        return (self.x - self.pad * 0.4, self.x + self.pad * 0.4, top + 0.5)


class _Drawing:
    """One timeline being drawn: the clock, then the labels packed into rows."""

    def __init__(self, fig: Figure, ax: Axes, data: MatchTimeline, *, fit: bool) -> None:
        self.fig, self.ax, self.data, self.fit = fig, ax, data, fit
        # each period's place on the axis: where it starts, in axis minutes
        self.offsets: dict[Period, float] = {}
        self.spans = {s.period: s for s in data.periods}
        cursor = 0.0
        for span in data.periods:
            self.offsets[span.period] = cursor
            cursor += span.length + span.added + _GAP
        self.width = cursor - _GAP

    def x(self, period: Period, clock: float) -> float:
        span = self.spans[period]
        return self.offsets[period] + min(max(clock - span.start, 0.0), span.length + span.added)

    def end(self, span: PeriodSpan) -> float:
        return self.offsets[span.period] + span.length + span.added

    def draw(self) -> None:
        fig, ax = self.fig, self.ax
        ax.set_xlim(-1.0, self.width + 16.0)  # room on the right for "FT" and late labels
        ax.set_ylim(-_BAND - 4.0, _BAND + 4.0)  # for now: the labels decide
        self.band()
        self.titles()
        self.axis()
        self.breaks()
        self.legend()
        # the axes' final width first: the labels are packed in points
        if self.fit:
            fig.draw_without_rendering()
            names = max(t.get_window_extent().width for t in ax.get_yticklabels())
            fig.subplots_adjust(left=(names + 14) / (fig.get_figwidth() * fig.dpi), right=0.985)
        else:
            fig.draw_without_rendering()  # the caller's layout, if any, places the axes
        rows_up, rows_down = self.labels()
        top, bottom = rows_up + 1.3 + _BAND, rows_down + 1.3 + _BAND
        if self.fit:  # one row of labels is _ROW points high
            height = max((top + bottom) * _ROW / 72 + 1.6, 3.2)
            fig.set_size_inches(fig.get_figwidth(), height)
            fig.subplots_adjust(top=1 - 0.75 / height, bottom=0.85 / height)
        ax.set_ylim(-bottom, top)

    # --- the moments --------------------------------------------------------------------

    def labels(self) -> tuple[int, int]:
        """Each moment's marker and label, packed into rows; the rows used, up and down."""
        fig, ax = self.fig, self.ax
        x0, x1 = ax.get_xlim()
        per_pt = (x1 - x0) / (ax.get_position().width * fig.get_figwidth() * 72)
        renderer = _renderer(fig)
        boxes: dict[bool, list[_Box]] = {True: [], False: []}
        stems: dict[bool, list[_Stem]] = {True: [], False: []}
        used = {True: 0, False: 0}
        home = self.data.schedule.home.team_id
        # from the end backwards: a label reaching over later moments' stems goes above them
        for m in reversed(self.data.moments):
            goal = m.kind in ("goal", "penalty_goal", "own_goal")
            grey = m.kind in ("substitution", "goal_ruled_out")
            x = self.x(m.period, m.clock)
            t = ax.text(
                x,
                0,
                "\n".join(m.lines),
                fontsize=_FONT + (0.5 if goal else 0),
                fontweight="bold" if goal else "normal",
                color="#555555" if grey else "#111111",
                va="center",
                linespacing=1.05,
                zorder=5,
            )
            wide = t.get_window_extent(renderer).width * 72 / fig.dpi * per_pt
            label = _Label(moment=m, x=x, wide=wide, pad=9 * per_pt, up=m.team == home)
            fits = (
                (True, label.box(0, right=True)[1] <= x1),
                (False, label.box(0, right=False)[0] >= x0),
            )
            sides = [side for side, ok in fits if ok] or [True]
            row, right = _place(label, sides, boxes[label.up], stems[label.up])
            boxes[label.up].append(label.box(row, right))
            stems[label.up].append(label.stem(row))
            used[label.up] = max(used[label.up], row + label.rows)
            near = _BAND + 1.0 + row  # the label's line nearest the band
            far = near + label.rows - 1
            sign = 1.0 if label.up else -1.0
            t.set_position((x + label.pad if right else x - label.pad, sign * (near + far) / 2))
            t.set_horizontalalignment("left" if right else "right")
            colour = _HOME if label.up else _AWAY
            marker_y = sign * (far if label.up else near)
            ax.plot([x, x], [sign * _BAND, marker_y], color=colour, lw=0.8, alpha=0.7, zorder=2)
            for layer in _marker(m.kind, colour):
                ax.plot([x], [marker_y], linestyle="none", zorder=6, **layer)
        return used[True], used[False]

    # --- the clock ----------------------------------------------------------------------

    def changes(self) -> list[tuple[float, str]]:
        """Where on the axis the score changes, and to what; only 0-0 without goal detail."""
        out = [(0.0, "0-0")]
        if self.data.goal_detail:
            out += [(self.x(m.period, m.clock), m.score) for m in self.data.moments if m.score]
        return out

    def band(self) -> None:
        """Each period's band, tinted by who leads, the score written on, stoppage hatched."""
        ax = self.ax
        changes = self.changes()
        detail = self.data.goal_detail
        for span in self.data.periods:
            start, end = self.offsets[span.period], self.end(span)
            for i, (cx, text) in enumerate(changes):
                nx = changes[i + 1][0] if i + 1 < len(changes) else math.inf
                a, b = max(cx, start), min(nx, end)
                if b <= a:
                    continue
                colour = _tint(text) if detail else _LEVEL
                ax.fill_between([a, b], -_BAND, _BAND, color=colour, alpha=0.18, lw=0)
                if detail and b - a >= 4:
                    ax.text(
                        (a + b) / 2,
                        0,
                        text,
                        ha="center",
                        va="center",
                        fontsize=9,
                        color="#222222",
                        fontweight="bold",
                        zorder=4,
                        bbox={
                            "boxstyle": "round,pad=0.15",
                            "fc": "white",
                            "ec": "none",
                            "alpha": 0.6,
                        },
                    )
            if span.added:
                ax.fill_between(
                    [start + span.length, end],
                    -_BAND,
                    _BAND,
                    facecolor="none",
                    edgecolor="#666666",
                    hatch="////",
                    lw=0,
                    zorder=3,
                )
            for edge in (start, end):
                ax.plot([edge, edge], [-_BAND, _BAND], color="#444444", lw=1)

    def titles(self) -> None:
        """The score as the score fold words it; the competition, round, date and ground."""
        ax = self.ax
        sched = self.data.schedule
        ax.set_title(str(self.data.scoreline), loc="left", fontsize=14, fontweight="bold", pad=18)
        bits = [f"{sched.competition} {sched.season}" + (f", {sched.round}" if sched.round else "")]
        if sched.kickoff is not None:
            bits.append(f"{sched.kickoff.day} {sched.kickoff:%B %Y}")
        if sched.venue:
            bits.append(sched.venue)
        ax.annotate(
            "  \u00b7  ".join(bits),
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 5),
            textcoords="offset points",
            fontsize=8.5,
            color="#555555",
        )

    def axis(self) -> None:
        """Minutes every quarter of an hour, each period's stoppage time after its end."""
        ax = self.ax
        ticks: list[tuple[float, str]] = []
        for span in self.data.periods:
            start = self.offsets[span.period]
            # a later period starts where the one before ended: its first minute is not repeated
            first = span.start + (15 if span.start else 0)
            ticks += [
                (start + minute - span.start, f"{minute}'")
                for minute in range(first, span.start + span.length + 1, 15)
            ]
            if span.added:
                ticks.append((self.end(span), f"+{span.added}'"))
        ax.set_xticks([x for x, _ in ticks], [text for _, text in ticks], fontsize=8)
        labels = ax.get_xticklabels()
        for i, label in enumerate(labels):
            # "45'" and "+1'" a minute apart: the one ends where the other starts
            if label.get_text().startswith("+"):
                label.set_horizontalalignment("left")
                label.set_fontsize(7)
                labels[i - 1].set_horizontalalignment("right")
        home, away = self.data.schedule.home.name, self.data.schedule.away.name
        ax.set_yticks([_BAND + 1.5, -_BAND - 1.5], [home, away], fontsize=10, fontweight="bold")
        for label, colour in zip(ax.get_yticklabels(), (_HOME, _AWAY), strict=True):
            label.set_color(colour)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)

    def breaks(self) -> None:
        """The score at each break between periods, and at the end."""
        ax = self.ax
        s = self.data.scoreline
        for span in self.data.periods[:-1]:
            mid = self.end(span) + _GAP / 2
            name = _BREAKS.get(span.period, "ET HT")
            at_break = self.score_at(mid)
            if span.period is Period.FIRST_HALF and s.half_time is not None:
                at_break = str(s.half_time)
            ax.text(
                mid,
                0,
                f"{name}\n{at_break}",
                ha="center",
                va="center",
                fontsize=8,
                color="#333333",
                linespacing=1.1,
            )
        if s.status in (MatchStatus.FINISHED, MatchStatus.AWARDED):
            name = "AET" if s.extra_time is not None else "FT"
            ax.text(
                self.end(self.data.periods[-1]) + 1.0,
                0,
                f"{name}\n{s.on_pitch}",
                ha="left",
                va="center",
                fontsize=9,
                fontweight="bold",
                color="#222222",
                linespacing=1.1,
            )

    def score_at(self, x: float) -> str:
        if not self.data.goal_detail:
            return ""
        return [text for at, text in self.changes() if at <= x][-1]

    def legend(self) -> None:
        """A key to the markers of the kinds of moment shown, under the clock."""
        from matplotlib.legend_handler import HandlerTuple  # noqa: PLC0415 - optional
        from matplotlib.lines import Line2D  # noqa: PLC0415 - optional

        kinds = {m.kind for m in self.data.moments}
        handles: list[tuple[Line2D, ...]] = []
        labels: list[str] = []
        for kind in _ORDER:
            if kind in kinds:
                handles.append(
                    tuple(Line2D([], [], linestyle="none", **k) for k in _marker(kind, _LEVEL))
                )
                labels.append(_LABELS[kind])
        if handles:
            self.ax.legend(
                handles,
                labels,
                handler_map={tuple: HandlerTuple(ndivide=1)},
                loc="upper center",
                bbox_to_anchor=(0.5, 0.0),
                ncol=min(len(handles), 6),
                frameon=False,
                fontsize=8,
                borderaxespad=2.2,
                handletextpad=0.3,
                columnspacing=1.4,
            )


_Box = tuple[float, float, int, int]  # from, to (axis minutes), first row, row after the last
_Stem = tuple[float, float, float]  # from, to (axis minutes), how far out (rows)


def _place(
    label: _Label, sides: list[bool], boxes: list[_Box], stems: list[_Stem]
) -> tuple[int, bool]:
    """The row and side of a label: overlapping no other label, low, crossing few stems.

    Each row out from the band counts one, each stem crossing a label (its own through
    another, or another through it) three, a label left of its marker 1.2.
    """

    def clear(b: _Box) -> bool:
        a, z, r0, r1 = b
        return not any(a < bz and ba < z and r0 < br1 and br0 < r1 for ba, bz, br0, br1 in boxes)

    def crossings(b: _Box, s: _Stem) -> int:
        a, z, r0, _ = b
        sa, sz, top = s
        over = sum(1 for ta, tz, ttop in stems if a < tz and ta < z and r0 < ttop)
        return over + sum(1 for ba, bz, br0, _ in boxes if sa < bz and ba < sz and br0 < top)

    best: tuple[float, int, bool] | None = None
    row = 0
    while best is None or row <= best[0]:
        for side in sides:
            b = label.box(row, side)
            if clear(b):
                cost = row + 3.0 * crossings(b, label.stem(row)) + (0.0 if side else 1.2)
                if best is None or cost < best[0]:
                    best = (cost, row, side)
        row += 1
    return best[1], best[2]


def _tint(text: str) -> str:
    """The colour of the side ahead at ``home-away``, grey when level."""
    home, _, away = text.partition("-")
    h, a = int(home), int(away)
    return _HOME if h > a else _AWAY if a > h else _LEVEL


def _renderer(fig: Figure) -> RendererBase | None:
    """The canvas's renderer to measure text with (``None``: the figure finds one)."""
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if callable(get) else None


_POSTS: Final = ((-0.5, -0.45), (-0.5, 0.45), (0.5, 0.45), (0.5, -0.45))
_YELLOW: Final = "#f7d117"
_RED: Final = "#d0021b"

_ORDER: Final[tuple[MomentKind, ...]] = (
    "goal",
    "penalty_goal",
    "own_goal",
    "goal_ruled_out",
    "yellow_card",
    "second_yellow",
    "red_card",
    "woodwork",
    "penalty_saved",
    "penalty_missed",
    "substitution",
)
_LABELS: Final[dict[MomentKind, str]] = {
    "goal": "goal",
    "penalty_goal": "penalty goal",
    "own_goal": "own goal",
    "goal_ruled_out": "goal ruled out",
    "yellow_card": "yellow card",
    "second_yellow": "second yellow",
    "red_card": "red card",
    "woodwork": "hit the woodwork",
    "penalty_saved": "penalty saved",
    "penalty_missed": "penalty missed",
    "substitution": "substitution",
}


def _marker(kind: MomentKind, colour: str) -> list[dict[str, Any]]:  # noqa: C901, PLR0911 - one per kind
    """The marker of a kind of moment, as ``Line2D`` keywords, one dict per layer."""
    from matplotlib.markers import MarkerStyle  # noqa: PLC0415 - optional
    from matplotlib.transforms import Affine2D  # noqa: PLC0415 - optional

    def card(face: str, alt: str | None = None) -> dict[str, Any]:
        shape = MarkerStyle(
            "s", fillstyle="left" if alt else "full", transform=Affine2D().scale(0.72, 1.0)
        )
        out = {
            "marker": shape,
            "markersize": 10,
            "markerfacecolor": face,
            "markeredgecolor": "#333333",
            "markeredgewidth": 0.8,
        }
        if alt:
            out["markerfacecoloralt"] = alt
        return out

    ball = {
        "marker": "o",
        "markersize": 9,
        "markerfacecolor": colour,
        "markeredgecolor": "white",
        "markeredgewidth": 0.8,
    }
    if kind == "goal":
        return [ball]
    if kind == "penalty_goal":
        letter = {
            "marker": "$P$",
            "markersize": 5,
            "markerfacecolor": "white",
            "markeredgecolor": "white",
            "markeredgewidth": 0.3,
        }
        return [ball, letter]
    if kind == "own_goal":
        return [
            {**ball, "markerfacecolor": "white", "markeredgecolor": colour, "markeredgewidth": 2.0}
        ]
    if kind == "goal_ruled_out":
        return [
            {**ball, "markerfacecolor": "#dddddd", "markeredgecolor": "#999999"},
            {"marker": "x", "markersize": 6, "markeredgecolor": "#555555", "markeredgewidth": 1.5},
        ]
    if kind == "yellow_card":
        return [card(_YELLOW)]
    if kind == "second_yellow":
        return [card(_YELLOW, _RED)]
    if kind == "red_card":
        return [card(_RED)]
    if kind == "woodwork":
        return [
            {
                "marker": _POSTS,
                "markersize": 10,
                "markerfacecolor": "none",
                "markeredgecolor": colour,
                "markeredgewidth": 2.0,
            }
        ]
    if kind == "penalty_saved":
        return [
            {
                "marker": "s",
                "markersize": 7,
                "markerfacecolor": "white",
                "markeredgecolor": colour,
                "markeredgewidth": 1.8,
            }
        ]
    if kind == "penalty_missed":
        return [{"marker": "x", "markersize": 8, "markeredgecolor": colour, "markeredgewidth": 2.2}]
    return [
        {
            "marker": "$\u21c5$",
            "markersize": 9,
            "markerfacecolor": "#666666",
            "markeredgecolor": "#666666",
            "markeredgewidth": 0.3,
        }
    ]


def _draw_marker(ax: Axes, kind: MomentKind, x: float, y: float, colour: str) -> None:
    for layer in _marker(kind, colour):
        ax.plot([x], [y], linestyle="none", zorder=6, **layer)
