"""What an import will create, shown to a person before anything is written.

The import service builds a ``Preview`` from a read document and the organisations already in
the ledger; the commit creates exactly what the preview lists. A preview travels as JSON (in an
import job, or printed by ``wpsmonitor import --format json``), so it converts to plain data and
back. This module is pure Python: no Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class RowWarning:
    """Something a person should check, named by its source row and column header when known."""

    message: str
    row: int | None = None
    column: str | None = None
    table: str = ""

    @property
    def place(self) -> str:
        """Where the cell is: "Table 2, row 6, column “Timeline”" (empty for the document)."""
        parts = [self.table[:1].upper() + self.table[1:]] if self.table else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column “{self.column}”")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


@dataclass
class OrganisationRef:
    """A name as written in the document, and the organisation it was matched to (if any).

    Without a match the name is proposed as a new organisation of ``kind`` in ``country``.
    """

    name: str
    organisation_id: int | None = None
    matched_name: str | None = None
    method: str | None = None
    score: float | None = None
    kind: str = "ministry"
    country: str = ""
    rows: list[int] = field(default_factory=list)
    table: str = ""
    alternatives: list[str] = field(default_factory=list)
    same_as: str = ""

    @property
    def is_proposed(self) -> bool:
        """A new organisation to create (a name that is another spelling of one is not)."""
        return self.organisation_id is None and not self.same_as


@dataclass
class PlannedIndicator:
    definition: str
    measure: str = "number"
    unit: str = ""
    baseline: Decimal | None = None
    baseline_text: str = ""
    target: Decimal | None = None
    target_text: str = ""


@dataclass
class PlannedCommitment:
    reference: str
    text: str
    order: int
    rows: list[int] = field(default_factory=list)
    table: str = ""
    pillar: str = ""
    pillar_key: str = ""
    objective: str = ""
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    deadline: dt.date | None = None
    deadline_text: str = ""
    target: str = ""
    budget_amount: Decimal | None = None
    budget_currency: str = ""
    budget_source: str = ""
    budget_text: str = ""
    indicators: list[PlannedIndicator] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)


@dataclass
class TableSummary:
    """One table of the document and the role read for each of its columns ("" = none)."""

    number: int
    header: list[str]
    roles: list[str]
    is_matrix: bool
    rows: int
    where: str = ""


@dataclass
class InstrumentRef:
    id: int
    slug: str
    title: str
    version: int


@dataclass
class Preview:
    """Everything one import would create, with what a person should check before confirming."""

    source_name: str
    checksum: str
    kind: str
    structure: str  # "resolution" (numbered paragraphs) or "matrix" (a results matrix)
    title: str
    country: str
    language: str
    issuer: str
    commitments: list[PlannedCommitment] = field(default_factory=list)
    organisations: list[OrganisationRef] = field(default_factory=list)
    new_pillars: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    operative_count: int = 0
    tables: list[TableSummary] = field(default_factory=list)
    needs_mapping: bool = False
    warnings: list[RowWarning] = field(default_factory=list)
    already_imported: InstrumentRef | None = None
    revises: InstrumentRef | None = None

    # --- questions ------------------------------------------------------------------------

    @property
    def proposed(self) -> list[OrganisationRef]:
        return [o for o in self.organisations if o.is_proposed]

    @property
    def matched(self) -> list[OrganisationRef]:
        return [o for o in self.organisations if not o.is_proposed]

    def organisation(self, name: str) -> OrganisationRef | None:
        return next((o for o in self.organisations if o.name == name), None)

    @property
    def indicator_count(self) -> int:
        return sum(len(c.indicators) for c in self.commitments)

    def all_warnings(self) -> list[RowWarning]:
        """Document warnings first, then each commitment's, in source order."""
        out = list(self.warnings)
        for commitment in self.commitments:
            out.extend(commitment.warnings)
        return out

    # --- plain data -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Preview:
        return _build(cls, data)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_NESTED: dict[str, type] = {
    "commitments": PlannedCommitment,
    "organisations": OrganisationRef,
    "indicators": PlannedIndicator,
    "tables": TableSummary,
    "warnings": RowWarning,
}
_SINGLE: dict[str, type] = {"already_imported": InstrumentRef, "revises": InstrumentRef}
_DECIMALS: dict[type, frozenset[str]] = {
    PlannedIndicator: frozenset({"baseline", "target"}),
    PlannedCommitment: frozenset({"budget_amount"}),
}


def _build(cls: type, data: dict[str, Any]) -> Any:
    assert is_dataclass(cls)
    known = {f.name for f in fields(cls)}
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known:
            continue
        if name in _NESTED and isinstance(value, list):
            value = [_build(_NESTED[name], item) for item in value]
        elif name in _SINGLE and isinstance(value, dict):
            value = _build(_SINGLE[name], value)
        elif name in _DECIMALS.get(cls, ()) and isinstance(value, str):
            value = Decimal(value)
        elif name == "deadline" and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        values[name] = value
    return cls(**values)


# --- text --------------------------------------------------------------------------------------


def _amount(value: Decimal | None, currency: str) -> str:
    if value is None:
        return ""
    return f"{value:,} {currency}".strip()


def render_text(preview: Preview, *, limit: int | None = None) -> str:
    """A readable preview for the command line: what will be created, then every warning."""
    lines: list[str] = []
    kind = "numbered paragraphs" if preview.structure == "resolution" else "results matrix"
    lines.append(f"File:        {preview.source_name} (read as {kind})")
    lines.append(f"Instrument:  {preview.title} [{preview.kind}]")
    issuer = preview.organisation(preview.issuer)
    lines.append(f"Issuer:      {_org_line(issuer) if issuer else preview.issuer}")
    if preview.country:
        lines.append(f"Country:     {preview.country}")
    if preview.revises:
        r = preview.revises
        lines.append(f"Revises:     {r.title} (v{r.version}, {r.slug}) → version {r.version + 1}")
    if preview.already_imported:
        a = preview.already_imported
        lines.append(f"NOTE: this file was already imported as “{a.title}” ({a.slug}).")
    if preview.structure == "resolution":
        lines.append(
            f"Paragraphs:  {len(preview.preamble)} preambular, {preview.operative_count} operative"
        )
    for table in preview.tables:
        state = "results matrix" if table.is_matrix else "not a results matrix"
        where = f" ({table.where})" if table.where else ""
        lines.append(f"Table {table.number}{where}: {table.rows} rows, {state}")
        for i, (header, role) in enumerate(zip(table.header, table.roles, strict=False)):
            lines.append(f"    column {i + 1:>2} “{header}” → {role or '(not recognised)'}")
    if preview.needs_mapping:
        lines.append(
            "No table reads as a results matrix: choose the columns with --map, e.g. "
            '--map "2=action,3=indicator,5=responsible".'
        )
    lines.append("")
    lines.append(f"Commitments: {len(preview.commitments)}   Indicators: {preview.indicator_count}")
    shown = preview.commitments if limit is None else preview.commitments[:limit]
    for c in shown:
        text = c.text if len(c.text) <= 90 else c.text[:87] + "..."
        lines.append(f"  {c.reference or '-':<12} {text}")
        details = []
        if c.pillar:
            details.append(f"pillar: {c.pillar_key or 'new'} ({c.pillar})")
        if c.lead:
            details.append("lead: " + ", ".join(c.lead))
        if c.partners:
            details.append("partners: " + ", ".join(c.partners))
        if c.deadline or c.deadline_text:
            details.append(f"deadline: {c.deadline or '?'} ({c.deadline_text})")
        if c.budget_text:
            amount = _amount(c.budget_amount, c.budget_currency)
            details.append(f"budget: {amount or c.budget_text + ' (as written)'}")
        if details:
            lines.append("               " + "; ".join(details))
        for ind in c.indicators:
            values = []
            if ind.baseline_text:
                values.append(f"baseline {ind.baseline_text}")
            if ind.target_text:
                values.append(f"target {ind.target_text}")
            suffix = f" ({', '.join(values)})" if values else ""
            lines.append(f"               indicator: {ind.definition}{suffix}")
    if limit is not None and len(preview.commitments) > limit:
        lines.append(f"  ... and {len(preview.commitments) - limit} more")
    if preview.new_pillars:
        lines.append("")
        lines.append("New pillars: " + ", ".join(preview.new_pillars))
    if preview.organisations:
        lines.append("")
        lines.append("Organisations:")
        for org in preview.organisations:
            lines.append(f"  {_org_line(org)}")
    warnings = preview.all_warnings()
    if warnings:
        lines.append("")
        lines.append(f"Warnings ({len(warnings)}):")
        lines.extend(f"  {w}" for w in warnings)
    return "\n".join(lines)


def _org_line(org: OrganisationRef) -> str:
    if org.same_as:
        return f"{org.name} → {org.same_as} (NEW, {org.method})"
    if org.is_proposed:
        return f"{org.name} — NEW, proposed ({org.kind}{', ' + org.country if org.country else ''})"
    if org.matched_name and org.matched_name != org.name:
        return f"{org.name} → {org.matched_name} ({org.method})"
    return f"{org.name} (known)"
