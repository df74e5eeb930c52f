"""Every page answers in a number of queries that does not grow with the data."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wpsmonitor.commitments.models import ProgressReport, ReportKind


def queries_for(client, url: str) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def at_two_sizes(ledger: Callable, client, url_of: Callable) -> tuple[int, int]:  # noqa: ANN001
    small = ledger(2)
    large = ledger(4)
    return queries_for(client, url_of(small)), queries_for(client, url_of(large))


def test_home_query_count_does_not_grow(client, ledger):
    ledger(2)
    small = queries_for(client, reverse("home"))
    ledger(4)
    large = queries_for(client, reverse("home"))

    assert small == large


def test_instrument_page_query_count_does_not_grow(client, ledger):
    small, large = at_two_sizes(
        ledger, client, lambda led: reverse("instrument", args=[led.plan.slug])
    )

    assert small == large


def test_filtered_instrument_page_query_count_does_not_grow(client, ledger):
    small, large = at_two_sizes(
        ledger,
        client,
        lambda led: reverse("instrument", args=[led.plan.slug]) + "?disagree=on&sort=gap",
    )

    assert small == large


def test_commitment_page_query_count_does_not_grow(client, ledger):
    small, large = at_two_sizes(
        ledger, client, lambda led: reverse("commitment", args=[led.commitments[0].pk])
    )

    assert small == large


def test_commitment_page_query_count_does_not_grow_for_a_signed_in_member(client, ledger):
    small_ledger, large_ledger = ledger(2), ledger(4)
    client.force_login(small_ledger.focal_point)
    small = queries_for(client, reverse("commitment", args=[small_ledger.commitments[0].pk]))
    client.force_login(large_ledger.focal_point)
    large = queries_for(client, reverse("commitment", args=[large_ledger.commitments[0].pk]))

    assert small == large


def test_organisation_page_query_count_does_not_grow(client, ledger):
    small, large = at_two_sizes(
        ledger, client, lambda led: reverse("organisation", args=[led.ministry.slug])
    )

    assert small == large


def test_dashboard_query_count_does_not_grow(client, ledger):
    small_ledger, large_ledger = ledger(2), ledger(4)
    client.force_login(small_ledger.focal_point)
    small = queries_for(client, reverse("dashboard"))
    client.force_login(large_ledger.focal_point)
    large = queries_for(client, reverse("dashboard"))

    assert small == large


def test_report_workspace_query_count_does_not_grow(client, ledger):
    counts = []
    for size in (2, 4):
        built = ledger(size)
        report = ProgressReport.objects.get(
            organisation=built.ministry, kind=ReportKind.SELF, period__label="2020"
        )
        client.force_login(built.focal_point)
        counts.append(queries_for(client, reverse("report", args=[report.pk])))

    assert counts[0] == counts[1]
