"""Errors raised while reading an uploaded document; each message says what a person can do."""

from __future__ import annotations


class IntakeError(Exception):
    """A document that cannot be read; ``where`` names the file part, page or sheet if known."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


class UnsupportedFile(IntakeError):
    """A format we do not read (old .doc/.xls, OpenDocument, images, unknown extensions)."""


class ExtensionMismatch(IntakeError):
    """The file name says one format and the bytes say another."""


class CorruptFile(IntakeError):
    """A damaged or truncated file, or one whose structure cannot be parsed."""


class EncryptedFile(IntakeError):
    """A password-protected file."""


class ScannedPdf(IntakeError):
    """A PDF with no text layer (a scan); it needs OCR or the original Word file."""


class TooLarge(IntakeError):
    """A file over a size, page, row or time limit, or a compressed file that expands too much."""


class UnsafeFile(IntakeError):
    """A file built to harm the reader: XML entity declarations, odd archive members."""
