"""Writes of the reports app: publishing scorecard snapshots and generating report files."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wpsmonitor.commitments.exceptions import DomainError, InvalidValue, NotAllowed
from wpsmonitor.commitments.models import Instrument, ReportingPeriod
from wpsmonitor.core.history import record, snapshot
from wpsmonitor.core.models import HistoryEntry, Membership, Role

from .models import GeneratedReport, ScorecardSnapshot
from .render import render
from .render.errors import RenderError
from .scorecards import build_scorecard, resolve_scope
from .shadow import FORMATS, LANGUAGES, ReportError, build_shadow_report

log = logging.getLogger(__name__)


def can_publish_snapshot(user: Any) -> bool:
    """Administrators (of any organisation) and superusers publish scorecard snapshots."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()


@transaction.atomic
def snapshot_publish(
    *, scope: str, key: str, period: str = "", by: Any, today: dt.date, note: str = ""
) -> ScorecardSnapshot:
    """Freeze the live scorecard of ``scope``/``key`` for ``period`` as a published snapshot."""
    if not can_publish_snapshot(by):
        raise NotAllowed(_("Only an administrator may publish a scorecard snapshot."))
    found = resolve_scope(scope, key)
    card = build_scorecard(found, period=period, today=today)
    snap = ScorecardSnapshot.objects.create(
        scope=found.kind,
        scope_key=found.key,
        scope_name=found.name,
        period=period,
        data=card.to_dict(),
        method_version=card.method_version,
        published_at=timezone.now(),
        published_by=by,
        note=note.strip(),
    )
    record(
        obj=snap,
        action=HistoryEntry.Action.CREATE,
        by=by,
        after=snapshot(snap),
        reason="scorecard snapshot published",
    )
    return snap


@transaction.atomic
def generated_report_request(
    *,
    instrument: Instrument,
    period: ReportingPeriod,
    fmt: str,
    language: str,
    recommendations: list[str] | None,
    by: Any,
) -> GeneratedReport:
    """Queue a shadow report for generation; it starts in the background once committed."""
    if fmt not in FORMATS:
        raise InvalidValue(_("Choose DOCX, PDF or HTML."), field="format")
    if language not in LANGUAGES:
        raise InvalidValue(_("Choose English, Albanian or Serbian (Latin)."), field="language")
    if period.instrument_id != instrument.pk:
        raise InvalidValue(_("That period is not one of this instrument's."), field="period")
    job = GeneratedReport.objects.create(
        instrument=instrument,
        period=period,
        format=fmt,
        language=language,
        recommendations=recommendations if recommendations is not None else None,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
    )
    record(obj=job, action=HistoryEntry.Action.CREATE, by=by, reason="shadow report requested")
    transaction.on_commit(lambda: launch(job.pk))
    return job


def launch(job_id: Any) -> None:
    """Generate in a background thread so the web stays responsive."""
    threading.Thread(target=_run_in_thread, args=(job_id,), daemon=True).start()


def _run_in_thread(job_id: Any) -> None:
    close_old_connections()
    try:
        generated_report_run(job_id=job_id, today=timezone.localdate())
    except Exception:  # the job records the failure; nothing else may be lost silently
        log.exception("shadow report %s failed", job_id)
    finally:
        connection.close()


def _progress(job: GeneratedReport, progress: int, state: str | None = None) -> None:
    job.progress = progress
    fields = ["progress"]
    if state:
        job.state = state
        fields.append("state")
    job.save(update_fields=fields)


def generated_report_run(*, job_id: Any, today: dt.date) -> GeneratedReport:
    """Build, render and store one queued shadow report, updating its progress as it goes."""
    job = GeneratedReport.objects.select_related("instrument", "period").get(pk=job_id)
    _progress(job, 5, GeneratedReport.State.RUNNING)
    try:
        report = build_shadow_report(
            job.instrument,
            job.period,
            language=job.language,
            today=today,
            recommendations=job.recommendations if job.recommendations is not None else None,
        )
        _progress(job, 50)
        content = render(report, job.format)
        _progress(job, 90)
    except (ReportError, RenderError, DomainError) as error:
        job.state, job.message = GeneratedReport.State.FAILED, error.message
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "message", "finished_at"])
        return job
    except Exception:
        job.state = GeneratedReport.State.FAILED
        job.message = _("The report could not be generated; the error has been logged.")
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "message", "finished_at"])
        raise
    job.file.save(job.filename(), ContentFile(content), save=False)
    job.state, job.progress, job.finished_at = GeneratedReport.State.DONE, 100, timezone.now()
    job.save(update_fields=["file", "state", "progress", "finished_at"])
    return job
