"""The async engine and sessions, and bringing the schema up to date on start."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import sqlite3
import stat
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection, ExceptionContext, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.outage import DatabaseUnreachable, Outage

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"

# How long a SQLite writer waits for another one before "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 10_000
# What the WAL file is cut back to after a checkpoint: pages a client's erase overwrote
# must not linger in an old, larger WAL.
SQLITE_JOURNAL_SIZE_LIMIT = 1 << 20
# Tries of the checkpoint that empties the WAL after an erase, while readers hold it (or
# of PostgreSQL's VACUUM FULL, while a transaction holds a table).
_CHECKPOINT_ATTEMPTS = 5
# The longest PostgreSQL's VACUUM FULL waits for a table's lock: turns queue behind it.
_VACUUM_LOCK_WAIT = "500ms"
# The longest one VACUUM after an erase may run.
_VACUUM_LIMIT = "120s"


class DatabaseUnavailable(Exception):
    """The database can't be opened or brought up to date; the cause says why."""


def database_locked(problem: BaseException) -> bool:
    """Whether a failure was SQLite's "database is locked": another process held the write
    lock past the busy timeout. The transaction was rolled back whole: try it again."""
    cause = getattr(problem, "orig", None)
    return isinstance(cause, sqlite3.OperationalError) and (
        cause.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
    )


# PostgreSQL's codes for a transaction that lost to a concurrent one and was rolled back
# whole: a deadlock, a serialization failure, a unique key another writer took first, or
# a lock held longer than the lock timeout (storage.db.Timeouts).
_CONFLICTS = {
    "40P01": "a deadlock with a concurrent write",
    "40001": "a serialization failure against a concurrent write",
    "23505": "a concurrent write took the same unique key first",
    "55P03": "a lock held by another transaction past the lock timeout",
}


def conflicting_write(problem: BaseException) -> str | None:
    """Which concurrent write a PostgreSQL transaction lost to (another replica's, or a job's
    of this one), or None for any other failure. Trying it again from the start reads what
    the winner committed."""
    return _CONFLICTS.get(str(getattr(getattr(problem, "orig", None), "sqlstate", "")))


# SQLite's primary result codes for a database that can't be written, as an operator reads
# them; the message of such an error is never used (a driver's may quote a client).
_UNWRITABLE = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "it is read-only",
    sqlite3.SQLITE_IOERR: "a disk I/O error: read-only or failing?",
    sqlite3.SQLITE_CANTOPEN: "its file can't be opened",
}


def unwritable(problem: BaseException) -> str | None:
    """Why the SQLite database can't be written right now (a full or read-only disk), or
    None for any other failure."""
    cause = getattr(problem, "orig", None)
    if isinstance(cause, sqlite3.Error):
        return _UNWRITABLE.get(cause.sqlite_errorcode & 0xFF)
    return None


@dataclass(frozen=True)
class Timeouts:
    """How long anything waits for PostgreSQL, in seconds: every wait has a bound.

    A server that is reachable but silent (a stuck proxy, a network that drops packets)
    would otherwise hold a client's turn until TCP gives up, minutes later.
    """

    connect: float  # to open a connection: TCP, TLS, start-up and authentication
    # A lock another transaction holds (an operator's long query, another replica's turn):
    # the server gives up waiting, and the turn is tried again like any lost race.
    lock: float
    statement: float  # one statement, as the server counts it (it cancels the statement)
    # One statement, as this process waits for it: a little longer than `statement`, so a
    # slow but alive server answers with its own cancellation and the connection stays good.
    answer: float
    idle_in_transaction: float  # the server ends a session left idle inside a transaction
    pool: float  # for a free connection when every pooled one is busy


# The running bot: a client waits on each of these, and is told to try again after them.
SERVING = Timeouts(connect=3, lock=3, statement=4, answer=5, idle_in_transaction=15, pool=4)
# Migrations, copy-db, rotate-key, tests and benchmarks: long statements on purpose.
PATIENT = Timeouts(
    connect=10, lock=600, statement=600, answer=610, idle_in_transaction=120, pool=30
)

# TCP keepalives on both ends, so a connection whose peer vanished (a dropped network, a
# crashed host) is noticed while idle: by the server, which then ends the session and its
# locks, and by this process, whose pool then discards it instead of reusing it.
KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT = 30, 10, 3
# Linux: data left unacknowledged this long ends the connection (ms).
TCP_USER_TIMEOUT_MS = 30_000
# Pooled connections are renewed after this long (s), whatever a firewall does to old ones.
POOL_RECYCLE = 1800


# PostgreSQL's codes for a server that can't take the transaction now: connection
# failures, a shut-down or starting server, no connection slots left.
_UNAVAILABLE = {
    "57P01": "the server was shut down",
    "57P02": "the server crashed",
    "57P03": "the server is starting up or shutting down",
    "53300": "the server has no connection slots left",
}


def unreachable(problem: BaseException) -> str | None:
    """Why the database can't be reached right now (it is silent, refuses or lost the
    connection, or is shutting down), or None for any other failure. Only for failures
    raised by the database layer: a TimeoutError or OSError there is the network's."""
    if isinstance(problem, DatabaseUnreachable):
        return problem.cause
    if isinstance(problem, sa_exc.TimeoutError):
        return "no free connection in the pool in time (every one is waiting on the server)"
    if isinstance(problem, TimeoutError):
        return "no answer in time"
    if isinstance(problem, OSError):
        return f"the connection failed ({type(problem).__name__})"
    # asyncpg's own error when connecting, or wrapped by SQLAlchemy in a statement.
    code = str(getattr(getattr(problem, "orig", problem), "sqlstate", "") or "")
    if code in _UNAVAILABLE:
        return _UNAVAILABLE[code]
    if code.startswith("08"):
        return "the connection was lost"
    if isinstance(problem, sa_exc.DBAPIError) and problem.connection_invalidated:
        return "the connection was lost"
    return None


def create_engine(database_url: str, timeouts: Timeouts = PATIENT) -> AsyncEngine:
    """An async engine for SQLite (aiosqlite) or PostgreSQL (asyncpg), every wait bounded
    by `timeouts` on PostgreSQL (SQLite waits its busy timeout; it has no network).

    `hide_parameters` keeps bound values (what a client wrote) out of exception messages,
    which end up in logs.
    """
    if database_url.startswith("sqlite"):
        create_private_file(sqlite_file(database_url))
        engine = create_async_engine(database_url, hide_parameters=True)
        _tune_sqlite(engine)
        return engine
    engine = create_async_engine(
        database_url,
        hide_parameters=True,
        # A pooled connection is tried (bounded by `answer`) before use; one that fails is
        # replaced, so a restarted server costs no client an error.
        pool_pre_ping=True,
        pool_timeout=timeouts.pool,
        pool_recycle=POOL_RECYCLE,
        connect_args={
            "timeout": timeouts.connect,
            "command_timeout": timeouts.answer,
            "server_settings": {
                "lock_timeout": str(int(timeouts.lock * 1000)),
                "statement_timeout": str(int(timeouts.statement * 1000)),
                "idle_in_transaction_session_timeout": str(
                    int(timeouts.idle_in_transaction * 1000)
                ),
                "tcp_keepalives_idle": str(KEEPALIVE_IDLE),
                "tcp_keepalives_interval": str(KEEPALIVE_INTERVAL),
                "tcp_keepalives_count": str(KEEPALIVE_COUNT),
            },
        },
    )
    event.listen(engine.sync_engine, "connect", _keep_alive)
    event.listen(engine.sync_engine, "handle_error", _give_up_on_silent_connection)
    event.listen(engine.sync_engine.pool, "invalidate", _end_at_once)
    idle: weakref.WeakSet[Any] = weakref.WeakSet()
    _IDLE[engine.sync_engine] = idle

    @event.listens_for(engine.sync_engine.pool, "checkin")
    def _now_idle(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        if record.driver_connection is not None:
            idle.add(record.driver_connection)

    @event.listens_for(engine.sync_engine.pool, "checkout")
    def _now_busy(_dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle.discard(record.driver_connection)

    return engine


# Each PostgreSQL engine's pooled connections not in use, to end when the database goes
# silent: they are most likely stuck on the same network.
_IDLE: weakref.WeakKeyDictionary[Any, weakref.WeakSet[Any]] = weakref.WeakKeyDictionary()


def end_idle_connections(engine: AsyncEngine) -> None:
    """End the pool's idle connections at once, without a word to the server: the pool
    then finds each closed when it is next taken (its pre-ping) and opens a new one."""
    for connection in list(_IDLE.get(engine.sync_engine, ())):
        connection.terminate()


def _keep_alive(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    """Client-side TCP keepalives on a new connection. asyncpg has no option for them
    (MagicStack/asyncpg#606); its transport's socket takes them, as asyncio documents
    (`get_extra_info("socket")`). Where that isn't reachable the timeouts still bound
    every wait: keepalives only find a dead idle connection sooner."""
    transport = getattr(record.driver_connection, "_transport", None)
    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for name, value in (
        ("TCP_KEEPIDLE", KEEPALIVE_IDLE),
        ("TCP_KEEPINTVL", KEEPALIVE_INTERVAL),
        ("TCP_KEEPCNT", KEEPALIVE_COUNT),
        ("TCP_USER_TIMEOUT", TCP_USER_TIMEOUT_MS),
    ):
        if hasattr(socket, name):  # Linux has all four; other systems some
            sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, name), value)


def _give_up_on_silent_connection(context: ExceptionContext) -> BaseException | None:
    """A statement that timed out, or whose connection failed, leaves the connection in an
    unknown state: it is discarded (and the pool's older ones with it), not reused, and
    the failure becomes DatabaseUnreachable, which says why."""
    cause = unreachable(context.original_exception)
    if cause is None:
        return None
    context.is_disconnect = True
    return DatabaseUnreachable(cause)


def _end_at_once(_dbapi_connection: Any, record: ConnectionPoolEntry, problem: Any) -> None:
    """A connection discarded because the network failed is ended at once: a polite close
    would wait on the same silent network (SQLAlchemy gives it 2 s) while a client waits."""
    if problem is None or unreachable(problem) is None:
        return
    terminate = getattr(record.driver_connection, "terminate", None)
    if terminate is not None:
        terminate()


def sqlite_file(database_url: str) -> Path | None:
    """The file of a SQLite database URL (None: in memory)."""
    database = make_url(database_url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def create_private_file(path: Path | None) -> None:
    """Create the SQLite file readable by its owner only, before SQLite does (which would
    follow the umask, usually world-readable). SQLite gives its -wal and -shm files the
    main file's mode, so they are private too. An existing file is left as it is."""
    if path is None:
        return
    with contextlib.suppress(FileExistsError, FileNotFoundError, PermissionError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def readable_by_others(path: Path) -> bool:
    """Whether a file's mode lets its group or anyone else read it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRGRP | stat.S_IROTH))


def _tune_sqlite(engine: AsyncEngine) -> None:
    """WAL for concurrent readers, a busy timeout, foreign keys, and BEGIN IMMEDIATE;
    deleted rows overwritten with zeros (secure_delete), and the WAL kept small, so an
    erase leaves nothing behind in the files (`scrub_after_erase`).

    A deferred SQLite transaction that reads and then writes fails at once with "database is
    locked" when another connection wrote meanwhile; taking the write lock at BEGIN makes
    writers queue (up to the busy timeout) instead. This is SQLAlchemy's documented recipe.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute(f"PRAGMA journal_size_limit = {SQLITE_JOURNAL_SIZE_LIMIT}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose objects stay readable after commit (we reply after committing)."""
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


class Database:
    """Sessions and transactions on one engine.

    SQLite has one writer at a time. Left to itself, a waiting writer sleeps in SQLite's
    busy handler and retries, so under load the lock sits free while writers doze: the
    bot ran at a fifth of its speed. Here writers of this process queue on an asyncio lock
    instead, and take the next turn the moment the last one commits. BEGIN IMMEDIATE still
    guards against other processes. PostgreSQL needs no such lock: row locks order a
    client's turns and let different clients write at once.

    When the database stops answering, transactions go through `storage.outage.Outage`:
    one at a time tries the database, and the others share what it found.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions = session_factory(engine)
        self._writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None
        self._outage = Outage(
            engine.url.render_as_string(hide_password=True),
            lambda: end_idle_connections(engine),
        )
        self._scrubbing = False
        self._scrub_again = False

    async def scrub_after_erases(self) -> bool | None:
        """`scrub_after_erase`, one at a time: erases while one runs are covered by one
        more run after it (None: this call's erase is left to the run under way). Clients
        erasing again and again can't queue rewrites of every table behind each other."""
        if self._scrubbing:
            self._scrub_again = True
            return None
        self._scrubbing = True
        try:
            while True:
                self._scrub_again = False
                done = await scrub_after_erase(self)
                if not self._scrub_again:
                    return done
        finally:
            self._scrubbing = False

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction that commits on leaving (rolls back on an error);
        DatabaseUnreachable when the database doesn't answer in time."""
        trying = await self._outage.admit()
        try:
            async with self.writing(), self.sessions() as session, session.begin():
                await self._connect(session)
                self._outage.answered(trying)
                yield session
        except DatabaseUnreachable as problem:
            self._outage.failed(trying, problem.cause)
            raise
        finally:
            self._outage.settle(trying)

    def writing(self) -> contextlib.AbstractAsyncContextManager[object]:
        """This process's turn at writing (SQLite); nothing to wait for on PostgreSQL."""
        return self._writer if self._writer is not None else contextlib.nullcontext()

    async def _connect(self, session: AsyncSession) -> None:
        """Take a connection now (a new one, or a pooled one tried first), so that a
        network failure here is known to be the database's."""
        try:
            await session.connection()
        except Exception as problem:
            cause = unreachable(problem)
            if cause is None:
                raise
            raise DatabaseUnreachable(cause) from problem


async def scrub_after_erase(database: Database) -> bool:
    """After an erase commits, make the erased rows unreadable from the live database.

    SQLite: secure_delete already zeroed the rows in the pages, but the WAL still holds the
    pages as they were; a TRUNCATE checkpoint copies the zeroed pages into the file and
    empties the WAL. It waits for readers (the busy timeout), so it is tried a few times.

    PostgreSQL: a deleted row stays in its page as a dead tuple, and plain VACUUM only
    marks its space free: the bytes stay until something overwrites them. The tables that
    hold a client's words (encrypted texts, the flow's work in progress) are rewritten by
    VACUUM FULL, which drops the old files. It locks the table while it copies it (time in
    proportion to the table: a practice's tables are small), so it waits at most
    `_VACUUM_LOCK_WAIT` for the lock and is tried again, rather than queue every client's
    turn behind a long transaction. The other tables (times, ratings, schedules) get plain
    VACUUM, which runs beside reads and writes. Returns whether it finished; the caller
    runs it after the reply, never in a turn, and logs a failure.
    """
    if database.engine.dialect.name == "sqlite":
        for _ in range(_CHECKPOINT_ATTEMPTS):
            async with database.writing(), database.engine.connect() as connection:
                # On the driver's connection: SQLAlchemy would wrap it in BEGIN IMMEDIATE,
                # and a checkpoint can't run inside a transaction.
                raw = (await connection.get_raw_connection()).driver_connection
                assert raw is not None
                async with raw.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                    busy, *_ = await cursor.fetchone()
            if not busy:
                return True
            await asyncio.sleep(0.2)
        return False
    words, others = _tables_by_content()
    connection = await database.engine.connect()
    try:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.exec_driver_sql(f"SET lock_timeout = '{_VACUUM_LOCK_WAIT}'")
        # Longer than a turn's statements may take, for a rewrite, but bounded all the same.
        await connection.exec_driver_sql(f"SET statement_timeout = '{_VACUUM_LIMIT}'")
        await connection.exec_driver_sql(f"VACUUM {', '.join(others)}")
        for _ in range(_CHECKPOINT_ATTEMPTS):
            try:
                await connection.exec_driver_sql(f"VACUUM FULL {', '.join(words)}")
                return True
            except DBAPIError as problem:
                if str(getattr(problem.orig, "sqlstate", "")) != "55P03":  # lock not available
                    raise
            await asyncio.sleep(1.0)
        return False
    finally:
        with contextlib.suppress(DBAPIError):
            await connection.exec_driver_sql("RESET ALL")
        await connection.close()


def _tables_by_content() -> tuple[list[str], list[str]]:
    """The tables holding a client's words (an encrypted column, or the flow's data), and
    the others, quoted for SQL."""
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401  (every table on the metadata)
    from storage.crypto import EncryptedText

    words: list[str] = []
    others: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        texts = any(isinstance(column.type, EncryptedText) for column in table.columns)
        (words if texts or table.name == "flow_states" else others).append(f'"{table.name}"')
    return words, others


def alembic_config() -> Config:
    """Alembic's configuration, without an ini file: migrations live beside this module."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


# The advisory lock replicas take while migrating: any fixed number, the same in each.
_MIGRATION_LOCK = 0x7265666C  # "refl"


async def upgrade_schema(engine: AsyncEngine) -> None:
    """Create or upgrade the schema to the newest migration, on the given engine."""

    def _upgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    try:
        async with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                # Replicas starting together: one migrates, the others wait and find it done.
                # (SQLite's first DDL statement takes the file's write lock the same way.)
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
            await connection.run_sync(_upgrade)
            revision = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
    except Exception as problem:
        # Drivers raise their own kinds (asyncpg's, OSError, SQLAlchemy's); at start they
        # all mean one thing to the operator: this database can't be used.
        raise DatabaseUnavailable(type(problem).__name__) from problem
    logger.info("Database schema is at revision %s", revision)
