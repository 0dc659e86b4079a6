"""Fuzzing the CSV readers: each results layout and the deductions file.

Small valid files of each layout (hand-made rows like the sources', and the first rows
of the real files beside the checkout when they are there) are damaged cell by cell
(hostile values, cells dropped or added, rows dropped, repeated or swapped, the header
changed) and byte by byte, written in several encodings, and read. Every file either
becomes a ledger that round-trips, or raises a ``LedgerError`` with a one-line message,
within the time bound.
"""

from __future__ import annotations

import csv
import io
import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import matchledger as ml
from conftest import SHARED_DATA
from fuzzing import examples, only_ledger_errors
from matchledger.errors import LedgerError, LimitExceeded
from matchledger.importers import ResultsFileError, read_deductions_csv, read_results_csv
from matchledger.strategies import corrupted_documents

ENGSOCCERDATA = """season,date,round,home,away,home_goals,away_goals,tier,division
1888-89,1888-09-08,,Bolton Wanderers,Derby County,3,6,1,1
1888-89,1888-09-08,,Everton,Accrington F.C.,2,1,1,1
1921-22,1921-08-27,,Accrington Stanley,Rochdale,6,3,3,3N
1921-22,1921-08-27,,Aberdare Athletic,Bristol Rovers,1,0,3,3S
1992-93,1993-05-08,,Sheffield Wednesday,Arsenal,1,1,1,1
1992-93,1993-05-20,,Peterborough,Sheffield Wednesday,,,2,2
"""
SPAIN = """season,date,round,home,away,home_goals,away_goals,tier,division,ht,stage,group,notes
1928-29,1929-02-10,,Arenas de Getxo,Atletico Madrid,2,3,1,,0-2,league,,
1928-29,1929-02-10,,Espanyol Barcelona,Real Union,3,2,1,,1-0,league,,
1986-87,1987-05-10,,Real Madrid,Espanyol Barcelona,3,0,1,,2-0,playoff,A,
1990-91,1991-01-06,,Sevilla,Osasuna,3,0,1,,,league,,awarded: Osasuna fielded too many foreigners
"""
OPENFOOTBALL = """season,date,time,round,stage,home,away,home_goals,away_goals,ht_home_goals,\
ht_away_goals,et_home_goals,et_away_goals,pen_home,pen_away,status
2013-14,2013-08-24,18:00,Matchday 1,,Hellas Verona,AC Milan,2,1,1,1,,,,,
2013-14,2013-08-24,20:45,Matchday 1,,Sampdoria,Juventus,0,1,0,0,,,,,
2019-20,2020-01-11,20:45,Matchday 19,,Inter,Atalanta,1,1,1,0,,,,,
2019-20,2020-03-08,,Matchday 26,,Inter,Juventus,,,,,,,,,
2019-20,2020-03-09,,Matchday 26,,Roma,Lazio,,,,,,,,,postponed
2016-17,2016-09-18,15:00,Matchday 4,,Pescara,Sassuolo,3,0,,,,,,,awarded
2021-22,2022-05-29,20:45,"Finals, Final",Playoffs,Monza,Pisa,1,1,0,0,2,1,,,
2021-22,2022-05-30,20:45,"Finals, Final",Playoffs,Pisa,Monza,1,1,1,0,1,1,4,3,
"""
FOOTBALL_DATA = """Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,HTR,Referee,HS,AS,B365H
E0,09/08/2019,20:00,Liverpool,Norwich,4,1,H,4,0,H,M Oliver,15,12,1.14
E0,10/08/2019,12:30,West Ham,Man City,0,5,A,0,1,A,M Dean,5,14,12
E1,30/06/2020,20:15,Brighton,Man United,0,3,A,0,2,A,M Oliver,13,14,3.1
SC0,01/08/20,,Celtic,Hamilton,5,1,H,,,,,,,
X9,26/07/2020,15:00,A,B,,,,,,,,,,
,,,,,,,,,,,,,,
"""
DEDUCTIONS = """"Season","team","tier","deduction","country"
2014,"Rotherham United",2,3,"England"
2013,"Coventry City",3,10,"England"
1921,"Accrington Stanley",3,2,"England"
1990,"Swindon Town",1,-1,"England"
"""
FILES = [
    ("england.csv", ENGSOCCERDATA),
    ("spain.csv", SPAIN),
    ("it.1.csv", OPENFOOTBALL),
    ("E0.csv", FOOTBALL_DATA),
]
NAMES = ["england.csv", "it.1.csv", "en.2.csv", "E0.csv", "x.csv", ".csv", "ü ß.tsv", "a.b.c.txt"]


def _real_heads() -> list[tuple[str, str]]:
    """The header and first rows of each real results file beside the checkout."""
    out = []
    for path in sorted(SHARED_DATA.glob("results/*/*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            out.append((path.name, "".join(itertools.islice(f, 25))))
    return out


REAL = _real_heads() if SHARED_DATA.is_dir() else []
RESULTS = [(n, t) for n, t in FILES + REAL if n != "deductions.csv"]
DEDUCTION_FILES = [
    ("deductions.csv", DEDUCTIONS),
    *[(n, t) for n, t in REAL if n == "deductions.csv"],
]

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "-1",
            "+1",
            "1.0",
            "1e5",
            "NaN",
            "0x10",
            "9" * 5000,
            "99999999999999999999",
            "\uff13",  # a full-width digit: str.isdigit() says yes, int() says yes
            "\u00b2",  # a superscript two: isdigit() says yes, int() says no
            "\u0663",  # an Arabic-Indic three
            "0-2",
            "1-2-3",
            "-",
            "2019-02-30",
            "0000-01-01",
            "9999-12-31",
            "31/02/19",
            "99/99/99",
            "1/1/1",
            "24:00",
            "23:60",
            "7:5",
            "2019-21",
            "0000-01",
            "9999-00",
            "2019/2020",
            "awarded",
            "Awarded",
            "cancelled",
            "postponed",
            "Playoffs",
            "Finals, Final",
            "league",
            "a\nb",
            'a"b',
            "a\x00b",
            "\u2028",
            "\ufeff",
            "x" * 201,
            "x" * 70_000,
            "Bolton Wanderers",
            "Derby County",
        ]
    ),
    st.text(max_size=12),
)


def _change_rows(draw: st.DrawFn, rows: list[list[str]]) -> None:
    """One change to the rows, in place: a cell, a row's length, a row, the header."""
    r = draw(st.integers(0, len(rows) - 1))
    action = draw(st.sampled_from(["cell", "cell", "cell", "short", "long", "row", "header"]))
    if action == "cell" and rows[r]:
        rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(CELLS)
    elif action == "short" and rows[r]:
        del rows[r][draw(st.integers(0, len(rows[r]) - 1))]
    elif action == "long":
        rows[r].extend(draw(st.lists(CELLS, min_size=1, max_size=3)))
    elif action == "row":
        other = draw(st.integers(0, len(rows) - 1))
        change = draw(st.sampled_from(["drop", "repeat", "swap"]))
        if change == "drop":
            del rows[r]
        elif change == "repeat":
            rows.insert(other, list(rows[r]))
        else:
            rows[r], rows[other] = rows[other], rows[r]
    elif rows[0]:  # the header: a column renamed, or two swapped
        i, j = draw(st.integers(0, len(rows[0]) - 1)), draw(st.integers(0, len(rows[0]) - 1))
        if draw(st.booleans()):
            rows[0][i] = draw(CELLS)
        else:
            rows[0][i], rows[0][j] = rows[0][j], rows[0][i]


@st.composite
def damaged_csv(draw: st.DrawFn, files: list[tuple[str, str]]) -> tuple[str, bytes]:
    """A file name and bytes: a valid file, damaged cell by cell, then maybe byte by byte."""
    name, text = draw(st.sampled_from(files))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for _ in range(draw(st.integers(0, 4))):
        if rows:
            _change_rows(draw, rows)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"]))).writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = out.getvalue().encode(encoding, errors="replace")
    if draw(st.booleans()):  # and the bytes: flipped, cut, invalid UTF-8...
        data = draw(corrupted_documents(st.just(data), max_changes=2))
    return draw(st.sampled_from([name, name, *NAMES])), data


SEASONS = st.sampled_from([None, "2019-20", "2019", "1888/89", "1921-1922"])
TIERS = st.sampled_from([None, 1, 2, 3, 0, -1, 10**30])
COMPETITIONS = st.one_of(st.none(), st.sampled_from(["", " ", "Serie A", "x" * 300]), st.text())


def _read(name: str, data: bytes, **options: object) -> ml.Ledger | LedgerError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        result = only_ledger_errors(read_results_csv, path, **options)
    if isinstance(result, ml.Ledger):
        assert ml.loads(ml.dumps(result)) == result
    elif isinstance(result, ResultsFileError):
        assert isinstance(result.partial, ml.Ledger)
    return result


@given(damaged_csv(RESULTS), SEASONS, TIERS, COMPETITIONS)
def test_damaged_results_files(
    file: tuple[str, bytes], season: str | None, tier: int | None, competition: str | None
) -> None:
    _read(*file, season=season, tier=tier, competition=competition)


@examples(0.5)
@given(st.sampled_from([n for n, _ in FILES]), st.binary(max_size=400))
def test_any_bytes_under_a_results_name(name: str, data: bytes) -> None:
    _read(name, data)


@examples(0.5)
@given(st.sampled_from(FILES), st.text(max_size=300))
def test_a_valid_header_then_any_text(file: tuple[str, str], rest: str) -> None:
    name, text = file
    _read(name, (text.partition("\n")[0] + "\n" + rest).encode("utf-8", "surrogatepass"))


@given(damaged_csv(DEDUCTION_FILES), st.booleans())
def test_damaged_deductions_files(file: tuple[str, bytes], with_ledger: bool) -> None:
    name, data = file
    ledger = read_results_csv_or_none() if with_ledger else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        result = only_ledger_errors(read_deductions_csv, path, ledger=ledger)
    if not isinstance(result, LedgerError):
        assert all(isinstance(d, ml.PointsDeducted) for d in result)


def read_results_csv_or_none() -> ml.Ledger:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "england.csv")
        path.write_text(ENGSOCCERDATA, encoding="utf-8")
        return read_results_csv(path)


@pytest.mark.parametrize(("name", "text"), [*FILES, ("deductions.csv", DEDUCTIONS)])
def test_cut_at_every_byte(name: str, text: str, tmp_path: Path) -> None:
    data = text.encode()
    path = tmp_path / name
    read = read_deductions_csv if name == "deductions.csv" else read_results_csv
    for end in range(len(data) + 1):
        path.write_bytes(data[:end])
        only_ledger_errors(read, path)


# --- regressions: the exact inputs the fuzzing found -------------------------------------------

ES = ENGSOCCERDATA.partition("\n")[0] + "\n"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # int() of more than 4,300 digits raises ValueError
        ("england.csv", ES + "1888-89,1888-09-08,,A,B," + "9" * 5000 + ",6,1,1\n"),
        ("england.csv", ES + "1888-89,1888-09-08,,A,B,3,6," + "9" * 5000 + ",1\n"),
        ("deductions.csv", DEDUCTIONS + "2009,P," + "9" * 5000 + ",9,England\n"),
        ("deductions.csv", DEDUCTIONS + "2009,P,1," + "9" * 5000 + ",England\n"),
        # a quoted header cell of 200,000 characters on short lines: csv.Error
        ("england.csv", '"' + ("a" * 100 + "\n") * 2000 + '"\n'),
        ("deductions.csv", '"' + ("a" * 100 + "\n") * 2000 + '"\n'),
    ],
    ids=["goals", "tier", "deduction-tier", "deduction-points", "header", "deduction-header"],
)
def test_found_by_fuzzing(name: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    read = read_deductions_csv if name == "deductions.csv" else read_results_csv
    with pytest.raises(ResultsFileError):
        read(path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # a UTF-16 file with CRLF lines: its first line, read as ASCII to find football-data's
        # header, had a lone carriage return, and csv.reader raised csv.Error
        ("england.csv", ENGSOCCERDATA.replace("\n", "\r\n").encode("utf-16")),
        # a row of a deductions file with a quoted cell over csv's field limit
        (
            "deductions.csv",
            (DEDUCTIONS + '2014,"' + ("a" * 100 + "\n") * 2000 + '",2,3,England\n').encode(),
        ),
    ],
    ids=["utf-16-crlf", "deduction-row"],
)
def test_found_by_fuzzing_csv_errors(name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    read = read_deductions_csv if name == "deductions.csv" else read_results_csv
    with pytest.raises(ResultsFileError):
        read(path)


def test_a_long_line_is_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "england.csv"
    path.write_text(ES + "x" * 70_000 + "\n", encoding="utf-8")
    with pytest.raises(LimitExceeded, match="line 2 is 70000 characters long"):
        read_results_csv(path)
