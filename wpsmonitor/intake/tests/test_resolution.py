"""Resolutions and other numbered texts are split into preambular and operative paragraphs with
references, even when the text keeps the noise of PDF extraction."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import docx
import pytest

from wpsmonitor.intake.readers import read_document
from wpsmonitor.intake.resolution import parse_resolution
from wpsmonitor.testing import shared_data
from wpsmonitor.testing.shared_data import shared_file


def needs_shared(relative: str) -> pytest.MarkDecorator:
    """The shared skip mark, typed for mypy."""
    return cast(pytest.MarkDecorator, shared_data.needs_shared(relative))


RES_1820 = "resolutions/S-RES-1820-2008.txt"
RES_1960 = "resolutions/S-RES-1960-2010.txt"
US_HRES = "other/US-HRes-525-119th-2025-CRSV.txt"
CEDAW = "other/CEDAW-1979-convention.en.md"

SAMPLE = """The Security Council,

Recalling its resolutions 1325 (2000) and 1820 (2008),

Deeply concerned that sexual violence continues,

Bearing in mind the Charter of the United Nations,

1. Demands that all parties cease all acts of sexual violence;

2. Requests the Secretary-General to report by June 2015;

3 countries have reported so far, and this line is noise

12. Stray heading text

3. Decides that the plan shall include: (a) targets; (b) a budget; and (c) a timeline;

(k)
a stray letter

4. Decides to remain seized of the matter.
"""


@pytest.mark.parametrize(("relative", "count"), [(RES_1820, 15), (RES_1960, 18)])
def test_real_resolutions_have_the_official_number_of_operative_paragraphs(
    relative: str, count: int
) -> None:
    if not shared_file(relative).exists():
        pytest.skip(f"shared test data not found at {shared_file(relative)}")
    structure = parse_resolution(read_document(shared_file(relative)))
    assert [c.reference for c in structure.operative] == [f"OP {n}" for n in range(1, count + 1)]
    assert structure.warnings == ()


@needs_shared(RES_1960)
def test_lettered_sub_paragraphs_inside_a_paragraph_get_their_own_references() -> None:
    structure = parse_resolution(read_document(shared_file(RES_1960)))
    last = structure.operative[-1]
    assert [i.reference for i in last.items] == ["OP 18 (a)", "OP 18 (b)", "OP 18 (c)", "OP 18 (d)"]
    assert last.text.endswith("to include, inter alia:")
    assert structure.find("OP 18 (b)") is not None
    assert structure.find("OP 18 (b)").text.startswith("information on progress made")  # type: ignore[union-attr]


@needs_shared(RES_1820)
def test_pdf_noise_is_cleaned_from_paragraph_text() -> None:
    structure = parse_resolution(read_document(shared_file(RES_1820)))
    by_reference = {c.reference: c for c in structure.operative}
    assert by_reference["OP 2"].text.endswith("with immediate effect;")
    assert ";;" not in by_reference["OP 3"].text
    assert "consistent with their mandates" in by_reference["OP 9"].text
    assert by_reference["OP 15"].text.endswith("all forms of sexual violence;")
    assert "immediately and completely ceasing" in by_reference["OP 15"].text
    assert by_reference["OP 2"].opening == "Demands"
    assert by_reference["OP 15"].opening == "Also requests"
    assert by_reference["OP 2"].raw.endswith("immediate effect; 2")


@needs_shared(RES_1960)
def test_numbers_that_belong_to_the_sentence_are_kept() -> None:
    structure = parse_resolution(read_document(shared_file(RES_1960)))
    assert "paragraphs 175, 176, 178, and 180" in structure.operative[3].text
    assert "pursuant to OP8 of the present resolution" in structure.operative[9].text


@needs_shared(US_HRES)
def test_a_house_resolution_numbers_its_clauses_in_brackets() -> None:
    structure = parse_resolution(read_document(shared_file(US_HRES)))
    assert structure.references == ("(1)", "(2)", "(3)", "(4)", "(5)")
    assert structure.operative[0].text.startswith("affirms the leadership")
    assert structure.chapeau is not None
    assert structure.chapeau.endswith("That the House of Representatives—")


@needs_shared(CEDAW)
def test_a_convention_is_read_as_articles_with_their_paragraphs() -> None:
    structure = parse_resolution(read_document(shared_file(CEDAW)))
    assert structure.style == "articles"
    assert [c.reference for c in structure.operative] == [f"Article {n}" for n in range(1, 31)]
    article_5 = structure.find("Article 5")
    assert article_5 is not None
    assert [i.reference for i in article_5.items] == ["Article 5 (a)", "Article 5 (b)"]
    assert structure.find("Article 11 (2) (d)") is not None
    assert "paragraph 1 of this article" in structure.find("Article 12 (2)").text  # type: ignore[union-attr]


@needs_shared(CEDAW)
def test_a_run_on_preamble_is_split_at_each_opening_word() -> None:
    structure = parse_resolution(read_document(shared_file(CEDAW)))
    assert len(structure.preamble) == 15
    assert structure.preamble[0].opening == "Noting"
    assert structure.preamble[12].opening == "Bearing in mind"
    assert (
        structure.chapeau
        == "The States Parties to the present Convention Have agreed on the following:"
    )


def test_preamble_and_operative_paragraphs_of_a_resolution() -> None:
    structure = parse_resolution(SAMPLE)
    assert [(c.reference, c.opening) for c in structure.preamble] == [
        ("PP 1", "Recalling"),
        ("PP 2", "Deeply concerned"),
        ("PP 3", "Bearing in mind"),
    ]
    assert structure.chapeau == "The Security Council,"
    assert [c.reference for c in structure.operative] == ["OP 1", "OP 2", "OP 3", "OP 4"]


def test_a_number_out_of_sequence_is_read_as_text_of_the_paragraph_before() -> None:
    structure = parse_resolution(SAMPLE)
    assert structure.operative[1].text.endswith("this line is noise 12. Stray heading text")
    assert len(structure.warnings) == 1
    assert "starts with 12. but paragraph 3 was expected" in structure.warnings[0]


def test_inline_letters_become_sub_paragraphs_and_stray_letters_do_not() -> None:
    structure = parse_resolution(SAMPLE)
    third = structure.operative[2]
    assert [(i.reference, i.text) for i in third.items] == [
        ("OP 3 (a)", "targets;"),
        ("OP 3 (b)", "a budget; and"),
        ("OP 3 (c)", "a timeline; (k) a stray letter"),
    ]
    assert structure.operative[3].text == "Decides to remain seized of the matter."


def test_a_word_resolution_with_automatic_numbering(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("The Security Council,")
    document.add_paragraph("Reaffirming its commitment to resolution 1325 (2000),")
    document.add_paragraph(
        "Urges Member States to adopt national action plans;", style="List Number"
    )
    document.add_paragraph("Requests the Secretary-General to report;", style="List Number")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    structure = parse_resolution(read_document(path))
    assert [c.reference for c in structure.operative] == ["OP 1", "OP 2"]
    assert structure.operative[0].opening == "Urges"
    assert [c.opening for c in structure.preamble] == ["Reaffirming"]
