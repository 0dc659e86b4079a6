"""Memory held per event: a loaded ledger against the parsed JSON dicts of the same events.

Measured with ``tracemalloc``: the memory still allocated once the value is built (after a
garbage collection), and the peak while building it. Values shared with earlier loads (the
codec's interned players, teams and match times, a few hundred objects) are not counted
again; everything else the ledger holds is.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable

import orjson

import matchledger as ml
from benchmarks.folds import Corpus


def held(build: Callable[[], object]) -> tuple[int, int]:
    """Bytes still allocated while the result of ``build()`` is alive, and the peak."""
    gc.collect()
    tracemalloc.start()
    try:
        value = build()
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del value
    return current, peak


def bench_memory(c: Corpus) -> list[str]:
    """The report's section on memory."""
    n = len(c.ledger)
    ml.loads(c.data)  # warm: the codec's interning tables hold what every load shares
    dicts, dicts_peak = held(lambda: orjson.loads(c.data))
    ledger, ledger_peak = held(lambda: ml.loads(c.data))
    size = len(c.data)
    return [
        f"## Memory held per event ({c.label})",
        "",
        (
            "`tracemalloc` of the value kept once built: a ledger from `loads(data)` against "
            "the parsed dicts from `orjson.loads(data)`, and the peak while building each "
            "(`loads` parses the bytes with `orjson` first). The JSON bytes are shown for scale."
        ),
        "",
        "| value | MB held | bytes per event | peak MB while building | x parsed dicts |",
        "|---|---:|---:|---:|---:|",
        f"| JSON bytes | {size / 1e6:.1f} | {size / n:.0f} | | |",
        (
            f"| parsed dicts (`orjson.loads`) | {dicts / 1e6:.1f} | {dicts / n:.0f} | "
            f"{dicts_peak / 1e6:.1f} | 1.00 |"
        ),
        (
            f"| ledger (`loads`) | {ledger / 1e6:.1f} | {ledger / n:.0f} | "
            f"{ledger_peak / 1e6:.1f} | {ledger / dicts:.2f} |"
        ),
        "",
    ]
