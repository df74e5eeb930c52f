"""Forms of the import pages: the upload, the columns chosen by hand, and the confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wpsmonitor.commitments.models import Instrument, InstrumentKind
from wpsmonitor.core.countries import is_country
from wpsmonitor.intake.columns import ROLES
from wpsmonitor.intake.preview import Preview
from wpsmonitor.intake.services import IGNORE, ImportOptions

ROLE_LABELS: dict[str, Any] = {
    "pillar": _("Pillar"),
    "objective": _("Objective"),
    "outcome": _("Outcome"),
    "action": _("Action (the commitment)"),
    "indicator": _("Indicator"),
    "baseline": _("Baseline"),
    "target": _("Target"),
    "responsible": _("Responsible institution (lead)"),
    "partners": _("Partners"),
    "timeline": _("Timeline or deadline"),
    "budget": _("Budget"),
    "budget_source": _("Budget source"),
    "reference": _("Reference number"),
    "notes": _("Notes"),
}


def role_choices() -> list[tuple[str, Any]]:
    return [(IGNORE, _("— not imported —"))] + [(r, ROLE_LABELS.get(r, r)) for r in ROLES]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_(".docx, .pdf, .xlsx, .csv, .txt or .md"))
    kind = forms.ChoiceField(label=_("Kind of document"), choices=InstrumentKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=400,
        required=False,
        help_text=_("Leave empty to take it from the document."),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("ISO code, e.g. XK for Kosovo; empty for a resolution."),
    )
    issuer = forms.CharField(
        label=_("Issuer"),
        max_length=300,
        required=False,
        help_text=_(
            "The organisation that adopts it. A resolution defaults to the United Nations "
            "Security Council."
        ),
    )
    revises = forms.ModelChoiceField(
        label=_("Revises"),
        queryset=Instrument.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("— a new instrument —"),
        help_text=_("Choose the plan this file is a new version of."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the latest version of a lineage can be revised.
        field = self.fields["revises"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Instrument.objects.filter(next_version__isnull=True)
            .exclude(kind=InstrumentKind.RESOLUTION)
            .order_by("country", "title", "version")
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = int(settings.UPLOAD_MAX_BYTES)
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; files up to %(limit).0f MB are accepted."),
                params={"size": upload.size / 1024 / 1024, "limit": limit / 1024 / 1024},
            )
        return upload

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if country and not is_country(country):
            raise forms.ValidationError(_("Use an ISO 3166 country code (XK for Kosovo)."))
        return country

    def options(self) -> ImportOptions:
        data = self.cleaned_data
        revises = data.get("revises")
        return ImportOptions(
            kind=data["kind"],
            title=data["title"],
            country=data["country"],
            issuer=data["issuer"],
            revises=revises.slug if revises else "",
        )


class MappingForm(forms.Form):
    """A select per column of the table being mapped."""

    def __init__(self, *args: Any, header: Sequence[str], roles: Sequence[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.header = list(header)
        for index, text in enumerate(self.header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=text or _("Column %(number)s") % {"number": index + 1},
                choices=role_choices(),
                initial=roles[index] if index < len(roles) and roles[index] else IGNORE,
                required=True,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "action" not in data.values():
            raise forms.ValidationError(_("Choose the column that holds the actions."))
        return data

    def mapping(self) -> dict[int, str]:
        return {int(name.split("_")[1]): role for name, role in self.cleaned_data.items()}


class CommitForm(forms.Form):
    """Confirm the import: which proposed organisations to create, and whether to adopt."""

    create = forms.MultipleChoiceField(
        label=_("Create these organisations"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    adopt = forms.BooleanField(
        label=_("Adopt it now (it is then frozen)"),
        required=False,
    )
    as_revision = forms.BooleanField(
        label=_("Import it again as a new version"),
        required=False,
    )

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = [o.name for o in preview.proposed]
        field = self.fields["create"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(n, n) for n in names]
        field.initial = names
        if preview.already_imported is None or preview.revises is not None:
            del self.fields["as_revision"]
