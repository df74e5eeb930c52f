"""Turn raw grids of cell text into ``Table`` blocks: find the header, drop repeated headers."""

from __future__ import annotations

from collections.abc import Sequence

from wpsmonitor.intake.columns import looks_like_header
from wpsmonitor.intake.document import Block, Paragraph, Table
from wpsmonitor.intake.text import clean_cell, fold

# The header is looked for among the first rows only; a title row or two may sit above it.
HEADER_SEARCH_ROWS = 8


def _key(row: Sequence[str]) -> tuple[str, ...]:
    return tuple(fold(c) for c in row)


def _repeats_header(row: tuple[str, ...], header_key: tuple[str, ...]) -> bool:
    """A header repeated at a page break, even when a merged cell covers one of its cells."""
    key = _key(row)
    if key == header_key:
        return True
    same = sum(1 for a, b in zip(key, header_key, strict=False) if a and a == b)
    return same >= 2 and same * 4 >= len(header_key) * 3 and looks_like_header(row)


def rectangular(rows: Sequence[Sequence[str | None]]) -> list[tuple[str, ...]]:
    """Clean every cell, pad rows to the same width and drop columns that are empty throughout."""
    cleaned = [[clean_cell(c or "") for c in row] for row in rows]
    width = max((len(r) for r in cleaned), default=0)
    for row in cleaned:
        row.extend([""] * (width - len(row)))
    keep = [i for i in range(width) if any(row[i] for row in cleaned)]
    return [tuple(row[i] for i in keep) for row in cleaned]


def header_index(rows: Sequence[tuple[str, ...]]) -> int | None:
    """The first row that reads as column headers, else the first non-empty row."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if looks_like_header(row):
            return i
    return next((i for i, row in enumerate(rows) if any(row)), None)


def build_table(
    raw_rows: Sequence[Sequence[str | None]],
    *,
    row_numbers: Sequence[int] | None = None,
    page: int | None = None,
    sheet: str | None = None,
) -> list[Block]:
    """Blocks for one source table: title rows above the header as paragraphs, then the table.

    Rows equal to the header (a header repeated at a page break) and empty rows are dropped.
    """
    rows = rectangular(raw_rows)
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(rows) + 1))
    index = header_index(rows)
    if index is None:
        return []
    blocks: list[Block] = []
    for row in rows[:index]:
        text = " ".join(dict.fromkeys(c for c in row if c))
        if text:
            blocks.append(Paragraph(text))
    header = rows[index]
    header_key = _key(header)
    kept = [
        (number, row)
        for number, row in zip(numbers[index + 1 :], rows[index + 1 :], strict=False)
        if any(row) and not _repeats_header(row, header_key)
    ]
    blocks.append(
        Table(
            header=header,
            rows=tuple(row for _, row in kept),
            header_row_index=index,
            page=page,
            sheet=sheet,
            row_numbers=tuple(number for number, _ in kept),
        )
    )
    return blocks


def same_header(a: Table, b: Table) -> bool:
    return a.width == b.width and _key(a.header) == _key(b.header)


def merge_tables(first: Table, second: Table) -> Table:
    """One table from a table and its continuation; row numbers of the second part continue on."""
    offset = max((*first.row_numbers, first.header_row_index + 1))
    return Table(
        header=first.header,
        rows=first.rows + second.rows,
        header_row_index=first.header_row_index,
        page=first.page,
        sheet=first.sheet,
        row_numbers=first.row_numbers + tuple(offset + n for n in second.row_numbers),
    )


def merge_continued(blocks: Sequence[Block]) -> list[Block]:
    """Join each table to the table just before it when both have the same header."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, Table)
            and isinstance(previous, Table)
            and block.sheet is None
            and previous.sheet is None
            and same_header(previous, block)
        ):
            out[-1] = merge_tables(previous, block)
        else:
            out.append(block)
    return out
