"""Read spreadsheets: each sheet of an .xlsx file, or a .csv file, becomes one table.

Before openpyxl sees an .xlsx file, each sheet's XML is scanned once to count its rows (so the
row limit is checked before loading), find the used range and collect merged ranges.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree

from wpsmonitor.intake.document import Block, Limits
from wpsmonitor.intake.errors import CorruptFile, IntakeError, TooLarge
from wpsmonitor.intake.readers.archive import check_xml_parts, open_archive
from wpsmonitor.intake.readers.common import Deadline, read_text_file
from wpsmonitor.intake.readers.tables import build_table

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_REF = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass
class _SheetScan:
    rows_with_values: int = 0
    max_row: int = 0
    max_col: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _parse_ref(ref: str) -> tuple[int, int] | None:
    match = _REF.match(ref.replace("$", "").upper())
    return (int(match.group(2)), _col_index(match.group(1))) if match else None


def _safe_parser_iter(handle: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    for _, element in etree.iterparse(
        handle, events=("end",), tag=tags, resolve_entities=False, no_network=True
    ):
        yield element


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part name inside the package, from the workbook and its relationships."""
    rels: dict[str, str] = {}
    with archive.open("xl/_rels/workbook.xml.rels") as handle:
        for rel in _safe_parser_iter(handle, (f"{{{PKG}}}Relationship",)):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            rels[rel.get("Id", "")] = posixpath.normpath(part)
    parts: dict[str, str] = {}
    with archive.open("xl/workbook.xml") as handle:
        for sheet in _safe_parser_iter(handle, (f"{{{S}}}sheet",)):
            rid = sheet.get(f"{{{R}}}id", "")
            if rid in rels:
                parts[sheet.get("name", "")] = rels[rid]
    return parts


def _scan_sheet(archive: zipfile.ZipFile, part: str, limit: int, deadline: Deadline) -> _SheetScan:
    scan = _SheetScan()
    row_tag, merge_tag = f"{{{S}}}row", f"{{{S}}}mergeCell"
    with archive.open(part) as handle:
        for element in _safe_parser_iter(handle, (row_tag, merge_tag)):
            if element.tag == merge_tag:
                first, _, last = element.get("ref", "").partition(":")
                a, b = _parse_ref(first), _parse_ref(last or first)
                if a and b:
                    scan.merges.append((a[0], a[1], b[0], b[1]))
                continue
            has_value = False
            for cell in element:
                if any(child.tag in (f"{{{S}}}v", f"{{{S}}}is") for child in cell):
                    has_value = True
                    position = _parse_ref(cell.get("r", ""))
                    if position:
                        scan.max_col = max(scan.max_col, position[1])
            if has_value:
                scan.rows_with_values += 1
                scan.max_row = max(scan.max_row, int(element.get("r", "0") or 0))
                if scan.rows_with_values > limit:
                    raise TooLarge(f"The sheet has more than {limit} rows.", where=part)
                if scan.rows_with_values % 1000 == 0:
                    deadline.check(part)
            element.clear()
    if scan.max_col == 0 and scan.rows_with_values:
        scan.max_col = 1
    return scan


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell value as text: dates in ISO form, whole numbers without ".0", percentages."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        number = Decimal(repr(value))
        if "%" in (number_format or ""):
            return f"{_plain(number * 100)}%"
        return _plain(number) + _currency(number_format)
    if isinstance(value, int):
        return str(value) + _currency(number_format)
    return str(value).strip()


def _currency(number_format: str | None) -> str:
    """ " €" when the cell's number format shows a currency, so the amount keeps it."""
    for mark in ("€", "EUR", "$", "USD", "£", "GBP", "CHF", "RSD", "din", "lek", "ALL"):
        if mark in (number_format or ""):
            return f" {mark}"
    return ""


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def read_xlsx(path: Path, limits: Limits, deadline: Deadline) -> tuple[list[Block], int | None]:
    """One table per non-empty sheet, with merged cells repeated into each cell they cover."""
    with open_archive(str(path), limits) as archive:
        check_xml_parts(archive)
        try:
            parts = _sheet_parts(archive)
            scans: dict[str, _SheetScan] = {}
            total = 0
            for name, part in parts.items():
                if part not in archive.namelist():
                    continue
                scan = _scan_sheet(archive, part, limits.max_rows - total, deadline)
                total += scan.rows_with_values
                scans[name] = scan
        except TooLarge as exc:
            raise TooLarge(
                f"The workbook has more than {limits.max_rows} rows with values.", where=exc.where
            ) from exc
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError) as exc:
            raise CorruptFile("The Excel file is damaged and cannot be read.") from exc
    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except IntakeError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on damaged packages
        raise CorruptFile("The Excel file is damaged and cannot be read.") from exc
    blocks: list[Block] = []
    try:
        for worksheet in workbook.worksheets:
            found = scans.get(worksheet.title)
            if found is None or found.rows_with_values == 0:
                continue
            scan = found
            deadline.check(f"sheet {worksheet.title}")
            grid = [
                [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                for row in worksheet.iter_rows(max_row=scan.max_row, max_col=scan.max_col)
            ]
            for row in grid:
                row.extend([""] * (scan.max_col - len(row)))
            grid.extend([[""] * scan.max_col for _ in range(scan.max_row - len(grid))])
            for top, left, bottom, right in scan.merges:
                if top > scan.max_row or left > scan.max_col:
                    continue
                value = grid[top - 1][left - 1]
                for r in range(top, min(bottom, scan.max_row) + 1):
                    for c in range(left, min(right, scan.max_col) + 1):
                        grid[r - 1][c - 1] = value
            blocks.extend(
                build_table(grid, row_numbers=range(1, len(grid) + 1), sheet=worksheet.title)
            )
    finally:
        workbook.close()
    return blocks, None


def read_csv(path: Path, limits: Limits, deadline: Deadline) -> tuple[list[Block], int | None]:
    """The file as one table; the delimiter is guessed from the first lines."""
    text = read_text_file(path)
    sample = text[:65536]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append(row)
            if len(rows) > limits.max_rows:
                raise TooLarge(f"The file has more than {limits.max_rows} rows.")
            if len(rows) % 5000 == 0:
                deadline.check(f"row {len(rows)}")
    except csv.Error as exc:
        raise CorruptFile(
            f"The CSV file cannot be read: {exc}.", where=f"row {len(rows) + 1}"
        ) from exc
    return build_table(rows, row_numbers=range(1, len(rows) + 1)), None
