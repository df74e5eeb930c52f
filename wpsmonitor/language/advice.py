"""Plain-language explanations and suggestions for one assessed clause.

Suggestions never invent a number, a date or an actor: anything the clause does not already
say is written as a placeholder in brackets, such as [DEADLINE] or [RESPONSIBLE INSTITUTION].
"""

from __future__ import annotations

from .lexicon import ELEMENTS, load_lexicon
from .model import Span
from .strength import StrengthResult

REGISTERS: tuple[str, ...] = ("resolution", "plan", "treaty", "letter", "recommendation")
_ALIASES = {
    "security council": "resolution",
    "sc": "resolution",
    "unsc": "resolution",
    "nap": "plan",
    "national action plan": "plan",
    "action plan": "plan",
    "convention": "treaty",
    "agreement": "treaty",
    "law": "treaty",
    "advocacy": "letter",
    "recommendations": "recommendation",
}
_FIRMER_VERB = {
    "resolution": "'requests' or 'urges' (a firm request)",
    "plan": "'will' with a date ('will ... by [DEADLINE]')",
    "treaty": "'shall'",
    "letter": "'we call on [ACTOR] to ... by [DEADLINE]'",
    "recommendation": "'should' with a date, or 'must'",
}
_PLACEHOLDER_ACTOR = {
    "resolution": "[ACTOR]",
    "plan": "[RESPONSIBLE INSTITUTION]",
    "treaty": "[PARTIES]",
    "letter": "[ACTOR]",
    "recommendation": "[ACTOR]",
}
_TIER_WORD = {
    "binding": "Binding",
    "strong": "Strong",
    "moderate": "Moderate",
    "weak": "Weak",
    "none": "No commitment",
}


def normalise_register(register: str | None) -> str | None:
    """A register name from user input ('NAP', 'Resolution'), or None when unknown."""
    if not register:
        return None
    key = register.strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in REGISTERS else None


def _quote(span: Span | None) -> str:
    return f"'{' '.join(span.text.split())}'" if span else ""


def explain(
    result: StrengthResult,
    spans: dict[str, Span | None],
    vague_actor: Span | None,
    inherited_from: str | None = None,
) -> str:
    """One or two sentences saying why the clause got its strength and what it lacks."""
    tier = result.strength
    head = _TIER_WORD[tier]
    reasons: list[str] = []
    if inherited_from is not None:
        reasons.append(f"an item of the list introduced by {inherited_from}")
    elif result.lead_kind == "definition":
        reasons.append(f"{_quote(result.lead)} defines or interprets; it binds no one")
    elif result.lead_kind == "preambular":
        reasons.append("a preambular paragraph sets out context and asks no one to act")
    elif result.lead_kind == "declaratory":
        reasons.append(f"{_quote(result.lead)} states a view and asks no one to act")
    elif result.lead is None:
        reasons.append("no verb that asks, binds or commits anyone")
    else:
        lead = _quote(result.lead)
        if result.lead_kind == "deontic_complement":
            said = _quote(result.declaratory) if result.declaratory else "the preamble"
            lead = f"{lead} in what {said} says"
        if result.softener is not None:
            lead = f"{lead} with {_quote(result.softener)}"
        reasons.append(lead)
        for hedge in result.lowering:
            reasons.append(_quote(hedge))
    text = f"{head}: " + " and ".join(reasons)
    if result.lowering and result.base_tier != tier:
        text += f" (the hedge lowers it from {result.base_tier})"
    if result.shielded:
        shielded = ", ".join(_quote(h) for h in result.shielded)
        text += f"; {shielded} qualifies a detail, not the obligation"
    missing = [name for name in ELEMENTS if spans.get(name) is None]
    if vague_actor is not None:
        text += f"; the actor {_quote(vague_actor)} is too vague to hold to account"
        missing = [name for name in missing if name != "actor"]
    if missing:
        text += "; no " + ", no ".join(missing)
    else:
        text += "; names actor, deadline, target, budget and indicator"
    return text


def suggest(
    result: StrengthResult,
    spans: dict[str, Span | None],
    vague_actor: Span | None,
    register: str,
    kind: str = "operative",
    language: str = "en",
) -> list[str]:
    """Stronger wording for the register and templates for the missing elements."""
    lexicon = load_lexicon(language)
    if kind == "preambular" or result.lead_kind in {"definition"}:
        return []
    tier = result.strength
    if tier == "none" and result.lead is None and kind != "operative":
        return []
    suggestions: list[str] = []
    actor = spans.get("actor")
    stronger = str(lexicon.registers[register]["stronger"].get(tier, ""))
    if stronger:
        if actor is not None:
            name = " ".join(actor.text.split())
            placeholder = _PLACEHOLDER_ACTOR[register]
            if not stronger.startswith(placeholder) and name[:4] in {"The ", "All "}:
                name = name[0].lower() + name[1:]
            stronger = stronger.replace(placeholder, name).replace("[ACTOR]", name)
        deadline = spans.get("deadline")
        if deadline is not None and "by [DEADLINE]" in stronger:
            stronger = stronger.replace("by [DEADLINE]", " ".join(deadline.text.split()))
        if tier == "none":
            suggestions.append(
                f"If this paragraph is meant to ask for action, write: '{stronger}'."
            )
        else:
            suggestions.append(f"Firmer wording: '{stronger}'.")
    if result.softener is not None:
        suggestions.append(
            f"Replace {_quote(result.lead)} {_quote(result.softener)} "
            f"with {_FIRMER_VERB[register]}."
        )
    elif tier == "weak" and result.lead is not None and not result.lowering:
        suggestions.append(f"Replace {_quote(result.lead)} with {_FIRMER_VERB[register]}.")
    for hedge in result.lowering:
        suggestions.append(
            f"Remove {_quote(hedge)}, or state the condition it stands for "
            "(who judges it, by when, with what money)."
        )
    if vague_actor is not None:
        suggestions.append(
            f"Replace {_quote(vague_actor)} with the body that answers for it: "
            f"{_PLACEHOLDER_ACTOR[register]}."
        )
    if tier == "none":
        return suggestions
    for name in ELEMENTS:
        if spans.get(name) is None and not (name == "actor" and vague_actor is not None):
            suggestions.append(lexicon.templates[name])
    return suggestions
