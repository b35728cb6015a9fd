"""Careless and hostile database files given to the command line: each is refused with a
clear message and exit 1, never a traceback, and the file given is left as it was.

(Loads started together, and a database another program holds, are in
``tests/store/test_sharing.py``.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vrp_metrics.catalogue import load_catalogue
from vrp_metrics.demo import load_demo
from vrp_metrics.store import Store

REPO = Path(__file__).resolve().parents[2]
FILES = Path(__file__).with_name("files")
CATALOGUE_FILE = REPO / "tests" / "store" / "catalogue.toml"
RETURN = FILES / "store_return_given_as_database.csv"
COMMANDS = ["load", "measures"]
"""A command that writes and one that reads (history and withdraw open the file alike)."""


def run(command: str, db: Path) -> subprocess.CompletedProcess[str]:
    extra = {"load": [str(RETURN)], "withdraw": ["1"]}.get(command, [])
    return subprocess.run(
        [sys.executable, "-m", "vrp_metrics", "--catalogue", str(CATALOGUE_FILE)]
        + [command, "--db", str(db), *extra],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and result.stdout == ""
    message = result.stderr.splitlines()[-1]
    assert message.startswith("error: ")
    for word in words:
        assert word in message, message


@pytest.mark.parametrize("command", COMMANDS)
def test_a_return_given_as_the_database_is_refused_and_left_alone(
    tmp_path: Path, command: str
) -> None:
    # DuckDB opens an existing CSV file as a table of a database held in memory: a load
    # into it would vanish when the command ends.
    db = tmp_path / "returns.csv"
    shutil.copy(RETURN, db)
    result = run(command, db)
    refused(result, str(db), "is not a database but a data file", "give the database file")
    assert db.read_bytes() == RETURN.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["returns.csv"]


@pytest.fixture(scope="module")
def incomplete_copy(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The first 300,000 bytes of a demo database (a copy cut short): its header and
    catalogue are there, some of its data is not."""
    path = tmp_path_factory.mktemp("whole") / "vrp.duckdb"
    load_demo(Store(path), load_catalogue())
    whole = path.read_bytes()
    assert len(whole) > 600_000
    return whole[:300_000]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_copied_only_in_part_is_refused_clearly(
    tmp_path: Path, command: str, incomplete_copy: bytes
) -> None:
    db = tmp_path / "vrp.duckdb"
    db.write_bytes(incomplete_copy)
    refused(run(command, db), str(db), "could not be read or written", "the copy may be incomplete")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b""), ["exists, but it is not a valid DuckDB database file"]),
        (lambda p: p.mkdir(), ["Is a directory"]),
        (lambda p: p.write_bytes(b"DUCK" * 1024), ["cannot open the database"]),
    ],
    ids=["empty file", "a folder", "not a database"],
)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_is_no_database_is_refused_clearly(
    tmp_path: Path, command: str, make, words: list[str]
) -> None:
    db = tmp_path / "vrp.duckdb"
    make(db)
    before = db.read_bytes() if db.is_file() else None
    refused(run(command, db), str(db), *words)
    assert (db.read_bytes() if db.is_file() else None) == before
