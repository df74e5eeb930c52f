"""Tell what a file really is from its first bytes, whatever its name says."""

from __future__ import annotations

from pathlib import Path

from wpsmonitor.intake.document import Limits
from wpsmonitor.intake.readers.archive import open_archive, package_kind

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HEAD_BYTES = 8192

DESCRIPTIONS = {
    "pdf": "a PDF document",
    "docx": "a Word document (.docx)",
    "docm": "a macro-enabled Word document (.docm)",
    "xlsx": "an Excel workbook (.xlsx)",
    "xlsm": "a macro-enabled Excel workbook (.xlsm)",
    "pptx": "a PowerPoint presentation (.pptx)",
    "odt": "an OpenDocument text (.odt)",
    "ods": "an OpenDocument spreadsheet (.ods)",
    "zip": "a zip archive",
    "ole-doc": "an old-format Word document (.doc)",
    "ole-xls": "an old-format Excel workbook (.xls)",
    "ole-ppt": "an old-format PowerPoint file (.ppt)",
    "ole-encrypted": "a password-protected Office file",
    "ole": "an old-format Office file",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "rtf": "a Rich Text Format file (.rtf)",
    "text": "a text file",
    "binary": "a binary file of unknown type",
    "empty": "an empty file",
}


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(head: bytes) -> str:
    # Stream names sit in the directory sector, usually within the first few kilobytes.
    if _utf16("EncryptedPackage") in head:
        return "ole-encrypted"
    if _utf16("WordDocument") in head:
        return "ole-doc"
    if _utf16("Workbook") in head or _utf16("Book") in head:
        return "ole-xls"
    if _utf16("PowerPoint Document") in head:
        return "ole-ppt"
    return "ole"


def sniff(path: Path, limits: Limits) -> str:
    """A key of ``DESCRIPTIONS``; zip packages are opened (directory only) to tell DOCX from XLSX.

    Raises ``CorruptFile`` for a zip whose directory cannot be read, ``TooLarge`` or
    ``UnsafeFile`` for a zip that fails the archive checks.
    """
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        with open_archive(str(path), limits) as archive:
            return package_kind(archive)
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as handle:
            return _ole_kind(handle.read(256 * 1024))
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        return "binary"
    return "text"
