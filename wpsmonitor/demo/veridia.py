"""The demo ledger of Veridia, a fictional country (code XV).

Everything here is invented and marked as a sample: no real country, ministry or organisation is
credited with any result. It is built with the same builders as the tests, so every row obeys the
services' rules and leaves its history, exactly as if people had typed it in.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import (
    STANDARD_PILLARS,
    Aggregation,
    BudgetSource,
    Commitment,
    Direction,
    Indicator,
    Instrument,
    InstrumentKind,
    Measure,
    MissingReason,
    Pillar,
    ReportingPeriod,
    ReportKind,
    Sensitivity,
    Status,
)
from wpsmonitor.core.models import Organisation, OrganisationKind, Role
from wpsmonitor.testing import builders

COUNTRY = "XV"
SEED = 1325
PLAN_TITLE = (
    "Veridia National Action Plan on Women, Peace and Security 2023–2026 (fictional sample)"
)
MEETING_TITLE = (
    "Recommendations of the Veridia Women's Network annual meeting 2024 (fictional sample)"
)
YEARS = (2023, 2024, 2025)


@dataclass(frozen=True)
class Credential:
    role: str  # a Role value
    username: str
    password: str
    organisation: str


@dataclass
class Demo:
    """What the demo loaded: the two instruments, their periods and the people who log in."""

    plan: Instrument
    meeting: Instrument
    periods: list[ReportingPeriod]
    organisations: dict[str, Organisation]
    credentials: list[Credential] = field(default_factory=list)


# abbreviation, name, kind, parent abbreviation
ORGANISATIONS: list[tuple[str, str, str, str | None]] = [
    ("AGE", "Veridian Agency for Gender Equality", OrganisationKind.MINISTRY, None),
    ("MOD", "Veridian Ministry of Defence", OrganisationKind.MINISTRY, None),
    ("MIA", "Veridian Ministry of Internal Affairs", OrganisationKind.MINISTRY, None),
    ("MFA", "Veridian Ministry of Foreign Affairs", OrganisationKind.MINISTRY, None),
    ("MOJ", "Veridian Ministry of Justice", OrganisationKind.MINISTRY, None),
    ("MLSW", "Veridian Ministry of Labour and Social Welfare", OrganisationKind.MINISTRY, None),
    ("VP", "Veridian Police", OrganisationKind.SECURITY, "MIA"),
    ("CAUCUS", "Women's Caucus of the Veridian Assembly", OrganisationKind.PARLIAMENT, None),
    ("VWN", "Veridia Women's Network", OrganisationKind.CSO_NETWORK, None),
    ("AWA", "Aldmere Women's Association", OrganisationKind.WOMENS_ORG, "VWN"),
    ("CSSC", "Corvel Survivors' Support Centre", OrganisationKind.WOMENS_ORG, "VWN"),
    ("TLA", "Tessaly Legal Aid for Women", OrganisationKind.WOMENS_ORG, "VWN"),
    ("YWP", "Young Women Peacebuilders of Veridia", OrganisationKind.WOMENS_ORG, "VWN"),
]

OBJECTIVES = {
    "1.1": "Increase women's participation in decision-making in the security sector",
    "1.2": "Ensure women's meaningful participation in peace negotiations and dialogue",
    "2.1": "Recognise gender-based violence as a threat to national security",
    "2.2": "Build a culture of gender equality in security institutions",
    "3.1": "Protect women and girls from gender-based violence",
    "3.2": "Guarantee access to justice for survivors of gender-based violence",
    "4.1": "Recognise and rehabilitate survivors of wartime sexual violence",
    "4.2": "Sustain women's organisations working on peace and recovery",
}
PILLAR_OF = {"1": "participation", "2": "prevention", "3": "protection", "4": "relief-recovery"}


@dataclass(frozen=True)
class Action:
    reference: str
    text: str
    lead: tuple[str, ...]
    partners: tuple[str, ...] = ()
    deadline: dt.date | None = None
    deadline_text: str = ""
    target: str = ""
    budget: int | None = None
    source: str = BudgetSource.DOMESTIC


D = dt.date
PLAN_ACTIONS: list[Action] = [
    Action(
        "1.1.1",
        "The Ministry of Defence shall raise the share of women among officers of the "
        "Veridian Security Force to 15 percent by December 2025.",
        ("MOD",),
        ("AGE",),
        D(2025, 12, 31),
        "by December 2025",
        "15% of officers are women",
        120_000,
    ),
    Action(
        "1.1.2",
        "The Ministry of Internal Affairs shall adopt recruitment guidelines that "
        "remove barriers for women applying to the Police by June 2024.",
        ("MIA",),
        ("VP",),
        D(2024, 6, 30),
        "by June 2024",
        "Guidelines adopted and applied in every intake",
    ),
    Action(
        "1.1.3",
        "The Police will establish a mentoring programme for women officers in all "
        "regional directorates by the end of 2024.",
        ("VP",),
        (),
        D(2024, 12, 31),
        "by the end of 2024",
        "A mentoring programme in each of the 8 directorates",
        45_000,
    ),
    Action(
        "1.1.4",
        "The Ministry of Defence will consider introducing flexible working "
        "arrangements for parents serving in the Security Force, as appropriate.",
        ("MOD",),
    ),
    Action(
        "1.2.1",
        "The Ministry of Foreign Affairs shall ensure that at least 40 percent of the "
        "members of every delegation to peace and normalisation talks are women by 2025.",
        ("MFA",),
        ("AGE",),
        D(2025, 12, 31),
        "by 2025",
        "40% women in each delegation",
    ),
    Action(
        "1.2.2",
        "The Ministry of Foreign Affairs shall consult the Veridia Women's Network "
        "before each round of negotiations and publish a summary of the consultation within "
        "30 days.",
        ("MFA",),
        ("VWN",),
        D(2026, 6, 30),
        "continuous, reviewed mid-2026",
        "A published summary for every round",
    ),
    Action(
        "1.2.3",
        "The Government will endeavour to include women's organisations in local "
        "peace and reconciliation councils where possible.",
        ("AGE",),
        ("VWN",),
    ),
    Action(
        "1.2.4",
        "The Women's Caucus of the Assembly shall hold an annual public hearing on "
        "the implementation of this Plan, starting in 2023.",
        ("CAUCUS",),
        ("AGE",),
        D(2023, 12, 31),
        "every year from 2023",
        "One public hearing a year",
    ),
    Action(
        "2.1.1",
        "The Ministry of Internal Affairs shall include gender-based violence as a "
        "distinct threat in the National Security Strategy by March 2024.",
        ("MIA",),
        ("AGE", "VWN"),
        D(2024, 3, 31),
        "by March 2024",
        "The Strategy names gender-based violence as a threat, with measures",
    ),
    Action(
        "2.1.2",
        "The Police shall publish quarterly statistics on gender-based violence "
        "cases reported, disaggregated by sex and age, from January 2024.",
        ("VP",),
        ("MIA",),
        D(2024, 3, 31),
        "quarterly from January 2024",
        "Four publications a year",
        15_000,
    ),
    Action(
        "2.1.3",
        "The Ministry of Internal Affairs will support research on the links "
        "between gender-based violence and small arms, subject to available funds.",
        ("MIA",),
    ),
    Action(
        "2.1.4",
        "The Agency for Gender Equality shall establish an early-warning mechanism "
        "with women's organisations in five municipalities by the end of 2025.",
        ("AGE",),
        ("VWN", "AWA"),
        D(2025, 12, 31),
        "by the end of 2025",
        "Early warning working in 5 municipalities",
        60_000,
        BudgetSource.DONOR,
    ),
    Action(
        "2.2.1",
        "The Ministry of Defence shall train all commanding officers on the Women, "
        "Peace and Security agenda by December 2024.",
        ("MOD",),
        (),
        D(2024, 12, 31),
        "by December 2024",
        "All 240 commanding officers trained",
        30_000,
    ),
    Action(
        "2.2.2",
        "The Police Academy shall include a mandatory module on gender-based "
        "violence in its curriculum from the 2024 intake.",
        ("VP",),
        ("MIA",),
        D(2024, 9, 30),
        "from the 2024 intake",
        "Module taught to every cadet",
    ),
    Action(
        "2.2.3",
        "Security institutions will promote gender equality in their internal "
        "communication as appropriate.",
        ("MOD", "MIA"),
    ),
    Action(
        "2.2.4",
        "The Agency for Gender Equality will develop awareness campaigns on women's "
        "role in peacebuilding together with the media, where resources allow.",
        ("AGE",),
        ("YWP",),
        budget=20_000,
    ),
    Action(
        "3.1.1",
        "The Government shall open a 24-hour shelter for survivors of gender-based "
        "violence in each of the four regions by June 2025, funded from the state budget.",
        ("AGE",),
        ("MIA", "VWN"),
        D(2025, 6, 30),
        "by June 2025",
        "4 shelters open",
        800_000,
    ),
    Action(
        "3.1.2",
        "The Police shall set up specialised domestic-violence units in all 8 "
        "regional directorates by December 2024.",
        ("VP",),
        (),
        D(2024, 12, 31),
        "by December 2024",
        "8 units staffed and trained",
        200_000,
    ),
    Action(
        "3.1.3",
        "The Police shall respond to every report of domestic violence within 24 "
        "hours and record the response time.",
        ("VP",),
        (),
        D(2024, 6, 30),
        "from mid-2024",
        "Every report answered within 24 hours",
    ),
    Action(
        "3.1.4",
        "The Ministry of Internal Affairs will work towards a unified register of "
        "protection orders by 2026.",
        ("MIA",),
        ("MOJ",),
        D(2026, 6, 30),
        "by 2026",
    ),
    Action(
        "3.1.5",
        "The Ministry of Justice shall propose an amendment to the Criminal Code "
        "defining femicide as a distinct offence by the end of 2024.",
        ("MOJ",),
        ("CAUCUS",),
        D(2024, 12, 31),
        "by the end of 2024",
        "Amendment sent to the Assembly",
    ),
    Action(
        "3.2.1",
        "The Ministry of Justice shall provide free legal aid to every survivor of "
        "gender-based violence who requests it, from January 2024.",
        ("MOJ",),
        ("TLA",),
        D(2024, 1, 31),
        "from January 2024",
        "Legal aid for every request",
        150_000,
    ),
    Action(
        "3.2.2",
        "Courts will aim to decide on requests for protection orders within 24 "
        "hours where possible.",
        ("MOJ",),
    ),
    Action(
        "3.2.3",
        "The Ministry of Justice shall train 300 judges and prosecutors on the "
        "gender-sensitive handling of sexual violence cases by 2025.",
        ("MOJ",),
        ("TLA",),
        D(2025, 12, 31),
        "by 2025",
        "300 judges and prosecutors trained",
        90_000,
        BudgetSource.MIXED,
    ),
    Action(
        "4.1.1",
        "The Ministry of Labour and Social Welfare shall decide every application for "
        "the status of survivor of wartime sexual violence within six months of receipt.",
        ("MLSW",),
        ("CSSC",),
        D(2024, 12, 31),
        "from 2023, backlog cleared by 2024",
        "No application older than six months",
    ),
    Action(
        "4.1.2",
        "The Ministry of Labour and Social Welfare shall pay the monthly pension to "
        "every recognised survivor within 60 days of recognition.",
        ("MLSW",),
        (),
        D(2024, 6, 30),
        "from mid-2024",
        "Pension paid within 60 days",
        1_200_000,
    ),
    Action(
        "4.1.3",
        "The Ministry of Labour and Social Welfare shall fund free psychological and "
        "medical rehabilitation for recognised survivors through licensed centres by 2025.",
        ("MLSW",),
        ("CSSC",),
        D(2025, 12, 31),
        "by 2025",
        "Every recognised survivor offered rehabilitation",
        250_000,
        BudgetSource.MIXED,
    ),
    Action(
        "4.1.4",
        "The Government will consider extending the deadline for applications for "
        "survivor status, as appropriate.",
        ("MLSW",),
    ),
    Action(
        "4.1.5",
        "The Agency for Gender Equality will run a public campaign against the "
        "stigma faced by survivors of wartime sexual violence.",
        ("AGE",),
        ("CSSC", "VWN"),
        budget=40_000,
    ),
    Action(
        "4.2.1",
        "The Government shall allocate at least EUR 500,000 a year to a fund for "
        "women's organisations working on peace and security at the local level, with "
        "grants of at least two years.",
        ("AGE",),
        (),
        D(2024, 3, 31),
        "fund open by March 2024",
        "EUR 500,000 granted each year",
        1_500_000,
    ),
    Action(
        "4.2.2",
        "The Agency for Gender Equality shall publish by 31 March of each year a "
        "report on the public funds received by women's organisations.",
        ("AGE",),
        (),
        D(2024, 3, 31),
        "every year by 31 March",
        "An annual funding report",
    ),
    Action(
        "4.2.3",
        "Ministries will seek to involve women's organisations in the design of "
        "recovery programmes, where feasible.",
        ("AGE",),
        ("VWN",),
    ),
]

MEETING_ACTIONS: list[Action] = [
    Action(
        "R1",
        "The Ministry of Foreign Affairs should include at least two representatives of "
        "women's organisations as advisers in every negotiation delegation by 2025.",
        ("MFA",),
        (),
        D(2025, 12, 31),
        "by 2025",
    ),
    Action(
        "R2",
        "The Ministry of Internal Affairs must treat gender-based violence as a "
        "national security threat in the next threat assessment, due in 2025.",
        ("MIA",),
        (),
        D(2025, 9, 30),
        "in 2025",
    ),
    Action(
        "R3",
        "The Government should guarantee multi-year core funding for women's "
        "organisations at the local level in the 2025 budget.",
        ("AGE",),
        (),
        D(2025, 1, 31),
        "2025 budget",
    ),
    Action(
        "R4",
        "The Ministry of Labour and Social Welfare should simplify the application for "
        "survivor status and remove the application deadline.",
        ("MLSW",),
    ),
    Action(
        "R5",
        "The Police should publish monthly data on gender-based violence cases by municipality.",
        ("VP",),
    ),
    Action(
        "R6",
        "The Ministry of Justice should ensure that every survivor of sexual violence "
        "is assisted free of charge by a trained lawyer.",
        ("MOJ",),
    ),
    Action(
        "R7",
        "The Women's Caucus should hold a hearing with survivors' organisations every year.",
        ("CAUCUS",),
    ),
    Action(
        "R8",
        "The Agency for Gender Equality should ask international partners to consult "
        "women's organisations before designing security-sector programmes.",
        ("AGE",),
    ),
]

SELF_NARRATIVES = {
    Status.NOT_STARTED: [
        "Work has not started; the responsible unit is preparing the terms of reference.",
        "Not started in this period because the budget line was approved late.",
    ],
    Status.LIMITED: [
        "First steps taken: a working group was set up and met twice.",
        "A draft is in preparation and was shared with partner institutions.",
        "Activities started in two regions; roll-out to the others is planned.",
    ],
    Status.SUBSTANTIAL: [
        "Most of the planned activities were carried out; the remainder is scheduled.",
        "Adopted internally and being applied; monitoring data are collected quarterly.",
        "Progress is on track in most regions, with delays in one directorate.",
    ],
    Status.COMPLETE: [
        "Completed and documented in the institution's annual report.",
        "Done: the measure was adopted and is in force.",
    ],
    Status.NO_EVIDENCE: ["No information was received from the responsible institution."],
    Status.WITHDRAWN: ["Withdrawn after the plan's mid-term review."],
}
SHADOW_NARRATIVES = {
    Status.NOT_STARTED: [
        "Member organisations saw no activity on this action in their municipalities.",
        "No meeting, budget or document could be found for this action.",
    ],
    Status.LIMITED: [
        "A working group exists on paper, but women's organisations were not invited to it.",
        "Activities were announced but reached only the capital.",
        "Some training took place, without follow-up or evaluation.",
    ],
    Status.SUBSTANTIAL: [
        "Real progress, confirmed by member organisations, though not yet in every region.",
        "The measure is applied; survivors' organisations report fewer delays.",
    ],
    Status.COMPLETE: [
        "Confirmed complete by the Network's members.",
        "Completed; the Network took part in the final review.",
    ],
    Status.NO_EVIDENCE: [
        "The Network asked for data twice and received no answer.",
        "No public information is available to verify the government's claim.",
    ],
    Status.WITHDRAWN: ["The action was dropped without consultation."],
}
CHALLENGES = [
    "",
    "",
    "Budget released late in the fiscal year.",
    "Staff turnover in the responsible unit.",
    "Data are not yet disaggregated by age and location.",
    "Coordination between ministries is slow.",
]

PASSWORDS = {
    "admin": "admin-demo-2026",
    "focal": "focal-demo-2026",
    "focal-interior": "focal-demo-2026",
    "monitor": "monitor-demo-2026",
    "viewer": "viewer-demo-2026",
}

LEVELS = [Status.NOT_STARTED, Status.LIMITED, Status.SUBSTANTIAL, Status.COMPLETE]


def ensure_standard_pillars() -> None:
    """The four pillars of the agenda (a flush removes the rows the migration added)."""
    for key, name, order in STANDARD_PILLARS:
        Pillar.objects.update_or_create(
            key=key, defaults={"name": name, "order": order, "is_standard": True}
        )


@transaction.atomic
def load(*, seed: int = SEED) -> Demo:
    """Build the whole Veridia ledger in an empty database and return what was made."""
    rng = random.Random(seed)
    ensure_standard_pillars()
    orgs = _organisations()
    people = _people(orgs)
    creds = [
        Credential(Role.ADMINISTRATOR, "admin", PASSWORDS["admin"], orgs["AGE"].name),
        Credential(Role.FOCAL_POINT, "focal", PASSWORDS["focal"], orgs["AGE"].name),
        Credential(
            Role.FOCAL_POINT, "focal-interior", PASSWORDS["focal-interior"], orgs["MIA"].name
        ),
        Credential(Role.CSO_MONITOR, "monitor", PASSWORDS["monitor"], orgs["VWN"].name),
        Credential(Role.VIEWER, "viewer", PASSWORDS["viewer"], orgs["CAUCUS"].name),
    ]
    admin = people["admin"]
    plan = builders.instrument(
        issuer=orgs["AGE"],
        title=PLAN_TITLE,
        kind=InstrumentKind.NATIONAL_PLAN,
        by=admin,
        country=COUNTRY,
        period_start=D(2023, 1, 1),
        period_end=D(2026, 12, 31),
        is_sample=True,
        summary="A fictional national action plan, invented to show how WPS Monitor works. "
        "Veridia, its institutions and every figure here are made up.",
    )
    commitments = _commitments(plan, PLAN_ACTIONS, orgs, admin)
    periods = [builders.period(plan, year=year, by=admin) for year in YEARS]
    indicators = _indicators(commitments, periods, admin)
    _budgets(rng, commitments, admin)
    builders.adopt(plan, on=D(2023, 3, 8), by=admin)

    meeting = builders.instrument(
        issuer=orgs["VWN"],
        title=MEETING_TITLE,
        kind=InstrumentKind.MEETING_OUTCOME,
        by=admin,
        country=COUNTRY,
        period_start=D(2024, 11, 20),
        is_sample=True,
        summary="Recommendations adopted by the members of the fictional Veridia Women's "
        "Network at their annual meeting, followed up in the Network's shadow reports.",
    )
    recommendations = _commitments(meeting, MEETING_ACTIONS, orgs, admin)
    builders.adopt(meeting, on=D(2024, 11, 20), by=admin)
    follow_up = builders.period(meeting, "2025 follow-up", year=2025, by=admin)

    _plan_reports(rng, plan, commitments, periods, indicators, orgs, people)
    _meeting_follow_up(rng, recommendations, follow_up, orgs, people)

    services.period_lock(period=periods[0], by=admin)
    services.period_close(period=periods[1], by=admin)
    return Demo(plan=plan, meeting=meeting, periods=periods, organisations=orgs, credentials=creds)


def _organisations() -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for abbreviation, name, kind, parent in ORGANISATIONS:
        orgs[abbreviation] = builders.organisation(
            name,
            kind=kind,
            country=COUNTRY,
            abbreviation=abbreviation,
            parent=orgs[parent] if parent else None,
        )
    return orgs


def _people(orgs: dict[str, Organisation]) -> dict[str, Any]:
    return {
        "admin": builders.person(
            "admin",
            organisation=orgs["AGE"],
            role=Role.ADMINISTRATOR,
            password=PASSWORDS["admin"],
            is_staff=True,
            is_superuser=True,
            first_name="Ana",
            last_name="Admin (demo)",
        ),
        "focal": builders.person(
            "focal",
            organisation=orgs["AGE"],
            role=Role.FOCAL_POINT,
            password=PASSWORDS["focal"],
            first_name="Dora",
            last_name="Focal (demo)",
        ),
        "focal-interior": builders.person(
            "focal-interior",
            organisation=orgs["MIA"],
            role=Role.FOCAL_POINT,
            password=PASSWORDS["focal-interior"],
            first_name="Ilir",
            last_name="Interior (demo)",
        ),
        "monitor": builders.person(
            "monitor",
            organisation=orgs["VWN"],
            role=Role.CSO_MONITOR,
            password=PASSWORDS["monitor"],
            first_name="Mira",
            last_name="Monitor (demo)",
        ),
        "viewer": builders.person(
            "viewer",
            organisation=orgs["CAUCUS"],
            role=Role.VIEWER,
            password=PASSWORDS["viewer"],
            first_name="Vesa",
            last_name="Viewer (demo)",
        ),
    }


def _commitments(
    instrument: Instrument, actions: list[Action], orgs: dict[str, Organisation], by: Any
) -> dict[str, Commitment]:
    made: dict[str, Commitment] = {}
    for order, action in enumerate(actions, start=1):
        objective_key = ".".join(action.reference.split(".")[:2])
        fields: dict[str, Any] = {
            "reference": action.reference,
            "order": order,
            "objective": OBJECTIVES.get(objective_key, ""),
            "deadline": action.deadline,
            "deadline_text": action.deadline_text,
            "target": action.target,
            "partners": [orgs[a] for a in action.partners],
        }
        if action.budget is not None:
            fields.update(
                budget_amount=Decimal(action.budget),
                budget_currency="EUR",
                budget_source=action.source,
                budget_text=f"EUR {action.budget:,}",
            )
        pillar_key = PILLAR_OF.get(action.reference[0])
        made[action.reference] = builders.commitment(
            instrument,
            action.text,
            by=by,
            lead=[orgs[a] for a in action.lead],
            pillar_key=pillar_key,
            **fields,
        )
    return made


def _indicators(
    commitments: dict[str, Commitment], periods: list[ReportingPeriod], by: Any
) -> dict[str, Indicator]:
    def targets(*values: int | str) -> dict[ReportingPeriod, Decimal]:
        return {p: Decimal(str(v)) for p, v in zip(periods, values, strict=True)}

    specs: dict[str, dict[str, Any]] = {
        "women_officers": dict(
            on="1.1.1",
            code="1.1.1-a",
            measure=Measure.PERCENTAGE,
            unit="%",
            definition="Share of Security Force officers who are women",
            aggregation=Aggregation.LATEST,
            baseline=Decimal("8.5"),
            baseline_year=2022,
            target=Decimal(15),
            targets=targets(10, 12, 15),
            disaggregations=[],
        ),
        "women_delegations": dict(
            on="1.2.1",
            code="1.2.1-a",
            measure=Measure.PERCENTAGE,
            unit="%",
            definition="Share of women in peace negotiation delegations",
            aggregation=Aggregation.LATEST,
            baseline=Decimal(10),
            baseline_year=2022,
            target=Decimal(40),
            targets=targets(20, 30, 40),
        ),
        "consultation": dict(
            on="1.2.2",
            code="1.2.2-a",
            measure=Measure.YES_NO,
            definition="Women's organisations were consulted before every negotiation round",
            aggregation=Aggregation.LATEST,
            target=Decimal(1),
            targets=targets(1, 1, 1),
        ),
        "gbv_cases": dict(
            on="2.1.2",
            code="2.1.2-a",
            measure=Measure.NUMBER,
            unit="cases",
            definition="Gender-based violence cases reported to the police",
            aggregation=Aggregation.INCREMENTAL,
            direction=Direction.NEUTRAL,
            baseline=Decimal(1850),
            baseline_year=2022,
            is_security_threat=True,
        ),
        "commanders_trained": dict(
            on="2.2.1",
            code="2.2.1-a",
            measure=Measure.NUMBER,
            unit="people",
            definition="Commanding officers trained on the Women, Peace and Security agenda",
            aggregation=Aggregation.INCREMENTAL,
            baseline=Decimal(0),
            target=Decimal(240),
            targets=targets(80, 80, 80),
        ),
        "shelters": dict(
            on="3.1.1",
            code="3.1.1-a",
            measure=Measure.NUMBER,
            unit="shelters",
            definition="24-hour shelters open for survivors of gender-based violence",
            aggregation=Aggregation.CUMULATIVE,
            baseline=Decimal(1),
            baseline_year=2022,
            target=Decimal(4),
            targets=targets(2, 3, 4),
        ),
        "survivors_recognised": dict(
            on="4.1.1",
            code="4.1.1-a",
            measure=Measure.NUMBER,
            unit="people",
            definition="Survivors of wartime sexual violence whose status was recognised",
            aggregation=Aggregation.CUMULATIVE,
            sensitivity=Sensitivity.CONFIDENTIAL,
            baseline=Decimal(0),
            target=Decimal(40),
            targets=targets(10, 25, 40),
        ),
        "fund_granted": dict(
            on="4.2.1",
            code="4.2.1-a",
            measure=Measure.NUMBER,
            unit="EUR",
            definition="Public funds granted to women's organisations at the local level",
            aggregation=Aggregation.INCREMENTAL,
            target=Decimal(1_500_000),
            targets=targets(500_000, 500_000, 500_000),
        ),
    }
    made: dict[str, Indicator] = {}
    for key, spec in specs.items():
        spec = dict(spec)
        on = commitments[spec.pop("on")]
        made[key] = builders.indicator(on, by=by, **spec)
    return made


def _budgets(rng: random.Random, commitments: dict[str, Commitment], by: Any) -> None:
    for c in commitments.values():
        if c.budget_amount is None:
            continue
        per_year = (c.budget_amount / 3).quantize(Decimal(1))
        for year in YEARS:
            allocated = per_year
            disbursed = (allocated * Decimal(rng.choice([55, 70, 85, 95, 100])) / 100).quantize(
                Decimal(1)
            )
            spent = (disbursed * Decimal(rng.choice([60, 80, 90, 100])) / 100).quantize(Decimal(1))
            builders.budget_line(
                c,
                fiscal_year=year,
                allocated=allocated,
                disbursed=disbursed,
                spent=spent,
                source=c.budget_source or BudgetSource.DOMESTIC,
                by=by,
            )


def _trajectories(rng: random.Random, commitments: dict[str, Commitment]) -> dict[str, list[str]]:
    """Self-reported status per commitment per year: progress only goes forward."""
    fixed = {
        "1.2.4": [Status.COMPLETE] * 3,
        "2.1.1": [Status.LIMITED, Status.COMPLETE, Status.COMPLETE],
        "3.1.1": [Status.LIMITED, Status.SUBSTANTIAL, Status.SUBSTANTIAL],
        "4.1.1": [Status.LIMITED, Status.LIMITED, Status.SUBSTANTIAL],
        "2.2.1": [Status.LIMITED, Status.SUBSTANTIAL, Status.SUBSTANTIAL],
        "1.1.2": [Status.NOT_STARTED, Status.LIMITED, Status.LIMITED],
    }
    result: dict[str, list[str]] = {}
    for ref, c in commitments.items():
        if ref in fixed:
            result[ref] = list(fixed[ref])
            continue
        weak = c.deadline is None
        level = rng.choice([0, 0, 1] if weak else [0, 1, 1, 2])
        years: list[str] = []
        for _ in YEARS:
            years.append(LEVELS[level])
            if rng.random() < (0.3 if weak else 0.55):
                level = min(level + 1, 3)
        result[ref] = years
    return result


def _shadow_of(rng: random.Random, self_status: str) -> str:
    """Civil society's rating: lower than the government's on about three in ten."""
    draw = rng.random()
    if draw < 0.06:
        return Status.NO_EVIDENCE
    if draw < 0.36 and self_status in LEVELS and self_status != Status.NOT_STARTED:
        return LEVELS[LEVELS.index(self_status) - 1]
    return self_status


def _plan_reports(
    rng: random.Random,
    plan: Instrument,
    commitments: dict[str, Commitment],
    periods: list[ReportingPeriod],
    ind: dict[str, Indicator],
    orgs: dict[str, Organisation],
    people: dict[str, Any],
) -> None:
    trajectories = _trajectories(rng, commitments)
    self_values: list[dict[Indicator, Decimal | int | str]] = [
        {
            ind["women_officers"]: Decimal("9.1"),
            ind["women_delegations"]: Decimal(18),
            ind["consultation"]: 1,
            ind["gbv_cases"]: 2012,
            ind["commanders_trained"]: 60,
            ind["shelters"]: 1,
            ind["survivors_recognised"]: 3,
            ind["fund_granted"]: 310_000,
        },
        {
            ind["women_officers"]: Decimal("10.4"),
            ind["women_delegations"]: MissingReason.NOT_COLLECTED,
            ind["consultation"]: 1,
            ind["gbv_cases"]: 2245,
            ind["commanders_trained"]: 95,
            ind["shelters"]: 2,
            ind["survivors_recognised"]: 11,
            ind["fund_granted"]: 420_000,
        },
        {
            ind["women_officers"]: Decimal("11.8"),
            ind["women_delegations"]: Decimal(27),
            ind["consultation"]: 1,
            ind["gbv_cases"]: 2398,
            ind["commanders_trained"]: 70,
            ind["shelters"]: 2,
            ind["survivors_recognised"]: 19,
            ind["fund_granted"]: 465_000,
        },
    ]
    shadow_values: list[dict[Indicator, Decimal | int | str]] = [
        {ind["consultation"]: 0},
        {ind["consultation"]: 0},
        {ind["consultation"]: 1},
    ]
    shadow_reports = []
    for i, period in enumerate(periods):
        self_updates: dict[Commitment, tuple[str, str, str]] = {}
        shadow_updates: dict[Commitment, tuple[str, str, str]] = {}
        for ref, c in commitments.items():
            status = trajectories[ref][i]
            self_updates[c] = (status, rng.choice(SELF_NARRATIVES[status]), rng.choice(CHALLENGES))
            shadow = _shadow_of(rng, status)
            shadow_updates[c] = (
                shadow,
                rng.choice(SHADOW_NARRATIVES[shadow]),
                rng.choice(CHALLENGES),
            )
        year = YEARS[i]
        builders.detailed_report(
            period,
            organisation_=orgs["AGE"],
            kind=ReportKind.SELF,
            by=people["focal"],
            title=f"Government self-assessment {year} (fictional sample)",
            updates=self_updates,
            values=self_values[i],
            publish=True,
            evidence={
                commitments["2.1.2"]: [
                    (
                        f"Police statistics on gender-based violence, {year} (fictional)",
                        f"https://example.org/veridia/police/gbv-statistics-{year}",
                    )
                ],
            },
        )
        shadow_reports.append(
            builders.detailed_report(
                period,
                organisation_=orgs["VWN"],
                kind=ReportKind.SHADOW,
                by=people["monitor"],
                title=f"Veridia Women's Network shadow report {year} (fictional sample)",
                updates=shadow_updates,
                values=shadow_values[i],
                publish=True,
                evidence={
                    commitments["3.1.1"]: [
                        (
                            f"Visits to shelters by member organisations, {year} (fictional)",
                            f"https://example.org/veridia/network/shelter-visits-{year}",
                        )
                    ],
                },
            )
        )
    services.reply_add(
        report=shadow_reports[1],
        organisation=orgs["AGE"],
        by=people["focal"],
        commitment=commitments["3.1.1"],
        text="The Agency notes the Network's assessment. The third shelter was delayed by a "
        "procurement appeal; its opening is planned for the first half of 2026.",
    )
    # A report still in draft: visible to its authors only, never in public pages.
    interior = {
        c: (trajectories[ref][2], "Draft input from the Ministry, still being checked.", "")
        for ref, c in commitments.items()
        if orgs["MIA"] in c.organisations.all()
    }
    builders.detailed_report(
        periods[2],
        organisation_=orgs["MIA"],
        kind=ReportKind.SELF,
        by=people["focal-interior"],
        updates=interior,
        title="Ministry of Internal Affairs input 2025 (draft, fictional sample)",
    )


def _meeting_follow_up(
    rng: random.Random,
    recommendations: dict[str, Commitment],
    period: ReportingPeriod,
    orgs: dict[str, Organisation],
    people: dict[str, Any],
) -> None:
    statuses = [
        Status.LIMITED,
        Status.SUBSTANTIAL,
        Status.NOT_STARTED,
        Status.NOT_STARTED,
        Status.LIMITED,
        Status.LIMITED,
        Status.COMPLETE,
        Status.NO_EVIDENCE,
    ]
    updates = {
        c: (status, rng.choice(SHADOW_NARRATIVES[status]), "")
        for c, status in zip(recommendations.values(), statuses, strict=True)
    }
    builders.detailed_report(
        period,
        organisation_=orgs["VWN"],
        kind=ReportKind.SHADOW,
        by=people["monitor"],
        title="Follow-up of the 2024 meeting's recommendations (fictional sample)",
        updates=updates,
        publish=True,
    )
