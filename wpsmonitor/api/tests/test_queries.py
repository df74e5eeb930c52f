"""Every list and detail endpoint answers in a number of queries that does not grow with data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wpsmonitor.api.tokens import token_create
from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import ReportKind
from wpsmonitor.testing import builders

from .conftest import API

pytestmark = pytest.mark.django_db


def ledger(size: int) -> dict[str, Any]:
    """A plan with ``size`` commitments, each with an indicator, two partner organisations,
    published self and shadow reports with values, evidence and a reply."""
    scene = builders.Scene(n_commitments=1)
    plan = builders.instrument(issuer=scene.ministry, title=builders.unique("Plan"))
    partners = [builders.organisation() for _ in range(2)]
    commitments = [
        builders.commitment(
            plan,
            reference=f"{i}",
            deadline=dt.date(2024, 6, 30),
            lead=[scene.ministry],
            partners=partners,
        )
        for i in range(size)
    ]
    indicators = [builders.indicator(c) for c in commitments]
    builders.adopt(plan)
    statuses = dict.fromkeys(commitments, "limited")
    values = dict.fromkeys(indicators, 7)
    for year in (2023, 2024):
        period = builders.period(plan, year=year)
        builders.report(
            period,
            organisation_=scene.ministry,
            kind=ReportKind.SELF,
            by=scene.focal_point,
            statuses=statuses,
            values=values,
        )
        shadow = builders.report(
            period,
            organisation_=scene.cso,
            kind=ReportKind.SHADOW,
            by=scene.monitor,
            statuses=statuses,
            values=values,
        )
        for update in shadow.updates.all():
            services.evidence_add(
                update=update, title="Report", url="https://example.org/r", by=scene.monitor
            )
        for report in (shadow, *period.reports.exclude(pk=shadow.pk)):
            services.report_submit(report=report, by=report.created_by)
            services.report_publish(report=report, by=report.created_by)
        for c in commitments:
            services.reply_add(
                report=shadow,
                organisation=scene.ministry,
                text="Reply",
                commitment=c,
                by=scene.focal_point,
            )
    return {
        "scene": scene,
        "plan": plan,
        "commitment": commitments[0],
        "indicator": indicators[0],
        "shadow": shadow,
        "partner": partners[0],
    }


PATHS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("instruments", lambda d: "/instruments?limit=100"),
    ("instrument", lambda d: f"/instruments/{d['plan'].slug}"),
    ("commitments", lambda d: "/commitments?limit=100"),
    (
        "commitments filtered",
        lambda d: (
            "/commitments?limit=100&status=limited&disagree=false&overdue=true"
            f"&pillar=participation&organisation={d['partner'].slug}&country=XV&today=2025-01-01"
        ),
    ),
    ("commitment", lambda d: f"/commitments/{d['commitment'].pk}"),
    ("indicators", lambda d: "/indicators?limit=100"),
    ("indicator", lambda d: f"/indicators/{d['indicator'].pk}"),
    ("organisations", lambda d: "/organisations?limit=100"),
    ("organisation", lambda d: f"/organisations/{d['scene'].ministry.slug}"),
    ("periods", lambda d: "/periods?limit=100"),
    ("period", lambda d: f"/periods/{d['shadow'].period_id}"),
    ("reports", lambda d: "/reports?limit=100"),
    ("report", lambda d: f"/reports/{d['shadow'].pk}"),
]


def count_queries(path: str, headers: dict[str, str] | None = None) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{API}{path}", headers=headers or {})
    assert response.status_code == 200, (path, response.content)
    return len(captured)


def counts_for(data: dict[str, Any]) -> dict[str, int]:
    return {name: count_queries(path(data)) for name, path in PATHS}


def test_query_counts_do_not_grow_with_data() -> None:
    small = counts_for(ledger(3))
    data = ledger(30)
    large = counts_for(data)
    assert small == large
    filtered = dict(PATHS)["commitments filtered"](data)
    assert Client().get(f"{API}{filtered}").json()["count"] == 30
    assert max(small.values()) <= 12, small


def test_report_detail_for_a_token_holder_does_not_grow_with_data() -> None:
    counts = []
    for size in (3, 30):
        data = ledger(size)
        raw = token_create(user=data["scene"].monitor).raw
        counts.append(
            count_queries(f"/reports/{data['shadow'].pk}", {"Authorization": f"Bearer {raw}"})
        )
    assert counts[0] == counts[1]
