"""Published scorecard snapshots and generated report files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .data import Scorecard


class Scope(models.TextChoices):
    INSTRUMENT = "instrument", _("Instrument")
    PILLAR = "pillar", _("Pillar")
    ORGANISATION = "organisation", _("Organisation")
    COUNTRY = "country", _("Country")


class ScorecardSnapshotQuerySet(models.QuerySet["ScorecardSnapshot"]):
    def of(self, scope: str, key: str, period: str) -> ScorecardSnapshotQuerySet:
        return self.filter(scope=scope, scope_key=key, period=period)


class ScorecardSnapshot(models.Model):
    """A published scorecard, frozen: later edits of the ledger never change its figures."""

    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    scope_key = models.CharField(_("scope key"), max_length=140)
    scope_name = models.CharField(_("name"), max_length=400)
    period = models.CharField(_("period"), max_length=60, blank=True)
    data = models.JSONField(_("figures"))
    method_version = models.CharField(_("method version"), max_length=20)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    note = models.TextField(_("note"), blank=True)

    objects = ScorecardSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["scope", "scope_key", "period"])]
        verbose_name = _("scorecard snapshot")
        verbose_name_plural = _("scorecard snapshots")

    def __str__(self) -> str:
        period = f" {self.period}" if self.period else ""
        return f"{self.scope_name}{period} ({self.published_at:%Y-%m-%d})"

    def scorecard(self) -> Scorecard:
        return Scorecard.from_dict(self.data)


class GeneratedReport(models.Model):
    """A shadow report being generated in the background, and the file once it is done."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instrument = models.ForeignKey(
        "commitments.Instrument", on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(
        "commitments.ReportingPeriod", on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(_("format"), max_length=8)
    language = models.CharField(_("language"), max_length=10, default="en")
    # None: the recommendations generated from the ledger; a list: the ones edited by a person.
    recommendations = models.JSONField(_("recommendations"), null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    file = models.FileField(upload_to="reports/generated/%Y/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.period_id} {self.format} ({self.state})"

    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    def filename(self) -> str:
        return f"shadow-report-{self.period.label}-{self.language}.{self.format}".replace(" ", "-")
