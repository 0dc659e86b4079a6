"""Every final table of the whole England results file, against a plain loop.

The floor is a plain Python loop over the same CSV rows (``csv`` module) that sums each
club's played, won, drawn, lost, goals and points per season and tier, without ranking.
matchledger does more: it builds validated events, folds them, applies each era's rules
and ranks every table with its tie-breaks.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from pathlib import Path

from matchledger import all_standings
from matchledger.importers import read_results_csv

ENGLAND = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "results"
    / ("engsoccerdata/england.csv")
)


def plain_loop(path: Path) -> dict[tuple[str, str], dict[str, list[int]]]:
    """Season and division -> club -> [P, W, D, L, GF, GA, points], no ranking."""
    tables: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0] * 7)
    )
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            win = 2 if int(row["season"][:4]) < 1981 else 3
            table = tables[(row["season"], row["division"])]
            hg, ag = int(row["home_goals"]), int(row["away_goals"])
            for team, gf, ga in ((row["home"], hg, ag), (row["away"], ag, hg)):
                r = table[team]
                r[0] += 1
                r[4] += gf
                r[5] += ga
                if gf > ga:
                    r[1] += 1
                    r[6] += win
                elif gf == ga:
                    r[2] += 1
                    r[6] += 1
                else:
                    r[3] += 1
    return tables


def every_table(path: Path) -> int:
    """Import the file and rank every season's table of every tier; the number of tables."""
    return len(all_standings(read_results_csv(path)))


def bench_england(repeat: int) -> list[str]:
    """The report section, or a note that the file is absent."""
    if not ENGLAND.is_file():
        return ["## England results file", "", f"Skipped: {ENGLAND.name} not found.", ""]
    floor = min(_timed(lambda: plain_loop(ENGLAND)) for _ in range(repeat))
    ours = []
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = every_table(ENGLAND)
        ours.append(time.perf_counter() - start)
    best = min(ours)
    return [
        f"## England: every final table ({count} tables, 208,028 matches)",
        "",
        "| step | best | x plain loop |",
        "|---|---:|---:|",
        f"| plain csv loop, sums only (floor) | {floor * 1e3:.0f} ms | 1.00 |",
        f"| import + rank every table | {best * 1e3:.0f} ms | {best / floor:.2f} |",
        "",
    ]


def _timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start
