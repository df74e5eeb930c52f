"""The demo ledger of Veridia: complete enough to show every feature, fictional throughout."""

from __future__ import annotations

import re

import pycountry
import pytest
from django.db import transaction
from django.test import Client, override_settings

from wpsmonitor.commitments.models import (
    Commitment,
    IndicatorValue,
    Instrument,
    InstrumentKind,
    ProgressReport,
    ReportKind,
    ReportStatus,
    Sensitivity,
)
from wpsmonitor.commitments.queries import display_value, ratings_for
from wpsmonitor.core.models import Membership, Organisation, Role
from wpsmonitor.demo import veridia

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    """The demo is loaded once for this module, in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        with transaction.atomic():
            yield veridia.load()
            transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):  # noqa: ANN001, ANN201
    return demo_once


def test_the_plan_has_at_least_thirty_commitments_in_at_least_three_pillars(demo) -> None:
    commitments = Commitment.objects.filter(instrument=demo.plan)
    assert commitments.count() >= 30
    assert commitments.values("pillar").distinct().count() >= 3
    assert all(c.pillar_id and c.strength for c in commitments)
    assert {c.strength for c in commitments} >= {"weak"}


def test_everything_is_a_fictional_sample_of_veridia(demo) -> None:
    instruments = Instrument.objects.all()
    assert {i.country for i in instruments} == {"XV"}
    assert all(i.is_sample and "fictional sample" in i.title for i in instruments)
    assert set(Organisation.objects.values_list("country", flat=True)) == {"XV"}


def test_no_real_country_is_named_anywhere_in_the_demo(demo) -> None:
    texts = [c.text + " " + c.objective + " " + c.target for c in Commitment.objects.all()]
    texts += [o.name for o in Organisation.objects.all()]
    texts += [i.title + " " + i.summary for i in Instrument.objects.all()]
    blob = "\n".join(texts)
    names = {c.name for c in pycountry.countries} | {"Kosovo"}
    named = [n for n in names if re.search(rf"\b{re.escape(n)}\b", blob)]
    assert named == []


def test_the_plan_has_three_reporting_periods_with_published_self_and_shadow_reports(
    demo,
) -> None:
    assert [p.label for p in demo.periods] == ["2023", "2024", "2025"]
    for period in demo.periods:
        published = ProgressReport.objects.filter(period=period, status=ReportStatus.PUBLISHED)
        assert {r.kind for r in published} == {ReportKind.SELF, ReportKind.SHADOW}


def test_one_report_stays_a_draft(demo) -> None:
    drafts = ProgressReport.objects.filter(status=ReportStatus.DRAFT)
    assert drafts.count() == 1
    assert drafts.get().period == demo.periods[2]


def test_civil_society_rates_some_commitments_lower_than_the_government(demo) -> None:
    ids = list(demo.plan.commitments.values_list("pk", flat=True))
    ratings = ratings_for(ids)
    lower = [r for r in ratings.values() if r.shadow_lower]
    assert 0.1 * len(ids) <= len(lower) <= 0.6 * len(ids)


def test_a_confidential_count_below_five_is_suppressed_in_public(demo) -> None:
    values = IndicatorValue.objects.filter(
        indicator__sensitivity=Sensitivity.CONFIDENTIAL, value__lt=5, value__isnull=False
    ).select_related("indicator")
    assert values.exists()
    value = values.first()
    assert display_value(value.indicator, value.value, public=True) == "<5"


def test_the_indicators_cover_security_threats_and_a_missing_value_with_a_reason(demo) -> None:
    plan_values = IndicatorValue.objects.filter(report__period__instrument=demo.plan)
    assert plan_values.filter(indicator__is_security_threat=True).exists()
    assert plan_values.exclude(missing_reason="").exists()
    assert plan_values.filter(indicator__measure="percentage").exists()


def test_some_commitments_have_budget_lines_in_euro(demo) -> None:
    lines = [line for c in demo.plan.commitments.all() for line in c.budget_lines.all()]
    assert len(lines) >= 10
    assert {line.currency for line in lines} == {"EUR"}
    assert all(line.spent <= line.disbursed <= line.allocated for line in lines)


def test_the_network_meeting_recommendations_are_an_instrument_of_their_own(demo) -> None:
    assert demo.meeting.kind == InstrumentKind.MEETING_OUTCOME
    assert demo.meeting.commitments.count() == 8


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("admin", Role.ADMINISTRATOR),
        ("focal", Role.FOCAL_POINT),
        ("monitor", Role.CSO_MONITOR),
        ("viewer", Role.VIEWER),
    ],
)
def test_each_demo_user_logs_in_with_the_printed_password(demo, username: str, role: str) -> None:
    cred = next(c for c in demo.credentials if c.username == username)
    assert Client().login(username=username, password=cred.password)
    assert Membership.objects.filter(user__username=username, role=role).exists()


def test_the_administrator_is_a_superuser(demo) -> None:
    assert Membership.objects.get(role=Role.ADMINISTRATOR).user.is_superuser
