"""Turn a results-matrix table into one row per action, with its pillar, objective, indicators,
owners, timeline and budget read from the cells, and a warning for each cell that is off."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from wpsmonitor.intake.columns import ROLES, guess_role, section_role, vocabulary
from wpsmonitor.intake.document import Table
from wpsmonitor.intake.errors import IntakeError
from wpsmonitor.intake.parsing import (
    Budget,
    Quantity,
    Timeline,
    parse_budget,
    parse_quantity,
    parse_timeline,
    split_organisations,
)

# Below this a header guess is not trusted and the column is listed as unrecognised.
MIN_CONFIDENCE = 0.45
_REFERENCE = re.compile(r"^\s*([A-Za-z]?\d+(?:\.\d+)*)[.):]?\s+(?=\S)")
_BULLET = re.compile(r"^\s*(?:[•▪●◦\-–*]|\d+[.)]|[a-z][.)])\s+")
_SECTION_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)[.):]?\s")


class NotAMatrix(IntakeError):
    """A table without an action column cannot be read as a results matrix."""


@dataclass(frozen=True)
class ColumnRole:
    index: int
    header: str
    role: str
    confidence: float
    matched: str
    language: str


@dataclass(frozen=True)
class ColumnMapping:
    """The role of each recognised column; ``unrecognised`` lists the other column indexes."""

    header: tuple[str, ...]
    columns: tuple[ColumnRole, ...]
    unrecognised: tuple[int, ...]

    def role_of(self, index: int) -> str | None:
        return next((c.role for c in self.columns if c.index == index), None)

    def indexes(self, role: str) -> tuple[int, ...]:
        return tuple(c.index for c in self.columns if c.role == role)

    def has(self, role: str) -> bool:
        return any(c.role == role for c in self.columns)

    def header_of(self, role: str) -> str:
        """The header text of the first column with this role, or the role's name."""
        indexes = self.indexes(role)
        return self.header[indexes[0]] if indexes else role

    @property
    def is_matrix(self) -> bool:
        """True when the table reads as a results matrix: actions plus at least one detail."""
        details = ("indicator", "responsible", "timeline", "target", "budget")
        return self.has("action") and any(self.has(role) for role in details)

    @classmethod
    def manual(cls, header: Sequence[str], roles: dict[int, str]) -> ColumnMapping:
        """A mapping chosen by a person (column index → role)."""
        unknown = set(roles.values()) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles: {sorted(unknown)}")
        columns = tuple(
            ColumnRole(i, header[i], role, 1.0, header[i], "") for i, role in sorted(roles.items())
        )
        rest = tuple(i for i in range(len(header)) if i not in roles)
        return cls(tuple(header), columns, rest)


def detect_columns(header: Sequence[str]) -> ColumnMapping:
    """Guess each column's role from its header words in English, Albanian, Serbian or French.

    Several columns may share a role (start and end dates, two budget years); their values are
    read together.
    """
    columns: list[ColumnRole] = []
    unrecognised: list[int] = []
    for index, text in enumerate(header):
        guess = guess_role(text)
        if guess is None or guess.confidence < MIN_CONFIDENCE:
            unrecognised.append(index)
            continue
        columns.append(
            ColumnRole(
                index, text, guess.role, guess.confidence, guess.phrase.text, guess.phrase.language
            )
        )
    return ColumnMapping(tuple(header), tuple(columns), tuple(unrecognised))


@dataclass(frozen=True)
class CellWarning:
    """Something wrong with one cell, named by its row in the source and its column header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, column “{self.column}”: {self.message}"


@dataclass(frozen=True)
class MatrixRow:
    """One action of a plan with the raw text of its cells and the values read from them."""

    row_number: int
    row_numbers: tuple[int, ...]
    pillar: str | None
    objective: str | None
    outcome: str | None
    reference: str | None
    action: str
    indicators: tuple[str, ...]
    baseline: str
    baseline_values: tuple[Quantity, ...]
    target: str
    target_values: tuple[Quantity, ...]
    responsible: tuple[str, ...]
    responsible_raw: str
    partners: tuple[str, ...]
    partners_raw: str
    timeline: Timeline
    budget: Budget
    budget_source: str
    notes: str
    extra: tuple[tuple[str, str], ...]
    warnings: tuple[CellWarning, ...]


@dataclass
class _Draft:
    row_numbers: list[int]
    pillar: str | None
    objective: str | None
    outcome: str | None
    reference: str | None
    action: str
    values: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)

    def add(self, role: str, value: str) -> None:
        if value and value not in self.values.setdefault(role, []):
            self.values[role].append(value)

    def text(self, role: str) -> str:
        return "\n".join(self.values.get(role, []))


def _join(values: Sequence[str]) -> str:
    return "\n".join(dict.fromkeys(v for v in values if v))


def _split_items(text: str) -> tuple[str, ...]:
    """Several indicators in one cell: one per line, or separated by "; "."""
    items: list[str] = []
    for line in text.splitlines():
        for part in re.split(r";\s+|;$", line):
            part = _BULLET.sub("", part).strip(" ;")
            if part:
                items.append(part)
    return tuple(dict.fromkeys(items))


def _section_level(text: str, mapping: ColumnMapping) -> str:
    role = section_role(text)
    if role:
        return role
    number = _SECTION_NUMBER.match(text)
    if number:
        depth = number.group(1).count(".")
        return ("pillar", "objective", "outcome")[min(depth, 2)]
    return "objective" if mapping.has("pillar") else "pillar"


def _is_section(cells: tuple[str, ...]) -> str | None:
    """The text of a row that is a section title spanning the table, else None."""
    filled = [c for c in cells if c]
    if not filled or len(set(filled)) != 1:
        return None
    if len(filled) == len(cells) and len(cells) > 1:
        return filled[0]
    if len(filled) == 1 and len(cells) > 2 and section_role(filled[0]):
        return filled[0]
    return None


def _budget(values: Sequence[str]) -> Budget:
    """One budget from one or more budget cells; several amounts in one currency are added."""
    if len(values) <= 1:
        return parse_budget(values[0] if values else "")
    parts = [parse_budget(v) for v in values]
    amounts = [p.amount for p in parts if p.amount is not None]
    currencies = {p.currency for p in parts if p.currency}
    raw = "\n".join(values)
    if all(p.ok for p in parts) and len(currencies) <= 1 and amounts:
        total = sum(amounts, Decimal(0))
        return Budget(total, next(iter(currencies), None), any(p.in_kind for p in parts), raw, True)
    return Budget(None, None, any(p.in_kind for p in parts), raw, False)


def _finish(draft: _Draft, mapping: ColumnMapping) -> MatrixRow:
    row = draft.row_numbers[0]
    warnings: list[CellWarning] = []

    def warn(role: str, message: str) -> None:
        warnings.append(CellWarning(row, mapping.header_of(role), message))

    indicators = _split_items(draft.text("indicator"))
    baseline, target = draft.text("baseline"), draft.text("target")
    responsible_raw, partners_raw = draft.text("responsible"), draft.text("partners")
    org_words = vocabulary().organisation_words
    timeline_values = draft.values.get("timeline", [])
    if len(timeline_values) == 2 and all(len(v) < 30 for v in timeline_values):
        timeline_text = f"{timeline_values[0]} - {timeline_values[1]}"
    else:
        timeline_text = "\n".join(timeline_values)
    timeline = parse_timeline(timeline_text)
    if len(timeline_values) == 2 and not timeline.ok:
        timeline = parse_timeline("\n".join(timeline_values))
    budget = _budget(draft.values.get("budget", []))

    if mapping.has("indicator") and not indicators:
        warn("indicator", "no indicator is given")
    if mapping.has("responsible") and not responsible_raw:
        warn("responsible", "no responsible institution is named")
    if mapping.has("timeline"):
        if not timeline_text.strip():
            warn("timeline", "no timeline is given")
        elif not timeline.ok:
            warn("timeline", f"“{timeline_text}” is not a date or period we can read")
    if mapping.has("budget") and budget.raw.strip() and not budget.ok:
        warn("budget", f"“{budget.raw}” is not an amount we can read")
    if mapping.has("target") and indicators and not target:
        warn("target", "no target is given")

    return MatrixRow(
        row_number=row,
        row_numbers=tuple(draft.row_numbers),
        pillar=draft.pillar,
        objective=draft.objective,
        outcome=draft.outcome,
        reference=draft.reference,
        action=draft.action,
        indicators=indicators,
        baseline=baseline,
        baseline_values=tuple(parse_quantity(line) for line in baseline.splitlines() if line),
        target=target,
        target_values=tuple(parse_quantity(line) for line in target.splitlines() if line),
        responsible=tuple(split_organisations(responsible_raw, org_words)),
        responsible_raw=responsible_raw,
        partners=tuple(split_organisations(partners_raw, org_words)),
        partners_raw=partners_raw,
        timeline=timeline,
        budget=budget,
        budget_source=draft.text("budget_source"),
        notes=draft.text("notes"),
        extra=tuple((header, _join(values)) for header, values in draft.extra.items()),
        warnings=tuple(warnings),
    )


_DETAIL_ROLES = (
    "indicator",
    "baseline",
    "target",
    "responsible",
    "partners",
    "timeline",
    "budget",
    "budget_source",
    "notes",
)


def parse_matrix(table: Table, mapping: ColumnMapping | None = None) -> list[MatrixRow]:
    """One ``MatrixRow`` per action of a results-matrix table.

    Pillar, objective and outcome carry down from merged or blank cells and from section rows
    that span the table ("Pillar 1: Participation"). A row with no action of its own (or the
    same action as the row above, from a merged cell) adds its indicators and other cells to the
    action above.
    """
    mapping = mapping or detect_columns(table.header)
    if not mapping.has("action"):
        found = ", ".join(f"“{h}”" for h in table.header if h) or "none"
        raise NotAMatrix(
            "No column reads as the action or activity column (headers found: "
            f"{found}); choose the columns by hand."
        )
    pillar: str | None = None
    objective: str | None = None
    outcome: str | None = None
    drafts: list[_Draft] = []
    width = len(mapping.header)

    def value(cells: tuple[str, ...], role: str) -> str:
        return _join([cells[i] for i in mapping.indexes(role) if i < len(cells)])

    for number, raw_cells in zip(table.row_numbers, table.rows, strict=False):
        cells = tuple(raw_cells) + ("",) * (width - len(raw_cells))
        section = _is_section(cells)
        if section:
            level = _section_level(section, mapping)
            if level == "pillar":
                pillar, objective, outcome = section, None, None
            elif level == "objective":
                objective, outcome = section, None
            else:
                outcome = section
            continue
        row_pillar, row_objective = value(cells, "pillar"), value(cells, "objective")
        row_outcome = value(cells, "outcome")
        if row_pillar and row_pillar != pillar:
            pillar, objective, outcome = row_pillar, None, None
        if row_objective and row_objective != objective:
            objective, outcome = row_objective, None
        if row_outcome:
            outcome = row_outcome
        action = value(cells, "action")
        reference = value(cells, "reference") or None
        match = _REFERENCE.match(action)
        if match and len(action) > len(match.group(0)):
            reference = reference or match.group(1)
            action = action[match.end() :].strip()
        has_details = any(value(cells, role) for role in _DETAIL_ROLES)
        previous = drafts[-1] if drafts else None
        same_group = (
            previous is not None and previous.pillar == pillar and previous.objective == objective
        )
        if (
            previous is not None
            and same_group
            and (
                (not action and not reference and has_details)
                or (
                    action and action == previous.action and reference in (None, previous.reference)
                )
            )
        ):
            draft = previous
            draft.row_numbers.append(number)
        elif action or reference:
            draft = _Draft([number], pillar, objective, outcome, reference, action)
            drafts.append(draft)
        else:
            continue
        for role in _DETAIL_ROLES:
            for index in mapping.indexes(role):
                if index < len(cells):
                    draft.add(role, cells[index])
        for index in mapping.unrecognised:
            if index < len(cells) and cells[index]:
                header = mapping.header[index] or f"column {index + 1}"
                values = draft.extra.setdefault(header, [])
                if cells[index] not in values:
                    values.append(cells[index])
    return [_finish(draft, mapping) for draft in drafts]
