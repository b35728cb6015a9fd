"""A pack as a PowerPoint file (python-pptx): 16:9 slides, each with a real title (so a
screen reader and the outline list them), tables as PowerPoint tables, and every chart
picture with alt text. The protective marking heads and foots every slide."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from vrp_metrics.packs.content import Pack
from vrp_metrics.packs.measures import NUMBERS_ON_SLIDE, MeasureSection

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
TITLE_ONLY = 5
TITLE_SLIDE = 0
DARK = RGBColor(0x1F, 0x1F, 0x1F)
MUTED = RGBColor(0x4D, 0x4D, 0x4D)
ROWS_PER_SLIDE = 6
"""Rows of a long table (exceptions, missing returns) on one slide; more continue."""

Picture = Callable[[MeasureSection], bytes | None]


def _marking(slide, pack: Pack) -> None:
    """The protective marking at the top and the foot of the slide, centred."""
    for top in (Inches(0.05), HEIGHT - Inches(0.35)):
        box = slide.shapes.add_textbox(Inches(4.5), top, Inches(4.333), Inches(0.3))
        box.name = "Protective marking"
        paragraph = box.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = pack.marking
        run.font.size = Pt(11)
        run.font.bold = True
        run.font.color.rgb = DARK


def _slide(prs, pack: Pack, title: str):
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (
        MARGIN,
        Inches(0.35),
        WIDTH - 2 * MARGIN,
        Inches(0.8),
    )
    shape.text = title
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(26)
            run.font.bold = True
            run.font.color.rgb = DARK
    _marking(slide, pack)
    return slide


def _text(slide, paragraphs: Sequence[str], left, top, width, height, *, size: int = 14) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    # A long commentary shrinks to its box rather than running off the slide.
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for number, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(4)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.color.rgb = DARK


def _table(slide, frame: pd.DataFrame, left, top, width, *, size: int = 11, widths=None) -> None:
    """A PowerPoint table of ``frame`` (every cell text), with a header row."""
    rows, columns = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, columns, left, top, width, Emu(Inches(0.27) * rows))
    table = shape.table
    table.first_row = True
    if widths:
        total = sum(widths)
        for column, share in zip(table.columns, widths, strict=True):
            column.width = Emu(int(width * share / total))
    for row, values in enumerate([list(frame.columns), *frame.astype(str).values.tolist()]):
        for column, value in enumerate(values):
            cell = table.cell(row, column)
            cell.text = str(value)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = row == 0


def _chunks(frame: pd.DataFrame, size: int = ROWS_PER_SLIDE) -> list[pd.DataFrame]:
    return [frame.iloc[i : i + size] for i in range(0, max(len(frame), 1), size)]


def _cover(prs, pack: Pack) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = (
        MARGIN,
        Inches(1.2),
        WIDTH - 2 * MARGIN,
        Inches(1.6),
    )
    title.text = pack.title
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        MARGIN,
        Inches(3.0),
        WIDTH - 2 * MARGIN,
        Inches(3.8),
    )
    lines = [*pack.cover_lines, *([pack.disclosure_note] if pack.public else [])]
    subtitle.text = "\n".join(lines)
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(16)
            run.font.color.rgb = DARK
    _marking(slide, pack)


def _summary(prs, pack: Pack) -> None:
    slide = _slide(prs, pack, f"Summary for {pack.period}")
    _text(
        slide,
        [
            "How many measures are green, amber, red or not rated, and what their SPC "
            "charts say, per strategic objective and the working group that delivers it."
        ],
        MARGIN,
        Inches(1.2),
        WIDTH - 2 * MARGIN,
        Inches(0.6),
    )
    _table(
        slide,
        pack.summary,
        MARGIN,
        Inches(1.9),
        WIDTH - 2 * MARGIN,
        size=12,
        widths=[4, 1.6, 1, 1, 1, 1.2, 1.3, 1.3, 1.6, 1.4],
    )
    if pack.public:
        _text(
            slide,
            [pack.disclosure_note],
            MARGIN,
            Inches(6.3),
            WIDTH - 2 * MARGIN,
            Inches(0.7),
            size=11,
        )


def _exceptions(prs, pack: Pack) -> None:
    if pack.exceptions.empty:
        slide = _slide(prs, pack, f"Exceptions for {pack.period}")
        _text(
            slide,
            ["No measure is red or shows special-cause concern for this period."],
            MARGIN,
            Inches(1.3),
            WIDTH - 2 * MARGIN,
            Inches(1),
        )
        return
    chunks = _chunks(pack.exceptions)
    for number, chunk in enumerate(chunks, start=1):
        more = f" ({number} of {len(chunks)})" if len(chunks) > 1 else ""
        slide = _slide(prs, pack, f"Exceptions for {pack.period}{more}")
        _table(
            slide,
            chunk,
            MARGIN,
            Inches(1.3),
            WIDTH - 2 * MARGIN,
            size=11,
            widths=[3, 1.2, 1.1, 2, 5],
        )


def _groups(prs, pack: Pack) -> None:
    for group in pack.groups:
        slide = _slide(prs, pack, f"{group.name}: key updates and decisions")
        body = group.key_updates or "No key updates or decisions recorded for this period."
        by = [f"Written by {group.key_updates_by}"] if group.key_updates_by else []
        _text(
            slide, [*body.splitlines(), *by], MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(2.6)
        )
        if group.missing.empty:
            _text(
                slide,
                [f"Returns: all expected returns for {pack.period} are in."],
                MARGIN,
                Inches(4.0),
                WIDTH - 2 * MARGIN,
                Inches(0.5),
            )
            continue
        _text(
            slide,
            [f"Returns still missing for {pack.period}"],
            MARGIN,
            Inches(3.9),
            WIDTH - 2 * MARGIN,
            Inches(0.4),
            size=16,
        )
        missing = group.missing.rename(
            columns={
                "provider": "Provider",
                "period": "Period",
                "measures": "Measures waiting",
                "message": "What to do",
            }
        )[["Provider", "Period", "Measures waiting"]]
        _table(
            slide,
            missing.head(ROWS_PER_SLIDE),
            MARGIN,
            Inches(4.4),
            WIDTH - 2 * MARGIN,
            size=10,
            widths=[2, 1, 7],
        )
        if len(missing) > ROWS_PER_SLIDE:
            _text(
                slide,
                [
                    f"and {len(missing) - ROWS_PER_SLIDE} more missing returns "
                    "(see the Data tracker page)."
                ],
                MARGIN,
                Inches(6.6),
                WIDTH - 2 * MARGIN,
                Inches(0.4),
                size=10,
            )


def _measure(prs, pack: Pack, section: MeasureSection, picture: Picture) -> None:
    slide = _slide(prs, pack, f"{section.code} {section.title}")
    for shape in slide.shapes:
        if shape.has_text_frame and shape == slide.shapes.title:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(22)
    png = picture(section)
    chart_width = Inches(7.0)
    if png is not None:
        image = slide.shapes.add_picture(io.BytesIO(png), MARGIN, Inches(1.2), width=chart_width)
        image.name = f"{section.chart_kind} of {section.code}"
        image._element.nvPicPr.cNvPr.set("descr", section.chart_alt)
        below = image.top + image.height + Inches(0.1)
    else:
        _text(slide, ["No figures to chart yet."], MARGIN, Inches(1.2), chart_width, Inches(0.5))
        below = Inches(1.8)
    numbers = section.numbers.tail(NUMBERS_ON_SLIDE)
    if not numbers.empty and below < HEIGHT - Inches(1.6):
        _table(slide, numbers, MARGIN, below, chart_width, size=9, widths=[1.2, 1.2, 1.4, 1.3, 1.2])
    right = MARGIN + chart_width + Inches(0.3)
    side = WIDTH - right - MARGIN
    _text(slide, [section.statement], right, Inches(1.2), side, Inches(0.9), size=13)
    facts = pd.DataFrame(section.facts(), columns=["", f"{section.period}"])
    _table(slide, facts, right, Inches(2.2), side, size=10, widths=[1.5, 2.6])
    commentary = section.commentary or "No commentary for this period."
    by = [f"— {section.commentary_by}"] if section.commentary_by else []
    notes = [f"Note: {note}" for note in section.notes]
    _text(
        slide,
        [f"Commentary: {commentary}", *by, *notes],
        right,
        Inches(5.0),
        side,
        Inches(2.0),
        size=11,
    )
    # The notes hold the chart in words and every period's numbers (the slide the latest).
    rows = [" | ".join(section.numbers.columns)]
    rows += [" | ".join(values) for values in section.numbers.astype(str).values.tolist()]
    slide.notes_slide.notes_text_frame.text = "\n".join([section.chart_alt, "", *rows])


def _method(prs, pack: Pack) -> None:
    slide = _slide(prs, pack, "Method: how RAG and SPC are decided")
    lines = [f"{heading}. {text}" for heading, text in pack.method]
    if pack.public:
        lines.append(f"Publication. {pack.disclosure_note}")
    _text(slide, lines, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(5.8), size=12)


def pptx_bytes(pack: Pack, picture: Picture) -> bytes:
    """The pack as a .pptx file; ``picture`` gives each measure's chart as PNG (or None)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = pack.title
    prs.core_properties.subject = f"{pack.marking} — {pack.scope.title}, {pack.period}"
    prs.core_properties.language = "en-GB"
    _cover(prs, pack)
    _summary(prs, pack)
    _exceptions(prs, pack)
    _groups(prs, pack)
    for section in pack.measures:
        _measure(prs, pack, section, picture)
    _method(prs, pack)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
