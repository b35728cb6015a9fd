"""The command line: ``python -m vrp_metrics`` (a stable contract, DESIGN.md §5).

Exit codes: 0 success; 1 a file has errors or the operation could not be done (the
message says why); 2 the command was not written right (argparse's usage error).

While another program holds the database (a load from the dashboard or another command),
a command waits its turn: up to ``QUEUE_WAIT_SECONDS``, or ``VRP_DB_WAIT`` seconds.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from vrp_metrics import exports, periods
from vrp_metrics.access import Action, NotAllowed, local_user
from vrp_metrics.catalogue import Catalogue, CatalogueError, Frequency, load_catalogue
from vrp_metrics.demo import DEMO_DIR, load_demo
from vrp_metrics.metrics import (
    CLI_COLUMNS,
    default_listing,
    figures_for_period,
    measure_figures,
)
from vrp_metrics.preview import preview
from vrp_metrics.records.codes import record_code
from vrp_metrics.records.members import group_code, membership_frame
from vrp_metrics.returns.report import Problem, ValidationReport
from vrp_metrics.returns.validate import validate_file
from vrp_metrics.store import QUEUE_WAIT_SECONDS, Store, StoreError
from vrp_metrics.store.audit import AUDIT_FIELDS, audit_table
from vrp_metrics.store.connection import unreadable
from vrp_metrics.text import TextError, person_name

DB_WAIT_ENV = "VRP_DB_WAIT"
"""Seconds a command waits for a database another program holds (default 60)."""


def _current_user() -> str:
    """Who runs the command, the default for ``--by``.

    ``getpass.getuser`` fails where the user has no name (no USER or LOGNAME and no
    passwd entry for the uid, as in some containers); every command must still run.
    """
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def _name(text: str) -> str:
    """A ``--by`` name: the history shows who did what, so it must be a name one can read
    (see ``vrp_metrics.text.person_name``)."""
    try:
        return person_name(text)
    except TextError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _open_store(path: Path, **options: bool) -> Store:
    """The store at ``path``, waiting its turn while another program holds the file (and
    saying so once, so that a wait is not mistaken for a hang)."""
    text = os.environ.get(DB_WAIT_ENV, "").strip()
    try:
        wait = float(text) if text else QUEUE_WAIT_SECONDS
    except ValueError:
        wait = -1.0
    if not wait >= 0:  # also refuses nan
        raise StoreError(f"{DB_WAIT_ENV} must be a number of seconds, not {text!r}")
    told = False

    def waiting() -> None:
        nonlocal told
        if not told:
            told = True
            print(
                f"waiting for the database {path}: another program is using it "
                f"(for up to {wait:g} s)",
                file=sys.stderr,
            )

    return Store(path, wait=wait, on_wait=waiting, **options)


def _problem_line(label: str, problem: Problem) -> str:
    """``  error: row 3, column value, value '-1': message``, leaving out the parts the
    problem has not got (a file-level problem has no row)."""
    where = ", ".join(
        part
        for part in (
            f"row {problem.row}" if problem.row is not None else "",
            f"column {problem.column}" if problem.column else "",
            f"value {problem.value!r}" if problem.value is not None else "",
        )
        if part
    )
    return f"  {label}: {where + ': ' if where else ''}{problem.message}"


def _print_report(report: ValidationReport, out=sys.stdout) -> None:
    kind = f"{report.kind} return" if report.kind else "unrecognised file"
    if report.ok:
        print(f"OK     {report.file} ({kind}, {report.rows} rows)", file=out)
    else:
        print(f"ERRORS {report.file} ({kind}): {len(report.errors)} error(s)", file=out)
    for label, problems in (("error", report.errors), ("warning", report.warnings)):
        for p in problems:
            print(_problem_line(label, p), file=out)


def _cmd_validate(args: argparse.Namespace, catalogue: Catalogue) -> int:
    reports = [validate_file(Path(f), catalogue) for f in args.files]
    if args.json:
        print(exports.json_text([r.to_dict() for r in reports]))
    else:
        for report in reports:
            _print_report(report)
    return 0 if all(r.ok for r in reports) else 1


def _cmd_load(args: argparse.Namespace, catalogue: Catalogue) -> int:
    # Every file is validated before the database is opened, so a run in which no file
    # is valid does not leave a new, empty database behind.
    valid = []
    for name in args.files:
        report = validate_file(Path(name), catalogue)
        if report.ok:
            valid.append(report)
        else:
            _print_report(report, out=sys.stderr)
            print(f"  nothing was loaded from {report.file}", file=sys.stderr)
    if valid:
        with _open_store(args.db) as store:
            for report in valid:
                # Worked out before the load, against the figures as they stand (with the
                # files before it in this run): the warnings of the web upload page.
                checks = preview(store, catalogue, report).warnings
                result = store.load(report, user=local_user(args.by))
                if result.status == "unchanged":
                    print(f"UNCHANGED {report.file}: identical to batch {result.batch_id}")
                    checks = []  # the preview would only say the same
                else:
                    print(f"LOADED {report.file} as batch {result.batch_id} ({result.rows} rows)")
                for p in report.warnings:
                    print(_problem_line("warning", p))
                for message in checks:
                    print(f"  warning: {message}")
    return 0 if len(valid) == len(args.files) else 1


def _figures_table(args: argparse.Namespace, catalogue: Catalogue) -> pd.DataFrame:
    with _open_store(args.db, read_only=True) as store:
        figures = measure_figures(store, catalogue, as_at_batch=args.as_at, records=True)
    if args.period:
        table = figures_for_period(figures, catalogue, args.period)
    else:
        table = default_listing(figures, catalogue)
    if args.measure:
        table = table[table["measure_code"] == args.measure]
    return table[CLI_COLUMNS].reset_index(drop=True)


def _cmd_measures(args: argparse.Namespace, catalogue: Catalogue) -> int:
    if args.measure and (code := record_code(catalogue, args.measure)) is not None:
        args.measure = code  # a working group's attendance or Crest readiness (DESIGN §9)
    elif args.measure:
        measure = catalogue.measure_coded(args.measure)
        if measure is None:
            print(
                f"error: {args.measure!r} is not a measure code in the catalogue",
                file=sys.stderr,
            )
            return 1
        args.measure = measure.code  # as the catalogue spells it: 5.1.3.A is 5.1.3.a
    if args.period:
        period = periods.try_parse_period(args.period)
        if period is None:
            print(f"error: {args.period!r} is not a period:", file=sys.stderr)
            print(
                f"  use a quarter ({periods.VALID_QUARTER_FORMS}) "
                f"or a year ({periods.VALID_YEAR_FORMS})",
                file=sys.stderr,
            )
            return 1
        annual = (
            catalogue.has_measure(args.measure or "")
            and catalogue.measure(args.measure).frequency is Frequency.annual
        )
        if annual and periods.is_quarter(period):
            year = periods.format_period(periods.financial_year_of(period))
            print(
                f"note: {args.measure} is reported by financial year, not by quarter: "
                f'ask for --period "{year}"',
                file=sys.stderr,
            )
    table = _figures_table(args, catalogue)
    # Strict JSON (null, never NaN or Infinity) and formula-safe CSV (DESIGN §8).
    if args.format == "json":
        print(exports.json_text(exports.json_records(table)))
    else:
        sys.stdout.write(exports.csv_text(table))
    return 0


def _cmd_demo(args: argparse.Namespace, catalogue: Catalogue) -> int:
    with _open_store(args.db) as store:
        results = load_demo(store, catalogue)
    loaded = sum(r.status == "loaded" for r in results)
    print(
        f"{args.db}: {loaded} demo return(s) loaded, {len(results) - loaded} unchanged "
        f"(synthetic demonstration data from {DEMO_DIR})"
    )
    return 0


def _cmd_history(args: argparse.Namespace, catalogue: Catalogue) -> int:
    with _open_store(args.db, read_only=True) as store:
        batches = store.batches()
    columns = [
        "batch_id",
        "file_name",
        "kind",
        "loaded_by",
        "loaded_at",
        "rows_loaded",
        "in_force",
        "withdrawn_at",
        "replaced_batches",
    ]
    table = batches[columns]
    # File names and names given with --by are typed by people: formula-safe CSV, and
    # strict JSON. A list has no CSV form of its own: "1; 4" reads in a spreadsheet cell.
    if args.format == "json":
        print(exports.json_text(exports.json_records(table)))
    else:
        sys.stdout.write(exports.csv_text(table))
    return 0


def _cmd_withdraw(args: argparse.Namespace, catalogue: Catalogue) -> int:
    with _open_store(args.db, create=False) as store:
        store.withdraw(args.batch, user=local_user(args.by))
    print(f"batch {args.batch} withdrawn: the figures it replaced are in force again")
    return 0


def _cmd_audit(args: argparse.Namespace, catalogue: Catalogue) -> int:
    with _open_store(args.db, read_only=True) as store:
        log = store.audit_log()
    table = audit_table(log)
    # Actors, objects and details hold text people typed: formula-safe CSV, strict JSON.
    if args.format == "json":
        records = exports.json_records(table)
        for record in records:
            record["roles"] = record["roles"].split(",") if record["roles"] else []
        print(exports.json_text(records))
    else:
        sys.stdout.write(exports.csv_text(table))
    return 0


def _period_or_message(text: str) -> str | None:
    """The canonical period, or None after saying on standard error why it is not one."""
    period = periods.try_parse_period(text)
    if period is None:
        print(f"error: {text!r} is not a period:", file=sys.stderr)
        print(
            f"  use a quarter ({periods.VALID_QUARTER_FORMS}) "
            f"or a year ({periods.VALID_YEAR_FORMS})",
            file=sys.stderr,
        )
        return None
    return periods.format_period(period)


def _cmd_pack(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from vrp_metrics.packs import PackError, build_pack
    from vrp_metrics.packs.files import write_pack

    period = _period_or_message(args.period)
    if period is None:
        return 1
    user = local_user(args.by)
    with _open_store(args.db, create=False) as store:
        store.check(user, Action.PACK, f"pack {args.scope} {period}")
        try:
            pack = build_pack(
                store, catalogue, args.scope, period, as_at_batch=args.as_at, public=args.public
            )
        except PackError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        what = f"{'publication' if pack.public else 'internal'} {args.format} pack"
        write_pack(
            pack,
            args.format,
            args.out,
            before_rename=lambda: store.record(
                user,
                Action.PACK,
                f"pack {pack.scope.code} {pack.period}",
                detail=f"{what}, figures as at {pack.as_at}, written to {Path(args.out).name}",
            ),
        )
    print(
        f"{args.out}: {what} for {pack.scope.title}, {pack.period} ({len(pack.measures)} measures)"
    )
    return 0


def _cmd_export(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from vrp_metrics.packs.files import write_whole
    from vrp_metrics.period_export import export_bytes, export_table

    period = _period_or_message(args.period)
    if period is None:
        return 1
    user = local_user(args.by)
    with _open_store(args.db, create=False) as store:
        store.check(user, Action.EXPORT, f"export {period}")
        table = export_table(store, catalogue, period, public=args.public)
        if not (table["rag"] != "grey").any() and table["value"].isna().all():
            print(f"error: there are no figures for {period} in {args.db}", file=sys.stderr)
            return 1
        what = f"{'publication' if args.public else 'internal'} {args.format} export"
        write_whole(
            args.out,
            export_bytes(table, args.format, public=args.public),
            before_rename=lambda: store.record(
                user,
                Action.EXPORT,
                f"export {period}",
                detail=f"{what} of the overview table, written to {Path(args.out).name}",
            ),
        )
    print(f"{args.out}: {what} of {len(table)} measures for {period}")
    return 0


def _cmd_members(args: argparse.Namespace, catalogue: Catalogue) -> int:
    group = None
    if args.group:
        group = group_code(catalogue, args.group)
        if group is None:
            codes = ", ".join(g.code for g in catalogue.working_groups)
            print(f"error: {args.group!r} is not a working group: use {codes}", file=sys.stderr)
            return 1
    table = membership_frame(catalogue, group)
    if args.format == "json":
        print(exports.json_text(exports.json_records(table)))
    else:
        sys.stdout.write(exports.csv_text(table))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m vrp_metrics",
        description="Validate and load partner returns, and compute the OBPF measures.",
    )
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=None,
        help="catalogue file (default: data/catalogue.toml)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", required=True, type=Path, help="the DuckDB database file")

    p = sub.add_parser(
        "validate",
        help="check return files without loading them",
        description="Check return files without loading them (a dry run). "
        "Exit 0 when every file is valid, 1 otherwise.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX return files")
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser(
        "load",
        help="validate and load return files, each as one batch",
        description="Validate then load each file as one atomic batch. "
        "A file with errors writes nothing; exit 1 if any file had errors.",
    )
    db_option(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX return files")
    p.add_argument(
        "--by", type=_name, default=_current_user(), help="who is loading (default: you)"
    )
    p.set_defaults(run=_cmd_load)

    p = sub.add_parser(
        "measures",
        help="print every measure's figures",
        description="One row per measure and period: "
        + ",".join(CLI_COLUMNS)
        + ". Values unrounded; percentages 0–100.",
    )
    db_option(p)
    p.add_argument("--period", help='a quarter ("2024/25 Q2") or a financial year ("2024/25")')
    p.add_argument("--measure", metavar="CODE", help="one measure code, e.g. 5.1.2.c")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format")
    p.add_argument(
        "--as-at",
        type=int,
        metavar="BATCH",
        help="figures as they stood just after this batch was loaded",
    )
    p.set_defaults(run=_cmd_measures)

    p = sub.add_parser(
        "demo",
        help="fill a database with the synthetic demo data",
        description="Load the synthetic demonstration returns in data/demo "
        "through the normal validation path.",
    )
    db_option(p)
    p.set_defaults(run=_cmd_demo)

    p = sub.add_parser(
        "history",
        help="list every batch loaded",
        description="Every batch: who loaded it, when, file, kind, rows, "
        "whether it is in force and which batches it replaced.",
    )
    db_option(p)
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format")
    p.set_defaults(run=_cmd_history)

    p = sub.add_parser(
        "withdraw",
        help="withdraw a batch, restoring what it replaced",
        description="Withdraw a batch: its figures stop counting and the "
        "figures it replaced are in force again. History is kept.",
    )
    db_option(p)
    p.add_argument("batch", type=int, metavar="BATCH", help="the batch id (see history)")
    p.add_argument(
        "--by", type=_name, default=_current_user(), help="who is withdrawing (default: you)"
    )
    p.set_defaults(run=_cmd_withdraw)

    p = sub.add_parser(
        "audit",
        help="print the audit log",
        description="Every audit entry, oldest first: "
        + ",".join(AUDIT_FIELDS)
        + " (at in UTC; outcome done or refused).",
    )
    db_option(p)
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format")
    p.set_defaults(run=_cmd_audit)

    p = sub.add_parser(
        "pack",
        help="write a meeting pack (PowerPoint or tagged PDF)",
        description="A meeting pack for the SVRP, a strategic objective or a working group: "
        "cover, summary, exceptions, key updates and decisions, missing returns, one slide "
        "or page per measure and the method. Exit 0 and the file written, or 1 and no file.",
    )
    db_option(p)
    p.add_argument(
        "--scope",
        required=True,
        help="svrp, an objective (SO1 to SO4) or a working group (TVRP, DAWG, ENG, IEO)",
    )
    p.add_argument(
        "--period", required=True, help='a quarter ("2024/25 Q2") or a financial year ("2024/25")'
    )
    p.add_argument("--format", required=True, choices=["pptx", "pdf"], help="file format")
    p.add_argument("--out", required=True, type=Path, help="the file to write")
    p.add_argument(
        "--as-at",
        type=int,
        metavar="BATCH",
        help="figures as they stood just after this batch was loaded",
    )
    p.add_argument(
        "--public",
        action="store_true",
        help="for publication: figures about fewer than 8 people shown as [c]",
    )
    p.add_argument(
        "--by", type=_name, default=_current_user(), help="who makes the pack (default: you)"
    )
    p.set_defaults(run=_cmd_pack)

    p = sub.add_parser(
        "export",
        help="write the overview table for a period (CSV or Excel)",
        description="The overview table for a period, one row per measure: measure_code, "
        "title, working_group, period, value, numerator, denominator, cohort_size, rag, "
        "basis, comment, commentary. Formula-safe. Exit 0 and the file written, or 1 and "
        "no file.",
    )
    db_option(p)
    p.add_argument(
        "--period", required=True, help='a quarter ("2024/25 Q2") or a financial year ("2024/25")'
    )
    p.add_argument("--format", required=True, choices=["csv", "xlsx"], help="file format")
    p.add_argument("--out", required=True, type=Path, help="the file to write")
    p.add_argument(
        "--public",
        action="store_true",
        help="for publication: figures about fewer than 8 people shown as [c]",
    )
    p.add_argument("--by", type=_name, default=_current_user(), help="who exports (default: you)")
    p.set_defaults(run=_cmd_export)

    p = sub.add_parser(
        "members",
        help="list each working group's member agencies",
        description="Each working group's member agencies from its ToR distribution list: "
        "group, agency, authority (Specified, Relevant or Other), role; then attends, "
        "joined, left.",
    )
    p.add_argument("--group", help="one working group (SVRP, TVRP, DAWG, ENG, IEO)")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format")
    p.set_defaults(run=_cmd_members)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        catalogue = load_catalogue(args.catalogue)
        return args.run(args, catalogue)
    except (CatalogueError, StoreError, NotAllowed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except duckdb.IOException as exc:  # a damaged file can fail in the middle of a query
        print(f"error: {unreadable(args.db, exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # e.g. the folder of --out does not exist, or a full disk
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
