"""What the downloads hold: a measure's series as numbers, and file names that say what
and for which period."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from dashboard.downloads import MEASURE_COLUMNS, export_frame, file_stem
from tests.test_reporting import CATALOGUE, figures_frame, quarter_rows
from vrp_metrics import exports, reporting


def series_of_percentages() -> pd.DataFrame:
    # 2.2.2.a (a percentage): 5/10 = 50%, 6/10 = 60%, 12/16 = 75%; each compared with
    # the quarter before, so the changes are 60 − 50 = 10 and 75 − 60 = 15 points.
    figures = figures_frame(
        quarter_rows("2.2.2.a", [50.0, 60.0, 75.0], numerator=[5, 6, 12], denominator=[10, 10, 16])
    )
    return reporting.measure_series(figures, CATALOGUE, "2.2.2.a")


def test_a_series_downloads_with_each_figure_as_a_number() -> None:
    table = reporting.series_numbers(series_of_percentages())
    assert list(table.columns) == [
        "Period",
        "Value",
        "Numerator",
        "Denominator",
        "Cohort size",
        "Comparator period",
        "Comparator",
        "Change",
        "RAG",
        "Source",
    ]
    assert table["Period"].tolist() == ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3"]
    assert table["Value"].tolist() == [50.0, 60.0, 75.0]
    assert table["Numerator"].tolist() == [5, 6, 12]
    assert table["Denominator"].tolist() == [10, 10, 16]
    assert table["Cohort size"].isna().all()  # a percentage has no cohort
    assert table["Comparator"].tolist()[1:] == [50.0, 60.0]
    assert table["Change"].tolist()[1:] == [10.0, 15.0]
    assert table["RAG"].tolist() == ["grey", "amber", "amber"]

    # In Excel: numbers as numbers, the period as text, an empty cell where there is none.
    sheet = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(table))).active
    q3 = {heading.value: cell for heading, cell in zip(sheet[1], sheet[4], strict=True)}
    assert (q3["Period"].value, q3["Period"].data_type) == ("2024/25 Q3", "s")
    assert (q3["Value"].value, q3["Value"].data_type) == (75, "n")
    assert (q3["Numerator"].value, q3["Denominator"].value) == (12, 16)
    assert q3["Cohort size"].value is None
    assert (q3["Change"].value, q3["Change"].data_type) == (15, "n")


def test_an_empty_series_downloads_its_headings() -> None:
    empty = reporting.measure_series(figures_frame([]), CATALOGUE, "5.1.2.c")
    table = reporting.series_numbers(empty)
    assert table.empty and table.columns[:2].tolist() == ["Period", "Value"]


def test_the_table_of_measures_downloads_numbers_beside_their_words() -> None:
    figures = figures_frame(
        quarter_rows("2.2.2.a", [50.0, 60.0, 75.0], numerator=[5, 6, 12], denominator=[10, 10, 16])
    )
    table = reporting.overview_table(figures, CATALOGUE, "2024/25 Q3", working_group="TVRP")
    row = export_frame(table, MEASURE_COLUMNS).set_index("Code").loc["2.2.2.a"]
    assert (row["Value"], row["Value as shown"]) == (75.0, "75.0%")
    assert (row["Change"], row["Change as shown"]) == (15.0, "+15.0 pp")
    assert (row["Comparator"], row["Comparator period"]) == (60.0, "2024/25 Q2")
    assert row["RAG"] == "amber"


def test_file_names_say_what_and_for_which_period() -> None:
    assert file_stem("vrp overview", "2026/27 Q2") == "vrp-overview-2026-27-Q2"
    assert file_stem("5.1.2.c", "figures to", "2026/27") == "5.1.2.c-figures-to-2026-27"
    # Any accepted spelling of a period is written one way.
    assert file_stem("vrp", "IEO", "measures", "Q2 2026-27") == "vrp-ieo-measures-2026-27-Q2"
    # A partner's file name keeps its letters and digits, and nothing a system objects to.
    assert file_stem("=cmd|' -C calc'!A0", "errors") == "cmd-c-calc-a0-errors"
    assert file_stem("../../etc/passwd") == "etc-passwd"
    assert file_stem("", "***") == "table"
