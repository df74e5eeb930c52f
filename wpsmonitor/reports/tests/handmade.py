"""Shadow reports built by hand, for testing the layout without a database."""

from __future__ import annotations

import datetime as dt

from wpsmonitor.reports.data import (
    METHOD_VERSION,
    BudgetTotal,
    CommitmentEntry,
    EvidenceRef,
    Figure,
    IndicatorProgress,
    PillarSection,
    Scorecard,
    ShadowReport,
    SourceRef,
)

STATUS_LABELS = {
    "complete": "Complete",
    "substantial": "Substantial",
    "limited": "Limited",
    "not_started": "Not started",
    "no_evidence": "No evidence",
    "withdrawn": "Withdrawn",
    "not_reported": "Not reported",
}
STRENGTH_LABELS = {
    "binding": "Binding",
    "strong": "Strong",
    "moderate": "Moderate",
    "weak": "Weak",
    "none": "None",
    "unassessed": "Not assessed",
}


def entry(ref: str, self_status: str, shadow_status: str, **kw: object) -> CommitmentEntry:
    levels = {"not_started": 0, "limited": 1, "substantial": 2, "complete": 3}
    fields = dict(
        id=abs(hash(ref)) % 10_000,
        ref=ref,
        text=f"The Ministry shall act on commitment {ref} by 2025.",
        organisations="Ministria e Punëve të Brendshme",
        deadline="2024-06-30",
        self_status=self_status,
        self_label=STATUS_LABELS.get(self_status or "not_reported", ""),
        shadow_status=shadow_status,
        shadow_label=STATUS_LABELS.get(shadow_status or "not_reported", ""),
        disagree=bool(self_status and shadow_status and self_status != shadow_status),
        shadow_lower=levels.get(self_status, -1) > levels.get(shadow_status, 9),
        overdue=self_status != "complete",
        self_narrative="Trajnimi u krye në çdo komunë.",
        shadow_narrative="Rrjeti nuk gjeti dëshmi; šta je sa čć ž đ.",
        evidence=[EvidenceRef("Raporti vjetor", "https://example.org/r.pdf", "2024-10-01")],
        strength="weak",
        strength_label="Weak",
        explanation="No responsible body and no deadline.",
        suggestions=["The Ministry of Internal Affairs shall train 200 officers by June 2025."],
    )
    fields.update(kw)
    return CommitmentEntry(**fields)  # type: ignore[arg-type]


def fig(key: str, refs: list[str]) -> Figure:
    return Figure(key, len(refs), list(range(1, len(refs) + 1)), refs)


def scorecard() -> Scorecard:
    statuses = ("complete", "substantial", "limited", "not_started", "no_evidence", "withdrawn")
    self_refs = {"complete": ["1.1"], "limited": ["1.2"], "not_started": ["2.1"]}
    shadow_refs = {"complete": ["1.1"], "not_started": ["1.2", "2.1"]}
    return Scorecard(
        scope="instrument",
        key="plan",
        name="Plani i Veprimit",
        period="2024",
        method_version=METHOD_VERSION,
        computed_on="2025-01-31",
        total=fig("total", ["1.1", "1.2", "2.1"]),
        self_status=[fig(f"self.{k}", self_refs.get(k, [])) for k in statuses]
        + [fig("self.not_reported", [])],
        shadow_status=[fig(f"shadow.{k}", shadow_refs.get(k, [])) for k in statuses]
        + [fig("shadow.not_reported", [])],
        complete=fig("complete", ["1.1"]),
        share_complete="33.3",
        shadow_complete=fig("shadow_complete", ["1.1"]),
        shadow_share_complete="33.3",
        overdue=fig("overdue", ["1.2", "2.1"]),
        disagree=fig("disagree", ["1.2"]),
        shadow_lower=fig("shadow_lower", ["1.2"]),
        strength=[fig("strength.weak", ["1.1", "1.2", "2.1"])],
        budget=[BudgetTotal("EUR", "10000.00", "6000.00", "2500.00", [1], ["1.1"])],
        indicators=[
            IndicatorProgress(
                indicator_id=7,
                code="1.1.a",
                definition="Number of survivors supported",
                commitment_id=1,
                commitment_ref="1.1",
                unit="people",
                baseline="0",
                target="100",
                self_value="<5",
                shadow_value="<5",
                progress_pct=None,
                suppressed=True,
            )
        ],
    )


def shadow_report(language: str = "en") -> ShadowReport:
    return ShadowReport(
        language=language,
        instrument_title="Plani Kombëtar i Veprimit për Rezolutën 1325",
        instrument_slug="plan",
        instrument_kind="National action plan",
        issuer="Ministria e Punëve të Brendshme",
        country="Kosovo",
        period="2024",
        generated_on=dt.date(2025, 1, 31),
        scorecard=scorecard(),
        pillars=[
            PillarSection(
                "Participation",
                [entry("1.1", "complete", "complete"), entry("1.2", "limited", "not_started")],
            ),
            PillarSection("Protection", [entry("2.1", "not_started", "not_started")]),
        ],
        recommendations=["Forcojeni gjuhën e zotimit 1.2.", "Publikoni buxhetin."],
        sources=[
            SourceRef("Ministria e Punëve të Brendshme", "Self-assessment", "2025-01-10"),
            SourceRef("Rrjeti i Grave", "Shadow (independent)", "2025-01-20"),
        ],
        status_labels=STATUS_LABELS,
        strength_labels=STRENGTH_LABELS,
        general_replies=["Ministria: the figures for 1.2 are being reviewed."],
    )
