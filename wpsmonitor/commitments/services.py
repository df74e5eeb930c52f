"""Every write that touches several rows or has side effects. Each records its history."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, is_dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from wpsmonitor.core.history import record, save_recorded, snapshot
from wpsmonitor.core.models import HistoryEntry, Organisation

from . import permissions
from .exceptions import (
    DomainError,
    InstrumentFrozen,
    InvalidValue,
    NotAllowed,
    PeriodNotOpen,
    ReportNotEditable,
)
from .models import (
    BudgetLine,
    Commitment,
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Instrument,
    InstrumentKind,
    InstrumentStatus,
    Measure,
    MissingReason,
    PeriodStatus,
    Pillar,
    ProgressReport,
    ProgressUpdate,
    Reply,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Responsibility,
    Sensitivity,
    Status,
    disaggregation_key,
)

REGISTER_OF_KIND = {
    InstrumentKind.RESOLUTION: "resolution",
    InstrumentKind.NATIONAL_PLAN: "plan",
    InstrumentKind.REGIONAL_PLAN: "plan",
    InstrumentKind.LOCAL_PLAN: "plan",
    InstrumentKind.STRATEGY: "plan",
    InstrumentKind.PLEDGE: "plan",
    InstrumentKind.PEACE_AGREEMENT: "treaty",
    InstrumentKind.MEETING_OUTCOME: "recommendation",
    InstrumentKind.ADVOCACY_LETTER: "letter",
}


# --- wording assessment ----------------------------------------------------------------------


def assessment_of(text: str, *, instrument_kind: str) -> tuple[str, dict[str, Any], str]:
    """The analyser's verdict on a commitment's text: (strength, assessment data, version)."""
    from wpsmonitor import language

    result = language.assess(text, register=REGISTER_OF_KIND.get(instrument_kind))
    data = result.to_dict() if hasattr(result, "to_dict") else _plain(result)
    return result.strength, data, language.ANALYSER_VERSION


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _assess_into(commitment: Commitment) -> None:
    strength, data, version = assessment_of(
        commitment.text, instrument_kind=commitment.instrument.kind
    )
    commitment.strength, commitment.assessment, commitment.analyser_version = (
        strength,
        data,
        version,
    )


# --- instruments ---------------------------------------------------------------------------


def _ensure_editable(instrument: Instrument) -> None:
    """Refuse a change to a frozen instrument, judged by its stored status (not a stale copy)."""
    stored = Instrument.objects.filter(pk=instrument.pk).values_list("status", flat=True).first()
    if stored is not None:
        instrument.status = stored
    if instrument.is_frozen():
        raise InstrumentFrozen(
            f"“{instrument}” is {instrument.get_status_display().lower()} and frozen: "
            "it cannot be edited. Create a revision (a new version) to change it."
        )


@transaction.atomic
def instrument_create(*, by: Any, **fields: Any) -> Instrument:
    """Create an instrument (as a draft unless a status is given)."""
    from wpsmonitor.core.models import unique_slug

    instrument = Instrument(**fields)
    if not instrument.slug:
        instrument.slug = unique_slug(Instrument, f"{instrument.title}-v{instrument.version}")
    instrument.full_clean()
    save_recorded(instrument, by=by)
    return instrument


@transaction.atomic
def instrument_update(*, instrument: Instrument, by: Any, **fields: Any) -> Instrument:
    """Change a draft instrument's fields; an adopted one refuses."""
    current = Instrument.objects.select_for_update().get(pk=instrument.pk)
    _ensure_editable(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    save_recorded(current, by=by)
    return current


@transaction.atomic
def instrument_adopt(*, instrument: Instrument, by: Any, on: dt.date) -> Instrument:
    """Adopt an instrument: from now on it is frozen. The version it revises is superseded."""
    current = Instrument.objects.select_for_update().get(pk=instrument.pk)
    _ensure_editable(current)
    before = snapshot(current)
    current.status, current.adopted_on = InstrumentStatus.ADOPTED, on
    current.save()
    record(obj=current, action=HistoryEntry.Action.TRANSITION, by=by, before=before)
    if current.previous_version_id:
        previous = Instrument.objects.select_for_update().get(pk=current.previous_version_id)
        before = snapshot(previous)
        previous.status = InstrumentStatus.SUPERSEDED
        previous.save()
        record(
            obj=previous,
            action=HistoryEntry.Action.TRANSITION,
            by=by,
            before=before,
            reason=f"superseded by version {current.version}",
        )
    return current


@transaction.atomic
def instrument_revise(*, instrument: Instrument, by: Any, title: str | None = None) -> Instrument:
    """A new draft version of an adopted instrument, copying its commitments and indicators;
    each copy keeps the lineage of the row it came from."""
    from wpsmonitor.core.models import unique_slug

    if not instrument.is_frozen():
        raise DomainError("Only an adopted instrument is revised; edit this draft directly.")
    if Instrument.objects.filter(previous_version=instrument).exists():
        raise DomainError(f"“{instrument}” already has a revision; revise the latest version.")
    new = Instrument(
        kind=instrument.kind,
        title=title or instrument.title,
        issuer=instrument.issuer,
        country=instrument.country,
        period_start=instrument.period_start,
        period_end=instrument.period_end,
        language=instrument.language,
        version=instrument.version + 1,
        lineage=instrument.lineage,
        previous_version=instrument,
        status=InstrumentStatus.DRAFT,
        summary=instrument.summary,
        is_sample=instrument.is_sample,
    )
    new.slug = unique_slug(Instrument, f"{new.title}-v{new.version}")
    save_recorded(new, by=by, reason=f"revision of version {instrument.version}")
    commitments = list(instrument.commitments.prefetch_related("responsibilities", "indicators"))
    for old in commitments:
        copy = Commitment.objects.create(
            instrument=new,
            reference=old.reference,
            order=old.order,
            text=old.text,
            pillar_id=old.pillar_id,
            objective=old.objective,
            deadline=old.deadline,
            deadline_text=old.deadline_text,
            target=old.target,
            budget_amount=old.budget_amount,
            budget_currency=old.budget_currency,
            budget_source=old.budget_source,
            budget_text=old.budget_text,
            lineage=old.lineage,
            previous=old,
            strength=old.strength,
            assessment=old.assessment,
            analyser_version=old.analyser_version,
        )
        Responsibility.objects.bulk_create(
            Responsibility(commitment=copy, organisation_id=r.organisation_id, kind=r.kind)
            for r in old.responsibilities.all()
        )
        for ind in old.indicators.all():
            fields = {
                f.attname: getattr(ind, f.attname)
                for f in Indicator._meta.concrete_fields
                if f.attname not in {"id", "commitment_id", "previous_id"}
            }
            Indicator.objects.create(commitment=copy, previous=ind, **fields)
    record(
        obj=new,
        action=HistoryEntry.Action.UPDATE,
        by=by,
        reason=f"copied {len(commitments)} commitments from version {instrument.version}",
    )
    return new


# --- commitments and indicators --------------------------------------------------------------


@transaction.atomic
def commitment_create(
    *,
    instrument: Instrument,
    text: str,
    by: Any,
    reference: str = "",
    pillar: Pillar | None = None,
    lead: Sequence[Organisation] = (),
    partners: Sequence[Organisation] = (),
    **fields: Any,
) -> Commitment:
    """Add a commitment to a draft instrument, graded by the analyser."""
    _ensure_editable(instrument)
    if not text.strip():
        raise InvalidValue("A commitment needs its text.", field="text")
    order = fields.pop("order", None)
    if order is None:
        order = instrument.commitments.count() + 1
    commitment = Commitment(
        instrument=instrument,
        text=text.strip(),
        reference=reference,
        pillar=pillar,
        order=order,
        **fields,
    )
    _assess_into(commitment)
    commitment.full_clean(exclude=["organisations"])
    save_recorded(commitment, by=by)
    responsibilities_set(commitment=commitment, lead=lead, partners=partners, by=by)
    return commitment


def responsibilities_set(
    *,
    commitment: Commitment,
    lead: Iterable[Organisation],
    partners: Iterable[Organisation],
    by: Any,
) -> None:
    rows = [(org, Responsibility.Kind.LEAD) for org in lead]
    seen = {org.pk for org, _ in rows}
    rows += [(org, Responsibility.Kind.PARTNER) for org in partners if org.pk not in seen]
    existing = {r.organisation_id: r for r in commitment.responsibilities.all()}
    wanted = {org.pk for org, _ in rows}
    for org_id, resp in existing.items():
        if org_id not in wanted:
            before = snapshot(resp)
            resp.delete()
            record(
                obj=commitment,
                action=HistoryEntry.Action.DELETE,
                by=by,
                before=before,
                reason="responsibility removed",
            )
    for org, kind in rows:
        resp = existing.get(org.pk)
        if resp is None:
            resp = Responsibility.objects.create(commitment=commitment, organisation=org, kind=kind)
            record(obj=resp, action=HistoryEntry.Action.CREATE, by=by)
        elif resp.kind != kind:
            resp.kind = kind
            save_recorded(resp, by=by)


@transaction.atomic
def commitment_update(*, commitment: Commitment, by: Any, **fields: Any) -> Commitment:
    """Edit a commitment of a draft instrument; a new text is graded again."""
    current = Commitment.objects.select_related("instrument").get(pk=commitment.pk)
    _ensure_editable(current.instrument)
    lead, partners = fields.pop("lead", None), fields.pop("partners", None)
    text_changed = "text" in fields and fields["text"] != current.text
    for name, value in fields.items():
        setattr(current, name, value)
    if text_changed:
        _assess_into(current)
    current.full_clean(exclude=["organisations"])
    save_recorded(current, by=by)
    if lead is not None or partners is not None:
        responsibilities_set(commitment=current, lead=lead or [], partners=partners or [], by=by)
    return current


def commitment_reassess(*, commitments: Iterable[Commitment], by: Any) -> int:
    """Grade again with the current analyser, where the stored version differs; the count."""
    from wpsmonitor import language

    changed = 0
    for commitment in commitments:
        if commitment.analyser_version == language.ANALYSER_VERSION:
            continue
        before = snapshot(commitment)
        _assess_into(commitment)
        Commitment.objects.filter(pk=commitment.pk).update(
            strength=commitment.strength,
            assessment=commitment.assessment,
            analyser_version=commitment.analyser_version,
        )
        record(
            obj=commitment,
            action=HistoryEntry.Action.UPDATE,
            by=by,
            before=before,
            after=snapshot(commitment),
            reason="analyser version changed",
        )
        changed += 1
    return changed


@transaction.atomic
def indicator_create(
    *,
    commitment: Commitment,
    definition: str,
    measure: str,
    by: Any,
    targets: dict[ReportingPeriod, Decimal] | None = None,
    **fields: Any,
) -> Indicator:
    """Add an indicator (and its per-period targets) to a commitment of a draft instrument."""
    _ensure_editable(commitment.instrument)
    indicator = Indicator(commitment=commitment, definition=definition, measure=measure, **fields)
    unknown = set(indicator.disaggregations) - {"sex", "age_band", "location", "ethnicity"}
    if unknown:
        raise InvalidValue(
            f"Unknown disaggregation {', '.join(sorted(unknown))}; use sex, age_band, location "
            "or ethnicity.",
            field="disaggregations",
        )
    indicator.full_clean()
    save_recorded(indicator, by=by)
    for period, value in (targets or {}).items():
        target = IndicatorTarget.objects.create(indicator=indicator, period=period, value=value)
        record(obj=target, action=HistoryEntry.Action.CREATE, by=by)
    return indicator


@transaction.atomic
def budget_line_set(
    *,
    commitment: Commitment,
    fiscal_year: int,
    by: Any,
    currency: str = "EUR",
    source: str = "domestic",
    allocated: Decimal = Decimal(0),
    disbursed: Decimal = Decimal(0),
    spent: Decimal = Decimal(0),
    funder: Organisation | None = None,
) -> BudgetLine:
    """Record what was allocated, disbursed and spent for a commitment in one fiscal year."""
    for name, amount in (("allocated", allocated), ("disbursed", disbursed), ("spent", spent)):
        if amount < 0:
            raise InvalidValue(f"{name.capitalize()} cannot be negative.", field=name)
    line = BudgetLine.objects.filter(
        commitment=commitment, fiscal_year=fiscal_year, source=source, currency=currency
    ).first() or BudgetLine(
        commitment=commitment, fiscal_year=fiscal_year, source=source, currency=currency
    )
    line.allocated, line.disbursed, line.spent, line.funder = allocated, disbursed, spent, funder
    save_recorded(line, by=by)
    return line


# --- periods ---------------------------------------------------------------------------------


@transaction.atomic
def period_create(
    *, instrument: Instrument, label: str, start: dt.date, end: dt.date, by: Any
) -> ReportingPeriod:
    if end < start:
        raise InvalidValue("The period ends before it starts.", field="end")
    period = ReportingPeriod(instrument=instrument, label=label, start=start, end=end)
    period.full_clean()
    save_recorded(period, by=by)
    return period


def _period_transition(period: ReportingPeriod, status: str, by: Any, reason: str = "") -> None:
    before = snapshot(period)
    period.status = status
    period.save(update_fields=["status"])
    record(obj=period, action=HistoryEntry.Action.TRANSITION, by=by, before=before, reason=reason)


@transaction.atomic
def period_close(*, period: ReportingPeriod, by: Any) -> ReportingPeriod:
    """Close a period: drafts can no longer be edited; submitted reports can still be published."""
    if period.status != PeriodStatus.OPEN:
        raise PeriodNotOpen(f"The period {period} is already {period.get_status_display()}.")
    _period_transition(period, PeriodStatus.CLOSED, by)
    return period


@transaction.atomic
def period_lock(*, period: ReportingPeriod, by: Any) -> ReportingPeriod:
    """Lock a period: nothing in it can change until it is reopened with a reason."""
    if period.is_locked():
        raise PeriodNotOpen(f"The period {period} is already locked.")
    _period_transition(period, PeriodStatus.LOCKED, by)
    return period


@transaction.atomic
def period_reopen(*, period: ReportingPeriod, reason: str, by: Any) -> ReportingPeriod:
    """Reopen a closed or locked period; the reason is kept in the history."""
    if period.status == PeriodStatus.OPEN:
        raise DomainError(f"The period {period} is already open.")
    if not reason.strip():
        raise InvalidValue("Say why the period is reopened.", field="reason")
    _period_transition(period, PeriodStatus.OPEN, by, reason=reason.strip())
    return period


# --- reports ---------------------------------------------------------------------------------


def _ensure_writer(report: ProgressReport, by: Any) -> None:
    if not permissions.can_write_report(by, organisation=report.organisation, kind=report.kind):
        raise NotAllowed(
            f"You may not write the {report.get_kind_display().lower()} report of "
            f"{report.organisation}."
        )


def _ensure_report_editable(report: ProgressReport) -> None:
    if not report.period.accepts_edits():
        raise PeriodNotOpen(
            f"The reporting period {report.period} is {report.period.get_status_display().lower()}"
            ": its reports cannot be changed. An administrator can reopen it, giving a reason."
        )
    if report.status != ReportStatus.DRAFT:
        raise ReportNotEditable(
            f"This report is {report.get_status_display().lower()} and can no longer be edited."
        )


@transaction.atomic
def report_create(
    *, period: ReportingPeriod, organisation: Organisation, kind: str, by: Any, title: str = ""
) -> ProgressReport:
    """Open a draft report of ``kind`` for ``organisation`` in an open period."""
    if not permissions.can_write_report(by, organisation=organisation, kind=kind):
        if kind == ReportKind.SHADOW and not organisation.is_civil_society():
            raise NotAllowed("Shadow reports are written by civil-society organisations.")
        raise NotAllowed(f"You may not write a {kind} report for {organisation}.")
    if not period.accepts_edits():
        raise PeriodNotOpen(f"The reporting period {period} is not open for reports.")
    if ProgressReport.objects.filter(period=period, organisation=organisation, kind=kind).exists():
        raise DomainError(f"{organisation} already has a {kind} report for {period}.")
    report = ProgressReport(
        period=period,
        organisation=organisation,
        kind=kind,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        title=title,
    )
    save_recorded(report, by=by)
    return report


@transaction.atomic
def update_record(
    *,
    report: ProgressReport,
    commitment: Commitment,
    status: str,
    narrative: str = "",
    challenges: str = "",
    by: Any,
) -> ProgressUpdate:
    """Record one commitment's status in a report that is still open for editing."""
    _ensure_writer(report, by)
    _ensure_report_editable(report)
    if commitment.instrument_id != report.period.instrument_id:
        raise InvalidValue(
            "That commitment is not in this report's instrument.", field="commitment"
        )
    if status not in Status.values:
        raise InvalidValue(
            f"Unknown status {status!r}; use one of {', '.join(Status.values)}.", field="status"
        )
    update = ProgressUpdate.objects.filter(report=report, commitment=commitment).first()
    if update is None:
        update = ProgressUpdate(report=report, commitment=commitment)
    update.status, update.narrative, update.challenges = status, narrative, challenges
    save_recorded(update, by=by)
    return update


def parse_decimal(raw: Any, *, field: str) -> Decimal:
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, bool) or raw is None:
        raise InvalidValue("Enter a number.", field=field)
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise InvalidValue(f"{raw!r} is not a number.", field=field) from None
    if not value.is_finite():
        raise InvalidValue(f"{raw!r} is not a number.", field=field)
    return value


@transaction.atomic
def value_record(
    *,
    report: ProgressReport,
    indicator: Indicator,
    by: Any,
    value: Any = None,
    scale_level: int | None = None,
    text: str = "",
    missing_reason: str = "",
    disaggregation: dict[str, str] | None = None,
    note: str = "",
) -> IndicatorValue:
    """Record an indicator's typed value (or the reason it is missing) in an editable report."""
    _ensure_writer(report, by)
    _ensure_report_editable(report)
    if indicator.commitment.instrument_id != report.period.instrument_id:
        raise InvalidValue("That indicator is not in this report's instrument.", field="indicator")
    cell = dict(disaggregation or {})
    unknown = set(cell) - set(indicator.disaggregations)
    if unknown:
        raise InvalidValue(
            f"This indicator is not disaggregated by {', '.join(sorted(unknown))}.",
            field="disaggregation",
        )
    number: Decimal | None = None
    level: int | None = None
    if missing_reason:
        if missing_reason not in MissingReason.values:
            raise InvalidValue(f"Unknown reason {missing_reason!r}.", field="missing_reason")
        if value not in (None, "") or scale_level is not None or text:
            raise InvalidValue(
                "Give a value or a reason it is missing, not both.", field="missing_reason"
            )
        text = ""
    elif indicator.measure in (Measure.NUMBER, Measure.PERCENTAGE):
        number = parse_decimal(value, field="value")
        if indicator.measure == Measure.PERCENTAGE and not (0 <= number <= 100):
            raise InvalidValue("A percentage lies between 0 and 100.", field="value")
        if (
            indicator.measure == Measure.NUMBER
            and indicator.unit in ("", "count", "people")
            and number < 0
        ):
            raise InvalidValue("A count cannot be negative.", field="value")
    elif indicator.measure == Measure.YES_NO:
        if value in (True, "yes", "true", "1", 1):
            number = Decimal(1)
        elif value in (False, "no", "false", "0", 0):
            number = Decimal(0)
        else:
            raise InvalidValue("Answer yes or no.", field="value")
    elif indicator.measure == Measure.SCALE:
        levels = len(indicator.scale_levels)
        if scale_level is None or not (0 <= int(scale_level) < max(levels, 1)):
            raise InvalidValue(f"Choose a level from 0 to {levels - 1}.", field="scale_level")
        level = int(scale_level)
    elif indicator.measure == Measure.TEXT:
        if not text.strip():
            raise InvalidValue("Enter the value as text, or a reason it is missing.", field="text")
    key = disaggregation_key(cell)
    row = IndicatorValue.objects.filter(
        report=report, indicator=indicator, disaggregation_key=key
    ).first() or IndicatorValue(
        report=report, indicator=indicator, disaggregation_key=key, disaggregation=cell
    )
    row.value, row.scale_level, row.text_value = number, level, text.strip()
    row.missing_reason, row.note = missing_reason, note
    save_recorded(row, by=by)
    return row


@transaction.atomic
def evidence_add(
    *,
    update: ProgressUpdate,
    title: str,
    by: Any,
    url: str = "",
    file: UploadedFile | None = None,
    date: dt.date | None = None,
    sensitivity: str = Sensitivity.PUBLIC,
) -> Evidence:
    """Attach a file or a link as evidence to an update in an editable report."""
    _ensure_writer(update.report, by)
    _ensure_report_editable(update.report)
    if not title.strip():
        raise InvalidValue("Give the evidence a title.", field="title")
    if not url and file is None:
        raise InvalidValue("Attach a file or give a link.", field="file")
    evidence = Evidence(
        update=update, title=title.strip(), url=url, date=date, sensitivity=sensitivity
    )
    if file is not None:
        digest = hashlib.sha256()
        for chunk in file.chunks():
            digest.update(chunk)
        evidence.checksum, evidence.size = digest.hexdigest(), file.size or 0
        file.seek(0)
        evidence.file.save(file.name or "evidence", file, save=False)
    evidence.full_clean()
    save_recorded(evidence, by=by)
    return evidence


def _transition(report: ProgressReport, status: str, by: Any, stamp: str) -> ProgressReport:
    before = snapshot(report)
    report.status = status
    setattr(report, stamp, timezone.now())
    report.save(update_fields=["status", stamp])
    record(obj=report, action=HistoryEntry.Action.TRANSITION, by=by, before=before)
    return report


@transaction.atomic
def report_submit(*, report: ProgressReport, by: Any) -> ProgressReport:
    """Submit a draft: it can no longer be edited."""
    _ensure_writer(report, by)
    _ensure_report_editable(report)
    if not report.updates.exists():
        raise DomainError("A report needs at least one commitment's status before it is submitted.")
    return _transition(report, ReportStatus.SUBMITTED, by, "submitted_at")


@transaction.atomic
def report_publish(*, report: ProgressReport, by: Any) -> ProgressReport:
    """Publish a submitted report: it becomes public. Allowed while the period is not locked."""
    _ensure_writer(report, by)
    if report.period.is_locked():
        raise PeriodNotOpen(f"The reporting period {report.period} is locked.")
    if report.status != ReportStatus.SUBMITTED:
        raise ReportNotEditable("Only a submitted report can be published; submit it first.")
    return _transition(report, ReportStatus.PUBLISHED, by, "published_at")


@transaction.atomic
def report_return_to_draft(*, report: ProgressReport, by: Any) -> ProgressReport:
    """Take a submitted (not yet published) report back to draft for corrections."""
    _ensure_writer(report, by)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportNotEditable("Only a submitted report can go back to draft.")
    if not report.period.accepts_edits():
        raise PeriodNotOpen(f"The reporting period {report.period} is not open.")
    before = snapshot(report)
    report.status, report.submitted_at = ReportStatus.DRAFT, None
    report.save(update_fields=["status", "submitted_at"])
    record(obj=report, action=HistoryEntry.Action.TRANSITION, by=by, before=before)
    return report


@transaction.atomic
def reply_add(
    *,
    report: ProgressReport,
    organisation: Organisation,
    text: str,
    by: Any,
    commitment: Commitment | None = None,
) -> Reply:
    """Attach a government's right of reply to a published shadow report."""
    if not permissions.can_reply(by, report=report, organisation=organisation):
        raise NotAllowed(
            "Only a focal point of a government institution may reply to a shadow report."
        )
    if not report.is_published():
        raise DomainError("A reply is attached to a published shadow report.")
    if not text.strip():
        raise InvalidValue("The reply is empty.", field="text")
    reply = Reply(
        report=report,
        organisation=organisation,
        text=text.strip(),
        commitment=commitment,
        created_by=by,
    )
    save_recorded(reply, by=by)
    return reply
