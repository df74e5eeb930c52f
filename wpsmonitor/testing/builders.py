"""Builders shared by the tests and the demo data: each goes through the services, so what they
build obeys the same rules and leaves the same history as what people enter."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import (
    Commitment,
    Indicator,
    Instrument,
    InstrumentKind,
    Measure,
    Pillar,
    ProgressReport,
    ReportingPeriod,
    ReportKind,
)
from wpsmonitor.core.models import Membership, Organisation, OrganisationKind, Role

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix} {next(_counter)}"


def organisation(
    name: str | None = None,
    *,
    kind: str = OrganisationKind.MINISTRY,
    country: str = "XV",
    **fields: Any,
) -> Organisation:
    return Organisation.objects.create(
        name=name or unique("Ministry"), kind=kind, country=country, **fields
    )


def person(
    username: str | None = None,
    *,
    organisation: Organisation | None = None,
    role: str | None = None,
    password: str = "demo-pass-2026",
    **fields: Any,
) -> Any:
    """A user, optionally with a role in an organisation."""
    user_model = get_user_model()
    user = user_model.objects.create_user(
        username=username or unique("user").replace(" ", ""), password=password, **fields
    )
    if organisation is not None and role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def system_user() -> Any:
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username="ledger-builder", defaults={"is_active": False}
    )
    return user


def pillar(key: str) -> Pillar:
    return Pillar.objects.get(key=key)


def instrument(
    *,
    issuer: Organisation | None = None,
    title: str | None = None,
    kind: str = InstrumentKind.NATIONAL_PLAN,
    by: Any = None,
    **fields: Any,
) -> Instrument:
    """A draft instrument (adopt it with ``adopt``)."""
    issuer = issuer or organisation()
    return services.instrument_create(
        by=by or system_user(),
        kind=kind,
        title=title or unique("National Action Plan"),
        issuer=issuer,
        country=fields.pop("country", issuer.country),
        **fields,
    )


def commitment(
    instrument_: Instrument,
    text: str | None = None,
    *,
    by: Any = None,
    lead: list[Organisation] | None = None,
    pillar_key: str | None = "participation",
    **fields: Any,
) -> Commitment:
    return services.commitment_create(
        instrument=instrument_,
        text=text
        or "The Ministry shall appoint a gender focal point in every municipality "
        "by December 2026.",
        by=by or system_user(),
        pillar=pillar(pillar_key) if pillar_key else None,
        lead=lead if lead is not None else [instrument_.issuer],
        **fields,
    )


def indicator(
    commitment_: Commitment,
    *,
    by: Any = None,
    definition: str | None = None,
    measure: str = Measure.NUMBER,
    **fields: Any,
) -> Indicator:
    return services.indicator_create(
        commitment=commitment_,
        definition=definition or unique("Number of women trained"),
        measure=measure,
        by=by or system_user(),
        **fields,
    )


def adopt(
    instrument_: Instrument, *, on: dt.date = dt.date(2024, 1, 15), by: Any = None
) -> Instrument:
    return services.instrument_adopt(instrument=instrument_, by=by or system_user(), on=on)


def period(
    instrument_: Instrument, label: str | None = None, *, year: int = 2024, by: Any = None
) -> ReportingPeriod:
    return services.period_create(
        instrument=instrument_,
        label=label or str(year),
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        by=by or system_user(),
    )


@transaction.atomic
def report(
    period_: ReportingPeriod,
    *,
    organisation_: Organisation,
    kind: str,
    by: Any,
    statuses: dict[Commitment, str] | None = None,
    values: dict[Indicator, Decimal | int] | None = None,
    publish: bool = False,
    narrative: str = "",
) -> ProgressReport:
    """A report with the given statuses (and values), submitted and published when asked."""
    rep = services.report_create(period=period_, organisation=organisation_, kind=kind, by=by)
    for c, status in (statuses or {}).items():
        services.update_record(
            report=rep,
            commitment=c,
            status=status,
            by=by,
            narrative=narrative or f"{kind} assessment of {c.reference}",
        )
    for ind, value in (values or {}).items():
        services.value_record(report=rep, indicator=ind, value=value, by=by)
    if publish:
        services.report_submit(report=rep, by=by)
        services.report_publish(report=rep, by=by)
    return rep


class Scene:
    """A small, complete ledger: a ministry with a focal point, a women's organisation with a
    monitor, an adopted plan with commitments and an open period. Tests start from here."""

    def __init__(self, n_commitments: int = 3) -> None:
        self.ministry = organisation("Ministry of Internal Affairs", abbreviation="MIA")
        self.other_ministry = organisation("Ministry of Defence", abbreviation="MoD")
        self.cso = organisation("Women's Rights Network", kind=OrganisationKind.CSO_NETWORK)
        self.focal_point = person(organisation=self.ministry, role=Role.FOCAL_POINT)
        self.other_focal_point = person(organisation=self.other_ministry, role=Role.FOCAL_POINT)
        self.monitor = person(organisation=self.cso, role=Role.CSO_MONITOR)
        self.viewer = person(organisation=self.ministry, role=Role.VIEWER)
        self.outsider = person()
        self.plan = instrument(issuer=self.ministry, title=unique("Action Plan"))
        self.commitments = [
            commitment(self.plan, reference=f"{i}.1", deadline=dt.date(2024, 6, 30))
            for i in range(1, n_commitments + 1)
        ]
        self.indicator = indicator(self.commitments[0])
        self.plan = adopt(self.plan)
        self.period = period(self.plan, year=2024)

    def self_report(
        self, statuses: dict[Commitment, str] | None = None, publish: bool = False, **kw: Any
    ) -> ProgressReport:
        return report(
            self.period,
            organisation_=self.ministry,
            kind=ReportKind.SELF,
            by=self.focal_point,
            statuses=statuses,
            publish=publish,
            **kw,
        )

    def shadow_report(
        self, statuses: dict[Commitment, str] | None = None, publish: bool = False, **kw: Any
    ) -> ProgressReport:
        return report(
            self.period,
            organisation_=self.cso,
            kind=ReportKind.SHADOW,
            by=self.monitor,
            statuses=statuses,
            publish=publish,
            **kw,
        )


# --- appended for the demo data -------------------------------------------------------------


def budget_line(
    commitment_: Commitment,
    *,
    fiscal_year: int,
    allocated: Decimal,
    disbursed: Decimal,
    spent: Decimal,
    by: Any = None,
    source: str = "domestic",
    currency: str = "EUR",
) -> Any:
    """One fiscal year's allocated, disbursed and spent amounts for a commitment."""
    return services.budget_line_set(
        commitment=commitment_,
        fiscal_year=fiscal_year,
        allocated=allocated,
        disbursed=disbursed,
        spent=spent,
        source=source,
        currency=currency,
        by=by or system_user(),
    )


@transaction.atomic
def detailed_report(
    period_: ReportingPeriod,
    *,
    organisation_: Organisation,
    kind: str,
    by: Any,
    updates: dict[Commitment, tuple[str, str, str]],
    values: dict[Indicator, Decimal | int | str] | None = None,
    evidence: dict[Commitment, list[tuple[str, str]]] | None = None,
    title: str = "",
    publish: bool = False,
) -> ProgressReport:
    """A report with a (status, narrative, challenges) per commitment, indicator values (a
    string value is a missing-value reason code) and evidence links as (title, url).
    Submitted and published when asked."""
    rep = services.report_create(
        period=period_, organisation=organisation_, kind=kind, by=by, title=title
    )
    for c, (status, narrative, challenges) in updates.items():
        services.update_record(
            report=rep,
            commitment=c,
            status=status,
            narrative=narrative,
            challenges=challenges,
            by=by,
        )
    for ind, value in (values or {}).items():
        if isinstance(value, str):
            services.value_record(report=rep, indicator=ind, missing_reason=value, by=by)
        else:
            services.value_record(report=rep, indicator=ind, value=value, by=by)
    recorded = {u.commitment_id: u for u in rep.updates.all()}
    for c, links in (evidence or {}).items():
        for link_title, url in links:
            services.evidence_add(update=recorded[c.pk], title=link_title, url=url, by=by)
    if publish:
        services.report_submit(report=rep, by=by)
        services.report_publish(report=rep, by=by)
    return rep


MONITORED_TEXTS = (
    "The Ministry of Internal Affairs shall train 200 police officers on gender-based violence "
    "by 30 June 2025, with a budget of EUR 50,000.",
    "The Government may consider supporting women's participation, as appropriate.",
    "The Ministry will support women's networks.",
    "Women's participation in peace processes is important.",
)
MONITORED_SELF = ("complete", "substantial", "limited", "not_started")
MONITORED_SHADOW = ("complete", "limited", "not_started", "not_started")


class MonitoredPlan:
    """An adopted plan monitored for some years: both reports published each year, with
    narratives, evidence, a reply, budget lines and public, confidential and restricted
    indicators."""

    def __init__(
        self,
        *,
        ministry: Organisation,
        cso: Organisation,
        focal_point: Any,
        monitor: Any,
        n_commitments: int = 8,
        years: tuple[int, ...] = (2024,),
        title: str | None = None,
    ) -> None:
        from wpsmonitor.commitments.models import Sensitivity

        pillars = ("participation", "prevention", "protection", "relief-recovery")
        self.plan = instrument(issuer=ministry, title=title or unique("Monitored Plan"))
        self.commitments = [
            commitment(
                self.plan,
                MONITORED_TEXTS[i % len(MONITORED_TEXTS)],
                reference=f"{i % 4 + 1}.{i // 4 + 1}",
                pillar_key=pillars[i % 4],
                deadline=dt.date(2024, 6, 30) if i % 2 == 0 else dt.date(2030, 12, 31),
            )
            for i in range(n_commitments)
        ]
        first = self.commitments[0]
        self.public_indicator = indicator(
            first,
            definition="Number of police officers trained",
            unit="people",
            baseline=Decimal(0),
            target=Decimal(200),
        )
        self.confidential_indicator = indicator(
            self.commitments[1],
            definition="Survivors of conflict-related sexual violence granted status",
            unit="people",
            sensitivity=Sensitivity.CONFIDENTIAL,
            target=Decimal(50),
        )
        self.restricted_indicator = indicator(
            self.commitments[2],
            definition="Restricted count of threats to women activists",
            unit="people",
            sensitivity=Sensitivity.RESTRICTED,
        )
        self.plan = adopt(self.plan)
        self.periods = []
        for year in years:
            p = period(self.plan, year=year)
            self.periods.append(p)
            budget_line(
                first,
                fiscal_year=year,
                allocated=Decimal("10000"),
                disbursed=Decimal("6000"),
                spent=Decimal("2500"),
            )
            gov = {
                c: (MONITORED_SELF[i % 4], f"Ministry narrative on {c.reference}.", "")
                for i, c in enumerate(self.commitments)
            }
            cso_updates = {
                c: (
                    MONITORED_SHADOW[i % 4],
                    f"Network findings on {c.reference}: ë ç š.",
                    "Data were not shared." if i % 4 == 2 else "",
                )
                for i, c in enumerate(self.commitments)
            }
            values = {
                self.public_indicator: 40,
                self.confidential_indicator: 3,
                self.restricted_indicator: 7,
            }
            detailed_report(
                p,
                organisation_=ministry,
                kind=ReportKind.SELF,
                by=focal_point,
                updates=gov,
                values=values,
                publish=True,
            )
            shadow = detailed_report(
                p,
                organisation_=cso,
                kind=ReportKind.SHADOW,
                by=monitor,
                updates=cso_updates,
                values={self.public_indicator: 30},
                evidence={first: [("Training attendance lists", "https://example.org/lists")]},
                publish=True,
            )
            services.reply_add(
                report=shadow,
                organisation=ministry,
                by=focal_point,
                commitment=self.commitments[1],
                text=f"The Ministry disputes the rating of {self.commitments[1].reference}.",
            )
