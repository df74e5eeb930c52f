"""Safety checks on Office Open XML packages (DOCX, XLSX), done before anything is expanded."""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath

from wpsmonitor.intake.document import Limits
from wpsmonitor.intake.errors import CorruptFile, EncryptedFile, TooLarge, UnsafeFile

_ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# The start of the first element: everything before it is the prolog, where a DTD would be.
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_PROLOG_READ = 64 * 1024
_CONTENT_TYPES = "[Content_Types].xml"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def open_archive(path: str, limits: Limits) -> zipfile.ZipFile:
    """Open a zip package after checking its central directory; nothing is decompressed yet."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFile(
            "The file is damaged or incomplete (its zip directory cannot be read); "
            "open it in Word or Excel, save it again and upload the new copy."
        ) from exc
    try:
        check_archive(archive, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse zip bombs and odd members using only the sizes the central directory declares.

    Python's zip reader never returns more bytes than a member declares (and then fails its CRC
    check), so bounding the declared sizes bounds what any later reader can expand.
    """
    members = archive.infolist()
    if len(members) > limits.max_archive_members:
        raise TooLarge(
            f"The file holds {len(members)} parts; "
            f"at most {limits.max_archive_members} are accepted."
        )
    names: set[str] = set()
    total = 0
    for info in members:
        name = info.filename
        if name in names:
            raise UnsafeFile("The file holds two parts with the same name.", where=name)
        names.add(name)
        parts = PurePosixPath(name).parts
        if name.startswith(("/", "\\")) or ".." in parts or ":" in name:
            raise UnsafeFile("The file holds a part with an unsafe path.", where=name)
        if info.flag_bits & 0x1:
            raise EncryptedFile(
                "Part of the file is password-protected; remove the password and upload again.",
                where=name,
            )
        if info.compress_type not in _ALLOWED_METHODS:
            raise UnsafeFile("The file uses an unusual compression method.", where=name)
        total += info.file_size
        if info.file_size > limits.ratio_checked_above:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise TooLarge(
                    f"A part of the file expands from {_mb(info.compress_size)} to "
                    f"{_mb(info.file_size)} ({ratio:.0f} times); at most "
                    f"{limits.max_compression_ratio} times is accepted, so this looks like a "
                    "compression bomb.",
                    where=name,
                )
        if total > limits.max_uncompressed_bytes:
            raise TooLarge(
                f"The file expands to more than {_mb(limits.max_uncompressed_bytes)}; "
                "split the document or remove large images."
            )


def check_xml_parts(archive: zipfile.ZipFile) -> None:
    """Refuse any XML part that declares a DTD or entities (the "billion laughs" attack).

    Office files never need a DTD; only the prolog before the first element is read.
    """
    for info in archive.infolist():
        if not info.filename.lower().endswith(_XML_SUFFIXES) or info.is_dir():
            continue
        try:
            with archive.open(info) as handle:
                head = handle.read(_PROLOG_READ)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise CorruptFile("A part of the file is damaged.", where=info.filename) from exc
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            head = head.decode("utf-16", errors="replace").encode("utf-8")
        match = _FIRST_ELEMENT.search(head)
        prolog = (head[: match.start()] if match else head).upper()
        if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
            raise UnsafeFile(
                "The file contains an XML document type declaration, which Office files never "
                "need; it is refused as unsafe. Save the document again from Word or Excel.",
                where=info.filename,
            )
        if match is None and len(head) == _PROLOG_READ:
            raise UnsafeFile("An XML part of the file has no content.", where=info.filename)


def content_types(archive: zipfile.ZipFile) -> str | None:
    """The text of ``[Content_Types].xml`` (small), or None when the package has none."""
    try:
        info = archive.getinfo(_CONTENT_TYPES)
    except KeyError:
        return None
    if info.file_size > 1024 * 1024:
        raise UnsafeFile("The file's content-type list is implausibly large.", where=_CONTENT_TYPES)
    try:
        return archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CorruptFile("A part of the file is damaged.", where=_CONTENT_TYPES) from exc


def package_kind(archive: zipfile.ZipFile) -> str:
    """What a zip package holds: "docx", "docm", "xlsx", "xlsm", "pptx", "odt", "ods" or "zip"."""
    types = content_types(archive)
    if types is not None:
        if "wordprocessingml.document.main" in types:
            return "docx"
        if "ms-word.document.macroEnabled" in types or "wordprocessingml.template" in types:
            return "docm"
        if "spreadsheetml.sheet.main" in types:
            return "xlsx"
        if "ms-excel.sheet.macroEnabled" in types:
            return "xlsm"
        if "presentationml" in types:
            return "pptx"
    if "mimetype" in archive.namelist() and archive.getinfo("mimetype").file_size < 200:
        mimetype = archive.read("mimetype")
        if b"opendocument.text" in mimetype:
            return "odt"
        if b"opendocument.spreadsheet" in mimetype:
            return "ods"
    return "zip"
