"""Import a resolution or an action plan into the ledger: preview first, then one atomic commit.

``import_preview`` reads a file and builds a ``Preview`` (what would be created, with warnings
per row and column, organisations matched or proposed) and writes nothing. ``import_commit``
creates what a preview lists in one transaction, through ``wpsmonitor.commitments.services`` so
every row is recorded in the history. The ``job_*`` functions keep an uploaded file and its
preview in an ``ImportJob`` for the web pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_noop as _noop

from wpsmonitor.commitments import services as ledger
from wpsmonitor.commitments.exceptions import DomainError
from wpsmonitor.commitments.models import (
    STANDARD_PILLARS,
    BudgetSource,
    Commitment,
    Indicator,
    Instrument,
    InstrumentKind,
    Measure,
    Pillar,
)
from wpsmonitor.core.history import save_recorded
from wpsmonitor.core.models import Organisation, OrganisationKind, unique_slug
from wpsmonitor.intake.columns import ROLES
from wpsmonitor.intake.document import DEFAULT_LIMITS, Document, Heading, Limits, Table
from wpsmonitor.intake.errors import IntakeError
from wpsmonitor.intake.matrix import ColumnMapping, MatrixRow, detect_columns, parse_matrix
from wpsmonitor.intake.models import ImportJob, JobStatus
from wpsmonitor.intake.parsing import Quantity, match_organisation, normalise_org_name
from wpsmonitor.intake.preview import (
    InstrumentRef,
    OrganisationRef,
    PlannedCommitment,
    PlannedIndicator,
    Preview,
    RowWarning,
    TableSummary,
)
from wpsmonitor.intake.readers import read_document
from wpsmonitor.intake.resolution import parse_resolution
from wpsmonitor.intake.text import fold

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]

SECURITY_COUNCIL = "United Nations Security Council"
IGNORE = "ignore"
PLAN_KINDS = frozenset(
    {
        InstrumentKind.NATIONAL_PLAN,
        InstrumentKind.REGIONAL_PLAN,
        InstrumentKind.LOCAL_PLAN,
        InstrumentKind.STRATEGY,
        InstrumentKind.PLEDGE,
    }
)
KIND_ALIASES = {"plan": InstrumentKind.NATIONAL_PLAN, "nap": InstrumentKind.NATIONAL_PLAN}


class ImportRefused(DomainError):
    """An import that cannot go ahead; the message says why and what to do."""


def _kind_of(text: str) -> str:
    key = text.strip().lower().replace("-", "_")
    kind = KIND_ALIASES.get(key, key)
    if kind not in InstrumentKind.values:
        choices = ", ".join(["plan", *InstrumentKind.values])
        raise ImportRefused(f"Unknown kind “{text}”; use one of: {choices}.", field="kind")
    return str(kind)


parse_kind = _kind_of


@dataclass(frozen=True)
class ImportOptions:
    """What the person chose: the instrument's kind and details, and columns chosen by hand
    (0-based column index → role; ``"ignore"`` leaves a column out)."""

    kind: str
    title: str = ""
    country: str = ""
    issuer: str = ""
    mapping: dict[int, str] = field(default_factory=dict)
    revises: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", _kind_of(self.kind))
        object.__setattr__(self, "country", self.country.strip().upper())

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "country": self.country,
            "issuer": self.issuer,
            "mapping": {str(k): v for k, v in self.mapping.items()},
            "revises": self.revises,
        }

    @classmethod
    def from_dict(cls, kind: str, data: dict[str, Any]) -> ImportOptions:
        return cls(
            kind=kind,
            title=data.get("title", ""),
            country=data.get("country", ""),
            issuer=data.get("issuer", ""),
            mapping={int(k): v for k, v in (data.get("mapping") or {}).items()},
            revises=data.get("revises", ""),
        )


def parse_mapping(text: str) -> dict[int, str]:
    """``"3=indicator,5=responsible"`` (columns counted from 1, or spreadsheet letters "C") →
    {2: "indicator", 4: "responsible"}. Raises ImportRefused naming the part it cannot read."""
    mapping: dict[int, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        column, sep, role = part.partition("=")
        column, role = column.strip(), role.strip().lower()
        if not sep or not column or not role:
            raise ImportRefused(
                f"“{part}” is not COLUMN=ROLE (for example 3=indicator).", field="map"
            )
        if column.isdigit() and int(column) >= 1:
            index = int(column) - 1
        elif column.isalpha() and len(column) <= 2:
            index = 0
            for letter in column.upper():
                index = index * 26 + (ord(letter) - 64)
            index -= 1
        else:
            raise ImportRefused(
                f"“{column}” is not a column number (1, 2, …) or letter (A, B, …).", field="map"
            )
        if role not in ROLES and role != IGNORE:
            raise ImportRefused(
                f"“{role}” is not a column role; use one of: {', '.join(ROLES)}, {IGNORE}.",
                field="map",
            )
        mapping[index] = role
    return mapping


# --- reading ---------------------------------------------------------------------------------


def upload_limits() -> Limits:
    """The reader limits with the size limit of ``settings.UPLOAD_MAX_BYTES``."""
    return replace(DEFAULT_LIMITS, max_bytes=int(settings.UPLOAD_MAX_BYTES))


def import_preview(
    *,
    path: Path,
    options: ImportOptions,
    filename: str | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Preview:
    """Read a file and say what importing it would create. Writes nothing.

    Raises ``IntakeError`` for a file that cannot be read, ``ImportRefused`` for options that
    do not fit it.
    """
    report = progress or (lambda percent, note: None)
    report(10, _noop("reading the file"))
    document = read_document(Path(path), filename=filename, limits=limits or upload_limits())
    report(50, _noop("finding commitments"))
    return preview_document(document, options=options, progress=report)


def preview_document(
    document: Document, *, options: ImportOptions, progress: Progress | None = None
) -> Preview:
    """The preview of an already read document (see ``import_preview``)."""
    report = progress or (lambda percent, note: None)
    revises = _revised_instrument(options.revises) if options.revises else None
    preview = Preview(
        source_name=document.source_name,
        checksum=document.checksum,
        kind=options.kind,
        structure="resolution",
        title=options.title.strip(),
        country=options.country,
        language="en",
        issuer=options.issuer.strip(),
        revises=_ref(revises) if revises else None,
    )
    use_matrix = options.kind != InstrumentKind.RESOLUTION and (
        bool(options.mapping) or any(t.width >= 2 for t in document.tables)
    )
    if use_matrix:
        _read_matrices(document, options, preview, report)
        if preview.needs_mapping and options.kind not in PLAN_KINDS and not options.mapping:
            # A meeting outcome or letter with a table that is no matrix: read its paragraphs.
            preview.tables, preview.warnings, preview.needs_mapping = [], [], False
            use_matrix = False
    if not use_matrix:
        _read_numbered(document, preview)
    if not preview.title:
        preview.title = _default_title(document, preview)
    if not preview.issuer:
        if options.kind == InstrumentKind.RESOLUTION:
            preview.issuer = SECURITY_COUNCIL
        elif revises is not None:
            preview.issuer = revises.issuer.name
        else:
            preview.warnings.append(
                RowWarning("No issuer is named; give the organisation that adopts it.")
            )
    report(85, _noop("matching organisations"))
    _match_organisations(preview)
    _find_pillars(preview)
    existing = find_imported(preview.checksum)
    if existing is not None:
        preview.already_imported = _ref(existing)
        preview.warnings.insert(
            0,
            RowWarning(
                f"This file was already imported as “{existing}” ({existing.slug}); importing "
                "it again makes a new version of it."
            ),
        )
    if not preview.commitments and not preview.needs_mapping:
        preview.warnings.append(RowWarning("No commitments were found in the document."))
    report(100, _noop("preview ready"))
    return preview


def _ref(instrument: Instrument) -> InstrumentRef:
    return InstrumentRef(instrument.pk, instrument.slug, instrument.title, instrument.version)


def _default_title(document: Document, preview: Preview) -> str:
    heading = next((b.text for b in document.blocks if isinstance(b, Heading) and b.text), None)
    if preview.structure == "resolution":
        structure_title = parse_resolution(document).title
        heading = structure_title or heading
    return (heading or Path(document.source_name).stem)[:400]


def find_imported(checksum: str) -> Instrument | None:
    """The instrument a file with this checksum was imported as, if it was."""
    found = Instrument.objects.filter(source_checksum=checksum).order_by("-version", "-pk").first()
    if found is not None:
        return found
    job = (
        ImportJob.objects.committed_with(checksum)
        .exclude(instrument=None)
        .select_related("instrument")
        .order_by("-pk")
        .first()
    )
    return job.instrument if job else None


def _latest_version(instrument: Instrument) -> Instrument:
    return Instrument.objects.filter(lineage=instrument.lineage).order_by("-version").first() or (
        instrument
    )


def _revised_instrument(slug: str) -> Instrument:
    instrument = Instrument.objects.select_related("issuer").filter(slug=slug).first()
    if instrument is None:
        raise ImportRefused(f"There is no instrument “{slug}” to revise.", field="revises")
    latest = _latest_version(instrument)
    if latest.pk != instrument.pk:
        raise ImportRefused(
            f"“{instrument}” already has a later version; revise the latest one ({latest.slug}).",
            field="revises",
        )
    return instrument


# --- numbered texts --------------------------------------------------------------------------


def _read_numbered(document: Document, preview: Preview) -> None:
    structure = parse_resolution(document)
    preview.structure = "resolution"
    preview.preamble = [c.text for c in structure.preamble]
    preview.operative_count = len(structure.operative)
    preview.warnings.extend(RowWarning(w) for w in structure.warnings)
    order = 0
    for paragraph in structure.operative:
        for clause in paragraph.walk():
            if not clause.text.strip():
                continue
            order += 1
            preview.commitments.append(
                PlannedCommitment(reference=clause.reference[:60], text=clause.text, order=order)
            )


# --- results matrices ------------------------------------------------------------------------


def _mapping_for(table: Table, manual: dict[int, str], *, apply: bool) -> ColumnMapping:
    detected = detect_columns(table.header)
    if not apply or not manual:
        return detected
    roles = {c.index: c.role for c in detected.columns}
    for index, role in manual.items():
        if index >= table.width:
            continue
        if role == IGNORE:
            roles.pop(index, None)
        else:
            roles[index] = role
    return ColumnMapping.manual(table.header, roles)


def _table_where(table: Table) -> str:
    if table.sheet:
        return f"sheet “{table.sheet}”"
    if table.page:
        return f"page {table.page}"
    return ""


def _read_matrices(
    document: Document, options: ImportOptions, preview: Preview, report: Progress
) -> None:
    preview.structure = "matrix"
    tables = [t for t in document.tables if t.width >= 2]
    detected = [detect_columns(t.header) for t in tables]
    unrecognised = [i for i, m in enumerate(detected) if not m.is_matrix]
    targets = set(unrecognised) if unrecognised and options.mapping else set(range(len(tables)))
    if options.mapping:
        widest = max((t.width for t in tables), default=0)
        beyond = [i + 1 for i in options.mapping if i >= widest]
        if beyond:
            raise ImportRefused(
                f"Column {beyond[0]} is chosen, but the widest table has {widest} columns.",
                field="map",
            )
    mappings = [
        _mapping_for(t, options.mapping, apply=i in targets) if options.mapping else detected[i]
        for i, t in enumerate(tables)
    ]
    languages: Counter[str] = Counter()
    order = 0
    for number, (table, mapping) in enumerate(zip(tables, mappings, strict=True), start=1):
        report(50 + int(30 * number / max(len(tables), 1)), _noop("reading the tables"))
        roles = [mapping.role_of(i) or "" for i in range(table.width)]
        preview.tables.append(
            TableSummary(
                number=number,
                header=list(table.header),
                roles=roles,
                is_matrix=mapping.is_matrix,
                rows=len(table.rows),
                where=_table_where(table),
            )
        )
        if not mapping.is_matrix:
            continue
        languages.update(c.language for c in mapping.columns if c.language)
        for index in mapping.unrecognised:
            header = table.header[index] or f"column {index + 1}"
            if any(row[index].strip() for row in table.rows if index < len(row)):
                preview.warnings.append(
                    RowWarning(
                        f"Column “{header}” of table {number} is not recognised and its values "
                        "are not imported; choose its role by hand if it matters."
                    )
                )
        if mapping.has("notes"):
            preview.warnings.append(
                RowWarning(
                    f"Column “{mapping.header_of('notes')}” of table {number} holds notes, "
                    "which are not imported."
                )
            )
        label = f"table {number}" if len(tables) > 1 else ""
        for row in parse_matrix(table, mapping):
            planned = _planned_from_row(row, mapping, order + 1, label)
            if planned is None:
                preview.warnings.append(
                    RowWarning(
                        "the row has a reference but no action text; it is left out",
                        row=row.row_number,
                        column=mapping.header_of("action"),
                        table=label,
                    )
                )
                continue
            order += 1
            preview.commitments.append(planned)
    if languages:
        language = languages.most_common(1)[0][0].lower()
        preview.language = language if language in ("en", "sq", "sr-latn", "fr") else "en"
    if not any(t.is_matrix for t in preview.tables):
        preview.needs_mapping = bool(tables)
        preview.commitments = []
        if options.mapping:
            preview.warnings.append(
                RowWarning(
                    "The columns chosen do not make a results matrix: one must be the action "
                    "and another the indicator, responsible institution, timeline, target or "
                    "budget."
                )
            )


_YES_NO = frozenset(
    fold(w) for w in ("yes", "no", "po", "jo", "da", "ne", "oui", "non", "done", "not done")
)


def _decimal(value: Decimal | None, places: str, limit: int) -> Decimal | None:
    if value is None:
        return None
    try:
        quantised = value.quantize(Decimal(places))
    except InvalidOperation:
        return None
    return quantised if abs(quantised) < Decimal(10) ** limit else None


def _pick(
    values: tuple[Quantity, ...], raw: str, count: int, index: int
) -> tuple[str, Quantity | None, bool]:
    """The text and value of one indicator's baseline or target; False when the cell's lines
    could not be paired with the indicators."""
    if not raw.strip():
        return "", None, True
    if len(values) == count:
        return values[index].raw, values[index], True
    if count == 1:
        return raw, values[0] if len(values) == 1 else None, len(values) <= 1
    return raw, None, False


def _clip(text: str, length: int, warnings: list[RowWarning], row: int, column: str) -> str:
    text = text.strip()
    if len(text) <= length:
        return text
    warnings.append(
        RowWarning(f"the text is longer than {length} characters and is shortened", row, column)
    )
    return text[: length - 1] + "…"


def _budget_source(text: str) -> str:
    words = fold(text)
    donor = any(w in words for w in ("donor", "donator", "bailleur", "donat", "international"))
    domestic = any(
        w in words for w in ("budget", "buxhet", "budzet", "state", "government", "qeveri", "drzav")
    )
    if donor and domestic:
        return BudgetSource.MIXED
    if donor:
        return BudgetSource.DONOR
    if domestic:
        return BudgetSource.DOMESTIC
    return ""


def _planned_from_row(
    row: MatrixRow, mapping: ColumnMapping, order: int, table: str = ""
) -> PlannedCommitment | None:
    """What one matrix row becomes, or None for a row without an action's text."""
    if not row.action.strip():
        return None
    warnings = [RowWarning(w.message, w.row, w.column) for w in row.warnings]
    number = row.row_number

    def header(role: str) -> str:
        return mapping.header_of(role)

    lead = list(dict.fromkeys(row.responsible))
    partners = [p for p in dict.fromkeys(row.partners) if p not in lead]
    indicators: list[PlannedIndicator] = []
    count = len(row.indicators)
    paired = {"baseline": True, "target": True}
    for index, definition in enumerate(row.indicators):
        b_text, b_value, b_ok = _pick(row.baseline_values, row.baseline, count, index)
        t_text, t_value, t_ok = _pick(row.target_values, row.target, count, index)
        paired["baseline"] &= b_ok
        paired["target"] &= t_ok
        texts = [t for t in (b_text, t_text) if t]
        quantities = [q for q in (b_value, t_value) if q is not None and q.ok]
        if texts and all(fold(t) in _YES_NO for t in texts):
            measure = Measure.YES_NO
        elif any(q.unit == "%" for q in quantities):
            measure = Measure.PERCENTAGE
        else:
            measure = Measure.NUMBER
        unit = next((q.unit for q in quantities if q.unit and q.unit != "%"), "") or ""
        for role, text, value, ok in (
            ("baseline", b_text, b_value, b_ok),
            ("target", t_text, t_value, t_ok),
        ):
            unread = value is None or not value.ok
            if text and ok and unread and measure != Measure.YES_NO:
                warnings.append(
                    RowWarning(
                        f"“{text}” is not a number; it is kept as written", number, header(role)
                    )
                )
        indicators.append(
            PlannedIndicator(
                definition=definition,
                measure=measure,
                unit=unit[:40],
                baseline=_decimal(b_value.value if b_value else None, "0.0001", 12),
                baseline_text=_clip(b_text, 200, warnings, number, header("baseline")),
                target=_decimal(t_value.value if t_value else None, "0.0001", 12),
                target_text=_clip(t_text, 200, warnings, number, header("target")),
            )
        )
    for role, ok in paired.items():
        if not ok:
            warnings.append(
                RowWarning(
                    f"{count} indicators but the {role} cell has another number of lines; "
                    "it is kept as written for each",
                    number,
                    header(role),
                )
            )
    timeline, budget = row.timeline, row.budget
    amount = _decimal(budget.amount, "0.01", 14) if budget.ok else None
    if budget.ok and budget.amount is not None and amount is None:
        warnings.append(RowWarning("the amount is too large to store", number, header("budget")))
    source = _budget_source(row.budget_source) if row.budget_source else ""
    if row.budget_source and not source:
        warnings.append(
            RowWarning(
                f"“{row.budget_source}” is not a budget source we can read (state budget, donor)",
                number,
                header("budget_source"),
            )
        )
    planned = PlannedCommitment(
        reference=_clip(row.reference or "", 60, warnings, number, header("reference")),
        text=row.action.strip(),
        order=order,
        rows=list(row.row_numbers),
        pillar=(row.pillar or "").strip(),
        objective=_clip(row.objective or "", 500, warnings, number, header("objective")),
        lead=lead,
        partners=partners,
        deadline=timeline.end if timeline.ok else None,
        deadline_text=_clip(timeline.raw, 200, warnings, number, header("timeline")),
        target="" if indicators else row.target.strip(),
        budget_amount=amount,
        budget_currency=(budget.currency or "")[:3] if amount is not None else "",
        budget_source=str(source),
        budget_text=_clip(budget.raw, 200, warnings, number, header("budget")),
        indicators=indicators,
        warnings=warnings,
    )
    planned.table = table
    planned.warnings = [replace(w, table=table) for w in planned.warnings]
    return planned


# --- organisations and pillars ---------------------------------------------------------------

_INTERNATIONAL = re.compile(
    r"\b(un|united nations|unicef|undp|unfpa|unhcr|osce|eu|eulex|european|nato|kfor|unmik|"
    r"onu|oui|iom|world bank|council of europe|ue|oscé|usaid|giz|sida)\b|^un[ -]",
    re.IGNORECASE,
)
_KIND_WORDS = (
    (
        OrganisationKind.CSO_NETWORK,
        ("network", "rrjet", "mreza", "reseau", "coalition", "civil", "shoqeri civile"),
    ),
    (
        OrganisationKind.WOMENS_ORG,
        ("women", "grave", "zena", "femmes", "ngo", "ojq", "association", "shoqat", "udruz"),
    ),
    (
        OrganisationKind.SECURITY,
        ("police", "polici", "army", "armed forces", "force", "forca", "snage", "military",
         "security", "sigurise", "bezbednost", "gendarmerie", "defence", "defense", "mbrojtj",
         "odbran"),
    ),
    (
        OrganisationKind.PARLIAMENT,
        ("parliament", "assembly", "kuvend", "skupstin", "parlement", "assemblee"),
    ),
    (OrganisationKind.RESEARCH, ("university", "universitet", "institute for research")),
)  # fmt: skip


def guess_organisation_kind(name: str) -> str:
    """The likely kind of a new organisation, from words in its name (a person may change it)."""
    if _INTERNATIONAL.search(name):
        return OrganisationKind.INTERNATIONAL
    words = fold(name)
    if words.startswith("minist"):
        return OrganisationKind.MINISTRY
    for kind, stems in _KIND_WORDS:
        if any(stem in words for stem in stems):
            return str(kind)
    return OrganisationKind.MINISTRY


def _match_organisations(preview: Preview) -> None:
    uses: dict[str, list[int]] = {}
    tables: dict[str, str] = {}
    if preview.issuer:
        uses.setdefault(preview.issuer, [])
    for c in preview.commitments:
        for name in (*c.lead, *c.partners):
            rows = uses.setdefault(name, [])
            tables.setdefault(name, c.table)
            if c.rows and c.rows[0] not in rows:
                rows.append(c.rows[0])
    if not uses:
        return
    candidates = [
        (pk, name, [abbreviation] if abbreviation else [])
        for pk, name, abbreviation in Organisation.objects.order_by("pk").values_list(
            "pk", "name", "abbreviation"
        )
    ]
    names = {pk: name for pk, name, _ in candidates}
    proposed: list[tuple[str, str, list[str]]] = []
    for name, rows in uses.items():
        ref = OrganisationRef(name=name, rows=rows, table=tables.get(name, ""))
        match = match_organisation(name, candidates)
        if match is not None:
            ref.organisation_id, ref.matched_name = match.key, match.name
            ref.method, ref.score = match.method, match.score
            ref.alternatives = [names[k] for k in match.alternatives]
        else:
            again = match_organisation(name, proposed)
            if again is not None:
                ref.same_as, ref.method, ref.score = again.key, again.method, again.score
            else:
                ref.kind = (
                    OrganisationKind.INTERNATIONAL
                    if name == SECURITY_COUNCIL
                    else guess_organisation_kind(name)
                )
                ref.country = "" if ref.kind == OrganisationKind.INTERNATIONAL else preview.country
                proposed.append((name, name, []))
        preview.organisations.append(ref)
    for ref in preview.organisations:
        if ref.alternatives:
            row = ref.rows[0] if ref.rows else None
            preview.warnings.append(
                RowWarning(
                    f"“{ref.name}” could be {ref.matched_name} or "
                    f"{', '.join(ref.alternatives)}; {ref.matched_name} is used",
                    row=row,
                )
            )
    for ref in preview.proposed:
        preview.warnings.append(
            RowWarning(
                f"“{ref.name}” matches no known organisation; it is proposed as a new one",
                row=ref.rows[0] if ref.rows else None,
                table=ref.table,
            )
        )


PILLAR_WORDS: dict[str, tuple[str, ...]] = {
    # Stems of the pillar names in English, Albanian, Serbian and French, folded (no accents).
    "participation": ("participation", "pjesemarrj", "ucesc", "ucesh", "participacij"),
    "prevention": ("prevent", "parandal", "prevencij", "sprecav", "spreca"),
    "protection": ("protect", "mbrojtj", "zastit"),
    "relief-recovery": (
        "relief", "recover", "rimekemb", "ndihm", "oporav", "pomoc", "secours", "relevement",
        "redressement", "reintegr",
    ),
}  # fmt: skip
_PILLAR_PREFIX = re.compile(
    r"^\s*(?:pillar|shtylla|shtyllа|stub|pilier|oblast|area|fusha)?\s*"
    r"(?:\d+(?:\.\d+)*|[IVX]+)?\s*[.:\-–)]*\s*",
    re.IGNORECASE,
)


def pillar_key_for(name: str) -> str | None:
    """The standard pillar a written pillar name means, from its words in four languages."""
    words = fold(name)
    found = [
        (words.find(stem), key)
        for key, stems in PILLAR_WORDS.items()
        for stem in stems
        if stem in words
    ]
    return min(found)[1] if found else None


def pillar_name(written: str) -> str:
    """ "Pillar 5: Coordination" → "Coordination"."""
    cleaned = _PILLAR_PREFIX.sub("", written, count=1).strip()
    return (cleaned or written.strip())[:120]


def _find_pillars(preview: Preview) -> None:
    written = {c.pillar for c in preview.commitments if c.pillar}
    if not written:
        return
    existing = {key: fold(name) for key, name in Pillar.objects.values_list("key", "name")}
    by_name = {name: key for key, name in existing.items()}
    new: list[str] = []
    keys: dict[str, str] = {}
    for pillar in sorted(written):
        key = pillar_key_for(pillar)
        if key is None:
            name = pillar_name(pillar)
            key = by_name.get(fold(name)) or slugify(name)[:60] or "pillar"
            if key not in existing and name not in new:
                new.append(name)
        keys[pillar] = key
    for c in preview.commitments:
        if c.pillar:
            c.pillar_key = keys[c.pillar]
    preview.new_pillars = new


# --- commit ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    instrument: Instrument
    commitments: int
    indicators: int
    organisations_created: list[Organisation]
    pillars_created: list[Pillar]

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": {
                "id": self.instrument.pk,
                "slug": self.instrument.slug,
                "title": self.instrument.title,
                "version": self.instrument.version,
                "status": self.instrument.status,
            },
            "commitments": self.commitments,
            "indicators": self.indicators,
            "organisations_created": [o.name for o in self.organisations_created],
            "pillars_created": [p.name for p in self.pillars_created],
        }


def _message_of(error: Exception) -> str:
    if isinstance(error, DomainError):
        return error.message
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        return " ".join(error.messages)
    return str(error)


_ABBREVIATED = re.compile(r"^(.{3,}?)\s*\(([^()\s]{2,12})\)\s*$")


def _split_abbreviation(name: str) -> tuple[str, str]:
    """ "Agency for Gender Equality (AGE)" → ("Agency for Gender Equality", "AGE")."""
    match = _ABBREVIATED.match(name.strip())
    return (match.group(1), match.group(2)) if match else (name.strip(), "")


def _resolve_organisations(
    preview: Preview, *, create: bool | Collection[str], by: Any
) -> tuple[dict[str, Organisation], list[Organisation]]:
    ids = {o.organisation_id for o in preview.organisations if o.organisation_id}
    known = Organisation.objects.in_bulk(ids)
    gone = [o.name for o in preview.matched if o.organisation_id not in known]
    if gone:
        raise ImportRefused(
            f"Organisations matched in the preview no longer exist: {', '.join(gone)}. "
            "Read the file again."
        )
    resolved = {o.name: known[o.organisation_id] for o in preview.matched if o.organisation_id}
    proposed = preview.proposed
    allowed = (lambda name: bool(create)) if isinstance(create, bool) else create.__contains__
    refused = [o.name for o in proposed if not allowed(o.name)]
    if refused:
        raise ImportRefused(
            "These names match no known organisation: "
            + "; ".join(f"“{n}”" for n in refused)
            + ". Confirm them as new organisations (--create-organisations), or add them (or an"
            " abbreviation) to the organisations and read the file again.",
            field="organisations",
        )
    created: list[Organisation] = []
    # A proposed name created meanwhile (by another import) is used, not created twice.
    names = {ref.name: _split_abbreviation(ref.name) for ref in proposed}
    by_normal = {
        normalise_org_name(name): pk
        for pk, name in Organisation.objects.filter(
            name__in=[name for name, _ in names.values()]
        ).values_list("pk", "name")
    }
    for ref in proposed:
        name, abbreviation = names[ref.name]
        pk = by_normal.get(normalise_org_name(name))
        if pk is not None:
            resolved[ref.name] = Organisation.objects.get(pk=pk)
            continue
        org = Organisation(
            name=name[:300], abbreviation=abbreviation, kind=ref.kind, country=ref.country
        )
        org.slug = unique_slug(Organisation, org.name)
        try:
            org.full_clean()
        except ValidationError as error:
            raise ImportRefused(f"“{ref.name}” cannot be created: {_message_of(error)}") from None
        save_recorded(org, by=by, reason=f"proposed by the import of {preview.source_name}")
        created.append(org)
        resolved[ref.name] = org
    for ref in preview.organisations:
        if ref.same_as:
            resolved[ref.name] = resolved[ref.same_as]
    return resolved, created


def _resolve_pillars(preview: Preview, *, by: Any) -> tuple[dict[str, Pillar], list[Pillar]]:
    keys = {c.pillar_key for c in preview.commitments if c.pillar_key}
    pillars = {p.key: p for p in Pillar.objects.filter(key__in=keys)}
    standard = {key for key, _, _ in STANDARD_PILLARS}
    created: list[Pillar] = []
    written = {c.pillar_key: c.pillar for c in preview.commitments if c.pillar_key}
    for key in sorted(keys - set(pillars)):
        if key in standard:
            raise ImportRefused(f"The standard pillar “{key}” is missing; run the migrations.")
        pillar = Pillar(key=key, name=pillar_name(written[key]), order=100, is_standard=False)
        save_recorded(pillar, by=by, reason=f"a pillar of {preview.source_name}")
        pillars[key] = pillar
        created.append(pillar)
    return pillars, created


def _normal_ref(reference: str) -> str:
    return " ".join(reference.split()).casefold().rstrip(".")


@transaction.atomic
def import_commit(
    *,
    preview: Preview,
    by: Any,
    create_organisations: bool | Collection[str] = False,
    adopt: bool = False,
    as_revision: bool = False,
    today: dt.date | None = None,
    source_file: str = "",
) -> ImportResult:
    """Create what the preview lists in one transaction: a draft instrument (adopted when
    asked), its commitments and indicators, and the confirmed new organisations and pillars.

    Any refusal leaves the ledger as it was.
    """
    if preview.needs_mapping:
        raise ImportRefused("Choose the columns of the results matrix before importing.")
    if not preview.commitments:
        raise ImportRefused(f"{preview.source_name}: no commitments were found to import.")
    if not preview.issuer:
        raise ImportRefused("Name the issuer: the organisation that adopts it.", field="issuer")
    base: Instrument | None = None
    if preview.revises is not None:
        base = Instrument.objects.filter(pk=preview.revises.id).first()
        if base is None:
            raise ImportRefused(f"The instrument “{preview.revises.title}” no longer exists.")
        base = _revised_instrument(base.slug)
    existing = find_imported(preview.checksum)
    if existing is not None and base is None:
        if not as_revision:
            raise ImportRefused(
                f"{preview.source_name} was already imported as “{existing}” ({existing.slug}). "
                "Import it as a new version (--as-revision) or choose the plan it revises.",
                field="as_revision",
            )
        base = _latest_version(existing)
    organisations, orgs_created = _resolve_organisations(
        preview, create=create_organisations, by=by
    )
    pillars, pillars_created = _resolve_pillars(preview, by=by)
    fields: dict[str, Any] = {
        "kind": preview.kind,
        "title": preview.title[:400],
        "issuer": organisations[preview.issuer],
        "country": preview.country,
        "language": preview.language,
        "source_checksum": preview.checksum,
        "source_file": source_file,
    }
    if base is not None:
        fields.update(version=base.version + 1, lineage=base.lineage, previous_version=base)
        if not preview.country:
            fields["country"] = base.country
    try:
        instrument = ledger.instrument_create(by=by, **fields)
    except (DomainError, ValidationError) as error:
        raise ImportRefused(f"The instrument cannot be created: {_message_of(error)}") from None
    old_commitments: dict[str, Commitment] = {}
    old_indicators: dict[int, dict[str, Indicator]] = {}
    if base is not None:
        for old in base.commitments.order_by("order", "pk"):
            if old.reference:
                old_commitments.setdefault(_normal_ref(old.reference), old)
        for ind in Indicator.objects.filter(commitment__instrument=base).order_by("pk"):
            old_indicators.setdefault(ind.commitment_id, {}).setdefault(
                normalise_org_name(ind.definition), ind
            )
    indicator_count = 0
    for planned in preview.commitments:
        where = (
            f"{preview.source_name}, row {planned.rows[0]}"
            if planned.rows
            else (f"{preview.source_name}, {planned.reference or planned.order}")
        )
        previous = (
            old_commitments.get(_normal_ref(planned.reference)) if planned.reference else None
        )
        extra: dict[str, Any] = {}
        if previous is not None:
            extra = {"lineage": previous.lineage, "previous": previous}
        try:
            commitment = ledger.commitment_create(
                instrument=instrument,
                text=planned.text,
                by=by,
                reference=planned.reference,
                pillar=pillars.get(planned.pillar_key) if planned.pillar_key else None,
                lead=[organisations[n] for n in planned.lead],
                partners=[organisations[n] for n in planned.partners],
                order=planned.order,
                objective=planned.objective,
                deadline=planned.deadline,
                deadline_text=planned.deadline_text,
                target=planned.target,
                budget_amount=planned.budget_amount,
                budget_currency=planned.budget_currency,
                budget_source=planned.budget_source,
                budget_text=planned.budget_text,
                **extra,
            )
            olds = old_indicators.get(previous.pk, {}) if previous is not None else {}
            for ind in planned.indicators:
                old_ind = olds.get(normalise_org_name(ind.definition))
                lineage = {"lineage": old_ind.lineage, "previous": old_ind} if old_ind else {}
                ledger.indicator_create(
                    commitment=commitment,
                    definition=ind.definition,
                    measure=ind.measure,
                    by=by,
                    unit=ind.unit,
                    baseline=ind.baseline,
                    baseline_text=ind.baseline_text,
                    target=ind.target,
                    target_text=ind.target_text,
                    **lineage,
                )
                indicator_count += 1
        except (DomainError, ValidationError) as error:
            raise ImportRefused(f"{where}: {_message_of(error)}") from None
    if adopt:
        instrument = ledger.instrument_adopt(
            instrument=instrument, by=by, on=today or dt.date.today()
        )
    return ImportResult(
        instrument=instrument,
        commitments=len(preview.commitments),
        indicators=indicator_count,
        organisations_created=orgs_created,
        pillars_created=pillars_created,
    )


def store_source(path: Path, name: str) -> str:
    """Keep a copy of an imported file under MEDIA_ROOT/sources/; its storage name."""
    with Path(path).open("rb") as handle:
        return default_storage.save(f"sources/{get_valid_filename(name) or 'source'}", File(handle))


# --- import jobs (the web pages) -------------------------------------------------------------


def _checksum(handle: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in handle:
        digest.update(chunk)
    return digest.hexdigest()


def job_create(
    *,
    upload: BinaryIO | File,
    name: str,
    options: ImportOptions,
    by: Any,
) -> ImportJob:
    """Store an uploaded file under MEDIA_ROOT/imports/ as a job waiting to be read."""
    file = upload if isinstance(upload, File) else File(upload, name=name)
    size = file.size or 0
    limit = int(settings.UPLOAD_MAX_BYTES)
    if size > limit:
        raise ImportRefused(
            f"{name} is {size / 1024 / 1024:.1f} MB; files up to "
            f"{limit / 1024 / 1024:.0f} MB are accepted.",
            field="file",
        )
    file.seek(0)
    checksum = _checksum(file.chunks())
    file.seek(0)
    job = ImportJob(
        original_name=name[:255],
        size=size,
        checksum=checksum,
        kind=options.kind,
        options=options.to_dict(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    job.file.save(get_valid_filename(Path(name).name) or "upload", file, save=False)
    job.save()
    return job


@contextmanager
def _local_path(job: ImportJob) -> Any:
    try:
        yield Path(job.file.path)
    except NotImplementedError:
        with tempfile.NamedTemporaryFile(suffix=Path(job.original_name).suffix) as handle:
            with job.file.open("rb") as source:
                shutil.copyfileobj(source, handle)
            handle.flush()
            yield Path(handle.name)


def _job_update(job: ImportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def job_run(*, job: ImportJob) -> ImportJob:
    """Read a job's file and store its preview, or the error that stopped it."""
    _job_update(job, status=JobStatus.READING, progress=5, progress_note="", error="")

    def progress(percent: int, note: str) -> None:
        _job_update(job, progress=min(percent, 99), progress_note=note[:200])

    try:
        options = ImportOptions.from_dict(job.kind, job.options)
        with _local_path(job) as path:
            preview = import_preview(
                path=path, filename=job.original_name, options=options, progress=progress
            )
    except (IntakeError, DomainError) as error:
        message = str(error) if isinstance(error, IntakeError) else error.message
        _job_update(job, status=JobStatus.FAILED, error=message, progress=100)
        return job
    except Exception:  # a reader bug must not leave the job spinning forever
        logger.exception("reading import job %s failed", job.pk)
        _job_update(
            job,
            status=JobStatus.FAILED,
            error=f"{job.original_name} could not be read because of an unexpected error.",
            progress=100,
        )
        return job
    status = JobStatus.NEEDS_MAPPING if preview.needs_mapping else JobStatus.READY
    _job_update(job, status=status, preview=preview.to_dict(), progress=100, progress_note="")
    return job


def job_set_mapping(*, job: ImportJob, mapping: dict[int, str]) -> ImportJob:
    """Columns chosen by hand; the job is read again with them."""
    if job.status == JobStatus.COMMITTED:
        raise ImportRefused("This file is already imported.")
    options = dict(job.options)
    options["mapping"] = {str(k): v for k, v in mapping.items()}
    _job_update(job, options=options, status=JobStatus.QUEUED, preview=None, progress=0)
    return job


def job_commit(
    *,
    job: ImportJob,
    by: Any,
    create_organisations: Collection[str] | bool,
    adopt: bool = False,
    as_revision: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """Commit a job's preview; the job is marked imported in the same transaction."""
    with transaction.atomic():
        current = ImportJob.objects.select_for_update().get(pk=job.pk)
        if current.status != JobStatus.READY or not current.preview:
            raise ImportRefused(
                f"{current.original_name} is {current.get_status_display().lower()}; only a "
                "ready preview can be imported."
            )
        result = import_commit(
            preview=Preview.from_dict(current.preview),
            by=by,
            create_organisations=create_organisations,
            adopt=adopt,
            as_revision=as_revision,
            today=today,
            source_file=current.file.name,
        )
        _job_update(current, status=JobStatus.COMMITTED, instrument=result.instrument, error="")
    job.refresh_from_db()
    return result
