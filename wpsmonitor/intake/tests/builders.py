"""Build plan documents of the shapes working groups send: Word, Excel and PDF results matrices.

Used by the intake tests and by ``benchmarks/bench_readers.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EN_HEADER = (
    "Objective",
    "No.",
    "Activity",
    "Indicator",
    "Baseline",
    "Target",
    "Responsible institution",
    "Partners",
    "Timeline",
    "Budget",
)
SQ_HEADER = (
    "Objektivi",
    "Aktiviteti",
    "Treguesi",
    "Vlera bazë",
    "Synimi",
    "Institucioni përgjegjës",
    "Partnerët",
    "Afati kohor",
    "Buxheti",
)
SR_HEADER = (
    "Cilj",
    "Aktivnost",
    "Indikator",
    "Polazna vrednost",
    "Ciljna vrednost",
    "Odgovorna institucija",
    "Partneri",
    "Rok",
    "Budžet",
)
FR_HEADER = (
    "Objectif",
    "Activité",
    "Indicateur",
    "Valeur de référence",
    "Cible",
    "Institution responsable",
    "Partenaires",
    "Calendrier",
    "Budget",
)

OBJECTIVE_1 = "1.1 Increase women's participation in decision-making"
OBJECTIVE_2 = "2.1 Improve the response to gender-based violence"
SQ_OBJECTIVE = "3.1 Rritja e pjesëmarrjes së grave në sektorin e sigurisë"


def _set_row(row: Any, values: Sequence[str]) -> None:
    for cell, value in zip(row.cells, values, strict=False):
        cell.text = value


def _merge_down(table: Any, column: int, first: int, last: int, text: str) -> None:
    merged = table.cell(first, column).merge(table.cell(last, column))
    merged.text = text


def _section(table: Any, row: int, text: str) -> None:
    cells = table.rows[row].cells
    merged = cells[0].merge(cells[-1])
    merged.text = text


def build_docx_matrix(path: Path) -> Path:
    """A plan with an English results matrix split over two tables (the second repeats the
    header), a header row repeated mid-table, merged objective cells, full-width pillar rows,
    and an Albanian matrix after a heading."""
    import docx

    document = docx.Document()
    document.add_heading("National Action Plan on UNSCR 1325", level=1)
    document.add_paragraph("The plan has three pillars:")
    document.add_paragraph("Participation", style="List Number")
    document.add_paragraph("Protection", style="List Number")
    document.add_heading("Results matrix", level=2)

    first = document.add_table(rows=8, cols=len(EN_HEADER))
    _set_row(first.rows[0], EN_HEADER)
    _section(first, 1, "Pillar 1: Participation")
    _set_row(
        first.rows[2],
        ["", "1.1.1", "Train women candidates for local elections",
         "Number of women trained\nShare of trained women elected", "0\n10%", "200\n30%",
         "Agency for Gender Equality (AGE)", "Kosovo Women's Network, OSCE", "Q2 2014",
         "€25,000"],
    )  # fmt: skip
    _set_row(
        first.rows[3],
        ["", "1.1.2", "Review party statutes for gender quotas",
         "Number of parties with revised statutes", "2", "6", "Central Election Commission",
         "", "2013–2015", "in kind"],
    )  # fmt: skip
    _set_row(first.rows[4], ["", *EN_HEADER[1:]])
    _set_row(
        first.rows[5],
        ["", "1.1.3", "Mentor young women in municipal assemblies", "Number of mentees", "0",
         "50", "", "UN Women", "sometime soon", "EUR 12 000"],
    )  # fmt: skip
    _merge_down(first, 0, 2, 5, OBJECTIVE_1)
    # The repeated header row sits inside the merged objective cell, as Word draws it when a
    # header row repeats at a page break; put the header word back in its grid position.
    _section(first, 6, "Pillar 2: Protection")
    _set_row(
        first.rows[7],
        [OBJECTIVE_2, "2.1.1", "Establish shelters for survivors in five regions",
         "Number of shelters open", "1", "5",
         "Ministry of Labour and Social Welfare and Kosovo Police", "", "by June 2015",
         "25.000 EUR"],
    )  # fmt: skip
    document.add_paragraph("")

    second = document.add_table(rows=3, cols=len(EN_HEADER))
    _set_row(second.rows[0], EN_HEADER)
    _set_row(
        second.rows[1],
        ["", "2.1.2", "Train police officers on responding to gender-based violence",
         "Number of officers trained", "0", "500", "Kosovo Police", "OSCE / UNDP", "ongoing",
         "USD 1.5 million"],
    )  # fmt: skip
    _set_row(
        second.rows[2],
        ["", "2.1.3", "Publish yearly data on reported cases", "Reports published", "0", "3",
         "Kosovo Police; Ministry of Justice", "", "2014-2016", "n/a"],
    )  # fmt: skip
    _merge_down(second, 0, 1, 2, OBJECTIVE_2)

    document.add_heading("Plani i veprimit", level=2)
    albanian = document.add_table(rows=3, cols=len(SQ_HEADER))
    _set_row(albanian.rows[0], SQ_HEADER)
    _set_row(
        albanian.rows[1],
        ["", "3.1.1 Rekrutimi i grave në Policinë e Kosovës", "Numri i grave të rekrutuara",
         "15%", "25%", "Ministria e Punëve të Brendshme dhe Policia e Kosovës",
         "Rrjeti i Grave të Kosovës", "vazhdimisht", "1,2 mil. €"],
    )  # fmt: skip
    _set_row(
        albanian.rows[2],
        ["", "3.1.2 Trajnimi i oficereve për barazi gjinore", "Numri i oficereve të trajnuara",
         "0", "120", "Akademia e Kosovës për Siguri Publike", "", "Q3 2015", "në natyrë"],
    )  # fmt: skip
    _merge_down(albanian, 0, 1, 2, SQ_OBJECTIVE)
    document.save(str(path))
    return path


def build_xlsx_matrix(path: Path) -> Path:
    """A workbook with a Serbian matrix (title row, merged objective cells, a date, a
    percentage) and a French matrix with a full-width merged pillar row."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Akcioni plan"
    sheet.append(["Akcioni plan za sprovođenje Rezolucije 1325 (2014–2016)"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SR_HEADER))
    sheet.append(list(SR_HEADER))
    sheet.append(
        ["1. Povećati učešće žena u sektoru bezbednosti", "1.1 Obuka policajki",
         "Broj obučenih policajki", 0.1, 0.3, "Ministarstvo unutrašnjih poslova i Policija",
         "UN Women", dt.datetime(2015, 12, 31), 25000]
    )  # fmt: skip
    sheet.append(
        [None, "1.2 Kampanja za zapošljavanje žena", "Broj prijavljenih žena", 40, 120,
         "Ministarstvo odbrane", "Mreža žena", "Q3 2015", "12.500,50 din"]
    )  # fmt: skip
    sheet.merge_cells("A3:A4")
    sheet["D3"].number_format = "0%"
    sheet["E3"].number_format = "0%"
    sheet["I3"].number_format = '#,##0 "€"'

    french = workbook.create_sheet("Plan FR")
    french.append(list(FR_HEADER))
    french.append(["Pilier 1 : Participation"] + [None] * (len(FR_HEADER) - 1))
    french.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(FR_HEADER))
    french.append(
        ["Objectif 1.1 Renforcer la participation des femmes", "Former des médiatrices",
         "Nombre de médiatrices formées", "0", "40", "Ministère de la Justice",
         "ONU Femmes; société civile", "2014–2015", "15 000 €"]
    )  # fmt: skip
    french.append(
        [None, "Créer un réseau de médiatrices", "Réseau créé", "non", "oui",
         "Ministère de la Femme", "", "en continu", "en nature"]
    )  # fmt: skip
    french.merge_cells("A3:A4")
    workbook.create_sheet("Notes")
    workbook.save(str(path))
    return path


def matrix_rows(count: int) -> list[tuple[str, ...]]:
    """``count`` realistic English matrix rows (without the objective column's merges)."""
    institutions = ("Kosovo Police", "Ministry of Justice", "Agency for Gender Equality",
                    "Ministry of Defence", "Ministry of Foreign Affairs")  # fmt: skip
    rows: list[tuple[str, ...]] = []
    for i in range(count):
        pillar, objective, action = i // 100 + 1, i // 20 % 5 + 1, i % 20 + 1
        rows.append(
            (
                f"{pillar}.{objective} Objective {pillar}.{objective} of the plan",
                f"{pillar}.{objective}.{action}",
                f"Action {i + 1}: train and support women in institution {i % 7}",
                f"Number of people trained in action {i + 1}",
                str(i % 10),
                str(10 + i % 50),
                institutions[i % len(institutions)],
                "UN Women, OSCE",
                f"Q{i % 4 + 1} {2014 + i % 3}",
                f"€{(i % 9 + 1) * 1000:,}",
            )
        )
    return rows


def build_pdf_matrix(path: Path, rows: Sequence[Sequence[str]], *, title: str = "") -> Path:
    """A PDF with a heading, two paragraphs and a ruled results matrix (header repeated on each
    page by fpdf2), in a core font."""
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, title or "National Action Plan on UNSCR 1325", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(
        0,
        5,
        "The plan sets out what each institution will do between 2014 and 2016 to carry out "
        "the resolution, and how progress will be measured.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    pdf.multi_cell(0, 5, "The results matrix follows.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", size=7)
    with pdf.table(first_row_as_headings=True, repeat_headings=1) as table:
        table.row(list(EN_HEADER))
        for values in rows:
            table.row([str(v).replace("€", "EUR ") for v in values])
    pdf.output(str(path))
    return path


def build_scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is an image, as a scanner makes."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("RGB", (200, 100), "white")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=100)
    pdf.output(str(path))
    return path


def build_encrypted_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Confidential draft of the action plan")
    pdf.set_encryption(owner_password="owner-secret", user_password="reader-secret")
    pdf.output(str(path))
    return path


# --- files built to fail (used by the import service and command tests) ----------------------

_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
ENTITY_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def build_truncated_docx(path: Path) -> Path:
    data = build_docx_matrix(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _zip_bomb(path: Path, types: str, member: str) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(member, b"\0" * (20 * 1024 * 1024))
    return path


def build_zip_bomb_docx(path: Path) -> Path:
    """A 20 MB run of zeros packed into a few kilobytes, dressed as a Word document."""
    return _zip_bomb(path, _DOCX_TYPES, "word/document.xml")


def build_zip_bomb_xlsx(path: Path) -> Path:
    return _zip_bomb(path, _XLSX_TYPES, "xl/worksheets/sheet1.xml")


def build_entity_bomb_docx(path: Path) -> Path:
    """A real plan whose document part declares the "billion laughs" entities."""
    import io
    import zipfile

    source = build_docx_matrix(path).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            body = ENTITY_BOMB if info.filename == "word/document.xml" else old.read(info)
            new.writestr(info.filename, body, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())
    return path


def build_sparse_file(path: Path, size: int = 200 * 1024 * 1024) -> Path:
    """A file of ``size`` bytes that takes no disk space."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def build_pdf_named_docx(path: Path) -> Path:
    """A PDF whose name says it is a Word document."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "National Action Plan")
    pdf.output(str(path))
    return path


# File name → (builder, the error class name, words of its message).
BAD_FILES: dict[str, tuple[Any, str, str]] = {
    "truncated.docx": (build_truncated_docx, "CorruptFile", "damaged or incomplete"),
    "encrypted.pdf": (build_encrypted_pdf, "EncryptedFile", "password-protected"),
    "bomb.docx": (build_zip_bomb_docx, "TooLarge", "compression bomb"),
    "bomb.xlsx": (build_zip_bomb_xlsx, "TooLarge", "compression bomb"),
    "entities.docx": (build_entity_bomb_docx, "UnsafeFile", "document type declaration"),
    "huge.pdf": (build_sparse_file, "TooLarge", "200.0 MB"),
    "lying.docx": (build_pdf_named_docx, "ExtensionMismatch", "it is a PDF document"),
}
