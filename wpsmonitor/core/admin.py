"""Admin for organisations and memberships. Every write made here is recorded in the history,
which itself is read-only in the admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .countries import country_choices
from .history import delete_recorded, save_recorded
from .models import HistoryEntry, Membership, Organisation


class RecordedAdminMixin:
    """Saves and deletes through the history, for the model and for its inlines."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        save_recorded(obj, by=request.user, reason="admin")

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        delete_recorded(obj, by=request.user, reason="admin")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            delete_recorded(obj, by=request.user, reason="admin")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_recorded(obj, by=request.user, reason="admin")
        for obj in instances:
            save_recorded(obj, by=request.user, reason="admin")
        formset.save_m2m()


class OrganisationForm(forms.ModelForm):
    country = forms.ChoiceField(
        label=_("country"),
        required=False,
        choices=[("", "—")],
        help_text=_("ISO 3166 code; Kosovo is XK. Empty for international bodies."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "abbreviation",
            "kind",
            "country",
            "iati_type",
            "iati_ref",
            "parent",
            "website",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(RecordedAdminMixin, admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "abbreviation", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "abbreviation", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(RecordedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    """The history can be read and searched here, never written."""

    list_display = ["at", "username", "action", "model", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["username", "object_repr", "object_pk", "reason"]
    date_hierarchy = "at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in HistoryEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
