"""Open data: the published ledger as CSV (zipped), XLSX and JSON, with its data dictionary.

``TABLES`` is the one definition of every table and column: the exports, their
``data_dictionary`` table and docs/open-data.md are all generated from it, so they cannot drift.
Only public records are exported, whoever asks: adopted or superseded instruments, published
reports, indicators that are not restricted, and confidential counts under the threshold
shown as "<5" exactly as on the pages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wpsmonitor.commitments import queries
from wpsmonitor.commitments.models import (
    BudgetLine,
    Commitment,
    Indicator,
    IndicatorValue,
    Instrument,
    ProgressUpdate,
    ReportStatus,
    Responsibility,
)

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FILE_SUFFIX = {"csv": "csv.zip", "xlsx": "xlsx", "json": "json"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # integer, text, decimal, date, datetime, boolean
    description: Any  # a lazy translation


@dataclass(frozen=True)
class TableDef:
    name: str
    description: Any
    columns: tuple[Column, ...]

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def C(name: str, type_: str, description: Any) -> Column:  # noqa: N802
    return Column(name, type_, description)


STATUS_NOTE = _(
    "status on the fixed scale: no_evidence, not_started, limited, substantial, complete, "
    "withdrawn; empty when not reported"
)

TABLES: tuple[TableDef, ...] = (
    TableDef(
        "instruments",
        _("Adopted and superseded instruments: resolutions, action plans, meeting outcomes."),
        (
            C("id", "integer", _("Identifier of the instrument.")),
            C("slug", "text", _("Short name used in web addresses.")),
            C("title", "text", _("Title.")),
            C("kind", "text", _("Kind: resolution, national_plan, local_plan, pledge, ...")),
            C("status", "text", _("adopted, or superseded by a newer version.")),
            C("version", "integer", _("Version number; a revision is a new version.")),
            C("country", "text", _("ISO 3166 country code (XK is Kosovo); empty if none.")),
            C("issuer", "text", _("Organisation that issued the instrument.")),
            C("adopted_on", "date", _("Date of adoption.")),
            C("period_start", "date", _("Start of the period the instrument covers.")),
            C("period_end", "date", _("End of the period the instrument covers.")),
            C("language", "text", _("Language the instrument is written in.")),
            C("is_sample", "boolean", _("True for fictional demonstration data.")),
        ),
    ),
    TableDef(
        "commitments",
        _("Commitments of those instruments, with their latest published ratings."),
        (
            C("id", "integer", _("Identifier of the commitment.")),
            C("instrument_id", "integer", _("The instrument (instruments.id).")),
            C("reference", "text", _("Reference in the instrument, e.g. 1.2.")),
            C("text", "text", _("The commitment as written.")),
            C("pillar", "text", _("Pillar: participation, prevention, protection, ...")),
            C("objective", "text", _("Objective it serves.")),
            C("lead", "text", _("Lead organisations, separated by “; ”.")),
            C("partners", "text", _("Partner organisations, separated by “; ”.")),
            C("deadline", "date", _("Deadline.")),
            C("deadline_text", "text", _("Timeline as written.")),
            C("target", "text", _("Target as written.")),
            C("budget_amount", "decimal", _("Budget stated in the instrument.")),
            C("budget_currency", "text", _("ISO 4217 currency of the budget.")),
            C("strength", "text", _("Strength of the wording: binding, strong, moderate, ...")),
            C("self_status", "text", _("Latest government rating: %(note)s.")),
            C("self_period", "text", _("Period of the latest government rating.")),
            C("shadow_status", "text", _("Latest civil-society rating: %(note)s.")),
            C("shadow_period", "text", _("Period of the latest civil-society rating.")),
            C("joint_status", "text", _("Latest joint rating: %(note)s.")),
            C("ratings_disagree", "boolean", _("True when the latest ratings differ.")),
            C("shadow_lower", "boolean", _("True when civil society rates progress lower.")),
        ),
    ),
    TableDef(
        "assessments",
        _("The wording analysis of each commitment: its strength, what is missing, advice."),
        (
            C("commitment_id", "integer", _("The commitment (commitments.id).")),
            C("reference", "text", _("Reference of the commitment.")),
            C("strength", "text", _("binding, strong, moderate, weak or none.")),
            C("explanation", "text", _("Why the wording has that strength.")),
            C("missing", "text", _("Elements the wording does not name, separated by “; ”.")),
            C("hedges", "text", _("Hedging words found, separated by “; ”.")),
            C("suggestions", "text", _("Stronger wording proposed, separated by “ | ”.")),
            C("analyser_version", "text", _("Version of the analyser that graded it.")),
        ),
    ),
    TableDef(
        "progress_updates",
        _("Every rating in a published report: status, narrative and challenges."),
        (
            C("report_id", "integer", _("Identifier of the published report.")),
            C("period", "text", _("Reporting period label.")),
            C("kind", "text", _("self (government), shadow (civil society) or joint.")),
            C("organisation", "text", _("Organisation that reported.")),
            C("commitment_id", "integer", _("The commitment (commitments.id).")),
            C("reference", "text", _("Reference of the commitment.")),
            C("status", "text", _("Rating: %(note)s.")),
            C("narrative", "text", _("Narrative of the rating.")),
            C("challenges", "text", _("Challenges reported.")),
            C("published_at", "datetime", _("When the report was published (UTC).")),
        ),
    ),
    TableDef(
        "indicators",
        _("Indicators of the commitments, except restricted ones."),
        (
            C("id", "integer", _("Identifier of the indicator.")),
            C("commitment_id", "integer", _("The commitment (commitments.id).")),
            C("code", "text", _("Code of the indicator.")),
            C("definition", "text", _("What is measured.")),
            C("measure", "text", _("number, percentage, yes_no, scale or text.")),
            C("unit", "text", _("Unit of the values.")),
            C("direction", "text", _("increase, decrease or neutral: which way is better.")),
            C("aggregation", "text", _("How periods combine: incremental, cumulative, latest.")),
            C("baseline", "decimal", _("Baseline value.")),
            C("target", "decimal", _("Final target.")),
            C("sensitivity", "text", _("public or confidential (small counts suppressed).")),
            C("is_security_threat", "boolean", _("Counted as a security indicator (GBV).")),
        ),
    ),
    TableDef(
        "indicator_values",
        _("Indicator values per period from published reports; small counts shown as “<5”."),
        (
            C("indicator_id", "integer", _("The indicator (indicators.id).")),
            C("commitment_id", "integer", _("The commitment (commitments.id).")),
            C("period", "text", _("Reporting period label.")),
            C("kind", "text", _("self, shadow or joint: who reported the value.")),
            C("organisation", "text", _("Organisation that reported.")),
            C("disaggregation", "text", _("Cell, e.g. sex=female; empty for the total.")),
            C(
                "value",
                "text",
                _("The value as shown publicly; “<5” for a small confidential count."),
            ),
            C("text_value", "text", _("The value of a text indicator.")),
            C("missing_reason", "text", _("Why the value is missing, when it is.")),
        ),
    ),
    TableDef(
        "budget_lines",
        _("Budget allocated, disbursed and spent per commitment and fiscal year."),
        (
            C("commitment_id", "integer", _("The commitment (commitments.id).")),
            C("reference", "text", _("Reference of the commitment.")),
            C("fiscal_year", "integer", _("Fiscal year.")),
            C("currency", "text", _("ISO 4217 currency.")),
            C("source", "text", _("domestic, donor or mixed.")),
            C("funder", "text", _("Funding organisation, when known.")),
            C("allocated", "decimal", _("Amount allocated.")),
            C("disbursed", "decimal", _("Amount disbursed.")),
            C("spent", "decimal", _("Amount spent.")),
        ),
    ),
    TableDef(
        "scorecards",
        _("Published scorecard snapshots, one row per figure; they never change once published."),
        (
            C("snapshot_id", "integer", _("Identifier of the snapshot.")),
            C("scope", "text", _("instrument, pillar, organisation or country.")),
            C("scope_key", "text", _("Slug, pillar key or country code of the scope.")),
            C("scope_name", "text", _("Name of the scope.")),
            C("period", "text", _("Period label; empty for the latest ratings of all periods.")),
            C("method_version", "text", _("Version of the scorecard method.")),
            C("published_at", "datetime", _("When the snapshot was published (UTC).")),
            C("figure", "text", _("Figure key, e.g. self.complete or budget.EUR.spent.")),
            C("value", "text", _("Value of the figure.")),
        ),
    ),
)
TABLE_NAMES = tuple(t.name for t in TABLES)
DICTIONARY_COLUMNS = ("table", "column", "type", "description")


def _describe(column: Column) -> str:
    text = str(column.description)
    return text % {"note": STATUS_NOTE} if "%(note)s" in text else text


def dictionary_rows() -> list[list[str]]:
    """The data dictionary: one row per table (column "") and per column."""
    rows = []
    for table in TABLES:
        rows.append([table.name, "", "table", str(table.description)])
        rows += [[table.name, c.name, c.type, _describe(c)] for c in table.columns]
    return rows


def dictionary_markdown() -> str:
    """The data dictionary as Markdown, in English (the generated part of docs/open-data.md)."""
    with translation.override("en"):
        out = []
        for table in TABLES:
            out.append(f"### `{table.name}`\n\n{table.description}\n")
            out.append("| column | type | description |\n|---|---|---|")
            out += [
                f"| `{c.name}` | {c.type} | {_describe(c).replace('|', chr(92) + '|')} |"
                for c in table.columns
            ]
            out.append("")
        return "\n".join(out)


# --- the query step ------------------------------------------------------------------------


@dataclass
class OpenData:
    """Rows of every table, in ``TABLES`` column order, with typed Python values."""

    generated_at: dt.datetime
    tables: dict[str, list[list[Any]]] = field(default_factory=dict)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def collect(*, now: dt.datetime) -> OpenData:
    """The public ledger, the same for every reader, in a fixed number of queries."""
    from .models import ScorecardSnapshot

    data = OpenData(generated_at=now)
    instruments = Instrument.objects.public().select_related("issuer").order_by("pk")
    data.tables["instruments"] = [
        [
            i.pk,
            i.slug,
            i.title,
            i.kind,
            i.status,
            i.version,
            i.country,
            i.issuer.name,
            i.adopted_on,
            i.period_start,
            i.period_end,
            i.language,
            i.is_sample,
        ]
        for i in instruments
    ]
    commitments = list(Commitment.objects.public().select_related("pillar").order_by("pk"))
    leads: dict[int, list[str]] = {}
    partners: dict[int, list[str]] = {}
    for cid, kind, name in (
        Responsibility.objects.filter(commitment__in=Commitment.objects.public())
        .order_by("commitment_id", "id")
        .values_list("commitment_id", "kind", "organisation__name")
    ):
        (leads if kind == Responsibility.Kind.LEAD else partners).setdefault(cid, []).append(name)
    ratings = queries.ratings_for([c.pk for c in commitments])
    rows = []
    for c in commitments:
        r = ratings[c.pk]
        rows.append(
            [
                c.pk,
                c.instrument_id,
                c.reference,
                c.text,
                c.pillar.key if c.pillar else "",
                c.objective,
                "; ".join(leads.get(c.pk, [])),
                "; ".join(partners.get(c.pk, [])),
                c.deadline,
                c.deadline_text,
                c.target,
                c.budget_amount,
                c.budget_currency,
                c.strength,
                r.self.status if r.self else "",
                r.self.period_label if r.self else "",
                r.shadow.status if r.shadow else "",
                r.shadow.period_label if r.shadow else "",
                r.joint.status if r.joint else "",
                r.disagree,
                r.shadow_lower,
            ]
        )
    data.tables["commitments"] = rows
    data.tables["assessments"] = [
        [
            c.pk,
            c.reference,
            c.strength,
            str(c.assessment.get("explanation") or ""),
            "; ".join(map(str, c.assessment.get("missing") or [])),
            "; ".join(map(str, c.assessment.get("hedges") or [])),
            " | ".join(map(str, c.assessment.get("suggestions") or [])),
            c.analyser_version,
        ]
        for c in commitments
        if c.assessment
    ]
    updates = (
        ProgressUpdate.objects.filter(
            report__status=ReportStatus.PUBLISHED, commitment__in=Commitment.objects.public()
        )
        .select_related("report__period", "report__organisation", "commitment")
        .order_by("report__period__start", "report_id", "commitment_id")
    )
    data.tables["progress_updates"] = [
        [
            u.report_id,
            u.report.period.label,
            u.report.kind,
            u.report.organisation.name,
            u.commitment_id,
            u.commitment.reference,
            u.status,
            u.narrative,
            u.challenges,
            u.report.published_at,
        ]
        for u in updates
    ]
    indicators = list(Indicator.objects.visible_publicly().order_by("pk"))
    data.tables["indicators"] = [
        [
            i.pk,
            i.commitment_id,
            i.code,
            i.definition,
            i.measure,
            i.unit,
            i.direction,
            i.aggregation,
            i.baseline,
            i.target,
            i.sensitivity,
            i.is_security_threat,
        ]
        for i in indicators
    ]
    by_id = {i.pk: i for i in indicators}
    values = (
        IndicatorValue.objects.filter(
            indicator__in=Indicator.objects.visible_publicly(),
            report__status=ReportStatus.PUBLISHED,
        )
        .select_related("report__period", "report__organisation")
        .order_by("indicator_id", "report__period__start", "report_id", "disaggregation_key")
    )
    data.tables["indicator_values"] = [
        [
            v.indicator_id,
            by_id[v.indicator_id].commitment_id,
            v.report.period.label,
            v.report.kind,
            v.report.organisation.name,
            v.disaggregation_key,
            queries.display_value(by_id[v.indicator_id], v.number(), public=True),
            v.text_value,
            v.missing_reason,
        ]
        for v in values
    ]
    lines = (
        BudgetLine.objects.filter(commitment__in=Commitment.objects.public())
        .select_related("commitment", "funder")
        .order_by("commitment_id", "fiscal_year", "currency", "source")
    )
    data.tables["budget_lines"] = [
        [
            b.commitment_id,
            b.commitment.reference,
            b.fiscal_year,
            b.currency,
            b.source,
            b.funder.name if b.funder else "",
            b.allocated,
            b.disbursed,
            b.spent,
        ]
        for b in lines
    ]
    rows = []
    for snap in ScorecardSnapshot.objects.order_by("pk"):
        for key, value in sorted(snap.scorecard().values().items()):
            rows.append(
                [
                    snap.pk,
                    snap.scope,
                    snap.scope_key,
                    snap.scope_name,
                    snap.period,
                    snap.method_version,
                    snap.published_at,
                    key,
                    value,
                ]
            )
    data.tables["scorecards"] = rows
    return data


# --- writers (pure) ----------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _tables(data: OpenData, only: str | None) -> Iterator[tuple[str, list[str], list[list[Any]]]]:
    for table in TABLES:
        if only is None or table.name == only:
            yield table.name, table.column_names(), data.tables.get(table.name, [])
    if only is None or only == "data_dictionary":
        yield "data_dictionary", list(DICTIONARY_COLUMNS), dictionary_rows()  # type: ignore[misc]


def table_csv(data: OpenData, name: str) -> bytes:
    """One table (or ``data_dictionary``) as UTF-8 CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for _name, header, rows in _tables(data, name):
        writer.writerow(header)
        writer.writerows([_text(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def to_csv_zip(data: OpenData) -> bytes:
    """A zip with one CSV per table and ``data_dictionary.csv``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, _header, _rows in _tables(data, None):
            archive.writestr(f"{name}.csv", table_csv(data, name))
    return out.getvalue()


def to_xlsx(data: OpenData) -> bytes:
    """A workbook with one sheet per table and a ``data_dictionary`` sheet."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, header, rows in _tables(data, None):
        sheet = book.create_sheet(title=name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_records(data: OpenData, name: str) -> list[dict[str, Any]]:
    """One table as a list of objects keyed by column name."""
    return [
        {col: _json_value(v) for col, v in zip(header, row, strict=True)}
        for _n, header, rows in _tables(data, name)
        for row in rows
    ]


def to_json(data: OpenData) -> bytes:
    """Every table as lists of objects, with the data dictionary."""
    doc = {
        "generated_at": data.generated_at.isoformat(),
        "tables": {name: table_records(data, name) for name in TABLE_NAMES},
        "data_dictionary": table_records(data, "data_dictionary"),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


WRITERS: dict[str, Callable[[OpenData], bytes]] = {
    "csv": to_csv_zip,
    "xlsx": to_xlsx,
    "json": to_json,
}


def export(fmt: str, *, now: dt.datetime) -> bytes:
    """The published ledger in ``fmt`` (csv, xlsx or json)."""
    if fmt not in WRITERS:
        raise ValueError(fmt)
    return WRITERS[fmt](collect(now=now))
