"""Where the time of the benchmark goes: a profile of validating the readings return, and
of the SQL that computes every figure (see ``benchmarks/README.md``).

    python -m benchmarks.profile_hot_spots [--rows 1000000] [--top 15]

Run from the repository root. It writes the synthetic returns of ``generate.py``, then
prints:

- the library functions of ``validate_file`` that take longest (cProfile, cumulative
  time, functions of ``vrp_metrics`` only);
- the DuckDB operators of the figures query that take longest (DuckDB's own profiler;
  an operator's time is summed over the threads that ran it), named after the
  materialised CTE of ``figures.sql`` they compute, where there is one (DuckDB inlines
  a CTE read only once into the step that reads it).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from benchmarks.generate import DEFAULT_OUT, DEFAULT_ROWS, DEFAULT_SEED, generate
from vrp_metrics.access import local_user
from vrp_metrics.catalogue import Catalogue, load_catalogue
from vrp_metrics.metrics import figures_on
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import Store


def profile_validation(path: Path, catalogue: Catalogue, top: int) -> str:
    """cProfile's listing of the slowest ``vrp_metrics`` functions of one validation."""
    validate_file(path, catalogue)  # once first, so that imports and caches are warm
    profiler = cProfile.Profile()
    profiler.enable()
    report = validate_file(path, catalogue)
    profiler.disable()
    assert report.ok, report.errors[:3]
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats("vrp_metrics", top)
    return out.getvalue()


def _operators(node: dict[str, Any], cte: str = "") -> Iterator[tuple[float, int, str, str]]:
    """(seconds, rows, operator, what it does) of every operator of a DuckDB JSON profile.

    A materialised CTE is a node whose first child computes it and whose second child is
    the rest of the query; operators are named after the CTE they compute, if any.
    """
    extra = node.get("extra_info", {})
    detail = {
        key: extra[key]
        for key in ("Projections", "Groups", "Aggregates", "Conditions", "Table")
        if key in extra
    }
    name = str(node.get("type", "?"))
    if "CTE Name" in extra:
        name = f"{name} {extra['CTE Name']} (materialising it)"
    elif cte:
        name = f"{name} (computing {cte})"
    yield (
        float(node.get("timing", 0.0)),
        int(node.get("intermediate_rows") or 0),
        name,
        json.dumps(detail)[:160],
    )
    for position, child in enumerate(node.get("children", [])):
        computes = extra["CTE Name"] if "CTE Name" in extra and position == 0 else cte
        yield from _operators(child, computes)


def profile_figures(readings: Path, others: list[Path], catalogue: Catalogue, top: int) -> str:
    """DuckDB's profile of the figures query on a store holding all three returns."""
    with tempfile.TemporaryDirectory(prefix="vrp-profile-") as folder:
        database, output = Path(folder) / "store.duckdb", Path(folder) / "profile.json"
        with Store(database) as store:
            for path in [readings, *others]:
                store.load(validate_file(path, catalogue), user=local_user("benchmark"))
        with Store(database, read_only=True) as store:
            cur = store.cursor()
            try:
                figures_on(cur, catalogue)  # once first, as in the benchmark's warm state
                cur.execute("PRAGMA enable_profiling = 'json'")
                cur.execute(f"PRAGMA profiling_output = '{output}'")
                figures_on(cur, catalogue)
                cur.execute("PRAGMA disable_profiling")
            finally:
                cur.close()
        profile = json.loads(output.read_text())
    query = profile.get("query", {})
    operators = [op for root in profile.get("operator", []) for op in _operators(root)]
    operators.sort(key=lambda op: -op[0])
    lines = [
        f"query: {query.get('total_time', 0):.3f} s wall, "
        f"{query.get('cpu_time', 0):.3f} s CPU over all threads",
        "",
        "| s (all threads) | rows out | operator | detail |",
        "|---:|---:|---|---|",
    ]
    lines += [
        f"| {seconds:.3f} | {rows:,} | {name} | `{detail}` |"
        for seconds, rows, name, detail in operators[:top]
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.profile_hot_spots",
        description="Profile validating the big readings return and computing every figure.",
    )
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="readings in the file")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the returns")
    parser.add_argument("--top", type=int, default=15, help="lines of each profile")
    args = parser.parse_args(argv)

    catalogue = load_catalogue()
    files = generate(args.out, rows=args.rows, seed=args.seed, catalogue=catalogue)
    print("## validate_file (cProfile, vrp_metrics functions, cumulative)\n")
    print(profile_validation(files.readings, catalogue, args.top))
    print("## measure_figures (DuckDB profiler, slowest operators)\n")
    print(profile_figures(files.readings, [files.measures, files.tracker], catalogue, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
