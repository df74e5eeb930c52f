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


def organisation(name: str | None = None, *, kind: str = OrganisationKind.MINISTRY,
                 country: str = "XV", **fields: Any) -> Organisation:
    return Organisation.objects.create(
        name=name or unique("Ministry"), kind=kind, country=country, **fields
    )


def person(username: str | None = None, *, organisation: Organisation | None = None,
           role: str | None = None, password: str = "demo-pass-2026", **fields: Any) -> Any:
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


def instrument(*, issuer: Organisation | None = None, title: str | None = None,
               kind: str = InstrumentKind.NATIONAL_PLAN, by: Any = None,
               **fields: Any) -> Instrument:
    """A draft instrument (adopt it with ``adopt``)."""
    issuer = issuer or organisation()
    return services.instrument_create(
        by=by or system_user(), kind=kind, title=title or unique("National Action Plan"),
        issuer=issuer, country=fields.pop("country", issuer.country), **fields,
    )


def commitment(instrument_: Instrument, text: str | None = None, *, by: Any = None,
               lead: list[Organisation] | None = None, pillar_key: str | None = "participation",
               **fields: Any) -> Commitment:
    return services.commitment_create(
        instrument=instrument_,
        text=text or "The Ministry shall appoint a gender focal point in every municipality "
        "by December 2026.",
        by=by or system_user(),
        pillar=pillar(pillar_key) if pillar_key else None,
        lead=lead if lead is not None else [instrument_.issuer],
        **fields,
    )


def indicator(commitment_: Commitment, *, by: Any = None, definition: str | None = None,
              measure: str = Measure.NUMBER, **fields: Any) -> Indicator:
    return services.indicator_create(
        commitment=commitment_, definition=definition or unique("Number of women trained"),
        measure=measure, by=by or system_user(), **fields,
    )


def adopt(instrument_: Instrument, *, on: dt.date = dt.date(2024, 1, 15),
          by: Any = None) -> Instrument:
    return services.instrument_adopt(instrument=instrument_, by=by or system_user(), on=on)


def period(instrument_: Instrument, label: str | None = None, *, year: int = 2024,
           by: Any = None) -> ReportingPeriod:
    return services.period_create(
        instrument=instrument_, label=label or str(year), start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31), by=by or system_user(),
    )


@transaction.atomic
def report(period_: ReportingPeriod, *, organisation_: Organisation, kind: str, by: Any,
           statuses: dict[Commitment, str] | None = None,
           values: dict[Indicator, Decimal | int] | None = None,
           publish: bool = False, narrative: str = "") -> ProgressReport:
    """A report with the given statuses (and values), submitted and published when asked."""
    rep = services.report_create(period=period_, organisation=organisation_, kind=kind, by=by)
    for c, status in (statuses or {}).items():
        services.update_record(report=rep, commitment=c, status=status, by=by,
                               narrative=narrative or f"{kind} assessment of {c.reference}")
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
        adopt(self.plan)
        self.period = period(self.plan, year=2024)

    def self_report(self, statuses: dict[Commitment, str] | None = None,
                    publish: bool = False, **kw: Any) -> ProgressReport:
        return report(self.period, organisation_=self.ministry, kind=ReportKind.SELF,
                      by=self.focal_point, statuses=statuses, publish=publish, **kw)

    def shadow_report(self, statuses: dict[Commitment, str] | None = None,
                      publish: bool = False, **kw: Any) -> ProgressReport:
        return report(self.period, organisation_=self.cso, kind=ReportKind.SHADOW,
                      by=self.monitor, statuses=statuses, publish=publish, **kw)
