"""The durability guarantees of FileStore and SQLiteStore, tested the hard way.

Writers are killed with SIGKILL at random moments, files are torn by hand, two
processes append at once, the disk fills up or fails, the store is held exclusively,
and a subscriber waits for another process. After each of them the store must hold
every acknowledged event, whole, once and in order, and every batch entirely or not
at all. Other processes run ``store_writer.py`` (beside this file).
"""

from __future__ import annotations

import errno
import json
import os
import random
import select
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import matchledger as ml
from matchledger.codec import SCHEMA_VERSION, encode_event
from matchledger.errors import StoreError
from matchledger.store import FileStore, SQLiteStore, StoreBase, StoreRecoveryWarning
from matchledger.store import file as file_module
from store_writer import batch_plan, crash_events, open_store, renamed_copies

WRITER = Path(__file__).with_name("store_writer.py")
EVENTS = crash_events()
KINDS = ["file", "sqlite"]
WAIT = 120.0  # seconds: generous, for a loaded machine; a hang fails instead of hanging


def store_path(folder: Path, kind: str) -> Path:
    return folder / ("store.jsonl" if kind == "file" else "store.sqlite")


def writer(*args: str, **options: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        **options,
    )


def run_writer(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WRITER), *args],
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )


def reopen(kind: str, path: Path) -> tuple[StoreBase, list[warnings.WarningMessage]]:
    """Open the store again, as a new process would; the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store = open_store(kind, str(path))
    unexpected = [w for w in caught if not issubclass(w.category, StoreRecoveryWarning)]
    assert not unexpected, [str(w.message) for w in unexpected]
    return store, caught


def stored_rows(path: Path) -> list[int]:
    """The versions of the rows in an SQLite store, read without the store."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [v for (v,) in db.execute("SELECT version FROM matchledger_events ORDER BY version")]
    finally:
        db.close()


def assert_holds(kind: str, path: Path, events: list[ml.Event]) -> None:
    """The store, opened afresh, holds exactly ``events``: as a ledger, and underneath."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to recover: nothing was left torn
        store = open_store(kind, str(path))
    try:
        assert store.version == len(events)
        assert list(store.read()) == events
    finally:
        store.close()
    if kind == "file":
        assert list(ml.load(path)) == events
    else:
        assert stored_rows(path) == list(range(1, len(events) + 1))


# --- 1. killed at random moments -----------------------------------------------------------

ROUNDS = 200  # per store


class ForkServer:
    """``store_writer.py serve``: forks one crash writer per round."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.writer: int | None = None  # started, not yet reaped
        with log.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, str(WRITER), "serve"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                bufsize=0,
            )

    def ask(self, line: str) -> str:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.write(line.encode() + b"\n")
        ready, _, _ = select.select([self.proc.stdout], [], [], WAIT)
        answer = self.proc.stdout.readline().decode().strip() if ready else ""
        assert answer, f"the fork server did not answer: {self.log.read_text()}"
        return answer

    def start(self, job: dict[str, Any]) -> int:
        self.writer = int(self.ask(json.dumps(job)).removeprefix("pid "))
        return self.writer

    def reap(self) -> int:
        status = int(self.ask("reap").removeprefix("status "))
        self.writer = None
        return status

    def close(self) -> None:
        if self.writer is not None:  # a round that failed before its kill
            os.kill(self.writer, signal.SIGKILL)
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=WAIT)
        finally:
            self.proc.kill()


def read_acks(path: Path) -> tuple[list[int], str]:
    """The versions a crash writer acknowledged (complete lines), and any error it gave."""
    text = path.read_text() if path.exists() else ""
    if "error" in text:
        return [], text
    return [int(line) for line in text.split("\n")[:-1]], ""


def crash_round(
    server: ForkServer,
    kind: str,
    path: Path,
    *,
    acks: Path,
    rng: random.Random,
    start: int,
    stats: dict[str, int],
) -> int:
    """Start a writer at version ``start``, kill it, check the store; its new version."""
    seed = rng.randrange(2**32)
    acks.unlink(missing_ok=True)
    job = {"kind": kind, "path": str(path), "seed": seed, "start": start, "acks": str(acks)}
    pid = server.start(job)
    # kill while it opens the store, or after a few acknowledged batches (mid-append)
    wanted = rng.choice([0, 1, 1, 2, 3])
    stats["waited for"] += wanted
    deadline = time.monotonic() + WAIT
    while wanted and time.monotonic() < deadline:
        acked, error = read_acks(acks)
        if len(acked) >= wanted or error:
            break
        time.sleep(0.001)
    time.sleep(rng.uniform(0, 0.002) if wanted else rng.uniform(0, 0.03))
    os.kill(pid, signal.SIGKILL)
    status = server.reap()
    acked, error = read_acks(acks)
    assert not error, error
    assert os.WIFSIGNALED(status), f"the writer ended by itself (status {status})"
    assert os.WTERMSIG(status) == signal.SIGKILL

    plan = batch_plan(start, seed, len(EVENTS))
    assert acked == plan[: len(acked)]  # it acknowledged whole batches, in order
    last = acked[-1] if acked else start
    # at most the one batch it had begun after its last acknowledgement, whole or not at all
    allowed = {last, plan[len(acked)]} if len(acked) < len(plan) else {last}
    store, caught = reopen(kind, path)
    try:
        version = store.version
        ledger = store.read()  # a valid ledger
    finally:
        store.close()
    assert version in allowed, f"version {version}: acknowledged {acked}, plan {plan[:8]}"
    assert list(ledger) == list(EVENTS[:version])  # every event whole, once, in order
    if kind == "file":
        assert path.read_bytes().endswith(b"\n")  # no torn line survives reopening
        assert list(ml.load(path)) == list(EVENTS[:version])
    else:
        assert stored_rows(path) == list(range(1, version + 1))
    stats["rounds"] += 1
    stats["acknowledged batches"] += len(acked)
    stats["unacknowledged batch kept"] += version != last
    stats["torn tails cut"] += bool(caught)
    return version


@pytest.mark.parametrize("kind", KINDS)
def test_writers_killed_at_random_moments_lose_nothing_acknowledged(
    tmp_path: Path, kind: str
) -> None:
    path = store_path(tmp_path, kind)
    open_store(kind, str(path)).close()
    rng = random.Random(f"crash-{kind}")  # noqa: S311 - seeded, for repeatable rounds
    stats = dict.fromkeys(
        [
            "rounds",
            "waited for",
            "acknowledged batches",
            "unacknowledged batch kept",
            "torn tails cut",
        ],
        0,
    )
    server = ForkServer(tmp_path / "server.log")
    try:
        version = 0
        for _ in range(ROUNDS):
            version = crash_round(
                server, kind, path, acks=tmp_path / "acks", rng=rng, start=version, stats=stats
            )
    finally:
        server.close()
    print(f"{kind}: {stats}, final version {version}")  # noqa: T201 - shown with -s
    assert stats["rounds"] == ROUNDS
    # the writers really wrote: at least the batches the rounds waited for
    assert stats["acknowledged batches"] >= stats["waited for"] > 0
    assert version >= stats["acknowledged batches"]


def test_a_write_cut_short_by_a_kill_leaves_none_of_its_batch(tmp_path: Path) -> None:
    # Linux stops a write between pages when SIGKILL arrives, so one write of a batch
    # can leave its first lines whole and the next one torn. Simulated exactly: the
    # writer writes a prefix of the batch and is killed.
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(EVENTS[:4], expected_version=0)
    before = path.read_bytes()
    lines = [encode_event(e) + b"\n" for e in EVENTS[4:7]]
    for keep in (len(lines[0]), len(lines[0]) + len(lines[1]) // 2):  # at a newline, mid-line
        done = run_writer("killed-mid-write", str(path), str(keep))
        assert done.returncode == -signal.SIGKILL, done.stderr
        assert path.read_bytes() == before + b"".join(lines)[:keep]  # the kill left a part
        store, caught = reopen("file", path)
        try:
            assert [w.category for w in caught] == [StoreRecoveryWarning]
            assert store.version == 4  # none of the unacknowledged batch
            assert path.read_bytes() == before
        finally:
            store.close()
    with FileStore(path) as store:
        assert store.append(EVENTS[4:7], expected_version=4) == 7
    assert_holds("file", path, list(EVENTS[:7]))


def test_sqlite_killed_before_commit_keeps_none_of_its_batch(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with SQLiteStore(path) as store:
        store.append(EVENTS[:4], expected_version=0)
    done = run_writer("killed-before-commit", str(path))
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert_holds("sqlite", path, list(EVENTS[:4]))
    with SQLiteStore(path) as store:
        assert store.append(EVENTS[4:7], expected_version=4) == 7
    assert_holds("sqlite", path, list(EVENTS[:7]))


# --- 2. torn and damaged files --------------------------------------------------------------


def _cut_in_a_character(line: bytes) -> bytes:
    """``line`` cut after the first byte of its first multi-byte UTF-8 character."""
    at = next(i for i, byte in enumerate(line) if byte >= 0xC0)
    return line[: at + 1]


TORN_TAILS: dict[str, Callable[[bytes], bytes]] = {
    "half a line": lambda line: line[: len(line) // 2],
    "a whole line without its newline": lambda line: line,
    "zero bytes": lambda _: b"\0" * 4096,  # what a file system may leave after a power cut
    "a line cut inside a UTF-8 character": _cut_in_a_character,
}


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    """A FileStore file with the first event (its second event has a Handanović in it)."""
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(EVENTS[:1], expected_version=0)
    assert "ć".encode() in encode_event(EVENTS[1])
    return path


@pytest.mark.parametrize("tail", list(TORN_TAILS))
def test_a_torn_tail_is_cut_on_opening_with_a_warning(small_store: Path, tail: str) -> None:
    good = small_store.read_bytes()
    torn = TORN_TAILS[tail](encode_event(EVENTS[1]))
    with small_store.open("ab") as f:
        f.write(torn)
    with pytest.warns(StoreRecoveryWarning, match=rf"torn last line \({len(torn)} bytes\)"):
        store = FileStore(small_store)
    try:
        assert small_store.read_bytes() == good
        assert list(store.read()) == list(EVENTS[:1])
        assert store.append(EVENTS[1:3], expected_version=1) == 3
    finally:
        store.close()
    assert_holds("file", small_store, list(EVENTS[:3]))


@pytest.mark.parametrize("tail", list(TORN_TAILS))
def test_a_torn_tail_left_by_another_writer_is_cut_before_an_append(
    small_store: Path, tail: str
) -> None:
    store = FileStore(small_store)
    try:
        with small_store.open("ab") as f:  # a writer in another process died mid-write
            f.write(TORN_TAILS[tail](encode_event(EVENTS[1])))
        assert store.version == 1  # a reader never takes the torn line for an event
        with pytest.warns(StoreRecoveryWarning):
            assert store.append(EVENTS[1:3], expected_version=1) == 3
    finally:
        store.close()
    assert_holds("file", small_store, list(EVENTS[:3]))


def test_a_file_that_ends_with_a_whole_line_opens_without_a_warning(small_store: Path) -> None:
    assert_holds("file", small_store, list(EVENTS[:1]))


def test_a_header_torn_while_the_store_was_created_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    path.write_bytes(b'{"schema_vers')  # the process creating the store died
    with pytest.warns(StoreRecoveryWarning):
        store = FileStore(path)
    try:
        assert store.version == 0
        assert store.append(EVENTS[:2], expected_version=0) == 2
    finally:
        store.close()
    assert_holds("file", path, list(EVENTS[:2]))


DAMAGED_LINES = {
    "not JSON": b'{"type": "match_ended", "event_id": \n',
    "not UTF-8": b'{"type":"match_ended","event_id":"\xff\xfe"}\n',
    "zero bytes": b"\0" * 100 + b"\n",
    "not an event": b'{"colour": "blue"}\n',
}


@pytest.mark.parametrize("damage", list(DAMAGED_LINES))
@pytest.mark.parametrize("where", ["in the middle", "last"])
def test_a_damaged_whole_line_is_an_error_not_cut(
    small_store: Path, damage: str, where: str
) -> None:
    with FileStore(small_store) as store:
        store.append(EVENTS[1:3], expected_version=1)
    good = small_store.read_bytes()
    header, *lines = good.splitlines(keepends=True)
    at = 1 if where == "in the middle" else len(lines)
    lines.insert(at, DAMAGED_LINES[damage])
    damaged = header + b"".join(lines)
    small_store.write_bytes(damaged)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no recovery: a whole line is not a torn write
        with pytest.raises(StoreError, match=rf"line {at + 2}\b"):
            FileStore(small_store)
        with pytest.raises(StoreError, match=rf"line {at + 2}\b"):
            FileStore(small_store, exclusive=True)
    assert small_store.read_bytes() == damaged  # nothing was cut or rewritten
    # the failed opens left no lock behind: once repaired, a store can hold it
    small_store.write_bytes(good)
    with FileStore(small_store, exclusive=True) as store:
        assert store.version == 3


def test_a_newer_schema_version_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    content = b'{"schema_version":%d}\n' % (SCHEMA_VERSION + 1)
    path.write_bytes(content)
    with pytest.raises(StoreError, match="newer than this matchledger reads"):
        FileStore(path)
    assert path.read_bytes() == content


def test_creating_a_store_makes_its_directory_entry_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a new file survives a power cut only once the directory holding it is synced too
    synced: list[tuple[int, int]] = []

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            synced.append((info.st_dev, info.st_ino))
        os.fsync(fd)

    patch_os(monkeypatch, fsync=fsync)
    folder = tmp_path / "new"
    FileStore(folder / "store.jsonl").close()
    info = folder.stat()
    assert (info.st_dev, info.st_ino) in synced


# --- 3. two writers at once ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_two_processes_appending_at_once_lose_and_repeat_nothing(tmp_path: Path, kind: str) -> None:
    path = store_path(tmp_path, kind)
    open_store(kind, str(path)).close()
    procs = {
        prefix: writer("append", kind, str(path), prefix, "50", str(seed))
        for seed, prefix in enumerate(["a", "b"])
    }
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = {prefix: proc.communicate(timeout=WAIT)[0] for prefix, proc in procs.items()}
    assert all(proc.returncode == 0 for proc in procs.values())
    retries = [line for output in outputs.values() for line in output.splitlines()[-1:]]
    print(f"{kind}: {retries}")  # noqa: T201 - how often they met (shown with -s)

    store = open_store(kind, str(path))
    try:
        stored = store.events()
    finally:
        store.close()
    ranges: list[tuple[int, int]] = []
    for prefix, output in outputs.items():
        acks = [tuple(map(int, line.split()[1:])) for line in output.splitlines() if "ack" in line]
        assert len(acks) == 50
        expected = renamed_copies(prefix, 8)
        done = 0
        for end, size in acks:  # each batch is contiguous, where its append said it is
            assert stored[end - size : end] == expected[done : done + size]
            ranges.append((end - size, end))
            done += size
        mine = [e for e in stored if e.event_id.startswith(prefix)]
        assert mine == list(expected[:done])  # none lost, none repeated, in order
    ranges.sort()
    assert [start for start, _ in ranges] == [0] + [end for _, end in ranges[:-1]]
    assert ranges[-1][1] == len(stored)  # the 100 batches and nothing else
    assert_holds(kind, path, list(stored))


@pytest.mark.parametrize("kind", KINDS)
def test_processes_creating_a_store_at_once_all_open_it(tmp_path: Path, kind: str) -> None:
    trials, count = 10, 4
    done = run_writer("open-at-once", kind, str(tmp_path), str(trials), str(count))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []  # no process failed to open or append
    for trial in range(trials):
        path = tmp_path / f"{trial}.{kind}"
        store = open_store(kind, str(path))
        try:
            stored = store.events()
        finally:
            store.close()
        assert len(stored) == 3 * count
        for n in range(count):
            mine = [e for e in stored if e.event_id.startswith(f"p{n}")]
            assert mine == list(renamed_copies(f"p{n}", 1)[:3])
        if kind == "sqlite":
            db = sqlite3.connect(path)
            try:
                assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            finally:
                db.close()


# --- 4. I/O errors -------------------------------------------------------------------------------


def patch_os(monkeypatch: pytest.MonkeyPatch, **calls: Callable[..., Any]) -> None:
    """Replace functions of ``os`` as the FileStore module sees them (and only there)."""
    monkeypatch.setattr(file_module, "os", types.SimpleNamespace(**{**vars(os), **calls}))


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def half_then(code: int) -> Callable[[int, bytes], int]:
    def write(fd: int, data: bytes) -> int:
        os.write(fd, bytes(data)[: len(data) // 2])
        raise oserror(code)

    return write


def fail_first(call: Callable[..., Any], code: int) -> Callable[..., Any]:
    failed: list[bool] = []

    def wrapper(*args: Any) -> Any:
        if not failed:
            failed.append(True)
            raise oserror(code)
        return call(*args)

    return wrapper


def deny_writing(path: str | os.PathLike[str], flags: int, *args: Any) -> int:
    # the tests may run as root, where a read-only mode does not stop a write:
    # the refusal the kernel would give is simulated where the store opens files
    if flags & (os.O_WRONLY | os.O_RDWR) and Path(path).suffix != ".lock":
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    return os.open(path, flags, *args)


def always(code: int) -> Callable[..., Any]:
    def fail(*_: Any) -> Any:
        raise oserror(code)

    return fail


# the failing calls (made afresh for each test), and the reason the error must give
FILE_FAULTS: dict[str, tuple[Callable[[], dict[str, Callable[..., Any]]], str]] = {
    "disk full": (lambda: {"write": half_then(errno.ENOSPC)}, "No space left on device"),
    "disk full at once": (lambda: {"write": always(errno.ENOSPC)}, "No space left on device"),
    "an I/O error mid-write": (lambda: {"write": half_then(errno.EIO)}, "Input/output error"),
    "fsync fails": (lambda: {"fsync": fail_first(os.fsync, errno.EIO)}, "Input/output error"),
    "fsync always fails": (lambda: {"fsync": always(errno.EIO)}, "Input/output error"),
    "permission denied": (lambda: {"open": deny_writing}, "Permission denied"),
}


@pytest.mark.parametrize("fault", list(FILE_FAULTS))
def test_a_failing_file_write_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    path = tmp_path / "store.jsonl"
    store = FileStore(path)
    store.append(EVENTS[:3], expected_version=0)
    before = path.read_bytes()
    calls, message = FILE_FAULTS[fault]
    with monkeypatch.context() as patch:
        patch_os(patch, **calls())
        with pytest.raises(StoreError, match=rf"cannot be written \({message}\)"):
            store.append(EVENTS[3:8], expected_version=3)
    assert path.read_bytes() == before  # same size, same bytes: nothing was appended
    assert store.version == 3
    assert list(store.read()) == list(EVENTS[:3])
    assert_holds("file", path, list(EVENTS[:3]))
    assert store.append(EVENTS[3:8], expected_version=3) == 8  # and the store goes on
    store.close()
    assert_holds("file", path, list(EVENTS[:8]))


def test_a_batch_the_failing_medium_could_not_cut_back_is_cut_on_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(EVENTS[:3], expected_version=0)
        before = path.read_bytes()
        with monkeypatch.context() as patch:  # half the batch written, then nothing works
            patch_os(patch, write=half_then(errno.EIO), ftruncate=always(errno.EIO))
            with pytest.raises(StoreError, match=r"Input/output error"):
                store.append(EVENTS[3:8], expected_version=3)
    assert path.read_bytes().count(b"\n") > before.count(b"\n")  # whole lines of it, even
    store, caught = reopen("file", path)
    try:
        assert [w.category for w in caught] == [StoreRecoveryWarning]
        assert path.read_bytes() == before
        assert list(store.read()) == list(EVENTS[:3])
        assert store.append(EVENTS[3:8], expected_version=3) == 8
    finally:
        store.close()
    assert_holds("file", path, list(EVENTS[:8]))


def test_short_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def short(fd: int, data: bytes) -> int:
        return os.write(fd, bytes(data)[:100])  # the kernel may take part of a write

    path = tmp_path / "store.jsonl"
    with FileStore(path) as store, monkeypatch.context() as patch:
        patch_os(patch, write=short)
        assert store.append(EVENTS[:5], expected_version=0) == 5
    assert_holds("file", path, list(EVENTS[:5]))


def test_a_read_only_store_file_can_be_read_but_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(EVENTS[:3], expected_version=0)
    before = path.read_bytes()
    path.chmod(0o444)
    if os.geteuid() == 0:  # root writes to read-only files: simulate the refusal
        patch_os(monkeypatch, open=deny_writing)
    with FileStore(path) as store:
        assert list(store.read()) == list(EVENTS[:3])
        with pytest.raises(StoreError, match=r"cannot be written \(Permission denied\)"):
            store.append(EVENTS[3:5], expected_version=3)
        assert store.version == 3
    assert path.read_bytes() == before
    monkeypatch.undo()
    path.chmod(0o644)
    with FileStore(path) as store:
        assert store.append(EVENTS[3:5], expected_version=3) == 5
    assert_holds("file", path, list(EVENTS[:5]))


def test_a_store_cannot_be_created_in_a_read_only_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root creates files in read-only folders: simulate the refusal
        real_open = os.open

        def deny_creating(path: str, flags: int, *args: Any) -> int:
            if flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args)

        patch_os(monkeypatch, open=deny_creating)
    with pytest.raises(StoreError, match=r"cannot open its lock file \(Permission denied\)"):
        FileStore(folder / "store.jsonl")
    monkeypatch.undo()
    folder.chmod(0o755)
    assert list(folder.iterdir()) == []  # nothing half made
    with FileStore(folder / "store.jsonl") as store:
        assert store.append(EVENTS[:2], expected_version=0) == 2
    assert_holds("file", folder / "store.jsonl", list(EVENTS[:2]))


class FailingConnection:
    """An SQLite connection whose ``executemany`` or ``COMMIT`` fails."""

    def __init__(self, db: sqlite3.Connection, fail: str, error: sqlite3.Error) -> None:
        self.db = db
        self.fail = fail
        self.error = error

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == self.fail:
            raise self.error
        return self.db.execute(sql, *args)

    def executemany(self, sql: str, rows: Any) -> Any:
        if self.fail == "executemany":
            list(rows)
            raise self.error
        return self.db.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "store.sqlite")
    store.append(EVENTS[:3], expected_version=0)
    yield store
    store.close()


def _then_it_goes_on(store: SQLiteStore) -> None:
    assert store.version == 3
    assert list(store.read()) == list(EVENTS[:3])
    path = Path(store.name)
    assert_holds("sqlite", path, list(EVENTS[:3]))
    assert store.append(EVENTS[3:8], expected_version=3) == 8
    assert_holds("sqlite", path, list(EVENTS[:8]))


@pytest.mark.parametrize(
    ("fail", "error"),
    [
        ("executemany", sqlite3.OperationalError("disk I/O error")),
        ("COMMIT", sqlite3.OperationalError("disk I/O error")),
        ("BEGIN IMMEDIATE", sqlite3.OperationalError("database is locked")),
    ],
)
def test_a_failing_sqlite_transaction_changes_nothing(
    sqlite_store: SQLiteStore, fail: str, error: sqlite3.Error
) -> None:
    real = sqlite_store._db
    sqlite_store._db = FailingConnection(real, fail, error)  # type: ignore[assignment]
    try:
        with pytest.raises(StoreError, match=str(error)):
            sqlite_store.append(EVENTS[3:8], expected_version=3)
    finally:
        sqlite_store._db = real
    assert not real.in_transaction  # rolled back, not left open
    _then_it_goes_on(sqlite_store)


def test_a_full_sqlite_database_changes_nothing(sqlite_store: SQLiteStore) -> None:
    db = sqlite_store._db
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    with pytest.raises(StoreError, match=r"full.*nothing was appended"):
        sqlite_store.append(EVENTS[3:40], expected_version=3)
    db.execute("PRAGMA max_page_count = 1073741823")
    _then_it_goes_on(sqlite_store)


def test_a_read_only_sqlite_database_changes_nothing(sqlite_store: SQLiteStore) -> None:
    real = sqlite_store._db
    sqlite_store._db = sqlite3.connect(
        f"file:{sqlite_store.name}?mode=ro", uri=True, isolation_level=None
    )
    try:
        with pytest.raises(StoreError, match="readonly"):
            sqlite_store.append(EVENTS[3:8], expected_version=3)
    finally:
        sqlite_store._db.close()
        sqlite_store._db = real
    _then_it_goes_on(sqlite_store)


# --- 5. the exclusive mode -----------------------------------------------------------------------


def try_append(path: Path, *options: str) -> dict[str, Any]:
    """Open the store in another process and append one event: what happened."""
    done = run_writer("try-append", "file", str(path), *options)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def open_fds() -> int:
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


def test_an_exclusive_store_keeps_every_other_writer_out_until_closed(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    holder = FileStore(path, exclusive=True)
    holder.append(EVENTS[:2], expected_version=0)
    # in this process: a second exclusive store fails at once, and leaks nothing
    fds = open_fds()
    with pytest.raises(StoreError, match="another store holds it exclusively"):
        FileStore(path, exclusive=True)
    assert open_fds() == fds
    # another store opens, reads, and is refused at once when it appends
    other = FileStore(path)
    assert other.version == 2
    with pytest.raises(StoreError, match="exclusive"):
        other.append(EVENTS[2:3], expected_version=2)
    # in another process: the same (were it to wait, the holder would never let it go)
    refused = try_append(path, "exclusive")
    assert (refused["ok"], "opened" in refused) == (False, False)
    assert "another store holds it exclusively" in refused["error"]
    refused = try_append(path)
    assert (refused["ok"], refused["opened"], refused["version"]) == (False, True, 2)
    assert "exclusive" in refused["error"]
    assert holder.append(EVENTS[2:4], expected_version=2) == 4  # the holder writes on
    holder.close()
    assert other.append(EVENTS[4:5], expected_version=4) == 5
    other.close()
    assert try_append(path)["version"] == 6
    with FileStore(path, exclusive=True) as again:
        assert again.append(EVENTS[6:7], expected_version=6) == 7
    assert try_append(path, "exclusive")["version"] == 8
    assert_holds("file", path, list(EVENTS[:8]))


def test_a_killed_holder_lets_the_store_go(tmp_path: Path) -> None:
    path = tmp_path / "store.jsonl"
    with FileStore(path) as store:
        store.append(EVENTS[:2], expected_version=0)
    holder = writer("hold", str(path))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held 2\n"
        with FileStore(path) as store:
            with pytest.raises(StoreError, match="exclusive"):
                store.append(EVENTS[2:3], expected_version=2)
            holder.kill()  # SIGKILL: the kernel releases its locks
            assert holder.wait(timeout=WAIT) == -signal.SIGKILL
            assert store.append(EVENTS[2:3], expected_version=2) == 3
    finally:
        holder.kill()
        holder.wait()
    with FileStore(path, exclusive=True) as store:
        assert store.version == 3


# --- 6. subscriptions across processes --------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_subscriber_sees_what_another_process_appends(tmp_path: Path, kind: str) -> None:
    path = store_path(tmp_path, kind)
    store = open_store(kind, str(path))
    store.append(EVENTS[:5], expected_version=0)
    feeder = writer("feed", kind, str(path), "20")
    assert feeder.stdin is not None
    seen: list[tuple[int, ml.Event]] = []
    try:
        for version, event in store.subscribe(0, poll=0.02, timeout=WAIT):
            seen.append((version, event))
            if version == 5:  # the stored events came first; now the other process writes
                feeder.stdin.write("go\n")
                feeder.stdin.flush()
            if version == 25:
                break
        assert feeder.wait(timeout=WAIT) == 0
    finally:
        feeder.kill()
        feeder.wait()
        store.close()
    assert [v for v, _ in seen] == list(range(1, 26))
    assert [e for _, e in seen] == list(EVENTS[:25])


@pytest.mark.parametrize("kind", KINDS)
def test_a_subscriber_callback_sees_what_another_process_appends(tmp_path: Path, kind: str) -> None:
    path = store_path(tmp_path, kind)
    store = open_store(kind, str(path))
    store.append(EVENTS[:5], expected_version=0)
    feeder = writer("feed", kind, str(path), "20")
    pipe = feeder.stdin
    assert pipe is not None
    stop = threading.Event()
    seen: list[tuple[int, ml.Event]] = []

    def callback(version: int, event: ml.Event) -> None:
        seen.append((version, event))
        if version == 5:  # the stored events came first; now the other process writes
            pipe.write("go\n")
            pipe.flush()
        if version == 25:
            stop.set()

    try:
        assert list(store.subscribe(2, poll=0.02, stop=stop, timeout=WAIT, callback=callback)) == []
        assert feeder.wait(timeout=WAIT) == 0
    finally:
        feeder.kill()
        feeder.wait()
        store.close()
    assert [v for v, _ in seen] == list(range(3, 26))
    assert [e for _, e in seen] == list(EVENTS[2:25])


def test_readers_do_not_see_a_batch_still_being_written(tmp_path: Path) -> None:
    """Lines of a batch whose append has not finished (its note is in the lock file) wait."""
    events = ml.load_example().events
    path = tmp_path / "live.jsonl"
    writer = FileStore(path)
    writer.append(events[:3])
    reader = FileStore(path)
    size = path.stat().st_size
    pending = b"".join(encode_event(e) + b"\n" for e in events[3:5])
    # what an append does between its note and its acknowledgement
    writer._note(path.stat().st_ino, size, size + len(pending))
    with path.open("ab") as f:
        f.write(pending)
    assert reader.version == 3
    assert list(reader.events()) == list(events[:3])
    writer._clear_note()  # acknowledged
    assert reader.version == 5
    assert list(reader.events(3)) == list(events[3:5])
    reader.close()
    writer.close()


def test_recovery_reads_only_the_tail_of_a_long_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cutting a torn line must not read the whole file before every append."""
    path = tmp_path / "live.jsonl"
    store = FileStore(path, fsync=False)
    store.append(renamed_copies("t", 40))
    read: list[int] = []
    real = os.pread

    def counting(fd: int, n: int, offset: int) -> bytes:
        read.append(n)
        return real(fd, n, offset)

    monkeypatch.setattr(file_module.os, "pread", counting)
    store._recover()
    assert path.stat().st_size > 4 * 65536
    assert read  # the tail is read with pread...
    assert sum(read) <= 65536 + 200  # ...and only the tail
    store.close()
