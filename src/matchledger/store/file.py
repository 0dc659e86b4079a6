"""FileStore: a ledger in a JSON Lines file, appended to durably.

The file is an ordinary matchledger JSON Lines ledger (a ``{"schema_version": N}``
header, then one event per line), so every reader of ledgers reads it too. Appends:

* take an exclusive lock (``flock`` on ``<file>.lock``), so writers in several
  processes take turns; with ``exclusive=True`` one store holds it for its lifetime
  (and ``flock``s the file itself, so that other stores see the hold and fail at once);
* catch up with what other writers appended, check ``expected_version``, validate;
* note in the lock file where the batch will go, write the whole batch with one
  ``write`` to the end of the file and ``fsync`` it, and only then acknowledge. If the
  write fails (disk full, I/O error), the file is cut back to where it was and
  :class:`StoreError` is raised.

On opening, and before each append, the end of an interrupted write (left by a
process killed mid-write or a machine that lost power) is cut off with a
:class:`StoreRecoveryWarning`: a torn last line (bytes after the last newline), and
the whole lines of a batch whose write the lock file notes as unfinished (a write cut
short between pages by a kill). None of it was acknowledged; none of it is read as an
event. A damaged line anywhere else is an error: the store will not guess.

A file of an older schema version is read through the codec's upcasters; the first
append rewrites it at the current version (atomically, under the lock).
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from matchledger.codec import SCHEMA_VERSION, decode_events, dumps, encode_event
from matchledger.errors import CodecError, StoreError
from matchledger.events import Event
from matchledger.ledger import Ledger
from matchledger.store._base import StoreBase

__all__ = ["FileStore", "StoreRecoveryWarning"]

if sys.platform != "win32":  # pragma: no branch
    import fcntl


class StoreRecoveryWarning(UserWarning):
    """A store found and cut off the torn end of an interrupted write."""


class _HeldElsewhereError(StoreError):
    """Another store holds this one exclusively (``exclusive=True``)."""


class FileStore(StoreBase):
    """An event store in one JSON Lines file.

    Args:
        path: the file; created (with its header) when it does not exist.
        create: when ``False``, a missing file is an error instead.
        exclusive: hold the write lock for the store's lifetime, so that no other
            store (in any process) can append until :meth:`close`: its appends, and
            a second exclusive store, fail at once. Other stores can still read.
        fsync: ``False`` skips ``fsync`` (faster, for tests and bulk loads only:
            an acknowledged batch may then be lost with the machine's power).

    Raises:
        StoreError: the file cannot be created, read or locked, or is not a ledger.

    Example:
        >>> import tempfile, pathlib
        >>> from matchledger import load_example
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "live.jsonl"
        >>> store = FileStore(path)
        >>> store.append(load_example().events[:3], expected_version=0)
        3
        >>> FileStore(path).version
        3
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        exclusive: bool = False,
        fsync: bool = True,
    ) -> None:
        """Open (or create) the store, cut a torn tail, and read what is in it."""
        super().__init__()
        self.path = Path(path)
        self.name = str(self.path)
        if not self.path.name:  # "", ".", "/": no file to hold the store, nor its lock
            raise StoreError(f"{str(path)!r} is not the name of a store file")
        self._fsync = fsync
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock_fd: int | None = None
        self._hold_fd: int | None = None  # the file, flocked while held exclusively
        self._held = False
        self._offset = 0
        self._line = 0
        self._schema = SCHEMA_VERSION
        self._inode: int | None = None
        if not create and not self.path.exists():
            raise StoreError(f"{self.name}: no such store file")
        try:
            if create:  # the lock file goes beside the store: its folder comes first
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise StoreError(f"{self.name}: cannot open its lock file ({_why(exc)})") from None
        try:
            self._open(exclusive=exclusive)
        except BaseException:
            self.close()  # a store that failed to open keeps no lock (and no descriptor)
            raise

    def _open(self, *, exclusive: bool) -> None:
        if exclusive:
            self._lock(blocking=False)
            self._held = True
        try:
            with self._locked():
                if self.path.exists():
                    self._recover()  # first: a header torn while it was created is cut
                if not self.path.exists() or self.path.stat().st_size == 0:
                    self._create()
        except _HeldElsewhereError:
            pass  # its holder made the file and recovers it; reading needs no lock
        if exclusive:
            self._hold()
        self._catch_up()

    # --- locking ------------------------------------------------------------------------------

    def _lock(self, *, blocking: bool) -> None:
        if self._lock_fd is None:
            raise StoreError(f"{self.name}: the store is closed")
        try:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self._held_elsewhere():  # waiting would last until that store closes
                    raise _HeldElsewhereError(
                        f"{self.name}: another store holds it exclusively (exclusive=True); "
                        "it cannot be written until that store is closed"
                    ) from None
                if not blocking:
                    raise StoreError(
                        f"{self.name}: another writer holds the store's lock"
                    ) from None
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX)  # another append: take turns
        except OSError as exc:
            raise StoreError(f"{self.name}: cannot lock the store ({_why(exc)})") from None

    def _held_elsewhere(self) -> bool:
        """Whether another store holds this one exclusively: it keeps the file flocked."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            os.close(fd)  # closing releases the shared lock taken to look
        return False

    def _hold(self) -> None:
        """Flock the file itself while held exclusively, so that other stores see it."""
        if self._hold_fd is not None:
            os.close(self._hold_fd)
            self._hold_fd = None
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise StoreError(f"{self.name}: cannot be read ({_why(exc)})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits only while another store looks
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"{self.name}: cannot lock the store ({_why(exc)})") from None
        self._hold_fd = fd

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._held:
            yield
            return
        self._lock(blocking=True)
        try:
            yield
        finally:
            if self._lock_fd is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def close(self) -> None:
        """Release the lock file (and an exclusive hold on the store)."""
        if self._hold_fd is not None:
            os.close(self._hold_fd)
            self._hold_fd = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None
            self._held = False

    # --- the file -----------------------------------------------------------------------------

    def _create(self) -> None:
        header = orjson.dumps({"schema_version": SCHEMA_VERSION}) + b"\n"
        self._clear_note()  # a note about an earlier file of this name is void
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            try:
                _write_all(fd, header)
                if self._fsync:
                    os.fsync(fd)
            finally:
                os.close(fd)
            if self._fsync:  # a new file survives a power cut once its folder is synced
                _sync_folder(self.path.parent)
        except OSError as exc:
            raise StoreError(f"{self.name}: cannot be created ({_why(exc)})") from None

    def _recover(self) -> None:
        """Cut off the end of an interrupted write (under the lock)."""
        note = self._read_note()
        try:
            with self.path.open("rb") as f:  # only reading: a read-only store can be read
                info = os.fstat(f.fileno())
                inode, size = info.st_ino, info.st_size
                if size and not _starts_as_a_store(os.pread(f.fileno(), 64, 0)):
                    raise StoreError(  # another kind of file: nothing in it is cut
                        f"{self.name}: line 1 is not a matchledger JSON Lines header; "
                        "the file is not a store, and was left as it is"
                    )
                end = _last_line_end(f.fileno(), size)  # a torn last line goes
                what = "a torn last line"
                if note is not None:
                    noted_inode, start, stop = note
                    if (
                        noted_inode == inode
                        and 0 < start < size < stop
                        and os.pread(f.fileno(), 1, start - 1) == b"\n"
                    ):
                        end = min(end, start)  # a write cut short: its whole lines go too
                        what = "the unfinished batch of an interrupted append"
        except OSError as exc:
            raise StoreError(f"{self.name}: cannot be read ({_why(exc)})") from None
        cut = size - end
        if cut:
            try:
                fd = os.open(self.path, os.O_WRONLY)
                try:
                    os.ftruncate(fd, end)
                    if self._fsync:
                        os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError as exc:
                raise StoreError(
                    f"{self.name}: cannot cut off {what} left by an interrupted write ({_why(exc)})"
                ) from None
        if note is not None:
            self._clear_note()
        if cut:
            warnings.warn(
                f"{self.name}: cut off {what} ({cut} bytes) left by an interrupted write; "
                "it was never acknowledged",
                StoreRecoveryWarning,
                stacklevel=3,
            )

    # The note of an append in progress: "<inode> <start> <end>" in the lock file, written
    # before the batch and cleared once it is synced. A kill can cut a write short between
    # pages, leaving whole lines of the batch; the note tells recovery where it began.

    def _note(self, inode: int, start: int, end: int) -> None:
        if self._lock_fd is None:  # pragma: no cover - appends hold the lock
            raise StoreError(f"{self.name}: the store is closed")
        os.pwrite(self._lock_fd, b"%d %d %d\n" % (inode, start, end), 0)

    def _read_note(self) -> tuple[int, int, int] | None:
        if self._lock_fd is None:  # pragma: no cover - recovery holds the lock
            return None
        try:
            fields = os.pread(self._lock_fd, 100, 0).partition(b"\n")[0].split()
            inode, start, end = (int(f) for f in fields)
        except (OSError, ValueError):  # none, or not one (a lock file of an older store)
            return None
        return inode, start, end

    def _clear_note(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):  # a stale note names a finished write
                os.ftruncate(self._lock_fd, 0)

    def _fetch(self, after: int) -> list[Event]:
        """Events in the file after version ``after`` (complete lines only)."""
        try:
            stat = self.path.stat()
            if self._inode is not None and stat.st_ino != self._inode:
                # rewritten at a new schema version by another store: read it afresh
                self._offset = self._line = 0
                return self._fetch_all()[after:]
            with self.path.open("rb") as f:
                f.seek(self._offset)
                data = f.read()
        except OSError as exc:
            raise StoreError(f"{self.name}: cannot be read ({_why(exc)})") from None
        self._inode = stat.st_ino
        note = self._read_note()
        if note is not None and note[0] == stat.st_ino and note[1] >= self._offset:
            # a batch being written (not yet acknowledged) waits until it is
            data = data[: note[1] - self._offset]
        complete = data[: data.rfind(b"\n") + 1]  # a line still being written waits
        if not complete:
            return []
        rows = complete.split(b"\n")[:-1]
        start_line = self._line
        if self._offset == 0:
            self._schema = self._header(rows[0])
            rows = rows[1:]
            start_line = 1
        events = self._decode(rows, start_line)
        self._offset += len(complete)
        self._line = start_line + len(rows)
        return events

    def _fetch_all(self) -> list[Event]:
        self._offset = self._line = 0
        self._inode = None
        return self._fetch(0)

    def _header(self, row: bytes) -> int:
        try:
            head = orjson.loads(row)
            version = head["schema_version"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            raise StoreError(
                f"{self.name}: line 1 is not a matchledger JSON Lines header"
            ) from None
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise StoreError(f"{self.name}: line 1: schema_version {version!r} is not a version")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.name}: schema_version {version} is newer than this matchledger reads "
                f"({SCHEMA_VERSION}); upgrade matchledger"
            )
        return version

    def _decode(self, rows: list[bytes], first_line: int) -> list[Event]:
        try:
            return decode_events(
                rows, schema_version=self._schema, where=lambda i: f"line {first_line + i + 1}"
            )
        except CodecError as exc:
            raise StoreError(f"{self.name}: {exc}") from None

    # --- appending ----------------------------------------------------------------------------

    def _locked_append(self, batch: list[Event], expected_version: int | None) -> int:
        with self._locked():
            self._recover()
            ledger = self._admit(batch, expected_version)
            if not batch:
                return self._accept(ledger)
            if self._schema < SCHEMA_VERSION:
                self._upgrade_file(ledger.as_of(len(ledger) - len(batch)))
            data = b"".join([encode_event(e) + b"\n" for e in batch])
            self._write(data)
            return self._accept(ledger)

    def _write(self, data: bytes) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        except OSError as exc:
            raise StoreError(f"{self.name}: cannot be written ({_why(exc)})") from None
        try:
            try:
                info = os.fstat(fd)
                start = info.st_size
                self._note(info.st_ino, start, start + len(data))
            except OSError as exc:
                raise StoreError(f"{self.name}: cannot be written ({_why(exc)})") from None
            try:
                _write_all(fd, data)
                if self._fsync:
                    os.fsync(fd)
            except OSError as exc:
                _cut_back(fd, start, sync=self._fsync)
                raise StoreError(
                    f"{self.name}: cannot be written ({_why(exc)}); nothing was appended"
                ) from None
        finally:
            os.close(fd)
        self._clear_note()
        self._offset = start + len(data)
        self._line += data.count(b"\n")

    def _upgrade_file(self, ledger: Ledger) -> None:
        """Rewrite the file at the current schema version, atomically (under the lock)."""
        tmp = self.path.with_name(f".{self.path.name}.upgrade")
        data = dumps(ledger, lines=True)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            try:
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            tmp.replace(self.path)
            _sync_folder(self.path.parent)  # the new name survives a power cut
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(
                f"{self.name}: cannot be upgraded to schema {SCHEMA_VERSION} ({_why(exc)})"
            ) from None
        self._schema = SCHEMA_VERSION
        self._offset = len(data)
        self._line = data.count(b"\n")
        self._inode = self.path.stat().st_ino
        if self._hold_fd is not None:
            self._hold()  # the hold was on the file replaced


_HEADER_START = b'{"schema_version":'


def _starts_as_a_store(head: bytes) -> bool:
    """Whether a file's first bytes are a store's: its header, or the header cut short.

    A process killed while it created the store leaves part of the header (or, after a
    power cut, zeros): that is cut and the header written again. Anything else, a JSON
    document or someone's CSV file given by mistake, is not touched.
    """
    line, newline, _ = head.partition(b"\n")
    if not newline:
        line = line.rstrip(b"\0")
        rest = line[len(_HEADER_START) :]
        return _HEADER_START.startswith(line) or (
            line.startswith(_HEADER_START) and rest.rstrip(b"}").isdigit() and len(rest) < 12
        )
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return (
        isinstance(value, dict)
        and "schema_version" in value
        and not {"events", "type"} & set(value)
    )


def _last_line_end(fd: int, size: int) -> int:
    """The offset just after the file's last newline (0 if none), reading only its tail."""
    chunk = 1 << 16
    stop = size
    while stop > 0:
        start = max(0, stop - chunk)
        found = os.pread(fd, stop - start, start).rfind(b"\n")
        if found >= 0:
            return start + found + 1
        stop = start
        chunk *= 2
    return 0


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _cut_back(fd: int, size: int, *, sync: bool) -> None:
    """Undo a partial write (best effort: the error that caused it is raised anyway)."""
    try:
        os.ftruncate(fd, size)
        if sync:
            os.fsync(fd)
    except OSError:  # pragma: no cover - the medium is failing; the next open cuts the tail
        pass


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)
