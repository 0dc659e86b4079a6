"""Fuzzing the command line: every command, with arguments drawn from its own parser.

The commands and their options are read from the parser itself, so a command added
later is fuzzed too. Each input runs in a fresh folder that holds valid and damaged
ledgers, results files, an SQLite store and provider files; the arguments are files
of that folder (and missing, odd or unreadable ones) and option values both valid and
hostile. The property: exit status 0, or 1 (2 for a usage mistake) with exactly one
line on stderr, no traceback and no "internal error", within the time bound. A few
inputs also run as a real process, with arguments that are not valid UTF-8.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import matchledger as ml
from fuzzing import check_cli, examples
from matchledger.cli import _parser
from matchledger.store import SQLiteStore
from matchledger.strategies import corrupted_documents
from test_fuzz_csv import DEDUCTIONS, ENGSOCCERDATA, FOOTBALL_DATA, OPENFOOTBALL
from test_fuzz_events import MATCHES

SEED = ml.dumps(ml.load_example())
SEED_LINES = ml.dumps(ml.load_example(), lines=True)
SEASON_LINES = ml.dumps(ml.load_serie_a_2019_20(), lines=True)


def _sqlite_store() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "store.sqlite")
        with SQLiteStore(path) as store:
            store.append(ml.load_example().events)
        return path.read_bytes()


ODD_NAME = os.fsdecode(b"\xff\xfe.json")  # a file name that is not UTF-8
FOLDER: dict[str, bytes] = {
    "ledger.json": SEED,
    "ledger.jsonl": SEED_LINES,
    "season.jsonl": SEASON_LINES,
    "england.csv": ENGSOCCERDATA.encode(),
    "it.1.csv": OPENFOOTBALL.encode(),
    "E0.csv": FOOTBALL_DATA.encode(),
    "deductions.csv": DEDUCTIONS.encode(),
    "store.sqlite": _sqlite_store(),
    ODD_NAME: SEED,
    **{name: data for _, files in MATCHES.values() for name, data in files.items()},
}
DAMAGED = ["damaged.json", "damaged.jsonl", "damaged.csv", "damaged.sqlite", "damaged.txt"]
FILES = [
    *FOLDER,
    *DAMAGED,
    "missing.json",
    "missing.csv",
    "folder",
    "folder/",
    "",
    "-",
    "x" * 300 + ".json",
    "no/such/folder/x.jsonl",
    "postgresql://nobody@127.0.0.1:1/none",
    "postgres:/x",
    ":memory:",
]
TEXT = st.sampled_from(
    [
        "",
        " ",
        "Inter",
        "inter",
        "Juventus",
        "Atalanta",
        "Lautaro",
        "inter-atalanta-2020-01-11",
        "Serie A",
        "2019-20",
        "2019",
        "2019/20",
        "9999-00",
        "2019-21",
        "2020-01-11",
        "2020-01-11T20:45",
        "2020-01-11T20:45:00+01:00",
        "2020-13-45",
        "T",
        "0001-01-01",
        "9999-12-31T23:59:59+14:00",
        "Inter=8",
        "Inter=-8",
        "Inter=" + "9" * 5000,
        "Inter v Juventus=3-0",
        "Inter v Juventus=3-0 points only",
        "Inter v Inter=1-1",
        "Inter>Juventus",
        ">",
        "=",
        "-1",
        "x" * 1000,
        "\u202e",
        "\U0001f600",
        "\udcff",
    ]
) | st.text(max_size=12)
NUMBERS = st.sampled_from(["0", "1", "2", "-1", "38", "10" * 20, "1.5", "abc", "", "nan"])
SECONDS = st.sampled_from(["0", "0.01", "-1", "1e-9", "nan", "inf", "-inf", "abc", "1e309"])
OUTPUTS = st.sampled_from(
    ["out.json", "out.jsonl", "out.csv", "out.png", "out.svg", "folder", "no/such/out.json", ""]
) | st.sampled_from(FILES)


def _commands() -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command of the parser, sub-commands too, by the words that name it."""
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def visit(words: tuple[str, ...], parser: argparse.ArgumentParser) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found[words] = parser
        for action in subs:
            for name, sub in action.choices.items():
                visit((*words, name), sub)

    visit((), _parser())
    return found


COMMANDS = _commands()


def _value(action: argparse.Action, *, mistake: bool = False) -> st.SearchStrategy[str]:
    """Values for one argument, by what it takes."""
    if action.choices is not None:
        return st.sampled_from([*map(str, action.choices), *(["bogus"] if mistake else [])])
    name = action.dest
    if action.type is int:
        return NUMBERS
    if action.type is float or action.metavar == "SECONDS":
        return SECONDS
    if name == "output":
        return OUTPUTS
    if action.type is Path or name in ("file", "files", "inputs", "csv", "store", "path"):
        return st.sampled_from(FILES)
    return TEXT


@st.composite
def arguments(draw: st.DrawFn) -> list[str]:
    """A command line: a command, its positionals and some of its options, in any order.

    One in eight is a usage mistake on purpose: a positional too few or too many, an
    unknown option, a value that is not one of the choices.
    """
    words = draw(st.sampled_from(sorted(COMMANDS)))
    parser = COMMANDS[words]
    mistake = draw(st.integers(0, 7)) == 0
    argv = list(words)
    groups: list[list[str]] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:  # a positional
            least, most = {"+": (1, 3), "*": (0, 2), "?": (0, 1)}.get(str(action.nargs), (1, 1))
            if mistake:
                least, most = max(0, least - 1), most + 1
            count = draw(st.integers(least, most))
            argv += [draw(_value(action, mistake=mistake)) for _ in range(count)]
            continue
        if not action.required and draw(st.integers(0, 3)) != 0:  # an option, one time in four
            continue
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            groups.append([flag])
        else:
            groups.append([flag, draw(_value(action, mistake=mistake))])
    if mistake:
        groups += draw(st.lists(st.sampled_from([["--bogus"], ["--"], ["-x"], ["--help"]])))
    for group in draw(st.permutations(groups)):
        argv += group
    if words == ("watch",):  # it follows the store until this long with nothing new
        argv += ["--timeout", draw(st.sampled_from(["0", "0.01"])), "--poll", "0.005"]
    return argv


@contextmanager
def _folder(damaged: dict[str, bytes]) -> Iterator[Path]:
    """A fresh folder with the files, as the working directory."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for file, data in {**FOLDER, **damaged}.items():
            (folder / file).write_bytes(data)
        (folder / "folder").mkdir()
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(before)


DAMAGES = {
    "damaged.json": corrupted_documents(st.just(SEED), max_changes=2),
    "damaged.jsonl": corrupted_documents(st.sampled_from([SEED_LINES, SEASON_LINES])),
    "damaged.csv": corrupted_documents(
        st.sampled_from([ENGSOCCERDATA.encode(), OPENFOOTBALL.encode()])
    ),
    "damaged.sqlite": corrupted_documents(st.just(FOLDER["store.sqlite"]), max_changes=2),
    "damaged.txt": st.binary(max_size=200),
}


@given(arguments(), st.data())
def test_every_command_with_drawn_arguments(argv: list[str], data: st.DataObject) -> None:
    damaged = {name: data.draw(DAMAGES[name], label=name) for name in DAMAGES if name in argv}
    with _folder(damaged):
        check_cli(argv)


@examples(0.5)
@given(st.lists(TEXT | st.sampled_from(FILES), max_size=6))
def test_any_words(argv: list[str]) -> None:
    with _folder({}):
        check_cli(argv)


@pytest.mark.parametrize("words", sorted(COMMANDS), ids=" ".join)
def test_each_command_with_the_valid_files(words: tuple[str, ...]) -> None:
    """Each command once with each file of the folder: never a traceback."""
    for file in FOLDER:
        with _folder({}):
            extra = ["--timeout", "0"] if words == ("watch",) else []
            check_cli([*words, file, *extra])


# --- a real process ---------------------------------------------------------------------------

PROCESS_ARGUMENTS: list[list[Any]] = [
    [],
    ["--version"],
    ["bogus"],
    ["validate", b"\xff\xfe.json"],
    ["validate", "missing.json"],
    ["score", b"\xff\xfe.json", "--match", b"\xff"],
    ["table", "ledger.json", "--season", b"\xe9"],
    ["import", "damaged.csv"],
    ["append", "store.sqlite", "damaged.jsonl"],
    ["watch", "store.sqlite", "--timeout", "nan", "--poll", "0.01"],
    ["watch", "store.sqlite", "--timeout", "0", "--poll", "inf"],
]


@pytest.mark.parametrize("argv", PROCESS_ARGUMENTS, ids=repr)
def test_as_a_process(argv: list[Any]) -> None:
    with _folder(dict.fromkeys(DAMAGED, b"{")):
        env = {**os.environ, "PYTHONIOENCODING": "", "LC_ALL": "C.UTF-8"}
        done = subprocess.run(
            [sys.executable, "-m", "matchledger", *argv],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
    err = done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr, err
    assert done.returncode in (0, 1, 2), err
    if done.returncode:
        assert err.count("\n") == 1, err
        assert "internal error" not in err, err


# --- regressions: the exact inputs the fuzzing found -------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        # a file name that is not UTF-8, printed on stdout: UnicodeEncodeError
        ["validate", ODD_NAME],
        # a file name too long for the system: OSError from Path.exists()
        ["import-events", "x" * 300 + ".json", "--provider", "opta"],
        # nan waited forever; inf overflowed threading's wait
        ["watch", "store.sqlite", "--timeout", "nan"],
        ["watch", "store.sqlite", "--timeout", "0", "--poll", "inf"],
        # an empty store name: ValueError from Path("").with_name
        ["append", "", "ledger.json"],
        # an empty file of events: IndexError naming the first row, which it has not
        ["append", "ledger.jsonl", "empty.txt", "--expected-version", "0"],
        # a document of events with null for one: AttributeError in decode_events
        ["append", "ledger.jsonl", "null.json"],
        # Python 3.11's argparse gave FILE = [] for "FILE -- --": TypeError
        ["append", "ledger.jsonl", "--", "--"],
    ],
    ids=[
        "odd-name",
        "long-name",
        "timeout-nan",
        "poll-inf",
        "empty-store-name",
        "no-events",
        "null-event",
        "dash-dash",
    ],
)
def test_found_by_fuzzing(argv: list[str]) -> None:
    found = {"empty.txt": b"", "null.json": b'{"schema_version":2,"events":[null]}'}
    with _folder(found):
        check_cli(argv)


@pytest.mark.parametrize("command", ["watch", "append"])
@pytest.mark.parametrize("name", ["statsbomb_7298_lineup.json", "ledger.json", "england.csv"])
def test_a_file_that_is_not_a_store_is_left_as_it_is(command: str, name: str) -> None:
    """A store named by mistake lost its last line, cut off as if torn (and two lines on stderr)."""
    with _folder({}) as folder:
        before = (folder / name).read_bytes()
        argv = [command, name, "ledger.jsonl"] if command == "append" else [command, name]
        status, _, err = check_cli([*argv, *(["--timeout", "0"] if command == "watch" else [])])
        assert status == 1
        assert "is not a matchledger JSON Lines header" in err
        assert (folder / name).read_bytes() == before
