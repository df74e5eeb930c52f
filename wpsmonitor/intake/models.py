"""An uploaded file on its way into the ledger: stored, read, previewed, then committed.

A job row is bookkeeping for the import, not ledger data: it holds the stored file, what the
person chose (kind, issuer, column mapping), the preview as JSON, progress and the error.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wpsmonitor.commitments.models import Instrument, InstrumentKind


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be read")
    READING = "reading", _("Reading")
    NEEDS_MAPPING = "needs_mapping", _("Columns to choose")
    READY = "ready", _("Preview ready")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Could not be read")


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def committed_with(self, checksum: str) -> ImportJobQuerySet:
        return self.filter(checksum=checksum, status=JobStatus.COMMITTED)


class ImportJob(models.Model):
    file = models.FileField(_("file"), upload_to="imports/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    checksum = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    preview = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("created instrument"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def is_running(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.READING)

    def is_visible_to(self, user: Any) -> bool:
        return bool(getattr(user, "is_superuser", False)) or (
            self.created_by_id is not None and self.created_by_id == getattr(user, "pk", None)
        )
