"""The values reports are made of: scorecards and shadow reports, as plain dataclasses.

The query step (``scorecards.py``, ``shadow.py``) builds them from the ledger; renderers and the
snapshot store only read them. Nothing here imports Django, so they can be built by hand in tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

# Bumped whenever the way a scorecard figure is computed changes; stored with every snapshot.
METHOD_VERSION = "1"

STATUS_KEYS = (
    "complete",
    "substantial",
    "limited",
    "not_started",
    "no_evidence",
    "withdrawn",
    "not_reported",
)
STRENGTH_KEYS = ("binding", "strong", "moderate", "weak", "none", "unassessed")
SCOPES = ("instrument", "pillar", "organisation", "country")


@dataclass
class Figure:
    """One counted figure and the commitments it counts, so every number can link to them."""

    key: str
    value: int
    ids: list[int] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)


@dataclass
class BudgetTotal:
    """Allocated, disbursed and spent in one currency, over the commitments listed."""

    currency: str
    allocated: str
    disbursed: str
    spent: str
    ids: list[int] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)


@dataclass
class IndicatorProgress:
    """An indicator's reported total against its target; values already public-safe ("<5")."""

    indicator_id: int
    code: str
    definition: str
    commitment_id: int
    commitment_ref: str
    unit: str
    baseline: str | None
    target: str | None
    self_value: str | None
    shadow_value: str | None
    progress_pct: str | None
    suppressed: bool = False


@dataclass
class Scorecard:
    """Computed from the published ledger when read; frozen as JSON when published."""

    scope: str
    key: str
    name: str
    period: str  # a period label, or "" for the latest ratings across all periods
    method_version: str
    computed_on: str  # ISO date the figures were computed for (deadlines are judged on it)
    total: Figure
    self_status: list[Figure]
    shadow_status: list[Figure]
    complete: Figure
    share_complete: str | None
    shadow_complete: Figure
    shadow_share_complete: str | None
    overdue: Figure
    disagree: Figure
    shadow_lower: Figure
    strength: list[Figure]
    budget: list[BudgetTotal] = field(default_factory=list)
    indicators: list[IndicatorProgress] = field(default_factory=list)

    def figures(self) -> dict[str, Figure]:
        """Every counted figure by its key (``self.complete``, ``strength.weak``, ...)."""
        out = {
            f.key: f
            for f in (
                self.total,
                self.complete,
                self.shadow_complete,
                self.overdue,
                self.disagree,
                self.shadow_lower,
            )
        }
        for f in (*self.self_status, *self.shadow_status, *self.strength):
            out[f.key] = f
        return out

    def values(self) -> dict[str, str]:
        """Every figure, share, budget amount and indicator value as text, by a stable key."""
        out = {key: str(f.value) for key, f in self.figures().items()}
        out["share_complete"] = self.share_complete or ""
        out["shadow_share_complete"] = self.shadow_share_complete or ""
        for b in self.budget:
            for name in ("allocated", "disbursed", "spent"):
                out[f"budget.{b.currency}.{name}"] = getattr(b, name)
        for ind in self.indicators:
            out[f"indicator.{ind.indicator_id}.self"] = ind.self_value or ""
            out[f"indicator.{ind.indicator_id}.shadow"] = ind.shadow_value or ""
            out[f"indicator.{ind.indicator_id}.progress"] = ind.progress_pct or ""
        return out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        def fig(d: dict[str, Any]) -> Figure:
            return Figure(**d)

        return cls(
            scope=data["scope"],
            key=data["key"],
            name=data["name"],
            period=data["period"],
            method_version=data["method_version"],
            computed_on=data["computed_on"],
            total=fig(data["total"]),
            self_status=[fig(d) for d in data["self_status"]],
            shadow_status=[fig(d) for d in data["shadow_status"]],
            complete=fig(data["complete"]),
            share_complete=data["share_complete"],
            shadow_complete=fig(data["shadow_complete"]),
            shadow_share_complete=data["shadow_share_complete"],
            overdue=fig(data["overdue"]),
            disagree=fig(data["disagree"]),
            shadow_lower=fig(data["shadow_lower"]),
            strength=[fig(d) for d in data["strength"]],
            budget=[BudgetTotal(**d) for d in data.get("budget", [])],
            indicators=[IndicatorProgress(**d) for d in data.get("indicators", [])],
        )


@dataclass(frozen=True)
class FigureChange:
    """How one figure differs between a published snapshot and the live scorecard."""

    key: str
    before: str
    after: str
    added_refs: tuple[str, ...] = ()
    removed_refs: tuple[str, ...] = ()


def diff_scorecards(published: Scorecard, live: Scorecard) -> list[FigureChange]:
    """The figures whose value or counted commitments changed since ``published``, by key."""
    before_values, after_values = published.values(), live.values()
    before_figs, after_figs = published.figures(), live.figures()
    changes = []
    for key in sorted(set(before_values) | set(after_values)):
        before, after = before_values.get(key, ""), after_values.get(key, "")
        old, new = before_figs.get(key), after_figs.get(key)
        old_refs = dict(zip(old.ids, old.refs, strict=False)) if old else {}
        new_refs = dict(zip(new.ids, new.refs, strict=False)) if new else {}
        added = tuple(new_refs[i] for i in new_refs if i not in old_refs)
        removed = tuple(old_refs[i] for i in old_refs if i not in new_refs)
        if before != after or added or removed:
            changes.append(FigureChange(key, before, after, added, removed))
    return changes


# --- the shadow report ------------------------------------------------------------------------


@dataclass
class EvidenceRef:
    title: str
    url: str = ""
    date: str = ""


@dataclass
class CommitmentEntry:
    """One commitment in a shadow report with both ratings side by side."""

    id: int
    ref: str
    text: str
    organisations: str
    deadline: str
    self_status: str  # a status key, "" when not reported
    self_label: str
    shadow_status: str
    shadow_label: str
    disagree: bool
    shadow_lower: bool
    overdue: bool
    self_narrative: str = ""
    shadow_narrative: str = ""
    challenges: str = ""
    evidence: list[EvidenceRef] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    strength: str = ""
    strength_label: str = ""
    explanation: str = ""
    suggestions: list[str] = field(default_factory=list)


@dataclass
class PillarSection:
    name: str
    commitments: list[CommitmentEntry]


@dataclass
class SourceRef:
    """A published report the shadow report draws on."""

    organisation: str
    kind: str
    published_on: str


@dataclass
class ShadowReport:
    """Everything a shadow report says, in the language chosen; renderers only lay it out."""

    language: str
    instrument_title: str
    instrument_slug: str
    instrument_kind: str
    issuer: str
    country: str
    period: str
    generated_on: dt.date
    scorecard: Scorecard
    pillars: list[PillarSection]
    recommendations: list[str]
    sources: list[SourceRef]
    status_labels: dict[str, str] = field(default_factory=dict)
    strength_labels: dict[str, str] = field(default_factory=dict)
    general_replies: list[str] = field(default_factory=list)

    def commitments(self) -> list[CommitmentEntry]:
        return [c for p in self.pillars for c in p.commitments]
