"""ISO 3166-1 alpha-2 countries, with Kosovo as XK and the fictional demo country as XV
(both from the user-assigned range)."""

from __future__ import annotations

from functools import cache

import pycountry

EXTRA = {"XK": "Kosovo", "XV": "Veridia (fictional sample)"}


@cache
def country_names() -> dict[str, str]:
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.update(EXTRA)
    return dict(sorted(names.items(), key=lambda item: item[1]))


def country_choices() -> list[tuple[str, str]]:
    return list(country_names().items())


def country_name(code: str) -> str:
    return country_names().get(code, code)


def is_country(code: str) -> bool:
    return code in country_names()
