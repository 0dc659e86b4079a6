"""Pausing the cyclic garbage collector while a large batch of objects is built.

Decoding a season makes hundreds of thousands of small objects (dicts from orjson,
then events), none of which refer back to one another: reference counting frees them.
The cyclic collector, counting the allocations, would meanwhile walk every tracked
object in the process several times over (in a process that already holds a few
seasons, that walk costs more than the decoding). Pausing it for the batch leaves one
collection for after it.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with the cyclic collector paused, and restore it as it was.

    If the collector is already off (a caller's choice, or another batch running in
    another thread), it is left off and not turned on afterwards.

    Example:
        >>> @paused
        ... def build() -> bool:
        ...     return gc.isenabled()
        >>> build(), gc.isenabled()
        (False, True)
    """

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return run
