"""Another program holding a database file, as a dashboard of an earlier release or an
open DuckDB shell would: a real process with a read-write DuckDB connection."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_HOLD = textwrap.dedent(
    """
    import sys, time
    import duckdb
    con = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
    """
)


@contextmanager
def held(path: Path, seconds: float = 120) -> Iterator[subprocess.Popen[str]]:
    """A process that holds ``path`` from the moment this enters, for ``seconds`` (then it
    closes the file and ends) or until the block ends, whichever comes first."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        holder.kill()
        holder.wait()
