"""Strength rules, one table per rule of the rubric."""

from __future__ import annotations

import pytest

from wpsmonitor.language import TIERS, assess


def strength(text: str) -> str:
    return assess(text).strength


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Decides to remain actively seized of the matter", "binding"),
        ("Demands that all parties immediately cease all acts of sexual violence", "binding"),
        (
            "Reiterates its demand for the complete cessation of all acts of sexual violence",
            "binding",
        ),
        ("Requests the Secretary-General to submit a report to the Council", "strong"),
        ("Urges Member States to increase the representation of women", "strong"),
        ("Calls upon all parties to armed conflict to respect international law", "strong"),
        ("calls on the United States to commit to strengthening justice for survivors", "strong"),
        ("Reiterates its call upon all parties to comply with their obligations", "strong"),
        (
            "States Parties undertake to adopt all necessary measures at the national level",
            "strong",
        ),
        ("Encourages Member States to deploy more female police personnel", "moderate"),
        ("Invites the Special Representative to continue to provide briefings", "moderate"),
        (
            "Recommends that the Ministry of Education include gender-sensitive curricula",
            "moderate",
        ),
        ("Calls for greater integration of the women, peace and security agenda", "moderate"),
        ("Looks forward to the appointment of more women protection advisers", "moderate"),
        ("Expresses its intention to increase its attention to these issues", "moderate"),
        ("The Government aims to increase women's representation in peace talks.", "moderate"),
        ("Member States endeavour to include women in their delegations.", "weak"),
        ("Asks the Peacebuilding Commission to report on progress", "strong"),
        ("We ask the Government to publish the budget of the plan.", "strong"),
    ],
)
def test_each_tier_has_its_lead_verbs(text: str, expected: str) -> None:
    assert strength(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("States Parties shall accord to women equality with men before the law.", "binding"),
        ("The Committee must meet at least once a year.", "binding"),
        ("Member States are required to submit national reports every four years.", "binding"),
        ("The Kosovo Police will continue to recruit women officers.", "strong"),
        ("Ministries should allocate funds from their annual budgets.", "moderate"),
        ("Municipalities may establish local coordination mechanisms.", "weak"),
        ("The specialized agencies shall be entitled to be represented.", "weak"),
        ("The Ministry will consider establishing a coordination mechanism.", "weak"),
        (
            "Affirms its intention, when renewing sanctions, to take into consideration the acts",
            "weak",
        ),
    ],
)
def test_modals_set_the_tier(text: str, expected: str) -> None:
    assert strength(text) == expected


@pytest.mark.parametrize(
    "hedge",
    [
        "as appropriate",
        "where appropriate",
        "if appropriate",
        "where possible",
        "to the extent possible",
        "as necessary",
        "where necessary",
        "wherever possible",
        "within existing resources",
        "subject to the availability of resources",
        "subject to availability of funds",
        "as resources permit",
        "in accordance with national priorities",
    ],
)
def test_each_hedge_lowers_a_strong_clause_one_tier(hedge: str) -> None:
    text = f"The Ministry of Defence will train all new recruits on gender equality, {hedge}."
    result = assess(text)
    assert result.strength == "moderate"
    assert hedge in result.hedges
    assert result.hedge_lowered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Decides to include specific provisions, as appropriate, in the mandates", "strong"),
        ("Requests the Secretary-General, where appropriate, to encourage dialogue", "moderate"),
        ("Encourages Member States, where possible, to share good practice", "weak"),
        ("Member States may, where appropriate, share good practice", "weak"),
        (
            "The Ministry will explore options for a fund, subject to the availability of funds",
            "weak",
        ),
    ],
)
def test_a_hedge_lowers_one_tier_and_never_below_weak(text: str, expected: str) -> None:
    assert strength(text) == expected


def test_where_feasible_makes_a_clause_weak() -> None:
    text = "The Ministry of Foreign Affairs will add women ambassadors where feasible."
    assert strength(text) == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "States Parties shall adopt appropriate measures, including sanctions where appropriate, "
        "prohibiting all discrimination against women.",
        "Expresses its intention to use this list, including, as appropriate, measures of the "
        "sanctions committees",
        "Requests the Secretary-General, in consultation with the Security Council and relevant "
        "States, as appropriate, to develop training programmes",
        "States Parties shall ensure to women appropriate services in connexion with pregnancy, "
        "granting free services where necessary.",
        # The hedge belongs to the second, coordinated request, not to the first.
        "Expresses its willingness to incorporate a gender perspective into peacekeeping "
        "operations, and urges the Secretary-General to ensure that, where appropriate, field "
        "operations include a gender component",
        "Decides to establish a working group and requests it to report, as necessary",
    ],
)
def test_a_hedge_inside_a_list_or_consultation_phrase_does_not_lower(text: str) -> None:
    result = assess(text)
    assert result.hedges
    assert not result.hedge_lowered


def test_a_hedge_set_off_after_an_including_list_still_lowers() -> None:
    text = (
        "Requests the Secretary General to establish monitoring arrangements, including rape in "
        "situations of armed conflict, as appropriate, and taking into account each country"
    )
    assert strength(text) == "moderate"


@pytest.mark.parametrize(
    "text",
    [
        "States Parties shall take all appropriate measures to eliminate discrimination.",
        "Urges troop contributing countries to take appropriate preventative action",
    ],
)
def test_all_appropriate_measures_is_not_a_hedge(text: str) -> None:
    result = assess(text)
    assert result.hedges == []
    assert result.strength in {"binding", "strong"}


@pytest.mark.parametrize(
    "text",
    [
        "Recalls its resolutions 1325 (2000) and 1820 (2008)",
        "Notes that rape can constitute a war crime",
        "Welcomes the work of gender advisers",
        "Commends the efforts of Member States",
        "Acknowledges the role of civil society",
        "Reaffirms that sexual violence may impede the restoration of peace",
        "Expresses deep concern at the slow progress",
        "Condemns in the strongest terms all sexual violence",
        "Stresses the need for the exclusion of sexual violence crimes from amnesty provisions",
        "Recognizes that accountability is important for lasting peace",
        "stands in solidarity with the survivors of conflict-related sexual violence",
        "Deeply concerned that women remain underrepresented in peace processes",
        "Convinced that the new economic order will contribute to equality",
        "Women make up 14 percent of the security force.",
    ],
)
def test_declaratory_and_descriptive_clauses_are_none(text: str) -> None:
    assert strength(text) == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Underlines that, to carry out their mandate, missions must communicate with people",
            "binding",
        ),
        ("Emphasizes that Member States should ensure the participation of women", "moderate"),
        ("Stresses that all parties shall respect the ceasefire", "binding"),
        ("Recognizes that the Ministry should, where possible, consult women's groups", "weak"),
    ],
)
def test_a_deontic_modal_in_a_declaratory_complement_sets_the_tier(
    text: str, expected: str
) -> None:
    assert strength(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "lead"),
    [
        (
            "Recognizes the role of women and requests the Secretary-General to report",
            "strong",
            "requests",
        ),
        (
            "Welcomes the training materials and encourages Member States to use them",
            "moderate",
            "encourages",
        ),
        (
            "States Parties condemn discrimination, agree to pursue a policy and undertake to act",
            "strong",
            "agree",
        ),
        (
            "States Parties agree that such contracts shall be deemed null and void.",
            "strong",
            "agree",
        ),
        (
            "Demands that parties take measures, which could include vetting of forces",
            "binding",
            "Demands",
        ),
    ],
)
def test_the_lead_verb_is_the_first_that_asks_binds_or_commits(
    text: str, expected: str, lead: str
) -> None:
    result = assess(text)
    assert result.strength == expected
    assert result.lead is not None and result.lead.text.startswith(lead)


@pytest.mark.parametrize(
    "text",
    [
        "Parties to armed conflict shall not use sexual violence as a tactic of war.",
        "No person shall be subjected to torture.",
        "A reservation incompatible with the present Convention shall not be permitted.",
        "Members of the security forces may not carry weapons off duty.",
    ],
)
def test_prohibitions_are_binding(text: str) -> None:
    assert strength(text) == "binding"


@pytest.mark.parametrize(
    "text",
    [
        'For the purposes of this plan, the term "survivor" shall mean any person harmed.',
        'The term "survivor" shall be understood to mean any person who has suffered harm.',
        "Special measures shall not be considered discrimination as defined in this Convention.",
        "Nothing in this Convention shall affect more favourable provisions.",
        "The present Convention shall enter into force on the thirtieth day after the deposit.",
    ],
)
def test_definitions_and_rules_of_interpretation_are_none(text: str) -> None:
    assert strength(text) == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Increase the number of women in the Kosovo Police by 20% by 2026.", "strong"),
        ("Establish a gender focal point in each ministry by the end of 2024.", "strong"),
        ("Review of the law on gender equality", "none"),
        # Verbs that open plan actions in many national action plans.
        ("Promote the participation of women in peace negotiations.", "strong"),
        ("Enhance the capacity of the police to respond to gender-based violence.", "strong"),
        ("Prevent and combat conflict-related sexual violence.", "strong"),
        ("Support women's organisations working on peacebuilding.", "strong"),
        ("Support for women's organisations is provided by donors.", "none"),
        ("Mobilise resources for the shelters.", "strong"),
    ],
)
def test_plan_action_items_in_the_imperative_are_strong(text: str, expected: str) -> None:
    assert strength(text) == expected


def test_a_list_item_without_a_verb_takes_the_strength_of_its_lead_in() -> None:
    parent = assess("Requests the Secretary-General to submit a report to include, inter alia:")
    item = assess("(b) information on progress made in the implementation", parent=parent)
    assert item.strength == "strong"
    assert item.inherited


def test_strength_is_always_one_of_the_five_tiers() -> None:
    for text in ["", "   ", "2", "(a)", "Shall shall shall", "as appropriate"]:
        assert assess(text).strength in TIERS
