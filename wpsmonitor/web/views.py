"""Public pages: each parses the request, calls one query step from ``pages`` and renders."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from wpsmonitor.commitments import permissions
from wpsmonitor.commitments.models import (
    Commitment,
    Evidence,
    Instrument,
    ReportStatus,
)
from wpsmonitor.core.models import Organisation

from . import pages
from .forms import FilterForm


def home(request: HttpRequest) -> HttpResponse:
    page = pages.home_page(today=timezone.localdate())
    return render(request, "web/home.html", {"page": page})


def _may_see_instrument(request: HttpRequest, instrument: Instrument) -> bool:
    """Adopted instruments are public; drafts only for members of the issuer and superusers."""
    if instrument.is_frozen():
        return True
    user = request.user
    return bool(getattr(user, "is_superuser", False)) or bool(
        permissions.roles_in(user, instrument.issuer_id)
    )


def instrument_detail(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = get_object_or_404(Instrument.objects.select_related("issuer"), slug=slug)
    if not _may_see_instrument(request, instrument):
        raise Http404
    page = pages.instrument_page(
        instrument,
        user=request.user,
        today=timezone.localdate(),
        filters=FilterForm(request.GET or None).filters(),
    )
    form = FilterForm(
        request.GET or None,
        pillars=page.pillar_options,
        organisations=page.organisation_options,
    )
    context = {"page": page, "form": form, "instrument": instrument}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "commitment-list":
        return render(request, "web/_commitment_list.html", context)
    return render(request, "web/instrument.html", context)


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.select_related("instrument__issuer", "pillar"), pk=pk
    )
    if not _may_see_instrument(request, commitment.instrument):
        raise Http404
    page = pages.commitment_page(commitment, user=request.user, today=timezone.localdate())
    return render(request, "web/commitment.html", {"page": page, "commitment": commitment})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    page = pages.organisation_page(
        organisation, today=timezone.localdate(), page_number=request.GET.get("page") or 1
    )
    return render(request, "web/organisation.html", {"page": page})


def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A piece of evidence, for whoever may see it: the report must be published (or the
    reader a member of the reporting organisation) and the sensitivity must allow it."""
    evidence = get_object_or_404(Evidence.objects.select_related("update__report"), pk=pk)
    report = evidence.update.report
    member = bool(permissions.roles_in(request.user, report.organisation_id))
    if report.status != ReportStatus.PUBLISHED and not member:
        raise Http404
    if not pages.evidence_visible(evidence, report, request.user):
        raise Http404
    if evidence.file:
        return FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.file.name.rsplit("/", 1)[-1],
        )
    return HttpResponseRedirect(evidence.url)
