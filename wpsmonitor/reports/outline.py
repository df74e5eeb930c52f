"""The layout of a shadow report as a list of blocks, shared by the HTML, DOCX and PDF writers.

``outline(report)`` decides every heading, paragraph, table and chart once, numbers the tables
and figures, and translates the fixed text into the report's language; the writers in
``render/`` only map blocks to their format. No ORM: it is built from a ``ShadowReport``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from .data import STATUS_KEYS, STRENGTH_KEYS, CommitmentEntry, Scorecard, ShadowReport
from .labels import figure_label


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False


@dataclass
class ItemList:
    items: list[str]
    ordered: bool = False


@dataclass
class Table:
    number: int
    caption: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)  # relative column widths
    marked: set[int] = field(default_factory=set)  # rows to highlight (disagreement)
    label: str = ""  # "Table 1: ...", set in the report's language by ``outline``


@dataclass
class ChartSeries:
    name: str
    values: list[float]


@dataclass
class Chart:
    """A horizontal bar chart; ``alt`` is its text alternative."""

    number: int
    caption: str
    categories: list[str]
    series: list[ChartSeries]
    alt: str
    unit: str = ""
    header: list[str] = field(default_factory=list)  # columns of its table form
    label: str = ""  # "Figure 1: ...", set in the report's language by ``outline``

    def maximum(self) -> float:
        return max([v for s in self.series for v in s.values] + [0.0])


Block = Heading | Paragraph | ItemList | Table | Chart


@dataclass
class Outline:
    title: str
    language: str
    blocks: list[Block]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]


class _Counter:
    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0

    def table(self) -> int:
        self.tables += 1
        return self.tables

    def figure(self) -> int:
        self.figures += 1
        return self.figures


def outline(report: ShadowReport) -> Outline:
    """The blocks of ``report``, with fixed text in ``report.language``."""
    with translation.override(report.language):
        return _outline(report)


def _outline(report: ShadowReport) -> Outline:
    n = _Counter()
    card = report.scorecard
    title = _("Shadow report: %(instrument)s, %(period)s") % {
        "instrument": report.instrument_title,
        "period": report.period,
    }
    blocks: list[Block] = [Heading(1, title)]
    byline = [report.instrument_kind, report.issuer, report.country]
    blocks.append(
        Paragraph(
            " · ".join(p for p in byline if p)
            + " · "
            + _("generated on %(date)s") % {"date": report.generated_on.isoformat()}
        )
    )
    blocks += _summary(report, card, n)
    blocks += _scorecard(report, card, n)
    blocks += _pillars(report, n)
    blocks += _wording(report, n)
    blocks.append(Heading(2, _("Recommendations")))
    if report.recommendations:
        blocks.append(ItemList(list(report.recommendations), ordered=True))
    else:
        blocks.append(Paragraph(_("No recommendations.")))
    blocks += _method(report)
    for block in blocks:
        if isinstance(block, Table):
            block.label = _("Table %(n)d: %(caption)s") % {
                "n": block.number,
                "caption": block.caption,
            }
        elif isinstance(block, Chart):
            block.label = _("Figure %(n)d: %(caption)s") % {
                "n": block.number,
                "caption": block.caption,
            }
            block.header = [_("Category"), _("Series"), block.unit or _("Value"), _("Bar")]
    return Outline(title=title, language=report.language, blocks=blocks)


def _summary(report: ShadowReport, card: Scorecard, n: _Counter) -> list[Block]:
    blocks: list[Block] = [Heading(2, _("Summary"))]
    blocks.append(
        Paragraph(
            _(
                "Of %(total)d commitments, the government rates %(complete)d complete "
                "(%(share)s%%) and civil society rates %(shadow_complete)d complete "
                "(%(shadow_share)s%%) in %(period)s."
            )
            % {
                "total": card.total.value,
                "complete": card.complete.value,
                "share": card.share_complete or "0",
                "shadow_complete": card.shadow_complete.value,
                "shadow_share": card.shadow_share_complete or "0",
                "period": report.period,
            }
        )
    )
    blocks.append(
        Paragraph(
            _(
                "The two ratings differ on %(disagree)d commitments; civil society rates "
                "progress lower than the government on %(lower)d. %(overdue)d commitments are "
                "past their deadline and not complete."
            )
            % {
                "disagree": card.disagree.value,
                "lower": card.shadow_lower.value,
                "overdue": card.overdue.value,
            }
        )
    )
    keys = ["total", "complete", "share_complete", "shadow_complete", "shadow_share_complete"]
    keys += ["disagree", "shadow_lower", "overdue"]
    values = card.values()
    rows = [[figure_label(k), values.get(k) or "—"] for k in keys]
    blocks.append(Table(n.table(), _("Key figures"), [_("Figure"), _("Value")], rows, [3, 1]))
    if report.general_replies:
        blocks.append(Heading(3, _("The government's reply")))
        blocks += [Paragraph(text) for text in report.general_replies]
    return blocks


def _status_name(report: ShadowReport, key: str) -> str:
    return report.status_labels.get(key, key)


def _scorecard(report: ShadowReport, card: Scorecard, n: _Counter) -> list[Block]:
    gov, cso = _("Government"), _("Civil society")
    blocks: list[Block] = [Heading(2, _("Scorecard"))]
    self_counts = {f.key.split(".", 1)[1]: f.value for f in card.self_status}
    shadow_counts = {f.key.split(".", 1)[1]: f.value for f in card.shadow_status}
    statuses = [k for k in STATUS_KEYS if self_counts.get(k) or shadow_counts.get(k)]
    statuses = statuses or ["not_reported"]
    names = [_status_name(report, k) for k in statuses]
    rows = [
        [name, str(self_counts.get(k, 0)), str(shadow_counts.get(k, 0))]
        for k, name in zip(statuses, names, strict=True)
    ]
    blocks.append(
        Table(n.table(), _("Commitments by status"), [_("Status"), gov, cso], rows, [2, 1, 1])
    )
    blocks.append(
        Chart(
            n.figure(),
            _("Commitments by status, as rated by the government and by civil society"),
            names,
            [
                ChartSeries(gov, [float(self_counts.get(k, 0)) for k in statuses]),
                ChartSeries(cso, [float(shadow_counts.get(k, 0)) for k in statuses]),
            ],
            alt=_alt(names, [(gov, [r[1] for r in rows]), (cso, [r[2] for r in rows])]),
        )
    )
    strengths = {f.key.split(".", 1)[1]: f.value for f in card.strength}
    s_keys = [k for k in STRENGTH_KEYS if strengths.get(k)] or ["unassessed"]
    s_names = [report.strength_labels.get(k, k) for k in s_keys]
    s_rows = [[name, str(strengths.get(k, 0))] for k, name in zip(s_keys, s_names, strict=True)]
    blocks.append(
        Table(n.table(), _("Strength of the wording"), [_("Strength"), _("Commitments")], s_rows)
    )
    blocks.append(
        Chart(
            n.figure(),
            _("Commitments by strength of the wording"),
            s_names,
            [ChartSeries(_("Commitments"), [float(strengths.get(k, 0)) for k in s_keys])],
            alt=_alt(s_names, [(_("Commitments"), [r[1] for r in s_rows])]),
        )
    )
    if card.budget:
        header = [_("Currency"), _("Allocated"), _("Disbursed"), _("Spent"), _("Spent, %")]
        b_rows = [
            [b.currency, b.allocated, b.disbursed, b.spent, _share(b.spent, b.allocated)]
            for b in card.budget
        ]
        blocks.append(Table(n.table(), _("Budget allocated, disbursed and spent"), header, b_rows))
        for b in card.budget:
            cats = [_("Allocated"), _("Disbursed"), _("Spent")]
            vals = [_number(b.allocated), _number(b.disbursed), _number(b.spent)]
            blocks.append(
                Chart(
                    n.figure(),
                    _("Budget in %(currency)s") % {"currency": b.currency},
                    cats,
                    [ChartSeries(b.currency, vals)],
                    alt=_alt(cats, [(b.currency, [b.allocated, b.disbursed, b.spent])]),
                    unit=b.currency,
                )
            )
    if card.indicators:
        header = [_("Commitment"), _("Indicator"), _("Baseline"), _("Target"), gov, cso]
        header.append(_("Progress to target, %"))
        i_rows = [
            [
                i.commitment_ref,
                i.definition + (f" ({i.unit})" if i.unit else ""),
                i.baseline or "—",
                i.target or "—",
                i.self_value or "—",
                i.shadow_value or "—",
                i.progress_pct or "—",
            ]
            for i in card.indicators
        ]
        blocks.append(
            Table(
                n.table(),
                _("Indicators against their targets"),
                header,
                i_rows,
                [1, 4, 1, 1, 1, 1, 1],
            )
        )
        if any(i.suppressed for i in card.indicators):
            blocks.append(
                Paragraph(_("“<5”: a confidential count below five, not shown to protect people."))
            )
    return blocks


def _notes(entry: CommitmentEntry) -> str:
    notes = []
    if entry.shadow_lower:
        notes.append(_("Civil society rates lower"))
    elif entry.disagree:
        notes.append(_("Ratings disagree"))
    if entry.overdue:
        notes.append(_("Overdue"))
    return "; ".join(notes)


def _pillars(report: ShadowReport, n: _Counter) -> list[Block]:
    blocks: list[Block] = [Heading(2, _("Commitments by pillar"))]
    header = [_("Ref."), _("Commitment"), _("Responsible"), _("Deadline")]
    header += [_("Government"), _("Civil society"), _("Note")]
    for pillar in report.pillars:
        blocks.append(Heading(3, pillar.name))
        rows, marked = [], set()
        for i, e in enumerate(pillar.commitments):
            rows.append(
                [
                    e.ref,
                    e.text,
                    e.organisations,
                    e.deadline or "—",
                    e.self_label,
                    e.shadow_label,
                    _notes(e),
                ]
            )
            if e.disagree:
                marked.add(i)
        blocks.append(
            Table(
                n.table(),
                _("Ratings: %(pillar)s") % {"pillar": pillar.name},
                header,
                rows,
                [1, 5, 2, 1.4, 1.5, 1.5, 1.6],
                marked,
            )
        )
        for e in pillar.commitments:
            blocks += _details(e)
    return blocks


def _details(e: CommitmentEntry) -> list[Block]:
    if not (e.self_narrative or e.shadow_narrative or e.challenges or e.evidence or e.replies):
        return []
    text = e.text if len(e.text) <= 90 else e.text[:88].rstrip() + "…"
    blocks: list[Block] = [Heading(4, f"{e.ref}: {text}")]
    if e.disagree:
        blocks.append(
            Paragraph(
                _("The ratings disagree: government “%(gov)s”, civil society “%(cso)s”.")
                % {"gov": e.self_label, "cso": e.shadow_label},
                emphasis=True,
            )
        )
    if e.self_narrative:
        blocks.append(Paragraph(_("Government: %(text)s") % {"text": e.self_narrative}))
    if e.shadow_narrative:
        blocks.append(Paragraph(_("Civil society: %(text)s") % {"text": e.shadow_narrative}))
    if e.challenges:
        blocks.append(Paragraph(_("Challenges: %(text)s") % {"text": e.challenges}))
    if e.evidence:
        blocks.append(Paragraph(_("Evidence:")))
        blocks.append(
            ItemList([" — ".join(p for p in (ev.title, ev.date, ev.url) if p) for ev in e.evidence])
        )
    for reply in e.replies:
        blocks.append(Paragraph(_("Reply: %(text)s") % {"text": reply}))
    return blocks


def _wording(report: ShadowReport, n: _Counter) -> list[Block]:
    blocks: list[Block] = [Heading(2, _("Wording analysis"))]
    blocks.append(
        Paragraph(
            _(
                "Each commitment's wording is graded from binding to none by how clearly it "
                "names who acts, what is done, by when, with what budget and how it is measured. "
                "Commitments graded moderate or weaker are listed with stronger wording to "
                "propose."
            )
        )
    )
    weak = [
        e
        for p in report.pillars
        for e in p.commitments
        if e.strength in ("moderate", "weak", "none")
    ]
    if not weak:
        blocks.append(Paragraph(_("Every commitment is worded strongly.")))
        return blocks
    rows = [
        [e.ref, e.strength_label, e.explanation or "—", "\n".join(e.suggestions) or "—"]
        for e in weak
    ]
    header = [_("Ref."), _("Strength"), _("Why"), _("Suggested stronger wording")]
    blocks.append(
        Table(n.table(), _("Commitments to word more strongly"), header, rows, [1, 1.3, 4, 4])
    )
    return blocks


def _method(report: ShadowReport) -> list[Block]:
    blocks: list[Block] = [Heading(2, _("Method and sources"))]
    blocks.append(
        Paragraph(
            _(
                "Figures are computed from the published reports of the period in the WPS "
                "Monitor ledger (method version %(version)s). The government's rating is its "
                "self-assessment, or a joint report where there is no self-assessment; civil "
                "society's rating is its independent shadow report. A commitment is overdue "
                "when its deadline has passed and its latest rating is neither complete nor "
                "withdrawn. Indicator totals combine period values by each indicator's rule; "
                "confidential counts below five are shown as “<5”. Only public evidence is "
                "listed."
            )
            % {"version": report.scorecard.method_version}
        )
    )
    blocks.append(Heading(3, _("Sources")))
    if report.sources:
        blocks.append(
            ItemList(
                [
                    _("%(organisation)s, %(kind)s, published %(date)s")
                    % {"organisation": s.organisation, "kind": s.kind, "date": s.published_on}
                    for s in report.sources
                ]
            )
        )
    else:
        blocks.append(Paragraph(_("No published reports.")))
    return blocks


def _alt(categories: list[str], series: list[tuple[str, list[str]]]) -> str:
    parts = []
    for name, values in series:
        pairs = ", ".join(f"{c} {v}" for c, v in zip(categories, values, strict=True))
        parts.append(f"{name}: {pairs}")
    return "; ".join(parts) + "."


def _number(text: str) -> float:
    try:
        return float(Decimal(text))
    except (InvalidOperation, ValueError):
        return 0.0


def _share(part: str, whole: str) -> str:
    p, w = _number(part), _number(whole)
    return f"{p * 100 / w:.1f}" if w else "—"
