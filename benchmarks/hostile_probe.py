"""The hostile-input probe: careless and hostile files through the command line and the
pages, counted the way the partnership's review counted them.

    .venv/bin/python -m benchmarks.hostile_probe [--keep DIR]

For every file below it runs ``python -m vrp_metrics validate --json`` and ``load`` in a
fresh process (60 s limit each) and records the exit code, the wall time, the process's
peak memory (``wait4``'s ``ru_maxrss``), whether a traceback was printed, whether the JSON
is strict, and whether the store changed. A file the probe expects to be refused that
loads is a **silent wrong load**. Then it loads the files that should load (hostile text
that must be shown safely) into a copy of the demo database, opens every page with
Streamlit's AppTest and looks for exceptions, tracebacks, server paths and live markup;
checks the files the product writes (templates, history) for live formulas; and starts 8
loads at once to count how many batches land.

The files are made here (seeded, nothing random), so the probe can be re-run as it is on
any checkout; the committed corpus under ``tests/hostile/`` is what CI asserts.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 60
MARKUP = ("![t](http://127.0.0.1:9/beacon.png)", "[Reset your password](http://127.0.0.1:9/phish)")
FORMULA = '=HYPERLINK("http://127.0.0.1:9/x","Click")'


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes]
    expect: str  # "refuse" or "load"


def _csv(*rows: str) -> Callable[[], bytes]:
    return lambda: ("\n".join(rows) + "\n").encode()


MEASURE = "measure_code,period,value,numerator,denominator,cohort_size,comment"
READINGS = "participant_ref,scale,area,reading_date,score"
TRACKER = "data_source,agency,period,rag_status,barrier,next_action"
STAR = "RESET Outcomes Star,Offending"


def _xlsx(sheets: list[tuple[str, list[list[object]], str]]) -> Callable[[], bytes]:
    """A workbook of (title, rows, state) sheets, state "visible" or "hidden"."""

    def build() -> bytes:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows, state in sheets:
            sheet = book.create_sheet(title)
            sheet.sheet_state = state
            for row in rows:
                sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return build


def _sheet_xml(rows: str, shared: str | None = None) -> Callable[[], bytes]:
    """A minimal .xlsx written by hand: ``rows`` is the sheetData XML, produced lazily."""

    def build() -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                'package/2006/content-types"><Default Extension="rels" ContentType="'
                'application/vnd.openxmlformats-package.relationships+xml"/><Default '
                'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
                'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.'
                'xml" ContentType="application/vnd.openxmlformats-officedocument.'
                'spreadsheetml.worksheet+xml"/>'
                + (
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    if shared is not None
                    else ""
                )
                + "</Types>",
            )
            z.writestr(
                "_rels/.rels",
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                'org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                "schemas.openxmlformats.org/officeDocument/2006/relationships/"
                'officeDocument" Target="xl/workbook.xml"/></Relationships>',
            )
            z.writestr(
                "xl/workbook.xml",
                '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships"><sheets><sheet name="Return" '
                'sheetId="1" r:id="rId1"/></sheets></workbook>',
            )
            z.writestr(
                "xl/_rels/workbook.xml.rels",
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.'
                'org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                "schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
                '" Target="worksheets/sheet1.xml"/>'
                + (
                    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/sharedStrings" '
                    'Target="sharedStrings.xml"/>'
                    if shared is not None
                    else ""
                )
                + "</Relationships>",
            )
            z.writestr(
                "xl/worksheets/sheet1.xml",
                '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>',
            )
            if shared is not None:
                z.writestr(
                    "xl/sharedStrings.xml",
                    '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
                    f'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{shared}'
                    "</t></si></sst>",
                )
        return out.getvalue()

    return build


def _inline_row(number: int, cells: list[str]) -> str:
    inner = "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in cells)
    return f'<row r="{number}">{inner}</row>'


def _million_rows() -> str:
    header = _inline_row(1, ["measure_code", "period", "value"])
    body = "".join(
        f'<row r="{n}"><c t="inlineStr"><is><t>5.1.5.a</t></is></c></row>'
        for n in range(2, 3_000_002)
    )
    return header + body


def _wide_csv() -> bytes:
    header = "measure_code,period,value," + ",".join(f"x{i}" for i in range(200_000))
    return (header + "\n5.1.5.a,2025/26 Q1,10" + "," * 200_000 + "\n").encode()


CASES = [
    # 1. numbers that are not plausible
    Case("huge_mean_change.csv", _csv(MEASURE, "5.1.2.c,2025/26 Q1,1e308,,,5,"), "refuse"),
    Case("infinite_value.csv", _csv(MEASURE, "5.1.5.a,2025/26 Q1,inf,,,,"), "refuse"),
    Case("overflowing_value.csv", _csv(MEASURE, "5.1.2.c,2025/26 Q1,1e309,,,5,"), "refuse"),
    Case(
        "numerator_past_2_53.csv",
        _csv(MEASURE, "4.2.1.a,2025/26 Q1,,9007199254740993,9007199254740995,,"),
        "refuse",
    ),
    Case("count_too_big.csv", _csv(MEASURE, "5.1.5.a,2025/26 Q1,100000001,,,,"), "refuse"),
    Case("mean_change_off_scale.csv", _csv(MEASURE, "5.1.1.a,2025/26 Q1,50,,,12,"), "refuse"),
    Case("cohort_too_big.csv", _csv(MEASURE, "5.1.1.a,2025/26 Q1,1,,,100000001,"), "refuse"),
    # periods and dates before the framework
    Case("period_1900.csv", _csv(MEASURE, "5.1.5.a,1900/01 Q1,10,,,,"), "refuse"),
    Case("period_0024.csv", _csv(MEASURE, "5.1.5.a,0024/25 Q1,10,,,,"), "refuse"),
    Case("period_0001.csv", _csv(MEASURE, "5.1.5.a,0001/02 Q1,10,,,,"), "refuse"),
    Case("date_0001.csv", _csv(READINGS, f"P100,{STAR},0001-01-01,4"), "refuse"),
    Case("date_0202.csv", _csv(READINGS, f"P100,{STAR},01/04/0202,4"), "refuse"),
    Case(
        "crime_harm_huge.csv",
        _csv(READINGS, "P100,RESET Crime Harm Index,,01/05/2025,1e308"),
        "refuse",
    ),
    # 2. small files, huge costs
    Case("three_million_rows.xlsx", _sheet_xml(_million_rows()), "refuse"),
    Case("two_hundred_thousand_columns.csv", _wide_csv, "refuse"),
    Case(
        "huge_shared_string.xlsx",
        _sheet_xml(
            _inline_row(1, ["measure_code", "period", "value", "comment"])
            + '<row r="2"><c t="inlineStr"><is><t>5.1.5.a</t></is></c><c t="inlineStr"><is>'
            '<t>2025/26 Q1</t></is></c><c><v>10</v></c><c t="s"><v>0</v></c></row>',
            shared="A" * 100_000_000,
        ),
        "refuse",
    ),
    Case("long_comment.csv", _csv(MEASURE, "5.1.5.a,2025/26 Q1,10,,,," + "x" * 5000), "refuse"),
    Case(
        "sixty_megabytes.csv", lambda: (MEASURE + "\n" + "#" * 60_000_000 + "\n").encode(), "refuse"
    ),
    # 3. Excel's hidden places
    Case(
        "hidden_first_sheet.xlsx",
        _xlsx(
            [
                (
                    "Old",
                    [["measure_code", "period", "value"], ["5.1.5.a", "2025/26 Q1", 999999]],
                    "hidden",
                ),
                (
                    "Return",
                    [["measure_code", "period", "value"], ["5.1.5.a", "2025/26 Q1", 487]],
                    "visible",
                ),
            ]
        ),
        "refuse",
    ),
    Case(
        "formula_without_value.xlsx",
        _xlsx(
            [
                (
                    "Return",
                    [["measure_code", "period", "value"], ["5.1.5.a", "2025/26 Q1", "=2+2"]],
                    "visible",
                )
            ]
        ),
        "refuse",
    ),
    # 4. personal data in values and headers
    Case("ref_nhs_number.csv", _csv(READINGS, f"943 476 5919,{STAR},01/05/2025,4"), "refuse"),
    Case("ref_email.csv", _csv(READINGS, f"john.smith@example.com,{STAR},01/05/2025,4"), "refuse"),
    Case(
        "ref_postcode_dob.csv", _csv(READINGS, f"SO14 7DU 12/03/2008,{STAR},01/05/2025,4"), "refuse"
    ),
    Case("ref_name.csv", _csv(READINGS, f"John Smith,{STAR},01/05/2025,4"), "refuse"),
    Case(
        "comment_personal.csv",
        _csv(
            MEASURE,
            '5.1.5.a,2025/26 Q1,10,,,,"Jane Doe DOB 01/02/2009, NHS 943 476 5919, SO14 7DU"',
        ),
        "refuse",
    ),
    Case("comment_ni_number.csv", _csv(MEASURE, "5.1.5.a,2025/26 Q1,10,,,,NI QQ123456C"), "refuse"),
    Case(
        "header_name_of.csv",
        _csv(MEASURE + ",Name of young person", "5.1.5.a,2025/26 Q1,10,,,,,x"),
        "refuse",
    ),
    Case(
        "header_ni_number.csv",
        _csv(MEASURE + ",NI Number", "5.1.5.a,2025/26 Q1,10,,,,,x"),
        "refuse",
    ),
    Case("header_upn.csv", _csv(MEASURE + ",UPN", "5.1.5.a,2025/26 Q1,10,,,,,x"), "refuse"),
    # 8. invisible and right-to-left characters
    Case("ref_zero_width.csv", _csv(READINGS, f"P1\u200b00,{STAR},01/05/2025,4"), "refuse"),
    Case("ref_right_to_left.csv", _csv(READINGS, f"P\u202e100,{STAR},01/05/2025,4"), "refuse"),
    Case("name\u202evsc.csv", _csv(MEASURE, "5.1.5.a,2025/26 Q1,10,,,,"), "refuse"),
    # not a return at all
    Case("binary.csv", lambda: bytes(range(256)) * 100, "refuse"),
    Case("empty.csv", lambda: b"", "refuse"),
    Case("not_a_zip.xlsx", lambda: b"PK\x03\x04 broken", "refuse"),
    Case(
        "unclosed_quote.csv",
        _csv(MEASURE, '5.1.5.a,2025/26 Q1,10,,,,"open', "5.1.5.a,2025/26 Q2,11,,,,"),
        "refuse",
    ),
    # 5. and 6. text that must load and then be shown and written safely
    Case(
        "tracker_markup.csv",
        _csv(TRACKER, f'Police crime,Police,2025/26 Q1,Red,"{MARKUP[0]}","{MARKUP[1]}"'),
        "load",
    ),
    Case(
        "tracker_formula.csv",
        _csv(TRACKER, '"=HYPERLINK(""http://127.0.0.1:9/x"",""Click"")",Police,2025/26 Q2,Green,,'),
        "load",
    ),
    Case("=cmd|' -C calc'!A0.csv", _csv(MEASURE, "5.1.5.a,2025/26 Q1,12,,,,"), "load"),
    Case("comment_markup.csv", _csv(MEASURE, f'5.1.6.a,2025/26 Q1,7,,,,"{MARKUP[1]}"'), "load"),
]


@dataclass
class Run:
    code: int | None
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str


def _run(*args: str) -> Run:
    """A command in its own process, with its wall time (peak memory: ``_run_measured``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "vrp_metrics", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return Run(None, time.perf_counter() - start, 0.0, out, err)
    return Run(proc.returncode, time.perf_counter() - start, 0.0, out, err)


def _run_measured(*args: str) -> Run:
    """Like ``_run``, but the peak memory read with wait4 (stdout/stderr to files)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "vrp_metrics", *args], cwd=REPO, stdout=out, stderr=err
        )
        deadline = start + LIMIT_SECONDS
        code: int | None = None
        peak = 0.0
        while True:
            # The high-water mark of the process's own memory (a forked child's
            # ru_maxrss would count the probe's own memory at the fork).
            peak = max(peak, _high_water_mb(proc.pid))
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                proc.returncode = code
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Run(code, seconds, peak, out.read(), err.read())


def _high_water_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _strict_json(text: str) -> bool:
    def refuse(constant: str) -> None:
        raise ValueError(constant)

    try:
        json.loads(text, parse_constant=refuse)
    except ValueError:
        return False
    return True


def _batches(db: Path) -> int:
    run = _run("history", "--db", str(db), "--format", "json")
    return len(json.loads(run.stdout)) if run.code == 0 else 0


def probe_files(work: Path, demo: Path) -> tuple[list[dict], Path]:
    """Validate and load every case into a copy of the demo database."""
    db = work / "probe.duckdb"
    shutil.copy(demo, db)
    results = []
    for case in CASES:
        path = work / "files" / case.name
        path.write_bytes(case.content())
        validated = _run_measured("validate", "--json", str(path))
        before = _batches(db)
        loaded = _run_measured("load", "--db", str(db), "--by", "probe", str(path))
        after = _batches(db)
        refused = loaded.code == 1 and after == before
        results.append(
            {
                "file": case.name,
                "size": path.stat().st_size,
                "expect": case.expect,
                "validate_exit": validated.code,
                "validate_s": round(validated.seconds, 2),
                "validate_peak_mb": round(validated.peak_mb),
                "strict_json": not validated.stdout or _strict_json(validated.stdout),
                "load_exit": loaded.code,
                "load_s": round(loaded.seconds, 2),
                "load_peak_mb": round(loaded.peak_mb),
                "traceback": "Traceback" in validated.stderr + loaded.stderr,
                "hang": validated.code is None or loaded.code is None,
                "outcome": "refused" if refused else "loaded" if after > before else "other",
                "first_error": _first_error(validated.stdout),
            }
        )
    return results, db


def _first_error(stdout: str) -> str:
    try:
        reports = json.loads(stdout)
        error = reports[0]["errors"][0]
    except (ValueError, LookupError, TypeError):
        return ""
    where = f"row {error['row']}, {error['column']}: " if error.get("row") else ""
    return (where + error["message"])[:110]


def probe_pages(db: Path) -> list[dict]:
    """Every page on the database with the hostile files loaded: exceptions, tracebacks,
    server paths and live markup shown to a visitor."""
    from streamlit.testing.v1 import AppTest

    os.environ["VRP_DB"] = str(db)
    pages = {
        "overview": {},
        "objective": {"objective": "SO4"},
        "working_group": {"group": "IEO"},
        "measure": {"measure": "5.1.6.a", "period": "2025/26 Q1"},
        "data_tracker": {"period": "2025/26 Q1"},
        "upload": {},
        "history": {},
        "methodology": {},
    }
    results = []
    for page, query in pages.items():
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(f"pages/{page}.py").run()
        texts = []
        for kind in ("markdown", "caption", "info", "warning", "error", "success", "title"):
            texts += [str(element.value) for element in at.get(kind)]
        shown = "\n".join(texts)
        results.append(
            {
                "page": page,
                "exception": len(at.exception),
                "traceback": "Traceback" in shown or "OverflowError" in shown,
                "server_path": str(REPO) in shown,
                "live_markup": any(m in shown for m in MARKUP),
            }
        )
    return results


def probe_written_files(work: Path, db: Path) -> dict:
    """Live formulas in the files the product writes: the history CSV (after a load by
    a formula-shaped name) and the VRU's tracker template, which carries last quarter's
    data sources back to the partner."""
    from vrp_metrics.catalogue import load_catalogue
    from vrp_metrics.templates import template_csv, template_xlsx

    path = work / "files" / "by_formula.csv"
    path.write_text(MEASURE + "\n5.1.5.a,2025/26 Q2,13,,,,\n")
    by = _run("load", "--db", str(db), "--by", FORMULA, str(path))
    history = _run("history", "--db", str(db), "--format", "csv")
    rows = list(csv.reader(io.StringIO(history.stdout)))
    live = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]
    catalogue = load_catalogue()
    sources = [(FORMULA, "Police")]
    text = template_csv(catalogue, "VRU", "tracker", "2025/26 Q3", data_sources=sources)
    template = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(
        io.BytesIO(template_xlsx(catalogue, "VRU", "tracker", "2025/26 Q3", data_sources=sources))
    )
    formulas = [c for row in book.worksheets[0].iter_rows() for c in row if c.data_type == "f"]
    return {
        "history_read": history.code == 0 and by.code in (0, 1),
        "history_live_formula_cells": len(live),
        "tracker_template_csv_live_formulas": sum(
            cell[:1] in ("=", "+", "-", "@") for row in template for cell in row
        ),
        "tracker_template_xlsx_formula_cells": len(formulas),
    }


def probe_parallel(work: Path) -> int:
    """8 loads started together into one new database: how many batches land."""
    db = work / "parallel.duckdb"
    paths = []
    for i in range(8):
        path = work / f"parallel_{i}.csv"
        quarter = f"20{17 + i}/{18 + i} Q1"
        path.write_text(f"measure_code,period,value\n5.1.5.a,{quarter},{100 + i}\n")
        paths.append(path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "vrp_metrics", "load", "--db", str(db), str(p)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in paths
    ]
    for proc in procs:
        proc.wait(timeout=180)
    return _batches(db)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the files and databases here")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="hostile-"))
    (work / "files").mkdir(parents=True, exist_ok=True)
    demo = work / "demo.duckdb"
    if not demo.exists():
        assert _run("demo", "--db", str(demo)).code == 0
    files, db = probe_files(work, demo)
    written = probe_written_files(work, db)
    pages = probe_pages(db)
    kept = probe_parallel(work)

    for row in files:
        print(
            f"{row['file'][:34]:34} {row['expect']:6} {row['outcome']:7} "
            f"v{row['validate_exit']} {row['validate_s']:6.2f}s {row['validate_peak_mb']:5}MB "
            f"l{row['load_exit']} {row['load_s']:6.2f}s {row['load_peak_mb']:5}MB "
            f"{'TRACEBACK ' if row['traceback'] else ''}{'' if row['strict_json'] else 'LAXJSON '}"
            f"{row['first_error']}"
        )
    for row in pages:
        print(row)
    summary = {
        "files_tried": len(files),
        "clean_errors": sum(r["expect"] == "refuse" and r["outcome"] == "refused" for r in files),
        "expected_loads": sum(r["expect"] == "load" and r["outcome"] == "loaded" for r in files),
        "silent_wrong_loads": [
            r["file"] for r in files if r["expect"] == "refuse" and r["outcome"] == "loaded"
        ],
        "cli_tracebacks": sum(r["traceback"] for r in files),
        "lax_json": sum(not r["strict_json"] for r in files),
        "hangs": sum(r["hang"] for r in files),
        "peak_mb": max(max(r["validate_peak_mb"], r["load_peak_mb"]) for r in files),
        "slowest_s": max(max(r["validate_s"], r["load_s"]) for r in files),
        "page_exceptions_or_tracebacks": sum(
            r["exception"] + r["traceback"] + r["server_path"] for r in pages
        ),
        "pages_with_live_markup": [r["page"] for r in pages if r["live_markup"]],
        **written,
        "parallel_loads_kept_of_8": kept,
    }
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
