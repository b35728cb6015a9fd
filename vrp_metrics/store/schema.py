"""The database's schema: made or upgraded on a read-write open, checked on every open."""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb

from vrp_metrics.sqlfiles import sql_file
from vrp_metrics.store.connection import StoreError

SCHEMA_VERSION = 4
_MIGRATIONS = {
    1: "store/schema_v1.sql",
    2: "store/schema_v2.sql",
    3: "store/schema_v3.sql",
    4: "store/schema_v4.sql",
}


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return int(con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0])


def _refuse_data_files(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a file DuckDB opened as data rather than as a database.

    DuckDB opens an existing CSV, Parquet or JSON file as a table of a database held in
    memory: what was written there would be lost when the program ends.
    """
    found = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    if not found or found[0][0] is None:
        raise StoreError(
            f"the file {path} is not a database but a data file (such as a CSV file) — "
            "give the database file (for example data/vrp.duckdb), or a new file name"
        )


def _refuse_foreign_tables(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a DuckDB file of another program before anything is written to it.

    A file without a ``schema_version`` table but with tables of its own was not made
    here: migrating it would collide with (or add to) that program's tables.
    """
    if _schema_version(con) > 0:
        return
    tables = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database()"
    ).fetchall()[0][0]
    if tables:
        raise StoreError(
            f"the file {path} is not a VRP dashboard database (it has tables of "
            "another program) — use a new file name, or the file of an existing VRP "
            "dashboard database"
        )


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    version = _schema_version(con)
    if version >= SCHEMA_VERSION:
        return
    con.begin()
    try:
        if version == 0:
            con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            con.execute(sql_file(_MIGRATIONS[step]))
            con.execute("INSERT INTO schema_version VALUES ($v)", {"v": step})
        con.commit()
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.rollback()
        raise


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    version = _schema_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the database {path} was made by a newer release (schema {version}); "
            "upgrade this program to open it"
        )
    if version == 0:
        # Only a read-only open gets here (any other is migrated): an empty file.
        raise StoreError(
            f"the database {path} holds no VRP data yet: load returns into it first "
            "(python -m vrp_metrics load) or fill it with the demo data "
            "(python -m vrp_metrics demo)"
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"the database {path} has an older schema ({version}); open it once "
            "without read-only to upgrade it"
        )


def prepare(con: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
    """Make or upgrade the schema (unless ``read_only``), then check that this release
    can read the database; a :class:`StoreError` says what to do if it cannot."""
    _refuse_data_files(con, path)
    _refuse_foreign_tables(con, path)
    if not read_only:
        _migrate(con)
    _check_version(con, path)
