"""Files that are damaged, disguised or built to harm the reader are refused with a clear reason,
before anything large is expanded or parsed."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from wpsmonitor.intake.document import Limits
from wpsmonitor.intake.errors import (
    CorruptFile,
    EncryptedFile,
    ExtensionMismatch,
    IntakeError,
    ScannedPdf,
    TooLarge,
    UnsafeFile,
    UnsupportedFile,
)
from wpsmonitor.intake.readers import read_document
from wpsmonitor.intake.tests.builders import (
    build_docx_matrix,
    build_encrypted_pdf,
    build_pdf_matrix,
    build_scanned_pdf,
    build_xlsx_matrix,
    matrix_rows,
)

DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.fixture(scope="module")
def docx_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build_docx_matrix(tmp_path_factory.mktemp("plan") / "plan.docx").read_bytes()


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = content if info.filename == name else source.read(info)
            target.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_truncated_docx_is_refused_as_damaged(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes[: len(docx_bytes) // 2])
    with pytest.raises(CorruptFile, match="damaged or incomplete"):
        read_document(path)


def test_a_zip_bomb_named_docx_is_refused_from_its_directory_alone(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    started = time.monotonic()
    with pytest.raises(TooLarge, match="compression bomb") as caught:
        read_document(path)
    assert caught.value.where == "word/document.xml"
    assert time.monotonic() - started < 1


def test_a_package_expanding_past_the_total_limit_is_refused(
    tmp_path: Path, docx_bytes: bytes
) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes)
    with pytest.raises(TooLarge, match="expands to more than"):
        read_document(path, limits=Limits(max_uncompressed_bytes=10_000))


def test_a_package_with_too_many_parts_is_refused(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes)
    with pytest.raises(TooLarge, match="parts"):
        read_document(path, limits=Limits(max_archive_members=3))


@pytest.mark.parametrize("member", ["word/document.xml", "word/styles.xml"])
def test_an_xml_entity_bomb_inside_a_docx_is_refused(
    tmp_path: Path, docx_bytes: bytes, member: str
) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(_replace_member(docx_bytes, member, BILLION_LAUGHS))
    with pytest.raises(UnsafeFile, match="document type declaration") as caught:
        read_document(path)
    assert caught.value.where == member


def test_an_xml_entity_bomb_inside_an_xlsx_is_refused(tmp_path: Path) -> None:
    source = build_xlsx_matrix(tmp_path / "source.xlsx").read_bytes()
    path = tmp_path / "plan.xlsx"
    path.write_bytes(_replace_member(source, "xl/worksheets/sheet1.xml", BILLION_LAUGHS))
    with pytest.raises(UnsafeFile):
        read_document(path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(TooLarge, match="200.0 MB; files up to 50 MB"):
        read_document(path)


def test_the_size_limit_can_be_lowered(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("x" * 2000)
    with pytest.raises(TooLarge):
        read_document(path, limits=Limits(max_bytes=1000))


def test_a_pdf_renamed_docx_says_it_is_a_pdf(tmp_path: Path) -> None:
    source = build_encrypted_pdf(tmp_path / "source.pdf")
    path = tmp_path / "plan.docx"
    path.write_bytes(source.read_bytes())
    with pytest.raises(ExtensionMismatch, match=r"named \.docx but it is a PDF document"):
        read_document(path)


def test_a_docx_renamed_pdf_says_it_is_a_word_document(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(docx_bytes)
    with pytest.raises(ExtensionMismatch, match=r"it is a Word document \(\.docx\)"):
        read_document(path)


def test_an_xlsx_renamed_docx_says_it_is_an_excel_workbook(tmp_path: Path) -> None:
    path = build_xlsx_matrix(tmp_path / "plan.docx")
    with pytest.raises(ExtensionMismatch, match="Excel workbook"):
        read_document(path)


def test_a_binary_file_named_txt_is_refused(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(docx_bytes)
    with pytest.raises(ExtensionMismatch, match="Word document"):
        read_document(path)


OLE_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000 + "WordDocument".encode("utf-16-le")
OLE_ENCRYPTED = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000 + "EncryptedPackage".encode("utf-16-le")
)


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        (
            "plan.doc",
            OLE_WORD,
            UnsupportedFile,
            r"old-format Word document \(\.doc\).*save it as \.docx",
        ),
        ("plan.docx", OLE_WORD, UnsupportedFile, r"old-format Word document.*save it as \.docx"),
        ("plan.xls", OLE_WORD, UnsupportedFile, r"save it as \.xlsx"),
        ("plan.docx", OLE_ENCRYPTED, EncryptedFile, "password-protected"),
        ("plan.rtf", b"{\\rtf1 hello}", UnsupportedFile, "Rich Text Format"),
        ("plan.png", b"\x89PNG\r\n", UnsupportedFile, "ending .png are not read"),
        ("plan", b"hello", UnsupportedFile, "without an ending"),
        ("plan.txt", b"", CorruptFile, "empty"),
    ],
)
def test_formats_we_do_not_read_are_refused_with_what_to_do(
    tmp_path: Path, name: str, data: bytes, error: type[IntakeError], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message):
        read_document(path)


def test_a_scanned_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = build_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ScannedPdf, match="only images"):
        read_document(path)


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    path = build_encrypted_pdf(tmp_path / "secret.pdf")
    with pytest.raises(EncryptedFile, match="password-protected"):
        read_document(path)


def test_a_truncated_pdf_is_refused_as_damaged(tmp_path: Path) -> None:
    source = build_pdf_matrix(tmp_path / "source.pdf", matrix_rows(5)).read_bytes()
    path = tmp_path / "plan.pdf"
    path.write_bytes(source[:300])
    with pytest.raises(CorruptFile):
        read_document(path)


def test_a_pdf_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    path = build_pdf_matrix(tmp_path / "plan.pdf", matrix_rows(60))
    with pytest.raises(TooLarge, match="at most 1 are accepted"):
        read_document(path, limits=Limits(max_pages=1))


def test_a_spreadsheet_over_the_row_limit_is_refused(tmp_path: Path) -> None:
    path = build_xlsx_matrix(tmp_path / "plan.xlsx")
    with pytest.raises(TooLarge, match="more than 3 rows"):
        read_document(path, limits=Limits(max_rows=3))


def test_a_csv_over_the_row_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Action,Responsible\n" + "Train,Police\n" * 20)
    with pytest.raises(TooLarge):
        read_document(path, limits=Limits(max_rows=10))


def test_text_that_is_not_utf8_or_windows_1252_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"caf\xc3 \x81\x8d\x8f\x90\x9d")
    with pytest.raises(CorruptFile, match="UTF-8"):
        read_document(path)


def test_a_zip_member_with_an_unsafe_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("../../evil.xml", "<a/>")
    with pytest.raises(UnsafeFile, match="unsafe path"):
        read_document(path)


def test_reading_stops_when_the_time_budget_is_spent(tmp_path: Path) -> None:
    path = build_pdf_matrix(tmp_path / "plan.pdf", matrix_rows(5))
    with pytest.raises(TooLarge, match="longer than"):
        read_document(path, limits=Limits(max_seconds=0))
