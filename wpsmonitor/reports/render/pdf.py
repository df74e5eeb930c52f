"""The shadow report as a PDF (fpdf2) with an embedded Unicode font and vector bar charts.

The font is DejaVu Sans (Debian/Ubuntu package fonts-dejavu-core), looked up in the usual font
folders or in the folder named by the WPS_FONT_DIR environment variable, so that ë ç š č ć ž đ
render; without it the writer raises ``FontMissing`` with what to install.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from ..outline import Chart, Heading, ItemList, Outline, Paragraph, Table
from .errors import FontMissing

# fontTools reports every glyph of the font subset at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)
FONT = "DejaVu"
HEADING_SIZES = {1: 18, 2: 14, 3: 12, 4: 10.5}
PALETTE = ((75, 46, 131), (217, 102, 31), (42, 127, 98), (138, 138, 138))
BODY = 9.5


def find_fonts() -> tuple[Path, Path]:
    """The regular and bold DejaVu Sans files, or ``FontMissing`` saying what to install."""
    dirs = [os.environ["WPS_FONT_DIR"]] if os.environ.get("WPS_FONT_DIR") else []
    for folder in [*dirs, *FONT_DIRS]:
        regular, bold = Path(folder, "DejaVuSans.ttf"), Path(folder, "DejaVuSans-Bold.ttf")
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FontMissing(
        _(
            "PDF reports need the DejaVu Sans font (DejaVuSans.ttf and DejaVuSans-Bold.ttf). "
            "Install it (Debian and Ubuntu: apt-get install fonts-dejavu-core) or set "
            "WPS_FONT_DIR to the folder holding it, or choose DOCX or HTML."
        )
    )


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(0, 6, str(self.page_no()), align="C")


def _heading(pdf: FPDF, block: Heading) -> None:
    size = HEADING_SIZES.get(block.level, BODY)
    if pdf.get_y() > pdf.page_break_trigger - 30:
        pdf.add_page()
    pdf.ln(3 if block.level > 2 else 5)
    pdf.start_section(block.text, level=block.level - 1, strict=False)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(FONT, "", BODY)


def _paragraph(pdf: FPDF, text: str, *, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", BODY)
    pdf.multi_cell(0, 4.6, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    pdf.set_font(FONT, "", BODY)


def _caption(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, "B", BODY)
    pdf.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", BODY)


def _table(pdf: FPDF, table: Table) -> None:
    if pdf.get_y() > pdf.page_break_trigger - 25:
        pdf.add_page()
    _caption(pdf, table.label)
    widths = table.widths if len(table.widths) == len(table.header) else None
    marked = FontFace(emphasis="BOLD", fill_color=(255, 243, 205))
    pdf.set_font(FONT, "", 8.5)
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=(232, 232, 232)),
        line_height=4.2,
        text_align="LEFT",
        repeat_headings=1,
    ) as grid:
        grid.row(table.header)
        for i, row in enumerate(table.rows):
            grid.row(row, style=marked if i in table.marked else None)
    pdf.set_font(FONT, "", BODY)
    pdf.ln(3)


def _chart(pdf: FPDF, chart: Chart) -> None:
    """Bars drawn as filled rectangles (vector), each with its value written beside it."""
    bar_h, gap, group_gap, label_w, bar_w = 4.0, 1.0, 2.5, 55.0, 120.0
    multi = len(chart.series) > 1
    rows = len(chart.categories) * len(chart.series)
    height = (8 if multi else 0) + rows * (bar_h + gap) + len(chart.categories) * group_gap + 10
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    x0, y = pdf.l_margin, pdf.get_y() + 2
    top = chart.maximum() or 1.0
    pdf.set_font(FONT, "", 8.5)
    if multi:
        x = x0 + label_w
        for i, s in enumerate(chart.series):
            pdf.set_fill_color(*PALETTE[i % len(PALETTE)])
            pdf.rect(x, y, 3.5, 3.5, style="F")
            pdf.text(x + 5, y + 3, s.name)
            x += 10 + pdf.get_string_width(s.name)
        y += 8
    for c, category in enumerate(chart.categories):
        group_h = len(chart.series) * (bar_h + gap)
        label = category
        while pdf.get_string_width(label) > label_w - 4 and len(label) > 4:
            label = label[:-2] + "…"
        pdf.text(x0 + label_w - 3 - pdf.get_string_width(label), y + group_h / 2 + 1.2, label)
        for i, s in enumerate(chart.series):
            value = s.values[c]
            width = bar_w * value / top
            pdf.set_fill_color(*PALETTE[i % len(PALETTE)])
            if width > 0:
                pdf.rect(x0 + label_w, y, width, bar_h, style="F")
            shown = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
            pdf.text(x0 + label_w + width + 1.5, y + bar_h - 0.8, shown)
            y += bar_h + gap
        y += group_gap
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(y + 1)
    _caption(pdf, chart.label)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(0, 4, chart.alt, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", BODY)
    pdf.ln(3)


def write(plan: Outline) -> bytes:
    """The PDF file of ``plan``, landscape A4, with bookmarks for every heading."""
    regular, bold = find_fonts()
    pdf = _Pdf(orientation="L", format="A4")
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_title(plan.title)
    pdf.set_lang(plan.language)
    pdf.set_creator("WPS Monitor")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, "", BODY)
    for block in plan.blocks:
        if isinstance(block, Heading):
            _heading(pdf, block)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block.text, bold=block.emphasis)
        elif isinstance(block, ItemList):
            for n, item in enumerate(block.items, 1):
                marker = f"{n}." if block.ordered else "•"
                _paragraph(pdf, f"{marker} {item}")
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Chart):
            _chart(pdf, block)
    return bytes(pdf.output())
