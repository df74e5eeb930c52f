"""Signing in, the dashboard, filling in reports and the right of reply."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import (
    Evidence,
    IndicatorValue,
    ProgressReport,
    ProgressUpdate,
    Reply,
    ReportKind,
    ReportStatus,
)
from wpsmonitor.core.models import HistoryEntry


def html(response) -> str:  # noqa: ANN001
    return response.content.decode()


def save_url(report: ProgressReport, commitment) -> str:  # noqa: ANN001
    return reverse("update_save", args=[report.pk, commitment.pk])


def test_signing_in_leads_to_the_dashboard(client, scene):
    response = client.post(
        reverse("login"), {"username": scene.focal_point.username, "password": "demo-pass-2026"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_the_login_page_labels_its_inputs(client, db):
    page = html(client.get(reverse("login")))

    assert '<label for="id_username">' in page and '<label for="id_password">' in page


def test_the_dashboard_needs_a_signed_in_user(client, db):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_dashboard_lists_organisations_roles_and_reports_to_start(client, scene):
    client.force_login(scene.focal_point)

    page = html(client.get(reverse("dashboard")))

    assert "Ministry of Internal Affairs" in page and "Focal point" in page
    assert "Start the self-assessment" in page
    assert "Shadow" not in page.split("Start a report")[1].split("</section>")[0]


def test_the_dashboard_offers_a_monitor_the_shadow_report(client, scene):
    client.force_login(scene.monitor)

    page = html(client.get(reverse("dashboard")))

    assert "Start the shadow report" in page
    assert "Start the self-assessment" not in page


def test_a_focal_point_starts_a_self_report_and_lands_in_it(client, scene):
    client.force_login(scene.focal_point)

    response = client.post(
        reverse("report_start"),
        {"period": scene.period.pk, "organisation": scene.ministry.pk, "kind": "self"},
    )

    report = ProgressReport.objects.get()
    assert (report.kind, report.status, report.organisation) == ("self", "draft", scene.ministry)
    assert response["Location"] == reverse("report", args=[report.pk])
    assert "Open reports" in html(client.get(reverse("dashboard")))


def test_a_monitor_cannot_start_a_self_report_for_a_ministry(client, scene):
    client.force_login(scene.monitor)

    response = client.post(
        reverse("report_start"),
        {"period": scene.period.pk, "organisation": scene.ministry.pk, "kind": "self"},
    )

    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_a_monitor_cannot_open_a_self_report(client, scene):
    report = scene.self_report()
    client.force_login(scene.monitor)

    assert client.get(reverse("report", args=[report.pk])).status_code == 403


def test_a_focal_point_of_another_ministry_gets_403(client, scene):
    report = scene.self_report()
    client.force_login(scene.other_focal_point)

    assert client.get(reverse("report", args=[report.pk])).status_code == 403
    response = client.post(
        save_url(report, scene.commitments[0]), {f"c{scene.commitments[0].pk}-status": "complete"}
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_a_viewer_of_the_ministry_cannot_write_its_report(client, scene):
    report = scene.self_report()
    client.force_login(scene.viewer)

    assert client.get(reverse("report", args=[report.pk])).status_code == 403


def test_the_workspace_has_a_labelled_form_per_commitment(client, scene):
    report = scene.self_report()
    client.force_login(scene.focal_point)

    page = html(client.get(reverse("report", args=[report.pk])))

    for c in scene.commitments:
        assert f'id="c-{c.pk}"' in page
        assert f'<label for="id_c{c.pk}-status">' in page
    assert f'<label for="id_c{scene.commitments[0].pk}-ind_{scene.indicator.pk}">' in page
    assert 'enctype="multipart/form-data"' in page


def test_saving_a_commitment_records_status_value_and_evidence(client, scene):
    report = scene.self_report()
    first = scene.commitments[0]
    client.force_login(scene.focal_point)
    prefix = f"c{first.pk}"

    response = client.post(
        save_url(report, first),
        {
            f"{prefix}-status": "substantial",
            f"{prefix}-narrative": "Focal points appointed in 30 of 38 municipalities.",
            f"{prefix}-challenges": "Turnover.",
            f"{prefix}-ind_{scene.indicator.pk}": "42",
            f"{prefix}-evidence_title": "Appointment decisions",
            f"{prefix}-evidence_file": SimpleUploadedFile("decisions.txt", b"decisions"),
            f"{prefix}-evidence_sensitivity": "public",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#c-{first.pk}")
    update = ProgressUpdate.objects.get(report=report, commitment=first)
    assert update.status == "substantial" and update.challenges == "Turnover."
    assert IndicatorValue.objects.get(report=report).value == Decimal(42)
    evidence = Evidence.objects.get()
    assert evidence.title == "Appointment decisions" and evidence.size == 9
    assert HistoryEntry.objects.filter(model="commitments.progressupdate").exists()


def test_an_htmx_save_returns_only_the_commitment_form(client, scene):
    report = scene.self_report()
    first = scene.commitments[0]
    client.force_login(scene.focal_point)

    response = client.post(
        save_url(report, first),
        {f"c{first.pk}-status": "limited"},
        headers={"HX-Request": "true"},
    )

    page = html(response)
    assert response.status_code == 200
    assert page.lstrip().startswith("<form")
    assert "Saved." in page


def test_a_refused_value_is_shown_next_to_its_field_and_the_typing_is_kept(client, scene):
    plan_indicator = scene.indicator
    report = scene.self_report()
    first = scene.commitments[0]
    client.force_login(scene.focal_point)
    prefix = f"c{first.pk}"

    response = client.post(
        save_url(report, first),
        {
            f"{prefix}-status": "complete",
            f"{prefix}-narrative": "A narrative I typed carefully.",
            f"{prefix}-ind_{plan_indicator.pk}": "-4",
        },
    )

    page = html(response)
    assert response.status_code == 400
    assert "A count cannot be negative." in page
    field_html = page.split(f'id="id_{prefix}-ind_{plan_indicator.pk}"')[1]
    assert field_html.index("A count cannot be negative.") < field_html.index("</div>")
    assert "A narrative I typed carefully." in page
    assert 'value="-4"' in page
    assert not ProgressUpdate.objects.exists()  # nothing half-saved


def test_a_missing_status_is_refused_with_the_form_kept(client, scene):
    report = scene.self_report()
    first = scene.commitments[0]
    client.force_login(scene.focal_point)

    response = client.post(
        save_url(report, first),
        {f"c{first.pk}-narrative": "Typed."},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 400
    assert "This field is required." in html(response) and "Typed." in html(response)


def test_evidence_without_file_or_link_is_refused_next_to_the_file_field(client, scene):
    report = scene.self_report()
    first = scene.commitments[0]
    client.force_login(scene.focal_point)
    prefix = f"c{first.pk}"

    response = client.post(
        save_url(report, first),
        {f"{prefix}-status": "limited", f"{prefix}-evidence_title": "A title alone"},
    )

    page = html(response)
    assert response.status_code == 400
    assert f'id="id_c{first.pk}-evidence_file_error"' in page
    assert "Attach a file or give a link." in page


def test_a_locked_period_says_so_and_refuses_saves_with_409(client, scene):
    report = scene.self_report()
    services.period_lock(period=scene.period, by=scene.focal_point)
    client.force_login(scene.focal_point)
    first = scene.commitments[0]

    page = html(client.get(reverse("report", args=[report.pk])))
    response = client.post(save_url(report, first), {f"c{first.pk}-status": "complete"})

    assert "is locked: nothing in it can change" in page
    assert "<fieldset disabled>" in page
    assert response.status_code == 409
    assert "locked" in html(response)


def test_a_focal_point_submits_and_publishes_the_report(client, scene):
    report = scene.self_report(statuses={scene.commitments[0]: "complete"})
    client.force_login(scene.focal_point)

    client.post(reverse("report_action", args=[report.pk, "submit"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    client.post(reverse("report_action", args=[report.pk, "publish"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED

    public = html(client.get(reverse("commitment", args=[scene.commitments[0].pk])))
    assert "status-complete" in public


def test_submitting_an_empty_report_is_refused(client, scene):
    report = scene.self_report()
    client.force_login(scene.focal_point)

    response = client.post(reverse("report_action", args=[report.pk, "submit"]))

    assert response.status_code == 400
    assert "needs at least one commitment" in html(response)


def test_publishing_a_draft_is_refused_with_409(client, scene):
    report = scene.self_report(statuses={scene.commitments[0]: "complete"})
    client.force_login(scene.focal_point)

    response = client.post(reverse("report_action", args=[report.pk, "publish"]))

    assert response.status_code == 409


def test_a_monitor_files_a_shadow_report_through_the_pages(client, scene):
    client.force_login(scene.monitor)
    client.post(
        reverse("report_start"),
        {"period": scene.period.pk, "organisation": scene.cso.pk, "kind": "shadow"},
    )
    report = ProgressReport.objects.get(kind=ReportKind.SHADOW)
    first = scene.commitments[0]

    client.post(save_url(report, first), {f"c{first.pk}-status": "not_started"})
    client.post(reverse("report_action", args=[report.pk, "submit"]))
    client.post(reverse("report_action", args=[report.pk, "publish"]))

    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.updates.get().status == "not_started"


def test_a_government_focal_point_replies_to_a_published_shadow_report(client, scene):
    first = scene.commitments[0]
    shadow = scene.shadow_report(statuses={first: "limited"}, publish=True)
    client.force_login(scene.focal_point)

    form = client.get(reverse("reply", args=[shadow.pk]) + f"?commitment={first.pk}")
    response = client.post(
        reverse("reply", args=[shadow.pk]),
        {"commitment": first.pk, "organisation": scene.ministry.pk, "text": "We disagree."},
    )

    assert form.status_code == 200 and '<label for="id_text">' in html(form)
    assert response["Location"] == reverse("commitment", args=[first.pk])
    assert Reply.objects.get().text == "We disagree."
    assert "We disagree." in html(client.get(reverse("commitment", args=[first.pk])))


def test_a_monitor_cannot_reply_to_a_shadow_report(client, scene):
    shadow = scene.shadow_report(statuses={scene.commitments[0]: "limited"}, publish=True)
    client.force_login(scene.monitor)

    assert client.get(reverse("reply", args=[shadow.pk])).status_code == 403


def test_an_empty_reply_is_refused_next_to_the_text(client, scene):
    shadow = scene.shadow_report(statuses={scene.commitments[0]: "limited"}, publish=True)
    client.force_login(scene.focal_point)

    response = client.post(
        reverse("reply", args=[shadow.pk]), {"organisation": scene.ministry.pk, "text": ""}
    )

    assert response.status_code == 400
    assert "This field is required." in html(response)


def test_the_language_switcher_sets_the_language(client, db):
    response = client.post(reverse("set_language"), {"language": "sq", "next": "/"})

    assert response.status_code == 302
    assert client.cookies["django_language"].value == "sq"


def test_password_change_page_renders(client, scene):
    client.force_login(scene.focal_point)

    response = client.get(reverse("password_change"))

    assert response.status_code == 200
    assert '<label for="id_old_password">' in html(response)
