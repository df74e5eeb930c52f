"""What the API accepts and answers. Numbers that may be suppressed travel as strings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import AnyHttpUrl

ReportKindName = Literal["self", "shadow", "joint"]
StatusName = Literal[
    "no_evidence", "not_started", "limited", "substantial", "complete", "withdrawn"
]
MissingReasonName = Literal[
    "", "not_collected", "not_applicable", "not_yet_due", "withheld", "unknown"
]
SensitivityName = Literal["public", "restricted", "confidential"]


# --- references ------------------------------------------------------------------------------


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str
    abbreviation: str
    kind: str
    country: str


class InstrumentRef(Schema):
    id: int
    slug: str
    title: str
    kind: str
    version: int
    status: str
    country: str


class PillarOut(Schema):
    key: str
    name: str


class PeriodRef(Schema):
    id: int
    label: str
    start: dt.date
    end: dt.date
    status: str


# --- pages -----------------------------------------------------------------------------------


class PageParams(Schema):
    limit: int | None = Field(
        None, ge=1, le=500, description="Items per page; the API_PAGE_SIZE setting by default."
    )
    offset: int = Field(0, ge=0, description="Items to skip.")


class Page(Schema):
    count: int = Field(description="Items matching the filters, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="Link to the next page, or null on the last.")
    previous: str | None = Field(description="Link to the previous page, or null on the first.")


# --- instruments -----------------------------------------------------------------------------


class StrengthProfile(Schema):
    binding: int = 0
    strong: int = 0
    moderate: int = 0
    weak: int = 0
    none: int = 0
    unassessed: int = 0


class InstrumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    slug: str
    issuer: OrganisationRef
    country: str
    period_start: dt.date | None
    period_end: dt.date | None
    language: str
    version: int
    status: str
    lineage: str
    previous_version_id: int | None
    adopted_on: dt.date | None
    is_sample: bool
    commitment_count: int
    strength_profile: StrengthProfile


class InstrumentDetailOut(InstrumentOut):
    summary: str
    periods: list[PeriodRef]
    versions: list[InstrumentRef] = Field(description="Public versions in the same lineage.")


class InstrumentPage(Page):
    results: list[InstrumentOut]


class InstrumentFilters(Schema):
    country: str | None = Field(None, description="ISO 3166 code (XK: Kosovo).")
    kind: (
        Literal[
            "resolution",
            "national_plan",
            "regional_plan",
            "local_plan",
            "strategy",
            "peace_agreement",
            "meeting_outcome",
            "advocacy_letter",
            "pledge",
        ]
        | None
    ) = None
    status: Literal["adopted", "superseded"] | None = None


# --- commitments -----------------------------------------------------------------------------


class RatingOut(Schema):
    status: str
    status_label: str
    level: int | None = Field(description="0 not started … 3 complete; null off the scale.")
    kind: str
    period_id: int
    period_label: str
    report_id: int
    organisation: str
    narrative: str
    challenges: str


class BudgetOut(Schema):
    amount: Decimal | None
    currency: str
    source: str
    text: str


class AssessmentOut(Schema):
    strength: str
    explanation: str
    missing: list[str]
    hedges: list[str]
    suggestions: list[str]
    elements: dict[str, str | None]
    analyser_version: str


class CommitmentOut(Schema):
    id: int
    reference: str
    text: str
    instrument: InstrumentRef
    pillar: PillarOut | None
    objective: str
    deadline: dt.date | None
    deadline_text: str
    target: str
    lead: list[OrganisationRef]
    partners: list[OrganisationRef]
    budget: BudgetOut
    strength: str
    assessment: AssessmentOut
    self_rating: RatingOut | None = Field(description="Latest published self-assessment.")
    shadow_rating: RatingOut | None = Field(description="Latest published shadow rating.")
    joint_rating: RatingOut | None
    latest_status: str | None = Field(description="Most recent status from any reporter.")
    gap: int | None = Field(description="Self level minus shadow level on the scale.")
    disagree: bool = Field(description="Self and shadow ratings both exist and differ.")
    shadow_lower: bool
    overdue: bool


class BudgetLineOut(Schema):
    fiscal_year: int
    currency: str
    allocated: Decimal
    disbursed: Decimal
    spent: Decimal
    source: str


class ReplyOut(Schema):
    id: int
    report_id: int
    commitment_id: int | None
    organisation: OrganisationRef
    text: str
    created_at: dt.datetime


class PointOut(Schema):
    period_id: int
    period_label: str
    value: str | None = Field(description='As a string; small confidential counts are "<5".')
    text: str
    missing_reason: str
    target: str | None


class SeriesOut(Schema):
    kind: str
    total: str | None = Field(description="Computed from the period values by the rule.")
    points: list[PointOut]


class IndicatorOut(Schema):
    id: int
    code: str
    definition: str
    measure: str
    unit: str
    scale_levels: list[str]
    direction: str
    aggregation: str
    baseline: str | None
    baseline_year: int | None
    target: str | None
    disaggregations: list[str]
    sensitivity: str
    is_security_threat: bool
    commitment_id: int
    commitment_reference: str
    instrument: InstrumentRef
    series: list[SeriesOut]


class IndicatorPage(Page):
    results: list[IndicatorOut]


class IndicatorFilters(Schema):
    instrument: str | None = Field(None, description="Instrument id or slug.")
    commitment: int | None = None
    security: bool | None = Field(None, description="Only security-threat indicators.")


class CommitmentDetailOut(CommitmentOut):
    history: list[RatingOut] = Field(description="Every published rating, oldest first.")
    indicators: list[IndicatorOut]
    budget_lines: list[BudgetLineOut]
    replies: list[ReplyOut] = Field(description="Government replies to shadow ratings.")


class CommitmentPage(Page):
    results: list[CommitmentOut]


class CommitmentFilters(Schema):
    country: str | None = Field(None, description="ISO 3166 code of the instrument.")
    instrument: str | None = Field(None, description="Instrument id or slug.")
    organisation: str | None = Field(None, description="Lead or partner: id or slug.")
    pillar: str | None = Field(None, description="Pillar key, e.g. participation.")
    status: StatusName | None = Field(None, description="Latest status from any reporter.")
    self_status: StatusName | None = None
    shadow_status: StatusName | None = None
    overdue: bool | None = None
    disagree: bool | None = None
    today: dt.date | None = Field(None, description="Date the overdue mark is computed for.")


# --- organisations and periods ---------------------------------------------------------------


class OrganisationCounts(Schema):
    commitments_lead: int
    commitments_partner: int
    instruments_issued: int
    published_reports: int


class OrganisationOut(OrganisationRef):
    kind_label: str
    parent_id: int | None
    website: str
    iati_ref: str
    counts: OrganisationCounts


class OrganisationDetailOut(OrganisationOut):
    children: list[OrganisationRef]
    instruments: list[InstrumentRef]


class OrganisationPage(Page):
    results: list[OrganisationOut]


class OrganisationFilters(Schema):
    country: str | None = None
    kind: str | None = None


class PeriodOut(PeriodRef):
    instrument: InstrumentRef
    published_reports: int


class PeriodPage(Page):
    results: list[PeriodOut]


class PeriodFilters(Schema):
    instrument: str | None = Field(None, description="Instrument id or slug.")
    status: Literal["open", "closed", "locked"] | None = None


# --- reports ---------------------------------------------------------------------------------


class EvidenceOut(Schema):
    id: int
    title: str
    url: str
    file: str | None
    date: dt.date | None
    sensitivity: str


class UpdateOut(Schema):
    commitment_id: int
    commitment_reference: str
    status: str
    status_label: str
    narrative: str
    challenges: str
    evidence: list[EvidenceOut]


class ValueOut(Schema):
    indicator_id: int
    disaggregation: dict[str, str]
    value: str | None = Field(description='As a string; small confidential counts are "<5".')
    text: str
    missing_reason: str
    note: str


class ReportOut(Schema):
    id: int
    period: PeriodRef
    instrument_id: int
    organisation: OrganisationRef
    kind: str
    status: str
    title: str
    summary: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    published_at: dt.datetime | None


class ReportDetailOut(ReportOut):
    updates: list[UpdateOut]
    values: list[ValueOut]
    replies: list[ReplyOut]


class ReportPage(Page):
    results: list[ReportOut]


class ReportFilters(Schema):
    period: int | None = None
    organisation: str | None = Field(None, description="Organisation id or slug.")
    kind: ReportKindName | None = None
    status: Literal["draft", "submitted", "published"] | None = None


class ReportIn(Schema):
    period: int = Field(description="Reporting period id.")
    organisation: int | str = Field(description="Organisation id or slug.")
    kind: ReportKindName
    title: str = ""


class UpdateIn(Schema):
    commitment: int
    status: StatusName
    narrative: str = ""
    challenges: str = ""


class UpdatesIn(Schema):
    updates: list[UpdateIn] = Field(min_length=1)


class ValueIn(Schema):
    indicator: int
    value: bool | Decimal | str | None = Field(
        None, description="A number, a percentage, or yes/no (true/false)."
    )
    scale_level: int | None = Field(None, ge=0)
    text: str = ""
    missing_reason: MissingReasonName = ""
    disaggregation: dict[str, str] = Field(default_factory=dict)
    note: str = ""


class ValuesIn(Schema):
    values: list[ValueIn] = Field(min_length=1)


class EvidenceIn(Schema):
    commitment: int = Field(description="The commitment whose update the evidence supports.")
    title: str = Field(min_length=1)
    url: AnyHttpUrl
    date: dt.date | None = None
    sensitivity: SensitivityName = "public"


class ReplyIn(Schema):
    text: str = Field(min_length=1)
    organisation: int | str | None = Field(
        None, description="Replying institution (id or slug); optional with one membership."
    )
    commitment: int | None = None


class FieldError(Schema):
    field: str
    message: str
    type: str


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in words a person can act on.")
    field: str | None = Field(description="The input at fault, e.g. updates[1].status.")
    errors: list[FieldError] | None = Field(None, description="Every invalid field (422).")
