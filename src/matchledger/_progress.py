r"""Progress on stderr for work that takes a while: shown on a terminal only, never in a pipe.

The command line turns the display on around long work with :func:`shown`; library
code says how far it has got with :func:`each` (wrapping what it iterates) and
:func:`stage` (a step with no count). With no display on, as whenever matchledger is
used as a library, :func:`each` hands back its iterable untouched and :func:`stage`
does nothing, so the hooks cost nothing.

A display writes one line, rewritten in place with ``\r``, at most every
:data:`INTERVAL` seconds, and nothing at all until :data:`DELAY` seconds have passed:
quick commands print no progress. The line is wiped when the work is done, before
the command prints its result.

Example:
    >>> list(each([1, 2, 3], "counting"))  # no display on: the items, untouched
    [1, 2, 3]
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO, TypeVar

__all__ = ["DELAY", "INTERVAL", "clear", "each", "shown", "stage"]

T = TypeVar("T")

DELAY = 1.0
"""Seconds of work before anything is shown."""

INTERVAL = 0.1
"""Seconds between two updates of the line."""


class _Display:
    """One line on a terminal, rewritten in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = float("-inf")
        self.width = 0

    def show(self, text: str, *, now: float | None = None, force: bool = False) -> None:
        """Write ``text`` over the line, unless it is too early or too soon after the last."""
        now = time.monotonic() if now is None else now
        if now - self.start < DELAY or (not force and now - self.last < INTERVAL):
            return
        self.last = now
        room = max(shutil.get_terminal_size().columns - 1, 10)
        text = text[:room]
        pad = " " * max(self.width - len(text), 0)
        self._write(f"\r{text}{pad}")
        self.width = len(text)

    def clear(self) -> None:
        """Wipe the line, if anything was written."""
        if self.width:
            self._write("\r" + " " * self.width + "\r")
            self.width = 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken stderr: progress is not worth a failure
            self.width = 0

    def each(self, items: Iterable[T], label: str, total: int | None, unit: str) -> Iterator[T]:
        of = "" if total is None else f" of {total:,}"
        for done, item in enumerate(items):
            now = time.monotonic()
            if now - self.last >= INTERVAL:
                share = f" ({100 * done // total}%)" if total else ""
                self.show(f"{label} {done:,}{of} {unit}".rstrip() + share, now=now)
            yield item


_ACTIVE: ContextVar[_Display | None] = ContextVar("matchledger_progress", default=None)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


@contextmanager
def shown(stream: TextIO | None = None) -> Iterator[None]:
    """Show progress on ``stream`` (stderr) while the block runs, if it is a terminal.

    Inside a block that already shows progress, this adds nothing. The line is wiped
    when the block ends, however it ends.
    """
    target = sys.stderr if stream is None else stream
    if _ACTIVE.get() is not None or not _is_terminal(target):
        yield
        return
    display = _Display(target)
    token = _ACTIVE.set(display)
    try:
        yield
    finally:
        display.clear()
        _ACTIVE.reset(token)


def each(items: Iterable[T], label: str, total: int | None = None, unit: str = "") -> Iterable[T]:
    """``items``, counted on the progress line as they are taken.

    The line reads ``label 1,200 of 5,000 unit (24%)``, or ``label 1,200 unit`` with no
    ``total``.

    With no display on, ``items`` itself.
    """
    display = _ACTIVE.get()
    return items if display is None else display.each(items, label, total, unit)


def stage(label: str) -> None:
    """Say on the progress line what the work is doing now (a step without a count)."""
    display = _ACTIVE.get()
    if display is not None:
        display.show(label, force=True)


def clear() -> None:
    """Wipe the progress line, before printing on the terminal."""
    display = _ACTIVE.get()
    if display is not None:
        display.clear()
