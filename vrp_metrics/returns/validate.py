"""Validating partner returns: a file in, a report of every problem out (DESIGN §3).

Nothing here raises on a bad file: an unreadable file gives a report with one clear
file-level error, and a readable one gives every problem found in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from vrp_metrics.catalogue import Catalogue
from vrp_metrics.returns import cell_rules
from vrp_metrics.returns.headers import (
    COLUMNS,
    canonical_header,
    column_letter,
    describe_kinds,
    personal_identifier,
    recognise_kind,
)
from vrp_metrics.returns.personal_rules import strip_invisible_free_text, without_identifiers
from vrp_metrics.returns.reading import (
    Source,
    Table,
    UnreadableFile,
    file_name,
    read_bytes,
    read_table,
)
from vrp_metrics.returns.report import Problem, ReturnKind, ValidationReport
from vrp_metrics.returns.rules import CLEAN_FRAMES, CONTEXTS, RULES, run_rules
from vrp_metrics.text import file_name_problem, nfc, shown_visibly


def validate_file(
    source: Source, catalogue: Catalogue, *, today: dt.date | None = None
) -> ValidationReport:
    """Read and check one return: a path, or an upload's ``(file name, bytes)``.

    ``today`` (default: the real today) decides which dates are in the future and which
    periods have not ended yet. The report's ``data`` holds the clean rows only when the
    file has no error.
    """
    name = nfc(file_name(source))
    if (problem := file_name_problem(name)) is not None:
        # Shown with the invisible characters written out, wherever the report goes.
        shown = shown_visibly(name)
        return ValidationReport(shown, None, 0, [Problem(shown, None, None, None, problem)])
    try:
        raw = read_bytes(source)
    except UnreadableFile as exc:
        return ValidationReport(name, None, 0, [_file_problem(name, exc)])
    # The file's SHA-256 is worked out on another thread while the file is read (hashlib
    # lets other threads run meanwhile), so that it adds little to a big file's time.
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(lambda: hashlib.sha256(raw).hexdigest())
        try:
            table = read_table(name, raw)
        except UnreadableFile as exc:
            problem = _file_problem(name, exc)
            return ValidationReport(name, None, 0, [problem], sha256=digest.result())
    sha256 = digest.result()
    today = today or dt.date.today()

    long_headers = cell_rules.long_headers(name, table)
    if long_headers:
        return ValidationReport(name, None, len(table.cells), long_headers, sha256=sha256)
    columns = _Columns(name, table)
    report = ValidationReport(
        name, columns.kind, len(table.cells), columns.errors, columns.warnings, sha256=sha256
    )
    cells = cell_rules.Cells(name, table, columns.own, catalogue, today)
    cell_errors, _ = run_rules(cells, cell_rules.RULES)
    if cell_errors:
        # What the cells hold is not known: the rules of the kind would guess.
        report.errors += cell_errors
        return report
    if columns.kind is None:
        return report
    if table.cells.empty:
        report.errors.append(
            Problem(name, None, None, None, "The file has column headers but no data rows.")
        )
        return report
    context = CONTEXTS[columns.kind](name, columns.frame, columns.present, catalogue, today)
    errors, warnings = run_rules(context, RULES[columns.kind])
    report.errors += without_identifiers(context, errors)
    report.warnings += without_identifiers(context, warnings)
    if report.ok:
        data = CLEAN_FRAMES[columns.kind](context)
        report.data = strip_invisible_free_text(data, COLUMNS[columns.kind].free_text)
    return report


def _file_problem(file: str, exc: UnreadableFile) -> Problem:
    return Problem(file, exc.row, exc.column, None, exc.message)


def validate_files(
    sources: Iterable[Source], catalogue: Catalogue, *, today: dt.date | None = None
) -> list[ValidationReport]:
    """One report per return, in the order given."""
    return [validate_file(source, catalogue, today=today) for source in sources]


class _Columns:
    """The columns of a table matched to a kind of return, with the problems of its
    header row: personal identifiers, repeated or unknown columns."""

    def __init__(self, file: str, table: Table) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.kind: ReturnKind | None = None
        self.frame = pd.DataFrame(index=table.cells.index)
        self.present: frozenset[str] = frozenset()
        self.own: dict[int, str] = {}
        """The position of each of the kind's columns the file has, and its name."""

        headers = table.headers
        canonical = [canonical_header(header) for header in headers]
        personal = {i: personal_identifier(h) for i, h in enumerate(headers) if h}
        for position, what in personal.items():
            if what is not None:
                self._error(
                    file,
                    headers[position],
                    f"The column '{headers[position]}' looks like {what}: returns must not "
                    f"carry personal identifiers. Remove the column; people are known in "
                    f"returns only by a pseudonymous participant_ref.",
                )

        kind = recognise_kind({c for c in canonical if c})
        if not isinstance(kind, ReturnKind):
            shown = _shown([h for h in headers if h]) or "none"
            fits = "fit more than one kind of return" if kind else "do not match any return"
            self._error(
                file,
                None,
                f"The column headers ({shown}) {fits}: {describe_kinds()}.{_separator(headers)}",
            )
            return
        self.kind = kind
        spec = COLUMNS[kind]

        chosen: dict[str, int] = {}
        for position, (header, name) in enumerate(zip(headers, canonical, strict=True)):
            letter = column_letter(position)
            if not name:
                if table.cells[position].notna().any():
                    self.warnings.append(
                        Problem(
                            file,
                            None,
                            letter,
                            None,
                            f"Column {letter} has values but no header, so it is ignored.",
                        )
                    )
            elif name in spec.columns:
                if name in chosen:
                    first = column_letter(chosen[name])
                    self._error(
                        file,
                        name,
                        f"The column {name} appears twice (columns {first} and {letter}): "
                        f"keep only one.",
                    )
                else:
                    chosen[name] = position
            elif personal[position] is None:
                self.warnings.append(
                    Problem(
                        file,
                        None,
                        header,
                        None,
                        f"The column '{header}' is not part of {spec.title}, so it is ignored "
                        f"(the columns are {', '.join(spec.columns)}).",
                    )
                )
        self.frame = table.cells[list(chosen.values())].set_axis(list(chosen), axis=1)
        self.present = frozenset(chosen)
        self.own = {position: name for name, position in chosen.items()}

    def _error(self, file: str, column: str | None, message: str) -> None:
        self.errors.append(Problem(file, None, column, None, message))


def _shown(headers: list[str], most: int = 10, width: int = 40) -> str:
    """Headers quoted for a message, shortened so that a file of garbage gives a readable one."""
    quoted = [f"'{h}'" if len(h) <= width else f"'{h[:width]}…'" for h in headers[:most]]
    more = f" and {len(headers) - most} more" if len(headers) > most else ""
    return ", ".join(quoted) + more


def _separator(headers: list[str]) -> str:
    """A hint when a CSV was saved with semicolons or tabs between its columns."""
    if len(headers) == 1:
        for mark, called in ((";", "semicolons"), ("\t", "tabs")):
            if mark in headers[0]:
                return (
                    f" The columns seem to be separated by {called}: save the file as CSV "
                    f'with commas ("CSV UTF-8" in Excel).'
                )
    return ""
