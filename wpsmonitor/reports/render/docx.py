"""The shadow report as a Word document: real headings, tables with header rows, captions.

A chart becomes a table-based bar chart (category, value and a bar of block characters), with
its caption and text alternative; python-docx cannot embed SVG and a PNG would not be vector.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable

from ..outline import Chart, Heading, ItemList, Outline, Paragraph, Table

BAR_CHARS = 24


def _set_cell(cell, text: str, *, bold: bool = False) -> None:  # noqa: ANN001
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold


def _describe(table: DocxTable, caption: str, description: str) -> None:
    """Accessible name and description of a table (Word's "Alt Text")."""
    props = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value[:255])
        props.append(el)


def _repeat_header(table: DocxTable) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _shade(cell, fill: str) -> None:  # noqa: ANN001
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _grid(doc, header: list[str], rows: list[list[str]], marked: set[int]) -> DocxTable:  # noqa: ANN001
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles["Table Grid"]
    all_rows = table.rows
    for cell, text in zip(all_rows[0].cells, header, strict=True):
        _set_cell(cell, text, bold=True)
        _shade(cell, "E8E8E8")
    _repeat_header(table)
    for i, row in enumerate(rows):
        for cell, text in zip(all_rows[i + 1].cells, row, strict=True):
            _set_cell(cell, text, bold=i in marked)
            if i in marked:
                _shade(cell, "FFF3CD")
    return table


def _table(doc, table: Table) -> None:  # noqa: ANN001
    doc.add_paragraph(table.label, style="Caption")
    grid = _grid(doc, table.header, table.rows, table.marked)
    _describe(grid, table.label, table.caption)
    if table.widths and len(table.widths) == len(table.header):
        total = sum(table.widths)
        for column, share in zip(grid.columns, table.widths, strict=True):
            width = Cm(24.0 * share / total)
            for cell in column.cells:
                cell.width = width


def _chart(doc, chart: Chart) -> None:  # noqa: ANN001
    top = chart.maximum() or 1.0
    multi = len(chart.series) > 1
    category, series, value, bar = chart.header or ["", "", "", ""]
    header = [category, *([series] if multi else []), value, bar]
    rows = []
    for c, category in enumerate(chart.categories):
        for s in chart.series:
            value = s.values[c]
            bar = "█" * round(BAR_CHARS * value / top)
            shown = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
            rows.append([category, *([s.name] if multi else []), shown, bar])
    grid = _grid(doc, header, rows, set())
    _describe(grid, chart.label, chart.alt)
    doc.add_paragraph(chart.label, style="Caption")


def write(plan: Outline) -> bytes:
    """The DOCX file of ``plan``."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2.0))
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = plan.title
    doc.core_properties.language = plan.language
    for block in plan.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = doc.add_paragraph()
            paragraph.add_run(block.text).bold = block.emphasis
        elif isinstance(block, ItemList):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                doc.add_paragraph(item, style=style)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Chart):
            _chart(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
