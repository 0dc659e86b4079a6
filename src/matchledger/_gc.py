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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The block runs with the cyclic collector paused; its state is restored after.

    If the collector is already off (a caller's choice, or another batch running in
    another thread), it is left off and not turned on afterwards.

    Example:
        >>> with collector_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with the cyclic collector paused (see :func:`collector_paused`).

    Example:
        >>> @paused
        ... def build() -> bool:
        ...     return gc.isenabled()
        >>> build(), gc.isenabled()
        (False, True)
    """

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with collector_paused():
            return fn(*args, **kwargs)

    return run
