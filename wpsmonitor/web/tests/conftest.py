"""A ledger whose size is a parameter, for the pages' query-count tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import (
    Commitment,
    Indicator,
    Instrument,
    ReportKind,
    Sensitivity,
)
from wpsmonitor.core.models import Organisation, OrganisationKind, Role
from wpsmonitor.testing import builders as b

PILLARS = ["participation", "prevention", "protection", "relief-recovery"]


@dataclass
class Ledger:
    plan: Instrument
    ministry: Organisation
    partner: Organisation
    cso: Organisation
    focal_point: Any
    monitor: Any
    commitments: list[Commitment]
    indicators: list[Indicator]


def build_ledger(size: int) -> Ledger:
    """An adopted plan with ``size`` commitments, ``size`` periods of published self and shadow
    reports (with values, evidence and replies), budget lines, and a confidential indicator."""
    ministry = b.organisation(b.unique("Ministry of Justice"))
    partner = b.organisation(b.unique("Police Directorate"))
    cso = b.organisation(b.unique("Women's Network"), kind=OrganisationKind.CSO_NETWORK)
    focal_point = b.person(organisation=ministry, role=Role.FOCAL_POINT)
    monitor = b.person(organisation=cso, role=Role.CSO_MONITOR)
    plan = b.instrument(issuer=ministry, title=b.unique("Plan"))
    periods = [b.period(plan, year=2020 + i) for i in range(size)]
    commitments = [
        b.commitment(
            plan,
            reference=f"{i + 1}.1",
            deadline=dt.date(2021, 6, 30),
            lead=[ministry],
            partners=[partner],
            pillar_key=PILLARS[i % 4],
        )
        for i in range(size)
    ]
    indicators = []
    for i, c in enumerate(commitments):
        for j in range(size):
            indicators.append(
                b.indicator(
                    c,
                    code=f"I{i}.{j}",
                    target=Decimal(50),
                    baseline=Decimal(3),
                    sensitivity=Sensitivity.CONFIDENTIAL if j == 0 else Sensitivity.PUBLIC,
                    targets={p: Decimal(10 + k) for k, p in enumerate(periods)},
                )
            )
        for year in range(size):
            services.budget_line_set(
                commitment=c,
                fiscal_year=2020 + year,
                by=b.system_user(),
                allocated=Decimal(1000),
                disbursed=Decimal(400),
            )
    b.adopt(plan)
    for k, period in enumerate(periods):
        for org, kind, who, status in (
            (ministry, ReportKind.SELF, focal_point, "complete"),
            (cso, ReportKind.SHADOW, monitor, "limited"),
        ):
            rep = services.report_create(period=period, organisation=org, kind=kind, by=who)
            for c in commitments:
                update = services.update_record(
                    report=rep, commitment=c, status=status, narrative=f"{kind} {k}", by=who
                )
                for e in range(size):
                    services.evidence_add(
                        update=update,
                        title=f"Evidence {e}",
                        url=f"https://example.org/{e}",
                        by=who,
                    )
            for ind in indicators:
                services.value_record(report=rep, indicator=ind, value=Decimal(k + 2), by=who)
            services.report_submit(report=rep, by=who)
            services.report_publish(report=rep, by=who)
            if kind == ReportKind.SHADOW:
                for c in commitments:
                    services.reply_add(
                        report=rep,
                        organisation=ministry,
                        text="We disagree.",
                        commitment=c,
                        by=focal_point,
                    )
    return Ledger(plan, ministry, partner, cso, focal_point, monitor, commitments, indicators)


@pytest.fixture
def ledger(db: None) -> Callable[[int], Ledger]:
    return build_ledger
