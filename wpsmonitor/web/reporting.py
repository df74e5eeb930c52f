"""Signed-in pages: the dashboard, filling in a self or shadow report, and the right of reply.

Every write goes through ``wpsmonitor.commitments.services``; a refused write is shown next to
the field it names, with everything the person typed kept, and an HTTP status that says why
(400 a value, 403 not allowed, 409 the period or report no longer accepts changes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wpsmonitor.commitments import permissions, services
from wpsmonitor.commitments.exceptions import (
    DomainError,
    InstrumentFrozen,
    NotAllowed,
    PeriodNotOpen,
    ReportNotEditable,
)
from wpsmonitor.commitments.models import (
    FROZEN_STATUSES,
    Commitment,
    Evidence,
    Indicator,
    IndicatorValue,
    PeriodStatus,
    ProgressReport,
    ProgressUpdate,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Responsibility,
)
from wpsmonitor.core.models import Membership, Organisation

from . import pages
from .forms import ReplyForm, UpdateForm, initial_for


def status_of(error: DomainError) -> int:
    if isinstance(error, NotAllowed):
        return 403
    if isinstance(error, (PeriodNotOpen, ReportNotEditable, InstrumentFrozen)):
        return 409
    return 400


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- dashboard -------------------------------------------------------------------------------


@dataclass
class StartOption:
    organisation: Organisation
    period: ReportingPeriod
    kind: str


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "web/dashboard.html", _dashboard_context(request))


def _dashboard_context(request: HttpRequest, error: str = "") -> dict[str, Any]:
    user = request.user
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )
    orgs = {m.organisation_id: m.organisation for m in memberships}
    reports = list(
        ProgressReport.objects.filter(organisation_id__in=orgs)
        .select_related("period__instrument", "organisation")
        .order_by("-period__start", "organisation__name", "kind")
    )
    periods = list(
        ReportingPeriod.objects.filter(
            status=PeriodStatus.OPEN, instrument__status__in=FROZEN_STATUSES
        )
        .select_related("instrument")
        .order_by("instrument__title", "start")
    )
    answerable = set(
        Responsibility.objects.filter(
            organisation_id__in=orgs, commitment__instrument__in=[p.instrument_id for p in periods]
        )
        .values_list("organisation_id", "commitment__instrument_id")
        .distinct()
    )
    existing = {(r.period_id, r.organisation_id, r.kind) for r in reports}
    options = []
    for org in sorted(orgs.values(), key=lambda o: o.name):
        for period in periods:
            for kind in (ReportKind.SELF, ReportKind.SHADOW):
                if (period.pk, org.pk, kind) in existing:
                    continue
                if not permissions.can_write_report(user, organisation=org, kind=kind):
                    continue
                responsible = (org.pk, period.instrument_id) in answerable or (
                    period.instrument.issuer_id == org.pk
                )
                if kind == ReportKind.SELF and not responsible:
                    continue
                options.append(StartOption(org, period, kind))
    replying = pages.reply_organisations(user)
    shadows: list[ProgressReport] = []
    if replying:
        instruments = Responsibility.objects.filter(organisation__in=replying).values(
            "commitment__instrument_id"
        )
        shadows = list(
            ProgressReport.objects.published()
            .filter(kind=ReportKind.SHADOW, period__instrument_id__in=instruments)
            .select_related("period__instrument", "organisation")
            .order_by("-published_at", "id")[:20]
        )
    return {
        "memberships": memberships,
        "open_reports": [r for r in reports if r.status != ReportStatus.PUBLISHED],
        "published_reports": [r for r in reports if r.status == ReportStatus.PUBLISHED],
        "options": options,
        "shadows": shadows,
        "error": error,
    }


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if kind not in ReportKind.values:
        return render(
            request,
            "web/dashboard.html",
            _dashboard_context(request, _("Choose a kind of report.")),
            status=400,
        )
    period = get_object_or_404(ReportingPeriod, pk=_int(request.POST.get("period")))
    organisation = get_object_or_404(Organisation, pk=_int(request.POST.get("organisation")))
    existing = ProgressReport.objects.filter(
        period=period, organisation=organisation, kind=kind
    ).first()
    if existing is not None and permissions.can_write_report(
        request.user, organisation=organisation, kind=kind
    ):
        return redirect("report", pk=existing.pk)
    try:
        report = services.report_create(
            period=period, organisation=organisation, kind=kind, by=request.user
        )
    except DomainError as error:
        return render(
            request,
            "web/dashboard.html",
            _dashboard_context(request, error.message),
            status=status_of(error),
        )
    return redirect("report", pk=report.pk)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


# --- the report workspace --------------------------------------------------------------------


@dataclass
class WorkItem:
    commitment: Commitment
    update: ProgressUpdate | None
    evidence: list[Evidence]
    form: UpdateForm
    saved: bool = False
    error: str = ""


def _writable_report(request: HttpRequest, pk: int) -> ProgressReport:
    report = get_object_or_404(
        ProgressReport.objects.select_related("period__instrument", "organisation"), pk=pk
    )
    if not permissions.can_write_report(
        request.user, organisation=report.organisation, kind=report.kind
    ):
        raise PermissionDenied(_("You may not write this report."))
    return report


def _commitments_for(report: ProgressReport) -> list[Commitment]:
    """A self report covers the organisation's own commitments (all, if it has none listed);
    a shadow report may rate any commitment of the instrument."""
    every = list(
        Commitment.objects.filter(instrument=report.period.instrument_id)
        .select_related("pillar")
        .prefetch_related("responsibilities")
        .order_by("order", "id")
    )
    if report.kind != ReportKind.SELF:
        return every
    own = [
        c
        for c in every
        if any(r.organisation_id == report.organisation_id for r in c.responsibilities.all())
    ]
    return own or every


def _items(
    report: ProgressReport,
    *,
    bound: UpdateForm | None = None,
    bound_id: int | None = None,
    only: Commitment | None = None,
) -> list[WorkItem]:
    commitments = [only] if only is not None else _commitments_for(report)
    updates = {
        u.commitment_id: u
        for u in ProgressUpdate.objects.filter(report=report, commitment__in=commitments)
        .prefetch_related("evidence")
        .order_by("id")
    }
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for ind in Indicator.objects.filter(commitment__in=commitments).order_by(
        "commitment_id", "code", "id"
    ):
        indicators[ind.commitment_id].append(ind)
    values = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(
            report=report, indicator__commitment__in=commitments, disaggregation_key=""
        )
    }
    items = []
    for c in commitments:
        update = updates.get(c.pk)
        if bound is not None and c.pk == bound_id:
            form = bound
        else:
            form = UpdateForm(
                initial=initial_for(update, indicators[c.pk], values),
                indicators=indicators[c.pk],
                prefix=f"c{c.pk}",
            )
        evidence = sorted(update.evidence.all(), key=lambda e: e.pk) if update else []
        items.append(WorkItem(c, update, evidence, form))
    return items


def _state_message(report: ProgressReport) -> str:
    period = report.period
    if period.is_locked():
        return _(
            "The reporting period %(period)s is locked: nothing in it can change. "
            "An administrator can reopen it, giving a reason."
        ) % {"period": period.label}
    if period.status == PeriodStatus.CLOSED and report.status == ReportStatus.DRAFT:
        return _("The reporting period %(period)s is closed: drafts can no longer be edited.") % {
            "period": period.label
        }
    if report.status == ReportStatus.SUBMITTED:
        return _(
            "This report has been submitted and can no longer be edited. Publish it, or take "
            "it back to draft to correct it."
        )
    if report.status == ReportStatus.PUBLISHED:
        return _("This report is published: everyone can read it.")
    return ""


def _render_workspace(
    request: HttpRequest,
    report: ProgressReport,
    *,
    items: list[WorkItem] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "report": report,
        "items": items if items is not None else _items(report),
        "editable": report.is_editable(),
        "state_message": _state_message(report),
        "error": error,
        "can_publish": report.status == ReportStatus.SUBMITTED and not report.period.is_locked(),
        "can_return": report.status == ReportStatus.SUBMITTED and report.period.accepts_edits(),
    }
    return render(request, "web/report.html", context, status=status)


@login_required
def report_workspace(request: HttpRequest, pk: int) -> HttpResponse:
    report = _writable_report(request, pk)
    return _render_workspace(request, report)


class _IndicatorRefused(Exception):
    def __init__(self, error: DomainError, indicator: Indicator) -> None:
        super().__init__(error.message)
        self.error, self.indicator = error, indicator


def _save(form: UpdateForm, report: ProgressReport, commitment: Commitment, user: Any) -> None:
    data = form.cleaned_data
    update = services.update_record(
        report=report,
        commitment=commitment,
        status=data["status"],
        narrative=data.get("narrative", ""),
        challenges=data.get("challenges", ""),
        by=user,
    )
    for ind in form.indicators:
        args = form.value_arguments(ind)
        if args is None:
            continue
        try:
            services.value_record(report=report, indicator=ind, by=user, **args)
        except DomainError as error:
            raise _IndicatorRefused(error, ind) from error
    title, url, file = (
        data.get("evidence_title"),
        data.get("evidence_url"),
        data.get("evidence_file"),
    )
    if title or url or file:
        services.evidence_add(
            update=update,
            title=title or "",
            url=url or "",
            file=file,
            sensitivity=data.get("evidence_sensitivity") or "public",
            by=user,
        )


@login_required
@require_POST
def update_save(request: HttpRequest, pk: int, commitment_id: int) -> HttpResponse:
    report = _writable_report(request, pk)
    commitment = get_object_or_404(
        Commitment.objects.select_related("pillar"),
        pk=commitment_id,
        instrument_id=report.period.instrument_id,
    )
    indicators = list(Indicator.objects.filter(commitment=commitment).order_by("code", "id"))
    form = UpdateForm(
        request.POST, request.FILES, indicators=indicators, prefix=f"c{commitment.pk}"
    )
    status = 400
    saved = False
    if form.is_valid():
        try:
            with transaction.atomic():
                _save(form, report, commitment, request.user)
        except _IndicatorRefused as refused:
            form.add_domain_error(refused.error, refused.indicator)
            status = status_of(refused.error)
        except DomainError as error:
            form.add_domain_error(error)
            status = status_of(error)
        else:
            saved = True
    if saved and not is_htmx(request):
        messages.success(
            request, _("Saved %(reference)s.") % {"reference": commitment.reference or "#"}
        )
        return redirect(reverse("report", args=[report.pk]) + f"#c-{commitment.pk}")
    if saved:
        item = _items(report, only=commitment)[0]
        item.saved = True
        return render(
            request, "web/_update_form.html", {"report": report, "item": item, "editable": True}
        )
    if is_htmx(request):
        item = _items(report, bound=form, bound_id=commitment.pk, only=commitment)[0]
        return render(
            request,
            "web/_update_form.html",
            {"report": report, "item": item, "editable": report.is_editable()},
            status=status,
        )
    items = _items(report, bound=form, bound_id=commitment.pk)
    return _render_workspace(request, report, items=items, status=status)


ACTIONS = {
    "submit": services.report_submit,
    "publish": services.report_publish,
    "return": services.report_return_to_draft,
}


@login_required
@require_POST
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = _writable_report(request, pk)
    if action not in ACTIONS:
        raise Http404
    service = ACTIONS[action]
    try:
        service(report=report, by=request.user)
    except DomainError as error:
        report.refresh_from_db()
        return _render_workspace(request, report, error=error.message, status=status_of(error))
    messages.success(request, _message_for(action))
    return redirect("report", pk=report.pk)


def _message_for(action: str) -> str:
    # Looked up at request time so the message is in the reader's language.
    return {
        "submit": _("The report is submitted."),
        "publish": _("The report is published."),
        "return": _("The report is back in draft."),
    }[action]


# --- right of reply --------------------------------------------------------------------------


@login_required
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        ProgressReport.objects.select_related("period__instrument", "organisation"),
        pk=pk,
        kind=ReportKind.SHADOW,
        status=ReportStatus.PUBLISHED,
    )
    organisations = pages.reply_organisations(request.user)
    if not organisations:
        raise PermissionDenied(_("Only a focal point of a government institution may reply."))
    raw = request.POST.get("commitment") or request.GET.get("commitment")
    commitment = None
    if raw:
        commitment = get_object_or_404(
            Commitment, pk=_int(raw), instrument_id=report.period.instrument_id
        )
    update = (
        ProgressUpdate.objects.filter(report=report, commitment=commitment).first()
        if commitment
        else None
    )
    form = ReplyForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.reply_add(
                    report=report,
                    organisation=form.cleaned_data["organisation"],
                    text=form.cleaned_data["text"],
                    commitment=commitment,
                    by=request.user,
                )
            except DomainError as error:
                form.add_error("text" if error.field == "text" else None, error.message)
                status = status_of(error)
            else:
                messages.success(request, _("Your reply is published beside the report."))
                if commitment is not None:
                    return redirect("commitment", pk=commitment.pk)
                return redirect("instrument", slug=report.period.instrument.slug)
    context = {"report": report, "commitment": commitment, "update": update, "form": form}
    return render(request, "web/reply.html", context, status=status)
