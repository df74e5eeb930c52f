"""Scorecard pages, shadow report generation and open-data downloads. Glue only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wpsmonitor.commitments.exceptions import DomainError
from wpsmonitor.commitments.models import Commitment, Instrument, InstrumentStatus, Pillar
from wpsmonitor.core.countries import country_name
from wpsmonitor.core.models import Organisation

from . import opendata, services
from .data import Scorecard, diff_scorecards
from .forms import ShadowReportForm, SnapshotPublishForm
from .labels import SCOPE_LABELS, figure_label
from .models import GeneratedReport, ScorecardSnapshot
from .render import CONTENT_TYPES
from .scorecards import ScopeNotFound, build_scorecard, period_labels, resolve_scope
from .shadow import (
    LANGUAGES,
    ReportError,
    build_shadow_report,
    find_instrument,
    parse_recommendations,
    periods_with_reports,
)

# --- scorecards ------------------------------------------------------------------------------


def scorecard_index(request: HttpRequest) -> HttpResponse:
    """Every scope with a scorecard: published instruments, pillars, organisations, countries."""
    adopted = Commitment.objects.filter(instrument__status=InstrumentStatus.ADOPTED)
    instruments = Instrument.objects.public().order_by("country", "title", "version")
    pillars = Pillar.objects.filter(pk__in=adopted.values("pillar_id")).order_by("order")
    organisations = (
        Organisation.objects.filter(responsibilities__commitment__in=adopted)
        .distinct()
        .order_by("name")
    )
    codes = sorted(
        set(
            Instrument.objects.filter(status=InstrumentStatus.ADOPTED)
            .exclude(country="")
            .values_list("country", flat=True)
        )
    )
    countries = [(code, country_name(code)) for code in codes]
    return render(
        request,
        "reports/scorecard_index.html",
        {
            "instruments": instruments,
            "pillars": pillars,
            "organisations": organisations,
            "countries": countries,
        },
    )


def _scope_or_404(scope: str, key: str) -> Any:
    try:
        return resolve_scope(scope, key)
    except ScopeNotFound as error:
        raise Http404(error.message) from None


def _records_url(card: Scorecard, figure: str, snapshot: ScorecardSnapshot | None) -> str:
    query = {"figure": figure}
    if card.period:
        query["period"] = card.period
    if snapshot is not None:
        query["snapshot"] = str(snapshot.pk)
    url = reverse("reports:scorecard_records", args=[card.scope, card.key])
    return f"{url}?{urlencode(query)}"


def _present(card: Scorecard, snapshot: ScorecardSnapshot | None = None) -> dict[str, Any]:
    """Rows for the scorecard template: each figure with its label and a link to its records."""

    def row(fig: Any) -> dict[str, Any]:
        return {
            "label": figure_label(fig.key),
            "value": fig.value,
            "url": _records_url(card, fig.key, snapshot),
        }

    overview = [
        row(card.total),
        row(card.complete),
        {"label": figure_label("share_complete"), "value": card.share_complete or "—"},
        row(card.shadow_complete),
        {
            "label": figure_label("shadow_share_complete"),
            "value": card.shadow_share_complete or "—",
        },
        row(card.overdue),
        row(card.disagree),
        row(card.shadow_lower),
    ]
    statuses = []
    for gov, cso in zip(card.self_status, card.shadow_status, strict=True):
        if gov.value or cso.value:
            status = gov.key.split(".", 1)[1]
            statuses.append(
                {
                    "status": status,
                    "label": figure_label(f"self.{status}").split(": ", 1)[-1],
                    "self": row(gov),
                    "shadow": row(cso),
                }
            )
    strengths = [
        {**row(f), "label": figure_label(f.key).split(": ", 1)[-1], "key": f.key.split(".")[1]}
        for f in card.strength
        if f.value
    ]
    budget = [
        {
            "line": b,
            "url": _records_url(card, f"budget.{b.currency}", snapshot),
            "spent_pct": _share(b.spent, b.allocated),
        }
        for b in card.budget
    ]
    return {
        "card": card,
        "overview": overview,
        "statuses": statuses,
        "strengths": strengths,
        "budget": budget,
        "indicators": card.indicators,
    }


def _share(part: str, whole: str) -> str:
    from decimal import Decimal

    return f"{Decimal(part) * 100 / Decimal(whole):.1f}" if Decimal(whole) else "—"


def scorecard(request: HttpRequest, scope: str, key: str) -> HttpResponse:
    """The live scorecard of one scope, for a period or across periods."""
    found = _scope_or_404(scope, key)
    labels = period_labels(found)
    period = request.GET.get("period", "")
    if period and period not in labels:
        raise Http404(_("No reporting period “%(period)s” here.") % {"period": period})
    card = build_scorecard(found, period=period, today=timezone.localdate())
    snapshots = list(ScorecardSnapshot.objects.of(found.kind, found.key, period)[:20])
    return render(
        request,
        "reports/scorecard.html",
        {
            **_present(card),
            "scope_label": SCOPE_LABELS[found.kind],
            "periods": labels,
            "period": period,
            "snapshots": snapshots,
            "can_publish": services.can_publish_snapshot(request.user),
            "publish_form": SnapshotPublishForm(initial={"period": period}),
        },
    )


def scorecard_json(request: HttpRequest, scope: str, key: str) -> JsonResponse:
    """The live scorecard as JSON (``?period=`` as on the page)."""
    found = _scope_or_404(scope, key)
    card = build_scorecard(found, period=request.GET.get("period", ""), today=timezone.localdate())
    return JsonResponse(card.to_dict(), json_dumps_params={"ensure_ascii": False})


def scorecard_records(request: HttpRequest, scope: str, key: str) -> HttpResponse:
    """The commitments one figure counts, in the live scorecard or a published snapshot."""
    found = _scope_or_404(scope, key)
    period = request.GET.get("period", "")
    figure = request.GET.get("figure", "")
    snapshot = None
    if request.GET.get("snapshot", "").isdigit():
        snapshot = get_object_or_404(
            ScorecardSnapshot,
            pk=int(request.GET["snapshot"]),
            scope=found.kind,
            scope_key=found.key,
        )
        card = snapshot.scorecard()
    else:
        card = build_scorecard(found, period=period, today=timezone.localdate())
    figures = card.figures()
    if figure in figures:
        ids = figures[figure].ids
    elif figure.startswith("budget."):
        lines = [b for b in card.budget if f"budget.{b.currency}" == figure]
        if not lines:
            raise Http404(_("No such figure."))
        ids = lines[0].ids
    else:
        raise Http404(_("No such figure."))
    by_id = Commitment.objects.select_related("instrument", "pillar").in_bulk(ids)
    commitments = [by_id[i] for i in ids if i in by_id]
    return render(
        request,
        "reports/scorecard_records.html",
        {
            "card": card,
            "figure_label": figure_label(figure),
            "commitments": commitments,
            "missing": len(ids) - len(commitments),
            "snapshot": snapshot,
            "back": reverse("reports:scorecard", args=[found.kind, found.key])
            + (f"?{urlencode({'period': card.period})}" if card.period else ""),
        },
    )


def scorecard_publish(request: HttpRequest, scope: str, key: str) -> HttpResponse:
    """Freeze the live scorecard as a published snapshot (administrators)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    found = _scope_or_404(scope, key)
    if not services.can_publish_snapshot(request.user):
        raise PermissionDenied
    form = SnapshotPublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("reports:scorecard", found.kind, found.key)
    period, note = form.cleaned_data["period"], form.cleaned_data["note"]
    try:
        snap = services.snapshot_publish(
            scope=found.kind,
            key=found.key,
            period=period,
            by=request.user,
            today=timezone.localdate(),
            note=note,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:scorecard", found.kind, found.key)
    messages.success(request, _("The scorecard snapshot is published."))
    return redirect("reports:snapshot", found.kind, found.key, snap.pk)


def snapshot_detail(request: HttpRequest, scope: str, key: str, pk: int) -> HttpResponse:
    """A published snapshot, exactly as frozen, compared with the live figures."""
    found = _scope_or_404(scope, key)
    snap = get_object_or_404(ScorecardSnapshot, pk=pk, scope=found.kind, scope_key=found.key)
    frozen = snap.scorecard()
    live = build_scorecard(found, period=snap.period, today=timezone.localdate())
    changes = [
        {
            "label": figure_label(c.key),
            "before": c.before,
            "after": c.after,
            "added": c.added_refs,
            "removed": c.removed_refs,
        }
        for c in diff_scorecards(frozen, live)
    ]
    return render(
        request,
        "reports/snapshot.html",
        {**_present(frozen, snap), "snapshot": snap, "changes": changes, "live": live},
    )


# --- shadow reports --------------------------------------------------------------------------


@login_required
def shadow_form(request: HttpRequest, slug: str) -> HttpResponse:
    """Choose period, format and language, edit the recommendations, and start generating."""
    try:
        instrument = find_instrument(slug)
    except ReportError as error:
        raise Http404(error.message) from None
    periods = periods_with_reports(instrument)
    form = ShadowReportForm(request.POST or None, periods=periods)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["recommendations"]
        edited = text.strip() != form.cleaned_data["default_recommendations"].strip()
        try:
            job = services.generated_report_request(
                instrument=instrument,
                period=form.chosen_period(),
                fmt=form.cleaned_data["format"],
                language=form.cleaned_data["language"],
                recommendations=parse_recommendations(text) if edited else None,
                by=request.user,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("reports:generated", job.pk)
    if request.method != "POST" and periods:
        chosen = next((p for p in periods if str(p.pk) == request.GET.get("period")), periods[0])
        language = translation.get_language()
        language = language if language in LANGUAGES else "en"
        report = build_shadow_report(
            instrument, chosen, language=language, today=timezone.localdate()
        )
        defaults = "\n".join(report.recommendations)
        form.initial.update(
            {
                "period": str(chosen.pk),
                "language": language,
                "recommendations": defaults,
                "default_recommendations": defaults,
            }
        )
    return render(
        request,
        "reports/shadow_form.html",
        {"instrument": instrument, "form": form, "periods": periods},
    )


def _job_for(request: HttpRequest, pk: Any) -> GeneratedReport:
    job = get_object_or_404(GeneratedReport.objects.select_related("instrument", "period"), pk=pk)
    user = request.user
    if not (user.is_authenticated and (job.requested_by_id == user.pk or user.is_superuser)):
        raise Http404
    return job


@login_required
def generated_status(request: HttpRequest, pk: Any) -> HttpResponse:
    """Progress of a report being generated; refreshes itself until the file is ready."""
    job = _job_for(request, pk)
    return render(request, "reports/generated.html", {"job": job})


@login_required
def generated_progress(request: HttpRequest, pk: Any) -> HttpResponse:
    """The progress fragment that htmx polls every second."""
    job = _job_for(request, pk)
    return render(request, "reports/_progress.html", {"job": job})


@login_required
def generated_download(request: HttpRequest, pk: Any) -> FileResponse:
    job = _job_for(request, pk)
    if job.state != GeneratedReport.State.DONE or not job.file:
        raise Http404(_("The report is not ready."))
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename(),
        content_type=CONTENT_TYPES[job.format],
    )


# --- open data -------------------------------------------------------------------------------


def open_data(request: HttpRequest) -> HttpResponse:
    """Download links for the published ledger and its data dictionary."""
    downloads = [
        (fmt, reverse("reports:open_data_download", args=[opendata.FILE_SUFFIX[fmt]]))
        for fmt in opendata.FORMATS
    ]
    tables = [
        {
            "table": t,
            "json": reverse("reports:open_data_table", args=[t.name, "json"]),
            "csv": reverse("reports:open_data_table", args=[t.name, "csv"]),
        }
        for t in opendata.TABLES
    ]
    return render(
        request,
        "reports/open_data.html",
        {"downloads": downloads, "tables": tables, "dictionary": opendata.dictionary_rows()},
    )


def open_data_download(request: HttpRequest, suffix: str) -> HttpResponse:
    """The whole published ledger: ledger.csv.zip, ledger.xlsx or ledger.json."""
    by_suffix = {v: k for k, v in opendata.FILE_SUFFIX.items()}
    if suffix not in by_suffix:
        raise Http404(_("Unknown format."))
    fmt = by_suffix[suffix]
    content = opendata.export(fmt, now=timezone.now())
    response = HttpResponse(content, content_type=opendata.CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="wps-ledger-{stamp}.{suffix}"'
    return response


def open_data_table(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One table as JSON (a list of objects) or CSV, for scripts and spreadsheets."""
    names = (*opendata.TABLE_NAMES, "data_dictionary")
    if table not in names or fmt not in ("json", "csv"):
        raise Http404(_("Unknown table or format."))
    data = opendata.OpenData(generated_at=timezone.now())
    if table != "data_dictionary":
        data = opendata.collect(now=timezone.now())
    if fmt == "json":
        return JsonResponse(
            opendata.table_records(data, table),
            safe=False,
            json_dumps_params={"ensure_ascii": False},
        )
    response = HttpResponse(opendata.table_csv(data, table), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{table}.csv"'
    return response
