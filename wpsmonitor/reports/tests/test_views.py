from __future__ import annotations

import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wpsmonitor.reports.models import GeneratedReport, ScorecardSnapshot
from wpsmonitor.reports.services import generated_report_run, snapshot_publish
from wpsmonitor.testing import builders

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_the_scorecard_index_lists_every_scope(monitored, client):
    page = client.get("/reports/scorecards/").content.decode()
    assert f"/reports/scorecards/instrument/{monitored.plan.slug}/" in page
    assert "/reports/scorecards/pillar/participation/" in page
    assert "/reports/scorecards/country/XV/" in page


def test_a_scorecard_page_links_each_figure_to_the_records_it_counts(monitored, client):
    response = client.get(f"/reports/scorecards/instrument/{monitored.plan.slug}/?period=2024")
    assert response.status_code == 200
    page = response.content.decode()
    assert "figure=shadow_lower&amp;period=2024" in page
    records = client.get(
        f"/reports/scorecards/instrument/{monitored.plan.slug}/records/",
        {"figure": "shadow_lower", "period": "2024"},
    )
    assert records.status_code == 200
    text = records.content.decode()
    lower = [c for i, c in enumerate(monitored.commitments) if i % 4 in (1, 2)]
    for c in lower:
        assert f"/commitments/{c.pk}/" in text
    assert f"/commitments/{monitored.commitments[0].pk}/" not in text


def test_unknown_scopes_periods_and_figures_are_not_found(monitored, client):
    base = f"/reports/scorecards/instrument/{monitored.plan.slug}/"
    assert client.get("/reports/scorecards/instrument/nope/").status_code == 404
    assert client.get(base + "?period=1990").status_code == 404
    assert client.get(base + "records/?figure=nope").status_code == 404


def test_the_scorecard_json_is_the_computed_dataclass(monitored, client):
    data = client.get(
        f"/reports/scorecards/instrument/{monitored.plan.slug}/data.json?period=2024"
    ).json()
    assert data["total"]["value"] == 8
    assert data["method_version"]


def _page_queries(client, url: str) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_scorecard_page_queries_do_not_grow_with_data(scene, client):
    kw = dict(
        ministry=scene.ministry,
        cso=scene.cso,
        focal_point=scene.focal_point,
        monitor=scene.monitor,
        years=(2024,),
    )
    small = builders.MonitoredPlan(n_commitments=4, **kw).plan
    large = builders.MonitoredPlan(n_commitments=16, **kw).plan
    urls = [f"/reports/scorecards/instrument/{p.slug}/?period=2024" for p in (small, large)]
    assert _page_queries(client, urls[0]) == _page_queries(client, urls[1])


def test_only_administrators_see_and_use_the_publish_form(monitored, scene, administrator, client):
    url = f"/reports/scorecards/instrument/{monitored.plan.slug}/"
    client.force_login(scene.viewer)
    assert "/publish/" not in client.get(url).content.decode()
    assert client.post(url + "publish/", {"period": "2024"}).status_code == 403
    client.force_login(administrator)
    assert "/publish/" in client.get(url).content.decode()
    response = client.post(url + "publish/", {"period": "2024", "note": "Annual review"})
    snap = ScorecardSnapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/snapshots/{snap.pk}/")
    assert (snap.period, snap.note) == ("2024", "Annual review")


def test_the_snapshot_page_compares_published_with_live_figures(
    monitored, scene, administrator, client
):
    snap = snapshot_publish(
        scope="instrument", key=monitored.plan.slug, period="2024", by=administrator, today=TODAY
    )
    url = f"/reports/scorecards/instrument/{monitored.plan.slug}/snapshots/{snap.pk}/"
    assert "same as the published" in client.get(url).content.decode()
    builders.budget_line(
        monitored.commitments[3], fiscal_year=2024, allocated=500, disbursed=0, spent=0
    )
    page = client.get(url).content.decode()
    assert "Figures that changed" in page
    assert "Allocated (EUR)" in page
    assert "10000.00" in page and "10500.00" in page


def test_generating_a_shadow_report_needs_a_signed_in_user(monitored, client):
    response = client.get(f"/reports/instruments/{monitored.plan.slug}/shadow/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_shadow_form_offers_periods_and_prefills_recommendations(monitored, scene, client):
    client.force_login(scene.monitor)
    response = client.get(f"/reports/instruments/{monitored.plan.slug}/shadow/")
    assert response.status_code == 200
    form = response.context["form"]
    assert [label for _pk, label in form.fields["period"].choices] == ["2024", "2023"]
    assert "Strengthen the wording" in form.initial["recommendations"]


def test_a_shadow_report_is_generated_in_the_background_and_downloaded(monitored, scene, client):
    client.force_login(scene.monitor)
    period = monitored.periods[-1]
    response = client.post(
        f"/reports/instruments/{monitored.plan.slug}/shadow/",
        {
            "period": str(period.pk),
            "format": "docx",
            "language": "en",
            "recommendations": "Fund the shelters.\nPublish the budget.",
            "default_recommendations": "something else",
        },
    )
    job = GeneratedReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/generated/{job.pk}/"
    waiting = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in waiting
    assert 'hx-trigger="every 1s"' in waiting
    generated_report_run(job_id=job.pk, today=TODAY)
    fragment = client.get(f"/reports/generated/{job.pk}/progress/").content.decode()
    assert "hx-trigger" not in fragment
    assert f"/reports/generated/{job.pk}/download/" in fragment
    download = client.get(f"/reports/generated/{job.pk}/download/")
    assert download.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(download.streaming_content)))
    items = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert items == ["Fund the shelters.", "Publish the budget."]


def test_unchanged_recommendations_are_regenerated_in_the_report_language(monitored, scene, client):
    client.force_login(scene.monitor)
    client.post(
        f"/reports/instruments/{monitored.plan.slug}/shadow/",
        {
            "period": str(monitored.periods[0].pk),
            "format": "html",
            "language": "sq",
            "recommendations": "Same text",
            "default_recommendations": "Same text",
        },
    )
    job = GeneratedReport.objects.get()
    assert job.recommendations is None
    generated_report_run(job_id=job.pk, today=TODAY)
    job.refresh_from_db()
    assert job.state == "done" and job.progress == 100
    assert job.file.name.endswith(".html")


def test_a_generated_report_is_visible_only_to_whoever_asked(monitored, scene, client):
    client.force_login(scene.monitor)
    client.post(
        f"/reports/instruments/{monitored.plan.slug}/shadow/",
        {
            "period": str(monitored.periods[0].pk),
            "format": "pdf",
            "language": "en",
            "recommendations": "",
            "default_recommendations": "",
        },
    )
    job = GeneratedReport.objects.get()
    client.force_login(scene.outsider)
    assert client.get(f"/reports/generated/{job.pk}/").status_code == 404
    assert client.get(f"/reports/generated/{job.pk}/download/").status_code == 404


def test_a_failed_generation_says_why(monitored, scene, client, monkeypatch, tmp_path):
    from wpsmonitor.reports.render import pdf as pdf_writer

    monkeypatch.setattr(pdf_writer, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.delenv("WPS_FONT_DIR", raising=False)
    client.force_login(scene.monitor)
    client.post(
        f"/reports/instruments/{monitored.plan.slug}/shadow/",
        {
            "period": str(monitored.periods[0].pk),
            "format": "pdf",
            "language": "en",
            "recommendations": "",
            "default_recommendations": "",
        },
    )
    job = generated_report_run(job_id=GeneratedReport.objects.get().pk, today=TODAY)
    assert job.state == "failed"
    page = client.get(f"/reports/generated/{job.pk}/").content.decode()
    assert "fonts-dejavu-core" in page


def test_snapshot_and_records_pages_queries_do_not_grow_with_data(scene, client, administrator):
    kw = dict(
        ministry=scene.ministry,
        cso=scene.cso,
        focal_point=scene.focal_point,
        monitor=scene.monitor,
        years=(2024,),
    )
    counts = []
    for n in (4, 16):
        plan = builders.MonitoredPlan(n_commitments=n, **kw).plan
        snap = snapshot_publish(
            scope="instrument", key=plan.slug, period="2024", by=administrator, today=TODAY
        )
        base = f"/reports/scorecards/instrument/{plan.slug}/"
        counts.append(
            (
                _page_queries(client, f"{base}snapshots/{snap.pk}/"),
                _page_queries(client, f"{base}records/?figure=total&period=2024"),
            )
        )
    assert counts[0] == counts[1]


def test_the_shadow_form_queries_do_not_grow_with_data(scene, client):
    kw = dict(
        ministry=scene.ministry,
        cso=scene.cso,
        focal_point=scene.focal_point,
        monitor=scene.monitor,
        years=(2024,),
    )
    client.force_login(scene.monitor)
    counts = [
        _page_queries(
            client,
            f"/reports/instruments/{builders.MonitoredPlan(n_commitments=n, **kw).plan.slug}"
            "/shadow/",
        )
        for n in (4, 16)
    ]
    assert counts[0] == counts[1]
