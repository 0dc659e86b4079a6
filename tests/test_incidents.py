"""The incidents fold: goals that stand, cards and substitutions, corrections applied."""

from __future__ import annotations

from hypothesis import given

import matchledger as ml
from matchledger.events import (
    CardRescinded,
    CardShown,
    GoalCredited,
    GoalDisallowed,
    OwnGoalScored,
    ResultRecorded,
    ShotTaken,
    SubstitutionMade,
)
from matchledger.strategies import ledgers, match_events


def test_the_seed_match() -> None:
    found = ml.incidents(ml.load_example(), ml.EXAMPLE_MATCH_ID)
    assert [(g.minute, g.scorer.name, g.kind, g.score) for g in found.goals] == [
        ("4'", "Lautaro Martínez", "regular", "1-0"),
        ("75'", "Robin Gosens", "regular", "1-1"),
    ]
    assert found.goals[0].assist is not None
    assert found.goals[0].assist.name == "Romelu Lukaku"
    officials = [b.player.name for b in found.bookings if b.official]
    assert officials == ["Antonio Conte"]
    assert len(found.substitutions) == 5


def test_corrections_apply() -> None:
    ledger = ml.load_example()
    match = ml.EXAMPLE_MATCH_ID
    gosens = next(
        e for e in ledger if isinstance(e, ShotTaken) and e.is_goal and e.at and e.at.minute == 75
    )
    card = next(e for e in ledger if isinstance(e, CardShown))
    toloi = ml.Player(player_id="lautaro-martinez", name="Lautaro Martínez")
    corrected = ledger.extend(
        [
            GoalDisallowed(event_id="x1", match_id=match, goal="ia-005", reason="offside"),
            GoalCredited(
                event_id="x2", match_id=match, goal=gosens.event_id, player=toloi, own_goal=True
            ),
            CardRescinded(event_id="x3", match_id=match, card=card.event_id),
        ]
    )
    found = ml.incidents(corrected, match)
    # the 4th-minute goal is gone; the 75th-minute one is an own goal, still for Atalanta
    assert [(g.minute, g.scorer.name, g.kind, g.team, g.score, g.assist) for g in found.goals] == [
        ("75'", "Lautaro Martínez", "own_goal", "atalanta", "0-1", None)
    ]
    assert card.event_id not in {b.event_id for b in found.bookings}


@given(match_events(corrections=True))
def test_goals_listed_are_the_goals_on_the_pitch(events: list[ml.Event]) -> None:
    """Conservation: each side's listed goals are its goals on the pitch (no result-only rows)."""
    ledger = ml.Ledger(events)
    (match_id,) = ledger.match_ids
    if any(isinstance(e, ResultRecorded) for e in events):
        return
    line = ml.score(ledger, match_id)
    found = ml.incidents(ledger, match_id)
    home = sum(g.team == line.home.team_id for g in found.goals)
    away = sum(g.team == line.away.team_id for g in found.goals)
    assert (home, away) == (line.on_pitch.home, line.on_pitch.away)
    if found.goals:
        assert found.goals[-1].score == f"{home}-{away}"
    own = sum(isinstance(e, OwnGoalScored) for e in events) + sum(
        isinstance(e, GoalCredited) and e.own_goal for e in events
    )
    assert sum(g.kind == "own_goal" for g in found.goals) <= own
    subs = sum(isinstance(e, SubstitutionMade) for e in events)
    assert len(found.substitutions) == subs


@given(ledgers())
def test_prefix_never_lists_more(ledger: ml.Ledger) -> None:
    """A ledger's prefix lists no goal, card or substitution the whole ledger does not."""
    for match_id in ledger.match_ids:
        whole = ml.incidents(ledger, match_id)
        half = ml.incidents(ledger[: len(ledger) // 2], match_id)
        assert {x.event_id for x in half.substitutions} <= {x.event_id for x in whole.substitutions}
        # other matches' events, interleaved, change nothing
        assert ml.incidents(ledger.for_match(match_id), match_id) == whole
