"""The import pages: upload, progress while the file is read, columns chosen by hand, the
preview, and the confirmation that commits it. Each view parses input and calls one service."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wpsmonitor.core.models import Membership, Role
from wpsmonitor.intake import services, tasks
from wpsmonitor.intake.forms import ROLE_LABELS, CommitForm, MappingForm, UploadForm
from wpsmonitor.intake.models import ImportJob, JobStatus
from wpsmonitor.intake.preview import Preview, TableSummary

IMPORT_ROLES = (Role.ADMINISTRATOR, Role.FOCAL_POINT)


def may_import(user: Any) -> bool:
    """Administrators and focal points of any organisation may import documents."""
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(user=user, role__in=IMPORT_ROLES).exists()


def importer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_import(request.user):
            raise PermissionDenied(_("Only administrators and focal points may import documents."))
        return view(request, *args, **kwargs)

    return wrapped


def _job(request: HttpRequest, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk).first()
    if job is None or not job.is_visible_to(request.user):
        raise Http404
    return job


def instrument_url(instrument: Any) -> str:
    try:
        return reverse("instrument", args=[instrument.slug])
    except NoReverseMatch:
        return reverse("admin:commitments_instrument_change", args=[instrument.pk])


@importer_required
def upload(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:
                job = services.job_create(
                    upload=upload_file,
                    name=upload_file.name,
                    options=form.options(),
                    by=request.user,
                )
            except services.ImportRefused as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = 400
            else:
                tasks.start(job)
                return redirect("intake:job", pk=job.pk)
        else:
            status = 400
    else:
        form = UploadForm()
    jobs = ImportJob.objects.select_related("instrument")
    if not request.user.is_superuser:
        jobs = jobs.filter(created_by=request.user)
    context = {"form": form, "jobs": list(jobs.order_by("-created_at", "-pk")[:20])}
    return render(request, "intake/upload.html", context, status=status)


def _mapping_table(preview: Preview) -> TableSummary | None:
    """The table a person chooses columns for: the widest that is not a matrix, else the
    first matrix with a column that was not recognised."""
    others = [t for t in preview.tables if not t.is_matrix]
    if others:
        return max(others, key=lambda t: (len(t.header), -t.number))
    return next((t for t in preview.tables if "" in t.roles), None)


def _job_context(job: ImportJob, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"job": job, "role_labels": ROLE_LABELS}
    if job.instrument is not None:
        context["instrument_link"] = instrument_url(job.instrument)
    if job.preview and job.status in (JobStatus.READY, JobStatus.NEEDS_MAPPING):
        preview = Preview.from_dict(job.preview)
        table = _mapping_table(preview)
        context.update(preview=preview, mapping_table=table)
        if table is not None and "mapping_form" not in extra:
            context["mapping_form"] = MappingForm(header=table.header, roles=table.roles)
        if job.status == JobStatus.READY and "commit_form" not in extra:
            context["commit_form"] = CommitForm(preview=preview)
    context.update(extra)
    return context


@importer_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "intake/job.html", _job_context(job))


@importer_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled every second while the file is read; then off to the result."""
    job = _job(request, pk)
    if not job.is_running():
        response = HttpResponse(status=200 if request.headers.get("HX-Request") else 303)
        url = reverse("intake:job", args=[job.pk])
        response["HX-Redirect" if request.headers.get("HX-Request") else "Location"] = url
        return response
    return render(request, "intake/_progress.html", {"job": job})


@require_POST
@importer_required
def job_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if not job.preview or job.status not in (JobStatus.READY, JobStatus.NEEDS_MAPPING):
        return redirect("intake:job", pk=job.pk)
    table = _mapping_table(Preview.from_dict(job.preview))
    if table is None:
        return redirect("intake:job", pk=job.pk)
    form = MappingForm(request.POST, header=table.header, roles=table.roles)
    if not form.is_valid():
        return render(request, "intake/job.html", _job_context(job, mapping_form=form), status=400)
    services.job_set_mapping(job=job, mapping=form.mapping())
    tasks.start(job)
    return redirect("intake:job", pk=job.pk)


@require_POST
@importer_required
def job_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status != JobStatus.READY or not job.preview:
        return redirect("intake:job", pk=job.pk)
    preview = Preview.from_dict(job.preview)
    form = CommitForm(request.POST, preview=preview)
    if not form.is_valid():
        return render(request, "intake/job.html", _job_context(job, commit_form=form), status=400)
    try:
        result = services.job_commit(
            job=job,
            by=request.user,
            create_organisations=set(form.cleaned_data["create"]),
            adopt=form.cleaned_data["adopt"],
            as_revision=form.cleaned_data.get("as_revision", False),
            today=timezone.localdate(),
        )
    except services.ImportRefused as error:
        status = 409 if error.field == "as_revision" else 400
        context = _job_context(job, commit_form=form, commit_error=error.message)
        return render(request, "intake/job.html", context, status=status)
    return redirect(instrument_url(result.instrument))
