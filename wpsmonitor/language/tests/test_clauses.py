"""The clause splitter: units, offsets, references and noise."""

from __future__ import annotations

import pytest

from wpsmonitor.language import clauses
from wpsmonitor.language.noise import clean


def texts(document: str) -> list[str]:
    return [c.text for c in clauses(document)]


def test_offsets_give_back_each_clause_text() -> None:
    document = (
        "1. Urges Member States to act; encourages donors to help, and requests the "
        "Secretary-General to report;\n\n2. Decides to remain seized of the matter.\n"
    )
    found = clauses(document)
    assert [c.text for c in found] == [
        "Urges Member States to act",
        "encourages donors to help",
        "requests the Secretary-General to report",
        "Decides to remain seized of the matter.",
    ]
    for clause in found:
        assert document[clause.start : clause.end] == clause.text


@pytest.mark.parametrize(
    ("document", "references"),
    [
        ("1. Requests the Secretary-General to report.\n2. Urges States to act.", ["OP 1", "OP 2"]),
        ("### Article 5\n\nStates Parties shall take all appropriate measures.", ["Article 5"]),
        ("### Article 4\n\n1. Adoption shall not be considered discrimination.", ["Article 4(1)"]),
        ("Action 2.1: Establish a gender unit in the Ministry of Defence by 2025.", ["Action 2.1"]),
        (
            "(1)\naffirms the leadership of the United States;\n"
            "(2)\ncalls on the United States to act.",
            ["(1)", "(2)"],
        ),
    ],
)
def test_clauses_keep_their_paragraph_reference(document: str, references: list[str]) -> None:
    assert [c.reference for c in clauses(document)] == references


def test_lettered_sub_paragraphs_are_units_of_their_own() -> None:
    document = (
        "18. Requests the Secretary-General to submit a report to include, inter alia: "
        "(a) a plan on the collection of information; (b) information on progress made;"
    )
    found = clauses(document)
    assert [c.reference for c in found] == ["OP 18", "OP 18(a)", "OP 18(b)"]
    assert [c.list_item for c in found] == [False, True, True]
    assert found[1].text == "(a) a plan on the collection of information"


def test_lettered_lines_under_an_article_are_list_items() -> None:
    document = (
        "### Article 5\n\nStates Parties shall take all appropriate measures:\n\n"
        "(a)To modify the social and cultural patterns of conduct;\n\n(b)To ensure that family "
        "education includes a proper understanding of maternity.\n"
    )
    found = clauses(document)
    assert [c.reference for c in found] == ["Article 5", "Article 5(a)", "Article 5(b)"]
    assert all(c.kind == "operative" for c in found)


def test_chained_operative_verbs_split_but_including_lists_do_not() -> None:
    document = (
        "Stresses that sexual violence can exacerbate conflict, affirms that steps can help, and "
        "expresses its readiness to act, including through sanctions, inter alia"
    )
    assert texts(document) == [
        "Stresses that sexual violence can exacerbate conflict",
        "affirms that steps can help",
        "expresses its readiness to act, including through sanctions, inter alia",
    ]


def test_preambular_paragraphs_joined_by_commas_are_split() -> None:
    document = (
        "The States Parties to the present Convention,Noting that the Charter reaffirms faith,"
        "Recalling that discrimination violates equality,"
    )
    found = clauses(document)
    assert [c.kind for c in found] == ["other", "preambular", "preambular"]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "2. Demands the cessation of all acts of sexual violence; 2\n",
            "Demands the cessation of all acts of sexual violence",
        ),
        (
            "3. Requests a report on the use of sexual violence;ence\n",
            "Requests a report on the use of sexual violence",
        ),
        (
            "4. Requests the Secretary-General to report;;\n",
            "Requests the Secretary-General to report",
        ),
    ],
)
def test_trailing_page_numbers_fragments_and_doubled_semicolons_are_trimmed(
    document: str, expected: str
) -> None:
    found = clauses(document)
    assert [c.text for c in found] == [expected]


def test_a_trimmed_fragment_marks_the_unit_for_checking() -> None:
    assert clauses("3. Requests a report on sexual violence;ence\n")[0].bad_unit


@pytest.mark.parametrize(
    ("noisy", "expected"),
    [
        ("to ensure the implementa tion of the plan", "implementation"),
        ("consistent 3 with their mandates", "consistent   with"),
        ("immediately and 4 completely ceasing", "and   completely"),
        ("violence;; and", "violence;  and"),
        ("will train 500 police officers", "train 500 police"),
        ("for 120 women candidates", "for 120 women"),
    ],
)
def test_noise_is_repaired_without_moving_text(noisy: str, expected: str) -> None:
    repaired = clean(noisy)
    assert len(repaired) == len(noisy)
    assert expected in repaired


@pytest.mark.parametrize(
    "kept", ["at least 3 women", "paragraphs 175, 176", "resolution 1888 (2009)"]
)
def test_numbers_that_count_something_are_not_taken_for_page_numbers(kept: str) -> None:
    assert clean(kept) == kept


def test_split_words_do_not_hide_the_lead_verb() -> None:
    found = clauses("5. Requests the Secretary-General to ensure implementa tion of the plan")
    assert found[0].kind == "operative"


def test_headers_in_capitals_and_blank_text_give_no_clauses() -> None:
    assert clauses("IN THE HOUSE OF REPRESENTATIVES\n\n119th CONGRESS\n\n   \n") == []
    assert clauses("") == []
