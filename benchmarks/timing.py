"""Timing and report rows shared by the benchmark sections."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def best_and_median(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best and median wall time of ``repeat`` runs, in seconds (GC off while timing)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return min(times), statistics.median(times)


def row(name: str, best: float, median: float, events: int, floor: float) -> str:
    """``| name | best | median | µs per event | x floor |`` for a table of timings."""
    return (
        f"| {name} | {best * 1e3:.1f} ms | {median * 1e3:.1f} ms | "
        f"{best / events * 1e6:.2f} | {best / floor:.2f} |"
    )
