"""Each reader on documents of the shapes working groups send, built here with the same libraries
people's tools use."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from wpsmonitor.intake.document import Heading, Paragraph, Table
from wpsmonitor.intake.readers import read_document
from wpsmonitor.intake.tests.builders import (
    EN_HEADER,
    FR_HEADER,
    OBJECTIVE_1,
    OBJECTIVE_2,
    SQ_HEADER,
    SQ_OBJECTIVE,
    SR_HEADER,
    build_docx_matrix,
    build_pdf_matrix,
    matrix_rows,
)
from wpsmonitor.intake.tests.builders import build_xlsx_matrix as build_xlsx


@pytest.fixture(scope="module")
def docx_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docx_matrix(tmp_path_factory.mktemp("docx") / "plan.docx")


@pytest.fixture(scope="module")
def xlsx_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_xlsx(tmp_path_factory.mktemp("xlsx") / "plan.xlsx")


@pytest.fixture(scope="module")
def pdf_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf_matrix(tmp_path_factory.mktemp("pdf") / "plan.pdf", matrix_rows(45))


def test_docx_keeps_headings_paragraphs_and_list_numbers_in_body_order(docx_plan: Path) -> None:
    document = read_document(docx_plan)
    text_blocks = [b for b in document.blocks if not isinstance(b, Table)]
    assert text_blocks[:5] == [
        Heading(1, "National Action Plan on UNSCR 1325"),
        Paragraph("The plan has three pillars:"),
        Paragraph("Participation", "1."),
        Paragraph("Protection", "2."),
        Heading(2, "Results matrix"),
    ]
    assert document.kind == "docx"
    assert document.source_name == "plan.docx"
    assert document.checksum == hashlib.sha256(docx_plan.read_bytes()).hexdigest()


def test_docx_table_continued_with_the_same_header_becomes_one_table(docx_plan: Path) -> None:
    english, albanian = read_document(docx_plan).tables
    assert english.header == EN_HEADER
    assert [row[1] for row in english.rows if row[1] != row[0]] == [
        "1.1.1", "1.1.2", "1.1.3", "2.1.1", "2.1.2", "2.1.3",
    ]  # fmt: skip
    assert albanian.header == SQ_HEADER


def test_docx_drops_a_header_row_repeated_inside_the_table(docx_plan: Path) -> None:
    english = read_document(docx_plan).tables[0]
    assert all(row[2] != "Activity" for row in english.rows)
    assert english.row_numbers == (2, 3, 4, 6, 7, 8, 10, 11)


def test_docx_repeats_merged_cells_into_every_position_they_cover(docx_plan: Path) -> None:
    english, albanian = read_document(docx_plan).tables
    assert english.rows[0] == ("Pillar 1: Participation",) * len(EN_HEADER)
    assert [row[0] for row in english.rows[1:4]] == [OBJECTIVE_1] * 3
    assert [row[0] for row in english.rows[5:]] == [OBJECTIVE_2] * 3
    assert [row[0] for row in albanian.rows] == [SQ_OBJECTIVE] * 2


def test_docx_cell_with_several_lines_keeps_its_line_breaks(docx_plan: Path) -> None:
    english = read_document(docx_plan).tables[0]
    assert english.rows[1][3] == "Number of women trained\nShare of trained women elected"


def test_plain_text_lists_headings_paragraphs_and_table_rows(docx_plan: Path) -> None:
    text = read_document(docx_plan).plain_text()
    assert text.startswith("# National Action Plan on UNSCR 1325\n\nThe plan has three pillars:")
    assert "1. Participation" in text
    assert "\t1.1.1\tTrain women candidates for local elections\t" in text


def test_xlsx_reads_each_sheet_as_a_table_and_skips_empty_sheets(xlsx_plan: Path) -> None:
    document = read_document(xlsx_plan)
    assert [t.sheet for t in document.tables] == ["Akcioni plan", "Plan FR"]
    assert document.tables[0].header == SR_HEADER
    assert document.tables[1].header == FR_HEADER


def test_xlsx_title_row_above_the_header_becomes_a_paragraph(xlsx_plan: Path) -> None:
    document = read_document(xlsx_plan)
    assert document.blocks[0] == Paragraph(
        "Akcioni plan za sprovođenje Rezolucije 1325 (2014–2016)"
    )
    assert document.tables[0].header_row_index == 1


def test_xlsx_values_become_text_with_iso_dates_percentages_and_currency(xlsx_plan: Path) -> None:
    serbian = read_document(xlsx_plan).tables[0]
    first = serbian.rows[0]
    assert first[3:5] == ("10%", "30%")
    assert first[7] == "2015-12-31"
    assert first[8] == "25000 €"
    assert serbian.row_numbers == (3, 4)


def test_xlsx_merged_cells_are_repeated(xlsx_plan: Path) -> None:
    serbian, french = read_document(xlsx_plan).tables
    assert serbian.rows[1][0] == "1. Povećati učešće žena u sektoru bezbednosti"
    assert french.rows[0] == ("Pilier 1 : Participation",) * len(FR_HEADER)
    assert french.rows[2][0] == "Objectif 1.1 Renforcer la participation des femmes"


def test_pdf_reads_heading_paragraphs_and_the_table_across_pages(pdf_plan: Path) -> None:
    document = read_document(pdf_plan)
    assert document.kind == "pdf"
    assert document.pages is not None and document.pages >= 2
    assert document.blocks[0] == Heading(1, "National Action Plan on UNSCR 1325")
    assert isinstance(document.blocks[1], Paragraph)
    assert document.blocks[1].text.startswith("The plan sets out what each institution")
    (table,) = document.tables
    assert table.header == EN_HEADER
    assert len(table.rows) == 45
    assert [row[1] for row in table.rows[:3]] == ["1.1.1", "1.1.2", "1.1.3"]


def test_pdf_joins_lines_the_cell_width_wrapped(pdf_plan: Path) -> None:
    table = read_document(pdf_plan).tables[0]
    assert table.rows[0][2] == "Action 1: train and support women in institution 0"
    assert table.rows[2][6] == "Agency for Gender Equality"


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (
            "Aktiviteti;Institucioni përgjegjës;Afati kohor\nTrajnim;Policia e Kosovës;2015\n",
            "utf-8-sig",
        ),
        ("Activité;Institution responsable;Calendrier\nFormer;Ministère;2015\n", "cp1252"),
        ("Action,Responsible,Timeline\nTrain,Kosovo Police,2015\n", "utf-8"),
        ("Action\tResponsible\tTimeline\nTrain\tKosovo Police\t2015\n", "utf-8"),
    ],
)
def test_csv_guesses_the_delimiter_and_the_encoding(
    tmp_path: Path, content: str, encoding: str
) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(content.encode(encoding))
    (table,) = read_document(path).tables
    assert len(table.header) == 3
    assert len(table.rows) == 1 and table.rows[0][2] == "2015"
    assert table.header[1] in ("Institucioni përgjegjës", "Institution responsable", "Responsible")


def test_markdown_headings_paragraphs_and_pipe_tables(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# Plan\n\nFirst paragraph\nwrapped.\n\n| Action | Responsible |\n|---|---|\n"
        "| Train | Police |\n\n## Next\n1. one\n2. two\n",
        encoding="utf-8",
    )
    blocks = read_document(path).blocks
    assert blocks == (
        Heading(1, "Plan"),
        Paragraph("First paragraph wrapped."),
        Table(("Action", "Responsible"), (("Train", "Police"),), 0),
        Heading(2, "Next"),
        Paragraph("1. one"),
        Paragraph("2. two"),
    )


def test_uploaded_name_decides_the_reader_and_the_source_name(
    docx_plan: Path, tmp_path: Path
) -> None:
    stored = tmp_path / "upload-123"
    stored.write_bytes(docx_plan.read_bytes())
    document = read_document(stored, filename="Plani 2014.docx")
    assert document.source_name == "Plani 2014.docx"
    assert len(document.tables) == 2
