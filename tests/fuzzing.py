"""What the fuzz tests share: a deadline per input, the one property, the command line in-process.

The property of every reader of outside data: it returns, or raises a ``LedgerError``
with a one-line message, within a time bound; nothing else escapes. The command
line's: it exits 0, or 1 (2 for a usage mistake) with exactly one error line on stderr
(after a one-line warning or two, such as a store's torn tail cut off) and no
traceback, and never calls its own failure an internal error.
"""

from __future__ import annotations

import io
import signal
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from hypothesis import event, settings
from hypothesis.control import currently_in_test_context

from matchledger.cli import main
from matchledger.errors import LedgerError

T = TypeVar("T")

SECONDS = 20.0
"""The time bound per input: far above what any input takes (milliseconds), so that a
loaded machine never trips it, and far below what a hang or a blow-up would take."""


class TookTooLong(BaseException):  # not an Exception, so that no `except Exception` hides it
    """An input took longer than its time bound."""


@contextmanager
def deadline(seconds: float = SECONDS) -> Iterator[None]:
    """Interrupt the block with :class:`TookTooLong` after ``seconds`` (main thread only)."""

    def alarm(signum: int, frame: Any) -> None:
        raise TookTooLong(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def only_ledger_errors(
    call: Callable[..., T], *args: Any, seconds: float = SECONDS, **kwargs: Any
) -> T | LedgerError:
    """``call``'s result, or the ``LedgerError`` it raised; anything else fails the test."""
    with deadline(seconds):
        try:
            result = call(*args, **kwargs)
        except LedgerError as exc:
            error = exc
        else:
            _tally("accepted")
            return result
    _tally(type(error).__name__)
    message = str(error)
    assert message, f"{type(error).__name__} with an empty message"
    assert "\n" not in message, f"not one line: {message!r}"
    assert "\r" not in message, f"not one line: {message!r}"
    return error


def _tally(outcome: str) -> None:
    """Count the outcome in hypothesis' statistics (``--hypothesis-show-statistics``)."""
    if currently_in_test_context():  # a file name may not be UTF-8: the statistics must be
        event(outcome.encode("utf-8", "backslashreplace").decode("utf-8"))


def examples(fraction: float, *, least: int = 5) -> settings:
    """Settings that run ``fraction`` of the profile's examples (for slower inputs).

    The long campaign (``--hypothesis-profile=fuzz``) scales them up with the rest.
    """
    return settings(max_examples=max(least, int(settings().max_examples * fraction)))


def run_cli(argv: Sequence[str], *, seconds: float = SECONDS) -> tuple[int, bytes, str]:
    """``matchledger ARGV`` in this process: the exit status, stdout's bytes, stderr's text.

    Standard output is strict UTF-8 and standard error replaces what UTF-8 cannot
    hold, as Python's streams are in a UTF-8 locale. A warning would be printed on
    stderr, so each one counts as a line there.
    """
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    try:
        with warnings.catch_warnings(record=True) as caught, deadline(seconds):
            warnings.simplefilter("always")
            status = main(list(argv))
    finally:
        sys.stdout, sys.stderr = saved
    text = err.getvalue().decode("utf-8")
    text = "".join(f"warning: {w.message}\n" for w in caught) + text
    return status, out.getvalue(), text


def check_cli(argv: Sequence[str], *, seconds: float = SECONDS) -> tuple[int, bytes, str]:
    """Run the command line and check its one property; return what :func:`run_cli` does."""
    status, out, err = run_cli(argv, seconds=seconds)
    _tally(f"{argv[0] if argv else '(none)'}: exit {status}")
    assert status in (0, 1, 2), f"exit status {status}: {err!r}"
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    if status != 0:  # one line says why; only one-line warnings may come before it
        assert err.endswith("\n"), f"stderr does not end with a line: {err!r}"
        *warned, last = err.splitlines()
        assert last.startswith(("matchledger: error: ", "matchledger: usage error: ")), err
        assert all(line.startswith("matchledger: warning: ") for line in warned), err
    return status, out, err
