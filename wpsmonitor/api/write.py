"""Reports: read them (published ones for everyone, a member's own drafts with a token) and
write them with a per-user token. Every write goes through ``commitments.services``, so the
same role rules hold here as on the web; nothing is checked twice or differently."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from wpsmonitor.commitments import permissions, services
from wpsmonitor.commitments.exceptions import DomainError, InvalidValue
from wpsmonitor.commitments.models import (
    Commitment,
    Evidence,
    Indicator,
    IndicatorValue,
    ProgressReport,
    ProgressUpdate,
    ReportingPeriod,
    Sensitivity,
)
from wpsmonitor.commitments.queries import visible_reports
from wpsmonitor.core.models import Organisation

from . import present
from .auth import optional_token_auth, token_auth
from .errors import NotFound
from .filters import id_or_slug, related_id_or_slug
from .pagination import paginate
from .schemas import (
    ErrorOut,
    EvidenceIn,
    EvidenceOut,
    PageParams,
    ReplyIn,
    ReplyOut,
    ReportDetailOut,
    ReportFilters,
    ReportIn,
    ReportPage,
    UpdatesIn,
    ValuesIn,
)

router = Router(tags=["reports"])

READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# --- reading ---------------------------------------------------------------------------------


def _reports() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.select_related("period__instrument", "organisation")


def _report_detail(report: ProgressReport, user: Any) -> dict[str, Any]:
    """The report as ``user`` may see it: outsiders get public output (small confidential counts
    suppressed, restricted indicators and non-public evidence left out)."""
    member = bool(permissions.roles_in(user, report.organisation_id))
    sees_restricted = member or permissions.can_see_restricted(user)
    evidence_allowed = [Sensitivity.PUBLIC]
    if sees_restricted:
        evidence_allowed.append(Sensitivity.RESTRICTED)
    if member:
        evidence_allowed.append(Sensitivity.CONFIDENTIAL)
    updates = (
        ProgressUpdate.objects.filter(report=report)
        .select_related("commitment")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(sensitivity__in=evidence_allowed).order_by("id"),
            )
        )
        .order_by("commitment__order", "commitment_id")
    )
    values = IndicatorValue.objects.filter(report=report).select_related("indicator")
    if not sees_restricted:
        values = values.exclude(indicator__sensitivity=Sensitivity.RESTRICTED)
    replies = report.replies.select_related("organisation").order_by("created_at", "id")
    return {
        **present.report_data(report),
        "updates": [present.update_data(u, u.evidence.all()) for u in updates],
        "values": [
            present.value_data(v, public=not member)
            for v in values.order_by("indicator_id", "disaggregation_key", "id")
        ],
        "replies": [present.reply_data(r) for r in replies],
    }


@router.get("/reports", auth=optional_token_auth, response={200: ReportPage, **READ_ERRORS})
def report_list(
    request: HttpRequest, filters: Query[ReportFilters], page: Query[PageParams]
) -> dict[str, Any]:
    """Published reports; with a token, also every report of your own organisations."""
    queryset = _reports().filter(pk__in=visible_reports(request.auth).values("pk"))
    if filters.period is not None:
        queryset = queryset.filter(period_id=filters.period)
    if filters.organisation:
        queryset = queryset.filter(related_id_or_slug("organisation", filters.organisation))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    items, meta = paginate(
        request, queryset.order_by("-period__start", "organisation__name", "kind", "id"), page
    )
    return {**meta, "results": [present.report_data(r) for r in items]}


def _visible_report(report_id: int, user: Any) -> ProgressReport:
    report = _reports().filter(pk=report_id).first()
    if report is None or not permissions.can_view_report(user, report):
        raise NotFound(_("No report you may see has the id %(id)s.") % {"id": report_id})
    return report


@router.get(
    "/reports/{report_id}", auth=optional_token_auth, response={200: ReportDetailOut, **READ_ERRORS}
)
def report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    """One report with its updates, indicator values, evidence and replies."""
    return _report_detail(_visible_report(report_id, request.auth), request.auth)


# --- writing ---------------------------------------------------------------------------------


def _report_for_writing(report_id: int) -> ProgressReport:
    # Existence is not hidden from a writer: the service then says why the write is refused.
    report = _reports().filter(pk=report_id).first()
    if report is None:
        raise NotFound(_("No report has the id %(id)s.") % {"id": report_id})
    return report


def _organisation(value: int | str, *, field: str) -> Organisation:
    org = Organisation.objects.filter(id_or_slug(str(value))).order_by("pk").first()
    if org is None:
        raise NotFound(
            _("No organisation has the id or slug %(key)s.") % {"key": value}, field=field
        )
    return org


def _prefixed(error: DomainError, prefix: str) -> DomainError:
    """The same refusal, naming the row it came from: ``updates[2].status``."""
    field = f"{prefix}.{error.field}" if error.field else prefix
    return type(error)(error.message, field=field)


def _each_row(rows: list[Any], name: str, write: Callable[[Any], None]) -> None:
    """Write every row or none: the first refusal undoes the rows before it."""
    with transaction.atomic():
        for index, row in enumerate(rows):
            try:
                write(row)
            except DomainError as error:
                raise _prefixed(error, f"{name}[{index}]") from error
            except NotFound as error:
                error.field = f"{name}[{index}].{error.field}" if error.field else error.field
                raise


@router.post("/reports", auth=token_auth, response={201: ReportDetailOut, **WRITE_ERRORS})
def report_create(request: HttpRequest, payload: ReportIn) -> Status[dict[str, Any]]:
    """Open a draft report for an organisation in an open period."""
    period = ReportingPeriod.objects.filter(pk=payload.period).first()
    if period is None:
        raise NotFound(
            _("No reporting period has the id %(id)s.") % {"id": payload.period}, field="period"
        )
    organisation = _organisation(payload.organisation, field="organisation")
    report = services.report_create(
        period=period,
        organisation=organisation,
        kind=payload.kind,
        title=payload.title,
        by=request.auth,
    )
    return Status(201, _report_detail(_reports().get(pk=report.pk), request.auth))


@router.post(
    "/reports/{report_id}/updates", auth=token_auth, response={200: ReportDetailOut, **WRITE_ERRORS}
)
def updates_record(request: HttpRequest, report_id: int, payload: UpdatesIn) -> dict[str, Any]:
    """Record the status of one or more commitments; all rows are written or none."""
    report = _report_for_writing(report_id)
    ids = [row.commitment for row in payload.updates]
    commitments = Commitment.objects.in_bulk(ids)

    def write(row: Any) -> None:
        commitment = commitments.get(row.commitment)
        if commitment is None:
            raise NotFound(
                _("No commitment has the id %(id)s.") % {"id": row.commitment}, field="commitment"
            )
        services.update_record(
            report=report,
            commitment=commitment,
            status=row.status,
            narrative=row.narrative,
            challenges=row.challenges,
            by=request.auth,
        )

    _each_row(payload.updates, "updates", write)
    return _report_detail(report, request.auth)


@router.post(
    "/reports/{report_id}/values", auth=token_auth, response={200: ReportDetailOut, **WRITE_ERRORS}
)
def values_record(request: HttpRequest, report_id: int, payload: ValuesIn) -> dict[str, Any]:
    """Record typed indicator values (or why they are missing); all rows are written or none."""
    report = _report_for_writing(report_id)
    indicators = Indicator.objects.select_related("commitment").in_bulk(
        [row.indicator for row in payload.values]
    )

    def write(row: Any) -> None:
        indicator = indicators.get(row.indicator)
        if indicator is None:
            raise NotFound(
                _("No indicator has the id %(id)s.") % {"id": row.indicator}, field="indicator"
            )
        services.value_record(
            report=report,
            indicator=indicator,
            value=row.value,
            scale_level=row.scale_level,
            text=row.text,
            missing_reason=row.missing_reason,
            disaggregation=row.disaggregation,
            note=row.note,
            by=request.auth,
        )

    _each_row(payload.values, "values", write)
    return _report_detail(report, request.auth)


@router.post(
    "/reports/{report_id}/evidence", auth=token_auth, response={201: EvidenceOut, **WRITE_ERRORS}
)
def evidence_add(
    request: HttpRequest, report_id: int, payload: EvidenceIn
) -> Status[dict[str, Any]]:
    """Add a link as evidence for a commitment whose status this report records."""
    report = _report_for_writing(report_id)
    update = (
        ProgressUpdate.objects.select_related("report__period", "report__organisation")
        .filter(report=report, commitment_id=payload.commitment)
        .first()
    )
    if update is None:
        raise InvalidValue(
            _("This report has no status for commitment %(id)s yet; record one first.")
            % {"id": payload.commitment},
            field="commitment",
        )
    evidence = services.evidence_add(
        update=update,
        title=payload.title,
        url=str(payload.url),
        date=payload.date,
        sensitivity=payload.sensitivity,
        by=request.auth,
    )
    return Status(201, present.evidence_data(evidence))


def _transition(
    request: HttpRequest, report_id: int, service: Callable[..., ProgressReport]
) -> dict[str, Any]:
    report = service(report=_report_for_writing(report_id), by=request.auth)
    return _report_detail(report, request.auth)


@router.post(
    "/reports/{report_id}/submit", auth=token_auth, response={200: ReportDetailOut, **WRITE_ERRORS}
)
def report_submit(request: HttpRequest, report_id: int) -> dict[str, Any]:
    """Submit a draft: it can no longer be edited."""
    return _transition(request, report_id, services.report_submit)


@router.post(
    "/reports/{report_id}/publish", auth=token_auth, response={200: ReportDetailOut, **WRITE_ERRORS}
)
def report_publish(request: HttpRequest, report_id: int) -> dict[str, Any]:
    """Publish a submitted report: it becomes public."""
    return _transition(request, report_id, services.report_publish)


@router.post(
    "/reports/{report_id}/return-to-draft",
    auth=token_auth,
    response={200: ReportDetailOut, **WRITE_ERRORS},
)
def report_return_to_draft(request: HttpRequest, report_id: int) -> dict[str, Any]:
    """Take a submitted, unpublished report back to draft for corrections."""
    return _transition(request, report_id, services.report_return_to_draft)


def _replying_organisation(user: Any, value: int | str | None) -> Organisation:
    """The named organisation; without one, the user's only government institution (or only
    organisation, so that the service can say why it may not reply)."""
    if value is not None:
        return _organisation(value, field="organisation")
    mine = list(
        Organisation.objects.filter(pk__in=permissions.organisations_of(user)).order_by("pk")
    )
    government = [org for org in mine if not org.is_civil_society()]
    if len(government) == 1:
        return government[0]
    if len(mine) == 1:
        return mine[0]
    raise InvalidValue(
        _("Say which institution replies: give its id or slug."), field="organisation"
    )


@router.post(
    "/reports/{report_id}/replies", auth=token_auth, response={201: ReplyOut, **WRITE_ERRORS}
)
def reply_add(request: HttpRequest, report_id: int, payload: ReplyIn) -> Status[dict[str, Any]]:
    """A government institution's right of reply to a published shadow report."""
    report = _report_for_writing(report_id)
    organisation = _replying_organisation(request.auth, payload.organisation)
    commitment = None
    if payload.commitment is not None:
        commitment = Commitment.objects.filter(
            pk=payload.commitment, instrument_id=report.period.instrument_id
        ).first()
        if commitment is None:
            raise NotFound(
                _("No commitment of this report's instrument has the id %(id)s.")
                % {"id": payload.commitment},
                field="commitment",
            )
    reply = services.reply_add(
        report=report,
        organisation=organisation,
        text=payload.text,
        commitment=commitment,
        by=request.auth,
    )
    reply.organisation = organisation
    return Status(201, present.reply_data(reply))
