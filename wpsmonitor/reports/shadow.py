"""The query step of the shadow report: one instrument and period in, a ``ShadowReport`` out.

Everything is read from published, public records in a fixed number of queries and every fixed
text is translated into the report's language here or in the outline, never in the renderers'
callers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from wpsmonitor.commitments.models import (
    Evidence,
    Instrument,
    ProgressReport,
    Reply,
    ReportingPeriod,
    ReportStatus,
    Responsibility,
    Sensitivity,
)
from wpsmonitor.core.countries import country_name

from .data import CommitmentEntry, EvidenceRef, PillarSection, ShadowReport, SourceRef
from .labels import (
    INSTRUMENT_KIND_LABELS,
    REPORT_KIND_LABELS,
    STANDARD_PILLAR_LABELS,
    STATUS_LABELS,
    STRENGTH_LABELS,
)
from .scorecards import (
    Scope,
    _budget,
    _indicators,
    government_rating,
    ratings_in,
    ref_of,
    scorecard_from,
)

LANGUAGES = ("en", "sq", "sr-latn")
FORMATS = ("docx", "pdf", "html")
# The most references a generated recommendation lists before saying how many more there are.
MAX_REFS = 15


class ReportError(Exception):
    """A shadow report cannot be made as asked; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def find_instrument(ref: str) -> Instrument:
    """A published (adopted or superseded) instrument by id or slug."""
    lookup = {"pk": int(ref)} if ref.isdigit() else {"slug": ref}
    instrument = Instrument.objects.public().filter(**lookup).first()
    if instrument is None:
        raise ReportError(_("No adopted instrument “%(ref)s”: give its id or slug.") % {"ref": ref})
    return instrument


def periods_with_reports(instrument: Instrument) -> list[ReportingPeriod]:
    """The instrument's periods that have at least one published report, latest first."""
    published = ProgressReport.objects.filter(status=ReportStatus.PUBLISHED).values("period_id")
    return list(instrument.periods.filter(pk__in=published).order_by("-start", "-id"))


def find_period(instrument: Instrument, label: str | None) -> ReportingPeriod:
    """The period labelled ``label`` (or with that id), else the latest with published reports."""
    periods = periods_with_reports(instrument)
    if not label:
        if not periods:
            raise ReportError(
                _("“%(instrument)s” has no published reports yet.") % {"instrument": instrument}
            )
        return periods[0]
    for period in periods:
        if period.label == label or str(period.pk) == label:
            return period
    if instrument.periods.filter(label=label).exists():
        raise ReportError(
            _("The period %(period)s of “%(instrument)s” has no published reports.")
            % {"period": label, "instrument": instrument}
        )
    raise ReportError(
        _("“%(instrument)s” has no reporting period “%(period)s”.")
        % {"instrument": instrument, "period": label}
    )


def _join_refs(refs: list[str]) -> str:
    shown = ", ".join(refs[:MAX_REFS])
    if len(refs) > MAX_REFS:
        shown += " " + _("and %(n)d more") % {"n": len(refs) - MAX_REFS}
    return shown


def default_recommendations(entries: list[CommitmentEntry], *, has_budget: bool) -> list[str]:
    """Recommendations drawn from the ratings and the wording: weak wording, overdue,
    civil society rating lower, not reported. Editable before the report is generated."""
    weak = [e.ref for e in entries if e.strength in ("weak", "none")]
    overdue = [e.ref for e in entries if e.overdue]
    lower = [e.ref for e in entries if e.shadow_lower]
    unreported = [e.ref for e in entries if not e.self_status]
    out = []
    if weak:
        out.append(
            _(
                "Strengthen the wording of the commitments whose language is weak or commits to "
                "nothing (%(refs)s): name who is responsible, by when, a measurable target and "
                "a budget, as the wording analysis suggests."
            )
            % {"refs": _join_refs(weak)}
        )
    if overdue:
        out.append(
            _(
                "Set new dated deadlines, with a plan to complete them, for the overdue "
                "commitments (%(refs)s)."
            )
            % {"refs": _join_refs(overdue)}
        )
    if lower:
        out.append(
            _(
                "Reconcile the government's ratings with civil society's evidence where civil "
                "society rates progress lower (%(refs)s), and publish the evidence for each "
                "rating."
            )
            % {"refs": _join_refs(lower)}
        )
    if unreported:
        out.append(
            _(
                "Report on every commitment in the next self-assessment; these were not "
                "reported by the government in this period: %(refs)s."
            )
            % {"refs": _join_refs(unreported)}
        )
    if not has_budget:
        out.append(
            _("Publish the budget allocated, disbursed and spent for each commitment, per year.")
        )
    return out


def parse_recommendations(text: str) -> list[str]:
    """One recommendation per non-empty line (list markers such as "1." or "-" are dropped)."""
    out = []
    for line in text.splitlines():
        item = line.strip().lstrip("-*•").strip()
        head, dot, rest = item.partition(".")
        if dot and head.isdigit():
            item = rest.strip()
        if item:
            out.append(item)
    return out


def _suggestions(assessment: dict) -> list[str]:
    out = []
    for item in assessment.get("suggestions") or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            out.append(str(item.get("text") or item.get("suggestion") or ""))
    return [s for s in out if s]


def build_shadow_report(
    instrument: Instrument,
    period: ReportingPeriod,
    *,
    language: str = "en",
    today: dt.date,
    recommendations: list[str] | None = None,
) -> ShadowReport:
    """The shadow report of ``instrument`` for ``period``: both ratings of every commitment,
    narratives, public evidence, replies, wording, scorecard and recommendations."""
    if language not in LANGUAGES:
        raise ReportError(
            _("Unknown language “%(lang)s”; choose one of %(choices)s.")
            % {"lang": language, "choices": ", ".join(LANGUAGES)}
        )
    if not instrument.is_frozen():
        raise ReportError(_("Only an adopted instrument has a shadow report."))
    with translation.override(language):
        return _build(instrument, period, language, today, recommendations)


def _build(
    instrument: Instrument,
    period: ReportingPeriod,
    language: str,
    today: dt.date,
    recommendations: list[str] | None,
) -> ShadowReport:
    scoped = instrument.commitments.all()
    scope = Scope("instrument", instrument.slug, str(instrument), scoped)
    leads = Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.select_related("organisation").order_by("kind", "id"),
    )
    commitments = list(
        scoped.select_related("instrument", "pillar")
        .prefetch_related(leads)
        .order_by("pillar__order", "pillar__name", "order", "id")
    )
    ratings = ratings_in(scoped, period.label)
    update_ids = [u.pk for ups in ratings.updates.values() for u in ups]
    evidence: dict[int, list[EvidenceRef]] = defaultdict(list)
    for ev in (
        Evidence.objects.filter(update_id__in=update_ids, sensitivity=Sensitivity.PUBLIC)
        .select_related("update")
        .order_by("date", "id")
    ):
        evidence[ev.update.commitment_id].append(
            EvidenceRef(
                title=ev.title,
                url=ev.url or (ev.file.url if ev.file else ""),
                date=ev.date.isoformat() if ev.date else "",
            )
        )
    replies: dict[int | None, list[str]] = defaultdict(list)
    for reply in (
        Reply.objects.filter(report__period=period, report__status=ReportStatus.PUBLISHED)
        .select_related("organisation")
        .order_by("created_at", "id")
    ):
        replies[reply.commitment_id].append(f"{reply.organisation.name}: {reply.text}")
    sources = [
        SourceRef(
            organisation=r.organisation.name,
            kind=str(REPORT_KIND_LABELS.get(r.kind, r.kind)),
            published_on=r.published_at.date().isoformat() if r.published_at else "",
        )
        for r in ProgressReport.objects.filter(period=period, status=ReportStatus.PUBLISHED)
        .select_related("organisation")
        .order_by("kind", "organisation__name")
    ]
    budget = _budget(scoped, commitments, period.label)
    card = scorecard_from(
        scope,
        sorted(commitments, key=lambda c: (c.order, c.pk)),
        ratings,
        period=period.label,
        today=today,
        budget=budget,
        indicators=_indicators(scoped, period.label),
    )
    overdue = set(card.overdue.ids)
    sections: dict[str, list[CommitmentEntry]] = {}
    for c in commitments:
        sbs = ratings.current.get(c.pk)
        gov = government_rating(sbs)
        shadow = sbs.shadow if sbs else None
        orgs = [r.organisation.name for r in c.responsibilities.all()]
        assessment = c.assessment or {}
        entry = CommitmentEntry(
            id=c.pk,
            ref=ref_of(c),
            text=c.text,
            organisations=", ".join(orgs),
            deadline=c.deadline.isoformat() if c.deadline else c.deadline_text,
            self_status=gov.status if gov else "",
            self_label=str(STATUS_LABELS[gov.status]) if gov else _("Not reported"),
            shadow_status=shadow.status if shadow else "",
            shadow_label=str(STATUS_LABELS[shadow.status]) if shadow else _("Not reported"),
            disagree=bool(sbs and sbs.disagree),
            shadow_lower=bool(sbs and sbs.shadow_lower),
            overdue=c.pk in overdue,
            self_narrative=gov.narrative if gov else "",
            shadow_narrative=shadow.narrative if shadow else "",
            challenges="\n".join(r.challenges for r in (gov, shadow) if r and r.challenges),
            evidence=evidence.get(c.pk, []),
            replies=replies.get(c.pk, []),
            strength=c.strength,
            strength_label=str(STRENGTH_LABELS.get(c.strength or "unassessed", "")),
            explanation=str(assessment.get("explanation") or ""),
            suggestions=_suggestions(assessment),
        )
        if c.pillar is None:
            name = _("Other commitments")
        elif c.pillar.is_standard and c.pillar.key in STANDARD_PILLAR_LABELS:
            name = str(STANDARD_PILLAR_LABELS[c.pillar.key])
        else:
            name = str(c.pillar)
        sections.setdefault(name, []).append(entry)
    pillars = [PillarSection(name, entries) for name, entries in sections.items()]
    entries = [e for p in pillars for e in p.commitments]
    if recommendations is None:
        recommendations = default_recommendations(entries, has_budget=bool(budget))
    return ShadowReport(
        language=language,
        instrument_title=str(instrument),
        instrument_slug=instrument.slug,
        instrument_kind=str(INSTRUMENT_KIND_LABELS.get(instrument.kind, instrument.kind)),
        issuer=instrument.issuer.name,
        country=country_name(instrument.country) if instrument.country else "",
        period=period.label,
        generated_on=today,
        scorecard=card,
        pillars=pillars,
        recommendations=list(recommendations),
        sources=sources,
        status_labels={k: str(v) for k, v in STATUS_LABELS.items()},
        strength_labels={k: str(v) for k, v in STRENGTH_LABELS.items()},
        general_replies=replies.get(None, []),
    )
