"""Renderers: a ``ShadowReport`` in, the bytes of an HTML, DOCX or PDF file out. No ORM.

All three lay out the same ``outline(report)``, so their headings, tables, figures and numbering
match. Charts are vector graphics everywhere: inline SVG in HTML, drawn with fpdf2's vector
primitives in PDF, and in DOCX a table-based bar chart (text bars beside the values), since
python-docx cannot embed SVG and a raster image would not be vector.
"""

from __future__ import annotations

from collections.abc import Callable

from ..data import ShadowReport
from ..outline import Outline, outline
from .errors import FontMissing, RenderError

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

__all__ = ["CONTENT_TYPES", "FontMissing", "RenderError", "render", "render_outline"]


def render_outline(plan: Outline, fmt: str) -> bytes:
    """The bytes of ``plan`` in ``fmt`` (html, docx or pdf)."""
    writers: dict[str, Callable[[Outline], bytes]]
    from . import docx, html, pdf

    writers = {"html": html.write, "docx": docx.write, "pdf": pdf.write}
    if fmt not in writers:
        raise RenderError(f"Unknown format {fmt!r}: choose html, docx or pdf.")
    return writers[fmt](plan)


def render(report: ShadowReport, fmt: str) -> bytes:
    """The shadow report as a file in ``fmt`` (html, docx or pdf)."""
    return render_outline(outline(report), fmt)
