"""Helpers shared by the readers."""

from __future__ import annotations

import time
from pathlib import Path

from wpsmonitor.intake.errors import CorruptFile, TooLarge


class Deadline:
    """A time budget for reading one file, checked between pages, parts and rows."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self, where: str | None = None) -> None:
        if time.monotonic() > self.ends:
            raise TooLarge(
                f"Reading the file took longer than {self.seconds:.0f} seconds; "
                "split it into smaller documents.",
                where=where,
            )


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Raises ``UnicodeDecodeError`` when none of them fits.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_text_file(path: Path) -> str:
    """The decoded text of a file, or ``CorruptFile`` when it is not text we can decode."""
    try:
        return decode_text(path.read_bytes())
    except UnicodeDecodeError as exc:
        raise CorruptFile(
            "The file is not text in UTF-8 or Windows-1252; save it as UTF-8 and upload again."
        ) from exc
