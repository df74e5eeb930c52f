"""Read uploaded documents (.docx, .pdf, .xlsx, .csv, .txt, .md) into one ``Document`` shape.

Every file is checked before it is parsed: its size, what its bytes say it is against what its
name says, and for Office files the zip directory and the XML prologs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from wpsmonitor.intake.document import DEFAULT_LIMITS, Block, Document, Kind, Limits
from wpsmonitor.intake.errors import (
    CorruptFile,
    EncryptedFile,
    ExtensionMismatch,
    IntakeError,
    TooLarge,
    UnsupportedFile,
)
from wpsmonitor.intake.readers.common import Deadline
from wpsmonitor.intake.readers.pdf import read_pdf
from wpsmonitor.intake.readers.sniff import DESCRIPTIONS, sniff
from wpsmonitor.intake.readers.spreadsheet import read_csv, read_xlsx
from wpsmonitor.intake.readers.text import read_text
from wpsmonitor.intake.readers.word import read_docx

__all__ = ["SUFFIXES", "read_document"]

Reader = Callable[[Path, Limits, Deadline], tuple[list[Block], int | None]]

# File name ending → (document kind, what the bytes must look like, reader).
SUFFIXES: dict[str, tuple[Kind, tuple[str, ...], Reader]] = {
    ".docx": ("docx", ("docx",), read_docx),
    ".pdf": ("pdf", ("pdf",), read_pdf),
    ".xlsx": ("xlsx", ("xlsx", "xlsm"), read_xlsx),
    ".xlsm": ("xlsx", ("xlsx", "xlsm"), read_xlsx),
    ".csv": ("csv", ("text",), read_csv),
    ".txt": ("text", ("text",), read_text),
    ".text": ("text", ("text",), read_text),
    ".md": ("text", ("text",), read_text),
    ".markdown": ("text", ("text",), read_text),
}
_SAVE_AS = {
    ".doc": "an old-format Word document (.doc); open it in Word and save it as .docx",
    ".xls": "an old-format Excel workbook (.xls); open it in Excel and save it as .xlsx",
    ".docm": "a macro-enabled Word document; save it as .docx",
    ".dotx": "a Word template; save it as .docx",
    ".odt": "an OpenDocument text; save it as .docx",
    ".ods": "an OpenDocument spreadsheet; save it as .xlsx",
    ".rtf": "a Rich Text Format file; save it as .docx",
}
_SUGGEST = {"docx": ".docx", "pdf": ".pdf", "xlsx": ".xlsx", "xlsm": ".xlsx", "text": ".txt"}
_ACCEPTED = ".docx, .pdf, .xlsx, .csv, .txt or .md"


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _refuse_by_content(actual: str, name: str) -> None:
    """Errors that depend only on what the bytes are, whatever the name."""
    if actual == "ole-encrypted":
        raise EncryptedFile(
            f"{name} is a password-protected Office file; remove the password and upload again."
        )
    if actual.startswith("ole"):
        target = ".xlsx" if actual == "ole-xls" else ".docx"
        raise UnsupportedFile(
            f"{name} is {DESCRIPTIONS[actual]}, which is not read; open it and save it as {target}."
        )
    if actual == "empty":
        raise CorruptFile(f"{name} is empty.")


def read_document(
    path: Path, *, filename: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read a document into headings, paragraphs and tables, refusing unsafe or unreadable files.

    ``filename`` is the name the person uploaded (the stored file may have another name); its
    ending decides which reader is used, and the file's bytes must agree with it.
    """
    path = Path(path)
    name = filename or path.name
    suffix = Path(name).suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorruptFile(f"{name} cannot be opened.") from exc
    if size > limits.max_bytes:
        raise TooLarge(
            f"{name} is {size / 1024 / 1024:.1f} MB; files up to "
            f"{limits.max_bytes / 1024 / 1024:.0f} MB are accepted."
        )
    if suffix in _SAVE_AS:
        raise UnsupportedFile(f"{name} is {_SAVE_AS[suffix]}.")
    if suffix not in SUFFIXES:
        ending = f"ending {suffix}" if suffix else "without an ending"
        raise UnsupportedFile(f"Files {ending} are not read; upload a {_ACCEPTED} file.")
    kind, expected, reader = SUFFIXES[suffix]
    deadline = Deadline(limits.max_seconds)
    try:
        actual = sniff(path, limits)
    except CorruptFile as exc:
        if kind in ("docx", "xlsx"):
            raise
        raise ExtensionMismatch(f"{name} is named {suffix} but it is a damaged zip file.") from exc
    _refuse_by_content(actual, name)
    if actual not in expected:
        hint = ""
        if actual in _SUGGEST and _SUGGEST[actual] != suffix:
            hint = f" Rename it to end in {_SUGGEST[actual]} if that is what it is."
        elif actual in ("docm", "xlsm"):
            hint = " Save it without macros as .docx or .xlsx."
        raise ExtensionMismatch(
            f"{name} is named {suffix} but it is {DESCRIPTIONS.get(actual, actual)}.{hint}"
        )
    checksum = _checksum(path)
    try:
        blocks, pages = reader(path, limits, deadline)
    except IntakeError:
        raise
    except MemoryError as exc:
        raise TooLarge(f"{name} is too large to read.") from exc
    except RecursionError as exc:
        raise CorruptFile(f"{name} is nested too deeply to read.") from exc
    return Document(
        blocks=tuple(blocks), source_name=name, kind=kind, pages=pages, checksum=checksum
    )
