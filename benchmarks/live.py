"""A live-score service's loop: append one event, update the projections, read the table.

Measured for the last season of a ledger holding 1, 10 and 50 seasons of detailed
events, to show that the cost per event does not grow with the ledger's length; and
against refolding the season's table after each event (the naive way).
"""

from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path

import matchledger as ml
from benchmarks.workload import season_events
from matchledger.projections import PlayerStatsProjection, ScoreProjection, TableProjection
from matchledger.store import FileStore, SQLiteStore


def _season_label(season: int) -> str:
    return f"{2000 + season}-{(2001 + season) % 100:02d}"


def _loop(history: list[ml.Event], last: list[ml.Event], season: int) -> tuple[float, float, float]:
    """Seconds per event: append + every projection + the table; append + the table; append.

    Each measurement appends to a ledger of its own: appending to a ledger that is no
    longer the newest value first copies it (see :class:`matchledger.Ledger`).
    """
    label = _season_label(season)
    table = TableProjection("Synthetic League", label, "premier-league")
    only = TableProjection("Synthetic League", label, "premier-league")
    score, stats = ScoreProjection(), PlayerStatsProjection()
    first, second, third = ml.Ledger(history), ml.Ledger(history), ml.Ledger(history)
    gc.collect()
    gc.disable()
    try:
        ledger = first
        t0 = time.perf_counter()
        for event in last:
            ledger = ledger.append(event)
            table.apply(event)
            score.apply(event)
            stats.apply(event)
            table.table()
        full = (time.perf_counter() - t0) / len(last)
        ledger = second
        t0 = time.perf_counter()
        for event in last:
            ledger = ledger.append(event)
            only.apply(event)
            only.table()
        with_table = (time.perf_counter() - t0) / len(last)
        ledger = third
        t0 = time.perf_counter()
        for event in last:
            ledger = ledger.append(event)
        alone = (time.perf_counter() - t0) / len(last)
    finally:
        gc.enable()
    return full, with_table, alone


def _refold(history: ml.Ledger, last: list[ml.Event], season: int, sample: int) -> float:
    """Seconds per event to recompute the table from the whole ledger after each event."""
    ledger = history.extend(last[: len(last) - sample])
    label = _season_label(season)
    t0 = time.perf_counter()
    for event in last[len(last) - sample :]:
        ledger = ledger.append(event)
        ml.standings(ledger, "premier-league", competition="Synthetic League", season=label)
    return (time.perf_counter() - t0) / sample


def _store_append(make: type[FileStore | SQLiteStore], evs: list[ml.Event]) -> float:
    """Seconds per event appended one at a time, durably (fsync / synchronous=FULL)."""
    with tempfile.TemporaryDirectory() as folder:
        suffix = ".jsonl" if make is FileStore else ".sqlite"
        store = make(Path(folder) / f"bench{suffix}")
        t0 = time.perf_counter()
        for version, event in enumerate(evs):
            store.append([event], expected_version=version)
        elapsed = time.perf_counter() - t0
        store.close()
    return elapsed / len(evs)


def bench_live(sizes: list[int], store_events: int) -> list[str]:
    """The report's section on live updates."""
    rows = [
        "## Live: append one event, update the projections, read the table",
        "",
        (
            "Each event of the last season appended to a ledger holding the earlier ones; "
            "after each, the score, player-stats and table projections are updated and the "
            "table is read. The cost must not grow with the ledger."
        ),
        "",
        (
            "| seasons in the ledger | events | µs per event: append + all projections + table "
            "| append + table | append alone | refold the table per event |"
        ),
        "|---:|---:|---:|---:|---:|---:|",
    ]
    history: list[ml.Event] = []
    done = 0
    for size in sizes:
        while done < size - 1:
            history.extend(season_events(done))
            done += 1
        last = list(season_events(size - 1))
        full, with_table, alone = _loop(history, last, size - 1)
        refold = _refold(ml.Ledger(history), last, size - 1, sample=20)
        rows.append(
            f"| {size} | {len(history) + len(last):,} | {full * 1e6:.1f} | "
            f"{with_table * 1e6:.1f} | {alone * 1e6:.1f} | "
            f"{refold * 1e3:.2f} ms |"
        )
    first = list(season_events(0))[:store_events]
    rows += [
        "",
        f"Durable appends, one event a time ({store_events:,} events; each waits for the disk):",
        "",
        "| store | µs per event |",
        "|---|---:|",
        f"| FileStore (write + fsync) | {_store_append(FileStore, first) * 1e6:.0f} |",
        f"| SQLiteStore (WAL, synchronous=FULL) | {_store_append(SQLiteStore, first) * 1e6:.0f} |",
        "",
    ]
    return rows
