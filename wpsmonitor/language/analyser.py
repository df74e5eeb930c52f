"""Assess one clause, or every clause of a document."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .advice import REGISTERS, explain, normalise_register, suggest
from .elements import find_elements, prepared
from .lexicon import ELEMENTS, TIERS, load_lexicon, lower_text
from .model import Assessment, ClauseResult, DocumentAnalysis, Span, Summary
from .scan import words
from .splitter import clauses as split_clauses
from .strength import StrengthResult, _analyse_strength, analyse_strength

_DEFAULT_REGISTER = "plan"
_LEAD_IN = re.compile(r":\s*$")


def clear_caches() -> None:
    """Forget the per-text results kept between calls (for benchmarks and memory)."""
    _analyse_strength.cache_clear()
    prepared.cache_clear()


def infer_register(text: str, language: str = "en") -> str:
    """The kind of document a text reads like: resolution, plan, treaty, letter, recommendation."""
    lexicon = load_lexicon(language)
    sample = lower_text(text[:20000])
    index = words(sample)
    scores = {name: len(lexicon.scan(f"cue:{name}", sample, index)) for name in lexicon.registers}
    best = max(REGISTERS, key=lambda name: (scores.get(name, 0), name == _DEFAULT_REGISTER))
    return best if scores.get(best, 0) > 0 else _DEFAULT_REGISTER


def _bad_unit(text: str, result: StrengthResult) -> bool:
    words = text.split()
    return (
        len(words) < 3
        or bool(_LEAD_IN.search(text))
        or "](" in text
        or text.count(";") >= 3
        or (result.list_marker and result.lead is None)
    )


def assess(
    text: str,
    register: str | None = None,
    *,
    language: str = "en",
    parent: Assessment | None = None,
    kind: str | None = None,
) -> Assessment:
    """Assess one clause: strength, accountability elements, explanation and suggestions.

    ``parent`` is the assessment of the lead-in ("... to include, inter alia:") when the clause
    is an item of its list; an item with no verb of its own then takes the lead-in's strength.
    """
    chosen = normalise_register(register) or infer_register(text, language)
    result = analyse_strength(text, language)
    inherited_from: str | None = None
    own_lead = result.lead is not None and result.lead_kind != "objective"
    if parent is not None and not own_lead and parent.strength != "none":
        inherited_from = f"'{parent.lead.text}'" if parent.lead else "the lead-in"
        result = replace(result, strength=parent.strength, base_tier=parent.strength)
    found = find_elements(
        text,
        result.lead,
        result.body_start,
        result.hedges,
        declarative=result.strength == "none",
        language=language,
    )
    spans = found.spans
    clause_kind = kind or ("operative" if result.lead is not None else "other")
    explanation = explain(result, spans, found.vague_actor, inherited_from)
    suggestions = (
        []
        if inherited_from is not None
        else suggest(result, spans, found.vague_actor, chosen, clause_kind, language)
    )
    all_spans: dict[str, Span] = {name: span for name, span in spans.items() if span is not None}
    if result.lead is not None:
        all_spans["lead"] = result.lead
    if found.vague_actor is not None:
        all_spans["vague_actor"] = found.vague_actor
    return Assessment(
        text=text,
        strength=result.strength,
        register=chosen,
        lead=result.lead,
        elements={name: (span.text if span else None) for name, span in spans.items()},
        spans=all_spans,
        hedges=[h.text for h in result.hedges],
        hedge_spans=list(result.hedges),
        hedge_lowered=bool(result.lowering),
        missing=[name for name in ELEMENTS if spans[name] is None],
        explanation=explanation,
        suggestions=suggestions,
        vague_actor=found.vague_actor.text if found.vague_actor else None,
        bad_unit=_bad_unit(text, result),
        inherited=inherited_from is not None,
    )


def summarise(results: list[ClauseResult]) -> Summary:
    """Distribution of strength, the weak-or-none share and the most common missing elements."""
    distribution = dict.fromkeys(TIERS, 0)
    operative = dict.fromkeys(TIERS, 0)
    missing: Counter[str] = Counter()
    for item in results:
        distribution[item.assessment.strength] += 1
        if item.clause.kind == "operative":
            operative[item.assessment.strength] += 1
            missing.update(item.assessment.missing)
    total_operative = sum(operative.values())
    weak_or_none = operative["weak"] + operative["none"]
    return Summary(
        clauses=len(results),
        operative=total_operative,
        distribution=distribution,
        operative_distribution=operative,
        weak_or_none_share=weak_or_none / total_operative if total_operative else 0.0,
        missing_counts=sorted(
            missing.items(), key=lambda item: (-item[1], ELEMENTS.index(item[0]))
        ),
        bad_units=sum(1 for item in results if item.clause.bad_unit or item.assessment.bad_unit),
    )


def analyse_document(
    text: str, register: str | None = None, *, language: str = "en"
) -> DocumentAnalysis:
    """Split a document into clauses and assess each; list items inherit their lead-in."""
    chosen = normalise_register(register) or infer_register(text, language)
    results: list[ClauseResult] = []
    lead_in: Assessment | None = None
    for clause in split_clauses(text, language=language):
        parent = lead_in if clause.list_item else None
        assessment = assess(clause.text, chosen, language=language, parent=parent, kind=clause.kind)
        if clause.bad_unit and not assessment.bad_unit:
            assessment = replace(assessment, bad_unit=True)
        results.append(ClauseResult(clause, assessment))
        if _LEAD_IN.search(clause.text):
            lead_in = assessment
        elif not clause.list_item:
            lead_in = None
    notes = []
    if not results:
        notes.append("No clauses found in the text.")
    return DocumentAnalysis(
        register=chosen, language=language, results=results, summary=summarise(results), notes=notes
    )
