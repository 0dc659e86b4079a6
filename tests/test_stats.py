"""Player statistics: the seed match's numbers, hand-made cases and the laws of the fold."""

from __future__ import annotations

from collections import Counter

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import matchledger as ml
from builders import M, card, end, lineup, p, schedule, start
from matchledger import (
    Card,
    GoalDisallowed,
    Ledger,
    MatchEnded,
    MatchTime,
    OwnGoalScored,
    Period,
    PeriodEnded,
    PlayerStats,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
    player_stats,
)
from matchledger.cli import main
from matchledger.strategies import ledgers, match_events


def by_name(ledger: Ledger) -> dict[str, PlayerStats]:
    return {s.name: s for s in player_stats(ledger)}


def test_the_seed_match_adds_up() -> None:
    """The report's facts: goals, woodwork, the clearance, the penalty conceded, missed, saved."""
    s = by_name(ml.load_example())
    assert (s["Lautaro Martínez"].goals, s["Lautaro Martínez"].cleared_off_line) == (1, 1)
    assert s["Lautaro Martínez"].shots == 2
    assert s["Robin Gosens"].goals == 1
    assert s["Ruslan Malinovskyi"].woodwork == s["Alejandro Gómez"].woodwork == 1
    assert s["Alessandro Bastoni"].penalties_conceded == 1
    assert (s["Luis Muriel"].penalties_taken, s["Luis Muriel"].penalties_missed) == (1, 1)
    assert s["Luis Muriel"].penalties_scored == 0
    keeper = s["Samir Handanović"]
    assert (keeper.penalties_saved, keeper.saves, keeper.goals_conceded) == (1, 2, 1)
    assert s["Pierluigi Gollini"].goals_conceded == 1
    assert s["Romelu Lukaku"].assists == 1
    assert s["Ruslan Malinovskyi"].penalties_won == 1
    assert s["Ruslan Malinovskyi"].yellow_cards == 1
    assert "Antonio Conte" not in s  # a coach's card is not a player statistic


def test_minutes_count_stoppage_time() -> None:
    """46 + 49 minutes were played; a substitute at 90' plays 4, the man he replaced 91."""
    s = by_name(ml.load_example())
    assert s["Samir Handanović"].minutes_played == 95
    assert s["Timothy Castagne"].minutes_played == 4
    assert s["Robin Gosens"].minutes_played == 91
    assert s["Duván Zapata"].minutes_played + s["Ruslan Malinovskyi"].minutes_played == 95
    assert s["Timothy Castagne"].starts == 0
    assert s["Timothy Castagne"].appearances == 1
    for team in ("inter", "atalanta"):
        assert (
            sum(x.minutes_played for x in player_stats(ml.load_example()) if x.team == team)
            == 11 * 95
        )


def _match(*events: object) -> Ledger:
    return Ledger([schedule(), lineup("home"), lineup("away"), start(Period.FIRST_HALF), *events])  # type: ignore[list-item]


def test_own_goals_second_yellows_and_late_substitutes() -> None:
    """An own goal is not the player's goal; a second yellow is two yellows and a red."""
    ledger = _match(
        OwnGoalScored(
            event_id="og", match_id=M, team="away", player=p("away", 4), at=MatchTime(minute=20)
        ),
        card("c1", "away", 5, Card.YELLOW),
        card("c2", "away", 5, Card.SECOND_YELLOW),
        end(Period.FIRST_HALF),
        start(Period.SECOND_HALF, 2),
        SubstitutionMade(
            event_id="sub",
            match_id=M,
            team="home",
            player_off=p("home", 9),
            player_on=p("home", 12),
            at=MatchTime(minute=90, added=2),
        ),
        PeriodEnded(
            event_id="e2", match_id=M, period=Period.SECOND_HALF, at=MatchTime(minute=90, added=4)
        ),
        MatchEnded(event_id="ft", match_id=M),
    )
    s = {x.player_id: x for x in player_stats(ledger)}
    assert (s["away4"].own_goals, s["away4"].goals) == (1, 0)
    assert s["home1"].goals_conceded == 0
    assert s["away1"].goals_conceded == 1  # the away keeper, on the pitch
    assert (s["away5"].yellow_cards, s["away5"].red_cards) == (2, 1)
    assert s["home12"].minutes_played == 2
    assert s["home9"].minutes_played == 45 + 47
    assert ml.score(ledger, M).home_goals == 1


def test_a_disallowed_goal_still_counts_as_a_shot() -> None:
    """VAR takes the goal, its assist and the keeper's goal conceded away; the shot stays."""
    ledger = _match(
        ShotTaken(
            event_id="g",
            match_id=M,
            team="home",
            player=p("home", 9),
            assist=p("home", 10),
            outcome=ShotOutcome.GOAL,
            situation=Situation.PENALTY,
            at=MatchTime(minute=30),
        ),
        GoalDisallowed(event_id="d", match_id=M, goal="g", reason="encroachment"),
    )
    s = {x.player_id: x for x in player_stats(ledger)}
    assert (s["home9"].goals, s["home9"].shots, s["home9"].shots_on_target) == (0, 1, 1)
    assert s["home9"].penalties_scored == 0
    assert s["home10"].assists == 0
    assert s["away1"].goals_conceded == 0


def test_stats_cli(capsys: pytest.CaptureFixture[str]) -> None:
    """matchledger stats --json lists every player with the keys of PlayerStats."""
    cap = capsys
    assert main(["stats", "examples/inter-atalanta.json", "--json"]) == 0
    rows = orjson.loads(cap.readouterr().out)
    assert len(rows) == 27  # 22 starters and 5 substitutes who came on
    assert set(rows[0]) == {*PlayerStats.__annotations__, "team_id"}
    lautaro = next(r for r in rows if r["name"] == "Lautaro Martínez")
    assert (lautaro["team"], lautaro["team_id"], lautaro["goals"]) == ("Inter", "inter", 1)
    assert (
        main(["stats", "examples/inter-atalanta.json", "--team", "Inter", "--player", "lautaro"])
        == 0
    )
    out = cap.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[1].startswith("Lautaro Martínez")
    assert main(["stats", "examples/inter-atalanta.json", "--team", "Milan"]) == 1
    assert "no team 'Milan'" in cap.readouterr().err


# --- laws ---------------------------------------------------------------------------------------


@given(match_events(finished=True))
def test_goals_add_up_to_the_score(events: list[ml.Event]) -> None:
    """Per team: the players' goals plus the opponent's own goals equal the goals on the pitch."""
    ledger = Ledger(events)
    (mid,) = ledger.match_ids
    line = ml.score(ledger, mid)
    stats = player_stats(ledger)
    goals = Counter[str]()
    for s in stats:
        goals[s.team] += s.goals
        other = line.away.team_id if s.team == line.home.team_id else line.home.team_id
        goals[other] += s.own_goals
        assert s.shots_on_target >= s.goals
        assert s.shots == s.shots_on_target + s.shots_off_target + s.shots_blocked
        assert s.penalties_taken == s.penalties_scored + s.penalties_missed or any(
            isinstance(e, GoalDisallowed) for e in events
        )
    assert goals[line.home.team_id] == line.on_pitch.home
    assert goals[line.away.team_id] == line.on_pitch.away


@given(ledgers(max_matches=3))
def test_whole_ledger_equals_the_merge_of_its_matches(ledger: Ledger) -> None:
    """Stats of the ledger = the merge of per-match stats; a codec round trip changes nothing."""
    merged: dict[str, PlayerStats] = {}
    for mid in ledger.match_ids:
        for s in player_stats(ledger, mid):
            merged[s.player_id] = merged[s.player_id].merge(s) if s.player_id in merged else s
    whole = {s.player_id: s for s in player_stats(ledger)}
    assert whole == merged
    assert player_stats(ml.loads(ml.dumps(ledger))) == player_stats(ledger)


@given(match_events(finished=True, lineups=True))
def test_minutes_fill_eleven_places(events: list[ml.Event]) -> None:
    """A team with no one sent off plays 11 x the match's length; with a dismissal, less."""
    ledger = Ledger(events)
    stats = player_stats(ledger)
    if not stats:
        return
    length = max(s.minutes_played for s in stats)
    sent_off = {
        e.team
        for e in events
        if isinstance(e, ml.CardShown) and e.card.dismisses and not e.official
    }
    totals = Counter[str]()
    for s in stats:
        assert 0 <= s.minutes_played <= length
        totals[s.team] += s.minutes_played
    for team, total in totals.items():
        if team in sent_off:
            assert total <= 11 * length
        else:
            assert total == 11 * length


# --- corrections ----------------------------------------------------------------------------------


def test_a_goal_turned_into_an_own_goal() -> None:
    """Gosens's equaliser credited as an own goal by Bastoni: score unchanged, tallies moved."""
    seed = ml.load_example()
    bastoni = ml.Player(player_id="alessandro-bastoni", name="Alessandro Bastoni")
    credited = seed.append(
        ml.GoalCredited(
            event_id="dg",
            match_id=ml.EXAMPLE_MATCH_ID,
            goal="ia-022",
            player=bastoni,
            own_goal=True,
        )
    )
    before, after = by_name(seed), by_name(credited)
    assert (after["Robin Gosens"].goals, after["Robin Gosens"].shots) == (0, 1)
    assert after["Alessandro Bastoni"].own_goals == 1
    assert ml.score(credited, ml.EXAMPLE_MATCH_ID) == ml.score(seed, ml.EXAMPLE_MATCH_ID)
    changed = {
        (name, field)
        for name in before
        for field in ml.PlayerStats.__annotations__
        if getattr(before[name], field) != getattr(after[name], field)
    }
    assert changed == {("Robin Gosens", "goals"), ("Alessandro Bastoni", "own_goals")}


def test_a_goal_credited_to_a_teammate_and_a_card_rescinded() -> None:
    """Only the named fields change; a rescinded card leaves the minutes as played."""
    seed = ml.load_example()
    lukaku = ml.Player(player_id="romelu-lukaku", name="Romelu Lukaku")
    ledger = seed.extend(
        [
            ml.GoalCredited(
                event_id="dg", match_id=ml.EXAMPLE_MATCH_ID, goal="ia-005", player=lukaku
            ),
            ml.CardRescinded(event_id="cr", match_id=ml.EXAMPLE_MATCH_ID, card="ia-006"),
        ]
    )
    s = by_name(ledger)
    assert (s["Lautaro Martínez"].goals, s["Romelu Lukaku"].goals) == (0, 1)
    assert s["Romelu Lukaku"].assists == 1  # the recorded assist stays with the goal
    assert s["Hans Hateboer"].yellow_cards == 0
    assert s["Hans Hateboer"].minutes_played == 95
    with pytest.raises(ml.MatchStateError, match="already rescinded"):
        ledger.append(ml.CardRescinded(event_id="cr2", match_id=ml.EXAMPLE_MATCH_ID, card="ia-006"))
    with pytest.raises(ml.UnknownReferenceError, match="a ShotTaken"):
        ledger.append(ml.CardRescinded(event_id="cr3", match_id=ml.EXAMPLE_MATCH_ID, card="ia-005"))
    with pytest.raises(ml.MatchStateError, match="not a goal that stands"):
        ledger.append(
            ml.GoalCredited(
                event_id="dg2", match_id=ml.EXAMPLE_MATCH_ID, goal="ia-008", player=lukaku
            )
        )


@given(match_events(finished=True, corrections=False), st.data())
def test_a_correction_changes_only_what_it_names(
    events: list[ml.Event], data: st.DataObject
) -> None:
    """Disallowing a goal or rescinding a card changes only the fields those name."""
    ledger = Ledger(events)
    (mid,) = ledger.match_ids
    goals = [e for e in events if isinstance(e, ShotTaken) and e.is_goal]
    cards = [e for e in events if isinstance(e, ml.CardShown) and not e.official]
    choices: list[ml.Event] = [
        GoalDisallowed(event_id="fix", match_id=mid, goal=g.event_id) for g in goals
    ] + [ml.CardRescinded(event_id="fix", match_id=mid, card=c.event_id) for c in cards]
    if not choices:
        return
    fix = data.draw(st.sampled_from(choices))
    before = {s.player_id: s for s in player_stats(ledger)}
    after = {s.player_id: s for s in player_stats(ledger.append(fix))}
    if isinstance(fix, GoalDisallowed):
        shot = next(g for g in goals if g.event_id == fix.goal)
        allowed = {(shot.player.player_id, "goals")}
        if shot.assist is not None:
            allowed.add((shot.assist.player_id, "assists"))
        if shot.situation is Situation.PENALTY:
            allowed.add((shot.player.player_id, "penalties_scored"))
        allowed |= {(pid, "goals_conceded") for pid in before}
    else:
        shown = next(c for c in cards if c.event_id == fix.card)
        allowed = {(shown.player.player_id, "yellow_cards"), (shown.player.player_id, "red_cards")}
    changed = {
        (pid, f)
        for pid in before
        for f in ml.PlayerStats.__annotations__
        if getattr(before[pid], f) != getattr(after[pid], f)
    }
    assert changed <= allowed
    assert changed


@given(match_events(finished=True))
def test_team_stats_come_from_the_players(events: list[ml.Event]) -> None:
    """A team's goals in team_stats are the goals on the pitch; its shots its players'."""
    ledger = Ledger(events)
    (mid,) = ledger.match_ids
    line = ml.score(ledger, mid)
    home, away = ml.team_stats(ledger, mid)
    assert (home.team, away.team) == (line.home.team_id, line.away.team_id)
    assert (home.goals, away.goals) == (line.on_pitch.home, line.on_pitch.away)
    for t in (home, away):
        assert t.shots == sum(p.shots for p in player_stats(ledger) if p.team == t.team)
        assert t.shots == t.shots_on_target + t.shots_off_target + t.shots_blocked


@given(match_events(finished=True, lineups=True))
def test_a_keeper_who_played_throughout_faced_every_attempt(events: list[ml.Event]) -> None:
    """His saves are the opponent's saved shots; his goals conceded the opponent's goals."""
    ledger = Ledger(events)
    (mid,) = ledger.match_ids
    line = ml.score(ledger, mid)
    stats = {s.player_id: s for s in player_stats(ledger)}
    for lineup_event in (e for e in events if isinstance(e, ml.LineupAnnounced)):
        keepers = [x.player.player_id for x in lineup_event.starters if x.position == "GK"]
        if not keepers:
            continue
        (keeper,) = keepers
        left = any(
            (isinstance(e, SubstitutionMade) and e.player_off.player_id == keeper)
            or (isinstance(e, ml.CardShown) and e.card.dismisses and e.player.player_id == keeper)
            for e in events
        )
        if left:
            continue
        team = lineup_event.team
        saved = sum(
            1
            for e in events
            if isinstance(e, ShotTaken) and e.team != team and e.outcome is ShotOutcome.SAVED
        )
        conceded = line.on_pitch.away if team == line.home.team_id else line.on_pitch.home
        assert stats[keeper].saves == saved
        assert stats[keeper].goals_conceded == conceded
