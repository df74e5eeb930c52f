"""Template helpers: status badges with a symbol and a word, country names, reporter names."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wpsmonitor.commitments.models import Status, Strength

from ..labels import REPORTER_LABELS, STATUS_SYMBOL, country_label, pillar_label

register = template.Library()


@register.simple_tag
def status_badge(rating: Any) -> SafeString:
    """A status as symbol and word (never colour alone); a rating, an update or a status key."""
    if rating is None or rating == "":
        return format_html(
            '<span class="status status-none"><span aria-hidden="true">–</span> {}</span>',
            _("Not rated"),
        )
    key = getattr(rating, "status", rating)
    label = Status(key).label if key in Status.values else key
    return format_html(
        '<span class="status status-{}"><span aria-hidden="true">{}</span> {}</span>',
        key,
        STATUS_SYMBOL.get(key, "•"),
        label,
    )


@register.simple_tag
def disagree_mark() -> SafeString:
    return format_html(
        '<span class="mark disagree"><span aria-hidden="true">≠</span> {}</span>',
        _("Government and civil society disagree"),
    )


@register.simple_tag
def overdue_mark() -> SafeString:
    return format_html(
        '<span class="mark overdue"><span aria-hidden="true">!</span> {}</span>', _("Overdue")
    )


@register.filter
def country(code: str) -> str:
    return country_label(code or "")


@register.filter
def reporter(kind: str) -> str:
    return str(REPORTER_LABELS.get(kind, kind))


@register.filter
def strength_label(key: str) -> str:
    return str(Strength(key).label) if key in Strength.values else (key or "")


@register.filter
def pillar(value: Any) -> str:
    return pillar_label(value)
