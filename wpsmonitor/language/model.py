"""The values the analyser returns: clauses, assessments and document analyses.

The classes made for every clause are frozen dataclasses with a hand-written ``__init__`` that
fills the instance dictionary at once: the generated one sets each field through
``object.__setattr__`` and costs a noticeable share of the analysis. Fields, defaults,
equality, hashing, ``replace`` and ``asdict`` are those of the dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ANALYSER_VERSION = "1.1"


@dataclass(frozen=True, init=False)
class Span:
    """A piece of text and its character offsets (end exclusive) within the clause."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        self.__dict__.update(start=start, end=end, text=text)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, init=False)
class Clause:
    """One clause unit of a document; ``document[start:end] == text``."""

    text: str
    start: int
    end: int
    reference: str | None = None
    kind: str = "other"  # "operative", "preambular" or "other"
    bad_unit: bool = False
    list_item: bool = False  # a lettered or numbered item under a lead-in ending with ':'

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        reference: str | None = None,
        kind: str = "other",
        bad_unit: bool = False,
        list_item: bool = False,
    ) -> None:
        self.__dict__.update(
            text=text,
            start=start,
            end=end,
            reference=reference,
            kind=kind,
            bad_unit=bad_unit,
            list_item=list_item,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "reference": self.reference,
            "kind": self.kind,
            "bad_unit": self.bad_unit,
        }


@dataclass(frozen=True, init=False)
class Assessment:
    """The strength of one clause, the accountability elements it names, and advice."""

    text: str
    strength: str
    register: str
    lead: Span | None
    elements: dict[str, str | None]
    spans: dict[str, Span]
    hedges: list[str]
    hedge_spans: list[Span]
    hedge_lowered: bool
    missing: list[str]
    explanation: str
    suggestions: list[str]
    vague_actor: str | None = None
    bad_unit: bool = False
    inherited: bool = False
    version: str = ANALYSER_VERSION

    def __init__(
        self,
        text: str,
        strength: str,
        register: str,
        lead: Span | None,
        elements: dict[str, str | None],
        spans: dict[str, Span],
        hedges: list[str],
        hedge_spans: list[Span],
        hedge_lowered: bool,
        missing: list[str],
        explanation: str,
        suggestions: list[str],
        vague_actor: str | None = None,
        bad_unit: bool = False,
        inherited: bool = False,
        version: str = ANALYSER_VERSION,
    ) -> None:
        self.__dict__.update(
            text=text,
            strength=strength,
            register=register,
            lead=lead,
            elements=elements,
            spans=spans,
            hedges=hedges,
            hedge_spans=hedge_spans,
            hedge_lowered=hedge_lowered,
            missing=missing,
            explanation=explanation,
            suggestions=suggestions,
            vague_actor=vague_actor,
            bad_unit=bad_unit,
            inherited=inherited,
            version=version,
        )

    @property
    def found(self) -> list[str]:
        """Names of the elements the clause names."""
        return [name for name, value in self.elements.items() if value is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "strength": self.strength,
            "register": self.register,
            "lead": self.lead.to_dict() if self.lead else None,
            "elements": dict(self.elements),
            "spans": {name: span.to_dict() for name, span in self.spans.items()},
            "hedges": list(self.hedges),
            "hedge_spans": [span.to_dict() for span in self.hedge_spans],
            "hedge_lowered": self.hedge_lowered,
            "missing": list(self.missing),
            "vague_actor": self.vague_actor,
            "explanation": self.explanation,
            "suggestions": list(self.suggestions),
            "bad_unit": self.bad_unit,
            "inherited": self.inherited,
            "analyser_version": self.version,
        }


@dataclass(frozen=True, init=False)
class ClauseResult:
    """A clause and its assessment."""

    clause: Clause
    assessment: Assessment

    def __init__(self, clause: Clause, assessment: Assessment) -> None:
        self.__dict__.update(clause=clause, assessment=assessment)

    def to_dict(self) -> dict[str, Any]:
        return {**self.clause.to_dict(), "assessment": self.assessment.to_dict()}


@dataclass(frozen=True)
class Summary:
    """Figures over a whole document."""

    clauses: int
    operative: int
    distribution: dict[str, int]
    operative_distribution: dict[str, int]
    weak_or_none_share: float  # of operative clauses; 0.0 when there are none
    missing_counts: list[tuple[str, int]]  # most common first, over operative clauses
    bad_units: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "clauses": self.clauses,
            "operative": self.operative,
            "distribution": dict(self.distribution),
            "operative_distribution": dict(self.operative_distribution),
            "weak_or_none_share": round(self.weak_or_none_share, 4),
            "missing_counts": [{"element": n, "count": c} for n, c in self.missing_counts],
            "bad_units": self.bad_units,
        }


@dataclass(frozen=True)
class DocumentAnalysis:
    """Every clause of a document with its assessment, and a summary."""

    register: str
    language: str
    results: list[ClauseResult]
    summary: Summary
    version: str = ANALYSER_VERSION
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "analyser_version": self.version,
            "language": self.language,
            "register": self.register,
            "summary": self.summary.to_dict(),
            "clauses": [result.to_dict() for result in self.results],
            "notes": list(self.notes),
        }
