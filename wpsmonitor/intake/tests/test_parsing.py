"""The value parsers read the forms people type into plan cells, in four languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from wpsmonitor.intake.columns import vocabulary
from wpsmonitor.intake.parsing import (
    match_organisation,
    normalise_org_name,
    parse_budget,
    parse_number,
    parse_quantity,
    parse_timeline,
    split_organisations,
)

D = date


@pytest.mark.parametrize(
    ("text", "start", "end", "ongoing"),
    [
        ("Q2 2014", D(2014, 4, 1), D(2014, 6, 30), False),
        ("2013–2015", D(2013, 1, 1), D(2015, 12, 31), False),
        ("2013-2015", D(2013, 1, 1), D(2015, 12, 31), False),
        ("2014/15", D(2014, 1, 1), D(2015, 12, 31), False),
        ("by June 2015", None, D(2015, 6, 30), False),
        ("December 2014", D(2014, 12, 1), D(2014, 12, 31), False),
        ("2014", D(2014, 1, 1), D(2014, 12, 31), False),
        ("31.12.2015", D(2015, 12, 31), D(2015, 12, 31), False),
        ("2015-12-31", D(2015, 12, 31), D(2015, 12, 31), False),
        ("Q1–Q3 2014", D(2014, 1, 1), D(2014, 9, 30), False),
        ("January 2014 - June 2015", D(2014, 1, 1), D(2015, 6, 30), False),
        ("end of 2015", None, D(2015, 12, 31), False),
        ("H2 2015", D(2015, 7, 1), D(2015, 12, 31), False),
        ("from 2014", D(2014, 1, 1), None, False),
        ("2014 – ongoing", D(2014, 1, 1), None, True),
        ("2013-2015, continuous", D(2013, 1, 1), D(2015, 12, 31), True),
        ("ongoing", None, None, True),
        ("continuous", None, None, True),
        ("vazhdimisht", None, None, True),
        ("në vazhdim", None, None, True),
        ("deri në dhjetor 2015", None, D(2015, 12, 31), False),
        ("TM3 2015", D(2015, 7, 1), D(2015, 9, 30), False),
        ("kontinuirano", None, None, True),
        ("stalno", None, None, True),
        ("do kraja 2015", None, D(2015, 12, 31), False),
        ("mart 2016", D(2016, 3, 1), D(2016, 3, 31), False),
        ("en continu", None, None, True),
        ("permanent", None, None, True),
        ("d'ici juin 2015", None, D(2015, 6, 30), False),
        ("T4 2014", D(2014, 10, 1), D(2014, 12, 31), False),
    ],
)
def test_timeline_forms_are_read(
    text: str, start: date | None, end: date | None, ongoing: bool
) -> None:
    timeline = parse_timeline(text)
    assert (timeline.start, timeline.end, timeline.ongoing, timeline.ok) == (
        start,
        end,
        ongoing,
        True,
    )
    assert timeline.raw == text


@pytest.mark.parametrize("text", ["", "sometime soon", "2014, 2015", "31.13.2015", "Q5 2014"])
def test_unreadable_timelines_keep_their_text_and_say_not_ok(text: str) -> None:
    timeline = parse_timeline(text)
    assert (timeline.start, timeline.end, timeline.ok, timeline.raw) == (None, None, False, text)


@pytest.mark.parametrize(
    ("text", "amount", "currency", "in_kind"),
    [
        ("€25,000", "25000", "EUR", False),
        ("25.000 EUR", "25000", "EUR", False),
        ("EUR 25 000", "25000", "EUR", False),
        ("25,000.50 €", "25000.50", "EUR", False),
        ("25.000,50 €", "25000.50", "EUR", False),
        ("$10,000", "10000", "USD", False),
        ("USD 1.5 million", "1500000", "USD", False),
        ("1,2 mil. €", "1200000", "EUR", False),
        ("12.500,50 din", "12500.50", "RSD", False),
        ("1.000.000 lekë", "1000000", "ALL", False),
        ("approx. €5,000", "5000", "EUR", False),
        ("500 k EUR", "500000", "EUR", False),
        ("12,5", "12.5", None, False),
        ("25000", "25000", None, False),
        ("in kind", None, None, True),
        ("në natyrë", None, None, True),
        ("u naturi", None, None, True),
        ("en nature", None, None, True),
        ("n/a", None, None, False),
        ("—", None, None, False),
        ("nuk ka", None, None, False),
    ],
)
def test_budget_forms_are_read_as_decimal_amounts(
    text: str, amount: str | None, currency: str | None, in_kind: bool
) -> None:
    budget = parse_budget(text)
    assert budget.ok
    assert budget.amount == (Decimal(amount) if amount else None)
    assert isinstance(budget.amount, Decimal | None)
    assert (budget.currency, budget.in_kind, budget.raw) == (currency, in_kind, text)


@pytest.mark.parametrize(
    "text", ["", "tbd", "€10,000 (2014); €15,000 (2015)", "5% of the ministry budget", "€5 or $6"]
)
def test_unclear_budgets_are_not_guessed(text: str) -> None:
    budget = parse_budget(text)
    assert (budget.amount, budget.ok, budget.raw) == (None, False, text)


@pytest.mark.parametrize(
    ("text", "decimal_hint", "value"),
    [
        ("1,000", False, "1000"),
        ("1,000", True, "1.000"),
        ("0,500", False, "0.500"),
        ("1.234.567", False, "1234567"),
        ("1,234,567.89", False, "1234567.89"),
        ("1.234.567,89", False, "1234567.89"),
        ("1,23", False, "1.23"),
        ("1.2.3", False, None),
    ],
)
def test_numbers_in_either_separator_convention(
    text: str, decimal_hint: bool, value: str | None
) -> None:
    assert parse_number(text, decimal_hint=decimal_hint) == (Decimal(value) if value else None)


@pytest.mark.parametrize(
    ("text", "value", "unit", "ok"),
    [
        ("30%", "30", "%", True),
        ("0", "0", None, True),
        ("5 trainings", "5", "trainings", True),
        ("12,5 %", "12.5", "%", True),
        ("n/a", None, None, True),
        ("no law in place", None, None, False),
        ("from 10% to 30%", None, None, False),
    ],
)
def test_quantities_for_baselines_and_targets(
    text: str, value: str | None, unit: str | None, ok: bool
) -> None:
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit, quantity.ok) == (
        Decimal(value) if value else None,
        unit,
        ok,
    )


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("The Ministry of Defence (MoD)", "ministry of defence mod"),
        ("Agjencia për Barazi Gjinore", "agjencia per barazi gjinore"),
        ("Ministarstvo unutrašnjih poslova", "ministarstvo unutrasnjih poslova"),
        ("Služba za ljudska prava – Đakovica", "sluzba za ljudska prava dakovica"),
        ("Ministère de la Défense", "ministere de la defense"),
        ("Kosovo Women's Network", "kosovo womens network"),
        ("Ministry of Labour & Social Welfare", "ministry of labour and social welfare"),
    ],
)
def test_organisation_names_are_normalised_for_comparison(name: str, normal: str) -> None:
    assert normalise_org_name(name) == normal


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Kosovo Police, OSCE; UNDP", ["Kosovo Police", "OSCE", "UNDP"]),
        ("OSCE / UNDP\nUN Women", ["OSCE", "UNDP", "UN Women"]),
        ("Ministry of Labour and Social Welfare", ["Ministry of Labour and Social Welfare"]),
        ("Ministry of Justice and Kosovo Police", ["Ministry of Justice", "Kosovo Police"]),
        (
            "Ministry of Defence (MoD, KSF) and UN Women",
            ["Ministry of Defence (MoD, KSF)", "UN Women"],
        ),
        (
            "Ministria e Drejtësisë dhe Policia e Kosovës",
            ["Ministria e Drejtësisë", "Policia e Kosovës"],
        ),
        (
            "Ministarstvo rada i socijalne zaštite i Policija",
            ["Ministarstvo rada i socijalne zaštite", "Policija"],
        ),
        (
            "Ministère de la Justice et la Police nationale",
            ["Ministère de la Justice", "la Police nationale"],
        ),
        ("AGE & KWN", ["AGE", "KWN"]),
    ],
)
def test_organisation_cells_are_split_into_names(cell: str, names: list[str]) -> None:
    assert split_organisations(cell, vocabulary().organisation_words) == names


ORGANISATIONS = [
    ("mod", "Ministry of Defence", ()),
    ("moj", "Ministry of Justice", ("MoJ",)),
    ("kp", "Kosovo Police", ()),
    ("kwn", "Kosovo Women's Network", ()),
    ("age", "Agjencia për Barazi Gjinore", ("ABGJ", "AGE")),
    ("mfa", "Ministry of Foreign Affairs", ()),
    ("mpj", "Ministria e Punëve të Jashtme", ()),
    ("mup", "Ministarstvo unutrašnjih poslova", ("MUP",)),
    ("mfr", "Ministère de la Femme", ()),
]


@pytest.mark.parametrize(
    ("name", "key", "method"),
    [
        ("Ministry of Defence", "mod", "name"),
        ("the ministry of defence", "mod", "name"),
        ("MINISTRY OF DEFENCE.", "mod", "name"),
        ("MoD", "mod", "initials"),
        ("Ministry of Defense", "mod", "similar"),
        ("Ministry of Defence (MoD)", "mod", "name"),
        ("MOJ", "moj", "abbreviation"),
        ("KWN", "kwn", "initials"),
        ("Agjencia per Barazi Gjinore", "age", "name"),
        ("ABGJ", "age", "abbreviation"),
        ("MoFA", "mfa", "initials"),
        ("MPJ", "mpj", "initials"),
        ("Ministarstvo unutrasnjih poslova", "mup", "name"),
        ("ministere de la femme", "mfr", "name"),
    ],
)
def test_organisations_match_despite_case_accents_and_abbreviations(
    name: str, key: str, method: str
) -> None:
    match = match_organisation(name, ORGANISATIONS)
    assert match is not None
    assert (match.key, match.method) == (key, method)
    assert 0 < match.score <= 1


@pytest.mark.parametrize("name", ["UN Women", "Ministry of Education", "Police", "XYZ", ""])
def test_unknown_organisations_do_not_match(name: str) -> None:
    assert match_organisation(name, ORGANISATIONS) is None


def test_an_exact_name_scores_higher_than_initials() -> None:
    exact = match_organisation("Ministry of Defence", ORGANISATIONS)
    initials = match_organisation("MoD", ORGANISATIONS)
    assert exact is not None and initials is not None
    assert exact.score > initials.score


def test_initials_shared_by_two_organisations_list_the_other_as_an_alternative() -> None:
    candidates = [(1, "Ministry of Education", ()), (2, "Ministry of Environment", ())]
    match = match_organisation("MoE", candidates)
    assert match is not None
    assert match.alternatives == (2,)
