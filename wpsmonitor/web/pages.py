"""The query step of each public page: a fixed number of queries, dataclasses out.

Views call one of these and render the result; templates never reach back into the database.
Public pages show published reports only, adopted (or superseded) instruments only, and no
restricted indicator; small confidential counts are shown as "<5".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wpsmonitor.commitments import permissions
from wpsmonitor.commitments.models import (
    BudgetLine,
    Commitment,
    CommitmentQuerySet,
    Evidence,
    Indicator,
    Instrument,
    InstrumentStatus,
    Measure,
    ProgressReport,
    ProgressUpdate,
    Reply,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Responsibility,
    Sensitivity,
    Status,
    Strength,
)
from wpsmonitor.commitments.queries import (
    SideBySide,
    headline_aggregates,
    indicator_series,
    official_status_q,
    overdue_ids,
    overdue_q,
    ratings_for,
    shadow_lower_q,
    shadow_status_q,
)
from wpsmonitor.commitments.rules import public_display
from wpsmonitor.core.models import Membership, Organisation, Role

from . import charts
from .labels import REPORTER_LABELS, country_label, element_label, pillar_label

STRENGTH_ORDER = [
    Strength.BINDING,
    Strength.STRONG,
    Strength.MODERATE,
    Strength.WEAK,
    Strength.NONE,
]
STATUS_ORDER = [
    Status.COMPLETE,
    Status.SUBSTANTIAL,
    Status.LIMITED,
    Status.NOT_STARTED,
    Status.NO_EVIDENCE,
    Status.WITHDRAWN,
]
KIND_MARKERS = {
    ReportKind.SELF: "circle",
    ReportKind.SHADOW: "square",
    ReportKind.JOINT: "triangle",
}


# --- shared pieces ---------------------------------------------------------------------------


@dataclass
class Headline:
    commitments: int = 0
    complete: int = 0
    overdue: int = 0
    disagreements: int = 0
    rated: int = 0
    shadow_lower: int = 0

    @property
    def share_complete(self) -> int | None:
        """Per cent of commitments complete, or None when there are none."""
        if not self.commitments:
            return None
        return round(100 * self.complete / self.commitments)

    @classmethod
    def of_figures(cls, row: dict[str, Any]) -> Headline:
        """From a row of ``queries.headline_aggregates`` counts."""
        return cls(**{f.name: row.get(f.name) or 0 for f in fields(cls)})

    @classmethod
    def total(cls, heads: Iterable[Headline]) -> Headline:
        out = cls()
        for head in heads:
            for f in fields(cls):
                setattr(out, f.name, getattr(out, f.name) + getattr(head, f.name))
        return out


def headline_of(
    commitments: Sequence[Commitment], ratings: dict[int, SideBySide], overdue: set[int]
) -> Headline:
    """The headline computed in Python from loaded ratings (pages that list every row anyway)."""
    head = Headline(commitments=len(commitments))
    for c in commitments:
        r = ratings.get(c.pk)
        if r is None:
            continue
        head.complete += r.is_complete()
        head.disagreements += r.disagree
        head.rated += r.latest_status is not None
        head.shadow_lower += r.shadow_lower
    head.overdue = len(overdue & {c.pk for c in commitments})
    return head


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


def strength_profile(commitments: Iterable[Commitment]) -> list[Tally]:
    counts = Counter(c.strength or Strength.NONE for c in commitments)
    return [Tally(str(s), str(Strength(s).label), counts.get(s, 0)) for s in STRENGTH_ORDER]


def strength_chart(profile: Sequence[Tally]) -> SafeString:
    total = sum(c.count for c in profile)
    return mark_safe(  # noqa: S308 - the chart module escapes every text it writes
        charts.stacked_bar(
            [charts.Segment(c.label, c.count, f"strength-{c.key}") for c in profile],
            title=_("Strength of the wording"),
            desc=", ".join(f"{c.label}: {c.count}" for c in profile)
            + " "
            + _("(%(total)s commitments)") % {"total": total},
        )
    )


def value_text(indicator: Indicator, number: Decimal | None, text: str = "") -> str:
    """A value as the public sees it: suppressed when small and confidential."""
    if indicator.measure == Measure.TEXT:
        return text
    if number is None:
        return ""
    if indicator.measure == Measure.YES_NO:
        return _("Yes") if number else _("No")
    if indicator.measure == Measure.SCALE:
        levels = indicator.scale_levels or []
        index = int(number)
        return str(levels[index]) if 0 <= index < len(levels) else str(index)
    shown = public_display(
        number,
        confidential=indicator.sensitivity == Sensitivity.CONFIDENTIAL,
        threshold=_threshold(),
    )
    shown = shown or ""
    if indicator.measure == Measure.PERCENTAGE and not shown.startswith("<"):
        return f"{shown} %"
    return shown


def plotted(indicator: Indicator, number: Decimal | None) -> Decimal | None:
    """The number a chart may draw: never a suppressed one."""
    if number is None or indicator.measure == Measure.TEXT:
        return None
    if value_text(indicator, number).startswith("<"):
        return None
    return number


def _threshold() -> int:
    from django.conf import settings

    return int(settings.SUPPRESSION_THRESHOLD)


def visible_indicators(user: Any) -> Any:
    qs = Indicator.objects.all()
    if not permissions.can_see_restricted(user):
        qs = qs.exclude(sensitivity=Sensitivity.RESTRICTED)
    return qs


@dataclass
class BudgetTotal:
    currency: str
    allocated: Decimal
    disbursed: Decimal
    spent: Decimal

    @property
    def disbursed_share(self) -> int | None:
        if not self.allocated:
            return None
        return round(100 * self.disbursed / self.allocated)


def _amount(value: Decimal) -> str:
    """An amount as the reader's language writes it, with digit grouping."""
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def budget_chart(totals: Sequence[BudgetTotal], title: str) -> SafeString:
    groups = [
        charts.Group(
            t.currency,
            [
                charts.Bar(_("allocated"), t.allocated, "allocated", _amount(t.allocated)),
                charts.Bar(_("disbursed"), t.disbursed, "disbursed", _amount(t.disbursed)),
                charts.Bar(_("spent"), t.spent, "spent", _amount(t.spent)),
            ],
        )
        for t in totals
    ]
    desc = "; ".join(
        _("%(currency)s: allocated %(allocated)s, disbursed %(disbursed)s, spent %(spent)s")
        % {
            "currency": t.currency,
            "allocated": _amount(t.allocated),
            "disbursed": _amount(t.disbursed),
            "spent": _amount(t.spent),
        }
        for t in totals
    )
    return mark_safe(charts.grouped_bars(groups, title=title, desc=desc))  # noqa: S308


# --- home ------------------------------------------------------------------------------------


@dataclass
class InstrumentItem:
    instrument: Instrument
    headline: Headline


@dataclass
class CountryGroup:
    code: str
    name: str
    items: list[InstrumentItem]


@dataclass
class HomePage:
    headline: Headline
    countries: list[CountryGroup]
    organisations: int


def home_page(*, today: dt.date) -> HomePage:
    """Public instruments grouped by country, and headline figures over the current ones.

    The figures are counted in the database per instrument, so the rows read do not grow with
    the number of commitments or ratings."""
    instruments = list(
        Instrument.objects.public().select_related("issuer").order_by("country", "title", "version")
    )
    figures = {
        row["instrument"]: Headline.of_figures(row)
        for row in Commitment.objects.public()
        .with_latest_statuses()
        .values("instrument")
        .annotate(**headline_aggregates(today))
        .order_by()
    }
    groups: dict[str, CountryGroup] = {}
    for inst in instruments:
        group = groups.setdefault(
            inst.country, CountryGroup(inst.country, country_label(inst.country), [])
        )
        group.items.append(InstrumentItem(inst, figures.get(inst.pk) or Headline()))
    current = Headline.total(
        figures[inst.pk]
        for inst in instruments
        if inst.status == InstrumentStatus.ADOPTED and inst.pk in figures
    )
    organisations = Responsibility.objects.filter(
        commitment__instrument__status=InstrumentStatus.ADOPTED
    ).aggregate(n=Count("organisation", distinct=True))["n"]
    return HomePage(
        headline=current,
        countries=sorted(groups.values(), key=lambda g: (g.code == "", g.name)),
        organisations=organisations or 0,
    )


# --- instrument ------------------------------------------------------------------------------


@dataclass
class IndicatorProgress:
    indicator: Indicator
    shown: str
    target_shown: str
    kind: str
    chart: SafeString


@dataclass
class CommitmentRow:
    commitment: Commitment
    ratings: SideBySide
    overdue: bool
    leads: list[Organisation]
    partners: list[Organisation]
    indicators: list[IndicatorProgress] = field(default_factory=list)
    budget: list[BudgetTotal] = field(default_factory=list)

    @property
    def organisation_slugs(self) -> set[str]:
        return {o.slug for o in self.leads + self.partners}


@dataclass
class PillarGroup:
    name: str
    key: str
    rows: list[CommitmentRow]


@dataclass
class InstrumentPage:
    instrument: Instrument
    groups: list[PillarGroup]
    shown: int
    total: int
    headline: Headline
    strength: list[Tally]
    strength_chart: SafeString
    budget: list[BudgetTotal]
    budget_chart: SafeString | None
    periods: list[ReportingPeriod]
    pillar_options: list[tuple[str, str]]
    organisation_options: list[tuple[str, str]]
    previous: Instrument | None
    later: list[Instrument]


@dataclass(frozen=True)
class Filters:
    pillar: str = ""
    status: str = ""
    organisation: str = ""
    overdue: bool = False
    disagree: bool = False
    sort: str = "reference"


SORTS = ("reference", "deadline", "status", "gap")


def _matches(row: CommitmentRow, f: Filters) -> bool:
    c = row.commitment
    if f.pillar and (c.pillar.key if c.pillar else "") != f.pillar:
        return False
    if f.status:
        statuses = {
            r.status for r in (row.ratings.self, row.ratings.shadow, row.ratings.joint) if r
        }
        if f.status == Status.NO_EVIDENCE and not statuses:
            pass
        elif f.status not in statuses:
            return False
    if f.organisation and f.organisation not in row.organisation_slugs:
        return False
    if f.overdue and not row.overdue:
        return False
    if f.disagree and not row.ratings.disagree:
        return False
    return True


def _sort_key(sort: str) -> Any:
    far = dt.date.max

    def key(row: CommitmentRow) -> tuple[Any, ...]:
        c = row.commitment
        base = (c.order, c.pk)
        if sort == "deadline":
            return (c.deadline or far, *base)
        if sort == "status":
            level = row.ratings.self.level if row.ratings.self else None
            return (-1 if level is None else level, *base)
        if sort == "gap":
            gap = row.ratings.gap
            return (-(abs(gap) if gap is not None else -1), *base)
        return base

    return key


def _budget_totals(rows: Iterable[dict[str, Any]]) -> list[BudgetTotal]:
    return [
        BudgetTotal(r["currency"], r["allocated"] or 0, r["disbursed"] or 0, r["spent"] or 0)
        for r in rows
    ]


def _series_choice(series: dict[tuple[int, str], Any], indicator_id: int) -> tuple[str, Any]:
    for kind in (ReportKind.SELF, ReportKind.JOINT, ReportKind.SHADOW):
        found = series.get((indicator_id, kind))
        if found is not None:
            return kind, found
    return "", None


def instrument_page(
    instrument: Instrument, *, user: Any, today: dt.date, filters: Filters
) -> InstrumentPage:
    """An instrument's commitments by pillar, with ratings side by side, filtered and sorted."""
    commitments = list(
        Commitment.objects.filter(instrument=instrument)
        .select_related("pillar")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organisation").order_by(
                    "kind", "organisation__name"
                ),
            )
        )
    )
    ratings = ratings_for(c.pk for c in commitments)
    overdue = overdue_ids(commitments, ratings, today=today)
    indicators = list(
        visible_indicators(user)
        .filter(commitment__instrument=instrument)
        .select_related("commitment")
        .order_by("commitment_id", "code", "id")
    )
    series = indicator_series(indicators)
    lines = (
        BudgetLine.objects.filter(commitment__instrument=instrument)
        .values("commitment_id", "currency")
        .annotate(allocated=Sum("allocated"), disbursed=Sum("disbursed"), spent=Sum("spent"))
        .order_by("commitment_id", "currency")
    )
    budget_by_commitment: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        budget_by_commitment[line["commitment_id"]].append(line)
    indicators_by_commitment: dict[int, list[IndicatorProgress]] = defaultdict(list)
    for ind in indicators:
        kind, found = _series_choice(series, ind.pk)
        total = found.total if found else None
        last_text = next((p.text for p in reversed(found.points) if p.text), "") if found else ""
        shown = value_text(ind, total, last_text)
        target_shown = value_text(ind, ind.target) if ind.target is not None else ""
        desc = _("Latest total %(value)s against a target of %(target)s.") % {
            "value": shown or _("not reported"),
            "target": target_shown or _("none set"),
        }
        chart = mark_safe(  # noqa: S308
            charts.progress_bar(
                plotted(ind, total),
                ind.target if ind.measure != Measure.TEXT else None,
                title=str(ind.definition)[:120],
                desc=desc,
                width=160,
            )
        )
        indicators_by_commitment[ind.commitment_id].append(
            IndicatorProgress(ind, shown, target_shown, kind, chart)
        )
    rows = []
    for c in commitments:
        resp = list(c.responsibilities.all())
        rows.append(
            CommitmentRow(
                commitment=c,
                ratings=ratings[c.pk],
                overdue=c.pk in overdue,
                leads=[r.organisation for r in resp if r.kind == Responsibility.Kind.LEAD],
                partners=[r.organisation for r in resp if r.kind != Responsibility.Kind.LEAD],
                indicators=indicators_by_commitment.get(c.pk, []),
                budget=_budget_totals(budget_by_commitment.get(c.pk, [])),
            )
        )
    pillar_options: dict[str, str] = {}
    organisation_options: dict[str, str] = {}
    for row in rows:
        if row.commitment.pillar:
            pillar_options[row.commitment.pillar.key] = pillar_label(row.commitment.pillar)
        for org in row.leads + row.partners:
            organisation_options[org.slug] = org.name
    shown_rows = sorted((r for r in rows if _matches(r, filters)), key=_sort_key(filters.sort))
    groups: dict[str, PillarGroup] = {}
    pillar_order = {p.key: (p.order, p.name) for p in (r.commitment.pillar for r in rows) if p}
    for row in shown_rows:
        p = row.commitment.pillar
        key = p.key if p else ""
        groups.setdefault(
            key, PillarGroup(pillar_label(p) if p else _("Without a pillar"), key, [])
        )
        groups[key].rows.append(row)
    ordered = sorted(groups.values(), key=lambda g: pillar_order.get(g.key, (10_000, "")))
    totals = _budget_totals(
        BudgetLine.objects.filter(commitment__instrument=instrument)
        .values("currency")
        .annotate(allocated=Sum("allocated"), disbursed=Sum("disbursed"), spent=Sum("spent"))
        .order_by("currency")
    )
    profile = strength_profile(commitments)
    versions = list(
        Instrument.objects.public()
        .filter(lineage=instrument.lineage)
        .exclude(pk=instrument.pk)
        .order_by("version")
    )
    return InstrumentPage(
        instrument=instrument,
        groups=ordered,
        shown=len(shown_rows),
        total=len(rows),
        headline=headline_of(commitments, ratings, overdue),
        strength=profile,
        strength_chart=strength_chart(profile),
        budget=totals,
        budget_chart=budget_chart(totals, _("Budget allocated, disbursed and spent"))
        if totals
        else None,
        periods=list(instrument.periods.order_by("start")),
        pillar_options=sorted(pillar_options.items(), key=lambda kv: pillar_order[kv[0]]),
        organisation_options=sorted(organisation_options.items(), key=lambda kv: kv[1]),
        previous=next((v for v in versions if v.version < instrument.version), None),
        later=[v for v in versions if v.version > instrument.version],
    )


# --- commitment ------------------------------------------------------------------------------


@dataclass
class AssessmentView:
    """What the analyser said, read defensively: any key may be absent or shaped differently."""

    strength: str
    strength_label: str
    explanation: str
    missing: list[str]
    suggestions: list[str]
    elements: list[str]
    hedges: list[str]


def _as_texts(value: Any) -> list[str]:
    if value in (None, "", [], {}):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            if isinstance(v, bool):
                if v:
                    out.append(str(k))
            elif v not in (None, "", [], {}):
                out.append(f"{k}: {', '.join(_as_texts(v))}")
        return out
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            if isinstance(item, dict):
                text = item.get("text") or item.get("suggestion") or item.get("message")
                label = item.get("element") or item.get("kind") or item.get("name")
                if text and label:
                    out.append(f"{label}: {text}")
                elif text or label:
                    out.append(str(text or label))
                else:
                    out.extend(_as_texts(item))
            else:
                out.extend(_as_texts(item))
        return out
    return [str(value)]


def assessment_view(commitment: Commitment) -> AssessmentView:
    data = commitment.assessment if isinstance(commitment.assessment, dict) else {}
    strength = commitment.strength or str(data.get("strength") or "")
    label = str(Strength(strength).label) if strength in Strength.values else strength
    explanation = data.get("explanation")
    return AssessmentView(
        strength=strength,
        strength_label=label,
        explanation=" ".join(_as_texts(explanation)),
        missing=[element_label(m) for m in _as_texts(data.get("missing"))],
        suggestions=_as_texts(data.get("suggestions")),
        elements=_as_texts(data.get("elements")),
        hedges=_as_texts(data.get("hedges")),
    )


@dataclass
class HistoryItem:
    update: ProgressUpdate
    report: ProgressReport
    evidence: list[Evidence]
    replies: list[Reply]


@dataclass
class PeriodHistory:
    period: ReportingPeriod
    items: list[HistoryItem]

    @property
    def disagree(self) -> bool:
        kinds = {i.report.kind: i.update.status for i in self.items}
        return (
            ReportKind.SELF in kinds
            and ReportKind.SHADOW in kinds
            and kinds[ReportKind.SELF] != kinds[ReportKind.SHADOW]
        )


@dataclass
class SeriesRow:
    period: str
    target: str
    values: list[str]


@dataclass
class IndicatorView:
    indicator: Indicator
    kinds: list[str]
    kind_labels: list[str]
    rows: list[SeriesRow]
    totals: list[str]
    baseline: str
    target: str
    chart: SafeString | None


@dataclass
class CommitmentPage:
    commitment: Commitment
    leads: list[Organisation]
    partners: list[Organisation]
    assessment: AssessmentView
    ratings: SideBySide
    overdue: bool
    history: list[PeriodHistory]
    indicators: list[IndicatorView]
    budget: list[BudgetLine]
    budget_chart: SafeString | None
    reply_organisations: list[Organisation]


def evidence_visible(evidence: Evidence, report: ProgressReport, user: Any) -> bool:
    """Public evidence for everyone; restricted for signed-in members of any organisation;
    confidential only for members of the reporting organisation."""
    if evidence.sensitivity == Sensitivity.PUBLIC:
        return True
    if evidence.sensitivity == Sensitivity.RESTRICTED:
        return permissions.can_see_restricted(user)
    return bool(permissions.roles_in(user, report.organisation_id))


def reply_organisations(user: Any) -> list[Organisation]:
    """The government organisations in which the user may write a right of reply."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = Membership.objects.filter(
        user=user, role__in=[Role.FOCAL_POINT, Role.ADMINISTRATOR]
    ).select_related("organisation")
    orgs = {m.organisation for m in memberships if not m.organisation.is_civil_society()}
    return sorted(orgs, key=lambda o: o.name)


def indicator_views(indicators: Sequence[Indicator]) -> list[IndicatorView]:
    series = indicator_series(indicators)
    periods = []
    if indicators:
        instrument_ids = {i.commitment.instrument_id for i in indicators}
        periods = list(
            ReportingPeriod.objects.filter(instrument_id__in=instrument_ids).order_by("start")
        )
    views = []
    for ind in indicators:
        own = [p for p in periods if p.instrument_id == ind.commitment.instrument_id]
        kinds = [
            k
            for k in (ReportKind.SELF, ReportKind.SHADOW, ReportKind.JOINT)
            if (ind.pk, k) in series
        ]
        targets: list[Decimal | None] = [None] * len(own)
        rows = []
        for i, p in enumerate(own):
            values = []
            for k in kinds:
                point = series[(ind.pk, k)].points[i]
                if point.missing_reason:
                    values.append(_("missing (%(reason)s)") % {"reason": _missing(point)})
                else:
                    values.append(value_text(ind, point.value, point.text))
                if point.target is not None:
                    targets[i] = point.target
            rows.append(SeriesRow(p.label, "", values))
        # Targets are per indicator and period, so read them from any kind's series.
        for i, row in enumerate(rows):
            row.target = value_text(ind, targets[i]) if targets[i] is not None else ""
        totals = [value_text(ind, series[(ind.pk, k)].total) for k in kinds]
        chart = None
        if ind.measure != Measure.TEXT and own:
            lines = [
                charts.Line(
                    str(REPORTER_LABELS[k]),
                    [plotted(ind, pt.value) for pt in series[(ind.pk, k)].points],
                    css=f"kind-{k}",
                    marker=KIND_MARKERS[ReportKind(k)],
                )
                for k in kinds
            ]
            chart = mark_safe(  # noqa: S308
                charts.series_chart(
                    [p.label for p in own],
                    lines,
                    title=str(ind.definition)[:120],
                    desc=_("Values by reporting period; the table below lists them."),
                    targets=targets,
                    baseline=ind.baseline,
                    legend=(_("Target"), _("Baseline")),
                )
            )
        views.append(
            IndicatorView(
                indicator=ind,
                kinds=kinds,
                kind_labels=[str(REPORTER_LABELS[k]) for k in kinds],
                rows=rows,
                totals=totals,
                baseline=value_text(ind, ind.baseline) if ind.baseline is not None else "",
                target=value_text(ind, ind.target) if ind.target is not None else "",
                chart=chart,
            )
        )
    return views


def _missing(point: Any) -> str:
    from wpsmonitor.commitments.models import MissingReason

    reason = point.missing_reason
    return str(MissingReason(reason).label) if reason in MissingReason.values else reason


def commitment_page(commitment: Commitment, *, user: Any, today: dt.date) -> CommitmentPage:
    """One commitment in full: wording assessment, every published rating with its evidence
    and replies, indicator series and budget."""
    resp = list(
        Responsibility.objects.filter(commitment=commitment)
        .select_related("organisation")
        .order_by("kind", "organisation__name")
    )
    updates = list(
        ProgressUpdate.objects.filter(commitment=commitment, report__status=ReportStatus.PUBLISHED)
        .select_related("report__period", "report__organisation")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
        .order_by("report__period__start", "report__kind", "report__organisation__name")
    )
    shadow_ids = [u.report_id for u in updates if u.report.kind == ReportKind.SHADOW]
    replies: dict[int, list[Reply]] = defaultdict(list)
    if shadow_ids:
        for reply in (
            Reply.objects.filter(report_id__in=shadow_ids)
            .filter(Q(commitment=commitment) | Q(commitment__isnull=True))
            .select_related("organisation")
            .order_by("created_at", "id")
        ):
            replies[reply.report_id].append(reply)
    history: dict[int, PeriodHistory] = {}
    for u in updates:
        entry = history.setdefault(u.report.period_id, PeriodHistory(u.report.period, []))
        entry.items.append(
            HistoryItem(
                update=u,
                report=u.report,
                evidence=[e for e in u.evidence.all() if evidence_visible(e, u.report, user)],
                replies=replies.get(u.report_id, []),
            )
        )
    ratings = ratings_for([commitment.pk])
    indicators = list(
        visible_indicators(user)
        .filter(commitment=commitment)
        .select_related("commitment")
        .order_by("code", "id")
    )
    budget = list(BudgetLine.objects.filter(commitment=commitment).order_by("fiscal_year", "id"))
    totals = _budget_totals(
        BudgetLine.objects.filter(commitment=commitment)
        .values("currency")
        .annotate(allocated=Sum("allocated"), disbursed=Sum("disbursed"), spent=Sum("spent"))
        .order_by("currency")
    )
    return CommitmentPage(
        commitment=commitment,
        leads=[r.organisation for r in resp if r.kind == Responsibility.Kind.LEAD],
        partners=[r.organisation for r in resp if r.kind != Responsibility.Kind.LEAD],
        assessment=assessment_view(commitment),
        ratings=ratings[commitment.pk],
        overdue=bool(overdue_ids([commitment], ratings, today=today)),
        history=sorted(history.values(), key=lambda h: h.period.start, reverse=True),
        indicators=indicator_views(indicators),
        budget=budget,
        budget_chart=budget_chart(totals, _("Budget allocated, disbursed and spent"))
        if totals
        else None,
        reply_organisations=reply_organisations(user),
    )


# --- organisation ----------------------------------------------------------------------------


@dataclass
class OrganisationRow:
    commitment: Commitment
    ratings: SideBySide
    overdue: bool
    role: str


ORGANISATION_PAGE_SIZE = 50


@dataclass
class OrganisationPage:
    organisation: Organisation
    rows: list[OrganisationRow]
    pager: Page[Any]
    self_counts: list[Tally]
    shadow_counts: list[Tally]
    status_chart: SafeString
    overdue: list[OrganisationRow]
    rated_lower: list[OrganisationRow]
    strength: list[Tally]
    strength_chart: SafeString
    headline: Headline
    reports: list[ProgressReport]


def _tallies(figures: dict[str, Any], prefix: str) -> list[Tally]:
    return [Tally(str(s), str(Status(s).label), figures[f"{prefix}{s}"] or 0) for s in STATUS_ORDER]


def strength_profile_of(commitments: CommitmentQuerySet) -> list[Tally]:
    """As ``strength_profile``, counted in the database."""
    counts: Counter[str] = Counter()
    for row in commitments.values("strength").annotate(n=Count("pk")).order_by():
        counts[row["strength"] or Strength.NONE] += row["n"]
    return [Tally(str(s), str(Strength(s).label), counts.get(s, 0)) for s in STRENGTH_ORDER]


def organisation_page(
    organisation: Organisation, *, today: dt.date, page_number: Any = 1
) -> OrganisationPage:
    """An organisation's accountability record over the current public instruments.

    Figures are counted in the database; the full list of its commitments comes a page at a
    time (``page_number``, out-of-range values fall back to the first or last page)."""
    commitments = Commitment.objects.filter(
        responsibilities__organisation=organisation,
        instrument__status=InstrumentStatus.ADOPTED,
    )
    statuses = commitments.with_latest_statuses()
    figures = statuses.aggregate(
        **headline_aggregates(today),
        **{f"official_{s}": Count("pk", filter=official_status_q(s)) for s in STATUS_ORDER},
        **{f"shadow_{s}": Count("pk", filter=shadow_status_q(s)) for s in STATUS_ORDER},
    )
    responsibilities = (
        Responsibility.objects.filter(
            organisation=organisation,
            commitment__instrument__status=InstrumentStatus.ADOPTED,
        )
        .select_related("commitment__instrument", "commitment__pillar")
        .order_by("commitment__instrument__title", "commitment__order", "commitment_id")
    )
    pager = Paginator(responsibilities, ORGANISATION_PAGE_SIZE).get_page(page_number)
    listed = list(pager.object_list)
    overdue_resp = list(
        responsibilities.filter(commitment__in=statuses.filter(overdue_q(today)).values("pk"))
    )
    lower_resp = list(
        responsibilities.filter(commitment__in=statuses.filter(shadow_lower_q()).values("pk"))
    )
    ratings = ratings_for({r.commitment_id for r in (*listed, *overdue_resp, *lower_resp)})
    overdue = {r.commitment_id for r in overdue_resp}

    def rows_of(resps: Iterable[Responsibility]) -> list[OrganisationRow]:
        return [
            OrganisationRow(
                r.commitment,
                ratings[r.commitment_id],
                r.commitment_id in overdue,
                r.get_kind_display(),
            )
            for r in resps
        ]

    self_counts = _tallies(figures, "official_")
    shadow_counts = _tallies(figures, "shadow_")
    status_chart = mark_safe(  # noqa: S308
        charts.stacked_bar(
            [charts.Segment(c.label, c.count, f"status-{c.key}") for c in self_counts],
            title=_("Status of its commitments as the government reports it"),
            desc=", ".join(f"{c.label}: {c.count}" for c in self_counts),
        )
    )
    profile = strength_profile_of(commitments)
    reports = list(
        ProgressReport.objects.published()
        .filter(organisation=organisation)
        .select_related("period__instrument")
        .order_by("-period__start", "kind")
    )
    return OrganisationPage(
        organisation=organisation,
        rows=rows_of(listed),
        pager=pager,
        self_counts=self_counts,
        shadow_counts=shadow_counts,
        status_chart=status_chart,
        overdue=rows_of(overdue_resp),
        rated_lower=rows_of(lower_resp),
        strength=profile,
        strength_chart=strength_chart(profile),
        headline=Headline.of_figures(figures),
        reports=reports,
    )
