"""Read a PDF: text per page grouped into headings and paragraphs, and ruled tables.

Page furniture (page numbers, a running head repeated on most pages) is dropped. Tables that
continue on the next page are joined, whether or not the header is repeated there.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from wpsmonitor.intake.columns import looks_like_header
from wpsmonitor.intake.document import Block, Heading, Limits, Paragraph, Table
from wpsmonitor.intake.errors import CorruptFile, EncryptedFile, IntakeError, ScannedPdf, TooLarge
from wpsmonitor.intake.readers.common import Deadline
from wpsmonitor.intake.readers.tables import (
    build_table,
    merge_continued,
    merge_tables,
    rectangular,
)

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:page|faqja|strana|stranica|str\.|p\.)?\s*\d{1,4}"
    r"(?:\s*(?:/|of|nga|od|sur)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_LIST_START = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?\s|\(?[a-z]{1,3}\)\s|\(\d+\)|[•▪●◦\-–]\s)")
_HEADING_MAX_CHARS = 120


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Item:
    """Something on a page in reading order: a text line or a table's raw rows."""

    page: int
    top: float
    line: _Line | None = None
    rows: list[list[str | None]] | None = None


def _line(raw: dict[str, Any]) -> _Line:
    chars = raw.get("chars") or []
    sizes = Counter(round(float(c.get("size", 0)), 1) for c in chars if c.get("text", "").strip())
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    bold_chars = sum(1 for c in chars if "bold" in str(c.get("fontname", "")).lower())
    return _Line(
        text=" ".join(raw["text"].split()),
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        size=size,
        bold=bool(chars) and bold_chars * 2 > len(chars),
    )


def _cell_text(words: list[dict[str, Any]], right: float) -> str:
    """The words of one cell as text; a line the cell's width wrapped is joined with a space,
    a line the author broke (a shorter line) keeps its line break."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    text = ""
    for i, line in enumerate(lines):
        line_text = " ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"]))
        if i:
            previous_end = max(w["x1"] for w in lines[i - 1])
            first = min(line, key=lambda w: w["x0"])
            space = 0.5 * float(first.get("size", 10))
            wrapped = previous_end + space + (first["x1"] - first["x0"]) > right - space * 2
            text += " " if wrapped else "\n"
        text += line_text
    return text


def _table_texts(table: Any, words: list[dict[str, Any]]) -> list[list[str | None]]:
    """Cell texts of a table, None where a merged cell covers the grid position."""
    texts: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        row_words = [
            w
            for w in words
            if top <= (w["top"] + w["bottom"]) / 2 < bottom and x0 <= (w["x0"] + w["x1"]) / 2 < x1
        ]
        out: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                out.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            inside = [
                w
                for w in row_words
                if cx0 <= (w["x0"] + w["x1"]) / 2 < cx1
                and ctop <= (w["top"] + w["bottom"]) / 2 < cbottom
            ]
            out.append(_cell_text(inside, cx1))
        texts.append(out)
    return texts


def _resolved_rows(table: Any, words: list[dict[str, Any]]) -> list[list[str | None]]:
    """The table's cell texts with merged cells repeated into each grid position they cover."""
    texts = _table_texts(table, words)
    rows = table.rows
    columns = table.columns
    col_x0 = [col.bbox[0] for col in columns]
    owner: list[list[Any]] = []
    for r, row in enumerate(rows):
        owners: list[Any] = []
        for c, cell in enumerate(row.cells):
            if cell is not None:
                owners.append((cell, texts[r][c]))
                continue
            above = owner[r - 1][c] if r and c < len(owner[r - 1]) else None
            left = owners[c - 1] if c else None
            if above is not None and above[0][3] > row.bbox[1] + 1:
                owners.append(above)
            elif left is not None and c < len(col_x0) and left[0][2] > col_x0[c] + 1:
                owners.append(left)
            else:
                owners.append(None)
            texts[r][c] = owners[-1][1] if owners[-1] is not None else ""
        owner.append(owners)
    return [list(row) for row in texts]


def _page_items(page: Any, number: int) -> list[_Item]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        mid_x = (obj["x0"] + obj["x1"]) / 2
        mid_y = (obj["top"] + obj["bottom"]) / 2
        return not any(
            x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes
        )

    text_page = page.filter(outside) if boxes else page
    items = [
        _Item(number, float(raw["top"]), line=_line(raw))
        for raw in text_page.extract_text_lines(return_chars=True)
        if raw["text"].strip()
    ]
    if tables:
        words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
        items.extend(_Item(number, float(t.bbox[1]), rows=_resolved_rows(t, words)) for t in tables)
    items.sort(key=lambda item: item.top)
    return items


def _drop_furniture(pages: list[list[_Item]]) -> None:
    """Remove page numbers and running heads/footers from the first and last lines of pages."""
    edge_texts: Counter[str] = Counter()
    for items in pages:
        lines = [i for i in items if i.line]
        for item in lines[:2] + lines[-2:]:
            assert item.line is not None
            edge_texts[re.sub(r"\d+", "#", item.line.text)] += 1
    repeated = {t for t, n in edge_texts.items() if n >= 3 and n * 2 >= len(pages)}
    for items in pages:
        lines = [i for i in items if i.line]
        edges = {id(i) for i in lines[:2] + lines[-2:]}
        items[:] = [
            i
            for i in items
            if not (
                i.line
                and id(i) in edges
                and (
                    _PAGE_NUMBER.match(i.line.text) or re.sub(r"\d+", "#", i.line.text) in repeated
                )
            )
        ]


def _text_blocks(lines: list[_Line], body_size: float, heading_sizes: list[float]) -> list[Block]:
    blocks: list[Block] = []
    current: list[_Line] = []

    def flush() -> None:
        if current:
            text = current[0].text
            for line in current[1:]:
                text = text + line.text if text.endswith("-") else f"{text} {line.text}"
            blocks.append(Paragraph(text))
            current.clear()

    for line in lines:
        is_heading = len(line.text) <= _HEADING_MAX_CHARS and (
            line.size > body_size * 1.15 or (line.bold and not line.text.endswith((".", ";", ",")))
        )
        if is_heading:
            flush()
            level = next(
                (i + 1 for i, size in enumerate(heading_sizes) if line.size >= size - 0.05),
                len(heading_sizes) + 1,
            )
            previous = blocks[-1] if blocks else None
            if isinstance(previous, Heading) and previous.level == level and current == []:
                blocks[-1] = Heading(level, f"{previous.text} {line.text}")
            else:
                blocks.append(Heading(level, line.text))
            continue
        if current:
            last = current[-1]
            height = max(last.bottom - last.top, 1.0)
            gap = line.top - last.bottom
            new_page = line.top < last.top
            if (
                (gap > 0.6 * height and not new_page)
                or (new_page and last.text.endswith((".", ":", ";")))
                or _LIST_START.match(line.text)
                or abs(line.size - last.size) > 0.5
            ):
                flush()
        current.append(line)
    flush()
    return blocks


def _open(path: Path) -> Any:
    try:
        return pdfplumber.open(str(path))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedFile(
                "The PDF is password-protected; remove the password and upload it again."
            ) from exc
        raise CorruptFile("The PDF is damaged and cannot be read.") from exc
    except (PDFSyntaxError, PSException, MalformedPDFException, ValueError, KeyError) as exc:
        raise CorruptFile("The PDF is damaged and cannot be read.") from exc


def read_pdf(path: Path, limits: Limits, deadline: Deadline) -> tuple[list[Block], int]:
    """The blocks of a PDF and its page count; scans and password-protected files are refused."""
    pdf = _open(path)
    try:
        try:
            count = len(pdf.pages)
        except PdfminerException as exc:
            raise CorruptFile("The PDF's page list is damaged.") from exc
        if count > limits.max_pages:
            raise TooLarge(f"The PDF has {count} pages; at most {limits.max_pages} are accepted.")
        pages: list[list[_Item]] = []
        chars = images = 0
        for number, page in enumerate(pdf.pages, start=1):
            deadline.check(f"page {number}")
            try:
                chars += len(page.chars)
                images += len(page.images)
                pages.append(_page_items(page, number) if page.chars else [])
            except IntakeError:
                raise
            except Exception as exc:  # pdfminer raises many kinds on damaged content streams
                raise CorruptFile("A page of the PDF is damaged.", where=f"page {number}") from exc
            finally:
                page.close()
    finally:
        pdf.close()
    if chars == 0:
        what = "only images (a scan)" if images else "no text"
        raise ScannedPdf(
            f"The PDF has {what}: there is no text layer to read. Upload the original Word "
            "file, or run text recognition (OCR) on the PDF first."
        )
    _drop_furniture(pages)
    return _assemble(pages), count


def _assemble(pages: list[list[_Item]]) -> list[Block]:
    weights: Counter[float] = Counter()
    for items in pages:
        for item in items:
            if item.line:
                weights[item.line.size] += len(item.line.text)
    body_size = weights.most_common(1)[0][0] if weights else 0.0
    heading_sizes = sorted({s for s in weights if s > body_size * 1.15}, reverse=True)[:3]

    blocks: list[Block] = []
    pending: list[_Line] = []
    last_table_page: int | None = None
    for items in pages:
        for position, item in enumerate(items):
            if item.line:
                pending.append(item.line)
                continue
            assert item.rows is not None
            blocks.extend(_text_blocks(pending, body_size, heading_sizes))
            continuing = pending == [] and position == 0 and last_table_page == item.page - 1
            pending = []
            previous = blocks[-1] if blocks else None
            rows = rectangular(item.rows)
            if (
                continuing
                and isinstance(previous, Table)
                and rows
                and len(rows[0]) == previous.width
                and not looks_like_header(rows[0])
            ):
                # A table that runs on from the previous page without repeating its header.
                part = Table(header=previous.header, rows=(), header_row_index=0)
                built = build_table([list(previous.header), *rows])
                extra = built[-1]
                if isinstance(extra, Table):
                    part = extra
                blocks[-1] = merge_tables(previous, part)
            else:
                blocks.extend(build_table(item.rows, page=item.page))
            last_table_page = item.page
        if items and items[-1].line is not None:
            last_table_page = None
    blocks.extend(_text_blocks(pending, body_size, heading_sizes))
    return merge_continued(blocks)
