"""The import service: a preview that writes nothing, then one atomic commit through the ledger
services, for real resolutions and plans of the shapes working groups send."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from wpsmonitor.commitments.models import (
    Commitment,
    Indicator,
    Instrument,
    InstrumentStatus,
    Measure,
    Pillar,
    Responsibility,
)
from wpsmonitor.core.models import HistoryEntry, Organisation, OrganisationKind
from wpsmonitor.intake import errors, services
from wpsmonitor.intake.models import ImportJob, JobStatus
from wpsmonitor.intake.preview import Preview, render_text
from wpsmonitor.intake.services import ImportOptions, ImportRefused
from wpsmonitor.intake.tests.builders import BAD_FILES, build_docx_matrix, build_xlsx_matrix
from wpsmonitor.testing import builders as b
from wpsmonitor.testing.shared_data import needs_shared, shared_file

LEDGER = (Instrument, Commitment, Indicator, Responsibility, Organisation, Pillar, HistoryEntry)
HEADER = ("No.", "Activity", "Indicator", "Baseline", "Target", "Responsible", "Timeline", "Budget")


def ledger_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in LEDGER}


def write_plan(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def plan_options(**kwargs: Any) -> ImportOptions:
    return ImportOptions(
        kind=kwargs.pop("kind", "plan"),
        country=kwargs.pop("country", "XK"),
        issuer=kwargs.pop("issuer", "Ministry of Internal Affairs"),
        **kwargs,
    )


ROWS = [
    ("1.1", "Train 200 police officers on gender-based violence", "Officers trained", "0",
     "200", "MIA", "Q2 2025", "€25,000"),
    ("1.2", "Recruit women into the armed forces", "Share of women recruits", "10%", "30%",
     "MoD", "by December 2026", "in kind"),
]  # fmt: skip


# --- resolutions -------------------------------------------------------------------------------


@needs_shared("resolutions/S-RES-1820-2008.txt")
def test_resolution_1820_imports_its_fifteen_operative_paragraphs_as_graded_commitments(
    db: None,
) -> None:
    path = shared_file("resolutions/S-RES-1820-2008.txt")
    preview = services.import_preview(path=path, options=ImportOptions(kind="resolution"))
    assert preview.operative_count == 15
    assert [c.reference for c in preview.commitments][:3] == ["OP 1", "OP 2", "OP 3"]
    assert preview.proposed[0].name == services.SECURITY_COUNCIL
    assert preview.proposed[0].kind == OrganisationKind.INTERNATIONAL

    result = services.import_commit(preview=preview, by=None, create_organisations=True)

    instrument = result.instrument
    assert instrument.kind == "resolution" and instrument.status == InstrumentStatus.DRAFT
    assert instrument.issuer.name == services.SECURITY_COUNCIL
    assert instrument.issuer.kind == OrganisationKind.INTERNATIONAL
    commitments = list(instrument.commitments.order_by("order"))
    assert [c.reference for c in commitments] == [f"OP {n}" for n in range(1, 16)]
    assert commitments[1].text.startswith("Demands the immediate and complete cessation")
    assert all(c.strength and c.assessment and c.analyser_version for c in commitments)
    recorded = HistoryEntry.objects.filter(model="commitments.commitment", action="create")
    assert recorded.count() == 15


@needs_shared("resolutions/S-RES-1960-2010.txt")
def test_resolution_1960_has_eighteen_operative_paragraphs_and_lettered_items(db: None) -> None:
    path = shared_file("resolutions/S-RES-1960-2010.txt")
    preview = services.import_preview(path=path, options=ImportOptions(kind="resolution"))
    assert preview.operative_count == 18

    result = services.import_commit(preview=preview, by=None, create_organisations=True)

    references = list(result.instrument.commitments.values_list("reference", flat=True))
    assert "OP 18" in references and "OP 18 (b)" in references
    assert len([r for r in references if "(" not in r]) == 18


def test_a_resolution_text_with_a_preamble_keeps_preambular_paragraphs_out_of_the_ledger(
    db: None, tmp_path: Path
) -> None:
    path = tmp_path / "resolution.txt"
    path.write_text(
        "The Security Council,\n\nRecalling its resolution 1325 (2000),\n\n"
        "Deeply concerned by violence against women,\n\n"
        "1. Urges Member States to increase the representation of women;\n\n"
        "2. Requests the Secretary-General to report by 30 June 2009, including:\n"
        "(a) information on progress;\n(b) proposals for strategies;\n",
        encoding="utf-8",
    )
    preview = services.import_preview(path=path, options=ImportOptions(kind="resolution"))
    assert len(preview.preamble) == 2
    assert [c.reference for c in preview.commitments] == ["OP 1", "OP 2", "OP 2 (a)", "OP 2 (b)"]


# --- plans -------------------------------------------------------------------------------------


def test_a_word_results_matrix_becomes_pillars_commitments_indicators_owners_and_budgets(
    db: None, tmp_path: Path
) -> None:
    police = b.organisation("Kosovo Police", kind=OrganisationKind.SECURITY, country="XK")
    path = build_docx_matrix(tmp_path / "plan.docx")
    preview = services.import_preview(
        path=path, options=plan_options(issuer="Government of Kosovo")
    )
    result = services.import_commit(preview=preview, by=None, create_organisations=True)

    plan = result.instrument
    assert plan.kind == "national_plan" and plan.country == "XK"
    assert plan.source_checksum == preview.checksum
    first = plan.commitments.get(reference="1.1.1")
    assert first.text == "Train women candidates for local elections"
    assert first.pillar is not None and first.pillar.key == "participation"
    assert first.objective.startswith("1.1 Increase women's participation")
    assert (first.deadline, first.deadline_text) == (dt.date(2014, 6, 30), "Q2 2014")
    assert (first.budget_amount, first.budget_currency) == (Decimal("25000"), "EUR")
    assert first.budget_text == "€25,000"
    lead = first.responsibilities.get(kind="lead").organisation
    assert (lead.name, lead.abbreviation) == ("Agency for Gender Equality", "AGE")
    partners = set(first.responsibilities.filter(kind="partner").values_list("organisation__name"))
    assert partners == {("Kosovo Women's Network",), ("OSCE",)}
    share = first.indicators.get(definition="Share of trained women elected")
    assert (share.baseline, share.target, share.measure) == (10, 30, Measure.PERCENTAGE)
    assert (share.baseline_text, share.target_text) == ("10%", "30%")

    shelters = plan.commitments.get(reference="2.1.1")
    assert shelters.pillar is not None and shelters.pillar.key == "protection"
    owners = {r.organisation for r in shelters.responsibilities.all()}
    assert police in owners and len(owners) == 2
    in_kind = plan.commitments.get(reference="1.1.2")
    assert in_kind.budget_amount is None and in_kind.budget_text == "in kind"
    albanian = plan.commitments.get(reference="3.1.1")
    assert albanian.budget_amount == Decimal("1200000")


def test_a_timeline_that_cannot_be_read_is_kept_verbatim_and_flagged_with_its_cell(
    db: None, tmp_path: Path
) -> None:
    path = build_docx_matrix(tmp_path / "plan.docx")
    preview = services.import_preview(path=path, options=plan_options())
    mentor = next(c for c in preview.commitments if c.reference == "1.1.3")
    assert mentor.deadline is None and mentor.deadline_text == "sometime soon"
    texts = [str(w) for w in mentor.warnings]
    assert (
        "Table 1, row 6, column “Timeline”: “sometime soon” is not a date or period we can read"
        in texts
    )


def test_an_excel_matrix_in_serbian_and_french_reads_amounts_percentages_and_yes_no(
    db: None, tmp_path: Path
) -> None:
    path = build_xlsx_matrix(tmp_path / "plan.xlsx")
    preview = services.import_preview(path=path, options=plan_options(country="RS"))
    by_text = {c.text: c for c in preview.commitments}
    campaign = by_text["Kampanja za zapošljavanje žena"]
    assert (campaign.budget_amount, campaign.budget_currency) == (Decimal("12500.50"), "RSD")
    training = by_text["Obuka policajki"]
    assert training.indicators[0].measure == Measure.PERCENTAGE
    assert training.deadline == dt.date(2015, 12, 31)
    network = by_text["Créer un réseau de médiatrices"]
    assert network.pillar_key == "participation"
    indicator = network.indicators[0]
    assert (indicator.measure, indicator.baseline_text, indicator.target_text) == (
        Measure.YES_NO,
        "non",
        "oui",
    )
    assert indicator.baseline is None


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Pillar 1: Participation", "participation"),
        ("Shtylla 2: Parandalimi", "prevention"),
        ("Stub 3: Zaštita", "protection"),
        ("Pilier 4 : Secours et relèvement", "relief-recovery"),
        ("Relief and recovery", "relief-recovery"),
        ("Pjesëmarrja e grave", "participation"),
        ("Učešće žena", "participation"),
        ("Coordination and monitoring", None),
    ],
)
def test_pillar_names_map_to_the_standard_pillars_in_four_languages(
    written: str, key: str | None
) -> None:
    assert services.pillar_key_for(written) == key


def test_an_unknown_pillar_is_proposed_and_created_as_a_custom_pillar_on_commit(
    db: None, tmp_path: Path, scene: Any
) -> None:
    header = ("Pillar", *HEADER)
    rows = [("Pillar 5: Coordination", *ROWS[0])]
    path = write_plan(tmp_path / "plan.csv", rows, header)
    preview = services.import_preview(path=path, options=plan_options())
    assert preview.new_pillars == ["Coordination"]
    assert Pillar.objects.filter(key="coordination").count() == 0

    result = services.import_commit(preview=preview, by=None, create_organisations=True)

    pillar = Pillar.objects.get(key="coordination")
    assert pillar.name == "Coordination" and not pillar.is_standard
    assert result.instrument.commitments.get().pillar == pillar
    assert HistoryEntry.objects.for_object(pillar).count() == 1


def test_organisations_are_matched_by_abbreviation_case_and_accents(
    db: None, tmp_path: Path, scene: Any
) -> None:
    albanian = b.organisation("Ministria e Punëve të Brendshme", country="XK")
    rows = [ROWS[0], ROWS[1], ("1.3", "Open shelters", "Shelters", "1", "5",
                                "ministria e puneve te brendshme", "2025", "")]  # fmt: skip
    path = write_plan(tmp_path / "plan.csv", rows)
    preview = services.import_preview(path=path, options=plan_options())
    matched = {o.name: o.organisation_id for o in preview.organisations}
    assert matched["MIA"] == scene.ministry.pk
    assert matched["MoD"] == scene.other_ministry.pk
    assert matched["ministria e puneve te brendshme"] == albanian.pk
    assert preview.proposed == []


def test_preview_writes_nothing(db: None, tmp_path: Path, scene: Any) -> None:
    before = ledger_counts()
    path = build_docx_matrix(tmp_path / "plan.docx")
    preview = services.import_preview(path=path, options=plan_options())
    assert preview.commitments and preview.proposed
    assert ledger_counts() == before
    assert ImportJob.objects.count() == 0


def test_unmatched_names_are_proposed_and_the_commit_refuses_until_they_are_confirmed(
    db: None, tmp_path: Path, scene: Any
) -> None:
    rows = [*ROWS, ("1.3", "Fund shelters", "Shelters", "1", "5", "Agency for Shelters", "", "")]
    path = write_plan(tmp_path / "plan.csv", rows)
    preview = services.import_preview(path=path, options=plan_options())
    assert [o.name for o in preview.proposed] == ["Agency for Shelters"]
    assert "Row 4: “Agency for Shelters” matches no known organisation" in render_text(preview)
    before = ledger_counts()

    with pytest.raises(ImportRefused, match="“Agency for Shelters”"):
        services.import_commit(preview=preview, by=None)
    with pytest.raises(ImportRefused, match="“Agency for Shelters”"):
        services.import_commit(preview=preview, by=None, create_organisations={"Someone else"})
    assert ledger_counts() == before

    services.import_commit(
        preview=preview, by=scene.focal_point, create_organisations={"Agency for Shelters"}
    )
    agency = Organisation.objects.get(name="Agency for Shelters")
    assert agency.country == "XK"
    entry = HistoryEntry.objects.for_object(agency).get()
    assert entry.username == scene.focal_point.username


def test_a_failure_on_a_later_row_leaves_nothing_written(
    db: None, tmp_path: Path, scene: Any
) -> None:
    path = write_plan(tmp_path / "plan.csv", ROWS)
    preview = services.import_preview(path=path, options=plan_options())
    preview.commitments[1].deadline_text = "x" * 500  # longer than the field allows
    before = ledger_counts()
    with pytest.raises(ImportRefused, match=r"plan\.csv, row 3: deadline_text"):
        services.import_commit(preview=preview, by=None)
    assert ledger_counts() == before


def test_the_same_file_again_is_recognised_and_imported_only_as_a_revision(
    db: None, tmp_path: Path, scene: Any
) -> None:
    path = write_plan(tmp_path / "plan.csv", ROWS)
    first = services.import_commit(
        preview=services.import_preview(path=path, options=plan_options()), by=None
    ).instrument

    again = services.import_preview(path=path, options=plan_options())
    assert again.already_imported is not None and again.already_imported.slug == first.slug
    assert f"already imported as “{first}”" in render_text(again)
    before = ledger_counts()
    with pytest.raises(ImportRefused, match="already imported"):
        services.import_commit(preview=again, by=None)
    assert ledger_counts() == before

    second = services.import_commit(preview=again, by=None, as_revision=True).instrument
    assert (second.version, second.lineage, second.previous_version) == (2, first.lineage, first)
    old = first.commitments.get(reference="1.1")
    new = second.commitments.get(reference="1.1")
    assert (new.lineage, new.previous) == (old.lineage, old)
    assert new.indicators.get().lineage == old.indicators.get().lineage


def test_a_revised_plan_becomes_a_new_version_linked_to_the_adopted_one(
    db: None, tmp_path: Path, scene: Any
) -> None:
    v1 = services.import_commit(
        preview=services.import_preview(
            path=write_plan(tmp_path / "plan-2024.csv", ROWS), options=plan_options()
        ),
        by=None,
        adopt=True,
        today=dt.date(2024, 3, 1),
    ).instrument
    assert v1.status == InstrumentStatus.ADOPTED and v1.adopted_on == dt.date(2024, 3, 1)
    revised = [
        ("1.1", "Train 400 police officers on gender-based violence", "Officers trained", "200",
         "400", "MIA", "2027", ""),
        ("1.3", "Publish yearly data on reported cases", "Reports", "0", "3", "MIA", "2027", ""),
    ]  # fmt: skip
    preview = services.import_preview(
        path=write_plan(tmp_path / "plan-2026.csv", revised),
        options=plan_options(revises=v1.slug),
    )
    assert preview.revises is not None and preview.revises.version == 1

    v2 = services.import_commit(
        preview=preview, by=None, adopt=True, today=dt.date(2026, 1, 10)
    ).instrument

    v1.refresh_from_db()
    assert v1.status == InstrumentStatus.SUPERSEDED
    assert (v2.version, v2.lineage, v2.previous_version_id) == (2, v1.lineage, v1.pk)
    assert v2.commitments.get(reference="1.1").previous == v1.commitments.get(reference="1.1")
    assert v2.commitments.get(reference="1.3").previous is None
    with pytest.raises(ImportRefused, match="later version"):
        services.import_preview(
            path=write_plan(tmp_path / "plan-2027.csv", revised),
            options=plan_options(revises=v1.slug),
        )


def test_unrecognised_columns_ask_for_a_mapping_and_the_mapping_reads_the_matrix(
    db: None, tmp_path: Path, scene: Any
) -> None:
    header = ("Nr", "Was wir tun", "Messgröße", "Wer", "Wann")
    rows = [("1", "Train police officers", "Officers trained", "MIA", "2025")]
    path = write_plan(tmp_path / "plan.csv", rows, header)
    preview = services.import_preview(path=path, options=plan_options())
    assert preview.needs_mapping and preview.commitments == []
    with pytest.raises(ImportRefused, match="Choose the columns"):
        services.import_commit(preview=preview, by=None)

    mapping = services.parse_mapping("2=action,3=indicator,D=responsible,5=timeline,1=reference")
    mapped = services.import_preview(path=path, options=plan_options(mapping=mapping))
    assert not mapped.needs_mapping
    [commitment] = mapped.commitments
    assert (commitment.text, commitment.lead, commitment.reference) == (
        "Train police officers",
        ["MIA"],
        "1",
    )
    assert commitment.indicators[0].definition == "Officers trained"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3", "is not COLUMN=ROLE"),
        ("0=action", "is not a column number"),
        ("3=owner", "“owner” is not a column role"),
        ("x1=action", "is not a column number"),
    ],
)
def test_a_mapping_that_cannot_be_read_says_which_part(text: str, message: str) -> None:
    with pytest.raises(ImportRefused, match=message):
        services.parse_mapping(text)


def test_a_mapping_beyond_the_table_names_the_column(db: None, tmp_path: Path, scene: Any) -> None:
    path = write_plan(tmp_path / "plan.csv", ROWS)
    with pytest.raises(ImportRefused, match="Column 12 is chosen, but the widest table has 8"):
        services.import_preview(path=path, options=plan_options(mapping={11: "notes"}))


def test_a_preview_survives_the_trip_through_json(db: None, tmp_path: Path, scene: Any) -> None:
    path = build_docx_matrix(tmp_path / "plan.docx")
    preview = services.import_preview(path=path, options=plan_options())
    assert Preview.from_dict(preview.to_dict()) == preview


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_with_a_clear_error_and_nothing_written(
    db: None, tmp_path: Path, settings: Any, name: str
) -> None:
    settings.UPLOAD_MAX_BYTES = 50 * 1024 * 1024
    build, error_name, words = BAD_FILES[name]
    path = build(tmp_path / name)
    before = ledger_counts()
    with pytest.raises(errors.IntakeError, match=words) as caught:
        services.import_preview(path=path, options=plan_options())
    assert type(caught.value).__name__ == error_name
    assert ledger_counts() == before


def test_the_upload_size_limit_comes_from_the_settings(
    db: None, tmp_path: Path, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 1000
    path = write_plan(tmp_path / "plan.csv", ROWS * 20)
    with pytest.raises(errors.TooLarge, match="files up to 0 MB"):
        services.import_preview(path=path, options=plan_options())


# --- import jobs -------------------------------------------------------------------------------


def test_a_job_stores_the_file_reads_it_and_commits_its_preview(
    db: None, tmp_path: Path, settings: Any, scene: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    path = write_plan(tmp_path / "plan.csv", ROWS)
    with path.open("rb") as handle:
        job = services.job_create(
            upload=handle, name="plan.csv", options=plan_options(), by=scene.focal_point
        )
    assert job.file.name.startswith("imports/") and len(job.checksum) == 64
    assert (tmp_path / "media" / job.file.name).exists()
    before = ledger_counts()

    services.job_run(job=job)

    job.refresh_from_db()
    assert job.status == JobStatus.READY and job.progress == 100
    assert Preview.from_dict(job.preview).commitments[0].reference == "1.1"
    assert ledger_counts() == before

    result = services.job_commit(job=job, by=scene.focal_point, create_organisations=set())
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTED and job.instrument == result.instrument
    assert result.instrument.source_file.name == job.file.name
    with pytest.raises(ImportRefused, match="only a ready preview"):
        services.job_commit(job=job, by=scene.focal_point, create_organisations=set())


def test_a_job_with_a_bad_file_fails_with_its_reason(
    db: None, tmp_path: Path, settings: Any, scene: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    path = BAD_FILES["bomb.docx"][0](tmp_path / "bomb.docx")
    with path.open("rb") as handle:
        job = services.job_create(
            upload=handle, name="bomb.docx", options=plan_options(), by=scene.focal_point
        )
    services.job_run(job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "compression bomb" in job.error
    assert job.preview is None


def test_a_job_over_the_upload_limit_is_refused_before_it_is_stored(
    db: None, tmp_path: Path, settings: Any, scene: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    path = BAD_FILES["huge.pdf"][0](tmp_path / "huge.pdf")
    with path.open("rb") as handle, pytest.raises(ImportRefused, match="200.0 MB"):
        services.job_create(upload=handle, name="huge.pdf", options=plan_options(), by=None)
    assert ImportJob.objects.count() == 0
