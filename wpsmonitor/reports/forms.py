"""Forms of the reports pages: parse input, nothing more."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wpsmonitor.commitments.models import ReportingPeriod

FORMAT_CHOICES = [("docx", _("Word (DOCX)")), ("pdf", _("PDF")), ("html", _("Web page (HTML)"))]
LANGUAGE_CHOICES = [("en", _("English")), ("sq", _("Albanian")), ("sr-latn", _("Serbian (Latin)"))]


class ShadowReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Reporting period"))
    format = forms.ChoiceField(
        label=_("Format"), choices=FORMAT_CHOICES, initial="docx", widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=LANGUAGE_CHOICES)
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One recommendation per line. Edit them before the report is generated."),
    )
    default_recommendations = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, periods: list[ReportingPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(str(p.pk), p.label) for p in periods]
        self.periods = {str(p.pk): p for p in periods}

    def chosen_period(self) -> ReportingPeriod:
        return self.periods[self.cleaned_data["period"]]


class SnapshotPublishForm(forms.Form):
    period = forms.CharField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why this snapshot is published, e.g. “annual review 2024”."),
    )
