"""The fold protocol: all that matchledger derives is ``step(state, event)`` from ``initial()``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

__all__ = ["Fold", "MergeableFold", "run"]

S = TypeVar("S")
E = TypeVar("E")
E_contra = TypeVar("E_contra", contravariant=True)


class Fold(Protocol[S, E_contra]):
    """A pure left fold over events: an initial state and a step.

    A step has no I/O, no clock and no randomness, so the state after a prefix of a
    ledger is the state "as of" that point, and folding a prefix and then the rest
    gives the same state as folding the whole.
    """

    def initial(self) -> S:
        """The state before any event."""
        ...

    def step(self, state: S, event: E_contra, /) -> S:
        """The state after one more event."""
        ...


class MergeableFold(Fold[S, E_contra], Protocol):
    """A fold whose states also combine: folding parts and merging equals folding all."""

    def merge(self, left: S, right: S, /) -> S:
        """The combination of two states folded over disjoint events."""
        ...


def run(fold: Fold[S, E], events: Iterable[E], start: S | None = None) -> S:
    """Fold ``events`` from ``start`` (or from ``fold.initial()``).

    Example:
        >>> class Count:
        ...     def initial(self) -> int: return 0
        ...     def step(self, state: int, event: object) -> int: return state + 1
        >>> run(Count(), "abc"), run(Count(), "de", start=3)
        (3, 5)
    """
    state = fold.initial() if start is None else start
    step = fold.step
    for event in events:
        state = step(state, event)
    return state
