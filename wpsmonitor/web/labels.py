"""Labels shown on pages: country names in the interface language, status symbols."""

from __future__ import annotations

import gettext as gettext_module
from functools import cache

import pycountry
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wpsmonitor.core.countries import country_name

# pycountry's catalogues use their own locale names.
PYCOUNTRY_LOCALES = {"sq": "sq", "sr-latn": "sr@latin"}


@cache
def _country_catalogue(language: str) -> gettext_module.NullTranslations:
    locale = PYCOUNTRY_LOCALES.get(language)
    if locale is None:
        return gettext_module.NullTranslations()
    return gettext_module.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True
    )


def country_label(code: str) -> str:
    """The country's name in the active language; an empty code means international."""
    if not code:
        return gettext("International")
    if code == "XK":
        return gettext("Kosovo")
    if code == "XV":
        return gettext("Veridia (fictional sample)")
    english = country_name(code)
    return _country_catalogue(translation.get_language() or "en").gettext(english)


# Each status carries a symbol beside its name, so it is never told by colour alone.
STATUS_SYMBOL = {
    "complete": "●",
    "substantial": "◕",
    "limited": "◑",
    "not_started": "○",
    "no_evidence": "?",
    "withdrawn": "×",
}

REPORTER_LABELS = {
    "self": _("Government"),
    "shadow": _("Civil society"),
    "joint": _("Joint"),
}

# The four standard pillars are named in the interface language; others keep their own name.
STANDARD_PILLAR_NAMES = {
    "participation": _("Participation"),
    "prevention": _("Prevention"),
    "protection": _("Protection"),
    "relief-recovery": _("Relief and recovery"),
}


def pillar_label(pillar: object) -> str:
    if pillar is None:
        return ""
    key = getattr(pillar, "key", "")
    if getattr(pillar, "is_standard", False) and key in STANDARD_PILLAR_NAMES:
        return str(STANDARD_PILLAR_NAMES[key])
    return str(getattr(pillar, "name", pillar))


# The accountability elements the wording analyser looks for.
ELEMENT_LABELS = {
    "actor": _("who is responsible"),
    "deadline": _("a deadline"),
    "target": _("a measurable target"),
    "budget": _("a budget"),
    "indicator": _("an indicator of progress"),
}


def element_label(key: str) -> str:
    return str(ELEMENT_LABELS.get(key, key))
