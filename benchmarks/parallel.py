"""Two cores: folding seasons in parallel, and where it pays.

Ten seasons, each its own JSON document (an analyst's ten season files). Timed:

* one process: every season's file to its table, one after the other
  (``standings_of_files(paths, processes=1)``);
* two worker processes, each given whole files (a path to hand over, and a table to
  hand back: the work splits cleanly): ``standings_of_files(paths, processes=2)``;
* two worker processes given the seasons as events already in memory (each event must
  be pickled to the worker and rebuilt there, which costs about what folding it does).

The pool is started inside the timing: a user pays for it too.
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import matchledger as ml
from benchmarks.timing import best_and_median
from benchmarks.workload import season_events
from matchledger.parallel import standings_of_files

RULES = "premier-league"


def table_of_events(events: list[ml.Event]) -> ml.Table:
    """One season's events to its table."""
    return ml.standings(ml.Ledger(events), RULES)


def _in_workers(fn: object, items: list[object]) -> list[ml.Table]:
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(fn, items))  # type: ignore[arg-type]


def bench_parallel(seasons: int, repeat: int) -> list[str]:
    """The report's section on two cores."""
    events = [list(season_events(s)) for s in range(seasons)]
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"season-{s}.json" for s in range(seasons)]
        for path, evs in zip(paths, events, strict=True):
            ml.dump(ml.Ledger(evs), path)
        one = standings_of_files(paths, RULES, processes=1)
        tables = [one[k] for k in sorted(one)]
        if (
            standings_of_files(paths, RULES, processes=2) != one
            or sorted(_in_workers(table_of_events, events), key=_key) != tables
        ):
            msg = "the workers' tables differ from one process's"
            raise AssertionError(msg)
        serial, serial_med = best_and_median(
            lambda: standings_of_files(paths, RULES, processes=1), repeat
        )
        by_files, by_files_med = best_and_median(
            lambda: standings_of_files(paths, RULES, processes=2), repeat
        )
    in_memory, _ = best_and_median(lambda: [table_of_events(e) for e in events], repeat)
    by_events, by_events_med = best_and_median(lambda: _in_workers(table_of_events, events), repeat)
    n = sum(len(e) for e in events)
    return [
        f"## Two cores: {seasons} seasons to their tables ({n:,} events)",
        "",
        (
            f"`os.cpu_count()` = {os.cpu_count()}; two worker processes "
            "(`concurrent.futures.ProcessPoolExecutor`), the pool's start included."
        ),
        "",
        "| work | best | median | speed-up |",
        "|---|---:|---:|---:|",
        (
            f"| season files to tables, one process | {serial * 1e3:.0f} ms | "
            f"{serial_med * 1e3:.0f} ms | 1.00 |"
        ),
        (
            f"| the same, two workers (`standings_of_files`) | {by_files * 1e3:.0f} ms | "
            f"{by_files_med * 1e3:.0f} ms | {serial / by_files:.2f} |"
        ),
        f"| events in memory to tables, one process | {in_memory * 1e3:.0f} ms | | 1.00 |",
        (
            f"| the same, two workers (events pickled to them) | {by_events * 1e3:.0f} ms | "
            f"{by_events_med * 1e3:.0f} ms | {in_memory / by_events:.2f} |"
        ),
        "",
    ]


def _key(table: ml.Table) -> tuple[str, str]:
    return (table.competition, table.season)
