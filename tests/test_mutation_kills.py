"""Behaviour that mutation testing found unchecked (see docs/mutation-testing.md).

Each test pins down one behaviour that a mutant of the library changed without any
other test failing: the rules' arithmetic and boundaries, the words of their errors,
the home and away halves of a team's record, the season fold's deductions and tie
decisions, a scoreline's text.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import pytest

from builders import AWAY, HOME, M, end, goal, p, schedule, start
from matchledger import Ledger, LedgerError, run
from matchledger.errors import DuplicateEventError, InvalidFieldError, UnknownReferenceError
from matchledger.events import (
    Card,
    CardShown,
    LineupAnnounced,
    LineupEntry,
    MatchEnded,
    MatchStatus,
    MatchStatusChanged,
    MatchTime,
    Period,
    PointsDeducted,
    ResultAwarded,
    ResultRecorded,
    Score,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    SubstitutionMade,
    TieDecided,
)
from matchledger.folds.records import (
    MatchResult,
    SeasonFold,
    Split,
    TeamRecord,
    fold_season,
    records,
    result_of,
    results,
)
from matchledger.folds.score import ScoreFold, Scoreline, score, scores
from matchledger.rules import PRESETS, Criterion, Rules, preset, resolve

# --- rules -----------------------------------------------------------------------------


def test_points_add_the_points_of_a_loss() -> None:
    rules = Rules(name="t", win=3, draw=1, loss=-1)
    assert rules.points(won=2, drawn=1, lost=3) == 6 + 1 - 3


def test_a_different_chain_applies_from_three_clubs_level() -> None:
    rules = Rules(
        name="t",
        criteria=("h2h_points", "goal_difference"),
        criteria_for_many=["goal_difference", "goals_scored"],
    )
    assert rules.criteria_for_many == (Criterion.GOAL_DIFFERENCE, Criterion.GOALS_SCORED)
    assert rules.chain(2) == (Criterion.H2H_POINTS, Criterion.GOAL_DIFFERENCE)
    assert rules.chain(3) == rules.criteria_for_many
    assert rules.chain(4) == rules.criteria_for_many
    assert Rules(name="t", criteria=("wins",)).chain(3) == (Criterion.WINS,)


def test_an_unknown_preset_names_the_three_closest_and_all_the_known_ones() -> None:
    # "ligue-liga" is close to four presets: the hint names the three closest
    close = difflib.get_close_matches("ligue-liga", PRESETS, n=10)
    assert len(close) == 4
    with pytest.raises(LedgerError) as info:
        preset("ligue-liga")
    known = ", ".join(sorted(PRESETS))
    hint = ", ".join(repr(name) for name in close[:3])
    assert (
        str(info.value) == f"unknown rules 'ligue-liga'; did you mean {hint}? Known rules: {known}"
    )


def test_an_unknown_preset_with_no_close_name_gives_no_hint() -> None:
    with pytest.raises(LedgerError) as info:
        preset("zzzzzzzzzzzz")
    assert str(info.value) == (
        "unknown rules 'zzzzzzzzzzzz' Known rules: " + ", ".join(sorted(PRESETS))
    )


def test_resolve_takes_a_preset_itself() -> None:
    serie_a = preset("serie-a")
    assert resolve(serie_a, "2019-20") == serie_a.for_season("2019-20")
    assert resolve("serie-a", "1990-91").win == 2


def test_resolve_names_the_preset_that_needs_a_season() -> None:
    with pytest.raises(LedgerError, match=r"rules 'serie-a' depend on the season"):
        resolve("serie-a", None)


def test_a_season_that_does_not_start_with_a_year_is_named() -> None:
    with pytest.raises(LedgerError, match=r"season 'autumn' must start with a year"):
        preset("serie-a").for_season("autumn")


# --- records -----------------------------------------------------------------------------

DAY = datetime(2024, 8, 17, 15, tzinfo=UTC)


def _result(n: int, home: str, away: str, hg: int, ag: int, **kw: object) -> MatchResult:
    return MatchResult(
        match_id=f"m{n}",
        home=home,
        away=away,
        home_goals=hg,
        away_goals=ag,
        kickoff=DAY + timedelta(days=n),
        **kw,  # type: ignore[arg-type]
    )


def test_records_keep_home_and_away_apart() -> None:
    played = [
        _result(1, "a", "b", 2, 0),
        _result(2, "b", "a", 1, 1),
        _result(3, "a", "c", 0, 0),
        _result(4, "c", "a", 3, 1),
    ]
    got = records(played, ["a", "b", "c", "d"], {})
    a = got["a"]
    assert a.team == "a"
    assert (a.home.played, a.home.won, a.home.drawn, a.home.lost) == (2, 1, 1, 0)
    assert (a.home.goals_for, a.home.goals_against) == (2, 0)
    assert (a.away.played, a.away.won, a.away.drawn, a.away.lost) == (2, 0, 1, 1)
    assert (a.away.goals_for, a.away.goals_against) == (2, 4)
    assert a.form() == "WDDL"
    assert a.form("home") == "WD"
    assert a.form("away") == "DL"
    assert got["d"].team == "d"
    assert got["d"].total.played == 0


def test_form_gives_the_last_five_by_default() -> None:
    played = [_result(n, "a", "b", n % 3, 1) for n in range(7)]
    a = records(played, ["a", "b"], {})["a"]
    letters = "LDWLDWL"
    assert (a.home.won, a.home.drawn, a.home.lost) == (2, 2, 3)
    assert a.form() == letters[-5:]
    assert a.form(last=2) == letters[-2:]
    assert a.form("home", last=3) == letters[-3:]


def test_records_with_the_goals_of_an_award_left_out() -> None:
    played = [_result(1, "a", "b", 3, 0, counts_goals=False)]
    a = records(played, ["a", "b"], {"b": 2})
    assert (a["a"].home.won, a["a"].home.goals_for, a["a"].home.goals_against) == (1, 0, 0)
    assert a["b"].deducted == 2
    assert a["a"].deducted == 0


def test_adding_records_adds_their_deductions() -> None:
    one = TeamRecord(team="a", deducted=2)
    two = TeamRecord(team="a", deducted=3)
    assert (one + two).deducted == 5


def _season_events() -> list[object]:
    deduction = PointsDeducted(
        event_id="d", competition="Test League", season="2024-25", team="home", points=2
    )
    decision = TieDecided(
        event_id="t", competition="Test League", season="2024-25", winner="home", loser="away"
    )
    return [
        deduction,
        decision,
        schedule(),
        start(Period.FIRST_HALF),
        goal("g1", AWAY.team_id, 9, 10),
        MatchEnded(event_id="e", match_id=M),
    ]


def test_the_season_fold_keeps_deductions_and_decisions_through_match_events() -> None:
    events = _season_events()
    stepped = run(SeasonFold(), events)  # type: ignore[arg-type]
    assert [d.event_id for d in stepped.deductions] == ["d"]
    assert [d.event_id for d in stepped.decisions] == ["t"]
    assert stepped == fold_season(events)  # type: ignore[arg-type]


def test_merged_season_states_keep_both_sides_decisions() -> None:
    fold = SeasonFold()
    events = _season_events()
    left = run(fold, events[:2])  # type: ignore[arg-type]
    right = run(fold, events[2:])  # type: ignore[arg-type]
    merged = fold.merge(left, right)
    assert [d.event_id for d in merged.decisions] == ["t"]
    assert [d.event_id for d in merged.deductions] == ["d"]
    assert merged == run(fold, events)  # type: ignore[arg-type]
    assert fold.merge(right, left).decisions == merged.decisions


def test_a_results_one_match_split_for_each_side() -> None:
    r = _result(1, "a", "b", 3, 1)
    assert r.split_for("a") == Split(played=1, won=1, goals_for=3, goals_against=1)
    assert r.split_for("b") == Split(played=1, lost=1, goals_for=1, goals_against=3)
    level = _result(2, "a", "b", 2, 2, counts_goals=False)
    assert level.split_for("b") == Split(played=1, drawn=1)


def test_a_missed_shot_does_not_stop_the_season_fold() -> None:
    saved = ShotTaken(
        event_id="x", match_id=M, team=HOME.team_id, player=p("home", 9), outcome=ShotOutcome.SAVED
    )
    events = [
        attrs.evolve(schedule(), round="7"),
        start(Period.FIRST_HALF),
        saved,
        goal("g1", HOME.team_id, 9, 20),
        MatchEnded(event_id="e", match_id=M),
    ]
    state = fold_season(events)
    assert state == run(SeasonFold(), events)
    (only,) = results(state)
    assert (only.home_goals, only.away_goals, only.round) == (1, 0, "7")
    assert only.counts_goals
    direct = result_of(state.scores[M], state.schedules[M])
    assert direct == only


def test_the_season_fold_reads_on_past_an_event_of_a_match_it_never_saw_scheduled() -> None:
    # a slice of a ledger: the first match's schedule fell before the slice
    stray = goal("g0", HOME.team_id, 9, 3)
    events = [attrs.evolve(stray, match_id="earlier"), *_season_events()]
    state = fold_season(events)  # type: ignore[arg-type]
    assert state == run(SeasonFold(), events)  # type: ignore[arg-type]
    (only,) = results(state)
    assert (only.match_id, only.home_goals, only.away_goals) == (M, 0, 1)


# --- score -------------------------------------------------------------------------------


def test_a_scoreline_in_play_says_so_in_words() -> None:
    events = [schedule(), start(Period.FIRST_HALF), goal("g1", AWAY.team_id, 9, 10)]
    line = score(events, M)
    assert str(line) == "Home FC 0-1 Away FC (in play)"
    assert str(scores(events)[M]) == str(line)
    assert str(score([schedule()], M)) == "Home FC 0-0 Away FC (scheduled)"


def _both_ways(events: list[Any]) -> Scoreline:
    """The scoreline by the fold and by the season's fast path, which must agree."""
    line = score(events, M)
    assert scores(events)[M] == line
    return line


def test_the_score_fold_lets_competition_events_pass_by() -> None:
    deduction = PointsDeducted(
        event_id="d", competition="Test League", season="2024-25", team="home", points=2
    )
    line = _both_ways([schedule(), deduction, goal("g1", HOME.team_id, 9, 5)])
    assert line.match_id == M
    assert (line.home_goals, line.away_goals) == (1, 0)


def test_a_match_never_scheduled_is_named_in_the_key_error() -> None:
    with pytest.raises(KeyError, match=r"no match 'm1' in the events folded"):
        score([start(Period.FIRST_HALF)], M)


def test_no_period_is_in_progress_after_the_end_or_a_result() -> None:
    fold = ScoreFold(M)
    played = [schedule(), start(Period.SECOND_HALF, 2)]
    ended = run(fold, [*played, MatchEnded(event_id="e", match_id=M)])
    assert (ended.period, ended.status) == (None, MatchStatus.FINISHED)
    recorded = run(
        fold, [*played, ResultRecorded(event_id="r", match_id=M, home_goals=0, away_goals=0)]
    )
    assert (recorded.period, recorded.status) == (None, MatchStatus.FINISHED)


def test_half_time_is_known_once_the_second_half_starts_without_the_first_ending() -> None:
    # feeds that do not record the end of a period: the next one starting ends it
    events = [schedule(), start(Period.FIRST_HALF), goal("g1", HOME.team_id, 9, 10)]
    assert _both_ways(events).half_time is None
    line = _both_ways([*events, start(Period.SECOND_HALF, 2)])
    assert line.half_time == Score(home=1, away=0)
    assert line.full_time is None


def test_extra_time_without_a_goal_in_it_is_still_extra_time() -> None:
    events = [
        schedule(),
        start(Period.FIRST_HALF),
        goal("g1", HOME.team_id, 9, 10),
        end(Period.FIRST_HALF),
        start(Period.SECOND_HALF, 2),
        goal("g2", AWAY.team_id, 9, 80),
        end(Period.SECOND_HALF, 2),
        start(Period.EXTRA_TIME_FIRST_HALF, 3),
    ]
    line = _both_ways(events)
    assert line.extra_time == Score(home=1, away=1)
    assert line.full_time == Score(home=1, away=1)
    assert "after extra time" in str(line)


def test_shootout_kicks_scored_by_one_side_only_make_a_shootout() -> None:
    kick = ShootoutKickTaken(
        event_id="k1", match_id=M, team=HOME.team_id, player=p("home", 9), outcome=ShotOutcome.GOAL
    )
    line = _both_ways([schedule(), kick])
    assert line.shootout == Score(home=1, away=0)


def test_a_recorded_result_keeps_the_scores_its_goals_give() -> None:
    goals = [
        schedule(),
        start(Period.FIRST_HALF),
        goal("g1", HOME.team_id, 9, 10),
        end(Period.FIRST_HALF),
        start(Period.SECOND_HALF, 2),
        end(Period.SECOND_HALF, 2),
        start(Period.EXTRA_TIME_FIRST_HALF, 3),
        goal("g2", HOME.team_id, 9, 100),
    ]
    aet = ResultRecorded(
        event_id="r", match_id=M, home_goals=2, away_goals=0, after_extra_time=True
    )
    line = _both_ways([*goals, aet])
    assert line.half_time == Score(home=1, away=0)
    assert line.full_time == Score(home=1, away=0)
    assert line.extra_time == Score(home=2, away=0)
    in_90 = ResultRecorded(event_id="r", match_id=M, home_goals=1, away_goals=0)
    line = _both_ways([*goals[:6], in_90])
    assert (line.half_time, line.full_time) == (Score(home=1, away=0), Score(home=1, away=0))


def test_an_award_stands_whatever_is_recorded_after_it() -> None:
    award = ResultAwarded(event_id="a", match_id=M, home_goals=0, away_goals=3)
    for after in (
        MatchEnded(event_id="e", match_id=M),
        MatchStatusChanged(event_id="c", match_id=M, status=MatchStatus.ABANDONED),
        start(Period.SECOND_HALF, 2),
    ):
        line = _both_ways([schedule(), start(Period.FIRST_HALF), award, after])
        assert line.status is MatchStatus.AWARDED
        assert line.winner == AWAY


def test_a_goal_counts_in_the_period_of_its_clock_time() -> None:
    # recorded between periods, with its time: the time says which half it was in
    events = [
        schedule(),
        start(Period.FIRST_HALF),
        end(Period.FIRST_HALF),
        goal("g1", AWAY.team_id, 9, 44),
        MatchEnded(event_id="e", match_id=M),
    ]
    line = _both_ways(events)
    assert line.half_time == Score(home=0, away=1)
    assert line.full_time == Score(home=0, away=1)


def test_the_fast_path_follows_a_second_schedule_as_the_fold_does() -> None:
    # a list of events the ledger would refuse, but both folds must still agree on it
    again = attrs.evolve(schedule(event_id="s2"), home=AWAY, away=HOME)
    line = _both_ways([schedule(), again, goal("g1", HOME.team_id, 9, 5)])
    assert (line.home, line.away) == (AWAY, HOME)
    assert (line.home_goals, line.away_goals) == (0, 1)


# --- events: every refusal names the class, the field and the reason ---------------------------

_KEEPER = p("away", 1)
_REFUSALS: list[tuple[Callable[[], object], str, str, str]] = [
    (
        lambda: MatchTime(minute=44, added=1),
        "MatchTime",
        "added",
        "is only allowed after minute 45, 90, 105 or 120, got 44+1",
    ),
    (
        lambda: MatchTime.parse("half time"),
        "MatchTime",
        "text",
        "must look like 45+2', got 'half time'",
    ),
    (lambda: MatchTime.parse(45), "MatchTime", "text", "must look like 45+2', got 45"),
    (
        lambda: attrs.evolve(schedule(), away=HOME),
        "MatchScheduled",
        "away",
        "must differ from home, both are 'home'",
    ),
    (
        lambda: LineupAnnounced(event_id="l", match_id=M, team="home", starters=()),
        "LineupAnnounced",
        "starters",
        "must name at least one player",
    ),
    (
        lambda: LineupAnnounced(
            event_id="l",
            match_id=M,
            team="home",
            starters=(LineupEntry(player=p("home", 1)),),
            bench=(LineupEntry(player=p("home", 1)),),
        ),
        "LineupAnnounced",
        "bench",
        "names player 'home1' more than once",
    ),
    (
        lambda: attrs.evolve(goal("g", "home", 9), outcome=ShotOutcome.SAVED, assist=p("home", 8)),
        "ShotTaken",
        "assist",
        "is only for goals, the outcome is 'saved'",
    ),
    (
        lambda: attrs.evolve(goal("g", "home", 9), assist=p("home", 9)),
        "ShotTaken",
        "assist",
        "cannot be the scorer",
    ),
    (
        lambda: attrs.evolve(goal("g", "home", 9), stopped_by=_KEEPER),
        "ShotTaken",
        "stopped_by",
        "is only for saved, blocked or cleared shots, the outcome is 'goal'",
    ),
    (
        lambda: CardShown(
            event_id="c",
            match_id=M,
            team="home",
            player=p("home", 30),
            card=Card.SECOND_YELLOW,
            official=True,
        ),
        "CardShown",
        "card",
        "second_yellow is for players; show an official a red",
    ),
    (
        lambda: SubstitutionMade(
            event_id="s", match_id=M, team="home", player_off=p("home", 9), player_on=p("home", 9)
        ),
        "SubstitutionMade",
        "player_on",
        "must differ from player_off",
    ),
    (
        lambda: ShootoutKickTaken(
            event_id="k",
            match_id=M,
            team="home",
            player=p("home", 9),
            outcome=ShotOutcome.GOAL,
            stopped_by=_KEEPER,
        ),
        "ShootoutKickTaken",
        "stopped_by",
        "is only for saved kicks",
    ),
    (
        lambda: ResultRecorded(
            event_id="r", match_id=M, home_goals=1, away_goals=0, full_time=Score(home=1, away=0)
        ),
        "ResultRecorded",
        "full_time",
        (
            "is the score after 90 minutes when extra time followed; "
            "without extra time the result is the full-time score"
        ),
    ),
    (
        lambda: ResultRecorded(
            event_id="r",
            match_id=M,
            home_goals=1,
            away_goals=1,
            full_time=Score(home=2, away=1),
            after_extra_time=True,
        ),
        "ResultRecorded",
        "full_time",
        "(2-1) cannot exceed the result after extra time (1-1)",
    ),
    (
        lambda: ResultRecorded(
            event_id="r",
            match_id=M,
            home_goals=2,
            away_goals=2,
            half_time=Score(home=0, away=2),
            full_time=Score(home=1, away=1),
            after_extra_time=True,
        ),
        "ResultRecorded",
        "half_time",
        "(0-2) cannot exceed full_time (1-1)",
    ),
    (
        lambda: ResultRecorded(
            event_id="r", match_id=M, home_goals=1, away_goals=0, half_time=Score(home=1, away=1)
        ),
        "ResultRecorded",
        "half_time",
        "(1-1) cannot exceed the final score (1-0)",
    ),
    (
        lambda: PointsDeducted(event_id="d", competition="L", season="2024-25", team="a", points=0),
        "PointsDeducted",
        "points",
        "must not be 0",
    ),
    (
        lambda: TieDecided(event_id="t", competition="L", season="2024-25", winner="a", loser="a"),
        "TieDecided",
        "loser",
        "must differ from winner",
    ),
]


@pytest.mark.parametrize(
    ("build", "owner", "field", "reason"), _REFUSALS, ids=[f"{o}.{f}" for _, o, f, _ in _REFUSALS]
)
def test_each_refused_event_says_which_field_and_why(
    build: Callable[[], object], owner: str, field: str, reason: str
) -> None:
    with pytest.raises(InvalidFieldError) as info:
        build()
    assert (info.value.owner, info.value.field, info.value.reason) == (owner, field, reason)
    assert str(info.value) == f"{owner}.{field} {reason}"


def test_a_match_time_reads_back_as_it_is_written() -> None:
    assert str(MatchTime(minute=45, added=2)) == "45+2'"
    assert str(MatchTime(minute=46)) == "46'"
    assert str(MatchTime(minute=90, added=3, second=5)) == "90+3':05"
    assert MatchTime.parse("90+3':25") == MatchTime(minute=90, added=3, second=25)
    assert MatchTime.parse("7'") == MatchTime(minute=7)


def test_a_schedule_names_the_side_of_each_team() -> None:
    match = schedule()
    assert match.side_of(HOME.team_id) == "home"
    assert match.side_of(AWAY.team_id) == "away"
    assert match.side_of("elsewhere") is None


# --- ledger ------------------------------------------------------------------------------


def _ledger() -> Ledger:
    return Ledger([schedule(), start(Period.FIRST_HALF), goal("g1", HOME.team_id, 9, 5)])


def test_a_ledger_says_which_index_is_out_of_range() -> None:
    with pytest.raises(
        IndexError, match=r"^ledger index 3 out of range \(the ledger has 3 events\)$"
    ):
        _ledger()[3]
    with pytest.raises(IndexError, match=r"^as_of\(4\) is outside 0\.\.3$"):
        _ledger().as_of(4)


def test_an_older_ledger_does_not_see_the_events_appended_after_it() -> None:
    # ledgers made from one another share one list: each must stop at its own length
    whole = _ledger()
    older = whole.as_of(2)
    assert whole.position("g1") == 2
    with pytest.raises(KeyError, match=r"no event 'g1' in this ledger"):
        older.position("g1")
    assert "g1" not in older
    assert whole[2] not in older
    assert whole[2] in whole
    before_schedule = whole.as_of(0)
    with pytest.raises(KeyError, match=r"no match 'm1' in this ledger"):
        before_schedule.schedule(M)
    assert whole.as_of(1).schedule(M) == schedule()


def test_a_ledger_holds_an_event_only_when_it_is_that_very_event() -> None:
    ledger = _ledger()
    assert ledger[1] in ledger
    assert attrs.evolve(ledger[1], period=Period.SECOND_HALF) not in ledger
    assert object() not in ledger
    assert "g1" in ledger


def test_one_matchs_ledger_leaves_the_competition_events_out() -> None:
    deduction = PointsDeducted(
        event_id="d", competition="Test League", season="2024-25", team="home", points=2
    )
    ledger = _ledger().append(deduction)
    assert ledger.for_match(M).events == _ledger().events


def test_equal_ledgers_hash_alike_and_by_their_events() -> None:
    assert hash(_ledger()) == hash(_ledger()) == hash(_ledger().events)


def test_a_ledger_counts_its_events_and_matches_in_words() -> None:
    assert repr(Ledger()) == "<Ledger: 0 events, 0 matches>"
    assert repr(_ledger().as_of(1)) == "<Ledger: 1 event, 1 match>"
    assert repr(_ledger().as_of(2)) == "<Ledger: 2 events, 1 match>"


def test_a_duplicate_event_id_is_refused_with_its_hint() -> None:
    with pytest.raises(DuplicateEventError) as info:
        _ledger().append(goal("g1", HOME.team_id, 9, 6))
    assert (info.value.index, info.value.event_id, info.value.field) == (3, "g1", "event_id")
    assert info.value.reason == "is already used by event #2"
    assert info.value.hint == "every event of a ledger needs its own id"


def _decided(play_off: str) -> TieDecided:
    return TieDecided(
        event_id="t",
        competition="Test League",
        season="2024-25",
        winner="home",
        loser="away",
        play_off_match=play_off,
    )


def test_a_tie_decision_names_a_play_off_scheduled_before_it() -> None:
    play_off = schedule("po", "s-po")
    assert len(_ledger().extend([play_off, _decided("po")])) == 5
    assert len(_ledger().append(play_off).append(_decided("po"))) == 5
    for name, at, refused in (
        ("po", 3, [_decided("po"), play_off]),
        ("elsewhere", 3, [_decided("elsewhere")]),
        ("elsewhere", 4, [play_off, _decided("elsewhere")]),
    ):
        with pytest.raises(UnknownReferenceError) as info:
            _ledger().extend(refused)
        error = info.value
        assert (error.index, error.event_id, error.field) == (at, "t", "play_off_match")
        assert error.reason == f"names {name!r}, a match that was never scheduled"
        assert error.hint == "leave play_off_match out when the play-off is not in the ledger"


def test_a_ledger_as_rows_and_frames() -> None:
    ledger = _ledger()
    assert [r["event_id"] for r in ledger.to_records()] == ["s", "start1", "g1"]
    assert list(ledger.to_pandas()["event_id"]) == ["s", "start1", "g1"]
    assert ledger.to_polars()["event_id"].to_list() == ["s", "start1", "g1"]


def test_ledgers_of_the_same_length_with_other_events_differ() -> None:
    one = _ledger()
    other = Ledger([schedule(), start(Period.FIRST_HALF), goal("g1", AWAY.team_id, 9, 5)])
    assert one != other
    assert one == _ledger()
    assert one.as_of(2) == other.as_of(2)
