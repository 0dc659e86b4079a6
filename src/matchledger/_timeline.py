"""A match as lines of text, one per event worth reading: the ``demo`` command's view."""

from __future__ import annotations

from collections.abc import Iterator

from matchledger.events import (
    CardRescinded,
    CardShown,
    Event,
    FoulCommitted,
    GoalCredited,
    GoalDisallowed,
    LineupAnnounced,
    MatchEnded,
    MatchScheduled,
    MatchStatusChanged,
    OwnGoalScored,
    PenaltyAppealDenied,
    PenaltyAwarded,
    PeriodEnded,
    PeriodStarted,
    ResultAwarded,
    ResultRecorded,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
    VarReviewed,
)
from matchledger.folds.score import ScoreFold
from matchledger.ledger import Ledger

_OUTCOME = {
    ShotOutcome.SAVED: "shot saved",
    ShotOutcome.OFF_TARGET: "shot off target",
    ShotOutcome.BLOCKED: "shot blocked",
    ShotOutcome.POST: "hit the post",
    ShotOutcome.CROSSBAR: "hit the crossbar",
    ShotOutcome.WOODWORK: "hit the woodwork",
    ShotOutcome.CLEARED_OFF_LINE: "cleared off the line",
}


def timeline(ledger: Ledger, match_id: str) -> Iterator[str]:
    """Lines describing a match, with the running score after each goal.

    Example:
        >>> from matchledger import load_example
        >>> lines = list(timeline(load_example(), "inter-atalanta-2020-01-11"))
        >>> lines[0]
        'Serie A 2019-20, Matchday 19: Inter v Atalanta'
    """
    schedule = ledger.schedule(match_id)
    names = {schedule.home.team_id: schedule.home.name, schedule.away.team_id: schedule.away.name}
    fold = ScoreFold(match_id)
    state = fold.initial()
    for event in ledger:
        if getattr(event, "match_id", None) != match_id:
            continue
        before = state
        state = fold.step(state, event)
        text = _describe(event, names)
        if text is None:
            continue
        when = str(event.at) if getattr(event, "at", None) is not None else ""  # type: ignore[union-attr]
        if state.goals != before.goals or state.disallowed != before.disallowed:
            now = fold.view(state)
            text += f"  [{now.on_pitch}]"
        if isinstance(event, MatchScheduled):
            yield from text.split("\n")
        else:
            yield f"{when:>7}  {text}"


def _describe(event: Event, names: dict[str, str]) -> str | None:  # noqa: C901, PLR0911, PLR0912
    team = names.get(getattr(event, "team", ""), "")
    if isinstance(event, MatchScheduled):
        where = f" at {event.venue}" if event.venue else ""
        rnd = f", {event.round}" if event.round else ""
        when = "date unknown" if event.kickoff is None else event.kickoff.isoformat(" ", "minutes")
        return (
            f"{event.competition} {event.season}{rnd}: {event.home.name} v {event.away.name}\n"
            f"Kick-off {when}{where}"
        )
    if isinstance(event, LineupAnnounced):
        return f"{team} line-up: " + ", ".join(e.player.name for e in event.starters)
    if isinstance(event, PeriodStarted):
        return f"{event.period.value.replace('_', ' ').capitalize()} starts"
    if isinstance(event, PeriodEnded):
        return f"{event.period.value.replace('_', ' ').capitalize()} ends"
    if isinstance(event, MatchEnded):
        return "Full time"
    if isinstance(event, ShotTaken):
        if event.is_goal:
            kind = " (penalty)" if event.situation is Situation.PENALTY else ""
            assist = f", assist {event.assist.name}" if event.assist else ""
            return f"GOAL {team}: {event.player.name}{kind}{assist}"
        what = _OUTCOME[event.outcome]
        if event.situation is Situation.PENALTY:
            what = what.replace("shot", "penalty")
        by = f" by {event.stopped_by.name}" if event.stopped_by else ""
        return f"{team}: {event.player.name}, {what}{by}"
    if isinstance(event, OwnGoalScored):
        return f"OWN GOAL by {event.player.name} ({team})"
    if isinstance(event, CardShown):
        who = f"{event.player.name} (official)" if event.official else event.player.name
        return f"{event.card.value.replace('_', ' ').capitalize()} card: {who} ({team})"
    if isinstance(event, SubstitutionMade):
        return f"{team} substitution: {event.player_on.name} on, {event.player_off.name} off"
    if isinstance(event, FoulCommitted):
        on = f" on {event.fouled.name}" if event.fouled else ""
        return f"Foul by {event.player.name} ({team}){on}"
    if isinstance(event, PenaltyAwarded):
        by = f", conceded by {event.conceded_by.name}" if event.conceded_by else ""
        return f"Penalty to {team}{by}"
    if isinstance(event, PenaltyAppealDenied):
        who = f" ({event.claimed_by.name})" if event.claimed_by else ""
        return f"{team} penalty appeal{who} turned down"
    if isinstance(event, VarReviewed):
        incident = event.incident.value.replace("_", " ")
        return f"VAR review ({incident}): decision {event.decision.value}"
    if isinstance(event, ShootoutKickTaken):
        return f"Shootout: {event.player.name} ({team}) {'scores' if event.scored else 'misses'}"
    if isinstance(event, GoalDisallowed):
        why = f" ({event.reason})" if event.reason else ""
        return f"Goal {event.goal} disallowed{why}"
    if isinstance(event, GoalCredited):
        kind = "an own goal by" if event.own_goal else "credited to"
        return f"Goal {event.goal} is now {kind} {event.player.name}"
    if isinstance(event, CardRescinded):
        return f"Card {event.card} rescinded"
    if isinstance(event, ResultRecorded):
        return f"Result: {event.home_goals}-{event.away_goals}"
    if isinstance(event, ResultAwarded):
        return f"Result awarded: {event.home_goals}-{event.away_goals}"
    if isinstance(event, MatchStatusChanged):
        return f"Match {event.status.value}"
    return None  # pragma: no cover
