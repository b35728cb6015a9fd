"""Packs opened back: the slides and pages the scope asks for, the figures equal to the
library's, alt text on every picture, the PDF tagged, and nothing withheld left anywhere
in a publication pack."""

from __future__ import annotations

import io
import json

import pytest
from pptx import Presentation
from pypdf import PdfReader

from tests.packs.conftest import PERIOD
from vrp_metrics.metrics import figures_for_period, measure_figures
from vrp_metrics.packs import build_pack, pack_bytes
from vrp_metrics.packs.scope import PackError
from vrp_metrics.reporting import format_value

# What the publication rule withholds for 2024/25 Q4 (tests/packs/conftest.py):
#   2.2.2.a 3 / 5 = 60.0% and its change on Q3 (34 / 40 = 85.0%): -25.0 pp;
#   5.1.1.a +1.25 points over n = 6, change on Q3 (+0.62): +0.63 points;
#   5.1.3.a 7 young people, change on Q3 (8): -1.
WITHHELD_TEXTS = ["60.0%", "3 / 5", "-25.0 pp", "+1.25", "n = 6", "+0.63"]
WITHHELD_VALUES = [60.0, 1.25, 7.0]


def slide_texts(slide) -> list[str]:
    """Every text of a slide: text frames, table cells, alt texts and notes."""
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if shape.shape_type == 13:  # a picture
            texts.append(shape._element.nvPicPr.cNvPr.get("descr", ""))
    if slide.has_notes_slide:
        texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def table_rows(slide) -> dict[str, str]:
    """The first two columns of every table of a slide, as label → text."""
    rows = {}
    for shape in slide.shapes:
        if shape.has_table:
            for row in shape.table.rows:
                cells = [c.text for c in row.cells]
                rows[cells[0]] = cells[1]
    return rows


@pytest.fixture(scope="module")
def built(store_template, catalogue, tmp_path_factory):
    """Internal and publication packs of the SVRP, in both formats, made once."""
    from vrp_metrics.store import Store

    store = Store(store_template)
    made = {}
    for public in (False, True):
        pack = build_pack(store, catalogue, "svrp", PERIOD, public=public)
        for fmt in ("pptx", "pdf"):
            made[(public, fmt)] = (pack, pack_bytes(pack, fmt))
    return made


def test_an_svrp_pptx_has_the_slides_in_order_with_the_librarys_figures(built, store, catalogue):
    pack, data = built[(False, "pptx")]
    slides = Presentation(io.BytesIO(data)).slides
    titles = [s.shapes.title.text for s in slides]
    # cover, summary, exceptions, two groups' key updates, four measures, method
    assert titles[1:] == [
        f"Summary for {PERIOD}",
        f"Exceptions for {PERIOD}",
        "Tactical group (TVRP): key updates and decisions",
        "Interventions group (IEO): key updates and decisions",
        "2.2.2.a Positive ratings",
        "5.1.1.a Average score change",
        "5.1.3.a Young people supported",
        "5.3.1.a Sessions delivered",
        "Method: how RAG and SPC are decided",
    ]
    assert "OFFICIAL" in slide_texts(slides[0])
    figures = figures_for_period(measure_figures(store, catalogue), catalogue, PERIOD)
    for slide, code in zip(
        list(slides)[5:9], ["2.2.2.a", "5.1.1.a", "5.1.3.a", "5.3.1.a"], strict=True
    ):
        row = figures[figures["measure_code"] == code].iloc[0]
        facts = table_rows(slide)
        assert facts["Figure"] == format_value(row["value"], catalogue.measure(code).kind)
    # 2.2.2.a: 3 / 5; 5.1.1.a: n = 6 — numerator / denominator and cohort n as the library has them
    assert table_rows(slides[5])["Numerator / denominator"] == "3 / 5"
    assert table_rows(slides[6])["Cohort n"] == "n = 6"
    assert "Decision: extend the pilot." in "\n".join(slide_texts(slides[4]))


def test_every_picture_has_alt_text_saying_measure_period_latest_value_and_direction(built):
    _, data = built[(False, "pptx")]
    pictures = [
        shape
        for slide in Presentation(io.BytesIO(data)).slides
        for shape in slide.shapes
        if shape.shape_type == 13
    ]
    assert len(pictures) == 4
    alt = {p._element.nvPicPr.cNvPr.get("descr") for p in pictures}
    assert (
        "SPC chart (XmR) of 5.1.3.a Young people supported, 2023/24 Q1 to 2024/25 Q4: latest "
        "value 7 in 2024/25 Q4, down on the period before (worse)." in alt
    )


def test_exceptions_list_the_red_measures_with_their_commentary(built):
    pack, _ = built[(False, "pptx")]
    # Eight quarters, so each SPC chart decides (DESIGN §4 basis). 5.1.3.a: mean 19.375,
    # average moving range 27 / 7 = 3.857, lower limit 19.375 − 2.66 × 3.857 = 9.11; 7 is
    # below it, a special-cause concern: red. 2.2.2.a (60% against limits 53.1–98.7) and
    # 5.3.1.a (3 against 0.58–6.67) are common cause: amber, not exceptions.
    assert pack.exceptions["Measure"].str[:7].tolist() == ["5.1.3.a"]
    assert pack.exceptions["Commentary"].iloc[0] == "@SUM(A1) fewer referrals this quarter"


def test_a_pdf_pack_is_tagged_with_a_page_per_section_and_alt_text_on_every_figure(built):
    _, data = built[(False, "pdf")]
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).startswith("en")
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("Summary for", "Exceptions for", "5.1.3.a Young people supported", "Method:"):
        assert heading in text
    figures = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                figures.append(node)
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert len(figures) == 4
    assert all(str(f.get("/Alt", "")).startswith("SPC chart (XmR) of") for f in figures)


def test_nothing_withheld_is_left_anywhere_in_a_publication_pack(built):
    pack, pptx = built[(True, "pptx")]
    _, pdf = built[(True, "pdf")]
    texts = [t for slide in Presentation(io.BytesIO(pptx)).slides for t in slide_texts(slide)]
    texts.append("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    texts += [s.chart_alt for s in pack.measures]
    everything = "\n".join(texts)
    for withheld in WITHHELD_TEXTS:
        assert withheld not in everything, withheld
    # The count of 7 people: no table cell or figure reads 7.
    cells = {
        cell.text
        for slide in Presentation(io.BytesIO(pptx)).slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    }
    assert "7" not in cells and "[c]" in cells
    assert "[c] marks a figure about fewer than 8 people" in everything
    # The numbers behind every chart: no withheld value in any trace or label.
    for section in pack.measures:
        chart = json.loads(section.chart.to_json())
        for trace in chart["data"]:
            for key in ("y", "text", "customdata"):
                values = trace.get(key) or []
                flat = json.dumps(values)
                for number in WITHHELD_VALUES:
                    assert number not in [v for v in values if isinstance(v, float)], section.code
                assert "1.25" not in flat and "60.0" not in flat


def test_a_publication_still_shows_figures_about_eight_people_or_more(built):
    pack, _ = built[(True, "pptx")]
    sessions = next(s for s in pack.measures if s.code == "5.3.1.a")
    assert sessions.value_text == "3"  # sessions, not people
    people = next(s for s in pack.measures if s.code == "5.1.3.a")
    assert people.value_text == "[c]"
    assert people.numbers["Value"].tolist()[-2:] == ["8", "[c]"]


def test_a_group_pack_has_only_its_measures(store, catalogue):
    pack = build_pack(store, catalogue, "tvrp", PERIOD)
    assert [s.code for s in pack.measures] == ["2.2.2.a"]
    assert [g.code for g in pack.groups] == ["TVRP"]
    assert build_pack(store, catalogue, "SO4", PERIOD).scope.groups == ("IEO",)


@pytest.mark.parametrize(
    ("scope", "period", "message"),
    [
        ("SO9", PERIOD, "not a pack scope"),
        ("svrp", "2024/25 Q5", "not a period"),
        ("svrp", "2019/20 Q1", "no figures for 2019/20 Q1"),
    ],
)
def test_a_pack_that_cannot_be_made_says_why(store, catalogue, scope, period, message):
    with pytest.raises(PackError, match=message):
        build_pack(store, catalogue, scope, period)


def test_the_protective_marking_comes_from_the_environment(store, catalogue, monkeypatch):
    monkeypatch.setenv("VRP_PROTECTIVE_MARKING", "OFFICIAL-SENSITIVE")
    assert build_pack(store, catalogue, "tvrp", PERIOD, marking="OFFICIAL").marking == (
        "OFFICIAL-SENSITIVE"
    )
    monkeypatch.delenv("VRP_PROTECTIVE_MARKING")
    assert build_pack(store, catalogue, "tvrp", PERIOD).marking == "OFFICIAL"
