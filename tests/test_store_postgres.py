"""PostgresStore against a real PostgreSQL server.

The session starts a server of its own (``initdb`` and ``pg_ctl`` from PATH or from
Debian's ``/usr/lib/postgresql/<version>/bin``) in a temporary folder, or uses the
one ``MATCHLEDGER_POSTGRES_DSN`` names. Without either the tests are skipped, and with
``MATCHLEDGER_REQUIRE_POSTGRES`` set (as CI does) they fail instead.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import settings

import matchledger as ml
from matchledger.codec import SCHEMA_VERSION, decode_events, encode_event, upcasters
from matchledger.errors import CodecError, ConcurrencyError, StoreError
from matchledger.store import open_store
from store_contract import _EVENTS, contract_machine

REQUIRE_POSTGRES = os.getenv("MATCHLEDGER_REQUIRE_POSTGRES", "") not in ("", "0")
EXTERNAL_DSN = os.getenv("MATCHLEDGER_POSTGRES_DSN", "")
SERVER_DIRS = Path("/usr/lib/postgresql")  # Debian's layout: <version>/bin

_tables = itertools.count()


def _skip_or_fail(reason: str) -> None:
    if REQUIRE_POSTGRES:
        pytest.fail(f"{reason}; MATCHLEDGER_REQUIRE_POSTGRES is set, so this is an error")
    pytest.skip(reason)


def _psycopg() -> Any:
    try:
        import psycopg  # noqa: PLC0415
    except ImportError:
        _skip_or_fail("psycopg is not installed (the extra matchledger[postgres])")
    return psycopg


# --- the server ---------------------------------------------------------------------------


def _server_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: PATH's first, else Debian's newest."""
    candidates: list[Path] = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)

    def major(folder: Path) -> tuple[int, str]:
        name = folder.parent.name
        return (int(name) if name.isdigit() else -1, name)

    candidates += sorted(SERVER_DIRS.glob("*/bin"), key=major, reverse=True)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: this user, or when that is root (initdb refuses root), postgres."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    _skip_or_fail("running as root and there is no postgres (or nobody) user to run PostgreSQL")
    return None  # pragma: no cover


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class _Server:
    """A throwaway cluster in a temporary folder, run by an unprivileged user."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.user = _server_user()
        self.root = Path(tempfile.mkdtemp(prefix="matchledger-pg-"))
        if self.user is not None:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()

    def run(self, *args: str, output: Path | None = None) -> subprocess.CompletedProcess[str]:
        as_user: dict[str, Any] = {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C"
        if self.user is not None:
            as_user = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
            env |= {"HOME": str(self.root), "USER": self.user.pw_name}
        with (output or self.root / "commands.log").open("a") as out:
            return subprocess.run(
                [str(self.bin / args[0]), *args[1:]],
                cwd=self.root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=120,
                check=False,
                **as_user,
            )

    def tail(self) -> str:
        lines: list[str] = []
        for log in (self.root / "commands.log", self.log):
            if log.exists():
                lines += log.read_text(errors="replace").splitlines()[-15:]
        return "\n".join(lines)

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} "
            "-c fsync=on -c synchronous_commit=on"
        )
        steps = [
            (
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ),
            (
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "start",
            ),
        ]
        for step in steps:
            if self.run(*step).returncode != 0:
                msg = f"PostgreSQL did not start ({step[0]} failed):\n{self.tail()}"
                raise RuntimeError(msg)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def dsn(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


class Postgres:
    """The server the tests use: its DSN, a schema of this session's and helpers."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.schema = f"mltest_{uuid.uuid4().hex[:10]}"

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement on a connection of its own; its rows, if any."""
        psycopg = _psycopg()
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            cur = conn.execute(query, params)
            return cur.fetchall() if cur.description else []

    def table(self, stem: str = "events") -> str:
        """A new table name, ``schema.stem_N``, that no test used before."""
        return f"{self.schema}.{stem}_{next(_tables)}"

    def store(self, table: str, **options: Any) -> ml.store.PostgresStore:
        from matchledger.store import PostgresStore  # noqa: PLC0415

        return PostgresStore(self.dsn, table=table, **options)

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        return self.sql(f"SELECT version, schema_version, event_id, body FROM {table} ORDER BY 1")  # noqa: S608


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A PostgreSQL database for this session; skips (or fails, when required) without one."""
    psycopg = _psycopg()
    server: _Server | None = None
    if EXTERNAL_DSN:
        dsn = EXTERNAL_DSN
    else:
        bin_dir = _server_bin()
        if bin_dir is None:
            _skip_or_fail(
                "no PostgreSQL server found (initdb and pg_ctl on PATH or in "
                f"{SERVER_DIRS}/<version>/bin); install Debian's postgresql package, or set "
                "MATCHLEDGER_POSTGRES_DSN"
            )
            return
        server = _Server(bin_dir)
        try:
            server.start()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            server.stop()
            _skip_or_fail(str(exc))
            return
        with psycopg.connect(server.dsn("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE matchledger_test")
        dsn = server.dsn("matchledger_test")
    pg = Postgres(dsn)
    try:
        pg.sql(f"CREATE SCHEMA {pg.schema}")
        yield pg
    finally:
        try:
            pg.sql(f"DROP SCHEMA IF EXISTS {pg.schema} CASCADE")
        finally:
            if server is not None:
                server.stop()


# --- the contract -----------------------------------------------------------------------------


def test_postgres_store_contract(postgres: Postgres) -> None:
    tables: dict[str, str] = {}

    def open_postgres(name: str) -> ml.store.PostgresStore:
        # the same name opens the same table again, on a new connection
        return postgres.store(tables.setdefault(name, postgres.table("contract")))

    machine = contract_machine(open_postgres)
    machine.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
    machine.TestCase().runTest()


# --- opening ------------------------------------------------------------------------------


def test_the_default_table_is_created_with_its_index(postgres: Postgres) -> None:
    schema = f"{postgres.schema}_default"
    postgres.sql(f"CREATE SCHEMA {schema}")
    dsn = f"{postgres.dsn}?options=-csearch_path%3D{schema}"
    store = open_store(dsn)
    try:
        assert type(store).__name__ == "PostgresStore"
        assert store.append(_EVENTS[:4], expected_version=0) == 4
    finally:
        store.close()
    assert postgres.sql(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = %s AND indexname = %s",
        (schema, "matchledger_events_match"),
    )
    rows = postgres.rows(f"{schema}.matchledger_events")
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert {r[1] for r in rows} == {SCHEMA_VERSION}
    # the body is exactly what the codec writes, byte for byte
    assert [bytes(r[3]) for r in rows] == [encode_event(e) for e in _EVENTS[:4]]
    with open_store(dsn) as again:
        assert list(again.read()) == list(_EVENTS[:4])


def test_two_stores_open_one_table_at_once(postgres: Postgres) -> None:
    table = postgres.table()
    stores = [postgres.store(table) for _ in range(2)]
    assert [s.version for s in stores] == [0, 0]
    for s in stores:
        s.close()


def test_a_bad_table_name_is_refused(postgres: Postgres) -> None:
    for bad in ("", "a.b.c", "drop table x;", "1abc", "a" * 58):
        with pytest.raises(StoreError, match="table must be"):
            postgres.store(bad)


def test_a_role_that_may_not_create_tables_uses_one_that_exists(postgres: Postgres) -> None:
    if "://postgres@" not in postgres.dsn:
        pytest.skip("needs the server this session started (it trusts every local role)")
    table = postgres.table()
    postgres.store(table).close()
    role = f"writer_{uuid.uuid4().hex[:8]}"
    postgres.sql(f"CREATE ROLE {role} LOGIN")
    try:
        postgres.sql(f"GRANT USAGE ON SCHEMA {postgres.schema} TO {role}")
        postgres.sql(f"GRANT SELECT, INSERT ON {table} TO {role}")
        from matchledger.store import PostgresStore  # noqa: PLC0415

        dsn = postgres.dsn.replace("://postgres@", f"://{role}@")
        with PostgresStore(dsn, table=table) as store:
            assert store.append(_EVENTS[:3], expected_version=0) == 3
        with pytest.raises(StoreError, match="cannot be opened as a store"):
            PostgresStore(dsn, table=postgres.table())  # it may not create one
    finally:
        postgres.sql(f"DROP OWNED BY {role}")
        postgres.sql(f"DROP ROLE {role}")


def test_a_table_that_is_not_a_store_is_refused(postgres: Postgres) -> None:
    table = postgres.table("other")
    postgres.sql(f"CREATE TABLE {table} (id INT)")
    with pytest.raises(StoreError, match="cannot be opened as a store"):
        postgres.store(table)


# --- writers --------------------------------------------------------------------------------


def test_two_writers_with_expected_versions(postgres: Postgres) -> None:
    table = postgres.table()
    with postgres.store(table) as first, postgres.store(table) as second:
        assert first.append(_EVENTS[:3], expected_version=0) == 3
        with pytest.raises(ConcurrencyError) as caught:
            second.append(_EVENTS[3:5], expected_version=0)
        assert (caught.value.expected, caught.value.actual) == (0, 3)
        assert len(postgres.rows(table)) == 3  # the refused batch wrote nothing
        assert second.version == 3
        assert second.append(_EVENTS[3:5], expected_version=3) == 5
        assert list(first.read()) == list(_EVENTS[:5])


def test_concurrent_writers_retrying_lose_and_duplicate_nothing(postgres: Postgres) -> None:
    table = postgres.table()
    target = len(_EVENTS)
    writers = 4
    conflicts = [0] * writers
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def write(n: int) -> None:
        try:
            with postgres.store(table) as store:
                start.wait()
                size = n + 1
                while (version := store.version) < target:
                    batch = _EVENTS[version : version + size]
                    try:
                        store.append(batch, expected_version=version)
                    except ConcurrencyError:
                        conflicts[n] += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    rows = postgres.rows(table)
    assert [r[0] for r in rows] == list(range(1, target + 1))
    assert [r[2] for r in rows] == [e.event_id for e in _EVENTS]
    with postgres.store(table) as store:
        assert list(store.read()) == list(_EVENTS)


_WRITER = textwrap.dedent(
    """
    import sys
    from matchledger.store import PostgresStore
    from store_contract import _EVENTS

    dsn, table, mine = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    events = [e for e in _EVENTS if e.match_id in mine]
    with PostgresStore(dsn, table=table) as store:
        for i in range(0, len(events), 3):
            store.append(events[i : i + 3])
    """
)


def test_writer_processes_without_expected_versions_interleave_whole_batches(
    postgres: Postgres,
) -> None:
    table = postgres.table()
    postgres.store(table).close()
    matches = list(dict.fromkeys(e.match_id for e in _EVENTS))
    shares = [matches[0::3], matches[1::3], matches[2::3]]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, postgres.dsn, table, ",".join(share)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for share in shares
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with postgres.store(table) as store:
        stored = list(store.read())
    assert sorted(e.event_id for e in stored) == sorted(e.event_id for e in _EVENTS)
    for share in shares:  # each writer's events in its own order
        assert [e for e in stored if e.match_id in share] == [
            e for e in _EVENTS if e.match_id in share
        ]
    assert [r[0] for r in postgres.rows(table)] == list(range(1, len(_EVENTS) + 1))


def test_a_failed_insert_writes_nothing(postgres: Postgres) -> None:
    table = postgres.table()
    with postgres.store(table) as store:
        store.append(_EVENTS[:2])
        refuse = _EVENTS[4].event_id
        postgres.sql(
            f"CREATE FUNCTION {postgres.schema}.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF NEW.event_id = '{refuse}' THEN RAISE EXCEPTION 'refused by a trigger'; "
            "END IF; RETURN NEW; END $$"
        )
        postgres.sql(
            f"CREATE TRIGGER refuse BEFORE INSERT ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {postgres.schema}.refuse()"
        )
        with pytest.raises(StoreError, match=r"refused by a trigger.*nothing was appended"):
            store.append(_EVENTS[2:6], expected_version=2)
        assert len(postgres.rows(table)) == 2
        assert store.version == 2
        postgres.sql(f"DROP TRIGGER refuse ON {table}")
        assert store.append(_EVENTS[2:6], expected_version=2) == 6
    assert [r[2] for r in postgres.rows(table)] == [e.event_id for e in _EVENTS[:6]]


def test_a_lost_connection_is_opened_again(postgres: Postgres) -> None:
    table = postgres.table()
    with postgres.store(table) as store:
        store.append(_EVENTS[:3])
        pid = store._conn.info.backend_pid
        postgres.sql("SELECT pg_terminate_backend(%s)", (pid,))
        postgres.sql(
            f"INSERT INTO {table} SELECT 4, %s, %s, %s, %s",
            (SCHEMA_VERSION, _EVENTS[3].event_id, _EVENTS[3].match_id, encode_event(_EVENTS[3])),
        )
        assert store.version == 4  # read again on a new connection
        assert store._conn.info.backend_pid != pid
        assert store.append(_EVENTS[4:6], expected_version=4) == 6


def test_a_writer_holding_the_lock_too_long_is_an_error(postgres: Postgres) -> None:
    psycopg = _psycopg()
    table = postgres.table()
    with postgres.store(table, timeout=0.2) as store, psycopg.connect(postgres.dsn) as other:
        other.execute("SELECT pg_advisory_xact_lock(%s)", (store._key,))  # a transaction
        with pytest.raises(StoreError, match="another writer held the store"):
            store.append(_EVENTS[:2])
        other.rollback()
        assert store.append(_EVENTS[:2]) == 2


# --- reading ------------------------------------------------------------------------------


def _insert(postgres: Postgres, table: str, version: int, schema: int, body: bytes) -> None:
    event = orjson.loads(body)
    postgres.sql(
        f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
        (version, schema, event["event_id"], event.get("match_id"), body),
    )


def test_rows_of_an_older_schema_are_upgraded_as_they_are_read(postgres: Postgres) -> None:
    steps = upcasters()
    if not steps:
        pytest.skip(f"the codec reads only schema {SCHEMA_VERSION}: no older rows to upgrade")
    oldest = min(steps)
    assert sorted(steps) == list(range(oldest, SCHEMA_VERSION))

    def as_old(event: ml.Event) -> bytes:
        """The event's row in the oldest schema, for events the upgrade leaves alone."""
        body = encode_event(event)
        try:
            assert decode_events([body], schema_version=oldest) == [event]
        except CodecError:
            pytest.fail(f"{type(event).__name__} is not written alike in schema {oldest}")
        return body

    seed = list(ml.load_example())
    old_rows = [as_old(e) for e in seed]
    if oldest == 1:  # schema 1 wrote a result's half-time score as two fields
        schedule = attrs.evolve(seed[0], event_id="old-s", match_id="old-m")
        result = {
            "type": "result_recorded",
            "event_id": "old-r",
            "match_id": "old-m",
            "home_goals": 2,
            "away_goals": 1,
            "half_time_home": 1,
            "half_time_away": 1,
        }
        late_rows = [as_old(schedule), orjson.dumps(result)]
    else:
        late_rows = []
    expected = [
        *decode_events(old_rows, schema_version=oldest),
        *_EVENTS[:5],
        *decode_events(late_rows, schema_version=oldest),
    ]
    table = postgres.table("old")
    with postgres.store(table) as store:
        for version, body in enumerate(old_rows, start=1):
            _insert(postgres, table, version, oldest, body)
        # rows of the current schema between two runs of old ones
        assert store.append(_EVENTS[:5], expected_version=len(old_rows)) == len(old_rows) + 5
        for version, body in enumerate(late_rows, start=len(old_rows) + 6):
            _insert(postgres, table, version, oldest, body)
        assert list(store.read()) == expected
    with postgres.store(table) as fresh:
        assert list(fresh.read()) == expected
        if late_rows:
            upgraded = fresh.events(len(expected) - 1)[0]
            assert type(upgraded).__name__ == "ResultRecorded"
            assert (upgraded.home_goals, upgraded.away_goals) == (2, 1)  # type: ignore[attr-defined]
    assert {r[1] for r in postgres.rows(table)} == {oldest, SCHEMA_VERSION}


def test_a_row_of_a_newer_schema_is_refused(postgres: Postgres) -> None:
    table = postgres.table()
    with postgres.store(table) as store:
        store.append(_EVENTS[:2])
    _insert(postgres, table, 3, SCHEMA_VERSION + 1, encode_event(_EVENTS[2]))
    with pytest.raises(StoreError, match=f"event 3 is of schema {SCHEMA_VERSION + 1}, newer"):
        postgres.store(table)


def test_a_missing_version_is_an_error(postgres: Postgres) -> None:
    table = postgres.table()
    with postgres.store(table) as store:
        store.append(_EVENTS[:4])
    postgres.sql(f"DELETE FROM {table} WHERE version = 2")  # noqa: S608
    with pytest.raises(StoreError, match="version 2 is missing"):
        postgres.store(table)


def test_a_closed_store_says_so(postgres: Postgres) -> None:
    store = postgres.store(postgres.table())
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.append(_EVENTS[:1])


# --- connection errors, without a server ----------------------------------------------------


def _closed_port() -> int:
    return _free_port()  # nothing listens there once the probe socket is closed


@pytest.mark.parametrize(
    "dsn",
    [
        "postgresql://ledger:s3cret-pw@127.0.0.1:{port}/ledgers",
        "postgresql://ledger@127.0.0.1:{port}/ledgers?password=s3cret-pw&sslmode=disable",
        "host=127.0.0.1 port={port} dbname=ledgers user=ledger password='s3cret-pw'",
        "host=127.0.0.1 port=not-a-port password=s3cret-pw",
        "postgresql://ledger:s3cret-pw@127.0.0.1:{port}/ledgers?no_such_option=1",
    ],
)
def test_a_bad_dsn_is_a_store_error_without_the_password(dsn: str) -> None:
    _psycopg()
    from matchledger.store import PostgresStore  # noqa: PLC0415

    dsn = dsn.replace("{port}", str(_closed_port()))
    with pytest.raises(StoreError) as caught:
        PostgresStore(dsn, connect_timeout=5)
    message = str(caught.value)
    assert "s3cret" not in message
    assert "127.0.0.1" in message
    assert "cannot connect" in message
    assert "\n" not in message


def test_a_database_that_does_not_exist_is_a_store_error(postgres: Postgres) -> None:
    from matchledger.store import PostgresStore  # noqa: PLC0415

    dsn = postgres.dsn.rpartition("/")[0] + "/no_such_database"
    with pytest.raises(StoreError, match="no_such_database"):
        PostgresStore(dsn)


def test_the_name_hides_the_password() -> None:
    from matchledger.store.postgres import _public  # noqa: PLC0415

    assert _public("postgresql://ml:pw%40x@db:5432/l?sslmode=require&password=q")[0] == (
        "postgresql://ml@db:5432/l?sslmode=require"
    )
    assert _public("host=db password='a b' user=ml")[0] == "host=db user=ml"
    assert _public("postgresql://db/l") == ("postgresql://db/l", [])


def test_without_psycopg_the_package_imports_and_the_store_says_what_to_install() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["psycopg"] = None  # as if it were not installed
        import matchledger, matchledger.store
        from matchledger.store import PostgresStore
        from matchledger.errors import StoreError
        try:
            PostgresStore("postgresql://ml:pw@127.0.0.1/ledgers")
        except StoreError as exc:
            print(exc)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == (
        "postgresql://ml@127.0.0.1/ledgers: PostgresStore needs psycopg 3: "
        "install matchledger[postgres]"
    )


def test_the_store_type_is_found_lazily() -> None:
    _psycopg()
    import matchledger.store as stores  # noqa: PLC0415

    assert stores.PostgresStore.__name__ == "PostgresStore"
    assert isinstance(stores.PostgresStore, type)
    assert issubclass(stores.PostgresStore, stores.StoreBase)
