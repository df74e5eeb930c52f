"""Accountability elements: who, by when, how much, with what money, tracked how."""

from __future__ import annotations

import pytest

from wpsmonitor.language import ELEMENTS, assess


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Requests the Secretary-General to submit a report", "the Secretary-General"),
        ("Urges Member States to increase funding", "Member States"),
        ("States Parties shall take all appropriate measures", "States Parties"),
        ("The Ministry of Defence will ensure that women are recruited", "The Ministry of Defence"),
        (
            "Calls upon all parties to armed conflict to respect international law",
            "all parties to armed conflict",
        ),
        (
            "Demands the immediate cessation by all parties to armed conflict of all acts",
            "all parties to armed conflict",
        ),
        (
            "Urges troop and police contributing countries to take action",
            "troop and police contributing countries",
        ),
        ("calls on the United States to commit to strengthening justice", "the United States"),
        ("Encourages the SecretaryGeneral to improve their capacity", "the SecretaryGeneral"),
        # Treaty-body recommendations write "State party" with a small p.
        ("The State party should adopt a national action plan", "The State party"),
        ("Line ministries should report annually to the Agency", "Line ministries"),
        ("We call on donors to fund women's organisations directly", "donors"),
        (
            "Urges existing sanctions committees to apply targeted sanctions",
            "existing sanctions committees",
        ),
    ],
)
def test_a_named_addressee_or_responsible_body_is_the_actor(text: str, actor: str) -> None:
    result = assess(text)
    assert result.elements["actor"] == actor
    span = result.spans["actor"]
    assert text[span.start : span.end] == actor


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Calls upon all relevant actors to support women's participation", "all relevant actors"),
        (
            "All relevant stakeholders are encouraged to support the plan.",
            "All relevant stakeholders",
        ),
        (
            "Urges the international community to increase its support",
            "the international community",
        ),
    ],
)
def test_a_vague_actor_does_not_count(text: str, vague: str) -> None:
    result = assess(text)
    assert result.elements["actor"] is None
    assert result.vague_actor == vague
    assert "actor" in result.missing
    assert "vague" in result.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Notes the engagement of the Secretary-General with those parties",
        "Requests a report to the Council on the matter",
        "Welcomes the work of gender advisers",
    ],
)
def test_an_actor_mentioned_only_as_a_recipient_or_partner_is_not_the_actor(text: str) -> None:
    assert assess(text).elements["actor"] is None


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Requests the Secretary-General to submit a report by 30 June 2009", "by 30 June 2009"),
        ("The Ministry will adopt the regulation by 2025.", "by 2025"),
        ("The Committee shall report annually to the General Assembly", "annually"),
        (
            "States Parties shall submit a report within one year after entry into force",
            "within one year",
        ),
        ("Requests the Secretary-General to include this in his next report", "in his next report"),
        ("The Agency shall respond within 60 days of a complaint.", "within 60 days"),
        ("Urges the Assembly to adopt the law by the end of 2024.", "by the end of 2024"),
        (
            "Encourages the Secretary-General to include in his annual reports detailed "
            "information",
            "annual reports",
        ),
    ],
)
def test_deadlines_are_found(text: str, deadline: str) -> None:
    assert assess(text).elements["deadline"] == deadline


@pytest.mark.parametrize(
    "text",
    [
        "Requests the Secretary-General to regularly update the Council",
        "Demands the cessation of all acts with immediate effect",
        "The plan was adopted in 2014 by the Government.",
        "Reservations may be withdrawn at any time.",
    ],
)
def test_vague_timing_and_past_dates_are_not_deadlines(text: str) -> None:
    assert assess(text).elements["deadline"] is None


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Increase the number of women in the police by 20% by 2026.", "police by 20%"),
        (
            "The Ministry will ensure that at least 30 per cent of recruits are women.",
            "30 per cent",
        ),
        ("Requests the Secretary-General to double the number of women peacekeepers", "double"),
        ("The Government will train at least 500 police officers.", "at least 500 police"),
        # A count of people between two words is a figure, not a stray page number.
        ("The Ministry of Interior will conduct training for 500 police officers.", "officers"),
        ("The Agency will support 120 women candidates in the elections.", "120 women"),
    ],
)
def test_quantified_targets_are_found(text: str, target: str) -> None:
    found = assess(text).elements["target"]
    assert found is not None and found.endswith(target)


@pytest.mark.parametrize(
    "text",
    [
        "Encourages the deployment of a higher percentage of women peacekeepers",
        "At least three months before the election the Secretary-General shall write to States",
        "Women make up 14 percent of the security force.",
        "Recalls its resolutions 1325 (2000) and 1820 (2008)",
    ],
)
def test_vague_quantities_statistics_and_references_are_not_targets(text: str) -> None:
    assert assess(text).elements["target"] is None


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("The Ministry will allocate EUR 500,000 to shelters.", "EUR 500,000"),
        (
            "Members shall receive emoluments from United Nations resources",
            "United Nations resources",
        ),
        ("Urges Member States to contribute to the Peacebuilding Fund", "Peacebuilding Fund"),
        (
            "The activities will be funded through voluntary contributions.",
            "voluntary contributions",
        ),
        (
            "We call on the Government to allocate a specific budget line for the plan.",
            "budget line",
        ),
        ("Costs will be covered from the state budget.", "state budget"),
    ],
)
def test_money_and_named_funding_sources_are_budgets(text: str, budget: str) -> None:
    assert assess(text).elements["budget"] == budget


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry will train judges within existing resources.",
        "The Ministry will train judges, subject to the availability of extrabudgetary resources.",
    ],
)
def test_within_existing_resources_is_a_hedge_not_a_budget(text: str) -> None:
    result = assess(text)
    assert result.elements["budget"] is None
    assert result.hedges


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        (
            "Requests the Secretary-General to establish monitoring, analysis and reporting "
            "arrangements",
            "monitoring",
        ),
        (
            "The Ministry will collect sex-disaggregated data on cases of domestic violence.",
            "disaggregated",
        ),
        ("Invites the Special Representative to continue to provide briefings", "briefings"),
        ("The Agency will measure progress against the baseline set in 2023.", "measure progress"),
    ],
)
def test_indicators_and_reporting_duties_are_found(text: str, indicator: str) -> None:
    assert assess(text).elements["indicator"] == indicator


def test_missing_lists_every_element_not_found_in_order() -> None:
    result = assess("Encourages Member States to share good practice")
    assert result.missing == ["deadline", "target", "budget", "indicator"]
    assert set(result.elements) == set(ELEMENTS)


def test_every_span_points_at_its_text_in_the_clause() -> None:
    text = (
        "The Ministry of Defence will, as appropriate, increase the share of women officers by 20% "
        "by 2025 with EUR 1 million from the state budget and report annually on progress."
    )
    result = assess(text)
    for span in [*result.spans.values(), *result.hedge_spans]:
        assert text[span.start : span.end] == span.text
    assert result.missing == []
