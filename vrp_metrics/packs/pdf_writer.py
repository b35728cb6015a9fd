"""A pack as a tagged PDF (WeasyPrint's PDF/UA-1): headings, real tables and figures
with alt text, in English, so that a screen reader follows it. Every text is escaped
(a partner's or chair's text is shown as typed, never as markup). The protective
marking heads and foots every page."""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape

import pandas as pd

from vrp_metrics.packs.content import Pack
from vrp_metrics.packs.measures import NUMBERS_ON_PAGE, MeasureSection

Picture = Callable[[MeasureSection], bytes | None]

_CSS = """
@page {
  size: A4 landscape; margin: 18mm 14mm 16mm 14mm;
  @top-center { content: var(--marking); font: bold 10pt sans-serif; }
  @bottom-center { content: var(--marking); font: bold 10pt sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt sans-serif; }
}
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #1f1f1f; }
h1 { font-size: 20pt; margin: 0 0 6mm 0; }
h2 { font-size: 15pt; margin: 0 0 3mm 0; }
h3 { font-size: 11pt; margin: 3mm 0 1mm 0; }
section { break-before: page; }
section.cover { break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 0.5pt solid #6f6f6f; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
.columns { display: flex; gap: 6mm; }
.chart { width: 60%; }
.chart img { width: 100%; }
.side { width: 40%; }
.note { font-size: 9pt; color: #3d3d3d; }
.commentary { white-space: pre-wrap; }
"""


def _cell(value: object) -> str:
    return escape(str(value))


def _table(frame: pd.DataFrame, caption: str | None = None, *, row_headers: bool = False) -> str:
    head = "".join(f'<th scope="col">{_cell(c)}</th>' for c in frame.columns)
    rows = []
    for values in frame.astype(str).values.tolist():
        cells = [
            f'<th scope="row">{_cell(v)}</th>' if row_headers and i == 0 else f"<td>{_cell(v)}</td>"
            for i, v in enumerate(values)
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption_html = f"<caption>{_cell(caption)}</caption>" if caption else ""
    return (
        f"<table>{caption_html}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _paragraphs(text: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return "".join(f"<p{attribute}>{_cell(line)}</p>" for line in text.splitlines() if line.strip())


def _cover(pack: Pack) -> str:
    lines = "".join(f"<p>{_cell(line)}</p>" for line in pack.cover_lines)
    note = f'<p class="note">{_cell(pack.disclosure_note)}</p>' if pack.public else ""
    return f'<section class="cover"><h1>{_cell(pack.title)}</h1>{lines}{note}</section>'


def _summary(pack: Pack) -> str:
    return (
        f"<section><h2>Summary for {_cell(pack.period)}</h2>"
        "<p>How many measures are green, amber, red or not rated, and what their SPC charts "
        "say, per strategic objective and the working group that delivers it.</p>"
        f"{_table(pack.summary, row_headers=True)}</section>"
    )


def _exceptions(pack: Pack) -> str:
    body = (
        _table(pack.exceptions, row_headers=True)
        if not pack.exceptions.empty
        else "<p>No measure is red or shows special-cause concern for this period.</p>"
    )
    return f"<section><h2>Exceptions for {_cell(pack.period)}</h2>{body}</section>"


def _groups(pack: Pack) -> str:
    parts = []
    for group in pack.groups:
        text = group.key_updates or "No key updates or decisions recorded for this period."
        by = (
            f'<p class="note">Written by {_cell(group.key_updates_by)}</p>'
            if group.key_updates_by
            else ""
        )
        if group.missing.empty:
            missing = f"<p>All expected returns for {_cell(pack.period)} are in.</p>"
        else:
            missing = _table(
                group.missing.rename(
                    columns={
                        "provider": "Provider",
                        "period": "Period",
                        "measures": "Measures waiting",
                        "message": "What to do",
                    }
                )[["Provider", "Period", "Measures waiting"]],
                row_headers=True,
            )
        parts.append(
            f"<section><h2>{_cell(group.name)}: key updates and decisions</h2>"
            f'<div class="commentary">{_paragraphs(text)}</div>{by}'
            f"<h3>Returns still missing for {_cell(pack.period)}</h3>{missing}</section>"
        )
    return "".join(parts)


def _measure(section: MeasureSection, picture: Picture) -> str:
    png = picture(section)
    if png is not None:
        data = base64.b64encode(png).decode("ascii")
        chart = (
            f'<figure><img src="data:image/png;base64,{data}" alt="{_cell(section.chart_alt)}">'
            f'<figcaption class="note">{_cell(section.chart_kind)}</figcaption></figure>'
        )
    else:
        chart = "<p>No figures to chart yet.</p>"
    numbers = ""
    if not section.numbers.empty:
        shown = section.numbers.tail(NUMBERS_ON_PAGE)
        caption = "The numbers behind the chart" + (
            f" (the latest {len(shown)} periods; all of them follow the commentary)"
            if len(shown) < len(section.numbers)
            else ""
        )
        numbers = _table(shown, caption, row_headers=True)
    every = (
        _table(section.numbers, "Every period's numbers behind the chart", row_headers=True)
        if len(section.numbers) > NUMBERS_ON_PAGE
        else ""
    )
    facts = _table(pd.DataFrame(section.facts(), columns=["", section.period]), row_headers=True)
    commentary = section.commentary or "No commentary for this period."
    by = f'<p class="note">{_cell(section.commentary_by)}</p>' if section.commentary_by else ""
    notes = "".join(f'<p class="note">{_cell(n)}</p>' for n in section.notes)
    return (
        f"<section><h2>{_cell(section.code)} {_cell(section.title)}</h2>"
        f'<div class="columns"><div class="chart">{chart}{numbers}</div>'
        f'<div class="side"><p><strong>{_cell(section.statement)}</strong></p>{facts}'
        f'<h3>Commentary</h3><div class="commentary">{_paragraphs(commentary)}</div>{by}{notes}'
        f"</div></div>{every}</section>"
    )


def _method(pack: Pack) -> str:
    parts = "".join(f"<h3>{_cell(h)}</h3><p>{_cell(t)}</p>" for h, t in pack.method)
    if pack.public:
        parts += f"<h3>Publication</h3><p>{_cell(pack.disclosure_note)}</p>"
    return f"<section><h2>Method: how RAG and SPC are decided</h2>{parts}</section>"


def pack_html(pack: Pack, picture: Picture) -> str:
    """The pack as one HTML document, laid out for print."""
    # A CSS string: backslash, quote and "<" (which could end the style element) escaped.
    marking = pack.marking.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    css = _CSS.replace("var(--marking)", f'"{marking}"')
    body = "".join(
        [
            _cover(pack),
            _summary(pack),
            _exceptions(pack),
            _groups(pack),
            *(_measure(section, picture) for section in pack.measures),
            _method(pack),
        ]
    )
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{_cell(pack.title)}</title><style>{css}</style></head>"
        f"<body>{body}</body></html>"
    )


def pdf_bytes(pack: Pack, picture: Picture) -> bytes:
    """The pack as a tagged PDF (PDF/UA-1)."""
    from weasyprint import HTML

    return HTML(string=pack_html(pack, picture)).write_pdf(pdf_variant="pdf/ua-1")
