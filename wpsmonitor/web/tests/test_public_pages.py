"""The public pages: what a visitor without an account sees."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import Sensitivity
from wpsmonitor.testing import builders as b


def html(response) -> str:  # noqa: ANN001
    return response.content.decode()


def test_home_lists_instruments_by_country_with_headline_figures(client, scene):
    scene.self_report(statuses={scene.commitments[0]: "complete"}, publish=True)
    scene.shadow_report(statuses={scene.commitments[0]: "limited"}, publish=True)
    kosovo = b.organisation("Kosovo Agency for Gender Equality", country="XK")
    plan = b.instrument(issuer=kosovo, title="Kosovo Action Plan on 1325")
    b.commitment(plan, reference="A.1")
    b.adopt(plan)

    response = client.get(reverse("home"))

    page = html(response)
    assert response.status_code == 200
    assert "Veridia (fictional sample)" in page
    assert "Kosovo" in page
    assert scene.plan.title in page and "Kosovo Action Plan on 1325" in page
    figures = response.context["page"].headline
    assert figures.commitments == 4
    assert figures.complete == 1
    assert figures.disagreements == 1
    assert figures.share_complete == 25


def test_home_does_not_list_draft_instruments(client, scene):
    draft = b.instrument(issuer=scene.ministry, title="A plan still being drafted")

    page = html(client.get(reverse("home")))

    assert draft.title not in page


def test_instrument_page_shows_self_and_shadow_ratings_side_by_side_with_a_mark(client, scene):
    first, second = scene.commitments[:2]
    scene.self_report(statuses={first: "complete", second: "limited"}, publish=True)
    scene.shadow_report(statuses={first: "limited", second: "limited"}, publish=True)

    response = client.get(reverse("instrument", args=[scene.plan.slug]))

    page = html(response)
    assert response.status_code == 200
    assert page.count('class="mark disagree"') == 1
    assert "Government and civil society disagree" in page
    assert "≠" in page
    rows = [r for g in response.context["page"].groups for r in g.rows]
    assert [r.ratings.disagree for r in rows] == [True, False, False]
    assert "Strength of the wording" in page
    assert 'role="img"' in page


def test_instrument_page_marks_overdue_commitments(client, scene):
    page = html(client.get(reverse("instrument", args=[scene.plan.slug])))

    assert page.count('class="mark overdue"') == 3


def test_anonymous_visitors_see_no_draft_or_submitted_rating(client, scene):
    scene.self_report(statuses={scene.commitments[0]: "complete"})
    submitted = scene.shadow_report(statuses={scene.commitments[0]: "not_started"})
    services.report_submit(report=submitted, by=scene.monitor)

    instrument_page = html(client.get(reverse("instrument", args=[scene.plan.slug])))
    commitment_page = html(client.get(reverse("commitment", args=[scene.commitments[0].pk])))

    for page in (instrument_page, commitment_page):
        assert "status-complete" not in page
        assert "status-not_started" not in page
        assert "self assessment of" not in page
    assert "No rating has been published for this commitment yet." in commitment_page


def test_a_draft_instrument_is_not_found_by_the_public(client, scene):
    draft = b.instrument(issuer=scene.ministry, title="Draft plan")

    assert client.get(reverse("instrument", args=[draft.slug])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["1.1", "2.1", "3.1"]),
        ("?disagree=on", ["1.1"]),
        ("?status=limited", ["1.1", "2.1"]),
        ("?status=complete", ["1.1"]),
        ("?sort=gap", ["1.1", "2.1", "3.1"]),
        ("?pillar=prevention", []),
        ("?overdue=on&status=substantial", []),
    ],
)
def test_the_commitment_list_is_filtered_by_a_get_form(client, scene, query, expected):
    first, second = scene.commitments[:2]
    scene.self_report(statuses={first: "complete", second: "limited"}, publish=True)
    scene.shadow_report(statuses={first: "limited", second: "limited"}, publish=True)

    response = client.get(reverse("instrument", args=[scene.plan.slug]) + query)

    shown = [r.commitment.reference for g in response.context["page"].groups for r in g.rows]
    assert shown == expected


def test_an_htmx_filter_request_receives_only_the_list(client, scene):
    response = client.get(
        reverse("instrument", args=[scene.plan.slug]) + "?status=complete",
        headers={"HX-Request": "true", "HX-Target": "commitment-list"},
    )

    page = html(response)
    assert page.startswith('<div id="commitment-list"')
    assert "<html" not in page
    assert "No commitment matches these filters." in page


def test_commitment_page_shows_text_owners_assessment_history_and_evidence(client, scene):
    first = scene.commitments[0]
    report = scene.self_report(statuses={first: "substantial"})
    update = report.updates.get()
    services.evidence_add(
        update=update, title="Public decision", url="https://example.org/d", by=scene.focal_point
    )
    services.evidence_add(
        update=update,
        title="Internal memo",
        url="https://example.org/m",
        sensitivity=Sensitivity.RESTRICTED,
        by=scene.focal_point,
    )
    services.report_submit(report=report, by=scene.focal_point)
    services.report_publish(report=report, by=scene.focal_point)
    shadow = scene.shadow_report(statuses={first: "limited"}, publish=True)
    services.reply_add(
        report=shadow,
        organisation=scene.ministry,
        commitment=first,
        text="The appointments were made in March.",
        by=scene.focal_point,
    )

    response = client.get(reverse("commitment", args=[first.pk]))

    page = html(response)
    assert response.status_code == 200
    assert "gender focal point in every municipality" in page
    assert "Ministry of Internal Affairs" in page
    assert "Assessed strength" in page
    assert "Public decision" in page
    assert "Internal memo" not in page
    assert "The appointments were made in March." in page
    assert "self assessment of 1.1" in page and "shadow assessment of 1.1" in page
    assert 'class="mark disagree"' in page


def test_members_of_an_organisation_see_restricted_evidence(client, scene):
    first = scene.commitments[0]
    report = scene.self_report(statuses={first: "substantial"})
    services.evidence_add(
        update=report.updates.get(),
        title="Internal memo",
        url="https://example.org/m",
        sensitivity=Sensitivity.RESTRICTED,
        by=scene.focal_point,
    )
    services.report_submit(report=report, by=scene.focal_point)
    services.report_publish(report=report, by=scene.focal_point)
    client.force_login(scene.monitor)

    page = html(client.get(reverse("commitment", args=[first.pk])))

    assert "Internal memo" in page


def test_the_commitment_page_shows_a_wording_assessment_of_any_shape(client, scene):
    from wpsmonitor.commitments.models import Commitment

    first = scene.commitments[0]
    Commitment.objects.filter(pk=first.pk).update(
        assessment={
            "explanation": "No deadline.",
            "missing": ["deadline", {"element": "budget"}],
            "suggestions": [{"text": "Add a date."}],
            "elements": {"actor": "Ministry"},
        },
        strength="weak",
    )

    page = html(client.get(reverse("commitment", args=[first.pk])))

    assert "No deadline." in page
    assert "budget" in page and "Add a date." in page and "actor: Ministry" in page


def test_confidential_small_counts_are_shown_as_less_than_five(client, scene):
    plan = b.instrument(issuer=scene.ministry, title="Survivors plan")
    commitment = b.commitment(plan, reference="S.1")
    period = b.period(plan, year=2024)
    indicator = b.indicator(
        commitment,
        definition="Survivors granted status",
        sensitivity=Sensitivity.CONFIDENTIAL,
        target=Decimal(40),
    )
    b.adopt(plan)
    b.report(
        period,
        organisation_=scene.ministry,
        kind="self",
        by=scene.focal_point,
        statuses={commitment: "limited"},
        values={indicator: Decimal(3)},
        publish=True,
    )

    commitment_page = html(client.get(reverse("commitment", args=[commitment.pk])))
    instrument_page = html(client.get(reverse("instrument", args=[plan.slug])))

    for page in (commitment_page, instrument_page):
        assert "&lt;5" in page
        assert ">3<" not in page


def test_organisation_page_shows_its_record_and_where_civil_society_rates_it_lower(client, scene):
    first, second = scene.commitments[:2]
    scene.self_report(statuses={first: "complete", second: "limited"}, publish=True)
    scene.shadow_report(statuses={first: "limited", second: "limited"}, publish=True)

    response = client.get(reverse("organisation", args=[scene.ministry.slug]))

    page = response.context["page"]
    assert response.status_code == 200
    counts = {t.key: t.count for t in page.self_counts}
    assert counts["complete"] == 1 and counts["limited"] == 1 and counts["no_evidence"] == 1
    assert [r.commitment.pk for r in page.rated_lower] == [first.pk]
    assert len(page.overdue) == 2
    assert "Accountability record" in html(response)
    assert "Where civil society rates it lower than it rates itself" in html(response)


def test_indicator_series_is_drawn_with_targets_and_listed_in_a_table(client, scene):
    indicator = scene.indicator
    b.report(
        scene.period,
        organisation_=scene.ministry,
        kind="self",
        by=scene.focal_point,
        statuses={scene.commitments[0]: "limited"},
        values={indicator: Decimal(12)},
        publish=True,
    )

    page = html(client.get(reverse("commitment", args=[scene.commitments[0].pk])))

    assert 'class="chart chart-series"' in page
    assert "<caption>" in page and ">12<" in page


def test_budget_allocated_and_disbursed_are_shown(client, scene):
    services.budget_line_set(
        commitment=scene.commitments[0],
        fiscal_year=2024,
        allocated=Decimal("120000"),
        disbursed=Decimal("30000"),
        by=b.system_user(),
    )

    instrument_page = html(client.get(reverse("instrument", args=[scene.plan.slug])))
    commitment_page = html(client.get(reverse("commitment", args=[scene.commitments[0].pk])))

    assert "25 %" in instrument_page
    assert "120,000" in commitment_page or "120000" in commitment_page


def test_public_evidence_can_be_downloaded_but_restricted_evidence_cannot(client, scene):
    report = scene.self_report(statuses={scene.commitments[0]: "limited"})
    update = report.updates.get()
    public = services.evidence_add(
        update=update, title="Decision", url="https://example.org/a", by=scene.focal_point
    )
    restricted = services.evidence_add(
        update=update,
        title="Memo",
        url="https://example.org/b",
        sensitivity=Sensitivity.RESTRICTED,
        by=scene.focal_point,
    )
    assert client.get(reverse("evidence", args=[public.pk])).status_code == 404  # still a draft
    services.report_submit(report=report, by=scene.focal_point)
    services.report_publish(report=report, by=scene.focal_point)

    assert client.get(reverse("evidence", args=[public.pk])).status_code == 302
    assert client.get(reverse("evidence", args=[restricted.pk])).status_code == 404


def test_pages_render_in_albanian_and_serbian(client, scene):
    for code, word in (("sq", "Angazhime"), ("sr-latn", "Obaveze")):
        client.cookies["django_language"] = code
        page = html(client.get(reverse("instrument", args=[scene.plan.slug])))
        assert f'<html lang="{code}">' in page
        assert word in page


@pytest.mark.parametrize(
    ("code", "date", "amount"),
    [
        ("en", "June 30, 2024", "120,000.00"),
        ("sq", "30 Qershor 2024", "120000,00"),
        ("sr-latn", "30. jun 2024.", "120.000,00"),
    ],
)
def test_dates_and_numbers_are_formatted_in_the_reader_language(client, scene, code, date, amount):
    services.budget_line_set(
        commitment=scene.commitments[0],
        fiscal_year=2024,
        allocated=Decimal("120000"),
        by=b.system_user(),
    )
    client.cookies["django_language"] = code

    page = html(client.get(reverse("commitment", args=[scene.commitments[0].pk])))

    assert date in page
    assert amount in page
