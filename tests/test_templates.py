"""Return templates: made from the catalogue, and valid returns once filled in."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from vrp_metrics.catalogue import Kind, load_catalogue
from vrp_metrics.returns import ReturnKind, validate_file
from vrp_metrics.templates import (
    TemplateError,
    recent_quarters,
    return_quarter,
    returned_measures,
    template_csv,
    template_file_name,
    template_frame,
    template_kinds,
    template_providers,
    template_xlsx,
)

CATALOGUE = load_catalogue()
TODAY = dt.date(2026, 11, 22)
QUARTER = "2025/26 Q4"

EVERY_TEMPLATE = [
    (provider, kind)
    for provider in template_providers(CATALOGUE)
    for kind in template_kinds(CATALOGUE, provider)
]


def fill(rows: list[dict[str, str]], kind: ReturnKind) -> list[dict[str, str]]:
    """Fill the blanks of a template the way a partner would."""
    filled = []
    for number, row in enumerate(rows, start=1):
        row = dict(row)
        if kind is ReturnKind.measure:
            measure_kind = CATALOGUE.measure(row["measure_code"]).kind
            if measure_kind is Kind.count:
                row["value"] = "12"
            elif measure_kind is Kind.mean_change:
                row |= {"value": "1.5", "cohort_size": "10"}
            else:
                row |= {"numerator": "3", "denominator": "4"}
        elif kind is ReturnKind.readings:
            scale = CATALOGUE.scale(row["scale"])
            row |= {
                "participant_ref": f"P-{number:03d}",
                "reading_date": "15/01/2026",
                "score": f"{scale.minimum or 0:g}",
            }
        else:
            row |= {"data_source": f"Source {number}", "agency": "Police", "rag_status": "G"}
        filled.append(row)
    return filled


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def write_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


@pytest.mark.parametrize(("provider", "kind"), EVERY_TEMPLATE)
def test_every_csv_template_is_a_valid_return_once_filled_in(
    provider: str, kind: ReturnKind
) -> None:
    rows = read_csv(template_csv(CATALOGUE, provider, kind, QUARTER))
    filled = write_csv(fill(rows, kind))

    report = validate_file(("filled.csv", filled), CATALOGUE, today=TODAY)

    assert report.kind is kind
    assert report.errors == []
    assert report.rows == len(rows)


@pytest.mark.parametrize(("provider", "kind"), EVERY_TEMPLATE)
def test_every_unfilled_template_is_recognised_and_only_lacks_its_figures(
    provider: str, kind: ReturnKind
) -> None:
    data = template_csv(CATALOGUE, provider, kind, QUARTER)

    report = validate_file(("blank.csv", data), CATALOGUE, today=TODAY)

    assert report.kind is kind
    assert report.errors
    assert all(" is empty: " in problem.message for problem in report.errors)


@pytest.mark.parametrize(("provider", "kind"), EVERY_TEMPLATE)
def test_every_excel_template_has_bold_headers_guidance_and_validates_once_filled(
    provider: str, kind: ReturnKind
) -> None:
    data = template_xlsx(CATALOGUE, provider, kind, QUARTER)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    expected = list(template_frame(CATALOGUE, provider, kind, QUARTER).columns)

    headers = [cell.value for cell in sheet[1]]
    assert headers == expected
    assert all(cell.font.bold for cell in sheet[1])
    assert workbook.sheetnames == ["Return", "Guidance"]
    ruled = [row[0] for row in workbook["Guidance"].iter_rows(values_only=True)]
    assert set(expected) <= set(ruled)  # every column has its rule

    rows = [
        dict(zip(headers, ["" if v is None else str(v) for v in values], strict=True))
        for values in sheet.iter_rows(min_row=2, values_only=True)
    ]
    for number, row in enumerate(fill(rows, kind), start=2):
        for position, header in enumerate(headers, start=1):
            sheet.cell(row=number, column=position, value=row[header] or None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = validate_file(("filled.xlsx", buffer.getvalue()), CATALOGUE, today=TODAY)
    assert report.kind is kind
    assert report.errors == []


def test_a_measure_template_lists_the_providers_returned_measures_with_the_period() -> None:
    rows = read_csv(template_csv(CATALOGUE, "Artswork", "measure", "2026/27 Q2"))
    assert list(rows[0]) == ["measure_code", "period", "value", "comment"]
    assert [(r["measure_code"], r["period"]) for r in rows] == [
        ("5.1.5.a", "2026/27 Q2"),
        ("5.1.5.b", "2026/27 Q2"),
        ("5.1.6.a", "2026/27 Q2"),
    ]
    assert all(r["value"] == "" and r["comment"] == "" for r in rows)


def test_a_template_has_only_the_columns_its_measures_need() -> None:
    vru = template_frame(CATALOGUE, "VRU", "measure", QUARTER)
    # counts need value, percentages numerator and denominator; nothing needs cohort_size
    assert list(vru.columns) == [
        "measure_code",
        "period",
        "value",
        "numerator",
        "denominator",
        "comment",
    ]


def test_measures_from_readings_or_the_tracker_are_not_in_measure_templates() -> None:
    assert [m.code for m in returned_measures(CATALOGUE, "Society of St James")] == ["5.1.3.b"]
    assert "3.1.1.a" not in list(
        template_frame(CATALOGUE, "VRU", "measure", QUARTER)["measure_code"]
    )


def test_an_annual_measure_gets_the_financial_year_of_the_quarter() -> None:
    rows = read_csv(template_csv(CATALOGUE, "OPCC", "measure", "2026/27 Q2"))
    assert [(r["measure_code"], r["period"]) for r in rows] == [("4.3.1.c", "2026/27")]


def test_a_readings_template_names_the_scale_and_each_area() -> None:
    rows = read_csv(template_csv(CATALOGUE, "Society of St James", "readings", QUARTER))
    assert list(rows[0]) == ["participant_ref", "scale", "area", "reading_date", "score"]
    assert {r["scale"] for r in rows} == {"RESET Outcomes Star"}
    assert [r["area"] for r in rows] == CATALOGUE.scale("RESET Outcomes Star").areas
    assert all(r["participant_ref"] == r["reading_date"] == r["score"] == "" for r in rows)


def test_a_tracker_template_carries_the_quarter_and_last_quarters_sources() -> None:
    blank = read_csv(template_csv(CATALOGUE, "VRU", "tracker", "2026/27 Q2"))
    assert blank == [
        {
            "data_source": "",
            "agency": "",
            "period": "2026/27 Q2",
            "rag_status": "",
            "barrier": "",
            "next_action": "",
        }
    ]
    sources = [("Crime records", "Police"), ("A&E attendances", "Health")]
    rows = read_csv(template_csv(CATALOGUE, "VRU", "tracker", "2026/27 Q2", data_sources=sources))
    assert [(r["data_source"], r["agency"], r["period"]) for r in rows] == [
        ("Crime records", "Police", "2026/27 Q2"),
        ("A&E attendances", "Health", "2026/27 Q2"),
    ]


def test_the_tracker_template_offers_the_statuses_as_a_list() -> None:
    data = template_xlsx(CATALOGUE, "VRU", "tracker", QUARTER)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    (choices,) = sheet.data_validations.dataValidation
    assert choices.formula1 == '"Green,Amber,Red"'
    assert str(choices.sqref) == "D2:D1000"


def test_the_kinds_of_return_each_provider_sends() -> None:
    assert template_kinds(CATALOGUE, "VRU") == [ReturnKind.measure, ReturnKind.tracker]
    assert template_kinds(CATALOGUE, "Society of St James") == [
        ReturnKind.measure,
        ReturnKind.readings,
    ]
    assert template_kinds(CATALOGUE, "Constabulary (HIOWC)") == [
        ReturnKind.measure,
        ReturnKind.readings,
    ]
    assert template_kinds(CATALOGUE, "Rock Pool") == [ReturnKind.measure]
    assert template_providers(CATALOGUE) == [p.name for p in CATALOGUE.providers]


def test_a_template_the_provider_does_not_send_or_for_a_year_is_refused() -> None:
    with pytest.raises(TemplateError, match="does not send a data tracker return"):
        template_csv(CATALOGUE, "Artswork", "tracker", QUARTER)
    with pytest.raises(TemplateError, match="financial year"):
        template_csv(CATALOGUE, "Artswork", "measure", "2025/26")


def test_the_quarter_being_returned_is_the_latest_that_has_ended() -> None:
    assert return_quarter(dt.date(2026, 11, 22)) == "2026/27 Q2"
    assert return_quarter(dt.date(2026, 4, 1)) == "2025/26 Q4"
    assert recent_quarters(dt.date(2026, 11, 22), 3) == ["2026/27 Q2", "2026/27 Q1", "2025/26 Q4"]


def test_template_file_names_are_safe_and_say_what_they_are() -> None:
    assert (
        template_file_name("Constabulary (HIOWC)", "measure", "2026/27 Q2", "xlsx")
        == "constabulary_hiowc_measure_return_2026-27_Q2.xlsx"
    )
    assert (
        template_file_name("No Limits", "readings", "Q1 2025/26", ".csv")
        == "no_limits_outcome_readings_return_2025-26_Q1.csv"
    )
