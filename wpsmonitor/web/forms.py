"""Forms: they parse what people typed; the services decide whether it is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wpsmonitor.commitments.exceptions import DomainError
from wpsmonitor.commitments.models import (
    Indicator,
    IndicatorValue,
    Measure,
    MissingReason,
    Sensitivity,
    Status,
)
from wpsmonitor.core.models import Organisation

from .pages import SORTS, Filters

BLANK = [("", "—")]


class FilterForm(forms.Form):
    """The filter and sort of an instrument's commitments (a GET form)."""

    pillar = forms.ChoiceField(label=_("Pillar"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    organisation = forms.ChoiceField(label=_("Responsible organisation"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    disagree = forms.BooleanField(
        label=_("Only where government and civil society disagree"), required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("reference", _("Reference")),
            ("deadline", _("Deadline")),
            ("status", _("Government rating")),
            ("gap", _("Size of the disagreement")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        pillars: Sequence[tuple[str, str]] = (),
        organisations: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["pillar"].choices = [("", _("All pillars")), *pillars]
        self.fields["organisation"].choices = [("", _("All organisations")), *organisations]

    def filters(self) -> Filters:
        """The filters chosen; a value that is not understood is ignored rather than refused.

        Read from the raw data because the pillar and organisation choices are only known once
        the page's commitments are loaded."""
        data = self.data if self.is_bound else {}
        status = str(data.get("status", ""))
        sort = str(data.get("sort", ""))
        return Filters(
            pillar=str(data.get("pillar", ""))[:60],
            status=status if status in Status.values else "",
            organisation=str(data.get("organisation", ""))[:120],
            overdue=_truthy(data.get("overdue")),
            disagree=_truthy(data.get("disagree")),
            sort=sort if sort in SORTS else "reference",
        )


def _truthy(value: Any) -> bool:
    return str(value or "").lower() in {"on", "1", "true", "yes"}


def indicator_field_name(indicator: Indicator) -> str:
    return f"ind_{indicator.pk}"


def indicator_missing_name(indicator: Indicator) -> str:
    return f"ind_{indicator.pk}_missing"


class UpdateForm(forms.Form):
    """One commitment's status, narrative, indicator values and new evidence in a report."""

    status = forms.ChoiceField(label=_("Status"), choices=BLANK + list(Status.choices))
    narrative = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    challenges = forms.CharField(
        label=_("Challenges"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_title = forms.CharField(label=_("Evidence title"), required=False, max_length=300)
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, max_length=1000, assume_scheme="https"
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)
    evidence_sensitivity = forms.ChoiceField(
        label=_("Who may see the evidence"),
        choices=Sensitivity.choices,
        initial=Sensitivity.PUBLIC,
        required=False,
    )

    def __init__(self, *args: Any, indicators: Sequence[Indicator] = (), **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for ind in self.indicators:
            label = ind.definition + (f" ({ind.unit})" if ind.unit else "")
            name = indicator_field_name(ind)
            if ind.measure == Measure.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[*BLANK, ("yes", _("Yes")), ("no", _("No"))],
                )
            elif ind.measure == Measure.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    required=False,
                    coerce=int,
                    empty_value=None,
                    choices=[*BLANK, *((str(i), lvl) for i, lvl in enumerate(ind.scale_levels))],
                )
            elif ind.measure == Measure.TEXT:
                self.fields[name] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 2})
                )
            else:
                self.fields[name] = forms.DecimalField(
                    label=label, required=False, localize=True, max_digits=16, decimal_places=4
                )
                self.fields[name].widget.attrs["inputmode"] = "decimal"
            self.fields[indicator_missing_name(ind)] = forms.ChoiceField(
                label=_("or the reason it is missing"),
                required=False,
                choices=BLANK + list(MissingReason.choices),
            )

    def indicator_fields(self) -> list[tuple[Indicator, forms.BoundField, forms.BoundField]]:
        return [
            (ind, self[indicator_field_name(ind)], self[indicator_missing_name(ind)])
            for ind in self.indicators
        ]

    def value_arguments(self, indicator: Indicator) -> dict[str, Any] | None:
        """The keyword arguments for ``value_record``, or None when nothing was entered."""
        raw = self.cleaned_data.get(indicator_field_name(indicator))
        missing = self.cleaned_data.get(indicator_missing_name(indicator)) or ""
        if raw in (None, "") and not missing:
            return None
        args: dict[str, Any] = {"missing_reason": missing}
        if indicator.measure == Measure.SCALE:
            args["scale_level"] = raw
        elif indicator.measure == Measure.TEXT:
            args["text"] = raw or ""
        else:
            args["value"] = raw
        return args

    def add_domain_error(self, error: DomainError, indicator: Indicator | None = None) -> None:
        """Show a refused write next to the field it names (or above the form)."""
        self.add_error(self.field_of(error.field, indicator), error.message)

    def field_of(self, name: str | None, indicator: Indicator | None) -> str | None:
        if indicator is not None:
            if name == "missing_reason":
                return indicator_missing_name(indicator)
            return indicator_field_name(indicator)
        mapping = {
            "status": "status",
            "narrative": "narrative",
            "challenges": "challenges",
            "title": "evidence_title",
            "file": "evidence_file",
            "url": "evidence_url",
            "sensitivity": "evidence_sensitivity",
        }
        return mapping.get(name or "")


def plain_decimal(value: Decimal | None) -> Decimal | None:
    """A decimal without trailing zeros and never in exponent form (100, not 1E+2)."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal


def initial_for(
    update: Any, indicators: Sequence[Indicator], values: dict[int, IndicatorValue]
) -> dict[str, Any]:
    """The form's starting values from what the report already holds."""
    initial: dict[str, Any] = {"evidence_sensitivity": Sensitivity.PUBLIC}
    if update is not None:
        initial.update(
            status=update.status, narrative=update.narrative, challenges=update.challenges
        )
    for ind in indicators:
        row = values.get(ind.pk)
        if row is None:
            continue
        name = indicator_field_name(ind)
        if row.missing_reason:
            initial[indicator_missing_name(ind)] = row.missing_reason
        elif ind.measure == Measure.YES_NO:
            initial[name] = "yes" if row.value else "no"
        elif ind.measure == Measure.SCALE:
            initial[name] = row.scale_level
        elif ind.measure == Measure.TEXT:
            initial[name] = row.text_value
        else:
            initial[name] = plain_decimal(row.value)
    return initial


class ReplyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Replying on behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    text = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(
        self, *args: Any, organisations: Sequence[Organisation] = (), **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
