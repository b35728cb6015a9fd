"""Return templates for partners, generated from the catalogue (DESIGN §3).

A template is a return with its fixed cells filled in — the measure codes a provider
returns and the period, the provider's scale and areas, the quarter of the data tracker
— and the cells the partner fills in left blank. The Excel version adds a "Guidance"
sheet with each column's rule and the valid values; the first sheet is the return, so
the filled-in workbook can be uploaded as it is.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

import pandas as pd

from vrp_metrics import exports, periods
from vrp_metrics.catalogue import Catalogue, Frequency, Kind, Measure, Scale
from vrp_metrics.returns.headers import COLUMNS
from vrp_metrics.returns.report import ReturnKind

CSV_MIME = exports.CSV_MIME
XLSX_MIME = exports.XLSX_MIME

#: The columns of a measure return that each kind of measure needs filled in.
_FIGURE_COLUMNS = {
    Kind.count: ("value",),
    Kind.percentage: ("numerator", "denominator"),
    Kind.pct_improved: ("numerator", "denominator"),
    Kind.mean_change: ("value", "cohort_size"),
}

#: What to fill in for each kind of measure, as the Guidance sheet says it.
_FILL_IN = {
    Kind.count: "value: a whole number of 0 or more",
    Kind.percentage: "numerator and denominator: whole numbers, 0 ≤ numerator ≤ denominator, "
    "denominator greater than 0 (the percentage is worked out from them)",
    Kind.pct_improved: "numerator (number improved) and denominator (cohort size): whole "
    "numbers, 0 ≤ numerator ≤ denominator, denominator greater than 0",
    Kind.mean_change: "value: the average change in score (any number); cohort_size: the "
    "number of participants, a whole number greater than 0",
}

_PERIOD_FORMS = (
    f"a quarter such as {periods.VALID_QUARTER_FORMS}; for an annual measure a financial "
    f"year such as {periods.VALID_YEAR_FORMS}"
)

#: Each column's rule, from DESIGN §3: (column, required, rule).
COLUMN_RULES: dict[ReturnKind, tuple[tuple[str, str, str], ...]] = {
    ReturnKind.measure: (
        ("measure_code", "yes", "a measure code in the catalogue (see the list below)"),
        ("period", "yes", _PERIOD_FORMS),
        (
            "value",
            "count, mean_change",
            "count: a whole number of 0 or more; mean_change: "
            "any number (the average change in score)",
        ),
        ("numerator", "percentage, pct_improved", "a whole number, 0 ≤ numerator ≤ denominator"),
        ("denominator", "percentage, pct_improved", "a whole number greater than 0"),
        ("cohort_size", "mean_change", "a whole number greater than 0"),
        ("comment", "no", "free text"),
    ),
    ReturnKind.readings: (
        (
            "participant_ref",
            "yes",
            "a pseudonymous reference, at most 64 characters — never "
            "a name, date of birth, address or other personal identifier",
        ),
        ("scale", "yes", "a scale name in the catalogue (see below)"),
        ("area", "unless the scale has one area", "an area of that scale (see below)"),
        (
            "reading_date",
            "yes",
            "the date of the reading, dd/mm/yyyy or yyyy-mm-dd, not in the future",
        ),
        ("score", "yes", "within the scale's range, a whole number where the scale says so"),
    ),
    ReturnKind.tracker: (
        ("data_source", "yes", "free text: the name of the data source, once per quarter"),
        ("agency", "yes", "free text: the agency that holds the data source"),
        ("period", "yes", f"a quarter such as {periods.VALID_QUARTER_FORMS}"),
        ("rag_status", "yes", "Red, Amber or Green (or R, A, G), in any case"),
        ("barrier", "no", "free text: what stops the data being shared"),
        ("next_action", "no", "free text: who does what next"),
    ),
}

KIND_TITLES = {
    ReturnKind.measure: "measure return",
    ReturnKind.readings: "outcome readings return",
    ReturnKind.tracker: "data tracker return",
}


class TemplateError(ValueError):
    """A template that cannot be made: the provider does not send that kind of return."""


# -- what each provider returns ---------------------------------------------------------


# Enums from the catalogue are compared by value (==), not identity: a catalogue cached
# by the dashboard may have been made by an earlier import of the catalogue module.


def returned_measures(catalogue: Catalogue, provider: str) -> list[Measure]:
    """The measures a provider returns as figures: not those worked out from readings or
    from the data tracker."""
    return [
        m
        for m in catalogue.measures_of_provider(provider)
        if not m.from_readings and m.kind != Kind.tracker_green_pct
    ]


def provider_scales(catalogue: Catalogue, provider: str) -> list[Scale]:
    """The scales whose readings a provider returns, in catalogue order."""
    return [scale for scale in catalogue.scales if scale.provider == provider]


def template_kinds(catalogue: Catalogue, provider: str) -> list[ReturnKind]:
    """The kinds of return a provider sends, in the order of DESIGN §3."""
    kinds = []
    if returned_measures(catalogue, provider):
        kinds.append(ReturnKind.measure)
    if provider_scales(catalogue, provider):
        kinds.append(ReturnKind.readings)
    if any(m.kind == Kind.tracker_green_pct for m in catalogue.measures_of_provider(provider)):
        kinds.append(ReturnKind.tracker)
    return kinds


def template_providers(catalogue: Catalogue) -> list[str]:
    """Providers that send at least one kind of return, in catalogue order."""
    return [p.name for p in catalogue.providers if template_kinds(catalogue, p.name)]


def return_quarter(today: dt.date | None = None) -> str:
    """The quarter partners are returning now: the latest one that has ended."""
    return periods.format_period(periods.quarter_of(today or dt.date.today()) - 1)


def recent_quarters(today: dt.date | None = None, count: int = 6) -> list[str]:
    """The quarter being returned now and the ones before it, newest first."""
    latest = periods.quarter_of(today or dt.date.today()) - 1
    return [periods.format_period(latest - n) for n in range(count)]


def _quarter(period: str) -> pd.Period:
    parsed = periods.parse_period(period)
    if not periods.is_quarter(parsed):
        raise TemplateError(f"{period!r} is a financial year: a template is made for a quarter")
    return parsed


# -- the template's rows ----------------------------------------------------------------


def template_frame(
    catalogue: Catalogue,
    provider: str,
    kind: ReturnKind | str,
    period: str,
    *,
    data_sources: Iterable[tuple[str, str]] = (),
) -> pd.DataFrame:
    """The template as a table of text, blanks as ``""``.

    Measure returns have one row per measure the provider returns (the quarter, or the
    financial year for an annual measure), with only the columns those measures need.
    Readings returns have an example row per area of the provider's scales. The data
    tracker has a row per ``(data_source, agency)`` given (e.g. last quarter's), or one
    example row.
    """
    kind = ReturnKind(kind)
    quarter = _quarter(period)
    if kind not in template_kinds(catalogue, provider):
        raise TemplateError(f"{provider} does not send a {KIND_TITLES[kind]}")
    if kind == ReturnKind.measure:
        return _measure_rows(returned_measures(catalogue, provider), quarter)
    if kind == ReturnKind.readings:
        rows = [
            {"scale": scale.name, "area": area}
            for scale in provider_scales(catalogue, provider)
            for area in scale.areas
        ]
        return _frame(rows, COLUMNS[kind].required[:2] + ("area",) + COLUMNS[kind].required[2:])
    label = periods.format_period(quarter)
    rows = [{"data_source": s, "agency": a, "period": label} for s, a in data_sources]
    return _frame(rows or [{"period": label}], COLUMNS[kind].columns)


def _measure_rows(measures: Sequence[Measure], quarter: pd.Period) -> pd.DataFrame:
    needed = {c for m in measures for c in _FIGURE_COLUMNS[m.kind]}
    columns = [c for c in COLUMNS[ReturnKind.measure].columns if c in needed or c == "comment"]
    rows = [
        {
            "measure_code": m.code,
            "period": periods.format_period(
                periods.financial_year_of(quarter) if m.frequency == Frequency.annual else quarter
            ),
        }
        for m in measures
    ]
    return _frame(rows, ("measure_code", "period", *columns))


def _frame(rows: list[dict[str, str]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns), dtype="object").fillna("")


# -- files ------------------------------------------------------------------------------


def template_csv(
    catalogue: Catalogue,
    provider: str,
    kind: ReturnKind | str,
    period: str,
    *,
    data_sources: Iterable[tuple[str, str]] = (),
) -> bytes:
    """The template as CSV: UTF-8 with a byte-order mark, so that Excel opens it right.

    Formula-safe (``exports.csv_bytes``): the data tracker's carries the names of last
    quarter's data sources, which a partner typed.
    """
    frame = template_frame(catalogue, provider, kind, period, data_sources=data_sources)
    return exports.csv_bytes(frame)


def guidance_rows(
    catalogue: Catalogue, provider: str, kind: ReturnKind | str, period: str
) -> list[tuple[str, ...]]:
    """The Guidance sheet's lines: each column's rule, then the valid values."""
    kind = ReturnKind(kind)
    label = periods.format_period(_quarter(period))
    lines: list[tuple[str, ...]] = [
        (f"{provider}: {KIND_TITLES[kind]} for {label}",),
        (
            "Fill in the blank cells of the first sheet and upload the workbook (or the sheet "
            "saved as CSV UTF-8) on the dashboard's Upload returns page. Keep the header row; "
            "rows left completely blank are ignored.",
        ),
        (),
        ("Column", "Required", "Rule"),
        *COLUMN_RULES[kind],
        (),
    ]
    if kind == ReturnKind.measure:
        lines.append(("Measure", "Period", "What to fill in", "Title"))
        for m in returned_measures(catalogue, provider):
            period_text = "financial year" if m.frequency == Frequency.annual else "quarter"
            lines.append((m.code, period_text, _FILL_IN[m.kind], m.title))
    elif kind == ReturnKind.readings:
        lines.append(("Scale", "Areas", "Scores", "Good direction"))
        for scale in provider_scales(catalogue, provider):
            areas = "; ".join(scale.areas)
            if scale.single_area:
                areas += " (the only area: may be left blank)"
            lines.append((scale.name, areas, scale.range_text(), str(scale.good_direction)))
    else:
        lines += [
            ("rag_status", "Also accepted"),
            ("Green", "G, green, GREEN"),
            ("Amber", "A, amber, AMBER"),
            ("Red", "R, red, RED"),
            (),
            ("Give a barrier and a next action for every source that is not Green.",),
        ]
    lines += [
        (),
        (
            "Returns must not carry personal identifiers: a column that looks like a name, "
            "date of birth, address, postcode, NHS number, email or phone number rejects "
            "the file.",
        ),
    ]
    return lines


def template_xlsx(
    catalogue: Catalogue,
    provider: str,
    kind: ReturnKind | str,
    period: str,
    *,
    data_sources: Iterable[tuple[str, str]] = (),
) -> bytes:
    """The template as an Excel workbook: the return on the first sheet (bold headers),
    and a "Guidance" sheet with each column's rule and the valid values.

    Every text cell is stored as text, never a formula (``exports.write_rows``): the data
    tracker's carries the names of last quarter's data sources, which a partner typed.
    """
    # openpyxl is imported here so that the CSV template does not pay for it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    kind = ReturnKind(kind)
    frame = template_frame(catalogue, provider, kind, period, data_sources=data_sources)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Return"
    exports.write_rows(sheet, [list(frame.columns), *frame.itertuples(index=False)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for position, column in enumerate(frame.columns):
        longest = max([len(column), *(len(str(v)) for v in frame[column])])
        letter = sheet.cell(row=1, column=position + 1).column_letter
        sheet.column_dimensions[letter].width = min(max(longest + 2, 12), 60)
    if kind == ReturnKind.tracker:
        letter = sheet.cell(row=1, column=frame.columns.get_loc("rag_status") + 1).column_letter
        choices = DataValidation(
            type="list",
            formula1='"Green,Amber,Red"',
            allow_blank=True,
            error="Use Green, Amber or Red.",
            errorTitle="rag_status",
        )
        sheet.add_data_validation(choices)
        choices.add(f"{letter}2:{letter}1000")

    guide = workbook.create_sheet("Guidance")
    exports.write_rows(guide, guidance_rows(catalogue, provider, kind, period))
    guide["A1"].font = Font(bold=True, size=13)
    for row in guide.iter_rows():
        if row[0].value in ("Column", "Measure", "Scale", "rag_status") and len(row) > 1:
            for cell in row:
                cell.font = Font(bold=True)
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (22, 26, 70, 50), strict=True):
        guide.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_file_name(provider: str, kind: ReturnKind | str, period: str, extension: str) -> str:
    """``artswork_measure_return_2026-27_Q2.xlsx``: safe on every system."""
    words = f"{provider} {KIND_TITLES[ReturnKind(kind)]} {periods.canonical(period)}"
    stem = re.sub(r"[^0-9a-z]+", "_", words.casefold().replace("/", "-")).strip("_")
    stem = re.sub(r"(\d{4})_(\d{2})_q(\d)", r"\1-\2_Q\3", stem)
    return f"{stem}.{extension.lstrip('.')}"
