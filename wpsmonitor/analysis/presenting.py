"""Turn a document analysis into what the analysis page shows: translated labels, clause
text cut into plain and highlighted pieces, and a summary chart. No database access."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wpsmonitor.language import TIERS, Assessment, DocumentAnalysis
from wpsmonitor.web import charts

STRENGTH_LABELS = {
    "binding": gettext_lazy("Binding"),
    "strong": gettext_lazy("Strong"),
    "moderate": gettext_lazy("Moderate"),
    "weak": gettext_lazy("Weak"),
    "none": gettext_lazy("No commitment"),
}
ELEMENT_LABELS = {
    "actor": gettext_lazy("actor"),
    "deadline": gettext_lazy("deadline"),
    "target": gettext_lazy("target"),
    "budget": gettext_lazy("budget"),
    "indicator": gettext_lazy("indicator"),
}
KIND_LABELS = {
    "operative": gettext_lazy("operative"),
    "preambular": gettext_lazy("preambular"),
    "other": gettext_lazy("other"),
}
REGISTER_LABELS = {
    "resolution": gettext_lazy("resolution"),
    "plan": gettext_lazy("action plan"),
    "treaty": gettext_lazy("treaty or law"),
    "recommendation": gettext_lazy("recommendation"),
    "letter": gettext_lazy("advocacy letter"),
}
# What a highlighted span is, in the order that wins when two spans overlap.
_SPAN_KINDS = ("lead", "hedge", "vague_actor", "actor", "deadline", "target", "budget", "indicator")


def _span_title(kind: str) -> str:
    titles = {
        "lead": _("Lead verb: sets the strength"),
        "hedge": _("Hedge: softens the commitment"),
        "vague_actor": _("Vague actor: no one can be held to account"),
        "actor": _("Actor"),
        "deadline": _("Deadline"),
        "target": _("Target"),
        "budget": _("Budget"),
        "indicator": _("Indicator or reporting duty"),
    }
    return titles[kind]


@dataclass(frozen=True)
class Piece:
    """A run of clause text; ``kind`` is empty for plain text, else what the <mark> shows."""

    text: str
    kind: str = ""
    title: str = ""


@dataclass(frozen=True)
class ClauseView:
    number: int
    reference: str
    kind: str
    kind_label: str
    strength: str
    strength_label: str
    pieces: list[Piece]
    found: list[tuple[str, str]]  # (element label, text)
    missing: list[str]
    hedges: list[str]
    explanation: str
    suggestions: list[str]
    check: bool
    inherited: bool


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class PageSummary:
    clauses: int
    operative: int
    distribution: list[Tally]
    operative_distribution: list[Tally]
    weak_or_none_percent: int
    missing: list[Tally]
    chart: SafeString
    register_label: str
    bad_units: int


def highlight(assessment: Assessment) -> list[Piece]:
    """The clause text cut into plain pieces and marked spans (no overlaps; earlier kinds win)."""
    text = assessment.text
    spans: list[tuple[int, int, str]] = []
    if assessment.lead is not None:
        spans.append((assessment.lead.start, assessment.lead.end, "lead"))
    spans += [(h.start, h.end, "hedge") for h in assessment.hedge_spans]
    for name, span in assessment.spans.items():
        if name in _SPAN_KINDS and name != "lead":
            spans.append((span.start, span.end, name))
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (_SPAN_KINDS.index(s[2]), s[0])):
        if 0 <= start < end <= len(text) and all(end <= s or start >= e for s, e, _k in chosen):
            chosen.append((start, end, kind))
    chosen.sort()
    pieces: list[Piece] = []
    position = 0
    for start, end, kind in chosen:
        if start > position:
            pieces.append(Piece(text[position:start]))
        pieces.append(Piece(text[start:end], kind, _span_title(kind)))
        position = end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return pieces


def clause_views(analysis: DocumentAnalysis) -> list[ClauseView]:
    """One view per clause, in document order."""
    views = []
    for number, item in enumerate(analysis.results, start=1):
        clause, assessment = item.clause, item.assessment
        views.append(
            ClauseView(
                number=number,
                reference=clause.reference or "",
                kind=clause.kind,
                kind_label=str(KIND_LABELS.get(clause.kind, clause.kind)),
                strength=assessment.strength,
                strength_label=str(STRENGTH_LABELS[assessment.strength]),
                pieces=highlight(assessment),
                found=[
                    (str(ELEMENT_LABELS[name]), value)
                    for name, value in assessment.elements.items()
                    if value is not None
                ],
                missing=[str(ELEMENT_LABELS[name]) for name in assessment.missing],
                hedges=list(assessment.hedges),
                explanation=assessment.explanation,
                suggestions=list(assessment.suggestions),
                check=clause.bad_unit or assessment.bad_unit,
                inherited=assessment.inherited,
            )
        )
    return views


def strength_chart(tallies: list[Tally], total: int) -> SafeString:
    """A stacked bar of the strength distribution; its text alternative lists every count."""
    desc = ", ".join(f"{t.label}: {t.count}" for t in tallies)
    return mark_safe(  # noqa: S308 - the chart module escapes every text it writes
        charts.stacked_bar(
            [charts.Segment(t.label, t.count, f"strength-{t.key}") for t in tallies],
            title=_("Strength of the operative clauses"),
            desc=desc + " " + ngettext("(%(n)s clause)", "(%(n)s clauses)", total) % {"n": total},
        )
    )


def page_summary(analysis: DocumentAnalysis) -> PageSummary:
    """The figures over the whole text, with the chart drawn for the operative clauses."""
    summary = analysis.summary
    distribution = [
        Tally(tier, str(STRENGTH_LABELS[tier]), summary.distribution[tier]) for tier in TIERS
    ]
    operative = [
        Tally(tier, str(STRENGTH_LABELS[tier]), summary.operative_distribution[tier])
        for tier in TIERS
    ]
    return PageSummary(
        clauses=summary.clauses,
        operative=summary.operative,
        distribution=distribution,
        operative_distribution=operative,
        weak_or_none_percent=round(summary.weak_or_none_share * 100),
        missing=[
            Tally(name, str(ELEMENT_LABELS[name]), count)
            for name, count in summary.missing_counts
            if count
        ],
        chart=strength_chart(operative, summary.operative),
        register_label=str(REGISTER_LABELS.get(analysis.register, analysis.register)),
        bad_units=summary.bad_units,
    )
