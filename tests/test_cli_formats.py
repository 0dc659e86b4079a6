"""--format table|json|csv|markdown, colour on a terminal, and progress on stderr."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import orjson
import pytest

import matchledger as ml
from matchledger import _cli_formats, _progress, export
from matchledger.cli import main

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def season_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("season") / "serie-a-2019-20.jsonl"
    path.write_bytes(ml.dumps(ml.load_serie_a_2019_20(), lines=True))
    return path


@pytest.fixture(autouse=True)
def _colour_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def on_terminal(monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    out = Terminal()
    monkeypatch.setattr("sys.stdout", out)
    assert main(list(args)) == 0
    return out.getvalue()


def cell(value: object) -> str:
    """A record's value as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def check_markdown(text: str, columns: int, rows: int) -> list[list[str]]:
    """A pipe table: a header, a rule, then the rows, every line with the same cells."""
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == rows + 2
    cells = [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines)
    assert all(len(c) == columns for c in cells)
    assert all(re.fullmatch(r"-+:?", c) for c in cells[1])
    return [cells[0], *cells[2:]]


def flat_score(obj: dict[str, Any]) -> dict[str, object]:
    """A ``score --json`` object without its lists, the score pairs as two columns each."""
    out: dict[str, object] = {}
    for key, value in obj.items():
        if isinstance(value, list):
            continue
        if key in ("half_time", "extra_time", "shootout"):
            out[f"{key}_home"] = None if value is None else value["home"]
            out[f"{key}_away"] = None if value is None else value["away"]
        else:
            out[key] = value
    return out


# --- --json is --format json ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["table", "stats", "score"])
def test_json_is_a_shorthand(
    command: str, season_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints exactly what --format json prints."""
    assert run(capsys, command, str(season_file), "--json") == run(
        capsys, command, str(season_file), "--format", "json"
    )


def test_json_and_format_together_are_a_usage_error(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One or the other: a usage error on one line, status 2."""
    assert main(["score", str(example_path), "--json", "--format", "csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not allowed with argument --json" in err
    assert main(["table", str(example_path), "--format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


# --- csv ------------------------------------------------------------------------------------


def test_table_csv_is_the_records(season_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The header is the record's keys; each line is a row's values."""
    records = orjson.loads(run(capsys, "table", str(season_file), "--json"))
    columns, rows = read_csv(run(capsys, "table", str(season_file), "--format", "csv"))
    assert columns == list(export.TABLE_COLUMNS)
    assert rows == [{k: cell(v) for k, v in r.items()} for r in records]


def test_table_csv_with_ties_and_deductions(
    season_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shared place and a deduction come through as the records have them."""
    args = ["table", str(season_file), "--deduct", "Juventus=10", "--as-of", "2019-09-01"]
    records = orjson.loads(run(capsys, *args, "--json"))
    _, rows = read_csv(run(capsys, *args, "--format", "csv"))
    assert any(r["unresolved_tie"] for r in records)
    assert rows == [{k: cell(v) for k, v in r.items()} for r in records]
    assert {r["unresolved_tie"] for r in rows} == {"true", "false"}


@pytest.mark.parametrize("which", ["example", "season"])
def test_stats_csv_is_the_records(
    which: str, example_path: Path, season_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """stats --format csv: the rows of stats --json and of stats_records()."""
    path = example_path if which == "example" else season_file
    records = export.stats_records(ml.load(path))
    assert orjson.loads(run(capsys, "stats", str(path), "--json")) == records
    columns, rows = read_csv(run(capsys, "stats", str(path), "--format", "csv"))
    assert columns == list(export.STATS_COLUMNS)
    assert rows == [{k: cell(v) for k, v in r.items()} for r in records]


def test_stats_csv_keeps_the_filters(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--team and --player pick the rows of every format alike."""
    args = ["stats", str(example_path), "--team", "Inter", "--player", "lautaro"]
    _, rows = read_csv(run(capsys, *args, "--format", "csv"))
    assert [(r["name"], r["team"], r["goals"]) for r in rows] == [
        ("Lautaro Martínez", "Inter", "1")
    ]


@pytest.mark.parametrize("which", ["example", "season"])
def test_score_csv_is_the_json_without_its_lists(
    which: str, example_path: Path, season_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """score --format csv: --json's values, the score pairs split in two columns."""
    path = example_path if which == "example" else season_file
    shown = orjson.loads(run(capsys, "score", str(path), "--json"))
    objects = shown if isinstance(shown, list) else [shown]
    columns, rows = read_csv(run(capsys, "score", str(path), "--format", "csv"))
    assert columns == list(_cli_formats.SCORE_COLUMNS)
    assert rows == [{k: cell(v) for k, v in flat_score(o).items()} for o in objects]


def test_csv_of_nothing_is_a_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No matches, no players: the header line only."""
    empty = tmp_path / "empty.json"
    ml.dump(ml.Ledger(), empty)
    assert run(capsys, "score", str(empty), "--format", "csv").count("\n") == 1
    assert run(capsys, "stats", str(empty), "--format", "csv").count("\n") == 1
    assert run(capsys, "score", str(empty)) == "no matches\n"


# --- markdown -------------------------------------------------------------------------------


def test_table_markdown(season_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pipe table of the text's columns, one row per team, numbers aligned right."""
    table = ml.standings(ml.load_serie_a_2019_20(), "serie-a")
    text = run(capsys, "table", str(season_file), "--format", "markdown")
    cells = check_markdown(text, 11, len(table.rows))
    assert cells[0] == ["Pos", "Team", "P", "W", "D", "L", "GF", "GA", "GD", "Pts", "Form"]
    assert cells[1] == ["1", "Juventus", "38", "26", "5", "7", "76", "43", "+33", "83", "WLWLL"]
    assert [c[1] for c in cells[1:]] == [r.team.name for r in table.rows]
    assert text.split("\n")[1].endswith("| --: | ----- |")


def test_table_markdown_explains(season_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--explain adds the tie-breaks as a list after the table."""
    text = run(capsys, "table", str(season_file), "--format", "markdown", "--explain")
    table_part, _, notes = text.partition("\n\n")
    check_markdown(table_part, 11, 20)
    assert notes.startswith("- Atalanta, Lazio Roma on 78 points: head-to-head")


def test_stats_and_score_markdown(
    example_path: Path, season_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """stats and score as pipe tables."""
    players = ml.player_stats(ml.load_example())
    cells = check_markdown(
        run(capsys, "stats", str(example_path), "--format", "markdown"), 16, len(players)
    )
    assert cells[0][:4] == ["Player", "Team", "Min", "G"]
    lautaro = next(c for c in cells if c[0] == "Lautaro Martínez")
    assert lautaro[1:4] == ["Inter", "81", "1"]
    cells = check_markdown(run(capsys, "score", str(example_path), "--format", "markdown"), 4, 1)
    assert cells == [["Home", "Score", "Away", "Notes"], ["Inter", "1-1", "Atalanta", "HT 1-0"]]
    season_scores = ml.scores(ml.load_serie_a_2019_20())
    check_markdown(
        run(capsys, "score", str(season_file), "--format", "markdown"), 4, len(season_scores)
    )


def test_markdown_escapes_pipes() -> None:
    """A | in a name does not open a new cell."""
    text = _cli_formats._markdown(["Team", "Pts"], [["A | B", 3]], right={1})
    assert check_markdown(text, 2, 1)[1] == ["A \\| B", "3"]


# --- the table format and colour ------------------------------------------------------------


def test_table_format_is_the_default(season_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format table prints what no option prints: the title and the aligned table."""
    text = run(capsys, "table", str(season_file), "--format", "table")
    assert text == run(capsys, "table", str(season_file))
    table = ml.standings(ml.load_serie_a_2019_20(), "serie-a")
    assert text.split("\n", 1)[1] == str(table) + "\n"
    assert "\x1b" not in text  # capsys is not a terminal


@pytest.mark.parametrize("command", ["table", "stats", "score"])
def test_colour_on_a_terminal(
    command: str,
    season_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a terminal the text is coloured, and is the plain text once the colours are out."""
    plain = run(capsys, command, str(season_file))
    coloured = on_terminal(monkeypatch, command, str(season_file))
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == plain


def test_what_the_colours_mark(season_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bold header and leader; goal difference green above zero, red below; W green, L red."""
    lines = on_terminal(monkeypatch, "table", str(season_file)).split("\n")
    assert lines[1].startswith("\x1b[1mPos")
    assert "\x1b[1mJuventus" in lines[2]
    assert "\x1b[32m +33\x1b[0m" in lines[2]
    assert "\x1b[32mW\x1b[0m\x1b[31mL\x1b[0m" in lines[2]
    last = lines[-2]
    assert "\x1b[31m" in last
    assert "\x1b[1m" not in last


@pytest.mark.parametrize("value", ["1", "true", "no"])
def test_no_color_turns_colour_off(
    value: str,
    season_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR set to anything but empty: no colour, even on a terminal (no-color.org)."""
    plain = run(capsys, "table", str(season_file))
    monkeypatch.setenv("NO_COLOR", value)
    assert on_terminal(monkeypatch, "table", str(season_file)) == plain


def test_an_empty_no_color_is_not_set(season_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR= (empty) leaves colour on, as no-color.org says."""
    monkeypatch.setenv("NO_COLOR", "")
    assert "\x1b[" in on_terminal(monkeypatch, "table", str(season_file))


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_only_the_table_format_is_coloured(
    fmt: str, season_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSON, CSV and markdown are never coloured, even on a terminal."""
    for command in ("table", "stats", "score"):
        assert "\x1b" not in on_terminal(monkeypatch, command, str(season_file), "--format", fmt)


def test_a_score_colours_only_a_winner(monkeypatch: pytest.MonkeyPatch) -> None:
    """A draw stays plain; a win puts the winner in bold."""
    ledger = ml.load_serie_a_2019_20()
    found = ml.scores(ledger)
    draw = next(s for s in found.values() if s.winner is None)
    win = next(s for s in found.values() if s.winner is not None)
    assert _cli_formats._score_line(draw, colour=True) == str(draw)
    line = _cli_formats._score_line(win, colour=True)
    assert win.winner is not None
    assert f"\x1b[1m{win.winner.name}\x1b[0m" in line
    assert ANSI.sub("", line) == str(win)


# --- progress -------------------------------------------------------------------------------

_HEADER = (
    "season,date,time,round,stage,home,away,home_goals,away_goals,"
    "ht_home_goals,ht_away_goals,et_home_goals,et_away_goals,pen_home,pen_away,status\n"
)


@pytest.fixture
def results_file(tmp_path: Path) -> Path:
    """A results file of 200 matches (openfootball's layout)."""
    teams = [f"Club {n}" for n in range(20)]
    rows = [
        f"2019-20,2019-09-{1 + n // 10:02d},15:00,Matchday {1 + n // 10},,"
        f"{teams[n % 20]},{teams[(n * 7 + 3) % 20]},{n % 3},{n % 2},,,,,,,\n"
        for n in range(200)
        if n % 20 != (n * 7 + 3) % 20
    ]
    path = tmp_path / "it.1.csv"
    path.write_text(_HEADER + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Show progress from the start, every update."""
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    monkeypatch.setattr(_progress, "INTERVAL", 0.0)


@pytest.mark.usefixtures("at_once")
def test_progress_on_a_terminal(
    results_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """import shows how far it got on a terminal's stderr, then wipes the line."""
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    out = tmp_path / "out.jsonl"
    assert main(["import", str(results_file), "-o", str(out)]) == 0
    text = err.getvalue()
    assert "\rit.1.csv: reading 1 of " in text
    assert "lines (" in text
    assert "it.1.csv: checking " in text
    assert "\rwriting out.jsonl" in text
    # the line is wiped before the summary, which stands on a line of its own
    assert re.search(r"\r +\r" + re.escape(f"{out}: "), text)
    assert text.endswith(" matches\n")


@pytest.mark.usefixtures("at_once")
def test_progress_is_wiped_before_stdout(
    results_file: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """The ledger on stdout has no progress in it; the line on stderr is wiped first."""
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    assert main(["import", str(results_file)]) == 0
    assert ml.loads(capsysbinary.readouterr().out, lines=True) == ml.importers.read_results_csv(
        results_file
    )
    assert err.getvalue().endswith("\r")


@pytest.mark.usefixtures("at_once")
def test_no_progress_off_a_terminal(
    results_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """stderr a pipe or a file: no progress at all."""
    assert main(["import", str(results_file), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert main(["table", str(results_file)]) == 0
    assert "\r" not in capsys.readouterr().err


def test_no_progress_for_quick_work(results_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work done within the delay shows nothing, even on a terminal."""
    monkeypatch.setattr(_progress, "DELAY", 60.0)
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    assert main(["table", str(results_file)]) == 0
    assert err.getvalue() == ""


def test_progress_hooks_do_nothing_in_a_library() -> None:
    """With no display on, each() hands back its iterable and stage() does nothing."""
    items = [1, 2, 3]
    assert _progress.each(items, "counting", 3) is items
    _progress.stage("nothing to see")
    _progress.clear()


@pytest.mark.usefixtures("at_once")
def test_progress_counts_and_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counts with a share of the total, stages, and one wipe at the end."""
    err = Terminal()
    seen: list[int] = []
    with _progress.shown(err):
        seen.extend(_progress.each(range(3), "reading", 3, "lines"))
        _progress.stage("checking")
        with _progress.shown(err):  # nested: the same display
            _progress.stage("still checking")
    assert seen == [0, 1, 2]
    text = err.getvalue()
    assert "\rreading 0 of 3 lines (0%)" in text
    assert "\rreading 2 of 3 lines (66%)" in text
    assert "\rchecking" in text
    assert "\rstill checking" in text
    assert text.endswith("\r" + " " * len("still checking") + "\r")


def test_progress_never_breaks_the_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stderr that fails to write costs the progress, not the work."""

    class Broken(Terminal):
        def write(self, _text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(_progress, "DELAY", 0.0)
    with _progress.shown(Broken()):
        assert list(_progress.each(range(3), "x")) == [0, 1, 2]


def test_progress_for_provider_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """read_event_files counts the files it reads and the matches it imports."""
    from matchledger.importers import event_files  # noqa: PLC0415

    labels: list[str] = []

    def each(items: Any, label: str, total: int | None = None, unit: str = "") -> Any:
        labels.append(f"{label} {total} {unit}")
        return items

    monkeypatch.setattr(_progress, "each", each)
    with pytest.raises(ml.LedgerError):
        event_files.read_event_files("statsbomb", ["missing-events.json"])
    assert labels == ["reading 1 files"]
