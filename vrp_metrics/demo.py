"""Loading the synthetic demonstration returns of ``data/demo`` into a store.

The files are made by ``vrp_metrics.demo_data`` (seeded, reproducible) and go through
the same validation and loading as any partner return.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from vrp_metrics.access import system_user
from vrp_metrics.catalogue import Catalogue
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import LoadResult, Store, StoreError

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_LOADED_BY = "demo data"


def demo_files(directory: Path = DEMO_DIR) -> list[Path]:
    """The demo return files, in a stable order."""
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))


def load_demo(store: Store, catalogue: Catalogue, directory: Path = DEMO_DIR) -> list[LoadResult]:
    """Validate and load every demo return; a demo file with errors is a bug, so it raises."""
    results = []
    for path in demo_files(directory):
        report = validate_file(path, catalogue)
        if not report.ok:
            first = report.errors[0]
            raise StoreError(
                f"demo file {path.name} does not validate: row {first.row}, "
                f"column {first.column}: {first.message}"
            )
        results.append(store.load(report, user=system_user(DEMO_LOADED_BY)))
    return results


@functools.cache
def demo_file_digests(directory: Path = DEMO_DIR) -> frozenset[str]:
    """The SHA-256 of every demo return file, to know them whoever loads them and how."""
    return frozenset(
        hashlib.sha256(path.read_bytes()).hexdigest() for path in demo_files(directory)
    )


def includes_demo_data(store: Store) -> bool:
    """Whether any batch in force is demo data (so pages must say figures are synthetic).

    A batch is demo data when the demo loaded it, or when its file is one of the demo
    files (loaded by hand, say from the command line). Loading a real return next to the
    demo data does not make the demo figures real, so the banner stays until every demo
    batch is withdrawn (or a fresh database is used).
    """
    batches = store.batches()
    in_force = batches[batches["in_force"]]
    demo = (in_force["loaded_by"] == DEMO_LOADED_BY) | in_force["sha256"].isin(demo_file_digests())
    return bool(demo.any())
