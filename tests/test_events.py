"""Events are frozen, keyword-only and validated when they are built."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest

from matchledger import (
    EVENT_TYPES,
    MATCH_EVENT_TYPES,
    Card,
    CardShown,
    InvalidFieldError,
    Ledger,
    LedgerError,
    LineupAnnounced,
    LineupEntry,
    MatchScheduled,
    MatchStatus,
    MatchStatusChanged,
    MatchTime,
    Period,
    Player,
    ResultRecorded,
    Score,
    ShootoutKickTaken,
    ShotOutcome,
    ShotTaken,
    SubstitutionMade,
    Team,
)

P1 = Player(player_id="p1", name="Lautaro Martínez")
P2 = Player(player_id="p2", name="Romelu Lukaku")


def shot(**changes: object) -> ShotTaken:
    fields: dict[str, object] = {
        "event_id": "e1",
        "match_id": "m1",
        "team": "inter",
        "player": P1,
        "outcome": ShotOutcome.GOAL,
    }
    fields.update(changes)
    return ShotTaken(**fields)  # type: ignore[arg-type]


def test_every_event_class_is_frozen_slotted_and_keyword_only() -> None:
    """Each event class is an attrs class with frozen, slotted, keyword-only fields."""
    for cls in EVENT_TYPES:
        assert attrs.has(cls)
        assert "__slots__" in cls.__dict__, cls
        assert all(a.kw_only for a in attrs.fields(cls)), cls
        names = {a.name for a in attrs.fields(cls)}
        # match events name their match; competition events their competition's season
        assert {"event_id", "match_id"} <= names or {"event_id", "competition", "season"} <= names
        assert ({"event_id", "match_id"} <= names) == (cls in MATCH_EVENT_TYPES), cls
        assert cls.__name__.endswith(("ed", "en", "wn", "ken", "ade")), cls  # past tense


def test_events_cannot_be_changed() -> None:
    """Assigning to a field of an event raises."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        shot().team = "atalanta"  # type: ignore[misc]


def test_positional_arguments_are_refused() -> None:
    """Events take keyword arguments only."""
    with pytest.raises(TypeError):
        Team("inter", "Inter")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"event_id": ""}, "event_id", "must not be empty"),
        ({"event_id": 7}, "event_id", "must be a string"),
        ({"team": None}, "team", "must be a string"),
        ({"outcome": "goal"}, "outcome", "must be one of"),
        ({"player": "p1"}, "player", "must be a Player"),
        ({"at": "4'"}, "at", "MatchTime or None"),
        ({"assist": P1}, "assist", "cannot be the scorer"),
        ({"outcome": ShotOutcome.SAVED, "assist": P2}, "assist", "only for goals"),
        ({"stopped_by": P2}, "stopped_by", "only for saved, blocked or cleared"),
        ({"body_part": "head"}, "body_part", "must be one of"),
    ],
)
def test_invalid_fields_name_the_class_and_field(
    changes: dict[str, object], field: str, words: str
) -> None:
    """A bad field raises InvalidFieldError naming class, field and reason."""
    with pytest.raises(InvalidFieldError) as info:
        shot(**changes)
    err = info.value
    assert isinstance(err, LedgerError)
    assert (err.owner, err.field) == ("ShotTaken", field)
    assert words in str(err)
    assert str(err).startswith(f"ShotTaken.{field} ")


def test_booleans_are_not_integers() -> None:
    """True is not accepted where a count or minute is expected."""
    with pytest.raises(InvalidFieldError, match="minute must be an integer"):
        MatchTime(minute=True)


@pytest.mark.parametrize(
    ("text", "minute", "added", "second", "period"),
    [
        ("4'", 4, 0, None, Period.FIRST_HALF),
        ("45+1'", 45, 1, None, Period.FIRST_HALF),
        ("46'", 46, 0, None, Period.SECOND_HALF),
        ("90+3'", 90, 3, None, Period.SECOND_HALF),
        ("90 + 4", 90, 4, None, Period.SECOND_HALF),
        ("91'", 91, 0, None, Period.EXTRA_TIME_FIRST_HALF),
        ("105+2'", 105, 2, None, Period.EXTRA_TIME_FIRST_HALF),
        ("118'", 118, 0, None, Period.EXTRA_TIME_SECOND_HALF),
        ("120+1'", 120, 1, None, Period.EXTRA_TIME_SECOND_HALF),
        ("63':11", 63, 0, 11, Period.SECOND_HALF),
        ("0'", 0, 0, None, Period.FIRST_HALF),
    ],
)
def test_match_time_parses_and_prints(
    text: str, minute: int, added: int, second: int | None, period: Period
) -> None:
    """Report-style clock times parse, fall in the right period and print back."""
    t = MatchTime.parse(text)
    assert (t.minute, t.added, t.second, t.period) == (minute, added, second, period)
    assert MatchTime.parse(str(t)) == t


@pytest.mark.parametrize("text", ["", "abc", "121'", "47+2'", "90+", "-1'", "45+31'"])
def test_match_time_rejects_impossible_clocks(text: str) -> None:
    """Times that are not on a football clock raise InvalidFieldError."""
    with pytest.raises(InvalidFieldError):
        MatchTime.parse(text)


def test_stoppage_time_sorts_before_the_next_period() -> None:
    """45+2' happens before 46'."""
    assert MatchTime.parse("45+2'").sort_key < MatchTime.parse("46'").sort_key


def test_kickoff_must_be_timezone_aware() -> None:
    """A naive kick-off datetime is refused with a hint."""
    with pytest.raises(InvalidFieldError, match="timezone-aware"):
        MatchScheduled(
            event_id="s",
            match_id="m",
            competition="Serie A",
            season="2019-20",
            kickoff=datetime(2020, 1, 11, 20, 45),  # noqa: DTZ001 - the point of the test
            home=Team(team_id="a", name="A"),
            away=Team(team_id="b", name="B"),
        )


def test_kickoff_may_be_unknown() -> None:
    """A source may not say when a match is played: the kick-off is then None, not invented."""
    undated = MatchScheduled(
        event_id="s",
        match_id="m",
        competition="Serie A",
        season="2019-20",
        home=Team(team_id="a", name="A"),
        away=Team(team_id="b", name="B"),
    )
    assert undated.kickoff is None
    assert attrs.evolve(undated, kickoff=None) == undated
    assert Ledger([undated]).schedule("m").kickoff is None
    with pytest.raises(InvalidFieldError, match="kickoff must be a datetime"):
        attrs.evolve(undated, kickoff="2020-01-11")


def test_a_team_cannot_play_itself() -> None:
    """Home and away must differ."""
    t = Team(team_id="inter", name="Inter")
    with pytest.raises(InvalidFieldError, match="must differ from home"):
        MatchScheduled(
            event_id="s",
            match_id="m",
            competition="c",
            season="s",
            kickoff=datetime(2020, 1, 1, tzinfo=UTC),
            home=t,
            away=t,
        )


def test_lineup_names_each_player_once() -> None:
    """A player twice on one team sheet is refused."""
    with pytest.raises(InvalidFieldError, match="more than once"):
        LineupAnnounced(
            event_id="l",
            match_id="m",
            team="inter",
            starters=(LineupEntry(player=P1),),
            bench=(LineupEntry(player=P1),),
        )
    with pytest.raises(InvalidFieldError, match="has more than 11 items"):
        LineupAnnounced(
            event_id="l",
            match_id="m",
            team="inter",
            starters=tuple(
                LineupEntry(player=Player(player_id=str(n), name=str(n))) for n in range(12)
            ),
        )


def test_card_and_kick_rules() -> None:
    """Officials get no second yellow; only saved kicks name a goalkeeper."""
    with pytest.raises(InvalidFieldError, match="official"):
        CardShown(
            event_id="c", match_id="m", team="t", player=P1, card=Card.SECOND_YELLOW, official=True
        )
    with pytest.raises(InvalidFieldError, match="only for saved"):
        ShootoutKickTaken(
            event_id="k", match_id="m", team="t", player=P1, outcome=ShotOutcome.GOAL, stopped_by=P2
        )
    with pytest.raises(InvalidFieldError, match="must be one of"):
        ShootoutKickTaken(
            event_id="k", match_id="m", team="t", player=P1, outcome=ShotOutcome.BLOCKED
        )
    with pytest.raises(InvalidFieldError, match="must differ"):
        SubstitutionMade(event_id="s", match_id="m", team="t", player_off=P1, player_on=P1)


def test_status_changes_only_to_settable_statuses() -> None:
    """'finished' and 'awarded' follow from other events; they cannot be set."""
    with pytest.raises(InvalidFieldError):
        MatchStatusChanged(event_id="x", match_id="m", status=MatchStatus.FINISHED)
    assert MatchStatusChanged(event_id="x", match_id="m", status=MatchStatus.POSTPONED)


def test_accented_names_are_kept() -> None:
    """Display names keep their accents exactly."""
    assert Player(player_id="x", name="Josip Iličić").name == "Josip Iličić"


def test_score_is_a_validated_value() -> None:
    """A score is two goal counts from 0 to 99, printed home-away, frozen and keyword-only."""
    assert str(Score(home=1, away=0)) == "1-0"
    assert Score(home=2, away=2) == Score(home=2, away=2)
    for home, reason in ((-1, "at least 0"), (100, "at most 99"), (True, "an integer")):
        with pytest.raises(InvalidFieldError, match=reason) as info:
            Score(home=home, away=0)
        assert (info.value.owner, info.value.field) == ("Score", "home")
    with pytest.raises(TypeError):
        Score(1, 0)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Score(home=1, away=0).home = 2  # type: ignore[misc]


def result(**changes: object) -> ResultRecorded:
    fields: dict[str, object] = {
        "event_id": "r",
        "match_id": "m1",
        "home_goals": 3,
        "away_goals": 2,
        "after_extra_time": True,
    }
    fields.update(changes)
    return ResultRecorded(**fields)  # type: ignore[arg-type]


def test_a_recorded_result_keeps_its_scores_in_order() -> None:
    """Half time <= 90 minutes <= the result; the 90-minute score only with extra time."""
    ok = result(
        half_time=Score(home=1, away=0),
        full_time=Score(home=2, away=2),
        shootout=Score(home=4, away=5),
    )
    assert (str(ok.half_time), str(ok.full_time), str(ok.shootout)) == ("1-0", "2-2", "4-5")
    # the first leg of a tie: a shootout may follow a result that is not level
    assert result(after_extra_time=False, shootout=Score(home=3, away=2)).shootout is not None
    bad = [
        ({"after_extra_time": False, "full_time": Score(home=1, away=1)}, "full_time", "extra"),
        ({"full_time": Score(home=3, away=3)}, "full_time", "cannot exceed the result"),
        (
            {"full_time": Score(home=1, away=1), "half_time": Score(home=2, away=0)},
            "half_time",
            r"cannot exceed full_time \(1-1\)",
        ),
        ({"half_time": Score(home=0, away=3)}, "half_time", "cannot exceed the final score"),
        ({"half_time": (1, 0)}, "half_time", "must be a Score or None"),
    ]
    for changes, field, reason in bad:
        with pytest.raises(InvalidFieldError, match=reason) as info:
            result(**changes)
        assert (info.value.owner, info.value.field) == ("ResultRecorded", field)
