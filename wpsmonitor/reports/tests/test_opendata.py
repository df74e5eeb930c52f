from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone

from wpsmonitor.commitments.models import ReportKind
from wpsmonitor.reports import opendata
from wpsmonitor.reports.services import snapshot_publish
from wpsmonitor.testing import builders

from .conftest import TODAY

pytestmark = pytest.mark.django_db

SECRETS = ("Draft plan title", "Draft narrative never published", "Restricted count of threats")


@pytest.fixture
def ledger(monitored, scene, administrator):  # noqa: ANN001, ANN201
    """The monitored plan, a draft instrument, a draft shadow report and a snapshot."""
    builders.instrument(issuer=scene.ministry, title="Draft plan title")
    period = monitored.periods[-1]
    draft = builders.report(
        period,
        organisation_=scene.cso,
        kind=ReportKind.JOINT,
        by=scene.monitor,
        statuses={monitored.commitments[0]: "complete"},
        narrative="Draft narrative never published",
    )
    assert draft.status == "draft"
    snapshot_publish(
        scope="instrument", key=monitored.plan.slug, period="2024", by=administrator, today=TODAY
    )
    return monitored


def download(client, fmt: str) -> bytes:  # noqa: ANN001
    response = client.get(f"/reports/open-data/ledger.{opendata.FILE_SUFFIX[fmt]}")
    assert response.status_code == 200
    assert response["Content-Type"] == opendata.CONTENT_TYPES[fmt]
    return response.content


def texts_of(fmt: str, content: bytes) -> dict[str, list[list[str]]]:
    """Every table of an export as rows of text, header first."""
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return {
                name.removesuffix(".csv"): list(
                    csv.reader(io.StringIO(archive.read(name).decode()))
                )
                for name in archive.namelist()
            }
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return {
            sheet.title: [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            for sheet in book.worksheets
        }
    doc = json.loads(content)
    tables = {**doc["tables"], "data_dictionary": doc["data_dictionary"]}
    out = {}
    for name, records in tables.items():
        header = list(records[0]) if records else []
        out[name] = [header] + [["" if v is None else str(v) for v in r.values()] for r in records]
    return out


@pytest.mark.parametrize("fmt", opendata.FORMATS)
@pytest.mark.parametrize("who", ["anonymous", "viewer"])
def test_downloads_hold_no_unpublished_draft_or_restricted_data(ledger, scene, client, fmt, who):
    if who == "viewer":
        client.force_login(scene.viewer)
    tables = texts_of(fmt, download(client, fmt))
    flat = "\n".join(cell for rows in tables.values() for row in rows for cell in row)
    for secret in SECRETS:
        assert secret not in flat
    assert ledger.plan.title in flat
    indicator_ids = {row[0] for row in tables["indicators"][1:]}
    assert str(ledger.restricted_indicator.pk) not in indicator_ids


@pytest.mark.parametrize("fmt", opendata.FORMATS)
def test_small_confidential_counts_are_shown_as_under_five_in_every_format(ledger, client, fmt):
    tables = texts_of(fmt, download(client, fmt))
    header, *rows = tables["indicator_values"]
    ind, value = header.index("indicator_id"), header.index("value")
    secret = [r[value] for r in rows if r[ind] == str(ledger.confidential_indicator.pk)]
    assert secret and set(secret) == {"<5"}
    public = [r[value] for r in rows if r[ind] == str(ledger.public_indicator.pk)]
    assert "40" in public


@pytest.mark.parametrize("fmt", opendata.FORMATS)
def test_every_export_carries_every_table_and_the_data_dictionary(ledger, client, fmt):
    tables = texts_of(fmt, download(client, fmt))
    assert set(tables) == {*opendata.TABLE_NAMES, "data_dictionary"}
    for table in opendata.TABLES:
        assert tables[table.name][0] == table.column_names(), table.name
    described = {(r[0], r[1]) for r in tables["data_dictionary"][1:]}
    for table in opendata.TABLES:
        assert {(table.name, c) for c in table.column_names()} <= described


def test_ratings_narratives_and_snapshot_figures_are_exported(ledger):
    data = opendata.collect(now=timezone.now())
    narratives = [row[7] for row in data.tables["progress_updates"]]
    assert any(n.startswith("Network findings") for n in narratives)
    commitments = {row[0]: row for row in data.tables["commitments"]}
    first = commitments[ledger.commitments[1].pk]
    header = opendata.TABLES[1].column_names()
    assert first[header.index("self_status")] == "substantial"
    assert first[header.index("shadow_status")] == "limited"
    assert first[header.index("shadow_lower")] is True
    figures = {row[7]: row[8] for row in data.tables["scorecards"]}
    assert figures["total"] == "8"


def test_single_tables_are_served_as_json_and_csv(ledger, client):
    response = client.get("/reports/open-data/tables/budget_lines.json")
    assert response.status_code == 200
    assert response.json()[0]["allocated"] == "10000.00"
    response = client.get("/reports/open-data/tables/data_dictionary.csv")
    assert response.content.decode().startswith("table,column,type,description")
    assert client.get("/reports/open-data/tables/secrets.json").status_code == 404
    assert client.get("/reports/open-data/ledger.pdf").status_code == 404


def test_the_open_data_page_links_every_download(client, db):
    response = client.get("/reports/open-data/")
    assert response.status_code == 200
    page = response.content.decode()
    for suffix in opendata.FILE_SUFFIX.values():
        assert f"/reports/open-data/ledger.{suffix}" in page
    assert "budget_lines" in page


def test_the_documented_data_dictionary_is_the_generated_one():
    docs = Path(__file__).resolve().parents[3] / "docs" / "open-data.md"
    assert opendata.dictionary_markdown().strip() in docs.read_text(encoding="utf-8")


def _export_queries(client) -> int:  # noqa: ANN001
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/reports/open-data/ledger.json").status_code == 200
    return len(ctx.captured_queries)


def test_export_queries_do_not_grow_with_data(scene, client, administrator):
    kw = dict(
        ministry=scene.ministry,
        cso=scene.cso,
        focal_point=scene.focal_point,
        monitor=scene.monitor,
        years=(2024,),
    )
    plan = builders.MonitoredPlan(n_commitments=4, **kw)
    snapshot_publish(scope="instrument", key=plan.plan.slug, by=administrator, today=TODAY)
    small = _export_queries(client)
    plan = builders.MonitoredPlan(n_commitments=12, **kw)
    snapshot_publish(scope="instrument", key=plan.plan.slug, by=administrator, today=TODAY)
    assert _export_queries(client) == small
