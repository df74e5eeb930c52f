"""The import pages: who may upload, progress while reading, the preview, the column mapping,
and the confirmation that commits and leads to the new instrument."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wpsmonitor.commitments.models import Instrument
from wpsmonitor.core.models import Organisation, Role
from wpsmonitor.intake import services
from wpsmonitor.intake.models import ImportJob, JobStatus
from wpsmonitor.intake.tests.builders import BAD_FILES, build_docx_matrix
from wpsmonitor.intake.tests.test_services import HEADER, ROWS, ledger_counts, write_plan
from wpsmonitor.testing import builders as b

UPLOAD = reverse("intake:upload")


@pytest.fixture(autouse=True)
def inline_and_private_media(settings: Any, tmp_path: Path) -> None:
    settings.INTAKE_RUN_INLINE = True
    settings.MEDIA_ROOT = tmp_path / "media"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, path: Path, **data: Any) -> Any:
    fields = {"kind": "national_plan", "country": "XK", "issuer": "Ministry of Internal Affairs"}
    fields.update(data)
    with path.open("rb") as handle:
        fields["file"] = SimpleUploadedFile(path.name, handle.read())
    return client.post(UPLOAD, fields)


def test_anonymous_visitors_are_sent_to_sign_in(db: None) -> None:
    response = Client().get(UPLOAD)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["outsider", "viewer", "monitor"])
def test_people_who_are_not_administrators_or_focal_points_may_not_import(
    scene: Any, persona: str
) -> None:
    assert signed_in(getattr(scene, persona)).get(UPLOAD).status_code == 403


def test_focal_points_and_administrators_see_the_upload_form(scene: Any) -> None:
    admin = b.person(organisation=scene.cso, role=Role.ADMINISTRATOR)
    for user in (scene.focal_point, admin):
        response = signed_in(user).get(UPLOAD)
        assert response.status_code == 200
        assert b'enctype="multipart/form-data"' in response.content


def test_an_uploaded_plan_is_previewed_then_committed_to_the_new_instrument_page(
    scene: Any, tmp_path: Path
) -> None:
    client = signed_in(scene.focal_point)
    before = ledger_counts()
    response = upload(client, build_docx_matrix(tmp_path / "plan.docx"))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "intake:job", args=[job.pk]
    )
    assert job.status == JobStatus.READY and job.created_by == scene.focal_point

    page = client.get(response["Location"]).content.decode()
    assert "Train women candidates for local elections" in page
    assert "Table 1, row 6, column “Timeline”" in page
    assert "“sometime soon” is not a date or period we can read" in page
    assert (
        '<input type="checkbox" name="create" value="Kosovo Women&#x27;s Network" '
        'id="id_create_1" checked>'
    ) in page
    assert ledger_counts() == before

    proposed = [o["name"] for o in job.preview["organisations"] if not o["organisation_id"]]
    response = client.post(reverse("intake:job_commit", args=[job.pk]), {"create": proposed})

    instrument = Instrument.objects.get(source_checksum=job.checksum)
    assert response.status_code == 302
    assert response["Location"] == reverse("instrument", args=[instrument.slug])
    assert instrument.commitments.count() == 8
    job.refresh_from_db()
    assert job.status == JobStatus.COMMITTED and job.instrument == instrument


def test_an_unchecked_proposed_organisation_stops_the_commit_and_is_named(
    scene: Any, tmp_path: Path
) -> None:
    client = signed_in(scene.focal_point)
    rows = [*ROWS, ("1.3", "Fund shelters", "Shelters", "1", "5", "Agency for Shelters", "", "")]
    upload(client, write_plan(tmp_path / "plan.csv", rows))
    job = ImportJob.objects.get()
    before = ledger_counts()
    response = client.post(reverse("intake:job_commit", args=[job.pk]), {})
    assert response.status_code == 400
    assert "“Agency for Shelters”" in response.content.decode()
    assert ledger_counts() == before
    assert not Organisation.objects.filter(name="Agency for Shelters").exists()


def test_columns_that_are_not_recognised_are_chosen_in_a_mapping_step(
    scene: Any, tmp_path: Path
) -> None:
    client = signed_in(scene.focal_point)
    header = ("Nr", "Was wir tun", "Messgröße", "Wer", "Wann")
    upload(client, write_plan(tmp_path / "plan.csv", [("1", "Train police", "Trained", "MIA",
                                                           "2025")], header))  # fmt: skip
    job = ImportJob.objects.get()
    assert job.status == JobStatus.NEEDS_MAPPING
    page = client.get(reverse("intake:job", args=[job.pk])).content.decode()
    assert "Choose the columns" in page and page.count('<select name="column_') == 5

    roles = {"column_0": "reference", "column_1": "action", "column_2": "indicator",
             "column_3": "responsible", "column_4": "timeline"}  # fmt: skip
    response = client.post(reverse("intake:job_mapping", args=[job.pk]), roles)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    assert job.preview["commitments"][0]["text"] == "Train police"
    assert job.options["mapping"]["3"] == "responsible"


def test_a_mapping_without_an_action_column_is_refused_on_the_form(
    scene: Any, tmp_path: Path
) -> None:
    client = signed_in(scene.focal_point)
    upload(client, write_plan(tmp_path / "plan.csv", [("1", "x")], ("Nr", "Was")))
    job = ImportJob.objects.get()
    response = client.post(
        reverse("intake:job_mapping", args=[job.pk]), {"column_0": "ignore", "column_1": "notes"}
    )
    assert response.status_code == 400
    assert "Choose the column that holds the actions." in response.content.decode()


def test_a_file_still_being_read_shows_progress_polled_every_second(scene: Any) -> None:
    job = ImportJob.objects.create(
        original_name="plan.docx", kind="national_plan", created_by=scene.focal_point,
        status=JobStatus.READING, progress=40, checksum="0" * 64,
    )  # fmt: skip
    client = signed_in(scene.focal_point)
    page = client.get(reverse("intake:job", args=[job.pk])).content.decode()
    status_url = reverse("intake:job_status", args=[job.pk])
    assert f'hx-get="{status_url}"' in page and 'hx-trigger="every 1s"' in page
    assert '<meta http-equiv="refresh"' in page
    assert 'value="40"' in page

    partial = client.get(status_url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and 'hx-trigger="every 1s"' in partial.content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.READY)
    done = client.get(status_url, HTTP_HX_REQUEST="true")
    assert done["HX-Redirect"] == reverse("intake:job", args=[job.pk])
    assert client.get(status_url).status_code == 303


def test_another_persons_import_is_not_found(scene: Any, tmp_path: Path) -> None:
    upload(signed_in(scene.focal_point), write_plan(tmp_path / "plan.csv", ROWS))
    job = ImportJob.objects.get()
    other = signed_in(scene.other_focal_point)
    assert other.get(reverse("intake:job", args=[job.pk])).status_code == 404
    assert other.post(reverse("intake:job_commit", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("name", ["truncated.docx", "encrypted.pdf", "bomb.xlsx", "lying.docx"])
def test_a_bad_file_shows_its_reason_and_writes_nothing(
    scene: Any, tmp_path: Path, name: str
) -> None:
    client = signed_in(scene.focal_point)
    build, _, words = BAD_FILES[name]
    before = ledger_counts()
    response = upload(client, build(tmp_path / name))
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED
    page = client.get(response["Location"]).content.decode()
    assert words in page
    assert ledger_counts() == before


def test_a_file_over_the_upload_limit_is_refused_on_the_form(
    scene: Any, tmp_path: Path, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    response = upload(signed_in(scene.focal_point), write_plan(tmp_path / "plan.csv", ROWS))
    assert response.status_code == 400
    assert "files up to" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_the_same_file_again_offers_only_a_new_version(scene: Any, tmp_path: Path) -> None:
    client = signed_in(scene.focal_point)
    path = write_plan(tmp_path / "plan.csv", ROWS)
    upload(client, path)
    first_job = ImportJob.objects.get()
    client.post(reverse("intake:job_commit", args=[first_job.pk]), {})
    upload(client, path)
    job = ImportJob.objects.exclude(pk=first_job.pk).get()
    page = client.get(reverse("intake:job", args=[job.pk])).content.decode()
    assert "This file was already imported as" in page and 'name="as_revision"' in page

    refused = client.post(reverse("intake:job_commit", args=[job.pk]), {})
    assert refused.status_code == 409
    response = client.post(reverse("intake:job_commit", args=[job.pk]), {"as_revision": "on"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.instrument is not None and job.instrument.version == 2


def test_a_revised_plan_is_chosen_from_a_select_of_latest_versions(
    scene: Any, tmp_path: Path
) -> None:
    client = signed_in(scene.focal_point)
    assert f'value="{scene.plan.slug}"' in client.get(UPLOAD).content.decode()
    upload(client, write_plan(tmp_path / "plan.csv", ROWS), revises=scene.plan.slug)
    job = ImportJob.objects.get()
    response = client.post(reverse("intake:job_commit", args=[job.pk]), {"adopt": "on"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.instrument.previous_version == scene.plan and job.instrument.version == 2
    scene.plan.refresh_from_db()
    assert scene.plan.status == "superseded"


def _preview_queries(client: Client, tmp_path: Path, rows: int, name: str) -> int:
    data = [(f"1.{i}", f"Action {i}", f"Indicator {i}", "0", "5", "MIA", "2025", "€100")
            for i in range(rows)]  # fmt: skip
    upload(client, write_plan(tmp_path / name, data, HEADER))
    job = ImportJob.objects.order_by("-pk").first()
    assert job is not None
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("intake:job", args=[job.pk])).status_code == 200
    return len(queries)


def test_the_preview_page_makes_as_many_queries_for_a_long_plan_as_for_a_short_one(
    scene: Any, tmp_path: Path
) -> None:
    client = signed_in(scene.focal_point)
    small = _preview_queries(client, tmp_path, 2, "small.csv")
    large = _preview_queries(client, tmp_path, 40, "large.csv")
    assert small == large


def test_the_background_reader_runs_in_a_thread_when_not_inline(
    scene: Any, tmp_path: Path, settings: Any
) -> None:
    # The thread starts when the surrounding transaction commits; in a test transaction that
    # never happens, so the job stays queued and the page shows progress.
    settings.INTAKE_RUN_INLINE = False
    client = signed_in(scene.focal_point)
    response = upload(client, write_plan(tmp_path / "plan.csv", ROWS))
    job = ImportJob.objects.get()
    assert job.status == JobStatus.QUEUED
    assert "hx-trigger" in client.get(response["Location"]).content.decode()
    services.job_run(job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.READY
