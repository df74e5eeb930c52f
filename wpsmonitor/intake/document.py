"""The one structure every reader returns: a document as headings, paragraphs and tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["docx", "pdf", "xlsx", "csv", "text"]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on what a reader accepts; every limit is checked before the costly work."""

    max_bytes: int = 50 * MB
    max_uncompressed_bytes: int = 300 * MB
    max_compression_ratio: int = 150
    ratio_checked_above: int = 1 * MB
    max_archive_members: int = 5_000
    max_pages: int = 1_000
    max_rows: int = 50_000
    max_seconds: float = 120.0


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``number`` is the list number Word shows before it ("1.", "(a)"), if any."""

    text: str
    number: str | None = None


@dataclass(frozen=True)
class Table:
    """A table with its header row found and repeated header rows removed.

    ``header_row_index`` is the position of the header among the source rows; ``row_numbers``
    gives, for each data row, its 1-based row number in the source (the sheet row for a
    spreadsheet; for Word and PDF the row counted from the top of the first part of the table).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    header_row_index: int = 0
    page: int | None = None
    sheet: str | None = None
    row_numbers: tuple[int, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.row_numbers:
            start = self.header_row_index + 2
            object.__setattr__(self, "row_numbers", tuple(range(start, start + len(self.rows))))

    @property
    def width(self) -> int:
        return len(self.header)


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Document:
    """A read document: its blocks in reading order and where it came from."""

    blocks: tuple[Block, ...]
    source_name: str
    kind: Kind
    pages: int | None
    checksum: str

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    def plain_text(self) -> str:
        """The text of every block, blocks separated by a blank line; tables as tab-separated rows.

        Headings are written as Markdown headings so that parsers can tell them from paragraphs.
        """
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Heading):
                parts.append("#" * max(1, min(block.level, 6)) + " " + block.text)
            elif isinstance(block, Paragraph):
                parts.append(f"{block.number} {block.text}" if block.number else block.text)
            else:
                lines = [block.header, *block.rows]
                parts.append("\n".join("\t".join(c.replace("\n", " ") for c in r) for r in lines))
        return "\n\n".join(parts)
