"""How fast, and in how much memory, files beyond the limits are refused.

From the repository root:

    .venv/bin/python -m benchmarks.hostile_limits

writes each file below into ``benchmarks/output/`` (git-ignored), then validates it in a
fresh Python process of its own, so that the peak memory reported (``getrusage``'s
``ru_maxrss``, the process's peak resident memory, imports included) is that file's
alone. The time is ``validate_file``'s, against the real catalogue. The goal: each file
beyond the limits refused in under 5 s, its process staying under 500 MB.

The files are written as their XML directly (an ``.xlsx`` is a zip archive of XML
parts), which takes seconds where openpyxl would take minutes; ``tests/hostile``
writes the same files with the same functions.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def write_xlsx(
    path: Path,
    sheet_rows: Iterable[bytes],
    *,
    shared_strings: Iterable[bytes] | None = None,
    compresslevel: int = 1,
    prefix: str = "",
) -> Path:
    """A workbook of one sheet, "Return", whose ``<sheetData>`` is ``sheet_rows`` (XML
    written as it comes, a piece at a time) and whose table of texts, if given, holds
    ``shared_strings`` (the XML of its ``<si>`` items). With a ``prefix`` (``x``) the
    sheet's XML names its elements ``<x:row>`` and so on, as some programs write it
    (``sheet_rows`` must then use it too)."""
    overrides = f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
    overrides += (
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPES}.worksheet+xml"/>'
    )
    relations = f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    if shared_strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPES}.sharedStrings+xml"/>'
        )
        relations += (
            f'<Relationship Id="rId2" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>'
            f'<sheet name="Return" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_RELS}">{relations}</Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        named = f"xmlns:{prefix}" if prefix else "xmlns"
        p = f"{prefix}:" if prefix else ""
        _stream(
            zf,
            "xl/worksheets/sheet1.xml",
            f'<{p}worksheet {named}="{_MAIN}"><{p}sheetData>',
            sheet_rows,
            f"</{p}sheetData></{p}worksheet>",
        )
        if shared_strings is not None:
            _stream(zf, "xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">', shared_strings, "</sst>")
    return path


def _stream(zf: zipfile.ZipFile, name: str, head: str, body: Iterable[bytes], tail: str) -> None:
    with zf.open(name, "w", force_zip64=True) as part:
        part.write(head.encode())
        for piece in body:
            part.write(piece)
        part.write(tail.encode())


def _header(names: list[str]) -> bytes:
    cells = "".join(
        f'<c r="{chr(ord("A") + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate(names)
    )
    return f'<row r="1">{cells}</row>'.encode()


def measure_rows(count: int, *, references: bool = True, block: int = 100_000) -> Iterator[bytes]:
    """A measure return's header and ``count`` rows of the count 1.1.1.e, 2024/25 Q1,
    value 5, a block of rows at a time; without cell references (as some programs write
    them) the rows are alike and pack a hundred times and more."""
    yield _header(["measure_code", "period", "value"])
    first = b'<c r="A%d" t="inlineStr"><is><t>1.1.1.e</t></is></c>' if references else None
    for start in range(2, count + 2, block):
        numbers = range(start, min(start + block, count + 2))
        if references:
            yield b"".join(
                b'<row r="%d">%s<c r="B%d" t="inlineStr"><is><t>2024/25 Q1</t></is></c>'
                b'<c r="C%d"><v>5</v></c></row>' % (n, first % n, n, n)  # type: ignore[operator]
                for n in numbers
            )
        else:
            yield (
                b'<row><c t="inlineStr"><is><t>1.1.1.e</t></is></c><c t="inlineStr"><is><t>'
                b"2024/25 Q1</t></is></c><c><v>5</v></c></row>"
            ) * len(numbers)


def single_cells(count: int, *, block: int = 100_000) -> Iterator[bytes]:
    """A measure return's header and ``count`` rows of one cell each (a value of 5), the
    smallest rows with data: three million of them unpack to about 120 MB."""
    yield _header(["measure_code", "period", "value"])
    for start in range(2, count + 2, block):
        numbers = range(start, min(start + block, count + 2))
        yield b"".join(b'<row r="%d"><c r="C%d"><v>5</v></c></row>' % (n, n) for n in numbers)


def readings_rows(count: int, *, block: int = 20_000) -> Iterator[bytes]:
    """An outcome readings return's header and ``count`` readings of the RESET Outcomes
    Star, inline texts and dates as text, as a program writing a big return would."""
    yield _header(["participant_ref", "scale", "area", "reading_date", "score"])
    areas = [b"Meaningful use of time", b"Emotional and mental health", b"Offending"]
    for start in range(2, count + 2, block):
        yield b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>RS-%06d</t></is></c>'
            b'<c r="B%d" t="inlineStr"><is><t>RESET Outcomes Star</t></is></c>'
            b'<c r="C%d" t="inlineStr"><is><t>%s</t></is></c>'
            b'<c r="D%d" t="inlineStr"><is><t>%02d/%02d/2024</t></is></c>'
            b'<c r="E%d"><v>%d</v></c></row>'
            % (n, n, n // 4, n, n, areas[n % 3], n, 1 + n % 4 * 7, 4 + n % 6, n, 1 + n % 10)
            for n in range(start, min(start + block, count + 2))
        )


def long_comment(characters: int, *, block: int = 8 * 1024 * 1024) -> Iterator[bytes]:
    """One ``<si>`` item of ``characters`` letters: a comment that long, in the table of
    texts, written a block at a time."""
    yield b"<si><t>"
    for start in range(0, characters, block):
        yield b"x" * min(block, characters - start)
    yield b"</t></si>"


def comment_row() -> Iterator[bytes]:
    """A measure return whose one row's comment is the table of texts' first item."""
    yield _header(["measure_code", "period", "value", "comment"])
    yield (
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>1.1.1.e</t></is></c>'
        b'<c r="B2" t="inlineStr"><is><t>2024/25 Q1</t></is></c><c r="C2"><v>5</v></c>'
        b'<c r="D2" t="s"><v>0</v></c></row>'
    )


def write_wide_csv(path: Path, columns: int) -> Path:
    """A measure return whose header row has ``columns`` more columns, each named "x",
    and one row of data."""
    path.write_bytes(b"measure_code,period,value" + b",x" * columns + b"\n1.1.1.e,2024/25 Q1,5\n")
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "3,000,000-row workbook, one cell a row (rows counted)": lambda out: write_xlsx(
        out / "limits_rows_3m.xlsx", single_cells(3_000_000)
    ),
    "3,000,000-row workbook, three cells a row (unpacks to 476 MB)": lambda out: write_xlsx(
        out / "limits_rows_3m_wide.xlsx", measure_rows(3_000_000)
    ),
    "1,500,000 rows alike, without cell references": lambda out: write_xlsx(
        out / "limits_rows_packed.xlsx", measure_rows(1_500_000, references=False)
    ),
    "200,000-column CSV": lambda out: write_wide_csv(out / "limits_columns_200k.csv", 200_000),
    "419,430,400-character comment in a workbook": lambda out: write_xlsx(
        out / "limits_comment_419m.xlsx",
        comment_row(),
        shared_strings=long_comment(419_430_400),
        compresslevel=9,
    ),
    "40,000,000-character comment in a workbook": lambda out: write_xlsx(
        out / "limits_comment_40m.xlsx",
        comment_row(),
        shared_strings=long_comment(40_000_000),
        compresslevel=9,
    ),
    "100,000-row readings workbook, texts in the cells (at the limit: read whole)": (
        lambda out: write_xlsx(out / "limits_readings_100k.xlsx", readings_rows(100_000))
    ),
    "1,000,000-row readings CSV (benchmarks.generate; valid)": lambda out: _benchmark_csv(out),
}


def _benchmark_csv(out: Path) -> Path:
    from benchmarks.generate import generate

    path = out / "outcome_readings_1000000.csv"
    return path if path.exists() else generate(out).readings


def _validate_one(path: str) -> None:
    """In a fresh process: validate one file, print the time, peak memory and first error."""
    from vrp_metrics.catalogue import load_catalogue
    from vrp_metrics.returns import validate_file

    catalogue = load_catalogue()
    start = time.perf_counter()
    report = validate_file(Path(path), catalogue)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    first = report.errors[0].message if report.errors else "valid"
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "first": first}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.one:
        _validate_one(args.one)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    baseline = args.out / "limits_baseline.csv"
    baseline.write_text("measure_code,period,value\n1.1.1.e,2024/25 Q1,5\n")
    print("| file | size | written in | validated in | peak RSS | first error |")
    print("|---|---:|---:|---:|---:|---|")
    for name, write in {"one-row CSV (baseline)": lambda out: baseline, **CASES}.items():
        start = time.perf_counter()
        path = write(args.out)
        written = time.perf_counter() - start
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.hostile_limits", "--one", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        run = json.loads(result.stdout)
        size = path.stat().st_size / 1024 / 1024
        print(
            f"| {name} | {size:,.2f} MB | {written:.1f} s | {run['seconds']:.2f} s | "
            f"{run['peak_mb']:.0f} MB | {run['first'][:90]} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
