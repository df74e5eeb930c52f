"""Admin for instruments, pillars and reporting periods. Writes are recorded in the history;
an adopted instrument is frozen, so the admin shows it read-only. Status changes go through the
services (as actions), never through a bare field edit."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wpsmonitor.core.admin import RecordedAdminMixin

from . import services
from .exceptions import DomainError
from .models import Commitment, Instrument, Pillar, ReportingPeriod


class CommitmentInline(admin.TabularInline):
    """Commitments are listed here; they are added through the import or the services, so the
    analyser grades every one."""

    model = Commitment
    fields = ["reference", "text", "pillar", "deadline", "strength"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PeriodInline(admin.TabularInline):
    model = ReportingPeriod
    fields = ["label", "start", "end", "status"]
    readonly_fields = ["status"]
    extra = 0
    can_delete = False


def _run(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any], action: Any
) -> None:
    done = 0
    for obj in queryset:
        try:
            action(obj)
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request, gettext("%(count)d changed.") % {"count": done}, messages.SUCCESS
        )


@admin.register(Instrument)
class InstrumentAdmin(RecordedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "version", "kind", "country", "status", "adopted_on", "is_sample"]
    list_filter = ["status", "kind", "country", "is_sample"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["issuer"]
    readonly_fields = ["status", "adopted_on", "version", "previous_version", "source_checksum"]
    inlines = [PeriodInline, CommitmentInline]
    actions = ["adopt"]

    def has_change_permission(self, request: HttpRequest, obj: Instrument | None = None) -> bool:
        if obj is not None and obj.is_frozen():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Instrument | None = None) -> bool:
        if obj is not None and obj.is_frozen():
            return False
        return super().has_delete_permission(request, obj)

    def get_prepopulated_fields(
        self, request: HttpRequest, obj: Instrument | None = None
    ) -> dict[str, Any]:
        if obj is not None and obj.is_frozen():
            return {}
        return super().get_prepopulated_fields(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset.exclude(status__in=["adopted", "superseded"]))

    @admin.action(description=_("Adopt the selected instruments (they become frozen)"))
    def adopt(self, request: HttpRequest, queryset: QuerySet[Instrument]) -> None:
        today = timezone.localdate()
        _run(
            self,
            request,
            queryset,
            lambda inst: services.instrument_adopt(instrument=inst, by=request.user, on=today),
        )


@admin.register(Pillar)
class PillarAdmin(RecordedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "key", "order", "is_standard"]
    prepopulated_fields = {"key": ["name"]}


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(RecordedAdminMixin, admin.ModelAdmin):
    list_display = ["label", "instrument", "start", "end", "status"]
    list_filter = ["status"]
    search_fields = ["label", "instrument__title"]
    autocomplete_fields = ["instrument"]
    readonly_fields = ["status"]
    actions = ["close", "lock"]

    @admin.action(description=_("Close the selected periods (drafts can no longer be edited)"))
    def close(self, request: HttpRequest, queryset: QuerySet[ReportingPeriod]) -> None:
        _run(self, request, queryset, lambda p: services.period_close(period=p, by=request.user))

    @admin.action(description=_("Lock the selected periods (nothing in them can change)"))
    def lock(self, request: HttpRequest, queryset: QuerySet[ReportingPeriod]) -> None:
        _run(self, request, queryset, lambda p: services.period_lock(period=p, by=request.user))
