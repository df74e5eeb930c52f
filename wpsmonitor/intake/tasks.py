"""Read an uploaded file in a background thread, so the page can show progress meanwhile.

With ``settings.INTAKE_RUN_INLINE`` set (tests), or ``inline=True``, the file is read before
``start`` returns.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connections, transaction

from wpsmonitor.intake import services
from wpsmonitor.intake.models import ImportJob

logger = logging.getLogger(__name__)


def runs_inline() -> bool:
    return bool(getattr(settings, "INTAKE_RUN_INLINE", False))


def start(job: ImportJob, *, inline: bool | None = None) -> None:
    """Read the job's file and build its preview, in a thread unless ``inline``."""
    if runs_inline() if inline is None else inline:
        services.job_run(job=job)
        return
    job_id = job.pk
    transaction.on_commit(
        lambda: threading.Thread(
            target=_run, args=(job_id,), name=f"intake-job-{job_id}", daemon=True
        ).start()
    )


def _run(job_id: int) -> None:
    close_old_connections()
    try:
        job = ImportJob.objects.get(pk=job_id)
        services.job_run(job=job)
    except Exception:  # the thread has nobody to report to but the log
        logger.exception("import job %s failed", job_id)
    finally:
        connections.close_all()
