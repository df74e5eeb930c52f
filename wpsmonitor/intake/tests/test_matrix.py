"""Results matrices become one row per action, with carried-down pillars and objectives, parsed
values and a warning for each cell that needs a person's eye."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wpsmonitor.intake.document import Table
from wpsmonitor.intake.matrix import ColumnMapping, NotAMatrix, detect_columns, parse_matrix
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
    build_xlsx_matrix,
    matrix_rows,
)

ROLES_IN_ORDER = ["objective", "action", "indicator", "baseline", "target", "responsible",
                  "partners", "timeline", "budget"]  # fmt: skip


@pytest.mark.parametrize("header", [SQ_HEADER, SR_HEADER, FR_HEADER], ids=["sq", "sr-Latn", "fr"])
def test_headers_in_albanian_serbian_and_french_are_recognised(header: tuple[str, ...]) -> None:
    mapping = detect_columns(header)
    assert [mapping.role_of(i) for i in range(len(header))] == ROLES_IN_ORDER
    assert mapping.unrecognised == ()
    assert mapping.is_matrix


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Responsible institution(s)", "responsible"),
        ("Lead agency", "responsible"),
        ("Institucionet përgjegjëse", "responsible"),
        ("Nosilac aktivnosti", "responsible"),
        ("Timeframe", "timeline"),
        ("Rok za realizaciju", "timeline"),
        ("Budget (EUR)", "budget"),
        ("Estimated cost", "budget"),
        ("Source of funding", "budget_source"),
        ("Burimi i financimit", "budget_source"),
        ("Indicators of success", "indicator"),
        ("Expected results", "outcome"),
        ("Rezultatet e pritura", "outcome"),
        ("Pillar", "pillar"),
        ("Shtylla", "pillar"),
        ("Baseline (2013)", "baseline"),
        ("Target 2016", "target"),
        ("Synimi", "target"),
        ("Ciljna vrednost", "target"),
        ("Cilj", "objective"),
        ("Nr.", "reference"),
        ("R.br.", "reference"),
        ("N°", "reference"),
        ("Napomene", "notes"),
        ("Partenaires", "partners"),
        ("Aktivitetet", "action"),
        ("Mjere", "action"),
    ],
)
def test_header_variants_map_to_their_role(header: str, role: str) -> None:
    assert detect_columns([header]).role_of(0) == role


def test_unknown_headers_are_listed_as_unrecognised() -> None:
    mapping = detect_columns(["Activity", "Colour", "", "Responsible"])
    assert mapping.unrecognised == (1, 2)
    assert [c.role for c in mapping.columns] == ["action", "responsible"]
    assert all(0.45 <= c.confidence <= 1 for c in mapping.columns)


@pytest.fixture(scope="module")
def docx_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list]:
    path = build_docx_matrix(tmp_path_factory.mktemp("docx") / "plan.docx")
    english, albanian = read_document(path).tables
    return parse_matrix(english), parse_matrix(albanian)


def test_docx_matrix_gives_one_row_per_action_with_pillar_and_objective(docx_rows) -> None:
    english, _ = docx_rows
    assert [(r.reference, r.pillar, r.objective) for r in english] == [
        ("1.1.1", "Pillar 1: Participation", OBJECTIVE_1),
        ("1.1.2", "Pillar 1: Participation", OBJECTIVE_1),
        ("1.1.3", "Pillar 1: Participation", OBJECTIVE_1),
        ("2.1.1", "Pillar 2: Protection", OBJECTIVE_2),
        ("2.1.2", "Pillar 2: Protection", OBJECTIVE_2),
        ("2.1.3", "Pillar 2: Protection", OBJECTIVE_2),
    ]


def test_docx_matrix_values_are_parsed_and_raw_text_kept(docx_rows) -> None:
    first = docx_rows[0][0]
    assert first.action == "Train women candidates for local elections"
    assert first.indicators == ("Number of women trained", "Share of trained women elected")
    assert [q.value for q in first.target_values] == [Decimal(200), Decimal(30)]
    assert first.target_values[1].unit == "%"
    assert first.responsible == ("Agency for Gender Equality (AGE)",)
    assert first.partners == ("Kosovo Women's Network", "OSCE")
    assert (first.timeline.start, first.timeline.end) == (date(2014, 4, 1), date(2014, 6, 30))
    assert (first.budget.amount, first.budget.currency) == (Decimal(25000), "EUR")
    assert first.budget.raw == "€25,000"
    assert first.warnings == ()


def test_docx_matrix_warnings_name_the_source_row_and_column(docx_rows) -> None:
    mentoring = docx_rows[0][2]
    assert mentoring.row_number == 6
    assert [str(w) for w in mentoring.warnings] == [
        "Row 6, column “Responsible institution”: no responsible institution is named",
        "Row 6, column “Timeline”: “sometime soon” is not a date or period we can read",
    ]


def test_rows_of_a_continued_table_keep_counting_rows(docx_rows) -> None:
    english, _ = docx_rows
    assert [r.row_number for r in english] == [3, 4, 6, 8, 10, 11]
    assert english[3].responsible == ("Ministry of Labour and Social Welfare", "Kosovo Police")
    assert english[4].budget.amount == Decimal(1500000)
    assert english[4].timeline.ongoing
    assert english[5].budget.ok and english[5].budget.amount is None


def test_albanian_matrix_reads_references_from_the_action_text(docx_rows) -> None:
    _, albanian = docx_rows
    first = albanian[0]
    assert (first.reference, first.action) == ("3.1.1", "Rekrutimi i grave në Policinë e Kosovës")
    assert first.objective == SQ_OBJECTIVE
    assert first.responsible == ("Ministria e Punëve të Brendshme", "Policia e Kosovës")
    assert first.timeline.ongoing and first.timeline.ok
    assert (first.budget.amount, first.budget.currency) == (Decimal(1200000), "EUR")
    assert albanian[1].budget.in_kind


def test_xlsx_matrices_in_serbian_and_french(tmp_path: Path) -> None:
    serbian, french = read_document(build_xlsx_matrix(tmp_path / "plan.xlsx")).tables
    sr_rows = parse_matrix(serbian)
    assert [r.reference for r in sr_rows] == ["1.1", "1.2"]
    assert sr_rows[0].row_number == 3
    assert sr_rows[0].objective == "1. Povećati učešće žena u sektoru bezbednosti"
    assert sr_rows[1].objective == sr_rows[0].objective
    assert sr_rows[0].timeline.end == date(2015, 12, 31)
    assert (sr_rows[0].budget.amount, sr_rows[0].budget.currency) == (Decimal(25000), "EUR")
    assert (sr_rows[1].budget.amount, sr_rows[1].budget.currency) == (Decimal("12500.50"), "RSD")
    assert sr_rows[0].responsible == ("Ministarstvo unutrašnjih poslova", "Policija")
    fr_rows = parse_matrix(french)
    assert [r.pillar for r in fr_rows] == ["Pilier 1 : Participation"] * 2
    assert fr_rows[0].partners == ("ONU Femmes", "société civile")
    assert fr_rows[1].timeline.ongoing and fr_rows[1].budget.in_kind


def test_pdf_matrix_rows_parse_like_the_word_ones(tmp_path: Path) -> None:
    (table,) = read_document(build_pdf_matrix(tmp_path / "plan.pdf", matrix_rows(30))).tables
    rows = parse_matrix(table)
    assert len(rows) == 30
    assert rows[0].reference == "1.1.1"
    assert rows[0].budget.amount == Decimal(1000)
    assert rows[0].budget.currency == "EUR"
    assert rows[0].partners == ("UN Women", "OSCE")
    assert all(not r.warnings for r in rows)


def _table(
    rows: list[tuple[str, ...]],
    header: tuple[str, ...] = (
        "Pillar",
        "Objective",
        "Activity",
        "Indicator",
        "Responsible",
        "Timeline",
    ),
) -> Table:
    return Table(header=header, rows=tuple(rows), header_row_index=0)


def test_blank_pillar_and_objective_cells_carry_down() -> None:
    rows = parse_matrix(
        _table(
            [
                (
                    "Participation",
                    "More women in politics",
                    "Train candidates",
                    "Number trained",
                    "AGE",
                    "2014",
                ),
                ("", "", "Run a campaign", "Campaign run", "AGE", "2015"),
                ("Protection", "", "Open shelters", "Shelters open", "Kosovo Police", "2015"),
            ]
        )
    )
    assert [(r.pillar, r.objective) for r in rows] == [
        ("Participation", "More women in politics"),
        ("Participation", "More women in politics"),
        ("Protection", None),
    ]


def test_a_row_without_an_action_adds_its_indicator_to_the_action_above() -> None:
    rows = parse_matrix(
        _table(
            [
                ("P", "O", "Train candidates", "Number trained", "AGE", "2014"),
                ("P", "O", "", "Share elected", "", ""),
                ("P", "O", "Train candidates", "Share re-elected", "AGE", "2014"),
            ]
        )
    )
    assert len(rows) == 1
    assert rows[0].indicators == ("Number trained", "Share elected", "Share re-elected")
    assert rows[0].row_numbers == (2, 3, 4)


def test_section_rows_set_pillar_objective_and_outcome_by_their_words() -> None:
    header = ("Activity", "Indicator", "Responsible")
    rows = parse_matrix(
        _table(
            [
                ("Shtylla 1: Pjesëmarrja",) * 3,
                ("Objektivi 1.1 Më shumë gra në politikë", "", ""),
                ("Rezultati 1.1.1 Partitë kanë kuota", "", ""),
                ("Trajnim i kandidateve", "Numri", "ABGJ"),
            ],
            header,
        )
    )
    assert len(rows) == 1
    assert (rows[0].pillar, rows[0].objective, rows[0].outcome) == (
        "Shtylla 1: Pjesëmarrja",
        "Objektivi 1.1 Më shumë gra në politikë",
        "Rezultati 1.1.1 Partitë kanë kuota",
    )


def test_several_budget_columns_are_added_when_they_share_a_currency() -> None:
    header = ("Activity", "Budget 2014", "Budget 2015")
    (row,) = parse_matrix(_table([("Train", "€10,000", "€15,000")], header))
    assert (row.budget.amount, row.budget.currency, row.budget.ok) == (Decimal(25000), "EUR", True)


def test_start_and_end_columns_make_one_timeline() -> None:
    header = ("Activity", "Start date", "End date")
    (row,) = parse_matrix(_table([("Train", "Q1 2014", "Q4 2015")], header))
    assert (row.timeline.start, row.timeline.end) == (date(2014, 1, 1), date(2015, 12, 31))


def test_unrecognised_columns_are_kept_as_extra_values() -> None:
    header = ("Activity", "Colour")
    (row,) = parse_matrix(_table([("Train", "green")], header))
    assert row.extra == (("Colour", "green"),)


def test_a_budget_that_cannot_be_read_is_warned_about() -> None:
    header = ("Activity", "Budget")
    (row,) = parse_matrix(_table([("Train", "€10,000 (2014); €15,000 (2015)")], header))
    assert [w.column for w in row.warnings] == ["Budget"]
    assert row.budget.raw == "€10,000 (2014); €15,000 (2015)"


def test_a_table_without_an_action_column_is_refused_with_its_headers() -> None:
    with pytest.raises(NotAMatrix, match="“Name”, “Email”"):
        parse_matrix(_table([("a", "b")], ("Name", "Email")))


def test_a_person_can_choose_the_columns_by_hand() -> None:
    header = ("What", "Who")
    mapping = ColumnMapping.manual(header, {0: "action", 1: "responsible"})
    (row,) = parse_matrix(_table([("Train", "Kosovo Police")], header), mapping)
    assert (row.action, row.responsible) == ("Train", ("Kosovo Police",))


def test_english_header_of_the_builders_is_fully_recognised() -> None:
    mapping = detect_columns(EN_HEADER)
    assert mapping.unrecognised == ()
    assert mapping.role_of(1) == "reference"


def test_every_column_role_has_words_in_each_language_and_is_documented() -> None:
    import json

    from wpsmonitor.intake.columns import ROLES, VOCABULARY_FILE
    from wpsmonitor.testing.shared_data import REPO_ROOT

    roles = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))["roles"]
    assert sorted(roles) == sorted(ROLES)
    assert all(set(words) == {"en", "sq", "sr-Latn", "fr"} for words in roles.values())
    docs = (REPO_ROOT / "docs" / "intake.md").read_text(encoding="utf-8")
    assert all(f"`{role}`" in docs for role in ROLES)
