"""Run every benchmark in one process and print a markdown report.

uv run python -m benchmarks            # full sizes (two minutes or so on two cores)
uv run python -m benchmarks --quick    # small sizes: a smoke run, no thresholds
uv run python -m benchmarks --out docs/performance-latest.md
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

import orjson

import matchledger as ml
from benchmarks.folds import bench_end_to_end, bench_folds, corpus, folds_intro
from benchmarks.live import bench_live
from benchmarks.memory import bench_memory
from benchmarks.parallel import bench_parallel
from benchmarks.peers import bench_peers
from benchmarks.tables import bench_england
from benchmarks.timing import best_and_median as _time
from benchmarks.workload import events, season_events


def _append_one_by_one(evs: list[ml.Event]) -> ml.Ledger:
    ledger = ml.Ledger()
    for e in evs:
        ledger = ledger.append(e)
    return ledger


def bench_append(sizes: list[int], repeat: int) -> list[str]:
    """Building a ledger one append at a time: cost per event must not grow with size."""
    rows = [
        "## Ledger built one append at a time",
        "",
        "| events | best | median | µs per event |",
        "|---:|---:|---:|---:|",
    ]
    per_event = []
    for size in sizes:
        evs = events(size)
        best, median = _time(lambda evs=evs: _append_one_by_one(evs), repeat)
        per_event.append(best / len(evs) * 1e6)
        rows.append(
            f"| {len(evs):,} | {best * 1e3:.1f} ms | {median * 1e3:.1f} ms | {per_event[-1]:.2f} |"
        )
    ratio = per_event[-1] / per_event[0]
    rows += [
        "",
        (
            f"Per-event cost at {sizes[-1]:,} events is {ratio:.2f}x the cost at {sizes[0]:,} "
            "(1.0 is perfectly linear; quadratic growth would make it about "
            f"{sizes[-1] / sizes[0]:.0f}x)."
        ),
        "",
    ]
    return rows


def bench_codec(repeat: int, seasons: int) -> list[str]:
    """One season (or a few) through the codec, against orjson.loads of the same bytes."""
    evs = [e for s in range(seasons) for e in season_events(s)]
    ledger = ml.Ledger(evs)
    data = ml.dumps(ledger)
    lines = ml.dumps(ledger, lines=True)
    floor, floor_med = _time(lambda: orjson.loads(data), repeat)
    rows = [
        f"## Codec: {len(evs):,} events ({len(data) / 1e6:.1f} MB as JSON)",
        "",
        "| step | best | median | µs per event | x orjson.loads |",
        "|---|---:|---:|---:|---:|",
        (
            f"| orjson.loads (floor) | {floor * 1e3:.1f} ms | {floor_med * 1e3:.1f} ms | "
            f"{floor / len(evs) * 1e6:.2f} | 1.00 |"
        ),
    ]
    for name, fn in (
        ("loads (document)", lambda: ml.loads(data)),
        ("loads (JSON Lines)", lambda: ml.loads(lines, lines=True)),
        ("dumps (document)", lambda: ml.dumps(ledger)),
        ("Ledger(events) validation only", lambda: ml.Ledger(evs)),
        ("scores() of every match", lambda: ml.scores(ledger)),
    ):
        best, median = _time(fn, repeat)
        rows.append(
            f"| {name} | {best * 1e3:.1f} ms | {median * 1e3:.1f} ms | "
            f"{best / len(evs) * 1e6:.2f} | {best / floor:.2f} |"
        )
    # dumps against its own floor: orjson.dumps of the same events as plain dicts
    dicts = orjson.loads(data)
    out_floor, _ = _time(lambda: orjson.dumps(dicts), repeat)
    ours, _ = _time(lambda: ml.dumps(ledger), repeat)
    rows += [
        "",
        (
            f"`dumps` against `orjson.dumps` of the same events as plain dicts: "
            f"{ours * 1e3:.1f} ms against {out_floor * 1e3:.1f} ms, {ours / out_floor:.2f}x."
        ),
        "",
    ]
    return rows


def bench_against_floors(quick: bool, repeat: int) -> list[str]:
    """Folds, end to end, memory and the peer library, each against its floor.

    One season (of 8 clubs with ``quick``); the folds also over 10 seasons in a full run.
    The seasons are built here and let go before the other sections run.
    """
    season = corpus(1, teams=8) if quick else corpus(1)
    rows = [*folds_intro(), *bench_folds(season, repeat)]
    if not quick:
        rows += bench_folds(corpus(10), min(repeat, 3))
    end_to_end, ours = bench_end_to_end(season, repeat)
    return [*rows, *end_to_end, *bench_memory(season), *bench_peers(season, repeat, ours)]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print (and optionally write) the report."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    if args.quick:
        sizes, repeat, seasons = [1_000, 4_000], 1, 1
    else:
        sizes, repeat, seasons = [10_000, 100_000, 1_000_000], 5, 1
    report = [
        "# matchledger benchmarks",
        "",
        (
            f"matchledger {ml.__version__}, Python {platform.python_version()} "
            f"({platform.python_implementation()}), {platform.machine()}, "
            f"{'quick run' if args.quick else 'full run'}; best and median of {repeat} run(s)."
        ),
        "",
        *bench_append(sizes, repeat),
        *bench_codec(repeat, seasons),
        *bench_against_floors(args.quick, repeat),
        *bench_live([1, 2] if args.quick else [1, 10, 50], 50 if args.quick else 500),
        *bench_parallel(2 if args.quick else 10, 1 if args.quick else 3),
        *([] if args.quick else bench_england(min(repeat, 3))),
    ]
    text = "\n".join(report)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
