from __future__ import annotations

import io

import docx
import pdfplumber
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wpsmonitor.reports.render import render
from wpsmonitor.reports.shadow import (
    ReportError,
    build_shadow_report,
    find_instrument,
    find_period,
    parse_recommendations,
)
from wpsmonitor.testing import builders

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def report_of(monitored, **kw):  # noqa: ANN001, ANN003, ANN201
    period = find_period(monitored.plan, "2024")
    return build_shadow_report(monitored.plan, period, today=TODAY, **kw)


def test_the_report_holds_both_ratings_and_marks_disagreement(monitored):
    report = report_of(monitored)
    entries = {e.ref: e for e in report.commitments()}
    second = entries[monitored.commitments[1].reference]
    assert (second.self_status, second.shadow_status) == ("substantial", "limited")
    assert second.disagree and second.shadow_lower
    assert second.shadow_narrative.startswith("Network findings")
    assert second.replies == [
        f"Ministry of Internal Affairs: The Ministry disputes the rating of {second.ref}."
    ]
    first = entries[monitored.commitments[0].reference]
    assert first.evidence[0].url == "https://example.org/lists"
    assert not first.disagree


def test_pillars_follow_the_standard_order(monitored):
    assert [p.name for p in report_of(monitored).pillars] == [
        "Participation",
        "Prevention",
        "Protection",
        "Relief and recovery",
    ]


def test_default_recommendations_name_weak_overdue_and_disputed_commitments(monitored):
    recs = report_of(monitored).recommendations
    weak = [c.reference for i, c in enumerate(monitored.commitments) if i % 4 in (1, 3)]
    assert any("Strengthen the wording" in r and all(ref in r for ref in weak) for r in recs)
    assert any("overdue" in r for r in recs)
    assert any("civil society rates progress lower" in r for r in recs)


def test_edited_recommendations_replace_the_generated_ones(monitored):
    report = report_of(monitored, recommendations=["Fund the shelters."])
    assert report.recommendations == ["Fund the shelters."]


def test_recommendations_file_lines_become_items():
    text = "1. Fund the shelters.\n\n- Publish the budget\n  * Train judges\n"
    assert parse_recommendations(text) == [
        "Fund the shelters.",
        "Publish the budget",
        "Train judges",
    ]


def test_only_public_evidence_and_public_indicators_reach_the_report(monitored):
    report = build_shadow_report(monitored.plan, find_period(monitored.plan, "2023"), today=TODAY)
    definitions = [i.definition for i in report.scorecard.indicators]
    assert monitored.restricted_indicator.definition not in definitions
    secret = next(
        i
        for i in report.scorecard.indicators
        if i.indicator_id == monitored.confidential_indicator.pk
    )
    assert secret.self_value == "<5"


def test_the_docx_matches_the_ledger(monitored):
    report = report_of(monitored)
    document = docx.Document(io.BytesIO(render(report, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == f"Shadow report: {monitored.plan.title}, 2024"
    assert {
        "Summary",
        "Scorecard",
        "Commitments by pillar",
        "Wording analysis",
        "Recommendations",
        "Method and sources",
    } <= set(headings)
    key_figures = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows[1:]}
    assert key_figures["Commitments"] == "8"
    assert key_figures["Civil society rates lower than the government"] == str(
        report.scorecard.shadow_lower.value
    )
    ratings = {
        row.cells[0].text: (row.cells[4].text, row.cells[5].text)
        for table in document.tables
        if len(table.columns) == 7 and table.rows[0].cells[0].text == "Ref."
        for row in table.rows[1:]
    }
    assert ratings[monitored.commitments[1].reference] == ("Substantial", "Limited")
    assert len(ratings) == 8


def test_the_pdf_text_matches_the_ledger(monitored):
    content = render(report_of(monitored), "pdf")
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert monitored.plan.title in text
    assert "Network findings on 1.1: ë ç š." in text
    assert "Training attendance lists" in text


def test_the_report_in_albanian_translates_the_fixed_text(monitored):
    report = report_of(monitored, language="sq")
    html = render(report, "html").decode()
    assert 'lang="sq"' in html
    assert "<h2>Rekomandimet</h2>" in html
    assert "<h2>Recommendations</h2>" not in html


def test_building_the_report_takes_the_same_queries_for_more_commitments(scene):
    kw = dict(
        ministry=scene.ministry,
        cso=scene.cso,
        focal_point=scene.focal_point,
        monitor=scene.monitor,
        years=(2024,),
    )
    counts = []
    for n in (4, 12):
        plan = builders.MonitoredPlan(n_commitments=n, **kw).plan
        period = find_period(plan, None)
        with CaptureQueriesContext(connection) as ctx:
            build_shadow_report(plan, period, today=TODAY)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_clear_errors_for_unknown_instruments_and_periods(scene):
    with pytest.raises(ReportError, match="No adopted instrument"):
        find_instrument("no-such-plan")
    with pytest.raises(ReportError, match="no published reports"):
        find_period(scene.plan, None)
    scene.self_report({scene.commitments[0]: "complete"}, publish=True)
    assert find_period(scene.plan, None) == scene.period
    with pytest.raises(ReportError, match="no reporting period"):
        find_period(scene.plan, "1999")
    assert find_instrument(str(scene.plan.pk)) == scene.plan
