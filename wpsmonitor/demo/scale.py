"""A large synthetic ledger for benchmarks: N countries × 200 commitments × 6 periods.

This is a benchmark fixture, not demonstration content. It writes rows with ``bulk_create``
directly, for speed, instead of going through the services:
- every row is valid (the same constraints hold: one update per report and commitment, a value
  or a missing reason, non-negative budgets, adopted instruments, published reports);
- the wording assessment is computed once per distinct commitment text and reused;
- NO history entries are written for these rows, unlike everything entered through the
  services.
The data are spread over ISO country codes only so that filters by country have a realistic
selectivity; every organisation and instrument is named "(synthetic)", every instrument is
marked ``is_sample`` and none of it describes any real institution. Never load it into an
instance that the public can see.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pycountry
from django.db import transaction
from django.utils import timezone

from wpsmonitor.commitments.models import (
    Aggregation,
    BudgetLine,
    Commitment,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Instrument,
    InstrumentKind,
    InstrumentStatus,
    Measure,
    PeriodStatus,
    Pillar,
    ProgressReport,
    ProgressUpdate,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Responsibility,
    Sensitivity,
    Status,
)
from wpsmonitor.commitments.services import assessment_of
from wpsmonitor.core.models import Organisation, OrganisationKind

from .veridia import ensure_standard_pillars

COMMITMENTS_PER_COUNTRY = 200
PERIODS = 6
FIRST_YEAR = 2020
INDICATOR_EVERY = 4  # one indicator per this many commitments
BUDGET_EVERY = 3  # one commitment in this many has budget lines

SUBJECTS = ["The Ministry", "The Police", "The Government", "The Agency for Gender Equality"]
ACTIONS = [
    "train {n} officers on preventing gender-based violence",
    "open a 24-hour shelter for survivors in every region",
    "raise the share of women in the security sector to {p} percent",
    "fund women's organisations working on peace at the local level",
    "publish statistics on gender-based violence every quarter",
    "consult women's organisations before each negotiation round",
    "provide free legal aid to survivors of sexual violence",
    "decide applications for survivor status within six months",
]
FORMS = [
    "{s} shall {a} by {y}.",
    "{s} will {a} by the end of {y}.",
    "{s} will work to {a}.",
    "{s} will consider ways to {a}, as appropriate.",
    "{s} will endeavour to {a} where possible.",
]
STATUSES = [Status.NOT_STARTED, Status.LIMITED, Status.SUBSTANTIAL, Status.COMPLETE]


@dataclass(frozen=True)
class ScaleResult:
    countries: int
    organisations: int
    instruments: int
    commitments: int
    responsibilities: int
    indicators: int
    targets: int
    periods: int
    reports: int
    updates: int
    values: int
    budget_lines: int
    seconds: float


def country_codes(n: int) -> list[str]:
    """The first ``n`` ISO codes in alphabetical order, leaving out Kosovo and the demo code."""
    codes = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in {"XK", "XV"})
    if n > len(codes):
        raise ValueError(f"At most {len(codes)} countries are available.")
    return codes[:n]


def generate(
    *,
    countries: int,
    commitments_per_country: int = COMMITMENTS_PER_COUNTRY,
    periods: int = PERIODS,
    seed: int = 7,
    progress: Callable[[str], None] | None = None,
) -> ScaleResult:
    """Add the synthetic ledger of ``countries`` countries; one transaction per country."""
    started = time.monotonic()
    ensure_standard_pillars()
    pillars = list(Pillar.objects.filter(is_standard=True).order_by("order"))
    assessments: dict[str, tuple[str, dict[str, Any], str]] = {}
    totals: dict[str, int] = {}
    codes = country_codes(countries)
    for number, code in enumerate(codes, start=1):
        rng = random.Random(f"{seed}-{code}")
        with transaction.atomic():
            counts = _country(code, rng, pillars, assessments, commitments_per_country, periods)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        if progress is not None:
            progress(
                f"{number}/{len(codes)} countries ({code}), {time.monotonic() - started:.1f} s"
            )
    return ScaleResult(
        countries=len(codes),
        seconds=round(time.monotonic() - started, 2),
        **{k: totals.get(k, 0) for k in _COUNT_KEYS},
    )


_COUNT_KEYS = [
    "organisations",
    "instruments",
    "commitments",
    "responsibilities",
    "indicators",
    "targets",
    "periods",
    "reports",
    "updates",
    "values",
    "budget_lines",
]


def _text(rng: random.Random) -> str:
    action = rng.choice(ACTIONS).format(n=rng.choice([100, 250, 500]), p=rng.choice([20, 30]))
    return rng.choice(FORMS).format(
        s=rng.choice(SUBJECTS), a=action, y=rng.choice([2022, 2024, 2026])
    )


def _country(
    code: str,
    rng: random.Random,
    pillars: list[Pillar],
    assessments: dict[str, tuple[str, dict[str, Any], str]],
    n_commitments: int,
    n_periods: int,
) -> dict[str, int]:
    slug = code.lower()
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Benchmark agency {code} (synthetic)",
                slug=f"bench-{slug}-agency",
                kind=OrganisationKind.MINISTRY,
                country=code,
            ),
            Organisation(
                name=f"Benchmark security body {code} (synthetic)",
                slug=f"bench-{slug}-security",
                kind=OrganisationKind.SECURITY,
                country=code,
            ),
            Organisation(
                name=f"Benchmark women's network {code} (synthetic)",
                slug=f"bench-{slug}-network",
                kind=OrganisationKind.CSO_NETWORK,
                country=code,
            ),
        ]
    )
    agency, security, network = orgs
    plan = Instrument.objects.create(
        kind=InstrumentKind.NATIONAL_PLAN,
        title=f"Benchmark action plan {code} (synthetic)",
        slug=f"bench-{slug}-plan",
        issuer=agency,
        country=code,
        status=InstrumentStatus.ADOPTED,
        adopted_on=dt.date(FIRST_YEAR, 1, 15),
        period_start=dt.date(FIRST_YEAR, 1, 1),
        period_end=dt.date(FIRST_YEAR + n_periods - 1, 12, 31),
        is_sample=True,
        summary="Synthetic data for performance measurements.",
    )
    commitments = []
    for i in range(n_commitments):
        text = _text(rng)
        if text not in assessments:
            assessments[text] = assessment_of(text, instrument_kind=InstrumentKind.NATIONAL_PLAN)
        strength, data, version = assessments[text]
        has_budget = i % BUDGET_EVERY == 0
        commitments.append(
            Commitment(
                instrument=plan,
                reference=f"{i // 10 + 1}.{i % 10 + 1}",
                order=i + 1,
                text=text,
                pillar=pillars[i % len(pillars)],
                objective=f"Objective {i // 10 + 1}",
                deadline=dt.date(rng.randint(FIRST_YEAR, FIRST_YEAR + n_periods), 12, 31),
                target="As written in the plan",
                strength=strength,
                assessment=data,
                analyser_version=version,
                budget_amount=Decimal(rng.randint(10, 500) * 1000) if has_budget else None,
                budget_currency="EUR" if has_budget else "",
                budget_source="domestic" if has_budget else "",
            )
        )
    commitments = Commitment.objects.bulk_create(commitments, batch_size=1000)
    responsibilities = [
        Responsibility(
            commitment=c, organisation=agency if i % 2 else security, kind=Responsibility.Kind.LEAD
        )
        for i, c in enumerate(commitments)
    ] + [
        Responsibility(commitment=c, organisation=network, kind=Responsibility.Kind.PARTNER)
        for c in commitments[::5]
    ]
    Responsibility.objects.bulk_create(responsibilities, batch_size=2000)
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                commitment=c,
                code=f"{c.reference}-a",
                definition=f"Indicator of commitment {c.reference}",
                measure=Measure.PERCENTAGE if n % 3 == 0 else Measure.NUMBER,
                unit="%" if n % 3 == 0 else "people",
                aggregation=[Aggregation.INCREMENTAL, Aggregation.CUMULATIVE, Aggregation.LATEST][
                    n % 3
                ],
                sensitivity=Sensitivity.CONFIDENTIAL if n % 10 == 9 else Sensitivity.PUBLIC,
                is_security_threat=n % 7 == 0,
                baseline=Decimal(rng.randint(0, 20)),
                target=Decimal(rng.randint(30, 90)),
            )
            for n, c in enumerate(commitments[::INDICATOR_EVERY])
        ],
        batch_size=1000,
    )
    periods = ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(
                instrument=plan,
                label=str(FIRST_YEAR + k),
                start=dt.date(FIRST_YEAR + k, 1, 1),
                end=dt.date(FIRST_YEAR + k, 12, 31),
                status=PeriodStatus.OPEN if k == n_periods - 1 else PeriodStatus.CLOSED,
            )
            for k in range(n_periods)
        ]
    )
    targets = IndicatorTarget.objects.bulk_create(
        [
            IndicatorTarget(indicator=ind, period=p, value=Decimal(10 * (k + 1)))
            for ind in indicators
            for k, p in enumerate(periods)
        ],
        batch_size=2000,
    )
    now = timezone.now()
    reports = ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                period=p,
                organisation=org,
                kind=kind,
                status=ReportStatus.PUBLISHED,
                title=f"{kind} report {p.label}",
                submitted_at=now,
                published_at=now,
            )
            for p in periods
            for org, kind in ((agency, ReportKind.SELF), (network, ReportKind.SHADOW))
        ]
    )
    levels = {c.pk: rng.randint(0, 2) for c in commitments}
    updates = []
    for k, report in enumerate(reports):
        year_index = k // 2
        for c in commitments:
            level = min(levels[c.pk] + year_index // 2, 3)
            if report.kind == ReportKind.SHADOW and rng.random() < 0.3:
                level = max(level - 1, 0)
            updates.append(
                ProgressUpdate(
                    report=report,
                    commitment=c,
                    status=STATUSES[level],
                    narrative="Synthetic narrative for benchmarks.",
                )
            )
    ProgressUpdate.objects.bulk_create(updates, batch_size=5000)
    values = []
    for k, report in enumerate(reports):
        for n, ind in enumerate(indicators):
            if report.kind == ReportKind.SHADOW and n % 5:
                continue
            if (n + k) % 17 == 0:
                values.append(
                    IndicatorValue(report=report, indicator=ind, missing_reason="not_collected")
                )
                continue
            top = 100 if ind.measure == Measure.PERCENTAGE else 5000
            values.append(
                IndicatorValue(report=report, indicator=ind, value=Decimal(rng.randint(0, top)))
            )
    IndicatorValue.objects.bulk_create(values, batch_size=5000)
    budget_lines = []
    for c in commitments:
        if c.budget_amount is None:
            continue
        for year in range(FIRST_YEAR, FIRST_YEAR + 3):
            allocated = (c.budget_amount / 3).quantize(Decimal(1))
            disbursed = (allocated * Decimal(rng.randint(50, 100)) / 100).quantize(Decimal(1))
            budget_lines.append(
                BudgetLine(
                    commitment=c,
                    fiscal_year=year,
                    allocated=allocated,
                    disbursed=disbursed,
                    spent=(disbursed * Decimal(rng.randint(50, 100)) / 100).quantize(Decimal(1)),
                )
            )
    BudgetLine.objects.bulk_create(budget_lines, batch_size=2000)
    return {
        "organisations": len(orgs),
        "instruments": 1,
        "commitments": len(commitments),
        "responsibilities": len(responsibilities),
        "indicators": len(indicators),
        "targets": len(targets),
        "periods": len(periods),
        "reports": len(reports),
        "updates": len(updates),
        "values": len(values),
        "budget_lines": len(budget_lines),
    }
