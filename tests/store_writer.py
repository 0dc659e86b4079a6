"""Writer processes for the store durability tests (``test_store_durability.py``).

The tests import it for the event sequences and batch plans; a subprocess runs it:

``store_writer.py serve``
    A fork server for the crash rounds. Starting a Python process and importing
    matchledger costs a few tenths of a second, too much for hundreds of rounds, so
    this process imports everything once and forks one writer per round. It reads
    commands, one JSON object a line, on stdin: ``{"kind", "path", "seed", "start",
    "acks"}`` forks a crash writer (see :func:`crash_writer`) and answers ``pid N``;
    ``reap`` waits for that writer to die and answers ``status S`` (its wait status).
    It never opens a store itself, so a writer inherits no lock and no connection.

``store_writer.py append KIND PATH PREFIX BATCHES SEED``
    Waits for a line on stdin, then appends ``BATCHES`` batches of its own matches
    (ids prefixed ``PREFIX``) with expected versions, retrying after a
    :class:`ConcurrencyError`; prints ``ack END SIZE`` for each batch and, at the end,
    ``retries N``.

``store_writer.py open-at-once KIND FOLDER TRIALS COUNT``
    For each trial, forks ``COUNT`` processes that open a new store
    (``FOLDER/TRIAL.KIND``) at the same moment and append a batch of their own
    matches each; prints the errors, one JSON list.

``store_writer.py feed KIND PATH COUNT``
    Waits for a line on stdin, then appends the next ``COUNT`` events of the crash
    sequence in small batches, a little apart (for a subscriber in another process).

``store_writer.py try-append KIND PATH [exclusive]``
    Opens the store (``exclusive=True`` with ``exclusive``) and appends the next event
    of the crash sequence; prints one JSON object: what happened and how long it took.

``store_writer.py hold PATH``
    Holds a FileStore exclusively, says ``held``, and waits to be killed.

``store_writer.py killed-mid-write PATH KEEP``
    Appends a batch of three events to a FileStore, but the write stops after the
    first ``KEEP`` bytes and the process is killed there, as Linux does when SIGKILL
    arrives while a write spans several pages.

``store_writer.py killed-before-commit PATH``
    Appends a batch of three events to an SQLiteStore and is killed after the rows
    are inserted, just before ``COMMIT``.
"""

from __future__ import annotations

import functools
import json
import os
import random
import signal
import sys
import time
import traceback
import types
from pathlib import Path
from typing import Any

import attrs

import matchledger as ml
from matchledger.errors import ConcurrencyError, StoreError
from matchledger.store import FileStore, SQLiteStore, StoreBase
from matchledger.store import file as file_module

SIZES = (1, 5)  # a batch has 1 to 5 events


def renamed_copies(prefix: str, copies: int) -> tuple[ml.Event, ...]:
    """The example match ``copies`` times over, each copy with its own ids.

    Every event id and match id gets ``{prefix}{k}-`` in front; fields that refer to
    another event follow them. The result is a valid ledger, in order.
    """
    seed = ml.load_example()
    ids = {e.event_id for e in seed}
    out: list[ml.Event] = []
    for k in range(copies):
        for e in seed:
            changes: dict[str, Any] = {
                f.name: f"{prefix}{k}-{value}"
                for f in attrs.fields(type(e))
                if isinstance(value := getattr(e, f.name), str)
                and (value in ids or f.name == "match_id")
            }
            out.append(attrs.evolve(e, **changes))
    return tuple(out)


@functools.cache
def crash_events() -> tuple[ml.Event, ...]:
    """The sequence the crash rounds append from (long enough for every round)."""
    return renamed_copies("c", 250)


def batch_plan(start: int, seed: int, total: int) -> list[int]:
    """The versions a crash writer starting at ``start`` reaches, batch by batch.

    The writer and the test draw the same sizes from ``random.Random(seed)``, so the
    test knows where every batch ends. The last batch may be cut short by ``total``.
    """
    rng = random.Random(seed)  # noqa: S311 - a test plan, not a secret
    ends = []
    version = start
    while version < total:
        version = min(total, version + rng.randint(*SIZES))
        ends.append(version)
    return ends


def open_store(kind: str, path: str, **options: Any) -> StoreBase:
    if kind == "file":
        return FileStore(path, **options)
    if kind == "sqlite":
        return SQLiteStore(path, **options)
    raise SystemExit(f"unknown store kind {kind!r}")


def crash_writer(kind: str, path: str, seed: int, start: int, acks: str) -> None:
    """Append batches until killed; after each acknowledged append, note its version.

    The version goes to the ``acks`` file with one ``write`` (it is in the kernel once
    the call returns, so a SIGKILL cannot lose it) and an ``fsync``. Only then is the
    next batch begun. When the sequence runs out, the writer waits to be killed.
    """
    fd = os.open(acks, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        events = crash_events()
        store = open_store(kind, path)
        version = store.version
        _expect(version, start)
        for end in batch_plan(start, seed, len(events)):
            version = store.append(events[version:end], expected_version=version)
            os.write(fd, b"%d\n" % version)
            os.fsync(fd)
    except BaseException:  # noqa: BLE001 - reported to the test, which fails the round
        os.write(fd, b"error " + traceback.format_exc().encode() + b"\n")
        os._exit(1)
    while True:
        signal.pause()


def _expect(version: int, start: int) -> None:
    if version != start:
        msg = f"the store is at version {version}, expected {start}"
        raise AssertionError(msg)


def say(line: str) -> None:
    """One line to the test, at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _serve() -> None:
    crash_events()  # once, before forking: every writer inherits it
    child = 0
    for line in iter(sys.stdin.readline, ""):
        if line.strip() == "reap":
            _, status = os.waitpid(child, 0)
            say(f"status {status}")
            continue
        job = json.loads(line)
        child = os.fork()
        if child == 0:  # the writer: it must not touch the server's pipes
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0)
            os.dup2(null, 1)
            crash_writer(job["kind"], job["path"], job["seed"], job["start"], job["acks"])
            os._exit(0)  # pragma: no cover - crash_writer never returns
        say(f"pid {child}")


def _append(kind: str, path: str, prefix: str, batches: int, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a test plan, not a secret
    mine = renamed_copies(prefix, batches * SIZES[1] // 32 + 1)
    sys.stdin.readline()  # the writers start together
    store = open_store(kind, path)
    done = retries = 0
    for _ in range(batches):
        size = rng.randint(*SIZES)
        batch = mine[done : done + size]
        version = store.version
        while True:
            try:
                version = store.append(batch, expected_version=version)
                break
            except ConcurrencyError as exc:
                retries += 1
                version = exc.actual
        done += size
        say(f"ack {version} {size}")
    say(f"retries {retries}")
    store.close()


def _open_at_once(kind: str, folder: str, trials: int, count: int) -> None:
    errors: list[str] = []
    for trial in range(trials):
        path = os.path.join(folder, f"{trial}.{kind}")  # noqa: PTH118
        start, go = os.pipe()
        children = []
        for n in range(count):
            child = os.fork()
            if child == 0:
                os.close(go)
                os.read(start, 1)  # returns when the pipe is closed: for all at once
                _open_and_append(kind, path, f"p{n}")
            children.append(child)
        os.close(start)
        os.close(go)
        for n, child in enumerate(children):
            _, status = os.waitpid(child, 0)
            if status:
                error = Path(f"{path}.p{n}.error")
                errors.append(error.read_text() if error.exists() else f"status {status}")
    say(json.dumps(errors))


def _open_and_append(kind: str, path: str, prefix: str) -> None:
    try:
        store = open_store(kind, path)
        version = store.version
        while True:
            try:
                store.append(renamed_copies(prefix, 1)[:3], expected_version=version)
                break
            except ConcurrencyError as exc:
                version = exc.actual
        store.close()
    except BaseException:  # noqa: BLE001 - reported to the test
        Path(f"{path}.{prefix}.error").write_text(traceback.format_exc())
        os._exit(1)
    os._exit(0)


def _feed(kind: str, path: str, count: int) -> None:
    events = crash_events()
    store = open_store(kind, path)
    sys.stdin.readline()
    version = store.version
    stop = version + count
    rng = random.Random(count)  # noqa: S311 - a test plan, not a secret
    while version < stop:
        end = min(stop, version + rng.randint(1, 3))
        version = store.append(events[version:end], expected_version=version)
        time.sleep(0.02)
    store.close()


def _try_append(kind: str, path: str, *, exclusive: bool) -> None:
    began = time.monotonic()
    result: dict[str, Any] = {"ok": False}
    try:
        options = {"exclusive": True} if exclusive else {}
        store = open_store(kind, path, **options)
        result["opened"] = True
        result["version"] = store.version
        version = store.version
        result["version"] = store.append(
            crash_events()[version : version + 1], expected_version=version
        )
        result["ok"] = True
        store.close()
    except StoreError as exc:
        result["error"] = str(exc)
    result["seconds"] = time.monotonic() - began
    say(json.dumps(result))


def _hold(path: str) -> None:
    store = FileStore(path, exclusive=True)
    say(f"held {store.version}")
    while True:
        signal.pause()


def _killed_mid_write(path: str, keep: int) -> None:
    store = FileStore(path)
    version = store.version
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data)[:keep])
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("not reached")  # pragma: no cover

    # only the store's module sees the failing write
    file_module.os = types.SimpleNamespace(**{**vars(os), "write": write})  # type: ignore[assignment]
    store.append(crash_events()[version : version + 3], expected_version=version)


class _KilledAtCommit:
    """A connection that kills its process when asked to commit."""

    def __init__(self, db: Any) -> None:
        self._db = db

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT":
            os.kill(os.getpid(), signal.SIGKILL)
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def _killed_before_commit(path: str) -> None:
    store = SQLiteStore(path)
    version = store.version
    store._db = _KilledAtCommit(store._db)
    store.append(crash_events()[version : version + 3], expected_version=version)


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "serve":
        _serve()
    elif command == "append":
        _append(args[0], args[1], args[2], int(args[3]), int(args[4]))
    elif command == "open-at-once":
        _open_at_once(args[0], args[1], int(args[2]), int(args[3]))
    elif command == "feed":
        _feed(args[0], args[1], int(args[2]))
    elif command == "try-append":
        _try_append(args[0], args[1], exclusive=args[2:] == ["exclusive"])
    elif command == "hold":
        _hold(args[0])
    elif command == "killed-mid-write":
        _killed_mid_write(args[0], int(args[1]))
    elif command == "killed-before-commit":
        _killed_before_commit(args[0])
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
