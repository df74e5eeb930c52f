"""The ledger: instruments, commitments, indicators, reporting periods, reports and their values."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsmonitor.core.models import Organisation, validate_country


class InstrumentKind(models.TextChoices):
    RESOLUTION = "resolution", _("Security Council resolution")
    NATIONAL_PLAN = "national_plan", _("National action plan")
    REGIONAL_PLAN = "regional_plan", _("Regional action plan")
    LOCAL_PLAN = "local_plan", _("Local action plan")
    STRATEGY = "strategy", _("Strategy")
    PEACE_AGREEMENT = "peace_agreement", _("Peace agreement")
    MEETING_OUTCOME = "meeting_outcome", _("Meeting outcome")
    ADVOCACY_LETTER = "advocacy_letter", _("Advocacy letter")
    PLEDGE = "pledge", _("Pledge")


class InstrumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Consultation")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


FROZEN_STATUSES = frozenset({InstrumentStatus.ADOPTED, InstrumentStatus.SUPERSEDED})


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def public(self) -> InstrumentQuerySet:
        return self.filter(status__in=FROZEN_STATUSES)

    def current(self) -> InstrumentQuerySet:
        return self.exclude(status=InstrumentStatus.SUPERSEDED)


class Instrument(models.Model):
    """A document that makes commitments: a resolution, a plan, a meeting outcome, a letter."""

    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    title = models.CharField(_("title"), max_length=400)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    issuer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="instruments",
        verbose_name=_("issuer"),
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country]
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    version = models.PositiveIntegerField(_("version"), default=1)
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    previous_version = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InstrumentStatus.choices,
        default=InstrumentStatus.DRAFT,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    source_file = models.FileField(_("source file"), upload_to="sources/", blank=True)
    source_checksum = models.CharField(max_length=64, blank=True, db_index=True)
    summary = models.TextField(_("summary"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Fictional demonstration data.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["country", "title", "version"]
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="unique_instrument_version")
        ]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.title if self.version == 1 else f"{self.title} (v{self.version})"

    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES


class Pillar(models.Model):
    """A thematic pillar; the four of the agenda are standard, others may be added."""

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(default=100)
    is_standard = models.BooleanField(default=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self) -> str:
        return self.name


STANDARD_PILLARS = [
    ("participation", "Participation", 1),
    ("prevention", "Prevention", 2),
    ("protection", "Protection", 3),
    ("relief-recovery", "Relief and recovery", 4),
]


class BudgetSource(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic budget")
    DONOR = "donor", _("Donor")
    MIXED = "mixed", _("Domestic and donor")


class Strength(models.TextChoices):
    BINDING = "binding", _("Binding")
    STRONG = "strong", _("Strong")
    MODERATE = "moderate", _("Moderate")
    WEAK = "weak", _("Weak")
    NONE = "none", _("None")


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def public(self) -> CommitmentQuerySet:
        return self.filter(instrument__status__in=FROZEN_STATUSES)

    def overdue(self, today: dt.date) -> CommitmentQuerySet:
        """Deadline passed and not reported complete (or withdrawn) in any published report."""
        done = ProgressUpdate.objects.filter(
            report__status=ReportStatus.PUBLISHED,
            status__in=[Status.COMPLETE, Status.WITHDRAWN],
        ).values("commitment_id")
        return self.filter(deadline__lt=today).exclude(pk__in=done)

    def for_organisation(self, organisation: Organisation) -> CommitmentQuerySet:
        return self.filter(responsibilities__organisation=organisation).distinct()

    def with_latest_statuses(self) -> CommitmentQuerySet:
        """Annotate the latest published status of each kind and of any kind, read as
        ``queries.ratings_for`` and ``SideBySide.latest_status`` read them.

        Per kind the latest period start wins, then the later publication, then the later row;
        across kinds the latest period start wins, a self rating first on a tie, then a shadow
        one. Adds ``latest_self_status``, ``latest_shadow_status``, ``latest_joint_status`` and
        ``latest_status`` (each None when there is no published rating).
        """
        return self.annotate(
            latest_self_status=_latest_status_of_kind(ReportKind.SELF),
            latest_shadow_status=_latest_status_of_kind(ReportKind.SHADOW),
            latest_joint_status=_latest_status_of_kind(ReportKind.JOINT),
            latest_status=_latest_status_of_any_kind(),
        )


def _published_updates_of_outer_commitment() -> models.QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.filter(
        commitment=models.OuterRef("pk"), report__status=ReportStatus.PUBLISHED
    )


def _latest_status_of_kind(kind: str) -> models.Subquery:
    latest = (
        _published_updates_of_outer_commitment()
        .filter(report__kind=kind)
        .order_by("-report__period__start", "-report__published_at", "-id")
        .values("status")[:1]
    )
    return models.Subquery(latest, output_field=models.CharField())


def _latest_status_of_any_kind() -> models.Subquery:
    kind_rank = models.Case(
        models.When(report__kind=ReportKind.SELF, then=models.Value(0)),
        models.When(report__kind=ReportKind.SHADOW, then=models.Value(1)),
        default=models.Value(2),
        output_field=models.IntegerField(),
    )
    latest = (
        _published_updates_of_outer_commitment()
        .annotate(kind_rank=kind_rank)
        .order_by("-report__period__start", "kind_rank", "-report__published_at", "-id")
        .values("status")[:1]
    )
    return models.Subquery(latest, output_field=models.CharField())


class Commitment(models.Model):
    """One promise inside an instrument, with its owners, deadline, target and budget."""

    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("instrument"),
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("text"))
    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("pillar"),
    )
    objective = models.CharField(_("objective"), max_length=500, blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        through="Responsibility",
        related_name="commitments",
        blank=True,
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(_("timeline as written"), max_length=200, blank=True)
    target = models.TextField(_("target"), blank=True)
    budget_amount = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True)
    budget_source = models.CharField(
        _("budget source"), max_length=10, choices=BudgetSource.choices, blank=True
    )
    budget_text = models.CharField(_("budget as written"), max_length=200, blank=True)
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    strength = models.CharField(
        _("wording strength"), max_length=10, choices=Strength.choices, blank=True
    )
    assessment = models.JSONField(default=dict, blank=True)
    analyser_version = models.CharField(max_length=20, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "order", "id"]
        indexes = [models.Index(fields=["instrument", "order"])]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        label = self.reference or f"#{self.pk}"
        return f"{label}: {self.text[:80]}"

    def is_overdue(self, today: dt.date, latest_status: str | None) -> bool:
        if self.deadline is None or self.deadline >= today:
            return False
        return latest_status not in (Status.COMPLETE, Status.WITHDRAWN)


class Responsibility(models.Model):
    class Kind(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="responsibilities"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="responsibilities"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LEAD)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "organisation"], name="unique_responsibility"
            )
        ]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.kind})"


class Measure(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes/no")
    SCALE = "scale", _("Ordered scale")
    TEXT = "text", _("Text")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")
    NEUTRAL = "neutral", _("No direction")


class Aggregation(models.TextChoices):
    INCREMENTAL = "incremental", _("Incremental: each period adds to the total")
    CUMULATIVE = "cumulative", _("Cumulative: each period reports the running total")
    LATEST = "latest", _("Latest: the most recent value stands")


class Sensitivity(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")
    CONFIDENTIAL = "confidential", _("Confidential (small counts suppressed)")


class Disaggregation(models.TextChoices):
    SEX = "sex", _("Sex")
    AGE_BAND = "age_band", _("Age band")
    LOCATION = "location", _("Location")
    ETHNICITY = "ethnicity", _("Ethnicity")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def visible_publicly(self) -> IndicatorQuerySet:
        return self.filter(commitment__instrument__status__in=FROZEN_STATUSES).exclude(
            sensitivity=Sensitivity.RESTRICTED
        )


class Indicator(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=40, blank=True)
    definition = models.TextField(_("definition"))
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    scale_levels = models.JSONField(
        _("scale levels"),
        default=list,
        blank=True,
        help_text=_("For an ordered scale: the level names from lowest to highest."),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    aggregation = models.CharField(
        _("how periods combine"),
        max_length=12,
        choices=Aggregation.choices,
        default=Aggregation.INCREMENTAL,
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_text = models.CharField(_("baseline as written"), max_length=200, blank=True)
    target = models.DecimalField(
        _("final target"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_text = models.CharField(_("target as written"), max_length=200, blank=True)
    disaggregations = models.JSONField(_("disaggregated by"), default=list, blank=True)
    sensitivity = models.CharField(
        _("sensitivity"),
        max_length=12,
        choices=Sensitivity.choices,
        default=Sensitivity.PUBLIC,
    )
    is_security_threat = models.BooleanField(
        _("counts as a security indicator"),
        default=False,
        help_text=_("Gender-based violence counted beside conventional threats."),
    )
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "code", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.definition[:100]

    def is_count(self) -> bool:
        return self.measure == Measure.NUMBER


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.ForeignKey(
        "ReportingPeriod", on_delete=models.CASCADE, related_name="indicator_targets"
    )
    value = models.DecimalField(max_digits=16, decimal_places=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_period_target")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_id}: {self.value}"


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    LOCKED = "locked", _("Locked")


class ReportingPeriod(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(_("label"), max_length=60)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )

    class Meta:
        ordering = ["instrument", "start"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "label"], name="unique_period_label"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_order"),
        ]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self) -> str:
        return self.label

    def is_locked(self) -> bool:
        return self.status == PeriodStatus.LOCKED

    def accepts_edits(self) -> bool:
        return self.status == PeriodStatus.OPEN


class ReportKind(models.TextChoices):
    SELF = "self", _("Self-assessment")
    SHADOW = "shadow", _("Shadow (independent)")
    JOINT = "joint", _("Joint")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")


class ProgressReportQuerySet(models.QuerySet["ProgressReport"]):
    def published(self) -> ProgressReportQuerySet:
        return self.filter(status=ReportStatus.PUBLISHED)


class ProgressReport(models.Model):
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["period", "organisation", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation", "kind"], name="one_report_per_kind"
            )
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_kind_display()} — {self.period}"

    def is_editable(self) -> bool:
        return self.status == ReportStatus.DRAFT and self.period.accepts_edits()

    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class Status(models.TextChoices):
    """The fixed scale of a commitment's progress."""

    NO_EVIDENCE = "no_evidence", _("No evidence")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Position on the ordinal scale; "no evidence" and "withdrawn" are off the scale.
STATUS_LEVEL: dict[str, int] = {
    Status.NOT_STARTED: 0,
    Status.LIMITED: 1,
    Status.SUBSTANTIAL: 2,
    Status.COMPLETE: 3,
}


def status_gap(self_status: str | None, shadow_status: str | None) -> int | None:
    """Self level minus shadow level: positive when civil society rates progress lower."""
    if self_status not in STATUS_LEVEL or shadow_status not in STATUS_LEVEL:
        return None
    return STATUS_LEVEL[self_status] - STATUS_LEVEL[shadow_status]


class ProgressUpdate(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="updates")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    narrative = models.TextField(_("narrative"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["report", "commitment"]
        constraints = [
            models.UniqueConstraint(fields=["report", "commitment"], name="one_update_per_report")
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.commitment.reference}: {self.get_status_display()}"


class MissingReason(models.TextChoices):
    NOT_COLLECTED = "not_collected", _("Not collected")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    NOT_YET_DUE = "not_yet_due", _("Not yet due")
    WITHHELD = "withheld", _("Withheld by the source")
    UNKNOWN = "unknown", _("Unknown")


class IndicatorValue(models.Model):
    """A typed value of an indicator in one report; a missing value carries a reason code."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    disaggregation = models.JSONField(default=dict, blank=True)
    disaggregation_key = models.CharField(max_length=200, blank=True, default="")
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    scale_level = models.PositiveSmallIntegerField(null=True, blank=True)
    text_value = models.TextField(blank=True)
    missing_reason = models.CharField(max_length=16, choices=MissingReason.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "disaggregation_key"], name="one_value_per_cell"
            ),
            models.CheckConstraint(
                condition=(
                    Q(missing_reason="")
                    & (Q(value__isnull=False) | Q(scale_level__isnull=False) | ~Q(text_value=""))
                )
                | (
                    ~Q(missing_reason="")
                    & Q(value__isnull=True)
                    & Q(scale_level__isnull=True)
                    & Q(text_value="")
                ),
                name="value_or_missing_reason",
            ),
        ]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.report_id}: {self.value or self.missing_reason}"

    def number(self) -> Decimal | None:
        if self.value is not None:
            return self.value
        if self.scale_level is not None:
            return Decimal(self.scale_level)
        return None


class Evidence(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True, max_length=1000)
    date = models.DateField(_("date"), null=True, blank=True)
    sensitivity = models.CharField(
        _("sensitivity"),
        max_length=12,
        choices=Sensitivity.choices,
        default=Sensitivity.PUBLIC,
    )
    checksum = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="evidence_has_file_or_link"
            )
        ]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class Reply(models.Model):
    """A right of reply attached to a shadow report; it never changes the report itself."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="replies")
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("reply"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:60]}"


class BudgetLine(models.Model):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="budget_lines"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    allocated = models.DecimalField(_("allocated"), max_digits=16, decimal_places=2, default=0)
    disbursed = models.DecimalField(_("disbursed"), max_digits=16, decimal_places=2, default=0)
    spent = models.DecimalField(_("spent"), max_digits=16, decimal_places=2, default=0)
    source = models.CharField(
        _("source"), max_length=10, choices=BudgetSource.choices, default=BudgetSource.DOMESTIC
    )
    funder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["commitment", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "fiscal_year", "source", "currency"],
                name="unique_budget_line",
            ),
            models.CheckConstraint(
                condition=Q(allocated__gte=0) & Q(disbursed__gte=0) & Q(spent__gte=0),
                name="budget_not_negative",
            ),
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.allocated} {self.currency}"


def disaggregation_key(values: dict[str, Any]) -> str:
    """A stable key for a disaggregation cell, e.g. ``age_band=18-29|sex=female``."""
    return "|".join(f"{k}={values[k]}" for k in sorted(values))
