"""Rows (with their relations already loaded) turned into the API's plain data.

Nothing here queries the database: callers load relations with select_related /
prefetch_related and the batch helpers in ``commitments.queries`` first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from wpsmonitor.commitments.models import (
    Commitment,
    Evidence,
    Indicator,
    IndicatorValue,
    Instrument,
    ProgressReport,
    ProgressUpdate,
    Reply,
    ReportingPeriod,
    ReportKind,
    Responsibility,
    Status,
)
from wpsmonitor.commitments.queries import Rating, Series, SideBySide, display_value
from wpsmonitor.core.models import Organisation

KINDS = (ReportKind.SELF, ReportKind.SHADOW, ReportKind.JOINT)


def organisation_ref(org: Organisation) -> dict[str, Any]:
    return {
        "id": org.pk,
        "slug": org.slug,
        "name": org.name,
        "abbreviation": org.abbreviation,
        "kind": org.kind,
        "country": org.country,
    }


def instrument_ref(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.pk,
        "slug": instrument.slug,
        "title": instrument.title,
        "kind": instrument.kind,
        "version": instrument.version,
        "status": instrument.status,
        "country": instrument.country,
    }


def period_ref(period: ReportingPeriod) -> dict[str, Any]:
    return {
        "id": period.pk,
        "label": period.label,
        "start": period.start,
        "end": period.end,
        "status": period.status,
    }


def strength_profile(counts: Mapping[str, int]) -> dict[str, int]:
    profile = {name: 0 for name in ("binding", "strong", "moderate", "weak", "none")}
    profile["unassessed"] = 0
    for strength, n in counts.items():
        profile[strength if strength in profile else "unassessed"] += n
    return profile


def instrument_data(instrument: Instrument, profile: Mapping[str, int]) -> dict[str, Any]:
    return {
        "id": instrument.pk,
        "kind": instrument.kind,
        "kind_label": str(instrument.get_kind_display()),
        "title": instrument.title,
        "slug": instrument.slug,
        "issuer": organisation_ref(instrument.issuer),
        "country": instrument.country,
        "period_start": instrument.period_start,
        "period_end": instrument.period_end,
        "language": instrument.language,
        "version": instrument.version,
        "status": instrument.status,
        "lineage": str(instrument.lineage),
        "previous_version_id": instrument.previous_version_id,
        "adopted_on": instrument.adopted_on,
        "is_sample": instrument.is_sample,
        "commitment_count": sum(profile.values()),
        "strength_profile": strength_profile(profile),
    }


def rating_data(rating: Rating | None) -> dict[str, Any] | None:
    if rating is None:
        return None
    return {
        "status": rating.status,
        "status_label": rating.status_label,
        "level": rating.level,
        "kind": rating.kind,
        "period_id": rating.period_id,
        "period_label": rating.period_label,
        "report_id": rating.report_id,
        "organisation": rating.organisation,
        "narrative": rating.narrative,
        "challenges": rating.challenges,
    }


def assessment_data(commitment: Commitment) -> dict[str, Any]:
    data = commitment.assessment or {}
    return {
        "strength": commitment.strength,
        "explanation": str(data.get("explanation") or ""),
        "missing": [str(m) for m in data.get("missing") or []],
        "hedges": [str(h) for h in data.get("hedges") or []],
        "suggestions": [str(s) for s in data.get("suggestions") or []],
        "elements": {
            str(k): (None if v is None else str(v)) for k, v in (data.get("elements") or {}).items()
        },
        "analyser_version": commitment.analyser_version,
    }


def commitment_data(commitment: Commitment, side: SideBySide, *, overdue: bool) -> dict[str, Any]:
    """Needs ``instrument``, ``pillar`` and ``responsibilities__organisation`` loaded."""
    responsibilities: list[Responsibility] = sorted(
        commitment.responsibilities.all(), key=lambda r: (r.organisation.name, r.pk)
    )
    return {
        "id": commitment.pk,
        "reference": commitment.reference,
        "text": commitment.text,
        "instrument": instrument_ref(commitment.instrument),
        "pillar": {"key": commitment.pillar.key, "name": commitment.pillar.name}
        if commitment.pillar
        else None,
        "objective": commitment.objective,
        "deadline": commitment.deadline,
        "deadline_text": commitment.deadline_text,
        "target": commitment.target,
        "lead": [
            organisation_ref(r.organisation)
            for r in responsibilities
            if r.kind == Responsibility.Kind.LEAD
        ],
        "partners": [
            organisation_ref(r.organisation)
            for r in responsibilities
            if r.kind == Responsibility.Kind.PARTNER
        ],
        "budget": {
            "amount": commitment.budget_amount,
            "currency": commitment.budget_currency,
            "source": commitment.budget_source,
            "text": commitment.budget_text,
        },
        "strength": commitment.strength,
        "assessment": assessment_data(commitment),
        "self_rating": rating_data(side.self),
        "shadow_rating": rating_data(side.shadow),
        "joint_rating": rating_data(side.joint),
        "latest_status": side.latest_status,
        "gap": side.gap,
        "disagree": side.disagree,
        "shadow_lower": side.shadow_lower,
        "overdue": overdue,
    }


def _plain_number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f")


def series_data(indicator: Indicator, series: Series, *, public: bool) -> dict[str, Any]:
    return {
        "kind": series.kind,
        "total": display_value(indicator, series.total, public=public),
        "points": [
            {
                "period_id": p.period_id,
                "period_label": p.period_label,
                "value": display_value(indicator, p.value, public=public),
                "text": p.text,
                "missing_reason": p.missing_reason,
                "target": _plain_number(p.target),
            }
            for p in series.points
        ],
    }


def indicator_data(
    indicator: Indicator, series: Mapping[tuple[int, str], Series], *, public: bool = True
) -> dict[str, Any]:
    """Needs ``commitment__instrument`` loaded."""
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "definition": indicator.definition,
        "measure": indicator.measure,
        "unit": indicator.unit,
        "scale_levels": [str(level) for level in indicator.scale_levels or []],
        "direction": indicator.direction,
        "aggregation": indicator.aggregation,
        "baseline": display_value(indicator, indicator.baseline, public=public),
        "baseline_year": indicator.baseline_year,
        "target": _plain_number(indicator.target),
        "disaggregations": [str(d) for d in indicator.disaggregations or []],
        "sensitivity": indicator.sensitivity,
        "is_security_threat": indicator.is_security_threat,
        "commitment_id": indicator.commitment_id,
        "commitment_reference": indicator.commitment.reference,
        "instrument": instrument_ref(indicator.commitment.instrument),
        "series": [
            series_data(indicator, series[(indicator.pk, kind)], public=public)
            for kind in KINDS
            if (indicator.pk, kind) in series
        ],
    }


def reply_data(reply: Reply) -> dict[str, Any]:
    """Needs ``organisation`` loaded."""
    return {
        "id": reply.pk,
        "report_id": reply.report_id,
        "commitment_id": reply.commitment_id,
        "organisation": organisation_ref(reply.organisation),
        "text": reply.text,
        "created_at": reply.created_at,
    }


def report_data(report: ProgressReport) -> dict[str, Any]:
    """Needs ``period`` and ``organisation`` loaded."""
    return {
        "id": report.pk,
        "period": period_ref(report.period),
        "instrument_id": report.period.instrument_id,
        "organisation": organisation_ref(report.organisation),
        "kind": report.kind,
        "status": report.status,
        "title": report.title,
        "summary": report.summary,
        "created_at": report.created_at,
        "submitted_at": report.submitted_at,
        "published_at": report.published_at,
    }


def evidence_data(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "title": evidence.title,
        "url": evidence.url,
        "file": evidence.file.url if evidence.file else None,
        "date": evidence.date,
        "sensitivity": evidence.sensitivity,
    }


def update_data(update: ProgressUpdate, evidence: Iterable[Evidence]) -> dict[str, Any]:
    """Needs ``commitment`` loaded."""
    return {
        "commitment_id": update.commitment_id,
        "commitment_reference": update.commitment.reference,
        "status": update.status,
        "status_label": str(Status(update.status).label),
        "narrative": update.narrative,
        "challenges": update.challenges,
        "evidence": [evidence_data(e) for e in evidence],
    }


def value_data(value: IndicatorValue, *, public: bool) -> dict[str, Any]:
    """Needs ``indicator`` loaded."""
    return {
        "indicator_id": value.indicator_id,
        "disaggregation": {str(k): str(v) for k, v in (value.disaggregation or {}).items()},
        "value": display_value(value.indicator, value.number(), public=public),
        "text": value.text_value,
        "missing_reason": value.missing_reason,
        "note": value.note,
    }
