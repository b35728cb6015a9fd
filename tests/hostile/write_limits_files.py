"""Writes the committed corpus of files beyond the plausibility rules and limits
(``tests/hostile/files/limits_*``), which ``test_limits.py`` runs through validation and
the command line's ``load``. Run it again only to change the corpus:

    .venv/bin/python -m tests.hostile.write_limits_files
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from benchmarks.hostile_limits import comment_row, long_comment, write_xlsx

FILES = Path(__file__).resolve().parent / "files"

MEASURE = "measure_code,period,value,numerator,denominator,cohort_size,comment\n"
READINGS = "participant_ref,scale,area,reading_date,score\n"
TRACKER = "data_source,agency,period,rag_status,barrier,next_action\n"

CSV = {
    # The issue's own: an average change of 1e308 broke every page through math.fsum.
    "limits_mean_change_1e308.csv": MEASURE + "5.1.2.c,2024/25 Q4,1e308,,,5,\n",
    "limits_count_inf.csv": MEASURE + "1.1.1.e,2024/25 Q3,12,,,,\n1.1.1.e,2024/25 Q4,inf,,,,\n",
    "limits_count_1e309.csv": MEASURE + "1.1.1.e,2024/25 Q4,1e309,,,,\n",
    "limits_denominator_2_to_53_plus_1.csv": MEASURE + "2.2.2.a,2024/25 Q4,,3,9007199254740993,,\n",
    "limits_cohort_nan.csv": MEASURE + "5.1.1.a,2024/25 Q4,1.5,,,nan,\n",
    "limits_period_1900.csv": MEASURE + "1.1.1.e,1900/01 Q1,12,,,,\n",
    "limits_period_0024.csv": MEASURE + "1.1.1.e,0024/25 Q1,12,,,,\n",
    "limits_period_0001.csv": TRACKER + "Police recorded crime,Constabulary,0001/02 Q1,G,,\n",
    "limits_reading_date_0001.csv": READINGS
    + "RS-1,RESET Outcomes Star,Offending,01/04/2024,4\n"
    + "RS-1,RESET Outcomes Star,Offending,0001-01-01,5\n",
    "limits_reading_date_0202.csv": READINGS
    + "RS-2,A&E Navigators pain scale,,01/04/0202,7\n"
    + "RS-2,A&E Navigators pain scale,,01/07/2024,5\n",
    "limits_harm_score_1e308.csv": READINGS
    + "RS-3,RESET Crime Harm Index,,01/04/2024,1e308\n"
    + "RS-3,RESET Crime Harm Index,,01/07/2024,12.5\n",
    "limits_columns_60.csv": "measure_code,period,value"
    + "".join(f",extra {n}" for n in range(57))
    + "\n1.1.1.e,2024/25 Q4,12\n",
    "limits_comment_2001.csv": MEASURE + f"1.1.1.e,2024/25 Q4,12,,,,{'a' * 2001}\n",
}


def _workbook(path: Path, sheets: list[tuple[str, str, list[list[object]]]]) -> None:
    """A workbook of the given (title, state, rows) sheets, in order."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, state, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def write_all() -> None:
    FILES.mkdir(exist_ok=True)
    for name, text in CSV.items():
        (FILES / name).write_text(text, encoding="utf-8")
    header = ["measure_code", "period", "value"]
    stale = [header, ["1.1.1.e", "2024/25 Q4", 999999]]
    shown = [header, ["1.1.1.e", "2024/25 Q4", 487]]
    # The issue's own: a hidden first sheet's 999999 was loaded, not the 487 on screen.
    _workbook(
        FILES / "limits_hidden_sheet.xlsx", [("Old", "hidden", stale), ("Return", "visible", shown)]
    )
    _workbook(
        FILES / "limits_very_hidden_sheet.xlsx",
        [("Return", "visible", shown), ("Workings", "veryHidden", [["note"], ["=Return!C2*2"]])],
    )
    # openpyxl writes formulas without a value, as any program that never calculates.
    _workbook(
        FILES / "limits_formula_without_value.xlsx",
        [
            (
                "Return",
                "visible",
                [
                    header + ["comment"],
                    ["1.1.1.e", "2024/25 Q3", 12, None],
                    ["1.1.1.e", "2024/25 Q4", "=C2+1", '=A2&" again"'],
                ],
            )
        ],
    )
    wide = [header, ["1.1.1.e", "2024/25 Q4", 12]]
    wide[1] += [None] * 49 + ["stray"]  # column BA, the 53rd
    _workbook(FILES / "limits_value_in_column_ba.xlsx", [("Return", "visible", wide)])
    _workbook(
        FILES / "limits_comment_2001.xlsx",
        [("Return", "visible", [header + ["comment"], ["1.1.1.e", "2024/25 Q4", 12, "b" * 2001]])],
    )
    # 40 million characters of one comment, packed a thousand times: 40 KB on disk.
    write_xlsx(
        FILES / "limits_packed_comment.xlsx",
        comment_row(),
        shared_strings=long_comment(40_000_000),
        compresslevel=9,
    )


if __name__ == "__main__":
    write_all()
    for path in sorted(FILES.glob("limits_*")):
        print(f"{path.name}: {path.stat().st_size:,} bytes")
