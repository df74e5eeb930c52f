"""Render a document analysis as a readable text report or as a JSON-ready dict."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from .analyser import analyse_document
from .lexicon import ELEMENTS, TIERS
from .model import ClauseResult, DocumentAnalysis

FORMATS: tuple[str, ...] = ("text", "json")
_WIDTH = 100


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=_WIDTH, initial_indent=indent, subsequent_indent=indent
    ) or [indent.rstrip()]


def render_clause(number: int, item: ClauseResult) -> list[str]:
    """The lines describing one clause: reference, strength, elements, explanation, advice."""
    clause, assessment = item.clause, item.assessment
    reference = clause.reference or "-"
    flags = [clause.kind]
    if assessment.bad_unit or clause.bad_unit:
        flags.append("check unit")
    if assessment.inherited:
        flags.append("list item")
    lines = [f"[{number}] {reference} | {assessment.strength.upper()} | {', '.join(flags)}"]
    excerpt = " ".join(clause.text.split())
    if len(excerpt) > 240:
        excerpt = excerpt[:237] + "..."
    lines += _wrap(f'"{excerpt}"', "    ")
    found = [
        f"{name}: '{assessment.elements[name]}'" for name in ELEMENTS if assessment.elements[name]
    ]
    lines += _wrap("Found: " + ("; ".join(found) if found else "none"), "    ")
    if assessment.missing:
        lines += _wrap("Missing: " + ", ".join(assessment.missing), "    ")
    if assessment.hedges:
        lines += _wrap("Hedges: " + ", ".join(f"'{h}'" for h in assessment.hedges), "    ")
    lines += _wrap(assessment.explanation, "    ")
    for suggestion in assessment.suggestions:
        lines += _wrap(f"- {suggestion}", "      ")
    return lines


def render_summary(analysis: DocumentAnalysis) -> list[str]:
    """The closing summary: strength distribution, weak-or-none share, missing elements."""
    summary = analysis.summary
    lines = [
        "Summary",
        f"  Clauses: {summary.clauses} ({summary.operative} operative)",
        "  Strength (all clauses): "
        + ", ".join(f"{tier} {summary.distribution[tier]}" for tier in TIERS),
        "  Strength (operative): "
        + ", ".join(f"{tier} {summary.operative_distribution[tier]}" for tier in TIERS),
        f"  Operative clauses that are weak or none: {summary.weak_or_none_share:.0%}",
    ]
    if summary.missing_counts:
        missing = ", ".join(f"{name} ({count})" for name, count in summary.missing_counts)
        lines.append(f"  Most often missing (operative clauses): {missing}")
    if summary.bad_units:
        lines.append(f"  Units to check (noise or fragments): {summary.bad_units}")
    return lines


def render_text(analysis: DocumentAnalysis) -> str:
    """A plain-text report of every clause followed by the summary."""
    lines = [
        f"Commitment language report (analyser {analysis.version}, "
        f"register: {analysis.register}, language: {analysis.language})",
        "",
    ]
    for number, item in enumerate(analysis.results, start=1):
        lines += render_clause(number, item)
        lines.append("")
    lines += render_summary(analysis)
    lines += [f"  Note: {note}" for note in analysis.notes]
    return "\n".join(lines) + "\n"


def render_dict(analysis: DocumentAnalysis) -> dict[str, Any]:
    """The analysis as plain dicts and lists, ready for ``json.dumps``."""
    return analysis.to_dict()


def analyse_text_command(text: str, *, fmt: str = "text", register: str | None = None) -> str:
    """Analyse a document and return the report for the command line ('text' or 'json')."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}'; use one of: {', '.join(FORMATS)}")
    analysis = analyse_document(text, register)
    if fmt == "json":
        return json.dumps(render_dict(analysis), ensure_ascii=False, indent=2) + "\n"
    return render_text(analysis)
