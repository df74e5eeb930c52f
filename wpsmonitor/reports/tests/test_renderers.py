"""The layout of the shadow report, tested from hand-built data: no database is touched."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import pdfplumber
import pytest

from wpsmonitor.reports.outline import Heading, outline
from wpsmonitor.reports.render import FontMissing, render
from wpsmonitor.reports.render import pdf as pdf_writer

from .handmade import shadow_report

LETTERS = "ë ç š č ć ž đ"


class Structure(HTMLParser):
    """Headings, tables, captions and SVG accessibility of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.tables = 0
        self.tables_with_th = 0
        self.captions: list[str] = []
        self.svgs: list[dict[str, str]] = []
        self.svg_titles = 0
        self.svg_descs = 0
        self.marked_rows = 0
        self.lang = ""
        self._stack: list[str] = []
        self._text = ""
        self._in_table_th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if re.fullmatch(r"h[1-6]", tag) or tag in ("caption", "figcaption"):
            self._text = ""
        if tag == "table":
            self.tables += 1
            self._in_table_th = False
        if tag == "th" and not self._in_table_th:
            self._in_table_th = True
            self.tables_with_th += 1
        if tag == "svg":
            self.svgs.append(a)
        if tag == "title" and "svg" in self._stack:
            self.svg_titles += 1
        if tag == "desc":
            self.svg_descs += 1
        if tag == "tr" and a.get("class") == "marked":
            self.marked_rows += 1
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), self._text.strip()))
        if tag in ("caption", "figcaption"):
            self.captions.append(self._text.strip())
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        self._text += data


def parse_html(content: bytes) -> Structure:
    parser = Structure()
    parser.feed(content.decode("utf-8"))
    return parser


def assert_levels_in_order(levels: list[int]) -> None:
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from {before} to {after}"


def test_the_outline_numbers_tables_and_figures_in_order():
    plan = outline(shadow_report())
    assert [t.number for t in plan.tables()] == list(range(1, len(plan.tables()) + 1))
    assert [c.number for c in plan.charts()] == list(range(1, len(plan.charts()) + 1))
    assert plan.tables()[0].label == "Table 1: Key figures"
    assert plan.charts()[0].label.startswith("Figure 1: Commitments by status")


def test_the_outline_marks_the_disagreeing_rows_in_the_pillar_tables():
    plan = outline(shadow_report())
    participation = next(t for t in plan.tables() if t.caption == "Ratings: Participation")
    assert participation.marked == {1}
    assert "Civil society rates lower" in participation.rows[1][-1]


def test_every_chart_has_a_text_alternative_with_its_values():
    for chart in outline(shadow_report()).charts():
        assert chart.alt
        for value in chart.series[0].values:
            assert f"{value:g}" in chart.alt or f"{value:.2f}" in chart.alt


def test_html_has_one_h1_headings_in_order_tables_with_th_and_accessible_svg():
    page = parse_html(render(shadow_report(), "html"))
    levels = [level for level, _text in page.headings]
    assert levels.count(1) == 1
    assert_levels_in_order(levels)
    assert page.tables == page.tables_with_th > 0
    assert page.svgs and all(s.get("role") == "img" for s in page.svgs)
    assert all(s.get("aria-labelledby") for s in page.svgs)
    assert page.svg_descs >= len(page.svgs)
    assert "Table 1: Key figures" in page.captions
    assert any(c.startswith("Figure 1:") for c in page.captions)
    assert page.marked_rows == 1
    assert page.lang == "en"


def test_html_escapes_the_ledger_text():
    report = shadow_report()
    report.pillars[0].commitments[0].text = "<script>alert(1)</script>"
    content = render(report, "html").decode()
    assert "<script>" not in content
    assert "&lt;script&gt;" in content


def test_html_validates_as_xml_free_html_with_lxml():
    lxml_html = pytest.importorskip("lxml.html")
    tree = lxml_html.fromstring(render(shadow_report(), "html"))
    assert len(tree.findall(".//h1")) == 1
    for table in tree.iter("table"):
        assert table.find("caption") is not None
        assert table.findall(".//thead//th")


def test_docx_has_real_headings_tables_with_header_rows_and_captions():
    document = docx.Document(io.BytesIO(render(shadow_report(), "docx")))
    headings = [
        (int(p.style.name.split()[-1]), p.text)
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings[0] == (1, "Shadow report: Plani Kombëtar i Veprimit për Rezolutën 1325, 2024")
    assert_levels_in_order([level for level, _t in headings])
    assert (2, "Summary") in headings and (3, "Participation") in headings
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0] == "Table 1: Key figures"
    assert (
        "Figure 1: Commitments by status, as rated by the government and by civil society"
        in captions
    )
    key_figures = document.tables[0]
    assert [c.text for c in key_figures.rows[0].cells] == ["Figure", "Value"]
    assert all(run.bold for c in key_figures.rows[0].cells for run in c.paragraphs[0].runs)
    assert key_figures.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert [c.text for c in key_figures.rows[1].cells] == ["Commitments", "3"]


def test_docx_draws_charts_as_tables_of_bars_with_a_description():
    document = docx.Document(io.BytesIO(render(shadow_report(), "docx")))
    status_chart = document.tables[2]  # after key figures and the status table
    first = [c.text for c in status_chart.rows[1].cells]
    assert first[:3] == ["Complete", "Government", "1"]
    assert set(first[3]) == {"█"}
    description = status_chart._tbl.tblPr.xpath("./w:tblDescription")[0]
    assert "Government: Complete 1" in description.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"
    )


def test_docx_lists_both_ratings_of_every_commitment():
    document = docx.Document(io.BytesIO(render(shadow_report(), "docx")))
    rows = {
        row.cells[0].text: [c.text for c in row.cells]
        for table in document.tables
        if table.rows[0].cells[0].text == "Ref." and len(table.columns) == 7
        for row in table.rows[1:]
    }
    assert rows["1.2"][4:6] == ["Limited", "Not started"]
    assert rows["2.1"][4:6] == ["Not started", "Not started"]


def test_pdf_embeds_a_unicode_font_and_keeps_the_text():
    content = render(shadow_report(), "pdf")
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        fonts = {char["fontname"] for page in pdf.pages for char in page.chars}
    assert "Shadow report: Plani Kombëtar i Veprimit për Rezolutën 1325, 2024" in text
    assert "Table 1: Key figures" in text
    assert "Figure 1: Commitments by status" in text
    assert "šta je sa čć ž đ" in text
    assert all("DejaVu" in name for name in fonts)


def test_pdf_draws_charts_with_vector_rectangles():
    with pdfplumber.open(io.BytesIO(render(shadow_report(), "pdf"))) as pdf:
        rects = [r for page in pdf.pages for r in page.rects]
        images = [i for page in pdf.pages for i in page.images]
    assert len(rects) >= 3
    assert images == []


def test_pdf_without_the_font_fails_with_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_writer, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.delenv("WPS_FONT_DIR", raising=False)
    with pytest.raises(FontMissing, match="fonts-dejavu-core"):
        render(shadow_report(), "pdf")


def test_fixed_text_follows_the_report_language():
    heads = {}
    for language in ("en", "sq", "sr-latn"):
        plan = outline(shadow_report(language))
        heads[language] = [b.text for b in plan.blocks if isinstance(b, Heading) and b.level == 2]
        heads[language].append(plan.tables()[0].label)
        heads[language].append(plan.charts()[0].label.split(":")[0])
    assert heads["en"][:2] == ["Summary", "Scorecard"]
    assert heads["sq"][1] == "Tabela e vlerësimit"
    assert heads["sr-latn"][1] == "Tablica ocena"
    assert "Summary" not in heads["sq"] + heads["sr-latn"]
    assert heads["sq"][-2:] == ["Tabela 1: Shifrat kryesore", "Figura 1"]
    assert heads["sr-latn"][-2:] == ["Tabela 1: Ključne brojke", "Slika 1"]


def test_a_serbian_pdf_keeps_its_letters():
    content = render(shadow_report("sr-latn"), "pdf")
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Ključne brojke" in text
    assert "Analiza formulacije" in text


def test_recommendations_are_numbered_in_every_format():
    report = shadow_report()
    html = render(report, "html").decode()
    assert "<ol><li>Forcojeni gjuhën e zotimit 1.2.</li>" in html
    document = docx.Document(io.BytesIO(render(report, "docx")))
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == report.recommendations
