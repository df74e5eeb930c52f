"""How fast the intake readers read a 100-page plan, next to bare text extraction.

Builds a Word plan of 100 pages with 500 actions in a results matrix (the matrix split over the
pages, each part repeating the header) and the same matrix as a PDF, then times
``read_document`` + ``parse_matrix`` against python-docx's and pdfplumber's own text extraction.
Prints figures; asserts nothing. Run: ``python benchmarks/bench_readers.py``.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wpsmonitor.intake.document import Table
from wpsmonitor.intake.matrix import parse_matrix
from wpsmonitor.intake.readers import read_document
from wpsmonitor.intake.tests.builders import EN_HEADER, build_pdf_matrix, matrix_rows

PAGES = 100
ACTIONS = 500
REPEAT = 2


def build_docx_plan(path: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    rows = matrix_rows(ACTIONS)
    per_page = ACTIONS // PAGES
    document = docx.Document()
    document.add_heading("National Action Plan on UNSCR 1325", level=1)
    for page in range(PAGES):
        if page:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(f"Results matrix, part {page + 1}", level=2)
        document.add_paragraph(
            "This part of the plan lists the actions, their indicators, the institutions "
            "responsible for them and the budget set aside."
        )
        part = rows[page * per_page : (page + 1) * per_page]
        table = document.add_table(rows=len(part) + 1, cols=len(EN_HEADER))
        for cell, text in zip(table.rows[0].cells, EN_HEADER, strict=True):
            cell.text = text
        for row, values in zip(table.rows[1:], part, strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
    document.save(str(path))
    return path


def best_of(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def ours(path: Path) -> int:
    document = read_document(path)
    return sum(len(parse_matrix(t)) for t in document.tables if isinstance(t, Table))


def bare_docx(path: Path) -> None:
    import docx

    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        _ = paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def bare_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            _ = page.extract_text()
            page.close()


def report(label: str, pages: int, mine: float, bare: float, actions: int) -> None:
    print(
        f"{label:5} {pages:4d} pages  {actions:4d} actions  "
        f"read+parse {mine:6.2f} s = {pages / mine:7.1f} pages/s   "
        f"bare text {bare:6.2f} s = {pages / bare:7.1f} pages/s   "
        f"ratio {mine / bare:4.1f}x the bare time"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        docx_path = build_docx_plan(Path(folder) / "plan.docx")
        pdf_path = build_pdf_matrix(Path(folder) / "plan.pdf", matrix_rows(ACTIONS))
        pdf_pages = read_document(pdf_path).pages or 0
        sizes = docx_path.stat().st_size // 1024, pdf_path.stat().st_size // 1024
        print(f"DOCX {sizes[0]} KB, PDF {sizes[1]} KB")
        report(
            "DOCX",
            PAGES,
            best_of(lambda: ours(docx_path)),
            best_of(lambda: bare_docx(docx_path)),
            ours(docx_path),
        )
        report(
            "PDF",
            pdf_pages,
            best_of(lambda: ours(pdf_path)),
            best_of(lambda: bare_pdf(pdf_path)),
            ours(pdf_path),
        )


if __name__ == "__main__":
    main()
