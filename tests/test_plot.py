"""Pictures: a season's race and a match's timeline, their numbers, and the plot command."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import matchledger as ml
from builders import M, lineup, p, schedule, start
from matchledger import (
    Card,
    CardRescinded,
    CardShown,
    GoalDisallowed,
    Ledger,
    LedgerError,
    MatchEnded,
    MatchTime,
    OwnGoalScored,
    Period,
    PeriodEnded,
    ResultRecorded,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
)
from matchledger.cli import main
from matchledger.errors import MissingExtraError
from matchledger.plot import match, match_timeline, race, race_series

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PNG = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def season() -> Ledger:
    return ml.load_serie_a_2019_20()


@pytest.fixture(scope="module")
def season_file(tmp_path_factory: pytest.TempPathFactory, season: Ledger) -> Path:
    path = tmp_path_factory.mktemp("season") / "serie-a-2019-20.jsonl"
    ml.dump(season, path)
    return path


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "inter-atalanta.json"
    ml.dump(ml.load_example(), path)
    return path


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=60)
    return out.getvalue()


def _svg_shapes(data: bytes) -> int:
    """How many drawn elements an SVG holds (it must parse as XML)."""
    root = ET.fromstring(data)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    return sum(1 for e in root.iter() if e.tag in (f"{SVG}path", f"{SVG}use", f"{SVG}text"))


def _texts(fig: Figure) -> list[str]:
    axes = [a for ax in fig.axes for a in (ax, *ax.child_axes)]
    return [t.get_text() for ax in axes for t in ax.texts]


# --- matplotlib stays optional -------------------------------------------------------------


def test_importing_matchledger_does_not_import_matplotlib() -> None:
    """The library, its command line and the plot module load without matplotlib."""
    code = (
        "import sys, matchledger, matchledger.cli, matchledger.plot\n"
        "matchledger.cli._parser()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')\n"
        "print(loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.fixture
def no_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import matplotlib`` (and its submodules) fail, as without the extra."""
    for name in [m for m in sys.modules if m.split(".")[0] == "matplotlib"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)


@pytest.mark.usefixtures("no_matplotlib")
def test_without_matplotlib_drawing_names_the_extra(season: Ledger) -> None:
    """The drawing functions say which extra to install; the numbers need none."""
    with pytest.raises(MissingExtraError, match=r"pip install 'matchledger\[plot\]'"):
        race(season, rules="serie-a")
    with pytest.raises(ImportError, match=r"matchledger\[plot\]"):
        match(ml.load_example())
    assert race_series(season, rules="serie-a").rounds[-1] == 38
    assert len(match_timeline(ml.load_example()).moments) > 0


@pytest.mark.usefixtures("no_matplotlib")
def test_without_matplotlib_the_command_says_one_line(
    seed_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``plot`` without matplotlib: exit 1, one line naming the extra."""
    assert main(["plot", "match", str(seed_file), "-o", str(tmp_path / "m.png")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "matchledger[plot]" in err
    assert "Traceback" not in err
    assert not (tmp_path / "m.png").exists()


# --- the race: its numbers are the tables' ------------------------------------------------


@pytest.mark.parametrize("metric", ["position", "points"])
def test_race_series_is_the_table_after_each_round(season: Ledger, metric: str) -> None:
    """Each value is the team's row in standings(as_of=round)."""
    r = race_series(season, season="2019-20", rules="serie-a", metric=metric)  # type: ignore[arg-type]
    assert r.rounds == tuple(range(1, 39))
    assert r.metric == metric
    for i, n in enumerate(r.rounds):
        table = ml.standings(season, "serie-a", as_of=n)
        rows = {row.team.team_id: row for row in table.rows}
        assert {ln.team.team_id: ln.values[i] for ln in r.lines} == {
            t: getattr(row, metric) for t, row in rows.items()
        }
        assert r.leaders[i] == tuple(row.team for row in table.rows if row.position == 1)


def test_race_series_lines_follow_the_last_table(season: Ledger) -> None:
    """The lines come in the order of the final table, with its places and points."""
    r = race_series(season, rules="serie-a")
    final = ml.standings(season, "serie-a")
    assert [(ln.team, ln.position, ln.points) for ln in r.lines] == [
        (row.team, row.position, row.points) for row in final.rows
    ]
    assert r.complete
    assert r.line("Inter").values[:8] == (1, 1, 1, 1, 1, 1, 2, 2)
    assert r.line("juventus").values[-1] == 1
    with pytest.raises(KeyError, match="no team 'Internazionale'"):
        r.line("Internazionale")


def test_race_series_stops_at_the_last_round_played(season: Ledger) -> None:
    """Rounds with no result yet are left out; the season is not complete."""
    played_by = date(2020, 1, 12)  # the end of round 19
    later = {
        e.match_id
        for e in season
        if isinstance(e, ml.MatchScheduled) and e.kickoff and e.kickoff.date() > played_by
    }
    half = Ledger(e for e in season if not (isinstance(e, ResultRecorded) and e.match_id in later))
    r = race_series(half, rules="serie-a")
    assert r.rounds[-1] == 19
    assert not r.complete
    table = ml.standings(half, "serie-a", as_of=19)
    assert [ln.team for ln in r.lines] == [row.team for row in table.rows]


def test_race_series_refuses_what_it_cannot_draw(season: Ledger) -> None:
    """An unknown metric or season, or a season without rounds, is a LedgerError."""
    with pytest.raises(LedgerError, match="metric must be 'position' or 'points'"):
        race_series(season, rules="serie-a", metric="goals")  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match="no matches of 2018-19"):
        race_series(season, season="2018-19", rules="serie-a")
    undated = Ledger(
        [schedule(), ResultRecorded(event_id="r", match_id=M, home_goals=1, away_goals=0)]
    )
    with pytest.raises(LedgerError, match="record no rounds"):
        race_series(undated, rules="premier-league")


# --- the race: the picture ----------------------------------------------------------------


def test_race_draws_the_serie_a_season(season: Ledger) -> None:
    """Twenty lines, labelled at their ends, the champion named; a PNG and an SVG."""
    fig = race(season, season="2019-20", rules="serie-a")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Serie A 2019-20: position after each round"
    assert ax.yaxis_inverted()
    assert len([ln for ln in ax.get_lines() if ln.get_linestyle() != "None"]) == 20
    labels = [t.get_text() for t in ax.texts if t.get_text().strip()[:1].isdigit()]
    assert len(labels) == 20
    assert " 1  Juventus  83  champions" in labels
    assert "20  SPAL 2013 Ferrara  20" in labels
    assert any(t == "Inter" for t in _texts(fig))  # the leader strip: Inter led first
    assert _png(fig).startswith(PNG)
    out = io.BytesIO()
    fig.savefig(out, format="svg")
    assert _svg_shapes(out.getvalue()) > 100


def test_race_by_points_into_given_axes(season: Ledger) -> None:
    """``metric="points"`` draws points upwards; ``ax=`` draws into the caller's figure."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    mine = Figure(figsize=(10, 6))
    ax = mine.add_subplot()
    fig = race(season, rules="serie-a", metric="points", ax=ax)
    assert fig is mine
    assert not ax.yaxis_inverted()
    assert ax.get_title(loc="left") == "Serie A 2019-20: points after each round"
    assert _png(fig).startswith(PNG)


# --- the match: its moments are the folds' ------------------------------------------------


def test_match_timeline_of_the_seed_match() -> None:
    """Goals, cards and substitutions as incidents gives them; woodwork; the saved penalty."""
    ledger = ml.load_example()
    t = match_timeline(ledger, ml.EXAMPLE_MATCH_ID)
    found = ml.incidents(ledger, ml.EXAMPLE_MATCH_ID)
    goals = [m for m in t.moments if m.score is not None]
    assert [(m.event_id, m.team, m.score) for m in goals] == [
        (g.event_id, g.team, g.score) for g in found.goals
    ]
    cards = [m for m in t.moments if m.kind == "yellow_card"]
    assert [m.event_id for m in cards] == [b.event_id for b in found.bookings]
    subs = [m for m in t.moments if m.kind == "substitution"]
    assert [m.event_id for m in subs] == [s.event_id for s in found.substitutions]
    wood = [(str(m.at), m.lines) for m in t.moments if m.kind == "woodwork"]
    assert wood == [
        ("55'", ("55' Ruslan Malinovskyi (post)",)),
        ("None", ("Alejandro Gómez (crossbar)", "time unknown")),
    ]
    (saved,) = [m for m in t.moments if m.kind == "penalty_saved"]
    assert saved.lines == ("88' Luis Muriel", "penalty saved")
    assert saved.team == "atalanta"
    # the crossbar has no time: it sits where the last event before it did (75')
    crossbar = next(m for m in t.moments if m.at is None)
    assert (crossbar.period, crossbar.clock) == (Period.SECOND_HALF, 75.0)
    positions = [ledger.position(m.event_id) for m in t.moments]
    assert positions == sorted(positions)
    assert [(s.period, s.added) for s in t.periods] == [
        (Period.FIRST_HALF, 1),
        (Period.SECOND_HALF, 4),
    ]
    assert t.goal_detail
    assert str(t.scoreline) == "Inter 1-1 Atalanta (HT 1-0)"


def _at(minute: int, added: int = 0) -> MatchTime:
    return MatchTime(minute=minute, added=added)


def _shot(event_id: str, team: str, n: int, at: MatchTime, **kw: Any) -> ShotTaken:
    return ShotTaken(event_id=event_id, match_id=M, team=team, player=p(team, n), at=at, **kw)


def _card(event_id: str, team: str, n: int, at: MatchTime, card: Card) -> CardShown:
    return CardShown(event_id=event_id, match_id=M, team=team, player=p(team, n), at=at, card=card)


def _ended(n: int, period: Period, at: MatchTime | None = None) -> PeriodEnded:
    return PeriodEnded(event_id=f"end{n}", match_id=M, period=period, at=at)


def _busy() -> Ledger:
    """A made-up match with every kind of moment, extra time and corrections."""
    goal, pen = ShotOutcome.GOAL, Situation.PENALTY
    sub = SubstitutionMade(
        event_id="s1", match_id=M, team="home", at=_at(62), player_off=p("home", 9),
        player_on=p("home", 14),
    )  # fmt: skip
    return Ledger(
        [
            schedule(),
            lineup("home"),
            lineup("away"),
            start(Period.FIRST_HALF, 1),
            _shot("g1", "home", 9, _at(12), outcome=goal, assist=p("home", 10)),
            OwnGoalScored(event_id="og", match_id=M, team="away", player=p("away", 4), at=_at(20)),
            _shot("pen", "home", 10, _at(30), outcome=goal, situation=pen),
            _shot("dg", "away", 9, _at(33), outcome=goal),
            GoalDisallowed(event_id="dgx", match_id=M, goal="dg", reason="offside"),
            _card("y0", "home", 2, _at(40), Card.YELLOW),
            CardRescinded(event_id="y0x", match_id=M, card="y0"),
            _card("y1", "away", 5, _at(44), Card.YELLOW),
            _shot("g2", "away", 9, _at(45, 3), outcome=goal),
            _ended(1, Period.FIRST_HALF, _at(45, 3)),
            start(Period.SECOND_HALF, 2),
            _card("y2", "away", 5, _at(50), Card.SECOND_YELLOW),
            _shot("pm", "away", 10, _at(60), outcome=ShotOutcome.POST, situation=pen),
            sub,
            _card("r1", "home", 3, _at(70), Card.RED),
            _shot("w1", "away", 11, _at(75), outcome=ShotOutcome.CROSSBAR),
            _shot("g3", "away", 11, _at(80), outcome=goal),
            _shot("g4", "away", 7, _at(86), outcome=goal),
            _ended(2, Period.SECOND_HALF, _at(90, 2)),
            start(Period.EXTRA_TIME_FIRST_HALF, 3),
            _shot("g5", "home", 14, _at(100), outcome=goal),
            _ended(3, Period.EXTRA_TIME_FIRST_HALF, _at(105, 1)),
            start(Period.EXTRA_TIME_SECOND_HALF, 4),
            _shot("g6", "away", 10, _at(118), outcome=goal, situation=pen),
            _ended(4, Period.EXTRA_TIME_SECOND_HALF),
            MatchEnded(event_id="end", match_id=M),
        ]
    )


def test_match_timeline_applies_corrections_and_extra_time() -> None:
    """A goal ruled out is shown as such, a rescinded card not at all; extra time is drawn."""
    t = match_timeline(_busy())
    kinds = {m.event_id: m.kind for m in t.moments}
    assert kinds == {
        "g1": "goal", "og": "own_goal", "pen": "penalty_goal", "dg": "goal_ruled_out",
        "y1": "yellow_card", "g2": "goal", "y2": "second_yellow", "pm": "penalty_missed",
        "s1": "substitution", "r1": "red_card", "w1": "woodwork", "g3": "goal", "g4": "goal",
        "g5": "goal", "g6": "penalty_goal",
    }  # fmt: skip
    by_id = {m.event_id: m for m in t.moments}
    assert by_id["og"].team == "home"  # an own goal is drawn for the side it counts for
    assert by_id["og"].lines == ("20' Away 4 (o.g.)",)
    assert by_id["dg"].lines == ("33' Away 9", "goal ruled out (offside)")
    assert by_id["pm"].lines == ("60' Away 10", "penalty hits the post")
    assert by_id["g1"].lines == ("12' Home 9", "assist Home 10")
    assert [m.score for m in t.moments if m.score] == [
        "1-0", "2-0", "3-0", "3-1", "3-2", "3-3", "4-3", "4-4",
    ]  # fmt: skip
    # stoppage time as recorded; the last period's end has no time: as far as its events
    assert [(s.period.value, s.added) for s in t.periods] == [
        ("first_half", 3),
        ("second_half", 2),
        ("extra_time_first_half", 1),
        ("extra_time_second_half", 0),
    ]
    fig = match(_busy())
    texts = _texts(fig)
    assert {"HT\n3-1", "90'\n3-3", "ET HT\n4-3", "AET\n4-4"} <= set(texts)
    assert _png(fig).startswith(PNG)


def test_match_timeline_needs_a_match_it_can_find(season: Ledger) -> None:
    """Several matches and no id, or an id not in the ledger, is a LedgerError."""
    with pytest.raises(LedgerError, match=r"holds 380 matches; choose one by its id, e\.g\. "):
        match_timeline(season)
    with pytest.raises(LedgerError, match="no match 'inter-atalanta' in this ledger; did you"):
        match_timeline(season, "inter-atalanta")
    t = match_timeline(season, ml.EXAMPLE_MATCH_ID)
    assert len(t.moments) == len(match_timeline(ml.load_example()).moments)


def test_match_without_goal_detail_draws_no_running_score(season: Ledger) -> None:
    """A result known only by its score: the title has it, the band does not guess."""
    first = season.match_ids[0]
    t = match_timeline(season, first)
    assert not t.goal_detail
    assert t.moments == ()
    fig = match(season, first)
    assert fig.axes[0].get_title(loc="left") == "Parma Calcio 1913 0-1 Juventus (HT 0-1)"
    assert "0-0" not in _texts(fig)
    assert _png(fig).startswith(PNG)


# --- the match: the picture ---------------------------------------------------------------


def test_match_draws_the_seed_match() -> None:
    """The seed match: title, half time and full time, every moment labelled; PNG and SVG."""
    fig = match(ml.load_example())
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "Inter 1-1 Atalanta (HT 1-0)"
    texts = _texts(fig)
    assert {"HT\n1-0", "FT\n1-1", "0-0", "1-0", "1-1"} <= set(texts)
    assert "4' Lautaro Martínez\nassist Romelu Lukaku" in texts
    assert "88' Luis Muriel\npenalty saved" in texts
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        "goal", "yellow card", "hit the woodwork", "penalty saved", "substitution",
    ]  # fmt: skip
    assert _png(fig).startswith(PNG)
    out = io.BytesIO()
    fig.savefig(out, format="svg")
    assert _svg_shapes(out.getvalue()) > 50


# --- the command --------------------------------------------------------------------------


def test_plot_race_command_writes_png_and_svg(season_file: Path, tmp_path: Path) -> None:
    """``plot race`` on a ledger file writes the picture the name asks for."""
    png, svg = tmp_path / "race.png", tmp_path / "race.svg"
    assert main(["plot", "race", str(season_file), "--season", "2019/20", "-o", str(png)]) == 0
    assert png.read_bytes().startswith(PNG)
    args = ["plot", "race", str(season_file), "--metric", "points", "--rules", "serie-a"]
    assert main([*args, "-o", str(svg)]) == 0
    assert _svg_shapes(svg.read_bytes()) > 100


def test_plot_race_command_reads_results_files(tmp_path: Path) -> None:
    """A results CSV is read as ``table`` reads it."""
    csv = tmp_path / "league.csv"
    rows = ["season,date,round,home,away,home_goals,away_goals,tier,division"]
    teams = ["Alpha", "Beta", "Gamma", "Delta"]
    fixtures = [((0, 1), (2, 3)), ((0, 2), (1, 3)), ((0, 3), (1, 2))]
    for n, pairs in enumerate(fixtures, start=1):
        for k, (h, a) in enumerate(pairs):
            rows.append(
                f"2000-01,2000-08-{n * 7 + k:02d},{n},{teams[h]},{teams[a]},{n % 3},{k},1,1"
            )
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "race.png"
    args = ["plot", "race", str(csv), "--rules", "premier-league", "--tier", "1"]
    assert main([*args, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(PNG)


def test_plot_match_command(seed_file: Path, season_file: Path, tmp_path: Path) -> None:
    """``plot match`` draws the ledger's match, or the one named with --match."""
    svg, png = tmp_path / "match.svg", tmp_path / "match.png"
    assert main(["plot", "match", str(seed_file), "-o", str(svg)]) == 0
    assert _svg_shapes(svg.read_bytes()) > 50
    args = ["plot", "match", str(season_file), "--match", ml.EXAMPLE_MATCH_ID]
    assert main([*args, "-o", str(png)]) == 0
    assert png.read_bytes().startswith(PNG)


def test_plot_command_writes_the_same_bytes_twice(seed_file: Path, tmp_path: Path) -> None:
    """No timestamp in an SVG: the same ledger draws the same file."""
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    assert main(["plot", "match", str(seed_file), "-o", str(a)]) == 0
    assert main(["plot", "match", str(seed_file), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["race", "{season}", "-o", "{tmp}/race.gif"], "race.gif: write a .png, .svg or .pdf"),
        (["race", "{season}", "--season", "2018-19", "-o", "{tmp}/r.png"],
         "no matches of 2018-19 in the events; the inputs hold Serie A 2019-20"),
        (["race", "{season}", "-o", "{tmp}/no/such/dir/r.png"], "r.png: cannot be written"),
        (["race", "{tmp}/missing.jsonl", "-o", "{tmp}/r.png"], "missing.jsonl: no such file"),
        (["match", "{season}", "-o", "{tmp}/m.png"], "380 matches; choose one with --match, e.g."),
        (["match", "{season}", "--match", "nope", "-o", "{tmp}/m.png"], "no match 'nope'"),
    ],
)  # fmt: skip
def test_plot_command_errors_are_one_line(
    args: list[str],
    message: str,
    season_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each error: exit 1, one line on stderr naming the problem, no picture, no traceback."""
    argv = [a.format(season=season_file, tmp=tmp_path) for a in args]
    assert main(["plot", *argv]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("matchledger: error: ")
    assert message in captured.err
    assert not list(tmp_path.glob("*.png"))


def test_plot_command_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """No picture named, or no output: a usage error, status 2."""
    assert main(["plot"]) == 2
    assert "usage error" in capsys.readouterr().err
    assert main(["plot", "match", "x.json"]) == 2
    assert "-o/--output" in capsys.readouterr().err
