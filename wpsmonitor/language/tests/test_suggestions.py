"""Explanations and suggestions: plain words, register-appropriate, nothing invented."""

from __future__ import annotations

import re

import pytest

from wpsmonitor.language import REGISTERS, assess, load_lexicon

_CLAUSES = [
    "The Agency for Gender Equality will consider establishing a mechanism, as appropriate.",
    "Relevant institutions will strive to include women in decision-making.",
    "Encourages Member States to deploy greater numbers of female military and police personnel",
    "Welcomes the work of gender advisers",
    "Requests the Secretary-General to submit a report to the Council by 30 June 2009",
    "States Parties shall take all appropriate measures to eliminate discrimination against women.",
    "Increase the number of women in the Kosovo Police by 20% by 2026.",
    "Training will be provided to police officers annually, as resources permit.",
    "All relevant stakeholders are encouraged to support the implementation of the plan.",
    "Municipalities may establish local coordination mechanisms.",
    "We call on the Government of Kosovo to allocate a specific budget line for the plan.",
    "The Ministry of Finance will allocate EUR 2 million from the state budget.",
    "Expresses its intention to give due consideration to sexual violence in mandate renewals",
    "Urges Member States, where possible, to share good practice",
    "Stresses that States must comply with their obligations to end impunity",
    "The Committee shall elect its officers for a term of two years.",
    "Calls for greater integration of the agenda",
    "Reports may indicate factors and difficulties affecting the degree of fulfilment.",
]
_MONTHS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def _actor_names(text: str) -> set[str]:
    lexicon = load_lexicon("en")
    names = {m.group(0) for m in lexicon.actors_cs.finditer(text)}
    names |= {m.group(0) for m in lexicon.actors_ci.finditer(text.lower())}
    return {n.lower().removeprefix("the ") for n in names}


@pytest.mark.parametrize("register", REGISTERS)
@pytest.mark.parametrize("text", _CLAUSES)
def test_suggestions_never_invent_numbers_dates_or_actors(text: str, register: str) -> None:
    result = assess(text, register)
    source_digits = set(re.findall(r"\d+", text))
    source_actors = _actor_names(text)
    for suggestion in result.suggestions:
        assert set(re.findall(r"\d+", suggestion)) <= source_digits, suggestion
        assert not (_MONTHS.findall(suggestion) and not _MONTHS.findall(text)), suggestion
        invented = _actor_names(suggestion) - source_actors
        assert not invented, (suggestion, invented)


def test_a_weak_clause_is_explained_in_plain_words() -> None:
    result = assess(
        "The Agency for Gender Equality will consider establishing a mechanism, as appropriate.",
        "plan",
    )
    assert result.strength == "weak"
    assert result.explanation.startswith("Weak: 'will' with 'consider' and 'as appropriate'")
    assert "no deadline" in result.explanation
    assert "no budget" in result.explanation


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry will consider training judges, as appropriate.",
        "Encourages the Ministry of Justice to train judges",
        "The Ministry of Justice will train judges.",
        "Welcomes the training of judges",
    ],
)
def test_a_plan_is_never_told_to_demand_or_decide(text: str) -> None:
    result = assess(text, "plan")
    joined = " ".join(result.suggestions).lower()
    assert "demand" not in joined
    assert "decide" not in joined


def test_a_plan_is_told_to_commit_with_will_and_a_deadline() -> None:
    result = assess("The Ministry of Justice may train judges.", "plan")
    assert any(
        "The Ministry of Justice will [ACTION] by [DEADLINE]" in s for s in result.suggestions
    )


def test_a_strong_resolution_clause_is_offered_decides_or_demands() -> None:
    result = assess("Urges Member States to increase funding", "resolution")
    assert any("Decides that Member States shall" in s for s in result.suggestions)


def test_a_treaty_clause_is_offered_shall() -> None:
    result = assess("States Parties should take measures to protect women.", "treaty")
    assert any("States Parties shall [ACTION]" in s for s in result.suggestions)


@pytest.mark.parametrize(
    ("missing", "placeholder"),
    [
        ("actor", "[RESPONSIBLE INSTITUTION]"),
        ("deadline", "by [DEADLINE]"),
        ("target", "[NUMBER] [UNIT]"),
        ("budget", "[AMOUNT] [CURRENCY] from [BUDGET LINE]"),
        ("indicator", "[INDICATOR]"),
    ],
)
def test_each_missing_element_gets_a_template_with_placeholders(
    missing: str, placeholder: str
) -> None:
    result = assess("Training will be provided to police officers.", "plan")
    assert missing in result.missing
    assert any(placeholder in s for s in result.suggestions)


def test_a_hedge_that_lowers_the_clause_is_named_in_a_suggestion() -> None:
    result = assess("The Ministry will train judges, as resources permit.", "plan")
    assert any("Remove 'as resources permit'" in s for s in result.suggestions)


def test_a_binding_clause_with_every_element_needs_no_suggestion() -> None:
    text = (
        "The Ministry of Defence shall increase the share of women officers to 25% by 2027 with "
        "EUR 1 million from the state budget and report annually on progress."
    )
    result = assess(text, "plan")
    assert result.strength == "binding"
    assert result.suggestions == []


def test_a_preambular_paragraph_gets_no_suggestions() -> None:
    assert assess("Recalling its resolution 1325 (2000)", "resolution").suggestions == []
