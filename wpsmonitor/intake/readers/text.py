"""Read plain text and Markdown: paragraphs, Markdown headings and pipe tables."""

from __future__ import annotations

import re
from pathlib import Path

from wpsmonitor.intake.document import Block, Heading, Limits, Paragraph
from wpsmonitor.intake.readers.common import Deadline, read_text_file
from wpsmonitor.intake.readers.tables import build_table

_MD_HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*#*\s*$")
# A line that starts a list item starts a new paragraph even without a blank line before it.
_ITEM_START = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]\s|\(\w{1,4}\)|[a-z]\)\s|[-*•]\s)")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def text_blocks(text: str) -> list[Block]:
    """Blocks of a text: paragraphs are separated by blank lines when the text has any, else
    each line is a paragraph; a list item starts a new paragraph; ``#`` lines are headings."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    has_blank_lines = any(not line.strip() for line in lines)
    blocks: list[Block] = []
    buffer: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if buffer:
            blocks.append(Paragraph(" ".join(" ".join(buffer).split())))
            buffer.clear()
        if table:
            blocks.extend(build_table(table))
            table.clear()

    for line in lines:
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            blocks.append(Heading(len(heading.group(1)), heading.group(2)))
        elif _PIPE_ROW.match(line):
            if buffer:
                flush()
            if not _PIPE_RULE.match(line):
                table.append(_pipe_cells(line))
        elif not line.strip():
            flush()
        else:
            if table or _ITEM_START.match(line):
                flush()
            buffer.append(line.strip())
            if not has_blank_lines:
                flush()
    flush()
    return blocks


def read_text(path: Path, limits: Limits, deadline: Deadline) -> tuple[list[Block], int | None]:
    return text_blocks(read_text_file(path)), None
